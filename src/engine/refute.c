/* What the probes saw against what the text suggested. In a live
 * diagnosis a cause proposed from the text alone stays in the answer below
 * anything measured; where a probe measured the very condition that cause
 * needs and found it absent now (the file is yours, the flag is not set,
 * the mount is read-write), the guess is said to be contradicted: its
 * confidence halves and its detail says what was measured first. The
 * condition may have passed, or the failing process ran as another user
 * or in another mount namespace (sudo, a container), so the guess is kept,
 * not dropped. */

#include "engine/engine.h"

#include <string.h>

/* The path itself, else its nearest existing directory; NULL when nothing
 * of it was measured. */
static const fsd_component_t *fsd__last_there(const fsd_pathinfo_t *p) {
  size_t i;
  if (p == NULL) return NULL;
  for (i = p->ncomponents; i-- > 0;)
    if (p->components[i].err == 0) return &p->components[i];
  return NULL;
}

/* The directory an entry is removed from or created in. */
static const fsd_component_t *fsd__parent_of(const fsd_pathinfo_t *p) {
  if (p == NULL || !p->exists || p->ncomponents < 2) return NULL;
  return p->components[p->ncomponents - 2].err == 0
             ? &p->components[p->ncomponents - 2]
             : NULL;
}

/* Whether this user may change the entries of dir, from its mode and
 * owner: 1 yes, 0 not known. */
static int fsd__may_change_in(fsd__ctx_t *c, const fsd_component_t *dir) {
  int64_t euid = fsd__euid(c);
  if (dir == NULL || euid < 0 || dir->uid < 0) return 0;
  /* a flag not measured may be set */
  if (dir->immutable != 0 || dir->append_only != 0) return 0;
  /* root may, but not on a share that squashes it */
  if (euid == 0) return c->ev->fs != NULL && c->ev->fs->network == 0;
  return dir->uid == euid && (dir->mode & 0300) == 0300;
}

static const char *fsd__not_immutable(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  const fsd_component_t *dir = fsd__parent_of(p);
  if (p == NULL || !p->exists || p->immutable != 0 || p->append_only != 0 ||
      dir == NULL || dir->immutable != 0 || dir->append_only != 0)
    return NULL;
  return fsd_printf(c->a,
                    "neither %s nor its folder carries the immutable or "
                    "append-only flag",
                    p->path);
}

static const char *fsd__owned_here(fsd__ctx_t *c) {
  const fsd_component_t *x = fsd__last_there(c->ev->path), *dir;
  int64_t euid = fsd__euid(c);
  fsd__touch_t t;
  if (x == NULL || euid < 0 || x->uid != euid) return NULL;
  fsd__touches(c->syscall, &t);
  if (t.path == FSD__TOUCH_REMOVE || t.path == FSD__TOUCH_CREATE) {
    dir = fsd__parent_of(c->ev->path);
    if (dir != NULL && dir->uid != euid) return NULL;
  }
  return fsd_printf(c->a, "%s belongs to this user (uid %lld)", x->path,
                    (long long)euid);
}

static const char *fsd__allowed_here(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  fsd__touch_t t;
  int ok;
  /* access() asked for a mode the text does not say; a program's execute
   * bit is not what can_read measures; Windows has no uid to name */
  if (p == NULL || !p->exists || p->denied_index >= 0 || fsd__euid(c) < 0 ||
      FSD__SYS("access") || fsd__exec_call(c->syscall))
    return NULL;
  fsd__touches(c->syscall, &t);
  switch (t.path) {
    case FSD__TOUCH_READ:
      ok = p->can_read == 1;
      break;
    case FSD__TOUCH_WRITE:
      ok = p->can_write == 1;
      break;
    case FSD__TOUCH_REMOVE:
    case FSD__TOUCH_CREATE:
      ok = fsd__may_change_in(c, fsd__parent_of(p));
      break;
    default:
      ok = 0;
  }
  if (!ok) return NULL;
  return fsd_printf(c->a, "this user (uid %lld) may %s %s now",
                    (long long)fsd__euid(c),
                    t.path == FSD__TOUCH_READ ? "read" : "change", p->path);
}

