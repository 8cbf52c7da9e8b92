/* Tools' own words for the filesystem's errors, with no errno name: git,
 * SQLite, conda, Jupyter, Java, TeX Live, R, flatpak, Syncthing and the
 * like. The loose pass (errtext_loose.c) reads a line against these after
 * fsd__texts and fsd__texts_intl, by the same rules; and the forms of
 * some tools' lines whose path sits in their own words. */

#include "parse/errtext_int.h"

#include <stddef.h>
#include <string.h>

const fsd__text_t fsd__texts_tools[] = {
    /* Syncthing's and unison's own words for the same limit */
    {"please increase inotify limits", "ENOSPC", "linux", "watch"},
    {"cannot add a watcher: system limit reached", "ENOSPC", "linux",
     "watch"},
    /* Gradle's file-system watching */
    {"inotify watches limit is too low", "ENOSPC", "linux", "watch"},
    /* Windows' ERROR_BAD_DEVICE (1200): a device name (AUX, CON, NUL) as
     * a file's */
    {"the specified device name is invalid", "EINVAL", "win32", NULL},
    /* Windows' ERROR_INVALID_FUNCTION through Java: the filesystem does
     * not implement the call (a lock on a share or a FUSE drive) */
    {"ioexception: incorrect function", "EOPNOTSUPP", "win32", NULL},
    /* apt and dpkg: the lock another process holds (fcntl) */
    {"could not get lock /", "EAGAIN", "linux", "open"},
    {"unable to acquire the dpkg frontend lock", "EAGAIN", "linux", "open"},
    /* pacman: its lock file is there (made with O_EXCL) */
    {"unable to lock database", "EEXIST", "linux", "open"},
    /* Chromium's profile lock: SingletonLock, a link naming host and pid
     * (another host's: a container's earlier run), and Windows' lockfile
     * another Chrome holds */
    {"profile appears to be in use by another", "EEXIST", NULL, "symlink"},
    {"user data directory is already in use", "EBUSY", NULL, NULL},
    {"lock file can not be created! error code: 5", "EBUSY", "win32", "open"},
    {"unable to move the cache: 5", "EBUSY", "win32", "rename"},
    /* Emacs checks its server directory's owner itself */
    {".emacs.d/server' is unsafe", "EACCES", NULL, NULL},
    {".emacs.d/server\xe2\x80\x99 is unsafe", "EACCES", NULL, NULL},
    /* the Nix store, mounted read-only: Emacs' native compilation and
     * nvim-treesitter writing next to their packages */
    {"no write access for /nix/store/", "EROFS", "linux", "open"},
    /* AppArmor's audit line (its path and call: fsd__apparmor) */
    {"apparmor=\"denied\"", "EACCES", "linux", NULL},
    /* SELinux's audit line (its path and call: fsd__avc) */
    {"avc:  denied  {", "EACCES", "linux", NULL},
    {"avc: denied {", "EACCES", "linux", NULL},
    /* .NET's ERROR_FILE_EXISTS: "IOException: The file 'C:\\x' already
     * exists." (File.Copy, File.Move, ZipFile); its only "The file '" */
    {"ioexception: the file '", "EEXIST", "win32", NULL},
    /* Windows' ERROR_UNTRUSTED_MOUNT_POINT (448): a reparse point on the
     * path Windows will not follow (OneDrive's cloud files, a junction an
     * ordinary user made) */
    {"(os error 448)", "UNKNOWN", "win32", NULL},
    {"[winerror 448]", "UNKNOWN", "win32", NULL},
    {"contains an untrusted mount point", "UNKNOWN", "win32", NULL},
    /* a package manager's cache entry that does not match its checksum:
     * npm's EINTEGRITY, yarn's own words */
    {"integrity checksum failed when using", "EINTEGRITY", NULL, NULL},
    {"incorrect integrity when fetching from the cache", "EINTEGRITY", NULL,
     NULL},
    /* rpm's cpio step: "unpacking of archive failed on file /etc/hosts:
     * cpio: rename" (the reason, when given, follows on the line) */
    {"cpio: rename", "UNKNOWN", "linux", "rename"},
    /* ownCloud's and Nextcloud's clients on Windows: a name the server
     * holds and Windows cannot */
    {"contains invalid characters that can not be synced", "EINVAL", "win32",
     NULL},
    /* .NET's Directory.Move across drives */
    {"source and destination path must have identical roots", "EXDEV",
     "win32", "rename"},
    /* Web Deploy (msdeploy): the running web app holds its own DLLs */
    {"because it is locked by an external process", "EBUSY", "win32",
     "open"},
    {"error_file_in_use", "EBUSY", "win32", "open"},
    /* PowerShell's "Cannot remove the item at 'x' because it is in use." */
    {"cannot remove the item at '", "EBUSY", "win32", "unlink"},
    /* ERROR_CLOUD_FILE_ACCESS_DENIED (395): OneDrive's placeholder */
    {"access to the cloud file is denied", "EPERM", "win32", NULL},
    /* HRESULT of ERROR_PATH_TOO_LONG? no: 0x80010135 is Windows' own
     * "Path too long" from the zip extractor */
    {"0x80010135", "ENAMETOOLONG", "win32", NULL},
    /* Windows Installer's error 1310 */
    {"verify that you have access to that directory", "EBUSY", "win32",
     "open"},
    /* PowerShell's ItemNotFound: "An object at the specified path x does
     * not exist." */
    {"an object at the specified path", "ENOENT", "win32", NULL},
    /* Git for Windows asks before it retries a file another process
     * holds: "Unlink of file 'x' failed. Should I try again? (y/n)" */
    {"failed. should i try again?", "EBUSY", "win32", NULL},
    /* the kernel's ntfs driver and ntfs-3g: a volume Windows left
     * hibernated or unclean is mounted read-only */
    {"$logfile is not clean", "EROFS", "linux", "mount"},
    {"falling back to read-only mount", "EROFS", "linux", "mount"},
    /* rsync: a symlink whose target is gone ("symlink has no referent:
     * \"/x\"") */
    {"symlink has no referent", "ENOENT", NULL, "stat"},
    /* Eleventy: "<path> contains invalid WIN32 path characters" */
    {"contains invalid win32 path characters", "EINVAL", "win32", NULL},
    /* macOS' loader: a library the program was linked against did not
     * load ("dyld: Library not loaded: x"); its reason follows on the next
     * lines (missing_path.c reads them): gone after Homebrew upgraded
     * it, another architecture, a signature */
    {"library not loaded: ", "UNKNOWN", "darwin", "open"},
    /* NSIS' extraction: a write that failed, most often a full drive */
    {"extract: error writing to file", "ENOSPC", "win32", "write"},
    /* electron-packager's own words when Windows refuses it symlinks */
    {"cannot create symlinks; skipping", "EPERM", NULL, "symlink"},
    /* Homebrew's link step: "Target /usr/local/bin/x\nalready exists" */
    {"already exists. you may want to remove it", "EEXIST", NULL,
     "symlink"},
    /* SQLite's SQLITE_FULL, SQLITE_BUSY (another connection's write lock,
     * or locks a network filesystem does not keep) and SQLITE_READONLY */
    {"database or disk is full", "ENOSPC", NULL, NULL},
    {"database is locked", "EBUSY", NULL, NULL},
    {"attempt to write a readonly database", "EACCES", NULL, NULL},
    /* tools' own words for a directory the user may not write: TeX Live's
     * texhash and tlmgr, gcloud's SDK directory */
    {"no write permission", "EACCES", NULL, NULL},
    {"is not writable", "EACCES", NULL, NULL},
    {"do not have permission to modify", "EACCES", NULL, NULL},
    /* R on Windows: a package's DLL still loaded by a session */
    {"cannot remove earlier installation, is it in use", "EBUSY", NULL,
     "unlink"},
    /* flatpak's own reserve of free space */
    {"min-free-space-size", "ENOSPC", NULL, NULL},
    /* util-linux mount: the device itself refuses writes */
    {"read-write, is write-protected", "EROFS", NULL, "mount"},
    {"is write-protected, mounting read-only", "EROFS", NULL, "mount"},
    {"inotify's max watch limit", "ENOSPC", "linux", "watch"},
    /* git's own words: a hook without its execute bit, two names a
     * case-insensitive filesystem holds as one, a repository another
     * user owns (safe.directory) */
    {"hook was ignored because it's not set as executable", "EACCES", NULL,
     "exec"},
    {"the following paths have collided", "EEXIST", NULL, NULL},
    {"detected dubious ownership in repository", "EACCES", NULL, NULL},
    /* Jenkins and other Java tools: "Unable to delete 'X'" */
    {"ioexception: unable to delete '", "EACCES", NULL, "unlink"},
    {"cannot delete workspace :unable to delete '", "EACCES", NULL, "unlink"},
    {"compositeioexception: unable to delete '", "EACCES", NULL, "unlink"},
    /* @actions/glob walking an artifact's folder */
    {"symlink cycle detected for path", "ELOOP", NULL, "stat"},
    /* Hugging Face's libraries: "There was a problem when trying to write
     * in your cache folder (/x/hub). You should set ..." */
    {"problem when trying to write in your cache folder", "EACCES", NULL,
     NULL},
    /* "filesystem" in one word, as tools write it */
    {"read-only filesystem", "EROFS", NULL, NULL},
    /* conda's NotWritableError; its path is on the next line, "path: x" */
    {"does not have write permissions to a required path", "EACCES", NULL,
     NULL},
    /* Jupyter's secure_write: chmod 0600 did not hold (a filesystem that
     * keeps no modes) */
    {"permissions assignment failed for secure file", "EPERM", NULL,
     "chmod"},
    /* Java's InvalidPathException: Windows' path parser refusing a
     * character ("Illegal char <:> at index 2: C:\\a:b") */
    {"illegal char <", "ENOENT", "win32", NULL},
    /* WordPress and PHP frameworks: a directory the web server's user may
     * not create or write (the path before the words) */
    {"is its parent directory writable by the server", "EACCES", NULL,
     "mkdir"},
    {"directory must be present and writable", "EACCES", NULL, NULL},
    {"failed to set permissions on directory", "EPERM", NULL, "chmod"},
    /* PHP's ZipArchive: Windows' MAX_PATH */
    {"full extraction path exceed maxpathlen", "ENAMETOOLONG", NULL, NULL},
    /* Elasticsearch and OpenSearch stop writing near a full disk */
    {"] exceeded on [", "ENOSPC", NULL, NULL}, /* "flood stage disk watermark [95%] exceeded on [node]" */
    {"index read-only / allow delete", "ENOSPC", NULL, NULL},
    {NULL, NULL, NULL, NULL}};

