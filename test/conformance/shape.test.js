'use strict'
// The wrapper has fs's shape: the same keys in the same order, the same
// enumerability, types, function names and arities; fs.promises the shape
// of require('fs/promises'); pass-throughs are the very same values; and
// every export of fs and fs/promises is either run case by case
// (./cases.js) or listed, with why, as checked elsewhere.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const util = require('node:util')
const { IMPLS } = require('./harness')
const { CASES, NOT_CASES } = require('./cases')

const fsPromises = require('node:fs/promises')
const wrappers = Object.entries(IMPLS).filter(([, impl]) => impl !== fs)

function shape (obj) {
  return Object.keys(obj).map((k) => {
    const v = obj[k]
    const s = { key: k, type: typeof v, enumerable: Object.prototype.propertyIsEnumerable.call(obj, k) }
    if (typeof v === 'function') {
      s.name = v.name
      s.length = v.length
      s.extras = Reflect.ownKeys(v).filter((x) => !['length', 'name', 'prototype'].includes(x)).map(String).sort()
    }
    return s
  })
}

for (const [name, impl] of wrappers) {
  test(`${name}: the keys, types, names and arities of fs`, () => {
    assert.deepStrictEqual(shape(impl), shape(fs))
    assert.deepStrictEqual(Object.getOwnPropertyNames(impl).filter((k) => !Object.prototype.propertyIsEnumerable.call(impl, k)).sort(),
      ['writeFileAtomic', 'writeFileAtomicSync'], 'its own additions are not enumerable')
  })

  test(`${name}: promises has the shape of require('fs/promises')`, () => {
    assert.deepStrictEqual(shape(impl.promises), shape(fsPromises))
    assert.strictEqual(impl.promises, impl.promises, 'one object')
  })

  test(`${name}: what is passed through is the same value`, () => {
    for (const k of ['exists', 'existsSync', 'watch', 'watchFile', 'unwatchFile', 'openAsBlob', '_toUnixTimestamp',
      'Dirent', 'Stats', 'Dir', 'constants', 'F_OK', 'R_OK', 'W_OK', 'X_OK']) {
      assert.strictEqual(impl[k], fs[k], k)
    }
    assert.strictEqual(impl.promises.watch, fsPromises.watch)
    assert.strictEqual(impl.promises.constants, fsPromises.constants)
  })

  test(`${name}: promisify markers and realpath.native`, async () => {
    for (const k of ['read', 'write', 'readv', 'writev', 'exists']) {
      assert.strictEqual(typeof impl[k][util.promisify.custom] === 'function' || Object.getOwnPropertySymbols(impl[k]).length > 0,
        typeof fs[k][util.promisify.custom] === 'function' || Object.getOwnPropertySymbols(fs[k]).length > 0, k)
    }
    assert.strictEqual(impl.realpath.native.length, fs.realpath.native.length)
    assert.strictEqual(impl.realpathSync.native.name, fs.realpathSync.native.name)
    const fd = fs.openSync(__filename, 'r')
    try {
      const a = await util.promisify(fs.read)(fd, Buffer.alloc(8), 0, 8, 0)
      const b = await util.promisify(impl.read)(fd, Buffer.alloc(8), 0, 8, 0)
      assert.deepStrictEqual(b, a)
    } finally {
      fs.closeSync(fd)
    }
  })
}

test('every export of fs and fs/promises is covered or listed as checked elsewhere', () => {
  const bases = new Set(Object.keys(CASES))
  const missing = []
  for (const k of Object.keys(fs)) {
    const base = k.endsWith('Sync') ? k.slice(0, -4) : k
    if (!bases.has(base) && !(k in NOT_CASES)) missing.push(`fs.${k}`)
  }
  for (const k of Object.keys(fsPromises)) {
    if (!bases.has(k) && !(k in NOT_CASES)) missing.push(`fs.promises.${k}`)
  }
  assert.deepStrictEqual(missing, [], 'exports neither run case by case nor listed in NOT_CASES')
  // And the list names nothing fs does not have (on this platform: lchmod).
  for (const k of Object.keys(NOT_CASES)) assert.ok(k in fs || k.startsWith('lchmod'), k)
})
