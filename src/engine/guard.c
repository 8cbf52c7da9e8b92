/* The guard: the one place that decides whether a command is shown. Every
 * fix of every cause, in a diagnosis and in a fixes request, in the addon
 * and in the WebAssembly module, passes each command through fsd__guard
 * (fixes.c). It decides by the class the template declares (kit.h), never
 * by the command's text:
 *
 * - inspect and change are shown unless they must fail or do nothing: a
 *   path measured missing, a path another user owns for a command without
 *   sudo, an npm setting the environment overrides or that already has the
 *   value the command sets;
 * - destroy, move, re-own, kill and weaken need a target measured on this
 *   machine. A path target must lie inside what the user expects to be
 *   rebuilt (a project's node_modules, npm's cache) and be none of: the
 *   source of a rename, link or copy (or what holds it), a filesystem or
 *   drive root, a mount point (or what holds one), a system directory, a
 *   home or profile directory (or what holds one), npm's global prefix or
 *   anything in it, a Windows drive seen from WSL. A kill names a pid the
 *   holder scan found, of a process this user may end (its own, or any
 *   as root); an antivirus exclusion names the measured project or npm's
 *   cache.
 *
 * What is refused is replaced by an inspect command on the same target
 * (fsd__guard_inspect), so the person can look and decide. What a path is
 * by its shape alone (a root, a system or home directory) is in
 * guard_paths.c; here are the refusals of each class. */

#include "engine/guard_paths.h"

#include <stdlib.h>
#include <string.h>

static int fsd__rebuildable(fsd_arena_t *a, const fsd__guard_t *g,
                            const char *c);

/* Why c may never be destroyed, moved or re-owned, or NULL. */
/* What fsd__never checks besides roots, system directories, homes and
 * global prefixes: the failed call's sources, mount points (and what
 * holds one), and the shared directories that hold others' (/tmp, /mnt/x,
 * /home): a mount command (SHARED off) acts on a mount point that may be
 * one of those. */
enum { FSD__NV_SOURCES = 1, FSD__NV_MOUNTS = 2, FSD__NV_SHARED = 4 };
#define FSD__NV_PLACES (FSD__NV_MOUNTS | FSD__NV_SHARED)
#define FSD__NV_ALL (FSD__NV_SOURCES | FSD__NV_PLACES)

static const char *fsd__never(fsd_arena_t *a, const fsd__guard_t *g,
                              const char *c, int how) {
  int sources = (how & FSD__NV_SOURCES) != 0;
  size_t i;
  const char *v;
  if (!fsd__absolute(g, c)) return "it is not an absolute path";
  if (fsd__is_root(g, c)) return "it is a filesystem or drive root";
  if (fsd__is_system(c, 1) || ((how & FSD__NV_SHARED) && fsd__is_shared(c)))
    return "it is a system directory";
  v = fsd__canon(a, g, g->home);
  if (v != NULL && fsd__absolute(g, v) && fsd__holds(c, v))
    return fsd__is(c, v) ? "it is your home directory"
                         : "it holds your home directory";
  if (fsd__home_shape(c)) return "it is a home or profile directory";
  for (i = 0; (how & FSD__NV_MOUNTS) && i < 4; i++) {
    v = fsd__canon(a, g, g->mounts[i]);
    if (v == NULL || fsd__is_root(g, v)) continue;
    if (fsd__is(c, v)) return "it is a mount point";
    if (fsd__holds(c, v)) return "a mount point lies below it";
  }
  v = fsd__canon(a, g, g->prefix);
  if (v != NULL && fsd__absolute(g, v) && (fsd__holds(c, v) || fsd__in(c, v)))
    return "it is npm's global prefix or in it";
  if ((fsd__path_shape(a, c) & FSD__SH_GLOBAL) || fsd__global_shape(c))
    return "it is in a global package directory";
  for (i = 0; sources && i < 2; i++) {
    v = fsd__canon(a, g, g->sources[i]);
    if (v == NULL) continue;
    if (fsd__is(c, v)) return "it is the source of the failed call";
    /* What holds the source goes with it, unless the source is itself
     * something to rebuild (npm's staging area in node_modules). */
    if (fsd__holds(c, v) && !fsd__rebuildable(a, g, v))
      return "it holds the source of the failed call";
  }
  return NULL;
}

