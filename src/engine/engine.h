#ifndef FSD_ENGINE_H
#define FSD_ENGINE_H

/* Internals of the diagnosis engine: diagnose.c sets up the rule context,
 * runs every cause's rule (src/causes/, in table order), ranks the
 * candidates and builds the result; fixes.c picks and fills the fixes of a
 * cause. The causes and the kit they use are in src/causes/kit.h. */

#include "causes/kit.h"
#include "engine/diagnose.h"

/* The fixes of a cause for a platform, filled: an array of
 * {text, commands, platform, shell}. kinds is a NULL-terminated list of the
 * holder kinds measured (an empty list: none, so every holder-kind fix is
 * left out), or NULL when no holder scan answered (then every kind's fixes
 * are kept). A placeholder with no value gets a readable stand-in. */
fsd_val_t *fsd__fixes_val(fsd_arena_t *a, const fsd__cause_t *c,
                          const char *platform, const char *const *kinds,
                          const fsd__vars_t *local, const fsd__vars_t *global);

enum {
  /* Leave out a fix whose text or any command names a placeholder with no
   * value, instead of filling in a stand-in. */
  FSD__FIXES_STRICT = 1,
  /* Add to each fix names: { text: [...], commands: [[...], ...] }, the
   * placeholders its text and each command name. */
  FSD__FIXES_NAMES = 2
};

/* fsd__fixes_val with FSD__FIXES_* flags (0 gives fsd__fixes_val's). */
fsd_val_t *fsd__fixes_pick(fsd_arena_t *a, const fsd__cause_t *c,
                           const char *platform, const char *const *kinds,
                           const fsd__vars_t *local, const fsd__vars_t *global,
                           unsigned flags);

/* ---- what the glue calls (src/live/ops.c, src/wasm/entry.c) ----------- */

/* fixes(request): one cause's fixes for a platform, as a diagnosis' cause
 * has them, from a flat keyed request (src/engine/fixes_request.c):
 *   { cause: 'hard-link-limit', platform: 'linux' | 'darwin' | 'win32' |
 *     'wsl', strict: bool, names: bool, <placeholder>: 'value', ... }
 * Every other string member is the value of the placeholder it names; no
 * holder was measured, so holder-kind fixes are left out. An unknown cause
 * or platform, or a member of another type, fails with EINVAL. */
int fsd_fixes_request(fsd_arena_t *a, const fsd_arg_t *req, fsd_val_t **out,
                      fsd_fail_t *fail);

/* quote(request): { value, platform, shell } -> value as one word of a
 * command for that shell (fsd__quote), a string. */
int fsd_quote_request(fsd_arena_t *a, const fsd_arg_t *req, fsd_val_t **out,
                      fsd_fail_t *fail);

#endif