static const char *fsd__mount_rw(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs, *d = c->ev->dest_fs;
  /* both sides of a rename or copy: either may be the read-only one */
  if (f == NULL || f->read_only != 0 || f->mount_point == NULL) return NULL;
  if (c->dest != NULL && (d == NULL || d->read_only != 0 || d->mount_point == NULL))
    return NULL;
  if (d != NULL && c->dest != NULL && !fsd__is(d->mount_point, f->mount_point))
    return fsd_printf(c->a, "%s and %s are mounted read-write", f->mount_point,
                      d->mount_point);
  return fsd_printf(c->a, "%s is mounted read-write", f->mount_point);
}

/* The path itself measured without the attribute; 0 when not measured. */
static int fsd__ro_clear(const fsd_pathinfo_t *p) {
  return p != NULL && p->exists && p->ncomponents > 0 &&
         p->components[p->ncomponents - 1].win_readonly == 0;
}

static const char *fsd__no_readonly_bit(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path, *d = c->ev->dest;
  if (!fsd__ro_clear(p)) return NULL;
  /* a rename or copy onto a read-only destination fails as well */
  if (c->dest != NULL && d != NULL && d->exists && !fsd__ro_clear(d)) return NULL;
  if (c->dest != NULL && d != NULL && d->exists)
    return fsd_printf(c->a, "neither %s nor %s has the read-only attribute",
                      p->path, d->path);
  return fsd_printf(c->a, "%s does not have the read-only attribute",
                    p->path);
}

static const char *fsd__no_loop(fsd__ctx_t *c) {
  /* the side the failure concerns: a new name (symlink, rename, copy) is
   * reached through the destination's directories */
  const fsd_linkinfo_t *l = fsd__dest_side(c->syscall, c->dest != NULL)
                                ? c->ev->dest_link
                                : c->ev->link;
  if (l == NULL || !l->exists || l->loop != 0 || l->broken != 0 ||
      l->resolved == NULL)
    return NULL;
  return fsd_printf(c->a, "%s resolves to %s without a loop", l->path,
                    l->resolved);
}

static const struct {
  fsd_cause_id_t cause;
  const char *(*measured)(fsd__ctx_t *c);
} fsd__refuters[] = {
    {FSD_CAUSE_IMMUTABLE_FILE, fsd__not_immutable},
    {FSD_CAUSE_WRONG_OWNER, fsd__owned_here},
    {FSD_CAUSE_PERMISSION_DENIED, fsd__allowed_here},
    {FSD_CAUSE_READ_ONLY_FS, fsd__mount_rw},
    {FSD_CAUSE_READONLY_ATTRIBUTE, fsd__no_readonly_bit},
    {FSD_CAUSE_SYMLINK_LOOP, fsd__no_loop},
};

void fsd__refute(fsd__ctx_t *c) {
  size_t i, j;
  /* no path: the probes measured the working directory, not the file the
   * call had open */
  if (!c->live || c->path == NULL) return;
  for (i = 0; i < c->ncands; i++) {
    fsd__cand_t *k = &c->cands[i];
    const char *why;
    if (!fsd__is(fsd_get_str(k->evidence, "from"), "text")) continue;
    for (j = 0; j < sizeof(fsd__refuters) / sizeof(fsd__refuters[0]); j++)
      if (fsd__refuters[j].cause == k->cause) break;
    if (j == sizeof(fsd__refuters) / sizeof(fsd__refuters[0])) continue;
    why = fsd__refuters[j].measured(c);
    if (why == NULL) continue;
    k->confidence *= 0.5;
    k->refuted = why;
    fsd_set_str(c->a, k->evidence, "contradicted", why);
    k->detail = fsd_printf(c->a, "Measured now, %s; the text alone suggested: %s",
                           why, k->detail ? k->detail
                                          : fsd__cause(k->cause)->title);
  }
}
