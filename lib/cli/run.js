'use strict'
// fsdoctor run -- <command …>: runs the command with its output passed
// through unchanged (and kept in a bounded buffer); when it fails, explains
// every fs error in that output, and in npm's newest debug log when the
// command is npm. The exit status is the command's. This is the one place
// in lib/ that starts a process: the user's own command.
const { spawn } = require('node:child_process')
const os = require('node:os')
const path = require('node:path')
const { fail, readFileInput, diagnoseAll, formatDiagnosis } = require('./util')
const { newestNpmLog } = require('./npmlog')
const { plural } = require('./render')

const help = `Usage: fsdoctor run [--json] -- <command> [args …]

Runs the command; its output goes through unchanged. If it fails, every
filesystem error in its output (and in npm's newest debug log when the
command is npm, npx, pnpm or yarn) is explained on stderr.

Options:
  --no-live  text-only diagnoses
  --json     after the command: { command, argv, exitCode, signal, errors,
             diagnoses } on stdout; the command's own stdout then goes to
             stderr so stdout stays JSON

Exit status: the command's (127 when it cannot be started).`

const KEEP = 4 * 1024 * 1024

// The last KEEP bytes of a stream.
class Tail {
  constructor () {
    this.chunks = []
    this.size = 0
  }

  push (chunk) {
    this.chunks.push(chunk)
    this.size += chunk.length
    while (this.size - this.chunks[0].length >= KEEP) this.size -= this.chunks.shift().length
  }

  text () {
    return Buffer.concat(this.chunks).toString('utf8')
  }
}

function exec (ctx, argv) {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ['inherit', 'pipe', 'pipe'],
      cwd: ctx.cwd,
      env: ctx.env,
      // .cmd and .bat need a shell on Windows since Node 18.20/20.12.
      shell: process.platform === 'win32'
    })
    const tail = new Tail()
    const toOut = ctx.json ? ctx.stderr : ctx.stdout
    child.stdout.on('data', (d) => { toOut.write(d); tail.push(d) })
    child.stderr.on('data', (d) => { ctx.stderr.write(d); tail.push(d) })
    // Ctrl-C reaches the child through the terminal; we wait for it.
    const ignore = () => {}
    process.on('SIGINT', ignore)
    process.on('SIGTERM', ignore)
    let spawnError = null
    child.on('error', (err) => { spawnError = err })
    child.on('close', (code, signal) => {
      process.removeListener('SIGINT', ignore)
      process.removeListener('SIGTERM', ignore)
      resolve({ code, signal, spawnError, text: tail.text(), started })
    })
  })
}

function isNpmLike (cmd) {
  const base = path.basename(cmd).toLowerCase().replace(/\.(cmd|exe|bat|ps1|js)$/, '')
  return ['npm', 'npx', 'pnpm', 'yarn', 'corepack'].includes(base)
}

async function run (ctx, opts, positional, rest) {
  const argv = rest
  if (!argv || !argv.length) throw fail('missing command (e.g. fsdoctor run -- npm install)')
  const r = await exec(ctx, argv)
  let exitCode = r.code
  if (r.spawnError) {
    const why = r.spawnError.code === 'ENOENT' ? 'command not found' : r.spawnError.message
    ctx.err(`fsdoctor: cannot run '${argv[0]}': ${why}`)
    exitCode = r.spawnError.code === 'ENOENT' ? 127 : 126
  } else if (r.signal) {
    exitCode = 128 + (os.constants.signals[r.signal] || 1)
  }
  let results = []
  let log = null
  if (exitCode !== 0 && !r.spawnError) {
    const { fsdoctor } = ctx
    let errors = fsdoctor.parseErrors(r.text)
    if (isNpmLike(argv[0])) {
      // npm writes the full error, with paths, to its debug log.
      const found = newestNpmLog(ctx.env, r.started - 1000)
      if (found.file) {
        log = found.file
        try {
          errors = errors.concat(fsdoctor.parseErrors(readFileInput(found.file)))
        } catch {}
      }
    }
    results = await diagnoseAll(fsdoctor, errors, { live: opts.live })
    if (!ctx.json && results.length) {
      const ce = ctx.ce
      ctx.err('')
      ctx.err(ce.bold(`fsdoctor: the command failed with ${plural(results.length, 'filesystem error')}${log ? ` (also read ${log})` : ''}:`))
      results.forEach((x, i) => {
        ctx.err('')
        ctx.err(ce.bold(`[${i + 1}]`))
        ctx.err(formatDiagnosis(fsdoctor, x.diagnosis, ce.enabled))
      })
    }
  }
  if (ctx.json) {
    ctx.out(JSON.stringify({
      command: 'run',
      argv,
      exitCode,
      signal: r.signal || null,
      log,
      errors: results.map((x) => x.error),
      diagnoses: results.map((x) => x.diagnosis)
    }, null, 2))
  }
  return exitCode
}

module.exports = {
  usage: 'run -- <command …>',
  summary: 'run a command; explain fs errors if it fails',
  help,
  spec: { flags: { live: 'boolean' }, max: 0, rest: true },
  run
}
