'use strict'
// writeFileAtomic and writeFile(..., { atomic: true }).
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const fsdoctor = require('..')
const { withRetry, writeFileAtomic, writeFileAtomicSync } = require('../lib/retry')
const { faultFs, fakeClock, injectedDiagnosis } = require('./helpers/faultfs')

function tmpdir (t) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-atomic-'))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

function setup (t, policy = {}) {
  const clock = fakeClock()
  const ff = faultFs({ clock })
  const rfs = withRetry(ff.fs, { ...policy, __testing: { clock, platform: 'linux', diagnoseSync: injectedDiagnosis } })
  return { ff, rfs, dir: tmpdir(t), clock }
}

const FORMS = {
  cb: (rfs, f, d, o) => new Promise((resolve, reject) => rfs.writeFile(f, d, o, (e) => (e ? reject(e) : resolve()))),
  promise: (rfs, f, d, o) => rfs.promises.writeFile(f, d, o),
  sync: async (rfs, f, d, o) => rfs.writeFileSync(f, d, o),
  writeFileAtomic: (rfs, f, d, o) => rfs.writeFileAtomic(f, d, o),
  writeFileAtomicSync: async (rfs, f, d, o) => rfs.writeFileAtomicSync(f, d, o)
}

const leftovers = (dir) => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))

for (const [form, write] of Object.entries(FORMS)) {
  test(`${form}: temp file, fsync of file and directory, rename`, async (t) => {
    const { ff, rfs, dir } = setup(t)
    const f = path.join(dir, 'target.json')
    fs.writeFileSync(f, 'old')
    await write(rfs, f, '{"new":true}', { atomic: true })
    assert.strictEqual(fs.readFileSync(f, 'utf8'), '{"new":true}')
    const opened = ff.calls.filter((c) => c.op === 'open').map((c) => c.args[0])
    assert.ok(opened.some((p) => path.basename(p).startsWith('.target.json.') && path.dirname(p) === dir), 'temp next to the target')
    assert.ok(opened.includes(dir), 'directory opened for fsync')
    assert.strictEqual(ff.count('fsync'), 2, 'file and directory fsynced')
    assert.strictEqual(ff.count('rename'), 1)
    assert.deepStrictEqual(leftovers(dir), [])
  })

  test(`${form}: the existing file's mode is kept; a new file gets 0o666 & ~umask`, async (t) => {
    const { rfs, dir } = setup(t)
    const f = path.join(dir, 'm')
    fs.writeFileSync(f, 'old')
    fs.chmodSync(f, 0o751)
    await write(rfs, f, 'x', { atomic: true })
    assert.strictEqual(fs.statSync(f).mode & 0o7777, 0o751)
    const g = path.join(dir, 'n')
    await write(rfs, g, 'x', { atomic: true })
    const umask = process.umask()
    assert.strictEqual(fs.statSync(g).mode & 0o777, 0o666 & ~umask)
    const h = path.join(dir, 'o')
    await write(rfs, h, Buffer.from('bin'), { atomic: true, mode: 0o600 })
    assert.strictEqual(fs.statSync(h).mode & 0o777, 0o600)
    assert.strictEqual(fs.readFileSync(h, 'utf8'), 'bin')
  })

  test(`${form}: the temp file is removed when a step fails`, async (t) => {
    const { ff, rfs, dir } = setup(t)
    const f = path.join(dir, 'keep')
    fs.writeFileSync(f, 'old')
    for (const [op, code] of [['rename', 'EXDEV'], ['fsync', 'EIO'], ['write', 'ENOSPC']]) {
      ff.clear()
      ff.fail(op, { code, times: 1, when: (args) => op !== 'rename' || String(args[0]).endsWith('.tmp') })
      const err = await write(rfs, f, 'new', { atomic: true }).then(() => null, (e) => e)
      assert.ok(err, `${op} failure surfaces`)
      assert.strictEqual(err.code, code)
      assert.strictEqual(fs.readFileSync(f, 'utf8'), 'old', 'target untouched')
      assert.deepStrictEqual(leftovers(dir), [], `no temp file after ${op} failed`)
    }
  })

  test(`${form}: a busy rename is retried`, async (t) => {
    const { ff, rfs, dir } = setup(t)
    const f = path.join(dir, 'busy')
    ff.fail('rename', { code: 'EBUSY', times: 3 })
    await write(rfs, f, 'done', { atomic: true })
    assert.strictEqual(ff.count('rename'), 4)
    assert.strictEqual(fs.readFileSync(f, 'utf8'), 'done')
  })
}

