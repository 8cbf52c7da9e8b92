/* What systems and tools say for an error, in words and in numbers: the
 * tables the loose pass (errtext_loose.c) reads a line against. */

#include "parse/errtext_int.h"

#include <string.h>

/* The system's texts for an error, lower-case, longest first where one
 * contains another. plat names the one platform whose text it is; call the
 * system call the text itself says. */
const fsd__text_t fsd__texts[] = {
    /* Node's and libuv's own texts for the watcher limit on Linux */
    {"system limit for number of file watchers reached", "ENOSPC", "linux",
     "watch"},
    {"user limit on inotify watches reached", "ENOSPC", "linux", "watch"},
    {"inotify watch limit reached", "ENOSPC", "linux", "watch"},
    {"upper limit on inotify watches reached", "ENOSPC", "linux", "watch"},
    /* watchman's and Java's (LinuxWatchService) */
    {"the user limit on the total number of inotify watches was reached",
     "ENOSPC", "linux", "watch"},
    {"user limit of inotify watches reached", "ENOSPC", "linux", "watch"},
    /* Windows (FormatMessage) */
    {"the process cannot access the file because it is being used by "
     "another process", "EBUSY", "win32", NULL},
    {"being used by another process", "EBUSY", "win32", NULL},
    /* .NET puts the path inside: "The process cannot access the file
     * 'C:\\x' because it is being used by another process." */
    {"the process cannot access the file '", "EBUSY", "win32", NULL},
    {"the process cannot access the file \"", "EBUSY", "win32", NULL},
    /* MSBuild's copy (MSB3027): "The file is locked by: "Code.exe (12345)"" */
    {"the file is locked by:", "EBUSY", "win32", NULL},
    {"another process has locked a portion of the file", "EBUSY", "win32",
     NULL},
    {"there is not enough space on the disk", "ENOSPC", "win32", NULL},
    {"the system cannot find the path specified", "ENOENT", "win32", NULL},
    /* ERROR_INVALID_NAME (123), which libuv reports as ENOENT */
    {"the filename, directory name, or volume label syntax is incorrect",
     "ENOENT", "win32", NULL},
    {"the system cannot find the file specified", "ENOENT", "win32", NULL},
    {"the directory is not empty", "ENOTEMPTY", "win32", NULL},
    /* ERROR_TOO_MANY_LINKS (1142): a file's links, or a directory's
     * subdirectories on the server's filesystem */
    {"an attempt was made to create more links on a file than the file "
     "system supports", "EMLINK", "win32", NULL},
    {"a required privilege is not held by the client", "EPERM", "win32",
     "symlink"},
    {"the filename or extension is too long", "ENAMETOOLONG", "win32", NULL},
    /* .NET, PowerShell and MSBuild (MAX_PATH), git for Windows */
    {"the specified path, file name, or both are too long", "ENAMETOOLONG",
     "win32", NULL},
    {"file name, or both are too long", "ENAMETOOLONG", "win32", NULL},
    {"the fully qualified file name must be less than 260 characters",
     "ENAMETOOLONG", "win32", NULL},
    {"filename too long", "ENAMETOOLONG", "win32", NULL},
    {"(path too long)", "ENAMETOOLONG", "win32", NULL},
    {"the media is write protected", "EROFS", "win32", NULL},
    {"cannot create a file when that file already exists", "EEXIST", "win32",
     NULL},
    {"cannot move the file to a different disk drive", "EXDEV", "win32",
     NULL},
    {"access is denied", "EPERM", "win32", NULL},
    /* cmd.exe started in a \\server\share (\\wsl$) directory: no errno */
    {"unc paths are not supported", "UNKNOWN", "win32", NULL},
    /* .NET's UnauthorizedAccessException: "Access to the path 'C:\x' is
     * denied." */
    {"access to the path", "EPERM", "win32", NULL},
    /* Syncthing's check of names a Windows device would refuse */
    {"is invalid, contains windows reserved", "ENOENT", "win32", NULL},
    /* a tool's check that the filesystem keeps symlinks */
    {"seems not to support softlinks", "EOPNOTSUPP", NULL, "symlink"},
    {"does not support softlinks", "EOPNOTSUPP", NULL, "symlink"},
    {"filesystem does not support symbolic links", "EOPNOTSUPP", NULL, "symlink"},
    {"file system does not support symbolic links", "EOPNOTSUPP", NULL, "symlink"},
    /* glibc, macOS and libuv (uv_strerror) */
    {"too many open files in system", "ENFILE", NULL, NULL},
    {"file table overflow", "ENFILE", NULL, NULL},
    {"too many open files", "EMFILE", NULL, NULL},
    {"too many files open", "EMFILE", NULL, NULL}, /* Python's paraphrase */
    {"no space left on device", "ENOSPC", NULL, NULL},
    {"disk quota exceeded", "EDQUOT", NULL, NULL},
    {"disc quota exceeded", "EDQUOT", "darwin", NULL},
    {"resource busy or locked", "EBUSY", NULL, NULL},
    {"device or resource busy", "EBUSY", "linux", NULL},
    {"device is busy", "EBUSY", "linux", NULL}, /* older umount, Docker */
    {"resource busy", "EBUSY", NULL, NULL},
    {"operation not permitted", "EPERM", NULL, NULL},
    /* npm's own check before it writes: "Missing write access to /x" */
    {"missing write access to", "EACCES", NULL, "access"},
    {"permission denied", "EACCES", NULL, NULL},
    {"permission is denied", "EACCES", NULL, NULL}, /* ModSecurity, nginx */
    /* a program's own check before it writes (mongod's journal) */
    {"insufficient free space", "ENOSPC", NULL, NULL},
    /* Elasticsearch's bootstrap check of its descriptor limit */
    {"max file descriptors [", "EMFILE", NULL, NULL},
    {"read-only file system", "EROFS", NULL, NULL},
    /* the kernel's log when a filesystem's errors make it read-only */
    {"remounting filesystem read-only", "EROFS", "linux", NULL},
    {"too many levels of symbolic links", "ELOOP", NULL, NULL},
    {"too many symbolic links encountered", "ELOOP", NULL, NULL},
    {"circular symlink detected", "ELOOP", NULL, NULL}, /* chokidar */
    {"too many links", "EMLINK", NULL, NULL},
    {"file name too long", "ENAMETOOLONG", NULL, NULL},
    {"name too long", "ENAMETOOLONG", NULL, NULL},
    {"argument list too long", "E2BIG", NULL, NULL},
    {"command line too long", "E2BIG", NULL, "spawn"},
    {"the command line is too long", "E2BIG", "win32", "spawn"}, /* cmd.exe */
    {"invalid cross-device link", "EXDEV", NULL, NULL},
    {"cross-device link not permitted", "EXDEV", NULL, NULL},
    {"cross-device link", "EXDEV", NULL, NULL},
    {"text file busy", "ETXTBSY", NULL, NULL},
    {"text file is busy", "ETXTBSY", NULL, NULL},
    {"directory not empty", "ENOTEMPTY", NULL, NULL},
    {"illegal operation on a directory", "EISDIR", NULL, NULL},
    {"is a directory", "EISDIR", NULL, NULL},
    {"not a directory", "ENOTDIR", NULL, NULL},
    {"no such file or directory", "ENOENT", NULL, NULL},
    {"file already exists", "EEXIST", NULL, NULL},
    {"file exists", "EEXIST", NULL, NULL},
    {"no locks available", "ENOLCK", NULL, NULL},
    /* Windows' Smart App Control and WDAC (ERROR 4551): a policy, no
     * errno */
    {"app control policy blocked this file", "EPERM", "win32", NULL},
    /* Deno refuses a .cmd or .bat without a shell as Node does */
    {"use a shell to execute .bat or .cmd files", "EINVAL", NULL, "spawn"},
    /* an AF_UNIX socket's path is limited (sun_path: 104 or 108 bytes) */
    {"exceeds the maximum socket length", "ENAMETOOLONG", NULL, NULL},
    {"socket path too long", "ENAMETOOLONG", NULL, NULL},
    /* SQLite's SQLITE_CANTOPEN (14) names no reason */
    {"unable to open database file", "UNKNOWN", NULL, "open"},
    /* Windows: changing a file's access list (only its owner may) */
    {"setnamedsecurityinfow failed", "EPERM", "win32", "chmod"},
    /* Python's repr of the exception: "PermissionError(13, 'Access
     * Denied.', None, 5)" (pyserial on Windows) */
    {"permissionerror(13, ", "EACCES", NULL, NULL},
    /* BitBake's disk monitor before the disk is full */
    {"the disk space monitor action is", "ENOSPC", NULL, NULL},
    /* a tool's own check of the path's length (esp-idf-sys) */
    {"too long output directory", "ENAMETOOLONG", NULL, NULL},
    /* musl's words for EMFILE (Alpine images: nginx's "(24: ...)") */
    {"no file descriptors available", "EMFILE", NULL, NULL},
    {"stale file handle", "ESTALE", NULL, NULL},
    {"stale nfs file handle", "ESTALE", NULL, NULL},
    {"has maximum number of links", "EMLINK", NULL, "link"},
    {"input/output error", "EIO", NULL, NULL},
    {"i/o error", "EIO", NULL, NULL},
    /* Java's java.nio.file exceptions and Dart's dart:io ones name the
     * error in the class, the path after it */
    {"accessdeniedexception", "EACCES", NULL, NULL},
    {"nosuchfileexception", "ENOENT", NULL, NULL},
    {"filealreadyexistsexception", "EEXIST", NULL, NULL},
    {"directorynotemptyexception", "ENOTEMPTY", NULL, NULL},
    {"notdirectoryexception", "ENOTDIR", NULL, NULL},
    {"filesystemloopexception", "ELOOP", NULL, NULL},
    {"pathexistsexception", "EEXIST", NULL, NULL},
    {"pathnotfoundexception", "ENOENT", NULL, NULL},
    {"pathaccessexception", "EACCES", NULL, NULL},
    /* Windows' ERROR_ALREADY_EXISTS and sharing violation in other words */
    {"no se puede crear un archivo que ya existe", "EEXIST", "win32", NULL},
    {"impossible de créer un fichier déjà existant", "EEXIST", "win32", NULL},
    {"file is used by another process", "EBUSY", "win32", NULL},
    /* MySQL/MariaDB: "Got error 28 from storage engine" is errno 28 */
    {"got error 28 from storage engine", "ENOSPC", NULL, NULL},
    /* More tools' words */
    {"privilege not held", "EPERM", "win32", "symlink"},
    {"function not implemented", "ENOSYS", NULL, NULL},
    {"on the number of inotify instances", "EMFILE", "linux", "watch"},
    {"would be too long for the destination folder", "ENAMETOOLONG", "win32",
     NULL}, /* Explorer */
    {"destination path too long", "ENAMETOOLONG", "win32", NULL},
    {"mounted in read-only mode", "EROFS", NULL, NULL},
    {"a subdirectory or file", "EEXIST", "win32", "mkdir"}, /* cmd's md */
    {"with that name already exist", "EEXIST", NULL, NULL},
    /* Gradle: "Unable to delete directory ... a process has files open" */
    {"a process has files open", "EBUSY", NULL, "rmdir"},
    /* EINVAL's strerror is everyday words too ("TypeError: Invalid
     * argument"): read only where strerror stands (errtext_loose.c) */
    {"invalid argument", "EINVAL", NULL, NULL},
    /* EPROTO from a VirtualBox share's symlink: prose elsewhere ("HTTP
     * protocol error"), so read only where strerror stands */
    {"protocol error", "EPROTO", NULL, NULL},
    {"operation not supported", "EOPNOTSUPP", NULL, NULL},
    /* .NET's DirectoryNotFoundException and FileNotFoundException */
    {"could not find a part of the path", "ENOENT", NULL, NULL},
    {"could not find file '", "ENOENT", NULL, NULL},
    /* ERROR_CLOUD_FILE_INCOMPATIBLE_HARDLINKS (396): OneDrive's files */
    {"on a file with incompatible hardlinks", "UNKNOWN", "win32", "link"},
    /* git refusing a name this system cannot hold (core.protectNTFS) */
    {"error: invalid path", "EINVAL", NULL, NULL},
    /* umount(8) and udisks: "umount: /media/x: target is busy" */
    {"target is busy", "EBUSY", "linux", "umount"},
    /* Mono's and Unity's IOException: "Sharing violation on path C:\x" */
    {"sharing violation on path", "EBUSY", "win32", NULL},
    {"sharing violation", "EBUSY", "win32", NULL},
    /* maven-clean-plugin: "Failed to clean project: Failed to delete C:\x" */
    {"failed to clean project: failed to delete", "EBUSY", NULL, "unlink"},
    /* R: "cannot remove prior installation of package 'x'" */
    {"cannot remove prior installation of package", "EBUSY", NULL, "unlink"},
    {"the directory isn't empty", "ENOTEMPTY", "win32", NULL},
    {"insufficient disk space", "ENOSPC", NULL, NULL},
    {"not enough disk space", "ENOSPC", NULL, NULL},
    /* Docker: "invalid mount config for type "bind": bind source path does
     * not exist: /x" */
    {"bind source path does not exist:", "ENOENT", NULL, NULL},
    {"bind source path does not exist", "ENOENT", NULL, NULL},
    /* git for Windows: a working tree past MAX_PATH */
    {"'$git_dir' too big", "ENAMETOOLONG", "win32", NULL},
    /* NSIS installers: "Can't write: C:\Program Files\x\y.exe" */
    {"can't write:", "EACCES", "win32", "open"},
    /* the MSVC linker: "LNK1168: cannot open x.exe for writing" is the
     * program still running */
    {"fatal error lnk1168", "EBUSY", "win32", "open"},
    /* CMake and ninja on Windows: "The maximum full path to an object file
     * is 250 characters", "Stat(x): Filename longer than 260 characters" */
    {"the maximum full path to an object file is", "ENAMETOOLONG", "win32",
     NULL},
    {"filename longer than 260 characters", "ENAMETOOLONG", "win32", NULL},
    /* Android's build tools: "Error: File path too long on Windows, keep
     * below 240 characters" */
    {"file path too long", "ENAMETOOLONG", NULL, NULL},
    /* Gradle: "Unable to delete file: C:\\x\\y.jar" (a process holds it) */
    {"unable to delete file:", "EBUSY", NULL, "unlink"},
    /* Gradle: "Could not read workspace metadata from <cache>/metadata.bin" */
    {"could not read workspace metadata from", "ENOENT", NULL, "open"},
    /* Flutter: "Building with plugins requires symlink support." */
    {"requires symlink support", "EPERM", "win32", "symlink"},
    /* the Android emulator: "Not enough space to create userdata
     * partition" */
    {"not enough space to create userdata partition", "ENOSPC", NULL, NULL},
    /* DuckDB: 'Could not set lock on file "x.db": Conflicting lock is held
     * in <program> (PID n)' */
    {"could not set lock on file", "EBUSY", NULL, "open"},
    /* Godot: "Unable to write to file 'x', file in use, locked or lacking
     * permissions" */
    {"file in use, locked or lacking permissions", "EBUSY", NULL, NULL},
    /* NSIS: "Error opening file for writing: C:\\x\\y.exe" */
    {"error opening file for writing:", "EBUSY", "win32", "open"},
    /* ERROR_VIRUS_INFECTED (225), which libuv has no name for */
    {"operation did not complete successfully because the file contains a "
     "virus", "UNKNOWN", "win32", NULL},
    {"the file contains a virus", "UNKNOWN", "win32", NULL},
    /* Explorer: "... because the folder is open in another program" */
    {"is open in another program", "EBUSY", "win32", NULL},
    {"or directory already exists", "EEXIST", NULL, NULL},
    {"number of inotify watches has been reached", "ENOSPC", "linux",
     "watch"},
    /* BSD's strerror(EBUSY), and Go's fs.ErrNotExist ("stat x: file does
     * not exist"): strerror-only words (errtext_loose.c) */
    {"device busy", "EBUSY", NULL, NULL},
    {"file does not exist", "ENOENT", NULL, NULL},
    /* ntfs-3g on a hibernated Windows volume: "Falling back to read-only
     * mount because the NTFS partition is in an unsafe state" */
    {"falling back to read-only mount", "EROFS", "linux", NULL},
    /* npm's own words for EACCES in its cache */
    {"your cache folder contains root-owned files", "EACCES", NULL, NULL},
    /* git's receive-pack writing into a repository shared by users */
    {"insufficient permission for adding an object to repository database",
     "EACCES", NULL, "open"},
    /* conda: "EnvironmentNotWritableError: The current user does not have
     * write permissions to the target environment" */
    {"environmentnotwritableerror", "EACCES", NULL, NULL},
    /* Explorer: "You require permission from COMPUTER\user to make changes
     * to this folder": the folder is another account's */
    {"you require permission from", "EPERM", "win32", NULL},
    /* RethinkDB and others: "(errno 22 - Invalid argument)" */
    {"errno 22 - invalid argument", "EINVAL", NULL, NULL},
    {"errno: 22 - invalid argument", "EINVAL", NULL, NULL},
    /* mv(1) when rename says EINVAL: "cannot move 'a' to a subdirectory of
     * itself, 'b'" */
    {"to a subdirectory of itself", "EINVAL", NULL, "rename"},
    /* cp(1): "cannot copy a directory, 'a', into itself, 'a/b'" (its only
     * "cannot copy a directory"); Node's
     * fs.cp: "cannot copy a to a subdirectory of self a/b" */
    {"cannot copy a directory, ", "EINVAL", NULL, "copyfile"},
    {"to a subdirectory of self", "EINVAL", NULL, "copyfile"},
    /* Sparkle's updater in an app macOS translocated to a read-only
     * image: "can't be updated when it's running from a read-only volume" */
    {"running from a read-only volume", "EROFS", "darwin", NULL},
    /* Squirrel.Mac: "Cannot update while running on a read-only volume" */
    {"on a read-only volume", "EROFS", "darwin", NULL},
    /* Gradle: "Could not move temporary workspace (x) to immutable location
     * (y)": on Windows, where an open file cannot be moved, its daemon or a
     * scanner holds one (elsewhere the move does not fail that way) */
    {"could not move temporary workspace", "EBUSY", "win32", "rename"},
    /* EDEADLK on macOS: read() of an iCloud file evicted to the cloud */
    {"resource deadlock avoided", "EDEADLK", "darwin", NULL},
    /* macOS's sandbox: "Sandbox: zsh(96617) deny(1) file-read-data /x" */
    {"deny(1) file-", "EPERM", "darwin", NULL},
    /* ERROR_CLOUD_FILE_PROVIDER_NOT_RUNNING (362): OneDrive is not running */
    {"the cloud file provider is not running", "UNKNOWN", "win32", NULL},
    /* ERROR_OPEN_FAILED (110), as HRESULT -2147024786 most often: a file
     * just written that a scanner holds */
    {"the system cannot open the device or file specified", "EBUSY", "win32",
     "open"},

    /* wine, and other tools that check the owner first: "'<path>' is not
     * owned by you" (wrong-owner needs the quote: a path, not a
     * repository or a domain) */
    {"is not owned by you", "EACCES", NULL, NULL},

    {NULL, NULL, NULL, NULL}};


