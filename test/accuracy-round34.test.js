'use strict'
// Session 11: fixes that fit the program and the account that failed, and
// classes read from the corpus's remaining misses. Texts are written for
// the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

const texts = (c) => c.fixes.map((f) => f.text).join('\n')
const cause = (d, id) => d.causes.find((c) => c.id === id)

test("a program's own MAXPATHLEN is not lifted by Windows' long-path setting", () => {
  const r = first('ZipArchive::extractTo(): Full extraction path exceed MAXPATHLEN (260)', 'win32')
  assert.equal(r.e.code, 'ENAMETOOLONG')
  assert.equal(r.d.causes[0].id, 'path-too-long', ids(r.d))
  const p = r.d.causes[0]
  assert.match(texts(p), /limit of its own/)
  // no registry change, no git setting: neither changes the program's check
  assert.ok(!commands(r.d).some((c) => /LongPathsEnabled|core\.longpaths/.test(c)), commands(r.d).join('\n'))
  // and a path the program measured is no command line
  assert.ok(!cause(r.d, 'command-too-long'), ids(r.d))
  // a plain long path on Windows still gets the machine-wide setting
  const plain = first(`Error: ENAMETOOLONG: name too long, open 'C:\\${'a\\'.repeat(130)}x.js'`, 'win32')
  assert.ok(commands(plain.d).some((c) => /LongPathsEnabled/.test(c)), commands(plain.d).join('\n'))
})

test('a web server\'s refused directory names the server\'s account, not sudo npm, and changes nothing', () => {
  const r = first('Unable to create directory wp-content/uploads/2024/05. Is its parent directory writable by the server?', 'linux')
  const w = cause(r.d, 'wrong-owner')
  assert.ok(w, ids(r.d))
  assert.match(texts(w), /web server/)
  assert.doesNotMatch(texts(w), /npm/)
  // only inspections: the shell's user is the wrong one to give it to
  for (const f of w.fixes) for (const c of f.commands) assert.match(c, /^(ls|ps|namei) /, c)
  for (const f of w.fixes) assert.ok(f.classes.every((k) => k === 'inspect'), JSON.stringify(f))
})

test('an owner fix says npm only where npm is in the picture', () => {
  const git = first("fatal: could not create work tree dir 'proj': Permission denied", 'linux')
  const w = cause(git.d, 'wrong-owner')
  assert.ok(w, ids(git.d))
  assert.doesNotMatch(texts(w), /npm/)
  const npm = first("npm ERR! Error: EACCES: permission denied, mkdir '/home/u/proj/node_modules/x'", 'linux')
  assert.match(texts(cause(npm.d, 'wrong-owner')), /npm/)
})

test('a denial read from the text alone shows how to find the directory that denies it', () => {
  const r = first("mkdir: cannot create directory '/data/app/cache': Permission denied", 'linux')
  const own = cause(r.d, 'permission-denied')
  assert.ok(own, ids(r.d))
  assert.ok(own.fixes.some((f) => f.commands.includes('namei -l -- /data/app/cache')), JSON.stringify(own.fixes))
  // macOS has no namei: ls of the path and its directory
  const mac = first("mkdir: /Users/u/app/cache: Permission denied", 'darwin')
  const pd = cause(mac.d, 'permission-denied')
  assert.ok(pd.fixes.some((f) => f.commands.some((c) => /^ls -ld -- /.test(c))), JSON.stringify(pd.fixes))
  assert.ok(!commands(mac.d).some((c) => /namei/.test(c)))
})
