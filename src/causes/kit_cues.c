/* What the text says beyond code, call and path: cues a pasted log gives
 * of the place (a container, a home directory, macOS privacy protection,
 * an ls -l or df listing) and the kinds of system call the rules group.
 * Read only by text-only rules; never measured. */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

int fsd__container_said(fsd__ctx_t *c) {
  /* Commands and words of a container at work: a package named dockerode
   * or a path with "docker" in it is none. */
  static const char *const cues[] = {
      "docker run",   "docker exec",    "docker compose", "docker-compose",
      "docker build", "dockerfile",     "/.dockerenv",    "podman run",
      "podman exec",  "kubectl",        "openshift",      "devcontainer",
      "in the container", "inside the container", "container's user",
      "in kubernetes", "kubernetes pod", "crashloopbackoff", "docker.io/",
      "docker volume", NULL};
  const char *t = c->err->text;
  size_t n = c->err->text_len, i, k;
  for (i = 0; cues[i] != NULL; i++)
    if (fsd__said(c, cues[i])) return 1;
  /* A container's shell prompt: "root@2d68975f51d5:/#", "app@13fbfb3d043f:" */
  for (i = 0; t != NULL && i + 14 <= n; i++) {
    if (t[i] != '@') continue;
    for (k = 1; k <= 12 && isxdigit((unsigned char)t[i + k]); k++)
      ;
    if (k == 13 && t[i + 13] == ':') return 1;
  }
  return 0;
}

/* What follows "/home/" or "/Users/" in path, or NULL. */
static const char *fsd__home_rest(const char *path) {
  if (path == NULL) return NULL;
  if (strncmp(path, "/Users/", 7) == 0) return path + 7;
  if (strncmp(path, "/home/", 6) == 0) return path + 6;
  return NULL;
}

int fsd__home_path(const char *path) {
  const char *rest = fsd__home_rest(path);
  if (path != NULL && strncmp(path, "~/", 2) == 0) return 1;
  if (rest == NULL || strncmp(rest, "Shared/", 7) == 0) return 0;
  /* a name, then more below it */
  while (*rest && *rest != '/') rest++;
  return rest[0] == '/' && rest[1] != '\0';
}

int fsd__at_root(const char *path) {
  const char *s;
  if (path == NULL || path[0] != '/') return 0;
  for (s = path + 1; *s; s++)
    if (*s == '/') return s[1] == '\0'; /* "/x/" is still /x */
  return 1;
}

const char *const fsd__exec_calls[] = {"spawn",    "spawnSync", "exec",
                                       "execve",   "execFile",  "fork",
                                       "uv_spawn", NULL};

int fsd__exec_call(const char *syscall) {
  return fsd__one_of(syscall, fsd__exec_calls);
}

int fsd__program_name(const char *p) {
  const char *bs;
  if (p == NULL || p[0] == '\0' || strchr(p, '/') != NULL) return 0;
  bs = strchr(p, '\\');
  /* env's "node\r" as GNU prints it: the script's carriage return */
  return bs == NULL || (bs[1] == 'r' && bs[2] == '\0' && bs > p);
}

int fsd__bare_program(const fsd_error_t *err) {
  static const char *const codes[] = {"ENOENT", "EINVAL", "EACCES", NULL};
  return fsd__exec_call(err->syscall) && fsd__one_of(err->code, codes) &&
         fsd__program_name(err->path);
}

int fsd__walk_call(const char *syscall) {
  /* The calls kit_touch.c's table says only read their path and make
   * nothing: stat, lstat, scandir, readdir, opendir, access, readlink,
   * realpath, watch, read. */
  fsd__touch_t t;
  fsd__touches(syscall, &t);
  return t.path == FSD__TOUCH_READ && t.dest == FSD__TOUCH_NONE;
}

int fsd__inotify_said(fsd__ctx_t *c) {
  return !c->live && !c->win && !fsd__is(c->platform, "darwin") &&
         fsd__said(c, "inotify");
}

