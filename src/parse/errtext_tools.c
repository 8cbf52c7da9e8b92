/* Tools' own forms of an error that no system text table holds: Node's
 * "Cannot find module '<path>'" and "Unknown system error -N", the MSVC
 * linker's LNK1104, the mount tools' names, Zig's and Bun's error names,
 * a numbered cause chain's path, .NET's and Java's stack frames, a
 * structured log's key=value, OCaml's Unix_error, Go's socket errors.
 * Read by the loose pass (errtext_loose.c). */

#include "parse/errtext_int.h"

#include <ctype.h>
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

/* "mount: x", "mount.nfs: x", "umount: x", "umount.cifs: x": the call of
 * the tool that starts the line, or NULL. */
const char *fsd__mount_tool(const char *s, size_t n) {
  size_t k = 0;
  const char *call = "mount";
  if (n > 0 && s[0] == 'u') call = "umount", k = 1;
  if (n < k + 6 || memcmp(s + k, "mount", 5) != 0) return NULL;
  k += 5;
  if (s[k] == '.')
    while (k < n && s[k] != ':' && s[k] != ' ') k++;
  return k < n && s[k] == ':' ? call : NULL;
}

/* Zig's error set, as Bun and Zig programs print it ("error: AccessDenied",
 * "Failed to open temp file AccessDenied", "error: NameTooLong extracting
 * tarball"): a whole word, ending the line or followed by a blank, and not
 * a service's error code ("Code: AccessDenied", "(AccessDenied)"). */
int fsd__lang_error(const char *s, size_t n, fsd__ev_t *ev) {
  static const struct {
    const char *name, *code;
  } zig[] = {{"AccessDenied", "EACCES"},        {"PermissionDenied", "EPERM"},
             {"FileNotFound", "ENOENT"},        {"NameTooLong", "ENAMETOOLONG"},
             {"PathAlreadyExists", "EEXIST"},   {"NoSpaceLeft", "ENOSPC"},
             {"DiskQuota", "EDQUOT"},           {"SymLinkLoop", "ELOOP"},
             {"NotDir", "ENOTDIR"},             {"IsDir", "EISDIR"},
             {"DirNotEmpty", "ENOTEMPTY"},      {"FileBusy", "EBUSY"},
             {"ReadOnlyFileSystem", "EROFS"},   {"NotSameFileSystem", "EXDEV"},
             {"RenameAcrossMountPoints", "EXDEV"},
             {"ProcessFdQuotaExceeded", "EMFILE"},
             {"SystemFdQuotaExceeded", "ENFILE"},
             {"CouldntReadCurrentDirectory", "ENOENT"},
             {NULL, NULL}};
  size_t i, at, l, b;
  if (fsd__not_executable(s, n, ev)) return 1;
  for (i = 0; zig[i].name != NULL; i++) {
    l = strlen(zig[i].name);
    for (at = 0; at + l <= n; at++) {
      if (memcmp(s + at, zig[i].name, l) != 0) continue;
      if (at > 0 && (isalnum((unsigned char)s[at - 1]) || s[at - 1] == '(' ||
                     s[at - 1] == '.' || s[at - 1] == '_'))
        continue;
      if (at + l < n && s[at + l] != ' ' && s[at + l] != '\t') continue;
      for (b = at; b > 0 && (s[b - 1] == ' ' || s[b - 1] == ':'); b--)
        ;
      if (b >= 4 && fsd__find_text(s + b - 4, 4, "code") == 0) continue;
      fsd__set_word(ev->code, sizeof(ev->code), zig[i].code,
                    strlen(zig[i].code));
      return 1;
    }
  }
  return 0;
}

/* "  1: text" or "1: text": the text after an item number, else NULL. */
static const char *fsd__chain_item(const char *s, size_t n, size_t *len) {
  size_t i = 0, d;
  while (i < n && fsd__is_blank(s[i])) i++;
  for (d = i; i < n && i - d < 3 && isdigit((unsigned char)s[i]); i++)
    ;
  if (i == d || i + 1 >= n || s[i] != ':' || s[i + 1] != ' ') return NULL;
  *len = n - i - 2;
  return s + i + 2;
}

