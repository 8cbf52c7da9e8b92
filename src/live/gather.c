/* Runs the probes an error calls for, and only those: the rules in rules.c
 * and rules_fs.c read nothing else, so a probe whose answer no rule would
 * look at is skipped (the holder scan and live link probes cost the most). */

#include "engine/engine.h"

#include <errno.h>
#include <string.h>

#define CODE(t) fsd__is(code, (t))

static int fsd__want(const char *code, const char *const *list) {
  return fsd__one_of(code, list);
}

/* Each probe fills a fresh struct; a probe that fails leaves NULL behind
 * (the rules treat that as "not measured"). Only running out of memory is
 * an error. */
#define FSD__PROBE(type, call, dst)                      \
  do {                                                   \
    type *p_ = fsd_alloc(a, sizeof(type));               \
    fsd_fail_t f_;                                       \
    int r_;                                              \
    if (p_ == NULL) return ENOMEM;                       \
    memset(&f_, 0, sizeof(f_));                          \
    r_ = call;                                           \
    if (r_ == ENOMEM || fsd_arena_oom(a)) return ENOMEM; \
    if (r_ == 0) (dst) = p_;                             \
  } while (0)

static int fsd__gather_links(fsd_arena_t *a, const char *code,
                             const fsd_error_t *err, fsd_evidence_t *out) {
  const fsd_pathinfo_t *pi = out->path;
  const fsd_linkinfo_t *l = NULL;
  size_t i;
  if (CODE("EMLINK")) {
    const char *target = err->path;
    if (fsd__is(err->syscall, "mkdir")) target = fsd__parent(a, err->path);
    if (fsd__is(err->syscall, "rename") && err->dest != NULL)
      target = fsd__parent(a, err->dest);
    if (target != NULL)
      FSD__PROBE(fsd_linkinfo_t, fsd_linkinfo(a, target, p_, &f_), out->link);
    return 0;
  }
  FSD__PROBE(fsd_linkinfo_t, fsd_linkinfo(a, err->path, p_, &f_), l);
  out->link = l;
  if (l != NULL && (l->loop || l->broken)) return 0;
  /* The culprit may be a symlink higher up: /p/node_modules/dep/x where dep
   * dangles. Ask each symlink component, from the top. */
  if (pi == NULL) return 0;
  for (i = 0; i + 1 < pi->ncomponents; i++) {
    const fsd_linkinfo_t *cl = NULL;
    if (!fsd__is(pi->components[i].type, "symlink")) continue;
    FSD__PROBE(fsd_linkinfo_t, fsd_linkinfo(a, pi->components[i].path, p_, &f_),
               cl);
    if (cl != NULL && (cl->loop || cl->broken)) {
      out->link = cl;
      return 0;
    }
  }
  return 0;
}

