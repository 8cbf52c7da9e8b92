/* Bookkeeping of the tree scan shared by every platform: options, the
 * capped list of findings, path arithmetic and the result object. The walk
 * itself is in src/platform/posix_scan.c and win32_scan.c. */

#include "scan/scan.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define FSD__SCAN_MAX_RESULTS 10000
#define FSD__SCAN_MAX_DEPTH 1024

static const char *const fsd__kind_names[FSD_SCAN_KINDS] = {
    "broken-symlink", "symlink-loop", "outside-link", "link-count",
    "long-path",      "unreadable",   "too-deep",   "foreign-owner"};

const char *fsd_scan_kind_name(fsd_scan_kind_t kind) {
  if ((unsigned)kind >= FSD_SCAN_KINDS) return "unknown";
  return fsd__kind_names[kind];
}

void fsd_scan_opts_init(fsd_scan_opts_t *opts) {
  memset(opts, 0, sizeof(*opts));
  opts->check_outside = 1;
  opts->link_threshold = 0;
  opts->long_path = 260;
  opts->max_results = FSD__SCAN_MAX_RESULTS;
  opts->max_depth = FSD__SCAN_MAX_DEPTH;
  opts->progress_ms = 100;
  opts->owner = -1;
}

/* The options object as fsd_decode leaves it: booleans -1 and numbers NaN
 * where the member was absent. */
typedef struct {
  int follow_symlinks, outside, link_on, long_path_on, owner_on;
  double link_threshold, long_path, max_results, max_depth, threads, owner;
  double progress_ms;
} fsd__scan_args_t;

#define FSD__FIELD(key, type, member) \
  {key, type, offsetof(fsd__scan_args_t, member), FSD_NO_LEN}

const fsd_field_t fsd_scan_fields[] = {
    FSD__FIELD("followSymlinks", FSD_ARG_BOOL, follow_symlinks),
    FSD__FIELD("outside", FSD_ARG_BOOL, outside),
    FSD__FIELD("linkThreshold", FSD_ARG_NUM, link_threshold),
    FSD__FIELD("linkThresholdOn", FSD_ARG_BOOL, link_on),
    FSD__FIELD("longPath", FSD_ARG_NUM, long_path),
    FSD__FIELD("longPathOn", FSD_ARG_BOOL, long_path_on),
    FSD__FIELD("maxResults", FSD_ARG_NUM, max_results),
    FSD__FIELD("maxDepth", FSD_ARG_NUM, max_depth),
    FSD__FIELD("threads", FSD_ARG_NUM, threads),
    FSD__FIELD("owner", FSD_ARG_NUM, owner),
    FSD__FIELD("ownerOn", FSD_ARG_BOOL, owner_on),
    FSD__FIELD("progressInterval", FSD_ARG_NUM, progress_ms),
    {NULL, FSD_ARG_NONE, 0, 0}};

#undef FSD__FIELD

/* Every double past 2^53 is whole; such counts and sizes are capped there,
 * which no walk reaches. */
#define FSD__MAX_WHOLE 9007199254740992.0

/* Whether v is a whole number from min to max (finite); *out gets it. */
static int fsd__whole(double v, double min, double max, double *out) {
  if (!(v >= min && v <= max)) return 0; /* NaN fails too */
  if (v >= FSD__MAX_WHOLE) {
    *out = FSD__MAX_WHOLE;
    return 1;
  }
  *out = v;
  return v == (double)(int64_t)v;
}

static int fsd__bad_opt(fsd_arena_t *a, fsd_fail_t *fail, const char *key,
                        const char *want) {
  fail->err = EINVAL;
  fail->syscall = "options";
  fail->message = fsd_printf(a, "options.%s must be %s", key, want);
  return -1;
}

