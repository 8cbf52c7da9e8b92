/* The Node-API glue (with binding_scan.c, sharing binding.h). It exports every operation of
 * fsd_ops twice, as name(...) -> Promise (threadpool) and nameSync(...), and
 * turns value trees and failures into JavaScript values and Node-style
 * errors. Argument validation happens in lib/; here wrong types are still
 * refused with a TypeError rather than trusted. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "napi/binding.h"

#define FSD_NAPI_MAX_ARGS 16

void fsd_napi_throw_last(napi_env env, const char *what) {
  const napi_extended_error_info *info = NULL;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return;
  napi_get_last_error_info(env, &info);
  napi_throw_error(env, NULL,
                   info != NULL && info->error_message != NULL
                       ? info->error_message
                       : what);
}

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  const fsd_op_t *op;
  fsd_arg_t args[FSD_NAPI_MAX_ARGS];
  fsd_arena_t *arena; /* the arguments' copies, the work and its result */
  fsd_val_t *out;
  fsd_fail_t fail;
  int rc;
} fsd_napi_req_t;

static void fsd_napi_req_free(fsd_napi_req_t *req) {
  if (req == NULL) return;
  fsd_arena_free(req->arena);
  free(req);
}

static int fsd_napi_oom(napi_env env) {
  napi_throw_error(env, "ERR_MEMORY_ALLOCATION_FAILED", "out of memory");
  return -1;
}

/* A string or the bytes of a Buffer or Uint8Array, copied into the arena. */
static int fsd_napi_copy_str(napi_env env, napi_value v, napi_valuetype t,
                             fsd_arena_t *a, fsd_arg_t *out, bool *is_bytes) {
  size_t len = 0;
  char *p;
  *is_bytes = false;
  if (t == napi_string) {
    FSD_NAPI_CALL(env, napi_get_value_string_utf8(env, v, NULL, 0, &len), -1);
    p = fsd_alloc(a, len + 1);
    if (p == NULL) return fsd_napi_oom(env);
    FSD_NAPI_CALL(env, napi_get_value_string_utf8(env, v, p, len + 1, &len),
                  -1);
  } else {
    void *data = NULL;
    bool is_buf = false, is_ta = false;
    FSD_NAPI_CALL(env, napi_is_buffer(env, v, &is_buf), -1);
    if (!is_buf) FSD_NAPI_CALL(env, napi_is_typedarray(env, v, &is_ta), -1);
    if (!is_buf && !is_ta) return 0;
    if (is_buf) {
      FSD_NAPI_CALL(env, napi_get_buffer_info(env, v, &data, &len), -1);
    } else {
      napi_typedarray_type tt;
      FSD_NAPI_CALL(env, napi_get_typedarray_info(env, v, &tt, &len, &data,
                                                  NULL, NULL), -1);
      if (tt != napi_uint8_array) return 0;
    }
    p = fsd_alloc(a, len + 1);
    if (p == NULL) return fsd_napi_oom(env);
    if (len > 0) memcpy(p, data, len);
    p[len] = '\0';
  }
  *is_bytes = true;
  out->type = FSD_ARG_STR;
  out->s = p;
  out->len = len;
  return 0;
}

/* One value with its JavaScript type kept (fsd_arg_t in src/fsd.h). An
 * object is decoded one level deep: its own enumerable string keys. */
static int fsd_napi_decode(napi_env env, napi_value v, fsd_arena_t *a,
                           fsd_arg_t *out, int depth) {
  napi_valuetype t;
  bool bytes = false;
  memset(out, 0, sizeof(*out));
  FSD_NAPI_CALL(env, napi_typeof(env, v, &t), -1);
  switch (t) {
    case napi_undefined:
    case napi_null:
      return 0;
    case napi_number:
      out->type = FSD_ARG_NUM;
      FSD_NAPI_CALL(env, napi_get_value_double(env, v, &out->n), -1);
      return 0;
    case napi_boolean: {
      bool b = false;
      FSD_NAPI_CALL(env, napi_get_value_bool(env, v, &b), -1);
      out->type = FSD_ARG_BOOL;
      out->b = b;
      return 0;
    }
    case napi_string:
      return fsd_napi_copy_str(env, v, t, a, out, &bytes);
    case napi_object: {
      napi_value keys;
      uint32_t n = 0, i;
      fsd_arg_t *kids;
      if (fsd_napi_copy_str(env, v, t, a, out, &bytes) != 0) return -1;
      if (bytes) return 0;
      if (depth > 0) break;
      FSD_NAPI_CALL(env,
                    napi_get_all_property_names(
                        env, v, napi_key_own_only,
                        napi_key_enumerable | napi_key_skip_symbols,
                        napi_key_numbers_to_strings, &keys),
                    -1);
      FSD_NAPI_CALL(env, napi_get_array_length(env, keys, &n), -1);
      if (n > 64) break;
      kids = fsd_alloc(a, sizeof(*kids) * (n ? n : 1));
      if (kids == NULL) return fsd_napi_oom(env);
      for (i = 0; i < n; i++) {
        napi_value key, val;
        fsd_arg_t k;
        FSD_NAPI_CALL(env, napi_get_element(env, keys, i, &key), -1);
        FSD_NAPI_CALL(env, napi_get_property(env, v, key, &val), -1);
        if (fsd_napi_copy_str(env, key, napi_string, a, &k, &bytes) != 0)
          return -1;
        if (fsd_napi_decode(env, val, a, &kids[i], depth + 1) != 0) return -1;
        kids[i].key = k.s;
      }
      out->type = FSD_ARG_OBJ;
      out->kids = kids;
      out->len = n;
      return 0;
    }
    default:
      break;
  }
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE",
                        "fsdoctor: arguments must be strings, Buffers, "
                        "numbers, booleans or plain objects of those");
  return -1;
}

