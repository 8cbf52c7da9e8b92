'use strict'
// The cases: per fs function (its base name; the callback, *Sync and
// fs.promises forms run the same argument lists where they exist), argument
// lists made from a sandbox directory `d`. Success, system errors and
// argument validation alike: paths that exist and do not, wrong types,
// bad options, bad descriptors.
const fs = require('node:fs')
const path = require('node:path')

const opened = []
// A descriptor of a sandbox file, opened with plain fs and closed after the
// case (closing twice is harmless: the case may close it itself).
function fd (d, name = 'file', flags = 'r+') {
  const n = fs.openSync(path.join(d, name), flags)
  opened.push(n)
  return n
}
function closeFds () {
  for (const n of opened.splice(0)) {
    try {
      fs.closeSync(n)
    } catch {}
  }
}

const p = (d, ...names) => path.join(d, ...names)
const BAD_PATHS = [{}, 123n, null, undefined, 42, 'a\u0000b', Symbol('s')]
const badPaths = (extra = []) => BAD_PATHS.map((b) => () => [b, ...extra])
const BAD_FDS = [-1, 'x', 2 ** 31, 1.5, null]
const badFds = (extra = []) => BAD_FDS.map((b) => () => [b, ...extra])

const CASES = {
  access: [(d) => [p(d, 'file')], (d) => [p(d, 'missing')], (d) => [p(d, 'file'), fs.constants.W_OK],
    (d) => [p(d, 'file'), 'bad'], (d) => [new URL(`file://${p(d, 'file')}`)], (d) => [Buffer.from(p(d, 'dir'))], ...badPaths()],
  appendFile: [(d) => [p(d, 'file'), 'more'], (d) => [p(d, 'new'), Buffer.from('x')], (d) => [p(d, 'dir'), 'x'],
    (d) => [p(d, 'missing', 'x'), 'y'], (d) => [p(d, 'file'), 'x', { flag: 'r' }], (d) => [p(d, 'file'), 42],
    (d) => [p(d, 'file'), 'x', { encoding: 'nope' }], (d) => [fd(d), 'via fd'], ...badPaths(['x'])],
  chmod: [(d) => [p(d, 'file'), 0o600], (d) => [p(d, 'missing'), 0o600], (d) => [p(d, 'file'), 'bad'], (d) => [p(d, 'file'), '755'], ...badPaths([0o600])],
  chown: [(d) => [p(d, 'file'), process.getuid(), process.getgid()], (d) => [p(d, 'missing'), 0, 0], (d) => [p(d, 'file'), 'x', 0], (d) => [p(d, 'file'), -2, 0], ...badPaths([0, 0])],
  close: [(d) => [fd(d)], (d) => [2 ** 30], ...badFds()],
  copyFile: [(d) => [p(d, 'file'), p(d, 'copy')], (d) => [p(d, 'missing'), p(d, 'copy')], (d) => [p(d, 'file'), p(d, 'empty'), fs.constants.COPYFILE_EXCL],
    (d) => [p(d, 'dir'), p(d, 'copy')], (d) => [p(d, 'file'), p(d, 'copy'), 'bad'], (d) => [p(d, 'file'), {}], ...badPaths(['x'])],
  cp: [(d) => [p(d, 'dir'), p(d, 'dir2'), { recursive: true }], (d) => [p(d, 'dir'), p(d, 'dir2')], (d) => [p(d, 'file'), p(d, 'f2')],
    (d) => [p(d, 'missing'), p(d, 'x')], (d) => [p(d, 'dir'), p(d, 'dir', 'sub', 'in'), { recursive: true }], (d) => [p(d, 'file'), p(d, 'f2'), { recursive: 'yes' }], ...badPaths(['x'])],
  fchmod: [(d) => [fd(d), 0o600], (d) => [fd(d), 'bad'], ...badFds([0o600])],
  fchown: [(d) => [fd(d), process.getuid(), process.getgid()], (d) => [fd(d), 'x', 0], ...badFds([0, 0])],
  fdatasync: [(d) => [fd(d)], (d) => [2 ** 30], ...badFds()],
  fstat: [(d) => [fd(d)], (d) => [fd(d), { bigint: true }], (d) => [2 ** 30], ...badFds()],
  fsync: [(d) => [fd(d)], (d) => [2 ** 30], ...badFds()],
  ftruncate: [(d) => [fd(d), 3], (d) => [fd(d)], (d) => [fd(d), -1], (d) => [fd(d), 'x'], (d) => [fd(d, 'file', 'r'), 1], ...badFds([1])],
  futimes: [(d) => [fd(d), 1000, 2000], (d) => [fd(d), 'x', 1], (d) => [fd(d), new Date(5000), new Date(6000)], ...badFds([1, 1])],
  lchown: [(d) => [p(d, 'link'), process.getuid(), process.getgid()], (d) => [p(d, 'missing'), 0, 0], (d) => [p(d, 'link'), 'x', 0], ...badPaths([0, 0])],
  link: [(d) => [p(d, 'file'), p(d, 'hard')], (d) => [p(d, 'missing'), p(d, 'hard')], (d) => [p(d, 'file'), p(d, 'empty')], (d) => [p(d, 'dir'), p(d, 'hard')], ...badPaths(['x'])],
  lstat: [(d) => [p(d, 'link')], (d) => [p(d, 'dangling')], (d) => [p(d, 'missing')], (d) => [p(d, 'missing'), { throwIfNoEntry: false }],
    (d) => [p(d, 'file'), { bigint: true }], (d) => [p(d, 'file', 'x')], ...badPaths()],
  lutimes: [(d) => [p(d, 'link'), 1000, 2000], (d) => [p(d, 'missing'), 1, 1], (d) => [p(d, 'link'), 'x', 1], ...badPaths([1, 1])],
  mkdir: [(d) => [p(d, 'new')], (d) => [p(d, 'a', 'b', 'c'), { recursive: true }], (d) => [p(d, 'dir')], (d) => [p(d, 'dir'), { recursive: true }],
    (d) => [p(d, 'missing', 'x')], (d) => [p(d, 'file', 'x'), { recursive: true }], (d) => [p(d, 'new'), 0o700], (d) => [p(d, 'new'), { mode: 'bad' }], ...badPaths()],
  mkdtemp: [(d) => [p(d, 'fsd-mkdt-')], (d) => [p(d, 'missing', 'fsd-mkdt-')], (d) => [p(d, 'fsd-mkdt-'), 'buffer'], (d) => [p(d, 'fsd-mkdt-'), { encoding: 'nope' }], () => [42], () => [null]],
  open: [(d) => [p(d, 'file')], (d) => [p(d, 'file'), 'r+'], (d) => [p(d, 'new'), 'wx'], (d) => [p(d, 'file'), 'wx'], (d) => [p(d, 'missing')],
    (d) => [p(d, 'file'), 'bogus'], (d) => [p(d, 'dir'), 'w'], (d) => [p(d, 'new'), 'w', 0o600], (d) => [p(d, 'new'), 'w', 'bad'], ...badPaths()],
  opendir: [(d) => [p(d, 'dir')], (d) => [p(d, 'missing')], (d) => [p(d, 'file')], ...badPaths()],
  read: [(d) => [fd(d), Buffer.alloc(5), 0, 5, 0], (d) => [fd(d), Buffer.alloc(5), 0, 5, null], (d) => [fd(d), { buffer: Buffer.alloc(4) }],
    (d) => [fd(d), Buffer.alloc(5), 0, 10, 0], (d) => [fd(d), Buffer.alloc(5), -1, 5, 0], (d) => [fd(d), 'notabuffer', 0, 1, 0],
    (d) => [fd(d, 'dir', 'r'), Buffer.alloc(5), 0, 5, 0], (d) => [fd(d), Buffer.alloc(5), 0, 5, 100], (d) => [fd(d), Buffer.alloc(5), 0, 5, 0n], ...badFds([Buffer.alloc(1), 0, 1, 0])],
  readdir: [(d) => [p(d, 'dir')], (d) => [p(d, 'dir'), { withFileTypes: true }], (d) => [p(d, 'dir'), { recursive: true }], (d) => [p(d, 'dir'), 'buffer'],
    (d) => [p(d, 'missing')], (d) => [p(d, 'file')], (d) => [p(d, 'dir'), { encoding: 'nope' }], ...badPaths()],
  readFile: [(d) => [p(d, 'file')], (d) => [p(d, 'file'), 'utf8'], (d) => [p(d, 'file'), { encoding: 'base64' }], (d) => [p(d, 'missing')], (d) => [p(d, 'dir')],
    (d) => [p(d, 'file'), { flag: 'bogus' }], (d) => [p(d, 'file'), { encoding: 'nope' }], (d) => [fd(d)], (d) => [p(d, 'link'), 'latin1'], (d) => [p(d, 'file'), { signal: AbortSignal.abort() }], ...badPaths()],
  readlink: [(d) => [p(d, 'link')], (d) => [p(d, 'file')], (d) => [p(d, 'missing')], (d) => [p(d, 'link'), 'buffer'], ...badPaths()],
  readv: [(d) => [fd(d), [Buffer.alloc(3), Buffer.alloc(3)], 0], (d) => [fd(d), [Buffer.alloc(3)]], (d) => [fd(d), 'x'], (d) => [fd(d), [Buffer.alloc(2)], -5], ...badFds([[Buffer.alloc(1)]])],
  realpath: [(d) => [p(d, 'link')], (d) => [p(d, 'dangling')], (d) => [p(d, 'missing')], (d) => [p(d, 'dir', '..', 'file')], (d) => [p(d, 'link'), 'buffer'], ...badPaths()],
  rename: [(d) => [p(d, 'file'), p(d, 'moved')], (d) => [p(d, 'missing'), p(d, 'x')], (d) => [p(d, 'dir'), p(d, 'emptydir')], (d) => [p(d, 'emptydir'), p(d, 'dir')],
    (d) => [p(d, 'file'), p(d, 'dir')], (d) => [p(d, 'dir'), p(d, 'dir', 'sub', 'x')], (d) => [p(d, 'file'), p(d, 'missing', 'x')], ...badPaths(['x'])],
  rm: [(d) => [p(d, 'file')], (d) => [p(d, 'dir'), { recursive: true }], (d) => [p(d, 'dir')], (d) => [p(d, 'missing')], (d) => [p(d, 'missing'), { force: true }],
    (d) => [p(d, 'emptydir')], (d) => [p(d, 'emptydir'), { recursive: true }], (d) => [p(d, 'link'), { recursive: true }], (d) => [p(d, 'dir'), { recursive: true, maxRetries: 2 }],
    (d) => [p(d, 'dir'), { recursive: 'yes' }], (d) => [p(d, 'file', 'x'), { recursive: true, force: true }], ...badPaths()],
  rmdir: [(d) => [p(d, 'emptydir')], (d) => [p(d, 'dir')], (d) => [p(d, 'file')], (d) => [p(d, 'missing')], (d) => [p(d, 'emptydir'), { maxRetries: 1 }], (d) => [p(d, 'emptydir'), { maxRetries: 'x' }], ...badPaths()],
  stat: [(d) => [p(d, 'file')], (d) => [p(d, 'link')], (d) => [p(d, 'dangling')], (d) => [p(d, 'missing')], (d) => [p(d, 'missing'), { throwIfNoEntry: false }],
    (d) => [p(d, 'dir'), { bigint: true }], (d) => [p(d, 'file', 'x')], ...badPaths()],
  statfs: [(d) => [p(d, 'file')], (d) => [p(d, 'missing')], ...badPaths()],
  symlink: [(d) => ['file', p(d, 'l2')], (d) => ['x', p(d, 'file')], (d) => ['x', p(d, 'missing', 'l')], (d) => ['dir', p(d, 'l3'), 'dir'], (d) => ['x', p(d, 'l4'), 'bogus'], ...badPaths(['x'])],
  truncate: [(d) => [p(d, 'file'), 3], (d) => [p(d, 'file')], (d) => [p(d, 'missing'), 1], (d) => [p(d, 'dir'), 1], (d) => [p(d, 'file'), -1], (d) => [p(d, 'file'), 'x']],
  unlink: [(d) => [p(d, 'file')], (d) => [p(d, 'link')], (d) => [p(d, 'missing')], (d) => [p(d, 'dir')], ...badPaths()],
  utimes: [(d) => [p(d, 'file'), 1000, 2000], (d) => [p(d, 'file'), '1000', new Date(0)], (d) => [p(d, 'missing'), 1, 1], (d) => [p(d, 'file'), 'x', 1], ...badPaths([1, 1])],
  write: [(d) => [fd(d), Buffer.from('XY'), 0, 2, 0], (d) => [fd(d), 'str', 1], (d) => [fd(d), 'str', null, 'utf8'], (d) => [fd(d), Buffer.from('XY'), 0, 5, 0],
    (d) => [fd(d, 'file', 'r'), 'x', 0], (d) => [fd(d), 42], (d) => [fd(d), Buffer.from('XY'), { position: 3 }], ...badFds(['x'])],
  writeFile: [(d) => [p(d, 'file'), 'new'], (d) => [p(d, 'new'), Buffer.from('x')], (d) => [p(d, 'dir'), 'x'], (d) => [p(d, 'missing', 'x'), 'y'],
    (d) => [p(d, 'file'), 'x', { flag: 'wx' }], (d) => [p(d, 'file'), 42], (d) => [p(d, 'file'), 'x', { encoding: 'nope' }], (d) => [fd(d), 'via fd'],
    (d) => [p(d, 'file'), new Uint8Array([65, 66])], (d) => [p(d, 'file'), 'x', { mode: 'bad' }], (d) => [p(d, 'file'), 'x', { signal: AbortSignal.abort() }], ...badPaths(['x'])],
  writev: [(d) => [fd(d), [Buffer.from('a'), Buffer.from('b')], 0], (d) => [fd(d), [Buffer.from('a')]], (d) => [fd(d), 'x'], (d) => [fd(d, 'file', 'r'), [Buffer.from('a')], 0], ...badFds([[Buffer.from('a')]])]
}
// Windows and macOS have lchmod; Linux's fs.lchmod is undefined.
if (typeof fs.lchmod === 'function') CASES.lchmod = [(d) => [p(d, 'link'), 0o600], (d) => [p(d, 'missing'), 0o600]]

