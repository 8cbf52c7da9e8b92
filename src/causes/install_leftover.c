/* install-leftover: what an interrupted install leaves in node_modules:
 * npm's ".<name>-XXXXXXXX" (reify moves a package aside under that name),
 * the old ".staging" area, pnpm's and yarn's ".pkg-*" and "*.DELETE"
 * folders. The next install trips over it (ENOTEMPTY, EEXIST, EPERM ...)
 * every time: not transient. The fix removes the leftover, which is inside
 * the project's node_modules and rebuilt by the install. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__left_codes[] = {
    "ENOTEMPTY", "EEXIST", "EPERM", "EACCES", "EBUSY",
    "EISDIR",    "ENOTDIR", "ENOENT", NULL};

/* Whether the leftover is still there: the path's and the destination's
 * components. */
const fsd__want_t fsd__wants_install_leftover[] = {
    {FSD__PROBE_PATH | FSD__PROBE_DEST_PATH, fsd__left_codes, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_install_leftover[] = {
    /* a lock file a killed or crashed run left (git's index.lock,
     * pacman's db.lck): the program makes it with O_EXCL while it works */
    {"all", NULL, NULL, "stalelock",
     "{stalelock} is a lock file: {lockprog} makes it while it works and "
     "removes it when done, so it stays when a run was killed or crashed. "
     "Make sure no {lockprog} is still running, then remove that one file "
     "(nothing else), and run the command again.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "stalelock",
     "See whether one runs, and the lock file.",
     {FSD__I_ON("lockprog", "pgrep -a -- {lockprog}"),
      FSD__I_ON("stalelock", "ls -l -- {stalelock}"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!stalelock",
     "[[{leftover} is|A folder of npm's is]] left over from an install that was interrupted. Remove "
     "it (it is inside node_modules, which the install rebuilds), then "
     "install again.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!stalelock", "Look at what is left, remove it, install again.",
     {FSD__I_ON("leftover", "ls -la {leftover}"),
      FSD__D("leftover", "rm -rf -- {leftover}"), FSD__REINSTALL_CMD("npm install --prefix {project}"),
      FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!stalelock",
     "Look at what is left, remove it, install again.",
     {FSD__I_ON("leftover", "Get-ChildItem -Force -LiteralPath {leftover}"),
      FSD__D("leftover", "Remove-Item -LiteralPath {leftover} -Recurse -Force"),
      FSD__REINSTALL_CMD("npm install --prefix {project}"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "!stalelock", "Look at what is left, remove it, install again.",
     {FSD__I_ON("leftover", "dir /a {leftover}"),
      FSD__D("leftover", "rmdir /s /q {leftover}"), FSD__REINSTALL_CMD("npm install --prefix {project}"),
      FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* The measured pathinfo of p shows it exists now. */
static int fsd__there(const fsd_pathinfo_t *pi) {
  return pi != NULL && pi->exists == 1;
}

/* The lock file an EEXIST is about, and the program that makes it:
 * git's "Unable to create '.../index.lock': File exists", pacman's "could
 * not lock database: File exists" (its db.lck). */
static const char *fsd__stale_lock(fsd__ctx_t *c, const char **prog) {
  /* git's own: the index, refs and its files under .git (a project's
   * Cargo.lock or yarn.lock there is no run's) */
  static const char *const git[] = {"/index.lock", "/head.lock",
                                    "/config.lock", "/packed-refs.lock",
                                    "/shallow.lock", "/orig_head.lock",
                                    "\\index.lock", "\\head.lock",
                                    "\\config.lock", "\\packed-refs.lock",
                                    NULL};
  static const char *const locks[] = {".lock", NULL};
  const char *p = c->path;
  if (!FSD__CODE("EEXIST")) return NULL;
  if (p == NULL && (fsd__said(c, "lock database") || fsd__said(c, "db.lck")) &&
      fsd__said(c, "pacman")) {
    *prog = "pacman";
    return "/var/lib/pacman/db.lck";
  }
  if (p == NULL) return NULL;
  /* only the programs whose lock outlives a crash: a locking library's
   * ".lock" (npm's lockfile, proper-lockfile) is most often still held */
  if ((fsd__has(p, ".git/") || fsd__has(p, ".git\\")) &&
      (fsd__ext(p, git) ||
       ((fsd__has(p, ".git/refs/") || fsd__has(p, ".git\\refs\\")) &&
        fsd__ext(p, locks))))
    *prog = "git";
  else if (fsd__has(p, "/var/lib/pacman/") && strlen(p) > 7 &&
           strcmp(p + strlen(p) - 7, "/db.lck") == 0)
    *prog = "pacman";
  return *prog != NULL ? p : NULL;
}

void fsd__rule_install_leftover(fsd__ctx_t *c) {
  const char *left = fsd__leftover(c->a, c->dest);
  const fsd_pathinfo_t *pi = c->ev->dest;
  fsd__cand_t *k;
  double conf;
  const char *prog = NULL, *lock = fsd__stale_lock(c, &prog);
  if (!fsd__one_of(c->code, fsd__left_codes)) return;
  if (lock != NULL && left == NULL) {
    k = fsd__guess(c, FSD_CAUSE_INSTALL_LEFTOVER, 0.7, "");
    if (k == NULL) return;
    fsd__var(&k->vars, "stalelock", lock);
    if (prog != NULL) fsd__var(&k->vars, "lockprog", prog);
    fsd__detail(c, k,
                "{stalelock} is a lock file, there while a run works: most "
                "often one that was killed or crashed left it, unless "
                "another run is still at work.");
    return;
  }
  if (left == NULL) {
    left = fsd__leftover(c->a, c->path);
    pi = c->ev->path;
  }
  if (left == NULL) return;
  if (FSD__CODE("ENOTEMPTY") || FSD__CODE("EEXIST") || FSD__CODE("EISDIR") ||
      FSD__CODE("ENOTDIR"))
    conf = 0.9;
  else if (FSD__CODE("ENOENT"))
    conf = 0.5;
  else
    conf = c->win ? 0.5 : 0.6;
  if (c->live && fsd__there(pi) && conf >= 0.9) conf = 0.95;
  k = c->live ? fsd__add(c, FSD_CAUSE_INSTALL_LEFTOVER, conf)
              : fsd__guess(c, FSD_CAUSE_INSTALL_LEFTOVER, conf, "");
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "leftover", left);
  if (c->live) fsd_set_bool(c->a, k->evidence, "exists", fsd__there(pi));
  fsd__var(&k->vars, "leftover", left);
  fsd__detail(c, k,
              "{leftover} is what an interrupted install leaves in "
              "node_modules; the next install fails on it until it is "
              "removed.");
}
