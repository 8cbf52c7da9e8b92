'use strict'
// The native tree scan on Windows (src/platform/win32_scan.c): counts
// against a JavaScript walk, hard-link counts, paths past MAX_PATH, depth
// and result caps, progress, cancel, non-ASCII names, and links. Under wine
// the links come from test/win/scan.setup.sh (Unix symlinks made on the
// Linux side, FSD_WIN_FIXTURE); on Windows from fs.symlinkSync.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir } = require('./common')
const { walkSync } = require('../../lib/check/walk')

const FIXTURE = process.env.FSD_WIN_FIXTURE || null

// Counts of a tree by fs.readdirSync, symlinks not followed.
function jsCount (dir) {
  const c = { entries: 0, dirs: 1, files: 0, symlinks: 0 }
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      c.entries++
      if (e.isSymbolicLink()) c.symlinks++
      else if (e.isDirectory()) {
        c.dirs++
        walk(path.join(d, e.name))
      } else c.files++
    }
  }
  walk(dir)
  return c
}

function pick (r) {
  return { entries: r.entries, dirs: r.dirs, files: r.files, symlinks: r.symlinks }
}

// dirs x files, plus a few nested levels.
function tree (t, dirs = 5, files = 4) {
  const d = tmpdir(t)
  for (let i = 0; i < dirs; i++) {
    const sub = path.join(d, `pkg${i}`, 'lib', 'x')
    fs.mkdirSync(sub, { recursive: true })
    for (let j = 0; j < files; j++) fs.writeFileSync(path.join(sub, `f${j}.js`), '')
    fs.writeFileSync(path.join(d, `pkg${i}`, 'package.json'), '{}')
  }
  return d
}

test('the native scan runs on Windows and counts what fs.readdirSync sees', async (t) => {
  const d = tree(t)
  const r = fsdoctor.scanSync(d)
  assert.deepStrictEqual(pick(r), jsCount(d))
  assert.deepStrictEqual(pick(r), { entries: 40, dirs: 16, files: 25, symlinks: 0 })
  assert.strictEqual(r.path, d)
  assert.strictEqual(r.others, 0)
  assert.deepStrictEqual(r.findings, [])
  assert.strictEqual(r.truncated, false)
  assert.strictEqual(r.cancelled, false)
  assert.strictEqual(r.owner, null, 'no uid on Windows')
  assert.strictEqual(typeof r.elapsedMs, 'number')
  assert.ok(r.realPath && !r.realPath.startsWith('\\\\?\\'), r.realPath)
  assert.strictEqual(r.realPath.toLowerCase(), fs.realpathSync.native(d).toLowerCase())
  const a = await fsdoctor.scan(d)
  assert.deepStrictEqual(pick(a), pick(r))
  // The same numbers as the JavaScript walk that check used before.
  assert.deepStrictEqual(pick(walkSync(d)), pick(r))
  // owner: true is accepted and answered with null.
  assert.strictEqual(fsdoctor.scanSync(d, { owner: true }).owner, null)
})

test('a relative path is taken against the current directory', (t) => {
  const d = tree(t, 1, 1)
  const cwd = process.cwd()
  process.chdir(d)
  t.after(() => process.chdir(cwd))
  const r = fsdoctor.scanSync('pkg0')
  assert.strictEqual(r.path, path.join(d, 'pkg0'))
  assert.deepStrictEqual(pick(r), { entries: 4, dirs: 3, files: 2, symlinks: 0 })
  assert.strictEqual(fsdoctor.scanSync('.').path, d)
})

test('a drive root (C:\\) with maxDepth 1', (t) => {
  const root = path.parse(process.env.SystemRoot || 'C:\\Windows').root
  // Depth 1 entered, depth 2 listed and not entered (too-deep).
  const want = { entries: 0, dirs: 1, deep: 0 }
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    want.entries++
    if (!e.isDirectory()) continue
    let list
    try { list = fs.readdirSync(path.join(root, e.name), { withFileTypes: true }) } catch { continue }
    want.dirs++
    for (const e2 of list) {
      want.entries++
      if (e2.isDirectory()) want.deep++
    }
  }
  const r = fsdoctor.scanSync(root, { maxDepth: 1 })
  t.diagnostic(`observed: ${root} at depth 2: ${r.entries} entries, ${r.dirs} dirs, ${r.counts['too-deep']} too deep, ${r.symlinks} links`)
  assert.strictEqual(r.path, root)
  assert.strictEqual(r.entries, want.entries)
  // Junctions (C:\\Documents and Settings) are links to both, and not entered.
  assert.strictEqual(r.dirs, want.dirs)
  assert.strictEqual(r.counts['too-deep'], want.deep)
  assert.ok(r.findings.every((x) => x.path.startsWith(root) && !x.path.startsWith(root + '\\')), 'one separator after the drive')
})

