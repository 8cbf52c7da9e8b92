'use strict'
// The tree scan split between threads, and the end-of-directory shortcut
// (src/platform/posix_scan_pool.c, linux_scandir.c): same answers as one
// thread and as a plain JavaScript walk, on every filesystem we can mount.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const f = require('..')
const { makeTree } = require('../bench/tree')
const sys = require('./helpers/sys')

function tmp (t, base = os.tmpdir()) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(base, 'fsd-scanp-')))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

// What the scan should count, from readdir alone.
function jsCount (root) {
  const c = { entries: 0, dirs: 1, files: 0, symlinks: 0, others: 0 }
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      c.entries++
      if (e.isDirectory()) {
        c.dirs++
        walk(path.join(dir, e.name))
      } else if (e.isFile()) c.files++
      else if (e.isSymbolicLink()) c.symlinks++
      else c.others++
    }
  }
  walk(root)
  return c
}

const totals = (r) => ({ entries: r.entries, dirs: r.dirs, files: r.files, symlinks: r.symlinks, others: r.others })
const stable = (r) => ({ ...r, elapsedMs: 0 })

// A directory too big for one read (names of 200 bytes: about 150 per
// 32 KiB buffer), next to small ones.
function bigDir (dir, n = 1200, padLength = 190) {
  const big = path.join(dir, 'big')
  fs.mkdirSync(big)
  const pad = 'x'.repeat(padLength)
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(big, `${pad}-${i}`), '')
  for (let i = 0; i < 20; i++) fs.mkdirSync(path.join(dir, `small-${i}`, 'a', 'b'), { recursive: true })
  return n
}

test('1, 2, 3 and 8 threads give the same result, findings sorted by path', async (t) => {
  const dir = tmp(t)
  makeTree(dir, 20000)
  const one = f.scanSync(dir, { threads: 1, linkThreshold: 2, owner: true })
  assert.ok(one.findings.length > 20, `${one.findings.length} findings`)
  const paths = one.findings.map((x) => x.path + '\0' + x.kind)
  assert.deepStrictEqual(paths, [...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))))
  for (const threads of [2, 3, 8]) {
    assert.deepStrictEqual(stable(f.scanSync(dir, { threads, linkThreshold: 2, owner: true })), stable(one), `threads ${threads}`)
    assert.deepStrictEqual(stable(await f.scan(dir, { threads, linkThreshold: 2, owner: true })), stable(one), `async threads ${threads}`)
  }
  assert.deepStrictEqual(totals(one), jsCount(dir))
})

test('threads: bad values are refused', () => {
  for (const threads of [0, -1, 65, 1.5, '2']) {
    assert.throws(() => f.scanSync(os.tmpdir(), { threads }), { code: /ERR_OUT_OF_RANGE|ERR_INVALID_ARG_TYPE|ERR_INVALID_ARG_VALUE/ }, String(threads))
  }
})

test('a directory bigger than one read is read to its end (tmpdir)', (t) => {
  const dir = tmp(t)
  bigDir(dir)
  for (const threads of [1, 2]) assert.deepStrictEqual(totals(f.scanSync(dir, { threads })), jsCount(dir))
})

// The shortcut skips the getdents64 call that returns nothing: one call
// per directory instead of two, where the filesystem marks the end.
test('one getdents64 per small directory on ext4 and tmpfs', (t) => {
  if (sys.skipUnless(t, 'counts system calls with strace', ['strace'])) return
  if (process.platform !== 'linux') return t.skip('Linux only')
  const dir = tmp(t)
  for (let i = 0; i < 200; i++) fs.mkdirSync(path.join(dir, `d${i}`, 'e'), { recursive: true })
  const type = spawnSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).stdout.trim()
  if (!['ext2/ext3', 'tmpfs', 'xfs', 'btrfs'].includes(type)) return t.skip(`${os.tmpdir()} is ${type}: no end mark to trust`)
  const script = `require(${JSON.stringify(path.join(__dirname, '..'))}).scanSync(${JSON.stringify(dir)}, { threads: 1 })`
  const r = spawnSync('strace', ['-f', '-c', '-e', 'trace=getdents64', process.execPath, '-e', script], { encoding: 'utf8' })
  // "% time  seconds  usecs/call  calls  [errors]  syscall"
  const line = r.stderr.split('\n').find((l) => / getdents64$/.test(l.trim() ? ' ' + l.trim() : ''))
  assert.ok(line, r.stderr)
  const calls = Number(line.trim().split(/\s+/)[3])
  // 401 directories; Node's own start-up reads a few more.
  assert.ok(calls >= 401 && calls < 480, `getdents64 calls: ${calls}`)
})

