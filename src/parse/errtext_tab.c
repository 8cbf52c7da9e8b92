/* Tables and small helpers of the error-text parser: errno names and their
 * numbers in each numbering a log may use, UTF-8 repair and the path rule
 * that tells which platform a path comes from. */

#include "parse/errtext_int.h"

#include <string.h>

/* Numbers as printed: linux and darwin are positive errno values (Node
 * prints them negated), win is libuv's negative Windows numbering, old is
 * the positive numbering of libuv 0.10 that npm 1-2 printed on every
 * platform (`errno 50`, `errno: 34`). 0 means "none". */
typedef struct {
  const char *name;
  unsigned char len;
  short linux_no;
  short darwin_no;
  short win;
  short old;
} fsd__errno_t;

#define E_(name, l, d, w, o) {name, sizeof(name) - 1, l, d, w, o}

static const fsd__errno_t fsd__errnos[] = {
    E_("E2BIG", 7, 7, -4093, 0),          E_("EACCES", 13, 13, -4092, 3),
    E_("EADDRINUSE", 98, 48, -4091, 5),   E_("EADDRNOTAVAIL", 99, 49, -4090, 6),
    E_("EAFNOSUPPORT", 97, 47, -4089, 7), E_("EAGAIN", 11, 35, -4088, 4),
    E_("EALREADY", 114, 37, -4084, 8),    E_("EBADF", 9, 9, -4083, 9),
    E_("EBUSY", 16, 16, -4082, 10),       E_("ECANCELED", 125, 89, -4081, 59),
    E_("ECHARSET", 0, 0, -4080, 41),      E_("ECONNABORTED", 103, 53, -4079, 11),
    E_("ECONNREFUSED", 111, 61, -4078, 12), E_("ECONNRESET", 104, 54, -4077, 13),
    E_("EDESTADDRREQ", 89, 39, -4076, 14), E_("EEXIST", 17, 17, -4075, 47),
    E_("EFAULT", 14, 14, -4074, 15),      E_("EHOSTUNREACH", 113, 65, -4073, 16),
    E_("EINTR", 4, 4, -4072, 17),         E_("EINVAL", 22, 22, -4071, 18),
    E_("EIO", 5, 5, -4070, 55),           E_("EISCONN", 106, 56, -4069, 19),
    E_("EISDIR", 21, 21, -4068, 28),      E_("ELOOP", 40, 62, -4067, 51),
    E_("EMFILE", 24, 24, -4066, 20),      E_("EMSGSIZE", 90, 40, -4065, 21),
    E_("ENAMETOOLONG", 36, 63, -4064, 49), E_("ENETDOWN", 100, 50, -4063, 22),
    E_("ENETUNREACH", 101, 51, -4062, 23), E_("ENFILE", 23, 23, -4061, 24),
    E_("ENOBUFS", 105, 55, -4060, 25),    E_("ENODEV", 19, 19, -4059, 57),
    E_("ENOENT", 2, 2, -4058, 34),        E_("ENOMEM", 12, 12, -4057, 26),
    E_("ENONET", 64, 0, -4056, 29),       E_("ENOSPC", 28, 28, -4055, 54),
    E_("ENOSYS", 38, 78, -4054, 35),      E_("ENOTCONN", 107, 57, -4053, 31),
    E_("ENOTDIR", 20, 20, -4052, 27),     E_("ENOTEMPTY", 39, 66, -4051, 53),
    E_("ENOTSOCK", 88, 38, -4050, 32),    E_("ENOTSUP", 95, 45, -4049, 33),
    E_("EPERM", 1, 1, -4048, 50),         E_("EPIPE", 32, 32, -4047, 36),
    E_("EPROTO", 71, 100, -4046, 37),     E_("EPROTONOSUPPORT", 93, 43, -4045, 38),
    E_("EPROTOTYPE", 91, 41, -4044, 39),  E_("EROFS", 30, 30, -4043, 56),
    E_("ESHUTDOWN", 108, 58, -4042, 46),  E_("ESPIPE", 29, 29, -4041, 58),
    E_("ESRCH", 3, 3, -4040, 48),         E_("ETIMEDOUT", 110, 60, -4039, 40),
    E_("ETXTBSY", 26, 26, -4038, 0),      E_("EXDEV", 18, 18, -4037, 52),
    E_("EFBIG", 27, 27, -4036, 0),        E_("ENOPROTOOPT", 92, 42, -4035, 0),
    E_("ERANGE", 34, 34, -4034, 0),       E_("ENXIO", 6, 6, -4033, 0),
    E_("EMLINK", 31, 31, -4032, 0),       E_("EHOSTDOWN", 112, 64, -4031, 0),
    E_("EREMOTEIO", 121, 0, -4030, 0),    E_("ENOTTY", 25, 25, -4029, 0),
    E_("EFTYPE", 0, 79, -4028, 0),        E_("EILSEQ", 84, 92, -4027, 0),
    E_("EOVERFLOW", 75, 84, -4026, 0),    E_("ESOCKTNOSUPPORT", 94, 44, -4025, 0),
    E_("ENODATA", 61, 96, -4024, 0),      E_("EUNATCH", 49, 0, -4023, 0),
    E_("EOF", 0, 0, -4095, 1),            E_("UNKNOWN", 0, 0, -4094, 0),
    E_("EDQUOT", 122, 69, 0, 0),          E_("ESTALE", 116, 70, 0, 0),
    E_("ENOTBLK", 15, 15, 0, 0),          E_("ENOEXEC", 8, 8, 0, 0),
    E_("ENOLCK", 37, 77, 0, 0),           E_("EDEADLK", 35, 11, 0, 0),
    E_("ECHILD", 10, 10, 0, 0),           E_("EOPNOTSUPP", 95, 102, 0, 0),
    E_("EWOULDBLOCK", 11, 35, 0, 0),      E_("EAUTH", 0, 80, 0, 0),
    E_("ENOATTR", 0, 93, 0, 0),           E_("EUCLEAN", 117, 0, 0, 0),
};

