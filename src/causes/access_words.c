/* EACCES and EPERM read from a tool's own words (access.c calls these):
 * texts that say whose the files are where the error names no owner, and
 * a program that could not be run. Text only. */

#include "causes/kit.h"

#include <string.h>

void fsd__owner_words(fsd__ctx_t *c) {
  if (c->live || (!FSD__CODE("EACCES") && !FSD__CODE("EPERM"))) return;
  if (fsd__said(c, "contains root-owned files") || fsd__said(c, "is not owned by you"))
    /* npm's own check of its cache after an EACCES or EPERM there */
    fsd__guess(c, FSD_CAUSE_WRONG_OWNER, 0.8,
               fsd__said(c, "is not owned by you")
                   ? "The program checks the owner first and says {path} is "
                     "not yours: another account's, or a mount (NTFS, FAT, "
                     "a share) that shows every file as root's."
                   : "npm itself says its cache holds root-owned files, left "
                     "by an earlier sudo npm.");
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

/* A program run, refused: its execute bit (a package published or
 * unpacked without it, a file checked out on Windows) or a noexec mount,
 * not its owner. A spawn of it, or a shell's "<dir>/.bin/x: Permission
 * denied". */
void fsd__exec_words(fsd__ctx_t *c) {
  fsd__cand_t *k;
  if (c->live || !c->posix || !FSD__CODE("EACCES") || c->path == NULL ||
      c->path[0] != '/' ||
      !(fsd__exec_call(c->syscall) ||
        (c->syscall[0] == '\0' && strstr(c->path, "/.bin/") != NULL)))
    return;
  k = fsd__guess(c, FSD_CAUSE_PERMISSION_DENIED, 0.7,
                 "{path} is run as a program: EACCES there is its missing "
                 "execute bit (a package published or unpacked without it, "
                 "a file checked out on Windows) or a mount with noexec.");
  if (k == NULL) return;
  fsd__var(&k->vars, "component", c->path);
  fsd__var(&k->vars, "bit", "x");
  fsd__var(&k->vars, "exec", "yes");
}
