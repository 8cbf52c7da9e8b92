'use strict'
// Every branch of the retry loop, deterministically: errors injected by
// test/helpers/faultfs.js, time from a fake clock. Each scenario runs in
// the three forms (callback, promise, sync) where that makes sense.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { withRetry, retry } = require('../lib/retry')
const { faultFs, fakeClock, sysError, injectedDiagnosis } = require('./helpers/faultfs')

function tmpdir (t) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-retry-'))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

// Calls op in one form and returns a promise of its (first) result.
const FORMS = {
  cb: (rfs, op, ...args) => new Promise((resolve, reject) =>
    rfs[op](...args, (e, r) => (e ? reject(e) : resolve(r)))),
  promise: (rfs, op, ...args) => rfs.promises[op](...args),
  sync: async (rfs, op, ...args) => rfs[`${op}Sync`](...args)
}

function setup (t, testing = {}, policy = {}) {
  const clock = testing.clock || fakeClock()
  const ff = faultFs({ clock })
  const retried = []
  const rfs = withRetry(ff.fs, {
    onRetry: (info) => retried.push(info),
    ...policy,
    __testing: { clock, platform: 'linux', diagnoseSync: injectedDiagnosis, ...testing }
  })
  return { clock, ff, rfs, retried, dir: tmpdir(t) }
}

