#ifndef FSD_PLATFORM_LINUX_STATX_H
#define FSD_PLATFORM_LINUX_STATX_H

/* statx through the system call. musl before 1.2.5 has no statx() wrapper
 * (the musl prebuild is made with Debian 12's musl 1.2.3), and the kernel's
 * struct statx and STATX_* come from <linux/stat.h> on every libc (glibc's
 * own <sys/stat.h> takes them from there too). Returns 0, or -1 with errno
 * set (ENOSYS on kernels before 4.11), as statx() does. */
#include <fcntl.h>
#include <linux/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef AT_STATX_SYNC_AS_STAT
#define AT_STATX_SYNC_AS_STAT 0x0000
#endif
#ifndef AT_STATX_DONT_SYNC
#define AT_STATX_DONT_SYNC 0x4000
#endif

static inline int fsd__statx(int dirfd, const char *path, int flags,
                             unsigned int mask, struct statx *out) {
  return (int)syscall(SYS_statx, dirfd, path, flags, mask, out);
}

#endif
