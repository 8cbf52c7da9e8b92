/* read-only-fs: the mount is read-only (an image, a container layer, or a
 * filesystem the kernel remounted read-only after errors). */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__writes_refused[] = {"EROFS", "EPERM", "EACCES",
                                                  NULL};
static const char *const fsd__erofs[] = {"EROFS", NULL};
static const char *const fsd__enoent[] = {"ENOENT", NULL};
static const char *const fsd__mkdir[] = {"mkdir", NULL};
static const char *const fsd__rename[] = {"rename",   "link", "symlink",
                                          "copyfile", "cp",   NULL};

/* Of the writing calls that fail with ENOENT only mkdir is measured (the
 * rule below takes any when it is); a write() names no path, so the working
 * directory is measured instead. The destination's mount of a rename,
 * link or copy is measured too: the rule judges the side that was written
 * (fsd__side_fs). */
const fsd__want_t fsd__wants_read_only_fs[] = {
    {FSD__PROBE_FS, fsd__writes_refused, NULL, 0, NULL},
    {FSD__PROBE_FS, fsd__enoent, fsd__mkdir, 0, NULL},
    {FSD__PROBE_CWD_FS, fsd__erofs, NULL, 0, NULL},
    {FSD__PROBE_DEST_FS, fsd__writes_refused, fsd__rename, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_read_only_fs[] = {
    /* an NTFS volume Windows left hibernated or unclean */
    {"all", NULL, NULL, "ntfsdirty",
     "Windows left the NTFS volume unclean or hibernated (Fast Startup), so "
     "Linux mounts it read-only and a remount will be refused. Start "
     "Windows and shut it down fully (Shift + Shut down, or turn Fast "
     "Startup off), then mount it again. ntfsfix is a last resort.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "rocontainer",
     "The container's root filesystem is read-only on purpose: give the "
     "directory the tool writes a writable mount (a volume, or docker run "
     "--tmpfs for a cache such as {dir}), or point the tool's cache at one.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "lambda",
     "AWS Lambda (and functions built like it) keeps the code under "
     "/var/task read-only: write caches, logs and uploads under /tmp.",
     {FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "!rocontainer,!lambda,!ntfsdirty",
     "[[{mount} is|The filesystem is]] mounted read-only. Remount it read-write if it should be "
     "(a filesystem that turned read-only after errors needs fsck first).",
     {FSD__I("findmnt -- {mount}"),
      FSD__C_MOUNT("mount", "sudo mount -o remount,rw -- {mount}"),
      FSD__CMDS_END}, 0},
    {"darwin", "bash", NULL, "!rocontainer,!lambda,!ntfsdirty",
     "[[{mount} is|The filesystem is]] mounted read-only. Remount it read-write if it should be.",
     {FSD__C_MOUNT("mount", "sudo mount -uw {mount}"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!rocontainer,!lambda,!ntfsdirty,!npmctx",
     "If the mount is read-only on purpose (an image, a container layer), "
     "have the program write somewhere else.",
     {FSD__CMDS_END}, FSD__FIX_OR},
    {"all", NULL, NULL, "!rocontainer,!lambda,!ntfsdirty,npmctx",
     "If the mount is read-only on purpose (an image, a container layer), "
     "write somewhere else, for example move npm's cache to a writable "
     "directory.",
     {FSD__C("npm:cache", "npm config set cache ~/.npm"), FSD__CMDS_END},
     FSD__FIX_OR},
    FSD__FIX_END};
/* clang-format on */

void fsd__rule_read_only_fs(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = fsd__side_fs(c);
  fsd__cand_t *k;
  int rofs = FSD__CODE("EROFS");
  static const char *const writes[] = {"mkdir",    "open",  "write",   "rename",
                                       "unlink",   "rmdir", "symlink", "link",
                                       "copyfile", "chmod", "chown",   "utime",
                                       "futime",   "rm",    "cp",      NULL};
  /* Tools that create parents themselves (npm's mkdir -p) report ENOENT
   * when the mkdir underneath failed on a read-only mount. */
  int writing = fsd__one_of(c->syscall, writes);
  if (f != NULL && f->read_only == 1 &&
      (rofs || FSD__CODE("EPERM") || FSD__CODE("EACCES") ||
       (FSD__CODE("ENOENT") && writing))) {
    k = fsd__add(c, FSD_CAUSE_READ_ONLY_FS,
                 rofs                  ? 0.97
                 : FSD__CODE("ENOENT") ? 0.85
                                       : 0.9);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd_set_str(c->a, k->evidence, "type", f->type);
    fsd_set_str(c->a, k->evidence, "options", f->options);
    k->detail =
        fsd_printf(c->a, "%s (%s) is mounted read-only (%s).",
                   f->mount_point ? f->mount_point : "The filesystem",
                   f->type ? f->type : "?", f->options ? f->options : "ro");
  } else if (!c->live && c->posix && c->path != NULL &&
             (strncmp(c->path, "/var/task/", 10) == 0 || strcmp(c->path, "/var/task") == 0) &&
             (rofs || (FSD__CODE("ENOENT") && FSD__SYS("mkdir")) ||
              ((FSD__CODE("EACCES") || FSD__CODE("EPERM")) &&
               (writing || c->syscall[0] == '\0')))) {
    /* AWS Lambda (and functions built like it) runs the code from a
     * read-only /var/task; only /tmp may be written. A read of a file
     * that was not packaged is missing-path's. */
    k = fsd__guess(c, FSD_CAUSE_READ_ONLY_FS, rofs ? 0.85 : 0.8,
                   "{path} is under /var/task, where AWS Lambda and functions "
                   "built like it keep the code read-only: only /tmp may be "
                   "written. Point the cache, logs or uploads at /tmp.");
    if (k != NULL) fsd__var(&k->vars, "lambda", "1");
  } else if (rofs && !c->live &&
             (fsd__said(c, "$logfile is not clean") ||
              fsd__said(c, "falling back to read-only mount") ||
              fsd__said(c, "unsafe state"))) {
    /* the kernel's ntfs driver or ntfs-3g: Windows left it unclean */
    k = fsd__guess(c, FSD_CAUSE_READ_ONLY_FS, 0.85,
                   "The NTFS volume was mounted read-only: Windows left it "
                   "unclean or hibernated (Fast Startup).");
    if (k != NULL) fsd__var(&k->vars, "ntfsdirty", "1");
  } else if (rofs) {
    /* symlink() alone failing with EROFS is more often a share that cannot
     * hold symlinks (fs-no-symlinks). */
    fsd__guess(c, FSD_CAUSE_READ_ONLY_FS, FSD__SYS("symlink") ? 0.6 : 0.85,
               "The filesystem holding {path} is mounted read-only.");
  } else if (!c->live && writing && FSD__CODE("ENOENT") &&
             (fsd__said(c, "--read-only ") || fsd__said(c, "--read-only\n") ||
              fsd__said(c, "--read-only=true") ||
              fsd__said(c, "readOnlyRootFilesystem: true"))) {
    /* A container whose root filesystem is read-only (docker run
     * --read-only, Kubernetes' readOnlyRootFilesystem, compose's
     * read_only): a write outside its volumes fails, and a tool that
     * creates parents itself reports the mkdir under it as ENOENT. */
    fsd__cand_t *k = fsd__guess(
        c, FSD_CAUSE_READ_ONLY_FS, 0.8,
        "The container runs with a read-only root filesystem: {path} is not "
        "on a writable volume.");
    if (k != NULL) fsd__var(&k->vars, "rocontainer", "1");
  } else if (!c->live && FSD__CODE("ENOENT") &&
             ((writing && !FSD__SYS("open")) ||
              (c->syscall[0] == '\0' &&
               (fsd__said(c, "couldn't create") || fsd__said(c, "could not create") ||
                fsd__said(c, "cannot create") || fsd__said(c, "unable to create")))) &&
             (fsd__said(c, "read-only file system") ||
              fsd__said(c, "(30: read-only"))) {
    /* The same log has a write refused as read-only: what is missing is
     * what that write would have made (nginx's mkdir, certbot's webroot
     * under /snap), not a path mistyped. Only a call that creates (an
     * open may be a read of a missing file) or a tool saying it could
     * not create. */
    fsd__guess(c, FSD_CAUSE_READ_ONLY_FS, 0.8,
               "The same log says a write was refused because the "
               "filesystem is read-only (EROFS): [[{path}|the missing "
               "path]] is most likely what that write would have created.");
  }
}