int fsd_scan_opts_decode(fsd_arena_t *a, const fsd_arg_t *obj,
                         fsd_scan_opts_t *o, fsd_fail_t *fail) {
  fsd__scan_args_t in;
  fsd_scan_opts_init(o);
  in.follow_symlinks = in.outside = in.link_on = in.long_path_on =
      in.owner_on = -1;
  in.link_threshold = in.long_path = in.max_results = in.max_depth =
      in.threads = in.owner = in.progress_ms = NAN;
  if (fsd_decode(a, obj, "options", fsd_scan_fields, &in, fail) != 0)
    return -1;
  if (in.follow_symlinks >= 0) o->follow_symlinks = in.follow_symlinks != 0;
  if (in.outside >= 0) o->check_outside = in.outside != 0;
  if (!isnan(in.link_threshold)) {
    if (!fsd__whole(in.link_threshold, 0, DBL_MAX, &in.link_threshold))
      return fsd__bad_opt(a, fail, "linkThreshold", "an integer >= 0");
    o->link_threshold = (int64_t)in.link_threshold;
  } else if (in.link_on > 0) {
    o->link_threshold = -1; /* 90% of the filesystem's maximum */
  }
  if (in.link_on == 0) o->link_threshold = 0;
  if (!isnan(in.long_path)) {
    if (!fsd__whole(in.long_path, 0, DBL_MAX, &in.long_path))
      return fsd__bad_opt(a, fail, "longPath", "an integer >= 0");
    o->long_path = (int64_t)in.long_path;
  }
  if (in.long_path_on == 0) o->long_path = 0;
  if (!isnan(in.max_results)) {
    if (!fsd__whole(in.max_results, 0, DBL_MAX, &in.max_results))
      return fsd__bad_opt(a, fail, "maxResults", "an integer >= 0");
    o->max_results = (uint64_t)in.max_results;
  }
  if (!isnan(in.max_depth)) {
    if (!fsd__whole(in.max_depth, 1, DBL_MAX, &in.max_depth))
      return fsd__bad_opt(a, fail, "maxDepth", "an integer >= 1");
    /* Past a million levels no path exists: as good as no limit. */
    o->max_depth = in.max_depth < 1e6 ? (int)in.max_depth : 1000000;
  }
  if (!isnan(in.threads)) {
    if (!fsd__whole(in.threads, 1, 64, &in.threads))
      return fsd__bad_opt(a, fail, "threads", "an integer from 1 to 64");
    o->threads = (int)in.threads;
  }
  if (!isnan(in.owner)) {
    if (!fsd__whole(in.owner, 0, 4294967295.0, &in.owner))
      return fsd__bad_opt(a, fail, "owner", "a uid (an integer >= 0)");
    o->owner = (int64_t)in.owner;
  } else if (in.owner_on > 0) {
    o->owner = FSD_SCAN_OWNER_ROOT;
  }
  if (in.owner_on == 0) o->owner = -1;
  if (!isnan(in.progress_ms)) {
    if (!fsd__whole(in.progress_ms, 0, DBL_MAX, &in.progress_ms))
      return fsd__bad_opt(a, fail, "progressInterval", "an integer >= 0");
    o->progress_ms = (int64_t)in.progress_ms;
  }
  return 0;
}

/* What findings are ordered by: path (bytewise), kind, then the rest, so
 * that no two different findings compare equal. */
typedef struct {
  const char *path;
  size_t len;
  const char *kind, *target, *resolved, *error;
  double uid, win32_error;
} fsd__fkey_t;

static void fsd__key_of_val(const fsd_val_t *v, fsd__fkey_t *k) {
  const fsd_val_t *p = fsd_get(v, "path");
  k->path = p->u.str.s;
  k->len = p->u.str.len;
  k->kind = fsd_get_str(v, "kind");
  k->target = fsd_get_str(v, "target");
  k->resolved = fsd_get_str(v, "resolved");
  k->error = fsd_get_str(v, "error");
  if (!fsd_get_num(v, "uid", &k->uid)) k->uid = -1;
  if (!fsd_get_num(v, "win32Error", &k->win32_error)) k->win32_error = 0;
}

static void fsd__key_of_finding(const fsd_scan_finding_t *f, fsd__fkey_t *k) {
  k->path = f->path;
  k->len = f->path_len;
  k->kind = fsd_scan_kind_name(f->kind);
  k->target = f->target;
  k->resolved = f->resolved;
  k->error = f->error;
  k->uid = f->uid >= 0 ? (double)f->uid : -1;
  k->win32_error = (double)f->win32_error;
}

static int fsd__strcmp_null(const char *a, const char *b) {
  if (a == NULL || b == NULL) return a == b ? 0 : a == NULL ? -1 : 1;
  return strcmp(a, b);
}

static int fsd__key_cmp(const fsd__fkey_t *a, const fsd__fkey_t *b) {
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->path, b->path, n);
  if (c != 0) return c;
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  if ((c = strcmp(a->kind, b->kind)) != 0) return c;
  if ((c = fsd__strcmp_null(a->target, b->target)) != 0) return c;
  if ((c = fsd__strcmp_null(a->resolved, b->resolved)) != 0) return c;
  if ((c = fsd__strcmp_null(a->error, b->error)) != 0) return c;
  if (a->uid != b->uid) return a->uid < b->uid ? -1 : 1;
  return a->win32_error < b->win32_error   ? -1
         : a->win32_error > b->win32_error ? 1
                                           : 0;
}

