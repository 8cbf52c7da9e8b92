/* One line of the error-text parser: the tool prefix that names the source
 * (npm, pnpm, yarn, ...), raw npm fields ("npm ERR! code EPERM"), fields of
 * inspected error objects ("errno: -4048,", "path: 'C:\\x'"), and Node
 * messages, including one whose quoted path a terminal wrapped. */

#include "parse/errtext_int.h"

#include <string.h>

enum { K_NONE, K_ERRNO, K_CODE, K_SYSCALL, K_PATH, K_DEST, K_STACK, K_MESSAGE };

static const char *const fsd__keys[] = {NULL,   "errno", "code",  "syscall",
                                        "path", "dest",  "stack", "message"};


static int fsd__starts(const char *s, size_t n, const char *pre) {
  size_t m = strlen(pre);
  return n >= m && memcmp(s, pre, m) == 0;
}

static const char *fsd__find(const char *s, size_t n, const char *needle,
                             size_t limit) {
  size_t m = strlen(needle), i;
  if (limit < n) n = limit;
  for (i = 0; i + m <= n; i++)
    if (memcmp(s + i, needle, m) == 0) return s + i;
  return NULL;
}

static void fsd__emit(fsd__parser_t *p, fsd__ev_t *ev) {
  ev->open = 1;
  if (p->in_carry) {
    ev->line = p->carry_line;
    ev->source = p->carry_src;
    ev->msg = p->carry;
    ev->msg_len = p->carry_len;
  } else {
    ev->line = p->lineno;
    ev->source = p->src;
    ev->msg = p->line;
    ev->msg_len = p->line_len;
  }
  if (ev->source == FSD__SRC_NONE)
    ev->source = p->in_value || p->inspect_line || ev->msg_rank < 2
                     ? FSD__SRC_INSPECT
                     : FSD__SRC_NODE;
  fsd__feed(p, ev);
}

/* Skips timestamps ("2024-05-01T10:00:00.123Z ", "[10:00:00] ") and the
 * tool prefix, setting p->src. Returns the offset of the content. */
static size_t fsd__log_prefix(fsd__parser_t *p, const char *s, size_t n) {
  size_t i = 0, j;
  const char *yn;
  while (i < n && fsd__is_blank(s[i])) i++;
  if (n - i >= 19 && fsd__is_digit(s[i]) && fsd__is_digit(s[i + 3]) && s[i + 4] == '-' &&
      s[i + 7] == '-' && (s[i + 10] == 'T' || s[i + 10] == ' ') &&
      s[i + 13] == ':') {
    for (i += 19; i < n && !fsd__is_blank(s[i]); i++)
      ;
    while (i < n && fsd__is_blank(s[i])) i++;
  } else if (i < n && s[i] == '[') {
    for (j = i + 1; j < n && j - i < 40 && s[j] != ']'; j++)
      ;
    if (j < n && s[j] == ']' && j - i > 3 && fsd__is_digit(s[i + 1]) &&
        memchr(s + i, ':', j - i) != NULL)
      for (i = j + 1; i < n && fsd__is_blank(s[i]); i++)
        ;
  }
  p->src = FSD__SRC_NONE;
  s += i;
  n -= i;
  if (fsd__starts(s, n, "npm ERR!")) {
    p->src = FSD__SRC_NPM_LEGACY;
    return i + (n > 9 ? 9 : 8);
  }
  if (fsd__starts(s, n, "npm ")) {
    for (j = 4; j < n && s[j] >= 'a' && s[j] <= 'z'; j++)
      ;
    if (j > 4 && (j == n || s[j] == ' ')) {
      p->src = FSD__SRC_NPM;
      return i + (j < n ? j + 1 : j);
    }
    for (j = 4; j < n && s[j] >= 'A' && s[j] <= 'Z'; j++)
      ;
    if (j > 4 && (j == n || s[j] == ' ')) {
      p->src = FSD__SRC_NPM_LEGACY;
      return i + (j < n ? j + 1 : j);
    }
  }
  if (n > 0 && fsd__is_digit(s[0])) { /* "123 error code EPERM" */
    for (j = 0; j < n && j < 12 && fsd__is_digit(s[j]); j++)
      ;
    if (j < n && s[j] == ' ') {
      static const char *const levels[] = {"error ", "verbose ", "warn ",
                                           "info ", "silly ", "timing ",
                                           "http ", "notice ", NULL};
      size_t w = j + 1, l;
      for (l = 0; levels[l] != NULL; l++)
        if (fsd__starts(s + w, n - w, levels[l])) break;
      if (levels[l] != NULL) {
        j = w + strlen(levels[l]) - 1;
        p->src = FSD__SRC_NPM_DEBUG;
        return i + j + 1;
      }
    }
  }
  if ((yn = fsd__find(s, n, "YN", 16)) != NULL && (size_t)(yn - s) + 7 <= n &&
      fsd__is_digit(yn[2]) && fsd__is_digit(yn[3]) && fsd__is_digit(yn[4]) &&
      fsd__is_digit(yn[5]) && yn[6] == ':') {
    p->src = FSD__SRC_BERRY;
    return i + (size_t)(yn - s) + 7;
  }
  if (fsd__starts(s, n, "Internal Error: ")) p->src = FSD__SRC_BERRY;
  if (fsd__starts(s, n, "ERR_PNPM_")) p->src = FSD__SRC_PNPM;
  if (fsd__starts(s, n, "error An unexpected error occurred: "))
    p->src = FSD__SRC_YARN;
  return i;
}

