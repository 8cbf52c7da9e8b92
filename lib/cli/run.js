'use strict'
// fsdoctor run -- <command …>: runs the command on the user's terminal as
// it is; when it fails, explains the fs errors it hit (from npm's debug
// log of the run for npm and its kin, else from a copy of its stderr),
// grouped, the largest group's answer first. The exit status is the
// command's. This is the one place in lib/ that starts a process: the
// user's own command.
const { spawn } = require('node:child_process')
const os = require('node:os')
const path = require('node:path')
const { fail, readFileInput } = require('./util')
const { newestFailedNpmLog, describeRun } = require('./npmlog')
const { diagnoseErrors, groupResults, renderGroups, footer, jsonGroups } = require('./report')
const { npmPaths } = require('../npm-config')

const help = `Usage: fsdoctor run [--json] -- <command> [args …]

Runs the command with your terminal as it is: its stdin and stdout are
the command's own, so colors and progress stay. If it fails, the filesystem
errors it hit are explained on stderr, grouped by code, cause and place,
the largest group's answer first; a failure with no filesystem error is one
line. npm commands that install, link, pack or clean (npm install, ci,
update, uninstall, link, pack, publish, cache, ...) keep their stderr too:
their errors come from npm's debug log of the run. Other commands (npm run,
npx, pnpm, yarn, anything else) have their stderr copied to find the
errors (npm's log of the run is read as well for npx and npm run), and on
a terminal are told to keep their colors (FORCE_COLOR=1, unless FORCE_COLOR
or NO_COLOR is set).

Options:
  --no-live  text-only diagnoses
  --json     after the command: { command, argv, exitCode, signal, log,
             errors, diagnoses, groups } on stdout; the command's own
             stdout then goes to stderr so stdout stays JSON

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

const base = (cmd) => path.basename(cmd).toLowerCase().replace(/\.(cmd|exe|bat|ps1|js)$/, '')

function isNpmLike (cmd) {
  return ['npm', 'npx', 'pnpm', 'yarn', 'corepack'].includes(base(cmd))
}

// npm commands whose errors npm itself meets and logs, paths included:
// their stderr can stay the terminal's. The output of scripts (npm run,
// test, exec, npx) and of pnpm and yarn is not in npm's log: their stderr
// is copied.
const NPM_OWN = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add',
  'ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean', 'uninstall', 'un', 'unlink', 'remove', 'rm', 'r',
  'update', 'up', 'upgrade', 'udpate', 'link', 'ln', 'pack', 'publish', 'cache', 'dedupe', 'ddp', 'prune', 'rebuild', 'rb'])

function npmLogsItsErrors (argv) {
  if (base(argv[0]) !== 'npm') return false
  const sub = argv.slice(1).find((a) => !a.startsWith('-'))
  return sub !== undefined && NPM_OWN.has(sub)
}

// stdio for the child. The process's own streams are passed through as
// they are (a terminal stays a terminal: colors, progress, line editing);
// a stream of a test harness is copied. stderr is copied only where no
// debug log will hold the errors, and then, when it is a terminal, the
// child is told to keep its colors (FORCE_COLOR) unless the user chose.
function plan (ctx, npmOwn) {
  const own = (s, fd) => s === (fd === 1 ? process.stdout : process.stderr)
  const outFd = ctx.json ? 2 : 1
  const outStream = ctx.json ? ctx.stderr : ctx.stdout
  const stdout = own(outStream, outFd) ? outFd : 'pipe'
  const teeErr = !npmOwn || !own(ctx.stderr, 2)
  const stderr = teeErr ? 'pipe' : 2
  const env = { ...ctx.env }
  if (teeErr && ctx.stderr.isTTY && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.FORCE_COLOR = '1'
  return { stdio: ['inherit', stdout, stderr], env, outStream }
}

function exec (ctx, argv, npmOwn) {
  return new Promise((resolve) => {
    const started = Date.now()
    const { stdio, env, outStream } = plan(ctx, npmOwn)
    const child = spawn(argv[0], argv.slice(1), {
      stdio,
      cwd: ctx.cwd,
      env,
      // .cmd and .bat need a shell on Windows since Node 18.20/20.12.
      shell: process.platform === 'win32'
    })
    const tail = new Tail()
    if (child.stdout) child.stdout.on('data', (d) => { outStream.write(d); if (!npmOwn) tail.push(d) })
    if (child.stderr) child.stderr.on('data', (d) => { ctx.stderr.write(d); tail.push(d) })
    // Ctrl-C reaches the child through the terminal; we wait for it.
    const ignore = () => {}
    process.on('SIGINT', ignore)
    process.on('SIGTERM', ignore)
    let spawnError = null
    child.on('error', (err) => { spawnError = err })
    child.on('close', (code, signal) => {
      process.removeListener('SIGINT', ignore)
      process.removeListener('SIGTERM', ignore)
      resolve({ code, signal, spawnError, text: tail.text(), started, teed: Boolean(child.stderr) })
    })
  })
}

// Whether a bare command name is anywhere on PATH. execvp (and libuv)
// report EACCES when a PATH directory cannot be searched even if the name
// is in none of them; a shell says "command not found" (127) then.
function onPath (name, env = process.env) {
  if (name.includes('/') || name.includes(path.sep)) return true
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT || '.EXE;.CMD;.BAT;.COM').split(';')] : ['']
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (!dir) continue
    for (const ext of exts) {
      try {
        if (require('node:fs').statSync(path.join(dir, name + ext)).isFile()) return true
      } catch {}
    }
  }
  return false
}

async function run (ctx, opts, positional, rest) {
  const argv = rest
  if (!argv || !argv.length) throw fail('missing command (e.g. fsdoctor run -- npm install)')
  const npmLike = isNpmLike(argv[0])
  const r = await exec(ctx, argv, npmLogsItsErrors(argv))
  let exitCode = r.code
  if (r.spawnError) {
    const missing = r.spawnError.code === 'ENOENT' ||
      (r.spawnError.code === 'EACCES' && !onPath(argv[0]))
    const why = missing ? 'command not found' : r.spawnError.message
    ctx.err(`fsdoctor: cannot run '${argv[0]}': ${why}`)
    exitCode = missing ? 127 : 126
  } else if (r.signal) {
    exitCode = 128 + (os.constants.signals[r.signal] || 1)
  }
  let results = []
  let groups = []
  let log = null
  let logRun = null
  if (exitCode !== 0 && !r.spawnError) {
    const { fsdoctor } = ctx
    let errors = fsdoctor.parseErrors(r.text)
    let logText = null
    const fromLog = new Set()
    let cache = null
    try {
      cache = npmPaths({ env: ctx.env, cwd: ctx.cwd }).cache
    } catch {}
    if (npmLike) {
      // npm writes the full error, with paths, to its debug log.
      const found = newestFailedNpmLog(ctx.env, r.started - 1000)
      if (found.file) {
        log = found.file
        logRun = found.info
        try {
          // The same error seen on stderr and in the log is one error.
          logText = readFileInput(found.file)
          const logErrors = fsdoctor.parseErrors(logText)
          for (const e of logErrors) fromLog.add(e)
          errors = errors.concat(logErrors)
        } catch {}
      }
    }
    results = await diagnoseErrors(fsdoctor, errors, {
      live: opts.live,
      cwd: ctx.cwd,
      cache,
      context: (e) => fromLog.has(e) ? logText : r.text
    })
    groups = groupResults(results)
    if (!ctx.json) {
      const ce = ctx.ce
      const cmd = argv.join(' ')
      const status = r.signal ? `signal ${r.signal}` : `exit ${exitCode}`
      if (!results.length) {
        const read = [r.teed ? 'its output' : null, log ? `npm's log ${log}` : null].filter(Boolean)
        const what = read.length
          ? `with no filesystem error in ${read.join(' or ')}`
          : 'and wrote no npm debug log of this run, the one place fsdoctor reads for npm (its output went to the terminal as it is)'
        ctx.err(ce.bold(`fsdoctor: \`${cmd}\` failed (${status}) ${what}.`))
      } else {
        for (const line of renderGroups(fsdoctor, groups, ce)) ctx.err(line)
        ctx.err('')
        ctx.err(ce.dim(footer(results, groups, `\`${cmd}\` (${status})${log ? `, from npm's log of ${describeRun(logRun)}: ${log}` : ''}`)))
      }
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
      diagnoses: results.map((x) => x.diagnosis),
      groups: jsonGroups(groups, results)
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
