/* WSL: wsl-windows-mount (a project on a Windows drive, /mnt/c over drvfs
 * or 9p, where Linux permissions, symlinks and locks are emulated) and
 * wsl-mixed-node (the Windows node.exe run from inside WSL). */

#include "causes/kit.h"

#include <string.h>

/* The codes an emulated mount produces. */
static const char *const fsd__emulated[] = {
    "EPERM",  "EACCES", "EBUSY",   "ENOTEMPTY",  "EIO",   "EINVAL", "ENOENT",
    "EEXIST", "EMLINK", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ESTALE", NULL};
/* The same without ENOENT: the mount of a missing path is not measured
 * (only the path shape speaks for /mnt/c then). */
static const char *const fsd__measured[] = {
    "EPERM",  "EACCES", "EBUSY",  "ENOTEMPTY", "EIO",
    "EINVAL", "EEXIST", "EMLINK", "ENOTSUP",   "EOPNOTSUPP",
    "EXDEV",  "ESTALE", NULL};

const fsd__want_t fsd__wants_wsl_windows_mount[] = {
    {FSD__PROBE_FS, fsd__measured, NULL, 0, NULL}, FSD__WANT_END};
/* node's own path and whether this is WSL are always known. */
const fsd__want_t fsd__wants_wsl_mixed_node[] = {FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_wsl_windows_mount[] = {
    {"wsl", "bash", NULL, "!npmctx",
     "The project lives on a Windows drive ({mount}), where Linux permissions, "
     "symlinks and locks are emulated. Copy it into the Linux filesystem and "
     "work there.",
     {FSD__C_WIDE("wslproject", "mkdir -p ~/projects && cp -a -n -- {wslproject} ~/projects/"),
      FSD__CMDS_END}, 0},
    {"wsl", "bash", NULL, "npmctx",
     "The project lives on a Windows drive ({mount}), where Linux permissions, "
     "symlinks and locks are emulated. Copy it into the Linux filesystem and "
     "reinstall there (remove the copied node_modules first).",
     {FSD__C_WIDE("wslproject", "mkdir -p ~/projects && cp -a -n -- {wslproject} ~/projects/"),
      FSD__CMDS_END}, 0},
    {"wsl", "bash", NULL, NULL,
     "If it has to stay on the Windows drive, mount it with metadata so "
     "chmod and chown work: add options = \"metadata\" under [automount] in "
     "/etc/wsl.conf, then restart WSL from Windows (wsl --shutdown).",
     {FSD__I("cat /etc/wsl.conf"), FSD__CMDS_END}, FSD__FIX_OR},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_wsl_mixed_node[] = {
    {"wsl", "bash", NULL, NULL,
     "node is the Windows build ({exec}) running inside WSL. Install a Linux "
     "node in WSL and make sure it comes first on PATH.",
     {FSD__I("which -a node npm"), FSD__C(NULL, "nvm install --lts"),
      FSD__CMDS_END}, 0},
    {"wsl", "bash", NULL, NULL,
     "Stop Windows programs from shadowing Linux ones: set "
     "appendWindowsPath = false under [interop] in /etc/wsl.conf, then "
     "restart WSL (wsl --shutdown).",
     {FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* The project to copy into the Linux filesystem: only a project the path
 * shows (the directory holding its node_modules) on a Windows drive, below
 * the drive's root and outside a profile's AppData. A drive, all of /mnt,
 * /tmp or the working directory is never copied; the guard's never-list
 * (a wide command) keeps out profiles, Users and system folders. */
static void fsd__wsl_project(fsd__ctx_t *c, fsd__cand_t *k) {
  const char *p;
  if (k == NULL || fsd__var_get(&c->global, "nodeModules") == NULL) return;
  p = fsd__var_get(&c->global, "project");
  if (p == NULL || strncmp(p, "/mnt/", 5) != 0 ||
      !((p[5] >= 'a' && p[5] <= 'z') || (p[5] >= 'A' && p[5] <= 'Z')) ||
      p[6] != '/' || p[7] == '\0' || fsd__has(p, "/AppData/"))
    return;
  fsd__var(&k->vars, "wslproject", p);
}

void fsd__rule_wsl_windows_mount(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  fsd__cand_t *k = NULL;
  if (!fsd__one_of(c->code, fsd__emulated)) return;
  if (f != NULL && f->wsl_windows_mount == 1) {
    k = fsd__add(c, FSD_CAUSE_WSL_WINDOWS_MOUNT, 0.85);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd_set_str(c->a, k->evidence, "type", f->type);
    fsd__var(&k->vars, "mount", f->mount_point);
    k->detail = fsd_printf(c->a,
                           "%s is a Windows drive mounted into WSL "
                           "(%s); permissions, links and locks are emulated "
                           "there.",
                           f->mount_point ? f->mount_point : "The path",
                           f->type ? f->type : "drvfs");
  } else if (!c->live && FSD__CODE("EPERM") && fsd__is(c->platform, "wsl") &&
             !(c->sh & FSD__SH_MNT) &&
             (FSD__SYS("chmod") || FSD__SYS("fchmod") || FSD__SYS("copyfile") ||
              FSD__SYS("chown") || FSD__SYS("utime") ||
              (c->syscall[0] == '\0' &&
               (fsd__said(c, "chmod") || fsd__said(c, "rsync: chgrp") ||
                fsd__said(c, "rsync: chown"))))) {
    /* DrvFs without the metadata option cannot store Linux modes or owners:
     * chmod, and the fchmod inside copyfile, fail there even where the
     * data was written. */
    k = fsd__guess(c, FSD_CAUSE_WSL_WINDOWS_MOUNT, 0.65,
               "On WSL, changing modes or owners (chmod, and copyfile's own "
               "chmod) fails with EPERM on a Windows drive mounted without "
               "the metadata option.");
  } else if (!c->live && FSD__CODE("EPERM") && fsd__is(c->platform, "wsl") &&
             !(c->sh & FSD__SH_MNT) && FSD__SYS("symlink") &&
             (c->path == NULL || c->path[0] != '/')) {
    /* a relative link in a WSL log: the project may be on a Windows drive,
     * where DrvFs refuses a Linux symlink as the Windows account may not
     * make one (no Developer Mode) */
    k = fsd__guess(c, FSD_CAUSE_WSL_WINDOWS_MOUNT, 0.7,
                   "On WSL, a project on a Windows drive (/mnt/<drive>) "
                   "gets EPERM from symlink when Windows does not let the "
                   "account make one; in the Linux filesystem (~/...) the "
                   "same build makes its links.");
  } else if ((c->sh & FSD__SH_MNT) && !c->win &&
             (!c->live || c->ev->is_wsl == 1)) {
    k = fsd__guess(c, FSD_CAUSE_WSL_WINDOWS_MOUNT, 0.7,
                   "{path} is on a Windows drive seen from WSL (/mnt/<drive>), "
                   "where Linux permissions, symlinks and locks are emulated.");
    if (k != NULL) {
      const char *m = c->path;
      if (m == NULL || strncmp(m, "/mnt/", 5) != 0) m = c->dest;
      if (m != NULL && strlen(m) >= 6)
        fsd__var(&k->vars, "mount", fsd_strndup(c->a, m, 6));
    }
  }
  fsd__wsl_project(c, k);
}

void fsd__rule_wsl_mixed_node(fsd__ctx_t *c) {
  const char *ex = c->ev->exec_path;
  fsd__cand_t *k;
  int sh = c->sh;
  if (ex != NULL && (fsd__is(c->platform, "wsl") || c->ev->is_wsl == 1) &&
      (strncmp(ex, "/mnt/", 5) == 0 || fsd__has(ex, ".exe"))) {
    k = fsd__add(c, FSD_CAUSE_WSL_MIXED_NODE, 0.9);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "execPath", ex);
    k->detail = fsd_printf(c->a,
                           "node is %s, the Windows build, running "
                           "inside WSL.",
                           ex);
  } else if (!c->live && (sh & (FSD__SH_WSLUNC | FSD__SH_WINNODE)) &&
             (sh & FSD__SH_WSLUNC || fsd__is(c->platform, "wsl")) &&
             /* a \\wsl$ path in PowerShell's own cp is no node's */
             (fsd__said(c, "node") || fsd__said(c, "npm") || fsd__said(c, "yarn"))) {
    fsd__guess(c, FSD_CAUSE_WSL_MIXED_NODE, 0.75,
               "The paths show Windows node and WSL files mixed: Windows "
               "tools are working on Linux files, or the reverse.");
  } else if (!c->live && (c->win || fsd__is(c->platform, "wsl")) &&
             fsd__said(c, "UNC paths are not supported") &&
             (fsd__said(c, "\\\\wsl$") || fsd__said(c, "\\\\wsl.localhost"))) {
    /* cmd.exe cannot start in \\wsl$\..., so npm's scripts ran in
     * C:\Windows instead. */
    fsd__guess(c, FSD_CAUSE_WSL_MIXED_NODE, 0.8,
               "Windows npm was run in a project inside WSL (a \\\\wsl$ "
               "path): cmd.exe cannot start there and fell back to the "
               "Windows directory.");
  }
}
