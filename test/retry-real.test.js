'use strict'
// The retrying fs against real obstacles on this machine: a busy mount
// point, a running executable, a process at its descriptor limit, and
// permanent causes (read-only mount, immutable file) that must fail fast.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn, spawnSync, execFileSync } = require('node:child_process')
const { withRetry } = require('../lib/retry')

const root = path.join(__dirname, '..')
const isRoot = process.platform === 'linux' && process.getuid() === 0
const linux = process.platform === 'linux'

// Cleanups run last-registered first, whatever the test did: undo chattr,
// unmount, then remove the directory.
const cleanups = new WeakMap()
function onCleanup (t, fn) {
  let list = cleanups.get(t)
  if (!list) {
    list = []
    cleanups.set(t, list)
    t.after(() => {
      for (const f of list.reverse()) {
        try {
          f()
        } catch {}
      }
    })
  }
  list.push(fn)
}

function tmpdir (t) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-real-'))
  onCleanup(t, () => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

function mountTmpfs (t, dir, opts = 'size=1m') {
  fs.mkdirSync(dir, { recursive: true })
  execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir])
  onCleanup(t, () => {
    if (isMounted(dir)) spawnSync('umount', ['-l', dir])
  })
}

function isMounted (dir) {
  return fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((l) => l.split(' ')[4] === dir)
}

// The retry is decided by the diagnosis: a busy mount point is not
// something a wait fixes, so neither form spends 2 s on 78 attempts (what
// the table alone did) while the attached diagnosis says so.
const MOUNT_FORMS = {
  promise: (rfs, op, ...a) => rfs.promises[op](...a),
  cb: (rfs, op, ...a) => new Promise((resolve, reject) => rfs[op](...a, (e) => (e ? reject(e) : resolve()))),
  sync: async (rfs, op, ...a) => rfs[`${op}Sync`](...a)
}
for (const [form, call] of Object.entries(MOUNT_FORMS)) {
  test(`EBUSY on a mount point (rename, rmdir) fails at once, as its diagnosis says (${form})`, async (t) => {
    if (!isRoot) return t.skip('needs root on Linux: mounts a tmpfs')
    const dir = tmpdir(t)
    const mnt = path.join(dir, 'mnt')
    mountTmpfs(t, mnt)
    assert.throws(() => fs.renameSync(mnt, path.join(dir, 'moved')), { code: 'EBUSY' })
    const seen = []
    const rfs = withRetry(fs, { onRetry: ({ error }) => seen.push(error.code) })
    for (const [op, args] of [['rename', [mnt, path.join(dir, 'moved')]], ['rmdir', [mnt]]]) {
      const err = await call(rfs, op, ...args).then(() => null, (e) => e)
      assert.ok(err, `${op} fails`)
      assert.strictEqual(err.code, 'EBUSY')
      assert.strictEqual(err.syscall, op)
      assert.strictEqual(err.path, mnt)
      assert.strictEqual(err.attempts, 1, `${op}: ${err.attempts} attempts`)
      assert.strictEqual(err.diagnosis.transient, false)
      assert.strictEqual(err.diagnosis.causes[0].id, 'mount-point-busy')
      // Not retried: the error is plain fs's, nothing enumerable added.
      assert.deepStrictEqual(Object.keys(err).sort(), (op === 'rename' ? ['code', 'dest', 'errno', 'path', 'syscall'] : ['code', 'errno', 'path', 'syscall']))
    }
    assert.deepStrictEqual(seen, [])
    assert.ok(isMounted(mnt))
    assert.ok(!fs.existsSync(path.join(dir, 'moved')))
  })
}

