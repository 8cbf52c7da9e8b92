#ifndef FSD_CAUSES_TABLE_H
#define FSD_CAUSES_TABLE_H

/* Every cause, once, in catalogue order (the order of lib/causes.json, of
 * the README table and the tie-break of the ranking). Everything else is
 * generated from this list by redefining XX, the way libuv's UV_ERRNO_MAP
 * feeds its names: the fsd_cause_id_t enum, the catalogue (catalogue.c),
 * the prototypes each cause file defines (kit.h), and through
 * scripts/gen-causes.js lib/causes.json, the CauseId type in index.d.ts and
 * the README's catalogue table.
 *
 *   XX(NAME, stem, id, title, transient, probes)
 *
 * NAME gives FSD_CAUSE_NAME; stem names what the cause's file defines:
 * fsd__rule_<stem> (proposes the cause), fsd__fixes_<stem> (its fix
 * templates) and fsd__wants_<stem> (for which codes and system calls it
 * needs each probe). transient says whether a retry can succeed. probes are
 * the FSD__PROBE_* bits the cause reads; its wants name no others (checked
 * by test/c/test_diagnose.c).
 *
 * Adding a cause: one line here and one file in src/causes/, then
 * `npm run gen`. The id, once published, never changes. */

/* What gather (src/live/gather.c) can measure. Names in the comments are
 * the keys of the diagnosis' facts. */
enum {
  FSD__PROBE_FS = 1 << 0,        /* fs: the path's filesystem */
  FSD__PROBE_CWD_FS = 1 << 1,    /* fs: the working directory's, no path */
  FSD__PROBE_DEST_FS = 1 << 2,   /* destFs */
  FSD__PROBE_PATH = 1 << 3,      /* path: owner, mode and flags on the way */
  FSD__PROBE_DEST_PATH = 1 << 4, /* dest */
  FSD__PROBE_LINKS = 1 << 5,     /* link: the symlink chain that fails */
  FSD__PROBE_NLINK = 1 << 6,     /* link: the count of a new link's inode */
  FSD__PROBE_LIMITS = 1 << 7,    /* limits: descriptors, file table, inotify */
  FSD__PROBE_PRIV = 1 << 8,      /* privileges, with a live link test */
  FSD__PROBE_WIN32 = 1 << 9,     /* win32Error: the code libuv folded */
  FSD__PROBE_HOLDERS = 1 << 10,  /* holders: processes with it open */
  FSD__PROBE_PROGRAM = 1 << 11,  /* program: what a spawn of path found */
  FSD__NPROBES = 12
};

/* What the causes of a denial read: the first component that denies, on
 * the path or the destination, and this process's uid. */
#define FSD__ACCESS_PROBES \
  (FSD__PROBE_PATH | FSD__PROBE_DEST_PATH | FSD__PROBE_PRIV)

