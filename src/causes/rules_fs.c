/* Rules for limits and shapes of the filesystem: link counts, symlink
 * chains, descriptors, watchers, space, inodes, quotas, mounts, names. */

#include "engine/engine.h"

#include <string.h>

#define IS(s, t) fsd__is((s), (t))
#define CODE(t) IS(c->code, (t))
#define SYS(t) IS(c->syscall, (t))

static void fsd__num(fsd__ctx_t *c, fsd__cand_t *k, const char *key,
                     int64_t v) {
  if (v < 0)
    fsd_set_null(c->a, k->evidence, key);
  else
    fsd_set_num(c->a, k->evidence, key, (double)v);
}

static void fsd__rule_emlink(fsd__ctx_t *c) {
  const fsd_linkinfo_t *l = c->ev->link;
  const fsd_fsinfo_t *f = c->ev->fs;
  fsd__cand_t *k;
  int dir = SYS("mkdir") || SYS("rename");
  int64_t lmax = l && l->link_max > 0 ? l->link_max : (f ? f->link_max : -1);
  int64_t smax = f ? f->subdir_max : -1;
  if (!CODE("EMLINK")) return;
  if (dir && l != NULL && l->nlink >= 0 &&
      ((smax > 0 && l->subdirs >= smax) || (lmax > 0 && l->nlink >= lmax))) {
    k = fsd__add(c, "subdirectory-limit", 0.97);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "dir", l->path);
    fsd__num(c, k, "subdirs", l->subdirs);
    fsd__num(c, k, "subdirMax", smax);
    fsd__num(c, k, "nlink", l->nlink);
    fsd__num(c, k, "linkMax", lmax);
    fsd__var(&k->vars, "dir", l->path);
    fsd__var(&k->vars, "subdirs", fsd__i64(c->a, l->subdirs));
    fsd__var(&k->vars, "subdirmax", fsd__i64(c->a, smax > 0 ? smax : lmax - 2));
    k->detail = fsd_printf(c->a,
                           "%s already has %lld subdirectories; %s "
                           "allows %lld.",
                           l->path, (long long)l->subdirs,
                           f && f->type ? f->type : "this filesystem",
                           (long long)(smax > 0 ? smax : lmax - 2));
    return;
  }
  if (!dir && l != NULL && l->nlink >= 0 && lmax > 0 && l->nlink >= lmax) {
    k = fsd__add(c, "hard-link-limit", 0.97);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "path", l->path);
    fsd__num(c, k, "nlink", l->nlink);
    fsd__num(c, k, "linkMax", lmax);
    fsd__var(&k->vars, "path", l->path);
    fsd__var(&k->vars, "nlink", fsd__i64(c->a, l->nlink));
    fsd__var(&k->vars, "linkmax", fsd__i64(c->a, lmax));
    k->detail =
        fsd_printf(c->a, "%s has %lld hard links; %s allows %lld.", l->path,
                   (long long)l->nlink,
                   f && f->type ? f->type : "this filesystem", (long long)lmax);
    return;
  }
  if (dir) {
    k = fsd__guess(c, "subdirectory-limit", 0.8,
                   "mkdir fails with EMLINK when the parent directory has as "
                   "many subdirectories as the filesystem allows (ext2/ext3: "
                   "31998).");
    fsd__guess(c, "hard-link-limit", 0.2, "A link count limit was reached.");
  } else {
    k = fsd__guess(c, "hard-link-limit", 0.8,
                   "The file already has as many hard links as the "
                   "filesystem allows (ext4: 65000, NTFS: 1024).");
    if (c->syscall[0] == '\0')
      fsd__guess(c, "subdirectory-limit", 0.4,
                 "A directory may be at the subdirectory limit.");
  }
  (void)k;
}

/* ELOOP and dangling links: gather put the linkInfo of the path (or of the
 * symlink component that fails) in ev->link. */
static void fsd__chain_ev(fsd__ctx_t *c, fsd__cand_t *k,
                          const fsd_linkinfo_t *l) {
  fsd_val_t *ch = fsd_set(k->evidence, "chain", fsd_arr(c->a));
  size_t i;
  for (i = 0; i < l->nchain; i++) fsd_push(ch, fsd_str(c->a, l->chain[i]));
}

