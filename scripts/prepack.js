#!/usr/bin/env node
'use strict'
// npm pack / npm publish: build the prebuilds the package ships. The Linux
// one with prebuildify; the Windows one cross-compiled with mingw-w64 when
// it is installed (a package built without it says so and ships Linux only).
const { spawnSync } = require('child_process')
const path = require('path')

const root = path.join(__dirname, '..')
function run (cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) process.exit(r.status || 1)
}

run(process.execPath, [require.resolve('prebuildify/bin.js'), '--napi', '--strip'])
const mingw = spawnSync('x86_64-w64-mingw32-gcc', ['--version'], { stdio: 'ignore' })
if (mingw.status === 0) run('bash', [path.join(root, 'scripts/build-win.sh')])
else process.stderr.write('prepack: x86_64-w64-mingw32-gcc not found; no win32-x64 prebuild in this package\n')
// The WebAssembly core (the engine when no addon loads) ships always.
run(process.execPath, [path.join(root, 'scripts/build-wasm.js')])
