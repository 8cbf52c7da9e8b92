'use strict'
// A fresh review of session 13's change found these; each is fixed and
// held here. Texts are written for the test.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

const texts = (c) => c.fixes.map((f) => f.text).join('\n')
const cause = (d, id) => d.causes.find((c) => c.id === id)

test('a read of a missing file is not made read-only-fs by an EROFS elsewhere in the log', () => {
  const { d } = first("Error: ENOENT: no such file or directory, open '/app/config/settings.json'\nnpm WARN logfile could not be created: Error: EROFS: read-only file system, open '/root/.npm/_logs/debug.log'", 'linux')
  assert.equal(d.causes[0].id, 'missing-path', ids(d))
  // a tool that says it could not create, with the mount's refusal: still read-only
  const made = first("OSError: [Errno 2] No such file or directory: '/snap/app/1/www/.well-known/x'\nCouldn't create root for http-01 challenge responses: OSError(30, 'Read-only file system')", 'linux')
  assert.equal(made.d.causes[0].id, 'read-only-fs', ids(made.d))
})

test("a project's lib folder above node_modules is not npm's global prefix", () => {
  for (const p of ['/srv/monorepo/packages/lib/node_modules/.cache', '/var/www/site/lib/node_modules/x', '/opt/local/lib/node_modules/.vite/deps']) {
    const { d } = first(`npm ERR! Error: EACCES: permission denied, mkdir '${p}'`, 'linux')
    assert.notEqual(d.causes[0].id, 'global-prefix-not-writable', `${p}: ${ids(d)}`)
  }
  const n = first("npm ERR! Error: EACCES: permission denied, mkdir '/usr/local/n/versions/node/20.1.0/lib/node_modules/tool'", 'linux')
  assert.equal(n.d.causes[0].id, 'global-prefix-not-writable', ids(n.d))
})

test("the read-only attribute from the log's words: only for deletes and overwrites, never a walk's end", () => {
  const mk = first("Error: EPERM: operation not permitted, mkdir 'C:\\\\Users\\\\bob\\\\proj\\\\dist'\nVS Code: Open file is readonly", 'win32')
  assert.notEqual(mk.d.causes[0].id, 'readonly-attribute', ids(mk.d))
  const walk = first("Error: EPERM: operation not permitted, scandir 'C:\\\\System Volume Information'\nfiles marked readonly were skipped", 'win32')
  assert.equal(walk.d.causes[0].id, 'walk-outside-project', ids(walk.d))
  assert.deepEqual(commands(walk.d).filter((c) => /attrib|Attributes|chmod|icacls .*\/grant|takeown/.test(c)), [])
})

test("Windows' spawn: a name's case does not make it a shim, and the shim's fix says how to tell", () => {
  for (const name of ['Python', 'pandoc', 'kubectl']) {
    const { d } = first(`Error: spawn ${name} ENOENT`, 'win32')
    assert.equal(d.causes[0].id, 'missing-path', `${name}: ${ids(d)}`)
  }
  const { d } = first('Error: spawn claude ENOENT', 'win32')
  assert.equal(d.causes[0].id, 'shim-without-shell', ids(d))
  assert.match(texts(d.causes[0]), /most likely/)
  assert.doesNotMatch(texts(d.causes[0]), /On Windows claude is a \.cmd script/)
  // npm itself is known to be one
  const npm = first('Error: spawn npm ENOENT', 'win32')
  assert.match(texts(npm.d.causes[0]), /On Windows npm is a \.cmd script/)
})

test("Android: Node's rename into shared storage is the storage permission, not a symlink", () => {
  const { d } = first("Error: EACCES: permission denied, rename '/data/data/com.termux/files/home/a.txt' -> '/storage/emulated/0/Download/a.txt'", 'linux')
  assert.equal(d.causes[0].id, 'protected-location', ids(d))
  assert.ok(!cause(d, 'fs-no-symlinks') || cause(d, 'fs-no-symlinks').confidence < 0.7, ids(d))
})

test("a web server's (13: ...) line without a file is not the modes on a path", () => {
  const { d } = first('2024/01/01 10:00:00 [crit] 9#9: *1 connect() to 127.0.0.1:8080 failed (13: Permission denied) while connecting to upstream', 'linux')
  const p = cause(d, 'permission-denied')
  assert.ok(!p || !/worker runs as its own account/.test(p.detail), ids(d))
})

test("a df table decides over words about inodes", () => {
  const { d } = first("Error: ENOSPC: no space left on device, write\n$ df -h\nFilesystem      Size  Used Avail Use% Mounted on\n/dev/sda1        20G   20G     0 100% /\nwe are not out of inodes, and no free inodes warning showed", 'linux')
  assert.equal(d.causes[0].id, 'disk-full', ids(d))
})

test("ChromeOS' symlink policy: not inside Crostini's container", () => {
  const { d } = first("System: Debian 12 (Crostini) on ChromeOS 120, user@penguin\nError: ELOOP: too many symbolic links encountered, stat '/home/bob/proj/node_modules/a/node_modules/b'", 'linux')
  assert.equal(d.causes[0].id, 'symlink-loop', ids(d))
})

test('devices opened by name: /sys controls, busy serial ports, \\\\.\\COMn, other device groups', () => {
  const gpio = first("Error: EACCES: permission denied, open '/sys/class/gpio/export'", 'linux')
  assert.ok(!cause(gpio.d, 'walk-outside-project'), ids(gpio.d))
  const busy = first("serial.serialutil.SerialException: [Errno 16] could not open port /dev/ttyACM0: [Errno 16] Device or resource busy: '/dev/ttyACM0'", 'linux')
  assert.equal(busy.d.causes[0].id, 'file-locked', ids(busy.d))
  const com = first("could not open port '\\\\.\\COM12': PermissionError(13, 'Access is denied.', None, 5)", 'win32')
  assert.equal(com.d.causes[0].id, 'file-locked', ids(com.d))
  // Termux's own home is under /data/data too, and is the user's
  const termux = first("android termux: Error: EACCES: permission denied, open '/data/data/com.termux/files/home/proj/a.txt'", 'linux')
  assert.doesNotMatch(termux.d.causes[0].detail || '', /private data/, ids(termux.d))
  const i2c = first("Error: EACCES: permission denied, open '/dev/i2c-1'", 'linux')
  assert.equal(i2c.d.causes[0].id, 'permission-denied', ids(i2c.d))
  assert.ok(commands(i2c.d).includes('ls -l -- /dev/i2c-1'), commands(i2c.d).join('\n'))
})

test("a cycle in /sys: no fix removes a link there", () => {
  const { d } = first('Error: Circular symlink detected: "/sys/class/net/eth0/subsystem" points to "/sys/class/net"', 'linux')
  assert.equal(d.causes[0].id, 'walk-outside-project', ids(d))
  assert.deepEqual(commands(d).filter((c) => /^rm |rmdir|chmod|chown/.test(c)), [])
  for (const c of d.causes) assert.doesNotMatch(texts(c), /Remove the link/, c.id)
})

test("git's 'chmod on <path> failed' gives its path; ENOLCK's fix names the lock daemons", () => {
  const g = first('error: chmod on /mnt/c/Users/bob/repo/.git/config.lock failed: Operation not permitted', 'linux')
  assert.equal(g.e.path, '/mnt/c/Users/bob/repo/.git/config.lock')
  const l = first("OSError: [Errno 37] No locks available: '/nfs/home/u/.conda/lock'", 'linux')
  assert.match(texts(l.d.causes[0]), /rpc\.statd/)
  assert.doesNotMatch(texts(l.d.causes[0]), /mounted with nolock/)
})
