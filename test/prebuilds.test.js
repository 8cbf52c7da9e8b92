'use strict'
// The prebuilds the package ships (scripts/prebuild.js), checked where
// they cannot all run: each is its platform's format and CPU and leaves
// only napi_* and its C library's symbols to the loader
// (scripts/check-prebuilds.js); the musl one, loaded by musl's own dynamic
// loader into a stand-in Node-API host (test/helpers/dlopen-host.c), runs
// its probes and answers as the glibc build does here; the linux glibc ones
// need nothing above glibc 2.28 (and the check fails one that does); the
// linux-x64 glibc one, stripped as shipped, passes the quick suite's Node
// tests here (FSDOCTOR_ADDON). Where a toolchain
// is missing its target is skipped with the reason, except under CI=true,
// where every target must build.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const { GLIBC_FLOOR } = require('../scripts/prebuild')
const { checkGlibc, newer } = require('../scripts/check-prebuilds')

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
    if (r.target.endsWith('-glibc')) {
      assert.ok(r.glibc && !newer(r.glibc, GLIBC_FLOOR), `${r.target} needs GLIBC_${r.glibc}, above ${GLIBC_FLOOR}`)
      assert.ok(r.needs.includes('libc.so.6'), r.needs.join(' '))
      t.diagnostic(`${r.target}: needs GLIBC_${r.glibc} at most (floor ${GLIBC_FLOOR}); ${r.needs.join(' ')}`)
    }
    if (r.target.startsWith('darwin')) {
      assert.strictEqual(r.macos, '11.0')
      assert.ok(r.napi > 20, `${r.target}: ${r.napi} napi_* lookups`)
    }
    if (r.target === 'win32-x64') assert.ok(r.napi > 20, `win32: ${r.napi} napi_* imports from node.exe`)
  }
  assert.ok(checked >= 2, 'at least the linux-x64 glibc build and the wasm core were checked')
  assert.strictEqual(c.status, 0, c.stdout)
})

// What the linux glibc prebuilds were before zig: gcc against this
// machine's glibc binds pthread_create@GLIBC_2.34 and stat@GLIBC_2.33.
const hostGlibc = (() => {
  try {
    return process.report.getReport().header.glibcVersionRuntime || null
  } catch {
    return null
  }
})()
test('check-prebuilds fails a glibc build that needs a glibc above the floor, and names what', {
  skip: !linuxX64 ? 'linux-x64 only' : !hostGlibc || !newer(hostGlibc, '2.33') ? `needs a host glibc >= 2.34 to make such a build (${hostGlibc || 'not glibc'})` : !have('gcc') ? 'needs gcc' : false
}, (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-glibc-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const src = path.join(dir, 'new.c')
  fs.writeFileSync(src, `#include <pthread.h>
#include <sys/stat.h>
static void *run (void *p) { struct stat st; return stat((const char *)p, &st) == 0 ? p : NULL; }
__attribute__((visibility("default"))) void *napi_register_module_v1 (void *env, void *exports) {
  pthread_t th; void *r = NULL; (void)env;
  if (pthread_create(&th, NULL, run, exports) == 0) pthread_join(th, &r);
  return r;
}
`)
  const lib = path.join(dir, 'new.node')
  const cc = spawnSync('gcc', ['-O1', '-fPIC', '-shared', '-fvisibility=hidden', '-o', lib, src, '-lpthread'], { encoding: 'utf8' })
  assert.strictEqual(cc.status, 0, cc.stderr)
  const out = {}
  const problems = []
  checkGlibc(lib, out, problems)
  assert.ok(newer(out.glibc, '2.33'), `highest version ${out.glibc}`)
  const above = problems.find((p) => p.startsWith(`needs GLIBC_${out.glibc}, above the ${GLIBC_FLOOR} floor`))
  assert.ok(above, problems.join('; '))
  assert.match(above, /pthread_create@GLIBC_2\.34/)
  assert.match(above, /\bstat@GLIBC_2\.33/)
  t.diagnostic(`gcc against glibc ${hostGlibc}: ${above}`)
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

// The quick suite's Node tests (node scripts/test.js --no-c: every
// test/**/*.test.js but the long lanes) with the shipped binary in place of
// build/Release. About as long as npm test's Node part (1.5 min here).
test('the shipped linux-x64 glibc prebuild (zig, glibc 2.28, stripped) passes the quick suite\'s Node tests', { skip: linuxX64 ? false : 'linux-x64 only', timeout: 30 * 60 * 1000 }, (t) => {
  build()
  const shipped = path.join(root, 'prebuilds', 'linux-x64', 'fsdoctor.glibc.node')
  assert.ok(fs.existsSync(shipped), 'no linux-x64 glibc prebuild')
  // A copy: another lane (the pack test's prepack) may rebuild prebuilds/
  // while these two minutes run.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-glibc-suite-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const addon = path.join(dir, 'fsdoctor.glibc.node')
  fs.copyFileSync(shipped, addon)
  const env = { ...process.env, FSDOCTOR_ADDON: addon }
  for (const k of ['FSDOCTOR_NO_NATIVE', 'FSDOCTOR_WASM', 'NODE_OPTIONS']) delete env[k]
  delete env.NODE_TEST_CONTEXT // the inner runner reports in text
  // That file is what loads, and it measures: a failed stat reports its
  // errno (the stat shim over __xstat in scripts/prebuild.js).
  const check = spawnSync(process.execPath, ['-e', `const f = require(process.argv[1])
    console.log(JSON.stringify({ addon: f.addon, native: f.native, missing: f.linkInfoSync(process.argv[2]).error }))`,
  root, path.join(os.tmpdir(), `fsd-missing-${process.pid}`, 'x')], { env, encoding: 'utf8' })
  assert.strictEqual(check.status, 0, check.stderr)
  const got = JSON.parse(check.stdout)
  assert.deepStrictEqual([got.native, got.addon.from, got.addon.file], [true, 'FSDOCTOR_ADDON', addon])
  assert.strictEqual(got.missing, 'ENOENT')
  const started = Date.now()
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'test.js'), '--no-c'], { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 25 * 60 * 1000 })
  const count = (what) => Number((r.stdout.match(new RegExp(`^\u2139 ${what} (\\d+)$`, 'm')) || [])[1])
  assert.strictEqual(r.status, 0, r.stdout.slice(-20000) + r.stderr)
  assert.strictEqual(count('fail'), 0, r.stdout.slice(-5000))
  assert.ok(count('pass') > 200, `pass ${count('pass')}\n${r.stdout.slice(-3000)}`)
  t.diagnostic(`linux-x64-glibc prebuild: quick suite's Node tests: pass ${count('pass')}, skipped ${count('skipped')}, in ${((Date.now() - started) / 1000).toFixed(0)} s`)
})
