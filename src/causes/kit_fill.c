/* Placeholders: the values a rule measured, and the filling of templates
 * (details and fixes) with them. A value that was not measured gets a
 * readable stand-in instead of an empty hole; in a command each value is
 * quoted for its shell. */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

void fsd__var(fsd__vars_t *v, const char *key, const char *val) {
  size_t i;
  if (val == NULL || key == NULL) return;
  for (i = 0; i < v->n; i++) {
    if (strcmp(v->key[i], key) == 0) {
      v->val[i] = val;
      return;
    }
  }
  if (v->n == FSD__MAXVARS) return;
  v->key[v->n] = key;
  v->val[v->n] = val;
  v->n++;
}

const char *fsd__var_get(const fsd__vars_t *v, const char *key) {
  size_t i;
  if (v == NULL) return NULL;
  for (i = 0; i < v->n; i++)
    if (strcmp(v->key[i], key) == 0) return v->val[i];
  return NULL;
}

/* Placeholders a template may use, filled from what was measured: {path}
 * {dest} {dir} (parent of path) {project} (the directory holding
 * node_modules, else dir) {projectName} {cache} {prefix} {mount}
 * {destMount} {fstype} {source} {exec} (engine/diagnose.c sets these for
 * every cause) and, set by a cause's rule, {pid} {name} {target} {component}
 * {bit} {owner} {limit} {newlimit} {nlink} {linkmax} {subdirs} {subdirmax}
 * {flagged} {looplink} {brokenlink} {linktarget} {nameLength} {nameMax}.
 *
 * Stand-ins for values nobody measured: one for prose, one for commands
 * (where a shell expression can often compute the value itself). */
typedef struct {
  const char *key;
  const char *text;
  const char *posix_cmd;
  const char *win_cmd;
} fsd__default_t;

static const fsd__default_t fsd__defaults[] = {
    {"path", "the path", "<path>", "<path>"},
    {"dest", "the destination", "<dest>", "<dest>"},
    {"dir", "the directory", "<dir>", "<dir>"},
    {"project", "the project directory", ".", "."},
    {"projectName", "the project", "<project>", "<project>"},
    {"cache", "npm's cache", "~/.npm", "$env:LOCALAPPDATA\\npm-cache"},
    {"prefix", "the global prefix", "$(npm prefix -g)", "<prefix>"},
    {"mount", "the filesystem", "<mount point>", "<drive>"},
    {"destMount", "the other filesystem", "<mount point>", "<drive>"},
    {"fstype", "this filesystem", "<type>", "<type>"},
    {"pid", "unknown", "<pid>", "<pid>"},
    {"name", "a process", "<process>", "<process>"},
    {"component", "a directory on the path", "<dir>", "<dir>"},
    {"bit", "needed", "w", "w"},
    {"owner", "another user", "<user>", "<user>"},
    {"limit", "the current limit", "<limit>", "<limit>"},
    {"newlimit", "a larger value", "65536", "65536"},
    {"nlink", "many", "<n>", "<n>"},
    {"linkmax", "the maximum", "<max>", "<max>"},
    {"subdirs", "too many", "<n>", "<n>"},
    {"subdirmax", "the maximum", "<max>", "<max>"},
    {"flagged", "the file", "<path>", "<path>"},
    {"looplink", "a link in the chain", "<link>", "<link>"},
    {"brokenlink", "a link on the path", "<link>", "<link>"},
    {"linktarget", "a missing target", "<target>", "<target>"},
    {"exec", "a Windows node.exe", "<node>", "<node>"},
    {"nameLength", "too many", "<n>", "<n>"},
    {"nameMax", "fewer", "<max>", "<max>"},
    {NULL, NULL, NULL, NULL}};

static const fsd__default_t *fsd__default(const char *key, size_t len) {
  const fsd__default_t *d;
  for (d = fsd__defaults; d->key != NULL; d++)
    if (strlen(d->key) == len && strncmp(d->key, key, len) == 0) return d;
  return NULL;
}

/* Characters that never need quoting in any of the shells we write for. */
static int fsd__safe(const char *s, int win) {
  if (*s == '\0') return 0;
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (isalnum(ch) || strchr("_-./:@%+=,", ch) != NULL) continue;
    if (win && ch == '\\') continue;
    return 0;
  }
  return 1;
}

