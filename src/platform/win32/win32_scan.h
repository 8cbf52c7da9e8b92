#ifndef FSD_PLATFORM_WIN32_SCAN_H
#define FSD_PLATFORM_WIN32_SCAN_H

/* The state of the Windows tree scan, shared by win32_scan.c (the walk)
 * and win32_scan_link.c (what a symlink or junction resolves to), and
 * nothing else. */

#include "platform/win32/win32.h"

#include "scan/scan.h"

#ifndef FIND_FIRST_EX_LARGE_FETCH
#define FIND_FIRST_EX_LARGE_FETCH 2
#endif

/* Which file a handle is: volume serial and file id. */
typedef struct {
  ULONGLONG vol;
  BYTE id[16];
} fsd__fileid_t;

/* One directory on the way down: its listing, and its file id once a link
 * made it worth asking for. */
typedef struct {
  HANDLE find;
  WIN32_FIND_DATAW fd;
  size_t wlen;
  int known;
  fsd__fileid_t id;
} fsd__wanc_t;

typedef struct {
  fsd_scan_t s;
  WCHAR *wp; /* the current path, always \\?\ or \\?\UNC\ prefixed */
  size_t wlen, wcap;
  size_t off;        /* prefix units that the reported path does not have */
  const WCHAR *root; /* the root as reported (no prefix) */
  WCHAR *real;       /* final path of the root, or NULL */
  WCHAR *tmp;        /* GetFinalPathNameByHandleW scratch */
  DWORD tmp_cap;
  fsd__wanc_t *anc;
  int depth, anc_cap;
  unsigned tick;
  int oom;
} fsd__walk_t;

/* The walk (win32_scan.c). */
HANDLE fsd__ws_open(const WCHAR *path, int follow);
/* The first n units of the current path as reported, in the arena. */
char *fsd__ws_u8n(fsd__walk_t *w, size_t n);
/* Sets f's error from a Win32 error: the errno name and the raw code
 * with its name (w->oom on OOM). */
void fsd__ws_error(fsd__walk_t *w, fsd_scan_finding_t *f, DWORD e);
void fsd__ws_finding(fsd_scan_kind_t kind, fsd_scan_finding_t *f);
/* Adds f about the current path; 0 or ENOMEM. */
int fsd__ws_add(fsd__walk_t *w, fsd_scan_finding_t *f);
/* Walks the directory at the current path one level deeper. */
int fsd__ws_enter(fsd__walk_t *w, int parent_long);

/* Links (win32_scan_link.c). */
/* GetFinalPathNameByHandleW into w->tmp (\\?\ form); NULL when it fails. */
const WCHAR *fsd__ws_final(fsd__walk_t *w, HANDLE h);
/* The symlink or junction at the current path; parent is the length of
 * its directory's path. 0 or ENOMEM. */
int fsd__ws_link(fsd__walk_t *w, size_t parent, int is_long);

#endif
