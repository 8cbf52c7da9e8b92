'use strict'
// A .cmd command spawned without a shell: the real errors node.exe gives
// (ENOENT for a bare name, which libuv looks up as .exe and .com only;
// EINVAL for a .cmd path since Node 20.12.2), read back as a paste.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')
const { fsdoctor, tmpdir } = require('./common')

function shim (t) {
  const d = tmpdir(t)
  fs.writeFileSync(path.join(d, 'npm.cmd'), '@echo off\r\necho shim\r\n')
  return d
}

const ids = (d) => d.causes.map((c) => c.id).join(',')

test('spawn of a .cmd path without a shell: EINVAL, read as shim-without-shell', (t) => {
  const d = shim(t)
  const r = spawnSync(path.join(d, 'npm.cmd'), ['-v'])
  t.diagnostic(`observed: spawnSync(npm.cmd) -> ${r.error && r.error.code}`)
  assert.strictEqual(r.error && r.error.code, 'EINVAL')
  const text = String(r.error.stack)
  const p = fsdoctor.diagnoseSync(text, { live: false, context: text })
  assert.strictEqual(p.causes[0].id, 'shim-without-shell', ids(p))
  assert.ok(p.causes[0].confidence < 0.9)
  // with a shell it runs: the fix the answer gives works
  const ok = spawnSync(`"${path.join(d, 'npm.cmd')}"`, ['-v'], { shell: true, encoding: 'utf8' })
  assert.strictEqual(ok.status, 0)
  assert.match(ok.stdout, /shim/)
})

test('spawn of a bare name found only as .cmd: ENOENT, read as shim-without-shell', (t) => {
  const d = shim(t)
  const env = { ...process.env, PATH: d + ';' + process.env.PATH }
  const r = spawnSync('npm', ['-v'], { env })
  t.diagnostic(`observed: spawnSync('npm') -> ${r.error && r.error.code}`)
  assert.strictEqual(r.error && r.error.code, 'ENOENT')
  const text = `Error: ${r.error.message}\n    at ChildProcess._handle.onexit`
  const p = fsdoctor.diagnoseSync(text, { live: false, context: text })
  assert.strictEqual(p.causes[0].id, 'shim-without-shell', ids(p))
  const cmds = p.causes[0].fixes.flatMap((f) => f.commands)
  assert.ok(cmds.includes('where npm'), cmds.join('\n'))
})

// Live: the program probe looks the name up as libuv does (.com and .exe
// only) and finds the .cmd a shell would run: measured, not guessed.
function withPath (t, dir) {
  const saved = process.env.PATH
  t.after(() => { process.env.PATH = saved })
  process.env.PATH = dir + ';' + saved
}

test('live: a bare name found only as .cmd on PATH is shim-without-shell, measured', (t) => {
  const d = shim(t)
  withPath(t, d)
  const r = spawnSync('npm', ['-v'], { env: { ...process.env } })
  assert.strictEqual(r.error && r.error.code, 'ENOENT')
  const p = fsdoctor.diagnoseSync(r.error)
  t.diagnostic(`live: ${ids(p)} ${p.causes[0].confidence} ${p.causes[0].detail}`)
  assert.strictEqual(p.causes[0].id, 'shim-without-shell', ids(p))
  assert.ok(p.causes[0].confidence >= 0.9)
  assert.strictEqual(p.causes[0].evidence.script.toLowerCase(), path.join(d, 'npm.cmd').toLowerCase())
  assert.strictEqual(p.facts.program.found, null)
  const cmds = p.causes[0].fixes.flatMap((f) => f.commands)
  assert.ok(cmds.includes('where npm'), cmds.join('\n'))
})

test('live: a .cmd spawned by its path (EINVAL) is shim-without-shell, measured', (t) => {
  const d = shim(t)
  const r = spawnSync(path.join(d, 'npm.cmd'), ['-v'])
  assert.strictEqual(r.error && r.error.code, 'EINVAL')
  const p = fsdoctor.diagnoseSync(r.error)
  assert.strictEqual(p.causes[0].id, 'shim-without-shell', ids(p))
  assert.ok(p.causes[0].confidence >= 0.9)
})

test('live: a name with neither .exe nor .cmd on PATH is missing-path, measured against PATH', (t) => {
  const d = shim(t)
  withPath(t, d)
  const r = spawnSync('fsd-no-such-tool', [], { env: { ...process.env } })
  assert.strictEqual(r.error && r.error.code, 'ENOENT')
  const p = fsdoctor.diagnoseSync(r.error)
  assert.strictEqual(p.causes[0].id, 'missing-path', ids(p))
  assert.ok(p.causes[0].confidence >= 0.9)
  assert.match(p.causes[0].detail, /none of the \d+ directories of PATH/)
  assert.ok(!ids(p).includes('shim-without-shell'), ids(p))
})

// Review: the lookup is libuv's own, quotes and all, and a program that is
// there gets an answer that says so.
test('live: a quoted PATH entry holding a ";" is searched as libuv does', (t) => {
  const base = tmpdir(t)
  const d = path.join(base, 'a;b')
  fs.mkdirSync(d)
  fs.copyFileSync(process.execPath, path.join(d, 'semitool.exe'))
  withPath(t, `"${d}"`)
  const ok = spawnSync('semitool', ['-e', 'process.stdout.write("ran")'], { env: { ...process.env }, encoding: 'utf8' })
  assert.strictEqual(ok.stdout, 'ran') // libuv finds it
  const r = spawnSync('semitool', [], { env: { ...process.env }, cwd: path.join(base, 'gone') })
  t.diagnostic(`observed: spawnSync(semitool, { cwd: missing }) -> ${r.error && r.error.code}`)
  assert.strictEqual(r.error && r.error.code, 'ENOENT')
  const p = fsdoctor.diagnoseSync(r.error)
  const c = p.causes[0]
  assert.strictEqual(c.id, 'missing-path', ids(p))
  assert.strictEqual(c.evidence.found.toLowerCase(), path.join(d, 'semitool.exe').toLowerCase())
  assert.ok(c.confidence < 0.5)
  // a program that is there: the answer says what to check, with a command
  const cmds = c.fixes.flatMap((f) => f.commands)
  assert.ok(cmds.some((x) => x.startsWith('Get-Item -LiteralPath ')), cmds.join('\n'))
})

test('live: a spawn of a missing full path names no program for where', (t) => {
  const d = tmpdir(t)
  const r = spawnSync(path.join(d, 'nope', 'tool'))
  assert.strictEqual(r.error && r.error.code, 'ENOENT')
  const p = fsdoctor.diagnoseSync(r.error)
  const cmds = p.causes[0].fixes.flatMap((f) => f.commands)
  assert.ok(!cmds.some((x) => x.startsWith('where ') || x.startsWith('Get-Command ')), cmds.join('\n'))
  assert.ok(cmds.some((x) => x.startsWith('Test-Path -LiteralPath ')), cmds.join('\n'))
})
