/* The loose pass of the error-text parser, run only when no Node, npm, pnpm
 * or yarn form matched anywhere in the text. It reads the words people and
 * tools put around an error:
 *   - a bare code, with the system call or program before it: "npm Error :
 *     EBUSY resource busy or locked", Node 0.x's "Error: watch ENOSPC",
 *     "Error: spawn git ENOENT", jest's "Error watching file for changes:
 *     EMFILE";
 *   - only the system's text for the error (strerror on Linux and macOS,
 *     libuv's, Windows' messages), with the path and operation where Go
 *     ("open /x: no space left on device"), Python ("[Errno 13] Permission
 *     denied: '/x'"), coreutils ("mkdir: cannot create directory '/x':
 *     Permission denied") and Docker put them.
 * Every scan moves forward a bounded distance, so a line costs time
 * proportional to its length. */

#include "parse/errtext_int.h"

#include <string.h>

/* The system's texts for an error, lower-case, longest first where one
 * contains another. plat names the one platform whose text it is; call the
 * system call the text itself says. */
static const struct {
  const char *text;
  const char *code;
  const char *plat;
  const char *call;
} fsd__texts[] = {
    /* Node's and libuv's own texts for the watcher limit on Linux */
    {"system limit for number of file watchers reached", "ENOSPC", "linux",
     "watch"},
    {"user limit on inotify watches reached", "ENOSPC", "linux", "watch"},
    {"inotify watch limit reached", "ENOSPC", "linux", "watch"},
    {"upper limit on inotify watches reached", "ENOSPC", "linux", "watch"},
    /* Windows (FormatMessage) */
    {"the process cannot access the file because it is being used by "
     "another process", "EBUSY", "win32", NULL},
    {"being used by another process", "EBUSY", "win32", NULL},
    {"another process has locked a portion of the file", "EBUSY", "win32",
     NULL},
    {"there is not enough space on the disk", "ENOSPC", "win32", NULL},
    {"the system cannot find the path specified", "ENOENT", "win32", NULL},
    {"the system cannot find the file specified", "ENOENT", "win32", NULL},
    {"the directory is not empty", "ENOTEMPTY", "win32", NULL},
    {"a required privilege is not held by the client", "EPERM", "win32",
     "symlink"},
    {"the filename or extension is too long", "ENAMETOOLONG", "win32", NULL},
    /* .NET, PowerShell and MSBuild (MAX_PATH), git for Windows */
    {"the specified path, file name, or both are too long", "ENAMETOOLONG",
     "win32", NULL},
    {"file name, or both are too long", "ENAMETOOLONG", "win32", NULL},
    {"the fully qualified file name must be less than 260 characters",
     "ENAMETOOLONG", "win32", NULL},
    {"filename too long", "ENAMETOOLONG", "win32", NULL},
    {"(path too long)", "ENAMETOOLONG", "win32", NULL},
    {"the media is write protected", "EROFS", "win32", NULL},
    {"cannot create a file when that file already exists", "EEXIST", "win32",
     NULL},
    {"cannot move the file to a different disk drive", "EXDEV", "win32",
     NULL},
    {"access is denied", "EPERM", "win32", NULL},
    /* .NET's UnauthorizedAccessException: "Access to the path 'C:\x' is
     * denied." */
    {"access to the path", "EPERM", "win32", NULL},
    /* glibc, macOS and libuv (uv_strerror) */
    {"too many open files in system", "ENFILE", NULL, NULL},
    {"file table overflow", "ENFILE", NULL, NULL},
    {"too many open files", "EMFILE", NULL, NULL},
    {"too many files open", "EMFILE", NULL, NULL}, /* Python's paraphrase */
    {"no space left on device", "ENOSPC", NULL, NULL},
    {"disk quota exceeded", "EDQUOT", NULL, NULL},
    {"disc quota exceeded", "EDQUOT", "darwin", NULL},
    {"resource busy or locked", "EBUSY", NULL, NULL},
    {"device or resource busy", "EBUSY", "linux", NULL},
    {"resource busy", "EBUSY", NULL, NULL},
    {"operation not permitted", "EPERM", NULL, NULL},
    {"permission denied", "EACCES", NULL, NULL},
    {"read-only file system", "EROFS", NULL, NULL},
    {"too many levels of symbolic links", "ELOOP", NULL, NULL},
    {"too many symbolic links encountered", "ELOOP", NULL, NULL},
    {"too many links", "EMLINK", NULL, NULL},
    {"file name too long", "ENAMETOOLONG", NULL, NULL},
    {"name too long", "ENAMETOOLONG", NULL, NULL},
    {"argument list too long", "E2BIG", NULL, NULL},
    {"invalid cross-device link", "EXDEV", NULL, NULL},
    {"cross-device link not permitted", "EXDEV", NULL, NULL},
    {"cross-device link", "EXDEV", NULL, NULL},
    {"text file busy", "ETXTBSY", NULL, NULL},
    {"text file is busy", "ETXTBSY", NULL, NULL},
    {"directory not empty", "ENOTEMPTY", NULL, NULL},
    {"illegal operation on a directory", "EISDIR", NULL, NULL},
    {"is a directory", "EISDIR", NULL, NULL},
    {"not a directory", "ENOTDIR", NULL, NULL},
    {"no such file or directory", "ENOENT", NULL, NULL},
    {"file already exists", "EEXIST", NULL, NULL},
    {"file exists", "EEXIST", NULL, NULL},
    {"stale file handle", "ESTALE", NULL, NULL},
    {"stale nfs file handle", "ESTALE", NULL, NULL},
    {"has maximum number of links", "EMLINK", NULL, "link"},
    {"input/output error", "EIO", NULL, NULL},
    {"i/o error", "EIO", NULL, NULL},
    {NULL, NULL, NULL, NULL}};

