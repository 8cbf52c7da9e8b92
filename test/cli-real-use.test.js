'use strict'
// The CLI under real use (issue 17): a reader that goes away, options
// before the command, errors of another process, a user who cannot see
// every process, bad codes, no addon, no writes outside the project, and
// npm's cache while an npm runs.
const test = require('node:test')
const assert = require('node:assert')
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { cli, cliAsync, npmEnv, oneLine, bin } = require('./helpers/cli')
const sys = require('./helpers/sys')

function tmp (t, prefix = 'fsd-real-') {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

// Runs the CLI with a stdout pipe whose reading end is closed at once,
// as `| head -1` does once it has its line.
function closedPipe (args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (d) => { stderr += d })
    child.on('close', (code, signal) => resolve({ code, signal, stderr }))
  })
}

test('a closed stdout ends the command quietly, with the status of SIGPIPE', async (t) => {
  const dir = tmp(t)
  const { env } = npmEnv(t)
  // More than a pipe holds, so a write meets the closed end in any case.
  const lines = []
  for (let i = 0; i < 400; i++) lines.push(`Error: EACCES: permission denied, open '/nonexistent-${i}/x/y'`)
  const log = path.join(dir, 'big.log')
  fs.writeFileSync(log, lines.join('\n') + '\n')
  for (const args of [['check', dir], ['explain', log], ['explain', '--json', log], ['--help']]) {
    const r = await closedPipe(args, env)
    assert.strictEqual(r.signal, null)
    assert.strictEqual(r.code, 141, `${args.join(' ')}: ${r.stderr}`)
    assert.strictEqual(r.stderr, '', `${args.join(' ')} printed on stderr`)
  }
})

