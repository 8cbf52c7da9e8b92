'use strict'
// Which errors are the system's, and the stack a thrown one shows: the
// caller's frames, as plain fs's error has, not the wrapper's.

// Errors from the OS (or a custom fs imitating it) carry a string code such
// as 'EBUSY'. Argument errors (ERR_*) and aborts pass through untouched.
function isSysError (err) {
  return err !== null && typeof err === 'object' && typeof err.code === 'string' &&
    !err.code.startsWith('ERR_') && err.code !== 'ABORT_ERR' && err.name !== 'AbortError'
}

// Frames of this folder are taken out of a thrown error's stack, so it
// points at the caller as plain fs's does.
const HERE = __dirname

function ownStackSync (err, fn) {
  // A system error's stack is captured again from the caller of the wrapped
  // function: cheap (formatted on first read), and the caller's frame comes
  // first; Node's own frames inside fs go with ours. An argument error is
  // rare and its stack is Node's to shape (some have no frames at all): the
  // lines of this folder are taken out of it, nothing else.
  try {
    if (!(err instanceof Error)) return err
    if (isSysError(err) && fn) Error.captureStackTrace(err, fn)
    else ownStackAsync(err)
  } catch {}
  return err
}

function ownStackAsync (err) {
  try {
    if (err instanceof Error) {
      const s = err.stack
      if (typeof s === 'string' && s.includes(HERE)) {
        err.stack = s.split('\n').filter((line) => !line.includes(HERE)).join('\n')
      }
    }
  } catch {}
  return err
}

module.exports = { isSysError, ownStackSync, ownStackAsync }
