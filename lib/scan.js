'use strict'
// scan(dir, options) / scanSync(dir, options): the native tree scan
// (src/scan.h). Validates options, bridges an AbortSignal to the flag the C
// walk reads, and forwards progress reports.
const { binding } = require('./engine')
const { toPath, pathText, optionalObject, abortSignal } = require('./validate')
const { typeError, valueError, abortError, throwIfAborted, noNative } = require('./errors')

function num (options, key, min) {
  const v = options[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number') throw typeError(`options.${key}`, 'of type number', v)
  if (!(v >= min) || v !== Math.floor(v) || !Number.isFinite(v)) {
    throw valueError(`options.${key}`, v, `must be an integer >= ${min}`)
  }
  return v
}

function bool (options, key) {
  const v = options[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'boolean') throw typeError(`options.${key}`, 'of type boolean', v)
  return v
}

// The options object the glue reads; absent keys take the C defaults.
function nativeOptions (options) {
  const out = {}
  const follow = bool(options, 'followSymlinks')
  const outside = bool(options, 'outside')
  // true: 90% of the filesystem's link maximum (-1 to the C side).
  let threshold = options.linkThreshold
  if (threshold === false) threshold = 0
  else if (threshold === true) threshold = -1
  else threshold = num(options, 'linkThreshold', 0)
  const longPath = options.longPath === false ? 0 : num(options, 'longPath', 0)
  const maxResults = num(options, 'maxResults', 0)
  const maxDepth = num(options, 'maxDepth', 1)
  const interval = num(options, 'progressInterval', 0)
  const threads = num(options, 'threads', 1)
  if (threads !== undefined && threads > 64) throw valueError('options.threads', threads, 'must be an integer from 1 to 64')
  let owner
  if (options.owner === true) owner = -2
  else if (options.owner === false) owner = -1
  else owner = num(options, 'owner', 0)
  if (follow !== undefined) out.followSymlinks = follow
  if (outside !== undefined) out.outside = outside
  if (threshold !== undefined) out.linkThreshold = threshold
  if (longPath !== undefined) out.longPath = longPath
  if (maxResults !== undefined) out.maxResults = maxResults
  if (maxDepth !== undefined) out.maxDepth = maxDepth
  if (interval !== undefined) out.progressInterval = interval
  if (owner !== undefined) out.owner = owner
  if (threads !== undefined) out.threads = threads
  return out
}

// Directory paths go to C as UTF-8 strings (the walk builds paths as text).
function dirArg (dir) {
  return pathText(toPath(dir, 'dir'))
}

function scanSync (dir, options) {
  const d = dirArg(dir)
  const opts = optionalObject(options, 'options')
  const native = nativeOptions(opts)
  if (!binding) throw noNative('scanSync')
  return binding.scanSync(d, native)
}

async function scan (dir, options) {
  const d = dirArg(dir)
  const opts = optionalObject(options, 'options')
  const native = nativeOptions(opts)
  const signal = opts.signal === undefined || opts.signal === null ? null : abortSignal(opts.signal, 'options.signal')
  const onProgress = opts.onProgress
  if (onProgress !== undefined && onProgress !== null && typeof onProgress !== 'function') {
    throw typeError('options.onProgress', 'of type function', onProgress)
  }
  if (!binding) throw noNative('scan')
  throwIfAborted(signal)
  const flag = new Int32Array(new SharedArrayBuffer(4))
  const onAbort = () => Atomics.store(flag, 0, 1)
  let done = false
  const progress = typeof onProgress === 'function'
    ? (p) => { if (!done) onProgress(p) }
    : undefined
  if (signal) signal.addEventListener('abort', onAbort, { once: true })
  try {
    const result = await binding.scan(d, native, progress, flag)
    if (result.cancelled && signal && signal.aborted) throw abortError(signal, { partial: result })
    return result
  } finally {
    done = true
    if (signal) signal.removeEventListener('abort', onAbort)
  }
}

module.exports = { scan, scanSync }
