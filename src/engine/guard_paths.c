/* The guard's path shapes: a path spelled one way for comparing, and what
 * a path is by its shape alone (a root, a system or home directory, a
 * global package directory, the project it belongs to). The guard
 * (guard.c) holds measured paths against these; nothing here measures. */

#include "engine/guard_paths.h"

#include <ctype.h>
#include <string.h>

int fsd__g_win(const fsd__guard_t *g) {
  return fsd__is(g->platform, "win32");
}

/* A path in one spelling for comparing: '/' for '\' on Windows, lower case
 * where names are case-insensitive (Windows, macOS), repeated separators
 * collapsed, no trailing one (but "/" and "c:/" keep theirs). */
char *fsd__canon(fsd_arena_t *a, const fsd__guard_t *g, const char *p) {
  int win = fsd__g_win(g), ci = win || fsd__is(g->platform, "darwin");
  char *s, *o;
  const char *q;
  size_t n;
  if (p == NULL) return NULL;
  s = o = fsd_alloc(a, strlen(p) + 1);
  if (s == NULL) return NULL;
  for (q = p; *q; q++) {
    char ch = (win && *q == '\\') ? '/' : *q;
    if (ci) ch = (char)tolower((unsigned char)ch);
    /* Keep a UNC path's leading "//". */
    if (ch == '/' && o > s + (win ? 1 : 0) && o[-1] == '/') continue;
    *o++ = ch;
  }
  *o = '\0';
  n = (size_t)(o - s);
  while (n > 1 && s[n - 1] == '/' && !(n == 3 && s[1] == ':')) s[--n] = '\0';
  return s;
}

/* p is dir or below it (both canonical). */
int fsd__in(const char *p, const char *dir) {
  size_t n;
  if (p == NULL || dir == NULL || dir[0] == '\0') return 0;
  n = strlen(dir);
  if (strncmp(p, dir, n) != 0) return 0;
  return p[n] == '\0' || p[n] == '/' || dir[n - 1] == '/';
}

/* Absolute and plain: no "." or ".." component, which would make a path
 * look inside a directory it is not in. */
int fsd__absolute(const fsd__guard_t *g, const char *c) {
  const char *p;
  for (p = c; (p = strstr(p, "/.")) != NULL; p++)
    if (p[2] == '\0' || p[2] == '/' ||
        (p[2] == '.' && (p[3] == '\0' || p[3] == '/')))
      return 0;
  if (fsd__g_win(g))
    return (isalpha((unsigned char)c[0]) && c[1] == ':' && c[2] == '/') ||
           (c[0] == '/' && c[1] == '/');
  return c[0] == '/';
}

/* A filesystem or drive root: "/", "c:/", "//srv/share". */
int fsd__is_root(const fsd__guard_t *g, const char *c) {
  const char *p;
  if (strcmp(c, "/") == 0) return 1;
  if (!fsd__g_win(g)) return 0;
  if (isalpha((unsigned char)c[0]) && c[1] == ':' &&
      (c[2] == '\0' || (c[2] == '/' && c[3] == '\0')))
    return 1;
  if (c[0] == '/' && c[1] == '/') {
    p = strchr(c + 2, '/');                  /* after the server */
    return p == NULL || strchr(p + 1, '/') == NULL; /* no more than share */
  }
  return 0;
}

/* System directories: nothing in them is ever removed, moved or re-owned
 * (under), and these and every directory above them are not either
 * (exact). On Windows and under WSL's /mnt/<drive> the drive is any
 * letter ("?"). */
static const char *const fsd__sys_under[] = {
    "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
    "/boot", "/dev", "/proc", "/sys", "/run", "/system", "/library",
    "/private/etc", "/private/var/db", "/applications", "/snap", "/nix/store",
    "/var/lib/dpkg", "/var/lib/apt", "/var/log", "/var/spool", "/var/mail",
    "?:/windows", "?:/program files", "?:/program files (x86)",
    "?:/programdata", "/mnt/?/windows", "/mnt/?/program files",
    "/mnt/?/program files (x86)", "/mnt/?/programdata", NULL};
