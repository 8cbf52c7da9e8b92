/* Which of a cause's fixes are shown: those for its platform, the holder
 * kinds that were measured and the values that are known, filled
 * (src/causes/kit_fill.c) from what was measured and quoted for each
 * shell (kit_quote.c), each command passed through the guard (guard.c). A
 * diagnosis asks through fsd__fixes_val; a fixes request (fixes_request.c)
 * through fsd__fixes_pick with its flags. */

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

static const char *fsd__val_of(const char *key, const fsd__vars_t *local,
                              const fsd__vars_t *global) {
  const char *v = fsd__var_get(local, key);
  return v != NULL ? v : fsd__var_get(global, key);
}

/* need is a placeholder that must have a value ("pid"), or not ("!pid"),
 * or several such joined by commas, all of which must hold. */
static int fsd__need_match(const char *need, const fsd__vars_t *local,
                           const fsd__vars_t *global) {
  char key[64];
  while (need != NULL && *need) {
    const char *end = strchr(need, ',');
    size_t n = end ? (size_t)(end - need) : strlen(need);
    int neg = need[0] == '!';
    if (n - (size_t)neg == 0 || n - (size_t)neg >= sizeof(key)) return 0;
    memcpy(key, need + neg, n - (size_t)neg);
    key[n - (size_t)neg] = '\0';
    if ((fsd__val_of(key, local, global) == NULL) != neg) return 0;
    need = end ? end + 1 : NULL;
  }
  return 1;
}

/* A fix for any shell whose commands name a value is given per shell:
 * quoting differs between them. */
static int fsd__names_values(const fsd__fix_t *f) {
  size_t k;
  char key[FSD__KEYMAX];
  static const fsd__vars_t none = {{NULL}, {NULL}, 0};
  for (k = 0; f->commands[k].tmpl != NULL; k++)
    if (fsd__unknown_name(f->commands[k].tmpl, &none, &none, key) != NULL)
      return 1;
  return 0;
}

/* cmd is in the array of strings cmds. */
static int fsd__cmd_in(fsd_val_t *cmds, const char *cmd) {
  fsd_val_t *c;
  for (c = cmds != NULL ? cmds->u.kids.head : NULL; c != NULL; c = c->next)
    if (fsd__is(c->u.str.s, cmd)) return 1;
  return 0;
}

/* cmd is a command of a fix already in arr: an inspect shown instead of a
 * refused command is shown once per cause. */
static int fsd__cmd_shown(fsd_val_t *arr, const char *cmd) {
  fsd_val_t *f;
  for (f = arr->u.kids.head; f != NULL; f = f->next)
    if (fsd__cmd_in(fsd_get(f, "commands"), cmd)) return 1;
  return 0;
}

/* A command of npm, pnpm, yarn or npx, alone or after "&&". */
static int fsd__npm_cmd(const char *t) {
  static const char *const pm[] = {"npm ", "pnpm ", "yarn ", "npx ", NULL};
  size_t i;
  for (i = 0; pm[i] != NULL; i++) {
    const char *at = strstr(t, pm[i]);
    if (at == t || (at != NULL && at >= t + 3 && memcmp(at - 3, "&& ", 3) == 0))
      return 1;
  }
  return 0;
}

typedef struct {
  fsd_arena_t *a;
  const char *platform;
  const fsd__vars_t *local, *global;
  const fsd__guard_t *g;
  unsigned flags;
  fsd_val_t *arr;
} fsd__pick_t;

