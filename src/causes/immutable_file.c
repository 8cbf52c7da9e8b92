/* immutable-file: the immutable or append-only flag (Linux chattr +i/+a,
 * BSD uchg/schg), which refuses changes even to root. On unlink and rename
 * the flag on the parent directory counts as much as the file's. */

#include "causes/kit.h"

#include <string.h>

static const char *const fsd__denial[] = {"EPERM", "EACCES", NULL};

const fsd__want_t fsd__wants_immutable_file[] = {
    {FSD__PROBE_PATH | FSD__PROBE_DEST_PATH, fsd__denial, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_immutable_file[] = {
    {"linux", "bash", NULL, NULL,
     "{flagged} carries the immutable or append-only flag, which even root "
     "must clear before changing it.",
     {FSD__I("lsattr -d -- {flagged}"),
      FSD__C_ROOT("flagged", "sudo chattr -i -a -- {flagged}"), FSD__CMDS_END},
     0},
    {"darwin", "bash", NULL, NULL,
     "{flagged} carries the uchg/schg flag. Clear it (schg needs recovery "
     "mode when the securelevel is raised).",
     {FSD__I("ls -ldO -- {flagged}"),
      FSD__C_ROOT("flagged", "sudo chflags nouchg,noschg -- {flagged}"),
      FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* A listing in the log (ls -lO) shows a BSD flag on the failed file: a
 * line with "uchg", "schg", "uappnd" or "sappnd" that names the file. */
static int fsd__flag_listed(fsd__ctx_t *c) {
  static const char *const flags[] = {" uchg", " schg", " uappnd", " sappnd",
                                      ",uchg", ",schg", NULL};
  const char *t = c->err->text, *end, *line, *eol, *base;
  size_t i, bl;
  if (t == NULL || c->path == NULL) return 0;
  base = c->path + strlen(c->path);
  while (base > c->path && base[-1] != '/') base--;
  bl = strlen(base);
  if (bl == 0) return 0;
  end = t + c->err->text_len;
  for (line = t; line < end; line = eol + 1) {
    eol = memchr(line, '\n', (size_t)(end - line));
    if (eol == NULL) eol = end;
    for (i = 0; flags[i] != NULL; i++) {
      size_t fl = strlen(flags[i]);
      const char *q;
      for (q = line; q + fl <= eol; q++)
        if (memcmp(q, flags[i], fl) == 0 && (q + fl == eol || q[fl] == ' ' ||
                                             q[fl] == ','))
          break;
      if (q + fl > eol) continue;
      for (q = line; q + bl <= eol; q++)
        if (memcmp(q, base, bl) == 0) return 1;
    }
  }
  return 0;
}

/* Nothing measured: EPERM from a change the mode bits would allow. */
static void fsd__guess_flag(fsd__ctx_t *c) {
  const fsd_pathinfo_t *p = NULL;
  const fsd_component_t *entry = NULL;
  if (c->live && fsd__denied(c, &p) != NULL) return;
  /* A sticky directory explains it (permission-denied, measured). */
  if (fsd__sticky(c, &entry) != NULL) return;
  /* A listing in the log shows the flag on the file itself (ls -lO) */
  if (fsd__is(c->platform, "darwin") && fsd__flag_listed(c)) {
    fsd__guess(c, FSD_CAUSE_IMMUTABLE_FILE, 0.85,
               "The log shows an immutable or append-only flag (chflags "
               "uchg/schg, chattr +i): no one may change or remove the "
               "file until it is cleared.");
    return;
  }
  /* On macOS a removal refused with EPERM is most often Finder's Locked
   * (uchg); an ACL that denies delete comes next (permission-denied) */
  if (FSD__CODE("EPERM") && c->posix && !FSD__SYS("symlink") &&
      !FSD__SYS("link") &&
      (fsd__removes(c->syscall) || FSD__SYS("open") || FSD__SYS("write")))
    fsd__guess(c, FSD_CAUSE_IMMUTABLE_FILE,
               !fsd__is(c->platform, "darwin") ? 0.45
               : fsd__removes(c->syscall)      ? 0.5
                                               : 0.35,
               "EPERM from changing a file that mode bits would allow "
               "points at an immutable or append-only flag "
               "(chattr +i/+a, chflags uchg).");
}

void fsd__rule_immutable_file(fsd__ctx_t *c) {
  const fsd_pathinfo_t *ps[2] = {c->ev->path, c->ev->dest};
  size_t i, j;
  if (!FSD__CODE("EPERM") && !FSD__CODE("EACCES")) return;
  fsd__guess_flag(c);
  for (i = 0; i < 2; i++) {
    const fsd_pathinfo_t *p = ps[i];
    if (p == NULL) continue;
    /* The flag blocks a change of the entry itself or of the directory it
     * is in; a flagged directory higher up blocks nothing here (a sticky
     * directory's denial is permission-denied's). */
    for (j = p->ncomponents; j-- > 0 && j + 2 >= p->ncomponents;) {
      const fsd_component_t *x = &p->components[j];
      fsd__cand_t *k;
      if (x->immutable != 1 && x->append_only != 1) continue;
      k = fsd__add(c, FSD_CAUSE_IMMUTABLE_FILE, 0.96);
      if (k == NULL) return;
      fsd_set_str(c->a, k->evidence, "path", x->path);
      fsd_set_bool(c->a, k->evidence, "immutable", x->immutable == 1);
      fsd_set_bool(c->a, k->evidence, "appendOnly", x->append_only == 1);
      fsd__var(&k->vars, "flagged", x->path);
      k->detail = fsd_printf(c->a,
                             "%s is %s; no one may %s it until the flag "
                             "is cleared.",
                             x->path,
                             x->immutable == 1 ? "immutable (chattr +i)"
                                               : "append-only (chattr +a)",
                             c->syscall[0] ? c->syscall : "change");
      return;
    }
  }
}
