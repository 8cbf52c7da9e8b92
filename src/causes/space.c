/* Space: disk-full (no free blocks), inodes-exhausted (free blocks but no
 * free inodes) and quota-exceeded (EDQUOT, or ENOSPC on a filesystem with
 * room). Measured where the write went: the destination of a copy, else
 * the path, else (write() names no path) the working directory. */

#include "causes/kit.h"

static const char *const fsd__enospc[] = {"ENOSPC", NULL};
static const char *const fsd__edquot[] = {"EDQUOT", NULL};

#define FSD__SPACE_PROBES \
  (FSD__PROBE_FS | FSD__PROBE_CWD_FS | FSD__PROBE_DEST_FS)

const fsd__want_t fsd__wants_disk_full[] = {
    {FSD__SPACE_PROBES, fsd__enospc, NULL, 0, NULL}, FSD__WANT_END};
const fsd__want_t fsd__wants_inodes_exhausted[] = {
    {FSD__SPACE_PROBES, fsd__enospc, NULL, 0, NULL}, FSD__WANT_END};
const fsd__want_t fsd__wants_quota_exceeded[] = {
    {FSD__SPACE_PROBES, fsd__edquot, NULL, 0, NULL},
    {FSD__SPACE_PROBES, fsd__enospc, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_disk_full[] = {
    {"posix", "bash", NULL, NULL,
     "[[{mount} has|The disk has]] no free space. See what uses it and free some.",
     {FSD__I("df -h -- {mount}"),
      FSD__I("du -xh --max-depth=1 -- {mount} 2>/dev/null | sort -h | tail"),
      FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, NULL,
     "The drive is full. Free space (Disk Cleanup).",
     {FSD__I("Get-PSDrive -PSProvider FileSystem"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx", "npm's cache is often large: clear it.",
     {FSD__D("cache", "npm cache clean --force"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_inodes_exhausted[] = {
    {"posix", "bash", NULL, NULL,
     "[[{mount} has|The filesystem has]] free space but no free inodes: too many small files. Find "
     "the directories with the most entries and remove some.",
     {FSD__I("df -i -- {mount}"),
      FSD__I("du --inodes -x -- {mount} 2>/dev/null | sort -n | tail"),
      FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx", "npm's cache holds many small files: clear it.",
     {FSD__D("cache", "npm cache clean --force"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_quota_exceeded[] = {
    {"posix", "bash", NULL, NULL,
     "Your disk quota[[ on {mount}]] is used up. Free space you own or ask for a "
     "larger quota.",
     {FSD__I("quota -s"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, NULL, "Your disk quota is used up.",
     {FSD__I("fsutil quota query {mount}"), FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx", "npm's cache counts against it: clear it.",
     {FSD__D("cache", "npm cache clean --force"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

typedef struct {
  const fsd_fsinfo_t *f;
  int64_t left; /* bytes this user may still write */
  int full, noinodes;
} fsd__room_t;

/* ENOSPC from anything but a watcher, with the room measured: 1; ENOSPC
 * with the room unknown: 0 (r->f NULL); not ENOSPC: -1. */
static int fsd__room(fsd__ctx_t *c, fsd__room_t *r) {
  const fsd_fsinfo_t *f = fsd__written_fs(c);
  int64_t thr = 1 << 20;
  r->f = f;
  r->left = 0;
  r->full = r->noinodes = 0;
  if (!FSD__CODE("ENOSPC") || FSD__SYS("watch")) return -1;
  if (f == NULL) return 0;
  r->left = f->avail_bytes >= 0 ? f->avail_bytes : f->free_bytes;
  /* "Full" is within 1% (at most 1 MiB, at least two blocks) of empty. */
  if (f->total_bytes > 0 && f->total_bytes / 100 < thr)
    thr = f->total_bytes / 100;
  if (f->block_size > 0 && thr < f->block_size * 2) thr = f->block_size * 2;
  r->full = r->left <= thr;
  r->noinodes = f->total_inodes > 0 && f->free_inodes == 0;
  return 1;
}

static const char *fsd__mount(const fsd_fsinfo_t *f) {
  return f->mount_point ? f->mount_point : "The filesystem";
}

static void fsd__bytes_ev(fsd__ctx_t *c, fsd__cand_t *k, const fsd__room_t *r) {
  fsd_set_str(c->a, k->evidence, "mountPoint", r->f->mount_point);
  fsd__ev_num(c, k, "freeBytes", r->f->free_bytes);
  fsd__ev_num(c, k, "availBytes", r->f->avail_bytes);
  fsd__ev_num(c, k, "totalBytes", r->f->total_bytes);
}

void fsd__rule_disk_full(fsd__ctx_t *c) {
  fsd__room_t r;
  fsd__cand_t *k;
  int m = fsd__room(c, &r), df = m == 0 ? fsd__df_said(c) : 0;
  if (!c->live && FSD__CODE("ENOENT") && fsd__said(c, "no usable temporary directory")) {
    /* Python's tempfile writes a test file in each candidate (TMPDIR,
     * /tmp, /var/tmp ..., the working directory) and names none that
     * failed: a full disk fails them all, or none is writable */
    fsd__guess(c, FSD_CAUSE_DISK_FULL, 0.7,
               "Python could create a file in none of its temporary "
               "directories (TMPDIR, TEMP or TMP, the system's temporary folders, "
               "the working directory): most often the disk holding them is "
               "full; else none is writable by this user.");
    return;
  }
  if (m == 0 && FSD__CODE("ENOSPC") && fsd__said_word(c, "btrfs")) {
    /* btrfs allocates space for data and metadata in chunks: with every
     * chunk allocated, metadata cannot grow while df still shows room */
    fsd__guess(c, FSD_CAUSE_DISK_FULL, 0.8,
               "The log names btrfs, which can run out of metadata space "
               "while df still shows free space (all its chunks "
               "allocated): `btrfs filesystem usage` on the mount shows "
               "it, and a balance of the emptiest data chunks frees room.");
    return;
  }
  if (df == 'b')
    fsd__guess(c, FSD_CAUSE_DISK_FULL, 0.85,
               "The df output in the log shows a filesystem with no space "
               "left (Use% 100).");
  else if (df == 'n')
    fsd__guess(c, FSD_CAUSE_DISK_FULL, 0.75,
               "The df output in the log shows a filesystem at 95% or more: "
               "what the command was writing filled the rest, and its "
               "partial files were removed when it failed.");
  else if (m == 0)
    fsd__guess(c, FSD_CAUSE_DISK_FULL,
               df == 'i' || df == 'I' || df == 'r' ? 0.3 : 0.6,
               "The filesystem holding {path} ran out of "
               "space.");
  if (m != 1 || (!r.full && r.noinodes)) return;
  /* Room now does not mean room then: a failed copy or extraction removes
   * its partial file. The small filesystem is still the most likely
   * culprit; a quota comes next. */
  k = fsd__add(c, FSD_CAUSE_DISK_FULL, r.full ? 0.95 : 0.55);
  if (k == NULL) return;
  fsd__bytes_ev(c, k, &r);
  if (r.full)
    k->detail =
        fsd_printf(c->a, "%s has %lld bytes free of %lld.", fsd__mount(r.f),
                   (long long)r.left, (long long)r.f->total_bytes);
  else
    k->detail = fsd_printf(c->a,
                           "%s has %lld of %lld bytes free now; the "
                           "write needed more than that, or the space was "
                           "freed again when the failed write was cleaned up.",
                           fsd__mount(r.f), (long long)r.left,
                           (long long)r.f->total_bytes);
}

void fsd__rule_inodes_exhausted(fsd__ctx_t *c) {
  fsd__room_t r;
  fsd__cand_t *k;
  int m = fsd__room(c, &r), df = m == 0 ? fsd__df_said(c) : 0;
  if (df == 'i')
    fsd__guess(c, FSD_CAUSE_INODES_EXHAUSTED, 0.85,
               "The df -i output in the log shows a filesystem with no free "
               "inodes (IUse% 100).");
  else if (df == 'I')
    fsd__guess(c, FSD_CAUSE_INODES_EXHAUSTED, 0.8,
               "The log itself says the filesystem is running out of "
               "inodes, not of space.");
  else if (m == 0 && !c->win)
    /* NTFS and FAT have no inode table to exhaust */
    fsd__guess(c, FSD_CAUSE_INODES_EXHAUSTED, 0.35,
               "Or it ran out of inodes (many "
               "small files).");
  if (m != 1 || !r.noinodes) return;
  k = fsd__add(c, FSD_CAUSE_INODES_EXHAUSTED, r.full ? 0.9 : 0.96);
  if (k == NULL) return;
  fsd_set_str(c->a, k->evidence, "mountPoint", r.f->mount_point);
  fsd__ev_num(c, k, "freeInodes", r.f->free_inodes);
  fsd__ev_num(c, k, "totalInodes", r.f->total_inodes);
  fsd__ev_num(c, k, "freeBytes", r.f->free_bytes);
  k->detail = fsd_printf(c->a,
                         "%s has no free inodes (all %lld used) "
                         "though %lld bytes are free.",
                         fsd__mount(r.f), (long long)r.f->total_inodes,
                         (long long)r.f->free_bytes);
}

void fsd__rule_quota_exceeded(fsd__ctx_t *c) {
  const fsd_fsinfo_t *f = c->ev->dest_fs ? c->ev->dest_fs : c->ev->fs;
  fsd__room_t r;
  fsd__cand_t *k;
  if (FSD__CODE("EDQUOT")) {
    k = fsd__add(c, FSD_CAUSE_QUOTA_EXCEEDED, 0.92);
    if (k == NULL) return;
    if (f) fsd_set_str(c->a, k->evidence, "mountPoint", f->mount_point);
    fsd__detail(c, k, "Your disk quota[[ on {mount}]] is used up.");
    return;
  }
  if (fsd__room(c, &r) == 1 && !r.full && !r.noinodes)
    fsd__guess(c, FSD_CAUSE_QUOTA_EXCEEDED, 0.35,
               "A disk quota can refuse writes while the filesystem has room.");
}
