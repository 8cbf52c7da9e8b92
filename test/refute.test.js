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
