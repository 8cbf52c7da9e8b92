'use strict'
// The Windows lane, run from Linux: cross-builds the addon with mingw-w64
// (scripts/build-win.sh) and runs test/win/*.js under wine with a real
// node.exe (scripts/test-win.sh). Skips, saying why, where the tools are
// missing. FSDOCTOR_SKIP_WIN=1 skips it on purpose.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')

const root = path.join(__dirname, '..')

function have (cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
}

function why () {
  if (process.platform !== 'linux') return 'the cross build runs on Linux'
  if (process.env.FSDOCTOR_SKIP_WIN === '1') return 'FSDOCTOR_SKIP_WIN=1'
  if (!have('x86_64-w64-mingw32-gcc')) return 'needs mingw-w64 (apt-get install gcc-mingw-w64-x86-64)'
  if (!have('wine64') && !have('/usr/lib/wine/wine64') && !have('wine')) return 'needs wine (apt-get install wine wine64)'
  if (!have('npm')) return 'needs npm to fetch node.exe and node-api-headers'
  return null
}

const reason = why()

function run (script, args = []) {
  const started = Date.now()
  const r = spawnSync('bash', [path.join(root, 'scripts', script), ...args], {
    cwd: root, encoding: 'utf8', timeout: 15 * 60 * 1000
  })
  return { ...r, seconds: (Date.now() - started) / 1000, text: `${r.stdout}\n${r.stderr}` }
}

test('Windows build (mingw-w64) and suite (wine + node.exe)', { skip: reason || false, timeout: 20 * 60 * 1000 }, (t) => {
  const build = run('build-win.sh')
  t.diagnostic(`build-win.sh: ${build.seconds.toFixed(1)} s`)
  assert.strictEqual(build.status, 0, build.text)
  const addon = path.join(root, 'prebuilds', 'win32-x64', 'fsdoctor.node')
  const head = fs.readFileSync(addon).subarray(0, 2).toString('latin1')
  assert.strictEqual(head, 'MZ', 'a PE image')

  const suite = run('test-win.sh')
  t.diagnostic(`test-win.sh: ${suite.seconds.toFixed(1)} s`)
  for (const line of suite.stdout.split('\n')) {
    if (/^test-win:|# observed:/.test(line)) t.diagnostic(line.trim())
  }
  assert.strictEqual(suite.status, 0, suite.text)
  const summary = suite.stdout.match(/test-win: (\d+) files, (\d+) failed/)
  assert.ok(summary, suite.text)
  assert.ok(Number(summary[1]) >= 6, `ran ${summary[1]} files`)
  assert.strictEqual(Number(summary[2]), 0)
  // The lock test is the one that needs wine's share modes: make sure it
  // ran and saw the EBUSY, not a skip.
  assert.match(suite.stdout, /renameSync -> EBUSY/)
})
