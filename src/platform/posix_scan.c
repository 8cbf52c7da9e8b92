/* The tree scan on Linux and macOS: openat + fdopendir + fstatat relative to
 * the directory being read, so no path is resolved twice and PATH_MAX never
 * limits depth. Entry types come from d_type; only symlinks are stat'ed
 * (following, to see whether they resolve), plus regular files when the
 * link-count check is on. */

#include "../platform.h"
#include "../scan.h"
#include "scandir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

/* One directory on the way down: its fd, and dev/ino once asked for. */
typedef struct {
  int fd;
  size_t path_len;
  int known;
  int foreign; /* this directory was reported as foreign-owned */
  fsd_scandir_t sd;
  dev_t dev;
  ino_t ino;
} fsd__anc_t;

typedef struct {
  fsd_scan_t s;
  char *path; /* the current path; grows */
  size_t len, cap;
  char *tmp; /* scratch for link targets and resolved paths */
  size_t tmp_cap;
  fsd__anc_t *anc;
  int depth, anc_cap;
  int stat_files;
  unsigned tick;
  int oom;
} fsd__walk_t;

static int64_t fsd__now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int fsd__reserve(char **buf, size_t *cap, size_t need) {
  size_t n = *cap ? *cap : 256;
  char *p;
  if (need <= *cap) return 0;
  while (n < need) n *= 2;
  p = realloc(*buf, n);
  if (p == NULL) return ENOMEM;
  *buf = p;
  *cap = n;
  return 0;
}

/* Appends "/name" to the current path; the caller restores w->len. */
static int fsd__push_name(fsd__walk_t *w, const char *name) {
  size_t n = strlen(name);
  if (fsd__reserve(&w->path, &w->cap, w->len + n + 2) != 0) return ENOMEM;
  if (w->len == 0 || w->path[w->len - 1] != '/') w->path[w->len++] = '/';
  memcpy(w->path + w->len, name, n + 1);
  w->len += n;
  return 0;
}

/* A finding about the current path with every optional field empty. */
static void fsd__finding(fsd__walk_t *w, fsd_scan_kind_t kind,
                         fsd_scan_finding_t *f) {
  memset(f, 0, sizeof(*f));
  f->kind = kind;
  f->path = w->path;
  f->path_len = w->len;
  f->nlink = f->link_max = f->uid = -1;
}

static int fsd__add(fsd__walk_t *w, fsd_scan_kind_t kind, const char *target,
                    const char *resolved, const char *error) {
  fsd_scan_finding_t f;
  fsd__finding(w, kind, &f);
  f.target = target;
  f.resolved = resolved;
  f.error = error;
  if (fsd_scan_add(&w->s, &f) != 0) w->oom = 1;
  return w->oom ? ENOMEM : 0;
}

static const char *fsd__errname(int err) {
  const char *n = fsd_errname(err);
  return n != NULL ? n : "UNKNOWN";
}

/* readlinkat into w->tmp; NULL when it fails. */
static const char *fsd__readlink(fsd__walk_t *w, int dfd, const char *name) {
  for (;;) {
    ssize_t r;
    if (fsd__reserve(&w->tmp, &w->tmp_cap, w->tmp_cap ? w->tmp_cap : 256)) {
      w->oom = 1;
      return NULL;
    }
    r = readlinkat(dfd, name, w->tmp, w->tmp_cap - 1);
    if (r < 0) return NULL;
    if ((size_t)r < w->tmp_cap - 1) {
      w->tmp[r] = '\0';
      return w->tmp;
    }
    if (w->tmp_cap > (size_t)1 << 20) return NULL;
    if (fsd__reserve(&w->tmp, &w->tmp_cap, w->tmp_cap * 2)) {
      w->oom = 1;
      return NULL;
    }
  }
}

/* The ancestor directory at depth i that is the inode st, or -1. */
static int fsd__ancestor(fsd__walk_t *w, const struct stat *st) {
  int i;
  for (i = w->depth; i >= 0; i--) {
    fsd__anc_t *an = &w->anc[i];
    if (!an->known) {
      struct stat as;
      if (fstat(an->fd, &as) != 0) continue;
      an->dev = as.st_dev;
      an->ino = as.st_ino;
      an->known = 1;
    }
    if (an->dev == st->st_dev && an->ino == st->st_ino) return i;
  }
  return -1;
}

