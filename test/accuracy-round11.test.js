'use strict'
// The classes read from round 11's misses (test/corpus/z.jsonl, zz.jsonl),
// each on the shape of text real threads pasted, so a change that loses
// one fails here by name.
const test = require('node:test')
const assert = require('node:assert')
const fsd = require('..')

const ids = (d) => d.causes.map((c) => c.id)
const text = (input, opts) => fsd.diagnoseSync(input, { live: false, ...opts })
const cause = (d, id) => d.causes.find((c) => c.id === id)
const commands = (c) => c.fixes.flatMap((f) => f.commands)

test('a Linux shell running the Windows npm script in WSL (dash\'s "Syntax error"), read as wsl-mixed-node', () => {
  const paste = ': not foundram Files/nodejs/npm: 3:\n: not foundram Files/nodejs/npm: 5:\n' +
    '/mnt/c/Program Files/nodejs/npm: 6: Syntax error: word unexpected (expecting "in")'
  const errs = fsd.parseErrors(paste)
  assert.strictEqual(errs[0].code, 'UNKNOWN')
  assert.strictEqual(errs[0].path, '/mnt/c/Program Files/nodejs/npm')
  assert.strictEqual(ids(text(paste, { platform: 'wsl' }))[0], 'wsl-mixed-node')
  // the same shape of a script of one's own is read, and names it
  assert.strictEqual(fsd.parseErrors('/home/u/run.sh: 2: foo: not found')[0].path, '/home/u/run.sh')
  // a line that only has a number after a colon is not a shell's error
  assert.deepStrictEqual(fsd.parseErrors('/srv/app/log: 3: started fine'), [])
})

test('cmd.exe started in a \\\\wsl.localhost directory: "UNC paths are not supported" alone is read', () => {
  const paste = "'\\\\wsl.localhost\\Ubuntu\\home\\me\\app'\nCMD.EXE was started with the above path as the current directory.\nUNC paths are not supported.  Defaulting to Windows directory."
  const d = text(paste, { platform: 'wsl' })
  assert.strictEqual(d.code, 'UNKNOWN')
  assert.strictEqual(ids(d)[0], 'wsl-mixed-node')
})

test('nvm-windows\' "exit status N:" in any code page, after nvm use, is the symlink it makes', () => {
  for (const paste of ['$ nvm use 18.0.0\nexit status 5: Acc\ufffds refus\ufffd.\nexit status 1: Impossible',
    'D:\\Tools\\nvm>nvm use 14.19.0\nexit status 1: Access denied']) {
    const d = text(paste, { platform: 'win32' })
    assert.strictEqual(ids(d)[0], 'symlink-privilege', paste)
    assert.ok(d.causes[0].confidence < 0.9)
  }
  // without nvm, an exit status is only an UNKNOWN failure
  const plain = text('exit status 2: build failed', { platform: 'win32' })
  assert.strictEqual(plain.code, 'UNKNOWN')
  assert.ok(!ids(plain).includes('symlink-privilege'))
  assert.deepStrictEqual(fsd.parseErrors('the process ended with exit status 1: done'), [])
})

test('Windows EPERM renaming a directory onto a directory: dir-not-empty in the top three, inspect-only', () => {
  const paste = "Error: EPERM: operation not permitted, rename 'C:\\Users\\me\\site\\_site' -> 'C:\\Users\\me\\site\\.11ty-vite'"
  const d = text(paste, { platform: 'win32' })
  assert.ok(ids(d).slice(0, 3).includes('dir-not-empty'), ids(d).join())
  const c = cause(d, 'dir-not-empty')
  assert.match(c.detail, /cannot replace a directory/)
  for (const cmd of commands(c)) assert.match(cmd, /^(Get-ChildItem|dir) /, cmd)
  // a file's rename (write-file-atomic's temp file) is not read so
  const file = text("Error: EPERM: operation not permitted, rename 'C:\\p\\package.json.2303763337' -> 'C:\\p\\package.json'", { platform: 'win32' })
  assert.ok(!ids(file).includes('dir-not-empty'), ids(file).join())
  // nor on Linux, where rename replaces an empty directory
  assert.ok(!ids(text("Error: EPERM: operation not permitted, rename '/p/_site' -> '/p/.out'", { platform: 'linux' })).includes('dir-not-empty'))
})

