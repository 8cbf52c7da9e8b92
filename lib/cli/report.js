'use strict'
// What `explain` and `run` print for the errors of one log: each error
// diagnosed (live where its path is on this machine), errors that share
// code, cause and place (mount, project, holder) grouped with a count and
// a few example paths, and the largest group's answer, with its evidence,
// on the first line.
const fs = require('node:fs')
const path = require('node:path')
const { herePlatform } = require('./util')
const { plural, indent } = require('./render')
// Paths and notes come from the log: their control characters as escapes.
const { escapeControls: esc } = require('../format')

// Codes whose answer is about the place written to: with no usable path
// in the log, the command's working directory and npm's cache are
// measured instead (npm's tar ENOSPC names only a path inside the tarball).
const PLACE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS'])
// Codes about the failing process itself: its limits are not this
// process's, so nothing about them is measured here.
const PROCESS_CODES = new Set(['EMFILE'])
const EXAMPLES = 3

// What can be known of another process's descriptor limits, and how.
function processNote (platform) {
  return 'The limits of the process that failed are not known here: fsdoctor is another process, and its own limits are not that one\'s evidence. ' +
    (platform === 'win32'
      ? 'Windows has no per-process descriptor limit to raise; look for a tool that opens many files at once.'
      : platform === 'darwin'
        ? 'To see them, while it runs: `lsof -p <pid> | wc -l`; a shell started like the failing one shows its limit with `ulimit -Sn` (soft) and `ulimit -Hn` (hard), and the system\'s with `launchctl limit maxfiles`.'
        : 'To see them, while it runs: `grep "open files" /proc/<pid>/limits` and `ls /proc/<pid>/fd | wc -l`; a shell started like the failing one shows its limit with `ulimit -Sn` (soft) and `ulimit -Hn` (hard).')
}

const key = (e) => [e.code, e.syscall, e.path, e.dest].join('\u0000')

function exists (p) {
  try {
    fs.lstatSync(p)
    return true
  } catch {
    return false
  }
}

function sameMachineKind (e, here) {
  return !e.platform || e.platform === here || (here === 'wsl' && e.platform === 'linux')
}

// The nearest directory above p that exists here.
function nearestExisting (p) {
  let d = path.dirname(p)
  while (!exists(d)) {
    const up = path.dirname(d)
    if (up === d) return null
    d = up
  }
  return d
}

// 'live': the path (or the directory it was going into) is here.
// 'gone': a local-looking absolute path of which neither exists now.
function where (e, here) {
  if (!e.path || !sameMachineKind(e, here) || !path.isAbsolute(e.path)) return 'none'
  if (exists(e.path)) return 'live'
  try {
    if (fs.statSync(path.dirname(e.path)).isDirectory()) return 'live'
  } catch {}
  return 'gone'
}

function input (e, p) {
  const i = { code: e.code, syscall: e.syscall || undefined, path: p || undefined, dest: e.dest || undefined }
  if (e.errno !== null && e.errno !== undefined) i.errno = e.errno
  if (e.message) i.message = e.message
  return i
}

// The part of a log an error is read with: all of it up to 64 KiB, else a
// 64 KiB window on a 16 KiB grid holding the error's line with at least
// 32 KiB before it (errors near each other share a window, so the memo
// measures them once). starts: the text's line starts, when known.
// { text, at } (at: where the window starts), or null.
const CONTEXT_MAX = 64 * 1024
const CONTEXT_STEP = 16 * 1024
function lineStarts (text) {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}
function contextOf (text, line, starts) {
  if (typeof text !== 'string' || !text.length) return null
  if (text.length <= CONTEXT_MAX) return { text, at: 0 }
  let at = text.length
  if (Number.isInteger(line) && line > 0) {
    starts = starts || lineStarts(text)
    at = starts[Math.min(line, starts.length) - 1]
  }
  const from = Math.max(0, Math.min(Math.floor(at / CONTEXT_STEP) * CONTEXT_STEP - 2 * CONTEXT_STEP, text.length - CONTEXT_MAX))
  return { text: text.slice(from, from + CONTEXT_MAX), at: from }
}

const topConfidence = (d) => (d.causes[0] && d.causes[0].confidence) || 0

