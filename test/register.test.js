'use strict'
// node -r fsdoctor/register app.js: a diagnosis for an uncaught fs error,
// then exactly what Node does anyway (stack print, exit code).
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const sys = require('./helpers/sys')

const root = path.join(__dirname, '..')

// An app in a temp dir with fsdoctor in its node_modules: this checkout, or
// pkg (a copy another user can read, sys.packageAs).
function app (t, code, pkg = root) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-reg-')))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.mkdirSync(path.join(dir, 'node_modules'))
  fs.symlinkSync(pkg, path.join(dir, 'node_modules', 'fsdoctor'))
  fs.writeFileSync(path.join(dir, 'app.js'), code)
  fs.chmodSync(dir, 0o755)
  return dir
}

function run (dir, withRegister, opts = {}) {
  const args = [...(withRegister ? ['-r', 'fsdoctor/register'] : []), 'app.js']
  const env = { ...process.env, NO_COLOR: '1' }
  delete env.FORCE_COLOR
  if (opts.user) {
    const r = sys.runAs(opts.user, process.execPath, args, { cwd: dir, env })
    return { code: r.status, stderr: r.stderr, stdout: r.stdout }
  }
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env })
  return { code: r.status, stderr: r.stderr, stdout: r.stdout }
}

// Node's own report of the error: from the first "node:" / file line on.
function nodePart (stderr) {
  const i = stderr.search(/^(\/|node:)/m)
  return i < 0 ? stderr : stderr.slice(i)
}

test('an uncaught EACCES: diagnosis first, then Node\'s stack and exit code', (t) => {
  if (sys.skipUnlessRunAs(t, 'runs the app as nobody')) return
  const dir = app(t, "require('fs').writeFileSync('/root/fsd-register-test', 'x')\n", sys.packageAs('nobody').dir)
  const plain = run(dir, false, { user: 'nobody' })
  const reg = run(dir, true, { user: 'nobody' })
  assert.strictEqual(plain.code, 1)
  assert.strictEqual(reg.code, plain.code)
  assert.match(reg.stderr, /^\nfsdoctor: this process is exiting on an uncaught error, EACCES from open; diagnosis:\n/)
  assert.match(reg.stderr, /permission-denied/)
  assert.match(reg.stderr, /\/root/)
  // After the diagnosis, exactly what Node prints without it.
  assert.strictEqual(nodePart(reg.stderr), plain.stderr)
  assert.ok(reg.stderr.indexOf('fsdoctor:') < reg.stderr.indexOf('Error: EACCES'))
})

test('an unhandled rejection from fs.promises', (t) => {
  const dir = app(t, "require('fs').promises.rmdir(__filename)\n")
  const plain = run(dir, false)
  const reg = run(dir, true)
  assert.strictEqual(reg.code, plain.code)
  assert.notStrictEqual(reg.code, 0)
  assert.match(reg.stderr, /exiting on an unhandled rejection, ENOTDIR from rmdir/)
  assert.strictEqual(nodePart(reg.stderr), plain.stderr)
})

test('non-fs errors, handled errors and clean exits are left alone', (t) => {
  const other = app(t, "throw new TypeError('not fs')\n")
  assert.strictEqual(run(other, true).stderr, run(other, false).stderr)
  const handled = app(t, `process.on('uncaughtException', (e) => { console.log('handled', e.code); process.exitCode = 3 })
require('fs').readFileSync('/nonexistent/fsd')\n`)
  const h = run(handled, true)
  assert.strictEqual(h.code, 3)
  assert.strictEqual(h.stderr, '')
  assert.strictEqual(h.stdout, 'handled ENOENT\n')
  const exitCode = app(t, "process.exitCode = 4; require('fs').statSync('/nonexistent/fsd')\n")
  const e1 = run(exitCode, false)
  const e2 = run(exitCode, true)
  assert.strictEqual(e2.code, e1.code)
  assert.match(e2.stderr, /ENOENT from stat/)
  const ok = app(t, "console.log('fine')\n")
  const r = run(ok, true)
  assert.deepStrictEqual([r.code, r.stdout, r.stderr], [0, 'fine\n', ''])
})

test('requiring it twice registers once; without the addon it still prints', (t) => {
  const dir = app(t, "require('fsdoctor/register'); require('fs').readdirSync('/nonexistent/fsd')\n")
  const r = run(dir, true)
  assert.strictEqual(r.stderr.split('fsdoctor: this process').length, 2)
  const env = { ...process.env, FSDOCTOR_NO_NATIVE: '1', NO_COLOR: '1' }
  const n = spawnSync(process.execPath, ['-r', 'fsdoctor/register', 'app.js'], { cwd: dir, encoding: 'utf8', env })
  assert.strictEqual(n.status, 1)
  assert.match(n.stderr, /ENOENT from scandir/)
})

// A process out of descriptors can load nothing more: what the diagnosis
// needs (the engine, the catalogue, the formatter) is loaded with the hook.
function runLimited (dir, withRegister, limit, extraEnv = {}) {
  const args = [...(withRegister ? ['-r', 'fsdoctor/register'] : []), 'app.js']
  const env = { ...process.env, NO_COLOR: '1', ...extraEnv }
  delete env.FORCE_COLOR
  const r = spawnSync('bash', ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, ...args], { cwd: dir, encoding: 'utf8', env })
  return { code: r.status, stderr: r.stderr, stdout: r.stdout }
}

// The app keeps what it opened reachable (globalThis): a FileHandle that
// the garbage collector closes prints a warning before the diagnosis.
for (const [name, code, origin, syscall] of [
  ['thrown by openSync', "const fs = require('fs'); const held = globalThis.held = []; for (;;) held.push(fs.openSync(__filename, 'r'))\n", 'an uncaught error', 'open'],
  ['rejected by fs.promises.open', "const fs = require('fs'); const held = globalThis.held = []; for (let i = 0; i < 100; i++) held.push(fs.promises.open(__filename, 'r'))\n", 'an unhandled rejection', 'open']
]) {
  for (const native of [true, false]) {
    test(`EMFILE ${name} at ulimit -n 64: the diagnosis is printed (${native ? 'addon' : 'WebAssembly core'})`, (t) => {
      if (process.platform !== 'linux') return t.skip('needs Linux: ulimit in bash')
      const dir = app(t, code)
      const env = native ? {} : { FSDOCTOR_NO_NATIVE: '1' }
      const plain = runLimited(dir, false, 64, env)
      const reg = runLimited(dir, true, 64, env)
      assert.notStrictEqual(plain.code, 0)
      assert.strictEqual(reg.code, plain.code)
      assert.match(reg.stderr, new RegExp(`^\\nfsdoctor: this process is exiting on ${origin}, EMFILE from ${syscall}; diagnosis:\\n`))
      assert.match(reg.stderr, /too-many-open-files/)
      if (native) assert.match(reg.stderr, /may open 64 descriptors/)
      assert.strictEqual(nodePart(reg.stderr), plain.stderr)
    })
  }
}
