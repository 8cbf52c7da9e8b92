/* program() on Windows: the lookup libuv's spawn makes (the working
 * directory, then each PATH directory; the name as given when it has an
 * extension, then with .com and .exe, never .cmd or .bat), and, when that
 * finds nothing, a .cmd or .bat of the same name that a shell would run:
 * the shim npm, pnpm and yarn install for every command. Only attribute
 * reads. */
#include "platform/win32/win32.h"

#include <errno.h>
#include <string.h>

static const char *const fsd__exec_exts[] = {".com", ".exe", NULL};

/* 1 when p names a file (not a directory); *denied when the lookup was
 * refused. */
static int fsd__is_file(fsd_arena_t *a, const char *p, int *denied) {
  int err = 0;
  WCHAR *w = fsd__utf16(a, p, &err), *lp;
  DWORD attrs;
  if (w == NULL || (lp = fsd__wlong(a, w)) == NULL) return 0;
  attrs = GetFileAttributesW(lp);
  if (attrs == INVALID_FILE_ATTRIBUTES) {
    if (GetLastError() == ERROR_ACCESS_DENIED) *denied = 1;
    return 0;
  }
  return !(attrs & FILE_ATTRIBUTE_DIRECTORY);
}

static int fsd__dir_sep(char ch) { return ch == '\\' || ch == '/'; }

/* An extension on the last element, as libuv decides it (the first dot
 * of the file name, with something after it): libuv then tries the name as
 * given first. */
static int fsd__has_ext(const char *name) {
  const char *b = name, *s, *dot;
  for (s = name; *s; s++)
    if (fsd__dir_sep(*s) || *s == ':') b = s + 1;
  dot = strchr(b, '.');
  return dot != NULL && dot[1] != '\0';
}

/* dir\name.ext; like libuv, no second dot after a name that ends in one
 * (ext is given with its dot). */
static const char *fsd__join(fsd_arena_t *a, const char *dir, size_t n,
                             const char *name, const char *ext) {
  size_t m = strlen(name);
  if (ext[0] == '.' && m > 0 && name[m - 1] == '.') ext++;
  return fsd_printf(a, "%.*s%s%s%s", (int)n, dir,
                    n > 0 && !fsd__dir_sep(dir[n - 1]) ? "\\" : "", name, ext);
}

/* The first of name+ext in dir that is a file, for each ext of exts (a
 * NULL-terminated list, or PATHEXT's ";" list when list is given). */
static const char *fsd__in_dir(fsd_arena_t *a, const char *dir, size_t n,
                               const char *name, const char *const *exts,
                               const char *list, int *denied) {
  size_t i;
  if (list != NULL) {
    const char *s = list, *e;
    for (;; s = e + 1) {
      e = strchr(s, ';');
      if (e == NULL) e = s + strlen(s);
      if (e - s == 4 && (_strnicmp(s, ".cmd", 4) == 0 || _strnicmp(s, ".bat", 4) == 0)) {
        const char *ext = fsd_strndup(a, s, 4);
        const char *p = ext ? fsd__join(a, dir, n, name, ext) : NULL;
        if (p != NULL && fsd__is_file(a, p, denied)) return p;
      }
      if (*e == '\0') return NULL;
    }
  }
  for (i = 0; exts[i] != NULL; i++) {
    const char *p = fsd__join(a, dir, n, name, exts[i]);
    if (p != NULL && fsd__is_file(a, p, denied)) return p;
  }
  return NULL;
}

/* Looks in the working directory and then each PATH entry; list NULL for
 * what spawn runs, PATHEXT's scripts otherwise. */
static const char *fsd__walk(fsd_arena_t *a, const char *name,
                             const char *path_env, const char *cwd,
                             const char *list, fsd_program_t *out, int count) {
  static const char *const as_is[] = {"", ".com", ".exe", NULL};
  const char *const *exts = fsd__has_ext(name) ? as_is : fsd__exec_exts;
  const char *s = path_env, *e, *hit;
  int denied = 0;
  /* libuv looks in the working directory first, unless
   * NoDefaultCurrentDirectoryInExePath is set. */
  if (cwd != NULL && GetEnvironmentVariableW(L"NoDefaultCurrentDirectoryInExePath", NULL, 0) == 0 &&
      (hit = fsd__in_dir(a, cwd, strlen(cwd), name, exts, list, &denied)) != NULL)
    return hit;
  for (; s != NULL && *s; s = *e ? e + 1 : e) {
    size_t n;
    const char *d = s, *q = s;
    /* libuv's slicing: a quoted entry runs to its closing quote (or the
     * end), then to the next ';'; one quote is dropped at each end. */
    if (*s == '"' || *s == '\'') {
      q = strchr(s + 1, *s);
      if (q == NULL) q = s + strlen(s);
    }
    e = strchr(q, ';');
    if (e == NULL) e = s + strlen(s);
    n = (size_t)(e - s);
    if (n == 0) continue;
    if (d[0] == '"' || d[0] == '\'') d++, n--;
    if (n > 0 && (d[n - 1] == '"' || d[n - 1] == '\'')) n--;
    if (n == 0) continue;
    denied = 0;
    hit = fsd__in_dir(a, d, n, name, exts, list, &denied);
    if (count) {
      out->searched++;
      out->unsearchable += denied;
    }
    if (hit != NULL) return hit;
  }
  return NULL;
}

int fsd_program(fsd_arena_t *a, const char *name, const char *path_env,
                const char *pathext, const char *cwd, fsd_program_t *out,
                fsd_fail_t *fail) {
  if (fsd_program_start(name, out, fail) != 0) return EINVAL;
  if (pathext == NULL || pathext[0] == '\0') pathext = ".COM;.EXE;.BAT;.CMD";
  if (strpbrk(name, "\\/:") != NULL) {
    /* A path: looked at where it is, never on PATH. */
    static const char *const as_is[] = {"", ".com", ".exe", NULL};
    int denied = 0;
    out->searched = -1;
    out->found = fsd__in_dir(a, "", 0, name,
                             fsd__has_ext(name) ? as_is : fsd__exec_exts, NULL,
                             &denied);
    if (out->found == NULL)
      out->shim = fsd__in_dir(a, "", 0, name, NULL, pathext, &denied);
    out->unsearchable = denied;
  } else {
    out->found = fsd__walk(a, name, path_env, cwd, NULL, out, 1);
    if (out->found == NULL)
      out->shim = fsd__walk(a, name, path_env, cwd, pathext, out, 0);
  }
  /* A .cmd or .bat spawn finds by its full name is refused (EINVAL since
   * Node 18.20.2 and 20.12.2): it is a shim as well. */
  if (out->found != NULL && fsd__has_ext(out->found)) {
    const char *dot = strrchr(out->found, '.');
    if (_stricmp(dot, ".cmd") == 0 || _stricmp(dot, ".bat") == 0)
      out->shim = out->found;
  }
  if (fsd_arena_oom(a)) return fsd_fail_oom(fail), ENOMEM;
  return 0;
}
