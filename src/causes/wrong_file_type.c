/* wrong-file-type: ENOTDIR (a component that should be a directory is a
 * file or a link to one) and EISDIR (a directory where a file was
 * expected): a package whose bin or main names a folder, a file left where
 * npm wants to make a directory, a cache entry of the wrong kind. Measured
 * live, it names the component and its type. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__kind_codes[] = {"ENOTDIR", "EISDIR", NULL};
static const char *const fsd__eacces[] = {"EACCES", NULL};

const fsd__want_t fsd__wants_wrong_file_type[] = {
    {FSD__PROBE_PATH, fsd__kind_codes, NULL, 0, NULL},
    {FSD__PROBE_PATH, fsd__eacces, fsd__exec_calls, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_wrong_file_type[] = {
    {"all", NULL, NULL, NULL,
     "{component} is a {kind} where a {wanted} was expected. Find what put "
     "it there (a package's bin or main naming a folder, a file left where a "
     "directory belongs) and correct that path.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, NULL, "Look at it.",
     {FSD__I("ls -ld {component}"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL, "Look at it.",
     {FSD__I("Get-Item -Force -LiteralPath {component}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* The component of the wrong kind: for ENOTDIR the first non-directory
 * above the last component, for EISDIR the path itself. */
static const fsd_component_t *fsd__wrong(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  size_t i;
  if (p == NULL || p->ncomponents == 0) return NULL;
  if (FSD__CODE("EISDIR")) {
    const fsd_component_t *x = &p->components[p->ncomponents - 1];
    return fsd__is(x->type, "dir") ? x : NULL;
  }
  /* scandir, rmdir and the like want the path itself to be a directory */
  {
    static const char *const dir_calls[] = {"scandir", "readdir", "opendir",
                                            "rmdir", "watch", NULL};
    size_t last = fsd__one_of(c->syscall, dir_calls) ? p->ncomponents
                                                      : p->ncomponents - 1;
    for (i = 0; i < last; i++) {
      const char *t = p->components[i].type;
      if (fsd__is(t, "file") || fsd__is(t, "socket") || fsd__is(t, "fifo") ||
          fsd__is(t, "char") || fsd__is(t, "block"))
        return &p->components[i];
    }
    return NULL;
  }
  for (i = 0; i + 1 < p->ncomponents; i++) {
    const char *t = p->components[i].type;
    if (fsd__is(t, "file") || fsd__is(t, "socket") || fsd__is(t, "fifo") ||
        fsd__is(t, "char") || fsd__is(t, "block"))
      return &p->components[i];
  }
  return NULL;
}

/* A file name used as a directory on the way ("package.json/a/b"): a
 * component before the last with a file's extension, not a package folder
 * directly under node_modules (chart.js, socket.io). */
static int fsd__file_on_the_way(const char *p) {
  /* not .js or .ts: folders are named so too (three.js, next.js) */
  static const char *const ext[] = {".json", ".lock", ".txt", ".md",
                                    ".yml",  ".yaml", ".toml", NULL};
  const char *s = p, *e, *prev = NULL;
  size_t i, n, pl = 0;
  for (; *s; s = *e ? e + 1 : e) {
    e = s;
    while (*e && *e != '/' && *e != '\\') e++;
    n = (size_t)(e - s);
    if (*e == '\0') break; /* the last component */
    for (i = 0; ext[i] != NULL; i++) {
      size_t m = strlen(ext[i]);
      if (n > m && strncmp(s + n - m, ext[i], m) == 0 &&
          !(prev != NULL && pl == 12 && strncmp(prev, "node_modules", 12) == 0))
        return 1;
    }
    prev = s;
    pl = n;
  }
  return 0;
}

/* mkdir that makes its parents and accepts a directory already there:
 * EEXIST then means something else is in the way. */
static int fsd__recursive_mkdir(fsd__ctx_t *c) {
  const char *p = c->path;
  size_t n = strlen(p);
  while (n > 0 && (p[n - 1] == '/' || p[n - 1] == '\\')) n--;
  if (n >= 12 && strncmp(p + n - 12, "node_modules", 12) == 0) return 1;
  return fsd__file_on_the_way(p) || fsd__said(c, "recursive: true") ||
         fsd__said(c, "recursive:true") || fsd__said(c, "mkdirp");
}

/* A directory spawned as a program (EACCES from execve): measured, or a
 * macOS application bundle ("/Applications/Chromium.app") by its name. */
