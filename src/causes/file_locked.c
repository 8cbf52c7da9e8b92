/* file-locked: another process holds the file or directory open. On
 * Windows an open handle that does not share makes unlink, rename and open
 * fail with EPERM, EACCES or EBUSY; on POSIX only EBUSY and EAGAIN come from
 * it (a busy device or a lock). */

#include "causes/kit.h"

#include <ctype.h>
#include <string.h>

static const char *const fsd__locky[] = {"EBUSY", "EPERM", "EACCES", "EAGAIN",
                                         NULL};
static const char *const fsd__busy[] = {"EBUSY", "EAGAIN", NULL};
static const char *const fsd__denial[] = {"EPERM", "EACCES", NULL};
static const char *const fsd__folded[] = {"EPERM", "EBUSY", "EACCES", NULL};

/* The holder scan is slow; for EPERM/EACCES it can only change the answer
 * on Windows. libuv folds a sharing violation into EPERM or EBUSY: the
 * Win32 code tells them apart. */
const fsd__want_t fsd__wants_file_locked[] = {
    {FSD__PROBE_HOLDERS, fsd__busy, NULL, 0, NULL},
    {FSD__PROBE_HOLDERS, fsd__denial, NULL, FSD__WANT_WIN32, NULL},
    {FSD__PROBE_WIN32, fsd__folded, NULL, 0, NULL},
    FSD__WANT_END};

