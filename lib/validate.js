'use strict'
// Argument checks with Node's own error shapes (ERR_INVALID_ARG_TYPE ...).
const path = require('path')
const { fileURLToPath } = require('url')

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

function typeError (name, expected, value) {
  const err = new TypeError(`The "${name}" argument must be ${expected}. ${describe(value)}`)
  err.code = 'ERR_INVALID_ARG_TYPE'
  return err
}

function valueError (name, value, reason) {
  let shown
  try {
    shown = typeof value === 'string' ? `'${value.slice(0, 40)}'` : String(value)
  } catch {
    shown = typeof value
  }
  const err = new TypeError(`The argument '${name}' ${reason}. Received ${shown}`)
  err.code = 'ERR_INVALID_ARG_VALUE'
  return err
}

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

module.exports = { isBytes, toPath, pathText, typeError, valueError, describe, optionalObject }