/* Java's InvalidPathException after its text "Illegal char <": "?> at
 * index 9: C:\\a b\\c?d", the path to the line's end, blanks and all. */
int fsd__java_index_path(const char *s, size_t n, fsd__ev_t *ev) {
  size_t k;
  if (n <= 13 || s[1] != '>' || memcmp(s + 2, " at index ", 10) != 0) return 0;
  for (k = 12; k < n && fsd__is_digit((unsigned char)s[k]); k++)
    ;
  if (k + 2 < n && s[k] == ':' && s[k + 1] == ' ')
    fsd__set_path(ev->path, s + k + 2, n - k - 2);
  return 1;
}

/* apt's lock after its row "could not get lock /", which ends in the
 * path's first '/' (s[-1], inside the row's match): "var/lib/dpkg/
 * lock-frontend. It is held by process 2448 (unattended-upgr)",
 * "var/lib/dpkg/lock - open (11: ...)". No other row ends so. */
/* AppArmor's audit line after its row 'apparmor="DENIED"': the path in
 * name="...", and the call its operation="..." names. */
static int fsd__apparmor(const char *s, size_t n, fsd__ev_t *ev) {
  static const struct {
    const char *op, *call;
  } ops[] = {{"\"open\"", "open"},     {"\"file_perm\"", "open"},
             {"\"mkdir\"", "mkdir"},   {"\"unlink\"", "unlink"},
             {"\"rmdir\"", "rmdir"},   {"\"rename_src\"", "rename"},
             {"\"rename_dest\"", "rename"}, {"\"link\"", "link"},
             {"\"exec\"", "exec"},     {"\"mknod\"", "open"},
             {"\"file_mmap\"", "open"}, {NULL, NULL}};
  size_t k, e, i;
  if (n < 8 || s[-1] != '"' || (s[-2] | 0x20) != 'd') return 0; /* ="DENIED" */
  for (k = 0; k + 7 < n && memcmp(s + k, " name=\"", 7) != 0; k++)
    ;
  if (k + 7 >= n) return 0;
  k += 7;
  for (e = k; e < n && s[e] != '"'; e++)
    ;
  if (e >= n || e == k) return 0;
  fsd__set_path(ev->path, s + k, e - k);
  for (k = 0; k + 11 < n && memcmp(s + k, "operation=", 10) != 0; k++)
    ;
  for (i = 0; k + 11 < n && ops[i].op != NULL; i++)
    if (k + 10 + strlen(ops[i].op) <= n &&
        memcmp(s + k + 10, ops[i].op, strlen(ops[i].op)) == 0 &&
        ev->syscall[0] == '\0')
      fsd__set_word(ev->syscall, sizeof(ev->syscall), ops[i].call,
                    strlen(ops[i].call));
  return 1;
}