/* A code some system text above stands for: the filesystem's codes. */
static int fsd__text_code(const char *code) {
  size_t i;
  for (i = 0; fsd__texts[i].text != NULL; i++)
    if (strcmp(fsd__texts[i].code, code) == 0) return 1;
  return 0;
}

/* errno values 1 to 34 are the same on Linux, macOS and Windows' C
 * runtime: a number alone names the code anywhere. The numbers are
 * errtext_tab.c's; a number the two numberings read apart is left. */
int fsd__errno_number(const char *s, size_t n, fsd__ev_t *ev) {
  /* and as C programs log it: "errno = 38", "errno: 24", FFmpeg's
   * negated "errno -2" */
  static const char *const lead[] = {"(os error ", "errcode: ", "[errno ",
                                     "errno = ", "errno: ", "errno=", "errno -",
                                     NULL};
  size_t i, at, k;
  unsigned long num;
  const char *code;
  for (i = 0; lead[i] != NULL; i++) {
    at = fsd__find_text(s, n, lead[i]);
    if (at >= n) continue;
    k = at + strlen(lead[i]);
    for (num = 0; k < n && fsd__is_digit((unsigned char)s[k]) && num < 1000; k++)
      num = num * 10 + (unsigned long)(s[k] - '0');
    if (num == 0 || num > 34) return 0;
    code = fsd__errno_code(-(int64_t)num, 0);
    if (code == NULL || fsd__errno_platform(-(int64_t)num, code) != NULL ||
        !fsd__text_code(code))
      return 0;
    fsd__set_word(ev->code, sizeof(ev->code), code, strlen(code));
    return 1;
  }
  return 0;
}

