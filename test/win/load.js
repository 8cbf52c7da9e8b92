'use strict'
// The prebuilt addon loads in node.exe and every probe answers, for good
// paths and bad ones, without crashing the process.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir } = require('./common')

test('the win32-x64 prebuild loads through the package loader', () => {
  assert.strictEqual(fsdoctor.loadError, null)
  assert.strictEqual(fsdoctor.native, true)
  assert.strictEqual(fsdoctor.addon.from, 'prebuild')
  assert.strictEqual(fsdoctor.addon.target, 'win32-x64')
  assert.deepStrictEqual(fsdoctor.platformInfo(), { platform: 'win32', wsl: false })
})

test('every probe returns an object, sync and async', async (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'f.txt')
  fs.writeFileSync(f, 'x')
  for (const name of ['fsInfo', 'pathInfo', 'holders', 'linkInfo']) {
    assert.strictEqual(typeof fsdoctor[`${name}Sync`](f), 'object', name)
    assert.strictEqual(typeof await fsdoctor[name](f), 'object', name)
  }
  assert.strictEqual(typeof fsdoctor.privilegesSync(d), 'object')
  assert.strictEqual(typeof await fsdoctor.privileges(), 'object')
  assert.strictEqual(typeof fsdoctor.limitsSync(), 'object')
})

test('values measured on a plain file', (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'f.txt')
  fs.writeFileSync(f, 'x')
  const fi = fsdoctor.fsInfoSync(f)
  assert.match(fi.mountPoint, /^[A-Z]:\\$/)
  assert.strictEqual(fi.probed, f)
  assert.ok(['ntfs', 'refs', 'fat32', 'exfat', 'fat'].includes(fi.type), fi.type)
  assert.strictEqual(fi.network, false)
  assert.strictEqual(fi.wslWindowsMount, false)
  assert.ok(fi.totalBytes > 0 && fi.availBytes >= 0, 'disk space')
  if (fi.type === 'ntfs') assert.strictEqual(fi.linkMax, 1024)
  t.diagnostic(`observed: fsInfo type=${fi.type} symlinks=${fi.symlinks} hardlinks=${fi.hardlinks} caseSensitive=${fi.caseSensitive} options=${fi.options.join(',')}`)

  const pi = fsdoctor.pathInfoSync(f)
  assert.strictEqual(pi.exists, true)
  assert.strictEqual(pi.absolute, f)
  assert.strictEqual(pi.pathLength, f.length)
  const last = pi.components[pi.components.length - 1]
  assert.strictEqual(last.type, 'file')
  assert.strictEqual(last.name, 'f.txt')
  assert.strictEqual(last.readonlyAttribute, false)
  assert.strictEqual(pi.components[0].path, f.slice(0, 3))
  assert.strictEqual(pi.canRead, true)
  assert.strictEqual(pi.canWrite, true)
  assert.strictEqual(pi.denied, null)
  assert.match(pi.ownerSid, /^S-1-/)
  assert.strictEqual(pi.protectedLocation, false)
  t.diagnostic(`observed: owner=${pi.ownerName} ${pi.ownerSid} longPathsEnabled=${pi.longPathsEnabled}`)

  const li = fsdoctor.linkInfoSync(f)
  assert.strictEqual(li.exists, true)
  assert.strictEqual(li.nlink, 1)
  assert.strictEqual(li.isSymlink, false)
  assert.deepStrictEqual(li.chain, [f])
  assert.strictEqual(li.resolved, f)

  const lim = fsdoctor.limitsSync()
  assert.ok(lim.crtMaxStdio >= 512, `crtMaxStdio ${lim.crtMaxStdio}`)
  assert.ok(lim.handleCount === null || lim.handleCount > 0)
  t.diagnostic(`observed: limits crtMaxStdio=${lim.crtMaxStdio} handleCount=${lim.handleCount}`)
})

