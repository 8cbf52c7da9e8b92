'use strict'
// Data safety under kill -9: writers replace one file in a loop with
// writeFileAtomic and are SIGKILLed at random moments. Every file must
// afterwards hold one complete version, old or new, never a mix or a
// truncation.
//
// A process can be killed only once, and a fresh node costs ~100 ms of CPU
// to start (seconds under load), so the bulk of the kills (>= 1000) come
// from a zygote: one node process that fork()s a warm copy of itself per
// kill (test/helpers/forker.c, built here with the system compiler); the
// copy runs writeFileAtomicSync in a loop until killed. The async
// writeFileAtomic, which needs the threadpool a forked copy does not
// have, is killed in freshly spawned node processes (fewer: they are slow).
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn, spawnSync, execFileSync } = require('node:child_process')

const lib = path.join(__dirname, '..', 'lib', 'retry')
const KILLS = Number(process.env.FSD_STRESS_KILLS) || 1000
const SPAWN_KILLS = Number(process.env.FSD_STRESS_SPAWN_KILLS) || 40
const PARALLEL = Math.max(2, Math.min(4, os.cpus().length + 1))

// Version g of the file: "g:len:" + len copies of one letter + ":end".
// Sizes vary (1 KB .. 100 KB) so a torn write would show as a bad length.
const VERSION = `function version (g) {
  const len = 1000 + (g * 7919) % 100000
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
  else (async () => { await writeFileAtomic(file, version(++g)); process.stdout.write('a'); for (;;) await writeFileAtomic(file, version(++g)) })()
`

function killOne (file, mode) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--v8-pool-size=0', '-e', WRITER, file, mode], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    let ready = false
    child.stderr.on('data', (d) => { err += d })
    let seen = ''
    child.stdout.on('data', (d) => {
      seen += d
      // 'r': sync warm-up done; 'a': one async write done, the loop runs.
      if (ready || !seen.includes(mode === 'async' ? 'a' : 'r')) return
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

function buildForker (dir) {
  const out = path.join(dir, 'forker.node')
  const include = path.join(path.dirname(process.execPath), '..', 'include', 'node')
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', `-I${include}`, path.join(__dirname, 'helpers', 'forker.c'), '-o', out],
      { stdio: 'pipe' })
    return out
  } catch (e) {
    return null
  }
}

const ZYGOTE = `
  const fs = require('fs')
  const path = require('path')
  const [dir, kills, addon] = process.argv.slice(1)
  const forker = require(addon)
  const { writeFileAtomicSync } = require(${JSON.stringify(lib)})
  ${VERSION}
  const valid = (text) => { const m = /^(\\d+):/.exec(text); return m && text === version(Number(m[1])) ? Number(m[1]) : -1 }
  const cell = new Int32Array(new SharedArrayBuffer(4))
  for (let g = 1; g < 50; g++) writeFileAtomicSync(path.join(dir, 'warm'), version(g))
  const r = { kills: 0, signals: 0, bad: [], advanced: 0 }
  for (let i = 0; i < Number(kills); i++) {
    const file = path.join(dir, 'f' + i)
    fs.writeFileSync(file, version(0))
    const pid = forker.fork()
    if (pid === 0) {
      try {
        for (let g = 1; ; g++) writeFileAtomicSync(file, version(g))
      } finally {
        forker.die()
      }
    }
    if (pid < 0) throw new Error('fork failed: ' + pid)
    // Kill once the copy is writing (its first rename changed the inode):
    // under load a child may not even run for a while after fork().
    const ino = fs.statSync(file).ino
    for (let w = 0; w < 20000 && fs.statSync(file).ino === ino; w++) Atomics.wait(cell, 0, 0, 0.25)
    Atomics.wait(cell, 0, 0, Math.random() * 4)
    process.kill(pid, 'SIGKILL')
    const sig = forker.wait(pid)
    r.kills++
    if (sig === 9) r.signals++
    const g = valid(fs.readFileSync(file, 'latin1'))
    if (g < 0) r.bad.push(file)
    else if (g > 0) r.advanced++
  }
  r.leftovers = fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')).length
  console.log(JSON.stringify(r))
`

