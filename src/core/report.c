/* Probe structs to value trees. The key names are the JavaScript contract in
 * index.d.ts (FsInfo, PathInfo, Privileges, Holders, LinkInfo, Limits). */
#include "platform.h"

#include <string.h>

/* A count or size: null when the probe left it negative (unknown). */
static void fsd__num_or_null(fsd_arena_t *a, fsd_val_t *o, const char *key,
                             int64_t n) {
  if (n < 0)
    fsd_set_null(a, o, key);
  else
    fsd_set_num(a, o, key, (double)n);
}

static void fsd__err(fsd_arena_t *a, fsd_val_t *o, const char *key, int err) {
  const char *name;
  if (err == 0) {
    fsd_set_null(a, o, key);
    return;
  }
  name = fsd_errname(err);
  if (name != NULL)
    fsd_set_str(a, o, key, name);
  else
    fsd_set_str(a, o, key, fsd_printf(a, "errno %d", err));
}

/* The raw Win32 error beside an errno name: code_key a number, name_key
 * its name; both null where there is none (nothing failed, or not
 * Windows). */
static void fsd__win32_err(fsd_arena_t *a, fsd_val_t *o, const char *code_key,
                           const char *name_key, const fsd_win32_err_t *e) {
  if (e->code == 0) {
    fsd_set_null(a, o, code_key);
    fsd_set_null(a, o, name_key);
    return;
  }
  fsd_set_num(a, o, code_key, (double)e->code);
  fsd_set_str(a, o, name_key, e->name);
}

/* "rw,relatime,size=4k" -> ["rw", "relatime", "size=4k"]. */
static fsd_val_t *fsd__split_commas(fsd_arena_t *a, const char *s) {
  fsd_val_t *arr = fsd_arr(a);
  const char *p = s, *comma;
  if (s == NULL || s[0] == '\0') return arr;
  for (;;) {
    comma = strchr(p, ',');
    if (comma == NULL) {
      if (*p) fsd_push(arr, fsd_str(a, p));
      break;
    }
    if (comma > p) fsd_push(arr, fsd_strn(a, p, (size_t)(comma - p)));
    p = comma + 1;
  }
  return arr;
}

fsd_val_t *fsd_fsinfo_val(fsd_arena_t *a, const fsd_fsinfo_t *in) {
  fsd_val_t *o = fsd_obj(a);
  fsd_set_str(a, o, "path", in->path);
  fsd_set_str(a, o, "probed", in->probed);
  fsd_set_str(a, o, "type", in->type ? in->type : "unknown");
  fsd_set_str(a, o, "subtype", in->subtype);
  fsd_set_str(a, o, "source", in->source);
  fsd_set_str(a, o, "mountPoint", in->mount_point);
  fsd_set(o, "options", fsd__split_commas(a, in->options));
  if (in->magic == 0)
    fsd_set_null(a, o, "magic");
  else
    fsd_set_num(a, o, "magic", (double)in->magic);
  fsd_set_tri(a, o, "readOnly", in->read_only);
  fsd_set_tri(a, o, "network", in->network);
  fsd_set_tri(a, o, "wslWindowsMount", in->wsl_windows_mount);
  fsd_set_tri(a, o, "symlinks", in->symlinks);
  fsd_set_tri(a, o, "hardlinks", in->hardlinks);
  fsd_set_tri(a, o, "caseSensitive", in->case_sensitive);
  fsd__num_or_null(a, o, "linkMax", in->link_max);
  fsd_set_str(a, o, "linkMaxReason", in->link_max_reason);
  fsd__num_or_null(a, o, "subdirMax", in->subdir_max);
  fsd__num_or_null(a, o, "blockSize", in->block_size);
  fsd__num_or_null(a, o, "totalBytes", in->total_bytes);
  fsd__num_or_null(a, o, "freeBytes", in->free_bytes);
  fsd__num_or_null(a, o, "availBytes", in->avail_bytes);
  fsd__num_or_null(a, o, "totalInodes", in->total_inodes);
  fsd__num_or_null(a, o, "freeInodes", in->free_inodes);
  fsd__num_or_null(a, o, "nameMax", in->name_max);
  return o;
}

