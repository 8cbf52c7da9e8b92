'use strict'
// Descriptors through the mirror (./wrap.js): open and close keep maxOpen's
// count and wake the calls waiting in the EMFILE/ENFILE queue (./fdqueue.js)
// when one comes free, and a FileHandle's methods retry as the promise form
// does.
//
// What is borrowed from the mirror comes in as `forms`: its promise form
// (wrapPromise), the name and arity a wrapper keeps (likeOrig), and the
// function a caller called (publicFn), so this file does not require
// ./wrap.js back.

const nodeFs = require('fs')
const fdq = require('./fdqueue')
const { ownStackSync } = require('./syserror')

// FileHandle methods, with the op name used by the table. The handle's
// I/O is descriptor I/O: never repeated (policy.js SAFETY).
const HANDLE_OPS = {
  appendFile: 'appendFile:fd', chmod: 'fchmod', chown: 'fchown', datasync: 'fdatasync',
  read: 'read', readFile: 'readFile:fd', readv: 'readv', stat: 'fstat', sync: 'fsync',
  truncate: 'ftruncate', utimes: 'futimes', write: 'write', writeFile: 'writeFile:fd', writev: 'writev'
}

const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = nodeFs.constants
function openOp (flags) {
  if (typeof flags === 'string') return /[wa+]/.test(flags) ? 'open:write' : 'open'
  if (typeof flags === 'number') {
    return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) ? 'open:write' : 'open'
  }
  return 'open'
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

// --- descriptors: maxOpen and EMFILE wake-ups ----------------------------------

function released (cfg, fd) {
  if (cfg.fds && cfg.fds.delete(fd) && cfg.sem) cfg.sem.release()
  fdq.released()
}

function wrapHandle (cfg, fh, tracked, forms) {
  if (!fh || typeof fh !== 'object') return fh
  for (const [m, op] of Object.entries(HANDLE_OPS)) {
    if (typeof fh[m] !== 'function') continue
    const orig = fh[m]
    Object.defineProperty(fh, m, {
      value: forms.likeOrig(forms.wrapPromise(cfg, fh, m, orig, op), orig),
      writable: true,
      configurable: true,
      enumerable: false
    })
  }
  const origClose = fh.close
  if (typeof origClose === 'function') {
    let done = false
    const release = () => {
      if (done) return
      done = true
      if (tracked && cfg.sem) cfg.sem.release()
      fdq.released()
    }
    const wrapped = function close () {
      let r
      try {
        r = origClose.apply(fh, arguments)
      } catch (err) {
        release()
        throw err
      }
      if (r && typeof r.then === 'function') r.then(release, release)
      else release()
      return r
    }
    // Node's FileHandle has close as an own, enumerable property: kept so.
    const own = Object.getOwnPropertyDescriptor(fh, 'close')
    Object.defineProperty(fh, 'close', { value: forms.likeOrig(wrapped, origClose), writable: true, configurable: true, enumerable: own ? own.enumerable : false })
  }
  return fh
}

// open in each form: `plain` is the mirror's wrapper of it (see openOp).
function openFn (cfg, plain, ctx, forms) {
  const { sync, promisesNs } = ctx
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
    // The first attempt starts in the caller's tick when a slot is free,
    // so an argument error's stack is the caller's as with plain fs.
    return function open (...args) {
      const go = () => {
        const p = plain.apply(this, args)
        return p.then((fh) => wrapHandle(cfg, fh, true, forms), (err) => {
          if (cfg.sem) cfg.sem.release()
          throw err
        })
      }
      if (!cfg.sem || cfg.sem.tryAcquire()) return go()
      return cfg.sem.acquire().then(go)
    }
  }
  return function open (...args) {
    const cb = args[args.length - 1]
    if (typeof cb !== 'function' || !cfg.sem) return plain.apply(this, args)
    args[args.length - 1] = function (err, fd) {
      if (err) cfg.sem.release()
      else cfg.fds.add(fd)
      return cb.apply(this, arguments)
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

// close in each form (null: the mirror's generic wrapper).
function closeFn (cfg, target, key, orig, ctx, forms) {
  const { sync, promisesNs } = ctx
  if (sync) {
    return function closeSync (fd) {
      try {
        return orig.apply(target, arguments)
      } catch (e) {
        throw ownStackSync(e, forms.publicFn(cfg, key, closeSync))
      } finally {
        released(cfg, fd)
      }
    }
  }
  if (promisesNs) return null
  return function close (fd, cb) {
    try {
      if (typeof cb !== 'function') {
        const r = orig.apply(target, arguments)
        released(cfg, fd)
        return r
      }
      return orig.call(target, fd, function () {
        released(cfg, fd)
        return cb.apply(this, arguments)
      })
    } catch (e) {
      throw ownStackSync(e, forms.publicFn(cfg, key, close))
    }
  }
}

module.exports = { Sem, openOp, wrapHandle, openFn, closeFn }
