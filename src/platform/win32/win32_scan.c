/* The tree scan on Windows: FindFirstFileExW (FindExInfoBasic, large fetch)
 * per directory on a \\?\ path, so depth is not limited by MAX_PATH. The
 * listing gives attributes and, for a reparse point, its tag, so plain
 * files and directories cost no extra call; links are opened (following) to
 * see whether they resolve, and files only when the link-count check is
 * on. Paths are reported in UTF-8 without the \\?\ prefix (fsd__u8path).
 * Ownership (foreign-owner) is a uid check and is not done here: the
 * result's owner is null. Behaviour follows posix_scan.c. */

#include "platform/win32/win32_scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int64_t fsd__now_ms(void) {
  return (int64_t)GetTickCount64();
}

static int fsd__reserve(fsd__walk_t *w, size_t need) {
  size_t n = w->wcap ? w->wcap : 512;
  WCHAR *p;
  if (need <= w->wcap) return 0;
  while (n < need) n *= 2;
  p = realloc(w->wp, n * sizeof(WCHAR));
  if (p == NULL) return ENOMEM;
  w->wp = p;
  w->wcap = n;
  return 0;
}

/* Appends "\name"; the caller puts w->wlen back. */
static int fsd__push(fsd__walk_t *w, const WCHAR *name) {
  size_t n = wcslen(name);
  if (fsd__reserve(w, w->wlen + n + 2) != 0) return ENOMEM;
  if (w->wp[w->wlen - 1] != L'\\') w->wp[w->wlen++] = L'\\';
  memcpy(w->wp + w->wlen, name, (n + 1) * sizeof(WCHAR));
  w->wlen += n;
  return 0;
}

static void fsd__trim(fsd__walk_t *w, size_t n) {
  w->wlen = n;
  w->wp[n] = L'\0';
}

char *fsd__ws_u8n(fsd__walk_t *w, size_t n) {
  WCHAR c = w->wp[n];
  char *s;
  w->wp[n] = L'\0';
  s = fsd__u8path(w->s.a, w->wp);
  w->wp[n] = c;
  if (s == NULL) w->oom = 1;
  return s;
}

static const char *fsd__ws_errname(DWORD e) {
  const char *n = fsd_errname(fsd__errno(e));
  return n != NULL ? n : "UNKNOWN";
}

void fsd__ws_error(fsd__walk_t *w, fsd_scan_finding_t *f, DWORD e) {
  f->error = fsd__ws_errname(e);
  f->win32_error = (int64_t)e;
  f->win32_error_name = fsd__win_errname_a(w->s.a, e);
  if (f->win32_error_name == NULL) w->oom = 1;
}

int fsd__ws_add(fsd__walk_t *w, fsd_scan_finding_t *f) {
  /* Past max_results only the count moves: no path to convert. */
  if (w->s.kept < w->s.opts->max_results) {
    f->path = fsd__ws_u8n(w, w->wlen);
    if (f->path == NULL) return ENOMEM;
    f->path_len = strlen(f->path);
  } else {
    f->path = "";
  }
  if (fsd_scan_add(&w->s, f) != 0) w->oom = 1;
  return w->oom ? ENOMEM : 0;
}

void fsd__ws_finding(fsd_scan_kind_t kind, fsd_scan_finding_t *f) {
  memset(f, 0, sizeof(*f));
  f->kind = kind;
  f->nlink = f->link_max = f->uid = -1;
}

/* A finding with no more than a Win32 error (0: none). */
static int fsd__add_simple(fsd__walk_t *w, fsd_scan_kind_t kind, DWORD e) {
  fsd_scan_finding_t f;
  fsd__ws_finding(kind, &f);
  if (e != 0) fsd__ws_error(w, &f, e);
  return w->oom ? ENOMEM : fsd__ws_add(w, &f);
}

HANDLE fsd__ws_open(const WCHAR *path, int follow) {
  return CreateFileW(
      path, FILE_READ_ATTRIBUTES, FSD__SHARE_ALL, NULL, OPEN_EXISTING,
      FILE_FLAG_BACKUP_SEMANTICS | (follow ? 0 : FILE_FLAG_OPEN_REPARSE_POINT),
      NULL);
}

