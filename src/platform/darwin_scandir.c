/* Directory reading for the tree scan where there is no getdents64:
 * fdopendir + readdir (see scandir.h). */
#include "scandir.h"

#include <dirent.h>
#include <errno.h>
#include <unistd.h>

int fsd_scandir_open(fsd_scandir_t *d, int fd) {
  DIR *dir = fdopendir(fd);
  if (dir == NULL) {
    int err = errno;
    close(fd);
    return err;
  }
  d->fd = fd;
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
