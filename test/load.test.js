'use strict'
// Loading: native when the addon is built, else the same C core built to
// WebAssembly (loaded only then), never a throw at require time.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const path = require('node:path')

const root = path.join(__dirname, '..')

test('require loads the native addon', () => {
  const f = require('..')
  assert.strictEqual(f.native, true, f.loadError && f.loadError.message)
  assert.strictEqual(f.loadError, null)
  assert.strictEqual(typeof f.fsInfoSync, 'function')
  assert.strictEqual(f.platformInfo().platform, process.platform)
})

test('require works without the addon (FSDOCTOR_NO_NATIVE=1)', () => {
  const r = spawnSync(process.execPath, ['-e', `
    const f = require(${JSON.stringify(root)})
    let probe
    try { f.fsInfoSync('/') } catch (e) { probe = e.code }
    console.log(JSON.stringify({ native: f.native, probe }))
  `], { env: { ...process.env, FSDOCTOR_NO_NATIVE: '1' }, encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  assert.deepStrictEqual(JSON.parse(r.stdout), { native: false, probe: 'ERR_FSDOCTOR_NO_NATIVE' })
})

test('the WebAssembly core is not loaded while the addon works', () => {
  const r = spawnSync(process.execPath, ['-e', `
    const f = require(${JSON.stringify(root)})
    f.diagnoseSync('EPERM: operation not permitted, rename \\'/a\\' -> \\'/b\\'')
    f.parseErrors('EBUSY: resource busy or locked, rmdir \\'/x\\'')
    const loaded = Object.keys(require.cache).filter((k) => k.includes('engine'))
    console.log(JSON.stringify({ native: f.native, wasm: loaded.some((k) => k.endsWith('wasm.js')), modules: typeof WebAssembly }))
  `], { encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  assert.deepStrictEqual(JSON.parse(r.stdout), { native: true, wasm: false, modules: 'object' })
})

test('without the addon and without the WebAssembly file, require still works', () => {
  const r = spawnSync(process.execPath, ['-e', `
    const f = require(${JSON.stringify(root)})
    let err
    try { f.diagnoseSync({ code: 'EPERM', syscall: 'open', path: '/x' }) } catch (e) { err = e.code }
    console.log(JSON.stringify({ native: f.native, causes: f.causes.length > 20, err }))
  `], { env: { ...process.env, FSDOCTOR_NO_NATIVE: '1', FSDOCTOR_WASM: path.join(root, 'no-such.wasm') }, encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  assert.deepStrictEqual(JSON.parse(r.stdout), { native: false, causes: true, err: 'ERR_FSDOCTOR_NO_ENGINE' })
})

test('ESM named imports', async () => {
  const m = await import('../index.mjs')
  assert.strictEqual(typeof m.diagnose, 'function')
  assert.strictEqual(m.native, true)
  assert.strictEqual(m.default.version, require('../package.json').version)
})

test('bad path arguments give TypeErrors naming the argument', () => {
  const f = require('..')
  assert.throws(() => f.fsInfoSync(42), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: /"path".*number \(42\)/ })
  assert.throws(() => f.pathInfoSync('a\u0000b'), { name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' })
  assert.throws(() => f.linkInfoSync(''), { code: 'ERR_INVALID_ARG_VALUE' })
  assert.throws(() => f.holdersSync(new URL('http://x/')), { code: 'ERR_INVALID_URL_SCHEME' })
  assert.throws(() => f.privilegesSync({}), { code: 'ERR_INVALID_ARG_TYPE', message: /"dir"/ })
  return assert.rejects(f.fsInfo(null), { code: 'ERR_INVALID_ARG_TYPE' })
})