/* System calls and the operations tools name, as the diagnosis knows them
 * (Go's "remove" and "unlinkat" are unlink, coreutils' verbs are mapped by
 * fsd__verbs). */
static const struct {
  const char *word;
  const char *call;
} fsd__calls[] = {
    {"open", "open"},         {"openat", "open"},       {"mkdir", "mkdir"},
    {"mkdirat", "mkdir"},     {"mkdtemp", "mkdtemp"},   {"rename", "rename"},
    {"renameat", "rename"},   {"unlink", "unlink"},     {"unlinkat", "unlink"},
    {"remove", "unlink"},     {"rmdir", "rmdir"},       {"scandir", "scandir"},
    {"readdir", "scandir"},   {"opendir", "opendir"},   {"lstat", "lstat"},
    {"stat", "stat"},         {"fstat", "fstat"},       {"symlink", "symlink"},
    {"link", "link"},         {"readlink", "readlink"}, {"realpath", "realpath"},
    {"copyfile", "copyfile"}, {"chmod", "chmod"},       {"chown", "chown"},
    {"lchown", "chown"},      {"utime", "utime"},       {"access", "access"},
    {"watch", "watch"},       {"spawn", "spawn"},       {"spawnSync", "spawn"},
    {"write", "write"},       {"read", "read"},         {"fsync", "fsync"},
    {"ftruncate", "ftruncate"}, {"truncate", "ftruncate"}, {"close", "close"},
    {"uv_cwd", "uv_cwd"},     {"uv_chdir", "uv_chdir"}, {"exec", "spawn"},        {"execve", "spawn"},
    {"fork", "spawn"},        {NULL, NULL}};

/* What coreutils, git and shells say before a quoted path. */
static const struct {
  const char *words;
  const char *call;
} fsd__verbs[] = {{"create directory", "mkdir"},
                  {"cannot run program", "spawn"}, /* Java's ProcessBuilder */
                  {"reading dir", "scandir"},
                  {"read dir", "scandir"},
                  {"read directory", "scandir"},
                  {"open directory", "opendir"},
                  {"create regular file", "open"},
                  {"create symbolic link", "symlink"},
                  {"create hard link", "link"},
                  {"create link", "link"},
                  {"remove", "unlink"},
                  {"unlink", "unlink"},
                  {"delete", "unlink"},
                  {"move", "rename"},
                  {"rename", "rename"},
                  {"overwrite", "open"},
                  {"create", "open"},
                  {"open", "open"},
                  {"stat", "stat"},
                  {"access", "stat"},
                  {"copy", "copyfile"},
                  {"write", "write"},
                  {"read", "read"},
                  {"watch", "watch"},
                  {NULL, NULL}};

