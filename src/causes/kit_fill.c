/* Placeholders: the values a rule measured, and the filling of templates
 * (details and fixes) with them. A value that was not measured gets a
 * readable stand-in instead of an empty hole; in a command each value is
 * quoted for its shell. */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

void fsd__var(fsd__vars_t *v, const char *key, const char *val) {
  size_t i;
  if (val == NULL || key == NULL) return;
  for (i = 0; i < v->n; i++) {
    if (strcmp(v->key[i], key) == 0) {
      v->val[i] = val;
      return;
    }
  }
  if (v->n == FSD__MAXVARS) return;
  v->key[v->n] = key;
  v->val[v->n] = val;
  v->n++;
}

const char *fsd__var_get(const fsd__vars_t *v, const char *key) {
  size_t i;
  if (v == NULL) return NULL;
  for (i = 0; i < v->n; i++)
    if (strcmp(v->key[i], key) == 0) return v->val[i];
  return NULL;
}

/* Placeholders a template may use, filled from what was measured (set for
 * every cause by engine/diagnose.c): {path} {dest} {syscall} {dir} (the
 * parent of the side the failure concerns: the destination of a rename,
 * link or copy) {mount} {fstype} {source} (that side's filesystem)
 * {srcMount} {destMount} (the path's and the destination's) {project} (the
 * directory holding node_modules, else dir) {projectName} {nodeModules}
 * (project/node_modules, only when the path is in one) {cache} {cachetmp}
 * {prefix} {exec}; and, set by a cause's rule, {pid} {name} {target}
 * {component} {bit} {owner} {limit} {hardlimit} {newlimit} {wantlimit}
 * {sysctlkey} {nlink} {linkmax} {subdirs} {subdirmax} {flagged} {looplink}
 * {brokenlink} {linktarget} {nameLength} {nameMax} {nonempty}
 * {taken} {takenlink} {program} {npmprefix} {inuse} {rootfolder} {snapname}
 * {rootsquash} {wslproject} {sudoredirect} {leftover} {kind} {wanted}
 * {repeat} {inside} {selabel} {seldomain} {selcontainer}.
 *
 * Stand-ins for values nobody measured, for prose only: a command never
 * gets one (fsd__fill). */
typedef struct {
  const char *key;
  const char *text;
} fsd__default_t;

static const fsd__default_t fsd__defaults[] = {
    {"path", "the path"},
    {"dest", "the destination"},
    {"dir", "the directory"},
    {"project", "the project directory"},
    {"projectName", "the project"},
    {"cache", "npm's cache"},
    {"prefix", "the global prefix"},
    {"mount", "the filesystem"},
    {"destMount", "the other filesystem"},
    {"fstype", "this filesystem"},
    {"pid", "unknown"},
    {"name", "a process"},
    {"component", "a directory on the path"},
    {"bit", "needed"},
    {"owner", "another user"},
    {"limit", "the current limit"},
    {"nlink", "many"},
    {"linkmax", "the maximum"},
    {"subdirs", "too many"},
    {"subdirmax", "the maximum"},
    {"flagged", "the file"},
    {"looplink", "a link in the chain"},
    {"brokenlink", "a link on the path"},
    {"linktarget", "a missing target"},
    {"exec", "a Windows node.exe"},
    {"nameLength", "too many"},
    {"nameMax", "fewer"},
    {"nonempty", "the directory"},
    {"nodeModules", "node_modules"},
    {"cachetmp", "npm's cache's temporary files"},
    {"srcMount", "the source's filesystem"},
    {"hardlimit", "unknown"},
    {"wantlimit", "a larger value"},
    {"sysctlkey", "fs.inotify.max_user_watches"},
    {"syscall", "The call"},
    {"newlimit", "a larger value"},
    {"taken", "the name being created"},
    {"takenlink", "the link"},
    {"program", "the command"},
    {"npmprefix", "npm's global folder"},
    {"inuse", "the mount point"},
    {"rootfolder", "the folder"},
    {"snapname", "the snap"},
    {"rootsquash", "the share"},
    {"nolockfs", "the path"},
    {"nolockd", "the path"},
    {"unit", "the service"},
    {"portal", "the path"},
    {"selabel", "the file's label"},
    {"inside", "the destination"},
    {"yarncache", "yes"},
    {"webdeploy", "yes"},
    {"selpath", "the path"},
    {"cloudfile", "yes"},
    {"lostfound", "lost+found"},
    {"ntfsdirty", "yes"},
    {"integrity", "yes"},
    {"selinux", "yes"},
    {"seldomain", "the program's domain"},
    {"selcontainer", "the container"},
    {"lambda", "yes"},
    {"ownLimit", "yes"},
    {"heldlock", "the process"},
    {"lockfile", "the lock file"},
    {"stalelock", "the lock file"},
    {"lockprog", "the program"},
    {"stickytmp", "the entry"},
    {"wslproject", "the project"},
    {"sudoredirect", "the file"},
    {"leftover", "the leftover folder"},
    {"kind", "file of another kind"},
    {"wanted", "different kind"},
    {"repeat", "a folder"},
    {"badname", "A name in the path"},
    {"badwhy", "it has a character or a form the filesystem refuses"},
    {NULL, NULL}};

