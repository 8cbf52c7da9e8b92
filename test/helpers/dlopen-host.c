/* A stand-in host for a Node-API addon: dlopen()s it with every symbol
 * bound now (RTLD_NOW), calls its module init with Node-API functions that
 * succeed and do nothing, and prints what the init exported. Built with
 * musl-gcc it shows the musl prebuild loads and runs under musl's own
 * dynamic loader where no musl Node can be had (test/prebuilds.test.js).
 * The napi_* functions the addon imports but this file does not define
 * come from a generated stubs.c, each returning napi_ok. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef int napi_status;
typedef void *napi_env;
typedef void *napi_value;
typedef napi_value (*napi_callback)(napi_env, void *);

static int dummy;

napi_status napi_create_function(napi_env env, const char *name, size_t len,
                                 napi_callback cb, void *data,
                                 napi_value *result) {
  (void)env;
  (void)len;
  (void)cb;
  (void)data;
  printf("function %s\n", name != NULL ? name : "(anonymous)");
  *result = &dummy;
  return 0;
}

napi_status napi_set_named_property(napi_env env, napi_value object,
                                    const char *name, napi_value value) {
  (void)env;
  (void)object;
  (void)value;
  printf("export %s\n", name);
  return 0;
}

int main(int argc, char **argv) {
  void *h;
  int32_t (*version)(void);
  napi_value (*init)(napi_env, napi_value);
  napi_value out;
  if (argc != 2) {
    fprintf(stderr, "usage: dlopen-host file.node\n");
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
  if (version != NULL) printf("napi-version %d\n", (int)version());
  out = init(&dummy, &dummy);
  printf("init %s\n", out == (napi_value)&dummy ? "returned exports" : "failed");
  return out == (napi_value)&dummy ? 0 : 1;
}
