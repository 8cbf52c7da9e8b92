'use strict'
// scan(dir, options): the native tree walk and what it reports.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const f = require('..')
const { makeTree } = require('../bench/tree')
const sys = require('./helpers/sys')

function tmp () {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-scan-')))
}

function small (t) {
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true })
  fs.mkdirSync(path.join(dir, 'node_modules', 'a', 'lib'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'node_modules', 'a', 'cli.js'), '')
  fs.symlinkSync('../a/cli.js', path.join(dir, 'node_modules', '.bin', 'a'))
  fs.symlinkSync('../gone/cli.js', path.join(dir, 'node_modules', '.bin', 'gone'))
  fs.symlinkSync('me', path.join(dir, 'node_modules', 'me'))
  fs.symlinkSync('..', path.join(dir, 'node_modules', 'a', 'lib', 'up'))
  fs.symlinkSync(os.tmpdir(), path.join(dir, 'node_modules', 'linked'))
  return dir
}

const byKind = (r, kind) => r.findings.filter((x) => x.kind === kind)

test('finds broken, looping, ancestor and outside links with their targets', async (t) => {
  const dir = small(t)
  const r = await f.scan(dir)
  assert.strictEqual(r.path, dir)
  assert.strictEqual(r.realPath, dir)
  assert.strictEqual(r.symlinks, 5)
  assert.strictEqual(r.files, 1)
  assert.strictEqual(r.dirs, 5) // dir, node_modules, .bin, a, lib
  assert.strictEqual(r.entries, r.dirs - 1 + r.files + r.symlinks + r.others)
  const broken = byKind(r, 'broken-symlink')
  assert.deepStrictEqual(broken.map((x) => [x.path, x.target, x.error]),
    [[path.join(dir, 'node_modules/.bin/gone'), '../gone/cli.js', 'ENOENT']])
  const loops = byKind(r, 'symlink-loop').sort((a, b) => a.path.localeCompare(b.path))
  assert.deepStrictEqual(loops.map((x) => [path.relative(dir, x.path), x.error, x.ancestor, x.resolved]), [
    ['node_modules/a/lib/up', null, true, path.join(dir, 'node_modules/a')],
    ['node_modules/me', 'ELOOP', false, null]
  ])
  const out = byKind(r, 'outside-link')
  assert.strictEqual(out.length, 1)
  assert.strictEqual(out[0].target, os.tmpdir())
  assert.strictEqual(out[0].resolved, fs.realpathSync(os.tmpdir()))
  assert.strictEqual(r.counts['broken-symlink'], 1)
  assert.strictEqual(r.counts['symlink-loop'], 2)
  assert.strictEqual(r.truncated, false)
  assert.strictEqual(r.cancelled, false)
})

test('scanSync gives the same answer as scan', async (t) => {
  const dir = small(t)
  const a = await f.scan(dir)
  const b = f.scanSync(dir)
  delete a.elapsedMs
  delete b.elapsedMs
  const sort = (r) => r.findings.sort((x, y) => (x.kind + x.path).localeCompare(y.kind + y.path))
  sort(a)
  sort(b)
  assert.deepStrictEqual(a, b)
})

test('link counts: explicit threshold, and linkMax from the filesystem', async (t) => {
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.writeFileSync(path.join(dir, 'x'), '')
  for (let i = 0; i < 4; i++) fs.linkSync(path.join(dir, 'x'), path.join(dir, `x${i}`))
  fs.writeFileSync(path.join(dir, 'single'), '')
  const r = await f.scan(dir, { linkThreshold: 5 })
  const found = byKind(r, 'link-count')
  assert.strictEqual(found.length, 5)
  assert.ok(found.every((x) => x.nlink === 5))
  assert.strictEqual(r.linkThreshold, 5)
  const info = f.fsInfoSync(dir)
  assert.strictEqual(r.linkMax, info.linkMax)
  for (const x of found) assert.strictEqual(x.linkMax, info.linkMax)
  const off = await f.scan(dir, { linkThreshold: 0 })
  assert.strictEqual(off.counts['link-count'], 0)
  // Off by default; true: 90% of the link maximum, so 5 links are fine.
  const def = await f.scan(dir)
  assert.strictEqual(def.linkThreshold, 0)
  assert.strictEqual(def.counts['link-count'], 0)
  const auto = await f.scan(dir, { linkThreshold: true })
  assert.strictEqual(auto.counts['link-count'], 0)
  if (info.linkMax) assert.strictEqual(auto.linkThreshold, Math.floor(info.linkMax * 9 / 10))
})

