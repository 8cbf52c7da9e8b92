'use strict'
// The retry loop, shared by the sync, promise and callback forms.
//
// The success path is one call and a timestamp: nothing is allocated until
// an attempt fails. A failure goes through: is it a system error at all,
// did a retried rename in fact happen, what does the table (or the caller's
// shouldRetry, or the diagnosis for an ambiguous code) say, is there budget
// left, then sleep and try again.

const { rule, repeatable, limitsFor, UNDIAGNOSED, FORCED, platformOf } = require('./policy')
const fdq = require('./fdqueue')
const { computeDelay, realClock } = require('./backoff')
const { throwIfAborted } = require('../errors')
const { isSysError, ownStackSync, ownStackAsync } = require('./syserror')

// The configuration of one wrapper (or one retry() call).
function makeConfig (policy) {
  const t = policy.__testing || {}
  return {
    user: policy,
    clock: t.clock || realClock,
    platform: t.platform || process.platform,
    diagnoseSync: t.diagnoseSync,
    diagnose: t.diagnose,
    wsl: t.wsl,
    sem: null
  }
}

// --- diagnosis -----------------------------------------------------------

// The retry is decided by the diagnosis, so the two never disagree: a call
// whose first failure the table would retry asks the diagnosis once, and a
// cause it calls permanent (a busy mount point, a read-only mount, a
// missing permission) fails at once. It is asked on failure only; the
// success path never reaches this file's slow half.
//
// The engine (the addon or the WebAssembly core) is loaded with the first
// failure, not with the wrapper: most calls never fail. A process out of
// descriptors may not be able to load it then; the call is decided by the
// table alone (`verdict` 'unknown') and the diagnosis is tried again later.
let diagnoseModule = null
let loadFailedAt = -Infinity
function diagnoseFns () {
  if (diagnoseModule === null) {
    // Loading needs descriptors: after a failure, not again for a second
    // (a storm of EMFILE would otherwise try for each call).
    const now = performance.now()
    if (now - loadFailedAt < 1000) return null
    try {
      diagnoseModule = require('../diagnose')
    } catch {
      loadFailedAt = now
      return null
    }
  }
  return diagnoseModule
}

// Ambiguous codes ask for the holder scan, which is what tells a lock from
// a permission problem; other codes take the core's defaults (the scan is
// on for EBUSY, ETXTBSY and ENOTEMPTY).
function diagnoseOptions (ambiguous) {
  return ambiguous ? { holders: true } : undefined
}

// Any failure (addon missing, engine not ready, engine threw) yields null.
function diagnoseSyncSafe (cfg, err, ambiguous = false) {
  try {
    const fn = cfg.diagnoseSync || (diagnoseFns() || {}).diagnoseSync
    if (typeof fn !== 'function') return null
    const d = fn(err, diagnoseOptions(ambiguous))
    return d !== null && typeof d === 'object' ? d : null
  } catch {
    return null
  }
}

async function diagnoseAsyncSafe (cfg, err, ambiguous = false) {
  try {
    let fn = cfg.diagnose
    if (!fn && !cfg.diagnoseSync) fn = (diagnoseFns() || {}).diagnose
    if (typeof fn !== 'function') return diagnoseSyncSafe(cfg, err, ambiguous)
    const d = await fn(err, diagnoseOptions(ambiguous))
    return d !== null && typeof d === 'object' ? d : null
  } catch {
    return null
  }
}

// EMFILE and ENFILE are the process's and the system's, not the path's: a
// live diagnosis of each of thousands of queued calls would measure the same
// limits again, with descriptors the process does not have. Their verdict is
// the core's answer for the code and system call, asked once (text only, no
// descriptor needed) and kept; the error that finally fails gets its own live
// diagnosis on first read.
const fdVerdicts = new Map()
function fdVerdict (cfg, err) {
  const key = `${err.code}\0${err.syscall}`
  let v = fdVerdicts.get(key)
  if (v === undefined) {
    const fields = { code: err.code, errno: err.errno, syscall: err.syscall }
    let d = null
    try {
      const fn = cfg.diagnoseSync || (diagnoseFns() || {}).diagnoseSync
      if (typeof fn === 'function') d = fn(fields, { live: false })
    } catch {}
    v = verdict(d)
    if (v === 'unknown') return v // asked again next time
    if (!cfg.diagnoseSync) fdVerdicts.set(key, v)
  }
  return v
}

