#ifndef FSD_ENGINE_H
#define FSD_ENGINE_H

/* Internals of the diagnosis engine: diagnose.c sets up the rule context,
 * runs every cause's rule (src/causes/, in table order), ranks the
 * candidates and builds the result; fixes.c picks and fills the fixes of a
 * cause. The causes and the kit they use are in src/causes/kit.h. */

#include "causes/kit.h"
#include "engine/diagnose.h"

/* The fixes of a cause for a platform, filled: an array of
 * {text, commands, platform, shell}. kinds is a NULL-terminated list of the
 * holder kinds measured, or NULL when no holder scan answered. */
fsd_val_t *fsd__fixes_val(fsd_arena_t *a, const fsd__cause_t *c,
                          const char *platform, const char *const *kinds,
                          const fsd__vars_t *local, const fsd__vars_t *global);

#endif
