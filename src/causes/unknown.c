/* unknown: nothing matched. The last resort says what was looked at, so
 * that it is still useful. Its rule runs last (the table's last line). */

#include "causes/kit.h"

#include <stdio.h>
#include <string.h>

static const char *const fsd__unmatched[] = {"ENOTDIR", "EEXIST", NULL};
static const char *const fsd__unknown_code[] = {"UNKNOWN", NULL};

/* Codes that no other cause reads the path for still have it measured, and
 * libuv's UNKNOWN the Win32 code it stands for: both go to the facts. */
const fsd__want_t fsd__wants_unknown[] = {
    {FSD__PROBE_PATH, fsd__unmatched, NULL, 0, NULL},
    {FSD__PROBE_WIN32, fsd__unknown_code, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_unknown[] = {
    {"all", NULL, NULL, "driveroot",
     "Nothing on this machine needs fixing: the tool asked to create {path}, "
     "a drive's root, which always exists and which Windows refuses to "
     "create (EPERM, not EEXIST). Run it from a folder on that drive, and "
     "report it to the tool's authors.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "twodrives",
     "Nothing on this machine needs fixing: {path} names a drive twice, a "
     "path no file can have. The tool joined an absolute path onto another "
     "one; update it or report it, and check the paths in its configuration "
     "(a relative path where an absolute one was written).",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "wslwatch",
     "WSL 1 did not support this file watch (its inotify returned EPERM); "
     "later Windows builds fixed it. Update Windows, or use WSL 2 with the "
     "project in the Linux filesystem (~/...), or a polling watcher.",
     {FSD__I("wsl.exe -l -v"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!driveroot,!twodrives,!wslwatch",
     "Run the command again with verbose logging and diagnose the full log; "
     "the lines before the error name the path and system call.",
     {FSD__C(NULL, "npm install --loglevel verbose"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* "C:\\", "D:/" or "D:": a drive's root. */
static int fsd__drive_root(const char *p) {
  return p != NULL && ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) &&
         p[1] == ':' && (p[2] == '\0' || ((p[2] == '\\' || p[2] == '/') && p[3] == '\0'));
}

/* A drive spec after the start: "\\E:\\" or "/E:/" inside the path. */
static int fsd__second_drive(const char *s) {
  for (; s[0] && s[1] && s[2] && s[3]; s++)
    if ((s[0] == '\\' || s[0] == '/') &&
        ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z')) &&
        s[2] == ':' && (s[3] == '\\' || s[3] == '/'))
      return 1;
  return 0;
}

void fsd__rule_unknown(fsd__ctx_t *c) {
  const fsd_evidence_t *ev = c->ev;
  fsd__cand_t *k;
  char checked[256] = "";
  /* mkdir of a drive's root: no environment makes it succeed, so the
   * cause is the tool's own call (a recursive mkdir that reached the root,
   * a project path resolved to the root). */
  if (c->win && FSD__SYS("mkdir") && (FSD__CODE("EPERM") || FSD__CODE("EACCES")) &&
      fsd__drive_root(c->path)) {
    k = fsd__add(c, FSD_CAUSE_UNKNOWN, c->live ? 0.85 : 0.75);
    if (k == NULL) return;
    fsd__var(&k->vars, "driveroot", c->path);
    fsd_set_bool(c->a, k->evidence, "driveRoot", 1);
    k->detail = fsd_printf(c->a,
                           "The tool tried to create %s, a drive's root: "
                           "Windows refuses that (EPERM), whatever the "
                           "permissions, so the cause is in the tool, not "
                           "on this machine.",
                           c->path);
    return;
  }
  /* A Windows path with a second drive in it ("E:\\E:\\site"): the tool
   * joined an absolute path onto another. */
  if (c->win && c->path != NULL && c->path[0] != '\0' && c->path[1] == ':' &&
      (c->path[2] == '\\' || c->path[2] == '/') && fsd__second_drive(c->path + 2)) {
    k = fsd__add(c, FSD_CAUSE_UNKNOWN, 0.75);
    if (k == NULL) return;
    fsd__var(&k->vars, "twodrives", c->path);
    fsd_set_bool(c->a, k->evidence, "secondDrive", 1);
    k->detail = fsd_printf(c->a,
                           "%s names a drive twice: the tool joined an "
                           "absolute path onto another, and no such path "
                           "can exist.",
                           c->path);
    return;
  }
  /* fs.watch refused with EPERM under WSL: WSL 1's inotify emulation. */
  if (fsd__is(c->platform, "wsl") && FSD__CODE("EPERM") && fsd__watch_call(c->syscall)) {
    k = fsd__add(c, FSD_CAUSE_UNKNOWN, c->live ? 0.6 : 0.7);
    if (k == NULL) return;
    fsd__var(&k->vars, "wslwatch", "1");
    k->detail = "A file watch refused with EPERM under WSL: WSL 1's inotify "
                "did not support it (fixed in later Windows builds), not a "
                "permission of the files.";
    return;
  }
  if (c->ncands != 0) return;
  k = fsd__add(c, FSD_CAUSE_UNKNOWN, 0.1);
  if (k == NULL) return;
  if (!c->live) {
    snprintf(checked, sizeof(checked),
             "the error text only (code, system "
             "call and path shape); nothing was measured on this machine");
  } else {
    snprintf(checked, sizeof(checked), "%s%s%s%s%s%s",
             ev->fs ? "filesystem, " : "",
             ev->path ? "permissions along the path, " : "",
             ev->link ? "links, " : "", ev->holders ? "open handles, " : "",
             ev->limits ? "limits, " : "", ev->priv ? "privileges, " : "");
    if (checked[0] == '\0')
      snprintf(checked, sizeof(checked), "nothing (no probe applies)");
    else
      checked[strlen(checked) - 2] = '\0';
  }
  k->detail =
      fsd_printf(c->a, "No known cause of %s%s%s matched. Checked: %s.",
                 c->code, c->syscall[0] ? " from " : "", c->syscall, checked);
  fsd_set_str(c->a, k->evidence, "checked", fsd_strdup(c->a, checked));
}
