/* The "#!" line of a script (parse/shebang.h). */

#include "parse/shebang.h"

#include <string.h>

static int fsd__blank(char ch) { return ch == ' ' || ch == '\t'; }

/* The program "env" runs: its options and NAME=value words skipped
 * ("-S node --flag" is split by env itself). */
static void fsd__env_prog(const char *s, size_t n, fsd_shebang_t *out) {
  size_t i = 0, w;
  while (i < n) {
    while (i < n && fsd__blank(s[i])) i++;
    w = i;
    while (i < n && !fsd__blank(s[i])) i++;
    if (w == i) return;
    if (s[w] == '-' || memchr(s + w, '=', i - w) != NULL) continue;
    out->env_prog = s + w;
    out->env_prog_len = i - w;
    return;
  }
}

int fsd_shebang(const char *buf, size_t n, fsd_shebang_t *out) {
  size_t i = 2, end, w, base;
  memset(out, 0, sizeof(*out));
  if (buf == NULL || n < 3 || buf[0] != '#' || buf[1] != '!') return 0;
  end = 2;
  while (end < n && buf[end] != '\n' && buf[end] != '\0') end++;
  /* A carriage return is no blank to the kernel: it stays in the word it
   * ends ("/bin/sh\r", or env's "node\r"), or is an argument of its own
   * after a blank. */
  out->cr = end > 2 && buf[end - 1] == '\r';
  while (i < end && fsd__blank(buf[i])) i++;
  w = i;
  while (i < end && !fsd__blank(buf[i])) i++;
  if (w == i) return 0;
  out->interp = buf + w;
  out->interp_len = i - w;
  while (i < end && fsd__blank(buf[i])) i++;
  while (end > i && fsd__blank(buf[end - 1])) end--;
  if (end > i) {
    out->arg = buf + i;
    out->arg_len = end - i;
  }
  /* The interpreter's last path element. */
  for (base = out->interp_len; base > 0 && out->interp[base - 1] != '/'; base--)
    ;
  if (out->arg != NULL && out->interp_len - base == 3 &&
      memcmp(out->interp + base, "env", 3) == 0)
    fsd__env_prog(out->arg, out->arg_len, out);
  return 1;
}
