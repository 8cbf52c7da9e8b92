/* holders() on Linux from C: forked children hold files (read, write, a
 * memory map whose descriptor is closed, a working directory); every answer
 * must be the same with 1 and several threads, with the write lease on and
 * off (passed in fsd_holders_opts_t; NULL gives the defaults). Run under
 * SAN=1 (ASan/UBSan) and once by hand under TSan. */
#define _GNU_SOURCE
#include "fsd.h"
#include "platform.h"
#include "t.h"

#ifdef __linux__
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  pid_t pid;
  int fd; /* the child's descriptor of the file, -1 for a map or cwd */
} child_t;

/* Forks a child that holds path as how says ("r", "w", "mmap", "cwd") and
 * returns once it does. */
static child_t hold(const char *path, const char *how) {
  child_t c = {-1, -1};
  int ready[2];
  if (pipe(ready) != 0) return c;
  c.pid = fork();
  if (c.pid == 0) {
    int fd = -1;
    close(ready[0]);
    if (strcmp(how, "cwd") == 0) {
      if (chdir(path) != 0) _exit(1);
    } else {
      fd = open(path, strcmp(how, "w") == 0 ? O_WRONLY : O_RDONLY);
      if (fd < 0) _exit(1);
      if (strcmp(how, "mmap") == 0) {
        if (mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED)
          _exit(1);
        close(fd);
        fd = -1;
      }
    }
    if (write(ready[1], &fd, sizeof(fd)) != sizeof(fd)) _exit(1);
    for (;;) pause(); /* until killed */
  }
  close(ready[1]);
  if (c.pid > 0 && read(ready[0], &c.fd, sizeof(c.fd)) != sizeof(c.fd)) {
    kill(c.pid, SIGKILL);
    waitpid(c.pid, NULL, 0);
    c.pid = -1;
  }
  close(ready[0]);
  return c;
}

static void release(child_t *c) {
  if (c->pid <= 0) return;
  kill(c->pid, SIGKILL);
  waitpid(c->pid, NULL, 0);
  c->pid = -1;
}

/* holders(path) with the given threads and lease setting. */
static fsd_holders_t scan(fsd_arena_t *a, const char *path, int threads,
                          int lease) {
  fsd_holders_opts_t o = FSD_HOLDERS_OPTS_INIT;
  fsd_holders_t h;
  fsd_fail_t fail = {0, NULL, NULL, NULL};
  memset(&h, 0, sizeof(h));
  o.threads = threads;
  o.lease = lease;
  T_CHECK(fsd_holders(a, path, &o, &h, &fail) == 0);
  T_CHECK(h.euid == (int64_t)geteuid());
  return h;
}

/* "pid how fd mode target lock;" for the holders among pids, in order. */
static char *describe(const fsd_holders_t *h, const pid_t *pids, size_t n) {
  static char buf[4][3 * PATH_MAX];
  static int next;
  char *out = buf[next++ % 4];
  size_t i, k, len = 0;
  out[0] = '\0';
  for (i = 0; i < h->count; i++) {
    const fsd_holder_t *x = &h->items[i];
    for (k = 0; k < n && pids[k] != x->pid; k++) {
    }
    if (k == n) continue;
    len += (size_t)snprintf(
        out + len, sizeof(buf[0]) - len, "%lld %s %lld %s %s %s;",
        (long long)x->pid, x->how, (long long)x->fd, x->mode ? x->mode : "-",
        x->target ? x->target : "-", x->lock ? x->lock : "-");
    if (len >= sizeof(buf[0])) break;
  }
  return out;
}

static int in_pid_order(const fsd_holders_t *h) {
  size_t i;
  for (i = 1; i < h->count; i++)
    if (h->items[i].pid < h->items[i - 1].pid) return 0;
  return 1;
}

/* Every combination gives what one thread without the lease gives. */
static void same_everywhere(const char *path, const pid_t *pids, size_t n,
                            const char *expect, int leased) {
  static const int threads[] = {1, 2, 4, 7};
  fsd_arena_t *a = fsd_arena_new();
  fsd_holders_t base = scan(a, path, 1, 0);
  size_t i;
  T_STREQ(describe(&base, pids, n), expect);
  T_CHECK(base.scanned > 1);
  T_CHECK(in_pid_order(&base));
  /* Each holder is this program or its child: its real uid is ours. */
  for (i = 0; i < base.count; i++)
    T_CHECK(base.items[i].uid == (int64_t)getuid());
  for (i = 0; i < sizeof(threads) / sizeof(threads[0]); i++) {
    fsd_holders_t off = scan(a, path, threads[i], 0);
    fsd_holders_t on = scan(a, path, threads[i], 1);
    T_STREQ(describe(&off, pids, n), expect);
    T_STREQ(describe(&on, pids, n), expect);
    T_CHECK(in_pid_order(&off));
    T_CHECK(off.scanned > 1);
    T_CHECK(leased ? on.scanned == 0 : on.scanned > 1);
    T_CHECK(leased ==
            (on.note != NULL && strstr(on.note, "write lease") != NULL));
  }
  {
    /* NULL options: the defaults (automatic threads, the lease on). */
    fsd_holders_t dflt;
    fsd_fail_t fail = {0, NULL, NULL, NULL};
    memset(&dflt, 0, sizeof(dflt));
    T_CHECK(fsd_holders(a, path, NULL, &dflt, &fail) == 0);
    T_STREQ(describe(&dflt, pids, n), expect);
    T_CHECK(leased ? dflt.scanned == 0 : dflt.scanned > 1);
  }
  fsd_arena_free(a);
}

