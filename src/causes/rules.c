/* One rule per cause: each looks at the error fields and the evidence and,
 * when it applies, proposes its cause with a confidence and the measured
 * values behind it. Measured evidence scores 0.85-0.97; what the text alone
 * suggests (syscall, path shape, platform) scores 0.2-0.8, so a named holder
 * always beats "maybe antivirus". */

#include "engine/engine.h"

#include <ctype.h>
#include <string.h>

#define IS(s, t) fsd__is((s), (t))
#define CODE(t) IS(c->code, (t))
#define SYS(t) IS(c->syscall, (t))

static const char *const fsd__rm_calls[] = {"unlink", "rmdir", "rename", "rm",
                                            NULL};

/* ---- holders ------------------------------------------------------------- */

void fsd__holders_ev(fsd__ctx_t *c, fsd__cand_t *k, const char *how) {
  const fsd_holders_t *h = c->ev->holders;
  fsd_val_t *arr;
  size_t i, nk = 0;
  if (k == NULL || h == NULL) return;
  arr = fsd_set(k->evidence, "holders", fsd_arr(c->a));
  k->kinds_known = 1;
  for (i = 0; i < h->count; i++) {
    const fsd_holder_t *x = &h->items[i];
    fsd_val_t *o;
    size_t j;
    if (how != NULL && !IS(x->how, how)) continue;
    o = fsd_push(arr, fsd_obj(c->a));
    fsd_set_num(c->a, o, "pid", (double)x->pid);
    fsd_set_str(c->a, o, "name", x->name);
    fsd_set_str(c->a, o, "kind", x->kind ? x->kind : "other");
    fsd_set_str(c->a, o, "how", x->how);
    fsd_set_str(c->a, o, "target", x->target);
    if (x->fd >= 0) fsd_set_num(c->a, o, "fd", (double)x->fd);
    if (x->lock) fsd_set_str(c->a, o, "lock", x->lock);
    if (fsd__var_get(&k->vars, "pid") == NULL) {
      fsd__var(&k->vars, "pid", fsd__i64(c->a, x->pid));
      fsd__var(&k->vars, "name", x->name ? x->name : "a process");
      fsd__var(&k->vars, "target", x->target);
    }
    for (j = 0; j < nk; j++)
      if (IS(k->kinds[j], x->kind)) break;
    if (j == nk && nk < 7) k->kinds[nk++] = x->kind ? x->kind : "other";
  }
}

size_t fsd__nholders(fsd__ctx_t *c, const char *how) {
  const fsd_holders_t *h = c->ev->holders;
  size_t i, n = 0;
  if (h == NULL) return 0;
  for (i = 0; i < h->count; i++)
    if (how == NULL || IS(h->items[i].how, how)) n++;
  return n;
}