static const char *const fsd__sys_exact[] = {
    "/var", "/var/lib", "/var/cache", "/var/tmp", "/tmp", "/opt", "/srv",
    "/home", "/users", "/root", "/var/root", "/mnt", "/media", "/volumes",
    "/private", "/private/var", "/private/tmp", "/usr/local", "/mnt/?",
    "/mnt/?/users", "?:/users", "?:/users/public", "?:/users/default",
    "/mnt/wsl", "/mnt/wslg", NULL};

/* c matches pattern with '?' as any one letter, either as the same path
 * (exact) or with c below it. */
static int fsd__pat(const char *c, const char *pat, int below) {
  size_t i;
  for (i = 0; pat[i]; i++) {
    char x = (char)tolower((unsigned char)c[i]);
    if (c[i] == '\0') return 0;
    if (pat[i] == '?' ? !isalpha((unsigned char)c[i]) : x != pat[i]) return 0;
  }
  return c[i] == '\0' || (below && c[i] == '/');
}

int fsd__is_system(const char *c, int below) {
  size_t i;
  for (i = 0; fsd__sys_under[i] != NULL; i++)
    if (fsd__pat(c, fsd__sys_under[i], below)) return 1;
  return 0;
}

int fsd__is_shared(const char *c) {
  size_t i;
  for (i = 0; fsd__sys_exact[i] != NULL; i++)
    if (fsd__pat(c, fsd__sys_exact[i], 0)) return 1;
  return 0;
}

/* dir is c or below it: c is dir or one of its ancestors. */
int fsd__holds(const char *c, const char *dir) {
  return dir != NULL && fsd__in(dir, c);
}

/* Home and profile directories by their shape, for when the home was not
 * measured: /home/<u>, /Users/<u>, C:\Users\<u>, /mnt/c/Users/<u>. */
int fsd__home_shape(const char *c) {
  static const char *const bases[] = {"/home/", "/users/", "?:/users/",
                                      "/mnt/?/users/", NULL};
  size_t i, j;
  for (i = 0; bases[i] != NULL; i++) {
    const char *b = bases[i];
    for (j = 0; b[j]; j++) {
      char x = (char)tolower((unsigned char)c[j]);
      if (c[j] == '\0' ||
          (b[j] == '?' ? !isalpha((unsigned char)c[j]) : x != b[j]))
        break;
    }
    if (b[j] == '\0' && c[j] != '\0' && strchr(c + j, '/') == NULL) return 1;
  }
  return 0;
}

/* Global package directories by their shape, for when npm's prefix was
 * not measured or another tool owns them: a node_modules right under a
 * "lib" directory (<prefix>/lib/node_modules), and the homes of node
 * version managers and global stores (nvm, fnm, volta, n, asdf, nodenv,
 * ~/.npm-global, pnpm's global store, %AppData%\npm). */
int fsd__global_shape(const char *c) {
  static const char *const parts[] = {
      "/lib/node_modules",     "/.nvm/",           "/.fnm/",
      "/fnm/node-versions/",   "/.volta/",         "/volta/tools/",
      "/usr/local/n/",         "/n/versions/",     "/.asdf/installs/",
      "/.nodenv/versions/",    "/.npm-global/",    "/.npm-packages/",
      "/.local/share/pnpm/",   "/library/pnpm/",   "/appdata/local/pnpm/",
      "/appdata/roaming/npm/", "/appdata/roaming/npm-cache/", NULL};
  size_t i, n;
  char *t;
  for (i = 0; parts[i] != NULL; i++) {
    const char *p = c;
    n = strlen(parts[i]);
    while ((p = strstr(p, parts[i])) != NULL) {
      /* "/lib/node_modules" only as whole components. */
      if (parts[i][n - 1] == '/' || p[n] == '\0' || p[n] == '/') return 1;
      p++;
    }
  }
  /* The directory itself: ".../appdata/roaming/npm" with no slash after. */
  t = strstr(c, "/appdata/roaming/npm");
  if (t != NULL && t[20] == '\0') return 1;
  return 0;
}

/* The project a failed path belongs to: what comes before its first
 * node_modules component (canonical), or NULL. */
const char *fsd__project_of(fsd_arena_t *a, const char *c) {
  const char *p;
  for (p = c; c != NULL && (p = strstr(p, "/node_modules")) != NULL; p++) {
    if (p[13] == '\0' || p[13] == '/')
      return p == c ? "/" : fsd_strndup(a, c, (size_t)(p - c));
  }
  return NULL;
}
