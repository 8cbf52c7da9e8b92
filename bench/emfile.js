#!/usr/bin/env node
'use strict'
// EMFILE at scale (not a test): n operations started at once in a child
// whose descriptor limit is 256 (`bash -c 'ulimit -n 256; node …'`), for
// each operation that opens a descriptor, against graceful-fs and plain
// fs. Prints how many completed and the time, and the ratio of fsdoctor's
// time to graceful-fs's; writes bench/results-emfile.md.
//
//   node bench/emfile.js [--n 20000] [--limit 256] [--runs 1] [--only op,op]
//
// Each run is a fresh child (bench/emfile-child.js). Runs of the three
// implementations are interleaved, so a busy machine slows them alike; the
// time shown is the median over runs.
const fs = require('fs')
const os = require('os')
const path = require('path')
const { spawnSync } = require('child_process')
const { opt, median } = require('./util')

const N = opt('--n', 20000)
const LIMIT = opt('--limit', 256)
const RUNS = opt('--runs', 1)
const onlyArg = process.argv.indexOf('--only')
const OPS = onlyArg >= 0
  ? process.argv[onlyArg + 1].split(',')
  : ['readFile', 'promises.readFile', 'createReadStream', 'new ReadStream', 'ReadStream()', 'FileHandle open',
      'open+close', 'writeFile', 'createWriteStream']
const IMPLS = ['fsdoctor', 'graceful-fs', 'fs']
const child = path.join(__dirname, 'emfile-child.js')

// limit: a number, or 'hard' (as many as the hard limit allows).
function run (impl, op, limit) {
  const cmd = `ulimit -n ${limit === 'hard' ? '"$(ulimit -Hn)"' : limit} && exec "$0" "$@"`
  const r = spawnSync('bash', ['-c', cmd, process.execPath, child, impl, op, String(N)],
    { encoding: 'utf8', timeout: 600000, maxBuffer: 1 << 20 })
  const line = (r.stdout || '').trim().split('\n').pop()
  try {
    return JSON.parse(line)
  } catch {
    return { impl, op, n: N, ok: 0, failed: N, codes: { [`exit ${r.status ?? r.signal}`]: N }, ms: NaN }
  }
}

const rows = []
const started = Date.now()
for (const op of OPS) {
  const res = { fsdoctor: [], 'graceful-fs': [], fs: [] }
  for (let k = 0; k < RUNS; k++) {
    const order = IMPLS.slice(k % IMPLS.length).concat(IMPLS.slice(0, k % IMPLS.length))
    for (const impl of order) {
      const r = run(impl, op, LIMIT)
      res[impl].push(r)
      process.stderr.write(`${op} ${impl}: ${r.ok}/${r.n} in ${r.ms} ms ${JSON.stringify(r.codes)}\n`)
    }
  }
  // The reference: plain fs with descriptors to spare.
  const free = run('fs', op, 'hard')
  const cell = (impl) => {
    const rs = res[impl]
    const ok = Math.min(...rs.map((r) => r.ok))
    const ms = median(rs.map((r) => r.ms))
    return { ok, ms }
  }
  const d = cell('fsdoctor')
  const g = cell('graceful-fs')
  const p = cell('fs')
  const ratio = d.ok === N && g.ok === N ? (d.ms / g.ms).toFixed(2) : '–'
  rows.push(`| ${op} | ${d.ok}/${N} | ${d.ms} | ${g.ok}/${N} | ${g.ms} | ${ratio} | ${p.ok}/${N} | ${free.ok}/${N} in ${free.ms} ms |`)
}

const head = [
  '## EMFILE at scale: fsdoctor.fs against graceful-fs',
  '',
  `node ${process.version}, ${os.platform()} ${os.release()}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${new Date().toISOString()}, ${Math.round((Date.now() - started) / 1000)} s`,
  '',
  `${N} operations started at once on 64 files of 100 bytes, in a child at \`ulimit -n ${LIMIT}\`; ` +
    `${RUNS} run(s) per cell, interleaved, median time in ms. "ratio" is fsdoctor's time / graceful-fs's (below 1: faster). ` +
    'graceful-fs queues only its callback API: its `promises` is Node\'s own. The last column is plain fs at the hard limit (`ulimit -Hn`), for scale.',
  '',
  '| operation | fsdoctor.fs done | ms | graceful-fs done | ms | ratio | plain fs done | plain fs at the hard limit |',
  '|---|---|---|---|---|---|---|---|'
]
const text = head.concat(rows).join('\n') + '\n'
process.stdout.write(text)
if (!process.argv.includes('--no-save')) fs.writeFileSync(path.join(__dirname, 'results-emfile.md'), text)
