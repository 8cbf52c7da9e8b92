/* Path shapes: what a path alone tells (npm's staging area, a pnpm store,
 * npm's cache, a WSL Windows drive, Program Files, a Docker volume ...), the
 * ground of the rules' text-only guesses. */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

static const struct {
  int flag;
  const char *name;
  const char *needle;
} fsd__shape_table[] = {
    {FSD__SH_STAGING, "npm-staging", "node_modules/.staging"},
    {FSD__SH_PNPM, "pnpm-store", "node_modules/.pnpm"},
    {FSD__SH_PNPM, "pnpm-store", "/.pnpm-store/"},
    {FSD__SH_PNPM, "pnpm-store", "/pnpm/store/"},
    {FSD__SH_PNPM, "pnpm-store", "/.store/"},
    {FSD__SH_CACACHE, "npm-cache", "/_cacache/"},
    {FSD__SH_BIN, "node-bin", "node_modules/.bin/"},
    {FSD__SH_PROGFILES, "program-files", ":/program files"},
    /* what an administrator installed for all users (an all-users
     * Anaconda, a service's data) and Store apps' own folder */
    {FSD__SH_PROGFILES, "program-files", ":/programdata/"},
    {FSD__SH_PROGFILES, "program-files", ":/program files/windowsapps/"},
    {FSD__SH_WINDIR, "windows-dir", ":/windows/"},
    {FSD__SH_GLOBAL, "npm-global-prefix", "/usr/local/lib/node_modules"},
    {FSD__SH_GLOBAL, "npm-global-prefix", "/usr/lib/node_modules"},
    {FSD__SH_GLOBAL, "npm-global-prefix", "/opt/homebrew/lib/node_modules"},
    {FSD__SH_GLOBAL, "npm-global-prefix", "/appdata/roaming/npm/"},
    {FSD__SH_GLOBAL, "npm-global-prefix",
     ":/program files/nodejs/node_modules"},
    {FSD__SH_DOCKER, "docker-volume", "/var/lib/docker/volumes/"},
    {FSD__SH_WSLUNC, "wsl-share", "//wsl$/"},
    {FSD__SH_WSLUNC, "wsl-share", "//wsl.localhost/"},
    {FSD__SH_WINNODE, "windows-node", "/program files/nodejs/"},
    {FSD__SH_NODEMOD, "node-modules", "node_modules"},
    {FSD__SH_NPMCACHE, "npm-cache-dir", "/.npm/"},
    {FSD__SH_NPMCACHE, "npm-cache-dir", "/npm-cache/"},
    {FSD__SH_GITOBJ, "git-objects", ".git/objects/"},
    {FSD__SH_VBOX, "vbox-share", "/media/sf_"},
    {0, NULL, NULL}};

/* Lower-cased, with '/' for '\', so one table serves both spellings. */
static char *fsd__norm(fsd_arena_t *a, const char *p) {
  char *s = fsd_strdup(a, p), *q;
  if (s == NULL) return NULL;
  for (q = s; *q; q++) *q = *q == '\\' ? '/' : (char)tolower((unsigned char)*q);
  return s;
}

