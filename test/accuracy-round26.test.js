'use strict'
// Classes read from round 26's misses (z31: Q&A pages and vendors'
// knowledge-base articles outside GitHub; z32: Go, Rust and Python tools,
// container and CI tooling). Texts are written for the test, not copied
// from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')
const fsdoctor = require('..')

const { first, ids, commands } = require('./helpers/paste')

test("Rust's Debug form names strerror in parentheses; an operation a filesystem lacks is most often a share's", () => {
  const r = first('received editor event: DocumentSaved(Err(Operation not supported (os error 45)))', 'darwin')
  assert.equal(r.e.code, 'EOPNOTSUPP')
  assert.equal(r.d.causes[0].id, 'network-fs', ids(r.d))
  assert.ok(r.d.causes[0].confidence < 0.9)
  // prose with the words is not an error
  assert.equal(fsdoctor.parseErrors('The feature (Operation not supported in v1) was removed').length, 0)
  // a symlink keeps its own causes first
  const ln = first("ln: failed to create symbolic link 'b': Operation not supported", 'linux')
  assert.equal(ln.d.causes[0].id, 'fs-no-symlinks', ids(ln.d))
})

test("tools' checks: Windows' reserved names, a filesystem without softlinks, .NET's 'Access to path'", () => {
  const sy = first('Con.Air.1997\\con.air.1997.nfo | syncing: name is invalid, contains Windows reserved name: "Con"')
  assert.equal(sy.d.causes[0].id, 'invalid-name', ids(sy.d))
  const sl = first('RBK0020E: Filesystem of rsync backup directory /media/disk/backups seems not to support softlinks.', 'linux')
  assert.deepEqual([sl.e.code, sl.e.syscall], ['EOPNOTSUPP', 'symlink'])
  assert.equal(sl.d.causes[0].id, 'fs-no-symlinks', ids(sl.d))
  // a tool's note and a requirement are no error
  assert.equal(fsdoctor.parseErrors('The name contains Windows reserved characters and was renamed.').length, 0)
  assert.equal(fsdoctor.parseErrors('rsnapshot requires a filesystem that can support softlinks.').length, 0)
  assert.equal(fsdoctor.parseErrors("Checking access to path '/var/www/html' for user www-data").length, 0)
  // .NET's words without "the", as an agent logs them
  assert.equal(first("Access to path 'C:\\agent\\_work\\_tasks\\x.zip' is denied.").e.code, 'EPERM')
})

test('Windows errors in hex: HRESULT 0x8007XXXX anywhere, 0x0000XXXX on a line that says it failed', () => {
  assert.equal(first('Rufus Error: Access to the device is denied [0x00000005]').e.code, 'EPERM')
  assert.equal(first('CopyFile failed with 0x80070020').e.code, 'EBUSY')
  assert.equal(first('HRESULT: 0x80070070 (There is not enough space)').e.code, 'ENOSPC')
  // a bare number in hex on a line that fails nothing is no error; nor is a longer hex word
  assert.equal(fsdoctor.parseErrors('flags = 0x00000005').length, 0)
  assert.equal(fsdoctor.parseErrors('failed at address 0x0000000500ff').length, 0)
})

test("Docker's socket: Go's 'dial unix <socket>: connect' is the socket's group, and only inspected", () => {
  const r = first('docker: Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Post "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/create": dial unix /var/run/docker.sock: connect: permission denied.', 'linux')
  assert.deepEqual([r.e.syscall, r.e.path], ['connect', '/var/run/docker.sock'])
  assert.equal(r.d.causes[0].id, 'permission-denied', ids(r.d))
  assert.match(r.d.causes[0].detail, /docker group/)
  // nothing changes the socket, its owner or anyone's groups
  for (const cmd of commands(r.d)) assert.doesNotMatch(cmd, /chown|chmod|usermod|gpasswd|setfacl/, cmd)
  assert.ok(commands(r.d).includes('ls -l -- /var/run/docker.sock'), commands(r.d).join('\n'))
  assert.ok(!r.d.causes.slice(0, 1).some((c) => c.id === 'wrong-owner'))
})

test("Windows' 'directory is not empty' with no call is a remover's: a held file first", () => {
  const r = first("Error: The directory is not empty.: 'C:\\actions-runner\\_work\\_actions\\azure\\login\\v1\\node_modules\\x'", 'win32')
  assert.equal(r.d.causes[0].id, 'file-locked', ids(r.d))
  assert.ok(r.d.causes.slice(0, 3).some((c) => c.id === 'dir-not-empty'), ids(r.d))
})

test("rsync's line quoted by a tool's log, Python's tempfile, Go's fork/exec of a program", () => {
  const rs = first('[E] Error: rsync: symlink "/media/usb/backup/home/u/.thunderbird" -> "/home/u/.icedove" failed: Function not implemented (38)', 'linux')
  assert.deepEqual([rs.e.code, rs.e.syscall, rs.e.path], ['ENOSYS', 'symlink', '/media/usb/backup/home/u/.thunderbird'])
  assert.equal(rs.d.causes[0].id, 'fs-no-symlinks', ids(rs.d))
  const tmp = first("FileNotFoundError: [Errno 2] No usable temporary directory found in ['/tmp', '/var/tmp', '/usr/tmp', '/home/u']", 'linux')
  assert.equal(tmp.d.causes[0].id, 'disk-full', ids(tmp.d))
  assert.ok(tmp.d.causes[0].confidence < 0.9)
  const fe = first('Error: fork/exec docker.exe: The filename or extension is too long.', 'win32')
  assert.deepEqual([fe.e.syscall, fe.e.path], ['spawn', 'docker.exe'])
  assert.equal(fe.d.causes[0].id, 'command-too-long', ids(fe.d))
})

