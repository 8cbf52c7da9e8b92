/* libFuzzer target for the error-text parser. Besides crashes and
 * sanitizer reports it checks what callers rely on: every entry has a code
 * that is an errno-like token, every string is valid UTF-8 without NUL,
 * lines are in range, and the JSON of the results can be produced. */

#include "parse/errtext.h"
#include "parse/shebang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fsd__fuzz_fail(const char *what, const char *s) {
  fprintf(stderr, "invariant broken: %s: %s\n", what, s ? s : "(null)");
  abort();
}

static int fsd__fuzz_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned c = *p;
    size_t k, i;
    unsigned long cp;
    if (c < 0x80) { p++; continue; }
    if (c >= 0xc2 && c <= 0xdf) k = 1, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) k = 2, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) k = 3, cp = c & 0x07;
    else return 0;
    for (i = 1; i <= k; i++) {
      if ((p[i] & 0xc0) != 0x80) return 0;
      cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return 0;
    p += k + 1;
  }
  return 1;
}

static void fsd__fuzz_str(const char *what, const char *s, size_t cap) {
  if (s == NULL) return;
  if (!fsd__fuzz_utf8(s)) fsd__fuzz_fail(what, "invalid UTF-8");
  if (strlen(s) > cap) fsd__fuzz_fail(what, "too long");
}

static int fsd__fuzz_code(const char *s) {
  size_t i;
  if (strcmp(s, "UNKNOWN") == 0) return 1;
  if (s[0] != 'E' || s[1] == '\0') return 0;
  for (i = 1; s[i]; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
      return 0;
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fsd_arena_t *a = fsd_arena_new();
  fsd_parsed_err_t *errs = NULL;
  size_t count = 0, i, lines = 1;
  char *json;
  if (a == NULL) return 0;
  for (i = 0; i < size; i++) lines += data[i] == '\n';
  if (fsd_parse_errors(a, (const char *)data, size, &errs, &count) != 0)
    fsd__fuzz_fail("parse", "returned an error");
  if (count > 1000) fsd__fuzz_fail("count", "over the cap");
  for (i = 0; i < count; i++) {
    const fsd_parsed_err_t *e = &errs[i];
    if (e->code == NULL || !fsd__fuzz_code(e->code)) fsd__fuzz_fail("code", e->code);
    if (e->source == NULL) fsd__fuzz_fail("source", NULL);
    if (e->line < 1 || e->line > lines) fsd__fuzz_fail("line", "out of range");
    if (i > 0 && e->line < errs[i - 1].line && e->line + 64 < errs[i - 1].line)
      fsd__fuzz_fail("line", "entries far out of order");
    fsd__fuzz_str("syscall", e->syscall, 31);
    fsd__fuzz_str("path", e->path, 4095 * 3);
    fsd__fuzz_str("dest", e->dest, 4095 * 3);
    fsd__fuzz_str("message", e->message, 500 * 3);
    if (e->platform != NULL && fsd_path_platform(e->path) != NULL &&
        strcmp(e->platform, fsd_path_platform(e->path)) != 0)
      fsd__fuzz_fail("platform", "disagrees with the path");
  }
  json = fsd_to_json(a, fsd_parsed_val(a, errs, count));
  if (json == NULL || json[0] != '[') fsd__fuzz_fail("json", json);
  if (!fsd__fuzz_utf8(json)) fsd__fuzz_fail("json", "invalid UTF-8");
  /* The "#!" parser reads the same bytes as a file's head: everything it
   * points at lies inside them, on the first line. */
  {
    fsd_shebang_t sb;
    const char *b = (const char *)data, *nl = memchr(b, '\n', size);
    size_t first = nl ? (size_t)(nl - b) : size;
    if (fsd_shebang(b, size, &sb)) {
      if (sb.interp < b || sb.interp + sb.interp_len > b + first || sb.interp_len == 0)
        fsd__fuzz_fail("shebang", "interpreter outside the first line");
      if (memchr(sb.interp, ' ', sb.interp_len) || memchr(sb.interp, '\t', sb.interp_len))
        fsd__fuzz_fail("shebang", "a blank inside the interpreter");
      if (sb.arg != NULL && (sb.arg < sb.interp || sb.arg + sb.arg_len > b + first))
        fsd__fuzz_fail("shebang", "argument outside the first line");
      if (sb.env_prog != NULL &&
          (sb.arg == NULL || sb.env_prog < sb.arg ||
           sb.env_prog + sb.env_prog_len > sb.arg + sb.arg_len))
        fsd__fuzz_fail("shebang", "env's program outside the argument");
    }
  }
  fsd_arena_free(a);
  return 0;
}
