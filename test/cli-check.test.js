'use strict'
// fsdoctor check: findings on real broken projects, exit codes 0/1/2,
// --quiet and the --json shape.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { cli, npmEnv, oneLine } = require('./helpers/cli')
const sys = require('./helpers/sys')

function project (t, files = {}) {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-check-')))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  fs.writeFileSync(path.join(d, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', ...(files['package.json'] || {}) }))
  fs.mkdirSync(path.join(d, 'node_modules', '.bin'), { recursive: true })
  fs.mkdirSync(path.join(d, 'node_modules', 'ok', 'bin'), { recursive: true })
  fs.writeFileSync(path.join(d, 'node_modules', 'ok', 'bin', 'ok.js'), '')
  fs.symlinkSync('../ok/bin/ok.js', path.join(d, 'node_modules', '.bin', 'ok'))
  return d
}

const ids = (report) => report.findings.map((f) => f.id).sort()

function assertShape (report) {
  for (const k of ['dir', 'ok', 'findings', 'notes', 'facts', 'skipped']) assert.ok(k in report, `no ${k}`)
  for (const f of report.findings) {
    for (const k of ['id', 'severity', 'title', 'detail', 'paths', 'count', 'evidence', 'fixes']) assert.ok(k in f, `finding lacks ${k}`)
    assert.ok(['error', 'warning', 'info'].includes(f.severity))
    assert.ok(f.fixes.length > 0)
    for (const x of f.fixes) assert.strictEqual(typeof x.text, 'string')
  }
}

test('a clean project: exit 0, quiet prints nothing', (t) => {
  const dir = project(t)
  const { env } = npmEnv(t)
  const r = cli(['check', dir], { env })
  assert.strictEqual(r.code, 0, r.stdout + r.stderr)
  assert.match(r.stdout, /No problems found/)
  assert.match(r.stdout, /project: .* \(\w+; write yes, symlink yes, hardlink yes\)/)
  const q = cli(['check', dir, '--quiet'], { env })
  assert.strictEqual(q.code, 0)
  assert.strictEqual(q.stdout, '')
  const j = JSON.parse(cli(['check', dir, '--json'], { env }).stdout)
  assertShape(j)
  assert.strictEqual(j.ok, true)
  assert.strictEqual(j.dir, dir)
  assert.strictEqual(j.facts.scan.symlinks, 1)
  assert.strictEqual(j.facts.places.project.privileges.canSymlink, true)
  assert.strictEqual(typeof j.facts.places.project.fs.type, 'string')
  // The current directory is the default.
  assert.strictEqual(JSON.parse(cli(['check', '--json'], { env, cwd: dir }).stdout).dir, dir)
})

test('broken .bin links, a missing npm-linked package, loops, a missing file: dependency', (t) => {
  const dir = project(t, { 'package.json': { dependencies: { local: 'file:../gone-local', ok: '^1.0.0' } } })
  const nm = path.join(dir, 'node_modules')
  fs.symlinkSync('../removed/bin/cli.js', path.join(nm, '.bin', 'removed'))
  fs.symlinkSync('/nonexistent/global/lib/node_modules/linked', path.join(nm, 'linked'))
  fs.mkdirSync(path.join(nm, '@s'))
  fs.symlinkSync('../../../nowhere/x', path.join(nm, '@s', 'x'))
  fs.symlinkSync('loop-b', path.join(nm, 'ok', 'loop-a'))
  fs.symlinkSync('loop-a', path.join(nm, 'ok', 'loop-b'))
  const { env } = npmEnv(t)
  const r = cli(['check', dir, '--json'], { env })
  assert.strictEqual(r.code, 1, r.stderr)
  const j = JSON.parse(r.stdout)
  assertShape(j)
  assert.strictEqual(j.ok, false)
  const bin = j.findings.find((f) => f.title.includes('.bin link'))
  assert.deepStrictEqual(bin.paths, [path.join(nm, '.bin', 'removed')])
  assert.strictEqual(bin.id, 'broken-symlink')
  const linked = j.findings.find((f) => f.title.includes('linked package'))
  assert.deepStrictEqual(linked.paths.sort(), [path.join(nm, '@s', 'x'), path.join(nm, 'linked')])
  assert.strictEqual(linked.severity, 'error')
  const loop = j.findings.find((f) => f.id === 'symlink-loop')
  assert.strictEqual(loop.count, 2)
  const local = j.findings.find((f) => f.title.includes('local dependenc'))
  assert.deepStrictEqual(local.paths, [path.resolve(dir, '../gone-local')])
  // Errors first.
  const sev = j.findings.map((f) => f.severity)
  assert.deepStrictEqual(sev, [...sev].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)))
  // Text output, also with --quiet: every finding with its fix.
  const q = cli(['check', dir, '--quiet'], { env })
  assert.strictEqual(q.code, 1)
  assert.match(q.stdout, /^ERROR /m)
  assert.match(q.stdout, /node_modules\/\.bin\/removed -> \.\.\/removed\/bin\/cli\.js/)
  assert.match(q.stdout, /fix: /)
  assert.doesNotMatch(q.stdout, /No problems|scanned/)
})

