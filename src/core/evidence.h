#ifndef FSD_EVIDENCE_H
#define FSD_EVIDENCE_H

/* What a diagnosis reads: the error's fields and what was measured about
 * them. Below the engine and the causes, which both read these. */

#include "fsd.h"
#include "platform.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *code; /* "EPERM" (required) */
  int has_errno;
  int64_t errnum;
  const char *syscall;
  const char *path;
  const char *dest;
  const char *message;
  const char *platform; /* where the error happened; NULL: this machine */
  /* The pasted text the error was parsed from (NULL for an error of this
   * process): rules read what else a log says (npm's cwd, a Vagrant share,
   * a watcher's wrapper) through fsd__said. */
  const char *text;
  size_t text_len;
} fsd_error_t;

/* What was measured; any pointer may be NULL (not measured). */
typedef struct {
  const fsd_fsinfo_t *fs;      /* filesystem of path */
  const fsd_fsinfo_t *dest_fs; /* filesystem of dest */
  const fsd_pathinfo_t *path;
  const fsd_pathinfo_t *dest;
  const fsd_linkinfo_t *link; /* of path */
  const fsd_linkinfo_t *dest_link;
  const fsd_holders_t *holders; /* of path (and dest) */
  const fsd_privileges_t *priv; /* with a live probe in the target dir */
  const fsd_limits_t *limits;
  const fsd_program_t *program; /* what a spawn of path met */
  int is_wsl; /* tri-state */
  const char *exec_path;
  const char *npm_cache;
  const char *npm_prefix;
  const char *npm_cache_from;  /* "env", "project", "user", "global",
                                  "default": where the setting comes from */
  const char *npm_prefix_from;
  const char *home; /* this user's home directory */
  const char *host;    /* this machine: "linux", "darwin", "win32" */
  int64_t win32_error; /* recovered Win32 code, < 0 unknown */
  const char *win32_error_name;
} fsd_evidence_t;

#ifdef __cplusplus
}
#endif

#endif