int fsd__copy_call(const char *syscall) {
  return fsd__is(syscall, "copyfile") || fsd__is(syscall, "cp");
}

int fsd__service_path(const char *path) {
  return path != NULL &&
         (strncmp(path, "/var/www/", 9) == 0 || strcmp(path, "/var/www") == 0 ||
          strncmp(path, "/srv/", 5) == 0);
}

/* A container image's data folder below /usr/share: Elasticsearch's,
 * OpenSearch's, Logstash's "/usr/share/<name>/data" (or logs), a volume
 * mounted where the image's own uid writes: 2 for those servers, 1 for
 * another name (a package's own data, unless a container shows), 0. */
/* A path in an ext filesystem's lost+found (the whole name, not
 * "lost+found.txt"): mkfs makes it, root's. */
int fsd__lost_found(const char *path) {
  const char *s = path != NULL ? strstr(path, "/lost+found") : NULL;
  return s != NULL && (s[11] == '\0' || s[11] == '/');
}

int fsd__image_data(const char *path) {
  static const char *const servers[] = {"elasticsearch", "opensearch",
                                        "logstash", "kibana", "graylog",
                                        "wazuh-indexer", NULL};
  const char *s, *e;
  size_t i;
  if (path == NULL || strncmp(path, "/usr/share/", 11) != 0) return 0;
  s = path + 11;
  e = strchr(s, '/');
  if (e == NULL || e == s) return 0;
  if (!((strncmp(e + 1, "data", 4) == 0 && (e[5] == '\0' || e[5] == '/')) ||
        (strncmp(e + 1, "logs", 4) == 0 && (e[5] == '\0' || e[5] == '/'))))
    return 0;
  /* 2: a server whose image keeps its data there; 1: any other name */
  for (i = 0; servers[i] != NULL; i++)
    if ((size_t)(e - s) == strlen(servers[i]) && strncmp(s, servers[i], (size_t)(e - s)) == 0)
      return 2;
  return 1;
}

int fsd__privacy_place(const char *path) {
  static const char *const below_home[] = {
      "Desktop", "Documents", "Downloads", "Pictures/Photos Library",
      "Library/Mail", "Library/Messages", "Library/Safari",
      "Library/Calendars", "Library/Cookies", "Library/HomeKit",
      "Library/Suggestions", "Library/Mobile Documents",
      "Library/Application Support/MobileSync",
      "Library/Application Support/AddressBook",
      "Library/Application Support/CallHistoryDB",
      "Library/Application Support/com.apple.TCC",
      "Library/Application Support/com.apple.sharedfilelist", ".Trash", NULL};
  const char *rest;
  size_t i, n;
  if (path == NULL) return 0;
  if (strncmp(path, "/Volumes/", 9) == 0) return 1;
  if (strncmp(path, "~/", 2) == 0) {
    rest = path + 2;
  } else if (strncmp(path, "./Library/", 10) == 0 ||
             strncmp(path, "./.Trash", 8) == 0) {
    /* a walk from the home directory, written relative to it */
    rest = path + 2;
  } else if (strncmp(path, "/Users/", 7) == 0) {
    rest = strchr(path + 7, '/');
    if (rest == NULL) return 0;
    rest++;
  } else {
    return 0;
  }
  for (i = 0; below_home[i] != NULL; i++) {
    n = strlen(below_home[i]);
    /* Safari's folders all start so (SafariTechnologyPreview, ...) */
    if (strncmp(rest, below_home[i], n) == 0 &&
        (rest[n] == '\0' || rest[n] == '/' || rest[n] == '.' ||
         strcmp(below_home[i], "Library/Safari") == 0))
      return 1;
  }
  return 0;
}

int fsd__said_linux(fsd__ctx_t *c) {
  return !c->live && c->err->platform != NULL &&
         fsd__is(c->err->platform, "linux");
}

