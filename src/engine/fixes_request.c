/* fixes(request) and quote(request) as JavaScript calls them: the keyed
 * request decoded once, then the same selection, filling and quoting a
 * diagnosis uses (fixes.c, src/causes/kit_fill.c). The addon and the
 * WebAssembly module both come through here, so `fsdoctor check` gets a
 * cause's fixes from the one implementation whichever engine loaded. */

#include "engine/engine.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

static const char *const fsd__fix_platforms[] = {"linux", "darwin", "win32",
                                                 "wsl", NULL};

typedef struct {
  const char *cause;
  const char *platform;
  int strict;
  int names;
  int measured; /* the values were measured on this machine */
  const char *home;
  const char *npm_cache_from;
  const char *npm_prefix_from;
} fsd__fixes_req_t;

static const fsd_field_t fsd__fixes_fields[] = {
    {"cause", FSD_ARG_STR, offsetof(fsd__fixes_req_t, cause), FSD_NO_LEN},
    {"platform", FSD_ARG_STR, offsetof(fsd__fixes_req_t, platform), FSD_NO_LEN},
    {"strict", FSD_ARG_BOOL, offsetof(fsd__fixes_req_t, strict), FSD_NO_LEN},
    {"names", FSD_ARG_BOOL, offsetof(fsd__fixes_req_t, names), FSD_NO_LEN},
    {"measured", FSD_ARG_BOOL, offsetof(fsd__fixes_req_t, measured),
     FSD_NO_LEN},
    {"home", FSD_ARG_STR, offsetof(fsd__fixes_req_t, home), FSD_NO_LEN},
    {"npmCacheFrom", FSD_ARG_STR, offsetof(fsd__fixes_req_t, npm_cache_from),
     FSD_NO_LEN},
    {"npmPrefixFrom", FSD_ARG_STR, offsetof(fsd__fixes_req_t, npm_prefix_from),
     FSD_NO_LEN},
    {NULL, FSD_ARG_NONE, 0, 0}};

static int fsd__fixes_bad(fsd_fail_t *fail, const char *syscall,
                          const char *msg) {
  fail->err = EINVAL;
  fail->syscall = syscall;
  fail->path = NULL;
  fail->message = msg != NULL ? msg : "invalid request";
  return -1;
}

/* A string member with no NUL byte inside it (the C templates would end
 * it there). */
static int fsd__no_nul(const fsd_arg_t *m) {
  return m->s != NULL && strlen(m->s) == m->len;
}

static int fsd__platform_arg(const char *platform, const char *syscall,
                             fsd_fail_t *fail) {
  if (platform == NULL || !fsd__one_of(platform, fsd__fix_platforms))
    return fsd__fixes_bad(fail, syscall,
                          "request.platform must be one of linux, darwin, "
                          "win32, wsl");
  return 0;
}

