/* Mode bits and owners: permission-denied (a component's mode bits or ACL
 * deny this user; names the component and the missing bit), wrong-owner
 * (the path belongs to another user, usually root after `sudo npm`) and
 * global-prefix-not-writable (npm's global prefix, for `npm -g` and
 * `npm link`, is not this user's). All three read the first component that
 * denies this process. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__denial[] = {"EPERM", "EACCES", NULL};

/* "C:\\name.ext": a file (a name with an extension) right in C:\\. */
static int fsd__c_root_file(const char *p) {
  return p != NULL && (p[0] == 'C' || p[0] == 'c') && p[1] == ':' &&
         (p[2] == '\\' || p[2] == '/') && p[3] != '\0' &&
         strpbrk(p + 3, "\\/") == NULL && strchr(p + 4, '.') != NULL;
}

#define FSD__ACCESS_WANTS \
  {FSD__ACCESS_PROBES, fsd__denial, NULL, 0, NULL}, FSD__WANT_END

static const char *const fsd__eacces[] = {"EACCES", NULL};
const fsd__want_t fsd__wants_permission_denied[] = {
    {FSD__PROBE_PROGRAM, fsd__eacces, fsd__exec_calls, 0, NULL},
    FSD__ACCESS_WANTS};
const fsd__want_t fsd__wants_wrong_owner[] = {FSD__ACCESS_WANTS};
const fsd__want_t fsd__wants_global_prefix_not_writable[] = {FSD__ACCESS_WANTS};


/* The denying component when it was measured (live), else NULL: the rules
 * then go by what the text shows. */
static const fsd_component_t *fsd__denying_component(fsd__ctx_t *c,
                                            const fsd_pathinfo_t **p) {
  const fsd_component_t *x;
  if (!FSD__CODE("EACCES") && !FSD__CODE("EPERM")) return NULL;
  x = fsd__denied(c, p);
  return c->live ? x : NULL;
}

static int fsd__other_owner(fsd__ctx_t *c, const fsd_component_t *x) {
  int64_t euid = fsd__euid(c);
  return euid >= 0 && x->uid >= 0 && x->uid != euid;
}

/* Under what npm -g and npm link write in the prefix: its
 * lib/node_modules and bin (POSIX), its node_modules and the shims beside
 * it (Windows). /usr is a common prefix; /usr/share is not npm's. */
static int fsd__in_prefix_dir(fsd__ctx_t *c, const char *p) {
  const char *prefix = c->ev->npm_prefix;
  const char *sep = c->win ? "\\" : "/";
  if (p == NULL || prefix == NULL) return 0;
  if (c->win)
    return fsd__under(p, fsd_printf(c->a, "%s%snode_modules", prefix, sep)) ||
           fsd__is(fsd__parent(c->a, p), prefix);
  return fsd__under(p, fsd_printf(c->a, "%s/lib/node_modules", prefix)) ||
         fsd__under(p, fsd_printf(c->a, "%s/bin", prefix));
}