/* The measured component of the path or destination that is c, or NULL. */
static const fsd_component_t *fsd__target_comp(fsd_arena_t *a,
                                             const fsd__guard_t *g,
                                             const char *c) {
  size_t i, j;
  for (i = 0; i < 2; i++) {
    const fsd_pathinfo_t *p = g->infos[i];
    if (p == NULL) continue;
    for (j = 0; j < p->ncomponents; j++)
      if (fsd__is(fsd__canon(a, g, p->components[j].path), c))
        return &p->components[j];
  }
  return NULL;
}

static int fsd__missing(const fsd_component_t *x) {
  return x->err != 0 || fsd__is(x->type, "missing");
}

/* c is a project's node_modules (or in it) for a project the failed call
 * was in, or in npm's cache. */
/* c is in one of the directories npm keeps in its cache (never the cache
 * as a whole: a .npmrc may point cache= at anything). */
static int fsd__in_cache(fsd_arena_t *a, const fsd__guard_t *g,
                         const char *c) {
  static const char *const subs[] = {"_cacache", "_npx", "_logs", "_locks",
                                     "_prebuilds", NULL};
  const char *cache = fsd__canon(a, g, g->cache);
  size_t i;
  if (cache == NULL || !fsd__absolute(g, cache) ||
      fsd__never(a, g, cache, FSD__NV_PLACES) != NULL)
    return 0;
  for (i = 0; subs[i] != NULL; i++)
    if (fsd__in(c, fsd_printf(a, "%s%s%s", cache,
                              cache[strlen(cache) - 1] == '/' ? "" : "/",
                              subs[i])))
      return 1;
  return 0;
}

static int fsd__rebuildable(fsd_arena_t *a, const fsd__guard_t *g,
                            const char *c) {
  const char *proj = fsd__project_of(a, c);
  size_t i;
  if (fsd__in_cache(a, g, c)) return 1;
  /* The cache itself (npm cache clean, chown -R of what sudo npm left),
   * unless a project's .npmrc chose where it is. */
  if (fsd__is(c, fsd__canon(a, g, g->cache)) &&
      !fsd__is(g->cache_from, "project") &&
      fsd__never(a, g, c, FSD__NV_PLACES) == NULL)
    return 1;
  if (proj == NULL) return 0;
  if (fsd__is(fsd__canon(a, g, g->project), proj)) return 1;
  for (i = 0; i < 2; i++)
    if (fsd__is(fsd__project_of(a, fsd__canon(a, g, g->paths[i])), proj))
      return 1;
  return 0;
}

/* A path target measured here: a component that was looked at and exists,
 * or npm's cache (which npm's own configuration names). */
static const char *fsd__unmeasured(fsd_arena_t *a, const fsd__guard_t *g,
                                   const char *c) {
  const fsd_component_t *x;
  const char *cache = fsd__canon(a, g, g->cache);
  if (!g->measured) return "text only, nothing measured on this machine";
  if (g->vouched) return NULL;
  x = fsd__target_comp(a, g, c);
  if (x != NULL) return fsd__missing(x) ? "it does not exist" : NULL;
  if (cache != NULL && fsd__in_cache(a, g, c)) return NULL;
  return "it was not measured on this machine";
}

/* A symlink, junction or other reparse point measured between the
 * project's node_modules (or npm's cache) and c, itself included but c
 * excluded: removing c would reach through it into what the link points
 * at (npm link, workspaces: the user's own source). A link that is c is
 * removed as a link. */
static const char *fsd__linked(fsd_arena_t *a, const fsd__guard_t *g,
                               const char *c) {
  const char *proj = fsd__project_of(a, c), *root;
  size_t i, j;
  root = proj != NULL
             ? fsd_printf(a, "%s%snode_modules", proj,
                          proj[strlen(proj) - 1] == '/' ? "" : "/")
             : fsd__canon(a, g, g->cache);
  if (root == NULL) return NULL;
  for (i = 0; i < 2; i++) {
    const fsd_pathinfo_t *p = g->infos[i];
    if (p == NULL) continue;
    for (j = 0; j < p->ncomponents; j++) {
      const fsd_component_t *x = &p->components[j];
      const char *cp = fsd__canon(a, g, x->path);
      if (cp == NULL || !fsd__in(cp, root) || !fsd__in(c, cp) ||
          fsd__is(c, cp))
        continue;
      if (fsd__is(x->type, "symlink") || x->win_reparse == 1)
        return "a symlink or junction lies on the way to it, so the command "
               "would reach what it points at";
    }
  }
  return NULL;
}