async function runningCopyOfSleep (t, dir, seconds) {
  const bin = path.join(dir, 'sleep-copy')
  fs.copyFileSync('/bin/sleep', bin)
  fs.chmodSync(bin, 0o755)
  const child = spawn(bin, [String(seconds)], { stdio: 'ignore' })
  onCleanup(t, () => child.kill('SIGKILL'))
  const exited = new Promise((resolve) => child.on('exit', resolve))
  // Running once opening it for writing says ETXTBSY.
  for (let i = 0; i < 200; i++) {
    try {
      fs.closeSync(fs.openSync(bin, 'r+'))
    } catch (e) {
      if (e.code === 'ETXTBSY') return { bin, child, exited }
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('the copy of sleep never ran')
}

test('ETXTBSY opening a running binary for write passes once it exits', async (t) => {
  if (!linux) return t.skip('needs Linux: ETXTBSY on a running executable')
  const dir = tmpdir(t)
  const { bin, exited } = await runningCopyOfSleep(t, dir, 0.2)
  const seen = []
  const rfs = withRetry(fs, { onRetry: ({ error }) => seen.push(error.code) })
  const fh = await rfs.promises.open(bin, 'w')
  await fh.write('replaced')
  await fh.close()
  await exited
  assert.ok(seen.length >= 1 && seen.every((c) => c === 'ETXTBSY'), seen.join())
  assert.strictEqual(fs.readFileSync(bin, 'utf8'), 'replaced')

  const again = await runningCopyOfSleep(t, dir, 0.15)
  const seen2 = []
  withRetry(fs, { onRetry: ({ error }) => seen2.push(error.code) }).writeFileSync(again.bin, 'sync')
  assert.ok(seen2.length >= 1)
  assert.strictEqual(fs.readFileSync(again.bin, 'utf8'), 'sync')
})

// A child at a 64-descriptor limit fills its table, then frees some.
function emfileChild (mode) {
  const script = `
    const fs = require('fs')
    const { withRetry } = require(${JSON.stringify(path.join(root, 'lib/retry'))})
    const rfs = withRetry(fs, { maxTime: 3000 })
    const fds = []
    let first
    for (;;) { try { fds.push(fs.openSync('/dev/null', 'r')) } catch (e) { first = e.code; break } }
    let retries = 0
    const rfs2 = withRetry(fs, { maxTime: 3000, onRetry: () => retries++ })
    const t0 = performance.now()
    let closedAt = 0
    rfs2.promises.open('/dev/null', 'r').then(async (fh) => {
      const wait = performance.now() - closedAt
      await fh.close()
      console.log(JSON.stringify({ first, held: fds.length, ok: true, retries, wait, total: performance.now() - t0 }))
    }, (e) => console.log(JSON.stringify({ first, ok: false, code: e.code, attempts: e.attempts })))
    setTimeout(() => {
      closedAt = performance.now()
      const fd = fds.pop()
      ${mode === 'wrapped' ? 'rfs.close(fd, () => {})' : 'fs.closeSync(fd)'}
    }, 150)
  `
  return spawnSync('prlimit', ['--nofile=64:64', process.execPath, '-e', script], { encoding: 'utf8', timeout: 20000 })
}

test('EMFILE at a low descriptor limit: the open passes once descriptors are freed', (t) => {
  if (!linux || !fs.existsSync('/usr/bin/prlimit')) return t.skip('needs Linux with prlimit')
  for (const mode of ['wrapped', 'plain']) {
    const r = emfileChild(mode)
    assert.strictEqual(r.status, 0, r.stderr)
    const out = JSON.parse(r.stdout.trim().split('\n').pop())
    assert.strictEqual(out.first, 'EMFILE')
    assert.ok(out.held > 20 && out.held < 64, `held ${out.held}`)
    assert.strictEqual(out.ok, true, JSON.stringify(out))
    assert.ok(out.retries >= 1)
    assert.ok(out.total >= 140, `did not pass before the close: ${out.total}`)
    // A wrapped close wakes the waiter at once; a plain close is found by the
    // next backoff attempt (maxDelay 100 ms).
    if (mode === 'wrapped') assert.ok(out.wait < 20, `woken ${out.wait} ms after the close`)
    else assert.ok(out.wait < 150, `found ${out.wait} ms after the close`)
  }
})

test('read-only tmpfs fails fast: one attempt, no retry', async (t) => {
  if (!isRoot) return t.skip('needs root on Linux: mounts a read-only tmpfs')
  const mnt = path.join(tmpdir(t), 'ro')
  mountTmpfs(t, mnt, 'size=1m,ro')
  let retried = 0
  const rfs = withRetry(fs, { onRetry: () => retried++ })
  const target = path.join(mnt, 'x')
  const e1 = await rfs.promises.writeFile(target, 'x').catch((e) => e)
  assert.strictEqual(e1.code, 'EROFS')
  assert.strictEqual(e1.attempts, 1)
  assert.throws(() => rfs.mkdirSync(path.join(mnt, 'd')), (e) => e.code === 'EROFS' && e.attempts === 1)
  const e3 = await new Promise((resolve) => rfs.writeFile(target, 'x', { atomic: true }, resolve))
  assert.strictEqual(e3.code, 'EROFS')
  assert.strictEqual(e3.attempts, 1)
  assert.strictEqual(retried, 0)
  if (require('..').native) {
    const ids = e1.diagnosis.causes.map((c) => c.id)
    assert.ok(ids.includes('read-only-fs'), `diagnosis: ${ids}`)
  }
})

test('immutable file: EPERM on Linux fails fast', async (t) => {
  if (!isRoot) return t.skip('needs root on Linux: chattr +i')
  const dir = path.join(tmpdir(t), 'imm')
  mountTmpfs(t, dir)
  const f = path.join(dir, 'locked')
  fs.writeFileSync(f, 'x')
  const r = spawnSync('chattr', ['+i', f])
  if (r.status !== 0) return t.skip(`chattr +i not supported here: ${String(r.stderr).trim()}`)
  onCleanup(t, () => spawnSync('chattr', ['-i', f]))
  let retried = 0
  const rfs = withRetry(fs, { onRetry: () => retried++ })
  const err = await rfs.promises.unlink(f).catch((e) => e)
  assert.strictEqual(err.code, 'EPERM')
  assert.strictEqual(err.attempts, 1)
  assert.strictEqual(retried, 0)
  assert.ok(fs.existsSync(f))
  if (require('..').native) {
    const ids = err.diagnosis.causes.map((c) => c.id)
    assert.ok(ids.includes('immutable-file'), `diagnosis read on demand: ${ids}`)
  }
})

test('ambiguous EPERM asks the real diagnosis once and fails fast on a permanent cause', async (t) => {
  if (!isRoot) return t.skip('needs root on Linux: chattr +i')
  if (!require('..').native) return t.skip('needs the native addon for a live diagnosis')
  const dir = path.join(tmpdir(t), 'imm')
  mountTmpfs(t, dir)
  const f = path.join(dir, 'locked')
  fs.writeFileSync(f, 'x')
  if (spawnSync('chattr', ['+i', f]).status !== 0) return t.skip('chattr +i not supported here')
  onCleanup(t, () => spawnSync('chattr', ['-i', f]))
  // Windows rules (EPERM on unlink is ambiguous there) with this machine's
  // diagnosis: the immutable flag is permanent, so one attempt.
  let retried = 0
  const rfs = withRetry(fs, { onRetry: () => retried++, __testing: { platform: 'win32' } })
  for (const attempt of [
    () => rfs.promises.unlink(f),
    () => new Promise((resolve, reject) => rfs.unlink(f, (e) => (e ? reject(e) : resolve()))),
    async () => rfs.unlinkSync(f)
  ]) {
    const err = await attempt().catch((e) => e)
    assert.strictEqual(err.code, 'EPERM')
    assert.strictEqual(err.attempts, 1)
    assert.strictEqual(err.diagnosis.transient, false)
    assert.ok(err.diagnosis.causes.some((c) => c.id === 'immutable-file'), err.diagnosis.causes.map((c) => c.id).join())
  }
  assert.strictEqual(retried, 0)
})

// Issue 17, left over: rmdir (not recursive) of a directory that plainly
// stays full is not worth a second of retries. After each failure the
// wrapper lists the directory; the same entries after one retry mean that
// nothing is emptying it, and the original ENOTEMPTY comes back.
test('rmdir of a directory that stays full: ENOTEMPTY after one retry at most, in every form', async (t) => {
  const dir = path.join(tmpdir(t), 'full')
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'keep'), 'x')
  const rfs = withRetry(fs)
  for (const [form, call] of Object.entries(MOUNT_FORMS)) {
    const err = await call(rfs, 'rmdir', dir).then(() => null, (e) => e)
    assert.ok(err, `${form}: rmdir of a full directory passed`)
    assert.strictEqual(err.code, 'ENOTEMPTY', form)
    assert.strictEqual(err.syscall, 'rmdir', form)
    assert.strictEqual(err.path, dir, form)
    assert.strictEqual(err.errno, -os.constants.errno.ENOTEMPTY, form)
    assert.ok(err.attempts === 1 || err.attempts === 2, `${form}: ${err.attempts} attempts`)
    if (err.attempts > 1) assert.deepStrictEqual(err.codes, Array(err.attempts).fill('ENOTEMPTY'), form)
  }
  assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['keep', 'sub'])
})

