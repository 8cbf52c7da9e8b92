'use strict'
// Classes read from round 25's misses (z29: the newest threads, 2025-2026
// first; z30: errors in a tool's or system's own words, no errno name).
// Texts are written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids } = require('./helpers/paste')

test('.NET: "Access to the path ... is denied" on a data file is its read-only attribute, on a running image a lock', () => {
  // a sharing violation is .NET's IOException, so a denied data file is the attribute (or an ACL)
  const data = first("System.UnauthorizedAccessException: Access to the path 'C:\\Users\\me\\AppData\\Roaming\\Tool\\settings.json' is denied.\n   at System.IO.FileStream.Init(String path, FileMode mode)", 'win32')
  assert.equal(data.e.syscall, 'open')
  assert.equal(data.d.causes[0].id, 'readonly-attribute', ids(data.d))
  assert.match(data.d.causes[0].detail, /IOException/)
  assert.ok(data.d.causes[0].confidence < 0.9)
  // a program's own image is refused while it runs: a lock
  const dll = first("System.UnauthorizedAccessException: Access to the path 'C:\\build\\bin\\Tool.Core.dll' is denied.\n   at System.IO.File.InternalDelete(String path, Boolean checkHost)", 'win32')
  assert.equal(dll.e.syscall, 'unlink')
  assert.equal(dll.d.causes[0].id, 'file-locked', ids(dll.d))
  // a folder (no extension) is not judged so
  const dir = first("Access to the path 'C:\\Users\\me\\Tool\\cache' is denied.", 'win32')
  assert.notEqual(dir.d.causes[0].id, 'readonly-attribute', ids(dir.d))
  // a package manager unpacking new files: an antivirus scanning each, not an attribute
  const pkg = first("log  : Installing Microsoft.Extensions.Primitives 1.0.0.\nerror: Access to the path 'E:\\NuGet\\packages\\x.y\\1.0.0\\ThirdPartyNotices.rtf' is denied.", 'win32')
  assert.equal(pkg.d.causes[0].id, 'file-locked', ids(pkg.d))
  // Program Files is the protected place's, whatever the file
  const pf = first("Access to the path 'C:\\Program Files\\Tool\\config.xml' is denied.", 'win32')
  assert.notEqual(pf.d.causes[0].id, 'readonly-attribute', ids(pf.d))
})

test('.NET and Java stack frames under a system text name the call', () => {
  // ERROR_TOO_MANY_LINKS from Directory.CreateDirectory: a subdirectory limit (a server's UFS)
  const links = first('Error validating entry\n    An attempt was made to create more links on a file than the file system supports.\n\nSystem.IO.IOException\n   at System.IO.__Error.WinIOError(Int32 errorCode, String maybeFullPath)\n   at System.IO.Directory.InternalCreateDirectory(String fullPath, String path)\n   at System.IO.Directory.CreateDirectory(String path)')
  assert.deepEqual([links.e.code, links.e.syscall], ['EMLINK', 'mkdir'])
  assert.equal(links.d.causes[0].id, 'subdirectory-limit', ids(links.d))
  // a frame alone on its line, as newer test runners print it
  const bare = first("System.UnauthorizedAccessException : Access to the path 'C:\\t\\a.bin' is denied.\n  Stack Trace:\n    FileStream.ValidateFileHandle(SafeFileHandle fileHandle)\n    FileStream.CreateFileOpenHandle(FileMode mode)", 'win32')
  assert.equal(bare.e.syscall, 'open')
  // Java's providers
  const java = first('java.nio.file.AccessDeniedException: /srv/app/data/x.lock\n\tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:90)\n\tat java.base/sun.nio.fs.UnixFileSystemProvider.implDelete(UnixFileSystemProvider.java:249)\n\tat java.base/java.nio.file.Files.delete(Files.java:1152)', 'linux')
  assert.equal(java.e.syscall, 'unlink')
  // a frame far below, or another class's method of the same name, is not read
  const other = first("Access to the path 'C:\\t\\b.txt' is denied.\n   at My.App.FileStream2.Init()", 'win32')
  assert.equal(other.e.syscall, null)
})

