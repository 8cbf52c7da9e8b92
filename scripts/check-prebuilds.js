#!/usr/bin/env node
'use strict'
// Checks the prebuilds scripts/prebuild.js made, without running them:
// each is a shared library of its platform's format and CPU, and every
// symbol it leaves for the loader to find is a Node-API function (napi_*,
// from the node binary that loads it) or in the platform's C library:
//   linux glibc  undefined symbols are napi_* or versioned GLIBC_*, none
//                newer than GLIBC_FLOOR (2.28: what Node 18 and 20 need);
//                needs only glibc's own libraries (libc, libpthread, libm,
//                libdl, librt); the highest GLIBC_ version is reported
//   linux (both) exports only the Node-API module entry points
//   linux musl   needs only libc.so; every other undefined symbol is
//                exported by musl's libc.so (Debian musl-dev)
//   darwin       binds only to /usr/lib/libSystem.B.dylib, and what is
//                looked up flat (-undefined dynamic_lookup) is _napi_*
//   win32        imports from node.exe are napi_*; other DLLs are Windows'
//
//   node scripts/check-prebuilds.js [--json] [--all]
//
// --all: every target must be present. Exit 1 when a check fails.
// Tools: binutils nm/readelf (any ELF), llvm-objdump (Mach-O),
// x86_64-w64-mingw32-objdump (PE); a check whose tool is missing fails
// saying so.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')
const { TARGETS, GLIBC_FLOOR } = require('./prebuild')

const root = path.join(__dirname, '..')
// Before glibc 2.34 the pthread functions were in libpthread.so.0.
const GLIBC_LIBS = new Set(['libc.so.6', 'libpthread.so.0', 'libm.so.6', 'libdl.so.2', 'librt.so.1'])
// What a Node-API module exports (and the ELF constructors' _init and
// _fini); anything else (a C library's function, a compiler runtime's, a
// __thread errno) could be bound in place of the real one.
const ENTRY_POINTS = new Set(['napi_register_module_v1', 'node_api_module_get_api_version_v1', '_init', '_fini'])
const MUSL_LIBC = ['/usr/lib/x86_64-linux-musl/libc.so', '/lib/x86_64-linux-musl/libc.so']
// DLLs every Windows has (plus the UCRT forwarders mingw may link).
const WINDOWS_DLLS = /^(kernel32|advapi32|rstrtmgr|mpr|msvcrt|ntdll|user32|shell32|ole32|api-ms-win-[a-z0-9-]+)\.dll$/i

