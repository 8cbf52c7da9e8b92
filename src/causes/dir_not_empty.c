/* dir-not-empty: ENOTEMPTY (leftovers, or a process writing while the
 * directory was removed), and EEXIST from renaming onto a directory that
 * has entries. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__enotempty[] = {"ENOTEMPTY", NULL};
static const char *const fsd__eexist[] = {"EEXIST", NULL};
static const char *const fsd__eperm[] = {"EPERM", NULL};
static const char *const fsd__rename[] = {"rename", NULL};

const fsd__want_t fsd__wants_dir_not_empty[] = {
    {FSD__PROBE_HOLDERS, fsd__enotempty, NULL, 0, NULL},
    {FSD__PROBE_PATH | FSD__PROBE_DEST_PATH, fsd__enotempty, NULL, 0, NULL},
    {FSD__PROBE_DEST_PATH, fsd__eexist, NULL, 0, NULL},
    {FSD__PROBE_DEST_PATH, fsd__eperm, fsd__rename, FSD__WANT_WIN32, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_dir_not_empty[] = {
    {"win32", "powershell", NULL, "ontodir",
     "Windows cannot rename a directory onto one that exists: the tool that "
     "renames must move {nonempty} aside first (update it, or report it to "
     "its authors). See what is in it before you decide it is a leftover.",
     {FSD__I("Get-ChildItem -LiteralPath {nonempty} -Force"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "ontodir",
     "Windows cannot rename a directory onto one that exists: the tool that "
     "renames must move {nonempty} aside first.",
     {FSD__I("dir /a {nonempty}"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!ontodir",
     "Something is still in {nonempty}: leftovers, or a process writing while "
     "it was removed. Stop writers and look at what is in it; if it is "
     "something to rebuild, remove it with a retrying remover.",
     {FSD__D("nonempty", "npx rimraf {nonempty}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "pid", "{name} (pid {pid}) is using it.",
     {FSD__I("ps -o pid,user,args -p {pid}"), FSD__K("pid", "kill {pid}"),
      FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, NULL, "Or remove it directly.",
     {FSD__D("nonempty", "rm -rf -- {nonempty}"), FSD__CMDS_END}, FSD__FIX_OR},
    {"win32", "cmd", NULL, "!ontodir", "Or remove it directly.",
     {FSD__D("nonempty", "rmdir /s /q {nonempty}"), FSD__CMDS_END},
     FSD__FIX_OR},
    FSD__FIX_END};
/* clang-format on */

/* rename(2) onto a non-empty directory may say EEXIST instead. */
static int fsd__onto_dir(fsd__ctx_t *c) {
  const fsd_pathinfo_t *d = c->ev->dest;
  return FSD__CODE("EEXIST") && FSD__SYS("rename") && d && d->exists &&
         d->ncomponents &&
         fsd__is(d->components[d->ncomponents - 1].type, "dir");
}

/* A name that reads as a directory's: no extension after its first
 * character ("_site", ".11ty-vite", "acorn-47041570"). */
static int fsd__dir_name(const char *p) {
  const char *b = p, *s;
  if (p == NULL || *p == '\0') return 0;
  for (s = p; *s; s++)
    if ((*s == '/' || *s == '\\') && s[1] != '\0') b = s + 1;
  return *b != '\0' && strchr(b + 1, '.') == NULL;
}

/* Windows' rename (MoveFileEx, replacing) cannot replace a directory: onto
 * an existing one, even an empty one, it fails with access denied, which
 * Node reports as EPERM. Measured, the destination is a directory; in a
 * paste, both names read as directories'. */
static void fsd__win_onto_dir(fsd__ctx_t *c) {
  const fsd_pathinfo_t *d = c->ev->dest;
  fsd__cand_t *k;
  if (!c->win || !FSD__CODE("EPERM") || !FSD__SYS("rename") || c->dest == NULL)
    return;
  if (c->live) {
    if (d == NULL || !d->exists || d->ncomponents == 0 ||
        !fsd__is(d->components[d->ncomponents - 1].type, "dir"))
      return;
    k = fsd__add(c, FSD_CAUSE_DIR_NOT_EMPTY, 0.9);
    if (k == NULL) return;
    fsd_set_bool(c->a, k->evidence, "destIsDirectory", 1);
  } else {
    if (!fsd__dir_name(c->path) || !fsd__dir_name(c->dest)) return;
    k = fsd__guess(c, FSD_CAUSE_DIR_NOT_EMPTY, 0.45, NULL);
    if (k == NULL) return;
  }
  fsd_set_str(c->a, k->evidence, "path", c->dest);
  fsd__var(&k->vars, "nonempty", c->dest);
  fsd__var(&k->vars, "ontodir", "1");
  fsd__detail(c, k,
              c->live ? "{dest} is a directory: Windows' rename cannot "
                        "replace a directory, even an empty one, and says "
                        "access denied (EPERM)."
                      : "If {dest} already exists: Windows' rename cannot "
                        "replace a directory, even an empty one, and says "
                        "access denied (EPERM).");
}

void fsd__rule_dir_not_empty(fsd__ctx_t *c) {
  size_t n;
  fsd__cand_t *k;
  fsd__win_onto_dir(c);
  if (!FSD__CODE("ENOTEMPTY") && !fsd__onto_dir(c)) return;
  n = fsd__nholders(c, NULL);
  /* Text only, on Windows, a remover's rmdir (or Windows' words with no
   * call, a remover's most often): the why is a held file (file_locked.c),
   * the emptiness only its symptom. */
  k = fsd__add(c, FSD_CAUSE_DIR_NOT_EMPTY,
               c->win && !c->live &&
                       (FSD__SYS("rmdir") || FSD__SYS("rm") || c->syscall[0] == '\0')
                   ? 0.7
                   : 0.85);
  if (k == NULL) return;
  /* A rename's source is what the caller wanted to keep: the directory in
   * the way is the destination. */
  fsd__var(&k->vars, "nonempty",
           fsd__dest_side(c->syscall, c->dest != NULL) ? c->dest : c->path);
  fsd_set_str(c->a, k->evidence, "path", fsd__var_get(&k->vars, "nonempty"));
  fsd__holders_ev(c, k, NULL);
  if (n > 0)
    fsd__detail(c, k,
                "{path} still has entries, and {name} (pid "
                "{pid}) is using it.");
  else
    fsd__detail(c, k,
                FSD__SYS("rename") ? "The destination {dest} is a "
                                     "directory that is not empty."
                                   : "{path} still has "
                                     "entries: leftovers, or something wrote "
                                     "into it during removal.");
}
