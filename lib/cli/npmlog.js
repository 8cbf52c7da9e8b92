'use strict'
// npm's debug logs: `<cache>/_logs/<timestamp>-debug-0.log` (or logs-dir),
// the cache found the way npm finds it (lib/npm-config.js).
const fs = require('node:fs')
const path = require('node:path')
const { npmPaths } = require('../npm-config')

const HEAD = 64 * 1024
const TAIL = 64 * 1024

function readPart (file, size) {
  const fd = fs.openSync(file, 'r')
  try {
    const head = Buffer.alloc(Math.min(HEAD, size))
    fs.readSync(fd, head, 0, head.length, 0)
    let tail = Buffer.alloc(0)
    if (size > HEAD) {
      tail = Buffer.alloc(Math.min(TAIL, size - HEAD))
      fs.readSync(fd, tail, 0, tail.length, size - tail.length)
    }
    return { head: head.toString('utf8'), tail: tail.toString('utf8') }
  } finally {
    fs.closeSync(fd)
  }
}

// What a debug log says about its run: the command (`verbose title`),
// its arguments, working directory, exit status (null: not written, the
// run is going on or was killed) and whether it logged an error.
function logInfo (file, st) {
  const { head, tail } = readPart(file, st.size)
  const text = head + '\n' + tail
  const m = (re) => { const x = re.exec(text); return x ? x[1] : null }
  const title = m(/^\d+ verbose title (.*)$/m)
  const argv = m(/^\d+ verbose argv (.*)$/m)
  const cwd = m(/^\d+ verbose cwd (.*)$/m)
  const exit = m(/^\d+ verbose exit (-?\d+)\s*$/m)
  const stamp = /(\d{4}-\d\d-\d\dT\d\d_\d\d_\d\d_\d{3}Z)/.exec(path.basename(file))
  const time = stamp ? new Date(stamp[1].replace(/_/g, ':').replace(/:(\d{3})Z$/, '.$1Z')) : new Date(st.mtimeMs)
  return {
    file,
    title,
    argv,
    cwd,
    exit: exit === null ? null : Number(exit),
    errored: /^\d+ error /m.test(text),
    time: Number.isNaN(time.getTime()) ? new Date(st.mtimeMs) : time
  }
}

// `npx fsdoctor …` / `npm exec fsdoctor …` / `npm x …`: the run that
// started this fsdoctor (or another one), never the command to explain.
function launchedFsdoctor (info) {
  const t = `${info.title || ''} ${info.argv || ''}`
  return /(^|\s|")(exec|x)("|\s)/.test(info.argv || '') && /fsdoctor/.test(t)
    ? true
    : /^npm (exec|x)\b.*fsdoctor/.test(info.title || '')
}

function failed (info) {
  return info.exit !== null ? info.exit !== 0 : info.errored
}

function logFiles (logsDir, since) {
  let names
  try {
    names = fs.readdirSync(logsDir)
  } catch {
    return null
  }
  const files = []
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
    files.push({ file, st, name })
  }
  // Newest first; the name (a timestamp, then the part number) breaks ties.
  files.sort((a, b) => b.st.mtimeMs - a.st.mtimeMs || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
  return files
}

// Newest debug log, optionally only one written at or after `since` (ms).
function newestNpmLog (env, since = 0) {
  const { logsDir } = npmPaths({ env })
  const files = logFiles(logsDir, since)
  return { logsDir, file: files && files.length ? files[0].file : null }
}

// The newest log of an npm command that failed, skipping the runs of
// `npx fsdoctor` / `npm exec fsdoctor` (the one that started us is still
// running and has failed at nothing). Returns { logsDir, file, info,
// skipped } where skipped counts the newer logs passed over.
function newestFailedNpmLog (env, since = 0) {
  const { logsDir } = npmPaths({ env })
  const files = logFiles(logsDir, since)
  if (!files) return { logsDir, file: null, info: null, skipped: 0, missing: true }
  let skipped = 0
  for (const f of files.slice(0, 50)) {
    let info
    try {
      info = logInfo(f.file, f.st)
    } catch {
      continue
    }
    if (launchedFsdoctor(info) || !failed(info)) {
      skipped++
      continue
    }
    return { logsDir, file: f.file, info, skipped }
  }
  return { logsDir, file: null, info: null, skipped }
}

// "`npm install x` (exit 1) at 2026-12-06 11:06:43 UTC"
function describeRun (info) {
  const cmd = info.title || 'npm'
  const when = info.time.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
  const status = info.exit === null ? 'did not finish' : `exit ${info.exit}`
  return `\`${cmd}\` (${status}) at ${when}`
}

module.exports = { newestNpmLog, newestFailedNpmLog, logInfo, describeRun }
