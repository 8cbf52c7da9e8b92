'use strict'
// Long lane: 20,000 calls of every operation that opens a descriptor,
// started at once in a child at `ulimit -n 256`, all complete through
// fsdoctor.fs (before the queue: 1,185 of 20,000 readFile callbacks, 948
// promises.readFile, and new fs.ReadStream() bypassed the wrapper). The
// comparison with graceful-fs is bench/emfile.js.
const test = require('node:test')
const assert = require('node:assert')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const root = path.join(__dirname, '..')
const N = 20000
const OPS = ['readFile', 'promises.readFile', 'createReadStream', 'new ReadStream', 'ReadStream()',
  'FileHandle open', 'open+close', 'writeFile', 'createWriteStream']

for (const op of OPS) {
  test(`${N} × ${op} at ulimit -n 256: ${N} of ${N} complete`, (t) => {
    if (process.platform !== 'linux') return t.skip('needs Linux: ulimit in bash')
    const r = spawnSync('bash', ['-c', 'ulimit -n 256 && exec "$0" "$@"', process.execPath,
      path.join(root, 'bench/emfile-child.js'), 'fsdoctor', op, String(N)], { encoding: 'utf8', timeout: 300000 })
    const res = JSON.parse(r.stdout.trim().split('\n').pop())
    assert.strictEqual(res.limit, 256)
    assert.deepStrictEqual({ ok: res.ok, failed: res.failed, codes: res.codes }, { ok: N, failed: 0, codes: {} })
  })
}
