'use strict'
// Runs bin/fsdoctor.js in a child process with an isolated npm environment
// (cache, prefix, userconfig in a temp dir) and no color variables.
const { spawnSync, spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..', '..')
const bin = path.join(root, 'bin', 'fsdoctor.js')

// Homes made without a test context to remove them: removed at exit.
const homes = new Set()
const removeHome = (home) => {
  homes.delete(home)
  fs.rmSync(home, { recursive: true, force: true })
}
process.on('exit', () => { for (const h of [...homes]) removeHome(h) })

function npmEnv (t) {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-cli-home-')))
  if (t) t.after(() => removeHome(home))
  else homes.add(home)
  fs.mkdirSync(path.join(home, 'cache'))
  fs.mkdirSync(path.join(home, 'prefix'))
  const env = { ...process.env }
  for (const k of Object.keys(env)) {
    if (/^(npm_|NO_COLOR$|FORCE_COLOR$|FSDOCTOR_)/i.test(k)) delete env[k]
  }
  Object.assign(env, {
    HOME: home,
    npm_config_cache: path.join(home, 'cache'),
    npm_config_prefix: path.join(home, 'prefix'),
    npm_config_userconfig: path.join(home, 'npmrc'),
    FSDOCTOR_PROGRESS_DELAY: '100000'
  })
  return { home, env }
}

function cli (args, opts = {}) {
  const own = opts.env ? null : npmEnv()
  let r
  try {
    r = spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      cwd: opts.cwd || root,
      env: opts.env || own.env,
      input: opts.input,
      timeout: opts.timeout || 60000,
      maxBuffer: 1 << 26
    })
  } finally {
    if (own) removeHome(own.home)
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal }
}

function cliAsync (args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: opts.cwd || root, env: opts.env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

// Asserts a one-line error: no stack trace, "fsdoctor: " prefix.
function oneLine (assert, r, re) {
  assert.strictEqual(r.code, 2, `exit ${r.code}: ${r.stderr}`)
  const lines = r.stderr.trim().split('\n')
  assert.strictEqual(lines.length, 1, `more than one line: ${r.stderr}`)
  assert.match(lines[0], /^fsdoctor: /)
  assert.doesNotMatch(r.stderr, /\n\s+at /)
  if (re) assert.match(lines[0], re)
}

module.exports = { cli, cliAsync, npmEnv, oneLine, bin, root }
