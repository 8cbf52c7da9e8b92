'use strict'
// fsInfo against filesystems made in the test: tmpfs (read-only), ext4,
// ext2, btrfs and xfs loop images, FAT through fusefat, NTFS through ntfs-3g.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const f = require('../..')
const sys = require('../helpers/sys')

// Hard-links a file until the filesystem says EMLINK; returns the count.
function linkUntilFull (dir, limit) {
  const file = path.join(dir, 'f')
  fs.writeFileSync(file, '')
  for (let n = 1; n < limit + 10; n++) {
    try {
      fs.linkSync(file, path.join(dir, `l${n}`))
    } catch (err) {
      assert.strictEqual(err.code, 'EMLINK')
      return fs.statSync(file).nlink
    }
  }
  return Infinity
}

test('read-only tmpfs: type, mount point, readOnly, options', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const m = sys.mountTmpfs({ readOnly: true })
  t.after(m.cleanup)
  const r = f.fsInfoSync(m.dir)
  assert.strictEqual(r.type, 'tmpfs')
  assert.strictEqual(r.mountPoint, m.dir)
  assert.strictEqual(r.readOnly, true)
  assert.ok(r.options.includes('ro'), r.options.join(','))
  assert.strictEqual(r.magic, 0x01021994)
  assert.strictEqual(r.network, false)
  assert.strictEqual(r.hardlinks, true)
  assert.strictEqual(r.linkMax, 4294967295)
  assert.match(r.linkMaxReason, /32-bit/)
})

test('a missing path is measured on its nearest existing ancestor', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const m = sys.mountTmpfs({ size: '1m' })
  t.after(m.cleanup)
  fs.mkdirSync(path.join(m.dir, 'a'))
  const r = f.fsInfoSync(path.join(m.dir, 'a', 'no', 'such'))
  assert.strictEqual(r.probed, path.join(m.dir, 'a'))
  assert.strictEqual(r.mountPoint, m.dir)
  assert.strictEqual(r.readOnly, false)
  assert.strictEqual(r.totalBytes, 1024 * 1024)
  assert.ok(r.freeBytes > 0 && r.freeBytes <= r.totalBytes)
  assert.ok(r.freeInodes > 0)
})

test('mount points with spaces (mountinfo octal escapes) and stacked mounts', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts tmpfs')) return
  const base = sys.tmpdir()
  const dir = path.join(base.dir, 'with space\tand tab')
  t.after(() => {
    while (sys.isMounted(dir)) sys.run('umount', [dir])
    base.cleanup()
  })
  fs.mkdirSync(dir)
  sys.run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'lower', dir])
  sys.run('mount', ['-t', 'tmpfs', '-o', 'size=2m,ro', 'upper', dir])
  const r = f.fsInfoSync(dir)
  assert.strictEqual(r.mountPoint, dir)
  assert.strictEqual(r.source, 'upper')
  assert.strictEqual(r.readOnly, true)
  assert.strictEqual(r.totalBytes, 2 * 1024 * 1024)
})

test('bind mount: the entry whose device matches wins', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts tmpfs')) return
  const m = sys.mountTmpfs({ size: '1m', source: 'bindsrc' })
  const base = sys.tmpdir()
  const target = path.join(base.dir, 'bound')
  t.after(() => {
    if (sys.isMounted(target)) sys.run('umount', [target])
    base.cleanup()
    m.cleanup()
  })
  fs.mkdirSync(target)
  fs.mkdirSync(path.join(m.dir, 'sub'))
  sys.run('mount', ['--bind', path.join(m.dir, 'sub'), target])
  const r = f.fsInfoSync(path.join(target, 'x'))
  assert.strictEqual(r.mountPoint, target)
  assert.strictEqual(r.type, 'tmpfs')
  assert.strictEqual(r.source, 'bindsrc')
})

test('ext4 loop image: type ext4, linkMax 65000 and the kernel agrees', (t) => {
  if (sys.skipUnless(t, 'loop-mounts an ext4 image', ['mkfs.ext4'])) return
  const m = sys.makeLoopImage('ext4', 32)
  t.after(m.cleanup)
  const r = f.fsInfoSync(m.dir)
  assert.strictEqual(r.type, 'ext4')
  assert.strictEqual(r.mountPoint, m.dir)
  assert.strictEqual(r.magic, 0xEF53)
  assert.strictEqual(r.linkMax, 65000)
  assert.strictEqual(r.subdirMax, null)
  assert.strictEqual(r.source.startsWith('/dev/loop'), true)
  assert.strictEqual(linkUntilFull(m.dir, 65000), r.linkMax)
})

