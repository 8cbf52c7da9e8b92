/* diagnose() as JavaScript calls it: the keyed request decoded once, pasted
 * text parsed and the error picked from it, the one decision of whether the
 * error can be measured here and which platform it is from, then the
 * evidence (when a gatherer is given) and the diagnosis. The addon and the
 * WebAssembly module both come through here, so a text-only answer is the
 * same from either. */

#include "engine/engine.h"
#include "parse/errtext.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

typedef struct {
  const char *text; /* pasted text: the error is parsed from it */
  size_t text_len;
  const char *context; /* options.context: the text an error given by its */
  size_t context_len;  /* fields came from, read only by fsd__said */
  const char *code;
  double errnum; /* NAN when absent */
  const char *syscall;
  const char *path;
  const char *dest;
  const char *message;
  const char *platform;  /* options.platform: where the error happened */
  int live;              /* options.live; -1: decided here */
  int holders;           /* options.holders; default on */
  double holder_threads; /* the holder scan's threads; NAN: its default */
  int holder_lease;      /* the holder scan's lease first; -1: its default */
  const char *host;      /* this machine; default: the caller's */
  const char *cwd;       /* the process's working directory */
  const char *exec_path;
  const char *npm_cache;
  const char *npm_prefix;
  const char *npm_cache_from;  /* where npm's cache setting comes from */
  const char *npm_prefix_from; /* "env", "project", "user", "global" ... */
  const char *home;            /* this user's home directory */
  const char *env_path;        /* PATH and PATHEXT, for a spawn's program */
  const char *env_pathext;
} fsd__request_t;

/* The most of options.context read: its last 64 KiB (a log ends with its
 * error; fsd__said reads it once per cue). */
#define FSD__CONTEXT_CAP 65536

