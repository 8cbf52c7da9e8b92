'use strict'
// writeFileAtomic: readers and crashes see the old file or the new one,
// never a mix.
//
//   1. resolve the target: a symlink stays a symlink and what it points
//      at is written; a dangling one gets its target created, at the path
//      its chain ends at (never a regular file in place of the link)
//   2. temp file next to it (same directory, so same filesystem), 'wx';
//      stale temp files of this path from a process that is gone (kill -9)
//      are removed first
//   3. existing file: its permission bits (and owner when running as root)
//   4. write everything, fsync
//   5. rename over the target, with retries and the rename guards
//   6. fsync the directory, so the rename itself survives a power cut
// On any failure the temp file is closed and removed.
//
// Async writers to one path are queued: each starts when the one before it
// ended, so the last call wins (as with write-file-atomic), and a path has
// at most one temp file per process. While an async write is in flight,
// SIGINT, SIGTERM and SIGHUP handlers are installed (and removed after): a
// process ended by one of them removes its temp files and then dies of the
// signal as it would have (the handler re-raises it). An application that
// handles the signal itself keeps the process alive: then nothing is
// removed, until the process exits.
//
// Ownership: a process that can chown (root on Linux/macOS) gives the new
// file the old file's owner and group, so a root-run tool does not take
// a user's file over. Anyone else ends up owning the new file, as with any
// file they create; `chown: false` turns the root behaviour off.
// setuid/setgid/sticky bits are not carried over (only 0o777).

const path = require('path')
const os = require('os')
const { toPath } = require('../validate')
const { typeError, invalidValue, throwIfAborted, notRegularFile } = require('../errors')
const { checkPolicy } = require('./policy')
const engine = require('./engine')
const { renameGuard } = require('./rename')

let seq = 0
const shortBase = (base) => (base.length > 180 ? base.slice(0, 180) : base)
function tmpName (base) {
  seq = (seq + 1) % 0x7fffffff
  const rand = Math.floor(Math.random() * 0x100000000).toString(16)
  return `.${shortBase(base)}.${process.pid}.${seq.toString(36)}${rand}.tmp`
}

// The pid in a name tmpName() made for `base`, or -1.
function tmpPid (name, base) {
  const pre = `.${shortBase(base)}.`
  if (!name.startsWith(pre) || !name.endsWith('.tmp')) return -1
  const m = /^(\d+)\.[0-9a-z]+$/.exec(name.slice(pre.length, -4))
  return m ? Number(m[1]) : -1
}

// A temp file of ours whose process is gone: left by kill -9 or a power cut.
// One with this process's pid is never touched (a worker thread of this
// process may be writing it).
function stale (name, base) {
  const pid = tmpPid(name, base)
  if (pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (e) {
    return e.code === 'ESRCH'
  }
}

// --- the target --------------------------------------------------------------

function eloop (file) {
  const err = new Error(`ELOOP: too many symbolic links encountered, open '${file}'`)
  err.errno = -(os.constants.errno.ELOOP || 40)
  err.code = 'ELOOP'
  err.syscall = 'open'
  err.path = file
  return err
}

// Where a dangling symlink chain ends: the path to create. `ops` are
// lstat/readlink of one form; null when `p` is not a symlink.
const MAX_HOPS = 40
function* chain (p) {
  for (let hops = 0; hops <= MAX_HOPS; hops++) {
    const st = yield ['lstat', p]
    if (st === null || !st.isSymbolicLink()) return p
    const to = yield ['readlink', p]
    p = path.resolve(path.dirname(p), to)
  }
  return null
}

function parseOptions (options) {
  if (options === undefined || options === null) return {}
  if (typeof options === 'string') return { encoding: options }
  if (typeof options !== 'object') throw typeError('options', 'one of type string or an instance of Object', options)
  return options
}

function toBuffer (data, encoding) {
  if (typeof data === 'string') {
    if (encoding !== undefined && encoding !== null && !Buffer.isEncoding(encoding)) {
      throw invalidValue(`The argument 'encoding' is invalid encoding. Received '${encoding}'`)
    }
    return Buffer.from(data, encoding || 'utf8')
  }
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  throw typeError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data)
}

function targetPath (file) {
  if (typeof file === 'number') throw typeError('path', 'a path (an atomic write cannot use a descriptor)', file)
  const p = toPath(file)
  return Buffer.isBuffer(p) ? p.toString() : p
}

// Per-call policy keys in the options override the wrapper's policy.
function configFor (cfg, opts) {
  const own = checkPolicy(opts, { strict: false })
  if (Object.keys(own).length === 0) return cfg
  const merged = engine.makeConfig(Object.freeze({ ...cfg.user, ...own }))
  return merged
}

// The checked arguments of one write (both forms): throws before anything
// is touched.
function start (cfg0, file, data, options) {
  const opts = parseOptions(options)
  const cfg = configFor(cfg0, opts)
  const target = targetPath(file)
  const buf = toBuffer(data, opts.encoding)
  throwIfAborted(opts.signal)
  return { opts, cfg, target, buf, signal: opts.signal }
}