/* One fix for one shell: filled, each command guarded. */
static void fsd__one(fsd__pick_t *p, const fsd__fix_t *f, const char *shell) {
  fsd_arena_t *a = p->a;
  fsd_val_t *o = fsd_obj(a), *cmds, *classes, *names = NULL, *cmd_names = NULL;
  const char *text = fsd__fill(a, f->text, p->local, p->global, NULL, 0);
  size_t k, dropped = 0, refused = 0;
  cmds = fsd_set(o, "commands", fsd_arr(a));
  classes = fsd_set(o, "classes", fsd_arr(a));
  if (p->flags & FSD__FIXES_NAMES) {
    names = fsd_obj(a);
    fsd_set(names, "text", fsd__names_val(a, f->text));
    cmd_names = fsd_set(names, "commands", fsd_arr(a));
  }
  for (k = 0; f->commands[k].tmpl != NULL; k++) {
    const fsd__cmd_t *c = &f->commands[k];
    const char *target = NULL, *why = NULL, *line, *tmpl = c->tmpl;
    fsd__class_t cls = c->cls;
    if (fsd__npm_cmd(c->tmpl) && fsd__var_get(p->global, "npmctx") == NULL) {
      dropped++; /* a package manager's command for an error not its own */
      continue;
    }
    line = fsd__fill(a, c->tmpl, p->local, p->global, shell, 1);
    if (line == NULL) { /* a value missing or unquotable */
      dropped++;
      continue;
    }
    if (c->on != NULL && strncmp(c->on, "npm:", 4) != 0)
      target = fsd__val_of(c->on, p->local, p->global);
    if (!fsd__guard(a, p->g, c, target, &why)) {
      const char *instead = fsd__guard_inspect(c->cls, shell);
      fsd__vars_t v;
      refused++;
      /* Said once: several commands held back for one reason (a fix's
       * removal for bash and its copy for another step) share a note. */
      if (why != NULL) {
        const char *note = fsd_printf(a, " (Not shown: the %s command, because %s.)",
                                      fsd__class_name(c->cls), why);
        if (note != NULL && text != NULL && strstr(text, note) == NULL)
          text = fsd_printf(a, "%s%s", text, note);
      }
      if (instead == NULL || target == NULL) continue;
      memset(&v, 0, sizeof(v));
      fsd__var(&v, "target", target);
      fsd__var(&v, "platform", p->platform);
      line = fsd__fill(a, instead, &v, NULL, shell, 1);
      if (line == NULL) continue;
      tmpl = instead;
      cls = FSD__INSPECT;
    }
    if (fsd__cmd_shown(p->arr, line) || fsd__cmd_in(cmds, line)) continue;
    fsd_push(cmds, fsd_str(a, line));
    fsd_push(classes, fsd_str(a, fsd__class_name(cls)));
    if (cmd_names != NULL) {
      fsd_val_t *n = fsd__names_val(a, c->tmpl);
      if (tmpl != c->tmpl) {
        n = fsd_arr(a);
        fsd_push(n, fsd_str(a, c->on));
      }
      fsd_push(cmd_names, n);
    }
  }
  /* An alternative whose every command named a value nobody has says
   * nothing a person can act on (nor does any fix, asked strictly). */
  if (k > 0 && dropped == k && refused == 0 &&
      ((f->flags & FSD__FIX_OR) || (p->flags & FSD__FIXES_STRICT)))
    return;
  /* An alternative left with no command to run ("Or remove it directly."
   * with the removal held back) offers nothing to do: the fix it is an
   * alternative to stands alone. */
  if (k > 0 && (f->flags & FSD__FIX_OR) && cmds->u.kids.head == NULL) return;
  fsd_set_str(a, o, "text", text);
  /* "posix" is ours; the contract knows only real platforms and "all". */
  fsd_set_str(a, o, "platform",
              fsd__is(f->platform, "all") && shell == NULL ? "all"
              : fsd__is(f->platform, "all") || fsd__is(f->platform, "posix") ||
                      fsd__is(f->platform, "linux")
                  ? p->platform
                  : f->platform);
  fsd_set_str(a, o, "shell", shell);
  fsd_set_bool(a, o, "alternative", (f->flags & FSD__FIX_OR) != 0);
  if (names != NULL) fsd_set(o, "names", names);
  fsd_push(p->arr, o);
}

fsd_val_t *fsd__fixes_pick(fsd_arena_t *a, const fsd__cause_t *c,
                           const char *platform, const char *const *kinds,
                           const fsd__vars_t *local, const fsd__vars_t *global,
                           const fsd__guard_t *g, unsigned flags) {
  static const char *const posix_shells[] = {"bash", NULL};
  static const char *const win_shells[] = {"powershell", "cmd", NULL};
  fsd__pick_t p;
  size_t j, s;
  char key[FSD__KEYMAX];
  p.a = a;
  p.platform = platform;
  p.local = local;
  p.global = global;
  p.g = g;
  p.flags = flags;
  p.arr = fsd_arr(a);
  for (j = 0; c->fixes[j].text != NULL; j++) {
    const fsd__fix_t *f = &c->fixes[j];
    if (!fsd__platform_match(f->platform, platform)) continue;
    if (!fsd__kind_match(f->kind, kinds)) continue;
    /* A leftover node process as the holder, unmeasured, only where npm
     * or node is in the picture: a Gradle or Unity lock is not node's */
    if (kinds == NULL && fsd__is(f->kind, "node") &&
        fsd__var_get(global, "npmctx") == NULL)
      continue;
    if (!fsd__need_match(f->need, local, global)) continue;
    if ((flags & FSD__FIXES_STRICT) &&
        fsd__unknown_name(f->text, local, global, key) != NULL)
      continue;
    if (f->shell != NULL || !fsd__names_values(f)) {
      fsd__one(&p, f, f->shell);
      continue;
    }
    {
      const char *const *shells =
          fsd__is(platform, "win32") ? win_shells : posix_shells;
      for (s = 0; shells[s] != NULL; s++) fsd__one(&p, f, shells[s]);
    }
  }
  return p.arr;
}

fsd_val_t *fsd__fixes_val(fsd_arena_t *a, const fsd__cause_t *c,
                          const char *platform, const char *const *kinds,
                          const fsd__vars_t *local, const fsd__vars_t *global,
                          const fsd__guard_t *g) {
  return fsd__fixes_pick(a, c, platform, kinds, local, global, g, 0);
}
