/* pathInfo for Linux and macOS: every component from the root, and the
 * access decision of this process computed the way the kernel makes it
 * (owner, then group, then other bits; CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH), so the report can name the component and the bit.
 * Read-only mounts are fsInfo's business, not this one's. */
#define _GNU_SOURCE
#include "platform/posix/unix.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  uid_t euid;
  gid_t egid;
  gid_t *groups;
  int ngroups;
  uint64_t caps;
} fsd__cred_t;

#define FSD__HAS(c, cap) (((c)->caps >> (cap)) & 1)

static int fsd__cred_load(fsd_arena_t *a, fsd__cred_t *c) {
  int n;
  c->euid = geteuid();
  c->egid = getegid();
  c->groups = NULL;
  c->ngroups = 0;
  fsd__os_cap_mask(&c->caps);
  n = getgroups(0, NULL);
  if (n > 0) {
    c->groups = fsd_alloc(a, (size_t)n * sizeof(gid_t));
    if (c->groups == NULL) return ENOMEM;
    n = getgroups(n, c->groups);
    c->ngroups = n > 0 ? n : 0;
  }
  return 0;
}

static int fsd__in_group(const fsd__cred_t *c, gid_t gid) {
  int i;
  if (c->egid == gid) return 1;
  for (i = 0; i < c->ngroups; i++)
    if (c->groups[i] == gid) return 1;
  return 0;
}

/* Which class of bits applies: 0 owner, 1 group, 2 other. */
static int fsd__class(const fsd__cred_t *c, const struct stat *st) {
  if (c->euid == st->st_uid) return 0;
  if (fsd__in_group(c, st->st_gid)) return 1;
  return 2;
}

/* want: 4 read, 2 write, 1 execute/search (one bit). */
static int fsd__may(const fsd__cred_t *c, const struct stat *st, int want) {
  int cls = fsd__class(c, st), dir = S_ISDIR(st->st_mode);
  unsigned bits = (st->st_mode >> (6 - 3 * cls)) & 7;
  if (bits & (unsigned)want) return 1;
  if (FSD__HAS(c, FSD__CAP_DAC_OVERRIDE)) {
    /* Execute is granted to a file only if someone may execute it. */
    if (want != 1 || dir || (st->st_mode & 0111)) return 1;
  }
  if (FSD__HAS(c, FSD__CAP_DAC_READ_SEARCH) && (want == 4 || (want == 1 && dir)))
    return 1;
  return 0;
}

static const char *fsd__reason(fsd_arena_t *a, const fsd__cred_t *c,
                               const fsd_component_t *comp,
                               const struct stat *st, const char *bit,
                               const char *what) {
  static const char *const cls_text[] = {
    "this process is its owner and the owner bits",
    "this process is in its group and the group bits",
    "this process is neither its owner nor in its group, and the other bits"};
  char mode[10];
  int i;
  static const char rwx[] = "rwxrwxrwx";
  for (i = 0; i < 9; i++) mode[i] = (st->st_mode & (0400 >> i)) ? rwx[i] : '-';
  mode[9] = '\0';
  return fsd_printf(a, "%s %s is %s owned by %s:%s (uid %lld, gid %lld); %s lack %s (euid %lld)",
                    what, comp->path, mode,
                    comp->user ? comp->user : "?", comp->group ? comp->group : "?",
                    (long long)st->st_uid, (long long)st->st_gid,
                    cls_text[fsd__class(c, st)], bit, (long long)c->euid);
}

static const char *const fsd__protected[] = {
  "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt",
  "/etc", "/boot", "/System", "/Library", "/Applications", "/private/etc",
  "/var/lib", NULL};

static int fsd__is_protected(const char *abs) {
  size_t i, n;
  for (i = 0; fsd__protected[i] != NULL; i++) {
    n = strlen(fsd__protected[i]);
    if (strncmp(abs, fsd__protected[i], n) == 0 && (abs[n] == '\0' || abs[n] == '/'))
      return 1;
  }
  return 0;
}

static const char *fsd__type_name(mode_t m) {
  if (S_ISREG(m)) return "file";
  if (S_ISDIR(m)) return "dir";
  if (S_ISLNK(m)) return "symlink";
  if (S_ISSOCK(m)) return "socket";
  if (S_ISFIFO(m)) return "fifo";
  if (S_ISCHR(m)) return "char";
  if (S_ISBLK(m)) return "block";
  return "unknown";
}