static const fsd__default_t *fsd__default(const char *key, size_t len) {
  const fsd__default_t *d;
  for (d = fsd__defaults; d->key != NULL; d++)
    if (strlen(d->key) == len && strncmp(d->key, key, len) == 0) return d;
  return NULL;
}

typedef struct {
  char *buf;
  size_t len, cap;
  fsd_arena_t *a;
  int oom;
} fsd__sb_t;

static void fsd__sb_add(fsd__sb_t *b, const char *s, size_t n) {
  if (b->oom || s == NULL) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = (b->len + n + 1) * 2;
    char *nb = fsd_alloc(b->a, cap);
    if (nb == NULL) {
      b->oom = 1;
      return;
    }
    if (b->len) memcpy(nb, b->buf, b->len);
    b->buf = nb;
    b->cap = cap;
  }
  memcpy(b->buf + b->len, s, n);
  b->len += n;
  b->buf[b->len] = '\0';
}

/* The next placeholder in tmpl at or after p: its '{', with the name's
 * length in *klen; NULL when there is none. Only {identifier} (letters, at
 * most FSD__KEYMAX - 1 of them) is a placeholder; PowerShell's { $_ } is
 * not. */
static const char *fsd__next(const char *p, size_t *klen) {
  static const char letters[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const char *open;
  for (; (open = strchr(p, '{')) != NULL; p = open + 1) {
    const char *close = strchr(open, '}');
    size_t n = close ? (size_t)(close - open - 1) : 0;
    if (close == NULL || n == 0 || n >= FSD__KEYMAX ||
        !isalpha((unsigned char)open[1]) || strspn(open + 1, letters) < n)
      continue;
    *klen = n;
    return open;
  }
  return NULL;
}

const char *fsd__unknown_name(const char *tmpl, const fsd__vars_t *local,
                              const fsd__vars_t *global, char *key) {
  const char *p = tmpl, *open;
  size_t klen;
  if (tmpl == NULL) return NULL;
  while ((open = fsd__next(p, &klen)) != NULL) {
    memcpy(key, open + 1, klen);
    key[klen] = '\0';
    if (fsd__var_get(local, key) == NULL && fsd__var_get(global, key) == NULL)
      return key;
    p = open + klen + 2;
  }
  return NULL;
}

fsd_val_t *fsd__names_val(fsd_arena_t *a, const char *tmpl) {
  fsd_val_t *arr = fsd_arr(a), *k;
  const char *p = tmpl, *open;
  size_t klen;
  if (tmpl == NULL) return arr;
  while ((open = fsd__next(p, &klen)) != NULL) {
    int dup = 0;
    p = open + klen + 2;
    for (k = arr ? arr->u.kids.head : NULL; k != NULL && !dup; k = k->next)
      dup = k->u.str.len == klen && memcmp(k->u.str.s, open + 1, klen) == 0;
    if (!dup) fsd_push(arr, fsd_strn(a, open + 1, klen));
  }
  return arr;
}

/* A value someone shortened or hid before pasting it: "...\\x\\.git",
 * "C:\\...admin", "pack-2623....idx" (three dots or more, or U+2026),
 * "***path***", "<user>", "{new_file_path}". No such path exists, so no command is
 * given one; prose keeps it as pasted. */
int fsd__elided(const char *v) {
  const char *s, *lt;
  for (s = v; *s; s++) {
    if (s[0] == '.' && s[1] == '.' && s[2] == '.') return 1;
    if (s[0] == '*' && s[1] == '*' && s[2] == '*') return 1;
    if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0xa6)
      return 1;
  }
  /* "{new_file_path}": a tool's template printed unfilled */
  for (lt = strchr(v, '{'); lt != NULL; lt = strchr(lt + 1, '{')) {
    const char *e = lt + 1;
    while (isalnum((unsigned char)*e) || *e == '_') e++;
    if (*e == '}' && e > lt + 1 && isalpha((unsigned char)lt[1])) return 1;
  }
  /* "<user>", "<project dir>": a name in angle brackets */
  for (lt = strchr(v, '<'); lt != NULL; lt = strchr(lt + 1, '<')) {
    const char *gt = strchr(lt + 1, '>');
    if (gt != NULL && gt > lt + 1 && isalpha((unsigned char)lt[1])) return 1;
  }
  /* "[redacted]", "[myPath]", "(name hidden)": a word a paste put in for
   * what it hid (not Next.js's "[id]" or "[...slug]", which are names) */
  {
    static const char *const hid[] = {
        "[redacted", "[snip", "[removed", "[hidden", "[censored", "[omitted",
        "[user", "[your", "[name", "[path", "[mypath", "[project", "[home",
        "(name hidden", "(redacted", "(hidden", NULL};
    size_t i;
    for (i = 0; hid[i] != NULL; i++)
      if (fsd__has(v, hid[i])) return 1;
  }
  /* "XXXXX" for a name, "blah", a URL, a terminal's color code */
  if (strstr(v, "XXXX") != NULL || fsd__has(v, "blah") ||
      strstr(v, "://") != NULL || strstr(v, "\\e[") != NULL ||
      strstr(v, "\\033[") != NULL || strstr(v, "\\x1b[") != NULL)
    return 1;
  return 0;
}

