'use strict'
// check(dir): the health report behind `fsdoctor check`. Scans the project
// tree natively, reads package.json, and measures the filesystems and
// rights of the project, npm's cache and npm's global prefix. Starts no
// process: npm's locations come from the environment and .npmrc the way npm
// itself finds them.
const fs = require('node:fs')
const path = require('node:path')
const { treeFindings, localDeps, quote } = require('./tree')
const { npmPaths } = require('../npm-config')

async function attempt (skipped, what, fn) {
  try {
    return await fn()
  } catch (err) {
    skipped.push({ check: what, reason: err && err.code ? `${err.code}: ${err.message}` : String(err) })
    return null
  }
}

const FAT = new Set(['vfat', 'msdos', 'fat', 'exfat', 'fat32'])

// Filesystem and rights of one location (project, cache, prefix).
function placeFindings (label, dir, info, priv, platform) {
  const out = []
  const notes = []
  const at = `${label} (${dir})`
  if (info) {
    const base = { paths: [dir], count: 1, evidence: { fs: info } }
    if (info.readOnly) {
      out.push({ id: 'read-only-fs', severity: 'error', title: `${label} is on a read-only mount`, detail: `${at} is on ${info.mountPoint || 'a mount'} (${info.type}), mounted read-only: every write fails with EROFS.`, ...base, fixes: [{ text: 'Move it to a writable filesystem, or remount read-write if that is intended.', commands: [`sudo mount -o remount,rw ${info.mountPoint || '<mount point>'}`], platform: 'linux' }] })
    }
    if (info.symlinks === false || FAT.has(info.type)) {
      out.push({ id: 'fs-no-symlinks', severity: label === 'npm global prefix' ? 'warning' : 'error', title: `${label} is on ${info.type}, which cannot hold symlinks`, detail: `${at}: node_modules/.bin links and linked packages fail with EPERM/ENOSYS here.`, ...base, fixes: [{ text: 'Move the project to a filesystem with symlinks (NTFS, ext4, APFS), or install without bin links.', commands: ['npm install --no-bin-links'], platform: 'all' }] })
    } else if (info.hardlinks === false) {
      out.push({ id: 'fs-no-hardlinks', severity: 'warning', title: `${label} cannot hold hard links`, detail: `${at} is on ${info.type}; pnpm and other linking installers fall back to copies or fail with EPERM.`, ...base, fixes: [{ text: 'Tell the installer to copy.', commands: ['pnpm config set package-import-method copy'], platform: 'all' }] })
    }
    if (info.network) {
      out.push({ id: 'network-fs', severity: 'warning', title: `${label} is on a network filesystem (${info.type})`, detail: `${at}: locks, link limits and latency differ from a local disk; installs are slow and may fail with EBUSY, EMLINK or EPERM.`, ...base, fixes: [{ text: 'Keep node_modules and the npm cache on a local disk.', commands: ['npm config set cache <local dir>'], platform: 'all' }] })
    }
    if (info.wslWindowsMount) {
      out.push({ id: 'wsl-windows-mount', severity: 'warning', title: `${label} is on a Windows drive seen from WSL`, detail: `${at} is on ${info.type}: slow, and symlinks, permissions and file locks behave like Windows.`, ...base, fixes: [{ text: 'Move the project into the Linux filesystem (e.g. ~/projects) and run npm there.', commands: [`mv ${quote(dir)} ~/projects/`], platform: 'wsl', shell: 'bash' }] })
    }
    if (info.type === 'overlay' || info.type === 'overlayfs') {
      notes.push({ id: 'overlay', title: `${label} is on overlayfs`, detail: `${at}: a container layer; renames of directories from a lower layer copy them first (slow, may fail with EXDEV).`, paths: [dir], count: 1, evidence: { fs: info } })
    }
  }
  if (priv) {
    const base = { paths: [dir], count: 1, evidence: { privileges: priv } }
    if (priv.canWrite === false) {
      const id = label === 'npm global prefix' ? 'global-prefix-not-writable' : 'permission-denied'
      out.push({ id, severity: label === 'npm global prefix' ? 'warning' : 'error', title: `${label} is not writable by you`, detail: `Creating a file in ${dir} failed${priv.writeError ? ` with ${priv.writeError}` : ''}.`, ...base, fixes: id === 'global-prefix-not-writable' ? [{ text: 'Use a prefix you own instead of sudo.', commands: ['mkdir -p ~/.npm-global', 'npm config set prefix ~/.npm-global', 'export PATH=~/.npm-global/bin:$PATH'], platform: 'all', shell: 'bash' }] : [{ text: 'Take ownership back (it was probably created with sudo).', commands: [`sudo chown -R $(id -u):$(id -g) ${quote(dir)}`], platform: 'all', shell: 'bash' }] })
    } else {
      if (priv.canSymlink === false && !(info && (info.symlinks === false || FAT.has(info.type)))) {
        const win = platform === 'win32'
        out.push({ id: win ? 'symlink-privilege' : 'fs-no-symlinks', severity: 'error', title: `you cannot create symlinks in the ${label}`, detail: `A test symlink in ${dir} failed${priv.symlinkError ? ` with ${priv.symlinkError}` : ''}.`, ...base, fixes: win ? [{ text: 'Turn on Developer Mode (Settings > For developers), or run the terminal as Administrator.', commands: ['start ms-settings:developers'], platform: 'win32', shell: 'cmd' }] : [{ text: 'Install without symlinks.', commands: ['npm install --no-bin-links --install-links'], platform: 'all' }] })
      }
      if (priv.canHardlink === false && !(info && info.hardlinks === false) && label !== 'npm global prefix') {
        out.push({ id: 'fs-no-hardlinks', severity: 'warning', title: `you cannot create hard links in the ${label}`, detail: `A test hard link in ${dir} failed${priv.hardlinkError ? ` with ${priv.hardlinkError}` : ''}.`, ...base, fixes: [{ text: 'Tell linking installers to copy.', commands: ['pnpm config set package-import-method copy'], platform: 'all' }] })
      }
    }
  }
  return { findings: out, notes }
}