static int fsd__walk_dir(fsd__walk_t *w, int parent_long);

/* Lists the directory at the current path into anc[i]; a Win32 error, or
 * 0. An empty listing (a drive root has no "." entry) is
 * ERROR_FILE_NOT_FOUND and leaves find invalid. */
static DWORD fsd__list(fsd__walk_t *w, int i) {
  size_t base = w->wlen;
  DWORD e = 0;
  if (fsd__push(w, L"*") != 0) return ERROR_NOT_ENOUGH_MEMORY;
  w->anc[i].find =
      FindFirstFileExW(w->wp, FindExInfoBasic, &w->anc[i].fd,
                       FindExSearchNameMatch, NULL, FIND_FIRST_EX_LARGE_FETCH);
  if (w->anc[i].find == INVALID_HANDLE_VALUE) e = GetLastError();
  fsd__trim(w, base);
  return e;
}

int fsd__ws_enter(fsd__walk_t *w, int parent_long) {
  fsd__wanc_t *an;
  DWORD e;
  int rc;
  if (w->depth + 1 > w->s.opts->max_depth)
    return fsd__add_simple(w, FSD_SCAN_DEEP, 0);
  if (w->depth + 1 >= w->anc_cap) {
    int cap = w->anc_cap * 2;
    fsd__wanc_t *p = realloc(w->anc, sizeof(*p) * (size_t)cap);
    if (p == NULL) {
      w->oom = 1;
      return ENOMEM;
    }
    w->anc = p;
    w->anc_cap = cap;
  }
  an = &w->anc[w->depth + 1];
  memset(an, 0, sizeof(*an));
  an->wlen = w->wlen;
  e = fsd__list(w, w->depth + 1);
  if (e == ERROR_NOT_ENOUGH_MEMORY) {
    w->oom = 1;
    return ENOMEM;
  }
  /* Vanished or replaced by a file during the walk: not news. */
  if (e == ERROR_PATH_NOT_FOUND || e == ERROR_DIRECTORY) return 0;
  if (e != 0 && e != ERROR_FILE_NOT_FOUND)
    return fsd__add_simple(w, FSD_SCAN_UNREADABLE, e);
  w->depth++;
  w->s.dirs++;
  rc = fsd__walk_dir(w, parent_long);
  w->depth--;
  return rc;
}

static int fsd__file(fsd__walk_t *w) {
  BY_HANDLE_FILE_INFORMATION bi;
  fsd_scan_finding_t f;
  HANDLE h;
  BOOL ok;
  w->s.files++;
  if (w->s.link_threshold <= 0) return 0;
  h = fsd__ws_open(w->wp, 0);
  if (h == INVALID_HANDLE_VALUE) return 0;
  ok = GetFileInformationByHandle(h, &bi);
  CloseHandle(h);
  if (!ok || (int64_t)bi.nNumberOfLinks < w->s.link_threshold) return 0;
  fsd__ws_finding(FSD_SCAN_NLINK, &f);
  f.nlink = (int64_t)bi.nNumberOfLinks;
  f.link_max = w->s.link_max;
  return fsd__ws_add(w, &f);
}

/* Whether the current path is over the long-path limit (UTF-16 units,
 * the prefix left out). */
static int fsd__long(fsd__walk_t *w) {
  int64_t lim = w->s.opts->long_path;
  return lim > 0 && (int64_t)(w->wlen - w->off) > lim;
}

/* A symlink or a junction. Wine shows a Unix symlink to a directory as a
 * reparse point with tag 0, which Windows never reports. */
static int fsd__is_link(DWORD attrs, DWORD tag) {
  if (!(attrs & FILE_ATTRIBUTE_REPARSE_POINT)) return 0;
  return tag == IO_REPARSE_TAG_SYMLINK || tag == IO_REPARSE_TAG_MOUNT_POINT ||
         (tag == 0 && (attrs & FILE_ATTRIBUTE_DIRECTORY));
}

