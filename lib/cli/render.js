'use strict'
// Terminal output: colors (TTY only, NO_COLOR / FORCE_COLOR / --color), a
// progress line on stderr for work that lasts more than a moment, and the
// small layout helpers the commands share.

// FORCE_COLOR wins over NO_COLOR, as in Node itself; --color/--no-color win
// over both.
function useColor (stream, env, flag) {
  if (flag === true || flag === false) return flag
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') {
    return !/^(0|false)$/i.test(env.FORCE_COLOR)
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return Boolean(stream && stream.isTTY) && env.TERM !== 'dumb'
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39]
}

function palette (enabled) {
  const p = {}
  for (const [name, [on, off]] of Object.entries(CODES)) {
    p[name] = enabled ? (s) => `\x1b[${on}m${s}\x1b[${off}m` : (s) => String(s)
  }
  p.enabled = enabled
  return p
}

const SEVERITY = { error: 'red', warning: 'yellow', info: 'cyan' }

function severityLabel (c, severity) {
  const color = c[SEVERITY[severity]] || ((s) => s)
  return c.bold(color(severity.toUpperCase()))
}

// A spinner with a status text on stderr; shown only on a TTY and only once
// the work has taken longer than `delay` ms, cleared when done.
class Progress {
  constructor (stream, env, opts = {}) {
    this.stream = stream
    this.enabled = Boolean(stream && stream.isTTY) && !opts.disabled && env.TERM !== 'dumb'
    const d = Number(env.FSDOCTOR_PROGRESS_DELAY)
    this.delay = Number.isFinite(d) && d >= 0 ? d : 300
    this.text = ''
    this.frame = 0
    this.shown = false
    this.timer = null
  }

  start (text) {
    this.text = text
    if (!this.enabled || this.timer) return this
    this.started = Date.now()
    this.timer = setInterval(() => this.draw(), 80)
    this.timer.unref()
    if (this.delay === 0) this.draw()
    return this
  }

  update (text) {
    this.text = text
  }

  draw () {
    if (Date.now() - this.started < this.delay) return
    const frames = '|/-\\'
    const cols = this.stream.columns || 80
    let line = `${frames[this.frame++ % frames.length]} ${this.text}`
    if (line.length > cols - 1) line = line.slice(0, cols - 2) + '…'
    this.stream.write(`\r\x1b[K${line}`)
    this.shown = true
  }

  stop () {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (this.shown) this.stream.write('\r\x1b[K')
    this.shown = false
  }
}

// Indents every line of text.
function indent (text, pad) {
  return String(text).split('\n').map((l) => (l ? pad + l : l)).join('\n')
}

// Fixed-width columns; the last column is not padded.
function table (rows, c) {
  if (!rows.length) return ''
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => visible(r[i]).length)))
  return rows.map((r, ri) => r.map((cell, i) => {
    const s = String(cell)
    const text = i === r.length - 1 ? s : s + ' '.repeat(widths[i] - visible(s).length)
    return ri === 0 && c ? c.bold(text) : text
  }).join('  ')).join('\n')
}

function visible (s) {
  // eslint-disable-next-line no-control-regex
  return String(s).replace(/\x1b\[[0-9;]*m/g, '')
}

function plural (n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`
}

module.exports = { useColor, palette, severityLabel, Progress, indent, table, plural }
