/* The tree scan on Linux and macOS, one directory at a time (the walk that
 * hands out directories is posix_scan_pool.c). Names are resolved relative
 * to the open directory (openat/fstatat/readlinkat), so no path is resolved
 * twice and PATH_MAX never limits depth. Entry types come from d_type; only
 * symlinks are stat'ed (following, to see whether they resolve), plus
 * regular files when the link-count or owner check is on. */

#include "platform.h"
#include "platform/posix/posix_scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


int64_t fsd__now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int fsd__reserve(char **buf, size_t *cap, size_t need) {
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
static int fsd__push_name(fsd__worker_t *w, const char *name) {
  size_t n = strlen(name);
  if (fsd__reserve(&w->path, &w->cap, w->len + n + 2) != 0) return ENOMEM;
  if (w->len == 0 || w->path[w->len - 1] != '/') w->path[w->len++] = '/';
  memcpy(w->path + w->len, name, n + 1);
  w->len += n;
  return 0;
}

/* A finding about the current path with every optional field empty. */
static void fsd__finding(fsd__worker_t *w, fsd_scan_kind_t kind,
                         fsd_scan_finding_t *f) {
  memset(f, 0, sizeof(*f));
  f->kind = kind;
  f->path = w->path;
  f->path_len = w->len;
  f->nlink = f->link_max = f->uid = -1;
}

static int fsd__finding_add(fsd__worker_t *w, fsd_scan_kind_t kind, const char *target,
                    const char *resolved, const char *error) {
  fsd_scan_finding_t f;
  fsd__finding(w, kind, &f);
  f.target = target;
  f.resolved = resolved;
  f.error = error;
  return fsd__report(w, &f);
}

static const char *fsd__errname(int err) {
  const char *n = fsd_errname(err);
  return n != NULL ? n : "UNKNOWN";
}

/* readlinkat into w->tmp; NULL when it fails (*oom set when for want of
 * memory). */
static const char *fsd__readlink_at(fsd__worker_t *w, int dfd, const char *name,
                                 int *oom) {
  for (;;) {
    ssize_t r;
    if (fsd__reserve(&w->tmp, &w->tmp_cap, w->tmp_cap ? w->tmp_cap : 256)) {
      *oom = 1;
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
      *oom = 1;
      return NULL;
    }
  }
}

/* dev/ino of a directory on the current path. The current directory is
 * asked through its descriptor; an ancestor's may already be closed (and
 * the number reused) by another thread, so it is asked by path, which is a
 * prefix of the current one, and kept for the next question. */
static int fsd__node_id(fsd__worker_t *w, fsd__node_t *n, fsd__node_t *cur,
                        uint64_t *dev, uint64_t *ino) {
  struct stat st;
  int r;
  if (__atomic_load_n(&n->known, __ATOMIC_ACQUIRE)) {
    *dev = __atomic_load_n(&n->dev, __ATOMIC_RELAXED);
    *ino = __atomic_load_n(&n->ino, __ATOMIC_RELAXED);
    return 1;
  }
  if (n == cur) {
    r = fstat(n->fd, &st);
  } else {
    char c = w->path[n->path_len];
    w->path[n->path_len] = '\0';
    r = stat(w->path, &st);
    w->path[n->path_len] = c;
  }
  if (r != 0) return 0;
  *dev = (uint64_t)st.st_dev;
  *ino = (uint64_t)st.st_ino;
  __atomic_store_n(&n->dev, *dev, __ATOMIC_RELAXED);
  __atomic_store_n(&n->ino, *ino, __ATOMIC_RELAXED);
  __atomic_store_n(&n->known, 1, __ATOMIC_RELEASE);
  return 1;
}

/* The directory on the way down from the root to cur that is the inode st,
 * or NULL. */
static fsd__node_t *fsd__ancestor(fsd__worker_t *w, fsd__node_t *cur,
                                  const struct stat *st) {
  fsd__node_t *n;
  for (n = cur; n != NULL; n = n->parent) {
    uint64_t dev, ino;
    if (!fsd__node_id(w, n, cur, &dev, &ino)) continue;
    if (dev == (uint64_t)st->st_dev && ino == (uint64_t)st->st_ino) return n;
  }
  return NULL;
}

/* Whether a link that resolves leaves the scanned tree: first textually,
 * then, when the text says outside, by realpath (a parent may be a link). */
static int fsd__check_outside(fsd__worker_t *w, int dfd, const char *name,
                              size_t parent_len) {
  const fsd_scan_t *s = &w->pool->s;
  int oom = 0, inside, rc = 0;
  const char *target = fsd__readlink_at(w, dfd, name, &oom);
  char *lex, *real;
  size_t tn, n;
  if (target == NULL) return oom ? ENOMEM : 0;
  tn = strlen(target);
  if (fsd__reserve(&w->lex, &w->lex_cap, parent_len + tn + 2)) return ENOMEM;
  lex = w->lex;
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
  if (fsd_path_under(lex, n, s->root) || fsd_path_under(lex, n, s->real_root))
    return 0;
  real = realpath(w->path, NULL);
  inside = real != NULL && fsd_path_under(real, strlen(real), s->real_root);
  if (!inside) rc = fsd__finding_add(w, FSD_SCAN_OUTSIDE, target, real ? real : lex,
                             NULL);
  free(real);
  return rc;
}

/* Reports the current path when st belongs to someone else, unless the
 * directory it is in (dir) already was; returns whether it is foreign, or
 * -1 out of memory. */
static int fsd__owner(fsd__worker_t *w, const fsd__node_t *dir,
                      const struct stat *st) {
  fsd_scan_finding_t f;
  int64_t owner = w->pool->s.owner;
  if (owner < 0 || (int64_t)st->st_uid == owner) return 0;
  if (dir != NULL && dir->foreign) {
    w->counts[FSD_SCAN_OWNER]++;
    return 1;
  }
  fsd__finding(w, FSD_SCAN_OWNER, &f);
  f.uid = (int64_t)st->st_uid;
  return fsd__report(w, &f) != 0 ? -1 : 1;
}

/* A subdirectory found in dir: queued to be read, unless too deep. */
static int fsd__enter(fsd__worker_t *w, fsd__node_t *dir, size_t name_off,
                      int follow, int is_long) {
  if (dir->depth + 1 > w->pool->s.opts->max_depth)
    return fsd__finding_add(w, FSD_SCAN_DEEP, NULL, NULL, NULL);
  return fsd__queue(w, dir, name_off, follow, is_long);
}

static int fsd__symlink(fsd__worker_t *w, fsd__node_t *dir, const char *name,
                        size_t parent_len, int is_long) {
  struct stat st;
  fsd__node_t *anc;
  int oom = 0;
  const char *t;
  w->symlinks++;
  if (w->pool->s.owner >= 0 &&
      fstatat(dir->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
      fsd__owner(w, dir, &st) < 0)
    return ENOMEM;
  if (fstatat(dir->fd, name, &st, 0) != 0) {
    int err = errno;
    t = fsd__readlink_at(w, dir->fd, name, &oom);
    if (oom) return ENOMEM;
    if (err == ELOOP) return fsd__finding_add(w, FSD_SCAN_LOOP, t, NULL, "ELOOP");
    return fsd__finding_add(w, FSD_SCAN_BROKEN, t, NULL, fsd__errname(err));
  }
  if (S_ISDIR(st.st_mode) && (anc = fsd__ancestor(w, dir, &st)) != NULL) {
    fsd_scan_finding_t f;
    t = fsd__readlink_at(w, dir->fd, name, &oom);
    if (oom) return ENOMEM;
    fsd__finding(w, FSD_SCAN_LOOP, &f);
    f.target = t;
    f.ancestor = 1;
    /* The ancestor's path is a prefix of the current one. */
    if (fsd__reserve(&w->lex, &w->lex_cap, anc->path_len + 1)) return ENOMEM;
    memcpy(w->lex, w->path, anc->path_len);
    w->lex[anc->path_len] = '\0';
    f.resolved = w->lex;
    return fsd__report(w, &f);
  }
  if (w->pool->s.opts->check_outside &&
      fsd__check_outside(w, dir->fd, name, parent_len) != 0)
    return ENOMEM;
  if (S_ISDIR(st.st_mode) && w->pool->s.opts->follow_symlinks)
    return fsd__enter(w, dir, w->len - strlen(name), 1, is_long);
  return 0;
}

static int fsd__file(fsd__worker_t *w, fsd__node_t *dir, const char *name) {
  const fsd_scan_t *s = &w->pool->s;
  struct stat st;
  fsd_scan_finding_t f;
  w->files++;
  if (!w->pool->stat_files ||
      fstatat(dir->fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return 0;
  if (fsd__owner(w, dir, &st) < 0) return ENOMEM;
  if (s->link_threshold <= 0 || (int64_t)st.st_nlink < s->link_threshold)
    return 0;
  fsd__finding(w, FSD_SCAN_NLINK, &f);
  f.nlink = (int64_t)st.st_nlink;
  f.link_max = s->link_max;
  return fsd__report(w, &f);
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

/* Whether a path is over the long-path limit. */
int fsd__scan_long(const fsd__pool_t *p, const char *path, size_t len) {
  int64_t lim = p->s.opts->long_path;
  if (lim <= 0 || (int64_t)len <= lim) return 0;
  return fsd_utf16_len(path, len) > lim;
}

static int fsd__entry(fsd__worker_t *w, fsd__node_t *dir, const char *name,
                      unsigned char dtype, size_t parent_len) {
  int is_long = fsd__scan_long(w->pool, w->path, w->len);
  w->entries++;
  if (is_long) {
    /* Only where the limit is first crossed; deeper entries are counted. */
    if (dir->is_long)
      w->counts[FSD_SCAN_LONG]++;
    else if (fsd__finding_add(w, FSD_SCAN_LONG, NULL, NULL, NULL) != 0)
      return ENOMEM;
  }
  switch (fsd__type(dir->fd, name, dtype)) {
    case DT_DIR:
      return fsd__enter(w, dir, w->len - strlen(name), 0, is_long);
    case DT_REG:
      return fsd__file(w, dir, name);
    case DT_LNK:
      return fsd__symlink(w, dir, name, parent_len, is_long);
    default:
      w->others++;
      return 0;
  }
}

/* Opens the item's directory (relative to its parent's descriptor), makes
 * it a node, and reads it. Subdirectories go to w->batch; the item is
 * freed. */
void fsd__scan_dir(fsd__worker_t *w, fsd__item_t *it) {
  fsd__pool_t *p = w->pool;
  fsd__node_t *node;
  int fd = it->fd, r, err, opened = 0;
  size_t base;
  if (fsd__reserve(&w->path, &w->cap, it->len + 256) != 0) goto oom;
  memcpy(w->path, it->path, it->len + 1);
  w->len = it->len;
  if (fd < 0) {
    fd = openat(it->parent->fd, it->path + it->name_off,
                O_RDONLY | O_DIRECTORY | O_CLOEXEC |
                    (it->follow ? 0 : O_NOFOLLOW));
    err = errno;
    /* Out of descriptors while other threads hold theirs: tried again
     * later, one thread at a time, as a one-thread walk would have. */
    if (fd < 0 && (err == EMFILE || err == ENFILE) && fsd__defer(w, it)) return;
    opened = 1;
    fsd__node_release_fd(it->parent);
    /* Vanished or replaced by a non-directory during the walk: not news. */
    if (fd < 0) {
      if (err != ENOENT && err != ENOTDIR &&
          fsd__finding_add(w, FSD_SCAN_UNREADABLE, NULL, NULL, fsd__errname(err)))
        goto oom;
      goto drop;
    }
  }
  node = calloc(1, sizeof(*node));
  if (node == NULL) {
    close(fd);
    it->fd = -1; /* closed: the drop below must not close the number again */
    goto oom;
  }
  node->parent = it->parent; /* the item's reference is now the node's */
  node->fd = fd;
  node->pending = node->refs = 1;
  node->depth = it->depth;
  node->is_long = it->is_long;
  node->trust_eof = it->trust_eof;
  node->path_len = it->len;
  free(it);
  it = NULL;
  w->dirs++;
  /* Its id now, through the descriptor, when the owner check needs the
   * stat anyway or when the path is too long for fsd__node_id to stat it
   * by path later. */
  if (p->s.owner >= 0 || node->path_len >= PATH_MAX - 1) {
    struct stat st;
    if (fstat(fd, &st) == 0) {
      __atomic_store_n(&node->dev, (uint64_t)st.st_dev, __ATOMIC_RELAXED);
      __atomic_store_n(&node->ino, (uint64_t)st.st_ino, __ATOMIC_RELAXED);
      __atomic_store_n(&node->known, 1, __ATOMIC_RELEASE);
      if (p->s.owner >= 0 && node->parent != NULL) {
        int f = fsd__owner(w, node->parent, &st);
        if (f < 0) goto node_oom;
        node->foreign = f;
      }
    }
  }
  if ((err = fsd_scandir_open(&w->sd, fd)) != 0) {
    if (fsd__finding_add(w, FSD_SCAN_UNREADABLE, NULL, NULL, fsd__errname(err)))
      goto node_oom;
    goto release;
  }
  w->sd.trust_eof = node->trust_eof;
  base = w->len;
  for (;;) {
    const char *name;
    unsigned char type;
    r = fsd_scandir_next(&w->sd, &name, &type);
    if (r <= 0) {
      if (r < 0 &&
          fsd__finding_add(w, FSD_SCAN_UNREADABLE, NULL, NULL, fsd__errname(-r)))
        goto close_oom;
      break;
    }
    if ((++w->tick & 255) == 0 && (fsd__stopping(w) || fsd__tick(w))) break;
    if (fsd__push_name(w, name) != 0 ||
        fsd__entry(w, node, name, type, base) != 0)
      goto close_oom;
    w->len = base;
    w->path[base] = '\0';
  }
  fsd_scandir_close(&w->sd);
release:
  fsd__node_release_fd(node);
  fsd__node_unref(node);
  return;
close_oom:
  fsd_scandir_close(&w->sd);
node_oom:
  __atomic_store_n(&p->oom, 1, __ATOMIC_RELAXED);
  goto release;
oom:
  __atomic_store_n(&p->oom, 1, __ATOMIC_RELAXED);
drop:
  if (it != NULL) {
    if (it->fd >= 0)
      close(it->fd);
    else if (!opened)
      fsd__node_release_fd(it->parent);
    fsd__node_unref(it->parent);
    free(it);
  }
}