static int fsd__entry(fsd__walk_t *w, DWORD attrs, DWORD tag, size_t parent,
                      int parent_long) {
  int is_long = fsd__long(w);
  w->s.entries++;
  if (is_long) {
    /* Only where the limit is first crossed; deeper entries are counted. */
    if (parent_long)
      w->s.counts[FSD_SCAN_LONG]++;
    else if (fsd__add_simple(w, FSD_SCAN_LONG, 0) != 0)
      return ENOMEM;
  }
  if (fsd__is_link(attrs, tag)) return fsd__ws_link(w, parent, is_long);
  /* Other reparse points (cloud files, dedup) are what they contain, as
   * for Node's fs. */
  if (attrs & FILE_ATTRIBUTE_DIRECTORY) return fsd__ws_enter(w, is_long);
  return fsd__file(w);
}

static int fsd__tick(fsd__walk_t *w) {
  const fsd_scan_opts_t *o = w->s.opts;
  int64_t now = fsd__now_ms();
  const char *dir = "";
  /* The path is converted only for a report that will be made. */
  if (o->progress != NULL && now - w->s.last_progress_ms >= o->progress_ms) {
    dir = fsd__ws_u8n(w, w->wlen);
    if (dir == NULL) dir = "";
  }
  return fsd_scan_tick(&w->s, dir, now);
}

/* Walks the listing open in anc[depth] and closes it. The array may move
 * when deeper levels grow it, so the level is looked up on every use. */
static int fsd__walk_dir(fsd__walk_t *w, int parent_long) {
  int me = w->depth, rc = 0;
  size_t base = w->wlen;
  if (w->anc[me].find == INVALID_HANDLE_VALUE) return 0;
  if (fsd__tick(w)) goto done;
  for (;;) {
    const WCHAR *name = w->anc[me].fd.cFileName;
    DWORD attrs = w->anc[me].fd.dwFileAttributes;
    DWORD tag = w->anc[me].fd.dwReserved0;
    if (!(name[0] == L'.' &&
          (name[1] == L'\0' || (name[1] == L'.' && name[2] == L'\0')))) {
      if ((++w->tick & 255) == 0 && fsd__tick(w)) break;
      if (fsd__push(w, name) != 0) {
        w->oom = 1;
        rc = ENOMEM;
        break;
      }
      rc = fsd__entry(w, attrs, tag, base, parent_long);
      fsd__trim(w, base);
      if (rc != 0 || w->s.cancelled) break;
    }
    if (!FindNextFileW(w->anc[me].find, &w->anc[me].fd)) {
      DWORD e = GetLastError();
      if (e != ERROR_NO_MORE_FILES)
        rc = fsd__add_simple(w, FSD_SCAN_UNREADABLE, e);
      break;
    }
  }
done:
  FindClose(w->anc[me].find);
  w->anc[me].find = INVALID_HANDLE_VALUE;
  return rc;
}

/* The root, always with a prefix: a deep tree gets long below any root. */
static int fsd__root(fsd__walk_t *w, const fsd__wpath_t *p) {
  const WCHAR *pre = L"\\\\?\\";
  const WCHAR *rest = p->plain;
  size_t pn, rn, root_len;
  if (wcsncmp(rest, L"\\\\?\\", 4) == 0) {
    pre = L"";
  } else if (p->unc) {
    pre = L"\\\\?\\UNC\\";
    rest += 2;
  }
  pn = wcslen(pre);
  rn = wcslen(rest);
  if (fsd__reserve(w, pn + rn + 256) != 0) return ENOMEM;
  memcpy(w->wp, pre, pn * sizeof(WCHAR));
  memcpy(w->wp + pn, rest, (rn + 1) * sizeof(WCHAR));
  w->wlen = pn + rn;
  w->off = pn - (size_t)(rest - p->plain);
  root_len = fsd__wroot_len(w->wp);
  while (w->wlen > root_len && w->wp[w->wlen - 1] == L'\\') w->wlen--;
  w->wp[w->wlen] = L'\0';
  w->root = p->plain;
  return 0;
}