/* Go's exec error as tools print it (nvm-windows: "exit status 1: Access
 * is denied.", or the same in a console's code page): a failure with no
 * errno, read as UNKNOWN at the start of a line. */
int fsd__exit_status(const char *s, size_t n, fsd__ev_t *ev) {
  size_t i = 0, d;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '_' || s[i] == '*' ||
                   s[i] == '>'))
    i++;
  if (n - i < 14 || fsd__find_text(s + i, n - i, "exit status ") != 0) return 0;
  for (d = i + 12; d < n && fsd__is_digit((unsigned char)s[d]); d++)
    ;
  if (d == i + 12 || d >= n || s[d] != ':') return 0;
  fsd__set_word(ev->code, sizeof(ev->code), "UNKNOWN", 7);
  return 1;
}

/* A shell that could not run a script: dash's "<script>: <line>: <cmd>:
 * not found" (the line's last words) or "<script>: <line>: Syntax error:"
 * (a script with Windows line endings, a Windows script run by a Linux
 * shell). UNKNOWN, with the script's path. A shell's own name before the
 * number ("/bin/sh: 1: react-scripts: not found") is its -c line, a
 * command not installed, and no file's error. */
int fsd__script_failed(const char *s, size_t n, fsd__ev_t *ev) {
  static const char *const shells[] = {"sh", "bash", "dash", "zsh", "ksh", "ash", NULL};
  size_t i = 0, k, d, b, j;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  if (i >= n || s[i] != '/') return 0;
  for (k = i + 1; k + 4 < n; k++) {
    if (s[k] != ':' || s[k + 1] != ' ' || !fsd__is_digit((unsigned char)s[k + 2]))
      continue;
    for (d = k + 2; d < n && fsd__is_digit((unsigned char)s[d]); d++)
      ;
    if (d + 1 >= n || s[d] != ':' || s[d + 1] != ' ') continue;
    if (!(n - d >= 11 && memcmp(s + n - 11, ": not found", 11) == 0) &&
        fsd__find_text(s + d, n - d, "syntax error:") >= n - d)
      return 0;
    for (b = k; b > i && s[b - 1] != '/'; b--)
      ;
    for (j = 0; shells[j] != NULL; j++)
      if (k - b == strlen(shells[j]) && memcmp(s + b, shells[j], k - b) == 0) return 0;
    fsd__set_word(ev->code, sizeof(ev->code), "UNKNOWN", 7);
    fsd__set_path(ev->path, s + i, k - i);
    return 1;
  }
  return 0;
}

