/* Linux probes: statfs + /proc/self/mountinfo, statx, /proc/<pid>/fd. */
#include "../platform.h"

#include <errno.h>

const char *fsd_platform_name(void) { return "linux"; }
int fsd_platform_is_wsl(void) { return 0; }

int fsd_fsinfo(fsd_arena_t *a, const char *path, fsd_fsinfo_t *out,
               fsd_fail_t *fail) {
  (void)a; (void)path; (void)out;
  fail->syscall = "fsinfo";
  return ENOSYS;
}

int fsd_holders(fsd_arena_t *a, const char *path, fsd_holders_t *out,
                fsd_fail_t *fail) {
  (void)a; (void)path; (void)out;
  fail->syscall = "holders";
  return ENOSYS;
}

int fsd_limits(fsd_arena_t *a, fsd_limits_t *out, fsd_fail_t *fail) {
  (void)a; (void)out;
  fail->syscall = "limits";
  return ENOSYS;
}
