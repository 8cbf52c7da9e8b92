'use strict'
// Small helpers shared by the benchmark scripts (and withEnv by a test).

// A numeric command-line option: opt('--runs', 5).
function opt (name, def) {
  const argv = process.argv.slice(2)
  const i = argv.indexOf(name)
  return i >= 0 ? Number(argv[i + 1]) : def
}

function median (xs) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

// Two Sets with the same members.
function same (a, b) {
  return a.size === b.size && [...a].every((x) => b.has(x))
}

// Runs fn with process.env changed (the addon reads FSDOCTOR_HOLDERS_*
// on each call), then puts the variables back.
function withEnv (vars, fn) {
  const old = {}
  for (const k of Object.keys(vars)) {
    old[k] = process.env[k]
    process.env[k] = vars[k]
  }
  try {
    return fn()
  } finally {
    for (const k of Object.keys(vars)) {
      if (old[k] === undefined) delete process.env[k]
      else process.env[k] = old[k]
    }
  }
}

module.exports = { opt, median, same, withEnv }
