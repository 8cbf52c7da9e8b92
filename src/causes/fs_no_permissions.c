/* fs-no-permissions: a filesystem that cannot store Unix owners or modes.
 * FAT and exFAT keep neither (the kernel's vfat refuses chmod and chown
 * with EPERM, fusefat with ENOSYS); NTFS through a driver without its
 * permissions option shows every file as one owner. A copy that keeps
 * modes (cp -p, rsync -a, npm's fchmod after a copy), a tool's chmod +x,
 * a chown into a container's volume: all refused there, whatever the
 * user. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__mode_codes[] = {"EPERM", "ENOSYS", "EOPNOTSUPP",
                                              NULL};
static const char *const fsd__mode_calls[] = {
    "chmod", "fchmod", "lchmod", "chown", "fchown", "lchown", "copyfile",
    NULL};

const fsd__want_t fsd__wants_fs_no_permissions[] = {
    {FSD__PROBE_FS | FSD__PROBE_DEST_FS, fsd__mode_codes, fsd__mode_calls, 0,
     NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_fs_no_permissions[] = {
    {"all", NULL, NULL, NULL,
     "[[{mount} ({fstype})|This filesystem]] stores no Unix owners or modes, "
     "so a chmod or chown there fails for every user. Copy without keeping "
     "them (cp without -p, rsync -rlt instead of -a), let the tool skip "
     "them, or keep the work on a Linux filesystem (ext4, btrfs, xfs) and "
     "use this drive for copies. To make every file look like yours, "
     "mount it with uid=, gid= and umask= options.",
     {FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, NULL, "See which filesystem it is and how it is mounted.",
     {FSD__I("findmnt -T {dir}"), FSD__CMDS_END}, 0},
    {"darwin", "bash", NULL, NULL,
     "See which volume it is on, then its type in the mount table.",
     {FSD__I("df -- {dir}"), FSD__I("mount"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

static int fsd__mode_call(fsd__ctx_t *c) {
  return fsd__one_of(c->syscall, fsd__mode_calls);
}

/* Where a removable or extra disk is mounted on Linux: 0.6 under /media
 * or /run/media (udisks), 0.5 under /mnt/<name>; 0 for the shares and
 * WSL's and VMs' own mounts found there, and anything else. */
static double fsd__place_conf(const char *p) {
  static const char *const not_dos[] = {"/mnt/wsl", "/mnt/hgfs", "/media/psf",
                                        "/media/sf_", "/mnt/nfs", "/mnt/smb",
                                        "/mnt/cifs", NULL};
  size_t i;
  if (p == NULL || p[0] != '/') return 0;
  for (i = 0; not_dos[i] != NULL; i++)
    if (strncmp(p, not_dos[i], strlen(not_dos[i])) == 0) return 0;
  switch (fsd__removable_place(p)) {
    case 2: return 0.6;
    case 1: return 0.5;
    default: return 0;
  }
}

/* The text-only confidence for a refused mode or owner change at p. */
static double fsd__text_conf(fsd__ctx_t *c, const char *p) {
  static const char *const other[] = {"ext4", "ext3", "ext2", "xfs", "btrfs",
                                      "zfs", "f2fs", "tmpfs", "overlay",
                                      "apfs", "hfs", NULL};
  double place = fsd__place_conf(p);
  size_t i;
  /* no absolute path of its own ("chmod on /x failed", rsync's relative
   * names): Android's shared storage named in the log is the place */
  if (place == 0 && (p == NULL || p[0] != '/') &&
      (fsd__said(c, "/storage/emulated/") || fsd__said(c, "/sdcard/")))
    place = 0.6;
  /* a share's refusal is the server's (network-fs says so) */
  if (fsd__share_said(c)) return 0;
  /* the log names the filesystem, and it keeps owners and modes */
  for (i = 0; other[i] != NULL; i++)
    if (fsd__said_word(c, other[i])) return 0;
  if (fsd__fat_said(c)) return 0.75;
  if (fsd__said_word(c, "ntfs") && place > 0) return 0.75;
  return place;
}

void fsd__rule_fs_no_permissions(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = fsd__side_fs(c);
  fsd__cand_t *k;
  double conf;
  if (!fsd__one_of(c->code, fsd__mode_codes) || c->win) return;
  /* lost+found is made by mkfs of ext2/3/4, which keep owners and modes:
   * a refusal there is root's directory's */
  if (!c->live && c->path != NULL && fsd__lost_found(c->path)) return;
  if (c->live) {
    if (!fsd__mode_call(c) || fsd__dos_fs(f) != FSD__VOL_FAT) return;
    k = fsd__add(c, FSD_CAUSE_FS_NO_PERMISSIONS, 0.95);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "type", f->subtype ? f->subtype : f->type);
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd__var(&k->vars, "mount", f->mount_point);
    fsd__var(&k->vars, "fstype", f->subtype ? f->subtype : f->type);
    if (c->path != NULL && c->path[0] == '/')
      fsd__var(&k->vars, "dir",
               fsd__parent(c->a, fsd__dest_side(c->syscall, c->dest != NULL) &&
                                         c->dest != NULL
                                     ? c->dest
                                     : c->path));
    k->detail = fsd_printf(c->a,
                           "%s is %s, which stores no Unix owners or modes: "
                           "%s is refused there for every user.",
                           f->mount_point ? f->mount_point : "The filesystem",
                           f->subtype ? f->subtype : f->type,
                           c->syscall[0] ? c->syscall : "the change");
    return;
  }
  /* Text only: a mode or owner change refused where the log names a FAT
   * or exFAT volume (0.75), NTFS at a removable drive's place (0.75), or
   * only that place: /media and /run/media 0.6, /mnt/<name> 0.5 (below an
   * owner's guess: /mnt holds any disk). */
  if (!fsd__mode_call(c) &&
      !(c->syscall[0] == '\0' &&
        (fsd__said(c, "chmod") || fsd__said(c, "chown") ||
         fsd__said(c, "set permissions") || fsd__said(c, "changing permissions") ||
         fsd__said(c, "changing ownership"))))
    return;
  conf = fsd__text_conf(c, fsd__dest_side(c->syscall, c->dest != NULL) && c->dest != NULL
                               ? c->dest
                               : c->path);
  if (conf <= 0) return;
  k = fsd__guess(c, FSD_CAUSE_FS_NO_PERMISSIONS, conf,
                 conf >= 0.75 ? "A change of owner or mode[[ of {path}]] refused "
                                "where the log shows a FAT, exFAT or NTFS "
                                "volume: those store no Unix owners or modes."
                              : "A change of owner or mode[[ of {path}]] refused "
                                "on a drive mounted for removable media or "
                                "other disks: if it is FAT or exFAT, it stores "
                                "no Unix owners or modes.");
  if (k != NULL && c->path != NULL && c->path[0] == '/')
    fsd__var(&k->vars, "dir",
             fsd__parent(c->a, fsd__dest_side(c->syscall, c->dest != NULL) &&
                                       c->dest != NULL && c->dest[0] == '/'
                                   ? c->dest
                                   : c->path));
}
