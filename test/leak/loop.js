'use strict'
// The Node half of scripts/valgrind.sh: every export, N rounds, sync and async.
const f = require('../..')
const n = Number(process.argv[2] || 1000)
const p = process.argv[3] || '/tmp'
const err = Object.assign(new Error('x'), { code: 'EBUSY', errno: -16, syscall: 'rename', path: p, dest: p + '.b' })
async function main () {
  for (let i = 0; i < n; i++) {
    f.fsInfoSync(p); f.pathInfoSync(p); f.linkInfoSync(p); f.limitsSync(); f.privilegesSync()
    f.parseErrorsSync ? f.parseErrorsSync('x') : f.parseErrors("EPERM: operation not permitted, unlink '/x'")
    f.diagnoseSync(err, { holders: i % 50 === 0 })
    if (i % 10 === 0) await Promise.all([f.fsInfo(p), f.pathInfo(p), f.diagnose(err, { holders: false })])
  }
  console.log(`loop.js: ${n} rounds`)
}
main()