static char *fsd__readlink_path(fsd_arena_t *a, const char *path) {
  char *buf;
  ssize_t n;
  size_t size = 256;
  for (;;) {
    buf = fsd_alloc(a, size);
    if (buf == NULL) return NULL;
    n = readlink(path, buf, size);
    if (n < 0) return NULL;
    if ((size_t)n < size) {
      buf[n] = '\0';
      return buf;
    }
    if (size > 65536) return NULL;
    size *= 4;
  }
}

/* Splits abs into components; comps[i].path is the prefix up to i. */
static int fsd__split(fsd_arena_t *a, const char *abs, fsd_component_t **out,
                      size_t *n) {
  size_t count = 1, i, k = 1;
  const char *p;
  fsd_component_t *c;
  for (p = abs + 1; *p; p++)
    if (*p == '/') count++;
  if (abs[1] != '\0') count++;
  c = fsd_alloc(a, count * sizeof(*c));
  if (c == NULL) return ENOMEM;
  c[0].path = "/";
  c[0].name = "/";
  for (i = 1; abs[i] != '\0'; i++) {
    if (abs[i + 1] == '/' || abs[i + 1] == '\0') {
      const char *start = abs + i;
      while (start > abs && start[-1] != '/') start--;
      c[k].path = fsd_strndup(a, abs, i + 1);
      c[k].name = fsd_strndup(a, start, (size_t)(abs + i + 1 - start));
      if (c[k].path == NULL || c[k].name == NULL) return ENOMEM;
      k++;
    }
  }
  *out = c;
  *n = k;
  return 0;
}

/* prev: the component above, whose names are reused when the ids match
 * (most of a path has one owner; NSS lookups can be slow). */
static void fsd__component_names(fsd_arena_t *a, fsd_component_t *c,
                      const fsd_component_t *prev, const struct stat *st,
                      int imm, int app) {
  c->type = fsd__type_name(st->st_mode);
  c->uid = (int64_t)st->st_uid;
  c->gid = (int64_t)st->st_gid;
  if (prev != NULL && prev->uid == c->uid && prev->user != NULL)
    c->user = prev->user;
  else
    c->user = fsd__user_name(a, c->uid);
  if (prev != NULL && prev->gid == c->gid && prev->group != NULL)
    c->group = prev->group;
  else
    c->group = fsd__group_name(a, c->gid);
  c->mode = (uint32_t)(st->st_mode & 07777);
  c->nlink = (int64_t)st->st_nlink;
  c->immutable = imm;
  c->append_only = app;
  if (S_ISLNK(st->st_mode)) c->link_target = fsd__readlink_path(a, c->path);
}

static void fsd__deny(fsd_pathinfo_t *out, size_t i, const char *op,
                      const char *bit, const char *reason) {
  out->denied_index = (int)i;
  out->denied_op = op;
  out->denied_bit = bit;
  out->denied_reason = reason;
}

