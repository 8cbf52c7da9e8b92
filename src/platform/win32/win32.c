/* Windows: path conversion, Win32 error names, limits. The probes are in
 * win32-fs.c (fsInfo, linkInfo), win32-path.c (pathInfo), win32-priv.c
 * (privileges), win32-holders.c (holders) and win32-err.c (the Win32 code
 * behind a Node error). */
#include "platform/win32/win32.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char *fsd_platform_name(void) { return "win32"; }
int fsd_platform_is_wsl(void) { return 0; }

WCHAR *fsd__wdup(fsd_arena_t *a, const WCHAR *w, size_t n) {
  WCHAR *r = fsd_alloc(a, (n + 1) * sizeof(WCHAR));
  if (r == NULL) return NULL;
  memcpy(r, w, n * sizeof(WCHAR));
  r[n] = L'\0';
  return r;
}

WCHAR *fsd__utf16(fsd_arena_t *a, const char *s, int *err) {
  int n;
  WCHAR *w;
  /* MB_ERR_INVALID_CHARS: a path that is not UTF-8 must not silently
   * become a different path full of U+FFFD. */
  n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
  if (n <= 0) {
    *err = EINVAL;
    return NULL;
  }
  w = fsd_alloc(a, (size_t)n * sizeof(WCHAR));
  if (w == NULL) {
    *err = ENOMEM;
    return NULL;
  }
  if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) {
    *err = EINVAL;
    return NULL;
  }
  return w;
}

char *fsd__utf8(fsd_arena_t *a, const WCHAR *w) {
  int n;
  char *s;
  if (w == NULL) return NULL;
  n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  if (n <= 0) return fsd_strdup(a, "");
  s = fsd_alloc(a, (size_t)n);
  if (s == NULL) return NULL;
  if (WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n)
    s[0] = '\0';
  return s;
}

size_t fsd__prefix_len(const WCHAR *w, int *unc) {
  *unc = 0;
  if (wcsncmp(w, L"\\\\?\\", 4) != 0 && wcsncmp(w, L"\\??\\", 4) != 0)
    return 0;
  if (_wcsnicmp(w + 4, L"UNC\\", 4) == 0) {
    *unc = 1;
    return 8;
  }
  /* Only a drive path loses its prefix: \\?\Volume{...}\ has no other
   * spelling. */
  if (iswalpha(w[4]) && w[5] == L':') return 4;
  return 0;
}

char *fsd__u8path(fsd_arena_t *a, const WCHAR *w) {
  int unc;
  size_t skip;
  char *rest, *r;
  if (w == NULL) return NULL;
  skip = fsd__prefix_len(w, &unc);
  rest = fsd__utf8(a, w + skip);
  if (rest == NULL || !unc) return rest;
  r = fsd_printf(a, "\\\\%s", rest);
  return r;
}

size_t fsd__wroot_len(const WCHAR *w) {
  size_t i, seps;
  int unc;
  size_t skip = fsd__prefix_len(w, &unc);
  if (unc || (skip == 0 && w[0] == L'\\' && w[1] == L'\\')) {
    /* \\server\share\ or \\?\UNC\server\share\ */
    i = unc ? skip : 2;
    for (seps = 0; w[i] != L'\0'; i++)
      if (w[i] == L'\\' && ++seps == 2) return i + 1;
    return i;
  }
  if (skip == 0 && wcsncmp(w, L"\\\\?\\", 4) == 0) {
    /* \\?\Volume{...}\ */
    for (i = 4; w[i] != L'\0'; i++)
      if (w[i] == L'\\') return i + 1;
    return i;
  }
  if (iswalpha(w[skip]) && w[skip + 1] == L':')
    return skip + (w[skip + 2] == L'\\' ? 3 : 2);
  return w[0] == L'\\' ? 1 : 0;
}

size_t fsd__wparent_len(const WCHAR *w) {
  size_t root = fsd__wroot_len(w);
  size_t n = wcslen(w);
  while (n > root && w[n - 1] == L'\\') n--;
  while (n > root && w[n - 1] != L'\\') n--;
  while (n > root && w[n - 1] == L'\\') n--;
  return n;
}

