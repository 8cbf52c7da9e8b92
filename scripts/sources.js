#!/usr/bin/env node
'use strict'
// The one list of C sources, by layer. src/addon.gypi, the C test and fuzz
// Makefiles, the Windows cross-build and the WebAssembly build all ask here,
// so a new file in a layer's folder is picked up everywhere at once.
//
//   node scripts/sources.js core            the pure core (no Node, no OS)
//   node scripts/sources.js addon <os>      everything the addon links on os
//   node scripts/sources.js platform <os>   the platform layer of os
//   node scripts/sources.js wasm            the core plus the wasm entry
//
// os is linux, darwin or win32 (gyp's mac and win are accepted). Paths are
// relative to the package root, one per line; --prefix P prepends P.
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')

// Layers below the N-API / wasm boundary that know nothing of Node or the OS.
const CORE = ['src/core', 'src/parse', 'src/causes', 'src/engine', 'src/scan']
// What each OS adds: its platform folders, the live evidence layer (which
// calls the platform) and the Node-API glue.
const PLATFORM = {
  linux: ['src/platform/posix', 'src/platform/linux'],
  darwin: ['src/platform/posix', 'src/platform/darwin'],
  win32: ['src/platform/win32']
}
const ALIASES = { mac: 'darwin', win: 'win32' }

function cfiles (dir) {
  const abs = path.join(root, dir)
  return fs.readdirSync(abs).filter((f) => f.endsWith('.c')).sort().map((f) => `${dir}/${f}`)
}

function list (what, os) {
  os = ALIASES[os] || os
  if (what === 'core') return CORE.flatMap(cfiles)
  if (what === 'wasm') return [...CORE.flatMap(cfiles), ...cfiles('src/wasm')]
  if (!PLATFORM[os]) throw new Error(`sources: unknown os ${os} (linux, darwin, win32)`)
  if (what === 'platform') return PLATFORM[os].flatMap(cfiles)
  if (what === 'addon') {
    return [...CORE.flatMap(cfiles), ...cfiles('src/live'), ...cfiles('src/napi'),
      ...PLATFORM[os].flatMap(cfiles)]
  }
  throw new Error(`sources: unknown list ${what} (core, addon, platform, wasm)`)
}

module.exports = { list, CORE, PLATFORM }

if (require.main === module) {
  const args = process.argv.slice(2)
  const i = args.indexOf('--prefix')
  const prefix = i >= 0 ? args.splice(i, 2)[1] : ''
  try {
    process.stdout.write(list(args[0], args[1] || process.platform).map((f) => prefix + f).join('\n') + '\n')
  } catch (err) {
    process.stderr.write(err.message + '\n')
    process.exit(2)
  }
}
