#ifndef FSD_CAUSES_KIT_H
#define FSD_CAUSES_KIT_H

/* What a cause file sees: the rule context, and the small kit below the
 * rules (propose a cause, attach evidence, set a fix value, fill a
 * template, path shapes). The engine (src/engine/diagnose.c) sets up the
 * context and runs every cause's rule in table order; a rule only calls
 * down into this kit, never back up into the engine. */

#include "causes/table.h"
#include "core/evidence.h"

/* ---- what each cause file defines ------------------------------------- */

/* What a command can do, declared with its template (never guessed from
 * its text). The guard (src/engine/guard.c) decides by it whether the
 * command is shown: inspect and change need only a value that was
 * measured; everything else needs a target that was measured on this
 * machine and lies inside what the user expects to be rebuilt. */
typedef enum {
  FSD__INSPECT = 0, /* changes nothing: ls, df, findmnt, icacls <path> */
  FSD__CHANGE,      /* reversible: chmod, chattr -i, remount, a config value */
  FSD__DESTROY,     /* rm, rimraf, Remove-Item, rmdir, find -delete */
  FSD__MOVE,        /* mv, Move-Item */
  FSD__REOWN,       /* chown -R, takeown, icacls /grant */
  FSD__KILL,        /* kill, taskkill, Stop-Process */
  FSD__WEAKEN       /* antivirus exclusions, elevated shells */
} fsd__class_t;

/* Flags of a command. AS_ROOT: it runs with sudo or as administrator.
 * WIDE: it acts on a whole tree or on every user of a filesystem (chmod -R,
 * attrib /s, umount, remount), so its target obeys the never-list like a
 * destroy's. MOUNT: it unmounts or remounts, so its target must be a mount
 * point measured here. REINSTALL: npm install --prefix {project}, which
 * prunes {project}/node_modules; the guard checks that node_modules as a
 * destroy's target. */
enum {
  FSD__AS_ROOT = 1,
  FSD__WIDE = 2,
  FSD__REINSTALL = 4,
  FSD__MOUNT = 8,
  FSD__CREATES = 16 /* it creates its target: shown when that is missing */
};

/* One command of a fix. on names the placeholder of what it acts on (its
 * target: "path", "component", "pid" ...), or a setting ("npm:cache",
 * "npm:prefix") for a config change; NULL when it acts on nothing named. */
typedef struct {
  fsd__class_t cls;
  const char *on;
  const char *tmpl;
  unsigned flags; /* FSD__AS_ROOT */
} fsd__cmd_t;

/* clang-format off */
#define FSD__I(t) {FSD__INSPECT, NULL, (t), 0}
#define FSD__I_ON(on, t) {FSD__INSPECT, (on), (t), 0}
#define FSD__C(on, t) {FSD__CHANGE, (on), (t), 0}
#define FSD__C_ROOT(on, t) {FSD__CHANGE, (on), (t), FSD__AS_ROOT}
#define FSD__C_WIDE(on, t) {FSD__CHANGE, (on), (t), FSD__WIDE}
#define FSD__C_NEW(on, t) {FSD__CHANGE, (on), (t), FSD__CREATES}
#define FSD__C_MOUNT(on, t) \
  {FSD__CHANGE, (on), (t), FSD__AS_ROOT | FSD__WIDE | FSD__MOUNT}
#define FSD__REINSTALL_CMD(t) {FSD__DESTROY, "project", (t), FSD__REINSTALL}
#define FSD__D(on, t) {FSD__DESTROY, (on), (t), 0}
#define FSD__M(on, t) {FSD__MOVE, (on), (t), 0}
#define FSD__R(on, t) {FSD__REOWN, (on), (t), FSD__AS_ROOT}
#define FSD__K(on, t) {FSD__KILL, (on), (t), 0}
#define FSD__W(on, t) {FSD__WEAKEN, (on), (t), FSD__AS_ROOT}
#define FSD__CMDS_END {FSD__INSPECT, NULL, NULL, 0}
/* clang-format on */

/* One fix. platform is "all", "posix" (linux, darwin, wsl), "linux" (also
 * wsl), "darwin", "win32" or "wsl". kind limits a fix to one holder kind and
 * need to a known ("pid") or unknown ("!pid") placeholder value, or to
 * several such ("!missing,!program": all of them hold). Templates
 * use {name} placeholders; see fsd__fill. The commands are a sequence, run
 * in order; a fix that is an alternative to the one before it says so with
 * FSD__FIX_OR in flags (and its text starts with "Or"). A fix for any shell
 * (shell NULL) whose commands name a value is given per shell. */
