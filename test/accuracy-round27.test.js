'use strict'
// Classes read from round 27's misses (z33: Windows developer tools from
// 2024 on; z34: macOS and Linux desktop apps, editors and AI tools from 2024
// on). Texts are written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

test("pnpm's move-aside of an entry of its layout on another drive: a drive that cannot hold its links", () => {
  const r = first(" ERR_PNPM_ENOENT  ENOENT: no such file or directory, rename 'E:\\p\\node_modules\\.pnpm\\a@1.0.0\\node_modules\\globals' -> 'E:\\p\\node_modules\\.pnpm\\a@1.0.0\\node_modules\\.ignored_globals'", 'win32')
  assert.equal(r.d.causes[0].id, 'fs-no-symlinks', ids(r.d))
  assert.ok(r.d.causes[0].confidence < 0.9)
  // pnpm's own fix and an inspect of the drive, never npm's flags
  assert.ok(commands(r.d).includes('Get-Volume -DriveLetter E'), commands(r.d).join('\n'))
  assert.ok(!commands(r.d).some((c) => /npm install/.test(c)), commands(r.d).join('\n'))
  assert.match(r.d.causes[0].fixes.map((f) => f.text).join(' '), /node-linker=hoisted/)
  // drive C: is less telling, and npm's own renames are not pnpm's
  const c = first(" ERR_PNPM_ENOENT  ENOENT: no such file or directory, rename 'C:\\p\\node_modules\\.pnpm\\a@1.0.0\\node_modules\\globals' -> 'C:\\p\\node_modules\\.pnpm\\a@1.0.0\\node_modules\\.ignored_globals'", 'win32')
  const fc = c.d.causes.find((x) => x.id === 'fs-no-symlinks')
  assert.ok(fc && fc.confidence < 0.6, ids(c.d))
  const npm = first("npm ERR! ENOENT: no such file or directory, rename 'E:\\p\\node_modules\\a' -> 'E:\\p\\node_modules\\.a-x1'", 'win32')
  assert.notEqual(npm.d.causes[0].id, 'fs-no-symlinks', ids(npm.d))
})

test('a path that opens a line before the tool\'s words is its path (git\'s read-only objects)', () => {
  const r = first('repo/.git/objects/00/4fb8bdf7cf90c933b6f47d459a99c1f3d57627: unable to remove file: Access is denied.', 'win32')
  assert.equal(r.e.path, 'repo/.git/objects/00/4fb8bdf7cf90c933b6f47d459a99c1f3d57627')
  assert.equal(r.d.causes[0].id, 'readonly-attribute', ids(r.d))
  // a drive alone is no path, nor a word
  assert.equal(first('C: unable to remove file: Access is denied.', 'win32').e.path, null)
})

test('the Nix store is nobody\'s to write: mode bits by design, no owner to take back', () => {
  const r = first("[ERROR] Failed to write file atomically: Error: EACCES: permission denied, open '/nix/store/abc-home-manager-files/.claude.json.tmp.1'", 'linux')
  assert.equal(r.d.causes[0].id, 'permission-denied', ids(r.d))
  assert.match(r.d.causes[0].detail, /Nix store/)
  for (const cmd of commands(r.d)) assert.doesNotMatch(cmd, /chown|chmod/, cmd)
})