/* ls-style text of the permission bits, with s/S and t/T. */
static char *fsd__mode_text(fsd_arena_t *a, uint32_t m) {
  char *s = fsd_alloc(a, 10);
  if (s == NULL) return NULL;
  s[0] = (m & 0400) ? 'r' : '-';
  s[1] = (m & 0200) ? 'w' : '-';
  s[2] = (m & 04000) ? ((m & 0100) ? 's' : 'S') : ((m & 0100) ? 'x' : '-');
  s[3] = (m & 040) ? 'r' : '-';
  s[4] = (m & 020) ? 'w' : '-';
  s[5] = (m & 02000) ? ((m & 010) ? 's' : 'S') : ((m & 010) ? 'x' : '-');
  s[6] = (m & 04) ? 'r' : '-';
  s[7] = (m & 02) ? 'w' : '-';
  s[8] = (m & 01000) ? ((m & 01) ? 't' : 'T') : ((m & 01) ? 'x' : '-');
  s[9] = '\0';
  return s;
}

static fsd_val_t *fsd__component_val(fsd_arena_t *a, const fsd_component_t *c) {
  fsd_val_t *o = fsd_obj(a);
  fsd_set_str(a, o, "path", c->path);
  fsd_set_str(a, o, "name", c->name);
  fsd_set_str(a, o, "type", c->type ? c->type : "unknown");
  fsd__num_or_null(a, o, "uid", c->uid);
  fsd__num_or_null(a, o, "gid", c->gid);
  fsd_set_str(a, o, "user", c->user);
  fsd_set_str(a, o, "group", c->group);
  fsd_set_num(a, o, "mode", (double)(c->mode & 07777));
  fsd_set_str(a, o, "modeText", fsd__mode_text(a, c->mode));
  fsd__num_or_null(a, o, "nlink", c->nlink);
  fsd_set_tri(a, o, "immutable", c->immutable);
  fsd_set_tri(a, o, "appendOnly", c->append_only);
  fsd_set_str(a, o, "linkTarget", c->link_target);
  fsd__err(a, o, "error", c->err);
  fsd__win32_err(a, o, "win32Error", "win32ErrorName", &c->win32_err);
  fsd_set_tri(a, o, "readonlyAttribute", c->win_readonly);
  fsd_set_tri(a, o, "hidden", c->win_hidden);
  fsd_set_tri(a, o, "system", c->win_system);
  fsd_set_tri(a, o, "reparsePoint", c->win_reparse);
  return o;
}

fsd_val_t *fsd_pathinfo_val(fsd_arena_t *a, const fsd_pathinfo_t *in) {
  fsd_val_t *o = fsd_obj(a), *comps, *d;
  size_t i;
  fsd_set_str(a, o, "path", in->path);
  fsd_set_str(a, o, "absolute", in->absolute);
  fsd_set_bool(a, o, "exists", in->exists > 0);
  comps = fsd_set(o, "components", fsd_arr(a));
  for (i = 0; i < in->ncomponents; i++)
    fsd_push(comps, fsd__component_val(a, &in->components[i]));
  if (in->denied_index >= 0 && (size_t)in->denied_index < in->ncomponents) {
    d = fsd_set(o, "denied", fsd_obj(a));
    fsd_set_num(a, d, "index", in->denied_index);
    fsd_set_str(a, d, "path", in->components[in->denied_index].path);
    fsd_set_str(a, d, "op", in->denied_op);
    fsd_set_str(a, d, "bit", in->denied_bit);
    fsd_set_str(a, d, "reason", in->denied_reason);
  } else {
    fsd_set_null(a, o, "denied");
  }
  fsd_set_tri(a, o, "canRead", in->can_read);
  fsd_set_tri(a, o, "canWrite", in->can_write);
  fsd_set_tri(a, o, "canSearch", in->can_search);
  fsd_set_str(a, o, "writeTarget", in->write_target);
  fsd_set_bool(a, o, "isSymlink", in->is_symlink > 0);
  fsd_set_str(a, o, "symlinkTarget", in->symlink_target);
  fsd_set_tri(a, o, "immutable", in->immutable);
  fsd_set_tri(a, o, "appendOnly", in->append_only);
  fsd_set_str(a, o, "ownerSid", in->owner_sid);
  fsd_set_str(a, o, "ownerName", in->owner_name);
  fsd_set_tri(a, o, "protectedLocation", in->protected_location);
  fsd_set_num(a, o, "pathLength", (double)(in->path_length < 0 ? 0 : in->path_length));
  fsd__num_or_null(a, o, "maxPath", in->max_path);
  fsd_set_tri(a, o, "longPathsEnabled", in->long_paths_enabled);
  return o;
}

