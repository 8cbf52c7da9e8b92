#ifndef FSD_PLATFORM_LINUX_HOLDERS_H
#define FSD_PLATFORM_LINUX_HOLDERS_H

/* Private to holders() on Linux: linux_holders.c (entry point, threads,
 * merge, /proc/locks), linux_holders_proc.c (one process's exe, fds, cwd,
 * root and maps), linux_holders_lease.c (the write-lease fast path) and
 * linux_holders_util.c (pieces the others share). */

#include "platform/posix/unix.h"

#include <stddef.h>
#include <sys/types.h>

/* What is looked for. Set up before the workers start; read-only after. */
typedef struct {
  int is_dir;
  int is_reg;
  dev_t dev;
  ino_t ino;
  const char *canon; /* canonical path of the target */
  size_t canonlen;
  char maps_needle[64]; /* " maj:min ino " as /proc/PID/maps writes it */
  int procfd;           /* /proc, open */
  pid_t self;
} fsd__target_t;

typedef struct {
  dev_t dev;
  ino_t ino;
} fsd__inode_t;

#define FSD__HOLDERS_MAX_INODES 64

/* One worker's state: nothing in it is shared, so workers need no lock.
 * Its holders live in its own arena and are copied into the caller's
 * after the join. */
typedef struct {
  const fsd__target_t *t;
  fsd_arena_t *a;
  fsd_holders_t out; /* items, count, cap, scanned, uninspected */
  size_t *idx;       /* for each item, the index of its pid in the list */
  size_t cur;        /* index of the pid being scanned */
  fsd__inode_t inodes[FSD__HOLDERS_MAX_INODES]; /* of matched descriptors */
  size_t ninodes;
  int oom;
  int denied;    /* the last link could not be looked at */
  int gone;      /* the last link does not exist (ENOENT) */
  char *scratch; /* buffer for /proc/PID/maps: on the stack or heap */
  size_t scratch_size;
  char *heap; /* the heap one, kept across processes, freed at the end */
} fsd__hworker_t;

/* Scans one process (pidstr is its decimal pid) into the worker. */
void fsd__holders_scan_pid(fsd__hworker_t *w, pid_t pid, const char *pidstr);

/* Scans pids[from] to pids[to - 1], but not pids[skip]. */
void fsd__holders_scan_pids(fsd__hworker_t *w, const pid_t *pids, size_t from,
                            size_t to, size_t skip);

/* Appends a zeroed holder to out, growing it (and idx, when not NULL, with
 * cur) in the arena. NULL when the arena ran out. */
fsd_holder_t *fsd__holders_push(fsd_arena_t *a, fsd_holders_t *out,
                                size_t **idx, size_t cur);

/* A process's name (comm) and command line (NULs made spaces), in the
 * arena; left as they are when they cannot be read. */
void fsd__holders_names(fsd_arena_t *a, int procfd, pid_t pid,
                        const char **name, const char **cmdline);

/* A process's real user id (the first of status's "Uid:" line, readable
 * for every process), or -1 when it cannot be read (it has ended). */
int64_t fsd__holders_uid(int procfd, pid_t pid);

/* "1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF" -> "FLOCK WRITE", pid,
 * device and inode. Waiters ("1: -> FLOCK ...") do not hold the lock. */
int fsd__holders_parse_lock(const char *line, char *text, size_t size,
                            long *pid, dev_t *dev, unsigned long *ino);

/* 1 when a write lease on the regular file at path (st from stat) was
 * granted, which means no open file description of it exists anywhere: no
 * descriptor, no memory map, no running program. 0 when the lease could
 * not answer (someone has it open, not ours to lease, not a local
 * filesystem): then only a scan can tell. */
int fsd__holders_lease(const char *path, const struct stat *st);

#endif