WCHAR *fsd__wlong(fsd_arena_t *a, const WCHAR *w) {
  size_t n = wcslen(w);
  WCHAR *r;
  /* 248 is the limit for a directory (room for an 8.3 name); below it
   * every call works without the prefix, which older filesystems and
   * network redirectors handle best. */
  if (n < 248 || wcsncmp(w, L"\\\\?\\", 4) == 0) return fsd__wdup(a, w, n);
  if (w[0] == L'\\' && w[1] == L'\\') {
    r = fsd_alloc(a, (n + 7) * sizeof(WCHAR));
    if (r == NULL) return NULL;
    memcpy(r, L"\\\\?\\UNC", 7 * sizeof(WCHAR));
    memcpy(r + 7, w + 1, n * sizeof(WCHAR)); /* includes the NUL */
    return r;
  }
  r = fsd_alloc(a, (n + 5) * sizeof(WCHAR));
  if (r == NULL) return NULL;
  memcpy(r, L"\\\\?\\", 4 * sizeof(WCHAR));
  memcpy(r + 4, w, (n + 1) * sizeof(WCHAR));
  return r;
}

static int fsd__bad_path(fsd_fail_t *fail, const char *syscall,
                         const char *path, const char *why) {
  fail->syscall = syscall;
  fail->path = path;
  fail->message = why;
  return EINVAL;
}

int fsd__wpath(fsd_arena_t *a, const char *path, fsd__wpath_t *out,
               fsd_fail_t *fail, const char *syscall) {
  WCHAR *w, *full;
  DWORD n, m;
  int err = 0, unc;
  size_t skip;
  memset(out, 0, sizeof(*out));
  if (path == NULL || path[0] == '\0')
    return fsd__bad_path(fail, syscall, path, "path is empty");
  w = fsd__utf16(a, path, &err);
  if (w == NULL) {
    if (err == ENOMEM) {
      fail->syscall = "malloc";
      return ENOMEM;
    }
    return fsd__bad_path(fail, syscall, NULL, "path is not valid UTF-8");
  }
  if (wcsncmp(w, L"\\\\.\\", 4) == 0 || wcsncmp(w, L"//./", 4) == 0)
    return fsd__bad_path(fail, syscall, path,
                         "a \\\\.\\ device path is not a file path");
  n = GetFullPathNameW(w, 0, NULL, NULL);
  if (n == 0)
    return fsd__bad_path(fail, syscall, path, "path cannot be made absolute");
  full = fsd_alloc(a, ((size_t)n + 1) * sizeof(WCHAR));
  if (full == NULL) {
    fail->syscall = "malloc";
    return ENOMEM;
  }
  m = GetFullPathNameW(w, n + 1, full, NULL);
  if (m == 0 || m > n)
    return fsd__bad_path(fail, syscall, path, "path cannot be made absolute");
  /* Reserved names (NUL, CON, COM1) come back as \\.\NUL. */
  if (wcsncmp(full, L"\\\\.\\", 4) == 0)
    return fsd__bad_path(fail, syscall, path,
                         "a reserved device name is not a file path");
  skip = fsd__prefix_len(full, &unc);
  if (unc) {
    out->plain = fsd_alloc(a, (wcslen(full) - skip + 3) * sizeof(WCHAR));
    if (out->plain == NULL) {
      fail->syscall = "malloc";
      return ENOMEM;
    }
    out->plain[0] = out->plain[1] = L'\\';
    wcscpy(out->plain + 2, full + skip);
  } else {
    out->plain = full + skip;
  }
  out->len = wcslen(out->plain);
  /* No Windows API takes more: refuse it here rather than let every
   * probe fail its own way. */
  if (out->len > FSD__WPATH_MAX) {
    fail->syscall = syscall;
    fail->path = path;
    fail->message = "path is longer than Windows allows (32767 characters)";
    return ENAMETOOLONG;
  }
  out->unc = unc || (out->plain[0] == L'\\' && out->plain[1] == L'\\' &&
                     out->plain[2] != L'?');
  out->full = fsd__wlong(a, out->plain);
  if (out->full == NULL) {
    fail->syscall = "malloc";
    return ENOMEM;
  }
  return 0;
}

