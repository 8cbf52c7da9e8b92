'use strict'
// format(diagnosis, { color, platform }): the text a person reads. The
// summary first, then each cause with its evidence and the fixes for the
// platform, commands indented under the fix they belong to.
const { optionalObject, field } = require('./validate')
const { typeError, valueError } = require('./errors')
const { palette } = require('./color')

const PLATFORMS = ['linux', 'darwin', 'win32', 'wsl']

function show (v, arrow) {
  if (v === null || v === undefined) return 'unknown'
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) {
    if (v.length === 0) return 'none'
    if (v.every((x) => typeof x === 'string')) return v.join(arrow ? ' -> ' : ', ')
    return v.map((x) => {
      if (x && typeof x === 'object' && 'pid' in x) {
        const bits = [`pid ${x.pid}`, x.kind, x.how].filter(Boolean).join(', ')
        return `${x.name || 'process'} (${bits})`
      }
      return show(x)
    }).join('; ')
  }
  try {
    return JSON.stringify(v)
  } catch {
    return String(v)
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
  lines.push(s.bold(s.red(String(field(d, 'summary') || field(d, 'code') || 'Unknown error'))))
  const where = []
  if (field(d, 'path')) where.push(`path: ${field(d, 'path')}`)
  if (field(d, 'dest')) where.push(`dest: ${field(d, 'dest')}`)
  if (where.length) lines.push(s.dim(`  ${where.join('  ')}`))
  const meta = [`platform ${field(d, 'platform') || 'unknown'}`,
    field(d, 'live') ? 'measured on this machine' : 'from the error text only, nothing measured',
    field(d, 'transient') ? 'a retry may succeed' : 'retrying will not help']
  lines.push(s.dim(`  (${meta.join('; ')})`))

  field(d, 'causes').forEach((c, i) => {
    if (!c || typeof c !== 'object') return
    const pct = Math.round((Number(field(c, 'confidence')) || 0) * 100)
    lines.push('')
    lines.push(`${s.bold(`${i + 1}. ${field(c, 'title') || field(c, 'id')}`)} ${s.dim(`[${field(c, 'id')}, ${pct}%]`)}`)
    if (field(c, 'detail')) lines.push(`   ${field(c, 'detail')}`)
    for (const e of evidenceLines(field(c, 'evidence'))) lines.push(s.dim(`   evidence: ${e}`))
    const fixes = Array.isArray(field(c, 'fixes')) ? field(c, 'fixes') : []
    for (const f of fixes) {
      if (!f || typeof f !== 'object') continue
      const fp = field(f, 'platform')
      if (wanted && fp !== 'all' && fp !== wanted && !(wanted === 'wsl' && fp === 'linux')) continue
      lines.push(`   ${s.green('fix:')} ${field(f, 'text')}`)
      const shell = field(f, 'shell')
      const cmds = Array.isArray(field(f, 'commands')) ? field(f, 'commands') : []
      for (const cmd of cmds) {
        const prompt = shell === 'powershell' ? 'PS>'
          : shell === 'cmd' || (!shell && fp === 'win32') ? '>' : '$'
        lines.push(`     ${s.dim(prompt)} ${s.cyan(String(cmd))}`)
      }
    }
  })
  return lines.join('\n') + '\n'
}

module.exports = { format }
