'use strict'
// Classes read from round 22's misses (z23: newer JavaScript runtimes and
// tools, Bun and Deno most; z24: filesystem libraries' trackers) and from a
// review of round 21's rules. Texts are written for the test, not copied
// from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')
const fsdoctor = require('..')

const { first, ids } = require('./helpers/paste')

test("Zig's and Bun's error names are errno names; a service's error code is not", () => {
  const cases = [
    ['error: Failed to open temp file AccessDenied', 'EACCES'],
    ['error: NameTooLong extracting tarball from some-package', 'ENAMETOOLONG'],
    ['error: linking @scope/tool: PathAlreadyExists', 'EEXIST'],
    ['error: CouldntReadCurrentDirectory', 'ENOENT'],
    ['error: ProcessFdQuotaExceeded', 'EMFILE']
  ]
  for (const [text, code] of cases) assert.equal(fsdoctor.parseErrors(text)[0]?.code, code, text)
  assert.equal(first('error: linking @scope/tool: PathAlreadyExists').d.causes[0].id, 'name-taken')
  for (const t of ['An error occurred (AccessDenied) when calling the PutObject operation', 'Code: AccessDenied', 'S3.AccessDenied', 'NotAccessDenied'])
    assert.equal(fsdoctor.parseErrors(t).length, 0, t)
})

test('a numbered cause chain (Rust\'s anyhow) gives the error the path the item above named', () => {
  const r = first('error: Writing the executable to a temporary file\n\nCaused by:\n    0: Failed reading: C:\\Users\\me\\Application Data\n    1: Access is denied. (os error 5)', 'win32')
  assert.equal(r.e.path, 'C:\\Users\\me\\Application Data')
  assert.equal(r.d.causes[0].id, 'walk-outside-project', ids(r.d))
  // an item that names no path leaves the error without one
  const n = fsdoctor.parseErrors('Caused by:\n    0: Failed to build\n    1: Access is denied. (os error 5)')[0]
  assert.equal(n.path, null)
})

test("bun's move of a cross-compiled binary into its cache on another drive is cross-device", () => {
  const r = first('ENOENT: Failed to move cross-compiled bun binary into cache directory C:\\Users\\ci\\.bun\\install\\cache\\bun-linux-x64-v1.1.8', 'win32')
  assert.equal(r.d.causes[0].id, 'cross-device', ids(r.d))
})

test('review of round 21: into-itself, pipes, realpath, ENOSYS, conda, git, chgrp', () => {
  // a real move into itself on WSL is no cross-mount rename; mv's two names are read
  const own = first("mv: cannot move '/mnt/c/proj/a' to a subdirectory of itself, '/mnt/c/proj/a/b/a'", 'wsl')
  assert.deepEqual([own.e.path, own.e.dest], ['/mnt/c/proj/a', '/mnt/c/proj/a/b/a'])
  assert.ok(!own.d.causes.some((c) => c.id === 'cross-device'), ids(own.d))
  // fsync EINVAL of a pipe or FIFO is no share
  const pipe = fsdoctor.diagnoseSync('Error: EINVAL: invalid argument, fsync', { live: false, platform: 'linux' })
  assert.ok(!pipe.causes.some((c) => c.id === 'network-fs'), ids(pipe))
  // realpath's EISDIR on Windows is a driver's, not a kind
  const rp = first("Error: EISDIR: illegal operation on a directory, realpath 'G:\\My Drive\\proj'", 'win32')
  assert.equal(rp.d.causes[0].id, 'network-fs', ids(rp.d))
  // ENOSYS: the fix is the program's, not the drive's
  const ns = first('error: unable to create symlink docs/a.md (Function not implemented)', 'win32')
  assert.match(ns.d.causes[0].fixes[0].text, /core\.symlinks false/)
  assert.doesNotMatch(ns.d.causes[0].fixes.map((f) => f.text).join(' '), /This filesystem/)
  // conda for all users leads; its words do not claim where conda is
  const conda = first('EnvironmentNotWritableError: The current user does not have write permissions to the target environment.', 'win32')
  assert.equal(conda.d.causes[0].id, 'protected-location', ids(conda.d))
  assert.match(conda.d.causes[0].detail, /most often/)
  // git's shared repository: the fix is the repository's group, not npm
  const git = first('remote: error: insufficient permission for adding an object to repository database ./objects', 'linux')
  const text = git.d.causes[0].fixes.map((f) => f.text).join(' ')
  assert.match(text, /core\.sharedRepository group/)
  assert.doesNotMatch(text, /sudo npm/)
  // an ordinary chgrp refusal on WSL's own disk is no Windows drive
  const cg = first("chgrp: changing group of 'data.db': Operation not permitted", 'wsl')
  assert.notEqual(cg.d.causes[0].id, 'wsl-windows-mount', ids(cg.d))
})

