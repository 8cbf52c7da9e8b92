'use strict'
// npm's debug logs: `<cache>/_logs/<timestamp>-debug-0.log` (or logs-dir),
// the cache found the way npm finds it (lib/npm-config.js).
const fs = require('node:fs')
const path = require('node:path')
const { npmPaths } = require('../npm-config')

// Newest debug log, optionally only one written at or after `since` (ms).
function newestNpmLog (env, since = 0) {
  const { logsDir } = npmPaths({ env })
  let names
  try {
    names = fs.readdirSync(logsDir)
  } catch {
    return { logsDir, file: null }
  }
  let best = null
  for (const name of names) {
    if (!/debug(-\d+)?\.log$/.test(name)) continue
    const file = path.join(logsDir, name)
    let st
    try {
      st = fs.statSync(file)
    } catch {
      continue
    }
    if (!st.isFile() || st.mtimeMs < since) continue
    if (!best || st.mtimeMs > best.mtimeMs || (st.mtimeMs === best.mtimeMs && name > path.basename(best.file))) {
      best = { file, mtimeMs: st.mtimeMs }
    }
  }
  return { logsDir, file: best ? best.file : null }
}

module.exports = { newestNpmLog }
