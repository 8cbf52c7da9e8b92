/* Tools' own forms of a failed call whose path and call sit in their own
 * words: pip's launcher, Python's numbered OSError, a copy or move into
 * itself, Go's LinkError, shelljs' "(code=X):path", Eleventy's names,
 * rsync's "rsync: <call> \"path\" failed".
 * Called from fsd__tool_paths (errtext_tools.c) on a line a text row
 * matched. */

#include "parse/errtext_int.h"

#include <stddef.h>
#include <string.h>

/* The launcher of pip's console scripts (and distlib's): "Fatal error in
 * launcher: Unable to create process using '"C:\\venv\\python.exe"
 * "C:\\venv\\Scripts\\x.exe" args': <reason>", the interpreter it
 * starts, a path written in when the script was installed. */
int fsd__launcher_path(const char *s, size_t n, fsd__ev_t *ev) {
  size_t at = fsd__find_text(s, n, "unable to create process using "), k, e;
  /* the launcher's own form, '"<interpreter>" ...': not a command line */
  /* a path found already stays, unless it is this command line, quoted */
  if (at >= n || (ev->path[0] != '\0' && ev->path[0] != '"') || at + 33 > n ||
      s[at + 31] != '\'' ||
      s[at + 32] != '"')
    return 0;
  k = at + 33;
  for (e = k; e < n && s[e] != '"'; e++)
    ;
  if (e >= n || e == k) return 0;
  fsd__set_path(ev->path, s + k, e - k);
  fsd__set_word(ev->syscall, sizeof(ev->syscall), "spawn", 5);
  return 1;
}

/* Python's OSError with a number: "[WinError 1224] The requested ...:
 * 'C:\\x'", Python 2's "WindowsError: [Error 267] ...: u'c:\\x'" and
 * "IOError: [Errno 22] invalid mode ('wb') or filename: 'x'": the quoted
 * path after the last ": " that opens one (a Python 2 repr's u before
 * it). */
void fsd__py_numbered_path(fsd__parser_t *p, const char *s, size_t n,
                           fsd__ev_t *ev) {
  static const char *const marks[] = {"[winerror ", "[error ", "[errno ", NULL};
  size_t at = n, k, i, q = n;
  for (i = 0; marks[i] != NULL && at >= n; i++) at = fsd__find_text(s, n, marks[i]);
  if (at >= n) return;
  for (k = at; k + 2 < n; k++) {
    if (s[k] != ':' || s[k + 1] != ' ') continue;
    if (fsd__quote_char(s[k + 2])) q = k + 2;
    else if (k + 3 < n && s[k + 2] == 'u' && fsd__quote_char(s[k + 3])) q = k + 3;
  }
  if (q < n) fsd__quoted_path(p, s + q, n - q, ev);
}

/* A copy or move into itself, in its tool's words, the source and the
 * destination inside it: mv's and fs-extra's "cannot move|copy 'a' to a
 * subdirectory of itself, 'a/b'", cp's "cannot copy a directory, 'a',
 * into itself, 'a/b'", Node's fs.cp "(cannot copy a to a subdirectory of
 * self a/b)". */
