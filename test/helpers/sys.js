'use strict'
// Shared helpers for tests that need real system state: mounts, loop
// images, FUSE filesystems, other users, processes that hold files open.
//
// Every maker returns an object with a synchronous, idempotent cleanup().
// Cleanups are also run when the process exits, so a failed test never
// leaves a mount, a loop device or a child process behind. Use them from
// `after` hooks as well (that is where the order is under your control).
const { spawn, spawnSync, execFileSync } = require('node:child_process')
const crypto = require('node:crypto')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const pending = new Set()
let exitHooked = false

function track (cleanup) {
  let done = false
  const once = () => {
    if (done) return
    done = true
    pending.delete(once)
    cleanup()
  }
  pending.add(once)
  if (!exitHooked) {
    exitHooked = true
    const runAll = () => {
      for (const c of [...pending].reverse()) {
        try { c() } catch {}
      }
    }
    process.on('exit', runAll)
    // node --test kills a file that runs too long: clean up then too.
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(sig, () => {
        runAll()
        process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1))
      })
    }
  }
  return once
}

function isRoot () {
  return typeof process.geteuid === 'function' && process.geteuid() === 0
}

function have (cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
}

// Skips the test (returns true) unless we are root on Linux. Usage:
//   if (skipUnlessRoot(t, 'mounts a tmpfs')) return
function skipUnlessRoot (t, why) {
  if (process.platform !== 'linux') {
    t.skip(`Linux only: ${why}`)
    return true
  }
  if (!isRoot()) {
    t.skip(`needs root: ${why}`)
    return true
  }
  return false
}

// Like skipUnlessRoot, and also skips when one of the commands is missing.
function skipUnless (t, why, cmds = []) {
  if (skipUnlessRoot(t, why)) return true
  for (const c of cmds) {
    if (!have(c)) {
      t.skip(`needs ${c}: ${why}`)
      return true
    }
  }
  return false
}