static void fsd__rule_symlinks(fsd__ctx_t *c) {
  const fsd_linkinfo_t *l = c->ev->link;
  fsd__cand_t *k;
  if (CODE("ELOOP")) {
    if (l != NULL && l->loop) {
      fsd_val_t *cy;
      size_t i;
      k = fsd__add(c, "symlink-loop", 0.97);
      if (k == NULL) return;
      fsd__chain_ev(c, k, l);
      cy = fsd_set(k->evidence, "cycle", fsd_arr(c->a));
      for (i = l->loop_start; i < l->nchain; i++)
        fsd_push(cy, fsd_str(c->a, l->chain[i]));
      if (l->loop_start < l->nchain)
        fsd__var(&k->vars, "looplink", l->chain[l->nchain - 1]);
      k->detail = fsd_printf(c->a, "The links form a cycle: %s", "");
      for (i = l->loop_start; i < l->nchain; i++)
        k->detail = fsd_printf(c->a, "%s%s%s", k->detail,
                               i > l->loop_start ? " -> " : "", l->chain[i]);
      if (l->loop_start < l->nchain)
        k->detail =
            fsd_printf(c->a, "%s -> %s.", k->detail, l->chain[l->loop_start]);
    } else {
      fsd__guess(c, "symlink-loop", 0.85,
                 "Resolving {path} followed too many symlinks: a cycle, or a "
                 "very long chain.");
    }
    return;
  }
  if (!CODE("ENOENT")) return;
  if (l != NULL && l->broken) {
    /* The last hop is the missing target when it was reached, otherwise
     * the link whose target could not be followed. */
    const char *last = l->nchain ? l->chain[l->nchain - 1] : l->path;
    const char *link = l->nchain >= 2 && IS(last, l->broken_at)
                           ? l->chain[l->nchain - 2]
                           : last;
    k = fsd__add(c, "broken-symlink", 0.92);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "link", link);
    fsd_set_str(c->a, k->evidence, "brokenAt", l->broken_at);
    fsd__chain_ev(c, k, l);
    fsd__var(&k->vars, "brokenlink", link);
    fsd__var(&k->vars, "linktarget", l->broken_at);
    k->detail =
        fsd_printf(c->a, "%s is a symlink to %s, which does not exist.", link,
                   l->broken_at ? l->broken_at : "a missing target");
  } else if (c->path && fsd__has(c->path, "node_modules") &&
             (fsd__has(c->path, "/.bin/") || fsd__has(c->path, "\\.bin\\"))) {
    fsd__guess(c, "broken-symlink", 0.45,
               "{path} is a bin link; it dangles when its package is missing "
               "or half-removed.");
  }
}

