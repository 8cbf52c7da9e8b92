/* walk-outside-project: a watcher, glob or copy rooted at /, a drive or the
 * home directory walks into places no project has (/proc, /sys, C:\System
 * Volume Information, a home's Application Data junction or macOS's
 * privacy-protected ~/Library folders) and fails there. Changing their
 * permissions is wrong; the tool's root must be narrowed. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__walk_codes[] = {
    "EACCES", "EPERM", "ENOENT", "ELOOP", "EBUSY", "EINVAL", "ENOTSUP",
    "EOPNOTSUPP", "EIO", "UNKNOWN", NULL};

/* The path's owner and modes go to the facts: another user's folder is
 * what a walk from / or /home meets. */
const fsd__want_t fsd__wants_walk_outside_project[] = {
    {FSD__PROBE_PATH, fsd__walk_codes, NULL, 0, NULL}, FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_walk_outside_project[] = {
    {"all", NULL, NULL, NULL,
     "A tool walked into {place}, which belongs to the system or another "
     "user, not to a project. Do not change its permissions: start the "
     "tool from the project directory, and narrow its root (a watcher's "
     "root or ignored paths, a glob's cwd, a copy's source) to the project.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, NULL,
     "See where the command runs from; it should be the project, not / or "
     "your home directory.",
     {FSD__I("pwd"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL,
     "See where the command runs from; it should be the project, not the "
     "drive root or your user folder.",
     {FSD__I("Get-Location"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, NULL,
     "See where the command runs from; it should be the project, not the "
     "drive root or your user folder.",
     {FSD__I("cd"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* Calls that walk or watch, not ones that write. */
static int fsd__walking(fsd__ctx_t *c) {
  static const char *const walk[] = {"scandir", "readdir", "opendir", "lstat",
                                     "stat",    "watch",   "open",    "realpath",
                                     "readlink", "access", "uv_fs_event_start",
                                     "", NULL};
  return fsd__one_of(c->syscall, walk) || fsd__watch_call(c->syscall);
}

/* A directory one or two levels below a root ("/data", "/Volumes/x",
 * "C:\\Recovery"): no project's tree is walked up there. Home directories
 * themselves ("/home/u", "/Users/u") are left out: projects live there. */
static const char *fsd__near_root(fsd__ctx_t *c) {
  const char *p = c->path, *s;
  int depth = 0;
  if (p == NULL) return NULL;
  /* "../../.." and nothing else: a walk climbing out of the project */
  if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\\')) {
    for (s = p; *s == '.' || *s == '/' || *s == '\\'; s++)
      ;
    if (*s == '\0') return "the directories above the project";
  }
  if (((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) &&
      p[1] == ':') {
    if ((p[2] == '\\' || p[2] == '/') && p[3] == '$') return "a drive root";
    p += 2;
  } else if (p[0] != '/') {
    return NULL;
  }
  for (s = p; *s; s++)
    if ((*s == '/' || *s == '\\') && s[1] != '\0' && s[1] != '/' && s[1] != '\\')
      depth++;
  /* the root itself listed: no project is there, a walk began above */
  if (depth == 0 && (p[0] == '/' || p[0] == '\\') && p[1] == '\0' &&
      (FSD__SYS("scandir") || FSD__SYS("readdir") || FSD__SYS("opendir")))
    return "the top of the filesystem";
  if (depth == 0 || depth > 2) return NULL;
  /* Another user's home refuses a listing: what a walk from /home meets. */
  if (depth == 2 && !(FSD__SYS("scandir") || FSD__SYS("readdir") ||
                      FSD__SYS("opendir")) &&
      (fsd__has(p, "/home/") || fsd__has(p, "/Users/") ||
       fsd__has(p, "\\Users\\")))
    return NULL;
  if (depth == 2 && (fsd__has(p, "/mnt/") ||
                     fsd__has(p, "/tmp/") || fsd__has(p, "/srv/") ||
                     fsd__has(p, "/opt/") || fsd__has(p, "/app/") ||
                     fsd__has(p, "/var/") || fsd__has(p, "/workspace")))
    return NULL;
  return "the top of the filesystem";
}

void fsd__rule_walk_outside_project(fsd__ctx_t *c) {
  /* On Linux and macOS "//proc/1/net" (a root joined with "/proc") is
   * /proc; on Windows "//dev/share" is a network share. */
  const char *own = c->path;
  while (c->posix && own != NULL && own[0] == '/' && own[1] == '/') own++;
  /* Flatpak's document portal is where an app is handed files, not a
   * walk's end (protected-location's) */
  const char *place = fsd__flatpak_portal(own) ? NULL : fsd__system_tree(own);
  /* a system tree (/proc, C:\Windows ...) is no one's to change; a folder
   * near a root only looks like a walk's end (C:\p\dist may be a project) */
  int system = place != NULL;
  static const char *const reads[] = {"scandir", "readdir", "opendir",
                                      "lstat", "watch", NULL};
  if (place == NULL && fsd__one_of(c->syscall, reads) &&
      (FSD__CODE("EACCES") || FSD__CODE("EPERM") || FSD__CODE("UNKNOWN")))
    place = fsd__near_root(c);
  /* Listing C:\Windows (system32's logs, locked by the system): a walk
   * rooted at the drive, never a project's. Writing there is
   * protected-location's. */
  if (place == NULL && (c->sh & FSD__SH_WINDIR) &&
      fsd__one_of(c->syscall, reads))
    place = "the Windows directory", system = 1;
  fsd__cand_t *k;
  /* a device opened by its name (a serial port, a disk to flash, a GPIO
   * or backlight control in /sys/class) is what the tool was asked to
   * use, not where a walk ended; a cycle met there is a walk's */
  if (own != NULL &&
      (strncmp(own, "/dev/", 5) == 0 || strncmp(own, "/sys/class/", 11) == 0 ||
       strncmp(own, "/sys/bus/", 9) == 0) &&
      (FSD__SYS("open") || FSD__SYS("access") || c->syscall[0] == '\0') &&
      !FSD__CODE("ELOOP"))
    return;
  /* a folder the log's own command bind-mounts is where it works */
  if (!fsd__one_of(c->code, fsd__walk_codes) || place == NULL ||
      !fsd__walking(c) || (!c->live && fsd__bind_mounted(c, NULL, 0, NULL)))
    return;
  /* a cycle in /sys or /proc is the system's own: what matters is that
   * a watcher went there */
  k = fsd__add(c, FSD_CAUSE_WALK_OUTSIDE_PROJECT,
               c->syscall[0] != '\0' || FSD__CODE("ELOOP") ? 0.88 : 0.7);
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "path", c->path);
  fsd_set_str(c->a, k->evidence, "place", place);
  if (!c->live) fsd_set_str(c->a, k->evidence, "from", "text");
  fsd__var(&k->vars, "place", c->path);
  if (system || (c->path != NULL && c->path[0] == '/' && c->path[1] == '\0'))
    fsd__var(&k->vars, "sysplace", "1");
  fsd__detail(c, k,
              "{path} is a system or private place that no project "
              "contains: a tool walking or watching from /, a drive root "
              "or the home directory reached it.");
}
