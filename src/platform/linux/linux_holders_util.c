/* holders() on Linux: the small pieces that both the per-process scan
 * (linux_holders_proc.c) and the /proc/locks pass (linux_holders.c) use. */
#define _GNU_SOURCE
#include "platform/linux/linux_holders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

void fsd__holders_names(fsd_arena_t *a, int procfd, pid_t pid,
                        const char **name, const char **cmdline) {
  char path[64], *buf = NULL;
  size_t len = 0, i;
  snprintf(path, sizeof(path), "%d/comm", (int)pid);
  if (fsd__read_fileat(procfd, path, &buf, &len) == 0) {
    while (len > 0 && buf[len - 1] == '\n') len--;
    *name = fsd_strndup(a, buf, len);
    free(buf);
  }
  snprintf(path, sizeof(path), "%d/cmdline", (int)pid);
  if (fsd__read_fileat(procfd, path, &buf, &len) == 0) {
    while (len > 0 && buf[len - 1] == '\0') len--;
    for (i = 0; i < len; i++)
      if (buf[i] == '\0') buf[i] = ' ';
    if (len > 0) *cmdline = fsd_strndup(a, buf, len);
    free(buf);
  }
}

int64_t fsd__holders_uid(int procfd, pid_t pid) {
  char path[64], *buf = NULL, *line;
  long long uid = -1;
  snprintf(path, sizeof(path), "%d/status", (int)pid);
  if (fsd__read_fileat(procfd, path, &buf, NULL) != 0) return -1;
  line = strstr(buf, "\nUid:");
  if (line == NULL || sscanf(line + 5, "%lld", &uid) != 1 || uid < 0) uid = -1;
  free(buf);
  return (int64_t)uid;
}

fsd_holder_t *fsd__holders_push(fsd_arena_t *a, fsd_holders_t *out,
                                size_t **idx, size_t cur) {
  fsd_holder_t *h;
  if (out->count == out->cap) {
    size_t cap = out->cap ? out->cap * 2 : 16;
    fsd_holder_t *items = fsd_alloc(a, cap * sizeof(*items));
    size_t *grown = idx != NULL ? fsd_alloc(a, cap * sizeof(*grown)) : NULL;
    if (items == NULL || (idx != NULL && grown == NULL)) return NULL;
    if (out->count) memcpy(items, out->items, out->count * sizeof(*items));
    if (out->count && idx != NULL)
      memcpy(grown, *idx, out->count * sizeof(*grown));
    out->items = items;
    out->cap = cap;
    if (idx != NULL) *idx = grown;
  }
  if (idx != NULL) (*idx)[out->count] = cur;
  h = &out->items[out->count++];
  memset(h, 0, sizeof(*h));
  return h;
}

int fsd__holders_parse_lock(const char *line, char *text, size_t size,
                            long *pid, dev_t *dev, unsigned long *ino) {
  char type[16], adv[16], rw[16];
  unsigned maj, min;
  const char *p = strchr(line, ':');
  if (p == NULL) return 0;
  p++;
  while (*p == ' ' || *p == '\t') p++;
  if (strncmp(p, "->", 2) == 0) return 0;
  if (sscanf(p, "%15s %15s %15s %ld %x:%x:%lu", type, adv, rw, pid, &maj, &min,
             ino) != 7)
    return 0;
  *dev = makedev(maj, min);
  snprintf(text, size, "%s %s", type, rw);
  return 1;
}
