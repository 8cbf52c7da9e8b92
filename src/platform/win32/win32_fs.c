/* Windows fsInfo and linkInfo: volume facts (GetVolumeInformationW), free
 * space, link counts and reparse points (symlinks and junctions). */
#include "platform/win32/win32.h"

#include <errno.h>
#include <string.h>
#include <winnetwk.h>
#include <winioctl.h>

#ifndef FILE_SUPPORTS_HARD_LINKS
#define FILE_SUPPORTS_HARD_LINKS 0x00400000
#endif
#define FSD__SYMLINK_RELATIVE 1
#define FSD__REPARSE_MAX (16 * 1024)
#define FSD__MAX_HOPS 63 /* what the object manager follows */

void fsd__volume(const WCHAR *existing, fsd__volume_t *v) {
  memset(v, 0, sizeof(*v));
  if (existing == NULL) return;
  if (!GetVolumePathNameW(existing, v->root, MAX_PATH)) return;
  v->ok = GetVolumeInformationW(v->root, NULL, 0, NULL, &v->name_max,
                                &v->flags, v->fsname, MAX_PATH) != 0;
}

static int fsd__fs_is(const fsd__volume_t *v, const WCHAR *name) {
  return v->ok && _wcsicmp(v->fsname, name) == 0;
}

int64_t fsd__volume_link_max(const fsd__volume_t *v, const char **reason) {
  *reason = NULL;
  if (!v->ok) {
    *reason = "the volume could not be queried";
    return -1;
  }
  if (GetDriveTypeW(v->root) == DRIVE_REMOTE ||
      (v->root[0] == L'\\' && v->root[1] == L'\\' && v->root[2] != L'?')) {
    *reason = "a network share: the server's filesystem decides";
    return -1;
  }
  /* NTFS keeps at most 1024 names per file (ERROR_TOO_MANY_LINKS past
   * that); FAT and exFAT have no hard links at all. */
  if (fsd__fs_is(v, L"NTFS")) return 1024;
  if (!(v->flags & FILE_SUPPORTS_HARD_LINKS) || fsd__fs_is(v, L"FAT") ||
      fsd__fs_is(v, L"FAT32") || fsd__fs_is(v, L"exFAT")) {
    *reason = "this filesystem has no hard links";
    return 1;
  }
  *reason = "no documented link limit for this filesystem";
  return -1;
}

static const struct {
  DWORD flag;
  const char *name;
} fsd__volflags[] = {
    {FILE_CASE_SENSITIVE_SEARCH, "case_sensitive_search"},
    {FILE_CASE_PRESERVED_NAMES, "case_preserved_names"},
    {FILE_UNICODE_ON_DISK, "unicode_on_disk"},
    {FILE_PERSISTENT_ACLS, "persistent_acls"},
    {FILE_FILE_COMPRESSION, "compression"},
    {FILE_SUPPORTS_REPARSE_POINTS, "reparse_points"},
    {FILE_SUPPORTS_HARD_LINKS, "hard_links"},
    {FILE_READ_ONLY_VOLUME, "read_only"},
};

static const char *fsd__flag_list(fsd_arena_t *a, DWORD flags) {
  const char *s = "";
  size_t i;
  for (i = 0; i < sizeof(fsd__volflags) / sizeof(fsd__volflags[0]); i++) {
    if (!(flags & fsd__volflags[i].flag)) continue;
    s = fsd_printf(a, "%s%s%s", s, s[0] ? "," : "", fsd__volflags[i].name);
    if (s == NULL) return NULL;
  }
  return s;
}

static char *fsd__lower(char *s) {
  char *p;
  for (p = s; p != NULL && *p; p++)
    if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
  return s;
}

/* The share behind a mapped drive letter, or the volume GUID path. */
static const char *fsd__source(fsd_arena_t *a, const fsd__volume_t *v,
                               int remote) {
  WCHAR buf[MAX_PATH + 1];
  DWORD n = MAX_PATH;
  if (remote && iswalpha(v->root[0]) && v->root[1] == L':') {
    WCHAR drive[3] = {v->root[0], L':', L'\0'};
    if (WNetGetConnectionW(drive, buf, &n) == NO_ERROR)
      return fsd__u8path(a, buf);
    return NULL;
  }
  if (v->root[0] == L'\\' && v->root[1] == L'\\' && v->root[2] != L'?')
    return fsd__u8path(a, v->root);
  if (GetVolumeNameForVolumeMountPointW(v->root, buf, MAX_PATH))
    return fsd__utf8(a, buf);
  return NULL;
}