/* The final path of the root (links and junctions above it resolved),
 * which the outside-link test compares with. */
static void fsd__real_root(fsd__walk_t *w) {
  HANDLE h = fsd__ws_open(w->wp, 1);
  const WCHAR *fin;
  if (h == INVALID_HANDLE_VALUE) return;
  fin = fsd__ws_final(w, h);
  CloseHandle(h);
  if (fin == NULL) return;
  w->real = fsd__wdup(w->s.a, fin, wcslen(fin));
  w->s.real_root = w->real ? fsd__u8path(w->s.a, w->real) : NULL;
}

static int64_t fsd__root_link_max(fsd__walk_t *w) {
  fsd__volume_t v;
  const char *why;
  fsd__volume(w->wp, &v);
  return fsd__volume_link_max(&v, &why);
}

static int fsd__fail(fsd_fail_t *fail, int err, const char *syscall,
                     const char *path) {
  fail->err = err;
  fail->syscall = syscall;
  fail->path = path;
  return -1;
}

static void fsd__walk_free(fsd__walk_t *w) {
  int i;
  for (i = 0; w->anc != NULL && i <= w->depth; i++)
    if (w->anc[i].find != NULL && w->anc[i].find != INVALID_HANDLE_VALUE)
      FindClose(w->anc[i].find);
  free(w->wp);
  free(w->tmp);
  free(w->anc);
}

int fsd_scan(fsd_arena_t *a, const char *dir, const fsd_scan_opts_t *opts,
             fsd_val_t **out, fsd_fail_t *fail) {
  fsd__walk_t w;
  fsd__wpath_t p;
  DWORD attrs, e;
  int rc;
  memset(&w, 0, sizeof(w));
  w.s.a = a;
  w.s.opts = opts;
  w.s.started_ms = w.s.last_progress_ms = fsd__now_ms();
  w.s.findings = fsd_arr(a);
  /* Ownership is a uid comparison: Windows has SIDs, so it is off. */
  w.s.owner = -1;
  rc = fsd__wpath(a, dir, &p, fail, "scandir");
  if (rc != 0) return fsd__fail(fail, rc, fail->syscall, fail->path);
  w.s.root = fsd__u8path(a, p.plain);
  w.anc_cap = 64;
  w.anc = calloc((size_t)w.anc_cap, sizeof(*w.anc));
  if (w.anc == NULL || w.s.root == NULL || fsd__root(&w, &p) != 0) {
    fsd__walk_free(&w);
    return fsd__fail(fail, ENOMEM, "malloc", NULL);
  }
  attrs = GetFileAttributesW(w.wp);
  if (attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_DIRECTORY)) {
    e = attrs == INVALID_FILE_ATTRIBUTES ? GetLastError() : ERROR_DIRECTORY;
    fsd__walk_free(&w);
    return fsd__fail(fail, fsd__errno(e), "scandir", w.s.root);
  }
  fsd__real_root(&w);
  w.s.link_max = fsd__root_link_max(&w);
  w.s.link_threshold = opts->link_threshold;
  if (w.s.link_threshold < 0)
    w.s.link_threshold = w.s.link_max > 0 ? w.s.link_max * 9 / 10 : 0;
  w.anc[0].wlen = w.wlen;
  e = fsd__list(&w, 0);
  if (e != 0 && e != ERROR_FILE_NOT_FOUND) {
    fsd__walk_free(&w);
    return fsd__fail(fail, fsd__errno(e), "scandir", w.s.root);
  }
  w.s.dirs = 1;
  rc = fsd__walk_dir(&w, fsd__long(&w));
  fsd__walk_free(&w);
  if (rc != 0 || w.oom || fsd_arena_oom(a))
    return fsd__fail(fail, ENOMEM, "malloc", NULL);
  *out = fsd_scan_val(&w.s, fsd__now_ms());
  if (*out == NULL || fsd_arena_oom(a))
    return fsd__fail(fail, ENOMEM, "malloc", NULL);
  return 0;
}
