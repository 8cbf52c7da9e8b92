/* Windows holders: which processes have a file or directory open.
 * NtQueryInformationFile(FileProcessIdsUsingFileInformation) answers with
 * every pid in one call, for directories too; the Restart Manager adds
 * application and service names for files. Each pid's image comes from
 * QueryFullProcessImageNameW. Nothing is guessed: when no mechanism can
 * answer, the result says so in note. */
#include "platform/win32/win32.h"

#include <errno.h>
#include <restartmanager.h>
#include <string.h>
#include <tlhelp32.h>

#define FSD__FILE_PROCESS_IDS 47 /* FileProcessIdsUsingFileInformation */
#define FSD__STATUS_INFO_LENGTH_MISMATCH ((LONG)0xC0000004)
#define FSD__STATUS_BUFFER_OVERFLOW ((LONG)0x80000005)
#define FSD__MAX_PIDS 4096

typedef struct {
  union {
    LONG status;
    PVOID pointer;
  } u;
  ULONG_PTR information;
} fsd__iosb_t;

typedef LONG(NTAPI *fsd__ntqif_t)(HANDLE, fsd__iosb_t *, PVOID, ULONG, int);

typedef struct {
  DWORD pid;
  const WCHAR *app; /* Restart Manager's application name */
  int rm_type;      /* RM_APP_TYPE, -1 when only NT named it */
} fsd__pid_t;

typedef struct {
  fsd__pid_t *v;
  size_t n;
} fsd__pids_t;

static fsd__pid_t *fsd__pid_add(fsd__pids_t *l, DWORD pid) {
  size_t i;
  for (i = 0; i < l->n; i++)
    if (l->v[i].pid == pid) return &l->v[i];
  if (l->n >= FSD__MAX_PIDS) return NULL;
  l->v[l->n].pid = pid;
  l->v[l->n].app = NULL;
  l->v[l->n].rm_type = -1;
  return &l->v[l->n++];
}

/* Returns the NTSTATUS (0 when it answered). */
static LONG fsd__nt_pids(fsd_arena_t *a, HANDLE h, fsd__pids_t *l) {
  fsd__ntqif_t fn;
  fsd__iosb_t iosb;
  ULONG size = 4096, i;
  LONG st;
  HMODULE nt = GetModuleHandleW(L"ntdll.dll");
  struct {
    ULONG count;
    ULONG_PTR pids[1];
  } *buf;
  fn = nt ? (fsd__ntqif_t)(void (*)(void))GetProcAddress(
                nt, "NtQueryInformationFile")
          : NULL;
  if (fn == NULL) return (LONG)0xC0000002; /* STATUS_NOT_IMPLEMENTED */
  for (;;) {
    buf = fsd_alloc(a, size);
    if (buf == NULL) return (LONG)0xC0000017; /* STATUS_NO_MEMORY */
    memset(&iosb, 0, sizeof(iosb));
    st = fn(h, &iosb, buf, size, FSD__FILE_PROCESS_IDS);
    if ((st == FSD__STATUS_INFO_LENGTH_MISMATCH ||
         st == FSD__STATUS_BUFFER_OVERFLOW) &&
        size < (1u << 20)) {
      size *= 4;
      continue;
    }
    break;
  }
  if (st < 0) return st;
  for (i = 0; i < buf->count &&
              (char *)&buf->pids[i + 1] <= (char *)buf + size;
       i++)
    /* Our own probe handle is in the list: skip this process here; the
     * Restart Manager, asked after that handle is closed, still reports
     * it when it really holds the file. */
    if ((DWORD)buf->pids[i] != GetCurrentProcessId())
      fsd__pid_add(l, (DWORD)buf->pids[i]);
  return 0;
}

