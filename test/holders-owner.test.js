'use strict'
// Issue 13, left over: a fix that ends a holder process is shown only for
// a process this user may end: its own, or any when running as root. The
// holder scan records each holder's real uid (and the euid it ran as), and
// the guard holds the two against each other; for another user's process
// the fix shows who runs it (`ps -o pid,user,args -p PID`) instead.
//
// The holder is a real process run as nobody (setpriv), holding a flock on
// a file; the diagnosis runs as root, as nobody and as a third user. A
// user who is not root cannot read another user's descriptors, so it sees
// that holder through /proc/locks, as a user would.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const { spawn } = require('node:child_process')
const fsdoctor = require('..')
const sys = require('./helpers/sys')

const WHY = 'runs a holder as nobody and diagnoses as root and as other users'
const OTHER = 'daemon' // a third user: neither root nor nobody

// Starts `flock file sleep 600` as nobody in a process group of its own
// and waits until its lock is in /proc/locks. Returns { pid, stop }.
async function holdAsNobody (t, file) {
  const { uid, gid } = sys.userIds('nobody')
  const child = spawn('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups',
    '--inh-caps=-all', '--', 'flock', file, 'sleep', '600'], { stdio: 'ignore', detached: true })
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {}
  }
  t.after(stop)
  const ino = fs.statSync(file).ino
  for (let i = 0; i < 200; i++) {
    const locks = fs.readFileSync('/proc/locks', 'utf8')
    if (locks.split('\n').some((l) => l.includes(`:${ino} `) && !l.includes('->'))) return { pid: child.pid, uid }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the holder never took its lock')
}

// Every command of every cause, with its class.
function commands (d) {
  return d.causes.flatMap((c) => c.fixes.flatMap((f) =>
    f.commands.map((cmd, i) => ({ cmd, cls: f.classes[i], text: f.text, id: c.id }))))
}

const EXPR = "f.diagnoseSync({ code: 'EBUSY', syscall: 'rename', path: args[0] }, { holders: true })"

function setup (t) {
  const tmp = sys.tmpdir('fsd-owner-')
  t.after(tmp.cleanup)
  const file = path.join(tmp.dir, 'held')
  fs.writeFileSync(file, 'x')
  fs.chmodSync(file, 0o644)
  return file
}

test('as root: a holder run as nobody is named with its uid, and may be ended', async (t) => {
  if (sys.skipUnlessRunAs(t, WHY, 'nobody', ['flock'])) return
  const file = setup(t)
  const h = await holdAsNobody(t, file)
  const d = fsdoctor.diagnoseSync({ code: 'EBUSY', syscall: 'rename', path: file }, { holders: true })
  assert.strictEqual(d.facts.holders.euid, 0)
  const flock = d.facts.holders.holders.find((x) => x.pid === h.pid)
  assert.ok(flock, JSON.stringify(d.facts.holders))
  assert.strictEqual(flock.uid, h.uid)
  const cmds = commands(d)
  assert.ok(cmds.some((c) => c.cls === 'kill' && c.cmd === `kill ${h.pid}`), JSON.stringify(cmds))
})

test("the cause's evidence names each holder's owner, as facts.holders does", async (t) => {
  if (sys.skipUnlessRunAs(t, WHY, 'nobody', ['flock'])) return
  const file = setup(t)
  const h = await holdAsNobody(t, file)
  const check = (d) => {
    const locked = d.causes.find((c) => c.id === 'file-locked')
    assert.ok(locked, JSON.stringify(d.causes.map((c) => c.id)))
    const ev = locked.evidence.holders.find((x) => x.pid === h.pid)
    assert.ok(ev, JSON.stringify(locked.evidence))
    assert.strictEqual(ev.uid, h.uid)
    // Every holder in the evidence carries the key: a number or null.
    for (const x of locked.evidence.holders) {
      assert.ok(Object.hasOwn(x, 'uid') && (x.uid === null || Number.isInteger(x.uid)), JSON.stringify(x))
      const fact = d.facts.holders.holders.find((y) => y.pid === x.pid && y.how === x.how)
      if (fact) assert.strictEqual(x.uid, fact.uid)
    }
  }
  check(fsdoctor.diagnoseSync({ code: 'EBUSY', syscall: 'rename', path: file }, { holders: true }))
  // The same from the asynchronous call, and as nobody (its own holder).
  check(await fsdoctor.diagnose({ code: 'EBUSY', syscall: 'rename', path: file }, { holders: true }))
  check(sys.runNodeAs('nobody', EXPR, [file]))
})

test('as another user: a holder run as nobody gets the inspect command, not kill', async (t) => {
  if (sys.skipUnlessRunAs(t, WHY, 'nobody', ['flock'])) return
  let other
  try {
    other = sys.userIds(OTHER)
  } catch {
    return t.skip(`no user ${OTHER} here: ${WHY}`)
  }
  if (sys.skipUnlessRunAs(t, WHY, OTHER)) return
  const file = setup(t)
  const h = await holdAsNobody(t, file)
  const d = sys.runNodeAs(OTHER, EXPR, [file])
  assert.strictEqual(d.facts.holders.euid, other.uid)
  const flock = d.facts.holders.holders.find((x) => x.pid === h.pid)
  assert.ok(flock, `the lock names the holder: ${JSON.stringify(d.facts.holders)}`)
  assert.strictEqual(flock.uid, h.uid)
  assert.strictEqual(d.causes[0].id, 'file-locked')
  const cmds = commands(d)
  assert.deepStrictEqual(cmds.filter((c) => c.cls === 'kill'), [])
  const ps = cmds.filter((c) => c.cmd === `ps -o pid,user,args -p ${h.pid}`)
  assert.strictEqual(ps.length, 1, JSON.stringify(cmds))
  assert.strictEqual(ps[0].cls, 'inspect')
  assert.match(ps[0].text, new RegExp(`Not shown: the kill command, because it belongs to another user \\(uid ${h.uid}\\)`))
})

test('as nobody: its own holder may be ended', async (t) => {
  if (sys.skipUnlessRunAs(t, WHY, 'nobody', ['flock'])) return
  const file = setup(t)
  const h = await holdAsNobody(t, file)
  const d = sys.runNodeAs('nobody', EXPR, [file])
  assert.strictEqual(d.facts.holders.euid, h.uid)
  assert.ok(d.facts.holders.holders.some((x) => x.pid === h.pid && x.uid === h.uid), JSON.stringify(d.facts.holders))
  const cmds = commands(d)
  assert.ok(cmds.some((c) => c.cls === 'kill' && c.cmd === `kill ${h.pid}`), JSON.stringify(cmds))
})
