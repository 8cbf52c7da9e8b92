/* Windows' errors without a text a table holds: by number ("[WinError
 * 32]", "error code(5)", HRESULT 0x80070020, "[0x00000005]") and by their
 * winerror.h names ("ERROR_SHARING_VIOLATION"). Read by the loose pass
 * (errtext_loose.c). */

#include "parse/errtext_int.h"

#include <ctype.h>
#include <string.h>

/* A Windows error read: the code libuv gives it, the call it implies. */
static int fsd__win_found(fsd__ev_t *ev, const char *code, const char *call) {
  fsd__set_word(ev->code, sizeof(ev->code), code, strlen(code));
  if (call != NULL) fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
  ev->plat = "win32";
  return 1;
}

/* The line says something failed: "fail", or "error" that is no
 * ERROR_ name's own start. */
static int fsd__fail_word(const char *s, size_t n) {
  size_t at = 0, k;
  if (fsd__find_text(s, n, "fail") < n) return 1;
  while (at < n && (k = fsd__find_text(s + at, n - at, "error")) < n - at) {
    at += k + 5;
    if (at >= n || s[at] != '_') return 1;
  }
  return 0;
}

/* A Win32 error by its number, as Python ("[WinError 1314]") and other
 * tools print it ("error code(1314)") with no text a table knows: the
 * code libuv gives it, and the call the number implies. */
int fsd__win32_number(const char *s, size_t n, fsd__ev_t *ev) {
  static const struct {
    unsigned long num;
    const char *code, *call;
    int any; /* 1: named after "error code(" too, where a program's exit
              * status may stand (2, 3, 5 are exit codes as often) */
  } win[] = {{2, "ENOENT", NULL, 0},        {3, "ENOENT", NULL, 0},
             {4, "EMFILE", NULL, 0},        {5, "EPERM", NULL, 0},
             {17, "EXDEV", NULL, 0},        {19, "EROFS", NULL, 0},
             {32, "EBUSY", NULL, 1},        {33, "EBUSY", NULL, 1},
             {80, "EEXIST", NULL, 0},       {112, "ENOSPC", NULL, 0},
             {123, "ENOENT", NULL, 1},
             {145, "ENOTEMPTY", NULL, 0},   {183, "EEXIST", NULL, 1},
             {206, "ENAMETOOLONG", NULL, 1}, {1314, "EPERM", "symlink", 1},
             /* ERROR_DIRECTORY: CreateProcess's working directory is no
              * directory (a file, or gone) */
             {267, "ENOTDIR", NULL, 1},
             /* ERROR_USER_MAPPED_FILE: another process maps the file */
             {1224, "EBUSY", NULL, 1},
             /* ERROR_TOO_MANY_LINKS, ERROR_CANT_RESOLVE_FILENAME (a
              * reparse point loop) */
             {1142, "EMLINK", NULL, 1},     {1921, "ELOOP", NULL, 1},
             {0, NULL, NULL, 0}};
  /* Python 2's WindowsError printed its number as "[Error 3]" */
  static const char *const lead[] = {"[winerror ", "error code(", "create process, error code: ",
                                     "windowserror: [error ", NULL};
  size_t i, j, at, k;
  unsigned long num;
  for (i = 0; lead[i] != NULL; i++) {
    at = fsd__find_text(s, n, lead[i]);
    if (at >= n) continue;
    k = at + strlen(lead[i]);
    for (num = 0; k < n && fsd__is_digit((unsigned char)s[k]) && num < 100000; k++)
      num = num * 10 + (unsigned long)(s[k] - '0');
    for (j = 0; win[j].code != NULL; j++) {
      if (win[j].num != num || (i > 0 && i < 3 && !win[j].any)) continue;
      /* CreateProcess's own: a working directory that is no directory */
      return fsd__win_found(ev, win[j].code,
                            win[j].call != NULL ? win[j].call : i == 2 ? "spawn" : NULL);
    }
  }
  /* "Access denied" with its number beside it, as installers and
   * services print ERROR_ACCESS_DENIED ("Error 5: Access denied.",
   * "access denied (5)"); the words alone are also HTTP's and S3's */
  at = fsd__find_text(s, n, "access denied");
  if (at < n) {
    k = at + 13;
    if ((k + 3 <= n && memcmp(s + k, " (5", 3) == 0 &&
         (k + 3 == n || !fsd__is_digit((unsigned char)s[k + 3]))) ||
        ((j = fsd__find_text(s, at, "error 5")) < at && j + 7 < n &&
         !fsd__is_digit((unsigned char)s[j + 7])))
      return fsd__win_found(ev, "EPERM", NULL);
  }
  /* In hex: HRESULT_FROM_WIN32's 0x8007XXXX, or the bare number written
   * as a word ("[0x00000005]") on a line that says it failed */
  for (at = 0; at + 10 <= n; at++) {
    unsigned long hi = 0;
    if (s[at] != '0' || (s[at + 1] | 0x20) != 'x' || (at > 0 && isalnum((unsigned char)s[at - 1])))
      continue;
    for (k = at + 2, num = 0; k < at + 10 && isxdigit((unsigned char)s[k]); k++)
      num = num * 16 + (unsigned long)(isdigit((unsigned char)s[k]) ? s[k] - '0'
                                                                   : (s[k] | 0x20) - 'a' + 10);
    if (k < at + 10 || (k < n && isalnum((unsigned char)s[k]))) continue;
    hi = num >> 16;
    num &= 0xffff;
    /* the bare form only as an error's own number, on a line that says
     * something failed: in brackets ("denied [0x00000005]"), or right
     * after "error" or "failed with" */
    if (hi != 0x8007 &&
        !(hi == 0 && fsd__fail_word(s, n) &&
          ((at > 0 && (s[at - 1] == '[' || s[at - 1] == '(') && k < n &&
            (s[k] == ']' || s[k] == ')')) ||
           (at >= 6 && fsd__find_text(s + at - 6, 6, "error ") == 0) ||
           (at >= 12 && fsd__find_text(s + at - 12, 12, "failed with ") == 0))))
      continue;
    for (j = 0; win[j].code != NULL; j++) {
      if (win[j].num != num || (hi == 0 && !win[j].any && s[at - 1] != '[')) continue;
      return fsd__win_found(ev, win[j].code, win[j].call);
    }
  }
  return 0;
}