test('leftovers in npm cache tmp, outside links as notes, long paths', (t) => {
  const dir = project(t)
  const { env, home } = npmEnv(t)
  fs.mkdirSync(path.join(home, 'cache', '_cacache', 'tmp'), { recursive: true })
  fs.writeFileSync(path.join(home, 'cache', '_cacache', 'tmp', 'a1b2c3'), 'partial')
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-check-target-'))
  t.after(() => fs.rmSync(target, { recursive: true, force: true }))
  fs.symlinkSync(target, path.join(dir, 'node_modules', 'dev-linked'))
  let p = path.join(dir, 'node_modules', 'ok')
  while (p.length < 300) p = path.join(p, 'nested-directory-name')
  fs.mkdirSync(p, { recursive: true })
  const j = JSON.parse(cli(['check', dir, '--json'], { env }).stdout)
  const cache = j.findings.find((f) => f.id === 'corrupted-cache')
  assert.ok(cache, JSON.stringify(ids(j)))
  assert.strictEqual(cache.count, 1)
  assert.ok(j.notes.some((n) => n.id === 'outside-link' && n.paths[0] === path.join(dir, 'node_modules', 'dev-linked')))
  const long = j.findings.find((f) => f.id === 'path-too-long')
  assert.strictEqual(long.paths.length, 1)
  assert.ok(long.paths[0].length > 260)
})

test('root-owned files in a user project (after sudo npm install)', (t) => {
  if (!sys.isRoot()) return t.skip('needs root: chown')
  const dir = project(t)
  fs.mkdirSync(path.join(dir, 'node_modules', 'x'))
  fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'index.js'), '')
  const { uid, gid } = sys.userIds('nobody')
  // Everything is the user's but node_modules/x.
  const give = (p) => {
    fs.lchownSync(p, uid, gid)
    if (fs.lstatSync(p).isDirectory() && p !== path.join(dir, 'node_modules', 'x')) {
      for (const n of fs.readdirSync(p)) give(path.join(p, n))
    }
  }
  give(dir)
  fs.chownSync(path.join(dir, 'node_modules', 'x'), 0, 0)
  const { env } = npmEnv(t)
  const j = JSON.parse(cli(['check', dir, '--json'], { env }).stdout)
  const owner = j.findings.find((f) => f.id === 'wrong-owner')
  assert.ok(owner, JSON.stringify(ids(j)))
  assert.deepStrictEqual(owner.paths, [path.join(dir, 'node_modules', 'x')])
  assert.strictEqual(owner.count, 2)
  assert.match(owner.detail, /belongs to uid \d+/)
  // The catalogue's fix, on the measured entry.
  assert.ok(owner.fixes[0].commands.includes(`sudo chown -R "$(id -un)" -- ${path.join(dir, 'node_modules', 'x')}`), JSON.stringify(owner.fixes))
  assert.deepStrictEqual(owner.fixes[0].classes, ['inspect', 'reown'])
})

test('a read-only mount and a non-writable project as another user', async (t) => {
  if (sys.skipUnlessRunAs(t, 'mounts a tmpfs, runs check as nobody')) return
  const m = sys.mountTmpfs({ size: '8m' })
  t.after(() => m.cleanup())
  const dir = path.join(m.dir, 'proj')
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), '{}')
  sys.run('mount', ['-o', 'remount,ro', m.dir])
  const { env } = npmEnv(t)
  const j = JSON.parse(cli(['check', dir, '--json'], { env }).stdout)
  const ro = j.findings.find((f) => f.id === 'read-only-fs')
  assert.ok(ro, JSON.stringify(ids(j)))
  assert.strictEqual(ro.severity, 'error')
  assert.strictEqual(ro.evidence.fs.mountPoint, m.dir)
  // A root-owned project checked by nobody: not writable, and not theirs.
  const mine = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-check-ro-')))
  t.after(() => fs.rmSync(mine, { recursive: true, force: true }))
  fs.chmodSync(mine, 0o755)
  const r = sys.runAs('nobody', process.execPath, [sys.packageAs('nobody').bin, 'check', mine, '--json'], { env: { ...env, HOME: '/nonexistent' } })
  assert.strictEqual(r.status, 1, r.stderr)
  const jr = JSON.parse(r.stdout)
  assert.ok(jr.findings.some((f) => f.id === 'wrong-owner' && f.paths[0] === mine), JSON.stringify(ids(jr)))
})