/* Re-owning is for what root took over (files left by sudo npm): never
 * another ordinary user's, and not what is already yours. */
static const char *fsd__refuse_reown(fsd_arena_t *a, const fsd__guard_t *g,
                                     const char *c) {
  const fsd_component_t *x;
  if (fsd__g_win(g)) return NULL;
  x = fsd__target_comp(a, g, c);
  if (x == NULL || x->uid < 0) return NULL;
  /* root re-owning root's own files changes nothing */
  if (g->euid >= 0 && x->uid == g->euid) return "it is already yours";
  if (x->uid == 0) return NULL;
  return "it belongs to another user, not to root: it is theirs to change";
}

/* A directory that holds what many processes use: a root, a system
 * directory itself (not what is in it), a home or what holds one. */
static int fsd__broad(fsd_arena_t *a, const fsd__guard_t *g, const char *c) {
  const char *v = fsd__canon(a, g, g->home);
  if (fsd__is_root(g, c) || fsd__home_shape(c)) return 1;
  if (v != NULL && fsd__holds(c, v)) return 1;
  return fsd__is_system(c, 0) || fsd__is_shared(c);
}

/* A removal or move without sudo, measured, of what another user owns
 * (a root-owned project removed as nobody): it must fail, so it is not
 * shown. Re-owning runs with sudo and is the way out of exactly this. */
static const char *fsd__not_mine(fsd_arena_t *a, const fsd__guard_t *g,
                                 const fsd__cmd_t *cmd, const char *c) {
  const fsd_component_t *x;
  if (cmd->cls == FSD__REOWN || (cmd->flags & FSD__AS_ROOT) || fsd__g_win(g) ||
      g->euid <= 0 || !g->measured || c == NULL || !fsd__absolute(g, c))
    return NULL;
  x = fsd__target_comp(a, g, c);
  if (x == NULL || fsd__missing(x) || x->uid < 0 || x->uid == g->euid)
    return NULL;
  return "it belongs to another user, so the command would fail without "
         "sudo";
}

/* Ending a process takes its owner or root: a holder another user runs is
 * theirs to end (the inspect command shows whose it is). Who we are is the
 * measured euid, or else the one the holder scan ran as; a uid not
 * measured (Windows) decides nothing. */
static const char *fsd__refuse_owner(fsd_arena_t *a, const fsd__guard_t *g,
                                     const fsd_holder_t *h) {
  int64_t me = g->euid >= 0 ? g->euid : g->holders->euid;
  if (h->uid < 0 || me < 0 || me == 0 || h->uid == me) return NULL;
  return fsd_printf(a,
                    "it belongs to another user (uid %lld), and only they "
                    "or root may end it",
                    (long long)h->uid);
}

static const char *fsd__refuse_pid(fsd_arena_t *a, const fsd__guard_t *g,
                                   const char *pid) {
  size_t i;
  const char *failed = fsd__canon(a, g, g->paths[0]);
  const char *why = "that process was not measured holding it";
  long long n;
  if (!g->measured || g->holders == NULL)
    return "no process holding it was measured";
  if (pid == NULL || pid[0] == '\0' ||
      strspn(pid, "0123456789") != strlen(pid))
    return why;
  /* Every process holds something under a root, a system or a home
   * directory: a holder there says nothing about the failure. */
  if (failed != NULL && fsd__broad(a, g, failed))
    return "every process holds something under that directory";
  n = strtoll(pid, NULL, 10);
  if (n <= 1) return "it is the system's first process";
  for (i = 0; i < g->holders->count; i++) {
    const fsd_holder_t *h = &g->holders->items[i];
    if (h->pid != n) continue;
    /* Only its working directory (or root directory) is there: it
     * holds nothing open that the failed call needed. */
    if (fsd__is(h->how, "cwd") || fsd__is(h->how, "root")) {
      why = "it only has its working directory there";
      continue;
    }
    return fsd__refuse_owner(a, g, h);
  }
  return why;
}