// Whether each cause of the catalogue (lib/causes.json, generated from the
// C table) can pass on retry; read on the first ambiguous failure.
let transientById = null
function catalogueTransient (id) {
  if (transientById === null) {
    transientById = new Map(require('../causes.json').map((c) => [c.id, c.transient]))
  }
  return transientById.get(id)
}

// 'transient', 'permanent' or 'unknown'. The diagnosis says it; a
// diagnosis without the flag (a custom one) is read through the catalogue's
// flag for its first cause.
function verdict (d) {
  if (d === null || d === undefined) return 'unknown'
  let transient = d.transient
  if (typeof transient !== 'boolean') {
    const top = Array.isArray(d.causes) && d.causes[0] && d.causes[0].id
    transient = top && top !== 'unknown' ? catalogueTransient(top) : undefined
  }
  if (transient === true) return 'transient'
  if (transient === false) return 'permanent'
  return 'unknown'
}

// Loads what a diagnosis needs while descriptors are still there (the
// register hook and the wrapper call it at startup).
function preload () {
  const m = diagnoseFns()
  if (m === null) return false
  try {
    require('../engine').core()
    catalogueTransient('unknown')
    return true
  } catch {
    return false
  }
}

// --- one operation's state ----------------------------------------------------

class Run {
  constructor (cfg, op, path, t0, sync = false) {
    this.cfg = cfg
    this.sync = sync
    this.op = op
    this.path = typeof path === 'string' ? path : null
    this.t0 = t0
    this.attempts = 1
    this.codes = []
    this.diagnosis = undefined // undefined: not asked; null: unavailable
    this.verdict = 'unknown'
    this.forced = false // shouldRetry said yes: the diagnosis is not asked
    this.stopped = null // why this call stopped as permanent (see stoppedDiagnosis())
    this.prev = 0
    this.row = null
    this.wake = null // what ended the last descriptor wait
    // Descriptor waits: place in the queue, and the progress seen when the
    // budget last (re)started.
    this.order = 0
    this.gen = -1
    this.budgetT0 = t0
    this.budgetAttempts = 0
  }
}

function fdWake (code) {
  return code === 'EMFILE' || code === 'ENFILE'
}

// Records the failure and picks the table row. Returns 'ask' when the
// diagnosis must be asked before plan() can decide.
function classify (run, err) {
  run.codes.push(err.code)
  const { user, platform } = run.cfg
  const path = run.path || (typeof err.path === 'string' ? err.path : null)
  const op = run.op || (typeof err.syscall === 'string' ? err.syscall : '')
  // What may not be repeated is not, whatever the table, the diagnosis or
  // shouldRetry say.
  if (!repeatable(op, err.syscall)) {
    run.row = null
    return false
  }
  let row = rule(err.code, op, platform, path, run.cfg.wsl)
  let forced = false
  if (user.shouldRetry) {
    const v = user.shouldRetry(err, run.attempts)
    if (v === false) row = null
    else if (v === true) {
      row = row ? { ...row, kind: 'retry' } : { kind: 'retry', ...FORCED }
      forced = true
    }
  }
  run.row = row
  run.forced = forced
  if (row === null || forced) return false
  if (fdWake(err.code)) {
    run.verdict = fdVerdict(run.cfg, err)
    return false
  }
  return run.diagnosis === undefined
}

// Delay before the next attempt, or -1 to stop.
function plan (run) {
  let row = run.row
  if (row === null) return -1
  if (!run.forced) {
    const v = run.diagnosis !== undefined ? verdict(run.diagnosis) : run.verdict
    run.verdict = v
    if (v === 'permanent') return -1
    if (v === 'unknown' && row.kind === 'ambiguous') row = { ...row, ...UNDIAGNOSED }
  }
  const l = limitsFor(row, run.cfg.user, run.sync)
  const { clock } = run.cfg
  const fd = !run.sync && fdWake(run.codes[run.codes.length - 1])
  if (fd) {
    // The budget restarts whenever the queue made progress.
    const g = fdq.generation()
    if (g !== run.gen) {
      run.gen = g
      run.budgetT0 = clock.now()
      run.budgetAttempts = 0
    }
    if (++run.budgetAttempts > l.retries) return -1
    const remaining = l.maxTime - (clock.now() - run.budgetT0)
    if (!(remaining > 0)) return -1
    // Woken by a release long before this; the timer only ends the wait.
    return remaining
  }
  if (run.attempts > l.retries) return -1
  const remaining = l.maxTime - (clock.now() - run.t0)
  if (!(remaining > 0)) return -1
  const d = Math.min(computeDelay(l, run.attempts, run.prev, clock.random), remaining)
  run.prev = d
  return d
}