typedef struct {
  const char *platform;
  const char *shell; /* "bash", "powershell", "cmd" or NULL (any shell) */
  const char *kind;
  const char *need;
  const char *text;
  fsd__cmd_t commands[6]; /* ended by one with tmpl NULL */
  unsigned flags;         /* FSD__FIX_OR */
} fsd__fix_t;

enum { FSD__FIX_OR = 1 };

/* clang-format off */
#define FSD__FIX_END {NULL, NULL, NULL, NULL, NULL, {FSD__CMDS_END}, 0}
/* clang-format on */

/* The name of a class as the diagnosis shows it ("inspect", "reown"). */
const char *fsd__class_name(fsd__class_t cls);

/* A probe a cause needs for some errors: gather runs a probe when any
 * cause's want matches the error (src/live/gather.c). */
typedef struct {
  unsigned probes;          /* FSD__PROBE_* bits */
  const char *const *codes; /* NULL-terminated; NULL: any code */
  const char *const *calls; /* NULL-terminated; NULL: any system call */
  unsigned flags;           /* FSD__WANT_* */
  /* Where to measure, when not at the error's own path (NULL: there). For
   * FSD__PROBE_NLINK the inode that gains the link; for FSD__PROBE_PRIV the
   * directory of a live link test (none without it). May return NULL. */
  const char *(*at)(fsd_arena_t *a, const fsd_error_t *err);
} fsd__want_t;

enum { FSD__WANT_WIN32 = 1 }; /* only where this machine is Windows */

/* clang-format off */
#define FSD__WANT_END {0, NULL, NULL, 0, NULL}
/* clang-format on */

typedef struct fsd__ctx_s fsd__ctx_t;

typedef struct {
  const char *id;
  const char *title;
  int transient;
  unsigned probes;
  const fsd__fix_t *fixes; /* terminated by an entry with text == NULL */
  const fsd__want_t *wants;
  void (*rule)(fsd__ctx_t *c);
} fsd__cause_t;

/* The prototypes of every cause file, from the table. */
#define FSD__CAUSE_DECL(NAME, stem, id, title, transient, probes) \
  void fsd__rule_##stem(fsd__ctx_t *c);                           \
  extern const fsd__fix_t fsd__fixes_##stem[];                    \
  extern const fsd__want_t fsd__wants_##stem[];
FSD_CAUSE_MAP(FSD__CAUSE_DECL)
#undef FSD__CAUSE_DECL

/* ---- the catalogue (catalogue.c) --------------------------------------- */

extern const fsd__cause_t fsd__causes[FSD_CAUSE_COUNT];

/* A cause's entry; never NULL (an id out of range gives "unknown"). */
const fsd__cause_t *fsd__cause(fsd_cause_id_t id);
/* The entry whose id string is id ("hard-link-limit"), or NULL when no
 * cause has it (for ids that come from outside, like a fixes request). */
const fsd__cause_t *fsd__cause_named(const char *id);

/* Whether any cause wants probe (one FSD__PROBE_* bit) for err on host (this
 * machine's platform). *at, when not NULL, gets the first place a matching
 * cause names, or NULL. */
int fsd__wanted(fsd_arena_t *a, const fsd_error_t *err, const char *host,
                unsigned probe, const char **at);

/* The catalogue as a value tree: [{id, title, transient, fixes}] with the
 * templates unfilled (lib/causes.json is generated from it). */
fsd_val_t *fsd_catalogue_val(fsd_arena_t *a);
/* The facts keys that the probes in mask fill, deduplicated. */
fsd_val_t *fsd__probes_val(fsd_arena_t *a, unsigned mask);

/* ---- the rule context --------------------------------------------------- */

#define FSD__MAXVARS 40

typedef struct {
  const char *key[FSD__MAXVARS];
  const char *val[FSD__MAXVARS];
  size_t n;
} fsd__vars_t;

typedef struct {
  fsd_cause_id_t cause;
  double confidence;
  const char *detail;   /* filled sentence */
  fsd_val_t *evidence;  /* object */
  fsd__vars_t vars;     /* placeholders for this cause's fixes */
  const char *kinds[8]; /* holder kinds for fix selection; kinds_known */
  int kinds_known;
  int usual; /* one of the code's usual causes, not a rule's (kit_priors.c) */
  const char *refuted; /* live: what was measured against a text guess */
} fsd__cand_t;

