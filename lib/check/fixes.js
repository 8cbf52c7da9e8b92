'use strict'
// The fixes of check's findings come from the catalogue (lib/causes.json,
// generated from the C table the diagnosis uses), so `fsdoctor check` and a
// diagnosis give the same advice for the same cause. Each template is filled
// with what check measured. A fix that names a value check did not measure
// is left out: no placeholder reaches the text or a command. A command that
// removes or re-owns something is shown only when its target is a measured
// path inside the project or npm's cache, and is none of a filesystem root,
// the home directory, a mount point or the global prefix.
const os = require('node:os')
const path = require('node:path')
const catalogue = require('../causes.json')

const CAUSES = new Map(catalogue.map((c) => [c.id, c]))

// A placeholder is {identifier}; PowerShell's { $_ … } is not one.
const PLACEHOLDER = /\{([A-Za-z]{1,31})\}/g

// rm, rimraf, rmdir, Remove-Item, find -delete; chown -R, takeown, icacls /grant.
const DESTROY_OR_REOWN = /(^|[\s;&|(])(rm|rmdir|rimraf|Remove-Item|takeown)\b|\s-delete\b|\bchown\s+-R\b|\bicacls\b.*\/grant\b/

// The platforms a fix's tag covers (as the C selects them).
function platformMatch (tag, platform) {
  if (tag === 'all' || tag === platform) return true
  if (tag === 'posix') return platform !== 'win32'
  if (tag === 'linux') return platform === 'wsl'
  return false
}

// A value in a command, quoted for its shell when it needs it: bash and
// PowerShell single quotes, cmd (and a Windows command with no shell named)
// double quotes. The same rule as the C's for the diagnosis' fixes.
function quote (value, shell, win) {
  const s = String(value)
  if (s !== '' && (win ? /^[\w\-./:@%+=,\\]+$/ : /^[\w\-./:@%+=,]+$/).test(s)) return s
  if (shell === 'cmd' || (!shell && win)) return `"${s.replace(/"/g, '')}"`
  if (shell === 'powershell') return `'${s.replace(/'/g, "''")}'`
  return `'${s.replace(/'/g, "'\\''")}'`
}

function names (tmpl) {
  return [...tmpl.matchAll(PLACEHOLDER)].map((m) => m[1])
}

function fill (tmpl, vals, command, shell, win) {
  return tmpl.replace(PLACEHOLDER, (_, k) => (command ? quote(vals[k], shell, win) : String(vals[k])))
}

// path.relative compares as the platform does (case-insensitively on Windows).
function same (a, b) {
  return path.relative(a, b) === ''
}

function inside (p, root) {
  const rel = path.relative(root, p)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

function isRootOrHome (p) {
  return same(p, path.parse(p).root) || same(p, os.homedir())
}

// places: { project, cache, prefix, mounts: [mount points measured] }.
// vars: what every finding may name (project, cache, prefix, …).
function fixContext (platform, places, vars) {
  const absolute = (p) => typeof p === 'string' && path.isAbsolute(p)
  const roots = [places.project, places.cache].filter((r) => absolute(r) && !isRootOrHome(r))
  const refused = [places.prefix, ...places.mounts].filter(absolute)
  const safe = (v) => absolute(v) && !isRootOrHome(v) && !refused.some((r) => same(v, r)) && roots.some((r) => inside(v, r))
  return { platform, vars, safe }
}

// One catalogue fix filled with vals, or null when it names a value that
// was not measured. Commands whose removal or re-owning target is not safe
// are dropped.
function fillFix (ctx, f, vals, platform) {
  const known = (k) => vals[k] !== undefined && vals[k] !== null && vals[k] !== ''
  if (!names(f.text).every(known)) return null
  const win = platform === 'win32'
  const commands = []
  for (const c of f.commands) {
    const keys = names(c)
    if (!keys.every(known)) return null
    if (DESTROY_OR_REOWN.test(c) && !(keys.length && keys.every((k) => ctx.safe(vals[k])))) continue
    commands.push(fill(c, vals, true, f.shell, win))
  }
  return {
    text: fill(f.text, vals, false),
    commands,
    // "posix" is the catalogue's; a finding knows only platforms and "all".
    platform: f.platform === 'all' ? 'all' : f.platform === 'posix' || f.platform === 'linux' ? platform : f.platform,
    shell: f.shell
  }
}

// The catalogue's fixes for cause `id`, filled. `items`: one set of values
// per path of a grouped finding; a fix that names one of them is filled
// with the first and says that the others are alike. `platform`: whose
// fixes (default: this machine's).
function fixesFor (ctx, id, vars = {}, { items = [], platform = ctx.platform } = {}) {
  const cause = CAUSES.get(id)
  if (!cause) throw new Error(`fsdoctor: no cause '${id}' in lib/causes.json`)
  const vals = { ...ctx.vars, ...vars }
  const out = []
  for (const f of cause.fixes) {
    if (!platformMatch(f.platform, platform) || f.kind !== null) continue
    if (f.need && (f.need[0] === '!' ? vals[f.need.slice(1)] !== undefined : vals[f.need] === undefined)) continue
    let fix = fillFix(ctx, f, vals, platform)
    if (fix === null && items.length) {
      fix = fillFix(ctx, f, { ...vals, ...items[0] }, platform)
      if (fix && items.length > 1) fix.text += ` The same goes for ${items.length === 2 ? 'the other one' : `the ${items.length - 1} others`} listed above.`
    }
    if (fix) out.push(fix)
  }
  return out
}

// Remove node_modules and install again: the catalogue's remover (npx
// rimraf) on the project's own node_modules, named by its absolute path.
function reinstallFixes (ctx) {
  const project = ctx.vars.project
  const nm = path.join(project, 'node_modules')
  if (!ctx.safe(nm)) return []
  const win = ctx.platform === 'win32'
  return [{
    text: 'Remove node_modules and install again, so npm recreates it and its links.',
    commands: [`npx rimraf ${quote(nm, null, win)}`, `npm install --prefix ${quote(project, null, win)}`],
    platform: 'all',
    shell: null
  }]
}

// Who owns a path, as the catalogue's texts name an owner.
function userName (uid) {
  if (uid === 0) return 'root'
  return `uid ${uid}`
}

module.exports = { fixContext, fixesFor, reinstallFixes, quote, userName }
