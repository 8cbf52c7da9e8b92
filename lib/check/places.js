'use strict'
// Findings of `fsdoctor check` about where things live and what this
// machine allows: the filesystem and your rights in the project, npm's
// cache and npm's global prefix; leftovers in the cache; descriptor,
// inotify and file-table limits. Fixes come from the catalogue
// (./fixes.js).
const fs = require('node:fs')
const path = require('node:path')
const { fixesFor, userName } = require('./fixes')

const FAT = new Set(['vfat', 'msdos', 'fat', 'exfat', 'fat32'])

const PREFIX = 'npm global prefix'

function noSymlinks (info) {
  return Boolean(info) && (info.symlinks === false || FAT.has(info.type))
}

// What the catalogue's texts say about a place's filesystem.
function fsVars (info) {
  return { mount: info ? info.mountPoint : undefined, fstype: info ? info.type : undefined }
}

function ownerOf (dir) {
  try {
    return fs.statSync(dir).uid
  } catch {
    return null
  }
}

// Filesystem and rights of one location (project, cache, prefix).
function placeFindings (ctx, label, dir, info, priv) {
  const out = []
  const notes = []
  const at = `${label} (${dir})`
  const add = (id, severity, title, detail, evidence, vars) => {
    out.push({ id, severity, title, detail, paths: [dir], count: 1, evidence, fixes: fixesFor(ctx, id, { ...fsVars(info), ...vars }) })
  }
  if (info) {
    const ev = { fs: info }
    if (info.readOnly) {
      add('read-only-fs', 'error', `${label} is on a read-only mount`, `${at} is on ${info.mountPoint || 'a mount'} (${info.type}), mounted read-only: every write fails with EROFS.`, ev, { path: dir })
    }
    if (noSymlinks(info)) {
      add('fs-no-symlinks', label === PREFIX ? 'warning' : 'error', `${label} is on ${info.type}, which cannot hold symlinks`, `${at}: node_modules/.bin links and linked packages fail with EPERM/ENOSYS here.`, ev)
    } else if (info.hardlinks === false) {
      add('fs-no-hardlinks', 'warning', `${label} cannot hold hard links`, `${at} is on ${info.type}; pnpm and other linking installers fall back to copies or fail with EPERM.`, ev)
    }
    if (info.network) {
      add('network-fs', 'warning', `${label} is on a network filesystem (${info.type})`, `${at}: locks, link limits and latency differ from a local disk; installs are slow and may fail with EBUSY, EMLINK or EPERM.`, ev)
    }
    if (info.wslWindowsMount) {
      // Moving the project is advice for the project only.
      add('wsl-windows-mount', 'warning', `${label} is on a Windows drive seen from WSL`, `${at} is on ${info.type}: slow, and symlinks, permissions and file locks behave like Windows.`, ev,
        label === 'project' ? {} : { project: undefined, projectName: undefined })
    }
    if (info.type === 'overlay' || info.type === 'overlayfs') {
      notes.push({ id: 'overlay', title: `${label} is on overlayfs`, detail: `${at}: a container layer; renames of directories from a lower layer copy them first (slow, may fail with EXDEV).`, paths: [dir], count: 1, evidence: { fs: info } })
    }
  }
  if (priv) {
    const ev = { privileges: priv }
    if (priv.canWrite === false) {
      const detail = priv.measuredBy === 'access'
        ? `access(${dir}, W_OK) failed${priv.writeError ? ` with ${priv.writeError}` : ''} (measured without writing there).`
        : `Creating a file in ${dir} failed${priv.writeError ? ` with ${priv.writeError}` : ''}.`
      const uid = ctx.platform === 'win32' ? null : ownerOf(dir)
      if (label === PREFIX) {
        add('global-prefix-not-writable', 'warning', `${label} is not writable by you`, detail, ev)
      } else if (uid !== null && typeof priv.euid === 'number' && priv.euid !== 0 && uid !== priv.euid) {
        add('wrong-owner', 'error', `${label} belongs to ${userName(uid)}, not to you`, detail, ev, { component: dir, owner: userName(uid) })
      } else {
        add('permission-denied', 'error', `${label} is not writable by you`, detail, ev,
          { component: dir, path: dir, bit: 'w', owner: uid === null ? undefined : userName(uid) })
      }
    } else {
      if (priv.canSymlink === false && !noSymlinks(info)) {
        const id = ctx.platform === 'win32' ? 'symlink-privilege' : 'fs-no-symlinks'
        add(id, 'error', `you cannot create symlinks in the ${label}`, `A test symlink in ${dir} failed${priv.symlinkError ? ` with ${priv.symlinkError}` : ''}.`, ev)
      }
      if (priv.canHardlink === false && !(info && info.hardlinks === false) && label !== PREFIX) {
        add('fs-no-hardlinks', 'warning', `you cannot create hard links in the ${label}`, `A test hard link in ${dir} failed${priv.hardlinkError ? ` with ${priv.hardlinkError}` : ''}.`, ev)
      }
    }
  }
  return { findings: out, notes }
}

