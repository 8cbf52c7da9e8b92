'use strict'
// EAGAIN on a non-blocking pipe: an operation that may already have moved
// bytes on a descriptor is never repeated as a whole. Plain fs throws
// EAGAIN there, and so must the wrapper: retrying writeFile(fd) wrote the
// beginning again (the reader got 2-4 MB of a 1 MB write), retrying
// readFile(fd) returned data with its beginning missing.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn, spawnSync } = require('node:child_process')
const { withRetry } = require('../lib/retry')
const { SAFETY, repeatable } = require('../lib/retry/policy')

const { O_RDONLY, O_WRONLY, O_NONBLOCK } = fs.constants
const linux = process.platform === 'linux'

function tmpdir (t) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-pipe-'))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

// A FIFO in the test's directory with both ends open, non-blocking.
function fifo (t) {
  const p = path.join(tmpdir(t), 'fifo')
  const r = spawnSync('mkfifo', [p])
  if (r.status !== 0) throw new Error('mkfifo failed')
  const rfd = fs.openSync(p, O_RDONLY | O_NONBLOCK)
  const wfd = fs.openSync(p, O_WRONLY | O_NONBLOCK)
  const open = new Set([rfd, wfd])
  t.after(() => { for (const fd of open) fs.closeSync(fd) })
  return { path: p, rfd, wfd, close: (fd) => { open.delete(fd); fs.closeSync(fd) } }
}

// Everything readable now, without blocking.
function drain (fd) {
  let n = 0
  const buf = Buffer.alloc(1 << 16)
  for (;;) {
    try {
      const k = fs.readSync(fd, buf, 0, buf.length, null)
      if (k === 0) return n
      n += k
    } catch (e) {
      if (e.code === 'EAGAIN') return n
      throw e
    }
  }
}

const thrown = (fn) => { try { fn() } catch (e) { return e } return null }
const rejected = (p) => p.then(() => null, (e) => e)
const cbError = (fn) => new Promise((resolve) => fn((e) => resolve(e || null)))

// What a caller sees of an error: its own enumerable fields.
const fields = (e) => Object.fromEntries(Object.keys(e).map((k) => [k, e[k]]))

test('the table: descriptor I/O may not be repeated, composite calls only before bytes moved', () => {
  for (const op of ['read', 'write', 'readv', 'writev', 'readFile:fd', 'writeFile:fd', 'appendFile:fd', 'close']) {
    assert.strictEqual(SAFETY[op], 'no', op)
    assert.strictEqual(repeatable(op, 'open'), false, op)
  }
  for (const op of ['readFile', 'writeFile', 'appendFile', 'copyFile']) {
    assert.strictEqual(repeatable(op, 'open'), true, `${op} failing in open moved nothing`)
    assert.strictEqual(repeatable(op, 'write'), false, `${op} failing in write`)
    assert.strictEqual(repeatable(op, 'read'), false, `${op} failing in read`)
  }
  for (const op of ['stat', 'rename', 'mkdir', 'open', 'unlink', 'rmdir', 'fsync']) assert.strictEqual(repeatable(op, op), true, op)
  // Every fs function the wrapper retries has a row.
  for (const k of Object.keys(fs)) {
    if (typeof fs[k] !== 'function' || /^[A-Z_]/.test(k) || /^(exists|watch|watchFile|unwatchFile|openAsBlob|createReadStream|createWriteStream)(Sync)?$/.test(k)) continue
    const base = k.endsWith('Sync') ? k.slice(0, -4) : k
    assert.ok(base in SAFETY, `${base} is in the table`)
  }
})

test('writeFileSync(fd) on a full non-blocking pipe throws EAGAIN as plain fs does, once', (t) => {
  if (!linux) return t.skip('needs Linux: mkfifo and pipe capacity')
  const rfs = withRetry(fs)
  const p = fifo(t)
  const plain = thrown(() => fs.writeFileSync(p.wfd, Buffer.alloc(1 << 20)))
  assert.strictEqual(plain.code, 'EAGAIN')
  const capacity = drain(p.rfd)
  assert.ok(capacity > 0 && capacity < 1 << 20)
  const got = thrown(() => rfs.writeFileSync(p.wfd, Buffer.alloc(1 << 20)))
  assert.ok(got, 'the wrapper throws too')
  assert.deepStrictEqual(fields(got), fields(plain))
  assert.strictEqual(got.attempts, 1)
  assert.strictEqual(drain(p.rfd), capacity, 'the same bytes went through, no more')
})

