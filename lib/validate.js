'use strict'
// Argument checks: paths, option objects, signals. The errors they throw
// are made in lib/errors.js.
const path = require('path')
const { fileURLToPath } = require('url')
const { typeError, valueError } = require('./errors')

// No filesystem accepts a longer path (Windows' limit is 32767 UTF-16 units,
// Linux's 4096 bytes); refusing here keeps megabyte strings out of the C.
const MAX_PATH_LENGTH = 32767

function isFileUrl (value) {
  return value !== null && typeof value === 'object' &&
    typeof value.href === 'string' && typeof value.protocol === 'string' &&
    value instanceof URL
}

// Returns a string or Buffer that is an absolute path; throws TypeError.
// Objects that throw when inspected (getters, Proxies) are refused as the
// wrong type rather than letting their exception escape.
function toPath (value, name = 'path') {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    try {
      return toPathUnsafe(value, name)
    } catch (err) {
      if (err instanceof TypeError && err.code) throw err
      throw typeError(name, 'of type string or an instance of Buffer or URL', value)
    }
  }
  return toPathUnsafe(value, name)
}

function toPathUnsafe (value, name) {
  if (isFileUrl(value)) {
    if (value.protocol !== 'file:') {
      const err = new TypeError('The URL must be of scheme file')
      err.code = 'ERR_INVALID_URL_SCHEME'
      throw err
    }
    value = fileURLToPath(value)
  }
  if (typeof value === 'string') {
    if (value.length === 0) throw valueError(name, value, 'must be a non-empty path')
    if (value.length > MAX_PATH_LENGTH) {
      throw valueError(name, value, `is longer than any filesystem accepts (${value.length} > ${MAX_PATH_LENGTH})`)
    }
    if (value.includes('\u0000')) {
      throw valueError(name, value, 'must be a string, Uint8Array, or URL without null bytes')
    }
    return path.resolve(value)
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    if (buf.length === 0) throw valueError(name, value, 'must be a non-empty path')
    if (buf.length > MAX_PATH_LENGTH * 3) {
      throw valueError(name, value, `is longer than any filesystem accepts (${buf.length} bytes)`)
    }
    if (buf.includes(0)) {
      throw valueError(name, value, 'must be a string, Uint8Array, or URL without null bytes')
    }
    if (buf[0] === 0x2f || process.platform === 'win32') return Buffer.from(buf)
    return Buffer.concat([Buffer.from(process.cwd() + path.sep), buf])
  }
  throw typeError(name, 'of type string or an instance of Buffer or URL', value)
}

// Paths as text for reports: Buffers are decoded lossily.
function pathText (p) {
  return Buffer.isBuffer(p) ? p.toString('utf8') : p
}

function optionalObject (value, name) {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw typeError(name, 'of type object', value)
  }
  return value
}

// Buffer.isBuffer without letting a Proxy's getPrototypeOf trap escape.
function isBytes (value) {
  try {
    return Buffer.isBuffer(value) || value instanceof Uint8Array
  } catch {
    return false
  }
}

// Returns value if it is an AbortSignal (or passes for one: a polyfill's).
function abortSignal (value, name, what) {
  if (value === null || typeof value !== 'object' || typeof value.aborted !== 'boolean' ||
      typeof value.addEventListener !== 'function') {
    throw typeError(name, 'an instance of AbortSignal', value, what)
  }
  return value
}

// Reads obj[key] without letting a throwing getter or a Proxy trap escape.
function field (obj, key) {
  try {
    return obj[key]
  } catch {
    return undefined
  }
}

module.exports = {
  isBytes,
  toPath,
  pathText,
  optionalObject,
  abortSignal,
  field,
  MAX_PATH_LENGTH,
  // lib/diagnose.js takes these two from here.
  typeError,
  valueError
}