/* An antivirus exclusion: the measured project (a directory holding the
 * failed path's node_modules) or npm's cache. */
static const char *fsd__refuse_weaken(fsd_arena_t *a, const fsd__guard_t *g,
                                      const char *c) {
  const char *why;
  size_t i;
  if (c == NULL) return "it names nothing measured";
  if ((why = fsd__never(a, g, c, FSD__NV_PLACES)) != NULL) return why;
  if (!g->measured) return "nothing was measured on this machine";
  if (fsd__is(c, fsd__canon(a, g, g->cache))) return NULL;
  for (i = 0; i < 2; i++)
    if (fsd__is(fsd__project_of(a, fsd__canon(a, g, g->paths[i])), c) &&
        fsd__target_comp(a, g, c) != NULL)
      return NULL;
  return "it is not a measured project folder";
}

/* npm settings: the templates set the cache to npm's default place and the
 * prefix to ~/.npm-global (POSIX) or npm's default (Windows). */
static const char *fsd__refuse_setting(fsd_arena_t *a, const fsd__guard_t *g,
                                       const char *on) {
  int cache = fsd__is(on, "npm:cache");
  const char *from = cache ? g->cache_from : g->prefix_from;
  if (fsd__is(from, "env"))
    return "an environment variable sets it and would override the setting";
  if (cache && fsd__is(from, "default"))
    return "npm's cache already is there";
  if (!cache && fsd__g_win(g) && fsd__is(from, "default"))
    return "npm's prefix already is there";
  if (!cache && !fsd__g_win(g) && g->home != NULL && g->prefix != NULL) {
    const char *want =
        fsd__canon(a, g, fsd_printf(a, "%s/.npm-global", g->home));
    if (fsd__is(fsd__canon(a, g, g->prefix), want))
      return "npm's prefix already is there";
  }
  return NULL;
}

/* umount, remount: a mount point measured here (not a path the error
 * text names), and not a root, system or home directory. */
static const char *fsd__refuse_mount(fsd_arena_t *a, const fsd__guard_t *g,
                                     const char *c) {
  size_t i;
  const char *w;
  if (c == NULL) return "it names nothing measured";
  if (!g->measured) return "text only, nothing measured on this machine";
  if ((w = fsd__never(a, g, c, 0)) != NULL) return w;
  for (i = 0; i < 4; i++)
    if (fsd__is(c, fsd__canon(a, g, g->mounts[i]))) return NULL;
  return "it was not measured as a mount point";
}

/* npm install --prefix {project} prunes {project}/node_modules to what
 * {project}/package.json lists (everything, when there is none): it is
 * a destroy of that node_modules, for a project measured here whose
 * failed path lies in that node_modules. */
static const char *fsd__refuse_reinstall(fsd_arena_t *a, const fsd__guard_t *g,
                                         const char *c) {
  const char *nm, *w;
  const fsd_component_t *x;
  size_t i;
  int mine = 0;
  if (!fsd__absolute(g, c)) return "it is not an absolute path";
  nm = fsd_printf(a, "%s%snode_modules", c, c[strlen(c) - 1] == '/' ? "" : "/");
  if ((w = fsd__never(a, g, c, FSD__NV_PLACES)) != NULL) return w;
  if ((w = fsd__never(a, g, nm, FSD__NV_ALL)) != NULL) return w;
  if (fsd__in_cache(a, g, c)) return "it is in npm's cache";
  if (fsd__is(fsd__canon(a, g, g->project), c)) mine = 1;
  for (i = 0; i < 2; i++)
    if (fsd__is(fsd__project_of(a, fsd__canon(a, g, g->paths[i])), c))
      mine = 1;
  if (!g->measured) return "text only, nothing measured on this machine";
  if (!mine) return "the failed path is not in its node_modules";
  if (g->vouched) return NULL;
  x = fsd__target_comp(a, g, c);
  if (x == NULL) return "it was not measured on this machine";
  if (fsd__missing(x)) return "it does not exist";
  x = fsd__target_comp(a, g, nm);
  if (x != NULL && (fsd__is(x->type, "symlink") || x->win_reparse == 1))
    return "its node_modules is a link";
  return NULL;
}

