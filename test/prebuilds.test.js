'use strict'
// The prebuilds the package ships (scripts/prebuild.js), checked where
// they cannot all run: each is its platform's format and CPU and leaves
// only napi_* and its C library's symbols to the loader
// (scripts/check-prebuilds.js); the musl one, loaded by musl's own dynamic
// loader into a stand-in Node-API host (test/helpers/dlopen-host.c), runs
// its probes and answers as the glibc build does here; the linux-x64 glibc
// one, stripped as shipped, passes the probe suite here. Where a toolchain
// is missing its target is skipped with the reason, except under CI=true,
// where every target must build.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..')
const strict = process.env.CI === 'true' || process.env.CI === '1'
const linuxX64 = process.platform === 'linux' && process.arch === 'x64'

function have (cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0
}

let built = null
function build () {
  if (built) return built
  const args = [path.join(root, 'scripts', 'prebuild.js'), '--json']
  if (strict) args.push('--strict')
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 15 * 60 * 1000 })
  assert.strictEqual(r.status, 0, `${r.stdout}\n${r.stderr}`)
  built = JSON.parse(r.stdout)
  return built
}

test('every prebuild is its platform\'s shared library and imports only napi_* and its C library', { skip: linuxX64 ? false : 'the prebuilds are cross-built on linux-x64', timeout: 20 * 60 * 1000 }, (t) => {
  const results = build()
  for (const r of results) t.diagnostic(`${r.target}: ${r.skipped ? `skipped (${r.skipped})` : `${r.bytes} bytes`}`)
  const tools = { 'linux-x64-musl': 'nm', 'darwin-x64': 'llvm-objdump', 'darwin-arm64': 'llvm-objdump', 'win32-x64': 'x86_64-w64-mingw32-objdump' }
  const c = spawnSync(process.execPath, [path.join(root, 'scripts', 'check-prebuilds.js'), '--json', ...(strict ? ['--all'] : [])], { cwd: root, encoding: 'utf8' })
  const checks = JSON.parse(c.stdout)
  let checked = 0
  for (const r of checks) {
    if (r.missing) {
      assert.ok(!strict, `${r.target} was not built`)
      continue
    }
    if (tools[r.target] && !have(tools[r.target])) {
      t.diagnostic(`${r.target}: not checked, ${tools[r.target]} missing`)
      continue
    }
    assert.deepStrictEqual(r.problems, [], `${r.target}: ${r.problems.join('; ')}`)
    checked++
    if (r.glibc) t.diagnostic(`${r.target}: needs glibc ${r.glibc}`)
    if (r.target.startsWith('darwin')) {
      assert.strictEqual(r.macos, '11.0')
      assert.ok(r.napi > 20, `${r.target}: ${r.napi} napi_* lookups`)
    }
    if (r.target === 'win32-x64') assert.ok(r.napi > 20, `win32: ${r.napi} napi_* imports from node.exe`)
  }
  assert.ok(checked >= 2, 'at least the linux-x64 glibc build and the wasm core were checked')
  assert.strictEqual(c.status, 0, c.stdout)
})

