'use strict'
// withRetry(fsLike, policy): a new object mirroring fsLike whose callback,
// promise and *Sync functions retry. fsLike itself is never modified, and
// neither is the global fs or process.
//
// Every wrapped call makes its first attempt directly, in the caller's
// stack, so argument errors are thrown (or rejected) exactly where and as
// plain fs throws them. Only a failed attempt enters the engine.

const nodeFs = require('fs')
const { checkPolicy } = require('./policy')
const engine = require('./engine')
const { renameGuard } = require('./rename')
const { fdReleased } = require('./backoff')
const atomic = require('./atomic')
const { typeError, unreadable } = require('../errors')

const { isSysError, continueAsync, continueSync, makeConfig } = engine

// Functions passed through untouched: not a single fs call that can fail
// and pass on retry (watchers, existence answers, classes).
const PASS = new Set(['exists', 'existsSync', 'watch', 'watchFile', 'unwatchFile',
  'openAsBlob', '_toUnixTimestamp', 'glob', 'globSync', 'constructor'])

// FileHandle methods that retry, with the op name used by the table.
const HANDLE_OPS = {
  appendFile: 'appendFile', chmod: 'fchmod', chown: 'fchown', datasync: 'fdatasync',
  read: 'read', readFile: 'readFile', readv: 'readv', stat: 'fstat', sync: 'fsync',
  truncate: 'ftruncate', utimes: 'futimes', write: 'write', writeFile: 'writeFile', writev: 'writev'
}

const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = nodeFs.constants
function openOp (flags) {
  if (typeof flags === 'string') return /[wa+]/.test(flags) ? 'open:write' : 'open'
  if (typeof flags === 'number') {
    return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) ? 'open:write' : 'open'
  }
  return 'open'
}

function pathArg (p) {
  return typeof p === 'string' ? p : null
}

// A counting semaphore for maxOpen.
class Sem {
  constructor (max) {
    this.max = max
    this.n = 0
    this.q = []
  }

  tryAcquire () {
    if (this.n < this.max) {
      this.n++
      return true
    }
    return false
  }

  acquire () {
    if (this.tryAcquire()) return Promise.resolve()
    return new Promise((resolve) => this.q.push(resolve))
  }

  release () {
    const next = this.q.shift()
    if (next) next()
    else if (this.n > 0) this.n--
  }
}

// Every property name of an object and its prototypes (memfs-style
// volumes keep their methods on the prototype).
function allKeys (obj) {
  const keys = new Set()
  for (let o = obj; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) keys.add(k)
  }
  return keys
}

function isAtomic (opts) {
  return opts !== null && typeof opts === 'object' && opts.atomic === true
}

// --- the three forms ------------------------------------------------------

function wrapSync (cfg, target, name, orig, op, hooksFor) {
  const clock = cfg.clock
  return {
    [name] () {
      const t0 = clock.now()
      const hooks = hooksFor ? hooksFor(arguments) : undefined
      try {
        return orig.apply(target, arguments)
      } catch (err) {
        const args = Array.from(arguments)
        const o = typeof op === 'function' ? op(args) : op
        return continueSync(cfg, o, pathArg(args[0]), t0, err, () => orig.apply(target, args), hooks)
      }
    }
  }[name]
}

function wrapPromise (cfg, target, name, orig, op, hooksFor) {
  const clock = cfg.clock
  return {
    [name] (...args) {
      const t0 = clock.now()
      const hooks = hooksFor ? hooksFor(args) : undefined
      let r
      try {
        r = orig.apply(target, args)
      } catch (err) {
        if (!isSysError(err)) throw err
        r = Promise.reject(err)
      }
      if (r === null || typeof r !== 'object' || typeof r.then !== 'function') return r
      return r.then(undefined, (err) => {
        const o = typeof op === 'function' ? op(args) : op
        return continueAsync(cfg, o, pathArg(args[0]), t0, err, () => orig.apply(target, args), hooks)
      })
    }
  }[name]
}

// Callback form: the caller's callback gets exactly the arguments plain fs
// would pass on success, the decorated original error on failure.
function wrapCallback (cfg, target, name, orig, op, hooksFor) {
  const clock = cfg.clock
  return {
    [name] (...args) {
      const n = args.length
      const cb = args[n - 1]
      if (typeof cb !== 'function') return orig.apply(target, args)
      const t0 = clock.now()
      const hooks = hooksFor ? hooksFor(args) : undefined
      const rest = args.slice(0, n - 1)
      args[n - 1] = function (err) {
        if (err === null || err === undefined || !isSysError(err)) return cb.apply(this, arguments)
        const again = () => new Promise((resolve, reject) => {
          orig.apply(target, [...rest, (e, ...res) => (e ? reject(e) : resolve(res))])
        })
        const o = typeof op === 'function' ? op(rest) : op
        continueAsync(cfg, o, pathArg(rest[0]), t0, err, again, hooks).then(
          (res) => process.nextTick(() => cb(null, ...(Array.isArray(res) ? res : []))),
          (e) => process.nextTick(cb, e))
      }
      try {
        return orig.apply(target, args)
      } catch {
        // Argument checks throw before anything is done. A misplaced
        // callback appears by name in plain fs's message, so the error is
        // made again with the caller's own callback in place.
        args[n - 1] = cb
        return orig.apply(target, args)
      }
    }
  }[name]
}

