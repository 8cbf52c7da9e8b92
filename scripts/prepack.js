#!/usr/bin/env node
'use strict'
// npm pack / npm publish: build the prebuilds the package ships
// (scripts/prebuild.js: every target whose toolchain is here, and the
// WebAssembly core), so a stale binary from an older checkout cannot be
// packed for new code. A target whose toolchain is missing is skipped with
// its reason; FSDOCTOR_PREBUILD_STRICT=1 (a release) makes that an error.
const { spawnSync } = require('child_process')
const path = require('path')

const args = [path.join(__dirname, 'prebuild.js')]
if (process.env.FSDOCTOR_PREBUILD_STRICT === '1') args.push('--strict')
// stdout stays clean: npm pack --json prints its answer there.
const r = spawnSync(process.execPath, args, { stdio: ['ignore', 2, 'inherit'] })
process.exitCode = r.status === null ? 1 : r.status
