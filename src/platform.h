#ifndef FSD_PLATFORM_H
#define FSD_PLATFORM_H

/* Everything the operating system must answer, one interface for all of
 * them. Each folder under src/platform/ implements it for one system:
 * linux/ and darwin/ (each with posix/, the code they share) and win32/;
 * scripts/sources.js picks the folders for binding.gyp, the C tests and
 * the Windows cross-build. Every probe fills a struct
 * whose strings live in the arena; a probe that cannot answer a field leaves
 * the "unknown" value documented beside it and, where it matters, says why in
 * a *_reason string. Probes never print, never spawn, never touch globals. */

#include "fsd.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Tri-state: FSD_UNKNOWN, 0 or 1. */
#define FSD_UNKNOWN (-1)

/* The operating system's own code behind an errno that a probe reports,
 * kept beside it as libuv keeps sys_errno_: on Windows the GetLastError()
 * value the errno was translated from (several fold into one: EPERM is
 * ERROR_ACCESS_DENIED or ERROR_PRIVILEGE_NOT_HELD) and its name. Code 0 and
 * name NULL where nothing failed, and off Windows, where the errno is the
 * raw code itself. Reported as win32Error and win32ErrorName. */
typedef struct {
  int64_t code;
  const char *name; /* "ERROR_SHARING_VIOLATION", "WIN32_ERROR_1234" */
} fsd_win32_err_t;

/* ---- fsInfo(path) ------------------------------------------------------ */
typedef struct {
  const char *path;        /* the path asked about, as given */
  const char *probed;      /* the existing ancestor actually measured */
  const char *type;        /* "ext4", "tmpfs", "fuseblk", "ntfs", ... */
  const char *subtype;     /* fuse subtype ("ntfs-3g", "fusefat"), or NULL */
  const char *source;      /* device or share ("/dev/loop0", "//srv/x") */
  const char *mount_point; /* NULL when unknown */
  const char *options;     /* mount options, comma-separated */
  uint64_t magic;          /* statfs f_type (0 where there is none) */
  int read_only;           /* tri-state */
  int network;             /* tri-state */
  int wsl_windows_mount;   /* tri-state: drvfs/9p on a Windows drive */
  int symlinks;            /* tri-state: can hold symlinks */
  int hardlinks;           /* tri-state: can hold hard links */
  int case_sensitive;      /* tri-state */
  int64_t link_max;        /* < 0: null, see link_max_reason */
  const char *link_max_reason;
  int64_t subdir_max;      /* < 0 when none or unknown (ext2/3: 31998) */
  int64_t block_size;
  int64_t total_bytes, free_bytes, avail_bytes; /* < 0 unknown */
  int64_t total_inodes, free_inodes;            /* < 0 unknown */
  int64_t name_max;
} fsd_fsinfo_t;

/* ---- pathInfo(path) ---------------------------------------------------- */
typedef struct {
  const char *path;     /* absolute path of this component */
  const char *name;     /* last element ("/" for the root) */
  const char *type;     /* "file", "dir", "symlink", "socket", "fifo",
                           "char", "block", "missing", "unknown" */
  int64_t uid, gid;     /* < 0 unknown */
  const char *user;     /* user name, or NULL */
  const char *group;    /* group name, or NULL */
  uint32_t mode;        /* permission bits incl. setuid/setgid/sticky */
  int64_t nlink;
  int immutable;        /* tri-state */
  int append_only;      /* tri-state */
  const char *link_target; /* for a symlink: readlink() */
  int err;              /* errno from lstat, 0 when it succeeded */
  fsd_win32_err_t win32_err; /* Windows: the raw error behind err */
  /* Windows only (FSD_UNKNOWN elsewhere). */
  int win_readonly, win_hidden, win_system, win_reparse;
} fsd_component_t;

typedef struct {
  const char *path;          /* as given */
  const char *absolute;      /* made absolute, not resolved */
  fsd_component_t *components; /* from the root down to the path itself */
  size_t ncomponents;
  int exists;                /* 0/1 */
  /* The first component that denies this process, or -1. */
  int denied_index;
  const char *denied_op;     /* "search", "read" or "write" */
  const char *denied_bit;    /* "x", "r" or "w" */
  const char *denied_reason; /* one sentence: why (mode, owner, acl) */
  /* Access to the path itself (or, when missing, its nearest existing
   * directory for write = "may create here"): tri-states. */
  int can_read, can_write, can_search;
  const char *write_target;  /* what can_write was measured on */
  int is_symlink;
  const char *symlink_target;
  int immutable, append_only; /* of the path itself, tri-state */
  /* Windows. */
  const char *owner_sid;
  const char *owner_name;
  int protected_location;    /* tri-state: Program Files, Windows, /usr */
  int64_t path_length;       /* characters (UTF-16 units on Windows) */
  int64_t max_path;          /* 260 on Windows without long paths, else <0 */
  int long_paths_enabled;    /* tri-state */
} fsd_pathinfo_t;

