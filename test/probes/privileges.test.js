'use strict'
// privileges() as root and as an unprivileged user, with live probes on
// tmpfs (everything works) and on FAT through FUSE (no links at all).
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const f = require('../..')
const sys = require('../helpers/sys')

function leftovers (dir) {
  return fs.readdirSync(dir).filter((n) => n.startsWith('.fsdoctor-probe'))
}

test('as root: root true, cap_dac_override, ids and groups', (t) => {
  if (sys.skipUnlessRoot(t, 'checks root capabilities')) return
  const r = f.privilegesSync()
  assert.strictEqual(r.root, true)
  assert.strictEqual(r.euid, 0)
  assert.ok(r.capabilities.includes('cap_dac_override'), r.capabilities.join(','))
  assert.ok(r.capabilities.includes('cap_fowner'))
  assert.strictEqual(r.probeDir, null)
  assert.strictEqual(r.canSymlink, null)
  assert.deepStrictEqual(r.groups, process.getgroups())
  // Effective set as the kernel reports it.
  const eff = BigInt('0x' + /CapEff:\s*([0-9a-f]+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1])
  let bits = 0
  for (let v = eff; v > 0n; v >>= 1n) bits += Number(v & 1n)
  assert.strictEqual(r.capabilities.length, bits)
})

test('as nobody: root false, no capabilities, cannot write /', (t) => {
  if (sys.skipUnlessRunAs(t, 'runs privileges as nobody')) return
  const { uid, gid } = sys.userIds('nobody')
  const r = sys.runNodeAs('nobody', 'f.privilegesSync("/")')
  assert.strictEqual(r.root, false)
  assert.deepStrictEqual(r.capabilities, [])
  assert.deepStrictEqual([r.uid, r.euid, r.gid, r.egid], [uid, uid, gid, gid])
  assert.deepStrictEqual(r.groups, [gid])
  assert.strictEqual(r.canWrite, false)
  assert.strictEqual(r.writeError, 'EACCES')
  assert.strictEqual(r.canSymlink, false)
  assert.strictEqual(r.symlinkError, 'EACCES')
  assert.strictEqual(r.canHardlink, null)
})

test('live probes on tmpfs: everything works and nothing is left behind', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const m = sys.mountTmpfs()
  t.after(m.cleanup)
  const r = f.privilegesSync(m.dir)
  assert.strictEqual(r.probeDir, m.dir)
  assert.deepStrictEqual([r.canWrite, r.canSymlink, r.canHardlink], [true, true, true])
  assert.deepStrictEqual([r.writeError, r.symlinkError, r.hardlinkError], [null, null, null])
  assert.deepStrictEqual(leftovers(m.dir), [])
})

test('live probes on FAT through fusefat: writes, but no symlinks or hard links', (t) => {
  if (sys.skipUnless(t, 'mounts a FUSE filesystem', ['fusefat', 'mkfs.vfat'])) return
  const m = sys.fuseFat()
  t.after(m.cleanup)
  const r = f.privilegesSync(m.dir)
  assert.strictEqual(r.canWrite, true)
  assert.strictEqual(r.canSymlink, false)
  assert.strictEqual(r.canHardlink, false)
  assert.ok(['ENOSYS', 'EPERM', 'EOPNOTSUPP'].includes(r.symlinkError), r.symlinkError)
  assert.ok(r.hardlinkError)
  assert.deepStrictEqual(leftovers(m.dir), [])
})

test('a read-only mount: nothing can be created, the error says EROFS', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const m = sys.mountTmpfs({ readOnly: true })
  t.after(m.cleanup)
  const r = f.privilegesSync(m.dir)
  assert.deepStrictEqual([r.canWrite, r.writeError, r.canSymlink, r.symlinkError], [false, 'EROFS', false, 'EROFS'])
})

test('a missing probe directory leaves the answers unknown', () => {
  const r = f.privilegesSync('/no/such/dir/here')
  assert.deepStrictEqual([r.canWrite, r.canSymlink, r.canHardlink], [null, null, null])
  assert.strictEqual(r.writeError, 'ENOENT')
})

test('concurrent async probes in one directory never collide', async (t) => {
  const d = sys.tmpdir()
  t.after(d.cleanup)
  const all = await Promise.all(Array.from({ length: 32 }, () => f.privileges(d.dir)))
  for (const r of all) assert.deepStrictEqual([r.canWrite, r.canSymlink, r.canHardlink], [true, true, true])
  assert.deepStrictEqual(leftovers(d.dir), [])
  const s = f.privilegesSync(d.dir)
  assert.deepStrictEqual(all[0], s)
})