int fsd_napi_arg(napi_env env, napi_value v, fsd_arena_t *a, fsd_arg_t *out) {
  return fsd_napi_decode(env, v, a, out, 0);
}

static fsd_napi_req_t *fsd_napi_req_new(napi_env env, napi_callback_info info,
                                        const fsd_op_t **op_out) {
  size_t argc = FSD_NAPI_MAX_ARGS, i;
  napi_value argv[FSD_NAPI_MAX_ARGS];
  void *data = NULL;
  fsd_napi_req_t *req;
  FSD_NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, &data),
                NULL);
  req = calloc(1, sizeof(*req));
  if (req != NULL) req->arena = fsd_arena_new();
  if (req == NULL || req->arena == NULL) {
    free(req);
    fsd_napi_oom(env);
    return NULL;
  }
  req->op = data;
  *op_out = req->op;
  for (i = 0; i < req->op->nargs && i < argc; i++) {
    if (fsd_napi_arg(env, argv[i], req->arena, &req->args[i]) != 0) {
      fsd_napi_req_free(req);
      return NULL;
    }
  }
  return req;
}

static void fsd_napi_run(fsd_napi_req_t *req) {
  memset(&req->fail, 0, sizeof(req->fail));
  req->rc = req->op->fn(req->arena, req->args, req->op->nargs, &req->out,
                        &req->fail);
}

napi_value fsd_napi_val(napi_env env, const fsd_val_t *v, int depth) {
  napi_value r = NULL, item;
  const fsd_val_t *k;
  uint32_t i = 0;
  if (depth > 64) v = NULL;
  if (v == NULL || v->type == FSD_NULL) {
    FSD_NAPI_CALL(env, napi_get_null(env, &r), NULL);
    return r;
  }
  switch (v->type) {
    case FSD_BOOL:
      FSD_NAPI_CALL(env, napi_get_boolean(env, v->u.b, &r), NULL);
      break;
    case FSD_NUM:
      FSD_NAPI_CALL(env, napi_create_double(env, v->u.n, &r), NULL);
      break;
    case FSD_STR:
      FSD_NAPI_CALL(env,
                    napi_create_string_utf8(env, v->u.str.s, v->u.str.len, &r),
                    NULL);
      break;
    case FSD_ARR:
      FSD_NAPI_CALL(env, napi_create_array_with_length(env, v->u.kids.count, &r),
                    NULL);
      for (k = v->u.kids.head; k != NULL; k = k->next) {
        item = fsd_napi_val(env, k, depth + 1);
        if (item == NULL) return NULL;
        FSD_NAPI_CALL(env, napi_set_element(env, r, i++, item), NULL);
      }
      break;
    case FSD_OBJ:
      FSD_NAPI_CALL(env, napi_create_object(env, &r), NULL);
      for (k = v->u.kids.head; k != NULL; k = k->next) {
        item = fsd_napi_val(env, k, depth + 1);
        if (item == NULL) return NULL;
        FSD_NAPI_CALL(env, napi_set_named_property(env, r, k->key, item),
                      NULL);
      }
      break;
    default:
      FSD_NAPI_CALL(env, napi_get_null(env, &r), NULL);
  }
  return r;
}

static napi_status fsd_napi_set_str(napi_env env, napi_value obj,
                                    const char *key, const char *s) {
  napi_value v;
  napi_status st = napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  if (st != napi_ok) return st;
  return napi_set_named_property(env, obj, key, v);
}

/* A Node-style error: "ENOENT: no such file or directory, fsinfo '/x'". */
napi_value fsd_napi_fail(napi_env env, const fsd_fail_t *fail) {
  const char *code = fsd_errname(fail->err);
  const char *desc = fail->message ? fail->message : strerror(fail->err);
  const char *sys = fail->syscall ? fail->syscall : "fsdoctor";
  napi_value msg, err, num;
  fsd_arena_t *a = fsd_arena_new();
  char *text;
  if (code == NULL) code = "UNKNOWN";
  if (fail->path != NULL)
    text = fsd_printf(a, "%s: %s, %s '%s'", code, desc, sys, fail->path);
  else
    text = fsd_printf(a, "%s: %s, %s", code, desc, sys);
  if (text == NULL) {
    fsd_arena_free(a);
    napi_create_string_utf8(env, "out of memory", NAPI_AUTO_LENGTH, &msg);
  } else {
    napi_status st = napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &msg);
    fsd_arena_free(a);
    FSD_NAPI_CALL(env, st, NULL);
  }
  FSD_NAPI_CALL(env, napi_create_error(env, NULL, msg, &err), NULL);
  FSD_NAPI_CALL(env, fsd_napi_set_str(env, err, "code", code), NULL);
  FSD_NAPI_CALL(env, napi_create_int32(env, -fail->err, &num), NULL);
  FSD_NAPI_CALL(env, napi_set_named_property(env, err, "errno", num), NULL);
  FSD_NAPI_CALL(env, fsd_napi_set_str(env, err, "syscall", sys), NULL);
  if (fail->path != NULL)
    FSD_NAPI_CALL(env, fsd_napi_set_str(env, err, "path", fail->path), NULL);
  return err;
}