/* What coreutils, git and shells say before a quoted path. */
const fsd__words_call_t fsd__verbs[] = {{"create directory", "mkdir"},
                  {"changing permissions", "chmod"}, /* chmod(1), initdb */
                  {"change file mode", "chmod"},     /* BSD chmod(1) */
                  {"change permissions", "chmod"},
                  {"changing ownership", "chown"},
                  {"change ownership", "chown"},
                  {"change owner", "chown"},
                  {"setting times", "utime"}, /* touch(1) */
                  {"cannot touch", "open"},   /* touch(1) creating it */
                  {"preserving times", "utime"}, /* cp -p */
                  {"cannot run program", "spawn"}, /* Java's ProcessBuilder */
                  {"reading dir", "scandir"},
                  {"read dir", "scandir"},
                  {"read directory", "scandir"},
                  {"open directory", "opendir"},
                  {"create regular file", "open"},
                  {"create symbolic link", "symlink"},
                  {"create hard link", "link"},
                  {"creating symbolic link", "symlink"},
                  {"create link", "link"},
                  {"remove", "unlink"},
                  {"unlink", "unlink"},
                  {"delete", "unlink"},
                  {"move", "rename"},
                  {"rename", "rename"},
                  {"overwrite", "open"},
                  {"create", "open"},
                  {"open", "open"},
                  {"stat", "stat"},
                  {"access", "stat"},
                  {"copy", "copyfile"},
                  {"write", "write"},
                  {"read", "read"},
                  {"watch", "watch"},
                  {NULL, NULL}};

