'use strict'
// Shared by the commands: one-line failures, reading text input, and
// turning parsed errors into diagnoses (live where the paths are here).
const fs = require('node:fs')

const MAX_INPUT = 32 * 1024 * 1024

// A failure the user caused or can fix: one line, exit status 2.
function fail (message, exitCode = 2) {
  const err = new Error(message)
  err.cliMessage = message
  err.exitCode = exitCode
  return err
}

function describeFsError (err, file) {
  const what = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a path component is not a directory',
    ELOOP: 'too many symbolic links',
    EMFILE: 'too many open files'
  }[err.code] || (err.message || String(err)).replace(/^[A-Z]+: /, '').split(',')[0]
  return `cannot read '${file}': ${what}${err.code ? ` (${err.code})` : ''}`
}

// Text that is mostly control bytes or has NULs is not a log.
function looksBinary (buf) {
  const n = Math.min(buf.length, 8192)
  let odd = 0
  for (let i = 0; i < n; i++) {
    const b = buf[i]
    if (b === 0) return true
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) odd++
  }
  return n > 0 && odd / n > 0.1
}

function readFileInput (file) {
  let st
  try {
    st = fs.statSync(file)
  } catch (err) {
    throw fail(describeFsError(err, file))
  }
  if (st.isDirectory()) throw fail(`cannot read '${file}': is a directory (EISDIR); give a log file or '-' for stdin`)
  let buf
  try {
    if (st.size > MAX_INPUT) {
      // Errors are at the end of a log: keep its tail.
      const fd = fs.openSync(file, 'r')
      try {
        buf = Buffer.alloc(MAX_INPUT)
        fs.readSync(fd, buf, 0, MAX_INPUT, st.size - MAX_INPUT)
      } finally {
        fs.closeSync(fd)
      }
    } else {
      buf = fs.readFileSync(file)
    }
  } catch (err) {
    throw fail(describeFsError(err, file))
  }
  if (looksBinary(buf)) throw fail(`'${file}' looks like a binary file, not error text or a log`)
  return buf.toString('utf8')
}

function readStream (stream) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    stream.on('data', (c) => {
      chunks.push(c)
      size += c.length
      while (size > MAX_INPUT && chunks.length > 1) size -= chunks.shift().length
    })
    stream.on('end', () => resolve(Buffer.concat(chunks.map((c) => Buffer.from(c)))))
    stream.on('error', reject)
  })
}

async function readStdin (ctx) {
  if (ctx.stdin.isTTY) ctx.err('Paste the error text, then press Ctrl-D (Ctrl-Z Enter on Windows):')
  let buf
  try {
    buf = await readStream(ctx.stdin)
  } catch (err) {
    throw fail(`cannot read stdin: ${err.message}`)
  }
  if (looksBinary(buf)) throw fail('stdin looks like binary data, not error text or a log')
  return buf.toString('utf8')
}

function herePlatform (fsdoctor) {
  const info = fsdoctor.platformInfo()
  return info.wsl ? 'wsl' : info.platform
}

function formatDiagnosis (fsdoctor, d, color) {
  return fsdoctor.format(d, { color }).replace(/\n+$/, '')
}

module.exports = { fail, readFileInput, readStdin, readStream, looksBinary, formatDiagnosis, describeFsError, herePlatform }