static int fsd__missing_err(DWORD e) {
  return e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND ||
         e == ERROR_INVALID_NAME || e == ERROR_BAD_PATHNAME ||
         e == ERROR_DIRECTORY || e == ERROR_INVALID_DRIVE ||
         e == ERROR_NOT_READY || e == ERROR_BAD_NETPATH ||
         e == ERROR_BAD_NET_NAME;
}

/* 1 when p exists (or exists but cannot be read), 0 when it does not;
 * -1 on OOM. */
static int fsd__wexists(fsd_arena_t *a, const WCHAR *plain, size_t n,
                        WCHAR **lp) {
  WCHAR *cur = fsd__wdup(a, plain, n);
  *lp = cur ? fsd__wlong(a, cur) : NULL;
  if (*lp == NULL) return -1;
  if (GetFileAttributesW(*lp) != INVALID_FILE_ATTRIBUTES) return 1;
  /* Anything but "not there" (access denied, sharing) means it exists
   * and only could not be read. */
  return fsd__missing_err(GetLastError()) ? 0 : 1;
}

WCHAR *fsd__wexisting(fsd_arena_t *a, const WCHAR *plain) {
  size_t len = wcslen(plain), root = fsd__wroot_len(plain), i;
  WCHAR *lp, *best = NULL;
  int r = fsd__wexists(a, plain, len, &lp);
  if (r != 0) return r > 0 ? lp : NULL;
  /* From the root down, so that a long missing tail costs one probe. */
  if (root > 0) {
    r = fsd__wexists(a, plain, root, &lp);
    if (r <= 0) return NULL;
    best = lp;
  }
  for (i = root; i < len;) {
    while (i < len && plain[i] == L'\\') i++;
    while (i < len && plain[i] != L'\\') i++;
    r = fsd__wexists(a, plain, i, &lp);
    if (r <= 0) break;
    best = lp;
  }
  return best;
}

/* Win32 errors with the errno libuv gives them (uv_translate_sys_error),
 * so a probe reports the code a Node user would see. */
typedef struct {
  DWORD win;
  int err;
  const char *name;
} fsd__winerr_t;

#ifndef ERROR_ELEVATION_REQUIRED
#define ERROR_ELEVATION_REQUIRED 740L
#endif