static int fsd__alnum(int c) {
  return fsd__is_upper(c) || fsd__is_lower(c) || fsd__is_digit(c) || c == '_';
}

static int fsd__lower_of(int c) { return fsd__is_upper(c) ? c - 'A' + 'a' : c; }

/* Case-less search for a lower-case needle starting at a word boundary. */
static size_t fsd__find_text(const char *s, size_t n, const char *t) {
  size_t m = strlen(t), i, k;
  for (i = 0; i + m <= n; i++) {
    if (i > 0 && (fsd__is_upper((unsigned char)s[i - 1]) ||
                  fsd__is_lower((unsigned char)s[i - 1])))
      continue;
    for (k = 0; k < m && (fsd__lower_of((unsigned char)s[i + k]) == t[k] ||
                          (t[k] == '-' && s[i + k] == ' '));
         k++)
      ;
    if (k == m) return i;
  }
  return n;
}

static int fsd__has_word(const char *s, size_t n, const char *t) {
  return fsd__find_text(s, n, t) < n;
}

static const char *fsd__call_of(const char *w, size_t n) {
  size_t i;
  /* Text in another script before the call ("报错信息：spawn ENOENT", a
   * full-width colon): the call is the ASCII run at the token's end. A
   * path keeps its whole token (fsd__trim_token). */
  for (i = n; i > 0 && !((unsigned char)w[i - 1] & 0x80); i--)
    ;
  if (i > 0) w += i, n -= i;
  for (i = 0; fsd__calls[i].word != NULL; i++)
    if (strlen(fsd__calls[i].word) == n && n > 0 &&
        /* "Spawn ENAMETOOLONG" in a sentence: a capital first letter */
        (w[0] == fsd__calls[i].word[0] || w[0] + 32 == fsd__calls[i].word[0]) &&
        memcmp(fsd__calls[i].word + 1, w + 1, n - 1) == 0)
      return fsd__calls[i].call;
  return NULL;
}

/* The whitespace-separated token that ends right before end (blanks
 * skipped); *start gets where it begins. Bounded to 4096 bytes back. */
static size_t fsd__token_before(const char *s, size_t end, size_t *start) {
  size_t e = end, b;
  while (e > 0 && fsd__is_blank(s[e - 1])) e--;
  for (b = e; b > 0 && e - b < FSD__PATH_CAP && !fsd__is_blank(s[b - 1]); b--)
    ;
  *start = b;
  return e - b;
}

static int fsd__quote_char(int c) { return c == '\'' || c == '"' || c == '`'; }

/* A token that names a file: a path with a separator, or a drive. */
static int fsd__pathish(const char *s, size_t n) {
  if (n == 0) return 0;
  if (s[0] == '/' || s[0] == '\\' || s[0] == '.' || s[0] == '~') return 1;
  if (n >= 2 && s[1] == ':' &&
      (fsd__is_upper((unsigned char)s[0]) || fsd__is_lower((unsigned char)s[0])))
    return 1;
  return memchr(s, '/', n) != NULL || memchr(s, '\\', n) != NULL;
}

/* Text that starts as a path does ("/x", "~/x", "./x", "C:\\x", "\\\\srv")
 * and holds no blank-separated words after it ("see /x for details"). */
static int fsd__path_start(const char *s, size_t n) {
  size_t i;
  if (n == 0 || !(s[0] == '/' || s[0] == '~' || s[0] == '.' || s[0] == '\\' ||
                  (n > 2 && s[1] == ':' && (s[2] == '\\' || s[2] == '/'))))
    return 0;
  for (i = 0; i + 1 < n; i++)
    if (s[i] == ' ' && s[i + 1] != ' ' && memchr(s + i + 1, ' ', n - i - 1) != NULL &&
        !fsd__pathish(s + i + 1, n - i - 1))
      return 0;
  return 1;
}

static void fsd__trim_token(const char **s, size_t *n) {
  while (*n > 0 && (fsd__quote_char((*s)[0]) || (*s)[0] == '(' || (*s)[0] == '[')) (*s)++, (*n)--;
  while (*n > 0 && (fsd__quote_char((*s)[*n - 1]) || (*s)[*n - 1] == ':' ||
                    (*s)[*n - 1] == ',' || (*s)[*n - 1] == ')' ||
                    (*s)[*n - 1] == ']'))
    (*n)--;
}

