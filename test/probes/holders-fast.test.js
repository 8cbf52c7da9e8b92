'use strict'
// holders() on Linux takes two short cuts: a write lease answers "nobody"
// for a free regular file on a local filesystem without looking at any
// process, and the scan runs on several threads. Both must give what the
// plain one-thread scan gives. FSDOCTOR_HOLDERS_LEASE and
// FSDOCTOR_HOLDERS_THREADS are read by lib/index.js on every call (and
// passed to C as options), so they are set here in this process around each
// call.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn, spawnSync } = require('node:child_process')
const f = require('../..')
const sys = require('../helpers/sys')
const { withEnv } = require('../../bench/util')

const LEASE_NOTE = /answered by a write lease/

function tmp (t) {
  const d = sys.tmpdir()
  t.after(d.cleanup)
  return d.dir
}

const scan = (p, threads = '1') => withEnv({ FSDOCTOR_HOLDERS_LEASE: '0', FSDOCTOR_HOLDERS_THREADS: threads }, () => f.holdersSync(p))
const fast = (p) => f.holdersSync(p)

// The holders among pids (other test files start and end processes while
// this one runs, so only processes started here are compared).
function mine (r, pids) {
  const set = new Set(pids)
  return r.holders.filter((h) => set.has(h.pid))
}

// A small C program: argv[1] file, argv[2] "mmap" (map the file, then
// close the descriptor) or "opath" (hold an O_PATH descriptor only).
const helperSource = `
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc < 3) return 2;
  int opath = !strcmp(argv[2], "opath");
  int fd = open(argv[1], opath ? O_PATH : O_RDONLY);
  if (fd < 0) { perror("open"); return 1; }
  if (!opath) {
    if (mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED) { perror("mmap"); return 1; }
    close(fd);
  }
  printf("ready\\n");
  fflush(stdout);
  char buf[64];
  while (read(0, buf, sizeof(buf)) > 0) {}
  return 0;
}
`

const helper = () => sys.compileC(helperSource, 'lease')

// Starts cmd and resolves once it printed "ready" (or right away when
// ready is false: the process is then checked through /proc).
function start (t, cmd, args, ready = true) {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const kill = () => { try { child.kill('SIGKILL') } catch {} }
  t.after(kill)
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr.on('data', (d) => { err += d })
    child.once('error', reject)
    child.once('exit', (code, sig) => reject(new Error(`${cmd} exited early (${code ?? sig}): ${err}`)))
    if (!ready) {
      // Wait until the kernel shows the new program as the process's exe.
      const end = Date.now() + 10000
      const poll = () => {
        let exe = ''
        try { exe = fs.readlinkSync(`/proc/${child.pid}/exe`) } catch {}
        if (exe === cmd) return resolve(child)
        if (Date.now() > end) return reject(new Error(`${cmd} did not start`))
        setTimeout(poll, 10)
      }
      return poll()
    }
    child.stdout.on('data', (d) => {
      out += d
      if (out.includes('ready\n')) resolve(child)
    })
  })
}

function skipNoLinux (t) {
  if (process.platform !== 'linux') {
    t.skip('Linux only: leases and /proc')
    return true
  }
  return false
}

test('a free file: the lease answers nobody, scanned 0; the scan agrees', (t) => {
  if (skipNoLinux(t)) return
  const file = path.join(tmp(t), 'free.txt')
  fs.writeFileSync(file, 'x')
  const r = fast(file)
  assert.deepStrictEqual(r.holders, [])
  assert.strictEqual(r.method, 'procfs')
  assert.strictEqual(r.scanned, 0)
  assert.strictEqual(r.uninspected, 0)
  assert.match(r.note, LEASE_NOTE)
  const s = scan(file)
  assert.deepStrictEqual(s.holders, [])
  assert.ok(s.scanned > 1, `the scan looked at ${s.scanned} processes`)
  assert.doesNotMatch(s.note || '', LEASE_NOTE)
})

test('held by this process: the lease is refused and the scan names us', (t) => {
  if (skipNoLinux(t)) return
  const file = path.join(tmp(t), 'self.txt')
  fs.writeFileSync(file, 'x')
  const fd = fs.openSync(file, 'r')
  t.after(() => fs.closeSync(fd))
  const r = fast(file)
  assert.ok(r.scanned > 1)
  assert.deepStrictEqual(mine(r, [process.pid]).map((h) => [h.how, h.fd]), [['fd', fd]])
})

