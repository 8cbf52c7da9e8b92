/* macOS probes: statfs for the filesystem, libproc for holders, sysctl for
 * limits. pathInfo, privileges and linkInfo come from posix.c. This file is
 * not built on the Linux machines that run CI; it is kept small and uses only
 * documented libproc/sysctl calls. */

#include "platform.h"

#include <errno.h>
#include <libproc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/param.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <unistd.h>

const char *fsd_platform_name(void) { return "darwin"; }
int fsd_platform_is_wsl(void) { return 0; }

static int fsd__darwin_is(const char *type, const char *const *list) {
  for (; *list != NULL; list++)
    if (strcmp(type, *list) == 0) return 1;
  return 0;
}

int fsd_fsinfo(fsd_arena_t *a, const char *path, fsd_fsinfo_t *out,
               fsd_fail_t *fail) {
  static const char *const net[] = {"nfs", "smbfs", "afpfs", "webdav",
                                    "ftp", "cifs", NULL};
  static const char *const fat[] = {"msdos", "exfat", NULL};
  struct statfs s;
  char *probe = fsd_strdup(a, path);
  long v;
  if (probe == NULL) return ENOMEM;
  /* Walk up to the nearest existing ancestor. */
  while (statfs(probe, &s) != 0) {
    char *slash = strrchr(probe, '/');
    if (errno != ENOENT && errno != ENOTDIR) {
      fail->syscall = "statfs";
      fail->path = probe;
      return errno;
    }
    if (slash == NULL || slash == probe) {
      probe = fsd_strdup(a, "/");
      if (probe == NULL || statfs(probe, &s) != 0) return errno ? errno : ENOMEM;
      break;
    }
    *slash = '\0';
  }
  out->path = fsd_strdup(a, path);
  out->probed = probe;
  out->type = fsd_strdup(a, s.f_fstypename);
  out->source = fsd_strdup(a, s.f_mntfromname);
  out->mount_point = fsd_strdup(a, s.f_mntonname);
  out->options = fsd_strdup(a, (s.f_flags & MNT_RDONLY) ? "ro" : "rw");
  out->magic = s.f_type;
  out->read_only = (s.f_flags & MNT_RDONLY) != 0;
  out->network = !(s.f_flags & MNT_LOCAL) ||
                 fsd__darwin_is(s.f_fstypename, net);
  out->wsl_windows_mount = 0;
  out->symlinks = !fsd__darwin_is(s.f_fstypename, fat);
  out->hardlinks = !fsd__darwin_is(s.f_fstypename, fat);
  v = pathconf(probe, _PC_CASE_SENSITIVE);
  out->case_sensitive = v < 0 ? FSD_UNKNOWN : v != 0;
  v = pathconf(probe, _PC_LINK_MAX);
  out->link_max = v > 0 ? v : -1;
  if (v <= 0) out->link_max_reason = "pathconf did not say";
  out->subdir_max = -1;
  out->block_size = (int64_t)s.f_bsize;
  out->total_bytes = (int64_t)s.f_blocks * (int64_t)s.f_bsize;
  out->free_bytes = (int64_t)s.f_bfree * (int64_t)s.f_bsize;
  out->avail_bytes = (int64_t)s.f_bavail * (int64_t)s.f_bsize;
  out->total_inodes = (int64_t)s.f_files;
  out->free_inodes = (int64_t)s.f_ffree;
  v = pathconf(probe, _PC_NAME_MAX);
  out->name_max = v > 0 ? v : -1;
  return 0;
}

static fsd_holder_t *fsd__darwin_add(fsd_arena_t *a, fsd_holders_t *h) {
  if (h->count == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 16;
    fsd_holder_t *items = fsd_alloc(a, cap * sizeof(*items));
    if (items == NULL) return NULL;
    if (h->count) memcpy(items, h->items, h->count * sizeof(*items));
    h->items = items;
    h->cap = cap;
  }
  return &h->items[h->count++];
}

static int fsd__darwin_match(const char *held, const struct vinfo_stat *st,
                             const struct stat *target, const char *path,
                             size_t plen) {
  if (S_ISDIR(target->st_mode))
    return strncmp(held, path, plen) == 0 &&
           (held[plen] == '\0' || held[plen] == '/');
  return st->vst_dev == (uint32_t)target->st_dev &&
         st->vst_ino == target->st_ino;
}