/* A bare code: "watch ENOSPC", "spawn git ENOENT", "EBUSY resource busy". */
static int fsd__bare_code(fsd__parser_t *p, const char *s, size_t n,
                          fsd__ev_t *ev) {
  size_t i, j, b1, n1, b2, n2;
  const char *call, *t1;
  for (i = 0; i < n; i++) {
    if ((s[i] != 'E') || (i > 0 && fsd__alnum((unsigned char)s[i - 1]))) continue;
    for (j = i + 1; j < n && j - i < FSD__CODE_CAP &&
                    (fsd__is_upper((unsigned char)s[j]) || fsd__is_digit((unsigned char)s[j]));
         j++)
      ;
    if (j - i < 3 || (j < n && fsd__alnum((unsigned char)s[j])) ||
        !fsd__known_code(s + i, j - i) || (j - i == 3 && memcmp(s + i, "EOF", 3) == 0)) {
      i = j;
      continue;
    }
    fsd__set_word(ev->code, sizeof(ev->code), s + i, j - i);
    n1 = fsd__token_before(s, i, &b1);
    t1 = s + b1;
    fsd__trim_token(&t1, &n1);
    if ((call = fsd__call_of(t1, n1)) != NULL) {
      fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
    } else if (n1 > 0 && b1 > 0) {
      const char *t2;
      n2 = fsd__token_before(s, b1, &b2);
      t2 = s + b2;
      fsd__trim_token(&t2, &n2);
      if ((call = fsd__call_of(t2, n2)) != NULL) {
        fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
        /* the program or file after the call ("spawn git ENOENT"), not
         * Ruby's "Errno::" */
        if (memchr(t1, ':', n1) == NULL || fsd__pathish(t1, n1))
          fsd__set_path(ev->path, t1, n1);
      }
    }
    (void)p;
    return 1;
  }
  return 0;
}

/* The path after a system text: Python's ": '/x'" (and " -> '/y'"), or
 * a call and its path: ", open c:\\x" (the colon of a Node message lost). */
static void fsd__path_after(fsd__parser_t *p, const char *s, size_t n,
                            fsd__ev_t *ev) {
  size_t k = 0, used, vl, w, e;
  const char *call;
  if (n > 3 && s[0] == ' ' && (s[1] == '@' || (s[1] == '-' && s[2] == ' '))) {
    /* Ruby's "Text @ rb_sysopen - /x (Errno::EACCES)", "Text - /x" */
    if (s[1] == '@') {
      static const char *const rb[] = {"chmod", "chown", "mkdir", "rmdir",
                                       "rename", "unlink", "symlink", "utime",
                                       "sysopen", NULL};
      size_t r;
      for (k = 2; k + 2 < n && !(s[k] == ' ' && s[k + 1] == '-' && s[k + 2] == ' '); k++)
        ;
      if (k + 2 >= n) return;
      /* "@ chmod_internal", "@ rb_sysopen": the call inside the name */
      for (r = 0; rb[r] != NULL && ev->syscall[0] == '\0'; r++)
        if (fsd__find_text(s + 2, k - 2, rb[r]) < k - 2) {
          const char *call = r == 8 ? "open" : rb[r];
          fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
        }
    } else {
      k = 0;
    }
    k += 3;
    /* up to " (Errno::" or the end of the sentence (". Permission denied
     * @ rb_sysopen" follows on Homebrew's lines) */
    for (e = k; e < n && !(e + 8 <= n && memcmp(s + e, " (Errno:", 8) == 0) &&
                !(e + 2 < n && s[e] == '.' && s[e + 1] == ' ' &&
                  fsd__is_upper((unsigned char)s[e + 2]));
         e++)
      ;
    while (e > k && fsd__is_blank(s[e - 1])) e--;
    if (e > k + 2 && s[k] == '(' && s[e - 1] == ')') {
      /* "@ rb_file_s_rename - (/a, /b)" */
      size_t c2;
      for (c2 = k + 1; c2 < e - 1 && s[c2] != ','; c2++)
        ;
      if (c2 < e - 1 && fsd__path_start(s + k + 1, c2 - k - 1)) {
        fsd__set_path(ev->path, s + k + 1, c2 - k - 1);
        for (c2++; c2 < e - 1 && fsd__is_blank(s[c2]); c2++)
          ;
        if (fsd__path_start(s + c2, e - 1 - c2))
          fsd__set_path(ev->dest, s + c2, e - 1 - c2);
      }
      return;
    }
    if (fsd__path_start(s + k, e - k)) fsd__set_path(ev->path, s + k, e - k);
    return;
  }
  if (k < n && (s[k] == ':' || s[k] == ',')) {
    k++;
  } else {
    /* "no such file or directory uv_cwd(null)": the call right after */
    while (k < n && fsd__is_blank(s[k])) k++;
    for (w = k; w < n && (fsd__is_lower((unsigned char)s[w]) || s[w] == '_'); w++)
      ;
    if (w > k && (w == n || s[w] == '(') && (call = fsd__call_of(s + k, w - k)) &&
        ev->syscall[0] == '\0')
      fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
    return;
  }
  while (k < n && fsd__is_blank(s[k])) k++;
  for (w = k; w < n && fsd__is_lower((unsigned char)s[w]); w++)
    ;
  if (w > k && w + 1 < n && s[w] == ' ' && (call = fsd__call_of(s + k, w - k))) {
    if (ev->syscall[0] == '\0')
      fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
    k = w + 1;
    if (!fsd__quote_char(s[k])) {
      for (e = k; e < n && !fsd__is_blank(s[e]); e++)
        ;
      if (fsd__pathish(s + k, e - k)) fsd__set_path(ev->path, s + k, e - k);
      return;
    }
  }
  if (k >= n || !fsd__quote_char(s[k])) return;
  used = fsd__parse_quoted(s + k, n - k, p->val, sizeof(p->val), &vl);
  if (used == 0 || vl == 0) return;
  fsd__set_path(ev->path, p->val, vl);
  k += used;
  if (k + 4 < n && memcmp(s + k, " -> ", 4) == 0 && fsd__quote_char(s[k + 4])) {
    used = fsd__parse_quoted(s + k + 4, n - k - 4, p->val, sizeof(p->val), &vl);
    if (used != 0 && vl != 0) fsd__set_path(ev->dest, p->val, vl);
  }
}

