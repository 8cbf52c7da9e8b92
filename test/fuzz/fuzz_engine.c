/* libFuzzer target for the rule engine: error fields and every evidence
 * struct are made from the input bytes, then fsd_diagnose must return a
 * diagnosis whose causes are never empty, whose confidences lie in [0, 1]
 * and whose JSON can be produced. fsd_diagnose reads only its arguments, so
 * no probe runs here. */
#include "engine/diagnose.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const uint8_t *p;
  size_t n;
} rd_t;

static uint8_t rd_u8(rd_t *r) {
  uint8_t v;
  if (r->n == 0) return 0;
  v = *r->p++;
  r->n--;
  return v;
}

static int64_t rd_i64(rd_t *r) {
  static const int64_t picks[] = {-1, 0, 1, 2, 127, 1024, 31998, 32000,
                                  65000, 65535, 4294967295LL, INT64_MAX};
  uint8_t b = rd_u8(r);
  if (b < 12) return picks[b];
  return (int64_t)b * (int64_t)rd_u8(r) - 100;
}

static int rd_tri(rd_t *r) { return (int)(rd_u8(r) % 3) - 1; }

/* A string of up to 63 bytes from the input, or one of the shapes the
 * rules look for, or NULL. */
static const char *rd_str(fsd_arena_t *a, rd_t *r) {
  static const char *const picks[] = {
      "EPERM", "EACCES", "EBUSY", "EMLINK", "ELOOP", "ENOENT", "ENOSPC",
      "EROFS", "EXDEV", "rename", "unlink", "symlink", "link", "mkdir",
      "open", "watch", "/mnt/c/p/node_modules/x", "C:\\Program Files\\n",
      "/usr/local/lib/node_modules/x", "/home/u/.npm/_cacache/tmp/x",
      "\\\\srv\\share\\x", "node_modules/.staging/a", "win32", "linux",
      "wsl", "darwin", "", "/"};
  uint8_t b = rd_u8(r);
  size_t len;
  if (b < 28) return picks[b];
  if (b < 40) return NULL;
  len = rd_u8(r) % 64;
  if (len > r->n) len = r->n;
  {
    const char *s = fsd_strndup(a, (const char *)r->p, len);
    r->p += len;
    r->n -= len;
    return s;
  }
}

static void fill_fs(fsd_arena_t *a, rd_t *r, fsd_fsinfo_t *fs) {
  fs->path = rd_str(a, r);
  fs->probed = rd_str(a, r);
  fs->type = rd_str(a, r);
  fs->subtype = rd_str(a, r);
  fs->mount_point = rd_str(a, r);
  fs->options = rd_str(a, r);
  fs->read_only = rd_tri(r);
  fs->network = rd_tri(r);
  fs->wsl_windows_mount = rd_tri(r);
  fs->symlinks = rd_tri(r);
  fs->hardlinks = rd_tri(r);
  fs->link_max = rd_i64(r);
  fs->subdir_max = rd_i64(r);
  fs->free_bytes = rd_i64(r);
  fs->avail_bytes = rd_i64(r);
  fs->free_inodes = rd_i64(r);
  fs->total_inodes = rd_i64(r);
  fs->name_max = rd_i64(r);
}

static void fill_path(fsd_arena_t *a, rd_t *r, fsd_pathinfo_t *p) {
  size_t i, n = rd_u8(r) % 5;
  p->path = rd_str(a, r);
  p->absolute = p->path;
  p->exists = rd_u8(r) & 1;
  p->components = n ? fsd_alloc(a, n * sizeof(*p->components)) : NULL;
  p->ncomponents = p->components ? n : 0;
  for (i = 0; i < p->ncomponents; i++) {
    fsd_component_t *c = &p->components[i];
    c->path = rd_str(a, r);
    c->type = rd_str(a, r);
    c->uid = rd_i64(r);
    c->mode = (uint32_t)rd_i64(r);
    c->immutable = rd_tri(r);
    c->append_only = rd_tri(r);
    c->win_readonly = rd_tri(r);
  }
  p->denied_index = (int)(rd_u8(r) % 7) - 1;
  p->denied_op = rd_str(a, r);
  p->denied_bit = rd_str(a, r);
  p->can_write = rd_tri(r);
  p->immutable = rd_tri(r);
  p->append_only = rd_tri(r);
  p->protected_location = rd_tri(r);
  p->path_length = rd_i64(r);
  p->max_path = rd_i64(r);
  p->long_paths_enabled = rd_tri(r);
}

static void fill_link(fsd_arena_t *a, rd_t *r, fsd_linkinfo_t *l) {
  size_t i, n = rd_u8(r) % 4;
  l->path = rd_str(a, r);
  l->exists = rd_u8(r) & 1;
  l->nlink = rd_i64(r);
  l->link_max = rd_i64(r);
  l->headroom = rd_i64(r);
  l->subdirs = rd_i64(r);
  l->is_symlink = rd_u8(r) & 1;
  l->chain = n ? fsd_alloc(a, n * sizeof(*l->chain)) : NULL;
  l->nchain = l->chain ? n : 0;
  for (i = 0; i < l->nchain; i++) l->chain[i] = rd_str(a, r);
  l->loop = rd_u8(r) & 1;
  l->loop_start = rd_u8(r) % 6; /* may point past the chain: must be safe */
  l->broken = rd_u8(r) & 1;
  l->broken_at = rd_str(a, r);
}

