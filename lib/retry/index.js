'use strict'
// Retry-with-backoff fs wrapper: `fsdoctor.fs`, `require('fsdoctor/fs')`,
// withRetry(), retry() and writeFileAtomic(). See docs/retry-defaults.md
// for which errors are retried, how often and for how long.
//
//   lib/retry/policy.js   option checks, the defaults table, what may be
//                         repeated (SAFETY), classification
//   lib/retry/backoff.js  delays, sleeping (async, and sync on a futex)
//   lib/retry/fdqueue.js  the one queue EMFILE/ENFILE calls wait in
//   lib/retry/engine.js   the retry loop and the final error
//   lib/retry/wrap.js     mirroring an fs: callbacks, promises, *Sync
//   lib/retry/descriptors.js  open, close and FileHandle: maxOpen and the
//                         wake-ups of the EMFILE/ENFILE queue
//   lib/retry/streams.js  the mirror's ReadStream and WriteStream
//   lib/retry/rename.js   a retried rename never reports a done move as
//                         failed and never clobbers a newer destination
//   lib/retry/atomic.js   temp file + fsync + rename + directory fsync
const nodeFs = require('fs')
const { withRetry } = require('./wrap')
const { checkPolicy, defaultsTable } = require('./policy')
const engine = require('./engine')
const atomic = require('./atomic')
const { typeError, throwIfAborted } = require('../errors')

const fs = withRetry(nodeFs)
const defaultConfig = engine.makeConfig(Object.freeze({}))

// retry(fn, policy): fn(attempt) may return a value or a promise; errors
// are classified by their code and by policy.syscall (or error.syscall).
async function retry (fn, policy) {
  if (typeof fn !== 'function') throw typeError('fn', 'of type function', fn)
  const p = checkPolicy(policy, { extra: ['syscall'] })
  const syscall = policy && policy.syscall
  if (syscall !== undefined && typeof syscall !== 'string') {
    throw typeError('syscall', 'of type string', syscall)
  }
  throwIfAborted(p.signal)
  const cfg = engine.makeConfig(p)
  let attempt = 0
  return engine.runAsync(cfg, syscall || null, null, () => fn(++attempt))
}

function writeFileAtomic (file, data, options) {
  return atomic.writeAsync(defaultConfig, nodeFs, file, data, options)
}

function writeFileAtomicSync (file, data, options) {
  return atomic.writeSync(defaultConfig, nodeFs, file, data, options)
}

module.exports = { fs, withRetry, retry, writeFileAtomic, writeFileAtomicSync, defaultsTable }
