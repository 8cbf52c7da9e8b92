/* protected-location: a system location (Program Files, C:\Windows, /usr,
 * macOS /System) written without administrator rights. */

#include "causes/kit.h"

static const char *const fsd__denial[] = {"EPERM", "EACCES", NULL};

const fsd__want_t fsd__wants_protected_location[] = {
    {FSD__ACCESS_PROBES, fsd__denial, NULL, 0, NULL}, FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_protected_location[] = {
    {"win32", "powershell", NULL, NULL,
     "{dir} is a protected system folder. Keep the project under your user "
     "folder, or run the shell as administrator if writing there is "
     "intended.",
     {FSD__I("Get-Acl -LiteralPath {dir} | Format-List"),
      FSD__M("project", "Move-Item -LiteralPath {project} -Destination $HOME"),
      FSD__CMDS_END}, 0},
    {"darwin", NULL, NULL, "privacy",
     "macOS privacy protection keeps {path} from programs the user has not "
     "allowed, root included. Allow the app that runs the command "
     "(Terminal, iTerm, VS Code, the program itself) in System Settings > "
     "Privacy & Security > Full Disk Access (or Files and Folders), then "
     "restart it.",
     {FSD__I("open 'x-apple.systempreferences:com.apple.preference.security?"
             "Privacy_AllFiles'"),
      FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!privacy",
     "{dir} is a system location. Keep projects and npm's global prefix in "
     "your home directory instead of using sudo.",
     {FSD__C("npm:prefix", "npm config set prefix ~/.npm-global"),
      FSD__CMDS_END}, 0},
    {"darwin", NULL, NULL, "!privacy",
     "/System is protected by System Integrity Protection even for root; "
     "write elsewhere.",
     {FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* macOS privacy protection (TCC): EPERM, for root too, on what the user
 * has not allowed this program: Desktop, Documents, Downloads, Mail,
 * Messages, Safari, Calendars, iOS backups, iCloud Drive, removable and
 * network volumes. Never on a link, mode or owner change (those EPERMs are
 * the owner's and the flags'). */
static void fsd__privacy(fsd__ctx_t *c) {
  static const char *const calls[] = {"", "open", "scandir", "readdir",
                                      "opendir", "lstat", "stat", "access",
                                      "mkdir", "copyfile", "realpath",
                                      "watch", "read", "write", NULL};
  int place = fsd__privacy_place(c->path), fda;
  fsd__cand_t *k;
  /* /System is System Integrity Protection's: no app setting lifts it */
  if (!FSD__CODE("EPERM") || !fsd__is(c->platform, "darwin") ||
      !fsd__one_of(c->syscall, calls) || (c->sh & FSD__SH_SYSTEM))
    return;
  fda = fsd__said(c, "full disk access");
  k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION,
                 fda ? 0.89 : place ? 0.8 : 0.5,
                 fda ? "The log asks for Full Disk Access: macOS privacy "
                       "protection denies this program {path}."
                 : place ? "{path} is a place macOS privacy protection keeps "
                           "from programs the user has not allowed (even "
                           "root)."
                         : "On macOS, EPERM where mode bits would say "
                           "EACCES usually means privacy protection keeps "
                           "{path} from this program.");
  if (k != NULL) fsd__var(&k->vars, "privacy", "yes");
}

void fsd__rule_protected_location(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = NULL;
  int sh = c->sh, measured;
  fsd__cand_t *k;
  if (!FSD__CODE("EACCES") && !FSD__CODE("EPERM")) return;
  fsd__privacy(c);
  /* The pathinfo that denies, else the path's. */
  (void)fsd__denied(c, &p);
  measured = p != NULL && p->protected_location == 1;
  /* Windows keeps these folders at a drive's root even from
   * administrators: changing them is refused whatever the ACL says. */
  {
    const char *t = fsd__system_tree(c->path);
    if (t != NULL && !fsd__walk_call(c->syscall) &&
        (fsd__is(t, "/system volume information/") ||
         fsd__is(t, "/$recycle.bin/") || fsd__is(t, "/config.msi/"))) {
      k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.75,
                     "{path} is a folder Windows keeps for itself at the "
                     "drive's root; it refuses changes even to "
                     "administrators.");
      if (k != NULL) fsd_set_str(c->a, k->evidence, "path", c->path);
    }
  }
  /* /usr is root's own: root failing there is something else. */
  if (!(sh & (FSD__SH_PROGFILES | FSD__SH_WINDIR | FSD__SH_SYSTEM)) &&
      !((sh & FSD__SH_USR) && !(sh & FSD__SH_GLOBAL) &&
        (!c->live || fsd__euid(c) != 0)) &&
      !measured)
    return;
  k = fsd__add(c, FSD_CAUSE_PROTECTED_LOCATION, measured ? 0.85 : 0.7);
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "path", c->path);
  if (p != NULL)
    fsd_set_tri(c->a, k->evidence, "protectedLocation", p->protected_location);
  fsd__detail(c, k,
              "{path} is in a system location that only "
              "administrators may change.");
}