// --- the error that is thrown --------------------------------------------------

// The original error with what the retrying learned. A call that was not
// retried gets nothing enumerable: it is plain fs's error as it was thrown.
// `diagnosis` is never enumerable (it is large); when it was not needed to
// decide, it is computed on first read.
function finalize (run, err, extra) {
  // A frozen or exotic error (from a custom fs) is thrown undecorated
  // rather than replaced by a TypeError from the decoration.
  try {
    decorate(run, err, extra)
  } catch {}
  return err
}

function define (err, key, value, enumerable) {
  Object.defineProperty(err, key, { value, writable: true, configurable: true, enumerable })
}

function decorate (run, err, extra) {
  const shown = run.attempts > 1
  define(err, 'attempts', run.attempts, shown)
  define(err, 'elapsed', Math.round((run.cfg.clock.now() - run.t0) * 100) / 100, shown)
  define(err, 'codes', run.codes, shown)
  if (extra) {
    for (const k of Object.keys(extra)) define(err, k, extra[k], true)
  }
  if (run.diagnosis !== undefined && run.diagnosis !== null) {
    define(err, 'diagnosis', stoppedDiagnosis(run.diagnosis, run.stopped), false)
  } else if (!Object.prototype.hasOwnProperty.call(err, 'diagnosis')) {
    lazyDiagnosis(run.cfg, err, run.stopped)
  }
}

// A call the wrapper stopped because a retry plainly cannot pass (./rmdir.js:
// the directory stays full) is not transient, whatever the catalogue says of
// its cause in general: the diagnosis it throws with says so, and why. A
// copy, so the diagnosis of any other call is untouched.
function stoppedDiagnosis (d, reason) {
  if (!reason || d === null || typeof d !== 'object') return d
  return { ...d, transient: false, transientReason: reason }
}

const STUCK = "the directory's entries were the same after two attempts in a row: " +
  'nothing is emptying it, so retrying this rmdir will not pass'

// Whether a failed first attempt can be retried at all, by the operation
// and the table (the diagnosis is asked later, on the way to a retry).
// When not, the error goes to the caller as plain fs gave it: a callback
// gets plain fs's very arguments.
function mayRetry (cfg, op, path, err) {
  if (!isSysError(err)) return false
  const o = op || (typeof err.syscall === 'string' ? err.syscall : '')
  if (!repeatable(o, err.syscall)) return false
  if (cfg.user.shouldRetry) return true
  const p = path || (typeof err.path === 'string' ? err.path : null)
  return rule(err.code, o, cfg.platform, p, cfg.wsl) !== null
}

// A call that was not retried: plain fs's error as it was, with only
// `attempts` (1) and a diagnosis to be had on first read, neither
// enumerable.
function failFirst (cfg, err) {
  try {
    define(err, 'attempts', 1, false)
    if (!Object.prototype.hasOwnProperty.call(err, 'diagnosis')) lazyDiagnosis(cfg, err)
  } catch {}
  return err
}

function lazyDiagnosis (cfg, err, reason = null) {
  Object.defineProperty(err, 'diagnosis', {
    configurable: true,
    enumerable: false,
    get () {
      const d = stoppedDiagnosis(diagnoseSyncSafe(cfg, err), reason) || undefined
      define(err, 'diagnosis', d, false)
      return d
    },
    set (v) {
      define(err, 'diagnosis', v, false)
    }
  })
}

function notify (run, err, delay) {
  const { onRetry } = run.cfg.user
  if (onRetry) onRetry({ error: err, attempt: run.attempts, delay })
}

// hooks.check(attempt, err), after a failed attempt and again before the
// next: 'happened' (a retried rename did take place), 'changed' (the
// destination changed under us), 'stuck' (a directory's entries stay as
// they were: nothing is emptying it, ./rmdir.js) or null.
function checkHooks (run, err, hooks) {
  if (!hooks || !hooks.check) return null
  const c = hooks.check(run.attempts, err)
  if (c === 'happened') return c
  if (c === 'changed') throw finalize(run, err, { destChanged: true })
  if (c === 'stuck') {
    run.codes.push(err.code) // this attempt's, which classify() would record
    run.verdict = 'permanent'
    run.stopped = STUCK
    throw finalize(run, err)
  }
  return null
}

