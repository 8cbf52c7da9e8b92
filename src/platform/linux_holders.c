/* holders() on Linux: who has a file (or anything under a directory) open,
 * from /proc. It must be quick (it runs while an install waits), so each
 * descriptor costs one fstatat() on the open /proc/PID/fd directory, and a
 * process's name and command line are read only when it matches. */
#define _GNU_SOURCE
#include "unix.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

typedef struct {
  fsd_arena_t *a;
  fsd_holders_t *out;
  int is_dir;
  dev_t dev;
  ino_t ino;
  const char *canon; /* canonical path of the target */
  size_t canonlen;
  char maps_needle[64]; /* " maj:min ino " as /proc/PID/maps writes it */
  int procfd;
  pid_t self;
  /* Inodes of matched descriptors, to find their locks in /proc/locks. */
  struct {
    dev_t dev;
    ino_t ino;
  } inodes[64];
  size_t ninodes;
  int oom;
  int denied; /* the last descriptor could not be looked at */
  char *scratch; /* reused buffer for /proc/PID/maps */
  size_t scratch_size;
} fsd__scan_t;

/* Per-process lazily read name and command line. */
typedef struct {
  pid_t pid;
  const char *name;
  const char *cmdline;
  int loaded;
} fsd__proc_t;

static void fsd__load_proc(fsd__scan_t *s, fsd__proc_t *p) {
  char path[64], *buf = NULL;
  size_t len = 0, i;
  if (p->loaded) return;
  p->loaded = 1;
  snprintf(path, sizeof(path), "%d/comm", (int)p->pid);
  if (fsd__read_fileat(s->procfd, path, &buf, &len) == 0) {
    while (len > 0 && buf[len - 1] == '\n') len--;
    p->name = fsd_strndup(s->a, buf, len);
    free(buf);
  }
  snprintf(path, sizeof(path), "%d/cmdline", (int)p->pid);
  if (fsd__read_fileat(s->procfd, path, &buf, &len) == 0) {
    while (len > 0 && buf[len - 1] == '\0') len--;
    for (i = 0; i < len; i++)
      if (buf[i] == '\0') buf[i] = ' ';
    if (len > 0) p->cmdline = fsd_strndup(s->a, buf, len);
    free(buf);
  }
}

static fsd_holder_t *fsd__add(fsd__scan_t *s, fsd__proc_t *p, const char *how,
                              const char *target, int64_t fd) {
  fsd_holders_t *out = s->out;
  fsd_holder_t *h;
  if (out->count == out->cap) {
    size_t cap = out->cap ? out->cap * 2 : 16;
    fsd_holder_t *grown = fsd_alloc(s->a, cap * sizeof(*grown));
    if (grown == NULL) {
      s->oom = 1;
      return NULL;
    }
    if (out->count) memcpy(grown, out->items, out->count * sizeof(*grown));
    out->items = grown;
    out->cap = cap;
  }
  fsd__load_proc(s, p);
  h = &out->items[out->count++];
  memset(h, 0, sizeof(*h));
  h->pid = p->pid;
  h->name = p->name;
  h->cmdline = p->cmdline;
  h->how = how;
  h->target = target;
  h->fd = fd;
  h->kind = fsd_holder_kind(p->name, p->cmdline);
  return h;
}

/* "1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF" -> "FLOCK WRITE", pid,
 * device and inode. Waiters ("1: -> FLOCK ...") do not hold the lock. */
static int fsd__parse_lock(const char *line, char *text, size_t size, long *pid,
                           dev_t *dev, unsigned long *ino) {
  char type[16], adv[16], rw[16];
  unsigned maj, min;
  const char *p = strchr(line, ':');
  if (p == NULL) return 0;
  p++;
  while (*p == ' ' || *p == '\t') p++;
  if (strncmp(p, "->", 2) == 0) return 0;
  if (sscanf(p, "%15s %15s %15s %ld %x:%x:%lu", type, adv, rw, pid, &maj, &min, ino) != 7)
    return 0;
  *dev = makedev(maj, min);
  snprintf(text, size, "%s %s", type, rw);
  return 1;
}