/* clang-format off */
#define FSD_CAUSE_MAP(XX)                                                     \
  XX(FILE_LOCKED, file_locked, "file-locked",                                 \
     "Another process has the file open", 1,                                  \
     FSD__PROBE_HOLDERS | FSD__PROBE_WIN32)                                   \
  XX(SYMLINK_PRIVILEGE, symlink_privilege, "symlink-privilege",               \
     "This account may not create symlinks", 0,                               \
     FSD__PROBE_FS | FSD__PROBE_DEST_FS | FSD__PROBE_PRIV)                    \
  XX(FS_NO_SYMLINKS, fs_no_symlinks, "fs-no-symlinks",                        \
     "The filesystem cannot store symlinks", 0,                               \
     FSD__PROBE_FS | FSD__PROBE_DEST_FS | FSD__PROBE_PRIV)                    \
  XX(FS_NO_HARDLINKS, fs_no_hardlinks, "fs-no-hardlinks",                     \
     "The filesystem cannot store hard links", 0,                             \
     FSD__PROBE_FS | FSD__PROBE_DEST_FS | FSD__PROBE_PRIV)                    \
  XX(FS_NO_PERMISSIONS, fs_no_permissions, "fs-no-permissions",               \
     "The filesystem cannot store owners or modes", 0,                        \
     FSD__PROBE_FS | FSD__PROBE_DEST_FS)                                      \
  XX(READONLY_ATTRIBUTE, readonly_attribute, "readonly-attribute",            \
     "The read-only attribute is set", 0, FSD__PROBE_PATH)                    \
  XX(PERMISSION_DENIED, permission_denied, "permission-denied",               \
     "Permission bits deny this user", 0,                                     \
     FSD__ACCESS_PROBES | FSD__PROBE_PROGRAM)                                 \
  XX(WRONG_OWNER, wrong_owner, "wrong-owner",                                 \
     "The files belong to another user", 0, FSD__ACCESS_PROBES)               \
  XX(IMMUTABLE_FILE, immutable_file, "immutable-file",                        \
     "The immutable or append-only flag is set", 0,                           \
     FSD__PROBE_PATH | FSD__PROBE_DEST_PATH)                                  \
  XX(READ_ONLY_FS, read_only_fs, "read-only-fs",                              \
     "The filesystem is mounted read-only", 0,                                \
     FSD__PROBE_FS | FSD__PROBE_CWD_FS | FSD__PROBE_DEST_FS)                  \
  XX(GLOBAL_PREFIX_NOT_WRITABLE, global_prefix_not_writable,                  \
     "global-prefix-not-writable", "npm's global prefix is not writable", 0,  \
     FSD__ACCESS_PROBES)                                                      \
  XX(NETWORK_FS, network_fs, "network-fs",                                    \
     "The path is on a network filesystem", 0, FSD__PROBE_FS)                 \
  XX(WSL_WINDOWS_MOUNT, wsl_windows_mount, "wsl-windows-mount",               \
     "A WSL project on a Windows drive", 0, FSD__PROBE_FS)                    \
  XX(WSL_MIXED_NODE, wsl_mixed_node, "wsl-mixed-node",                        \
     "Windows node is running inside WSL", 0, 0)                              \
  XX(HARD_LINK_LIMIT, hard_link_limit, "hard-link-limit",                     \
     "The file is at the hard-link limit", 0,                                 \
     FSD__PROBE_FS | FSD__PROBE_NLINK | FSD__PROBE_WIN32)                     \
  XX(SUBDIRECTORY_LIMIT, subdirectory_limit, "subdirectory-limit",            \
     "The directory is at the subdirectory limit", 0,                         \
     FSD__PROBE_FS | FSD__PROBE_NLINK)                                        \
  XX(SYMLINK_LOOP, symlink_loop, "symlink-loop",                              \
     "Symlinks form a loop", 0, FSD__PROBE_PATH | FSD__PROBE_LINKS)           \
  XX(BROKEN_SYMLINK, broken_symlink, "broken-symlink",                        \
     "A symlink on the path points at nothing", 0,                            \
     FSD__PROBE_PATH | FSD__PROBE_LINKS)                                      \
  XX(TOO_MANY_OPEN_FILES, too_many_open_files, "too-many-open-files",         \
     "This process ran out of file descriptors", 1, FSD__PROBE_LIMITS)        \
  XX(WATCHER_LIMIT, watcher_limit, "watcher-limit",                           \
     "The file watcher limit is reached", 0,                                  \
     FSD__PROBE_LIMITS | FSD__PROBE_FS | FSD__PROBE_CWD_FS |                  \
         FSD__PROBE_DEST_FS)                                                  \
  XX(FILE_TABLE_FULL, file_table_full, "file-table-full",                     \
     "The system file table is full", 1, FSD__PROBE_LIMITS)                   \
  XX(DISK_FULL, disk_full, "disk-full", "The disk is full", 0,                \
     FSD__PROBE_FS | FSD__PROBE_CWD_FS | FSD__PROBE_DEST_FS)                  \
  XX(INODES_EXHAUSTED, inodes_exhausted, "inodes-exhausted",                  \
     "The filesystem has no free inodes", 0,                                  \
     FSD__PROBE_FS | FSD__PROBE_CWD_FS | FSD__PROBE_DEST_FS)                  \
  XX(QUOTA_EXCEEDED, quota_exceeded, "quota-exceeded",                        \
     "The disk quota is used up", 0,                                          \
     FSD__PROBE_FS | FSD__PROBE_CWD_FS | FSD__PROBE_DEST_FS)                  \
  XX(PATH_TOO_LONG, path_too_long, "path-too-long",                           \
     "The path or a name in it is too long", 0,                               \
     FSD__PROBE_FS | FSD__PROBE_PATH)                                         \
  XX(INVALID_NAME, invalid_name, "invalid-name",                              \
     "A name the filesystem cannot hold", 0, FSD__PROBE_FS | FSD__PROBE_WIN32) \
  XX(CROSS_DEVICE, cross_device, "cross-device",                              \
     "Rename across filesystems", 0, FSD__PROBE_FS | FSD__PROBE_DEST_FS)      \
  XX(TEXT_FILE_BUSY, text_file_busy, "text-file-busy",                        \
     "The file is a running program", 1, FSD__PROBE_HOLDERS)                  \
  XX(MOUNT_POINT_BUSY, mount_point_busy, "mount-point-busy",                  \
     "The path is a mount point", 0, FSD__PROBE_FS | FSD__PROBE_DEST_FS)      \
  XX(DIR_NOT_EMPTY, dir_not_empty, "dir-not-empty",                           \
     "The directory is not empty", 1,                                         \
     FSD__PROBE_PATH | FSD__PROBE_DEST_PATH | FSD__PROBE_HOLDERS)             \
  XX(CORRUPTED_CACHE, corrupted_cache, "corrupted-cache",                     \
     "npm's cache has broken leftovers", 0, 0)                                \
  XX(PROTECTED_LOCATION, protected_location, "protected-location",            \
     "A protected system location", 0, FSD__ACCESS_PROBES)                    \
  XX(WALK_OUTSIDE_PROJECT, walk_outside_project, "walk-outside-project",     \
     "A tool walked outside the project", 0, FSD__PROBE_PATH)                 \
  XX(COPY_INTO_ITSELF, copy_into_itself, "copy-into-itself",                  \
     "A copy step copies its output into itself", 0, 0)                       \
  XX(INSTALL_LEFTOVER, install_leftover, "install-leftover",                  \
     "Leftovers of an interrupted install", 0,                                \
     FSD__PROBE_PATH | FSD__PROBE_DEST_PATH)                                  \
  XX(COMMAND_TOO_LONG, command_too_long, "command-too-long",                  \
     "The command line or environment is too long", 0, 0)                     \
  XX(MISSING_PATH, missing_path, "missing-path",                              \
     "A part of the path does not exist", 0,                                  \
     FSD__PROBE_PATH | FSD__PROBE_LINKS | FSD__PROBE_PROGRAM)                                      \
  XX(WRONG_FILE_TYPE, wrong_file_type, "wrong-file-type",                     \
     "A file where a directory was expected, or the reverse", 0,              \
     FSD__PROBE_PATH)                                                         \
  XX(NAME_TAKEN, name_taken, "name-taken",                                    \
     "Something is already at the path being created", 0,                    \
     FSD__PROBE_PATH | FSD__PROBE_DEST_PATH)                                  \
  XX(SHIM_WITHOUT_SHELL, shim_without_shell, "shim-without-shell",          \
     "A .cmd or .bat command started without a shell", 0,                     \
     FSD__PROBE_PROGRAM)                                                      \
  XX(UNKNOWN, unknown, "unknown", "No known cause matched", 0,                \
     FSD__PROBE_PATH | FSD__PROBE_WIN32)

typedef enum {
#define FSD__CAUSE_ENUM(NAME, stem, id, title, transient, probes) \
  FSD_CAUSE_##NAME,
  FSD_CAUSE_MAP(FSD__CAUSE_ENUM)
#undef FSD__CAUSE_ENUM
  FSD_CAUSE_COUNT
} fsd_cause_id_t;
/* clang-format on */

#endif
