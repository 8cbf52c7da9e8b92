'use strict'
// fs-no-permissions: a filesystem that stores no Unix owners or modes.
// Reproduced on a FAT image mounted through fusefat (chmod and chown are
// refused there for every user), then diagnosed live; the same calls on
// the temp directory's own filesystem make no claim; text-only answers
// name it only where the log shows such a volume.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const fsdoctor = require('..')
const sys = require('./helpers/sys')

const ids = (d) => d.causes.map((c) => `${c.id}:${c.confidence}`).join(',')
const commands = (d) => d.causes.flatMap((c) => c.fixes.flatMap((f) => f.commands))

test('Linux, live: chmod and chown on fusefat are refused -> fs-no-permissions measured', (t) => {
  if (sys.skipUnless(t, 'mounts a FAT image through fusefat', ['mkfs.vfat', 'fusefat'])) return
  const m = sys.fuseFat()
  t.after(m.cleanup)
  const f = path.join(m.dir, 'run.sh')
  fs.writeFileSync(f, 'x')
  for (const call of [() => fs.chmodSync(f, 0o755), () => fs.chownSync(f, 1000, 1000)]) {
    let err
    try { call() } catch (e) { err = e }
    assert.ok(err, 'the FAT volume refused the change')
    const d = fsdoctor.diagnoseSync(err)
    assert.equal(d.live, true)
    assert.equal(d.causes[0].id, 'fs-no-permissions', ids(d))
    assert.ok(d.causes[0].confidence >= 0.9, ids(d))
    assert.equal(d.causes[0].evidence.type, 'fusefat')
    assert.ok(commands(d).includes(`findmnt -T ${m.dir}`), commands(d).join('\n'))
    for (const c of commands(d)) assert.doesNotMatch(c, /\bmount\b.*-o|chown|chmod -R|rm /, c)
  }
})

test('Linux, live: a refused chmod on the temp directory\'s own filesystem is no claim', (t) => {
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const f = path.join(dir, 'a')
  fs.writeFileSync(f, 'x')
  const fake = Object.assign(new Error('EPERM'), { code: 'EPERM', syscall: 'chmod', path: f })
  const d = fsdoctor.diagnoseSync(fake, { live: true })
  assert.ok(!d.causes.some((c) => c.id === 'fs-no-permissions'), ids(d))
})

test('text only: a mode or owner change refused on a FAT/exFAT/NTFS volume the log shows', () => {
  const usb = fsdoctor.diagnoseSync("chmod: changing permissions of '/media/me/USB/tool.sh': Operation not permitted", { live: false, platform: 'linux' })
  assert.equal(usb.causes[0].id, 'fs-no-permissions', ids(usb))
  assert.ok(usb.causes[0].confidence < 0.9)
  const exfat = fsdoctor.diagnoseSync("My drive is exFAT.\nchown: changing ownership of '/srv/data/db': Operation not permitted", { live: false, platform: 'linux' })
  assert.equal(exfat.causes[0].id, 'fs-no-permissions', ids(exfat))
  // a home directory, no volume named: another owner, not the filesystem
  const home = fsdoctor.diagnoseSync("chmod: changing permissions of '/home/me/tool.sh': Operation not permitted", { live: false, platform: 'linux' })
  assert.ok(!home.causes.some((c) => c.id === 'fs-no-permissions'), ids(home))
  // not a mode change: an unlink on a USB stick is something else
  const rm = fsdoctor.diagnoseSync("rm: cannot remove '/media/me/USB/a': Operation not permitted", { live: false, platform: 'linux' })
  assert.notEqual(rm.causes[0].id, 'fs-no-permissions', ids(rm))
  // Windows has its own attributes and ACLs
  const win = fsdoctor.diagnoseSync("Error: EPERM: operation not permitted, chmod 'E:\\exfat\\a'", { live: false, platform: 'win32' })
  assert.ok(!win.causes.some((c) => c.id === 'fs-no-permissions'), ids(win))
})

test('text only: "FAT" counts with a word for a volume after it, never alone', () => {
  const said = (text) => fsdoctor.diagnoseSync(text, { live: false, platform: 'linux' })
  // libgit2#5565: a clone onto a FAT partition
  const part = said("Clone into a folder on a fat* partition\nfailed to set permissions on file 'file': Operation not permitted")
  assert.equal(part.causes[0].id, 'fs-no-permissions', ids(part))
  const drive = said("The USB stick is a FAT drive.\nchmod: changing permissions of '/srv/x/run.sh': Operation not permitted")
  assert.equal(drive.causes[0].id, 'fs-no-permissions', ids(drive))
  // a fat jar is no volume
  const jar = said("Building the fat jar\nchmod: changing permissions of '/srv/x/run.sh': Operation not permitted")
  assert.ok(!jar.causes.some((c) => c.id === 'fs-no-permissions'), ids(jar))
})
