'use strict'
// invalid-name: a name the filesystem cannot hold. Windows' characters and
// device names (read from the text: libuv's ENOENT for ERROR_INVALID_NAME,
// git's "invalid path" and "Invalid argument"), and a FAT volume on Linux
// refusing ':' for real (EINVAL from the kernel, measured live).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const sys = require('./helpers/sys')
const fsdoctor = require('..')

const { first, ids } = require('./helpers/paste')
const textOnly = (text, platform) => first(text, platform)
const commands = (d) => d.causes.flatMap((c) => c.fixes.flatMap((f) => f.commands))

test('Windows: ERROR_INVALID_NAME names the name and why, not a missing file', () => {
  const { e, d } = textOnly('ERROR @x/est:build:js:commonjs: :  open packages\\client-lib.turbo\\turbo-build:js:commonjs.log: The filename, directory name, or volume label syntax is incorrect.')
  assert.equal(e.code, 'ENOENT')
  assert.equal(e.platform, 'win32')
  assert.equal(d.causes[0].id, 'invalid-name', ids(d))
  assert.ok(d.causes[0].confidence < 0.9)
  assert.match(d.causes[0].detail, /"turbo-build:js:commonjs\.log"/)
  assert.match(d.causes[0].detail, /':'/)
  // inspect only: the folder, never a removal or a rename
  for (const c of commands(d).filter((c) => /turbo/.test(c))) assert.doesNotMatch(c, /Remove-Item|rm |Rename|Move/)
  // Python's number for it
  const py = textOnly("OSError: [WinError 123] The filename, directory name, or volume label syntax is incorrect: 'C:\\\\proj\\\\out\\\\report?.txt'")
  assert.equal(py.d.causes[0].id, 'invalid-name', ids(py.d))
  assert.match(py.d.causes[0].detail, /"report\?\.txt"/)
})

test("git's invalid path and 'Invalid argument' on Windows: a colon or a device name", () => {
  const a = textOnly("error: invalid path 'docs/Custom::LBIpAddress.md'", 'win32')
  assert.equal(a.e.code, 'EINVAL')
  assert.equal(a.e.path, 'docs/Custom::LBIpAddress.md')
  assert.equal(a.d.causes[0].id, 'invalid-name', ids(a.d))
  assert.ok(a.d.causes[0].fixes.some((f) => /sparse checkout/.test(f.text)))
  const b = textOnly('error: unable to create file docs/Custom::LBIpAddress.md: Invalid argument', 'win32')
  assert.equal(b.e.path, 'docs/Custom::LBIpAddress.md')
  assert.equal(b.e.syscall, 'open')
  assert.equal(b.d.causes[0].id, 'invalid-name', ids(b.d))
  const c = textOnly("fatal: cannot create directory at 'src/aux': Invalid argument", 'win32')
  assert.equal(c.d.causes[0].id, 'invalid-name', ids(c.d))
  assert.match(c.d.causes[0].detail, /"aux".*CON, PRN, AUX, NUL/)
})

test('not a bad name: a redacted part, a drive named twice, a missing file, a name ext4 holds', () => {
  for (const [text, plat] of [
    ["Error: ENOENT: no such file or directory, stat 'C:\\Users\\<USER>\\AppData\\Roaming\\npm'", 'win32'],
    ["Error: ENOENT: no such file or directory, mkdir 'E:\\E:\\site\\public'", 'win32'],
    ["Error: ENOENT: no such file or directory, open 'C:\\proj\\package.json'", 'win32'],
    ["Error: ENOENT: no such file or directory, open '/home/me/a:b.txt'", 'linux'],
    ["Error: EINVAL: invalid argument, open 'https://x.org/a?b'", 'win32'],
    // "Invalid argument" as everyday words, not strerror
    ['TypeError: Invalid argument passed to foo at /home/me/x.js', 'linux']
  ]) {
    const e = fsdoctor.parseErrors(text)[0]
    if (!e) continue
    const d = fsdoctor.diagnoseSync(e, { live: false, platform: plat, context: text })
    assert.ok(!d.causes.some((c) => c.id === 'invalid-name'), `${text}: ${ids(d)}`)
  }
  assert.equal(fsdoctor.parseErrors('TypeError: Invalid argument passed to foo').length, 0)
})

test('Linux: a FAT volume text-only is a guess below 0.9 that says so', () => {
  const { d } = textOnly("cp: cannot create regular file '/media/usb/a:b.txt': Invalid argument", 'linux')
  assert.equal(d.causes[0].id, 'invalid-name', ids(d))
  assert.ok(d.causes[0].confidence < 0.9)
  assert.match(d.causes[0].detail, /FAT, exFAT or NTFS volume/)
})

test('Linux, live: NTFS mounted with windows_names refuses ":" and "aux" (EINVAL) -> invalid-name measured', (t) => {
  if (sys.skipUnless(t, 'mounts an NTFS image through ntfs-3g', ['mkntfs', 'ntfs-3g', 'losetup'])) return
  const m = sys.ntfs3g(8, { options: ['windows_names'] })
  t.after(m.cleanup)
  for (const [name, why] of [['build:js.log', /characters/], ['aux.js', /CON, PRN, AUX/]]) {
    const bad = path.join(m.dir, name)
    let err
    try {
      fs.writeFileSync(bad, 'x')
    } catch (e) {
      err = e
    }
    assert.equal(err && err.code, 'EINVAL', name)
    assert.ok(!fs.existsSync(bad))
    const d = fsdoctor.diagnoseSync(err)
    assert.equal(d.causes[0].id, 'invalid-name', ids(d))
    assert.ok(d.causes[0].confidence >= 0.9)
    assert.equal(d.causes[0].evidence.type, 'ntfs-3g')
    assert.equal(d.causes[0].evidence.name, name)
    assert.match(d.causes[0].detail, why)
    assert.match(d.causes[0].detail, /\(ntfs-3g\)/)
  }
})

test('Linux, live: fusefat refuses ":" (EPERM) -> invalid-name measured; the same name on the temp dir is no claim', (t) => {
  if (sys.skipUnless(t, 'mounts a FAT image through fusefat', ['mkfs.vfat', 'fusefat'])) return
  const m = sys.fuseFat()
  t.after(m.cleanup)
  const bad = path.join(m.dir, 'a:b.txt')
  let err
  try {
    fs.writeFileSync(bad, 'x')
  } catch (e) {
    err = e
  }
  assert.ok(err && (err.code === 'EPERM' || err.code === 'EINVAL'), err && err.code)
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'invalid-name', ids(d))
  assert.ok(d.causes[0].confidence >= 0.9)
  assert.match(d.causes[0].detail, /FAT and exFAT refuse/)
  // ext4/tmpfs hold the name: an EINVAL there is no invalid-name
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  fs.writeFileSync(path.join(dir, 'a:b.txt'), 'x')
  const fake = Object.assign(new Error('EINVAL'), { code: 'EINVAL', syscall: 'open', path: path.join(dir, 'a:b.txt') })
  const d2 = fsdoctor.diagnoseSync(fake)
  assert.ok(!d2.causes.some((c) => c.id === 'invalid-name'), ids(d2))
})
