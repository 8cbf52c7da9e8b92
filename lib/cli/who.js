'use strict'
// fsdoctor who <path>: the processes that hold a file, or anything under a
// directory, open; with their kind and how they hold it.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { fail, describeFsError } = require('./util')
const { table, plural } = require('./render')
const { quote } = require('../check/fixes')
const { escapeControls: esc } = require('../format')

const help = `Usage: fsdoctor who <path> [--json]

Lists the processes that hold the file (or anything under the directory):
open descriptors, working directories, memory maps, running executables and
locks, with the kind of program (editor, antivirus, indexer, node, shell).

Each holder is shown with the user it runs as (its name where /etc/passwd
or this user's own entry has one, else its uid).

Options:
  --json     { path, holders, scanned, uninspected, method, note, answered };
             each holder has its uid and user (see docs/cli.md)

Exit status: 0 nobody holds it, 1 holders found, 2 bad input or no answer
(nothing found, but some processes could not be inspected).`

function how (h) {
  if (h.how === 'fd') return `fd ${h.fd}${h.mode ? ` (${h.mode})` : ''}${h.lock ? `, ${h.lock}` : ''}`
  if (h.how === 'lock') return `lock ${h.lock || ''}`.trim()
  return { cwd: 'working directory', root: 'root directory', mmap: 'memory map', exe: 'running program', handle: 'handle' }[h.how] || h.how
}

// Names of user ids, read from /etc/passwd and this process's own entry:
// no process is spawned. A user only a directory service knows (LDAP, macOS
// Open Directory) keeps its number.
function userNames () {
  const names = new Map()
  if (process.platform === 'win32') return names
  let text = ''
  try {
    text = fs.readFileSync('/etc/passwd', 'utf8')
  } catch {}
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':')
    // NIS's +/- lines and comments name nobody.
    if (!name || /^[#+-]/.test(name) || !/^\d+$/.test(uid || '')) continue
    if (!names.has(Number(uid))) names.set(Number(uid), name)
  }
  try {
    const me = os.userInfo()
    if (me.uid >= 0 && !names.has(me.uid)) names.set(me.uid, me.username)
  } catch {}
  return names
}

// Each holder with the name of its user: null where the uid has none here,
// or where the platform measures no owner (Windows: uid null).
function withUsers (holders) {
  const names = holders.some((h) => h.uid != null) ? userNames() : new Map()
  return holders.map((h) => ({ ...h, user: (h.uid != null && names.get(h.uid)) || null }))
}

async function run (ctx, opts, positional) {
  if (!positional.length) throw fail('missing <path> (e.g. fsdoctor who node_modules)')
  const target = path.resolve(ctx.cwd, positional[0])
  try {
    fs.lstatSync(target)
  } catch (err) {
    throw fail(describeFsError(err, positional[0]))
  }
  let r
  try {
    r = await ctx.withProgress(`looking at every process for ${positional[0]}…`, () => ctx.fsdoctor.holders(target))
  } catch (err) {
    if (err.code === 'ENOSYS') throw fail(`who: finding holders is not supported on ${process.platform} yet`)
    throw fail(`who: ${err.message}`)
  }
  // This process (its working directory may be under the path) is no answer.
  r = { ...r, holders: withUsers(r.holders.filter((h) => h.pid !== process.pid)) }
  // Linux answers a free local file with a write lease: no process was
  // looked at, and the note says how it knows.
  const leased = r.scanned === 0 && r.method === 'procfs' && !!r.note
  // Nothing found among the processes we could see, while others were
  // skipped (another user's, not readable): no answer, not "nobody", and
  // running as root shows them. Root itself may be denied a few (another
  // container's, ptrace-shielded): more rights are not to be had, so that
  // answer stands, with the count said below it.
  const root = typeof process.geteuid === 'function' && process.geteuid() === 0
  const unknown = !r.holders.length && !leased && r.uninspected > 0 && !root
  const status = r.holders.length ? 1 : unknown ? 2 : 0
  if (ctx.json) {
    ctx.out(JSON.stringify({ ...r, answered: !unknown }, null, 2))
    return status
  }
  const c = ctx.c
  // Names come from the filesystem and from other processes: a newline or
  // an escape sequence in one must not forge a line (lib/format.js).
  r = { ...r, path: esc(r.path), note: r.note && esc(r.note) }
  if (unknown) {
    const seen = r.scanned - r.uninspected
    ctx.out(`Could not tell whether anything holds ${r.path} open: ${plural(r.uninspected, 'process', 'processes')} of ${r.scanned} could not be inspected (they belong to other users${process.platform === 'win32' ? ' or run elevated' : ''}), ${seen === 1 ? 'and the one that could does not hold it' : seen ? `and none of the ${seen} that could holds it` : 'and none could'}.`)
    ctx.out(`To see every process, run it as ${process.platform === 'win32' ? 'Administrator (an elevated terminal)' : 'root'}:`)
    const win = process.platform === 'win32'
    ctx.out(`  ${c.cyan(`${win ? '' : 'sudo '}npx fsdoctor who ${quote(r.path, null, win)}`)}`)
    return status
  }
  if (!r.holders.length) {
    ctx.out(leased
      ? `Nothing holds ${r.path} open (${r.note}).`
      : `Nothing holds ${r.path} open (${plural(r.scanned, 'process', 'processes')} looked at).`)
  } else {
    const pids = new Set(r.holders.map((h) => h.pid))
    ctx.out(c.bold(`${plural(pids.size, 'process', 'processes')} ${pids.size === 1 ? 'holds' : 'hold'} ${r.path}:`))
    ctx.out('')
    // No owners where none are measured (Windows): no USER column.
    const owners = r.holders.some((h) => h.uid != null)
    const rows = [owners ? ['PID', 'USER', 'NAME', 'KIND', 'HOW', 'FILE'] : ['PID', 'NAME', 'KIND', 'HOW', 'FILE']]
    for (const h of r.holders) {
      const kind = h.kind === 'other' ? h.kind : c.yellow(h.kind)
      const file = h.target && h.target !== r.path && h.target.startsWith(r.path + path.sep)
        ? path.relative(r.path, h.target)
        : (h.target || '')
      const row = [String(h.pid), esc(h.name || '?'), kind, esc(how(h)), esc(file)]
      if (owners) row.splice(1, 0, esc(h.user || (h.uid != null ? String(h.uid) : '?')))
      rows.push(row)
    }
    ctx.out(table(rows, c))
  }
  if (r.uninspected > 0) {
    ctx.out(c.dim(root
      ? `${plural(r.uninspected, 'process', 'processes')} could not be inspected even as root (another container's, or shielded from ptrace).`
      : `${plural(r.uninspected, 'process', 'processes')} could not be inspected (other users; run as root/Administrator to see them).`))
  }
  // The core's note on uninspected processes is the line above, said once.
  if (r.note && !leased && !(r.uninspected > 0 && /could not be inspected/.test(r.note))) ctx.out(c.dim(r.note))
  return status
}

module.exports = {
  usage: 'who <path>',
  summary: 'which processes hold a file or directory open',
  help,
  spec: { flags: {}, max: 1 },
  run
}
