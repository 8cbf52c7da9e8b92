'use strict'
// diagnose / diagnoseSync / parseErrors / format / causes: the JS side of the
// engine. It validates and normalises the input, finds npm's cache and prefix
// cheaply, and hands everything to the native `diagnose` op (src/ops.c) in the
// order of its FSD__D_* enum. Without the addon, lib/fallback.js answers from
// the text alone.
const path = require('path')
const { fileURLToPath } = require('url')
const { binding } = require('./binding')
const { typeError, valueError, optionalObject, isBytes } = require('./validate')
const catalogue = require('./causes.json')
const { format } = require('./format')

const PLATFORMS = ['linux', 'darwin', 'win32', 'wsl']

// The public catalogue: id, title, transient (the fixes stay internal).
const causes = Object.freeze(catalogue.map((c) => Object.freeze({
  id: c.id, title: c.title, transient: c.transient
})))

let fallbackParse
function jsParse (text) {
  if (fallbackParse === undefined) {
    try {
      fallbackParse = require('./fallback-parse').parseErrors
    } catch {
      fallbackParse = null
    }
  }
  return fallbackParse ? fallbackParse(text) : []
}

function parseErrors (text) {
  if (typeof text !== 'string' && !isBytes(text)) {
    throw typeError('text', 'of type string or an instance of Buffer', text)
  }
  return binding ? binding.parseErrorsSync(text) : jsParse(String(text))
}

// Reads obj[key] without letting a throwing getter or a Proxy trap escape.
function field (obj, key) {
  try {
    return obj[key]
  } catch {
    return undefined
  }
}

// A path field as text: strings, Buffers and file: URLs; anything else null.
// A NUL byte ends the path (the kernel would have stopped there as well).
function pathText (v) {
  let s = null
  if (typeof v === 'string') s = v
  else if (Buffer.isBuffer(v) || v instanceof Uint8Array) s = Buffer.from(v).toString('utf8')
  else if (v instanceof URL) {
    try {
      s = v.protocol === 'file:' ? fileURLToPath(v) : null
    } catch {
      s = null
    }
  }
  if (s === null) return null
  const nul = s.indexOf('\u0000')
  if (nul >= 0) s = s.slice(0, nul)
  return s.length ? s : null
}

function isLocalAbsolute (p) {
  if (process.platform === 'win32') return /^(?:[a-zA-Z]:[\\/]|\\\\)/.test(p)
  return p.startsWith('/')
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
  return { live, platform: platform || null, holders }
}

// The fs error the input stands for: { err, text } where text is true when it
// came from parsing text. null err: text with no error in it.
function toError (input) {
  if (typeof input === 'string' || isBytes(input)) {
    const found = parseErrors(input)
    if (!found.length) return { err: null, text: true }
    const e = found[0]
    return {
      text: true,
      err: {
        code: e.code, errno: e.errno, syscall: e.syscall, path: e.path,
        dest: e.dest, message: e.message, platform: e.platform
      }
    }
  }
  if (input === null || typeof input !== 'object') {
    throw typeError('input', 'an fs error object, a string or a Buffer', input)
  }
  let code = field(input, 'code')
  const message = field(input, 'message')
  if (typeof code !== 'string' || !/^E[A-Z0-9_]+$/.test(code)) {
    // An Error without a code: its message may still carry one.
    if (typeof message === 'string' && message.length) return toError(message)
    if (typeof code !== 'string') {
      throw typeError('input.code', 'of type string (an fs error code such as \'EPERM\')', code)
    }
    code = code.slice(0, 64)
  }
  const errno = field(input, 'errno')
  const syscall = field(input, 'syscall')
  return {
    text: false,
    err: {
      code,
      errno: typeof errno === 'number' && Number.isInteger(errno) ? errno : null,
      syscall: typeof syscall === 'string' && syscall.length < 64 ? syscall : null,
      path: pathText(field(input, 'path')),
      dest: pathText(field(input, 'dest')),
      message: typeof message === 'string' ? message.slice(0, 4096) : null,
      platform: null
    }
  }
}

