'use strict'
// The one engine's budgets (issue "One engine"), measured, not asserted:
//   - the .wasm is at most 400 KB;
//   - require('fsdoctor') loads nothing of the WebAssembly core while the
//     addon works (no module compiled, no file read), and costs the same;
//   - a text-only diagnoseSync through WebAssembly is within 3x of the addon.
//   node bench/engine.js [--runs 5]
// Each figure is the median of --runs rounds over the parity grid
// (test/helpers/grid.js); the two engines alternate inside each round.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')
const { opt, median } = require('./util')
const { grid } = require('../test/helpers/grid')

const root = path.join(__dirname, '..')
const runs = opt('--runs', 5)
const wasmFile = path.join(root, 'prebuilds', 'wasm32', 'fsdoctor.wasm')

// require() in a fresh process, timed inside it; also what it loaded.
function requireCost (env) {
  const r = spawnSync(process.execPath, ['-e', `
    const t0 = process.hrtime.bigint()
    const f = require(${JSON.stringify(root)})
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    f.diagnoseSync('EPERM: operation not permitted, unlink \\'/x\\'')
    const wasm = Object.keys(require.cache).some((k) => k.endsWith(require('path').join('engine', 'wasm.js')))
    console.log(JSON.stringify({ ms, native: f.native, wasm }))
  `], { env: { ...process.env, ...env }, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout)
}

// Text-only diagnoses per second over the grid, in a fresh process.
function rate (env) {
  const r = spawnSync(process.execPath, ['-e', `
    const f = require(${JSON.stringify(root)})
    const g = require(${JSON.stringify(path.join(root, 'test', 'helpers', 'grid.js'))}).grid()
    for (const [i, o] of g.slice(0, 500)) f.diagnoseSync(i, o) // warm up
    const t0 = process.hrtime.bigint()
    for (const [i, o] of g) f.diagnoseSync(i, o)
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    console.log(JSON.stringify({ us: ms * 1000 / g.length, native: f.native }))
  `], { env: { ...process.env, ...env }, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout)
}

const size = fs.statSync(wasmFile).size
const reqAddon = []
const reqWasm = []
const usAddon = []
const usWasm = []
let loadedWasm = false
for (let i = 0; i < runs; i++) {
  const a = requireCost({})
  loadedWasm = loadedWasm || a.wasm
  reqAddon.push(a.ms)
  reqWasm.push(requireCost({ FSDOCTOR_NO_NATIVE: '1' }).ms)
  usAddon.push(rate({}).us)
  usWasm.push(rate({ FSDOCTOR_NO_NATIVE: '1' }).us)
}
const n = grid().length
const ratio = median(usWasm) / median(usAddon)
console.log(`one engine: ${runs} rounds, grid of ${n} text-only inputs`)
console.log(`  fsdoctor.wasm                      ${(size / 1024).toFixed(1)} KB (budget 400 KB: ${size <= 400 * 1024 ? 'met' : 'NOT met'})`)
console.log(`  require() with the addon           ${median(reqAddon).toFixed(1)} ms; WebAssembly core loaded: ${loadedWasm ? 'YES (budget NOT met)' : 'no (budget met)'}`)
console.log(`  require() without the addon        ${median(reqWasm).toFixed(1)} ms (the module compiles on first diagnose)`)
console.log(`  diagnoseSync, text-only, addon     ${median(usAddon).toFixed(1)} us`)
console.log(`  diagnoseSync, text-only, wasm      ${median(usWasm).toFixed(1)} us`)
console.log(`  wasm / addon                       ${ratio.toFixed(2)}x (budget 3x: ${ratio <= 3 ? 'met' : 'NOT met'})`)
