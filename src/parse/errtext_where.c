/* Where tools put the path around a system text, for the loose pass
 * (errtext_loose.c): after it (Python's ": '/x'", Ruby's " @ call - /x",
 * ", open c:\\x"), before it (coreutils' "'/x': Text", Go's "op /x: text"),
 * as a call's arguments (rsync's "rmdir(x) failed:", PHP's "rename(a,b):")
 * or anywhere in quotes on the line. Every scan is bounded by the line. */

#include "parse/errtext_int.h"

#include <string.h>

static size_t fsd__loose_quoted(const char *s, size_t n, char *out,
                                size_t cap, size_t *outlen);

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

/* The path after a system text: Python's ": '/x'" (and " -> '/y'"), or
 * a call and its path: ", open c:\\x" (the colon of a Node message lost). */
void fsd__path_after(fsd__parser_t *p, const char *s, size_t n,
                            fsd__ev_t *ev) {
  size_t k = 0, used, vl, w, e;
  const char *call;
  if (fsd__java_index_path(s, n, ev) || fsd__curly_quoted(s, n, ev) ||
      fsd__lock_path(s, n, ev))
    return;
  if (n > 3 && s[0] == ' ' && (s[1] == '@' || (s[1] == '-' && s[2] == ' '))) {
    /* Ruby's "Text @ rb_sysopen - /x (Errno::EACCES)", "Text - /x" */
    if (s[1] == '@') {
      static const char *const rb[] = {"chmod", "chown", "mkdir", "rmdir",
                                       "rename", "unlink", "symlink", "utime",
                                       "sysopen", NULL};
      size_t r;
      for (k = 2; k + 2 < n && !(s[k] == ' ' && s[k + 1] == '-' && s[k + 2] == ' '); k++)
        ;
      /* "(Errno::ENOSYS - Function not implemented @ rb_file_s_symlink)":
       * the call with no path after it */
      if (k + 2 >= n) k = n;
      /* "@ chmod_internal", "@ rb_sysopen": the call inside the name */
      for (r = 0; rb[r] != NULL && ev->syscall[0] == '\0'; r++)
        if (fsd__find_text(s + 2, k - 2, rb[r]) < k - 2) {
          const char *call = r == 8 ? "open" : rb[r];
          fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
        }
      if (k >= n) return;
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
  /* Python 2's repr of a unicode path: u'C:\\x' */
  if (k + 1 < n && s[k] == 'u' && (s[k + 1] == '\'' || s[k + 1] == '"')) k++;
  if (k < n && !fsd__quote_char(s[k])) {
    /* Java's "AccessDeniedException: C:\\x\\y": one path to the end of
     * the line, or to " (" */
    for (e = k; e < n && !(e + 1 < n && s[e] == ' ' && s[e + 1] == '('); e++)
      ;
    if (fsd__path_start(s + k, e - k) && memchr(s + k, ' ', e - k) == NULL)
      fsd__set_path(ev->path, s + k, e - k);
    return;
  }
  if (k >= n) return;
  /* Python's repr doubles a backslash; single ones are the path's own */
  used = fsd__loose_quoted(s + k, n - k, p->val, sizeof(p->val), &vl);
  if (used == 0 && n - k > 2 && memchr(s + k + 1, s[k], n - k - 1) == NULL &&
      fsd__path_start(s + k + 1, n - k - 1)) {
    /* a paste cut inside the quoted path: what there is of it, marked
     * cut ("...") so prose shows it and no command is given it; a
     * Python repr's doubled backslashes read as one */
    fsd__set_cut_path(ev->path, s + k + 1, n - k - 1);
    return;
  }
  if (used == 0 || vl == 0) return;
  fsd__set_path(ev->path, p->val, vl);
  k += used;
  if (k + 4 < n && memcmp(s + k, " -> ", 4) == 0 && fsd__quote_char(s[k + 4])) {
    used = fsd__loose_quoted(s + k + 4, n - k - 4, p->val, sizeof(p->val), &vl);
    if (used != 0 && vl != 0) fsd__set_path(ev->dest, p->val, vl);
  }
}

/* A line that is only a path: the path of a system text that ended its
 * line with ':' ("[WinError 5] Access is denied:" and the path below it,
 * as a console wraps a long line or a log quotes it). A quoted path, or
 * one token that starts as a path does. */
int fsd__path_line(fsd__parser_t *p, const char *s, size_t n, char *dst) {
  size_t used, vl, e;
  /* a field of its own after a text that ended in '.' (conda's "path:") */
  if (n > 6 && memcmp(s, "path: ", 6) == 0) s += 6, n -= 6;
  else if (!p->path_colon) return 0;
  if (n == 0) return 0;
  if (fsd__quote_char((unsigned char)s[0])) {
    used = fsd__loose_quoted(s, n, p->val, sizeof(p->val), &vl);
    if (used == 0 || vl == 0 || !fsd__path_start(p->val, vl)) return 0;
    for (e = used; e < n && (s[e] == '.' || s[e] == ',' || fsd__is_blank(s[e])); e++)
      ;
    if (e < n) return 0; /* words after the quote: a sentence */
    fsd__set_path(dst, p->val, vl);
    return 1;
  }
  for (e = 0; e < n && !fsd__is_blank(s[e]); e++)
    ;
  if (e < n || s[e - 1] == '>') return 0; /* a shell's prompt */
  while (e > 0 && (s[e - 1] == '.' || s[e - 1] == ',')) e--;
  {
    /* a source location: "/x/index.js:12:5" names the file */
    int k;
    for (k = 0; k < 2; k++) {
      size_t d = e;
      while (d > 0 && fsd__is_digit((unsigned char)s[d - 1])) d--;
      if (d == e || d < 2 || s[d - 1] != ':') break;
      e = d - 1;
    }
  }
  if (!fsd__path_start(s, e)) return 0;
  fsd__set_path(dst, s, e);
  return 1;
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
/* "... « /x » : Text", "... »/x«: Text", "„/x“: Text": the name between
 * the marks, without the spaces French puts inside them. */
static int fsd__marked_path(const char *s, size_t e, fsd__ev_t *ev) {
  size_t m = fsd__mark_at_end(s, e), close, q, k, from;
  const char *call;
  int inside = 0;
  if (m == 0) {
    /* "»/x“ konnte nicht angelegt werden: Text": the name earlier in the
     * sentence, only when it names a file */
    for (q = e; q > 0 && e - q < FSD__PATH_CAP; q--)
      if ((m = fsd__mark_at_end(s, q)) != 0) break;
    if (q == 0 || m == 0) return 0;
    e = q;
    inside = 1;
  }
  close = e - m;
  for (q = close; q > 0 && close - q < FSD__PATH_CAP; q--)
    if (fsd__mark_at_end(s, q) != 0) break;
  if (q == 0 || (k = fsd__mark_at_end(s, q)) == 0) return 1;
  from = q;
  while (from < close && (fsd__is_blank(s[from]) ||
                          (close - from >= 2 && memcmp(s + from, "\xc2\xa0", 2) == 0) ||
                          (close - from >= 3 && memcmp(s + from, "\xe2\x80\xaf", 3) == 0)))
    from += fsd__is_blank(s[from]) ? 1 : (unsigned char)s[from] == 0xc2 ? 2 : 3;
  while (close > from && (m = fsd__space_at_end(s, close)) != 0 &&
         m <= close - from)
    close -= m;
  if (close <= from) return 1;
  if (inside && !fsd__pathish(s + from, close - from)) return 0;
  fsd__set_path(ev->path, s + from, close - from);
  if (ev->syscall[0] == '\0' && (call = fsd__verb_before(s, q - k)) != NULL)
    fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
  return 1;
}

/* Old coreutils quote `like this': "cannot move `a' to `b': Device or
 * resource busy" names the source and the destination. e: just past the
 * closing quote. 1 when the line has that form. */
static int fsd__backtick_paths(const char *s, size_t e, fsd__ev_t *ev) {
  size_t close = e - 1, bq, a, ab;
  const char *call;
  if (e < 3 || s[close] != '\'') return 0;
  for (bq = close; bq > 0 && s[bq - 1] != '`' && s[bq - 1] != '\''; bq--)
    ;
  if (bq == 0 || s[bq - 1] != '`' || bq == close) return 0;
  /* "`a' to `b'": the first pair before " to " */
  if (bq >= 6 && memcmp(s + bq - 6, "' to `", 6) == 0) {
    a = bq - 6;
    for (ab = a; ab > 0 && s[ab - 1] != '`' && s[ab - 1] != '\''; ab--)
      ;
    if (ab > 0 && s[ab - 1] == '`' && ab < a) {
      fsd__set_path(ev->path, s + ab, a - ab);
      fsd__set_path(ev->dest, s + bq, close - bq);
      if (ev->syscall[0] == '\0' && (call = fsd__verb_before(s, ab - 1)) != NULL)
        fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
      return 1;
    }
  }
  return 0;
}

void fsd__path_before(const char *s, size_t end, fsd__ev_t *ev) {
  size_t e = end, q, b1, n1, b2, n2, b3, n3, sp;
  const char *call, *t1, *t2, *t3;
  while (e > 0 && (sp = fsd__space_at_end(s, e)) != 0) e -= sp;
  if (e == 0 || (s[e - 1] != ':' && s[e - 1] != ',')) return;
  e--;
  while (e > 0 && (sp = fsd__space_at_end(s, e)) != 0) e -= sp;
  if (fsd__tar_path(s, e, ev) || fsd__marked_path(s, e, ev)) return;
  if (fsd__backtick_paths(s, e, ev)) return;
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
      /* Ruby: "in `mkdir': Too many links" names the call, not a path;
       * old coreutils quote `like this': "cannot remove `x': ..." */
      for (q = close; q > 0 && close - q < FSD__PATH_CAP && s[q - 1] != '`';
           q--)
        ;
      if (q == 0 || s[q - 1] != '`' || close - q == 0) return;
      if ((call = fsd__call_of(s + q, close - q)) != NULL) {
        if (ev->syscall[0] == '\0')
          fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
        return;
      }
      /* Ruby's frames ("in `initialize'", "in `block in <main>'") name
       * code; coreutils' quote a path after a verb ("cannot remove") */
      if (q >= 4 && memcmp(s + q - 4, "in `", 4) == 0) return;
      call = fsd__verb_before(s, q - 1);
      if (call == NULL && !fsd__pathish(s + q, close - q)) return;
      fsd__set_path(ev->path, s + q, close - q);
      if (ev->syscall[0] == '\0' && call != NULL)
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
  if (!fsd__pathish(t1, n1)) {
    if (fsd__spawn_word(s, b1, t1, n1, ev)) return;
    /* "umount: /media/BACKUP USB: target is busy": an absolute path with
     * blanks, from the ": " that opens it */
    for (q = b1; q > 1 && !(s[q - 1] == '/' && s[q - 2] == ' ' && q > 2 &&
                            s[q - 3] == ':');
         q--)
      if (s[q - 1] == ':' || fsd__quote_char(s[q - 1])) return;
    if (q > 2 && s[q - 1] == '/') fsd__set_path(ev->path, s + q - 1, e - q + 1);
    return;
  }
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
    if (strcmp(call, "spawn") == 0 && t1[0] != '/' && t1[0] != '\\' &&
        !(n1 > 2 && t1[1] == ':')) {
      /* a program's path with a blank ("fork/exec C:\\Program Files\\x.exe:"):
       * one path, never a source and a destination */
      fsd__set_path(ev->path, t2, (size_t)(t1 + n1 - t2));
      if (ev->syscall[0] == '\0') fsd__set_word(ev->syscall, sizeof(ev->syscall), call, 5);
      return;
    }
    fsd__set_path(ev->path, t2, n2);
    fsd__set_path(ev->dest, t1, n1);
  } else {
    /* Java's "FileSystemException: C:\\x: The process cannot ...": an
     * absolute path with no call before it */
    if (t1[0] == '/' || t1[0] == '\\' || (n1 > 2 && t1[1] == ':')) {
      fsd__set_path(ev->path, t1, n1);
      return;
    }
    /* BSD's tools name the path unquoted after their own name: "rm:
     * a/b.json: Operation not permitted" */
    {
      static const struct {
        const char *tool, *call;
      } bsd[] = {{"rm", "unlink"},     {"mv", "rename"}, {"cp", "copyfile"},
                 {"mkdir", "mkdir"},   {"rmdir", "rmdir"},
                 {"chmod", "chmod"},   {"chown", "chown"},
                 {"touch", "open"},    {NULL, NULL}};
      size_t i;
      for (i = 0; bsd[i].tool != NULL; i++)
        if (n2 == strlen(bsd[i].tool) && memcmp(t2, bsd[i].tool, n2) == 0 &&
            t2 == s && n2 < b1 && s[n2] == ':') {
          fsd__set_path(ev->path, t1, n1);
          if (ev->syscall[0] == '\0')
            fsd__set_word(ev->syscall, sizeof(ev->syscall), bsd[i].call,
                          strlen(bsd[i].call));
          return;
        }
    }
    /* git's "unable to create file src/a:b.md: Invalid argument": a
     * relative path after a verb and "file" or "directory" */
    if (((n2 == 4 && memcmp(t2, "file", 4) == 0) ||
         (n2 == 9 && memcmp(t2, "directory", 9) == 0)) &&
        (call = fsd__verb_before(s, b2)) != NULL) {
      fsd__set_path(ev->path, t1, n1);
      if (ev->syscall[0] == '\0')
        fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
    }
    return;
  }
  if (ev->syscall[0] == '\0')
    fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
}

/* A quoted value in a tool's own words: raw (.NET's "Access to the path
 * 'C:\dev\x.dll' is denied.", a UNC path '\\wsl$\x'), unless a repr
 * or a JSON string escaped it. Decided by the whole value, never by one
 * pair: escaping doubles every backslash (C:\x becomes C:\\x, a UNC
 * path's leading pair becomes four), so a run of odd length makes the
 * value raw (but the run right before the quote that ends the scan, which
 * an escaped value uses for an escaped quote). A value whose only
 * backslashes are the pair it opens with is a raw UNC name. */
static size_t fsd__loose_quoted(const char *s, size_t n, char *out,
                                size_t cap, size_t *outlen) {
  size_t e, k, run, pairs = 0, odd = 0, first = 0, last = 0;
  for (e = 1; e < n && s[e] != s[0] && s[e] != '\n'; e++) {
    if (s[e] != '\\') continue;
    for (run = 0; e < n && s[e] == '\\'; e++) run++;
    if (first == 0) first = run;
    last = e;
    if (run % 2 != 0 && !(e < n && s[e] == s[0])) odd++;
    else if (run % 2 == 0) pairs++;
    e--;
  }
  if (pairs > 0 && odd == 0 && !(pairs == 1 && first == 2 && last == 3))
    return fsd__parse_quoted(s, n, out, cap, outlen);
  if (e >= n || s[e] != s[0]) return 0;
  k = e - 1 < cap - 1 ? e - 1 : cap - 1;
  memcpy(out, s + 1, k);
  out[k] = '\0';
  *outlen = k;
  return e + 1;
}

/* The quoted name right after a text, whatever its shape: git's "error:
 * invalid path 'con.c'". */
void fsd__quoted_after(fsd__parser_t *p, const char *s, size_t n,
                       fsd__ev_t *ev) {
  size_t k = 0, used, vl;
  while (k < n && fsd__is_blank(s[k])) k++;
  if (k >= n || !fsd__quote_char(s[k])) return;
  used = fsd__loose_quoted(s + k, n - k, p->val, sizeof(p->val), &vl);
  if (used != 0 && vl != 0) fsd__set_path(ev->path, p->val, vl);
}

/* A call written with its arguments before the text: rsync's
 * "rmdir(6.5/os/x86_64) failed: Device or resource busy", PHP's
 * "rename(/a,/b): Device or resource busy". The last such call before end
 * gives the call, the path and the destination. */
/* A call's argument without the blanks around it, nor a pair of quotes. */
static void fsd__arg_trim(const char **s, size_t *n) {
  while (*n > 0 && fsd__is_blank((*s)[0])) (*s)++, (*n)--;
  while (*n > 0 && fsd__is_blank((*s)[*n - 1])) (*n)--;
  if (*n >= 2 && fsd__quote_char((*s)[0]) && (*s)[*n - 1] == (*s)[0])
    (*s)++, *n -= 2;
}

void fsd__call_paren(const char *s, size_t end, fsd__ev_t *ev) {
  size_t i, w, close = 0, comma, an;
  const char *a;
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
  a = s + bopen + 1;
  an = comma - bopen - 1;
  fsd__arg_trim(&a, &an);
  if (!fsd__pathish(a, an) && memchr(a, '/', an) == NULL) return;
  fsd__set_path(ev->path, a, an);
  if (comma + 1 < bclose) {
    a = s + comma + 1;
    an = bclose - comma - 1;
    fsd__arg_trim(&a, &an);
    /* "open(/x, O_RDWR)": flags or a mode are no destination */
    if (an > 0 && fsd__pathish(a, an)) fsd__set_path(ev->dest, a, an);
  }
  if (ev->syscall[0] == '\0')
    fsd__set_word(ev->syscall, sizeof(ev->syscall), best, strlen(best));
}

/* The first quoted path on the line ("'/x/y' has maximum number of
 * links"), when nothing placed one. */
void fsd__quoted_path(fsd__parser_t *p, const char *s, size_t n,
                             fsd__ev_t *ev) {
  size_t i, used, vl;
  for (i = 0; i < n; i++) {
    if (s[i] != '\'' && s[i] != '"') continue;
    used = fsd__loose_quoted(s + i, n - i, p->val, sizeof(p->val), &vl);
    if (used == 0) return;
    /* quotes bound the path: spaces inside are its own when it starts as
     * an absolute path does ("C:\\Program Files\\x", "/Users/a b/x") */
    if (fsd__pathish(p->val, vl) &&
        (memchr(p->val, ' ', vl) == NULL ||
         (vl > 3 && ((p->val[1] == ':' && (p->val[2] == '\\' || p->val[2] == '/')) ||
                     (p->val[0] == '\\' && p->val[1] == '\\') ||
                     (p->val[0] == '/' && p->val[1] != ' '))))) {
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
