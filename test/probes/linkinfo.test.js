'use strict'
// linkInfo: link counts and headroom, symlink chains, cycles, dangling links.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const f = require('../..')
const sys = require('../helpers/sys')

function tmp (t) {
  const d = sys.tmpdir()
  t.after(d.cleanup)
  return fs.realpathSync(d.dir)
}

test('a file with hard links: nlink, linkMax, headroom', (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'f')
  fs.writeFileSync(file, '')
  for (let i = 0; i < 3; i++) fs.linkSync(file, path.join(dir, `h${i}`))
  const r = f.linkInfoSync(file)
  const fi = f.fsInfoSync(file)
  assert.strictEqual(r.exists, true)
  assert.strictEqual(r.isSymlink, false)
  assert.strictEqual(r.nlink, 4)
  assert.strictEqual(r.linkMax, fi.linkMax)
  if (fi.linkMax !== null) assert.strictEqual(r.headroom, fi.linkMax - 4)
  assert.deepStrictEqual(r.chain, [])
  assert.strictEqual(r.resolved, file)
})

test('a chain of relative symlinks through a symlinked directory', (t) => {
  const dir = tmp(t)
  fs.mkdirSync(path.join(dir, 'real'))
  fs.writeFileSync(path.join(dir, 'real', 'target'), '')
  fs.symlinkSync('real', path.join(dir, 'alias')) // a directory symlink
  fs.symlinkSync('alias/hop', path.join(dir, 'start'))
  fs.symlinkSync('target', path.join(dir, 'real', 'hop'))
  const r = f.linkInfoSync(path.join(dir, 'start'))
  assert.strictEqual(r.isSymlink, true)
  assert.deepStrictEqual(r.chain, [
    path.join(dir, 'start'),
    path.join(dir, 'real', 'hop'), // alias/ resolved to real/
    path.join(dir, 'real', 'target')
  ])
  assert.strictEqual(r.resolved, path.join(dir, 'real', 'target'))
  assert.strictEqual(r.loop, false)
  assert.strictEqual(r.broken, false)
  assert.strictEqual(r.nlink, 1)
})

test('a symlink cycle: loop true, the cycle listed', (t) => {
  const dir = tmp(t)
  fs.symlinkSync('b', path.join(dir, 'a'))
  fs.symlinkSync('c', path.join(dir, 'b'))
  fs.symlinkSync('b', path.join(dir, 'c'))
  const r = f.linkInfoSync(path.join(dir, 'a'))
  assert.strictEqual(r.loop, true)
  assert.deepStrictEqual(r.cycle, [path.join(dir, 'b'), path.join(dir, 'c')])
  assert.deepStrictEqual(r.chain, ['a', 'b', 'c'].map((n) => path.join(dir, n)))
  assert.strictEqual(r.error, 'ELOOP')
  assert.strictEqual(r.resolved, null)
  assert.throws(() => fs.statSync(path.join(dir, 'a')), { code: 'ELOOP' })
  const self = path.join(dir, 'self')
  fs.symlinkSync('self', self)
  assert.deepStrictEqual(f.linkInfoSync(self).cycle, [self])
})

test('a dangling symlink: broken true, brokenAt names the missing hop', (t) => {
  const dir = tmp(t)
  fs.symlinkSync('middle', path.join(dir, 'first'))
  fs.symlinkSync(path.join(dir, 'gone', 'file'), path.join(dir, 'middle'))
  const r = f.linkInfoSync(path.join(dir, 'first'))
  assert.strictEqual(r.broken, true)
  assert.strictEqual(r.brokenAt, path.join(dir, 'gone', 'file'))
  assert.strictEqual(r.loop, false)
  assert.strictEqual(r.error, 'ENOENT')
  assert.strictEqual(r.exists, true) // the link itself exists
  const simple = path.join(dir, 'simple')
  fs.symlinkSync('nothing-here', simple)
  const s = f.linkInfoSync(simple)
  assert.deepStrictEqual([s.broken, s.brokenAt], [true, path.join(dir, 'nothing-here')])
})

test('a directory: subdirs from its link count', (t) => {
  const dir = tmp(t)
  for (let i = 0; i < 5; i++) fs.mkdirSync(path.join(dir, `d${i}`))
  const r = f.linkInfoSync(dir)
  const type = f.fsInfoSync(dir).type
  if (type === 'btrfs') assert.strictEqual(r.subdirs, null)
  else assert.strictEqual(r.subdirs, 5)
})

test('a missing path: exists false, error ENOENT, well-formed', async () => {
  const r = f.linkInfoSync('/no/such/link')
  assert.deepStrictEqual([r.exists, r.error, r.nlink, r.chain, r.cycle], [false, 'ENOENT', null, [], null])
  // The errno is the raw code off Windows: no Win32 error beside it.
  assert.deepStrictEqual([r.win32Error, r.win32ErrorName], [null, null])
  assert.deepStrictEqual(await f.linkInfo('/no/such/link'), r)
})