// The stop above is this call's answer, not the cause's: the diagnosis it
// throws with says a retry will not pass, and why; the same error diagnosed
// afresh, and the catalogue, still call dir-not-empty transient.
test('rmdir stopped because the directory stays full: its diagnosis says not transient, with the reason', async (t) => {
  const fsdoctor = require('..')
  const { verdict } = require('../lib/retry/engine')
  const dir = path.join(tmpdir(t), 'full')
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true })
  const rfs = withRetry(fs)
  let stopped = 0
  for (const [form, call] of Object.entries(MOUNT_FORMS)) {
    const err = await call(rfs, 'rmdir', dir).then(() => null, (e) => e)
    assert.strictEqual(err && err.code, 'ENOTEMPTY', form)
    if (err.attempts < 2) continue // failed at once: never retried, nothing stopped
    stopped++
    const d = err.diagnosis
    assert.strictEqual(d.transient, false, form)
    assert.match(d.transientReason, /entries were the same after two attempts.*nothing is emptying it/, form)
    assert.strictEqual(d.causes[0].id, 'dir-not-empty', form)
    assert.strictEqual(verdict(d), 'permanent', form)
    assert.match(fsdoctor.format(d), /retrying will not help: the directory's entries/, form)
    // Another call's answer for the same error is the catalogue's.
    const again = fsdoctor.diagnoseSync(err)
    assert.strictEqual(again.transient, true, form)
    assert.strictEqual(again.transientReason, undefined, form)
  }
  assert.ok(stopped > 0, 'no form retried the rmdir')
  assert.strictEqual(fsdoctor.causes.find((c) => c.id === 'dir-not-empty').transient, true)
})

// What a retry is for: another remover (a recursive rm racing this rmdir,
// or Windows letting go of delete-pending entries) empties the directory
// between attempts, so each look finds fewer entries, and the rmdir passes.
test('rmdir while another remover empties the directory: retried until it passes', async (t) => {
  for (const form of ['sync', 'promise', 'cb']) {
    const dir = path.join(tmpdir(t), `emptied-${form}`)
    fs.mkdirSync(dir)
    for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, n), n)
    // One entry goes before each retry, as a racing remover would take them.
    let retries = 0
    const rfs = withRetry(fs, {
      onRetry: () => {
        retries++
        const left = fs.readdirSync(dir).sort()
        if (left.length) fs.unlinkSync(path.join(dir, left[0]))
      }
    })
    await MOUNT_FORMS[form](rfs, 'rmdir', dir)
    assert.strictEqual(fs.existsSync(dir), false, `${form}: the directory is still there`)
    assert.strictEqual(retries, 3, `${form}: one retry per entry taken`)
  }
})