int fsd_fsinfo(fsd_arena_t *a, const char *path, fsd_fsinfo_t *out,
               fsd_fail_t *fail) {
  fsd__wpath_t p;
  fsd__volume_t v;
  WCHAR *existing;
  ULARGE_INTEGER avail, total, freeb;
  DWORD spc, bps, nfree, nclus;
  UINT drive;
  int rc = fsd__wpath(a, path, &p, fail, "fsinfo");
  if (rc != 0) return rc;
  out->path = path;
  out->read_only = out->network = out->symlinks = out->hardlinks =
      out->case_sensitive = FSD_UNKNOWN;
  out->wsl_windows_mount = 0;
  out->link_max = out->subdir_max = out->block_size = -1;
  out->total_bytes = out->free_bytes = out->avail_bytes = -1;
  out->total_inodes = out->free_inodes = out->name_max = -1;
  out->type = "unknown";
  out->options = "";
  existing = fsd__wexisting(a, p.plain);
  if (existing != NULL) out->probed = fsd__u8path(a, existing);
  fsd__volume(existing, &v);
  if (v.root[0] == L'\0') return 0;
  out->mount_point = fsd__u8path(a, v.root);
  drive = GetDriveTypeW(v.root);
  out->network = drive == DRIVE_REMOTE || (v.root[0] == L'\\' &&
                                           v.root[1] == L'\\' &&
                                           v.root[2] != L'?');
  out->source = fsd__source(a, &v, out->network);
  if (v.ok) {
    out->type = fsd__lower(fsd__utf8(a, v.fsname));
    out->options = fsd__flag_list(a, v.flags);
    out->read_only = (v.flags & FILE_READ_ONLY_VOLUME) != 0;
    out->symlinks = (v.flags & FILE_SUPPORTS_REPARSE_POINTS) != 0;
    out->hardlinks = (v.flags & FILE_SUPPORTS_HARD_LINKS) != 0;
    out->case_sensitive = (v.flags & FILE_CASE_SENSITIVE_SEARCH) != 0;
    out->name_max = v.name_max;
  }
  if (drive == DRIVE_CDROM) out->read_only = 1;
  out->link_max = fsd__volume_link_max(&v, &out->link_max_reason);
  if (GetDiskFreeSpaceExW(v.root, &avail, &total, &freeb)) {
    out->avail_bytes = (int64_t)avail.QuadPart;
    out->total_bytes = (int64_t)total.QuadPart;
    out->free_bytes = (int64_t)freeb.QuadPart;
  }
  if (GetDiskFreeSpaceW(v.root, &spc, &bps, &nfree, &nclus))
    out->block_size = (int64_t)spc * bps;
  return fsd_arena_oom(a) ? ENOMEM : 0;
}

/* REPARSE_DATA_BUFFER lives in the DDK headers; this is its layout for
 * the two tags that name a path. */
typedef struct {
  ULONG tag;
  USHORT data_len;
  USHORT reserved;
  USHORT sub_off, sub_len, print_off, print_len;
  union {
    struct {
      ULONG flags;
      WCHAR buf[1];
    } sym;
    struct {
      WCHAR buf[1];
    } mnt;
  } u;
} fsd__reparse_buf_t;

DWORD fsd__reparse(fsd_arena_t *a, const WCHAR *path, DWORD *tag,
                   WCHAR **target, int *relative) {
  fsd__reparse_buf_t *rb;
  DWORD attrs, got = 0, err = 0;
  const WCHAR *names;
  WCHAR *t;
  size_t n;
  HANDLE h;
  *tag = 0;
  *target = NULL;
  *relative = 0;
  attrs = GetFileAttributesW(path);
  if (attrs == INVALID_FILE_ATTRIBUTES) return GetLastError();
  if (!(attrs & FILE_ATTRIBUTE_REPARSE_POINT)) return 0;
  rb = fsd_alloc(a, FSD__REPARSE_MAX);
  if (rb == NULL) return ERROR_NOT_ENOUGH_MEMORY;
  h = CreateFileW(path, FILE_READ_ATTRIBUTES,
                  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                  NULL, OPEN_EXISTING,
                  FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS,
                  NULL);
  if (h == INVALID_HANDLE_VALUE) return GetLastError();
  if (!DeviceIoControl(h, FSCTL_GET_REPARSE_POINT, NULL, 0, rb,
                       FSD__REPARSE_MAX, &got, NULL))
    err = GetLastError();
  CloseHandle(h);
  if (err != 0) return err;
  if (got < 8) return ERROR_INVALID_REPARSE_DATA;
  *tag = rb->tag;
  if (rb->tag == IO_REPARSE_TAG_SYMLINK) {
    names = rb->u.sym.buf;
    *relative = (rb->u.sym.flags & FSD__SYMLINK_RELATIVE) != 0;
  } else if (rb->tag == IO_REPARSE_TAG_MOUNT_POINT) {
    names = rb->u.mnt.buf;
  } else {
    return 0;
  }
  if ((const char *)names + rb->sub_off + rb->sub_len > (const char *)rb + got)
    return ERROR_INVALID_REPARSE_DATA;
  n = rb->sub_len / sizeof(WCHAR);
  t = fsd__wdup(a, (const WCHAR *)((const char *)names + rb->sub_off), n);
  if (t == NULL) return ERROR_NOT_ENOUGH_MEMORY;
  /* The NT form \??\C:\x is the Win32 \\?\C:\x. */
  if (wcsncmp(t, L"\\??\\", 4) == 0) t[1] = L'\\';
  *target = t;
  return 0;
}

