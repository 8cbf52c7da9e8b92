/* Links that cannot be made: symlink-privilege (Windows refuses symlinks to
 * an account without SeCreateSymbolicLinkPrivilege while Developer Mode is
 * off), fs-no-symlinks and fs-no-hardlinks (FAT, exFAT and some shares
 * cannot store them). One family: the filesystem is asked first, then the
 * privilege, then a live test link. */

#include "causes/kit.h"

#include <ctype.h>

static const char *const fsd__link_codes[] = {"EPERM",   "EACCES",     "ENOSYS",
                                              "ENOTSUP", "EOPNOTSUPP", NULL};
static const char *const fsd__symlink[] = {"symlink", NULL};
static const char *const fsd__link[] = {"link", NULL};

/* The live link test runs where the new name goes: symlink(target, path)
 * and link(existing, new) put it in dest. Other calls get no test. */
static const char *fsd__link_dir(fsd_arena_t *a, const fsd_error_t *err) {
  int two = err->dest != NULL && err->dest[0] != '\0';
  if (!fsd__is(err->syscall, "symlink") && !fsd__is(err->syscall, "link"))
    return NULL;
  return fsd__parent(a, two ? err->dest : err->path);
}

/* The filesystem is measured for these codes whatever the call. */
#define FSD__LINK_WANTS(calls)                                    \
  {FSD__PROBE_FS, fsd__link_codes, NULL, 0, NULL},                \
      {FSD__PROBE_DEST_FS, NULL, calls, 0, NULL},                 \
      {FSD__PROBE_PRIV, fsd__link_codes, NULL, 0, fsd__link_dir}, \
      FSD__WANT_END

const fsd__want_t fsd__wants_symlink_privilege[] = {
    FSD__LINK_WANTS(fsd__symlink)};
const fsd__want_t fsd__wants_fs_no_symlinks[] = {FSD__LINK_WANTS(fsd__symlink)};
const fsd__want_t fsd__wants_fs_no_hardlinks[] = {FSD__LINK_WANTS(fsd__link)};

