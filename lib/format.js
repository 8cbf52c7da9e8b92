'use strict'
// format(diagnosis, { color, platform }): the text a person reads. The
// summary first, then each cause with its evidence and the fixes for the
// platform, commands indented under the fix they belong to.
const { optionalObject, field } = require('./validate')
const { typeError, valueError } = require('./errors')
const { palette } = require('./color')

const PLATFORMS = ['linux', 'darwin', 'win32', 'wsl']

// Control characters (C0, DEL, C1, the line and paragraph separators) as
// escapes: a file name with a newline, a carriage return or an escape
// sequence cannot start a line of its own, move the cursor or forge a fix.
// Bidirectional controls (U+061C, U+200E-200F, U+202A-202E, U+2066-2069)
// too: they reorder what is shown, so a name could show a command other
// than the one pasted.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' }
function esc (v) {
  return String(v).replace(CONTROL, (ch) => NAMED[ch] ||
    (ch.charCodeAt(0) < 0x100 ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${ch.charCodeAt(0).toString(16)}`))
}

function show (v, arrow) {
  if (v === null || v === undefined) return 'unknown'
  if (typeof v === 'string') return esc(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) {
    if (v.length === 0) return 'none'
    if (v.every((x) => typeof x === 'string')) return v.join(arrow ? ' -> ' : ', ')
    return v.map((x) => {
      if (x && typeof x === 'object' && 'pid' in x) {
        const bits = [`pid ${x.pid}`, x.kind, x.how].filter(Boolean).join(', ')
        return `${esc(x.name || 'process')} (${esc(bits)})`
      }
      return show(x)
    }).join('; ')
  }
  try {
    return JSON.stringify(v)
  } catch {
    return esc(String(v))
  }
}

function evidenceLines (evidence) {
  if (!evidence || typeof evidence !== 'object') return []
  const out = []
  for (const key of Object.keys(evidence)) {
    const v = field(evidence, key)
    if (v === undefined || (Array.isArray(v) && v.length === 0 && key !== 'holders')) continue
    out.push(`${key}: ${show(v, key === 'chain' || key === 'cycle')}`)
  }
  return out
}

function format (diagnosis, options) {
  if (diagnosis === null || typeof diagnosis !== 'object' || !Array.isArray(field(diagnosis, 'causes'))) {
    throw typeError('diagnosis', 'a diagnosis object (from diagnose or diagnoseSync)', diagnosis)
  }
  const o = optionalObject(options, 'options')
  const color = field(o, 'color') === undefined ? false : field(o, 'color')
  if (typeof color !== 'boolean') throw typeError('options.color', 'of type boolean', color)
  const wanted = field(o, 'platform') ?? null
  if (wanted !== null && !PLATFORMS.includes(wanted)) {
    throw valueError('options.platform', wanted, `must be one of ${PLATFORMS.join(', ')}`)
  }
  const s = palette(color)
  const d = diagnosis
  const lines = []
  lines.push(s.bold(s.red(esc(field(d, 'summary') || field(d, 'code') || 'Unknown error'))))
  const where = []
  if (field(d, 'path')) where.push(`path: ${esc(field(d, 'path'))}`)
  if (field(d, 'dest')) where.push(`dest: ${esc(field(d, 'dest'))}`)
  if (where.length) lines.push(s.dim(`  ${where.join('  ')}`))
  const meta = [`platform ${esc(field(d, 'platform') || 'unknown')}`,
    field(d, 'live') ? 'measured on this machine' : 'from the error text only, nothing measured',
    field(d, 'transient') ? 'a retry may succeed'
      : typeof field(d, 'transientReason') === 'string' ? `retrying will not help: ${esc(field(d, 'transientReason'))}`
        : 'retrying will not help']
  lines.push(s.dim(`  (${meta.join('; ')})`))

  field(d, 'causes').forEach((c, i) => {
    if (!c || typeof c !== 'object') return
    const pct = Math.round((Number(field(c, 'confidence')) || 0) * 100)
    lines.push('')
    lines.push(`${s.bold(`${i + 1}. ${esc(field(c, 'title') || field(c, 'id'))}`)} ${s.dim(`[${esc(field(c, 'id'))}, ${pct}%]`)}`)
    if (field(c, 'detail')) lines.push(`   ${esc(field(c, 'detail'))}`)
    for (const e of evidenceLines(field(c, 'evidence'))) lines.push(s.dim(`   evidence: ${esc(e)}`))
    const fixes = Array.isArray(field(c, 'fixes')) ? field(c, 'fixes') : []
    for (const f of fixes) {
      if (!f || typeof f !== 'object') continue
      const fp = field(f, 'platform')
      if (wanted && fp !== 'all' && fp !== wanted && !(wanted === 'wsl' && fp === 'linux')) continue
      const alt = field(f, 'alternative') === true
      lines.push(`   ${s.green(alt ? 'or:' : 'fix:')} ${esc(field(f, 'text'))}`)
      const shell = field(f, 'shell')
      const cmds = Array.isArray(field(f, 'commands')) ? field(f, 'commands') : []
      // Several commands are a sequence: numbered, run in order.
      cmds.forEach((cmd, n) => {
        // A fix for any shell takes the prompt of where it runs: Windows'
        // for a Windows fix, or an "all" fix of a Windows diagnosis.
        const win = fp === 'win32' || (fp === 'all' && (wanted || field(d, 'platform')) === 'win32')
        const prompt = shell === 'powershell' ? 'PS>'
          : shell === 'cmd' || (!shell && win) ? '>' : '$'
        const step = cmds.length > 1 ? `${n + 1}. ` : ''
        lines.push(`     ${s.dim(step + prompt)} ${s.cyan(esc(cmd))}`)
      })
    }
  })
  return lines.join('\n') + '\n'
}

module.exports = { format, escapeControls: esc }