for (const mode of ['r', 'w']) {
  test(`held for ${mode === 'r' ? 'reading' : 'writing'} by another process: same holders with and without the lease`, async (t) => {
    if (skipNoLinux(t)) return
    const file = path.join(tmp(t), `held-${mode}.txt`)
    fs.writeFileSync(file, 'x')
    const h = await sys.spawnHolder(file, { mode })
    t.after(h.kill)
    const r = fast(file)
    assert.ok(r.scanned > 1, 'the lease must be refused')
    assert.doesNotMatch(r.note || '', LEASE_NOTE)
    assert.deepStrictEqual(mine(r, [h.pid]).map((x) => [x.how, x.fd, x.mode]), [['fd', h.fd, mode]])
    assert.deepStrictEqual(mine(r, [h.pid]), mine(scan(file), [h.pid]))
    await h.kill()
    assert.strictEqual(fast(file).scanned, 0, 'free again: the lease answers')
  })
}

test('mapped only (descriptor closed after mmap): the lease is refused, the scan finds the map', async (t) => {
  if (skipNoLinux(t)) return
  if (!sys.have('cc')) return t.skip('needs cc for the mapping helper')
  const file = path.join(tmp(t), 'mapped.bin')
  fs.writeFileSync(file, Buffer.alloc(8192, 1))
  const child = await start(t, helper(), [file, 'mmap'])
  assert.deepStrictEqual(fs.readdirSync(`/proc/${child.pid}/fd`).filter((n) => {
    try { return fs.readlinkSync(`/proc/${child.pid}/fd/${n}`) === file } catch { return false }
  }), [], 'the helper keeps no descriptor of the file')
  const r = fast(file)
  assert.ok(r.scanned > 1, 'the lease must be refused')
  assert.deepStrictEqual(mine(r, [child.pid]).map((x) => x.how), ['mmap'])
  assert.deepStrictEqual(mine(r, [child.pid]), mine(scan(file), [child.pid]))
})

test('a running program copied to a temp dir: the lease is refused, exe and mmap found', async (t) => {
  if (skipNoLinux(t)) return
  const src = ['/bin/sleep', '/usr/bin/sleep'].find((p) => fs.existsSync(p))
  if (!src) return t.skip('needs a sleep binary')
  const exe = path.join(tmp(t), 'mysleep')
  fs.copyFileSync(src, exe)
  fs.chmodSync(exe, 0o755)
  const child = await start(t, exe, ['600'], false)
  const r = fast(exe)
  assert.ok(r.scanned > 1, 'the lease must be refused')
  assert.deepStrictEqual(mine(r, [child.pid]).map((x) => x.how).sort(), ['exe', 'mmap'])
  assert.deepStrictEqual(mine(r, [child.pid]), mine(scan(exe), [child.pid]))
})

test('an O_PATH descriptor opens nothing: the lease does not see it (documented)', async (t) => {
  if (skipNoLinux(t)) return
  if (!sys.have('cc')) return t.skip('needs cc for the O_PATH helper')
  const file = path.join(tmp(t), 'opath.txt')
  fs.writeFileSync(file, 'x')
  const child = await start(t, helper(), [file, 'opath'])
  assert.strictEqual(fast(file).scanned, 0)
  assert.deepStrictEqual(mine(scan(file), [child.pid]).map((x) => x.how), ['fd'])
})

test('a directory is never leased: a holder under it is found either way', async (t) => {
  if (skipNoLinux(t)) return
  const dir = tmp(t)
  const inner = path.join(dir, 'inner.txt')
  fs.writeFileSync(inner, '')
  const h = await sys.spawnHolder(inner)
  t.after(h.kill)
  const empty = path.join(dir, 'empty')
  fs.mkdirSync(empty)
  assert.ok(fast(empty).scanned > 1, 'an empty directory is still scanned')
  const r = fast(dir)
  assert.ok(r.scanned > 1)
  assert.deepStrictEqual(mine(r, [h.pid]).map((x) => [x.how, x.target]), [['fd', inner]])
  assert.deepStrictEqual(mine(r, [h.pid]), mine(scan(dir), [h.pid]))
})

test('1 and 4 threads give the same holders, in pid order', async (t) => {
  if (skipNoLinux(t)) return
  const dir = tmp(t)
  const kids = []
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, `f${i}`)
    fs.writeFileSync(file, 'x')
    const h = await sys.spawnHolder(file, { mode: i % 2 ? 'w' : 'r' })
    t.after(h.kill)
    kids.push(h.pid)
  }
  const sub = path.join(dir, 'sub')
  fs.mkdirSync(sub)
  const cwd = await sys.spawnHolder(sub, { cwd: true })
  t.after(cwd.kill)
  kids.push(cwd.pid)
  const one = scan(dir, '1')
  const four = scan(dir, '4')
  const two = scan(dir, '2')
  assert.strictEqual(mine(one, kids).length, 7, JSON.stringify(one.holders))
  assert.deepStrictEqual(mine(four, kids), mine(one, kids))
  assert.deepStrictEqual(mine(two, kids), mine(one, kids))
  for (const r of [one, two, four]) {
    const pids = r.holders.map((h) => h.pid)
    assert.deepStrictEqual(pids, [...pids].sort((a, b) => a - b), 'holders come in pid order')
    assert.ok(r.scanned > kids.length)
  }
  // The whole answer (not only our children) for a target nobody else
  // touches: node itself, held by this process and maybe others.
  const exeOne = scan(process.execPath, '1')
  const exeFour = scan(process.execPath, '4')
  assert.deepStrictEqual(mine(exeFour, [process.pid]), mine(exeOne, [process.pid]))
  assert.ok(mine(exeOne, [process.pid]).some((h) => h.how === 'exe'))
})

