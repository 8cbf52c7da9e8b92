'use strict'
// Symlinks, junctions, hard links and loops as linkInfo and pathInfo see
// them (FSCTL_GET_REPARSE_POINT, nNumberOfLinks).
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir, win32err } = require('./common')


// Wine 8's CreateSymbolicLinkW reports success and creates nothing, and it
// has no FSCTL_SET_REPARSE_POINT for junctions.
function linksWork (t, type) {
  const d = tmpdir(t)
  const target = path.join(d, 'dir')
  fs.mkdirSync(target)
  try {
    fs.symlinkSync(target, path.join(d, 'l'), type)
    return fs.lstatSync(path.join(d, 'l')).isSymbolicLink()
  } catch {
    return false
  }
}
const NO_LINKS = 'this system cannot create symlinks (wine: CreateSymbolicLinkW is a stub)'
const NO_JUNCTIONS = 'this system cannot create junctions (wine: no FSCTL_SET_REPARSE_POINT)'

test('privileges.canSymlink agrees with what fs.symlinkSync can do', (t) => {
  const d = tmpdir(t)
  const works = linksWork(t, 'file')
  const p = fsdoctor.privilegesSync(d)
  t.diagnostic(`observed: symlinks work=${works} canSymlink=${p.canSymlink} symlinkError=${p.symlinkError}`)
  assert.strictEqual(p.canSymlink, works)
  if (!works) assert.ok(p.symlinkError)
  assert.deepStrictEqual(fs.readdirSync(d), [])
})

test('a file symlink', (t) => {
  if (!linksWork(t, 'file')) return t.skip(NO_LINKS)
  const d = tmpdir(t)
  const target = path.join(d, 'target.txt')
  const link = path.join(d, 'link.txt')
  fs.writeFileSync(target, 'x')
  fs.symlinkSync(target, link, 'file')
  const li = fsdoctor.linkInfoSync(link)
  assert.strictEqual(li.isSymlink, true)
  assert.deepStrictEqual(li.chain, [link, target])
  assert.strictEqual(li.resolved, target)
  assert.strictEqual(li.nlink, 1)
  const pi = fsdoctor.pathInfoSync(link)
  assert.strictEqual(pi.isSymlink, true)
  assert.strictEqual(pi.symlinkTarget, target)
  assert.strictEqual(pi.components[pi.components.length - 1].reparsePoint, true)
})

test('a relative symlink resolves against its directory', (t) => {
  if (!linksWork(t, 'file')) return t.skip(NO_LINKS)
  const d = tmpdir(t)
  fs.mkdirSync(path.join(d, 'sub'))
  fs.writeFileSync(path.join(d, 'target.txt'), 'x')
  const link = path.join(d, 'sub', 'rel.txt')
  fs.symlinkSync('..\\target.txt', link, 'file')
  const li = fsdoctor.linkInfoSync(link)
  assert.strictEqual(li.resolved, path.join(d, 'target.txt'))
})

test('a junction', (t) => {
  if (!linksWork(t, 'junction')) return t.skip(NO_JUNCTIONS)
  const d = tmpdir(t)
  const target = path.join(d, 'dir')
  const j = path.join(d, 'junction')
  fs.mkdirSync(target)
  fs.symlinkSync(target, j, 'junction')
  const li = fsdoctor.linkInfoSync(j)
  t.diagnostic(`observed: junction chain ${JSON.stringify(li.chain)}`)
  assert.strictEqual(li.isSymlink, true)
  assert.strictEqual(li.resolved, target)
})

test('a dangling symlink', (t) => {
  if (!linksWork(t, 'file')) return t.skip(NO_LINKS)
  const d = tmpdir(t)
  const link = path.join(d, 'dangling')
  fs.symlinkSync(path.join(d, 'nothing'), link, 'file')
  const li = fsdoctor.linkInfoSync(link)
  assert.strictEqual(li.broken, true)
  assert.strictEqual(li.brokenAt, path.join(d, 'nothing'))
  assert.strictEqual(li.error, 'ENOENT')
  assert.strictEqual(li.resolved, null)
})

test('a symlink loop', (t) => {
  if (!linksWork(t, 'file')) return t.skip(NO_LINKS)
  const d = tmpdir(t)
  const a = path.join(d, 'a')
  const b = path.join(d, 'b')
  fs.symlinkSync(b, a, 'file')
  fs.symlinkSync(a, b, 'file')
  const err = (() => { try { fs.statSync(a) } catch (e) { return e } })()
  t.diagnostic(`observed: statSync on a loop -> ${err && err.code}`)
  const li = fsdoctor.linkInfoSync(a)
  assert.strictEqual(li.loop, true)
  assert.deepStrictEqual(li.chain, [a, b, a])
  assert.deepStrictEqual(li.cycle, [a, b])
})

test('hard links count toward the NTFS limit', (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'f.txt')
  fs.writeFileSync(f, 'x')
  fs.linkSync(f, path.join(d, 'g.txt'))
  fs.linkSync(f, path.join(d, 'h.txt'))
  const li = fsdoctor.linkInfoSync(f)
  assert.strictEqual(li.nlink, 3)
  if (li.linkMax !== null) assert.strictEqual(li.headroom, li.linkMax - 3)
  t.diagnostic(`observed: nlink=${li.nlink} linkMax=${li.linkMax} headroom=${li.headroom}`)
  assert.deepStrictEqual(win32err(f, 'link'), { code: 0, name: 'ERROR_SUCCESS' })
})
