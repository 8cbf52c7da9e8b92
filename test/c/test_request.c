/* diagnose's request (src/engine/request.c, where.c): the paths of a live
 * error resolved as Node's path.resolve would for the host (posix and
 * win32, UNC with either separator, root-relative under a UNC cwd, ".."
 * above the root), what is measured here and what is not, and bad
 * requests. The probes are a stand-in that records what it was asked. */
#include "engine/diagnose.h"
#include "args.h"
#include "t.h"

#include <errno.h>

static const char *seen_path;
static int gathered;

static int fake_gather(fsd_arena_t *a, const fsd_error_t *err,
                       const fsd_gather_opts_t *opts, fsd_evidence_t *out) {
  (void)a;
  (void)opts;
  (void)out;
  gathered = 1;
  seen_path = err->path;
  return 0;
}

/* Diagnoses {code, path, cwd, host, live?}; returns the path the probes
 * were given, or NULL when nothing was measured. */
static const char *resolved(fsd_arena_t *a, const char *host, const char *cwd,
                            const char *path, int live) {
  fsd_arg_t m[6], req;
  fsd_val_t *out = NULL;
  fsd_fail_t fail;
  size_t n = 0;
  memset(&fail, 0, sizeof(fail));
  m[n++] = str_arg("code", "ENOENT");
  m[n++] = str_arg("syscall", "open");
  m[n++] = str_arg("path", path);
  m[n++] = str_arg("cwd", cwd);
  m[n++] = str_arg("host", host);
  if (live >= 0) m[n++] = bool_arg("live", live);
  req = obj_arg(m, n);
  gathered = 0;
  seen_path = NULL;
  T_CHECK(fsd_diagnose_request(a, &req, fake_gather, "linux", &out, &fail) == 0);
  T_CHECK(out != NULL);
  return gathered ? seen_path : NULL;
}

int main(void) {
  fsd_arena_t *a = fsd_arena_new();
  fsd_arg_t bad[1], req;
  fsd_val_t *out = NULL;
  fsd_fail_t fail;
  /* What Node's path.posix.resolve / path.win32.resolve give. */
  T_STREQ(resolved(a, "linux", "/home/u", "../../../x", -1), "/x");
  T_STREQ(resolved(a, "linux", "/home/u", "./a//b/", -1), "/home/u/a/b");
  T_STREQ(resolved(a, "linux", "/home/u", "/abs/./p/../q", -1), "/abs/q");
  T_STREQ(resolved(a, "win32", "C:\\a\\b", "..\\..\\..\\x", -1), "C:\\x");
  T_STREQ(resolved(a, "win32", "C:\\a", "x/./y\\", -1), "C:\\a\\x\\y");
  T_STREQ(resolved(a, "win32", "C:\\a", "//srv/share/x", -1), "\\\\srv\\share\\x");
  T_STREQ(resolved(a, "win32", "\\\\srv\\share\\proj", "\\x", -1),
          "\\\\srv\\share\\x");
  T_STREQ(resolved(a, "win32", "D:\\w", "/x", -1), "D:\\x");
  /* Not measured: another system's path, or live: false. */
  T_CHECK(resolved(a, "linux", "/home/u", "C:\\p\\x", -1) == NULL);
  T_CHECK(resolved(a, "linux", "/home/u", "/p/x", 0) == NULL);
  /* A request with neither code nor text is refused, naming both. */
  memset(&fail, 0, sizeof(fail));
  bad[0] = str_arg("syscall", "open");
  req = obj_arg(bad, 1);
  T_CHECK(fsd_diagnose_request(a, &req, NULL, "linux", &out, &fail) == -1);
  T_CHECK(fail.err == EINVAL && strstr(fail.message, "code or") != NULL);
  /* A member of the wrong type is refused with its name. */
  memset(&fail, 0, sizeof(fail));
  bad[0] = num_arg("code", 1);
  req = obj_arg(bad, 1);
  T_CHECK(fsd_diagnose_request(a, &req, NULL, "linux", &out, &fail) == -1);
  T_CHECK(fail.err == EINVAL && strstr(fail.message, "request.code") != NULL);
  fsd_arena_free(a);
  T_DONE("request");
}
