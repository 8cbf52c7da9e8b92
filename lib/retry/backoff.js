'use strict'
// Delays and sleeping. The clock is an object so tests can swap in a fake
// one (test/helpers/faultfs.js) and run every branch without waiting.
const fdq = require('./fdqueue')

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

// Resolves after `ms`, on abort (resolves too: the caller checks the
// signal), or, with `fdWake`, when the descriptor queue (./fdqueue.js)
// wakes it; `order` is the call's place in that queue. Resolves with what
// woke it: 'timer', 'abort', or the queue's 'fd' / 'backstop'.
function sleep (ms, signal, fdWake, order) {
  return new Promise((resolve) => {
    let timer = null
    let leave = null
    let over = false
    const done = (why) => {
      if (over) return
      over = true
      if (timer !== null) clearTimeout(timer)
      if (signal) signal.removeEventListener('abort', onAbort)
      if (leave !== null) leave()
      resolve(why)
    }
    const onAbort = () => done('abort')
    if (signal) {
      if (signal.aborted) return resolve('abort')
      signal.addEventListener('abort', onAbort, { once: true })
    }
    timer = setTimeout(done, ms, 'timer')
    if (fdWake) leave = fdq.enter(order || fdq.nextOrder(), done)
  })
}

const realClock = Object.freeze({
  now: () => performance.now(),
  sleep,
  sleepSync,
  random: Math.random
})

module.exports = { computeDelay, sleepSync, sleep, realClock }