/* clang-format off */
const fsd__fix_t fsd__fixes_file_locked[] = {
    {"posix", "bash", NULL, "pid",
     "{name} (pid {pid}) has it open. Let it finish, or end it and run the "
     "command again.",
     {FSD__I("ps -o pid,user,args -p {pid}"), FSD__K("pid", "kill {pid}"),
      FSD__CMDS_END}, 0},
    /* a lock held while its process works (apt, dpkg, an updater):
     * ending it mid-way can leave packages half-installed */
    {"posix", "bash", NULL, "heldlock",
     "The process that holds the lock is at work: let it finish, then run "
     "the command again. Ending a package manager mid-way can leave its "
     "packages half-installed.",
     {FSD__I("ps -o pid,user,etime,args -p {heldlock}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "lockfile,!heldlock",
     "A process holds the lock while it works: see which, let it finish, "
     "then run the command again. Ending a package manager mid-way can "
     "leave its packages half-installed.",
     {FSD__I("lsof -- {lockfile}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!pid,!heldlock,!lockfile",
     "Find the process that has it open and end it, then run the command "
     "again.",
     {FSD__I("lsof -- {path}"), FSD__CMDS_END}, 0},
    /* Web Deploy's own: the running app holds its DLLs */
    {"win32", NULL, NULL, "webdeploy",
     "The web app itself holds its files while it runs: take it offline "
     "while deploying (Web Deploy's AppOffline rule, an app_offline.htm, "
     "Visual Studio's \"Take App Offline\"), or stop its app pool or "
     "service first.",
     {FSD__CMDS_END}, 0},
    {"win32", NULL, NULL, "!npmctx,!webdeploy",
     "Find the program that has it open: Resource Monitor (resmon.exe), "
     "CPU tab, Associated Handles, search for the file's name. Close that "
     "program (an editor, a running copy of the program, a shell whose "
     "folder is inside, an antivirus scan), then run the command again.",
     {FSD__CMDS_END}, 0},
    {"all", NULL, "editor", "npmctx",
     "Close the editor that has it open, or stop it watching dependencies: "
     "add "
     "\"**/node_modules/**\": true under files.watcherExclude in the "
     "editor settings (.vscode/settings.json).",
     {FSD__CMDS_END}, 0},
    {"win32", "powershell", "node", "pid",
     "End the leftover node process (pid {pid}).",
     {FSD__K("pid", "Stop-Process -Id {pid} -Force"), FSD__CMDS_END}, 0},
    {"win32", "cmd", "node", "pid", "End the leftover node process (pid {pid}).",
     {FSD__K("pid", "taskkill /PID {pid} /F"), FSD__CMDS_END}, 0},
    {"win32", "powershell", "node", "!pid",
     "Look for node and npm processes left over from an earlier run, and end "
     "the ones you know are leftovers.",
     {FSD__I("Get-Process node, npm -ErrorAction SilentlyContinue"),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", "node", "!pid",
     "Look for node and npm processes left over from an earlier run, and end "
     "the ones you know are leftovers.",
     {FSD__I("tasklist /fi \"imagename eq node.exe\""), FSD__CMDS_END}, 0},
    {"win32", "powershell", "antivirus", "npmctx",
     "Exclude the project and npm's cache from Defender real-time scanning "
     "(PowerShell as administrator); scanners open each new file, which "
     "blocks npm's renames.",
     {FSD__W("project", "Add-MpPreference -ExclusionPath {project}"),
      FSD__W("cache", "Add-MpPreference -ExclusionPath {cache}"),
      FSD__CMDS_END}, 0},
    {"win32", "powershell", "other", "pid",
     "End the process that holds the file (pid {pid}), once its work is saved.",
     {FSD__K("pid", "Stop-Process -Id {pid}"), FSD__CMDS_END}, 0},
    {"win32", NULL, NULL, "npmctx",
     "Delete node_modules with a remover that retries on locked files, then "
     "install again.",
     {FSD__D("nodeModules", "npx rimraf {nodeModules}"),
      FSD__REINSTALL_CMD("npm install --prefix {project}"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* Windows itself says another handle refuses to share the file: a lock is
 * measured even where no mechanism could name its holder. */
static void fsd__sharing_violation(fsd__ctx_t *c) {
  fsd__cand_t *k = fsd__add(c, FSD_CAUSE_FILE_LOCKED, 0.9);
  if (k == NULL) return;
  fsd_set_num(c->a, k->evidence, "win32Error", (double)c->ev->win32_error);
  fsd_set_str(c->a, k->evidence, "win32ErrorName", c->ev->win32_error_name);
  fsd_set(k->evidence, "holders", fsd_arr(c->a));
  if (c->ev->holders != NULL && c->ev->holders->note != NULL)
    fsd_set_str(c->a, k->evidence, "note", c->ev->holders->note);
  k->detail = fsd_printf(
      c->a,
      "Windows reports %s: another process has it open without sharing; "
      "the holder could not be identified.",
      c->ev->win32_error_name ? c->ev->win32_error_name
                              : "a sharing violation");
}

/* The error's own line says a rename ("$ mv a b ... Permission denied")
 * or another program at the folder; not a word elsewhere in the log. */
static int fsd__renamed_here(fsd__ctx_t *c) {
  static const char *const words[] = {" mv ", "rename", "another program",
                                      "another process", NULL};
  const char *m = c->err->message;
  size_t i;
  if (m == NULL) return 0;
  for (i = 0; words[i] != NULL; i++)
    if (fsd__has(m, words[i])) return 1;
  return 0;
}

/* A lock file's name: "lock", "lock-frontend", "db.lock", "x_lock" (the
 * word "lock" whole in the last component, not "blockchain" or "clock") */
static int fsd__lock_name(const char *p) {
  const char *b, *s;
  if (p == NULL) return 0;
  for (b = s = p; *s; s++)
    if (*s == '/' || *s == '\\') b = s + 1;
  for (s = b; *s; s++)
    if (tolower((unsigned char)s[0]) == 'l' && tolower((unsigned char)s[1]) == 'o' &&
        tolower((unsigned char)s[2]) == 'c' && tolower((unsigned char)s[3]) == 'k' &&
        (s == b || strchr("._-", s[-1]) != NULL) &&
        (s[4] == '\0' || strchr("._-", s[4]) != NULL) &&
        strchr(s + 4, '.') == NULL) /* "package-lock.json" is a manifest */
      return 1;
  return 0;
}

/* "It is held by process 2448 (unattended-upgr)", as apt words it: the
 * holder as "unattended-upgr (pid 2448)", or NULL. */
static size_t fsd__held_at(const char *t, size_t n, size_t from) {
  size_t at;
  for (at = from; at + 16 <= n && memcmp(t + at, "held by process ", 16) != 0;
       at++)
    ;
  return at + 16 <= n ? at : n;
}

static const char *fsd__held_by(fsd__ctx_t *c) {
  const char *t = c->err->message, *s, *e, *p;
  size_t n = t != NULL ? strlen(t) : 0, at = t != NULL ? fsd__held_at(t, n, 0) : 0;
  if (t == NULL || at >= n) {
    /* the log's: only where it names one holder */
    t = c->err->text;
    n = c->err->text_len;
    if (t == NULL || (at = fsd__held_at(t, n, 0)) >= n ||
        fsd__held_at(t, n, at + 16) < n)
      return NULL;
  }
  s = t + at + 16;
  for (e = s; e < t + n && *e >= '0' && *e <= '9'; e++)
    ;
  if (e == s || e + 2 >= t + n || e[0] != ' ' || e[1] != '(') return NULL;
  for (p = e + 2; p < t + n && *p != ')' && *p != '\n'; p++)
    ;
  if (p >= t + n || *p != ')' || p == e + 2) return NULL;
  return fsd_printf(c->a, "%.*s (pid %.*s)", (int)(p - e - 2), e + 2,
                    (int)(e - s), s);
}

void fsd__rule_file_locked(fsd__ctx_t *c) {
  fsd__cand_t *k;
  size_t n = fsd__nholders(c, NULL);
  /* a serial port another program holds (ModemManager, brltty, a serial
   * monitor): EBUSY on the device, no mount in sight */
  if (!c->live && c->posix && FSD__CODE("EBUSY") && c->path != NULL &&
      strncmp(c->path, "/dev/tty", 8) == 0 && c->path[8] != '\0') {
    fsd__guess(c, FSD_CAUSE_FILE_LOCKED, 0.75,
               "{path} is a serial port another program holds open "
               "(ModemManager probing a new device, brltty, another serial "
               "monitor or flashing tool); only one may use it.");
    return;
  }
  /* Windows keeps a deleted file until its last handle closes: a remover
   * that emptied a directory then meets ENOTEMPTY on rmdir while another
   * process (a dev tool, an editor, an antivirus) holds a file in it. */
  if (c->win && !c->live && FSD__CODE("ENOTEMPTY") &&
      (FSD__SYS("rmdir") || FSD__SYS("rm") || c->syscall[0] == '\0')) {
    fsd__guess(c, FSD_CAUSE_FILE_LOCKED, 0.8,
               "On Windows a file deleted while another process holds it "
               "open stays until that process lets go, so {path} is not "
               "empty yet.");
    return;
  }
  /* ERROR_VIRUS_INFECTED (225): an antivirus refused the file, the way it
   * holds a fresh build output while it scans */
  if (c->win && FSD__CODE("UNKNOWN") && fsd__said(c, "contains a virus")) {
    k = fsd__guess(c, FSD_CAUSE_FILE_LOCKED, 0.85,
                   "Windows says an antivirus (Defender or another) found "
                   "{path} infected or unwanted and blocked it; a fresh "
                   "build output is often a false positive.");
    if (k != NULL) {
      k->kinds[0] = "antivirus";
      k->kinds_known = 1;
    }
    return;
  }
  /* NFS keeps a removed file that a process still has open as
   * ".nfsXXXX" (silly rename): removing that, or its folder, is EBUSY
   * until the process closes it */
  if (FSD__CODE("EBUSY") && !c->live && c->path != NULL && fsd__nfs_silly(c->path)) {
    fsd__guess(c, FSD_CAUSE_FILE_LOCKED, 0.85,
               "{path} is a file NFS keeps for a process that still has it "
               "open after it was removed: it goes away when that process "
               "(still running in the background) closes it.");
    return;
  }
  if (!fsd__one_of(c->code, fsd__locky)) return;
  if (n > 0) {
    /* On POSIX an open file does not make unlink or rename fail, so a holder
     * explains EPERM/EACCES only on Windows; EBUSY everywhere. */
    double conf =
        (c->win || FSD__CODE("EBUSY") || FSD__CODE("EAGAIN")) ? 0.95 : 0.35;
    k = fsd__add(c, FSD_CAUSE_FILE_LOCKED, conf);
    if (k == NULL) return;
    fsd__holders_ev(c, k, NULL);
    fsd__detail(
        c, k,
        n == 1 ? "{name} (pid {pid}) holds {target} open."
               : "{name} (pid {pid}) and others hold files under {path} open.");
    return;
  }
  /* WSL (its first version above all) refuses to rename a directory that
   * some process, often an editor's watcher, has open: EACCES, not EBUSY. */
  if (fsd__is(c->platform, "wsl") && !FSD__CODE("EBUSY") &&
      (FSD__SYS("rename") || FSD__SYS("rmdir") ||
       (c->syscall[0] == '\0' && fsd__renamed_here(c)))) {
    fsd__guess(c, FSD_CAUSE_FILE_LOCKED, 0.6,
               "On WSL, renaming or removing a directory that a process (an "
               "editor's file watcher, a shell in it) has open fails with "
               "{code}.");
    return;
  }
  /* a lock another process holds (apt's and dpkg's fcntl locks, flock):
   * the call would block, and the log often names the holder */
  if (!c->win && FSD__CODE("EAGAIN") && fsd__lock_name(c->path) &&
      (!c->live || fsd__held_by(c) != NULL)) {
    /* measured: nobody holds it now (a holder is found above), but the
     * log named one */
    const char *by = fsd__held_by(c), *pid;
    k = fsd__guess(c, FSD_CAUSE_FILE_LOCKED, by != NULL ? 0.88 : 0.75,
                   "Another process holds the lock {path}; it is let go "
                   "when that process ends.");
    if (k == NULL) return;
    k->kinds[0] = "other"; /* no editor's or antivirus' fixes */
    k->kinds_known = 1;
    fsd__var(&k->vars, "lockfile", c->path);
    /* the pid this file appended, after the name (which may hold "(") */
    pid = by != NULL ? strrchr(by, '(') : NULL;
    if (pid != NULL)
      fsd__var(&k->vars, "heldlock",
               fsd_strndup(c->a, pid + 5, strlen(pid + 5) - 1));
    if (by != NULL)
      k->detail = fsd_printf(c->a,
                             c->live ? "%s held the lock %s when the log was "
                                       "written: run the command again once "
                                       "it has finished."
                                     : "%s holds the lock %s (the log says "
                                       "so); it is let go when that process "
                                       "ends.",
                             by, c->path);
    return;
  }
  if (!c->win && !FSD__CODE("EBUSY")) return;
  if (c->ev->win32_error == 32 || c->ev->win32_error == 33) {
    fsd__sharing_violation(c);
    return;
  }
  if (c->live && c->ev->holders != NULL) {
    /* Scanned and found nobody: a scanner may have let go already. */
    k = fsd__add(c, FSD_CAUSE_FILE_LOCKED, c->win ? 0.45 : 0.25);
    if (k == NULL) return;
    fsd_set(k->evidence, "holders", fsd_arr(c->a));
    fsd_set_num(c->a, k->evidence, "scanned", (double)c->ev->holders->scanned);
    k->kinds_known = 1; /* none: no kind-specific fixes */
    k->detail =
        "No process holds it now; a short-lived holder (an antivirus "
        "or indexer scan) may have had it open at that moment.";
    return;
  }
  /* git's ownership check (safe.directory) names no process */
  if (fsd__said(c, "dubious ownership")) return;
  if (!c->win) {
    fsd__guess(c, FSD_CAUSE_FILE_LOCKED, 0.4,
               "A process may hold {path} busy.");
    return;
  }
  /* mkdir too: a directory just removed stays, pending deletion, while a
   * process holds a handle in it, and making it again is refused. */
  if (fsd__removes(c->syscall) || FSD__SYS("open") || FSD__SYS("copyfile") ||
      FSD__SYS("scandir") || FSD__SYS("lstat") || FSD__SYS("stat") ||
      FSD__SYS("access") || FSD__SYS("mkdir") || c->syscall[0] == '\0' ||
      FSD__CODE("EBUSY"))
    fsd__guess(c, FSD_CAUSE_FILE_LOCKED,
               (c->sh & (FSD__SH_STAGING | FSD__SH_PNPM | FSD__SH_NODEMOD)) ||
                       FSD__CODE("EBUSY")
                   ? 0.75
                   : 0.6,
               "On Windows this usually means another process (an editor, an "
               "antivirus scan, a leftover node) had {path} open.");
}
