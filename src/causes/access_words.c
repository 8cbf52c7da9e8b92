/* wrong-owner from a tool's own words: texts that say whose the files are
 * where the error itself names no owner (access.c calls it). Text only. */

#include "causes/kit.h"

void fsd__owner_words(fsd__ctx_t *c) {
  if (c->live || (!FSD__CODE("EACCES") && !FSD__CODE("EPERM"))) return;
  if (fsd__said(c, "contains root-owned files"))
    /* npm's own check of its cache after an EACCES or EPERM there */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.8,
               "npm itself says its cache holds root-owned files, left by "
               "an earlier sudo npm.");
  else if (c->posix && fsd__said(c, "insufficient permission for adding an object")) {
    /* a repository several users push to: an object directory one of them
     * created is not the next one's to write */
    fsd__cand_t *k = fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.6,
                                "git could not write an object directory of "
                                "the repository: in a repository several "
                                "accounts push to, directories one of them "
                                "created belong to that account.");
    if (k != NULL) fsd__var(&k->vars, "gitshared", "yes");
  }
  else if (c->win && fsd__said(c, "you require permission from"))
    /* Explorer names the account whose permission it takes: the owner */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.75,
               "Windows names another account whose permission the change "
               "needs: the folder belongs to it (an account of an earlier "
               "Windows installation, an administrator, TrustedInstaller).");
}
