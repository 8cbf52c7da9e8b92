#ifndef FSD_ENGINE_GUARD_PATHS_H
#define FSD_ENGINE_GUARD_PATHS_H

/* The guard's path shapes (guard_paths.c): how a path is spelled for
 * comparing, and what a path is by its shape alone (a root, a system or
 * home directory, a global package directory, a project's node_modules).
 * Only the guard (guard.c) uses them; nothing here is measured. */

#include "engine/engine.h"

/* The failure happened on Windows: '\' separators, drive letters, names
 * that ignore case. */
int fsd__g_win(const fsd__guard_t *g);

/* A path in one spelling for comparing: '/' for '\' on Windows, lower case
 * where names are case-insensitive (Windows, macOS), repeated separators
 * collapsed, no trailing one (but "/" and "c:/" keep theirs). NULL for
 * NULL or when the arena is out. */
char *fsd__canon(fsd_arena_t *a, const fsd__guard_t *g, const char *p);

/* p is dir or below it (both canonical). */
int fsd__in(const char *p, const char *dir);

/* dir is c or below it: c is dir or one of its ancestors (canonical). */
int fsd__holds(const char *c, const char *dir);

/* c (canonical) is absolute and plain: no "." or ".." component. */
int fsd__absolute(const fsd__guard_t *g, const char *c);

/* c (canonical) is a filesystem or drive root: "/", "c:/", "//srv/share". */
int fsd__is_root(const fsd__guard_t *g, const char *c);

/* c is a system directory whose contents nothing may touch (/etc, /usr,
 * C:\Windows ...); with below, also anything in one. */
int fsd__is_system(const char *c, int below);

/* c (canonical) is one of a Windows profile's compatibility junctions
 * ("Application Data", "My Documents" ...) or below one. */
int fsd__win_junction(const char *c);

/* Why no change of any kind may act on the Windows path c (canonical): a
 * root, a system folder at a drive root, a profile or C:\Users, a
 * profile's compatibility junction; NULL when none of these. */
const char *fsd__win_off_limits(const fsd__guard_t *g, const char *c);

/* c is one of the shared directories that hold others' (/tmp, /home,
 * /var, /mnt/c, C:\Users ...), itself, not what is in it. */
int fsd__is_shared(const char *c);

/* c is a home or profile directory by its shape: /home/<u>, /Users/<u>,
 * C:\Users\<u>, /mnt/c/Users/<u>. */
int fsd__home_shape(const char *c);

/* c is in a global package directory by its shape (<prefix>/lib/
 * node_modules, nvm, fnm, volta, n, asdf, nodenv, ~/.npm-global, pnpm's
 * global store, %AppData%\npm). */
int fsd__global_shape(const char *c);

/* The project c (canonical) belongs to: what comes before its first
 * node_modules component, or NULL. */
const char *fsd__project_of(fsd_arena_t *a, const char *c);

#endif
