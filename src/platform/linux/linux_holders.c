/* holders() on Linux: who has a file (or anything under a directory) open,
 * from /proc. It must be quick (it runs while an install waits). A regular
 * file on a local filesystem is first offered a write lease, which the
 * kernel grants only when nobody has it open (linux_holders_lease.c); then
 * no process needs looking at. Otherwise /proc is listed once and the pids
 * are shared out in small chunks between a few threads, each with its own
 * results (linux_holders_proc.c), merged in pid order so that the answer
 * does not depend on the number of threads. /proc/locks is read last. */
#define _GNU_SOURCE
#include "platform/linux/linux_holders.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define FSD__HOLDERS_AUTO_THREADS 4
#define FSD__HOLDERS_MAX_THREADS FSD_HOLDERS_MAX_THREADS
#define FSD__HOLDERS_CHUNK 8

typedef struct {
  pid_t *pids;
  size_t n;
  size_t next; /* atomic: the first pid not yet taken */
  size_t self; /* index of this process, scanned after the others */
} fsd__pidlist_t;

typedef struct {
  fsd__hworker_t w;
  fsd__pidlist_t *list;
} fsd__job_t;

/* The pids in /proc, in the order readdir gives them (ascending). */
static int fsd__list_pids(int procfd, fsd__pidlist_t *l) {
  char buf[16384];
  size_t cap = 0;
  long n, off;
  for (;;) {
    n = syscall(SYS_getdents64, procfd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 0;
    for (off = 0; off < n;) {
      const char *name = buf + off + 19; /* d_name in linux_dirent64 */
      unsigned short reclen;
      memcpy(&reclen, buf + off + 16, sizeof(reclen));
      off += reclen;
      if (name[0] < '1' || name[0] > '9') continue;
      if (l->n == cap) {
        pid_t *grown;
        cap = cap ? cap * 2 : 1024;
        grown = realloc(l->pids, cap * sizeof(*grown));
        if (grown == NULL) return ENOMEM;
        l->pids = grown;
      }
      l->pids[l->n++] = (pid_t)atoi(name);
    }
  }
}

static void *fsd__holders_work(void *arg) {
  fsd__job_t *j = arg;
  fsd__pidlist_t *l = j->list;
  size_t i, end;
  while (!j->w.oom) {
    i = __atomic_fetch_add(&l->next, FSD__HOLDERS_CHUNK, __ATOMIC_RELAXED);
    if (i >= l->n) break;
    end = i + FSD__HOLDERS_CHUNK < l->n ? i + FSD__HOLDERS_CHUNK : l->n;
    fsd__holders_scan_pids(&j->w, l->pids, i, end, l->self);
  }
  return NULL;
}

/* Runs n workers (this thread and n - 1 more) over the list; then this
 * process alone in jobs[n], so that the workers' own /proc descriptors are
 * closed when it is looked at. Returns the number of jobs that ran. */
static int fsd__run(fsd__job_t *jobs, int n) {
  pthread_t tids[FSD__HOLDERS_MAX_THREADS];
  sigset_t all, old;
  int i, started = 0;
  /* The threads start with every signal blocked, so that Node's signal
   * handling stays on Node's threads. */
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  for (i = 1; i < n; i++)
    if (pthread_create(&tids[started], NULL, fsd__holders_work, &jobs[i]) == 0)
      started++;
    else
      break; /* carry on with the threads there are */
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  fsd__holders_work(&jobs[0]);
  for (i = 0; i < started; i++) pthread_join(tids[i], NULL);
  if (jobs[n].list->self < jobs[n].list->n)
    fsd__holders_scan_pids(&jobs[n].w, jobs[n].list->pids, jobs[n].list->self,
                           jobs[n].list->self + 1, jobs[n].list->n);
  return n + 1;
}

/* Copies the workers' holders into the caller's list in pid order. Each
 * worker's list is in pid order already (it takes chunks in order), and one
 * pid is all one worker's, so a merge gives what one thread would. */
static int fsd__holders_merge(fsd_arena_t *a, fsd__job_t *jobs, int n,
                      fsd_holders_t *out) {
  size_t pos[FSD__HOLDERS_MAX_THREADS + 1] = {0}, total = 0, k;
  int i, best;
  for (i = 0; i < n; i++) {
    total += jobs[i].w.out.count;
    out->scanned += jobs[i].w.out.scanned;
    out->uninspected += jobs[i].w.out.uninspected;
  }
  if (total == 0) return 0;
  out->items = fsd_alloc(a, total * sizeof(*out->items));
  if (out->items == NULL) return ENOMEM;
  out->cap = total;
  for (;;) {
    fsd__hworker_t *w;
    size_t cur;
    best = -1;
    for (i = 0; i < n; i++)
      if (pos[i] < jobs[i].w.out.count &&
          (best < 0 || jobs[i].w.idx[pos[i]] < jobs[best].w.idx[pos[best]]))
        best = i;
    if (best < 0) break;
    w = &jobs[best].w;
    cur = w->idx[pos[best]];
    for (k = pos[best]; k < w->out.count && w->idx[k] == cur; k++) {
      fsd_holder_t *h = &out->items[out->count++];
      *h = w->out.items[k];
      h->name = fsd_strdup(a, h->name);
      h->cmdline = fsd_strdup(a, h->cmdline);
      h->target = fsd_strdup(a, h->target);
      h->lock = fsd_strdup(a, h->lock);
      /* how, mode and kind are static strings. */
    }
    pos[best] = k;
  }
  return fsd_arena_oom(a) ? ENOMEM : 0;
}

static int fsd__inode_wanted(const fsd__target_t *t, const fsd__job_t *jobs,
                             int n, dev_t dev, unsigned long ino) {
  size_t k;
  int i;
  if (dev == t->dev && ino == (unsigned long)t->ino) return 1;
  for (i = 0; i < n; i++)
    for (k = 0; k < jobs[i].w.ninodes; k++)
      if (jobs[i].w.inodes[k].dev == dev &&
          (unsigned long)jobs[i].w.inodes[k].ino == ino)
        return 1;
  return 0;
}

static void fsd__add_lock(fsd_arena_t *a, const fsd__target_t *t,
                          fsd_holders_t *out, pid_t pid, const char *text) {
  fsd_holder_t *h = fsd__holders_push(a, out, NULL, 0);
  if (h == NULL) return; /* the arena says so */
  fsd__holders_names(a, t->procfd, pid, &h->name, &h->cmdline);
  h->pid = pid;
  h->how = "lock";
  h->target = t->canon;
  h->fd = -1;
  h->lock = fsd_strdup(a, text);
  h->kind = fsd_holder_kind(h->name, h->cmdline);
  h->uid = fsd__holders_uid(t->procfd, pid);
}

/* Locks from /proc/locks whose holder we have not seen through an fd
 * (another user's process, or a lock whose fd we could not read). */
static void fsd__scan_locks(fsd_arena_t *a, const fsd__target_t *t,
                            const fsd__job_t *jobs, int n, fsd_holders_t *out) {
  char *buf = NULL, *line, *next, text[48];
  unsigned long ino;
  size_t i;
  long pid;
  dev_t dev;
  if (fsd__read_file("/proc/locks", &buf, NULL) != 0) return;
  for (line = buf; line != NULL && *line; line = next) {
    int seen = 0;
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    if (!fsd__holders_parse_lock(line, text, sizeof(text), &pid, &dev, &ino))
      continue;
    if (!fsd__inode_wanted(t, jobs, n, dev, ino)) continue;
    for (i = 0; i < out->count; i++) {
      fsd_holder_t *h = &out->items[i];
      if (h->lock != NULL && strcmp(h->lock, text) == 0 &&
          (h->pid == pid || pid <= 0)) {
        seen = 1;
        break;
      }
    }
    for (i = 0; !seen && pid > 0 && i < out->count; i++) {
      fsd_holder_t *h = &out->items[i];
      if (h->pid == pid && h->lock == NULL && strcmp(h->how, "fd") == 0) {
        h->lock = fsd_strdup(a, text);
        seen = 1;
      }
    }
    if (!seen && pid > 0) fsd__add_lock(a, t, out, (pid_t)pid, text);
  }
  free(buf);
}

static int fsd__target(fsd_arena_t *a, const char *abs, const struct stat *st,
                       fsd__target_t *t) {
  char *canon = realpath(abs, NULL);
  t->canon = fsd_strdup(a, canon ? canon : abs);
  free(canon);
  if (t->canon == NULL) return ENOMEM;
  t->canonlen = strlen(t->canon);
  t->is_dir = S_ISDIR(st->st_mode);
  t->is_reg = S_ISREG(st->st_mode);
  t->dev = st->st_dev;
  t->ino = st->st_ino;
  t->self = getpid();
  snprintf(t->maps_needle, sizeof(t->maps_needle), " %02x:%02x %lu ",
           major(st->st_dev), minor(st->st_dev), (unsigned long)st->st_ino);
  return 0;
}

/* Lists /proc, scans it on n threads, merges. Returns 0 or ENOMEM. */
static int fsd__scan(fsd_arena_t *a, const fsd__target_t *t, int n,
                     fsd_holders_t *out) {
  fsd__pidlist_t list;
  fsd__job_t *jobs;
  int i, err, ran = 0, oom = 0;
  memset(&list, 0, sizeof(list));
  err = fsd__list_pids(t->procfd, &list);
  list.self = list.n;
  for (i = 0; (size_t)i < list.n; i++)
    if (list.pids[i] == t->self) list.self = (size_t)i;
  /* No more threads than chunks to share. */
  if ((size_t)n > (list.n + FSD__HOLDERS_CHUNK - 1) / FSD__HOLDERS_CHUNK)
    n = (int)((list.n + FSD__HOLDERS_CHUNK - 1) / FSD__HOLDERS_CHUNK);
  if (n < 1) n = 1;
  jobs = calloc((size_t)n + 1, sizeof(*jobs));
  if (err != 0 || jobs == NULL) {
    free(list.pids);
    free(jobs);
    return ENOMEM;
  }
  for (i = 0; i <= n; i++) {
    jobs[i].list = &list;
    jobs[i].w.t = t;
    if ((jobs[i].w.a = fsd_arena_new()) == NULL) oom = 1;
  }
  if (!oom) ran = fsd__run(jobs, n);
  for (i = 0; i < ran; i++) oom |= jobs[i].w.oom || fsd_arena_oom(jobs[i].w.a);
  if (!oom) oom = fsd__holders_merge(a, jobs, ran, out) != 0;
  if (!oom) fsd__scan_locks(a, t, jobs, ran, out);
  for (i = 0; i <= n; i++) {
    free(jobs[i].w.heap);
    fsd_arena_free(jobs[i].w.a);
  }
  free(jobs);
  free(list.pids);
  return oom ? ENOMEM : 0;
}

int fsd_holders(fsd_arena_t *a, const char *path,
                const fsd_holders_opts_t *opts, fsd_holders_t *out,
                fsd_fail_t *fail) {
  static const fsd_holders_opts_t defaults = FSD_HOLDERS_OPTS_INIT;
  fsd__target_t t;
  struct stat st;
  char *abs;
  int err;
  if (opts == NULL) opts = &defaults;
  memset(&t, 0, sizeof(t));
  out->path = path;
  out->method = "procfs";
  out->euid = (int64_t)geteuid();
  abs = fsd__abspath(a, path);
  if (abs == NULL) goto oom;
  if (stat(abs, &st) != 0) {
    err = errno;
    out->note = fsd_errname(err) != NULL
                    ? fsd_printf(a, "%s: %s", abs, fsd_errname(err))
                    : fsd_printf(a, "%s: errno %d", abs, err);
    return 0;
  }
  if (opts->lease && fsd__holders_lease(abs, &st)) {
    out->note =
        "answered by a write lease, which the kernel grants only "
        "when no process has the file open: no process scan needed";
    return 0;
  }
  if (fsd__target(a, abs, &st, &t) != 0) goto oom;
  do t.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  while (t.procfd < 0 && errno == EINTR);
  if (t.procfd < 0) {
    out->method = "none";
    out->note = "/proc is not mounted";
    return 0;
  }
  err = fsd__scan(a, &t,
                  fsd__thread_count(opts->threads, FSD__HOLDERS_AUTO_THREADS,
                                    FSD__HOLDERS_MAX_THREADS),
                  out);
  close(t.procfd);
  if (err != 0 || fsd_arena_oom(a)) goto oom;
  if (out->uninspected > 0)
    out->note = fsd_printf(
        a, "%lld of %lld processes could not be inspected (%s)",
        (long long)out->uninspected, (long long)out->scanned,
        geteuid() == 0 ? "denied even to root" : "not running as root");
  return 0;
oom:
  fail->syscall = "malloc";
  return ENOMEM;
}
