#ifndef FSD_SCAN_H
#define FSD_SCAN_H

/* The tree scan behind `fsdoctor check` and scan(): one depth-first walk of
 * a directory that reports what makes installs fail later: broken symlinks,
 * symlink cycles, links that leave the project, inodes close to the link
 * maximum, and paths too long for Windows. Pure C, no Node: the walk is in
 * src/platform/posix_scan.c (openat/fdopendir/fstatat) or win32_scan.c, the
 * bookkeeping shared by both is in src/scan.c. */

#include "fsd.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a progress callback sees; path is valid during the call only. */
typedef struct {
  uint64_t entries;
  uint64_t dirs;
  uint64_t findings;
  const char *path; /* the directory being read */
} fsd_scan_progress_t;

#define FSD_SCAN_OWNER_ROOT (-2)

typedef void (*fsd_scan_progress_fn)(void *ctx, const fsd_scan_progress_t *p);

typedef struct {
  int follow_symlinks;   /* descend into symlinked directories */
  int check_outside;     /* report links whose target is outside dir */
  /* Report files with nlink >= link_threshold. 0 (the default) turns the
   * check off, and with it the stat of every file it costs; < 0 means 90%
   * of the filesystem's link maximum, or off where that is unknown. */
  int64_t link_threshold;
  int64_t long_path;     /* report paths longer than this (UTF-16 units) */
  uint64_t max_results;  /* findings kept; counting goes on past it */
  int max_depth;         /* directories deeper than this are not entered */
  /* Threads reading directories at once: 0 (the default) is one per CPU,
   * at most 4; 1 walks on the calling thread alone. */
  int threads;
  /* Report entries not owned by this uid (root-owned files after `sudo npm
   * install`): < 0 off, FSD_SCAN_OWNER_ROOT: the owner of dir itself. Only
   * the topmost such entry of a subtree is reported. */
  int64_t owner;
  /* Set to non-zero from another thread to stop the walk soon. */
  const int32_t *cancel;
  fsd_scan_progress_fn progress;
  void *progress_ctx;
  int64_t progress_ms;   /* least time between progress calls */
} fsd_scan_opts_t;

/* Defaults for every field (no progress, no cancel). */
void fsd_scan_opts_init(fsd_scan_opts_t *opts);

/* The keyed options object as it crosses from JavaScript (lib/scan.js
 * builds it), decoded with fsd_decode on top of fsd_scan_opts_init's
 * defaults: a member that is absent (or NaN) keeps the default. Members,
 * each of one type:
 *   followSymlinks, outside                 boolean
 *   linkThreshold                           number >= 0 (0: off)
 *   linkThresholdOn                         boolean: true 90% of the
 *                                           filesystem's maximum, false off
 *   longPath                                number >= 0 (0: off)
 *   longPathOn                              boolean: false off
 *   maxResults                              number >= 0
 *   maxDepth                                number >= 1 (a million or
 *                                           more: no limit)
 *   threads                                 number 1 to 64
 *   owner                                   number: a uid
 *   ownerOn                                 boolean: true the owner of
 *                                           dir, false off
 *   progressInterval                        number >= 0 (ms)
 * An option JavaScript takes as a number or a boolean is two members, so
 * that each keeps its type; a false *On turns the check off whatever the
 * number says. Numbers must be whole. Returns 0, or -1 with *fail set
 * (EINVAL: "options.threads must be an integer from 1 to 64"). progress,
 * progress_ctx and cancel are left as fsd_scan_opts_init sets them. */
int fsd_scan_opts_decode(fsd_arena_t *a, const fsd_arg_t *obj,
                         fsd_scan_opts_t *opts, fsd_fail_t *fail);

/* The members above (key and type; where they land is private), for glue
 * that reads them one by one. NULL-terminated. */
extern const fsd_field_t fsd_scan_fields[];

