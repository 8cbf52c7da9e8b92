/* The links of the Windows tree scan: whether a symlink or junction
 * resolves (CreateFileW following it), whether it leads back to a
 * directory being walked (volume serial and file id), and whether it
 * leaves the tree (GetFinalPathNameByHandleW against the root's final
 * path, then the link's own text as FSCTL_GET_REPARSE_POINT gives it). */

#include "platform/win32/win32_scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Where path (a \\?\, \??\, \\?\UNC\ or plain form) starts once spelled
 * the same way as every other: "C:\x" or "server\share\x". */
static const WCHAR *fsd__wkey(const WCHAR *p) {
  int unc;
  size_t skip = fsd__prefix_len(p, &unc);
  if (skip == 0 && p[0] == L'\\' && p[1] == L'\\' && p[2] != L'?') skip = 2;
  return p + skip;
}

/* Whether p is root or below it; Windows names compare without case. */
static int fsd__wunder(const WCHAR *p, const WCHAR *root) {
  size_t n;
  if (p == NULL || root == NULL) return 0;
  p = fsd__wkey(p);
  root = fsd__wkey(root);
  n = wcslen(root);
  while (n > 0 && root[n - 1] == L'\\') n--;
  if (n == 0 || _wcsnicmp(p, root, n) != 0) return 0;
  return p[n] == L'\0' || p[n] == L'\\';
}

const WCHAR *fsd__ws_final(fsd__walk_t *w, HANDLE h) {
  for (;;) {
    DWORD n = GetFinalPathNameByHandleW(h, w->tmp, w->tmp_cap, 0);
    WCHAR *p;
    if (n == 0) return NULL;
    if (n < w->tmp_cap) return w->tmp;
    p = realloc(w->tmp, ((size_t)n + 1) * sizeof(WCHAR));
    if (p == NULL) {
      w->oom = 1;
      return NULL;
    }
    w->tmp = p;
    w->tmp_cap = n + 1;
  }
}

/* The 128-bit id where the filesystem has one (FileIdInfo): on ReFS, and
 * so on a Dev Drive, the 64-bit file index is not unique. Else the volume
 * serial and file index. Returns 0 when neither can be read. */
static int fsd__fileid(HANDLE h, fsd__fileid_t *id) {
  FILE_ID_INFO fi;
  BY_HANDLE_FILE_INFORMATION bi;
  memset(id, 0, sizeof(*id));
  if (GetFileInformationByHandleEx(h, FileIdInfo, &fi, sizeof(fi))) {
    id->vol = fi.VolumeSerialNumber;
    memcpy(id->id, &fi.FileId, sizeof(id->id));
    return 1;
  }
  if (!GetFileInformationByHandle(h, &bi)) return 0;
  id->vol = bi.dwVolumeSerialNumber;
  memcpy(id->id, &bi.nFileIndexLow, sizeof(DWORD));
  memcpy(id->id + 4, &bi.nFileIndexHigh, sizeof(DWORD));
  return 1;
}

/* The ancestor directory that is the file id, or -1. */
static int fsd__ancestor(fsd__walk_t *w, const fsd__fileid_t *id) {
  int i;
  for (i = w->depth; i >= 0; i--) {
    fsd__wanc_t *an = &w->anc[i];
    if (!an->known) {
      WCHAR c = w->wp[an->wlen];
      HANDLE h;
      w->wp[an->wlen] = L'\0';
      h = fsd__ws_open(w->wp, 1);
      w->wp[an->wlen] = c;
      if (h == INVALID_HANDLE_VALUE) continue;
      an->known = fsd__fileid(h, &an->id);
      CloseHandle(h);
      if (!an->known) continue;
    }
    if (memcmp(&an->id, id, sizeof(*id)) == 0) return i;
  }
  return -1;
}

/* The link's own text (symlink or junction target, prefix dropped) in
 * scratch, or NULL: wine's links, made on the Unix side, have none. */
static const WCHAR *fsd__target(fsd__walk_t *w, fsd_arena_t *scratch,
                                int *relative) {
  DWORD tag;
  WCHAR *t = NULL;
  *relative = 0;
  if (scratch == NULL || fsd__reparse(scratch, w->wp, &tag, &t, relative) != 0)
    return NULL;
  return t;
}

/* The target text of the current link for a finding, in the arena. */
static const char *fsd__target_u8(fsd__walk_t *w) {
  fsd_arena_t *scratch;
  const WCHAR *t;
  char *r = NULL;
  int rel;
  if (w->s.kept >= w->s.opts->max_results) return NULL;
  scratch = fsd_arena_new();
  t = fsd__target(w, scratch, &rel);
  if (t != NULL && (r = fsd__u8path(w->s.a, t)) == NULL) w->oom = 1;
  fsd_arena_free(scratch);
  return r;
}

