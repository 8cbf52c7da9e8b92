/* Node-API glue of the tree scan (src/scan.h). It is apart from binding.c
 * because the scan is the one operation that talks back while it runs:
 * progress goes to JavaScript through a thread-safe function, and an
 * AbortSignal reaches the walk as a flag in a SharedArrayBuffer that the
 * threadpool thread reads between entries.
 *
 *   scan(dir, options, onProgress?, flag?) -> Promise<ScanResult>
 *   scanSync(dir, options) -> ScanResult
 *
 * lib/scan.js validates the arguments; here bad types are still refused. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "napi/binding.h"
#include "scan/scan.h"

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  napi_threadsafe_function tsfn; /* NULL without a progress callback */
  napi_ref flag_ref;             /* keeps the cancel flag's memory alive */
  char *dir;
  fsd_scan_opts_t opts;
  fsd_arena_t *arena;
  fsd_val_t *out;
  fsd_fail_t fail;
  int rc;
} fsd_napi_scan_t;

/* A progress report in flight from the walk to the JavaScript thread. */
typedef struct {
  double entries, dirs, findings;
  char path[1];
} fsd_napi_progress_t;

static void fsd_napi_scan_free(fsd_napi_scan_t *req) {
  if (req == NULL) return;
  free(req->dir);
  fsd_arena_free(req->arena);
  free(req);
}

/* A request from (dir, options): dir copied into C memory. */
static fsd_napi_scan_t *fsd_napi_scan_new(napi_env env, napi_value dir,
                                          napi_value opts) {
  fsd_napi_scan_t *req;
  fsd_fail_t fail = {0, NULL, NULL, NULL};
  fsd_arg_t arg;
  size_t len = 0;
  napi_valuetype t;
  FSD_NAPI_CALL(env, napi_typeof(env, dir, &t), NULL);
  if (t != napi_string) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE",
                          "fsdoctor: scan() needs a directory path string");
    return NULL;
  }
  FSD_NAPI_CALL(env, napi_get_value_string_utf8(env, dir, NULL, 0, &len), NULL);
  req = calloc(1, sizeof(*req));
  if (req == NULL) goto oom;
  req->dir = malloc(len + 1);
  req->arena = fsd_arena_new();
  if (req->dir == NULL || req->arena == NULL) goto oom;
  if (napi_get_value_string_utf8(env, dir, req->dir, len + 1, &len) !=
          napi_ok ||
      fsd_napi_arg(env, opts, req->arena, &arg) != 0) {
    fsd_napi_scan_free(req);
    fsd_napi_throw_last(env, "scan options");
    return NULL;
  }
  /* Defaults from fsd_scan_opts_init; what JavaScript gave on top. */
  if (fsd_scan_opts_decode(req->arena, &arg, &req->opts, &fail) != 0) {
    napi_value err = fsd_napi_fail(env, &fail);
    if (err != NULL) napi_throw(env, err);
    fsd_napi_scan_free(req);
    return NULL;
  }
  return req;
oom:
  fsd_napi_scan_free(req);
  napi_throw_error(env, "ERR_MEMORY_ALLOCATION_FAILED", "out of memory");
  return NULL;
}

static napi_value fsd_napi_scan_sync(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], r;
  fsd_napi_scan_t *req;
  FSD_NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL),
                NULL);
  if (argc < 2) napi_get_undefined(env, &argv[1]);
  if (argc < 1) napi_get_undefined(env, &argv[0]);
  if ((req = fsd_napi_scan_new(env, argv[0], argv[1])) == NULL) return NULL;
  req->rc = fsd_scan(req->arena, req->dir, &req->opts, &req->out, &req->fail);
  if (req->rc != 0) {
    r = fsd_napi_fail(env, &req->fail);
    if (r != NULL) napi_throw(env, r);
    r = NULL;
  } else {
    r = fsd_napi_val(env, req->out, 0);
  }
  fsd_napi_scan_free(req);
  return r;
}

/* Walk thread: hand a copy of the progress to the JavaScript thread. A full
 * queue drops the report: the next one is at most progress_ms away. */
static void fsd_napi_scan_progress(void *ctx, const fsd_scan_progress_t *p) {
  fsd_napi_scan_t *req = ctx;
  size_t n = p->path ? strlen(p->path) : 0;
  fsd_napi_progress_t *msg = malloc(sizeof(*msg) + n);
  if (msg == NULL) return;
  msg->entries = (double)p->entries;
  msg->dirs = (double)p->dirs;
  msg->findings = (double)p->findings;
  if (n > 0) memcpy(msg->path, p->path, n);
  msg->path[n] = '\0';
  if (napi_call_threadsafe_function(req->tsfn, msg, napi_tsfn_nonblocking) !=
      napi_ok)
    free(msg);
}

/* JavaScript thread: onProgress({ entries, dirs, findings, path }). */
static void fsd_napi_scan_call_js(napi_env env, napi_value cb, void *ctx,
                                  void *data) {
  fsd_napi_progress_t *msg = data;
  napi_value obj, v, undef;
  (void)ctx;
  if (env != NULL && cb != NULL && napi_create_object(env, &obj) == napi_ok) {
    if (napi_create_double(env, msg->entries, &v) == napi_ok)
      napi_set_named_property(env, obj, "entries", v);
    if (napi_create_double(env, msg->dirs, &v) == napi_ok)
      napi_set_named_property(env, obj, "dirs", v);
    if (napi_create_double(env, msg->findings, &v) == napi_ok)
      napi_set_named_property(env, obj, "findings", v);
    if (napi_create_string_utf8(env, msg->path, NAPI_AUTO_LENGTH, &v) ==
        napi_ok)
      napi_set_named_property(env, obj, "path", v);
    if (napi_get_undefined(env, &undef) == napi_ok)
      napi_call_function(env, undef, cb, 1, &obj, NULL);
  }
  free(msg);
}