test(`kill -9 in the middle of atomic writes, ${KILLS} times (forked writers): every file old or new`, { timeout: 600000 }, async (t) => {
  if (process.platform === 'win32') return t.skip('needs fork(): not on Windows')
  const { dir, mounted } = workDir(t)
  const build = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-forker-'))
  t.after(() => fs.rmSync(build, { recursive: true, force: true }))
  const addon = buildForker(build)
  if (!addon) return t.skip('needs a C compiler and node headers to build test/helpers/forker.c')
  const t0 = performance.now()
  // One zygote per core, each with its own share of the kills.
  const zygotes = Math.max(1, Math.min(4, os.cpus().length))
  const runs = Array.from({ length: zygotes }, (_, z) => new Promise((resolve, reject) => {
    const sub = path.join(dir, `z${z}`)
    fs.mkdirSync(sub)
    const n = Math.floor(KILLS / zygotes) + (z < KILLS % zygotes ? 1 : 0)
    const c = spawn(process.execPath, ['--single-threaded', '-e', ZYGOTE, sub, String(n), addon], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    c.stdout.on('data', (d) => { stdout += d })
    c.stderr.on('data', (d) => { stderr += d })
    c.on('error', reject)
    c.on('exit', (code, signal) => code === 0
      ? resolve(JSON.parse(stdout.trim().split('\n').pop()))
      : reject(new Error(`zygote ${z} ended with ${code ?? signal}: ${stderr}`)))
  }))
  const outs = await Promise.all(runs)
  const out = { kills: 0, signals: 0, bad: [], advanced: 0, leftovers: 0 }
  for (const o of outs) {
    for (const k of ['kills', 'signals', 'advanced', 'leftovers']) out[k] += o[k]
    out.bad.push(...o.bad)
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1)
  t.diagnostic(`${out.kills} kills (${out.signals} by SIGKILL) in ${seconds} s, ${zygotes} zygotes, ${mounted ? 'tmpfs' : 'temp dir'}; ` +
    `${out.advanced} files past their first version; ${out.leftovers} kills landed inside a write (temp file left behind)`)
  assert.deepStrictEqual(out.bad, [], 'torn or mixed files')
  assert.strictEqual(out.kills, KILLS)
  assert.strictEqual(out.signals, KILLS)
  assert.ok(out.advanced > KILLS / 2, `writers made progress before the kill (${out.advanced})`)
  assert.ok(out.leftovers >= KILLS / 50, `kills hit the middle of writes (${out.leftovers})`)
})

test(`kill -9 of spawned async writers, ${SPAWN_KILLS} times: every file old or new`, { timeout: 600000 }, async (t) => {
  const { dir, mounted } = workDir(t)
  const t0 = performance.now()
  let killed = 0
  let advanced = 0
  let next = 0
  const bad = []
  async function worker () {
    for (;;) {
      const i = next++
      if (i >= SPAWN_KILLS) return
      const file = path.join(dir, `f${i}`)
      fs.writeFileSync(file, version(0))
      const signal = await killOne(file, 'async')
      if (signal === 'SIGKILL') killed++
      const g = valid(fs.readFileSync(file, 'latin1'))
      if (g < 0) bad.push(file)
      else if (g > 2) advanced++
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  const names = fs.readdirSync(dir)
  const leftovers = names.filter((n) => n.endsWith('.tmp')).length
  const seconds = ((performance.now() - t0) / 1000).toFixed(1)
  t.diagnostic(`${killed} kills in ${seconds} s (${PARALLEL} in parallel, ${mounted ? 'tmpfs' : 'temp dir'}); ${advanced} writers had completed writes after the warm-up ones; ` +
    `${leftovers} kills landed inside a write (temp file left behind)`)
  assert.deepStrictEqual(bad, [], 'torn or mixed files')
  assert.strictEqual(killed, SPAWN_KILLS)
  assert.ok(advanced > 0, `writers made progress (${advanced})`)
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
