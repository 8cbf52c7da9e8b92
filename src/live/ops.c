/* The operations JavaScript sees. Each decodes its string arguments, calls
 * the core and returns a value tree; src/binding.c runs them sync or on the
 * threadpool without knowing what they do. */

#include "engine/diagnose.h"
#include "engine/engine.h"
#include "fsd.h"
#include "platform.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int fsd__done(fsd_arena_t *a, fsd_val_t *v, fsd_val_t **out,
                     fsd_fail_t *fail) {
  if (v == NULL || fsd_arena_oom(a)) return fsd_fail_oom(fail);
  *out = v;
  return 0;
}

static int fsd__probe_status(int rc, fsd_fail_t *fail) {
  if (rc == 0) return 0;
  fail->err = rc;
  if (fail->syscall == NULL) fail->syscall = "probe";
  return -1;
}

/* The path a probe takes: a string or bytes. lib/ checks it before the
 * addon sees it; the binding called directly without one gets EINVAL, not
 * a NULL path. */
static int fsd__path_arg(const fsd_arg_t *arg, const char *syscall,
                         fsd_fail_t *fail) {
  if (arg->type == FSD_ARG_STR && arg->s != NULL) return 0;
  fail->err = EINVAL;
  fail->syscall = syscall;
  fail->message = "the path must be a string or a Buffer";
  return -1;
}

static int fsd__op_fsinfo(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                          fsd_val_t **out, fsd_fail_t *fail) {
  fsd_fsinfo_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__path_arg(&args[0], "fsinfo", fail)) return -1;
  if (fsd__probe_status(fsd_fsinfo(a, args[0].s, &r, fail), fail)) return -1;
  return fsd__done(a, fsd_fsinfo_val(a, &r), out, fail);
}

static int fsd__op_pathinfo(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                            fsd_val_t **out, fsd_fail_t *fail) {
  fsd_pathinfo_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__path_arg(&args[0], "pathinfo", fail)) return -1;
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

/* holders(path, { threads, lease }): the options as fsd_decode leaves
 * them, on top of FSD_HOLDERS_OPTS_INIT. */
typedef struct {
  double threads;
  int lease;
} fsd__holders_args_t;

static const fsd_field_t fsd__holders_fields[] = {
    {"threads", FSD_ARG_NUM, offsetof(fsd__holders_args_t, threads),
     FSD_NO_LEN},
    {"lease", FSD_ARG_BOOL, offsetof(fsd__holders_args_t, lease), FSD_NO_LEN},
    {NULL, FSD_ARG_NONE, 0, 0}};

static int fsd__holders_opts(fsd_arena_t *a, const fsd_arg_t *arg,
                             fsd_holders_opts_t *o, fsd_fail_t *fail) {
  fsd__holders_args_t in;
  in.threads = o->threads;
  in.lease = o->lease;
  if (fsd_decode(a, arg, "options", fsd__holders_fields, &in, fail) != 0)
    return -1;
  /* 0 (or anything below 1, NaN included) is the automatic count. */
  o->threads = in.threads >= FSD_HOLDERS_MAX_THREADS ? FSD_HOLDERS_MAX_THREADS
               : in.threads >= 1                     ? (int)in.threads
                                                     : 0;
  o->lease = in.lease != 0;
  return 0;
}

static int fsd__op_holders(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                           fsd_val_t **out, fsd_fail_t *fail) {
  fsd_holders_opts_t o = FSD_HOLDERS_OPTS_INIT;
  fsd_holders_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__holders_opts(a, &args[1], &o, fail) != 0) return -1;
  if (fsd__path_arg(&args[0], "holders", fail)) return -1;
  if (fsd__probe_status(fsd_holders(a, args[0].s, &o, &r, fail), fail))
    return -1;
  return fsd__done(a, fsd_holders_val(a, &r), out, fail);
}

static int fsd__op_linkinfo(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                            fsd_val_t **out, fsd_fail_t *fail) {
  fsd_linkinfo_t r;
  (void)n;
  memset(&r, 0, sizeof(r));
  if (fsd__path_arg(&args[0], "linkinfo", fail)) return -1;
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
  (void)n;
  return fsd_parse_request(a, &args[0], out, fail);
}

/* diagnose(request): the whole of it is src/engine/request.c; the addon
 * adds the probes and says which platform it was built for. */
static int fsd__op_diagnose(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                            fsd_val_t **out, fsd_fail_t *fail) {
  (void)n;
  return fsd_diagnose_request(a, &args[0], fsd_gather, fsd_platform_name(),
                              out, fail);
}

/* fixes(request) and quote(request): a cause's fixes, or one value quoted,
 * by the rules a diagnosis uses (src/engine/fixes_request.c). */
static int fsd__op_fixes(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                         fsd_val_t **out, fsd_fail_t *fail) {
  (void)n;
  return fsd_fixes_request(a, &args[0], out, fail);
}

static int fsd__op_quote(fsd_arena_t *a, const fsd_arg_t *args, size_t n,
                         fsd_val_t **out, fsd_fail_t *fail) {
  (void)n;
  return fsd_quote_request(a, &args[0], out, fail);
}

const fsd_op_t fsd_ops[] = {
    {"fsInfo", fsd__op_fsinfo, 1},
    {"pathInfo", fsd__op_pathinfo, 1},
    {"privileges", fsd__op_privileges, 1},
    {"holders", fsd__op_holders, 2},
    {"linkInfo", fsd__op_linkinfo, 1},
    {"limits", fsd__op_limits, 0},
    {"platformInfo", fsd__op_platform, 0},
    {"parseErrors", fsd__op_parse, 1},
    {"diagnose", fsd__op_diagnose, 1},
    {"fixes", fsd__op_fixes, 1},
    {"quote", fsd__op_quote, 1},
    {NULL, NULL, 0}};
