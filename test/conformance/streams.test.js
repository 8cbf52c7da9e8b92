'use strict'
// Streams and FileHandle against plain fs: createReadStream/WriteStream and
// the ReadStream/WriteStream classes (with and without new), events in
// order, data, errors, options a prototype gives, a FileHandle's methods;
// and that the wrapper's streams open and close through the wrapper.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const { IMPLS, sandbox, tree, error, value, scrub } = require('./harness')
const { withRetry } = require('../../lib/retry')

const wrappers = Object.entries(IMPLS).filter(([, impl]) => impl !== fs)

// Everything a stream did, in order: events with their values, data
// chunks, the error's fields.
function record (make, dir) {
  return new Promise((resolve) => {
    const log = []
    let s
    try {
      s = make()
    } catch (e) {
      resolve({ threw: error(e, dir) })
      return
    }
    log.push(['class', s.constructor.name, s instanceof fs.ReadStream, s instanceof fs.WriteStream])
    for (const ev of ['open', 'ready', 'data', 'end', 'finish', 'error', 'close']) {
      s.on(ev, (x) => {
        log.push([ev, ev === 'error' ? error(x, dir) : ev === 'open' ? typeof x : value(x, dir)])
        if (ev === 'close') resolve({ log, bytes: s.bytesRead !== undefined ? s.bytesRead : s.bytesWritten, path: scrub(String(s.path), dir) })
      })
    }
    if (typeof s.end === 'function' && s instanceof fs.WriteStream) {
      s.write('one ')
      s.end('two')
    }
  })
}

const STREAM_CASES = {
  'createReadStream(file)': (F, d) => F.createReadStream(path.join(d, 'file')),
  'createReadStream(file, encoding)': (F, d) => F.createReadStream(path.join(d, 'file'), 'utf8'),
  'createReadStream with start/end': (F, d) => F.createReadStream(path.join(d, 'file'), { start: 2, end: 6, highWaterMark: 2 }),
  'createReadStream with options from a prototype': (F, d) => F.createReadStream(path.join(d, 'file'), Object.create({ start: 3, end: 7, encoding: 'hex' })),
  'createReadStream(missing)': (F, d) => F.createReadStream(path.join(d, 'missing')),
  'createReadStream(dir)': (F, d) => F.createReadStream(path.join(d, 'dir')),
  'createReadStream bad start': (F, d) => F.createReadStream(path.join(d, 'file'), { start: -1 }),
  'createReadStream bad encoding': (F, d) => F.createReadStream(path.join(d, 'file'), { encoding: 'nope' }),
  'createReadStream bad options': (F, d) => F.createReadStream(path.join(d, 'file'), 42),
  'createReadStream bad path': (F) => F.createReadStream({}),
  'new ReadStream(file)': (F, d) => new F.ReadStream(path.join(d, 'file')),
  'ReadStream(file) without new': (F, d) => F.ReadStream(path.join(d, 'file'), { encoding: 'utf8' }),
  'new FileReadStream(file)': (F, d) => new F.FileReadStream(path.join(d, 'file')),
  'createReadStream with an fd': (F, d) => F.createReadStream(null, { fd: fs.openSync(path.join(d, 'file'), 'r') }),
  'createWriteStream(new)': (F, d) => F.createWriteStream(path.join(d, 'new')),
  'createWriteStream(file, a)': (F, d) => F.createWriteStream(path.join(d, 'file'), { flags: 'a' }),
  'createWriteStream with options from a prototype': (F, d) => F.createWriteStream(path.join(d, 'file'), Object.create({ flags: 'r+', start: 2 })),
  'createWriteStream(missing dir)': (F, d) => F.createWriteStream(path.join(d, 'missing', 'x')),
  'createWriteStream bad flags': (F, d) => F.createWriteStream(path.join(d, 'x'), { flags: 'bogus' }),
  'new WriteStream(new)': (F, d) => new F.WriteStream(path.join(d, 'new')),
  'WriteStream(new) without new': (F, d) => F.WriteStream(path.join(d, 'new'), 'latin1'),
  'new FileWriteStream(new)': (F, d) => new F.FileWriteStream(path.join(d, 'new'))
}

for (const [name, impl] of wrappers) {
  test(`${name}: every stream case has the outcome it has with fs`, async () => {
    for (const [what, make] of Object.entries(STREAM_CASES)) {
      const run = async (F) => {
        const d = sandbox()
        try {
          const r = await record(() => make(F, d), d)
          r.tree = tree(d)
          return r
        } finally {
          fs.rmSync(d, { recursive: true, force: true })
        }
      }
      assert.deepStrictEqual(await run(impl), await run(fs), what)
    }
  })

  test(`${name}: the stream classes are subclasses of fs's`, () => {
    for (const k of ['ReadStream', 'WriteStream', 'FileReadStream', 'FileWriteStream']) {
      assert.strictEqual(Object.getPrototypeOf(impl[k].prototype), fs[k].prototype, k)
      assert.strictEqual(impl[k].name, fs[k].name)
      assert.strictEqual(impl[k].length, fs[k].length)
    }
    assert.strictEqual(impl.FileReadStream, impl.ReadStream)
    assert.strictEqual(impl.FileWriteStream, impl.WriteStream)
  })
}