static int fsd__in_prefix(fsd__ctx_t *c) {
  return fsd__in_prefix_dir(c, c->path) || fsd__in_prefix_dir(c, c->dest);
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

/* A program a spawn was refused (EACCES), measured: the file it met lacks
 * this user's execute bit, or sits on a filesystem mounted noexec. The
 * directories on the way are the general rule's. */
static int fsd__exec_denied(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  const fsd_fsinfo_t *f = c->ev->fs;
  const fsd_component_t *x;
  fsd__cand_t *k;
  if (p == NULL || !p->exists || p->ncomponents == 0 ||
      (p->denied_index >= 0 && (size_t)p->denied_index + 1 < p->ncomponents))
    return 0;
  x = &p->components[p->ncomponents - 1];
  if (fsd__is(x->type, "dir")) return 0; /* wrong-file-type's */
  if (p->can_search == 0) {
    k = fsd__add(c, FSD_CAUSE_PERMISSION_DENIED, 0.93);
    if (k == NULL) return 1;
    fsd__comp_ev(c, k, x);
    fsd_set_str(c->a, k->evidence, "op", "execute");
    fsd_set_str(c->a, k->evidence, "bit", "x");
    fsd__var(&k->vars, "bit", "x");
    fsd__var(&k->vars, "exec", "1");
    k->detail = fsd_printf(c->a,
                           "%s (mode %04o) does not let this user execute "
                           "it: it has no execute bit for you (an archive or "
                           "a copy that dropped it, a file never marked "
                           "executable).",
                           p->absolute ? p->absolute : x->path,
                           (unsigned)(x->mode & 07777));
    return 1;
  }
  if (f != NULL && f->options != NULL && fsd__has(f->options, "noexec")) {
    k = fsd__add(c, FSD_CAUSE_PERMISSION_DENIED, 0.9);
    if (k == NULL) return 1;
    fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd_set_str(c->a, k->evidence, "options", f->options);
    fsd_set_bool(c->a, k->evidence, "noexec", 1);
    k->detail = fsd_printf(c->a,
                           "%s is executable, but %s is mounted noexec (%s): "
                           "nothing on it may be run. Install or unpack it "
                           "somewhere else (a TMPDIR on another mount).",
                           p->absolute ? p->absolute : x->path,
                           f->mount_point ? f->mount_point : "its filesystem",
                           f->options);
    return 1;
  }
  return 0;
}

void fsd__rule_permission_denied(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = NULL;
  const fsd_component_t *x;
  fsd__cand_t *k;
  if (!FSD__CODE("EACCES") && !FSD__CODE("EPERM")) return;
  fsd__exec_words(c);
  fsd__server_words(c);
  fsd__device_words(c);
  fsd__android_private(c);
  if (c->live && c->posix && FSD__CODE("EACCES") && fsd__exec_call(c->syscall) &&
      fsd__exec_denied(c))
    return;
  x = fsd__denying_component(c, &p);
  if (x != NULL) {
    k = fsd__add(c, FSD_CAUSE_PERMISSION_DENIED,
                 fsd__other_owner(c, x) ? 0.8 : 0.9);
    if (k == NULL) return;
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
    return;
  }
  {
    const fsd_component_t *entry = NULL, *dir = fsd__sticky(c, &entry);
    if (dir != NULL && c->live) {
      k = fsd__add(c, FSD_CAUSE_PERMISSION_DENIED, 0.93);
      if (k == NULL) return;
      fsd__comp_ev(c, k, dir);
      fsd_set_bool(c->a, k->evidence, "sticky", 1);
      fsd_set_str(c->a, k->evidence, "entry", entry->path);
      fsd__var(&k->vars, "sticky", entry->path);
      fsd__var(&k->vars, "owner", fsd__owner_name(c, entry));
      k->detail = fsd_printf(c->a,
                             "%s is a sticky directory (mode %04o): only "
                             "the owner of %s (%s), of the directory, or "
                             "root may remove or rename it.",
                             dir->path, (unsigned)(dir->mode & 07777),
                             entry->path, fsd__owner_name(c, entry));
      return;
    }
  }
  if (c->posix && (FSD__CODE("EACCES") || FSD__CODE("EPERM")) &&
      fsd__sudo_redirect(c)) {
    k = fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.85,
                   "The log redirects into {path} on a line run with sudo: "
                   "the redirection is opened by your own shell, as you, "
                   "before sudo starts; sudo never writes the file.");
    if (k != NULL) fsd__var(&k->vars, "sudoredirect", c->path);
    return;
  }
  if (fsd__socket_words(c)) return;
  if (FSD__CODE("EPERM") && fsd__is(c->platform, "darwin") &&
      !FSD__SYS("symlink") && !FSD__SYS("link"))
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.45,
               "On macOS, EPERM on an ordinary file can come from an ACL "
               "that denies this user (ls -le shows it).");
  if (c->posix && FSD__CODE("EACCES") && c->path != NULL &&
      fsd__system_python(c->path))
    /* pip into the Python macOS or the distribution ships: its
     * site-packages belong to root by design, nobody's mistake */
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.7,
               "{path} is in the system Python's packages, which belong to "
               "root by design: install into a virtual environment (python3 "
               "-m venv) or with pip install --user, not with sudo.");
  else if (c->posix && (FSD__CODE("EACCES") || FSD__CODE("EPERM")) &&
           c->path != NULL && fsd__has(c->path, "/pkg/mod/") &&
           (fsd__has(c->path, "@v") || fsd__has(c->path, "/pkg/mod/cache/") ||
            fsd__has(c->path, "/go/pkg/mod/") || fsd__has(c->path, "/.go/pkg/mod/")) &&
           (fsd__removes(c->syscall) || c->syscall[0] == '\0') &&
           !fsd__said(c, "go clean"))
    /* Go makes its module cache read-only (files 0444, directories 0555)
     * so that no build changes a module: a plain rm -rf of it fails (go
     * clean -modcache adds the bits first: its failure is an owner's) */
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.7,
               "{path} is in Go's module cache, which Go makes read-only "
               "(directories without write permission): removing it file by "
               "file fails. \"go clean -modcache\" removes it, or add write "
               "permission for yourself first (chmod -R u+w).");
  else if (c->posix && FSD__CODE("EACCES") && c->path != NULL &&
           strncmp(c->path, "/nix/store/", 11) == 0 && !fsd__exec_call(c->syscall) &&
           !fsd__walk_call(c->syscall))
    /* the store is read-only by design (files 0444, directories 0555);
     * a program writes there through a link home-manager or Nix made */
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.7,
               "{path} is in the Nix store, which nobody may write (its "
               "files are made read-only): the program followed a link "
               "Nix or home-manager put in place of its own file.");
  else if (c->posix && FSD__CODE("EACCES") && c->path != NULL &&
      strncmp(c->path, "/root/", 6) == 0)
    /* root's home is 0700: another user may not even enter it (HOME=/root
     * kept by sudo or a container's image, a tool run as another user). */
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.6,
               "{path} is in root's home directory, which other users may "
               "not enter (mode 0700): the command runs as another user "
               "with HOME or a cache still pointing there.");
  else if (c->posix && FSD__CODE("EACCES") && fsd__listing_mine(c))
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.7,
               "The listing in the log shows entries of {path}'s owner "
               "(the user of that home directory) without the bits this "
               "needs: the mode bits deny it, not another owner.");
  else if (c->posix && FSD__CODE("EACCES") && fsd__copy_call(c->syscall) &&
      c->dest != NULL)
    /* A copy keeps the source's mode: a read-only source (a cache, a store,
     * read-only media) leaves a read-only copy the next copy cannot
     * overwrite. */
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.6,
               "{dest} may be a read-only copy left by an earlier copy of a "
               "read-only source, which this copy cannot overwrite.");
  else if (c->posix && FSD__CODE("EACCES"))
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.5,
               "The mode bits of {path} or a directory above it deny this "
               "user.");
  else if (c->posix && FSD__CODE("EPERM") && c->syscall[0] == '\0')
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.3,
               "The system refused the operation to this user.");
  if (c->win && (FSD__SYS("copyfile") ? fsd__c_root_file(c->dest)
                                       : fsd__c_root_file(c->path) &&
                                             (FSD__SYS("open") || c->syscall[0] == '\0')))
    /* C:\'s ACL lets users make folders there, not files */
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.7,
               "{path} is a file right at the root of C:, where Windows lets "
               "users create folders but not files: put it in a folder "
               "(C:\\tools\\app) or under your profile.");
  else if (c->win && (FSD__SYS("open") || FSD__SYS("mkdir")))
    fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.3,
               "The ACL of {path} may deny this account.");
}

