'use strict'
// Session 13: classes read from round 41's misses (JavaScript on Windows in
// 2025 and 2026, Node in Docker, monorepo and database tools). Texts are
// written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

const texts = (c) => c.fixes.map((f) => f.text).join('\n')

test("Windows' application control: a policy, with its log to read", () => {
  const { e, d } = first('Error: Failed to load native addon:\n  LoadLibrary failed: An app control policy blocked this file.\n  C:\\Users\\u\\.tool\\addon.win32-x64.node', 'win32')
  assert.equal(e.code, 'EPERM')
  assert.equal(d.causes[0].id, 'protected-location', ids(d))
  assert.ok(d.causes[0].confidence < 0.9)
  assert.ok(commands(d).some((c) => /CodeIntegrity/.test(c)), commands(d).join('\n'))
  // the protected-system-folder advice (move the project, run as admin) is not this
  assert.doesNotMatch(texts(d.causes[0]), /administrator if writing/)
  assert.ok(!commands(d).some((c) => /Move-Item/.test(c)), commands(d).join('\n'))
})

test("Deno's refusal of a .cmd without a shell", () => {
  const { d } = first("error: Uncaught (in promise) PermissionDenied: Failed to spawn 'npm': Use a shell to execute .bat or .cmd files", 'win32')
  assert.equal(d.causes[0].id, 'shim-without-shell', ids(d))
})

test("a Unix socket's path past its limit", () => {
  const { e, d } = first(' NX   Attempted to open socket that exceeds the maximum socket length.\n\nSet NX_SOCKET_DIR to a shorter path', 'darwin')
  assert.equal(e.code, 'ENAMETOOLONG')
  assert.equal(d.causes[0].id, 'path-too-long', ids(d))
})

test("SQLite's CANTOPEN: a missing folder first, a guess below 0.9, no errno claimed", () => {
  const { e, d } = first('Error: SQLITE_CANTOPEN: unable to open database file\n    at Database.<anonymous>', 'linux')
  assert.equal(e.code, 'UNKNOWN')
  assert.equal(d.causes[0].id, 'missing-path', ids(d))
  assert.ok(d.causes[0].confidence < 0.6)
})

test("Windows' chmod: changing an access list is the owner's", () => {
  const { d } = first('write ACE grant failed on G:\\work\\proj: SetNamedSecurityInfoW failed: 5', 'win32')
  assert.equal(d.causes[0].id, 'wrong-owner', ids(d))
  assert.match(d.causes[0].detail, /access list of G:\\work\\proj was refused/)
  // no recursive take-over of a folder the text never named as the owner's
  assert.deepEqual(commands(d).filter((c) => /takeown|icacls .*\/grant/.test(c)), [])
})

test("OneDrive's folders: reparse points that tools misread", () => {
  for (const t of [
    "Error: EINVAL: invalid argument, lstat 'C:\\Users\\u\\OneDrive'",
    "Error: EEXIST: file already exists, mkdir 'C:\\Users\\u\\OneDrive - Org\\.ai'"
  ]) {
    const { d } = first(t, 'win32')
    assert.equal(d.causes[0].id, 'network-fs', `${t}\n${ids(d)}`)
  }
  // a folder merely named like it, and other codes, are not OneDrive's
  const other = first("Error: EEXIST: file already exists, mkdir 'C:\\Users\\u\\OneDriveBackup\\x'", 'win32')
  assert.notEqual(other.d.causes[0].id, 'network-fs', ids(other.d))
  const locked = first("Error: EBUSY: resource busy or locked, unlink 'C:\\Users\\u\\OneDrive\\p\\a.txt'", 'win32')
  assert.equal(locked.d.causes[0].id, 'file-locked', ids(locked.d))
})