/* SELinux's audit line after its row "avc:  denied  {": the refused
 * permission, then path="/x" where the kernel gives it, else name="x"
 * (the last name only); the permission gives the call. */
static int fsd__avc(const char *s, size_t n, fsd__ev_t *ev) {
  static const struct {
    const char *perm, *call;
  } perms[] = {{"write ", "open"},      {"append ", "open"},
               {"read ", "open"},       {"open ", "open"},
               {"getattr ", "stat"},    {"add_name ", "open"},
               {"create ", "open"},     {"remove_name ", "unlink"},
               {"unlink ", "unlink"},   {"rmdir ", "rmdir"},
               {"rename ", "rename"},   {"reparent ", "rename"},
               {"link ", "link"},       {"execute ", "exec"},
               {"setattr ", "chmod"},   {"search ", "stat"},
               {NULL, NULL}};
  size_t k, e, i, at;
  if (n < 4 || s[-1] != '{' || s[-2] != ' ') return 0;
  for (k = 0; k < n && s[k] == ' '; k++)
    ;
  for (i = 0; perms[i].perm != NULL && ev->syscall[0] == '\0'; i++)
    if (k + strlen(perms[i].perm) <= n &&
        memcmp(s + k, perms[i].perm, strlen(perms[i].perm)) == 0) {
      const char *call = perms[i].call;
      /* creating in a directory: mkdir when the new entry is one */
      if (strcmp(call, "open") == 0 && fsd__find_text(s, n, "tclass=dir") < n &&
          (memcmp(s + k, "create", 6) == 0))
        call = "mkdir";
      fsd__set_word(ev->syscall, sizeof(ev->syscall), call, strlen(call));
    }
  at = fsd__find_text(s, n, " path=\"");
  if (at >= n) at = fsd__find_text(s, n, " name=\"");
  if (at >= n) return 1;
  k = at + 7;
  for (e = k; e < n && s[e] != '"'; e++)
    ;
  /* name= is the entry's last name only: no path a command could use */
  if (e < n && e > k && s[k] == '/') fsd__set_path(ev->path, s + k, e - k);
  return 1;
}

