/* Holder kinds from process names, shared by every platform. */
#include "platform.h"

const char *fsd_holder_kind(const char *name, const char *cmdline) {
  (void)name; (void)cmdline;
  return "other";
}
