/* Directory reading for the tree scan where there is no getdents64:
 * fdopendir + readdir (see scandir.h). */
#include "platform/posix/scandir.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

int fsd_scandir_open(fsd_scandir_t *d, int fd) {
  /* fdopendir takes the descriptor, which the walk keeps for openat of
   * subdirectories: it gets a duplicate (closedir closes that one). */
  int dup_fd = dup(fd);
  DIR *dir = dup_fd < 0 ? NULL : fdopendir(dup_fd);
  if (dir == NULL) {
    int err = errno;
    if (dup_fd >= 0) close(dup_fd);
    return err;
  }
  d->fd = dup_fd;
  d->dir = dir;
  return 0;
}

int fsd_scandir_next(fsd_scandir_t *d, const char **name,
                     unsigned char *type) {
  struct dirent *e;
  for (;;) {
    errno = 0;
    e = readdir((DIR *)d->dir);
    if (e == NULL) return errno != 0 ? -errno : 0;
    if (e->d_name[0] == '.' &&
        (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
      continue;
    *name = e->d_name;
    *type = e->d_type;
    return 1;
  }
}

void fsd_scandir_close(fsd_scandir_t *d) {
  if (d->dir != NULL) closedir((DIR *)d->dir);
  d->dir = NULL;
  d->fd = -1;
}

void fsd_scandir_free(fsd_scandir_t *d) {
  (void)d;
}

int fsd_scandir_trusts_eof(uint64_t magic) {
  (void)magic;
  return 0;
}

int fsd_scandir_mounts_below(const char *root, char ***out, size_t *n) {
  (void)root;
  *out = NULL;
  *n = 0;
  return 0;
}
