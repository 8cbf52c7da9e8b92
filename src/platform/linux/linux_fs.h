#ifndef FSD_PLATFORM_LINUX_FS_H
#define FSD_PLATFORM_LINUX_FS_H

/* The mount table on Linux, shared by fsInfo and the holder scan. */

#include "platform.h"

/* The longest getdents64 record: header, 255-byte name, NUL, padding to 8.
 * A read that leaves this much room unused reached the end of the
 * directory. */
#define FSD__DIRENT_MAX 280

#include <sys/types.h>

typedef struct {
  int found;
  const char *mount_point;   /* octal escapes decoded */
  const char *mount_options; /* per-mount options */
  const char *fstype;        /* "ext4", "fuse.sshfs", ... */
  const char *source;
  const char *super_options;
  const char *devno;         /* "major:minor" as mountinfo writes it */
} fsd__mount_t;

/* The mount that holds canon (a canonical path on device dev). Returns 0
 * (out->found says whether one matched) or errno. */
int fsd__mount_lookup(fsd_arena_t *a, const char *canon, dev_t dev,
                      fsd__mount_t *out);

/* Decodes mountinfo's \ooo escapes in place. */
void fsd__unescape(char *s);

/* Points just past opt in a comma-separated option list ("" or "=value"),
 * or NULL when the option is absent. */
const char *fsd__has_option(const char *opts, const char *opt);

#endif