/* An entry right in /tmp, /var/tmp or /dev/shm (not deeper). */
static int fsd__sticky_entry(const char *p) {
  static const char *const dirs[] = {"/tmp/", "/var/tmp/", "/dev/shm/",
                                     "/private/tmp/", NULL};
  size_t i, n;
  for (i = 0; p != NULL && dirs[i] != NULL; i++) {
    n = strlen(dirs[i]);
    if (strncmp(p, dirs[i], n) == 0 && p[n] != '\0' && strchr(p + n, '/') == NULL)
      return 1;
  }
  return 0;
}

void fsd__rule_wrong_owner(fsd__ctx_t *c) {
  const char *by;
  const fsd_pathinfo_t *p = NULL;
  const fsd_component_t *x = fsd__denying_component(c, &p);
  fsd__cand_t *k;
  if (!FSD__CODE("EACCES") && !FSD__CODE("EPERM")) return;
  if (x != NULL) {
    if (!fsd__other_owner(c, x)) return;
    k = fsd__add(c, FSD_CAUSE_WRONG_OWNER, fsd__in_prefix(c) ? 0.88 : 0.92);
    if (k == NULL) return;
    fsd__comp_ev(c, k, x);
    fsd_set_num(c->a, k->evidence, "euid", (double)fsd__euid(c));
    k->detail =
        fsd_printf(c->a,
                   "%s belongs to %s, but this process runs "
                   "as uid %lld.",
                   x->path, fsd__owner_name(c, x), (long long)fsd__euid(c));
    return;
  }
  /* a socket's denial is its group's (fsd__socket_words), no owner to take */
  if (FSD__SYS("connect")) return;
  if (!c->live && fsd__said(c, "dubious ownership") &&
      !fsd__said(c, "does not record ownership")) {
    /* git compared the owners itself (safe.directory, git 2.35.2 on) */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.88,
               "git checked: the repository[[ at {path}]] belongs to another "
               "user than the one running git, and git refuses to work in "
               "it unless that owner is trusted (safe.directory).");
    return;
  }
  if (!c->live && fsd__said(c, ".emacs.d/server") && fsd__said(c, "is unsafe")) {
    /* Emacs compared the owners itself (server-ensure-safe-dir) */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.85,
               "Emacs checked: its server directory (~/.emacs.d/server) "
               "belongs to another account than the one running Emacs (on "
               "Windows, the Administrators group, after Emacs once ran "
               "elevated), and Emacs refuses to use it.");
    return;
  }
  /* the log's own listing shows another owner */
  if (c->posix && !c->live && !fsd__exec_call(c->syscall) &&
      (by = fsd__listing_owner(c)) != NULL) {
    k = fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.72, "");
    if (k == NULL) return;
    fsd__var(&k->vars, "owner", by);
    fsd__detail(c, k,
                "The listing in the log shows entries owned by {owner}, "
                "not by the user that failed.");
    return;
  }
  /* /tmp and /var/tmp are sticky: only an entry's owner (or the
   * directory's, or root) may remove or rename it, whatever its mode */
  if (c->posix && !c->live && FSD__CODE("EPERM") &&
      ((fsd__sticky_entry(c->path) &&
        (FSD__SYS("unlink") || FSD__SYS("rename") || FSD__SYS("rmdir") ||
         FSD__SYS("rm"))) ||
       (FSD__SYS("rename") && fsd__sticky_entry(c->dest)))) {
    k = fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.6,
                   "{path} is directly in a sticky directory (/tmp, "
                   "/var/tmp), where only its owner may remove or rename "
                   "it: most often another user's, or root's after a sudo.");
    if (k != NULL)
      fsd__var(&k->vars, "stickytmp",
               fsd__sticky_entry(c->path) ? c->path : c->dest);
    return;
  }
  /* npm's cache is the user's own: a denial there (any layout: _cacache,
   * _locks, the old ~/.npm/<name>/<version>) is root's files after sudo
   * npm. */
  if (c->posix && (FSD__CODE("EACCES") || FSD__CODE("EPERM")) &&
      (c->sh & (FSD__SH_CACACHE | FSD__SH_NPMCACHE)) && !(c->sh & FSD__SH_MNT) &&
      !fsd__exec_call(c->syscall))
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.8,
               "{path} is in npm's cache, which belongs to you unless an "
               "earlier sudo npm created root-owned files there.");
  else if (c->posix && FSD__CODE("EACCES") && !fsd__exec_call(c->syscall) &&
           !fsd__copy_call(c->syscall) && !fsd__at_root(c->path) &&
           (fsd__container_said(c) || (c->sh & FSD__SH_DOCKER)))
    /* A container's user is not the uid that owns the host's bind mount or
     * what an earlier root step of the image created. */
  {
    fsd__cand_t *w =
        fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.6,
                   "The log shows a container: {path} belongs to another "
                   "uid (the host's owner of a mounted directory, or root "
                   "from an earlier build step) than the container's user.");
    if (w != NULL) fsd__var(&w->vars, "container", "yes");
  }
  else if (c->posix && FSD__CODE("EACCES") && !fsd__exec_call(c->syscall) &&
           !fsd__copy_call(c->syscall) && !fsd__listing_mine(c) &&
           (fsd__home_path(c->path) || fsd__said(c, "sudo npm") ||
            fsd__said(c, "sudo yarn") || fsd__said(c, "sudo pnpm")))
    /* A home directory is its user's: a denial inside it is another
     * user's files, most often root's after a sudo install. */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.55,
               fsd__home_path(c->path)
                   ? "{path} is inside a home directory, where everything "
                     "is normally its user's: a denial there means files of "
                     "another user, most often root's from an earlier sudo."
                   : "The log shows sudo with a package manager: files it "
                     "created belong to root.");
  else if (c->posix && FSD__CODE("EACCES") && fsd__brew_path(c))
    /* Homebrew's prefix belongs to the user who installed it: a denial
     * there is a part an earlier sudo (or another account) left. */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.6,
               "{path} is in Homebrew's prefix, which belongs to the user "
               "who installed Homebrew: this part was left by sudo or "
               "another account.");
  else if (c->posix && FSD__CODE("EACCES") &&
           (fsd__image_data(c->path) == 2 ||
            (fsd__image_data(c->path) == 1 &&
             (fsd__container_said(c) || (c->sh & FSD__SH_DOCKER))))) {
    /* a server image's data volume: its uid (1000) is not the owner */
    fsd__cand_t *w = fsd__guess(
        c, FSD_CAUSE_WRONG_OWNER, 0.6,
        "{path} is in a server image's data folder (Elasticsearch, "
        "OpenSearch): mounted as a volume, it belongs to root or the host's "
        "user, not to the uid the image runs as.");
    if (w != NULL) fsd__var(&w->vars, "container", "yes");
  }
  else if (c->posix && FSD__CODE("EACCES") && fsd__service_path(c->path))
    /* A web root or service tree: the server's account's or root's, not
     * the deploying user's. */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.55,
               "{path} is in a server's tree (/var/www, /srv), which belongs "
               "to root or the server's account, not to you.");
  else if (c->posix && FSD__CODE("EACCES") && !fsd__exec_call(c->syscall) &&
           !fsd__copy_call(c->syscall) && !fsd__at_root(c->path) &&
           c->path != NULL && (c->path[0] == '/' || c->path[0] == '~') &&
           strncmp(c->path, "/usr/", 5) != 0 && strncmp(c->path, "/nix/store/", 11) != 0 &&
           strncmp(c->path, "/root/", 6) != 0 && !fsd__listing_mine(c) &&
           !(c->sh & (FSD__SH_USR | FSD__SH_SYSTEM | FSD__SH_SYSTREE |
                      FSD__SH_GLOBAL | FSD__SH_MNT)))
    /* What reports show: outside system places, a denial is far more
     * often files another account owns (root after a sudo install, an
     * image's root-owned directory, another uid's mount) than mode bits
     * its owner took away; the mode bits come second. */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.52,
               "{path} most likely belongs to another account (root, after "
               "an earlier sudo install or a build step run as root) than "
               "the one that failed.");
  /* Only a file's owner may change its mode, times or security label
   * (podman's :Z relabel), and only root its owner: EPERM from these
   * calls says the file is someone else's. */
  if (c->posix && FSD__CODE("EPERM") &&
      (FSD__SYS("chmod") || FSD__SYS("fchmod") || FSD__SYS("lchmod") ||
       FSD__SYS("utime") || FSD__SYS("futime") || FSD__SYS("lutime") ||
       FSD__SYS("chown") || FSD__SYS("fchown") || FSD__SYS("lchown") ||
       FSD__SYS("setxattr") || FSD__SYS("lsetxattr")))
  {
    fsd__cand_t *w = fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.55,
               "Only the owner of {path} may change its mode or times (and "
               "only root its owner): it belongs to another user.");
    if (w != NULL && fsd__lost_found(c->path))
      fsd__var(&w->vars, "lostfound", c->path);
  }
  fsd__owner_words(c);
}

