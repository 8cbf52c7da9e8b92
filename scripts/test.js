#!/usr/bin/env node
'use strict'
// npm test: the C unit tests, the type check of index.d.ts and every
// test/**/*.test.js under node --test except the long lanes. Stops at the
// first failing stage.
//
//   node scripts/test.js [substring ...]   only test files whose path has one
//   node scripts/test.js --no-c            skip the C tests and the types
//   node scripts/test.js --long            only the long lanes
//   node scripts/test.js --all             the quick suite, then the long lanes
//
// The long lanes (npm run test:all runs them, and .ci/run): the Windows
// suite under wine, npm pack and install, kill -9 stress of the retry
// wrapper, and the fuzz regression replay with a short fuzz run. The
// sanitizer, valgrind and long fuzz runs are scripts of their own
// (scripts/test-all.sh).
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')
const LONG = ['win.test.js', 'pack.test.js', 'cli-install.test.js', 'retry-stress.test.js', 'fuzz.test.js', 'win-cmd.test.js']
const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')))
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))

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

const isLong = (t) => LONG.includes(path.basename(t))
const all = files(path.join(root, 'test'))
let quick = all.filter((t) => !isLong(t))
let long = all.filter(isLong)
if (only.length) {
  // A file named on the command line runs whichever lane it is in.
  const pick = (t) => only.some((o) => t.includes(o))
  quick = all.filter(pick)
  long = []
}
// FSDOCTOR_TEST_EXCLUDE=a,b leaves out test files whose path contains a or b.
const exclude = (process.env.FSDOCTOR_TEST_EXCLUDE || '').split(',').filter(Boolean)
const keep = (t) => !exclude.some((x) => t.includes(x))
quick = quick.filter(keep)
long = long.filter(keep)

if (!flags.has('--long')) {
  if (!only.length && !flags.has('--no-c')) {
    run('C unit tests', 'make', ['-s', '-C', 'test/c'])
    run('types', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'test/types'])
  }
  if (quick.length) run('node tests', process.execPath, ['--test', '--test-reporter=spec', ...quick])
}
if ((flags.has('--long') || flags.has('--all')) && long.length) {
  run('long lanes', process.execPath, ['--test', '--test-reporter=spec', ...long])
}
