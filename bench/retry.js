#!/usr/bin/env node
'use strict'
// Benchmarks of the retrying fs (not tests): everything measured side by
// side in one run, printed as a markdown table and saved to
// bench/results-retry.md.
//
//   1. success-path overhead: stat + readFile + writeFile loops against
//      plain fs and graceful-fs, interleaved rounds, medians (goal <= 2%)
//   2. obstacle cleared -> operation done: removing a tmpfs mount point
//      that is unmounted at a random moment, against graceful-fs, rimraf
//      and fs.rm({ maxRetries }) (goal: median <= 20 ms)  [root, Linux]
//   3. time to fail on a permanent cause: write on a read-only tmpfs,
//      EBUSY on a mount point (rmdir, rename),
//      unlink of a chattr +i file (goal <= 5 ms, 1 attempt)  [root, Linux]
//
// node bench/retry.js [--rounds 21] [--iterations 400] [--trials 15]
const fs = require('fs')
const os = require('os')
const path = require('path')
const { spawn, spawnSync, execFileSync } = require('child_process')
const gfs = require('graceful-fs')
const { rimraf } = require('rimraf')
const rfs = require('../lib/retry').fs

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? dflt : Number(process.argv[i + 1])
}
const ROUNDS = arg('rounds', 21)
const ITER = arg('iterations', 400)
const TRIALS = arg('trials', 15)
const isRoot = process.platform === 'linux' && process.getuid() === 0

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const fmt = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d))
const rows = []
const row = (...cells) => rows.push(`| ${cells.join(' | ')} |`)

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-bench-retry-'))
const mounts = []
function cleanup () {
  for (const m of mounts) spawnSync('umount', ['-l', m])
  spawnSync('chattr', ['-i', path.join(work, 'imm', 'locked')])
  for (const m of mounts) spawnSync('umount', ['-l', m])
  fs.rmSync(work, { recursive: true, force: true })
}
process.on('exit', cleanup)
process.on('SIGINT', () => process.exit(130))

// --- 1. success path -------------------------------------------------------------