/* clang-format off */
const fsd__fix_t fsd__fixes_symlink_privilege[] = {
    {"win32", "powershell", NULL, NULL,
     "Turn on Developer Mode (Settings > System > For developers): it lets "
     "an ordinary account create symlinks.",
     {FSD__I("Start-Process ms-settings:developers"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, NULL,
     "Or set the Developer Mode switch directly from an elevated prompt "
     "(it also lets apps be sideloaded).",
     {FSD__W(NULL,
             "reg add \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion"
                  "\\AppModelUnlock\" /t REG_DWORD /f /v "
                  "AllowDevelopmentWithoutDevLicense /d 1"),
      FSD__CMDS_END}, FSD__FIX_OR},
    {"win32", NULL, NULL, NULL,
     "Or run the command from an elevated shell (Run as administrator), "
     "which holds the symlink privilege.",
     {FSD__CMDS_END}, FSD__FIX_OR},
    {"all", NULL, NULL, "npmctx",
     "Or have npm skip the bin links: scripts in node_modules/.bin are then "
     "not created.",
     {FSD__C(NULL, "npm install --no-bin-links"), FSD__CMDS_END}, FSD__FIX_OR},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_fs_no_symlinks[] = {
    {"all", NULL, NULL, "nosys",
     "The program has no symlinks here (ENOSYS), whatever the drive holds. "
     "For git, check out with core.symlinks false (each link becomes a "
     "small file naming its target) or update Git for Windows and enable "
     "symbolic links when installing it; for other programs, update them.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!nosys",
     "This filesystem[[ ({mount}, {fstype})]] cannot store symlinks. Keep "
     "the project on "
     "a filesystem that can (ext4, APFS, NTFS) and use this drive only for "
     "copies.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!pnpm,npmctx",
     "If it must stay here, stop npm from linking: no bin links, and copy "
     "local file: dependencies instead of linking them.",
     {FSD__C(NULL, "npm install --no-bin-links --install-links"),
      FSD__CMDS_END}, FSD__FIX_OR},
    {"all", NULL, NULL, "pnpm",
     "If it must stay here, let pnpm lay node_modules out flat, without "
     "links: add node-linker=hoisted to the project's .npmrc, then install "
     "again.",
     {FSD__CMDS_END}, FSD__FIX_OR},
    {"win32", "powershell", NULL, "pnpm,drive",
     "See which filesystem the drive has (FileSystemType: exFAT, FAT32 or "
     "NTFS).",
     {FSD__I("Get-Volume -DriveLetter {drive}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_fs_no_hardlinks[] = {
    {"all", NULL, NULL, NULL,
     "This filesystem[[ ({mount}, {fstype})]] cannot hold hard links. Put the project and the "
     "package store on a filesystem that can, or let the package manager "
     "copy files.",
     {FSD__C(NULL, "pnpm config set package-import-method copy"),
      FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

static int fsd__link_failed(fsd__ctx_t *c, const char *call) {
  return fsd__one_of(c->code, fsd__link_codes) && FSD__SYS(call);
}

/* For symlink(target, path) and link(existing, new) the new name is in
 * dest; that is where the filesystem matters. */
static const fsd_fsinfo_t *fsd__new_fs(fsd__ctx_t *c) {
  return c->ev->dest_fs != NULL ? c->ev->dest_fs : c->ev->fs;
}

/* Measured: the filesystem cannot hold this kind of link. */
static int fsd__fs_refuses(fsd__ctx_t *c, fsd_cause_id_t id) {
  const fsd_fsinfo_t *f = fsd__new_fs(c);
  int sym = id == FSD_CAUSE_FS_NO_SYMLINKS;
  fsd__cand_t *k;
  if (f == NULL || (sym ? f->symlinks : f->hardlinks) != 0) return 0;
  k = fsd__add(c, id, 0.95);
  if (k == NULL) return 1;
  fsd_set_str(c->a, k->evidence, "type", f->type);
  fsd_set_str(c->a, k->evidence, "subtype", f->subtype);
  fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
  fsd_set_bool(c->a, k->evidence, sym ? "symlinks" : "hardlinks", 0);
  fsd__var(&k->vars, "mount", f->mount_point);
  fsd__var(&k->vars, "fstype", f->subtype ? f->subtype : f->type);
  k->detail =
      fsd_printf(c->a, "%s is %s%s%s, which cannot hold %s.",
                 f->mount_point ? f->mount_point : "The filesystem",
                 f->type ? f->type : "?", f->subtype ? "/" : "",
                 f->subtype ? f->subtype : "", sym ? "symlinks" : "hard links");
  return 1;
}

static int fsd__no_privilege(fsd__ctx_t *c) {
  const fsd_privileges_t *pv = c->ev->priv;
  return c->win && pv != NULL && pv->symlink_privilege == 0 &&
         pv->developer_mode != 1;
}

/* A test symlink in the same directory failed as well. */
static int fsd__test_failed(fsd__ctx_t *c) {
  const fsd_privileges_t *pv = c->ev->priv;
  return pv != NULL && pv->can_symlink == 0 && fsd__new_fs(c) != NULL;
}

static int fsd__fs_cannot_symlink(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = fsd__new_fs(c);
  return f != NULL && f->symlinks == 0;
}

void fsd__rule_symlink_privilege(fsd__ctx_t *c) {
  const fsd_privileges_t *pv = c->ev->priv;
  fsd__cand_t *k;
  if (fsd__link_failed(c, "symlink") && !fsd__fs_cannot_symlink(c) &&
      fsd__no_privilege(c)) {
    k = fsd__add(c, FSD_CAUSE_SYMLINK_PRIVILEGE, 0.95);
    if (k == NULL) return;
    fsd_set_tri(c->a, k->evidence, "symlinkPrivilege", pv->symlink_privilege);
    fsd_set_tri(c->a, k->evidence, "developerMode", pv->developer_mode);
    fsd_set_tri(c->a, k->evidence, "elevated", pv->elevated);
    k->detail =
        "This account lacks SeCreateSymbolicLinkPrivilege and "
        "Developer Mode is off.";
    return;
  }
  if (!fsd__link_failed(c, "symlink") && c->win && !c->live &&
      c->syscall[0] == '\0' &&
      (((FSD__CODE("EPERM") || FSD__CODE("EACCES")) &&
        (fsd__said(c, "symlink") || fsd__said(c, "nvm use") ||
         fsd__said(c, "nvm install"))) ||
       (FSD__CODE("UNKNOWN") && fsd__said(c, "exit status ") &&
        fsd__said(c, "nvm use")))) {
    /* nvm-windows switches versions by re-pointing a symlink: its
     * "exit status 1: Access is denied" is the same refusal, and so is
     * that line in the console's code page, read as UNKNOWN. */
    /* Node 0.10's "EPERM, operation not permitted 'C:\x'" names no call:
     * the words around it ("Error creating symlink") do. */
    fsd__guess(c, FSD_CAUSE_SYMLINK_PRIVILEGE, 0.75,
               "The log is about creating a symlink: Windows refuses them to "
               "accounts without the symlink privilege unless Developer Mode "
               "is on.");
    return;
  }
  if (!fsd__link_failed(c, "symlink") || fsd__fs_cannot_symlink(c)) return;
  if (fsd__test_failed(c) || !c->win) return;
  /* ENOSYS: the program has no symlinks at all, whoever runs it */
  fsd__guess(c, FSD_CAUSE_SYMLINK_PRIVILEGE, FSD__CODE("ENOSYS") ? 0.3 : 0.8,
             "Windows refuses symlinks to accounts without the symlink "
             "privilege unless Developer Mode is on.");
}

/* A VirtualBox or Vagrant shared folder (vboxsf), by its path or by what
 * the rest of the log says. */
static int fsd__vbox_share(fsd__ctx_t *c) {
  return (c->sh & FSD__SH_VBOX) || fsd__said(c, "vboxsf") ||
         fsd__said(c, "/vagrant") || fsd__said(c, "/media/sf_") ||
         fsd__said(c, "vagrant ") || fsd__said(c, "virtualbox");
}

/* Shared folders answer symlink() with EROFS, EPROTO or EIO while every
 * other write works: the filesystem cannot hold symlinks. */
static int fsd__share_refuses(fsd__ctx_t *c) {
  static const char *const odd[] = {"EROFS", "EPROTO", "EIO", "EXDEV",
                                    "UNKNOWN", NULL};
  int vbox;
  if (!FSD__SYS("symlink") || !fsd__one_of(c->code, odd)) return 0;
  if (fsd__fs_refuses(c, FSD_CAUSE_FS_NO_SYMLINKS)) return 1;
  if (c->live && c->ev->fs != NULL && c->ev->fs->read_only == 1) return 0;
  vbox = fsd__vbox_share(c);
  fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS, vbox ? 0.92 : 0.75,
             vbox ? "VirtualBox and Vagrant shared folders (vboxsf) cannot "
                    "store symlinks; symlink() fails there with {code} while "
                    "other writes work."
                  : "symlink() failed where other writes worked: the "
                    "filesystem (a VirtualBox or Vagrant share, FAT, some "
                    "network shares) cannot store symlinks.");
  return 1;
}

void fsd__rule_fs_no_symlinks(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = fsd__new_fs(c);
  fsd__cand_t *k;
  if (c->win && !c->live && FSD__CODE("ENOENT") && FSD__SYS("rename") &&
      c->path != NULL && c->path[0] != '\0' && c->dest != NULL && fsd__has(c->dest, "\\.ignored_") && (c->sh & FSD__SH_PNPM)) {
    /* pnpm moves aside (".ignored_<name>") an entry of its layout that is
     * no link where it made one: on an exFAT or FAT drive its junctions
     * were never made, and the entry is not there to move */
    k = fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS,
               (c->path[0] | 0x20) != 'c' && c->path[1] == ':' ? 0.7 : 0.5,
               "pnpm's layout under node_modules\\.pnpm is made of links "
               "(junctions on Windows); on a drive formatted exFAT or FAT "
               "(a USB drive, an SD card) they cannot be made. Keep the "
               "project on an NTFS drive, or set node-linker=hoisted.");
    if (k == NULL) return;
    fsd__var(&k->vars, "pnpm", "yes");
    if (isalpha((unsigned char)c->path[0]) && c->path[1] == ':')
      fsd__var(&k->vars, "drive", fsd_strndup(c->a, c->path, 1));
    return;
  }
  if (!c->live && c->posix && (FSD__CODE("EPERM") || FSD__CODE("EACCES")) &&
      (FSD__SYS("symlink") ||
       (FSD__SYS("rename") && !fsd__android_storage(c->path) &&
        !fsd__said(c, "rename"))) &&
      fsd__android_storage(c->dest)) {
    /* Android's shared storage holds no links. Python's bare "'a' -> 'b'"
     * (read as a rename; a rename says so) with the new name there and the
     * old one elsewhere is venv's or pip's symlink: a move would be EXDEV. */
    fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS, 0.75,
               "Android's shared storage ({dest}) cannot hold symlinks: keep "
               "environments and projects in the app's own home directory.");
    return;
  }
  if (fsd__share_refuses(c)) return;
  if (!fsd__link_failed(c, "symlink") &&
      !(c->win && FSD__CODE("EISDIR") && FSD__SYS("symlink")))
    return;
  if (fsd__fs_refuses(c, FSD_CAUSE_FS_NO_SYMLINKS) || fsd__no_privilege(c))
    return;
  if (fsd__test_failed(c)) {
    k = fsd__add(c, FSD_CAUSE_FS_NO_SYMLINKS, 0.8);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "type", f->type);
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd_set_bool(c->a, k->evidence, "canSymlink", 0);
    k->detail = fsd_printf(
        c->a, "A test symlink in %s failed too.",
        c->ev->priv->probe_dir ? c->ev->priv->probe_dir : "the directory");
    return;
  }
  if (fsd__vbox_share(c))
    fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS, 0.9,
               "VirtualBox and Vagrant shared folders (vboxsf) cannot store "
               "symlinks.");
  else if (c->win && FSD__CODE("EISDIR") && !(f != NULL && f->symlinks == 1))
    /* CreateSymbolicLink on a volume without reparse points (exFAT,
     * FAT32) fails with ERROR_INVALID_FUNCTION, which libuv calls EISDIR. */
    fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS, 0.85,
               "On Windows EISDIR from symlink is ERROR_INVALID_FUNCTION: "
               "the drive's filesystem (exFAT, FAT32) cannot hold symlinks "
               "or junctions.");
  else if (c->win && FSD__CODE("ENOSYS")) {
    /* a program built without symlinks on Windows (old Git for Windows
     * with core.symlinks forced on, MSYS): nothing on the volume */
    k = fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS, 0.7,
                   "The program does not implement symlinks on Windows "
                   "(ENOSYS): check out or copy without them (git: "
                   "core.symlinks false), or use a version that creates "
                   "them.");
    if (k != NULL) fsd__var(&k->vars, "nosys", "yes");
  }
  else if (c->win)
    fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS, 0.2,
               "The target drive may be FAT/exFAT, which has no symlinks.");
  else
    fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS, 0.65,
               "On Linux and macOS this error from symlink() means the "
               "filesystem (FAT, exFAT, some shares) cannot store symlinks.");
}

