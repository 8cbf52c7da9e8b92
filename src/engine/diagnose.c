/* The diagnosis: sets up the rule context from the error and the evidence,
 * lets rules.c propose causes, ranks them and builds the result object of
 * the contract in DESIGN.md. Pure: it reads only its arguments. */

#include "engine/engine.h"
#include "parse/errtext.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fsd__is(const char *s, const char *t) {
  return s != NULL && t != NULL && strcmp(s, t) == 0;
}

int fsd__has(const char *hay, const char *needle) {
  size_t n, i;
  if (hay == NULL || needle == NULL) return 0;
  n = strlen(needle);
  for (; *hay; hay++) {
    for (i = 0; i < n; i++)
      if (tolower((unsigned char)hay[i]) != tolower((unsigned char)needle[i]))
        break;
    if (i == n) return 1;
  }
  return 0;
}

int fsd__one_of(const char *s, const char *const *list) {
  if (s == NULL) return 0;
  for (; *list != NULL; list++)
    if (strcmp(s, *list) == 0) return 1;
  return 0;
}

const char *fsd__parent(fsd_arena_t *a, const char *path) {
  size_t n;
  if (path == NULL) return NULL;
  n = strlen(path);
  while (n > 1 && (path[n - 1] == '/' || path[n - 1] == '\\')) n--;
  while (n > 0 && path[n - 1] != '/' && path[n - 1] != '\\') n--;
  if (n == 0) return ".";
  if (n > 1 && !(n == 3 && path[1] == ':')) n--; /* keep "/" and "C:\" */
  return fsd_strndup(a, path, n);
}

const char *fsd__i64(fsd_arena_t *a, int64_t v) {
  if (v < 0) return NULL;
  return fsd_printf(a, "%lld", (long long)v);
}

fsd__cand_t *fsd__add(fsd__ctx_t *c, const char *id, double confidence) {
  size_t i;
  fsd__cand_t *k;
  for (i = 0; i < c->ncands; i++) {
    k = &c->cands[i];
    if (strcmp(k->id, id) != 0) continue;
    /* A later, stronger rule for the same cause replaces the weaker one. */
    if (confidence < k->confidence) return NULL;
    memset(k, 0, sizeof(*k));
    k->id = id;
    k->confidence = confidence;
    k->evidence = fsd_obj(c->a);
    return k;
  }
  if (c->ncands == FSD__MAXCANDS) return NULL;
  k = &c->cands[c->ncands++];
  memset(k, 0, sizeof(*k));
  k->id = id;
  k->confidence = confidence;
  k->evidence = fsd_obj(c->a);
  return k;
}

/* The directory a project lives in: the part before node_modules. */
static const char *fsd__project(fsd_arena_t *a, const char *path) {
  const char *p, *best = NULL;
  if (path == NULL) return NULL;
  for (p = path; (p = strstr(p, "node_modules")) != NULL; p++) {
    if (p > path && (p[-1] == '/' || p[-1] == '\\')) {
      best = p;
      break;
    }
  }
  if (best == NULL) return fsd__parent(a, path);
  if (best - path == 1) return fsd_strndup(a, path, 1);
  return fsd_strndup(a, path, (size_t)(best - path - 1));
}

static const char *fsd__basename(const char *path) {
  const char *s, *b = path;
  if (path == NULL) return NULL;
  for (s = path; *s; s++)
    if ((*s == '/' || *s == '\\') && s[1] != '\0') b = s + 1;
  return b;
}

/* A small stand-in for fsd_path_platform (errtext.c) for the shapes that
 * decide fixes: drive letters and UNC are Windows, /mnt/<d>/ is WSL. */
static const char *fsd__guess_platform(const char *p) {
  if (p == NULL) return NULL;
  if (isalpha((unsigned char)p[0]) && p[1] == ':') return "win32";
  if (strncmp(p, "\\\\", 2) == 0) return "win32";
  if (strncmp(p, "/mnt/", 5) == 0 && isalpha((unsigned char)p[5]) &&
      (p[6] == '/' || p[6] == '\0'))
    return "wsl";
  return NULL;
}

/* The machine doing the diagnosis: the caller says which (the addon its own
 * build, the WebAssembly module what Node reports). */
static const char *fsd__host(const fsd_evidence_t *ev) {
  return ev->host != NULL ? ev->host : "linux";
}

