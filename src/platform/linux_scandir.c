/* Directory reading for the tree scan on Linux: getdents64 straight into a
 * reused buffer (see scandir.h). */
#define _GNU_SOURCE
#include "scandir.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FSD__SCANDIR_BUF 32768

/* The kernel's record, as getdents64(2) documents it. */
typedef struct {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
} fsd__dirent64_t;

int fsd_scandir_open(fsd_scandir_t *d, int fd) {
  if (d->buf == NULL) {
    d->buf = malloc(FSD__SCANDIR_BUF);
    if (d->buf == NULL) {
      close(fd);
      return ENOMEM;
    }
    d->cap = FSD__SCANDIR_BUF;
  }
  d->fd = fd;
  d->pos = d->end = 0;
  return 0;
}

int fsd_scandir_next(fsd_scandir_t *d, const char **name,
                     unsigned char *type) {
  for (;;) {
    while (d->pos < d->end) {
      fsd__dirent64_t *e = (fsd__dirent64_t *)(void *)(d->buf + d->pos);
      const char *n = e->d_name;
      d->pos += e->d_reclen;
      if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0')))
        continue;
      *name = n;
      *type = e->d_type;
      return 1;
    }
    long r = syscall(SYS_getdents64, d->fd, d->buf, d->cap);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -errno;
    }
    if (r == 0) return 0;
    d->pos = 0;
    d->end = (size_t)r;
  }
}

void fsd_scandir_close(fsd_scandir_t *d) {
  if (d->fd >= 0) close(d->fd);
  d->fd = -1;
}

/* Only the buffer: every directory was closed by the walk. */
void fsd_scandir_free(fsd_scandir_t *d) {
  free(d->buf);
  d->buf = NULL;
}