/* pnpm's " EPERM  EPERM: ..." form: a code, two spaces, the same code. */
static int fsd__pnpm_short(const char *s, size_t n) {
  size_t j = 0;
  while (j < n && s[j] >= 'A' && s[j] <= 'Z') j++;
  return j >= 3 && j + 2 + j < n && s[j] == ' ' && s[j + 1] == ' ' &&
         memcmp(s, s + j + 2, j) == 0 && s[j + 2 + j] == ':' &&
         fsd__known_code(s, j);
}

/* A system call's name: lower case, digits and '_', and Node's camelCase
 * "spawnSync" (never starting with a capital). */
static int fsd__is_word(const char *s, size_t n) {
  size_t i;
  if (n == 0 || n >= FSD__SYS_CAP || !(s[0] >= 'a' && s[0] <= 'z')) return 0;
  for (i = 0; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
          fsd__is_digit(s[i]) || s[i] == '_'))
      return 0;
  return 1;
}

static size_t fsd__trim_end(const char *s, size_t n) {
  while (n > 0 && (fsd__is_blank(s[n - 1]) || s[n - 1] == '\r')) n--;
  return n;
}

/* Reads "-4048" into the evidence; returns the digits consumed or 0. */
static size_t fsd__number(const char *s, size_t n, fsd__ev_t *ev) {
  size_t i = 0, d;
  int64_t v = 0;
  int neg = 0;
  if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  for (d = i; i < n && fsd__is_digit(s[i]) && i - d < 10; i++) v = v * 10 + (s[i] - '0');
  if (i == d || (i < n && fsd__is_digit(s[i]))) return 0;
  ev->has_errno = 1;
  ev->errnum = neg ? -v : v;
  return i;
}

/* Stores one field value; a second, different value of the same field on
 * one line starts the next evidence ("{...}, {...}"). */
