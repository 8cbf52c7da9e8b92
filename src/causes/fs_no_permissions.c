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
    {"darwin", "bash", NULL, NULL, "See which filesystem it is.",
     {FSD__I("df -T -- {dir}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* A measured filesystem without Unix owners and modes: FAT, exFAT, and
 * their FUSE drivers. ntfs-3g answers chmod with success, so an NTFS
 * volume is named only by the text. */
static int fsd__no_modes_fs(const fsd_fsinfo_t *f) {
  static const char *const fat[] = {"vfat",    "msdos", "exfat", "fat",
                                    "fat32",   "msdosfs", "fusefat",
                                    "exfat-fuse", NULL};
  return f != NULL && f->type != NULL &&
         (fsd__one_of(f->type, fat) || (f->subtype && fsd__one_of(f->subtype, fat)));
}

static int fsd__mode_call(fsd__ctx_t *c) {
  return fsd__one_of(c->syscall, fsd__mode_calls);
}

void fsd__rule_fs_no_permissions(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = fsd__side_fs(c);
  fsd__cand_t *k;
  if (!fsd__one_of(c->code, fsd__mode_codes) || c->win) return;
  if (c->live) {
    if (!fsd__mode_call(c) || !fsd__no_modes_fs(f)) return;
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
  /* Text only: a mode or owner change refused where the log names a FAT,
   * exFAT or NTFS volume or the path is where one is mounted; ENOSYS from
   * chmod is such a driver's own answer. */
  if (!fsd__mode_call(c) &&
      !(c->syscall[0] == '\0' &&
        (fsd__said(c, "chmod") || fsd__said(c, "chown") ||
         fsd__said(c, "set permissions") || fsd__said(c, "changing permissions") ||
         fsd__said(c, "changing ownership"))))
    return;
  /* a share's refusal is the server's (network-fs says so) */
  if (fsd__said_word(c, "nfs") || fsd__said_word(c, "nfs4") || fsd__said_word(c, "cifs") ||
      fsd__said_word(c, "smb") || fsd__said_word(c, "sshfs"))
    return;
  if (!(fsd__said_word(c, "vfat") || fsd__said_word(c, "exfat") ||
        fsd__said_word(c, "fat32") || fsd__said_word(c, "fat16") ||
        fsd__said_word(c, "fat") || fsd__said_word(c, "ntfs") ||
        fsd__said_word(c, "fuseblk") ||
        (c->path != NULL && c->path[0] == '/' && fsd__dos_place(c))))
    return;
  k = fsd__guess(c, FSD_CAUSE_FS_NO_PERMISSIONS, 0.75,
                 "A change of owner or mode[[ of {path}]] refused where the "
                 "log shows a FAT, exFAT or NTFS volume: those store no Unix "
                 "owners or modes.");
  if (k != NULL && c->path != NULL && c->path[0] == '/')
    fsd__var(&k->vars, "dir", fsd__parent(c->a, c->path));
}
