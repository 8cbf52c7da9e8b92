'use strict'
// The published package: `npm pack` holds the prebuild and the WebAssembly
// core, and installing the tarball with --ignore-scripts (no compiler run)
// still loads natively, or answers through WebAssembly without the addon.
const test = require('node:test')
const assert = require('node:assert')
const { execFileSync, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

test('npm pack ships the prebuild; --ignore-scripts install loads natively', { timeout: 300000 }, () => {
  const tag = `${process.platform}-${process.arch}`
  const prebuild = path.join(root, 'prebuilds', tag)
  // npm pack runs prepack (scripts/prepack.js), which rebuilds the
  // prebuilds: a stale one from an older checkout cannot pass for new code.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-pack-'))
  try {
    const out = execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' })
    const info = JSON.parse(out)[0]
    const files = info.files.map((f) => f.path)
    assert.ok(fs.existsSync(prebuild), `prepack made no ${prebuild}`)
    assert.ok(files.some((f) => f.startsWith(`prebuilds/${tag}/`) && f.endsWith('.node')), `no prebuild in ${files.join(', ')}`)
    const mingw = spawnSync('x86_64-w64-mingw32-gcc', ['--version'], { stdio: 'ignore' }).status === 0
    if (mingw) assert.ok(files.includes('prebuilds/win32-x64/fsdoctor.node'), 'no Windows prebuild although mingw-w64 is here')
    assert.ok(!files.some((f) => f.startsWith('build/') || f.startsWith('test/')), 'build output or tests packed')
    assert.ok(files.includes('prebuilds/wasm32/fsdoctor.wasm'), 'no WebAssembly core in the package')
    assert.ok(!files.some((f) => /fallback/.test(f)), 'a JavaScript copy of the engine is packed')
    const app = path.join(dir, 'app')
    fs.mkdirSync(app)
    fs.writeFileSync(path.join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}')
    execFileSync(npm, ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund',
      path.join(dir, info.filename)], { cwd: app, stdio: 'ignore' })
    assert.ok(!fs.existsSync(path.join(app, 'node_modules/fsdoctor/build')), 'a compiler ran')
    const r = execFileSync(process.execPath, ['-e',
      "const f = require('fsdoctor'); console.log(JSON.stringify({ native: f.native, type: typeof f.fsInfoSync('/').type }))"],
    { cwd: app, encoding: 'utf8' })
    assert.deepStrictEqual(JSON.parse(r), { native: true, type: 'string' })
    // Where the addon cannot load, the packed WebAssembly core answers.
    const w = execFileSync(process.execPath, ['-e',
      "const f = require('fsdoctor'); const d = f.diagnoseSync('EMLINK: too many links, link \\'/a\\' -> \\'/b\\''); console.log(JSON.stringify({ native: f.native, id: d.causes[0].id }))"],
    { cwd: app, encoding: 'utf8', env: { ...process.env, FSDOCTOR_NO_NATIVE: '1' } })
    assert.deepStrictEqual(JSON.parse(w), { native: false, id: 'hard-link-limit' })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
