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
    {"uv_cwd", "uv_cwd"},     {"uv_chdir", "uv_chdir"}, {"exec", "spawn"},
    {"execve", "spawn"},      {"fork", "spawn"},        {"fork/exec", "spawn"},
    {"umount", "umount"},     {"umount2", "umount"},    {"connect", "connect"},
    {NULL, NULL}};

static int fsd__alnum(int c) {
  return fsd__is_upper(c) || fsd__is_lower(c) || fsd__is_digit(c) || c == '_';
}

static int fsd__lower_of(int c) { return fsd__is_upper(c) ? c - 'A' + 'a' : c; }

/* Case-less search for a lower-case needle starting at a word boundary. */
size_t fsd__find_text(const char *s, size_t n, const char *t) {
  size_t m = strlen(t), i, k;
  for (i = 0; i + m <= n; i++) {
    if (i > 0 && (fsd__is_upper((unsigned char)s[i - 1]) ||
                  fsd__is_lower((unsigned char)s[i - 1])))
      continue;
    for (k = 0; k < m && (fsd__lower_of((unsigned char)s[i + k]) == (unsigned char)t[k] ||
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

const char *fsd__call_of(const char *w, size_t n) {
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
size_t fsd__token_before(const char *s, size_t end, size_t *start) {
  size_t e = end, b;
  while (e > 0 && fsd__is_blank(s[e - 1])) e--;
  for (b = e; b > 0 && e - b < FSD__PATH_CAP && !fsd__is_blank(s[b - 1]); b--)
    ;
  *start = b;
  return e - b;
}

int fsd__quote_char(int c) { return c == '\'' || c == '"' || c == '`'; }

/* A token that names a file: a path with a separator, or a drive. */
int fsd__pathish(const char *s, size_t n) {
  if (n == 0) return 0;
  if (s[0] == '/' || s[0] == '\\' || s[0] == '.' || s[0] == '~') return 1;
  if (n >= 2 && s[1] == ':' &&
      (fsd__is_upper((unsigned char)s[0]) || fsd__is_lower((unsigned char)s[0])))
    return 1;
  return memchr(s, '/', n) != NULL || memchr(s, '\\', n) != NULL;
}

void fsd__trim_token(const char **s, size_t *n) {
  while (*n > 0 && (fsd__quote_char((*s)[0]) || (*s)[0] == '(' || (*s)[0] == '[')) (*s)++, (*n)--;
  while (*n > 0 && (fsd__quote_char((*s)[*n - 1]) || (*s)[*n - 1] == ':' ||
                    (*s)[*n - 1] == ',' || (*s)[*n - 1] == ')' ||
                    (*s)[*n - 1] == ']'))
    (*n)--;
}

/* "spawn C:\\Program Files\\nodejs\\npm.cmd EINVAL": Node's message for a
 * program path with spaces, which the token steps miss. Only as Node
 * writes it: "spawn" or "spawnSync" opening the line or after "Error: ",
 * then something that starts as a path. */
static void fsd__spawn_spaced(const char *s, size_t code_at, fsd__ev_t *ev) {
  static const char *const calls[] = {"spawnSync ", "spawn ", NULL};
  size_t e = code_at, k, i, m;
  const char *t;
  size_t n;
  while (e > 0 && s[e - 1] == ' ') e--;
  for (i = 0; calls[i] != NULL; i++) {
    m = strlen(calls[i]);
    if (e > m && memcmp(s, calls[i], m) == 0)
      k = m;
    else if (e > m + 7 && memcmp(s, "Error: ", 7) == 0 &&
             memcmp(s + 7, calls[i], m) == 0)
      k = m + 7;
    else
      continue;
    t = s + k;
    n = e - k;
    fsd__trim_token(&t, &n);
    if (n == 0 || !(t[0] == '/' || t[0] == '\\' || t[0] == '~' ||
                    (t[0] == '.' && n > 1 && (t[1] == '/' || t[1] == '\\')) ||
                    (n > 2 && t[1] == ':' && (t[2] == '\\' || t[2] == '/'))))
      return;
    fsd__set_word(ev->syscall, sizeof(ev->syscall), "spawn", 5);
    fsd__set_path(ev->path, t, n);
    return;
  }
}

/* A bare code: "watch ENOSPC", "spawn git ENOENT", "EBUSY resource busy". */
/* The word before s[i] ends with ':' ("spawn error: EACCES"). */
static int fsd__ends_phrase(const char *s, size_t i) {
  while (i > 0 && fsd__is_blank(s[i - 1])) i--;
  return i > 0 && s[i - 1] == ':';
}

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
    fsd__log_value(&t1, &n1);
    if ((call = fsd__call_of(t1, n1)) != NULL) {
      fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
      /* Node's "connect EACCES /var/run/docker.sock": the socket after */
      if (strcmp(call, "connect") == 0) fsd__token_after(s, n, j, ev);
    } else if (n1 > 0 && b1 > 0) {
      const char *t2;
      n2 = fsd__token_before(s, b1, &b2);
      t2 = s + b2;
      fsd__trim_token(&t2, &n2);
      fsd__log_value(&t2, &n2);
      if ((call = fsd__call_of(t2, n2)) != NULL) {
        fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
        /* the program or file after the call ("spawn git ENOENT"), not
         * Ruby's "Errno::" nor a word that ends a phrase ("spawn error:") */
        if ((memchr(t1, ':', n1) == NULL && !fsd__ends_phrase(s, i)) || fsd__pathish(t1, n1))
          fsd__set_path(ev->path, t1, n1);
      }
    }
    if (ev->syscall[0] == '\0') fsd__spawn_spaced(s, i, ev);
    (void)p;
    return 1;
  }
  return 0;
}

/* env's "env: node: No such file or directory" (BSD, macOS; GNU quotes the
 * name): the program a "#!/usr/bin/env" line asked for, up to the ": "
 * before the text at "at". */
static void fsd__env_program(const char *s, size_t at, fsd__ev_t *ev) {
  size_t i = 0, b;
  while (i < at && (s[i] == ' ' || s[i] == '\t')) i++;
  /* "env: " or "/usr/bin/env: " opens the line */
  for (b = i; b < at && s[b] != ' ' && s[b] != ':'; b++)
    ;
  if (b + 2 > at || s[b] != ':' || s[b + 1] != ' ' || b - i < 3 ||
      memcmp(s + b - 3, "env", 3) != 0 || (b - i > 3 && s[b - 4] != '/'))
    return;
  b += 2;
  if (at < b + 3 || s[at - 2] != ':' || s[at - 1] != ' ') return;
  at -= 2;
  /* GNU quotes the name: 'node', or ‘node’ in a UTF-8 locale */
  if (at - b >= 2 && fsd__quote_char((unsigned char)s[b]) && s[at - 1] == s[b])
    b++, at--;
  else if (at - b >= 6 && memcmp(s + b, "\xe2\x80\x98", 3) == 0 &&
           memcmp(s + at - 3, "\xe2\x80\x99", 3) == 0)
    b += 3, at -= 3;
  if (at == b) return;
  for (i = b; i < at; i++)
    if (s[i] == ' ' || s[i] == '/' || fsd__quote_char((unsigned char)s[i]) ||
        (unsigned char)s[i] == 0xe2)
      return;
  fsd__set_path(ev->path, s + b, at - b);
  /* env's execvp: the name is a program's, looked up on PATH */
  if (ev->syscall[0] == '\0') fsd__set_word(ev->syscall, sizeof(ev->syscall), "execve", 6);
}

/* Nothing but blanks and an ending '.' or ':' in (s, n). */
static int fsd__rest_blank(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!fsd__is_blank(s[i]) && s[i] != '.' && s[i] != ':') return 0;
  return 1;
}

/* Where a path read to the end of the line stops: the sentence going on
 * after it. */
static int fsd__path_tail(const char *s, size_t n) {
  static const char *const tails[] = {" -> ", "  ", " is denied", " when ",
                                      " at ", "?", "\t", NULL};
  size_t i, l;
  for (i = 0; tails[i] != NULL; i++) {
    l = strlen(tails[i]);
    if (n >= l && memcmp(s, tails[i], l) == 0) return 1;
  }
  return n >= 3 && s[0] == '.' && s[1] == ' ' && fsd__is_upper((unsigned char)s[2]);
}

/* strerror texts that are everyday words too ("TypeError: Invalid
 * argument passed to f", "HTTP protocol error"): read only where strerror
 * stands, after ": " or "] " and ending the message. */
static int fsd__strerror_only(const char *text) {
  return strcmp(text, "invalid argument") == 0 ||
         strcmp(text, "protocol error") == 0 ||
         strcmp(text, "operation not supported") == 0 ||
         strcmp(text, "device busy") == 0 ||
         strcmp(text, "file does not exist") == 0;
}

/* Whether what follows a strerror at r ends the message the way strerror
 * does: the end of the line, " (22)", or ": " and a path ("Protocol
 * error: '/x'"; path_only: nothing else, "HTTP2 framing layer: protocol
 * error" is a network's). "Invalid argument: expected a number" and
 * "Protocol error (Runtime.callFunctionOn)" are prose. */
static int fsd__strerror_ends(const char *s, size_t n, size_t r, int path_only) {
  size_t k;
  if (!path_only && fsd__rest_blank(s + r, n - r)) return 1;
  /* its number after it: "(13)", Rust's "(os error 13)" */
  if (!path_only && r + 2 < n && s[r] == ' ' && s[r + 1] == '(' &&
      (fsd__is_digit((unsigned char)s[r + 2]) ||
       (r + 11 < n && memcmp(s + r + 2, "os error ", 9) == 0)))
    return 1;
  if (r >= n || s[r] != ':') return 0;
  for (k = r + 1; k < n && fsd__is_blank(s[k]); k++)
    ;
  if (k >= n) return !path_only;
  return fsd__quote_char(s[k]) || s[k] == '/' || s[k] == '\\' || s[k] == '~' ||
         (k + 2 < n && s[k + 1] == ':' && (s[k + 2] == '\\' || s[k + 2] == '/'));
}

/* The first system text on the line; fills the evidence from it. */
static int fsd__system_text(fsd__parser_t *p, const char *s, size_t n,
                            fsd__ev_t *ev, int coded) {
  static const fsd__text_t *const tables[] = {fsd__texts, fsd__texts_intl,
                                              fsd__texts_tools, NULL};
  const fsd__text_t *t, *hit = NULL;
  size_t i, at, best = n, m = 0;
  for (i = 0; tables[i] != NULL; i++)
    for (t = tables[i]; t->text != NULL; t++) {
      at = fsd__find_text(s, n, t->text);
      /* ssh's "Permission denied (publickey)" is no file's */
      if (at < n && n - at - strlen(t->text) >= 11 &&
          memcmp(s + at + strlen(t->text), " (publickey", 11) == 0)
        continue;
      /* umount's and Docker's "<path>: device is busy", not any device's */
      if (at < n && strcmp(t->text, "device is busy") == 0 &&
          !(at >= 2 && s[at - 2] == ':' && s[at - 1] == ' '))
        continue;
      /* strerror-only words end the message: "TypeError: Invalid
       * argument passed to f" is prose */
      if (at < n && fsd__strerror_only(t->text) &&
          !fsd__strerror_ends(s, n, at + strlen(t->text),
                              strcmp(t->text, "protocol error") == 0))
        continue;
      /* glibc's words in other languages are everyday phrases too ("est
       * un dossier", "bir dizin"), and so are the strerror-only words: only
       * where a message puts strerror, after ": " or "] " or opening the
       * line, and ending a word */
      if (at < n &&
          ((t->plat != NULL && strcmp(t->plat, "linux") == 0 &&
            tables[i] == fsd__texts_intl) ||
           fsd__strerror_only(t->text)) &&
          (!((at == 0 && fsd__rest_blank(s + strlen(t->text), n - strlen(t->text))) ||
             (at >= 2 && (s[at - 2] == ':' || s[at - 2] == ']') &&
              s[at - 1] == ' ') ||
             /* Rust's Debug form, "Err(Operation not supported (os error
              * 45))": in parentheses with its number */
             (at >= 1 && s[at - 1] == '(' && n - at - strlen(t->text) >= 11 &&
              memcmp(s + at + strlen(t->text), " (os error ", 11) == 0)) ||
           (at + strlen(t->text) < n &&
            fsd__alnum((unsigned char)s[at + strlen(t->text)]))))
        continue;
      /* Java's and Dart's exception classes: "XException: ..." */
      if (at < n && strlen(t->text) > 9 &&
          strcmp(t->text + strlen(t->text) - 9, "exception") == 0 &&
          !(at + strlen(t->text) < n && (s[at + strlen(t->text)] == ':' ||
                                          s[at + strlen(t->text)] == '[')))
        continue;
      if (at < best) {
        best = at;
        hit = t;
        m = strlen(t->text);
      }
    }
  if (hit != NULL && (t = fsd__paren_text(s, n, best + m)) != NULL)
    hit = t, best += m + 2, m = strlen(t->text);
  if (hit == NULL) return 0;
  if (!coded)
    fsd__set_word(ev->code, sizeof(ev->code), hit->code,
                  strlen(hit->code));
  else if (strcmp(ev->code, hit->code) != 0)
    return 1; /* the code's own word wins; its text is another's */
  if (hit->plat != NULL) ev->plat = hit->plat;
  if (ev->syscall[0] == '\0' && hit->call != NULL)
    fsd__set_word(ev->syscall, sizeof(ev->syscall), hit->call,
                  strlen(hit->call));
  {
    /* mount(8) says "target is busy" too; "umount.nfs4:" is umount's */
    const char *tool = fsd__mount_tool(s, n);
    if (tool != NULL && (ev->syscall[0] == '\0' || strcmp(ev->syscall, "umount") == 0))
      fsd__set_word(ev->syscall, sizeof(ev->syscall), tool, strlen(tool));
  }
  /* Elasticsearch's "AccessDeniedException[/usr/share/x]" */
  if (m > 9 && strcmp(hit->text + m - 9, "exception") == 0 && best + m < n &&
      s[best + m] == '[') {
    const char *close = memchr(s + best + m + 1, ']', n - best - m - 1);
    if (close != NULL && close > s + best + m + 1)
      fsd__set_path(ev->path, s + best + m + 1, (size_t)(close - s - best - m - 1));
  }
  /* MSBuild's "The file is locked by: "Code.exe (12345)"" names the
   * holder after the text, not a path */
  if (strcmp(hit->text, "the file is locked by:") != 0) {
    if (strcmp(hit->text, "error: invalid path") == 0)
      fsd__quoted_after(p, s + best + m, n - best - m, ev);
    if (ev->path[0] == '\0') fsd__path_after(p, s + best + m, n - best - m, ev);
    if (ev->path[0] == '\0') fsd__env_program(s, best, ev);
    /* "... access to /x", "on path C:\\x", "delete C:\\x", "from /x",
     * "Can't write: C:\\x": a text ending so names the path next */
    if (ev->path[0] == '\0' &&
        ((m > 3 && memcmp(hit->text + m - 3, " to", 3) == 0) ||
         (m > 5 && memcmp(hit->text + m - 5, " path", 5) == 0) ||
         (m > 7 && memcmp(hit->text + m - 7, " delete", 7) == 0) ||
         (m > 5 && memcmp(hit->text + m - 5, " from", 5) == 0) ||
         hit->text[m - 1] == ':') &&
        best + m + 3 < n && s[best + m] == ' ' &&
        (s[best + m + 1] == '/' ||
         (fsd__is_upper((unsigned char)(s[best + m + 1] & ~0x20)) && s[best + m + 2] == ':' &&
          (s[best + m + 3] == '\\' || s[best + m + 3] == '/')))) {
      size_t e = best + m + 1;
      if (hit->text[m - 1] == 'o') {
        while (e < n && s[e] != ' ' && s[e] != '\t') e++;
      } else {
        /* "on path C:\x y\z.db", "delete C:\x.jar -> [Help 1]": to the
         * end of the line (Windows names hold blanks), or to where the
         * sentence goes on: " -> ", two blanks, ". Retry", "?", " is
         * denied", " when ", a stack frame's " at " */
        while (e < n && !fsd__path_tail(s + e, n - e)) e++;
        while (e > best + m + 1 && (fsd__is_blank(s[e - 1]) || s[e - 1] == '.'))
          e--;
      }
      fsd__set_path(ev->path, s + best + m + 1, e - best - m - 1);
    }
    if (ev->path[0] == '\0') fsd__call_paren(s, best, ev);
    /* Docker's '... for type "bind": bind source path does not exist':
     * the quoted word before is the mount's type */
    if (ev->path[0] == '\0' &&
        strncmp(hit->text, "bind source path does not exist", 31) != 0)
      fsd__path_before(s, best, ev);
    if (ev->path[0] == '\0') fsd__quoted_path(p, s, n, ev);
  }
  return 1;
}

void fsd__loose_line(fsd__parser_t *p, const char *s, size_t n) {
  fsd__ev_t *ev = &p->ev;
  const char *before;
  int coded, strace;
  if (p->path_next != 0 && p->lineno == p->path_next + 1 && p->cur.open &&
      p->marked == p->prev_marked &&
      p->cur.path[0] == '\0' && fsd__path_line(p, s, n, p->cur.path)) {
    p->path_next = 0;
    return;
  }
  p->path_next = 0;
  fsd__managed_frame(p, s, n);
  fsd__ev_reset(ev);
  fsd__chain_note(p, s, n);
  /* the line above: its code, or any words when this line goes on with
   * its sentence ("unable to make backup link of 'x' before\ninstalling
   * new version: Operation not permitted") */
  before = NULL;
  if (p->prev_call_line + 1 == p->lineno && p->prev_call_line != 0)
    before = n > 0 && fsd__is_lower((unsigned char)s[0]) ? p->prev_named
                                                         : p->prev_call;
  p->prev_call = fsd__call_coded(s, n);
  p->prev_named = fsd__call_named(s, n);
  p->prev_call_line = p->lineno;
  /* strace's own form says all, in its own order: no text finder runs */
  strace = fsd__strace_line(s, n, ev);
  coded = strace || fsd__bare_code(p, s, n, ev) || fsd__bare_unknown(s, n, ev);
  if (!strace && !fsd__system_text(p, s, n, ev, coded) && !coded &&
      !fsd__win32_number(s, n, ev) && !fsd__win32_name(s, n, ev) &&
      !fsd__dotnet_denied(s, n, ev) &&
      !fsd__errno_number(s, n, ev) &&
      !fsd__script_failed(s, n, ev) && !fsd__exit_status(s, n, ev) &&
      !fsd__module_missing(s, n, ev) && !fsd__unknown_errno(s, n, ev) &&
      !fsd__lnk_file(s, n, ev) && !fsd__lang_error(s, n, ev))
    return;
  fsd__tool_paths(p, s, n, ev);
  if (fsd__has_word(s, n, "[winerror")) ev->plat = "win32";
  if (ev->syscall[0] == '\0') {
    /* rsync's line, or the same quoted by a tool's log ("[E] Error: rsync:") */
    size_t r = fsd__find_text(s, n, "rsync: ");
    if (r < n) fsd__rsync_call(s + r, n - r, ev);
  }
  if (ev->syscall[0] == '\0') {
    const char *named = fsd__call_named(s, n);
    if (named != NULL)
      fsd__set_word(ev->syscall, sizeof(ev->syscall), named, strlen(named));
  }
  /* A Python traceback shows the call on the line above the exception */
  if (ev->syscall[0] == '\0' && before != NULL)
    fsd__set_word(ev->syscall, sizeof(ev->syscall), before, strlen(before));
  /* Python's "[Errno 16] ...: 'a' -> 'b'" names two paths: a rename, or
   * a symlink where the first is relative and the second absolute ("'lib'
   * -> '/x/venv/lib64'": a link's target is relative to it, a rename's
   * source to the working directory as its destination is). */
  if (ev->syscall[0] == '\0' && ev->dest[0] != '\0') {
    /* only on POSIX, and only for what symlink(2) returns: EXDEV,
     * ENOTEMPTY or a Windows error is a move's */
    /* not EROFS: a read-only mount refuses a rename as well */
    static const char *const sym_codes[] = {"EPERM", "EOPNOTSUPP", "EPROTO",
                                            "EEXIST", NULL};
    int rel = ev->path[0] != '/' && ev->path[0] != '\\' && ev->path[0] != '~' &&
              ev->path[0] != '\0' && ev->path[1] != ':';
    int abs = ev->dest[0] == '/';
    size_t i;
    int sym = 0;
    for (i = 0; sym_codes[i] != NULL; i++)
      if (strcmp(ev->code, sym_codes[i]) == 0) sym = 1;
    if (ev->plat != NULL && strcmp(ev->plat, "win32") == 0) sym = 0;
    if (rel && abs && sym)
      fsd__set_word(ev->syscall, sizeof(ev->syscall), "symlink", 7);
    else
      fsd__set_word(ev->syscall, sizeof(ev->syscall), "rename", 6);
  }
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
  if (p->cur.open && p->cur.path[0] == '\0')
    p->path_next = p->lineno, p->path_colon = s[n - 1] == ':';
}
