/* The Win32 error behind a Node error code. libuv folds several Win32
 * errors into one errno (ERROR_ACCESS_DENIED and ERROR_PRIVILEGE_NOT_HELD
 * into EPERM, ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION into EBUSY,
 * ERROR_TOO_MANY_LINKS into UNKNOWN) and Node drops the Win32 code. It is
 * recovered by a probe that changes nothing: opening the path with the
 * access the failed call needed, sharing everything, then closing it. */
#include "platform/win32/win32.h"

#include <errno.h>
#include <string.h>


static int fsd__call_in(const char *s, const char *const *list) {
  for (; *list != NULL; list++)
    if (strcmp(s, *list) == 0) return 1;
  return 0;
}

/* Opens path (or its directory, parent != 0) with access and returns the
 * Win32 error met, 0 when it opened. *attrs gets the attributes. */
static DWORD fsd__try_open(const WCHAR *path, DWORD access, DWORD *attrs,
                           BY_HANDLE_FILE_INFORMATION *info) {
  HANDLE h;
  DWORD e = 0;
  *attrs = GetFileAttributesW(path);
  h = CreateFileW(path, access, FSD__SHARE_ALL, NULL, OPEN_EXISTING,
                  FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT,
                  NULL);
  if (h == INVALID_HANDLE_VALUE) return GetLastError();
  if (info != NULL && !GetFileInformationByHandle(h, info)) e = GetLastError();
  CloseHandle(h);
  return e;
}

static WCHAR *fsd__wparent(fsd_arena_t *a, const WCHAR *plain) {
  size_t n = fsd__wparent_len(plain);
  WCHAR *d;
  if (n == 0) return NULL;
  d = fsd__wdup(a, plain, n);
  return d ? fsd__wlong(a, d) : NULL;
}

static DWORD fsd__probe(fsd_arena_t *a, const fsd__wpath_t *p,
                        const char *sys) {
  static const char *const removals[] = {"rename", "unlink", "rmdir", "rm",
                                         NULL};
  /* copyfile is not here: Node's path for it is the source, read. */
  static const char *const writes[] = {"open", "write", "writeFile",
                                       "appendFile", "truncate", "ftruncate",
                                       NULL};
  static const char *const attrs_ops[] = {"chmod", "utime", "futime",
                                          "lutime", "chown", NULL};
  static const char *const creates[] = {"mkdir", "symlink", "mkdtemp", NULL};
  static const char *const lists[] = {"scandir", "opendir", "readdir",
                                      "watch", NULL};
  BY_HANDLE_FILE_INFORMATION info;
  DWORD attrs, e;
  WCHAR *dir;
  if (fsd__call_in(sys, removals)) {
    /* libuv removes a read-only file (it clears the attribute), and a
     * read-only source may be renamed: only the DELETE open can fail. */
    return fsd__try_open(p->full, DELETE, &attrs, NULL);
  }
  if (strcmp(sys, "rename-dest") == 0) {
    e = fsd__try_open(p->full, DELETE, &attrs, NULL);
    if (e == ERROR_FILE_NOT_FOUND) return 0;
    /* MoveFileExW will not replace a read-only file: the open succeeds,
     * the replace is refused with ERROR_ACCESS_DENIED. */
    if (e == 0 && attrs != INVALID_FILE_ATTRIBUTES &&
        (attrs & FILE_ATTRIBUTE_READONLY) &&
        !(attrs & FILE_ATTRIBUTE_DIRECTORY))
      return ERROR_ACCESS_DENIED;
    return e;
  }
  if (strcmp(sys, "symlink") == 0) {
    int present, enabled;
    fsd__symlink_privilege(&present, &enabled);
    if (present == 0 && fsd__developer_mode() == 0)
      return ERROR_PRIVILEGE_NOT_HELD;
  }
  if (strcmp(sys, "link") == 0) {
    fsd__volume_t v;
    const char *why;
    e = fsd__try_open(p->full, FILE_READ_ATTRIBUTES, &attrs, &info);
    if (e != 0) return e;
    fsd__volume(p->full, &v);
    if (fsd__volume_link_max(&v, &why) > 0 &&
        (int64_t)info.nNumberOfLinks >= fsd__volume_link_max(&v, &why))
      return ERROR_TOO_MANY_LINKS;
    return 0;
  }
  if (fsd__call_in(sys, attrs_ops))
    return fsd__try_open(p->full, FILE_WRITE_ATTRIBUTES, &attrs, NULL);
  if (fsd__call_in(sys, lists))
    return fsd__try_open(p->full, FILE_LIST_DIRECTORY, &attrs, NULL);
  if (fsd__call_in(sys, writes)) {
    e = fsd__try_open(p->full, GENERIC_WRITE, &attrs, NULL);
    if (e != ERROR_FILE_NOT_FOUND) return e;
  } else if (!fsd__call_in(sys, creates)) {
    return fsd__try_open(p->full, GENERIC_READ, &attrs, NULL);
  }
  /* Something new in a directory: may this token add an entry there? */
  dir = fsd__wparent(a, p->plain);
  if (dir == NULL) return ERROR_PATH_NOT_FOUND;
  return fsd__try_open(dir,
                       strcmp(sys, "mkdir") == 0 ? FILE_ADD_SUBDIRECTORY
                                                 : FILE_ADD_FILE,
                       &attrs, NULL);
}

int fsd_win32_error(fsd_arena_t *a, const char *path, const char *syscall,
                    int64_t *code, const char **name) {
  fsd__wpath_t p;
  fsd_fail_t fail;
  DWORD e;
  int rc;
  *code = -1;
  *name = NULL;
  memset(&fail, 0, sizeof(fail));
  rc = fsd__wpath(a, path, &p, &fail, "win32error");
  if (rc != 0) return rc;
  e = fsd__probe(a, &p, syscall != NULL ? syscall : "");
  *code = (int64_t)e;
  *name = fsd__win_errname_a(a, e);
  return fsd_arena_oom(a) ? ENOMEM : 0;
}