#define FSD__E(code, e) {code, e, #code}
static const fsd__winerr_t fsd__winerrs[] = {
    FSD__E(ERROR_SUCCESS, 0),
    FSD__E(ERROR_INVALID_FUNCTION, EISDIR),
    FSD__E(ERROR_FILE_NOT_FOUND, ENOENT),
    FSD__E(ERROR_PATH_NOT_FOUND, ENOENT),
    FSD__E(ERROR_TOO_MANY_OPEN_FILES, EMFILE),
    FSD__E(ERROR_ACCESS_DENIED, EPERM),
    FSD__E(ERROR_INVALID_HANDLE, EBADF),
    FSD__E(ERROR_NOT_ENOUGH_MEMORY, ENOMEM),
    FSD__E(ERROR_OUTOFMEMORY, ENOMEM),
    FSD__E(ERROR_INVALID_DRIVE, ENOENT),
    FSD__E(ERROR_NOT_SAME_DEVICE, EXDEV),
    FSD__E(ERROR_WRITE_PROTECT, EROFS),
    FSD__E(ERROR_NOT_READY, EAGAIN),
    FSD__E(ERROR_SHARING_VIOLATION, EBUSY),
    FSD__E(ERROR_LOCK_VIOLATION, EBUSY),
    FSD__E(ERROR_HANDLE_DISK_FULL, ENOSPC),
    FSD__E(ERROR_NOT_SUPPORTED, ENOTSUP),
    FSD__E(ERROR_BAD_NETPATH, ENOENT),
    FSD__E(ERROR_BAD_NET_NAME, ENOENT),
    FSD__E(ERROR_NETWORK_ACCESS_DENIED, EACCES),
    FSD__E(ERROR_FILE_EXISTS, EEXIST),
    FSD__E(ERROR_CANNOT_MAKE, EACCES),
    FSD__E(ERROR_INVALID_PARAMETER, EINVAL),
    FSD__E(ERROR_BROKEN_PIPE, EPIPE),
    FSD__E(ERROR_DISK_FULL, ENOSPC),
    FSD__E(ERROR_INVALID_NAME, ENOENT),
    FSD__E(ERROR_DIR_NOT_EMPTY, ENOTEMPTY),
    FSD__E(ERROR_BAD_PATHNAME, ENOENT),
    FSD__E(ERROR_BUSY, EBUSY),
    FSD__E(ERROR_ALREADY_EXISTS, EEXIST),
    FSD__E(ERROR_FILENAME_EXCED_RANGE, ENAMETOOLONG),
    FSD__E(ERROR_DIRECTORY, ENOTDIR),
    FSD__E(ERROR_NOT_A_REPARSE_POINT, EINVAL),
    FSD__E(ERROR_CANT_RESOLVE_FILENAME, ELOOP),
    FSD__E(ERROR_CANT_ACCESS_FILE, EACCES),
    FSD__E(ERROR_TOO_MANY_LINKS, EMLINK),
    FSD__E(ERROR_PRIVILEGE_NOT_HELD, EPERM),
    FSD__E(ERROR_USER_MAPPED_FILE, EBUSY),
    FSD__E(ERROR_DELETE_PENDING, EPERM),
    FSD__E(ERROR_ELEVATION_REQUIRED, EACCES),
    FSD__E(ERROR_INVALID_REPARSE_DATA, EINVAL),
    FSD__E(ERROR_NOACCESS, EACCES),
};
#undef FSD__E

int fsd__errno(DWORD err) {
  size_t i;
  for (i = 0; i < sizeof(fsd__winerrs) / sizeof(fsd__winerrs[0]); i++)
    if (fsd__winerrs[i].win == err) return fsd__winerrs[i].err;
  return EIO;
}

const char *fsd__win_errname(DWORD err) {
  size_t i;
  for (i = 0; i < sizeof(fsd__winerrs) / sizeof(fsd__winerrs[0]); i++)
    if (fsd__winerrs[i].win == err) return fsd__winerrs[i].name;
  return NULL;
}

const char *fsd__win_errname_a(fsd_arena_t *a, DWORD err) {
  const char *n = fsd__win_errname(err);
  return n != NULL ? n : fsd_printf(a, "WIN32_ERROR_%lu", (unsigned long)err);
}

void fsd__keep_err(fsd_arena_t *a, DWORD e, int *err, fsd_win32_err_t *raw) {
  *err = fsd__errno(e);
  raw->code = (int64_t)e;
  raw->name = e != 0 ? fsd__win_errname_a(a, e) : NULL;
}

int fsd_limits(fsd_arena_t *a, fsd_limits_t *out, fsd_fail_t *fail) {
  DWORD handles = 0;
  (void)a;
  (void)fail;
  /* Windows has no descriptor rlimit: kernel handles are bounded by
   * memory, and the CRT's stdio table by _getmaxstdio (512 unless raised;
   * this is the limit of the C runtime this addon links, node.exe carries
   * its own copy). */
  out->nofile_soft = out->nofile_hard = -1;
  out->open_fds = -1;
  out->file_nr = out->file_max = -1;
  out->inotify_max_watches = out->inotify_max_instances = -1;
  out->inotify_watches_used = out->inotify_instances_used = -1;
  out->crt_max_stdio = _getmaxstdio();
  /* A live process always holds some handles: 0 is a stub's answer
   * (wine's), not a count. */
  if (GetProcessHandleCount(GetCurrentProcess(), &handles) && handles > 0)
    out->handle_count = handles;
  else
    out->handle_count = -1;
  return 0;
}