void fsd__chain_note(fsd__parser_t *p, const char *s, size_t n) {
  size_t len, k, e;
  const char *t = fsd__chain_item(s, n, &len);
  if (t == NULL) {
    /* cargo's and anyhow's "Caused by:" items: "  failed to open: /x" */
    for (k = 0; k < n && fsd__is_blank(s[k]); k++)
      ;
    if (n - k < 12 || fsd__find_text(s + k, 10, "failed to ") != 0) return;
    t = s + k;
    len = n - k;
  }
  if (len < 4) return;
  for (k = len - 2; k > 0; k--)
    if (t[k] == ':' && t[k + 1] == ' ') break;
  if (k == 0) return;
  k += 2;
  /* an absolute path to the end of the item (Windows names hold blanks) */
  if (!(t[k] == '/' || (len - k > 3 && isalpha((unsigned char)t[k]) && t[k + 1] == ':' &&
                        (t[k + 2] == '\\' || t[k + 2] == '/'))))
    return;
  for (e = len; e > k && (fsd__is_blank(t[e - 1]) || t[e - 1] == '.'); e--)
    ;
  fsd__set_path(p->chain_path, t + k, e - k);
  p->chain_line = p->lineno;
}

/* A quoted name at s[0] in ASCII or typographic quotes: its length, and
 * where it starts; 0 when there is none. */
size_t fsd__any_quoted(const char *s, size_t n, const char **name) {
  size_t q = 1, e;
  if (n >= 3 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
      ((unsigned char)s[2] == 0x98 || (unsigned char)s[2] == 0x9c))
    q = 3;
  else if (n < 1 || (s[0] != '\'' && s[0] != '"' && s[0] != '`'))
    return 0;
  for (e = q; e < n; e++)
    if (s[e] == '\'' || s[e] == '"' ||
        (e + 2 < n && (unsigned char)s[e] == 0xe2 && (unsigned char)s[e + 1] == 0x80 &&
         ((unsigned char)s[e + 2] == 0x99 || (unsigned char)s[e + 2] == 0x9d)))
      break;
  if (e >= n || e == q) return 0;
  *name = s + q;
  return e - q;
}

/* OCaml's "Unix.Unix_error(Unix.EACCES, \"open\", \"/x\")": the call and the
 * path after the code (the code itself is read as a bare word). */
static int fsd__ocaml_unix(const char *s, size_t n, fsd__ev_t *ev) {
  size_t at = fsd__find_text(s, n, "unix_error("), k, e;
  const char *call;
  if (at >= n) return 0;
  for (k = at + 11; k < n && s[k] != ','; k++)
    ;
  if (k + 3 >= n || s[k + 1] != ' ' || s[k + 2] != '"') return 0;
  for (e = k + 3; e < n && s[e] != '"'; e++)
    ;
  if (e >= n) return 0;
  if ((call = fsd__call_of(s + k + 3, e - k - 3)) != NULL && ev->syscall[0] == '\0')
    fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
  if (e + 4 < n && s[e + 1] == ',' && s[e + 2] == ' ' && s[e + 3] == '"') {
    for (k = e + 4; k < n && s[k] != '"'; k++)
      ;
    if (k < n && k > e + 4) fsd__set_path(ev->path, s + e + 4, k - e - 4);
  }
  return 1;
}

/* The length of a path that opens the line and is followed by ": " and a
 * tool's words of failing ("unable to", "cannot", "could not", "failed
 * to"); 0 when the line does not open so. */
static int fsd__leading_path(const char *s, size_t n, size_t *len) {
  static const char *const words[] = {"unable to ", "cannot ", "could not ",
                                      "failed to ", NULL};
  size_t k, i, d;
  for (k = 0; k + 1 < n && s[k] != ' ' && s[k] != '\t' && !(s[k] == ':' && s[k + 1] == ' '); k++)
    ;
  if (k < 3 || k + 2 >= n || s[k] != ':' || s[k + 1] != ' ' || !fsd__pathish(s, k))
    return 0;
  for (i = 0; i + 3 <= k; i++)
    if (memcmp(s + i, "://", 3) == 0) return 0; /* a URL */
  /* its last part names a file: a letter in it, and no ":12" after it */
  for (i = k; i > 0 && s[i - 1] != '/' && s[i - 1] != '\\'; i--)
    ;
  for (d = i; d < k && !isalpha((unsigned char)s[d]); d++)
    ;
  if (d == k || memchr(s + i, ':', k - i) != NULL) return 0;
  for (i = 0; words[i] != NULL; i++)
    if (fsd__find_text(s + k + 2, n - k - 2, words[i]) == 0) {
      *len = k;
      return 1;
    }
  return 0;
}