test('a directory that does not exist, or a file, fails like readdir', (t) => {
  const d = tmpdir(t)
  assert.throws(() => fsdoctor.scanSync(path.join(d, 'nope')), { code: 'ENOENT', syscall: 'scandir', path: path.join(d, 'nope') })
  fs.writeFileSync(path.join(d, 'f'), '')
  assert.throws(() => fsdoctor.scanSync(path.join(d, 'f')), { code: 'ENOTDIR' })
})

test('hard links: nNumberOfLinks against linkThreshold', (t) => {
  const d = tmpdir(t)
  const f = path.join(d, 'a.txt')
  fs.writeFileSync(f, 'x')
  fs.linkSync(f, path.join(d, 'b.txt'))
  fs.linkSync(f, path.join(d, 'c.txt'))
  fs.writeFileSync(path.join(d, 'lonely.txt'), 'x')
  const r = fsdoctor.scanSync(d, { linkThreshold: 3 })
  assert.strictEqual(r.linkThreshold, 3)
  assert.strictEqual(r.counts['link-count'], 3)
  assert.deepStrictEqual(r.findings.map((x) => path.basename(x.path)).sort(), ['a.txt', 'b.txt', 'c.txt'])
  for (const x of r.findings) {
    assert.strictEqual(x.kind, 'link-count')
    assert.strictEqual(x.nlink, 3)
    assert.strictEqual(x.linkMax, r.linkMax)
  }
  const fi = fsdoctor.fsInfoSync(d)
  assert.strictEqual(r.linkMax, fi.linkMax)
  t.diagnostic(`observed: scan linkMax=${r.linkMax} (fsInfo type=${fi.type})`)
  // Off by default; true: 90% of the maximum.
  assert.strictEqual(fsdoctor.scanSync(d).linkThreshold, 0)
  assert.strictEqual(fsdoctor.scanSync(d).counts['link-count'], 0)
  const auto = fsdoctor.scanSync(d, { linkThreshold: true })
  if (r.linkMax > 0) assert.strictEqual(auto.linkThreshold, Math.floor(r.linkMax * 9 / 10))
  assert.strictEqual(auto.counts['link-count'], 0)
})

test('paths past MAX_PATH are walked and reported where they cross the limit', (t) => {
  const d = tmpdir(t)
  let dir = d
  const levels = []
  while (dir.length < 600) {
    dir = path.join(dir, 'x'.repeat(60))
    levels.push(dir)
  }
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'deep.txt'), 'x')
  const r = fsdoctor.scanSync(d)
  assert.deepStrictEqual(pick(r), { entries: levels.length + 1, dirs: levels.length + 1, files: 1, symlinks: 0 })
  const first = [...levels, path.join(dir, 'deep.txt')].find((p) => p.length > 260)
  const over = [...levels, path.join(dir, 'deep.txt')].filter((p) => p.length > 260).length
  assert.strictEqual(r.counts['long-path'], over)
  assert.strictEqual(r.findings.length, 1)
  assert.strictEqual(r.findings[0].kind, 'long-path')
  assert.strictEqual(r.findings[0].path, first, 'no \\\\?\\ prefix')
  assert.strictEqual(r.findings[0].length, first.length)
  // longPath: false turns it off; a limit past the deepest path finds none.
  assert.strictEqual(fsdoctor.scanSync(d, { longPath: false }).counts['long-path'], 0)
  assert.strictEqual(fsdoctor.scanSync(d, { longPath: 5000 }).counts['long-path'], 0)
  // Through a \\?\ spelling of the root, the report is the same.
  const p = fsdoctor.scanSync(`\\\\?\\${d}`)
  assert.strictEqual(p.path, d)
  assert.strictEqual(p.findings[0].path, first)
})