int fsd_pathinfo(fsd_arena_t *a, const char *path, fsd_pathinfo_t *out,
                 fsd_fail_t *fail) {
  fsd__cred_t cred;
  struct stat *sts, st;
  fsd_component_t *c;
  size_t n, i, last_ok = 0, through;
  int imm, app, err, reach = 1;
  out->path = path;
  out->denied_index = -1;
  out->can_read = out->can_write = out->can_search = FSD_UNKNOWN;
  out->immutable = out->append_only = FSD_UNKNOWN;
  out->protected_location = FSD_UNKNOWN;
  out->long_paths_enabled = FSD_UNKNOWN;
  out->max_path = -1;
  out->absolute = fsd__abspath(a, path);
  if (out->absolute == NULL || fsd__cred_load(a, &cred) != 0) goto oom;
  out->path_length = (int64_t)strlen(out->absolute);
  /* The kernel resolves no longer path, and listing every prefix of one
   * costs the square of its length: a megabyte path would take gigabytes. */
  if (out->path_length >= PATH_MAX) {
    fail->err = ENAMETOOLONG;
    fail->syscall = "pathinfo";
    fail->path = out->path;
    return ENAMETOOLONG;
  }
  if (fsd__split(a, out->absolute, &out->components, &out->ncomponents) != 0) goto oom;
  c = out->components;
  n = out->ncomponents;
  /* Followed stats: the directory a search really goes through. */
  sts = fsd_alloc(a, n * sizeof(*sts));
  if (sts == NULL) goto oom;
  out->exists = 1;
  for (i = 0; i < n; i++) {
    c[i].uid = c[i].gid = c[i].nlink = -1;
    c[i].immutable = c[i].append_only = FSD_UNKNOWN;
    c[i].win_readonly = c[i].win_hidden = c[i].win_system = c[i].win_reparse = FSD_UNKNOWN;
    if (!out->exists) {
      c[i].type = "missing";
      c[i].err = ENOENT;
      continue;
    }
    err = fsd__os_stat(c[i].path, 0, &st, &imm, &app);
    if (err != 0) {
      c[i].err = err;
      c[i].type = (err == ENOENT || err == ENOTDIR) ? "missing" : "unknown";
      out->exists = 0;
      continue;
    }
    fsd__component_names(a, &c[i], i > 0 ? &c[i - 1] : NULL, &st, imm, app);
    sts[i] = st;
    if (S_ISLNK(st.st_mode) && fsd__os_stat(c[i].path, 1, &sts[i], &imm, &app) != 0)
      sts[i].st_mode = 0; /* dangling: nothing to search through */
    last_ok = i;
  }
  if (fsd_arena_oom(a)) goto oom;
  /* Search through every directory above the path (for a missing path,
   * above its nearest existing directory, and that one too when it is what
   * refused the lookup). */
  through = out->exists ? n - 1 : last_ok;
  if (!out->exists && last_ok + 1 < n && c[last_ok + 1].err != ENOENT &&
      c[last_ok + 1].err != ENOTDIR)
    through = last_ok + 1;
  for (i = 0; i < through; i++) {
    if (!S_ISDIR(sts[i].st_mode)) {
      reach = 0;
      break;
    }
    if (fsd__may(&cred, &sts[i], 1)) continue;
    if (fsd__os_has_acl(c[i].path) && faccessat(AT_FDCWD, c[i].path, X_OK, AT_EACCESS) == 0)
      continue;
    reach = 0;
    fsd__deny(out, i, "search", "x",
              fsd__reason(a, &cred, &c[i], &sts[i], "x", "directory"));
    break;
  }
  if (out->exists) {
    st = sts[n - 1];
    out->is_symlink = strcmp(c[n - 1].type, "symlink") == 0;
    out->symlink_target = c[n - 1].link_target;
    if (fsd__os_stat(out->absolute, 1, &st, &imm, &app) != 0) {
      imm = c[n - 1].immutable;
      app = c[n - 1].append_only;
      st = sts[n - 1];
    }
    out->immutable = imm;
    out->append_only = app;
    out->write_target = out->absolute;
    if (!reach) {
      out->can_read = out->can_write = out->can_search = 0;
    } else {
      out->can_read = fsd__may(&cred, &st, 4);
      out->can_write = fsd__may(&cred, &st, 2);
      out->can_search = fsd__may(&cred, &st, 1);
      if (fsd__os_has_acl(out->absolute)) {
        out->can_read = faccessat(AT_FDCWD, out->absolute, R_OK, AT_EACCESS) == 0;
        out->can_write = faccessat(AT_FDCWD, out->absolute, W_OK, AT_EACCESS) == 0 ||
                         errno == EROFS || errno == ETXTBSY;
        out->can_search = faccessat(AT_FDCWD, out->absolute, X_OK, AT_EACCESS) == 0;
      }
      if (!out->can_read)
        fsd__deny(out, n - 1, "read", "r",
                  fsd__reason(a, &cred, &c[n - 1], &st, "r", S_ISDIR(st.st_mode) ? "directory" : "file"));
      else if (!out->can_write)
        fsd__deny(out, n - 1, "write", "w",
                  fsd__reason(a, &cred, &c[n - 1], &st, "w", S_ISDIR(st.st_mode) ? "directory" : "file"));
      if (imm == 1) out->can_write = 0;
    }
  } else {
    /* Missing: may we create it in the nearest existing directory? */
    fsd_component_t *t = &c[last_ok];
    st = sts[last_ok];
    out->write_target = t->path;
    if (!reach || !S_ISDIR(st.st_mode)) {
      out->can_write = 0;
      /* A lookup refused on the way reaches nothing at all. */
      if (out->denied_index >= 0) out->can_read = out->can_search = 0;
    } else {
      out->can_write = fsd__may(&cred, &st, 2) && fsd__may(&cred, &st, 1);
      if (fsd__os_has_acl(t->path))
        out->can_write = faccessat(AT_FDCWD, t->path, W_OK | X_OK, AT_EACCESS) == 0 ||
                         errno == EROFS;
      if (!out->can_write)
        fsd__deny(out, last_ok, "write", "w",
                  fsd__reason(a, &cred, t, &st, "w", "directory"));
      if (t->immutable == 1) out->can_write = 0;
    }
  }
  out->protected_location =
      fsd__is_protected(out->absolute) && out->can_write == 0 ? 1 : 0;
  if (fsd_arena_oom(a)) goto oom;
  return 0;
oom:
  fail->syscall = "malloc";
  return ENOMEM;
}
