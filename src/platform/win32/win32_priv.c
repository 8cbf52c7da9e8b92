/* Windows privileges: the process token (elevation, Administrators,
 * SeCreateSymbolicLinkPrivilege), Developer Mode, and live probes that
 * create a file, a hard link and a symlink in a directory and remove them. */
#include "platform/win32/win32.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#ifndef SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE
#define SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE 0x2
#endif

/* The token's privileges; NULL when they cannot be read. */
static TOKEN_PRIVILEGES *fsd__token_privs(fsd_arena_t *a, HANDLE tok) {
  DWORD len = 0;
  TOKEN_PRIVILEGES *tp;
  GetTokenInformation(tok, TokenPrivileges, NULL, 0, &len);
  if (len == 0) return NULL;
  tp = fsd_alloc(a, len);
  if (tp == NULL) return NULL;
  if (!GetTokenInformation(tok, TokenPrivileges, tp, len, &len)) return NULL;
  return tp;
}

static void fsd__symlink_priv_in(const TOKEN_PRIVILEGES *tp, int *present,
                                 int *enabled) {
  LUID want;
  DWORD i;
  *present = *enabled = FSD_UNKNOWN;
  if (tp == NULL) return;
  /* Its LUID is fixed (SE_CREATE_SYMBOLIC_LINK_PRIVILEGE, 35); the lookup
   * only fails on systems that predate the name (and under wine). */
  if (!LookupPrivilegeValueW(NULL, L"SeCreateSymbolicLinkPrivilege", &want)) {
    want.LowPart = 35;
    want.HighPart = 0;
  }
  *present = *enabled = 0;
  for (i = 0; i < tp->PrivilegeCount; i++) {
    const LUID_AND_ATTRIBUTES *p = &tp->Privileges[i];
    if (p->Luid.LowPart != want.LowPart || p->Luid.HighPart != want.HighPart)
      continue;
    *present = 1;
    *enabled = (p->Attributes & SE_PRIVILEGE_ENABLED) != 0;
  }
}

int fsd__symlink_privilege(int *present, int *enabled) {
  fsd_arena_t *a = fsd_arena_new();
  HANDLE tok;
  *present = *enabled = FSD_UNKNOWN;
  if (a == NULL) return ENOMEM;
  if (OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &tok)) {
    fsd__symlink_priv_in(fsd__token_privs(a, tok), present, enabled);
    CloseHandle(tok);
  }
  fsd_arena_free(a);
  return 0;
}

int fsd__developer_mode(void) {
  DWORD v = 0, sz = sizeof(v);
  LSTATUS st = RegGetValueW(
      HKEY_LOCAL_MACHINE,
      L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\AppModelUnlock",
      L"AllowDevelopmentWithoutDevLicense", RRF_RT_REG_DWORD, NULL, &v, &sz);
  if (st == ERROR_SUCCESS) return v != 0;
  /* No value means Developer Mode was never turned on. */
  if (st == ERROR_FILE_NOT_FOUND) return 0;
  return FSD_UNKNOWN;
}

/* Members of Administrators under UAC hold the group only "for deny" until
 * elevated, so CheckTokenMembership says no; the group list still says
 * whether elevation would make this user an administrator. */
static int fsd__admin_member(fsd_arena_t *a, HANDLE tok) {
  SID_IDENTIFIER_AUTHORITY nt = {SECURITY_NT_AUTHORITY};
  PSID admins = NULL;
  BOOL is = FALSE;
  TOKEN_GROUPS *g;
  DWORD len = 0, i;
  int r = FSD_UNKNOWN;
  if (!AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID,
                                DOMAIN_ALIAS_RID_ADMINS, 0, 0, 0, 0, 0, 0,
                                &admins))
    return FSD_UNKNOWN;
  if (CheckTokenMembership(NULL, admins, &is) && is) {
    r = 1;
    goto done;
  }
  GetTokenInformation(tok, TokenGroups, NULL, 0, &len);
  g = len ? fsd_alloc(a, len) : NULL;
  if (g == NULL || !GetTokenInformation(tok, TokenGroups, g, len, &len))
    goto done;
  r = 0;
  for (i = 0; i < g->GroupCount; i++)
    if (EqualSid(g->Groups[i].Sid, admins)) r = 1;
done:
  FreeSid(admins);
  return r;
}

/* Enabled privileges by name (SeBackupPrivilege, ...), in caps. */
static void fsd__priv_names(fsd_arena_t *a, const TOKEN_PRIVILEGES *tp,
                            fsd_privileges_t *out) {
  WCHAR name[128];
  DWORD i, n;
  if (tp == NULL) return;
  out->caps = fsd_alloc(a, (tp->PrivilegeCount + 1) * sizeof(char *));
  if (out->caps == NULL) return;
  for (i = 0; i < tp->PrivilegeCount; i++) {
    LUID luid = tp->Privileges[i].Luid;
    if (!(tp->Privileges[i].Attributes & SE_PRIVILEGE_ENABLED)) continue;
    n = sizeof(name) / sizeof(name[0]);
    if (LookupPrivilegeNameW(NULL, &luid, name, &n))
      out->caps[out->ncaps++] = fsd__utf8(a, name);
  }
}

