'use strict'
// Classes read from round 21's misses (z21: Windows or macOS meeting Linux
// through WSL, Docker Desktop and VM shares; z22: Q&A pages). Texts are
// written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids } = require('./helpers/paste')

test('WSL 1 answered a rename across its mounts with EINVAL: mv says "subdirectory of itself"', () => {
  const r = first("me@pc:~$ mv tool.phar /usr/local/bin/tool\nmv: cannot move 'tool.phar' to a subdirectory of itself, '/usr/local/bin/tool'", 'wsl')
  assert.deepEqual([r.e.code, r.e.syscall], ['EINVAL', 'rename'])
  assert.equal(r.d.causes[0].id, 'cross-device', ids(r.d))
  // onto a Windows drive the drive leads, the cross-mount rename next
  const m = first("mv: cannot move 'notes.txt' to a subdirectory of itself, '/mnt/d/backup/notes.txt'", 'wsl')
  assert.ok(m.d.causes.slice(0, 3).some((c) => c.id === 'cross-device'), ids(m.d))
  // elsewhere EINVAL from rename is a real move into itself: no claim
  const l = first("mv: cannot move 'a' to a subdirectory of itself, 'a/b/a'", 'linux')
  assert.ok(!l.d.causes.some((c) => c.id === 'cross-device'), ids(l.d))
})

test('a directory fsync refused as invalid is a share that cannot sync one', () => {
  const r = first('error: Guarantee failed: [res == 0]  (errno 22 - Invalid argument) Failed to fsync() parent directory of \'db_data/tmp\'.', 'linux')
  assert.deepEqual([r.e.code, r.e.syscall, r.e.path], ['EINVAL', 'fsync', 'db_data/tmp'])
  assert.equal(r.d.causes[0].id, 'network-fs', ids(r.d))
  assert.ok(r.d.causes[0].confidence < 0.9)
})

test('owners named in a tool\'s own words: npm\'s cache, a shared git repository, Explorer', () => {
  const npm = first('npm ERR! Your cache folder contains root-owned files, due to a bug in\nnpm ERR! previous versions of npm which has since been addressed.', 'darwin')
  assert.equal(npm.e.code, 'EACCES')
  assert.equal(npm.d.causes[0].id, 'wrong-owner', ids(npm.d))
  const git = first('remote: error: insufficient permission for adding an object to repository database ./objects', 'linux')
  assert.equal(git.d.causes[0].id, 'wrong-owner', ids(git.d))
  const ex = first('You need permission to perform this action\nYou require permission from DESKTOP-1\\olduser to make changes to this folder', 'win32')
  assert.equal(ex.d.causes[0].id, 'wrong-owner', ids(ex.d))
  for (const c of ex.d.causes) assert.ok(c.confidence < 0.9)
})

test('Windows: ENOSYS from symlink is a program without symlinks; EISDIR from lstat is a driver without the call', () => {
  const g = first('error: unable to create symlink docs/link.md (Function not implemented)', 'win32')
  assert.deepEqual([g.e.code, g.e.syscall], ['ENOSYS', 'symlink'])
  assert.equal(g.d.causes[0].id, 'fs-no-symlinks', ids(g.d))
  const l = first("Error: EISDIR: illegal operation on a directory, lstat '\\\\wsl.localhost\\Ubuntu\\home\\u\\proj\\link'", 'win32')
  assert.equal(l.d.causes[0].id, 'network-fs', ids(l.d))
  // open's EISDIR is still a directory where a file was expected
  const o = first("Error: EISDIR: illegal operation on a directory, open 'C:\\site\\public\\img'", 'win32')
  assert.equal(o.d.causes[0].id, 'wrong-file-type', ids(o.d))
})

test('WSL: chgrp refused on a drive without metadata; ntfs-3g\'s read-only fallback; conda for all users', () => {
  const w = first('rsync: chgrp "/mnt/e/backup/x" failed: Operation not permitted (1)', 'wsl')
  assert.equal(w.d.causes[0].id, 'wsl-windows-mount', ids(w.d))
  const n = first('Windows is hibernated, refused to mount.\nFalling back to read-only mount because the NTFS partition is in an\nunsafe state.', 'linux')
  assert.equal(n.e.code, 'EROFS')
  assert.equal(n.d.causes[0].id, 'read-only-fs', ids(n.d))
  const c = first('EnvironmentNotWritableError: The current user does not have write permissions to the target environment.', 'win32')
  assert.ok(c.d.causes.slice(0, 3).some((x) => x.id === 'protected-location'), ids(c.d))
})