test('the options of every command are accepted before the command', (t) => {
  const dir = tmp(t)
  const { env } = npmEnv(t)
  const j = cli(['--json', 'check', dir], { env })
  assert.strictEqual(JSON.parse(j.stdout).dir, dir, j.stderr)
  const diag = ['diagnose', '--code', 'EPERM', '--syscall', 'rename', '--path', 'C:\\p\\a', '--platform', 'win32']
  const colored = cli(['--color', ...diag], { env })
  assert.strictEqual(colored.code, 0, colored.stderr)
  assert.match(colored.stdout, /\x1b\[\d+m/)
  const plain = cli(['--no-color', ...diag], { env: { ...env, FORCE_COLOR: '1' } })
  assert.strictEqual(plain.code, 0, plain.stderr)
  assert.doesNotMatch(plain.stdout, /\x1b\[/)
  assert.strictEqual(JSON.parse(cli(['-j', '--no-color', ...diag], { env }).stdout).code, 'EPERM')
  assert.strictEqual(cli(['--help', 'check'], { env }).stdout, cli(['check', '--help'], { env }).stdout)
  // Still one line for what is not an option of every command.
  oneLine(assert, cli(['--code', 'EPERM', 'diagnose'], { env }), /unknown option '--code'/)
})

test('explain of EMFILE: the limits of the process that failed are not measured here', (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'package.json')
  fs.writeFileSync(file, '{}')
  const log = [
    'npm error code EMFILE',
    'npm error syscall open',
    `npm error path ${file}`,
    'npm error errno -24',
    `npm error EMFILE: too many open files, open '${file}'`,
    ''
  ].join('\n')
  const r = cli(['explain', '--json'], { input: log })
  assert.strictEqual(r.code, 1, r.stderr)
  const out = JSON.parse(r.stdout)
  const d = out.diagnoses[0]
  assert.strictEqual(d.code, 'EMFILE')
  assert.strictEqual(d.live, false, 'fsdoctor\'s own descriptors are not the evidence')
  assert.doesNotMatch(JSON.stringify(d.causes), /nofileSoft|openFds/)
  assert.match(out.groups[0].notes.join(' '), /limits of the process that failed are not known/)
  const h = cli(['explain'], { input: log })
  assert.match(h.stdout, /not known here/)
  assert.match(h.stdout, /\/proc\/<pid>\/limits/)
  assert.doesNotMatch(h.stdout, /This process may open \d+ descriptors/)
  // diagnose is another process too.
  const d2 = JSON.parse(cli(['diagnose', '--code', 'EMFILE', '--syscall', 'open', '--path', file, '--json']).stdout)
  assert.strictEqual(d2.live, false)
  assert.match(cli(['diagnose', '--code', 'EMFILE', '--syscall', 'open', '--path', file]).stdout, /not known here/)
})

test('who as a user who cannot inspect every process: could not tell, exit 2', (t) => {
  if (sys.skipUnlessRunAs(t, 'runs who as nobody, who cannot see root\'s processes')) return
  const dir = tmp(t)
  fs.chmodSync(dir, 0o755)
  const file = path.join(dir, 'free.txt')
  fs.writeFileSync(file, '')
  const r = sys.runAs('nobody', process.execPath, [sys.packageAs('nobody').bin, 'who', file])
  assert.strictEqual(r.status, 2, r.stdout + r.stderr)
  assert.doesNotMatch(r.stdout, /Nothing holds/)
  assert.match(r.stdout, /^Could not tell whether anything holds .*free\.txt open: \d+ process(es)? of \d+ could not be inspected/)
  assert.match(r.stdout, /sudo npx fsdoctor who .*free\.txt/)
  const j = sys.runAs('nobody', process.execPath, [sys.packageAs('nobody').bin, 'who', '--json', file])
  assert.strictEqual(j.status, 2, j.stderr)
  const out = JSON.parse(j.stdout)
  assert.strictEqual(out.answered, false)
  assert.ok(out.uninspected > 0)
})

test('diagnose: an unknown code is a usage error; no path, nothing measured', (t) => {
  const { env } = npmEnv(t)
  oneLine(assert, cli(['diagnose', '--code', 'EWHAT'], { env }), /unknown error code 'EWHAT'.*--code EPERM/)
  const r = cli(['diagnose', '--code', 'EPERM', '--syscall', 'rename'], { env })
  assert.strictEqual(r.code, 0, r.stderr)
  assert.doesNotMatch(r.stdout, /measured on this machine/)
  assert.match(r.stdout, /nothing measured/)
  assert.strictEqual(JSON.parse(cli(['diagnose', '--code', 'EPERM', '--syscall', 'rename', '--json'], { env }).stdout).live, false)
  // Codes the core knows that this platform's errno table may not.
  for (const code of ['ENOTSUP', 'EDQUOT', 'EXDEV']) assert.strictEqual(cli(['diagnose', '--code', code], { env }).code, 0, code)
})

test('check without the addon says once that it could not check, exit 2', (t) => {
  const dir = tmp(t)
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"p","version":"1.0.0"}')
  const { env } = npmEnv(t)
  const noNative = { ...env, FSDOCTOR_NO_NATIVE: '1' }
  const r = cli(['check', dir], { env: noNative })
  assert.strictEqual(r.code, 2, r.stdout + r.stderr)
  assert.doesNotMatch(r.stdout, /No problems found/)
  assert.doesNotMatch(r.stdout, /not checked:/)
  assert.strictEqual(r.stdout.match(/Could not check/g).length, 1, r.stdout)
  assert.match(r.stdout, /native addon did not load/)
  assert.match(r.stdout, /To get it: unset FSDOCTOR_NO_NATIVE/)
  const q = cli(['check', dir, '--quiet'], { env: noNative })
  assert.strictEqual(q.code, 2)
  assert.match(q.stdout, /Could not check/)
  const j = cli(['check', dir, '--json'], { env: noNative })
  assert.strictEqual(j.code, 2)
  const out = JSON.parse(j.stdout)
  assert.strictEqual(out.ok, false)
  assert.strictEqual(out.complete, false)
})

// mtime set to a day in 2001: any entry created and removed resets it.
function freeze (dir) {
  const old = new Date('2001-02-03T04:05:06Z')
  fs.utimesSync(dir, old, old)
  return () => ({ mtime: fs.statSync(dir).mtimeMs, names: fs.readdirSync(dir).sort() })
}

