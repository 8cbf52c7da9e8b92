'use strict'
// The one engine: the addon when it loads, else the same C core built to
// WebAssembly (loaded on first use, so a working addon costs nothing for
// it). Both take the same keyed request and give the same answer to text.
const { binding, loadError, addonInfo } = require('./addon')

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
    diagnose: async (request) => call('diagnose', { ...request, host }),
    // A cause's fixes and one value quoted, by the diagnosis' own rules
    // (src/engine/fixes_request.c).
    fixesSync: (request) => call('fixes', request),
    quoteSync: (request) => call('quote', request)
  }
  return wasmCore
}

// The core for text and rules: parseErrors, diagnose, fixes and quote.
function core () {
  return binding || wasm()
}

// The holder scan's settings come from the environment, read here on each
// call (the C probe runs on the threadpool and reads no environment):
// FSDOCTOR_HOLDERS_THREADS=n threads for the /proc scan, FSDOCTOR_HOLDERS_LEASE=0
// no write lease first. Unset ones are left to the C defaults.
function holdersOptions () {
  const out = {}
  const threads = process.env.FSDOCTOR_HOLDERS_THREADS
  const lease = process.env.FSDOCTOR_HOLDERS_LEASE
  if (threads !== undefined && threads !== '') {
    const n = Number.parseInt(threads, 10)
    if (Number.isFinite(n)) out.threads = n
  }
  if (lease !== undefined) out.lease = lease !== '0'
  return out
}

module.exports = { binding, loadError, addonInfo, core, holdersOptions }
