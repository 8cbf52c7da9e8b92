#ifndef FSD_TEST_ARGS_H
#define FSD_TEST_ARGS_H

/* Typed arguments as the glue (src/napi/, src/wasm/) decodes them from
 * JavaScript, for the C tests and the leak loop: a key makes a member of an
 * OBJ, NULL a positional argument. */

#include <string.h>

#include "fsd.h"

static inline fsd_arg_t str_arg(const char *key, const char *s) {
  fsd_arg_t x;
  memset(&x, 0, sizeof(x));
  x.type = FSD_ARG_STR;
  x.key = key;
  x.s = s;
  x.len = strlen(s);
  return x;
}

static inline fsd_arg_t num_arg(const char *key, double n) {
  fsd_arg_t x;
  memset(&x, 0, sizeof(x));
  x.type = FSD_ARG_NUM;
  x.key = key;
  x.n = n;
  return x;
}

static inline fsd_arg_t bool_arg(const char *key, int b) {
  fsd_arg_t x;
  memset(&x, 0, sizeof(x));
  x.type = FSD_ARG_BOOL;
  x.key = key;
  x.b = b;
  return x;
}

static inline fsd_arg_t obj_arg(const fsd_arg_t *kids, size_t n) {
  fsd_arg_t x;
  memset(&x, 0, sizeof(x));
  x.type = FSD_ARG_OBJ;
  x.kids = kids;
  x.len = n;
  return x;
}

#endif
