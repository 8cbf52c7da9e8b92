/* A stand-in Node-API host, for running an addon where no Node can run it
 * (the musl prebuild: npm has no musl Node). It dlopen()s the addon with
 * every symbol bound now (RTLD_NOW), runs its module init, then calls one
 * exported synchronous function with string arguments and prints the
 * answer as JSON (or "throw <message>"):
 *
 *   dlopen-host file.node                      init only: lists the exports
 *   dlopen-host file.node fsInfoSync /tmp      calls exports.fsInfoSync('/tmp')
 *
 * It implements the Node-API functions a synchronous call needs over a
 * small value model (undefined, null, booleans, numbers, strings, objects,
 * arrays, functions). Every other napi_* the addon imports comes from a
 * generated stubs.c and answers napi_generic_failure: the async machinery
 * is not here. Test code only (test/prebuilds.test.js). */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int napi_status;
typedef struct host_value_s *napi_value;
typedef void *napi_env;
typedef struct host_info_s *napi_callback_info;
typedef napi_value (*napi_callback)(napi_env, napi_callback_info);
typedef struct {
  const char *error_message;
  void *engine_reserved;
  uint32_t engine_error_code;
  napi_status error_code;
} napi_extended_error_info;

enum { NAPI_OK = 0, NAPI_INVALID_ARG = 1, NAPI_STRING_EXPECTED = 3, NAPI_GENERIC_FAILURE = 9 };
enum { T_UNDEFINED = 0, T_NULL, T_BOOLEAN, T_NUMBER, T_STRING, T_SYMBOL, T_OBJECT, T_FUNCTION };

struct host_value_s {
  int type;
  int is_array;
  int is_error;
  double num;
  char *str;
  size_t len;
  char **keys; /* objects: names; arrays: NULL */
  napi_value *items;
  size_t n, cap;
  napi_callback cb;
  void *data;
};

struct host_info_s {
  size_t argc;
  napi_value *argv;
  void *data;
};

static napi_value thrown;
static napi_extended_error_info last_error = {"stand-in host: not implemented", NULL, 0, NAPI_GENERIC_FAILURE};

static napi_value host_new(int type) {
  napi_value v = calloc(1, sizeof(*v));
  if (v == NULL) {
    fprintf(stderr, "out of memory\n");
    exit(3);
  }
  v->type = type;
  return v;
}

static napi_value host_string(const char *s, size_t len) {
  napi_value v = host_new(T_STRING);
  if (len == SIZE_MAX) len = strlen(s);
  v->str = malloc(len + 1);
  if (v->str == NULL) exit(3);
  memcpy(v->str, s, len);
  v->str[len] = '\0';
  v->len = len;
  return v;
}

static void host_put(napi_value o, const char *key, napi_value item) {
  size_t i;
  if (key != NULL) {
    for (i = 0; i < o->n; i++) {
      if (strcmp(o->keys[i], key) == 0) {
        o->items[i] = item;
        return;
      }
    }
  }
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 8;
    o->items = realloc(o->items, o->cap * sizeof(*o->items));
    o->keys = realloc(o->keys, o->cap * sizeof(*o->keys));
    if (o->items == NULL || o->keys == NULL) exit(3);
  }
  o->keys[o->n] = key != NULL ? strdup(key) : NULL;
  o->items[o->n++] = item;
}

napi_status napi_get_undefined(napi_env env, napi_value *r) {
  (void)env;
  *r = host_new(T_UNDEFINED);
  return NAPI_OK;
}

napi_status napi_get_null(napi_env env, napi_value *r) {
  (void)env;
  *r = host_new(T_NULL);
  return NAPI_OK;
}

napi_status napi_get_boolean(napi_env env, bool b, napi_value *r) {
  (void)env;
  *r = host_new(T_BOOLEAN);
  (*r)->num = b;
  return NAPI_OK;
}

napi_status napi_create_double(napi_env env, double d, napi_value *r) {
  (void)env;
  *r = host_new(T_NUMBER);
  (*r)->num = d;
  return NAPI_OK;
}

napi_status napi_create_int32(napi_env env, int32_t i, napi_value *r) {
  return napi_create_double(env, i, r);
}

napi_status napi_create_string_utf8(napi_env env, const char *s, size_t len,
                                    napi_value *r) {
  (void)env;
  *r = host_string(s, len);
  return NAPI_OK;
}

napi_status napi_create_object(napi_env env, napi_value *r) {
  (void)env;
  *r = host_new(T_OBJECT);
  return NAPI_OK;
}

napi_status napi_create_array_with_length(napi_env env, size_t n,
                                          napi_value *r) {
  (void)env;
  (void)n;
  *r = host_new(T_OBJECT);
  (*r)->is_array = 1;
  return NAPI_OK;
}