static void write_file(const char *path, size_t size) {
  char block[4096];
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  memset(block, 'x', sizeof(block));
  T_CHECK(fd >= 0);
  if (fd < 0) return;
  while (size > 0) {
    size_t n = size < sizeof(block) ? size : sizeof(block);
    T_CHECK(write(fd, block, n) == (ssize_t)n);
    size -= n;
  }
  close(fd);
}

static void holders_cases(void) {
  char dir[] = "/tmp/fsd-c-holders-XXXXXX";
  char file[PATH_MAX], mapped[PATH_MAX], sub[PATH_MAX], inner[PATH_MAX];
  char expect[3 * PATH_MAX], exe[PATH_MAX];
  child_t r, w, m, cwd, in;
  pid_t pids[4];
  ssize_t n;
  T_CHECK(mkdtemp(dir) != NULL);
  snprintf(file, sizeof(file), "%s/file", dir);
  snprintf(mapped, sizeof(mapped), "%s/mapped", dir);
  snprintf(sub, sizeof(sub), "%s/sub", dir);
  snprintf(inner, sizeof(inner), "%s/sub/inner", dir);
  write_file(file, 10);
  write_file(mapped, 8192);
  T_CHECK(mkdir(sub, 0755) == 0);
  write_file(inner, 1);

  /* Nobody: the lease answers, the scans find nobody. */
  same_everywhere(file, NULL, 0, "", 1);

  r = hold(file, "r");
  w = hold(file, "w");
  T_CHECK(r.pid > 0 && w.pid > 0);
  pids[0] = r.pid;
  pids[1] = w.pid;
  /* Children are forked in order, so r has the smaller pid (unless the
   * pid counter wrapped between them). */
  if (r.pid < w.pid)
    snprintf(expect, sizeof(expect), "%d fd %d r %s -;%d fd %d w %s -;",
             (int)r.pid, r.fd, file, (int)w.pid, w.fd, file);
  else
    snprintf(expect, sizeof(expect), "%d fd %d w %s -;%d fd %d r %s -;",
             (int)w.pid, w.fd, file, (int)r.pid, r.fd, file);
  same_everywhere(file, pids, 2, expect, 0);
  release(&r);
  snprintf(expect, sizeof(expect), "%d fd %d w %s -;", (int)w.pid, w.fd, file);
  same_everywhere(file, pids, 2, expect, 0);
  release(&w);
  same_everywhere(file, pids, 2, "", 1);

  m = hold(mapped, "mmap");
  T_CHECK(m.pid > 0);
  pids[0] = m.pid;
  snprintf(expect, sizeof(expect), "%d mmap -1 - %s -;", (int)m.pid, mapped);
  same_everywhere(mapped, pids, 1, expect, 0);
  release(&m);
  same_everywhere(mapped, pids, 1, "", 1);

  /* A directory: never leased; a working directory and a file under it. */
  cwd = hold(sub, "cwd");
  in = hold(inner, "r");
  T_CHECK(cwd.pid > 0 && in.pid > 0);
  pids[0] = cwd.pid;
  pids[1] = in.pid;
  if (cwd.pid < in.pid)
    snprintf(expect, sizeof(expect), "%d cwd -1 - %s -;%d fd %d r %s -;",
             (int)cwd.pid, sub, (int)in.pid, in.fd, inner);
  else
    snprintf(expect, sizeof(expect), "%d fd %d r %s -;%d cwd -1 - %s -;",
             (int)in.pid, in.fd, inner, (int)cwd.pid, sub);
  same_everywhere(dir, pids, 2, expect, 0);
  release(&cwd);
  release(&in);

  /* This program, running: exe and mmap, never leased. */
  n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  T_CHECK(n > 0);
  if (n > 0) {
    exe[n] = '\0';
    pids[0] = getpid();
    snprintf(expect, sizeof(expect), "%d exe -1 - %s -;%d mmap -1 - %s -;",
             (int)pids[0], exe, (int)pids[0], exe);
    same_everywhere(exe, pids, 1, expect, 0);
  }

  unlink(inner);
  rmdir(sub);
  unlink(file);
  unlink(mapped);
  rmdir(dir);
}

/* The workers start with every signal blocked; the caller's own mask is
 * what it was before (the caller is Node's thread). */
static void signal_mask_kept(void) {
  sigset_t before, after;
  fsd_arena_t *a = fsd_arena_new();
  sigemptyset(&before);
  sigaddset(&before, SIGUSR1);
  pthread_sigmask(SIG_SETMASK, &before, NULL);
  (void)scan(a, "/", 4, 0);
  pthread_sigmask(SIG_SETMASK, NULL, &after);
  T_CHECK(sigismember(&after, SIGUSR1) == 1);
  T_CHECK(sigismember(&after, SIGUSR2) == 0);
  T_CHECK(sigismember(&after, SIGTERM) == 0);
  sigemptyset(&before);
  pthread_sigmask(SIG_SETMASK, &before, NULL);
  fsd_arena_free(a);
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  signal_mask_kept();
  holders_cases();
  T_DONE("holders");
}
#else
int main(void) {
  printf("holders: skipped (Linux only)\n");
  return 0;
}
#endif
