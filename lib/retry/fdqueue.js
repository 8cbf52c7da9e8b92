'use strict'
// The descriptor queue: calls that failed with EMFILE or ENFILE wait here,
// oldest first, for a descriptor to come free.
//
// A waiting call is woken when a descriptor may have been freed:
// - a close through any wrapped fs (close, closeSync, FileHandle.close,
//   a stream's close, which goes through the wrapper's close);
// - the end of a wrapped call that opens and closes a descriptor itself
//   (readFile, writeFile, appendFile, copyFile, cp, readdir, rm, …);
// - a woken call that got its descriptor: one was free, so the next in line
//   tries too (the queue drains as fast as descriptors come free);
// - a backstop timer, for closes the wrapper cannot see (plain fs, a
//   native module): only the oldest waiter is woken, after 1 ms, doubling
//   up to 64 ms while its attempts keep failing, reset by any progress.
// One wake-up wakes one waiter, so a freed descriptor starts no stampede.
//
// `generation` counts progress (a descriptor freed or obtained). The retry
// engine restarts a waiting call's time budget when it changed, so a long
// queue that moves never times out; a queue that stops moving does.

const BACKSTOP_MIN = 1
const BACKSTOP_MAX = 64

// Waiters sorted by `order` (the call's place in line, kept across its
// attempts): { order, wake }.
const waiters = []
let generation = 0
let timer = null
let backstop = BACKSTOP_MIN
let seq = 0

function nextOrder () {
  return ++seq
}

function insert (w) {
  // A call woken and failing again goes back to its place, nearly always
  // the front; new calls go to the back.
  let lo = 0
  let hi = waiters.length
  if (hi === 0 || waiters[hi - 1].order < w.order) {
    waiters.push(w)
    return
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (waiters[mid].order < w.order) lo = mid + 1
    else hi = mid
  }
  waiters.splice(lo, 0, w)
}

function arm () {
  if (waiters.length === 0) {
    if (timer !== null) {
      clearTimeout(timer)
      timer = null
    }
    return
  }
  if (timer === null) timer = setTimeout(fire, backstop)
}

function fire () {
  timer = null
  backstop = Math.min(backstop * 2, BACKSTOP_MAX)
  wakeOne()
}

function wakeOne () {
  const w = waiters.shift()
  arm()
  if (w) {
    w.woken = true
    w.wake('fd')
  }
}

// Adds a waiter; returns the function that takes it out again (after a
// timeout or an abort). `wake(why)` is called at most once.
function enter (order, wake) {
  const w = { order, wake, woken: false }
  insert(w)
  arm()
  return () => {
    if (w.woken) return
    w.woken = true
    const i = waiters.indexOf(w)
    if (i !== -1) {
      waiters.splice(i, 1)
      arm()
    }
  }
}

// A descriptor may be free: progress, and the oldest waiter tries.
function released () {
  generation++
  backstop = BACKSTOP_MIN
  if (waiters.length !== 0) wakeOne()
}

// Cheap enough for every completed call: nothing happens while no call
// waits.
function maybeReleased () {
  if (waiters.length !== 0) released()
}

// A waiter left for good (failed or aborted): the next one looks at its
// own budget now. Not progress.
function maybeNext () {
  if (waiters.length !== 0) wakeOne()
}

module.exports = {
  enter,
  maybeNext,
  released,
  maybeReleased,
  nextOrder,
  waiting: () => waiters.length,
  generation: () => generation,
  waiters
}
