#ifndef FSD_PLATFORM_UNIX_H
#define FSD_PLATFORM_UNIX_H

/* Internal helpers shared by the Unix probes (posix.c, linux*.c,
 * darwin*.c). Each OS file provides the fsd__os_* hooks. */

#include "platform.h"

#include <sys/stat.h>
#include <sys/types.h>

/* Capability numbers the access rules need (same on every Linux). */
#define FSD__CAP_CHOWN 0
#define FSD__CAP_DAC_OVERRIDE 1
#define FSD__CAP_DAC_READ_SEARCH 2
#define FSD__CAP_FOWNER 3

/* Effective capabilities as a bit mask (bit n = capability n). Where the
 * OS has none, root gets every bit and others none. Returns 0 or errno. */
int fsd__os_cap_mask(uint64_t *mask);

/* Names of the capabilities in mask, in the arena. */
int fsd__os_cap_names(fsd_arena_t *a, uint64_t mask, const char ***names,
                      size_t *n);

/* lstat (follow = 0) or stat (follow = 1), plus the immutable and
 * append-only flags as tri-states. Returns 0 or errno. */
int fsd__os_stat(const char *path, int follow, struct stat *st,
                 int *immutable, int *append_only);

/* Whether path itself (not a symlink's target) carries an access ACL, which
 * can grant what the mode bits deny: 1 yes, 0 no or unknown. */
int fsd__os_has_acl(const char *path);

/* Reads a small file (procfs, sysfs) into a malloc'd NUL-terminated buffer.
 * Returns 0 or errno; the caller frees *out. */
int fsd__read_file(const char *path, char **out, size_t *len);
int fsd__read_fileat(int dirfd, const char *path, char **out, size_t *len);

/* Parses a decimal integer file such as /proc/sys/fs/file-max; -1 when it
 * cannot be read. */
int64_t fsd__read_int(const char *path);

/* Lexically absolute, normalised path: "." and ".." and repeated slashes
 * removed, relative paths put under the working directory. */
char *fsd__abspath(fsd_arena_t *a, const char *path);

/* The parent of an absolute normalised path ("/" for "/x"), in the arena. */
char *fsd__dirname(fsd_arena_t *a, const char *path);

/* Threads for a walk shared out between threads (tree scan, /proc scan):
 * requested, or with 0 or less one per online CPU up to auto_max; always
 * within 1..max. */
int fsd__thread_count(long requested, int auto_max, int max);

/* User and group names, NULL when unknown (reentrant lookups). */
const char *fsd__user_name(fsd_arena_t *a, int64_t uid);
const char *fsd__group_name(fsd_arena_t *a, int64_t gid);

#endif
