'use strict'
// Terminal output: a progress line on stderr for work that lasts more than
// a moment, and the small layout helpers the commands share. Colors come
// from lib/color.js.

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

module.exports = { severityLabel, Progress, indent, table, plural }
