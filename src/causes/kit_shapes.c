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
  if (strncmp(n, "/usr/", 5) == 0 && strncmp(n, "/usr/local/home", 15) != 0)
    f |= FSD__SH_USR;
  if (strncmp(n, "/usr/local/bin/", 15) == 0) f |= FSD__SH_GLOBAL;
  if (strncmp(n, "/system/", 8) == 0) f |= FSD__SH_SYSTEM;
  if (strncmp(n, "//", 2) == 0 && !(f & FSD__SH_WSLUNC)) f |= FSD__SH_UNC;
  /* Containers commonly mount a volume over the app's node_modules. */
  if ((strncmp(n, "/app/", 5) == 0 || strncmp(n, "/usr/src/app/", 13) == 0) &&
      (f & FSD__SH_NODEMOD))
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
  return f;
}
