'use strict'
// fsdoctor CLI: usage, diagnose, explain; exit codes and bad input.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { cli, npmEnv, oneLine } = require('./helpers/cli')
const sys = require('./helpers/sys')
const pkg = require('../package.json')

function tmp (t) {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-cli-')))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

// The diagnosis contract (DESIGN.md), checked field by field.
function assertDiagnosis (d) {
  for (const k of ['code', 'syscall', 'path', 'dest', 'errno', 'platform', 'live', 'summary', 'transient', 'causes', 'facts']) {
    assert.ok(k in d, `diagnosis lacks ${k}`)
  }
  assert.strictEqual(typeof d.summary, 'string')
  assert.strictEqual(typeof d.live, 'boolean')
  assert.strictEqual(typeof d.transient, 'boolean')
  assert.ok(Array.isArray(d.causes) && d.causes.length > 0)
  for (const c of d.causes) {
    assert.match(c.id, /^[a-z-]+$/)
    assert.ok(c.confidence >= 0 && c.confidence <= 1)
    for (const k of ['title', 'detail']) assert.strictEqual(typeof c[k], 'string')
    assert.strictEqual(typeof c.evidence, 'object')
    assert.ok(Array.isArray(c.fixes))
    for (const f of c.fixes) {
      assert.strictEqual(typeof f.text, 'string')
      assert.ok(Array.isArray(f.commands))
    }
  }
}

test('--help, --version, help <command>, no arguments', () => {
  const h = cli(['--help'])
  assert.strictEqual(h.code, 0)
  for (const c of ['explain', 'check', 'who', 'run', 'diagnose']) assert.match(h.stdout, new RegExp(`\\b${c}\\b`))
  assert.strictEqual(cli(['--version']).stdout.trim(), pkg.version)
  assert.strictEqual(cli(['check', '--version']).stdout.trim(), pkg.version)
  for (const c of ['explain', 'check', 'who', 'run', 'diagnose']) {
    const r = cli([c, '--help'])
    assert.strictEqual(r.code, 0)
    assert.match(r.stdout, new RegExp(`^Usage: fsdoctor ${c}`))
    assert.match(r.stdout, /Exit status/)
    assert.strictEqual(cli(['help', c]).stdout, r.stdout)
  }
  const none = cli([])
  assert.strictEqual(none.code, 2)
  assert.match(none.stderr, /^Usage: fsdoctor/)
  assert.strictEqual(none.stdout, '')
})

test('unknown commands and flags: one line, exit 2', () => {
  oneLine(assert, cli(['frobnicate']), /unknown command 'frobnicate'/)
  oneLine(assert, cli(['--frob']), /unknown option '--frob'/)
  oneLine(assert, cli(['check', '--bogus']), /unknown option '--bogus'/)
  oneLine(assert, cli(['check', '-x']), /unknown option '-x'/)
  oneLine(assert, cli(['diagnose', '--code']), /'--code' needs a value/)
  oneLine(assert, cli(['diagnose', '--code', 'EPERM', '--errno', 'abc']), /needs a number/)
  oneLine(assert, cli(['check', 'a', 'b']), /unexpected argument 'b'/)
  oneLine(assert, cli(['who', '--json=maybe', 'x']), /takes no value/)
  oneLine(assert, cli(['check', '--', 'x']), /'--' is only used by/)
})

test('diagnose: --json is the diagnosis contract, live on this machine', (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'locked.txt')
  fs.writeFileSync(file, '')
  const r = cli(['diagnose', '--code', 'EBUSY', '--syscall', 'unlink', '--path', file, '--json'])
  assert.strictEqual(r.code, 0, r.stderr)
  const d = JSON.parse(r.stdout)
  assertDiagnosis(d)
  assert.strictEqual(d.code, 'EBUSY')
  assert.strictEqual(d.syscall, 'unlink')
  assert.strictEqual(d.path, file)
  assert.strictEqual(d.live, true)
  assert.strictEqual(d.platform, process.platform)
  // Text form: the summary and the first cause's fix.
  const h = cli(['diagnose', '--code', 'EBUSY', '--syscall', 'unlink', '--path', file])
  assert.strictEqual(h.code, 0)
  assert.ok(h.stdout.includes(d.summary.slice(0, 40)))
  assert.doesNotMatch(h.stdout, /\x1b\[/, 'colors without a TTY')
})

test('diagnose: another platform is text-only; relative paths resolve; bad input', (t) => {
  const w = cli(['diagnose', '--code', 'eperm', '--syscall', 'rename', '--path', 'C:\\p\\node_modules\\.staging\\a',
    '--dest', 'C:\\p\\node_modules\\a', '--errno', '-4048', '--platform', 'win32', '--json'])
  assert.strictEqual(w.code, 0, w.stderr)
  const d = JSON.parse(w.stdout)
  assertDiagnosis(d)
  assert.strictEqual(d.code, 'EPERM')
  assert.strictEqual(d.live, false)
  assert.strictEqual(d.platform, 'win32')
  assert.strictEqual(d.dest, 'C:\\p\\node_modules\\a')
  assert.strictEqual(d.causes[0].id, 'file-locked')
  const dir = tmp(t)
  const rel = cli(['diagnose', '--code', 'ENOENT', '--syscall', 'open', '--path', 'x.js', '--json'], { cwd: dir })
  assert.strictEqual(JSON.parse(rel.stdout).path, path.join(dir, 'x.js'))
  oneLine(assert, cli(['diagnose']), /missing '--code'/)
  oneLine(assert, cli(['diagnose', '--code', 'nope!']), /not an error code/)
  oneLine(assert, cli(['diagnose', '--code', 'EPERM', '--platform', 'beos']), /--platform must be one of/)
  oneLine(assert, cli(['diagnose', 'extra', '--code', 'EPERM']), /unexpected argument 'extra'/)
})

const WIN_LOG = [
  'npm ERR! code EPERM',
  'npm ERR! syscall rename',
  'npm ERR! path C:\\project\\node_modules\\.staging\\lodash-9a4f2c1b\\package.json',
  'npm ERR! dest C:\\project\\node_modules\\lodash\\package.json',
  'npm ERR! errno -4048',
  "npm ERR! Error: EPERM: operation not permitted, rename 'C:\\project\\node_modules\\.staging\\lodash-9a4f2c1b\\package.json' -> 'C:\\project\\node_modules\\lodash\\package.json'",
  ''
].join('\n')

test('explain: a pasted Windows npm log is text-only; a local error is live', (t) => {
  const dir = tmp(t)
  const log = path.join(dir, 'npm.log')
  fs.writeFileSync(log, WIN_LOG)
  const r = cli(['explain', log, '--json'])
  assert.strictEqual(r.code, 1, r.stderr)
  const out = JSON.parse(r.stdout)
  assert.strictEqual(out.command, 'explain')
  assert.strictEqual(out.input, log)
  assert.strictEqual(out.errors.length, out.diagnoses.length)
  assert.strictEqual(out.diagnoses.length, 1, 'the same error twice in one log is explained once')
  const d = out.diagnoses[0]
  assertDiagnosis(d)
  assert.strictEqual(d.live, false)
  assert.strictEqual(d.platform, 'win32')
  assert.strictEqual(d.causes[0].id, 'file-locked')
  assert.strictEqual(out.errors[0].code, 'EPERM')
  // A local path that exists: live evidence.
  const file = path.join(dir, 'x')
  fs.writeFileSync(file, '')
  const local = `Error: EACCES: permission denied, open '${file}'\n`
  const l = cli(['explain', '-', '--json'], { input: local })
  assert.strictEqual(l.code, 1, l.stderr)
  const ld = JSON.parse(l.stdout).diagnoses[0]
  assert.strictEqual(ld.live, true)
  assert.strictEqual(ld.path, file)
  assert.strictEqual(JSON.parse(cli(['explain', '--no-live', '--json'], { input: local }).stdout).diagnoses[0].live, false)
  // Human output names the line and the source.
  const h = cli(['explain', log])
  assert.match(h.stdout, /1 filesystem error in 1 group, in .*npm\.log/)
  assert.match(h.stdout.split('\n')[0], /^EPERM from rename: /, 'the answer comes first')
  assert.match(h.stdout, /line 1, npm/)
  assert.match(h.stdout, /file-locked/)
})

test('explain: stdin, nothing found, and several errors in a terminal paste', () => {
  const none = cli(['explain'], { input: 'all good\nnothing to see\n' })
  assert.strictEqual(none.code, 0)
  assert.match(none.stdout, /No filesystem error found/)
  assert.deepStrictEqual(JSON.parse(cli(['explain', '--json'], { input: '' }).stdout),
    { command: 'explain', input: '-', run: null, errors: [], diagnoses: [], groups: [] })
  const paste = [
    '$ npm install',
    "Error: EMFILE: too many open files, open '/home/u/p/node_modules/a/index.js'",
    '$ node build.js',
    "Error: ELOOP: too many symbolic links encountered, stat '/home/u/p/node_modules/b'",
    ''
  ].join('\n')
  const r = cli(['explain', '--json'], { input: paste })
  assert.strictEqual(r.code, 1)
  const out = JSON.parse(r.stdout)
  assert.deepStrictEqual(out.diagnoses.map((d) => d.code), ['EMFILE', 'ELOOP'])
})

test('explain: bad input is one line and exit 2', async (t) => {
  const dir = tmp(t)
  oneLine(assert, cli(['explain', dir]), /is a directory/)
  oneLine(assert, cli(['explain', path.join(dir, 'missing.log')]), /no such file.*ENOENT/)
  const binf = path.join(dir, 'a.bin')
  fs.writeFileSync(binf, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]))
  oneLine(assert, cli(['explain', binf]), /looks like a binary file/)
  oneLine(assert, cli(['explain'], { input: Buffer.from([1, 2, 0, 3]) }), /stdin looks like binary/)
  oneLine(assert, cli(['explain', 'a', 'b']), /unexpected argument 'b'/)
  await t.test('a log the user may not read', (t) => {
    if (sys.skipUnlessRunAs(t, 'runs explain as nobody on a 0600 file of root\'s')) return
    const closed = path.join(dir, 'closed.log')
    fs.writeFileSync(closed, WIN_LOG, { mode: 0o600 })
    const r = sys.runAs('nobody', process.execPath, [sys.packageAs('nobody').bin, 'explain', closed])
    oneLine(assert, { code: r.status, stderr: r.stderr }, /permission denied \(EACCES\)/)
  })
})

