'use strict'
// Real kernel errors about who may do what: mode bits, owners, chattr
// flags. Each test makes the error happen, hands the error object to
// diagnoseSync (in the process that got it) and checks the top cause and
// its evidence. Unprivileged parts run as `nobody` in a child.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const sys = require('../helpers/sys')
const fsdoctor = require('../..')

// Runs `body` (a function body using fs, f, args) as nobody; returns the
// diagnosis of the error it throws.
function diagnoseAs (user, body, args) {
  return sys.runNodeAs(user, `(() => { const fs = require('fs'); try { ${body}; return 'no error' } ` +
    'catch (e) { return f.diagnoseSync(e) } })()', args)
}

function chownR (dir, uid, gid) {
  fs.chownSync(dir, uid, gid)
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) chownR(p, uid, gid)
    else fs.chownSync(p, uid, gid)
  }
}

test('EACCES from mode bits deep in the path -> permission-denied', (t) => {
  if (sys.skipUnlessRunAs(t, 'drops to nobody')) return
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const { uid, gid } = sys.userIds('nobody')
  const deep = path.join(dir, 'a', 'b', 'c', 'd')
  fs.mkdirSync(deep, { recursive: true })
  fs.writeFileSync(path.join(deep, 'file'), 'x')
  chownR(path.join(dir, 'a'), uid, gid)
  fs.chmodSync(path.join(dir, 'a', 'b', 'c'), 0o600) // no search bit
  const d = diagnoseAs('nobody', 'fs.readFileSync(args[0])', [path.join(deep, 'file')])
  assert.equal(d.code, 'EACCES')
  assert.equal(d.live, true)
  assert.equal(d.causes[0].id, 'permission-denied', JSON.stringify(d.causes.map((c) => c.id)))
  const ev = d.causes[0].evidence
  assert.equal(ev.component, path.join(dir, 'a', 'b', 'c'))
  assert.equal(ev.bit, 'x')
  assert.equal(ev.op, 'search')
  assert.equal(ev.mode, 0o600)
  assert.ok(d.causes[0].fixes.some((f) => f.commands.includes(`chmod u+x -- ${ev.component}`)))
})

test('EACCES writing into a root-owned node_modules -> wrong-owner', (t) => {
  if (sys.skipUnlessRunAs(t, 'drops to nobody')) return
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const { uid, gid } = sys.userIds('nobody')
  const project = path.join(dir, 'proj')
  fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true })
  fs.chownSync(project, uid, gid) // the user's project; node_modules left by sudo npm
  const d = diagnoseAs('nobody', 'fs.mkdirSync(args[0])', [path.join(project, 'node_modules', 'dep')])
  assert.equal(d.code, 'EACCES')
  assert.equal(d.causes[0].id, 'wrong-owner', JSON.stringify(d.causes.map((c) => c.id)))
  assert.equal(d.causes[1].id, 'permission-denied')
  const ev = d.causes[0].evidence
  assert.equal(ev.component, path.join(project, 'node_modules'))
  assert.equal(ev.ownerUid, 0)
  assert.equal(ev.owner, 'root')
  assert.equal(ev.euid, uid)
  assert.ok(d.causes[0].fixes[0].commands.includes(`sudo chown -R "$(id -un)" -- ${ev.component}`), JSON.stringify(d.causes[0].fixes))
})

function chattrTest (flag, ops) {
  return (t) => {
    if (sys.skipUnless(t, `chattr ${flag}`, ['chattr'])) return
    const { dir, cleanup } = sys.tmpdir()
    const file = path.join(dir, 'locked.txt')
    fs.writeFileSync(file, 'data')
    sys.run('chattr', [flag, file])
    t.after(() => {
      sys.run('chattr', ['-i', '-a', file])
      cleanup()
    })
    for (const [name, op] of ops) {
      let err
      try {
        op(file, path.join(dir, 'moved.txt'))
      } catch (e) {
        err = e
      }
      assert.ok(err, `${name} failed`)
      assert.equal(err.code, 'EPERM')
      const d = fsdoctor.diagnoseSync(err)
      assert.equal(d.causes[0].id, 'immutable-file', `${name}: ${d.causes.map((c) => c.id)}`)
      assert.equal(d.causes[0].evidence.path, file)
      assert.equal(d.causes[0].evidence[flag === '+i' ? 'immutable' : 'appendOnly'], true)
      assert.equal(d.transient, false)
      assert.ok(d.causes[0].fixes.some((f) => f.commands.includes(`sudo chattr -i -a -- ${file}`)))
    }
  }
}

test('chattr +i -> EPERM on unlink and rename -> immutable-file', chattrTest('+i', [
  ['unlink', (f) => fs.unlinkSync(f)],
  ['rename', (f, g) => fs.renameSync(f, g)],
  ['write', (f) => fs.writeFileSync(f, 'new')]
]))

test('chattr +a -> EPERM on unlink and truncating write -> immutable-file', chattrTest('+a', [
  ['unlink', (f) => fs.unlinkSync(f)],
  ['write', (f) => fs.writeFileSync(f, 'new')]
]))
