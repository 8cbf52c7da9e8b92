'use strict'
// Session 13: classes read from round 39's misses (HPC clusters, web
// servers, Android and ChromeOS hosts, JavaScript package managers). Texts
// are written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

const texts = (c) => c.fixes.map((f) => f.text).join('\n')
const cause = (d, id) => d.causes.find((c) => c.id === id)

test('ENOLCK: no lock manager answers, a network filesystem', () => {
  const py = first('  File "/home/u/miniconda3/lib/python3.12/site-packages/filelock/_unix.py", line 40, in _acquire\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nOSError: [Errno 37] No locks available', 'linux')
  assert.equal(py.e.code, 'ENOLCK')
  assert.equal(py.d.causes[0].id, 'network-fs', ids(py.d))
  assert.ok(py.d.causes[0].confidence < 0.9)
  assert.match(texts(py.d.causes[0]), /local disk/)
  // a path the text gives is the mount to look at
  const p = first("Error: ENOLCK: no locks available, open '/nfs/home/u/.cache/x.lock'", 'linux')
  assert.equal(p.d.causes[0].id, 'network-fs', ids(p.d))
  assert.ok(commands(p.d).includes('findmnt -T /nfs/home/u/.cache/x.lock'), commands(p.d).join('\n'))
})

test("musl's words for EMFILE: nginx on Alpine", () => {
  const { e, d } = first('2024/01/02 10:00:00 [crit] 7#7: accept4() failed (24: No file descriptors available)', 'linux')
  assert.equal(e.code, 'EMFILE')
  assert.equal(d.causes[0].id, 'too-many-open-files', ids(d))
})

test('an ENOENT in a log that also says read-only file system: the write that failed first', () => {
  const { e, d } = first('chown: /var/tmp/app: No such file or directory\nnginx: [emerg] mkdir() "/var/lib/nginx/tmp/client_body" failed (30: Read-only file system)', 'linux')
  assert.equal(e.code, 'ENOENT')
  assert.equal(d.causes[0].id, 'read-only-fs', ids(d))
  assert.ok(d.causes[0].confidence < 0.9)
  // a plain ENOENT keeps missing-path
  const plain = first("chown: /var/tmp/app: No such file or directory", 'linux')
  assert.equal(plain.d.causes[0].id, 'missing-path', ids(plain.d))
  // a read that found nothing is not a write the mount refused
  const read = first("Error: ENOENT: no such file or directory, stat '/srv/x/config.json'\nlater: EROFS: read-only file system, open '/srv/y'", 'linux')
  assert.notEqual(read.d.causes[0].id, 'read-only-fs', ids(read.d))
})

test("Android's shared storage: the storage permission, no links, no modes", () => {
  const denied = first('fatal: /storage/emulated/0/Download/site/.git: Permission denied', 'linux')
  assert.equal(denied.d.causes[0].id, 'protected-location', ids(denied.d))
  assert.match(texts(denied.d.causes[0]), /termux-setup-storage/)
  assert.doesNotMatch(texts(denied.d.causes[0]), /system location/)
  // an app's own Android/data folder needs no permission: files another
  // app moved there stay that app's
  const own = first('java.nio.file.AccessDeniedException: /storage/emulated/0/Android/data/com.example.app/files/mods/a.jar', 'linux')
  assert.notEqual(own.d.causes[0].id, 'protected-location', ids(own.d))
  // venv's symlink of the interpreter, in Python's "'a' -> 'b'" form
  const venv = first("PermissionError: [Errno 1] Operation not permitted: '/data/data/com.termux/files/usr/bin/python3.12' -> '/storage/emulated/0/proj/env/bin/python'", 'linux')
  assert.equal(venv.d.causes[0].id, 'fs-no-symlinks', ids(venv.d))
  // a rename inside shared storage is no link
  const mv = first("PermissionError: [Errno 1] Operation not permitted: '/storage/emulated/0/a.txt' -> '/storage/emulated/0/b/a.txt'", 'linux')
  assert.notEqual(mv.d.causes[0].id, 'fs-no-symlinks', ids(mv.d))
  // git's "chmod on <path> failed"
  const chmod = first('error: chmod on /storage/emulated/0/repo/.git/config.lock failed: Operation not permitted', 'linux')
  assert.equal(chmod.e.syscall, 'chmod')
  assert.equal(chmod.d.causes[0].id, 'fs-no-permissions', ids(chmod.d))
})

test("an Android app's private data through adb: the app's own account", () => {
  const { d } = first("adb: error: failed to stat remote object '/data/data/com.example.app/files/shots': Permission denied", 'linux')
  assert.equal(d.causes[0].id, 'permission-denied', ids(d))
  assert.match(texts(d.causes[0]), /run-as/)
  assert.deepEqual(commands(d).filter((c) => /chmod|chown/.test(c)), [])
})