/* Where the error happened. A pasted error says it with its paths. */
static const char *fsd__platform(const fsd_error_t *err,
                                 const fsd_evidence_t *ev, int live) {
  const char *p = err->platform;
  static const char *const known[] = {"linux", "darwin", "win32", "wsl", NULL};
  if (p != NULL && fsd__one_of(p, known)) return p;
  if (live) {
    if (ev->is_wsl == 1) return "wsl";
    return fsd__host(ev);
  }
  p = fsd_path_platform(err->path);
  if (p == NULL) p = fsd_path_platform(err->dest);
  if (p != NULL) return p;
  p = fsd__guess_platform(err->path);
  if (p == NULL) p = fsd__guess_platform(err->dest);
  if (p != NULL) return p;
  /* libuv's Windows errnos are -4000 and below. */
  if (err->has_errno && err->errnum <= -3000) return "win32";
  return fsd__host(ev);
}

static void fsd__globals(fsd__ctx_t *c) {
  const fsd_evidence_t *ev = c->ev;
  fsd__vars_t *g = &c->global;
  const char *project = fsd__project(c->a, c->path);
  fsd__var(g, "platform", c->platform);
  fsd__var(g, "path", c->path);
  fsd__var(g, "dest", c->dest);
  fsd__var(g, "dir", fsd__parent(c->a, c->path));
  fsd__var(g, "project", project);
  fsd__var(g, "projectName", fsd__basename(project));
  fsd__var(g, "cache", ev->npm_cache);
  fsd__var(g, "prefix", ev->npm_prefix);
  fsd__var(g, "exec", ev->exec_path);
  if (ev->fs != NULL) {
    fsd__var(g, "mount", ev->fs->mount_point);
    fsd__var(g, "fstype", ev->fs->type);
    fsd__var(g, "source", ev->fs->source);
  }
  if (ev->dest_fs != NULL) fsd__var(g, "destMount", ev->dest_fs->mount_point);
}

static int fsd__cmp(const void *x, const void *y) {
  const fsd__cand_t *a = x, *b = y;
  if (a->confidence > b->confidence) return -1;
  if (a->confidence < b->confidence) return 1;
  return 0;
}

static fsd_val_t *fsd__facts(fsd__ctx_t *c) {
  fsd_arena_t *a = c->a;
  const fsd_evidence_t *ev = c->ev;
  fsd_val_t *f = fsd_obj(a);
  if (!c->live) {
    fsd_set_str(a, f, "source", "text");
    fsd_set(f, "pathShapes", c->shapes);
    return f;
  }
  if (ev->fs) fsd_set(f, "fs", fsd_fsinfo_val(a, ev->fs));
  if (ev->dest_fs) fsd_set(f, "destFs", fsd_fsinfo_val(a, ev->dest_fs));
  if (ev->path) fsd_set(f, "path", fsd_pathinfo_val(a, ev->path));
  if (ev->dest) fsd_set(f, "dest", fsd_pathinfo_val(a, ev->dest));
  if (ev->link) fsd_set(f, "link", fsd_linkinfo_val(a, ev->link));
  if (ev->dest_link) fsd_set(f, "destLink", fsd_linkinfo_val(a, ev->dest_link));
  if (ev->priv) fsd_set(f, "privileges", fsd_privileges_val(a, ev->priv));
  if (ev->limits) fsd_set(f, "limits", fsd_limits_val(a, ev->limits));
  if (ev->holders) fsd_set(f, "holders", fsd_holders_val(a, ev->holders));
  fsd_set_tri(a, f, "wsl", ev->is_wsl);
  fsd_set_str(a, f, "execPath", ev->exec_path);
  fsd_set_str(a, f, "npmCache", ev->npm_cache);
  fsd_set_str(a, f, "npmPrefix", ev->npm_prefix);
  if (ev->win32_error >= 0) {
    fsd_set_num(a, f, "win32Error", (double)ev->win32_error);
    fsd_set_str(a, f, "win32ErrorName", ev->win32_error_name);
  }
  return f;
}

