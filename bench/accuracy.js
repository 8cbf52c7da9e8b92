'use strict'
// Accuracy on errors people pasted into real threads (issue 14).
//
//   node bench/accuracy.js [--json] [file.jsonl ...]
//
// Reads every test/corpus/*.jsonl (or the files given), runs each entry's
// text through the public API as a user would paste it (parseErrors, then
// a text-only diagnose with the entry's platform when the thread gave one,
// and the whole paste as its context)
// and prints top-1 and top-3 overall, on the part tuned on, the part held
// out when labelled and looked at since, and the blind files (floors.json's
// "blind": labelled after the last tuning, never read to tune the engine),
// per code and per platform, and every miss with its reason:
//   not parsed    the parser found no fs error in the text
//   cause missing the label is a cause id the catalogue lacks
//   no rule       the label is in the catalogue but was not proposed here
//   ranked wrong  proposed, but not first (top-1) or not in the top 3
// A hit is the labelled cause or one of its `alt` ids (causes the thread
// shows are equally possible from the text). An entry may name the code
// the thread is about (`code`); otherwise it is the first errno name or
// strerror text in the paste.
const fs = require('fs')
const path = require('path')
const os = require('os')
const fsdoctor = require('..')
const catalogue = require('../lib/causes.json')

const CORPUS_DIR = path.join(__dirname, '..', 'test', 'corpus')

// Cause ids issue 14 adds; valid labels before the catalogue has them.
const NEW_CAUSES = [
  'walk-outside-project',
  'copy-into-itself',
  'install-leftover',
  'command-too-long',
  'missing-path',
  'wrong-file-type'
]
const KNOWN = new Set(catalogue.map((c) => c.id))

// Where the thread says the error happened -> options.platform.
const PLATFORM_OPTION = { win32: 'win32', darwin: 'darwin', linux: 'linux', wsl: 'wsl', docker: 'linux' }

// strerror texts (POSIX and libuv's Windows wording) for pastes that carry
// no code, and to find which code a thread is about.
const STRERROR = [
  ['operation not permitted', 'EPERM'],
  ['permission denied', 'EACCES'],
  ['resource busy or locked', 'EBUSY'],
  ['device or resource busy', 'EBUSY'],
  ['directory not empty', 'ENOTEMPTY'],
  ['file already exists', 'EEXIST'],
  ['illegal operation on a directory', 'EISDIR'],
  ['is a directory', 'EISDIR'],
  ['not a directory', 'ENOTDIR'],
  ['no such file or directory', 'ENOENT'],
  ['text file is busy', 'ETXTBSY'],
  ['text file busy', 'ETXTBSY'],
  ['cross-device link not permitted', 'EXDEV'],
  ['invalid cross-device link', 'EXDEV'],
  ['no space left on device', 'ENOSPC'],
  ['too many open files in system', 'ENFILE'],
  ['file table overflow', 'ENFILE'],
  ['too many open files', 'EMFILE'],
  ['too many links', 'EMLINK'],
  ['too many symbolic links', 'ELOOP'],
  ['read-only file system', 'EROFS'],
  ['name too long', 'ENAMETOOLONG'],
  ['file name, or both are too long', 'ENAMETOOLONG'],
  ['the filename or extension is too long', 'ENAMETOOLONG'],
  ['filename too long', 'ENAMETOOLONG'],
  ['path too long', 'ENAMETOOLONG'],
  ['quota exceeded', 'EDQUOT'],
  ['argument list too long', 'E2BIG'],
  ['resource temporarily unavailable', 'EAGAIN'],
  ['protocol error', 'EPROTO'],
  ['file exists', 'EEXIST'],
  ['input/output error', 'EIO']
]
const ERRNO_NAMES = new Set(Object.keys(os.constants.errno))