test('long paths: reported where the limit is first crossed, counted below', async (t) => {
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  let p = dir
  while (p.length <= 280) p = path.join(p, 'd'.repeat(40))
  fs.mkdirSync(p, { recursive: true })
  fs.writeFileSync(path.join(p, 'f.js'), '')
  const r = await f.scan(dir)
  const long = byKind(r, 'long-path')
  assert.strictEqual(long.length, 1)
  assert.ok(long[0].length > 260)
  assert.ok(path.dirname(long[0].path).length <= 260)
  assert.ok(r.counts['long-path'] >= 2)
  // UTF-16 units, not bytes: 'é' is 2 bytes and 1 unit.
  const u = tmp()
  t.after(() => fs.rmSync(u, { recursive: true, force: true }))
  const name = 'é'.repeat(120)
  fs.mkdirSync(path.join(u, name))
  const ru = await f.scan(u, { longPath: u.length + 1 + 121 })
  assert.strictEqual(byKind(ru, 'long-path').length, 0, 'bytes were counted')
  const ru2 = await f.scan(u, { longPath: 100 })
  assert.strictEqual(byKind(ru2, 'long-path')[0].length, u.length + 1 + 120)
  assert.strictEqual((await f.scan(dir, { longPath: false })).counts['long-path'], 0)
})

test('maxResults caps the findings but not the counts', async (t) => {
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  for (let i = 0; i < 50; i++) fs.symlinkSync(`nothing-${i}`, path.join(dir, `l${i}`))
  const r = await f.scan(dir, { maxResults: 10 })
  assert.strictEqual(r.findings.length, 10)
  assert.strictEqual(r.counts['broken-symlink'], 50)
  assert.strictEqual(r.truncated, true)
  const none = await f.scan(dir, { maxResults: 0 })
  assert.strictEqual(none.findings.length, 0)
})

test('followSymlinks descends into linked directories but not into cycles', async (t) => {
  const dir = tmp()
  const other = tmp()
  t.after(() => { fs.rmSync(dir, { recursive: true, force: true }); fs.rmSync(other, { recursive: true, force: true }) })
  fs.mkdirSync(path.join(other, 'pkg'))
  fs.symlinkSync('missing', path.join(other, 'pkg', 'dangling'))
  fs.symlinkSync(other, path.join(dir, 'link'))
  fs.symlinkSync('.', path.join(dir, 'self-dir'))
  const plain = await f.scan(dir)
  assert.strictEqual(plain.counts['broken-symlink'], 0)
  const follow = await f.scan(dir, { followSymlinks: true })
  assert.deepStrictEqual(byKind(follow, 'broken-symlink').map((x) => x.path), [path.join(dir, 'link', 'pkg', 'dangling')])
  assert.strictEqual(byKind(follow, 'symlink-loop').filter((x) => x.ancestor).length, 1)
})

test('maxDepth: deeper directories are reported, not entered', async (t) => {
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.mkdirSync(path.join(dir, 'a/b/c/d'), { recursive: true })
  const r = await f.scan(dir, { maxDepth: 2 })
  assert.deepStrictEqual(byKind(r, 'too-deep').map((x) => x.path), [path.join(dir, 'a/b/c')])
})

test('owner: the topmost entry owned by someone else is reported', async (t) => {
  if (!sys.isRoot()) return t.skip('needs root: chown to another user')
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.mkdirSync(path.join(dir, 'node_modules/x/lib'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'node_modules/x/lib/a.js'), '')
  fs.writeFileSync(path.join(dir, 'mine.js'), '')
  fs.writeFileSync(path.join(dir, 'theirs.js'), '')
  fs.chownSync(dir, 1000, 1000)
  fs.chownSync(path.join(dir, 'mine.js'), 1000, 1000)
  fs.chownSync(path.join(dir, 'node_modules'), 1000, 1000)
  // node_modules/x and below stay root's, as after `sudo npm install`.
  const r = await f.scan(dir, { owner: true })
  assert.strictEqual(r.owner, 1000)
  const found = byKind(r, 'foreign-owner').map((x) => [path.relative(dir, x.path), x.uid]).sort()
  assert.deepStrictEqual(found, [['node_modules/x', 0], ['theirs.js', 0]])
  assert.strictEqual(r.counts['foreign-owner'], 4) // x, lib, a.js, theirs.js
  const explicit = await f.scan(dir, { owner: 0 })
  assert.deepStrictEqual(byKind(explicit, 'foreign-owner').map((x) => path.relative(dir, x.path)).sort(), ['mine.js', 'node_modules'])
})

