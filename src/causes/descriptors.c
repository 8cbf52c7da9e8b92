/* Descriptors: too-many-open-files (EMFILE: this process's limit) and
 * file-table-full (ENFILE: the system's file table). EMFILE from a watcher
 * is watcher-limit's (watcher_limit.c). */

#include "causes/kit.h"

static const char *const fsd__emfile[] = {"EMFILE", NULL};
static const char *const fsd__enfile[] = {"ENFILE", NULL};

const fsd__want_t fsd__wants_too_many_open_files[] = {
    {FSD__PROBE_LIMITS, fsd__emfile, NULL, 0, NULL}, FSD__WANT_END};
const fsd__want_t fsd__wants_file_table_full[] = {
    {FSD__PROBE_LIMITS, fsd__enfile, NULL, 0, NULL}, FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_too_many_open_files[] = {
    {"posix", "bash", NULL, NULL,
     "This process may open {limit} files (hard limit {hardlimit}). Raise the "
     "soft limit for the shell that starts it.",
     {FSD__I("ulimit -Sn; ulimit -Hn"),
      FSD__C("newlimit", "ulimit -n {newlimit}"), FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, NULL,
     "To keep it, or to go past the hard limit, raise nofile in "
     "/etc/security/limits.conf (or LimitNOFILE in a systemd unit) and log "
     "in again.",
     {FSD__C_ROOT("wantlimit", "echo \"$(id -un) - nofile {wantlimit}\" | "
                               "sudo tee -a /etc/security/limits.conf"),
      FSD__CMDS_END}, 0},
    {"darwin", "bash", NULL, NULL, "Raise the launchd limit as well.",
     {FSD__C_ROOT("wantlimit",
                  "sudo launchctl limit maxfiles {wantlimit} unlimited"),
      FSD__CMDS_END}, 0},
    {"all", NULL, NULL, NULL,
     "Open fewer files at once: queue opens (graceful-fs, or fsdoctor.fs with "
     "maxOpen) and close descriptors you no longer need.",
     {FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_file_table_full[] = {
    {"linux", "bash", NULL, NULL,
     "The system-wide file table is full ({limit}). Find the process with "
     "the most descriptors, then raise fs.file-max if the load is real.",
     {FSD__I("cat /proc/sys/fs/file-nr"),
      FSD__I("for p in /proc/[0-9]*; do echo \"$(ls $p/fd 2>/dev/null | wc "
             "-l) ${p#/proc/}\"; done | sort -n | tail"),
      FSD__C_ROOT("newlimit", "sudo sysctl -w fs.file-max={newlimit}"),
      FSD__CMDS_END}, 0},
    {"darwin", "bash", NULL, NULL, "Raise the kernel's file limit.",
     {FSD__I("sysctl kern.maxfiles"),
      FSD__C_ROOT("newlimit", "sudo sysctl -w kern.maxfiles={newlimit}"),
      FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* Four times the soft limit, at least 10240, at most 1048576. */
static int64_t fsd__want_nofile(const fsd_limits_t *L) {
  int64_t nl = L->nofile_soft > 1048576 / 4 ? 1048576 : L->nofile_soft * 4;
  if (nl < 10240) nl = 10240;
  return nl;
}

/* What `ulimit -n` may be raised to without root: the wanted value, but no
 * more than the hard limit (< 0: unlimited); -1 when the soft limit is
 * already at the hard one (the command would fail or do nothing). */
static int64_t fsd__new_nofile(const fsd_limits_t *L) {
  int64_t nl = fsd__want_nofile(L);
  if (L->nofile_hard >= 0 && nl > L->nofile_hard) nl = L->nofile_hard;
  return nl > L->nofile_soft ? nl : -1;
}

void fsd__rule_too_many_open_files(fsd__ctx_t *c) {
  const fsd_limits_t *L = c->ev->limits;
  fsd__cand_t *k;
  if (!FSD__CODE("EMFILE")) return;
  if (fsd__watch_call(c->syscall) && L != NULL && L->inotify_max_watches > 0 &&
      L->inotify_watches_used >= L->inotify_max_watches)
    return; /* measured: the watcher limit */
  if (fsd__watch_call(c->syscall) && (L == NULL || L->nofile_soft <= 0)) {
    /* A watcher holds a descriptor per watched file on macOS (kqueue) and
     * on Windows; chokidar and webpack without fsevents do the same. */
    fsd__guess(c, FSD_CAUSE_TOO_MANY_OPEN_FILES,
               fsd__inotify_said(c) ? 0.6 : 0.8,
               "The watcher opened a descriptor for each watched file and "
               "the process reached its limit of open descriptors.");
    return;
  }
  if (L == NULL || L->nofile_soft <= 0) {
    /* A log that names inotify on Linux: its instances limit
     * (watcher_limit.c) first, descriptors second. */
    fsd__guess(c, FSD_CAUSE_TOO_MANY_OPEN_FILES,
               fsd__inotify_said(c) ? 0.6 : 0.9,
               "The process reached its limit of open file descriptors.");
    return;
  }
  k = fsd__add(c, FSD_CAUSE_TOO_MANY_OPEN_FILES, 0.95);
  if (k == NULL) return;
  fsd__ev_num(c, k, "nofileSoft", L->nofile_soft);
  fsd__ev_num(c, k, "nofileHard", L->nofile_hard);
  fsd__ev_num(c, k, "openFds", L->open_fds);
  fsd__var(&k->vars, "limit", fsd__i64(c->a, L->nofile_soft));
  fsd__var(&k->vars, "hardlimit",
           L->nofile_hard >= 0 ? fsd__i64(c->a, L->nofile_hard) : "unlimited");
  fsd__var(&k->vars, "newlimit", fsd__i64(c->a, fsd__new_nofile(L)));
  fsd__var(&k->vars, "wantlimit", fsd__i64(c->a, fsd__want_nofile(L)));
  if (L->open_fds >= 0)
    k->detail = fsd_printf(c->a,
                           "This process may open %lld descriptors "
                           "(hard limit %lld) and has %lld open.",
                           (long long)L->nofile_soft, (long long)L->nofile_hard,
                           (long long)L->open_fds);
  else /* counting them needs a descriptor too */
    k->detail =
        fsd_printf(c->a,
                   "This process may open %lld descriptors "
                   "(hard limit %lld), and all are in use.",
                   (long long)L->nofile_soft, (long long)L->nofile_hard);
}

void fsd__rule_file_table_full(fsd__ctx_t *c) {
  const fsd_limits_t *L = c->ev->limits;
  fsd__cand_t *k;
  if (!FSD__CODE("ENFILE")) return;
  if (L == NULL || L->file_max <= 0) {
    fsd__guess(c, FSD_CAUSE_FILE_TABLE_FULL, 0.9,
               "The system-wide table of open files is full.");
    return;
  }
  k = fsd__add(c, FSD_CAUSE_FILE_TABLE_FULL, 0.95);
  if (k == NULL) return;
  fsd__ev_num(c, k, "fileNr", L->file_nr);
  fsd__ev_num(c, k, "fileMax", L->file_max);
  fsd__var(&k->vars, "limit", fsd__i64(c->a, L->file_max));
  /* Linux's default is LONG_MAX ("no limit"): doubling overflows, and
   * there is nothing to raise. */
  if (L->file_max < ((int64_t)1 << 40))
    fsd__var(&k->vars, "newlimit", fsd__i64(c->a, L->file_max * 2));
  k->detail = fsd_printf(c->a,
                         "%lld of %lld system-wide file handles are "
                         "in use.",
                         (long long)L->file_nr, (long long)L->file_max);
}
