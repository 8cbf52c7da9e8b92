#ifndef FSD_DIAGNOSE_H
#define FSD_DIAGNOSE_H

/* The rule engine: error fields plus measured evidence in, ranked causes
 * out (the diagnosis contract in DESIGN.md). fsd_diagnose is pure: it reads
 * only its arguments, so it is fuzzed with made-up evidence. fsd_gather runs
 * the probes that the error calls for. */

#include "core/evidence.h"
#include "fsd.h"
#include "platform.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int live;             /* gather evidence on this machine */
  int scan_holders;     /* include the (slower) holder scan */
  const char *exec_path;   /* process.execPath, for wsl-mixed-node */
  const char *npm_cache;   /* npm's cache directory, when known */
  const char *npm_prefix;  /* npm's global prefix, when known */
  const char *cwd;
  const char *env_path;    /* PATH, for the program a spawn looked up */
  const char *env_pathext; /* Windows' PATHEXT */
  fsd_holders_opts_t holders; /* how the holder scan looks */
} fsd_gather_opts_t;

int fsd_gather(fsd_arena_t *a, const fsd_error_t *err,
               const fsd_gather_opts_t *opts, fsd_evidence_t *out);

/* Where an error happened, and whether it is measured here: the one
 * decision (src/engine/where.c). live < 0 decides it from want_live and
 * the paths; 0 or 1 is a decision already made, and only the platform is
 * worked out. */
typedef struct {
  const char *host;     /* this machine: "linux", "darwin", "win32" */
  int is_wsl;           /* this machine is WSL (tri-state) */
  int from_text;        /* the error was parsed from pasted text */
  int want_live;        /* options.live: < 0 not given */
  int can_measure;      /* probes exist here (the addon, not wasm) */
  const char *platform; /* options.platform; NULL when not given */
  int live;             /* < 0: decide; else decided */
} fsd_where_in_t;

typedef struct {
  int live;             /* measure on this machine */
  const char *platform; /* "linux", "darwin", "win32" or "wsl" */
} fsd_where_t;

void fsd_where(const fsd_error_t *err, const fsd_where_in_t *in,
               fsd_where_t *out);

/* The diagnosis object; live says whether ev came from this machine. */
fsd_val_t *fsd_diagnose(fsd_arena_t *a, const fsd_error_t *err,
                        const fsd_evidence_t *ev, int live);

/* The probes behind a live diagnosis: fsd_gather in the addon, none (NULL)
 * where nothing can be measured (the WebAssembly build). */
typedef int (*fsd_gather_fn)(fsd_arena_t *a, const fsd_error_t *err,
                             const fsd_gather_opts_t *opts,
                             fsd_evidence_t *out);

/* parseErrors(text): the errors found in text (a STR argument; anything
 * else gives none). */
int fsd_parse_request(fsd_arena_t *a, const fsd_arg_t *text, fsd_val_t **out,
                      fsd_fail_t *fail);

/* diagnose() from JavaScript, whole: req is the keyed request object
 *   { text | code, errno, syscall, path, dest, message, platform, live,
 *     holders, holderThreads, holderLease, host, cwd, execPath, npmCache,
 *     npmPrefix }
 * (src/engine/request.c says what each means and its default). Text is
 * parsed here; fsd_where decides whether the error is measured here and
 * which platform it is from; with gather the evidence is measured. host is
 * this machine's platform when the request does not name one. */

int fsd_diagnose_request(fsd_arena_t *a, const fsd_arg_t *req,
                         fsd_gather_fn gather, const char *host,
                         fsd_val_t **out, fsd_fail_t *fail);

#ifdef __cplusplus
}
#endif

#endif
