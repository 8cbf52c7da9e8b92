#ifndef FSD_BINDING_H
#define FSD_BINDING_H

/* Node-API helpers shared by the glue files (binding.c, binding_scan.c);
 * nothing below src/ includes this. */

#include <node_api.h>

#include "fsd.h"

/* Check a Node-API call; on failure throw its error text (once) and return
 * ret from the calling function. Survives NDEBUG. */
#define FSD_NAPI_CALL(env, call, ret)    \
  do {                                   \
    napi_status fsd_status_ = (call);    \
    if (fsd_status_ != napi_ok) {        \
      fsd_napi_throw_last((env), #call); \
      return ret;                        \
    }                                    \
  } while (0)

/* Throws the last Node-API error unless an exception is already pending. */
void fsd_napi_throw_last(napi_env env, const char *what);
/* A value tree as a JavaScript value; NULL with an exception pending. */
napi_value fsd_napi_val(napi_env env, const fsd_val_t *v, int depth);
/* A Node-style error: "ENOENT: no such file or directory, fsinfo '/x'". */
napi_value fsd_napi_fail(napi_env env, const fsd_fail_t *fail);

/* One JavaScript value as a typed fsd_arg_t (src/fsd.h), its strings
 * copied into a: strings and Buffers as STR, numbers, booleans, a plain
 * object one level deep as OBJ; undefined and null as NONE. Anything else
 * throws a TypeError and returns -1. */
int fsd_napi_arg(napi_env env, napi_value v, fsd_arena_t *a, fsd_arg_t *out);

#endif
