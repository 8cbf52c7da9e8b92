'use strict'
// The published package: `npm pack` holds a prebuild for every target whose
// toolchain is here (all six in CI) and the WebAssembly core, nothing users
// do not need, and no install script, stated or implied: no binding.gyp
// at its root, which pnpm and yarn build whatever "gypfile" says. The
// tarball is installed offline with npm (scripts on, and off) and with pnpm
// (from the npm registry, into the prebuild cache; every build allowed, and
// scripts off) in a directory whose PATH holds node, npm and pnpm only (no
// compiler): require works and this platform's prebuild loads; with that
// prebuild removed it falls back to the WebAssembly core and says how to
// get the addon; `npx fsdoctor build` then builds it (with the compiler back
// on PATH).
const test = require('node:test')
const assert = require('node:assert')
const { execFileSync, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..')
const PNPM = 'pnpm@10.34.9'
const strict = process.env.CI === 'true' || process.env.CI === '1'

// What a user's install may hold.
const ALLOWED = /^(package\.json|README\.md|LICENSE|scripts\/sources\.js|index\.mjs|index\.d\.ts|bin\/[\w.-]+\.js|lib\/.+\.(js|json)|docs\/[\w.-]+\.md|src\/.+\.[ch]|src\/addon\.gypi|prebuilds\/(wasm32\/fsdoctor\.wasm|(linux|darwin|win32)-(x64|arm64)\/fsdoctor(\.glibc|\.musl)?\.node))$/

function which (cmd) {
  for (const d of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(d, cmd)
    try {
      fs.accessSync(p, fs.constants.X_OK)
      return p
    } catch {}
  }
  return null
}

// A bin directory with node, npm, npx (and pnpm) only, and an environment
// without npm's own variables: what a machine without a compiler has.
function bareEnv (dir, pnpmDir) {
  const bin = path.join(dir, 'bin')
  fs.mkdirSync(bin)
  fs.symlinkSync(process.execPath, path.join(bin, 'node'))
  for (const n of ['npm', 'npx']) fs.symlinkSync(fs.realpathSync(which(n)), path.join(bin, n))
  if (pnpmDir) fs.symlinkSync(path.join(pnpmDir, 'bin', 'pnpm.cjs'), path.join(bin, 'pnpm'))
  const env = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|FSDOCTOR_|NODE_OPTIONS$|CC$|CXX$|CFLAGS$)/i.test(k)) env[k] = v
  }
  env.PATH = bin
  env.npm_config_cache = path.join(dir, 'npm-cache')
  env.npm_config_update_notifier = 'false'
  env.NO_COLOR = '1'
  return env
}

