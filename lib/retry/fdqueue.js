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
// Releases seen while nobody waited, kept (up to CREDITS_MAX) for calls
// whose failed attempt was already under way: in a burst, calls finish
// and free descriptors before the calls that failed meanwhile have joined
// the queue, and without this the queue would sit until the backstop.
const CREDITS_MAX = 32
let credits = 0

// Waiters by `order` (the call's place in line, kept across its
// attempts), oldest first: a binary heap, since calls woken and failing
// again go back near the front while new ones join at the back. A waiter
// that left (timeout, abort) stays in the heap, marked, until it surfaces.
const heap = []
let size = 0 // waiters in the heap not yet woken or gone
let generation = 0
let timer = null
let backstop = BACKSTOP_MIN
let seq = 0

function nextOrder () {
  return ++seq
}

function push (w) {
  let i = heap.length
  heap.push(w)
  while (i > 0) {
    const p = (i - 1) >> 1
    if (heap[p].order <= w.order) break
    heap[i] = heap[p]
    i = p
  }
  heap[i] = w
}

function pop () {
  const top = heap[0]
  const last = heap.pop()
  if (heap.length > 0) {
    let i = 0
    const n = heap.length
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && heap[r].order < heap[l].order ? r : l
      if (heap[c].order >= last.order) break
      heap[i] = heap[c]
      i = c
    }
    heap[i] = last
  }
  return top
}

function arm () {
  if (size === 0) {
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
  wakeOne('backstop')
}

function wakeOne (why) {
  while (heap.length > 0) {
    const w = pop()
    if (w.woken) continue
    w.woken = true
    size--
    arm()
    w.wake(why)
    return
  }
  arm()
}

// Adds a waiter; returns the function that takes it out again (after a
// timeout or an abort). `wake(why)` is called at most once, with 'fd' (a
// descriptor was freed) or 'backstop' (the timer: no close was seen).
function enter (order, wake) {
  const w = { order, wake, woken: false }
  if (credits > 0) {
    credits--
    w.woken = true
    wake('fd')
    return () => {}
  }
  push(w)
  size++
  arm()
  return () => {
    if (w.woken) return
    w.woken = true
    size--
    arm()
  }
}

// Progress: a descriptor was freed or obtained. Restarts the budgets.
function progress () {
  generation++
  backstop = BACKSTOP_MIN
}

// A descriptor was freed: progress, and the oldest waiter tries.
function released () {
  progress()
  if (size !== 0) wakeOne('fd')
  else if (credits < CREDITS_MAX) credits++
}

// Cheap enough for every completed call: nothing happens while no call
// waits.
function maybeReleased () {
  if (size !== 0) released()
  else if (credits < CREDITS_MAX) credits++
}

// A waiter left for good (failed or aborted): the next one looks at its
// own budget now. Not progress.
function maybeNext () {
  if (size !== 0) wakeOne('fd')
}

module.exports = {
  enter,
  maybeNext,
  released,
  progress,
  maybeReleased,
  nextOrder,
  waiting: () => size,
  generation: () => generation
}