/* Whether a link that resolves leaves the scanned tree: first textually,
 * then, when the text says outside, by realpath (a parent may be a link). */
static int fsd__check_outside(fsd__walk_t *w, int dfd, const char *name,
                              size_t parent_len) {
  const char *target = fsd__readlink(w, dfd, name);
  char *lex, *real;
  size_t tn, n;
  int inside;
  if (target == NULL) return w->oom ? ENOMEM : 0;
  tn = strlen(target);
  lex = fsd_alloc(w->s.a, parent_len + tn + 2);
  if (lex == NULL) return ENOMEM;
  if (target[0] == '/') {
    memcpy(lex, target, tn + 1);
    n = tn;
  } else {
    memcpy(lex, w->path, parent_len);
    lex[parent_len] = '/';
    memcpy(lex + parent_len + 1, target, tn + 1);
    n = parent_len + 1 + tn;
  }
  n = fsd_path_normalize(lex, n);
  if (fsd_path_under(lex, n, w->s.root) ||
      fsd_path_under(lex, n, w->s.real_root))
    return 0;
  real = realpath(w->path, NULL);
  inside = real != NULL && fsd_path_under(real, strlen(real), w->s.real_root);
  if (!inside) {
    const char *t = fsd_strdup(w->s.a, target);
    fsd__add(w, FSD_SCAN_OUTSIDE, t, real ? fsd_strdup(w->s.a, real) : lex,
             NULL);
  }
  free(real);
  return w->oom ? ENOMEM : 0;
}

static int fsd__walk_dir(fsd__walk_t *w, int dfd, int parent_long);

/* Reports the current path when st belongs to someone else, unless its
 * directory already was; returns whether it is foreign. */
static int fsd__owner(fsd__walk_t *w, const struct stat *st) {
  fsd_scan_finding_t f;
  if (w->s.owner < 0 || (int64_t)st->st_uid == w->s.owner) return 0;
  if (w->anc[w->depth].foreign) {
    w->s.counts[FSD_SCAN_OWNER]++;
    return 1;
  }
  fsd__finding(w, FSD_SCAN_OWNER, &f);
  f.uid = (int64_t)st->st_uid;
  if (fsd_scan_add(&w->s, &f) != 0) w->oom = 1;
  return 1;
}

/* Opens parent/name as a directory and walks it one level deeper. */
static int fsd__enter(fsd__walk_t *w, int pfd, const char *name, int follow,
                      int parent_long) {
  int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);
  int fd, rc;
  if (w->depth + 1 > w->s.opts->max_depth)
    return fsd__add(w, FSD_SCAN_DEEP, NULL, NULL, NULL);
  fd = openat(pfd, name, flags);
  if (fd < 0) {
    int err = errno;
    /* Vanished or replaced by a non-directory during the walk: not news. */
    if (err == ENOENT || err == ENOTDIR) return 0;
    return fsd__add(w, FSD_SCAN_UNREADABLE, NULL, NULL, fsd__errname(err));
  }
  if (w->depth + 1 >= w->anc_cap) {
    int cap = w->anc_cap * 2;
    fsd__anc_t *p = realloc(w->anc, sizeof(*p) * (size_t)cap);
    if (p == NULL) {
      close(fd);
      w->oom = 1;
      return ENOMEM;
    }
    memset(p + w->anc_cap, 0, sizeof(*p) * (size_t)(cap - w->anc_cap));
    w->anc = p;
    w->anc_cap = cap;
  }
  w->anc[w->depth + 1].fd = fd;
  w->anc[w->depth + 1].path_len = w->len;
  w->anc[w->depth + 1].known = 0;
  w->anc[w->depth + 1].foreign = 0;
  if (w->s.owner >= 0) {
    struct stat st;
    if (fstat(fd, &st) == 0) {
      w->anc[w->depth + 1].known = 1;
      w->anc[w->depth + 1].dev = st.st_dev;
      w->anc[w->depth + 1].ino = st.st_ino;
      w->anc[w->depth + 1].foreign = fsd__owner(w, &st);
      if (w->oom) {
        close(fd);
        return ENOMEM;
      }
    }
  }
  w->depth++;
  w->s.dirs++;
  rc = fsd__walk_dir(w, fd, parent_long);
  w->depth--;
  return rc;
}