test('could not run: missing dir, a file, no permission to scan: exit 2, one line', async (t) => {
  const dir = project(t)
  oneLine(assert, cli(['check', path.join(dir, 'nope')]), /cannot check .*nope.*ENOENT/)
  oneLine(assert, cli(['check', path.join(dir, 'package.json')]), /not a directory/)
  await t.test('no permission to scan', (t) => {
    if (sys.skipUnlessRunAs(t, 'runs check as nobody on a 0700 directory')) return
    fs.chmodSync(dir, 0o700)
    const r = sys.runAs('nobody', process.execPath, [sys.packageAs('nobody').bin, 'check', dir])
    oneLine(assert, { code: r.status, stderr: r.stderr }, /permission denied \(EACCES\)/)
  })
})

test('without the addon: the JS walk finds what the native scan finds', (t) => {
  const dir = project(t)
  const nm = path.join(dir, 'node_modules')
  fs.symlinkSync('../removed/bin/cli.js', path.join(nm, '.bin', 'removed'))
  fs.symlinkSync('loop', path.join(nm, 'ok', 'loop'))
  fs.symlinkSync('..', path.join(nm, 'ok', 'up'))
  const { env } = npmEnv(t)
  const native = JSON.parse(cli(['check', dir, '--json'], { env }).stdout)
  const r = cli(['check', dir, '--json'], { env: { ...env, FSDOCTOR_NO_NATIVE: '1' } })
  assert.strictEqual(r.code, 1, r.stderr)
  const js = JSON.parse(r.stdout)
  const tree = (j) => j.findings.filter((f) => ['broken-symlink', 'symlink-loop'].includes(f.id)).map((f) => [f.title, f.paths]).sort()
  assert.deepStrictEqual(tree(js), tree(native))
  assert.ok(js.skipped.some((s) => /filesystem of project/.test(s.check)))
  // Same answer as the native scan on a generated tree.
  const { makeTree } = require('../bench/tree')
  makeTree(dir, 3000)
  const { walkSync } = require('../lib/check/walk')
  const a = walkSync(dir, { owner: true })
  const b = require('..').scanSync(dir, { owner: true })
  const norm = (x) => x.findings.map((f) => [f.kind, f.path, f.target, f.error, f.ancestor].join('|')).sort()
  assert.deepStrictEqual(norm(a), norm(b))
  for (const k of ['entries', 'dirs', 'files', 'symlinks']) assert.strictEqual(a[k], b[k], k)
})

