#include "diagnose.h"

fsd_val_t *fsd_diagnose(fsd_arena_t *a, const fsd_error_t *err,
                        const fsd_evidence_t *ev, int live) {
  fsd_val_t *d = fsd_obj(a);
  (void)ev;
  fsd_set_str(a, d, "code", err->code);
  fsd_set_bool(a, d, "live", live);
  return d;
}
