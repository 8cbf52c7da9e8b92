/* Prints the cause table (src/causes/table.h) as JSON for
 * scripts/gen-causes.js: {"catalogue": [...], "probes": [[...], ...]}, the
 * catalogue of lib/causes.json and, per cause in the same order, the facts
 * its probes fill. Built from the same core as everything else, so the
 * generated files cannot disagree with the C. */

#include "causes/kit.h"

#include <stdio.h>

int main(void) {
  fsd_arena_t *a = fsd_arena_new();
  fsd_val_t *o, *probes;
  const char *json;
  size_t i;
  if (a == NULL) return 1;
  o = fsd_obj(a);
  fsd_set(o, "catalogue", fsd_catalogue_val(a));
  probes = fsd_set(o, "probes", fsd_arr(a));
  for (i = 0; i < FSD_CAUSE_COUNT; i++)
    fsd_push(probes, fsd__probes_val(a, fsd__causes[i].probes));
  json = fsd_to_json(a, o);
  if (json == NULL || fsd_arena_oom(a)) return 1;
  puts(json);
  fsd_arena_free(a);
  return 0;
}
