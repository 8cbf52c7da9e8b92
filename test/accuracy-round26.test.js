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
  const ap = first("Access to path 'C:\\agent\\_work\\_tasks\\x.zip' is denied.")
  assert.deepEqual([ap.e.code, ap.e.platform], ['EPERM', 'win32'])
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