static void fsd__rule_fds(fsd__ctx_t *c) {
  const fsd_limits_t *L = c->ev->limits;
  int watch = SYS("watch") || fsd__has(c->syscall, "inotify");
  fsd__cand_t *k;
  if (CODE("EMFILE") && !watch) {
    int64_t nl;
    if (L != NULL && L->nofile_soft > 0) {
      k = fsd__add(c, "too-many-open-files", 0.95);
      if (k == NULL) return;
      fsd__num(c, k, "nofileSoft", L->nofile_soft);
      fsd__num(c, k, "nofileHard", L->nofile_hard);
      fsd__num(c, k, "openFds", L->open_fds);
      /* Four times the soft limit, at least 10240, but no more than the hard
       * limit allows without root. */
      nl = L->nofile_soft * 4;
      if (nl < 10240) nl = 10240;
      if (L->nofile_hard > L->nofile_soft && nl > L->nofile_hard)
        nl = L->nofile_hard;
      if (nl > 1048576) nl = 1048576;
      fsd__var(&k->vars, "limit", fsd__i64(c->a, L->nofile_soft));
      fsd__var(&k->vars, "newlimit", fsd__i64(c->a, nl));
      if (L->open_fds >= 0)
        k->detail =
            fsd_printf(c->a,
                       "This process may open %lld descriptors "
                       "(hard limit %lld) and has %lld open.",
                       (long long)L->nofile_soft, (long long)L->nofile_hard,
                       (long long)L->open_fds);
      else /* counting them needs a descriptor too */
        k->detail =
            fsd_printf(c->a,
                       "This process may open %lld descriptors "
                       "(hard limit %lld), and all are in use.",
                       (long long)L->nofile_soft, (long long)L->nofile_hard);
    } else {
      fsd__guess(c, "too-many-open-files", 0.9,
                 "The process reached its limit of open file descriptors.");
    }
  }
  if (CODE("ENFILE")) {
    if (L != NULL && L->file_max > 0) {
      k = fsd__add(c, "file-table-full", 0.95);
      if (k == NULL) return;
      fsd__num(c, k, "fileNr", L->file_nr);
      fsd__num(c, k, "fileMax", L->file_max);
      fsd__var(&k->vars, "limit", fsd__i64(c->a, L->file_max));
      fsd__var(&k->vars, "newlimit", fsd__i64(c->a, L->file_max * 2));
      k->detail = fsd_printf(c->a,
                             "%lld of %lld system-wide file handles are "
                             "in use.",
                             (long long)L->file_nr, (long long)L->file_max);
    } else {
      fsd__guess(c, "file-table-full", 0.9,
                 "The system-wide table of open files is full.");
    }
  }
  if ((CODE("ENOSPC") || CODE("EMFILE")) &&
      (watch || (L != NULL && L->inotify_max_watches > 0 &&
                 L->inotify_watches_used >= L->inotify_max_watches))) {
    int inst = CODE("EMFILE");
    if (L != NULL && L->inotify_max_watches > 0) {
      k = fsd__add(c, "watcher-limit", 0.96);
      if (k == NULL) return;
      fsd__num(c, k, "maxWatches", L->inotify_max_watches);
      fsd__num(c, k, "watchesUsed", L->inotify_watches_used);
      fsd__num(c, k, "maxInstances", L->inotify_max_instances);
      fsd__num(c, k, "instancesUsed", L->inotify_instances_used);
      fsd__var(&k->vars, "limit",
               fsd__i64(c->a, inst ? L->inotify_max_instances
                                   : L->inotify_max_watches));
      fsd__var(&k->vars, "newlimit",
               fsd__i64(c->a, L->inotify_max_watches < 524288
                                  ? 524288
                              : L->inotify_max_watches > INT64_MAX / 2
                                  ? L->inotify_max_watches
                                  : L->inotify_max_watches * 2));
      k->detail =
          fsd_printf(c->a, "inotify %s: %lld of %lld in use for this user.",
                     inst ? "instances" : "watches",
                     (long long)(inst ? L->inotify_instances_used
                                      : L->inotify_watches_used),
                     (long long)(inst ? L->inotify_max_instances
                                      : L->inotify_max_watches));
    } else {
      fsd__guess(c, "watcher-limit", 0.9,
                 "fs.watch ran out of inotify watches "
                 "(fs.inotify.max_user_watches).");
    }
  }
}