static int fsd__darwin_pid(fsd_arena_t *a, pid_t pid, const struct stat *st,
                           const char *path, fsd_holders_t *out) {
  struct proc_fdinfo *fds;
  struct vnode_fdinfowithpath vi;
  struct proc_bsdinfo bsd;
  char name[2 * MAXCOMLEN + 1];
  size_t plen = strlen(path);
  int64_t uid = -1;
  int size = proc_pidinfo(pid, PROC_PIDLISTFDS, 0, NULL, 0), n, i;
  if (size <= 0) return -1;
  fds = malloc((size_t)size);
  if (fds == NULL) return -1;
  size = proc_pidinfo(pid, PROC_PIDLISTFDS, 0, fds, size);
  n = size > 0 ? size / (int)sizeof(*fds) : 0;
  name[0] = '\0';
  proc_name(pid, name, sizeof(name));
  if (proc_pidinfo(pid, PROC_PIDTBSDINFO, 0, &bsd, sizeof(bsd)) ==
      (int)sizeof(bsd))
    uid = (int64_t)bsd.pbi_ruid;
  for (i = 0; i < n; i++) {
    fsd_holder_t *h;
    if (fds[i].proc_fdtype != PROX_FDTYPE_VNODE) continue;
    if (proc_pidfdinfo(pid, fds[i].proc_fd, PROC_PIDFDVNODEPATHINFO, &vi,
                       sizeof(vi)) != (int)sizeof(vi))
      continue;
    if (!fsd__darwin_match(vi.pvip.vip_path, &vi.pvip.vip_vi.vi_stat, st, path,
                           plen))
      continue;
    h = fsd__darwin_add(a, out);
    if (h == NULL) break;
    h->pid = pid;
    h->name = fsd_strdup(a, name);
    h->how = "fd";
    h->target = fsd_strdup(a, vi.pvip.vip_path);
    h->fd = fds[i].proc_fd;
    h->kind = fsd_holder_kind(name, NULL);
    h->uid = uid;
  }
  free(fds);
  return 0;
}

int fsd_holders(fsd_arena_t *a, const char *path,
                const fsd_holders_opts_t *opts, fsd_holders_t *out,
                fsd_fail_t *fail) {
  struct stat st;
  pid_t *pids;
  int n, i, err, cap;
  (void)opts; /* one thread, no lease: nothing to choose here */
  out->path = fsd_strdup(a, path);
  out->method = "libproc";
  out->euid = (int64_t)geteuid();
  if (stat(path, &st) != 0) {
    err = errno;
    out->note = fsd_errname(err) != NULL
                    ? fsd_printf(a, "the path could not be read (%s)",
                                 fsd_errname(err))
                    : fsd_printf(a, "the path could not be read (errno %d)",
                                 err);
    return 0;
  }
  cap = proc_listallpids(NULL, 0);
  if (cap <= 0) {
    fail->syscall = "proc_listallpids";
    return errno ? errno : EPERM;
  }
  cap += 64;
  pids = malloc((size_t)cap * sizeof(*pids));
  if (pids == NULL) return ENOMEM;
  n = proc_listallpids(pids, cap * (int)sizeof(*pids));
  for (i = 0; i < n; i++) {
    out->scanned++;
    if (fsd__darwin_pid(a, pids[i], &st, path, out) != 0) out->uninspected++;
  }
  free(pids);
  return 0;
}

static int64_t fsd__darwin_sysctl(const char *name) {
  int v = 0;
  size_t len = sizeof(v);
  return sysctlbyname(name, &v, &len, NULL, 0) == 0 ? v : -1;
}

int fsd_limits(fsd_arena_t *a, fsd_limits_t *out, fsd_fail_t *fail) {
  struct rlimit rl;
  int size;
  (void)a;
  (void)fail;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    out->nofile_soft = rl.rlim_cur == RLIM_INFINITY ? -1 : (int64_t)rl.rlim_cur;
    out->nofile_hard = rl.rlim_max == RLIM_INFINITY ? -1 : (int64_t)rl.rlim_max;
  } else {
    out->nofile_soft = out->nofile_hard = -1;
  }
  size = proc_pidinfo(getpid(), PROC_PIDLISTFDS, 0, NULL, 0);
  out->open_fds = size > 0 ? size / (int)sizeof(struct proc_fdinfo) : -1;
  out->file_nr = fsd__darwin_sysctl("kern.num_files");
  out->file_max = fsd__darwin_sysctl("kern.maxfiles");
  out->inotify_max_watches = out->inotify_max_instances = -1;
  out->inotify_watches_used = out->inotify_instances_used = -1;
  out->handle_count = out->crt_max_stdio = -1;
  return 0;
}
