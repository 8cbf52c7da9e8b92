/* Tools' own forms of an error that no system text table holds: Node's
 * "Cannot find module '<path>'" and "Unknown system error -N", the MSVC
 * linker's LNK1104. Read by the loose pass (errtext_loose.c). */

#include "parse/errtext_int.h"

#include <string.h>

/* Node's "Cannot find module '<absolute path>'": require() found no file
 * there (a module name without a path is no filesystem error). ENOENT. */
int fsd__module_missing(const char *s, size_t n, fsd__ev_t *ev) {
  size_t at = fsd__find_text(s, n, "cannot find module '"), b, e;
  if (at >= n) return 0;
  b = at + 20;
  if (!(b < n && (s[b] == '/' || (b + 2 < n && fsd__is_upper((unsigned char)(s[b] & ~0x20)) &&
                                  s[b + 1] == ':' && (s[b + 2] == '\\' || s[b + 2] == '/')))))
    return 0;
  for (e = b; e < n && s[e] != '\''; e++)
    ;
  if (e >= n || e == b) return 0;
  fsd__set_word(ev->code, sizeof(ev->code), "ENOENT", 6);
  fsd__set_path(ev->path, s + b, e - b);
  return 1;
}

/* Node's "Unknown system error -122": an errno libuv has no name for,
 * by its Linux number (EDQUOT's 122, ENOTSUP's 95). */
int fsd__unknown_errno(const char *s, size_t n, fsd__ev_t *ev) {
  static const char lead[] = "unknown system error -";
  size_t at = fsd__find_text(s, n, lead), k;
  int64_t num = 0;
  const char *code;
  if (at >= n) return 0;
  for (k = at + sizeof(lead) - 1; k < n && fsd__is_digit((unsigned char)s[k]) &&
                                  num < 100000;
       k++)
    num = num * 10 + (s[k] - '0');
  if (num == 0 || num >= 4000) return 0;
  code = fsd__errno_code(-num, 0);
  if (code == NULL) return 0;
  fsd__set_word(ev->code, sizeof(ev->code), code, strlen(code));
  if (fsd__errno_platform(-num, code) != NULL) ev->plat = fsd__errno_platform(-num, code);
  return 1;
}

/* The MSVC linker's LNK1104 "cannot open file 'x'": an output it cannot
 * write (x.exe, x.dll, x.pdb: the program still running, an antivirus
 * scan) is EBUSY; an input it cannot find (x.lib, x.obj) ENOENT. The name
 * in ' ', " " or the curly quotes of a localized console. */
int fsd__lnk_file(const char *s, size_t n, fsd__ev_t *ev) {
  static const char *const inputs[] = {".lib", ".obj", ".res", ".def", NULL};
  size_t at = fsd__find_text(s, n, "fatal error lnk1104"), b, e, i, l;
  int curly;
  if (at >= n) return 0;
  b = fsd__find_text(s + at, n - at, "open file");
  if (b >= n - at) return 0;
  b += at + 9;
  while (b < n && fsd__is_blank(s[b])) b++;
  curly = b + 2 < n && (unsigned char)s[b] == 0xe2 && (unsigned char)s[b + 1] == 0x80 &&
          (unsigned char)s[b + 2] == 0x9c;
  if (!curly && !(b < n && (s[b] == '\'' || s[b] == '"'))) return 0;
  b += curly ? 3 : 1;
  for (e = b; e < n && s[e] != '\'' && s[e] != '"' &&
              !(e + 2 < n && (unsigned char)s[e] == 0xe2 &&
                (unsigned char)s[e + 1] == 0x80 && (unsigned char)s[e + 2] == 0x9d);
       e++)
    ;
  if (e >= n || e == b) return 0;
  fsd__set_path(ev->path, s + b, e - b);
  fsd__set_word(ev->code, sizeof(ev->code), "EBUSY", 5);
  for (i = 0; inputs[i] != NULL; i++) {
    l = strlen(inputs[i]);
    if (e - b > l && fsd__find_text(s + e - l, l, inputs[i]) == 0)
      fsd__set_word(ev->code, sizeof(ev->code), "ENOENT", 6);
  }
  fsd__set_word(ev->syscall, sizeof(ev->syscall), "open", 4);
  ev->plat = "win32";
  return 1;
}
