'use strict'
// Fault injection for the retry tests: an fs-like object over the real fs
// whose calls fail on demand with errors shaped exactly like Node's, and a
// fake clock so backoff runs without waiting and every branch is
// deterministic.
//
//   const clock = fakeClock()                   // auto-advancing
//   const ff = faultFs({ clock })
//   ff.fail('rename', { code: 'EBUSY', times: 3 })
//   ff.fail('rmdir', { code: 'EBUSY', until: 100 })   // until fake t=100ms
//   ff.fail('rename', { code: 'EPERM', after: true })  // happens, reports failure
//   const rfs = withRetry(ff.fs, { __testing: { clock } })
const os = require('os')
const realFs = require('fs')
const fdqueue = require('../../lib/retry/fdqueue')

const DESCRIPTIONS = {
  EBUSY: 'resource busy or locked',
  EAGAIN: 'resource temporarily unavailable',
  EMFILE: 'too many open files',
  ENFILE: 'file table overflow',
  ENOTEMPTY: 'directory not empty',
  ETXTBSY: 'text file is busy',
  EPERM: 'operation not permitted',
  EACCES: 'permission denied',
  ENOENT: 'no such file or directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EEXIST: 'file already exists',
  EXDEV: 'cross-device link not permitted',
  EIO: 'i/o error'
}

const TWO_PATHS = new Set(['rename', 'link', 'symlink', 'copyFile', 'cp'])

// An error as libuv/Node builds it: Error, message "CODE: text, syscall
// 'path' -> 'dest'", errno negative, code, syscall, path, dest.
function sysError (code, syscall, path, dest) {
  let msg = `${code}: ${DESCRIPTIONS[code] || 'unknown error'}, ${syscall}`
  if (typeof path === 'string') msg += ` '${path}'`
  if (typeof dest === 'string') msg += ` -> '${dest}'`
  const err = new Error(msg)
  err.errno = -(os.constants.errno[code] || 0)
  err.code = code
  err.syscall = syscall
  if (typeof path === 'string') err.path = path
  if (typeof dest === 'string') err.dest = dest
  return err
}

// mulberry32: a seeded generator, so "random" jitter repeats exactly.
function seeded (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// auto: every sleep advances the clock at once. Manual (auto: false):
// sleeps wait for tick(); a descriptor release still wakes them.
function fakeClock ({ auto = true, seed = 1, random } = {}) {
  let t = 0
  const timers = []
  const clock = {
    sleeps: [],
    syncSleeps: [],
    now: () => t,
    random: random || seeded(seed),
    sleepSync (ms) {
      clock.syncSleeps.push(ms)
      t += ms
    },
    sleep (ms, signal, fdWake, order) {
      clock.sleeps.push(ms)
      if (auto) {
        t += ms
        return Promise.resolve()
      }
      return new Promise((resolve) => {
        const timer = { at: t + ms, fire: null }
        let leave = null
        timer.fire = (why) => {
          const i = timers.indexOf(timer)
          if (i !== -1) timers.splice(i, 1)
          if (leave) leave()
          clock.lastWake = why
          resolve()
        }
        timers.push(timer)
        if (fdWake) leave = fdqueue.enter(order || fdqueue.nextOrder(), () => timer.fire('fd'))
        if (signal) signal.addEventListener('abort', () => timer.fire('abort'), { once: true })
      })
    },
    tick (ms) {
      t += ms
      for (const timer of timers.slice()) if (timer.at <= t) timer.fire('timer')
    },
    pending: () => timers.length
  }
  return clock
}

function faultFs ({ base = realFs, clock = null } = {}) {
  const faults = []
  const calls = []
  const ff = { faults, calls }

  ff.fail = (op, spec) => {
    faults.push({ op, times: Infinity, ...spec })
    return ff
  }
  ff.clear = () => {
    faults.length = 0
    calls.length = 0
  }
  ff.count = (op) => calls.filter((c) => c.op === op).length
  ff.injected = (op) => calls.filter((c) => c.op === op && c.error).length

  // The fault that applies to this call, if any (consumes one use).
  function match (op, args) {
    calls.push({ op, args: args.filter((a) => typeof a === 'string'), error: null })
    const now = clock ? clock.now() : 0
    for (const f of faults) {
      if (f.op !== op || f.times <= 0) continue
      if (f.until !== undefined && now >= f.until) continue
      if (f.when && !f.when(args)) continue
      f.times--
      if (f.before) f.before(args)
      const path = typeof args[0] === 'string' ? args[0] : undefined
      const dest = TWO_PATHS.has(op) && typeof args[1] === 'string' ? args[1] : undefined
      const err = f.error ? f.error(args) : sysError(f.code, f.syscall || op, path, dest)
      calls[calls.length - 1].error = err.code
      return { err, after: f.after === true }
    }
    return null
  }

  function wrapHandle (fh) {
    for (const m of ['read', 'write', 'writeFile', 'readFile', 'stat', 'sync', 'truncate', 'close']) {
      const orig = fh[m]
      if (typeof orig !== 'function') continue
      fh[m] = async function (...args) {
        const hit = match(`handle.${m}`, args)
        if (hit && !hit.after) throw hit.err
        const r = await orig.apply(fh, args)
        if (hit) throw hit.err
        return r
      }
    }
    return fh
  }

  const out = {}
  for (const name of Object.keys(base)) {
    if (name === 'promises') continue
    const v = base[name]
    if (typeof v !== 'function' || /^[A-Z]/.test(name)) {
      out[name] = v
      continue
    }
    if (name.endsWith('Sync')) {
      const op = name.slice(0, -4)
      out[name] = function (...args) {
        const hit = match(op, args)
        if (hit && !hit.after) throw hit.err
        const r = v.apply(base, args)
        if (hit) throw hit.err
        return r
      }
      continue
    }
    out[name] = function (...args) {
      const cb = args[args.length - 1]
      if (typeof cb !== 'function') return v.apply(base, args)
      const hit = match(name, args)
      if (hit && !hit.after) return process.nextTick(cb, hit.err)
      if (hit) {
        args[args.length - 1] = () => cb(hit.err)
      }
      return v.apply(base, args)
    }
  }
  const p = {}
  for (const name of Object.keys(base.promises)) {
    const v = base.promises[name]
    if (typeof v !== 'function' || name === 'watch') {
      p[name] = v
      continue
    }
    p[name] = async function (...args) {
      const hit = match(name, args)
      if (hit && !hit.after) throw hit.err
      let r = await v.apply(base.promises, args)
      if (name === 'open') r = wrapHandle(r)
      if (hit) throw hit.err
      return r
    }
  }
  out.promises = p
  ff.fs = out
  return ff
}

// An injected error has no cause on this machine for the engine to find
// (an EBUSY rename of a plain file is diagnosed as a busy mount point, which
// a retry does not help). The retry tests decide with this stand-in: a
// short-lived lock for codes that can pass, permanent for the rest.
const TRANSIENT = new Set(['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'ETXTBSY', 'ENOTEMPTY'])
function injectedDiagnosis (err) {
  const transient = TRANSIENT.has(err && err.code)
  return { code: err && err.code, transient, causes: [{ id: transient ? 'file-locked' : 'unknown' }], injected: true }
}

module.exports = { faultFs, fakeClock, sysError, seeded, injectedDiagnosis }