/* Whether the link's text, taken against its directory, names a place in
 * the tree: a chain through another link of the tree is that link's
 * finding, as in posix_scan.c. */
static int fsd__text_inside(fsd__walk_t *w, fsd_arena_t *scratch,
                            const WCHAR *t, int rel, size_t parent) {
  WCHAR *joined, *full;
  const WCHAR *dir;
  size_t dn, tn = wcslen(t);
  DWORD n;
  if (!rel) return fsd__wunder(t, w->root) || fsd__wunder(t, w->real);
  /* Relative to the plain spelling: GetFullPathNameW leaves ".." in a
   * \\?\ path alone. A "\x" target is relative to the drive. */
  dir = fsd__wkey(w->wp);
  dn = parent - (size_t)(dir - w->wp);
  if (t[0] == L'\\') dn = fsd__wroot_len(w->wp) - 1 - (size_t)(dir - w->wp);
  joined = fsd_alloc(scratch, (dn + tn + 4) * sizeof(WCHAR));
  if (joined == NULL) return 0;
  if (w->off > 4) wcscpy(joined, L"\\\\"); /* UNC: \\server\share */
  memcpy(joined + wcslen(joined), dir, dn * sizeof(WCHAR));
  if (t[0] != L'\\') wcscat(joined, L"\\");
  wcscat(joined, t);
  n = GetFullPathNameW(joined, 0, NULL, NULL);
  full = n ? fsd_alloc(scratch, ((size_t)n + 1) * sizeof(WCHAR)) : NULL;
  if (full == NULL || GetFullPathNameW(joined, n + 1, full, NULL) == 0)
    return 0;
  return fsd__wunder(full, w->root) || fsd__wunder(full, w->real);
}

/* Reports the link open on h when it resolves outside the tree. */
static int fsd__outside(fsd__walk_t *w, HANDLE h, size_t parent) {
  fsd_scan_finding_t f;
  fsd_arena_t *scratch;
  const WCHAR *fin = fsd__ws_final(w, h), *t;
  int rel, inside;
  if (fin == NULL || fsd__wunder(fin, w->real)) return w->oom ? ENOMEM : 0;
  fsd__ws_finding(FSD_SCAN_OUTSIDE, &f);
  f.resolved = fsd__u8path(w->s.a, fin);
  scratch = fsd_arena_new();
  t = fsd__target(w, scratch, &rel);
  inside = t != NULL && fsd__text_inside(w, scratch, t, rel, parent);
  if (t != NULL && !inside) f.target = fsd__u8path(w->s.a, t);
  fsd_arena_free(scratch);
  if (f.resolved == NULL) return ENOMEM;
  return inside ? 0 : fsd__ws_add(w, &f);
}

int fsd__ws_link(fsd__walk_t *w, size_t parent, int is_long) {
  BY_HANDLE_FILE_INFORMATION bi;
  fsd__fileid_t id;
  fsd_scan_finding_t f;
  HANDLE h;
  int i, rc = 0, is_dir;
  w->s.symlinks++;
  h = fsd__ws_open(w->wp, 1);
  if (h == INVALID_HANDLE_VALUE) {
    DWORD e = GetLastError();
    /* ERROR_CANT_RESOLVE_FILENAME: too many hops, Windows' ELOOP. */
    int loop = fsd__errno(e) == ELOOP;
    fsd__ws_finding(loop ? FSD_SCAN_LOOP : FSD_SCAN_BROKEN, &f);
    fsd__ws_error(w, &f, e);
    f.target = fsd__target_u8(w);
    return w->oom ? ENOMEM : fsd__ws_add(w, &f);
  }
  if (!GetFileInformationByHandle(h, &bi)) memset(&bi, 0, sizeof(bi));
  is_dir = (bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
  if (is_dir && fsd__fileid(h, &id) && (i = fsd__ancestor(w, &id)) >= 0) {
    CloseHandle(h);
    fsd__ws_finding(FSD_SCAN_LOOP, &f);
    f.target = fsd__target_u8(w);
    f.ancestor = 1;
    if (w->s.kept < w->s.opts->max_results)
      f.resolved = fsd__ws_u8n(w, w->anc[i].wlen);
    return w->oom ? ENOMEM : fsd__ws_add(w, &f);
  }
  if (w->s.opts->check_outside) rc = fsd__outside(w, h, parent);
  CloseHandle(h);
  if (rc != 0) return rc;
  if (is_dir && w->s.opts->follow_symlinks) return fsd__ws_enter(w, is_long);
  return 0;
}