napi_status napi_create_error(napi_env env, napi_value code, napi_value msg,
                              napi_value *r) {
  (void)env;
  *r = host_new(T_OBJECT);
  (*r)->is_error = 1;
  if (code != NULL) host_put(*r, "code", code);
  host_put(*r, "message", msg);
  return NAPI_OK;
}

napi_status napi_create_function(napi_env env, const char *name, size_t len,
                                 napi_callback cb, void *data, napi_value *r) {
  (void)env;
  *r = host_new(T_FUNCTION);
  (*r)->cb = cb;
  (*r)->data = data;
  if (name != NULL) {
    napi_value n = host_string(name, len);
    (*r)->str = n->str;
  }
  return NAPI_OK;
}

napi_status napi_set_named_property(napi_env env, napi_value o,
                                    const char *key, napi_value v) {
  (void)env;
  if (o == NULL || o->type != T_OBJECT) return NAPI_INVALID_ARG;
  host_put(o, key, v);
  return NAPI_OK;
}

napi_status napi_set_element(napi_env env, napi_value a, uint32_t i,
                             napi_value v) {
  (void)env;
  if (a == NULL || !a->is_array || i != a->n) return NAPI_INVALID_ARG;
  host_put(a, NULL, v);
  return NAPI_OK;
}

napi_status napi_get_element(napi_env env, napi_value a, uint32_t i,
                             napi_value *r) {
  (void)env;
  if (a == NULL || a->type != T_OBJECT) return NAPI_INVALID_ARG;
  if (i < a->n) *r = a->items[i];
  else *r = host_new(T_UNDEFINED);
  return NAPI_OK;
}

napi_status napi_get_array_length(napi_env env, napi_value a, uint32_t *r) {
  (void)env;
  if (a == NULL || !a->is_array) return NAPI_INVALID_ARG;
  *r = (uint32_t)a->n;
  return NAPI_OK;
}

napi_status napi_get_all_property_names(napi_env env, napi_value o, int mode,
                                        int filter, int conversion,
                                        napi_value *r) {
  size_t i;
  (void)env;
  (void)mode;
  (void)filter;
  (void)conversion;
  if (o == NULL || o->type != T_OBJECT) return NAPI_INVALID_ARG;
  napi_create_array_with_length(env, o->n, r);
  for (i = 0; i < o->n; i++) host_put(*r, NULL, host_string(o->keys[i], SIZE_MAX));
  return NAPI_OK;
}

napi_status napi_get_property(napi_env env, napi_value o, napi_value key,
                              napi_value *r) {
  size_t i;
  (void)env;
  if (o == NULL || o->type != T_OBJECT || key == NULL || key->type != T_STRING)
    return NAPI_INVALID_ARG;
  for (i = 0; i < o->n; i++) {
    if (o->keys[i] != NULL && strcmp(o->keys[i], key->str) == 0) {
      *r = o->items[i];
      return NAPI_OK;
    }
  }
  *r = host_new(T_UNDEFINED);
  return NAPI_OK;
}

napi_status napi_typeof(napi_env env, napi_value v, int *r) {
  (void)env;
  if (v == NULL) return NAPI_INVALID_ARG;
  *r = v->type;
  return NAPI_OK;
}

napi_status napi_get_value_double(napi_env env, napi_value v, double *r) {
  (void)env;
  if (v == NULL || v->type != T_NUMBER) return NAPI_INVALID_ARG;
  *r = v->num;
  return NAPI_OK;
}

napi_status napi_get_value_bool(napi_env env, napi_value v, bool *r) {
  (void)env;
  if (v == NULL || v->type != T_BOOLEAN) return NAPI_INVALID_ARG;
  *r = v->num != 0;
  return NAPI_OK;
}

napi_status napi_get_value_string_utf8(napi_env env, napi_value v, char *buf,
                                       size_t size, size_t *r) {
  size_t n;
  (void)env;
  if (v == NULL || v->type != T_STRING) return NAPI_STRING_EXPECTED;
  if (buf == NULL) {
    if (r != NULL) *r = v->len;
    return NAPI_OK;
  }
  if (size == 0) {
    if (r != NULL) *r = 0;
    return NAPI_OK;
  }
  n = v->len < size - 1 ? v->len : size - 1;
  memcpy(buf, v->str, n);
  buf[n] = '\0';
  if (r != NULL) *r = n;
  return NAPI_OK;
}

napi_status napi_is_buffer(napi_env env, napi_value v, bool *r) {
  (void)env;
  (void)v;
  *r = false;
  return NAPI_OK;
}

napi_status napi_is_typedarray(napi_env env, napi_value v, bool *r) {
  return napi_is_buffer(env, v, r);
}