test('check writes nothing outside the project and npm\'s cache', (t) => {
  if (!require('..').native) return t.skip('the live probes need the addon')
  const dir = tmp(t)
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"p","version":"1.0.0"}')
  const { env, home } = npmEnv(t)
  // npm's global prefix: a directory of ours outside the project, as /usr
  // or /usr/local is for many users.
  const prefix = path.join(home, 'prefix')
  const before = freeze(prefix)()
  const after = freeze(prefix)
  const r = cli(['check', dir, '--json'], { env })
  assert.ok(r.code === 0 || r.code === 1, r.stderr)
  assert.deepStrictEqual(after(), before, 'npm\'s global prefix was written to')
  const out = JSON.parse(r.stdout)
  const pr = out.facts.places['npm global prefix'].privileges
  assert.strictEqual(pr.canWrite, true, 'measured without writing')
  assert.strictEqual(pr.measuredBy, 'access')
  // The project itself is probed (it was asked about): symlinks measured.
  assert.strictEqual(out.facts.places.project.privileges.canSymlink, true)
  // A directory that is no project is not written to either.
  const bare = tmp(t)
  const b = freeze(bare)()
  const b2 = freeze(bare)
  cli(['check', bare, '--json'], { env })
  assert.deepStrictEqual(b2(), b, 'a directory that is no project was written to')
  // A prefix we may not write to is found so without a write.
  if (sys.isRoot()) return
  const ro = tmp(t)
  fs.chmodSync(ro, 0o555)
  t.after(() => fs.chmodSync(ro, 0o755))
  const j = JSON.parse(cli(['check', dir, '--json'], { env: { ...env, npm_config_prefix: ro } }).stdout)
  assert.ok(j.findings.some((f) => f.id === 'global-prefix-not-writable'))
})

test('check: entries an npm is writing in _cacache/tmp are not leftovers', async (t) => {
  const dir = tmp(t)
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"p","version":"1.0.0"}')
  const { env, home } = npmEnv(t)
  const ctmp = path.join(home, 'cache', '_cacache', 'tmp')
  fs.mkdirSync(ctmp, { recursive: true })
  // What `npm install` has there while it downloads: fresh files.
  fs.writeFileSync(path.join(ctmp, '7f3a9c21'), 'partial download')
  fs.mkdirSync(path.join(ctmp, 'git-clone-1a2b'))
  fs.writeFileSync(path.join(ctmp, 'git-clone-1a2b', 'HEAD'), 'ref')
  const fresh = JSON.parse(cli(['check', dir, '--json'], { env }).stdout)
  assert.ok(!fresh.findings.some((f) => f.id === 'corrupted-cache'), JSON.stringify(fresh.findings.map((f) => f.title)))
  // An hour later, untouched: a leftover. A directory counts its newest
  // entry: one fresh file inside keeps it.
  const hourAgo = new Date(Date.now() - 3600e3)
  fs.utimesSync(path.join(ctmp, '7f3a9c21'), hourAgo, hourAgo)
  fs.utimesSync(path.join(ctmp, 'git-clone-1a2b'), hourAgo, hourAgo)
  const old = JSON.parse(cli(['check', dir, '--json'], { env }).stdout)
  const f = old.findings.find((x) => x.id === 'corrupted-cache')
  assert.ok(f, JSON.stringify(old.findings.map((x) => x.title)))
  assert.strictEqual(f.count, 1)
  assert.deepStrictEqual(f.evidence.items, ['7f3a9c21'])
  assert.strictEqual(f.evidence.freshSkipped, 1)
  // An old entry that a running process holds open: its writer is alive.
  if (!require('..').native) return
  const h = await sys.spawnHolder(path.join(ctmp, '7f3a9c21'))
  assert.ok(Date.now() - fs.statSync(path.join(ctmp, '7f3a9c21')).mtimeMs > 3000e3, 'the holder left the mtime alone')
  t.after(() => h.kill())
  const held = JSON.parse((await cliAsync(['check', dir, '--json'], { env })).stdout)
  assert.ok(!held.findings.some((x) => x.id === 'corrupted-cache'), JSON.stringify(held.findings.map((x) => x.title)))
})