char *fsd__quote(fsd_arena_t *a, const char *v, const char *shell, int win) {
  size_t n = 0, i;
  char q, *out, *o;
  if (fsd__safe(v, win)) return (char *)v;
  if (fsd__is(shell, "cmd") || (shell == NULL && win)) {
    q = '"';
  } else {
    q = '\'';
  }
  for (i = 0; v[i]; i++) n += (v[i] == q) ? 4 : 1;
  out = o = fsd_alloc(a, n + 3);
  if (out == NULL) return NULL;
  *o++ = q;
  for (i = 0; v[i]; i++) {
    if (v[i] != q) {
      *o++ = v[i];
    } else if (q == '"') {
      continue; /* a double quote cannot occur in a Windows path */
    } else if (fsd__is(shell, "powershell")) {
      *o++ = '\'';
      *o++ = '\'';
    } else {
      memcpy(o, "'\\''", 4);
      o += 4;
    }
  }
  *o++ = q;
  *o = '\0';
  return out;
}

typedef struct {
  char *buf;
  size_t len, cap;
  fsd_arena_t *a;
  int oom;
} fsd__sb_t;

static void fsd__sb_add(fsd__sb_t *b, const char *s, size_t n) {
  if (b->oom || s == NULL) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = (b->len + n + 1) * 2;
    char *nb = fsd_alloc(b->a, cap);
    if (nb == NULL) {
      b->oom = 1;
      return;
    }
    if (b->len) memcpy(nb, b->buf, b->len);
    b->buf = nb;
    b->cap = cap;
  }
  memcpy(b->buf + b->len, s, n);
  b->len += n;
  b->buf[b->len] = '\0';
}

/* The next placeholder in tmpl at or after p: its '{', with the name's
 * length in *klen; NULL when there is none. Only {identifier} (letters, at
 * most FSD__KEYMAX - 1 of them) is a placeholder; PowerShell's { $_ } is
 * not. */
static const char *fsd__next(const char *p, size_t *klen) {
  static const char letters[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const char *open;
  for (; (open = strchr(p, '{')) != NULL; p = open + 1) {
    const char *close = strchr(open, '}');
    size_t n = close ? (size_t)(close - open - 1) : 0;
    if (close == NULL || n == 0 || n >= FSD__KEYMAX ||
        !isalpha((unsigned char)open[1]) || strspn(open + 1, letters) < n)
      continue;
    *klen = n;
    return open;
  }
  return NULL;
}

const char *fsd__unknown_name(const char *tmpl, const fsd__vars_t *local,
                              const fsd__vars_t *global, char *key) {
  const char *p = tmpl, *open;
  size_t klen;
  if (tmpl == NULL) return NULL;
  while ((open = fsd__next(p, &klen)) != NULL) {
    memcpy(key, open + 1, klen);
    key[klen] = '\0';
    if (fsd__var_get(local, key) == NULL && fsd__var_get(global, key) == NULL)
      return key;
    p = open + klen + 2;
  }
  return NULL;
}

fsd_val_t *fsd__names_val(fsd_arena_t *a, const char *tmpl) {
  fsd_val_t *arr = fsd_arr(a), *k;
  const char *p = tmpl, *open;
  size_t klen;
  if (tmpl == NULL) return arr;
  while ((open = fsd__next(p, &klen)) != NULL) {
    int dup = 0;
    p = open + klen + 2;
    for (k = arr ? arr->u.kids.head : NULL; k != NULL && !dup; k = k->next)
      dup = k->u.str.len == klen && memcmp(k->u.str.s, open + 1, klen) == 0;
    if (!dup) fsd_push(arr, fsd_strn(a, open + 1, klen));
  }
  return arr;
}

char *fsd__fill(fsd_arena_t *a, const char *tmpl, const fsd__vars_t *local,
                const fsd__vars_t *global, const char *shell, int is_command) {
  fsd__sb_t b;
  const char *p = tmpl, *open;
  size_t klen;
  int win = fsd__is(fsd__var_get(global, "platform"), "win32");
  memset(&b, 0, sizeof(b));
  b.a = a;
  if (tmpl == NULL) return NULL;
  while ((open = fsd__next(p, &klen)) != NULL) {
    char key[FSD__KEYMAX];
    const char *val;
    fsd__sb_add(&b, p, (size_t)(open - p));
    memcpy(key, open + 1, klen);
    key[klen] = '\0';
    val = fsd__var_get(local, key);
    if (val == NULL) val = fsd__var_get(global, key);
    if (val != NULL && is_command) {
      val = fsd__quote(a, val, shell, win);
    } else if (val == NULL) {
      const fsd__default_t *d = fsd__default(key, klen);
      if (d == NULL)
        val = "<?>";
      else if (!is_command)
        val = d->text;
      else if (win && fsd__is(shell, "cmd") && fsd__is(key, "cache"))
        val = "%LOCALAPPDATA%\\npm-cache";
      else
        val = win ? d->win_cmd : d->posix_cmd;
    }
    fsd__sb_add(&b, val, val ? strlen(val) : 0);
    p = open + klen + 2;
  }
  fsd__sb_add(&b, p, strlen(p));
  if (b.oom) return NULL;
  return b.buf ? b.buf : fsd_strdup(a, "");
}
