/* unknown: nothing matched. The last resort says what was looked at, so
 * that it is still useful. Its rule runs last (the table's last line). */

#include "causes/kit.h"

#include <stdio.h>
#include <string.h>

static const char *const fsd__unmatched[] = {"ENOTDIR", "EEXIST", NULL};
static const char *const fsd__unknown_code[] = {"UNKNOWN", NULL};

/* Codes that no other cause reads the path for still have it measured, and
 * libuv's UNKNOWN the Win32 code it stands for: both go to the facts. */
const fsd__want_t fsd__wants_unknown[] = {
    {FSD__PROBE_PATH, fsd__unmatched, NULL, 0, NULL},
    {FSD__PROBE_WIN32, fsd__unknown_code, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_unknown[] = {
    {"all", NULL, NULL, NULL,
     "Run the command again with verbose logging and diagnose the full log; "
     "the lines before the error name the path and system call.",
     {FSD__C(NULL, "npm install --loglevel verbose"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

void fsd__rule_unknown(fsd__ctx_t *c) {
  const fsd_evidence_t *ev = c->ev;
  fsd__cand_t *k;
  char checked[256] = "";
  if (c->ncands != 0) return;
  k = fsd__add(c, FSD_CAUSE_UNKNOWN, 0.1);
  if (k == NULL) return;
  if (!c->live) {
    snprintf(checked, sizeof(checked),
             "the error text only (code, system "
             "call and path shape); nothing was measured on this machine");
  } else {
    snprintf(checked, sizeof(checked), "%s%s%s%s%s%s",
             ev->fs ? "filesystem, " : "",
             ev->path ? "permissions along the path, " : "",
             ev->link ? "links, " : "", ev->holders ? "open handles, " : "",
             ev->limits ? "limits, " : "", ev->priv ? "privileges, " : "");
    if (checked[0] == '\0')
      snprintf(checked, sizeof(checked), "nothing (no probe applies)");
    else
      checked[strlen(checked) - 2] = '\0';
  }
  k->detail =
      fsd_printf(c->a, "No known cause of %s%s%s matched. Checked: %s.",
                 c->code, c->syscall[0] ? " from " : "", c->syscall, checked);
  fsd_set_str(c->a, k->evidence, "checked", fsd_strdup(c->a, checked));
}