/* Returns the Win32 error (0 when it answered). */
static DWORD fsd__rm_pids(fsd_arena_t *a, const WCHAR *file, fsd__pids_t *l) {
  WCHAR key[CCH_RM_SESSION_KEY + 1];
  RM_PROCESS_INFO *info = NULL;
  UINT needed = 0, n = 0, i, tries;
  DWORD sess, reasons = 0, e;
  fsd__pid_t *p;
  memset(key, 0, sizeof(key));
  e = RmStartSession(&sess, 0, key);
  if (e != ERROR_SUCCESS) return e;
  e = RmRegisterResources(sess, 1, &file, 0, NULL, 0, NULL);
  if (e == ERROR_SUCCESS) e = RmGetList(sess, &needed, &n, NULL, &reasons);
  /* The list can grow between two calls: ask again with some room. */
  for (tries = 0; e == ERROR_MORE_DATA && tries < 4; tries++) {
    n = needed + 4;
    info = fsd_alloc(a, (size_t)n * sizeof(*info));
    if (info == NULL) {
      e = ERROR_NOT_ENOUGH_MEMORY;
      break;
    }
    e = RmGetList(sess, &needed, &n, info, &reasons);
  }
  RmEndSession(sess);
  if (e != ERROR_SUCCESS) return e;
  for (i = 0; info != NULL && i < n; i++) {
    p = fsd__pid_add(l, info[i].Process.dwProcessId);
    if (p == NULL) break;
    p->app = info[i].strAppName[0] ? fsd__wdup(a, info[i].strAppName,
                                               wcslen(info[i].strAppName))
                                   : NULL;
    p->rm_type = (int)info[i].ApplicationType;
  }
  return 0;
}

/* The image name of pid from a process snapshot (taken once per call):
 * unlike OpenProcess, it needs no access to the process, so it also names
 * other users' and protected processes (antivirus services). */
static char *fsd__snapshot_name(fsd_arena_t *a, HANDLE *snap, DWORD pid) {
  PROCESSENTRY32W pe;
  BOOL ok;
  if (*snap == NULL) *snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (*snap == INVALID_HANDLE_VALUE) return NULL;
  pe.dwSize = sizeof(pe);
  for (ok = Process32FirstW(*snap, &pe); ok; ok = Process32NextW(*snap, &pe))
    if (pe.th32ProcessID == pid) return fsd__utf8(a, pe.szExeFile);
  return NULL;
}

static void fsd__holder(fsd_arena_t *a, const fsd__pid_t *p,
                        const char *target, HANDLE *snap,
                        fsd_holders_t *out) {
  fsd_holder_t *h = &out->items[out->count++];
  WCHAR image[MAX_PATH * 2];
  DWORD n = sizeof(image) / sizeof(image[0]);
  const WCHAR *base;
  char *full = NULL;
  HANDLE proc;
  h->pid = p->pid;
  h->how = "handle";
  h->target = target;
  h->fd = -1;
  h->uid = -1; /* an owner is a SID here, not a uid */
  proc = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, p->pid);
  if (proc != NULL && QueryFullProcessImageNameW(proc, 0, image, &n)) {
    base = wcsrchr(image, L'\\');
    h->name = fsd__utf8(a, base ? base + 1 : image);
    full = fsd__u8path(a, image);
  } else {
    out->uninspected++;
    h->name = fsd__snapshot_name(a, snap, p->pid);
    if (h->name == NULL && p->app != NULL) h->name = fsd__utf8(a, p->app);
  }
  if (proc != NULL) CloseHandle(proc);
  /* The classifier sees the image path where there is no command line. */
  h->kind = fsd_holder_kind(h->name, full != NULL ? full : fsd__utf8(a, p->app));
  if (p->rm_type == RmExplorer && h->name == NULL) h->kind = "shell";
}

static const char *fsd__why(fsd_arena_t *a, LONG nt, DWORD rm, int is_dir) {
  const char *s = "";
  if (nt != 0)
    s = fsd_printf(a, "FileProcessIdsUsingFileInformation is not available "
                      "here (NTSTATUS 0x%08lX)",
                   (unsigned long)nt);
  if (is_dir)
    s = fsd_printf(a, "%s%sthe Restart Manager does not take directories", s,
                   s[0] ? "; " : "");
  else if (rm != 0)
    s = fsd_printf(a, "%s%sthe Restart Manager failed (Win32 error %lu)", s,
                   s[0] ? "; " : "", (unsigned long)rm);
  else
    s = fsd_printf(a, "%s%sthe Restart Manager listed no process", s,
                   s[0] ? "; " : "");
  return s;
}