// --- sync ------------------------------------------------------------------

function runSync (cfg, op, path, fn, hooks) {
  const t0 = cfg.clock.now()
  try {
    return fn()
  } catch (err) {
    if (!isSysError(err)) throw err
    return slowSync(new Run(cfg, op, path, t0, true), err, fn, hooks)
  }
}

function slowSync (run, err, fn, hooks) {
  const { cfg } = run
  const signal = cfg.user.signal
  for (;;) {
    if (checkHooks(run, err, hooks) === 'happened') return hooks.result
    if (classify(run, err)) run.diagnosis = diagnoseSyncSafe(cfg, err, run.row.kind === 'ambiguous')
    const delay = plan(run)
    if (delay < 0) throw finalize(run, err)
    if (signal && signal.aborted) throw finalize(run, err, { aborted: true })
    notify(run, err, delay)
    cfg.clock.sleepSync(delay)
    if (signal && signal.aborted) throw finalize(run, err, { aborted: true })
    if (checkHooks(run, err, hooks) === 'happened') return hooks.result
    run.attempts++
    try {
      return fn()
    } catch (e) {
      if (!isSysError(e)) throw e
      err = e
    }
  }
}

// --- async ------------------------------------------------------------------

async function runAsync (cfg, op, path, fn, hooks) {
  const t0 = cfg.clock.now()
  try {
    return await fn()
  } catch (err) {
    if (!isSysError(err)) throw err
    return slowAsync(new Run(cfg, op, path, t0), err, fn, hooks)
  }
}

async function slowAsync (run, err, fn, hooks) {
  try {
    const r = await slowAsyncLoop(run, err, fn, hooks)
    if (run.order !== 0) {
      // Got a descriptor after waiting: progress. Woken by the backstop
      // (closes the wrapper cannot see), one was free, so the next in line
      // tries too: the queue drains as fast as descriptors come free.
      fdq.progress()
      if (run.wake === 'backstop') fdq.maybeNext()
    }
    return r
  } catch (e) {
    // Failing for good frees the place in line: the next one checks its
    // own budget now rather than at its next wake-up.
    if (run.order !== 0) fdq.maybeNext()
    throw e
  }
}

async function slowAsyncLoop (run, err, fn, hooks) {
  const { cfg } = run
  const signal = cfg.user.signal
  for (;;) {
    if (checkHooks(run, err, hooks) === 'happened') return hooks.result
    if (classify(run, err)) run.diagnosis = await diagnoseAsyncSafe(cfg, err, run.row.kind === 'ambiguous')
    const delay = plan(run)
    if (delay < 0) throw finalize(run, err)
    if (signal && signal.aborted) throw finalize(run, err, { aborted: true })
    notify(run, err, delay)
    const fd = fdWake(err.code)
    if (fd && run.order === 0) run.order = fdq.nextOrder()
    run.wake = await cfg.clock.sleep(delay, signal, fd, run.order)
    if (signal && signal.aborted) throw finalize(run, err, { aborted: true })
    if (checkHooks(run, err, hooks) === 'happened') return hooks.result
    run.attempts++
    try {
      return await fn()
    } catch (e) {
      if (!isSysError(e)) throw e
      err = e
    }
  }
}

// Entry for an async operation whose first attempt already failed (the
// callback form makes its first attempt itself, synchronously, so argument
// errors throw where plain fs throws them).
function continueAsync (cfg, op, path, t0, err, fn, hooks) {
  if (!isSysError(err)) return Promise.reject(err)
  return slowAsync(new Run(cfg, op, path, t0), err, fn, hooks)
}

function continueSync (cfg, op, path, t0, err, fn, hooks) {
  if (!isSysError(err)) throw err
  return slowSync(new Run(cfg, op, path, t0, true), err, fn, hooks)
}

module.exports = {
  isSysError,
  makeConfig,
  runSync,
  runAsync,
  continueAsync,
  continueSync,
  failFirst,
  mayRetry,
  finalize,
  verdict,
  preload,
  ownStackSync,
  ownStackAsync,
  platformOf
}
