/* Link counts: hard-link-limit (the inode is at the filesystem's link
 * maximum: ext4 65000, NTFS 1024) and subdirectory-limit (a directory at
 * its subdirectory maximum, ext2/ext3 31998, since each subdirectory's ".."
 * is a link to it). Both come as EMLINK; the system call says which. */

#include "causes/kit.h"

static const char *const fsd__emlink[] = {"EMLINK", NULL};

/* The inode that gains the link: mkdir and mkdtemp add a subdirectory to
 * the parent, a rename (of a directory) to the destination's parent, link
 * to the file. */
static const char *fsd__gains_link(fsd_arena_t *a, const fsd_error_t *err) {
  if (fsd__is(err->syscall, "mkdir") || fsd__is(err->syscall, "mkdtemp"))
    return fsd__parent(a, err->path);
  if (fsd__is(err->syscall, "rename") && err->dest != NULL)
    return fsd__parent(a, err->dest);
  return err->path;
}

/* The Win32 code (ERROR_TOO_MANY_LINKS) goes to the facts. */
const fsd__want_t fsd__wants_hard_link_limit[] = {
    {FSD__PROBE_FS | FSD__PROBE_WIN32, fsd__emlink, NULL, 0, NULL},
    {FSD__PROBE_NLINK, fsd__emlink, NULL, 0, fsd__gains_link},
    FSD__WANT_END};