// The temp file beside the resolved target, and the mode it is created
// with: the caller's, else the old file's bits, else 0o666. A target that
// exists and is not a regular file (a device, a FIFO, a socket, a
// directory) is refused here, before anything is touched.
function place (real, st, opts) {
  if (st && !st.isFile()) throw notRegularFile(real, st)
  const dir = path.dirname(real)
  const tmp = path.join(dir, tmpName(path.basename(real)))
  const mode = opts.mode !== undefined ? opts.mode : st ? st.mode & 0o777 : 0o666
  return { dir, tmp, mode }
}

function mustChown (st) {
  return st && process.platform !== 'win32' && typeof process.geteuid === 'function' &&
    process.geteuid() === 0 && (st.uid !== 0 || st.gid !== 0)
}

// --- temp files in flight, and the signals that would leave them ---------------

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']
const inflight = {
  temps: new Map(), // temp path -> the fs it lives on
  handlers: null,
  add (tmp, C) {
    this.temps.set(tmp, C)
    if (inflight.handlers === null) install()
  },
  delete (tmp) {
    // Taken down a turn later: queued writes to one path follow each other,
    // and need not take the handlers down and put them up each time.
    if (this.temps.delete(tmp) && this.temps.size === 0 && !this.pending) {
      this.pending = true
      setImmediate(() => {
        this.pending = false
        if (this.temps.size === 0) uninstall()
      }).unref()
    }
  },
  pending: false
}

function removeTemps () {
  for (const [tmp, C] of inflight.temps) {
    try {
      if (typeof C.unlinkSync === 'function') C.unlinkSync(tmp)
    } catch {}
  }
  inflight.temps.clear()
}

function install () {
  const h = { exit: () => removeTemps() }
  for (const sig of SIGNALS) {
    h[sig] = () => {
      // Someone else handles the signal: the process may go on, and the
      // write with it. Only when this handler is the only one is the
      // process about to die of it.
      if (process.listenerCount(sig) > 1) return
      removeTemps()
      uninstall()
      process.kill(process.pid, sig)
    }
  }
  inflight.handlers = h
  for (const sig of SIGNALS) {
    try {
      process.on(sig, h[sig])
    } catch {} // a signal this platform does not have
  }
  process.on('exit', h.exit)
}

function uninstall () {
  const h = inflight.handlers
  if (h === null) return
  inflight.handlers = null
  for (const sig of SIGNALS) process.removeListener(sig, h[sig])
  process.removeListener('exit', h.exit)
}

// --- async -------------------------------------------------------------------

function call (C, name, args) {
  return new Promise((resolve, reject) => {
    C[name](...args, (err, value) => (err ? reject(err) : resolve(value)))
  })
}

async function quiet (p) {
  try {
    return await p
  } catch {
    return undefined
  }
}

// The path to write: the real path of the target, or where its dangling
// symlink chain ends.
async function resolveAsync (C, target) {
  const real = await quiet(call(C, 'realpath', [target]))
  if (real !== undefined) return real
  const it = chain(path.resolve(target))
  let step = it.next()
  while (!step.done) {
    const [op, p] = step.value
    let v = null
    try {
      v = await call(C, op, [p])
    } catch (e) {
      if (op === 'readlink') throw e
    }
    step = it.next(v)
  }
  if (step.value === null) throw eloop(target)
  return step.value
}

async function cleanStaleAsync (C, dir, base) {
  if (typeof C.readdir !== 'function') return
  const names = await quiet(call(C, 'readdir', [dir]))
  if (!Array.isArray(names)) return
  for (const n of names) {
    if (typeof n === 'string' && stale(n, base)) await quiet(call(C, 'unlink', [path.join(dir, n)]))
  }
}

// Async writes to one path, one after the other (key: the absolute path).
const queues = new Map()
// `job(queued)`: queued is true when it waited for a write before it.
function enqueue (key, job) {
  const before = queues.get(key)
  const prev = before || Promise.resolve()
  const go = () => job(before !== undefined)
  const run = prev.then(go, go)
  const tail = run.then(() => {}, () => {})
  queues.set(key, tail)
  tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key)
  })
  return run
}

function writeAsync (cfg0, C, file, data, options) {
  let args
  try {
    args = start(cfg0, file, data, options)
  } catch (e) {
    return Promise.reject(e)
  }
  return enqueue(path.resolve(args.target), (queued) => writeQueued(C, args, queued))
}

