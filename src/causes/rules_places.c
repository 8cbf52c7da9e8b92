/* Rules about where a path is: WSL's Windows drives and Windows node, network
 * shares, npm's cache, and Windows' MAX_PATH. */

#include "engine/engine.h"

#include <string.h>

#define IS(s, t) fsd__is((s), (t))
#define CODE(t) IS(c->code, (t))
#define SYS(t) IS(c->syscall, (t))

/* ---- places: WSL, network shares, npm's cache --------------------------- */

static void fsd__rule_places(fsd__ctx_t *c, int sh) {
  const fsd_fsinfo_t *f = c->ev->fs;
  const char *ex = c->ev->exec_path;
  fsd__cand_t *k;
  static const char *const fsy[] = {
      "EPERM",  "EACCES", "EBUSY",   "ENOTEMPTY",  "EIO",   "EINVAL", "ENOENT",
      "EEXIST", "EMLINK", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ESTALE", NULL};
  static const char *const netc[] = {
      "EPERM",  "EACCES", "EBUSY",  "ENOTEMPTY", "EIO", "EMLINK",
      "ESTALE", "ENOLCK", "EAGAIN", "ETIMEDOUT", NULL};
  if (ex != NULL && (IS(c->platform, "wsl") || c->ev->is_wsl == 1) &&
      (strncmp(ex, "/mnt/", 5) == 0 || fsd__has(ex, ".exe"))) {
    k = fsd__add(c, "wsl-mixed-node", 0.9);
    if (k != NULL) {
      fsd_set_str(c->a, k->evidence, "execPath", ex);
      k->detail = fsd_printf(c->a,
                             "node is %s, the Windows build, running "
                             "inside WSL.",
                             ex);
    }
  } else if (!c->live && (sh & (FSD__SH_WSLUNC | FSD__SH_WINNODE)) &&
             (sh & FSD__SH_WSLUNC || IS(c->platform, "wsl"))) {
    fsd__guess(c, "wsl-mixed-node", 0.75,
               "The paths show Windows node and WSL files mixed: Windows "
               "tools are working on Linux files, or the reverse.");
  }
  if (!fsd__one_of(c->code, fsy)) return;
  if (f != NULL && f->wsl_windows_mount == 1) {
    k = fsd__add(c, "wsl-windows-mount", 0.85);
    if (k != NULL) {
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      fsd_set_str(c->a, k->evidence, "type", f->type);
      fsd__var(&k->vars, "mount", f->mount_point);
      k->detail = fsd_printf(c->a,
                             "%s is a Windows drive mounted into WSL "
                             "(%s); permissions, links and locks are emulated "
                             "there.",
                             f->mount_point ? f->mount_point : "The path",
                             f->type ? f->type : "drvfs");
    }
  } else if ((sh & FSD__SH_MNT) && !c->win &&
             (!c->live || c->ev->is_wsl == 1)) {
    k = fsd__guess(c, "wsl-windows-mount", 0.7,
                   "{path} is on a Windows drive seen from WSL (/mnt/<drive>), "
                   "where Linux permissions, symlinks and locks are emulated.");
    if (k != NULL) {
      const char *m = c->path;
      if (m == NULL || strncmp(m, "/mnt/", 5) != 0) m = c->dest;
      if (m != NULL && strlen(m) >= 6)
        fsd__var(&k->vars, "mount", fsd_strndup(c->a, m, 6));
    }
  }
  if (f != NULL && f->network == 1 && fsd__one_of(c->code, netc)) {
    k = fsd__add(c, "network-fs", CODE("ESTALE") ? 0.9 : 0.6);
    if (k != NULL) {
      fsd_set_str(c->a, k->evidence, "type", f->type);
      fsd_set_str(c->a, k->evidence, "source", f->source);
      fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
      k->detail =
          fsd_printf(c->a, "%s is a network filesystem (%s from %s).",
                     f->mount_point ? f->mount_point : "The path",
                     f->type ? f->type : "?", f->source ? f->source : "?");
    }
  } else if ((sh & FSD__SH_UNC) && fsd__one_of(c->code, netc)) {
    fsd__guess(c, "network-fs", 0.6, "{path} is on a network share.");
  } else if (CODE("ESTALE")) {
    fsd__guess(c, "network-fs", 0.8,
               "ESTALE comes from network filesystems "
               "(NFS) when a file changed on the server.");
  }
}

static void fsd__rule_cache(fsd__ctx_t *c, int sh) {
  const char *cache = c->ev->npm_cache;
  int in = (sh & FSD__SH_CACACHE) || fsd__under(c->path, cache) ||
           fsd__under(c->dest, cache);
  static const char *const bad[] = {"ENOENT",    "EEXIST", "EINTEGRITY",
                                    "ENOTEMPTY", "EBADF",  "EISDIR",
                                    "ENOTDIR",   NULL};
  fsd__cand_t *k;
  if (!in) return;
  if (fsd__one_of(c->code, bad))
    k = fsd__add(c, "corrupted-cache", 0.8);
  else if (CODE("EPERM") || CODE("EACCES") || CODE("EBUSY"))
    k = fsd__add(c, "corrupted-cache", c->win ? 0.6 : 0.5);
  else
    return;
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "path", c->path);
  fsd_set_str(c->a, k->evidence, "cache", cache);
  if (!c->live) fsd_set_str(c->a, k->evidence, "from", "text");
  k->detail = fsd__fill(c->a,
                        "{path} is inside npm's cache, where an "
                        "interrupted or concurrent write leaves broken "
                        "entries.",
                        &k->vars, &c->global, NULL, 0);
}

/* Windows MAX_PATH, which needs no ENAMETOOLONG to bite. */
static void fsd__rule_maxpath(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  fsd__cand_t *k;
  size_t len = c->path ? strlen(c->path) : 0;
  if (!c->win || CODE("ENAMETOOLONG")) return;
  if (p != NULL && p->max_path > 0 && p->path_length >= p->max_path &&
      p->long_paths_enabled != 1) {
    k = fsd__add(c, "path-too-long", 0.85);
    if (k == NULL) return;
    fsd_set_num(c->a, k->evidence, "pathLength", (double)p->path_length);
    fsd_set_num(c->a, k->evidence, "maxPath", (double)p->max_path);
    fsd_set_tri(c->a, k->evidence, "longPathsEnabled", p->long_paths_enabled);
    k->detail = fsd_printf(c->a,
                           "The path is %lld characters; without long "
                           "paths Windows allows %lld.",
                           (long long)p->path_length, (long long)p->max_path);
  } else if (len >= 248) {
    fsd__guess(c, "path-too-long", 0.7,
               "The path is longer than Windows' MAX_PATH (260) allows without "
               "long paths enabled.");
  }
}

void fsd__rules_places(fsd__ctx_t *c, int sh) {
  fsd__rule_places(c, sh);
  fsd__rule_cache(c, sh);
  fsd__rule_maxpath(c);
}