int fsd__guard(fsd_arena_t *a, const fsd__guard_t *g, const fsd__cmd_t *cmd,
               const char *target, const char **why) {
  const char *c = target != NULL ? fsd__canon(a, g, target) : NULL, *w = NULL;
  const fsd_component_t *x;
  *why = NULL;
  switch (cmd->cls) {
    case FSD__INSPECT:
    case FSD__CHANGE:
      if (cmd->on != NULL && strncmp(cmd->on, "npm:", 4) == 0) {
        w = fsd__refuse_setting(a, g, cmd->on);
        break;
      }
      if (cmd->flags & FSD__MOUNT) {
        w = fsd__refuse_mount(a, g, c);
        if (w != NULL) break;
      } else if (cmd->flags & FSD__WIDE) {
        /* A recursive or system-wide change obeys the never-list too. */
        w = c == NULL ? "it names nothing measured"
                      : fsd__never(a, g, c, FSD__NV_PLACES);
        if (w != NULL) break;
      }
      /* No change at all to a Windows root, system folder, profile or
       * profile junction (attrib -r C:\, IsReadOnly on "Application
       * Data"): Windows keeps their attributes, and a read-only or
       * system attribute there is by design. */
      if (c != NULL && cmd->on != NULL && fsd__g_win(g) &&
          (w = fsd__win_off_limits(g, c)) != NULL)
        break;
      if (c == NULL || !fsd__absolute(g, c) || !g->measured) break;
      x = fsd__target_comp(a, g, c);
      if (x == NULL) break;
      if (cmd->flags & FSD__CREATES) {
        /* mkdir of what is missing; of what exists it would do nothing */
        if (!fsd__missing(x)) w = "it already exists";
      } else if (fsd__missing(x))
        w = "it does not exist";
      else if (cmd->cls == FSD__CHANGE && !(cmd->flags & FSD__AS_ROOT) &&
               !fsd__g_win(g) && g->euid > 0 && x->uid >= 0 &&
               x->uid != g->euid)
        w = "it belongs to another user, so the command would fail without "
            "sudo";
      break;
    case FSD__KILL:
      w = fsd__refuse_pid(a, g, target);
      break;
    case FSD__WEAKEN:
      w = fsd__refuse_weaken(a, g, c);
      break;
    default: /* destroy, move, re-own */
      if (c == NULL) {
        w = "it names nothing measured";
        break;
      }
      if (cmd->flags & FSD__REINSTALL) {
        w = fsd__refuse_reinstall(a, g, c);
        if (w == NULL) w = fsd__not_mine(a, g, cmd, c);
        break;
      }
      w = fsd__never(a, g, c, FSD__NV_ALL);
      if (w == NULL && !fsd__rebuildable(a, g, c))
        w = "it is outside the project's node_modules and npm's cache";
      if (w == NULL) w = fsd__unmeasured(a, g, c);
      if (w == NULL) w = fsd__linked(a, g, c);
      if (w == NULL && cmd->cls == FSD__REOWN) w = fsd__refuse_reown(a, g, c);
      if (w == NULL) w = fsd__not_mine(a, g, cmd, c);
      break;
  }
  *why = w;
  return w == NULL;
}

const char *fsd__guard_inspect(fsd__class_t cls, const char *shell) {
  int ps = fsd__is(shell, "powershell"), cmd = fsd__is(shell, "cmd");
  switch (cls) {
    case FSD__DESTROY:
    case FSD__MOVE:
      return ps    ? "Get-ChildItem -LiteralPath {target} -Force"
             : cmd ? "dir /a {target}"
                   : "ls -la -- {target}";
    case FSD__REOWN:
      return ps    ? "Get-Acl -LiteralPath {target} | Format-List"
             : cmd ? "icacls {target}"
                   : "ls -ld -- {target}";
    case FSD__KILL:
      /* Whose process it is and what it runs (the kill fixes' own inspect
       * command, so it is shown once). Windows holders carry no uid. */
      return fsd__is(shell, "bash") ? "ps -o pid,user,args -p {target}" : NULL;
    default:
      return NULL;
  }
}