/* The verb before a quoted path: "cannot create directory '/x'". */
static const char *fsd__verb_before(const char *s, size_t end) {
  size_t from = end > 48 ? end - 48 : 0, i;
  const char *best = NULL;
  size_t at = 0;
  for (i = 0; fsd__verbs[i].words != NULL; i++) {
    size_t k = fsd__find_text(s + from, end - from, fsd__verbs[i].words);
    if (k < end - from && (best == NULL || k > at)) {
      best = fsd__verbs[i].call;
      at = k;
    }
  }
  return best;
}

/* The path and operation before a system text: coreutils' "... '/x':
 * Text" and Go's "op /x: text", "op /old /new: text". */
static void fsd__path_before(const char *s, size_t end, fsd__ev_t *ev) {
  size_t e = end, q, b1, n1, b2, n2, b3, n3;
  const char *call, *t1, *t2, *t3;
  while (e > 0 && fsd__is_blank(s[e - 1])) e--;
  if (e == 0 || (s[e - 1] != ':' && s[e - 1] != ',')) return;
  e--;
  while (e > 0 && fsd__is_blank(s[e - 1])) e--;
  if (e > 1 && (fsd__quote_char(s[e - 1]) || (unsigned char)s[e - 1] == 0x99)) {
    /* a quoted path; ’ (U+2019, e2 80 99) closes ‘ (e2 80 98) */
    int uq = (unsigned char)s[e - 1] == 0x99 && e >= 3 &&
             (unsigned char)s[e - 3] == 0xe2 && (unsigned char)s[e - 2] == 0x80;
    char qc = s[e - 1];
    size_t close = uq ? e - 3 : e - 1;
    for (q = close; q > 0 && close - q < FSD__PATH_CAP; q--) {
      if (uq && q >= 3 && (unsigned char)s[q - 1] == 0x98 &&
          (unsigned char)s[q - 2] == 0x80 && (unsigned char)s[q - 3] == 0xe2)
        break;
      if (!uq && s[q - 1] == qc) break;
    }
    if (!uq && qc == '\'' && q == 0) {
      /* Ruby: "in `mkdir': Too many links" names the call, not a path */
      for (q = close; q > 0 && close - q < 32 && s[q - 1] != '`'; q--)
        ;
      if (q > 0 && s[q - 1] == '`' && (call = fsd__call_of(s + q, close - q)) &&
          ev->syscall[0] == '\0')
        fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
      return;
    }
    if (q == 0 || close - q == 0) return;
    fsd__set_path(ev->path, s + q, close - q);
    if (ev->syscall[0] == '\0' &&
        (call = fsd__verb_before(s, uq ? q - 3 : q - 1)) != NULL)
      fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
    return;
  }
  n1 = fsd__token_before(s, e, &b1);
  t1 = s + b1;
  if (!fsd__pathish(t1, n1)) return;
  n2 = fsd__token_before(s, b1, &b2);
  t2 = s + b2;
  fsd__trim_token(&t2, &n2);
  if ((call = fsd__call_of(t2, n2)) != NULL) {
    fsd__set_path(ev->path, t1, n1);
  } else if (fsd__pathish(t2, n2) && b2 > 0) {
    n3 = fsd__token_before(s, b2, &b3);
    t3 = s + b3;
    fsd__trim_token(&t3, &n3);
    if ((call = fsd__call_of(t3, n3)) == NULL) return;
    fsd__set_path(ev->path, t2, n2);
    fsd__set_path(ev->dest, t1, n1);
  } else {
    /* Java's "FileSystemException: C:\\x: The process cannot ...": an
     * absolute path with no call before it */
    if (t1[0] == '/' || t1[0] == '\\' || (n1 > 2 && t1[1] == ':'))
      fsd__set_path(ev->path, t1, n1);
    return;
  }
  if (ev->syscall[0] == '\0')
    fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
}

