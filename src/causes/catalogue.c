/* The catalogue, built from the table (table.h) and what each cause file
 * defines; the question gather asks of it ("does any cause want this probe
 * for this error?"); and the catalogue as a value tree for lib/causes.json.
 * The placeholders a fix template may use are listed in kit_fill.c. */

#include "causes/kit.h"

#include <string.h>

/* "unknown" proposes itself only when no other rule did, so its rule must
 * run last: it has to be the table's last line. */
typedef char
    fsd__unknown_is_last[FSD_CAUSE_UNKNOWN == FSD_CAUSE_COUNT - 1 ? 1 : -1];

const fsd__cause_t fsd__causes[FSD_CAUSE_COUNT] = {
#define FSD__CAUSE_ENTRY(NAME, stem, id, title, transient, probes) \
  {id,                                                             \
   title,                                                          \
   transient,                                                      \
   probes,                                                         \
   fsd__fixes_##stem,                                              \
   fsd__wants_##stem,                                              \
   fsd__rule_##stem},
    FSD_CAUSE_MAP(FSD__CAUSE_ENTRY)
#undef FSD__CAUSE_ENTRY
};

const fsd__cause_t *fsd__cause(fsd_cause_id_t id) {
  if ((unsigned)id >= FSD_CAUSE_COUNT) id = FSD_CAUSE_UNKNOWN;
  return &fsd__causes[id];
}

const fsd__cause_t *fsd__cause_named(const char *id) {
  size_t i;
  if (id == NULL) return NULL;
  for (i = 0; i < FSD_CAUSE_COUNT; i++)
    if (strcmp(fsd__causes[i].id, id) == 0) return &fsd__causes[i];
  return NULL;
}

static int fsd__want_matches(const fsd__want_t *w, const fsd_error_t *err,
                             const char *host) {
  if (w->codes != NULL && !fsd__one_of(err->code, w->codes)) return 0;
  if (w->calls != NULL && !fsd__one_of(err->syscall, w->calls)) return 0;
  if ((w->flags & FSD__WANT_WIN32) && !fsd__is(host, "win32")) return 0;
  return 1;
}

int fsd__wanted(fsd_arena_t *a, const fsd_error_t *err, const char *host,
                unsigned probe, const char **at) {
  size_t i;
  const fsd__want_t *w;
  int yes = 0;
  if (at != NULL) *at = NULL;
  for (i = 0; i < FSD_CAUSE_COUNT; i++) {
    if (!(fsd__causes[i].probes & probe)) continue;
    for (w = fsd__causes[i].wants; w->probes != 0; w++) {
      if (!(w->probes & probe) || !fsd__want_matches(w, err, host)) continue;
      yes = 1;
      if (at == NULL) return 1;
      if (w->at != NULL && (*at = w->at(a, err)) != NULL) return 1;
    }
  }
  return yes;
}

fsd_val_t *fsd__probes_val(fsd_arena_t *a, unsigned mask) {
  /* By bit; CWD_FS fills facts.fs as FS does, NLINK facts.link as LINKS. */
  static const char *const keys[FSD__NPROBES] = {
      "fs",   "fs",     "destFs",     "path",       "dest",   "link",
      "link", "limits", "privileges", "win32Error", "holders", "program"};
  fsd_val_t *arr = fsd_arr(a);
  unsigned bit, seen = 0, i;
  for (bit = 0; bit < FSD__NPROBES; bit++) {
    int dup = 0;
    if (!(mask & (1u << bit))) continue;
    for (i = 0; i < bit; i++)
      if ((seen & (1u << i)) && strcmp(keys[i], keys[bit]) == 0) dup = 1;
    seen |= 1u << bit;
    if (!dup) fsd_push(arr, fsd_str(a, keys[bit]));
  }
  return arr;
}

const char *fsd__class_name(fsd__class_t cls) {
  static const char *const names[] = {"inspect", "change", "destroy", "move",
                                      "reown",   "kill",   "weaken"};
  return (unsigned)cls < sizeof(names) / sizeof(names[0]) ? names[cls]
                                                          : "destroy";
}

fsd_val_t *fsd_catalogue_val(fsd_arena_t *a) {
  fsd_val_t *arr = fsd_arr(a);
  size_t i, j, k;
  for (i = 0; i < FSD_CAUSE_COUNT; i++) {
    const fsd__cause_t *c = &fsd__causes[i];
    fsd_val_t *o = fsd_push(arr, fsd_obj(a));
    fsd_val_t *fixes;
    fsd_set_str(a, o, "id", c->id);
    fsd_set_str(a, o, "title", c->title);
    fsd_set_bool(a, o, "transient", c->transient);
    fixes = fsd_set(o, "fixes", fsd_arr(a));
    for (j = 0; c->fixes[j].text != NULL; j++) {
      const fsd__fix_t *f = &c->fixes[j];
      fsd_val_t *fo = fsd_push(fixes, fsd_obj(a));
      fsd_val_t *cmds, *classes, *on;
      fsd_set_str(a, fo, "platform", f->platform);
      fsd_set_str(a, fo, "shell", f->shell);
      fsd_set_str(a, fo, "kind", f->kind);
      fsd_set_str(a, fo, "need", f->need);
      fsd_set_str(a, fo, "text", f->text);
      cmds = fsd_set(fo, "commands", fsd_arr(a));
      classes = fsd_set(fo, "classes", fsd_arr(a));
      on = fsd_set(fo, "targets", fsd_arr(a));
      for (k = 0; f->commands[k].tmpl != NULL; k++) {
        fsd_push(cmds, fsd_str(a, f->commands[k].tmpl));
        fsd_push(classes, fsd_str(a, fsd__class_name(f->commands[k].cls)));
        fsd_push(on, f->commands[k].on ? fsd_str(a, f->commands[k].on)
                                       : fsd_null(a));
      }
      fsd_set_bool(a, fo, "alternative", (f->flags & FSD__FIX_OR) != 0);
    }
  }
  return arr;
}
