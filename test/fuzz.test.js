'use strict'
// A short libFuzzer run of the error-text parser (the long runs are
// `npm run fuzz`, scripts/fuzz.sh). Skipped when clang cannot build a
// libFuzzer binary here.
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')

const root = path.join(__dirname, '..')
const fuzzDir = path.join(root, 'test', 'fuzz')
const seconds = Number(process.env.FSD_FUZZ_TEST_SECONDS || 15)

function clangFuzzer () {
  const v = spawnSync('clang', ['--version'], { encoding: 'utf8' })
  if (v.error || v.status !== 0) return 'clang not found on PATH'
  // Probe that -fsanitize=fuzzer links (clang without compiler-rt cannot).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-fuzzprobe-'))
  try {
    const src = path.join(dir, 'p.c')
    fs.writeFileSync(src, '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n')
    const r = spawnSync('clang', ['-fsanitize=fuzzer,address,undefined', '-o', path.join(dir, 'p'), src], { encoding: 'utf8' })
    return r.status === 0 ? null : 'clang cannot link -fsanitize=fuzzer (libFuzzer/compiler-rt missing)'
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const skip = process.platform === 'win32' ? 'libFuzzer run is POSIX-only here' : clangFuzzer()

test(`fuzz_errtext runs ${seconds}s without findings`, { skip: skip || false, timeout: (seconds + 240) * 1000 }, (t) => {
  const build = spawnSync('make', ['-s', '-C', fuzzDir], { encoding: 'utf8' })
  assert.strictEqual(build.status, 0, build.stderr)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-fuzz-'))
  t.after(() => fs.rmSync(work, { recursive: true, force: true }))
  const corpus = path.join(work, 'corpus')
  fs.mkdirSync(corpus)
  const logs = path.join(root, 'test', 'fixtures', 'logs')
  for (const f of fs.readdirSync(logs)) fs.copyFileSync(path.join(logs, f), path.join(corpus, f))
  const r = spawnSync(path.join(fuzzDir, 'build', 'fuzz_errtext'), [
    `-max_total_time=${seconds}`, '-max_len=16384', '-timeout=10', '-rss_limit_mb=2048',
    `-dict=${path.join(fuzzDir, 'errtext.dict')}`, `-artifact_prefix=${work}/`, corpus
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const tail = (r.stderr || '').split('\n').slice(-30).join('\n')
  assert.strictEqual(r.status, 0, `libFuzzer exited ${r.status ?? r.signal}:\n${tail}`)
  const runs = /Done (\d+) runs/.exec(r.stderr || '')
  assert.ok(runs && Number(runs[1]) > 0, tail)
})

// Inputs that once crashed a target are replayed on every run: each file in
// test/fuzz/regress/<target>/ must run through its target cleanly.
test('fuzz regression inputs replay cleanly', { skip: skip || false, timeout: 240 * 1000 }, () => {
  const build = spawnSync('make', ['-s', '-C', fuzzDir], { encoding: 'utf8' })
  assert.strictEqual(build.status, 0, build.stderr)
  const regress = path.join(fuzzDir, 'regress')
  let replayed = 0
  for (const target of fs.readdirSync(regress)) {
    const inputs = fs.readdirSync(path.join(regress, target)).map((f) => path.join(regress, target, f))
    const r = spawnSync(path.join(fuzzDir, 'build', target), inputs, { encoding: 'utf8' })
    assert.strictEqual(r.status, 0, `${target}: ${(r.stderr || '').split('\n').slice(-20).join('\n')}`)
    replayed += inputs.length
  }
  assert.ok(replayed >= 1, 'no regression inputs found')
})