test('a symlink stays a symlink; its target gets the new content', async (t) => {
  const dir = tmpdir(t)
  const real = path.join(dir, 'real')
  const link = path.join(dir, 'link')
  fs.writeFileSync(real, 'old')
  fs.symlinkSync(real, link)
  await writeFileAtomic(link, 'new')
  assert.ok(fs.lstatSync(link).isSymbolicLink())
  assert.strictEqual(fs.readFileSync(real, 'utf8'), 'new')
})

test('owner is kept when running as root', async (t) => {
  if (process.getuid() !== 0) return t.skip('needs root: chown to another user')
  const dir = tmpdir(t)
  const f = path.join(dir, 'owned')
  fs.writeFileSync(f, 'old')
  fs.chownSync(f, 4321, 4322)
  await writeFileAtomic(f, 'new')
  const st = fs.statSync(f)
  assert.deepStrictEqual([st.uid, st.gid], [4321, 4322])
  fsdoctor.fs.writeFileSync(f, 'newer', { atomic: true, chown: false })
  assert.strictEqual(fs.statSync(f).uid, 0)
})

test('encoding, string options, policy keys in options', async (t) => {
  const dir = tmpdir(t)
  const f = path.join(dir, 'enc')
  await writeFileAtomic(f, '68656c6c6f', 'hex')
  assert.strictEqual(fs.readFileSync(f, 'utf8'), 'hello')
  let retried = 0
  const clock = fakeClock()
  const ff = faultFs({ clock })
  const rfs = withRetry(ff.fs, { __testing: { clock, diagnoseSync: injectedDiagnosis } })
  ff.fail('rename', { code: 'EBUSY', times: 2 })
  await rfs.writeFileAtomic(f, 'x', { onRetry: () => retried++ })
  assert.strictEqual(retried, 2)
  ff.fail('rename', { code: 'EBUSY', times: 5 })
  const err = await rfs.writeFileAtomic(f, 'y', { retries: 1 }).catch((e) => e)
  assert.strictEqual(err.attempts, 2)
  assert.strictEqual(fs.readFileSync(f, 'utf8'), 'x')
})

test('bad input: data type, descriptor path, aborted signal', async (t) => {
  const dir = tmpdir(t)
  const f = path.join(dir, 'bad')
  await assert.rejects(writeFileAtomic(f, 42), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: /"data"/ })
  await assert.rejects(writeFileAtomic(3, 'x'), { name: 'TypeError', message: /"path"/ })
  await assert.rejects(writeFileAtomic(f, 'x', { signal: AbortSignal.abort() }), { name: 'AbortError' })
  await assert.rejects(writeFileAtomic(f, 'x', { retries: -1 }), { name: 'RangeError', message: /"retries"/ })
  assert.throws(() => fsdoctor.fs.writeFileSync(f, 'x', { atomic: true, encoding: 'nope' }), { code: 'ERR_INVALID_ARG_VALUE' })
  assert.deepStrictEqual(fs.readdirSync(dir), [])
})

test('concurrent writers of one file leave one writer\'s whole content', async (t) => {
  const dir = tmpdir(t)
  const f = path.join(dir, 'shared')
  const size = 256 * 1024
  const writers = 24
  const datas = Array.from({ length: writers }, (_, i) => Buffer.alloc(size, 65 + i))
  await Promise.all(datas.map((d, i) => i % 2
    ? writeFileAtomic(f, d)
    : fsdoctor.fs.promises.writeFile(f, d, { atomic: true })))
  const got = fs.readFileSync(f)
  assert.strictEqual(got.length, size)
  assert.ok(datas.some((d) => d.equals(got)), 'content is exactly one writer\'s')
  assert.deepStrictEqual(leftovers(dir), [])
})

// Devices, FIFOs, sockets and directories are never replaced: renaming a new
// file over /dev/null is what an atomic write must not do. Device nodes are
// made with mknod in the test's own directory, never the real /dev.
test('an atomic write refuses what is not a regular file and leaves it as it was', async (t) => {
  const dir = tmpdir(t)
  const { spawnSync } = require('node:child_process')
  const net = require('node:net')
  const made = []
  if (process.platform !== 'win32') {
    if (spawnSync('mkfifo', [path.join(dir, 'fifo')]).status === 0) made.push(['fifo', (s) => s.isFIFO()])
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
    if (isRoot && spawnSync('mknod', [path.join(dir, 'null'), 'c', '1', '3']).status === 0) {
      made.push(['null', (s) => s.isCharacterDevice()])
      fs.symlinkSync('null', path.join(dir, 'to-null'))
      made.push(['to-null', (s) => s.isSymbolicLink()])
    } else {
      t.diagnostic('no character device: mknod needs root')
    }
    const server = net.createServer()
    await new Promise((resolve) => server.listen(path.join(dir, 'sock'), resolve))
    t.after(() => server.close())
    made.push(['sock', (s) => s.isSocket()])
  }
  fs.mkdirSync(path.join(dir, 'sub'))
  made.push(['sub', (s) => s.isDirectory()])
  assert.ok(made.length >= 2)
  for (const [name, still] of made) {
    const p = path.join(dir, name)
    await assert.rejects(writeFileAtomic(p, 'x'), { code: 'ERR_FSDOCTOR_NOT_REGULAR_FILE' }, name)
    assert.throws(() => fsdoctor.fs.writeFileAtomicSync(p, 'x'), { code: 'ERR_FSDOCTOR_NOT_REGULAR_FILE' }, name)
    await assert.rejects(fsdoctor.fs.promises.writeFile(p, 'x', { atomic: true }), { code: 'ERR_FSDOCTOR_NOT_REGULAR_FILE' }, name)
    assert.ok(still(fs.lstatSync(p)), `${name} was replaced`)
  }
  // Nothing else appeared (no temp file left behind).
  assert.deepStrictEqual(fs.readdirSync(dir).sort(), made.map(([n]) => n).sort())
})

