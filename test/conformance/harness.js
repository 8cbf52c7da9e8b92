'use strict'
// The conformance harness: one behaviour run against plain fs and against
// the wrapper, each in a sandbox of its own with the same content, and what
// each did reduced to a comparable outcome (returned values, errors with
// their class, name, code, message, enumerable fields and the caller's stack
// frame, the sandbox's tree afterwards). A test fails on any difference.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { withRetry } = require('../../lib/retry')

const wrapped = require('../../lib/retry').fs
const custom = withRetry(fs, { maxOpen: 64, retries: 3 })
const IMPLS = { fs, 'fsdoctor.fs': wrapped, 'withRetry(fs, { maxOpen })': custom }

// The tree every case starts from.
function populate (dir) {
  fs.writeFileSync(path.join(dir, 'file'), 'hello world\n')
  fs.writeFileSync(path.join(dir, 'empty'), '')
  fs.mkdirSync(path.join(dir, 'dir'))
  fs.writeFileSync(path.join(dir, 'dir', 'a'), 'A')
  fs.mkdirSync(path.join(dir, 'dir', 'sub'))
  fs.writeFileSync(path.join(dir, 'dir', 'sub', 'b'), 'B')
  fs.mkdirSync(path.join(dir, 'emptydir'))
  fs.symlinkSync('file', path.join(dir, 'link'))
  fs.symlinkSync('nowhere', path.join(dir, 'dangling'))
  fs.chmodSync(path.join(dir, 'file'), 0o644)
}

function sandbox () {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-conf-')))
  populate(dir)
  return dir
}

// The tree as data: names, kinds, modes, sizes, small contents, link targets.
function tree (dir) {
  const out = {}
  const walk = (d, rel) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name)
      const r = rel ? `${rel}/${name}` : name
      const st = fs.lstatSync(p)
      if (st.isSymbolicLink()) out[r] = `link -> ${fs.readlinkSync(p)}`
      else if (st.isDirectory()) {
        out[r] = `dir ${(st.mode & 0o7777).toString(8)}`
        walk(p, r)
      } else if (st.isFile()) {
        out[r] = `file ${(st.mode & 0o7777).toString(8)} ${st.size}` +
          (st.size <= 256 ? ` ${JSON.stringify(fs.readFileSync(p, 'latin1'))}` : '')
      } else out[r] = 'other'
    }
  }
  walk(dir, '')
  return out
}

// Strings with the sandbox's path in them compare across sandboxes.
// A descriptor's number in a message ("Received type number (19)") is
// whichever was free.
function scrub (s, dir) {
  return typeof s === 'string' ? s.split(dir).join('<dir>').replace(/Received type number \(\d+\)/g, 'Received type number (<fd>)') : s
}

const opened = new Set()

