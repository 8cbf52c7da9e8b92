'use strict'
// fsdoctor explain [file|-] [--npm-log]: every fs error in a message, an
// npm/pnpm/yarn log or a terminal paste, diagnosed.
const fs = require('node:fs')
const { fail, readFileInput, readStdin } = require('./util')
const { newestFailedNpmLog, logInfo, describeRun } = require('./npmlog')
const { diagnoseErrors, groupResults, renderGroups, footer, jsonGroups } = require('./report')
const { plural } = require('./render')
const { npmPaths } = require('../npm-config')

const help = `Usage: fsdoctor explain [file | -] [--npm-log] [--platform <p>] [--json]

Reads an error message, an npm/pnpm/yarn log or a whole terminal paste
(from the file, or stdin when the file is '-' or missing) and diagnoses
every filesystem error in it. Errors that share code, cause and place
(mount, project, holder) are grouped, with a count and a few example
paths; the first line is the answer for the largest group. Evidence is
measured on this machine when the paths exist here; a path that is gone
is said to be gone; a log that gives no path for a full disk is measured
on the command's working directory (npm's 'verbose cwd') and npm's cache.

Options:
  --npm-log      read the newest npm debug log of a command that failed
                 (npm_config_cache, ~/.npm, %LocalAppData%\\npm-cache),
                 skipping the runs of npx/npm exec fsdoctor
  --no-live      text-only diagnoses, even where the paths exist here
  --platform <p> where the errors happened: win32, darwin, linux or wsl
                 (default: what the text gives away: drive letters, '\\'
                 separators, /mnt/c, /Users ..., else this machine)
  --json         { command, input, run, errors, diagnoses, groups } (see docs/cli.md)

Exit status: 0 no filesystem error found, 1 errors explained, 2 bad input.`

const PLATFORMS = ['win32', 'darwin', 'linux', 'wsl']

// The working directory a log names (npm's debug log: `verbose cwd`;
// npm's terminal output says nothing of it).
function logCwd (text) {
  const m = /^\d+ verbose cwd (.+)$/m.exec(text)
  return m ? m[1].trim() : null
}

async function run (ctx, opts, positional) {
  const { fsdoctor } = ctx
  let input
  let text
  let runInfo = null
  if (opts.platform !== undefined && !PLATFORMS.includes(opts.platform)) {
    throw fail(`--platform must be one of ${PLATFORMS.join(', ')}, not ${JSON.stringify(String(opts.platform))}`)
  }
  if (opts.npmLog) {
    if (positional.length) throw fail('give either a file or --npm-log, not both')
    const found = newestFailedNpmLog(ctx.env)
    if (!found.file) {
      throw fail(found.missing || !found.skipped
        ? `no npm debug log found in ${found.logsDir}`
        : `no log of a failed npm command in ${found.logsDir} (${plural(found.skipped, 'newer log')} of runs that succeeded or of npx fsdoctor passed over)`)
    }
    input = found.file
    runInfo = found.info
    text = readFileInput(found.file)
  } else if (positional.length === 0 || positional[0] === '-') {
    input = '-'
    text = await readStdin(ctx)
  } else {
    input = positional[0]
    text = readFileInput(positional[0])
    if (/debug(-\d+)?\.log$/.test(input)) {
      try {
        runInfo = logInfo(input, fs.statSync(input))
      } catch {}
    }
  }
  // Where the errors happened, when the text cannot say (a path with no
  // drive letter, an npm log from another machine).
  const errors = fsdoctor.parseErrors(text).map((e) => opts.platform ? { ...e, platform: opts.platform } : e)
  let cache = null
  try {
    cache = npmPaths({ env: ctx.env, cwd: ctx.cwd }).cache
  } catch {}
  const results = await ctx.withProgress(`diagnosing ${plural(errors.length, 'error')}…`,
    () => diagnoseErrors(fsdoctor, errors, { live: opts.live, cwd: logCwd(text), cache, pasted: true, context: text }))
  const groups = groupResults(results)
  const source = input === '-' ? 'the input' : input
  const runText = runInfo ? `npm's log of ${describeRun(runInfo)}` : null
  if (ctx.json) {
    ctx.out(JSON.stringify({
      command: 'explain',
      input,
      run: runInfo ? { title: runInfo.title, cwd: runInfo.cwd, exit: runInfo.exit, time: runInfo.time.toISOString() } : null,
      errors: results.map((r) => r.error),
      diagnoses: results.map((r) => r.diagnosis),
      groups: jsonGroups(groups, results)
    }, null, 2))
    return results.length ? 1 : 0
  }
  const c = ctx.c
  if (!results.length) {
    ctx.out(`No filesystem error found in ${runText ? `${runText}: ${input}` : source}.`)
    ctx.out(c.dim('(fsdoctor looks for codes like EPERM, EACCES, EBUSY, ENOENT, EMLINK with their syscall and path.)'))
    return 0
  }
  for (const line of renderGroups(fsdoctor, groups, c)) ctx.out(line)
  ctx.out('')
  ctx.out(c.dim(footer(results, groups, runText ? `${runText}: ${input}` : source)))
  return 1
}

module.exports = {
  usage: 'explain [file|-] [--npm-log] [--platform <p>]',
  summary: 'diagnose every fs error in a message, log or paste',
  help,
  spec: { flags: { 'npm-log': 'boolean', live: 'boolean', platform: 'string' }, max: 1 },
  run
}
