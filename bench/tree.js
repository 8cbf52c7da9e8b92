'use strict'
// A node_modules-like tree for the scan benchmark and tests: scoped and
// plain packages with lib/ and dist/ files, nested node_modules, .bin links
// (some to removed packages), workspace links, a few loops and hard links.
// Deterministic for a given size.
const fs = require('node:fs')
const path = require('node:path')

function rng (seed) {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13; x >>>= 0
    x ^= x >>> 17
    x ^= x << 5; x >>>= 0
    return x / 0x100000000
  }
}

// Writes about `entries` entries under dir/node_modules; returns what it made.
function makeTree (dir, entries = 100000, seed = 42) {
  const rand = rng(seed)
  const nm = path.join(dir, 'node_modules')
  const bin = path.join(nm, '.bin')
  fs.mkdirSync(bin, { recursive: true })
  const made = { entries: 2, broken: [], loops: [], symlinks: 0, packages: 0 }
  const count = (n = 1) => { made.entries += n }
  const link = (target, p) => { fs.symlinkSync(target, p); made.symlinks++; count() }
  let i = 0
  while (made.entries < entries) {
    const scoped = rand() < 0.15
    const name = scoped ? `@scope${i % 40}/pkg-${i}` : `pkg-${i}`
    const root = path.join(nm, name)
    if (scoped && !fs.existsSync(path.dirname(root))) { fs.mkdirSync(path.dirname(root)); count() }
    writePackage(root, name, rand, count)
    if (!made.first) made.first = root
    made.packages++
    // Nested node_modules with a couple of private copies.
    if (rand() < 0.1) {
      const nested = path.join(root, 'node_modules')
      fs.mkdirSync(nested); count()
      for (let k = 0; k < 2; k++) writePackage(path.join(nested, `dep-${i}-${k}`), `dep-${i}-${k}`, rand, count)
    }
    if (rand() < 0.35) {
      const binName = `cli-${i}`
      if (rand() < 0.05) {
        // The package was removed but its .bin link was left behind.
        const p = path.join(bin, binName)
        link(`../gone-${i}/bin/cli.js`, p)
        made.broken.push(p)
      } else {
        fs.mkdirSync(path.join(root, 'bin')); count()
        fs.writeFileSync(path.join(root, 'bin', 'cli.js'), '#!/usr/bin/env node\n'); count()
        link(`../${name}/bin/cli.js`, path.join(bin, binName))
      }
    }
    if (rand() < 0.01) {
      const p = path.join(root, 'self-loop')
      link('self-loop', p)
      made.loops.push(p)
    }
    if (rand() < 0.01) {
      const p = path.join(root, 'missing-dir')
      link('../does-not-exist/', p)
      made.broken.push(p)
    }
    i++
  }
  // Workspace-style links and one link to an ancestor.
  fs.mkdirSync(path.join(dir, 'packages', 'ws-a'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'packages', 'ws-a', 'package.json'), '{"name":"ws-a"}')
  link('../packages/ws-a', path.join(nm, 'ws-a'))
  made.ancestor = path.join(made.first, 'lib', 'up')
  link('..', made.ancestor)
  return made
}

function writePackage (root, name, rand, count) {
  fs.mkdirSync(path.join(root, 'lib', 'util'), { recursive: true }); count(3)
  fs.writeFileSync(path.join(root, 'package.json'), `{"name":"${name}","version":"1.0.0"}`); count()
  for (const f of ['README.md', 'LICENSE', 'index.js']) { fs.writeFileSync(path.join(root, f), ''); count() }
  const libFiles = 5 + Math.floor(rand() * 20)
  for (let k = 0; k < libFiles; k++) { fs.writeFileSync(path.join(root, 'lib', `m${k}.js`), ''); count() }
  for (let k = 0; k < 4; k++) { fs.writeFileSync(path.join(root, 'lib', 'util', `u${k}.js`), ''); count() }
  if (rand() < 0.5) {
    fs.mkdirSync(path.join(root, 'dist')); count()
    const n = 3 + Math.floor(rand() * 10)
    for (let k = 0; k < n; k++) { fs.writeFileSync(path.join(root, 'dist', `d${k}.js`), ''); count() }
  }
}

module.exports = { makeTree }
