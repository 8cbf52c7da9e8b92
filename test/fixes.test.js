'use strict'
// fixes(request) and quote(request) are one C implementation: the addon and
// the WebAssembly core (a child with the addon disabled, as
// test/parity.test.js runs it) give the same JSON for every cause on every
// platform, strict or not, with values that need quoting; and check's fixes
// come from it (lib/check/fixes.js has no selection, filling or quoting of
// its own).
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const path = require('node:path')
const fs = require('node:fs')
const { binding, core } = require('../lib/engine')
const catalogue = require('../lib/causes.json')

const WASM = path.join(__dirname, '..', 'prebuilds', 'wasm32', 'fsdoctor.wasm')
const PLATFORMS = ['linux', 'darwin', 'win32', 'wsl']
const SHELLS = [undefined, 'bash', 'powershell', 'cmd']

// Every placeholder the catalogue names, with a value; paths with a space
// and a quote, so every shell's quoting is in the answers.
const VALUES = {
  path: "/p/node_modules/it's a",
  dest: '/q/b c',
  dir: '/p/node_modules',
  project: "C:\\Users\\o'n\\my app",
  projectName: 'my app',
  cache: '/home/u/.npm',
  prefix: '/usr/local',
  mount: '/p',
  destMount: '/q',
  fstype: 'ext4',
  pid: '4120',
  name: 'Code.exe',
  component: '/p/node_modules',
  bit: 'w',
  owner: 'root',
  limit: '1024',
  newlimit: '65536',
  nlink: '65000',
  linkmax: '65000',
  subdirs: '31998',
  subdirmax: '31998',
  flagged: '/p/x',
  looplink: '/p/node_modules/loop',
  brokenlink: '/p/node_modules/.bin/gone',
  linktarget: '../gone',
  exec: '/mnt/c/Program Files/nodejs/node.exe',
  nameLength: '300',
  nameMax: '255'
}
// Some missing, so that strict leaves fixes out and the stand-ins show.
const SOME = { path: VALUES.path, project: VALUES.project, mount: VALUES.mount }

// An error as both engines give it: the addon's message is Node's
// "CODE: message, syscall", the module's the core's message alone.
function answer (fn) {
  try {
    return JSON.stringify(fn())
  } catch (err) {
    const node = `${err.code}: `
    const m = err.message.startsWith(node) && err.message.endsWith(`, ${err.syscall}`)
      ? err.message.slice(node.length, -(err.syscall.length + 2))
      : err.message
    return `throws ${err.code} ${err.syscall}: ${m}`
  }
}

function answers (c) {
  const out = []
  for (const { id } of catalogue) {
    for (const platform of PLATFORMS) {
      for (const values of [VALUES, SOME, {}]) {
        for (const strict of [false, true]) {
          out.push(answer(() => c.fixesSync({ ...values, cause: id, platform, strict, names: strict })))
        }
        out.push(answer(() => c.fixesSync({ ...values, cause: id, platform, measured: true, home: '/home/u' })))
      }
    }
  }
  for (const value of Object.values(VALUES).concat(['', 'a"b', 'C:\\plain'])) {
    for (const platform of PLATFORMS) {
      for (const shell of SHELLS) out.push(answer(() => c.quoteSync({ value, platform, shell })))
    }
  }
  // Bad requests fail alike.
  out.push(answer(() => c.fixesSync({ cause: 'no-such-cause', platform: 'linux' })))
  out.push(answer(() => c.fixesSync({ cause: 'disk-full', platform: 'beos' })))
  out.push(answer(() => c.fixesSync({ cause: 'disk-full', platform: 'linux', limit: 5 })))
  out.push(answer(() => c.fixesSync({ platform: 'linux' })))
  out.push(answer(() => c.quoteSync({ value: 'x', platform: 'linux', shell: 'zsh' })))
  return out
}

