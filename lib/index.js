'use strict'
// Public API. Validates arguments and calls the native probes; diagnoses
// come from the engine (the addon, or without it the same core built to
// WebAssembly, which answers from the text alone).
const { binding, loadError, addonInfo, holdersOptions } = require('./engine')
const { noNative } = require('./errors')
const { toPath } = require('./validate')
const pkg = require('../package.json')

// A probe that takes one path: name(path) -> Promise, nameSync(path).
function pathProbe (name) {
  const sync = (p) => {
    const arg = toPath(p)
    if (!binding) throw noNative(`${name}Sync`)
    return binding[`${name}Sync`](arg)
  }
  const async = async (p) => {
    const arg = toPath(p)
    if (!binding) throw noNative(name)
    return binding[name](arg)
  }
  return [async, sync]
}

const [fsInfo, fsInfoSync] = pathProbe('fsInfo')
const [pathInfo, pathInfoSync] = pathProbe('pathInfo')
function holdersSync (p) {
  const arg = toPath(p)
  if (!binding) throw noNative('holdersSync')
  return binding.holdersSync(arg, holdersOptions())
}
async function holders (p) {
  const arg = toPath(p)
  if (!binding) throw noNative('holders')
  return binding.holders(arg, holdersOptions())
}
const [linkInfo, linkInfoSync] = pathProbe('linkInfo')

// privileges(dir?): the live symlink/hard-link probes run in dir when given.
function privilegesSync (dir) {
  const arg = dir === undefined || dir === null ? null : toPath(dir, 'dir')
  if (!binding) throw noNative('privilegesSync')
  return binding.privilegesSync(arg)
}
async function privileges (dir) {
  const arg = dir === undefined || dir === null ? null : toPath(dir, 'dir')
  if (!binding) throw noNative('privileges')
  return binding.privileges(arg)
}

function limitsSync () {
  if (!binding) throw noNative('limitsSync')
  return binding.limitsSync()
}
async function limits () {
  if (!binding) throw noNative('limits')
  return binding.limits()
}

function platformInfo () {
  if (binding) return binding.platformInfoSync()
  return { platform: process.platform, wsl: null }
}

const diagnosis = require('./diagnose')
const { scan, scanSync } = require('./scan')

module.exports = {
  native: binding !== null,
  loadError,
  // Which addon loaded: { from: 'prebuild' | 'source' | 'FSDOCTOR_ADDON',
  // target: 'linux-x64-glibc' | … | null, file }, or null without one.
  addon: addonInfo,
  version: pkg.version,
  platformInfo,
  fsInfo,
  fsInfoSync,
  pathInfo,
  pathInfoSync,
  privileges,
  privilegesSync,
  holders,
  holdersSync,
  linkInfo,
  linkInfoSync,
  limits,
  limitsSync,
  parseErrors: diagnosis.parseErrors,
  diagnose: diagnosis.diagnose,
  diagnoseSync: diagnosis.diagnoseSync,
  format: diagnosis.format,
  causes: diagnosis.causes,
  scan,
  scanSync
}

// The retry wrapper is loaded on first use: most callers never need it, and
// require() time matters inside install scripts.
for (const name of ['fs', 'withRetry', 'retry', 'writeFileAtomic']) {
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    configurable: true,
    get () {
      const value = require('./retry')[name]
      Object.defineProperty(module.exports, name, { value, enumerable: true })
      return value
    }
  })
}