async function overhead () {
  const src = path.join(work, 'src.txt')
  const dst = path.join(work, 'dst.txt')
  const data = Buffer.alloc(4096, 120)
  fs.writeFileSync(src, data)
  // Each group also runs plain fs a second time under another name: the
  // A/A control shows how much of a difference is noise on this machine.
  // (graceful-fs's promises are fs.promises itself: a second control.)
  const promiseImpls = {
    'fs.promises': fs.promises,
    'fs.promises again (A/A control)': { stat: (...a) => fs.promises.stat(...a), readFile: (...a) => fs.promises.readFile(...a), writeFile: (...a) => fs.promises.writeFile(...a) },
    'graceful-fs (promises = fs.promises)': gfs.promises,
    'fsdoctor.fs.promises': rfs.promises
  }
  const cbImpls = {
    'fs (callbacks)': fs,
    'fs callbacks again (A/A control)': { stat: (...a) => fs.stat(...a), readFile: (...a) => fs.readFile(...a), writeFile: (...a) => fs.writeFile(...a) },
    'graceful-fs (callbacks)': gfs,
    'fsdoctor.fs (callbacks)': rfs
  }
  const syncImpls = {
    'fs (sync)': fs,
    'fs sync again (A/A control)': { statSync: (...a) => fs.statSync(...a), readFileSync: (...a) => fs.readFileSync(...a), writeFileSync: (...a) => fs.writeFileSync(...a) },
    'graceful-fs (sync)': gfs,
    'fsdoctor.fs (sync)': rfs
  }
  const loops = {
    promise: async (api) => {
      for (let i = 0; i < ITER; i++) {
        await api.stat(src)
        await api.readFile(src)
        await api.writeFile(dst, data)
      }
    },
    cb: (api) => new Promise((resolve, reject) => {
      let i = 0
      const step = () => {
        if (i++ >= ITER) return resolve()
        api.stat(src, (e) => {
          if (e) return reject(e)
          api.readFile(src, (e) => {
            if (e) return reject(e)
            api.writeFile(dst, data, (e) => (e ? reject(e) : step()))
          })
        })
      }
      step()
    }),
    sync: async (api) => {
      for (let i = 0; i < ITER; i++) {
        api.statSync(src)
        api.readFileSync(src)
        api.writeFileSync(dst, data)
      }
    }
  }
  const groups = [['promise', promiseImpls], ['cb', cbImpls], ['sync', syncImpls]]
  const times = {}
  const cpu = {}
  const ratios = {}
  for (const [, impls] of groups) {
    for (const k of Object.keys(impls)) {
      times[k] = []
      cpu[k] = []
      ratios[k] = { wall: [], cpu: [] }
    }
  }
  for (const [kind, impls] of groups) await loops[kind](Object.values(impls)[0]) // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const [kind, impls] of groups) {
      const names = Object.keys(impls)
      const round = {}
      // Rotate the order every round so drift hits every implementation.
      for (let j = 0; j < names.length; j++) {
        const name = names[(j + r) % names.length]
        const c0 = process.cpuUsage()
        const t0 = process.hrtime.bigint()
        await loops[kind](impls[name])
        const wall = Number(process.hrtime.bigint() - t0) / 1e3 / (ITER * 3)
        const c = process.cpuUsage(c0)
        round[name] = { wall, cpu: (c.user + c.system) / (ITER * 3) }
        times[name].push(wall)
        cpu[name].push(round[name].cpu)
      }
      // Paired ratios: each implementation against plain fs in the same
      // round, so slow drift of the machine's load cancels out.
      for (const n of names) {
        ratios[n].wall.push(round[n].wall / round[names[0]].wall)
        ratios[n].cpu.push(round[n].cpu / round[names[0]].cpu)
      }
    }
  }
  const pct = (x) => `${x >= 1 ? '+' : ''}${fmt((x - 1) * 100, 1)}%`
  rows.push('', `### 1. Success path: stat + readFile + writeFile (4 KB), ${ROUNDS} interleaved rounds × ${ITER} loops`, '',
    'Per round, each implementation runs right after the others (order rotated); the ratio to plain fs is taken within the round and the median over rounds is shown. ' +
    'CPU is this process\'s user+system time, threadpool included.', '',
    '| implementation | wall µs/call (median) | wall vs plain fs | CPU µs/call (median) | CPU vs plain fs |',
    '|---|---|---|---|---|')
  for (const [, impls] of groups) {
    for (const n of Object.keys(impls)) {
      row(n, fmt(median(times[n])), pct(median(ratios[n].wall)), fmt(median(cpu[n])), pct(median(ratios[n].cpu)))
    }
  }
  await microOverhead(src)
}

// The wrapper's own cost, without threadpool noise: a cached stat in a
// tight loop, plain against wrapped, many short interleaved rounds.
async function microOverhead (file) {
  const N = 20000
  const R = 31
  const forms = {
    'statSync': [() => { for (let i = 0; i < N; i++) fs.statSync(file) }, () => { for (let i = 0; i < N; i++) rfs.statSync(file) }],
    'promises.stat': [async () => { for (let i = 0; i < N / 10; i++) await fs.promises.stat(file) }, async () => { for (let i = 0; i < N / 10; i++) await rfs.promises.stat(file) }],
    'stat (callback)': [() => cbLoop(fs, file, N / 10), () => cbLoop(rfs, file, N / 10)]
  }
  rows.push('', `### 1b. Wrapper cost per call: stat of a cached file, ${R} interleaved rounds, median`, '',
    '| call | fs µs/call | fsdoctor.fs µs/call | difference µs | ratio (paired median) |', '|---|---|---|---|---|')
  for (const [label, [plain, wrapped]] of Object.entries(forms)) {
    const n = label === 'statSync' ? N : N / 10
    const a = []
    const b = []
    const q = []
    await plain()
    await wrapped()
    for (let r = 0; r < R; r++) {
      const order = r % 2 ? [[plain, a], [wrapped, b]] : [[wrapped, b], [plain, a]]
      for (const [fn, into] of order) {
        const t0 = process.hrtime.bigint()
        await fn()
        into.push(Number(process.hrtime.bigint() - t0) / 1e3 / n)
      }
      q.push(b[b.length - 1] / a[a.length - 1])
    }
    const ma = median(a)
    const mb = median(b)
    row(label, fmt(ma, 3), fmt(mb, 3), fmt(mb - ma, 3), `${fmt((median(q) - 1) * 100, 1)}%`)
  }
}

