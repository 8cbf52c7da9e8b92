/* protected-location: a system location (Program Files, C:\Windows, /usr,
 * macOS /System) written without administrator rights. */

#include "causes/kit.h"

#include <ctype.h>

#include <string.h>

static const char *const fsd__denial[] = {"EPERM", "EACCES", NULL};

const fsd__want_t fsd__wants_protected_location[] = {
    {FSD__ACCESS_PROBES, fsd__denial, NULL, 0, NULL}, FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_protected_location[] = {
    {"all", NULL, NULL, "rootfolder",
     "{rootfolder} belongs to Windows itself, and no account may change it. "
     "Leave it out of what the tool renames, deletes or walks: exclude it, "
     "or point the tool at a folder below the drive's root.",
     {FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "snapname",
     "{snapname} runs as a snap under strict confinement, which keeps it "
     "out of hidden files in your home and of folders outside it, whatever "
     "their permissions. Connect the interface it needs, or install it "
     "with --classic where the snap offers that.",
     {FSD__I("snap connections {snapname}"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "appcontrol",
     "Windows' application control refused it: Smart App Control or a "
     "WDAC policy blocks unsigned programs and native modules. The "
     "CodeIntegrity log names the file and the rule (events 3033, 3077). "
     "Use a signed build, or ask whoever manages the policy; Smart App "
     "Control, once turned off, comes back only when Windows is "
     "installed anew.",
     {FSD__I("Get-WinEvent -LogName 'Microsoft-Windows-CodeIntegrity/Operational' -MaxEvents 20"),
      FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!rootfolder,!appcontrol",
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
    {"linux", "bash", NULL, "selcontainer",
     "SELinux keeps a container ({selcontainer}) from files the container "
     "engine did not label for it[[, here one labelled {selabel}]]. For a "
     "bind mount of a folder that is yours, let the engine label it: add "
     ":z (shared by containers) or :Z (this container only) to the volume "
     "(-v ./data:/data:Z). Never relabel a system folder or your home "
     "itself; mount a folder below it.",
     {FSD__I_ON("selpath", "ls -Zd -- {selpath}"), FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "selinux,!selcontainer",
     "SELinux's policy keeps the program's domain[[ ({seldomain})]] from "
     "files labelled[[ {selabel}]] as this one is, whatever their "
     "permission bits. Check the label: a file moved (not copied) into "
     "place keeps its old one, and restorecon -v on it gives it the label "
     "its place should have. A "
     "service that needs another place needs the policy's own setting "
     "(getsebool -a, semanage fcontext), not permissive mode.",
     {FSD__I_ON("selpath", "ls -Zd -- {selpath}"), FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "portal",
     "The app runs in a Flatpak sandbox and reaches {portal} only through "
     "the document portal, with what it was granted. Grant it the host "
     "folder itself (Flatseal, or flatpak override --user "
     "--filesystem=<folder> <app id>), then restart the app.",
     {FSD__I("flatpak list --app"), FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "unit",
     "{unit} runs as a systemd service: its unit's sandboxing "
     "(ProtectHome=, ProtectSystem=, ReadWritePaths=) or SELinux keeps "
     "services out of home directories whatever the permission bits say. "
     "Read the unit: its User= must own the files, and its Protect* "
     "settings must let it reach the path (ReadWritePaths=, "
     "ProtectHome=read-only); or keep its files outside /home.",
     {FSD__I("systemctl cat {unit}"), FSD__CMDS_END}, 0},
    {"linux", NULL, NULL, "chromeos",
     "Keep the links where ChromeOS follows them: a tool that needs "
     "symlinks (a package manager's prefix, a chroot) belongs under "
     "/usr/local, or in the Linux container (Crostini), not in the home "
     "directory.",
     {FSD__CMDS_END}, 0},
    {"linux", NULL, NULL, "android",
     "Grant the app the storage permission: in Termux, run "
     "termux-setup-storage and allow it; for another app, in Android's "
     "settings (Apps, the app, Permissions). Or keep the files in the "
     "app's own home directory.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!privacy,npmctx,!android,!chromeos",
     "{dir} is a system location. Keep projects and npm's global prefix in "
     "your home directory instead of using sudo.",
     {FSD__C("npm:prefix", "npm config set prefix ~/.npm-global"),
      FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!privacy,!npmctx,!android,!chromeos",
     "{dir} is a system location. Have the program write to a folder in "
     "your home directory instead of using sudo.",
     {FSD__CMDS_END}, 0},
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
                                      "watch", "read", "write", "uv_cwd",
                                      NULL};
  int place = fsd__privacy_place(c->path), fda;
  /* getcwd refused: the shell sits in a folder the terminal may not read */
  int cwd = FSD__SYS("uv_cwd") && c->path == NULL;
  fsd__cand_t *k;
  /* /System is System Integrity Protection's: no app setting lifts it */
  if (!FSD__CODE("EPERM") || !fsd__is(c->platform, "darwin") ||
      !fsd__one_of(c->syscall, calls) || (c->sh & FSD__SH_SYSTEM))
    return;
  fda = fsd__said(c, "full disk access");
  k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION,
                 fda ? 0.89 : place || cwd ? 0.8 : 0.5,
                 fda ? "The log asks for Full Disk Access: macOS privacy "
                       "protection denies this program {path}."
                 : cwd ? "macOS refused the working directory itself: the "
                         "shell sits in a folder privacy protection keeps "
                         "from the terminal (~/.Trash, Desktop, Documents, "
                         "Downloads, iCloud Drive, a removable volume). Run "
                         "it from another folder, or allow the terminal in "
                         "System Settings > Privacy & Security."
                 : place ? "{path} is a place macOS privacy protection keeps "
                           "from programs the user has not allowed (even "
                           "root)."
                         : "On macOS, EPERM where mode bits would say "
                           "EACCES usually means privacy protection keeps "
                           "{path} from this program.");
  if (k != NULL) fsd__var(&k->vars, "privacy", "yes");
}

/* A folder Windows keeps at a drive's root, right under it: on Windows
 * ("K:\\System Volume Information") or a Windows drive under WSL
 * ("/mnt/k/$Recycle.Bin"). */
static int fsd__root_folder(const char *p, int win) {
  static const char *const names[] = {"system volume information",
                                      "$recycle.bin", "config.msi", NULL};
  const char *rest = NULL;
  size_t i, k, n;
  if (p == NULL) return 0;
  if (win && ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) &&
      p[1] == ':' && (p[2] == '\\' || p[2] == '/'))
    rest = p + 3;
  else if (strncmp(p, "/mnt/", 5) == 0 && p[5] >= 'a' && p[5] <= 'z' &&
           p[6] == '/')
    rest = p + 7;
  if (rest == NULL) return 0;
  for (i = 0; names[i] != NULL; i++) {
    n = strlen(names[i]);
    for (k = 0; k < n && rest[k] != '\0' &&
                (rest[k] >= 'A' && rest[k] <= 'Z' ? rest[k] - 'A' + 'a'
                                                  : rest[k]) == names[i][k];
         k++)
      ;
    if (k == n && (rest[n] == '\0' || rest[n] == '\\' || rest[n] == '/'))
      return 1;
  }
  return 0;
}

/* The snap a traceback runs from ("/snap/cheat/42/bin/cheat"): its name,
 * else NULL. Text only. */
static const char *fsd__snap_name(fsd__ctx_t *c) {
  const char *t = c->err->text, *s, *e;
  size_t n = c->err->text_len, i;
  if (t == NULL) return NULL;
  for (i = 0; i + 6 < n; i++) {
    /* a path's start: after a blank, a quote or a stack frame's '(' */
    if (memcmp(t + i, "/snap/", 6) != 0 || (i > 0 && t[i - 1] != ' ' &&
                                            t[i - 1] != '"' && t[i - 1] != '\'' &&
                                            t[i - 1] != '('))
      continue;
    s = t + i + 6;
    for (e = s; e < t + n && ((*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') ||
                             *e == '-');
         e++)
      ;
    if (e > s && e < t + n && *e == '/' && !(e - s == 3 && memcmp(s, "bin", 3) == 0))
      return fsd_strndup(c->a, s, (size_t)(e - s));
  }
  return NULL;
}

/* The snap an AppArmor profile="snap.<name>.<app>" names, else NULL. */
static const char *fsd__profile_snap(fsd__ctx_t *c) {
  const char *t = c->err->text, *s, *e;
  size_t n = c->err->text_len, i;
  for (i = 0; t != NULL && i + 14 < n; i++) {
    if (memcmp(t + i, "profile=\"snap.", 14) != 0) continue;
    s = t + i + 14;
    for (e = s; e < t + n && *e != '.' && *e != '"' && *e != ' '; e++)
      ;
    if (e > s && e < t + n && *e == '.')
      return fsd_strndup(c->a, s, (size_t)(e - s));
    return NULL;
  }
  return NULL;
}

/* The type of an SELinux context the audit line names after key
 * ("scontext=" or "tcontext="): "system_u:system_r:container_t:s0:c1"
 * gives container_t. NULL if none. */
static const char *fsd__avc_type(fsd__ctx_t *c, const char *key) {
  const char *t = c->err->text, *s, *e;
  size_t n = c->err->text_len, m = strlen(key), i;
  int colons;
  for (i = 0; t != NULL && i + m < n; i++) {
    if (memcmp(t + i, key, m) != 0 || (i > 0 && t[i - 1] != ' ')) continue;
    for (s = t + i + m, colons = 0; s < t + n && colons < 2 && *s != ' '; s++)
      if (*s == ':') colons++;
    for (e = s; e < t + n && (isalnum((unsigned char)*e) || *e == '_'); e++)
      ;
    if (colons == 2 && e > s) return fsd_strndup(c->a, s, (size_t)(e - s));
    return NULL;
  }
  return NULL;
}

/* An AVC line that denied a file (tclass file, dir, lnk_file ...), not a
 * port or a process, in enforcing mode: permissive=1 only logged. */
static int fsd__avc_file(fsd__ctx_t *c) {
  static const char *const classes[] = {
      "tclass=file", "tclass=dir", "tclass=lnk_file", "tclass=chr_file",
      "tclass=blk_file", "tclass=sock_file", "tclass=fifo_file", NULL};
  size_t i;
  if (fsd__said(c, "permissive=1")) return 0;
  for (i = 0; classes[i] != NULL; i++)
    if (fsd__said_word(c, classes[i])) return 1;
  return 0;
}

void fsd__rule_protected_location(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = NULL;
  const char *host = NULL;
  int sh = c->sh, measured;
  fsd__cand_t *k;
  if (!FSD__CODE("EACCES") && !FSD__CODE("EPERM")) return;
  fsd__privacy(c);
  fsd__android_denied(c);
  if (!c->live && c->win &&
      (fsd__said(c, "app control policy") || fsd__said(c, "smart app control"))) {
    k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.85,
                   "Windows' application control (Smart App Control, or a "
                   "WDAC policy) refused to load or start[[ {path}]]: it "
                   "blocks unsigned code whatever the file's permissions.");
    if (k != NULL) fsd__var(&k->vars, "appcontrol", "1");
  }
  if (!c->live && fsd__is(c->platform, "darwin") && fsd__said(c, "deny(1) file-"))
    /* macOS's sandbox refused a file: Xcode's User Script Sandboxing, an
     * app's or a tool's sandbox profile */
    fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.8,
               "macOS's sandbox denied the access[[ to {path}]]: in Xcode, "
               "a build script runs sandboxed (User Script Sandboxing) and "
               "may touch only its declared input and output files; other "
               "programs run under their own sandbox profile.");
  else if (!c->live && c->posix && FSD__CODE("EACCES") && c->path != NULL &&
      strncmp(c->path, "/home/", 6) != 0 &&
      fsd__said(c, "cannot create user data directory"))
    /* snapd keeps a snap's data in <home>/snap/<name>: a home outside /home
     * (or on NFS) is outside what strict confinement allows */
    fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.7,
               "snapd could not create the snap's data folder[[ ({path})]]: "
               "strict confinement allows a home directory only under "
               "/home (a home elsewhere needs snapd's homedirs setting, an "
               "NFS home its own setup).");
  else if (!c->live && c->win && c->path == NULL &&
      fsd__said(c, "environmentnotwritableerror"))
    /* conda installed for all users (C:\ProgramData\Anaconda3): its
     * environment is the administrators' */
    fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.65,
               "conda's environment is not this user's to change: most "
               "often conda was installed for all users (C:\\ProgramData), "
               "which only administrators may change. Install packages into "
               "an environment of your own, or from an elevated prompt.");
  if (!c->live && c->posix && fsd__said(c, "avc:") && fsd__said(c, "denied") &&
      fsd__said(c, "tcontext=") && fsd__avc_file(c)) {
    /* SELinux's audit line: the policy refused the program's domain the
     * file's label, whatever the bits; a container's domain meets a
     * volume the engine never labelled */
    const char *dom = fsd__avc_type(c, "scontext="),
               *obj = fsd__avc_type(c, "tcontext=");
    if (dom == NULL) dom = fsd__avc_type(c, "context=");
    k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.88,
                   "The kernel's audit line shows SELinux denying it"
                   "[[ ({path})]]: the policy does not let the program's "
                   "domain use a file with that label, whatever the "
                   "permission bits say.");
    if (k != NULL) {
      fsd__var(&k->vars, "privacy", "yes");
      fsd__var(&k->vars, "selinux", "yes");
      if (c->path != NULL && c->path[0] == '/')
        fsd__var(&k->vars, "selpath", c->path);
      if (obj != NULL) fsd__var(&k->vars, "selabel", obj);
      if (dom != NULL) fsd__var(&k->vars, "seldomain", dom);
      if (dom != NULL && (strcmp(dom, "container_t") == 0 ||
                          strcmp(dom, "svirt_lxc_net_t") == 0 ||
                          strcmp(dom, "container_init_t") == 0))
        fsd__var(&k->vars, "selcontainer", dom);
    }
    return;
  }
  if (!c->live && c->posix && FSD__CODE("EACCES") &&
      fsd__bind_mounted(c, "podman", 1, &host)) {
    /* rootless podman maps the user to the container's root, so the
     * user's own folder is not another's there; what refuses it is
     * SELinux's label, which a bind mount keeps unless :z or :Z relabels */
    k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.65,
                   "{path} is a folder the podman command bind-mounts "
                   "without :z or :Z: on an SELinux host (Fedora, RHEL) the "
                   "container may not use it until it is relabelled, "
                   "whatever the permission bits say.");
    if (k != NULL) {
      fsd__var(&k->vars, "privacy", "yes");
      fsd__var(&k->vars, "selcontainer", "container_t");
      /* the label to see is the host folder's, not the container's path */
      if (host != NULL) fsd__var(&k->vars, "selpath", host);
    }
  }
  if (!c->live && c->posix && fsd__said(c, "apparmor=\"denied\"")) {
    /* the kernel's audit line: AppArmor's profile refused it, whatever
     * the bits; a snap's profile is "snap.<name>.<app>" */
    const char *snap = fsd__profile_snap(c);
    k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.88,
                   snap != NULL
                       ? "The kernel's audit line shows AppArmor denying it: "
                         "the program runs as a snap, whose confinement "
                         "keeps it from {path} whatever the permission bits "
                         "say."
                       : "The kernel's audit line shows AppArmor's profile "
                         "for the program denying it[[ ({path})]], whatever "
                         "the permission bits say.");
    if (k != NULL && snap != NULL) {
      fsd__var(&k->vars, "snapname", snap);
      fsd__var(&k->vars, "privacy", "yes");
    }
    return;
  }
  if (!c->live && c->posix && !fsd__is(c->platform, "darwin")) {
    const char *snap = fsd__snap_name(c);
    /* classic snaps (node, code, go, the JetBrains IDEs ...) run
     * unconfined: their snap says nothing of a refusal */
    static const char *const classic[] = {
        "node", "code", "code-insiders", "go", "kubectl", "helm", "dotnet-sdk",
        "flutter", "android-studio", "intellij-idea-community",
        "intellij-idea-ultimate", "pycharm-community", "pycharm-professional",
        "webstorm", "clion", "goland", "phpstorm", "rider", "sublime-text",
        "aws-cli", "google-cloud-cli", "google-cloud-sdk", "rustup",
        "powershell", "ruby", "julia", "zig", "cmake", "microk8s",
        "terraform", "certbot", "nvim", "emacs", NULL};
    size_t ci;
    for (ci = 0; snap != NULL && classic[ci] != NULL; ci++)
      if (strcmp(snap, classic[ci]) == 0) snap = NULL;
    if (snap != NULL) {
      /* a strict snap reaches a home's plain files only through the home
       * interface, which not every snap plugs: kept at 0.7 (measured: a
       * lower guess for plain home files lost as many reports as it won) */
      k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.7,
                     "The program runs as a snap: strict confinement keeps "
                     "it from {path} whatever the permission bits say.");
      if (k != NULL) {
        fsd__var(&k->vars, "snapname", snap);
        /* a sandbox, like macOS privacy: the fixes for a system place
         * ("!privacy") do not apply */
        fsd__var(&k->vars, "privacy", "yes");
      }
    }
  }
  if (!c->live && c->posix && fsd__flatpak_portal(c->path)) {
    /* Flatpak's document portal: a FUSE view of what the app was given */
    k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.7,
                   "{path} is Flatpak's document portal: the sandboxed app "
                   "sees there only the files it was granted, whatever "
                   "their permission bits say.");
    if (k != NULL) {
      fsd__var(&k->vars, "portal", c->path);
      fsd__var(&k->vars, "privacy", "yes");
    }
  }
  if (!c->live && c->posix && !fsd__is(c->platform, "darwin") && c->path != NULL &&
      (strncmp(c->path, "/home/", 6) == 0 || strcmp(c->path, "/home") == 0 ||
       strncmp(c->path, "/root/", 6) == 0 || strncmp(c->path, "/run/user/", 10) == 0)) {
    const char *unit = fsd__unit_said(c);
    if (unit != NULL && !fsd__safe_unit(unit)) unit = NULL;
    if (unit != NULL || fsd__journal_line(c->err->message)) {
      k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.52,
                     "A systemd service was refused {path}: a unit's "
                     "ProtectHome= (or SELinux, which keeps services out of "
                     "home directories) denies a service there whatever the "
                     "permission bits say.");
      if (k != NULL) {
        if (unit != NULL) fsd__var(&k->vars, "unit", unit);
        fsd__var(&k->vars, "privacy", "yes");
      }
    }
  }
  /* The pathinfo that denies, else the path's. */
  (void)fsd__denied(c, &p);
  measured = p != NULL && p->protected_location == 1;
  /* Windows keeps these folders at a drive's root even from
   * administrators: changing them is refused whatever the ACL says. */
  {
    if (fsd__root_folder(c->path, c->win) && !fsd__walk_call(c->syscall)) {
      k = fsd__guess(c, FSD_CAUSE_PROTECTED_LOCATION, 0.75,
                     "{path} is a folder Windows keeps for itself at the "
                     "drive's root; it refuses changes even to "
                     "administrators.");
      if (k != NULL) {
        fsd_set_str(c->a, k->evidence, "path", c->path);
        fsd__var(&k->vars, "rootfolder", c->path);
      }
    }
  }
  /* /usr is root's own: root failing there is something else. */
  if (!(sh & (FSD__SH_PROGFILES | FSD__SH_WINDIR | FSD__SH_SYSTEM)) &&
      !((sh & FSD__SH_USR) && !(sh & FSD__SH_GLOBAL) &&
        (!c->live || fsd__euid(c) != 0)) &&
      !measured)
    return;
  /* Text only, Linux's /usr and /etc are root's by their mode bits, not
   * by a protection of the system's (macOS keeps /usr with SIP): the
   * threads show permission-denied (no sudo), an immutable resolv.conf,
   * root's files; a system place stays named, below those */
  k = fsd__add(c, FSD_CAUSE_PROTECTED_LOCATION,
               measured ? 0.85
               : !c->live && !(sh & (FSD__SH_PROGFILES | FSD__SH_WINDIR | FSD__SH_SYSTEM)) &&
                         !fsd__is(c->platform, "darwin")
                   ? 0.45
                   : 0.7);
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "path", c->path);
  if (p != NULL)
    fsd_set_tri(c->a, k->evidence, "protectedLocation", p->protected_location);
  fsd__detail(c, k,
              "{path} is in a system location that only "
              "administrators may change.");
}