#define FSD__NERRNOS (sizeof(fsd__errnos) / sizeof(fsd__errnos[0]))

int fsd__known_code(const char *s, size_t n) {
  size_t i;
  if (n < 3 || n > 15) return 0;
  for (i = 0; i < FSD__NERRNOS; i++)
    if (fsd__errnos[i].len == n && fsd__errnos[i].name[1] == s[1] &&
        memcmp(fsd__errnos[i].name, s, n) == 0)
      return 1;
  return 0;
}

static const fsd__errno_t *fsd__by_name(const char *code) {
  size_t i;
  for (i = 0; i < FSD__NERRNOS; i++)
    if (strcmp(fsd__errnos[i].name, code) == 0) return &fsd__errnos[i];
  return NULL;
}

/* libuv's Windows numbers are unambiguous (-4095..-4023); some tools print
 * them without the sign. */
static int fsd__is_win(int64_t n) {
  return (n <= -4023 && n >= -4095) || (n >= 4023 && n <= 4095);
}

/* The code an errno number stands for, when the text gave no code. Small
 * negative numbers are read as Linux's, since Linux and macOS agree on the
 * ones that matter here (EPERM, ENOENT, EACCES, EBUSY, EEXIST, ...). */
const char *fsd__errno_code(int64_t n, int legacy) {
  size_t i;
  for (i = 0; i < FSD__NERRNOS; i++) {
    const fsd__errno_t *e = &fsd__errnos[i];
    if (fsd__is_win(n) && (n < 0 ? n : -n) == e->win) return e->name;
    if (!fsd__is_win(n) && n < 0 && -n == e->linux_no) return e->name;
    if (legacy && n > 0 && n == e->old) return e->name;
  }
  return NULL;
}

/* Whether errno n can be the number of code in some numbering; an unknown
 * number fits anything. */
int fsd__errno_fits(int64_t n, const char *code) {
  const fsd__errno_t *e = fsd__by_name(code);
  int64_t m = n < 0 ? -n : n;
  if (e == NULL) return 1;
  if (fsd__is_win(n)) return -m == e->win;
  if (m == 0 || m > 200) return 1;
  return m == e->linux_no || m == e->darwin_no || (n > 0 && m == e->old);
}

