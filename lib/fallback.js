'use strict'
// Text-only diagnosis for when the addon is missing (FSDOCTOR_NO_NATIVE=1
// tests this). A small table of priors over code + syscall + path shape +
// platform stands in for src/rules*.c; fixes come from lib/causes.json, which
// is generated from the C catalogue, so the wording stays in one place.
// Nothing is measured: live is always false.
const catalogue = require('./causes.json')

const byId = new Map(catalogue.map((c) => [c.id, c]))

const SHAPES = [
  ['npm-staging', /node_modules\/\.staging/],
  ['pnpm-store', /node_modules\/\.pnpm|\/\.pnpm-store\/|\/pnpm\/store\/|\/\.store\//],
  ['npm-cache', /\/_cacache\//],
  ['node-bin', /node_modules\/\.bin\//],
  ['program-files', /^[a-z]:\/program files/],
  ['windows-dir', /^[a-z]:\/windows\//],
  ['npm-global-prefix', /\/usr\/local\/lib\/node_modules|\/usr\/lib\/node_modules|\/opt\/homebrew\/lib\/node_modules|\/appdata\/roaming\/npm\/|^\/usr\/local\/bin\//],
  ['docker-volume', /\/var\/lib\/docker\/volumes\/|^\/(?:usr\/src\/)?app\/.*node_modules/],
  ['wsl-share', /^\/\/wsl(?:\$|\.localhost)\//],
  ['unc-share', /^\/\/(?!wsl(?:\$|\.localhost)\/)/],
  ['wsl-windows-drive', /^\/mnt\/[a-z](?:\/|$)/],
  ['usr', /^\/usr\//],
  ['macos-system', /^\/system\//],
  ['node-modules', /node_modules/]
]

function shapesOf (...paths) {
  const out = new Set()
  for (const p of paths) {
    if (!p) continue
    const n = p.replace(/\\/g, '/').toLowerCase()
    for (const [name, re] of SHAPES) if (re.test(n)) out.add(name)
  }
  return out
}

function inferPlatform (err) {
  for (const p of [err.path, err.dest]) {
    if (!p) continue
    if (/^[a-zA-Z]:[\\/]|^\\\\/.test(p)) return 'win32'
    if (/^\/mnt\/[a-zA-Z](?:\/|$)/.test(p)) return 'wsl'
    if (/^\/(?:Users|private|Volumes)\//.test(p)) return 'darwin'
    if (p.startsWith('/')) return 'linux'
  }
  if (typeof err.errno === 'number' && err.errno <= -3000) return 'win32'
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux'
}

const RM = ['unlink', 'rmdir', 'rename', 'rm']
const any = (...codes) => (e) => codes.includes(e.code)

// [test(e, shapes, platform), cause id, confidence, why]
const PRIORS = [
  [(e, s, p) => p === 'win32' && any('EPERM', 'EACCES', 'EBUSY')(e) && (RM.includes(e.syscall) || ['open', 'copyfile', 'scandir', 'lstat', null].includes(e.syscall) || e.code === 'EBUSY'),
    'file-locked', 0.7, 'On Windows this usually means another process (an editor, an antivirus scan, a leftover node) had the file open.'],
  [(e, s, p) => p === 'win32' && e.code === 'EPERM' && e.syscall === 'symlink', 'symlink-privilege', 0.8, 'Windows refuses symlinks to accounts without the symlink privilege unless Developer Mode is on.'],
  [(e, s, p) => p !== 'win32' && e.code === 'EPERM' && e.syscall === 'symlink', 'fs-no-symlinks', 0.65, 'symlink() failing with EPERM means the filesystem cannot store symlinks.'],
  [(e) => e.code === 'EPERM' && e.syscall === 'link', 'fs-no-hardlinks', 0.6, 'The filesystem may not support hard links.'],
  [(e, s, p) => p === 'win32' && e.code === 'EPERM' && ['unlink', 'open', 'rmdir'].includes(e.syscall), 'readonly-attribute', 0.3, 'The file may carry the read-only attribute.'],
  [(e, s, p) => p !== 'win32' && e.code === 'EACCES', 'permission-denied', 0.5, 'The mode bits of the path or a directory above it deny this user.'],
  [(e, s, p) => p !== 'win32' && e.code === 'EACCES' && (s.has('npm-cache') || s.has('node-modules')), 'wrong-owner', 0.45, 'Files created by an earlier sudo npm belong to root.'],
  [(e, s) => any('EACCES', 'EPERM')(e) && s.has('npm-global-prefix'), 'global-prefix-not-writable', 0.8, 'The path is under a usual npm global prefix, which belongs to root or the system.'],
  [(e, s) => any('EACCES', 'EPERM')(e) && (s.has('program-files') || s.has('windows-dir') || s.has('macos-system') || (s.has('usr') && !s.has('npm-global-prefix'))), 'protected-location', 0.7, 'The path is in a system location that only administrators may change.'],
  [(e, s) => s.has('npm-cache') && any('ENOENT', 'EEXIST', 'EINTEGRITY', 'ENOTEMPTY', 'EBADF')(e), 'corrupted-cache', 0.8, 'The path is inside npm\'s cache, where interrupted writes leave broken entries.'],
  [(e, s) => s.has('npm-cache') && any('EPERM', 'EACCES', 'EBUSY')(e), 'corrupted-cache', 0.5, 'The path is inside npm\'s cache, where interrupted writes leave broken entries.'],
  [(e, s, p) => p === 'wsl' || s.has('wsl-windows-drive'), 'wsl-windows-mount', 0.7, 'The path is on a Windows drive seen from WSL, where permissions, links and locks are emulated.'],
  [(e, s) => s.has('wsl-share'), 'wsl-mixed-node', 0.75, 'Windows tools are working on files inside WSL.'],
  [(e, s) => s.has('unc-share') || e.code === 'ESTALE', 'network-fs', 0.6, 'The path is on a network share.'],
  [any('EROFS'), 'read-only-fs', 0.85, 'The filesystem is mounted read-only.'],
  [(e) => e.code === 'EMLINK' && ['mkdir', 'rename'].includes(e.syscall), 'subdirectory-limit', 0.8, 'The parent directory has as many subdirectories as the filesystem allows.'],
  [(e) => e.code === 'EMLINK' && !['mkdir', 'rename'].includes(e.syscall), 'hard-link-limit', 0.8, 'The file has as many hard links as the filesystem allows.'],
  [any('ELOOP'), 'symlink-loop', 0.85, 'Resolving the path followed too many symlinks: a cycle, or a very long chain.'],
  [(e, s) => e.code === 'ENOENT' && s.has('node-bin'), 'broken-symlink', 0.45, 'A bin link dangles when its package is missing.'],
  [(e) => e.code === 'EMFILE' && e.syscall !== 'watch', 'too-many-open-files', 0.9, 'The process reached its limit of open file descriptors.'],
  [(e) => (e.code === 'ENOSPC' || e.code === 'EMFILE') && e.syscall === 'watch', 'watcher-limit', 0.9, 'fs.watch ran out of inotify watches.'],
  [any('ENFILE'), 'file-table-full', 0.9, 'The system-wide table of open files is full.'],
  [(e) => e.code === 'ENOSPC' && e.syscall !== 'watch', 'disk-full', 0.6, 'The filesystem ran out of space.'],
  [(e) => e.code === 'ENOSPC' && e.syscall !== 'watch', 'inodes-exhausted', 0.35, 'Or it ran out of inodes.'],
  [any('EDQUOT'), 'quota-exceeded', 0.9, 'The disk quota is used up.'],
  [any('ENAMETOOLONG'), 'path-too-long', 0.9, 'The path or a name in it is too long.'],
  [(e, s, p) => p === 'win32' && e.path && e.path.length >= 248, 'path-too-long', 0.7, 'The path is longer than MAX_PATH allows without long paths.'],
  [any('EXDEV'), 'cross-device', 0.9, 'The two paths are on different filesystems.'],
  [any('ETXTBSY'), 'text-file-busy', 0.85, 'The file is a program that is running.'],
  [(e, s, p) => e.code === 'EBUSY' && p !== 'win32' && (RM.includes(e.syscall) || s.has('docker-volume')), 'mount-point-busy', 0.5, 'EBUSY from removing a directory usually means it is a mount point.'],
  [any('ENOTEMPTY'), 'dir-not-empty', 0.85, 'The directory still has entries.']
]

function quote (v, shell, win) {
  if (/^[A-Za-z0-9_\-./:@%+=,]+$/.test(v) || (win && /^[A-Za-z0-9_\-./:@%+=,\\]+$/.test(v))) return v
  if (shell === 'cmd' || (!shell && win)) return `"${v.replace(/"/g, '')}"`
  return shell === 'powershell' ? `'${v.replace(/'/g, "''")}'` : `'${v.replace(/'/g, "'\\''")}'`
}

function fill (tmpl, vars, shell, isCommand, win) {
  return tmpl.replace(/\{([A-Za-z]+)\}/g, (m, key) => {
    const v = vars[key]
    if (v) return isCommand ? quote(v, shell, win) : v
    return isCommand ? `<${key}>` : `the ${key}`
  })
}

function platformMatch (tag, platform) {
  if (tag === 'all' || tag === platform) return true
  if (tag === 'posix') return platform !== 'win32'
  if (tag === 'linux') return platform === 'wsl'
  return false
}

function fixesFor (id, platform, vars) {
  const c = byId.get(id)
  const win = platform === 'win32'
  return c.fixes
    .filter((f) => platformMatch(f.platform, platform) && !(f.need && !f.need.startsWith('!')))
    .map((f) => ({
      text: fill(f.text, vars, null, false, win),
      commands: f.commands.map((cmd) => fill(cmd, vars, f.shell, true, win)),
      platform: f.platform === 'all' ? 'all' : (f.platform === 'posix' || f.platform === 'linux') ? platform : f.platform,
      shell: f.shell
    }))
}

function diagnose (err, platformHint) {
  const platform = platformHint || inferPlatform(err)
  const shapes = shapesOf(err.path, err.dest)
  const e = { ...err, syscall: err.syscall || null }
  const found = new Map()
  for (const [test, id, confidence, why] of PRIORS) {
    let ok = false
    try {
      ok = test(e, shapes, platform)
    } catch {}
    if (ok && (!found.has(id) || found.get(id).confidence < confidence)) found.set(id, { id, confidence, why })
  }
  if (!found.size) {
    found.set('unknown', {
      id: 'unknown',
      confidence: 0.1,
      why: `No known cause of ${e.code}${e.syscall ? ` from ${e.syscall}` : ''} matched. Checked: the error text only (the native addon is not loaded).`
    })
  }
  const dir = err.path ? err.path.replace(/[\\/][^\\/]*[\\/]?$/, '') || '/' : null
  const nm = err.path ? err.path.search(/[\\/]node_modules(?:[\\/]|$)/) : -1
  const project = nm > 0 ? err.path.slice(0, nm) : dir
  const vars = { path: err.path, dest: err.dest, dir, project }
  const ranked = [...found.values()].sort((a, b) => b.confidence - a.confidence).slice(0, 6)
  const top = byId.get(ranked[0].id)
  const transientCodes = ['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'ETXTBSY', 'ENOTEMPTY', 'EINTR']
  return {
    code: e.code,
    syscall: e.syscall,
    path: err.path || null,
    dest: err.dest || null,
    errno: typeof err.errno === 'number' ? err.errno : null,
    platform,
    live: false,
    summary: `${e.code}${e.syscall ? ` from ${e.syscall}` : ''}: ${ranked[0].why} (judged from the error text alone)`,
    transient: top.id === 'unknown' ? transientCodes.includes(e.code) : top.transient,
    causes: ranked.map((r) => ({
      id: r.id,
      title: byId.get(r.id).title,
      confidence: r.confidence,
      detail: r.why,
      evidence: { from: 'text', syscall: e.syscall, pathShapes: [...shapes] },
      fixes: fixesFor(r.id, platform, vars)
    })),
    facts: { source: 'text', pathShapes: [...shapes], native: false }
  }
}

module.exports = { diagnose, inferPlatform, shapesOf }
