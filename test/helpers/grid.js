'use strict'
// The text-only input grid shared by the parity test and bench/engine.js:
// every code x syscall x path shape (as an error object and as the message
// Node prints), each platform option, and every log fixture.
const fs = require('fs')
const path = require('path')

const CODES = ['EPERM', 'EACCES', 'EBUSY', 'EMLINK', 'ELOOP', 'EMFILE', 'ENFILE',
  'ENOSPC', 'EROFS', 'EXDEV', 'ENAMETOOLONG', 'ETXTBSY', 'ENOTEMPTY', 'ENOENT',
  'EEXIST', 'EISDIR', 'ENOTDIR', 'EAGAIN', 'EDQUOT', 'EIO', 'ENOTSUP', 'EINVAL',
  'ENOSYS', 'ESTALE', 'UNKNOWN', 'EINTR', 'EPIPE']
const SYSCALLS = ['open', 'rename', 'unlink', 'rmdir', 'mkdir', 'symlink', 'link',
  'copyfile', 'scandir', 'lstat', 'chmod', 'watch', 'write', 'mkdtemp', 'utime',
  'rm', 'access', null]
// [path, dest]: the places that change an answer.
const SHAPES = [
  ['/home/u/p/node_modules/x', null],
  ['/home/u/p/node_modules/.staging/x-1a2b', '/home/u/p/node_modules/x'],
  ['/home/u/p/node_modules/.pnpm/x@1.0.0/node_modules/x', null],
  ['/home/u/.npm/_cacache/tmp/abc', '/home/u/.npm/_cacache/content-v2/sha512/ab'],
  ['/usr/local/lib/node_modules/x', null],
  ['/usr/share/x', null],
  ['/mnt/c/Users/u/p/node_modules/x', '/mnt/c/Users/u/p/node_modules/y'],
  ['C:\\Users\\u\\p\\node_modules\\x', 'C:\\Users\\u\\p\\node_modules\\y'],
  ['C:\\Users\\u\\AppData\\Roaming\\npm\\node_modules\\x', null],
  ['C:\\Program Files\\app\\x.log', null],
  ['\\\\srv\\share\\p\\x', null],
  ['/Users/u/p/node_modules/x', null],
  ['/System/Library/x', null],
  ['node_modules/x', null],
  ['/tmp/x-XXXXXX', null],
  ['/app/node_modules/x', null],
  ['/home/u/p/' + 'd/'.repeat(200) + 'x', null],
  ['/home/u/p/\u00e9\u4e2d/x', null],
  ['/usr/src/app/public/x', null],
  ['/Users/u/Documents/p/x', null],
  ['Q:\\', null]
]
// What else a pasted log may say (options.context): the cues text-only rules
// read.
const CONTEXTS = [
  'root@2d68975f51d5:/app# npm install',
  '$ sudo npm install -g x',
  'Failed to initialize inotify: the user limit on the total number of inotify instances has been reached.',
  "'\\\\wsl$\\Ubuntu\\home\\u\\p'\nCMD.EXE was started with the above path as the current directory.\nUNC paths are not supported.  Defaulting to Windows directory.",
  'Please grant "Full Disk Access" to Terminal',
  '/path/to/repo/target is a mountpoint',
  'Error creating symlink: Error: EPERM, operation not permitted',
  'spawning a child_process with long arguments'
]
const PLATFORMS = [undefined, 'linux', 'darwin', 'win32', 'wsl']

function message (code, syscall, p, dest) {
  let m = `${code}: operation failed`
  if (syscall) m += `, ${syscall}`
  if (p) m += ` '${p}'`
  if (dest) m += ` -> '${dest}'`
  return m
}

// [[input, options]]: n pairs, deterministic.
function grid () {
  const out = []
  let k = 0
  for (const code of CODES) {
    for (const syscall of SYSCALLS) {
      for (const [p, dest] of SHAPES) {
        const platform = PLATFORMS[k++ % PLATFORMS.length]
        const err = { code, syscall: syscall || undefined, path: p, dest: dest || undefined, message: 'x' }
        if (k % 7 === 0) err.errno = code === 'EPERM' ? -4048 : -1
        const opts = { live: false, platform }
        if (k % 5 === 0) opts.context = CONTEXTS[(k / 5) % CONTEXTS.length]
        out.push([err, opts])
        if (k % 3 === 0) out.push([message(code, syscall, p, dest), { platform }])
      }
    }
  }
  const dir = path.join(__dirname, '..', 'fixtures', 'logs')
  for (const f of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, f))
    out.push([text, undefined], [text.toString('utf8'), { live: false }])
  }
  out.push(['nothing to see here', undefined], ['', undefined],
    ['\u0000EPERM\u0000', undefined], [Buffer.from([0xff, 0xfe, 0x45, 0x50]), undefined])
  return out
}

module.exports = { grid, CODES, SYSCALLS, SHAPES, CONTEXTS }