/* Finding kinds, in the order of fsd_scan_t.counts. */
typedef enum {
  FSD_SCAN_BROKEN = 0, /* "broken-symlink": the target does not exist */
  FSD_SCAN_LOOP,       /* "symlink-loop": ELOOP, or a link to an ancestor */
  FSD_SCAN_OUTSIDE,    /* "outside-link": resolves outside the scanned dir */
  FSD_SCAN_NLINK,      /* "link-count": nlink >= threshold */
  FSD_SCAN_LONG,       /* "long-path": longer than opts.long_path */
  FSD_SCAN_UNREADABLE, /* "unreadable": a directory that could not be read */
  FSD_SCAN_DEEP,       /* "too-deep": not entered (max_depth) */
  FSD_SCAN_OWNER,      /* "foreign-owner": owned by another user */
  FSD_SCAN_KINDS
} fsd_scan_kind_t;

const char *fsd_scan_kind_name(fsd_scan_kind_t kind);

/* The state of one scan: counters and the findings as a value array. */
typedef struct {
  fsd_arena_t *a;
  const fsd_scan_opts_t *opts;
  const char *root;      /* as given, absolute */
  const char *real_root; /* realpath of root, or NULL */
  fsd_val_t *findings;
  uint64_t kept;
  /* Past max_results: with sorted_cap set, the max_results smallest
   * findings in the order of the result (path, kind, ...) are kept, in a
   * max-heap (arena memory), so the cut does not depend on which thread
   * met what first; without it, the first ones met are kept. */
  int sorted_cap;
  fsd_val_t **heap;
  uint64_t counts[FSD_SCAN_KINDS];
  uint64_t entries, dirs, files, symlinks, others;
  int truncated;
  int cancelled;
  int64_t link_max;       /* of the root's filesystem, < 0 unknown */
  int64_t link_threshold; /* the one in effect, 0 off */
  int64_t owner;          /* the uid expected, < 0 off */
  int64_t started_ms;
  int64_t last_progress_ms;
} fsd_scan_t;

/* One finding. Any of target, resolved, error may be NULL; nlink and
 * link_max < 0 mean not applicable. Returns 0, or ENOMEM. */
typedef struct {
  fsd_scan_kind_t kind;
  const char *path;
  size_t path_len;
  const char *target;
  const char *resolved;
  const char *error; /* the errno name ("EACCES") */
  /* Windows: the raw error the errno was translated from, and its name
   * (0 and NULL elsewhere: there error names the raw errno itself). */
  int64_t win32_error;
  const char *win32_error_name;
  int ancestor; /* symlink-loop through an ancestor directory */
  int64_t nlink;
  int64_t link_max;
  int64_t uid; /* < 0: not applicable */
} fsd_scan_finding_t;

int fsd_scan_add(fsd_scan_t *s, const fsd_scan_finding_t *f);

/* Length of a UTF-8 path in UTF-16 code units (what Windows' MAX_PATH
 * counts). Invalid bytes count as one unit each. */
int64_t fsd_utf16_len(const char *s, size_t n);

/* Whether path (n bytes) is root or below it (purely textual). */
int fsd_path_under(const char *path, size_t n, const char *root);

/* Resolves "." and ".." and repeated slashes of an absolute POSIX path in
 * place; returns the new length. */
size_t fsd_path_normalize(char *p, size_t n);

/* Calls the progress callback when progress_ms has passed; returns non-zero
 * when the scan was cancelled. now_ms is a monotonic clock. */
int fsd_scan_tick(fsd_scan_t *s, const char *dir, int64_t now_ms);

/* The result object (see index.d.ts ScanResult). */
fsd_val_t *fsd_scan_val(fsd_scan_t *s, int64_t now_ms);

/* Walks dir (absolute). Returns 0 with *out set, or -1 with *fail filled
 * when the directory itself cannot be read; everything below it that fails
 * is a finding instead. Implemented per platform. */
int fsd_scan(fsd_arena_t *a, const char *dir, const fsd_scan_opts_t *opts,
             fsd_val_t **out, fsd_fail_t *fail);

#ifdef __cplusplus
}
#endif

#endif