static int fsd__symlink(fsd__walk_t *w, int dfd, const char *name,
                        size_t parent_len, int parent_long) {
  struct stat st;
  int i;
  w->s.symlinks++;
  if (w->s.owner >= 0 && fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    fsd__owner(w, &st);
    if (w->oom) return ENOMEM;
  }
  if (fstatat(dfd, name, &st, 0) != 0) {
    int err = errno;
    const char *t = fsd__readlink(w, dfd, name);
    t = fsd_strdup(w->s.a, t);
    if (err == ELOOP) return fsd__add(w, FSD_SCAN_LOOP, t, NULL, "ELOOP");
    return fsd__add(w, FSD_SCAN_BROKEN, t, NULL, fsd__errname(err));
  }
  if (S_ISDIR(st.st_mode) && (i = fsd__ancestor(w, &st)) >= 0) {
    const char *t = fsd_strdup(w->s.a, fsd__readlink(w, dfd, name));
    fsd_scan_finding_t f;
    fsd__finding(w, FSD_SCAN_LOOP, &f);
    f.target = t;
    f.resolved = fsd_strndup(w->s.a, w->path, w->anc[i].path_len);
    f.ancestor = 1;
    if (fsd_scan_add(&w->s, &f) != 0) w->oom = 1;
    return w->oom ? ENOMEM : 0;
  }
  if (w->s.opts->check_outside &&
      fsd__check_outside(w, dfd, name, parent_len) != 0)
    return ENOMEM;
  if (S_ISDIR(st.st_mode) && w->s.opts->follow_symlinks)
    return fsd__enter(w, dfd, name, 1, parent_long);
  return 0;
}