/* Is the path open elsewhere without delete sharing? 1, 0, or unknown. */
static int fsd__locked(const WCHAR *path) {
  HANDLE h = CreateFileW(path, DELETE,
                         FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
  if (h != INVALID_HANDLE_VALUE) {
    CloseHandle(h);
    return 0;
  }
  return GetLastError() == ERROR_SHARING_VIOLATION ? 1 : FSD_UNKNOWN;
}

int fsd_holders(fsd_arena_t *a, const char *path,
                const fsd_holders_opts_t *opts, fsd_holders_t *out,
                fsd_fail_t *fail) {
  fsd__wpath_t p;
  fsd__pids_t l;
  const char *target, *why;
  LONG nt = (LONG)0xC0000002;
  DWORD rm = ERROR_NOT_SUPPORTED, attrs;
  int is_dir, locked;
  HANDLE h, snap = NULL;
  size_t i;
  int rc = fsd__wpath(a, path, &p, fail, "holders");
  (void)opts; /* no threads, no lease: nothing to choose on Windows */
  if (rc != 0) return rc;
  out->path = path;
  out->method = "none";
  out->euid = -1; /* Windows has no uids: no holder carries one either */
  target = fsd__u8path(a, p.plain);
  attrs = GetFileAttributesW(p.full);
  if (attrs == INVALID_FILE_ATTRIBUTES) {
    DWORD e = GetLastError();
    const char *name = fsd_errname(fsd__errno(e));
    out->note = fsd_printf(a, "the path cannot be read (%s, %s)",
                           name != NULL ? name : "UNKNOWN",
                           fsd__win_errname_a(a, e));
    return fsd_arena_oom(a) ? ENOMEM : 0;
  }
  is_dir = (attrs & FILE_ATTRIBUTE_DIRECTORY) != 0;
  l.n = 0;
  l.v = fsd_alloc(a, FSD__MAX_PIDS * sizeof(*l.v));
  if (l.v == NULL) return ENOMEM;
  h = CreateFileW(p.full, FILE_READ_ATTRIBUTES,
                  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                  NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
  if (h != INVALID_HANDLE_VALUE) {
    nt = fsd__nt_pids(a, h, &l);
    CloseHandle(h);
  }
  if (!is_dir) rm = fsd__rm_pids(a, p.len < MAX_PATH ? p.plain : p.full, &l);
  if (nt == 0 && rm == 0)
    out->method = "file-process-ids+restart-manager";
  else if (nt == 0)
    out->method = "file-process-ids";
  else if (rm == 0)
    out->method = "restart-manager";
  out->items = fsd_alloc(a, (l.n + 1) * sizeof(*out->items));
  if (out->items == NULL) return ENOMEM;
  out->cap = l.n + 1;
  for (i = 0; i < l.n; i++) fsd__holder(a, &l.v[i], target, &snap, out);
  if (snap != NULL && snap != INVALID_HANDLE_VALUE) CloseHandle(snap);
  out->scanned = (int64_t)l.n;
  if (out->count == 0) {
    locked = fsd__locked(p.full);
    why = fsd__why(a, nt, rm, is_dir);
    if (locked == 1)
      out->note = fsd_printf(
          a, "the path is open elsewhere without delete sharing "
             "(ERROR_SHARING_VIOLATION), but the holder could not be "
             "identified: %s", why);
    else if (nt != 0)
      out->note = fsd_printf(a, "no holder found, but %s: a holder may "
                                "exist that could not be identified", why);
    else if (is_dir)
      out->note = "only processes holding the directory itself are listed, "
                  "not those holding files inside it";
  }
  return fsd_arena_oom(a) ? ENOMEM : 0;
}
