'use strict'
// Command-line parsing: long flags (--name, --name=value, --no-name),
// a few one-letter aliases, positionals, and everything after `--` kept
// verbatim. Unknown flags and missing values are UsageErrors (exit 2).

class UsageError extends Error {
  constructor (message) {
    super(message)
    this.name = 'UsageError'
    this.exitCode = 2
  }
}

// Flags every command takes.
const COMMON = {
  json: 'boolean',
  help: 'boolean',
  version: 'boolean',
  color: 'boolean',
  quiet: 'boolean'
}
const ALIASES = { h: 'help', v: 'version', q: 'quiet', j: 'json' }

// spec: { flags: { name: 'boolean' | 'string' | 'number' }, max: positionals,
// rest: whether `--` and what follows are allowed }
function parseArgs (argv, spec = {}) {
  const flags = { ...COMMON, ...(spec.flags || {}) }
  const opts = {}
  const positional = []
  let rest = null
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      if (!spec.rest) throw new UsageError("'--' is only used by `fsdoctor run -- <command>`")
      rest = argv.slice(i + 1)
      break
    }
    if (arg === '-' || !arg.startsWith('-')) {
      // `fsdoctor run npm install -g`: the command starts at its name.
      if (spec.rest) {
        rest = argv.slice(i)
        break
      }
      positional.push(arg)
      continue
    }
    let name
    let value
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2)
      if (eq >= 0) value = arg.slice(eq + 1)
    } else {
      if (arg.length !== 2 || !ALIASES[arg[1]]) throw new UsageError(`unknown option '${arg}'`)
      name = ALIASES[arg[1]]
    }
    let negated = false
    if (!(name in flags) && name.startsWith('no-') && flags[name.slice(3)] === 'boolean') {
      negated = true
      name = name.slice(3)
    }
    const type = flags[name]
    if (!type) throw new UsageError(`unknown option '--${name}'`)
    const key = camel(name)
    if (type === 'boolean') {
      if (value !== undefined) {
        if (!/^(true|false|1|0)$/.test(value)) throw new UsageError(`option '--${name}' takes no value`)
        opts[key] = (value === 'true' || value === '1') !== negated
      } else {
        opts[key] = !negated
      }
      continue
    }
    if (negated) throw new UsageError(`unknown option '--no-${name}'`)
    if (value === undefined) {
      if (i + 1 >= argv.length || (argv[i + 1].startsWith('--') && argv[i + 1] !== '--')) {
        throw new UsageError(`option '--${name}' needs a value`)
      }
      value = argv[++i]
    }
    if (type === 'number') {
      const n = Number(value)
      if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`option '--${name}' needs a number, got '${value}'`)
      opts[key] = n
    } else {
      opts[key] = value
    }
  }
  const max = spec.max === undefined ? 0 : spec.max
  if (positional.length > max) {
    throw new UsageError(`unexpected argument '${positional[max]}'`)
  }
  return { opts, positional, rest }
}

function camel (name) {
  return name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())
}

module.exports = { parseArgs, UsageError }
