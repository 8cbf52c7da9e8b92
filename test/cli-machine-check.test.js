'use strict'
// scripts/machine-check.sh (what .ci/run uses to fail a test run that
// changed the machine), on a tree of its own (MACHINE_CHECK_ROOT) with
// device nodes mknod'ed there: a probe created and removed outside the
// temp area, a device replaced by a file, another user's file in /tmp
// removed; and what is allowed: new entries in /tmp and /dev.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const sys = require('./helpers/sys')

const script = path.join(__dirname, '..', 'scripts', 'machine-check.sh')

function fakeRoot () {
  const t = sys.tmpdir('fsd-machine-')
  const r = t.dir
  for (const d of ['etc/apt', 'usr/local/bin', 'usr/bin', 'usr/lib/node_modules/npm', 'dev', 'tmp', 'root', 'opt', 'home/u']) {
    fs.mkdirSync(path.join(r, d), { recursive: true })
  }
  fs.writeFileSync(path.join(r, 'etc', 'hosts'), '127.0.0.1 localhost\n')
  fs.writeFileSync(path.join(r, 'root', '.npmrc'), 'cache=/x\n')
  fs.writeFileSync(path.join(r, 'usr', 'local', 'bin', 'tool'), '#!/bin/sh\n')
  sys.run('mknod', ['-m', '666', path.join(r, 'dev', 'null'), 'c', '1', '3'])
  sys.run('mknod', ['-m', '666', path.join(r, 'dev', 'zero'), 'c', '1', '5'])
  const other = path.join(r, 'tmp', 'theirs')
  fs.writeFileSync(other, 'x')
  const { uid, gid } = sys.userIds('nobody')
  fs.chownSync(other, uid, gid)
  return { r, cleanup: t.cleanup }
}

function mc (r, ...args) {
  const p = spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env, MACHINE_CHECK_ROOT: r } })
  return { code: p.status, out: p.stdout + p.stderr }
}

test('machine-check: unchanged, probes, devices, other users\' files', (t) => {
  if (sys.skipUnless(t, 'mknod of device nodes and a file of nobody\'s in a tree of the test\'s own', ['mknod'])) return
  const { r, cleanup } = fakeRoot()
  t.after(cleanup)
  const out = sys.tmpdir('fsd-machine-snap-')
  t.after(out.cleanup)
  const snap = path.join(out.dir, 'snap')
  const again = () => assert.strictEqual(mc(r, 'snapshot', snap).code, 0)
  again()
  assert.deepStrictEqual(mc(r, 'compare', snap), { code: 0, out: 'machine-check: the machine is as it was\n' })
  // Allowed: new entries in the temp area and new device nodes.
  fs.writeFileSync(path.join(r, 'tmp', 'fsd-test-x'), '')
  sys.run('mknod', [path.join(r, 'dev', 'loop9'), 'b', '7', '9'])
  assert.strictEqual(mc(r, 'compare', snap).code, 0)
  // A probe entry created and removed (what check did in /usr): the
  // directory's mtime tells.
  const old = new Date('2001-01-01T00:00:00Z')
  fs.utimesSync(path.join(r, 'usr', 'local'), old, old)
  again()
  fs.writeFileSync(path.join(r, 'usr', 'local', '.probe'), '')
  fs.unlinkSync(path.join(r, 'usr', 'local', '.probe'))
  let c = mc(r, 'compare', snap)
  assert.strictEqual(c.code, 1)
  assert.match(c.out, new RegExp(`${r}/usr/local\\|d`))
  // A device replaced by a regular file (what writeFileAtomic did).
  again()
  fs.unlinkSync(path.join(r, 'dev', 'null'))
  fs.writeFileSync(path.join(r, 'dev', 'null'), '')
  fs.chmodSync(path.join(r, 'dev', 'null'), 0o666)
  c = mc(r, 'compare', snap)
  assert.strictEqual(c.code, 1)
  assert.match(c.out, /\/dev\/null is 'regular (empty )?file/)
  fs.unlinkSync(path.join(r, 'dev', 'null'))
  sys.run('mknod', ['-m', '666', path.join(r, 'dev', 'null'), 'c', '1', '3'])
  // Another user's file at the top of /tmp removed.
  again()
  fs.unlinkSync(path.join(r, 'tmp', 'theirs'))
  c = mc(r, 'compare', snap)
  assert.strictEqual(c.code, 1)
  assert.match(c.out, /removed or changed[^]*tmp\/theirs/)
  // A dotfile of root's rewritten.
  again()
  fs.appendFileSync(path.join(r, 'root', '.npmrc'), 'prefix=/y\n')
  assert.strictEqual(mc(r, 'compare', snap).code, 1)
  // A machine already broken is said before the tests.
  fs.unlinkSync(path.join(r, 'dev', 'zero'))
  const s = mc(r, 'snapshot', snap)
  assert.strictEqual(s.code, 1)
  assert.match(s.out, /\/dev\/zero is 'missing'/)
})