struct fsd__ctx_s {
  fsd_arena_t *a;
  const fsd_error_t *err;
  const fsd_evidence_t *ev;
  int live;
  const char *platform; /* "linux", "darwin", "win32", "wsl" */
  const char *code;
  const char *syscall; /* "" when unknown */
  const char *path;    /* NULL when unknown */
  const char *dest;
  int win;   /* platform is win32 */
  int posix; /* linux, darwin or wsl */
  int sh;    /* FSD__SH_* shapes of path and dest */
  fsd__vars_t global;
  fsd__cand_t cands[FSD_CAUSE_COUNT]; /* one per cause at most */
  size_t ncands;
  fsd_val_t *shapes; /* array of path shapes seen (text evidence) */
};

#define FSD__CODE(t) fsd__is(c->code, (t))
#define FSD__SYS(t) fsd__is(c->syscall, (t))

/* ---- proposing a cause (kit.c) ------------------------------------------ */

/* Adds a candidate, or replaces a weaker one of the same cause; NULL when
 * a stronger one is already there. */
fsd__cand_t *fsd__add(fsd__ctx_t *c, fsd_cause_id_t id, double confidence);
/* A cause proposed from the text alone, with why (a template) as its
 * detail; scaled down in a live diagnosis, where nothing measured backs it. */
fsd__cand_t *fsd__guess(fsd__ctx_t *c, fsd_cause_id_t id, double conf,
                        const char *why);
/* k's detail: tmpl filled from k's and the global placeholders. */
void fsd__detail(fsd__ctx_t *c, fsd__cand_t *k, const char *tmpl);
/* A measured count as evidence: null when v < 0 (not measured). */
void fsd__ev_num(fsd__ctx_t *c, fsd__cand_t *k, const char *key, int64_t v);
/* Holders (only those held "how", or all for NULL) as evidence, and the
 * first one's pid and name as placeholders. */
void fsd__holders_ev(fsd__ctx_t *c, fsd__cand_t *k, const char *how);
size_t fsd__nholders(fsd__ctx_t *c, const char *how);
/* The first component that denies this process: on the path, else on the
 * destination; *which gets its pathinfo (the path's when none denies). */
const fsd_component_t *fsd__denied(fsd__ctx_t *c, const fsd_pathinfo_t **which);
int64_t fsd__euid(fsd__ctx_t *c); /* -1 when not measured */
/* A removal or rename refused by a sticky directory: the path's parent
 * has the sticky bit, and this (non-root) user owns neither the entry nor
 * the directory. The directory's component, else NULL. *entry gets the
 * entry's. */
const fsd_component_t *fsd__sticky(fsd__ctx_t *c,
                                   const fsd_component_t **entry);
/* The filesystem a write went to (the destination's when measured) when
 * its free space was measured, else NULL. */
const fsd_fsinfo_t *fsd__written_fs(fsd__ctx_t *c);
/* The filesystem of the side the failure concerns (fsd__dest_side): the
 * destination's for rename, link, copy; else the path's (or the working
 * directory's). NULL when not measured. */
const fsd_fsinfo_t *fsd__side_fs(fsd__ctx_t *c);

/* ---- values and strings (kit.c) ----------------------------------------- */

int fsd__is(const char *s, const char *t);         /* s equals t */
int fsd__has(const char *hay, const char *needle); /* substring, case-less */
int fsd__one_of(const char *s, const char *const *list);
/* path ends in one of exts (lower case, with the dot), case-less, after
 * at least one character of name. */
int fsd__ext(const char *path, const char *const *exts);
int fsd__removes(const char *syscall);    /* unlink, rmdir, rename, rm */
int fsd__watch_call(const char *syscall); /* fs.watch, inotify_* */
int fsd__under(const char *path, const char *dir); /* dir or below */
/* Whether the pasted text (else the error's message) says needle anywhere,
 * case-less. What the rest of a log says, never measured. */
int fsd__said(fsd__ctx_t *c, const char *needle);
/* The same for a whole word: nothing alphanumeric on either side. */
int fsd__said_word(fsd__ctx_t *c, const char *needle);
const char *fsd__parent(fsd_arena_t *a, const char *path);
const char *fsd__i64(fsd_arena_t *a, int64_t v); /* NULL when v < 0 */

/* ---- volumes named or measured (kit_volumes.c) ------------------------ */

enum { FSD__VOL_FAT = 1, FSD__VOL_NTFS = 2 };
/* A measured FAT or exFAT volume (FSD__VOL_FAT, their FUSE drivers too),
 * an NTFS one (FSD__VOL_NTFS), else 0. */
