#ifndef FSD_DIAGNOSE_H
#define FSD_DIAGNOSE_H

/* The rule engine: error fields plus measured evidence in, ranked causes
 * out (the diagnosis contract in DESIGN.md). fsd_diagnose is pure: it reads
 * only its arguments, so it is fuzzed with made-up evidence. fsd_gather runs
 * the probes that the error calls for. */

#include "fsd.h"
#include "platform.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *code;     /* "EPERM" (required) */
  int has_errno;
  int64_t errnum;
  const char *syscall;
  const char *path;
  const char *dest;
  const char *message;
  const char *platform; /* where the error happened; NULL: this machine */
} fsd_error_t;

typedef struct {
  int live;             /* gather evidence on this machine */
  int scan_holders;     /* include the (slower) holder scan */
  const char *exec_path;   /* process.execPath, for wsl-mixed-node */
  const char *npm_cache;   /* npm's cache directory, when known */
  const char *npm_prefix;  /* npm's global prefix, when known */
  const char *cwd;
  fsd_holders_opts_t holders; /* how the holder scan looks */
} fsd_gather_opts_t;

/* What was measured; any pointer may be NULL (not measured). */
typedef struct {
  const fsd_fsinfo_t *fs;        /* filesystem of path */
  const fsd_fsinfo_t *dest_fs;   /* filesystem of dest */
  const fsd_pathinfo_t *path;
  const fsd_pathinfo_t *dest;
  const fsd_linkinfo_t *link;    /* of path */
  const fsd_linkinfo_t *dest_link;
  const fsd_holders_t *holders;  /* of path (and dest) */
  const fsd_privileges_t *priv;  /* with a live probe in the target dir */
  const fsd_limits_t *limits;
  int is_wsl;                    /* tri-state */
  const char *exec_path;
  const char *npm_cache;
  const char *npm_prefix;
  const char *host;              /* this machine: "linux", "darwin", "win32" */
  int64_t win32_error;           /* recovered Win32 code, < 0 unknown */
  const char *win32_error_name;
} fsd_evidence_t;

int fsd_gather(fsd_arena_t *a, const fsd_error_t *err,
               const fsd_gather_opts_t *opts, fsd_evidence_t *out);

/* The diagnosis object; live says whether ev came from this machine. */
fsd_val_t *fsd_diagnose(fsd_arena_t *a, const fsd_error_t *err,
                        const fsd_evidence_t *ev, int live);

/* The probes behind a live diagnosis: fsd_gather in the addon, none (NULL)
 * where nothing can be measured (the WebAssembly build). */
typedef int (*fsd_gather_fn)(fsd_arena_t *a, const fsd_error_t *err,
                             const fsd_gather_opts_t *opts,
                             fsd_evidence_t *out);

/* diagnose() from JavaScript, whole: req is the keyed request object
 *   { text | code, errno, syscall, path, dest, message,
 *     platform, live, holders, host, cwd, execPath, npmCache, npmPrefix }
 * (src/engine/request.c says what each means and its default). Text is
 * parsed here; whether the error is local and which platform it is from is
 * decided here; with gather the evidence is measured. host is this
 * machine's platform when the request does not name one. */
/* parseErrors(text): the errors found in text (a STR argument; anything
 * else gives none). */
int fsd_parse_request(fsd_arena_t *a, const fsd_arg_t *text, fsd_val_t **out,
                      fsd_fail_t *fail);

int fsd_diagnose_request(fsd_arena_t *a, const fsd_arg_t *req,
                         fsd_gather_fn gather, const char *host,
                         fsd_val_t **out, fsd_fail_t *fail);

#ifdef __cplusplus
}
#endif

#endif
