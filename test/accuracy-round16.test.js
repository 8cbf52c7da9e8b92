'use strict'
// Classes read from round 16's misses (z11: build tools outside JavaScript;
// z12: desktop apps, editors, monorepo tools), each as a mechanism: the
// texts here are written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')
const fsdoctor = require('..')

const { first, ids } = require('./helpers/paste')

test("strerror words that are prose elsewhere are read only where strerror stands", () => {
  const a = first("Error: [Errno 71] Protocol error: '/home/u/proj/env/bin/python'")
  assert.equal(a.e.code, 'EPROTO')
  assert.equal(a.e.path, '/home/u/proj/env/bin/python')
  const b = first("ln: failed to create symbolic link 'linux-headers/asm': Operation not supported")
  assert.equal(b.e.code, 'EOPNOTSUPP')
  assert.equal(b.e.syscall, 'symlink')
  assert.equal(b.d.causes[0].id, 'fs-no-symlinks', ids(b.d))
  for (const prose of ['the server answered with an HTTP protocol error and closed the stream',
    'Warning: operation not supported by this plugin version, skipping the step']) {
    assert.equal(fsdoctor.parseErrors(prose).length, 0, prose)
  }
})

test("Python's two paths: a relative target and an absolute new name is a symlink, two absolute names a rename", () => {
  const a = first("Error: [Errno 1] Operation not permitted: 'lib' -> '/media/sf_share/app/env/lib64'")
  assert.equal(a.e.syscall, 'symlink')
  assert.equal(a.d.causes[0].id, 'fs-no-symlinks', ids(a.d))
  assert.ok(a.d.causes[0].confidence < 0.9)
  const b = first("PermissionError: [Errno 13] Permission denied: '/srv/app/a.tmp' -> '/srv/app/a.db'")
  assert.equal(b.e.syscall, 'rename')
  const c = first("OSError: [Errno 95] Operation not supported: 'lib' -> '/data/venv/lib64'")
  assert.equal(c.e.syscall, 'symlink')
})

test('a traceback names the call on the line above the exception', () => {
  const text = [
    '  File "/usr/lib/python3/dist-packages/virtualenv.py", line 351, in copyfile',
    '    os.symlink(srcpath, dest)',
    "OSError: [Errno 30] Read-only file system: '/usr/lib/python3/x' -> '/media/sf_git/proj/venv/lib/x'"
  ].join('\n')
  const { e, d } = first(text, 'linux')
  assert.equal(e.syscall, 'symlink')
  assert.equal(d.causes[0].id, 'fs-no-symlinks', ids(d))
  // only the line right above: a call three lines up says nothing
  const far = ['os.symlink(a, b)', 'something else', 'more', "OSError: [Errno 13] Permission denied: '/srv/x'"].join('\n')
  assert.notEqual(fsdoctor.parseErrors(far)[0].syscall, 'symlink')
})

test("hard links: nix's 'creating hard link', OneDrive's error 396", () => {
  const a = first('error: creating hard link from "/nix/store/.links/abc" to "/nix/store/xyz-pkg/bin/tool": Operation not permitted', 'linux')
  assert.equal(a.e.syscall, 'link')
  assert.ok(a.d.causes.slice(0, 3).some((c) => c.id === 'fs-no-hardlinks'), ids(a.d))
  const b = first([
    'error: Failed to install: pkg-1.0-py3-none-any.whl',
    '  Caused by: failed to hardlink file from C:\\Users\\u\\AppData\\Local\\uv\\cache\\a.py to C:\\Users\\u\\OneDrive\\proj\\.venv\\a.py',
    '  Caused by: The cloud operation cannot be performed on a file with incompatible hardlinks. (os error 396)'
  ].join('\n'))
  assert.equal(b.e.platform, 'win32')
  assert.equal(b.e.syscall, 'link')
  assert.equal(b.d.causes[0].id, 'fs-no-hardlinks', ids(b.d))
  assert.match(b.d.causes[0].detail, /OneDrive|396/)
})

test(".NET's DirectoryNotFoundException through /proc/<pid>/root is a walk from /, not a copy into itself", () => {
  const loop = '/proc/47/root/'.repeat(12) + 'proc/47/fd/99'
  const { e, d } = first(`error: Could not find a part of the path '${loop}'.`, 'linux')
  assert.equal(e.code, 'ENOENT')
  assert.equal(d.causes[0].id, 'walk-outside-project', ids(d))
  assert.ok(!d.causes.slice(0, 1).some((c) => c.id === 'copy-into-itself'))
  const f = first("System.IO.FileNotFoundException: Could not find file '/app/appsettings.json'.", 'linux')
  assert.equal(f.e.code, 'ENOENT')
  assert.equal(f.e.path, '/app/appsettings.json')
})

test('WSL: a refused rename the log describes in words is a held folder first', () => {
  const { d } = first('Renaming a folder open in the editor fails: mv a b gives Permission denied', 'wsl')
  assert.equal(d.causes[0].id, 'file-locked', ids(d))
  // a denial with no rename anywhere stays a permission question
  const other = first('cat: /home/u/secret: Permission denied', 'wsl')
  assert.notEqual(other.d.causes[0].id, 'file-locked')
})

test('a strerror a terminal wrapped, with the blanks of the next line, still reads', () => {
  const e = fsdoctor.parseErrors('Step 3/9 : COPY . .\nERROR: failed to build: open /app/node_modules/x/data.json: no space left on\n   device')[0]
  assert.ok(e)
  assert.equal(e.code, 'ENOSPC')
  assert.equal(e.path, '/app/node_modules/x/data.json')
})