function cbLoop (api, file, n) {
  return new Promise((resolve, reject) => {
    let i = 0
    const step = (e) => {
      if (e) return reject(e)
      if (i++ >= n) return resolve()
      api.stat(file, step)
    }
    step()
  })
}

// --- 2. obstacle cleared -> done -----------------------------------------------------

function mountTmpfs (dir, opts = 'size=1m') {
  fs.mkdirSync(dir, { recursive: true })
  execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir])
  mounts.push(dir)
}

// Starts `remove(mnt)` on a busy mount point, unmounts it from a child
// process after 100..300 ms; returns ms from the unmount being seen (the
// child's exit) to the removal finishing, or the error code.
async function clearTrial (remove, i) {
  const mnt = path.join(work, `m${i}-${Math.random().toString(36).slice(2)}`)
  mountTmpfs(mnt)
  let cleared = null
  const delay = 100 + Math.random() * 200
  const timer = setTimeout(() => {
    const c = spawn('umount', [mnt], { stdio: 'ignore' })
    c.on('exit', () => { cleared = performance.now() })
  }, delay)
  const t0 = performance.now()
  let result
  try {
    await remove(mnt)
    const done = performance.now()
    // Finished before the exit event was seen: wait for it, count as 0.
    while (cleared === null) await new Promise((resolve) => setTimeout(resolve, 1))
    result = { ms: Math.max(0, done - cleared) }
  } catch (e) {
    result = { code: e.code, failedAfter: performance.now() - t0 }
    clearTimeout(timer)
    spawnSync('umount', ['-l', mnt])
  }
  while (fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${mnt} `)) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  fs.rmSync(mnt, { recursive: true, force: true })
  return result
}

async function obstacle () {
  rows.push('', `### 2. Busy mount point (EBUSY on rmdir) unmounted after 100–300 ms: ms from clearing to done, ${TRIALS} trials`, '',
    'fsdoctor.fs no longer waits here: its diagnosis calls a busy mount point permanent (`mount-point-busy`), and the diagnosis decides the retry, so it fails at once (section 3).', '',
    '| implementation | median ms | p90 ms | max ms | failures |', '|---|---|---|---|---|')
  if (!isRoot) {
    rows.push('| (skipped: needs root on Linux to mount a tmpfs) | | | | |')
    return
  }
  const impls = {
    'fsdoctor.fs.promises.rmdir': (p) => rfs.promises.rmdir(p),
    'fsdoctor.fs.rmdir (callback)': (p) => new Promise((resolve, reject) => rfs.rmdir(p, (e) => (e ? reject(e) : resolve()))),
    'graceful-fs.rmdir': (p) => new Promise((resolve, reject) => gfs.rmdir(p, (e) => (e ? reject(e) : resolve()))),
    'rimraf (default)': (p) => rimraf(p),
    'rimraf.windows (retrying strategy)': (p) => rimraf.windows(p),
    'fs.rm({ recursive, maxRetries: 10 })': (p) => fs.promises.rm(p, { recursive: true, maxRetries: 10 })
  }
  const results = Object.fromEntries(Object.keys(impls).map((k) => [k, []]))
  for (let i = 0; i < TRIALS; i++) {
    for (const [name, fn] of Object.entries(impls)) results[name].push(await clearTrial(fn, i))
  }
  for (const [name, rs] of Object.entries(results)) {
    const ok = rs.filter((r) => r.ms !== undefined).map((r) => r.ms).sort((a, b) => a - b)
    const failed = rs.filter((r) => r.code)
    const codes = [...new Set(failed.map((r) => r.code))].join(', ')
    const failText = failed.length
      ? `${failed.length}/${rs.length} (${codes} after ${fmt(median(failed.map((r) => r.failedAfter)), 1)} ms)`
      : '0'
    row(name, ok.length ? fmt(median(ok), 1) : '–', ok.length ? fmt(ok[Math.floor(ok.length * 0.9)] ?? ok[ok.length - 1], 1) : '–',
      ok.length ? fmt(ok[ok.length - 1], 1) : '–', failText)
  }
}

