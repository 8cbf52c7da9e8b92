/* The diagnosis: sets up the rule context from the error and the evidence,
 * runs each cause's rule (src/causes/, in table order), ranks what they
 * propose and builds the result object of the contract in DESIGN.md. Pure:
 * it reads only its arguments. */

#include "engine/engine.h"
#include "parse/errtext.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The directory a project lives in: the part before node_modules, or
 * NULL when the path is in none. */
static const char *fsd__project(fsd_arena_t *a, const char *path) {
  const char *p;
  if (path == NULL) return NULL;
  for (p = path; (p = strstr(p, "node_modules")) != NULL; p++) {
    if (p > path && (p[-1] == '/' || p[-1] == '\\') &&
        (p[12] == '\0' || p[12] == '/' || p[12] == '\\')) {
      if (p - path == 1) return fsd_strndup(a, path, 1);
      return fsd_strndup(a, path, (size_t)(p - path - 1));
    }
  }
  return NULL;
}

static const char *fsd__basename(const char *path) {
  const char *s, *b = path;
  if (path == NULL) return NULL;
  for (s = path; *s; s++)
    if ((*s == '/' || *s == '\\') && s[1] != '\0') b = s + 1;
  return b;
}

/* Whether p is in an npm cache (a ".npm" or "npm-cache" folder, or one
 * holding "_cacache") that is not this machine's cache: the failed cache
 * is another (another user's, a container's, a paste from elsewhere), so
 * no command is pointed at this machine's. */
static int fsd__other_cache(const char *p, const char *cache) {
  if (p == NULL || cache == NULL || fsd__under(p, cache)) return 0;
  return fsd__has(p, "/.npm/") || fsd__has(p, "\\npm-cache\\") ||
         fsd__has(p, "/_cacache/") || fsd__has(p, "\\_cacache\\");
}

/* The placeholders every cause may use. Those about a place come from the
 * side the failure concerns (kit_touch.c): a rename or copy that met a
 * full, read-only or crowded filesystem is about its destination. */
static void fsd__globals(fsd__ctx_t *c) {
  const fsd_evidence_t *ev = c->ev;
  fsd__vars_t *g = &c->global;
  int dest_side = fsd__dest_side(c->syscall, c->dest != NULL);
  /* A program's bare name ("spawn git ENOENT") is no path: commands that
   * would look at it in the working directory are left out. */
  const char *path =
      fsd__exec_call(c->syscall) && fsd__program_name(c->path) ? NULL : c->path;
  const char *side = dest_side ? c->dest : path;
  const fsd_fsinfo_t *sf = fsd__side_fs(c);
  const char *sep = c->win ? "\\" : "/";
  const char *project = fsd__project(c->a, path);
  if (project == NULL) project = fsd__project(c->a, c->dest);
  fsd__var(g, "platform", c->platform);
  fsd__var(g, "code", c->code);
  fsd__var(g, "syscall", c->syscall[0] ? c->syscall : NULL);
  fsd__var(g, "path", path);
  fsd__var(g, "dest", c->dest);
  /* What the path is (a fix's need: a file's command or a directory's). */
  switch (fsd__path_kind(c)) {
    case 'd': fsd__var(g, "isdir", "1"); break;
    case 'f': fsd__var(g, "isfile", "1"); break;
    default: break;
  }
  fsd__var(g, "dir", fsd__parent(c->a, side));
  if (project != NULL)
    fsd__var(g, "nodeModules",
             fsd_printf(c->a, "%s%s%s", project,
                        project[strlen(project) - 1] == sep[0] ? "" : sep,
                        "node_modules"));
  else
    project = fsd__parent(c->a, side);
  fsd__var(g, "project", project);
  fsd__var(g, "projectName", fsd__basename(project));
  if (!fsd__other_cache(c->path, ev->npm_cache) &&
      !fsd__other_cache(c->dest, ev->npm_cache)) {
    fsd__var(g, "cache", ev->npm_cache);
    if (ev->npm_cache != NULL)
      fsd__var(g, "cachetmp",
               fsd_printf(c->a, "%s%s_cacache%stmp", ev->npm_cache, sep, sep));
  }
  fsd__var(g, "prefix", ev->npm_prefix);
  fsd__var(g, "exec", ev->exec_path);
  /* npm's commands only where npm is in the picture: this process's own
   * error (a Node program), or a log that names npm, a package manager or
   * node_modules. A git, rsync or pip error gets none. */
  if (c->err->text == NULL || fsd__said(c, "npm") || fsd__said(c, "yarn") ||
      fsd__said(c, "node_modules") || fsd__said(c, "npx") ||
      fsd__said(c, "node.js") || fsd__said(c, "node:") ||
      /* a package's checksum: npm's EINTEGRITY, yarn's own words */
      fsd__is(c->code, "EINTEGRITY") ||
      (c->path != NULL && fsd__has(c->path, "node_modules")))
    fsd__var(g, "npmctx", "1");
  /* A web server or PHP writes as its own account (www-data, apache,
   * nginx), not as the shell's user: owner fixes name that account. */
  if (c->err->text != NULL && fsd__var_get(g, "npmctx") == NULL &&
      (fsd__said(c, "writable by the server") || fsd__said(c, "www-data") ||
       fsd__said(c, "failed to open stream") || fsd__said(c, "wp-content") ||
       fsd__said(c, "php-fpm") || fsd__said(c, "apache2") ||
       fsd__said(c, "nginx: [") || fsd__said(c, "laravel")))
    fsd__var(g, "webserver", "1");
  /* Web Deploy: the app it deploys to holds its own files */
  if (c->err->text != NULL &&
      (fsd__said(c, "web deploy") || fsd__said(c, "error_file_in_use") ||
       fsd__said(c, "appoffline") || fsd__said(c, "msdeploy")))
    fsd__var(g, "webdeploy", "1");
  if (sf != NULL) {
    fsd__var(g, "mount", sf->mount_point);
    fsd__var(g, "fstype", sf->type);
    fsd__var(g, "source", sf->source);
  }
  if (ev->fs != NULL) fsd__var(g, "srcMount", ev->fs->mount_point);
  if (ev->dest_fs != NULL) fsd__var(g, "destMount", ev->dest_fs->mount_point);
}