static void fsd__field_apply(fsd__parser_t *p, int key, const char *v, size_t n) {
  fsd__ev_t *f = &p->fev;
  char *slot = NULL;
  size_t cap = 0;
  if (key == K_STACK || key == K_MESSAGE) {
    p->in_value = 1;
    fsd__scan_node(p, v, n, 0, &p->ev, fsd__emit);
    p->in_value = 0;
    return;
  }
  if (key == K_CODE && !fsd__known_code(v, n)) {
    /* ERR_INVALID_ARG_TYPE, ELIFECYCLE: the fields around it describe an
     * error that is not a filesystem one. */
    p->foreign = p->lineno;
    p->pend.open = 0;
    return;
  }
  if (key == K_SYSCALL && !fsd__is_word(v, n)) {
    /* Node 0.x put the path into the syscall: "watch /x/y" */
    size_t w = 0;
    while (w < n && v[w] != ' ') w++;
    if (w < n && fsd__is_word(v, w)) {
      if (f->path[0] == '\0' && w + 1 < n) fsd__set_path(f->path, v + w + 1, n - w - 1);
      n = w;
    }
  }
  if (key == K_CODE) slot = f->code, cap = FSD__CODE_CAP;
  if (key == K_SYSCALL && fsd__is_word(v, n)) slot = f->syscall, cap = FSD__SYS_CAP;
  if (key == K_PATH) slot = f->path, cap = FSD__PATH_CAP;
  if (key == K_DEST) slot = f->dest, cap = FSD__PATH_CAP;
  if (slot == NULL || n == 0) return;
  if (slot[0] != '\0') {
    f->msg_rank = 1;
    fsd__emit(p, f);
    fsd__ev_reset(f);
  }
  if (key == K_PATH || key == K_DEST)
    fsd__set_path(slot, v, n);
  else
    fsd__set_word(slot, cap, v, n);
}

/* A field value at s: a number for errno, else a quoted string. Returns
 * the bytes used, or 0 to stop scanning this line. */
static size_t fsd__value(fsd__parser_t *p, int key, const char *s, size_t n) {
  size_t used, vl, k;
  if (key == K_ERRNO) {
    if (p->fev.has_errno) {
      p->fev.msg_rank = 1;
      fsd__emit(p, &p->fev);
      fsd__ev_reset(&p->fev);
    }
    return fsd__number(s, n, &p->fev);
  }
  if (n == 0 || (s[0] != '\'' && s[0] != '"' && s[0] != '`')) return 0;
  used = fsd__parse_quoted(s, n, p->val, sizeof(p->val), &vl);
  if (used == 0) return 0;
  for (k = used; k < n && fsd__is_blank(s[k]); k++)
    ;
  if (k < n && s[k] == '+' && fsd__trim_end(s + k + 1, n - k - 1) == 0) {
    memcpy(p->str, p->val, vl); /* "'...' +": the string goes on below */
    p->str_len = vl;
    p->str_key = key;
    p->str_lines = 0;
    return n;
  }
  fsd__field_apply(p, key, p->val, vl);
  return used;
}

/* Fields of an inspected object or JSON: `key: value` after a boundary. */
static void fsd__fields(fsd__parser_t *p, const char *s, size_t n, size_t i) {
  size_t k, used, m;
  int key, q;
  for (; i < n; i++) {
    if (i > 0 && !fsd__is_blank(s[i - 1]) && s[i - 1] != '{' && s[i - 1] != ',' &&
        s[i - 1] != '[' && s[i - 1] != '(')
      continue;
    q = s[i] == '"';
    for (key = K_ERRNO; key <= K_MESSAGE; key++) {
      m = strlen(fsd__keys[key]);
      if (n - i > m + q && memcmp(s + i + q, fsd__keys[key], m) == 0 &&
          (!q || s[i + 1 + m] == '"'))
        break;
    }
    if (key > K_MESSAGE) continue;
    for (k = i + q + m + q; k < n && fsd__is_blank(s[k]); k++)
      ;
    if (k >= n || s[k] != ':') continue;
    for (k++; k < n && fsd__is_blank(s[k]); k++)
      ;
    if (k == n) {
      p->want_key = key; /* Node put a long value on the next line */
      return;
    }
    used = fsd__value(p, key, s + k, n - k);
    if (used == 0 && key == K_ERRNO && (s[k] == '\'' || s[k] == '"')) {
      size_t vl; /* errno: 'ENOSPC' (Node 0.x): a name, skipped */
      used = fsd__parse_quoted(s + k, n - k, p->val, sizeof(p->val), &vl);
    }
    if (used == 0) {
      if (s[k] == '\'' || s[k] == '"' || s[k] == '`') return; /* unterminated */
      continue;
    }
    i = k + used - 1;
  }
}