function cacheTmp (cache) {
  const tmp = path.join(cache, '_cacache', 'tmp')
  let names
  try {
    names = fs.readdirSync(tmp)
  } catch {
    return []
  }
  if (!names.length) return []
  return [{ id: 'corrupted-cache', severity: 'warning', title: `${names.length} leftover file${names.length === 1 ? '' : 's'} in npm's cache tmp`, detail: `${tmp} holds writes that an interrupted npm never finished; npm may trip over them (EPERM, EEXIST, integrity errors).`, paths: [tmp], count: names.length, evidence: { items: names.slice(0, 20) }, fixes: [{ text: 'Let npm check and repair its cache.', commands: ['npm cache verify'], platform: 'all' }] }]
}

function limitFindings (l) {
  const out = []
  if (!l) return out
  const base = { paths: [], count: 1, evidence: { limits: l } }
  if (l.nofileHard !== null && l.nofileHard > 0 && l.nofileHard < 4096) {
    out.push({ id: 'too-many-open-files', severity: 'warning', title: `open-file limit is low (${l.nofileHard})`, detail: `Processes here may open at most ${l.nofileHard} files (hard limit); big installs and bundlers fail with EMFILE.`, ...base, fixes: [{ text: 'Raise the limit in your shell or in /etc/security/limits.conf.', commands: ['ulimit -n 65536'], platform: 'linux', shell: 'bash' }] })
  }
  if (l.inotifyMaxWatches !== null && l.inotifyMaxWatches > 0) {
    const used = l.inotifyWatchesUsed
    if (l.inotifyMaxWatches < 65536 || (used !== null && used > 0.8 * l.inotifyMaxWatches)) {
      out.push({ id: 'watcher-limit', severity: 'warning', title: `inotify watch limit is ${used !== null && used > 0.8 * l.inotifyMaxWatches ? 'nearly used up' : 'low'} (${used !== null ? `${used} of ` : ''}${l.inotifyMaxWatches})`, detail: 'File watchers (webpack, vite, jest, VS Code) fail with ENOSPC "System limit for number of file watchers reached".', ...base, fixes: [{ text: 'Raise fs.inotify.max_user_watches.', commands: ['echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-inotify.conf', 'sudo sysctl --system'], platform: 'linux', shell: 'bash' }] })
    }
  }
  if (l.fileNr !== null && l.fileMax !== null && l.fileMax > 0 && l.fileNr > 0.9 * l.fileMax) {
    out.push({ id: 'file-table-full', severity: 'error', title: 'the system file table is nearly full', detail: `${l.fileNr} of ${l.fileMax} open files system-wide; opens fail with ENFILE.`, ...base, fixes: [{ text: 'Find the process with the most open files, or raise fs.file-max.', commands: ['sudo sysctl -w fs.file-max=2097152'], platform: 'linux', shell: 'bash' }] })
  }
  return out
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
  let scan = null
  if (options.scan !== false) {
    // Link counts cost a stat per file: cheap on POSIX, but on Windows an
    // open per file (about 30x the walk itself under wine), so they are
    // left to scan({ linkThreshold }) there. Windows has no uids to compare.
    const win = process.platform === 'win32'
    const opts = { owner: !win, linkThreshold: !win, maxResults: 5000, signal: options.signal, onProgress: options.onProgress }
    scan = await attempt(skipped, 'tree scan', async () => {
      try {
        return await fsdoctor.scan(root, opts)
      } catch (err) {
        // No addon (or an old one without the native scan): walk in JS.
        if (err.code !== 'ERR_FSDOCTOR_NO_NATIVE' && err.code !== 'ENOSYS') throw err
        return require('./walk').walkSync(root, { ...opts, linkThreshold: 0 })
      }
    })
    if (scan) {
      const t = treeFindings(root, scan, platform)
      findings.push(...t.findings)
      notes.push(...t.notes)
      facts.scan = { entries: scan.entries, dirs: scan.dirs, files: scan.files, symlinks: scan.symlinks, counts: scan.counts, truncated: scan.truncated, linkMax: scan.linkMax, elapsedMs: scan.elapsedMs }
    }
  }
  findings.push(...localDeps(root))
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
    const r = placeFindings(label, p, fsinfo, priv, platform)
    findings.push(...r.findings)
    notes.push(...r.notes)
  }
  // Root-owned files in the cache (after `sudo npm ...`). Not on Windows,
  // where the scan has no owner check: the walk would find nothing.
  const cacache = path.join(npm.cache, '_cacache')
  if (options.scan !== false && process.platform !== 'win32' && fs.existsSync(cacache)) {
    const cs = await attempt(skipped, 'owner scan of the npm cache', () => fsdoctor.scan(npm.cache, {
      owner: true, maxResults: 200, outside: false, linkThreshold: 0, longPath: 0, signal: options.signal
    }))
    if (cs && cs.counts['foreign-owner'] > 0) {
      const t = treeFindings(npm.cache, { ...cs, findings: cs.findings.filter((f) => f.kind === 'foreign-owner') }, platform)
      for (const f of t.findings) f.title = `npm cache: ${f.title}`
      findings.push(...t.findings)
    }
  }
  findings.push(...cacheTmp(npm.cache))
  const limits = await attempt(skipped, 'limits', () => fsdoctor.limits())
  facts.limits = limits
  findings.push(...limitFindings(limits))
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
  return { dir: root, ok: findings.length === 0, findings, notes, facts, skipped }
}

module.exports = { check }
