/* The walk of the tree scan on Linux and macOS: a stack of directories to
 * read, shared by a few threads (the caller's and opts->threads - 1 more).
 * Reading a directory is mostly system calls whose kernel work does not
 * contend between directories, so two threads read two directories in
 * about the time of one. Findings are sorted at the end (scan.c), so the
 * result does not depend on which thread read what.
 *
 * A thread takes the newest directory (depth-first, which keeps the number
 * of open descriptors near depth x threads), reads it alone, and pushes its
 * subdirectories in one batch. The lock is taken twice per directory, which
 * costs nothing next to the four system calls a directory needs. */

#include "platform.h"
#include "platform/posix/posix_scan.h"
#include "platform/posix/unix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define FSD__SCAN_AUTO_THREADS 4
#define FSD__SCAN_MAX_THREADS 64

void fsd__node_release_fd(fsd__node_t *n) {
  if (n != NULL && __atomic_sub_fetch(&n->pending, 1, __ATOMIC_ACQ_REL) == 0)
    close(n->fd);
}

void fsd__node_unref(fsd__node_t *n) {
  while (n != NULL && __atomic_sub_fetch(&n->refs, 1, __ATOMIC_ACQ_REL) == 0) {
    fsd__node_t *parent = n->parent;
    free(n);
    n = parent;
  }
}

/* Lets go of an item that will not be read. */
static void fsd__item_drop(fsd__item_t *it) {
  if (it->fd >= 0) close(it->fd);
  fsd__node_release_fd(it->parent);
  fsd__node_unref(it->parent);
  free(it);
}

static int fsd__is_mount(const fsd__pool_t *p, const char *path) {
  size_t i;
  for (i = 0; i < p->nmounts; i++)
    if (strcmp(p->mounts[i], path) == 0) return 1;
  return 0;
}

int fsd__queue(fsd__worker_t *w, fsd__node_t *node, size_t name_off,
               int follow, int is_long) {
  fsd__item_t *it;
  if (w->nbatch == w->batch_cap) {
    size_t cap = w->batch_cap ? w->batch_cap * 2 : 64;
    fsd__item_t **grown = realloc(w->batch, cap * sizeof(*grown));
    if (grown == NULL) return ENOMEM;
    w->batch = grown;
    w->batch_cap = cap;
  }
  it = malloc(sizeof(*it) + w->len + 1);
  if (it == NULL) return ENOMEM;
  it->parent = node;
  it->fd = -1;
  it->depth = node->depth + 1;
  it->follow = follow;
  it->is_long = is_long;
  it->len = w->len;
  it->name_off = name_off;
  memcpy(it->path, w->path, w->len + 1);
  it->trust_eof = node->trust_eof && !follow &&
                  !fsd__is_mount(w->pool, it->path);
  /* The node is ours until the batch is published: relaxed is enough. */
  __atomic_add_fetch(&node->refs, 1, __ATOMIC_RELAXED);
  __atomic_add_fetch(&node->pending, 1, __ATOMIC_RELAXED);
  w->batch[w->nbatch++] = it;
  return 0;
}

int fsd__report(fsd__worker_t *w, const fsd_scan_finding_t *f) {
  fsd__pool_t *p = w->pool;
  int rc;
  pthread_mutex_lock(&p->mu);
  rc = fsd_scan_add(&p->s, f);
  pthread_mutex_unlock(&p->mu);
  if (rc != 0) __atomic_store_n(&p->oom, 1, __ATOMIC_RELAXED);
  return rc;
}

int fsd__stopping(fsd__worker_t *w) {
  const fsd__pool_t *p = w->pool;
  const int32_t *cancel = p->s.opts->cancel;
  if (__atomic_load_n(&p->oom, __ATOMIC_RELAXED)) return 1;
  return cancel != NULL && __atomic_load_n(cancel, __ATOMIC_RELAXED) != 0;
}

/* Under the lock: the walk ends early; says why when it was asked to. */
static void fsd__stopped(fsd__pool_t *p) {
  const int32_t *cancel = p->s.opts->cancel;
  if (!__atomic_load_n(&p->oom, __ATOMIC_RELAXED) && cancel != NULL &&
      __atomic_load_n(cancel, __ATOMIC_RELAXED) != 0)
    p->s.cancelled = 1;
}

static void fsd__flush(fsd__worker_t *w);

int fsd__tick(fsd__worker_t *w) {
  fsd__pool_t *p = w->pool;
  int stop;
  if (pthread_mutex_trylock(&p->mu) != 0) return 0;
  fsd__flush(w);
  stop = fsd_scan_tick(&p->s, w->path, fsd__now_ms());
  pthread_mutex_unlock(&p->mu);
  return stop;
}