/* A Windows path (a drive, a UNC share) in a POSIX answer: a Windows
 * program printed it (WSL's Windows side, a log from elsewhere), and a
 * POSIX command would look for that name in the working directory. WSL
 * sees C:\ at /mnt/c only where its automount root is the default, which
 * nothing here measured: no command is given one. */
static int fsd__win_value(const char *v) {
  return (isalpha((unsigned char)v[0]) && v[1] == ':' &&
          (v[2] == '\\' || v[2] == '/')) ||
         (v[0] == '\\' && v[1] == '\\');
}

/* A POSIX absolute path ("/home/u/x"), which PowerShell and cmd would read
 * from the current drive's root: a paste diagnosed as Windows that is not
 * (a wrong --platform), or Git Bash's "/c/x". No Windows command takes it. */
static int fsd__posix_value(const char *v) {
  return v[0] == '/' && v[1] != '/';
}

/* A template's optional parts: "[[ ({mount})]]" is kept, without its
 * brackets, only when every placeholder in it has a value, so prose reads
 * "npm's global prefix is not yours" rather than a stand-in; "[[A|B]]" is
 * A when all of A's values are known, else B. NULL when out of memory. */
static const char *fsd__optional(fsd_arena_t *a, const char *tmpl,
                                 const fsd__vars_t *local,
                                 const fsd__vars_t *global) {
  fsd__sb_t b;
  const char *p = tmpl, *open, *close, *q, *k;
  size_t klen;
  if (strstr(tmpl, "[[") == NULL) return tmpl;
  memset(&b, 0, sizeof(b));
  b.a = a;
  while ((open = strstr(p, "[[")) != NULL &&
         (close = strstr(open + 2, "]]")) != NULL) {
    /* "[[A|B]]": A when all of A's values are known, else B ("[[A]]": A
     * or nothing) */
    const char *bar = memchr(open + 2, '|', (size_t)(close - open - 2));
    const char *end = bar != NULL ? bar : close;
    int all = 1;
    fsd__sb_add(&b, p, (size_t)(open - p));
    for (q = open + 2; q < end && (k = fsd__next(q, &klen)) != NULL && k < end;
         q = k + klen + 2) {
      char key[FSD__KEYMAX];
      memcpy(key, k + 1, klen);
      key[klen] = '\0';
      if (fsd__var_get(local, key) == NULL && fsd__var_get(global, key) == NULL)
        all = 0;
    }
    if (all) fsd__sb_add(&b, open + 2, (size_t)(end - open - 2));
    else if (bar != NULL) fsd__sb_add(&b, bar + 1, (size_t)(close - bar - 1));
    p = close + 2;
  }
  fsd__sb_add(&b, p, strlen(p));
  if (b.oom) return NULL;
  return b.buf ? b.buf : "";
}

char *fsd__fill(fsd_arena_t *a, const char *tmpl, const fsd__vars_t *local,
                const fsd__vars_t *global, const char *shell, int is_command) {
  fsd__sb_t b;
  const char *p, *open;
  size_t klen;
  int win = fsd__is(fsd__var_get(global, "platform"), "win32");
  memset(&b, 0, sizeof(b));
  b.a = a;
  if (tmpl == NULL) return NULL;
  p = tmpl = fsd__optional(a, tmpl, local, global);
  if (tmpl == NULL) return NULL;
  while ((open = fsd__next(p, &klen)) != NULL) {
    char key[FSD__KEYMAX];
    const char *val;
    fsd__sb_add(&b, p, (size_t)(open - p));
    memcpy(key, open + 1, klen);
    key[klen] = '\0';
    val = fsd__var_get(local, key);
    if (val == NULL) val = fsd__var_get(global, key);
    if (is_command) {
      /* No stand-in reaches a command: a missing value, or one the shell
       * cannot be given, leaves the command out. */
      val = val != NULL && !fsd__elided(val) &&
                    (win || !fsd__is(shell, "bash") || !fsd__win_value(val)) &&
                    (!win || fsd__is(shell, "bash") || !fsd__posix_value(val))
                ? fsd__quote(a, val, shell, win)
                : NULL;
      if (val == NULL) return NULL;
    } else if (val == NULL) {
      const fsd__default_t *d = fsd__default(key, klen);
      val = d != NULL ? d->text : "<?>";
    } else if (fsd__has_ctl(val)) {
      /* Prose is read, not pasted: a name's control characters show as
       * escapes, so a file name cannot start a line of its own. */
      val = fsd__ctl_escape(a, val);
      if (val == NULL) return NULL;
    }
    fsd__sb_add(&b, val, val ? strlen(val) : 0);
    p = open + klen + 2;
  }
  fsd__sb_add(&b, p, strlen(p));
  if (b.oom) return NULL;
  return b.buf ? b.buf : fsd_strdup(a, "");
}
