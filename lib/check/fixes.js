'use strict'
// The fixes of check's findings are the catalogue's, picked for the
// platform, filled and quoted by the C core (core().fixesSync, the code a
// diagnosis' fixes come from, in the addon or the WebAssembly module), so
// `fsdoctor check` and a diagnosis give the same advice for the same cause.
// They are asked for strictly: a fix that names a value check did not
// measure is left out, so no placeholder reaches the text or a command, and
// holder-kind fixes are left out (check measures no holders). What is
// check's own is here: a grouped finding's fixes say that the other items
// are alike, and a command that removes or re-owns something is shown only
// when its target is a measured path inside the project or npm's cache, and
// is none of a filesystem root, the home directory, a mount point or the
// global prefix.
const os = require('node:os')
const path = require('node:path')
const { core } = require('../engine')

// rm, rimraf, rmdir, Remove-Item, find -delete; chown -R, takeown, icacls
// /grant. Tested on the filled command: a value never removes a match, and
// one that adds a match only leaves a command out.
const DESTROY_OR_REOWN = /(^|[\s;&|(])(rm|rmdir|rimraf|Remove-Item|takeown)\b|\s-delete\b|\bchown\s+-R\b|\bicacls\b.*\/grant\b/s

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

// Placeholder values as the core takes them: strings; undefined, null and
// '' are no value.
function measured (vals) {
  const out = {}
  for (const [k, v] of Object.entries(vals)) {
    if (v !== undefined && v !== null && v !== '') out[k] = String(v)
  }
  return out
}

// The catalogue's fixes for cause `id`, filled. `items`: one set of values
// per path of a grouped finding; a fix that names one of them is filled
// with the first and says that the others are alike. `platform`: whose
// fixes (default: this machine's).
function fixesFor (ctx, id, vars = {}, { items = [], platform = ctx.platform } = {}) {
  const own = measured({ ...ctx.vars, ...vars })
  const first = measured(items[0] || {})
  const fromItems = new Set(Object.keys(first).filter((k) => !(k in own)))
  const vals = { ...first, ...own }
  const fixes = core().fixesSync({ ...vals, cause: id, platform, strict: true, names: true })
  const others = items.length === 2 ? 'the other one' : `the ${items.length - 1} others`
  return fixes.map((f) => {
    // Removing or re-owning: only when every value the command names is a
    // safe target (and it names one).
    const commands = f.commands.filter((c, i) => {
      const keys = f.names.commands[i]
      return !DESTROY_OR_REOWN.test(c) || (keys.length > 0 && keys.every((k) => ctx.safe(vals[k])))
    })
    const named = [...f.names.text, ...f.names.commands.flat()]
    const grouped = items.length > 1 && named.some((k) => fromItems.has(k))
    return {
      text: grouped ? `${f.text} The same goes for ${others} listed above.` : f.text,
      commands,
      platform: f.platform,
      shell: f.shell
    }
  })
}

// One value as a word of a command for shell (null: any shell), on
// Windows (win) or not: the core's quoting, the one the fixes get.
function quote (value, shell, win) {
  return core().quoteSync({ value: String(value), shell: shell || undefined, platform: win ? 'win32' : 'linux' })
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
