/* The kit below the rules: proposing a cause, attaching evidence, and the
 * small string helpers every layer above uses. Measured evidence scores
 * 0.85-0.97; what the text alone suggests (syscall, path shape, platform)
 * scores 0.2-0.8, so a named holder always beats "maybe antivirus". */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

fsd__cand_t *fsd__add(fsd__ctx_t *c, fsd_cause_id_t id, double confidence) {
  size_t i;
  fsd__cand_t *k = NULL;
  for (i = 0; i < c->ncands; i++) {
    if (c->cands[i].cause != id) continue;
    /* A later, stronger rule for the same cause replaces the weaker one. */
    if (confidence < c->cands[i].confidence) return NULL;
    k = &c->cands[i];
    break;
  }
  if (k == NULL) {
    if (c->ncands == FSD_CAUSE_COUNT) return NULL;
    k = &c->cands[c->ncands++];
  }
  memset(k, 0, sizeof(*k));
  k->cause = id;
  k->confidence = confidence;
  k->evidence = fsd_obj(c->a);
  return k;
}

void fsd__detail(fsd__ctx_t *c, fsd__cand_t *k, const char *tmpl) {
  k->detail = fsd__fill(c->a, tmpl, &k->vars, &c->global, NULL, 0);
}

/* A text-only cause records what in the text led to it. Each gets its own
 * copy of the shapes: a value belongs to one parent. */
static void fsd__text_ev(fsd__ctx_t *c, fsd__cand_t *k, const char *why) {
  fsd_val_t *shapes = fsd_arr(c->a), *s;
  if (k == NULL) return;
  for (s = c->shapes ? c->shapes->u.kids.head : NULL; s != NULL; s = s->next)
    fsd_push(shapes, fsd_str(c->a, s->u.str.s));
  fsd_set_str(c->a, k->evidence, "from", "text");
  fsd_set_str(c->a, k->evidence, "syscall", c->err->syscall);
  fsd_set(k->evidence, "pathShapes", shapes);
  fsd__detail(c, k, why);
}

fsd__cand_t *fsd__guess(fsd__ctx_t *c, fsd_cause_id_t id, double conf,
                        const char *why) {
  /* In a live diagnosis the probes found nothing to back this up: the path
   * shape still counts, but below anything measured. */
  /* Nothing measured: never 0.9 or more, which means measured. */
  if (conf > 0.89) conf = 0.89;
  fsd__cand_t *k = fsd__add(c, id, c->live ? conf * 0.6 : conf);
  fsd__text_ev(c, k, why);
  return k;
}

void fsd__ev_num(fsd__ctx_t *c, fsd__cand_t *k, const char *key, int64_t v) {
  if (v < 0)
    fsd_set_null(c->a, k->evidence, key);
  else
    fsd_set_num(c->a, k->evidence, key, (double)v);
}

void fsd__holders_ev(fsd__ctx_t *c, fsd__cand_t *k, const char *how) {
  const fsd_holders_t *h = c->ev->holders;
  fsd_val_t *arr;
  size_t i, nk = 0;
  if (k == NULL || h == NULL) return;
  arr = fsd_set(k->evidence, "holders", fsd_arr(c->a));
  k->kinds_known = 1;
  for (i = 0; i < h->count; i++) {
    const fsd_holder_t *x = &h->items[i];
    fsd_val_t *o;
    size_t j;
    if (how != NULL && !fsd__is(x->how, how)) continue;
    o = fsd_push(arr, fsd_obj(c->a));
    fsd_set_num(c->a, o, "pid", (double)x->pid);
    fsd_set_str(c->a, o, "name", x->name);
    fsd_set_str(c->a, o, "kind", x->kind ? x->kind : "other");
    fsd_set_str(c->a, o, "how", x->how);
    fsd_set_str(c->a, o, "target", x->target);
    if (x->fd >= 0) fsd_set_num(c->a, o, "fd", (double)x->fd);
    if (x->lock) fsd_set_str(c->a, o, "lock", x->lock);
    /* Whose process it is, as facts.holders says: null where unmeasured. */
    if (x->uid < 0)
      fsd_set_null(c->a, o, "uid");
    else
      fsd_set_num(c->a, o, "uid", (double)x->uid);
    if (fsd__var_get(&k->vars, "pid") == NULL) {
      fsd__var(&k->vars, "pid", fsd__i64(c->a, x->pid));
      fsd__var(&k->vars, "name", x->name ? x->name : "a process");
      fsd__var(&k->vars, "target", x->target);
    }
    for (j = 0; j < nk; j++)
      if (fsd__is(k->kinds[j], x->kind)) break;
    if (j == nk && nk < 7) k->kinds[nk++] = x->kind ? x->kind : "other";
  }
}

size_t fsd__nholders(fsd__ctx_t *c, const char *how) {
  const fsd_holders_t *h = c->ev->holders;
  size_t i, n = 0;
  if (h == NULL) return 0;
  for (i = 0; i < h->count; i++)
    if (how == NULL || fsd__is(h->items[i].how, how)) n++;
  return n;
}

/* Rename and link need write access to both parents, so the destination
 * counts when the path itself is fine. */
const fsd_component_t *fsd__denied(fsd__ctx_t *c,
                                   const fsd_pathinfo_t **which) {
  const fsd_pathinfo_t *ps[2] = {c->ev->path, c->ev->dest};
  size_t i;
  for (i = 0; i < 2; i++) {
    const fsd_pathinfo_t *p = ps[i];
    if (p == NULL || p->denied_index < 0 ||
        (size_t)p->denied_index >= p->ncomponents)
      continue;
    *which = p;
    return &p->components[p->denied_index];
  }
  *which = c->ev->path;
  return NULL;
}