int fsd__path_shape(fsd_arena_t *a, const char *path) {
  int f = 0, i;
  char *n = path ? fsd__norm(a, path) : NULL;
  if (n == NULL) return 0;
  for (i = 0; fsd__shape_table[i].name != NULL; i++)
    if (strstr(n, fsd__shape_table[i].needle) != NULL)
      f |= fsd__shape_table[i].flag;
  if (strncmp(n, "/mnt/", 5) == 0 && isalpha((unsigned char)n[5]) &&
      (n[6] == '/' || n[6] == '\0'))
    f |= FSD__SH_MNT;
  /* /usr/local is the local admin's (Homebrew makes it the user's): not
   * a system place, except npm's prefix in it (FSD__SH_GLOBAL). */
  if (strncmp(n, "/usr/", 5) == 0 && strncmp(n, "/usr/local/", 11) != 0 &&
      strncmp(n, "/usr/src/app/", 13) != 0 && strcmp(n, "/usr/src/app") != 0)
    f |= FSD__SH_USR;
  if (strncmp(n, "/etc/", 5) == 0) f |= FSD__SH_USR; /* root's too */
  /* npm -g writes bin links and man pages beside its packages */
  if (strncmp(n, "/usr/local/bin/", 15) == 0 ||
      strncmp(n, "/usr/local/share/man/", 21) == 0)
    f |= FSD__SH_GLOBAL;
  /* npm's global layout, {prefix}/lib/node_modules, under the system
   * prefixes it is installed to (MacPorts' /opt/local, pkgsrc's /usr/pkg,
   * n's /usr/local/n/versions, a tarball's /opt/node*): not a project's
   * lib folder, nor a dot-folder (.cache, .vite) a tool keeps there */
  {
    const char *l = strstr(n, "/lib/node_modules");
    const char *m = strstr(n, "node_modules");
    if (l != NULL && m == l + 5 && (l[17] == '\0' || (l[17] == '/' && l[18] != '.')) &&
        (strncmp(n, "/opt/local/", 11) == 0 || strncmp(n, "/usr/pkg/", 9) == 0 ||
         strncmp(n, "/usr/local/", 11) == 0 || strncmp(n, "/opt/node", 9) == 0))
      f |= FSD__SH_GLOBAL;
  }
  if (strncmp(n, "/system/", 8) == 0) f |= FSD__SH_SYSTEM;
  if (strncmp(n, "/vagrant/", 9) == 0 || strcmp(n, "/vagrant") == 0)
    f |= FSD__SH_VBOX;
  if (fsd__leftover(a, path) != NULL) f |= FSD__SH_LEFTOVER;
  if (fsd__system_tree(path) != NULL) f |= FSD__SH_SYSTREE;
  if (strncmp(n, "//", 2) == 0 && !(f & FSD__SH_WSLUNC)) f |= FSD__SH_UNC;
  /* The working directories container images use (/app, /usr/src/app: the
   * Node images' convention), often a mounted volume. */
  if (strncmp(n, "/app/", 5) == 0 || strcmp(n, "/app") == 0 ||
      strncmp(n, "/usr/src/app/", 13) == 0 || strcmp(n, "/usr/src/app") == 0)
    f |= FSD__SH_DOCKER;
  return f;
}

int fsd__shapes(fsd__ctx_t *c) {
  int f = fsd__path_shape(c->a, c->path) | fsd__path_shape(c->a, c->dest), i,
      seen = 0;
  for (i = 0; fsd__shape_table[i].name != NULL; i++) {
    if (!(f & fsd__shape_table[i].flag) || (seen & fsd__shape_table[i].flag))
      continue;
    seen |= fsd__shape_table[i].flag;
    fsd_push(c->shapes, fsd_str(c->a, fsd__shape_table[i].name));
  }
  if (f & FSD__SH_MNT) fsd_push(c->shapes, fsd_str(c->a, "wsl-windows-drive"));
  if ((f & FSD__SH_USR) && !(f & FSD__SH_GLOBAL))
    fsd_push(c->shapes, fsd_str(c->a, "usr"));
  if (f & FSD__SH_SYSTEM) fsd_push(c->shapes, fsd_str(c->a, "macos-system"));
  if (f & FSD__SH_UNC) fsd_push(c->shapes, fsd_str(c->a, "unc-share"));
  if ((f & FSD__SH_DOCKER) && !(seen & FSD__SH_DOCKER))
    fsd_push(c->shapes, fsd_str(c->a, "docker-volume"));
  if ((f & FSD__SH_VBOX) && !(seen & FSD__SH_VBOX))
    fsd_push(c->shapes, fsd_str(c->a, "vbox-share"));
  if (f & FSD__SH_LEFTOVER)
    fsd_push(c->shapes, fsd_str(c->a, "install-leftover"));
  if (f & FSD__SH_SYSTREE) fsd_push(c->shapes, fsd_str(c->a, "system-tree"));
  return f;
}

static int fsd__shape_sep(char ch) { return ch == '/' || ch == '\\'; }

static int fsd__alnum_run(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!isalnum((unsigned char)s[i])) return 0;
  return 1;
}

