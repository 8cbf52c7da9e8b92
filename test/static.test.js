'use strict'
// What the code may not do, checked on the sources: the library spawns
// nothing (only lib/cli may use child_process, for the user's own command in
// `fsdoctor run`), the C starts no process, node_api.h lives in src/napi/
// only, and the pure core (scripts/sources.js "core") makes no OS calls and
// reaches no layer above or beside it. Each rule is one function, run on
// the tree and on made-up lines that must trip it.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const { list } = require('../scripts/sources')

const root = path.join(__dirname, '..')

function walk (dir, exts) {
  const out = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...walk(p, exts))
    else if (exts.some((x) => e.name.endsWith(x))) out.push(p)
  }
  return out
}

const rel = (f) => path.relative(root, f).split(path.sep).join('/')
const stripC = (line) => line.replace(/\/\*.*?\*\/|\/\/.*$/g, '')

// Each rule: text of one file -> the offending lines.
function jsSpawns (text) {
  return text.split('\n').filter((l) => /child_process|process\.binding\(['"]spawn|\bexecSync\b|\bspawnSync\b/.test(l))
}
function cSpawns (text) {
  const re = /\b(system|popen|execv[pe]*|execl[pe]*|fork|vfork|posix_spawnp?|CreateProcess[AW]?|ShellExecute[AW]?|WinExec)\s*\(/
  return text.split('\n').filter((l) => re.test(stripC(l)))
}
function napiIncludes (text) {
  return text.split('\n').filter((l) => /#\s*include\s*[<"]node_api\.h[>"]/.test(l))
}
// The pure core: no OS headers, no headers of the glue, the live layer or a
// platform folder (src/platform.h, the interface's types, is allowed).
function coreReachesOut (text) {
  const os = /#\s*include\s*<(unistd|fcntl|dirent|pthread|windows|winternl|sys\/[a-z_]+|mntent|poll|signal)\.h>/
  const up = /#\s*include\s*"(napi|live|wasm|platform)\/[^"]*"/
  return text.split('\n').filter((l) => os.test(l) || up.test(l))
}

function scan (files, rule) {
  const bad = []
  for (const f of files) {
    for (const line of rule(fs.readFileSync(f, 'utf8'))) bad.push(`${rel(f)}: ${line.trim()}`)
  }
  return bad
}

test('the rules trip on what they forbid, and only on that', () => {
  assert.deepStrictEqual(jsSpawns("const cp = require('child_process')\nconst x = 1"), ["const cp = require('child_process')"])
  assert.deepStrictEqual(jsSpawns('spawnSync(cmd)'), ['spawnSync(cmd)'])
  assert.deepStrictEqual(jsSpawns('const spawned = 1'), [])
  assert.deepStrictEqual(cSpawns('  pid = fork();'), ['  pid = fork();'])
  assert.deepStrictEqual(cSpawns('CreateProcessW(NULL, cmd'), ['CreateProcessW(NULL, cmd'])
  assert.deepStrictEqual(cSpawns('fsd_forked_count(x); /* fork() */'), [])
  assert.deepStrictEqual(napiIncludes('#include <node_api.h>\n#include "fsd.h"'), ['#include <node_api.h>'])
  assert.deepStrictEqual(coreReachesOut('#include <unistd.h>\n#include "platform/linux/linux_fs.h"\n#include "platform.h"\n#include <string.h>'),
    ['#include <unistd.h>', '#include "platform/linux/linux_fs.h"'])
})

test('no child_process outside lib/cli', () => {
  const files = walk(path.join(root, 'lib'), ['.js', '.mjs', '.cjs']).filter((f) => !rel(f).startsWith('lib/cli/'))
  assert.ok(files.length > 10)
  assert.deepStrictEqual(scan(files, jsSpawns), [])
})

test('the C starts no process and runs no shell', () => {
  const files = walk(path.join(root, 'src'), ['.c', '.h'])
  assert.ok(files.length > 40)
  assert.deepStrictEqual(scan(files, cSpawns), [])
})

test('node_api.h is included in src/napi/ only', () => {
  const files = walk(path.join(root, 'src'), ['.c', '.h']).filter((f) => !rel(f).startsWith('src/napi/'))
  assert.deepStrictEqual(scan(files, napiIncludes), [])
  assert.ok(scan(walk(path.join(root, 'src', 'napi'), ['.c', '.h']), napiIncludes).length > 0)
})

test('the pure core makes no OS calls and includes nothing above it', () => {
  const core = list('core').map((f) => path.join(root, f))
  const headers = core.map((f) => path.dirname(f)).filter((d, i, a) => a.indexOf(d) === i)
    .flatMap((d) => fs.readdirSync(d).filter((n) => n.endsWith('.h')).map((n) => path.join(d, n)))
  assert.ok(core.length > 10)
  assert.deepStrictEqual(scan([...core, ...headers, path.join(root, 'src', 'fsd.h'), path.join(root, 'src', 'platform.h')], coreReachesOut), [])
})

// A name means one thing: a C function (fsd_ or fsd__) or a macro is
// defined in one file, except one implementation per system of the same
// platform interface (src/platform/<os>/, where posix/ counts for both linux
// and darwin). Feature-test macros and include guards are not names.
function nameClashes (files) {
  const defs = new Map()
  const add = (kind, name, file) => {
    const key = `${kind} ${name}`
    if (!defs.has(key)) defs.set(key, new Set())
    defs.get(key).add(file)
  }
  for (const [file, raw] of files) {
    const text = raw.replace(/\/\*[\s\S]*?\*\//g, '')
    for (const m of text.matchAll(/^(?:static\s+)?(?:inline\s+)?(?:const\s+)?[A-Za-z_]\w*(?:\s+|\s*\*+\s*)(fsd_?_\w+)\s*\(([^;{}]*)\)\s*\{/gm)) add('function', m[1], file)
    for (const m of text.matchAll(/^#\s*define\s+(\w+)/gm)) {
      if (m[1] !== '_GNU_SOURCE' && !/_H$/.test(m[1])) add('macro', m[1], file)
    }
  }
  const system = (f) => (/^src\/platform\/(\w+)\//.exec(f) || [])[1] || null
  const bad = []
  for (const [key, set] of defs) {
    if (set.size < 2) continue
    const oses = [...set].map(system)
    const each = oses.flatMap((o) => (o === 'posix' ? ['linux', 'darwin'] : [o]))
    if (oses.includes(null) || new Set(each).size !== each.length) bad.push(`${key}: ${[...set].join(', ')}`)
  }
  return bad
}

test('a C name means one thing in the whole tree', () => {
  assert.deepStrictEqual(nameClashes([
    ['src/a/x.c', 'static int fsd__lower(int c) {\n  return 1;\n}\n#define FSD__MAX 1\n'],
    ['src/b/y.c', 'static int fsd__lower(int c) {\n  return 2;\n}\n#define FSD__MAX 2\n'],
    ['src/platform/linux/l.c', 'const char *fsd_platform_name(void) {\n}\n'],
    ['src/platform/win32/w.c', 'const char *fsd_platform_name(void) {\n}\n'],
    ['src/platform/posix/p.c', 'int fsd__tick(void) {\n}\n'],
    ['src/platform/linux/q.c', 'int fsd__tick(void) {\n}\n']
  ]), ['function fsd__lower: src/a/x.c, src/b/y.c', 'macro FSD__MAX: src/a/x.c, src/b/y.c',
    'function fsd__tick: src/platform/posix/p.c, src/platform/linux/q.c'])
  const files = walk(path.join(root, 'src'), ['.c', '.h']).map((f) => [rel(f), fs.readFileSync(f, 'utf8')])
  assert.deepStrictEqual(nameClashes(files), [])
})

// The house rule: a source file over 500 lines is split where it has a
// seam (lib/retry/wrap.js gave its descriptors to lib/retry/descriptors.js).
test('no source file of the library, the core or the scripts is over 500 lines', () => {
  const files = ['lib', 'src', 'bin', 'scripts'].flatMap((d) => walk(path.join(root, d), ['.js', '.mjs', '.cjs', '.c', '.h']))
  assert.ok(files.length > 100)
  const long = files.map((f) => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length - 1]).filter(([, n]) => n > 500)
  assert.deepStrictEqual(long, [])
})
