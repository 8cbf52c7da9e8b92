/* linkInfo and privileges for Linux and macOS. */
#define _GNU_SOURCE
#include "platform/posix/unix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __APPLE__
#include <sys/random.h>
#endif

/* The kernel gives up after 40 links in one lookup (MAXSYMLINKS). */
#define FSD__MAX_HOPS 40

static char *fsd__readlink_a(fsd_arena_t *a, const char *path, int *err) {
  size_t size = 256;
  ssize_t n;
  char *buf;
  for (;;) {
    buf = fsd_alloc(a, size);
    if (buf == NULL) {
      *err = ENOMEM;
      return NULL;
    }
    n = readlink(path, buf, size);
    if (n < 0) {
      *err = errno;
      return NULL;
    }
    if ((size_t)n < size) {
      buf[n] = '\0';
      return buf;
    }
    if (size > 65536) {
      *err = ENAMETOOLONG;
      return NULL;
    }
    size *= 4;
  }
}

/* The next hop after the link at cur (whose directory is canonical): the
 * target, with its directory part resolved through any directory symlinks
 * the way the kernel would walk it. On failure *err is the errno of that
 * walk and *shown the target as written (made absolute). */
static char *fsd__next_hop(fsd_arena_t *a, const char *cur, const char *target,
                           char **shown, int *err) {
  char *raw, *dir, *canon, *next, *slash;
  const char *base;
  *err = 0;
  if (target[0] == '/')
    raw = fsd_strdup(a, target);
  else
    raw = fsd_printf(a, "%s/%s", strcmp(dir = fsd__dirname(a, cur), "/") == 0 ? "" : dir, target);
  if (raw == NULL) {
    *err = ENOMEM;
    return NULL;
  }
  *shown = fsd__abspath(a, raw);
  /* Strip trailing slashes: "dir/" names dir. */
  while (strlen(raw) > 1 && raw[strlen(raw) - 1] == '/') raw[strlen(raw) - 1] = '\0';
  slash = strrchr(raw, '/');
  base = slash + 1;
  if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || *base == '\0') {
    canon = realpath(raw, NULL);
    if (canon == NULL) {
      *err = errno;
      return NULL;
    }
    next = fsd_strdup(a, canon);
    free(canon);
    return next;
  }
  dir = slash == raw ? fsd_strdup(a, "/") : fsd_strndup(a, raw, (size_t)(slash - raw));
  if (dir == NULL) {
    *err = ENOMEM;
    return NULL;
  }
  canon = realpath(dir, NULL);
  if (canon == NULL) {
    *err = errno;
    return NULL;
  }
  next = fsd_printf(a, "%s/%s", strcmp(canon, "/") == 0 ? "" : canon, base);
  free(canon);
  if (next == NULL) *err = ENOMEM;
  return next;
}

static void fsd__walk_chain(fsd_arena_t *a, fsd_linkinfo_t *out, const char *abs) {
  const char **chain = fsd_alloc(a, (FSD__MAX_HOPS + 2) * sizeof(*chain));
  const char *cur = abs;
  char *target, *next, *shown = NULL;
  struct stat st;
  size_t i;
  int err;
  if (chain == NULL) return;
  out->chain = chain;
  chain[out->nchain++] = abs;
  while (out->nchain <= FSD__MAX_HOPS) {
    target = fsd__readlink_a(a, cur, &err);
    if (target == NULL) {
      out->err = err;
      return;
    }
    next = fsd__next_hop(a, cur, target, &shown, &err);
    if (next == NULL) {
      if (err == ELOOP) {
        /* The loop is in a directory on the way: that hop starts it. */
        chain[out->nchain++] = shown;
        out->loop = 1;
        out->loop_start = out->nchain - 1;
      } else if (err == ENOENT || err == ENOTDIR) {
        out->broken = 1;
        out->broken_at = shown;
      }
      out->err = err;
      return;
    }
    for (i = 0; i < out->nchain; i++) {
      if (strcmp(chain[i], next) == 0) {
        out->loop = 1;
        out->loop_start = i;
        out->err = ELOOP;
        return;
      }
    }
    chain[out->nchain++] = next;
    if (lstat(next, &st) != 0) {
      out->err = errno;
      if (errno == ENOENT || errno == ENOTDIR) {
        out->broken = 1;
        out->broken_at = next;
      }
      return;
    }
    if (!S_ISLNK(st.st_mode)) {
      out->resolved = next;
      return;
    }
    cur = next;
  }
  out->loop = 1;
  out->loop_start = 0;
  out->err = ELOOP;
}

