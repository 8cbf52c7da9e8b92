#!/usr/bin/env node
'use strict'
// Benchmark of fsdoctor.holders() against fuser and lsof: a few hundred
// processes run (`sleep`), some of them hold the target file open through
// `sh -c 'exec 3<file; exec sleep …'`; each tool is asked who holds it.
// A second table does the same for a free file (nobody holds it), which
// holders() answers with a write lease instead of a process scan.
// Prints markdown tables (and writes bench/results-who.md with --write).
//   node bench/who.js [--procs N] [--holders N] [--runs N] [--write]
const { opt, median, same, withEnv } = require('./util')
const { spawn, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const fsdoctor = require('..')

const argv = process.argv.slice(2)
const PROCS = opt('--procs', 300)
const HOLDERS = opt('--holders', 20)
const RUNS = opt('--runs', 7)

async function timeit (fn) {
  const times = []
  let result
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint()
    result = await fn()
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return { ms: median(times), result }
}

const pids = (text) => new Set(text.split(/\s+/).filter((x) => /^\d+$/.test(x)).map(Number))

// The same processes, asked about a file that none of them holds.
async function freeFile (free) {
  const fd = await timeit(() => fsdoctor.holders(free))
  const fdSync = await timeit(() => fsdoctor.holdersSync(free))
  const scan = await timeit(() => withEnv({ FSDOCTOR_HOLDERS_LEASE: '0' }, () => fsdoctor.holdersSync(free)))
  const fuser = await timeit(() => spawnSync('fuser', [free], { encoding: 'utf8' }).stdout)
  const lsof = await timeit(() => spawnSync('lsof', ['-t', '--', free], { encoding: 'utf8' }).stdout)
  const base = fd.ms
  const out = []
  out.push('## A free file (nobody holds it)')
  out.push('')
  out.push(`holders() answered with method \`${fd.result.method}\`, scanned ${fd.result.scanned}: ${fd.result.note || 'no note'}.`)
  out.push('')
  out.push('| tool | time (ms) | time / fsdoctor.holders() |')
  out.push('|---|---:|---:|')
  const rows = [
    ['fsdoctor.holders() (async)', fd.ms],
    ['fsdoctor.holdersSync()', fdSync.ms],
    ['fsdoctor.holdersSync(), lease off (FSDOCTOR_HOLDERS_LEASE=0): full scan', scan.ms],
    ['fuser <file>', fuser.ms],
    ['lsof -t <file>', lsof.ms]
  ]
  for (const [name, ms] of rows) out.push(`| ${name} | ${ms.toFixed(2)} | ${(ms / base).toFixed(ms / base >= 10 ? 0 : 2)}× |`)
  out.push('')
  const none = fd.result.holders.length === 0 && scan.result.holders.length === 0 &&
    pids(fuser.result).size === 0 && pids(lsof.result).size === 0
  out.push(`| same pids (none) from holders(), the full scan, fuser and lsof | ${none ? 'yes' : 'NO'} |`)
  out.push('|---|---|')
  return out
}

function sleep (ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function main () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-bench-who-'))
  const file = path.join(dir, 'target.bin')
  const free = path.join(dir, 'free.bin')
  fs.writeFileSync(file, 'x')
  fs.writeFileSync(free, 'x')
  const children = []
  const holderPids = new Set()
  try {
    for (let i = 0; i < PROCS; i++) {
      const holds = i < HOLDERS
      const child = holds
        ? spawn('sh', ['-c', 'exec 3<"$1"; exec sleep 600', 'sh', file], { stdio: 'ignore' })
        : spawn('sleep', ['600'], { stdio: 'ignore' })
      children.push(child)
      if (holds) holderPids.add(child.pid)
    }
    // Wait until every holder has its descriptor open.
    for (let i = 0; i < 100; i++) {
      const seen = pids(spawnSync('fuser', [file], { encoding: 'utf8' }).stdout)
      if ([...holderPids].every((p) => seen.has(p))) break
      await sleep(50)
    }
    const procCount = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length

    const fd = await timeit(() => fsdoctor.holders(file))
    const fdSync = await timeit(() => fsdoctor.holdersSync(file))
    const fdOne = await timeit(() => withEnv({ FSDOCTOR_HOLDERS_THREADS: '1' }, () => fsdoctor.holdersSync(file)))
    const fuser = await timeit(() => spawnSync('fuser', [file], { encoding: 'utf8' }).stdout)
    const lsof = await timeit(() => spawnSync('lsof', ['-t', '--', file], { encoding: 'utf8' }).stdout)
    const whoCli = await timeit(() => spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'fsdoctor.js'), 'who', '--json', file], { encoding: 'utf8' }).stdout)

    const fdPids = new Set(fd.result.holders.map((h) => h.pid))
    const fuserPids = pids(fuser.result)
    const lsofPids = pids(lsof.result)
    const cliPids = new Set(JSON.parse(whoCli.result).holders.map((h) => h.pid))
    const base = fd.ms
    const rows = [
      ['fsdoctor.holders() (async)', fd.ms],
      ['fsdoctor.holdersSync()', fdSync.ms],
      ['fsdoctor.holdersSync(), one thread (FSDOCTOR_HOLDERS_THREADS=1)', fdOne.ms],
      ['fuser <file>', fuser.ms],
      ['lsof -t <file>', lsof.ms],
      ['fsdoctor who --json <file> (CLI, incl. Node start-up)', whoCli.ms]
    ]
    const out = []
    out.push('# Holder scan benchmark')
    out.push('')
    out.push(`${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()} ${os.release()}; ${procCount} processes in /proc (${PROCS} started: ${HOLDERS} holding the file through \`sh -c 'exec 3<file; exec sleep'\`, the rest \`sleep\`). Median of ${RUNS} runs. fuser and lsof are timed as the processes they are (spawn included); fsdoctor in-process, and as a CLI run.`)
    out.push('')
    out.push('| tool | time (ms) | time / fsdoctor.holders() |')
    out.push('|---|---:|---:|')
    for (const [name, ms] of rows) out.push(`| ${name} | ${ms.toFixed(1)} | ${(ms / base).toFixed(ms / base >= 10 ? 0 : 2)}× |`)
    out.push('')
    out.push('| goal | met | measured |')
    out.push('|---|---|---:|')
    out.push(`| fuser ≥ 5× holders() | ${fuser.ms >= 5 * base ? 'yes' : 'NO'} | ${(fuser.ms / base).toFixed(1)}× |`)
    out.push(`| lsof ≥ 50× holders() | ${lsof.ms >= 50 * base ? 'yes' : 'NO'} | ${(lsof.ms / base).toFixed(1)}× |`)
    out.push('')
    out.push('| same pids | ok | count |')
    out.push('|---|---|---:|')
    out.push(`| holders() = the ${HOLDERS} holders started | ${same(fdPids, holderPids) ? 'yes' : 'NO'} | ${fdPids.size} |`)
    out.push(`| holders() = fuser | ${same(fdPids, fuserPids) ? 'yes' : 'NO'} | ${fuserPids.size} |`)
    out.push(`| holders() = lsof -t | ${same(fdPids, lsofPids) ? 'yes' : 'NO'} | ${lsofPids.size} |`)
    out.push(`| fsdoctor who --json = holders() | ${same(cliPids, fdPids) ? 'yes' : 'NO'} | ${cliPids.size} |`)
    out.push('')
    out.push(...await freeFile(free))
    const text = out.join('\n') + '\n'
    process.stdout.write(text)
    if (argv.includes('--write')) fs.writeFileSync(path.join(__dirname, 'results-who.md'), text)
  } finally {
    for (const c of children) {
      try { c.kill('SIGKILL') } catch {}
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