// Session 13 turned the order: every such name in the corpus's Windows
// threads (24 of 24) was an npm-installed .cmd, none a missing program.
test('Windows spawn of a bare command name: an npm-installed .cmd comes before a missing program', () => {
  const d = text('Error: spawn formatjs ENOENT\n    at Process.ChildProcess._handle.onexit', { platform: 'win32' })
  assert.deepStrictEqual(ids(d).slice(0, 2), ['shim-without-shell', 'missing-path'])
  assert.ok(commands(cause(d, 'shim-without-shell')).includes('where formatjs'))
  // a program Windows or a toolchain ships as an .exe is not a shim
  assert.ok(!ids(text('Error: spawn git ENOENT', { platform: 'win32' })).includes('shim-without-shell'))
  assert.ok(!ids(text('Error: spawn formatjs ENOENT', { platform: 'linux' })).includes('shim-without-shell'))
})

test('a container with a read-only root filesystem: a write outside its volumes, even as ENOENT', () => {
  const paste = 'docker run -v ./data:/home/node/.n8n --read-only -it n8nio/n8n\nError: ENOENT: no such file or directory, mkdir \'/home/node/.cache\''
  assert.strictEqual(ids(text(paste, { platform: 'linux' }))[0], 'read-only-fs')
  assert.strictEqual(ids(text("Error: ENOENT: no such file or directory, mkdir '/home/node/.cache'", { platform: 'linux' }))[0], 'missing-path')
  // a read of a missing file is not the read-only root's
  assert.notStrictEqual(ids(text("docker run --read-only x\nError: ENOENT: no such file or directory, stat '/app/x.json'", { platform: 'linux' }))[0], 'read-only-fs')
})

test('Node\'s "Cannot find module" of an absolute path is ENOENT of that file; past 260 characters on Windows, the path is too long', () => {
  const long = 'C:/Users/k/git/app/' + 'node_modules/deeply-nested-package/'.repeat(8) + 'index.js'
  assert.ok(long.length > 260)
  const d = text(`Error: Cannot find module '${long}'\n    at Function.Module._resolveFilename (module.js:332:15)`, { platform: 'win32' })
  assert.strictEqual(d.code, 'ENOENT')
  assert.strictEqual(ids(d)[0], 'path-too-long')
  // a package name is no path
  assert.deepStrictEqual(fsd.parseErrors("Error: Cannot find module 'express'"), [])
})

