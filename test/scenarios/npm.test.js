'use strict'
// The real npm, offline, driven into a broken state: the error is read back
// from npm's own output and from its debug log, parsed, and diagnosed live
// (as the user npm ran as, so the evidence is that user's).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const sys = require('../helpers/sys')
const fsdoctor = require('../..')

const ids = (d) => d.causes.map((c) => c.id).join(',')

function haveNpm () {
  return spawnSync('npm', ['--version'], { stdio: 'ignore' }).status === 0
}

// A local package tarball to install (no registry needed).
function tarball (dir) {
  const pkg = path.join(dir, 'pkg')
  fs.mkdirSync(pkg)
  fs.writeFileSync(path.join(pkg, 'package.json'),
    JSON.stringify({ name: 'fsd-dep', version: '1.0.0', bin: { 'fsd-dep': 'cli.js' } }))
  fs.writeFileSync(path.join(pkg, 'cli.js'), '#!/usr/bin/env node\n')
  sys.run('npm', ['pack', pkg, '--silent'], { cwd: dir })
  return path.join(dir, 'fsd-dep-1.0.0.tgz')
}

// Runs npm (as user when given) and returns { output, log }: its combined
// output and the debug log it points at.
function npm (args, { cwd, cache, user }) {
  const env = { PATH: process.env.PATH, HOME: cache, npm_config_cache: cache, npm_config_update_notifier: 'false' }
  const full = ['--offline', '--no-audit', '--no-fund', ...args]
  const r = user
    ? sys.runAs(user, 'npm', full, { cwd, env })
    : spawnSync('npm', full, { cwd, env, encoding: 'utf8' })
  assert.notEqual(r.status, 0, 'npm should fail')
  const output = `${r.stdout}${r.stderr}`
  const m = /complete log of this run can be found in:\s*(\S+)/.exec(output)
  assert.ok(m, `npm names its debug log:\n${output}`)
  return { output, log: fs.readFileSync(m[1], 'utf8') }
}

function userCache (dir, user) {
  const cache = path.join(dir, 'cache')
  fs.mkdirSync(cache)
  if (user) {
    const { uid, gid } = sys.userIds(user)
    fs.chownSync(cache, uid, gid)
  }
  return cache
}

// Diagnoses text as user, live, in a child running as that user.
function diagnoseTextAs (user, text) {
  return sys.runNodeAs(user, 'f.diagnoseSync(args[0], { live: true })', [text])
}

test('npm install -g as a user with a root-owned prefix -> global-prefix-not-writable', (t) => {
  if (sys.skipUnlessRunAs(t, 'runs npm as nobody')) return
  if (!haveNpm()) return t.skip('needs npm')
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const tgz = tarball(dir)
  const cache = userCache(dir, 'nobody')
  const { output, log } = npm(['install', '-g', tgz], { cwd: dir, cache, user: 'nobody' })
  for (const text of [output, log]) {
    const found = fsdoctor.parseErrors(text)
    assert.ok(found.length > 0)
    assert.equal(found[0].code, 'EACCES')
    // Text only: the path shape already points at the prefix.
    const guess = fsdoctor.diagnoseSync(text)
    assert.equal(guess.live, false)
    assert.equal(guess.causes[0].id, 'global-prefix-not-writable', ids(guess))
    // Live, as the user: measured owner and prefix.
    const d = diagnoseTextAs('nobody', text)
    assert.equal(d.live, true)
    assert.equal(d.causes[0].id, 'global-prefix-not-writable', ids(d))
    assert.equal(d.causes[0].evidence.ownerUid, 0)
    assert.ok(d.path.startsWith(d.causes[0].evidence.prefix), `${d.path} under ${d.causes[0].evidence.prefix}`)
    assert.ok(d.causes[0].fixes.some((f) => f.commands.some((c) => c.includes('npm config set prefix ~/.npm-global'))))
  }
})

test('npm install into a node_modules left by sudo npm -> wrong-owner', (t) => {
  if (sys.skipUnlessRunAs(t, 'runs npm as nobody')) return
  if (!haveNpm()) return t.skip('needs npm')
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const tgz = tarball(dir)
  const cache = userCache(dir, 'nobody')
  const project = path.join(dir, 'proj')
  fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true })
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"p","version":"1.0.0"}')
  const { uid, gid } = sys.userIds('nobody')
  fs.chownSync(project, uid, gid)
  fs.chownSync(path.join(project, 'package.json'), uid, gid)
  const { output, log } = npm(['install', tgz], { cwd: project, cache, user: 'nobody' })
  for (const text of [output, log]) {
    const d = diagnoseTextAs('nobody', text)
    assert.equal(d.code, 'EACCES')
    assert.equal(d.causes[0].id, 'wrong-owner', ids(d))
    assert.equal(d.causes[0].evidence.component, path.join(project, 'node_modules'))
    assert.equal(d.causes[0].evidence.owner, 'root')
    assert.equal(d.causes[0].evidence.euid, uid)
  }
})

test('npm install on a read-only mount (npm reports ENOENT) -> read-only-fs', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  if (!haveNpm()) return t.skip('needs npm')
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const tgz = tarball(dir)
  const cache = userCache(dir)
  const m = sys.mountTmpfs()
  t.after(m.cleanup)
  const project = path.join(m.dir, 'proj')
  fs.mkdirSync(project)
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"p","version":"1.0.0"}')
  sys.run('mount', ['-o', 'remount,ro', m.dir])
  const { output, log } = npm(['install', tgz], { cwd: project, cache })
  for (const text of [output, log]) {
    const d = fsdoctor.diagnoseSync(text, { live: true })
    assert.ok(['EROFS', 'ENOENT'].includes(d.code), d.code)
    assert.equal(d.causes[0].id, 'read-only-fs', ids(d))
    assert.equal(d.causes[0].evidence.mountPoint, m.dir)
    assert.equal(d.causes[0].evidence.type, 'tmpfs')
  }
})