int fsd_fixes_request(fsd_arena_t *a, const fsd_arg_t *req, fsd_val_t **out,
                      fsd_fail_t *fail) {
  static const char *const no_kinds[] = {NULL};
  fsd__fixes_req_t r;
  fsd__vars_t *vars;
  const fsd__cause_t *c;
  size_t i;
  memset(&r, 0, sizeof(r));
  if (fsd_decode(a, req, "request", fsd__fixes_fields, &r, fail) != 0)
    return -1;
  if (r.cause == NULL)
    return fsd__fixes_bad(fail, "fixes",
                          "request.cause is needed: a cause id such as "
                          "'hard-link-limit'");
  c = fsd__cause_named(r.cause);
  if (c == NULL)
    return fsd__fixes_bad(
        fail, "fixes",
        fsd_printf(a, "request.cause: no cause has the id '%.80s'", r.cause));
  if (fsd__platform_arg(r.platform, "fixes", fail) != 0) return -1;
  vars = fsd_alloc(a, sizeof(*vars));
  if (vars == NULL) return fsd_fail_oom(fail);
  /* The platform is a value too: fsd__fill quotes for Windows by it. */
  fsd__var(vars, "platform", r.platform);
  /* asked for a cause's fixes by name: npm's commands are wanted */
  fsd__var(vars, "npmctx", "1");
  for (i = 0; req->type == FSD_ARG_OBJ && i < req->len; i++) {
    const fsd_arg_t *m = &req->kids[i];
    const fsd_field_t *f;
    for (f = fsd__fixes_fields; f->key != NULL; f++)
      if (fsd__is(f->key, m->key)) break;
    if (f->key != NULL || m->type == FSD_ARG_NONE) continue;
    if (m->type != FSD_ARG_STR)
      return fsd__fixes_bad(
          fail, "fixes",
          fsd_printf(a, "request.%.40s must be a string (a placeholder value)",
                     m->key));
    if (!fsd__no_nul(m))
      return fsd__fixes_bad(
          fail, "fixes",
          fsd_printf(a, "request.%.40s must not contain NUL bytes", m->key));
    if (m->len == 0) continue; /* an empty value is no value */
    if (fsd__var_get(vars, m->key) == NULL && vars->n == FSD__MAXVARS)
      return fsd__fixes_bad(
          fail, "fixes",
          fsd_printf(a, "request has more than %d placeholder values",
                     FSD__MAXVARS - 1));
    fsd__var(vars, m->key, m->s);
  }
  {
    /* The guard knows what the request says was measured: the values
     * themselves (measured: true vouches for them), no holder. */
    fsd__guard_t g;
    memset(&g, 0, sizeof(g));
    g.platform = r.platform;
    g.measured = r.measured;
    g.vouched = r.measured;
    g.home = r.home;
    g.cache = fsd__var_get(vars, "cache");
    g.cache_from = r.npm_cache_from;
    g.prefix = fsd__var_get(vars, "prefix");
    g.prefix_from = r.npm_prefix_from;
    g.paths[0] = fsd__var_get(vars, "path");
    g.paths[1] = fsd__var_get(vars, "dest");
    g.project = fsd__var_get(vars, "project");
    if (fsd__source_call(fsd__var_get(vars, "syscall")) &&
        (g.paths[1] != NULL || fsd__var_get(vars, "syscall") != NULL))
      g.sources[0] = g.paths[0];
    g.mounts[0] = fsd__var_get(vars, "mount");
    g.mounts[1] = fsd__var_get(vars, "srcMount");
    g.mounts[2] = fsd__var_get(vars, "destMount");
    g.euid = -1;
    /* No holder was measured: holder-kind fixes are left out. */
    *out = fsd__fixes_pick(a, c, r.platform, no_kinds, NULL, vars, &g,
                           (r.strict ? FSD__FIXES_STRICT : 0u) |
                               (r.names ? FSD__FIXES_NAMES : 0u));
  }
  if (*out == NULL || fsd_arena_oom(a)) return fsd_fail_oom(fail);
  return 0;
}

typedef struct {
  const char *value;
  size_t value_len;
  const char *platform;
  const char *shell;
} fsd__quote_req_t;

static const fsd_field_t fsd__quote_fields[] = {
    {"value", FSD_ARG_STR, offsetof(fsd__quote_req_t, value),
     offsetof(fsd__quote_req_t, value_len)},
    {"platform", FSD_ARG_STR, offsetof(fsd__quote_req_t, platform), FSD_NO_LEN},
    {"shell", FSD_ARG_STR, offsetof(fsd__quote_req_t, shell), FSD_NO_LEN},
    {NULL, FSD_ARG_NONE, 0, 0}};

int fsd_quote_request(fsd_arena_t *a, const fsd_arg_t *req, fsd_val_t **out,
                      fsd_fail_t *fail) {
  static const char *const shells[] = {"bash", "powershell", "cmd", NULL};
  fsd__quote_req_t r;
  const char *q;
  memset(&r, 0, sizeof(r));
  if (fsd_decode(a, req, "request", fsd__quote_fields, &r, fail) != 0)
    return -1;
  if (r.value == NULL)
    return fsd__fixes_bad(fail, "quote", "request.value is needed");
  if (strlen(r.value) != r.value_len)
    return fsd__fixes_bad(fail, "quote",
                          "request.value must not contain NUL bytes");
  if (fsd__platform_arg(r.platform, "quote", fail) != 0) return -1;
  if (r.shell != NULL && !fsd__one_of(r.shell, shells))
    return fsd__fixes_bad(fail, "quote",
                          "request.shell must be one of bash, powershell, cmd");
  /* null: that shell cannot be given this value safely. */
  q = fsd__quote(a, r.value, r.shell, fsd__is(r.platform, "win32"));
  *out = q != NULL ? fsd_str(a, q) : fsd_null(a);
  if (*out == NULL || fsd_arena_oom(a)) return fsd_fail_oom(fail);
  return 0;
}
