/* Windows pathInfo: attributes of every component (read-only, hidden,
 * system, reparse point), owner, what the ACL lets this token do
 * (AccessCheck on the file's security descriptor), protected locations,
 * and the path's length against MAX_PATH and LongPathsEnabled. */
#include "platform/win32/win32.h"

#include <aclapi.h>
#include <errno.h>
#include <sddl.h>
#include <string.h>


static int fsd__long_paths_enabled(void) {
  DWORD v = 0, sz = sizeof(v);
  LSTATUS st = RegGetValueW(HKEY_LOCAL_MACHINE,
                            L"SYSTEM\\CurrentControlSet\\Control\\FileSystem",
                            L"LongPathsEnabled", RRF_RT_REG_DWORD, NULL, &v,
                            &sz);
  if (st == ERROR_SUCCESS) return v != 0;
  if (st == ERROR_FILE_NOT_FOUND) return 0;
  return FSD_UNKNOWN;
}

static void fsd__component(fsd_arena_t *a, const WCHAR *plain, size_t n,
                           size_t name_at, fsd_component_t *c) {
  WCHAR *pre = fsd__wdup(a, plain, n), *lp, *target;
  DWORD attrs, tag;
  int rel;
  c->uid = c->gid = -1;
  c->nlink = -1;
  c->immutable = c->append_only = FSD_UNKNOWN;
  c->win_readonly = c->win_hidden = c->win_system = c->win_reparse =
      FSD_UNKNOWN;
  c->type = "unknown";
  if (pre == NULL || (lp = fsd__wlong(a, pre)) == NULL) return;
  c->path = fsd__u8path(a, pre);
  c->name = name_at == 0 ? c->path : fsd__utf8(a, pre + name_at);
  attrs = GetFileAttributesW(lp);
  if (attrs == INVALID_FILE_ATTRIBUTES) {
    fsd__keep_err(a, GetLastError(), &c->err, &c->win32_err);
    if (c->err == ENOENT) c->type = "missing";
    return;
  }
  c->win_readonly = (attrs & FILE_ATTRIBUTE_READONLY) != 0;
  c->win_hidden = (attrs & FILE_ATTRIBUTE_HIDDEN) != 0;
  c->win_system = (attrs & FILE_ATTRIBUTE_SYSTEM) != 0;
  c->win_reparse = (attrs & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
  /* The mode Node's fs.stat shows on Windows: only the read-only
   * attribute takes write bits away. */
  c->mode = c->win_readonly ? 0444 : 0666;
  if (attrs & FILE_ATTRIBUTE_DIRECTORY) c->mode |= 0111;
  c->type = (attrs & FILE_ATTRIBUTE_DIRECTORY) ? "dir" : "file";
  if (c->win_reparse && fsd__reparse(a, lp, &tag, &target, &rel) == 0 &&
      (tag == IO_REPARSE_TAG_SYMLINK || tag == IO_REPARSE_TAG_MOUNT_POINT)) {
    c->type = "symlink";
    c->link_target = fsd__u8path(a, target);
  }
}

/* Splits plain into root + elements and fills one component for each, up
 * to the first missing one; past it only the path itself is listed, as
 * nothing below a missing directory can exist. At most FSD__MAX_COMPONENTS
 * (then the path itself), which keeps a path of thousands of elements from
 * costing gigabytes of prefixes. Returns the count, or -1 on OOM. */
#define FSD__MAX_COMPONENTS 128
static int fsd__components(fsd_arena_t *a, const WCHAR *plain,
                           fsd_pathinfo_t *out) {
  size_t len = wcslen(plain), root = fsd__wroot_len(plain), i, start;
  size_t end = len;
  fsd_component_t *c;
  while (end > root && plain[end - 1] == L'\\') end--;
  out->components =
      fsd_alloc(a, (FSD__MAX_COMPONENTS + 2) * sizeof(*out->components));
  if (out->components == NULL) return -1;
  if (root > 0) {
    c = &out->components[out->ncomponents++];
    fsd__component(a, plain, root, 0, c);
    if (c->err != 0) {
      /* No such drive or share: the path itself, then done. */
      if (end > root) {
        for (start = end; start > root && plain[start - 1] != L'\\'; start--) {
        }
        fsd__component(a, plain, end, start,
                       &out->components[out->ncomponents++]);
      }
      return (int)out->ncomponents;
    }
  }
  for (i = root; i < end;) {
    while (i < end && plain[i] == L'\\') i++;
    start = i;
    while (i < end && plain[i] != L'\\') i++;
    if (i == start) break;
    if (i < end && out->ncomponents >= FSD__MAX_COMPONENTS) continue;
    c = &out->components[out->ncomponents++];
    fsd__component(a, plain, i, start, c);
    if (c->err != 0 && i < end) {
      /* Jump to the path itself. */
      for (start = end; start > 0 && plain[start - 1] != L'\\'; start--) {
      }
      c = &out->components[out->ncomponents++];
      fsd__component(a, plain, end, start, c);
      break;
    }
  }
  return (int)out->ncomponents;
}

/* AccessCheck of want against path's security descriptor for this
 * thread's (or process's) token: 1, 0, or FSD_UNKNOWN. */
static int fsd__access(PSECURITY_DESCRIPTOR sd, DWORD want) {
  GENERIC_MAPPING map = {FILE_GENERIC_READ, FILE_GENERIC_WRITE,
                         FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS};
  PRIVILEGE_SET ps[4];
  DWORD pslen = sizeof(ps), granted = 0;
  BOOL status = FALSE;
  HANDLE tok = NULL, imp = NULL;
  int r = FSD_UNKNOWN;
  if (sd == NULL) return FSD_UNKNOWN;
  if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY | TOKEN_DUPLICATE,
                       TRUE, &tok) &&
      !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_DUPLICATE,
                        &tok))
    return FSD_UNKNOWN;
  /* AccessCheck wants an impersonation token. */
  if (DuplicateToken(tok, SecurityImpersonation, &imp)) {
    MapGenericMask(&want, &map);
    if (AccessCheck(sd, imp, want, &map, ps, &pslen, &granted, &status))
      r = status != 0;
    CloseHandle(imp);
  }
  CloseHandle(tok);
  return r;
}

