'use strict'
// parseErrors on the sample logs in test/fixtures/logs (exact fields), the
// WebAssembly build of the parser (the engine without the addon) against
// the addon's, and hostile inputs.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const path = require('path')
const crypto = require('crypto')
const fsd = require('..')
const wasmCall = require('../lib/engine/wasm').call
const wasm = { parseErrors: (text) => wasmCall('parseErrors', { text }) }

const logs = path.join(__dirname, 'fixtures', 'logs')
const read = (name) => fs.readFileSync(path.join(logs, name))
const KEYS = ['code', 'errno', 'syscall', 'path', 'dest', 'message', 'platform', 'source', 'line']

// [code, errno, syscall, path, dest, platform, source, line]
const EXPECTED = {
  'npm6-windows-eperm.txt': [
    ['EPERM', null, 'lstat', 'C:\\Users\\dana\\AppData\\Roaming\\npm\\node_modules\\.staging', null, 'win32', 'npm-legacy', 2],
    ['EPERM', -4048, 'rename', 'C:\\Users\\dana\\AppData\\Roaming\\npm\\node_modules\\.staging\\typescript-8be04997',
      'C:\\Users\\dana\\AppData\\Roaming\\npm\\node_modules\\typescript', 'win32', 'npm-legacy', 3]
  ],
  'npm9-ebusy.txt': [
    ['EBUSY', -4082, 'rmdir', 'D:\\work\\api\\node_modules\\esbuild', null, 'win32', 'npm-legacy', 5],
    ['EPERM', -4048, 'unlink', 'D:\\work\\api\\node_modules\\@esbuild\\win32-x64\\esbuild.exe', null, 'win32', 'npm-legacy', 13]
  ],
  'npm10-emlink.txt': [
    ['EMLINK', -31, 'link', '/mnt/data/cache/_cacache/content-v2/sha512/4f/1a/9e0c3',
      '/mnt/data/app/node_modules/lodash/package.json', 'linux', 'npm', 2]
  ],
  'npm-debug-0.log': [
    ['EPERM', -4048, 'rename', 'C:\\Users\\kim\\app\\node_modules\\sharp', 'C:\\Users\\kim\\app\\node_modules\\.sharp-Ab12Cd',
      'win32', 'npm-debug-log', 8]
  ],
  'pnpm.txt': [
    ['EPERM', null, 'rename', 'C:\\repo\\node_modules\\.pnpm\\esbuild@0.19.12\\node_modules\\esbuild_tmp_3360',
      'C:\\repo\\node_modules\\.pnpm\\esbuild@0.19.12\\node_modules\\esbuild', 'win32', 'pnpm', 2],
    ['EACCES', null, 'mkdir', '/usr/local/lib/pnpm-global/5', null, 'linux', 'pnpm', 5],
    ['EPERM', null, 'unlink', '/mnt/c/Users/lee/site/node_modules/.pnpm/lock.yaml', null, 'wsl', 'pnpm', 8]
  ],
  'yarn-classic.txt': [
    ['EPERM', null, 'unlink', 'C:\\Users\\ana\\AppData\\Local\\Yarn\\Cache\\v6\\npm-fsevents-2.3.3\\node_modules\\fsevents\\.yarn-tarball.tgz',
      null, 'win32', 'yarn', 4]
  ],
  'yarn-berry.txt': [
    ['EPERM', null, 'open', '/Users/sam/dev/app/.yarn/unplugged/esbuild-npm-0.20.0-2f7a/node_modules/esbuild/bin/esbuild',
      null, 'darwin', 'yarn-berry', 2],
    ['EBUSY', null, 'rmdir', '\\\\fileserver\\builds\\web\\node_modules\\.store', null, 'win32', 'yarn-berry', 5]
  ],
  'node-inspect.txt': [
    ['ELOOP', -40, 'stat', '/home/ci/app/node_modules/a/node_modules/a', null, 'linux', 'node-inspect', 6],
    ['EXDEV', -18, 'rename', '/tmp/upload-1234', '/srv/data/file.bin', 'linux', 'node-inspect', 16],
    ['ENOENT', -4058, 'open', 'C:\\very\\deep\\project\\dist\\index.html', null, 'win32', 'node-inspect', 23],
    ['EPERM', -4048, 'symlink', '\\\\nas01\\public\\shared\\link', null, 'win32', 'node-inspect', 24],
    ['EACCES', null, 'open', '/private/var/folders/x1/abc/T/cache.json', null, 'darwin', 'node', 25],
    ['UNKNOWN', null, 'read', null, null, null, 'node', 26]
  ],
  'old-npm-node010.txt': [
    ['EPERM', 50, 'open', 'C:\\Users\\jo\\AppData\\Roaming\\npm-cache\\grunt\\0.4.5\\package\\package.json', null, 'win32', 'npm-legacy', 1],
    ['ENOENT', 34, 'lstat', 'C:\\Users\\jo\\AppData\\Roaming\\npm\\node_modules\\grunt-cli\\bin', null, 'win32', 'npm-legacy', 11]
  ],
  'wrapped.txt': [
    ['EBUSY', -4082, 'rename', 'C:\\src\\game\\node_modules\\electron\\dist\\resources\\default_app.asar',
      'C:\\src\\game\\node_modules\\electron\\dist\\resources\\.default_app.asar-XyZ1', 'win32', 'npm-legacy', 2],
    ['ENOSPC', -28, 'write', null, null, null, 'npm-legacy', 11]
  ],
  'linux-misc.txt': [
    ['EMFILE', null, 'watch', '/home/u/site/src', null, 'linux', 'node', 1],
    ['ENAMETOOLONG', null, 'open', '/home/u/deep/' + 'a'.repeat(59) + '.txt', null, 'linux', 'node', 2],
    ['ETXTBSY', null, 'copyfile', '/tmp/build/node', '/usr/local/bin/node', 'linux', 'node', 3],
    ['ENOTEMPTY', null, 'rmdir', '/home/u/site/node_modules/.cache', null, 'linux', 'node', 4],
    ['EROFS', null, 'open', '/usr/lib/node_modules/x/y.json', null, 'linux', 'node', 5],
    ['EDQUOT', null, 'write', null, null, null, 'node', 6],
    ['ENFILE', null, 'open', '/var/log/app.log', null, 'linux', 'node', 7],
    ['EACCES', null, 'mkdir', '/Users/kai/.npm/_cacache', null, 'darwin', 'node', 8]
  ]
}