test('explain --npm-log reads the newest debug log from npm_config_cache/_logs', (t) => {
  const { env, home } = npmEnv(t)
  const logs = path.join(home, 'cache', '_logs')
  oneLine(assert, cli(['explain', '--npm-log'], { env }), /no npm debug log found in .*_logs/)
  fs.mkdirSync(logs)
  const old = path.join(logs, '2024-01-01T00_00_00_000Z-debug-0.log')
  const nu = path.join(logs, '2024-06-01T00_00_00_000Z-debug-0.log')
  fs.writeFileSync(old, '0 verbose stack Error: ENOENT: no such file or directory, open \'/nope/a\'\n')
  fs.writeFileSync(nu, [
    '0 verbose cli /usr/bin/node /usr/bin/npm',
    '1 verbose stack Error: EACCES: permission denied, mkdir \'/usr/lib/node_modules/x\'',
    '2 error code EACCES',
    '3 error syscall mkdir',
    '4 error path /usr/lib/node_modules/x',
    '5 error errno -13',
    ''
  ].join('\n'))
  fs.utimesSync(old, new Date(2024, 0, 1), new Date(2024, 0, 1))
  const r = cli(['explain', '--npm-log', '--json'], { env })
  assert.strictEqual(r.code, 1, r.stderr)
  const out = JSON.parse(r.stdout)
  assert.strictEqual(out.input, nu)
  assert.strictEqual(out.diagnoses[0].code, 'EACCES')
  assert.strictEqual(out.diagnoses[0].path, '/usr/lib/node_modules/x')
  oneLine(assert, cli(['explain', 'x.log', '--npm-log'], { env }), /either a file or --npm-log/)
  // NPM_CONFIG_CACHE in upper case works as in npm.
  const env2 = { ...env, NPM_CONFIG_CACHE: env.npm_config_cache }
  delete env2.npm_config_cache
  assert.strictEqual(JSON.parse(cli(['explain', '--npm-log', '--json'], { env: env2 }).stdout).input, nu)
})

test('--color / FORCE_COLOR / NO_COLOR without a TTY', () => {
  const args = ['diagnose', '--code', 'EPERM', '--syscall', 'rename', '--path', 'C:\\a', '--platform', 'win32']
  const { env } = npmEnv()
  assert.doesNotMatch(cli(args, { env }).stdout, /\x1b\[/)
  assert.match(cli(args, { env: { ...env, FORCE_COLOR: '1' } }).stdout, /\x1b\[\d+m/)
  assert.doesNotMatch(cli(args, { env: { ...env, FORCE_COLOR: '0' } }).stdout, /\x1b\[/)
  assert.match(cli([...args, '--color'], { env: { ...env, NO_COLOR: '1' } }).stdout, /\x1b\[\d+m/)
  assert.doesNotMatch(cli([...args, '--no-color'], { env: { ...env, FORCE_COLOR: '1' } }).stdout, /\x1b\[/)
  // --json is never colored.
  assert.doesNotMatch(cli([...args, '--json'], { env: { ...env, FORCE_COLOR: '1' } }).stdout, /\x1b\[/)
})