static void fsd__owner(fsd_arena_t *a, PSID owner, fsd_pathinfo_t *out) {
  WCHAR *sid = NULL, name[256], dom[256];
  DWORD nn = 256, dn = 256;
  SID_NAME_USE use;
  if (owner == NULL) return;
  if (ConvertSidToStringSidW(owner, &sid)) {
    out->owner_sid = fsd__utf8(a, sid);
    LocalFree(sid);
  }
  if (LookupAccountSidW(NULL, owner, name, &nn, dom, &dn, &use))
    out->owner_name = dom[0] ? fsd_printf(a, "%s\\%s", fsd__utf8(a, dom),
                                          fsd__utf8(a, name))
                             : fsd__utf8(a, name);
}

/* The protected directory number i (Program Files, its x86 and x64
 * names, the Windows directory) into dir; 0 when there is none. They come
 * from where Windows keeps them, the registry and GetSystemWindowsDirectoryW,
 * not from the environment (%ProgramFiles% and %SystemRoot% are made from
 * the same values at logon): a probe reads no environment. */
static int fsd__protected_dir(size_t i, WCHAR *dir, DWORD cap) {
  static const WCHAR *const values[] = {
      L"ProgramFilesDir", L"ProgramFilesDir (x86)", L"ProgramW6432Dir"};
  DWORD bytes = cap * sizeof(WCHAR);
  UINT got;
  if (i < sizeof(values) / sizeof(values[0]))
    return RegGetValueW(HKEY_LOCAL_MACHINE,
                        L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion",
                        values[i], RRF_RT_REG_SZ, NULL, dir,
                        &bytes) == ERROR_SUCCESS &&
           dir[0] != L'\0';
  if (i > sizeof(values) / sizeof(values[0])) return 0;
  got = GetSystemWindowsDirectoryW(dir, cap);
  return got > 0 && got < cap;
}

#define FSD__PROTECTED_DIRS 4