/* The platform an errno number gives away: libuv's Windows numbers, or a
 * negative number that only Linux or only macOS gives this code. */
const char *fsd__errno_platform(int64_t n, const char *code) {
  const fsd__errno_t *e;
  if (fsd__is_win(n)) return "win32";
  if (n >= 0 || code == NULL || (e = fsd__by_name(code)) == NULL) return NULL;
  if (-n == e->linux_no && -n != e->darwin_no) return "linux";
  if (-n == e->darwin_no && -n != e->linux_no) return "darwin";
  return NULL;
}

/* Length of one valid UTF-8 sequence at s, or 0 when invalid (overlong
 * forms, surrogates, > U+10FFFF, truncated). NUL counts as invalid: it
 * would cut C strings short. */
static size_t fsd__utf8_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf)
    return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80) return 0;
    if (c == 0xe0 && s[1] < 0xa0) return 0;  /* overlong */
    if (c == 0xed && s[1] >= 0xa0) return 0; /* UTF-16 surrogate */
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
        (s[3] & 0xc0) != 0x80)
      return 0;
    if (c == 0xf0 && s[1] < 0x90) return 0;
    if (c == 0xf4 && s[1] >= 0x90) return 0;
    return 4;
  }
  return 0;
}

int fsd__utf8_valid(const char *s, size_t n) {
  size_t i = 0, k;
  while (i < n) {
    k = fsd__utf8_len((const unsigned char *)s + i, n - i);
    if (k == 0) return 0;
    i += k;
  }
  return 1;
}

/* A copy of s that is valid UTF-8: each invalid byte becomes U+FFFD. */
char *fsd__utf8_dup(fsd_arena_t *a, const char *s, size_t n) {
  char *out = fsd_alloc(a, n * 3 + 1);
  size_t i = 0, o = 0, k;
  if (out == NULL) return NULL;
  while (i < n) {
    k = fsd__utf8_len((const unsigned char *)s + i, n - i);
    if (k == 0) {
      memcpy(out + o, "\xef\xbf\xbd", 3);
      o += 3;
      i++;
    } else {
      memcpy(out + o, s + i, k);
      o += k;
      i += k;
    }
  }
  out[o] = '\0';
  return out;
}

/* How many leading bytes of a Win32 verbatim prefix to drop: "\\?\C:\x"
 * loses 4, and "\\?\UNC\srv\share" keeps a UNC path by dropping 6 and
 * turning "C" into the second backslash (the caller writes it). */
size_t fsd__strip_verbatim(const char *s, size_t n) {
  if (n >= 4 && (memcmp(s, "\\\\?\\", 4) == 0 || memcmp(s, "\\\\.\\", 4) == 0 ||
                 memcmp(s, "\\??\\", 4) == 0)) {
    if (n >= 8 && (s[4] == 'U' || s[4] == 'u') &&
        (s[5] == 'N' || s[5] == 'n') && (s[6] == 'C' || s[6] == 'c') &&
        s[7] == '\\')
      return 6; /* "\\?\UNC\srv" -> "C\srv"; caller rewrites as "\\srv" */
    return 4;
  }
  return 0;
}

static int fsd__starts_with(const char *p, const char *pre) {
  return strncmp(p, pre, strlen(pre)) == 0;
}

