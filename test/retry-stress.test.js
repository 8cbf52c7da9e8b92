'use strict'
// Data safety under kill -9: children write one file in a loop with
// writeFileAtomic and are SIGKILLed at random moments. Every file must
// afterwards hold one complete version, old or new, never a mix or a
// truncation. A process can be killed only once, so ~1000 short children
// run in parallel batches (node's start-up dominates the cost).
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn, spawnSync } = require('node:child_process')

const lib = path.join(__dirname, '..', 'lib', 'retry')
const KILLS = Number(process.env.FSD_STRESS_KILLS) || 1000
const PARALLEL = Math.max(2, Math.min(4, os.cpus().length + 1))

// Version g of the file: "g:len:" + len copies of one letter + ":end".
// Sizes vary (1 KB .. 200 KB) so a torn write would show as a bad length.
const VERSION = `function version (g) {
  const len = 1000 + (g * 7919) % 200000
  return g + ':' + len + ':' + String.fromCharCode(97 + g % 26).repeat(len) + ':end'
}`
// eslint-disable-next-line no-new-func
const version = new Function(`${VERSION}; return version`)()

function valid (text) {
  const m = /^(\d+):(\d+):/.exec(text)
  if (!m) return -1
  const g = Number(m[1])
  return text === version(g) ? g : -1
}

const WRITER = `
  const fs = require('fs')
  const { writeFileAtomic, writeFileAtomicSync } = require(${JSON.stringify(lib)})
  ${VERSION}
  const [file, mode] = process.argv.slice(1)
  let g = Number(fs.readFileSync(file, 'utf8').split(':')[0])
  // One write before 'ready' so the kill lands in steady-state writing.
  writeFileAtomicSync(file, version(++g))
  process.stdout.write('r')
  if (mode === 'sync') for (;;) writeFileAtomicSync(file, version(++g))
  else (async () => { for (;;) await writeFileAtomic(file, version(++g)) })()
`

function killOne (file, mode) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--v8-pool-size=0', '-e', WRITER, file, mode], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    let ready = false
    child.stderr.on('data', (d) => { err += d })
    child.stdout.once('data', () => {
      ready = true
      setTimeout(() => child.kill('SIGKILL'), Math.random() * 12)
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (!ready) return reject(new Error(`writer exited before writing (${code ?? signal}): ${err}`))
      resolve(signal)
    })
  })
}

// As root the files live on a private tmpfs: a SIGKILL does not wait for a
// disk (a process inside fsync dies only when the I/O completes), and what
// kill -9 can break is the sequence of calls, not the disk. Elsewhere the
// test uses the temp directory and takes longer.
function workDir (t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-stress-'))
  let mounted = false
  if (process.platform === 'linux' && process.getuid() === 0) {
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512m', 'tmpfs', dir]).status === 0
  }
  t.after(() => {
    if (mounted) spawnSync('umount', ['-l', dir])
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return { dir, mounted }
}

test(`kill -9 in the middle of atomic writes, ${KILLS} times: every file old or new`, { timeout: 900000 }, async (t) => {
  const { dir, mounted } = workDir(t)
  const t0 = performance.now()
  let killed = 0
  let advanced = 0
  let next = 0
  const bad = []
  async function worker () {
    for (;;) {
      const i = next++
      if (i >= KILLS) return
      const file = path.join(dir, `f${i}`)
      fs.writeFileSync(file, version(0))
      const signal = await killOne(file, i % 2 ? 'sync' : 'async')
      if (signal === 'SIGKILL') killed++
      const g = valid(fs.readFileSync(file, 'latin1'))
      if (g < 0) bad.push(file)
      else if (g > 1) advanced++
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  const names = fs.readdirSync(dir)
  const leftovers = names.filter((n) => n.endsWith('.tmp')).length
  const seconds = ((performance.now() - t0) / 1000).toFixed(1)
  t.diagnostic(`${killed} kills in ${seconds} s (${PARALLEL} in parallel, ${mounted ? 'tmpfs' : 'temp dir'}); ${advanced} writers had completed writes after the warm-up one; ` +
    `${leftovers} kills landed inside a write (temp file left behind)`)
  assert.deepStrictEqual(bad, [], 'torn or mixed files')
  assert.strictEqual(killed, KILLS)
  assert.ok(advanced > KILLS / 4, `writers made progress before the kill (${advanced})`)
  assert.ok(leftovers > 0, 'some kills hit the middle of a write')
})

test('concurrent writer processes of one file leave one writer\'s whole content', { timeout: 60000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-stress-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'shared')
  fs.writeFileSync(file, version(0))
  // Each writer checks what it reads between its own writes, too.
  const script = `
    const fs = require('fs')
    const { writeFileAtomic } = require(${JSON.stringify(lib)})
    ${VERSION}
    const [file, base] = process.argv.slice(1)
    ;(async () => {
      let torn = 0
      const end = Date.now() + 400
      for (let g = Number(base); Date.now() < end; g += 10) {
        await writeFileAtomic(file, version(g))
        const text = fs.readFileSync(file, 'latin1')
        const m = /^(\\d+):/.exec(text)
        if (!m || text !== version(Number(m[1]))) torn++
      }
      console.log(torn)
    })()
  `
  const runs = Array.from({ length: 4 }, (_, i) => new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['-e', script, file, String(1 + i)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    c.stdout.on('data', (d) => { out += d })
    c.on('error', reject)
    c.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`writer ${i} exited ${code}`))))
  }))
  const torn = await Promise.all(runs)
  assert.deepStrictEqual(torn, [0, 0, 0, 0])
  assert.ok(valid(fs.readFileSync(file, 'latin1')) > 0)
  assert.deepStrictEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), [])
})
