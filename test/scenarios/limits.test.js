'use strict'
// Real limits: a low descriptor limit (EMFILE) and a lowered inotify watch
// limit (ENOSPC from fs.watch).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const sys = require('../helpers/sys')
const fsdoctor = require('../..')

const root = path.join(__dirname, '..', '..')
const ids = (d) => d.causes.map((c) => c.id).join(',')

test('EMFILE under ulimit -n 128 -> too-many-open-files with the limit', (t) => {
  if (process.platform === 'win32') return t.skip('POSIX ulimit')
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  fs.writeFileSync(path.join(dir, 'f'), 'x')
  const script = `
    const f = require(${JSON.stringify(root)}); const fs = require('fs'); const fds = []
    try { for (;;) fds.push(fs.openSync(process.argv[1], 'r')) } catch (e) {
      process.stdout.write(JSON.stringify({ d: f.diagnoseSync(e) }))
    }`
  const r = spawnSync('sh', ['-c', 'ulimit -n 128 && exec "$0" -e "$1" "$2"', process.execPath, script, path.join(dir, 'f')],
    { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  const { d } = JSON.parse(r.stdout)
  assert.equal(d.code, 'EMFILE')
  assert.equal(d.causes[0].id, 'too-many-open-files', ids(d))
  assert.equal(d.causes[0].evidence.nofileSoft, 128)
  // Counting descriptors needs one: at the limit the count may be unknown.
  const open = d.causes[0].evidence.openFds
  assert.ok(open === null || open >= 120, String(open))
  assert.equal(d.transient, true)
  // sh's ulimit -n sets the hard limit too: raising the soft one past it
  // would fail, so no `ulimit -n N` is shown; the lasting fix (with sudo) is.
  assert.equal(d.causes[0].evidence.nofileHard, 128)
  const cmds = d.causes[0].fixes.flatMap((f) => f.commands)
  assert.ok(!cmds.some((c) => /^ulimit -n \d+$/.test(c)), cmds.join('\n'))
  assert.ok(cmds.includes('ulimit -Sn; ulimit -Hn'))
  assert.ok(cmds.some((c) => /nofile 10240" \| sudo tee -a \/etc\/security\/limits\.conf$/.test(c)), cmds.join('\n'))
})

test('ENOSPC from fs.watch at a lowered inotify limit -> watcher-limit', (t) => {
  if (sys.skipUnlessRoot(t, 'lowers fs.inotify.max_user_watches')) return
  const knob = '/proc/sys/fs/inotify/max_user_watches'
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  fs.mkdirSync(path.join(dir, 'a'))
  fs.mkdirSync(path.join(dir, 'b'))
  // The limit is system-wide and other checkouts run this test too: take a
  // lock (mkdir is atomic) so no run saves another run's lowered value.
  const lock = path.join(require('node:os').tmpdir(), 'fsd-inotify-limit.lock')
  const until = Date.now() + 30000
  for (;;) {
    try {
      fs.mkdirSync(lock)
      break
    } catch (e) {
      if (e.code !== 'EEXIST') throw e
      // A lock older than a minute was left by a killed run.
      if (Date.now() - fs.statSync(lock).mtimeMs > 60000) fs.rmdirSync(lock)
      if (Date.now() > until) return t.skip('another run holds the inotify limit lock')
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50)
    }
  }
  let saved = fs.readFileSync(knob, 'utf8').trim()
  // A tiny value is a leftover of a run that died before restoring it.
  if (Number(saved) < 1024) saved = '524288'
  const watchers = []
  let err, d
  // Keep the window short and always restore the limit.
  try {
    fs.writeFileSync(knob, '1')
    try {
      watchers.push(fs.watch(path.join(dir, 'a')))
      watchers.push(fs.watch(path.join(dir, 'b')))
    } catch (e) {
      err = e
      d = fsdoctor.diagnoseSync(e)
    }
  } finally {
    fs.writeFileSync(knob, saved)
    for (const w of watchers) w.close()
    fs.rmdirSync(lock)
  }
  assert.equal(fs.readFileSync(knob, 'utf8').trim(), saved, 'restored')
  assert.ok(err, 'fs.watch failed')
  assert.equal(err.code, 'ENOSPC')
  assert.equal(d.causes[0].id, 'watcher-limit', ids(d))
  assert.equal(d.causes[0].evidence.maxWatches, 1)
  assert.ok(d.causes[0].evidence.watchesUsed >= 1)
  assert.ok(d.causes[0].fixes.some((f) => f.commands.some((c) => c.startsWith('sudo sysctl -w fs.inotify.max_user_watches='))))
})