int fsd__defer(fsd__worker_t *w, fsd__item_t *it) {
  fsd__pool_t *p = w->pool;
  int deferred = 0;
  pthread_mutex_lock(&p->mu);
  if (p->active > 1) {
    if (p->n == p->cap) {
      fsd__item_t **grown = realloc(p->stack, p->cap * 2 * sizeof(*grown));
      if (grown != NULL) {
        p->stack = grown;
        p->cap *= 2;
      }
    }
    if (p->n < p->cap) {
      p->stack[p->n++] = it;
      p->serial = 1;
      deferred = 1;
    }
  }
  pthread_mutex_unlock(&p->mu);
  return deferred;
}

/* Under the lock: the thread's counters into the totals. */
static void fsd__flush(fsd__worker_t *w) {
  fsd_scan_t *s = &w->pool->s;
  int k;
  s->entries += w->entries;
  s->dirs += w->dirs;
  s->files += w->files;
  s->symlinks += w->symlinks;
  s->others += w->others;
  w->entries = w->dirs = w->files = w->symlinks = w->others = 0;
  for (k = 0; k < FSD_SCAN_KINDS; k++) {
    s->counts[k] += w->counts[k];
    w->counts[k] = 0;
  }
}

/* Under the lock: the batch onto the stack. */
static int fsd__publish(fsd__worker_t *w) {
  fsd__pool_t *p = w->pool;
  size_t i;
  if (p->n + w->nbatch > p->cap) {
    size_t cap = p->cap ? p->cap : 256;
    fsd__item_t **grown;
    while (cap < p->n + w->nbatch) cap *= 2;
    grown = realloc(p->stack, cap * sizeof(*grown));
    if (grown == NULL) {
      for (i = 0; i < w->nbatch; i++) fsd__item_drop(w->batch[i]);
      w->nbatch = 0;
      return ENOMEM;
    }
    p->stack = grown;
    p->cap = cap;
  }
  /* Reversed, so the first subdirectory read is the first taken. */
  for (i = w->nbatch; i > 0; i--) p->stack[p->n++] = w->batch[i - 1];
  w->nbatch = 0;
  return 0;
}

static void *fsd__work(void *arg) {
  fsd__worker_t *w = arg;
  fsd__pool_t *p = w->pool;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    fsd__item_t *it;
    while (((p->n == 0 || p->serial) && p->active > 0) && !p->done) {
      p->waiting++;
      pthread_cond_wait(&p->cv, &p->mu);
      p->waiting--;
    }
    if (p->done || p->n == 0) break;
    it = p->stack[--p->n];
    fsd__flush(w);
    if (fsd__stopping(w) || fsd_scan_tick(&p->s, it->path, fsd__now_ms())) {
      p->n++; /* left for fsd_scan to drop */
      fsd__stopped(p);
      break;
    }
    p->active++;
    pthread_mutex_unlock(&p->mu);
    fsd__scan_dir(w, it);
    pthread_mutex_lock(&p->mu);
    p->active--;
    if (w->nbatch > 0) {
      if (fsd__publish(w) != 0) __atomic_store_n(&p->oom, 1, __ATOMIC_RELAXED);
      if (p->waiting > 0) pthread_cond_broadcast(&p->cv);
    } else if (p->serial && p->waiting > 0) {
      pthread_cond_broadcast(&p->cv); /* the next one may read now */
    }
    if (fsd__stopping(w)) {
      fsd__stopped(p);
      break;
    }
  }
  /* Finished (nothing queued, nobody reading) or stopped: either way the
   * others are woken to see it. */
  p->done = 1;
  pthread_cond_broadcast(&p->cv);
  fsd__flush(w);
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* The root's link maximum and statfs magic, from the platform probe. */
static void fsd__root_fs(fsd_arena_t *a, const char *dir, int64_t *link_max,
                         uint64_t *magic) {
  fsd_fsinfo_t fi;
  fsd_fail_t fail;
  memset(&fi, 0, sizeof(fi));
  memset(&fail, 0, sizeof(fail));
  fi.link_max = -1;
  *link_max = -1;
  *magic = 0;
  if (fsd_fsinfo(a, dir, &fi, &fail) != 0) return;
  *link_max = fi.link_max;
  *magic = fi.magic;
}

static void fsd__worker_free(fsd__worker_t *w) {
  size_t i;
  for (i = 0; i < w->nbatch; i++) fsd__item_drop(w->batch[i]);
  fsd_scandir_free(&w->sd);
  free(w->batch);
  free(w->path);
  free(w->tmp);
  free(w->lex);
}

