'use strict'
// Classes read from round 27's misses (z33: Windows developer tools from
// 2024 on; z34: macOS and Linux desktop apps, editors and AI tools from 2024
// on). Texts are written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

test("pnpm's move-aside of an entry of its layout on another drive: a drive that cannot hold its links", () => {
  const r = first(" ERR_PNPM_ENOENT  ENOENT: no such file or directory, rename 'E:\\p\\node_modules\\.pnpm\\a@1.0.0\\node_modules\\globals' -> 'E:\\p\\node_modules\\.pnpm\\a@1.0.0\\node_modules\\.ignored_globals'", 'win32')
  assert.equal(r.d.causes[0].id, 'fs-no-symlinks', ids(r.d))
  assert.ok(r.d.causes[0].confidence < 0.9)
  // pnpm's own fix and an inspect of the drive, never npm's flags
  assert.ok(commands(r.d).includes('Get-Volume -DriveLetter E'), commands(r.d).join('\n'))
  assert.ok(!commands(r.d).some((c) => /npm install/.test(c)), commands(r.d).join('\n'))
  assert.match(r.d.causes[0].fixes.map((f) => f.text).join(' '), /node-linker=hoisted/)
  // drive C: is less telling, and npm's own renames are not pnpm's
  const c = first(" ERR_PNPM_ENOENT  ENOENT: no such file or directory, rename 'C:\\p\\node_modules\\.pnpm\\a@1.0.0\\node_modules\\globals' -> 'C:\\p\\node_modules\\.pnpm\\a@1.0.0\\node_modules\\.ignored_globals'", 'win32')
  const fc = c.d.causes.find((x) => x.id === 'fs-no-symlinks')
  assert.ok(fc && fc.confidence < 0.6, ids(c.d))
  const npm = first("npm ERR! ENOENT: no such file or directory, rename 'E:\\p\\node_modules\\a' -> 'E:\\p\\node_modules\\.a-x1'", 'win32')
  assert.notEqual(npm.d.causes[0].id, 'fs-no-symlinks', ids(npm.d))
})

test('a path that opens a line before the tool\'s words is its path (git\'s read-only objects)', () => {
  const r = first('repo/.git/objects/00/4fb8bdf7cf90c933b6f47d459a99c1f3d57627: unable to remove file: Access is denied.', 'win32')
  assert.equal(r.e.path, 'repo/.git/objects/00/4fb8bdf7cf90c933b6f47d459a99c1f3d57627')
  assert.equal(r.d.causes[0].id, 'readonly-attribute', ids(r.d))
  // a drive alone is no path, nor a word
  assert.equal(first('C: unable to remove file: Access is denied.', 'win32').e.path, null)
})

test('the Nix store is nobody\'s to write: mode bits by design, no owner to take back', () => {
  const r = first("[ERROR] Failed to write file atomically: Error: EACCES: permission denied, open '/nix/store/abc-home-manager-files/.claude.json.tmp.1'", 'linux')
  assert.equal(r.d.causes[0].id, 'permission-denied', ids(r.d))
  assert.match(r.d.causes[0].detail, /Nix store/)
  for (const cmd of commands(r.d)) assert.doesNotMatch(cmd, /chown|chmod/, cmd)
})

test('a second review: readers that must not fire, and what they must still read', () => {
  const fsdoctor = require('..')
  const read = (t) => fsdoctor.parseErrors(t).map((e) => [e.code, e.syscall, e.path || null])
  // a leading token is a path only before a tool's words of failing: not a
  // compiler's location, a date, a URL, "TCP/IP"
  for (const t of ['src/a.c:12:5: error: Access is denied.', '12/05/2024: Access is denied.', 'TCP/IP: Access is denied.',
    'https://x: Access is denied.', 'cmd/app/main.go:42: write failed: no space left on device']) assert.equal(read(t)[0][2], null, t)
  // and the quoted path after [WinError N] wins over a leading token
  assert.equal(read("tools/build.py: OSError: [WinError 1224] The requested operation cannot be performed on a file with a user-mapped section open: 'C:\\\\proj\\\\out.dll'")[0][2], 'C:\\proj\\out.dll')
  // bracketed hex numbers only on a failing line; "failed with 0x..."
  assert.deepEqual(read('thread [0x00000020] started worker'), [])
  assert.deepEqual(read('DeleteFile failed with 0x00000020'), [['EBUSY', null, null]])
  // a ruler is no comparison
  assert.deepEqual(read('===== Copy failed: ERROR_ACCESS_DENIED ====='), [['EPERM', null, null]])
  assert.deepEqual(read('if (GetLastError() == ERROR_FILE_NOT_FOUND) fail();'), [])
  // "file system" in two words
  assert.deepEqual(read('error: the file system does not support symbolic links'), [['EOPNOTSUPP', 'symlink', null]])
  // a word ending a phrase after spawn is no program; "spawn git ENOENT" still names git
  assert.deepEqual(read('spawn error: EACCES permission denied'), [['EACCES', 'spawn', null]])
  assert.deepEqual(read('Error: spawn git ENOENT'), [['ENOENT', 'spawn', 'git']])
  // two absolute paths after exec are two, not one with a blank
  assert.equal(read('exec /bin/sh /tmp/x: permission denied')[0][2], '/bin/sh')
  // a wrapped name alone on its line, never a URL
  assert.deepEqual(read("Error: EACCES: permission denied, mkdir\n'node_modules'"), [['EACCES', 'mkdir', 'node_modules']])
  assert.deepEqual(read("Error: EACCES: permission denied, mkdir\n'https://example.com/a' failed"), [['EACCES', 'mkdir', null]])
})

