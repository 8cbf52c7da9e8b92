#!/usr/bin/env node
'use strict'
// npm run demo: makes three real filesystem errors in a temp directory and
// prints what fsdoctor says about each. Nothing outside the temp dir changes.
const fs = require('fs')
const os = require('os')
const path = require('path')
const fsdoctor = require('..')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsdoctor-demo-'))
const color = process.stdout.isTTY && !process.env.NO_COLOR

function attempt (what, fn) {
  try {
    fn()
    console.log(`${what}: no error (unexpected)\n`)
  } catch (err) {
    console.log(`$ ${what}\n${err.message}\n`)
    console.log(fsdoctor.format(fsdoctor.diagnoseSync(err), { color }))
    console.log('')
  }
}

try {
  // A symlink cycle: a -> b -> a.
  fs.symlinkSync('b', path.join(dir, 'a'))
  fs.symlinkSync('a', path.join(dir, 'b'))
  attempt('read a file through a symlink cycle', () => fs.readFileSync(path.join(dir, 'a')))
  // A dangling link inside what looks like node_modules/.bin.
  fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true })
  fs.symlinkSync('../tool/cli.js', path.join(dir, 'node_modules/.bin/tool'))
  attempt('run a .bin link whose package is gone', () => fs.readFileSync(path.join(dir, 'node_modules/.bin/tool')))
  // Renaming a directory onto a non-empty one.
  fs.mkdirSync(path.join(dir, 'old'))
  fs.mkdirSync(path.join(dir, 'new/keep'), { recursive: true })
  attempt('rename a directory onto a non-empty directory', () => fs.renameSync(path.join(dir, 'old'), path.join(dir, 'new')))
  console.log(`native addon: ${fsdoctor.native ? 'loaded' : 'not loaded, text-only'}`)
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
