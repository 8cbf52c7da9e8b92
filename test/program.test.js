'use strict'
// A program a spawn could not start, measured the way the spawn looked for
// it: PATH's directories in turn, then the "#!" line of a script (a missing
// interpreter, or one ending in a carriage return, fails execve with ENOENT
// although the script is there). Real spawn errors made in a temp
// directory; the same words pasted (env's "No such file or directory").
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync, execFileSync } = require('node:child_process')
const fsdoctor = require('..')

const skip = process.platform === 'win32' && 'POSIX spawn and #! lines'

function tmp (t) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-prog-')))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

// The diagnosis of a spawn error with PATH (and cwd) as the spawn had them.
function diagnoseWith (t, err, env) {
  const saved = process.env.PATH
  t.after(() => { process.env.PATH = saved })
  process.env.PATH = env
  return fsdoctor.diagnoseSync(err)
}

const ids = (d) => d.causes.map((c) => c.id).join(',')
const cmds = (c) => c.fixes.flatMap((f) => f.commands)

test('a name on no PATH directory: missing-path, measured against PATH, not the working directory', { skip }, (t) => {
  const dir = tmp(t)
  const PATH = `${path.join(dir, 'none')}:${dir}`
  const r = spawnSync('fsd-no-such-tool', [], { env: { PATH } })
  assert.equal(r.error.code, 'ENOENT')
  const d = diagnoseWith(t, r.error, PATH)
  const c = d.causes[0]
  assert.equal(c.id, 'missing-path', ids(d))
  assert.ok(c.confidence >= 0.9)
  assert.equal(c.evidence.program, 'fsd-no-such-tool')
  assert.equal(c.evidence.pathDirsSearched, 2)
  assert.match(c.detail, /none of the 2 directories of PATH/)
  assert.equal(d.facts.program.found, null)
  assert.deepEqual(cmds(c), ['command -v -- fsd-no-such-tool', 'printenv PATH'])
  // no path under the working directory is named or probed
  assert.ok(!JSON.stringify(d).includes(path.join(process.cwd(), 'fsd-no-such-tool')))
  assert.equal(d.facts.path, undefined)
})

test('a script saved with Windows line endings: its interpreter ends in \\r', { skip }, (t) => {
  const dir = tmp(t)
  const script = path.join(dir, 'build.sh')
  fs.writeFileSync(script, '#!/bin/sh\r\necho built\r\n', { mode: 0o755 })
  const r = spawnSync(script)
  t.diagnostic(`observed: spawnSync(build.sh) -> ${r.error && r.error.code}`)
  assert.equal(r.error.code, 'ENOENT') // the kernel's, though the file is there
  const d = diagnoseWith(t, r.error, process.env.PATH)
  const c = d.causes[0]
  assert.equal(c.id, 'missing-path', ids(d))
  assert.ok(c.confidence >= 0.9)
  assert.equal(c.evidence.found, script)
  assert.equal(c.evidence.interpreter, '/bin/sh\r')
  assert.equal(c.evidence.carriageReturn, true)
  assert.match(c.detail, /Windows line endings/)
  assert.ok(c.fixes.some((f) => /dos2unix|Unix line endings/.test(f.text)), JSON.stringify(c.fixes))
  // only an inspection of the script's first line; nothing rewrites it
  for (const f of c.fixes) for (const cmd of f.commands) assert.match(cmd, /^(head|ls|command|printenv) /)
  assert.ok(cmds(c).some((x) => x.startsWith('head -n 1 ') && x.includes(script)), cmds(c).join('\n'))
  // the same file by a relative name, from its directory
  const rel = spawnSync('./build.sh', { cwd: dir })
  const saved = process.cwd()
  process.chdir(dir)
  t.after(() => process.chdir(saved))
  const d2 = fsdoctor.diagnoseSync(rel.error)
  assert.equal(d2.causes[0].evidence.found, script)
  assert.equal(d2.causes[0].evidence.pathDirsSearched, undefined)
})

