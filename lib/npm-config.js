'use strict'
// npm's cache, logs directory and global prefix, found the way npm finds
// them, without starting npm: npm_config_* in the environment first, then
// the .npmrc chain (the project's, the user's, the global one), then npm's
// defaults. diagnose() and `fsdoctor check` both ask here, so they agree.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

// npm reads npm_config_* case-insensitively; an empty value counts as unset.
function envGet (env, name) {
  const want = `npm_config_${name}`.toLowerCase()
  for (const k of Object.keys(env)) if (k.toLowerCase() === want && env[k]) return env[k]
  return undefined
}

// An .npmrc the way npm's ini reader takes it: key = value lines at the
// top (npm ignores keys under a [section]), a value quoted with " or ', or
// cut at an unescaped ; or # (a comment); ${VAR} replaced from env when VAR
// is set and left as written when not. A missing or unreadable file is an
// empty one.
function readNpmrc (file, env) {
  const out = {}
  let text
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    return out
  }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line[0] === '#' || line[0] === ';') continue
    if (line[0] === '[') break // npm reads no section
    const eq = line.indexOf('=')
    if (eq < 0) continue
    const key = line.slice(0, eq).trim()
    out[key] = iniValue(line.slice(eq + 1).trim()).replace(/\$\{([^}]+)\}/g, (all, v) => (env[v] !== undefined ? env[v] : all))
  }
  return out
}

function iniValue (v) {
  const q = v[0]
  if ((q === '"' || q === "'") && v.length > 1 && v[v.length - 1] === q) return v.slice(1, -1)
  let out = ''
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\' && (v[i + 1] === ';' || v[i + 1] === '#')) out += v[++i]
    else if (v[i] === ';' || v[i] === '#') break
    else out += v[i]
  }
  return out.trim()
}

// Does a workspaces pattern ("packages/*", "apps/**", "tools/x") name dir
// (relative to the root, with /)?
function workspaceMatch (pattern, rel) {
  const re = pattern.replace(/\/+$/, '').split('/').map((part) =>
    part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('/')
  return new RegExp(`^${re}$`).test(rel)
}

function readJson (file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

// npm's local prefix: the nearest directory from cwd up holding a
// package.json or node_modules, or the root of the workspace it belongs to
// (a package.json above whose "workspaces" name it); cwd when none.
function projectRoot (cwd) {
  let found = null
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (found === null && (fs.existsSync(path.join(dir, 'package.json')) || fs.existsSync(path.join(dir, 'node_modules')))) {
      found = dir
    } else if (found !== null) {
      const pkg = readJson(path.join(dir, 'package.json'))
      const ws = pkg && (Array.isArray(pkg.workspaces) ? pkg.workspaces : pkg.workspaces && pkg.workspaces.packages)
      const rel = path.relative(dir, found).split(path.sep).join('/')
      if (Array.isArray(ws) && ws.some((w) => typeof w === 'string' && workspaceMatch(w, rel))) return dir
    }
    if (path.dirname(dir) === dir) return found || cwd
  }
}

// The prefix npm would use with no configuration at all.
function defaultPrefix (env, platform, execPath) {
  if (env.PREFIX) return env.PREFIX
  // Node's Windows installer ships an npmrc with prefix=${APPDATA}\npm.
  if (platform === 'win32') return env.APPDATA ? path.join(env.APPDATA, 'npm') : path.dirname(execPath)
  return path.dirname(path.dirname(execPath)) // <prefix>/bin/node
}

// { cache, logsDir, prefix, userconfig, globalconfig, project, sources }:
// sources says where each of cache and prefix came from ('env', 'project',
// 'user', 'global' or 'default').
// What an answer depends on besides the files it read: the environment
// variables npm and this module look at, cwd, platform and execPath.
function cacheKey (env, platform, execPath, cwd) {
  const vars = Object.keys(env).filter((k) => /^(npm_config_|home$|userprofile$|prefix$|appdata$|localappdata$)/i.test(k)).sort()
  return JSON.stringify([cwd, platform, execPath, vars.map((k) => [k, env[k]])])
}

// A file's version as far as a cache can tell: mtime and size, or none.
function mtimeOf (file) {
  try {
    const st = fs.statSync(file)
    return `${st.mtimeMs}:${st.size}`
  } catch {
    return 'none'
  }
}

// The last answers, each valid while the .npmrc files it read are
// unchanged: a live diagnosis asks on every call, and walking up for the
// project and reading three files cost more than the diagnosis itself.
const answers = new Map()

function npmPaths (options = {}) {
  const env = options.env || process.env
  const platform = options.platform || process.platform
  const execPath = options.execPath || process.execPath
  const cwd = options.cwd || process.cwd()
  const key = cacheKey(env, platform, execPath, cwd)
  const hit = answers.get(key)
  if (hit && hit.files.every(([f, m]) => mtimeOf(f) === m)) return { ...hit.result, sources: { ...hit.result.sources } }
  const result = resolvePaths(env, platform, execPath, cwd)
  const files = [path.join(result.project, '.npmrc'), result.userconfig, result.globalconfig].map((f) => [f, mtimeOf(f)])
  if (answers.size >= 16) answers.delete(answers.keys().next().value)
  answers.set(key, { result, files })
  return { ...result, sources: { ...result.sources } }
}

function resolvePaths (env, platform, execPath, cwd) {
  const home = env.HOME || env.USERPROFILE || os.homedir()
  // ~ is the home directory; a relative path is taken from cwd, as npm's
  // path settings are.
  const asPath = (p) => {
    if (!p) return p
    if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(1))
    return path.resolve(cwd, p)
  }
  const project = projectRoot(cwd)
  const builtinPrefix = defaultPrefix(env, platform, execPath)
  const userconfig = asPath(envGet(env, 'userconfig')) || path.join(home, '.npmrc')
  const layers = [
    ['project', readNpmrc(path.join(project, '.npmrc'), env)],
    ['user', readNpmrc(userconfig, env)]
  ]
  function get (key) {
    const fromEnv = envGet(env, key.replace(/-/g, '_')) || envGet(env, key)
    if (fromEnv) return { value: asPath(fromEnv), from: 'env' }
    for (const [from, rc] of layers) if (rc[key]) return { value: asPath(rc[key]), from }
    return null
  }
  // The global npmrc lives under the prefix the layers above give (npm's
  // globalconfig default), and is read last.
  const early = get('prefix')
  const globalconfig = asPath(envGet(env, 'globalconfig')) ||
    path.join(early ? early.value : builtinPrefix, 'etc', 'npmrc')
  layers.push(['global', readNpmrc(globalconfig, env)])
  const sources = {}
  const localAppData = env.LOCALAPPDATA || env.LocalAppData || path.join(home, 'AppData', 'Local')
  const c = get('cache')
  const cache = c ? c.value : (platform === 'win32' ? path.join(localAppData, 'npm-cache') : path.join(home, '.npm'))
  sources.cache = c ? c.from : 'default'
  const l = get('logs-dir')
  const logsDir = l ? l.value : path.join(cache, '_logs')
  const p = get('prefix')
  const prefix = p ? p.value : builtinPrefix
  sources.prefix = p ? p.from : 'default'
  return { cache, logsDir, prefix, userconfig, globalconfig, project, sources }
}

module.exports = { npmPaths, readNpmrc }
