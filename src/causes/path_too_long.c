/* path-too-long: ENAMETOOLONG (a name longer than the filesystem's
 * NAME_MAX, or a path past PATH_MAX), or Windows' MAX_PATH (260) without
 * long paths enabled, which fails calls with other codes. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__enametoolong[] = {"ENAMETOOLONG", NULL};
/* Past MAX_PATH Windows reports a missing or refused path. */
static const char *const fsd__max_path_codes[] = {"ENOENT", "EPERM", "EACCES",
                                                  NULL};

const fsd__want_t fsd__wants_path_too_long[] = {
    {FSD__PROBE_FS, fsd__enametoolong, NULL, 0, NULL},
    {FSD__PROBE_PATH, fsd__max_path_codes, NULL, FSD__WANT_WIN32, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_path_too_long[] = {
    /* A program that checks a 260-character limit of its own (PHP's
     * ZipArchive, C programs built with MAXPATHLEN) is not helped by
     * Windows' long-path setting: only a shorter path is. */
    {"win32", NULL, NULL, "ownLimit",
     "The program checks a 260-character limit of its own (MAXPATHLEN): "
     "Windows' long-path setting does not lift it. Work in a folder close "
     "to the drive root (C:\\src\\app), so that the longest path it "
     "builds stays under 260 characters.",
     {FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!ownLimit",
     "Allow long paths in Windows (PowerShell as administrator), then start "
     "a new shell.",
     {FSD__C_ROOT(NULL,
                  "New-ItemProperty -Path "
                  "'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem' "
                  "-Name LongPathsEnabled -Value 1 -PropertyType DWORD -Force"),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "!ownLimit",
     "Allow long paths in Windows (as administrator).",
     {FSD__C_ROOT(NULL,
                  "reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem "
                  "/v LongPathsEnabled /t REG_DWORD /d 1 /f"),
      FSD__CMDS_END}, 0},
    /* core.longpaths is Git for Windows' own setting (its MAX_PATH
     * workaround); Git elsewhere ignores it, WSL's Linux git included. */
    {"win32", NULL, NULL, "!ownLimit", "Let git handle long paths too.",
     {FSD__C(NULL, "git config --global core.longpaths true"), FSD__CMDS_END},
     0},
    {"win32", NULL, NULL, "!npmctx",
     "Or move the work closer to the drive root (C:\\src\\app).",
     {FSD__CMDS_END}, FSD__FIX_OR},
    {"win32", NULL, NULL, "npmctx",
     "Or move the project closer to the drive root (C:\\src\\app) and remove "
     "the old node_modules with a remover that copes with long paths.",
     {FSD__D("nodeModules", "npx rimraf {nodeModules}"), FSD__CMDS_END},
     FSD__FIX_OR},
    {"posix", NULL, NULL, "ownLimit",
     "The program checks a limit of its own (MAXPATHLEN, most often 1024 "
     "or 4096 bytes) before asking the system: work in a shorter folder, "
     "so that the longest path it builds fits.",
     {FSD__CMDS_END}, 0},
    {"posix", NULL, NULL, "!ownLimit",
     "A name in the path is {nameLength} bytes; {fstype} allows {nameMax} "
     "(encrypted home directories allow fewer). Use a shorter name or another "
     "filesystem.",
     {FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* Windows MAX_PATH, which needs no ENAMETOOLONG to bite. */
/* A C or C++ compiler's missing include: MSVC's C1083, gcc's "fatal
 * error: x.h: No such file or directory". */
static int fsd__include_missing(fsd__ctx_t *c) {
  return fsd__said(c, "cannot open include file") ||
         (fsd__said(c, "fatal error: ") && fsd__said(c, "#include"));
}

/* The longest Windows path ("C:\\x\\y", "c:/x") the log shows. */
static size_t fsd__longest_win_path(fsd__ctx_t *c) {
  const char *t = c->err->text;
  size_t n = c->err->text_len, i, e, best = 0;
  for (i = 0; t != NULL && i + 3 < n; i++) {
    if (!(((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z')) &&
          t[i + 1] == ':' && (t[i + 2] == '\\' || t[i + 2] == '/') &&
          (i == 0 || !((t[i - 1] >= 'A' && t[i - 1] <= 'Z') ||
                       (t[i - 1] >= 'a' && t[i - 1] <= 'z')))))
      continue;
    for (e = i + 3; e < n && t[e] != '\n' && t[e] != '\r' && t[e] != '\'' &&
                    t[e] != '"' && t[e] != ':' && t[e] != '(';
         e++)
      ;
    if (e - i > best) best = e - i;
    i = e;
  }
  return best;
}

/* How many "../" (or "..\\") a path climbs. */
static size_t fsd__updirs(const char *p) {
  size_t n = 0;
  for (; p != NULL && *p; p++)
    if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\\')) n++;
  return n;
}

static void fsd__max_path(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = c->ev->path;
  fsd__cand_t *k;
  size_t len = c->path ? strlen(c->path) : 0;
  /* a move's destination may be the long one (pip's uninstall moves a
   * venv's files under a temp folder that repeats the venv's path) */
  if (c->dest != NULL && strlen(c->dest) > len) len = strlen(c->dest);
  if (p != NULL && p->max_path > 0 && p->path_length >= p->max_path &&
      p->long_paths_enabled != 1) {
    k = fsd__add(c, FSD_CAUSE_PATH_TOO_LONG, 0.85);
    if (k == NULL) return;
    fsd_set_num(c->a, k->evidence, "pathLength", (double)p->path_length);
    fsd_set_num(c->a, k->evidence, "maxPath", (double)p->max_path);
    fsd_set_tri(c->a, k->evidence, "longPathsEnabled", p->long_paths_enabled);
    k->detail = fsd_printf(c->a,
                           "The path is %lld characters; without long "
                           "paths Windows allows %lld.",
                           (long long)p->path_length, (long long)p->max_path);
  } else if (len >= 248) {
    /* past 260 in the text itself: no other reading of the code is as
     * likely (ENOTDIR and ENOENT are what Windows says past it) */
    fsd__guess(c, FSD_CAUSE_PATH_TOO_LONG,
               len >= 260 && !fsd__has(c->path, "    ") &&
                       !fsd__has(c->path, "file:///")
                   ? 0.82
                   : 0.7,
               "The path is longer than Windows' MAX_PATH (260) allows without "
               "long paths enabled.");
  } else if (!c->live && FSD__CODE("ENOENT") && fsd__include_missing(c) &&
             (fsd__longest_win_path(c) >= 150 || fsd__updirs(c->path) >= 3)) {
    /* A compiler's include on Windows: the header is there, but the
     * directory of the file that includes it, joined with "../.." and the
     * include's own name, passes MAX_PATH. */
    fsd__guess(c, FSD_CAUSE_PATH_TOO_LONG, 0.7,
               "A compiler looked for a header on Windows under deep "
               "folders: the include's directory joined with its name (and "
               "any ../) passes MAX_PATH (260), so the file seems missing. "
               "Build from a shorter folder (C:\\src) or enable long paths.");
  }
}

void fsd__rule_path_too_long(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->fs;
  const char *p = c->path, *s, *start;
  size_t longest = 0, len = p ? strlen(p) : 0;
  fsd__cand_t *k;
  if (c->win && !FSD__CODE("ENAMETOOLONG")) fsd__max_path(c);
  if (!FSD__CODE("ENAMETOOLONG")) return;
  if (p == NULL && fsd__said(c, "MAXPATHLEN")) {
    /* The program measured the path against its own compiled limit */
    k = fsd__guess(c, FSD_CAUSE_PATH_TOO_LONG, 0.86,
                   "The program refused a path longer than its own limit "
                   "(MAXPATHLEN), which it checks before asking the "
                   "system.");
    if (k != NULL) fsd__var(&k->vars, "ownLimit", "1");
    return;
  }
  if (p == NULL) {
    /* No path in the text (cut off, or never printed): a long path is
     * still the usual reason, unless a program was being started. */
    if (!fsd__exec_call(c->syscall))
      fsd__guess(c, FSD_CAUSE_PATH_TOO_LONG, 0.7,
                 "A name in the path, or the whole path, is longer than the "
                 "filesystem allows.");
    return;
  }
  for (s = start = p;; s++) {
    if (*s == '/' || *s == '\\' || *s == '\0') {
      if ((size_t)(s - start) > longest) longest = (size_t)(s - start);
      start = s + 1;
      if (*s == '\0') break;
    }
  }
  k = fsd__add(c, FSD_CAUSE_PATH_TOO_LONG,
               c->live && f && f->name_max > 0 ? 0.96
               : c->live                        ? 0.9
                                                : 0.86);
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
