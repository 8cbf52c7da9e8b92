'use strict'
// node -r fsdoctor/register app.js
//
// When the process is about to die of an uncaught filesystem error (thrown,
// or a rejected promise nobody handled), prints a diagnosis on stderr first.
// It only watches (uncaughtExceptionMonitor): Node then does what it always
// does, with the same stack print and the same exit code. Nothing here may
// throw or change how the process ends.

const MARK = Symbol.for('fsdoctor.register')

// Everything the diagnosis needs is loaded now, while descriptors are
// there: a process dying of EMFILE cannot open a module, the addon or the
// WebAssembly file any more. (What it measures at that moment is what can
// be measured without a new descriptor; what cannot is left out.)
let fsdoctor = null
let useColor = null
try {
  fsdoctor = require('./index')
  useColor = require('./color').useColor
  require('./engine').core()
} catch {}

function isFsError (err) {
  try {
    return err !== null && typeof err === 'object' &&
      typeof err.code === 'string' && /^E[A-Z0-9]+$/.test(err.code) &&
      (typeof err.syscall === 'string' || typeof err.path === 'string')
  } catch {
    return false
  }
}

function onUncaught (err, origin) {
  if (!isFsError(err)) return
  // With a handler of its own the process goes on: nothing to say.
  if (process.listenerCount('uncaughtException') > 0) return
  try {
    if (fsdoctor === null) return
    // Synchronous: the process ends as soon as this listener returns. A
    // live diagnosis that cannot run (no descriptor left for a probe) falls
    // back to what the error itself says.
    let d
    try {
      d = fsdoctor.diagnoseSync(err)
    } catch {
      d = fsdoctor.diagnoseSync(err, { live: false })
    }
    const color = useColor(process.stderr, process.env)
    const what = origin === 'unhandledRejection' ? 'an unhandled rejection' : 'an uncaught error'
    const text = `\nfsdoctor: this process is exiting on ${what}, ${err.code}${err.syscall ? ` from ${err.syscall}` : ''}; diagnosis:\n` +
      fsdoctor.format(d, { color }).replace(/\n+$/, '') + '\n\n'
    process.stderr.write(text)
  } catch {
    // A failing diagnosis must not hide the original error.
  }
}

if (!process[MARK]) {
  Object.defineProperty(process, MARK, { value: true })
  process.on('uncaughtExceptionMonitor', onUncaught)
}

module.exports = { isFsError }
