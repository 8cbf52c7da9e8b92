/* missing-path: ENOENT where a part of the path simply does not exist:
 * never created, a wrong working directory, or deleted while the command
 * ran (a second install or watcher, a clean step, an antivirus quarantine,
 * npm rolling back). Measured live, it names the first missing component
 * and the nearest one that exists; a dangling symlink on the way is
 * broken-symlink's. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__enoent[] = {"ENOENT", NULL};

const fsd__want_t fsd__wants_missing_path[] = {
    {FSD__PROBE_PATH | FSD__PROBE_LINKS, fsd__enoent, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_missing_path[] = {
    {"posix", "bash", NULL, "missing",
     "{missing} does not exist; {existing} is the nearest part that does. "
     "Check the spelling and the directory the command runs from, or create "
     "what is missing.",
     {FSD__I("ls -la {existing}"), FSD__I("pwd"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "missing",
     "{missing} does not exist; {existing} is the nearest part that does.",
     {FSD__I("Get-ChildItem -Force -LiteralPath {existing}"), FSD__I("Get-Location"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!missing",
     "Check which part of the path exists, and the directory the command "
     "runs from.",
     {FSD__I("ls -la {dir}"), FSD__I("pwd"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!missing",
     "Check which part of the path exists, and the directory the command "
     "runs from.",
     {FSD__I("Test-Path -LiteralPath {dir}"), FSD__I("Get-Location"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "npmprefix", "Create npm's global folder.",
     {FSD__C("npmprefix", "New-Item -ItemType Directory -Force -Path {npmprefix}"),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "npmprefix", "Create npm's global folder.",
     {FSD__C("npmprefix", "mkdir {npmprefix}"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, NULL,
     "Files under node_modules that vanish during an install were usually "
     "removed by something else running at the same time: a second install "
     "or a dev server's watcher, a clean script, or an antivirus "
     "quarantine. Stop those and install again.",
     {FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

static const char *const fsd__programs[] = {"spawn", "spawnSync", "exec",
                                            "execve", "uv_spawn", NULL};

/* The first missing component and the one before it, when measured. */
static int fsd__first_missing(fsd__ctx_t *c, const fsd_component_t **miss,
                              const fsd_component_t **have) {
  const fsd_pathinfo_t *p = c->ev->path;
  size_t i;
  if (p == NULL) return 0;
  for (i = 0; i < p->ncomponents; i++) {
    if (!fsd__is(p->components[i].type, "missing")) continue;
    *miss = &p->components[i];
    *have = i > 0 ? &p->components[i - 1] : NULL;
    return 1;
  }
  return 0;
}

static void fsd__text_only(fsd__ctx_t *c) {
  if (fsd__npm_win_prefix(c->path)) {
    fsd__cand_t *k =
        fsd__guess(c, FSD_CAUSE_MISSING_PATH, 0.8,
                   "{path} is npm's global folder on Windows, and it does "
                   "not exist: the Node installer does not always make it, "
                   "and npm does not make it before reading it.");
    if (k != NULL) fsd__var(&k->vars, "npmprefix", c->path);
    return;
  }
  if (fsd__one_of(c->syscall, fsd__programs)) {
    fsd__guess(c, FSD_CAUSE_MISSING_PATH, 0.85,
               "The program {path} was not found: it is not installed, or "
               "not on PATH for this shell.");
    return;
  }
  if (FSD__SYS("uv_cwd") || FSD__SYS("chdir") || FSD__SYS("uv_chdir")) {
    fsd__guess(c, FSD_CAUSE_MISSING_PATH, 0.85,
               "The working directory no longer exists: it was removed (or "
               "replaced) after the shell entered it.");
    return;
  }
  fsd__guess(c, FSD_CAUSE_MISSING_PATH,
             (c->sh & (FSD__SH_STAGING | FSD__SH_NODEMOD)) ? 0.6 : 0.65,
             (c->sh & (FSD__SH_STAGING | FSD__SH_NODEMOD))
                 ? "{path} does not exist: it was never created, or "
                   "something removed it while the install ran (a second "
                   "install, a watcher, a clean script, an antivirus)."
                 : "{path}, or a directory above it, does not exist.");
}

void fsd__rule_missing_path(fsd__ctx_t *c) {
  const fsd_component_t *miss = NULL, *have = NULL;
  const fsd_linkinfo_t *l = c->ev->link;
  fsd__cand_t *k;
  if (!FSD__CODE("ENOENT")) return;
  if (!c->live || c->ev->path == NULL) {
    fsd__text_only(c);
    return;
  }
  if (l != NULL && l->broken) return; /* broken-symlink's */
  if (fsd__first_missing(c, &miss, &have)) {
    /* On a read-only mount the missing part is one a write could not
     * create: read-only-fs explains it. */
    int ro = c->ev->fs != NULL && c->ev->fs->read_only == 1;
    k = fsd__add(c, FSD_CAUSE_MISSING_PATH, ro ? 0.6 : 0.88);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "missing", miss->path);
    fsd_set_str(c->a, k->evidence, "existing", have ? have->path : NULL);
    fsd__var(&k->vars, "missing", miss->path);
    fsd__var(&k->vars, "existing", have ? have->path : NULL);
    k->detail = fsd_printf(c->a, "%s does not exist%s%s.", miss->path,
                           have ? "; the nearest part that does is " : "",
                           have ? have->path : "");
    return;
  }
  /* Everything exists now: it was missing only while the command ran. */
  k = fsd__add(c, FSD_CAUSE_MISSING_PATH, 0.5);
  if (k == NULL) return;
  fsd_set_bool(c->a, k->evidence, "existsNow", 1);
  fsd__detail(c, k,
              "{path} exists now: it was missing only while the command "
              "ran, removed and re-created by something running at the same "
              "time (a second install, a watcher, a clean step).");
}
