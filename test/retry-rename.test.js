'use strict'
// A retried rename: a move that happened is a success, a destination
// changed by someone else is never clobbered, and an overwrite is retried
// without deleting the destination first.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { withRetry } = require('../lib/retry')
const { faultFs, fakeClock, injectedDiagnosis } = require('./helpers/faultfs')

const FORMS = {
  cb: (rfs, a, b) => new Promise((resolve, reject) => rfs.rename(a, b, (e) => (e ? reject(e) : resolve()))),
  promise: (rfs, a, b) => rfs.promises.rename(a, b),
  sync: async (rfs, a, b) => rfs.renameSync(a, b)
}

function setup (t, testing = {}, policy = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-rename-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const clock = fakeClock()
  const ff = faultFs({ clock })
  const retried = []
  const rfs = withRetry(ff.fs, {
    onRetry: (i) => retried.push(i),
    ...policy,
    __testing: { clock, platform: 'linux', diagnoseSync: injectedDiagnosis, ...testing }
  })
  const src = path.join(dir, 'src')
  const dst = path.join(dir, 'dst')
  fs.writeFileSync(src, 'new content')
  return { ff, rfs, retried, src, dst, dir }
}

const lockDiagnosis = () => ({ transient: true, causes: [{ id: 'file-locked' }] })

for (const [form, rename] of Object.entries(FORMS)) {
  test(`${form}: a rename that happened but reported EPERM (Windows) is a success`, async (t) => {
    const { ff, rfs, src, dst } = setup(t, { platform: 'win32', diagnoseSync: lockDiagnosis })
    fs.writeFileSync(dst, 'old')
    ff.fail('rename', { code: 'EPERM', after: true, times: 1 })
    await rename(rfs, src, dst)
    assert.strictEqual(ff.count('rename'), 1, 'not attempted again')
    assert.strictEqual(fs.readFileSync(dst, 'utf8'), 'new content')
    assert.strictEqual(fs.existsSync(src), false)
  })

  test(`${form}: a rename that happened but reported EBUSY (Linux) is a success`, async (t) => {
    const { ff, rfs, src, dst, retried } = setup(t)
    ff.fail('rename', { code: 'EBUSY', after: true, times: 1 })
    await rename(rfs, src, dst)
    assert.strictEqual(retried.length, 0)
    assert.strictEqual(fs.readFileSync(dst, 'utf8'), 'new content')
  })

  test(`${form}: overwrite on Windows is retried without deleting the destination`, async (t) => {
    const { ff, rfs, src, dst, retried } = setup(t, { platform: 'win32', diagnoseSync: lockDiagnosis })
    fs.writeFileSync(dst, 'old')
    const seen = []
    ff.fail('rename', { code: 'EPERM', times: 4, before: () => seen.push(fs.readFileSync(dst, 'utf8')) })
    await rename(rfs, src, dst)
    assert.strictEqual(retried.length, 4)
    assert.deepStrictEqual(seen, ['old', 'old', 'old', 'old'], 'the destination stayed in place while retrying')
    for (const op of ['unlink', 'rm', 'rmdir']) assert.strictEqual(ff.count(op), 0, `no ${op}`)
    assert.strictEqual(fs.readFileSync(dst, 'utf8'), 'new content')
  })

  test(`${form}: a destination written by someone else meanwhile is not clobbered`, async (t) => {
    const s = setup(t, {}, { onRetry: ({ attempt }) => { if (attempt === 2) fs.writeFileSync(s.dst, 'theirs, newer') } })
    const { ff, rfs, src, dst } = s
    fs.writeFileSync(dst, 'old')
    ff.fail('rename', { code: 'EBUSY', times: 5 })
    const err = await rename(rfs, src, dst).then(() => null, (e) => e)
    assert.ok(err)
    assert.strictEqual(err.code, 'EBUSY')
    assert.strictEqual(err.destChanged, true)
    assert.strictEqual(err.attempts, 2)
    assert.strictEqual(fs.readFileSync(dst, 'utf8'), 'theirs, newer')
    assert.strictEqual(fs.readFileSync(src, 'utf8'), 'new content')
  })

  test(`${form}: a destination created meanwhile (none before) is not clobbered`, async (t) => {
    const s = setup(t, {}, { onRetry: () => fs.writeFileSync(s.dst, 'theirs') })
    s.ff.fail('rename', { code: 'EBUSY', times: 2 })
    const err = await rename(s.rfs, s.src, s.dst).then(() => null, (e) => e)
    assert.strictEqual(err.destChanged, true)
    assert.strictEqual(fs.readFileSync(s.dst, 'utf8'), 'theirs')
  })

  test(`${form}: a source moved away by someone else ends in ENOENT`, async (t) => {
    const s = setup(t, {}, { onRetry: () => fs.renameSync(s.src, path.join(s.dir, 'elsewhere')) })
    s.ff.fail('rename', { code: 'EBUSY', times: 1 })
    const err = await rename(s.rfs, s.src, s.dst).then(() => null, (e) => e)
    assert.strictEqual(err.code, 'ENOENT')
    assert.deepStrictEqual(err.codes, ['EBUSY', 'ENOENT'])
    assert.strictEqual(fs.existsSync(s.dst), false)
  })
}

test('directory renames are guarded by inode', async (t) => {
  const { ff, rfs, dir } = setup(t)
  const a = path.join(dir, 'da')
  const b = path.join(dir, 'db')
  fs.mkdirSync(a)
  fs.writeFileSync(path.join(a, 'inner'), 'x')
  ff.fail('rename', { code: 'EBUSY', after: true, times: 1 })
  await rfs.promises.rename(a, b)
  assert.strictEqual(ff.count('rename'), 1)
  assert.strictEqual(fs.readFileSync(path.join(b, 'inner'), 'utf8'), 'x')
})