for (const [form, call] of Object.entries(FORMS)) {
  test(`${form}: transient EBUSY is retried until the call succeeds`, async (t) => {
    const { ff, rfs, retried, dir, clock } = setup(t)
    const file = path.join(dir, 'f')
    fs.writeFileSync(file, 'data')
    ff.fail('readFile', { code: 'EBUSY', times: 3 })
    const r = await call(rfs, 'readFile', file, 'utf8')
    assert.strictEqual(r, 'data')
    assert.strictEqual(ff.count('readFile'), 4)
    assert.deepStrictEqual(retried.map((x) => x.attempt), [1, 2, 3])
    assert.ok(retried.every((x) => x.error.code === 'EBUSY' && x.delay >= 0))
    const slept = form === 'sync' ? clock.syncSleeps : clock.sleeps
    assert.deepStrictEqual(slept, retried.map((x) => x.delay))
  })

  test(`${form}: the final error is the original object with attempts, elapsed, codes`, async (t) => {
    const { ff, rfs, retried, dir } = setup(t, {}, { retries: 4 })
    const from = path.join(dir, 'a')
    const to = path.join(dir, 'b')
    fs.writeFileSync(from, 'x')
    const made = []
    ff.fail('rename', { error: (args) => { const e = sysError('EBUSY', 'rename', args[0], args[1]); made.push(e); return e } })
    const err = await call(rfs, 'rename', from, to).then(() => null, (e) => e)
    assert.ok(err, 'rename must fail')
    assert.strictEqual(err, made[made.length - 1])
    assert.strictEqual(Object.getPrototypeOf(err), Error.prototype)
    assert.strictEqual(err.code, 'EBUSY')
    assert.strictEqual(err.errno, -os.constants.errno.EBUSY)
    assert.strictEqual(err.syscall, 'rename')
    assert.strictEqual(err.path, from)
    assert.strictEqual(err.dest, to)
    assert.strictEqual(err.message, `EBUSY: resource busy or locked, rename '${from}' -> '${to}'`)
    assert.strictEqual(err.attempts, 5)
    assert.deepStrictEqual(err.codes, ['EBUSY', 'EBUSY', 'EBUSY', 'EBUSY', 'EBUSY'])
    assert.strictEqual(typeof err.elapsed, 'number')
    assert.ok('diagnosis' in err)
    assert.strictEqual(retried.length, 4)
    assert.ok(fs.existsSync(from), 'nothing was moved')
  })

  test(`${form}: permanent codes fail at once (ENOENT, EROFS, ENOSPC)`, async (t) => {
    for (const code of ['ENOENT', 'EROFS', 'ENOSPC']) {
      const { ff, rfs, retried, dir, clock } = setup(t)
      ff.fail('writeFile', { code, syscall: 'open' })
      const err = await call(rfs, 'writeFile', path.join(dir, 'w'), 'x').then(() => null, (e) => e)
      assert.strictEqual(err.code, code)
      assert.strictEqual(err.attempts, 1)
      assert.strictEqual(err.codes, undefined, 'not retried: plain fs\'s error')
      assert.deepStrictEqual(Object.keys(err).sort(), ['code', 'errno', 'path', 'syscall'])
      assert.strictEqual(retried.length, 0)
      assert.strictEqual(clock.sleeps.length + clock.syncSleeps.length, 0)
      assert.strictEqual(ff.count('writeFile'), 1)
    }
  })

  test(`${form}: ENOTEMPTY is retried on rmdir, not on rename`, async (t) => {
    const { ff, rfs, dir } = setup(t)
    const d = path.join(dir, 'd')
    fs.mkdirSync(d)
    ff.fail('rmdir', { code: 'ENOTEMPTY', times: 2 })
    await call(rfs, 'rmdir', d)
    assert.strictEqual(fs.existsSync(d), false)
    assert.strictEqual(ff.count('rmdir'), 3)
    fs.writeFileSync(path.join(dir, 'src'), 'x')
    ff.fail('rename', { code: 'ENOTEMPTY', times: 2 })
    const err = await call(rfs, 'rename', path.join(dir, 'src'), path.join(dir, 'dst')).then(() => null, (e) => e)
    assert.strictEqual(err.code, 'ENOTEMPTY')
    assert.strictEqual(err.attempts, 1)
  })

  test(`${form}: EPERM on Linux is permanent and the diagnosis is not asked`, async (t) => {
    let asked = 0
    const { ff, rfs, dir } = setup(t, { diagnoseSync: () => { asked++; return { transient: true, causes: [] } } })
    ff.fail('unlink', { code: 'EPERM' })
    const err = await call(rfs, 'unlink', path.join(dir, 'x')).then(() => null, (e) => e)
    assert.strictEqual(err.code, 'EPERM')
    assert.strictEqual(err.attempts, 1)
    assert.strictEqual(asked, 0)
  })

  test(`${form}: Windows EPERM with a lock as cause is retried, the diagnosis asked once`, async (t) => {
    let asked = 0
    const d = { transient: true, causes: [{ id: 'file-locked' }] }
    const { ff, rfs, dir, retried } = setup(t, { platform: 'win32', diagnoseSync: () => { asked++; return d } })
    const f = path.join(dir, 'x')
    fs.writeFileSync(f, '')
    ff.fail('unlink', { code: 'EPERM', times: 5 })
    await call(rfs, 'unlink', f)
    assert.strictEqual(asked, 1)
    assert.strictEqual(retried.length, 5)
    assert.strictEqual(fs.existsSync(f), false)
  })

  test(`${form}: Windows EPERM with a permanent cause fails fast with the diagnosis`, async (t) => {
    let asked = 0
    const d = { transient: false, causes: [{ id: 'readonly-attribute' }] }
    const { ff, rfs, dir, retried, clock } = setup(t, { platform: 'win32', diagnoseSync: () => { asked++; return d } })
    ff.fail('rename', { code: 'EPERM' })
    fs.writeFileSync(path.join(dir, 'a'), '')
    const err = await call(rfs, 'rename', path.join(dir, 'a'), path.join(dir, 'b')).then(() => null, (e) => e)
    assert.strictEqual(err.code, 'EPERM')
    assert.strictEqual(err.attempts, 1)
    assert.strictEqual(err.diagnosis, d)
    assert.strictEqual(asked, 1)
    assert.strictEqual(retried.length, 0)
    assert.strictEqual(clock.sleeps.length + clock.syncSleeps.length, 0)
  })

  test(`${form}: Windows EPERM with no diagnosis available is retried within limits`, async (t) => {
    for (const diagnoseSync of [() => { throw new Error('engine not ready') }, () => null]) {
      const { ff, rfs, dir } = setup(t, { platform: 'win32', diagnoseSync })
      ff.fail('unlink', { code: 'EACCES' })
      const err = await call(rfs, 'unlink', path.join(dir, 'x')).then(() => null, (e) => e)
      assert.strictEqual(err.code, 'EACCES')
      assert.strictEqual(err.attempts, 11) // UNDIAGNOSED: 10 retries
      assert.ok(err.elapsed <= 1000)
    }
  })

  test(`${form}: shouldRetry overrides the table both ways`, async (t) => {
    const seen = []
    const { ff, rfs, dir } = setup(t, {}, {
      shouldRetry: (e, n) => { seen.push([e.code, n]); return e.code === 'ENOENT' ? true : e.code === 'EBUSY' ? false : undefined }
    })
    const f = path.join(dir, 'late')
    ff.fail('stat', { code: 'ENOENT', times: 2, before: (args) => { if (ff.injected('stat') === 1) fs.writeFileSync(f, '') } })
    const st = await call(rfs, 'stat', f)
    assert.ok(st.isFile())
    ff.fail('readdir', { code: 'EBUSY' })
    const err = await call(rfs, 'readdir', dir).then(() => null, (e) => e)
    assert.strictEqual(err.attempts, 1)
    assert.deepStrictEqual(seen, [['ENOENT', 1], ['ENOENT', 2], ['EBUSY', 1]])
  })
}

