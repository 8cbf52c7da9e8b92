'use strict'
// The CLI in a real terminal: util-linux `script` gives it a pseudo-tty.
// Colors on a TTY, none with NO_COLOR, forced with FORCE_COLOR=1 (also
// without a TTY); the progress line on stderr only when stderr is a TTY.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { npmEnv, bin, cli } = require('./helpers/cli')
const { makeTree } = require('../bench/tree')

const haveScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0

function sh (s) {
  return `'${String(s).replace(/'/g, "'\\''")}'`
}

// Runs a shell command line under a pseudo-terminal; returns what the
// terminal showed (stdout and stderr both, unless redirected inside).
function inTty (cmdline, env) {
  const r = spawnSync('script', ['-qec', cmdline, '/dev/null'], { encoding: 'utf8', env, timeout: 120000 })
  return { code: r.status, screen: r.stdout.replace(/\r\n/g, '\n') }
}

const DIAG = ['diagnose', '--code', 'EPERM', '--syscall', 'rename', '--path', 'C:\\p\\a', '--platform', 'win32']
const line = (args) => [process.execPath, bin, ...args].map(sh).join(' ')

test('colors on a TTY; NO_COLOR turns them off; exit status survives', { skip: !haveScript && 'needs util-linux script' }, (t) => {
  const { env } = npmEnv(t)
  const on = inTty(line(DIAG), env)
  assert.strictEqual(on.code, 0)
  assert.match(on.screen, /\x1b\[1m/, 'no bold on a TTY')
  assert.match(on.screen, /file-locked/)
  const off = inTty(line(DIAG), { ...env, NO_COLOR: '1' })
  assert.strictEqual(off.code, 0)
  assert.doesNotMatch(off.screen, /\x1b\[/)
  assert.match(off.screen, /file-locked/)
  // NO_COLOR set but empty does not count (no-color.org).
  assert.match(inTty(line(DIAG), { ...env, NO_COLOR: '' }).screen, /\x1b\[1m/)
  // Output piped inside the terminal: no colors in the pipe.
  const piped = inTty(`${line(DIAG)} | cat`, env)
  assert.doesNotMatch(piped.screen, /\x1b\[/)
  // Exit codes through the pty: 2 for bad input, one line.
  const bad = inTty(line(['check', '--nope']), env)
  assert.strictEqual(bad.code, 2)
  assert.strictEqual(bad.screen.trim().split('\n').length, 1)
})

test('FORCE_COLOR=1 colors without a TTY', () => {
  const { env } = npmEnv()
  assert.match(cli(DIAG, { env: { ...env, FORCE_COLOR: '1' } }).stdout, /\x1b\[1m/)
  assert.doesNotMatch(cli(DIAG, { env }).stdout, /\x1b\[/)
})

test('progress on stderr only when stderr is a TTY', { skip: !haveScript && 'needs util-linux script', timeout: 180000 }, (t) => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-tty-')))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  makeTree(dir, 3000)
  const { env } = npmEnv(t)
  const fast = { ...env, FSDOCTOR_PROGRESS_DELAY: '0' }
  const out = path.join(dir, 'stdout.txt')
  // stdout to a file, stderr on the terminal: the screen is stderr.
  const r = inTty(`${line(['check', dir])} > ${sh(out)}`, fast)
  assert.strictEqual(r.code, 1)
  assert.match(r.screen, /\r\x1b\[K[|/\\-] checking /, 'no progress line on the TTY')
  assert.match(r.screen, /\r\x1b\[K$/, 'progress line not cleared at the end')
  const stdout = fs.readFileSync(out, 'utf8')
  assert.doesNotMatch(stdout, /\r|\x1b/, 'progress or colors leaked into redirected stdout')
  assert.match(stdout, /symlink to a parent directory/)
  // stderr redirected: no progress at all, stdout on the TTY keeps colors.
  const err = path.join(dir, 'stderr.txt')
  const r2 = inTty(`${line(['check', dir])} 2> ${sh(err)}`, fast)
  assert.strictEqual(r2.code, 1)
  assert.strictEqual(fs.readFileSync(err, 'utf8'), '')
  assert.match(r2.screen, /\x1b\[1m/)
  assert.doesNotMatch(r2.screen, /\x1b\[K/)
  // --json on a TTY: stdout is plain JSON and there is no progress.
  const j = inTty(line(['check', dir, '--json']), fast)
  assert.strictEqual(j.code, 1)
  assert.doesNotMatch(j.screen, /\x1b/)
  assert.strictEqual(JSON.parse(j.screen).ok, false)
  // Without any TTY: no progress.
  const plain = spawnSync(process.execPath, [bin, 'check', dir], { env: fast, encoding: 'utf8' })
  assert.strictEqual(plain.stderr, '')
})

test('explain from a terminal asks for the paste on stderr', { skip: !haveScript && 'needs util-linux script' }, (t) => {
  const { env } = npmEnv(t)
  // stdin is the pty; the paste comes from a here-document instead when
  // piped, so here stdin is the terminal and gets EOF from `script`.
  const r = inTty(`${line(['explain'])} < /dev/tty`, env)
  assert.match(r.screen, /Paste the error text, then press Ctrl-D/)
})
