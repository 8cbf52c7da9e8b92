'use strict'
// What the cause table (src/causes/table.h) generates outside C is up to
// date, byte for byte: lib/causes.json, the CauseId type in index.d.ts and
// the README's catalogue table. Fix a failure with `npm run gen`.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')
const gen = require('../scripts/gen-causes')

const root = path.join(__dirname, '..')
const noCc = spawnSync(process.env.CC || 'cc', ['--version']).status !== 0 &&
  'needs a C compiler (cc, or $CC) to read the table'

let table
function readTable () {
  if (table === undefined) table = gen.readTable(root)
  return table
}

test('each generated file is what the table gives', { skip: noCc }, () => {
  const outputs = gen.generate(root, readTable())
  for (const [file, want] of Object.entries(outputs)) {
    const have = fs.readFileSync(path.join(root, file))
    assert.ok(have.equals(Buffer.from(want, 'utf8')), `${file} is stale: run npm run gen`)
  }
  assert.deepEqual(gen.stale(root, outputs), [])
})

test('the table lists the catalogue once, in the order of the CauseId type', { skip: noCc }, () => {
  const ids = readTable().catalogue.map((c) => c.id)
  assert.equal(new Set(ids).size, ids.length)
  assert.equal(ids[ids.length - 1], 'unknown')
  const dts = fs.readFileSync(path.join(root, 'index.d.ts'), 'utf8')
  const union = dts.slice(dts.indexOf('export type CauseId'), dts.indexOf(gen.MARKERS['index.d.ts'][1]))
  assert.deepEqual([...union.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]), ids)
})

// A copy of the generated files in a temporary root, for stale() to judge.
function copyRoot (t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsdoctor-gen-test-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.mkdirSync(path.join(dir, 'lib'))
  for (const f of ['lib/causes.json', 'index.d.ts', 'README.md']) {
    fs.copyFileSync(path.join(root, f), path.join(dir, f))
  }
  return dir
}

test('a stale file is caught, one byte is enough', { skip: noCc }, (t) => {
  const dir = copyRoot(t)
  const edits = {
    'lib/causes.json': (s) => s.replace('"transient": true', '"transient": false'),
    'index.d.ts': (s) => s.replace("'cross-device'", "'cross-devcie'"),
    'README.md': (s) => s.replace('| `disk-full` | The disk is full |', '| `disk-full` | The disk is full. |')
  }
  assert.deepEqual(gen.stale(dir, gen.generate(dir, readTable())), [])
  for (const [file, edit] of Object.entries(edits)) {
    const p = path.join(dir, file)
    const good = fs.readFileSync(p, 'utf8')
    assert.notEqual(edit(good), good, `the edit of ${file} applies`)
    fs.writeFileSync(p, edit(good))
    assert.deepEqual(gen.stale(dir, gen.generate(dir, readTable())), [file])
    fs.writeFileSync(p, good)
  }
  // A missing file is stale too.
  fs.rmSync(path.join(dir, 'lib/causes.json'))
  assert.deepEqual(gen.stale(dir, gen.generate(dir, readTable())), ['lib/causes.json'])
})

test('hand-written text around the markers is kept; a file without them is refused', { skip: noCc }, (t) => {
  const dir = copyRoot(t)
  const readme = path.join(dir, 'README.md')
  const text = fs.readFileSync(readme, 'utf8')
  fs.writeFileSync(readme, text.replace('## Cause catalogue', '## Cause catalogue (edited)'))
  assert.deepEqual(gen.stale(dir, gen.generate(dir, readTable())), [])
  fs.writeFileSync(readme, text.replace(gen.MARKERS['README.md'][0], ''))
  assert.throws(() => gen.generate(dir, readTable()), /lacks the markers/)
})
