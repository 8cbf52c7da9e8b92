'use strict'
// Retry policy: option checks, the defaults table (per platform, operation
// and error code), and the classification of one error.
//
// The table is data, not code, so docs/retry-defaults.md can be generated
// from it and a test can hold the two together.

const os = require('os')
const { typeError, rangeError, unreadable, invalidValue } = require('../errors')
const { abortSignal } = require('../validate')

// Errors about one policy key say "option" where Node says "argument".
const optionError = (name, expected, value) => typeError(name, expected, value, 'option')

const JITTERS = ['full', 'decorrelated', 'none']

// Used for every retryable code unless the row says otherwise.
const BASE = Object.freeze({ minDelay: 5, maxDelay: 50, factor: 2, jitter: 'full' })

// Operations that remove entries: only there ENOTEMPTY can pass (a
// concurrent writer adding files, or Windows delete-pending children).
const REMOVALS = new Set(['rm', 'rmdir'])

// Operations that change something. On Windows a lock held by an editor, an
// antivirus scanner or an indexer shows up as EPERM/EACCES on these.
const MUTATING = new Set([
  'rename', 'unlink', 'rmdir', 'rm', 'mkdir', 'mkdtemp', 'writeFile', 'appendFile',
  'copyFile', 'cp', 'truncate', 'ftruncate', 'chmod', 'fchmod', 'lchmod', 'chown',
  'fchown', 'lchown', 'utimes', 'futimes', 'lutimes', 'link', 'symlink', 'write',
  'writev', 'open:write'
])

// Operations whose failure is an answer, never something to wait out.
const NEVER = new Set(['access', 'exists', 'existsSync'])

// Whether an operation may be repeated as a whole after it failed:
//   'yes'      repeating it has the effect of doing it once (it moves no
//              bytes on a shared descriptor): stat, rename, mkdir, open …
//   'no-io'    it opens, moves bytes and closes: safe to repeat only when
//              the failing system call moved none (it was not a read or a
//              write; an open that failed with EMFILE moved nothing), since
//              a file read from a pipe or appended to cannot be read or
//              appended again
//   'no'       descriptor I/O: read/write on a descriptor the caller owns
//              (a pipe, a socket, a position that moves), and readFile,
//              writeFile, appendFile given a descriptor or a FileHandle.
//              Bytes may already have moved, and the caller is the one to
//              decide what to do with EAGAIN: never retried.
// An operation missing from the table (a custom fs's own) is treated as
// 'no-io'. `:fd` marks the descriptor form of a composite operation.
const SAFETY = {
  access: 'yes',
  appendFile: 'no-io',
  'appendFile:fd': 'no',
  chmod: 'yes',
  chown: 'yes',
  close: 'no',
  copyFile: 'no-io',
  cp: 'no-io',
  fchmod: 'yes',
  fchown: 'yes',
  fdatasync: 'yes',
  fstat: 'yes',
  fsync: 'yes',
  ftruncate: 'yes',
  futimes: 'yes',
  lchmod: 'yes',
  lchown: 'yes',
  link: 'yes',
  lstat: 'yes',
  lutimes: 'yes',
  mkdir: 'yes',
  mkdtemp: 'yes',
  open: 'yes',
  'open:write': 'yes',
  opendir: 'yes',
  read: 'no',
  readdir: 'yes',
  readFile: 'no-io',
  'readFile:fd': 'no',
  readlink: 'yes',
  readv: 'no',
  realpath: 'yes',
  rename: 'yes',
  rm: 'yes',
  rmdir: 'yes',
  stat: 'yes',
  statfs: 'yes',
  symlink: 'yes',
  truncate: 'yes',
  unlink: 'yes',
  utimes: 'yes',
  write: 'no',
  'writeFile:fd': 'no',
  writeFile: 'no-io',
  writev: 'no'
}

// System calls that move bytes: an error from one of them may come after
// earlier calls of the same operation moved some.
const MOVES_BYTES = new Set(['read', 'write', 'readv', 'writev', 'pread', 'pwrite', 'sendfile',
  'copyfile', 'copy_file_range', 'splice'])

// May `op`, which failed in `syscall`, be repeated as a whole?
function repeatable (op, syscall) {
  const s = SAFETY[op] || 'no-io'
  if (s === 'no') return false
  if (s === 'yes') return true
  return !(typeof syscall === 'string' && MOVES_BYTES.has(syscall))
}

