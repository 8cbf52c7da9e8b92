/* Linux: the OS hooks of unix.h (capabilities, inode flags) and limits().
 * fsInfo is in linux_fs.c, holders in linux_holders.c. */
#define _GNU_SOURCE
#include "platform/posix/unix.h"
#include "platform/linux/linux_statx.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <sys/sysmacros.h>
#include <unistd.h>

const char *fsd_platform_name(void) { return "linux"; }

/* WSL kernels say so in their release string ("...-microsoft-standard"). */
int fsd_platform_is_wsl(void) {
  char *buf = NULL;
  int wsl = 0;
  if (fsd__read_file("/proc/sys/kernel/osrelease", &buf, NULL) != 0) return 0;
  if (strstr(buf, "microsoft") != NULL || strstr(buf, "Microsoft") != NULL ||
      strstr(buf, "WSL") != NULL)
    wsl = 1;
  free(buf);
  return wsl;
}

/* capget() directly: libcap is not everywhere, the syscall is. */
int fsd__os_cap_mask(uint64_t *mask) {
  struct __user_cap_header_struct hdr;
  struct __user_cap_data_struct data[2];
  memset(&hdr, 0, sizeof(hdr));
  memset(data, 0, sizeof(data));
  hdr.version = _LINUX_CAPABILITY_VERSION_3;
  hdr.pid = 0;
  *mask = 0;
  if (syscall(SYS_capget, &hdr, data) != 0) return errno;
  *mask = (uint64_t)data[0].effective | ((uint64_t)data[1].effective << 32);
  return 0;
}

static const char *const fsd__cap_table[] = {
  "cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner",
  "cap_fsetid", "cap_kill", "cap_setgid", "cap_setuid", "cap_setpcap",
  "cap_linux_immutable", "cap_net_bind_service", "cap_net_broadcast",
  "cap_net_admin", "cap_net_raw", "cap_ipc_lock", "cap_ipc_owner",
  "cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace",
  "cap_sys_pacct", "cap_sys_admin", "cap_sys_boot", "cap_sys_nice",
  "cap_sys_resource", "cap_sys_time", "cap_sys_tty_config", "cap_mknod",
  "cap_lease", "cap_audit_write", "cap_audit_control", "cap_setfcap",
  "cap_mac_override", "cap_mac_admin", "cap_syslog", "cap_wake_alarm",
  "cap_block_suspend", "cap_audit_read", "cap_perfmon", "cap_bpf",
  "cap_checkpoint_restore"};

int fsd__os_cap_names(fsd_arena_t *a, uint64_t mask, const char ***names,
                      size_t *n) {
  const size_t known = sizeof(fsd__cap_table) / sizeof(fsd__cap_table[0]);
  const char **out;
  size_t i, count = 0;
  *names = NULL;
  *n = 0;
  out = fsd_alloc(a, 64 * sizeof(*out));
  if (out == NULL) return ENOMEM;
  for (i = 0; i < 64; i++) {
    if (!(mask & ((uint64_t)1 << i))) continue;
    out[count] = i < known ? fsd__cap_table[i] : fsd_printf(a, "cap_%zu", i);
    if (out[count] == NULL) return ENOMEM;
    count++;
  }
  *names = out;
  *n = count;
  return 0;
}

/* The flags from FS_IOC_GETFLAGS, for filesystems whose statx does not say
 * (it needs an open descriptor, so only files and directories). */
static void fsd__ioctl_flags(const char *path, int follow, int *imm, int *app) {
  int fd, flags = 0;
  fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY |
                      (follow ? 0 : O_NOFOLLOW));
  if (fd < 0) return;
  if (ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0) {
    *imm = (flags & FS_IMMUTABLE_FL) ? 1 : 0;
    *app = (flags & FS_APPEND_FL) ? 1 : 0;
  }
  close(fd);
}

int fsd__os_stat(const char *path, int follow, struct stat *st, int *imm,
                 int *app) {
  struct statx sx;
  int flags = AT_STATX_SYNC_AS_STAT | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
  *imm = *app = FSD_UNKNOWN;
  if (fsd__statx(AT_FDCWD, path, flags, STATX_BASIC_STATS, &sx) != 0) {
    /* Old kernels and some sandboxes have no statx. */
    if (errno != ENOSYS && errno != EPERM) return errno;
    if ((follow ? stat(path, st) : lstat(path, st)) != 0) return errno;
  } else {
    memset(st, 0, sizeof(*st));
    st->st_mode = sx.stx_mode;
    st->st_uid = sx.stx_uid;
    st->st_gid = sx.stx_gid;
    st->st_nlink = sx.stx_nlink;
    st->st_ino = sx.stx_ino;
    st->st_size = (off_t)sx.stx_size;
    st->st_dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
    st->st_rdev = makedev(sx.stx_rdev_major, sx.stx_rdev_minor);
    if (sx.stx_attributes_mask & STATX_ATTR_IMMUTABLE)
      *imm = (sx.stx_attributes & STATX_ATTR_IMMUTABLE) ? 1 : 0;
    if (sx.stx_attributes_mask & STATX_ATTR_APPEND)
      *app = (sx.stx_attributes & STATX_ATTR_APPEND) ? 1 : 0;
  }
  if ((*imm < 0 || *app < 0) && (S_ISREG(st->st_mode) || S_ISDIR(st->st_mode)))
    fsd__ioctl_flags(path, follow, imm, app);
  return 0;
}