// A value reduced to what must be equal. Descriptors, handles and Dir
// objects are closed and stand as their kind.
function value (v, dir, depth = 0) {
  if (depth > 4) return '…'
  if (v === null || v === undefined || typeof v === 'boolean') return v
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v
  if (typeof v === 'bigint') return `${v}n`
  if (typeof v === 'string') return scrub(v, dir)
  if (typeof v === 'function') return `function ${v.name}`
  if (Buffer.isBuffer(v)) {
    const t = v.toString('latin1')
    return t.includes(dir) ? `Buffer of ${scrub(t, dir)}` : `Buffer ${v.toString('hex')}`
  }
  if (v instanceof fs.Stats || (v && v.constructor && v.constructor.name === 'BigIntStats')) {
    return {
      class: v.constructor.name,
      mode: value(v.mode),
      size: value(v.size),
      nlink: value(v.nlink),
      kinds: ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO'].filter((k) => v[k]())
    }
  }
  if (v instanceof fs.Dirent) return { class: 'Dirent', name: v.name, kinds: ['isFile', 'isDirectory', 'isSymbolicLink'].filter((k) => v[k]()) }
  if (v instanceof fs.Dir) {
    opened.add(() => v.closeSync())
    return { class: 'Dir', path: scrub(v.path, dir) }
  }
  if (v && v.constructor && v.constructor.name === 'FileHandle') {
    opened.add(() => v.close())
    return { class: 'FileHandle', fd: typeof v.fd }
  }
  if (v && v.constructor && v.constructor.name === 'StatFs') return { class: 'StatFs', type: v.type }
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} ${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`
  if (Array.isArray(v)) return v.map((x) => value(x, dir, depth + 1))
  if (typeof v === 'object') {
    const o = { class: v.constructor ? v.constructor.name : null }
    for (const k of Object.keys(v)) o[k] = value(v[k], dir, depth + 1)
    return o
  }
  return String(v)
}

// The first frame of a stack that is not Node's own or this harness's
// runner: where the caller stands.
function callerFrame (stack) {
  if (typeof stack !== 'string') return null
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l))
  const f = frames.find((l) => !/\(node:|at node:|at async node:| node:internal/.test(l))
  return f ? f.trim() : null
}

function protoNames (o) {
  const names = []
  for (let p = Object.getPrototypeOf(o); p; p = Object.getPrototypeOf(p)) names.push(p.constructor ? p.constructor.name : '?')
  return names
}

// What a retry adds to the error it finally gives up with (documented:
// attempts, elapsed, codes; diagnosis is not enumerable). A call that was
// not retried must add nothing.
const RETRY_FIELDS = new Set(['attempts', 'elapsed', 'codes'])

function error (e, dir) {
  if (!(e instanceof Error)) return { thrownValue: value(e, dir) }
  const fields = {}
  const retried = e.attempts > 1
  for (const k of Object.keys(e)) if (!(retried && RETRY_FIELDS.has(k))) fields[k] = value(e[k], dir)
  return {
    class: e.constructor.name,
    name: e.name,
    code: e.code,
    message: scrub(e.message, dir),
    fields,
    header: scrub(String(e.stack).split('\n')[0], dir),
    caller: scrub(callerFrame(e.stack), dir),
    protos: protoNames(e)
  }
}

async function closeOpened () {
  for (const c of opened) {
    try {
      await c()
    } catch {}
  }
  opened.clear()
}

// Calls fn (with args made from the sandbox) in one form; the outcome.
// `form`: 'sync', 'callback', 'promise'. Every call is made from the same
// line below, so the caller's frame can be compared.
async function outcome (form, fn, target, args) {
  if (form === 'callback') {
    return new Promise((resolve) => {
      let threw = null
      let sync = true
      const cb = function (...res) {
        resolve({ callback: res.map((x, i) => (i === 0 && x instanceof Error ? { error: x } : { v: x })), async: !sync, self: this === undefined || this === globalThis ? 'none' : typeof this })
      }
      try {
        fn.call(target, ...args, cb) // the caller's frame (callback)
      } catch (e) {
        threw = e
      }
      sync = false
      if (threw) resolve({ threw })
    })
  }
  if (form === 'promise') {
    let p
    try {
      p = fn.call(target, ...args) // the caller's frame (promise)
    } catch (e) {
      return { threw: e }
    }
    if (!p || typeof p.then !== 'function') return { returned: p, notPromise: true }
    try {
      return { resolved: await p }
    } catch (e) {
      return { rejected: e }
    }
  }
  try {
    return { returned: fn.call(target, ...args) } // the caller's frame (sync)
  } catch (e) {
    return { threw: e }
  }
}

function fdsOf (o) {
  const fix = (v) => {
    if (typeof v !== 'number') return v
    try {
      fs.closeSync(v)
    } catch {}
    return '<fd>'
  }
  if ('returned' in o) o.returned = fix(o.returned)
  if ('resolved' in o) o.resolved = fix(o.resolved)
  if (o.callback) for (const x of o.callback) if ('v' in x) x.v = fix(x.v)
}

function reduce (o, dir) {
  const out = {}
  for (const [k, v] of Object.entries(o)) {
    if (k === 'callback') out[k] = v.map((x) => (x.error ? { error: error(x.error, dir) } : value(x.v, dir)))
    else if (v instanceof Error) out[k] = error(v, dir)
    else out[k] = value(v, dir)
  }
  return out
}

// Runs one case against every implementation; returns { name: result }.
// `make(dir)` gives the arguments; `get(impl)` the function and its this.
// `all`: also against a wrapper with maxOpen (for the calls that open).
async function compare (form, get, make, { fdResult = false, all = true } = {}) {
  const results = {}
  for (const [name, impl] of Object.entries(IMPLS)) {
    if (!all && impl === custom) continue
    const dir = sandbox()
    try {
      const { fn, target } = get(impl)
      const o = await outcome(form, fn, target, make(dir))
      // open's descriptor: a number, whichever was free; closed here.
      if (fdResult) fdsOf(o)
      const r = reduce(o, dir)
      await closeOpened()
      r.tree = tree(dir)
      results[name] = r
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  return results
}

module.exports = { IMPLS, compare, sandbox, tree, value, error, scrub, callerFrame, outcome, reduce, closeOpened }