test('Windows mkdir of a drive root (EPERM): the tool\'s own call, said first, no command to run', () => {
  for (const input of ["npm error Error: EPERM: operation not permitted, mkdir 'D:\\'",
    { code: 'EPERM', syscall: 'mkdir', path: 'd:\\' }]) {
    const d = text(input, { platform: 'win32' })
    assert.strictEqual(ids(d)[0], 'unknown', JSON.stringify(input))
    assert.match(d.causes[0].detail, /drive's root/)
    assert.deepStrictEqual(commands(d.causes[0]), [])
    assert.match(d.causes[0].fixes[0].text, /Run it from a folder/)
    // the usual causes still follow
    assert.ok(ids(d).includes('file-locked'))
  }
  // a folder on the drive is no root; nor is a POSIX path
  assert.notStrictEqual(ids(text("Error: EPERM: operation not permitted, mkdir 'D:\\proj'", { platform: 'win32' }))[0], 'unknown')
  assert.notStrictEqual(ids(text("Error: EACCES: permission denied, mkdir '/'", { platform: 'linux' }))[0], 'unknown')
})

test('a Windows path that names a drive twice is the tool\'s join, said first; a single drive is not', () => {
  const d = text("[Error: ENOENT: no such file or directory, mkdir 'E:\\E:\\windows\\site\\public']", { platform: 'win32' })
  assert.strictEqual(ids(d)[0], 'unknown')
  assert.strictEqual(d.causes[0].evidence.secondDrive, true)
  assert.match(d.causes[0].fixes[0].text, /names a drive twice/)
  assert.ok(ids(d).includes('missing-path'))
  const one = text("Error: ENOENT: no such file or directory, mkdir 'E:\\windows\\site\\public'", { platform: 'win32' })
  assert.strictEqual(ids(one)[0], 'missing-path')
})

test('fs.watch EPERM under WSL is WSL 1\'s inotify, not the files\' permissions', () => {
  const d = text('[nodemon] Internal watch failed: watch /home/me/app/server.js EPERM', { platform: 'wsl' })
  assert.strictEqual(ids(d)[0], 'unknown')
  assert.match(d.causes[0].detail, /WSL 1/)
  assert.ok(d.causes[0].confidence < 0.9)
  // on Linux the same words are the permissions'
  assert.notStrictEqual(ids(text('[nodemon] Internal watch failed: watch /home/me/app/server.js EPERM', { platform: 'linux' }))[0], 'unknown')
})

test('review: lines that only look like a script\'s failure, or nvm near another error, are not read as one', () => {
  // a shell's -c line: a command not installed, no file's error
  assert.deepStrictEqual(fsd.parseErrors('sh: 1: react-scripts: not found\n/bin/sh: 1: react-scripts: not found'), [])
  assert.deepStrictEqual(fsd.parseErrors('/bin/bash: 3: Syntax error: "(" unexpected'), [])
  assert.deepStrictEqual(fsd.parseErrors('/home/u/build.log: 3: warning not found in cache'), [])
  // nvm use near an UNC failure, or nvm install's own exit status: no symlink guess
  assert.ok(!ids(text("C:\\> nvm use 18\n'\\\\wsl$\\Ubuntu\\x'\nUNC paths are not supported.  Defaulting to Windows directory.", { platform: 'win32' })).includes('symlink-privilege'))
  assert.ok(!ids(text("nvm install 20\nexit status 1: 'curl' is not recognized", { platform: 'win32' })).includes('symlink-privilege'))
  // another flag that starts with --read-only is not the container's
  assert.ok(!ids(text("tool --read-only-cache\nError: ENOENT: no such file or directory, mkdir '/home/node/.cache'", { platform: 'linux' })).includes('read-only-fs'))
  const ro = cause(text("docker run --read-only img\nError: ENOENT: no such file or directory, mkdir '/home/node/.cache'", { platform: 'linux' }), 'read-only-fs')
  assert.match(ro.fixes[0].text, /--tmpfs|volume/)
  assert.ok(!commands(ro).some((x) => /remount/.test(x)), commands(ro).join('\n'))
})

test('review: env\'s program name is no path, so no command looks for it in the working directory', () => {
  for (const t of ["/usr/bin/env: 'bash\\r': No such file or directory", 'Error: spawn git ENOENT']) {
    const d = text(t, { platform: 'linux' })
    for (const c of d.causes) {
      for (const cmd of commands(c)) assert.match(cmd, /^(command -v -- |printenv PATH)/, `${t}: ${cmd}`)
    }
  }
})

test('round 12: a macOS .app bundle spawned (EACCES) is a directory, not a permission', () => {
  const d = text('Error: Failed to launch the browser process! spawn /Applications/Chromium.app EACCES', { platform: 'darwin' })
  assert.strictEqual(ids(d)[0], 'wrong-file-type')
  assert.match(d.causes[0].detail, /Contents\/MacOS/)
  assert.notStrictEqual(ids(text('Error: spawn /opt/app/bin/tool EACCES', { platform: 'linux' }))[0], 'wrong-file-type')
  // only macOS has bundles; a bare name is looked up on PATH, not a path
  assert.notStrictEqual(ids(text('Error: spawn /opt/tools/run.app EACCES', { platform: 'linux' }))[0], 'wrong-file-type')
  assert.notStrictEqual(ids(text('Error: spawn foo.app EACCES', { platform: 'darwin' }))[0], 'wrong-file-type')
})

test('round 12: a walk that reached //proc (a root joined with /proc) is walk-outside-project, for EINVAL too', () => {
  const d = text("AggregateError: Failed to initialize projects.\n  [Error: EINVAL: invalid argument, scandir '//proc/2379/net']", { platform: 'linux' })
  assert.strictEqual(ids(d)[0], 'walk-outside-project')
  // on Windows "//dev/share" is a server's share, not /dev
  const unc = text("Error: EPERM: operation not permitted, scandir '//dev/share/proj/node_modules/.cache'", { platform: 'win32' })
  assert.notStrictEqual(ids(unc)[0], 'walk-outside-project', ids(unc).join())
})

test('round 12: MSBuild\'s "The file is locked by:" is EBUSY, and the holder it names is no path', () => {
  const errs = fsd.parseErrors('error MSB3027: Could not copy "obj\\a.dll" to "bin\\a.dll".\nThe file is locked by: "Code.exe (12345)"')
  const e = errs.find((x) => x.code === 'EBUSY')
  assert.ok(e, JSON.stringify(errs))
  assert.strictEqual(e.path, null)
  // the same words in ordinary prose are no error
  assert.deepStrictEqual(fsd.parseErrors('Cannot save /home/u/doc.odt: the file is locked by another user'), [])
})