void fsd__tool_paths(fsd__parser_t *p, const char *s, size_t n, fsd__ev_t *ev) {
  size_t len, at, k;
  /* Go's net error: "dial unix /var/run/docker.sock: connect: permission
   * denied" names the socket and the call, whatever a URL before says */
  at = fsd__find_text(s, n, "dial unix /");
  if (at < n) {
    for (k = at + 10; k < n && s[k] != ':' && !fsd__is_blank(s[k]); k++)
      ;
    if (k + 10 <= n && memcmp(s + k, ": connect:", 10) == 0) {
      fsd__set_path(ev->path, s + at + 10, k - at - 10);
      fsd__set_word(ev->syscall, sizeof(ev->syscall), "connect", 7);
      return;
    }
  }
  if (ev->path[0] == '\0' && p->chain_line != 0 && p->chain_line < p->lineno &&
      p->lineno - p->chain_line <= 3 &&
      (fsd__chain_item(s, n, &len) != NULL || fsd__find_text(s, n, "(os error ") < n))
    memcpy(ev->path, p->chain_path, sizeof(ev->path));
  /* the directory in PHP applications' own words, over any part of it */
  if (fsd__web_dir_path(s, n, ev) || fsd__launcher_path(s, n, ev) ||
      fsd__go_link(s, n, ev) ||
      (ev->path[0] == '\0' && fsd__ocaml_unix(s, n, ev)))
    return;
  /* Python's OSError with a Windows number no text table holds: "[WinError
   * 1224] The requested ... open: 'C:\\x'": the quoted path after its text */
  if (ev->path[0] == '\0') fsd__py_numbered_path(p, s, n, ev);
  if (ev->path[0] == '\0') fsd__call_on_path(s, n, ev);
  /* "repo/.git/objects/00/4f: unable to remove file: Access is denied.":
   * a path that opens the line, before a tool's own words of failing; not
   * a compiler's "src/a.c:12:5: error:", a URL, a date or "TCP/IP" */
  if (ev->path[0] == '\0' && fsd__leading_path(s, n, &k))
    fsd__set_path(ev->path, s, k);
  fsd__into_itself(s, n, ev);
}

const fsd__text_t *fsd__paren_text(const char *s, size_t n, size_t at) {
  const fsd__text_t *t;
  size_t m;
  if (at + 3 >= n || s[at] != ' ' || s[at + 1] != '(') return NULL;
  at += 2;
  for (t = fsd__texts; t->text != NULL; t++) {
    m = strlen(t->text);
    if (at + m < n && s[at + m] == ')' && fsd__find_text(s + at, m, t->text) == 0)
      return t;
  }
  return NULL;
}

/* .NET's and Java's file APIs as their stack frames name them, and the
 * system call each makes. */