// fs functions and classes that are not run case by case, each with why,
// and what is checked about them instead (shape.test.js, streams.test.js).
const NOT_CASES = {
  exists: 'passed through: the same function as fs.exists',
  existsSync: 'passed through: the same function as fs.existsSync',
  watch: 'passed through: the same function as fs.watch',
  watchFile: 'passed through: the same function as fs.watchFile',
  unwatchFile: 'passed through: the same function as fs.unwatchFile',
  openAsBlob: 'passed through: the same function as fs.openAsBlob',
  _toUnixTimestamp: 'passed through: the same function',
  Dirent: 'passed through: the same class',
  Stats: 'passed through: the same class',
  Dir: 'passed through: the same class',
  createReadStream: 'streams.test.js',
  createWriteStream: 'streams.test.js',
  ReadStream: 'streams.test.js',
  WriteStream: 'streams.test.js',
  FileReadStream: 'streams.test.js',
  FileWriteStream: 'streams.test.js',
  promises: 'the fs.promises forms of CASES, and shape.test.js',
  constants: 'the same object',
  F_OK: 'the same value',
  R_OK: 'the same value',
  W_OK: 'the same value',
  X_OK: 'the same value',
  lchmod: 'undefined on Linux; run case by case where it exists',
  lchmodSync: 'undefined on Linux; run case by case where it exists'
}

module.exports = { CASES, NOT_CASES, closeFds }