/* A quoted value in a tool's own words: raw ("Access to the path
 * 'C:\\dev\\x.dll' is denied."), unless its backslashes are doubled as a
 * repr or a JSON string writes them. */
static size_t fsd__loose_quoted(const char *s, size_t n, char *out,
                                size_t cap, size_t *outlen) {
  size_t e, k;
  for (e = 1; e < n && s[e] != s[0] && s[e] != '\n'; e++)
    if (s[e] == '\\' && e + 1 < n && s[e + 1] == '\\')
      return fsd__parse_quoted(s, n, out, cap, outlen);
  if (e >= n || s[e] != s[0]) return 0;
  k = e - 1 < cap - 1 ? e - 1 : cap - 1;
  memcpy(out, s + 1, k);
  out[k] = '\0';
  *outlen = k;
  return e + 1;
}

/* A call written with its arguments before the text: rsync's
 * "rmdir(6.5/os/x86_64) failed: Device or resource busy", PHP's
 * "rename(/a,/b): Device or resource busy". The last such call before end
 * gives the call, the path and the destination. */
static void fsd__call_paren(const char *s, size_t end, fsd__ev_t *ev) {
  size_t i, w, close = 0, comma;
  const char *call, *best = NULL;
  size_t bopen = 0, bclose = 0;
  for (i = 1; i < end; i++) {
    if (s[i] != '(') continue;
    for (w = i; w > 0 && i - w < 16 && fsd__is_lower((unsigned char)s[w - 1]); w--)
      ;
    if (w == i || (call = fsd__call_of(s + w, i - w)) == NULL) continue;
    /* the next ')' after i, found once for all the '(' before it */
    if (close <= i)
      for (close = i + 1; close < end && s[close] != ')'; close++)
        ;
    if (close >= end || close == i + 1) continue;
    best = call;
    bopen = i;
    bclose = close;
  }
  if (best == NULL) return;
  for (comma = bopen + 1; comma < bclose && s[comma] != ','; comma++)
    ;
  if (!fsd__pathish(s + bopen + 1, comma - bopen - 1) &&
      memchr(s + bopen + 1, '/', comma - bopen - 1) == NULL)
    return;
  fsd__set_path(ev->path, s + bopen + 1, comma - bopen - 1);
  if (comma + 1 < bclose) fsd__set_path(ev->dest, s + comma + 1, bclose - comma - 1);
  if (ev->syscall[0] == '\0')
    fsd__set_word(ev->syscall, sizeof(ev->syscall), best, strlen(best));
}

/* The first quoted path on the line ("'/x/y' has maximum number of
 * links"), when nothing placed one. */
