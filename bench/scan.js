#!/usr/bin/env node
'use strict'
// Benchmark of the native tree scan against the ways people find broken
// symlinks today, on a generated node_modules-like tree (default 100k
// entries):
//   find . -xtype l
//   the seed guide's find -exec sh -c 'file "$1" | grep -q broken ...'
//   a plain Node walker (readdir withFileTypes + stat of each symlink),
//   synchronous, and the same walker on fs.promises with every directory
//   in flight at once (libuv's threadpool reads them in parallel)
// Prints a markdown table (also written to bench/results-scan.md with
// --write) with medians, ratios, and whether every tool found the same set.
//   node bench/scan.js [--entries N] [--runs N] [--write]
const { opt, median, same } = require('./util')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { makeTree } = require('./tree')
const fsdoctor = require('..')

const argv = process.argv.slice(2)
const ENTRIES = opt('--entries', 100000)
const RUNS = opt('--runs', 5)
const RECIPE_MAX = opt('--recipe-max', 2000)

function lines (text, dir) {
  return new Set(text.split('\n').filter(Boolean).map((l) => path.resolve(dir, l)))
}

function findXtype (dir) {
  const r = spawnSync('find', ['.', '-xtype', 'l'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 })
  return lines(r.stdout, dir)
}

function nodeWalker (root) {
  const out = new Set()
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.isSymbolicLink()) {
        try { fs.statSync(p) } catch { out.add(p) }
      }
    }
  }
  walk(root)
  return out
}

// The async form: readdir of every known directory at once.
async function nodeWalkerAsync (root) {
  const out = new Set()
  const walk = async (dir) => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true })
    const subs = []
    for (const e of entries) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) subs.push(walk(p))
      else if (e.isSymbolicLink()) {
        subs.push(fs.promises.stat(p).then(() => {}, () => { out.add(p) }))
      }
    }
    await Promise.all(subs)
  }
  await walk(root)
  return out
}

const RECIPE = 'file "$1" | grep -q broken && echo "$1"'