/* The name of the home directory path is in ("/home/<name>/...",
 * "/Users/<name>/..."), copied into out; 0 when none. */
static int fsd__home_user(const char *path, char *out, size_t cap) {
  const char *s = fsd__home_rest(path), *e;
  size_t n;
  if (s == NULL || (e = strchr(s, '/')) == NULL) return 0;
  n = (size_t)(e - s);
  if (n == 0 || n >= cap) return 0;
  memcpy(out, s, n);
  out[n] = '\0';
  return 1;
}

int fsd__listing_mine(fsd__ctx_t *c) {
  const char *t = c->err->text, *line, *end;
  size_t n = c->err->text_len;
  char user[64];
  if (c->live || t == NULL || !fsd__home_user(c->path, user, sizeof(user)))
    return 0;
  for (line = t; line < t + n; line = end + 1) {
    const char *p = line, *w;
    size_t ul = strlen(user), i;
    end = memchr(line, '\n', (size_t)(t + n - line));
    if (end == NULL) end = t + n;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    /* "dr-xr-x--x 2 johannes johannes 4096 ...": type, nine bits, links,
     * owner */
    if (end - p < 12 || p[0] == '\0' || !strchr("-dl", p[0])) continue;
    for (i = 1; i <= 9; i++)
      if (p[i] == '\0' || !strchr("rwxsStT-", p[i])) break;
    if (i <= 9) continue;
    w = p + 10;
    while (w < end && *w != ' ') w++; /* a trailing '.', '+' or '@' */
    while (w < end && *w == ' ') w++;
    while (w < end && *w >= '0' && *w <= '9') w++;
    while (w < end && *w == ' ') w++;
    if ((size_t)(end - w) > ul && memcmp(w, user, ul) == 0 && w[ul] == ' ' &&
        (p[2] != 'w' || p[1] != 'r'))
      return 1;
  }
  return 0;
}

/* An "ls -l" row at p (blanks skipped): its owner's name in (*o, *on);
 * 0 when the line is no such row. */
static int fsd__ls_row(const char *p, const char *end, const char **o,
                       size_t *on, const char **name, size_t *nn) {
  const char *w;
  size_t i;
  /* a file or directory (a link's owner says nothing of its target) */
  if (end - p < 14 || (p[0] != '-' && p[0] != 'd')) return 0;
  for (i = 1; i <= 9; i++)
    if (p[i] == '\0' || !strchr("rwxsStT-", p[i])) return 0;
  /* the bits end in a blank, or a '.', '+' or '@' and a blank */
  w = p + 10;
  if (*w != ' ' && !((*w == '.' || *w == '+' || *w == '@') && w[1] == ' '))
    return 0;
  while (w < end && *w != ' ') w++;
  while (w < end && *w == ' ') w++;
  if (w >= end || *w < '0' || *w > '9') return 0;
  while (w < end && *w >= '0' && *w <= '9') w++;
  if (w >= end || *w != ' ') return 0;
  while (w < end && *w == ' ') w++;
  *o = w;
  while (w < end && *w != ' ') w++;
  *on = (size_t)(w - *o);
  if (*on == 0 || w >= end) return 0;
  /* the group, then the size: a number */
  while (w < end && *w == ' ') w++;
  while (w < end && *w != ' ') w++;
  while (w < end && *w == ' ') w++;
  if (w >= end || *w < '0' || *w > '9') return 0;
  /* the name: the last word ("... 12:32 /app/config") */
  for (w = end; w > p && (w[-1] == ' ' || w[-1] == '\r' || w[-1] == '`'); w--)
    ;
  *nn = 0;
  while (w > p && w[-1] != ' ') w--, (*nn)++;
  *name = w;
  return 1;
}