function run (cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts })
  if (r.error) throw r.error
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`)
  }
  return r.stdout
}

// A fresh directory under os.tmpdir(), removed by cleanup().
function tmpdir (prefix = 'fsd-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  // Readable by every user so runAs() children can reach what is inside.
  fs.chmodSync(dir, 0o755)
  const cleanup = track(() => {
    // Never recurse into a mount left under the directory (a bind mount
    // would take its source's files with it): detach those first.
    for (const mp of mountsUnder(dir).reverse()) {
      spawnSync('umount', ['-l', mp], { stdio: 'ignore', timeout: 10000 })
    }
    if (mountsUnder(dir).length === 0) fs.rmSync(dir, { recursive: true, force: true })
  })
  return { dir, cleanup }
}

function unescapeMount (s) {
  return s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)))
}

// Mount points at or below dir, in mount order.
function mountsUnder (dir) {
  const out = []
  for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    if (!line) continue
    const mp = unescapeMount(line.split(' ')[4])
    if (mp === dir || mp.startsWith(dir + '/')) out.push(mp)
  }
  return out
}

// The /proc/self/mountinfo entry whose mount point is exactly dir, or null.
function mountEntry (dir) {
  const unescape = unescapeMount
  let found = null
  for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    if (!line) continue
    const f = line.split(' ')
    const sep = f.indexOf('-')
    if (unescape(f[4]) === dir) {
      found = {
        mountPoint: dir,
        options: f[5].split(','),
        type: f[sep + 1],
        source: unescape(f[sep + 2]),
        superOptions: (f[sep + 3] || '').split(',')
      }
    }
  }
  return found // the last one is the top of a stack of mounts
}

function isMounted (dir) {
  return mountEntry(dir) !== null
}

function unmount (dir) {
  for (let i = 0; i < 20 && isMounted(dir); i++) {
    const r = spawnSync('umount', [dir], { stdio: 'ignore', timeout: 10000 })
    if (r.status !== 0 && i >= 5) spawnSync('umount', ['-l', dir], { stdio: 'ignore', timeout: 10000 })
    else if (r.status !== 0) sleepMs(100)
  }
}

function sleepMs (ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

// A tmpfs mounted on a fresh directory.
// opts: { readOnly, size ('4m'), mode ('755'), options: [extra] }
function mountTmpfs (opts = {}) {
  const base = tmpdir('fsd-tmpfs-')
  const dir = path.join(base.dir, 'mnt')
  fs.mkdirSync(dir)
  const o = [`size=${opts.size || '4m'}`, `mode=${opts.mode || '755'}`, ...(opts.options || [])]
  if (opts.readOnly) o.push('ro')
  run('mount', ['-t', 'tmpfs', '-o', o.join(','), opts.source || 'fsdtest', dir])
  const cleanup = track(() => {
    unmount(dir)
    base.cleanup()
  })
  return { dir, cleanup }
}

const mkfsDefaults = {
  ext2: ['-q', '-F'],
  ext3: ['-q', '-F'],
  ext4: ['-q', '-F'],
  xfs: ['-q', '-f'],
  btrfs: ['-q', '-f'],
  vfat: [],
  exfat: []
}
const minSizeMB = { xfs: 300, btrfs: 120 }

// A filesystem image of fstype, mounted with -o loop on a fresh directory.
// Returns { dir, image, cleanup }. opts: { mountOptions: ['ro', ...] }
function makeLoopImage (fstype, sizeMB = 16, mkfsArgs = [], opts = {}) {
  const base = tmpdir(`fsd-${fstype}-`)
  const image = path.join(base.dir, `${fstype}.img`)
  const dir = path.join(base.dir, 'mnt')
  fs.mkdirSync(dir)
  const cleanup = track(() => {
    unmount(dir)
    base.cleanup()
  })
  try {
    fs.writeFileSync(image, '')
    fs.truncateSync(image, Math.max(sizeMB, minSizeMB[fstype] || 0) * 1024 * 1024)
    run(`mkfs.${fstype}`, [...(mkfsDefaults[fstype] || []), ...mkfsArgs, image])
    const mo = ['loop', ...(opts.mountOptions || [])]
    run('mount', ['-t', fstype, '-o', mo.join(','), image, dir])
    fs.chmodSync(dir, 0o755)
  } catch (err) {
    cleanup()
    throw err
  }
  return { dir, image, cleanup }
}

// A loaded machine can take many seconds to bring a FUSE daemon up.
function waitMounted (dir, ms = 30000) {
  const end = Date.now() + ms
  while (!isMounted(dir)) {
    if (Date.now() > end) throw new Error(`${dir} did not get mounted`)
    sleepMs(20)
  }
}

// Unconditional: a daemon that was slow to start may mount after we gave
// up waiting, so try even when the table does not show it yet.
function fuseUnmount (dir) {
  spawnSync('fusermount', ['-u', '-z', dir], { stdio: 'ignore', timeout: 10000 })
  unmount(dir)
}

// Starts a FUSE daemon. Its stdio goes to a log file, never to pipes: the
// daemon lives on after the command returns, and spawnSync would wait for
// pipes it keeps open. Throws with the log when it fails.
function startFuse (cmd, args, logDir) {
  const log = path.join(logDir, `${cmd}.log`)
  const fd = fs.openSync(log, 'w')
  let r
  try {
    r = spawnSync(cmd, args, { stdio: ['ignore', fd, fd], timeout: 30000 })
  } finally {
    fs.closeSync(fd)
  }
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} failed (${r.error ? r.error.message : r.status ?? r.signal}): ${fs.readFileSync(log, 'utf8')}`)
  }
}

// A vfat image mounted through fusefat (type fuse.fusefat, no symlinks, no
// hard links). Returns { dir, image, cleanup }.
function fuseFat (sizeMB = 8) {
  const base = tmpdir('fsd-fusefat-')
  const image = path.join(base.dir, 'fat.img')
  const dir = path.join(base.dir, 'mnt')
  fs.mkdirSync(dir)
  const cleanup = track(() => {
    fuseUnmount(dir)
    base.cleanup()
  })
  try {
    fs.writeFileSync(image, '')
    fs.truncateSync(image, sizeMB * 1024 * 1024)
    run('mkfs.vfat', [image])
    // fusefat chatters on stdout; it daemonizes once mounted.
    startFuse('fusefat', ['-o', 'rw+', image, dir], base.dir)
    waitMounted(dir)
  } catch (err) {
    cleanup()
    throw err
  }
  return { dir, image, cleanup }
}