static const struct {
  const char *fn;
  const char *call;
} fsd__managed[] = {
    {"Directory.InternalCreateDirectory", "mkdir"},
    {"Directory.CreateDirectory", "mkdir"},
    {"DirectoryInfo.Create", "mkdir"},
    {"File.InternalDelete", "unlink"},
    {"File.Delete", "unlink"},
    {"FileInfo.Delete", "unlink"},
    {"FileSystem.DeleteFile", "unlink"},
    {"Directory.Delete", "rmdir"},
    {"DirectoryInfo.Delete", "rmdir"},
    {"FileSystem.RemoveDirectory", "rmdir"},
    {"File.InternalMove", "rename"},
    {"File.Move", "rename"},
    {"File.Replace", "rename"},
    {"FileInfo.MoveTo", "rename"},
    {"Directory.Move", "rename"},
    {"DirectoryInfo.MoveTo", "rename"},
    {"FileSystem.MoveFile", "rename"},
    {"FileSystem.MoveDirectory", "rename"},
    {"File.InternalCopy", "copyfile"},
    {"File.Copy", "copyfile"},
    {"FileInfo.CopyTo", "copyfile"},
    {"FileSystem.CopyFile", "copyfile"},
    {"FileStream..ctor", "open"},
    {"FileStream.Init", "open"},
    {"FileStream.CreateFileOpenHandle", "open"},
    {"FileStream.ValidateFileHandle", "open"},
    {"SafeFileHandle.Open", "open"},
    {"File.Open", "open"},
    {"File.CreateSymbolicLink", "symlink"},
    {"Directory.CreateSymbolicLink", "symlink"},
    {"File.Create", "open"},
    {"File.WriteAll", "open"},
    {"File.AppendAll", "open"},
    {"StreamWriter..ctor", "open"},
    {"File.SetAttributes", "chmod"},
    /* listing a directory: Directory.GetFiles and its kin */
    {"FileSystemEnumerableIterator", "scandir"},
    {"FileSystemEnumerator", "scandir"},
    {"Directory.GetFiles", "scandir"},
    {"Directory.GetDirectories", "scandir"},
    {"Directory.EnumerateFile", "scandir"},
    {"Directory.EnumerateDirectories", "scandir"},
    {"DirectoryInfo.GetFiles", "scandir"},
    {"DirectoryInfo.GetDirectories", "scandir"},
    {"DirectoryInfo.EnumerateFile", "scandir"},
    /* java.nio.file and its providers */
    {"Files.createDirector", "mkdir"},
    {"FileSystemProvider.createDirectory", "mkdir"},
    {"Files.createSymbolicLink", "symlink"},
    {"FileSystemProvider.createSymbolicLink", "symlink"},
    {"Files.createLink", "link"},
    {"FileSystemProvider.createLink", "link"},
    {"Files.delete", "unlink"},
    {"FileSystemProvider.implDelete", "unlink"},
    {"Files.move", "rename"},
    {"UnixCopyFile.move", "rename"},
    {"WindowsFileCopy.move", "rename"},
    {"Files.copy", "copyfile"},
    {"Files.newOutputStream", "open"},
    {"Files.newByteChannel", "open"},
    {"FileSystemProvider.newByteChannel", "open"},
    {"Files.write", "open"},
    {"FileOutputStream.open", "open"},
    {"FileOutputStream.<init>", "open"},
    {"LinuxWatchService$Poller.implRegister", "watch"},
    {NULL, NULL}};

static int fsd__frame_shape(const char *s, size_t n) {
  size_t k;
  int dot = 0;
  for (k = 0; k < n && s[k] != '(' && s[k] != ' '; k++)
    if (s[k] == '.') dot = 1;
  return dot && k < n && s[k] == '(' && k > 0 && isalpha((unsigned char)s[0]);
}

void fsd__managed_frame(fsd__parser_t *p, const char *s, size_t n) {
  size_t i, at, len;
  /* "at" as .NET prints it in other languages too (de, fr, es, pt, pl,
   * ru, zh, ja, ko) */
  static const char *const at_words[] = {
      "at ", "bei ", "\xc3\xa0 ", "en ", "em ", "w ", "\xd0\xb2 ",
      "\xe5\x9c\xa8 ", "\xe5\xa0\xb4\xe6\x89\x80 ",
      "\xec\x9c\x84\xec\xb9\x98: ", NULL};
  int at_word = 0;
  for (i = 0; at_words[i] != NULL && !at_word; i++)
    if (n >= strlen(at_words[i]) && memcmp(s, at_words[i], strlen(at_words[i])) == 0)
      /* another language's word opens a frame only before a dotted name
       * and its argument list, with no blank between ("en System.IO.X(") */
      at_word = i == 0 || fsd__frame_shape(s + strlen(at_words[i]), n - strlen(at_words[i]));
  if (n < 4 || !p->cur.open || p->cur.syscall[0] != '\0' ||
      p->cur.frame[0] != '\0' || p->lineno > p->cur.last + 20)
    return;
  for (i = 0; fsd__managed[i].fn != NULL; i++) {
    len = strlen(fsd__managed[i].fn);
    /* as written: the frame's own case, after a namespace's '.' or the
     * blank after "at" */
    for (at = 0; at + len <= n; at++)
      if (memcmp(s + at, fsd__managed[i].fn, len) == 0 &&
          (at == 0 || s[at - 1] == '.' || s[at - 1] == ' ' || s[at - 1] == '/'))
        break;
    if (at + len > n) continue;
    /* "at X.Y(...)", or a frame alone on its line as newer test runners
     * print it ("FileStream.ValidateFileHandle(SafeFileHandle h)") */
    if (!at_word && memchr(s, ' ', at + len) != NULL) continue;
    /* the API's own name: its argument list or a word more of it
     * (createDirectories, WriteAllText) or a generic's arity
     * (FileSystemEnumerableIterator`1), never another class's */
    if (at + len < n && s[at + len] != '(' && s[at + len] != '`' &&
        !isalpha((unsigned char)s[at + len]))
      continue;
    fsd__set_word(p->cur.frame, sizeof(p->cur.frame), fsd__managed[i].call,
                  strlen(fsd__managed[i].call));
    return;
  }
}