static int fsd__spawned_dir(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  const fsd_component_t *x;
  fsd__cand_t *k;
  size_t n;
  if (!FSD__CODE("EACCES") || !fsd__exec_call(c->syscall) || c->path == NULL)
    return 0;
  if (c->live) {
    if (p == NULL || !p->exists || p->ncomponents == 0) return 0;
    x = &p->components[p->ncomponents - 1];
    if (!fsd__is(x->type, "dir")) return 0;
    k = fsd__add(c, FSD_CAUSE_WRONG_FILE_TYPE, 0.95);
    if (k == NULL) return 1;
    fsd_set_str(c->a, k->evidence, "component", x->path);
    fsd_set_str(c->a, k->evidence, "type", "dir");
    fsd__var(&k->vars, "component", x->path);
  } else {
    /* a macOS application bundle by its path: "/Applications/X.app" */
    if (!fsd__is(c->platform, "darwin") || fsd__program_name(c->path)) return 0;
    n = strlen(c->path);
    while (n > 0 && c->path[n - 1] == '/') n--;
    if (n < 6 || strncmp(c->path + n - 4, ".app", 4) != 0 || c->path[n - 5] == '/')
      return 0;
    k = fsd__guess(c, FSD_CAUSE_WRONG_FILE_TYPE, 0.8, NULL);
    if (k == NULL) return 1;
    fsd__var(&k->vars, "component", c->path);
  }
  fsd__var(&k->vars, "kind", "directory");
  fsd__var(&k->vars, "wanted", "program file");
  fsd__detail(c, k,
              "{path} is a directory, and a directory cannot be run (EACCES): "
              "for a macOS .app bundle the program is inside it, in "
              "Contents/MacOS/.");
  return 1;
}

void fsd__rule_wrong_file_type(fsd__ctx_t *c) {
  const fsd_component_t *x;
  fsd__cand_t *k;
  int isdir = FSD__CODE("EISDIR");
  if (fsd__spawned_dir(c)) return;
  if (FSD__CODE("EEXIST") && FSD__SYS("mkdir") && !c->live && c->path) {
    /* mkdir meets something at its path: a file or a symlink where a
     * directory should be made. A plain mkdir fails on a directory too
     * (name-taken ranks that first); a recursive one (recursive: true,
     * mkdirp, a package manager making node_modules) only on something
     * that is not a directory, as does a path through a file. */
    k = fsd__guess(c, FSD_CAUSE_WRONG_FILE_TYPE,
                   fsd__recursive_mkdir(c) ? 0.7 : 0.5,
                   "Something is already at {path} where mkdir wanted to "
                   "make a directory: a file, or a symlink (a shared "
                   "node_modules, a link to another release).");
    if (k == NULL) return;
    fsd__var(&k->vars, "component", c->path);
    fsd__var(&k->vars, "kind", "file or symlink");
    fsd__var(&k->vars, "wanted", "directory");
    return;
  }
  if (!fsd__one_of(c->code, fsd__kind_codes)) return;
  x = c->live ? fsd__wrong(c) : NULL;
  if (x != NULL) {
    k = fsd__add(c, FSD_CAUSE_WRONG_FILE_TYPE, 0.93);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "component", x->path);
    fsd_set_str(c->a, k->evidence, "type", x->type);
    fsd__var(&k->vars, "component", x->path);
    fsd__var(&k->vars, "kind", isdir ? "directory" : "file");
    fsd__var(&k->vars, "wanted", isdir ? "file" : "directory");
    k->detail = fsd_printf(c->a, "%s is a %s, not a %s.", x->path,
                           isdir ? "directory" : x->type,
                           isdir ? "file" : "directory");
    return;
  }
  /* stat, lstat, realpath and readlink take a directory: their EISDIR on
   * Windows is a
   * driver's ERROR_INVALID_FUNCTION (network-fs says so), not a kind */
  k = fsd__guess(c, FSD_CAUSE_WRONG_FILE_TYPE,
                 isdir && c->win && (FSD__SYS("stat") || FSD__SYS("lstat") ||
                                     FSD__SYS("realpath") || FSD__SYS("readlink"))
                     ? 0.4
                                                                            : 0.8,
                 isdir ? "{path} is a directory where a file was expected."
                       : "A part of {path} is a file where a directory was "
                         "expected.");
  if (k == NULL) return;
  fsd__var(&k->vars, "component", isdir ? c->path : fsd__parent(c->a, c->path));
  fsd__var(&k->vars, "kind", isdir ? "directory" : "file");
  fsd__var(&k->vars, "wanted", isdir ? "file" : "directory");
}