/* After a row that ends in its path's opening quote (.NET's "The file
 * 'x' already exists"): the path to the closing one. */
static int fsd__opened_quote(const char *s, size_t n, fsd__ev_t *ev) {
  size_t e;
  /* its row's own end, "he file '" (the others keep their quote for the
   * readers after, which also undo a repr's doubled backslashes) */
  /* s[-1] and s[-2] are the row's own (the match ends at s); every row
   * that ends in " '" is longer than nine */
  if (n < 2 || s[-1] != '\'' || s[-2] != ' ' ||
      (memcmp(s - 9, "he file '", 9) != 0 && memcmp(s - 9, "item at '", 9) != 0))
    return 0;
  for (e = 0; e < n && s[e] != '\''; e++)
    ;
  if (e < n && e > 0) fsd__set_path(ev->path, s, e);
  return 1;
}

/* PowerShell's ItemNotFound after its row: " C:\\x does not exist." */
static int fsd__ps_object(const char *s, size_t n, fsd__ev_t *ev) {
  static const char tail[] = "specified path";
  size_t e, i;
  /* backwards, one byte at a time: no row is a shorter tail of these
   * words, so the reads stay inside the row that matched */
  if (n < 2) return 0;
  for (i = 1; i <= 14; i++)
    if (s[-(long)i] != tail[14 - i]) return 0;
  e = fsd__find_text(s, n, "does not exist");
  if (e < n && e > 2) fsd__set_path(ev->path, s + 1, e - 2);
  return 1;
}

/* dyld's "Library not loaded: x" (x quoted or bare, to the line's end) */
static int fsd__dyld_path(const char *s, size_t n, fsd__ev_t *ev) {
  size_t e;
  if (n < 2 || s[-1] != ' ' || s[-2] != ':' || s[-3] != 'd') return 0;
  if (s[0] == '\'' || s[0] == '"') {
    for (e = 1; e < n && s[e] != s[0]; e++)
      ;
    if (e < n && e > 1) fsd__set_path(ev->path, s + 1, e - 1);
  } else {
    for (e = 0; e < n && s[e] != ' '; e++)
      ;
    if (e > 0) fsd__set_path(ev->path, s, e);
  }
  return 1;
}