const fsd__want_t fsd__wants_subdirectory_limit[] = {
    {FSD__PROBE_FS, fsd__emlink, NULL, 0, NULL},
    {FSD__PROBE_NLINK, fsd__emlink, NULL, 0, fsd__gains_link},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_hard_link_limit[] = {
    {"posix", "bash", NULL, NULL,
     "{path} already has {nlink} hard links, the most {fstype} allows "
     "({linkmax}). List the other names of the same inode to see who shares "
     "it.",
     {FSD__I("find {mount} -xdev -samefile {path} | head"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx",
     "If they are npm's cache, clear the cache and verify what is left.",
     {FSD__D("cache", "npm cache clean --force"),
      FSD__C(NULL, "npm cache verify"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx",
     "With pnpm, drop unreferenced packages from the store (pnpm store "
     "prune).",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx",
     "Replace file: dependencies with packed tarballs, or let npm copy them "
     "instead of linking.",
     {FSD__C(NULL, "npm install --install-links"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_subdirectory_limit[] = {
    {"posix", "bash", NULL, NULL,
     "{dir} has {subdirs} subdirectories, the most {fstype} allows "
     "({subdirmax}). Remove ones you no longer need, or move the tree to "
     "ext4, which has no such limit.",
     {FSD__I("find {dir} -mindepth 1 -maxdepth 1 -type d | wc -l"),
      FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx", "If it is npm's cache, clear it.",
     {FSD__D("cache", "npm cache clean --force"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* mkdir, mkdtemp and rename (of a directory) add a subdirectory, that is
 * a link to a directory; link adds a hard link to a file. */
static int fsd__dir_call(fsd__ctx_t *c) {
  return FSD__SYS("mkdir") || FSD__SYS("mkdtemp") || FSD__SYS("rename");
}

/* Stores that hard-link one file into many places. */
static int fsd__link_store(fsd__ctx_t *c) {
  return (c->sh & (FSD__SH_PNPM | FSD__SH_CACACHE)) ||
         fsd__has(c->path, "/.links/") || fsd__has(c->path, "/nix/store/");
}

static int64_t fsd__link_max(fsd__ctx_t *c) {
  const fsd_linkinfo_t *l = c->ev->link;
  const fsd_fsinfo_t *f = c->ev->fs;
  return l && l->link_max > 0 ? l->link_max : (f ? f->link_max : -1);
}

static int64_t fsd__subdir_max(fsd__ctx_t *c) {
  return c->ev->fs ? c->ev->fs->subdir_max : -1;
}

static const char *fsd__fs_type(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  return f && f->type ? f->type : "this filesystem";
}

/* Measured at its maximum: the directory (for mkdir, rename) or the file. */
static int fsd__at_link_max(fsd__ctx_t *c, int dir) {
  const fsd_linkinfo_t *l = c->ev->link;
  int64_t lmax = fsd__link_max(c), smax = fsd__subdir_max(c);
  if (dir != fsd__dir_call(c) || l == NULL || l->nlink < 0) return 0;
  if (dir && smax > 0 && l->subdirs >= smax) return 1;
  return lmax > 0 && l->nlink >= lmax;
}

void fsd__rule_subdirectory_limit(fsd__ctx_t *c) {
  const fsd_linkinfo_t *l = c->ev->link;
  int64_t smax = fsd__subdir_max(c), lmax = fsd__link_max(c);
  fsd__cand_t *k;
  if (!FSD__CODE("EMLINK")) return;
  if (fsd__at_link_max(c, 1)) {
    k = fsd__add(c, FSD_CAUSE_SUBDIRECTORY_LIMIT, 0.97);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "dir", l->path);
    fsd__ev_num(c, k, "subdirs", l->subdirs);
    fsd__ev_num(c, k, "subdirMax", smax);
    fsd__ev_num(c, k, "nlink", l->nlink);
    fsd__ev_num(c, k, "linkMax", lmax);
    fsd__var(&k->vars, "dir", l->path);
    fsd__var(&k->vars, "subdirs", fsd__i64(c->a, l->subdirs));
    fsd__var(&k->vars, "subdirmax", fsd__i64(c->a, smax > 0 ? smax : lmax - 2));
    k->detail = fsd_printf(c->a,
                           "%s already has %lld subdirectories; %s "
                           "allows %lld.",
                           l->path, (long long)l->subdirs, fsd__fs_type(c),
                           (long long)(smax > 0 ? smax : lmax - 2));
  } else if (fsd__dir_call(c)) {
    fsd__guess(c, FSD_CAUSE_SUBDIRECTORY_LIMIT, 0.8,
               "mkdir fails with EMLINK when the parent directory has as "
               "many subdirectories as the filesystem allows (ext2/ext3: "
               "31998).");
  } else if (!fsd__at_link_max(c, 0) && c->syscall[0] == '\0') {
    /* No call named (Python, Ruby): mkdir is the usual one, except in a
     * store that hard-links files. */
    fsd__guess(c, FSD_CAUSE_SUBDIRECTORY_LIMIT, fsd__link_store(c) ? 0.4 : 0.65,
               "A directory may be at the subdirectory limit.");
  }
}

void fsd__rule_hard_link_limit(fsd__ctx_t *c) {
  const fsd_linkinfo_t *l = c->ev->link;
  int64_t lmax = fsd__link_max(c);
  fsd__cand_t *k;
  if (!FSD__CODE("EMLINK") || fsd__at_link_max(c, 1)) return;
  if (fsd__at_link_max(c, 0)) {
    k = fsd__add(c, FSD_CAUSE_HARD_LINK_LIMIT, 0.97);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "path", l->path);
    fsd__ev_num(c, k, "nlink", l->nlink);
    fsd__ev_num(c, k, "linkMax", lmax);
    fsd__var(&k->vars, "path", l->path);
    fsd__var(&k->vars, "nlink", fsd__i64(c->a, l->nlink));
    fsd__var(&k->vars, "linkmax", fsd__i64(c->a, lmax));
    k->detail =
        fsd_printf(c->a, "%s has %lld hard links; %s allows %lld.", l->path,
                   (long long)l->nlink, fsd__fs_type(c), (long long)lmax);
  } else if (fsd__dir_call(c)) {
    fsd__guess(c, FSD_CAUSE_HARD_LINK_LIMIT, 0.2,
               "A link count limit was reached.");
  } else if (c->syscall[0] == '\0' && !fsd__link_store(c)) {
    fsd__guess(c, FSD_CAUSE_HARD_LINK_LIMIT, 0.5,
               "The file may have as many hard links as the filesystem "
               "allows.");
  } else {
    fsd__guess(c, FSD_CAUSE_HARD_LINK_LIMIT, 0.8,
               "The file already has as many hard links as the "
               "filesystem allows (ext4: 65000, NTFS: 1024).");
  }
}
