/* Directory reading for the tree scan on Linux: getdents64 straight into a
 * reused buffer (see scandir.h).
 *
 * The end of a directory. getdents64 writes, as the last record's d_off,
 * the position the next call would start from. When a filesystem has
 * emitted everything, that is its end-of-directory position, and several
 * pick one that no entry can have: ext4 with hashed directories
 * (EXT4_HTREE_EOF_64BIT = INT64_MAX; the hash function is made never to
 * produce it), xfs (0x7fffffff), btrfs (INT32_MAX, or INT64_MAX past it),
 * tmpfs since Linux 6.14 (DIR_OFFSET_EOD = INT32_MAX). A call can also
 * stop early with room left in the buffer when a signal is pending, and
 * then d_off is the next entry's position, not the mark. So the end is
 * taken as reached only when both hold: room for one more record of the
 * longest name was left, and d_off is one of the two marks. Filesystems
 * that do not use them (ext2 without dir_index ends at i_size, FUSE and
 * network filesystems pass their server's offsets through) are not
 * trusted at all: the walk asks fsd_scandir_trusts_eof first. */
#define _GNU_SOURCE
#include "platform/posix/scandir.h"
#include "platform/linux/linux_fs.h"
#include "platform/posix/unix.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

/* Whether the last record of a getdents64 result carries an end mark. */
static int fsd__is_eof_mark(const char *buf, size_t end) {
  size_t pos = 0, last = 0;
  int64_t off;
  while (pos < end) {
    const fsd__dirent64_t *e = (const fsd__dirent64_t *)(const void *)(buf + pos);
    if (e->d_reclen == 0) return 0;
    last = pos;
    pos += e->d_reclen;
  }
  off = ((const fsd__dirent64_t *)(const void *)(buf + last))->d_off;
  return off == INT64_MAX || off == INT32_MAX;
}

int fsd_scandir_trusts_eof(uint64_t magic) {
  switch (magic) {
    case 0xEF53:     /* ext2/3/4: only hashed directories use the mark */
    case 0x58465342: /* xfs */
    case 0x9123683E: /* btrfs */
    case 0x01021994: /* tmpfs */
      return 1;
    default:
      return 0;
  }
}

int fsd_scandir_mounts_below(const char *root, char ***out, size_t *n) {
  char *buf = NULL, *line, *next, **list = NULL;
  size_t rl = strlen(root), count = 0, cap = 0;
  int err;
  *out = NULL;
  *n = 0;
  while (rl > 1 && root[rl - 1] == '/') rl--;
  if ((err = fsd__read_file("/proc/self/mountinfo", &buf, NULL)) != 0) return err;
  for (line = buf; line != NULL && *line; line = next) {
    char *f = line, *mp;
    int i;
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    /* "id parent major:minor root mount-point ...": the fifth field. */
    for (i = 0; i < 4 && f != NULL; i++) {
      f = strchr(f, ' ');
      if (f != NULL) f++;
    }
    if (f == NULL) continue;
    mp = f;
    f = strchr(mp, ' ');
    if (f != NULL) *f = '\0';
    fsd__unescape(mp);
    if (strncmp(mp, root, rl) != 0 || (rl > 1 && mp[rl] != '/') ||
        mp[rl == 1 ? 1 : rl + 1] == '\0')
      continue;
    if (count == cap) {
      char **grown = realloc(list, (cap ? cap * 2 : 8) * sizeof(*grown));
      if (grown == NULL) goto oom;
      list = grown;
      cap = cap ? cap * 2 : 8;
    }
    if ((list[count] = strdup(mp)) == NULL) goto oom;
    count++;
  }
  free(buf);
  *out = list;
  *n = count;
  return 0;
oom:
  while (count > 0) free(list[--count]);
  free(list);
  free(buf);
  return ENOMEM;
}

int fsd_scandir_open(fsd_scandir_t *d, int fd) {
  if (d->buf == NULL) {
    d->buf = malloc(FSD__SCANDIR_BUF);
    if (d->buf == NULL) return ENOMEM;
    d->cap = FSD__SCANDIR_BUF;
  }
  d->fd = fd;
  d->pos = d->end = 0;
  d->at_eof = 0;
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
    if (d->at_eof) return 0;
    long r = syscall(SYS_getdents64, d->fd, d->buf, d->cap);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -errno;
    }
    if (r == 0) return 0;
    d->pos = 0;
    d->end = (size_t)r;
    if (d->trust_eof && d->end + FSD__DIRENT_MAX <= d->cap)
      d->at_eof = fsd__is_eof_mark(d->buf, d->end);
  }
}

void fsd_scandir_close(fsd_scandir_t *d) {
  d->fd = -1;
}

/* Only the buffer: every directory was closed by the walk. */
void fsd_scandir_free(fsd_scandir_t *d) {
  free(d->buf);
  d->buf = NULL;
}