#define F(key, type, member) \
  { key, FSD_ARG_##type, offsetof(fsd__request_t, member), FSD_NO_LEN }

static const fsd_field_t fsd__request_fields[] = {
    {"text", FSD_ARG_STR, offsetof(fsd__request_t, text),
     offsetof(fsd__request_t, text_len)},
    {"context", FSD_ARG_STR, offsetof(fsd__request_t, context),
     offsetof(fsd__request_t, context_len)},
    F("code", STR, code),
    F("errno", NUM, errnum),
    F("syscall", STR, syscall),
    F("path", STR, path),
    F("dest", STR, dest),
    F("message", STR, message),
    F("platform", STR, platform),
    F("live", BOOL, live),
    F("holders", BOOL, holders),
    F("holderThreads", NUM, holder_threads),
    F("holderLease", BOOL, holder_lease),
    F("host", STR, host),
    F("cwd", STR, cwd),
    F("execPath", STR, exec_path),
    F("npmCache", STR, npm_cache),
    F("npmPrefix", STR, npm_prefix),
    F("npmCacheFrom", STR, npm_cache_from),
    F("npmPrefixFrom", STR, npm_prefix_from),
    F("home", STR, home),
    F("envPath", STR, env_path),
    F("envPathExt", STR, env_pathext),
    {NULL, FSD_ARG_NONE, 0, 0}};

#undef F

static int fsd__win_sep(char ch) { return ch == '\\' || ch == '/'; }

/* Absolute for Windows: "C:\x", "C:/x", or a UNC path written with either
 * separator ("\\srv\share", "//srv/share"). */
static int fsd__win_abs(const char *p) {
  return (isalpha((unsigned char)p[0]) && p[1] == ':' && fsd__win_sep(p[2])) ||
         (fsd__win_sep(p[0]) && fsd__win_sep(p[1]));
}

/* The length of the root a root-relative path ("\x") hangs from in cwd:
 * "C:" of a drive, "\\srv\share" of a UNC path; 0 when cwd has neither. */
static size_t fsd__win_root_len(const char *cwd) {
  size_t i = 2;
  int parts = 0;
  if (cwd == NULL) return 0;
  if (isalpha((unsigned char)cwd[0]) && cwd[1] == ':') return 2;
  if (!fsd__win_sep(cwd[0]) || !fsd__win_sep(cwd[1])) return 0;
  while (cwd[i] && parts < 2) {
    while (fsd__win_sep(cwd[i])) i++;
    while (cwd[i] && !fsd__win_sep(cwd[i])) i++;
    parts++;
  }
  return i;
}

static int fsd__sep(char ch, int win) {
  return ch == '/' || (win && ch == '\\');
}

/* path.resolve(cwd, p) for the host's path rules: absolute, with "." and
 * ".." folded and no repeated or trailing separators. With home (a path a
 * log printed), "~/x" (and "~\\x" on Windows) is the home directory's,
 * never a "~" in cwd; home "" (not known): left as it is. */
static const char *fsd__resolve(fsd_arena_t *a, const char *host,
                                const char *cwd, const char *home,
                                const char *p) {
  int win = fsd__is(host, "win32");
  char sep = win ? '\\' : '/';
  const char *joined;
  char *out;
  size_t n, i, root, len;
  if (p == NULL) return NULL;
  if (home != NULL && p[0] == '~' &&
      (p[1] == '\0' || p[1] == '/' || (win && p[1] == '\\'))) {
    if (home[0] == '\0') return p;
    cwd = home;
    p = p[1] != '\0' ? p + 2 : ".";
  }
  if (win) {
    if (fsd__win_abs(p))
      joined = p;
    else if (fsd__win_sep(p[0]) && fsd__win_root_len(cwd) > 0)
      joined = fsd_printf(a, "%.*s%s", (int)fsd__win_root_len(cwd), cwd, p);
    else
      joined = fsd_printf(a, "%s\\%s", cwd ? cwd : "", p);
  } else {
    joined = p[0] == '/' ? p : fsd_printf(a, "%s/%s", cwd ? cwd : "", p);
  }
  if (joined == NULL) return NULL;
  n = strlen(joined);
  out = fsd_alloc(a, n + 2);
  if (out == NULL) return NULL;
  /* The root: "/", "C:\" or "\\server\share\". */
  len = 0;
  i = 0;
  if (win && joined[0] && joined[1] == ':') {
    out[len++] = joined[0];
    out[len++] = ':';
    out[len++] = sep;
    i = 2;
  } else if (win && fsd__sep(joined[0], 1) && fsd__sep(joined[1], 1)) {
    int parts = 0;
    out[len++] = sep;
    out[len++] = sep;
    i = 2;
    while (joined[i] && parts < 2) {
      while (fsd__sep(joined[i], 1)) i++;
      while (joined[i] && !fsd__sep(joined[i], 1)) out[len++] = joined[i++];
      out[len++] = sep;
      parts++;
    }
  } else {
    out[len++] = sep;
  }
  root = len;
  while (joined[i]) {
    size_t start, seg;
    while (fsd__sep(joined[i], win)) i++;
    start = i;
    while (joined[i] && !fsd__sep(joined[i], win)) i++;
    seg = i - start;
    if (seg == 0 || (seg == 1 && joined[start] == '.')) continue;
    if (seg == 2 && joined[start] == '.' && joined[start + 1] == '.') {
      if (len > root) {
        len--; /* the separator after the last segment */
        while (len > root && out[len - 1] != sep) len--;
      }
      continue;
    }
    memcpy(out + len, joined + start, seg);
    len += seg;
    out[len++] = sep;
  }
  if (len > root) len--; /* no trailing separator */
  out[len] = '\0';
  return out;
}

/* A warning line: "warn" or "warning" as a word in the log-level part of
 * the line, before the error code and before anything quoted (a path such
 * as '/srv/warn/cache' is not a level). */
static int fsd__is_warning(const char *msg, const char *code) {
  const char *p, *end;
  if (msg == NULL) return 0;
  end = code != NULL && code[0] != '\0' ? strstr(msg, code) : NULL;
  if (end == NULL) end = msg + strlen(msg);
  for (p = msg; p < end && *p != '\'' && *p != '"'; p++) {
    if (p > msg && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) continue;
    if (strncasecmp(p, "warn", 4) != 0) continue;
    if (!isalnum((unsigned char)p[4]) && p[4] != '_') return 1;
    if (strncasecmp(p + 4, "ing", 3) == 0 && !isalnum((unsigned char)p[7]) &&
        p[7] != '_')
      return 1;
  }
  return 0;
}

/* Node names a failed spawn's call "spawn npm" or "spawnSync npm": the
 * call is the first word, the program is the error's path. */
static const char *fsd__call_word(fsd_arena_t *a, const char *syscall) {
  const char *sp = syscall != NULL ? strchr(syscall, ' ') : NULL;
  if (sp == NULL) return syscall;
  if ((sp - syscall == 5 && strncmp(syscall, "spawn", 5) == 0) ||
      (sp - syscall == 9 && strncmp(syscall, "spawnSync", 9) == 0))
    return fsd_strndup(a, syscall, (size_t)(sp - syscall));
  return syscall;
}

/* The answer to text with no filesystem error in it. */
static fsd_val_t *fsd__no_error(fsd_arena_t *a, const char *host) {
  const fsd__cause_t *unknown = fsd__cause(FSD_CAUSE_UNKNOWN);
  fsd_val_t *d = fsd_obj(a), *causes, *k, *ev, *fixes, *fix;
  fsd_set_str(a, d, "code", "UNKNOWN");
  fsd_set_null(a, d, "syscall");
  fsd_set_null(a, d, "path");
  fsd_set_null(a, d, "dest");
  fsd_set_null(a, d, "errno");
  fsd_set_str(a, d, "platform", host);
  fsd_set_bool(a, d, "live", 0);
  fsd_set_str(a, d, "summary", "No filesystem error was found in the text.");
  fsd_set_bool(a, d, "transient", 0);
  causes = fsd_set(d, "causes", fsd_arr(a));
  k = fsd_push(causes, fsd_obj(a));
  fsd_set_str(a, k, "id", unknown->id);
  fsd_set_str(a, k, "title", unknown->title);
  fsd_set_num(a, k, "confidence", 0);
  fsd_set_str(a, k, "detail",
              "The text holds no error code with a system call or path (Node "
              "fs messages, npm, pnpm and yarn logs were looked for).");
  ev = fsd_set(k, "evidence", fsd_obj(a));
  fsd_set_str(a, ev, "checked", "text");
  fixes = fsd_set(k, "fixes", fsd_arr(a));
  fix = fsd_push(fixes, fsd_obj(a));
  fsd_set_str(a, fix, "text",
              "Paste the whole output of the failing command, including the "
              "lines with the error code (EPERM, EBUSY ...) and the path.");
  fsd_set(fix, "commands", fsd_arr(a));
  fsd_set_str(a, fix, "platform", "all");
  fsd_set_null(a, fix, "shell");
  fsd_set(d, "facts", fsd_obj(a));
  fsd_set_str(a, fsd_get(d, "facts"), "source", "text");
  return d;
}

static int fsd__bad(fsd_fail_t *fail, fsd_arena_t *a, const char *msg) {
  fail->err = EINVAL;
  fail->syscall = "diagnose";
  fail->message = fsd_strdup(a, msg);
  return -1;
}

int fsd_parse_request(fsd_arena_t *a, const fsd_arg_t *text, fsd_val_t **out,
                      fsd_fail_t *fail) {
  fsd_parsed_err_t *errs = NULL;
  size_t count = 0;
  if (text == NULL || text->type != FSD_ARG_STR) {
    *out = fsd_arr(a);
  } else {
    if (fsd_parse_errors(a, text->s, text->len, &errs, &count) != 0)
      return fsd_fail_oom(fail);
    *out = fsd_parsed_val(a, errs, count);
  }
  return *out == NULL || fsd_arena_oom(a) ? fsd_fail_oom(fail) : 0;
}

int fsd_diagnose_request(fsd_arena_t *a, const fsd_arg_t *arg,
                         fsd_gather_fn gather, const char *host,
                         fsd_val_t **out, fsd_fail_t *fail) {
  static const char *const platforms[] = {"linux", "darwin", "win32", "wsl",
                                          NULL};
  fsd__request_t r;
  fsd_error_t err;
  fsd_gather_opts_t opts;
  fsd_evidence_t ev;
  int from_text = 0, live;
  memset(&r, 0, sizeof(r));
  memset(&err, 0, sizeof(err));
  memset(&opts, 0, sizeof(opts));
  {
    const fsd_holders_opts_t init = FSD_HOLDERS_OPTS_INIT;
    opts.holders = init;
  }
  memset(&ev, 0, sizeof(ev));
  r.errnum = NAN;
  r.live = -1;
  r.holders = 1;
  r.holder_threads = NAN;
  r.holder_lease = -1;
  if (fsd_decode(a, arg, "request", fsd__request_fields, &r, fail) != 0)
    return -1;
  if (r.host == NULL) r.host = host;
  if (r.platform != NULL && !fsd__one_of(r.platform, platforms))
    return fsd__bad(fail, a,
                    "options.platform must be one of linux, darwin, win32, "
                    "wsl");
  if (r.text != NULL) {
    fsd_parsed_err_t *errs = NULL, *e;
    size_t count = 0, i;
    if (fsd_parse_errors(a, r.text, r.text_len, &errs, &count) != 0) {
      return fsd_fail_oom(fail);
    }
    if (count == 0) {
      *out = fsd__no_error(a, r.platform != NULL ? r.platform : r.host);
      if (*out != NULL && !fsd_arena_oom(a)) return 0;
      return fsd_fail_oom(fail);
    }
    /* The first error, skipping warnings (npm logs a harmless rollback
     * warning before the error that stopped it) unless there is nothing
     * else. */
    e = &errs[0];
    for (i = 0; i < count; i++)
      if (!fsd__is_warning(errs[i].message, errs[i].code)) {
        e = &errs[i];
        break;
      }
    err.code = e->code;
    err.has_errno = e->has_errno;
    err.errnum = e->errnum;
    err.syscall = e->syscall;
    err.path = e->path;
    err.dest = e->dest;
    err.message = e->message;
    err.platform = e->platform;
    if (err.platform == NULL) err.platform = fsd_text_platform(r.text, r.text_len);
    err.text = r.text;
    err.text_len = r.text_len;
    from_text = 1;
  } else {
    if (r.code == NULL || r.code[0] == '\0')
      return fsd__bad(fail, a, "request.code or request.text is needed");
    err.code = r.code;
    if (!isnan(r.errnum) && r.errnum == floor(r.errnum) &&
        fabs(r.errnum) < 9e15) {
      err.has_errno = 1;
      err.errnum = (int64_t)r.errnum;
    }
    err.syscall = fsd__call_word(a, r.syscall);
    err.path = r.path && r.path[0] ? r.path : NULL;
    err.dest = r.dest && r.dest[0] ? r.dest : NULL;
    err.message = r.message;
    /* The log an error given by its fields came from (a paste, npm's debug
     * log): what else it says about the place (a container, sudo, a
     * watcher, a \\wsl$ working directory). Read by text-only rules. */
    if (r.context != NULL) {
      size_t skip =
          r.context_len > FSD__CONTEXT_CAP ? r.context_len - FSD__CONTEXT_CAP : 0;
      err.text = r.context + skip; /* its last 64 KiB */
      err.text_len = r.context_len - skip;
    }
  }
  if (r.platform != NULL) err.platform = r.platform;

  {
    fsd_where_in_t in = {r.host,         FSD_UNKNOWN, from_text, r.live,
                         gather != NULL, r.platform,  -1};
    fsd_where_t w;
    fsd_where(&err, &in, &w);
    live = w.live;
  }
  if (live) {
    /* symlink()'s path is the link's target, relative to the link; a
     * program's bare name is looked up on PATH, not in cwd. A log's "~/x"
     * (pasted text, or an error read with the log it came from) is the
     * home directory's; an error this process threw names a "~" that
     * Node took as it is, in cwd. */
    const char *home = from_text || r.context != NULL ? (r.home ? r.home : "") : NULL;
    if (!fsd__is(err.syscall, "symlink") && !fsd__bare_program(&err))
      err.path = fsd__resolve(a, r.host, r.cwd, home, err.path);
    err.dest = fsd__resolve(a, r.host, r.cwd, home, err.dest);
    err.platform = NULL; /* measured here */
    opts.live = 1;
    opts.scan_holders = r.holders;
    if (!isnan(r.holder_threads) && r.holder_threads >= 0)
      opts.holders.threads = r.holder_threads > FSD_HOLDERS_MAX_THREADS
                                 ? FSD_HOLDERS_MAX_THREADS
                                 : (int)r.holder_threads;
    if (r.holder_lease >= 0) opts.holders.lease = r.holder_lease;
    opts.exec_path = r.exec_path;
    opts.npm_cache = r.npm_cache;
    opts.npm_prefix = r.npm_prefix;
    opts.env_path = r.env_path;
    opts.env_pathext = r.env_pathext;
  }
  opts.cwd = r.cwd;
  ev.win32_error = -1;
  ev.is_wsl = FSD_UNKNOWN;
  ev.host = r.host;
  if (live && gather(a, &err, &opts, &ev) != 0) {
    return fsd_fail_oom(fail);
  }
  if (live) {
    /* What the guard reads (engine/guard.c): only for an error of this
     * machine, where these are this user's. */
    ev.home = r.home && r.home[0] ? r.home : NULL;
    ev.npm_cache_from = r.npm_cache_from;
    ev.npm_prefix_from = r.npm_prefix_from;
  }
  *out = fsd_diagnose(a, &err, &ev, live);
  if (*out == NULL || fsd_arena_oom(a)) {
    return fsd_fail_oom(fail);
  }
  return 0;
}
