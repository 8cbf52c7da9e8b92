'use strict'
// The retry wrapper against a real lock: a rename blocked by locker.exe
// succeeds soon after the locker lets go. Waits for lib/retry/.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir, lock } = require('./common')

const rfs = fsdoctor.fs

// Renames f while locker.exe holds it without FILE_SHARE_DELETE, lets the
// locker go after 300 ms, and returns how long after the locker's
// CloseHandle the rename succeeded (one clock: QueryPerformanceCounter).
async function blockedRename (t, rfsLike) {
  const d = tmpdir(t)
  const f = path.join(d, 'held.txt')
  const dest = path.join(d, 'moved.txt')
  fs.writeFileSync(f, 'x')
  const l = await lock(t, f, 'rw')
  assert.throws(() => fs.renameSync(f, dest), { code: 'EBUSY' })
  let asked = false
  setTimeout(() => {
    fs.writeFileSync(l.stopFile, '')
    asked = true
  }, 300)
  await rfsLike.promises.rename(f, dest)
  const done = process.hrtime.bigint()
  assert.ok(asked, 'it waited for the release')
  assert.ok(fs.existsSync(dest))
  await l.release()
  const late = Number(done - l.releasedAt()) / 1e6
  assert.ok(late >= 0, `${late} ms`)
  return late
}

test('rename retried through EBUSY succeeds soon after release (defaults)', async (t) => {
  const late = await blockedRename(t, rfs)
  t.diagnostic(`observed: default policy: rename ${late.toFixed(1)} ms after the release`)
  // Only the backoff sits in between: at most maxDelay (100 ms for EBUSY
  // on win32) plus scheduling, which is slow under wine.
  assert.ok(late < 150, `${late} ms`)
})

test('with maxDelay 20 the rename lands within ~20 ms of the release', async (t) => {
  const wrapped = fsdoctor.withRetry(fs, { minDelay: 5, maxDelay: 20 })
  const late = await blockedRename(t, wrapped)
  t.diagnostic(`observed: maxDelay 20: rename ${late.toFixed(1)} ms after the release`)
  assert.ok(late < 70, `${late} ms (20 ms of backoff plus wine's scheduling)`)
})