napi_status napi_get_cb_info(napi_env env, napi_callback_info info,
                             size_t *argc, napi_value *argv, napi_value *self,
                             void **data) {
  size_t i;
  (void)env;
  if (argc != NULL) {
    for (i = 0; i < *argc; i++)
      argv[i] = i < info->argc ? info->argv[i] : host_new(T_UNDEFINED);
    *argc = info->argc;
  }
  if (self != NULL) *self = host_new(T_UNDEFINED);
  if (data != NULL) *data = info->data;
  return NAPI_OK;
}

napi_status napi_throw(napi_env env, napi_value e) {
  (void)env;
  thrown = e;
  return NAPI_OK;
}

static napi_status host_throw(const char *code, const char *msg) {
  napi_value e;
  napi_create_error(NULL, code ? host_string(code, SIZE_MAX) : NULL,
                    host_string(msg, SIZE_MAX), &e);
  thrown = e;
  return NAPI_OK;
}

napi_status napi_throw_error(napi_env env, const char *code, const char *msg) {
  (void)env;
  return host_throw(code, msg);
}

napi_status napi_throw_type_error(napi_env env, const char *code,
                                  const char *msg) {
  (void)env;
  return host_throw(code, msg);
}

napi_status napi_is_exception_pending(napi_env env, bool *r) {
  (void)env;
  *r = thrown != NULL;
  return NAPI_OK;
}

napi_status napi_get_and_clear_last_exception(napi_env env, napi_value *r) {
  (void)env;
  *r = thrown != NULL ? thrown : host_new(T_UNDEFINED);
  thrown = NULL;
  return NAPI_OK;
}

napi_status napi_get_last_error_info(napi_env env,
                                     const napi_extended_error_info **r) {
  (void)env;
  *r = &last_error;
  return NAPI_OK;
}

static void print_json(napi_value v) {
  size_t i;
  if (v == NULL || v->type == T_UNDEFINED || v->type == T_NULL) {
    fputs("null", stdout);
  } else if (v->type == T_BOOLEAN) {
    fputs(v->num != 0 ? "true" : "false", stdout);
  } else if (v->type == T_NUMBER) {
    printf("%.17g", v->num);
  } else if (v->type == T_STRING) {
    putchar('"');
    for (i = 0; i < v->len; i++) {
      unsigned char c = (unsigned char)v->str[i];
      if (c == '"' || c == '\\') printf("\\%c", c);
      else if (c < 0x20) printf("\\u%04x", c);
      else putchar(c);
    }
    putchar('"');
  } else if (v->type == T_FUNCTION) {
    fputs("\"[function]\"", stdout);
  } else if (v->is_array) {
    putchar('[');
    for (i = 0; i < v->n; i++) {
      if (i) putchar(',');
      print_json(v->items[i]);
    }
    putchar(']');
  } else {
    putchar('{');
    for (i = 0; i < v->n; i++) {
      napi_value k = host_string(v->keys[i], SIZE_MAX);
      if (i) putchar(',');
      print_json(k);
      putchar(':');
      print_json(v->items[i]);
    }
    putchar('}');
  }
}

int main(int argc, char **argv) {
  void *h;
  int32_t (*version)(void);
  napi_value (*init)(napi_env, napi_value);
  napi_value exports, fn = NULL, out;
  struct host_info_s info;
  size_t i;
  int env_dummy = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: dlopen-host file.node [function [string ...]]\n");
    return 2;
  }
  h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  version = (int32_t(*)(void))dlsym(h, "node_api_module_get_api_version_v1");
  init = (napi_value(*)(napi_env, napi_value))dlsym(h, "napi_register_module_v1");
  if (init == NULL) {
    fprintf(stderr, "no napi_register_module_v1\n");
    return 1;
  }
  exports = host_new(T_OBJECT);
  out = init(&env_dummy, exports);
  if (out != exports) {
    fprintf(stderr, "init failed%s\n", thrown != NULL ? " (threw)" : "");
    return 1;
  }
  if (argc == 2) {
    if (version != NULL) printf("napi-version %d\n", (int)version());
    for (i = 0; i < exports->n; i++) printf("export %s\n", exports->keys[i]);
    printf("init returned exports\n");
    return 0;
  }
  for (i = 0; i < exports->n; i++)
    if (strcmp(exports->keys[i], argv[2]) == 0) fn = exports->items[i];
  if (fn == NULL || fn->type != T_FUNCTION) {
    fprintf(stderr, "no function %s\n", argv[2]);
    return 2;
  }
  info.argc = (size_t)(argc - 3);
  info.argv = calloc(info.argc + 1, sizeof(napi_value));
  if (info.argv == NULL) return 3;
  for (i = 0; i < info.argc; i++) info.argv[i] = host_string(argv[3 + i], SIZE_MAX);
  info.data = fn->data;
  out = fn->cb(&env_dummy, &info);
  if (thrown != NULL) {
    fputs("throw ", stdout);
    print_json(thrown);
    putchar('\n');
    return 1;
  }
  print_json(out);
  putchar('\n');
  return 0;
}
