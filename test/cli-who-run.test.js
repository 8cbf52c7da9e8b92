'use strict'
// fsdoctor who <path> and fsdoctor run -- <command>.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { cli, cliAsync, npmEnv, oneLine } = require('./helpers/cli')
const sys = require('./helpers/sys')

function tmp (t) {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-who-')))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

test('who: a file held open by a node process', async (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'held.txt')
  fs.writeFileSync(file, 'x')
  const h = await sys.spawnHolder(file, { mode: 'rw' })
  t.after(() => h.kill())
  const { env } = npmEnv(t)
  const j = await cliAsync(['who', file, '--json'], { env })
  assert.strictEqual(j.code, 1, j.stderr)
  const r = JSON.parse(j.stdout)
  assert.strictEqual(r.path, file)
  const mine = r.holders.filter((x) => x.pid === h.pid)
  assert.strictEqual(mine.length, 1, JSON.stringify(r.holders))
  assert.strictEqual(mine[0].how, 'fd')
  assert.strictEqual(mine[0].fd, h.fd)
  assert.strictEqual(mine[0].kind, 'node')
  // Whose process it is: this user's.
  const me = os.userInfo()
  assert.strictEqual(mine[0].uid, process.platform === 'win32' ? null : me.uid)
  assert.strictEqual(mine[0].user, process.platform === 'win32' ? null : me.username)
  assert.ok(r.scanned > 0)
  const text = await cliAsync(['who', file], { env })
  assert.strictEqual(text.code, 1)
  if (process.platform === 'win32') {
    assert.match(text.stdout, new RegExp(`^${h.pid}\\s+node\\s+node\\s+fd ${h.fd} \\(rw\\)`, 'm'))
    assert.match(text.stdout, /PID\s+NAME\s+KIND\s+HOW/)
  } else {
    assert.match(text.stdout, new RegExp(`^${h.pid}\\s+${me.username}\\s+node\\s+node\\s+fd ${h.fd} \\(rw\\)`, 'm'))
    assert.match(text.stdout, /PID\s+USER\s+NAME\s+KIND\s+HOW/)
  }
})

test("who: each holder's user, by name where /etc/passwd has one, else its uid", async (t) => {
  if (sys.skipUnless(t, 'runs holders as nobody and as a uid with no name', ['setpriv'])) return
  const dir = sys.tmpdir('fsd-who-owner-')
  t.after(dir.cleanup)
  const file = path.join(dir.dir, 'held.txt')
  fs.writeFileSync(file, 'x')
  fs.chmodSync(file, 0o644)
  // A uid /etc/passwd does not name.
  const named = new Set(fs.readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':')[2]))
  let bare = 54321
  while (named.has(String(bare))) bare++
  const nobody = sys.userIds('nobody')
  const a = await sys.spawnHolder(file, { user: 'nobody' })
  const b = await sys.spawnHolder(file, { user: { uid: bare, gid: bare } })
  t.after(async () => { await a.kill(); await b.kill() })
  const { env } = npmEnv(t)
  const j = await cliAsync(['who', file, '--json'], { env })
  assert.strictEqual(j.code, 1, j.stderr)
  const r = JSON.parse(j.stdout)
  const of = (pid) => r.holders.filter((x) => x.pid === pid && x.how === 'fd')
  assert.deepStrictEqual(of(a.pid).map((x) => [x.uid, x.user]), [[nobody.uid, 'nobody']], JSON.stringify(r.holders))
  assert.deepStrictEqual(of(b.pid).map((x) => [x.uid, x.user]), [[bare, null]], JSON.stringify(r.holders))
  const text = await cliAsync(['who', file], { env })
  assert.strictEqual(text.code, 1, text.stderr)
  assert.match(text.stdout, /^PID\s+USER\s+NAME\s+KIND\s+HOW\s+FILE$/m)
  assert.match(text.stdout, new RegExp(`^${a.pid}\\s+nobody\\s+holder-\\w+\\s+other\\s+fd \\d+ \\(r\\)`, 'm'))
  assert.match(text.stdout, new RegExp(`^${b.pid}\\s+${bare}\\s+holder-\\w+\\s+other\\s+fd \\d+ \\(r\\)`, 'm'))
})

