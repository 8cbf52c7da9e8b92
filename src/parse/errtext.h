#ifndef FSD_ERRTEXT_H
#define FSD_ERRTEXT_H

/* Finds filesystem errors in text: Node messages and inspected error
 * objects, npm logs (old "npm ERR!" and new "npm error" forms, debug log
 * files), pnpm, yarn classic and berry. Pure C, no Node; fuzzed. */

#include "fsd.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *code;     /* "EPERM"; never NULL in a result */
  int has_errno;
  int64_t errnum;       /* as written in the text (-4048, -1, 1, ...) */
  const char *syscall;  /* NULL when the text does not say */
  const char *path;
  const char *dest;
  const char *message;  /* the line the error was found on, trimmed */
  const char *platform; /* inferred from paths and errno: "win32", "linux",
                           "darwin", "wsl", or NULL */
  const char *source;   /* "node", "node-inspect", "npm", "npm-legacy",
                           "npm-debug-log", "pnpm", "yarn", "yarn-berry", "text" (none of
                           these forms: a bare code or the system's words) */
  size_t line;          /* 1-based line of the first evidence */
} fsd_parsed_err_t;

/* Parses len bytes of text (any bytes; NUL allowed). Returns 0 with *out and
 * *count set (count may be 0), or ENOMEM. */
int fsd_parse_errors(fsd_arena_t *a, const char *text, size_t len,
                     fsd_parsed_err_t **out, size_t *count);

fsd_val_t *fsd_parsed_val(fsd_arena_t *a, const fsd_parsed_err_t *errs,
                          size_t count);

/* Platform a path belongs to: "win32" for C:\ and UNC, "wsl" for /mnt/<d>/,
 * "darwin" for /Users/ and /private/, "linux" for other absolute POSIX
 * paths, NULL when unknown. */
const char *fsd_path_platform(const char *path);

/* The weakest sign, for when nothing else tells: a relative path whose
 * only separators are backslashes ("build\\out\\x.js", "\\Temp\\x") is
 * Windows'. NULL otherwise. */
const char *fsd_sep_platform(const char *path);

/* Platform the whole text gives away when its error's paths do not: drive
 * and WSL paths, npm's "os Windows_NT", /Users/ and /home/ anywhere in it
 * (the most telling wins; NULL on a tie or when nothing tells). */
const char *fsd_text_platform(const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif
