#ifndef FSD_PLATFORM_POSIX_SCAN_H
#define FSD_PLATFORM_POSIX_SCAN_H

/* The tree scan on Linux and macOS, shared between its two halves:
 * posix_scan_pool.c runs the walk (a stack of directories shared by a few
 * threads, so that two directories are read at once on two cores) and
 * posix_scan.c reads one directory and judges what is in it.
 *
 * Every directory read is a node. A node keeps its descriptor open while
 * subdirectories queued from it still have to be opened (openat relative
 * to it: one path component to resolve, not the whole path), and its
 * memory while anything below it is alive (the chain of nodes is what
 * symlink cycles are checked against). Both counts are atomic: the last
 * thread to let go closes or frees. */

#include "scan/scan.h"
#include "platform/posix/scandir.h"

#include <fcntl.h>

/* Systems without close-on-exec at open get descriptors a spawned child
 * could inherit; none we build for lacks it. */
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

#include <pthread.h>
#include <sys/types.h>

typedef struct fsd__node_s fsd__node_t;
struct fsd__node_s {
  fsd__node_t *parent;
  int fd;
  int pending;   /* atomic: 1 while read + queued children not yet opened */
  int refs;      /* atomic: 1 while read + children alive */
  int depth;
  int is_long;   /* its path is over the long-path limit */
  int foreign;   /* it was reported as foreign-owned */
  int trust_eof; /* see fsd_scandir_trusts_eof */
  int known;     /* atomic, release/acquire: dev and ino are set */
  uint64_t dev;  /* atomic (relaxed): two threads may fill them at once */
  uint64_t ino;
  size_t path_len;
};

/* A directory waiting to be read. The path (NUL-terminated) follows the
 * struct; the name is its last component. */
typedef struct {
  fsd__node_t *parent; /* NULL for the root, whose fd is given */
  int fd;              /* the root's; -1 otherwise */
  int depth;
  int follow;          /* entered through a symlink (followSymlinks) */
  int is_long;
  int trust_eof;
  size_t len, name_off;
  char path[];
} fsd__item_t;

typedef struct {
  fsd_scan_t s;        /* findings and totals: under mu */
  pthread_mutex_t mu;
  pthread_cond_t cv;
  fsd__item_t **stack; /* under mu */
  size_t n, cap;
  int active, waiting, done; /* under mu */
  int serial;          /* under mu: one reader at a time (fsd__defer) */
  int stat_files;
  int trust_eof;       /* the root's filesystem marks directory ends */
  char **mounts;       /* mount points below the root: no trust there */
  size_t nmounts;
  int oom;             /* atomic */
} fsd__pool_t;

/* One thread's walk. Counters are its own and go into pool->s under the
 * lock, so progress can be reported without atomics on every entry. */
typedef struct {
  fsd__pool_t *pool;
  char *path;          /* the entry being looked at */
  size_t len, cap;
  char *tmp, *lex;     /* link targets; outside-link arithmetic */
  size_t tmp_cap, lex_cap;
  fsd_scandir_t sd;
  fsd__item_t **batch; /* subdirectories found in the current directory */
  size_t nbatch, batch_cap;
  uint64_t entries, dirs, files, symlinks, others;
  uint64_t counts[FSD_SCAN_KINDS]; /* counted, not reported */
  unsigned tick;
} fsd__worker_t;

/* posix_scan.c */
void fsd__scan_dir(fsd__worker_t *w, fsd__item_t *it);
int fsd__reserve(char **buf, size_t *cap, size_t need);
int64_t fsd__now_ms(void);
int fsd__scan_long(const fsd__pool_t *p, const char *path, size_t len);

/* posix_scan_pool.c */
void fsd__node_release_fd(fsd__node_t *n);
void fsd__node_unref(fsd__node_t *n);
/* Queues path (w->path, w->len) as a subdirectory of node; 0 or ENOMEM. */
int fsd__queue(fsd__worker_t *w, fsd__node_t *node, size_t name_off,
               int follow, int is_long);
/* Adds a finding under the lock; 0 or ENOMEM. */
int fsd__report(fsd__worker_t *w, const fsd_scan_finding_t *f);
/* Whether the walk should stop (cancelled or out of memory). */
int fsd__stopping(fsd__worker_t *w);
/* Progress from inside a long directory (w->path), when the lock is free;
 * nonzero when the walk was cancelled. */
int fsd__tick(fsd__worker_t *w);
/* openat ran out of descriptors for it: puts it back on the stack when
 * another thread is reading (and from then on one thread reads at a
 * time); 0 when this thread is alone and the failure is the answer. */
int fsd__defer(fsd__worker_t *w, fsd__item_t *it);

#endif
