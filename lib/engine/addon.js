'use strict'
// The one place the addon is loaded. A missing or broken binary is not an
// error here: lib/index.js falls back to text-only diagnoses from the
// WebAssembly core, and loadError says why and how to get the addon.
//
// Where it looks, first match wins:
//   FSDOCTOR_ADDON                         another build (the sanitizer run)
//   build/Release/fsdoctor.node            built from source here (npm run
//                                          build, npx fsdoctor build)
//   prebuilds/<platform>-<arch>/<file>     shipped in the package
//                                          (scripts/prebuild.js makes them)
// where <file> is fsdoctor.glibc.node or fsdoctor.musl.node on Linux (the
// libc this process runs on) and fsdoctor.node elsewhere. A prebuild for the
// other libc is never tried: a glibc build can half-load under musl.
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..', '..')
// How to get the addon where no prebuild fits. Not `npm rebuild`: the
// package ships no binding.gyp (so that no package manager compiles it on
// install), so there is nothing for npm to rebuild.
const HOW = 'To build the native addon here (needs Python 3, make and a C compiler): npx fsdoctor build'

// The libc of this Linux process: what the dynamic loader mapped, else
// what Node's report says (glibcVersionRuntime is set only on glibc).
function libc () {
  try {
    const maps = fs.readFileSync('/proc/self/maps', 'latin1')
    if (/\/ld-musl-|\/libc\.musl-/.test(maps)) return 'musl'
    if (/\/libc\.so\.6|\/ld-linux/.test(maps)) return 'glibc'
  } catch {}
  try {
    return process.report.getReport().header.glibcVersionRuntime ? 'glibc' : 'musl'
  } catch {}
  return 'glibc'
}

// The prebuild this process would load: { target, file } (file relative to
// the package root).
function prebuildTarget (platform = process.platform, arch = process.arch, lib) {
  const dir = `${platform}-${arch}`
  if (platform === 'linux') {
    const c = lib || libc()
    return { target: `${dir}-${c}`, file: `prebuilds/${dir}/fsdoctor.${c}.node` }
  }
  return { target: dir, file: `prebuilds/${dir}/fsdoctor.node` }
}

function exists (file) {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

function load () {
  if (process.env.FSDOCTOR_NO_NATIVE === '1') {
    return { error: new Error('native binding disabled by FSDOCTOR_NO_NATIVE=1') }
  }
  let from
  let file
  let target = null
  if (process.env.FSDOCTOR_ADDON) {
    from = 'FSDOCTOR_ADDON'
    file = path.resolve(process.env.FSDOCTOR_ADDON)
  } else if (exists(path.join(root, 'build', 'Release', 'fsdoctor.node'))) {
    from = 'source'
    file = path.join(root, 'build', 'Release', 'fsdoctor.node')
  } else {
    const pre = prebuildTarget()
    from = 'prebuild'
    target = pre.target
    file = path.join(root, pre.file)
    if (!exists(file)) {
      const err = new Error(`no prebuilt addon for ${pre.target} in this package, and none built from source; ` +
        `diagnoses are text-only (the WebAssembly core). ${HOW}`)
      err.code = 'ERR_FSDOCTOR_NO_PREBUILD'
      return { error: err }
    }
  }
  try {
    return { binding: require(file), info: { from, target, file } }
  } catch (cause) {
    const what = from === 'prebuild' ? `the prebuilt addon for ${target}` : `the addon ${file}`
    const err = new Error(`${what} did not load (${String(cause.message).split('\n')[0]}); ` +
      `diagnoses are text-only (the WebAssembly core). ${HOW}`)
    err.code = cause.code || 'ERR_DLOPEN_FAILED'
    err.cause = cause
    return { error: err }
  }
}

const r = load()
module.exports = {
  binding: r.binding || null,
  loadError: r.error || null,
  // Which addon loaded: { from: 'prebuild' | 'source' | 'FSDOCTOR_ADDON',
  // target, file }, or null.
  addonInfo: r.info || null,
  prebuildTarget,
  HOW
}