/* The last resort says what was looked at, so "unknown" is still useful. */
static void fsd__unknown(fsd__ctx_t *c) {
  const fsd_evidence_t *ev = c->ev;
  fsd__cand_t *k = fsd__add(c, "unknown", 0.1);
  char checked[256] = "";
  if (k == NULL) return;
  if (!c->live) {
    snprintf(checked, sizeof(checked),
             "the error text only (code, system "
             "call and path shape); nothing was measured on this machine");
  } else {
    snprintf(checked, sizeof(checked), "%s%s%s%s%s%s",
             ev->fs ? "filesystem, " : "",
             ev->path ? "permissions along the path, " : "",
             ev->link ? "links, " : "", ev->holders ? "open handles, " : "",
             ev->limits ? "limits, " : "", ev->priv ? "privileges, " : "");
    if (checked[0] == '\0')
      snprintf(checked, sizeof(checked), "nothing (no probe applies)");
    else
      checked[strlen(checked) - 2] = '\0';
  }
  k->detail =
      fsd_printf(c->a, "No known cause of %s%s%s matched. Checked: %s.",
                 c->code, c->syscall[0] ? " from " : "", c->syscall, checked);
  fsd_set_str(c->a, k->evidence, "checked", fsd_strdup(c->a, checked));
}

static fsd_val_t *fsd__cause_val(fsd__ctx_t *c, fsd__cand_t *k) {
  fsd_arena_t *a = c->a;
  const fsd__cause_t *cat = fsd__cause(k->id);
  fsd_val_t *o = fsd_obj(a);
  fsd_set_str(a, o, "id", k->id);
  fsd_set_str(a, o, "title", cat ? cat->title : k->id);
  fsd_set_num(a, o, "confidence",
              (double)(int)(k->confidence * 100 + 0.5) / 100);
  fsd_set_str(a, o, "detail", k->detail ? k->detail : (cat ? cat->title : ""));
  fsd_set(o, "evidence", k->evidence ? k->evidence : fsd_obj(a));
  if (cat != NULL)
    fsd_set(
        o, "fixes",
        fsd__fixes_val(a, cat, c->platform, k->kinds_known ? k->kinds : NULL,
                       &k->vars, &c->global));
  else
    fsd_set(o, "fixes", fsd_arr(a));
  return o;
}

static int fsd__code_transient(const char *code) {
  static const char *const t[] = {"EBUSY",   "EAGAIN",    "EMFILE", "ENFILE",
                                  "ETXTBSY", "ENOTEMPTY", "EINTR",  NULL};
  return fsd__one_of(code, t);
}

fsd_val_t *fsd_diagnose(fsd_arena_t *a, const fsd_error_t *err,
                        const fsd_evidence_t *ev, int live) {
  fsd__ctx_t *c = fsd_alloc(a, sizeof(*c));
  fsd_val_t *d, *causes;
  const fsd__cause_t *top;
  size_t i;
  if (c == NULL) return NULL;
  c->a = a;
  c->err = err;
  c->ev = ev;
  c->live = live;
  c->code = err->code && err->code[0] ? err->code : "UNKNOWN";
  c->syscall = err->syscall ? err->syscall : "";
  c->path = err->path && err->path[0] ? err->path : NULL;
  c->dest = err->dest && err->dest[0] ? err->dest : NULL;
  c->platform = fsd__platform(err, ev, live);
  c->win = fsd__is(c->platform, "win32");
  c->posix = !c->win;
  c->shapes = fsd_arr(a);
  fsd__globals(c);
  fsd__rules(c);
  if (c->ncands == 0) fsd__unknown(c);
  qsort(c->cands, c->ncands, sizeof(c->cands[0]), fsd__cmp);

  d = fsd_obj(a);
  fsd_set_str(a, d, "code", c->code);
  fsd_set_str(a, d, "syscall", err->syscall);
  fsd_set_str(a, d, "path", c->path);
  fsd_set_str(a, d, "dest", c->dest);
  if (err->has_errno)
    fsd_set_num(a, d, "errno", (double)err->errnum);
  else
    fsd_set_null(a, d, "errno");
  fsd_set_str(a, d, "platform", c->platform);
  fsd_set_bool(a, d, "live", live);
  fsd_set_str(a, d, "summary",
              fsd_printf(a, "%s%s%s: %s%s", c->code,
                         c->syscall[0] ? " from " : "", c->syscall,
                         c->cands[0].detail ? c->cands[0].detail
                                            : fsd__cause(c->cands[0].id)->title,
                         live ? "" : " (judged from the error text alone)"));
  top = fsd__cause(c->cands[0].id);
  fsd_set_bool(a, d, "transient",
               fsd__is(top->id, "unknown") ? fsd__code_transient(c->code)
                                           : top->transient);
  causes = fsd_set(d, "causes", fsd_arr(a));
  for (i = 0; i < c->ncands && i < 6; i++)
    fsd_push(causes, fsd__cause_val(c, &c->cands[i]));
  fsd_set(d, "facts", fsd__facts(c));
  if (fsd_arena_oom(a)) return NULL;
  return d;
}
