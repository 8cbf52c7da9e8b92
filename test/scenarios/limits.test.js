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
  assert.ok(d.causes[0].fixes.some((f) => f.commands.some((c) => /^ulimit -n \d+$/.test(c))))
})

test('ENOSPC from fs.watch at a lowered inotify limit -> watcher-limit', (t) => {
  if (sys.skipUnlessRoot(t, 'lowers fs.inotify.max_user_watches')) return
  const knob = '/proc/sys/fs/inotify/max_user_watches'
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  fs.mkdirSync(path.join(dir, 'a'))
  fs.mkdirSync(path.join(dir, 'b'))
  const saved = fs.readFileSync(knob, 'utf8').trim()
  const watchers = []
  let err, d
  // The limit is system-wide: keep the window short and always restore it.
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
  }
  assert.equal(fs.readFileSync(knob, 'utf8').trim(), saved, 'restored')
  assert.ok(err, 'fs.watch failed')
  assert.equal(err.code, 'ENOSPC')
  assert.equal(d.causes[0].id, 'watcher-limit', ids(d))
  assert.equal(d.causes[0].evidence.maxWatches, 1)
  assert.ok(d.causes[0].evidence.watchesUsed >= 1)
  assert.ok(d.causes[0].fixes.some((f) => f.commands.some((c) => c.startsWith('sudo sysctl fs.inotify.max_user_watches='))))
})