int fsd__dos_fs(const fsd_fsinfo_t *f);
/* Text only: the log names a FAT or exFAT volume (vfat, exfat, fat32,
 * fat16, msdos, fuseblk as whole words, or "FAT" before a word for a
 * volume: "FAT drive", "fat* partition"; "fat" alone is a fat jar). */
int fsd__fat_said(fsd__ctx_t *c);
/* Flatpak's document portal (/run/user/<uid>/doc/...). */
int fsd__flatpak_portal(const char *p);
/* A name NFS gives a removed file that is still open: ".nfs" and hex. */
int fsd__nfs_silly(const char *p);
/* Android's shared storage (/storage/emulated, /sdcard). */
int fsd__android_storage(const char *p);
/* Where Linux mounts a removable or extra disk: 2 under /media or
 * /run/media (udisks) and Android's shared storage, 1 under /mnt/<name> (not WSL's /mnt/c), else 0. */
int fsd__removable_place(const char *path);
/* Android's shared storage refused the app (protected-location) */
void fsd__android_denied(fsd__ctx_t *c);
/* an Android app's private data refused (permission-denied) */
void fsd__android_private(fsd__ctx_t *c);
/* kit_units.c: the systemd unit a log names ("x.service"), or NULL;
 * journald's "Mon dd hh:mm:ss host name[pid]:" opening a service's line;
 * a unit name fit for a command. */
const char *fsd__unit_said(fsd__ctx_t *c);
int fsd__journal_line(const char *m);
int fsd__safe_unit(const char *u);
enum { FSD__SHARE_NFS = 1, FSD__SHARE_OTHER = 2 };
/* Text only: the log names a network share: NFS (a word, "nfs4", "nfsd";
 * FSD__SHARE_NFS), else sshfs, CIFS, smbfs, an smb:// URL or an "SMB share"
 * (FSD__SHARE_OTHER); 0 when none. */
int fsd__share_said(fsd__ctx_t *c);

/* ---- what the text says beyond code, call and path (kit_cues.c) ------- */

/* What the log says of the place: a container (docker, podman,
 * kubernetes, a "root@<id>:" prompt). Text, never measured. */
int fsd__container_said(fsd__ctx_t *c);
/* A path inside a user's home directory (/Users/<name>/, /home/<name>/,
 * ~/), not root's. */
int fsd__home_path(const char *path);
/* A path directly under the root directory ("/.npm"): making an entry
 * there needs root, whoever owns anything else. */
int fsd__at_root(const char *path);
/* npm's global folder on Windows itself (...\\AppData\\Roaming\\npm). */
int fsd__npm_win_prefix(const char *path);
/* Text only: the error itself (its paths, errno or the log) says Linux;
 * not this machine's default. */
int fsd__said_linux(fsd__ctx_t *c);
/* Text only, on Linux: the log names inotify. */
int fsd__inotify_said(fsd__ctx_t *c);
/* A call that only reads what it walks (kit_touch.c's table: its path
 * read, nothing made). */
int fsd__walk_call(const char *syscall);
/* A place macOS privacy protection guards (~/Desktop, ~/Documents,
 * ~/Downloads, ~/Library/Mail ..., iOS backups, iCloud Drive, /Volumes). */
int fsd__privacy_place(const char *path);
/* Text only: the log holds an `ls -l` listing whose entries belong to the
 * user whose home holds the path and lack a write or read bit: the mode
 * bits deny, not another owner. */
int fsd__listing_mine(fsd__ctx_t *c);
/* An ls -l listing in the log shows entries of another owner than the
 * log's user (`id`'s uid=N(name), the home directory's), or root's beside
 * a user's: that owner, else NULL. */
const char *fsd__listing_owner(fsd__ctx_t *c);
/* Text only: what a df listing in the log shows. 'i': a filesystem with
 * IUse% 100, 'b': one with Use% 100, 'n': one with Use% 95 to 99, 'r': df
 * output with room everywhere, 'I': no df, but a tool's own words for
 * inodes running out, 0: none of these. */
int fsd__df_said(fsd__ctx_t *c);
/* "sudo echo x >> /etc/f": a line of the log where sudo comes before a
 * redirection to the failed path (the user's shell opens it). Text only. */
