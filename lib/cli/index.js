'use strict'
// The fsdoctor command line: `fsdoctor explain | check | who | run |
// diagnose`. main() returns the exit status instead of exiting, so it can
// be driven from tests; bin/fsdoctor.js sets process.exitCode.
const { parseArgs, UsageError } = require('./args')
const { Progress } = require('./render')
const { useColor, palette } = require('../color')

const COMMANDS = {
  explain: require('./explain'),
  check: require('./check'),
  who: require('./who'),
  run: require('./run'),
  diagnose: require('./diagnose'),
  build: require('./build')
}

function usage () {
  const lines = [
    'Usage: fsdoctor <command> [options]',
    '',
    'Tells why a filesystem call failed (EPERM, EBUSY, EMLINK, ELOOP, EACCES, ...),',
    'with evidence measured on this machine, and how to fix it.',
    '',
    'Commands:'
  ]
  for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${cmd.usage.padEnd(36)} ${cmd.summary}`)
  lines.push(
    '',
    'Options for every command (before or after it):',
    '  --json              machine-readable output (see docs/cli.md)',
    '  --color, --no-color force colors on or off (default: on a TTY; NO_COLOR, FORCE_COLOR)',
    '  -h, --help          help for a command',
    '  -v, --version       print the version',
    '',
    'Run `fsdoctor <command> --help` for the options of one command.'
  )
  return lines.join('\n')
}

function version () {
  return require('../../package.json').version
}

// What every command gets: streams, env, colors, a progress line.
function context (io, opts) {
  const stdout = io.stdout || process.stdout
  const stderr = io.stderr || process.stderr
  const env = io.env || process.env
  const c = palette(useColor(stdout, env, opts.color))
  const ce = palette(useColor(stderr, env, opts.color))
  return {
    stdout,
    stderr,
    stdin: io.stdin || process.stdin,
    env,
    cwd: io.cwd || process.cwd(),
    c,
    ce,
    json: Boolean(opts.json),
    out: (text = '') => stdout.write(text + '\n'),
    err: (text = '') => stderr.write(text + '\n'),
    // Runs fn(progress) with a progress line on stderr (none with --json),
    // cleared when fn ends either way.
    withProgress: async (text, fn) => {
      const progress = opts.json ? null : new Progress(stderr, env).start(text)
      try {
        return await fn(progress)
      } finally {
        if (progress) progress.stop()
      }
    },
    fsdoctor: require('..')
  }
}

// One line for anything that went wrong; a stack only with FSDOCTOR_DEBUG.
function errorLine (err) {
  if (err instanceof UsageError) return `${err.message} (see fsdoctor --help)`
  if (err && err.cliMessage) return err.cliMessage
  if (err && err.code === 'ERR_FSDOCTOR_NO_NATIVE') return err.message.replace(/^fsdoctor: /, '')
  const msg = err && err.message ? err.message : String(err)
  return msg.split('\n')[0]
}

// Options every command takes may also come before the command
// (`fsdoctor --json check`): they are moved after it.
const LEADING = new Set(['--json', '-j', '--color', '--no-color', '--quiet', '-q'])
function leadingOptions (argv) {
  let i = 0
  while (i < argv.length && (LEADING.has(argv[i]) || /^--(json|color|quiet)=/.test(argv[i]))) i++
  return { global: argv.slice(0, i), rest: argv.slice(i) }
}

// A reader that went away (`fsdoctor check | head -1`) ends the command
// quietly, with the status of a program killed by SIGPIPE (128 + 13), as
// the shell reports for any other program in that place.
const EPIPE_EXIT = 141
const watched = new WeakSet()
function quietOnClosedPipe (streams, exit) {
  const onError = (err) => {
    if (err && (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED')) exit(EPIPE_EXIT)
    else throw err
  }
  for (const s of streams) {
    if (!s || typeof s.on !== 'function' || watched.has(s)) continue
    watched.add(s)
    s.on('error', onError)
  }
}

async function main (argv, io = {}) {
  const stderr = io.stderr || process.stderr
  const stdout = io.stdout || process.stdout
  const env = io.env || process.env
  quietOnClosedPipe([stdout, stderr], io.exit || ((code) => process.exit(code)))
  try {
    const { global, rest: after } = leadingOptions(argv)
    const first = after[0]
    const helpAsked = first === '--help' || first === '-h' || first === 'help'
    if (first === undefined) {
      stderr.write(usage() + '\n')
      return 2
    }
    if (helpAsked) {
      const sub = after[1] && Object.prototype.hasOwnProperty.call(COMMANDS, after[1]) && COMMANDS[after[1]]
      stdout.write((sub ? sub.help : usage()) + '\n')
      return 0
    }
    if (first === '--version' || first === '-v') {
      stdout.write(version() + '\n')
      return 0
    }
    const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, first) ? COMMANDS[first] : null
    if (!cmd) {
      throw new UsageError(first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`)
    }
    const { opts, positional, rest } = parseArgs([...global, ...after.slice(1)], cmd.spec)
    if (opts.help) {
      stdout.write(cmd.help + '\n')
      return 0
    }
    if (opts.version) {
      stdout.write(version() + '\n')
      return 0
    }
    const ctx = context(io, opts)
    return await cmd.run(ctx, opts, positional, rest)
  } catch (err) {
    stderr.write(`fsdoctor: ${errorLine(err)}\n`)
    if (env.FSDOCTOR_DEBUG && err && err.stack) stderr.write(err.stack + '\n')
    return err && Number.isInteger(err.exitCode) ? err.exitCode : 2
  }
}

module.exports = { main, usage, COMMANDS }
