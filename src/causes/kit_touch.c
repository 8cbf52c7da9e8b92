/* What a system call does to its paths: the one table the placeholders,
 * the rules and the guard read, so that evidence and fixes concern the
 * side the failure is about (the destination's filesystem for a copy that
 * ran out of space, the destination's parent for a rename that met a
 * subdirectory limit) and the source of a rename, link or copy is never
 * what a fix removes. */

#include "causes/kit.h"

#include <string.h>

static const struct {
  const char *syscall;
  unsigned char path, dest;
} fsd__touch_table[] = {
    {"rename", FSD__TOUCH_REMOVE, FSD__TOUCH_CREATE},
    {"link", FSD__TOUCH_READ, FSD__TOUCH_CREATE},
    {"symlink", FSD__TOUCH_NONE, FSD__TOUCH_CREATE},
    {"copyfile", FSD__TOUCH_READ, FSD__TOUCH_CREATE},
    {"cp", FSD__TOUCH_READ, FSD__TOUCH_CREATE},
    {"open", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"write", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"writeFile", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"appendFile", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"truncate", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"ftruncate", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"fsync", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"utime", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"futime", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"lutimes", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"chmod", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"fchmod", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"lchmod", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"chown", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"fchown", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"lchown", FSD__TOUCH_WRITE, FSD__TOUCH_NONE},
    {"mkdir", FSD__TOUCH_CREATE, FSD__TOUCH_NONE},
    {"mkdtemp", FSD__TOUCH_CREATE, FSD__TOUCH_NONE},
    {"rmdir", FSD__TOUCH_REMOVE, FSD__TOUCH_NONE},
    {"unlink", FSD__TOUCH_REMOVE, FSD__TOUCH_NONE},
    {"rm", FSD__TOUCH_REMOVE, FSD__TOUCH_NONE},
    {"read", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"scandir", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"readdir", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"opendir", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"stat", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"lstat", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"fstat", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"access", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"readlink", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"realpath", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {"watch", FSD__TOUCH_READ, FSD__TOUCH_NONE},
    {NULL, FSD__TOUCH_WRITE, FSD__TOUCH_CREATE}};

void fsd__touches(const char *syscall, fsd__touch_t *out) {
  size_t i;
  for (i = 0; fsd__touch_table[i].syscall != NULL; i++)
    if (fsd__is(syscall, fsd__touch_table[i].syscall)) break;
  /* An unknown call (a tool's own name, none at all): the path may be
   * written, a destination created. */
  out->path = fsd__touch_table[i].path;
  out->dest = fsd__touch_table[i].dest;
}

int fsd__dest_side(const char *syscall, int has_dest) {
  fsd__touch_t t;
  fsd__touches(syscall, &t);
  return has_dest &&
         (t.dest == FSD__TOUCH_CREATE || t.dest == FSD__TOUCH_WRITE);
}

int fsd__source_call(const char *syscall) {
  fsd__touch_t t;
  fsd__touches(syscall, &t);
  return t.dest == FSD__TOUCH_CREATE;
}

/* Calls whose path is a directory, whatever its name. */
static const char *const fsd__dir_calls[] = {
    "scandir", "readdir", "opendir", "rmdir", "mkdir", "mkdtemp", NULL};

/* Calls whose path is a file when its name says so (a directory may be
 * named "x.js": then only its extension would say file). */
static const char *const fsd__file_calls[] = {
    "open",     "unlink",     "copyfile", "read",  "write",
    "writeFile", "appendFile", "truncate", "utime", "chmod", NULL};

/* Extensions only files have in what these reports name. */
static const char *const fsd__file_exts[] = {
    ".js",   ".cjs",  ".mjs",  ".ts",   ".jsx",  ".tsx",  ".json", ".node",
    ".map",  ".md",   ".txt",  ".exe",  ".dll",  ".lock", ".log",  ".yml",
    ".yaml", ".html", ".css",  ".png",  ".jpg",  ".svg",  ".gz",   ".tgz",
    ".zip",  ".idx",  ".pack", ".rev",  ".bat",  ".cmd",  ".ps1",  ".sh",
    ".pdb",  ".lib",  ".obj",  ".wasm", ".xml",  ".ini",  ".db",   ".jar",
    ".pyc",  ".py",   ".asar", ".ico",  ".woff", ".woff2", ".ttf", NULL};

/* The name right under a node_modules (or its @scope) is a package's
 * folder, whatever it ends in ("highlight.js"). */
static int fsd__package_folder(const char *p) {
  const char *end = p + strlen(p), *base, *up, *s;
  size_t n;
  while (end > p && (end[-1] == '/' || end[-1] == '\\')) end--;
  for (base = end; base > p && base[-1] != '/' && base[-1] != '\\'; base--) {
  }
  if (base == p) return 0;
  up = base - 1;
  for (s = up; s > p && s[-1] != '/' && s[-1] != '\\'; s--) {
  }
  n = (size_t)(up - s);
  if (n > 0 && s[0] == '@' && s > p) { /* node_modules/@scope/name */
    up = s - 1;
    for (s = up; s > p && s[-1] != '/' && s[-1] != '\\'; s--) {
    }
    n = (size_t)(up - s);
  }
  return n == 12 && strncmp(s, "node_modules", 12) == 0;
}

int fsd__path_kind(const fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev != NULL ? c->ev->path : NULL;
  size_t n;
  if (c->path == NULL || c->path[0] == '\0') return 0;
  if (c->live) {
    const fsd_component_t *x;
    if (p == NULL || p->ncomponents == 0) return 0;
    const char *b = c->path + strlen(c->path), *xn;
    size_t bn;
    x = &p->components[p->ncomponents - 1];
    /* The walk reached the path itself: its last name is the path's. */
    while (b > c->path && (b[-1] == '/' || b[-1] == '\\')) b--;
    bn = (size_t)(b - c->path);
    while (b > c->path && b[-1] != '/' && b[-1] != '\\') b--;
    bn -= (size_t)(b - c->path);
    xn = x->name;
    if (x->err != 0 || xn == NULL || strlen(xn) != bn ||
        strncmp(xn, b, bn) != 0)
      return 0;
    return fsd__is(x->type, "dir") ? 'd' : fsd__is(x->type, "file") ? 'f' : 0;
  }
  n = strlen(c->path);
  if (fsd__one_of(c->syscall, fsd__dir_calls) || c->path[n - 1] == '/' ||
      c->path[n - 1] == '\\')
    return 'd';
  if (fsd__one_of(c->syscall, fsd__file_calls) &&
      fsd__ext(c->path, fsd__file_exts) && !fsd__package_folder(c->path))
    return 'f';
  return 0;
}
