/* The probes from C: holder kinds, and every probe on a few paths with its
 * value tree turned to JSON (run under SAN=1 for ASan/UBSan). */
#include "fsd.h"
#include "platform.h"
#include "t.h"

#include <errno.h>

static void kinds(void) {
  T_STREQ(fsd_holder_kind("Code.exe", NULL), "editor");
  T_STREQ(fsd_holder_kind("code-insiders", NULL), "editor");
  T_STREQ(fsd_holder_kind("NVIM", NULL), "editor");
  T_STREQ(fsd_holder_kind("sublime_text", NULL), "editor");
  T_STREQ(fsd_holder_kind("devenv.EXE", NULL), "editor");
  T_STREQ(fsd_holder_kind("node", NULL), "node");
  T_STREQ(fsd_holder_kind("node.exe", NULL), "node");
  T_STREQ(fsd_holder_kind("pnpm", NULL), "node");
  T_STREQ(fsd_holder_kind("MainThread", "node /usr/lib/node_modules/npm/bin/npm-cli.js install"), "node");
  T_STREQ(fsd_holder_kind("MsMpEng.exe", NULL), "antivirus");
  T_STREQ(fsd_holder_kind("clamd", NULL), "antivirus");
  T_STREQ(fsd_holder_kind("tracker-miner-f", "/usr/libexec/tracker-miner-fs-3"), "indexer");
  T_STREQ(fsd_holder_kind("SearchIndexer.exe", NULL), "indexer");
  T_STREQ(fsd_holder_kind("OneDrive.exe", NULL), "indexer");
  T_STREQ(fsd_holder_kind("baloo_file", NULL), "indexer");
  T_STREQ(fsd_holder_kind("bash", NULL), "shell");
  T_STREQ(fsd_holder_kind("pwsh.exe", NULL), "shell");
  T_STREQ(fsd_holder_kind("explorer.exe", NULL), "shell");
  T_STREQ(fsd_holder_kind("python3", "python3 x.py"), "other");
  T_STREQ(fsd_holder_kind(NULL, NULL), "other");
  T_STREQ(fsd_holder_kind("", ""), "other");
  T_STREQ(fsd_holder_kind("C:\\Program Files\\nodejs\\node.exe", NULL), "node");
}

static void probes(const char *path) {
  fsd_arena_t *a = fsd_arena_new();
  fsd_fail_t fail = {0, NULL, NULL, NULL};
  fsd_fsinfo_t fi = {0};
  fsd_pathinfo_t pi = {0};
  fsd_linkinfo_t li = {0};
  fsd_privileges_t pr = {0};
  fsd_holders_t h = {0};
  fsd_limits_t l = {0};
  char *json;
  T_CHECK(a != NULL);
  T_CHECK(fsd_fsinfo(a, path, &fi, &fail) == 0);
  T_CHECK(fi.probed != NULL && fi.type != NULL);
  json = fsd_to_json(a, fsd_fsinfo_val(a, &fi));
  T_CHECK(json != NULL && strstr(json, "\"linkMax\":") != NULL);
  T_CHECK(fsd_pathinfo(a, path, &pi, &fail) == 0);
  T_CHECK(pi.ncomponents >= 1);
  json = fsd_to_json(a, fsd_pathinfo_val(a, &pi));
  T_CHECK(json != NULL && strstr(json, "\"components\":[") != NULL);
  T_CHECK(fsd_linkinfo(a, path, &li, &fail) == 0);
  json = fsd_to_json(a, fsd_linkinfo_val(a, &li));
  T_CHECK(json != NULL &&
          strstr(json, li.nlink >= 0 ? fsd_printf(a, "\"nlink\":%lld",
                                                  (long long)li.nlink)
                                     : "\"nlink\":null") != NULL);
  T_CHECK(fsd_privileges(a, "/tmp", &pr, &fail) == 0);
  T_CHECK(pr.can_write == 1);
  json = fsd_to_json(a, fsd_privileges_val(a, &pr));
  T_CHECK(json != NULL && strstr(json, "\"canWrite\":true") != NULL);
  T_CHECK(fsd_holders(a, path, NULL, &h, &fail) == 0);
  T_CHECK(h.method != NULL);
  json = fsd_to_json(a, fsd_holders_val(a, &h));
  T_CHECK(json != NULL && strstr(json, "\"holders\":[") != NULL &&
          strstr(json, fsd_printf(a, "\"method\":\"%s\"", h.method)) != NULL);
  T_CHECK(fsd_limits(a, &l, &fail) == 0);
  T_CHECK(l.nofile_soft > 0 && l.open_fds > 0);
  json = fsd_to_json(a, fsd_limits_val(a, &l));
  T_CHECK(json != NULL &&
          strstr(json, fsd_printf(a, "\"nofileSoft\":%lld",
                                  (long long)l.nofile_soft)) != NULL);
  T_CHECK(!fsd_arena_oom(a));
  fsd_arena_free(a);
}