/* ---- privileges(dir?) -------------------------------------------------- */
typedef struct {
  int64_t uid, euid, gid, egid;
  int64_t *groups;
  size_t ngroups;
  int root;                  /* euid 0 (or elevated admin on Windows) */
  const char **caps;         /* effective capability names */
  size_t ncaps;
  const char *probe_dir;     /* NULL when no directory was given */
  int can_symlink, can_hardlink, can_write; /* tri-states from live probes */
  int symlink_err, hardlink_err, write_err; /* errno of a failed probe */
  /* Windows: the raw errors behind them. */
  fsd_win32_err_t symlink_win32_err, hardlink_win32_err, write_win32_err;
  /* Windows (FSD_UNKNOWN elsewhere). */
  int elevated, admin_member, symlink_privilege, symlink_privilege_enabled;
  int developer_mode;
} fsd_privileges_t;

/* ---- holders(path) ----------------------------------------------------- */
typedef struct {
  int64_t pid;
  const char *name;    /* comm / image name */
  const char *cmdline; /* NUL separators turned into spaces, may be NULL */
  const char *how;     /* "fd", "cwd", "root", "mmap", "exe", "lock" */
  const char *target;  /* the file held (may be under the directory asked) */
  int64_t fd;          /* < 0 when not an fd */
  const char *mode;    /* "r", "w", "rw" for fds, NULL otherwise */
  const char *lock;    /* "FLOCK WRITE", "POSIX READ", "OFDLCK WRITE" */
  const char *kind;    /* editor, antivirus, indexer, node, shell, other */
  int64_t uid; /* the process's real user id (whose it is, as kill(2) sees
                  it); -1 when not measured (Windows) */
} fsd_holder_t;

/* How holders() looks. Probes run on the threadpool and read no
 * environment: the caller passes what it wants (lib/index.js turns
 * FSDOCTOR_HOLDERS_THREADS and FSDOCTOR_HOLDERS_LEASE into these), and NULL
 * means FSD_HOLDERS_OPTS_INIT. Platforms without a choice ignore them. */
typedef struct {
  /* Threads scanning processes (Linux /proc): 0 is one per CPU, at most 4;
   * more than FSD_HOLDERS_MAX_THREADS is that many. */
  int threads;
  /* Linux: ask for a write lease first, which answers "nobody" for a file
   * nobody has open without scanning a process. 1 (default) or 0. */
  int lease;
} fsd_holders_opts_t;

#define FSD_HOLDERS_OPTS_INIT {0, 1}
#define FSD_HOLDERS_MAX_THREADS 64

typedef struct {
  const char *path;
  fsd_holder_t *items;
  size_t count;
  size_t cap;
  int64_t scanned;      /* processes looked at */
  int64_t uninspected;  /* processes we could not read */
  const char *method;   /* "procfs", "restart-manager", ... */
  const char *note;     /* when the method could not answer fully */
  int64_t euid; /* the effective user id the scan ran as (what it could see
                   and may end); -1 when not measured (Windows) */
} fsd_holders_t;

/* ---- linkInfo(path) ---------------------------------------------------- */
typedef struct {
  const char *path;
  int exists;          /* lstat succeeded */
  int err;             /* errno from lstat/stat of the target */
  fsd_win32_err_t win32_err; /* Windows: the raw error behind err */
  int64_t nlink;       /* of the final target (lstat for non-links) */
  int64_t link_max;    /* < 0: null */
  int64_t headroom;    /* link_max - nlink, < 0 when unknown */
  int64_t subdirs;     /* for a directory: nlink - 2 where meaningful */
  int is_symlink;
  const char **chain;  /* each hop: the path, then each resolved target */
  size_t nchain;
  int loop;            /* 0/1 */
  size_t loop_start;   /* index in chain where the cycle starts */
  int broken;          /* 0/1: a hop points at nothing */
  const char *broken_at;
  const char *resolved; /* final target when neither loop nor broken */
} fsd_linkinfo_t;

/* ---- program(name) ------------------------------------------------------ */
/* What a spawn of name would meet here: the file found on PATH (or at the
 * path given), and for a script the interpreter its "#!" line names. A
 * spawn's ENOENT means any of: no such program, a program whose interpreter
 * is missing, or (on Windows) only a .cmd/.bat of that name. */
typedef struct {
  const char *name;      /* as given */
  const char *found;     /* the file a spawn runs, NULL when none */
  int searched;          /* PATH directories looked in; -1: name has a
                            directory part and is not looked up */
  int unsearchable;      /* of them, ones this process may not search */
  const char *not_exec;  /* a file of that name without execute permission */
  const char *shim;      /* Windows: a .cmd or .bat of that name on PATH */
  const char *interp;    /* the interpreter found's "#!" line names */
  int interp_missing;    /* tri-state: that interpreter does not exist */
  int cr;                /* 0/1: the "#!" line ends with a carriage return */
  const char *env_prog;  /* #!/usr/bin/env PROG: PROG */
  int env_prog_missing;  /* tri-state: PROG is on none of PATH's dirs */
} fsd_program_t;