int fsd__sudo_redirect(fsd__ctx_t *c);
/* A copy (copyfile, cp): it writes its destination. */
int fsd__copy_call(const char *syscall);
/* A server's tree (/var/www, /srv): root's or the server account's. */
int fsd__service_path(const char *path);
int fsd__image_data(const char *path);
int fsd__lost_found(const char *path);
int fsd__bind_mounted(fsd__ctx_t *c, const char *tool, int unlabelled,
                      const char **host);
/* A call that runs a program (spawn, exec): EACCES is its execute bit. */
int fsd__exec_call(const char *syscall);
/* Those calls, NULL-terminated (for a cause's wants). */
extern const char *const fsd__exec_calls[];
/* A call that runs a program named without a directory ("npm") and found
 * none it could start (ENOENT, EINVAL, EACCES): its path is looked up on
 * PATH, so it is no path to measure (the program probe looks it up, and
 * gather measures the file it found). */
int fsd__bare_program(const fsd_error_t *err);
/* A name without a directory ("git", env's "node\r"): what a spawn looks
 * up on PATH, no path of its own. */
int fsd__program_name(const char *p);

/* Text only: fills the answer up to three causes with the code's usual
 * ones (kit_priors.c), after every rule ran; drops unknown when it adds. */
void fsd__priors(fsd__ctx_t *c);
/* wrong-owner and permission-denied from a tool's own words
 * (access_words.c). */
void fsd__owner_words(fsd__ctx_t *c);
void fsd__exec_words(fsd__ctx_t *c);
void fsd__server_words(fsd__ctx_t *c);
void fsd__device_words(fsd__ctx_t *c);
/* Text only: EACCES connecting to a Unix socket (Docker's): its group,
 * not this user; proposes permission-denied and returns 1. */
int fsd__socket_words(fsd__ctx_t *c);
/* A path in Homebrew's prefix: its Cellar, Caskroom or Homebrew folder,
 * or /usr/local or /opt/homebrew in a log that shows brew at work. */
int fsd__brew_path(fsd__ctx_t *c);
/* The system Python's packages (macOS's, a distribution's dist-packages). */
int fsd__system_python(const char *p);

/* ---- what a call does to its paths (kit_touch.c) ----------------------- */

enum {
  FSD__TOUCH_NONE = 0, /* not a file: symlink()'s target text */
  FSD__TOUCH_READ,     /* read (the source of link, copyfile) */
  FSD__TOUCH_REMOVE,   /* removed (unlink, rmdir; rename's source) */
  FSD__TOUCH_CREATE,   /* created in its parent (mkdir; rename's dest) */
  FSD__TOUCH_WRITE     /* written or changed (open, write, chmod) */
};

typedef struct {
  unsigned char path, dest; /* FSD__TOUCH_* */
} fsd__touch_t;

/* What syscall does to its path and dest (one table for every call). */
void fsd__touches(const char *syscall, fsd__touch_t *out);
/* The failure concerns the destination (it is created or written), not
 * the path: rename, link, symlink, copyfile, cp with a dest. */
int fsd__dest_side(const char *syscall, int has_dest);
/* The path is a source (rename, link, symlink, copyfile, cp): no fix may
 * destroy or move it. */
int fsd__source_call(const char *syscall);
/* What the path is, 'd' a directory or 'f' a file, else 0: measured
 * (live: the path's own component) or, text only, what the call
 * establishes (scandir, opendir, rmdir, mkdir take a directory; open,
 * unlink, copyfile ... of a name with a file's extension, not a package
 * folder right under node_modules, a file). */
int fsd__path_kind(const fsd__ctx_t *c);

/* ---- placeholders (kit_fill.c) ----------------------------------------- */

/* Sets key (a static string) to val; NULL val is ignored. */
void fsd__var(fsd__vars_t *v, const char *key, const char *val);
const char *fsd__var_get(const fsd__vars_t *v, const char *key);

/* A placeholder's name is shorter than this. */
#define FSD__KEYMAX 32

/* Fills a template. Values come from local, then global. In prose
 * (is_command 0) a value nobody measured gets a readable stand-in ("the
 * filesystem"); in a command (is_command 1) every value is quoted for shell
 * (fsd__quote), and a value that is missing or cannot be quoted for that
 * shell makes the whole command NULL: no placeholder or stand-in ever
 * reaches a command. */
char *fsd__fill(fsd_arena_t *a, const char *tmpl, const fsd__vars_t *local,
                const fsd__vars_t *global, const char *shell, int is_command);
/* The first placeholder tmpl names that has no value in local or global,
 * copied into key (FSD__KEYMAX bytes) and returned; NULL when every one
 * has a value. */
