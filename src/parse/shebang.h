#ifndef FSD_PARSE_SHEBANG_H
#define FSD_PARSE_SHEBANG_H

/* The "#!" line a script starts with, read the way Linux's binfmt_script
 * and macOS read it: after "#!" and blanks, the interpreter is the first
 * word; the rest of the line, trimmed of blanks at both ends, is one
 * argument. A carriage return is no blank to the kernel: a script saved with
 * Windows line endings names "/bin/sh\r", which does not exist, and the
 * carriage return stays in whichever word it ends. Pure: the live probe
 * (fsd_program) reads the file. */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *interp; /* into buf; not terminated */
  size_t interp_len;  /* with a carriage return that ends it */
  const char *arg;    /* the argument, or NULL */
  size_t arg_len;     /* with a carriage return that ends the line */
  int cr;             /* the line ends with a carriage return */
  /* For "#!/usr/bin/env [-S] [-i] [NAME=value ...] prog": the program env
   * looks up on PATH (NULL for another interpreter or none named). */
  const char *env_prog;
  size_t env_prog_len;
} fsd_shebang_t;

/* 1 when buf (the first n bytes of a file) starts with "#!" and names an
 * interpreter; 0 otherwise (out then says nothing). */
int fsd_shebang(const char *buf, size_t n, fsd_shebang_t *out);

#ifdef __cplusplus
}
#endif

#endif