test('non-ASCII names come back as the same UTF-8 text', (t) => {
  const d = tmpdir(t)
  const names = ['café', '日本語', 'emoji-😀', 'Ωmega', 'a b']
  for (const n of names) fs.writeFileSync(path.join(d, n), 'x')
  fs.mkdirSync(path.join(d, 'dir-ü'))
  fs.writeFileSync(path.join(d, 'dir-ü', 'ß.txt'), 'x')
  // Every direct child crosses a limit of the root's length.
  const r = fsdoctor.scanSync(d, { longPath: d.length })
  const want = [...names, 'dir-ü'].map((n) => path.join(d, n)).sort()
  assert.deepStrictEqual(r.findings.map((x) => x.path).sort(), want)
  for (const x of r.findings) assert.strictEqual(x.length, x.path.length, 'UTF-16 units')
  assert.strictEqual(r.counts['long-path'], names.length + 2, 'the file below is counted')
  const u = path.join(d, 'dir-ü')
  assert.strictEqual(fsdoctor.scanSync(u, { longPath: u.length }).findings[0].path, path.join(u, 'ß.txt'))
  assert.strictEqual(fsdoctor.scanSync(u).path, u)
})

test('maxDepth: deeper directories are too-deep and not entered', (t) => {
  const d = tmpdir(t)
  fs.mkdirSync(path.join(d, 'a', 'b', 'c', 'd'), { recursive: true })
  fs.writeFileSync(path.join(d, 'a', 'b', 'c', 'd', 'f'), '')
  const r = fsdoctor.scanSync(d, { maxDepth: 2 })
  assert.deepStrictEqual(r.findings.map((x) => [x.kind, x.path]), [['too-deep', path.join(d, 'a', 'b', 'c')]])
  assert.deepStrictEqual(pick(r), { entries: 3, dirs: 3, files: 0, symlinks: 0 })
  assert.strictEqual(fsdoctor.scanSync(d).counts['too-deep'], 0)
})

test('maxResults caps the list and counting goes on', (t) => {
  const d = tree(t, 6, 1)
  const r = fsdoctor.scanSync(d, { longPath: d.length, maxResults: 2 })
  assert.strictEqual(r.findings.length, 2)
  assert.strictEqual(r.truncated, true)
  assert.strictEqual(r.counts['long-path'], 12 + 6 * 3)
  const none = fsdoctor.scanSync(d, { longPath: d.length, maxResults: 0 })
  assert.strictEqual(none.findings.length, 0)
  assert.strictEqual(none.counts['long-path'], r.counts['long-path'])
})

test('progress reports, then an AbortSignal stops the walk', async (t) => {
  const d = tree(t, 100, 30)
  const total = jsCount(d).entries
  const seen = []
  const r = await fsdoctor.scan(d, { progressInterval: 0, onProgress: (p) => seen.push(p) })
  assert.strictEqual(r.entries, total)
  assert.ok(seen.length >= 1, 'at least one report')
  for (const p of seen) {
    assert.ok(p.path === d || p.path.startsWith(d + '\\'), p.path)
    assert.ok(p.entries <= total)
  }
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].entries >= seen[i - 1].entries)
  t.diagnostic(`observed: ${seen.length} progress reports for ${total} entries`)

  const ac = new AbortController()
  const p = fsdoctor.scan(d, { signal: ac.signal })
  ac.abort()
  const err = await p.then(() => null, (e) => e)
  assert.ok(err, 'rejected')
  assert.strictEqual(err.name, 'AbortError')
  assert.strictEqual(err.partial.cancelled, true)
  assert.ok(err.partial.entries < total, `${err.partial.entries} < ${total}`)
  // From the first progress report.
  const ac2 = new AbortController()
  const err2 = await fsdoctor.scan(d, { signal: ac2.signal, progressInterval: 0, onProgress: () => ac2.abort() }).then(() => null, (e) => e)
  assert.ok(err2, 'scan was not aborted')
  assert.strictEqual(err2.partial.cancelled, true)
  assert.ok(err2.partial.entries < total, `${err2.partial.entries} < ${total}`)
  // A signal that never fires changes nothing.
  assert.strictEqual((await fsdoctor.scan(d, { signal: new AbortController().signal })).entries, total)
})

