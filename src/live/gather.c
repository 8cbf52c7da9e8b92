/* Runs the probes an error calls for, and only those: each cause declares
 * which probes it reads for which codes and system calls (its wants, in
 * src/causes/), and a probe runs when some cause wants it for this error
 * (fsd__wanted). The holder scan and the live link test cost the most. */

#include "engine/engine.h"

#include <errno.h>
#include <string.h>

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

/* The link probe: the inode that a new link goes to (at) for a link count,
 * else the path's symlink chain; when the path itself neither loops nor
 * dangles, the culprit may be a symlink higher up (/p/node_modules/dep/x
 * where dep dangles), so each symlink component is asked, from the top. */
static int fsd__gather_links(fsd_arena_t *a, const fsd_error_t *err,
                             const char *host, fsd_evidence_t *out) {
  const fsd_pathinfo_t *pi = out->path;
  const fsd_linkinfo_t *l = NULL;
  const char *at = NULL;
  size_t i;
  if (fsd__wanted(a, err, host, FSD__PROBE_NLINK, &at)) {
    if (at != NULL)
      FSD__PROBE(fsd_linkinfo_t, fsd_linkinfo(a, at, p_, &f_), out->link);
    return 0;
  }
  if (!fsd__wanted(a, err, host, FSD__PROBE_LINKS, NULL)) return 0;
  FSD__PROBE(fsd_linkinfo_t, fsd_linkinfo(a, err->path, p_, &f_), l);
  out->link = l;
  if (l != NULL && (l->loop || l->broken)) return 0;
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
  const char *sys = err->syscall, *host = fsd_platform_name(), *at = NULL;
  int linkish = fsd__is(sys, "symlink") || fsd__is(sys, "link");
  int two = err->dest != NULL && err->dest[0] != '\0';
  /* A program's bare name is no path: PATH is searched for it. */
  int program = fsd__bare_program(err);
  int path = err->path != NULL && !program;

#define WANT(probe) fsd__wanted(a, err, host, (probe), NULL)
  out->exec_path = opts->exec_path;
  out->npm_cache = opts->npm_cache;
  out->npm_prefix = opts->npm_prefix;
  out->is_wsl = fsd_platform_is_wsl();
  if (err->code == NULL) return 0;

  if (path && WANT(FSD__PROBE_FS))
    FSD__PROBE(fsd_fsinfo_t, fsd_fsinfo(a, err->path, p_, &f_), out->fs);
  /* write() errors carry no path (Node reports only the syscall); the
   * working directory is the best place left to measure. */
  if (!path && opts->cwd != NULL && WANT(FSD__PROBE_CWD_FS))
    FSD__PROBE(fsd_fsinfo_t, fsd_fsinfo(a, opts->cwd, p_, &f_), out->fs);
  if (two && WANT(FSD__PROBE_DEST_FS))
    FSD__PROBE(fsd_fsinfo_t, fsd_fsinfo(a, err->dest, p_, &f_), out->dest_fs);
  if (path && WANT(FSD__PROBE_PATH))
    FSD__PROBE(fsd_pathinfo_t, fsd_pathinfo(a, err->path, p_, &f_), out->path);
  if (two && WANT(FSD__PROBE_DEST_PATH))
    FSD__PROBE(fsd_pathinfo_t, fsd_pathinfo(a, err->dest, p_, &f_), out->dest);
  if (path) {
    int r = fsd__gather_links(a, err, host, out);
    if (r != 0) return r;
  }
  if (err->path != NULL && fsd__exec_call(sys) && WANT(FSD__PROBE_PROGRAM))
    FSD__PROBE(fsd_program_t,
               fsd_program(a, err->path, opts->env_path, opts->env_pathext,
                           opts->cwd, p_, &f_),
               out->program);
  /* A bare name refused (EACCES): the file the lookup met is the path. */
  if (program && out->program != NULL && fsd__is(err->code, "EACCES")) {
    const char *f = out->program->not_exec ? out->program->not_exec
                                           : out->program->found;
    if (f != NULL) {
      FSD__PROBE(fsd_pathinfo_t, fsd_pathinfo(a, f, p_, &f_), out->path);
      FSD__PROBE(fsd_fsinfo_t, fsd_fsinfo(a, f, p_, &f_), out->fs);
    }
  }
  if (WANT(FSD__PROBE_LIMITS))
    FSD__PROBE(fsd_limits_t, fsd_limits(a, p_, &f_), out->limits);
  /* The live symlink/hard-link test creates and removes an entry; it runs
   * only in a directory a cause names (where the failed call made a link). */
  if (fsd__wanted(a, err, host, FSD__PROBE_PRIV, &at))
    FSD__PROBE(fsd_privileges_t, fsd_privileges(a, at, p_, &f_), out->priv);
  /* libuv folds several Win32 errors into one code (sharing and lock
   * violations into EBUSY, access denied and a missing privilege into
   * EPERM); a harmless reopen recovers which one it was. */
  if (path && fsd__is(host, "win32") && WANT(FSD__PROBE_WIN32)) {
    const char *target = linkish && two ? err->dest : err->path;
    fsd_win32_error(a, target, sys, &out->win32_error, &out->win32_error_name);
    if (out->win32_error == 0 && two && fsd__is(sys, "rename"))
      fsd_win32_error(a, err->dest, "rename-dest", &out->win32_error,
                      &out->win32_error_name);
  }
  if (opts->scan_holders && path && WANT(FSD__PROBE_HOLDERS))
    FSD__PROBE(fsd_holders_t,
               fsd_holders(a, err->path, &opts->holders, p_, &f_),
               out->holders);
#undef WANT
  return 0;
}