/* The name at s[at] is an operand in code: "== ERROR_X", "ERROR_X !=",
 * "case ERROR_X". */
static int fsd__compared(const char *s, size_t n, size_t at, size_t len) {
  size_t b = at, e = at + len;
  while (b > 0 && s[b - 1] == ' ') b--;
  while (e < n && s[e] == ' ') e++;
  /* an operator of two characters, not a ruler ("=====") */
  return (b >= 2 && (memcmp(s + b - 2, "==", 2) == 0 || memcmp(s + b - 2, "!=", 2) == 0) &&
          (b == 2 || s[b - 3] != '=')) ||
         (b >= 4 && memcmp(s + b - 4, "case", 4) == 0) ||
         (e + 2 <= n && (memcmp(s + e, "==", 2) == 0 || memcmp(s + e, "!=", 2) == 0) &&
          (e + 2 == n || s[e + 2] != '='));
}

int fsd__win32_name(const char *s, size_t n, fsd__ev_t *ev) {
  /* winerror.h's names, as logs and knowledge-base articles print them */
  static const struct {
    const char *name, *code, *call;
  } win[] = {{"ERROR_FILE_NOT_FOUND", "ENOENT", NULL},
             {"ERROR_PATH_NOT_FOUND", "ENOENT", NULL},
             {"ERROR_TOO_MANY_OPEN_FILES", "EMFILE", NULL},
             {"ERROR_ACCESS_DENIED", "EPERM", NULL},
             {"ERROR_WRITE_PROTECT", "EROFS", NULL},
             {"ERROR_NOT_SAME_DEVICE", "EXDEV", NULL},
             {"ERROR_SHARING_VIOLATION", "EBUSY", NULL},
             {"ERROR_LOCK_VIOLATION", "EBUSY", NULL},
             {"ERROR_HANDLE_DISK_FULL", "ENOSPC", NULL},
             {"ERROR_DISK_FULL", "ENOSPC", NULL},
             {"ERROR_FILE_EXISTS", "EEXIST", NULL},
             {"ERROR_ALREADY_EXISTS", "EEXIST", NULL},
             {"ERROR_INVALID_NAME", "ENOENT", NULL},
             {"ERROR_DIR_NOT_EMPTY", "ENOTEMPTY", NULL},
             {"ERROR_FILENAME_EXCED_RANGE", "ENAMETOOLONG", NULL},
             {"ERROR_DIRECTORY", "ENOTDIR", NULL},
             {"ERROR_USER_MAPPED_FILE", "EBUSY", NULL},
             {"ERROR_TOO_MANY_LINKS", "EMLINK", NULL},
             {"ERROR_PRIVILEGE_NOT_HELD", "EPERM", "symlink"},
             {"ERROR_CANT_RESOLVE_FILENAME", "ELOOP", NULL},
             {NULL, NULL, NULL}};
  size_t i, at, len;
  /* a log's or an article's failure, not prose that mentions the name
   * nor code that compares with it (fsd__compared) */
  if (!fsd__fail_word(s, n)) return 0;
  for (i = 0; win[i].name != NULL; i++) {
    len = strlen(win[i].name);
    for (at = 0; at + len <= n; at++)
      if (memcmp(s + at, win[i].name, len) == 0 &&
          (at == 0 || !(isalnum((unsigned char)s[at - 1]) || s[at - 1] == '_')) &&
          (at + len == n || !(isalnum((unsigned char)s[at + len]) || s[at + len] == '_')))
        break;
    if (at + len > n || fsd__compared(s, n, at, len)) continue;
    return fsd__win_found(ev, win[i].code, win[i].call);
  }
  return 0;
}

int fsd__dotnet_denied(const char *s, size_t n, fsd__ev_t *ev) {
  /* .NET's words without "the" (an agent's log): "Access to path '/x' is
   * denied." Only with "denied" after the path: "Checking access to path
   * '/x' for ..." is prose */
  size_t at = fsd__find_text(s, n, "access to path '");
  if (at >= n || fsd__find_text(s + at, n - at, "denied") >= n - at) return 0;
  fsd__set_word(ev->code, sizeof(ev->code), "EPERM", 5);
  return 1;
}