static void fsd_napi_scan_execute(napi_env env, void *data) {
  fsd_napi_scan_t *req = data;
  (void)env;
  req->rc = fsd_scan(req->arena, req->dir, &req->opts, &req->out, &req->fail);
}

static void fsd_napi_scan_complete(napi_env env, napi_status status,
                                   void *data) {
  fsd_napi_scan_t *req = data;
  napi_value r = NULL;
  int is_err = 1;
  if (status == napi_ok && req->rc == 0) {
    r = fsd_napi_val(env, req->out, 0);
    is_err = r == NULL;
  } else if (status == napi_ok) {
    r = fsd_napi_fail(env, &req->fail);
  } else {
    fsd_fail_t f = {ECANCELED, "scandir", req->dir, "scan cancelled"};
    r = fsd_napi_fail(env, &f);
  }
  if (r == NULL) {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) napi_get_and_clear_last_exception(env, &r);
    if (r == NULL) napi_get_undefined(env, &r);
    is_err = 1;
  }
  if (is_err)
    napi_reject_deferred(env, req->deferred, r);
  else
    napi_resolve_deferred(env, req->deferred, r);
  if (req->tsfn != NULL)
    napi_release_threadsafe_function(req->tsfn, napi_tsfn_release);
  if (req->flag_ref != NULL) napi_delete_reference(env, req->flag_ref);
  napi_delete_async_work(env, req->work);
  fsd_napi_scan_free(req);
}

/* Points opts.cancel at element 0 of an Int32Array (over a
 * SharedArrayBuffer, so its memory never moves) and holds a reference so
 * it outlives the walk. */
static int fsd_napi_scan_flag(napi_env env, napi_value flag,
                              fsd_napi_scan_t *req) {
  bool is_ta = false;
  napi_typedarray_type type;
  size_t length = 0, offset = 0;
  void *p = NULL;
  napi_value ab;
  FSD_NAPI_CALL(env, napi_is_typedarray(env, flag, &is_ta), -1);
  if (!is_ta) return 0;
  FSD_NAPI_CALL(env, napi_get_typedarray_info(env, flag, &type, &length, &p,
                                              &ab, &offset),
                -1);
  if (type != napi_int32_array || length < 1 || p == NULL) return 0;
  FSD_NAPI_CALL(env, napi_create_reference(env, flag, 1, &req->flag_ref), -1);
  req->opts.cancel = p;
  return 0;
}

static napi_value fsd_napi_scan_async(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4], name, promise;
  napi_valuetype t = napi_undefined;
  fsd_napi_scan_t *req;
  size_t i;
  napi_status st;
  FSD_NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL),
                NULL);
  for (i = argc; i < 4; i++) napi_get_undefined(env, &argv[i]);
  if ((req = fsd_napi_scan_new(env, argv[0], argv[1])) == NULL) return NULL;
  st = napi_create_string_utf8(env, "fsdoctor.scan", NAPI_AUTO_LENGTH, &name);
  if (st == napi_ok) st = napi_typeof(env, argv[2], &t);
  if (st == napi_ok && t == napi_function) {
    st = napi_create_threadsafe_function(env, argv[2], NULL, name, 4, 1, NULL,
                                         NULL, NULL, fsd_napi_scan_call_js,
                                         &req->tsfn);
    req->opts.progress = fsd_napi_scan_progress;
    req->opts.progress_ctx = req;
  }
  if (st == napi_ok && fsd_napi_scan_flag(env, argv[3], req) != 0)
    st = napi_pending_exception;
  if (st == napi_ok)
    st = napi_create_async_work(env, NULL, name, fsd_napi_scan_execute,
                                fsd_napi_scan_complete, req, &req->work);
  if (st == napi_ok) st = napi_create_promise(env, &req->deferred, &promise);
  if (st == napi_ok) st = napi_queue_async_work(env, req->work);
  if (st != napi_ok) {
    if (req->work != NULL) napi_delete_async_work(env, req->work);
    if (req->tsfn != NULL)
      napi_release_threadsafe_function(req->tsfn, napi_tsfn_abort);
    if (req->flag_ref != NULL) napi_delete_reference(env, req->flag_ref);
    fsd_napi_scan_free(req);
    FSD_NAPI_CALL(env, st, NULL);
  }
  return promise;
}

/* Called once from binding.c's module init. */
napi_status fsd_napi_scan_init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_status st = napi_create_function(env, "scan", NAPI_AUTO_LENGTH,
                                        fsd_napi_scan_async, NULL, &fn);
  if (st == napi_ok) st = napi_set_named_property(env, exports, "scan", fn);
  if (st == napi_ok)
    st = napi_create_function(env, "scanSync", NAPI_AUTO_LENGTH,
                              fsd_napi_scan_sync, NULL, &fn);
  if (st == napi_ok)
    st = napi_set_named_property(env, exports, "scanSync", fn);
  return st;
}
