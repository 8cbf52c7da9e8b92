'use strict'
// Real "busy" errors with another process involved: a running binary, a
// device held open exclusively, a directory in use; and a name too long.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawn } = require('node:child_process')
const sys = require('../helpers/sys')
const fsdoctor = require('../..')

function fail (fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  assert.fail('expected an error')
}
const ids = (d) => d.causes.map((c) => c.id).join(',')

test('ETXTBSY writing a running binary -> text-file-busy naming the process', async (t) => {
  if (process.platform !== 'linux') return t.skip('Linux ETXTBSY')
  const { dir, cleanup } = sys.tmpdir()
  const bin = path.join(dir, 'sleeper')
  fs.copyFileSync('/bin/sleep', bin)
  fs.chmodSync(bin, 0o755)
  const child = spawn(bin, ['30'], { stdio: 'ignore' })
  t.after(() => { child.kill('SIGKILL'); cleanup() })
  await new Promise((resolve) => child.once('spawn', resolve))
  let err
  for (let i = 0; i < 50 && !err; i++) {
    try {
      fs.closeSync(fs.openSync(bin, 'r+'))
      await new Promise((resolve) => setTimeout(resolve, 20)) // exec not done yet
    } catch (e) {
      err = e
    }
  }
  assert.equal(err && err.code, 'ETXTBSY')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'text-file-busy', ids(d))
  const h = d.causes[0].evidence.holders
  assert.ok(h.some((x) => x.pid === child.pid && x.how === 'exe'), JSON.stringify(h))
  assert.match(d.causes[0].detail, new RegExp(`pid ${child.pid}`))
  assert.ok(d.causes[0].fixes.some((f) => f.commands.includes(`kill ${child.pid}`)))
})

test('EBUSY opening a device another process holds exclusively -> file-locked with its pid', async (t) => {
  if (sys.skipUnless(t, 'sets up a loop device', ['losetup'])) return
  const { dir, cleanup } = sys.tmpdir()
  const image = path.join(dir, 'disk.img')
  fs.writeFileSync(image, Buffer.alloc(1 << 20))
  const dev = sys.run('losetup', ['-f', '--show', image]).trim()
  const child = spawn(process.execPath, ['-e',
    'const fs = require("fs"); fs.openSync(process.argv[1], fs.constants.O_RDONLY | fs.constants.O_EXCL);' +
    'process.stdout.write("ready\\n"); process.stdin.resume()', dev], { stdio: ['pipe', 'pipe', 'inherit'] })
  t.after(() => {
    child.kill('SIGKILL')
    sys.run('losetup', ['-d', dev])
    cleanup()
  })
  await new Promise((resolve) => child.stdout.once('data', resolve))
  const err = fail(() => fs.openSync(dev, fs.constants.O_RDONLY | fs.constants.O_EXCL))
  assert.equal(err.code, 'EBUSY')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'file-locked', ids(d))
  const h = d.causes[0].evidence.holders
  assert.ok(h.some((x) => x.pid === child.pid && x.kind === 'node'), JSON.stringify(h))
  assert.ok(d.causes[0].fixes.some((f) => f.commands.includes(`kill ${child.pid}`)))
  assert.equal(d.transient, true)
  // Without the holder scan the named holder is gone and the cause is a guess.
  const quick = fsdoctor.diagnoseSync(err, { holders: false })
  assert.ok(!quick.causes.some((c) => c.evidence.holders && c.evidence.holders.length))
})

test('ENOTEMPTY removing a directory in use -> dir-not-empty with its holder', async (t) => {
  const { dir, cleanup } = sys.tmpdir()
  const target = path.join(dir, 'node_modules')
  fs.mkdirSync(target)
  fs.writeFileSync(path.join(target, 'left.js'), '')
  const holder = await sys.spawnHolder(target, { cwd: true })
  t.after(async () => { await holder.kill(); cleanup() })
  const err = fail(() => fs.rmdirSync(target))
  assert.equal(err.code, 'ENOTEMPTY')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'dir-not-empty', ids(d))
  assert.equal(d.causes[0].evidence.path, target)
  assert.ok(d.causes[0].evidence.holders.some((x) => x.pid === holder.pid && x.how === 'cwd'))
  assert.equal(d.transient, true)
})

test('ENAMETOOLONG -> path-too-long with the name length and the limit', (t) => {
  const { dir, cleanup } = sys.tmpdir()
  t.after(cleanup)
  const err = fail(() => fs.writeFileSync(path.join(dir, 'n'.repeat(300)), ''))
  assert.equal(err.code, 'ENAMETOOLONG')
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'path-too-long', ids(d))
  assert.equal(d.causes[0].evidence.nameLength, 300)
  assert.equal(d.causes[0].evidence.nameMax, 255)
})