/* A global-prefix path that is npm's: under its node_modules, or a bin
 * directory in a log that shows a package manager at work (/usr/local/bin
 * also holds programs npm never installed). */
static int fsd__npm_place(fsd__ctx_t *c) {
  return fsd__has(c->path, "node_modules") || fsd__has(c->dest, "node_modules") ||
         fsd__said(c, "npm") || fsd__said(c, "yarn") || fsd__said(c, "pnpm") ||
         fsd__said(c, "node_modules");
}

void fsd__rule_global_prefix_not_writable(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = NULL;
  const fsd_component_t *x = fsd__denying_component(c, &p);
  const char *prefix = c->ev->npm_prefix;
  fsd__cand_t *k;
  if (!FSD__CODE("EACCES") && !FSD__CODE("EPERM")) return;
  if (x != NULL) {
    if (!fsd__in_prefix(c)) return;
    k = fsd__add(c, FSD_CAUSE_GLOBAL_PREFIX_NOT_WRITABLE, 0.95);
    if (k == NULL) return;
    fsd__comp_ev(c, k, x);
    fsd_set_str(c->a, k->evidence, "prefix", prefix);
    k->detail =
        fsd_printf(c->a,
                   "npm's global prefix %s is not writable "
                   "by this user (%s denies %s).",
                   prefix, x->path, p->denied_op ? p->denied_op : "access");
    return;
  }
  /* %APPDATA%\npm belongs to the user: EPERM there is a lock, not the
   * prefix's permissions. */
  if ((c->sh & FSD__SH_GLOBAL) && !(c->win && fsd__has(c->path, "appdata")) &&
      fsd__npm_place(c))
    fsd__guess(c, FSD_CAUSE_GLOBAL_PREFIX_NOT_WRITABLE, 0.8,
               "{path} is under a usual npm global prefix, which belongs "
               "to root or the system.");
  else if (c->sh & FSD__SH_GLOBAL)
    fsd__guess(c, FSD_CAUSE_GLOBAL_PREFIX_NOT_WRITABLE, 0.35,
               "{path} is in npm's global prefix.");
  else if (c->posix && c->path != NULL &&
           strncmp(c->path, "/usr/local/", 11) == 0 &&
           (fsd__said(c, "pnpm") || fsd__said(c, "yarn global") ||
            fsd__said(c, "npm install -g") || fsd__said(c, "npm i -g")))
    /* pnpm and yarn put their global folders beside npm's, in the prefix
     * (/usr/local/pnpm-global, /usr/local/share/.config/yarn). */
    fsd__guess(c, FSD_CAUSE_GLOBAL_PREFIX_NOT_WRITABLE, 0.7,
               "A package manager's global install writes {path}, in npm's "
               "global prefix (/usr/local), which belongs to root.");
  else if (c->path == NULL &&
           (fsd__said(c, "corepack enable") || fsd__said(c, "npm install -g") ||
            fsd__said(c, "npm i -g") || fsd__said(c, "pnpm add -g") ||
            fsd__said(c, "yarn global add")))
    fsd__guess(c, FSD_CAUSE_GLOBAL_PREFIX_NOT_WRITABLE, 0.65,
               "A global install (its links or shims go into npm's global "
               "prefix, Program Files\\nodejs or /usr/local) was refused.");
}