static int fsd__is_link_tag(DWORD tag) {
  return tag == IO_REPARSE_TAG_SYMLINK || tag == IO_REPARSE_TAG_MOUNT_POINT;
}

/* The next hop: an absolute target as is, a relative one against the
 * directory that holds the link. */
static WCHAR *fsd__next_hop(fsd_arena_t *a, const WCHAR *link,
                            const WCHAR *target, int relative) {
  WCHAR *joined, *full;
  size_t plen;
  DWORD n;
  if (!relative) return fsd__wlong(a, target);
  plen = fsd__wparent_len(link);
  joined = fsd_alloc(a, (plen + wcslen(target) + 2) * sizeof(WCHAR));
  if (joined == NULL) return NULL;
  memcpy(joined, link, plen * sizeof(WCHAR));
  joined[plen] = L'\\';
  wcscpy(joined + plen + 1, target);
  n = GetFullPathNameW(joined, 0, NULL, NULL);
  if (n == 0) return NULL;
  full = fsd_alloc(a, ((size_t)n + 1) * sizeof(WCHAR));
  if (full == NULL || GetFullPathNameW(joined, n + 1, full, NULL) == 0)
    return NULL;
  return fsd__wlong(a, full);
}

static int fsd__same_path(const WCHAR *x, const WCHAR *y) {
  int ux, uy;
  return _wcsicmp(x + fsd__prefix_len(x, &ux), y + fsd__prefix_len(y, &uy)) ==
         0;
}

int fsd_linkinfo(fsd_arena_t *a, const char *path, fsd_linkinfo_t *out,
                 fsd_fail_t *fail) {
  fsd__wpath_t p;
  fsd__volume_t v;
  WCHAR *hops[FSD__MAX_HOPS + 2], *target;
  BY_HANDLE_FILE_INFORMATION info;
  size_t nh = 0, i;
  DWORD tag, e;
  HANDLE h;
  int rel;
  int rc = fsd__wpath(a, path, &p, fail, "linkinfo");
  if (rc != 0) return rc;
  out->path = path;
  out->nlink = out->link_max = out->headroom = out->subdirs = -1;
  out->chain = fsd_alloc(a, (FSD__MAX_HOPS + 2) * sizeof(char *));
  if (out->chain == NULL) return ENOMEM;
  hops[nh++] = p.full;
  out->chain[out->nchain++] = fsd__u8path(a, p.full);
  if (GetFileAttributesW(p.full) == INVALID_FILE_ATTRIBUTES) {
    fsd__keep_err(a, GetLastError(), &out->err, &out->win32_err);
    return fsd_arena_oom(a) ? ENOMEM : 0;
  }
  out->exists = 1;
  for (;;) {
    e = fsd__reparse(a, hops[nh - 1], &tag, &target, &rel);
    if (e != 0 || !fsd__is_link_tag(tag) || target == NULL) break;
    if (nh == 1) out->is_symlink = 1;
    if (nh > FSD__MAX_HOPS) {
      /* Windows gives up here too (ERROR_CANT_RESOLVE_FILENAME). */
      out->loop = 1;
      out->loop_start = 0;
      break;
    }
    hops[nh] = fsd__next_hop(a, hops[nh - 1], target, rel);
    if (hops[nh] == NULL) return ENOMEM;
    out->chain[out->nchain++] = fsd__u8path(a, hops[nh]);
    for (i = 0; i < nh; i++)
      if (fsd__same_path(hops[i], hops[nh])) break;
    nh++;
    if (i < nh - 1) {
      out->loop = 1;
      out->loop_start = i;
      break;
    }
    if (GetFileAttributesW(hops[nh - 1]) == INVALID_FILE_ATTRIBUTES) {
      fsd__keep_err(a, GetLastError(), &out->err, &out->win32_err);
      out->broken = 1;
      out->broken_at = out->chain[nh - 1];
      break;
    }
  }
  if (out->loop || out->broken) return fsd_arena_oom(a) ? ENOMEM : 0;
  out->resolved = out->chain[nh - 1];
  h = CreateFileW(hops[nh - 1], FILE_READ_ATTRIBUTES,
                  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                  NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    fsd__keep_err(a, GetLastError(), &out->err, &out->win32_err);
  } else {
    if (GetFileInformationByHandle(h, &info))
      out->nlink = info.nNumberOfLinks;
    CloseHandle(h);
  }
  fsd__volume(hops[nh - 1], &v);
  {
    const char *reason;
    out->link_max = fsd__volume_link_max(&v, &reason);
  }
  if (out->link_max >= 0 && out->nlink >= 0)
    out->headroom = out->link_max - out->nlink;
  return fsd_arena_oom(a) ? ENOMEM : 0;
}
