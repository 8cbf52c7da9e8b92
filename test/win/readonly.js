'use strict'
// The read-only attribute (attrib +r; fs.chmodSync(p, 0o444) sets it).
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir, win32err, errorOf } = require('./common')

function readonlyFile (t) {
  const d = tmpdir(t)
  const f = path.join(d, 'ro.txt')
  fs.writeFileSync(f, 'x')
  fs.chmodSync(f, 0o444)
  t.after(() => { try { fs.chmodSync(f, 0o666) } catch {} })
  return f
}

// Windows refuses to open a read-only file for writing. Wine maps the
// attribute to Unix mode bits, which root bypasses: there the write works.
function enforced (f) {
  try {
    fs.closeSync(fs.openSync(f, 'r+'))
    return false
  } catch {
    return true
  }
}
const WINE_ROOT = 'the read-only attribute is not enforced here (wine as root maps it to Unix mode bits, which root bypasses)'

test('writing a read-only file fails with EPERM (ERROR_ACCESS_DENIED)', (t) => {
  const f = readonlyFile(t)
  assert.strictEqual(fs.statSync(f).mode & 0o222, 0)
  if (!enforced(f)) return t.skip(WINE_ROOT)
  const wr = errorOf(() => fs.writeFileSync(f, 'y'))
  t.diagnostic(`observed: writeFileSync -> ${wr && wr.code}`)
  assert.strictEqual(wr && wr.code, 'EPERM')
  assert.deepStrictEqual(win32err(f, 'open'), { code: 5, name: 'ERROR_ACCESS_DENIED' })
})

test('renaming onto a read-only file: the Win32 error is ERROR_ACCESS_DENIED', (t) => {
  const f = readonlyFile(t)
  assert.deepStrictEqual(win32err(f, 'rename-dest'), { code: 5, name: 'ERROR_ACCESS_DENIED' })
  // Node removes read-only files itself (libuv clears the attribute), so
  // the source side of a rename or an unlink has nothing to report.
  assert.deepStrictEqual(win32err(f, 'unlink'), { code: 0, name: 'ERROR_SUCCESS' })
  assert.deepStrictEqual(win32err(f, 'stat'), { code: 0, name: 'ERROR_SUCCESS' })
  const src = path.join(path.dirname(f), 'src.txt')
  fs.writeFileSync(src, 's')
  const err = errorOf(() => fs.renameSync(src, f))
  t.diagnostic(`observed: renameSync onto a read-only file -> ${err ? err.code : 'succeeded'}`)
  if (enforced(f) || err) assert.strictEqual(err && err.code, 'EPERM')
  fs.chmodSync(f, 0o666)
  assert.deepStrictEqual(win32err(f, 'rename-dest'), { code: 0, name: 'ERROR_SUCCESS' })
})

test('unlink removes a read-only file (libuv clears the attribute)', (t) => {
  const f = readonlyFile(t)
  fs.unlinkSync(f)
  assert.strictEqual(fs.existsSync(f), false)
})

test('pathInfo shows the read-only attribute and denies write', (t) => {
  const f = readonlyFile(t)
  const pi = fsdoctor.pathInfoSync(f)
  const last = pi.components[pi.components.length - 1]
  assert.strictEqual(last.readonlyAttribute, true)
  assert.strictEqual(last.mode, 0o444)
  assert.strictEqual(pi.canWrite, false)
  assert.strictEqual(pi.canRead, true)
  assert.ok(pi.denied, 'denied is set')
  assert.strictEqual(pi.denied.op, 'write')
  assert.strictEqual(pi.denied.path, f)
  assert.match(pi.denied.reason, /read-only attribute/)
})

test('hidden and system attributes are reported', (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'h.txt')
  fs.writeFileSync(f, 'x')
  require('child_process').execFileSync('attrib', ['+h', '+s', f])
  const last = fsdoctor.pathInfoSync(f).components.pop()
  t.diagnostic(`observed: after attrib +h +s hidden=${last.hidden} system=${last.system}`)
  // Wine keeps the hidden bit only for dot files or in a user.DOSATTRIB
  // xattr the filesystem may refuse; Windows always keeps it.
  assert.strictEqual(typeof last.hidden, 'boolean')
  assert.strictEqual(last.system, true)
})

test('diagnose names readonly-attribute', (t) => {
  const f = readonlyFile(t)
  if (!enforced(f)) return t.skip(WINE_ROOT)
  const err = errorOf(() => fs.writeFileSync(f, 'y'))
  const dg = fsdoctor.diagnoseSync(err)
  t.diagnostic(`observed: diagnose -> ${dg.causes.map((c) => c.id).join(', ')}`)
  assert.strictEqual(dg.causes[0].id, 'readonly-attribute')
})
