/* The WebAssembly face of the pure core: what lib/wasm.js calls when the
 * addon cannot load. It mirrors src/napi/ without Node-API: JavaScript
 * writes the members of one keyed request into the module's memory, calls
 * an operation by name and reads back JSON. Nothing here decides anything:
 * the operations are the core's own (src/engine/request.c), so a text-only
 * answer is byte for byte the addon's. */

#include "engine/diagnose.h"
#include "engine/engine.h"
#include "fsd.h"

#include <stdlib.h>
#include <string.h>

#define FSD_WASM_EXPORT(name) __attribute__((export_name(#name)))
#define FSD_WASM_MAX_MEMBERS 64

typedef struct {
  int32_t status; /* 0: json is the result; 1: json is an error */
  const char *json;
  uint32_t len;
} fsd_wasm_result_t;

static fsd_arena_t *fsd__wasm_arena; /* the request and its answer */
static fsd_arg_t fsd__wasm_members[FSD_WASM_MAX_MEMBERS];
static size_t fsd__wasm_nmembers;
static fsd_wasm_result_t fsd__wasm_result;

FSD_WASM_EXPORT(fsd_wasm_alloc) void *fsd_wasm_alloc(size_t n) {
  return malloc(n ? n : 1);
}

FSD_WASM_EXPORT(fsd_wasm_free) void fsd_wasm_free(void *p) {
  free(p);
}

/* Starts a request; the previous answer is freed. Returns 0, or -1 out of
 * memory. */
FSD_WASM_EXPORT(fsd_wasm_begin) int fsd_wasm_begin(void) {
  fsd_arena_free(fsd__wasm_arena);
  fsd__wasm_arena = fsd_arena_new();
  fsd__wasm_nmembers = 0;
  memset(&fsd__wasm_result, 0, sizeof(fsd__wasm_result));
  return fsd__wasm_arena ? 0 : -1;
}

static fsd_arg_t *fsd__wasm_member(const char *key, size_t klen) {
  fsd_arg_t *m;
  if (fsd__wasm_arena == NULL || fsd__wasm_nmembers == FSD_WASM_MAX_MEMBERS)
    return NULL;
  m = &fsd__wasm_members[fsd__wasm_nmembers];
  memset(m, 0, sizeof(*m));
  m->key = fsd_strndup(fsd__wasm_arena, key, klen);
  if (m->key == NULL) return NULL;
  fsd__wasm_nmembers++;
  return m;
}

/* A string (UTF-8, or a Buffer's bytes) member; the bytes are copied. */
FSD_WASM_EXPORT(fsd_wasm_str)
int fsd_wasm_str(const char *key, size_t klen, const char *s, size_t len) {
  fsd_arg_t *m = fsd__wasm_member(key, klen);
  char *copy;
  if (m == NULL) return -1;
  copy = fsd_alloc(fsd__wasm_arena, len + 1);
  if (copy == NULL) return -1;
  if (len > 0) memcpy(copy, s, len);
  m->type = FSD_ARG_STR;
  m->s = copy;
  m->len = len;
  return 0;
}

FSD_WASM_EXPORT(fsd_wasm_num)
int fsd_wasm_num(const char *key, size_t klen, double n) {
  fsd_arg_t *m = fsd__wasm_member(key, klen);
  if (m == NULL) return -1;
  m->type = FSD_ARG_NUM;
  m->n = n;
  return 0;
}

FSD_WASM_EXPORT(fsd_wasm_bool)
int fsd_wasm_bool(const char *key, size_t klen, int b) {
  fsd_arg_t *m = fsd__wasm_member(key, klen);
  if (m == NULL) return -1;
  m->type = FSD_ARG_BOOL;
  m->b = b != 0;
  return 0;
}

static const fsd_arg_t *fsd__wasm_find(const fsd_arg_t *obj, const char *key) {
  size_t i;
  for (i = 0; i < obj->len; i++)
    if (strcmp(obj->kids[i].key, key) == 0) return &obj->kids[i];
  return NULL;
}

static void fsd__wasm_fail(const fsd_fail_t *fail) {
  fsd_arena_t *a = fsd__wasm_arena;
  fsd_val_t *e = fsd_obj(a);
  const char *name = fsd_errname(fail->err);
  fsd_set_str(a, e, "code", name ? name : "UNKNOWN");
  fsd_set_str(a, e, "syscall", fail->syscall ? fail->syscall : "fsdoctor");
  fsd_set_str(a, e, "message", fail->message);
  fsd__wasm_result.status = 1;
  fsd__wasm_result.json = fsd_to_json(a, e);
}

/* Runs op ("diagnose", "fixes" and "quote" with the members as their
 * request, "parseErrors" with the member "text") and returns where the
 * answer's JSON is. */
FSD_WASM_EXPORT(fsd_wasm_call)
const fsd_wasm_result_t *fsd_wasm_call(const char *op, size_t oplen) {
  fsd_arena_t *a = fsd__wasm_arena;
  fsd_arg_t req;
  fsd_fail_t fail;
  fsd_val_t *out = NULL;
  int rc = -1;
  if (a == NULL) return NULL;
  memset(&req, 0, sizeof(req));
  memset(&fail, 0, sizeof(fail));
  req.type = FSD_ARG_OBJ;
  req.kids = fsd__wasm_members;
  req.len = fsd__wasm_nmembers;
  if (oplen == 8 && memcmp(op, "diagnose", 8) == 0)
    rc = fsd_diagnose_request(a, &req, NULL, NULL, &out, &fail);
  else if (oplen == 5 && memcmp(op, "fixes", 5) == 0)
    rc = fsd_fixes_request(a, &req, &out, &fail);
  else if (oplen == 5 && memcmp(op, "quote", 5) == 0)
    rc = fsd_quote_request(a, &req, &out, &fail);
  else if (oplen == 11 && memcmp(op, "parseErrors", 11) == 0)
    rc = fsd_parse_request(a, fsd__wasm_find(&req, "text"), &out, &fail);
  else {
    fail.err = 22; /* EINVAL */
    fail.syscall = "call";
    fail.message = "no such operation";
  }
  if (rc == 0) {
    fsd__wasm_result.status = 0;
    fsd__wasm_result.json = fsd_to_json(a, out);
  } else {
    fsd__wasm_fail(&fail);
  }
  if (fsd__wasm_result.json == NULL) return NULL;
  fsd__wasm_result.len = (uint32_t)strlen(fsd__wasm_result.json);
  return &fsd__wasm_result;
}
