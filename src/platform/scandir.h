#ifndef FSD_PLATFORM_SCANDIR_H
#define FSD_PLATFORM_SCANDIR_H

/* Reading one directory for the tree scan (posix_scan.c). Linux reads with
 * getdents64 into a buffer that is kept from one directory to the next
 * (linux_scandir.c): no fdopendir, whose fstat and fcntl calls were 3 of
 * the 7 system calls spent per directory. Elsewhere readdir (darwin_scandir.c). */

#include <stddef.h>

typedef struct {
  int fd;
  void *dir;   /* DIR * where readdir is used */
  char *buf;   /* kept across directories; freed by fsd_scandir_free */
  size_t cap;
  size_t pos, end;
} fsd_scandir_t;

/* Starts reading the directory open on fd (which it then owns). Returns 0
 * or a positive errno (fd is closed then). */
int fsd_scandir_open(fsd_scandir_t *d, int fd);

/* Next entry other than "." and "..": 1 with *name and *type (a DT_*
 * value, DT_UNKNOWN when the filesystem does not say), 0 at the end, or a
 * negative errno. *name is valid until the next call. */
int fsd_scandir_next(fsd_scandir_t *d, const char **name,
                     unsigned char *type);

/* Closes the directory; keeps the buffer for the next one. */
void fsd_scandir_close(fsd_scandir_t *d);
void fsd_scandir_free(fsd_scandir_t *d);

#endif
