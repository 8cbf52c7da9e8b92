'use strict'
// Delays and sleeping. The clock is an object so tests can swap in a fake
// one (test/helpers/faultfs.js) and run every branch without waiting.

// Delay before retry number `n` (1 = the first retry).
//   full:         uniform in [0, min(maxDelay, minDelay * factor^(n-1))]
//   decorrelated: uniform in [minDelay, prev * 3], capped at maxDelay
//   none:         min(maxDelay, minDelay * factor^(n-1))
function computeDelay (l, n, prev, random) {
  const cap = Math.min(l.maxDelay, l.minDelay * Math.pow(l.factor, n - 1))
  if (l.jitter === 'none') return cap
  if (l.jitter === 'decorrelated') {
    const lo = l.minDelay
    const hi = Math.max(lo, (prev || lo) * 3)
    return Math.min(l.maxDelay, lo + random() * (hi - lo))
  }
  return random() * cap
}

// Sync sleeping parks the thread on a futex: Atomics.wait on a cell nobody
// ever notifies returns after the timeout without burning CPU.
let cell = null
function sleepSync (ms) {
  if (!(ms > 0)) return
  if (cell === null) cell = new Int32Array(new SharedArrayBuffer(4))
  Atomics.wait(cell, 0, 0, ms)
}

// Descriptor waiters: an operation that failed with EMFILE/ENFILE waits for
// its backoff delay or for a close() through any wrapped fs, whichever
// comes first. One close wakes one waiter (the oldest), so a freed
// descriptor does not start a stampede.
const fdWaiters = []
function fdReleased () {
  const w = fdWaiters.shift()
  if (w) w()
}

// Resolves after `ms`, on abort (resolves too: the caller checks the
// signal), or, with `fdWake`, when a descriptor is released.
function sleep (ms, signal, fdWake) {
  return new Promise((resolve) => {
    let timer = null
    let waiter = null
    const done = () => {
      if (timer !== null) clearTimeout(timer)
      if (signal) signal.removeEventListener('abort', done)
      if (waiter) {
        const i = fdWaiters.indexOf(waiter)
        if (i !== -1) fdWaiters.splice(i, 1)
      }
      resolve()
    }
    if (signal) {
      if (signal.aborted) return resolve()
      signal.addEventListener('abort', done, { once: true })
    }
    if (fdWake) {
      waiter = done
      fdWaiters.push(waiter)
    }
    timer = setTimeout(done, ms)
  })
}

const realClock = Object.freeze({
  now: () => performance.now(),
  sleep,
  sleepSync,
  random: Math.random
})

module.exports = { computeDelay, sleepSync, sleep, realClock, fdReleased, fdWaiters }