// npm's cache and global prefix, from the environment only (no spawn): npm
// exports npm_config_* to scripts; otherwise npm's own defaults.
function npmDirs () {
  const env = process.env
  const win = process.platform === 'win32'
  const home = env.HOME || env.USERPROFILE || ''
  let cache = env.npm_config_cache || env.NPM_CONFIG_CACHE || null
  if (!cache) {
    if (win && env.LOCALAPPDATA) cache = path.join(env.LOCALAPPDATA, 'npm-cache')
    else if (home) cache = path.join(home, '.npm')
  }
  let prefix = env.npm_config_prefix || env.NPM_CONFIG_PREFIX || null
  if (!prefix) {
    if (win) prefix = env.APPDATA ? path.join(env.APPDATA, 'npm') : path.dirname(process.execPath)
    else prefix = path.dirname(path.dirname(process.execPath)) // <prefix>/bin/node
  }
  return { cache, prefix }
}

function noError () {
  const unknown = catalogue.find((c) => c.id === 'unknown')
  return {
    code: 'UNKNOWN',
    syscall: null,
    path: null,
    dest: null,
    errno: null,
    platform: process.platform,
    live: false,
    summary: 'No filesystem error was found in the text.',
    transient: false,
    causes: [{
      id: 'unknown',
      title: unknown.title,
      confidence: 0,
      detail: 'The text holds no error code with a system call or path (Node fs messages, npm, pnpm and yarn logs were looked for).',
      evidence: { checked: 'text' },
      fixes: [{
        text: 'Paste the whole output of the failing command, including the lines with the error code (EPERM, EBUSY ...) and the path.',
        commands: [],
        platform: 'all',
        shell: null
      }]
    }],
    facts: { source: 'text' }
  }
}

// Everything both forms share: returns { args } for the native op, or
// { result } when the answer is known without it.
function prepare (input, options) {
  const opts = checkOptions(options)
  const { err, text } = toError(input)
  if (err === null) return { result: noError() }
  let platform = opts.platform || err.platform || null
  const paths = [err.path, err.dest].filter(Boolean)
  // Paths that name a place on this machine: absolute for this OS, or (for
  // an error object, which happened here) relative to this process.
  const here = paths.every((p) => isLocalAbsolute(p) ||
    (!text && !/^(?:[a-zA-Z]:|\\\\)/.test(p)))
  const canLive = !opts.platform && here
  const live = opts.live === undefined ? canLive && !text : opts.live && canLive
  if (live) {
    // symlink()'s path is the link's target, relative to the link: keep it.
    if (err.syscall !== 'symlink') err.path = err.path && path.resolve(err.path)
    err.dest = err.dest && path.resolve(err.dest)
    if (!opts.platform) platform = null // measured here
  }
  const holders = opts.holders === undefined ? true : opts.holders
  const npm = npmDirs()
  const s = (v) => (v === null || v === undefined ? null : String(v))
  const args = [
    err.code, // FSD__D_CODE
    err.errno === null ? null : String(err.errno), // FSD__D_ERRNO
    s(err.syscall), // FSD__D_SYSCALL
    s(err.path), // FSD__D_PATH
    s(err.dest), // FSD__D_DEST
    s(err.message), // FSD__D_MESSAGE
    s(platform), // FSD__D_PLATFORM
    live ? '1' : '0', // FSD__D_LIVE
    holders ? '1' : '0', // FSD__D_HOLDERS
    live ? process.execPath : null, // FSD__D_EXEC_PATH
    live ? npm.cache : null, // FSD__D_NPM_CACHE
    live ? npm.prefix : null, // FSD__D_NPM_PREFIX
    process.cwd() // FSD__D_CWD
  ]
  return { args, err, platform }
}

function fallback (prep) {
  return require('./fallback').diagnose(prep.err, prep.platform)
}

function diagnoseSync (input, options) {
  const prep = prepare(input, options)
  if (prep.result) return prep.result
  if (!binding) return fallback(prep)
  return binding.diagnoseSync(...prep.args)
}

async function diagnose (input, options) {
  const prep = prepare(input, options)
  if (prep.result) return prep.result
  if (!binding) return fallback(prep)
  return binding.diagnose(...prep.args)
}

module.exports = { parseErrors, diagnose, diagnoseSync, format, causes }
