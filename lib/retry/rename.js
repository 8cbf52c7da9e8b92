'use strict'
// Guards for a retried rename.
//
// Before the first attempt the identities of source and destination are
// recorded. Between attempts:
// - source gone and destination carrying the source's identity: the rename
//   took place although an attempt reported failure (Windows can report
//   EPERM/EBUSY for a move a scanner interfered with after the fact).
//   That is a success, not an error.
// - destination no longer what it was before the first attempt (and not the
//   source): someone else wrote it meanwhile. Retrying would clobber their
//   newer file, so the rename fails with the last error instead.
// The destination is never deleted first: an overwrite-rename is retried
// as is.

// Identity of an entry: device, inode, and for non-directories size and
// mtime (a rename keeps all four; a rewrite changes at least one).
function identity (st) {
  if (!st) return null
  const dir = typeof st.isDirectory === 'function' && st.isDirectory()
  return `${st.dev}:${st.ino}` + (dir ? '' : `:${st.size}:${st.mtimeNs !== undefined ? st.mtimeNs : st.mtimeMs}`)
}

function lstatOrNull (lstatSync, p) {
  try {
    return lstatSync(p, { bigint: true, throwIfNoEntry: false }) || null
  } catch (err) {
    if (err && (err.code === 'ENOENT' || err.code === 'ENOTDIR')) return null
    throw err
  }
}

// Returns hooks for the engine, or null when identities cannot be read
// (a custom fs without lstatSync, or unreadable arguments: plain rename
// then reports the argument error itself).
function renameGuard (lstatSync, from, to) {
  if (typeof lstatSync !== 'function') return null
  let src, dst
  try {
    src = identity(lstatOrNull(lstatSync, from))
    dst = identity(lstatOrNull(lstatSync, to))
  } catch {
    return null
  }
  if (src === null) return null // nothing to move: plain rename reports ENOENT
  return {
    result: undefined,
    check () {
      let s, d
      try {
        s = lstatOrNull(lstatSync, from)
        d = identity(lstatOrNull(lstatSync, to))
      } catch {
        return null
      }
      if (s === null && d === src) return 'happened'
      if (d !== dst && d !== src) return 'changed'
      return null
    }
  }
}

module.exports = { renameGuard, identity }
