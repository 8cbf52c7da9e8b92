'use strict'
// Real kernel errors about links: the hard-link limit of ext4, the
// subdirectory limit of ext2, a symlink cycle, a dangling symlink.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const sys = require('../helpers/sys')
const fsdoctor = require('../..')

function fail (fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  assert.fail('expected an error')
}
const ids = (d) => d.causes.map((c) => c.id).join(',')

test('EMLINK from link() at ext4\'s 65000 links -> hard-link-limit', (t) => {
  if (sys.skipUnless(t, 'loop-mounts an ext4 image', ['mkfs.ext4'])) return
  const img = sys.makeLoopImage('ext4', 32, ['-N', '2048'])
  t.after(img.cleanup)
  const file = path.join(img.dir, 'f')
  fs.writeFileSync(file, 'x')
  const dir = path.join(img.dir, 'links')
  fs.mkdirSync(dir)
  let err
  for (let i = 1; i <= 70000 && !err; i++) {
    try {
      fs.linkSync(file, `${dir}/${i}`)
    } catch (e) {
      err = e
    }
  }
  assert.ok(err, 'link() failed at some point')
  assert.equal(err.code, 'EMLINK')
  assert.equal(err.syscall, 'link')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'hard-link-limit', ids(d))
  assert.equal(d.causes[0].evidence.nlink, 65000)
  assert.equal(d.causes[0].evidence.linkMax, 65000)
  assert.match(d.causes[0].detail, /65000/)
})

test('EMLINK from mkdir() at ext2\'s subdirectory limit -> subdirectory-limit', (t) => {
  if (sys.skipUnless(t, 'loop-mounts an ext2 image', ['mkfs.ext2'])) return
  // 32000 links under the old ext2 driver, 65000 where the ext4 driver
  // serves ext2 (as on most kernels now): room for either.
  const img = sys.makeLoopImage('ext2', 160, ['-b', '1024', '-N', '70000'])
  t.after(img.cleanup)
  const parent = path.join(img.dir, 'p')
  fs.mkdirSync(parent)
  let err
  for (let i = 1; i <= 66000 && !err; i++) {
    try {
      fs.mkdirSync(`${parent}/${i}`)
    } catch (e) {
      err = e
    }
  }
  assert.ok(err)
  assert.equal(err.code, 'EMLINK')
  assert.equal(err.syscall, 'mkdir')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'subdirectory-limit', ids(d))
  assert.equal(d.causes[0].evidence.dir, parent)
  const max = fsdoctor.fsInfoSync(parent).subdirMax
  assert.ok(max === 31998 || max === 64998, String(max))
  assert.equal(d.causes[0].evidence.subdirs, max)
  assert.equal(d.causes[0].evidence.subdirMax, max)
})

test('ELOOP on a symlink cycle -> symlink-loop with the chain', (t) => {
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const a = path.join(dir, 'a')
  const b = path.join(dir, 'b')
  fs.symlinkSync(b, a)
  fs.symlinkSync(a, b)
  const err = fail(() => fs.readFileSync(path.join(a)))
  assert.equal(err.code, 'ELOOP')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'symlink-loop', ids(d))
  assert.deepEqual(d.causes[0].evidence.cycle, [a, b])
  assert.ok(d.causes[0].evidence.chain.includes(b))
  // The cycle deeper in the path: a/x resolves through the loop.
  const err2 = fail(() => fs.statSync(path.join(a, 'x')))
  assert.equal(err2.code, 'ELOOP')
  assert.equal(fsdoctor.diagnoseSync(err2).causes[0].id, 'symlink-loop')
})

test('ENOENT through a dangling symlink -> broken-symlink', (t) => {
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const nm = path.join(dir, 'node_modules')
  fs.mkdirSync(nm)
  const link = path.join(nm, 'dep')
  const gone = path.join(dir, 'packages', 'dep')
  fs.symlinkSync(gone, link)
  const err = fail(() => fs.readFileSync(path.join(link, 'package.json')))
  assert.equal(err.code, 'ENOENT')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'broken-symlink', ids(d))
  assert.equal(d.causes[0].evidence.link, link)
  assert.equal(d.causes[0].evidence.brokenAt, gone)
  // The link is in the project's node_modules, measured: removing it is shown.
  assert.ok(d.causes[0].fixes.some((f) => f.commands.includes(`rm -- ${link}`)))
  // The link itself as the path.
  const err2 = fail(() => fs.readFileSync(link))
  const d2 = fsdoctor.diagnoseSync(err2)
  assert.equal(d2.causes[0].id, 'broken-symlink', ids(d2))
  assert.equal(d2.causes[0].evidence.link, link)
})
