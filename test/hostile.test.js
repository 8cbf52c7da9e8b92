'use strict'
// Hostile input: every exported function x every nasty value, sync and
// async, in a child process (so a crash is a failure here, not the end of
// the run). Each call must return a well-formed value or throw/reject an
// Error with a clear class or code, within a time limit (FIFOs!).
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..')

const child = `
const f = require(${JSON.stringify(root)})
const specials = JSON.parse(process.argv[1])
const trap = () => { throw new Error('trap') }
const values = {
  undefined: undefined, null: null, zero: 0, negative: -1, nan: NaN, inf: Infinity,
  object: {}, array: [], symbol: Symbol('s'), fn: function named () {},
  throwingGetter: Object.defineProperty({}, 'code', { get: trap, enumerable: true }),
  throwingGetters: new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap }),
  nul: 'a\\u0000b', loneSurrogate: '\\uD800/x\\uDFFF', megabyte: 'E'.repeat(1 << 20),
  megabyteLog: ("npm ERR! code EPERM\\nEPERM: operation not permitted, rename '/a' -> '/b'\\n").repeat(20000),
  badUtf8: Buffer.from([0x2f, 0xff, 0xfe, 0x80, 0x00, 0xc3]), fileUrl: new URL('file:///tmp'),
  httpUrl: new URL('http://example.com/'),
  errorLike: { code: 'EPERM', syscall: 'rename', path: 'a\\u0000b', dest: 42, errno: 'x' },
  errorHuge: { code: 'E'.repeat(100000), path: '/'.repeat(100000) },
  ...specials
}
const names = Object.keys(f).filter((k) => typeof f[k] === 'function')
// A path outside the test's directory (/proc) goes to the readers only.
const WRITERS = new Set(['writeFileAtomic'])
const SYSTEM = new Set(['proc'])
const bad = []
let calls = 0
function check (name, label, how, e) {
  if (e instanceof TypeError || e instanceof RangeError) return
  if (e instanceof Error && typeof e.code === 'string' && e.message) return
  bad.push(name + '(' + label + ') ' + how + ': ' + (e && e.stack || String(e)).split('\\n')[0])
}
async function main () {
  for (const name of names) {
    for (const [label, v] of Object.entries(values)) {
      if (WRITERS.has(name) && SYSTEM.has(label)) continue
      for (const extra of [[], [v]]) {
        calls++
        try {
          const r = f[name](v, ...extra)
          if (r && typeof r.then === 'function') {
            let timer
            const t = new Promise((resolve, reject) => { timer = setTimeout(() => reject(new Error('timeout')), 5000) })
            try { await Promise.race([r, t]) } catch (e) {
              if (e && e.message === 'timeout' && !e.code) bad.push(name + '(' + label + ') async: hang')
              else check(name, label, 'async', e)
            } finally { clearTimeout(timer) }
          }
        } catch (e) { check(name, label, 'sync', e) }
      }
    }
  }
  console.log(JSON.stringify({ calls, functions: names.length, values: Object.keys(values).length, bad }))
}
process.on('unhandledRejection', (e) => { bad.push('unhandled rejection: ' + (e && e.message)); })
main()
`

test('hostile-input matrix: every export x every value', { timeout: 600000 }, (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-hostile-'))
  const fifo = path.join(dir, 'fifo')
  const sock = path.join(dir, 'sock')
  const server = net.createServer().listen(sock)
  t.after(() => { server.close(); fs.rmSync(dir, { recursive: true, force: true }) })
  const mk = spawnSync('mkfifo', [fifo])
  // Devices are made in the test's own directory: the matrix hands every
  // value to every export, writeFileAtomic among them, and a real /dev/null
  // must never reach something that writes (it once replaced /dev/zero).
  const specials = { socket: sock, proc: '/proc/self/status' }
  if (mk.status === 0) specials.fifo = fifo
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  for (const [label, minor] of [['devNull', '3'], ['devZero', '5']]) {
    const node = path.join(dir, label)
    if (isRoot && spawnSync('mknod', ['-m', '666', node, 'c', '1', minor]).status === 0) specials[label] = node
  }
  if (!specials.devNull) t.diagnostic('no device values: mknod needs root')
  const r = spawnSync(process.execPath, ['-e', child, JSON.stringify(specials)],
    { cwd: dir, encoding: 'utf8', timeout: 540000, maxBuffer: 64 << 20 })
  assert.strictEqual(r.signal, null, `child died by ${r.signal}: ${r.stderr.slice(-2000)}`)
  assert.strictEqual(r.status, 0, r.stderr.slice(-2000))
  const out = JSON.parse(r.stdout.trim().split('\n').pop())
  t.diagnostic(`${out.calls} calls: ${out.functions} functions x ${out.values} values x 2 arities`)
  assert.deepStrictEqual(out.bad, [])
  // Nothing the matrix called replaced a device or a FIFO it was handed.
  for (const label of ['devNull', 'devZero']) {
    if (specials[label]) assert.ok(fs.lstatSync(specials[label]).isCharacterDevice(), `${label} was replaced`)
  }
  if (specials.fifo) assert.ok(fs.lstatSync(specials.fifo).isFIFO(), 'the FIFO was replaced')
  assert.ok(out.functions >= 20, `only ${out.functions} exported functions`)
})