// The code a thread is about: the first errno name or strerror text in it.
function threadCode (text) {
  let best = null
  const token = /\bE[A-Z0-9]{2,}\b/g
  for (let m; (m = token.exec(text));) {
    if (ERRNO_NAMES.has(m[0])) {
      best = { at: m.index, code: m[0] }
      break
    }
  }
  const lower = text.toLowerCase()
  for (const [phrase, code] of STRERROR) {
    const at = lower.indexOf(phrase)
    if (at >= 0 && (best === null || at < best.at)) best = { at, code }
  }
  return best ? best.code : 'UNKNOWN'
}

// The files labelled after the last tuning (floors.json's "blind").
function blindFiles () {
  try {
    return new Set(JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'floors.json'), 'utf8')).blind || [])
  } catch {
    return new Set()
  }
}

function loadCorpus (files) {
  const list = files && files.length
    ? files
    : fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(CORPUS_DIR, f))
  const entries = []
  for (const file of list) {
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, i) => {
      if (!line.trim()) return
      let e
      try {
        e = JSON.parse(line)
      } catch (err) {
        throw new Error(`${path.basename(file)}:${i + 1}: ${err.message}`)
      }
      entries.push({ ...e, file: path.basename(file), line: i + 1 })
    })
  }
  return entries
}

// One entry through the public API, as `fsdoctor explain` would take it.
// The entry's `code` says which error the thread is about when the paste
// holds several; without it, the first code in the text.
function runEntry (e) {
  const code = e.code || threadCode(e.text)
  const errors = fsdoctor.parseErrors(e.text)
  const out = { code, parsedCode: null, top: [] }
  if (!errors.length) return out
  const err = errors.find((x) => x.code === code) || errors[0]
  out.parsedCode = err.code
  out.syscall = err.syscall || null
  const input = { code: err.code }
  for (const k of ['syscall', 'path', 'dest', 'message']) if (err[k]) input[k] = err[k]
  if (err.errno !== null && err.errno !== undefined) input.errno = err.errno
  // The whole paste is the error's context, as `fsdoctor explain` gives it.
  const opts = { live: false, holders: false, context: e.text }
  const platform = PLATFORM_OPTION[e.platform] || err.platform
  if (platform) opts.platform = platform
  const d = fsdoctor.diagnoseSync(input, opts)
  out.top = d.causes.map((c) => c.id)
  return out
}

function pct (hits, n) {
  return n ? Math.round((1000 * hits) / n) / 10 : 0
}

function tally () {
  return { n: 0, top1: 0, top3: 0 }
}

function add (t, r) {
  t.n++
  if (r.top1) t.top1++
  if (r.top3) t.top3++
}

function finish (t) {
  return { n: t.n, top1: t.top1, top3: t.top3, top1Pct: pct(t.top1, t.n), top3Pct: pct(t.top3, t.n) }
}

function measure (entries) {
  const results = entries.map((e) => {
    const r = runEntry(e)
    const want = new Set([e.cause, ...(e.alt || [])])
    const rank = r.top.findIndex((id) => want.has(id))
    return { entry: e, ...r, rank, top1: rank === 0, top3: rank >= 0 && rank < 3 }
  })
  // Which (code, cause) pairs the engine proposes anywhere in this run.
  const proposed = new Set()
  for (const r of results) for (const id of r.top) proposed.add(`${r.parsedCode}:${id}`)

  const overall = tally()
  const parts = { visible: tally(), holdout: tally(), blind: tally() }
  const blind = blindFiles()
  const byCode = {}
  const byPlatform = {}
  const byFile = {}
  const misses = []
  for (const r of results) {
    const e = r.entry
    add(overall, r)
    add(parts[blind.has(e.file) ? 'blind' : e.holdout ? 'holdout' : 'visible'], r)
    add(byCode[r.code] || (byCode[r.code] = tally()), r)
    const p = e.platform || 'unknown'
    add(byPlatform[p] || (byPlatform[p] = tally()), r)
    add(byFile[e.file] || (byFile[e.file] = tally()), r)
    if (r.top1) continue
    misses.push(missOf(r, proposed))
  }
  const map = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, finish(o[k])]))
  return {
    overall: finish(overall),
    visible: finish(parts.visible),
    holdout: finish(parts.holdout),
    blind: finish(parts.blind),
    byCode: map(byCode),
    byPlatform: map(byPlatform),
    byFile: map(byFile),
    misses
  }
}