test('a free file on a tmpfs is leased; on ramfs (not on the list) it is scanned', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs and a ramfs')) return
  const m = sys.mountTmpfs()
  t.after(m.cleanup)
  const file = path.join(m.dir, 'free')
  fs.writeFileSync(file, 'x')
  assert.strictEqual(fast(file).scanned, 0)
  const base = tmp(t)
  const ram = path.join(base, 'ram')
  fs.mkdirSync(ram)
  sys.run('mount', ['-t', 'ramfs', 'fsdtest', ram])
  // The temp dir's own cleanup (registered first, run first) detaches it;
  // this is for a failure before that.
  t.after(() => spawnSync('umount', ['-l', ram], { stdio: 'ignore' }))
  const rfile = path.join(ram, 'free')
  fs.writeFileSync(rfile, 'x')
  const r = fast(rfile)
  assert.ok(r.scanned > 1, 'ramfs is not leased')
  assert.deepStrictEqual(r.holders, [])
})

test('a FUSE file is never leased: free or held, the scan answers', async (t) => {
  if (sys.skipUnless(t, 'mounts a FUSE filesystem', ['fusefat', 'mkfs.vfat', 'fusermount'])) return
  let m
  try {
    m = sys.fuseFat()
  } catch (err) {
    return t.skip(`fusefat could not mount here: ${err.message.split('\n')[0]}`)
  }
  t.after(m.cleanup)
  const file = path.join(m.dir, 'free.txt')
  fs.writeFileSync(file, 'x')
  const r = fast(file)
  assert.ok(r.scanned > 1)
  assert.deepStrictEqual(r.holders.filter((h) => h.how !== 'mmap' && h.how !== 'exe'), [])
  const h = await sys.spawnHolder(file)
  t.after(h.kill)
  assert.deepStrictEqual(mine(fast(file), [h.pid]).map((x) => x.how), ['fd'])
})

test('another user\'s file, looked at unprivileged: no lease, the scan answers', async (t) => {
  if (sys.skipUnlessRunAs(t, 'runs holders() as nobody')) return
  const dir = tmp(t)
  const rootFile = path.join(dir, 'root-owned')
  fs.writeFileSync(rootFile, 'x')
  fs.chmodSync(rootFile, 0o644)
  const r = sys.runNodeAs('nobody', 'f.holdersSync(args[0])', [rootFile])
  assert.deepStrictEqual(r.holders, [])
  assert.ok(r.scanned > 1, 'nobody may not lease root\'s file')
  assert.doesNotMatch(r.note || '', LEASE_NOTE)
  // Its own file, nobody may lease.
  const { uid, gid } = sys.userIds('nobody')
  const own = path.join(dir, 'nobody-owned')
  fs.writeFileSync(own, 'x')
  fs.chownSync(own, uid, gid)
  const o = sys.runNodeAs('nobody', 'f.holdersSync(args[0])', [own])
  assert.strictEqual(o.scanned, 0)
  assert.match(o.note, LEASE_NOTE)
})

test('the settings reach C as typed options; the environment is read in JavaScript', (t) => {
  const { binding } = require('../../lib/engine')
  const file = path.join(tmp(t), 'free.txt')
  fs.writeFileSync(file, 'x')
  // The binding's second argument is keyed and typed: a string for a number
  // is refused, not parsed.
  assert.throws(() => binding.holdersSync(file, { threads: '2' }), { code: 'EINVAL', message: /options\.threads must be a number/ })
  assert.throws(() => binding.holdersSync(file, { lease: 0 }), { code: 'EINVAL', message: /options\.lease must be a boolean/ })
  assert.strictEqual(binding.holdersSync(file, { threads: 2, lease: false }).scanned > 1, true)
  // Without options: the C defaults (the lease on).
  assert.match(binding.holdersSync(file).note, LEASE_NOTE)
  // Values the environment may hold that are no number leave the default.
  for (const threads of ['', 'x', '-3', '1000']) {
    const r = withEnv({ FSDOCTOR_HOLDERS_LEASE: '0', FSDOCTOR_HOLDERS_THREADS: threads }, () => f.holdersSync(file))
    assert.ok(r.scanned > 1, threads)
    assert.deepStrictEqual(r.holders.filter((h) => h.pid === process.pid && h.how === 'fd'), [], threads)
  }
  assert.match(withEnv({ FSDOCTOR_HOLDERS_LEASE: '1' }, () => f.holdersSync(file)).note, LEASE_NOTE)
})
