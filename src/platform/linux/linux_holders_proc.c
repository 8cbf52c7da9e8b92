/* holders() on Linux, one process: its running program, descriptors,
 * working and root directories, and memory maps, from /proc/PID. Each
 * descriptor costs one statx() on the open /proc/PID/fd directory; a
 * process's name and command line are read only when it matches. Runs on
 * several threads at once: everything it writes is its worker's. */
#define _GNU_SOURCE
#include "platform/linux/linux_fs.h"
#include "platform/linux/linux_holders.h"
#include "platform/linux/linux_statx.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* Per-process lazily read name and command line. */
typedef struct {
  pid_t pid;
  const char *name;
  const char *cmdline;
  int64_t uid;
  int loaded;
} fsd__proc_t;

static fsd_holder_t *fsd__proc_holder_add(fsd__hworker_t *w, fsd__proc_t *p,
                              const char *how, const char *target, int64_t fd) {
  fsd_holder_t *h = NULL;
  if (target != NULL) h = fsd__holders_push(w->a, &w->out, &w->idx, w->cur);
  if (h == NULL) {
    w->oom = 1;
    return NULL;
  }
  if (!p->loaded) {
    p->loaded = 1;
    fsd__holders_names(w->a, w->t->procfd, p->pid, &p->name, &p->cmdline);
    p->uid = fsd__holders_uid(w->t->procfd, p->pid);
  }
  h->pid = p->pid;
  h->name = p->name;
  h->cmdline = p->cmdline;
  h->how = how;
  h->target = target;
  h->fd = fd;
  h->kind = fsd_holder_kind(p->name, p->cmdline);
  h->uid = p->uid;
  return h;
}

/* fdinfo: the open mode ("flags:" octal) and any locks on this open file. */
static void fsd__fdinfo(fsd__hworker_t *w, fsd_holder_t *h, pid_t pid,
                        const char *fd) {
  char path[300], *buf = NULL, *line, text[48];
  unsigned long flags, ino;
  long lpid;
  dev_t dev;
  snprintf(path, sizeof(path), "%d/fdinfo/%s", (int)pid, fd);
  if (fsd__read_fileat(w->t->procfd, path, &buf, NULL) != 0) return;
  for (line = buf; line != NULL;
       line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
    if (sscanf(line, "flags: %lo", &flags) == 1) {
      int acc = (int)(flags & O_ACCMODE);
      h->mode = acc == O_RDONLY ? "r" : acc == O_WRONLY ? "w" : "rw";
    } else if (strncmp(line, "lock:", 5) == 0 && h->lock == NULL &&
               fsd__holders_parse_lock(line + 5, text, sizeof(text), &lpid,
                                       &dev, &ino)) {
      h->lock = fsd_strdup(w->a, text);
    }
  }
  free(buf);
}

/* Is the link text (a path the kernel wrote) the target or under it? */
static int fsd__link_under(const fsd__target_t *t, const char *link) {
  if (strncmp(link, t->canon, t->canonlen) != 0) return 0;
  if (t->canonlen == 1) return link[0] == '/';
  return link[t->canonlen] == '\0' || link[t->canonlen] == '/' ||
         link[t->canonlen] == ' '; /* " (deleted)" */
}

/* Device and inode of what a /proc link points at. statx with
 * AT_STATX_DONT_SYNC takes what the kernel has cached instead of asking
 * the server again when the link leads to NFS, CIFS or FUSE: a descriptor
 * on a dead mount must not stall the scan. fstatat where statx is missing
 * (before Linux 4.11). Returns 0 or -1 with errno. */
static int fsd__id_at(int dirfd, const char *name, dev_t *dev, ino_t *ino) {
#ifdef STATX_INO
  static int no_statx;
  struct statx stx;
  if (!__atomic_load_n(&no_statx, __ATOMIC_RELAXED)) {
    if (fsd__statx(dirfd, name, AT_STATX_DONT_SYNC, STATX_INO, &stx) == 0) {
      *dev = makedev(stx.stx_dev_major, stx.stx_dev_minor);
      *ino = (ino_t)stx.stx_ino;
      return 0;
    }
    if (errno != ENOSYS) return -1;
    __atomic_store_n(&no_statx, 1, __ATOMIC_RELAXED);
  }
#endif
  {
    struct stat st;
    if (fstatat(dirfd, name, &st, 0) != 0) return -1;
    *dev = st.st_dev;
    *ino = st.st_ino;
    return 0;
  }
}

