'use strict'
// check(dir): the health report behind `fsdoctor check`. Measures the
// filesystems and rights of the project, npm's cache and npm's global
// prefix (./places.js), scans the project tree natively, else with
// ./walk.js, and reads package.json (./tree.js); each finding's fixes come
// from the catalogue (./fixes.js). Starts no process: npm's locations come
// from the environment and .npmrc the way npm itself finds them.
const fs = require('node:fs')
const path = require('node:path')
const { treeFindings, localDeps } = require('./tree')
const { placeFindings, cacheTmp, limitFindings, fsVars } = require('./places')
const { fixContext } = require('./fixes')
const { escapeControls } = require('../format')
const { npmPaths } = require('../npm-config')

async function attempt (skipped, what, fn) {
  try {
    return await fn()
  } catch (err) {
    skipped.push({ check: what, reason: err && err.code ? `${err.code}: ${err.message}` : String(err) })
    return null
  }
}

const ORDER = { error: 0, warning: 1, info: 2 }

// options: { env, signal, onProgress(p), scan: false to skip the tree walk }
async function check (dir, options = {}) {
  const fsdoctor = require('..')
  const env = options.env || process.env
  const root = path.resolve(dir)
  const st = fs.statSync(root) // ENOENT etc. go to the caller
  if (!st.isDirectory()) {
    const err = new Error(`ENOTDIR: not a directory, check '${root}'`)
    err.code = 'ENOTDIR'
    throw err
  }
  fs.readdirSync(root) // EACCES goes to the caller
  const info = fsdoctor.platformInfo()
  const platform = info.wsl ? 'wsl' : info.platform
  const npm = npmPaths({ env, cwd: root })
  const skipped = []
  const findings = []
  const notes = []
  const facts = { platform, node: process.version, dir: root, npm }
  const places = [['project', root], ['npm cache', npm.cache], ['npm global prefix', npm.prefix]]
  facts.places = {}
  for (const [label, p] of places) {
    if (!fs.existsSync(p)) {
      facts.places[label] = { path: p, exists: false }
      continue
    }
    const fsinfo = await attempt(skipped, `filesystem of ${label}`, () => fsdoctor.fsInfo(p))
    const priv = await attempt(skipped, `rights in ${label}`, () => fsdoctor.privileges(p))
    facts.places[label] = { path: p, exists: true, fs: fsinfo, privileges: priv }
  }
  const mounts = Object.values(facts.places).map((p) => p.fs && p.fs.mountPoint)
  const ctx = fixContext(platform, { project: root, cache: npm.cache, prefix: npm.prefix, mounts }, {
    project: root,
    projectName: path.basename(root),
    cache: npm.cache,
    prefix: npm.prefix,
    ...fsVars(facts.places.project.fs)
  })
  for (const [label, p] of places) {
    const place = facts.places[label]
    if (!place.exists) continue
    const r = placeFindings(ctx, label, p, place.fs, place.privileges)
    findings.push(...r.findings)
    notes.push(...r.notes)
  }
  if (options.scan !== false) {
    // Link counts cost a stat per file: cheap on POSIX, but on Windows an
    // open per file (about 30x the walk itself under wine), so they are
    // left to scan({ linkThreshold }) there. Windows has no uids to compare.
    const win = process.platform === 'win32'
    const opts = { owner: !win, linkThreshold: !win, maxResults: 5000, signal: options.signal, onProgress: options.onProgress }
    const scan = await attempt(skipped, 'tree scan', async () => {
      try {
        return await fsdoctor.scan(root, opts)
      } catch (err) {
        // No addon (or an old one without the native scan): walk in JS.
        if (err.code !== 'ERR_FSDOCTOR_NO_NATIVE' && err.code !== 'ENOSYS') throw err
        return require('./walk').walkSync(root, { ...opts, linkThreshold: 0 })
      }
    })
    if (scan) {
      const t = treeFindings(ctx, root, scan)
      findings.push(...t.findings)
      notes.push(...t.notes)
      facts.scan = { entries: scan.entries, dirs: scan.dirs, files: scan.files, symlinks: scan.symlinks, counts: scan.counts, truncated: scan.truncated, linkMax: scan.linkMax, elapsedMs: scan.elapsedMs }
    }
  }
  findings.push(...localDeps(root))
  // Root-owned files in the cache (after `sudo npm ...`). Not on Windows,
  // where the scan has no owner check: the walk would find nothing.
  const cacache = path.join(npm.cache, '_cacache')
  if (options.scan !== false && process.platform !== 'win32' && fs.existsSync(cacache)) {
    const cs = await attempt(skipped, 'owner scan of the npm cache', () => fsdoctor.scan(npm.cache, {
      owner: true, maxResults: 200, outside: false, linkThreshold: 0, longPath: 0, signal: options.signal
    }))
    if (cs && cs.counts['foreign-owner'] > 0) {
      const t = treeFindings(ctx, npm.cache, { ...cs, findings: cs.findings.filter((f) => f.kind === 'foreign-owner') })
      for (const f of t.findings) f.title = `npm cache: ${f.title}`
      findings.push(...t.findings)
    }
  }
  findings.push(...cacheTmp(ctx, npm.cache))
  const limits = await attempt(skipped, 'limits', () => fsdoctor.limits())
  facts.limits = limits
  findings.push(...limitFindings(ctx, limits))
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
  // Prose is read, not pasted: a name's control characters show as escapes
  // in titles and fix texts (details escape each entry where they list
  // them, tree.js; paths stay as they are).
  for (const f of [...findings, ...notes]) {
    if (typeof f.title === 'string') f.title = escapeControls(f.title)
    for (const fix of f.fixes || []) fix.text = escapeControls(fix.text)
  }
  return { dir: root, ok: findings.length === 0, findings, notes, facts, skipped }
}

module.exports = { check }