static int fsd__inode_wanted(const fsd__scan_t *s, dev_t dev, unsigned long ino) {
  size_t i;
  if (dev == s->dev && ino == (unsigned long)s->ino) return 1;
  for (i = 0; i < s->ninodes; i++)
    if (s->inodes[i].dev == dev && (unsigned long)s->inodes[i].ino == ino) return 1;
  return 0;
}

/* fdinfo: the open mode ("flags:" octal) and any locks on this open file. */
static void fsd__fdinfo(fsd__scan_t *s, fsd_holder_t *h, pid_t pid, const char *fd) {
  char path[300], *buf = NULL, *line, text[48];
  unsigned long flags, ino;
  long lpid;
  dev_t dev;
  snprintf(path, sizeof(path), "%d/fdinfo/%s", (int)pid, fd);
  if (fsd__read_fileat(s->procfd, path, &buf, NULL) != 0) return;
  for (line = buf; line != NULL; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
    if (sscanf(line, "flags: %lo", &flags) == 1) {
      int acc = (int)(flags & O_ACCMODE);
      h->mode = acc == O_RDONLY ? "r" : acc == O_WRONLY ? "w" : "rw";
    } else if (strncmp(line, "lock:", 5) == 0 && h->lock == NULL &&
               fsd__parse_lock(line + 5, text, sizeof(text), &lpid, &dev, &ino)) {
      h->lock = fsd_strdup(s->a, text);
    }
  }
  free(buf);
}

/* Is the link text (a path the kernel wrote) the target or under it? */
static int fsd__link_under(const fsd__scan_t *s, const char *link) {
  if (strncmp(link, s->canon, s->canonlen) != 0) return 0;
  if (s->canonlen == 1) return link[0] == '/';
  return link[s->canonlen] == '\0' || link[s->canonlen] == '/' ||
         link[s->canonlen] == ' '; /* " (deleted)" */
}

static const char *fsd__match_link(fsd__scan_t *s, int dirfd, const char *name,
                                   char *buf, size_t size) {
  struct stat st;
  ssize_t n;
  s->denied = 0;
  if (!s->is_dir) {
    if (fstatat(dirfd, name, &st, 0) != 0) {
      s->denied = errno == EACCES || errno == EPERM;
      return NULL;
    }
    if (st.st_dev != s->dev || st.st_ino != s->ino) return NULL;
    n = readlinkat(dirfd, name, buf, size - 1);
    if (n < 0) return s->canon;
    buf[n] = '\0';
    return buf;
  }
  n = readlinkat(dirfd, name, buf, size - 1);
  if (n < 0) s->denied = errno == EACCES || errno == EPERM;
  if (n <= 0 || buf[0] != '/') return NULL;
  buf[n] = '\0';
  if (!fsd__link_under(s, buf)) return NULL;
  if (s->ninodes < sizeof(s->inodes) / sizeof(s->inodes[0]) &&
      fstatat(dirfd, name, &st, 0) == 0) {
    s->inodes[s->ninodes].dev = st.st_dev;
    s->inodes[s->ninodes].ino = st.st_ino;
    s->ninodes++;
  }
  return buf;
}

/* Reads a procfs file into the scan's scratch buffer (reused across
 * processes: one allocation per call, not one per process). */
