/* holders() on Linux, the fast path for a file nobody has open. The kernel
 * grants a write lease (F_SETLEASE F_WRLCK) only when the lease-taker's own
 * open is the only one of the inode: fs/locks.c compares i_writecount and
 * i_readcount with the taker's single count (since Linux 5.3; older kernels
 * compare dentry and inode reference counts, which refuses more often and
 * so is just as safe here). A memory map keeps its open file, and a running
 * program is both mapped and denies writers (i_writecount < 0), so those
 * make the lease fail too. A granted lease thus says, with two system
 * calls, what a scan of every process would: nobody holds the file. It is
 * dropped at once; a process that opens the file meanwhile waits only as
 * long as the two calls take. */
#define _GNU_SOURCE
#include "platform/linux/linux_holders.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

/* Filesystems whose leases are the kernel's generic ones over local opens
 * (no NFS, CIFS, FUSE: their files may be open on another machine or behind
 * a daemon; no overlay: its files are opened through the layers below). */
static int fsd__lease_fs(uint64_t magic) {
  switch (magic) {
    case 0xEF53:     /* ext2, ext3, ext4 */
    case 0x58465342: /* xfs */
    case 0x9123683E: /* btrfs */
    case 0x01021994: /* tmpfs */
    case 0xF2F52010: /* f2fs */
      return 1;
    default:
      return 0;
  }
}

int fsd__holders_lease(const char *path, const struct stat *st) {
  struct statfs sfs;
  struct stat fst;
  int fd, granted = 0;
  if (!S_ISREG(st->st_mode)) return 0;
  if (statfs(path, &sfs) != 0 || !fsd__lease_fs((uint64_t)sfs.f_type)) return 0;
  /* O_NONBLOCK: a lease someone else holds makes open() fail with
   * EWOULDBLOCK instead of waiting for it to be broken. O_NOATIME: looking
   * must not touch the file; it needs the ownership (or CAP_FOWNER) that the
   * lease needs too (or CAP_LEASE), so EPERM here means no lease anyway. */
  do fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOATIME);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return 0;
  /* The path may have been replaced since it was stat'ed. */
  if (fstat(fd, &fst) != 0 || fst.st_dev != st->st_dev ||
      fst.st_ino != st->st_ino || !S_ISREG(fst.st_mode)) {
    close(fd);
    return 0;
  }
  /* Should the lease be broken in the instant we hold it, the kernel
   * signals this process: SIGIO by default, which would end it. SIGURG is
   * ignored unless someone handles it, so set it before the lease. */
  if (fcntl(fd, F_SETSIG, SIGURG) == 0 && fcntl(fd, F_SETLEASE, F_WRLCK) == 0) {
    granted = 1;
    fcntl(fd, F_SETLEASE, F_UNLCK);
  }
  close(fd);
  return granted;
}
