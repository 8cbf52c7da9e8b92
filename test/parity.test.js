'use strict'
// One engine: the WebAssembly build of the core answers every text-only
// input byte for byte as the addon does. The WebAssembly side runs in a
// child with the addon disabled, so the loader's fallback path is what is
// tested, through the public API.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const path = require('node:path')
const fs = require('node:fs')
const fsd = require('..')
const { grid } = require('./helpers/grid')

const root = path.join(__dirname, '..')
const WASM = path.join(root, 'prebuilds', 'wasm32', 'fsdoctor.wasm')

function answers () {
  return grid().map(([input, opts]) => {
    try {
      return JSON.stringify(fsd.diagnoseSync(input, opts))
    } catch (err) {
      return `throws ${err.name} ${err.code} ${err.message}`
    }
  })
}

if (process.env.FSDOCTOR_PARITY_CHILD) {
  process.stdout.write(JSON.stringify({ native: fsd.native, answers: answers(), parse: fs.readdirSync(path.join(__dirname, 'fixtures', 'logs')).map((f) => fsd.parseErrors(fs.readFileSync(path.join(__dirname, 'fixtures', 'logs', f)))) }))
} else {
  test('the WebAssembly core gives byte-identical answers to the addon', { skip: !fsd.native && 'addon not built' }, () => {
    assert.ok(fs.existsSync(WASM), 'build it: npm run build:wasm')
    const r = spawnSync(process.execPath, [__filename], {
      env: { ...process.env, FSDOCTOR_PARITY_CHILD: '1', FSDOCTOR_NO_NATIVE: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 30
    })
    assert.strictEqual(r.status, 0, r.stderr)
    const child = JSON.parse(r.stdout)
    assert.strictEqual(child.native, false)
    const mine = answers()
    assert.ok(mine.length >= 2000, `grid of ${mine.length}`)
    assert.strictEqual(child.answers.length, mine.length)
    const differ = []
    for (let i = 0; i < mine.length; i++) if (mine[i] !== child.answers[i]) differ.push(i)
    const inputs = grid()
    assert.deepStrictEqual(differ.slice(0, 3).map((i) => ({ input: String(inputs[i][0]).slice(0, 200), addon: mine[i].slice(0, 400), wasm: child.answers[i].slice(0, 400) })), [],
      `${differ.length} of ${mine.length} differ`)
    // Every kind of answer is in the grid: causes of many ids, errors.
    const ids = new Set(mine.filter((s) => s[0] === '{').map((s) => JSON.parse(s).causes[0].id))
    assert.ok(ids.size >= 20, `top causes seen: ${[...ids].join(' ')}`)
    const logs = path.join(__dirname, 'fixtures', 'logs')
    assert.deepStrictEqual(child.parse, fs.readdirSync(logs).map((f) => fsd.parseErrors(fs.readFileSync(path.join(logs, f)))))
  })
}
