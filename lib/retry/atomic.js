'use strict'
// writeFileAtomic: readers and crashes see the old file or the new one,
// never a mix.
//
//   1. resolve the target (a symlink stays a symlink: its target is replaced)
//   2. temp file next to it (same directory, so same filesystem), 'wx'
//   3. existing file: its permission bits (and owner when running as root)
//   4. write everything, fsync
//   5. rename over the target, with retries and the rename guards
//   6. fsync the directory, so the rename itself survives a power cut
// On any failure the temp file is closed and removed.
//
// Ownership: a process that can chown (root on Linux/macOS) gives the new
// file the old file's owner and group, so a root-run tool does not take
// a user's file over. Anyone else ends up owning the new file, as with any
// file they create; `chown: false` turns the root behaviour off.
// setuid/setgid/sticky bits are not carried over (only 0o777).

const path = require('path')
const { toPath } = require('../validate')
const { typeError, invalidValue, throwIfAborted, notRegularFile } = require('../errors')
const { checkPolicy } = require('./policy')
const engine = require('./engine')
const { renameGuard } = require('./rename')

let seq = 0
function tmpName (base) {
  const short = base.length > 180 ? base.slice(0, 180) : base
  seq = (seq + 1) % 0x7fffffff
  const rand = Math.floor(Math.random() * 0x100000000).toString(16)
  return `.${short}.${process.pid}.${seq.toString(36)}${rand}.tmp`
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

async function writeAsync (cfg0, C, file, data, options) {
  const { opts, cfg, target, buf, signal } = start(cfg0, file, data, options)
  const run = (op, p, name, ...args) => engine.runAsync(cfg, op, p, () => call(C, name, args))

  const real = (await quiet(call(C, 'realpath', [target]))) || target
  const st = (await quiet(call(C, 'stat', [real]))) || null
  const { dir, tmp, mode } = place(real, st, opts)

  let fd = null
  let created = false
  try {
    fd = await run('open:write', tmp, 'open', tmp, 'wx', mode)
    created = true
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

function writeSync (cfg0, C, file, data, options) {
  const { opts, cfg, target, buf, signal } = start(cfg0, file, data, options)
  const run = (op, p, name, ...args) => engine.runSync(cfg, op, p, () => C[name](...args))

  const real = quietSync(() => C.realpathSync(target)) || target
  const st = quietSync(() => C.statSync(real)) || null
  const { dir, tmp, mode } = place(real, st, opts)

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

module.exports = { writeAsync, writeSync, tmpName }