// An NTFS image mounted through ntfs-3g. With { block: true } (default) the
// image goes on a loop device first, so the mount is type fuseblk like a
// real disk; otherwise ntfs-3g mounts the file itself (type fuse).
// opts.options: ntfs-3g's -o options (['windows_names']).
function ntfs3g (sizeMB = 8, opts = {}) {
  const block = opts.block !== false
  const base = tmpdir('fsd-ntfs-')
  const image = path.join(base.dir, 'ntfs.img')
  const dir = path.join(base.dir, 'mnt')
  fs.mkdirSync(dir)
  let loopdev = null
  const cleanup = track(() => {
    fuseUnmount(dir)
    if (loopdev) spawnSync('losetup', ['-d', loopdev], { stdio: 'ignore' })
    base.cleanup()
  })
  try {
    fs.writeFileSync(image, '')
    fs.truncateSync(image, sizeMB * 1024 * 1024)
    run('mkntfs', ['-q', '-F', '-f', image])
    let src = image
    if (block) {
      loopdev = run('losetup', ['-f', '--show', image]).trim()
      src = loopdev
    }
    startFuse('ntfs-3g', [...(opts.options ? ['-o', opts.options.join(',')] : []), src, dir], base.dir)
    waitMounted(dir)
  } catch (err) {
    cleanup()
    throw err
  }
  return { dir, image, device: loopdev, cleanup }
}

// uid/gid of a user name (or { uid, gid } passed through).
function userIds (user = 'nobody') {
  if (typeof user === 'object') return user
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim())
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim())
  return { uid, gid, name: user }
}

// Runs cmd as another user with no supplementary groups and no
// capabilities (setpriv drops them when every uid becomes non-zero).
// Returns spawnSync's result (utf8). An FSDOCTOR_ADDON or FSDOCTOR_WASM in
// opts.env that is this process's own is pointed at packageAs()'s copy of
// that file, once the copy is made (the user may not reach the original).
function runAs (user, cmd, args = [], opts = {}) {
  const { uid, gid } = userIds(user)
  const env = { PATH: process.env.PATH, HOME: '/', ...(opts.env || {}) }
  for (const [k, copied] of Object.entries(pkgCopy ? pkgCopy.env : {})) {
    if (env[k] === process.env[k]) env[k] = copied
  }
  return spawnSync('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups',
    '--inh-caps=-all', '--', cmd, ...args], {
    encoding: 'utf8',
    cwd: '/',
    ...opts,
    env
  })
}

const root = path.join(__dirname, '..', '..')

// The package, for tests that run it as another user. The checkout may be
// where only we can go (cloned as root into a 0700 directory), so those
// tests run a copy of what an install of the package has, in a temp
// directory every user can read: package.json, the published files
// (package.json "files") but the sources the addon is built from, the addon
// built here (build/Release; the loader prefers it to prebuilds/), the
// runtime dependencies, and the FSDOCTOR_ADDON / FSDOCTOR_WASM files when
// those are set. Made once per process, removed when it exits.
// Returns { dir, bin }; throws, saying why, when `user` cannot reach it
// (skipUnlessRunAs skips the test then).
const BUILD_ONLY = new Set(['binding.gyp', 'src'])
let pkgCopy = null
const unreachable = new Map()

function packageAs (user = 'nobody') {
  if (!pkgCopy) pkgCopy = copyPackage()
  const { uid } = userIds(user)
  if (!unreachable.has(uid)) unreachable.set(uid, cannotReach(user, pkgCopy.dir))
  const why = unreachable.get(uid)
  if (why) throw new Error(why)
  return { dir: pkgCopy.dir, bin: path.join(pkgCopy.dir, 'bin', 'fsdoctor.js') }
}

// Where a dependency resolves from dir: Node's walk up the node_modules.
function dependencyDir (name, from) {
  for (let d = from; ; d = path.dirname(d)) {
    const p = path.join(d, 'node_modules', name)
    if (fs.existsSync(path.join(p, 'package.json'))) return p
    if (path.dirname(d) === d) throw new Error(`the dependency ${name} is not installed (npm ci)`)
  }
}

function copyPackage () {
  const t = tmpdir('fsd-pkg-')
  const to = (...p) => path.join(t.dir, ...p)
  const copy = (from, dest) => {
    fs.mkdirSync(path.dirname(dest), { recursive: true })
    fs.cpSync(from, dest, { recursive: true, dereference: true })
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  copy(path.join(root, 'package.json'), to('package.json'))
  for (const f of pkg.files || []) {
    const name = path.normalize(f).replace(/\/+$/, '')
    if (!BUILD_ONLY.has(name) && fs.existsSync(path.join(root, name))) copy(path.join(root, name), to(name))
  }
  const release = path.join(root, 'build', 'Release')
  for (const n of fs.existsSync(release) ? fs.readdirSync(release) : []) {
    if (n.endsWith('.node')) copy(path.join(release, n), to('build', 'Release', n))
  }
  // Dependencies and theirs, flat under node_modules as npm installs them.
  const seen = new Set()
  const deps = (dir) => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
    for (const name of Object.keys(json.dependencies || {})) {
      if (seen.has(name)) continue
      seen.add(name)
      const from = dependencyDir(name, dir)
      copy(from, to('node_modules', name))
      deps(from)
    }
  }
  deps(root)
  const env = {}
  for (const k of ['FSDOCTOR_ADDON', 'FSDOCTOR_WASM']) {
    if (!process.env[k]) continue
    env[k] = to('env', k, path.basename(process.env[k]))
    copy(process.env[k], env[k])
  }
  // Readable by all whatever the umask was when the checkout was made.
  const open = (p) => {
    const st = fs.statSync(p)
    if (st.isDirectory()) {
      fs.chmodSync(p, 0o755)
      for (const n of fs.readdirSync(p)) open(path.join(p, n))
    } else {
      fs.chmodSync(p, st.mode & 0o100 ? 0o755 : 0o644)
    }
  }
  open(t.dir)
  return { dir: t.dir, env, cleanup: t.cleanup }
}