test('the musl prebuild runs its probes under musl: loaded by ld-musl in a stand-in Node-API host', { skip: !linuxX64 ? 'linux-x64 only' : !have('musl-gcc') ? 'needs musl-gcc (apt-get install musl-tools)' : false, timeout: 20 * 60 * 1000 }, (t) => {
  build()
  const addon = path.join(root, 'prebuilds', 'linux-x64', 'fsdoctor.musl.node')
  assert.ok(fs.existsSync(addon), 'no musl prebuild')
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-musl-')))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  // The host implements what a synchronous call needs; every other napi_*
  // the addon imports gets a stub answering napi_generic_failure.
  const hostC = path.join(__dirname, 'helpers', 'dlopen-host.c')
  const own = new Set([...fs.readFileSync(hostC, 'utf8').matchAll(/^napi_status (napi_\w+)\(/gm)].map((m) => m[1]))
  const nm = spawnSync('nm', ['-D', '--undefined-only', addon], { encoding: 'utf8' })
  assert.strictEqual(nm.status, 0, nm.stderr)
  const napi = nm.stdout.split('\n').map((l) => l.trim().split(/\s+/)[1]).filter((s) => s && s.startsWith('napi_'))
  assert.ok(napi.length > 20, `${napi.length} napi_* imports`)
  fs.writeFileSync(path.join(dir, 'stubs.c'), napi.filter((s) => !own.has(s)).map((s) => `int ${s}(void) { return 9; }\n`).join(''))
  const host = path.join(dir, 'host')
  const cc = spawnSync('musl-gcc', ['-std=gnu11', '-O1', '-Wall', '-Wextra', '-Werror', '-rdynamic', '-o', host,
    hostC, path.join(dir, 'stubs.c')], { encoding: 'utf8' })
  assert.strictEqual(cc.status, 0, cc.stderr)
  assert.match(spawnSync('readelf', ['-l', host], { encoding: 'utf8' }).stdout, /ld-musl-x86_64\.so\.1/, 'the host runs under musl\'s loader')
  const call = (...args) => spawnSync(host, [addon, ...args], { encoding: 'utf8' })

  const init = call()
  assert.strictEqual(init.status, 0, init.stdout + init.stderr)
  const exported = init.stdout.split('\n').filter((l) => l.startsWith('export ')).map((l) => l.slice(7))
  for (const name of ['fsInfoSync', 'pathInfo', 'holdersSync', 'linkInfoSync', 'limitsSync', 'privilegesSync',
    'platformInfoSync', 'parseErrorsSync', 'diagnoseSync', 'fixesSync', 'quoteSync', 'scan', 'scanSync']) {
    assert.ok(exported.includes(name), `${name} not exported: ${exported.join(', ')}`)
  }
  assert.match(init.stdout, /^napi-version 8$/m)

  // The probes answer under musl as the glibc build answers under Node.
  const json = (...args) => {
    const r = call(...args)
    assert.strictEqual(r.status, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`)
    return JSON.parse(r.stdout)
  }
  const f = require('..')
  const fsi = json('fsInfoSync', dir)
  const ref = f.fsInfoSync(dir)
  for (const k of ['type', 'mountPoint', 'linkMax', 'symlinks', 'hardlinks', 'readOnly']) assert.deepStrictEqual(fsi[k], ref[k], `fsInfo.${k}`)
  fs.symlinkSync('loop', path.join(dir, 'loop'))
  const li = json('linkInfoSync', path.join(dir, 'loop'))
  assert.strictEqual(li.loop, true)
  assert.deepStrictEqual(li.cycle, [path.join(dir, 'loop')])
  const file = path.join(dir, 'f')
  fs.writeFileSync(file, 'x')
  const pi = json('pathInfoSync', file)
  assert.strictEqual(pi.exists, true)
  assert.strictEqual(pi.components[pi.components.length - 1].path, file)
  assert.deepStrictEqual(json('holdersSync', file).holders, [])
  assert.strictEqual(json('limitsSync').nofileSoft, f.limitsSync().nofileSoft)
  assert.deepStrictEqual(json('platformInfoSync'), f.platformInfo())
  // A failure is a Node-style error, and a missing path is refused.
  const missing = call('fsInfoSync')
  assert.strictEqual(missing.status, 1)
  assert.match(missing.stdout, /^throw .*EINVAL/)
  t.diagnostic(`musl: ${exported.length} exports; fsInfo, linkInfo, pathInfo, holders, limits and platformInfo answered under musl with ${napi.length} napi_* imports bound`)
})

test('the shipped linux-x64 glibc prebuild (stripped) passes the probe suite', { skip: linuxX64 ? false : 'linux-x64 only', timeout: 20 * 60 * 1000 }, (t) => {
  build()
  const addon = path.join(root, 'prebuilds', 'linux-x64', 'fsdoctor.glibc.node')
  assert.ok(fs.existsSync(addon), 'no linux-x64 glibc prebuild')
  const probes = fs.readdirSync(path.join(__dirname, 'probes')).filter((f) => f.endsWith('.test.js')).map((f) => path.join(__dirname, 'probes', f))
  const env = { ...process.env, FSDOCTOR_ADDON: addon }
  delete env.FSDOCTOR_NO_NATIVE
  delete env.NODE_TEST_CONTEXT // the inner runner reports in text
  const check = spawnSync(process.execPath, ['-e', 'const f = require(process.argv[1]); console.log(JSON.stringify(f.addon))', root], { env, encoding: 'utf8' })
  assert.strictEqual(check.status, 0, check.stderr)
  assert.strictEqual(JSON.parse(check.stdout).file, addon)
  const r = spawnSync(process.execPath, ['--test', path.join(__dirname, 'load.test.js'), ...probes], { env, encoding: 'utf8', timeout: 15 * 60 * 1000 })
  assert.strictEqual(r.status, 0, r.stdout + r.stderr)
  const pass = Number((r.stdout.match(/^# pass (\d+)$/m) || [])[1])
  assert.ok(pass > 20, r.stdout)
  t.diagnostic(`linux-x64-glibc prebuild: ${pass} probe and load tests passed`)
})
