'use strict'
// One EMFILE scenario, run by bench/emfile.js and test/retry-emfile.test.js
// in a child whose descriptor limit was lowered (`ulimit -n 256`):
//
//   node bench/emfile-child.js <impl> <op> <n>
//
// impl: fs | graceful-fs | fsdoctor. op: one of OPS below. Starts n
// operations at once on 64 small files in a temp directory of its own,
// waits for all of them and prints one JSON line: { impl, op, n, ok,
// failed, codes, ms, limit }. Removes its directory.
const fs = require('fs')
const os = require('os')
const path = require('path')

const [impl, op, nArg] = process.argv.slice(2)
const N = Number(nArg) || 20000
const FILES = 64
const CONTENT = 'x'.repeat(100)

function load (name) {
  if (name === 'fs') return fs
  if (name === 'graceful-fs') return require('graceful-fs')
  if (name === 'fsdoctor') return require('../lib/retry').fs
  throw new Error(`unknown impl ${name}`)
}
const F = load(impl)

const consume = (s, done) => {
  let n = 0
  s.on('data', (d) => { n += d.length })
  s.on('error', done)
  s.on('close', () => done(n === CONTENT.length ? null : Object.assign(new Error('short read'), { code: 'ESHORT' })))
}

// Each: (file, done(err)).
const OPS = {
  readFile: (f, done) => F.readFile(f, 'utf8', (e, s) => done(e || (s === CONTENT ? null : new Error('bad data')))),
  'promises.readFile': (f, done) => F.promises.readFile(f, 'utf8').then((s) => done(s === CONTENT ? null : new Error('bad data')), done),
  createReadStream: (f, done) => consume(F.createReadStream(f), done),
  'new ReadStream': (f, done) => consume(new F.ReadStream(f), done),
  'ReadStream()': (f, done) => consume(F.ReadStream(f), done),
  'FileHandle open': (f, done) => F.promises.open(f, 'r').then(async (fh) => {
    try {
      const { bytesRead } = await fh.read(Buffer.alloc(200), 0, 200, 0)
      await fh.close()
      done(bytesRead === CONTENT.length ? null : new Error('bad data'))
    } catch (e) {
      done(e)
    }
  }, done),
  'open+close': (f, done) => F.open(f, 'r', (e, fd) => (e ? done(e) : F.close(fd, done))),
  writeFile: (f, done) => F.writeFile(f, CONTENT, done),
  createWriteStream: (f, done) => {
    const s = F.createWriteStream(f)
    s.on('error', done)
    s.on('close', () => done(null))
    s.end(CONTENT)
  }
}

function limit () {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'))
    return Number(line.split(/\s+/)[3])
  } catch {
    return null
  }
}

function main () {
  const fn = OPS[op]
  if (!fn) throw new Error(`unknown op ${op}; one of ${Object.keys(OPS).join(', ')}`)
  const lim = limit()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-emfile-'))
  const files = []
  for (let i = 0; i < FILES; i++) {
    const f = path.join(dir, `f${i}`)
    fs.writeFileSync(f, CONTENT)
    files.push(f)
  }
  let ok = 0
  let failed = 0
  let pending = N
  const codes = {}
  const t0 = performance.now()
  const finish = () => {
    const ms = performance.now() - t0
    fs.rmSync(dir, { recursive: true, force: true })
    process.stdout.write(JSON.stringify({ impl, op, n: N, ok, failed, codes, ms: Math.round(ms), limit: lim }) + '\n')
  }
  for (let i = 0; i < N; i++) {
    let called = false
    const done = (e) => {
      if (called) return
      called = true
      if (e) {
        failed++
        codes[e.code || e.message] = (codes[e.code || e.message] || 0) + 1
      } else ok++
      if (--pending === 0) finish()
    }
    try {
      fn(files[i % FILES], done)
    } catch (e) {
      done(e)
    }
  }
}

main()
