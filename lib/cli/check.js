'use strict'
// fsdoctor check [dir]: health report of a project and its environment.
const path = require('node:path')
const { check } = require('../check')
const { fail, describeFsError } = require('./util')
const { severityLabel, indent, plural } = require('./render')
// The header's paths come from the directory and its .npmrc (cache=…):
// their control characters as escapes (lib/format.js).
const { escapeControls: esc } = require('../format')

const help = `Usage: fsdoctor check [dir] [--quiet] [--json]

Checks a project (default: the current directory) and its environment:
broken symlinks and cycles under node_modules, npm-linked and file:
packages whose target is gone, .bin links that point nowhere, inodes near
the hard-link maximum, paths over 260 characters, files owned by another
user (root after sudo), the filesystem and your rights (write, symlink,
hard link) in the project, npm's cache and global prefix, leftovers in
npm's cache, descriptor and inotify limits.

Options:
  -q, --quiet    print only findings (nothing when all is well)
  --json         { dir, ok, findings, notes, facts, skipped } (see docs/cli.md)

Exit status: 0 clean, 1 findings, 2 could not run (or could not check: no
native addon, and nothing found by what could be checked).`

function printFinding (ctx, f, n) {
  const c = ctx.c
  ctx.out(`${severityLabel(c, f.severity)} ${c.bold(f.title)} ${c.dim(`[${f.id}]`)}`)
  if (f.detail) ctx.out(indent(f.detail, '  '))
  for (const fix of f.fixes || []) {
    const where = fix.platform && fix.platform !== 'all' ? c.dim(` (${fix.platform})`) : ''
    ctx.out(`  ${c.green('fix:')} ${fix.text}${where}`)
    for (const cmd of fix.commands || []) ctx.out(`    ${c.cyan(cmd)}`)
  }
  ctx.out('')
}

async function run (ctx, opts, positional) {
  const dir = path.resolve(ctx.cwd, positional[0] || '.')
  const shown = positional[0] || '.'
  let report
  try {
    report = await ctx.withProgress(`checking ${shown}…`, (progress) => check(dir, {
      env: ctx.env,
      onProgress: (p) => progress && progress.update(`scanning ${shown}: ${p.entries.toLocaleString('en-US')} entries, ${plural(p.findings, 'finding')}`)
    }))
  } catch (err) {
    if (err.code === 'ENOTDIR') throw fail(`cannot check '${shown}': not a directory`)
    if (err.code) throw fail(describeFsError(err, shown).replace(/^cannot read/, 'cannot check'))
    throw err
  }
  // Incomplete (no addon): 1 when what could be checked found something,
  // else 2 (could not run), never "no problems".
  const status = report.findings.length ? 1 : report.complete === false ? 2 : 0
  if (ctx.json) {
    ctx.out(JSON.stringify(report, null, 2))
    return status
  }
  const c = ctx.c
  if (!opts.quiet) {
    ctx.out(c.bold(`fsdoctor check ${esc(report.dir)}`))
    const s = report.facts.scan
    if (s) ctx.out(c.dim(`scanned ${s.entries.toLocaleString('en-US')} entries (${s.dirs} dirs, ${s.symlinks} symlinks) in ${s.elapsedMs} ms`))
    for (const [label, p] of Object.entries(report.facts.places || {})) {
      if (report.complete === false && p.exists) continue
      if (!p.exists) {
        ctx.out(c.dim(`${label}: ${esc(p.path)} (does not exist)`))
        continue
      }
      const fsd = p.fs ? `${esc(p.fs.type)}${p.fs.readOnly ? ', read-only' : ''}` : 'filesystem unknown'
      const pr = p.privileges
      const can = pr ? ['write', 'symlink', 'hardlink'].map((k) => {
        const v = pr[`can${k[0].toUpperCase()}${k.slice(1)}`]
        return `${k} ${v === true ? c.green('yes') : v === false ? c.red('no') : '?'}`
      }).join(', ') : 'rights unknown'
      // Measured with access(): no entry was made there to try links.
      const how = pr && pr.measuredBy === 'access' ? '; links not tried, to write nothing there' : ''
      ctx.out(c.dim(`${label}: ${esc(p.path)} (${fsd}; ${can}${how})`))
    }
    ctx.out('')
  }
  report.findings.forEach((f, i) => printFinding(ctx, f, i))
  if (!opts.quiet) {
    for (const note of report.notes) {
      ctx.out(`${severityLabel(c, 'info')} ${note.title}`)
      if (note.detail) ctx.out(indent(note.detail, '  '))
      ctx.out('')
    }
    for (const s of report.skipped) {
      if (s.how) continue
      ctx.out(c.dim(`not checked: ${esc(s.check)} (${esc(s.reason.split('\n')[0])})`))
    }
    if (report.skipped.some((s) => !s.how)) ctx.out('')
    const errors = report.findings.filter((f) => f.severity === 'error').length
    if (report.findings.length) ctx.out(c.bold(`${plural(report.findings.length, 'finding')} (${plural(errors, 'error')}).`))
    else if (report.complete !== false) ctx.out(c.green('No problems found.'))
  }
  // Said even with --quiet: without it the answer would look like "clean".
  for (const s of report.skipped) {
    if (!s.how) continue
    ctx.out(`${severityLabel(c, 'warning')} Could not check ${esc(s.check)}: ${esc(s.reason)}.`)
    ctx.out(`  To get it: ${s.how}.`)
  }
  return status
}

module.exports = {
  usage: 'check [dir] [--quiet]',
  summary: 'health report of a project and its environment',
  help,
  spec: { flags: {}, max: 1 },
  run
}