static const char *fsd__match_link(fsd__hworker_t *w, int dirfd,
                                   const char *name, char *buf, size_t size) {
  const fsd__target_t *t = w->t;
  dev_t dev;
  ino_t ino;
  ssize_t n;
  w->denied = w->gone = 0;
  if (!t->is_dir) {
    if (fsd__id_at(dirfd, name, &dev, &ino) != 0) {
      w->denied = errno == EACCES || errno == EPERM;
      w->gone = errno == ENOENT;
      return NULL;
    }
    if (dev != t->dev || ino != t->ino) return NULL;
    n = readlinkat(dirfd, name, buf, size - 1);
    if (n < 0) return t->canon;
    buf[n] = '\0';
    return buf;
  }
  n = readlinkat(dirfd, name, buf, size - 1);
  if (n < 0) {
    w->denied = errno == EACCES || errno == EPERM;
    w->gone = errno == ENOENT;
  }
  if (n <= 0 || buf[0] != '/') return NULL;
  buf[n] = '\0';
  if (!fsd__link_under(t, buf)) return NULL;
  if (w->ninodes < FSD__HOLDERS_MAX_INODES &&
      fsd__id_at(dirfd, name, &dev, &ino) == 0) {
    w->inodes[w->ninodes].dev = dev;
    w->inodes[w->ninodes].ino = ino;
    w->ninodes++;
  }
  return buf;
}

/* The x86-64 vsyscall page, where it exists, is the last line of every
 * process's maps (the kernel lists it after the last area): seeing it
 * saves the read() that would only report the end. The line must start at
 * its fixed address, which no file mapping can have, so that a file named
 * "x [vsyscall]" ends nothing early. */
static int fsd__ends_with_gate(const char *buf, size_t n) {
  static const char start[] = "ffffffffff600000-ffffffffff601000 ";
  static const char end[] = " [vsyscall]\n";
  size_t i;
  if (n < sizeof(start) - 1 + sizeof(end) - 1 ||
      memcmp(buf + n - (sizeof(end) - 1), end, sizeof(end) - 1) != 0)
    return 0;
  for (i = n - 1; i > 0 && buf[i - 1] != '\n'; i--) {
  }
  return n - i >= sizeof(start) - 1 &&
         memcmp(buf + i, start, sizeof(start) - 1) == 0;
}

/* Reads a procfs file into the worker's scratch buffer: first a buffer on
 * the worker's stack (see fsd__holders_scan_pids), which holds the maps of
 * most processes, then one on the heap that grows and is kept for the next
 * process. Reads until read() says the end: procfs hands out a page or so
 * per call. */