static int fsd__file(fsd__walk_t *w, int dfd, const char *name) {
  struct stat st;
  fsd_scan_finding_t f;
  w->s.files++;
  if (!w->stat_files || fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return 0;
  if (fsd__owner(w, &st) && w->oom) return ENOMEM;
  if (w->s.link_threshold <= 0 ||
      (int64_t)st.st_nlink < w->s.link_threshold)
    return 0;
  fsd__finding(w, FSD_SCAN_NLINK, &f);
  f.nlink = (int64_t)st.st_nlink;
  f.link_max = w->s.link_max;
  if (fsd_scan_add(&w->s, &f) != 0) w->oom = 1;
  return w->oom ? ENOMEM : 0;
}

static int fsd__type(int dfd, const char *name, unsigned char dtype) {
  struct stat st;
  if (dtype != DT_UNKNOWN) return dtype;
  if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return DT_UNKNOWN;
  if (S_ISDIR(st.st_mode)) return DT_DIR;
  if (S_ISREG(st.st_mode)) return DT_REG;
  if (S_ISLNK(st.st_mode)) return DT_LNK;
  return DT_UNKNOWN;
}

/* Whether the current path is over the long-path limit. */
static int fsd__long(fsd__walk_t *w) {
  int64_t lim = w->s.opts->long_path;
  if (lim <= 0 || (int64_t)w->len <= lim) return 0;
  return fsd_utf16_len(w->path, w->len) > lim;
}

static int fsd__entry(fsd__walk_t *w, int dfd, const char *name,
                      unsigned char dtype, size_t parent_len,
                      int parent_long) {
  int is_long = fsd__long(w), rc = 0;
  w->s.entries++;
  if (is_long) {
    /* Only where the limit is first crossed; deeper entries are counted. */
    if (parent_long)
      w->s.counts[FSD_SCAN_LONG]++;
    else if (fsd__add(w, FSD_SCAN_LONG, NULL, NULL, NULL) != 0)
      return ENOMEM;
  }
  switch (fsd__type(dfd, name, dtype)) {
    case DT_DIR:
      rc = fsd__enter(w, dfd, name, 0, is_long);
      break;
    case DT_REG:
      rc = fsd__file(w, dfd, name);
      break;
    case DT_LNK:
      rc = fsd__symlink(w, dfd, name, parent_len, is_long);
      break;
    default:
      w->s.others++;
  }
  return rc;
}

/* Reads one directory (dfd is closed here) and walks what is in it. Its
 * reader lives in w->anc[me], which may move when deeper levels grow the
 * array, so it is looked up again on every call. */
static int fsd__walk_dir(fsd__walk_t *w, int dfd, int parent_long) {
  int me = w->depth, rc = 0, r, err;
  size_t base = w->len;
  if ((err = fsd_scandir_open(&w->anc[me].sd, dfd)) != 0)
    return fsd__add(w, FSD_SCAN_UNREADABLE, NULL, NULL, fsd__errname(err));
  if (fsd_scan_tick(&w->s, w->path, fsd__now_ms())) goto done;
  for (;;) {
    const char *name;
    unsigned char type;
    r = fsd_scandir_next(&w->anc[me].sd, &name, &type);
    if (r <= 0) {
      if (r < 0) rc = fsd__add(w, FSD_SCAN_UNREADABLE, NULL, NULL,
                               fsd__errname(-r));
      break;
    }
    if ((++w->tick & 255) == 0 &&
        fsd_scan_tick(&w->s, w->path, fsd__now_ms()))
      break;
    if (fsd__push_name(w, name) != 0) {
      rc = ENOMEM;
      break;
    }
    rc = fsd__entry(w, dfd, name, type, base, parent_long);
    w->len = base;
    w->path[base] = '\0';
    if (rc != 0 || w->s.cancelled) break;
  }
done:
  fsd_scandir_close(&w->anc[me].sd);
  return rc;
}

/* The root's link maximum, from the platform probe. */
static int64_t fsd__link_max(fsd_arena_t *a, const char *dir) {
  fsd_fsinfo_t fi;
  fsd_fail_t fail;
  memset(&fi, 0, sizeof(fi));
  memset(&fail, 0, sizeof(fail));
  fi.link_max = -1;
  if (fsd_fsinfo(a, dir, &fi, &fail) != 0) return -1;
  return fi.link_max;
}

static void fsd__walk_free(fsd__walk_t *w) {
  int i;
  for (i = 0; w->anc != NULL && i < w->anc_cap; i++)
    fsd_scandir_free(&w->anc[i].sd);
  free(w->path);
  free(w->tmp);
  free(w->anc);
}

int fsd_scan(fsd_arena_t *a, const char *dir, const fsd_scan_opts_t *opts,
             fsd_val_t **out, fsd_fail_t *fail) {
  fsd__walk_t w;
  int fd, rc;
  char *real;
  memset(&w, 0, sizeof(w));
  w.s.a = a;
  w.s.opts = opts;
  w.s.started_ms = w.s.last_progress_ms = fsd__now_ms();
  w.s.root = fsd_strdup(a, dir);
  w.s.findings = fsd_arr(a);
  fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    fail->err = errno;
    fail->syscall = "scandir";
    fail->path = w.s.root;
    return -1;
  }
  real = realpath(dir, NULL);
  w.s.real_root = fsd_strdup(a, real);
  free(real);
  w.s.link_max = fsd__link_max(a, dir);
  w.s.link_threshold = opts->link_threshold;
  if (w.s.link_threshold < 0)
    w.s.link_threshold = w.s.link_max > 0 ? w.s.link_max * 9 / 10 : 0;
  w.s.owner = opts->owner;
  if (w.s.owner == FSD_SCAN_OWNER_ROOT) {
    struct stat st;
    w.s.owner = fstat(fd, &st) == 0 ? (int64_t)st.st_uid : -1;
  }
  w.stat_files = w.s.link_threshold > 0 || w.s.owner >= 0;
  w.anc_cap = 64;
  w.anc = calloc((size_t)w.anc_cap, sizeof(*w.anc));
  if (w.anc == NULL ||
      fsd__reserve(&w.path, &w.cap, strlen(dir) + 256) != 0) {
    close(fd);
    fsd__walk_free(&w);
    fail->err = ENOMEM;
    fail->syscall = "malloc";
    return -1;
  }
  w.len = strlen(dir);
  memcpy(w.path, dir, w.len + 1);
  while (w.len > 1 && w.path[w.len - 1] == '/') w.path[--w.len] = '\0';
  w.anc[0].fd = fd;
  w.anc[0].path_len = w.len;
  w.anc[0].known = 0;
  w.anc[0].foreign = 0;
  w.s.dirs = 1;
  rc = fsd__walk_dir(&w, fd, fsd__long(&w));
  fsd__walk_free(&w);
  if (rc != 0 || fsd_arena_oom(a)) {
    fail->err = ENOMEM;
    fail->syscall = "malloc";
    return -1;
  }
  *out = fsd_scan_val(&w.s, fsd__now_ms());
  if (*out == NULL || fsd_arena_oom(a)) {
    fail->err = ENOMEM;
    fail->syscall = "malloc";
    return -1;
  }
  return 0;
}