int fsd__lock_path(const char *s, size_t n, fsd__ev_t *ev) {
  size_t e;
  if (fsd__apparmor(s, n, ev) || fsd__avc(s, n, ev) ||
      fsd__opened_quote(s, n, ev) || fsd__dyld_path(s, n, ev) ||
      fsd__ps_object(s, n, ev))
    return 1;
  if (n < 2 || s[-1] != '/' || s[0] == ' ') return 0;
  for (e = 0; e < n && s[e] != ' ' && s[e] != '\t'; e++)
    ;
  while (e > 1 && (s[e - 1] == '.' || s[e - 1] == ',')) e--;
  fsd__set_path(ev->path, s - 1, e + 1);
  return 1;
}

/* GNU tar's "tar: ./x/y: Cannot utime: Operation not permitted": the
 * path between "tar: " and ": Cannot <verb>", which ends at e. */
int fsd__tar_path(const char *s, size_t e, fsd__ev_t *ev) {
  size_t k, c;
  for (k = 0; k + 5 <= e && memcmp(s + k, "tar: ", 5) != 0; k++)
    ;
  if (k + 5 > e) return 0;
  k += 5;
  for (c = k; c + 9 <= e && memcmp(s + c, ": Cannot ", 9) != 0; c++)
    ;
  if (c + 9 > e || c == k) return 0;
  fsd__set_path(ev->path, s + k, c - k);
  return 1;
}

/* A path in curly quotes right after the text, as .NET's Chinese messages
 * put it ("未能找到路径“C:\\a\\b”的一部分"), closed by ” or a plain '"'. */
int fsd__curly_quoted(const char *s, size_t n, fsd__ev_t *ev) {
  size_t e;
  if (n < 5 || memcmp(s, "\xe2\x80\x9c", 3) != 0) return 0;
  for (e = 3; e < n && s[e] != '"' && !(e + 3 <= n && memcmp(s + e, "\xe2\x80\x9d", 3) == 0); e++)
    ;
  if (e >= n || e == 3) return 0;
  fsd__set_path(ev->path, s + 3, e - 3);
  return 1;
}

/* pre-commit's "Executable `hooks/x.py` is not executable" (or in plain
 * quotes): both ends of the line, so a sentence saying something is not
 * executable is no error. */
int fsd__not_executable(const char *s, size_t n, fsd__ev_t *ev) {
  static const char tail[] = " is not executable";
  size_t t = sizeof tail - 1;
  if (n < 11 + t + 3 || memcmp(s, "Executable ", 11) != 0 ||
      (s[11] != '\'' && s[11] != '`') || memcmp(s + n - t, tail, t) != 0 ||
      s[n - t - 1] != s[11])
    return 0;
  fsd__set_word(ev->code, sizeof(ev->code), "EACCES", 6);
  fsd__set_word(ev->syscall, sizeof(ev->syscall), "exec", 4);
  fsd__set_path(ev->path, s + 12, n - t - 13);
  return 1;
}

/* The directory PHP applications name in their own words: WordPress's
 * "Unable to create directory <d>. Is its parent directory writable by the
 * server?" and Laravel's "The <d> directory must be present and
 * writable." */
int fsd__web_dir_path(const char *s, size_t n, fsd__ev_t *ev) {
  static const char wp[] = "unable to create directory ",
                    lv[] = "directory must be present and writable";
  size_t at = fsd__find_text(s, n, wp), e, b;
  if (at < n) {
    at += sizeof wp - 1;
    static const char is[] = ". Is its parent directory";
    for (e = at; e + sizeof is - 1 <= n && memcmp(s + e, is, sizeof is - 1) != 0; e++)
      ;
    if (e + sizeof is - 1 <= n && e > at) {
      fsd__set_path(ev->path, s + at, e - at);
      return 1;
    }
  }
  e = fsd__find_text(s, n, lv);
  if (e < n && e > 1 && s[e - 1] == ' ') {
    for (b = --e; b > 0 && s[b - 1] != ' '; b--)
      ;
    if (b < e && (s[b] == '/' || s[b] == '.')) {
      fsd__set_path(ev->path, s + b, e - b);
      return 1;
    }
  }
  return 0;
}