// A write queued behind another to the same path does not look for stale
// temp files again: the one before it just did. Every other write does.
async function writeQueued (C, { opts, cfg, target, buf, signal }, queued) {
  throwIfAborted(signal)
  const run = (op, p, name, ...args) => engine.runAsync(cfg, op, p, () => call(C, name, args))

  // A regular file (the usual case) is its own target: one lstat answers
  // both questions. Anything else is resolved through its links.
  let real = target
  let st = (await quiet(call(C, 'lstat', [target]))) || null
  if (st === null || !st.isFile()) {
    real = await resolveAsync(C, target)
    st = (await quiet(call(C, 'stat', [real]))) || null
  }
  const { dir, tmp, mode } = place(real, st, opts)
  if (!queued) await cleanStaleAsync(C, dir, path.basename(real))

  let fd = null
  let created = false
  try {
    fd = await run('open:write', tmp, 'open', tmp, 'wx', mode)
    created = true
    inflight.add(tmp, C)
    if (st && opts.mode === undefined && process.platform !== 'win32') {
      await run('fchmod', tmp, 'fchmod', fd, st.mode & 0o777)
      if (opts.chown !== false && mustChown(st)) await run('fchown', tmp, 'fchown', fd, st.uid, st.gid)
    }
    for (let off = 0; off < buf.length;) {
      throwIfAborted(signal)
      off += await run('write', tmp, 'write', fd, buf, off, buf.length - off, null)
    }
    if (opts.fsync !== false) await run('fsync', tmp, 'fsync', fd)
    const f = fd
    fd = null
    await call(C, 'close', [f])
    throwIfAborted(signal)
    const guard = renameGuard(C.lstatSync && C.lstatSync.bind(C), tmp, real)
    await engine.runAsync(cfg, 'rename', real, () => call(C, 'rename', [tmp, real]), guard)
    created = false
  } catch (err) {
    if (fd !== null) await quiet(call(C, 'close', [fd]))
    if (created) await quiet(call(C, 'unlink', [tmp]))
    throw err
  } finally {
    inflight.delete(tmp)
  }
  if (opts.fsync !== false && process.platform !== 'win32') {
    // Directories cannot be fsynced everywhere (EISDIR, EINVAL, EBADF): the
    // rename is done either way, so such failures are not errors.
    const dfd = await quiet(call(C, 'open', [dir, 'r']))
    if (dfd !== undefined) {
      await quiet(call(C, 'fsync', [dfd]))
      await quiet(call(C, 'close', [dfd]))
    }
  }
}

// --- sync ----------------------------------------------------------------------

function quietSync (fn) {
  try {
    return fn()
  } catch {
    return undefined
  }
}

function resolveSync (C, target) {
  const real = quietSync(() => C.realpathSync(target))
  if (real !== undefined) return real
  const it = chain(path.resolve(target))
  let step = it.next()
  while (!step.done) {
    const [op, p] = step.value
    let v = null
    if (op === 'readlink') v = C.readlinkSync(p)
    else v = quietSync(() => C.lstatSync(p)) || null
    step = it.next(v)
  }
  if (step.value === null) throw eloop(target)
  return step.value
}

function cleanStaleSync (C, dir, base) {
  if (typeof C.readdirSync !== 'function') return
  const names = quietSync(() => C.readdirSync(dir))
  if (!Array.isArray(names)) return
  for (const n of names) {
    if (typeof n === 'string' && stale(n, base)) quietSync(() => C.unlinkSync(path.join(dir, n)))
  }
}

function writeSync (cfg0, C, file, data, options) {
  const { opts, cfg, target, buf, signal } = start(cfg0, file, data, options)
  const run = (op, p, name, ...args) => engine.runSync(cfg, op, p, () => C[name](...args))

  let real = target
  let st = quietSync(() => C.lstatSync(target)) || null
  if (st === null || !st.isFile()) {
    real = resolveSync(C, target)
    st = quietSync(() => C.statSync(real)) || null
  }
  const { dir, tmp, mode } = place(real, st, opts)
  cleanStaleSync(C, dir, path.basename(real))

  let fd = null
  let created = false
  try {
    fd = run('open:write', tmp, 'openSync', tmp, 'wx', mode)
    created = true
    if (st && opts.mode === undefined && process.platform !== 'win32') {
      run('fchmod', tmp, 'fchmodSync', fd, st.mode & 0o777)
      if (opts.chown !== false && mustChown(st)) run('fchown', tmp, 'fchownSync', fd, st.uid, st.gid)
    }
    for (let off = 0; off < buf.length;) {
      throwIfAborted(signal)
      off += run('write', tmp, 'writeSync', fd, buf, off, buf.length - off, null)
    }
    if (opts.fsync !== false) run('fsync', tmp, 'fsyncSync', fd)
    const f = fd
    fd = null
    C.closeSync(f)
    throwIfAborted(signal)
    const guard = renameGuard(C.lstatSync && C.lstatSync.bind(C), tmp, real)
    engine.runSync(cfg, 'rename', real, () => C.renameSync(tmp, real), guard)
    created = false
  } catch (err) {
    if (fd !== null) quietSync(() => C.closeSync(fd))
    if (created) quietSync(() => C.unlinkSync(tmp))
    throw err
  }
  if (opts.fsync !== false && process.platform !== 'win32') {
    const dfd = quietSync(() => C.openSync(dir, 'r'))
    if (dfd !== undefined) {
      quietSync(() => C.fsyncSync(dfd))
      quietSync(() => C.closeSync(dfd))
    }
  }
}

module.exports = { writeAsync, writeSync, tmpName, tmpPid, inflight }