/* The row's name is the failed path or one of its components. */
static int fsd__row_on_path(const char *path, const char *name, size_t nn) {
  const char *e, *b;
  size_t pl, k;
  if (path == NULL || nn == 0) return 0;
  while (nn > 1 && name[nn - 1] == '/') nn--;
  pl = strlen(path);
  if (name[0] == '/') /* the path itself or a directory above it */
    return nn <= pl && memcmp(path, name, nn) == 0 &&
           (nn == pl || path[nn] == '/' || nn == 1);
  /* the path's last name (a relative name of a listing elsewhere, as of
   * "/", says nothing of a directory above the path) */
  for (e = path + pl, k = 0; k < 1 && e > path; k++) {
    while (e > path && (e[-1] == '/' || e[-1] == '\\')) e--;
    for (b = e; b > path && b[-1] != '/' && b[-1] != '\\'; b--)
      ;
    if ((size_t)(e - b) == nn && memcmp(b, name, nn) == 0) return 1;
    e = b;
  }
  return 0;
}

/* The user the log says ran the command: `id`'s "uid=1000(name)", else
 * the home directory's owner the path is in. */
static int fsd__log_user(fsd__ctx_t *c, char *out, size_t cap) {
  const char *t = c->err->text, *e;
  size_t n = c->err->text_len, i;
  for (i = 0; t != NULL && i + 6 < n; i++) {
    if (memcmp(t + i, "uid=", 4) != 0 || (i > 0 && t[i - 1] != ' ' &&
                                          t[i - 1] != '\n' && t[i - 1] != ':'))
      continue;
    for (e = t + i + 4; e < t + n && *e >= '0' && *e <= '9'; e++)
      ;
    if (e == t + i + 4 || e >= t + n || *e != '(') continue;
    i = (size_t)(e + 1 - t);
    for (e = t + i; e < t + n && *e != ')' && *e != ' ' && *e != '\n'; e++)
      ;
    if (e >= t + n || *e != ')' || (size_t)(e - t - i) >= cap || e == t + i)
      return 0;
    memcpy(out, t + i, (size_t)(e - t - i));
    out[e - t - i] = '\0';
    return 1;
  }
  return fsd__home_user(c->path, out, cap);
}

const char *fsd__listing_owner(fsd__ctx_t *c) {
  const char *t = c->err->text, *line, *end, *o, *other = NULL, *name;
  size_t n = c->err->text_len, on, othern = 0, nn;
  char user[64];
  int known, root = 0, mine = 0;
  if (c->live || t == NULL) return NULL;
  known = fsd__log_user(c, user, sizeof(user));
  /* root may write anything: its listing shows no other owner's denial */
  if (known && strcmp(user, "root") == 0) return NULL;
  for (line = t; line < t + n; line = end + 1) {
    const char *p = line;
    end = memchr(line, '\n', (size_t)(t + n - line));
    if (end == NULL) end = t + n;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '`')) p++;
    if (!fsd__ls_row(p, end, &o, &on, &name, &nn) ||
        !fsd__row_on_path(c->path, name, nn))
      continue;
    if (on == 4 && memcmp(o, "root", 4) == 0) {
      root = 1;
      if (other == NULL || !known) other = o, othern = on;
    } else if (known && on == strlen(user) && memcmp(o, user, on) == 0) {
      mine = 1;
    } else if (known && other == NULL) {
      other = o, othern = on;
    } else if (!known) {
      mine = 1; /* a user's entries beside root's */
    }
  }
  /* another owner than the log's user, or root's entries among a user's */
  if (other == NULL || (!known && !(root && mine))) return NULL;
  return fsd_strndup(c->a, other, othern);
}

/* needle in (s, n), case as written: where, or NULL. */
static const char *fsd__find_n(const char *s, size_t n, const char *needle) {
  size_t m = strlen(needle), i;
  for (i = 0; i + m <= n; i++)
    if (memcmp(s + i, needle, m) == 0) return s + i;
  return NULL;
}

static int fsd__has_n(const char *s, size_t n, const char *needle) {
  return fsd__find_n(s, n, needle) != NULL;
}

