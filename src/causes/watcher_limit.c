/* watcher-limit: fs.watch ran out of inotify watches (ENOSPC) or instances
 * (EMFILE): fs.inotify.max_user_watches / max_user_instances. */

#include "causes/kit.h"

static const char *const fsd__codes[] = {"ENOSPC", "EMFILE", NULL};
static const char *const fsd__enospc[] = {"ENOSPC", NULL};
static const char *const fsd__watch[] = {"watch", NULL};

/* Limits for any error of watch(); the filesystem for ENOSPC, because a
 * filesystem with room left points at the watches. */
const fsd__want_t fsd__wants_watcher_limit[] = {
    {FSD__PROBE_LIMITS, fsd__codes, NULL, 0, NULL},
    {FSD__PROBE_LIMITS, NULL, fsd__watch, 0, NULL},
    {FSD__PROBE_FS | FSD__PROBE_CWD_FS | FSD__PROBE_DEST_FS, fsd__enospc, NULL,
     0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_watcher_limit[] = {
    {"linux", "bash", NULL, NULL,
     "The inotify limit {sysctlkey} is {limit}, and the failed call ran "
     "into it. Raise it now and keep it across reboots.",
     {FSD__I("sysctl fs.inotify.max_user_watches fs.inotify.max_user_instances"),
      FSD__C_ROOT("newlimit", "sudo sysctl -w {sysctlkey}={newlimit}"),
      FSD__C_ROOT("newlimit", "echo {sysctlkey}={newlimit} | sudo tee -a "
                              "/etc/sysctl.d/60-inotify.conf"),
      FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "npmctx",
     "Watch less: exclude node_modules and build output from watchers "
     "(files.watcherExclude in editors, ignored in chokidar/webpack).",
     {FSD__CMDS_END}, 0},
    {"all", NULL, NULL, "!npmctx",
     "Watch less: exclude dependency, cache and build output folders from "
     "the watcher's settings.",
     {FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

static void fsd__watch_limits_ev(fsd__ctx_t *c, const fsd_limits_t *L) {
  /* Which one ran out: measured when the counts are, else by the code
   * (inotify_init's EMFILE is instances, inotify_add_watch's ENOSPC
   * watches). */
  int full_w = L->inotify_watches_used >= 0 &&
               L->inotify_watches_used >= L->inotify_max_watches;
  int full_i = L->inotify_instances_used >= 0 &&
               L->inotify_max_instances > 0 &&
               L->inotify_instances_used >= L->inotify_max_instances;
  int inst = full_i && !full_w ? 1 : full_w && !full_i ? 0 : FSD__CODE("EMFILE");
  int64_t max = inst ? L->inotify_max_instances : L->inotify_max_watches;
  int64_t floor = inst ? 1024 : 524288;
  /* Counts measured below the limit: the watcher that failed has let its
   * watches go (or failed elsewhere). The call and code still name the
   * limit, but that it is used up was not measured here. */
  int64_t used = inst ? L->inotify_instances_used : L->inotify_watches_used;
  int seen_full = inst ? full_i : full_w;
  fsd__cand_t *k = fsd__add(c, FSD_CAUSE_WATCHER_LIMIT,
                            seen_full || used < 0 ? 0.96 : 0.89);
  if (k == NULL) return;
  fsd__ev_num(c, k, "maxWatches", L->inotify_max_watches);
  fsd__ev_num(c, k, "watchesUsed", L->inotify_watches_used);
  fsd__ev_num(c, k, "maxInstances", L->inotify_max_instances);
  fsd__ev_num(c, k, "instancesUsed", L->inotify_instances_used);
  fsd__var(&k->vars, "limit", fsd__i64(c->a, max));
  fsd__var(&k->vars, "sysctlkey", inst ? "fs.inotify.max_user_instances"
                                       : "fs.inotify.max_user_watches");
  if (max >= 0 && max < ((int64_t)1 << 30))
    fsd__var(&k->vars, "newlimit",
             fsd__i64(c->a, max < floor ? floor : max * 2));
  k->detail = fsd_printf(
      c->a,
      seen_full || used < 0
          ? "inotify %s: %lld of %lld in use for this user."
          : "inotify %s: %lld of %lld in use for this user now (the "
            "watcher that failed has let its watches go, or ran on another "
            "machine); its call's error is this limit.",
      inst ? "instances" : "watches", (long long)used, (long long)max);
}

void fsd__rule_watcher_limit(fsd__ctx_t *c) {
  const fsd_limits_t *L = c->ev->limits;
  int used_up = L != NULL && L->inotify_max_watches > 0 &&
                L->inotify_watches_used >= L->inotify_max_watches;
  if ((FSD__CODE("ENOSPC") || FSD__CODE("EMFILE")) &&
      (fsd__watch_call(c->syscall) || used_up)) {
    if (L != NULL && L->inotify_max_watches > 0)
      fsd__watch_limits_ev(c, L);
    else if (FSD__CODE("ENOSPC"))
      fsd__guess(c, FSD_CAUSE_WATCHER_LIMIT, 0.9,
                 "fs.watch ran out of inotify watches "
                 "(fs.inotify.max_user_watches).");
    else if (!fsd__is(c->platform, "darwin") && !c->win)
      /* EMFILE from a watcher: inotify instances on Linux, but more often
       * the descriptors a watcher holds (too-many-open-files). */
      fsd__guess(c, FSD_CAUSE_WATCHER_LIMIT,
                 fsd__inotify_said(c) ? 0.88 : fsd__said_linux(c) ? 0.82 : 0.75,
                 "On Linux, fs.watch reports EMFILE when the inotify "
                 "instances (fs.inotify.max_user_instances) are used up.");
  }
  /* EMFILE whose own words name inotify ("Failed to initialize inotify",
   * inotify_init): the instances limit, not descriptors. */
  if (FSD__CODE("EMFILE") && !fsd__watch_call(c->syscall) &&
      fsd__inotify_said(c))
    fsd__guess(c, FSD_CAUSE_WATCHER_LIMIT, 0.88,
               "The error names inotify: creating an inotify instance fails "
               "with EMFILE when fs.inotify.max_user_instances is used up.");
  /* ENOSPC with no call named, in a log that says a watcher was at work
   * (a dev server, jest --watch, nodemon, chokidar). */
  if (FSD__CODE("ENOSPC") && c->syscall[0] == '\0' && !c->live &&
      !fsd__is(c->platform, "darwin") && !c->win &&
      (fsd__said(c, "inotify") || fsd__said(c, "chokidar") ||
       fsd__said(c, "watchpack") || fsd__said(c, "watcher") ||
       fsd__said(c, "watchdog") || fsd__said(c, "watchman") ||
       fsd__said(c, "--watch") || fsd__said(c, "nodemon") ||
       /* "Error: watch", "watching src", a log followed (kubectl logs -f,
        * tail -f: inotify on the file) */
       fsd__said_word(c, "watch") || fsd__said_word(c, "watching") ||
       fsd__said(c, "logs -f") || fsd__said(c, "tail -f") ||
       (fsd__df_said(c) == 'r' && !fsd__said_word(c, "btrfs"))))
    fsd__guess(c, FSD_CAUSE_WATCHER_LIMIT, 0.7,
               "The log shows a file watcher at work; on Linux a watcher "
               "that runs out of inotify watches reports ENOSPC.");
  /* ENOSPC from another call, with the filesystem's room unknown. */
  if (FSD__CODE("ENOSPC") && !FSD__SYS("watch") && fsd__written_fs(c) == NULL &&
      !c->win)
    fsd__guess(c, FSD_CAUSE_WATCHER_LIMIT, 0.25,
               "On Linux, file watchers report an "
               "exhausted inotify limit as ENOSPC too.");
}
