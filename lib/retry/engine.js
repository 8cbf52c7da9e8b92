'use strict'
// The retry loop, shared by the sync, promise and callback forms.
//
// The success path is one call and a timestamp: nothing is allocated until
// an attempt fails. A failure goes through: is it a system error at all,
// did a retried rename in fact happen, what does the table (or the caller's
// shouldRetry, or the diagnosis for an ambiguous code) say, is there budget
// left, then sleep and try again.

const { rule, limitsFor, UNDIAGNOSED, FORCED, platformOf } = require('./policy')
const { computeDelay, realClock } = require('./backoff')
const { throwIfAborted } = require('../errors')

// Errors from the OS (or a custom fs imitating it) carry a string code such
// as 'EBUSY'. Argument errors (ERR_*) and aborts pass through untouched.
function isSysError (err) {
  return err !== null && typeof err === 'object' && typeof err.code === 'string' &&
    !err.code.startsWith('ERR_') && err.code !== 'ABORT_ERR' && err.name !== 'AbortError'
}

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

// The holder scan is what tells a lock from a permission problem, so it is
// asked for. Any failure (addon missing, engine not ready, engine threw)
// yields null: the caller then retries within the UNDIAGNOSED limits.
function diagnoseSyncSafe (cfg, err) {
  try {
    const fn = cfg.diagnoseSync || require('../diagnose').diagnoseSync
    if (typeof fn !== 'function') return null
    const d = fn(err, { holders: true })
    return d !== null && typeof d === 'object' ? d : null
  } catch {
    return null
  }
}

async function diagnoseAsyncSafe (cfg, err) {
  try {
    let fn = cfg.diagnose
    if (!fn && !cfg.diagnoseSync) fn = require('../diagnose').diagnose
    if (typeof fn !== 'function') return diagnoseSyncSafe(cfg, err)
    const d = await fn(err, { holders: true })
    return d !== null && typeof d === 'object' ? d : null
  } catch {
    return null
  }
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
    this.prev = 0
    this.row = null
  }
}

// Records the failure and picks the table row. Returns true when the
// diagnosis must be asked before plan() can decide.
function classify (run, err) {
  run.codes.push(err.code)
  const { user, platform } = run.cfg
  const path = run.path || (typeof err.path === 'string' ? err.path : null)
  const op = run.op || (typeof err.syscall === 'string' ? err.syscall : '')
  let row = rule(err.code, op, platform, path, run.cfg.wsl)
  if (user.shouldRetry) {
    const v = user.shouldRetry(err, run.attempts)
    if (v === false) row = null
    else if (v === true) row = row ? { ...row, kind: 'retry' } : { kind: 'retry', ...FORCED }
  }
  run.row = row
  return row !== null && row.kind === 'ambiguous' && run.diagnosis === undefined
}

// Delay before the next attempt, or -1 to stop.
function plan (run) {
  let row = run.row
  if (row === null) return -1
  if (row.kind === 'ambiguous') {
    const v = verdict(run.diagnosis)
    if (v === 'permanent') return -1
    if (v === 'unknown') row = { ...row, ...UNDIAGNOSED }
  }
  const l = limitsFor(row, run.cfg.user, run.sync)
  if (run.attempts > l.retries) return -1
  const { clock } = run.cfg
  const remaining = l.maxTime - (clock.now() - run.t0)
  if (!(remaining > 0)) return -1
  const d = Math.min(computeDelay(l, run.attempts, run.prev, clock.random), remaining)
  run.prev = d
  return d
}

function fdWake (code) {
  return code === 'EMFILE' || code === 'ENFILE'
}

// The original error with what the retrying learned. `diagnosis` is not
// enumerable (it is large); when it was not needed to decide, it is
// computed on first read.
function finalize (run, err, extra) {
  // A frozen or exotic error (from a custom fs) is thrown undecorated
  // rather than replaced by a TypeError from the decoration.
  try {
    decorate(run, err, extra)
  } catch {}
  return err
}

function decorate (run, err, extra) {
  err.attempts = run.attempts
  err.elapsed = Math.round((run.cfg.clock.now() - run.t0) * 100) / 100
  err.codes = run.codes
  if (extra) Object.assign(err, extra)
  if (run.diagnosis !== undefined && run.diagnosis !== null) {
    Object.defineProperty(err, 'diagnosis', { value: run.diagnosis, writable: true, configurable: true, enumerable: false })
  } else if (!Object.prototype.hasOwnProperty.call(err, 'diagnosis')) {
    const cfg = run.cfg
    Object.defineProperty(err, 'diagnosis', {
      configurable: true,
      enumerable: false,
      get () {
        const d = diagnoseSyncSafe(cfg, err) || undefined
        Object.defineProperty(err, 'diagnosis', { value: d, writable: true, configurable: true, enumerable: false })
        return d
      }
    })
  }
}

function failFirst (cfg, op, path, t0, err) {
  const run = new Run(cfg, op, path, t0)
  run.codes.push(err.code)
  return finalize(run, err)
}

function notify (run, err, delay) {
  const { onRetry } = run.cfg.user
  if (onRetry) onRetry({ error: err, attempt: run.attempts, delay })
}

// hooks.check(): 'happened' (a retried rename did take place), 'changed'
// (the destination changed under us) or null.
function checkHooks (run, err, hooks) {
  if (!hooks || !hooks.check) return null
  const c = hooks.check()
  if (c === 'happened') return c
  if (c === 'changed') throw finalize(run, err, { destChanged: true })
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
    if (classify(run, err)) run.diagnosis = diagnoseSyncSafe(cfg, err)
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
  const { cfg } = run
  const signal = cfg.user.signal
  for (;;) {
    if (checkHooks(run, err, hooks) === 'happened') return hooks.result
    if (classify(run, err)) run.diagnosis = await diagnoseAsyncSafe(cfg, err)
    const delay = plan(run)
    if (delay < 0) throw finalize(run, err)
    if (signal && signal.aborted) throw finalize(run, err, { aborted: true })
    notify(run, err, delay)
    await cfg.clock.sleep(delay, signal, fdWake(err.code))
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
  finalize,
  verdict,
  platformOf
}
