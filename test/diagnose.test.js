'use strict'
// The JS API of the engine: input forms, text-only mode, platform inference,
// options, bad input, the catalogue and the engine without the addon
// (the same core built to WebAssembly).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { pathToFileURL } = require('node:url')
const fsdoctor = require('..')

const ids = fsdoctor.causes.map((c) => c.id)

function tmp (t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-diag-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

function checkShape (d) {
  for (const k of ['code', 'syscall', 'path', 'dest', 'errno', 'platform', 'live', 'summary', 'transient', 'causes', 'facts']) {
    assert.ok(k in d, `diagnosis has ${k}`)
  }
  assert.equal(typeof d.summary, 'string')
  assert.ok(d.causes.length > 0)
  for (const c of d.causes) {
    assert.ok(ids.includes(c.id), c.id)
    assert.ok(c.confidence >= 0 && c.confidence <= 1)
    assert.equal(typeof c.title, 'string')
    assert.equal(typeof c.detail, 'string')
    assert.equal(typeof c.evidence, 'object')
    for (const f of c.fixes) {
      assert.equal(typeof f.text, 'string')
      assert.ok(Array.isArray(f.commands))
      assert.ok(['all', 'linux', 'darwin', 'win32', 'wsl'].includes(f.platform), f.platform)
      assert.ok(f.shell === null || ['bash', 'powershell', 'cmd'].includes(f.shell))
      for (const cmd of f.commands) assert.doesNotMatch(cmd, /\{[a-zA-Z]+\}/, 'placeholders are filled')
    }
  }
}

test('the catalogue lists every cause id of DESIGN.md once', () => {
  const want = ['file-locked', 'symlink-privilege', 'fs-no-symlinks', 'fs-no-hardlinks', 'fs-no-permissions',
    'readonly-attribute', 'permission-denied', 'wrong-owner', 'immutable-file', 'read-only-fs',
    'global-prefix-not-writable', 'network-fs', 'wsl-windows-mount', 'wsl-mixed-node',
    'hard-link-limit', 'subdirectory-limit', 'symlink-loop', 'broken-symlink',
    'too-many-open-files', 'watcher-limit', 'file-table-full', 'disk-full', 'inodes-exhausted',
    'quota-exceeded', 'path-too-long', 'cross-device', 'text-file-busy', 'mount-point-busy',
    'dir-not-empty', 'corrupted-cache', 'protected-location', 'walk-outside-project',
    'copy-into-itself', 'install-leftover', 'command-too-long', 'missing-path', 'wrong-file-type',
    'name-taken', 'shim-without-shell', 'invalid-name', 'unknown']
  assert.deepEqual([...ids].sort(), [...want].sort())
  assert.equal(fsdoctor.causes.find((c) => c.id === 'file-locked').transient, true)
  assert.equal(fsdoctor.causes.find((c) => c.id === 'permission-denied').transient, false)
  assert.throws(() => { fsdoctor.causes.push({}) }, TypeError)
})

test('a real fs error is diagnosed live', (t) => {
  const dir = tmp(t)
  let err
  try {
    fs.rmdirSync(dir + '/missing/deeper')
  } catch (e) {
    err = e
  }
  const d = fsdoctor.diagnoseSync(err)
  checkShape(d)
  assert.equal(d.code, 'ENOENT')
  assert.equal(d.syscall, 'rmdir')
  assert.equal(d.path, err.path)
  assert.equal(d.errno, err.errno)
  assert.equal(d.live, true)
  assert.equal(d.platform, process.platform)
  assert.equal(d.facts.source, undefined)
})

test('diagnose resolves to the same as diagnoseSync', async () => {
  const e = { code: 'EXDEV', syscall: 'rename', path: 'C:\\a', dest: 'D:\\b', errno: -4037 }
  const a = await fsdoctor.diagnose(e)
  const b = fsdoctor.diagnoseSync(e)
  assert.deepEqual(a, b)
  assert.equal(a.causes[0].id, 'cross-device')
  assert.equal(a.platform, 'win32')
  assert.equal(a.live, false, 'Windows paths are not local here')
})

test('text: the first error found is diagnosed, live false, platform from paths', () => {
  const text = [
    'npm ERR! code EPERM',
    'npm ERR! syscall rename',
    'npm ERR! path C:\\project\\node_modules\\.staging\\lodash-9a4f2c1b\\package.json',
    'npm ERR! dest C:\\project\\node_modules\\lodash\\package.json',
    'npm ERR! errno -4048',
    "npm ERR! Error: EPERM: operation not permitted, rename 'C:\\project\\node_modules\\.staging\\lodash-9a4f2c1b\\package.json' -> 'C:\\project\\node_modules\\lodash\\package.json'"
  ].join('\n')
  const d = fsdoctor.diagnoseSync(text)
  checkShape(d)
  assert.equal(d.code, 'EPERM')
  assert.equal(d.syscall, 'rename')
  assert.equal(d.platform, 'win32')
  assert.equal(d.live, false)
  assert.equal(d.causes[0].id, 'file-locked')
  assert.equal(d.transient, true)
  assert.equal(d.causes[0].evidence.from, 'text')
  // Text only: an antivirus exclusion needs a measured project folder.
  assert.ok(!d.causes[0].fixes.some((f) => f.commands.some((c) => c.includes('Add-MpPreference'))))
  assert.ok(d.causes[0].fixes.some((f) => /Not shown: the weaken command/.test(f.text)))
  assert.deepEqual(fsdoctor.diagnoseSync(Buffer.from(text)), d)
})

test('text: WSL and Linux paths, and options.platform overrides', () => {
  const wsl = fsdoctor.diagnoseSync("Error: EACCES: permission denied, open '/mnt/c/Users/u/app/node_modules/x/index.js'")
  assert.equal(wsl.platform, 'wsl')
  assert.equal(wsl.causes[0].id, 'wsl-windows-mount')
  const g = fsdoctor.diagnoseSync("Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/typescript'")
  assert.equal(g.platform, 'linux')
  assert.equal(g.live, false)
  assert.equal(g.causes[0].id, 'global-prefix-not-writable')
  const mac = fsdoctor.diagnoseSync("Error: EPERM: operation not permitted, symlink '../lib/cli.js' -> '/Users/me/p/node_modules/.bin/x'", { platform: 'win32' })
  assert.equal(mac.platform, 'win32')
  assert.equal(mac.causes[0].id, 'symlink-privilege')
  assert.ok(mac.causes[0].fixes.every((f) => f.platform === 'win32' || f.platform === 'all'))
})

test('text with no error gives code UNKNOWN and cause unknown', () => {
  for (const t of ['', 'all good here', Buffer.from('x\u0000y')]) {
    const d = fsdoctor.diagnoseSync(t)
    checkShape(d)
    assert.equal(d.code, 'UNKNOWN')
    assert.equal(d.causes[0].id, 'unknown')
    assert.equal(d.live, false)
    assert.match(d.causes[0].detail, /no error code/i)
  }
})

test('object input: Buffer and file: URL paths, relative paths, throwing getters', (t) => {
  const dir = tmp(t)
  const d1 = fsdoctor.diagnoseSync({ code: 'ENOTEMPTY', syscall: 'rmdir', path: Buffer.from(dir) })
  assert.equal(d1.path, dir)
  assert.equal(d1.causes[0].id, 'dir-not-empty')
  const d2 = fsdoctor.diagnoseSync({ code: 'ENOTEMPTY', syscall: 'rmdir', path: pathToFileURL(dir) })
  assert.equal(d2.path, dir)
  const d3 = fsdoctor.diagnoseSync({ code: 'ENOTEMPTY', syscall: 'rmdir', path: 'rel/dir' })
  assert.equal(d3.path, path.resolve('rel/dir'))
  const evil = { code: 'EBUSY' }
  for (const k of ['path', 'dest', 'errno', 'syscall', 'message']) {
    Object.defineProperty(evil, k, { get () { throw new Error('boom') } })
  }
  const d4 = fsdoctor.diagnoseSync(evil)
  assert.equal(d4.code, 'EBUSY')
  assert.equal(d4.path, null)
  const proxy = new Proxy({}, { get (_, k) { if (k === 'code') return 'EMFILE'; throw new Error('trap') } })
  assert.equal(fsdoctor.diagnoseSync(proxy).causes[0].id, 'too-many-open-files')
  // An Error without a code still carries one in its message.
  const d5 = fsdoctor.diagnoseSync(new Error("ELOOP: too many symbolic links encountered, stat '/a/b'"))
  assert.equal(d5.code, 'ELOOP')
  // NUL ends a path; a long message is cut, never a crash.
  const d6 = fsdoctor.diagnoseSync({ code: 'EACCES', path: '/x\u0000/y', message: 'm'.repeat(1 << 20) })
  assert.equal(d6.path, '/x')
  const d7 = fsdoctor.diagnoseSync({ code: 'EPERM', path: '/\ud800x' })
  checkShape(d7)
})

test('bad input throws TypeError', async () => {
  for (const bad of [undefined, null, 42, true, Symbol('s'), () => {}, {}, { code: 5 }]) {
    assert.throws(() => fsdoctor.diagnoseSync(bad), TypeError)
    await assert.rejects(fsdoctor.diagnose(bad), TypeError)
  }
  assert.throws(() => fsdoctor.diagnoseSync({ code: 'EPERM' }, 'x'), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => fsdoctor.diagnoseSync({ code: 'EPERM' }, { live: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => fsdoctor.diagnoseSync({ code: 'EPERM' }, { platform: 'beos' }), { code: 'ERR_INVALID_ARG_VALUE' })
  assert.throws(() => fsdoctor.diagnoseSync({ code: 'EPERM' }, { holders: 1 }), TypeError)
  assert.throws(() => fsdoctor.parseErrors(5), TypeError)
})

test('options.live false keeps a local error text-only', () => {
  const d = fsdoctor.diagnoseSync({ code: 'EROFS', syscall: 'open', path: '/' }, { live: false })
  assert.equal(d.live, false)
  assert.equal(d.causes[0].id, 'read-only-fs')
  assert.equal(d.facts.source, 'text')
})

test('megabyte text is handled', () => {
  const text = 'noise line\n'.repeat(100000) + "Error: ENOSPC: no space left on device, write '/var/x'\n"
  const d = fsdoctor.diagnoseSync(text)
  assert.equal(d.code, 'ENOSPC')
  assert.equal(d.causes[0].id, 'disk-full')
})

test('without the addon: the WebAssembly core answers from the text', () => {
  const script = `
    const f = require(${JSON.stringify(path.join(__dirname, '..'))})
    const out = {
      native: f.native,
      a: f.diagnoseSync({ code: 'EPERM', syscall: 'symlink', path: '../x', dest: 'C:\\\\p\\\\node_modules\\\\.bin\\\\x' }),
      b: f.diagnoseSync({ code: 'EMLINK', syscall: 'link', path: '/srv/a', dest: '/srv/b' }),
      c: f.diagnoseSync({ code: 'EWHATEVER' }),
      d: f.diagnoseSync({ code: 'EACCES', syscall: 'open', path: '/home/u/.npm/_cacache/index-v5/x' })
    }
    f.diagnose({ code: 'ENOSPC', syscall: 'watch', path: '/p' }).then((e) => {
      out.e = e
      out.text = f.format(out.a)
      process.stdout.write(JSON.stringify(out))
    })`
  const r = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, FSDOCTOR_NO_NATIVE: '1' }, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  const o = JSON.parse(r.stdout)
  assert.equal(o.native, false)
  for (const k of ['a', 'b', 'c', 'd', 'e']) {
    checkShape(o[k])
    assert.equal(o[k].live, false)
  }
  assert.equal(o.a.platform, 'win32')
  assert.equal(o.a.causes[0].id, 'symlink-privilege')
  assert.equal(o.b.causes[0].id, 'hard-link-limit')
  assert.equal(o.c.causes[0].id, 'unknown')
  assert.ok(['wrong-owner', 'permission-denied'].includes(o.d.causes[0].id))
  assert.equal(o.e.causes[0].id, 'watcher-limit')
  assert.match(o.text, /Developer Mode/)
})

test('the parser\'s sample logs: the error that stopped the tool, ranked by text', () => {
  const dir = path.join(__dirname, 'fixtures', 'logs')
  const want = {
    'npm6-windows-eperm.txt': ['EPERM', 'rename', 'file-locked'], // not the rollback warning
    'npm9-ebusy.txt': ['EPERM', 'unlink', 'file-locked'], // not the cleanup warning
    'npm10-emlink.txt': ['EMLINK', 'link', 'hard-link-limit'],
    'node-inspect.txt': ['ELOOP', 'stat', 'symlink-loop'],
    'pnpm.txt': ['EPERM', 'rename', 'file-locked']
  }
  for (const [name, [code, syscall, id]] of Object.entries(want)) {
    const file = path.join(dir, name)
    assert.ok(fs.existsSync(file), `fixture ${name} is missing`)
    const d = fsdoctor.diagnoseSync(fs.readFileSync(file))
    assert.equal(d.code, code, name)
    assert.equal(d.syscall, syscall, name)
    assert.equal(d.causes[0].id, id, name)
    assert.equal(d.live, false)
  }
  for (const name of fs.readdirSync(dir)) checkShape(fsdoctor.diagnoseSync(fs.readFileSync(path.join(dir, name))))
})

test('diagnose() gathers live evidence off the main thread', async (t) => {
  const dir = tmp(t)
  fs.mkdirSync(path.join(dir, 'd'))
  fs.writeFileSync(path.join(dir, 'd', 'f'), '')
  let err
  try {
    fs.rmdirSync(path.join(dir, 'd'))
  } catch (e) {
    err = e
  }
  const [a, b] = await Promise.all([fsdoctor.diagnose(err), fsdoctor.diagnose(err, { holders: false })])
  for (const d of [a, b]) {
    checkShape(d)
    assert.equal(d.live, true)
    assert.equal(d.causes[0].id, 'dir-not-empty')
  }
  assert.ok(a.facts.holders, 'holder scan ran')
  assert.equal(b.facts.holders, undefined, 'holders: false skips the scan')
})

test('the holder scan settings reach a live diagnosis (read by lib/, not on the threadpool)', { skip: process.platform !== 'linux' && 'the write lease is Linux' }, (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'f')
  fs.writeFileSync(file, 'x')
  const err = { code: 'EBUSY', syscall: 'unlink', path: file }
  const withLease = fsdoctor.diagnoseSync(err).facts.holders
  assert.strictEqual(withLease.scanned, 0, 'the lease answers for a file nobody holds')
  const old = process.env.FSDOCTOR_HOLDERS_LEASE
  process.env.FSDOCTOR_HOLDERS_LEASE = '0'
  try {
    const scanned = fsdoctor.diagnoseSync(err).facts.holders
    assert.ok(scanned.scanned > 0, 'FSDOCTOR_HOLDERS_LEASE=0: every process is looked at')
    assert.deepStrictEqual(scanned.holders, [])
  } finally {
    if (old === undefined) delete process.env.FSDOCTOR_HOLDERS_LEASE
    else process.env.FSDOCTOR_HOLDERS_LEASE = old
  }
})

test('edges the review found: a path named warn, the platform of no error, a huge path, a gone cwd', (t) => {
  // A path segment called "warn" does not make the line a warning.
  const text = "Error: EBUSY: resource busy or locked, rmdir '/srv/warn/cache'\nnpm WARN cleanup Error: ENOENT: no such file or directory, unlink '/tmp/x.lock'"
  assert.equal(fsdoctor.diagnoseSync(text).code, 'EBUSY')
  // The platform asked for is the answer's, even when the text holds no error.
  assert.equal(fsdoctor.diagnoseSync('hello', { platform: 'win32' }).platform, 'win32')
  // A path longer than any filesystem takes is answered, bounded.
  const d = fsdoctor.diagnoseSync({ code: 'EACCES', syscall: 'open', path: '/x'.repeat(100000) })
  assert.ok(JSON.stringify(d).length < 1e6)
  assert.ok(d.path.length <= 32767)
  // A deleted working directory is no reason to throw.
  const dir = tmp(t)
  const gone = path.join(dir, 'gone')
  fs.mkdirSync(gone)
  const r = spawnSync(process.execPath, ['-e', `
    process.chdir(${JSON.stringify(gone)}); require('fs').rmdirSync(${JSON.stringify(gone)})
    const f = require(${JSON.stringify(path.join(__dirname, '..'))})
    console.log(f.diagnoseSync("EPERM: operation not permitted, unlink '/x'").code, f.diagnoseSync({ code: 'ENOENT', syscall: 'open', path: 'rel' }).code)
  `], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout.trim(), 'EPERM ENOENT')
})

test('an engine error has the addon\'s shape from the WebAssembly core too', () => {
  const script = `
    const f = require(${JSON.stringify(path.join(__dirname, '..'))})
    try { f.diagnoseSync({ code: '' }) } catch (e) { console.log(JSON.stringify({ message: e.message, errno: e.errno, code: e.code, syscall: e.syscall })) }`
  const out = (env) => {
    const r = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    return JSON.parse(r.stdout)
  }
  const addon = out({})
  assert.equal(addon.code, 'EINVAL')
  assert.deepEqual(out({ FSDOCTOR_NO_NATIVE: '1' }), addon)
})