test('who: a directory lists what is held below it, with relative names', async (t) => {
  const dir = tmp(t)
  fs.mkdirSync(path.join(dir, 'sub'))
  const file = path.join(dir, 'sub', 'a.js')
  fs.writeFileSync(file, '')
  const h = await sys.spawnHolder(file)
  const c = await sys.spawnHolder(dir, { cwd: true })
  t.after(async () => { await h.kill(); await c.kill() })
  const { env } = npmEnv(t)
  const r = await cliAsync(['who', dir], { env })
  assert.strictEqual(r.code, 1, r.stderr)
  assert.match(r.stdout, /2 processes hold/)
  assert.match(r.stdout, new RegExp(`^${h.pid}\\s.*fd \\d+ \\(r\\)\\s+sub/a\\.js$`, 'm'))
  assert.match(r.stdout, new RegExp(`^${c.pid}\\s.*working directory`, 'm'))
})

test('who: nobody holds it -> 0; bad input -> 2', (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'free.txt')
  fs.writeFileSync(file, '')
  const r = cli(['who', file])
  assert.strictEqual(r.code, 0, r.stderr)
  // Linux answers a free file on a local filesystem with a write lease.
  if (process.platform === 'linux') {
    assert.match(r.stdout, /^Nothing holds .*free\.txt open \(answered by a write lease, .*no process scan needed\)\.$/m)
    assert.doesNotMatch(r.stdout, /0 processes looked at/)
    assert.strictEqual(r.stdout.match(/write lease/g).length, 1, 'the note is not printed twice')
    const scan = cli(['who', file], { env: { ...npmEnv().env, FSDOCTOR_HOLDERS_LEASE: '0' } })
    assert.match(scan.stdout, /Nothing holds .*free\.txt open \(\d+ processes looked at\)/)
  } else {
    assert.match(r.stdout, /Nothing holds .*free\.txt open \(\d+ processes looked at\)/)
  }
  assert.deepStrictEqual(JSON.parse(cli(['who', file, '--json']).stdout).holders, [])
  // Run from inside the directory: fsdoctor itself is not a holder.
  assert.deepStrictEqual(JSON.parse(cli(['who', '.', '--json'], { cwd: dir }).stdout).holders, [])
  oneLine(assert, cli(['who']), /missing <path>/)
  oneLine(assert, cli(['who', path.join(dir, 'nope')]), /no such file.*ENOENT/)
})

test('run: output passes through unchanged; success adds nothing', (t) => {
  const { env } = npmEnv(t)
  const script = "process.stdout.write('out \\u00e9\\n'); process.stderr.write('err\\n'); process.stdout.write(Buffer.from([0xff, 0x00, 0x41]))"
  const r = require('node:child_process').spawnSync(process.execPath, [require('./helpers/cli').bin, 'run', '--', process.execPath, '-e', script], { env })
  assert.strictEqual(r.status, 0)
  assert.deepStrictEqual(r.stdout, Buffer.concat([Buffer.from('out \u00e9\n'), Buffer.from([0xff, 0x00, 0x41])]))
  assert.strictEqual(r.stderr.toString(), 'err\n')
})

test('run: a failing command: same exit code, every fs error explained on stderr', (t) => {
  const dir = tmp(t)
  const { env } = npmEnv(t)
  const missing = path.join(dir, 'missing', 'x.json')
  const r = cli(['run', '--', process.execPath, '-e', `process.stdout.write('before\\n'); require('fs').readFileSync(${JSON.stringify(missing)})`], { env })
  assert.strictEqual(r.code, 1)
  assert.strictEqual(r.stdout, 'before\n')
  assert.match(r.stderr, /Error: ENOENT: no such file or directory/)
  // The first line after the command's output is the answer.
  const after = r.stderr.slice(r.stderr.lastIndexOf('Node.js v'))
  assert.match(after.split('\n')[1], /^ENOENT from open: /, r.stderr)
  assert.match(r.stderr, /1 filesystem error in 1 group, in `.*` \(exit 1\)\./)
  // Exit codes pass through; a failure with no fs error is said in one line.
  const e = cli(['run', '--', process.execPath, '-e', 'process.exit(7)'], { env })
  assert.strictEqual(e.code, 7)
  assert.match(e.stderr, /^fsdoctor: `.*` failed \(exit 7\) with no filesystem error in its output\.\n$/)
  // The command name starts the command: flags after it are its own.
  const f = cli(['run', process.execPath, '-e', 'console.log(process.argv.slice(1).join(","))', '--', '--json', 'x'], { env })
  assert.strictEqual(f.stdout.trim(), '--json,x')
})

test('run --json: the command output goes to stderr, stdout is one JSON object', (t) => {
  const { env } = npmEnv(t)
  const r = cli(['run', '--json', '--', process.execPath, '-e', "console.log('hi'); require('fs').rmdirSync('/proc/self')"], { env })
  assert.notStrictEqual(r.code, 0)
  const j = JSON.parse(r.stdout)
  assert.strictEqual(j.command, 'run')
  assert.strictEqual(j.exitCode, r.code)
  assert.strictEqual(j.signal, null)
  assert.deepStrictEqual(j.argv.slice(1), ['-e', "console.log('hi'); require('fs').rmdirSync('/proc/self')"])
  assert.strictEqual(j.diagnoses.length, 1)
  assert.strictEqual(j.diagnoses[0].syscall, 'rmdir')
  assert.match(r.stderr, /^hi$/m)
})

