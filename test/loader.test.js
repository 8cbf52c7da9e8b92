'use strict'
// The loader (lib/engine/addon.js) on staged copies of the package: which
// file it picks for this platform and libc, what it says when none fits or
// one does not load, and `fsdoctor build --dry-run`. The installs of the
// real tarball are in pack.test.js (long lane).
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { prebuildTarget } = require('../lib/engine/addon')

const root = path.join(__dirname, '..')
const built = path.join(root, 'build', 'Release', 'fsdoctor.node')

// package.json, lib/, bin/ and the wasm core; prebuilds as given.
function stage (t, prebuilds = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-loader-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  for (const p of ['package.json', 'lib', 'bin', 'prebuilds/wasm32/fsdoctor.wasm']) {
    fs.cpSync(path.join(root, p), path.join(dir, p), { recursive: true })
  }
  for (const [rel, from] of Object.entries(prebuilds)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    if (Buffer.isBuffer(from)) fs.writeFileSync(path.join(dir, rel), from)
    else fs.copyFileSync(from, path.join(dir, rel))
  }
  return dir
}

function load (dir) {
  const env = { ...process.env }
  delete env.FSDOCTOR_ADDON
  delete env.FSDOCTOR_NO_NATIVE
  const r = spawnSync(process.execPath, ['-e', `
    const f = require(process.argv[1])
    let probe = null
    try { f.limitsSync() } catch (e) { probe = { code: e.code, message: e.message } }
    const d = f.diagnoseSync("ELOOP: too many symbolic links encountered, stat '/a/b'")
    console.log(JSON.stringify({ native: f.native, addon: f.addon, probe, id: d.causes[0].id,
      loadError: f.loadError && { code: f.loadError.code, message: f.loadError.message } }))`, dir], { env, encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  return JSON.parse(r.stdout)
}

test('prebuild names: <platform>-<arch>, and the libc on Linux', () => {
  assert.deepStrictEqual(prebuildTarget('linux', 'x64', 'musl'), { target: 'linux-x64-musl', file: 'prebuilds/linux-x64/fsdoctor.musl.node' })
  assert.deepStrictEqual(prebuildTarget('linux', 'arm64', 'glibc'), { target: 'linux-arm64-glibc', file: 'prebuilds/linux-arm64/fsdoctor.glibc.node' })
  assert.deepStrictEqual(prebuildTarget('darwin', 'arm64'), { target: 'darwin-arm64', file: 'prebuilds/darwin-arm64/fsdoctor.node' })
  assert.deepStrictEqual(prebuildTarget('win32', 'x64'), { target: 'win32-x64', file: 'prebuilds/win32-x64/fsdoctor.node' })
  if (process.platform === 'linux') {
    // This process's libc, as Node's report gives it.
    const glibc = Boolean(process.report.getReport().header.glibcVersionRuntime)
    assert.strictEqual(prebuildTarget().target, `linux-${process.arch}-${glibc ? 'glibc' : 'musl'}`)
  }
})

test('no prebuild for this platform: text-only, and every message says how to build', (t) => {
  const got = load(stage(t))
  assert.strictEqual(got.native, false)
  assert.strictEqual(got.addon, null)
  assert.strictEqual(got.loadError.code, 'ERR_FSDOCTOR_NO_PREBUILD')
  assert.ok(got.loadError.message.includes(`no prebuilt addon for ${prebuildTarget().target}`), got.loadError.message)
  for (const m of [got.loadError.message, got.probe.message]) {
    assert.ok(m.includes('npx fsdoctor build'), m)
  }
  assert.strictEqual(got.probe.code, 'ERR_FSDOCTOR_NO_NATIVE')
  assert.strictEqual(got.id, 'symlink-loop')
})

test('the prebuild for this platform and libc loads; the other libc\'s is never tried', { skip: fs.existsSync(built) ? false : 'needs build/Release (npm run build)' }, (t) => {
  const here = prebuildTarget()
  const got = load(stage(t, { [here.file]: built }))
  assert.strictEqual(got.native, true, JSON.stringify(got.loadError))
  assert.deepStrictEqual([got.addon.from, got.addon.target], ['prebuild', here.target])
  assert.strictEqual(got.probe, null)
  if (process.platform === 'linux') {
    // A working binary under the other libc's name is not picked up.
    const other = here.target.endsWith('-glibc') ? 'musl' : 'glibc'
    const only = load(stage(t, { [prebuildTarget(process.platform, process.arch, other).file]: built }))
    assert.strictEqual(only.native, false)
    assert.strictEqual(only.loadError.code, 'ERR_FSDOCTOR_NO_PREBUILD')
  }
})

test('a prebuild that does not load: text-only, the loader\'s error, and how to build', (t) => {
  const got = load(stage(t, { [prebuildTarget().file]: Buffer.from('not a shared library\n') }))
  assert.strictEqual(got.native, false)
  assert.strictEqual(got.loadError.code, 'ERR_DLOPEN_FAILED')
  assert.match(got.loadError.message, /^the prebuilt addon for \S+ did not load \(.+\); diagnoses are text-only/)
  assert.ok(got.probe.message.includes('npx fsdoctor build'), got.probe.message)
  assert.strictEqual(got.id, 'symlink-loop')
})

test('fsdoctor build --dry-run names node-gyp rebuild in the package directory', (t) => {
  const dir = stage(t)
  const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'fsdoctor.js'), 'build', '--dry-run', '--json'], { encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  const out = JSON.parse(r.stdout)
  assert.strictEqual(out.dir, dir)
  assert.strictEqual(out.command[out.command.length - 1], 'rebuild')
  assert.match(out.command.join(' '), /node-gyp/)
  assert.ok(!fs.existsSync(path.join(dir, 'build')), 'a dry run built something')
  const bad = spawnSync(process.execPath, [path.join(dir, 'bin', 'fsdoctor.js'), 'build', 'extra'], { encoding: 'utf8' })
  assert.strictEqual(bad.status, 2)
})

test('the raw binding called without a path throws EINVAL (no NULL reaches the probes)', { skip: fs.existsSync(built) ? false : 'needs build/Release (npm run build)' }, async () => {
  const b = require(built)
  for (const name of ['fsInfo', 'pathInfo', 'linkInfo', 'holders']) {
    for (const args of [[], [undefined], [42]]) {
      assert.throws(() => b[`${name}Sync`](...args), { code: 'EINVAL', message: /the path must be a string or a Buffer/ }, `${name}Sync(${args.map(String)})`)
    }
    await assert.rejects(b[name](), { code: 'EINVAL' })
  }
})