test('a script whose interpreter is not installed', { skip }, (t) => {
  const dir = tmp(t)
  fs.writeFileSync(path.join(dir, 'tool'), '#!/opt/fsd-missing/bin/python9\nprint(1)\n', { mode: 0o755 })
  const PATH = `${dir}:/usr/bin:/bin`
  const r = spawnSync('tool', [], { env: { PATH } })
  assert.equal(r.error.code, 'ENOENT')
  const d = diagnoseWith(t, r.error, PATH)
  const c = d.causes[0]
  assert.equal(c.id, 'missing-path', ids(d))
  assert.equal(c.evidence.interpreter, '/opt/fsd-missing/bin/python9')
  assert.equal(c.evidence.carriageReturn, undefined)
  assert.match(c.detail, /asks for \/opt\/fsd-missing\/bin\/python9, which does not exist/)
  assert.ok(c.fixes.some((f) => /names the interpreter/.test(f.text)))
  assert.ok(!c.fixes.some((f) => /line endings/.test(f.text)))
})

test('the program is there and starts: a missing cwd of the spawn, said with low confidence', { skip }, (t) => {
  const dir = tmp(t)
  const r = spawnSync('ls', [], { cwd: path.join(dir, 'gone') })
  t.diagnostic(`observed: spawnSync(ls, { cwd: missing }) -> ${r.error && r.error.code}`)
  assert.equal(r.error.code, 'ENOENT')
  const d = diagnoseWith(t, r.error, process.env.PATH)
  const c = d.causes[0]
  assert.equal(c.id, 'missing-path')
  assert.ok(c.confidence < 0.5)
  assert.ok(c.evidence.found.endsWith('/ls'))
  assert.ok(c.fixes.some((f) => /working directory that does not exist/.test(f.text)))
})

test('env\'s own words, pasted: GNU, BSD and a carriage return', () => {
  for (const text of ["/usr/bin/env: 'node': No such file or directory",
    'env: node: No such file or directory\nhusky - pre-commit script failed (code 127)',
    '/usr/bin/env: \u2018node\u2019: No such file or directory']) {
    const d = fsdoctor.diagnoseSync(text, { platform: 'linux' })
    const c = d.causes[0]
    assert.equal(d.path, 'node', text)
    assert.equal(c.id, 'missing-path', text)
    assert.ok(c.confidence < 0.9)
    assert.match(c.detail, /#!\/usr\/bin\/env node/)
    assert.deepEqual(cmds(c), ['command -v -- node', 'printenv PATH'], text)
  }
  const cr = fsdoctor.diagnoseSync("/usr/bin/env: 'node\\r': No such file or directory", { platform: 'linux' })
  assert.equal(cr.causes[0].id, 'missing-path')
  assert.match(cr.causes[0].detail, /carriage return/)
  assert.ok(cr.causes[0].fixes.some((f) => /core\.autocrlf|dos2unix/.test(f.text)))
  // a word ending in "env" is not env
  const other = fsdoctor.parseErrors('myenv: foo: No such file or directory')
  assert.equal(other[0].path, null)
})

test('a spawn pasted as text names the program in its fix, and no other error probes PATH', () => {
  const d = fsdoctor.diagnoseSync('Error: spawn prettierd ENOENT\n    at Process.ChildProcess._handle.onexit', { platform: 'linux' })
  assert.equal(d.causes[0].id, 'missing-path')
  assert.ok(cmds(d.causes[0]).includes('command -v -- prettierd'), cmds(d.causes[0]).join('\n'))
  let err
  try { fs.readFileSync(path.join(os.tmpdir(), 'fsd-no-such-file-' + process.pid)) } catch (e) { err = e }
  assert.equal(fsdoctor.diagnoseSync(err).facts.program, undefined)
})

test('a program without the execute bit (EACCES): the file the spawn met, by path and by name on PATH', { skip }, (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'tool')
  fs.writeFileSync(file, '#!/bin/sh\necho hi\n', { mode: 0o644 })
  const PATH = `${dir}:/usr/bin:/bin`
  for (const [cmd, env] of [[file, process.env.PATH], ['tool', PATH]]) {
    const r = spawnSync(cmd, [], { env: { PATH: env } })
    assert.equal(r.error.code, 'EACCES', cmd)
    const d = diagnoseWith(t, r.error, env)
    const c = d.causes[0]
    assert.equal(c.id, 'permission-denied', `${cmd}: ${ids(d)}`)
    assert.ok(c.confidence >= 0.9)
    assert.equal(c.evidence.component, file)
    assert.equal(c.evidence.bit, 'x')
    assert.equal(c.evidence.modeText, '0644')
    // the change names the file itself, for this user only, never a tree
    assert.deepEqual(cmds(c), [`ls -ld -- ${file}`, `chmod u+x -- ${file}`])
  }
})