// No Node, npm, pnpm or yarn form anywhere: the loose pass reads the words.
EXPECTED['loose.txt'] = [
  ['EBUSY', null, null, null, null, null, 'text', 1],
  ['ENOSPC', null, 'watch', null, null, null, 'text', 2],
  ['EMFILE', null, 'watch', null, null, null, 'text', 3],
  ['EACCES', null, null, '/usr/lib/python3/dist-packages/x', null, 'linux', 'text', 4],
  ['EROFS', null, 'mkdir', '/srv/data', null, 'linux', 'text', 5],
  ['ENOENT', null, 'spawn', 'git', null, null, 'text', 6],
  ['ENOSPC', null, 'write', '/var/lib/docker/overlay2/x/y.so', null, 'linux', 'text', 7],
  ['EBUSY', null, null, 'C:\\b\\x.log', null, 'win32', 'text', 8],
  ['EMLINK', null, 'mkdir', null, null, null, 'text', 9]
]

const pick = (e) => [e.code, e.errno, e.syscall, e.path, e.dest, e.platform, e.source, e.line]

test('every sample log has expectations', () => {
  assert.deepStrictEqual(fs.readdirSync(logs).sort(), Object.keys(EXPECTED).sort())
})

for (const [name, want] of Object.entries(EXPECTED)) {
  test(`parseErrors: ${name}`, { skip: !fsd.native && 'native addon not built' }, () => {
    const got = fsd.parseErrors(read(name))
    assert.deepStrictEqual(got.map(pick), want)
    for (const e of got) {
      assert.deepStrictEqual(Object.keys(e), KEYS)
      assert.ok(e.message.length > 0 && e.message.length <= 500)
      assert.strictEqual(e.message, e.message.trim())
      // the message is the line the error was found on
      const lines = read(name).toString().split('\n')
      assert.ok(lines.some((l) => l.includes(e.message.slice(0, 40))), e.message)
    }
    // strings and Buffers give the same answer
    assert.deepStrictEqual(fsd.parseErrors(read(name).toString()), got)
  })
}

// The WebAssembly build is the same parser: same fields on every format.
for (const name of Object.keys(EXPECTED)) {
  test(`the WebAssembly parser agrees on ${name}`, () => {
    assert.deepStrictEqual(wasm.parseErrors(read(name)).map(pick), EXPECTED[name])
    if (fsd.native) assert.deepStrictEqual(wasm.parseErrors(read(name)), fsd.parseErrors(read(name)))
  })
}

const SNIPPETS = [
  "Error: EPERM: operation not permitted, rename 'C:\\a' -> 'C:\\b'",
  "[Error: ELOOP: too many symbolic links encountered, stat '/a'] {\n  errno: -40,\n  code: 'ELOOP',\n  syscall: 'stat',\n  path: '/a'\n}",
  "{ errno: -4082, code: 'EBUSY', syscall: 'rmdir', path: '\\\\\\\\srv\\\\share\\\\d' }",
  'npm ERR! path /usr/lib/x\nnpm ERR! code EACCES\nnpm ERR! errno -13\nnpm ERR! syscall mkdir',
  'npm error code EXDEV\nnpm error syscall rename\nnpm error path /tmp/a\nnpm error dest /home/b\nnpm error errno -18',
  '7 error code ENOSPC\n8 error syscall write\n9 error errno -28',
  " ERR_PNPM_EMFILE  EMFILE: too many open files, open '/x'",
  'error An unexpected error occurred: "EACCES: permission denied, mkdir \'/usr/local/share/.cache/yarn\'".',
  "➤ YN0001: │ Error: ENAMETOOLONG: name too long, open '/mnt/c/x'",
  "{ code: 'ERR_INVALID_ARG_TYPE', path: '/x' }\nError: spawn EPERM\n    at x {\n  errno: -4048,\n  code: 'EPERM',\n  syscall: 'spawn'\n}",
  'npm ERR! code ELIFECYCLE\nnpm ERR! errno 2\nnpm ERR! syscall spawn\n',
  "{ errno: 53, syscall: 'rmdir', path: '/x' }"
]

