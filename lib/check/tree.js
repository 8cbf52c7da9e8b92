'use strict'
// Findings of `fsdoctor check` that come from the tree scan and from
// package.json: links that point nowhere, cycles, linked packages whose
// target is gone, inodes near the link maximum, long paths, foreign owners.
// Fixes come from the catalogue (./fixes.js).
const fs = require('node:fs')
const path = require('node:path')
const { fixesFor, reinstallFixes, userName } = require('./fixes')
const { escapeControls } = require('../format')

const SHOWN = 20

function group (list) {
  const by = new Map()
  for (const f of list) {
    if (!by.has(f.key)) by.set(f.key, [])
    by.get(f.key).push(f)
  }
  return by
}

// Where a path sits: in node_modules/.bin, a top-level package slot, other.
function place (dir, p) {
  const rel = path.relative(dir, p).split(path.sep)
  const i = rel.lastIndexOf('node_modules')
  if (i < 0) return 'project'
  const after = rel.slice(i + 1)
  if (after[0] === '.bin') return 'bin'
  if (after.length === 1 || (after.length === 2 && after[0].startsWith('@'))) return 'package'
  return 'node_modules'
}

function rel (dir, p) {
  const r = path.relative(dir, p)
  return r && !r.startsWith('..') ? r : p
}

// Turns scan findings into grouped check findings and notes.
function treeFindings (ctx, dir, result) {
  const items = []
  for (const f of result.findings) {
    const where = place(dir, f.path)
    let key = f.kind
    if (f.kind === 'broken-symlink') key = where === 'bin' ? 'bin' : where === 'package' ? 'linked' : 'broken'
    if (f.kind === 'symlink-loop') key = f.ancestor ? 'ancestor' : 'loop'
    items.push({ key, f })
  }
  const findings = []
  const notes = []
  const counts = result.counts
  for (const [key, list] of group(items)) {
    const fs_ = list.map((x) => x.f)
    const paths = fs_.map((f) => f.path)
    const shown = fs_.slice(0, SHOWN).map((f) => ({ ...f, path: f.path }))
    const n = list.length
    // Each line one entry: a name's own newline or escape shows escaped.
    const lines = fs_.slice(0, SHOWN).map((f) => `  ${escapeControls(rel(dir, f.path))}${f.target ? ` -> ${escapeControls(f.target)}` : ''}${f.nlink !== null ? ` (${f.nlink} links${f.linkMax ? ` of ${f.linkMax}` : ''})` : ''}${f.uid !== null ? ` (${userName(f.uid)})` : ''}`)
    if (n > SHOWN) lines.push(`  … and ${n - SHOWN} more`)
    const base = { paths, count: n, evidence: { items: shown } }
    const detailOf = (head) => [head, ...lines].join('\n')
    const links = (name) => fs_.map((f) => ({ [name]: f.path, linktarget: f.target }))
    const platform = ctx.platform
    switch (key) {
      case 'bin':
        findings.push({ id: 'broken-symlink', severity: 'warning', title: `${n} .bin link${n === 1 ? '' : 's'} point${n === 1 ? 's' : ''} nowhere`, detail: detailOf('Commands in node_modules/.bin whose package is gone:'), ...base, fixes: reinstallFixes(ctx) })
        break
      case 'linked':
        findings.push({ id: 'broken-symlink', severity: 'error', title: `${n} linked package${n === 1 ? '' : 's'} with a missing target`, detail: detailOf('Packages linked with `npm link`, `file:` or a workspace whose target does not exist:'), ...base, fixes: fixesFor(ctx, 'broken-symlink', {}, { items: links('brokenlink') }) })
        break
      case 'broken':
        findings.push({ id: 'broken-symlink', severity: 'warning', title: `${n} broken symlink${n === 1 ? '' : 's'}`, detail: detailOf('Symlinks whose target does not exist:'), ...base, fixes: fixesFor(ctx, 'broken-symlink', {}, { items: links('brokenlink') }) })
        break
      case 'loop':
        findings.push({ id: 'symlink-loop', severity: 'error', title: `${n} symlink${n === 1 ? '' : 's'} in a loop`, detail: detailOf('Following these never ends (ELOOP); tools that walk node_modules fail on them:'), ...base, fixes: fixesFor(ctx, 'symlink-loop', {}, { items: links('looplink') }) })
        break
      case 'ancestor':
        findings.push({ id: 'symlink-loop', severity: 'warning', title: `${n} symlink${n === 1 ? '' : 's'} to a parent directory`, detail: detailOf('Each points at a directory above itself, so a walker that follows links loops forever:'), ...base, fixes: fixesFor(ctx, 'symlink-loop', {}, { items: links('looplink') }) })
        break
      case 'outside-link':
        notes.push({ id: 'outside-link', title: `${n} link${n === 1 ? '' : 's'} leave${n === 1 ? 's' : ''} the project`, detail: detailOf('Linked packages (npm link, file:, workspaces elsewhere); installs on another machine will not have them:'), ...base })
        break
      case 'link-count':
        findings.push({ id: 'hard-link-limit', severity: 'warning', title: `${n} file${n === 1 ? '' : 's'} near the hard-link maximum`, detail: detailOf(`These inodes have ${result.linkThreshold} or more links${result.linkMax ? ` (the filesystem allows ${result.linkMax})` : ''}; the next link fails with EMLINK:`), ...base, fixes: fixesFor(ctx, 'hard-link-limit', { linkmax: result.linkMax || undefined }, { items: fs_.map((f) => ({ path: f.path, nlink: f.nlink })) }) })
        break
      case 'long-path': {
        const total = counts['long-path']
        // Long paths fail on Windows: its fixes, wherever the check runs.
        findings.push({ id: 'path-too-long', severity: platform === 'win32' || platform === 'wsl' ? 'error' : 'warning', title: `${total} path${total === 1 ? '' : 's'} longer than 260 characters`, detail: detailOf('Windows without long paths enabled cannot open these (ENAMETOOLONG, EPERM); first entry past the limit in each subtree:'), ...base, count: total, fixes: fixesFor(ctx, 'path-too-long', {}, { platform: 'win32' }) })
        break
      }
      case 'foreign-owner': {
        const total = counts['foreign-owner']
        findings.push({ id: 'wrong-owner', severity: 'error', title: `${total} entr${total === 1 ? 'y' : 'ies'} owned by another user`, detail: detailOf(`The project belongs to ${userName(result.owner)}; these belong to someone else (often root after \`sudo npm install\`), so installs as you fail with EACCES:`), ...base, count: total, fixes: fixesFor(ctx, 'wrong-owner', {}, { items: fs_.map((f) => ({ component: f.path, owner: userName(f.uid) })) }) })
        break
      }
      case 'unreadable':
        findings.push({ id: 'permission-denied', severity: 'warning', title: `${n} director${n === 1 ? 'y' : 'ies'} could not be read`, detail: detailOf('The scan could not look inside:'), ...base, fixes: fixesFor(ctx, 'permission-denied', { bit: 'r' }, { items: fs_.map((f) => ({ component: f.path, path: f.path })) }) })
        break
      case 'too-deep':
        findings.push({ id: 'path-too-long', severity: 'warning', title: `${n} director${n === 1 ? 'y' : 'ies'} nested too deeply to scan`, detail: detailOf('Nesting this deep usually comes from a link cycle or a runaway install:'), ...base, fixes: reinstallFixes(ctx) })
        break
    }
  }
  return { findings, notes }
}

