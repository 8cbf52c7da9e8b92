#ifndef FSD_PLATFORM_WIN32_H
#define FSD_PLATFORM_WIN32_H

/* Helpers shared by the win32-*.c probe files, and nothing else. Every path
 * is converted from UTF-8 to UTF-16 once, by fsd__wpath, and only the W
 * functions are called with it; every path that is reported goes back
 * through fsd__u8, which drops the \\?\ prefix added for long paths. */

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif

#include <wchar.h>
#include <windows.h>

#include "platform.h"

/* Reparse tags older mingw-w64 headers lack. */
#ifndef IO_REPARSE_TAG_SYMLINK
#define IO_REPARSE_TAG_SYMLINK 0xA000000CL
#endif
#ifndef IO_REPARSE_TAG_MOUNT_POINT
#define IO_REPARSE_TAG_MOUNT_POINT 0xA0000003L
#endif

/* The longest path any W function takes, in UTF-16 units. */
/* Opening with every share mode: we look, and never stand in the way of
 * the process whose error we are explaining. */
#define FSD__SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

#define FSD__WPATH_MAX 32767

/* A path converted for the W functions. */
typedef struct {
  WCHAR *full; /* absolute, with \\?\ (or \\?\UNC\) when it is long */
  WCHAR *plain; /* absolute without any \\?\ prefix, for reporting */
  size_t len;   /* characters in plain */
  int unc;      /* \\server\share\... */
} fsd__wpath_t;

/* UTF-8 to UTF-16, refusing invalid UTF-8. NULL on failure with *err set
 * to EINVAL (bad UTF-8) or ENOMEM. */
WCHAR *fsd__utf16(fsd_arena_t *a, const char *s, int *err);
/* UTF-16 to UTF-8 (lone surrogates become U+FFFD). NULL on OOM. */
char *fsd__utf8(fsd_arena_t *a, const WCHAR *w);
/* How much of w is a \\?\ (or \??\) prefix to drop for reporting: 4,
 * or 8 for \\?\UNC\ (*unc set); 0 for \\?\Volume{...}\, which has no
 * other spelling. */
size_t fsd__prefix_len(const WCHAR *w, int *unc);
/* Like fsd__utf8, without a leading \\?\ or \\?\UNC\ prefix. */
char *fsd__u8path(fsd_arena_t *a, const WCHAR *w);

/* Converts and makes absolute (GetFullPathNameW). Returns 0, or a positive
 * errno with fail filled: EINVAL for text that is no usable path (bad
 * UTF-8, empty, a \\.\ device), ENAMETOOLONG past FSD__WPATH_MAX, ENOMEM. */
int fsd__wpath(fsd_arena_t *a, const char *path, fsd__wpath_t *out,
               fsd_fail_t *fail, const char *syscall);
/* A copy of w in the arena, prefixed with \\?\ when it is too long for
 * the plain Win32 path rules. */
WCHAR *fsd__wlong(fsd_arena_t *a, const WCHAR *w);
WCHAR *fsd__wdup(fsd_arena_t *a, const WCHAR *w, size_t n);
/* Length of the parent part of w (without the last element), or 0 at a
 * root. */
size_t fsd__wparent_len(const WCHAR *w);
/* Length of the root: "C:\" 3, "\\server\share\" and \\?\ forms longer. */
size_t fsd__wroot_len(const WCHAR *w);

/* The nearest existing ancestor of p (p itself when it exists), as an
 * arena copy with the long-path prefix when needed; NULL when none. */
WCHAR *fsd__wexisting(fsd_arena_t *a, const WCHAR *plain);

/* Win32 error to the errno libuv would report; unknown codes give EIO. */
int fsd__errno(DWORD err);
/* "ERROR_ACCESS_DENIED" for 5, or NULL. */
const char *fsd__win_errname(DWORD err);
/* The name of any Win32 error: the one above, else "WIN32_ERROR_<n>" in
 * the arena (NULL on OOM). */
const char *fsd__win_errname_a(fsd_arena_t *a, DWORD err);
/* A failure a probe reports: *err the errno libuv would give, *raw the
 * Win32 code itself and its name. e is GetLastError() taken right at the
 * failing call. */
void fsd__keep_err(fsd_arena_t *a, DWORD e, int *err, fsd_win32_err_t *raw);

/* Volume facts shared by fsInfo and linkInfo. */
typedef struct {
  WCHAR root[MAX_PATH + 1];
  WCHAR fsname[MAX_PATH + 1];
  DWORD flags;
  DWORD name_max;
  int ok;
} fsd__volume_t;
void fsd__volume(const WCHAR *existing, fsd__volume_t *v);
/* Most hard links per file on that filesystem, < 0 when unknown (and
 * *reason says why). */
int64_t fsd__volume_link_max(const fsd__volume_t *v, const char **reason);

/* Reparse point of an existing path: its tag (0 when none) and, for a
 * symlink or junction, its target (arena UTF-16, no \??\ prefix) and
 * whether it is relative. Returns 0 or a Win32 error. */
DWORD fsd__reparse(fsd_arena_t *a, const WCHAR *path, DWORD *tag,
                   WCHAR **target, int *relative);

/* Token facts for privileges and the Win32 error recovery. */
int fsd__symlink_privilege(int *present, int *enabled);
int fsd__developer_mode(void);

#endif