test('the WebAssembly parser matches the addon on short snippets', { skip: !fsd.native && 'native addon not built' }, () => {
  for (const s of SNIPPETS) {
    const want = fsd.parseErrors(s)
    assert.ok(want.length > 0 || s.includes('ELIFECYCLE'), s)
    assert.deepStrictEqual(wasm.parseErrors(s), want, s)
  }
})

test('the WebAssembly parser: escapes, UNC, \\\\?\\ and errno-only objects', () => {
  const [e] = wasm.parseErrors("{ errno: -4058, syscall: 'open', path: '\\\\\\\\?\\\\C:\\\\p\\\\\\u00e9.txt' }")
  assert.strictEqual(e.code, 'ENOENT')
  assert.strictEqual(e.path, 'C:\\p\\é.txt')
  assert.strictEqual(e.platform, 'win32')
  assert.deepStrictEqual(wasm.parseErrors('npm ERR! code ELIFECYCLE\nnpm ERR! errno 1\n'), [])
})

test('the WebAssembly parser: linear on a 2 MB line of unterminated messages', () => {
  const t0 = process.hrtime.bigint()
  wasm.parseErrors("EPERM: x, open '".repeat(131072))
  assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 5000)
})

test('parseErrors rejects non-text', () => {
  assert.throws(() => fsd.parseErrors(42), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => fsd.parseErrors(null), { code: 'ERR_INVALID_ARG_TYPE' })
})

const hostile = {
  '1 MB of random bytes': () => crypto.randomBytes(1 << 20),
  'NUL bytes': () => Buffer.from("Error: EPERM: operation not permitted, open 'C:\\a\0b'\0\0\0code: '\0"),
  'lone surrogates in a JS string': () => "Error: EPERM: operation not permitted, open '/x/\ud800y\udc00'\n{ code: 'EBUSY', path: '\\ud800' }",
  'invalid UTF-8 in a Buffer': () => Buffer.concat([Buffer.from("Error: EACCES: permission denied, open '/x/"),
    Buffer.from([0xff, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe2, 0x82]), Buffer.from("'\n")]),
  'an unterminated quote': () => "npm ERR!   path: 'C:\\\\never\\\\closed\nError: EBUSY: resource busy or locked, rmdir '",
  'a 4 MB line': () => 'EPERM: operation not permitted, open '.repeat(110000),
  'many errors': () => Array.from({ length: 3000 }, (_, i) => `Error: EPERM: operation not permitted, open '/x/${i}'`).join('\n')
}

for (const [name, make] of Object.entries(hostile)) {
  test(`hostile input: ${name}`, { skip: !fsd.native && 'native addon not built' }, () => {
    const input = make()
    for (const parse of [fsd.parseErrors, wasm.parseErrors]) {
      const got = parse(input)
      assert.ok(Array.isArray(got) && got.length <= 1000)
      for (const e of got) {
        assert.match(e.code, /^(E[A-Z0-9]+|UNKNOWN)$/)
        for (const k of ['syscall', 'path', 'dest', 'message']) {
          if (e[k] === null) continue
          assert.strictEqual(typeof e[k], 'string')
          assert.ok(!e[k].includes('\0'), `${k} has NUL`)
          assert.strictEqual(Buffer.from(e[k]).toString(), e[k], `${k} is not well-formed`)
          assert.ok(!/[\uD800-\uDFFF]/.test(e[k].replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')), `${k} has a lone surrogate`)
        }
      }
    }
  })
}

test('hostile input: entries are capped at 1000', { skip: !fsd.native && 'native addon not built' }, () => {
  assert.strictEqual(fsd.parseErrors(hostile['many errors']()).length, 1000)
})

test('10 MB log parses in well under a second', { skip: !fsd.native && 'native addon not built' }, () => {
  const block = Object.keys(EXPECTED).map((n) => read(n).toString()).join('\n')
  const noise = Array.from({ length: 3000 }, (_, i) => `${i} verbose reify node_modules/pkg-${i} path: x E${i} '${'y'.repeat(i % 90)}`).join('\n')
  let text = ''
  while (text.length < 10 * 1024 * 1024) text += noise + '\n' + block + '\n'
  const buf = Buffer.from(text.slice(0, 10 * 1024 * 1024))
  // CPU time, not wall time: the machine may be busy with other work.
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  const got = fsd.parseErrors(buf)
  const wall = Number(process.hrtime.bigint() - t0) / 1e6
  const c1 = process.cpuUsage(c0)
  const ms = (c1.user + c1.system) / 1000
  assert.ok(got.length > 100)
  assert.ok(ms < 1000, `took ${ms} ms of CPU`)
  // Reported so the number can be quoted: `node --test test/parse.test.js`.
  console.log(`# 10 MB parsed in ${ms.toFixed(1)} ms CPU (${wall.toFixed(1)} ms wall), ${got.length} entries`)
})