static void fill_holders(fsd_arena_t *a, rd_t *r, fsd_holders_t *h) {
  size_t i, n = rd_u8(r) % 4;
  h->items = n ? fsd_alloc(a, n * sizeof(*h->items)) : NULL;
  h->count = h->cap = h->items ? n : 0;
  for (i = 0; i < h->count; i++) {
    h->items[i].pid = rd_i64(r);
    h->items[i].name = rd_str(a, r);
    h->items[i].how = rd_str(a, r);
    h->items[i].target = rd_str(a, r);
    h->items[i].kind = rd_str(a, r);
    h->items[i].fd = rd_i64(r);
  }
  h->uninspected = rd_i64(r);
  h->note = rd_str(a, r);
  h->method = rd_str(a, r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fsd_arena_t *a = fsd_arena_new();
  rd_t r = {data, size};
  fsd_error_t err;
  fsd_evidence_t ev;
  fsd_fsinfo_t fs, dfs;
  fsd_pathinfo_t pi, dpi;
  fsd_linkinfo_t li;
  fsd_holders_t ho;
  fsd_limits_t lim;
  fsd_privileges_t pr;
  fsd_val_t *d, *causes, *c;
  uint8_t mask;
  if (a == NULL) return 0;
  memset(&err, 0, sizeof(err));
  memset(&ev, 0, sizeof(ev));
  memset(&fs, 0, sizeof(fs));
  memset(&dfs, 0, sizeof(dfs));
  memset(&pi, 0, sizeof(pi));
  memset(&dpi, 0, sizeof(dpi));
  memset(&li, 0, sizeof(li));
  memset(&ho, 0, sizeof(ho));
  memset(&lim, 0, sizeof(lim));
  memset(&pr, 0, sizeof(pr));
  err.code = rd_str(a, &r);
  err.syscall = rd_str(a, &r);
  err.path = rd_str(a, &r);
  err.dest = rd_str(a, &r);
  err.message = rd_str(a, &r);
  err.platform = rd_str(a, &r);
  err.has_errno = rd_u8(&r) & 1;
  err.errnum = rd_i64(&r);
  mask = rd_u8(&r);
  if (mask & 1) fill_fs(a, &r, &fs), ev.fs = &fs;
  if (mask & 2) fill_fs(a, &r, &dfs), ev.dest_fs = &dfs;
  if (mask & 4) fill_path(a, &r, &pi), ev.path = &pi;
  if (mask & 8) fill_path(a, &r, &dpi), ev.dest = &dpi;
  if (mask & 16) fill_link(a, &r, &li), ev.link = &li;
  if (mask & 32) fill_holders(a, &r, &ho), ev.holders = &ho;
  if (mask & 64) {
    lim.nofile_soft = rd_i64(&r);
    lim.open_fds = rd_i64(&r);
    lim.file_nr = rd_i64(&r);
    lim.file_max = rd_i64(&r);
    lim.inotify_max_watches = rd_i64(&r);
    lim.inotify_watches_used = rd_i64(&r);
    ev.limits = &lim;
  }
  if (mask & 128) {
    pr.euid = rd_i64(&r);
    pr.root = rd_u8(&r) & 1;
    pr.can_symlink = rd_tri(&r);
    pr.can_hardlink = rd_tri(&r);
    pr.symlink_privilege = rd_tri(&r);
    pr.developer_mode = rd_tri(&r);
    pr.elevated = rd_tri(&r);
    ev.priv = &pr;
  }
  ev.is_wsl = rd_tri(&r);
  ev.exec_path = rd_str(a, &r);
  ev.npm_cache = rd_str(a, &r);
  ev.npm_prefix = rd_str(a, &r);
  ev.win32_error = rd_i64(&r);
  ev.win32_error_name = rd_str(a, &r);
  d = fsd_diagnose(a, &err, &ev, rd_u8(&r) & 1);
  if (d != NULL && !fsd_arena_oom(a)) {
    causes = fsd_get(d, "causes");
    if (causes == NULL || causes->type != FSD_ARR || causes->u.kids.count == 0)
      abort();
    for (c = causes->u.kids.head; c != NULL; c = c->next) {
      double conf = -1;
      if (!fsd_get_num(c, "confidence", &conf) || conf < 0 || conf > 1)
        abort();
      if (fsd_get_str(c, "id") == NULL) abort();
    }
    if (fsd_to_json(a, d) == NULL && !fsd_arena_oom(a)) abort();
  }
  fsd_arena_free(a);
  return 0;
}