test('every filesystem: counts equal a JavaScript walk, with mounts below the root', { timeout: 180000 }, async (t) => {
  if (sys.skipUnlessRoot(t, 'mounts tmpfs, loop images and FUSE')) return
  // (FAT is below, through FUSE: this kernel has no vfat driver.)
  const kinds = [['tmpfs'], ['ext4'], ['ext2', ['-O', '^dir_index']], ['xfs'], ['btrfs']]
  for (const [kind, args] of kinds) {
    await t.test(kind, (t) => {
      if (kind !== 'tmpfs' && !sys.have(`mkfs.${kind}`)) return t.skip(`no mkfs.${kind}`)
      const m = kind === 'tmpfs' ? sys.mountTmpfs({ size: '64m' }) : sys.makeLoopImage(kind, 64, args)
      t.after(m.cleanup)
      makeTree(m.dir, 3000)
      bigDir(m.dir)
      for (const threads of [1, 2]) assert.deepStrictEqual(totals(f.scanSync(m.dir, { threads })), jsCount(m.dir), `threads ${threads}`)
    })
  }
  await t.test('a tmpfs and a FUSE mount below an ext4 root', (t) => {
    if (!sys.have('fusefat')) return t.skip('no fusefat')
    // One hook, so the bind mounts go before the tree is removed.
    const undo = []
    t.after(() => { for (const u of undo.reverse()) u() })
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-scanp-')))
    undo.push(() => fs.rmSync(root, { recursive: true, force: true }))
    makeTree(root, 2000)
    const inner = path.join(root, 'node_modules', 'mnt-tmpfs')
    const fuse = path.join(root, 'node_modules', 'mnt-fuse')
    fs.mkdirSync(inner)
    fs.mkdirSync(fuse)
    const tm = sys.mountTmpfs({ size: '16m' })
    undo.push(tm.cleanup)
    sys.run('mount', ['--bind', tm.dir, inner])
    undo.push(() => spawnSync('umount', ['-l', inner]))
    bigDir(inner)
    const fat = sys.fuseFat(16)
    undo.push(fat.cleanup)
    bigDir(fat.dir, 120, 8) // FAT through FUSE is slow to fill
    sys.run('mount', ['--bind', fat.dir, fuse])
    undo.push(() => spawnSync('umount', ['-l', fuse]))
    const want = jsCount(root)
    assert.ok(want.entries > 3000)
    for (const threads of [1, 2, 4]) assert.deepStrictEqual(totals(f.scanSync(root, { threads })), want, `threads ${threads}`)
  })
})

test('followSymlinks into another filesystem still reads it whole', (t) => {
  if (sys.skipUnlessRoot(t, 'mounts a tmpfs')) return
  const root = tmp(t)
  const m = sys.mountTmpfs({ size: '16m' })
  t.after(m.cleanup)
  bigDir(m.dir)
  fs.symlinkSync(m.dir, path.join(root, 'linked'))
  const r = f.scanSync(root, { followSymlinks: true, outside: false })
  const inner = jsCount(m.dir)
  assert.strictEqual(r.entries, 1 + inner.entries)
  assert.strictEqual(r.dirs, 1 + inner.dirs)
})

test('the root directory itself: names below "/" are opened right', (t) => {
  if (process.platform === 'win32') return t.skip('POSIX root')
  const tops = fs.readdirSync('/', { withFileTypes: true }).filter((e) => e.isDirectory())
  // Not root, some may not be ours to read (/root, /lost+found): those are
  // unreadable, with EACCES, and only those; every other one is opened.
  const closed = tops.map((e) => path.join('/', e.name)).filter((p) => {
    try {
      fs.accessSync(p, fs.constants.R_OK)
      return false
    } catch {
      return true
    }
  })
  for (const threads of [1, 2]) {
    const r = f.scanSync('/', { maxDepth: 1, outside: false, longPath: false, threads })
    assert.strictEqual(r.dirs, 1 + tops.length - closed.length, `threads ${threads}`)
    assert.deepStrictEqual(r.findings.filter((x) => x.kind === 'unreadable').map((x) => [x.path, x.error]).sort(),
      closed.map((p) => [p, 'EACCES']).sort())
  }
})