/* Where a probe reports an errno, the raw OS code stands beside it: off
 * Windows the errno is that code and win32Error is null; a Win32 code put
 * in the struct comes out with its name. */
static void raw_errors(void) {
  fsd_arena_t *a = fsd_arena_new();
  fsd_fail_t fail = {0, NULL, NULL, NULL};
  fsd_linkinfo_t li;
  fsd_pathinfo_t pi;
  fsd_privileges_t pr;
  fsd_component_t c;
  char *json;
  memset(&li, 0, sizeof(li));
  memset(&pi, 0, sizeof(pi));
  memset(&pr, 0, sizeof(pr));
  T_CHECK(fsd_linkinfo(a, "/no/such/file", &li, &fail) == 0);
  json = fsd_to_json(a, fsd_linkinfo_val(a, &li));
  T_CHECK(json != NULL &&
          strstr(json, "\"error\":\"ENOENT\",\"win32Error\":null,"
                       "\"win32ErrorName\":null") != NULL);
  T_CHECK(fsd_pathinfo(a, "/no/such/file", &pi, &fail) == 0);
  json = fsd_to_json(a, fsd_pathinfo_val(a, &pi));
  T_CHECK(json != NULL &&
          strstr(json, "\"error\":\"ENOENT\",\"win32Error\":null,") != NULL);
  T_CHECK(fsd_privileges(a, "/no/such/dir", &pr, &fail) == 0);
  json = fsd_to_json(a, fsd_privileges_val(a, &pr));
  T_CHECK(json != NULL &&
          strstr(json, "\"writeError\":\"ENOENT\",\"writeWin32Error\":null,"
                       "\"writeWin32ErrorName\":null") != NULL);
  /* As the Windows probes fill it. */
  memset(&c, 0, sizeof(c));
  c.type = "dir";
  c.err = EPERM;
  c.win32_err.code = 5;
  c.win32_err.name = "ERROR_ACCESS_DENIED";
  pi.components = &c;
  pi.ncomponents = 1;
  pi.denied_index = -1;
  json = fsd_to_json(a, fsd_pathinfo_val(a, &pi));
  T_CHECK(json != NULL &&
          strstr(json, "\"error\":\"EPERM\",\"win32Error\":5,"
                       "\"win32ErrorName\":\"ERROR_ACCESS_DENIED\"") != NULL);
  pr.symlink_err = EPERM;
  pr.symlink_win32_err.code = 1314;
  pr.symlink_win32_err.name = "ERROR_PRIVILEGE_NOT_HELD";
  json = fsd_to_json(a, fsd_privileges_val(a, &pr));
  T_CHECK(json != NULL &&
          strstr(json, "\"symlinkWin32Error\":1314,"
                       "\"symlinkWin32ErrorName\":\"ERROR_PRIVILEGE_NOT_HELD\"") != NULL);
  T_CHECK(!fsd_arena_oom(a));
  fsd_arena_free(a);
}

int main(void) {
  kinds();
  raw_errors();
  probes("/");
  probes("/tmp");
  probes("/proc/self/exe");
  probes("/no/such/file");
  probes("relative/path/../x");
  T_DONE("probes");
}
