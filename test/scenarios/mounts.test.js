'use strict'
// Real kernel errors that come from mounts: read-only, full, out of inodes,
// across filesystems, a busy mount point, a FAT filesystem without symlinks.
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

test('EROFS on a read-only tmpfs -> read-only-fs with the mount point', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const m = sys.mountTmpfs({ readOnly: true })
  t.after(m.cleanup)
  const err = fail(() => fs.writeFileSync(path.join(m.dir, 'f'), 'x'))
  assert.equal(err.code, 'EROFS')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'read-only-fs', ids(d))
  assert.equal(d.causes[0].evidence.mountPoint, m.dir)
  assert.equal(d.causes[0].evidence.type, 'tmpfs')
  assert.equal(d.facts.fs.readOnly, true)
  assert.ok(d.causes[0].fixes.some((f) => f.commands.includes(`sudo mount -o remount,rw -- ${m.dir}`)))
})

test('ENOSPC with no free blocks -> disk-full', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const m = sys.mountTmpfs({ size: '256k' })
  t.after(m.cleanup)
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const src = path.join(dir, 'big')
  fs.writeFileSync(src, Buffer.alloc(1 << 20))
  // copyfile names both paths; the destination is where space ran out.
  const err = fail(() => fs.copyFileSync(src, path.join(m.dir, 'copy')))
  assert.equal(err.code, 'ENOSPC')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'disk-full', ids(d))
  assert.equal(d.causes[0].evidence.mountPoint, m.dir)
  assert.equal(d.causes[0].evidence.totalBytes, 256 * 1024)
  assert.equal(d.transient, false)
  // write() errors have no path: the working directory is measured.
  const cwd = process.cwd()
  process.chdir(m.dir)
  try {
    const werr = fail(() => fs.writeFileSync('more', Buffer.alloc(1 << 20)))
    assert.equal(werr.path, undefined)
    const wd = fsdoctor.diagnoseSync(werr)
    assert.equal(wd.causes[0].id, 'disk-full', ids(wd))
    assert.equal(wd.causes[0].evidence.mountPoint, m.dir)
    assert.ok(wd.causes[0].evidence.availBytes < 8192)
    assert.ok(wd.causes[0].confidence > 0.9)
  } finally {
    process.chdir(cwd)
  }
})

test('ENOSPC with free blocks but no inodes -> inodes-exhausted', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const m = sys.mountTmpfs({ size: '4m', options: ['nr_inodes=8'] })
  t.after(m.cleanup)
  const err = fail(() => {
    for (let i = 0; i < 100; i++) fs.writeFileSync(path.join(m.dir, `f${i}`), '')
  })
  assert.equal(err.code, 'ENOSPC')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'inodes-exhausted', ids(d))
  assert.equal(d.causes[0].evidence.freeInodes, 0)
  assert.ok(d.causes[0].evidence.freeBytes > 1 << 20)
})

test('EXDEV renaming across mounts -> cross-device with both mount points', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts two tmpfs')) return
  const a = sys.mountTmpfs()
  const b = sys.mountTmpfs()
  t.after(() => { a.cleanup(); b.cleanup() })
  fs.writeFileSync(path.join(a.dir, 'f'), 'x')
  const err = fail(() => fs.renameSync(path.join(a.dir, 'f'), path.join(b.dir, 'f')))
  assert.equal(err.code, 'EXDEV')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'cross-device', ids(d))
  assert.equal(d.causes[0].evidence.mountPoint, a.dir)
  assert.equal(d.causes[0].evidence.destMountPoint, b.dir)
})

test('EBUSY removing a mount point -> mount-point-busy', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const m = sys.mountTmpfs()
  t.after(m.cleanup)
  const err = fail(() => fs.rmdirSync(m.dir))
  assert.equal(err.code, 'EBUSY')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'mount-point-busy', ids(d))
  assert.equal(d.causes[0].evidence.mountPoint, m.dir)
  const cmds = d.causes[0].fixes.flatMap((f) => f.commands)
  assert.ok(cmds.includes(`sudo umount -- ${m.dir}`), cmds.join('\n'))
  // Emptying a mount point is never shown: the guard shows a look instead.
  assert.ok(!cmds.some((c) => /-delete/.test(c)), cmds.join('\n'))
  assert.ok(cmds.includes(`ls -la -- ${m.dir}`), cmds.join('\n'))
  assert.ok(d.causes[0].fixes.some((f) => /Not shown: the destroy command, because it is a mount point/.test(f.text)))
})

test('EPERM from symlink on FAT (fusefat) -> fs-no-symlinks', (t) => {
  if (sys.skipUnless(t, 'mounts a FAT image with fusefat', ['fusefat', 'mkfs.vfat'])) return
  const m = sys.fuseFat()
  t.after(m.cleanup)
  const err = fail(() => fs.symlinkSync('target', path.join(m.dir, 'link')))
  assert.ok(['EPERM', 'ENOSYS', 'EOPNOTSUPP'].includes(err.code), err.code)
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'fs-no-symlinks', ids(d))
  assert.equal(d.causes[0].evidence.mountPoint, m.dir)
  assert.equal(d.causes[0].evidence.symlinks, false)
})
