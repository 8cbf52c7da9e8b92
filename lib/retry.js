'use strict'
// Retry-with-backoff fs wrapper (to be written).
module.exports = { fs: null, withRetry: null, retry: null, writeFileAtomic: null }