/* "npm ERR! code EPERM", "124 error path C:\x": a key, spaces, the rest. */
static void fsd__npm_field(fsd__parser_t *p, const char *s, size_t n) {
  int key;
  size_t m, k;
  for (key = K_ERRNO; key <= K_DEST; key++) {
    m = strlen(fsd__keys[key]);
    if (n > m + 1 && memcmp(s, fsd__keys[key], m) == 0 && s[m] == ' ') break;
  }
  if (key > K_DEST) return;
  for (k = m; k < n && fsd__is_blank(s[k]); k++)
    ;
  if (k == n) return;
  if (key == K_ERRNO) {
    if (fsd__number(s + k, n - k, &p->fev) != n - k) p->fev.has_errno = 0;
    return;
  }
  fsd__field_apply(p, key, s + k, n - k);
}

static void fsd__emit_fields(fsd__parser_t *p) {
  fsd__ev_t *f = &p->fev;
  if (f->code[0] || f->syscall[0] || f->path[0] || f->dest[0] || f->has_errno) {
    f->msg_rank = 1;
    fsd__emit(p, f);
  }
  fsd__ev_reset(f);
}

void fsd__finish_carry(fsd__parser_t *p) {
  p->carry_word = 0;
  if (p->carry_len == 0) return;
  p->in_carry = 1;
  fsd__scan_node(p, p->carry + p->carry_skip, p->carry_len - p->carry_skip, 0,
                 &p->ev, fsd__emit);
  p->in_carry = 0;
  p->carry_len = 0;
}

/* Keeps the whole line (it becomes the message) and where the open
 * message starts in it. */
static void fsd__start_carry(fsd__parser_t *p, const char *s, size_t n) {
  size_t skip = (size_t)(s - p->line);
  n += skip;
  if (n > FSD__CARRY_CAP - 1) return;
  memcpy(p->carry, p->line, n);
  p->carry_len = n;
  p->carry_skip = skip;
  p->carry_line = p->lineno;
  p->carry_lines = 1;
  p->carry_src = p->src;
  p->carry_marked = p->marked;
}

/* A line that opens with a quoted path: an absolute one ('/x', '~/x',
 * './x', 'C:\\x', '\\\\srv'), a relative one, or a name alone on the line. */