/* The settings of the scan that do not change during the walk. */
static int fsd__setup(fsd__pool_t *p, fsd_arena_t *a, const char *dir,
                      const fsd_scan_opts_t *opts, int fd) {
  fsd_scan_t *s = &p->s;
  char *real = realpath(dir, NULL);
  uint64_t magic;
  size_t n = strlen(dir);
  s->real_root = fsd_strdup(a, real);
  fsd__root_fs(a, dir, &s->link_max, &magic);
  /* Trusted only where the paths the walk builds are the canonical ones
   * the mount table is compared with. */
  while (n > 1 && dir[n - 1] == '/') n--;
  if (real != NULL && fsd_scandir_trusts_eof(magic) && strlen(real) == n &&
      memcmp(real, dir, n) == 0 &&
      fsd_scandir_mounts_below(real, &p->mounts, &p->nmounts) == 0)
    p->trust_eof = 1;
  free(real);
  s->link_threshold = opts->link_threshold;
  if (s->link_threshold < 0)
    s->link_threshold = s->link_max > 0 ? s->link_max * 9 / 10 : 0;
  s->owner = opts->owner;
  if (s->owner == FSD_SCAN_OWNER_ROOT) {
    struct stat st;
    s->owner = fstat(fd, &st) == 0 ? (int64_t)st.st_uid : -1;
  }
  p->stat_files = s->link_threshold > 0 || s->owner >= 0;
  return fsd_arena_oom(a) ? ENOMEM : 0;
}

/* The root as the first item. */
static fsd__item_t *fsd__root_item(fsd__pool_t *p, const char *dir, int fd) {
  size_t len = strlen(dir);
  fsd__item_t *it = malloc(sizeof(*it) + len + 1);
  if (it == NULL) return NULL;
  memcpy(it->path, dir, len + 1);
  while (len > 1 && it->path[len - 1] == '/') it->path[--len] = '\0';
  it->parent = NULL;
  it->fd = fd;
  it->depth = 0;
  it->follow = 0;
  it->len = len;
  it->name_off = 0;
  it->is_long = fsd__scan_long(p, it->path, len);
  it->trust_eof = p->trust_eof;
  return it;
}

int fsd_scan(fsd_arena_t *a, const char *dir, const fsd_scan_opts_t *opts,
             fsd_val_t **out, fsd_fail_t *fail) {
  fsd__pool_t p;
  fsd__worker_t *ws;
  pthread_t *tids;
  fsd__item_t *root;
  int fd, n, i, started = 0, oom;
  memset(&p, 0, sizeof(p));
  p.s.a = a;
  p.s.opts = opts;
  p.s.started_ms = p.s.last_progress_ms = fsd__now_ms();
  p.s.root = fsd_strdup(a, dir);
  p.s.findings = fsd_arr(a);
  p.s.sorted_cap = 1; /* threads meet findings in no fixed order */
  fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    fail->err = errno;
    fail->syscall = "scandir";
    fail->path = p.s.root;
    return -1;
  }
  n = fsd__thread_count(opts->threads, FSD__SCAN_AUTO_THREADS,
                        FSD__SCAN_MAX_THREADS);
  ws = calloc((size_t)n, sizeof(*ws));
  tids = calloc((size_t)n, sizeof(*tids));
  p.cap = 256;
  p.stack = malloc(p.cap * sizeof(*p.stack));
  root = NULL;
  if (ws == NULL || tids == NULL || p.stack == NULL ||
      fsd__setup(&p, a, dir, opts, fd) != 0 ||
      (root = fsd__root_item(&p, dir, fd)) == NULL) {
    close(fd);
    free(ws);
    free(tids);
    free(p.stack);
    while (p.nmounts > 0) free(p.mounts[--p.nmounts]);
    free(p.mounts);
    fail->err = ENOMEM;
    fail->syscall = "malloc";
    return -1;
  }
  p.stack[p.n++] = root;
  pthread_mutex_init(&p.mu, NULL);
  pthread_cond_init(&p.cv, NULL);
  for (i = 0; i < n; i++) ws[i].pool = &p;
  /* A thread that cannot be started leaves the work to the others. */
  for (i = 1; i < n; i++)
    if (pthread_create(&tids[started], NULL, fsd__work, &ws[i]) == 0) started++;
  fsd__work(&ws[0]);
  for (i = 0; i < started; i++) pthread_join(tids[i], NULL);
  /* Stopped early: what is still queued is let go, deepest first. */
  while (p.n > 0) fsd__item_drop(p.stack[--p.n]);
  for (i = 0; i < n; i++) fsd__worker_free(&ws[i]);
  oom = __atomic_load_n(&p.oom, __ATOMIC_RELAXED);
  pthread_cond_destroy(&p.cv);
  pthread_mutex_destroy(&p.mu);
  while (p.nmounts > 0) free(p.mounts[--p.nmounts]);
  free(p.mounts);
  free(p.stack);
  free(ws);
  free(tids);
  if (oom || fsd_arena_oom(a) ||
      (*out = fsd_scan_val(&p.s, fsd__now_ms())) == NULL || fsd_arena_oom(a)) {
    fail->err = ENOMEM;
    fail->syscall = "malloc";
    return -1;
  }
  return 0;
}
