/* The operations JavaScript sees. Each decodes its string arguments, calls
 * the core and returns a value tree; src/binding.c runs them sync or on the
 * threadpool without knowing what they do. */

#include "diagnose.h"
#include "errtext.h"
#include "fsd.h"
#include "platform.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int fsd__oom(fsd_fail_t *fail) {
  fail->err = ENOMEM;
  fail->syscall = "malloc";
  return -1;
}

static int fsd__done(fsd_arena_t *a, fsd_val_t *v, fsd_val_t **out,
                     fsd_fail_t *fail) {
  if (v == NULL || fsd_arena_oom(a)) return fsd__oom(fail);
  *out = v;
  return 0;
}

static int fsd__probe_status(int rc, fsd_fail_t *fail) {
  if (rc == 0) return 0;
  fail->err = rc;
  if (fail->syscall == NULL) fail->syscall = "probe";
  return -1;
}

static int fsd__op_fsinfo(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                          fsd_val_t **out, fsd_fail_t *fail) {
  fsd_fsinfo_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__probe_status(fsd_fsinfo(a, args[0].s, &r, fail), fail)) return -1;
  return fsd__done(a, fsd_fsinfo_val(a, &r), out, fail);
}

static int fsd__op_pathinfo(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                            fsd_val_t **out, fsd_fail_t *fail) {
  fsd_pathinfo_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__probe_status(fsd_pathinfo(a, args[0].s, &r, fail), fail)) return -1;
  return fsd__done(a, fsd_pathinfo_val(a, &r), out, fail);
}

static int fsd__op_privileges(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                              fsd_val_t **out, fsd_fail_t *fail) {
  fsd_privileges_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__probe_status(fsd_privileges(a, args[0].s, &r, fail), fail))
    return -1;
  return fsd__done(a, fsd_privileges_val(a, &r), out, fail);
}

static int fsd__op_holders(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                           fsd_val_t **out, fsd_fail_t *fail) {
  fsd_holders_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__probe_status(fsd_holders(a, args[0].s, &r, fail), fail)) return -1;
  return fsd__done(a, fsd_holders_val(a, &r), out, fail);
}

static int fsd__op_linkinfo(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                            fsd_val_t **out, fsd_fail_t *fail) {
  fsd_linkinfo_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__probe_status(fsd_linkinfo(a, args[0].s, &r, fail), fail)) return -1;
  return fsd__done(a, fsd_linkinfo_val(a, &r), out, fail);
}

static int fsd__op_limits(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                          fsd_val_t **out, fsd_fail_t *fail) {
  fsd_limits_t r;
  (void)args;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__probe_status(fsd_limits(a, &r, fail), fail)) return -1;
  return fsd__done(a, fsd_limits_val(a, &r), out, fail);
}

static int fsd__op_platform(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                            fsd_val_t **out, fsd_fail_t *fail) {
  fsd_val_t *v = fsd_obj(a);
  (void)args;
  (void)n;
  fsd_set_str(a, v, "platform", fsd_platform_name());
  fsd_set_bool(a, v, "wsl", fsd_platform_is_wsl());
  return fsd__done(a, v, out, fail);
}

static int fsd__op_parse(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                         fsd_val_t **out, fsd_fail_t *fail) {
  fsd_parsed_err_t *errs = NULL;
  size_t count = 0;
  (void)n;
  if (args[0].s == NULL) return fsd__done(a, fsd_arr(a), out, fail);
  if (fsd_parse_errors(a, args[0].s, args[0].len, &errs, &count) != 0)
    return fsd__oom(fail);
  return fsd__done(a, fsd_parsed_val(a, errs, count), out, fail);
}

/* Arguments of _diagnose, in order. */
enum {
  FSD__D_CODE,
  FSD__D_ERRNO,
  FSD__D_SYSCALL,
  FSD__D_PATH,
  FSD__D_DEST,
  FSD__D_MESSAGE,
  FSD__D_PLATFORM,
  FSD__D_LIVE,
  FSD__D_HOLDERS,
  FSD__D_EXEC_PATH,
  FSD__D_NPM_CACHE,
  FSD__D_NPM_PREFIX,
  FSD__D_CWD,
  FSD__D_COUNT
};

static int fsd__flag(const fsd_arg_t *arg) {
  return arg->s != NULL && arg->s[0] == '1';
}

static int fsd__op_diagnose(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                            fsd_val_t **out, fsd_fail_t *fail) {
  fsd_error_t err;
  fsd_gather_opts_t opts;
  fsd_evidence_t ev;
  char *end = NULL;
  (void)n;
  memset(&err, 0, sizeof(err));
  memset(&opts, 0, sizeof(opts));
  memset(&ev, 0, sizeof(ev));
  err.code = args[FSD__D_CODE].s;
  if (args[FSD__D_ERRNO].s != NULL && args[FSD__D_ERRNO].s[0] != '\0') {
    long long v = strtoll(args[FSD__D_ERRNO].s, &end, 10);
    if (end != NULL && *end == '\0') {
      err.has_errno = 1;
      err.errnum = (int64_t)v;
    }
  }
  err.syscall = args[FSD__D_SYSCALL].s;
  err.path = args[FSD__D_PATH].s;
  err.dest = args[FSD__D_DEST].s;
  err.message = args[FSD__D_MESSAGE].s;
  err.platform = args[FSD__D_PLATFORM].s;
  opts.live = fsd__flag(&args[FSD__D_LIVE]);
  opts.scan_holders = fsd__flag(&args[FSD__D_HOLDERS]);
  opts.exec_path = args[FSD__D_EXEC_PATH].s;
  opts.npm_cache = args[FSD__D_NPM_CACHE].s;
  opts.npm_prefix = args[FSD__D_NPM_PREFIX].s;
  opts.cwd = args[FSD__D_CWD].s;
  ev.win32_error = -1;
  ev.is_wsl = FSD_UNKNOWN;
  if (opts.live && fsd_gather(a, &err, &opts, &ev) != 0) return fsd__oom(fail);
  return fsd__done(a, fsd_diagnose(a, &err, &ev, opts.live), out, fail);
}

const fsd_op_t fsd_ops[] = {
    {"fsInfo", fsd__op_fsinfo, 1},
    {"pathInfo", fsd__op_pathinfo, 1},
    {"privileges", fsd__op_privileges, 1},
    {"holders", fsd__op_holders, 1},
    {"linkInfo", fsd__op_linkinfo, 1},
    {"limits", fsd__op_limits, 0},
    {"platformInfo", fsd__op_platform, 0},
    {"parseErrors", fsd__op_parse, 1},
    {"diagnose", fsd__op_diagnose, FSD__D_COUNT},
    {NULL, NULL, 0}};