// file: and link: dependencies in package.json whose target is missing.
function localDeps (dir) {
  let pkg
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  } catch {
    return []
  }
  const out = []
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = pkg[field]
    if (!deps || typeof deps !== 'object') continue
    for (const [name, spec] of Object.entries(deps)) {
      if (typeof spec !== 'string') continue
      const m = /^(file|link|portal):(.*)$/.exec(spec)
      if (!m) continue
      const target = path.resolve(dir, m[2])
      if (!fs.existsSync(target)) out.push({ name, spec, target, field })
    }
  }
  if (!out.length) return []
  return [{
    id: 'broken-symlink',
    severity: 'error',
    title: `${out.length} local dependenc${out.length === 1 ? 'y' : 'ies'} point${out.length === 1 ? 's' : ''} at a missing directory`,
    detail: ['package.json names these file:/link: targets, which do not exist:', ...out.map((d) => `  ${d.name}: ${d.spec} (${d.target})`)].join('\n'),
    paths: out.map((d) => d.target),
    count: out.length,
    evidence: { items: out },
    // Nothing to run while the directory is missing: the fix is a choice.
    fixes: [{ text: 'Restore the directory, fix the path in package.json, or depend on a packed copy (npm pack in the package, then npm install the .tgz).', commands: [], platform: 'all', shell: null }]
  }]
}

module.exports = { treeFindings, localDeps, place }