test('run: command not found is 127; a signal is 128+n; missing command is 2', (t) => {
  const { env } = npmEnv(t)
  const nf = cli(['run', '--', 'fsdoctor-no-such-command-x'], { env })
  assert.strictEqual(nf.code, 127)
  assert.match(nf.stderr, /cannot run 'fsdoctor-no-such-command-x': command not found/)
  const sig = cli(['run', '--', process.execPath, '-e', "process.kill(process.pid, 'SIGTERM')"], { env })
  assert.strictEqual(sig.code, 128 + os.constants.signals.SIGTERM)
  oneLine(assert, cli(['run'], { env }), /missing command/)
  oneLine(assert, cli(['run', '--'], { env }), /missing command/)
})

test('run: a PATH directory nobody may search does not turn "not found" into 126', (t) => {
  if (sys.skipUnlessRunAs(t, 'runs the CLI as nobody with an unsearchable directory on PATH')) return
  const dir = tmp(t)
  const locked = path.join(dir, 'locked')
  fs.mkdirSync(locked, { mode: 0o700 })
  fs.chmodSync(dir, 0o755)
  const PATH = `${locked}:${path.dirname(process.execPath)}:/usr/bin:/bin`
  // the kernel's answer first: execvp says EACCES, not ENOENT
  const raw = sys.runAs('nobody', process.execPath, ['-e', "require('child_process').spawn('fsdoctor-no-such-command-x').on('error', (e) => console.log(e.code))"], { env: { PATH } })
  assert.strictEqual(raw.stdout.trim(), 'EACCES', raw.stderr)
  const nf = sys.runAs('nobody', process.execPath, [sys.packageAs('nobody').bin, 'run', '--', 'fsdoctor-no-such-command-x'], { env: { PATH } })
  assert.strictEqual(nf.status, 127, nf.stderr)
  assert.match(nf.stderr, /cannot run 'fsdoctor-no-such-command-x': command not found/)
  // a file that is there but may not be run stays 126
  const noexec = path.join(dir, 'noexec-x')
  fs.writeFileSync(noexec, '#!/bin/sh\n', { mode: 0o644 })
  const ne = sys.runAs('nobody', process.execPath, [sys.packageAs('nobody').bin, 'run', '--', noexec], { env: { PATH } })
  assert.strictEqual(ne.status, 126, ne.stderr)
})

test('run -- npm: reads npm\'s newest debug log as well', { timeout: 120000 }, (t) => {
  if (sys.skipUnlessRunAs(t, 'runs npm as nobody against a root-owned prefix')) return
  const { env, home } = npmEnv(t)
  // A global install into a prefix nobody may write: EACCES from npm.
  fs.chmodSync(home, 0o755)
  const prefix = path.join(home, 'prefix')
  fs.chmodSync(prefix, 0o755)
  const pkg = path.join(home, 'pkgsrc')
  fs.mkdirSync(pkg)
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"fsd-global-x","version":"1.0.0"}')
  const cache = path.join(home, 'nobody-cache')
  fs.mkdirSync(cache)
  fs.chownSync(cache, sys.userIds('nobody').uid, sys.userIds('nobody').gid)
  const npmCli = path.join(path.dirname(path.dirname(process.execPath)), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')
  const npmBin = fs.existsSync(npmCli) ? 'npm' : null
  if (!npmBin) return t.skip('npm not found next to node')
  const r = sys.runAs('nobody', process.execPath, [sys.packageAs('nobody').bin, 'run', '--json', '--', 'npm', 'install', '-g', '--offline', pkg], {
    env: { ...env, HOME: home, npm_config_cache: cache, npm_config_prefix: prefix, npm_config_update_notifier: 'false' }
  })
  assert.notStrictEqual(r.status, 0, r.stderr)
  const j = JSON.parse(r.stdout)
  assert.ok(j.log && j.log.startsWith(path.join(cache, '_logs')), `log: ${j.log}`)
  const d = j.diagnoses.find((x) => x.code === 'EACCES')
  assert.ok(d, JSON.stringify(j.diagnoses.map((x) => x.code)))
  assert.ok(d.path.startsWith(prefix), d.path)
  assert.ok(['global-prefix-not-writable', 'permission-denied', 'wrong-owner'].includes(d.causes[0].id), d.causes[0].id)
})
