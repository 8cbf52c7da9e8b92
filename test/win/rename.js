'use strict'
// Windows' rename cannot replace a directory: onto an existing one, even an
// empty one, node.exe says EPERM. Measured live, the destination is a
// directory, and the answer says so (dir-not-empty, inspect-only fixes).
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir } = require('./common')

test('rename of a directory onto an existing empty directory: EPERM, read as dir-not-empty', (t) => {
  const d = tmpdir(t)
  const src = path.join(d, '_site')
  const dest = path.join(d, '.11ty-vite')
  fs.mkdirSync(src)
  fs.writeFileSync(path.join(src, 'index.html'), 'x')
  fs.mkdirSync(dest)
  let err = null
  try { fs.renameSync(src, dest) } catch (e) { err = e }
  t.diagnostic(`observed: rename(dir, existing empty dir) -> ${err && err.code}`)
  assert.ok(err, 'rename onto an existing directory succeeded')
  assert.strictEqual(err.code, 'EPERM')
  const p = fsdoctor.diagnoseSync(err)
  const ids = p.causes.map((c) => c.id).join(',')
  assert.strictEqual(p.causes[0].id, 'dir-not-empty', ids)
  assert.ok(p.causes[0].confidence >= 0.9)
  assert.strictEqual(p.causes[0].evidence.destIsDirectory, true)
  // nothing is removed: both directories are still there, and every
  // command of the answer only looks
  for (const c of p.causes[0].fixes.flatMap((f) => f.commands)) assert.match(c, /^(Get-ChildItem|dir) /, c)
  assert.ok(fs.existsSync(path.join(src, 'index.html')))
  assert.ok(fs.existsSync(dest))
})

test('mkdir of a drive root: EPERM, read as the tool\'s own call (unknown), not a lock', (t) => {
  let err = null
  const root = path.parse(process.cwd()).root // "C:\\": always exists
  try { fs.mkdirSync(root) } catch (e) { err = e }
  assert.ok(err, 'mkdir of the drive root succeeded')
  t.diagnostic(`observed: mkdir(${root}) -> ${err.code}`)
  // Windows says EPERM (npm/cli#6412); wine says EEXIST, which is another answer
  if (err.code !== 'EPERM') return t.skip(`this Windows says ${err.code} for mkdir of a drive root, not EPERM`)
  const p = fsdoctor.diagnoseSync(err)
  const ids = p.causes.map((c) => c.id).join(',')
  assert.strictEqual(p.causes[0].id, 'unknown', ids)
  assert.strictEqual(p.causes[0].evidence.driveRoot, true)
  assert.match(p.causes[0].detail, /drive's root/)
})