// Under wine: the Linux-side fixture. On Windows: links made here.
function linkTree (t) {
  if (FIXTURE) return { dir: path.join(FIXTURE, 'links'), unix: true }
  const d = tmpdir(t)
  const dir = path.join(d, 'links')
  fs.mkdirSync(path.join(dir, 'dir', 'sub'), { recursive: true })
  fs.mkdirSync(path.join(d, 'outside-target'))
  fs.writeFileSync(path.join(dir, 'file'), 'x')
  try {
    fs.symlinkSync(path.join(dir, 'dir'), path.join(dir, 'dir', 'sub', 'back'), 'junction')
    fs.symlinkSync(path.join(dir, 'dir'), path.join(dir, 'inlink'), 'junction')
    fs.symlinkSync(path.join(d, 'outside-target'), path.join(dir, 'out'), 'junction')
    fs.symlinkSync(path.join(dir, 'nothing'), path.join(dir, 'dangling'), 'junction')
  } catch (err) {
    return { skip: `cannot make junctions here (${err.code}) and no FSD_WIN_FIXTURE` }
  }
  try {
    fs.symlinkSync('loopb', path.join(dir, 'loopa'), 'file')
    fs.symlinkSync('loopa', path.join(dir, 'loopb'), 'file')
    fs.symlinkSync('file', path.join(dir, 'flink'), 'file')
  } catch {}
  return { dir, unix: false }
}

test('links: a cycle through an ancestor, a link leaving the tree, one staying inside', (t) => {
  const lt = linkTree(t)
  if (lt.skip) return t.skip(lt.skip)
  const d = lt.dir
  const listed = fs.readdirSync(d).sort()
  t.diagnostic(`observed: readdir of the link fixture lists ${listed.join(',')}`)
  const r = fsdoctor.scanSync(d)
  const by = (kind) => r.findings.filter((x) => x.kind === kind)
  const back = path.join(d, 'dir', 'sub', 'back')
  assert.deepStrictEqual(by('symlink-loop').filter((x) => x.ancestor).map((x) => [x.path, x.resolved]), [[back, path.join(d, 'dir')]])
  const out = by('outside-link')
  assert.deepStrictEqual(out.map((x) => x.path), [path.join(d, 'out')])
  assert.strictEqual(out[0].resolved.toLowerCase(), path.join(path.dirname(fs.realpathSync.native(d)), 'outside-target').toLowerCase())
  t.diagnostic(`observed: outside-link target=${out[0].target} resolved=${out[0].resolved}`)
  if (lt.unix) {
    // Wine gives a Unix symlink no reparse data: the text is unknown.
    assert.strictEqual(out[0].target, null)
  } else {
    assert.strictEqual(out[0].target, path.join(path.dirname(d), 'outside-target'))
  }
  assert.ok(!r.findings.some((x) => x.path === path.join(d, 'inlink')), 'a link inside is fine')
  // back, inlink, out; others as wine or Windows show them (below).
  assert.ok(r.symlinks >= 3, `symlinks ${r.symlinks}`)
  // followSymlinks enters inlink (a second copy of dir) but never the cycle.
  const f = fsdoctor.scanSync(d, { followSymlinks: true })
  assert.strictEqual(f.dirs, r.dirs + 2 + 1, 'inlink, inlink\\sub, and out')
  assert.strictEqual(f.counts['symlink-loop'], r.counts['symlink-loop'] + 1, 'inlink\\sub\\back too')
  // outside: false drops that kind only.
  assert.strictEqual(fsdoctor.scanSync(d, { outside: false }).counts['outside-link'], 0)
})