int fsd_linkinfo(fsd_arena_t *a, const char *path, fsd_linkinfo_t *out,
                 fsd_fail_t *fail) {
  struct stat st;
  const char *abs = fsd__abspath(a, path);
  fsd_fsinfo_t fi;
  fsd_fail_t f;
  out->path = path;
  out->nlink = out->link_max = out->headroom = out->subdirs = -1;
  if (abs == NULL) goto oom;
  if (lstat(abs, &st) != 0) {
    out->err = errno;
    return 0;
  }
  out->exists = 1;
  if (S_ISLNK(st.st_mode)) {
    out->is_symlink = 1;
    fsd__walk_chain(a, out, abs);
    if (fsd_arena_oom(a)) goto oom;
    if (out->resolved == NULL) return 0;
    if (stat(out->resolved, &st) != 0) {
      out->err = errno;
      return 0;
    }
  } else {
    out->resolved = abs;
  }
  out->nlink = (int64_t)st.st_nlink;
  memset(&fi, 0, sizeof(fi));
  memset(&f, 0, sizeof(f));
  if (fsd_fsinfo(a, out->resolved, &fi, &f) == 0) {
    out->link_max = fi.link_max;
    if (S_ISDIR(st.st_mode)) {
      /* A directory's count is its subdirectories + 2; ext4 (dir_nlink)
       * and btrfs put no cap on subdirectories. */
      if (fi.subdir_max >= 0)
        out->link_max = fi.subdir_max + 2;
      else if (fi.type != NULL && (strcmp(fi.type, "ext4") == 0 || strcmp(fi.type, "btrfs") == 0))
        out->link_max = -1;
    }
  }
  if (S_ISDIR(st.st_mode) && st.st_nlink >= 2) out->subdirs = (int64_t)st.st_nlink - 2;
  if (out->link_max >= 0)
    out->headroom = out->link_max > out->nlink ? out->link_max - out->nlink : 0;
  return 0;
oom:
  fail->syscall = "malloc";
  return ENOMEM;
}

/* ---- privileges -------------------------------------------------------- */

static void fsd__random_hex(char *buf, size_t size) {
  unsigned char r[8];
  size_t i;
  if (getentropy(r, sizeof(r)) != 0) {
    /* Uniqueness comes from O_EXCL anyway; this only spreads names. */
    uint64_t x = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)buf ^ (uint64_t)clock();
    memcpy(r, &x, sizeof(r));
  }
  for (i = 0; i < sizeof(r) && 2 * i + 2 < size; i++)
    snprintf(buf + 2 * i, 3, "%02x", r[i]);
}

/* Creates dir/<unique name> with O_EXCL; the name is pid + random + a
 * counter, retried on EEXIST. Returns the path or NULL with *err. */
static char *fsd__probe_file(fsd_arena_t *a, const char *dir, int *err) {
  char hex[17];
  char *p;
  int fd, i;
  for (i = 0; i < 16; i++) {
    fsd__random_hex(hex, sizeof(hex));
    p = fsd_printf(a, "%s/.fsdoctor-probe-%ld-%s-%d", strcmp(dir, "/") == 0 ? "" : dir,
                   (long)getpid(), hex, i);
    if (p == NULL) {
      *err = ENOMEM;
      return NULL;
    }
    fd = open(p, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
      close(fd);
      *err = 0;
      return p;
    }
    if (errno != EEXIST) break;
  }
  *err = errno;
  return NULL;
}

