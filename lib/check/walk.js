'use strict'
// The tree scan in JavaScript, for `fsdoctor check` where the native one
// is missing (the addon did not load). Same result shape as scan()
// (index.d.ts ScanResult), slower.
const fs = require('node:fs')
const path = require('node:path')

const KINDS = ['broken-symlink', 'symlink-loop', 'outside-link', 'link-count', 'long-path', 'unreadable', 'too-deep', 'foreign-owner']

function under (p, root) {
  if (!root) return false
  const rel = path.relative(root, p)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

function walkSync (root, options = {}) {
  const started = Date.now()
  const maxResults = options.maxResults ?? 10000
  const longPath = options.longPath ?? 260
  const maxDepth = options.maxDepth ?? 1024
  let realRoot = null
  try { realRoot = fs.realpathSync(root) } catch {}
  const rootStat = fs.statSync(root)
  const owner = options.owner === true ? rootStat.uid : (typeof options.owner === 'number' ? options.owner : null)
  const r = {
    path: root, realPath: realRoot, entries: 0, dirs: 1, files: 0, symlinks: 0, others: 0,
    counts: Object.fromEntries(KINDS.map((k) => [k, 0])), findings: [], truncated: false, cancelled: false,
    linkMax: null, linkThreshold: typeof options.linkThreshold === 'number' ? options.linkThreshold : 0,
    owner: owner === undefined ? null : owner, elapsedMs: 0
  }
  const add = (kind, p, extra = {}) => {
    r.counts[kind]++
    if (r.findings.length >= maxResults) {
      r.truncated = true
      return
    }
    r.findings.push({ kind, path: p, length: p.length, target: null, resolved: null, error: null, ancestor: false, nlink: null, linkMax: null, uid: null, ...extra })
  }
  const ancestors = []
  // Each directory on the way down, by dev/ino, to catch links to them.
  const walk = (dir, depth, parentLong, parentForeign) => {
    let st
    try { st = fs.statSync(dir) } catch {}
    ancestors.push({ path: dir, dev: st ? st.dev : -1, ino: st ? st.ino : -1 })
    try {
      walkEntries(dir, depth, parentLong, parentForeign)
    } finally {
      ancestors.pop()
    }
  }
  const walkEntries = (dir, depth, parentLong, parentForeign) => {
    let list
    try {
      list = fs.readdirSync(dir, { withFileTypes: true })
    } catch (err) {
      add('unreadable', dir, { error: err.code || 'UNKNOWN' })
      return
    }
    for (const e of list) {
      const p = path.join(dir, e.name)
      r.entries++
      const isLong = longPath > 0 && p.length > longPath
      if (isLong) {
        if (parentLong) r.counts['long-path']++
        else add('long-path', p)
      }
      let foreign = false
      if (owner !== null || r.linkThreshold > 0) {
        try {
          const st = fs.lstatSync(p)
          if (owner !== null && st.uid !== owner) {
            foreign = true
            if (parentForeign) r.counts['foreign-owner']++
            else add('foreign-owner', p, { uid: st.uid })
          }
          if (e.isFile() && r.linkThreshold > 0 && st.nlink >= r.linkThreshold) add('link-count', p, { nlink: st.nlink })
        } catch {}
      }
      if (e.isDirectory()) {
        r.dirs++
        if (depth + 1 > maxDepth) add('too-deep', p)
        else walk(p, depth + 1, isLong, foreign || parentForeign)
      } else if (e.isSymbolicLink()) {
        r.symlinks++
        let target = null
        try { target = fs.readlinkSync(p) } catch {}
        let st
        try {
          st = fs.statSync(p)
        } catch (err) {
          add(err.code === 'ELOOP' ? 'symlink-loop' : 'broken-symlink', p, { target, error: err.code || 'UNKNOWN' })
          continue
        }
        if (st.isDirectory() && ancestors.some((a) => a.dev === st.dev && a.ino === st.ino)) {
          const a = ancestors.find((x) => x.dev === st.dev && x.ino === st.ino)
          add('symlink-loop', p, { target, resolved: a.path, ancestor: true })
          continue
        }
        if (options.outside !== false && target !== null) {
          const lex = path.resolve(dir, target)
          if (!under(lex, root) && !under(lex, realRoot)) {
            let real = lex
            try { real = fs.realpathSync(p) } catch {}
            if (!under(real, realRoot)) add('outside-link', p, { target, resolved: real })
          }
        }
      } else if (e.isFile()) {
        r.files++
      } else {
        r.others++
      }
    }
  }
  walk(root, 0, longPath > 0 && root.length > longPath, false)
  r.elapsedMs = Date.now() - started
  return r
}

module.exports = { walkSync }