/* Under Program Files or the Windows directory. */
static int fsd__protected(const WCHAR *plain) {
  WCHAR dir[MAX_PATH + 1];
  size_t i, n;
  int known = 0;
  for (i = 0; i < FSD__PROTECTED_DIRS; i++) {
    if (!fsd__protected_dir(i, dir, MAX_PATH)) continue;
    known = 1;
    n = wcslen(dir);
    while (n > 0 && dir[n - 1] == L'\\') n--;
    if (n > 0 && _wcsnicmp(plain, dir, n) == 0 &&
        (plain[n] == L'\0' || plain[n] == L'\\'))
      return 1;
  }
  return known ? 0 : FSD_UNKNOWN;
}

static void fsd__deny(fsd_pathinfo_t *out, int index, const char *op,
                      const char *bit, const char *reason) {
  out->denied_index = index;
  out->denied_op = op;
  out->denied_bit = bit;
  out->denied_reason = reason;
}

/* Read, write and search for the path (or, missing, write in its nearest
 * existing directory). */
static void fsd__rights(fsd_arena_t *a, fsd_pathinfo_t *out, int at) {
  const fsd_component_t *c = &out->components[at];
  PSECURITY_DESCRIPTOR sd = NULL;
  PSID owner = NULL;
  WCHAR *w, *lp;
  int err = 0, is_dir = strcmp(c->type, "dir") == 0 ||
                        strcmp(c->type, "symlink") == 0;
  if ((w = fsd__utf16(a, c->path, &err)) == NULL ||
      (lp = fsd__wlong(a, w)) == NULL)
    return;
  out->write_target = c->path;
  if (GetNamedSecurityInfoW(lp, SE_FILE_OBJECT,
                            OWNER_SECURITY_INFORMATION |
                                GROUP_SECURITY_INFORMATION |
                                DACL_SECURITY_INFORMATION,
                            &owner, NULL, NULL, NULL, &sd) != ERROR_SUCCESS)
    sd = NULL;
  fsd__owner(a, owner, out);
  if (out->exists) {
    out->can_read = fsd__access(sd, is_dir ? FILE_LIST_DIRECTORY
                                           : FILE_GENERIC_READ);
    out->can_search = is_dir ? fsd__access(sd, FILE_TRAVERSE) : FSD_UNKNOWN;
  }
  out->can_write = fsd__access(
      sd, is_dir ? FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY : FILE_GENERIC_WRITE);
  if (sd != NULL) LocalFree(sd);
  if (out->exists && out->can_read == 0) {
    fsd__deny(out, at, "read", "r",
              "the ACL does not grant this user read access");
  } else if (!is_dir && c->win_readonly == 1) {
    /* Windows refuses writes and deletes of a read-only file whatever
     * the ACL says. */
    out->can_write = 0;
    fsd__deny(out, at, "write", "w", "the file has the read-only attribute");
  } else if (out->can_write == 0) {
    fsd__deny(out, at, "write", "w",
              out->exists ? "the ACL does not grant this user write access"
                          : "the ACL does not let this user create entries "
                            "in this directory");
  }
}

int fsd_pathinfo(fsd_arena_t *a, const char *path, fsd_pathinfo_t *out,
                 fsd_fail_t *fail) {
  fsd__wpath_t p;
  int n, at;
  int rc = fsd__wpath(a, path, &p, fail, "pathinfo");
  if (rc != 0) return rc;
  out->path = path;
  out->absolute = fsd__u8path(a, p.plain);
  out->denied_index = -1;
  out->can_read = out->can_write = out->can_search = FSD_UNKNOWN;
  out->immutable = out->append_only = FSD_UNKNOWN;
  out->path_length = (int64_t)p.len;
  out->long_paths_enabled = fsd__long_paths_enabled();
  out->max_path = out->long_paths_enabled == 1 ? -1 : MAX_PATH;
  out->protected_location = fsd__protected(p.plain);
  n = fsd__components(a, p.plain, out);
  if (n < 0) return ENOMEM;
  if (n == 0) return 0;
  out->exists = out->components[n - 1].err == 0;
  {
    const fsd_component_t *last = &out->components[n - 1];
    out->is_symlink = strcmp(last->type, "symlink") == 0;
    out->symlink_target = last->link_target;
  }
  /* The path itself, or the nearest existing directory above it. */
  for (at = n - 1; at >= 0 && out->components[at].err != 0; at--) {
  }
  if (at >= 0) fsd__rights(a, out, at);
  return fsd_arena_oom(a) ? ENOMEM : 0;
}
