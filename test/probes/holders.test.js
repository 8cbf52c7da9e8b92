'use strict'
// holders() against processes started here: a node child holding a file
// open, children holding flock, POSIX and OFD locks, a cwd inside a dir.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const f = require('../..')
const sys = require('../helpers/sys')

function tmp (t) {
  const d = sys.tmpdir()
  t.after(d.cleanup)
  return d.dir
}

function holding (r, pid, how) {
  return r.holders.filter((h) => h.pid === pid && (!how || h.how === how))
}

test('a node child holding a file open: pid, how fd, kind node, mode', async (t) => {
  if (process.platform !== 'linux') return t.skip('Linux procfs')
  const file = path.join(tmp(t), 'held.txt')
  fs.writeFileSync(file, 'x')
  const h = await sys.spawnHolder(file, { mode: 'w' })
  t.after(h.kill)
  const r = f.holdersSync(file)
  const mine = holding(r, h.pid, 'fd')
  assert.strictEqual(mine.length, 1, JSON.stringify(r.holders))
  assert.strictEqual(mine[0].fd, h.fd)
  assert.strictEqual(mine[0].kind, 'node')
  assert.strictEqual(mine[0].name, 'node')
  assert.strictEqual(mine[0].mode, 'w')
  assert.strictEqual(mine[0].target, file)
  assert.match(mine[0].cmdline, /openSync/)
  assert.strictEqual(r.method, 'procfs')
  assert.ok(r.scanned > 1)
  await h.kill()
  assert.strictEqual(holding(f.holdersSync(file), h.pid).length, 0)
})

test('flock, POSIX and OFD locks are named with their pid', async (t) => {
  if (process.platform !== 'linux') return t.skip('Linux procfs')
  const dir = tmp(t)
  const a = path.join(dir, 'a')
  const b = path.join(dir, 'b')
  const c = path.join(dir, 'c')
  const fl = await sys.spawnHolder(a, { flock: true })
  t.after(fl.kill)
  const px = await sys.spawnHolder(b, { posix: 'w', mode: 'rw' })
  t.after(px.kill)
  const ofd = await sys.spawnHolder(c, { ofd: 'r' })
  t.after(ofd.kill)
  const ra = holding(f.holdersSync(a), fl.pid)
  assert.ok(ra.some((h) => h.lock === 'FLOCK WRITE' && h.how === 'fd'), JSON.stringify(ra))
  assert.strictEqual(ra[0].kind, 'other')
  const rb = holding(f.holdersSync(b), px.pid)
  assert.ok(rb.some((h) => h.lock === 'POSIX WRITE' && h.mode === 'rw'), JSON.stringify(rb))
  const rc = holding(f.holdersSync(c), ofd.pid)
  assert.ok(rc.some((h) => h.lock === 'OFDLCK READ'), JSON.stringify(rc))
})

test('a lock held by a process we cannot inspect still shows, from /proc/locks', async (t) => {
  if (sys.skipUnlessRunAs(t, 'runs a holder as nobody and scans as nobody')) return
  const dir = tmp(t)
  fs.chmodSync(dir, 0o777)
  const file = path.join(dir, 'locked')
  fs.writeFileSync(file, '')
  fs.chmodSync(file, 0o666)
  // root holds the lock; nobody scans and cannot follow root's descriptors.
  const h = await sys.spawnHolder(file, { flock: true })
  t.after(h.kill)
  const r = sys.runNodeAs('nobody', 'f.holdersSync(args[0])', [file])
  const mine = r.holders.filter((x) => x.pid === h.pid)
  assert.deepStrictEqual(mine.map((x) => [x.how, x.lock]), [['lock', 'FLOCK WRITE']])
  assert.ok(r.uninspected > 0)
  assert.match(r.note, /could not be inspected/)
})

test('a directory: cwd and files under it', async (t) => {
  if (process.platform !== 'linux') return t.skip('Linux procfs')
  const dir = tmp(t)
  fs.mkdirSync(path.join(dir, 'sub'))
  const inner = path.join(dir, 'sub', 'inner.txt')
  fs.writeFileSync(inner, '')
  const cwd = await sys.spawnHolder(path.join(dir, 'sub'), { cwd: true })
  t.after(cwd.kill)
  const fd = await sys.spawnHolder(inner)
  t.after(fd.kill)
  const r = f.holdersSync(dir)
  assert.deepStrictEqual(holding(r, cwd.pid, 'cwd').map((h) => h.target), [path.join(dir, 'sub')])
  assert.deepStrictEqual(holding(r, fd.pid, 'fd').map((h) => h.target), [inner])
  assert.strictEqual(holding(r, fd.pid, 'fd')[0].kind, 'node')
})

test('mmap and exe holders', async (t) => {
  if (process.platform !== 'linux') return t.skip('Linux procfs')
  const file = path.join(tmp(t), 'mapped.bin')
  fs.writeFileSync(file, Buffer.alloc(8192, 1))
  const h = await sys.spawnHolder(file, { mmap: true })
  t.after(h.kill)
  const r = f.holdersSync(file)
  assert.ok(holding(r, h.pid, 'mmap').length === 1, JSON.stringify(r.holders))
  const exe = f.holdersSync(process.execPath)
  assert.ok(holding(exe, process.pid, 'exe').length === 1)
})

test('a missing path gives an empty, well-formed answer', () => {
  const r = f.holdersSync('/no/such/file/anywhere')
  assert.deepStrictEqual(r.holders, [])
  assert.match(r.note, /ENOENT/)
})

test('async holders resolves like holdersSync', async (t) => {
  const file = path.join(tmp(t), 'async.txt')
  fs.writeFileSync(file, '')
  const h = await sys.spawnHolder(file)
  t.after(h.kill)
  const a = await f.holders(file)
  const s = f.holdersSync(file)
  assert.deepStrictEqual(holding(a, h.pid), holding(s, h.pid))
  assert.strictEqual(holding(a, h.pid).length, 1)
})

// Side by side with fuser, on the same file in the same run: every process
// fuser names as holding it, holdersSync names too (speed is compared in
// bench/who.js, never asserted here: the machines are shared).
test('finds what fuser finds', async (t) => {
  if (!sys.have('fuser')) return t.skip('needs fuser (psmisc)')
  const file = path.join(tmp(t), 'fuser.txt')
  fs.writeFileSync(file, '')
  const h = await sys.spawnHolder(file)
  t.after(h.kill)
  const r = spawnSync('fuser', [file], { encoding: 'utf8' })
  const theirs = (r.stdout.match(/\d+/g) || []).map(Number).sort((a, b) => a - b)
  assert.ok(theirs.includes(h.pid), `fuser names the holder: ${r.stdout}`)
  const ours = new Set(f.holdersSync(file).holders.map((x) => x.pid))
  for (const pid of theirs) assert.ok(ours.has(pid), `fuser names ${pid}, holdersSync does not`)
})