void fsd__into_itself(const char *s, size_t n, fsd__ev_t *ev) {
  static const struct {
    const char *lead, *mid, *call;
    int quoted;
  } forms[] = {{"cannot move ", "to a subdirectory of itself, ", NULL, 1},
               {"cannot copy a directory, ", ", into itself, ", "copyfile", 1},
               {"cannot copy ", "to a subdirectory of itself, ", "copyfile", 1},
               {"cannot copy ", "to a subdirectory of self ", "copyfile", 0},
               {NULL, NULL, NULL, 0}};
  size_t i, at, mid, a, b, e;
  const char *na, *nb;
  for (i = 0; forms[i].lead != NULL; i++) {
    at = fsd__find_text(s, n, forms[i].lead);
    mid = fsd__find_text(s, n, forms[i].mid);
    if (at >= n || mid >= n || mid <= at) continue;
    at += strlen(forms[i].lead);
    if (forms[i].quoted) {
      if ((a = fsd__any_quoted(s + at, n - at, &na)) == 0) continue;
      e = mid + strlen(forms[i].mid);
      if ((b = fsd__any_quoted(s + e, n - e, &nb)) == 0) continue;
    } else {
      /* Node's: unquoted, the destination up to ")" or a blank */
      na = s + at;
      for (a = mid - at; a > 0 && na[a - 1] == ' '; a--)
        ;
      nb = s + mid + strlen(forms[i].mid);
      for (b = 0; nb + b < s + n && nb[b] != ')' && nb[b] != ' '; b++)
        ;
      if (a == 0 || b == 0) continue;
    }
    fsd__set_path(ev->path, na, a);
    fsd__set_path(ev->dest, nb, b);
    if (forms[i].call != NULL)
      fsd__set_word(ev->syscall, sizeof(ev->syscall), forms[i].call,
                    strlen(forms[i].call));
    return;
  }
}

/* A quoted name right after lead on the line, into ev->path: 1 if so. */
static int fsd__quoted_lead(const char *s, size_t n, const char *lead,
                            fsd__ev_t *ev) {
  size_t at = fsd__find_text(s, n, lead), a;
  const char *na;
  if (at >= n) return 0;
  at += strlen(lead);
  if ((a = fsd__any_quoted(s + at, n - at, &na)) == 0) return 0;
  fsd__set_path(ev->path, na, a);
  return 1;
}

/* Tools' forms with their path in their own words, on a line a row
 * matched; 1 when one set the path:
 * - Git for Windows' retry prompt, "Unlink of file 'x' failed. Should I
 *   try again?" (and "Deletion of directory 'x'");
 * - Web Deploy's "cannot modify the file 'x' on the destination";
 * - Windows Installer's "Error writing to file: C:\\x.  Verify ...";
 * - Eleventy's and fs-extra's "<path> contains invalid WIN32 path
 *   characters" (the last name before the words);
 * - shelljs' "(code=ENAMETOOLONG):/x";
 * - Go's os.LinkError, "symlink <old> <new>: <reason>" (link and rename
 *   too), opening the line or a clause after ": ": the old name in path,
 *   the new (the last absolute name before the reason) in dest. */
