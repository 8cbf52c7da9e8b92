'use strict'
// The causes issue 14 added, live on real errors made in a temp directory
// (missing-path names the first missing component, wrong-file-type the
// component of the wrong kind, install-leftover the leftover, whose removal
// the guard shows because it is measured inside node_modules), and the
// same errors pasted as text (below 0.9, no destructive command).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const fsdoctor = require('..')

function tmp (t) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-i14-')))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

function fail (fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('did not fail')
}

const ids = (d) => d.causes.map((c) => c.id).join(',')
const skip = process.platform === 'win32' && 'POSIX paths'

test('missing-path names the first missing component, live', { skip }, (t) => {
  const dir = tmp(t)
  const err = fail(() => fs.readFileSync(path.join(dir, 'a', 'b', 'c')))
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'missing-path', ids(d))
  assert.equal(d.causes[0].evidence.missing, path.join(dir, 'a'))
  assert.equal(d.causes[0].evidence.existing, dir)
  assert.ok(d.causes[0].confidence >= 0.85)
  // the same error pasted: a guess, below 0.9
  const p = fsdoctor.diagnoseSync(String(err.stack), { live: false })
  assert.equal(p.causes[0].id, 'missing-path', ids(p))
  assert.ok(p.causes[0].confidence < 0.9)
})

test('a dangling symlink on the path is broken-symlink, not missing-path', { skip }, (t) => {
  const dir = tmp(t)
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangle'))
  const d = fsdoctor.diagnoseSync(fail(() => fs.readFileSync(path.join(dir, 'dangle', 'x'))))
  assert.equal(d.causes[0].id, 'broken-symlink', ids(d))
  assert.ok(!d.causes.some((c) => c.id === 'missing-path'))
})

test('wrong-file-type names the file where a directory was expected', { skip }, (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'file')
  fs.writeFileSync(file, 'x')
  for (const fn of [() => fs.readdirSync(file), () => fs.readFileSync(path.join(file, 'x'))]) {
    const d = fsdoctor.diagnoseSync(fail(fn))
    assert.equal(d.causes[0].id, 'wrong-file-type', ids(d))
    assert.equal(d.causes[0].evidence.component, file)
  }
  const d = fsdoctor.diagnoseSync(fail(() => fs.readFileSync(dir)))
  assert.equal(d.code, 'EISDIR')
  assert.equal(d.causes[0].id, 'wrong-file-type', ids(d))
})

test('install-leftover: the leftover is measured, its removal guarded', { skip }, (t) => {
  const dir = tmp(t)
  const nm = path.join(dir, 'node_modules')
  const left = path.join(nm, '.foo-AbCd1234')
  fs.mkdirSync(left, { recursive: true })
  fs.writeFileSync(path.join(left, 'x'), '1')
  fs.mkdirSync(path.join(nm, 'foo'))
  const err = fail(() => fs.renameSync(path.join(nm, 'foo'), left))
  assert.ok(['ENOTEMPTY', 'EEXIST'].includes(err.code), err.code)
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'install-leftover', ids(d))
  assert.equal(d.transient, false)
  assert.equal(d.causes[0].evidence.leftover, left)
  const cmds = d.causes[0].fixes.flatMap((f) => f.commands)
  assert.ok(cmds.includes(`rm -rf -- ${left}`), cmds.join('\n'))
  // pasted, nothing is measured: no removal is shown
  const p = fsdoctor.diagnoseSync(String(err.stack), { live: false })
  assert.equal(p.causes[0].id, 'install-leftover', ids(p))
  for (const f of p.causes[0].fixes) assert.ok(!f.classes.includes('destroy'), f.commands.join('\n'))
  assert.ok(fs.existsSync(path.join(left, 'x')), 'diagnosing removed nothing')
})