/* What the guard (guard.c) knows of this failure. */
static void fsd__guard_ctx(fsd__ctx_t *c, fsd__guard_t *g) {
  const fsd_evidence_t *ev = c->ev;
  size_t n = 0;
  memset(g, 0, sizeof(*g));
  g->platform = c->platform;
  g->measured = c->live;
  g->home = ev->home;
  g->cache = ev->npm_cache;
  g->cache_from = ev->npm_cache_from;
  g->prefix = ev->npm_prefix;
  g->prefix_from = ev->npm_prefix_from;
  g->paths[0] = c->path;
  g->paths[1] = c->dest;
  /* The path of a rename, link or copy is its source, with or without a
   * destination in the error (a log may leave it out); of an unknown call,
   * when it names a destination. */
  if (fsd__source_call(c->syscall) && (c->dest != NULL || c->syscall[0]))
    g->sources[0] = c->path;
  if (ev->fs != NULL) g->mounts[n++] = ev->fs->mount_point;
  if (ev->dest_fs != NULL) g->mounts[n++] = ev->dest_fs->mount_point;
  g->infos[0] = ev->path;
  g->infos[1] = ev->dest;
  g->euid = fsd__euid(c);
  g->holders = ev->holders;
}

/* Confidence as shown: hundredths. */
static int fsd__shown(double confidence) {
  return (int)(confidence * 100 + 0.5);
}

/* A total order: what the reader sees (the shown confidence), then the
 * catalogue's order, so that equal confidences come out the same way on
 * every platform and qsort. */