if (process.env.FSDOCTOR_FIXES_CHILD) {
  process.stdout.write(JSON.stringify({ native: binding !== null, answers: answers(core()) }))
} else {
  test('fixes and quote: the WebAssembly core answers as the addon does', { skip: !binding && 'addon not built' }, () => {
    assert.ok(fs.existsSync(WASM), 'build it: npm run build:wasm')
    const r = spawnSync(process.execPath, [__filename], {
      env: { ...process.env, FSDOCTOR_FIXES_CHILD: '1', FSDOCTOR_NO_NATIVE: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 28
    })
    assert.strictEqual(r.status, 0, r.stderr)
    const child = JSON.parse(r.stdout)
    assert.strictEqual(child.native, false)
    const mine = answers(binding)
    assert.strictEqual(child.answers.length, mine.length)
    const differ = []
    for (let i = 0; i < mine.length; i++) if (mine[i] !== child.answers[i]) differ.push({ addon: mine[i].slice(0, 300), wasm: child.answers[i].slice(0, 300) })
    assert.deepStrictEqual(differ.slice(0, 3), [], `${differ.length} of ${mine.length} differ`)
    // What the answers hold: every cause has fixes somewhere, quoting of
    // each shell shows, strict leaves fixes out, errors are errors.
    const ok = mine.filter((s) => s[0] === '[').map((s) => JSON.parse(s))
    assert.ok(ok.some((a) => a.some((f) => f.commands.some((c) => c.includes("'/p/node_modules/it'\\''s a'")))), 'bash quoting')
    assert.ok(ok.some((a) => a.some((f) => f.commands.some((c) => c.includes("'C:\\Users\\o''n\\my app'")))), 'PowerShell quoting')
    assert.ok(ok.some((a) => a.some((f) => f.commands.some((c) => c.includes('"C:\\Users\\o\'n\\my app"')))), 'cmd quoting')
    assert.ok(!ok.some((a) => a.some((f) => f.commands.some((c) => /<[a-z ]+>|\{[A-Za-z]+\}/.test(c)))), 'no stand-in or placeholder in any command, strict or not')
    assert.ok(ok.some((a) => a.some((f) => f.classes.includes('destroy'))), 'measured values let a removal through somewhere')
    assert.ok(mine.filter((s) => s.startsWith('throws EINVAL')).length === 5, mine.filter((s) => s.startsWith('throws')).join('\n'))
    assert.match(mine[mine.length - 5], /no cause has the id 'no-such-cause'/)
  })

  test('strict fixes name no value that was not given', () => {
    for (const { id } of catalogue) {
      for (const platform of PLATFORMS) {
        const all = core().fixesSync({ ...VALUES, cause: id, platform, strict: true })
        const some = core().fixesSync({ ...SOME, cause: id, platform, strict: true })
        for (const f of [...all, ...some]) {
          assert.doesNotMatch(f.text, /\{[A-Za-z]+\}/)
          for (const c of f.commands) assert.doesNotMatch(c, /\{[A-Za-z]+\}|<[a-z ]+>/, `${id} on ${platform}: ${c}`)
        }
        assert.ok(some.length <= all.length)
        // Holder-kind fixes are left out: no holder was measured.
        const kinds = catalogue.find((c) => c.id === id).fixes.filter((f) => f.kind !== null).map((f) => f.text)
        for (const f of all) assert.ok(!kinds.includes(f.text), f.text)
      }
    }
  })

  test("check's fixes come from the core, not from a copy of its rules", () => {
    const src = fs.readFileSync(path.join(__dirname, '..', 'lib', 'check', 'fixes.js'), 'utf8')
    for (const own of ['platformMatch', 'function fill', 'function names', "require('../causes.json')", 'replace(/\'/g']) {
      assert.ok(!src.includes(own), `lib/check/fixes.js has ${own}`)
    }
    const { fixContext, fixesFor, quote } = require('../lib/check/fixes')
    const ctx = fixContext('linux', { project: '/p', cache: '/c', prefix: '/usr/local', mounts: [] }, { project: '/p' })
    // What the core gives, less the names check asks for.
    const core_ = core().fixesSync({ project: '/p', looplink: '/p/node_modules/a', cause: 'symlink-loop', platform: 'linux', strict: true, measured: true, ...ctx.guard })
    assert.ok(core_.some((f) => f.commands.includes('rm -- /p/node_modules/a')), 'measured, in the project: shown')
    assert.deepStrictEqual(fixesFor(ctx, 'symlink-loop', { looplink: '/p/node_modules/a' }), core_)
    assert.strictEqual(quote("/a b/it's", 'bash', false), core().quoteSync({ value: "/a b/it's", shell: 'bash', platform: 'linux' }))
    assert.throws(() => fixesFor(ctx, 'no-such-cause'), /no cause has the id 'no-such-cause'/)
  })
}