static int fsd__quoted_path_start(const char *s, size_t n) {
  size_t i;
  int sep = 0;
  if (n < 3 || s[0] != '\'') return 0;
  if (s[1] == '/' || s[1] == '~' || s[1] == '.' || s[1] == '\\' ||
      (n > 3 && ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z') && s[2] == ':' &&
       (s[3] == '\\' || s[3] == '/')))
    return 1;
  /* a relative path: a separator in it and no blank ("'dist/a.js'"), or
   * a name alone when its quote ends the line ("'node_modules'"); never a
   * URL */
  for (i = 1; i < n && s[i] != '\''; i++) {
    if (s[i] == ' ' || s[i] == '\t') return 0;
    if (s[i] == '/' || s[i] == '\\') sep = 1;
    if (s[i] == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/') return 0;
  }
  return i < n && (sep || i + 1 == n);
}

/* The line after a Node message whose quote stayed open: a terminal that
 * wrapped the path. Joins at most three lines, then gives up on the path.
 * After a message that ended at its call (carry_word), only a line that
 * opens with a quoted path joins, after a blank. */
static void fsd__continue_carry(fsd__parser_t *p, const char *s, size_t n) {
  size_t r;
  while (n > 0 && fsd__is_blank(s[0])) s++, n--;
  if (n == 0 || p->carry_len + n + 1 > FSD__CARRY_CAP - 1 || p->carry_lines >= 3 ||
      (p->carry_word && !fsd__quoted_path_start(s, n))) {
    fsd__finish_carry(p);
    return;
  }
  if (p->carry_word) p->carry[p->carry_len++] = ' '; /* "mkdir" "'/x'" */
  p->carry_word = 0;
  memcpy(p->carry + p->carry_len, s, n);
  p->carry_len += n;
  p->carry_lines++;
  p->in_carry = 1;
  r = p->carry_skip + fsd__scan_node(p, p->carry + p->carry_skip,
                                     p->carry_len - p->carry_skip, 1, &p->ev,
                                     fsd__emit);
  p->in_carry = 0;
  if (r >= p->carry_len) p->carry_len = 0;
  p->carry_skip = r;
}

/* A '...' + '...' string or a value Node moved to this line. */
static size_t fsd__pending_value(fsd__parser_t *p, const char *s, size_t n) {
  size_t i = 0, used, vl, k;
  int key = p->want_key;
  while (i < n && fsd__is_blank(s[i])) i++;
  if (p->want_key) {
    p->want_key = 0;
    used = fsd__value(p, key, s + i, n - i);
    return used ? i + used : 0;
  }
  key = p->str_key;
  p->str_key = 0;
  if (i == n || (s[i] != '\'' && s[i] != '"')) return 0;
  used = fsd__parse_quoted(s + i, n - i, p->val, sizeof(p->val), &vl);
  if (used == 0) return 0;
  if (vl > sizeof(p->str) - 1 - p->str_len) vl = sizeof(p->str) - 1 - p->str_len;
  memcpy(p->str + p->str_len, p->val, vl);
  p->str_len += vl;
  for (k = i + used; k < n && fsd__is_blank(s[k]); k++)
    ;
  if (k < n && s[k] == '+' && p->str_lines < 16) {
    p->str_key = key;
    p->str_lines++;
    return n;
  }
  fsd__field_apply(p, key, p->str, p->str_len);
  return i + used;
}

/* Node's fs functions as their stack frames name them, and the system call
 * each one makes. */
static const struct {
  const char *fn;
  const char *call;
} fsd__frames[] = {
    {"stat", "stat"},         {"lstat", "lstat"},       {"fstat", "fstat"},
    {"open", "open"},         {"readFile", "open"},     {"writeFile", "open"},
    {"appendFile", "open"},   {"mkdir", "mkdir"},       {"mkdtemp", "mkdtemp"},
    {"rename", "rename"},     {"unlink", "unlink"},     {"rmdir", "rmdir"},
    {"rm", "rm"},             {"readdir", "scandir"},   {"opendir", "opendir"},
    {"symlink", "symlink"},   {"link", "link"},         {"copyFile", "copyfile"},
    {"chmod", "chmod"},       {"chown", "chown"},       {"utimes", "utime"},
    {"realpath", "realpath"}, {"readlink", "readlink"}, {"access", "access"},
    {"spawn", "spawn"},       {NULL, NULL}};

/* A stack frame of a synchronous fs call ("at Object.statSync (fs.js:..)",
 * "at fs.mkdirSync"): the system call of an entry whose message did not
 * say it (Node 0.x's "ENOENT, no such file or directory '/x'"). */
static void fsd__stack_call(fsd__parser_t *p, const char *s, size_t n) {
  const char *hit = fsd__find(s, n, "Sync", n), *b;
  size_t i, len;
  if (n < 4 || memcmp(s, "at ", 3) != 0 || hit == NULL) return;
  if (!p->cur.open || p->cur.frame[0] != '\0' ||
      p->lineno > p->cur.last + 20)
    return;
  if ((size_t)(hit - s) + 4 < n && hit[4] != ' ' && hit[4] != '(') return;
  for (b = hit; b > s && ((b[-1] >= 'a' && b[-1] <= 'z') ||
                          (b[-1] >= 'A' && b[-1] <= 'Z'));
       b--)
    ;
  len = (size_t)(hit - b);
  for (i = 0; fsd__frames[i].fn != NULL; i++)
    if (strlen(fsd__frames[i].fn) == len && memcmp(fsd__frames[i].fn, b, len) == 0) {
      fsd__set_word(p->cur.frame, sizeof(p->cur.frame), fsd__frames[i].call,
                    strlen(fsd__frames[i].call));
      return;
    }
}

void fsd__line(fsd__parser_t *p, const char *s, size_t n) {
  size_t c, r, at = 0, cn, t;
  const char *cs, *occ;
  if (memchr(s, '\x1b', n) != NULL) s = fsd__strip_ansi(p, s, &n);
  while (n > 0 && fsd__is_blank(s[0])) s++, n--;
  t = fsd__quote_marks(s, n);
  s += t;
  n -= t;
  p->prev_marked = p->marked;
  p->marked = t > 0;
  if (p->carry_len && p->marked != p->carry_marked) fsd__finish_carry(p);
  n = fsd__trim_end(s, n);
  p->line = s;
  p->line_len = n;
  c = fsd__log_prefix(p, s, n);
  if (c > n) c = n;
  cs = s + c;
  cn = n - c;
  if (p->loose) {
    if (cn > 0) fsd__loose_line(p, cs, cn);
    return;
  }
  if (p->carry_len) fsd__continue_carry(p, cs, cn);
  if (cn == 0) {
    p->want_key = p->str_key = 0;
    return;
  }
  for (t = 0; t < cn && fsd__is_blank(cs[t]); t++)
    ;
  p->inspect_line = (t < cn && (cs[t] == '[' || cs[t] == '{')) || cs[cn - 1] == '{';
  /* An object's braces end the fields of a foreign error before them. */
  if (cs[cn - 1] == '{' || (t < cn && cs[t] == '}')) p->foreign = 0;
  if (p->want_key || p->str_key) at = fsd__pending_value(p, cs, cn);
  if (p->src == FSD__SRC_PNPM && cn > 9) { /* ERR_PNPM_EPERM */
    for (r = 9; r < cn && ((cs[r] >= 'A' && cs[r] <= 'Z') || fsd__is_digit(cs[r])); r++)
      ;
    if (fsd__known_code(cs + 9, r - 9)) fsd__field_apply(p, K_CODE, cs + 9, r - 9);
  } else if (p->src == FSD__SRC_NONE && fsd__pnpm_short(cs + t, cn - t)) {
    p->src = FSD__SRC_PNPM;
  }
  if (p->src >= FSD__SRC_NPM && p->src <= FSD__SRC_NPM_DEBUG)
    fsd__npm_field(p, cs, cn);
  if (p->src == FSD__SRC_YARN && (occ = fsd__find(cs, cn, "occurred: \"", 64))) {
    size_t vl, off = (size_t)(occ - cs) + 10;
    if (fsd__parse_quoted(cs + off, cn - off, p->val, sizeof(p->val), &vl))
      fsd__scan_node(p, p->val, vl, 0, &p->ev, fsd__emit);
  } else {
    r = fsd__scan_node(p, cs, cn, 1, &p->ev, fsd__emit);
    if (r < cn && !p->carry_len) {
      fsd__start_carry(p, cs + r, cn - r);
      if (!p->carry_len) {
        /* a line too long to carry: read it as it stands */
        p->carry_word = 0;
        fsd__scan_node(p, cs + r, cn - r, 0, &p->ev, fsd__emit);
      }
    }
  }
  fsd__fields(p, cs, cn, at);
  fsd__emit_fields(p);
  fsd__stack_call(p, cs, cn);
}