static void fsd__rule_locked(fsd__ctx_t *c, int sh) {
  static const char *const locky[] = {"EBUSY", "EPERM", "EACCES", "EAGAIN",
                                      NULL};
  fsd__cand_t *k;
  size_t n = fsd__nholders(c, NULL);
  if (!fsd__one_of(c->code, locky)) return;
  if (n > 0) {
    /* On POSIX an open file does not make unlink or rename fail, so a holder
     * explains EPERM/EACCES only on Windows; EBUSY everywhere. */
    double conf = (c->win || CODE("EBUSY") || CODE("EAGAIN")) ? 0.95 : 0.35;
    k = fsd__add(c, "file-locked", conf);
    if (k == NULL) return;
    fsd__holders_ev(c, k, NULL);
    k->detail = fsd__fill(
        c->a,
        n == 1 ? "{name} (pid {pid}) holds {target} open."
               : "{name} (pid {pid}) and others hold files under {path} open.",
        &k->vars, &c->global, NULL, 0);
    return;
  }
  if (!c->win && !CODE("EBUSY")) return;
  if (c->ev->win32_error == 32 || c->ev->win32_error == 33) {
    /* Windows itself says another handle refuses to share the file: a lock
     * is measured even where no mechanism could name its holder. */
    k = fsd__add(c, "file-locked", 0.9);
    if (k == NULL) return;
    fsd_set_num(c->a, k->evidence, "win32Error", (double)c->ev->win32_error);
    fsd_set_str(c->a, k->evidence, "win32ErrorName", c->ev->win32_error_name);
    fsd_set(k->evidence, "holders", fsd_arr(c->a));
    if (c->ev->holders != NULL && c->ev->holders->note != NULL)
      fsd_set_str(c->a, k->evidence, "note", c->ev->holders->note);
    k->detail = fsd_printf(
        c->a,
        "Windows reports %s: another process has it open without sharing; "
        "the holder could not be identified.",
        c->ev->win32_error_name ? c->ev->win32_error_name : "a sharing violation");
    return;
  }
  if (c->live && c->ev->holders != NULL) {
    /* Scanned and found nobody: a scanner may have let go already. */
    k = fsd__add(c, "file-locked", c->win ? 0.45 : 0.25);
    if (k == NULL) return;
    fsd_set(k->evidence, "holders", fsd_arr(c->a));
    fsd_set_num(c->a, k->evidence, "scanned", (double)c->ev->holders->scanned);
    k->kinds_known = 1; /* none: no kind-specific fixes */
    k->detail =
        "No process holds it now; a short-lived holder (an antivirus "
        "or indexer scan) may have had it open at that moment.";
    return;
  }
  if (!c->win) {
    fsd__guess(c, "file-locked", 0.4, "A process may hold {path} busy.");
    return;
  }
  if (fsd__one_of(c->syscall, fsd__rm_calls) || SYS("open") ||
      SYS("copyfile") || SYS("scandir") || SYS("lstat") ||
      c->syscall[0] == '\0' || CODE("EBUSY"))
    fsd__guess(c, "file-locked",
               (sh & (FSD__SH_STAGING | FSD__SH_PNPM | FSD__SH_NODEMOD)) ||
                       CODE("EBUSY")
                   ? 0.75
                   : 0.6,
               "On Windows this usually means another process (an editor, an "
               "antivirus scan, a leftover node) had {path} open.");
}

/* ---- ownership, mode bits, flags ---------------------------------------- */

/* The first component that denies this process: on the path, else on the
 * destination (rename and link need write access to both parents). */
static const fsd_component_t *fsd__denied(fsd__ctx_t *c,
                                          const fsd_pathinfo_t **which) {
  const fsd_pathinfo_t *ps[2] = {c->ev->path, c->ev->dest};
  size_t i;
  for (i = 0; i < 2; i++) {
    const fsd_pathinfo_t *p = ps[i];
    if (p == NULL || p->denied_index < 0 ||
        (size_t)p->denied_index >= p->ncomponents)
      continue;
    *which = p;
    return &p->components[p->denied_index];
  }
  *which = c->ev->path;
  return NULL;
}

static int64_t fsd__euid(fsd__ctx_t *c) {
  return c->ev->priv ? c->ev->priv->euid : -1;
}

int fsd__under(const char *path, const char *dir) {
  size_t n;
  if (path == NULL || dir == NULL || dir[0] == '\0') return 0;
  n = strlen(dir);
  while (n > 1 && (dir[n - 1] == '/' || dir[n - 1] == '\\')) n--;
  return strncmp(path, dir, n) == 0 &&
         (path[n] == '\0' || path[n] == '/' || path[n] == '\\');
}

static const char *fsd__owner_name(fsd__ctx_t *c, const fsd_component_t *x) {
  if (x->user != NULL) return x->user;
  return fsd_printf(c->a, "uid %lld", (long long)x->uid);
}

static void fsd__comp_ev(fsd__ctx_t *c, fsd__cand_t *k,
                         const fsd_component_t *x) {
  fsd_set_str(c->a, k->evidence, "component", x->path);
  fsd_set_num(c->a, k->evidence, "mode", (double)(x->mode & 07777));
  fsd_set_str(c->a, k->evidence, "modeText",
              fsd_printf(c->a, "%04o", (unsigned)(x->mode & 07777)));
  if (x->uid >= 0) fsd_set_num(c->a, k->evidence, "ownerUid", (double)x->uid);
  fsd_set_str(c->a, k->evidence, "owner", x->user);
  fsd__var(&k->vars, "component", x->path);
  fsd__var(&k->vars, "owner", fsd__owner_name(c, x));
}

