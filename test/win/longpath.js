'use strict'
// Paths past MAX_PATH (260): Node reaches them through \\?\, the probes
// must too, and report the length against LongPathsEnabled.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir, win32err } = require('./common')

function deep (t) {
  const d = tmpdir(t)
  let dir = d
  while (dir.length < 300) dir = path.join(dir, 'x'.repeat(40))
  fs.mkdirSync(dir, { recursive: true })
  const f = path.join(dir, 'long.txt')
  fs.writeFileSync(f, 'x')
  return f
}

test('pathInfo of a path past MAX_PATH', (t) => {
  const f = deep(t)
  const pi = fsdoctor.pathInfoSync(f)
  t.diagnostic(`observed: pathLength=${pi.pathLength} maxPath=${pi.maxPath} longPathsEnabled=${pi.longPathsEnabled}`)
  assert.ok(pi.pathLength > 260)
  assert.strictEqual(pi.pathLength, f.length)
  assert.strictEqual(pi.absolute, f, 'no \\\\?\\ prefix in reports')
  assert.strictEqual(pi.exists, true)
  assert.strictEqual(typeof pi.longPathsEnabled, 'boolean')
  assert.strictEqual(pi.maxPath, pi.longPathsEnabled ? null : 260)
  assert.strictEqual(pi.components[pi.components.length - 1].type, 'file')
  assert.ok(pi.components.every((c) => !c.path.startsWith('\\\\?\\')))
  assert.strictEqual(pi.canWrite, true)
})

test('the other probes reach a long path', (t) => {
  const f = deep(t)
  assert.strictEqual(fsdoctor.linkInfoSync(f).nlink, 1)
  assert.strictEqual(fsdoctor.fsInfoSync(f).probed, f)
  assert.strictEqual(fsdoctor.holdersSync(f).path, f)
  const missing = path.join(path.dirname(f), 'nope', 'deeper.txt')
  const pm = fsdoctor.pathInfoSync(missing)
  assert.strictEqual(pm.exists, false)
  assert.strictEqual(pm.writeTarget, path.dirname(f))
  assert.strictEqual(fsdoctor.fsInfoSync(missing).probed, path.dirname(f))
})

test('the Win32 error probe reaches a long path', (t) => {
  const f = deep(t)
  assert.deepStrictEqual(win32err(f, 'rename'), { code: 0, name: 'ERROR_SUCCESS' })
})