test('links: a dangling link and an ELOOP pair', (t) => {
  const lt = linkTree(t)
  if (lt.skip) return t.skip(lt.skip)
  const d = lt.dir
  const listed = fs.readdirSync(d)
  const r = fsdoctor.scanSync(d)
  const by = (kind) => r.findings.filter((x) => x.kind === kind).map((x) => path.basename(x.path)).sort()
  if (!listed.includes('dangling')) {
    t.diagnostic('wine: a dangling Unix symlink is not listed (FindFirstFileExW skips it), nor is a symlink loop')
    assert.deepStrictEqual(by('broken-symlink'), [])
    return t.skip('wine 8 hides dangling and looping Unix symlinks from directory listings')
  }
  assert.deepStrictEqual(by('broken-symlink'), ['dangling'])
  const dangling = r.findings.find((x) => x.kind === 'broken-symlink')
  assert.strictEqual(dangling.error, 'ENOENT')
  if (listed.includes('loopa')) {
    assert.deepStrictEqual(by('symlink-loop').filter((n) => n.startsWith('loop')), ['loopa', 'loopb'])
  }
})

test('links: wine shows a Unix symlink to a file as a plain file', { skip: !FIXTURE && 'only under wine (FSD_WIN_FIXTURE)' }, (t) => {
  const d = path.join(FIXTURE, 'links')
  const e = fs.readdirSync(d, { withFileTypes: true }).find((x) => x.name === 'flink')
  const st = fs.lstatSync(path.join(d, 'dir', 'sub', 'back'))
  t.diagnostic(`wine: file symlink -> isFile=${e.isFile()}; directory symlink -> lstat isSymbolicLink=${st.isSymbolicLink()} isDirectory=${st.isDirectory()}`)
  const r = fsdoctor.scanSync(d)
  assert.strictEqual(e.isFile(), true)
  // back, inlink, out: the three directory links.
  assert.strictEqual(r.symlinks, 3)
})

test('a directory that cannot be listed is unreadable, and the walk goes on', { skip: !FIXTURE && 'needs the Linux-side fixture (FSD_WIN_FIXTURE): a Unix path past PATH_MAX' }, (t) => {
  const d = path.join(FIXTURE, 'deep')
  const r = fsdoctor.scanSync(d)
  const un = r.findings.filter((x) => x.kind === 'unreadable')
  assert.strictEqual(un.length, 1)
  let js = null
  try { fs.readdirSync(un[0].path) } catch (err) { js = err.code }
  t.diagnostic(`wine: listing a directory whose Unix path passes 4096 bytes -> scan error ${un[0].error} (${un[0].win32ErrorName}), readdirSync ${js}`)
  assert.ok(js, 'readdirSync fails there too')
  assert.ok(Buffer.byteLength(un[0].path) > 4000)
  assert.strictEqual(typeof un[0].error, 'string')
  // The raw Win32 error is kept beside the errno name (ERROR_GEN_FAILURE, 31,
  // under wine, which is EIO).
  assert.ok(un[0].win32Error > 0, String(un[0].win32Error))
  assert.match(un[0].win32ErrorName, /^(ERROR|WIN32_ERROR)_/)
  assert.strictEqual(r.counts['long-path'] > 0, true)
})

test('check() uses the native scan', async (t) => {
  const d = tree(t, 2, 2)
  const { check } = require('../../lib/check')
  const report = await check(d, { env: { ...process.env, npm_config_cache: path.join(d, 'no-cache') } })
  const s = report.facts.scan
  assert.strictEqual(s.entries, 12)
  // The JavaScript walk knows no linkMax; the native one asks the volume.
  assert.strictEqual(s.linkMax, fsdoctor.fsInfoSync(d).linkMax)
  assert.ok(!report.skipped.some((x) => x.check === 'tree scan'), JSON.stringify(report.skipped))
})

test('timing: native scan against the JavaScript walk', (t) => {
  const d = tree(t, 100, 30)
  const n = jsCount(d).entries
  const time = (fn) => {
    const s = process.hrtime.bigint()
    const r = fn()
    return [Number(process.hrtime.bigint() - s) / 1e6, r]
  }
  time(() => fsdoctor.scanSync(d))
  const [native, r] = time(() => fsdoctor.scanSync(d))
  const [js, w] = time(() => walkSync(d))
  const [nl] = time(() => fsdoctor.scanSync(d, { linkThreshold: true }))
  assert.strictEqual(r.entries, n)
  assert.strictEqual(w.entries, n)
  t.diagnostic(`observed: ${n} entries: native ${native.toFixed(0)} ms, JS walk ${js.toFixed(0)} ms, native with link counts ${nl.toFixed(0)} ms`)
})
