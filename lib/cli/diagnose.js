'use strict'
// fsdoctor diagnose --code EPERM --syscall rename --path … [--dest …]
const { fail, formatDiagnosis } = require('./util')

const help = `Usage: fsdoctor diagnose --code <CODE> [--syscall <name>] [--path <p>] [--dest <p>]
                         [--errno <n>] [--platform linux|darwin|win32|wsl] [--no-live] [--json]

Diagnoses one error given by its fields, as Node reports them
(err.code, err.syscall, err.path, err.dest, err.errno).

Options:
  --code       the error code, e.g. EPERM (required)
  --syscall    the call that failed: rename, unlink, open, symlink, ...
  --path       the path of the error
  --dest       the destination (rename, link, symlink, copyfile)
  --errno      the errno Node gave (-4048, -1, ...)
  --platform   where the error happened (default: here)
  --no-live    do not measure anything on this machine (without --path
               or --dest nothing is measured)
  --json       the diagnosis object (see docs/cli.md)

Exit status: 0 diagnosed, 2 bad input (an unknown code among them).`

const PLATFORMS = ['linux', 'darwin', 'win32', 'wsl']

async function run (ctx, opts) {
  if (!opts.code) throw fail("missing '--code' (e.g. --code EPERM)")
  const code = String(opts.code).trim().toUpperCase()
  if (!/^(E[A-Z0-9_]{1,30}|UNKNOWN)$/.test(code)) throw fail(`'${opts.code}' is not an error code like EPERM or ENOENT`)
  // The core's table of error names (the one its parser reads) decides
  // what is a code: a typo is a usage error, not a diagnosis of nothing.
  if (!ctx.fsdoctor.parseErrors(`${code}: x`).length) {
    throw fail(`unknown error code '${code}' (give the code Node printed, e.g. fsdoctor diagnose --code EPERM --syscall rename --path <path>)`)
  }
  if (opts.platform && !PLATFORMS.includes(opts.platform)) {
    throw fail(`--platform must be one of ${PLATFORMS.join(', ')}`)
  }
  const input = { code }
  if (opts.syscall) input.syscall = opts.syscall
  // A path as a shell would have read it: "~/x" (quoted, so the shell left
  // it) is the home directory's, not a "~" folder in cwd.
  const here = (p) => require('node:path').resolve(ctx.cwd, /^~(?=$|[\\/])/.test(p) ? require('node:os').homedir() + p.slice(1) : p)
  if (opts.path) input.path = here(opts.path)
  if (opts.dest) input.dest = here(opts.dest)
  if (opts.errno !== undefined) input.errno = opts.errno
  // A path from another platform is kept as written.
  if (opts.platform && opts.platform !== process.platform) {
    if (opts.path) input.path = opts.path
    if (opts.dest) input.dest = opts.dest
  }
  const dopts = {}
  // Measured only about a path on this machine: with no path nor dest
  // there is nothing here that belongs to the error (this process's own
  // limits or rights are not those of the process that failed).
  // EMFILE is about the limits of the process that failed, never this one.
  if (opts.live === false || (!input.path && !input.dest) || code === 'EMFILE') dopts.live = false
  if (opts.platform) dopts.platform = opts.platform
  const d = await ctx.withProgress(`diagnosing ${code}…`, () => ctx.fsdoctor.diagnose(input, dopts))
  if (ctx.json) {
    ctx.out(JSON.stringify(d, null, 2))
    return 0
  }
  ctx.out(formatDiagnosis(ctx.fsdoctor, d, ctx.c.enabled))
  if (code === 'EMFILE' && opts.live !== false) {
    ctx.out('')
    ctx.out(`note: ${require('./report').processNote(process.platform)}`)
  }
  return 0
}

module.exports = {
  usage: 'diagnose --code E… [--syscall] [--path]',
  summary: 'diagnose one error given by its fields',
  help,
  spec: {
    flags: { code: 'string', syscall: 'string', path: 'string', dest: 'string', errno: 'number', platform: 'string', live: 'boolean' },
    max: 0
  },
  run
}
