'use strict'
// Findings of `fsdoctor check` that come from the tree scan and from
// package.json: links that point nowhere, cycles, linked packages whose
// target is gone, inodes near the link maximum, long paths, foreign owners.
const fs = require('node:fs')
const path = require('node:path')

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

function userName (uid) {
  if (uid === 0) return 'root'
  return `uid ${uid}`
}

// Turns scan findings into grouped check findings and notes.
function treeFindings (dir, result, platform) {
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
    const lines = fs_.slice(0, SHOWN).map((f) => `  ${rel(dir, f.path)}${f.target ? ` -> ${f.target}` : ''}${f.nlink !== null ? ` (${f.nlink} links${f.linkMax ? ` of ${f.linkMax}` : ''})` : ''}${f.uid !== null ? ` (${userName(f.uid)})` : ''}`)
    if (n > SHOWN) lines.push(`  … and ${n - SHOWN} more`)
    const base = { paths, count: n, evidence: { items: shown } }
    const detailOf = (head) => [head, ...lines].join('\n')
    switch (key) {
      case 'bin':
        findings.push({ id: 'broken-symlink', severity: 'warning', title: `${n} .bin link${n === 1 ? '' : 's'} point${n === 1 ? 's' : ''} nowhere`, detail: detailOf('Commands in node_modules/.bin whose package is gone:'), ...base, fixes: [reinstall()] })
        break
      case 'linked':
        findings.push({ id: 'broken-symlink', severity: 'error', title: `${n} linked package${n === 1 ? '' : 's'} with a missing target`, detail: detailOf('Packages linked with `npm link`, `file:` or a workspace whose target does not exist:'), ...base, fixes: [{ text: 'Recreate the target, or unlink the package and install it from the registry.', commands: ['npm unlink <name>', 'npm install'], platform: 'all' }] })
        break
      case 'broken':
        findings.push({ id: 'broken-symlink', severity: 'warning', title: `${n} broken symlink${n === 1 ? '' : 's'}`, detail: detailOf('Symlinks whose target does not exist:'), ...base, fixes: [{ text: 'Remove the dangling links (or reinstall the packages that hold them).', commands: ['rm <link>', 'npm install'], platform: 'all' }] })
        break
      case 'loop':
        findings.push({ id: 'symlink-loop', severity: 'error', title: `${n} symlink${n === 1 ? '' : 's'} in a loop`, detail: detailOf('Following these never ends (ELOOP); tools that walk node_modules fail on them:'), ...base, fixes: [{ text: 'Remove the looping links; reinstall if they were made by an install.', commands: ['rm <link>', 'npm install'], platform: 'all' }] })
        break
      case 'ancestor':
        findings.push({ id: 'symlink-loop', severity: 'warning', title: `${n} symlink${n === 1 ? '' : 's'} to a parent directory`, detail: detailOf('Each points at a directory above itself, so a walker that follows links loops forever:'), ...base, fixes: [{ text: 'Remove the link or point it somewhere that does not contain it.', commands: ['rm <link>'], platform: 'all' }] })
        break
      case 'outside-link':
        notes.push({ id: 'outside-link', title: `${n} link${n === 1 ? '' : 's'} leave${n === 1 ? 's' : ''} the project`, detail: detailOf('Linked packages (npm link, file:, workspaces elsewhere); installs on another machine will not have them:'), ...base })
        break
      case 'link-count':
        findings.push({ id: 'hard-link-limit', severity: 'warning', title: `${n} file${n === 1 ? '' : 's'} near the hard-link maximum`, detail: detailOf(`These inodes have ${result.linkThreshold} or more links${result.linkMax ? ` (the filesystem allows ${result.linkMax})` : ''}; the next link fails with EMLINK:`), ...base, fixes: [{ text: 'Copy instead of linking for this store, or prune it so fewer projects share one inode.', commands: ['pnpm store prune', 'npm config set install-links false'], platform: 'all' }] })
        break
      case 'long-path': {
        const total = counts['long-path']
        findings.push({ id: 'path-too-long', severity: platform === 'win32' || platform === 'wsl' ? 'error' : 'warning', title: `${total} path${total === 1 ? '' : 's'} longer than 260 characters`, detail: detailOf('Windows without long paths enabled cannot open these (ENAMETOOLONG, EPERM); first entry past the limit in each subtree:'), ...base, count: total, fixes: [{ text: 'Enable long paths on Windows, or move the project closer to the drive root.', commands: ['New-ItemProperty -Path HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem -Name LongPathsEnabled -Value 1 -PropertyType DWORD -Force'], platform: 'win32', shell: 'powershell' }] })
        break
      }
      case 'foreign-owner': {
        const total = counts['foreign-owner']
        findings.push({ id: 'wrong-owner', severity: 'error', title: `${total} entr${total === 1 ? 'y' : 'ies'} owned by another user`, detail: detailOf(`The project belongs to ${userName(result.owner)}; these belong to someone else (often root after \`sudo npm install\`), so installs as you fail with EACCES:`), ...base, count: total, fixes: [{ text: 'Give them back to the project owner, then never run npm with sudo in a project.', commands: [`sudo chown -R $(id -u):$(id -g) ${quote(dir)}`], platform: 'all', shell: 'bash' }] })
        break
      }
      case 'unreadable':
        findings.push({ id: 'permission-denied', severity: 'warning', title: `${n} director${n === 1 ? 'y' : 'ies'} could not be read`, detail: detailOf('The scan could not look inside:'), ...base, fixes: [{ text: 'Check the owner and mode of these directories.', commands: ['ls -ld <dir>'], platform: 'all' }] })
        break
      case 'too-deep':
        findings.push({ id: 'path-too-long', severity: 'warning', title: `${n} director${n === 1 ? 'y' : 'ies'} nested too deeply to scan`, detail: detailOf('Nesting this deep usually comes from a link cycle or a runaway install:'), ...base, fixes: [reinstall()] })
        break
    }
  }
  return { findings, notes }
}

function reinstall () {
  return { text: 'Reinstall so npm recreates node_modules and its links.', commands: ['rm -rf node_modules', 'npm install'], platform: 'all' }
}

function quote (p) {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, "'\\''")}'`
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
    fixes: [{ text: 'Restore the directory, fix the path in package.json, or install a packed copy (npm pack, then npm install ./the.tgz).', commands: ['npm pack <dir>', 'npm install ./<name>-<version>.tgz'], platform: 'all' }]
  }]
}

module.exports = { treeFindings, localDeps, place, quote }
