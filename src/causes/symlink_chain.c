/* Symlink chains: symlink-loop (ELOOP: a cycle, with the chain and the
 * cycle as evidence) and broken-symlink (ENOENT through a dangling link on
 * the path). gather measures the chain of the path, or of the first symlink
 * above it that loops or dangles (/p/node_modules/dep/x where dep dangles). */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__eloop[] = {"ELOOP", NULL};
static const char *const fsd__enoent[] = {"ENOENT", NULL};

/* The path's components tell gather which of them are symlinks. */
const fsd__want_t fsd__wants_symlink_loop[] = {
    {FSD__PROBE_PATH | FSD__PROBE_LINKS, fsd__eloop, NULL, 0, NULL},
    FSD__WANT_END};
const fsd__want_t fsd__wants_broken_symlink[] = {
    {FSD__PROBE_PATH | FSD__PROBE_LINKS, fsd__enoent, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_symlink_loop[] = {
    {"posix", "bash", NULL, "!walked",
     "Remove the link that closes the cycle ({looplink}), then run the "
     "command again.",
     {FSD__I("ls -l -- {looplink}"), FSD__D("looplink", "rm -- {looplink}"),
      FSD__REINSTALL_CMD("npm install --prefix {project}"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "!walked",
     "Remove the link or junction that closes the cycle ({looplink}).",
     {FSD__I("dir /al {looplink}"), FSD__D("looplink", "rmdir {looplink}"),
      FSD__REINSTALL_CMD("npm install --prefix {project}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, NULL, "List links that do not resolve.",
     {FSD__I("find {project} -xtype l"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_broken_symlink[] = {
    {"posix", "bash", NULL, NULL,
     "{brokenlink} points at {linktarget}, which does not exist. Remove the "
     "link (or restore its target), then run the command again.",
     {FSD__I("ls -l -- {brokenlink}"), FSD__D("brokenlink", "rm -- {brokenlink}"),
      FSD__REINSTALL_CMD("npm install --prefix {project}"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL,
     "{brokenlink} points at {linktarget}, which does not exist. Remove it "
     "(or restore its target), then run the command again.",
     {FSD__D("brokenlink", "Remove-Item -LiteralPath {brokenlink}"),
      FSD__REINSTALL_CMD("npm install --prefix {project}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, NULL, "List every dangling link in the project.",
     {FSD__I("find {project} -xtype l"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx",
     "Or remove the project's node_modules and install again, so npm "
     "recreates it and its links.",
     {FSD__D("nodeModules", "npx rimraf {nodeModules}"),
      FSD__REINSTALL_CMD("npm install --prefix {project}"), FSD__CMDS_END},
     FSD__FIX_OR},
    FSD__FIX_END};
/* clang-format on */

static void fsd__chain_ev(fsd__ctx_t *c, fsd__cand_t *k,
                          const fsd_linkinfo_t *l) {
  fsd_val_t *ch = fsd_set(k->evidence, "chain", fsd_arr(c->a));
  size_t i;
  for (i = 0; i < l->nchain; i++) fsd_push(ch, fsd_str(c->a, l->chain[i]));
}

/* ENAMETOOLONG on a path that repeats a run through node_modules: a
 * package linked into itself (a workspace or file: link), which a walker
 * follows until the path is too long. */
static void fsd__link_cycle_path(fsd__ctx_t *c) {
  size_t at = 0, len = 0, times = 0;
  const char *run;
  if (!FSD__CODE("ENAMETOOLONG") || c->path == NULL ||
      !fsd__path_repeat(c->path, &at, &len, &times))
    return;
  run = fsd_strndup(c->a, c->path + at, len);
  if (fsd__has(run, "node_modules"))
    fsd__guess(c, FSD_CAUSE_SYMLINK_LOOP, 0.87,
               "The path repeats a run through node_modules: a package is "
               "linked into itself, and the walk followed the link until the "
               "path grew too long.");
  else if (fsd__walk_call(c->syscall))
    /* Only read, never written: nothing copied the tree into itself; a
     * walker (a watcher, a glob, a test runner) followed a link back up. */
    fsd__guess(c, FSD_CAUSE_SYMLINK_LOOP, 0.87,
               "The path repeats the same run, and {syscall} only reads: a "
               "walk followed a symlink that points back at a directory "
               "above it, until the path grew too long.");
}

void fsd__rule_symlink_loop(fsd__ctx_t *c) {
  const fsd_linkinfo_t *l = c->ev->link;
  fsd_val_t *cy;
  fsd__cand_t *k;
  size_t i;
  fsd__link_cycle_path(c);
  if (!FSD__CODE("ELOOP")) return;
  if (l == NULL || !l->loop) {
    /* ChromeOS (release 90 on) will not follow symlinks where it protects
     * the user's data (the home, the stateful partition): ELOOP there is
     * its policy, not a cycle. Its user is chronos; inside Crostini's
     * Linux container (penguin) the host's policy does not apply. */
    int chromeos = !c->live &&
                   (fsd__said(c, "chronos@localhost") ||
                    fsd__said(c, "/home/chronos/") ||
                    fsd__said(c, "/mnt/stateful_partition/")) &&
                   !fsd__said(c, "crostini") && !fsd__said(c, "penguin");
    if (chromeos) {
      k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.75,
                     "ChromeOS refuses to follow symlinks in the places it "
                     "protects (the home directory, the stateful "
                     "partition) since release 90: ELOOP there is its "
                     "policy, not a cycle.");
      if (k != NULL) fsd__var(&k->vars, "chromeos", "1");
    }
    fsd__guess(c, FSD_CAUSE_SYMLINK_LOOP, chromeos ? 0.5 : 0.85,
               "Resolving {path} followed too many symlinks: a cycle, or a "
               "very long chain.");
    return;
  }
  k = fsd__add(c, FSD_CAUSE_SYMLINK_LOOP, 0.97);
  if (k == NULL) return;
  fsd__chain_ev(c, k, l);
  cy = fsd_set(k->evidence, "cycle", fsd_arr(c->a));
  for (i = l->loop_start; i < l->nchain; i++)
    fsd_push(cy, fsd_str(c->a, l->chain[i]));
  if (l->loop_start < l->nchain)
    fsd__var(&k->vars, "looplink", l->chain[l->nchain - 1]);
  k->detail = fsd_printf(c->a, "The links form a cycle: %s", "");
  for (i = l->loop_start; i < l->nchain; i++)
    k->detail = fsd_printf(c->a, "%s%s%s", k->detail,
                           i > l->loop_start ? " -> " : "", l->chain[i]);
  if (l->loop_start < l->nchain)
    k->detail =
        fsd_printf(c->a, "%s -> %s.", k->detail, l->chain[l->loop_start]);
}

/* A file in a Hugging Face cache's snapshots/<revision>/ (not the
 * revision's folder itself). */
static int fsd__hf_snapshot_file(const char *p) {
  const char *s, *r;
  size_t n;
  if (p == NULL || (!fsd__has(p, "models--") && !fsd__has(p, "datasets--")))
    return 0;
  s = strstr(p, "/snapshots/");
  if (s == NULL) return 0;
  r = strchr(s + 11, '/'); /* after the revision */
  n = strlen(p);
  return r != NULL && r[1] != '\0' && p[n - 1] != '/';
}

void fsd__rule_broken_symlink(fsd__ctx_t *c) {
  const fsd_linkinfo_t *l = c->ev->link;
  fsd__cand_t *k;
  if (!FSD__CODE("ENOENT")) return;
  if (l != NULL && l->broken) {
    /* The last hop is the missing target when it was reached, otherwise
     * the link whose target could not be followed. */
    const char *last = l->nchain ? l->chain[l->nchain - 1] : l->path;
    const char *link = l->nchain >= 2 && fsd__is(last, l->broken_at)
                           ? l->chain[l->nchain - 2]
                           : last;
    k = fsd__add(c, FSD_CAUSE_BROKEN_SYMLINK, 0.92);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "link", link);
    fsd_set_str(c->a, k->evidence, "brokenAt", l->broken_at);
    fsd__chain_ev(c, k, l);
    fsd__var(&k->vars, "brokenlink", link);
    fsd__var(&k->vars, "linktarget", l->broken_at);
    k->detail =
        fsd_printf(c->a, "%s is a symlink to %s, which does not exist.", link,
                   l->broken_at ? l->broken_at : "a missing target");
  } else if (!c->live && fsd__hf_snapshot_file(c->path)) {
    /* the Hugging Face cache: snapshots/<rev>/ holds links into blobs/ */
    fsd__guess(c, FSD_CAUSE_BROKEN_SYMLINK, 0.7,
               "{path} is in a Hugging Face cache, where the files under "
               "snapshots/ are links into blobs/: a missing one is a link "
               "whose blob is gone (an interrupted download, a cache copied "
               "or moved without its links, a relative cache_dir).");
  } else if (!c->live &&
             (FSD__SYS("stat") ||
              (FSD__SYS("access") &&
               ((c->sh & FSD__SH_GLOBAL) ||
                fsd__has(c->path, "/lib/node_modules/"))))) {
    /* stat() follows links (lstat() does not): a name that is listed but
     * cannot be stat'ed is a link whose target is gone. access() follows
     * them too: in a global prefix, an entry npm lists but cannot reach is
     * an npm link whose target moved. */
    /* A watcher stats what just changed: a name removed in between is
     * simply gone (missing-path), more often than a dangling link. */
    /* A path written relative to the working directory ("./x") is as
     * often run from another directory, and npm's own global folder is
     * one the installer never made. */
    fsd__guess(c, FSD_CAUSE_BROKEN_SYMLINK,
               (FSD__SYS("stat") && fsd__said(c, "watch")) ||
                       (c->path != NULL && c->path[0] == '.' &&
                        (c->path[1] == '/' || c->path[1] == '\\' ||
                         (c->path[1] == '.' &&
                          (c->path[2] == '/' || c->path[2] == '\\')))) ||
                       fsd__npm_win_prefix(c->path)
                   ? 0.45
                   : 0.7,
               "{syscall}() follows symlinks: ENOENT for {path} usually "
               "means it is a symlink whose target no longer exists.");
  } else if (c->path && fsd__has(c->path, "node_modules") &&
             (fsd__has(c->path, "/.bin/") || fsd__has(c->path, "\\.bin\\"))) {
    fsd__guess(c, FSD_CAUSE_BROKEN_SYMLINK, 0.45,
               "{path} is a bin link; it dangles when its package is missing "
               "or half-removed.");
  }
}