/* A POSIX access ACL is stored as this extended attribute. */
int fsd__os_has_acl(const char *path) {
  return lgetxattr(path, "system.posix_acl_access", NULL, 0) > 0;
}

/* Descriptors of this process, without the one used to count them. */
static int64_t fsd__count_fds(void) {
  DIR *d = opendir("/proc/self/fd");
  struct dirent *e;
  int64_t n = 0;
  if (d == NULL) return -1;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.') n++;
  closedir(d);
  return n > 0 ? n - 1 : 0;
}

/* inotify instances and watches of processes owned by uid: an inotify fd
 * links to "anon_inode:inotify", and its fdinfo has one "inotify wd:" line
 * per watch. Both limits count per user. */
static void fsd__inotify_usage(uid_t uid, int64_t *instances, int64_t *watches) {
  DIR *proc = opendir("/proc"), *fds;
  struct dirent *pe, *fe;
  char path[560], link[32], *info;
  struct stat st;
  int procfd, dfd;
  ssize_t n;
  *instances = *watches = 0;
  if (proc == NULL) {
    *instances = *watches = -1;
    return;
  }
  procfd = dirfd(proc);
  while ((pe = readdir(proc)) != NULL) {
    if (pe->d_name[0] < '1' || pe->d_name[0] > '9') continue;
    if (fstatat(procfd, pe->d_name, &st, 0) != 0 || st.st_uid != uid) continue;
    snprintf(path, sizeof(path), "%s/fd", pe->d_name);
    dfd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) continue;
    fds = fdopendir(dfd);
    if (fds == NULL) {
      close(dfd);
      continue;
    }
    while ((fe = readdir(fds)) != NULL) {
      const char *p;
      if (fe->d_name[0] == '.') continue;
      n = readlinkat(dfd, fe->d_name, link, sizeof(link) - 1);
      if (n <= 0) continue;
      link[n] = '\0';
      if (strcmp(link, "anon_inode:inotify") != 0) continue;
      (*instances)++;
      snprintf(path, sizeof(path), "%s/fdinfo/%s", pe->d_name, fe->d_name);
      if (fsd__read_fileat(procfd, path, &info, NULL) != 0) continue;
      for (p = info; (p = strstr(p, "inotify wd:")) != NULL; p++) (*watches)++;
      free(info);
    }
    closedir(fds);
  }
  closedir(proc);
}

int fsd_limits(fsd_arena_t *a, fsd_limits_t *out, fsd_fail_t *fail) {
  struct rlimit rl;
  char *buf = NULL;
  long long nr = -1, unused = -1, max = -1;
  (void)a;
  (void)fail;
  out->nofile_soft = out->nofile_hard = -1;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    if (rl.rlim_cur != RLIM_INFINITY) out->nofile_soft = (int64_t)rl.rlim_cur;
    if (rl.rlim_max != RLIM_INFINITY) out->nofile_hard = (int64_t)rl.rlim_max;
  }
  out->open_fds = fsd__count_fds();
  out->file_nr = out->file_max = -1;
  /* file-nr: allocated, unused (always 0 since 2.6), maximum. */
  if (fsd__read_file("/proc/sys/fs/file-nr", &buf, NULL) == 0) {
    if (sscanf(buf, "%lld %lld %lld", &nr, &unused, &max) == 3) {
      out->file_nr = nr;
      out->file_max = max;
    }
    free(buf);
  }
  if (out->file_max < 0) out->file_max = fsd__read_int("/proc/sys/fs/file-max");
  out->inotify_max_watches = fsd__read_int("/proc/sys/fs/inotify/max_user_watches");
  out->inotify_max_instances = fsd__read_int("/proc/sys/fs/inotify/max_user_instances");
  fsd__inotify_usage(geteuid(), &out->inotify_instances_used,
                     &out->inotify_watches_used);
  out->handle_count = -1;
  out->crt_max_stdio = -1;
  return 0;
}
