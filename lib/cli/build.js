'use strict'
// fsdoctor build: compiles the native addon from the package's own sources
// with node-gyp, when the user asks. Installing fsdoctor never does this
// (no install script; prebuilds cover the common platforms); this is the
// way to the addon where no prebuild fits.
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { fail } = require('./util')

const root = path.join(__dirname, '..', '..')
// The package ships its build as src/addon.gypi and no binding.gyp, so no
// package manager compiles it on install; node-gyp needs one at the root.
const GYP = `# Written by \`fsdoctor build\`: the addon's build is src/addon.gypi.
{
  "includes": ["src/addon.gypi"]
}
`

const help = `Usage: fsdoctor build [--dry-run] [--json]

Builds the native addon from the sources in this package with node-gyp,
into ${path.join('build', 'Release')} of the package, where fsdoctor looks
first (writing the package's binding.gyp first: it ships without one, so
that installing it never compiles). Needs Python 3, make and a C compiler (Windows: Visual Studio Build
Tools). Run it where no prebuild fits (fsdoctor.loadError says so); a
package with a working addon does not need it.

Options:
  --dry-run  print the node-gyp command and directory, build nothing
  --json     { dir, command, built, addon } (with --dry-run: no built/addon)

Exit status: 0 built and loaded, 1 the build or the load failed, 2 no node-gyp.`

// node-gyp: the one npm runs scripts with (npm_config_node_gyp), npm's own
// copy beside this node, else one on PATH.
function findNodeGyp (env) {
  const candidates = []
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp)
  const bin = path.dirname(process.execPath)
  candidates.push(
    path.join(bin, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(bin, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  for (const c of candidates) {
    if (fs.existsSync(c)) return [process.execPath, c]
  }
  for (const dir of (env.PATH || env.Path || '').split(path.delimiter)) {
    for (const name of process.platform === 'win32' ? ['node-gyp.cmd', 'node-gyp.exe'] : ['node-gyp']) {
      if (dir && fs.existsSync(path.join(dir, name))) return [path.join(dir, name)]
    }
  }
  return null
}

async function run (ctx, opts) {
  const gyp = findNodeGyp(ctx.env)
  if (!gyp) {
    throw fail('build: node-gyp not found (it comes with npm; or npm install -g node-gyp)')
  }
  const command = [...gyp, 'rebuild']
  const shown = command.map((a) => (/[\s"'$]/.test(a) ? JSON.stringify(a) : a)).join(' ')
  if (opts.dryRun) {
    if (ctx.json) ctx.out(JSON.stringify({ dir: root, command }, null, 2))
    else ctx.out(`Would run in ${root}:\n  ${shown}`)
    return 0
  }
  if (!fs.existsSync(path.join(root, 'src', 'addon.gypi'))) {
    throw fail(`build: ${path.join(root, 'src', 'addon.gypi')} is missing: this copy of fsdoctor has no sources to build`)
  }
  const gypFile = path.join(root, 'binding.gyp')
  if (!fs.existsSync(gypFile)) fs.writeFileSync(gypFile, GYP)
  if (!ctx.json) ctx.err(`fsdoctor build: running in ${root}:\n  ${shown}`)
  // The user's own terminal sees the compiler; with --json it goes to stderr.
  const r = spawnSync(command[0], command.slice(1), {
    cwd: root,
    env: ctx.env,
    stdio: ['ignore', ctx.json ? 2 : 'inherit', 'inherit'],
    shell: process.platform === 'win32' && command[0].endsWith('.cmd')
  })
  const built = r.status === 0
  let addon = null
  if (built) {
    // A fresh process, so the check sees what a new require would.
    const check = spawnSync(process.execPath, ['-e',
      'const f = require(process.argv[1]); process.stdout.write(JSON.stringify({ native: f.native, addon: f.addon, error: f.loadError && f.loadError.message }))',
      root], { env: { ...ctx.env, FSDOCTOR_NO_NATIVE: '', FSDOCTOR_ADDON: '' }, encoding: 'utf8' })
    try {
      addon = JSON.parse(check.stdout)
    } catch {
      addon = { native: false, error: (check.stderr || '').trim() || 'the check did not run' }
    }
  }
  const ok = built && addon && addon.native
  if (ctx.json) {
    ctx.out(JSON.stringify({ dir: root, command, built, addon }, null, 2))
  } else if (!built) {
    ctx.err(`fsdoctor build: node-gyp failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`}); the WebAssembly core still answers, text-only.`)
  } else if (ok) {
    ctx.out(`Built and loaded: ${addon.addon.file}`)
  } else {
    ctx.err(`fsdoctor build: built, but it does not load: ${addon.error}`)
  }
  return ok ? 0 : 1
}

module.exports = {
  usage: 'build [--dry-run]',
  summary: 'compile the native addon here (where no prebuild fits)',
  help,
  spec: { flags: { 'dry-run': 'boolean' }, max: 0 },
  run
}
