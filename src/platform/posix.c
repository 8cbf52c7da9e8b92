/* Probes shared by Linux and macOS. */
#include "../platform.h"

#include <errno.h>

int fsd_pathinfo(fsd_arena_t *a, const char *path, fsd_pathinfo_t *out,
                 fsd_fail_t *fail) {
  (void)a; (void)path; (void)out;
  fail->syscall = "pathinfo";
  return ENOSYS;
}

int fsd_privileges(fsd_arena_t *a, const char *dir, fsd_privileges_t *out,
                   fsd_fail_t *fail) {
  (void)a; (void)dir; (void)out;
  fail->syscall = "privileges";
  return ENOSYS;
}

int fsd_linkinfo(fsd_arena_t *a, const char *path, fsd_linkinfo_t *out,
                 fsd_fail_t *fail) {
  (void)a; (void)path; (void)out;
  fail->syscall = "linkinfo";
  return ENOSYS;
}
