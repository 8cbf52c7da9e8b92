'use strict'
// Shared helpers of the Windows suite (run by node.exe under wine or on
// Windows; scripts/test-win.sh stages the package and runs each file).
const fs = require('fs')
const os = require('os')
const path = require('path')
const { spawn, execFileSync } = require('child_process')

const fsdoctor = require('../..')


function rmrf (p) {
  try {
    fs.rmSync(p, { recursive: true, force: true, maxRetries: 5 })
  } catch {}
}

function tmpdir (t) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-win-'))
  t.after(() => rmrf(d))
  return d
}

function sleep (ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

// Starts test/win/locker.exe on file: share 'rw' (no FILE_SHARE_DELETE),
// 'r' or 'none'. Resolves once the file is held; release() lets it go.
async function lock (t, file, share = 'rw') {
  const ready = `${file}.ready`
  const stop = `${file}.stop`
  const child = spawn(path.join(__dirname, 'locker.exe'), [file, ready, stop, share, '30000'], { stdio: 'ignore' })
  let exited = null
  const exit = new Promise((resolve) => child.on('exit', (code) => { exited = code; resolve(code) }))
  const release = async () => {
    if (exited === null) {
      fs.writeFileSync(stop, '')
      await exit
    }
  }
  t.after(release)
  for (let waited = 0; !fs.existsSync(ready); waited += 20) {
    if (exited !== null) throw new Error(`locker exited with ${exited} before holding ${file}`)
    if (waited > 15000) throw new Error('locker did not report ready')
    await sleep(20)
  }
  const pid = Number(fs.readFileSync(ready, 'utf8').trim().split(' ')[1])
  // process.hrtime.bigint() of the moment the locker let go (same clock).
  const releasedAt = () => BigInt(fs.readFileSync(`${ready}.released`, 'utf8').trim())
  return { pid, child, release, stopFile: stop, releasedAt }
}

// The Win32 error the C probe fsd_win32_error recovers for path/syscall.
function win32err (p, syscall) {
  const out = execFileSync(path.join(__dirname, 'fsdprobe.exe'), ['win32err', p, syscall], { encoding: 'utf8' })
  const [code, name] = out.trim().split(' ')
  return { code: Number(code), name }
}

function errorOf (fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  return null
}

module.exports = { fsdoctor, tmpdir, rmrf, sleep, lock, win32err, errorOf }
