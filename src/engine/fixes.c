/* Which of a cause's fixes are shown: those for its platform, the holder
 * kinds that were measured and the values that are known, filled
 * (src/causes/kit_fill.c) from what was measured. A diagnosis asks through
 * fsd__fixes_val; a fixes request (fixes_request.c) through fsd__fixes_pick
 * with its flags. */

#include "engine/engine.h"

#include <string.h>

/* Whether a fix tagged fix_platform applies on platform. */
static int fsd__platform_match(const char *tag, const char *platform) {
  if (fsd__is(tag, "all") || fsd__is(tag, platform)) return 1;
  if (fsd__is(tag, "posix")) return !fsd__is(platform, "win32");
  if (fsd__is(tag, "linux")) return fsd__is(platform, "wsl");
  return 0;
}

static int fsd__kind_match(const char *kind, const char *const *kinds) {
  size_t i;
  if (kind == NULL || kinds == NULL) return 1;
  for (i = 0; kinds[i] != NULL; i++)
    if (strcmp(kinds[i], kind) == 0) return 1;
  return 0;
}

static int fsd__need_match(const char *need, const fsd__vars_t *local,
                           const fsd__vars_t *global) {
  int neg;
  const char *v;
  if (need == NULL) return 1;
  neg = need[0] == '!';
  v = fsd__var_get(local, need + neg);
  if (v == NULL) v = fsd__var_get(global, need + neg);
  return neg ? v == NULL : v != NULL;
}

/* Whether any of f's templates (text or commands) names a placeholder with
 * no value. */
static int fsd__unfillable(const fsd__fix_t *f, const fsd__vars_t *local,
                           const fsd__vars_t *global) {
  char key[FSD__KEYMAX];
  size_t k;
  if (fsd__unknown_name(f->text, local, global, key) != NULL) return 1;
  for (k = 0; f->commands[k] != NULL; k++)
    if (fsd__unknown_name(f->commands[k], local, global, key) != NULL) return 1;
  return 0;
}

fsd_val_t *fsd__fixes_pick(fsd_arena_t *a, const fsd__cause_t *c,
                           const char *platform, const char *const *kinds,
                           const fsd__vars_t *local, const fsd__vars_t *global,
                           unsigned flags) {
  fsd_val_t *arr = fsd_arr(a);
  size_t j, k;
  for (j = 0; c->fixes[j].text != NULL; j++) {
    const fsd__fix_t *f = &c->fixes[j];
    fsd_val_t *o, *cmds, *names = NULL, *cmd_names = NULL;
    if (!fsd__platform_match(f->platform, platform)) continue;
    if (!fsd__kind_match(f->kind, kinds)) continue;
    if (!fsd__need_match(f->need, local, global)) continue;
    if ((flags & FSD__FIXES_STRICT) && fsd__unfillable(f, local, global))
      continue;
    o = fsd_push(arr, fsd_obj(a));
    fsd_set_str(a, o, "text", fsd__fill(a, f->text, local, global, NULL, 0));
    cmds = fsd_set(o, "commands", fsd_arr(a));
    if (flags & FSD__FIXES_NAMES) {
      names = fsd_obj(a);
      fsd_set(names, "text", fsd__names_val(a, f->text));
      cmd_names = fsd_set(names, "commands", fsd_arr(a));
    }
    for (k = 0; f->commands[k] != NULL; k++) {
      fsd_push(cmds, fsd_str(a, fsd__fill(a, f->commands[k], local, global,
                                          f->shell, 1)));
      if (cmd_names != NULL)
        fsd_push(cmd_names, fsd__names_val(a, f->commands[k]));
    }
    /* "posix" is ours; the contract knows only real platforms and "all". */
    fsd_set_str(a, o, "platform",
                fsd__is(f->platform, "all") ? "all"
                : fsd__is(f->platform, "posix") || fsd__is(f->platform, "linux")
                    ? platform
                    : f->platform);
    fsd_set_str(a, o, "shell", f->shell);
    if (names != NULL) fsd_set(o, "names", names);
  }
  return arr;
}

fsd_val_t *fsd__fixes_val(fsd_arena_t *a, const fsd__cause_t *c,
                          const char *platform, const char *const *kinds,
                          const fsd__vars_t *local, const fsd__vars_t *global) {
  return fsd__fixes_pick(a, c, platform, kinds, local, global, 0);
}
