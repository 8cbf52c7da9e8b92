/* The unix.h hooks on macOS: no capabilities (root may do everything the
 * access rules ask about), BSD file flags for immutable and append-only,
 * extended ACLs through acl_get_link_np. */
#include "platform/posix/unix.h"

#include <errno.h>
#include <string.h>
#include <sys/acl.h>
#include <sys/stat.h>
#include <unistd.h>

int fsd__os_cap_mask(uint64_t *mask) {
  *mask = geteuid() == 0 ? ~(uint64_t)0 : 0;
  return 0;
}

int fsd__os_cap_names(fsd_arena_t *a, uint64_t mask, const char ***names,
                      size_t *n) {
  (void)a;
  (void)mask;
  *names = NULL;
  *n = 0;
  return 0;
}

int fsd__os_stat(const char *path, int follow, struct stat *st, int *imm,
                 int *app) {
  if ((follow ? stat(path, st) : lstat(path, st)) != 0) return errno;
  *imm = (st->st_flags & (UF_IMMUTABLE | SF_IMMUTABLE)) ? 1 : 0;
  *app = (st->st_flags & (UF_APPEND | SF_APPEND)) ? 1 : 0;
  return 0;
}

int fsd__os_has_acl(const char *path) {
  acl_t acl = acl_get_link_np(path, ACL_TYPE_EXTENDED);
  if (acl == NULL) return 0;
  acl_free(acl);
  return 1;
}
