'use strict'
// The one engine: the addon when it loads, else the same C core built to
// WebAssembly (loaded on first use, so a working addon costs nothing for
// it). Both take the same keyed request and give the same answer to text.
const { binding, loadError } = require('./addon')

let wasmCore = null
function wasm () {
  if (wasmCore) return wasmCore
  const { call, load } = require('./wasm')
  try {
    load()
  } catch (err) {
    const e = new Error('fsdoctor: no engine: the addon did not load' +
      (loadError ? ` (${loadError.message})` : '') + ` and the WebAssembly core did not either (${err.message})`)
    e.code = 'ERR_FSDOCTOR_NO_ENGINE'
    e.cause = err
    throw e
  }
  const host = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux'
  wasmCore = {
    parseErrorsSync: (text) => call('parseErrors', { text }),
    // The module measures nothing; it needs to be told which machine it
    // runs on (the addon knows its own build).
    diagnoseSync: (request) => call('diagnose', { ...request, host }),
    diagnose: async (request) => call('diagnose', { ...request, host })
  }
  return wasmCore
}

// The core for text and rules: parseErrors and diagnose.
function core () {
  return binding || wasm()
}

module.exports = { binding, loadError, core }