fsd_val_t *fsd_privileges_val(fsd_arena_t *a, const fsd_privileges_t *in) {
  fsd_val_t *o = fsd_obj(a), *arr;
  size_t i;
  fsd__num_or_null(a, o, "uid", in->uid);
  fsd__num_or_null(a, o, "euid", in->euid);
  fsd__num_or_null(a, o, "gid", in->gid);
  fsd__num_or_null(a, o, "egid", in->egid);
  arr = fsd_set(o, "groups", fsd_arr(a));
  for (i = 0; i < in->ngroups; i++) fsd_push(arr, fsd_num(a, (double)in->groups[i]));
  fsd_set_bool(a, o, "root", in->root > 0);
  arr = fsd_set(o, "capabilities", fsd_arr(a));
  for (i = 0; i < in->ncaps; i++) fsd_push(arr, fsd_str(a, in->caps[i]));
  fsd_set_str(a, o, "probeDir", in->probe_dir);
  fsd_set_tri(a, o, "canSymlink", in->can_symlink);
  fsd_set_tri(a, o, "canHardlink", in->can_hardlink);
  fsd_set_tri(a, o, "canWrite", in->can_write);
  fsd__err(a, o, "symlinkError", in->symlink_err);
  fsd__win32_err(a, o, "symlinkWin32Error", "symlinkWin32ErrorName",
                 &in->symlink_win32_err);
  fsd__err(a, o, "hardlinkError", in->hardlink_err);
  fsd__win32_err(a, o, "hardlinkWin32Error", "hardlinkWin32ErrorName",
                 &in->hardlink_win32_err);
  fsd__err(a, o, "writeError", in->write_err);
  fsd__win32_err(a, o, "writeWin32Error", "writeWin32ErrorName",
                 &in->write_win32_err);
  fsd_set_tri(a, o, "elevated", in->elevated);
  fsd_set_tri(a, o, "adminMember", in->admin_member);
  fsd_set_tri(a, o, "symlinkPrivilege", in->symlink_privilege);
  fsd_set_tri(a, o, "symlinkPrivilegeEnabled", in->symlink_privilege_enabled);
  fsd_set_tri(a, o, "developerMode", in->developer_mode);
  return o;
}

fsd_val_t *fsd_holders_val(fsd_arena_t *a, const fsd_holders_t *in) {
  fsd_val_t *o = fsd_obj(a), *arr, *h;
  size_t i;
  fsd_set_str(a, o, "path", in->path);
  arr = fsd_set(o, "holders", fsd_arr(a));
  for (i = 0; i < in->count; i++) {
    const fsd_holder_t *x = &in->items[i];
    h = fsd_push(arr, fsd_obj(a));
    fsd_set_num(a, h, "pid", (double)x->pid);
    fsd_set_str(a, h, "name", x->name);
    fsd_set_str(a, h, "cmdline", x->cmdline);
    fsd_set_str(a, h, "how", x->how);
    fsd_set_str(a, h, "target", x->target);
    fsd__num_or_null(a, h, "fd", x->fd);
    fsd_set_str(a, h, "mode", x->mode);
    fsd_set_str(a, h, "lock", x->lock);
    fsd_set_str(a, h, "kind", x->kind ? x->kind : "other");
    fsd__num_or_null(a, h, "uid", x->uid);
  }
  fsd_set_num(a, o, "scanned", (double)(in->scanned < 0 ? 0 : in->scanned));
  fsd_set_num(a, o, "uninspected",
              (double)(in->uninspected < 0 ? 0 : in->uninspected));
  fsd_set_str(a, o, "method", in->method ? in->method : "none");
  fsd_set_str(a, o, "note", in->note);
  fsd__num_or_null(a, o, "euid", in->euid);
  return o;
}

