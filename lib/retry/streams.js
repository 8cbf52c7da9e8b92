'use strict'
// fs.ReadStream and fs.WriteStream of the mirror (lib/retry/wrap.js builds
// it): with or without `new`, and through createReadStream and
// createWriteStream, a stream opens, reads, writes and closes through the
// mirror, so retries, maxOpen and the descriptor queue apply to it. Each
// class is a subclass of Node's own, so instanceof holds against both.

const nodeFs = require('fs')
const { ownStackAsync } = require('./engine')

// The stream classes of fs, by their names there, and the class each is.
const STREAMS = new Map([['ReadStream', 'ReadStream'], ['FileReadStream', 'ReadStream'],
  ['WriteStream', 'WriteStream'], ['FileWriteStream', 'WriteStream']])

// The options a stream gets: the caller's, unchanged, seen through an
// object that adds `fs` (Node copies options with for…in, so what the
// caller's object inherits from a prototype is kept). A caller's own `fs`,
// a FileHandle as `fd` and options Node will refuse go through as given.
function withFs (options, out) {
  if (options === undefined || options === null) return { fs: out }
  if (typeof options === 'string') return { encoding: options, fs: out }
  if (typeof options !== 'object') return options
  try {
    if (options.fs !== undefined && options.fs !== null) return options
    if (options.fd !== undefined && options.fd !== null && typeof options.fd !== 'number') return options
  } catch {
    return options
  }
  return Object.create(options, { fs: { value: out, writable: true, enumerable: true, configurable: true } })
}

const streamCache = new WeakMap()
function streamClass (which, out) {
  // One class per kind for the whole mirror: FileReadStream is ReadStream.
  const cache = streamCache.get(out) || new Map()
  streamCache.set(out, cache)
  if (cache.has(which)) return cache.get(which)
  const Base = nodeFs[which]
  const C = {
    [which]: function (path, options) {
      if (!new.target) return new C(path, options)
      try {
        return Reflect.construct(Base, [path, withFs(options, out)], new.target)
      } catch (e) {
        throw ownStackAsync(e)
      }
    }
  }[which]
  C.prototype = Object.create(Base.prototype, {
    constructor: { value: C, writable: true, configurable: true, enumerable: false }
  })
  Object.setPrototypeOf(C, Base)
  cache.set(which, C)
  return C
}

// createReadStream and createWriteStream of the mirror out: a new stream of
// its own class. null for any other key.
function streamFactory (key, out) {
  if (key !== 'createReadStream' && key !== 'createWriteStream') return null
  const which = key === 'createReadStream' ? 'ReadStream' : 'WriteStream'
  return {
    [key] (path, options) {
      return new out[which](path, options)
    }
  }[key]
}

module.exports = { STREAMS, streamClass, streamFactory }