/* Words that name the call wherever they stand on the line, for a system
 * text with no path to find it by: Python's calls, dpkg's backup link. */
const fsd__words_call_t fsd__call_words[] = {{"make backup link", "link"}, /* dpkg */
                       {"creating hard link", "link"}, /* nix */
                       {"to create hard link", "link"}, /* ln(1) in a log */
                       {"to create symbolic link", "symlink"},
                       {"failed to hardlink", "link"}, /* uv */
                       {"failed to symlink", "symlink"}, /* uv */
                       {"unable to symlink", "symlink"}, /* venv */
                       {"unable to create symlink", "symlink"}, /* git */
                       /* PostgreSQL's WAL and RocksDB's checkpoints:
                        * hard links */
                       {"could not link file", "link"},
                       {"while link file to", "link"},
                       /* podman's :Z relabel: lsetxattr of each file */
                       {"relabel failed", "setxattr"},
                       /* the launcher of pip's console scripts */
                       {"unable to create process using", "spawn"},
                       {"fsync()", "fsync"},
                       {"sync parent directory", "fsync"},
                       {"os.link(", "link"},
                       {"os.symlink(", "symlink"},
                       {"os.rename(", "rename"},
                       {"os.replace(", "rename"},
                       {"os.remove(", "unlink"},
                       {"os.unlink(", "unlink"},
                       {"os.rmdir(", "rmdir"},
                       {"os.mkdir(", "mkdir"},
                       {"os.makedirs(", "mkdir"},
                       /* shutil.rmtree( and "rmtree failed": it unlinks
                        * the files in the tree, then removes each dir */
                       {"rmtree(", "unlink"},
                       {"rmtree failed", "unlink"},
                       /* GNU tar: "tar: x: Cannot utime: ..." */
                       {"cannot utime", "utime"},
                       {"failed to set times on", "utime"}, /* rsync */
                       {"chmod on ", "chmod"}, /* git: "chmod on x failed" */
                       {"cannot change mode to", "chmod"},
                       {"cannot change ownership to", "chown"},
                       {NULL, NULL}};

/* The call a line of code names ("    os.symlink(src, dst)" in a
 * traceback): only the words of fsd__call_words written as a call. */
const char *fsd__call_coded(const char *s, size_t n) {
  size_t i;
  for (i = 0; fsd__call_words[i].words != NULL; i++)
    if (strchr(fsd__call_words[i].words, '(') != NULL &&
        fsd__find_text(s, n, fsd__call_words[i].words) < n)
      return fsd__call_words[i].call;
  return NULL;
}

/* The call any words of fsd__call_words on a line name, or NULL. */
const char *fsd__call_named(const char *s, size_t n) {
  size_t i;
  for (i = 0; fsd__call_words[i].words != NULL; i++)
    if (fsd__find_text(s, n, fsd__call_words[i].words) < n)
      return fsd__call_words[i].call;
  return NULL;
}
