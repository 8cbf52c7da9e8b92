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
const { rmdirGuard } = require('./rmdir')
const fdq = require('./fdqueue')
const { Sem, openOp, wrapHandle, openFn, closeFn } = require('./descriptors')
const atomic = require('./atomic')
const { STREAMS, streamClass, streamFactory } = require('./streams')
const { typeError, unreadable } = require('../errors')

const { isSysError, continueAsync, continueSync, makeConfig, ownStackSync, ownStackAsync, mayRetry, failFirst, platformOf } = engine

// Functions passed through untouched: not a single fs call that can fail
// and pass on retry (watchers, existence answers, classes).
const PASS = new Set(['exists', 'existsSync', 'watch', 'watchFile', 'unwatchFile',
  'openAsBlob', '_toUnixTimestamp', 'glob', 'globSync', 'constructor'])

// Calls that open a descriptor and close it before they end: their end may
// free a descriptor someone in the queue waits for.
const RELEASES = new Set(['readFile', 'writeFile', 'appendFile', 'copyFile', 'cp', 'readdir',
  'rm', 'truncate', 'statfs', 'realpath', 'mkdtemp'])

// readFile, writeFile and appendFile given a descriptor (or a FileHandle)
// are descriptor I/O.
const FD_FORMS = new Set(['readFile', 'writeFile', 'appendFile'])
function isDescriptor (a) {
  if (typeof a === 'number') return true
  try {
    return a !== null && typeof a === 'object' && typeof a.fd === 'number' && typeof a.close === 'function'
  } catch {
    return false
  }
}
// The end of such a call freed a descriptor unless it failed before it had
// one (in open, or out of descriptors).
function freed (err) {
  return !err || !(err.code === 'EMFILE' || err.code === 'ENFILE' || err.syscall === 'open')
}

// A retried attempt of such a call: its end may free a descriptor too.
function settled (p) {
  return Promise.resolve(p).then((r) => {
    fdq.maybeReleased()
    return r
  }, (e) => {
    if (freed(e)) fdq.maybeReleased()
    throw e
  })
}

function opFor (base) {
  if (FD_FORMS.has(base)) return (args) => (isDescriptor(args[0]) ? `${base}:fd` : base)
  return base
}

// A wrapper keeps the name and arity of the function it stands for.
function likeOrig (fn, orig) {
  try {
    Object.defineProperty(fn, 'length', { value: orig.length, configurable: true })
    Object.defineProperty(fn, 'name', { value: orig.name, configurable: true })
  } catch {}
  return fn
}

function pathArg (p) {
  return typeof p === 'string' ? p : null
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
  const releases = RELEASES.has(name.slice(0, -4))
  const f = {
    [name] () {
      const t0 = clock.now()
      const hooks = hooksFor ? hooksFor(arguments) : undefined
      try {
        const r = orig.apply(target, arguments)
        if (releases) fdq.maybeReleased()
        return r
      } catch (err) {
        if (releases && freed(err)) fdq.maybeReleased()
        const args = Array.from(arguments)
        const o = typeof op === 'function' ? op(args) : op
        if (!mayRetry(cfg, o, pathArg(args[0]), err)) {
          if (isSysError(err)) failFirst(cfg, err)
          throw ownStackSync(err, publicFn(cfg, name, f))
        }
        try {
          return continueSync(cfg, o, pathArg(args[0]), t0, err, () => orig.apply(target, args), hooks)
        } catch (e) {
          // From the caller's frame on, as plain fs's stack reads.
          throw ownStackSync(e, publicFn(cfg, name, f))
        }
      }
    }
  }[name]
  return f
}

// An async function, so that an error's async stack runs on to the
// caller's frame as it does with plain fs.promises (this file's frame is
// taken out of it).
function wrapPromise (cfg, target, name, orig, op, hooksFor) {
  const clock = cfg.clock
  const releases = RELEASES.has(typeof op === 'string' ? op : name)
  return {
    async [name] (...args) {
      const t0 = clock.now()
      const hooks = hooksFor ? hooksFor(args) : undefined
      try {
        const r = await orig.apply(target, args)
        if (releases) fdq.maybeReleased()
        return r
      } catch (err) {
        if (releases && freed(err)) fdq.maybeReleased()
        const o = typeof op === 'function' ? op(args) : op
        if (!mayRetry(cfg, o, pathArg(args[0]), err)) {
          if (isSysError(err)) failFirst(cfg, err)
          throw ownStackAsync(err)
        }
        const again = releases ? () => settled(orig.apply(target, args)) : () => orig.apply(target, args)
        try {
          return await continueAsync(cfg, o, pathArg(args[0]), t0, err, again, hooks)
        } catch (e) {
          throw ownStackAsync(e)
        }
      }
    }
  }[name]
}

// Callback form: the caller's callback gets exactly the arguments plain fs
// would pass on success, the decorated original error on failure.
function wrapCallback (cfg, target, name, orig, op, hooksFor) {
  const clock = cfg.clock
  const releases = RELEASES.has(name)
  const f = {
    [name] (...args) {
      const n = args.length
      const cb = args[n - 1]
      if (typeof cb !== 'function') {
        try {
          return orig.apply(target, args)
        } catch (e) {
          throw ownStackSync(e, publicFn(cfg, name, f))
        }
      }
      const t0 = clock.now()
      const hooks = hooksFor ? hooksFor(args) : undefined
      const rest = args.slice(0, n - 1)
      args[n - 1] = function (err) {
        if (releases && freed(err)) fdq.maybeReleased()
        if (err === null || err === undefined) return cb.apply(this, arguments)
        // An error made in the caller's tick (an abort) has this file's
        // frame in its stack: out with it.
        if (!isSysError(err)) return cb.apply(this, [ownStackAsync(err), ...Array.prototype.slice.call(arguments, 1)])
        const o = typeof op === 'function' ? op(rest) : op
        if (!mayRetry(cfg, o, pathArg(rest[0]), err)) {
          failFirst(cfg, err)
          return cb.apply(this, arguments)
        }
        const again = () => new Promise((resolve, reject) => {
          orig.apply(target, [...rest, (e, ...res) => {
            if (releases && freed(e)) fdq.maybeReleased()
            if (e) reject(e)
            else resolve(res)
          }])
        })
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
        try {
          return orig.apply(target, args)
        } catch (e) {
          throw ownStackSync(e, publicFn(cfg, name, f))
        }
      }
    }
  }[name]
  return f
}