void fsd__log_value(const char **t, size_t *n) {
  size_t k;
  for (k = 0; k < *n && (isalnum((unsigned char)(*t)[k]) || (*t)[k] == '_'); k++)
    ;
  if (k > 0 && k + 1 < *n && (*t)[k] == '=') *t += k + 1, *n -= k + 1;
}

/* libuv's UNKNOWN as old Node printed it, after its call and path
 * ("Error: watch \\\\srv\\share UNKNOWN"): only in that shape, since the
 * word alone is everywhere. */
int fsd__bare_unknown(const char *s, size_t n, fsd__ev_t *ev) {
  size_t at = fsd__find_text(s, n, "unknown"), e, b1, n1, b2, n2;
  const char *t1, *t2, *call;
  if (at >= n || at == 0 || s[at - 1] != ' ') return 0;
  e = at + 7;
  if ((e < n && (isalnum((unsigned char)s[e]) || s[e] == '_')) ||
      memcmp(s + at, "UNKNOWN", 7) != 0)
    return 0;
  n1 = fsd__token_before(s, at, &b1);
  t1 = s + b1;
  fsd__trim_token(&t1, &n1);
  if (n1 == 0 || b1 == 0 || !fsd__pathish(t1, n1)) return 0;
  n2 = fsd__token_before(s, b1, &b2);
  t2 = s + b2;
  fsd__trim_token(&t2, &n2);
  if ((call = fsd__call_of(t2, n2)) == NULL) return 0;
  fsd__set_word(ev->code, sizeof(ev->code), "UNKNOWN", 7);
  fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
  fsd__set_path(ev->path, t1, n1);
  return 1;
}

int fsd__ext_is(const char *s, size_t n, const char *const *exts) {
  size_t i, j, m;
  for (i = 0; exts[i] != NULL; i++) {
    m = strlen(exts[i]);
    if (n <= m) continue;
    for (j = 0; j < m && tolower((unsigned char)s[n - m + j]) == exts[i][j]; j++)
      ;
    if (j == m) return 1;
  }
  return 0;
}

void fsd__token_after(const char *s, size_t n, size_t j, fsd__ev_t *ev) {
  size_t b = j, e;
  while (b < n && (s[b] == ' ' || s[b] == '\t')) b++;
  for (e = b; e < n && s[e] != ' ' && s[e] != '\t'; e++)
    ;
  if (e > b && fsd__pathish(s + b, e - b)) fsd__set_path(ev->path, s + b, e - b);
}

int fsd__spawn_word(const char *s, size_t b1, const char *t1, size_t n1, fsd__ev_t *ev) {
  /* Go's "fork/exec docker.exe: <text>": the program it named; after
   * another word of starting ("spawn error:", "exec shell:") the call
   * only, and a program's file name */
  static const char *const progs[] = {".exe", ".cmd", ".bat", ".com", ".ps1", NULL};
  size_t b2, n2;
  const char *t2, *call;
  if (b1 == 0 || n1 == 0) return 0;
  n2 = fsd__token_before(s, b1, &b2);
  t2 = s + b2;
  fsd__trim_token(&t2, &n2);
  if ((call = fsd__call_of(t2, n2)) == NULL || strcmp(call, "spawn") != 0) return 0;
  if ((n2 == 9 && memcmp(t2, "fork/exec", 9) == 0) || fsd__ext_is(t1, n1, progs))
    fsd__set_path(ev->path, t1, n1);
  if (ev->syscall[0] == '\0') fsd__set_word(ev->syscall, sizeof(ev->syscall), call, 5);
  return 1;
}