// The seed recipe, on every symlink or on the first `max` of them.
function recipe (dir, max) {
  const all = spawnSync('find', ['.', '-type', 'l'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 })
    .stdout.split('\n').filter(Boolean)
  if (all.length <= max) {
    const t = process.hrtime.bigint()
    const r = spawnSync('find', ['.', '-type', 'l', '-exec', 'sh', '-c', RECIPE, '_', '{}', ';'],
      { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 })
    const ms = Number(process.hrtime.bigint() - t) / 1e6
    return { ms, found: lines(r.stdout, dir), links: all.length, subset: false }
  }
  // Same per-link pipeline, on a subset, extrapolated to every link.
  const some = all.slice(0, max)
  const t = process.hrtime.bigint()
  const found = new Set()
  for (const l of some) {
    const r = spawnSync('sh', ['-c', RECIPE, '_', l], { cwd: dir, encoding: 'utf8' })
    if (r.stdout.trim()) found.add(path.resolve(dir, r.stdout.trim()))
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6 * all.length / some.length
  return { ms, found, links: all.length, subset: some.length, subsetPaths: new Set(some.map((l) => path.resolve(dir, l))) }
}

function kindSet (result, pred) {
  return new Set(result.findings.filter(pred).map((f) => f.path))
}

async function main () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-bench-scan-'))
  try {
    const t0 = Date.now()
    const made = makeTree(dir, ENTRIES)
    const genMs = Date.now() - t0
    // Warm the dentry and inode caches so every tool sees the same state.
    findXtype(dir)
    fsdoctor.scanSync(dir)

    // Interleaved rounds so a busy machine slows every tool alike.
    const tools = {
      find: () => findXtype(dir),
      scanSame: () => fsdoctor.scan(dir),
      scan1: () => fsdoctor.scan(dir, { threads: 1 }),
      scanA: () => fsdoctor.scan(dir, { linkThreshold: true }),
      scanS: () => fsdoctor.scanSync(dir),
      scanCheck: () => fsdoctor.scan(dir, { owner: true, linkThreshold: true }),
      walker: () => nodeWalker(dir),
      walkerAsync: () => nodeWalkerAsync(dir)
    }
    const times = Object.fromEntries(Object.keys(tools).map((k) => [k, []]))
    const results = {}
    for (let i = 0; i < RUNS; i++) {
      for (const [k, fn] of Object.entries(tools)) {
        const t = process.hrtime.bigint()
        results[k] = await fn()
        times[k].push(Number(process.hrtime.bigint() - t) / 1e6)
      }
    }
    const m = (k) => ({ ms: median(times[k]), result: results[k] })
    const find = m('find')
    const scanSame = m('scanSame')
    const scanA = m('scanA')
    const scanS = m('scanS')
    const scanAll = m('scanCheck')
    const walker = m('walker')
    const walkerAsync = m('walkerAsync')
    const scan1 = m('scan1')
    const threads = Math.min(os.cpus().length, 4)
    const seed = recipe(dir, RECIPE_MAX)

    const res = scanA.result
    // find -xtype l lists dangling links only (a self-loop stat()s as ELOOP
    // and find keeps its lstat type); `file` calls both "broken".
    const scanBroken = kindSet(res, (f) => f.kind === 'broken-symlink')
    const sameBroken = kindSet(scanSame.result, (f) => f.kind === 'broken-symlink')
    const scanLoops = kindSet(res, (f) => f.kind === 'symlink-loop' && !f.ancestor)
    const scanBoth = new Set([...scanBroken, ...scanLoops])
    const expected = new Set(made.broken)
    const seedWant = seed.subset ? new Set([...scanBoth].filter((p) => seed.subsetPaths.has(p))) : scanBoth

    const rows = [
      [`fsdoctor scan() (defaults: links, outside links, long paths; ${threads} threads)`, scanSame.ms],
      ['fsdoctor scan({ threads: 1 })', scan1.ms],
      ['fsdoctor scanSync() (defaults)', scanS.ms],
      ['fsdoctor scan({ linkThreshold: true }) (+ stat of every file)', scanA.ms],
      ['fsdoctor scan({ owner: true, linkThreshold: true }), as `fsdoctor check` runs it', scanAll.ms],
      ['find . -xtype l', find.ms],
      ['Node walker (readdirSync withFileTypes + statSync of each symlink)', walker.ms],
      ['Node walker, async (fs.promises, every directory in flight at once)', walkerAsync.ms],
      [`seed recipe find -exec sh -c 'file … | grep broken'${seed.subset ? ` (${seed.subset} of ${seed.links} links, extrapolated)` : ''}`, seed.ms]
    ]
    const base = scanSame.ms
    const ratio = (x) => (x / base).toFixed(x / base >= 10 ? 0 : 2)
    const out = []
    out.push(`# Tree scan benchmark`)
    out.push('')
    out.push(`${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), ${os.platform()} ${os.release()}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (machine shared with other jobs), filesystem of ${os.tmpdir()}: ${fsType(dir)}.`)
    out.push(`Tree: ${res.entries} entries (${res.dirs} dirs, ${res.files} files, ${res.symlinks} symlinks), ${made.broken.length} broken links, ${made.loops.length} self-loops, 1 link to an ancestor; generated in ${genMs} ms. Warm cache; ${RUNS} interleaved rounds, median (recipe: 1 run).`)
    out.push('')
    out.push('| tool | time (ms) | time / fsdoctor scan() |')
    out.push('|---|---:|---:|')
    for (const [name, ms] of rows) out.push(`| ${name} | ${ms.toFixed(1)} | ${ratio(ms)}× |`)
    out.push('')
    const goals = [
      ['scan() ≤ 1.0× find -xtype l', scanSame.ms <= find.ms, `${(scanSame.ms / find.ms).toFixed(2)}×`],
      ['seed recipe ≥ 100× scan()', seed.ms >= 100 * scanSame.ms, `${(seed.ms / scanSame.ms).toFixed(0)}×`],
      ['Node walker ≥ 3× scan()', walker.ms >= 3 * scanSame.ms, `${(walker.ms / scanSame.ms).toFixed(2)}×`],
      ['(for comparison) Node walker ≥ 3× scan({ threads: 1 })', walker.ms >= 3 * scan1.ms, `${(walker.ms / scan1.ms).toFixed(2)}×`],
      ['(for comparison) async Node walker ≥ 3× scan()', walkerAsync.ms >= 3 * scanSame.ms, `${(walkerAsync.ms / scanSame.ms).toFixed(2)}×`],
      ['(with link counts) scan({ linkThreshold: true }) ≤ 1.0× find -xtype l', scanA.ms <= find.ms, `${(scanA.ms / find.ms).toFixed(2)}×`],
      ['(not a goal: more work than the walker does, a stat of every file) Node walker ≥ 3× scan({ linkThreshold: true })', walker.ms >= 3 * scanA.ms, `${(walker.ms / scanA.ms).toFixed(2)}×`]
    ]
    out.push('| goal | met | measured |')
    out.push('|---|---|---:|')
    for (const [g, ok, v] of goals) out.push(`| ${g} | ${ok ? 'yes' : 'NO'} | ${v} |`)
    out.push('')
    const checks = [
      ['scan broken-symlink = find -xtype l', same(scanBroken, find.result), `${scanBroken.size} vs ${find.result.size}`],
      ['scan() = scan({ linkThreshold: true }), broken-symlink', same(sameBroken, scanBroken), `${sameBroken.size} vs ${scanBroken.size}`],
      ['scan broken-symlink = links the generator broke', same(scanBroken, expected), `${scanBroken.size} vs ${expected.size}`],
      ['scan symlink-loop (ELOOP) = self-loops the generator made', same(scanLoops, new Set(made.loops)), `${scanLoops.size} vs ${made.loops.length}`],
      ['Node walker = scan broken-symlink + symlink-loop', same(walker.result, scanBoth), `${walker.result.size} vs ${scanBoth.size}`],
      ['async Node walker = scan broken-symlink + symlink-loop', same(walkerAsync.result, scanBoth), `${walkerAsync.result.size} vs ${scanBoth.size}`],
      ['scan({ threads: 1 }) = scan(), every finding', JSON.stringify(scan1.result.findings) === JSON.stringify(scanSame.result.findings), `${scan1.result.findings.length} vs ${scanSame.result.findings.length}`],
      [`seed recipe = scan broken-symlink + symlink-loop${seed.subset ? ' (on the subset)' : ''}`, same(seed.found, seedWant), `${seed.found.size} vs ${seedWant.size}`],
      ['ancestor link reported as symlink-loop', res.findings.some((f) => f.kind === 'symlink-loop' && f.ancestor && f.path === made.ancestor), '']
    ]
    out.push('| same answer | ok | sizes |')
    out.push('|---|---|---|')
    for (const [c, ok, v] of checks) out.push(`| ${c} | ${ok ? 'yes' : 'NO'} | ${v} |`)
    out.push('')
    out.push('`find -xtype l` lists dangling links only: a link that loops on itself fails stat() with ELOOP and find keeps its lstat type. `file` calls both "broken symbolic link", and the Node walker sees both as a failing stat(), so those two are compared with broken-symlink + symlink-loop (ELOOP) findings.')
    const text = out.join('\n') + '\n'
    process.stdout.write(text)
    if (argv.includes('--write')) fs.writeFileSync(path.join(__dirname, 'results-scan.md'), text)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function fsType (dir) {
  try {
    return fsdoctor.fsInfoSync(dir).type
  } catch {
    const r = spawnSync('df', ['--output=fstype', dir], { encoding: 'utf8' })
    return (r.stdout || '').split('\n')[1] || 'unknown'
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