test('ext2 loop image: told apart from ext4 by mountinfo, limits match the kernel', (t) => {
  if (sys.skipUnless(t, 'loop-mounts an ext2 image', ['mkfs.ext2'])) return
  const m = sys.makeLoopImage('ext2', 160, ['-N', '70000', '-b', '1024'])
  t.after(m.cleanup)
  const r = f.fsInfoSync(m.dir)
  assert.strictEqual(r.type, 'ext2')
  assert.strictEqual(r.magic, 0xEF53) // same magic as ext4
  // 32000 under the old ext2 driver, 65000 when the ext4 driver serves it.
  assert.ok([32000, 65000].includes(r.linkMax), String(r.linkMax))
  assert.strictEqual(r.subdirMax, r.linkMax - 2)
  assert.strictEqual(linkUntilFull(m.dir, r.linkMax), r.linkMax)
  // Subdirectories: EMLINK exactly at subdirMax.
  const d = path.join(m.dir, 'd')
  fs.mkdirSync(d)
  let made = 0
  try {
    for (; made < r.subdirMax + 5; made++) fs.mkdirSync(path.join(d, String(made)))
  } catch (err) {
    assert.strictEqual(err.code, 'EMLINK')
  }
  assert.strictEqual(made, r.subdirMax)
  const li = f.linkInfoSync(d)
  assert.strictEqual(li.subdirs, r.subdirMax)
  assert.strictEqual(li.headroom, 0)
})

test('btrfs and xfs: linkMax from our table (btrfs checked against the kernel)', (t) => {
  if (sys.skipUnless(t, 'loop-mounts btrfs and xfs images', ['mkfs.btrfs', 'mkfs.xfs'])) return
  const b = sys.makeLoopImage('btrfs', 120)
  t.after(b.cleanup)
  const rb = f.fsInfoSync(b.dir)
  assert.strictEqual(rb.type, 'btrfs')
  assert.strictEqual(rb.linkMax, 65535)
  assert.strictEqual(linkUntilFull(b.dir, 65535), 65535)
  const x = sys.makeLoopImage('xfs', 300)
  t.after(x.cleanup)
  const rx = f.fsInfoSync(x.dir)
  assert.strictEqual(rx.type, 'xfs')
  assert.strictEqual(rx.linkMax, 2147483647)
})

test('FAT through fusefat: fuse with subtype, no symlinks, no hard links', (t) => {
  if (sys.skipUnless(t, 'mounts a FUSE filesystem', ['fusefat', 'mkfs.vfat'])) return
  const m = sys.fuseFat()
  t.after(m.cleanup)
  const r = f.fsInfoSync(path.join(m.dir, 'missing.txt'))
  assert.strictEqual(r.type, 'fuse')
  assert.strictEqual(r.subtype, 'fusefat')
  assert.strictEqual(r.magic, 0x65735546)
  assert.strictEqual(r.mountPoint, m.dir)
  assert.strictEqual(r.symlinks, false)
  assert.strictEqual(r.hardlinks, false)
  assert.strictEqual(r.caseSensitive, false)
  assert.strictEqual(r.linkMax, 1)
})

test('NTFS through ntfs-3g on a loop device: fuseblk, subtype from the boot sector', (t) => {
  if (sys.skipUnless(t, 'mounts ntfs-3g', ['ntfs-3g', 'mkntfs', 'losetup'])) return
  const m = sys.ntfs3g()
  t.after(m.cleanup)
  const r = f.fsInfoSync(m.dir)
  assert.strictEqual(r.type, 'fuseblk')
  assert.strictEqual(r.subtype, 'ntfs-3g')
  assert.strictEqual(r.source, m.device)
  assert.strictEqual(r.symlinks, true)
  assert.strictEqual(r.hardlinks, true)
  assert.strictEqual(r.linkMax, 1024)
})

test('the root filesystem answers without mounts of our own', () => {
  const r = f.fsInfoSync('/')
  assert.strictEqual(r.probed, '/')
  assert.strictEqual(r.mountPoint, '/')
  assert.strictEqual(typeof r.type, 'string')
  assert.ok(r.nameMax >= 255)
  assert.strictEqual(r.wslWindowsMount, false)
})

test('async fsInfo resolves like fsInfoSync', async () => {
  const a = await f.fsInfo(__dirname)
  const s = f.fsInfoSync(__dirname)
  for (const k of ['type', 'mountPoint', 'linkMax', 'readOnly', 'options', 'probed']) {
    assert.deepStrictEqual(a[k], s[k], k)
  }
})
