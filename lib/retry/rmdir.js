'use strict'
// A retried rmdir (not recursive) ends when the directory plainly stays
// full.
//
// ENOTEMPTY from rmdir passes on retry only while something empties the
// directory: a recursive remover racing this one, or, on Windows, children
// that are delete-pending (still listed until their last handle closes).
// After each failed attempt the entries are listed. When the list is the
// same as after the attempt before, nothing is removing them: the retry
// ends there with the original error (the second attempt). An entry that
// can no longer be looked at is on its way out and is not counted: gone,
// or on Windows delete-pending (lstat answers EPERM or EACCES there).

const { fileURLToPath } = require('url')
const path = require('path')

// The entries of dir, sorted, as one string; '' for none (or a directory
// that is gone), null when it cannot be listed.
function listing (readdirSync, lstatSync, dir, win) {
  let names
  try {
    names = readdirSync(dir)
  } catch (err) {
    return err && (err.code === 'ENOENT' || err.code === 'ENOTDIR') ? '' : null
  }
  if (!Array.isArray(names)) return null
  names = names.map(String)
  const base = typeof dir === 'string' ? dir : dir instanceof URL ? fileURLToPath(dir) : null
  if (win && base !== null && typeof lstatSync === 'function') {
    names = names.filter((n) => {
      try {
        lstatSync(path.join(base, n))
        return true
      } catch {
        return false
      }
    })
  }
  return names.sort().join('\0')
}

// Hooks for the engine (see ./engine.js checkHooks), or null: a recursive
// rmdir removes entries itself, and a custom fs without readdirSync cannot
// be looked into. win: the directory is on Windows (or a Windows drive
// under WSL), where listed entries may be delete-pending.
function rmdirGuard (readdirSync, lstatSync, args, win) {
  if (typeof readdirSync !== 'function') return null
  const dir = args[0]
  const options = args[1]
  try {
    if (options !== null && typeof options === 'object' && options.recursive) return null
  } catch {
    return null
  }
  let seen = 0
  let last = null
  return {
    result: undefined,
    // Called after each failed attempt (and again before the next one):
    // the list is taken once per attempt.
    check (attempt, err) {
      if (attempt === seen || !err || err.code !== 'ENOTEMPTY') return null
      seen = attempt
      const now = listing(readdirSync, lstatSync, dir, win)
      const before = last
      last = now
      if (now === null || now === '') return null
      return now === before ? 'stuck' : null
    }
  }
}

module.exports = { rmdirGuard }