function probe (app, env) {
  const r = spawnSync(process.execPath, ['-e', `
    const f = require('fsdoctor')
    let probe = null
    try { f.fsInfoSync('/') } catch (e) { probe = { code: e.code, message: e.message } }
    const d = f.diagnoseSync("EMLINK: too many links, link '/a' -> '/b'")
    console.log(JSON.stringify({ native: f.native, addon: f.addon, loadError: f.loadError && { code: f.loadError.code, message: f.loadError.message },
      probe, id: d.causes[0].id, live: d.live }))`], { cwd: app, env, encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  return JSON.parse(r.stdout)
}

function expectPrebuild (got, target) {
  assert.strictEqual(got.native, true, JSON.stringify(got.loadError))
  assert.strictEqual(got.addon.from, 'prebuild')
  assert.strictEqual(got.addon.target, target)
  assert.strictEqual(got.probe, null)
  assert.strictEqual(got.id, 'hard-link-limit')
}

function expectFallback (got, target) {
  assert.strictEqual(got.native, false)
  assert.strictEqual(got.addon, null)
  assert.strictEqual(got.loadError.code, 'ERR_FSDOCTOR_NO_PREBUILD')
  assert.ok(got.loadError.message.includes(`no prebuilt addon for ${target}`), got.loadError.message)
  assert.ok(got.loadError.message.includes('npx fsdoctor build'), got.loadError.message)
  assert.strictEqual(got.probe.code, 'ERR_FSDOCTOR_NO_NATIVE')
  assert.ok(got.probe.message.includes('npx fsdoctor build'), got.probe.message)
  // The same C core, as WebAssembly, still answers from the text.
  assert.strictEqual(got.id, 'hard-link-limit')
  assert.strictEqual(got.live, false)
}

test('npm pack ships every prebuild, nothing else users do not need, and no install script', { timeout: 20 * 60 * 1000 }, (t) => {
  const { TARGETS, npmPackage } = require('../scripts/prebuild')
  const { prebuildTarget } = require('../lib/engine/addon')
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-pack-')))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  // npm pack runs prepack (scripts/prebuild.js): a stale prebuild from an
  // older checkout cannot pass for new code.
  const env0 = { ...process.env }
  if (strict) env0.FSDOCTOR_PREBUILD_STRICT = '1'
  const info = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, env: env0, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0]
  const files = info.files.map((f) => f.path)
  t.diagnostic(`packed ${info.size} bytes, unpacked ${info.unpackedSize} bytes, ${files.length} files`)
  for (const f of files) assert.match(f, ALLOWED, `${f} is packed`)
  for (const [name, target] of Object.entries(TARGETS)) {
    const why = target.why()
    if (why && !strict) {
      t.diagnostic(`${name}: not built here (${why})`)
      continue
    }
    const entry = info.files.find((f) => f.path === target.out)
    assert.ok(entry, `${target.out} is not in the package`)
    t.diagnostic(`${target.out}: ${entry.size} bytes`)
  }
  assert.ok(!files.includes('binding.gyp'), 'a binding.gyp at the root: pnpm and yarn would compile on install')
  for (const req of ['src/addon.gypi', 'scripts/sources.js', 'src/napi/binding.c', 'docs/cli.md', 'lib/engine/addon.js', 'lib/cli/build.js', 'LICENSE']) {
    assert.ok(files.includes(req), `${req} is not packed`)
  }
  // The links users follow: README and --help name docs/ files, which ship.
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  for (const m of readme.matchAll(/\]\((docs\/[^)#]+)/g)) assert.ok(files.includes(m[1]), `README links ${m[1]}, not packed`)

  const tgz = path.join(dir, info.filename)
  const manifest = JSON.parse(execFileSync('tar', ['xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }))
  for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) assert.strictEqual(manifest.scripts[s], undefined, `a ${s} script`)
  assert.strictEqual(manifest.gypfile, false, 'npm would run node-gyp rebuild for a binding.gyp without "gypfile": false')
  assert.strictEqual(manifest.os, undefined)
  assert.deepStrictEqual(manifest.dependencies || {}, {})
  assert.ok(manifest.repository && manifest.homepage && manifest.bugs)
  const gyp = execFileSync('tar', ['xzOf', tgz, 'package/src/addon.gypi'], { encoding: 'utf8' })
  assert.ok(!gyp.includes('-Werror'), 'the published build turns warnings into errors')

  const here = prebuildTarget()
  const pnpmDir = npmPackage(PNPM)
  const env = bareEnv(dir, pnpmDir)
  for (const cc of ['cc', 'gcc', 'make', 'python3', 'node-gyp']) {
    assert.notStrictEqual(spawnSync(cc, ['--version'], { env, stdio: 'ignore' }).status, 0, `${cc} is reachable`)
  }
  const installs = [
    ['npm', ['install', '--offline', '--no-audit', '--no-fund', tgz]],
    ['npm --ignore-scripts', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tgz]],
    // pnpm 10 runs no dependency's build unless allowed: allow them all.
    ['pnpm', ['add', '--offline', '--config.dangerously-allow-all-builds=true', '--store-dir', path.join(dir, 'pnpm-store'), tgz]],
    ['pnpm --ignore-scripts', ['add', '--offline', '--ignore-scripts', '--store-dir', path.join(dir, 'pnpm-store'), tgz]]
  ]
  for (const [name, args] of installs) {
    const app = path.join(dir, `app-${name.replace(/\W+/g, '-')}`)
    fs.mkdirSync(app)
    fs.writeFileSync(path.join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}')
    const cmd = name.startsWith('pnpm') ? 'pnpm' : 'npm'
    const r = spawnSync(path.join(dir, 'bin', cmd), args, { cwd: app, env, encoding: 'utf8' })
    assert.strictEqual(r.status, 0, `${name}: ${r.stdout}\n${r.stderr}`)
    assert.ok(!/gyp|install-scripts|allowScripts|build scripts|approve-builds/i.test(r.stdout + r.stderr), `${name} says: ${r.stdout}${r.stderr}`)
    const pkg = fs.realpathSync(path.join(app, 'node_modules', 'fsdoctor'))
    assert.ok(!fs.existsSync(path.join(pkg, 'build')), `${name}: a compiler ran`)
    expectPrebuild(probe(app, env), here.target)
    t.diagnostic(`${name}: loaded ${here.file}`)
    // Without this platform's prebuild: the WebAssembly core, and the way
    // to the addon in every message.
    fs.rmSync(path.join(pkg, here.file))
    expectFallback(probe(app, env), here.target)
    const who = spawnSync(process.execPath, [path.join(pkg, 'bin', 'fsdoctor.js'), 'who', app], { cwd: app, env, encoding: 'utf8' })
    assert.strictEqual(who.status, 2)
    assert.match(who.stderr, /npx fsdoctor build/)
    if (name === 'npm') {
      // npx fsdoctor build, with a compiler (and this machine's Node
      // headers, as ~/.npmrc gives them) back on PATH.
      const withCc = { ...env, PATH: `${env.PATH}${path.delimiter}${process.env.PATH}` }
      if (fs.existsSync('/usr/include/node/node_api.h')) withCc.npm_config_nodedir = '/usr'
      const b = spawnSync(path.join(dir, 'bin', 'npx'), ['--offline', 'fsdoctor', 'build', '--json'], { cwd: app, env: withCc, encoding: 'utf8', timeout: 10 * 60 * 1000 })
      assert.strictEqual(b.status, 0, `${b.stdout}\n${b.stderr}`)
      const out = JSON.parse(b.stdout)
      assert.strictEqual(out.built, true)
      assert.strictEqual(out.addon.native, true)
      assert.strictEqual(out.addon.addon.from, 'source')
      assert.ok(fs.existsSync(path.join(pkg, 'binding.gyp')), 'fsdoctor build wrote no binding.gyp')
      const after = probe(app, env)
      assert.strictEqual(after.native, true)
      assert.strictEqual(after.addon.from, 'source')
    }
  }
})
