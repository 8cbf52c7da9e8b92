'use strict'
// fsdoctor explain [file|-] [--npm-log]: every fs error in a message, an
// npm/pnpm/yarn log or a terminal paste, diagnosed.
const { fail, readFileInput, readStdin, diagnoseAll, formatDiagnosis } = require('./util')
const { newestNpmLog } = require('./npmlog')
const { plural } = require('./render')

const help = `Usage: fsdoctor explain [file | -] [--npm-log] [--json]

Reads an error message, an npm/pnpm/yarn log or a whole terminal paste
(from the file, or stdin when the file is '-' or missing) and diagnoses
every filesystem error in it. Evidence is measured on this machine when the
paths exist here; otherwise the diagnosis is text-only and says so.

Options:
  --npm-log      read npm's newest debug log (npm_config_cache, ~/.npm,
                 %LocalAppData%\\npm-cache)
  --no-live      text-only diagnoses, even where the paths exist here
  --json         { command, input, errors, diagnoses } (see docs/cli.md)

Exit status: 0 no filesystem error found, 1 errors explained, 2 bad input.`

async function run (ctx, opts, positional) {
  const { fsdoctor } = ctx
  let input
  let text
  if (opts.npmLog) {
    if (positional.length) throw fail('give either a file or --npm-log, not both')
    const { file, logsDir } = newestNpmLog(ctx.env)
    if (!file) throw fail(`no npm debug log found in ${logsDir}`)
    input = file
    text = readFileInput(file)
  } else if (positional.length === 0 || positional[0] === '-') {
    input = '-'
    text = await readStdin(ctx)
  } else {
    input = positional[0]
    text = readFileInput(positional[0])
  }
  const errors = fsdoctor.parseErrors(text)
  const results = await ctx.withProgress(`diagnosing ${plural(errors.length, 'error')}…`, () => diagnoseAll(fsdoctor, errors, { live: opts.live }))
  if (ctx.json) {
    ctx.out(JSON.stringify({
      command: 'explain',
      input,
      errors: results.map((r) => r.error),
      diagnoses: results.map((r) => r.diagnosis)
    }, null, 2))
    return results.length ? 1 : 0
  }
  const c = ctx.c
  if (!results.length) {
    ctx.out(`No filesystem error found in ${input === '-' ? 'the input' : input}.`)
    ctx.out(c.dim('(fsdoctor looks for codes like EPERM, EACCES, EBUSY, ENOENT, EMLINK with their syscall and path.)'))
    return 0
  }
  ctx.out(c.bold(`${plural(results.length, 'filesystem error')} in ${input === '-' ? 'the input' : input}`))
  results.forEach((r, i) => {
    ctx.out('')
    const where = r.error.line ? c.dim(` (line ${r.error.line}, ${r.error.source})`) : ''
    ctx.out(`${c.bold(`[${i + 1}]`)}${where}`)
    ctx.out(formatDiagnosis(fsdoctor, r.diagnosis, c.enabled))
  })
  return 1
}

module.exports = {
  usage: 'explain [file|-] [--npm-log]',
  summary: 'diagnose every fs error in a message, log or paste',
  help,
  spec: { flags: { 'npm-log': 'boolean', live: 'boolean' }, max: 1 },
  run
}