test('retries stops at the count; maxTime caps the total and the last sleep', async (t) => {
  const { ff, rfs, dir, clock } = setup(t, {}, { retries: 2 })
  ff.fail('mkdir', { code: 'EAGAIN' })
  const e1 = await rfs.promises.mkdir(path.join(dir, 'm')).catch((e) => e)
  assert.strictEqual(e1.attempts, 3)

  const s = setup(t, {}, { jitter: 'none', minDelay: 10, maxDelay: 10, maxTime: 55, retries: 100 })
  s.ff.fail('mkdir', { code: 'EAGAIN' })
  const e2 = await s.rfs.promises.mkdir(path.join(dir, 'n')).catch((e) => e)
  assert.deepStrictEqual(s.clock.sleeps, [10, 10, 10, 10, 10, 5])
  assert.strictEqual(e2.attempts, 7)
  assert.strictEqual(e2.elapsed, 55)
  assert.strictEqual(clock.sleeps.length, e1.attempts - 1)
})

test('backoff shapes: none, full, decorrelated', async (t) => {
  const none = setup(t, {}, { jitter: 'none', minDelay: 1, factor: 2, maxDelay: 8, retries: 6, maxTime: Infinity })
  none.ff.fail('rm', { code: 'EBUSY' })
  await none.rfs.promises.rm(path.join(none.dir, 'x')).catch(() => {})
  assert.deepStrictEqual(none.clock.sleeps, [1, 2, 4, 8, 8, 8])

  const full = setup(t, {}, { jitter: 'full', minDelay: 4, factor: 3, maxDelay: 100, retries: 8, maxTime: Infinity })
  full.ff.fail('rm', { code: 'EBUSY' })
  await full.rfs.promises.rm(path.join(full.dir, 'x')).catch(() => {})
  full.clock.sleeps.forEach((d, i) => assert.ok(d >= 0 && d <= Math.min(100, 4 * 3 ** i), `full #${i}: ${d}`))
  assert.ok(new Set(full.clock.sleeps).size > 1, 'jittered')

  const dec = setup(t, {}, { jitter: 'decorrelated', minDelay: 5, maxDelay: 200, retries: 10, maxTime: Infinity })
  dec.ff.fail('rm', { code: 'EBUSY' })
  await dec.rfs.promises.rm(path.join(dec.dir, 'x')).catch(() => {})
  let prev = 5
  for (const d of dec.clock.sleeps) {
    assert.ok(d >= 5 && d <= Math.min(200, prev * 3) + 1e-9, `decorrelated ${d} after ${prev}`)
    prev = d
  }
})

test('signal: abort between attempts stops with the original error', async (t) => {
  const ac = new AbortController()
  const { ff, rfs, dir } = setup(t, {}, { signal: ac.signal, onRetry: ({ attempt }) => { if (attempt === 2) ac.abort() } })
  ff.fail('open', { code: 'EBUSY' })
  const err = await rfs.promises.open(path.join(dir, 'o'), 'w').catch((e) => e)
  assert.strictEqual(err.code, 'EBUSY')
  assert.strictEqual(err.aborted, true)
  assert.strictEqual(err.attempts, 2)
})