/* One path component (s, n) that an interrupted install leaves behind. */
static int fsd__leftover_name(const char *s, size_t n) {
  const char *dash;
  if (n >= 8 && memcmp(s, ".staging", 8) == 0 && n == 8) return 1;
  if (n > 5 && memcmp(s, ".pkg-", 5) == 0) return 1;
  if (n >= 7 && memcmp(s + n - 7, ".DELETE", 7) == 0) return 1;
  if (n < 11 || s[0] != '.') return 0;
  /* reify's ".<name>-XXXXXXXX": eight letters and digits after a dash */
  dash = s + n - 9;
  if (*dash == '-' && fsd__alnum_run(dash + 1, 8)) return 1;
  /* the same with its random part written as X's in a paste
   * (".claude-code-XXXXX") */
  for (dash = s + n; dash > s + 1 && dash[-1] == 'X'; dash--)
    ;
  return dash > s + 1 && dash[-1] == '-' && s + n - dash >= 3;
}

const char *fsd__leftover(fsd_arena_t *a, const char *path) {
  const char *s, *start;
  int in_nm = 0;
  if (path == NULL) return NULL;
  for (s = start = path;; s++) {
    if (*s == '\0' || fsd__shape_sep(*s)) {
      size_t n = (size_t)(s - start);
      if (in_nm && fsd__leftover_name(start, n))
        return fsd_strndup(a, path, (size_t)(s - path));
      if (n == 12 && memcmp(start, "node_modules", 12) == 0) in_nm = 1;
      if (*s == '\0') break;
      start = s + 1;
    }
  }
  return NULL;
}

/* Places a walk meets when rooted at /, a drive or a home directory: the
 * first only at the root of a POSIX path, the others anywhere. */
static const char *const fsd__sys_roots[] = {"/proc/", "/sys/", "/dev/",
                                             "/run/user/", NULL};
static const char *const fsd__sys_trees[] = {
    "/lost+found/", "/system volume information/", "/$recycle.bin/",
    "/config.msi/", "/pagefile.sys/", "/hiberfil.sys/", "/swapfile.sys/",
    "/dumpstack.log", "/application data/", "/local settings/",
    "/my documents/", "/documents/my music/", "/documents/my pictures/",
    "/documents/my videos/", "/ntuser.dat", "/documents and settings/",
    "/appdata/local/microsoft/windows/", "/library/application support/",
    "/library/containers/", "/library/mail/", "/library/messages/",
    "/library/safari/", "/library/calendars/", "/library/cookies/",
    "/library/callhistory", "/.trash/", "/.trashes/", "/.spotlight-v100/",
    "/.fseventsd/", "/.documentrevisions-v100/", "/.temporaryitems/",
    "/.gvfs/", NULL};

const char *fsd__system_tree(const char *path) {
  char buf[512];
  size_t i, n;
  if (path == NULL) return NULL;
  n = strlen(path);
  if (n > sizeof(buf) - 3) n = sizeof(buf) - 3;
  for (i = 0; i < n; i++)
    buf[i] = path[i] == '\\' ? '/' : (char)tolower((unsigned char)path[i]);
  buf[n] = '/'; /* "/proc" itself is "/proc/" */
  buf[n + 1] = '\0';
  if (n > 0 && buf[0] != '/' && buf[0] != '.' && !(n > 1 && buf[1] == ':')) {
    /* relative ("System Volume Information" at a drive's root): its first
     * component is a tree's name too, never /proc's */
    memmove(buf + 1, buf, n + 2);
    buf[0] = '/';
    for (i = 0; fsd__sys_trees[i] != NULL; i++)
      if (strstr(buf, fsd__sys_trees[i]) != NULL) return fsd__sys_trees[i];
    return NULL;
  }
  for (i = 0; fsd__sys_roots[i] != NULL; i++)
    if (strncmp(buf, fsd__sys_roots[i], strlen(fsd__sys_roots[i])) == 0)
      return fsd__sys_roots[i];
  for (i = 0; fsd__sys_trees[i] != NULL; i++)
    if (strstr(buf, fsd__sys_trees[i]) != NULL) return fsd__sys_trees[i];
  /* chkdsk's FOUND.000 ... FOUND.999 at a drive's root */
  if (n >= 12 && isalpha((unsigned char)buf[0]) && buf[1] == ':' &&
      buf[2] == '/' && memcmp(buf + 3, "found.", 6) == 0 &&
      isdigit((unsigned char)buf[9]) && isdigit((unsigned char)buf[10]) &&
      isdigit((unsigned char)buf[11]) && buf[12] == '/')
    return "/found.nnn/";
  return NULL;
}