function tool (cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.error) throw new Error(`${cmd} not found (${r.error.code})`)
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr.trim()}`)
  return r.stdout
}

// Format and CPU from the file's own header.
function header (buf) {
  if (buf.readUInt32BE(0) === 0x7f454c46) {
    const machine = { 0x3e: 'x64', 0xb7: 'arm64' }[buf.readUInt16LE(18)] || `e_machine ${buf.readUInt16LE(18)}`
    return { format: 'elf', arch: machine, shared: buf.readUInt16LE(16) === 3 }
  }
  if (buf.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = { 0x01000007: 'x64', 0x0100000c: 'arm64' }[buf.readUInt32LE(4)] || `cputype ${buf.readUInt32LE(4)}`
    const type = buf.readUInt32LE(12)
    return { format: 'macho', arch: cpu, shared: type === 6 || type === 8 }
  }
  if (buf.toString('latin1', 0, 2) === 'MZ') {
    const pe = buf.readUInt32LE(0x3c)
    const machine = { 0x8664: 'x64', 0xaa64: 'arm64' }[buf.readUInt16LE(pe + 4)] || 'other'
    const dll = (buf.readUInt16LE(pe + 22) & 0x2000) !== 0
    return { format: 'pe', arch: machine, shared: dll }
  }
  if (buf.toString('latin1', 0, 4) === '\0asm') return { format: 'wasm', arch: 'wasm32', shared: true }
  return { format: 'unknown', arch: 'unknown', shared: false }
}

function elfNeeded (file) {
  return [...tool('readelf', ['-d', file]).matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1])
}

// Undefined dynamic symbols: [{ name, version, weak }].
function elfUndefined (file) {
  return tool('nm', ['-D', '--undefined-only', file]).split('\n').filter(Boolean).map((l) => {
    const [kind, sym] = l.trim().split(/\s+/)
    const [name, version] = sym.split(/@+/)
    return { name, version: version || null, weak: kind === 'w' || kind === 'v' }
  })
}

function elfExports (file, problems) {
  const defined = tool('nm', ['-D', '--defined-only', file]).split('\n')
    .map((l) => l.trim().split(/\s+/)[2]).filter(Boolean)
  const extra = defined.filter((n) => !ENTRY_POINTS.has(n))
  if (extra.length) problems.push(`exports ${extra.length} symbols besides the module entry points (${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', ...' : ''})`)
  if (!defined.includes('napi_register_module_v1')) problems.push('does not export napi_register_module_v1')
}

// a > b for dotted versions ('2.3.2' < '2.25').
function newer (a, b) {
  const x = a.split('.').map(Number)
  const y = b.split('.').map(Number)
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) > (y[i] || 0)
  return false
}

function checkGlibc (file, out, problems) {
  const needed = elfNeeded(file)
  out.needs = needed
  for (const n of needed) if (!GLIBC_LIBS.has(n)) problems.push(`needs ${n}`)
  let max = null
  const above = []
  for (const s of elfUndefined(file)) {
    if (s.name.startsWith('napi_')) continue
    if (s.weak && !s.version) continue // __gmon_start__, _ITM_*: optional
    if (!s.version || !/^GLIBC_\d+(\.\d+)*$/.test(s.version)) {
      problems.push(`${s.name} is neither napi_* nor in glibc (${s.version || 'unversioned'})`)
      continue
    }
    const v = s.version.slice(6)
    if (!max || newer(v, max)) max = v
    if (newer(v, GLIBC_FLOOR)) above.push(`${s.name}@${s.version}`)
  }
  out.glibc = max
  out.glibcFloor = GLIBC_FLOOR
  if (above.length) problems.push(`needs GLIBC_${max}, above the ${GLIBC_FLOOR} floor: ${above.join(', ')}`)
  elfExports(file, problems)
}

function checkMusl (file, out, problems) {
  elfExports(file, problems)
  const needed = elfNeeded(file)
  out.needs = needed
  for (const n of needed) if (n !== 'libc.so') problems.push(`needs ${n}`)
  const libc = MUSL_LIBC.find((p) => fs.existsSync(p))
  if (!libc) throw new Error(`musl's libc.so not found (${MUSL_LIBC.join(', ')}; apt-get install musl-dev)`)
  const exported = new Set(tool('nm', ['-D', '--defined-only', libc]).split('\n')
    .map((l) => l.trim().split(/\s+/)[2]).filter(Boolean))
  for (const s of elfUndefined(file)) {
    if (s.name.startsWith('napi_') || (s.weak && !exported.has(s.name))) continue
    if (s.version) problems.push(`${s.name} is versioned ${s.version} (glibc)`)
    else if (!exported.has(s.name)) problems.push(`${s.name} is not in musl's libc.so`)
  }
}

function checkDarwin (file, out, problems) {
  const used = tool('llvm-objdump', ['--macho', '--dylibs-used', file]).split('\n').slice(1)
    .map((l) => l.trim().split(' (')[0]).filter(Boolean)
  out.needs = used.filter((u) => u !== path.resolve(file))
  for (const u of out.needs) if (u !== '/usr/lib/libSystem.B.dylib') problems.push(`links ${u}`)
  const binds = []
  for (const table of ['--bind', '--lazy-bind', '--weak-bind']) {
    for (const l of tool('llvm-objdump', ['--macho', table, file]).split('\n')) {
      const m = l.match(/^__\S+\s+\S+\s+0x[0-9a-f]+\s+(?:\S+\s+)*?(\S+)\s+(\S+)$/i)
      if (m) binds.push({ dylib: m[1], symbol: m[2] })
    }
  }
  if (!binds.length) problems.push('no bind entries found (llvm-objdump output not understood)')
  for (const b of binds) {
    if (b.dylib === 'flat-namespace' && b.symbol.startsWith('_napi_')) continue
    if (b.dylib === 'libSystem') continue
    if (b.dylib === 'weak' && b.symbol) continue
    problems.push(`${b.symbol} from ${b.dylib}`)
  }
  out.binds = binds.length
  out.napi = binds.filter((b) => b.dylib === 'flat-namespace').length
  const vers = tool('llvm-objdump', ['--macho', '--private-headers', file]).match(/minos (\S+)/)
  out.macos = vers ? vers[1] : null
}