int64_t fsd__euid(fsd__ctx_t *c) {
  return c->ev->priv ? c->ev->priv->euid : -1;
}

const fsd_component_t *fsd__sticky(fsd__ctx_t *c,
                                   const fsd_component_t **entry) {
  const fsd_pathinfo_t *p = c->ev->path;
  const fsd_component_t *dir, *x;
  int64_t euid = fsd__euid(c);
  fsd__touch_t t;
  fsd__touches(c->syscall, &t);
  if (p == NULL || p->ncomponents < 2 || euid <= 0 ||
      t.path != FSD__TOUCH_REMOVE)
    return NULL;
  x = &p->components[p->ncomponents - 1];
  dir = &p->components[p->ncomponents - 2];
  if (!(dir->mode & 01000) || x->err != 0 || x->uid < 0 || dir->uid < 0 ||
      x->uid == euid || dir->uid == euid)
    return NULL;
  *entry = x;
  return dir;
}

/* copyfile(src, dest) and friends run out of room where they write. */
const fsd_fsinfo_t *fsd__written_fs(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->dest_fs != NULL ? c->ev->dest_fs : c->ev->fs;
  if (f == NULL || (f->free_bytes < 0 && f->avail_bytes < 0)) return NULL;
  return f;
}

const fsd_fsinfo_t *fsd__side_fs(fsd__ctx_t *c) {
  if (fsd__dest_side(c->syscall, c->dest != NULL)) return c->ev->dest_fs;
  return c->ev->fs;
}

/* ---- values and strings ------------------------------------------------- */

int fsd__is(const char *s, const char *t) {
  return s != NULL && t != NULL && strcmp(s, t) == 0;
}

int fsd__has(const char *hay, const char *needle) {
  size_t n, i;
  if (hay == NULL || needle == NULL) return 0;
  n = strlen(needle);
  for (; *hay; hay++) {
    for (i = 0; i < n; i++)
      if (tolower((unsigned char)hay[i]) != tolower((unsigned char)needle[i]))
        break;
    if (i == n) return 1;
  }
  return 0;
}

int fsd__ext(const char *path, const char *const *exts) {
  size_t n, m, i;
  if (path == NULL) return 0;
  n = strlen(path);
  for (; *exts != NULL; exts++) {
    m = strlen(*exts);
    if (n <= m) continue;
    for (i = 0; i < m; i++)
      if (tolower((unsigned char)path[n - m + i]) != (unsigned char)(*exts)[i])
        break;
    if (i == m) return 1;
  }
  return 0;
}

int fsd__one_of(const char *s, const char *const *list) {
  if (s == NULL) return 0;
  for (; *list != NULL; list++)
    if (strcmp(s, *list) == 0) return 1;
  return 0;
}

int fsd__removes(const char *syscall) {
  static const char *const rm[] = {"unlink", "rmdir", "rename", "rm", NULL};
  return fsd__one_of(syscall, rm);
}

int fsd__watch_call(const char *syscall) {
  return fsd__is(syscall, "watch") || fsd__has(syscall, "inotify");
}

int fsd__under(const char *path, const char *dir) {
  size_t n;
  if (path == NULL || dir == NULL || dir[0] == '\0') return 0;
  n = strlen(dir);
  while (n > 1 && (dir[n - 1] == '/' || dir[n - 1] == '\\')) n--;
  return strncmp(path, dir, n) == 0 &&
         (path[n] == '\0' || path[n] == '/' || path[n] == '\\');
}

const char *fsd__parent(fsd_arena_t *a, const char *path) {
  size_t n;
  if (path == NULL) return NULL;
  n = strlen(path);
  while (n > 1 && (path[n - 1] == '/' || path[n - 1] == '\\')) n--;
  if (n == 2 && path[1] == ':') return NULL; /* a drive's root has none */
  while (n > 0 && path[n - 1] != '/' && path[n - 1] != '\\') n--;
  if (n == 0) return ".";
  if (n > 1 && !(n == 3 && path[1] == ':')) n--; /* keep "/" and "C:\" */
  return fsd_strndup(a, path, n);
}

const char *fsd__i64(fsd_arena_t *a, int64_t v) {
  if (v < 0) return NULL;
  return fsd_printf(a, "%lld", (long long)v);
}

/* needle in the paste (or, with none, the error's own line), case aside;
 * word: nothing alphanumeric right before or after it. */
static int fsd__said_in(fsd__ctx_t *c, const char *needle, int word) {
  const char *t = c->err->text;
  size_t n = c->err->text_len, m = strlen(needle), i, k;
  if (t == NULL && c->err->message != NULL) {
    t = c->err->message; /* no pasted text: the error's own line */
    n = strlen(t);
  }
  if (t == NULL || m == 0 || m > n) return 0;
  for (i = 0; i + m <= n; i++) {
    if (word && ((i > 0 && isalnum((unsigned char)t[i - 1])) ||
                 (i + m < n && isalnum((unsigned char)t[i + m]))))
      continue;
    for (k = 0; k < m; k++)
      if (tolower((unsigned char)t[i + k]) != tolower((unsigned char)needle[k]))
        break;
    if (k == m) return 1;
  }
  return 0;
}

int fsd__said(fsd__ctx_t *c, const char *needle) {
  return fsd__said_in(c, needle, 0);
}

int fsd__said_word(fsd__ctx_t *c, const char *needle) {
  return fsd__said_in(c, needle, 1);
}