test("the watcher limit in watchman's and Java's words, a kernel's read-only remount", () => {
  const wm = first('A non-recoverable condition has triggered.  Watchman needs your help!\nThe triggering condition was at timestamp=1458753005: inotify-add-watch(/home/me/proj/node_modules/a/b) -> The user limit on the total number of inotify watches was reached; increase the fs.inotify.max_user_watches sysctl')
  assert.deepEqual([wm.e.code, wm.e.syscall], ['ENOSPC', 'watch'])
  assert.equal(wm.d.causes[0].id, 'watcher-limit', ids(wm.d))
  const java = first('ERROR unable to register monitoring\njava.io.IOException: User limit of inotify watches reached\n        at java.base/sun.nio.fs.LinuxWatchService$Poller.implRegister(LinuxWatchService.java:257)')
  assert.equal(java.d.causes[0].id, 'watcher-limit', ids(java.d))
  const ro = first('[21628.5] Aborting journal on device sdb1-8.\n[23423.1] EXT4-fs error (device sdb1): ext4_journal_check_start:61: Detected aborted journal\n[23423.1] EXT4-fs (sdb1): Remounting filesystem read-only')
  assert.equal(ro.e.code, 'EROFS')
  assert.equal(ro.d.causes[0].id, 'read-only-fs', ids(ro.d))
})

test("uv's 'failed to symlink' is a symlink; a structured log's error=spawn EINVAL is a spawn", () => {
  const uv = first('error: Failed to create virtual environment\n  Caused by: failed to symlink file from /root/.local/share/uv/python/cpython-3.12/bin/python3.12 to /mnt/external/proj/.venv/bin/python: Operation not permitted (os error 1)', 'linux')
  assert.equal(uv.e.syscall, 'symlink')
  assert.equal(uv.d.causes[0].id, 'fs-no-symlinks', ids(uv.d))
  const sp = first('  • building        target=nsis file=dist\\App Setup.exe\n  ⨯ error=spawn EINVAL', 'win32')
  assert.deepEqual([sp.e.code, sp.e.syscall], ['EINVAL', 'spawn'])
  assert.equal(sp.d.causes[0].id, 'shim-without-shell', ids(sp.d))
  // a key=value whose value is no call stays without one
  const kv = first('level=error msg=failed EINVAL', 'linux')
  assert.equal(kv.e.syscall, null)
})

test('a symlink "not supported" keeps a share in the top three', () => {
  const ln = first("$ ln -s a b\nln: failed to create symbolic link 'b': Operation not supported", 'linux')
  assert.equal(ln.d.causes[0].id, 'fs-no-symlinks', ids(ln.d))
  assert.ok(ln.d.causes.slice(0, 3).some((c) => c.id === 'network-fs'), ids(ln.d))
})

test("Windows' errors by their winerror.h names and more numbers", () => {
  const sv = first('CreateFile returned error 32 (ERROR_SHARING_VIOLATION)')
  assert.deepEqual([sv.e.code, sv.e.platform], ['EBUSY', 'win32'])
  assert.equal(sv.d.causes[0].id, 'file-locked', ids(sv.d))
  const ad = first('MoveFileEx failed: ERROR_ACCESS_DENIED')
  assert.equal(ad.e.code, 'EPERM')
  // a name inside another word is none
  const fsdoctor = require('..')
  assert.equal(fsdoctor.parseErrors('MY_ERROR_DISK_FULLX happened').length, 0)
  const loop = first('[WinError 1921] The name of the file cannot be resolved by the system')
  assert.equal(loop.e.code, 'ELOOP')
  const links = first('[WinError 1142] An attempt was made to create more links')
  assert.equal(links.e.code, 'EMLINK')
})