test('a failure keeps the raw Win32 error beside the errno', (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'f.txt')
  fs.writeFileSync(f, 'x')
  const missing = path.join(d, 'missing', 'x')
  const li = fsdoctor.linkInfoSync(missing)
  assert.strictEqual(li.error, 'ENOENT')
  // ERROR_FILE_NOT_FOUND (2) or ERROR_PATH_NOT_FOUND (3): both are ENOENT.
  assert.ok([2, 3].includes(li.win32Error), String(li.win32Error))
  assert.match(li.win32ErrorName, /^ERROR_(FILE|PATH)_NOT_FOUND$/)
  const last = fsdoctor.pathInfoSync(missing).components.at(-2)
  assert.deepStrictEqual([last.error, last.win32Error, last.win32ErrorName], ['ENOENT', 2, 'ERROR_FILE_NOT_FOUND'])
  // Nothing failed: null beside null.
  const ok = fsdoctor.linkInfoSync(f)
  assert.deepStrictEqual([ok.error, ok.win32Error, ok.win32ErrorName], [null, null, null])
  const c = fsdoctor.pathInfoSync(f).components.at(-1)
  assert.deepStrictEqual([c.error, c.win32Error, c.win32ErrorName], [null, null, null])
  const p = fsdoctor.privilegesSync(d)
  assert.deepStrictEqual([p.writeError, p.writeWin32Error, p.writeWin32ErrorName], [null, null, null])
  // A probe that failed with a Win32 error names it; one that "succeeded"
  // without making anything (wine's symlink stub: ENOSYS) has none.
  for (const k of ['symlink', 'hardlink']) {
    const code = p[`${k}Win32Error`]
    t.diagnostic(`observed: ${k}Error=${p[`${k}Error`]} ${k}Win32Error=${code} ${p[`${k}Win32ErrorName`]}`)
    if (p[`${k}Error`] === null || p[`${k}Error`] === 'ENOSYS') assert.strictEqual(code, null)
    else assert.ok(code > 0 && typeof p[`${k}Win32ErrorName`] === 'string', k)
  }
  const h = fsdoctor.holdersSync(missing)
  assert.match(h.note, /\(ENOENT, ERROR_(FILE|PATH)_NOT_FOUND\)/)
})

test('Windows system directories are protected locations', () => {
  const win = process.env.SystemRoot
  assert.ok(win, 'SystemRoot is set')
  assert.strictEqual(fsdoctor.pathInfoSync(path.join(win, 'system32', 'x.dll')).protectedLocation, true)
  if (process.env.ProgramFiles) {
    assert.strictEqual(fsdoctor.pathInfoSync(path.join(process.env.ProgramFiles, 'nodejs')).protectedLocation, true)
  }
})

test('privileges: token facts and live probes', (t) => {
  const d = tmpdir(t)
  const p = fsdoctor.privilegesSync(d)
  assert.strictEqual(p.probeDir, d)
  for (const k of ['elevated', 'adminMember', 'symlinkPrivilege', 'symlinkPrivilegeEnabled', 'developerMode']) {
    assert.strictEqual(typeof p[k], 'boolean', `${k}: ${p[k]}`)
  }
  assert.strictEqual(p.canWrite, true)
  assert.strictEqual(typeof p.canSymlink, 'boolean')
  assert.strictEqual(typeof p.canHardlink, 'boolean')
  assert.ok(Array.isArray(p.capabilities))
  assert.deepStrictEqual(fs.readdirSync(d), [], 'the probes cleaned up')
  t.diagnostic(`observed: privileges elevated=${p.elevated} admin=${p.adminMember} symlinkPrivilege=${p.symlinkPrivilege}/${p.symlinkPrivilegeEnabled} developerMode=${p.developerMode} canSymlink=${p.canSymlink} canHardlink=${p.canHardlink} privileges=${p.capabilities.join(',')}`)
})

test('concurrent privileges probes do not collide', async (t) => {
  const d = tmpdir(t)
  const all = await Promise.all([1, 2, 3, 4, 5, 6].map(() => fsdoctor.privileges(d)))
  for (const p of all) assert.strictEqual(p.canWrite, true, String(p.writeError))
  assert.deepStrictEqual(fs.readdirSync(d), [])
})

// Each bad path either gives a result or throws an Error with a code;
// none may crash node.exe (which would fail this whole file).
const bad = [
  ['invalid UTF-8 (Buffer)', Buffer.from([0x43, 0x3a, 0x5c, 0xff, 0xfe, 0x41])],
  ['CESU-8 surrogate (Buffer)', Buffer.from([0x43, 0x3a, 0x5c, 0xed, 0xa0, 0x80])],
  ['lone surrogate', 'C:\\x\ud800y'],
  ['drive-relative', 'C:foo'],
  ['drive only', 'C:'],
  ['UNC share', '\\\\nosuchserver\\share\\x'],
  ['extended-length', '\\\\?\\C:\\windows'],
  ['extended UNC', '\\\\?\\UNC\\nosuchserver\\share\\x'],
  ['volume GUID', '\\\\?\\Volume{00000000-0000-0000-0000-000000000000}\\x'],
  ['device', '\\\\.\\PhysicalDrive0'],
  ['reserved name', 'NUL'],
  ['forward slashes', 'C:/windows/system32'],
  ['very long', 'C:\\' + 'a'.repeat(40000)],
  ['too long for Windows', 'C:' + '\\b'.repeat(20000)],
  ['many components', 'C:' + '\\b'.repeat(15000)],
  ['many existing components', process.env.SystemRoot + '\\.'.repeat(5000) + '\\system32'],
  ['missing drive', 'Q:\\nothing\\here'],
  ['two backslashes', '\\\\'],
  ['bare prefix', '\\\\?\\'],
  ['bare UNC prefix', '\\\\?\\UNC\\'],
  ['server without share', '\\\\server'],
  ['NT namespace', '\\??\\C:\\windows'],
  ['GLOBALROOT', '\\\\?\\GLOBALROOT\\Device\\Null'],
  ['root of the drive', '\\'],
  ['dots', '..\\..\\..\\..'],
  ['trailing dots and spaces', 'C:\\windows\\system32. . '],
  ['alternate data stream', 'C:\\windows\\win.ini:stream:$DATA'],
  ['wildcards', 'C:\\windows\\*.ini']
]