// The function the caller called: the wrapper's own, or the one a special
// case put in front of it.
function publicFn (cfg, name, f) {
  const o = cfg.publics && cfg.publics.get(name)
  return typeof o === 'function' ? o : f
}

// What ./descriptors.js takes from the mirror (it does not require this
// file back).
const FORMS = { wrapPromise, likeOrig, publicFn }

// --- building the mirror ------------------------------------------------------

function build (fsLike, cfg, opts) {
  const out = {}
  const isNode = fsLike === nodeFs
  const promisesNs = opts.promisesNs
  const lstatSync = typeof fsLike.lstatSync === 'function' ? fsLike.lstatSync.bind(fsLike) : opts.lstatSync
  const readdirSync = typeof fsLike.readdirSync === 'function' ? fsLike.readdirSync.bind(fsLike) : opts.readdirSync
  const renameHooks = (args) => renameGuard(lstatSync, args[0], args[1])
  const rmdirHooks = (args) => rmdirGuard(readdirSync, lstatSync, args,
    platformOf(cfg.platform, pathArg(args[0]), cfg.wsl) === 'win32')
  // Node's fs and fs/promises are mirrored key for key, enumerability
  // included; another fs-like object gets everything enumerable.
  const mirror = isNode || fsLike === nodeFs.promises
  // The functions as built, by name: an error's stack is cut at the one
  // the caller called (./engine.js ownStackSync).
  if (!promisesNs) cfg.publics = new Map()

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
              ? build(ns, cfg, { promisesNs: true, lstatSync, readdirSync, callbackFs: fsLike })
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
      out[key] = value
    } else if (isNode && STREAMS.has(key)) {
      out[key] = likeOrig(streamClass(STREAMS.get(key), out), value)
    } else if (/^[A-Z]/.test(key) || PASS.has(key) || key.startsWith('_')) {
      out[key] = mirror || /^[A-Z]/.test(key) ? value : value.bind(fsLike)
    } else {
      const sync = key.endsWith('Sync')
      const base = sync ? key.slice(0, -4) : key
      const form = sync ? wrapSync : promisesNs ? wrapPromise : wrapCallback
      out[key] = likeOrig(special(cfg, fsLike, key, base, value, form, { sync, promisesNs, renameHooks, rmdirHooks, out, opts, isNode }) ||
        form(cfg, fsLike, key, value, opFor(base)), value)
      if (!promisesNs) cfg.publics.set(key, out[key])
      copyExtras(cfg, fsLike, value, out[key], form, base)
    }
    if (mirror && !Object.prototype.propertyIsEnumerable.call(fsLike, key)) {
      Object.defineProperty(out, key, { enumerable: false })
    }
  }
  const callbackFs = promisesNs ? opts.callbackFs || (fsLike === nodeFs.promises ? nodeFs : null) : fsLike
  // Not part of fs's shape: present, not enumerable.
  if (callbackFs && !Object.prototype.hasOwnProperty.call(out, 'writeFileAtomic')) {
    const hidden = (v) => ({ value: v, writable: true, configurable: true, enumerable: false })
    Object.defineProperty(out, 'writeFileAtomic', hidden(function writeFileAtomic (file, data, options) {
      return atomic.writeAsync(cfg, callbackFs, file, data, options)
    }))
    if (!promisesNs) {
      Object.defineProperty(out, 'writeFileAtomicSync', hidden(function writeFileAtomicSync (file, data, options) {
        return atomic.writeSync(cfg, callbackFs, file, data, options)
      }))
    }
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
    wrapped[k] = typeof v === 'function' && typeof k === 'string' ? likeOrig(form(cfg, target, k, v, base), v) : v
  }
}

// Functions with extra behaviour; returns null for the generic wrapper.
function special (cfg, target, key, base, orig, form, ctx) {
  const { sync, promisesNs, renameHooks, rmdirHooks } = ctx
  if (base === 'rename') return form(cfg, target, key, orig, 'rename', renameHooks)
  if (base === 'rmdir') return form(cfg, target, key, orig, 'rmdir', rmdirHooks)

  if (base === 'writeFile') {
    const plain = form(cfg, target, key, orig, opFor('writeFile'))
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

  if (base === 'open') return openFn(cfg, form(cfg, target, key, orig, (args) => openOp(args[1])), ctx, FORMS)
  if (base === 'close') return closeFn(cfg, target, key, orig, ctx, FORMS)

  if (ctx.isNode && !promisesNs) return streamFactory(key, ctx.out)
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
    const fromNode = fsLike === nodeFs.promises
    return build(fsLike, cfg, {
      promisesNs,
      lstatSync: fromNode ? nodeFs.lstatSync : null,
      readdirSync: fromNode ? nodeFs.readdirSync : null
    })
  } catch (e) {
    // Reading fsLike threw (a Proxy trap, a throwing getter).
    throw unreadable('fsLike', e)
  }
}

module.exports = {
  withRetry,
  wrapHandle: (cfg, fh, tracked) => wrapHandle(cfg, fh, tracked, FORMS),
  openOp,
  Sem
}