/* ---- limits() ---------------------------------------------------------- */
typedef struct {
  int64_t nofile_soft, nofile_hard; /* < 0 unlimited/unknown */
  int64_t open_fds;
  int64_t file_nr, file_max;
  int64_t inotify_max_watches, inotify_max_instances;
  int64_t inotify_watches_used, inotify_instances_used; /* this user */
  int64_t handle_count; /* Windows */
  int64_t crt_max_stdio; /* Windows: _getmaxstdio() */
} fsd_limits_t;

/* Each returns 0, or a positive errno with fail->syscall set for failures
 * that leave nothing to report (the arena ran out, the path is unusable).
 * A missing path is not a failure: the struct says what could be read. */
int fsd_fsinfo(fsd_arena_t *a, const char *path, fsd_fsinfo_t *out,
               fsd_fail_t *fail);
int fsd_pathinfo(fsd_arena_t *a, const char *path, fsd_pathinfo_t *out,
                 fsd_fail_t *fail);
int fsd_privileges(fsd_arena_t *a, const char *dir, fsd_privileges_t *out,
                   fsd_fail_t *fail);
int fsd_holders(fsd_arena_t *a, const char *path,
                const fsd_holders_opts_t *opts /* NULL: defaults */,
                fsd_holders_t *out, fsd_fail_t *fail);
int fsd_linkinfo(fsd_arena_t *a, const char *path, fsd_linkinfo_t *out,
                 fsd_fail_t *fail);
int fsd_limits(fsd_arena_t *a, fsd_limits_t *out, fsd_fail_t *fail);
/* path_env is PATH as the process has it (NULL: libuv's default,
 * "/usr/bin:/bin"); pathext Windows' PATHEXT (NULL: ".COM;.EXE;.BAT;.CMD");
 * cwd the directory a relative name and an empty PATH entry mean. Reads
 * only: stats, and the first bytes of the file found. */
int fsd_program(fsd_arena_t *a, const char *name, const char *path_env,
                const char *pathext, const char *cwd, fsd_program_t *out,
                fsd_fail_t *fail);

/* Windows: the Win32 error behind a Node error code, which libuv folds
 * (ERROR_ACCESS_DENIED and ERROR_PRIVILEGE_NOT_HELD are both EPERM,
 * ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION both EBUSY, NTFS's
 * ERROR_TOO_MANY_LINKS is UNKNOWN) and Node then drops. A probe that
 * changes nothing opens path with the access syscall needed ("rename",
 * "unlink", "rmdir": DELETE; "rename-dest" for Node's dest of a rename:
 * DELETE, and a read-only file there is ERROR_ACCESS_DENIED; "open",
 * "write": GENERIC_WRITE; "mkdir", "symlink": adding an entry to the
 * parent; "link": the link count against the filesystem's maximum; ...)
 * and reports what it met: *code (0 = nothing blocks it now) and *name
 * ("ERROR_SHARING_VIOLATION"). For symlink pass the link's own path (Node's
 * dest). Returns 0, EINVAL for an unusable path, ENOSYS off Windows (then
 * *code is -1 and *name NULL). */
int fsd_win32_error(fsd_arena_t *a, const char *path, const char *syscall,
                    int64_t *code, const char **name);

/* "linux", "darwin", "win32", plus whether this Linux is WSL. */
const char *fsd_platform_name(void);
int fsd_platform_is_wsl(void);

/* fsd_program's start on every platform: out emptied and named; EINVAL
 * (fail filled) for an empty name. */
int fsd_program_start(const char *name, fsd_program_t *out, fsd_fail_t *fail);

/* Holder kind from a process or image name (shared by every platform). */
const char *fsd_holder_kind(const char *name, const char *cmdline);

/* Struct to value tree (src/report.c), for JavaScript and JSON. */
fsd_val_t *fsd_fsinfo_val(fsd_arena_t *a, const fsd_fsinfo_t *in);
fsd_val_t *fsd_pathinfo_val(fsd_arena_t *a, const fsd_pathinfo_t *in);
fsd_val_t *fsd_privileges_val(fsd_arena_t *a, const fsd_privileges_t *in);
fsd_val_t *fsd_holders_val(fsd_arena_t *a, const fsd_holders_t *in);
fsd_val_t *fsd_linkinfo_val(fsd_arena_t *a, const fsd_linkinfo_t *in);
fsd_val_t *fsd_program_val(fsd_arena_t *a, const fsd_program_t *in);
fsd_val_t *fsd_limits_val(fsd_arena_t *a, const fsd_limits_t *in);

#ifdef __cplusplus
}
#endif

#endif
