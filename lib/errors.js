'use strict'
// Every error lib/ makes itself, each in Node's own shape (code, name,
// message wording), made in one place: bad arguments and options, an
// aborted operation, a probe that needs the addon.

function describe (value) {
  try {
    return describeUnsafe(value)
  } catch {
    return 'Received an object that could not be inspected'
  }
}

function describeUnsafe (value) {
  if (value === null) return 'Received null'
  if (value === undefined) return 'Received undefined'
  if (typeof value === 'function') return `Received function ${value.name || '<anonymous>'}`
  if (typeof value === 'object') {
    let name
    try {
      name = value.constructor && value.constructor.name
    } catch {}
    return name ? `Received an instance of ${name}` : 'Received an object'
  }
  if (typeof value === 'symbol') return `Received type symbol (${String(value.description)})`
  let shown = String(value)
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`
  if (typeof value === 'string') shown = `'${shown}'`
  return `Received type ${typeof value} (${shown})`
}

function coded (Class, message, code) {
  const err = new Class(message)
  err.code = code
  return err
}

// ERR_INVALID_ARG_TYPE. `what` is 'argument', or 'option' for a key of a
// retry policy.
function typeError (name, expected, value, what = 'argument') {
  return coded(TypeError, `The "${name}" ${what} must be ${expected}. ${describe(value)}`, 'ERR_INVALID_ARG_TYPE')
}

// An argument (a Proxy, an object with a throwing getter) that could not
// be read at all: reported as a bad argument, not as what the trap threw.
function unreadable (name, cause) {
  return coded(TypeError, `The "${name}" argument could not be read: ${cause && cause.message}`, 'ERR_INVALID_ARG_TYPE')
}

// ERR_INVALID_ARG_VALUE with Node's "The argument 'x' … Received …" wording.
function valueError (name, value, reason) {
  let shown
  try {
    shown = typeof value === 'string' ? `'${value.slice(0, 40)}'` : String(value)
  } catch {
    shown = typeof value
  }
  return invalidValue(`The argument '${name}' ${reason}. Received ${shown}`)
}

// ERR_INVALID_ARG_VALUE with a message of the caller's.
function invalidValue (message) {
  return coded(TypeError, message, 'ERR_INVALID_ARG_VALUE')
}

function rangeError (name, expected, value) {
  return coded(RangeError, `The value of "${name}" is out of range. It must be ${expected}. Received ${String(value)}`, 'ERR_OUT_OF_RANGE')
}

// What Node's own fs calls reject with when their signal fires: an
// AbortError (code ABORT_ERR) whose cause is the signal's reason. `extra`
// is added to it (scan's `partial`).
function abortError (signal, extra) {
  const err = new Error('The operation was aborted', { cause: signal.reason })
  err.name = 'AbortError'
  err.code = 'ABORT_ERR'
  if (extra) Object.assign(err, extra)
  return err
}

function throwIfAborted (signal) {
  if (signal && signal.aborted) throw abortError(signal)
}

// writeFileAtomic on something that is not a regular file: renaming a new
// file over a device, a FIFO, a socket or a directory would replace it, so
// nothing is written. st is the target's fs.Stats.
function notRegularFile (file, st) {
  const kind = st.isDirectory() ? 'a directory'
    : st.isCharacterDevice() ? 'a character device'
      : st.isBlockDevice() ? 'a block device'
        : st.isFIFO() ? 'a FIFO'
          : st.isSocket() ? 'a socket' : 'not a regular file'
  const err = coded(Error, `writeFileAtomic: '${file}' is ${kind}; an atomic write would replace it, so nothing was written (write to it with fs.writeFile instead)`, 'ERR_FSDOCTOR_NOT_REGULAR_FILE')
  err.path = file
  err.syscall = 'rename'
  return err
}

// A probe (or the scan) called where the addon did not load.
function noNative (name) {
  const { loadError } = require('./engine')
  return coded(Error, `fsdoctor: ${name} needs the native addon, which did not load` +
    (loadError ? `: ${loadError.message}` : ''), 'ERR_FSDOCTOR_NO_NATIVE')
}

module.exports = {
  describe,
  typeError,
  unreadable,
  valueError,
  invalidValue,
  rangeError,
  abortError,
  throwIfAborted,
  noNative,
  notRegularFile
}
