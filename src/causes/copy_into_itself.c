/* copy-into-itself: a copy step whose source contains its own output
 * (copying the project into ./dist, a plugin copying "**" including its
 * output folder) copies what it wrote on each pass, until the path is too
 * long (ENAMETOOLONG, Windows' MAX_PATH) or a link loops. The path gives it
 * away: the same run of names repeated. */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>


const fsd__want_t fsd__wants_copy_into_itself[] = {FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_copy_into_itself[] = {
    {"all", NULL, NULL, "inside",
     "The destination {inside} is inside what is copied ({project}). "
     "Give the step a destination outside the source (a packager's output "
     "or temporary folder outside the project), or exclude the "
     "destination from the sources.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!inside",
     "{repeat} repeats in the path: a copy step copies its output directory "
     "into itself. Exclude the output from the copy's sources (an ignore "
     "pattern for {repeat}, or an output directory outside the source "
     "tree).",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!inside", "See how deep the copies go.",
     {FSD__I("find {project} -maxdepth 8 -type d -name {repeatName} | head"), FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!inside", "See how deep the copies go.",
     {FSD__I("Get-ChildItem -LiteralPath {project} -Recurse -Directory -Depth 8 "
      "-Filter {repeatName} | Select-Object -First 10 FullName"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* The repeated part is one process's root link: "/proc/47/root/",
 * "proc/self/root" (with or without its slashes), nothing more. */
static int fsd__proc_root(const char *run) {
  const char *r = run;
  while (*r == '/') r++;
  if (strncmp(r, "proc/", 5) != 0) return 0;
  r += 5;
  if (strncmp(r, "self", 4) == 0) {
    r += 4;
  } else {
    if (*r < '0' || *r > '9') return 0;
    while (*r >= '0' && *r <= '9') r++;
  }
  if (strncmp(r, "/root", 5) != 0) return 0;
  r += 5;
  while (*r == '/') r++;
  return *r == '\0';
}

/* The destination inside the source, by name: "a/b" in "a" ("a/" too;
 * on Windows case aside). Not when they are elsewhere: WSL's rename and
 * copy across its mounts say EINVAL, and mv and cp these words. */
static int fsd__inside(fsd__ctx_t *c) {
  size_t m, i;
  if (c->path == NULL || c->dest == NULL) return 0;
  m = strlen(c->path);
  while (m > 1 && (c->path[m - 1] == '/' || c->path[m - 1] == '\\')) m--;
  if (strlen(c->dest) <= m) return 0;
  for (i = 0; i < m; i++) {
    unsigned char x = (unsigned char)c->path[i], y = (unsigned char)c->dest[i];
    if (c->win) {
      x = (unsigned char)tolower(x == '\\' ? '/' : x);
      y = (unsigned char)tolower(y == '\\' ? '/' : y);
    }
    if (x != y) return 0;
  }
  return c->dest[m] == '/' || c->dest[m] == '\\';
}

void fsd__rule_copy_into_itself(fsd__ctx_t *c) {
  static const char *const codes[] = {"ENAMETOOLONG", "ENOENT", "EINVAL",
                                      "ELOOP",        "EPERM",  "EACCES",
                                      "ENOSPC",       "EEXIST", NULL};
  const char *p = c->path ? c->path : c->dest;
  size_t at = 0, len = 0, times = 0;
  const char *run, *name;
  fsd__cand_t *k;
  double conf;
  if (!fsd__one_of(c->code, codes) || p == NULL) return;
  if (FSD__CODE("EINVAL") && fsd__inside(c) &&
      (fsd__said(c, "to a subdirectory of itself") ||
       fsd__said(c, "into itself, ") || fsd__said(c, "subdirectory of self"))) {
    /* the tool compared the two itself: the destination is inside the
     * source (mv, cp, fs-extra, Node's fs.cp). Not when it is not: WSL's
     * rename across its mounts says EINVAL, and mv these words. */
    static const char *const why =
        "The tool refused it itself: the destination[[ {dest}]] is inside "
        "the source[[ {path}]]: the step would copy or move a folder into "
        "itself.";
    k = c->live ? fsd__add(c, FSD_CAUSE_COPY_INTO_ITSELF, 0.85)
                : fsd__guess(c, FSD_CAUSE_COPY_INTO_ITSELF, 0.85, why);
    if (k != NULL && c->live) fsd__detail(c, k, why);
    if (k != NULL) {
      fsd__var(&k->vars, "project", c->path);
      fsd__var(&k->vars, "inside", c->dest);
    }
    return;
  }
  if (!fsd__path_repeat(p, &at, &len, &times) &&
      !(c->dest && fsd__path_repeat(c->dest, &at, &len, &times) &&
        (p = c->dest)))
    return;
  /* node_modules/a/node_modules/a/... is a dependency cycle or symlink
   * loop, not a copy. */
  run = fsd_strndup(c->a, p + at, len);
  if (fsd__has(run, "node_modules")) return;
  /* "/proc/47/root//proc/47/root/...": a walk from / through each
   * process's root link back to / (walk_outside_project.c), no copy */
  if (fsd__proc_root(run)) return;
  conf = FSD__CODE("ENAMETOOLONG") || (c->win && FSD__CODE("ENOENT"))
             ? 0.93
         : FSD__CODE("ELOOP") ? 0.6
                              : 0.8;
  if (times >= 5 && conf < 0.9) conf += 0.07;
  /* A call that only reads copies nothing: a walk through a symlink back
   * up (symlink_chain.c) explains the repeats better. */
  if (fsd__walk_call(c->syscall)) conf = 0.5;
  k = c->live ? fsd__add(c, FSD_CAUSE_COPY_INTO_ITSELF, conf)
              : fsd__guess(c, FSD_CAUSE_COPY_INTO_ITSELF, conf, "");
  if (k == NULL) return;
  name = run;
  {
    const char *s;
    for (s = run; *s; s++)
      if (*s == '/' || *s == '\\') name = s + 1;
  }
  fsd_set_str(c->a, k->evidence, "repeat", run);
  fsd_set_num(c->a, k->evidence, "times", (double)times);
  fsd__var(&k->vars, "repeat", run);
  fsd__var(&k->vars, "repeatName", name);
  if (at > 1) fsd__var(&k->vars, "project", fsd_strndup(c->a, p, at - 1));
  fsd__detail(c, k,
              "The path repeats {repeat} again and again: a copy step is "
              "copying its output into itself.");
}