static int fsd__val_cmp(const fsd_val_t *x, const fsd_val_t *y) {
  fsd__fkey_t a, b;
  fsd__key_of_val(x, &a);
  fsd__key_of_val(y, &b);
  return fsd__key_cmp(&a, &b);
}

static fsd_val_t *fsd__finding_val(fsd_arena_t *a, const fsd_scan_finding_t *f) {
  fsd_val_t *o = fsd_obj(a);
  fsd_set_str(a, o, "kind", fsd_scan_kind_name(f->kind));
  fsd_set(o, "path", fsd_strn(a, f->path, f->path_len));
  fsd_set_num(a, o, "length", (double)fsd_utf16_len(f->path, f->path_len));
  fsd_set_str(a, o, "target", f->target);
  fsd_set_str(a, o, "resolved", f->resolved);
  fsd_set_str(a, o, "error", f->error);
  if (f->win32_error != 0) {
    fsd_set_num(a, o, "win32Error", (double)f->win32_error);
    fsd_set_str(a, o, "win32ErrorName", f->win32_error_name);
  } else {
    fsd_set_null(a, o, "win32Error");
    fsd_set_null(a, o, "win32ErrorName");
  }
  fsd_set_bool(a, o, "ancestor", f->ancestor);
  if (f->nlink >= 0)
    fsd_set_num(a, o, "nlink", (double)f->nlink);
  else
    fsd_set_null(a, o, "nlink");
  if (f->link_max >= 0)
    fsd_set_num(a, o, "linkMax", (double)f->link_max);
  else
    fsd_set_null(a, o, "linkMax");
  if (f->uid >= 0)
    fsd_set_num(a, o, "uid", (double)f->uid);
  else
    fsd_set_null(a, o, "uid");
  return fsd_arena_oom(a) ? NULL : o;
}

/* The max-heap of kept findings: the largest at heap[0]. */
static void fsd__sift_down(fsd_val_t **h, size_t n, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    fsd_val_t *t;
    if (l < n && fsd__val_cmp(h[l], h[m]) > 0) m = l;
    if (r < n && fsd__val_cmp(h[r], h[m]) > 0) m = r;
    if (m == i) return;
    t = h[i];
    h[i] = h[m];
    h[m] = t;
    i = m;
  }
}

static int fsd__heap_build(fsd_scan_t *s) {
  size_t n = s->findings->u.kids.count, i = 0;
  fsd_val_t *k;
  s->heap = fsd_alloc(s->a, (n ? n : 1) * sizeof(*s->heap));
  if (s->heap == NULL) return ENOMEM;
  for (k = s->findings->u.kids.head; k != NULL && i < n; k = k->next) s->heap[i++] = k;
  for (i = n / 2; i > 0; i--) fsd__sift_down(s->heap, n, i - 1);
  return 0;
}

int fsd_scan_add(fsd_scan_t *s, const fsd_scan_finding_t *f) {
  fsd_val_t *o;
  s->counts[f->kind]++;
  if (s->kept >= s->opts->max_results) {
    fsd__fkey_t key, top;
    s->truncated = 1;
    if (!s->sorted_cap || s->kept == 0) return 0;
    if (s->heap == NULL && fsd__heap_build(s) != 0) return ENOMEM;
    fsd__key_of_finding(f, &key);
    fsd__key_of_val(s->heap[0], &top);
    if (fsd__key_cmp(&key, &top) >= 0) return 0;
    if ((o = fsd__finding_val(s->a, f)) == NULL) return ENOMEM;
    s->heap[0] = o; /* the evicted one stays in the arena, unlinked below */
    fsd__sift_down(s->heap, (size_t)s->kept, 0);
    return 0;
  }
  if ((o = fsd__finding_val(s->a, f)) == NULL) return ENOMEM;
  fsd_push(s->findings, o);
  if (fsd_arena_oom(s->a)) return ENOMEM;
  s->kept++;
  return 0;
}

int64_t fsd_utf16_len(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  int64_t units = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    /* Continuation bytes add nothing; a 4-byte lead is a surrogate pair. */
    if ((p[i] & 0xC0) == 0x80) continue;
    units += p[i] >= 0xF0 && p[i] <= 0xF4 ? 2 : 1;
  }
  return units;
}

int fsd_path_under(const char *path, size_t n, const char *root) {
  size_t r;
  if (root == NULL) return 0;
  r = strlen(root);
  while (r > 1 && root[r - 1] == '/') r--;
  if (r == 1 && root[0] == '/') return n > 0 && path[0] == '/';
  if (n < r || memcmp(path, root, r) != 0) return 0;
  return n == r || path[r] == '/';
}

