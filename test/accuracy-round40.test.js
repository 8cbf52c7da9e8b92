'use strict'
// Session 13: classes read from round 40's misses (Node core and libuv,
// bundlers and dev servers, test runners and watchers, embedded Linux
// builds). Texts are written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

const texts = (c) => c.fixes.map((f) => f.text).join('\n')

test("Windows' spawn of a command npm installs: a .cmd shim before a missing program", () => {
  for (const name of ['claude', 'web-ext', 'formatjs']) {
    const { d } = first(`Error: spawn ${name} ENOENT\n    at ChildProcess._handle.onexit (node:internal/child_process:284:19)`, 'win32')
    assert.equal(d.causes[0].id, 'shim-without-shell', `${name}: ${ids(d)}`)
  }
  // programs installed as an .exe of their own stay missing
  for (const name of ['ffmpeg', 'git', 'python']) {
    const { d } = first(`Error: spawn ${name} ENOENT\n    at ChildProcess._handle.onexit (node:internal/child_process:284:19)`, 'win32')
    assert.equal(d.causes[0].id, 'missing-path', `${name}: ${ids(d)}`)
  }
  // and on Linux a bare name is a missing program
  const lin = first('Error: spawn claude ENOENT', 'linux')
  assert.equal(lin.d.causes[0].id, 'missing-path', ids(lin.d))
})

test("BitBake's disk monitor: inodes when it says inodes, space otherwise", () => {
  const ino = first('WARNING: The free inode of /tmp (tmpfs) is running low (31.812K left)\nERROR: No new tasks can be executed since the disk space monitor action is "STOPTASKS"!', 'linux')
  assert.equal(ino.e.code, 'ENOSPC')
  assert.equal(ino.d.causes[0].id, 'inodes-exhausted', ids(ino.d))
  const sp = first('WARNING: The free space of /build/tmp (/dev/sdb2) is running low (0.993GB left)\nERROR: No new tasks can be executed since the disk space monitor action is "STOPTASKS"!', 'linux')
  assert.equal(sp.d.causes[0].id, 'disk-full', ids(sp.d))
})

test("a tool's own length check of its output directory", () => {
  const { e, d } = first('Error: Too long output directory: `\\\\?\\C:\\Users\\u\\Desktop\\training\\target\\riscv32imc-esp-espidf\\debug\\build\\esp-idf-sys-fef687b8d1970f2c\\out`. Shorten your project path down to no more than 10 characters', 'win32')
  assert.equal(e.code, 'ENAMETOOLONG')
  assert.equal(d.causes[0].id, 'path-too-long', ids(d))
})

test('serial ports: the group on Linux, the other program on Windows, inspect only', () => {
  const lin = first("serial.serialutil.SerialException: [Errno 13] could not open port /dev/ttyUSB0: [Errno 13] Permission denied: '/dev/ttyUSB0'", 'linux')
  assert.equal(lin.d.causes[0].id, 'permission-denied', ids(lin.d))
  assert.match(lin.d.causes[0].detail, /dialout/)
  assert.ok(commands(lin.d).includes('ls -l -- /dev/ttyUSB0'), commands(lin.d).join('\n'))
  assert.deepEqual(commands(lin.d).filter((c) => /chmod|chown|usermod|gpasswd/.test(c)), [])
  assert.ok(!lin.d.causes.some((c) => c.id === 'walk-outside-project'), ids(lin.d))
  const win = first("could not open port 'COM3': PermissionError(13, 'Access Denied.', None, 5)", 'win32')
  assert.equal(win.e.code, 'EACCES')
  assert.equal(win.d.causes[0].id, 'file-locked', ids(win.d))
  // a file named like a port inside a folder is no port
  const file = first("Error: EACCES: permission denied, open 'C:\\\\p\\\\COM3.txt'", 'win32')
  assert.doesNotMatch(file.d.causes[0].detail || '', /serial port/)
})

test('a disk opened by its device name is no walk', () => {
  const { d } = first("Error: EPERM: operation not permitted, open '/dev/rdisk2'", 'darwin')
  assert.equal(d.causes[0].id, 'protected-location', ids(d))
  // a listing of /dev still is
  const walk = first("Error: EACCES: permission denied, scandir '/dev/snd'", 'linux')
  assert.equal(walk.d.causes[0].id, 'walk-outside-project', ids(walk.d))
})

test("chokidar's circular symlink in /sys: the watcher went outside the project", () => {
  const { e, d } = first('[nodemon] Internal watch failed: Circular symlink detected: "/sys/class/bdi/1:0/subsystem" points to "/sys/class/bdi"', 'linux')
  assert.equal(e.code, 'ELOOP')
  assert.equal(d.causes[0].id, 'walk-outside-project', ids(d))
  // a cycle inside a project stays a loop
  const own = first('Error: Circular symlink detected: "/home/u/app/packages/a/node_modules/b" points to "/home/u/app/packages"', 'linux')
  assert.equal(own.d.causes[0].id, 'symlink-loop', ids(own.d))
})
