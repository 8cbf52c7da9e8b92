#ifndef FSD_ENGINE_H
#define FSD_ENGINE_H

/* Internals of the diagnosis engine: diagnose.c sets up the rule context,
 * runs every cause's rule (src/causes/, in table order), ranks the
 * candidates and builds the result; fixes.c picks and fills the fixes of a
 * cause. The causes and the kit they use are in src/causes/kit.h. */

#include "causes/kit.h"
#include "engine/diagnose.h"

/* Live: marks the text-only guesses whose condition a probe measured
 * absent now, halving their confidence (refute.c). */
void fsd__refute(fsd__ctx_t *c);

/* ---- the guard (guard.c): whether a command may be shown -------------

 * What the guard knows about the failure: where it happened, which paths
 * it must never destroy or move (the source of a rename, link or copy),
 * and what was measured on this machine. Built by the diagnosis
 * (diagnose.c) and by a fixes request (fixes_request.c), so every
 * template of either engine passes through the one guard. */
typedef struct {
  const char *platform; /* "linux", "darwin", "win32", "wsl" */
  int measured;         /* the values were measured on this machine */
  int vouched; /* the caller measured every path value it gave (a fixes
                  request with measured: true): no pathinfo needed */
  const char *home;     /* this user's home or profile directory */
  const char *cache;    /* npm's cache */
  const char *cache_from;  /* "env", "project", "user", "global", "default" */
  const char *prefix;      /* npm's global prefix */
  const char *prefix_from; /* as cache_from */
  const char *paths[2];    /* the failed call's path and dest */
  const char *project;     /* a project measured apart from them, or NULL */
  const char *sources[2];  /* never destroyed or moved */
  const char *mounts[4];   /* mount points measured */
  const fsd_pathinfo_t *infos[2]; /* path and dest, measured */
  int64_t euid;                   /* -1: not measured */
  const fsd_holders_t *holders;   /* measured holders (pids) */
} fsd__guard_t;

/* Whether cmd, with target the filled value of its target placeholder (or
 * NULL), may be shown. 1: show it. 0: not; *why then says why (a phrase:
 * "it is the source of the rename"), and the caller shows the inspect
 * command fsd__guard_inspect gives instead, or nothing. Inspect and change
 * pass unless they must fail or do nothing (a missing path, a path another
 * user owns for a command without sudo, a setting already made or
 * overridden by the environment); destroy, move, re-own, kill and weaken
 * need a target measured here, inside what the user expects to be rebuilt
 * (see README, "Commands and the guard"). */
int fsd__guard(fsd_arena_t *a, const fsd__guard_t *g, const fsd__cmd_t *cmd,
               const char *target, const char **why);

/* The inspect template shown instead of a refused command of class cls in
 * shell (with {target} for its target), or NULL (weaken, and a kill outside
 * bash: nothing). */
const char *fsd__guard_inspect(fsd__class_t cls, const char *shell);

/* The fixes of a cause for a platform, filled and guarded: an array of
 * {text, commands, classes, platform, shell, alternative}. kinds is a
 * NULL-terminated list of the holder kinds measured (an empty list: none,
 * so every holder-kind fix is left out), or NULL when no holder scan
 * answered (then every kind's fixes are kept). A fix for any shell whose
 * commands name a value is given once per shell of the platform. */
fsd_val_t *fsd__fixes_val(fsd_arena_t *a, const fsd__cause_t *c,
                          const char *platform, const char *const *kinds,
                          const fsd__vars_t *local, const fsd__vars_t *global,
                          const fsd__guard_t *g);

enum {
  /* Leave out a fix whose text names a placeholder with no value, instead
   * of filling in a stand-in (commands never get one). */
  FSD__FIXES_STRICT = 1,
  /* Add to each fix names: { text: [...], commands: [[...], ...] }, the
   * placeholders its text and each command name. */
  FSD__FIXES_NAMES = 2
};

/* fsd__fixes_val with FSD__FIXES_* flags (0 gives fsd__fixes_val's). */
fsd_val_t *fsd__fixes_pick(fsd_arena_t *a, const fsd__cause_t *c,
                           const char *platform, const char *const *kinds,
                           const fsd__vars_t *local, const fsd__vars_t *global,
                           const fsd__guard_t *g, unsigned flags);

/* ---- what the glue calls (src/live/ops.c, src/wasm/entry.c) ----------- */

/* fixes(request): one cause's fixes for a platform, as a diagnosis' cause
 * has them, from a flat keyed request (src/engine/fixes_request.c):
 *   { cause: 'hard-link-limit', platform: 'linux' | 'darwin' | 'win32' |
 *     'wsl', strict: bool, names: bool, <placeholder>: 'value', ... }
 * Every other string member is the value of the placeholder it names; no
 * holder was measured, so holder-kind fixes are left out. measured: true
 * says the values were measured on this machine (the guard may then show
 * commands that remove or re-own them); home, npmCacheFrom and
 * npmPrefixFrom tell the guard what it checks settings against. An unknown cause
 * or platform, or a member of another type, fails with EINVAL. */
int fsd_fixes_request(fsd_arena_t *a, const fsd_arg_t *req, fsd_val_t **out,
                      fsd_fail_t *fail);

/* quote(request): { value, platform, shell } -> value as one word of a
 * command for that shell (fsd__quote), a string. */
int fsd_quote_request(fsd_arena_t *a, const fsd_arg_t *req, fsd_val_t **out,
                      fsd_fail_t *fail);

#endif
