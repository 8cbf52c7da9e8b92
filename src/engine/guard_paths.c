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
  /* Win32's verbatim and device prefixes ("\\?\C:\x", "\\.\C:\x",
   * "\\?\UNC\srv\share") name the same place as the plain path. */
  if (win && s[0] == '/' && s[1] == '/' && (s[2] == '?' || s[2] == '.') &&
      s[3] == '/') {
    if (strncmp(s + 4, "unc/", 4) == 0 || strncmp(s + 4, "UNC/", 4) == 0)
      memmove(s + 2, s + 8, strlen(s + 8) + 1);
    else
      memmove(s, s + 4, strlen(s + 4) + 1);
    o = s + strlen(s);
  }
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
    NULL}; /* and Windows' own, below (fsd__win_own ...) */
static const char *const fsd__sys_exact[] = {
    "/var", "/var/lib", "/var/cache", "/var/tmp", "/tmp", "/opt", "/srv",
    "/home", "/users", "/root", "/var/root", "/mnt", "/media", "/volumes",
    "/private", "/private/var", "/private/tmp", "/usr/local", "/mnt/?",
    "/mnt/?/users", "?:/users", "?:/users/public", "?:/users/default",
    "/mnt/wsl", "/mnt/wslg",
    /* IIS's folders: sites (and their projects) live below them. */
    "?:/inetpub", "?:/inetpub/wwwroot", "/mnt/?/inetpub",
    "/mnt/?/inetpub/wwwroot", NULL};

/* c matches pattern with '?' as any one letter and '*' as any one whole
 * component, either as the same path (exact) or with c below it. */
static int fsd__pat(const char *c, const char *pat, int below) {
  size_t i = 0, j;
  for (j = 0; pat[j]; j++) {
    if (pat[j] == '*') {
      size_t k = i;
      while (c[k] != '\0' && c[k] != '/') k++;
      if (k == i) return 0;
      i = k;
      continue;
    }
    if (c[i] == '\0') return 0;
    if (pat[j] == '?' ? !isalpha((unsigned char)c[i])
                      : (char)tolower((unsigned char)c[i]) != pat[j])
      return 0;
    i++;
  }
  return c[i] == '\0' || (below && c[i] == '/');
}

/* Windows' folders at a drive root. Its own (win_own) and the hidden
 * ones that hold only what Windows and installers keep (restore points,
 * the recycle bins, rollback scripts, recovery images, Office's install
 * cache, the XP-era profile junction, performance logs, upgrade staging)
 * hold nothing of a project's: nothing in them is ever changed, removed
 * or re-owned. Programs' folders (win_programs) hold what installers
 * put there: nothing in them is removed or re-owned, and no change acts
 * on one as a whole. Written without the drive: each is matched under
 * "<d>:" and WSL's "/mnt/<d>". */
static const char *const fsd__win_own[] = {"/windows", NULL};
static const char *const fsd__win_programs[] = {
    "/program files", "/program files (x86)", "/programdata", NULL};
static const char *const fsd__win_hidden[] = {
    "/system volume information", "/$recycle.bin", "/recycler",
    "/config.msi", "/recovery", "/msocache", "/documents and settings",
    "/perflogs", "/$windows.~bt", "/$windows.~ws", "/$winreagent",
    "/$sysreset", NULL};

/* A profile's compatibility junctions (Vista on): the old names of its
 * folders, hidden system junctions into the profile itself (a walk that
 * follows them reaches the profile again, and "Application Data" under
 * AppData\Local reaches AppData\Local again: a loop), and the junctions
 * C:\Users keeps for all users and the default profile. Whatever lies
 * below one lies in the profile, so each is off limits with what is in
 * it. */
static const char *const fsd__win_junctions[] = {
    "/users/all users", "/users/default user", "/users/*/application data",
    "/users/*/cookies", "/users/*/local settings", "/users/*/my documents",
    "/users/*/nethood", "/users/*/printhood", "/users/*/recent",
    "/users/*/sendto", "/users/*/start menu", "/users/*/templates",
    "/users/*/appdata/local/application data", "/users/*/appdata/local/history",
    "/users/*/appdata/local/temporary internet files",
    "/users/*/documents/my music", "/users/*/documents/my pictures",
    "/users/*/documents/my videos", NULL};

/* c without its drive: "c:/x" and "/mnt/c/x" give "/x"; NULL for a path
 * with no drive. */
static const char *fsd__after_drive(const char *c) {
  if (isalpha((unsigned char)c[0]) && c[1] == ':' && c[2] == '/') return c + 2;
  if (strncmp(c, "/mnt/", 5) == 0 && isalpha((unsigned char)c[5]) &&
      c[6] == '/')
    return c + 6;
  return NULL;
}

static int fsd__win_list(const char *c, const char *const *list, int below) {
  const char *r = fsd__after_drive(c);
  size_t i;
  for (i = 0; r != NULL && list[i] != NULL; i++)
    if (fsd__pat(r, list[i], below)) return 1;
  return 0;
}

int fsd__win_junction(const char *c) {
  return fsd__win_list(c, fsd__win_junctions, 1);
}

int fsd__is_system(const char *c, int below) {
  size_t i;
  for (i = 0; fsd__sys_under[i] != NULL; i++)
    if (fsd__pat(c, fsd__sys_under[i], below)) return 1;
  return fsd__win_list(c, fsd__win_own, below) ||
         fsd__win_list(c, fsd__win_programs, below) ||
         fsd__win_list(c, fsd__win_hidden, below) ||
         fsd__win_list(c, fsd__win_junctions, below);
}

/* What no change of any kind may act on in a Windows path (canonical):
 * a drive or share root, a system folder at a drive root (the folder
 * itself; the hidden ones with what is in them), a profile or what holds
 * one, a profile's compatibility junction or anything reached through
 * one. A relative name, or one rooted without a drive ("\Documents and
 * Settings"), that starts with one of the system folders' names is taken
 * to be at a root: the error came from a walk of one. Why, or NULL. */
const char *fsd__win_off_limits(const fsd__guard_t *g, const char *c) {
  /* Names distinctive enough to mean the system folder even when the
   * text gives no drive; "Windows", "Users" and "Recovery" need one. */
  static const char *const bare[] = {
      "system volume information", "$recycle.bin", "recycler", "config.msi",
      "msocache", "documents and settings", "program files",
      "program files (x86)", "programdata", "perflogs", "$windows.~bt",
      "$windows.~ws", NULL};
  static const char *const rooted[] = {"windows", "users", "recovery", NULL};
  size_t i, n;
  const char *r;
  if (fsd__is_root(g, c)) return "it is a filesystem or drive root";
  if (fsd__absolute(g, c)) {
    if (fsd__win_list(c, fsd__win_junctions, 1))
      return "it is one of a profile's compatibility junctions, or is "
             "reached through one";
    if (fsd__is_system(c, 0) || fsd__win_list(c, fsd__win_hidden, 1) ||
        fsd__win_list(c, fsd__win_own, 1))
      return "it is a system directory";
    if (fsd__is_shared(c) || fsd__home_shape(c))
      return "it is a profile or the folder that holds them";
    return NULL;
  }
  r = c[0] == '/' ? c + 1 : c;
  n = strcspn(r, "/");
  for (i = 0; bare[i] != NULL; i++)
    if (strlen(bare[i]) == n && strncmp(r, bare[i], n) == 0)
      return "it is a system directory at a drive root";
  for (i = 0; c[0] == '/' && rooted[i] != NULL; i++)
    if (strlen(rooted[i]) == n && strncmp(r, rooted[i], n) == 0)
      return "it is a system directory at a drive root";
  return NULL;
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
