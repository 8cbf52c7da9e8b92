#!/usr/bin/env node
'use strict'
// writeFileAtomic against write-file-atomic (not a test), side by side:
//   1. sequential writes of 1 KB to one path (fsync on), interleaved rounds
//   2. concurrent writes to one path: time, and whether the last call won
//   3. what each does to a dangling symlink, a FIFO, a character device
//      (mknod'ed in a temp dir; root only) and a symlink loop
// write-file-atomic is installed with npm into a temp directory at run
// time (npm i --no-save), not a dependency of this package.
//
//   node bench/atomic.js [--rounds 7] [--writes 200] [--concurrent 50]
const fs = require('fs')
const os = require('os')
const path = require('path')
const { spawnSync } = require('child_process')
const { opt, median } = require('./util')
const fsdoctor = require('../lib/retry')

const ROUNDS = opt('--rounds', 7)
const WRITES = opt('--writes', 200)
const CONCURRENT = opt('--concurrent', 50)
const VERSION = '7.0.1'

function loadWfa () {
  const dir = path.join(os.tmpdir(), `fsd-bench-wfa-${VERSION}`)
  const mod = path.join(dir, 'node_modules', 'write-file-atomic')
  if (!fs.existsSync(mod)) {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}')
    const r = spawnSync('npm', ['i', '--no-save', '--no-audit', '--no-fund', `write-file-atomic@${VERSION}`], { cwd: dir, stdio: 'inherit' })
    if (r.status !== 0) throw new Error('npm i write-file-atomic failed')
  }
  return require(mod)
}
const wfa = loadWfa()

const IMPLS = {
  'fsdoctor writeFileAtomic': (f, d) => fsdoctor.writeFileAtomic(f, d),
  [`write-file-atomic ${VERSION}`]: (f, d) => wfa(f, d)
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-bench-atomic-'))
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }))

async function sequential (write) {
  const f = path.join(tmp, 'seq')
  const data = Buffer.alloc(1024, 97)
  const t0 = performance.now()
  for (let i = 0; i < WRITES; i++) await write(f, data)
  return ((performance.now() - t0) * 1000) / WRITES
}

async function concurrent (write, k) {
  const f = path.join(tmp, `conc-${k}`)
  const t0 = performance.now()
  await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => write(f, `version ${i}`)))
  const ms = performance.now() - t0
  return { ms, lastWon: fs.readFileSync(f, 'utf8') === `version ${CONCURRENT - 1}`, temps: fs.readdirSync(tmp).filter((n) => n.includes('.tmp') || /\.\d+$/.test(n)).length }
}

async function behaviours (name, write) {
  const out = {}
  const d = fs.mkdtempSync(path.join(tmp, 'b-'))
  fs.symlinkSync('target', path.join(d, 'dangling'))
  await write(path.join(d, 'dangling'), 'x').catch((e) => e)
  out['dangling symlink'] = fs.lstatSync(path.join(d, 'dangling')).isSymbolicLink() && fs.existsSync(path.join(d, 'target'))
    ? 'link kept, target created' : 'link replaced by a regular file'
  spawnSync('mkfifo', [path.join(d, 'fifo')])
  const e1 = await write(path.join(d, 'fifo'), 'x').then(() => null, (e) => e.code)
  out.FIFO = fs.lstatSync(path.join(d, 'fifo')).isFIFO() ? `kept (${e1 || 'no error'})` : 'replaced by a regular file'
  if (process.getuid && process.getuid() === 0 && spawnSync('mknod', [path.join(d, 'null'), 'c', '1', '3']).status === 0) {
    const e2 = await write(path.join(d, 'null'), 'x').then(() => null, (e) => e.code)
    out['character device'] = fs.lstatSync(path.join(d, 'null')).isCharacterDevice() ? `kept (${e2 || 'no error'})` : 'replaced by a regular file'
  } else out['character device'] = 'not measured (mknod needs root)'
  fs.symlinkSync('loop-b', path.join(d, 'loop-a'))
  fs.symlinkSync('loop-a', path.join(d, 'loop-b'))
  const e3 = await write(path.join(d, 'loop-a'), 'x').then(() => null, (e) => e.code)
  out['symlink loop'] = fs.lstatSync(path.join(d, 'loop-a')).isSymbolicLink() ? `link kept (${e3 || 'no error'})` : 'link replaced by a regular file'
  return out
}

async function main () {
  const seq = Object.fromEntries(Object.keys(IMPLS).map((k) => [k, []]))
  const conc = Object.fromEntries(Object.keys(IMPLS).map((k) => [k, []]))
  const names = Object.keys(IMPLS)
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? names.slice().reverse() : names
    for (const n of order) {
      seq[n].push(await sequential(IMPLS[n]))
      conc[n].push(await concurrent(IMPLS[n], `${r}-${n.length}`))
    }
  }
  const lines = [
    '## writeFileAtomic against write-file-atomic',
    '',
    `node ${process.version}, ${os.platform()} ${os.release()}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${new Date().toISOString()}`,
    '',
    `${ROUNDS} interleaved rounds; medians. Sequential: ${WRITES} writes of 1 KB to one path, fsync on (fsdoctor fsyncs the file and its directory, write-file-atomic the file only). ` +
      `Concurrent: ${CONCURRENT} writes to one path started at once; "last call won": the file holds the last call's data in every round.`,
    '',
    '| implementation | sequential µs/write | concurrent ms | last call won | temp files left |',
    '|---|---|---|---|---|'
  ]
  for (const n of names) {
    lines.push(`| ${n} | ${median(seq[n]).toFixed(0)} | ${median(conc[n].map((c) => c.ms)).toFixed(1)} | ${conc[n].every((c) => c.lastWon) ? 'yes' : `${conc[n].filter((c) => c.lastWon).length}/${ROUNDS}`} | ${Math.max(...conc[n].map((c) => c.temps))} |`)
  }
  const a = median(seq[names[0]])
  const b = median(seq[names[1]])
  lines.push('', `Sequential ratio fsdoctor / write-file-atomic: ${(a / b).toFixed(2)}.`, '', '| target | ' + names.join(' | ') + ' |', '|---|---|---|')
  const beh = {}
  for (const n of names) beh[n] = await behaviours(n, IMPLS[n])
  for (const k of Object.keys(beh[names[0]])) lines.push(`| ${k} | ${names.map((n) => beh[n][k]).join(' | ')} |`)
  const text = lines.join('\n') + '\n'
  process.stdout.write(text)
  if (!process.argv.includes('--no-save')) fs.writeFileSync(path.join(__dirname, 'results-atomic.md'), text)
}

main()