for (const [label, p] of bad) {
  test(`bad input: ${label}`, async () => {
    for (const name of ['fsInfo', 'pathInfo', 'holders', 'linkInfo', 'privileges']) {
      let r
      try {
        r = fsdoctor[`${name}Sync`](p)
      } catch (err) {
        assert.ok(err instanceof Error, `${name}: threw ${err}`)
        assert.strictEqual(typeof err.code, 'string', `${name}: ${err.message}`)
        continue
      }
      assert.strictEqual(typeof r, 'object', name)
    }
    await fsdoctor.pathInfo(p).catch((err) => assert.ok(err instanceof Error))
  })
}

test('invalid UTF-8 is refused with EINVAL', () => {
  const err = (() => {
    try {
      fsdoctor.pathInfoSync(Buffer.from([0x43, 0x3a, 0x5c, 0xff]))
    } catch (e) {
      return e
    }
  })()
  assert.ok(err, 'threw')
  assert.strictEqual(err.code, 'EINVAL')
  assert.match(err.message, /UTF-8/)
})

test('a path past 32767 characters is refused', () => {
  const long = 'C:\\' + 'x\\'.repeat(17000)
  // lib/validate.js refuses it first; the C refuses it on its own as well.
  assert.throws(() => fsdoctor.pathInfoSync(long), (err) => ['ENAMETOOLONG', 'ERR_INVALID_ARG_VALUE'].includes(err.code))
  const { binding } = require('../../lib/engine')
  for (const name of ['pathInfoSync', 'fsInfoSync', 'holdersSync', 'linkInfoSync', 'privilegesSync']) {
    assert.throws(() => binding[name](long), { code: 'ENAMETOOLONG' }, name)
  }
})

test('device paths are refused, not opened', () => {
  for (const p of ['\\\\.\\PhysicalDrive0', 'NUL', 'CON']) {
    assert.throws(() => fsdoctor.holdersSync(p), { code: 'EINVAL' }, p)
  }
})

test('prefixes are stripped and relative forms resolved', (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'f.txt')
  fs.writeFileSync(f, 'x')
  const pi = fsdoctor.pathInfoSync(`\\\\?\\${f}`)
  assert.strictEqual(pi.absolute, f)
  assert.strictEqual(pi.exists, true)
  assert.strictEqual(fsdoctor.linkInfoSync(`\\\\?\\${f}`).resolved, f)
  assert.strictEqual(fsdoctor.fsInfoSync(`\\\\?\\${f}`).probed, f)
  const rel = fsdoctor.pathInfoSync('C:foo')
  assert.match(rel.absolute, /^C:\\/)
  const q = fsdoctor.pathInfoSync('Q:\\nothing\\here')
  assert.strictEqual(q.exists, false)
  assert.deepStrictEqual(q.components.map((c) => c.path), ['Q:\\', 'Q:\\nothing\\here'])
  const deep = fsdoctor.pathInfoSync(path.join(d, 'a', 'b', 'c', 'd.txt'))
  assert.deepStrictEqual(deep.components.slice(-2).map((c) => c.type), ['missing', 'missing'])
  assert.strictEqual(deep.components[deep.components.length - 1].path, path.join(d, 'a', 'b', 'c', 'd.txt'))
  assert.strictEqual(deep.writeTarget, d)
  const unc = fsdoctor.pathInfoSync('\\\\nosuchserver\\share\\x')
  assert.strictEqual(unc.exists, false)
  assert.strictEqual(unc.components[0].path, '\\\\nosuchserver\\share\\')
})