static void fsd__rule_space(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  fsd__cand_t *k;
  int full = 0, noinodes = 0;
  /* copyfile(src, dest) and friends run out of room where they write. */
  if (c->ev->dest_fs != NULL) f = c->ev->dest_fs;
  if (CODE("EDQUOT")) {
    k = fsd__add(c, "quota-exceeded", 0.92);
    if (k != NULL) {
      if (f) fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      k->detail = fsd__fill(c->a, "Your disk quota on {mount} is used up.",
                            &k->vars, &c->global, NULL, 0);
    }
    return;
  }
  if (!CODE("ENOSPC") || SYS("watch")) return;
  if (f != NULL && (f->free_bytes >= 0 || f->avail_bytes >= 0)) {
    int64_t thr = 1 << 20,
            left = f->avail_bytes >= 0 ? f->avail_bytes : f->free_bytes;
    if (f->total_bytes > 0 && f->total_bytes / 100 < thr)
      thr = f->total_bytes / 100;
    if (f->block_size > 0 && thr < f->block_size * 2) thr = f->block_size * 2;
    full = left <= thr;
    noinodes = f->total_inodes > 0 && f->free_inodes == 0;
    if (full) {
      k = fsd__add(c, "disk-full", 0.95);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      fsd__num(c, k, "freeBytes", f->free_bytes);
      fsd__num(c, k, "availBytes", f->avail_bytes);
      fsd__num(c, k, "totalBytes", f->total_bytes);
      k->detail = fsd_printf(c->a, "%s has %lld bytes free of %lld.",
                             f->mount_point ? f->mount_point : "The filesystem",
                             (long long)left, (long long)f->total_bytes);
    }
    if (noinodes) {
      k = fsd__add(c, "inodes-exhausted", full ? 0.9 : 0.96);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      fsd__num(c, k, "freeInodes", f->free_inodes);
      fsd__num(c, k, "totalInodes", f->total_inodes);
      fsd__num(c, k, "freeBytes", f->free_bytes);
      k->detail =
          fsd_printf(c->a,
                     "%s has no free inodes (all %lld used) "
                     "though %lld bytes are free.",
                     f->mount_point ? f->mount_point : "The filesystem",
                     (long long)f->total_inodes, (long long)f->free_bytes);
    }
    if (!full && !noinodes) {
      /* Room now does not mean room then: a failed copy or extraction
       * removes its partial file. The small filesystem is still the most
       * likely culprit; a quota comes next. */
      k = fsd__add(c, "disk-full", 0.55);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      fsd__num(c, k, "freeBytes", f->free_bytes);
      fsd__num(c, k, "availBytes", f->avail_bytes);
      fsd__num(c, k, "totalBytes", f->total_bytes);
      k->detail =
          fsd_printf(c->a,
                     "%s has %lld of %lld bytes free now; the "
                     "write needed more than that, or the space was "
                     "freed again when the failed write was cleaned up.",
                     f->mount_point ? f->mount_point : "The filesystem",
                     (long long)left, (long long)f->total_bytes);
      fsd__guess(
          c, "quota-exceeded", 0.35,
          "A disk quota can refuse writes while the filesystem has room.");
    }
    return;
  }
  fsd__guess(c, "disk-full", 0.6,
             "The filesystem holding {path} ran out of "
             "space.");
  fsd__guess(c, "inodes-exhausted", 0.35,
             "Or it ran out of inodes (many "
             "small files).");
  fsd__guess(c, "watcher-limit", 0.25,
             "On Linux, file watchers report an "
             "exhausted inotify limit as ENOSPC too.");
}

static int fsd__same_dir(const char *a, const char *b) {
  size_t na, nb;
  if (a == NULL || b == NULL) return 0;
  na = strlen(a);
  nb = strlen(b);
  while (na > 1 && (a[na - 1] == '/' || a[na - 1] == '\\')) na--;
  while (nb > 1 && (b[nb - 1] == '/' || b[nb - 1] == '\\')) nb--;
  return na == nb && strncmp(a, b, na) == 0;
}