// --- symlinks, queueing, signals, leftovers of a killed writer ---------------------

const { spawn } = require('node:child_process')
const isPosix = process.platform !== 'win32'

for (const form of ['async', 'sync']) {
  const write = form === 'async' ? writeFileAtomic : async (...a) => fsdoctor.fs.writeFileAtomicSync(...a)
  test(`${form}: a dangling symlink stays a link; its target is created where the chain ends`, async (t) => {
    if (!isPosix) return t.skip('symlinks to missing targets: POSIX')
    const dir = tmpdir(t)
    fs.mkdirSync(path.join(dir, 'sub'))
    fs.symlinkSync('target', path.join(dir, 'dangling'))
    fs.symlinkSync('sub/deep', path.join(dir, 'into-sub'))
    fs.symlinkSync('into-sub', path.join(dir, 'two-hops'))
    await write(path.join(dir, 'dangling'), 'A')
    await write(path.join(dir, 'two-hops'), 'B')
    for (const l of ['dangling', 'into-sub', 'two-hops']) assert.ok(fs.lstatSync(path.join(dir, l)).isSymbolicLink(), `${l} is still a link`)
    assert.strictEqual(fs.readFileSync(path.join(dir, 'target'), 'utf8'), 'A')
    assert.strictEqual(fs.readFileSync(path.join(dir, 'sub/deep'), 'utf8'), 'B')
    assert.strictEqual(fs.readlinkSync(path.join(dir, 'dangling')), 'target')
    // A link whose chain loops is refused as plain fs refuses it; nothing replaced.
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'))
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'))
    await assert.rejects(write(path.join(dir, 'loop-a'), 'x'), { code: 'ELOOP' })
    assert.ok(fs.lstatSync(path.join(dir, 'loop-a')).isSymbolicLink())
    assert.deepStrictEqual(leftovers(dir).concat(leftovers(path.join(dir, 'sub'))), [])
  })
}

test('writers to one path are queued: one temp file at a time, and the last call wins', async (t) => {
  const { ff, rfs, dir } = setup(t)
  const f = path.join(dir, 'q')
  const n = 12
  await Promise.all(Array.from({ length: n }, (_, i) => rfs.writeFileAtomic(f, `version ${i}`)))
  assert.strictEqual(fs.readFileSync(f, 'utf8'), `version ${n - 1}`)
  // Each temp is opened only after the one before was renamed.
  const seq = ff.calls.filter((c) => (c.op === 'open' && c.args[0] !== dir) || c.op === 'rename').map((c) => c.op)
  assert.deepStrictEqual(seq, Array.from({ length: n }, () => ['open', 'rename']).flat())
  // Other paths are not held up by it.
  const other = path.join(dir, 'other')
  const slow = rfs.writeFileAtomic(f, 'x'.repeat(1 << 20))
  await rfs.writeFileAtomic(other, 'o')
  await slow
  assert.strictEqual(fs.readFileSync(other, 'utf8'), 'o')
  assert.deepStrictEqual(leftovers(dir), [])
})

// A child whose atomic write hangs in fsync (its fs never answers), so the
// temp file exists when the signal comes.
function hungWriter (dir, extra = '') {
  return `
    const fs = require('fs'); const path = require('path')
    const { withRetry } = require(${JSON.stringify(path.join(__dirname, '..', 'lib/retry'))})
    const hung = { ...fs, fsync: (fd, cb) => process.stdout.write('in flight ' + process.listenerCount('SIGTERM') + '\\n') }
    ${extra}
    setInterval(() => {}, 1000)
    withRetry(hung).writeFileAtomic(${JSON.stringify(path.join(dir, 'target'))}, 'new')
  `
}