test('an executable on a filesystem mounted noexec (EACCES): the mount is named', { skip: skip || (process.getuid() !== 0 && 'needs root to mount a tmpfs') }, (t) => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-prog-')))
  const mnt = path.join(dir, 'mnt')
  fs.mkdirSync(mnt)
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,noexec', 'tmpfs', mnt])
  // unmounted first, then the directory removed
  t.after(() => {
    spawnSync('umount', ['-l', mnt], { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } })
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const file = path.join(mnt, 'esbuild')
  fs.writeFileSync(file, '#!/bin/sh\necho hi\n', { mode: 0o755 })
  const r = spawnSync(file)
  t.diagnostic(`observed: spawn on noexec -> ${r.error && r.error.code}`)
  assert.equal(r.error.code, 'EACCES')
  const d = diagnoseWith(t, r.error, process.env.PATH)
  const c = d.causes[0]
  assert.equal(c.id, 'permission-denied', ids(d))
  assert.equal(c.evidence.noexec, true)
  assert.equal(c.evidence.mountPoint, mnt)
  assert.match(c.detail, /mounted noexec/)
  // no chmod: the bits are not what refuses it
  assert.ok(!cmds(c).some((x) => x.startsWith('chmod')), cmds(c).join('\n'))
})

test('review: a script whose interpreter is missing is passed over when a later PATH entry starts', { skip }, (t) => {
  const dir = tmp(t)
  fs.mkdirSync(path.join(dir, 'a'))
  fs.mkdirSync(path.join(dir, 'b'))
  fs.writeFileSync(path.join(dir, 'a', 'dup'), '#!/opt/fsd-missing/bin/sh\n', { mode: 0o755 })
  fs.writeFileSync(path.join(dir, 'b', 'dup'), '#!/bin/sh\necho ok\n', { mode: 0o755 })
  const PATH = `${path.join(dir, 'a')}:${path.join(dir, 'b')}:/usr/bin:/bin`
  assert.equal(spawnSync('dup', [], { env: { PATH }, encoding: 'utf8' }).stdout.trim(), 'ok') // execvp goes on
  const r = spawnSync('dup', [], { env: { PATH }, cwd: path.join(dir, 'gone') })
  assert.equal(r.error.code, 'ENOENT')
  const c = diagnoseWith(t, r.error, PATH).causes[0]
  assert.equal(c.evidence.found, path.join(dir, 'b', 'dup'))
  assert.ok(c.confidence < 0.5, c.detail)
  // a relative PATH entry: the file is named absolutely in every command
  const saved = process.cwd()
  process.chdir(dir)
  t.after(() => process.chdir(saved))
  const rel = spawnSync('dup', [], { env: { PATH: 'b' }, cwd: path.join(dir, 'gone') })
  const c2 = diagnoseWith(t, rel.error, 'b').causes[0]
  assert.equal(c2.evidence.found, path.join(dir, 'b', 'dup'))
  assert.ok(cmds(c2).every((x) => !x.includes(' b/dup')), cmds(c2).join('\n'))
  assert.ok(cmds(c2).includes(`ls -la -- ${path.join(dir, 'b', 'dup')}`), cmds(c2).join('\n'))
})

test('a directory spawned as a program (EACCES, a .app bundle) is wrong-file-type, measured', { skip }, (t) => {
  const dir = tmp(t)
  const app = path.join(dir, 'Chromium.app')
  fs.mkdirSync(app)
  const r = spawnSync(app)
  assert.equal(r.error.code, 'EACCES')
  const d = diagnoseWith(t, r.error, process.env.PATH)
  assert.equal(d.causes[0].id, 'wrong-file-type', ids(d))
  assert.ok(d.causes[0].confidence >= 0.9)
  assert.deepEqual(cmds(d.causes[0]), [`ls -ld ${app}`])
  // no "no execute bit" answer for a directory
  assert.ok(!d.causes.some((c) => c.evidence.op === 'execute'), JSON.stringify(d.causes.map((c) => c.evidence)))
})
