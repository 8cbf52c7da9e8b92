#!/usr/bin/env node
'use strict'
// npm test: the C unit tests, every test/**/*.test.js under node --test, and
// the type check of index.d.ts. Stops at the first failing stage.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')
const noC = process.argv.includes('--no-c')
const only = process.argv.slice(2).filter((a) => a !== '--no-c')

function files (dir) {
  const out = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory() && e.name !== 'fixtures' && e.name !== 'helpers') out.push(...files(p))
    else if (e.isFile() && e.name.endsWith('.test.js')) out.push(p)
  }
  return out.sort()
}

function run (what, cmd, args, opts = {}) {
  process.stdout.write(`\n# ${what}\n`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts })
  if (r.status !== 0) {
    process.stdout.write(`# ${what}: failed (${r.status ?? r.signal})\n`)
    process.exit(r.status || 1)
  }
}

let tests = files(path.join(root, 'test'))
if (only.length) tests = tests.filter((t) => only.some((o) => t.includes(o)))
// FSDOCTOR_TEST_EXCLUDE=a,b leaves out test files whose path contains a or b.
const exclude = (process.env.FSDOCTOR_TEST_EXCLUDE || '').split(',').filter(Boolean)
if (exclude.length) tests = tests.filter((t) => !exclude.some((x) => t.includes(x)))
if (!only.length && !noC) {
  run('C unit tests', 'make', ['-s', '-C', 'test/c'])
  run('types', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'test/types'])
}
run('node tests', process.execPath, ['--test', '--test-reporter=spec', ...tests])