test('streams open and close through the wrapper: maxOpen holds a new ReadStream and a WriteStream() until a close', async (t) => {
  const d = sandbox()
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  const rfs = withRetry(fs, { maxOpen: 1 })
  const fh = await rfs.promises.open(path.join(d, 'file'))
  const events = []
  const rs = new rfs.ReadStream(path.join(d, 'file'), { encoding: 'utf8' })
  const ws = rfs.WriteStream(path.join(d, 'out'))
  rs.on('open', () => events.push('read open'))
  ws.on('open', () => events.push('write open'))
  let text = ''
  rs.on('data', (s) => { text += s })
  ws.end('written')
  await new Promise((resolve) => setTimeout(resolve, 50))
  assert.deepStrictEqual(events, [], 'no descriptor while the handle holds the only one')
  await fh.close()
  await Promise.all([new Promise((resolve) => rs.on('close', resolve)), new Promise((resolve) => ws.on('close', resolve))])
  assert.strictEqual(events.length, 2, 'each opened once a descriptor was closed')
  assert.strictEqual(text, 'hello world\n')
  assert.strictEqual(fs.readFileSync(path.join(d, 'out'), 'utf8'), 'written')
})

test('a stream given an fs of its own keeps it', async (t) => {
  const d = sandbox()
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  const calls = []
  const own = { ...fs, open: (...a) => { calls.push('open'); return fs.open(...a) } }
  for (const [, impl] of wrappers) {
    const s = impl.createReadStream(path.join(d, 'file'), { fs: own })
    await new Promise((resolve) => s.on('close', resolve).resume())
  }
  assert.strictEqual(calls.length, wrappers.length)
})

// FileHandle: the same methods, and each behaving as fs's.
const HANDLE_CASES = {
  stat: [[], [{ bigint: true }]],
  read: [[Buffer.alloc(5), 0, 5, 0], [{ buffer: Buffer.alloc(3), position: 1 }], [Buffer.alloc(2), 0, 9, 0], ['x', 0, 1, 0]],
  readv: [[[Buffer.alloc(2), Buffer.alloc(3)], 0], ['x']],
  write: [[Buffer.from('XY'), 0, 2, 1], ['str', 0], [42]],
  writev: [[[Buffer.from('a'), Buffer.from('b')], 0]],
  readFile: [[], ['utf8'], [{ encoding: 'nope' }]],
  writeFile: [['new content'], [42]],
  appendFile: [['more']],
  truncate: [[3], [-1], ['x']],
  chmod: [[0o600], ['bad']],
  chown: [[process.getuid(), process.getgid()], ['x', 0]],
  utimes: [[1000, 2000], ['x', 1]],
  sync: [[]],
  datasync: [[]]
}

for (const [name, impl] of wrappers) {
  test(`${name}: FileHandle methods behave as fs's`, async () => {
    const run = async (F, method, args) => {
      const d = sandbox()
      const fh = await F.promises.open(path.join(d, 'file'), 'r+')
      let r
      try {
        r = { resolved: value(await fh[method](...args), d) }
      } catch (e) {
        r = { rejected: error(e, d) }
      }
      await fh.close()
      r.tree = tree(d)
      fs.rmSync(d, { recursive: true, force: true })
      return r
    }
    const a = await fs.promises.open(__filename)
    const b = await impl.promises.open(__filename)
    const methods = (h) => {
      const names = new Set()
      for (let o = h; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
        for (const k of Object.getOwnPropertyNames(o)) if (typeof h[k] === 'function' && k !== 'constructor') names.add(k)
      }
      return [...names].sort()
    }
    assert.deepStrictEqual(methods(b), methods(a))
    assert.deepStrictEqual(Object.keys(b), Object.keys(a))
    for (const k of methods(a)) assert.strictEqual(b[k].length, a[k].length, k)
    await a.close()
    await b.close()
    for (const [method, lists] of Object.entries(HANDLE_CASES)) {
      for (const args of lists) {
        assert.deepStrictEqual(await run(impl, method, args), await run(fs, method, args), `${method}(${args.map(String).join(', ')})`)
      }
    }
    // Its own streams and readLines read the same.
    const d = sandbox()
    const read = async (F) => {
      const fh = await F.promises.open(path.join(d, 'file'))
      const lines = []
      for await (const l of fh.readLines()) lines.push(l)
      const fh2 = await F.promises.open(path.join(d, 'file'))
      let text = ''
      for await (const c of fh2.createReadStream({ encoding: 'utf8' })) text += c
      return { lines, text }
    }
    assert.deepStrictEqual(await read(impl), await read(fs))
    fs.rmSync(d, { recursive: true, force: true })
  })
}