test('pasted shapes of issue 14 are read and ranked', () => {
  const cases = [
    ['npm Error : EBUSY resource busy or locked', 'win32', 'file-locked'],
    ['Error: watch ENOSPC', 'linux', 'watcher-limit'],
    ["npm ERR! Error: EROFS, symlink '../jade/bin/jade'\nnpm ERR! cwd /vagrant/app", 'linux', 'fs-no-symlinks'],
    ["Error: EMLINK: too many links, mkdtemp '/tmp/x-XXXXXX'", 'linux', 'subdirectory-limit'],
    ["Error: EACCES: permission denied, open '/home/u/.npm/_locks/staging.lock'", 'linux', 'wrong-owner'],
    ["Error: EPERM: operation not permitted, unlink 'C:\\r\\.git\\objects\\pack\\pack-1.idx'", 'win32', 'readonly-attribute'],
    ['Error watching file for changes: EMFILE', 'darwin', 'too-many-open-files'],
    ['OSError: [Errno 28] No space left on device', 'linux', 'disk-full'],
    ['Error: spawn ENAMETOOLONG', 'win32', 'command-too-long'],
    ["Error: ENAMETOOLONG: name too long, mkdir '/p/app/app/app/app/app/app'", 'darwin', 'copy-into-itself'],
    ["Watchpack Error (initial scan): Error: EACCES: permission denied, scandir '/proc/1/fd'", 'linux', 'walk-outside-project'],
    ["Error: ENOTDIR: not a directory, scandir '/p/x/index.js'", 'linux', 'wrong-file-type']
  ]
  for (const [text, platform, want] of cases) {
    const d = fsdoctor.diagnoseSync(text, { platform, live: false })
    assert.equal(d.causes[0].id, want, `${text}: ${ids(d)}`)
    assert.ok(d.causes[0].confidence < 0.9)
  }
  // what the rest of a log says: a watcher at work, a Vagrant share
  const w = fsdoctor.diagnoseSync('[nodemon] watching path(s): *.*\nnpm ERR! code ENOSPC', { platform: 'linux' })
  assert.equal(w.causes[0].id, 'watcher-limit', ids(w))
  assert.ok(w.causes.slice(0, 3).some((c) => c.id === 'disk-full'))
  // a full disk and exhausted inodes look alike from text: both in the top three
  const d = fsdoctor.diagnoseSync('no space left on device', { platform: 'linux' })
  const top3 = d.causes.slice(0, 3).map((c) => c.id)
  assert.ok(top3.includes('disk-full') && top3.includes('inodes-exhausted'), top3.join(','))
})

// name-taken: EEXIST from a call that creates a name something already
// has. Live, the answer says what is there (type, link target, the
// package a bin link belongs to); pasted, it is a guess below 0.9. Its
// fixes only inspect: which of the two must give way is the user's call.
function inspectOnly (cause) {
  for (const f of cause.fixes) {
    assert.ok(f.classes.every((c) => c === 'inspect'), `${f.classes}: ${f.commands.join('\n')}`)
  }
}

test('a bin link another package owns: measured, the package named', { skip }, (t) => {
  const dir = tmp(t)
  const bin = path.join(dir, 'bin')
  fs.mkdirSync(path.join(dir, 'lib', 'node_modules', '@other', 'tool', 'bin'), { recursive: true })
  fs.mkdirSync(bin)
  const theirs = '../lib/node_modules/@other/tool/bin/nx.js'
  fs.symlinkSync(theirs, path.join(bin, 'nx'))
  const err = fail(() => fs.symlinkSync('../lib/node_modules/mine/cli.js', path.join(bin, 'nx')))
  assert.equal(err.code, 'EEXIST')
  const d = fsdoctor.diagnoseSync(err)
  const top = d.causes[0]
  assert.equal(top.id, 'name-taken', ids(d))
  assert.ok(top.confidence >= 0.9)
  assert.equal(top.evidence.type, 'symlink')
  assert.equal(top.evidence.target, theirs)
  assert.equal(top.evidence.package, '@other/tool')
  assert.match(top.detail, /@other\/tool/)
  inspectOnly(top)
  const cmds = top.fixes.flatMap((f) => f.commands)
  assert.ok(cmds.includes(`ls -la -- ${path.join(bin, 'nx')}`), cmds.join('\n'))
  assert.equal(fs.readlinkSync(path.join(bin, 'nx')), theirs, 'diagnosing changed nothing')
})