function missOf (r, proposed) {
  const e = r.entry
  const m = {
    id: e.id,
    file: e.file,
    url: e.url,
    code: r.code,
    platform: e.platform,
    holdout: e.holdout === true,
    want: [e.cause, ...(e.alt || [])],
    got: r.top.slice(0, 3),
    top3: r.top3,
    reason: null,
    detail: ''
  }
  const wrongCode = r.parsedCode && r.parsedCode !== r.code ? `; parsed as ${r.parsedCode}, not ${r.code}` : ''
  if (r.parsedCode === null) {
    m.reason = 'not parsed'
    m.detail = `no fs error found in the text (the thread is about ${r.code})`
  } else if (m.want.every((id) => !KNOWN.has(id))) {
    m.reason = 'cause missing'
    m.detail = `${e.cause} is not in the catalogue${wrongCode}`
  } else if (r.rank < 0) {
    m.reason = 'no rule'
    const ever = m.want.some((id) => proposed.has(`${r.parsedCode}:${id}`))
    m.detail = `${m.want.filter((id) => KNOWN.has(id)).join('/')} ${ever ? `not proposed for this text (proposed for ${r.parsedCode} elsewhere)` : `never proposed for ${r.parsedCode}`}${r.syscall ? ` (syscall ${r.syscall})` : ''}${wrongCode}`
  } else {
    m.reason = 'ranked wrong'
    m.detail = `proposed at rank ${r.rank + 1}${wrongCode}`
  }
  return m
}

function line (name, t) {
  return `${name.padEnd(22)} ${String(t.n).padStart(4)}   top-1 ${String(t.top1Pct).padStart(5)}% (${t.top1})   top-3 ${String(t.top3Pct).padStart(5)}% (${t.top3})`
}

function report (res) {
  const out = []
  out.push(line('overall', res.overall))
  out.push(line('  tuned on', res.visible))
  out.push(line('  held out, seen since', res.holdout))
  out.push(line('  blind', res.blind))
  out.push('', 'per file')
  for (const [k, t] of Object.entries(res.byFile)) out.push(line(`  ${k}`, t))
  out.push('', 'per code')
  for (const [k, t] of Object.entries(res.byCode)) out.push(line(`  ${k}`, t))
  out.push('', 'per platform')
  for (const [k, t] of Object.entries(res.byPlatform)) out.push(line(`  ${k}`, t))
  const order = ['not parsed', 'cause missing', 'no rule', 'ranked wrong']
  out.push('', `misses (top-1): ${res.misses.length}`)
  for (const reason of order) {
    const ms = res.misses.filter((m) => m.reason === reason)
    if (!ms.length) continue
    out.push('', `${reason} (${ms.length})`)
    for (const m of ms) {
      out.push(`  ${m.id}${blindFiles().has(m.file) ? ' [blind]' : m.holdout ? ' [holdout]' : ''} ${m.code} ${m.platform || '?'}: want ${m.want.join('|')}, got ${m.got.join(', ') || '-'}${m.top3 ? ' (top-3 hit)' : ''}`)
      out.push(`    ${m.detail}`)
      out.push(`    ${m.url}`)
    }
  }
  return out.join('\n')
}

function main () {
  const argv = process.argv.slice(2)
  const json = argv.includes('--json')
  const files = argv.filter((a) => !a.startsWith('--'))
  const started = process.hrtime.bigint()
  const res = measure(loadCorpus(files))
  res.ms = Number(process.hrtime.bigint() - started) / 1e6
  if (json) process.stdout.write(JSON.stringify(res, null, 2) + '\n')
  else process.stdout.write(report(res) + `\n\n(${res.overall.n} entries in ${Math.round(res.ms)} ms, engine: ${fsdoctor.native ? 'addon' : 'WebAssembly'})\n`)
}

if (require.main === module) main()

module.exports = { CORPUS_DIR, NEW_CAUSES, loadCorpus, threadCode, runEntry, measure, report }