test('a second review: rules that crashed or overreached', () => {
  const fsdoctor = require('..')
  // a pnpm destination with no path diagnoses, no crash
  const d = fsdoctor.diagnoseSync(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'rename', dest: 'E:\\p\\node_modules\\.pnpm\\a@1\\node_modules\\.ignored_g' }), { platform: 'win32', live: false })
  assert.ok(d.causes.length > 0)
  // .NET's upper-case extension is a file's
  const up = first("System.UnauthorizedAccessException: Access to the path 'C:\\Users\\u\\Documents\\REPORT.TXT' is denied.", 'win32')
  assert.equal(up.d.causes[0].id, 'readonly-attribute', ids(up.d))
  // an smb:// URL names a share; smb.conf does not
  const smb = first("Error: EACCES: permission denied, open '/Volumes/share/x.txt' (share mounted from smb://nas/share)", 'darwin')
  assert.equal(smb.d.causes[0].id, 'network-fs', ids(smb.d))
  const conf = first("Error: EPERM: operation not permitted, chmod '/media/u/USBSTICK/x.sh' while sharing it via smb.conf", 'linux')
  assert.equal(conf.d.causes[0].id, 'fs-no-permissions', ids(conf.d))
  // the Nix store's write rule is not an exec's nor a read's
  for (const t of ['Error: spawn /nix/store/abc-foo-1.0/bin/foo EACCES', "Error: EACCES: permission denied, scandir '/nix/store/.links'"]) {
    const r = first(t, 'linux')
    assert.ok(!r.d.causes.some((c) => /Nix store/.test(c.detail || '')), ids(r.d))
  }
})

test("npm's moved-aside name with its random part written as X's is still a leftover", () => {
  const r = first('npm error code ENOTEMPTY\nnpm error syscall rename\nnpm error path /home/u/.nvm/versions/node/v20.19.5/lib/node_modules/@anthropic-ai/claude-code\nnpm error dest /home/u/.nvm/versions/node/v20.19.5/lib/node_modules/@anthropic-ai/.claude-code-XXXXX\nnpm error errno -39', 'linux')
  assert.equal(r.d.causes[0].id, 'install-leftover', ids(r.d))
  // a global package directory: inspected, never removed by a command
  for (const cmd of commands(r.d)) assert.doesNotMatch(cmd, /\brm\b|Remove-Item|rmdir/, cmd)
  // a name that merely ends in a word of capitals is none ("-X" is too short, "-XL" not all X)
  const x = first("npm error code ENOTEMPTY\nnpm error syscall rename\nnpm error path /p/node_modules/a\nnpm error dest /p/node_modules/.size-XL", 'linux')
  assert.notEqual(x.d.causes[0].id, 'install-leftover', ids(x.d))
})

test('round 28: on WSL, EPERM from a relative symlink is most often a project on a Windows drive', () => {
  const fsdoctor = require('..')
  const t = 'Error:\nsymlink(_build/install/default/lib/FrontC/opam): Operation not permitted\n-> required by _build/default/FrontC.install'
  const e = fsdoctor.parseErrors(t)[0]
  const wsl = fsdoctor.diagnoseSync(e, { live: false, context: t, platform: 'wsl' })
  assert.equal(wsl.causes[0].id, 'wsl-windows-mount', ids(wsl))
  assert.ok(wsl.causes.slice(0, 3).some((c) => c.id === 'fs-no-symlinks'), ids(wsl))
  // plain Linux keeps the filesystem first; an absolute Linux path on WSL is no Windows drive
  const lin = fsdoctor.diagnoseSync(e, { live: false, context: t, platform: 'linux' })
  assert.equal(lin.causes[0].id, 'fs-no-symlinks', ids(lin))
  const abs = fsdoctor.diagnoseSync({ code: 'EPERM', syscall: 'symlink', path: '/home/u/p/link' }, { live: false, platform: 'wsl' })
  assert.notEqual(abs.causes[0].id, 'wsl-windows-mount', ids(abs))
})
