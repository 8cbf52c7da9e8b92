/* Scanners of the error-text parser: Node error messages ("EPERM:
 * operation not permitted, rename 'a' -> 'b'", and Node 0.10's "EPERM,
 * open 'a'") and quoted JS/JSON strings. Every scanner moves forward only,
 * so a line costs time proportional to its length. */

#include "parse/errtext_int.h"

#include <string.h>

static int fsd__word(int c) {
  return fsd__is_upper(c) || fsd__is_lower(c) || fsd__is_digit(c) || c == '_';
}

/* Copies a path, dropping a Win32 verbatim prefix ("\\?\C:\x" -> "C:\x",
 * "\\?\UNC\srv\s" -> "\\srv\s"), truncated to FSD__PATH_CAP - 1 bytes. */
void fsd__set_path(char *dst, const char *s, size_t n) {
  size_t k = fsd__strip_verbatim(s, n), o = 0;
  if (k == 6) {
    dst[o++] = '\\';
    k = 7;
  }
  s += k;
  n -= k;
  /* the kernel's mark on a name that was removed ("/mnt/x (deleted)" in
   * /proc's mount table and fd links): not part of the path */
  if (n > 10 && memcmp(s + n - 10, " (deleted)", 10) == 0) n -= 10;
  if (n > FSD__PATH_CAP - 1 - o) n = FSD__PATH_CAP - 1 - o;
  memcpy(dst + o, s, n);
  dst[o + n] = '\0';
  /* A NUL would end the C string early; 0xff is invalid UTF-8 and becomes
   * U+FFFD on output. */
  for (k = 0; k < o + n; k++)
    if (dst[k] == '\0') dst[k] = (char)0xff;
}

/* A path the paste cut before its end: what there is, then "..." (an
 * elided value: prose shows it, no command gets it). Backslashes doubled
 * all through (a Python or JSON string's) read as one. */
void fsd__set_cut_path(char *dst, const char *s, size_t n) {
  size_t i, o = 0, runs = 0, odd = 0, r;
  for (i = 0; i < n; i += r) {
    for (r = 0; i + r < n && s[i + r] == '\\'; r++)
      ;
    if (r == 0) {
      r = 1;
      continue;
    }
    runs++;
    if (r % 2) odd = 1;
  }
  if (runs > 0 && !odd) {
    char tmp[FSD__PATH_CAP];
    for (i = 0; i < n && o < sizeof(tmp) - 1; i++) {
      tmp[o++] = s[i];
      if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\\') i++;
    }
    fsd__set_path(dst, tmp, o);
  } else {
    fsd__set_path(dst, s, n);
  }
  o = strlen(dst);
  if (o + 3 < FSD__PATH_CAP) memcpy(dst + o, "...", 4);
}

void fsd__set_word(char *dst, size_t cap, const char *s, size_t n) {
  if (n > cap - 1) n = cap - 1;
  memcpy(dst, s, n);
  dst[n] = '\0';
}