static char *fsd__scratch_read(fsd__hworker_t *w, const char *path) {
  size_t n = 0;
  ssize_t r;
  int fd;
  do fd = openat(w->t->procfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return NULL;
  for (;;) {
    if (w->scratch_size - n < 4096) {
      size_t size = w->scratch_size * 2;
      char *grown = NULL;
      if (size <= ((size_t)64 << 20))
        grown = realloc(w->heap == w->scratch ? w->heap : NULL, size);
      if (grown == NULL) break; /* keep what fits */
      if (w->heap != w->scratch) memcpy(grown, w->scratch, n);
      w->heap = w->scratch = grown;
      w->scratch_size = size;
    }
    r = read(fd, w->scratch + n, w->scratch_size - n - 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
    if (fsd__ends_with_gate(w->scratch, n)) break;
  }
  close(fd);
  w->scratch[n] = '\0';
  return w->scratch;
}

void fsd__holders_scan_pids(fsd__hworker_t *w, const pid_t *pids, size_t from,
                            size_t to, size_t skip) {
  char stack[16384], pidstr[16];
  size_t i;
  if (w->heap == NULL) {
    w->scratch = stack;
    w->scratch_size = sizeof(stack);
  }
  for (i = from; i < to && !w->oom; i++) {
    if (i == skip) continue;
    snprintf(pidstr, sizeof(pidstr), "%d", (int)pids[i]);
    w->cur = i;
    fsd__holders_scan_pid(w, pids[i], pidstr);
  }
  /* The stack buffer is gone after the return; the heap one stays. */
  if (w->scratch == stack) {
    w->scratch = NULL;
    w->scratch_size = 0;
  }
}

static void fsd__scan_maps(fsd__hworker_t *w, fsd__proc_t *p) {
  const fsd__target_t *t = w->t;
  char path[64], *buf, *hit, *end;
  const char *target = NULL;
  snprintf(path, sizeof(path), "%d/maps", (int)p->pid);
  buf = fsd__scratch_read(w, path);
  if (buf == NULL || buf[0] == '\0') return;
  if (!t->is_dir) {
    if (strstr(buf, t->maps_needle) != NULL) target = t->canon;
  } else {
    for (hit = buf; (hit = strstr(hit, t->canon)) != NULL; hit++) {
      if (hit > buf && hit[-1] == ' ' &&
          (hit[t->canonlen] == '/' || hit[t->canonlen] == '\n')) {
        end = strchr(hit, '\n');
        target =
            fsd_strndup(w->a, hit, end ? (size_t)(end - hit) : strlen(hit));
        break;
      }
    }
  }
  if (target != NULL) fsd__proc_holder_add(w, p, "mmap", target, -1);
}

struct fsd__dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};


/* Every descriptor of one process. getdents64 straight into a buffer
 * skips fdopendir's own fstat, fcntl and allocation per process. procfs
 * lists a process's descriptors until the buffer is full, so a call that
 * left room for one more entry has listed them all, and the call that would
 * only say so (it takes the task's file table again) is left out. */
static void fsd__scan_fds(fsd__hworker_t *w, fsd__proc_t *p, int fdfd) {
  char link[PATH_MAX], buf[8192];
  const char *hit;
  long n, off;
  for (;;) {
    n = syscall(SYS_getdents64, fdfd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    for (off = 0; off < n;) {
      struct fsd__dirent64 *e = (struct fsd__dirent64 *)(buf + off);
      fsd_holder_t *h;
      int fd;
      off += e->d_reclen;
      if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
      fd = atoi(e->d_name);
      /* Our own scanning descriptors are not holders. */
      if (p->pid == w->t->self && (fd == fdfd || fd == w->t->procfd)) continue;
      hit = fsd__match_link(w, fdfd, e->d_name, link, sizeof(link));
      if (hit == NULL && w->denied) {
        /* We may list but not follow its descriptors (another user's
         * process, or one that ptrace rules shield): count it, move on. */
        w->out.uninspected++;
        return;
      }
      if (hit == NULL) continue;
      h = fsd__proc_holder_add(w, p, "fd", fsd_strdup(w->a, hit), fd);
      if (h != NULL) fsd__fdinfo(w, h, p->pid, e->d_name);
    }
    if ((size_t)n + FSD__DIRENT_MAX <= sizeof(buf)) return;
  }
}

void fsd__holders_scan_pid(fsd__hworker_t *w, pid_t pid, const char *pidstr) {
  const fsd__target_t *t = w->t;
  char path[64], link[PATH_MAX];
  const char *hit;
  fsd__proc_t p;
  int fdfd;
  memset(&p, 0, sizeof(p));
  p.pid = pid;
  w->out.scanned++;
  /* exe first: kernel threads and zombies have none (ENOENT) and no
   * descriptors or maps either, which saves most of a scan on a machine
   * with many kernel threads. */
  snprintf(path, sizeof(path), "%s/exe", pidstr);
  hit = fsd__match_link(w, t->procfd, path, link, sizeof(link));
  if (hit == NULL && w->gone) return;
  if (hit != NULL) fsd__proc_holder_add(w, &p, "exe", fsd_strdup(w->a, hit), -1);
  snprintf(path, sizeof(path), "%s/fd", pidstr);
  do fdfd = openat(t->procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  while (fdfd < 0 && errno == EINTR);
  if (fdfd < 0) {
    if (errno != ENOENT)
      w->out.uninspected++;
    else
      w->out.scanned--; /* gone meanwhile */
    return;
  }
  fsd__scan_fds(w, &p, fdfd);
  close(fdfd);
  /* The working directory and root only matter for directories. */
  if (t->is_dir) {
    snprintf(path, sizeof(path), "%s/cwd", pidstr);
    if ((hit = fsd__match_link(w, t->procfd, path, link, sizeof(link))) != NULL)
      fsd__proc_holder_add(w, &p, "cwd", fsd_strdup(w->a, hit), -1);
    snprintf(path, sizeof(path), "%s/root", pidstr);
    if (strcmp(t->canon, "/") != 0 &&
        (hit = fsd__match_link(w, t->procfd, path, link, sizeof(link))) != NULL)
      fsd__proc_holder_add(w, &p, "root", fsd_strdup(w->a, hit), -1);
  }
  /* Only files and directories can be mapped. */
  if (t->is_dir || t->is_reg) fsd__scan_maps(w, &p);
}