test('quote marks join a quoted paste\'s lines only with each other', () => {
  const read = (t) => fsdoctor.parseErrors(t).map((e) => e.path)
  assert.deepEqual(read("Error: EACCES: permission denied, open '/a/b\n# comment about c.txt'"), ['/a/b...'])
  assert.deepEqual(read("Error: EACCES: permission denied, open '/a/dir\n> npm ERR! code EACCES"), ['/a/dir...'])
  assert.deepEqual(read("> Error: EACCES: permission denied, open '/home/u/pro\n> ject/f.txt'"), ['/home/u/project/f.txt'])
})

test('a program that could not be run lacks its execute bit, even in npm\'s cache', () => {
  const s = first('Error: spawnSync /Users/me/.npm/_npx/f4a3/node_modules/@tool/darwin-arm64/tool EACCES', 'darwin')
  assert.equal(s.d.causes[0].id, 'permission-denied', ids(s.d))
  assert.match(s.d.causes[0].detail, /execute bit/)
  const cmds = s.d.causes[0].fixes.flatMap((f) => f.commands)
  assert.ok(cmds.includes('chmod u+x -- /Users/me/.npm/_npx/f4a3/node_modules/@tool/darwin-arm64/tool'), cmds.join('\n'))
  for (const c of cmds) assert.doesNotMatch(c, /chown|-R/, c)
  const sh = first('sh: 1: /home/me/app/node_modules/.bin/vite: Permission denied', 'linux')
  assert.equal(sh.d.causes[0].id, 'permission-denied', ids(sh.d))
  // a file npm's cache could not open is still the cache's owner
  const cache = first("npm ERR! Error: EACCES: permission denied, open '/home/me/.npm/_cacache/index-v5/ab/cd'", 'linux')
  assert.equal(cache.d.causes[0].id, 'wrong-owner', ids(cache.d))
})

test("round 23 (z26): Haskell's errno in parentheses, snapd's data folder, an owner check, a translocated app", () => {
  const h = first('cachix: /etc/nix/nix.conf: openFile: permission denied (Read-only file system)', 'linux')
  assert.equal(h.e.code, 'EROFS')
  assert.equal(h.d.causes[0].id, 'read-only-fs', ids(h.d))
  const snap = first('cannot create user data directory: /data/home/me/snap/tool/x1: Permission denied', 'linux')
  assert.equal(snap.d.causes[0].id, 'protected-location', ids(snap.d))
  const wine = first("wine: '/run/media/me/DATA/games/pfx' is not owned by you", 'linux')
  assert.equal(wine.d.causes[0].id, 'wrong-owner', ids(wine.d))
  const ro = first("Tool can't be updated when it's running from a read-only volume like a disk image or an optical drive.", 'darwin')
  assert.equal(ro.d.causes[0].id, 'read-only-fs', ids(ro.d))
})

test("round 23 (z25): Windows' CreateProcess directory, a mapped section, a cloud provider, Gradle's workspace move", () => {
  const cp = first('Failed to create terminal: Cannot create process, error code: 267', 'win32')
  assert.deepEqual([cp.e.code, cp.e.syscall], ['ENOTDIR', 'spawn'])
  const mapped = first('OSError: [WinError 1224] Writing shortcut: The requested operation cannot be performed on a file with a user-mapped section open.', 'win32')
  assert.equal(mapped.d.causes[0].id, 'file-locked', ids(mapped.d))
  const cloud = first('System.IO.IOException: The cloud file provider is not running.', 'win32')
  assert.equal(cloud.d.causes[0].id, 'network-fs', ids(cloud.d))
  assert.match(cloud.d.causes[0].detail, /OneDrive/)
  const gradle = first('Could not move temporary workspace (F:\\g\\caches\\8.9\\transforms\\e7-93) to immutable location (F:\\g\\caches\\8.9\\transforms\\e7)', 'win32')
  assert.equal(gradle.d.causes[0].id, 'file-locked', ids(gradle.d))
  // ERROR_OPEN_FAILED as an HRESULT, on a file just written: a scanner's hold
  const open = first('Caused by: The system cannot open the device or file specified. (os error -2147024786)', 'win32')
  assert.equal(open.d.causes[0].id, 'file-locked', ids(open.d))
  // an exit status is no Windows error: "error code: 267" needs CreateProcess's words
  assert.equal(fsdoctor.parseErrors('tool exited, error code: 267').length, 0)
})