/* The result of a finished request: the value, or an error in *is_err. */
static napi_value fsd_napi_result(napi_env env, fsd_napi_req_t *req,
                                  int *is_err) {
  *is_err = req->rc != 0;
  if (*is_err) return fsd_napi_fail(env, &req->fail);
  return fsd_napi_val(env, req->out, 0);
}

static napi_value fsd_napi_sync(napi_env env, napi_callback_info info) {
  const fsd_op_t *op = NULL;
  fsd_napi_req_t *req = fsd_napi_req_new(env, info, &op);
  napi_value r;
  int is_err;
  if (req == NULL) return NULL;
  fsd_napi_run(req);
  r = fsd_napi_result(env, req, &is_err);
  fsd_napi_req_free(req);
  if (r != NULL && is_err) {
    napi_throw(env, r);
    return NULL;
  }
  return r;
}

static void fsd_napi_execute(napi_env env, void *data) {
  (void)env;
  fsd_napi_run(data);
}

static void fsd_napi_complete(napi_env env, napi_status status, void *data) {
  fsd_napi_req_t *req = data;
  napi_value r = NULL;
  int is_err = 1;
  if (status == napi_cancelled) {
    fsd_fail_t f = {ECANCELED, "fsdoctor", NULL, "operation cancelled"};
    r = fsd_napi_fail(env, &f);
  } else if (status == napi_ok) {
    r = fsd_napi_result(env, req, &is_err);
  }
  if (r == NULL) {
    /* Building the result failed: reject with the pending exception. */
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) napi_get_and_clear_last_exception(env, &r);
    is_err = 1;
  }
  if (r == NULL) napi_get_undefined(env, &r);
  if (is_err)
    napi_reject_deferred(env, req->deferred, r);
  else
    napi_resolve_deferred(env, req->deferred, r);
  napi_delete_async_work(env, req->work);
  fsd_napi_req_free(req);
}

static napi_value fsd_napi_async(napi_env env, napi_callback_info info) {
  const fsd_op_t *op = NULL;
  fsd_napi_req_t *req = fsd_napi_req_new(env, info, &op);
  napi_value promise, name;
  napi_status st;
  if (req == NULL) return NULL;
  st = napi_create_string_utf8(env, op->name, NAPI_AUTO_LENGTH, &name);
  if (st == napi_ok)
    st = napi_create_async_work(env, NULL, name, fsd_napi_execute,
                                fsd_napi_complete, req, &req->work);
  if (st != napi_ok) {
    fsd_napi_req_free(req);
    FSD_NAPI_CALL(env, st, NULL);
  }
  st = napi_create_promise(env, &req->deferred, &promise);
  if (st == napi_ok) st = napi_queue_async_work(env, req->work);
  if (st != napi_ok) {
    /* The deferred, if made, is dropped with its promise. */
    napi_delete_async_work(env, req->work);
    fsd_napi_req_free(req);
    FSD_NAPI_CALL(env, st, NULL);
  }
  return promise;
}

static napi_status fsd_napi_export(napi_env env, napi_value exports,
                                   const fsd_op_t *op) {
  napi_value fn;
  napi_status st;
  size_t n = strlen(op->name);
  char sync_name[64];
  if (n + 5 > sizeof(sync_name)) return napi_invalid_arg;
  memcpy(sync_name, op->name, n);
  memcpy(sync_name + n, "Sync", 5);
  st = napi_create_function(env, op->name, NAPI_AUTO_LENGTH, fsd_napi_async,
                            (void *)op, &fn);
  if (st == napi_ok) st = napi_set_named_property(env, exports, op->name, fn);
  if (st == napi_ok)
    st = napi_create_function(env, sync_name, NAPI_AUTO_LENGTH, fsd_napi_sync,
                              (void *)op, &fn);
  if (st == napi_ok) st = napi_set_named_property(env, exports, sync_name, fn);
  return st;
}

/* The tree scan has glue of its own (progress, cancel): binding_scan.c. */
napi_status fsd_napi_scan_init(napi_env env, napi_value exports);

NAPI_MODULE_INIT() {
  const fsd_op_t *op;
  for (op = fsd_ops; op->name != NULL; op++)
    FSD_NAPI_CALL(env, fsd_napi_export(env, exports, op), NULL);
  FSD_NAPI_CALL(env, fsd_napi_scan_init(env, exports), NULL);
  return exports;
}