static char *fsd__scratch_read(fsd__scan_t *s, const char *path) {
  size_t n = 0;
  ssize_t r;
  int fd = openat(s->procfd, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  for (;;) {
    if (s->scratch_size - n < 4096) {
      size_t size = s->scratch_size ? s->scratch_size * 2 : 256 * 1024;
      char *grown = size <= ((size_t)64 << 20) ? realloc(s->scratch, size) : NULL;
      if (grown == NULL) break; /* keep what fits */
      s->scratch = grown;
      s->scratch_size = size;
    }
    r = read(fd, s->scratch + n, s->scratch_size - n - 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
  }
  close(fd);
  if (s->scratch == NULL) return NULL;
  s->scratch[n] = '\0';
  return s->scratch;
}

static void fsd__scan_maps(fsd__scan_t *s, fsd__proc_t *p) {
  char path[64], *buf, *hit, *end;
  const char *target = NULL;
  snprintf(path, sizeof(path), "%d/maps", (int)p->pid);
  buf = fsd__scratch_read(s, path);
  if (buf == NULL || buf[0] == '\0') return;
  if (!s->is_dir) {
    if (strstr(buf, s->maps_needle) != NULL) target = s->canon;
  } else {
    for (hit = buf; (hit = strstr(hit, s->canon)) != NULL; hit++) {
      if (hit > buf && hit[-1] == ' ' && (hit[s->canonlen] == '/' || hit[s->canonlen] == '\n')) {
        end = strchr(hit, '\n');
        target = fsd_strndup(s->a, hit, end ? (size_t)(end - hit) : strlen(hit));
        break;
      }
    }
  }
  if (target != NULL) fsd__add(s, p, "mmap", target, -1);
}

struct fsd__dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

/* Every descriptor of one process. getdents64 straight into a buffer
 * skips fdopendir's own fstat, fcntl and allocation per process. */
static void fsd__scan_fds(fsd__scan_t *s, fsd__proc_t *p, int fdfd, int skipfd) {
  char link[PATH_MAX], buf[8192];
  const char *hit;
  long n, off;
  for (;;) {
    n = syscall(SYS_getdents64, fdfd, buf, sizeof(buf));
    if (n <= 0) return;
    for (off = 0; off < n;) {
      struct fsd__dirent64 *e = (struct fsd__dirent64 *)(buf + off);
      fsd_holder_t *h;
      int fd;
      off += e->d_reclen;
      if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
      fd = atoi(e->d_name);
      /* Our own scanning descriptors are not holders. */
      if (p->pid == s->self && (fd == fdfd || fd == skipfd)) continue;
      hit = fsd__match_link(s, fdfd, e->d_name, link, sizeof(link));
      if (hit == NULL && s->denied) {
        /* We may list but not follow its descriptors (another user's
         * process, or one that ptrace rules shield): count it, move on. */
        s->out->uninspected++;
        return;
      }
      if (hit == NULL) continue;
      h = fsd__add(s, p, "fd", fsd_strdup(s->a, hit), fd);
      if (h != NULL) fsd__fdinfo(s, h, p->pid, e->d_name);
    }
  }
}

static void fsd__scan_pid(fsd__scan_t *s, pid_t pid, const char *pidstr,
                          int skipfd) {
  char path[560], link[PATH_MAX];
  const char *hit;
  fsd__proc_t p;
  int fdfd;
  memset(&p, 0, sizeof(p));
  p.pid = pid;
  snprintf(path, sizeof(path), "%s/fd", pidstr);
  fdfd = openat(s->procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fdfd < 0) {
    if (errno != ENOENT) {
      s->out->scanned++;
      s->out->uninspected++;
    }
    return;
  }
  s->out->scanned++;
  fsd__scan_fds(s, &p, fdfd, skipfd);
  close(fdfd);
  /* The working directory and root only matter for directories. */
  if (s->is_dir) {
    snprintf(path, sizeof(path), "%s/cwd", pidstr);
    if ((hit = fsd__match_link(s, s->procfd, path, link, sizeof(link))) != NULL)
      fsd__add(s, &p, "cwd", fsd_strdup(s->a, hit), -1);
    snprintf(path, sizeof(path), "%s/root", pidstr);
    if (strcmp(s->canon, "/") != 0 &&
        (hit = fsd__match_link(s, s->procfd, path, link, sizeof(link))) != NULL)
      fsd__add(s, &p, "root", fsd_strdup(s->a, hit), -1);
  }
  snprintf(path, sizeof(path), "%s/exe", pidstr);
  if ((hit = fsd__match_link(s, s->procfd, path, link, sizeof(link))) != NULL)
    fsd__add(s, &p, "exe", fsd_strdup(s->a, hit), -1);
  fsd__scan_maps(s, &p);
}

/* Locks from /proc/locks whose holder we have not seen through an fd
 * (another user's process, or a lock whose fd we could not read). */
static void fsd__scan_locks(fsd__scan_t *s) {
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
    if (!fsd__parse_lock(line, text, sizeof(text), &pid, &dev, &ino)) continue;
    if (!fsd__inode_wanted(s, dev, ino)) continue;
    for (i = 0; i < s->out->count; i++) {
      fsd_holder_t *h = &s->out->items[i];
      if (h->lock != NULL && strcmp(h->lock, text) == 0 && (h->pid == pid || pid <= 0)) {
        seen = 1;
        break;
      }
    }
    for (i = 0; !seen && pid > 0 && i < s->out->count; i++) {
      fsd_holder_t *h = &s->out->items[i];
      if (h->pid == pid && h->lock == NULL && strcmp(h->how, "fd") == 0) {
        h->lock = fsd_strdup(s->a, text);
        seen = 1;
      }
    }
    if (!seen && pid > 0) {
      fsd__proc_t p;
      fsd_holder_t *h;
      memset(&p, 0, sizeof(p));
      p.pid = (pid_t)pid;
      h = fsd__add(s, &p, "lock", s->canon, -1);
      if (h != NULL) h->lock = fsd_strdup(s->a, text);
    }
  }
  free(buf);
}

int fsd_holders(fsd_arena_t *a, const char *path, fsd_holders_t *out,
                fsd_fail_t *fail) {
  fsd__scan_t s;
  struct stat st;
  struct dirent *e;
  char *abs, *canon;
  DIR *proc;
  memset(&s, 0, sizeof(s));
  out->path = path;
  out->method = "procfs";
  abs = fsd__abspath(a, path);
  if (abs == NULL) goto oom;
  if (stat(abs, &st) != 0) {
    out->note = fsd_printf(a, "%s: %s", abs, fsd_errname(errno) ? fsd_errname(errno) : "cannot stat");
    return 0;
  }
  canon = realpath(abs, NULL);
  s.canon = fsd_strdup(a, canon ? canon : abs);
  free(canon);
  if (s.canon == NULL) goto oom;
  s.canonlen = strlen(s.canon);
  s.a = a;
  s.out = out;
  s.is_dir = S_ISDIR(st.st_mode);
  s.dev = st.st_dev;
  s.ino = st.st_ino;
  s.self = getpid();
  snprintf(s.maps_needle, sizeof(s.maps_needle), " %02x:%02x %lu ", major(st.st_dev),
           minor(st.st_dev), (unsigned long)st.st_ino);
  proc = opendir("/proc");
  if (proc == NULL) {
    out->method = "none";
    out->note = "/proc is not mounted";
    return 0;
  }
  s.procfd = dirfd(proc);
  while ((e = readdir(proc)) != NULL && !s.oom) {
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    fsd__scan_pid(&s, (pid_t)atoi(e->d_name), e->d_name, s.procfd);
  }
  if (!s.oom) fsd__scan_locks(&s);
  closedir(proc);
  free(s.scratch);
  if (s.oom || fsd_arena_oom(a)) goto oom;
  if (out->uninspected > 0)
    out->note = fsd_printf(a, "%lld of %lld processes could not be inspected (%s)",
                           (long long)out->uninspected, (long long)out->scanned,
                           geteuid() == 0 ? "denied even to root" : "not running as root");
  return 0;
oom:
  fail->syscall = "malloc";
  return ENOMEM;
}
