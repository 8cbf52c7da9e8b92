/* Tools' own words for the filesystem's errors, with no errno name: git,
 * SQLite, conda, Jupyter, Java, TeX Live, R, flatpak, Syncthing and the
 * like. The loose pass (errtext_loose.c) reads a line against these after
 * fsd__texts and fsd__texts_intl, by the same rules. */

#include "parse/errtext_int.h"

#include <stddef.h>

const fsd__text_t fsd__texts_tools[] = {
    /* Syncthing's and unison's own words for the same limit */
    {"please increase inotify limits", "ENOSPC", "linux", "watch"},
    {"cannot add a watcher: system limit reached", "ENOSPC", "linux",
     "watch"},
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
    {"ioexception: unable to delete '", "EPERM", NULL, "unlink"},
    {"cannot delete workspace :unable to delete '", "EPERM", NULL, "unlink"},
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
    {NULL, NULL, NULL, NULL}};