// Why `user` cannot read dir and everything in it (or run node), or null.
function cannotReach (user, dir) {
  const script = 'const fs = require("fs"); const path = require("path");' +
    'const walk = (p) => { fs.accessSync(p, fs.constants.R_OK);' +
    ' if (fs.statSync(p).isDirectory()) { fs.accessSync(p, fs.constants.X_OK);' +
    ' for (const n of fs.readdirSync(p)) walk(path.join(p, n)) } };' +
    'walk(process.argv[1])'
  const r = runAs(user, process.execPath, ['-e', script, dir])
  if (!r.error && r.status === 0) return null
  const said = r.error ? r.error.message : (r.stderr.split('\n').find((l) => /^\w*Error|setpriv:/.test(l)) || r.stderr.trim())
  return `${user} cannot read a copy of the package in ${dir} (${said})`
}

// Skips the test (returns true) unless we are root on Linux with setpriv
// (and cmds), and `user` can run the package (packageAs). Usage:
//   if (sys.skipUnlessRunAs(t, 'runs pathInfo as nobody')) return
function skipUnlessRunAs (t, why, user = 'nobody', cmds = []) {
  if (skipUnless(t, why, ['setpriv', ...cmds])) return true
  try {
    packageAs(user)
  } catch (err) {
    t.skip(`${err.message}: ${why}`)
    return true
  }
  return false
}

// Runs a snippet of JavaScript as another user with `f` bound to fsdoctor (as
// packageAs has it) and `args` to the extra arguments; the snippet's value is
// printed as JSON and parsed here. Example:
//   runNodeAs('nobody', 'f.pathInfoSync(args[0])', [dir])
function runNodeAs (user, expr, args = []) {
  const script = `const f = require(${JSON.stringify(packageAs(user).dir)}); const args = process.argv.slice(1);` +
    `Promise.resolve((() => ${expr})()).then((v) => process.stdout.write(JSON.stringify(v)))`
  const r = runAs(user, process.execPath, ['-e', script, ...args])
  if (r.status !== 0) throw new Error(`runNodeAs failed (${r.status ?? r.signal}): ${r.stderr}`)
  return JSON.parse(r.stdout)
}

// A tiny C program for what node cannot do: flock, POSIX and OFD locks.
// argv: file mode(r|w|rw) lock(none|flock-ex|flock-sh|posix-w|posix-r|ofd-w|ofd-r) [mmap]
const holderSource = `
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc < 4) return 2;
  int flags = !strcmp(argv[2], "r") ? O_RDONLY : !strcmp(argv[2], "w") ? O_WRONLY : O_RDWR;
  int fd = open(argv[1], flags | O_CREAT, 0644);
  if (fd < 0) { perror("open"); return 1; }
  const char *l = argv[3];
  struct flock fl; memset(&fl, 0, sizeof(fl));
  fl.l_whence = SEEK_SET;
  fl.l_type = strstr(l, "-w") ? F_WRLCK : F_RDLCK;
  int rc = 0;
  if (!strcmp(l, "flock-ex")) rc = flock(fd, LOCK_EX | LOCK_NB);
  else if (!strcmp(l, "flock-sh")) rc = flock(fd, LOCK_SH | LOCK_NB);
  else if (!strncmp(l, "posix", 5)) rc = fcntl(fd, F_SETLK, &fl);
  else if (!strncmp(l, "ofd", 3)) rc = fcntl(fd, F_OFD_SETLK, &fl);
  if (rc != 0) { perror("lock"); return 1; }
  if (argc > 4 && !strcmp(argv[4], "mmap")) {
    void *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
  }
  printf("ready %d\\n", fd);
  fflush(stdout);
  char buf[64];
  while (read(0, buf, sizeof(buf)) > 0) {}
  return 0;
}
`