// errors: parseErrors' output. opts: { live (false: text-only), cwd (the
// command's working directory, when known), cache (npm's cache), pasted
// (the text may come from another machine or an earlier time: its paths
// are measured here, but no process found holding them now is tied to the
// error, so no holder scan and nothing to kill), context (the text the
// errors came from, or a function giving it for an error: what else it
// says of the place, a container, sudo, a watcher, feeds the text-only
// rules) }.
// Returns [{ error, diagnosis, note }], one per distinct error.
async function diagnoseErrors (fsdoctor, errors, opts = {}) {
  const here = herePlatform(fsdoctor)
  const seen = new Set()
  const memo = new Map()
  const out = []
  let context = null
  let contextKey = null
  // Each log the errors came from: its number (for the memo) and line starts.
  const texts = new Map()
  const textInfo = (t) => {
    if (!texts.has(t)) texts.set(t, { id: texts.size, starts: null })
    return texts.get(t)
  }
  // One measurement per (code, syscall, place, context): hundreds of errors
  // of one full disk are measured once.
  const once = async (i, dopts) => {
    if (opts.pasted && dopts.live) dopts = { ...dopts, holders: false }
    const k = JSON.stringify([i.code, i.syscall, i.path, i.dest, dopts, contextKey])
    if (!memo.has(k)) memo.set(k, await fsdoctor.diagnose(i, context ? { ...dopts, context: context.text } : dopts))
    return memo.get(k)
  }
  for (const e of errors) {
    if (seen.has(key(e))) continue
    seen.add(key(e))
    const t = typeof opts.context === 'function' ? opts.context(e) : opts.context
    context = null
    contextKey = null
    if (typeof t === 'string' && t.length) {
      const info = textInfo(t)
      if (t.length > CONTEXT_MAX && !info.starts) info.starts = lineStarts(t)
      context = contextOf(t, e.line, info.starts)
      contextKey = [info.id, context.at]
    }
    const textOnly = { live: false }
    if (e.platform) textOnly.platform = e.platform
    let diagnosis
    let note = null
    let gone = null
    const w = opts.live === false ? 'none' : where(e, here)
    if (opts.live === false) {
      diagnosis = await once(input(e, e.path), textOnly)
    } else if (PROCESS_CODES.has(e.code)) {
      diagnosis = await once(input(e, e.path), textOnly)
      note = processNote(here)
    } else if (w === 'live') {
      diagnosis = await once(input(e, e.path), { live: true })
    } else if (PLACE_CODES.has(e.code) && (!e.path || !path.isAbsolute(e.path)) && sameMachineKind(e, here) &&
      opts.cwd && path.isAbsolute(opts.cwd) && exists(opts.cwd)) {
      // No usable path: measure where the command wrote. Only when its
      // working directory is here: a log from elsewhere says nothing of
      // this machine's npm cache.
      const places = [opts.cwd, opts.cache].filter((p) => p && path.isAbsolute(p) && exists(p))
      let best = null
      for (const p of places) {
        const d = await once(input(e, p), { live: true })
        if (!best || topConfidence(d) > topConfidence(best.d)) best = { d, p }
      }
      if (best) {
        diagnosis = best.d
        const what = best.p === opts.cwd ? 'the command\'s working directory' : 'npm\'s cache'
        note = `The log gives no absolute path for ${e.code}${e.syscall ? ` from ${e.syscall}` : ''} (npm's tar errors name only a path inside the package): measured on ${what}, ${best.p}` +
          (places.length > 1 ? `, the likelier of the working directory (${opts.cwd}) and npm's cache (${opts.cache}).` : '.')
      } else {
        diagnosis = await once(input(e, e.path), textOnly)
      }
    } else {
      diagnosis = await once(input(e, e.path), textOnly)
      if (w === 'gone') gone = { path: e.path, near: nearestExisting(e.path), enoent: e.code === 'ENOENT' }
    }
    out.push({ error: e, diagnosis, note, gone })
  }
  return out
}

// What is known of paths that are not here now. ENOENT: missing then,
// missing now, and the first missing part of the path is measured; other
// codes: the path went away since (npm rolls back a failed install) or
// the log is from another machine.
function goneNote (gone) {
  const g = gone[0]
  const many = gone.length > 1
  const first = g.near ? path.join(g.near, path.relative(g.near, g.path).split(path.sep)[0]) : null
  if (g.enoent && first) {
    return `${many ? `${gone.length} of these paths do not exist here either (${g.path} among them)` : `${g.path} does not exist here either`}: ` +
      `${first} is the first part of ${many ? 'that one' : 'it'} that is missing (${g.near} exists).`
  }
  return `${many ? `${gone.length} of these paths do not exist here now (${g.path} among them` : `${g.path} does not exist here now`}` +
    `${g.near ? `${many ? '; ' : ' ('}the nearest directory that does is ${g.near})` : many ? ')' : ''}: ` +
    `the failed command may have removed ${many ? 'them' : 'it'} (npm rolls back a failed install), or the log is from another machine. Nothing could be measured on ${many ? 'them' : 'it'}.`
}

// Where a group lives: the mount measured, the project (the part of the
// path before node_modules), and the holders named by the evidence.
function place (r) {
  const d = r.diagnosis
  const bits = []
  const mount = d.live && d.facts && d.facts.fs && d.facts.fs.mountPoint
  if (mount) bits.push(`mount ${mount}`)
  const p = d.path || r.error.path
  if (p && !mount) {
    const m = /^(.*?)[\\/]node_modules(?:[\\/]|$)/.exec(p)
    const cache = /^(.*?[\\/]_cacache)(?:[\\/]|$)/.exec(p)
    if (cache) bits.push(`npm cache ${cache[1]}`)
    else if (m) bits.push(`project ${m[1]}`)
    else if (/[\\/]/.test(p)) bits.push(`dir ${p.replace(/[\\/][^\\/]*$/, '') || p}`)
  }
  const c = d.causes[0]
  const holders = c && c.evidence && Array.isArray(c.evidence.holders) ? c.evidence.holders : []
  if (holders.length) bits.push(`held by ${holders.map((h) => h.pid).sort((a, b) => a - b).join(',')}`)
  return bits.join('; ')
}