int fsd__go_link(const char *s, size_t n, fsd__ev_t *ev) {
  static const char *const ops[] = {"symlink ", "link ", "rename ", NULL};
  size_t i, at, colon, k, b;
  if (fsd__find_text(s, n, "should i try again") < n) {
    /* the call always; the path where no reader found it already */
    int un = fsd__find_text(s, n, "unlink of file ") < n;
    if (un || fsd__find_text(s, n, "deletion of directory ") < n) {
      fsd__set_word(ev->syscall, sizeof(ev->syscall), un ? "unlink" : "rmdir",
                    un ? 6 : 5);
      if (ev->path[0] == '\0')
        fsd__quoted_lead(s, n, un ? "unlink of file " : "deletion of directory ", ev);
      return 1;
    }
  }
  if (ev->path[0] != '\0') return 0;
  if (fsd__quoted_lead(s, n, "cannot modify the file ", ev)) return 1;
  at = fsd__find_text(s, n, "error writing to file: ");
  if (at < n) {
    at += 23;
    for (k = at; k + 1 < n && !(s[k] == '.' && s[k + 1] == ' '); k++)
      ;
    if (k > at && k + 1 < n) {
      fsd__set_path(ev->path, s + at, k - at);
      return 1;
    }
  }
  at = fsd__find_text(s, n, "contains invalid win32 path characters");
  if (at < n && at > 1) {
    for (k = at - 1; k > 0 && s[k - 1] != ' ' && s[k - 1] != '\t'; k--)
      ;
    if (at - 1 > k) {
      fsd__set_path(ev->path, s + k, at - 1 - k);
      return 1;
    }
  }
  at = fsd__find_text(s, n, "(code=");
  if (at < n) {
    for (k = at + 6; k < n && s[k] != ')'; k++)
      ;
    if (k + 2 < n && s[k + 1] == ':' && (s[k + 2] == '/' || s[k + 2] == '\\' ||
                                         (k + 4 < n && s[k + 3] == ':'))) {
      fsd__set_path(ev->path, s + k + 2, n - k - 2);
      return 1;
    }
  }
  for (i = 0; ops[i] != NULL; i++) {
    size_t ol = strlen(ops[i]);
    at = fsd__find_text(s, n, ops[i]);
    /* Go's shape: the op opens the line or a clause after ": " */
    if (at >= n || !(at == 0 || (at >= 2 && s[at - 2] == ':' && s[at - 1] == ' ')))
      continue;
    /* the reason's colon: the last ": " on the line */
    for (colon = n; colon > at + 2 && !(s[colon - 2] == ':' && s[colon - 1] == ' '); colon--)
      ;
    if (colon <= at + ol + 2) continue;
    colon -= 2;
    /* the new name: from the last " /" before it */
    for (b = colon; b > at + ol && !(s[b - 1] == ' ' && s[b] == '/'); b--)
      ;
    if (b <= at + ol + 1 || s[b] != '/') continue;
    fsd__set_path(ev->path, s + at + ol, b - 1 - at - ol);
    fsd__set_path(ev->dest, s + b, colon - b);
    fsd__set_word(ev->syscall, sizeof(ev->syscall), ops[i], ol - 1);
    return 1;
  }
  return 0;
}

/* rsync's own form: 'rsync: link "/a" => b failed: Too many links (31)',
 * 'rsync: mkdir "/x" failed: ...': the call, the quoted path, and after
 * " => " the new name. */
void fsd__rsync_call(const char *s, size_t n, fsd__ev_t *ev) {
  size_t k = 7, w, e;
  const char *call;
  if (n < 10 || memcmp(s, "rsync: ", 7) != 0) return;
  /* rsync 3.2's role before the call: "rsync: [generator] chown" */
  if (s[k] == '[') {
    for (w = k + 1; w < n && fsd__is_lower((unsigned char)s[w]); w++)
      ;
    if (w + 1 < n && s[w] == ']' && s[w + 1] == ' ') k = w + 2;
  }
  for (w = k; w < n && fsd__is_lower((unsigned char)s[w]); w++)
    ;
  if (w == k || w + 2 >= n || s[w] != ' ' || s[w + 1] != '"' ||
      (call = fsd__call_of(s + k, w - k)) == NULL)
    return;
  for (e = w + 2; e < n && s[e] != '"'; e++)
    ;
  if (e >= n || e == w + 2) return;
  fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
  fsd__set_path(ev->path, s + w + 2, e - w - 2);
  if (e + 5 < n && memcmp(s + e + 1, " => ", 4) == 0) {
    size_t d = e + 5, f;
    int q = d < n && s[d] == '"';
    for (f = d += (size_t)q; f < n && (q ? s[f] != '"' : !fsd__is_blank(s[f])); f++)
      ;
    if (f > d && (!q || f < n)) fsd__set_path(ev->dest, s + d, f - d);
  }
}

/* git's "error: chmod on /x/.git/config.lock failed: Operation not
 * permitted": the path between "chmod on " and " failed". */
void fsd__call_on_path(const char *s, size_t n, fsd__ev_t *ev) {
  size_t at = fsd__find_text(s, n, "chmod on "), b, e;
  if (at >= n) return;
  b = at + 9;
  for (e = b; e < n && !fsd__is_blank(s[e]); e++)
    ;
  if (e == b || e + 7 > n || memcmp(s + e, " failed", 7) != 0) return;
  fsd__set_path(ev->path, s + b, e - b);
}
