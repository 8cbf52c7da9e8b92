/* cross-device: EXDEV, rename or link across filesystems. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__exdev[] = {"EXDEV", NULL};

const fsd__want_t fsd__wants_cross_device[] = {
    {FSD__PROBE_FS | FSD__PROBE_DEST_FS, fsd__exdev, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_cross_device[] = {
    {"all", NULL, NULL, NULL,
     "A move or link[[ ({syscall}())]] cannot cross filesystems[[ ({srcMount} "
     "and {destMount})]]. Keep "
     "both paths on one filesystem (for example TMPDIR, or a tool's cache or "
     "package store next to the project), or copy instead of moving or "
     "linking.",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, NULL,
     "See which filesystem each side is on.",
     {FSD__I("df -P -- {path} {dir}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* dest is path itself or below it ("/a/x" within "/a"): a real move
 * into itself. Not known (0) for a relative path or a missing one. */
static int fsd__within(const char *path, const char *dest) {
  size_t n;
  if (path == NULL || dest == NULL || path[0] != '/') return 0;
  n = strlen(path);
  return strncmp(path, dest, n) == 0 && (dest[n] == '/' || dest[n] == '\0');
}

void fsd__rule_cross_device(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs, *df = c->ev->dest_fs;
  fsd__cand_t *k;
  if (!c->live && FSD__CODE("EINVAL") && FSD__SYS("rename") &&
      fsd__is(c->platform, "wsl") && fsd__said(c, "subdirectory of itself") &&
      !fsd__within(c->path, c->dest)) {
    /* WSL 1's rename across its mounts (/mnt/c, /root, /usr) answered
     * EINVAL, not EXDEV, so mv took it for a move into itself and did not
     * copy */
    fsd__guess(c, FSD_CAUSE_CROSS_DEVICE, 0.7,
               "WSL 1 answered a rename across two of its mounts with "
               "EINVAL instead of EXDEV, so mv reported a move into itself "
               "and did not fall back to a copy.");
    return;
  }
  if (!c->live && (FSD__CODE("ENOENT") || FSD__CODE("EPERM")) &&
      fsd__said(c, "failed to move cross-compiled")) {
    /* bun compile --target moves the binary it downloaded beside the
     * project into its cache; from another drive (a CI workspace on D:,
     * the cache on C:) the move cannot be a rename */
    fsd__guess(c, FSD_CAUSE_CROSS_DEVICE, 0.7,
               "bun moves the binary it downloaded next to the project into "
               "its cache[[ ({path})]]; from a project on another drive or "
               "filesystem that move cannot be a rename. Keep the project "
               "and the cache (BUN_INSTALL_CACHE_DIR) on one drive.");
    return;
  }
  if (!FSD__CODE("EXDEV")) return;
  if (f == NULL || df == NULL) {
    fsd__guess(c, FSD_CAUSE_CROSS_DEVICE, 0.85,
               "[[{path} and {dest} are|The two paths are]] on different "
               "filesystems; a move or link[[ ({syscall}())]] cannot cross "
               "between them.");
    return;
  }
  if (f->mount_point != NULL && df->mount_point != NULL &&
      strcmp(f->mount_point, df->mount_point) == 0) {
    if (f->type != NULL && strcmp(f->type, "overlay") == 0) {
      /* overlayfs answers EXDEV to a rename of a directory that came from
       * a lower layer (an image's layer under a container): one mount,
       * but the rename would have to copy up the whole tree. */
      k = fsd__add(c, FSD_CAUSE_CROSS_DEVICE, 0.9);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      fsd_set_str(c->a, k->evidence, "type", f->type);
      k->detail = fsd_printf(
          c->a,
          "Both paths are on %s, an overlay filesystem: overlayfs refuses "
          "to rename a directory that came from a lower layer (the "
          "image), as if it were another filesystem.",
          f->mount_point);
      return;
    }
    /* Measured here on one filesystem: the error was not made by these
     * paths as they are now (another machine, another mount namespace). */
    k = fsd__guess(c, FSD_CAUSE_CROSS_DEVICE, 0.6,
                   "Here {path} and {dest} are on one filesystem, so this "
                   "EXDEV came from where they were separate mounts (a "
                   "container's volume, another machine).");
    if (k != NULL) {
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      fsd_set_str(c->a, k->evidence, "destMountPoint", df->mount_point);
    }
    return;
  }
  k = fsd__add(c, FSD_CAUSE_CROSS_DEVICE, 0.97);
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
  fsd_set_str(c->a, k->evidence, "destMountPoint", df->mount_point);
  fsd_set_str(c->a, k->evidence, "type", f->type);
  fsd_set_str(c->a, k->evidence, "destType", df->type);
  k->detail = fsd_printf(
      c->a, "%s is on %s (%s) but %s is on %s (%s).",
      c->path ? c->path : "The source", f->mount_point ? f->mount_point : "?",
      f->type ? f->type : "?", c->dest ? c->dest : "the destination",
      df->mount_point ? df->mount_point : "?", df->type ? df->type : "?");
}