static void fsd__rule_mounts(fsd__ctx_t *c, int sh) {
  const fsd_fsinfo_t *f = c->ev->fs, *df = c->ev->dest_fs;
  fsd__cand_t *k;
  if (CODE("EXDEV")) {
    if (f != NULL && df != NULL) {
      k = fsd__add(c, "cross-device", 0.97);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      fsd_set_str(c->a, k->evidence, "destMountPoint", df->mount_point);
      fsd_set_str(c->a, k->evidence, "type", f->type);
      fsd_set_str(c->a, k->evidence, "destType", df->type);
      k->detail = fsd_printf(
          c->a, "%s is on %s (%s) but %s is on %s (%s).",
          c->path ? c->path : "The source",
          f->mount_point ? f->mount_point : "?", f->type ? f->type : "?",
          c->dest ? c->dest : "the destination",
          df->mount_point ? df->mount_point : "?", df->type ? df->type : "?");
    } else {
      fsd__guess(c, "cross-device", 0.9,
                 "{path} and {dest} are on different "
                 "filesystems; rename() cannot move between them.");
    }
  }
  if (CODE("ETXTBSY")) {
    size_t n = fsd__nholders(c, "exe");
    k = fsd__add(c, "text-file-busy", n > 0 ? 0.97 : 0.85);
    if (k == NULL) return;
    if (n > 0) {
      fsd__holders_ev(c, k, "exe");
      k->detail = fsd__fill(c->a, "{name} (pid {pid}) is running {path}.",
                            &k->vars, &c->global, NULL, 0);
    } else {
      fsd__holders_ev(c, k, NULL);
      k->detail = fsd__fill(c->a,
                            "{path} is a program that is running (or "
                            "open for writing while being run).",
                            &k->vars, &c->global, NULL, 0);
    }
  }
  if (CODE("EBUSY") && !c->win) {
    const fsd_fsinfo_t *hit = NULL;
    if (f != NULL && fsd__same_dir(f->mount_point, c->path)) hit = f;
    if (df != NULL && fsd__same_dir(df->mount_point, c->dest)) hit = df;
    if (hit != NULL) {
      k = fsd__add(c, "mount-point-busy", 0.96);
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
    } else if ((SYS("rmdir") || SYS("rename") || SYS("unlink") || SYS("rm") ||
                (sh & FSD__SH_DOCKER))) {
      k = fsd__guess(c, "mount-point-busy", (sh & FSD__SH_DOCKER) ? 0.75 : 0.5,
                     "On Linux, EBUSY from removing or renaming a directory "
                     "usually means it is a mount point (a container volume, "
                     "a bind mount).");
      if (k) fsd__var(&k->vars, "mount", c->path);
    }
  }
  if (CODE("ENOTEMPTY") ||
      (CODE("EEXIST") && SYS("rename") && c->ev->dest && c->ev->dest->exists &&
       c->ev->dest->ncomponents &&
       IS(c->ev->dest->components[c->ev->dest->ncomponents - 1].type, "dir"))) {
    size_t n = fsd__nholders(c, NULL);
    k = fsd__add(c, "dir-not-empty", 0.85);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "path",
                SYS("rename") && c->dest ? c->dest : c->path);
    fsd__holders_ev(c, k, NULL);
    if (n > 0)
      k->detail = fsd__fill(c->a,
                            "{path} still has entries, and {name} (pid "
                            "{pid}) is using it.",
                            &k->vars, &c->global, NULL, 0);
    else
      k->detail = fsd__fill(
          c->a,
          SYS("rename") ? "The destination {dest} is a "
                          "directory that is not empty."
                        : "{path} still has "
                          "entries: leftovers, or something wrote into it "
                          "during removal.",
          &k->vars, &c->global, NULL, 0);
  }
}

static void fsd__rule_names(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  const char *p = c->path, *s, *start;
  size_t longest = 0, len = p ? strlen(p) : 0;
  fsd__cand_t *k;
  if (!CODE("ENAMETOOLONG") || p == NULL) return;
  for (s = start = p;; s++) {
    if (*s == '/' || *s == '\\' || *s == '\0') {
      if ((size_t)(s - start) > longest) longest = (size_t)(s - start);
      start = s + 1;
      if (*s == '\0') break;
    }
  }
  k = fsd__add(c, "path-too-long",
               c->live && f && f->name_max > 0 ? 0.96 : 0.9);
  if (k == NULL) return;
  fsd_set_num(c->a, k->evidence, "nameLength", (double)longest);
  fsd_set_num(c->a, k->evidence, "pathLength", (double)len);
  if (f && f->name_max > 0)
    fsd_set_num(c->a, k->evidence, "nameMax", (double)f->name_max);
  fsd__var(&k->vars, "nameLength", fsd__i64(c->a, (int64_t)longest));
  if (f) fsd__var(&k->vars, "nameMax", fsd__i64(c->a, f->name_max));
  if (f && f->name_max > 0 && (int64_t)longest > f->name_max)
    k->detail = fsd_printf(c->a,
                           "A name in the path is %zu bytes; %s allows "
                           "%lld.",
                           longest, f->type ? f->type : "the filesystem",
                           (long long)f->name_max);
  else
    k->detail =
        fsd_printf(c->a,
                   "The path is %zu bytes with a longest name of "
                   "%zu bytes%s.",
                   len, longest, len >= 4096 ? " (PATH_MAX is 4096)" : "");
}

void fsd__rules_fs(fsd__ctx_t *c, int sh) {
  fsd__rule_emlink(c);
  fsd__rule_symlinks(c);
  fsd__rule_fds(c);
  fsd__rule_space(c);
  fsd__rule_mounts(c, sh);
  fsd__rule_names(c);
}
