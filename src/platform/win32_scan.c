/* The tree scan on Windows: not written yet. This stub keeps the interface of
 * src/scan.h so the addon builds and scan() rejects with ENOSYS, which
 * lib/scan.js turns into ERR_FSDOCTOR_SCAN_UNSUPPORTED and `fsdoctor check`
 * into a JavaScript walk. The real one belongs here: FindFirstFileExW with
 * FindExInfoBasic and FIND_FIRST_EX_LARGE_FETCH per directory (UTF-16 paths
 * with the \\?\ prefix so depth is not limited by MAX_PATH),
 * FILE_ATTRIBUTE_REPARSE_POINT plus dwReserved0 (IO_REPARSE_TAG_SYMLINK,
 * IO_REPARSE_TAG_MOUNT_POINT for junctions) for links, CreateFileW with
 * FILE_FLAG_BACKUP_SEMANTICS to see whether a link resolves, and
 * GetFileInformationByHandle for nNumberOfLinks and the volume/file index
 * that detect cycles. */

#include "../scan.h"

#include <errno.h>

int fsd_scan(fsd_arena_t *a, const char *dir, const fsd_scan_opts_t *opts,
             fsd_val_t **out, fsd_fail_t *fail) {
  (void)opts;
  (void)out;
  fail->err = ENOSYS;
  fail->syscall = "scandir";
  fail->path = fsd_strdup(a, dir);
  fail->message = "the tree scan is not implemented on Windows yet";
  return -1;
}
