'use strict'
// The library spawns nothing: only lib/cli* may use child_process (for the
// user's own command in `fsdoctor run`), and the C starts no process.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')

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

test('no child_process outside lib/cli', () => {
  const bad = []
  for (const f of walk(path.join(root, 'lib'), ['.js', '.mjs', '.cjs'])) {
    const rel = path.relative(root, f).split(path.sep).join('/')
    if (rel.startsWith('lib/cli/')) continue
    const text = fs.readFileSync(f, 'utf8')
    if (/child_process|process\.binding\(['"]spawn|\bexecSync\b|\bspawnSync\b/.test(text)) bad.push(rel)
  }
  assert.deepStrictEqual(bad, [])
})

test('the C starts no process and runs no shell', () => {
  const bad = []
  const re = /\b(system|popen|execv[pe]*|execl[pe]*|fork|vfork|posix_spawnp?|CreateProcess[AW]?|ShellExecute[AW]?|WinExec)\s*\(/
  for (const f of walk(path.join(root, 'src'), ['.c', '.h'])) {
    const lines = fs.readFileSync(f, 'utf8').split('\n')
    lines.forEach((line, i) => {
      const code = line.replace(/\/\*.*?\*\/|\/\/.*$/g, '')
      if (re.test(code)) bad.push(`${path.relative(root, f)}:${i + 1}: ${line.trim()}`)
    })
  }
  assert.deepStrictEqual(bad, [])
})

test('the check itself catches a spawn', () => {
  const re = /\b(system|popen|execv[pe]*|execl[pe]*|fork|vfork|posix_spawnp?|CreateProcess[AW]?|ShellExecute[AW]?|WinExec)\s*\(/
  assert.ok(re.test('  pid = fork();'))
  assert.ok(re.test('CreateProcessW(NULL, cmd'))
  assert.ok(!re.test('fsd_forked_count(x)'))
})

test('node_api.h is included by src/binding* only', () => {
  const bad = walk(path.join(root, 'src'), ['.c', '.h'])
    .filter((f) => !/binding[^/\\]*\.[ch]$/.test(f))
    .filter((f) => /#\s*include\s*[<"]node_api\.h[>"]/.test(fs.readFileSync(f, 'utf8')))
  assert.deepStrictEqual(bad, [])
})
