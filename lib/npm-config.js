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

// key = value lines, ${VAR} expanded from env, quotes removed; a missing or
// unreadable file is an empty one.
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
    const eq = line.indexOf('=')
    if (eq < 0) continue
    const key = line.slice(0, eq).trim()
    let value = line.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1')
    value = value.replace(/\$\{([^}]+)\}/g, (_, v) => env[v] || '')
    out[key] = value
  }
  return out
}

// npm's local prefix: the nearest directory from cwd up holding a
// package.json or node_modules (npm's own rule); cwd when there is none.
function projectRoot (cwd) {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) || fs.existsSync(path.join(dir, 'node_modules'))) return dir
    if (path.dirname(dir) === dir) return cwd
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
function npmPaths (options = {}) {
  const env = options.env || process.env
  const platform = options.platform || process.platform
  const execPath = options.execPath || process.execPath
  const cwd = options.cwd || process.cwd()
  const home = env.HOME || env.USERPROFILE || os.homedir()
  const expand = (p) => (p && (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) ? path.join(home, p.slice(1)) : p)
  const project = projectRoot(cwd)
  const builtinPrefix = defaultPrefix(env, platform, execPath)
  const userconfig = expand(envGet(env, 'userconfig')) || path.join(home, '.npmrc')
  const globalconfig = expand(envGet(env, 'globalconfig')) || path.join(builtinPrefix, 'etc', 'npmrc')
  const layers = [
    ['project', readNpmrc(path.join(project, '.npmrc'), env)],
    ['user', readNpmrc(userconfig, env)],
    ['global', readNpmrc(globalconfig, env)]
  ]
  const sources = {}
  function get (key) {
    const fromEnv = envGet(env, key.replace(/-/g, '_')) || envGet(env, key)
    if (fromEnv) return { value: expand(fromEnv), from: 'env' }
    for (const [from, rc] of layers) if (rc[key]) return { value: expand(rc[key]), from }
    return null
  }
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
