'use strict'
// The retrying fs as an API: exports, no global patching, option checks,
// and argument errors identical to plain fs.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const root = path.join(__dirname, '..')

test('exports: fsdoctor.fs, fsdoctor/fs, withRetry, retry, writeFileAtomic', () => {
  const fsdoctor = require('..')
  assert.strictEqual(fsdoctor.fs, require('../lib/fs'))
  for (const k of ['withRetry', 'retry', 'writeFileAtomic']) assert.strictEqual(typeof fsdoctor[k], 'function', k)
  const rfs = fsdoctor.fs
  for (const k of Object.keys(fs)) {
    if (k === 'promises') continue
    assert.ok(k in rfs, `fs.${k} is mirrored`)
    assert.strictEqual(typeof rfs[k], typeof fs[k], k)
  }
  for (const k of Object.keys(fs.promises)) assert.strictEqual(typeof rfs.promises[k], typeof fs.promises[k], `promises.${k}`)
  assert.strictEqual(rfs.constants, fs.constants)
  assert.strictEqual(rfs.Stats, fs.Stats)
  assert.strictEqual(rfs.promises.constants, fs.promises.constants)
})

test('no global patching of fs or process', () => {
  const r = spawnSync(process.execPath, ['-e', `
    const fs = require('fs')
    const snap = (o) => Object.keys(o).map((k) => [k, o[k]])
    const before = snap(fs), pbefore = snap(fs.promises), procBefore = snap(process)
    const rfs = require(${JSON.stringify(root)}).fs
    rfs.statSync('/'); rfs.writeFileAtomicSync(require('os').tmpdir() + '/fsd-nopatch-' + process.pid, 'x', { atomic: true })
    const same = (a, b) => a.length === b.length && a.every(([k, v], i) => b[i][0] === k && b[i][1] === v)
    console.log(JSON.stringify([same(before, snap(fs)), same(pbefore, snap(fs.promises)), same(procBefore, snap(process))]))
    fs.unlinkSync(require('os').tmpdir() + '/fsd-nopatch-' + process.pid)
  `], { encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  assert.deepStrictEqual(JSON.parse(r.stdout), [true, true, true])
})

test('results are the same values plain fs returns', async () => {
  const rfs = require('../lib/fs')
  assert.deepStrictEqual(rfs.readdirSync('/'), fs.readdirSync('/'))
  assert.ok(rfs.statSync('/') instanceof fs.Stats)
  const d = await rfs.promises.opendir('/')
  assert.strictEqual(d.constructor, fs.Dir)
  await d.close()
  const st = await new Promise((resolve, reject) => rfs.lstat('/', { bigint: true }, (e, s) => (e ? reject(e) : resolve(s))))
  assert.strictEqual(typeof st.ino, 'bigint')
  const s = rfs.createReadStream(__filename)
  assert.ok(s instanceof fs.ReadStream)
  const chunks = []
  for await (const c of s) chunks.push(c)
  assert.strictEqual(Buffer.concat(chunks).toString(), fs.readFileSync(__filename, 'utf8'))
})

test('invalid policy values name the option', () => {
  const { withRetry, retry } = require('..')
  const cases = [
    [{ retries: -1 }, RangeError, /"retries"/],
    [{ retries: 1.5 }, RangeError, /"retries"/],
    [{ retries: '3' }, TypeError, /"retries"/],
    [{ minDelay: -5 }, RangeError, /"minDelay"/],
    [{ minDelay: NaN }, RangeError, /"minDelay"/],
    [{ maxDelay: Infinity }, RangeError, /"maxDelay"/],
    [{ minDelay: 50, maxDelay: 10 }, RangeError, /"minDelay"/],
    [{ maxTime: -1 }, RangeError, /"maxTime"/],
    [{ factor: 0.5 }, RangeError, /"factor"/],
    [{ factor: null }, TypeError, /"factor"/],
    [{ jitter: 'wide' }, TypeError, /"jitter"/],
    [{ jitter: 1 }, TypeError, /"jitter"/],
    [{ signal: {} }, TypeError, /"signal"/],
    [{ onRetry: 'log' }, TypeError, /"onRetry"/],
    [{ shouldRetry: true }, TypeError, /"shouldRetry"/],
    [{ maxOpen: 0 }, RangeError, /"maxOpen"/],
    [{ retrys: 3 }, TypeError, /"retrys"/]
  ]
  for (const [policy, Cls, message] of cases) {
    assert.throws(() => withRetry(fs, policy), (e) => e instanceof Cls && message.test(e.message), JSON.stringify(policy))
  }
  assert.throws(() => withRetry(fs, 'fast'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => withRetry(null), { name: 'TypeError', message: /"fsLike"/ })
  assert.doesNotThrow(() => withRetry(fs, { retries: Infinity, maxTime: Infinity, jitter: 'decorrelated', signal: new AbortController().signal }))
  return Promise.all([
    assert.rejects(retry('x'), { name: 'TypeError', message: /"fn"/ }),
    assert.rejects(retry(() => 1, { factor: 0 }), { name: 'RangeError', message: /"factor"/ }),
    assert.rejects(retry(() => 1, { syscall: 5 }), { name: 'TypeError', message: /"syscall"/ })
  ])
})

// Each call must fail the same way through the wrapper as through plain fs.
test('wrong argument types give exactly the error plain fs gives', async (t) => {
  const rfs = require('..').fs
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-args-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const f = path.join(dir, 'f')
  fs.writeFileSync(f, 'x')
  const cb = () => {}
  const calls = [
    ['readFile', [{}]], ['readFile', [f, { encoding: 'nope' }]], ['rename', [1, f]], ['rename', [f, null]],
    ['open', [f, 'invalid-flag']], ['open', [f, 'r', 'rwx']], ['stat', [null]], ['writeFile', [f, 123]],
    ['mkdir', [f, { recursive: 'yes' }]], ['rm', [f, { maxRetries: -1 }]], ['read', ['abc', Buffer.alloc(1), 0, 1, 0]],
    ['close', ['abc']], ['unlink', ['a\u0000b']], ['copyFile', [f, path.join(dir, 'g'), 'x']], ['chmod', [f, 'abc']],
    ['readdir', [undefined]], ['rmdir', [f, { recursive: 1 }]], ['writeFile', [3.5, 'x']], ['utimes', [f, 'a', 'b']],
    ['readFile', [f, 42]], ['truncate', [f, -1]], ['symlink', [f]], ['access', [f, 'r']]
  ]
  const outcome = (fn) => {
    try {
      const r = fn()
      return r && typeof r.then === 'function' ? r.then(() => 'ok', (e) => e) : 'ok'
    } catch (e) {
      return ['sync', e]
    }
  }
  const same = (a, b, what) => {
    if (Array.isArray(a) || Array.isArray(b)) {
      assert.ok(Array.isArray(a) && Array.isArray(b), `${what}: one threw synchronously, the other did not`)
      a = a[1]
      b = b[1]
    }
    if (a === 'ok' || b === 'ok') return assert.strictEqual(a, b, what)
    assert.strictEqual(a.constructor, b.constructor, what)
    assert.strictEqual(a.name, b.name, what)
    assert.strictEqual(a.code, b.code, what)
    assert.strictEqual(a.message, b.message, what)
  }
  let compared = 0
  for (const [name, args] of calls) {
    same(outcome(() => rfs[`${name}Sync`](...args)), outcome(() => fs[`${name}Sync`](...args)), `${name}Sync`)
    if (fs.promises[name]) {
      same(await outcome(() => rfs.promises[name](...args)), await outcome(() => fs.promises[name](...args)), `promises.${name}`)
    }
    same(outcome(() => rfs[name](...args, cb)), outcome(() => fs[name](...args, cb)), `${name}(cb)`)
    same(outcome(() => rfs[name](...args)), outcome(() => fs[name](...args)), `${name}() without callback`)
    compared++
  }
  assert.strictEqual(compared, calls.length)
})

test('docs/retry-defaults.md matches the table in the code', () => {
  const text = fs.readFileSync(path.join(root, 'docs/retry-defaults.md'), 'utf8')
  const { defaultsTable } = require('../lib/retry')
  for (const r of defaultsTable()) {
    const cells = [r.code, r.platform, r.ops, r.kind, String(r.retries),
      r.minDelay === null ? '–' : `${r.minDelay}`, r.maxDelay === null ? '–' : `${r.maxDelay}`,
      r.maxTime === null ? '–' : `${r.maxTime}`]
    const row = `| ${cells.join(' | ')} |`
    assert.ok(text.includes(row), `docs row missing: ${row}`)
  }
})

test('docs/retry-defaults.md lists what may be repeated as the SAFETY table says', () => {
  const text = fs.readFileSync(path.join(root, 'docs/retry-defaults.md'), 'utf8')
  const { safetyTable } = require('../lib/retry/policy')
  const rows = safetyTable()
  assert.strictEqual(rows.length, 3)
  for (const r of rows) {
    assert.ok(r.ops.length > 0)
    const row = `| ${r.ops.map((o) => `\`${o}\``).join(', ')} | ${r.repeated} |`
    assert.ok(text.includes(row), `docs row missing: ${row}`)
  }
})

test('streams open through the retrying fs; a FileHandle fd still works', async (t) => {
  const rfs = require('..').fs
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-stream-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const f = path.join(dir, 's')
  const ws = rfs.createWriteStream(f)
  ws.end('streamed')
  await new Promise((resolve, reject) => ws.on('close', resolve).on('error', reject))
  const fh = await fs.promises.open(f)
  const rs = rfs.createReadStream(null, { fd: fh })
  const chunks = []
  for await (const c of rs) chunks.push(c)
  assert.strictEqual(Buffer.concat(chunks).toString(), 'streamed')
})

test('function extras: realpath.native, util.promisify of read/write', async (t) => {
  const util = require('node:util')
  const rfs = require('..').fs
  assert.strictEqual(typeof rfs.realpath.native, 'function')
  assert.strictEqual(rfs.realpathSync.native('/'), fs.realpathSync.native('/'))
  const got = await util.promisify(rfs.realpath.native)('/')
  assert.strictEqual(got, '/')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-extras-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const fd = fs.openSync(path.join(dir, 'f'), 'w+')
  t.after(() => fs.closeSync(fd))
  const w = await util.promisify(rfs.write)(fd, Buffer.from('abc'), 0, 3, 0)
  assert.deepStrictEqual(Object.keys(w).sort(), ['buffer', 'bytesWritten'])
  const r = await util.promisify(rfs.read)(fd, Buffer.alloc(3), 0, 3, 0)
  assert.strictEqual(r.bytesRead, 3)
  assert.strictEqual(r.buffer.toString(), 'abc')
  assert.strictEqual(await util.promisify(rfs.exists)(dir), true)
})