// --- descriptors: maxOpen and EMFILE wake-ups ----------------------------------

function released (cfg, fd) {
  if (cfg.fds && cfg.fds.delete(fd) && cfg.sem) cfg.sem.release()
  fdReleased()
}

function wrapHandle (cfg, fh, tracked) {
  if (!fh || typeof fh !== 'object') return fh
  for (const [m, op] of Object.entries(HANDLE_OPS)) {
    if (typeof fh[m] !== 'function') continue
    const orig = fh[m]
    Object.defineProperty(fh, m, {
      value: wrapPromise(cfg, fh, m, orig, op),
      writable: true,
      configurable: true,
      enumerable: false
    })
  }
  const close = fh.close
  if (typeof close === 'function') {
    let done = false
    const release = () => {
      if (done) return
      done = true
      if (tracked && cfg.sem) cfg.sem.release()
      fdReleased()
    }
    fh.close = function close_ () {
      let r
      try {
        r = close.apply(fh, arguments)
      } catch (err) {
        release()
        throw err
      }
      if (r && typeof r.then === 'function') r.then(release, release)
      else release()
      return r
    }
  }
  return fh
}

// --- building the mirror ------------------------------------------------------

function build (fsLike, cfg, opts) {
  const out = {}
  const isNode = fsLike === nodeFs
  const promisesNs = opts.promisesNs
  const lstatSync = typeof fsLike.lstatSync === 'function' ? fsLike.lstatSync.bind(fsLike) : opts.lstatSync
  const renameHooks = (args) => renameGuard(lstatSync, args[0], args[1])

  for (const key of allKeys(fsLike)) {
    if (key === 'promises') {
      let cached
      Object.defineProperty(out, 'promises', {
        enumerable: true,
        configurable: true,
        get () {
          if (cached === undefined) {
            const ns = fsLike.promises
            cached = ns && typeof ns === 'object'
              ? build(ns, cfg, { promisesNs: true, lstatSync, callbackFs: fsLike })
              : ns
          }
          return cached
        }
      })
      continue
    }
    let value
    try {
      value = fsLike[key]
    } catch {
      continue
    }
    if (typeof value !== 'function') {
      if (!isNode || key !== 'promises') out[key] = value
      continue
    }
    const isClass = /^[A-Z]/.test(key)
    if (isClass || PASS.has(key) || key.startsWith('_')) {
      out[key] = isNode || isClass ? value : value.bind(fsLike)
      continue
    }
    const sync = key.endsWith('Sync')
    const base = sync ? key.slice(0, -4) : key
    const form = sync ? wrapSync : promisesNs ? wrapPromise : wrapCallback
    out[key] = special(cfg, fsLike, key, base, value, form, { sync, promisesNs, renameHooks, out, opts, isNode }) ||
      form(cfg, fsLike, key, value, base)
    copyExtras(cfg, fsLike, value, out[key], form, base)
  }
  const callbackFs = promisesNs ? opts.callbackFs || (fsLike === nodeFs.promises ? nodeFs : null) : fsLike
  if (callbackFs && !Object.prototype.hasOwnProperty.call(out, 'writeFileAtomic')) {
    out.writeFileAtomic = (file, data, options) => atomic.writeAsync(cfg, callbackFs, file, data, options)
    if (!promisesNs) out.writeFileAtomicSync = (file, data, options) => atomic.writeSync(cfg, callbackFs, file, data, options)
  }
  return out
}

// Properties hung on fs functions: realpath.native (wrapped as well) and
// util.promisify's markers on read/write/readv/writev, so that
// util.promisify(rfs.read) resolves to { bytesRead, buffer } as with fs.
function copyExtras (cfg, target, orig, wrapped, form, base) {
  for (const k of Reflect.ownKeys(orig)) {
    if (k === 'length' || k === 'name' || k === 'prototype' || k in wrapped) continue
    const v = orig[k]
    wrapped[k] = typeof v === 'function' && typeof k === 'string' ? form(cfg, target, k, v, base) : v
  }
}

