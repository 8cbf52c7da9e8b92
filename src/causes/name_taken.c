/* name-taken: EEXIST from a call that creates a name (mkdir, symlink, link,
 * open with O_EXCL, copyfile without overwrite) that something already
 * has. In reports it is one of three things: the tool's own output from an
 * earlier run, which it does not expect to find (a cache symlink, an output
 * folder, a bin link an older version left); a command another package or
 * program installed under the same name (two packages with a bin "nx", a
 * Homebrew formula and an npm package); or two names that differ only in
 * case on a case-insensitive filesystem. Measured live, the answer says
 * what is there: its type, where a link points, whose package a bin link
 * belongs to. The fix inspects; which of the two must give way is the
 * user's call, so nothing is removed from here. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__taken_codes[] = {"EEXIST", NULL};

/* What is there: the path mkdir and open make, the destination of the
 * calls that make a second name. */
const fsd__want_t fsd__wants_name_taken[] = {
    {FSD__PROBE_PATH | FSD__PROBE_DEST_PATH, fsd__taken_codes, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_name_taken[] = {
    {"all", NULL, NULL, NULL,
     "{taken} already exists where the tool creates it. Look at what it is "
     "before removing anything. If an earlier run of the same tool left it "
     "(its own link or output folder), remove that and run again, or update "
     "the tool so that it accepts what it made. If another package or "
     "program installed it under the same name, keep it: uninstall or "
     "rename one of the two.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, NULL, "Look at what is there.",
     {FSD__I_ON("taken", "ls -la -- {taken}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "takenlink", "See where the link points.",
     {FSD__I_ON("takenlink", "readlink -- {takenlink}"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL,
     "Look at what is there and where it points.",
     {FSD__I_ON("taken", "Get-Item -Force -LiteralPath {taken} | "
                         "Format-List FullName,Mode,LinkType,Target"),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, NULL, "Look at what is there.",
     {FSD__I_ON("taken", "dir /a {taken}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* The calls whose destination is the new name. */
static int fsd__two_names(fsd__ctx_t *c) {
  return c->dest != NULL &&
         (FSD__SYS("symlink") || FSD__SYS("link") || FSD__SYS("rename") ||
          FSD__SYS("copyfile") || FSD__SYS("cp"));
}

/* A directory of commands: a bin directory, node_modules/.bin, npm's
 * global folder on Windows (%AppData%\npm), or a shim (.cmd, .ps1). */
static int fsd__command_dir(const char *p) {
  static const char *const shims[] = {".cmd", ".ps1", NULL};
  return fsd__has(p, "/bin/") || fsd__has(p, "\\bin\\") ||
         fsd__has(p, "node_modules/.bin") || fsd__has(p, "node_modules\\.bin") ||
         fsd__has(p, "\\roaming\\npm\\") || fsd__ext(p, shims);
}

/* For a link into a package ("../lib/node_modules/<pkg>/bin/x",
 * "../@scope/pkg/cli.js"): that package's name, else NULL. */
static const char *fsd__link_package(fsd_arena_t *a, const char *target) {
  const char *s = NULL, *p = target, *e;
  size_t n;
  if (target == NULL) return NULL;
  while ((p = strstr(p, "node_modules")) != NULL) {
    p += 12;
    if (*p == '/' || *p == '\\') s = p + 1;
  }
  if (s == NULL) return NULL;
  e = s;
  if (*e == '@') {
    while (*e && *e != '/' && *e != '\\') e++;
    if (*e) e++;
  }
  while (*e && *e != '/' && *e != '\\') e++;
  n = (size_t)(e - s);
  return n > 0 && *s != '.' ? fsd_strndup(a, s, n) : NULL;
}

void fsd__rule_name_taken(fsd__ctx_t *c) {
  const fsd_pathinfo_t *pi;
  const fsd_component_t *x = NULL;
  const char *made, *pkg = NULL;
  fsd__cand_t *k;
  int cmd;
  if (!fsd__one_of(c->code, fsd__taken_codes)) return;
  /* An interrupted install's leftover and a broken cache entry have
   * causes of their own. */
  if (c->sh & (FSD__SH_LEFTOVER | FSD__SH_CACACHE)) return;
  made = fsd__two_names(c) ? c->dest : c->path;
  pi = fsd__two_names(c) ? c->ev->dest : c->ev->path;
  cmd = made != NULL && fsd__command_dir(made);
  if (c->live && pi != NULL) {
    if (pi->exists != 1 || pi->ncomponents == 0) {
      /* Gone by now: made and removed by another run at the same time. */
      k = fsd__add(c, FSD_CAUSE_NAME_TAKEN, 0.3);
      if (k == NULL) return;
      fsd_set_bool(c->a, k->evidence, "exists", 0);
      fsd__var(&k->vars, "taken", made);
      fsd__detail(c, k,
                  "{taken} is not there now: something made it and removed "
                  "it again, such as a second run of the same step at the "
                  "same time.");
      return;
    }
    x = &pi->components[pi->ncomponents - 1];
    pkg = fsd__link_package(c->a, x->link_target);
    if (pkg == NULL && x->link_target != NULL &&
        (fsd__has(x->path, "node_modules/.bin/") ||
         fsd__has(x->path, "node_modules\\.bin\\")) &&
        (strncmp(x->link_target, "../", 3) == 0 ||
         strncmp(x->link_target, "..\\", 3) == 0))
      /* node_modules/.bin/nx -> ../@scope/tool/bin/nx.js: the package is
       * a sibling of .bin */
      pkg = fsd__link_package(c->a,
                              fsd_printf(c->a, "node_modules/%s",
                                         x->link_target + 3));
    k = fsd__add(c, FSD_CAUSE_NAME_TAKEN, 0.9);
    if (k == NULL) return;
    fsd_set_bool(c->a, k->evidence, "exists", 1);
    fsd_set_str(c->a, k->evidence, "type", x->type);
    if (x->link_target != NULL)
      fsd_set_str(c->a, k->evidence, "target", x->link_target);
    if (x->user != NULL) fsd_set_str(c->a, k->evidence, "owner", x->user);
    if (pkg != NULL) fsd_set_str(c->a, k->evidence, "package", pkg);
    fsd__var(&k->vars, "taken", x->path);
    if (x->link_target != NULL) fsd__var(&k->vars, "takenlink", x->path);
    k->detail =
        x->link_target != NULL
            ? fsd_printf(c->a, "%s is already there: a symlink to %s%s%s%s.",
                         x->path, x->link_target,
                         pkg != NULL ? " (package " : "",
                         pkg != NULL ? pkg : "", pkg != NULL ? ")" : "")
            : fsd_printf(c->a, "%s is already there: a %s%s%s.", x->path,
                         x->type, x->user != NULL ? " owned by " : "",
                         x->user != NULL ? x->user : "");
    return;
  }
  /* From the text: a command name two packages or programs both claim, or
   * the tool meeting what an earlier run made. mkdir may also meet a file
   * (wrong-file-type, a little below). */
  k = fsd__guess(c, FSD_CAUSE_NAME_TAKEN, cmd ? 0.65 : 0.6,
                 cmd ? "{taken} is a command name something else already "
                       "has: another package's bin, a program installed "
                       "another way, or this package's older version."
                     : "{taken} is already there: made by an earlier run "
                       "that the tool does not expect, or by something "
                       "else under the same name.");
  if (k == NULL) return;
  if (made != NULL) {
    fsd_set_str(c->a, k->evidence, "taken", made);
    fsd__var(&k->vars, "taken", made);
  }
}