void fsd__rule_fs_no_hardlinks(fsd__ctx_t *c) {
  /* CreateHardLink on a volume without hard links (exFAT, FAT32) fails
   * with ERROR_INVALID_FUNCTION, which libuv calls EISDIR */
  if (c->win && FSD__CODE("EISDIR") && FSD__SYS("link") && !c->live) {
    fsd__guess(c, FSD_CAUSE_FS_NO_HARDLINKS, 0.85,
               "On Windows EISDIR from link is ERROR_INVALID_FUNCTION: the "
               "drive's filesystem (exFAT, FAT32) cannot hold hard links.");
    return;
  }
  /* OneDrive's cloud files (Files On-Demand) take no hard links: Windows'
   * ERROR_CLOUD_FILE_INCOMPATIBLE_HARDLINKS (396), which libuv leaves
   * UNKNOWN */
  if (c->win && FSD__SYS("link") && FSD__CODE("UNKNOWN") &&
      fsd__said(c, "incompatible hardlinks")) {
    fsd__guess(c, FSD_CAUSE_FS_NO_HARDLINKS, 0.85,
               "Windows refuses hard links to files a cloud provider "
               "(OneDrive's Files On-Demand) manages: error 396, "
               "ERROR_CLOUD_FILE_INCOMPATIBLE_HARDLINKS.");
    return;
  }
  if (!fsd__link_failed(c, "link")) return;
  if (fsd__fs_refuses(c, FSD_CAUSE_FS_NO_HARDLINKS)) return;
  fsd__guess(c, FSD_CAUSE_FS_NO_HARDLINKS, 0.6,
             "The filesystem may not support hard links.");
  /* "unable to create link" names no kind: a tool's link is as often a
   * symlink ("latest" -> a backup), which such a filesystem lacks too */
  if (!c->live && fsd__said(c, "create link") && !fsd__said(c, "hard link") &&
      !fsd__said(c, "hardlink"))
    fsd__guess(c, FSD_CAUSE_FS_NO_SYMLINKS, 0.5,
               "The text says only \"link\": if the tool makes a symbolic "
               "link there, the filesystem may hold no symlinks.");
}
