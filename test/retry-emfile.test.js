'use strict'
// EMFILE: calls that open a descriptor wait in one queue that any close
// drains, with a budget that restarts when the queue moves. Each scenario
// runs in a child at `ulimit -n 256` (bash -c 'ulimit -n 256; node …').
// The 20,000-call runs of every opening operation are in the long lane
// (retry-emfile-stress.test.js); here the same with fewer calls, and the
// queue's rules.
const test = require('node:test')
const assert = require('node:assert')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const root = path.join(__dirname, '..')
const linux = process.platform === 'linux'

// node args… in a child at the given descriptor limit; its last stdout
// line, parsed.
function limited (limit, args, timeout = 120000) {
  const r = spawnSync('bash', ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, ...args],
    { encoding: 'utf8', timeout, cwd: root })
  const line = (r.stdout || '').trim().split('\n').pop()
  try {
    return JSON.parse(line)
  } catch {
    throw new Error(`child failed (${r.status ?? r.signal}): ${r.stderr}`)
  }
}

const scenario = (limit, code, timeout) => limited(limit, ['-e', code], timeout)

const N = 3000
for (const op of ['readFile', 'promises.readFile', 'new ReadStream', 'FileHandle open']) {
  test(`${N} × ${op} at ulimit -n 256: every one completes`, (t) => {
    if (!linux) return t.skip('needs Linux: ulimit in bash')
    const r = limited(256, [path.join(root, 'bench/emfile-child.js'), 'fsdoctor', op, String(N)])
    assert.strictEqual(r.limit, 256)
    assert.deepStrictEqual({ ok: r.ok, failed: r.failed, codes: r.codes }, { ok: N, failed: 0, codes: {} })
  })
}

// The scenario scripts share this preamble: a temp dir with a file, the
// descriptors of the process filled with plain fs.openSync (`held`).
const PRE = `
  const fs = require('fs'); const os = require('os'); const path = require('path')
  const { withRetry } = require(${JSON.stringify(path.join(root, 'lib/retry'))})
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-emq-'))
  const f = path.join(dir, 'f'); fs.writeFileSync(f, 'data')
  const held = []
  // At exit the descriptors are given back first: removing the directory
  // needs one.
  process.on('exit', () => { for (const fd of held) { try { fs.closeSync(fd) } catch {} } fs.rmSync(dir, { recursive: true, force: true }) })
  for (;;) { try { held.push(fs.openSync(f, 'r')) } catch (e) { if (e.code !== 'EMFILE') throw e; break } }
  const out = (o) => console.log(JSON.stringify(o))
`

test('closes the wrapper cannot see (plain fs.closeSync) drain the queue too', (t) => {
  if (!linux) return t.skip('needs Linux: ulimit in bash')
  const r = scenario(256, PRE + `
    const rfs = withRetry(fs)
    let ok = 0; let failed = 0; const n = 500; const t0 = performance.now()
    for (let i = 0; i < n; i++) rfs.readFile(f, 'utf8', (e, s) => { if (e || s !== 'data') failed++; else ok++; if (ok + failed === n) out({ ok, failed, held: held.length }) })
    // Plain closes, a few at a time: nothing the wrapper is told about.
    const iv = setInterval(() => { for (let k = 0; k < 8 && held.length; k++) fs.closeSync(held.pop()); if (!held.length) clearInterval(iv) }, 20)
  `)
  assert.strictEqual(r.failed, 0)
  assert.strictEqual(r.ok, 500)
})

test('the budget restarts when the queue moves: a slow queue outlasts maxTime, a stuck one fails', (t) => {
  if (!linux) return t.skip('needs Linux: ulimit in bash')
  // One descriptor freed (through the wrapper) every 80 ms for 30 calls
  // that each hold theirs until the end: 2.4 s of waiting, maxTime 600 ms.
  const moving = scenario(64, PRE + `
    const rfs = withRetry(fs, { maxTime: 600 })
    const n = 30; let ok = 0; let failed = 0; const got = []
    const codes = {}
    for (let i = 0; i < n; i++) rfs.promises.open(f, 'r').then((fh) => { ok++; got.push(fh) }, (e) => { failed++; codes[e.code] = (codes[e.code] || 0) + 1 }).then(() => {
      if (ok + failed === n) { clearInterval(iv); out({ ok, failed, codes }); for (const h of got) h.close() }
    })
    const iv = setInterval(() => { if (held.length) rfs.closeSync(held.pop()) }, 80)
  `)
  assert.deepStrictEqual(moving, { ok: 30, failed: 0, codes: {} })
  const stuck = scenario(64, PRE + `
    const rfs = withRetry(fs, { maxTime: 300 })
    const n = 100; let failed = 0; const codes = {}; const attempts = []
    for (let i = 0; i < n; i++) rfs.promises.readFile(f).then(() => {}, (e) => { failed++; codes[e.code] = (codes[e.code] || 0) + 1; attempts.push(e.attempts) }).then(() => {
      if (failed === n) out({ failed, codes, retried: attempts.every((a) => a > 1) })
    })
  `, 30000)
  assert.deepStrictEqual(stuck, { failed: 100, codes: { EMFILE: 100 }, retried: true })
})

test('an AbortSignal takes a waiting call out of the queue', (t) => {
  if (!linux) return t.skip('needs Linux: ulimit in bash')
  const r = scenario(64, PRE + `
    const ac = new AbortController()
    const rfs = withRetry(fs, { signal: ac.signal })
    const t0 = performance.now()
    rfs.promises.readFile(f).then(() => out({ ok: true }), (e) => out({ code: e.code, aborted: e.aborted, attempts: e.attempts > 1 }))
    setTimeout(() => ac.abort(), 50)
  `)
  assert.deepStrictEqual(r, { code: 'EMFILE', aborted: true, attempts: true })
})