test('retry(): any operation, pre-aborted signal, non-system errors untouched', async () => {
  const clock = fakeClock()
  let n = 0
  const v = await retry((attempt) => {
    n = attempt
    if (attempt < 3) throw sysError('EBUSY', 'rmdir', '/x')
    return 'ok'
  }, { __testing: { clock, diagnoseSync: injectedDiagnosis } })
  assert.strictEqual(v, 'ok')
  assert.strictEqual(n, 3)
  let called = false
  await assert.rejects(retry(() => { called = true }, { signal: AbortSignal.abort() }), { name: 'AbortError' })
  assert.strictEqual(called, false)
  const plain = new TypeError('not an fs error')
  const got = await retry(() => { throw plain }).catch((e) => e)
  assert.strictEqual(got, plain)
  assert.strictEqual(got.attempts, undefined)
  const e2 = await retry(() => Promise.reject(sysError('ENOTEMPTY', 'rename', '/a', '/b')), { __testing: { clock, diagnoseSync: injectedDiagnosis } }).catch((e) => e)
  assert.strictEqual(e2.attempts, 1)
  let k = 0
  await retry(() => { if (++k < 2) throw sysError('ENOTEMPTY', 'x', '/a') }, { syscall: 'rmdir', __testing: { clock } })
  assert.strictEqual(k, 2)
})

// A stopped rmdir (the directory stays full, lib/retry/rmdir.js) throws
// with a diagnosis that is not transient, also when the engine could not
// answer during the retry and the diagnosis is made on first read; the
// engine's own answer is copied, never changed.
for (const [form, call] of Object.entries(FORMS)) {
  test(`${form}: a stopped rmdir's diagnosis is not transient, read now or later`, async (t) => {
    const dir = path.join(tmpdir(t), 'full')
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true })
    for (const early of [true, false]) {
      const given = []
      let asked = 0
      const diagnoseSync = (err) => {
        // Unavailable while retrying (null): the diagnosis is made on read.
        if (!early && asked++ === 0) return null
        const d = injectedDiagnosis(err)
        given.push(d)
        return d
      }
      const rfs = withRetry(fs, { __testing: { clock: fakeClock(), platform: 'linux', diagnoseSync } })
      const err = await call(rfs, 'rmdir', dir).then(() => null, (e) => e)
      assert.strictEqual(err.code, 'ENOTEMPTY')
      assert.strictEqual(err.attempts, 2)
      const d = err.diagnosis
      assert.strictEqual(d.transient, false, `early ${early}`)
      assert.match(d.transientReason, /retrying this rmdir will not pass/)
      assert.strictEqual(d.injected, true)
      assert.strictEqual(given.length, 1)
      assert.notStrictEqual(d, given[0])
      assert.strictEqual(given[0].transient, true)
      assert.strictEqual(given[0].transientReason, undefined)
    }
  })
}

test('EMFILE: a waiting call is woken by a wrapped close, not by the timer', async (t) => {
  const clock = fakeClock({ auto: false })
  const { ff, rfs, dir } = setup(t, { clock })
  const f = path.join(dir, 'f')
  fs.writeFileSync(f, 'x')
  const held = fs.openSync(f, 'r')
  // At the limit until the close: the queue's backstop attempts fail too.
  let closed = false
  ff.fail('open', { code: 'EMFILE', when: () => !closed })
  let done = false
  const p = rfs.promises.open(f, 'r').then((fh) => { done = true; return fh })
  await new Promise((resolve) => setTimeout(resolve, 20))
  assert.strictEqual(done, false, 'waits while no descriptor is released')
  assert.strictEqual(clock.pending(), 1)
  closed = true
  await new Promise((resolve) => rfs.close(held, resolve))
  const fh = await p
  assert.strictEqual(clock.lastWake, 'fd')
  assert.strictEqual(clock.now(), 0, 'no time passed on the fake clock')
  await fh.close()
})

test('maxOpen caps concurrent opens; close lets the next one in', async (t) => {
  const dir = tmpdir(t)
  const f = path.join(dir, 'f')
  fs.writeFileSync(f, 'x')
  const rfs = withRetry(fs, { maxOpen: 2 })
  const a = await rfs.promises.open(f)
  const b = await new Promise((resolve, reject) => rfs.open(f, 'r', (e, fd) => (e ? reject(e) : resolve(fd))))
  let third = null
  const p = rfs.promises.open(f).then((fh) => { third = fh })
  let fourth = null
  rfs.open(f, 'r', (e, fd) => { fourth = e || fd })
  await new Promise((resolve) => setTimeout(resolve, 30))
  assert.strictEqual(third, null)
  assert.strictEqual(fourth, null)
  await a.close()
  await p
  assert.ok(third)
  assert.strictEqual(fourth, null)
  await new Promise((resolve) => rfs.close(b, resolve))
  await new Promise((resolve) => setTimeout(resolve, 30))
  assert.strictEqual(typeof fourth, 'number')
  await third.close()
  rfs.closeSync(fourth)
})

