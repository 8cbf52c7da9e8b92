'use strict'
const os = require('node:os')
// diagnose / diagnoseSync / parseErrors / format / causes: validation and
// the request. Everything that decides (parsing pasted text, whether the
// error can be measured here, which platform it is from, the rules, the
// fixes) is the C core, reached through lib/engine (the addon, else the
// same core built to WebAssembly). This file only checks the arguments and
// reads what C cannot: the input's fields, the working directory, and npm's
// cache and prefix (lib/npm-config.js).
const { fileURLToPath } = require('url')
const { binding, core, holdersOptions } = require('./engine')
const { typeError, valueError, optionalObject, isBytes, field, MAX_PATH_LENGTH } = require('./validate')
const catalogue = require('./causes.json')
const { format } = require('./format')
const npmConfig = require('./npm-config')

const PLATFORMS = ['linux', 'darwin', 'win32', 'wsl']

// The public catalogue: id, title, transient (the fixes stay internal).
const causes = Object.freeze(catalogue.map((c) => Object.freeze({
  id: c.id, title: c.title, transient: c.transient
})))

// instanceof URL that a hostile Proxy (whose getPrototypeOf trap throws)
// cannot turn into anything but "no".
function isURL (v) {
  try {
    return v instanceof URL
  } catch {
    return false
  }
}

// Text as a string or a plain copy of its bytes: a Proxy of a Buffer or a
// detached array reaches either engine the same way, or is refused here.
function textArg (text, name) {
  if (typeof text === 'string') return text
  if (isBytes(text)) {
    try {
      return Buffer.from(text)
    } catch {}
  }
  throw typeError(name, 'of type string or an instance of Buffer', text)
}

function parseErrors (text) {
  return core().parseErrorsSync(textArg(text, 'text'))
}

// A path field as text: strings, Buffers and file: URLs; anything else null.
// A NUL byte ends the path (the kernel would have stopped there as well).
function pathText (v) {
  let s = null
  if (typeof v === 'string') s = v
  else if (isBytes(v)) {
    try {
      s = Buffer.from(v).toString('utf8')
    } catch {
      s = null
    }
  } else if (isURL(v)) {
    try {
      s = v.protocol === 'file:' ? fileURLToPath(v) : null
    } catch {
      s = null
    }
  }
  if (s === null) return null
  const nul = s.indexOf('\u0000')
  if (nul >= 0) s = s.slice(0, nul)
  // No filesystem takes a longer path; the length alone still tells.
  if (s.length > MAX_PATH_LENGTH) s = s.slice(0, MAX_PATH_LENGTH)
  return s.length ? s : null
}

function checkOptions (options) {
  const o = optionalObject(options, 'options')
  const live = field(o, 'live')
  const platform = field(o, 'platform')
  const holders = field(o, 'holders')
  if (live !== undefined && typeof live !== 'boolean') throw typeError('options.live', 'of type boolean', live)
  if (holders !== undefined && typeof holders !== 'boolean') throw typeError('options.holders', 'of type boolean', holders)
  if (platform !== undefined && platform !== null) {
    if (typeof platform !== 'string') throw typeError('options.platform', 'of type string', platform)
    if (!PLATFORMS.includes(platform)) throw valueError('options.platform', platform, `must be one of ${PLATFORMS.join(', ')}`)
  }
  const context = field(o, 'context')
  let ctx = null
  if (context !== undefined && context !== null) {
    if (typeof context !== 'string' && !isBytes(context)) throw typeError('options.context', 'a string or a Buffer', context)
    ctx = textArg(context, 'options.context')
    // The engine reads the last 64 KiB; the rest need not cross into it.
    if (ctx.length > 65536) ctx = ctx.slice(ctx.length - 65536)
  }
  return { live, platform: platform || null, holders, context: ctx }
}

// The request's error part: { text } for pasted text, else the fields of
// an fs error object, read without letting a hostile getter escape.
function errorFields (input) {
  if (typeof input === 'string' || isBytes(input)) return { text: textArg(input, 'input') }
  if (input === null || typeof input !== 'object') {
    throw typeError('input', 'an fs error object, a string or a Buffer', input)
  }
  let code = field(input, 'code')
  const message = field(input, 'message')
  if (typeof code !== 'string' || !/^(E[A-Z0-9_]+|UNKNOWN)$/.test(code)) {
    // An Error without a code: its message may still carry one.
    if (typeof message === 'string' && message.length) return { text: message }
    if (typeof code !== 'string') {
      throw typeError('input.code', 'of type string (an fs error code such as \'EPERM\')', code)
    }
    code = code.slice(0, 64)
  }
  const errno = field(input, 'errno')
  const syscall = field(input, 'syscall')
  return {
    code,
    errno: typeof errno === 'number' && Number.isInteger(errno) ? errno : null,
    syscall: typeof syscall === 'string' && syscall.length < 64 ? syscall : null,
    path: pathText(field(input, 'path')),
    dest: pathText(field(input, 'dest')),
    message: typeof message === 'string' ? message.slice(0, 4096) : null
  }
}

// The keyed request of the core's diagnose (src/engine/request.c). Defaults
// are the core's: an option left out is not sent.
function request (input, options) {
  const opts = checkOptions(options)
  const req = errorFields(input)
  if (opts.live !== undefined) req.live = opts.live
  if (opts.holders !== undefined) req.holders = opts.holders
  if (opts.platform) req.platform = opts.platform
  // The text an error object came from; pasted text is its own context.
  if (opts.context !== null && req.text === undefined) req.context = opts.context
  // A deleted working directory, or a user without a home, is no reason
  // not to answer: what cannot be read is left out.
  try {
    req.cwd = process.cwd()
  } catch {}
  // Where the answer may be measured (the addon, an error of this process,
  // or text asked to be), npm's places feed the fixes.
  if (binding && opts.live !== false && (req.text === undefined || opts.live === true)) {
    try {
      const npm = npmConfig.npmPaths()
      req.npmCache = npm.cache
      req.npmPrefix = npm.prefix
      req.npmCacheFrom = npm.sources.cache
      req.npmPrefixFrom = npm.sources.prefix
    } catch {}
    // The guard never removes or re-owns a home directory, or what holds one.
    try {
      req.home = os.homedir()
    } catch {}
    req.execPath = process.execPath
    // What a failed spawn's program is looked up on (read, never run).
    if (typeof process.env.PATH === 'string') req.envPath = process.env.PATH
    if (typeof process.env.PATHEXT === 'string') req.envPathExt = process.env.PATHEXT
    const h = holdersOptions()
    if (h.threads !== undefined) req.holderThreads = h.threads
    if (h.lease !== undefined) req.holderLease = h.lease
  }
  return req
}

function diagnoseSync (input, options) {
  return core().diagnoseSync(request(input, options))
}

async function diagnose (input, options) {
  return core().diagnose(request(input, options))
}

module.exports = { parseErrors, diagnose, diagnoseSync, format, causes }
