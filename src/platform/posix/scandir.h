#ifndef FSD_PLATFORM_SCANDIR_H
#define FSD_PLATFORM_SCANDIR_H

/* Reading one directory for the tree scan (posix_scan.c). Linux reads with
 * getdents64 into a buffer that is kept from one directory to the next
 * (linux_scandir.c): no fdopendir, whose fstat and fcntl calls were 3 of
 * the 7 system calls spent per directory. Elsewhere readdir (darwin_scandir.c). */

#include <stddef.h>
#include <stdint.h>

typedef struct {
  int fd;
  void *dir;   /* DIR * where readdir is used */
  char *buf;   /* kept across directories; freed by fsd_scandir_free */
  size_t cap;
  size_t pos, end;
  int trust_eof; /* set by the caller per directory, see below */
  int at_eof;
} fsd_scandir_t;

/* Starts reading the directory open on fd, which stays the caller's (it is
 * not closed here). Returns 0 or a positive errno. */
int fsd_scandir_open(fsd_scandir_t *d, int fd);

/* Next entry other than "." and "..": 1 with *name and *type (a DT_*
 * value, DT_UNKNOWN when the filesystem does not say), 0 at the end, or a
 * negative errno. *name is valid until the next call. */
int fsd_scandir_next(fsd_scandir_t *d, const char **name,
                     unsigned char *type);

/* Ends reading (fd stays open); keeps the buffer for the next one. */
void fsd_scandir_close(fsd_scandir_t *d);
void fsd_scandir_free(fsd_scandir_t *d);

/* Reading a directory to its end takes one more getdents64 call that
 * returns nothing: a quarter of the system calls of a tree scan. Some
 * filesystems say in the last record that the directory is done (see
 * linux_scandir.c); with trust_eof set, the reader believes them and skips
 * that call. The walk sets it only for directories on such a filesystem:
 * fsd_scandir_trusts_eof(statfs magic of the root) and not at or below a
 * mount point under the root (fsd_scandir_mounts_below) nor through a
 * followed symlink. Elsewhere both answer "none". */
int fsd_scandir_trusts_eof(uint64_t magic);
/* Mount points strictly below root (a canonical path): a malloc'd array of
 * malloc'd strings, *n of them. Returns 0 or an errno. */
int fsd_scandir_mounts_below(const char *root, char ***out, size_t *n);

#endif
