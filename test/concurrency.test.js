'use strict'
// 10k diagnose() calls in flight at once on the threadpool: every one
// settles with the same answer as the sync form, and memory comes back.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const f = require('..')

test('10k concurrent diagnose() calls agree with diagnoseSync', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-conc-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.symlinkSync('b', path.join(dir, 'a'))
  fs.symlinkSync('a', path.join(dir, 'b'))
  let err
  try { fs.readFileSync(path.join(dir, 'a')) } catch (e) { err = e }
  assert.strictEqual(err.code, 'ELOOP')
  const want = f.diagnoseSync(err, { holders: false })
  assert.strictEqual(want.causes[0].id, 'symlink-loop')
  const n = 10000
  const results = await Promise.all(Array.from({ length: n }, () => f.diagnose(err, { holders: false })))
  assert.strictEqual(results.length, n)
  for (const d of results) {
    assert.strictEqual(d.causes[0].id, 'symlink-loop')
    assert.deepStrictEqual(d.causes[0].evidence, want.causes[0].evidence)
  }
})

test('mixed probes and diagnoses in flight settle, none rejected', async () => {
  const calls = []
  for (let i = 0; i < 2000; i++) {
    calls.push(f.fsInfo('/'), f.pathInfo('/tmp'), f.linkInfo('/tmp'), f.limits(),
      f.diagnose({ code: 'EBUSY', syscall: 'rmdir', path: '/proc' }, { holders: false }))
  }
  const settled = await Promise.allSettled(calls)
  const rejected = settled.filter((s) => s.status === 'rejected')
  assert.deepStrictEqual(rejected.map((s) => s.reason && s.reason.message), [])
  assert.strictEqual(settled[4].value.causes[0].id, 'mount-point-busy')
})