test('unreadable directories are findings, not failures', async (t) => {
  if (sys.skipUnlessRunAs(t, 'runs the scan as nobody')) return
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.chmodSync(dir, 0o755)
  fs.mkdirSync(path.join(dir, 'closed'), { mode: 0o700 })
  fs.mkdirSync(path.join(dir, 'open'))
  const r = sys.runNodeAs('nobody', 'f.scanSync(args[0])', [dir])
  assert.deepStrictEqual(r.findings.filter((x) => x.kind === 'unreadable').map((x) => [x.path, x.error]),
    [[path.join(dir, 'closed'), 'EACCES']])
  // The root itself unreadable: an error with Node's shape.
  fs.chmodSync(dir, 0o700)
  const e = sys.runNodeAs('nobody', 'f.scan(args[0]).then(() => null, (e) => ({ code: e.code, syscall: e.syscall, path: e.path }))', [dir])
  assert.deepStrictEqual(e, { code: 'EACCES', syscall: 'scandir', path: dir })
})

test('errors: a missing dir, a file, bad options', async (t) => {
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  await assert.rejects(f.scan(path.join(dir, 'nope')), { code: 'ENOENT', syscall: 'scandir', errno: -2 })
  fs.writeFileSync(path.join(dir, 'file'), '')
  assert.throws(() => f.scanSync(path.join(dir, 'file')), { code: 'ENOTDIR' })
  await assert.rejects(f.scan(42), { code: 'ERR_INVALID_ARG_TYPE' })
  await assert.rejects(f.scan(dir, { maxResults: -1 }), { code: 'ERR_INVALID_ARG_VALUE' })
  await assert.rejects(f.scan(dir, { followSymlinks: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' })
  await assert.rejects(f.scan(dir, { signal: {} }), { code: 'ERR_INVALID_ARG_TYPE' })
  await assert.rejects(f.scan(dir, { onProgress: 1 }), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => f.scanSync(dir, 'x'), { code: 'ERR_INVALID_ARG_TYPE' })
  // Buffers and file: URLs work like strings.
  assert.strictEqual((await f.scan(new URL(`file://${dir}`))).path, dir)
  assert.strictEqual(f.scanSync(Buffer.from(dir)).path, dir)
})

test('options reach C keyed and typed; the defaults are C\'s', async (t) => {
  const { binding } = require('../lib/engine')
  const dir = small(t)
  // No options and an empty object: fsd_scan_opts_init's defaults, the same
  // as what lib/scan.js sends for none.
  const plain = (r) => ({ ...r, elapsedMs: 0 })
  const def = plain(binding.scanSync(dir))
  assert.deepStrictEqual(plain(binding.scanSync(dir, {})), def)
  assert.deepStrictEqual(plain(f.scanSync(dir)), def)
  assert.strictEqual(def.linkThreshold, 0)
  // Each key has one type: C refuses the other (lib/ refuses it first).
  assert.throws(() => binding.scanSync(dir, { threads: '2' }), { code: 'EINVAL', message: /options\.threads must be a number/ })
  assert.throws(() => binding.scanSync(dir, { followSymlinks: 1 }), { code: 'EINVAL', message: /options\.followSymlinks must be a boolean/ })
  assert.throws(() => binding.scanSync(dir, { threads: 65 }), { code: 'EINVAL', message: /from 1 to 64/ })
  assert.throws(() => binding.scanSync(dir, 'x'), { code: 'EINVAL', message: /options must be an object/ })
  await assert.rejects(async () => binding.scan(dir, { maxDepth: 0 }), { code: 'EINVAL', message: /options\.maxDepth must be an integer >= 1/ })
  // A number-or-boolean option crosses as two keys, each with its type.
  assert.strictEqual(binding.scanSync(dir, { linkThreshold: 3 }).linkThreshold, 3)
  assert.strictEqual(binding.scanSync(dir, { linkThreshold: 3, linkThresholdOn: false }).linkThreshold, 0)
  assert.strictEqual(binding.scanSync(dir, { linkThresholdOn: true }).linkThreshold, f.scanSync(dir, { linkThreshold: true }).linkThreshold)
  assert.strictEqual(binding.scanSync(dir, { ownerOn: true }).owner, fs.statSync(dir).uid)
  assert.strictEqual(f.scanSync(dir, { owner: false }).owner, null)
  // lib/ validates before C is asked.
  assert.throws(() => f.scanSync(dir, { longPath: true }), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => f.scanSync(dir, { owner: 'me' }), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => f.scanSync(dir, { owner: 2 ** 32 }), { code: 'ERR_INVALID_ARG_VALUE' })
})

test('progress callbacks and AbortSignal on a large tree', { timeout: 120000 }, async (t) => {
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  makeTree(dir, 20000)
  const seen = []
  const full = await f.scan(dir, { progressInterval: 0, onProgress: (p) => seen.push(p) })
  assert.ok(seen.length > 0, 'no progress reported')
  for (const p of seen) {
    assert.strictEqual(typeof p.entries, 'number')
    assert.strictEqual(typeof p.dirs, 'number')
    assert.ok(p.path.startsWith(dir))
  }
  assert.ok(seen.every((p, i) => i === 0 || p.entries >= seen[i - 1].entries))
  // Aborted before it starts.
  const ac0 = new AbortController()
  ac0.abort()
  await assert.rejects(f.scan(dir, { signal: ac0.signal }), { name: 'AbortError', code: 'ABORT_ERR' })
  // Aborted from the first progress report: stops early with a partial result.
  const ac = new AbortController()
  const err = await f.scan(dir, { signal: ac.signal, progressInterval: 0, onProgress: () => ac.abort() })
    .then(() => null, (e) => e)
  assert.ok(err, 'scan was not aborted')
  assert.strictEqual(err.name, 'AbortError')
  assert.strictEqual(err.partial.cancelled, true)
  assert.ok(err.partial.entries < full.entries, `${err.partial.entries} of ${full.entries}`)
  // A signal that never fires changes nothing.
  const r = await f.scan(dir, { signal: new AbortController().signal })
  assert.strictEqual(r.entries, full.entries)
})

test('many scans at once in the threadpool', async (t) => {
  const dir = small(t)
  const all = await Promise.all(Array.from({ length: 16 }, () => f.scan(dir, { onProgress: () => {} })))
  for (const r of all) assert.strictEqual(r.counts['broken-symlink'], 1)
})

test('exit and worker termination in the middle of a scan', { timeout: 120000 }, async (t) => {
  const { spawnSync } = require('node:child_process')
  const dir = tmp()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  makeTree(dir, 20000)
  const root = JSON.stringify(path.join(__dirname, '..'))
  for (const ms of [0, 5, 20]) {
    const r = spawnSync(process.execPath, ['-e', `
      const f = require(${root})
      f.scan(${JSON.stringify(dir)}, { onProgress: () => {}, progressInterval: 0 })
      setTimeout(() => process.exit(0), ${ms})`], { encoding: 'utf8' })
    assert.strictEqual(r.status, 0, r.stderr)
    assert.strictEqual(r.signal, null)
  }
  const w = spawnSync(process.execPath, ['-e', `
    const { Worker } = require('node:worker_threads')
    let n = 0
    function one () {
      const w = new Worker("const f = require(${root.replace(/"/g, '\\"')}); f.scan(${JSON.stringify(dir).replace(/"/g, '\\"')}, { onProgress: () => {}, progressInterval: 0 }); setInterval(() => {}, 1000)", { eval: true })
      setTimeout(() => w.terminate().then(() => { if (++n < 8) one(); else console.log('ok') }), 10 + n * 5)
    }
    one()`], { encoding: 'utf8', timeout: 60000 })
  assert.strictEqual(w.status, 0, w.stderr)
  assert.strictEqual(w.stdout.trim(), 'ok')
})
