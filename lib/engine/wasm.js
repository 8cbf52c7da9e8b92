'use strict'
// The pure C core built to WebAssembly (src/wasm/entry.c): the same parser,
// rules, catalogue and fixes as the addon, for where the addon cannot load.
// It measures nothing, so every answer is text-only. Loaded on first use.
const fs = require('fs')
const os = require('os')
const util = require('util')
const path = require('path')

const FILE = path.join(__dirname, '..', '..', 'prebuilds', 'wasm32', 'fsdoctor.wasm')
const ENOSYS = 52

let instance = null

function load () {
  if (instance) return instance
  const bytes = fs.readFileSync(process.env.FSDOCTOR_WASM || FILE)
  // The C library links a few WASI calls for stdio it never uses; none of
  // them is reached, and each answers "not supported" if it were.
  const wasi = { fd_close: () => ENOSYS, fd_seek: () => ENOSYS, fd_write: () => ENOSYS }
  const mod = new WebAssembly.Module(bytes)
  instance = new WebAssembly.Instance(mod, { wasi_snapshot_preview1: wasi }).exports
  return instance
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8')

// Copies bytes into the module's memory for one call; returns [ptr, len].
// Pointers come back as signed 32-bit numbers: >>> 0 keeps addresses past
// 2 GiB positive.
function put (x, bytes, owned) {
  const ptr = x.fsd_wasm_alloc(bytes.length) >>> 0
  if (!ptr) throw new RangeError('fsdoctor: out of WebAssembly memory')
  owned.push(ptr)
  new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes)
  return [ptr, bytes.length]
}

function bytesOf (v) {
  if (typeof v === 'string') return encoder.encode(v)
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
}

// Each member keeps its JavaScript type, as the addon's decoder does.
function member (x, key, value, owned) {
  if (value === undefined || value === null) return 0
  const [kp, kl] = put(x, encoder.encode(key), owned)
  if (typeof value === 'number') return x.fsd_wasm_num(kp, kl, value)
  if (typeof value === 'boolean') return x.fsd_wasm_bool(kp, kl, value ? 1 : 0)
  if (typeof value === 'string' || value instanceof Uint8Array) {
    const [p, l] = put(x, bytesOf(value), owned)
    return x.fsd_wasm_str(kp, kl, p, l)
  }
  throw new TypeError(`fsdoctor: ${key} must be a string, Buffer, number or boolean`)
}

// The error the addon throws for the same failure (src/napi/binding.c
// fsd_napi_fail): "CODE: what, syscall", with code, errno (this system's
// number, as the addon's) and syscall.
function failure ({ code, syscall, message }) {
  const errno = os.constants.errno[code]
  const what = message || (errno ? util.getSystemErrorMap().get(-errno)?.[1] : null) || 'failed'
  const err = new Error(`${code}: ${what}, ${syscall}`)
  err.code = code
  err.errno = errno ? -errno : 0
  err.syscall = syscall
  return err
}

// call('diagnose', request) / call('parseErrors', { text }): the answer as
// the addon gives it, or the error it would throw.
function call (op, request) {
  const x = load()
  const owned = []
  try {
    if (x.fsd_wasm_begin() !== 0) throw new RangeError('fsdoctor: out of WebAssembly memory')
    for (const key of Object.keys(request)) {
      if (member(x, key, request[key], owned) !== 0) {
        throw new RangeError('fsdoctor: request too large for the WebAssembly core')
      }
    }
    const [op_, opl] = put(x, encoder.encode(op), owned)
    const res = x.fsd_wasm_call(op_, opl) >>> 0
    if (!res) throw new RangeError('fsdoctor: out of WebAssembly memory')
    const view = new DataView(x.memory.buffer)
    const status = view.getInt32(res, true)
    const ptr = view.getUint32(res + 4, true) >>> 0
    const len = view.getUint32(res + 8, true)
    const value = JSON.parse(decoder.decode(new Uint8Array(x.memory.buffer, ptr, len)))
    if (status !== 0) throw failure(value)
    return value
  } finally {
    for (const p of owned) x.fsd_wasm_free(p)
  }
}

module.exports = { call, load, FILE }
