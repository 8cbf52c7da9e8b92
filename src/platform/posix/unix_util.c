/* Small helpers shared by the Unix probes: file reading, path text, user
 * and group names. Everything is reentrant: probes run on the threadpool. */
#include "platform/posix/unix.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fsd__read_fileat(int dirfd, const char *path, char **out, size_t *len) {
  size_t cap = 4096, n = 0;
  char *buf, *grown;
  ssize_t r;
  int fd, err;
  *out = NULL;
  if (len) *len = 0;
  do
    fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  buf = malloc(cap);
  if (buf == NULL) {
    close(fd);
    return ENOMEM;
  }
  for (;;) {
    if (cap - n < 2) {
      /* procfs files have no size: grow until read() says the end. */
      if (cap > (size_t)64 << 20) break;
      grown = realloc(buf, cap * 2);
      if (grown == NULL) {
        free(buf);
        close(fd);
        return ENOMEM;
      }
      buf = grown;
      cap *= 2;
    }
    r = read(fd, buf + n, cap - n - 1);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      err = errno;
      free(buf);
      close(fd);
      return err;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  close(fd);
  buf[n] = '\0';
  *out = buf;
  if (len) *len = n;
  return 0;
}

int fsd__read_file(const char *path, char **out, size_t *len) {
  return fsd__read_fileat(AT_FDCWD, path, out, len);
}

int64_t fsd__read_int(const char *path) {
  char *buf = NULL, *end = NULL;
  long long v;
  if (fsd__read_file(path, &buf, NULL) != 0) return -1;
  errno = 0;
  v = strtoll(buf, &end, 10);
  if (end == buf || errno != 0 || v < 0) v = -1;
  free(buf);
  return (int64_t)v;
}

char *fsd__abspath(fsd_arena_t *a, const char *path) {
  size_t plen = strlen(path), cwdlen = 0, cap, n = 0;
  char *cwd = NULL, *out;
  const char *src[2];
  size_t srclen[2];
  int i;
  if (path[0] != '/') {
    cwd = getcwd(NULL, 0);
    if (cwd == NULL) return NULL;
    cwdlen = strlen(cwd);
  }
  cap = cwdlen + plen + 3;
  out = fsd_alloc(a, cap);
  if (out == NULL) {
    free(cwd);
    return NULL;
  }
  src[0] = cwd ? cwd : "";
  srclen[0] = cwdlen;
  src[1] = path;
  srclen[1] = plen;
  out[n++] = '/';
  for (i = 0; i < 2; i++) {
    const char *p = src[i], *end = src[i] + srclen[i];
    while (p < end) {
      const char *seg;
      size_t sl;
      while (p < end && *p == '/') p++;
      seg = p;
      while (p < end && *p != '/') p++;
      sl = (size_t)(p - seg);
      if (sl == 0 || (sl == 1 && seg[0] == '.')) continue;
      if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
        /* Drop the last element (stays at the root). */
        while (n > 1 && out[n - 1] != '/') n--;
        if (n > 1) n--;
        continue;
      }
      if (n > 1) out[n++] = '/';
      memcpy(out + n, seg, sl);
      n += sl;
    }
  }
  out[n] = '\0';
  free(cwd);
  return out;
}

char *fsd__dirname(fsd_arena_t *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL) return fsd_strdup(a, ".");
  if (slash == path) return fsd_strdup(a, "/");
  return fsd_strndup(a, path, (size_t)(slash - path));
}

/* getpwuid_r/getgrgid_r want a buffer; a few retries cover big groups. */
const char *fsd__user_name(fsd_arena_t *a, int64_t uid) {
  struct passwd pw, *res = NULL;
  size_t size = 1024;
  const char *name = NULL;
  char *buf;
  int rc;
  if (uid < 0) return NULL;
  for (;;) {
    buf = malloc(size);
    if (buf == NULL) return NULL;
    rc = getpwuid_r((uid_t)uid, &pw, buf, size, &res);
    if (rc == ERANGE && size < (1 << 20)) {
      free(buf);
      size *= 4;
      continue;
    }
    if (rc == 0 && res != NULL) name = fsd_strdup(a, res->pw_name);
    free(buf);
    return name;
  }
}

const char *fsd__group_name(fsd_arena_t *a, int64_t gid) {
  struct group gr, *res = NULL;
  size_t size = 4096;
  const char *name = NULL;
  char *buf;
  int rc;
  if (gid < 0) return NULL;
  for (;;) {
    buf = malloc(size);
    if (buf == NULL) return NULL;
    rc = getgrgid_r((gid_t)gid, &gr, buf, size, &res);
    if (rc == ERANGE && size < (1 << 22)) {
      free(buf);
      size *= 4;
      continue;
    }
    if (rc == 0 && res != NULL) name = fsd_strdup(a, res->gr_name);
    free(buf);
    return name;
  }
}

int fsd__thread_count(long requested, int auto_max, int max) {
  long n = requested;
  if (n <= 0) {
    n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n > auto_max) n = auto_max;
  }
  if (n < 1) n = 1;
  if (n > max) n = max;
  return (int)n;
}