function runUntilInFlight (code) {
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr.on('data', (d) => { err += d })
  const inFlight = new Promise((resolve) => child.stdout.on('data', (d) => { out += d; if (out.includes('in flight')) resolve() }))
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out: () => out, err: () => err })))
  return { child, inFlight, exited }
}

for (const sig of ['SIGTERM', 'SIGINT']) {
  test(`${sig} during a write: the temp file is removed and the process still dies of ${sig}`, async (t) => {
    if (!isPosix) return t.skip('signals: POSIX')
    const dir = tmpdir(t)
    fs.writeFileSync(path.join(dir, 'target'), 'old')
    const { child, inFlight, exited } = runUntilInFlight(hungWriter(dir))
    t.after(() => child.kill('SIGKILL'))
    await inFlight
    assert.strictEqual(leftovers(dir).length, 1, 'the temp file exists while the write is in flight')
    child.kill(sig)
    const r = await exited
    assert.strictEqual(r.signal, sig, `ended by ${sig} (code ${r.code}, ${r.err()})`)
    assert.deepStrictEqual(leftovers(dir), [])
    assert.strictEqual(fs.readFileSync(path.join(dir, 'target'), 'utf8'), 'old')
  })
}

test('an app that handles SIGTERM itself keeps its process: nothing removed until it exits', async (t) => {
  if (!isPosix) return t.skip('signals: POSIX')
  const dir = tmpdir(t)
  const { child, inFlight, exited } = runUntilInFlight(hungWriter(dir, `
    process.on('SIGTERM', () => { process.stdout.write('handled ' + require('fs').readdirSync(${JSON.stringify(dir)}).filter((n) => n.endsWith('.tmp')).length + '\\n'); setTimeout(() => process.exit(7), 50) })`))
  t.after(() => child.kill('SIGKILL'))
  await inFlight
  child.kill('SIGTERM')
  const r = await exited
  assert.strictEqual(r.code, 7)
  assert.match(r.out(), /handled 1\n/, 'the temp file was still there in the app\'s handler')
  assert.deepStrictEqual(leftovers(dir), [], 'removed on exit')
})

test('signal handlers exist only while a write is in flight', async (t) => {
  const dir = tmpdir(t)
  const names = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit']
  const counts = () => names.map((s) => process.listenerCount(s))
  const before = counts()
  let finish = null
  const held = withRetry({ ...fs, fsync: (fd, cb) => { if (finish === null) finish = cb; else fs.fsync(fd, cb) } })
  const p = held.writeFileAtomic(path.join(dir, 'x'), 'x')
  while (finish === null) await new Promise((resolve) => setImmediate(resolve))
  assert.deepStrictEqual(counts(), before.map((n) => n + 1), 'one handler each while in flight')
  finish(null)
  await p
  assert.deepStrictEqual(counts(), before, 'and none after')
  writeFileAtomicSync(path.join(dir, 'y'), 'y')
  assert.deepStrictEqual(counts(), before, 'a sync write installs none')
  assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['x', 'y'])
})

test('after kill -9 at most one temp file is left, and the next write to the path removes it', async (t) => {
  if (!isPosix) return t.skip('kill -9: POSIX')
  const dir = tmpdir(t)
  const target = path.join(dir, 'target')
  fs.writeFileSync(target, 'old')
  // Many writes queued on one path, killed while one hangs in fsync.
  const { child, inFlight, exited } = runUntilInFlight(hungWriter(dir, `
    const w = withRetry(hung); for (let i = 0; i < 10; i++) w.writeFileAtomic(${JSON.stringify(target)}, 'v' + i)`))
  t.after(() => child.kill('SIGKILL'))
  await inFlight
  child.kill('SIGKILL')
  await exited
  const left = leftovers(dir)
  assert.strictEqual(left.length, 1, left.join())
  // Not ours to remove: a temp of a live process, another file's temp, a
  // name that merely looks alike.
  const live = `.target.${process.pid}.1abc.tmp`
  const otherFile = `.other.${child.pid}.1abc.tmp`
  const unlike = `.target.${child.pid}.tmp`
  for (const n of [live, otherFile, unlike]) fs.writeFileSync(path.join(dir, n), '')
  await writeFileAtomic(target, 'new')
  assert.strictEqual(fs.readFileSync(target, 'utf8'), 'new')
  assert.deepStrictEqual(fs.readdirSync(dir).filter((n) => n.startsWith('.')).sort(), [live, otherFile, unlike].sort())
  // The sync form cleans as well.
  fs.writeFileSync(path.join(dir, left[0]), 'stale')
  writeFileAtomicSync(target, 'newer')
  assert.ok(!fs.existsSync(path.join(dir, left[0])))
})
