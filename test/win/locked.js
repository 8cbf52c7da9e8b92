'use strict'
// A file held open without FILE_SHARE_DELETE (test/win/locker.exe): what
// Node reports, what holders() can name, and the Win32 error behind it.
// Wine enforces Windows share modes, so these are real errors.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir, lock, win32err, errorOf } = require('./common')

test('rename and unlink of a file held without delete sharing fail with EBUSY', async (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'held.txt')
  fs.writeFileSync(f, 'x')
  await lock(t, f, 'rw')
  const ren = errorOf(() => fs.renameSync(f, path.join(d, 'moved.txt')))
  const del = errorOf(() => fs.unlinkSync(f))
  t.diagnostic(`observed: renameSync -> ${ren && ren.code} (errno ${ren && ren.errno}), unlinkSync -> ${del && del.code} (errno ${del && del.errno})`)
  assert.ok(ren, 'rename failed')
  assert.ok(del, 'unlink failed')
  assert.strictEqual(ren.code, 'EBUSY')
  assert.strictEqual(del.code, 'EBUSY')
  assert.ok(fs.existsSync(f), 'the file is still there')
})

test('reading a file held with no sharing fails with EBUSY', async (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'held.txt')
  fs.writeFileSync(f, 'x')
  await lock(t, f, 'none')
  const err = errorOf(() => fs.readFileSync(f))
  t.diagnostic(`observed: readFileSync -> ${err && err.code}`)
  assert.ok(err)
  assert.strictEqual(err.code, 'EBUSY')
})

test('the Win32 error behind EBUSY is ERROR_SHARING_VIOLATION, and clears on release', async (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'held.txt')
  fs.writeFileSync(f, 'x')
  const l = await lock(t, f, 'rw')
  assert.deepStrictEqual(win32err(f, 'rename'), { code: 32, name: 'ERROR_SHARING_VIOLATION' })
  assert.deepStrictEqual(win32err(f, 'unlink'), { code: 32, name: 'ERROR_SHARING_VIOLATION' })
  // Reading shares with the locker (it allows FILE_SHARE_READ).
  assert.deepStrictEqual(win32err(f, 'stat'), { code: 0, name: 'ERROR_SUCCESS' })
  await l.release()
  assert.deepStrictEqual(win32err(f, 'rename'), { code: 0, name: 'ERROR_SUCCESS' })
  fs.renameSync(f, path.join(d, 'moved.txt'))
})

test('holders names the locker, or says it could not', async (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'held.txt')
  fs.writeFileSync(f, 'x')
  const l = await lock(t, f, 'rw')
  const h = fsdoctor.holdersSync(f)
  t.diagnostic(`observed: holders method=${h.method} count=${h.holders.length} note=${h.note}`)
  assert.strictEqual(h.path, f)
  assert.strictEqual(typeof h.method, 'string')
  const mine = h.holders.find((x) => x.pid === l.pid)
  if (mine) {
    assert.strictEqual(mine.name.toLowerCase(), 'locker.exe')
    assert.strictEqual(mine.how, 'handle')
    assert.strictEqual(mine.target, f)
  } else {
    // Nothing invented: no pid that is not the locker, and a reason.
    assert.deepStrictEqual(h.holders, [])
    assert.match(h.note, /could not be identified/)
    assert.match(h.note, /ERROR_SHARING_VIOLATION/)
  }
  assert.ok(!h.holders.some((x) => x.pid === process.pid), 'our own probe handle is not a holder')
  await l.release()
  const after = fsdoctor.holdersSync(f)
  assert.ok(!after.holders.some((x) => x.pid === l.pid), 'released')
  assert.doesNotMatch(String(after.note), /SHARING_VIOLATION/)
})

test('holders of a directory answers', (t) => {
  const d = tmpdir(t)
  const h = fsdoctor.holdersSync(d)
  assert.strictEqual(h.path, d)
  assert.ok(Array.isArray(h.holders))
  assert.strictEqual(typeof h.note, 'string')
})

test('diagnose names file-locked', async (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'held.txt')
  fs.writeFileSync(f, 'x')
  await lock(t, f, 'rw')
  const err = errorOf(() => fs.renameSync(f, path.join(d, 'moved.txt')))
  const dg = fsdoctor.diagnoseSync(err)
  t.diagnostic(`observed: diagnose -> ${dg.causes.map((c) => `${c.id}:${c.confidence}`).join(', ')}`)
  assert.strictEqual(dg.causes[0].id, 'file-locked')
  assert.strictEqual(dg.transient, true)
  // The recovered Win32 error is the evidence; no pid is invented.
  assert.strictEqual(dg.causes[0].evidence.win32Error, 32)
  assert.strictEqual(dg.causes[0].evidence.win32ErrorName, 'ERROR_SHARING_VIOLATION')
  assert.ok(dg.causes[0].confidence >= 0.9)
  assert.ok(dg.causes[0].evidence.holders.every((h) => typeof h.pid === 'number'))
})
