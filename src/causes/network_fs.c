/* network-fs: NFS, SMB/CIFS, sshfs and the like, where locks, link limits
 * and caching differ from a local disk. */

#include "causes/kit.h"

#include <string.h>

/* The codes the rule claims. */
static const char *const fsd__net_codes[] = {
    "EPERM",  "EACCES", "EBUSY",  "ENOTEMPTY", "EIO",
    "EMLINK", "ESTALE", "ENOSYS", "ENOLCK",
    "UNKNOWN", /* libuv's for a share's errors */
    NULL};
/* Measured for NFS's lock errors too, which the rule does not claim yet. */
static const char *const fsd__net_measured[] = {
    "EPERM",  "EACCES", "EBUSY",  "ENOTEMPTY", "EIO",
    "EMLINK", "ESTALE", "ENOLCK", "EAGAIN",    NULL};

const fsd__want_t fsd__wants_network_fs[] = {
    {FSD__PROBE_FS, fsd__net_measured, NULL, 0, NULL}, FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_network_fs[] = {
    /* Windows' cloud files (OneDrive's Files On-Demand) and the mount
     * points it will not follow */
    {"win32", NULL, NULL, "cloudfile",
     "The folder is kept by a cloud client (OneDrive most often; a "
     "junction an ordinary account made behaves the same). Keep the "
     "tool's folders outside the synced folder (in %LOCALAPPDATA%), or "
     "make them always kept on this device (Always keep on this device), "
     "or replace the junction with a real folder.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "rootsquash",
     "An NFS server that squashes root maps root to nobody, so what root "
     "does on {rootsquash} (chown, chmod, creating in a directory only its "
     "owner may write) is refused. Change the owner on the "
     "server, or run the process as the uid that owns the files; for a "
     "Docker volume, mount it with nocopy so Docker does not chown it. "
     "Exporting with no_root_squash lifts the protection for every client: "
     "only if that is intended.",
     {FSD__I("ls -lnd -- {rootsquash}"), FSD__I("id"), FSD__CMDS_END}, 0},
    {"darwin", "bash", NULL, "nolockfs",
     "The filesystem does not implement the call or keep its locks, file "
     "locks most often: an SMB or NFS share, a FUSE mount. Keep the tool's "
     "lock, cache or database files on a local disk; mount shows each "
     "volume's type.",
     {FSD__I("mount"), FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "nolockd",
     "No lock manager answered (ENOLCK): on NFS the client's or the "
     "server's lock daemons (rpc.statd, lockd) are not running or not "
     "reachable. Ask whoever runs the mount to start them, or keep the "
     "tool's lock, cache or database files on a local disk.",
     {FSD__I("findmnt -T {nolockd}"), FSD__I("rpcinfo -p"), FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "nolockfs",
     "The filesystem does not implement the call or keep its locks, file "
     "locks most often: NFS mounted with nolock, Lustre without its "
     "flock option, CIFS, a cloud storage or other FUSE mount. Keep the "
     "tool's lock, cache or database files on a local disk (most tools "
     "have a setting for where they keep them), or ask whoever runs the "
     "mount for locking. findmnt shows the mount and its options.",
     {FSD__I("findmnt -T {nolockfs}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!rootsquash,!nolockfs,!nolockd,npmctx",
     "[[{mount} is|The path is on]] a network filesystem[[ ({fstype})]]; locks and links behave "
     "differently there. Keep npm's cache and the project on a local disk.",
     {FSD__C("npm:cache", "npm config set cache ~/.npm"), FSD__CMDS_END}, 0},
    {"win32", NULL, NULL, "nolockfs",
     "Locks on a network share are the server's: keep the tool's lock, "
     "cache or database files on a local disk.",
     {FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!nolockfs,npmctx,!cloudfile",
     "[[{mount} is|The path is on]] a network share. Keep npm's cache and global prefix on a "
     "local disk.",
     {FSD__C("npm:cache",
             "npm config set cache \"$env:LOCALAPPDATA\\npm-cache\""),
      FSD__C("npm:prefix", "npm config set prefix \"$env:APPDATA\\npm\""),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "!nolockfs,npmctx,!cloudfile",
     "[[{mount} is|The path is on]] a network share. Keep npm's cache and global prefix on a "
     "local disk.",
     {FSD__C("npm:cache",
             "npm config set cache \"%LOCALAPPDATA%\\npm-cache\""),
      FSD__C("npm:prefix", "npm config set prefix \"%APPDATA%\\npm\""),
      FSD__CMDS_END}, 0},
    /* no npm in sight: the tool's own files */
    {"all", NULL, NULL, "!rootsquash,!nolockfs,!nolockd,!npmctx,!cloudfile",
     "[[{mount} is|The path is on]] a network share or a mounted drive whose "
     "filesystem lacks what a local disk has (locks, links, modes, memory "
     "maps). Work on a copy on a local disk: clone or copy the project "
     "there and run the tool from it.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!rootsquash,!nolockfs,!nolockd,npmctx,!cloudfile",
     "Copy local file: dependencies instead of linking them (npm 9+), or pack "
     "them into a tarball.",
     {FSD__C(NULL, "npm install --install-links"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* A component that names a mount: "mnt", "media", "nfs", "clouddrive",
 * "s3mount", "mount", "x_mount", "x-mount" (not "amount"). */
static int fsd__mount_named(const char *p) {
  const char *s, *start;
  size_t n;
  for (s = start = p; p != NULL; s++) {
    if (*s == '/' || *s == '\0') {
      n = (size_t)(s - start);
      if ((n == 3 && memcmp(start, "mnt", 3) == 0) ||
          (n == 5 && memcmp(start, "media", 5) == 0) ||
          (n == 3 && memcmp(start, "nfs", 3) == 0) ||
          (n == 10 && memcmp(start, "clouddrive", 10) == 0) ||
          (n >= 5 && memcmp(s - 5, "mount", 5) == 0 &&
           (n == 5 || s[-6] == '_' || s[-6] == '-' ||
            (n == 7 && memcmp(start, "s3", 2) == 0))))
        return 1;
      if (*s == '\0') return 0;
      start = s + 1;
    }
  }
  return 0;
}

/* ENOSYS that is a filesystem's: a lock, or a call on a path; not a
 * program's (spawn), libuv's own (uv_*), nor a kernel or sandbox without
 * the call (seccomp, qemu's user mode, WSL 1). */
static int fsd__lock_said(fsd__ctx_t *c) {
  return fsd__said(c, "flock") || fsd__said(c, "lockf") ||
         fsd__said(c, "to lock") || fsd__said(c, "lock file") ||
         fsd__said(c, "locking") || fsd__said_word(c, "lock");
}

static int fsd__nosys_fs(fsd__ctx_t *c) {
  int lock = fsd__lock_said(c);
  /* multiprocessing's SemLock without /dev/shm (AWS Lambda) is no file's */
  if (fsd__said(c, "semlock") || fsd__said(c, "sem_open") ||
      fsd__said(c, "multiprocessing") ||
      fsd__said(c, "seccomp") || fsd__said(c, "qemu") ||
      fsd__said(c, "unsupported syscall") || fsd__is(c->platform, "wsl") ||
      fsd__said_word(c, "wsl1") || FSD__SYS("spawn") ||
      strncmp(c->syscall, "uv_", 3) == 0)
    return 0;
  return lock || (c->path != NULL && !FSD__SYS("read") && !FSD__SYS("write"));
}

/* Mode and owner calls: fs-no-permissions' for ENOSYS (fusefat). */
static const char *const fsd__mode_call_names[] = {
    "chmod", "fchmod", "lchmod", "chown", "fchown", "lchown", NULL};

/* "Q:\\", "Q:" or "Q:/": a drive's root, not C:'s. */
static int fsd__mapped_root(const char *p) {
  if (p == NULL || !((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) ||
      p[1] != ':' || p[0] == 'C' || p[0] == 'c')
    return 0;
  return p[2] == '\0' || ((p[2] == '\\' || p[2] == '/') && p[3] == '\0');
}

void fsd__rule_network_fs(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  fsd__cand_t *k;
  if (!c->live && FSD__CODE("EINVAL") && FSD__SYS("fsync") && c->path != NULL &&
      (fsd__said(c, "directory") || fsd__said(c, "dir sync"))) {
    /* fsync of a directory: refused by shares that cannot sync one
     * (VirtualBox shared folders, some FUSE and network filesystems); a
     * pipe's or a FIFO's fsync is EINVAL too, so the text must say
     * directory */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.65,
               "Syncing a directory[[ ({path})]] was refused as invalid: "
               "shared folders of a VM (VirtualBox, boot2docker) and some "
               "FUSE and network filesystems cannot sync a directory. Keep "
               "the data on the machine's own disk.");
    return;
  }
  if (!c->live && c->win && FSD__CODE("EISDIR") &&
      (FSD__SYS("lstat") || FSD__SYS("stat") || FSD__SYS("readlink") ||
       FSD__SYS("realpath"))) {
    /* libuv's EISDIR is ERROR_INVALID_FUNCTION here: a filesystem driver
     * without the call (the redirector of a share or of \\wsl$, a
     * virtual drive), since a stat of a directory is no error */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.6,
               "On Windows EISDIR from {syscall} is ERROR_INVALID_FUNCTION: "
               "the drive's driver lacks the call, as the redirectors of "
               "network shares and of WSL's \\\\wsl$ do for a Linux "
               "symlink, and some virtual drives do.");
    return;
  }
  if (!c->live && !c->win &&
      (FSD__CODE("EDEADLK") ||
       (fsd__is(c->platform, "darwin") && fsd__said(c, "unknown system error -11")))) {
    /* macOS answers EDEADLK (11) to a read of a dataless file: iCloud
     * Drive's Optimize Mac Storage evicted its contents */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.75,
               "On macOS this read error (EDEADLK, 11) is a file iCloud Drive "
               "evicted to the cloud (Optimize Mac Storage): download it "
               "first (Finder's Download Now, or brctl download), or keep "
               "the project outside iCloud Drive.");
    return;
  }
  if (!c->live && c->posix && c->path != NULL &&
      strncmp(c->path, "/run/user/", 10) == 0 && strstr(c->path, "/gvfs/") != NULL &&
      (FSD__CODE("EOPNOTSUPP") || FSD__CODE("ENOTSUP") || FSD__CODE("ENOSYS") ||
       ((FSD__CODE("EPERM") || FSD__CODE("EACCES")) &&
        (FSD__SYS("chmod") || FSD__SYS("chown") || FSD__SYS("utime") ||
         FSD__SYS("link") || FSD__SYS("symlink") || FSD__SYS("rename"))))) {
    /* GNOME's GVfs: a share the file manager opened (SMB, SFTP, a
     * phone's MTP), seen through one FUSE mount */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.8,
               "{path} is in GNOME's GVfs mount (a share the file manager "
               "opened: SMB, SFTP, a phone over MTP), which lacks much of "
               "what a local disk has: modes, links, locks.");
    return;
  }
  if (!c->live && c->win && fsd__said(c, "cloud file provider is not running")) {
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.85,
               "The folder[[ {path}]] is kept by a cloud provider (OneDrive "
               "most often) whose client is not running, so its files "
               "cannot be read: start the client, or keep the file outside "
               "the synced folder.");
    return;
  }
  if (!c->live && c->win &&
      (fsd__said(c, "os error 448") || fsd__said(c, "winerror 448") ||
       fsd__said(c, "untrusted mount point"))) {
    /* ERROR_UNTRUSTED_MOUNT_POINT: Windows would not follow a reparse
     * point on the path */
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.6,
               "Windows refused to follow a mount point on the path[[ to "
               "{path}]] (error 448, an untrusted mount point): most often "
               "a folder OneDrive keeps as cloud files (Files On-Demand), "
               "or a junction an ordinary account made. Keep the tool's "
               "folders outside OneDrive (in %LOCALAPPDATA%) or replace the "
               "junction with a real folder.");
    if (k != NULL) fsd__var(&k->vars, "cloudfile", "yes");
    return;
  }
  if (!c->live && c->win && c->path != NULL &&
      (fsd__has(c->path, "\\OneDrive\\") || fsd__has(c->path, "\\OneDrive - ") ||
       (strlen(c->path) >= 9 && fsd__has(c->path + strlen(c->path) - 9, "\\OneDrive"))) &&
      (FSD__CODE("EINVAL") || FSD__CODE("EIO") || FSD__CODE("UNKNOWN") ||
       (FSD__CODE("EEXIST") && FSD__SYS("mkdir")))) {
    /* OneDrive's folders are reparse points (Files On-Demand): a tool that
     * reads them as plain folders, or lstat on a placeholder, fails in
     * ways a local folder does not (EINVAL, mkdir of a folder that is
     * there) */
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.62,
                   "{path} is in a folder OneDrive keeps (Files On-Demand): "
                   "its folders and files are reparse points that some "
                   "tools misread, so calls fail there that work on a local "
                   "folder.");
    if (k != NULL) fsd__var(&k->vars, "cloudfile", "yes");
    return;
  }
  if (!c->live && c->win && fsd__said(c, "access to the cloud file is denied")) {
    /* ERROR_CLOUD_FILE_ACCESS_DENIED (395): OneDrive's placeholder refused
     * the program (Known Folder Redirection puts Documents there) */
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.8,
                   "Windows says the cloud file was denied (error 395): the "
                   "path[[ {path}]] is in a folder OneDrive keeps, Documents "
                   "most often when OneDrive backs it up, and its client "
                   "refused the program.");
    if (k != NULL) fsd__var(&k->vars, "cloudfile", "yes");
    return;
  }
  if (!c->live && c->win && FSD__CODE("EOPNOTSUPP") &&
      fsd__said(c, "incorrect function")) {
    /* ERROR_INVALID_FUNCTION: the filesystem lacks the call (a lock, a
     * memory map) that NTFS has: a share, \\wsl$, a FUSE or RAM drive */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.55,
               "Windows answered \"Incorrect function\" "
               "(ERROR_INVALID_FUNCTION): the drive's filesystem does not "
               "implement the call, most often a network share, \\\\wsl$ "
               "or a drive mounted by a FUSE-like driver (sshfs-win, "
               "Dokan, WinFsp).");
    return;
  }
  if (!c->live && !c->win && fsd__nfs_silly(c->path)) {
    /* the name itself says NFS: below the process that keeps it open */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.5,
               "{path} is a name only NFS gives (a removed file a process "
               "still has open): the tree is on NFS, whose server and "
               "client decide what happens to it.");
    return;
  }
  if (!c->live && !c->win && FSD__SYS("symlink") &&
      (FSD__CODE("EOPNOTSUPP") || FSD__CODE("ENOTSUP"))) {
    /* the other usual place a symlink is "not supported": a Windows
     * share mounted over CIFS without Unix extensions, a VM's shared
     * folder (fs-no-symlinks names the local volumes, above this) */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.35,
               "A share refuses symlinks the same way: a Windows or SMB "
               "share mounted over CIFS without Unix extensions (mfsymlinks "
               "off), or a VM's shared folder.");
    return;
  }
  if (!c->live && !c->win && FSD__CODE("ENOLCK")) {
    /* no lock manager answers: NFS without lockd or statd (mounted
     * without nolock, the server's or client's daemon not running) */
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.8,
                   "No locks available (ENOLCK): the lock manager of a "
                   "network filesystem, NFS most often, does not answer. "
                   "Tools that lock files there (conda, pip, Spack, "
                   "SQLite) fail.");
    if (k != NULL)
      fsd__var(&k->vars, "nolockd",
               c->path != NULL && c->path[0] == '/' ? c->path : ".");
    return;
  }
  if (!c->live && !c->win && FSD__CODE("ENOSYS") && !FSD__SYS("symlink") &&
      !FSD__SYS("link") && !fsd__one_of(c->syscall, fsd__mode_call_names) &&
      fsd__nosys_fs(c)) {
    /* a file call the kernel has and the filesystem does not implement:
     * locks on NFS mounted nolock or Lustre without flock (Python's
     * fcntl.lockf, cargo's lock file), a rename on a cloud storage FUSE
     * mount; a program's own missing call says so in other words */
    int lock = fsd__lock_said(c);
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, lock ? 0.75 : 0.6,
                   lock ? "The filesystem does not implement file locks "
                          "(ENOSYS): most often NFS mounted with nolock or "
                          "Lustre without its flock option, where a tool "
                          "that locks its files fails."
                        : "The filesystem[[ of {path}]] does not implement "
                          "the call[[ ({syscall})]] (ENOSYS): most often a "
                          "network or FUSE filesystem (a cloud storage "
                          "mount, sshfs, NFS) that lacks an operation a "
                          "local disk has.");
    if (k != NULL)
      fsd__var(&k->vars, "nolockfs",
               c->path != NULL && c->path[0] == '/' ? c->path : ".");
    return;
  }
  if (!c->live && !c->win && (FSD__CODE("EOPNOTSUPP") || FSD__CODE("ENOTSUP")) &&
      !FSD__SYS("symlink") && !FSD__SYS("link") && !FSD__SYS("watch") &&
      /* a copy's forced clone (COPYFILE_FICLONE_FORCE) fails so on ext4
       * too, and a copy names no other such operation */
      !fsd__copy_call(c->syscall)) {
    /* an operation a local disk has and the filesystem lacks: shares
     * (SMB, NFS, a VM's shared folder) and FUSE filesystems most often
     * (fsync, locks, extended attributes, clones) */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.4,
               "The filesystem[[ of {path}]] does not support the "
               "operation[[ ({syscall})]]: most often a network share (SMB, "
               "NFS, a VM's shared folder) or a FUSE filesystem, which lack "
               "calls a local disk has (fsync, locks, extended attributes).");
    return;
  }
  if (!fsd__one_of(c->code, fsd__net_codes)) return;
  if (f != NULL && f->network == 1) {
    k = fsd__add(c, FSD_CAUSE_NETWORK_FS, FSD__CODE("ESTALE") ? 0.9 : 0.6);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "type", f->type);
    fsd_set_str(c->a, k->evidence, "source", f->source);
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    k->detail =
        fsd_printf(c->a, "%s is a network filesystem (%s from %s).",
                   f->mount_point ? f->mount_point : "The path",
                   f->type ? f->type : "?", f->source ? f->source : "?");
  } else if (c->sh & FSD__SH_UNC) {
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.6, "{path} is on a network share.");
  } else if (c->win && FSD__CODE("UNKNOWN") && fsd__mapped_root(c->path)) {
    /* libuv's UNKNOWN on the root of a drive other than C: is what the
     * redirectors of mapped network drives answer to calls they lack. */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.6,
               "{path} is the root of a drive other than C:, most often a "
               "mapped network drive whose client does not answer this "
               "call.");
  } else if (!c->live && FSD__CODE("EPERM") &&
             (FSD__SYS("chown") || FSD__SYS("chmod")) &&
             fsd__share_said(c) == FSD__SHARE_NFS) {
    /* root's chown on NFS with root_squash: root is nobody there */
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.75,
                   "The log names NFS: a server that squashes root maps "
                   "root to nobody, and refuses its {syscall} there.");
    if (k != NULL && c->path != NULL && c->path[0] == '/')
      fsd__var(&k->vars, "rootsquash", c->path);
  } else if (!c->live && (FSD__CODE("EACCES") || FSD__CODE("EPERM")) &&
             fsd__share_said(c)) {
    /* a share's permissions are the server's: root squashed to nobody,
     * uids mapped, calls the server refuses (sftp's rename) */
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.6,
                   "The log names a network filesystem: on a share the "
                   "server decides (root squashed to nobody, its own uid "
                   "mapping, calls its protocol lacks).");
    if (k != NULL && c->path != NULL && c->path[0] == '/' &&
        fsd__share_said(c) == FSD__SHARE_NFS)
      fsd__var(&k->vars, "rootsquash", c->path);
  } else if (!c->live && FSD__CODE("EPERM") && FSD__SYS("chown") &&
             (fsd__container_said(c) ||
              (c->path != NULL && strncmp(c->path, "/bitnami/", 9) == 0))) {
    /* chown is root's in a container: refused, root's own volume is not
     * root's to change, most often NFS with root_squash (or all_squash,
     * mapall) or a host folder shared into a VM (Docker Desktop) */
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.65,
                   "A container's root was refused a chown: the volume is "
                   "most often a network share whose server maps root to "
                   "nobody (NFS root_squash, all_squash or mapall, CIFS) or "
                   "a host folder shared into a VM, where ownership is not "
                   "root's to change.");
    if (k != NULL && c->path != NULL && c->path[0] == '/')
      fsd__var(&k->vars, "rootsquash", c->path);
  } else if (!c->live && !c->win && FSD__CODE("EPERM") && FSD__SYS("chown")) {
    /* root may give any file to anyone on a local disk: a chown root was
     * refused is the filesystem's (rsync, an entrypoint's "+ chown" and
     * image builders chown as root; a user's own chown is refused by
     * design, which the owner rules name) */
    int root = fsd__said(c, "rsync") || fsd__said(c, "+ chown") ||
               fsd__said(c, "cannot change ownership to") || /* tar, as root */
               fsd__said(c, "apptainer") || fsd__said(c, "singularity") ||
               fsd__said(c, "sudo ");
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, root ? 0.62 : 0.45,
                   "A chown was refused[[ on {path}]]. Root may change "
                   "any owner on a local disk, so when root is refused the "
                   "filesystem decides owners itself: NFS squashing root "
                   "to nobody, a CIFS or FUSE mount.");
    if (k != NULL && c->path != NULL && c->path[0] == '/')
      fsd__var(&k->vars, "rootsquash", c->path);
  } else if (!c->live && !c->win && FSD__CODE("EPERM") &&
             (FSD__SYS("chmod") || FSD__SYS("utime")) &&
             !fsd__said(c, "permissions assignment failed") &&
             !fsd__is(c->platform, "wsl") &&
             /* lost+found: an ext filesystem's own, which keeps modes */
             !(c->path != NULL && fsd__lost_found(c->path))) {
    /* a mode or time only its owner or root may change: refused to root
     * (dockerd filling a volume, an entrypoint's "+ chmod"), or on a path
     * named as a mount, it is the filesystem's (S3 or SMB through FUSE or
     * CIFS, NFS squashing root); otherwise a guess below the owner's */
    int root = c->path != NULL && strncmp(c->path, "/var/lib/docker/", 16) == 0;
    int named = fsd__mount_named(c->path);
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, root || named ? 0.6 : 0.4,
                   root ? "Root was refused a {syscall}[[ on {path}]]: on a "
                          "local disk root may change any file's mode and "
                          "times, so the filesystem decides them itself (NFS "
                          "squashing root, a CIFS or FUSE mount)."
                        : "The filesystem[[ of {path}]] may keep no modes or "
                          "times of its own: a share (SMB through CIFS, NFS) "
                          "or a FUSE mount (S3, sshfs) refuses {syscall} even "
                          "to the file's owner.");
    if (k != NULL && root && c->path != NULL && c->path[0] == '/')
      fsd__var(&k->vars, "rootsquash", c->path);
  } else if (!c->live && !c->win && FSD__CODE("EPERM") && FSD__SYS("chmod") &&
             fsd__said(c, "permissions assignment failed") &&
             !(c->sh & FSD__SH_MNT)) {
    /* Jupyter's secure_write: the mode 0600 it set did not hold, as on a
     * share mounted with fixed modes (CIFS) */
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.55,
               "The mode just set on {path} did not hold: the filesystem "
               "keeps fixed modes, as a CIFS share mounted with file_mode "
               "does (a FAT or NTFS volume too).");
  } else if (!c->live && FSD__CODE("EBUSY") && fsd__said(c, "database is locked")) {
    /* SQLITE_BUSY that never clears: its locks do not hold on NFS or CIFS */
    k = fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.55,
               "SQLite found its database locked. When that does not clear, "
               "the database is most often on a network filesystem (NFS, "
               "CIFS) whose locks SQLite cannot rely on; else another "
               "connection holds its write lock.");
    if (k != NULL)
      fsd__var(&k->vars, "nolockfs",
               c->path != NULL && c->path[0] == '/' ? c->path : ".");
  } else if (FSD__CODE("ESTALE")) {
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.8,
               "ESTALE comes from network filesystems "
               "(NFS) when a file changed on the server.");
  }
}