// One row per code. `kind`: 'retry' (transient by nature), 'ambiguous'
// (ask the diagnosis once), 'never'. Limits are merged over BASE.
const TABLE = {
  EBUSY: {
    ops: 'all',
    posix: { kind: 'retry', retries: 100, maxTime: 2000 },
    win32: { kind: 'retry', retries: 200, maxTime: 10000, maxDelay: 100 }
  },
  EAGAIN: {
    ops: 'all',
    posix: { kind: 'retry', retries: 20, maxTime: 1000 },
    win32: { kind: 'retry', retries: 20, maxTime: 1000 }
  },
  ETXTBSY: {
    ops: 'all',
    posix: { kind: 'retry', retries: 100, maxTime: 2000 },
    win32: { kind: 'retry', retries: 100, maxTime: 2000 }
  },
  ENOTEMPTY: {
    ops: 'removals',
    posix: { kind: 'retry', retries: 10, maxTime: 1000 },
    win32: { kind: 'retry', retries: 50, maxTime: 5000, maxDelay: 100 }
  },
  EMFILE: {
    ops: 'all',
    // Woken early by a close() through any wrapped fs. A *Sync call blocks
    // the thread that would close descriptors, so it waits 200 ms at most
    // (only other threads can free this process's descriptors meanwhile).
    posix: { kind: 'retry', retries: 1000, maxTime: 10000, maxDelay: 100, syncMaxTime: 200 },
    win32: { kind: 'retry', retries: 1000, maxTime: 10000, maxDelay: 100, syncMaxTime: 200 }
  },
  ENFILE: {
    ops: 'all',
    // The system-wide table: other processes free entries, also while a
    // *Sync call waits, but not for 10 s of a blocked thread.
    posix: { kind: 'retry', retries: 1000, maxTime: 10000, maxDelay: 100, syncMaxTime: 2000 },
    win32: { kind: 'retry', retries: 1000, maxTime: 10000, maxDelay: 100, syncMaxTime: 2000 }
  },
  EPERM: {
    ops: 'mutating',
    // Linux and macOS: mode bits, immutable flags, missing capabilities,
    // read-only mounts: nothing a wait fixes. WSL on a Windows drive
    // behaves like Windows (see platformOf).
    posix: { kind: 'never' },
    win32: { kind: 'ambiguous', retries: 200, maxTime: 10000, maxDelay: 100 }
  },
  EACCES: {
    ops: 'mutating',
    posix: { kind: 'never' },
    win32: { kind: 'ambiguous', retries: 200, maxTime: 10000, maxDelay: 100 }
  }
}
// When the diagnosis cannot answer (addon missing, engine threw), an
// ambiguous code is retried within these tighter limits.
const UNDIAGNOSED = Object.freeze({ retries: 10, maxTime: 1000, maxDelay: 100 })
// When shouldRetry() forces a retry of a code the table would not retry.
const FORCED = Object.freeze({ retries: 10, maxTime: 2000 })

function opMatches (which, op) {
  if (which === 'all') return true
  if (which === 'removals') return REMOVALS.has(op)
  if (which === 'mutating') return MUTATING.has(op)
  return false
}

let wslCache
function isWsl () {
  if (wslCache === undefined) {
    wslCache = process.platform === 'linux' && /microsoft/i.test(os.release())
  }
  return wslCache
}

// 'win32' or 'posix'. A path on a Windows drive under WSL gets Windows locks.
function platformOf (platform, path, wsl) {
  if (platform === 'win32') return 'win32'
  if (platform === 'linux' && typeof path === 'string' && /^\/mnt\/[a-z]\//i.test(path) &&
      (wsl === undefined ? isWsl() : wsl)) {
    return 'win32'
  }
  return 'posix'
}

// What the table says about `code` for `op`: { kind, limits } or null.
function rule (code, op, platform, path, wsl) {
  if (NEVER.has(op)) return null
  if (code === 'EWOULDBLOCK') code = 'EAGAIN'
  const row = TABLE[code]
  if (!row || !opMatches(row.ops, op)) return null
  const r = row[platformOf(platform, path, wsl)]
  if (r.kind === 'never') return null
  return r
}

// --- option checks -----------------------------------------------------

function checkNumber (p, name, min, { integer = false, infinite = false } = {}) {
  const v = p[name]
  if (v === undefined) return
  if (typeof v !== 'number') throw optionError(name, 'of type number', v)
  if (Number.isNaN(v) || v < min || (!infinite && !Number.isFinite(v)) ||
      (integer && Number.isFinite(v) && !Number.isInteger(v))) {
    throw rangeError(name, `${integer ? 'an integer' : 'a number'} >= ${min}${infinite ? ' or Infinity' : ''}`, v)
  }
}

