'use strict'
// Session 13: fixes that fit the program that failed. A package manager's
// advice only where a package manager is in the picture, and no advice to
// change a place a tool only walked into. Texts are written for the test.
const test = require('node:test')
const assert = require('node:assert/strict')

const fsdoctor = require('..')
const causes = require('../lib/causes.json')
const { first, ids } = require('./helpers/paste')

const NPM_WORDS = /\b(npm|pnpm|yarn|npx|node_modules)\b|reinstall/i
// Causes that are npm's by definition, and the leftover-node-process row,
// which the engine gates on npm or node being in the picture (fixes.c).
const NPM_CAUSES = new Set(['global-prefix-not-writable', 'install-leftover'])
const texts = (c) => c.fixes.map((f) => f.text).join('\n')
const all = (d) => d.causes.slice(0, 3).map(texts).join('\n')

test('every fix that names a package manager needs one in the picture', () => {
  const loose = []
  for (const c of causes) {
    if (NPM_CAUSES.has(c.id)) continue
    for (const f of c.fixes) {
      if (!NPM_WORDS.test(f.text) || f.kind === 'node') continue
      // corrupted-cache's rows are npm's unless another cache is named
      const need = (f.need || '').split(',')
      if (need.some((n) => ['npmctx', 'pnpm', 'yarncache', 'npmprefix'].includes(n))) continue
      if (c.id === 'corrupted-cache' && need.includes('!yarncache')) continue
      loose.push(`${c.id}: ${f.text.slice(0, 70)}`)
    }
  }
  assert.deepEqual(loose, [])
})

test("rsync's dangling link: remove it and run again, no reinstall, no node_modules", () => {
  const { d } = first('symlink has no referent: "/home/u/site/build/vendor/lib/hooks"\nrsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1207) [sender=3.1.3]', 'linux')
  assert.equal(d.causes[0].id, 'broken-symlink', ids(d))
  assert.doesNotMatch(all(d), NPM_WORDS)
  assert.match(texts(d.causes[0]), /run the command again/)
})

test("Go's and Ruby's EMLINK: the subdirectory limit without npm's or pnpm's store", () => {
  const { d } = first("/usr/lib/ruby/1.8/fileutils.rb:243:in `mkdir': Too many links - /srv/uploads/2019 (Errno::EMLINK)", 'linux')
  assert.equal(d.causes[0].id, 'subdirectory-limit', ids(d))
  assert.doesNotMatch(all(d), NPM_WORDS)
  // npm's own EMLINK keeps npm's cache advice
  const n = first("npm ERR! code EMLINK\nnpm ERR! syscall link\nnpm ERR! path /home/u/.npm/_cacache/content-v2/sha512/ab/cd\nnpm ERR! EMLINK: too many links, link '/home/u/.npm/_cacache/content-v2/sha512/ab/cd' -> '/home/u/app/node_modules/x/index.js'", 'linux')
  assert.match(all(n.d), /npm's cache/)
})

test('a full disk outside npm: free space, no npm cache', () => {
  const { d } = first('rsync: write failed on "/mnt/backup/photos/a.jpg": No space left on device (28)', 'linux')
  assert.equal(d.causes[0].id, 'disk-full', ids(d))
  assert.doesNotMatch(all(d), NPM_WORDS)
  const n = first("npm ERR! code ENOSPC\nnpm ERR! syscall write\nnpm ERR! errno -28\nnpm ERR! nospc ENOSPC: no space left on device, write\nnpm ERR! nospc There appears to be insufficient space on your system to finish.", 'linux')
  assert.match(all(n.d), /npm's cache/)
})

test('a long path on Windows outside npm: move closer to the root, no node_modules remover', () => {
  const { d } = first("System.IO.PathTooLongException: The specified path, file name, or both are too long. The fully qualified file name must be less than 260 characters, and the directory name must be less than 248 characters.\n   at System.IO.Path.GetFullPath(String path) 'C:\\Users\\u\\source\\repos\\Solution\\Project\\obj\\Debug\\net6.0\\x.cs'", 'win32')
  assert.equal(d.causes[0].id, 'path-too-long', ids(d))
  assert.doesNotMatch(texts(d.causes[0]), NPM_WORDS)
  assert.match(texts(d.causes[0]), /closer to the drive root/)
})

test("a git checkout without the symlink right: no npm bin links", () => {
  const { d } = first("error: unable to create symlink docs/link: Permission denied\nwarning: Clone succeeded, but checkout failed.", 'win32')
  assert.equal(d.causes[0].id, 'symlink-privilege', ids(d))
  assert.doesNotMatch(all(d), /npm install --no-bin-links|node_modules/)
})

test('a walk that ended in /proc: no fix changes its modes or owner', () => {
  const { d } = first("Error: EACCES: permission denied, scandir '/proc/1/fd'", 'linux')
  assert.equal(d.causes[0].id, 'walk-outside-project', ids(d))
  for (const c of d.causes) {
    for (const f of c.fixes) {
      assert.doesNotMatch(f.text, /one to change|Take the tree back|grant your account|Take ownership/, `${c.id}: ${f.text}`)
      for (const cmd of f.commands) assert.doesNotMatch(cmd, /chmod|chown|icacls .*\/grant|takeown/, `${c.id}: ${cmd}`)
    }
  }
  assert.match(texts(d.causes.find((c) => c.id === 'permission-denied')), /leave its permissions/)
  // Windows: a drive root's system folder is not granted to the user
  const w = first("Error: EPERM: operation not permitted, scandir 'C:\\System Volume Information'", 'win32')
  assert.equal(w.d.causes[0].id, 'walk-outside-project', ids(w.d))
  for (const c of w.d.causes) for (const f of c.fixes) for (const cmd of f.commands) assert.doesNotMatch(cmd, /\/grant|takeown/, `${c.id}: ${cmd}`)
  // a plain denial in a project keeps the change it needs
  const p = first("Error: EACCES: permission denied, open '/home/u/app/dist/index.html'", 'linux')
  assert.match(texts(p.d.causes.find((c) => c.id === 'permission-denied')), /the one to change/)
})

test("this process's own error is npm's picture: npm's rows stay", () => {
  const e = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC', errno: -28, syscall: 'write' })
  const d = fsdoctor.diagnoseSync(e, { live: false, platform: 'linux' })
  assert.match(d.causes.find((c) => c.id === 'disk-full').fixes.map((f) => f.text).join('\n'), /npm's cache/)
})