static int fsd__cmp(const void *x, const void *y) {
  const fsd__cand_t *a = x, *b = y;
  int sa = fsd__shown(a->confidence), sb = fsd__shown(b->confidence);
  if (sa != sb) return sa > sb ? -1 : 1;
  return (int)a->cause - (int)b->cause;
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
  if (ev->program) fsd_set(f, "program", fsd_program_val(a, ev->program));
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

static fsd_val_t *fsd__cause_val(fsd__ctx_t *c, fsd__cand_t *k) {
  fsd_arena_t *a = c->a;
  const fsd__cause_t *cat = fsd__cause(k->cause);
  fsd_val_t *o = fsd_obj(a);
  fsd_set_str(a, o, "id", cat->id);
  fsd_set_str(a, o, "title", cat->title);
  fsd_set_num(a, o, "confidence", (double)fsd__shown(k->confidence) / 100);
  /* Prose is read, not pasted: a name's control characters as escapes. */
  fsd_set_str(a, o, "detail",
              k->detail == NULL          ? cat->title
              : fsd__has_ctl(k->detail) ? fsd__ctl_escape(a, k->detail)
                                        : k->detail);
  fsd_set(o, "evidence", k->evidence ? k->evidence : fsd_obj(a));
  {
    fsd__guard_t g;
    fsd__guard_ctx(c, &g);
    fsd_val_t *fixes = fsd__fixes_val(a, cat, c->platform,
                                      k->kinds_known ? k->kinds : NULL,
                                      &k->vars, &c->global, &g);
    fsd_val_t *f;
    /* A usual cause is a possibility the text did not point to, and a
     * contradicted one a possibility the measurements argue against: its
     * fix prose, written for the cause, is said as a condition. */
    if ((k->usual || k->refuted != NULL) && fixes != NULL && fixes->type == FSD_ARR)
      for (f = fixes->u.kids.head; f != NULL; f = f->next) {
        const char *t = fsd_get_str(f, "text");
        if (t != NULL)
          fsd_set_str(a, f, "text", fsd_printf(a, "If this is the cause: %s", t));
      }
    fsd_set(o, "fixes", fixes);
  }
  return o;
}

static int fsd__code_transient(const char *code) {
  static const char *const t[] = {"EBUSY",   "EAGAIN",    "EMFILE", "ENFILE",
                                  "ETXTBSY", "ENOTEMPTY", "EINTR",  NULL};
  return fsd__one_of(code, t);
}

/* The error's path is of the other family than the platform it is
 * diagnosed for (a POSIX path on Windows: a wrong platform given, or Git
 * Bash's "/c/x"; a drive path on Linux or macOS, where WSL's Windows side
 * is no explanation): the fill gives it to no command,
 * and the summary says why the commands that would take it are missing. */
static const char *fsd__foreign_note(const fsd__ctx_t *c) {
  const char *p = c->path;
  if (p == NULL) return "";
  if (c->win && p[0] == '/' && p[1] != '/')
    return " [its path is a POSIX path, not a Windows one: no command is "
           "given it; check the platform]";
  if (!c->win && !fsd__is(c->platform, "wsl") && isalpha((unsigned char)p[0]) &&
      p[1] == ':' &&
      (p[2] == '\\' || p[2] == '/'))
    return " [its path is a Windows path: no command is given it; check the "
           "platform]";
  return "";
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
  {
    /* live is decided (src/engine/request.c asked fsd_where first); the
     * platform follows from it and the error. */
    fsd_where_in_t in = {ev->host, ev->is_wsl, 0, -1, 0, NULL, live};
    fsd_where_t w;
    fsd_where(err, &in, &w);
    c->platform = w.platform;
  }
  c->win = fsd__is(c->platform, "win32");
  c->posix = !c->win;
  c->shapes = fsd_arr(a);
  fsd__globals(c);
  c->sh = fsd__shapes(c);
  for (i = 0; i < FSD_CAUSE_COUNT; i++) fsd__causes[i].rule(c);
  fsd__priors(c);
  fsd__refute(c);
  if (c->ncands == 0) return NULL; /* unknown's rule always proposes */
  /* A walk that ended in a system place (/proc, C:\Windows, / itself): no
   * candidate's fix may change that place's modes or owner. A folder near
   * a drive's root only looks like one: it keeps them. */
  for (i = 0; i < c->ncands; i++)
    if (c->cands[i].cause == FSD_CAUSE_WALK_OUTSIDE_PROJECT &&
        fsd__var_get(&c->cands[i].vars, "sysplace") != NULL)
      fsd__var(&c->global, "walked", "1");
  /* 0.9 and above means measured here: a text-only answer stays below. */
  for (i = 0; !live && i < c->ncands; i++)
    if (c->cands[i].confidence > 0.89) c->cands[i].confidence = 0.89;
  qsort(c->cands, c->ncands, sizeof(c->cands[0]), fsd__cmp);
  top = fsd__cause(c->cands[0].cause);

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
  {
    const char *what = c->cands[0].detail ? c->cands[0].detail : top->title;
    const char *sum;
    if (c->cands[0].usual) {
      /* Only the code's usual causes: say that no rule matched, and name
       * them. */
      const char *names = fsd__cause(c->cands[0].cause)->id;
      for (i = 1; i < c->ncands && c->cands[i].usual; i++)
        names = fsd_printf(a, "%s%s%s", names,
                           i + 1 < c->ncands && c->cands[i + 1].usual ? ", "
                                                                      : " or ",
                           fsd__cause(c->cands[i].cause)->id);
      what = fsd_printf(a, "nothing in the text points to one cause; the "
                           "usual causes are %s",
                        names);
    }
    if (c->cands[0].refuted != NULL)
      /* The top cause is a guess that what was measured contradicts: say
       * that first. */
      what = fsd_printf(a, "nothing measured here explains it now (%s); the "
                           "condition passed, or the failing process ran as "
                           "another user or in a container. The text alone "
                           "suggested %s",
                        c->cands[0].refuted, fsd__cause(c->cands[0].cause)->id);
    sum = fsd_printf(a, "%s%s%s: %s%s%s", c->code, c->syscall[0] ? " from " : "",
                     c->syscall, what,
                     live ? "" : " (judged from the error text alone)",
                     fsd__foreign_note(c));
    fsd_set_str(a, d, "summary",
                sum != NULL && fsd__has_ctl(sum) ? fsd__ctl_escape(a, sum)
                                                 : sum);
  }
  /* With nothing matched, the code alone says whether a retry can help. */
  fsd_set_bool(a, d, "transient",
               c->cands[0].cause == FSD_CAUSE_UNKNOWN
                   ? fsd__code_transient(c->code)
                   : top->transient);
  causes = fsd_set(d, "causes", fsd_arr(a));
  for (i = 0; i < c->ncands && i < 6; i++)
    fsd_push(causes, fsd__cause_val(c, &c->cands[i]));
  fsd_set(d, "facts", fsd__facts(c));
  if (fsd_arena_oom(a)) return NULL;
  return d;
}