test('fixes come from the catalogue, filled with measured values only', () => {
  const { fixContext, fixesFor, reinstallFixes, quote } = require('../lib/check/fixes')
  const catalogue = require('../lib/causes.json')
  const home = os.homedir()
  const proj = path.join(home, 'proj')
  const ctx = (platform, project = proj) => fixContext(platform, { project, cache: path.join(home, '.npm'), prefix: '/usr/local', mounts: ['/'] },
    { project, projectName: path.basename(project), cache: path.join(home, '.npm'), prefix: '/usr/local', mount: '/', fstype: 'ext4' })
  // Every command is one of the cause's own templates, filled.
  // ... or the inspect the guard shows instead of a command it holds back.
  const instead = ['ls -la -- {target}', 'ls -ld -- {target}', 'Get-ChildItem -LiteralPath {target} -Force', 'dir /a {target}', 'Get-Acl -LiteralPath {target} | Format-List', 'icacls {target}']
  const templates = (id) => catalogue.find((c) => c.id === id).fixes.flatMap((f) => f.commands).concat(instead)
  const filledFrom = (cmd, tmpls) => tmpls.some((t) => new RegExp('^' + t.split(/\{[A-Za-z]+\}/).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+') + '$').test(cmd))
  for (const platform of ['linux', 'darwin', 'win32', 'wsl']) {
    for (const { id } of catalogue) {
      const items = [{ path: path.join(proj, 'node_modules', 'a'), component: path.join(proj, 'node_modules', 'a'), brokenlink: path.join(proj, 'node_modules', 'b'), linktarget: '../gone', looplink: path.join(proj, 'node_modules', 'c'), nlink: 65000, owner: 'root' }]
      for (const f of fixesFor(ctx(platform), id, { linkmax: 65000, limit: 1024, newlimit: 65536, bit: 'w' }, { items })) {
        assert.doesNotMatch(f.text, /\{[A-Za-z]+\}/, `${id}: ${f.text}`)
        for (const c of f.commands) {
          assert.doesNotMatch(c, /\{[A-Za-z]+\}|<[a-z ]+>/, `${id}: ${c}`)
          assert.ok(filledFrom(c, templates(id)), `${id} on ${platform}: '${c}' is not a catalogue command`)
        }
      }
    }
  }
  // The hard-link limit: the catalogue's advice (copy local deps), never
  // the opposite.
  const hl = fixesFor(ctx('linux'), 'hard-link-limit', {}, { items: [{ path: path.join(proj, 'f'), nlink: 65000 }] })
  const cmds = hl.flatMap((f) => f.commands)
  assert.ok(cmds.includes('npm install --install-links'), cmds.join('\n'))
  assert.ok(!cmds.some((c) => /install-links false/.test(c)))
  // A value nobody measured: the fix that needs it is left out.
  assert.ok(!fixesFor(ctx('linux'), 'symlink-loop').some((f) => /Remove the link/.test(f.text)))
  // Removing or re-owning: only a measured target inside the project or the
  // cache, never the home directory, a root or a mount point.
  assert.deepStrictEqual(reinstallFixes(ctx('linux')).flatMap((f) => f.commands),
    [`npx rimraf ${path.join(proj, 'node_modules')}`, `npm install --prefix ${proj}`])
  assert.deepStrictEqual(reinstallFixes(ctx('linux', '/')), [])
  assert.deepStrictEqual(reinstallFixes(ctx('linux', home)), [])
  const chown = (component) => fixesFor(ctx('linux'), 'wrong-owner', { component, owner: 'root' }).flatMap((f) => f.commands)
  assert.ok(chown(path.join(proj, 'node_modules')).some((c) => /chown -R/.test(c)))
  assert.ok(!chown(home).some((c) => /chown -R/.test(c)))
  assert.ok(!chown('/').some((c) => /chown -R/.test(c)))
  assert.ok(!chown('/usr/lib/node_modules').some((c) => /chown -R/.test(c)))
  assert.ok(chown(home).includes(`ls -ld -- ${home}`), 'inspecting stays')
  // path-too-long's "npx rimraf node_modules" names no measured target.
  assert.ok(!fixesFor(ctx('win32'), 'path-too-long').some((f) => f.commands.some((c) => /rimraf/.test(c))))
  // One quoting rule per shell.
  assert.strictEqual(quote('/a b/it\'s', 'bash', false), "'/a b/it'\\''s'")
  assert.strictEqual(quote("C:\\a b\\it's", 'powershell', true), "'C:\\a b\\it''s'")
  assert.strictEqual(quote('C:\\a b', 'cmd', true), '"C:\\a b"')
  assert.strictEqual(quote('C:\\a b', null, true), '"C:\\a b"')
  assert.strictEqual(quote('/plain/path-1.2_x', 'bash', false), '/plain/path-1.2_x')
})

test('text output: no fix command is relative to nothing or holds a placeholder', (t) => {
  const dir = project(t)
  const nm = path.join(dir, 'node_modules')
  fs.symlinkSync('../removed/bin/cli.js', path.join(nm, '.bin', 'removed'))
  const { env } = npmEnv(t)
  const j = JSON.parse(cli(['check', dir, '--json'], { env }).stdout)
  const cmds = j.findings.flatMap((f) => f.fixes.flatMap((x) => x.commands))
  assert.ok(cmds.includes(`npx rimraf ${nm}`), cmds.join('\n'))
  for (const c of cmds) {
    assert.doesNotMatch(c, /\{[A-Za-z]+\}|<[a-z ]+>/)
    assert.doesNotMatch(c, /\brm -rf node_modules\b|rimraf node_modules\b/)
  }
})

test('a name with a newline or an escape sequence cannot forge a line of the report', async () => {
  const { check } = require('../lib/check')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-check-ctl-'))
  try {
    const nm = path.join(dir, 'node_modules')
    fs.mkdirSync(nm)
    fs.writeFileSync(path.join(dir, 'package.json'), '{}')
    const evil = 'a\n  $ rm -rf ~ #\u001b[2K'
    fs.symlinkSync(path.join(dir, 'gone'), path.join(nm, evil))
    const report = await check(dir)
    const f = report.findings.find((x) => x.id === 'broken-symlink')
    assert.ok(f, JSON.stringify(report.findings.map((x) => x.id)))
    assert.ok(f.paths.includes(path.join(nm, evil)), 'paths stay as they are')
    for (const line of f.detail.split('\n')) assert.doesNotMatch(line, /^\s*\$ rm -rf ~/)
    assert.match(f.detail, /a\\n {2}\$ rm -rf ~ #\\e\[2K/)
    for (const fix of f.fixes) {
      assert.ok(!/[\n\u001b]/.test(fix.text), fix.text)
      for (const c of fix.commands) assert.ok(!/[\n\u001b]/.test(c), c)
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
