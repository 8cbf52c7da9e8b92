'use strict'
// Every fs function, in each of its forms (callback, *Sync, fs.promises),
// on the same arguments against plain fs and the wrapper: the same values,
// the same errors (class, name, code, message, enumerable fields, the
// caller's stack frame), the callback called the same way, and the same
// tree afterwards. Argument lists: ./cases.js.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const { CASES, closeFds } = require('./cases')
const { compare } = require('./harness')

const FORMS = {
  callback: (base) => (impl) => ({ fn: impl[base], target: impl }),
  sync: (base) => (impl) => ({ fn: impl[`${base}Sync`], target: impl }),
  promise: (base) => (impl) => ({ fn: impl.promises[base], target: impl.promises })
}
const has = {
  callback: (base) => typeof fs[base] === 'function',
  sync: (base) => typeof fs[`${base}Sync`] === 'function',
  promise: (base) => typeof fs.promises[base] === 'function'
}

// What opens or closes a descriptor also runs against a wrapper with maxOpen.
const OPENING = new Set(['open', 'close', 'opendir', 'readFile', 'writeFile', 'appendFile', 'copyFile', 'cp', 'rm', 'readdir'])

// mkdtemp's names are random: the six characters are not compared.
const unrandom = (r) => JSON.parse(JSON.stringify(r).replace(/fsd-mkdt-[A-Za-z0-9]{6}/g, 'fsd-mkdt-XXXXXX'))

for (const [base, cases] of Object.entries(CASES)) {
  for (const form of Object.keys(FORMS)) {
    if (!has[form](base)) continue
    test(`${form} ${base}: ${cases.length} argument lists, the same outcome as fs`, async () => {
      for (let i = 0; i < cases.length; i++) {
        const make = (d) => cases[i](d)
        let results
        try {
          results = await compare(form, FORMS[form](base), make, { fdResult: base === 'open', all: OPENING.has(base) })
        } finally {
          closeFds()
        }
        const [ref, ...others] = Object.entries(results)
        for (const [name, r] of others) {
          assert.deepStrictEqual(unrandom(r), unrandom(ref[1]), `${form} ${base} case ${i} (${cases[i].toString()}): ${name} differs from ${ref[0]}`)
        }
      }
    })
  }
}
