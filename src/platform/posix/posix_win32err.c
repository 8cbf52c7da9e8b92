/* fsd_win32_error off Windows: there is no Win32 error to recover. */
#include "platform.h"

#include <errno.h>

int fsd_win32_error(fsd_arena_t *a, const char *path, const char *syscall,
                    int64_t *code, const char **name) {
  (void)a;
  (void)path;
  (void)syscall;
  *code = -1;
  *name = NULL;
  return ENOSYS;
}