test('a node_modules/.bin link names its package; readlink only for a link', { skip }, (t) => {
  const dir = tmp(t)
  const bin = path.join(dir, 'node_modules', '.bin')
  fs.mkdirSync(path.join(dir, 'node_modules', '@o', 'tool', 'bin'), { recursive: true })
  fs.mkdirSync(bin)
  fs.symlinkSync('../@o/tool/bin/nx.js', path.join(bin, 'nx'))
  const d = fsdoctor.diagnoseSync(fail(() => fs.symlinkSync('../mine/cli.js', path.join(bin, 'nx'))))
  assert.equal(d.causes[0].id, 'name-taken', ids(d))
  assert.equal(d.causes[0].evidence.package, '@o/tool')
  assert.ok(d.causes[0].fixes.flatMap((f) => f.commands).includes(`readlink -- ${path.join(bin, 'nx')}`))
  const out = path.join(dir, 'out')
  fs.mkdirSync(out)
  const m = fsdoctor.diagnoseSync(fail(() => fs.mkdirSync(out)))
  assert.ok(!m.causes[0].fixes.flatMap((f) => f.commands).some((c) => c.startsWith('readlink')))
})

test('mkdir of a directory that is there: its type, and the same text pasted', { skip }, (t) => {
  const dir = tmp(t)
  const out = path.join(dir, 'generated')
  fs.mkdirSync(out)
  const err = fail(() => fs.mkdirSync(out))
  const d = fsdoctor.diagnoseSync(err)
  assert.equal(d.causes[0].id, 'name-taken', ids(d))
  assert.equal(d.causes[0].evidence.type, 'dir')
  assert.equal(d.causes[0].evidence.exists, true)
  const p = fsdoctor.diagnoseSync(String(err.stack), { live: false })
  assert.equal(p.causes[0].id, 'name-taken', ids(p))
  assert.ok(p.causes[0].confidence < 0.9)
  assert.equal(p.causes[1].id, 'wrong-file-type', ids(p))
  inspectOnly(p.causes[0])
})

test('pasted EEXIST: which cause leads follows the call and its path', () => {
  const top = (text, platform = 'linux') =>
    fsdoctor.diagnoseSync(text, { live: false, platform, context: text }).causes.map((c) => c.id)
  // a recursive mkdir accepts a directory: something else is in the way
  assert.equal(top("fs.mkdirSync('./out', { recursive: true })\nError: EEXIST: file already exists, mkdir '/p/out'")[0], 'wrong-file-type')
  assert.equal(top("Error: EEXIST: file already exists, mkdir 'package.json/a/b'")[0], 'wrong-file-type')
  assert.equal(top("Error: EEXIST: file already exists, mkdir '/srv/app/releases/2/node_modules'")[0], 'wrong-file-type')
  // a package folder named like a file is not a file on the way
  assert.equal(top("Error: EEXIST: file already exists, mkdir '/p/node_modules/chart.js/dist'")[0], 'name-taken')
  // a command name: a bin directory or a Windows shim
  const bin = fsdoctor.diagnoseSync("npm ERR! EEXIST: file already exists, symlink '../lib/node_modules/ni/bin/nx.mjs' -> '/opt/homebrew/bin/nx'", { live: false, platform: 'darwin' })
  assert.equal(bin.causes[0].id, 'name-taken', ids(bin))
  assert.equal(bin.causes[0].evidence.taken, '/opt/homebrew/bin/nx')
  assert.match(bin.causes[0].detail, /command name/)
  // an interrupted install's leftover keeps its own cause
  assert.equal(top("Error: EEXIST: file already exists, mkdir '/p/node_modules/.staging'")[0], 'install-leftover')
  assert.equal(top("Error: EEXIST: file already exists, open 'C:\\Users\\u\\AppData\\Roaming\\npm\\nx.cmd'", 'win32')[0], 'name-taken')
})