// --- 3. permanent causes -----------------------------------------------------------------

async function permanent () {
  rows.push('', `### 3. Permanent cause: time to fail, ${TRIALS * 4} trials, median`, '',
    '| case | implementation | median ms | max ms | attempts | onRetry calls |', '|---|---|---|---|---|---|')
  if (!isRoot) {
    rows.push('| (skipped: needs root on Linux) | | | | | |')
    return
  }
  const ro = path.join(work, 'ro')
  mountTmpfs(ro, 'size=1m,ro')
  const imm = path.join(work, 'imm')
  mountTmpfs(imm)
  const locked = path.join(imm, 'locked')
  fs.writeFileSync(locked, 'x')
  const chattr = spawnSync('chattr', ['+i', locked]).status === 0
  let retried = 0
  const wrapped = require('../lib/retry').withRetry(fs, { onRetry: () => retried++ })
  const cases = [
    ['writeFile on read-only tmpfs (EROFS)', (api) => api.promises.writeFile(path.join(ro, 'x'), 'x')],
    ['writeFile atomic on read-only tmpfs', (api) => api.promises.writeFile(path.join(ro, 'x'), 'x', { atomic: true })],
    ['writeFileSync on read-only tmpfs', async (api) => api.writeFileSync(path.join(ro, 'x'), 'x')],
    // The diagnosis calls a busy mount point permanent, and decides.
    ['rmdir of a mount point (EBUSY, mount-point-busy)', (api) => api.promises.rmdir(ro)],
    ['renameSync of a mount point (EBUSY)', async (api) => api.renameSync(ro, path.join(work, 'moved'))]
  ]
  if (chattr) {
    cases.push(['unlink of chattr +i file (EPERM)', (api) => api.promises.unlink(locked)])
    cases.push(['rename onto chattr +i file (EPERM)', async (api) => {
      const src = path.join(imm, `s${Math.random()}`)
      fs.writeFileSync(src, 'y')
      try {
        await api.promises.rename(src, locked)
      } finally {
        fs.unlinkSync(src)
      }
    }])
  }
  for (const [label, fn] of cases) {
    for (const [name, api] of [['fs', fs], ['fsdoctor.fs', wrapped]]) {
      if (name === 'fs' && label.includes('atomic')) continue
      const ms = []
      let attempts = null
      retried = 0
      for (let i = 0; i < TRIALS * 4; i++) {
        const t0 = performance.now()
        try {
          await fn(api)
          throw new Error(`${label}: did not fail`)
        } catch (e) {
          ms.push(performance.now() - t0)
          if (!e.code || e.code.startsWith('ERR')) throw e
          attempts = e.attempts ?? 1
        }
      }
      row(label, name, fmt(median(ms), 3), fmt(Math.max(...ms), 3), attempts, name === 'fs' ? '–' : retried)
    }
  }
}

async function main () {
  const t0 = performance.now()
  await overhead()
  await obstacle()
  await permanent()
  const head = [`## fsdoctor retry benchmark`, '',
    `node ${process.version}, ${os.platform()} ${os.release()}, ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), ` +
    `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${new Date().toISOString()}, ${((performance.now() - t0) / 1000).toFixed(0)} s`]
  const text = [...head, ...rows, ''].join('\n')
  process.stdout.write(text)
  fs.writeFileSync(path.join(__dirname, 'results-retry.md'), text)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