test('writeFile(fd, cb), FileHandle.writeFile and appendFile(fd) on a full pipe: one attempt each', async (t) => {
  if (!linux) return t.skip('needs Linux: mkfifo and pipe capacity')
  const rfs = withRetry(fs)
  const p = fifo(t)
  const plain = await cbError((cb) => fs.writeFile(p.wfd, Buffer.alloc(1 << 20), cb))
  assert.strictEqual(plain.code, 'EAGAIN')
  const capacity = drain(p.rfd)
  const seen = []
  const rfs2 = withRetry(fs, { onRetry: (i) => seen.push(i.error.code) })
  const cb = await cbError((done) => rfs2.writeFile(p.wfd, Buffer.alloc(1 << 20), done))
  assert.deepStrictEqual(fields(cb), fields(plain))
  assert.strictEqual(drain(p.rfd), capacity)
  const ap = await cbError((done) => rfs2.appendFile(p.wfd, Buffer.alloc(1 << 20), done))
  assert.strictEqual(ap.code, 'EAGAIN')
  assert.strictEqual(drain(p.rfd), capacity)
  const fh = await rfs.promises.open(p.path, O_WRONLY | O_NONBLOCK)
  const fe = await rejected(fh.writeFile(Buffer.alloc(1 << 20)))
  await fh.close()
  assert.strictEqual(fe.code, 'EAGAIN')
  assert.strictEqual(fe.attempts, 1)
  assert.ok(!Object.keys(fe).includes('attempts'))
  assert.strictEqual(drain(p.rfd), capacity)
  assert.deepStrictEqual(seen, [])
})

test('readFileSync(fd) of a pipe that runs dry throws EAGAIN as plain fs does, once', (t) => {
  if (!linux) return t.skip('needs Linux: mkfifo')
  const rfs = withRetry(fs)
  const p = fifo(t)
  const data = Buffer.alloc(1000, 7)
  fs.writeSync(p.wfd, data)
  const plain = thrown(() => fs.readFileSync(p.rfd))
  assert.strictEqual(plain.code, 'EAGAIN')
  fs.writeSync(p.wfd, data)
  const seen = []
  const got = thrown(() => withRetry(fs, { onRetry: () => seen.push(1) }).readFileSync(p.rfd))
  assert.deepStrictEqual(fields(got), fields(plain))
  assert.deepStrictEqual(seen, [])
  // Data written after the failure is read from its start, as with plain fs.
  fs.writeSync(p.wfd, Buffer.from('after'))
  const buf = Buffer.alloc(16)
  assert.strictEqual(buf.toString('utf8', 0, rfs.readSync(p.rfd, buf, 0, 16, null)), 'after')
  const e2 = thrown(() => rfs.readSync(p.rfd, buf, 0, 16, null))
  assert.strictEqual(e2.code, 'EAGAIN')
  assert.strictEqual(e2.attempts, 1)
})

// A reader in another process drains the FIFO slowly while the wrapper
// writes 1 MB of numbered bytes into it: what arrives is the data or a
// prefix of it (plain fs's EAGAIN), never more, never a repeat.
test('a 1 MB writeFileSync(fd) into a pipe a slow reader drains: a prefix of the data, never repeated bytes', async (t) => {
  if (!linux) return t.skip('needs Linux: mkfifo')
  const p = fifo(t)
  const reader = `
    const fs = require('fs'); const crypto = require('crypto')
    const fd = fs.openSync(${JSON.stringify(p.path)}, 'r')
    const h = crypto.createHash('sha256'); let n = 0; const buf = Buffer.alloc(8192)
    const cell = new Int32Array(new SharedArrayBuffer(4))
    process.stdout.write('ready\\n')
    for (;;) { const k = fs.readSync(fd, buf, 0, buf.length, null); if (k === 0) break; n += k; h.update(buf.subarray(0, k)); Atomics.wait(cell, 0, 0, 1) }
    process.stdout.write(JSON.stringify({ n, sha: h.digest('hex') }) + '\\n')
  `
  const child = spawn(process.execPath, ['-e', reader], { stdio: ['ignore', 'pipe', 'inherit'] })
  t.after(() => child.kill('SIGKILL'))
  let out = ''
  const ready = new Promise((resolve) => child.stdout.on('data', (d) => { out += d; if (out.includes('ready\n')) resolve() }))
  const ended = new Promise((resolve) => child.on('close', resolve))
  await ready
  const data = Buffer.alloc(1 << 20)
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 8)) & 0xff
  const rfs = withRetry(fs)
  const err = thrown(() => rfs.writeFileSync(p.wfd, data))
  p.close(p.wfd)
  await ended
  const res = JSON.parse(out.split('\n')[1])
  assert.ok(res.n <= data.length, `the reader got ${res.n} bytes of ${data.length}`)
  const sha = require('crypto').createHash('sha256').update(data.subarray(0, res.n)).digest('hex')
  assert.strictEqual(res.sha, sha, 'what arrived is the beginning of the data')
  if (err) {
    assert.strictEqual(err.code, 'EAGAIN')
    assert.strictEqual(err.attempts, 1)
  } else {
    assert.strictEqual(res.n, data.length)
  }
})

test('readFile and writeFile by path still retry an EMFILE from open (nothing moved yet)', async (t) => {
  const { faultFs, fakeClock, injectedDiagnosis } = require('./helpers/faultfs')
  const clock = fakeClock()
  const ff = faultFs({ clock })
  const rfs = withRetry(ff.fs, { __testing: { clock, diagnoseSync: injectedDiagnosis } })
  const f = path.join(tmpdir(t), 'f')
  ff.fail('writeFile', { code: 'EMFILE', times: 1 })
  await rfs.promises.writeFile(f, 'x')
  ff.fail('readFile', { code: 'EMFILE', times: 2 })
  assert.strictEqual(rfs.readFileSync(f, 'utf8'), 'x')
  assert.strictEqual(ff.injected('writeFile') + ff.injected('readFile'), 3)
})