test("a web server's own line: the worker's account meets the modes on the way", () => {
  for (const t of [
    '2024/04/27 13:02:06 [crit] 3#3: *1 open() "/home/site/public_html/index.html" failed (13: Permission denied), client: 1.2.3.4',
    '[core:crit] [pid 37] (13)Permission denied: [client 1.2.3.4:5] AH00529: /home/u/public_html/.htaccess pcfg_openfile: unable to check htaccess file',
    'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)'
  ]) {
    const { d } = first(t, 'linux')
    assert.equal(d.causes[0].id, 'permission-denied', `${t}\n${ids(d)}`)
  }
})

test("a daemon's socket in the user's home: started by another account, inspect only", () => {
  const { d } = first('Error: connect EACCES /home/u/.pm2/rpc.sock\n    at PipeConnectWrap.afterConnect [as oncomplete] (net.js:1063:14)', 'linux')
  assert.equal(d.causes[0].id, 'wrong-owner', ids(d))
  assert.match(texts(d.causes[0]), /start it again as yourself/)
  assert.deepEqual(commands(d).filter((c) => /chown|chmod|kill|rm /.test(c)), [])
  // Docker's system socket stays the group's
  const dock = first('Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/build": dial unix /var/run/docker.sock: connect: permission denied', 'linux')
  assert.equal(dock.d.causes[0].id, 'permission-denied', ids(dock.d))
})

test("a package file's name Windows cannot hold: the name, not a missing folder", () => {
  const { d } = first("npm WARN tar ENOENT: no such file or directory, open 'C:\\p\\node_modules\\.staging\\pkg-1a2b3c\\routes\\users\\:id.js'", 'win32')
  assert.equal(d.causes[0].id, 'invalid-name', ids(d))
  // a plain missing file with a ':' only as the drive stays missing-path
  const plain = first("Error: ENOENT: no such file or directory, open 'C:\\p\\src\\index.js'", 'win32')
  assert.equal(plain.d.causes[0].id, 'missing-path', ids(plain.d))
})

test("npm's global layout under any system prefix: MacPorts' /opt/local", () => {
  const { d } = first("npm error code EACCES\nnpm error syscall mkdir\nnpm error path /opt/local/lib/node_modules/tool\nnpm error Error: EACCES: permission denied, mkdir '/opt/local/lib/node_modules/tool'", 'darwin')
  assert.equal(d.causes[0].id, 'global-prefix-not-writable', ids(d))
  // nvm's prefix in the home is the user's own
  const nvm = first("Error: EACCES: permission denied, mkdir '/home/u/.nvm/versions/node/v20.1.0/lib/node_modules/tool'", 'linux')
  assert.notEqual(nvm.d.causes[0].id, 'global-prefix-not-writable', ids(nvm.d))
})

test("ChromeOS' symlink policy: ELOOP with no cycle", () => {
  const { d } = first("chronos@localhost ~ $ ls foo/login\nls: cannot access 'foo/login': Too many levels of symbolic links", 'linux')
  assert.equal(d.causes[0].id, 'protected-location', ids(d))
  assert.match(texts(d.causes[0]), /ChromeOS/)
  assert.ok(cause(d, 'symlink-loop'), ids(d))
})

test("a Windows path past 260 in the text: MAX_PATH before the code's other readings", () => {
  const long = 'D:\\Backup\\' + 'folder-name-that-is-long\\'.repeat(11) + 'file.webp'
  assert.ok(long.length > 260)
  const { d } = first(`adb: error: cannot create '${long}': Not a directory`, 'win32')
  assert.equal(d.causes[0].id, 'path-too-long', ids(d))
})

test('a Windows refusal in a log that speaks of read-only files: the attribute', () => {
  const { d } = first("Traceback (most recent call last):\n  File \"sync.py\", line 9, in purge\n    os.remove(path)\nPermissionError: [WinError 5] Access is denied: 'C:\\\\backup\\\\read_only_file.txt'", 'win32')
  assert.equal(d.causes[0].id, 'readonly-attribute', ids(d))
  // the read-only file system is another cause
  const rofs = first("Error: EROFS: read-only file system, open 'C:\\\\x\\\\a.txt'", 'win32')
  assert.notEqual(rofs.d.causes[0].id, 'readonly-attribute', ids(rofs.d))
  // a lock in plain words stays a lock
  const lock = first("Error: EBUSY: resource busy or locked, unlink 'C:\\\\p\\\\out\\\\app.exe'", 'win32')
  assert.equal(lock.d.causes[0].id, 'file-locked', ids(lock.d))
})