test('FileHandle: what can be repeated retries, its I/O never; the handle stays a FileHandle', async (t) => {
  const { ff, rfs, dir, retried } = setup(t)
  const f = path.join(dir, 'h')
  fs.writeFileSync(f, 'hello')
  const fh = await rfs.promises.open(f, 'r+')
  const plain = await fs.promises.open(f)
  assert.strictEqual(Object.getPrototypeOf(fh), Object.getPrototypeOf(plain))
  await plain.close()
  ff.fail('handle.stat', { code: 'EAGAIN', times: 2 })
  assert.strictEqual((await fh.stat()).size, 5)
  assert.strictEqual(retried.length, 2)
  ff.fail('handle.read', { code: 'EAGAIN', times: 1 })
  await assert.rejects(fh.read(Buffer.alloc(5), 0, 5, 0), (e) => e.code === 'EAGAIN' && e.attempts === 1)
  ff.fail('handle.write', { code: 'EBUSY', times: 1 })
  await assert.rejects(fh.write('J', 0), { code: 'EBUSY' })
  ff.fail('handle.readFile', { code: 'EBUSY', times: 1 })
  await assert.rejects(fh.readFile(), { code: 'EBUSY' })
  assert.strictEqual(retried.length, 2, 'no I/O call was retried')
  await fh.write('J', 0)
  await fh.close()
  assert.strictEqual(fs.readFileSync(f, 'utf8'), 'Jello')
})

test('descriptor I/O is never retried: fs.read\'s EAGAIN reaches the callback once, as plain fs\'s', async (t) => {
  const { ff, rfs, dir, retried } = setup(t)
  const f = path.join(dir, 'r')
  fs.writeFileSync(f, 'abc')
  const fd = fs.openSync(f, 'r')
  t.after(() => fs.closeSync(fd))
  ff.fail('read', { code: 'EAGAIN', times: 1 })
  const calls = []
  await new Promise((resolve) => rfs.read(fd, Buffer.alloc(3), 0, 3, 0, (...a) => { calls.push(a); resolve() }))
  await new Promise((resolve) => setImmediate(resolve))
  assert.strictEqual(calls.length, 1)
  assert.strictEqual(calls[0][0].code, 'EAGAIN')
  assert.deepStrictEqual(Object.keys(calls[0][0]).sort(), ['code', 'errno', 'syscall'], 'nothing enumerable added')
  assert.strictEqual(retried.length, 0)
  // Success keeps the arity of plain fs: (err, bytesRead, buffer).
  const args = await new Promise((resolve) => rfs.read(fd, Buffer.alloc(3), 0, 3, 0, (...a) => resolve(a)))
  assert.strictEqual(args.length, 3)
  assert.strictEqual(args[0], null)
  assert.strictEqual(args[1], 3)
  assert.strictEqual(args[2].toString(), 'abc')
})

test('sync retries really sleep (Atomics.wait), without spinning', (t) => {
  const dir = tmpdir(t)
  const ff = faultFs()
  const rfs = withRetry(ff.fs, { jitter: 'none', minDelay: 40, maxDelay: 40 })
  ff.fail('mkdir', { code: 'EBUSY', times: 3 })
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  rfs.mkdirSync(path.join(dir, 's'))
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  assert.ok(wall >= 110, `slept ${wall} ms`)
  assert.ok((cpu.user + cpu.system) / 1000 < wall / 3, `cpu ${(cpu.user + cpu.system) / 1000} ms of ${wall} ms wall`)
  assert.ok(fs.statSync(path.join(dir, 's')).isDirectory())
})