function checkWin (file, out, problems) {
  const text = tool('x86_64-w64-mingw32-objdump', ['-p', file])
  const dlls = {}
  let current = null
  for (const l of text.split('\n')) {
    const d = l.match(/^\s*DLL Name: (\S+)/)
    if (d) {
      current = d[1]
      dlls[current] = []
      continue
    }
    const s = current && l.match(/^\s+[0-9a-f]+\s+(?:<none>\s+)?[0-9a-f]*\s*([A-Za-z_][\w@?$]*)\s*$/i)
    if (s) dlls[current].push(s[1])
  }
  out.needs = Object.keys(dlls)
  for (const [dll, syms] of Object.entries(dlls)) {
    if (/^node\.exe$/i.test(dll)) {
      for (const s of syms) if (!s.startsWith('napi_')) problems.push(`${s} from node.exe`)
      out.napi = syms.length
    } else if (!WINDOWS_DLLS.test(dll)) {
      problems.push(`imports ${dll}`)
    }
  }
  if (!dlls['node.exe'] && !dlls['NODE.EXE']) problems.push('imports nothing from node.exe')
}

const EXPECT = {
  'linux-x64-glibc': ['elf', 'x64', checkGlibc],
  'linux-x64-musl': ['elf', 'x64', checkMusl],
  'linux-arm64-glibc': ['elf', 'arm64', checkGlibc],
  'win32-x64': ['pe', 'x64', checkWin],
  'darwin-x64': ['macho', 'x64', checkDarwin],
  'darwin-arm64': ['macho', 'arm64', checkDarwin],
  wasm32: ['wasm', 'wasm32', null]
}

function check (all) {
  const results = []
  for (const [target, t] of Object.entries(TARGETS)) {
    const file = path.join(root, t.out)
    const out = { target, file: t.out }
    const problems = []
    results.push(out)
    if (!fs.existsSync(file)) {
      if (all) problems.push('missing')
      else out.missing = true
      out.problems = problems
      continue
    }
    out.bytes = fs.statSync(file).size
    const [format, arch, fn] = EXPECT[target]
    const h = header(fs.readFileSync(file))
    if (h.format !== format || h.arch !== arch || !h.shared) {
      problems.push(`is ${h.format} ${h.arch}${h.shared ? '' : ' (not a shared library)'}, not ${format} ${arch}`)
    } else if (fn) {
      try {
        fn(file, out, problems)
      } catch (err) {
        problems.push(err.message)
      }
    }
    out.problems = problems
  }
  return results
}

module.exports = { check, checkGlibc, header, newer }

if (require.main === module) {
  const args = process.argv.slice(2)
  const results = check(args.includes('--all'))
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n')
  } else {
    for (const r of results) {
      const extra = [r.glibc && `GLIBC_${r.glibc} at most, floor ${r.glibcFloor}`, r.macos && `macOS ${r.macos}`, r.needs && `needs ${r.needs.join(' ')}`].filter(Boolean).join('; ')
      const state = r.missing ? 'not built' : r.problems.length ? `FAIL: ${r.problems.join('; ')}` : `ok ${r.bytes} bytes${extra ? ` (${extra})` : ''}`
      process.stdout.write(`check-prebuilds: ${r.target.padEnd(18)} ${state}\n`)
    }
  }
  process.exitCode = results.some((r) => r.problems.length) ? 1 : 0
}