fsd_val_t *fsd_linkinfo_val(fsd_arena_t *a, const fsd_linkinfo_t *in) {
  fsd_val_t *o = fsd_obj(a), *arr;
  size_t i;
  fsd_set_str(a, o, "path", in->path);
  fsd_set_bool(a, o, "exists", in->exists > 0);
  fsd__err(a, o, "error", in->err);
  fsd__win32_err(a, o, "win32Error", "win32ErrorName", &in->win32_err);
  fsd__num_or_null(a, o, "nlink", in->nlink);
  fsd__num_or_null(a, o, "linkMax", in->link_max);
  fsd__num_or_null(a, o, "headroom", in->headroom);
  fsd__num_or_null(a, o, "subdirs", in->subdirs);
  fsd_set_bool(a, o, "isSymlink", in->is_symlink > 0);
  arr = fsd_set(o, "chain", fsd_arr(a));
  for (i = 0; i < in->nchain; i++) fsd_push(arr, fsd_str(a, in->chain[i]));
  fsd_set_bool(a, o, "loop", in->loop > 0);
  if (in->loop > 0) {
    arr = fsd_set(o, "cycle", fsd_arr(a));
    for (i = in->loop_start; i < in->nchain; i++)
      fsd_push(arr, fsd_str(a, in->chain[i]));
  } else {
    fsd_set_null(a, o, "cycle");
  }
  fsd_set_bool(a, o, "broken", in->broken > 0);
  fsd_set_str(a, o, "brokenAt", in->broken_at);
  fsd_set_str(a, o, "resolved", in->resolved);
  return o;
}

fsd_val_t *fsd_program_val(fsd_arena_t *a, const fsd_program_t *in) {
  fsd_val_t *o = fsd_obj(a);
  fsd_set_str(a, o, "name", in->name);
  fsd_set_str(a, o, "found", in->found);
  fsd__num_or_null(a, o, "searched", in->searched);
  fsd_set_num(a, o, "unsearchable", (double)in->unsearchable);
  fsd_set_str(a, o, "notExecutable", in->not_exec);
  fsd_set_str(a, o, "shim", in->shim);
  fsd_set_str(a, o, "interpreter", in->interp);
  fsd_set_tri(a, o, "interpreterMissing", in->interp_missing);
  fsd_set_bool(a, o, "carriageReturn", in->cr > 0);
  fsd_set_str(a, o, "envProgram", in->env_prog);
  fsd_set_tri(a, o, "envProgramMissing", in->env_prog_missing);
  return o;
}

fsd_val_t *fsd_limits_val(fsd_arena_t *a, const fsd_limits_t *in) {
  fsd_val_t *o = fsd_obj(a);
  fsd__num_or_null(a, o, "nofileSoft", in->nofile_soft);
  fsd__num_or_null(a, o, "nofileHard", in->nofile_hard);
  fsd__num_or_null(a, o, "openFds", in->open_fds);
  fsd__num_or_null(a, o, "fileNr", in->file_nr);
  fsd__num_or_null(a, o, "fileMax", in->file_max);
  fsd__num_or_null(a, o, "inotifyMaxWatches", in->inotify_max_watches);
  fsd__num_or_null(a, o, "inotifyMaxInstances", in->inotify_max_instances);
  fsd__num_or_null(a, o, "inotifyWatchesUsed", in->inotify_watches_used);
  fsd__num_or_null(a, o, "inotifyInstancesUsed", in->inotify_instances_used);
  fsd__num_or_null(a, o, "handleCount", in->handle_count);
  fsd__num_or_null(a, o, "crtMaxStdio", in->crt_max_stdio);
  return o;
}
