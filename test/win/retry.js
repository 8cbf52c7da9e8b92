'use strict'
// The retry wrapper against a real lock: a rename blocked by locker.exe
// succeeds soon after the locker lets go. Waits for lib/retry.js.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir, lock } = require('./common')

const rfs = fsdoctor.fs
const skip = !rfs && 'needs lib/retry.js (branch retry): fsdoctor.fs is null'

test('rename retried through EBUSY succeeds shortly after release', { skip }, async (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'held.txt')
  const dest = path.join(d, 'moved.txt')
  fs.writeFileSync(f, 'x')
  const l = await lock(t, f, 'rw')
  let released = 0
  setTimeout(() => {
    fs.writeFileSync(l.stopFile, '')
    released = performance.now()
  }, 300)
  await rfs.promises.rename(f, dest)
  const late = performance.now() - released
  t.diagnostic(`observed: rename succeeded ${late.toFixed(1)} ms after the stop file`)
  assert.ok(released > 0, 'it waited for the release')
  assert.ok(fs.existsSync(dest))
  // The locker polls every 10 ms; the wrapper's backoff should add little
  // (20 ms on Windows, more under wine's slower process exit).
  assert.ok(late < 250, `${late} ms`)
})
