'use strict'
// A package whose install script uses fsdoctor, installed with real npm
// (offline, from tarballs made by `npm pack`) into a broken condition: the
// directory the script writes to is on a read-only mount. Checks what the
// user sees in npm's output, and that the installed bin runs.
const test = require('node:test')
const assert = require('node:assert')
const { execFileSync, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const sys = require('./helpers/sys')
const { prebuildTarget } = require('../lib/engine/addon')

const root = path.join(__dirname, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

// `npm pack` of this repo, with the freshly built addon as the prebuild so
// the install runs no compiler and the tarball matches the source.
function packSelf (dir) {
  const list = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }))[0]
  const stage = path.join(dir, 'stage')
  for (const f of list.files) {
    fs.mkdirSync(path.dirname(path.join(stage, f.path)), { recursive: true })
    fs.copyFileSync(path.join(root, f.path), path.join(stage, f.path))
  }
  const built = path.join(root, 'build', 'Release', 'fsdoctor.node')
  if (fs.existsSync(built)) {
    // Under the name the loader picks for this platform and libc.
    const pre = path.join(stage, prebuildTarget().file)
    fs.rmSync(path.dirname(pre), { recursive: true, force: true })
    fs.mkdirSync(path.dirname(pre), { recursive: true })
    fs.copyFileSync(built, pre)
  }
  const out = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: stage, encoding: 'utf8' }))[0]
  return path.join(dir, out.filename)
}

const INSTALL_JS = `'use strict'
// Writes generated data at install time; on failure, says why.
const fs = require('fs')
const path = require('path')
const fsdoctor = require('fsdoctor')

async function main () {
  const target = process.env.FSD_DEMO_TARGET || path.join(__dirname, 'generated')
  try {
    await fs.promises.mkdir(target, { recursive: true })
    await fs.promises.writeFile(path.join(target, 'data.json'), '{}')
  } catch (err) {
    console.error('fsd-demo: could not write its data')
    console.error(fsdoctor.format(await fsdoctor.diagnose(err), { color: false }))
    process.exitCode = 1
  }
}
main()
`

test('npm install of a package whose install script diagnoses its own failure', { timeout: 300000 }, (t) => {
  if (!sys.isRoot()) return t.skip('needs root: a read-only tmpfs mount')
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-install-')))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const tgz = packSelf(dir)
  const demo = path.join(dir, 'demo')
  fs.mkdirSync(demo)
  fs.writeFileSync(path.join(demo, 'package.json'), JSON.stringify({
    name: 'fsd-demo',
    version: '1.0.0',
    scripts: { install: 'node install.js' },
    dependencies: { fsdoctor: `file:${tgz}` }
  }, null, 2))
  fs.writeFileSync(path.join(demo, 'install.js'), INSTALL_JS)
  const demoTgz = path.join(dir, JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: demo, encoding: 'utf8' }))[0].filename)
  const m = sys.mountTmpfs({ readOnly: true })
  t.after(() => m.cleanup())
  const app = path.join(dir, 'app')
  fs.mkdirSync(app)
  // fsdoctor has no dependencies, and npm gets an empty cache of its own:
  // the install needs neither the registry nor what earlier installs left
  // in ~/.npm.
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }))
  const env = { ...process.env, FSD_DEMO_TARGET: path.join(m.dir, 'generated'), NO_COLOR: '1' }
  for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k]
  env.npm_config_cache = path.join(dir, 'npm-cache')
  const r = spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--foreground-scripts', demoTgz], { cwd: app, env, encoding: 'utf8' })
  const seen = r.stdout + r.stderr
  assert.notStrictEqual(r.status, 0, seen)
  // What the user sees: the script's own line, then the diagnosis.
  assert.match(seen, /fsd-demo: could not write its data/)
  // Recursive mkdir on a read-only mount reports ENOENT in Node 20.
  assert.match(seen, /(EROFS|ENOENT) from mkdir/)
  assert.match(seen, /read-only-fs/)
  assert.ok(seen.includes(m.dir), 'the mount point is not named')
  // Writable target: the same install succeeds, and the bin works.
  const env2 = { ...env, FSD_DEMO_TARGET: path.join(dir, 'generated') }
  const ok = spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', demoTgz], { cwd: app, env: env2, encoding: 'utf8' })
  assert.strictEqual(ok.status, 0, ok.stdout + ok.stderr)
  assert.ok(fs.existsSync(path.join(dir, 'generated', 'data.json')))
  assert.ok(!fs.existsSync(path.join(app, 'node_modules', 'fsdoctor', 'build')), 'a compiler ran')
  const bin = path.join(app, 'node_modules', '.bin', 'fsdoctor')
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' })
  assert.strictEqual(v.stdout.trim(), require('../package.json').version)
  // The postinstall recipe: `fsdoctor check --quiet` in the installed app.
  const c = spawnSync(bin, ['check', '--quiet'], { cwd: app, env: env2, encoding: 'utf8' })
  assert.ok([0, 1].includes(c.status), c.stderr)
  assert.strictEqual(c.stderr, '')
})

