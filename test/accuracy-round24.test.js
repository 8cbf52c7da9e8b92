'use strict'
// Classes read from round 24's misses (z27: macOS threads from 2024 on;
// z28: JavaScript tools on Linux, Docker and CI from 2024 on) and from a
// second review of rounds 22-23's rules. Texts are written for the test,
// not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')
const fsdoctor = require('..')

const { first, ids } = require('./helpers/paste')
const commands = (d) => d.causes.flatMap((c) => c.fixes.flatMap((f) => f.commands))

test('macOS: a read-only volume in Squirrel\'s words, iCloud\'s evicted files, a busy disk image, the sandbox', () => {
  const sq = first("Error: Cannot update while running on a read-only volume. The application is on a read-only volume. Please move the application and try again.", 'darwin')
  assert.equal(sq.d.causes[0].id, 'read-only-fs', ids(sq.d))
  const ic = first("head: error reading 'src/App.tsx': Resource deadlock avoided", 'darwin')
  assert.equal(ic.e.code, 'EDEADLK')
  assert.equal(ic.d.causes[0].id, 'network-fs', ids(ic.d))
  assert.match(ic.d.causes[0].detail, /iCloud Drive/)
  const u11 = first("Error: Unknown system error -11: Unknown system error -11, read\n    at readFileSync (node:fs:435:20)\n    at x (file:///Users/me/tools/x.js:12:5)", 'darwin')
  assert.equal(u11.d.causes[0].id, 'network-fs', ids(u11.d))
  const hd = first('hdiutil: couldn\'t eject "disk4" - Resource busy', 'darwin')
  assert.equal(hd.d.causes[0].id, 'mount-point-busy', ids(hd.d))
  const sb = first("error: Sandbox: bash(4242) deny(1) file-read-data /Users/me/app/Pods/Tool/gen.sh (in target 'App' from project 'app')", 'darwin')
  assert.equal(sb.d.causes[0].id, 'protected-location', ids(sb.d))
  assert.match(sb.d.causes[0].detail, /User Script Sandboxing/)
})

test("npm -g writes man pages under its prefix: /usr/local/share/man is npm's global prefix", () => {
  const r = first("npm error code EACCES\nnpm error Error: EACCES: permission denied, mkdir '/usr/local/share/man/man7'", 'linux')
  assert.equal(r.d.causes[0].id, 'global-prefix-not-writable', ids(r.d))
})

test('review: snapd keeps the real errno; the execute bit is never offered for a system file or a directory', () => {
  const full = first('cannot create user data directory: /home/u/snap/x/12: No space left on device', 'linux')
  assert.equal(full.e.code, 'ENOSPC')
  assert.equal(full.d.causes[0].id, 'disk-full', ids(full.d))
  const home = first('cannot create user data directory: /home/u/snap/x/12: Permission denied', 'linux')
  assert.notEqual(home.d.causes[0].id, 'protected-location', ids(home.d))
  for (const t of ['Error: spawn /usr/bin/python3 EACCES', 'Error: spawn /home/me/proj/ EACCES',
    'Error: spawn /home/me/proj/node_modules/.bin EACCES', 'Error: spawn /usr/local/lib/node_modules/pm2/bin/pm2 EACCES',
    'sh: 1: cannot create /home/me/p/node_modules/.bin/x: Permission denied',
    'bash: cd: /home/me/p/node_modules/.bin/x: Permission denied',
    'Error: spawn /tmp/tool/run EACCES\n/tmp is mounted noexec']) {
    const r = first(t, 'linux')
    for (const c of commands(r.d)) assert.doesNotMatch(c, /chmod u\+x/, `${t}: ${c}`)
  }
  // Windows' 267 from a listing is no spawn
  const py = first("NotADirectoryError: [WinError 267] The directory name is invalid: 'C:\\p\\file.txt'", 'win32')
  assert.notEqual(py.e.syscall, 'spawn')
  // prose that says "not owned by you" names no owner
  const prose = fsdoctor.diagnoseSync('Note: this repository is not owned by you; fork it first.', { live: false, platform: 'linux' })
  assert.ok(!prose.causes.some((c) => c.id === 'wrong-owner' && c.confidence >= 0.8), ids(prose))
})

test('review: fs-no-permissions only where the log shows such a volume, on the side the call wrote', () => {
  const mnt = first("Error: EPERM: operation not permitted, chmod '/mnt/data/app/run.sh'", 'linux')
  assert.notEqual(mnt.d.causes[0].id, 'fs-no-permissions', ids(mnt.d))
  for (const t of ["Building fat jar\nchown: changing ownership of '/srv/a': Operation not permitted",
    "chmod: changing permissions of '/media/me/disk/a': Operation not permitted\n/dev/sdb1 on /media/me/disk type ext4",
    "chown: changing ownership of '/media/sf_shared/a': Operation not permitted"]) {
    const r = first(t, 'linux')
    assert.ok(!r.d.causes.some((c) => c.id === 'fs-no-permissions'), `${t}: ${ids(r.d)}`)
  }
  const cp = first("Error: EPERM: operation not permitted, copyfile '/home/me/.cache/x' -> '/media/me/USB/p/x'", 'linux')
  const c = cp.d.causes.find((x) => x.id === 'fs-no-permissions')
  assert.ok(c, ids(cp.d))
  assert.ok(commands(cp.d).includes('findmnt -T /media/me/USB/p'), commands(cp.d).join('\n'))
  const mac = first("Error: EPERM: operation not permitted, chmod '/Volumes/T7/x'\nThe drive is exFAT", 'darwin')
  assert.equal(mac.d.causes[0].id, 'fs-no-permissions', ids(mac.d))
  assert.deepEqual(mac.d.causes[0].fixes.flatMap((f) => f.commands), ['df -- /Volumes/T7', 'mount'])
})
