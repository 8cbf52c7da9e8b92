'use strict'
// npm's cache and global prefix, found once (lib/npm-config.js) the way npm
// finds them: npm_config_* first, then the project's, the user's and the
// global .npmrc, then npm's defaults; diagnose() and `fsdoctor check` agree.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { npmPaths } = require('../lib/npm-config')

const root = path.join(__dirname, '..')

// An environment with no npm_config_* of the test runner's own npm.
function cleanEnv (extra) {
  const env = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_config_/i.test(k)) env[k] = v
  delete env.PREFIX
  return { ...env, ...extra }
}

function tmp (t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-npmrc-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

test('the chain: env over project over user over global over defaults', (t) => {
  const dir = tmp(t)
  const home = path.join(dir, 'home')
  const proj = path.join(dir, 'proj')
  const sub = path.join(proj, 'src', 'deep')
  const gprefix = path.join(dir, 'usr')
  fs.mkdirSync(sub, { recursive: true })
  fs.mkdirSync(home)
  fs.mkdirSync(path.join(gprefix, 'etc'), { recursive: true })
  fs.writeFileSync(path.join(proj, 'package.json'), '{}')
  const execPath = path.join(gprefix, 'bin', 'node')

  // Defaults only.
  let p = npmPaths({ env: cleanEnv({ HOME: home }), cwd: sub, platform: 'linux', execPath })
  assert.strictEqual(p.cache, path.join(home, '.npm'))
  assert.strictEqual(p.prefix, gprefix)
  assert.strictEqual(p.project, proj)
  assert.deepStrictEqual(p.sources, { cache: 'default', prefix: 'default' })

  // The global npmrc under the default prefix.
  fs.writeFileSync(path.join(gprefix, 'etc', 'npmrc'), `cache=${path.join(dir, 'gcache')}\nprefix = "${path.join(dir, 'gp')}"\n`)
  p = npmPaths({ env: cleanEnv({ HOME: home }), cwd: sub, platform: 'linux', execPath })
  assert.strictEqual(p.cache, path.join(dir, 'gcache'))
  assert.strictEqual(p.prefix, path.join(dir, 'gp'))
  assert.deepStrictEqual(p.sources, { cache: 'global', prefix: 'global' })

  // The user's, with ~ and ${VAR}.
  fs.writeFileSync(path.join(home, '.npmrc'), '; comment\nprefix=~/.npm-global\ncache=${FSD_T_CACHE}/c\n')
  p = npmPaths({ env: cleanEnv({ HOME: home, FSD_T_CACHE: path.join(dir, 'uc') }), cwd: sub, platform: 'linux', execPath })
  assert.strictEqual(p.prefix, path.join(home, '.npm-global'))
  assert.strictEqual(p.cache, path.join(dir, 'uc', 'c'))
  assert.deepStrictEqual(p.sources, { cache: 'user', prefix: 'user' })

  // The project's, found from a subdirectory.
  fs.writeFileSync(path.join(proj, '.npmrc'), `cache=${path.join(dir, 'pc')}\n`)
  p = npmPaths({ env: cleanEnv({ HOME: home }), cwd: sub, platform: 'linux', execPath })
  assert.strictEqual(p.cache, path.join(dir, 'pc'))
  assert.strictEqual(p.sources.cache, 'project')
  assert.strictEqual(p.sources.prefix, 'user')

  // The environment wins, case-insensitively.
  p = npmPaths({ env: cleanEnv({ HOME: home, NPM_CONFIG_PREFIX: path.join(dir, 'ep') }), cwd: sub, platform: 'linux', execPath })
  assert.strictEqual(p.prefix, path.join(dir, 'ep'))
  assert.strictEqual(p.sources.prefix, 'env')
})

test('Windows defaults: %APPDATA%\\npm and %LOCALAPPDATA%\\npm-cache', () => {
  const env = { USERPROFILE: 'C:\\Users\\u', APPDATA: 'C:\\Users\\u\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }
  const p = npmPaths({ env, cwd: os.tmpdir(), platform: 'win32', execPath: 'C:\\Program Files\\nodejs\\node.exe' })
  assert.strictEqual(p.prefix, path.join(env.APPDATA, 'npm'))
  assert.strictEqual(p.cache, path.join(env.LOCALAPPDATA, 'npm-cache'))
})

test('diagnose() and check report the same prefix and cache when .npmrc sets them', (t) => {
  const dir = tmp(t)
  const home = path.join(dir, 'home')
  fs.mkdirSync(home)
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"p","version":"1.0.0"}')
  fs.writeFileSync(path.join(home, '.npmrc'), `prefix=${path.join(dir, 'myprefix')}\ncache=${path.join(dir, 'mycache')}\n`)
  const r = spawnSync(process.execPath, ['-e', `
    const f = require(${JSON.stringify(root)})
    const { check } = require(${JSON.stringify(path.join(root, 'lib', 'check'))})
    const d = f.diagnoseSync({ code: 'EACCES', syscall: 'mkdir', path: ${JSON.stringify(path.join(dir, 'x'))} })
    check(${JSON.stringify(dir)}, { scan: false }).then((c) => {
      console.log(JSON.stringify({ d: [d.facts.npmPrefix, d.facts.npmCache], c: [c.facts.npm.prefix, c.facts.npm.cache] }))
    })
  `], { cwd: dir, env: cleanEnv({ HOME: home }), encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  const o = JSON.parse(r.stdout)
  assert.deepStrictEqual(o.d, [path.join(dir, 'myprefix'), path.join(dir, 'mycache')])
  assert.deepStrictEqual(o.c, o.d)
})

test('npm\'s ini rules: quotes, comments, unset ${VAR}, sections, relative paths, workspaces, the global file under the user\'s prefix', (t) => {
  const dir = tmp(t)
  const home = path.join(dir, 'home')
  const mono = path.join(dir, 'mono')
  const pkg = path.join(mono, 'packages', 'a')
  const up = path.join(dir, 'up')
  fs.mkdirSync(home)
  fs.mkdirSync(pkg, { recursive: true })
  fs.mkdirSync(path.join(up, 'etc'), { recursive: true })
  fs.writeFileSync(path.join(mono, 'package.json'), '{"name":"mono","workspaces":["packages/*"]}')
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"a"}')
  // npm ignores a workspace's own .npmrc and reads the root's.
  fs.writeFileSync(path.join(pkg, '.npmrc'), 'cache=/ws-cache\n')
  fs.writeFileSync(path.join(mono, '.npmrc'), 'cache = .cache-rel ; a comment\n')
  fs.writeFileSync(path.join(home, '.npmrc'), `prefix='${up}'\n[section]\ncache=/in-section\n`)
  fs.writeFileSync(path.join(up, 'etc', 'npmrc'), 'logs-dir=${FSD_SURELY_UNSET}/logs\n')
  const p = npmPaths({ env: cleanEnv({ HOME: home }), cwd: pkg, platform: 'linux', execPath: '/usr/bin/node' })
  assert.strictEqual(p.project, mono)
  assert.strictEqual(p.cache, path.join(pkg, '.cache-rel'))
  assert.strictEqual(p.prefix, up)
  assert.strictEqual(p.globalconfig, path.join(up, 'etc', 'npmrc'))
  assert.strictEqual(p.logsDir, path.join(pkg, '${FSD_SURELY_UNSET}', 'logs'))
})
