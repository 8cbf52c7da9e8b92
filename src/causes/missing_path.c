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
    {FSD__PROBE_PROGRAM, fsd__enoent, fsd__exec_calls, 0, NULL},
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
    {"posix", "bash", NULL, "!missing,!program,!notfound,!found",
     "Check which part of the path exists, and the directory the command "
     "runs from.",
     {FSD__I("ls -la {dir}"), FSD__I("pwd"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!missing,!program,!notfound,!found",
     "Check which part of the path exists, and the directory the command "
     "runs from.",
     {FSD__I("Test-Path -LiteralPath {dir}"), FSD__I("Get-Location"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "npmprefix", "Create npm's global folder.",
     {FSD__C_NEW("npmprefix", "New-Item -ItemType Directory -Force -Path {npmprefix}"),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "npmprefix", "Create npm's global folder.",
     {FSD__C_NEW("npmprefix", "mkdir {npmprefix}"), FSD__CMDS_END}, 0},
    /* A program a spawn could not start. */
    {"posix", "bash", NULL, "program,!found,!envprog,!crlf",
     "Install {program}, or start it by its full path. A PATH set up in a "
     "shell profile (nvm, volta, fnm, a virtualenv) does not reach git "
     "hooks, apps started from the desktop, services, sudo or cron.",
     {FSD__I("command -v -- {program}"), FSD__I("printenv PATH"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "notfound",
     "{notfound} is no file that can be run: check the path the code "
     "passes to spawn, and the directory it runs from.",
     {FSD__I("ls -la -- {notfound}"), FSD__I("pwd"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "notfound",
     "{notfound} is no file that can be run: check the path the code "
     "passes to spawn.",
     {FSD__I("Test-Path -LiteralPath {notfound}"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "program,!found",
     "Install {program}, or start it by its full path; a PATH changed after "
     "a terminal or editor started reaches it only after a restart.",
     {FSD__I("Get-Command {program} -All"), FSD__I("$env:Path -split ';'"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "program,!found",
     "Install {program}, or start it by its full path.",
     {FSD__I("where {program}"), FSD__I("echo %PATH%"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "found,interp,!crlf",
     "The first line of {found} names the interpreter {interp}, which does "
     "not exist here. Install it, or point the line at one that does.",
     {FSD__I("head -n 1 -- {found} | od -c | head -n 3"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "envprog,!crlf",
     "The script's first line runs env, which looks {envprog} up on PATH. "
     "Put its directory on PATH where the script is started: a PATH set in "
     "a shell profile (nvm, volta, fnm) does not reach git hooks, apps "
     "started from the desktop, services, sudo or cron.",
     {FSD__I("command -v -- {envprog}"), FSD__I("printenv PATH"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "crlf",
     "The script was saved with Windows line endings: its first line ends "
     "with a carriage return, which becomes part of the program's name. "
     "Convert it to Unix line endings (dos2unix, or your editor); if git "
     "checked it out that way, set core.autocrlf to input or add a "
     ".gitattributes rule (*.sh text eol=lf) and check it out again.",
     {FSD__I_ON("found", "head -n 1 -- {found} | od -c | head -n 3"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "found,!interp",
     "{program} is there and can start from this process: the call that "
     "failed ran with another PATH (the env option of spawn), or with a "
     "working directory that does not exist, which Node reports as ENOENT "
     "of the program.",
     {FSD__I("ls -la -- {found}"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "found",
     "{program} is there and can start from this process: the call that "
     "failed ran with another PATH (the env option of spawn), or with a "
     "working directory that does not exist, which Node reports as ENOENT "
     "of the program.",
     {FSD__I("Get-Item -LiteralPath {found}"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "found",
     "{program} is there and can start from this process: the spawn that "
     "failed had another PATH or a missing working directory.",
     {FSD__I("dir {found}"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!program,!notfound,!found,npmctx",
     "Files under node_modules that vanish during an install were usually "
     "removed by something else running at the same time: a second install "
     "or a dev server's watcher, a clean script, or an antivirus "
     "quarantine. Stop those and install again.",
     {FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

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

/* What the probe found, as the cause's evidence. */
static void fsd__program_evidence(fsd__ctx_t *c, fsd__cand_t *k,
                                  const fsd_program_t *p) {
  fsd_set_str(c->a, k->evidence, "program", p->name);
  fsd_set_str(c->a, k->evidence, "found", p->found);
  if (p->searched >= 0)
    fsd_set_num(c->a, k->evidence, "pathDirsSearched", (double)p->searched);
  if (p->interp != NULL) fsd_set_str(c->a, k->evidence, "interpreter", p->interp);
  if (p->interp_missing == 1) fsd_set_bool(c->a, k->evidence, "interpreterMissing", 1);
  if (p->cr) fsd_set_bool(c->a, k->evidence, "carriageReturn", 1);
}

/* The last element of a path ("/a/b/tool" -> "tool"). */
static const char *fsd__last_elem(const char *p) {
  const char *b = p, *s;
  for (s = p; *s; s++)
    if (*s == '/' || *s == '\\') b = s + 1;
  return b;
}

/* A spawn measured here: what PATH holds for the program (fsd_program). */
static void fsd__program_live(fsd__ctx_t *c, const fsd_program_t *p) {
  fsd__cand_t *k;
  const char *name = p->name;
  /* Only a bare name was looked up on PATH and goes into `command -v`. */
  int bare = p->searched >= 0;
  if (p->found == NULL && p->shim != NULL) {
    /* Only a .cmd or .bat has the name: shim-without-shell's. */
    k = fsd__add(c, FSD_CAUSE_MISSING_PATH, 0.3);
    if (k == NULL) return;
    fsd__var(&k->vars, "program", bare ? name : NULL);
    k->detail = fsd_printf(c->a, "%s is only a script here (%s).", name, p->shim);
    return;
  }
  if (p->found == NULL) {
    k = fsd__add(c, FSD_CAUSE_MISSING_PATH, 0.92);
    if (k == NULL) return;
    fsd__program_evidence(c, k, p);
    fsd__var(&k->vars, "program", bare ? name : NULL);
    if (!bare) fsd__var(&k->vars, "notfound", name);
    if (p->searched < 0)
      k->detail = fsd_printf(c->a, "%s does not exist%s.", name,
                             p->not_exec ? " as a file that may be executed" : "");
    else
      k->detail = fsd_printf(
          c->a, "%s is in none of the %d %s of PATH%s.", name, p->searched,
          p->searched == 1 ? "directory" : "directories",
          p->unsearchable ? ", and this process may not search some of them"
                          : "");
    return;
  }
  /* A missing interpreter fails the start itself; env's missing program
   * would fail only after env started (exit 127, no ENOENT). */
  k = fsd__add(c, FSD_CAUSE_MISSING_PATH, p->interp_missing == 1 ? 0.94 : 0.45);
  if (k == NULL) return;
  fsd__program_evidence(c, k, p);
  fsd__var(&k->vars, "program", bare ? name : fsd__last_elem(name));
  fsd__var(&k->vars, "found", p->found);
  if (p->interp_missing == 1) {
    fsd__var(&k->vars, "interp", p->interp);
    if (p->cr) fsd__var(&k->vars, "crlf", "1");
    k->detail = fsd_printf(
        c->a, "%s is a script whose first line asks for %s, which does not "
              "exist%s: the kernel then fails the start with ENOENT although "
              "the script is there.",
        p->found, p->interp,
        p->cr ? " (the line ends with a carriage return: Windows line endings)"
              : "");
    return;
  }
  k->detail = fsd_printf(c->a, "%s is at %s on this PATH and can start.",
                         name, p->found);
}

/* env's own words for a "#!/usr/bin/env prog" whose prog is on no PATH
 * directory: GNU "env: 'node': No such file or directory" (or with ‘’
 * quotes), BSD "env: node: No such file or directory". A name ending in a
 * carriage return (shown as \r, or raw) is a script with Windows line
 * endings. */
static int fsd__env_said(fsd__ctx_t *c, int *crlf) {
  const char *p = c->path;
  size_t n;
  if (p == NULL || strchr(p, '/') != NULL) return 0;
  if (!(fsd__said(c, fsd_printf(c->a, "env: '%s'", p)) ||
        fsd__said(c, fsd_printf(c->a, "env: \xe2\x80\x98%s\xe2\x80\x99", p)) ||
        fsd__said(c, fsd_printf(c->a, "env: %s:", p))))
    return 0;
  n = strlen(p);
  *crlf = (n > 2 && strcmp(p + n - 2, "\\r") == 0) || (n > 1 && p[n - 1] == '\r');
  return 1;
}

static void fsd__text_only(fsd__ctx_t *c) {
  int crlf = 0;
  if (fsd__npm_win_prefix(c->path)) {
    fsd__cand_t *k =
        fsd__guess(c, FSD_CAUSE_MISSING_PATH, 0.8,
                   "{path} is npm's global folder on Windows, and it does "
                   "not exist: the Node installer does not always make it, "
                   "and npm does not make it before reading it.");
    if (k != NULL) fsd__var(&k->vars, "npmprefix", c->path);
    return;
  }
  if (c->posix && fsd__env_said(c, &crlf)) {
    fsd__cand_t *k = fsd__guess(c, FSD_CAUSE_MISSING_PATH, 0.85, NULL);
    if (k == NULL) return;
    fsd__var(&k->vars, crlf ? "crlf" : "envprog", crlf ? "1" : c->path);
    fsd__var(&k->vars, "program", c->path);
    fsd__detail(c, k,
                crlf ? "A script's first line (#!/usr/bin/env ...) ends with "
                       "a carriage return, so env looks for a program whose "
                       "name ends in one: the script has Windows line endings."
                     : "A script's first line (#!/usr/bin/env {program}) asks "
                       "env for {program}, and it is in none of the "
                       "directories of the PATH the script was started with.");
    return;
  }
  if (fsd__exec_call(c->syscall)) {
    fsd__cand_t *k;
    k = fsd__guess(c, FSD_CAUSE_MISSING_PATH, 0.85, NULL);
    if (k == NULL) return;
    if (c->path != NULL) fsd__var(&k->vars, "program", c->path);
    fsd__detail(c, k,
                "The program {program} was not found: it is not installed, "
                "or not on PATH for this shell.");
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
  if (FSD__CODE("UNKNOWN") && !c->live && fsd__said(c, "library not loaded") &&
      (fsd__said(c, "image not found") || fsd__said(c, "(no such file")) &&
      !fsd__said(c, "architecture") && !fsd__said(c, "code signature") &&
      !fsd__said(c, "not valid") && !fsd__said(c, "not allowed") &&
      !fsd__said(c, "incompatible")) {
    /* dyld found none of the library's places: it is gone (Homebrew's
     * upgrade removed the version a venv or program was built against,
     * or the program was moved from what its @rpath names) */
    fsd__guess(c, FSD_CAUSE_MISSING_PATH, 0.75,
               "macOS' loader found the library[[ {path}]] nowhere it "
               "looked: the program was built against a version that is "
               "gone (a Homebrew upgrade removes the old one; a virtualenv "
               "keeps pointing at it). Recreate the virtualenv or reinstall "
               "the program against what is installed now.");
    return;
  }
  if (FSD__CODE("UNKNOWN") && !c->live &&
      fsd__said(c, "unable to open database file")) {
    /* SQLite's SQLITE_CANTOPEN: it creates the file, never a folder */
    fsd__guess(c, FSD_CAUSE_MISSING_PATH, 0.55,
               "SQLite could not open the database file[[ {path}]]: most "
               "often a folder on its path does not exist (SQLite creates "
               "the file, never a folder) or a relative path is read from "
               "another working directory; else the folder is not "
               "writable for its journal, or the name is a directory.");
    return;
  }
  if (!FSD__CODE("ENOENT")) return;
  if (c->live && c->ev->program != NULL && fsd__exec_call(c->syscall)) {
    fsd__program_live(c, c->ev->program);
    return;
  }
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
    /* npm's global folder on Windows, measured missing: create it (npm
     * reads it before it would make it). */
    if (c->win && (fsd__npm_win_prefix(c->path) ||
                   (c->ev->npm_prefix != NULL && fsd__is(c->path, c->ev->npm_prefix))))
      fsd__var(&k->vars, "npmprefix", c->path);
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