const KEYS = new Set(['retries', 'minDelay', 'maxDelay', 'maxTime', 'factor', 'jitter', 'signal',
  'onRetry', 'shouldRetry', 'maxOpen', '__testing'])

// Checks a policy and returns a frozen copy with only the policy keys.
// `strict`: unknown keys are an error (withRetry, retry); writeFileAtomic
// mixes policy keys with write options, so it passes strict = false.
function checkPolicy (policy, { strict = true, extra = [] } = {}) {
  if (policy === undefined || policy === null) return Object.freeze({})
  if (typeof policy !== 'object' || Array.isArray(policy)) {
    throw typeError('policy', 'of type object', policy)
  }
  const p = {}
  let unknown = null
  try {
    for (const k of Object.keys(policy)) {
      if (KEYS.has(k)) p[k] = policy[k]
      else if (strict && !extra.includes(k) && unknown === null) unknown = k
    }
  } catch (e) {
    // A Proxy or a throwing getter.
    throw unreadable('policy', e)
  }
  if (unknown !== null) throw invalidValue(`Unknown retry option "${unknown}"`)
  checkNumber(p, 'retries', 0, { integer: true, infinite: true })
  checkNumber(p, 'minDelay', 0)
  checkNumber(p, 'maxDelay', 0)
  checkNumber(p, 'maxTime', 0, { infinite: true })
  checkNumber(p, 'factor', 1)
  checkNumber(p, 'maxOpen', 1, { integer: true, infinite: true })
  if (p.minDelay !== undefined && p.maxDelay !== undefined && p.minDelay > p.maxDelay) {
    throw rangeError('minDelay', `<= maxDelay (${p.maxDelay})`, p.minDelay)
  }
  if (p.jitter !== undefined && !JITTERS.includes(p.jitter)) {
    if (typeof p.jitter !== 'string') throw optionError('jitter', 'of type string', p.jitter)
    throw invalidValue(`The "jitter" option must be one of 'full', 'decorrelated', 'none'. Received '${p.jitter}'`)
  }
  for (const f of ['onRetry', 'shouldRetry']) {
    if (p[f] !== undefined && typeof p[f] !== 'function') throw optionError(f, 'of type function', p[f])
  }
  if (p.signal !== undefined) abortSignal(p.signal, 'signal', 'option')
  return Object.freeze(p)
}

// Limits for one error: table row over BASE, then the caller's overrides.
function limitsFor (row, user, sync) {
  const l = { ...BASE, retries: 0, maxTime: 0, ...row }
  if (sync && row.syncMaxTime !== undefined) l.maxTime = row.syncMaxTime
  for (const k of ['retries', 'minDelay', 'maxDelay', 'maxTime', 'factor', 'jitter']) {
    if (user[k] !== undefined) l[k] = user[k]
  }
  // A caller's minDelay above the row's cap raises the cap with it.
  if (l.maxDelay < l.minDelay) l.maxDelay = l.minDelay
  return l
}

// Rows of the SAFETY table for docs/retry-defaults.md: which operations
// are repeated, grouped.
const SAFETY_TEXT = { yes: 'yes', 'no-io': 'only when the failing call moved no bytes', no: 'never' }
function safetyTable () {
  return ['yes', 'no-io', 'no'].map((k) => ({
    repeated: SAFETY_TEXT[k],
    ops: Object.keys(SAFETY).filter((op) => SAFETY[op] === k).sort()
  }))
}

// Rows for docs/retry-defaults.md.
function defaultsTable () {
  const rows = []
  const opsText = { all: 'all', removals: 'rm, rmdir', mutating: 'changing calls¹' }
  for (const [code, row] of Object.entries(TABLE)) {
    for (const plat of ['posix', 'win32']) {
      const r = row[plat]
      const l = r.kind === 'never' ? null : { ...BASE, ...r }
      rows.push({
        code,
        platform: plat === 'posix' ? 'Linux, macOS' : 'Windows²',
        ops: opsText[row.ops],
        kind: r.kind,
        retries: l ? l.retries : 0,
        minDelay: l ? l.minDelay : null,
        maxDelay: l ? l.maxDelay : null,
        maxTime: l ? (l.syncMaxTime !== undefined ? `${l.maxTime} (sync: ${l.syncMaxTime})` : l.maxTime) : null
      })
    }
  }
  return rows
}

module.exports = {
  BASE,
  SAFETY,
  MOVES_BYTES,
  repeatable,
  TABLE,
  UNDIAGNOSED,
  FORCED,
  MUTATING,
  REMOVALS,
  rule,
  platformOf,
  checkPolicy,
  limitsFor,
  defaultsTable,
  safetyTable
}