#define FSD__MAXPARTS 256

/* Splits path into components; returns how many. */
static size_t fsd__parts(const char *path, const char **ps, size_t *ls) {
  size_t n = 0;
  const char *s = path, *start = path;
  for (;; s++) {
    if (*s == '/' || *s == '\\' || *s == '\0') {
      if (s > start && n < FSD__MAXPARTS) {
        ps[n] = start;
        ls[n] = (size_t)(s - start);
        n++;
      }
      if (*s == '\0') break;
      start = s + 1;
    }
  }
  return n;
}

static int fsd__same_part(const char **ps, const size_t *ls, size_t i,
                          size_t j) {
  return ls[i] == ls[j] && memcmp(ps[i], ps[j], ls[i]) == 0;
}

int fsd__path_repeat(const char *path, size_t *at, size_t *len,
                     size_t *times) {
  const char *ps[FSD__MAXPARTS];
  size_t ls[FSD__MAXPARTS], n, p, i, k, j, best = 0;
  if (path == NULL) return 0;
  n = fsd__parts(path, ps, ls);
  /* a path the paste cut ends in "...": its last name is what is left */
  if (n > 0 && ls[n - 1] >= 3 && memcmp(ps[n - 1] + ls[n - 1] - 3, "...", 3) == 0) {
    ls[n - 1] -= 3;
    if (ls[n - 1] == 0) n--;
  }
  for (p = 1; p <= 8; p++) {
    for (i = 0; i + 3 * p <= n; i++) {
      k = 1;
      while (i + (k + 1) * p <= n) {
        for (j = 0; j < p; j++)
          if (!fsd__same_part(ps, ls, i + j, i + k * p + j)) break;
        if (j < p) break;
        k++;
      }
      /* A paste cut inside the third run ("a/b/a/b/a/b0"): what is there of
       * it matches, its last name as a prefix. */
      if (k == 2 && i + 2 * p < n && i + 3 * p >= n) {
        size_t m = n - (i + 2 * p);
        for (j = 0; j < m; j++) {
          size_t a = i + j, b = i + 2 * p + j;
          if (j + 1 < m ? !fsd__same_part(ps, ls, a, b)
                        : !(ls[b] > 0 && ls[b] <= ls[a] &&
                            memcmp(ps[a], ps[b], ls[b]) == 0))
            break;
        }
        if (j == m) k = 3;
      }
      for (j = 0; j < p; j++) /* "../../.." climbs; it repeats nothing */
        if (!(ls[i + j] <= 2 && ps[i + j][0] == '.' &&
              (ls[i + j] == 1 || ps[i + j][1] == '.')))
          break;
      if (j == p) continue;
      if (k >= 3 && k * p > best) {
        best = k * p;
        *at = (size_t)(ps[i] - path);
        *len = (size_t)(ps[i + p - 1] + ls[i + p - 1] - ps[i]);
        *times = k;
      }
    }
  }
  return best > 0;
}

int fsd__npm_win_prefix(const char *p) {
  static const char tail[] = "appdata\\roaming\\npm";
  size_t n, m = sizeof tail - 1, i;
  if (p == NULL) return 0;
  n = strlen(p);
  while (n > 0 && (p[n - 1] == '\\' || p[n - 1] == '/')) n--;
  if (n <= m) return 0;
  for (i = 0; i < m; i++) {
    char a = p[n - m + i], b = tail[i];
    if (a == '/') a = '\\';
    if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
    if (a != b) return 0;
  }
  return p[n - m - 1] == '\\' || p[n - m - 1] == '/';
}