// Files in npm's cache tmp that an interrupted npm never finished. An
// entry written in the last FRESH_MS (its newest mtime, a directory's
// own entries included) may belong to an npm that is running now: a
// download in progress writes to it all the time, so it is not flagged.
const FRESH_MS = 10 * 60 * 1000

function newestMtime (p) {
  let st
  try {
    st = fs.lstatSync(p)
  } catch {
    return null
  }
  let t = st.mtimeMs
  if (st.isDirectory()) {
    let names = []
    try {
      names = fs.readdirSync(p)
    } catch {}
    for (const n of names.slice(0, 1000)) {
      try {
        t = Math.max(t, fs.lstatSync(path.join(p, n)).mtimeMs)
      } catch {}
    }
  }
  return t
}

// The entries of npm's cache tmp untouched for FRESH_MS: candidates.
function staleCacheTmp (cache, now = Date.now()) {
  const tmp = path.join(cache, '_cacache', 'tmp')
  let names
  try {
    names = fs.readdirSync(tmp)
  } catch {
    return { tmp, names: [], old: [] }
  }
  const old = names.filter((n) => {
    const t = newestMtime(path.join(tmp, n))
    // Gone since the listing (its npm finished), or fresh: not a leftover.
    return t !== null && now - t >= FRESH_MS
  })
  return { tmp, names, old }
}

// held: names of entries a live process has open (measured by the
// caller, who may ask the addon): their writer is alive.
function cacheTmp (ctx, stale, held = new Set()) {
  const { tmp, names } = stale
  const old = stale.old.filter((n) => !held.has(n))
  if (!old.length) return []
  const fresh = names.length - stale.old.length
  const busy = stale.old.length - old.length
  const skipped = [
    fresh ? `${fresh} written in the last ${FRESH_MS / 60000} minutes` : null,
    busy ? `${busy} held open by a running process` : null
  ].filter(Boolean)
  const freshNote = skipped.length ? ` (${skipped.join(' and ')} may belong to an npm that is running and are left out)` : ''
  return [{ id: 'corrupted-cache', severity: 'warning', title: `${old.length} leftover file${old.length === 1 ? '' : 's'} in npm's cache tmp`, detail: `${tmp} holds writes that an interrupted npm never finished, untouched for ${FRESH_MS / 60000} minutes or more${freshNote}; npm may trip over them (EPERM, EEXIST, integrity errors).`, paths: [tmp], count: old.length, evidence: { items: old.slice(0, 20), freshSkipped: fresh, heldSkipped: busy, freshMinutes: FRESH_MS / 60000 }, fixes: fixesFor(ctx, 'corrupted-cache') }]
}

// Limits low enough, or used up enough, to fail an install or a watcher.
// The new values are the ones the catalogue's commands are shown with.
function limitFindings (ctx, l) {
  const out = []
  if (!l) return out
  const add = (id, severity, title, detail, vars) => {
    out.push({ id, severity, title, detail, paths: [], count: 1, evidence: { limits: l }, fixes: fixesFor(ctx, id, vars) })
  }
  if (l.nofileHard !== null && l.nofileHard > 0 && l.nofileHard < 4096) {
    add('too-many-open-files', 'warning', `open-file limit is low (${l.nofileHard})`, `Processes here may open at most ${l.nofileHard} files (hard limit); big installs and bundlers fail with EMFILE.`,
      { limit: l.nofileHard, newlimit: 65536 })
  }
  if (l.inotifyMaxWatches !== null && l.inotifyMaxWatches > 0) {
    const used = l.inotifyWatchesUsed
    const full = used !== null && used > 0.8 * l.inotifyMaxWatches
    if (l.inotifyMaxWatches < 65536 || full) {
      add('watcher-limit', 'warning', `inotify watch limit is ${full ? 'nearly used up' : 'low'} (${used !== null ? `${used} of ` : ''}${l.inotifyMaxWatches})`, 'File watchers (webpack, vite, jest, VS Code) fail with ENOSPC "System limit for number of file watchers reached".',
        { limit: l.inotifyMaxWatches, newlimit: 524288 })
    }
  }
  if (l.fileNr !== null && l.fileMax !== null && l.fileMax > 0 && l.fileNr > 0.9 * l.fileMax) {
    add('file-table-full', 'error', 'the system file table is nearly full', `${l.fileNr} of ${l.fileMax} open files system-wide; opens fail with ENFILE.`,
      { limit: l.fileMax, newlimit: 2097152 })
  }
  return out
}

module.exports = { placeFindings, cacheTmp, staleCacheTmp, limitFindings, fsVars, FRESH_MS }
