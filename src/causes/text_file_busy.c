/* text-file-busy: ETXTBSY, writing a program that is running. */

#include "causes/kit.h"

static const char *const fsd__etxtbsy[] = {"ETXTBSY", NULL};

const fsd__want_t fsd__wants_text_file_busy[] = {
    {FSD__PROBE_HOLDERS, fsd__etxtbsy, NULL, 0, NULL}, FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_text_file_busy[] = {
    {"posix", "bash", NULL, "pid",
     "{name} (pid {pid}) is running {path}. Stop it before replacing the "
     "file.",
     {FSD__I("ps -o pid,user,args -p {pid}"), FSD__K("pid", "kill {pid}"),
      FSD__CMDS_END}, 0},
    {"posix", NULL, NULL, NULL,
     "Replace a running program by writing a new file beside it and "
     "renaming it over the old one, instead of writing in place.",
     {FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

void fsd__rule_text_file_busy(fsd__ctx_t *c) {
  size_t n;
  fsd__cand_t *k;
  if (!FSD__CODE("ETXTBSY")) return;
  n = fsd__nholders(c, "exe");
  k = fsd__add(c, FSD_CAUSE_TEXT_FILE_BUSY, n > 0 ? 0.97 : 0.85);
  if (k == NULL) return;
  if (n > 0) {
    fsd__holders_ev(c, k, "exe");
    fsd__detail(c, k, "{name} (pid {pid}) is running {path}.");
  } else {
    fsd__holders_ev(c, k, NULL);
    fsd__detail(c, k,
                "{path} is a program that is running (or "
                "open for writing while being run).");
  }
}