test("OCaml's Unix_error names its call and path; Python's [WinError N] its path after the text", () => {
  const fsd = require('..')
  const [o] = fsd.parseErrors('Fatal error: exception Unix.Unix_error(Unix.EACCES, "open", "/home/u/.opam/log")')
  assert.deepEqual([o.code, o.syscall, o.path], ['EACCES', 'open', '/home/u/.opam/log'])
  const [w] = fsd.parseErrors("OSError: [WinError 1224] The requested operation cannot be performed on a file with a user-mapped section open: 'C:\\\\a\\\\b.dll'")
  // Python's repr doubles each backslash: the path has one
  assert.deepEqual([w.code, w.path], ['EBUSY', 'C:\\a\\b.dll'])
  const [m] = fsd.parseErrors("PermissionError: [WinError 32] The process cannot access the file because it is being used by another process: 'C:\\\\a\\\\old' -> 'C:\\\\a\\\\new'")
  assert.deepEqual([m.code, m.path, m.dest], ['EBUSY', 'C:\\a\\old', 'C:\\a\\new'])
})

test('a fresh review of rounds 25-26: what must not be read, and what must be read whole', () => {
  const read = (t) => fsdoctor.parseErrors(t).map((e) => [e.code, e.syscall, e.path || null])
  // a program path with a blank is one path, never a source and a destination
  assert.deepEqual(read('fork/exec C:\\Program Files\\Docker\\docker.exe: Access is denied.'),
    [['EPERM', 'spawn', 'C:\\Program Files\\Docker\\docker.exe']])
  // a word after "spawn" that is no program's file is not taken for one
  assert.deepEqual(read('spawn error: No such file or directory'), [['ENOENT', 'spawn', null]])
  assert.deepEqual(read('Unable to exec shell: Permission denied'), [['EACCES', 'spawn', null]])
  // a line too long to carry is read as it stands, and the next error keeps its wrapped path
  const long = 'x'.repeat(8200) + ' Error: EACCES: permission denied, mkdir'
  assert.deepEqual(read(long + "\nok\nError: EPERM: operation not permitted, open '/a/very/long/pa\nth/file.txt'"),
    [['EACCES', 'mkdir', null], ['EPERM', 'open', '/a/very/long/path/file.txt']])
  // a quoted line below a call with no path, or one that is no path, is not its path
  assert.deepEqual(read("Uncaught Error: EBADF: bad file descriptor, fstat\n'use strict'"), [['EBADF', 'fstat', null]])
  assert.deepEqual(read("Error: EACCES: permission denied, mkdir\n  'code': 'EACCES'"), [['EACCES', 'mkdir', null]])
  assert.deepEqual(read("Error: EACCES: permission denied, mkdir\n  'dist/assets'"), [['EACCES', 'mkdir', 'dist/assets']])
  // winerror.h names in code or prose, hex numbers that are no error's
  for (const t of ['if (GetLastError() == ERROR_FILE_NOT_FOUND) return FALSE;', 'We now retry on ERROR_SHARING_VIOLATION like other tools do.',
    'case ERROR_ACCESS_DENIED:', 'Error: Access violation at address 0x00000005 in module foo.dll',
    'Build failed: 0x00000020 bytes written, expected 0x00000040', 'Task failed with exit code 0x00000002',
    'installer exited with 0x00000005 (failed)']) assert.deepEqual(read(t), [], t)
  // .NET's symlink API is a symlink, not an open
  assert.equal(read("System.UnauthorizedAccessException: Access to the path 'C:\\p\\link.txt' is denied.\n   at System.IO.File.CreateSymbolicLink(String path, String pathToTarget)")[0][1], 'symlink')
  // Node's "connect EACCES <socket>"
  assert.deepEqual(read('Error: connect EACCES /var/run/docker.sock'), [['EACCES', 'connect', '/var/run/docker.sock']])
})

test('a fresh review of rounds 25-26: rules that must not fire', () => {
  // .NET's denied folder ("MyApp.Web", "net8.0") is no data file: no attribute first, no attrib on it
  for (const p of ['C:\\Users\\me\\Projects\\site\\bin\\Release\\net8.0', 'C:\\Users\\me\\source\\repos\\MyApp.Web']) {
    const r = first(`System.UnauthorizedAccessException: Access to the path '${p}' is denied.`, 'win32')
    assert.notEqual(r.d.causes[0].id, 'readonly-attribute', ids(r.d))
  }
  // a forced clone refused on a local disk, and Windows, are no share's
  for (const [t, pl] of [["Error: ENOTSUP: operation not supported on socket, copyfile '/home/u/p/a.bin' -> '/home/u/p/b.bin'", 'linux'],
    ["Error: ENOTSUP: operation not supported on socket, copyfile 'C:\\p\\a.bin' -> 'C:\\p\\b.bin'", 'win32']]) {
    const r = first(t, pl)
    assert.ok(!r.d.causes.some((c) => c.id === 'network-fs'), ids(r.d))
  }
  // "smb" in a config file's name or a local folder is no share
  for (const t of ['cat: /etc/samba/smb.conf: Permission denied', "mkdir: cannot create directory '/srv/smb/share/x': Permission denied"]) {
    const r = first(t, 'linux')
    assert.ok(!r.d.causes.some((c) => c.id === 'network-fs'), ids(r.d))
  }
})
