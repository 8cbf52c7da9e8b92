/* strace's lines, for the loose pass (errtext_loose.c): a failed call
 * with its arguments as strace prints them. */

#include "parse/errtext_int.h"

#include <string.h>

/* strace's form: "[pid 7] rename("/a", "/b") = -1 EXDEV (Invalid
 * cross-device link)". Each call's arguments are C strings (escaped, cut
 * by "..." after the closing quote when longer than -s), numbers, flags and
 * structures; a path relative to a directory descriptor comes after it
 * (AT_FDCWD: the working directory; "3</d>" with -y: that directory). The
 * table gives, per call, which arguments are the path and the second
 * path, and which descriptor each is relative to (-1: none); fd calls name
 * a descriptor whose path only -y prints; a flag may make it another call
 * (unlinkat's AT_REMOVEDIR is rmdir). */
#define FSD__ST_ARGS 8
typedef struct {
  const char *name;
  const char *call;
  signed char path, pdir, dest, ddir;
  unsigned char fd;    /* path is a descriptor "N</path>" (strace -y) */
  signed char flagarg; /* the argument that may hold flag */
  const char *flag, *flag_call;
} fsd__st_call_t;

static const fsd__st_call_t fsd__st_calls[] = {
    {"open", "open", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"creat", "open", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"openat", "open", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"openat2", "open", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"stat", "stat", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"stat64", "stat", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"lstat", "lstat", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"lstat64", "lstat", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"newfstatat", "stat", 1, 0, -1, -1, 0, 3, "AT_SYMLINK_NOFOLLOW", "lstat"},
    {"fstatat64", "stat", 1, 0, -1, -1, 0, 3, "AT_SYMLINK_NOFOLLOW", "lstat"},
    {"statx", "stat", 1, 0, -1, -1, 0, 2, "AT_SYMLINK_NOFOLLOW", "lstat"},
    {"access", "access", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"faccessat", "access", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"faccessat2", "access", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"mkdir", "mkdir", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"mkdirat", "mkdir", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"rmdir", "rmdir", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"unlink", "unlink", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"unlinkat", "unlink", 1, 0, -1, -1, 0, 2, "AT_REMOVEDIR", "rmdir"},
    {"rename", "rename", 0, -1, 1, -1, 0, -1, NULL, NULL},
    {"renameat", "rename", 1, 0, 3, 2, 0, -1, NULL, NULL},
    {"renameat2", "rename", 1, 0, 3, 2, 0, -1, NULL, NULL},
    {"link", "link", 0, -1, 1, -1, 0, -1, NULL, NULL},
    {"linkat", "link", 1, 0, 3, 2, 0, -1, NULL, NULL},
    /* Node's symlink error names the target first, as written */
    {"symlink", "symlink", 0, -1, 1, -1, 0, -1, NULL, NULL},
    {"symlinkat", "symlink", 0, -1, 2, 1, 0, -1, NULL, NULL},
    {"readlink", "readlink", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"readlinkat", "readlink", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"chmod", "chmod", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"fchmodat", "chmod", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"chown", "chown", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"lchown", "chown", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"fchownat", "chown", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"utime", "utime", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"utimes", "utime", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"utimensat", "utime", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"truncate", "ftruncate", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"execve", "spawn", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"execveat", "spawn", 1, 0, -1, -1, 0, -1, NULL, NULL},
    {"chdir", "uv_chdir", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"inotify_add_watch", "watch", 1, -1, -1, -1, 0, -1, NULL, NULL},
    {"umount", "umount", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"umount2", "umount", 0, -1, -1, -1, 0, -1, NULL, NULL},
    {"write", "write", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"pwrite64", "write", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"writev", "write", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"read", "read", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"pread64", "read", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"fsync", "fsync", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"fdatasync", "fsync", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"ftruncate", "ftruncate", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"getdents64", "scandir", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"getdents", "scandir", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"fchmod", "chmod", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {"fchown", "chown", 0, -1, -1, -1, 1, -1, NULL, NULL},
    {NULL, NULL, -1, -1, -1, -1, 0, -1, NULL, NULL}};

static const fsd__st_call_t *fsd__st_find(const char *s, size_t n) {
  size_t i;
  for (i = 0; fsd__st_calls[i].name != NULL; i++)
    if (strlen(fsd__st_calls[i].name) == n &&
        memcmp(fsd__st_calls[i].name, s, n) == 0)
      return &fsd__st_calls[i];
  return NULL;
}

/* One C string argument as strace prints it ("/a\"b\303\251", maybe with
 * "..." after the quote: cut). Writes the bytes to out, with "..." when
 * cut, so that no command is given the shortened path; returns its length,
 * or -1 when the argument is no string (NULL, a number) or holds a NUL. */
static int fsd__st_hex(int c) {
  if (fsd__is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static long fsd__st_string(const char *s, size_t n, char *out, size_t cap) {
  size_t i = 1, o = 0, k;
  int v;
  char ch;
  if (n < 2 || s[0] != '"' || cap < 4) return -1;
  for (; i < n && s[i] != '"'; i++) {
    ch = s[i];
    if (ch == '\\' && i + 1 < n) {
      i++;
      switch (s[i]) {
        case 'n': ch = '\n'; break;
        case 't': ch = '\t'; break;
        case 'r': ch = '\r'; break;
        case 'v': ch = '\v'; break;
        case 'f': ch = '\f'; break;
        case 'x':
          for (v = 0, k = i + 1; k < n && k < i + 3 && fsd__st_hex(s[k]) >= 0; k++)
            v = v * 16 + fsd__st_hex(s[k]);
          if (k == i + 1) return -1;
          ch = (char)v;
          i = k - 1;
          break;
        default:
          if (s[i] >= '0' && s[i] <= '7') {
            for (v = 0, k = i; k < n && k < i + 3 && s[k] >= '0' && s[k] <= '7'; k++)
              v = v * 8 + (s[k] - '0');
            ch = (char)v;
            i = k - 1;
          } else {
            ch = s[i]; /* \\ \" */
          }
      }
      if (ch == '\0') return -1;
    }
    if (o + 1 < cap - 3) out[o++] = ch;
  }
  if (i >= n) return -1;
  if (n - i - 1 >= 3 && memcmp(s + i + 1, "...", 3) == 0) {
    memcpy(out + o, "...", 3);
    o += 3;
  }
  out[o] = '\0';
  return (long)o;
}

/* The arguments between the '(' at s[0] and its ')': up to FSD__ST_ARGS
 * of them, as [start, end) offsets without the blanks around them; strings
 * and nested ()[]{} are stepped over. Returns the offset of the ')', or 0
 * when the line ends first. */
static size_t fsd__st_args(const char *s, size_t n, size_t *from, size_t *to,
                           size_t *count) {
  size_t i, start = 1;
  int depth = 0;
  *count = 0;
  for (i = 1; i < n; i++) {
    char c = s[i];
    if (c == '"') {
      for (i++; i < n && s[i] != '"'; i++)
        if (s[i] == '\\') i++;
      if (i >= n) return 0;
    } else if (c == '(' || c == '[' || c == '{') {
      depth++;
    } else if ((c == ']' || c == '}') && depth > 0) {
      depth--;
    } else if (c == ')' && depth > 0) {
      depth--;
    } else if ((c == ',' && depth == 0) || (c == ')' && depth == 0)) {
      size_t a = start, b = i;
      while (a < b && fsd__is_blank(s[a])) a++;
      while (b > a && fsd__is_blank(s[b - 1])) b--;
      if (*count < FSD__ST_ARGS && (b > a || c == ',' || *count > 0)) {
        from[*count] = a;
        to[*count] = b;
        (*count)++;
      }
      start = i + 1;
      if (c == ')') return i;
    }
  }
  return 0;
}

/* The path of a descriptor as strace -y prints it ("3</tmp/d>"), as
 * [*b, *e); 0 when the descriptor carries none. */
static int fsd__st_fd_path(const char *s, size_t a, size_t z, size_t *b,
                           size_t *e) {
  size_t i = a;
  while (i < z && fsd__is_digit((unsigned char)s[i])) i++;
  if (i == a || i + 2 >= z || s[i] != '<' || s[z - 1] != '>') return 0;
  *b = i + 1;
  *e = z - 1;
  return 1;
}

/* Argument arg as a path into dst (FSD__PATH_CAP), relative to the
 * descriptor in argument dir (-1: none). A relative path from a descriptor
 * whose directory strace did not print is left out: it is no path from the
 * working directory. */
static void fsd__st_path(const char *s, const size_t *from, const size_t *to,
                         size_t count, int arg, int dir, int fd, char *dst) {
  char buf[FSD__PATH_CAP];
  long len;
  size_t b, e, o;
  if (arg < 0 || (size_t)arg >= count) return;
  if (fd) {
    if (fsd__st_fd_path(s, from[arg], to[arg], &b, &e))
      fsd__set_path(dst, s + b, e - b);
    return;
  }
  len = fsd__st_string(s + from[arg], to[arg] - from[arg], buf, sizeof(buf));
  if (len <= 0) return;
  if (buf[0] == '/' || dir < 0 || (size_t)dir >= count ||
      (to[dir] - from[dir] == 8 && memcmp(s + from[dir], "AT_FDCWD", 8) == 0)) {
    fsd__set_path(dst, buf, (size_t)len);
    return;
  }
  if (!fsd__st_fd_path(s, from[dir], to[dir], &b, &e)) return;
  o = e - b;
  if (o + 1 + (size_t)len >= FSD__PATH_CAP) return;
  memcpy(dst, s + b, o);
  if (o == 0 || dst[o - 1] != '/') dst[o++] = '/';
  memcpy(dst + o, buf, (size_t)len);
  dst[o + (size_t)len] = '\0';
}

/* A line in strace's form, with a failed call: fills the code, the call
 * and its paths, and returns 1; 0 for any other line. Leading pids and
 * times ("[pid  7] ", "7 " of -f -o, "12:00:01.5 ") are stepped over, and
 * "<... rename resumed>" gives the call of a line strace split. */
int fsd__strace_line(const char *s, size_t n, fsd__ev_t *ev) {
  size_t i = 0, w, close, c, from[FSD__ST_ARGS], to[FSD__ST_ARGS], count = 0;
  const fsd__st_call_t *sc;
  const char *call;
  int round;
  for (round = 0; round < 4; round++) {
    size_t t;
    while (i < n && fsd__is_blank(s[i])) i++;
    if (n - i > 5 && memcmp(s + i, "[pid", 4) == 0) {
      for (t = i + 4; t < n && s[t] != ']'; t++)
        ;
      if (t >= n) return 0;
      i = t + 1;
      continue;
    }
    for (t = i; t < n && (fsd__is_digit((unsigned char)s[t]) || s[t] == '.' || s[t] == ':'); t++)
      ;
    if (t == i || t >= n || !fsd__is_blank(s[t])) break;
    i = t;
  }
  if (n - i > 5 && memcmp(s + i, "<... ", 5) == 0) {
    for (w = i + 5; w < n && (fsd__is_lower((unsigned char)s[w]) || fsd__is_digit((unsigned char)s[w]) || s[w] == '_'); w++)
      ;
    if (w + 9 > n || memcmp(s + w, " resumed>", 9) != 0) return 0;
    sc = fsd__st_find(s + i + 5, w - i - 5);
    for (close = w + 9; close < n && s[close] != ')'; close++)
      ;
    if (close >= n) return 0;
  } else {
    for (w = i; w < n && (fsd__is_lower((unsigned char)s[w]) || fsd__is_digit((unsigned char)s[w]) || s[w] == '_'); w++)
      ;
    if (w == i || w >= n || s[w] != '(' || !fsd__is_lower((unsigned char)s[i])) return 0;
    sc = fsd__st_find(s + i, w - i);
    close = fsd__st_args(s + w, n - w, from, to, &count);
    if (close == 0) return 0;
    for (c = 0; c < count; c++) from[c] += w, to[c] += w;
    close += w;
  }
  /* ") = -1 ECODE" */
  for (c = close + 1; c < n && fsd__is_blank(s[c]); c++)
    ;
  if (c >= n || s[c] != '=') return 0;
  for (c++; c < n && fsd__is_blank(s[c]); c++)
    ;
  if (n - c < 5 || memcmp(s + c, "-1 E", 4) != 0) return 0;
  c += 3;
  for (w = c; w < n && (fsd__is_upper((unsigned char)s[w]) || fsd__is_digit((unsigned char)s[w])); w++)
    ;
  if ((w < n && !fsd__is_blank(s[w])) || !fsd__known_code(s + c, w - c)) return 0;
  fsd__set_word(ev->code, sizeof(ev->code), s + c, w - c);
  ev->path[0] = ev->dest[0] = ev->syscall[0] = '\0';
  if (sc == NULL) return 1;
  call = sc->call;
  if (sc->flag != NULL && sc->flagarg >= 0 && (size_t)sc->flagarg < count) {
    size_t a = from[sc->flagarg], z = to[sc->flagarg], m = strlen(sc->flag), k;
    for (k = a; k + m <= z; k++)
      if (memcmp(s + k, sc->flag, m) == 0) {
        call = sc->flag_call;
        break;
      }
  }
  fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
  fsd__st_path(s, from, to, count, sc->path, sc->pdir, sc->fd, ev->path);
  fsd__st_path(s, from, to, count, sc->dest, sc->ddir, 0, ev->dest);
  return 1;
}
