/* mount-point-busy: EBUSY from removing or renaming a mount point (a
 * container volume, a bind mount). */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__ebusy[] = {"EBUSY", NULL};

const fsd__want_t fsd__wants_mount_point_busy[] = {
    {FSD__PROBE_FS | FSD__PROBE_DEST_FS, fsd__ebusy, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_mount_point_busy[] = {
    {"linux", "bash", NULL, "inuse",
     "Something still uses the filesystem mounted at {inuse}: a process "
     "whose working directory or open file is there, or a server exporting "
     "it (NFS). Find it and stop it, then unmount.",
     {FSD__I("fuser -vm {inuse}"), FSD__I("lsof +f -- {inuse}"),
      FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "!inuse",
     "[[{mount} is|The path is]] a mount point. See what is mounted there and who uses it; "
     "unmount it only if nothing needs it.",
     {FSD__I("findmnt -- {mount}"), FSD__I("fuser -vm {mount}"),
      FSD__C_MOUNT("mount", "sudo umount -- {mount}"), FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "!inuse",
     "Or, in a container where it is a volume, empty it instead of removing "
     "the directory.",
     {FSD__D("mount", "find {mount} -mindepth 1 -delete"), FSD__CMDS_END},
     FSD__FIX_OR},
    {"darwin", "bash", NULL, "inuse",
     "Something still uses the filesystem mounted at {inuse}. Find it and "
     "stop it, then unmount.",
     {FSD__I("lsof +f -- {inuse}"), FSD__CMDS_END}, 0},
    {"darwin", "bash", NULL, "!inuse",
     "[[{mount} is|The path is]] a mount point. Unmount it first if nothing needs it.",
     {FSD__I("mount | grep -F -- {mount}"),
      FSD__C_MOUNT("mount", "diskutil unmount {mount}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

static int fsd__same_dir(const char *a, const char *b) {
  size_t na, nb;
  if (a == NULL || b == NULL) return 0;
  na = strlen(a);
  nb = strlen(b);
  while (na > 1 && (a[na - 1] == '/' || a[na - 1] == '\\')) na--;
  while (nb > 1 && (b[nb - 1] == '/' || b[nb - 1] == '\\')) nb--;
  return na == nb && strncmp(a, b, na) == 0;
}

/* The files Docker and Podman bind-mount into every container. */
static int fsd__bind_file(const char *p) {
  return fsd__is(p, "/etc/hosts") || fsd__is(p, "/etc/resolv.conf") ||
         fsd__is(p, "/etc/hostname");
}

void fsd__rule_mount_point_busy(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs, *df = c->ev->dest_fs, *hit = NULL;
  fsd__cand_t *k;
  if (FSD__CODE("UNKNOWN") && !c->live && !c->win && FSD__SYS("rename") &&
      (fsd__bind_file(c->path) || fsd__bind_file(c->dest))) {
    /* a rename onto a file containers bind-mount, its reason not given
     * (rpm's "cpio: rename"): the mount refuses it */
    k = fsd__guess(c, FSD_CAUSE_MOUNT_POINT_BUSY, 0.7,
                   "Containers bind-mount /etc/hosts, /etc/resolv.conf and "
                   "/etc/hostname: a package or tool that replaces one by a "
                   "rename fails there; only writing in place works.");
    if (k) fsd__var(&k->vars, "mount", fsd__bind_file(c->dest) ? c->dest : c->path);
    return;
  }
  if (!FSD__CODE("EBUSY") || c->win) return;
  if (f != NULL && fsd__same_dir(f->mount_point, c->path)) hit = f;
  if (df != NULL && fsd__same_dir(df->mount_point, c->dest)) hit = df;
  if (hit != NULL) {
    k = fsd__add(c, FSD_CAUSE_MOUNT_POINT_BUSY, 0.96);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "mountPoint", hit->mount_point);
    fsd_set_str(c->a, k->evidence, "type", hit->type);
    fsd_set_str(c->a, k->evidence, "source", hit->source);
    fsd__var(&k->vars, "mount", hit->mount_point);
    k->detail = fsd_printf(c->a,
                           "%s is a mount point (%s from %s); it "
                           "cannot be removed or renamed while mounted.",
                           hit->mount_point, hit->type ? hit->type : "?",
                           hit->source ? hit->source : "?");
  } else if ((f != NULL && f->mount_point != NULL) ||
             (df != NULL && df->mount_point != NULL)) {
    /* Measured: the mount points here are known and the path is none of
     * them, so this is not the cause (a guess would contradict it). */
    return;
  } else if (!c->live && (fsd__said(c, "hdiutil") || fsd__said(c, "couldn't eject") ||
                          fsd__said(c, "couldn't unmount"))) {
    /* macOS: a disk image or volume detached while Spotlight, Finder or
     * a process still uses it */
    k = fsd__guess(c, FSD_CAUSE_MOUNT_POINT_BUSY, 0.8,
                   "macOS could not detach the volume: something still uses "
                   "it (Spotlight indexing a freshly mounted image, Finder, "
                   "a process with a file or its working directory there). "
                   "Retry the detach, or force it once nothing needs it.");
  } else if (FSD__SYS("mount")) {
    /* mount(8)'s EBUSY: the device is mounted already, or the target is
     * a mount point in use */
    k = fsd__guess(c, FSD_CAUSE_MOUNT_POINT_BUSY, 0.75,
                   "mount refused: the device is already mounted (here or "
                   "elsewhere), or the target[[ {path}]] is already a mount "
                   "point something uses. See what is mounted there first.");
    if (k != NULL && c->path != NULL && c->path[0] == '/')
      fsd__var(&k->vars, "mount", c->path);
  } else if (FSD__SYS("umount") ||
             (!c->live && (fsd__said(c, "failed to remove root filesystem") ||
                           fsd__said(c, "target is busy")))) {
    /* umount refused: a process still has its working directory or a
     * file under the mount, or another mount namespace holds it (a
     * container's root filesystem). */
    k = fsd__guess(c, FSD_CAUSE_MOUNT_POINT_BUSY, 0.85,
                   "The filesystem cannot be unmounted while something uses "
                   "it: a process's working directory or open file, an NFS "
                   "export, or another mount namespace.");
    /* fuser takes no "--": only an absolute path goes into its command */
    if (k != NULL && c->path != NULL && c->path[0] == '/')
      fsd__var(&k->vars, "inuse", c->path);
  } else if (fsd__bind_file(c->path) || fsd__bind_file(c->dest)) {
    k = fsd__guess(c, FSD_CAUSE_MOUNT_POINT_BUSY, 0.85,
                   "Containers bind-mount /etc/hosts, /etc/resolv.conf and "
                   "/etc/hostname: they cannot be replaced or removed, only "
                   "written in place.");
    if (k) fsd__var(&k->vars, "mount", fsd__bind_file(c->dest) ? c->dest : c->path);
  } else if (!c->live && (fsd__said(c, "is a mountpoint") ||
                          fsd__said(c, "is a mount point"))) {
    k = fsd__guess(c, FSD_CAUSE_MOUNT_POINT_BUSY, 0.85,
                   "The log says the directory is a mount point: it cannot "
                   "be removed or renamed while mounted.");
    if (k) fsd__var(&k->vars, "mount", c->path);
  } else if (FSD__SYS("rmdir") || FSD__SYS("rename") || FSD__SYS("unlink") ||
             FSD__SYS("rm") || (c->sh & FSD__SH_DOCKER)) {
    k = fsd__guess(c, FSD_CAUSE_MOUNT_POINT_BUSY,
                   (c->sh & FSD__SH_DOCKER) ? 0.75 : 0.5,
                   "On Linux, EBUSY from removing or renaming a directory "
                   "usually means it is a mount point (a container volume, "
                   "a bind mount).");
    if (k) fsd__var(&k->vars, "mount", c->path);
  } else if (!c->live && c->syscall[0] == '\0' &&
             fsd__said(c, "device or resource busy")) {
    /* Nothing but glibc's "Device or resource busy" (Python's [Errno 16];
     * libuv says "resource busy or locked" everywhere): an open file makes
     * no EBUSY on Linux; a mount or a bind-mounted file being replaced
     * does. */
    fsd__guess(c, FSD_CAUSE_MOUNT_POINT_BUSY, 0.45,
               "On Linux, EBUSY (\"Device or resource busy\") comes from a "
               "mount point or a bind-mounted file (a container volume) "
               "being removed or replaced, not from a file another program "
               "has open.");
  }
}