// Functions with extra behaviour; returns null for the generic wrapper.
function special (cfg, target, key, base, orig, form, ctx) {
  const { sync, promisesNs, renameHooks } = ctx
  if (base === 'rename') return form(cfg, target, key, orig, 'rename', renameHooks)

  if (base === 'writeFile') {
    const plain = form(cfg, target, key, orig, 'writeFile')
    const callbackFs = promisesNs ? ctx.opts.callbackFs || (target === nodeFs.promises ? nodeFs : null) : target
    if (!callbackFs) return plain
    if (sync) {
      return function writeFileSync (file, data, options) {
        if (isAtomic(options)) return atomic.writeSync(cfg, callbackFs, file, data, options)
        return plain.apply(this, arguments)
      }
    }
    if (promisesNs) {
      return function writeFile (file, data, options) {
        if (isAtomic(options)) return atomic.writeAsync(cfg, callbackFs, file, data, options)
        return plain.apply(this, arguments)
      }
    }
    return function writeFile (file, data, options, cb) {
      if (isAtomic(options) && typeof cb === 'function') {
        atomic.writeAsync(cfg, callbackFs, file, data, options).then(
          () => process.nextTick(cb, null), (e) => process.nextTick(cb, e))
        return
      }
      return plain.apply(this, arguments)
    }
  }

  if (base === 'open') {
    const op = (args) => openOp(args[1])
    const plain = form(cfg, target, key, orig, op)
    if (sync) {
      return function openSync () {
        if (cfg.sem) cfg.sem.n++ // a sync open cannot wait for an async close
        let fd
        try {
          fd = plain.apply(this, arguments)
        } catch (err) {
          if (cfg.sem) cfg.sem.n--
          throw err
        }
        if (cfg.sem) cfg.fds.add(fd)
        return fd
      }
    }
    if (promisesNs) {
      return async function open (...args) {
        if (cfg.sem) await cfg.sem.acquire()
        let fh
        try {
          fh = await plain.apply(this, args)
        } catch (err) {
          if (cfg.sem) cfg.sem.release()
          throw err
        }
        return wrapHandle(cfg, fh, true)
      }
    }
    return function open (...args) {
      const cb = args[args.length - 1]
      if (typeof cb !== 'function' || !cfg.sem) return plain.apply(this, args)
      args[args.length - 1] = (err, fd) => {
        if (err) cfg.sem.release()
        else cfg.fds.add(fd)
        cb(err, fd)
      }
      if (cfg.sem.tryAcquire()) return plain.apply(this, args)
      cfg.sem.acquire().then(() => {
        try {
          plain.apply(this, args)
        } catch (err) {
          args[args.length - 1](err)
        }
      })
    }
  }

  if (base === 'close') {
    if (sync) {
      return function closeSync (fd) {
        try {
          return orig.apply(target, arguments)
        } finally {
          released(cfg, fd)
        }
      }
    }
    if (promisesNs) return null
    return function close (fd, cb) {
      if (typeof cb !== 'function') {
        const r = orig.apply(target, arguments)
        released(cfg, fd)
        return r
      }
      return orig.call(target, fd, function () {
        released(cfg, fd)
        return cb.apply(this, arguments)
      })
    }
  }

  if (ctx.isNode && !promisesNs && (key === 'createReadStream' || key === 'createWriteStream')) {
    // Streams open and close through the retrying functions.
    return function (file, options) {
      if (options === undefined || options === null) options = {}
      else if (typeof options === 'string') options = { encoding: options }
      // A FileHandle as fd cannot be combined with an fs option.
      if (typeof options === 'object' && options.fs === undefined &&
          (options.fd === undefined || options.fd === null || typeof options.fd === 'number')) {
        options = { ...options, fs: ctx.out }
      }
      return orig.call(target, file, options)
    }
  }
  return null
}

function withRetry (fsLike, policy) {
  if (fsLike === null || (typeof fsLike !== 'object' && typeof fsLike !== 'function')) {
    throw typeError('fsLike', 'of type object', fsLike)
  }
  const cfg = makeConfig(checkPolicy(policy))
  const max = cfg.user.maxOpen
  if (max !== undefined && max !== Infinity) {
    cfg.sem = new Sem(max)
    cfg.fds = new Set()
  }
  try {
    const promisesNs = fsLike === nodeFs.promises ||
      (!Object.keys(fsLike).some((k) => k.endsWith('Sync')) && !('promises' in fsLike) &&
        typeof fsLike.readFile === 'function' && typeof fsLike.readFileSync !== 'function')
    return build(fsLike, cfg, { promisesNs, lstatSync: fsLike === nodeFs.promises ? nodeFs.lstatSync : null })
  } catch (e) {
    // Reading fsLike threw (a Proxy trap, a throwing getter).
    throw unreadable('fsLike', e)
  }
}

module.exports = { withRetry, wrapHandle, openOp, Sem }