static void fsd__quoted_path(fsd__parser_t *p, const char *s, size_t n,
                             fsd__ev_t *ev) {
  size_t i, used, vl;
  for (i = 0; i < n; i++) {
    if (s[i] != '\'' && s[i] != '"') continue;
    used = fsd__loose_quoted(s + i, n - i, p->val, sizeof(p->val), &vl);
    if (used == 0) return;
    if (fsd__pathish(p->val, vl) && memchr(p->val, ' ', vl) == NULL) {
      const char *call = ev->syscall[0] == '\0' ? fsd__verb_before(s, i) : NULL;
      fsd__set_path(ev->path, p->val, vl);
      /* "Cannot run program \"/x\": error=13, Permission denied": only
       * a program's start; "Access to the path" names no call */
      if (call != NULL && strcmp(call, "spawn") == 0)
        fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
      return;
    }
    i += used - 1;
  }
}

/* The first system text on the line; fills the evidence from it. */
static int fsd__system_text(fsd__parser_t *p, const char *s, size_t n,
                            fsd__ev_t *ev, int coded) {
  size_t i, at, best = n, m = 0;
  int which = -1;
  for (i = 0; fsd__texts[i].text != NULL; i++) {
    at = fsd__find_text(s, n, fsd__texts[i].text);
    /* ssh's "Permission denied (publickey)" is no file's */
    if (at < n && n - at - strlen(fsd__texts[i].text) >= 11 &&
        memcmp(s + at + strlen(fsd__texts[i].text), " (publickey", 11) == 0)
      continue;
    if (at < best) {
      best = at;
      which = (int)i;
      m = strlen(fsd__texts[i].text);
    }
  }
  if (which < 0) return 0;
  if (!coded)
    fsd__set_word(ev->code, sizeof(ev->code), fsd__texts[which].code,
                  strlen(fsd__texts[which].code));
  else if (strcmp(ev->code, fsd__texts[which].code) != 0)
    return 1; /* the code's own word wins; its text is another's */
  if (fsd__texts[which].plat != NULL) ev->plat = fsd__texts[which].plat;
  if (ev->syscall[0] == '\0' && fsd__texts[which].call != NULL)
    fsd__set_word(ev->syscall, sizeof(ev->syscall), fsd__texts[which].call,
                  strlen(fsd__texts[which].call));
  if (ev->path[0] == '\0') fsd__path_after(p, s + best + m, n - best - m, ev);
  if (ev->path[0] == '\0') fsd__call_paren(s, best, ev);
  if (ev->path[0] == '\0') fsd__path_before(s, best, ev);
  if (ev->path[0] == '\0') fsd__quoted_path(p, s, n, ev);
  return 1;
}

void fsd__loose_line(fsd__parser_t *p, const char *s, size_t n) {
  fsd__ev_t *ev = &p->ev;
  int coded;
  fsd__ev_reset(ev);
  coded = fsd__bare_code(p, s, n, ev);
  if (!fsd__system_text(p, s, n, ev, coded) && !coded) return;
  if (fsd__has_word(s, n, "[winerror")) ev->plat = "win32";
  /* Python's "[Errno 16] ...: 'a' -> 'b'" names two paths: a rename. */
  if (ev->syscall[0] == '\0' && ev->dest[0] != '\0')
    fsd__set_word(ev->syscall, sizeof(ev->syscall), "rename", 6);
  /* A tool that says it was watching: jest's "Error watching file for
   * changes: EMFILE", webpack's "Watchpack Error (watcher)". */
  if (ev->syscall[0] == '\0' &&
      (strcmp(ev->code, "ENOSPC") == 0 || strcmp(ev->code, "EMFILE") == 0 ||
       strcmp(ev->code, "ENFILE") == 0) &&
      (fsd__has_word(s, n, "watch") || fsd__has_word(s, n, "inotify") ||
       fsd__has_word(s, n, "chokidar")))
    fsd__set_word(ev->syscall, sizeof(ev->syscall), "watch", 5);
  ev->open = 1;
  ev->msg_rank = 2;
  ev->line = p->lineno;
  ev->source = p->src != FSD__SRC_NONE ? p->src : FSD__SRC_TEXT;
  ev->msg = p->line;
  ev->msg_len = p->line_len;
  fsd__feed(p, ev);
}