static void fsd__rule_access(fsd__ctx_t *c, int sh) {
  const fsd_pathinfo_t *p = NULL;
  const fsd_component_t *x = fsd__denied(c, &p);
  int64_t euid = fsd__euid(c);
  const char *prefix = c->ev->npm_prefix;
  int in_prefix = fsd__under(c->path, prefix) || fsd__under(c->dest, prefix);
  fsd__cand_t *k;
  if (!CODE("EACCES") && !CODE("EPERM")) return;
  if (c->live && x != NULL) {
    int other = euid >= 0 && x->uid >= 0 && x->uid != euid;
    if (other) {
      k = fsd__add(c, "wrong-owner", in_prefix ? 0.88 : 0.92);
      if (k != NULL) {
        fsd__comp_ev(c, k, x);
        fsd_set_num(c->a, k->evidence, "euid", (double)euid);
        k->detail = fsd_printf(c->a,
                               "%s belongs to %s, but this process runs "
                               "as uid %lld.",
                               x->path, fsd__owner_name(c, x), (long long)euid);
      }
    }
    k = fsd__add(c, "permission-denied", other ? 0.8 : 0.9);
    if (k != NULL) {
      fsd__comp_ev(c, k, x);
      fsd_set_str(c->a, k->evidence, "op", p->denied_op);
      fsd_set_str(c->a, k->evidence, "bit", p->denied_bit);
      fsd_set_str(c->a, k->evidence, "reason", p->denied_reason);
      fsd__var(&k->vars, "bit", p->denied_bit);
      k->detail = fsd_printf(c->a,
                             "%s (mode %04o) lacks the %s bit needed to "
                             "%s it%s%s.",
                             x->path, (unsigned)(x->mode & 07777),
                             p->denied_bit ? p->denied_bit : "needed",
                             p->denied_op ? p->denied_op : "use",
                             p->denied_reason ? ": " : "",
                             p->denied_reason ? p->denied_reason : "");
    }
    if (in_prefix) {
      k = fsd__add(c, "global-prefix-not-writable", 0.95);
      if (k != NULL) {
        fsd__comp_ev(c, k, x);
        fsd_set_str(c->a, k->evidence, "prefix", prefix);
        k->detail =
            fsd_printf(c->a,
                       "npm's global prefix %s is not writable "
                       "by this user (%s denies %s).",
                       prefix, x->path, p->denied_op ? p->denied_op : "access");
      }
    }
  }
  if (!c->live || x == NULL) {
    /* %APPDATA%\npm belongs to the user: EPERM there is a lock, not the
     * prefix's permissions. */
    if ((sh & FSD__SH_GLOBAL) && !(c->win && fsd__has(c->path, "appdata")))
      fsd__guess(c, "global-prefix-not-writable", 0.8,
                 "{path} is under a usual npm global prefix, which belongs "
                 "to root or the system.");
    else if (sh & FSD__SH_GLOBAL)
      fsd__guess(c, "global-prefix-not-writable", 0.35,
                 "{path} is in npm's global prefix.");
    if (CODE("EPERM") && IS(c->platform, "darwin") && !SYS("symlink") &&
        !SYS("link"))
      fsd__guess(c, "permission-denied", 0.45,
                 "On macOS, EPERM on an ordinary file usually comes from "
                 "privacy protection (the terminal lacks Full Disk Access "
                 "for Desktop, Documents or Downloads) or an ACL.");
    if (CODE("EPERM") && c->posix && !SYS("symlink") && !SYS("link") &&
        (fsd__one_of(c->syscall, fsd__rm_calls) || SYS("open") || SYS("write")))
      fsd__guess(c, "immutable-file", IS(c->platform, "darwin") ? 0.35 : 0.45,
                 "EPERM from changing a file that mode bits would allow "
                 "points at an immutable or append-only flag "
                 "(chattr +i/+a, chflags uchg).");
    if (c->posix && CODE("EACCES"))
      fsd__guess(c, "permission-denied", 0.5,
                 "The mode bits of {path} or a directory above it deny this "
                 "user.");
    if (c->posix && CODE("EACCES") &&
        (sh & (FSD__SH_NODEMOD | FSD__SH_CACACHE)))
      fsd__guess(c, "wrong-owner", (sh & FSD__SH_CACACHE) ? 0.65 : 0.45,
                 "Files created by an earlier sudo npm belong to root.");
    if (c->win && (SYS("open") || SYS("mkdir")))
      fsd__guess(c, "permission-denied", 0.3,
                 "The ACL of {path} may deny this account.");
  }
  if (sh & (FSD__SH_PROGFILES | FSD__SH_WINDIR | FSD__SH_SYSTEM) ||
      ((sh & FSD__SH_USR) && !(sh & FSD__SH_GLOBAL) &&
       (!c->live || euid != 0)) ||
      (p != NULL && p->protected_location == 1)) {
    k = fsd__add(c, "protected-location",
                 p != NULL && p->protected_location == 1 ? 0.85 : 0.7);
    if (k != NULL) {
      fsd_set_str(c->a, k->evidence, "path", c->path);
      if (p != NULL)
        fsd_set_tri(c->a, k->evidence, "protectedLocation",
                    p->protected_location);
      k->detail = fsd__fill(c->a,
                            "{path} is in a system location that only "
                            "administrators may change.",
                            &k->vars, &c->global, NULL, 0);
    }
  }
}

