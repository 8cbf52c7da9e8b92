'use strict'
// Small helpers shared by the benchmark scripts.

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

module.exports = { opt, median, same }
