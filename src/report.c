/* Probe structs to value trees. */
#include "platform.h"

fsd_val_t *fsd_fsinfo_val(fsd_arena_t *a, const fsd_fsinfo_t *in) { (void)in; return fsd_obj(a); }
fsd_val_t *fsd_pathinfo_val(fsd_arena_t *a, const fsd_pathinfo_t *in) { (void)in; return fsd_obj(a); }
fsd_val_t *fsd_privileges_val(fsd_arena_t *a, const fsd_privileges_t *in) { (void)in; return fsd_obj(a); }
fsd_val_t *fsd_holders_val(fsd_arena_t *a, const fsd_holders_t *in) { (void)in; return fsd_obj(a); }
fsd_val_t *fsd_linkinfo_val(fsd_arena_t *a, const fsd_linkinfo_t *in) { (void)in; return fsd_obj(a); }
fsd_val_t *fsd_limits_val(fsd_arena_t *a, const fsd_limits_t *in) { (void)in; return fsd_obj(a); }