int fsd__df_said(fsd__ctx_t *c) {
  const char *t = c->err->text, *line, *end;
  size_t n = c->err->text_len;
  int inodes = -1, rows = 0, nearly = 0; /* -1: no df header seen */
  if (c->live || t == NULL) return 0;
  for (line = t; line < t + n; line = end + 1) {
    const char *p, *pct = NULL;
    end = memchr(line, '\n', (size_t)(t + n - line));
    if (end == NULL) end = t + n;
    if (fsd__has_n(line, (size_t)(end - line), "Filesystem") &&
        (fsd__has_n(line, (size_t)(end - line), "Mounted on") ||
         fsd__has_n(line, (size_t)(end - line), "Use%") ||
         fsd__has_n(line, (size_t)(end - line), "Capacity"))) {
      inodes = fsd__has_n(line, (size_t)(end - line), "IUse%") ||
               fsd__has_n(line, (size_t)(end - line), "Inodes");
      continue;
    }
    if (inodes < 0) continue;
    /* a row: "NN% /mount", or "NN%" ending it (a header without the
     * mount column); anything else ends the table */
    for (p = line; p < end; p++)
      if (*p == '%' && p > line && p[-1] >= '0' && p[-1] <= '9' &&
          ((p + 2 < end && p[1] == ' ' && p[2] == '/') || p + 1 == end ||
           (p + 1 < end && p[1] == '\r' && p + 2 == end)))
        pct = p;
    if (pct == NULL) {
      inodes = -1;
      continue;
    }
    /* snaps' squashfs images are always full */
    if (fsd__has_n(line, (size_t)(end - line), "/snap/") ||
        fsd__has_n(line, (size_t)(end - line), "/dev/loop"))
      continue;
    rows++;
    if (pct - line >= 3 && memcmp(pct - 3, "100", 3) == 0)
      return inodes ? 'i' : 'b';
    /* space at 95-99%: what the failed command was writing filled the
     * rest, and its partial files went away when it failed */
    if (!inodes && pct - line >= 3 && pct[-3] == ' ' && pct[-2] == '9' &&
        pct[-1] >= '5' && pct[-1] <= '9')
      nearly = 1;
    /* inodes: df rounds up, and "99%" with none free is all of them */
    if (inodes && pct - line >= 3 && pct[-3] == ' ' && memcmp(pct - 2, "99", 2) == 0)
      return 'i';
  }
  if (nearly) return 'n';
  if (rows > 0) return 'r';
  /* no df table: a tool's own words for inodes (BitBake's disk monitor:
   * "The free inode of /tmp (tmpfs) is running low") */
  return fsd__said(c, "free inode of") || fsd__said(c, "no free inodes") ? 'I'
                                                                          : 0;
}

/* "sudo echo x >> /etc/f": the redirection is the user's own shell's,
 * done before sudo runs. The log has a line where sudo comes before a
 * '>' that names path. Text only. */
int fsd__sudo_redirect(fsd__ctx_t *c) {
  const char *t = c->err->text, *line, *end, *su, *r;
  size_t n = c->err->text_len, pl;
  if (c->live || t == NULL || c->path == NULL) return 0;
  pl = strlen(c->path);
  for (line = t; line < t + n; line = end + 1) {
    end = memchr(line, '\n', (size_t)(t + n - line));
    if (end == NULL) end = t + n;
    su = fsd__find_n(line, (size_t)(end - line), "sudo ");
    if (su == NULL || (su > line && su[-1] != ' ' && su[-1] != '$' && su[-1] != '#'))
      continue;
    for (r = su; r < end && (r = memchr(r, '>', (size_t)(end - r))) != NULL; r++) {
      const char *q = r + 1;
      if (q < end && *q == '>') q++;
      while (q < end && *q == ' ') q++;
      if ((size_t)(end - q) >= pl && memcmp(q, c->path, pl) == 0 &&
          (q + pl == end || q[pl] == ' ' || q[pl] == '\r' || q[pl] == ';'))
        return 1;
    }
  }
  return 0;
}