test('WSL: EPERM on a Windows drive (/mnt/c) is treated like Windows', async () => {
  const clock = fakeClock()
  let asked = 0
  const testing = { clock, platform: 'linux', wsl: true, diagnoseSync: () => { asked++; return { transient: true, causes: [{ id: 'file-locked' }] } } }
  let n = 0
  await retry(() => { if (++n < 3) throw sysError('EPERM', 'unlink', '/mnt/c/proj/x') }, { syscall: 'unlink', __testing: testing })
  assert.strictEqual(n, 3)
  assert.strictEqual(asked, 1)
  n = 0
  const err = await retry(() => { n++; throw sysError('EPERM', 'unlink', '/home/u/x') }, { syscall: 'unlink', __testing: testing }).catch((e) => e)
  assert.strictEqual(err.attempts, 1, 'a Linux path under WSL keeps the Linux rule')
  const off = await retry(() => { throw sysError('EPERM', 'unlink', '/mnt/c/x') }, { syscall: 'unlink', __testing: { ...testing, wsl: false } }).catch((e) => e)
  assert.strictEqual(off.attempts, 1)
})

test('a frozen error from a custom fs is thrown as is', async () => {
  const frozen = Object.freeze(sysError('ENOENT', 'stat', '/nope'))
  const custom = { statSync () { throw frozen }, stat (p, cb) { process.nextTick(cb, frozen) } }
  const rfs = withRetry(custom)
  assert.throws(() => rfs.statSync('/nope'), (e) => e === frozen)
  const got = await new Promise((resolve) => rfs.stat('/nope', resolve))
  assert.strictEqual(got, frozen)
})

test('a custom fs with prototype methods (this-bound) is mirrored', (t) => {
  class Vol {
    constructor () { this.files = new Map([['/a', 'A']]); this.busy = 2 }
    readFileSync (p) {
      if (this.busy-- > 0) throw sysError('EBUSY', 'open', p)
      return this.files.get(p)
    }

    readFile (p, cb) { process.nextTick(() => cb(null, this.files.get(p))) }
  }
  const clock = fakeClock()
  const rfs = withRetry(new Vol(), { __testing: { clock, diagnoseSync: injectedDiagnosis } })
  assert.strictEqual(rfs.readFileSync('/a'), 'A')
  assert.strictEqual(clock.syncSleeps.length, 2)
})

test('sync EMFILE waits 200 ms at most; async waits longer', async (t) => {
  const { ff, rfs, dir, clock } = setup(t)
  ff.fail('open', { code: 'EMFILE' })
  const f = path.join(dir, 'x')
  const err = (() => { try { rfs.openSync(f, 'w') } catch (e) { return e } })()
  assert.strictEqual(err.code, 'EMFILE')
  assert.ok(err.elapsed <= 200 && err.elapsed > 150, `sync elapsed ${err.elapsed}`)
  const t0 = clock.now()
  const e2 = await rfs.promises.open(f, 'w').catch((e) => e)
  assert.ok(clock.now() - t0 > 9000, 'async waits up to maxTime (10 s)')
  assert.strictEqual(e2.code, 'EMFILE')
})

// Windows lists a delete-pending entry until its last handle closes, and
// lstat of it fails (EPERM): such entries are on their way out, so an
// unchanged list of them does not end the retry there. On Linux the same
// unchanged list ends it after one retry.
for (const [form, call] of Object.entries(FORMS)) {
  test(`${form}: rmdir waits for delete-pending entries on Windows, not for entries that stay`, async (t) => {
    for (const platform of ['win32', 'linux']) {
      // The pending delete completes before the fourth attempt.
      let retries = 0
      let d = null
      const onRetry = () => { if (++retries === 3) fs.unlinkSync(path.join(d, 'pending')) }
      const { ff, rfs, dir } = setup(t, { platform }, { onRetry })
      d = path.join(dir, 'd')
      fs.mkdirSync(d)
      fs.writeFileSync(path.join(d, 'pending'), 'x')
      ff.fail('lstat', { code: 'EPERM', when: (args) => typeof args[0] === 'string' && args[0].startsWith(d) })
      ff.fail('rmdir', { code: 'ENOTEMPTY', times: 3 })
      const err = await call(rfs, 'rmdir', d).then(() => null, (e) => e)
      if (platform === 'win32') {
        assert.strictEqual(err, null, `win32: ${err && err.code}`)
        assert.strictEqual(fs.existsSync(d), false)
        assert.strictEqual(ff.count('rmdir'), 4)
      } else {
        assert.strictEqual(err.code, 'ENOTEMPTY')
        assert.strictEqual(err.attempts, 2)
        assert.strictEqual(ff.count('rmdir'), 2)
        assert.ok(fs.existsSync(path.join(d, 'pending')))
      }
    }
  })
}
