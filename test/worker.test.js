'use strict'
// The addon is context-aware: it loads in worker threads and in several at
// once, async work finishes or is dropped cleanly when a worker ends, and a
// process may exit with requests in flight.
const test = require('node:test')
const assert = require('node:assert')
const { Worker } = require('node:worker_threads')
const { spawnSync } = require('node:child_process')
const path = require('node:path')

const root = path.join(__dirname, '..')

function runWorker (code) {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { root } })
    let msg
    w.on('message', (m) => { msg = m })
    w.on('error', reject)
    w.on('exit', (codeOut) => resolve({ code: codeOut, msg }))
  })
}

test('loads and runs in four workers at once', async () => {
  const code = `
    const { parentPort, workerData } = require('worker_threads')
    const f = require(workerData.root)
    Promise.all([f.platformInfo(), f.parseErrors('x')]).then(([p, e]) =>
      parentPort.postMessage({ native: f.native, platform: p.platform, n: e.length }))
  `
  const results = await Promise.all([1, 2, 3, 4].map(() => runWorker(code)))
  for (const r of results) {
    assert.strictEqual(r.code, 0)
    assert.deepStrictEqual(r.msg, { native: true, platform: process.platform, n: 0 })
  }
})

test('a worker terminated with async work in flight does not crash', async () => {
  const code = `
    const { parentPort, workerData } = require('worker_threads')
    const f = require(workerData.root)
    for (let i = 0; i < 200; i++) f.fsInfo('/').catch(() => {})
    parentPort.postMessage('queued')
    process.exit(0)
  `
  const r = await runWorker(code)
  assert.strictEqual(r.code, 0)
  assert.strictEqual(r.msg, 'queued')
})

test('process exit with requests in flight exits cleanly', () => {
  const r = spawnSync(process.execPath, ['-e', `
    const f = require(${JSON.stringify(root)})
    for (let i = 0; i < 500; i++) f.pathInfo('/tmp').catch(() => {})
    process.on('exit', () => { try { f.fsInfoSync('/') } catch {} ; console.log('bye') })
    setImmediate(() => process.exit(3))
  `], { encoding: 'utf8' })
  assert.strictEqual(r.status, 3, r.stderr)
  assert.strictEqual(r.stdout.trim(), 'bye')
  assert.strictEqual(r.signal, null)
})
