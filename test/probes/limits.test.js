'use strict'
// limits(): descriptor limits of this process, the system file table,
// inotify limits and this user's use of them.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const { spawnSync } = require('node:child_process')
const f = require('../..')
const sys = require('../helpers/sys')

const root = require('node:path').join(__dirname, '..', '..')

test('matches the kernel for this process', () => {
  const r = f.limitsSync()
  const lim = /Max open files\s+(\d+)\s+(\d+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'))
  assert.strictEqual(r.nofileSoft, Number(lim[1]))
  assert.strictEqual(r.nofileHard, Number(lim[2]))
  const fds = fs.readdirSync('/proc/self/fd').length - 1
  assert.ok(Math.abs(r.openFds - fds) <= 2, `${r.openFds} vs ${fds}`)
  assert.strictEqual(r.fileMax, Number(fs.readFileSync('/proc/sys/fs/file-nr', 'utf8').split(/\s+/)[2]))
  assert.ok(r.fileNr > 0)
  assert.strictEqual(r.inotifyMaxWatches, Number(fs.readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8')))
  assert.strictEqual(r.inotifyMaxInstances, Number(fs.readFileSync('/proc/sys/fs/inotify/max_user_instances', 'utf8')))
})

test('an fd-limited child reports nofileSoft 64', (t) => {
  if (!sys.have('prlimit')) return t.skip('needs prlimit')
  // Node lifts its soft limit to the hard one at start-up, so cap both.
  const r = spawnSync('prlimit', ['--nofile=64:64', process.execPath, '-e',
    `process.stdout.write(JSON.stringify(require(${JSON.stringify(root)}).limitsSync()))`], { encoding: 'utf8' })
  assert.strictEqual(r.status, 0, r.stderr)
  const l = JSON.parse(r.stdout)
  assert.strictEqual(l.nofileSoft, 64)
  assert.strictEqual(l.nofileHard, 64)
  assert.ok(l.openFds > 0 && l.openFds < 64)
})

test('inotify instances and watches of this user are counted', async (t) => {
  const d = sys.tmpdir()
  t.after(d.cleanup)
  const before = f.limitsSync()
  // fs.watch on Linux: one inotify instance per event loop, a watch per path.
  const watchers = []
  for (let i = 0; i < 3; i++) {
    fs.mkdirSync(`${d.dir}/w${i}`)
    watchers.push(fs.watch(`${d.dir}/w${i}`))
  }
  t.after(() => watchers.forEach((w) => w.close()))
  const during = await f.limits()
  assert.ok(during.inotifyInstancesUsed >= 1)
  assert.ok(during.inotifyWatchesUsed >= before.inotifyWatchesUsed + 3,
    `${during.inotifyWatchesUsed} vs ${before.inotifyWatchesUsed}`)
})