/* Which component carries chattr +i/+a (or uchg): the path, its parent or
 * the destination and its parent all matter for unlink and rename. */
static void fsd__rule_immutable(fsd__ctx_t *c) {
  const fsd_pathinfo_t *ps[2] = {c->ev->path, c->ev->dest};
  size_t i, j;
  if (!CODE("EPERM") && !CODE("EACCES")) return;
  for (i = 0; i < 2; i++) {
    const fsd_pathinfo_t *p = ps[i];
    if (p == NULL) continue;
    for (j = p->ncomponents; j-- > 0;) {
      const fsd_component_t *x = &p->components[j];
      fsd__cand_t *k;
      if (x->immutable != 1 && x->append_only != 1) continue;
      k = fsd__add(c, "immutable-file", 0.96);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "path", x->path);
      fsd_set_bool(c->a, k->evidence, "immutable", x->immutable == 1);
      fsd_set_bool(c->a, k->evidence, "appendOnly", x->append_only == 1);
      fsd__var(&k->vars, "flagged", x->path);
      k->detail = fsd_printf(c->a,
                             "%s is %s; no one may %s it until the flag "
                             "is cleared.",
                             x->path,
                             x->immutable == 1 ? "immutable (chattr +i)"
                                               : "append-only (chattr +a)",
                             c->syscall[0] ? c->syscall : "change");
      return;
    }
  }
}

static void fsd__rule_readonly(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  fsd__cand_t *k;
  int rofs = CODE("EROFS");
  static const char *const writes[] = {"mkdir",    "open",  "write",   "rename",
                                       "unlink",   "rmdir", "symlink", "link",
                                       "copyfile", "chmod", "chown",   "utime",
                                       "futime",   "rm",    "cp",      NULL};
  /* Tools that create parents themselves (npm's mkdir -p) report ENOENT
   * when the mkdir underneath failed on a read-only mount. */
  int writing = fsd__one_of(c->syscall, writes);
  if (f != NULL && f->read_only == 1 &&
      (rofs || CODE("EPERM") || CODE("EACCES") ||
       (CODE("ENOENT") && writing))) {
    k = fsd__add(c, "read-only-fs", rofs ? 0.97 : CODE("ENOENT") ? 0.85 : 0.9);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd_set_str(c->a, k->evidence, "type", f->type);
    fsd_set_str(c->a, k->evidence, "options", f->options);
    k->detail =
        fsd_printf(c->a, "%s (%s) is mounted read-only (%s).",
                   f->mount_point ? f->mount_point : "The filesystem",
                   f->type ? f->type : "?", f->options ? f->options : "ro");
  } else if (rofs) {
    fsd__guess(c, "read-only-fs", 0.85,
               "The filesystem holding {path} is mounted read-only.");
  }
}

/* Windows read-only attribute on the path or its parent directory. */
static void fsd__rule_attr(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  size_t j;
  if (!CODE("EPERM") && !CODE("EACCES")) return;
  if (p != NULL) {
    for (j = p->ncomponents; j-- > 0 && j + 2 >= p->ncomponents;) {
      const fsd_component_t *x = &p->components[j];
      fsd__cand_t *k;
      if (x->win_readonly != 1) continue;
      k = fsd__add(c, "readonly-attribute", 0.9);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "path", x->path);
      fsd_set_bool(c->a, k->evidence, "readonlyAttribute", 1);
      fsd__var(&k->vars, "path", x->path);
      k->detail = fsd_printf(c->a, "%s has the read-only attribute.", x->path);
      return;
    }
  }
  if (c->win && (SYS("unlink") || SYS("open") || SYS("rmdir")))
    fsd__guess(c, "readonly-attribute", 0.3,
               "{path} may carry the read-only attribute.");
}

