'use strict'
// The fixes of check's findings are the catalogue's, picked for the
// platform, filled and quoted by the C core (core().fixesSync, the code a
// diagnosis' fixes come from, in the addon or the WebAssembly module), so
// `fsdoctor check` and a diagnosis give the same advice for the same cause.
// They are asked for strictly: a fix that names a value check did not
// measure is left out, so no placeholder reaches the text or a command, and
// holder-kind fixes are left out (check measures no holders). The values
// are measured here (measured: true), so the core's guard (one guard, in C)
// decides every command by its declared class. What is check's own is
// here: a grouped finding's fixes say that the other items are alike, and,
// as a second fence with the mount points check measured (more than the
// core's request can name), a command of a class other than inspect and
// change is kept only when every value it names is a measured path inside
// the project or npm's cache, and none of a filesystem root, the home
// directory, a mount point or the global prefix.
const os = require('node:os')
const path = require('node:path')
const { core } = require('../engine')

// The classes that change nothing, or change it reversibly; the template
// declares each command's class (src/causes/kit.h).
const HARMLESS = new Set(['inspect', 'change'])

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
  let home
  try {
    home = os.homedir()
  } catch {}
  return { platform, vars, safe, guard: home ? { home } : {} }
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
  const fixes = core().fixesSync({ ...vals, cause: id, platform, strict: true, names: true, measured: true, ...ctx.guard })
  const others = items.length === 2 ? 'the other one' : `the ${items.length - 1} others`
  return fixes.map((f) => {
    // Removing or re-owning: only when every value the command names is a
    // safe target (and it names one).
    const keep = f.commands.map((c, i) => {
      const keys = f.names.commands[i]
      return HARMLESS.has(f.classes[i]) || (keys.length > 0 && keys.every((k) => ctx.safe(vals[k])))
    })
    const commands = f.commands.filter((c, i) => keep[i])
    const classes = f.classes.filter((c, i) => keep[i])
    const named = [...f.names.text, ...f.names.commands.flat()]
    const grouped = items.length > 1 && named.some((k) => fromItems.has(k))
    return {
      text: grouped ? `${f.text} The same goes for ${others} listed above.` : f.text,
      commands,
      classes,
      platform: f.platform,
      shell: f.shell,
      alternative: f.alternative
    }
  })
}

// One value as a word of a command for shell (null: any shell), on
// Windows (win) or not: the core's quoting, the one the fixes get; null
// when that shell cannot be given the value safely.
function quote (value, shell, win) {
  return core().quoteSync({ value: String(value), shell: shell || undefined, platform: win ? 'win32' : 'linux' })
}

// Remove node_modules and install again: the catalogue's remover (npx
// rimraf) on the project's own node_modules, named by its absolute path.
function reinstallFixes (ctx) {
  const project = ctx.vars.project
  const nm = path.join(project, 'node_modules')
  if (!ctx.safe(nm)) return []
  const shells = ctx.platform === 'win32' ? ['powershell', 'cmd'] : ['bash']
  const out = []
  for (const shell of shells) {
    const q = quote(nm, shell, ctx.platform === 'win32')
    const p = quote(project, shell, ctx.platform === 'win32')
    if (q === null || p === null) continue
    out.push({
      text: 'Remove node_modules and install again, so npm recreates it and its links.',
      commands: [`npx rimraf ${q}`, `npm install --prefix ${p}`],
      classes: ['destroy', 'change'],
      platform: ctx.platform,
      shell,
      alternative: false
    })
  }
  return out
}

// Who owns a path, as the catalogue's texts name an owner.
function userName (uid) {
  if (uid === 0) return 'root'
  return `uid ${uid}`
}

module.exports = { fixContext, fixesFor, reinstallFixes, quote, userName }