static void fsd__token(fsd_arena_t *a, fsd_privileges_t *out) {
  TOKEN_ELEVATION e;
  TOKEN_PRIVILEGES *tp;
  DWORD len = 0;
  HANDLE tok;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &tok)) return;
  if (GetTokenInformation(tok, TokenElevation, &e, sizeof(e), &len))
    out->elevated = e.TokenIsElevated != 0;
  out->admin_member = fsd__admin_member(a, tok);
  tp = fsd__token_privs(a, tok);
  fsd__symlink_priv_in(tp, &out->symlink_privilege,
                       &out->symlink_privilege_enabled);
  fsd__priv_names(a, tp, out);
  CloseHandle(tok);
}

/* Probes of concurrent calls (the async form runs on the threadpool) must
 * not pick the same names. */
static volatile LONG fsd__probe_seq;

static WCHAR *fsd__probe_name(fsd_arena_t *a, const WCHAR *dir,
                              const WCHAR *suffix, LONG seq) {
  size_t n = wcslen(dir) + 96;
  WCHAR *w = fsd_alloc(a, n * sizeof(WCHAR));
  if (w == NULL) return NULL;
  _snwprintf(w, n - 1, L"%ls%ls.fsdoctor-probe-%lu-%lu-%ld%ls", dir,
             dir[wcslen(dir) - 1] == L'\\' ? L"" : L"\\",
             (unsigned long)GetCurrentProcessId(),
             (unsigned long)GetTickCount(), (long)seq, suffix);
  return w;
}

/* Whether a call that reported success really made the entry: wine's
 * CreateSymbolicLinkW, for one, is a stub that succeeds and makes nothing. */
static int fsd__made(const WCHAR *path, DWORD want_attr) {
  DWORD attrs = GetFileAttributesW(path);
  return attrs != INVALID_FILE_ATTRIBUTES && (attrs & want_attr) == want_attr;
}

static void fsd__live_probes(fsd_arena_t *a, const fsd__wpath_t *d,
                             fsd_privileges_t *out) {
  LONG seq = InterlockedIncrement(&fsd__probe_seq);
  WCHAR *file = fsd__probe_name(a, d->full, L".tmp", seq);
  WCHAR *hard = fsd__probe_name(a, d->full, L".lnk", seq);
  WCHAR *sym = fsd__probe_name(a, d->full, L".sym", seq);
  const WCHAR *base;
  DWORD wrote;
  HANDLE h;
  if (file == NULL || hard == NULL || sym == NULL) return;
  h = CreateFileW(file, GENERIC_WRITE, 0, NULL, CREATE_NEW,
                  FILE_ATTRIBUTE_TEMPORARY, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    fsd__keep_err(a, GetLastError(), &out->write_err, &out->write_win32_err);
    out->can_write = 0;
  } else {
    out->can_write = WriteFile(h, "x", 1, &wrote, NULL) != 0;
    if (!out->can_write)
      fsd__keep_err(a, GetLastError(), &out->write_err, &out->write_win32_err);
    CloseHandle(h);
    if (CreateHardLinkW(hard, file, NULL)) {
      out->can_hardlink = fsd__made(hard, 0);
      if (!out->can_hardlink) out->hardlink_err = ENOSYS;
      DeleteFileW(hard);
    } else {
      fsd__keep_err(a, GetLastError(), &out->hardlink_err,
                    &out->hardlink_win32_err);
      out->can_hardlink = 0;
    }
  }
  /* A relative target that names the probe file; it may dangle when the
   * file could not be made, which symlinks allow. */
  base = wcsrchr(file, L'\\') + 1;
  if (CreateSymbolicLinkW(sym, base,
                          SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE) ||
      (GetLastError() == ERROR_INVALID_PARAMETER &&
       CreateSymbolicLinkW(sym, base, 0))) {
    out->can_symlink = fsd__made(sym, FILE_ATTRIBUTE_REPARSE_POINT);
    if (!out->can_symlink) out->symlink_err = ENOSYS;
    DeleteFileW(sym);
  } else {
    fsd__keep_err(a, GetLastError(), &out->symlink_err,
                  &out->symlink_win32_err);
    out->can_symlink = 0;
  }
  if (h != INVALID_HANDLE_VALUE) DeleteFileW(file);
}

int fsd_privileges(fsd_arena_t *a, const char *dir, fsd_privileges_t *out,
                   fsd_fail_t *fail) {
  fsd__wpath_t d;
  int rc;
  out->uid = out->euid = out->gid = out->egid = -1;
  out->can_symlink = out->can_hardlink = out->can_write = FSD_UNKNOWN;
  out->elevated = out->admin_member = FSD_UNKNOWN;
  out->symlink_privilege = out->symlink_privilege_enabled = FSD_UNKNOWN;
  fsd__token(a, out);
  out->developer_mode = fsd__developer_mode();
  /* The Windows sense of root: an elevated administrator. */
  out->root = out->elevated == 1 && out->admin_member == 1;
  if (dir != NULL) {
    rc = fsd__wpath(a, dir, &d, fail, "privileges");
    if (rc != 0) return rc;
    out->probe_dir = fsd__u8path(a, d.plain);
    fsd__live_probes(a, &d, out);
  }
  return fsd_arena_oom(a) ? ENOMEM : 0;
}