int fsd_gather(fsd_arena_t *a, const fsd_error_t *err,
               const fsd_gather_opts_t *opts, fsd_evidence_t *out) {
  static const char *const fs_codes[] = {
      "EPERM",      "EACCES", "EROFS",  "EBUSY",        "EMLINK",
      "ENOSPC",     "EDQUOT", "EXDEV",  "ENAMETOOLONG", "ENOTSUP",
      "EOPNOTSUPP", "ENOSYS", "EIO",    "ESTALE",       "ENOTEMPTY",
      "EINVAL",     "ENOLCK", "EAGAIN", "EEXIST",       NULL};
  static const char *const path_codes[] = {
      "EPERM", "EACCES", "ENOENT", "ELOOP", "ENOTDIR", "EEXIST", NULL};
  static const char *const hold_codes[] = {
      "EBUSY", "EPERM", "EACCES", "ETXTBSY", "ENOTEMPTY", "EAGAIN", NULL};
  static const char *const lim_codes[] = {"EMFILE", "ENFILE", "ENOSPC", NULL};
  const char *code = err->code, *sys = err->syscall;
  int linkish = fsd__is(sys, "symlink") || fsd__is(sys, "link");
  int two = err->dest != NULL && err->dest[0] != '\0';

  out->exec_path = opts->exec_path;
  out->npm_cache = opts->npm_cache;
  out->npm_prefix = opts->npm_prefix;
  out->is_wsl = fsd_platform_is_wsl();
  if (code == NULL) return 0;

  if (err->path != NULL &&
      (fsd__want(code, fs_codes) || (CODE("ENOENT") && fsd__is(sys, "mkdir"))))
    FSD__PROBE(fsd_fsinfo_t, fsd_fsinfo(a, err->path, p_, &f_), out->fs);
  /* write() errors carry no path (Node reports only the syscall); the
   * working directory is the best place left to measure. */
  if (err->path == NULL && opts->cwd != NULL &&
      (CODE("ENOSPC") || CODE("EDQUOT") || CODE("EROFS")))
    FSD__PROBE(fsd_fsinfo_t, fsd_fsinfo(a, opts->cwd, p_, &f_), out->fs);
  if (two && (CODE("EXDEV") || CODE("EBUSY") || linkish || CODE("ENOSPC") ||
              CODE("EDQUOT") ||
              ((CODE("EPERM") || CODE("EACCES") || CODE("EROFS")) &&
               fsd__is(sys, "rename"))))
    FSD__PROBE(fsd_fsinfo_t, fsd_fsinfo(a, err->dest, p_, &f_), out->dest_fs);
  if (err->path != NULL && fsd__want(code, path_codes))
    FSD__PROBE(fsd_pathinfo_t, fsd_pathinfo(a, err->path, p_, &f_), out->path);
  if (two && (CODE("EPERM") || CODE("EACCES") || CODE("EEXIST")))
    FSD__PROBE(fsd_pathinfo_t, fsd_pathinfo(a, err->dest, p_, &f_), out->dest);
  if (err->path != NULL &&
      (CODE("EMLINK") || CODE("ELOOP") || CODE("ENOENT"))) {
    int r = fsd__gather_links(a, code, err, out);
    if (r != 0) return r;
  }
  if (fsd__want(code, lim_codes) || fsd__is(sys, "watch"))
    FSD__PROBE(fsd_limits_t, fsd_limits(a, p_, &f_), out->limits);
  if (CODE("EPERM") || CODE("EACCES") || CODE("ENOSYS") || CODE("ENOTSUP") ||
      CODE("EOPNOTSUPP")) {
    /* The live symlink/hard-link probe creates and removes an entry; run it
     * only where the failed call was one of those. */
    const char *dir = NULL;
    if (linkish) dir = fsd__parent(a, two ? err->dest : err->path);
    FSD__PROBE(fsd_privileges_t, fsd_privileges(a, dir, p_, &f_), out->priv);
  }
  /* libuv folds several Win32 errors into one code (sharing and lock
   * violations into EBUSY, access denied and a missing privilege into
   * EPERM); a harmless reopen recovers which one it was. */
  if (err->path != NULL && fsd__is(fsd_platform_name(), "win32") &&
      (CODE("EPERM") || CODE("EBUSY") || CODE("EACCES") || CODE("UNKNOWN") ||
       CODE("EMLINK"))) {
    const char *target = linkish && two ? err->dest : err->path;
    fsd_win32_error(a, target, sys, &out->win32_error,
                    &out->win32_error_name);
    if (out->win32_error == 0 && two && fsd__is(sys, "rename"))
      fsd_win32_error(a, err->dest, "rename-dest", &out->win32_error,
                      &out->win32_error_name);
  }
  /* An open file makes EPERM/EACCES only on Windows (sharing violations);
   * on POSIX the scan could not change the answer, so it is skipped. */
  if (opts->scan_holders && err->path != NULL && fsd__want(code, hold_codes) &&
      ((!CODE("EPERM") && !CODE("EACCES")) ||
       fsd__is(fsd_platform_name(), "win32")))
    FSD__PROBE(fsd_holders_t, fsd_holders(a, err->path, NULL, p_, &f_), out->holders);
  return 0;
}
