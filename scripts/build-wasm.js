#!/usr/bin/env node
'use strict'
// Builds the pure C core to WebAssembly: prebuilds/wasm32/fsdoctor.wasm,
// the engine lib/engine/wasm.js loads when the addon cannot. Plain clang
// with Debian's wasi-libc and lld (no Emscripten, nothing downloaded):
//   apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32
// The sources are scripts/sources.js's "wasm" list: the same files the
// addon compiles for its core, plus src/wasm/entry.c.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')
const { list } = require('./sources')

const root = path.join(__dirname, '..')
const out = path.join(root, 'prebuilds', 'wasm32', 'fsdoctor.wasm')

function which (names) {
  for (const n of names) {
    const r = spawnSync(n, ['--version'], { encoding: 'utf8' })
    if (r.status === 0) return n
  }
  return null
}

const clang = process.env.CC_WASM || which(['clang', 'clang-16', 'clang-15', 'clang-14'])
if (!clang) {
  console.error('build-wasm: clang not found (apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32)')
  process.exit(2)
}
const sysroot = process.env.WASI_SYSROOT || '/usr'
const include = fs.existsSync(path.join(sysroot, 'include', 'wasm32-wasi'))
  ? path.join(sysroot, 'include', 'wasm32-wasi')
  : path.join(sysroot, 'include')
if (!fs.existsSync(path.join(include, 'stdlib.h'))) {
  console.error(`build-wasm: no wasi-libc headers under ${sysroot} (apt-get install wasi-libc, or set WASI_SYSROOT)`)
  process.exit(2)
}

const args = [
  '--target=wasm32-wasi', `--sysroot=${sysroot}`, '-isystem', include,
  '-Isrc', '-std=gnu11', '-O2', '-Wall', '-Wextra', '-Werror',
  // A library, not a program: no _start, only what entry.c exports.
  '-nostartfiles', '-Wl,--no-entry', '-Wl,--gc-sections', '-Wl,--strip-all',
  '-o', out, ...list('wasm')
]
fs.mkdirSync(path.dirname(out), { recursive: true })
const r = spawnSync(clang, args, { cwd: root, stdio: 'inherit' })
if (r.status !== 0) {
  console.error(`build-wasm: ${clang} failed (${r.status ?? r.signal})`)
  process.exit(r.status || 1)
}
if (process.argv.includes('--verbose')) console.log(`build-wasm: ${path.relative(root, out)} ${fs.statSync(out).size} bytes`)
