'use strict'
// p50 time of diagnoseSync for real errors, with and without the holder
// scan (the scan reads every process's fd table, the costliest probe).
//   node bench/diagnose.js [iterations]
const fs = require('fs')
const os = require('os')
const path = require('path')
const fsdoctor = require('..')

const n = Number(process.argv[2]) || 200
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-bench-'))

function errorOf (fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('no error')
}

fs.mkdirSync(path.join(dir, 'd'))
fs.writeFileSync(path.join(dir, 'd', 'f'), '')
const cases = {
  'ENOTEMPTY rmdir': errorOf(() => fs.rmdirSync(path.join(dir, 'd'))),
  'ENOENT open': errorOf(() => fs.readFileSync(path.join(dir, 'missing', 'x'))),
  'EPERM unlink (made up)': Object.assign(new Error('EPERM'), { code: 'EPERM', syscall: 'unlink', path: path.join(dir, 'd', 'f'), errno: -1 }),
  'EBUSY rename (made up)': Object.assign(new Error('EBUSY'), { code: 'EBUSY', syscall: 'rename', path: path.join(dir, 'd'), dest: path.join(dir, 'e'), errno: -16 })
}

function p50 (fn) {
  const times = []
  for (let i = 0; i < 5; i++) fn() // warm up
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint()
    fn()
    times.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

console.log(`diagnoseSync p50 over ${n} runs (native: ${fsdoctor.native})`)
for (const [name, err] of Object.entries(cases)) {
  const withScan = p50(() => fsdoctor.diagnoseSync(err))
  const without = p50(() => fsdoctor.diagnoseSync(err, { holders: false }))
  console.log(`  ${name.padEnd(24)} with holder scan ${withScan.toFixed(3)} ms   without ${without.toFixed(3)} ms`)
}
const text = "Error: EPERM: operation not permitted, rename 'C:\\p\\node_modules\\.staging\\x' -> 'C:\\p\\node_modules\\x'"
console.log(`  ${'text-only (pasted)'.padEnd(24)} ${p50(() => fsdoctor.diagnoseSync(text)).toFixed(3)} ms`)
fs.rmSync(dir, { recursive: true, force: true })