static void fsd__live_probes(fsd_arena_t *a, fsd_privileges_t *out, const char *dir) {
  struct stat st;
  char *file, *other, hex[17];
  int err = 0;
  if (stat(dir, &st) != 0)
    err = errno;
  else if (!S_ISDIR(st.st_mode))
    err = ENOTDIR;
  if (err != 0) {
    /* No directory to probe in: the answers stay unknown. */
    out->write_err = out->symlink_err = out->hardlink_err = err;
    return;
  }
  file = fsd__probe_file(a, dir, &err);
  out->can_write = file != NULL;
  out->write_err = err;
  /* Link names extend the unique file name, so they are unique too. */
  if (file != NULL) {
    other = fsd_printf(a, "%s.l", file);
  } else {
    fsd__random_hex(hex, sizeof(hex));
    other = fsd_printf(a, "%s/.fsdoctor-probe-%ld-%s.l", strcmp(dir, "/") == 0 ? "" : dir,
                       (long)getpid(), hex);
  }
  if (other != NULL && symlink(".fsdoctor-probe-target", other) == 0) {
    out->can_symlink = 1;
    unlink(other);
  } else {
    out->symlink_err = other ? errno : ENOMEM;
    out->can_symlink = 0;
  }
  if (file != NULL) {
    other = fsd_printf(a, "%s.h", file);
    if (other != NULL && link(file, other) == 0) {
      out->can_hardlink = 1;
      unlink(other);
    } else {
      out->hardlink_err = other ? errno : ENOMEM;
      out->can_hardlink = 0;
    }
    unlink(file);
  } else {
    /* Nothing to link to: unknown, for the reason the file failed. */
    out->hardlink_err = out->write_err;
  }
}

int fsd_privileges(fsd_arena_t *a, const char *dir, fsd_privileges_t *out,
                   fsd_fail_t *fail) {
  uint64_t mask = 0;
  int n, i, egid_seen = 0;
  gid_t *g;
  out->uid = (int64_t)getuid();
  out->euid = (int64_t)geteuid();
  out->gid = (int64_t)getgid();
  out->egid = (int64_t)getegid();
  out->root = out->euid == 0;
  out->can_symlink = out->can_hardlink = out->can_write = FSD_UNKNOWN;
  out->elevated = out->admin_member = FSD_UNKNOWN;
  out->symlink_privilege = out->symlink_privilege_enabled = FSD_UNKNOWN;
  out->developer_mode = FSD_UNKNOWN;
  /* Like process.getgroups(): the supplementary groups plus the
   * effective group when the kernel's list leaves it out. */
  n = getgroups(0, NULL);
  if (n < 0) n = 0;
  g = fsd_alloc(a, ((size_t)n + 1) * sizeof(*g));
  out->groups = fsd_alloc(a, ((size_t)n + 1) * sizeof(*out->groups));
  if (g == NULL || out->groups == NULL) goto oom;
  if (n > 0) n = getgroups(n, g);
  if (n < 0) n = 0;
  for (i = 0; i < n; i++) {
    out->groups[i] = (int64_t)g[i];
    if (g[i] == (gid_t)out->egid) egid_seen = 1;
  }
  if (!egid_seen) out->groups[n++] = out->egid;
  out->ngroups = (size_t)n;
  if (fsd__os_cap_mask(&mask) == 0 &&
      fsd__os_cap_names(a, mask, &out->caps, &out->ncaps) != 0)
    goto oom;
  if (dir != NULL) {
    out->probe_dir = fsd__abspath(a, dir);
    if (out->probe_dir == NULL) goto oom;
    fsd__live_probes(a, out, out->probe_dir);
  }
  if (fsd_arena_oom(a)) goto oom;
  return 0;
oom:
  fail->syscall = "malloc";
  return ENOMEM;
}