/* ---- symlinks and hard links that cannot be made ------------------------ */

static void fsd__rule_links(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  const fsd_privileges_t *pv = c->ev->priv;
  fsd__cand_t *k;
  int sym = SYS("symlink"), hard = SYS("link");
  if (!CODE("EPERM") && !CODE("EACCES") && !CODE("ENOSYS") &&
      !CODE("EOPNOTSUPP") && !CODE("ENOTSUP"))
    return;
  if (!sym && !hard) return;
  /* For symlink(target, path) and link(existing, new) the new name is in
   * dest; that is where the filesystem matters. */
  if (c->ev->dest_fs != NULL) f = c->ev->dest_fs;
  if (f != NULL && ((sym && f->symlinks == 0) || (hard && f->hardlinks == 0))) {
    k = fsd__add(c, sym ? "fs-no-symlinks" : "fs-no-hardlinks", 0.95);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "type", f->type);
    fsd_set_str(c->a, k->evidence, "subtype", f->subtype);
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd_set_bool(c->a, k->evidence, sym ? "symlinks" : "hardlinks", 0);
    fsd__var(&k->vars, "mount", f->mount_point);
    fsd__var(&k->vars, "fstype", f->subtype ? f->subtype : f->type);
    k->detail = fsd_printf(c->a, "%s is %s%s%s, which cannot hold %s.",
                           f->mount_point ? f->mount_point : "The filesystem",
                           f->type ? f->type : "?", f->subtype ? "/" : "",
                           f->subtype ? f->subtype : "",
                           sym ? "symlinks" : "hard links");
    return;
  }
  if (sym && c->win && pv != NULL && pv->symlink_privilege == 0 &&
      pv->developer_mode != 1) {
    k = fsd__add(c, "symlink-privilege", 0.95);
    if (k == NULL) return;
    fsd_set_tri(c->a, k->evidence, "symlinkPrivilege", pv->symlink_privilege);
    fsd_set_tri(c->a, k->evidence, "developerMode", pv->developer_mode);
    fsd_set_tri(c->a, k->evidence, "elevated", pv->elevated);
    k->detail =
        "This account lacks SeCreateSymbolicLinkPrivilege and "
        "Developer Mode is off.";
    return;
  }
  if (sym && pv != NULL && pv->can_symlink == 0 && f != NULL) {
    k = fsd__add(c, "fs-no-symlinks", 0.8);
    if (k == NULL) return;
    fsd_set_str(c->a, k->evidence, "type", f->type);
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd_set_bool(c->a, k->evidence, "canSymlink", 0);
    k->detail = fsd_printf(c->a, "A test symlink in %s failed too.",
                           pv->probe_dir ? pv->probe_dir : "the directory");
    return;
  }
  if (sym && c->win) {
    fsd__guess(c, "symlink-privilege", 0.8,
               "Windows refuses symlinks to accounts without the symlink "
               "privilege unless Developer Mode is on.");
    fsd__guess(c, "fs-no-symlinks", 0.2,
               "The target drive may be FAT/exFAT, which has no symlinks.");
  } else if (sym) {
    fsd__guess(c, "fs-no-symlinks", 0.65,
               "On Linux and macOS this error from symlink() means the "
               "filesystem (FAT, exFAT, some shares) cannot store symlinks.");
  } else {
    fsd__guess(c, "fs-no-hardlinks", 0.6,
               "The filesystem may not support hard links.");
  }
}

void fsd__rules(fsd__ctx_t *c) {
  int sh = fsd__shapes(c);
  fsd__rule_locked(c, sh);
  fsd__rule_access(c, sh);
  fsd__rule_immutable(c);
  fsd__rule_readonly(c);
  fsd__rule_attr(c);
  fsd__rule_links(c);
  fsd__rules_places(c, sh);
  fsd__rules_fs(c, sh);
}