size_t fsd_path_normalize(char *p, size_t n) {
  size_t in = 0, out = 0;
  /* out always ends without a slash except for the root itself. */
  while (in < n) {
    size_t start, len;
    while (in < n && p[in] == '/') in++;
    start = in;
    while (in < n && p[in] != '/') in++;
    len = in - start;
    if (len == 0 || (len == 1 && p[start] == '.')) continue;
    if (len == 2 && p[start] == '.' && p[start + 1] == '.') {
      while (out > 0 && p[out - 1] != '/') out--;
      if (out > 0) out--;
      continue;
    }
    p[out++] = '/';
    memmove(p + out, p + start, len);
    out += len;
  }
  if (out == 0) p[out++] = '/';
  if (out < n) p[out] = '\0';
  return out;
}

int fsd_scan_tick(fsd_scan_t *s, const char *dir, int64_t now_ms) {
  const fsd_scan_opts_t *o = s->opts;
  if (o->cancel != NULL && __atomic_load_n(o->cancel, __ATOMIC_RELAXED) != 0) {
    s->cancelled = 1;
    return 1;
  }
  if (o->progress != NULL && now_ms - s->last_progress_ms >= o->progress_ms) {
    fsd_scan_progress_t p;
    p.entries = s->entries;
    p.dirs = s->dirs;
    p.findings = 0;
    for (int k = 0; k < FSD_SCAN_KINDS; k++) p.findings += s->counts[k];
    p.path = dir;
    s->last_progress_ms = now_ms;
    o->progress(o->progress_ctx, &p);
  }
  return 0;
}

static int fsd__finding_cmp(const void *x, const void *y) {
  return fsd__val_cmp(*(const fsd_val_t *const *)x, *(const fsd_val_t *const *)y);
}

/* Findings in path order (bytewise), then by kind and the rest: the same
 * tree gives the same list however the walk was split between threads.
 * Past the cap the heap holds the list; without memory to sort, the walk's
 * order stays. */
static void fsd__sort_findings(fsd_scan_t *s) {
  fsd_val_t *arr = s->findings, **v = s->heap, *k;
  size_t n = arr->u.kids.count, i = n;
  if (v == NULL) {
    if (n < 2 || (v = malloc(n * sizeof(*v))) == NULL) return;
    for (i = 0, k = arr->u.kids.head; k != NULL && i < n; k = k->next) v[i++] = k;
  }
  if (i == 0) return;
  qsort(v, i, sizeof(*v), fsd__finding_cmp);
  arr->u.kids.head = v[0];
  for (n = 0; n + 1 < i; n++) v[n]->next = v[n + 1];
  v[i - 1]->next = NULL;
  arr->u.kids.tail = v[i - 1];
  arr->u.kids.count = i;
  if (v != s->heap) free(v);
}

fsd_val_t *fsd_scan_val(fsd_scan_t *s, int64_t now_ms) {
  fsd_arena_t *a = s->a;
  fsd_val_t *r = fsd_obj(a), *counts = fsd_obj(a);
  int k;
  fsd_set_str(a, r, "path", s->root);
  fsd_set_str(a, r, "realPath", s->real_root);
  fsd_set_num(a, r, "entries", (double)s->entries);
  fsd_set_num(a, r, "dirs", (double)s->dirs);
  fsd_set_num(a, r, "files", (double)s->files);
  fsd_set_num(a, r, "symlinks", (double)s->symlinks);
  fsd_set_num(a, r, "others", (double)s->others);
  for (k = 0; k < FSD_SCAN_KINDS; k++)
    fsd_set_num(a, counts, fsd__kind_names[k], (double)s->counts[k]);
  fsd_set(r, "counts", counts);
  if (s->findings != NULL) fsd__sort_findings(s);
  fsd_set(r, "findings", s->findings);
  fsd_set_bool(a, r, "truncated", s->truncated);
  fsd_set_bool(a, r, "cancelled", s->cancelled);
  if (s->link_max >= 0)
    fsd_set_num(a, r, "linkMax", (double)s->link_max);
  else
    fsd_set_null(a, r, "linkMax");
  fsd_set_num(a, r, "linkThreshold", (double)s->link_threshold);
  if (s->owner >= 0)
    fsd_set_num(a, r, "owner", (double)s->owner);
  else
    fsd_set_null(a, r, "owner");
  fsd_set_num(a, r, "elapsedMs", (double)(now_ms - s->started_ms));
  return r;
}