// Compiles a test helper written in C once per source text and process,
// into a temp directory every user can read (runAs children run them too),
// removed when the process exits. A binary kept in the shared temp
// directory across runs would outlive the tests, and a later run as
// another user (root) would execute a file whoever ran first could replace.
const compiled = new Map()
let ccDir = null
function compileC (source, name) {
  if (compiled.has(source)) return compiled.get(source)
  if (!ccDir) ccDir = tmpdir('fsd-cc-').dir
  const hash = crypto.createHash('sha1').update(source).digest('hex').slice(0, 12)
  const bin = path.join(ccDir, `${name}-${hash}`)
  const src = `${bin}.c`
  fs.writeFileSync(src, source)
  try {
    run('cc', ['-O1', '-o', bin, src])
    fs.chmodSync(bin, 0o755)
  } finally {
    fs.rmSync(src, { force: true })
  }
  compiled.set(source, bin)
  return bin
}

const holderBinary = () => compileC(holderSource, 'holder')

// Forks a child that holds file open and resolves once it has (and has
// taken its lock). opts:
//   mode: 'r' | 'w' | 'rw' (default 'r'; the file is created if missing)
//   flock: true | 'ex' | 'sh'   posix: 'w' | 'r'   ofd: 'w' | 'r'
//   mmap: true (maps the first page; needs a non-empty file)
//   cwd: true (the child's working directory is `file`, a directory)
//   user: run the child as this user (see runAs)
// Without a lock, mmap or user the child is `node` (so its kind is 'node');
// otherwise it is a small C program. Resolves to { pid, fd, child, kill() }.
function spawnHolder (file, opts = {}) {
  let cmd, args
  const mode = opts.mode || 'r'
  const lock = opts.flock ? (opts.flock === 'sh' ? 'flock-sh' : 'flock-ex')
    : opts.posix ? `posix-${opts.posix}`
      : opts.ofd ? `ofd-${opts.ofd}` : null
  const spawnOpts = { stdio: ['pipe', 'pipe', 'pipe'] }
  if (opts.cwd) {
    cmd = process.execPath
    args = ['-e', 'process.stdout.write("ready -1\\n"); process.stdin.resume(); process.stdin.on("end", () => process.exit(0))']
    spawnOpts.cwd = file
  } else if (lock || opts.mmap || opts.user) {
    cmd = holderBinary()
    args = [file, mode, lock || 'none', ...(opts.mmap ? ['mmap'] : [])]
  } else {
    cmd = process.execPath
    const flags = { r: 'r', w: 'a', rw: 'a+' }[mode]
    args = ['-e', `const fd = require("fs").openSync(process.argv[1], ${JSON.stringify(flags)});` +
      'process.stdout.write("ready " + fd + "\\n"); process.stdin.resume();' +
      'process.stdin.on("end", () => process.exit(0))', file]
  }
  if (opts.user) {
    const { uid, gid } = userIds(opts.user)
    args = [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', cmd, ...args]
    cmd = 'setpriv'
  }
  const child = spawn(cmd, args, spawnOpts)
  const kill = track(() => {
    try { child.kill('SIGKILL') } catch {}
  })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      kill()
      reject(new Error(`holder did not get ready: ${err}`))
    }, 10000)
    child.stderr.on('data', (d) => { err += d })
    child.stdout.on('data', (d) => {
      out += d
      const m = /ready (-?\d+)\n/.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.stdout.removeAllListeners('data')
      resolve({
        pid: child.pid,
        fd: Number(m[1]),
        child,
        // Ends the child and waits until it is gone.
        kill: () => new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(kill())
          child.once('exit', () => resolve())
          kill()
        })
      })
    })
    child.once('exit', (code, sig) => {
      clearTimeout(timer)
      reject(new Error(`holder exited early (${code ?? sig}): ${err}`))
    })
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
  })
}

// Number of open descriptors of this process.
function fdCount () {
  return fs.readdirSync('/proc/self/fd').length
}

module.exports = {
  isRoot,
  have,
  skipUnlessRoot,
  skipUnless,
  run,
  tmpdir,
  mountEntry,
  isMounted,
  mountTmpfs,
  makeLoopImage,
  fuseFat,
  ntfs3g,
  userIds,
  runAs,
  packageAs,
  skipUnlessRunAs,
  runNodeAs,
  spawnHolder,
  holderBinary,
  compileC,
  fdCount
}
