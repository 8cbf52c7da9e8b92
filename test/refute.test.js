'use strict'
// A live answer and the guesses its own measurements contradict: a cause
// proposed from the text alone whose condition a probe measured absent
// now is said to be contradicted, ranks at half its confidence, and the
// summary says first that nothing measured here explains the error.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const fsdoctor = require('..')

const posix = process.platform === 'linux' || process.platform === 'darwin'

function tmp (t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-refute-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

test('EACCES on a file this user owns and may write: both guesses contradicted', { skip: !posix && 'POSIX owners' }, (t) => {
  const f = path.join(tmp(t), 'a.js')
  fs.writeFileSync(f, 'x')
  const d = fsdoctor.diagnoseSync(`EACCES: permission denied, open '${f}'`, { live: true })
  assert.equal(d.live, true)
  const owner = d.causes.find((c) => c.id === 'wrong-owner')
  const bits = d.causes.find((c) => c.id === 'permission-denied')
  assert.ok(owner && bits, d.causes.map((c) => c.id).join())
  assert.match(owner.evidence.contradicted, /belongs to this user \(uid \d+\)/)
  assert.match(bits.evidence.contradicted, /may change .*a\.js now/)
  for (const c of [owner, bits]) {
    assert.ok(c.confidence < 0.3, `${c.id} ${c.confidence}`)
    assert.match(c.detail, /^Measured now, .*; the text alone suggested: /)
  }
  assert.match(d.summary, /^EACCES from open: nothing measured here explains it now \(/)
  // the same text judged without this machine keeps its guesses whole
  const text = fsdoctor.diagnoseSync(`EACCES: permission denied, open '${f}'`, { live: false, platform: 'linux' })
  for (const c of text.causes) assert.equal(c.evidence.contradicted, undefined)
  assert.ok(text.causes[0].confidence >= 2 * d.causes[0].confidence - 0.011)
})

test('EROFS on a read-write mount, ELOOP on a path that resolves: contradicted', { skip: !posix && 'POSIX mounts' }, (t) => {
  const dir = tmp(t)
  const f = path.join(dir, 'b.txt')
  fs.writeFileSync(f, 'x')
  const rofs = fsdoctor.diagnoseSync(`EROFS: read-only file system, open '${f}'`, { live: true })
  const ro = rofs.causes.find((c) => c.id === 'read-only-fs')
  assert.match(ro.evidence.contradicted, /is mounted read-write$/)
  fs.symlinkSync(f, path.join(dir, 'l'))
  const loop = fsdoctor.diagnoseSync(`ELOOP: too many symbolic links encountered, stat '${path.join(dir, 'l')}'`, { live: true })
  const sl = loop.causes.find((c) => c.id === 'symlink-loop')
  assert.match(sl.evidence.contradicted, /resolves to .*b\.txt without a loop/)
})

test('a real loop is measured, not contradicted', { skip: !posix && 'POSIX symlinks' }, (t) => {
  const dir = tmp(t)
  fs.symlinkSync(path.join(dir, 'b'), path.join(dir, 'a'))
  fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'))
  const d = fsdoctor.diagnoseSync(`ELOOP: too many symbolic links encountered, stat '${path.join(dir, 'a')}'`, { live: true })
  assert.equal(d.causes[0].id, 'symlink-loop')
  assert.equal(d.causes[0].evidence.contradicted, undefined)
  assert.ok(d.causes[0].confidence >= 0.9, String(d.causes[0].confidence))
  assert.doesNotMatch(d.summary, /nothing measured here/)
})

test('no claim where the probes did not measure the failure: no path, access(), the destination\'s loop', { skip: !posix && 'POSIX' }, (t) => {
  const dir = tmp(t)
  // no path: the working directory's mount says nothing of the descriptor
  const nopath = fsdoctor.diagnoseSync('Error: EROFS: read-only file system, write', { live: true })
  for (const c of nopath.causes) assert.equal(c.evidence.contradicted, undefined, c.id)
  // access(): the mode it asked for is not in the text
  const f = path.join(dir, 'tool')
  fs.writeFileSync(f, 'x', { mode: 0o644 })
  const acc = fsdoctor.diagnoseSync(`Error: EACCES: permission denied, access '${f}'`, { live: true })
  assert.equal(acc.causes.find((c) => c.id === 'permission-denied')?.evidence.contradicted, undefined)
  // a symlink made inside a loop: the new name's directories loop, not its target
  fs.symlinkSync(path.join(dir, 'lb'), path.join(dir, 'la'))
  fs.symlinkSync(path.join(dir, 'la'), path.join(dir, 'lb'))
  fs.writeFileSync(path.join(dir, 'tgt'), 'x')
  let err
  try { fs.symlinkSync(path.join(dir, 'tgt'), path.join(dir, 'la', 'x')) } catch (e) { err = e }
  assert.equal(err.code, 'ELOOP')
  const d = fsdoctor.diagnoseSync(err, { live: true })
  const sl = d.causes.find((c) => c.id === 'symlink-loop')
  assert.ok(sl, d.causes.map((c) => c.id).join())
  assert.equal(sl.evidence.contradicted, undefined)
  assert.doesNotMatch(d.summary, /nothing measured here/)
})

test('a contradicted cause\'s fixes are said as a condition', { skip: !posix && 'POSIX' }, (t) => {
  const f = path.join(tmp(t), 'c.txt')
  fs.writeFileSync(f, 'x')
  const d = fsdoctor.diagnoseSync(`EROFS: read-only file system, open '${f}'`, { live: true })
  const ro = d.causes.find((c) => c.id === 'read-only-fs')
  assert.ok(ro.evidence.contradicted)
  assert.ok(ro.fixes.length > 0)
  for (const x of ro.fixes) assert.match(x.text, /^If this is the cause: /)
})
