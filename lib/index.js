'use strict'
// Public API. Validates arguments, calls the native probes, and falls back
// to text-only answers when the addon cannot be loaded.
const { binding, loadError } = require('./engine')
const { toPath } = require('./validate')
const pkg = require('../package.json')

function noNative (name) {
  const err = new Error(`fsdoctor: ${name} needs the native addon, which did not load` +
    (loadError ? `: ${loadError.message}` : ''))
  err.code = 'ERR_FSDOCTOR_NO_NATIVE'
  return err
}

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
