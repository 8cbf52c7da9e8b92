/* The usual causes of each code, for a text-only diagnosis whose rules
 * left room: a paste often tells too little to choose (a bare "EPERM,
 * operation not permitted" on Windows is a lock, the read-only attribute
 * or an ACL), so the answer lists the likeliest ones, marked as the
 * code's usual causes rather than anything the text showed, below every
 * rule's guess. Ordered by how often each is the cause in reports. */

#include "causes/kit.h"

#include <string.h>

#define FSD__PRIOR_MAX 3

static const struct {
  const char *code;
  int win; /* 1: Windows only, 0: POSIX only, -1: any */
  fsd_cause_id_t causes[FSD__PRIOR_MAX];
  size_t n;
} fsd__prior_table[] = {
    {"EPERM", 1, {FSD_CAUSE_FILE_LOCKED, FSD_CAUSE_READONLY_ATTRIBUTE,
                  FSD_CAUSE_PERMISSION_DENIED}, 3},
    {"EPERM", 0, {FSD_CAUSE_PERMISSION_DENIED, FSD_CAUSE_WRONG_OWNER,
                  FSD_CAUSE_IMMUTABLE_FILE}, 3},
    {"EACCES", 1, {FSD_CAUSE_FILE_LOCKED, FSD_CAUSE_PERMISSION_DENIED,
                   FSD_CAUSE_READONLY_ATTRIBUTE}, 3},
    {"EACCES", 0, {FSD_CAUSE_PERMISSION_DENIED, FSD_CAUSE_WRONG_OWNER}, 2},
    {"EBUSY", 0, {FSD_CAUSE_FILE_LOCKED, FSD_CAUSE_MOUNT_POINT_BUSY}, 2},
    /* Windows' EBUSY is a sharing violation, never a mount */
    {"EBUSY", 1, {FSD_CAUSE_FILE_LOCKED}, 1},
    /* Windows' 260-character limit turns up as ENOENT more often than a
     * dangling link does there. */
    {"ENOENT", 1, {FSD_CAUSE_MISSING_PATH, FSD_CAUSE_PATH_TOO_LONG,
                   FSD_CAUSE_BROKEN_SYMLINK}, 3},
    {"ENOENT", 0, {FSD_CAUSE_MISSING_PATH, FSD_CAUSE_BROKEN_SYMLINK}, 2},
    {"EEXIST", -1, {FSD_CAUSE_NAME_TAKEN, FSD_CAUSE_WRONG_FILE_TYPE,
                   FSD_CAUSE_INSTALL_LEFTOVER}, 3},
    {"ENOTEMPTY", 1, {FSD_CAUSE_DIR_NOT_EMPTY, FSD_CAUSE_FILE_LOCKED,
                      FSD_CAUSE_INSTALL_LEFTOVER}, 3},
    {"ENOTEMPTY", 0, {FSD_CAUSE_DIR_NOT_EMPTY, FSD_CAUSE_INSTALL_LEFTOVER}, 2},
    {"ENOTDIR", -1, {FSD_CAUSE_WRONG_FILE_TYPE}, 1},
    {"EISDIR", -1, {FSD_CAUSE_WRONG_FILE_TYPE}, 1},
    {"ENOSPC", 0, {FSD_CAUSE_DISK_FULL, FSD_CAUSE_INODES_EXHAUSTED,
                   FSD_CAUSE_WATCHER_LIMIT}, 3},
    {"ENOSPC", 1, {FSD_CAUSE_DISK_FULL}, 1},
    {"EMFILE", 0, {FSD_CAUSE_TOO_MANY_OPEN_FILES, FSD_CAUSE_WATCHER_LIMIT}, 2},
    {"EMFILE", 1, {FSD_CAUSE_TOO_MANY_OPEN_FILES}, 1},
    {"ENFILE", -1, {FSD_CAUSE_FILE_TABLE_FULL,
                    FSD_CAUSE_TOO_MANY_OPEN_FILES}, 2},
    {"ENAMETOOLONG", -1, {FSD_CAUSE_PATH_TOO_LONG, FSD_CAUSE_COPY_INTO_ITSELF,
                          FSD_CAUSE_SYMLINK_LOOP}, 3},
    {"ELOOP", -1, {FSD_CAUSE_SYMLINK_LOOP}, 1},
    {"EROFS", -1, {FSD_CAUSE_READ_ONLY_FS}, 1},
    {"EXDEV", -1, {FSD_CAUSE_CROSS_DEVICE}, 1},
    {"ETXTBSY", -1, {FSD_CAUSE_TEXT_FILE_BUSY}, 1},
    {"EMLINK", -1, {FSD_CAUSE_HARD_LINK_LIMIT, FSD_CAUSE_SUBDIRECTORY_LIMIT},
     2},
    {"EDQUOT", -1, {FSD_CAUSE_QUOTA_EXCEEDED}, 1},
    {"E2BIG", -1, {FSD_CAUSE_COMMAND_TOO_LONG}, 1},
    {NULL, 0, {FSD_CAUSE_UNKNOWN}, 0}};

static int fsd__proposed(const fsd__ctx_t *c, fsd_cause_id_t id) {
  size_t i;
  for (i = 0; i < c->ncands; i++)
    if (c->cands[i].cause == id) return 1;
  return 0;
}

void fsd__priors(fsd__ctx_t *c) {
  size_t i, j, room = 0;
  int added = 0;
  if (c->live) return;
  for (j = 0; j < c->ncands; j++)
    if (c->cands[j].cause != FSD_CAUSE_UNKNOWN) room++;
  if (room >= FSD__PRIOR_MAX) return;
  for (i = 0; fsd__prior_table[i].code != NULL; i++) {
    if (!fsd__is(c->code, fsd__prior_table[i].code) ||
        (fsd__prior_table[i].win >= 0 && fsd__prior_table[i].win != c->win))
      continue;
    for (j = 0; j < fsd__prior_table[i].n && room < FSD__PRIOR_MAX; j++) {
      fsd_cause_id_t id = fsd__prior_table[i].causes[j];
      fsd__cand_t *k;
      if (fsd__proposed(c, id)) continue;
      /* Windows' path limit only where the path is unknown, relative
       * (its full length unseen), climbs with "..", or is near 260 */
      if (id == FSD_CAUSE_PATH_TOO_LONG && c->path != NULL && strlen(c->path) < 200 &&
          ((c->path[0] != '\0' && c->path[1] == ':') || c->path[0] == '\\' ||
           c->path[0] == '/') &&
          strstr(c->path, "..") == NULL)
        continue;
      /* Each a little below the one before: the table's order shows. */
      k = fsd__guess(c, id, 0.2 - 0.01 * (double)j,
                     "Nothing in the text points to this or rules it out: "
                     "it is one of the usual causes of {code}.");
      if (k == NULL) continue;
      fsd_set_bool(c->a, k->evidence, "usualCause", 1);
      k->usual = 1;
      room++;
      added = 1;
    }
  }
  /* With usual causes to offer, "nothing matched" is no answer (an unknown
   * a rule found, such as a tool's own call, stays). */
  if (!added) return;
  for (j = 0; j < c->ncands; j++)
    if (c->cands[j].cause == FSD_CAUSE_UNKNOWN && c->cands[j].confidence < 0.5) {
      memmove(&c->cands[j], &c->cands[j + 1],
              (c->ncands - j - 1) * sizeof(c->cands[0]));
      c->ncands--;
      break;
    }
}
