/* network-fs: NFS, SMB/CIFS, sshfs and the like, where locks, link limits
 * and caching differ from a local disk. */

#include "causes/kit.h"

/* The codes the rule claims. */
static const char *const fsd__net_codes[] = {
    "EPERM",  "EACCES", "EBUSY",  "ENOTEMPTY",
    "EIO",    "EMLINK", "ESTALE", "UNKNOWN", /* libuv's for a share's errors */
    NULL};
/* Measured for NFS's lock errors too, which the rule does not claim yet. */
static const char *const fsd__net_measured[] = {
    "EPERM",  "EACCES", "EBUSY",  "ENOTEMPTY", "EIO",
    "EMLINK", "ESTALE", "ENOLCK", "EAGAIN",    NULL};

const fsd__want_t fsd__wants_network_fs[] = {
    {FSD__PROBE_FS, fsd__net_measured, NULL, 0, NULL}, FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_network_fs[] = {
    {"posix", "bash", NULL, NULL,
     "{mount} is a network filesystem ({fstype}); locks and links behave "
     "differently there. Keep npm's cache and the project on a local disk.",
     {FSD__C("npm:cache", "npm config set cache ~/.npm"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL,
     "{mount} is a network share. Keep npm's cache and global prefix on a "
     "local disk.",
     {FSD__C("npm:cache",
             "npm config set cache \"$env:LOCALAPPDATA\\npm-cache\""),
      FSD__C("npm:prefix", "npm config set prefix \"$env:APPDATA\\npm\""),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, NULL,
     "{mount} is a network share. Keep npm's cache and global prefix on a "
     "local disk.",
     {FSD__C("npm:cache",
             "npm config set cache \"%LOCALAPPDATA%\\npm-cache\""),
      FSD__C("npm:prefix", "npm config set prefix \"%APPDATA%\\npm\""),
      FSD__CMDS_END}, 0},
    {"all", NULL, NULL, NULL,
     "Copy local file: dependencies instead of linking them (npm 9+), or pack "
     "them into a tarball.",
     {FSD__C(NULL, "npm install --install-links"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

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
  } else if (FSD__CODE("ESTALE")) {
    fsd__guess(c, FSD_CAUSE_NETWORK_FS, 0.8,
               "ESTALE comes from network filesystems "
               "(NFS) when a file changed on the server.");
  }
}