static int fsd__hex(int c) {
  if (fsd__is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Reads n hex digits at s; -1 when they are not all hex. */
static long fsd__hexn(const char *s, size_t avail, size_t n) {
  long v = 0;
  size_t i;
  if (avail < n) return -1;
  for (i = 0; i < n; i++) {
    int h = fsd__hex((unsigned char)s[i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

static size_t fsd__put_utf8(char *out, unsigned long cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xc0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; /* lone surrogate */
    out[0] = (char)(0xe0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[2] = (char)(0x80 | (cp & 0x3f));
    return 3;
  }
  if (cp > 0x10ffff) cp = 0xfffd;
  if (cp == 0xfffd) return fsd__put_utf8(out, cp);
  out[0] = (char)(0xf0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
  out[3] = (char)(0x80 | (cp & 0x3f));
  return 4;
}

/* One escape after a backslash at s[0]; returns bytes consumed (>= 1)
 * and the code point in *cp. */
static size_t fsd__escape(const char *s, size_t n, unsigned long *cp) {
  long v, lo;
  size_t k;
  if (n < 2) {
    *cp = '\\';
    return 1;
  }
  switch (s[1]) {
    case 'n': *cp = '\n'; return 2;
    case 't': *cp = '\t'; return 2;
    case 'r': *cp = '\r'; return 2;
    case 'b': *cp = '\b'; return 2;
    case 'f': *cp = '\f'; return 2;
    case 'v': *cp = '\v'; return 2;
    case '0': *cp = 0xfffd; return 2; /* NUL has no place in a path */
    case 'x':
      v = fsd__hexn(s + 2, n - 2, 2);
      if (v < 0) break;
      *cp = v == 0 ? 0xfffd : (unsigned long)v;
      return 4;
    case 'u':
      if (n > 2 && s[2] == '{') {
        v = 0;
        for (k = 3; k < n && k < 11 && fsd__hex((unsigned char)s[k]) >= 0; k++)
          v = v * 16 + fsd__hex((unsigned char)s[k]);
        if (k == 3 || k >= n || s[k] != '}') break;
        *cp = v == 0 ? 0xfffd : (unsigned long)v;
        return k + 1;
      }
      v = fsd__hexn(s + 2, n - 2, 4);
      if (v < 0) break;
      if (v >= 0xd800 && v <= 0xdbff && n >= 12 && s[6] == '\\' &&
          s[7] == 'u' && (lo = fsd__hexn(s + 8, n - 8, 4)) >= 0xdc00 &&
          lo <= 0xdfff) {
        *cp = 0x10000 + (((unsigned long)v - 0xd800) << 10) +
              ((unsigned long)lo - 0xdc00);
        return 12;
      }
      *cp = v == 0 ? 0xfffd : (unsigned long)v;
      return 6;
    default:
      break;
  }
  *cp = (unsigned char)s[1]; /* \\ \' \" \/ and unknown escapes */
  return 2;
}

size_t fsd__parse_quoted(const char *s, size_t n, char *out, size_t cap,
                         size_t *outlen) {
  char q = s[0], tmp[4];
  size_t i = 1, o = 0, k, m;
  unsigned long cp;
  while (i < n && s[i] != q) {
    if (s[i] == '\n') break;
    if (s[i] == '\\' && i + 1 < n && (unsigned char)s[i + 1] >= 0x80) {
      tmp[0] = s[i + 1]; /* a backslash before raw UTF-8: keep the byte */
      m = 1;
      i += 2;
    } else if (s[i] == '\\') {
      k = fsd__escape(s + i, n - i, &cp);
      m = fsd__put_utf8(tmp, cp);
      i += k;
    } else {
      tmp[0] = s[i++];
      m = 1;
    }
    if (o + m < cap) {
      memcpy(out + o, tmp, m);
      o += m;
    }
  }
  if (cap > 0) out[o < cap ? o : cap - 1] = '\0';
  *outlen = o;
  return i < n && s[i] == q ? i + 1 : 0;
}

/* Position of the next quote at or after from, remembering the last
 * answer: when a quote is never closed, later searches on the same line
 * must not scan to its end again. */
typedef struct {
  size_t from, at;
  int valid;
} fsd__qmemo_t;

static size_t fsd__next_quote(fsd__qmemo_t *m, const char *s, size_t n,
                              size_t from) {
  const char *q;
  if (m->valid && from >= m->from && from <= m->at) return m->at;
  q = from < n ? memchr(s + from, '\'', n - from) : NULL;
  m->from = from;
  m->at = q ? (size_t)(q - s) : n;
  m->valid = 1;
  return m->at;
}

/* The text after a code: ": description, syscall" or ", syscall" (Node
 * 0.10) or ", description" (Node 0.10 sync calls, which put the path right
 * after it: "EPERM, operation not permitted 'C:\\x'"; *path_next is then
 * set). A description may start with a capital ("ENOSPC: System limit for
 * number of file watchers reached, watch '/x'"). Returns the offset after
 * the syscall (or description); 0 when this is not a Node message. */
static size_t fsd__after_code(const char *s, size_t n, size_t k,
                              fsd__ev_t *ev, int *path_next) {
  size_t d0, w0;
  int described = 0;
  *path_next = 0;
  if (k + 2 < n && s[k] == ':' && s[k + 1] == ' ') {
    k += 2;
    d0 = k;
    if (fsd__is_upper((unsigned char)s[k]) && k + 1 < n &&
        fsd__is_lower((unsigned char)s[k + 1]))
      k++;
    while (k < n && k - d0 < 100 &&
           (fsd__is_lower((unsigned char)s[k]) || fsd__is_digit((unsigned char)s[k]) ||
            s[k] == ' ' || s[k] == '/' || s[k] == '-'))
      k++;
    if (k == d0 || !(fsd__is_lower((unsigned char)s[d0]) ||
                     fsd__is_upper((unsigned char)s[d0])))
      return 0;
    if (k + 1 >= n || s[k] != ',' || s[k + 1] != ' ') return k;
    k += 2;
    described = 1;
  } else if (k + 2 < n && s[k] == ',' && s[k + 1] == ' ') {
    k += 2;
  } else {
    return 0;
  }
  w0 = k;
  while (k < n && k - w0 < FSD__SYS_CAP - 1 &&
         (fsd__is_lower((unsigned char)s[k]) || fsd__is_digit((unsigned char)s[k]) ||
          s[k] == '_'))
    k++;
  if (k == w0) return w0 - 2;
  if (!described && k + 1 < n && s[k] == ' ' &&
      fsd__is_lower((unsigned char)s[k + 1])) {
    /* several words: Node 0.10's "ENOENT, no such file or directory". */
    while (k < n && (fsd__is_lower((unsigned char)s[k]) || s[k] == ' ')) k++;
    if (k > 0 && s[k - 1] == ' ') k--;
    *path_next = 1;
    return k;
  }
  fsd__set_word(ev->syscall, sizeof(ev->syscall), s + w0, k - w0);
  return k;
}

/* A message right after a quote ("EPERM: ..." or 'Error: EPERM: ...')
 * sits in a JSON or JS string whose escapes are still in place; the
 * callers that know the string unescape it and scan it again. */
static int fsd__in_quotes(const char *s, size_t n, size_t i) {
  char q;
  size_t k;
  if (i >= 1 && (s[i - 1] == '"' || s[i - 1] == '\''))
    q = s[i - 1];
  else if (i >= 8 && memcmp(s + i - 7, "Error: ", 7) == 0 &&
           (s[i - 8] == '"' || s[i - 8] == '\''))
    q = s[i - 8];
  else
    return 0;
  /* A string that never closes is a paste cut inside it: no caller will
   * unescape it, so it is read here. */
  for (k = i; k < n; k++)
    if (s[k] == q) return 1;
  return 0;
}

/* Calls whose message names no path (a descriptor's, the process's). */
static const char *const fsd__pathless_calls[] = {
    "close", "fstat", "read", "write", "fsync", "fdatasync", "ftruncate",
    "futime", "uv_cwd", "uv_os_homedir", "uv_resident_set_memory", NULL};

static int fsd__one_of_calls(const char *s, const char *const *list) {
  size_t i;
  for (i = 0; list[i] != NULL; i++)
    if (strcmp(s, list[i]) == 0) return 1;
  return 0;
}

size_t fsd__scan_node(fsd__parser_t *p, const char *s, size_t n,
                      int allow_open, fsd__ev_t *ev, fsd__emit_fn emit) {
  fsd__qmemo_t memo = {0, 0, 0};
  size_t i = 0, j, k, q;
  int path_next;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if ((c != 'E' && c != 'U') || (i > 0 && fsd__word((unsigned char)s[i - 1]))) {
      i++;
      continue;
    }
    for (j = i + 1; j < n && j - i < FSD__CODE_CAP &&
                    (fsd__is_upper((unsigned char)s[j]) || fsd__is_digit((unsigned char)s[j]));
         j++)
      ;
    if (j - i < 3 || (j < n && fsd__word((unsigned char)s[j])) ||
        !fsd__known_code(s + i, j - i) || (allow_open && fsd__in_quotes(s, n, i)) ||
        /* Ruby's "Errno::EPERM: Text @ call - /x" and OCaml's
         * "Unix.Unix_error(Unix.EPERM, ...)": the loose pass reads them */
        (i >= 7 && memcmp(s + i - 7, "Errno::", 7) == 0) ||
        (i >= 5 && memcmp(s + i - 5, "Unix.", 5) == 0)) {
      i = j;
      continue;
    }
    fsd__ev_reset(ev);
    k = fsd__after_code(s, n, j, ev, &path_next);
    if (k == 0) {
      i = j;
      continue;
    }
    fsd__set_word(ev->code, sizeof(ev->code), s + i, j - i);
    if (allow_open && !p->in_carry && ev->syscall[0] != '\0' && k == n &&
        !fsd__one_of_calls(ev->syscall, fsd__pathless_calls)) {
      /* "EACCES: permission denied, mkdir" ending its line: a tool that
       * wraps its output may have put the quoted path on the next */
      p->carry_word = 1;
      return i;
    }
    if ((ev->syscall[0] != '\0' || path_next) && k + 1 < n && s[k] == ' ' &&
        s[k + 1] == '\'') {
      q = fsd__next_quote(&memo, s, n, k + 2);
      if (q >= n) {
        if (allow_open) return i; /* the path goes on in the next line */
        /* A paste cut inside the path: keep what there is of it, marked
         * cut. */
        if (n > k + 2) fsd__set_cut_path(ev->path, s + k + 2, n - k - 2);
        k = n;
      } else {
        fsd__set_path(ev->path, s + k + 2, q - k - 2);
        k = q + 1;
        if (k + 4 < n && memcmp(s + k, " -> '", 5) == 0) {
          q = fsd__next_quote(&memo, s, n, k + 5);
          if (q >= n) {
            if (allow_open) return i;
            k = n;
          } else {
            fsd__set_path(ev->dest, s + k + 5, q - k - 5);
            k = q + 1;
          }
        }
      }
    } else if (ev->syscall[0] != '\0' && k + 1 < n && s[k] == ' ' &&
               !fsd__quote_char((unsigned char)s[k + 1])) {
      /* "name too long, unlink app/a/b": a paste that lost the quotes.
       * One token to the end of the line, that names a file. */
      for (q = k + 1; q < n && !fsd__is_blank(s[q]); q++)
        ;
      if (q == n && fsd__pathish(s + k + 1, q - k - 1)) {
        fsd__set_path(ev->path, s + k + 1, q - k - 1);
        k = q;
      }
    }
    ev->open = 1;
    ev->msg_rank = 2;
    emit(p, ev);
    i = k > j ? k : j;
  }
  return n;
}

/* Copies a line without ANSI escape sequences (colored tool output). */
const char *fsd__strip_ansi(fsd__parser_t *p, const char *s, size_t *n) {
  size_t i = 0, o = 0;
  if (*n > p->clean_cap) {
    p->clean_cap = *n * 2;
    p->clean = fsd_alloc(p->a, p->clean_cap);
    if (p->clean == NULL) {
      p->oom = 1;
      p->clean_cap = 0;
      *n = 0;
      return s;
    }
  }
  while (i < *n) {
    if (s[i] == '\x1b' && i + 1 < *n && s[i + 1] == '[') {
      for (i += 2; i < *n && !((unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7e); i++)
        ;
      i++;
      continue;
    }
    p->clean[o++] = s[i++];
  }
  *n = o;
  return p->clean;
}

/* Marks a paste put before each line: a quote in an issue or a mail
 * ("> ", "> > ", ">>"), a comment ("# ") or a table's cell ("| "). They are
 * not the text, and a path wrapped onto the next quoted line would keep
 * them. Returns how many bytes they take, blanks after them included. */
size_t fsd__quote_marks(const char *s, size_t n) {
  size_t i = 0, k;
  for (;;) {
    k = i;
    if (k < n && s[k] == '>' && (k + 1 == n || s[k + 1] == '>' || fsd__is_blank(s[k + 1])))
      k++;
    else if (k + 1 < n && (s[k] == '#' || s[k] == '|') && fsd__is_blank(s[k + 1]))
      k++;
    else
      return i;
    while (k < n && fsd__is_blank(s[k])) k++;
    i = k;
  }
}
