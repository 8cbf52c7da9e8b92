'use strict'
// Every probe: no descriptor leaks over 1000 calls, well-formed answers for
// missing and odd paths, async the same as sync, safe to run concurrently.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const f = require('../..')
const sys = require('../helpers/sys')

const d = sys.tmpdir()
test.after(d.cleanup)
const file = path.join(d.dir, 'file')
fs.writeFileSync(file, 'x')
fs.symlinkSync('file', path.join(d.dir, 'link'))
fs.symlinkSync('loop', path.join(d.dir, 'loop'))

// Free space moves while other tests run: compare everything else.
function stable (fi) {
  const { freeBytes, availBytes, freeInodes, ...rest } = fi
  return rest
}

// An ancestor's link count moves when anything else makes or removes a
// directory beside ours (/tmp is shared): compare the rest.
function stablePath (pi) {
  return { ...pi, components: pi.components.map(({ nlink, ...c }) => c) }
}

const probes = {
  fsInfo: (p) => f.fsInfoSync(p),
  pathInfo: (p) => f.pathInfoSync(p),
  linkInfo: (p) => f.linkInfoSync(p),
  privileges: (p) => f.privilegesSync(p),
  limits: () => f.limitsSync()
}

test('1000 calls of each probe leak no descriptors', () => {
  const paths = [file, path.join(d.dir, 'link'), path.join(d.dir, 'loop'), '/no/such', d.dir]
  for (const [name, fn] of Object.entries(probes)) {
    fn(file)
    const before = sys.fdCount()
    for (let i = 0; i < 1000; i++) fn(paths[i % paths.length])
    assert.strictEqual(sys.fdCount(), before, name)
  }
  // holders scans every process: fewer rounds keep the test quick.
  f.holdersSync(file)
  const before = sys.fdCount()
  for (let i = 0; i < 100; i++) f.holdersSync(i % 2 ? file : d.dir)
  assert.strictEqual(sys.fdCount(), before, 'holders')
  assert.deepStrictEqual(fs.readdirSync(d.dir).filter((n) => n.startsWith('.fsdoctor')), [])
})

test('missing, odd and deep paths give well-formed results', () => {
  const odd = [
    '/no/such/path',
    path.join(d.dir, 'file', 'under-a-file'), // ENOTDIR
    path.join(d.dir, 'loop', 'x'), // ELOOP on the way
    Buffer.from([0x2f, 0x74, 0x6d, 0x70, 0x2f, 0xff, 0xfe]), // /tmp/<invalid UTF-8>
    '/' + 'a'.repeat(300) + '/b', // component longer than NAME_MAX
    '/' + Array.from({ length: 2000 }, () => 'd').join('/'), // beyond PATH_MAX
    'relative/../path',
    '/'
  ]
  for (const p of odd) {
    const fi = f.fsInfoSync(p)
    assert.strictEqual(typeof fi.type, 'string')
    assert.strictEqual(typeof fi.probed, 'string')
    const pi = f.pathInfoSync(p)
    assert.strictEqual(typeof pi.exists, 'boolean')
    assert.ok(pi.components.length >= 1)
    assert.strictEqual(pi.components[0].path, '/')
    const li = f.linkInfoSync(p)
    assert.strictEqual(typeof li.exists, 'boolean')
    const h = f.holdersSync(p)
    assert.ok(Array.isArray(h.holders))
    const pr = f.privilegesSync(p)
    assert.strictEqual(typeof pr.root, 'boolean')
  }
  const enotdir = f.pathInfoSync(path.join(d.dir, 'file', 'under-a-file'))
  assert.strictEqual(enotdir.components.at(-1).error, 'ENOTDIR')
  assert.strictEqual(enotdir.canWrite, false)
  const deep = f.pathInfoSync('/' + Array.from({ length: 2000 }, () => 'd').join('/'))
  assert.strictEqual(deep.components.length, 2001)
  assert.strictEqual(deep.exists, false)
})

test('async forms resolve the same as sync', async () => {
  assert.deepStrictEqual(stable(await f.fsInfo(file)), stable(f.fsInfoSync(file)))
  assert.deepStrictEqual(stablePath(await f.pathInfo(file)), stablePath(f.pathInfoSync(file)))
  assert.deepStrictEqual(await f.linkInfo(path.join(d.dir, 'link')), f.linkInfoSync(path.join(d.dir, 'link')))
  const a = await f.privileges(d.dir)
  assert.deepStrictEqual(a, f.privilegesSync(d.dir))
  const [la, ls] = [await f.limits(), f.limitsSync()]
  assert.strictEqual(la.nofileSoft, ls.nofileSoft)
  assert.strictEqual(la.inotifyMaxWatches, ls.inotifyMaxWatches)
  const ha = await f.holders(file)
  assert.strictEqual(ha.method, 'procfs')
})

test('many probes at once on the threadpool agree', async () => {
  const jobs = []
  for (let i = 0; i < 40; i++) {
    jobs.push(f.pathInfo(file), f.fsInfo(d.dir), f.linkInfo(path.join(d.dir, 'loop')), f.privileges(d.dir))
  }
  const out = await Promise.all(jobs)
  for (let i = 0; i < out.length; i += 4) {
    assert.deepStrictEqual(stablePath(out[i]), stablePath(out[0]))
    assert.deepStrictEqual(stable(out[i + 1]), stable(out[1]))
    assert.deepStrictEqual(out[i + 2].cycle, [path.join(fs.realpathSync(d.dir), 'loop')])
    assert.strictEqual(out[i + 3].canHardlink, true)
  }
})