const char *fsd_path_platform(const char *path) {
  char c;
  if (path == NULL) return NULL;
  if (fsd__strip_verbatim(path, strlen(path)) != 0) return "win32";
  c = path[0];
  if (((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) && path[1] == ':' &&
      (path[2] == '\\' || path[2] == '/' || path[2] == '\0'))
    return "win32";
  if (c == '\\' && path[1] == '\\' && path[2] != '\0' && path[2] != '\\')
    return "win32";
  if (c != '/') return NULL;
  if (fsd__starts_with(path, "/mnt/") && path[5] >= 'a' && path[5] <= 'z' &&
      (path[6] == '/' || path[6] == '\0'))
    return "wsl";
  if (fsd__starts_with(path, "/Users/") || fsd__starts_with(path, "/private/") ||
      fsd__starts_with(path, "/Volumes/") || fsd__starts_with(path, "/opt/homebrew/") ||
      fsd__starts_with(path, "/Library/") || fsd__starts_with(path, "/Applications/") ||
      /* Intel Homebrew's (Linux's is /home/linuxbrew/.linuxbrew) */
      fsd__starts_with(path, "/usr/local/Cellar/") ||
      fsd__starts_with(path, "/System/Library/"))
    return "darwin";
  return "linux";
}

const char *fsd_sep_platform(const char *path) {
  if (path == NULL || path[0] == '/' || strchr(path, '\\') == NULL ||
      strchr(path, '/') != NULL)
    return NULL;
  return "win32";
}

/* ---- the platform a whole text gives away ------------------------------ */

static size_t fsd__count(const char *s, size_t n, const char *needle) {
  size_t m = strlen(needle), i = 0, c = 0;
  const char *hit;
  while (i + m <= n) {
    hit = memchr(s + i, needle[0], n - i - m + 1);
    if (hit == NULL) break;
    i = (size_t)(hit - s);
    if (memcmp(hit, needle, m) == 0) {
      c++;
      i += m;
    } else {
      i++;
    }
  }
  return c;
}

/* Drive paths ("C:\x", "d:/x") that start a word. */
static size_t fsd__drives(const char *s, size_t n) {
  size_t i, c = 0;
  for (i = 0; i + 3 < n; i++) {
    unsigned char l = (unsigned char)s[i];
    if (s[i + 1] != ':' || (s[i + 2] != '\\' && s[i + 2] != '/')) continue;
    if (!fsd__is_upper(l) && !fsd__is_lower(l)) continue;
    if (i > 0 && (fsd__is_upper((unsigned char)s[i - 1]) ||
                  fsd__is_lower((unsigned char)s[i - 1]) ||
                  fsd__is_digit((unsigned char)s[i - 1])))
      continue;
    if (s[i + 3] == '/' || s[i + 3] == ' ') continue; /* "http://", "x: /" */
    c++;
  }
  return c;
}

static size_t fsd__wsl_mounts(const char *s, size_t n) {
  size_t i, c = 0;
  for (i = 0; i + 7 <= n; i++)
    if (memcmp(s + i, "/mnt/", 5) == 0 && fsd__is_lower((unsigned char)s[i + 5]) &&
        s[i + 6] == '/')
      c++;
  return c;
}

const char *fsd_text_platform(const char *s, size_t n) {
  size_t win, mac, lin, wsl;
  if (s == NULL || n == 0) return NULL;
  wsl = fsd__wsl_mounts(s, n) + 3 * fsd__count(s, n, "microsoft-standard") +
        2 * fsd__count(s, n, "WSL");
  if (wsl > 0) return "wsl";
  win = fsd__drives(s, n) + 3 * fsd__count(s, n, "Windows_NT") +
        2 * fsd__count(s, n, "AppData") + 2 * fsd__count(s, n, "%APPDATA%") +
        2 * fsd__count(s, n, "%LOCALAPPDATA%") + fsd__count(s, n, "\\\\") +
        fsd__count(s, n, "node_modules\\") + fsd__count(s, n, "[WinError");
  mac = fsd__count(s, n, "/Users/") + 3 * fsd__count(s, n, "Darwin") +
        2 * fsd__count(s, n, "macOS") + fsd__count(s, n, "/opt/homebrew/") +
        fsd__count(s, n, "/private/var/") + 3 * fsd__count(s, n, "dyld");
  lin = fsd__count(s, n, "/home/") + 3 * fsd__count(s, n, " Linux ") +
        fsd__count(s, n, "/root/") + fsd__count(s, n, "/var/lib/");
  if (win > mac && win > lin) return "win32";
  if (mac > win && mac > lin) return "darwin";
  if (lin > win && lin > mac) return "linux";
  return NULL;
}