// Issue 14: `npm install` of a package with many files onto a full 3 MB
// disk gives hundreds of near-identical ENOSPC. Both `fsdoctor run` and
// `fsdoctor explain --npm-log` answer with one group whose measured answer
// is the first line, in a few dozen lines.
test('a real npm install onto a full disk: one group, its answer first', { timeout: 300000 }, (t) => {
  if (sys.skipUnless(t, 'mounts a 3 MB tmpfs for npm to fill')) return
  const work = sys.tmpdir('fsd-enospc-')
  t.after(work.cleanup)
  // A package of 400 incompressible files of about 11 KB, packed by npm.
  const pkg = path.join(work.dir, 'bigpkg')
  fs.mkdirSync(path.join(pkg, 'files'), { recursive: true })
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'bigpkg', version: '1.0.0' }))
  for (let i = 0; i < 400; i++) {
    fs.writeFileSync(path.join(pkg, 'files', `f${i}.txt`), require('node:crypto').randomBytes(8000).toString('base64'))
  }
  const tgz = path.join(work.dir, JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work.dir], { cwd: pkg, encoding: 'utf8' }))[0].filename)
  const disk = sys.mountTmpfs({ size: '3m' })
  t.after(disk.cleanup)
  const proj = path.join(disk.dir, 'proj')
  fs.mkdirSync(proj)
  fs.writeFileSync(path.join(proj, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0' }))
  const home = path.join(work.dir, 'home')
  fs.mkdirSync(home)
  const env = { ...process.env, HOME: home, npm_config_cache: path.join(work.dir, 'cache'), npm_config_update_notifier: 'false', FSDOCTOR_PROGRESS_DELAY: '100000' }
  for (const k of Object.keys(env)) if (/^(NO_COLOR|FORCE_COLOR)$/.test(k)) delete env[k]
  const bin = path.join(root, 'bin', 'fsdoctor.js')
  const r = spawnSync(process.execPath, [bin, 'run', '--', npm, 'install', '--offline', '--no-audit', '--no-fund', tgz], { cwd: proj, env, encoding: 'utf8', timeout: 240000 })
  assert.notStrictEqual(r.status, 0, r.stderr.slice(-2000))
  const npmErrors = (r.stderr.match(/TAR_ENTRY_ERROR ENOSPC/g) || []).length
  assert.ok(npmErrors > 100, `npm printed ${npmErrors} ENOSPC`)
  // fsdoctor's part starts after npm's last line.
  const ours = r.stderr.slice(r.stderr.lastIndexOf('npm error A complete log')).split('\n').slice(1)
  const first = /^ENOSPC from write: \S+ has 0 bytes free of \d+\. \((\d+) errors like this\)$/
  assert.match(ours[0], first, r.stderr.slice(-3000))
  assert.ok(Number(first.exec(ours[0])[1]) > 100)
  assert.ok(ours.length < 40, `${ours.length} lines from fsdoctor`)
  assert.match(r.stderr, /measured on the command's working directory/)
  const e = spawnSync(process.execPath, [bin, 'explain', '--npm-log'], { cwd: proj, env, encoding: 'utf8' })
  assert.strictEqual(e.status, 1, e.stderr)
  const lines = e.stdout.trimEnd().split('\n')
  assert.match(lines[0], first)
  assert.ok(lines.length < 40, `${lines.length} lines`)
  assert.match(lines[lines.length - 1], /in npm's log of `npm install .*bigpkg-1\.0\.0\.tgz` \(exit -28\) at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/)
})
