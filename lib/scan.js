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

// Options that take a number or a boolean cross as two keys, name (the
// number) and nameOn (the boolean), so that each keeps its type.
function numOrBool (options, key, min) {
  const v = options[key]
  return typeof v === 'boolean' ? { [`${key}On`]: v } : { [key]: num(options, key, min) }
}

// The options object C decodes (fsd_scan_opts_decode, src/scan/scan.h):
// numbers as numbers, booleans as booleans; absent keys take the C
// defaults, which are stated there and nowhere else.
function nativeOptions (options) {
  // longPath: a number or false (off); true means nothing.
  if (options.longPath === true) throw typeError('options.longPath', 'of type number or false', true)
  const threads = num(options, 'threads', 1)
  if (threads !== undefined && threads > 64) throw valueError('options.threads', threads, 'must be an integer from 1 to 64')
  const out = {
    followSymlinks: bool(options, 'followSymlinks'),
    outside: bool(options, 'outside'),
    ...numOrBool(options, 'linkThreshold', 0),
    ...numOrBool(options, 'longPath', 0),
    maxResults: num(options, 'maxResults', 0),
    maxDepth: num(options, 'maxDepth', 1),
    progressInterval: num(options, 'progressInterval', 0),
    ...numOrBool(options, 'owner', 0),
    threads
  }
  if (out.owner > 0xffffffff) throw valueError('options.owner', out.owner, 'must be a uid (an integer from 0 to 4294967295)')
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k]
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