const char *fsd__unknown_name(const char *tmpl, const fsd__vars_t *local,
                              const fsd__vars_t *global, char *key);
/* The placeholders tmpl names, each once, in order: an array of strings. */
fsd_val_t *fsd__names_val(fsd_arena_t *a, const char *tmpl);
/* Quoting (kit_quote.c): v as one word of a command, one function per
 * shell, each covering every character that shell treats specially. NULL
 * when the shell cannot be given v safely (cmd: % ! " and control
 * characters). fsd__quote picks by shell ("bash", "powershell", "cmd"; NULL
 * is any shell of the platform: bash off Windows, else what reads the same
 * in PowerShell and cmd, or NULL). The one quoting rule of the core. */
char *fsd__quote_bash(fsd_arena_t *a, const char *v);
char *fsd__quote_powershell(fsd_arena_t *a, const char *v);
char *fsd__quote_cmd(fsd_arena_t *a, const char *v);
char *fsd__quote(fsd_arena_t *a, const char *v, const char *shell, int win);
/* Whether v holds a control character (C0, DEL, C1, U+2028/9). */
int fsd__has_ctl(const char *v);
/* A value the paste cut or hid ("...", "***", "<user>", "{path}"): shown
 * in prose, never given to a command. */
int fsd__elided(const char *v);
/* v with each control character as an escape (\n, \r, \t, \e, \xHH,
 * \u2028), for prose. */
char *fsd__ctl_escape(fsd_arena_t *a, const char *v);

/* ---- path shapes: what a path alone tells (kit_shapes.c) --------------- */

enum {
  FSD__SH_STAGING = 1 << 0, /* node_modules/.staging: npm's old staging area */
  FSD__SH_PNPM = 1 << 1,    /* .pnpm / pnpm store */
  FSD__SH_CACACHE = 1 << 2, /* npm's content cache */
  FSD__SH_BIN = 1 << 3,     /* node_modules/.bin */
  FSD__SH_MNT = 1 << 4,     /* /mnt/<drive>/ under WSL */
  FSD__SH_PROGFILES = 1 << 5,
  FSD__SH_WINDIR = 1 << 6,
  FSD__SH_GLOBAL = 1 << 7, /* a usual npm global prefix */
  FSD__SH_USR = 1 << 8, /* /usr and /etc: root's */
  FSD__SH_SYSTEM = 1 << 9, /* macOS /System */
  FSD__SH_DOCKER = 1 << 10,
  FSD__SH_UNC = 1 << 11,
  FSD__SH_WSLUNC = 1 << 12, /* \\wsl$\ seen from Windows */
  FSD__SH_NODEMOD = 1 << 13,
  FSD__SH_WINNODE = 1 << 14, /* Windows node.exe seen from WSL */
  FSD__SH_NPMCACHE = 1 << 15, /* npm's cache: ~/.npm/ (any layout), npm-cache */
  FSD__SH_GITOBJ = 1 << 16,   /* .git/objects: git writes them read-only */
  FSD__SH_VBOX = 1 << 17,     /* a VirtualBox/Vagrant share: /vagrant, sf_ */
  FSD__SH_LEFTOVER = 1 << 18, /* an interrupted install's leftover */
  FSD__SH_SYSTREE = 1 << 19   /* /proc, /sys, C:\System Volume Information,
                                 a home's Library or Application Data: what
                                 a walk rooted too high meets */
};

/* The FSD__SH_* shapes of one path. */
int fsd__path_shape(fsd_arena_t *a, const char *path);
/* Path shapes of path and dest (FSD__SH_* flags), also listed by name in
 * c->shapes. */
int fsd__shapes(fsd__ctx_t *c);

/* The leftover of an interrupted install in path: the path up to npm's
 * ".<name>-XXXXXXXX" (reify's temporary name), ".staging", pnpm's and
 * yarn's ".pkg-*" / "*.DELETE" folders; NULL when there is none. */
const char *fsd__leftover(fsd_arena_t *a, const char *path);
/* The place outside any project a walk met in path ("/proc", "System
 * Volume Information", "Application Data", "~/Library" ...), or NULL. */
const char *fsd__system_tree(const char *path);
/* A run of 1-8 names repeated 3 or more times in a row in path (a copy
 * into itself, a link loop): its offset and length in path and how often
 * it repeats. 0 when there is none. */
int fsd__path_repeat(const char *path, size_t *at, size_t *len,
                     size_t *times);

#endif
