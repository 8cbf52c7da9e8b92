'use strict'
// Colors for text a person reads (format(), the register hook, the CLI):
// whether to use them, and the escape codes.

// FORCE_COLOR wins over NO_COLOR, as in Node itself; an explicit flag
// (--color/--no-color) wins over both.
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

// { bold(s), dim(s), red(s), …, enabled }: each wraps s in its escape
// codes when enabled, else returns it as text.
function palette (enabled) {
  const p = {}
  for (const [name, [on, off]] of Object.entries(CODES)) {
    p[name] = enabled ? (s) => `\x1b[${on}m${s}\x1b[${off}m` : (s) => String(s)
  }
  p.enabled = enabled
  return p
}

module.exports = { useColor, palette }