test('past maxResults every thread count keeps the same findings: the first in path order', (t) => {
  const dir = tmp(t)
  for (let d = 0; d < 40; d++) {
    const sub = path.join(dir, `d${d}`, 'deeper')
    fs.mkdirSync(sub, { recursive: true })
    for (let i = 0; i < 10; i++) fs.symlinkSync(`missing-${i}`, path.join(i % 2 ? sub : path.dirname(sub), `l${i}`))
  }
  const full = f.scanSync(dir, { threads: 1 })
  assert.strictEqual(full.findings.length, 400)
  for (const threads of [1, 2, 4, 8]) {
    for (let round = 0; round < 3; round++) {
      const r = f.scanSync(dir, { threads, maxResults: 37 })
      assert.strictEqual(r.truncated, true)
      assert.strictEqual(r.counts['broken-symlink'], 400)
      assert.deepStrictEqual(r.findings, full.findings.slice(0, 37), `threads ${threads}`)
    }
  }
})

test('a link back to an ancestor whose path is longer than PATH_MAX is still a loop', (t) => {
  if (process.platform === 'win32') return t.skip('POSIX paths')
  // Built one component at a time: no call may take the whole path, and
  // rm(1) removes it (fs.rmSync would pass whole paths).
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-scanp-')))
  t.after(() => spawnSync('rm', ['-rf', dir]))
  const name = 'n'.repeat(200)
  const here = process.cwd()
  try {
    process.chdir(dir)
    for (let i = 0; i < 25; i++) {
      fs.mkdirSync(name)
      process.chdir(name)
    }
    fs.symlinkSync('..', 'up1')
    fs.symlinkSync('../..', 'up2')
  } finally {
    process.chdir(here)
  }
  for (const threads of [1, 3]) {
    const r = f.scanSync(dir, { threads, longPath: false })
    const loops = r.findings.filter((x) => x.kind === 'symlink-loop')
    assert.strictEqual(loops.length, 2, JSON.stringify(r.counts))
    assert.ok(loops.every((x) => x.ancestor && x.path.length > 5000))
    // Following links: the cycles are not entered, so the walk stays small.
    const followed = f.scanSync(dir, { threads, longPath: false, followSymlinks: true })
    assert.strictEqual(followed.counts['symlink-loop'], 2)
    assert.strictEqual(followed.dirs, 26)
  }
})

test('out of descriptors with several threads: the same result as one thread', (t) => {
  if (process.platform !== 'linux') return t.skip('ulimit -n and a Linux shell')
  const dir = tmp(t)
  // A comb: a chain 40 deep with three subdirectories at each level, read
  // under a 64-descriptor limit that one thread walks without running out.
  let d = dir
  for (let l = 0; l < 40; l++) {
    for (let i = 0; i < 3; i++) fs.mkdirSync(path.join(d, `leaf${i}`, 'sub'), { recursive: true })
    d = path.join(d, 'c')
    fs.mkdirSync(d)
  }
  const script = `const f = require(${JSON.stringify(path.join(__dirname, '..'))})
const out = []
for (const threads of [1, 4, 8, 4, 8]) {
  const r = f.scanSync(${JSON.stringify(dir)}, { threads })
  out.push([threads, r.dirs, r.counts.unreadable])
}
console.log(JSON.stringify(out))`
  const r = spawnSync('sh', ['-c', 'ulimit -n 64 && exec "$0" -e "$1"', process.execPath, script], { encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  const rows = JSON.parse(r.stdout)
  assert.deepStrictEqual(rows[0], [1, 41 + 40 * 6, 0], 'one thread should walk it all under the limit')
  for (const row of rows) assert.deepStrictEqual(row.slice(1), rows[0].slice(1), JSON.stringify(rows))
})