// Groups of results sharing code, top cause and place; largest first
// (then the most confident, then the earliest in the log: a total order).
function groupResults (results) {
  const groups = new Map()
  for (const r of results) {
    const cause = r.diagnosis.causes[0] ? r.diagnosis.causes[0].id : 'unknown'
    const pl = place(r)
    const k = [r.error.code, cause, pl].join('\u0000')
    if (!groups.has(k)) groups.set(k, { code: r.error.code, cause, place: pl, results: [] })
    groups.get(k).results.push(r)
  }
  const list = [...groups.values()]
  const first = (g) => Math.min(...g.results.map((r) => r.error.line || 0))
  list.sort((a, b) => b.results.length - a.results.length ||
    topConfidence(b.results[0].diagnosis) - topConfidence(a.results[0].diagnosis) ||
    first(a) - first(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  return list.map((g) => {
    const paths = []
    for (const r of g.results) {
      const p = r.error.path
      if (p && !paths.includes(p)) paths.push(p)
    }
    const notes = []
    for (const r of g.results) if (r.note && !notes.includes(r.note)) notes.push(r.note)
    const gone = g.results.filter((r) => r.gone).map((r) => r.gone)
    if (gone.length) notes.push(goneNote(gone))
    return { ...g, count: g.results.length, paths, notes, diagnosis: g.results[0].diagnosis }
  })
}

// The first line: the answer (its summary carries the measured evidence)
// and how many errors it covers.
function headline (g) {
  const s = esc(g.diagnosis.summary || g.code)
  return g.count > 1 ? `${s} (${g.count} errors like this)` : s
}

function examples (g) {
  const first = g.results.reduce((a, r) => (r.error.line && (!a || r.error.line < a.line) ? r.error : a), null)
  const at = first ? `${g.count > 1 ? 'first at ' : ''}line ${first.line}${first.source ? `, ${esc(first.source)}` : ''}` : null
  const own = g.paths.length === 1 && g.paths[0] === g.diagnosis.path
  if (!g.paths.length || own) return at ? `(${at})` : null
  const shown = g.paths.slice(0, EXAMPLES).map(esc).join(', ')
  const more = g.paths.length - EXAMPLES
  return `${plural(g.paths.length, 'path')}: ${shown}${more > 0 ? `, and ${more} more` : ''}${at ? ` (${at})` : ''}`
}

// Text lines for the groups: the first in full (its diagnosis as format()
// gives it, after the headline), the next DETAILED - 1 with their top cause
// and its fixes, the next LISTED by their headline and first path, and a
// count of the rest (--json has every group).
const DETAILED = 5
const LISTED = 20

function renderGroups (fsdoctor, groups, c) {
  const lines = []
  groups.slice(0, DETAILED).forEach((g, i) => {
    if (i > 0) lines.push('')
    lines.push(c.bold(i === 0 ? headline(g) : `${i + 1}. ${headline(g)}`))
    const d = i === 0 ? g.diagnosis : { ...g.diagnosis, causes: g.diagnosis.causes.slice(0, 1) }
    const body = fsdoctor.format(d, { color: c.enabled }).replace(/\n+$/, '').split('\n').slice(1)
    const ex = examples(g)
    if (ex) lines.push(c.dim(`  ${ex}`))
    for (const n of g.notes) lines.push(indent(`note: ${esc(n)}`, '  '))
    lines.push(...body)
  })
  const listed = groups.slice(DETAILED, DETAILED + LISTED)
  if (listed.length) lines.push('')
  listed.forEach((g, i) => {
    const p = g.paths[0] ? c.dim(` (${esc(g.paths[0])}${g.paths.length > 1 ? ', …' : ''})`) : ''
    lines.push(`${DETAILED + i + 1}. ${headline(g)}${p}`)
  })
  const rest = groups.slice(DETAILED + LISTED)
  if (rest.length) {
    const n = rest.reduce((a, g) => a + g.count, 0)
    lines.push(c.dim(`… and ${plural(rest.length, 'more group')} (${plural(n, 'error')}); --json lists every one.`))
  }
  return lines
}

// The error count and groups, said once after the answers.
function footer (results, groups, source) {
  return `${plural(results.length, 'filesystem error')} in ${plural(groups.length, 'group')}${source ? `, in ${source}` : ''}.`
}

function jsonGroups (groups, results) {
  return groups.map((g) => ({
    code: g.code,
    cause: g.cause,
    place: g.place,
    count: g.count,
    paths: g.paths.slice(0, 20),
    notes: g.notes,
    summary: g.diagnosis.summary,
    diagnosis: results.indexOf(g.results[0])
  }))
}

module.exports = { processNote, contextOf, diagnoseErrors, groupResults, renderGroups, headline, footer, jsonGroups, PLACE_CODES }
