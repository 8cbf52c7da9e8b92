'use strict'
// What the package ships, asked of npm itself without building anything
// (npm pack --dry-run --ignore-scripts): every file lib/ holds, the C
// sources the build needs, and the LICENSE that package.json's "license"
// names. The pack lane (test/pack.test.js) packs and installs for real;
// this catches a file left off the allow-list in seconds.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const root = path.join(__dirname, '..')

function walk (dir) {
  const out = []
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`
    if (e.isDirectory()) out.push(...walk(rel))
    else if (e.isFile()) out.push(rel)
  }
  return out
}

test('the MIT license that package.json names is a file, with its copyright line', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  assert.strictEqual(pkg.license, 'MIT')
  assert.ok(pkg.files.includes('LICENSE'), 'package.json files does not list LICENSE')
  const text = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8')
  assert.match(text, /^MIT License\n/)
  assert.match(text, /^Copyright \(c\) 2026 fsdoctor contributors$/m)
  assert.match(text, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/)
})

test('npm pack ships LICENSE, every file of lib/ and every C source', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const packed = new Set(JSON.parse(out)[0].files.map((f) => f.path))
  const want = ['LICENSE', 'package.json', 'README.md', 'index.d.ts', 'index.mjs',
    'scripts/sources.js', 'src/addon.gypi', ...walk('lib'),
    ...walk('src').filter((f) => /\.[ch]$/.test(f))]
  assert.ok(want.filter((f) => f.startsWith('lib/')).length > 30, 'lib/ was not walked')
  assert.deepStrictEqual(want.filter((f) => !packed.has(f)), [])
})
