'use strict'
// The classes of issue 14's second round, each on the shape of text real
// threads pasted (test/corpus/ holds the threads; these pin the mechanism,
// so a change that loses one fails here with its name, not as a figure).
const test = require('node:test')
const assert = require('node:assert')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const fsd = require('..')
const { contextOf } = require('../lib/cli/report')

const root = path.join(__dirname, '..')
const ids = (d) => d.causes.map((c) => c.id)
const text = (input, opts) => fsd.diagnoseSync(input, { live: false, ...opts })
const cause = (d, id) => d.causes.find((c) => c.id === id)
const commands = (c) => c.fixes.flatMap((f) => f.commands.map((x) => x.command || x))

test('options.context: checked, read by text-only rules, pasted text is its own', () => {
  assert.throws(() => fsd.diagnoseSync({ code: 'EACCES' }, { context: 5 }), { code: 'ERR_INVALID_ARG_TYPE' })
  const err = { code: 'EACCES', syscall: 'mkdir', path: '/srv-data/app/node_modules' }
  const plain = cause(text(err, { platform: 'linux' }), 'wrong-owner')
  assert.doesNotMatch(plain.detail, /container/)
  for (const context of ['root@2d68975f51d5:/app# npm install', Buffer.from('docker compose run web npm i')]) {
    const d = text(err, { platform: 'linux', context })
    assert.strictEqual(ids(d)[0], 'wrong-owner', String(context))
    // A container's fix compares uids; it never re-owns from a text guess.
    const w = cause(d, 'wrong-owner')
    assert.ok(w.confidence > plain.confidence)
    assert.match(w.detail, /container/)
    assert.deepStrictEqual(commands(w), ['ls -lnd -- /srv-data/app/node_modules', 'id'])
  }
  // The same words in pasted text count as its context.
  const pasted = fsd.diagnoseSync("root@2d68975f51d5:/app# npm i\nError: EACCES: permission denied, mkdir '/srv-data/app/node_modules'", { live: false, platform: 'linux' })
  assert.strictEqual(ids(pasted)[0], 'wrong-owner')
})

test('a text-only answer lists the code\'s usual causes, marked, and no "unknown" then', () => {
  const d = text({ code: 'EPERM', syscall: 'fsync', path: 'C:\\p\\x' }, { platform: 'win32' })
  assert.deepStrictEqual(ids(d), ['file-locked', 'readonly-attribute', 'permission-denied'])
  for (const c of d.causes) {
    assert.strictEqual(c.evidence.usualCause, true, c.id)
    assert.ok(c.confidence <= 0.2, `${c.id} ${c.confidence}`)
  }
  // Where rules spoke, they lead and the usual causes only fill.
  const r = text({ code: 'ENOSPC', syscall: 'watch', path: '/home/u/p' }, { platform: 'linux' })
  assert.strictEqual(ids(r)[0], 'watcher-limit')
  assert.ok(r.causes.length >= 3)
  // A code with no usual causes still says nothing matched.
  assert.deepStrictEqual(ids(text({ code: 'EPIPE', syscall: 'write' }, { platform: 'linux' })), ['unknown'])
})

test('parsing: cut quoted pastes, other scripts, Ruby, .NET, MAX_PATH texts, capitals', () => {
  const one = (t) => {
    const [e] = fsd.parseErrors(t)
    return e && [e.code, e.syscall, e.path]
  }
  const rep = 'dist_electron/linux-unpacked/'.repeat(12)
  // a path the paste cut is marked so ("..."): prose shows it, no command gets it
  assert.deepStrictEqual(one(`"Error: ENAMETOOLONG: name too long, copyfile '/home/d/p/${rep}dis`), ['ENAMETOOLONG', 'copyfile', `/home/d/p/${rep}dis...`])
  assert.deepStrictEqual(one('报错信息：spawn ENAMETOOLONG'), ['ENAMETOOLONG', 'spawn', null])
  assert.deepStrictEqual(one("XMLHttpRequest throws an error  'Spawn  ENAMETOOLONG' on windows"), ['ENAMETOOLONG', 'spawn', null])
  assert.deepStrictEqual(one("rb:59:in `glob': Operation not permitted - /Users/m/Library/Calendars (Errno::EPERM)"), ['EPERM', null, '/Users/m/Library/Calendars'])
  assert.deepStrictEqual(one('> Error: Errno::EPERM: Operation not permitted @ chmod_internal - /data/git/1/'), ['EPERM', 'chmod', '/data/git/1/'])
  assert.deepStrictEqual(one("Error BE0065: BUILD FAILED: Access to the path 'C:\\dev\\a.dll' is denied."), ['EPERM', null, 'C:\\dev\\a.dll'])
  assert.deepStrictEqual(one('Get-ChildItem : The specified path, file name, or both are too long.'), ['ENAMETOOLONG', null, null])
  assert.deepStrictEqual(one('error: unable to create file a/b.js (Filename too long)'), ['ENAMETOOLONG', null, null])
  assert.deepStrictEqual(one('OSERROR: [Errno 24] Too many files open.'), ['EMFILE', null, null])
  assert.deepStrictEqual(one('Failed to watch /var/www; upper limit on inotify watches reached!'), ['ENOSPC', 'watch', null])
  // A whole quoted message that closes is still left to the caller that
  // unescapes it (the JSON form keeps working).
  assert.deepStrictEqual(one('"Error: EPERM: operation not permitted, unlink \'/a/b\'"'), ['EPERM', 'unlink', '/a/b'])
})

test('syscall semantics: a walk repeats through a link, a copy into itself', () => {
  const rep = '/Users/a/p/examples/flow/packages/roles'.repeat(1) + '/examples/flow/packages/roles'.repeat(6)
  assert.strictEqual(ids(text({ code: 'ENAMETOOLONG', syscall: 'stat', path: rep + '/x.css' }, { platform: 'darwin' }))[0], 'symlink-loop')
  assert.strictEqual(ids(text({ code: 'ENAMETOOLONG', syscall: 'copyfile', path: rep + '/x.css' }, { platform: 'darwin' }))[0], 'copy-into-itself')
  // EMFILE that names inotify is the instances limit, on Linux only.
  const ino = { code: 'EMFILE', syscall: 'watch', path: '/home/u/p' }
  const context = 'Failed to initialize inotify: the user limit on the total number of inotify instances has been reached.'
  assert.strictEqual(ids(text(ino, { platform: 'linux', context }))[0], 'watcher-limit')
  assert.strictEqual(ids(text(ino, { platform: 'darwin', context }))[0], 'too-many-open-files')
  // mkdir of node_modules that EEXISTs: something not a directory is there.
  assert.strictEqual(ids(text({ code: 'EEXIST', syscall: 'mkdir', path: '/var/www/r/2017/node_modules' }, { platform: 'darwin' }))[0], 'wrong-file-type')
  // ENAMETOOLONG with no path, in words about a program's arguments.
  assert.strictEqual(ids(text({ code: 'ENAMETOOLONG' }, { platform: 'win32', context: 'invoke a process with very long arguments' }))[0], 'command-too-long')
})

test('Windows: held files behind rmdir ENOTEMPTY, stat and mkdir EPERM; \\\\wsl$; FOUND.000; symlinks in words', () => {
  assert.strictEqual(ids(text({ code: 'ENOTEMPTY', syscall: 'rmdir', path: 'D:\\p\\dist\\pages' }, { platform: 'win32' }))[0], 'file-locked')
  assert.strictEqual(ids(text({ code: 'ENOTEMPTY', syscall: 'rmdir', path: '/p/dist/pages' }, { platform: 'linux' }))[0], 'dir-not-empty')
  for (const syscall of ['stat', 'mkdir']) {
    assert.strictEqual(ids(text({ code: 'EPERM', syscall, path: 'C:\\Users\\u\\p\\dist' }, { platform: 'win32' }))[0], 'file-locked', syscall)
  }
  const unc = "'\\\\wsl$\\Ubuntu\\home\\s\\p'\nCMD.EXE was started with the above path as the current directory.\nUNC paths are not supported.  Defaulting to Windows directory."
  assert.strictEqual(ids(text({ code: 'ENOENT', syscall: 'open', path: 'C:\\Windows\\package.json' }, { platform: 'win32', context: unc }))[0], 'wsl-mixed-node')
  assert.strictEqual(ids(text({ code: 'EPERM', syscall: 'stat', path: 'F:\\found.000' }, { platform: 'win32' }))[0], 'walk-outside-project')
  assert.strictEqual(ids(text({ code: 'EPERM', syscall: 'lstat', path: 'System Volume Information' }, { platform: 'win32' }))[0], 'walk-outside-project')
  assert.strictEqual(ids(text({ code: 'EBUSY', syscall: 'scandir', path: 'c:\\WINDOWS\\system32\\catroot2\\edb.log' }, { platform: 'win32' }))[0], 'walk-outside-project')
  assert.strictEqual(ids(text({ code: 'EPERM', path: 'C:\\Users\\W\\p\\lib' }, { platform: 'win32', context: 'Error creating symlink: Error: EPERM' }))[0], 'symlink-privilege')
  // libuv's UNKNOWN, from an fs error object, on a share or a mapped drive.
  const e = Object.assign(new Error("UNKNOWN: unknown error, open '//foo/bar'"), { code: 'UNKNOWN', errno: -4094, syscall: 'open', path: '//foo/bar' })
  assert.strictEqual(ids(text(e, { platform: 'win32' }))[0], 'network-fs')
  assert.strictEqual(ids(text({ code: 'UNKNOWN', syscall: 'lstat', path: 'Q:\\' }, { platform: 'win32' }))[0], 'network-fs')
  assert.notStrictEqual(ids(text({ code: 'UNKNOWN', syscall: 'lstat', path: 'C:\\' }, { platform: 'win32' }))[0], 'network-fs')
})

test('places: macOS privacy protection, containers, home, servers, system and npm\'s bin', () => {
  const tcc = text({ code: 'EPERM', syscall: 'scandir', path: '/Users/u/Documents/Actual' }, { platform: 'darwin' })
  assert.strictEqual(ids(tcc)[0], 'protected-location')
  const fixes = cause(tcc, 'protected-location').fixes.map((f) => f.text).join('\n')
  assert.match(fixes, /Full Disk Access/)
  assert.doesNotMatch(fixes, /npm's global prefix|System Integrity/)
  const sip = cause(text({ code: 'EPERM', syscall: 'open', path: '/System/Library/x' }, { platform: 'darwin' }), 'protected-location')
  assert.match(sip.fixes.map((f) => f.text).join('\n'), /System Integrity Protection/)
  // A mode change is the owner's: no privacy guess there.
  assert.notStrictEqual(ids(text({ code: 'EPERM', syscall: 'chmod', path: '/Users/u/Documents/x' }, { platform: 'darwin' }))[0], 'protected-location')

  const owner = (p, opts = {}) => ids(text({ code: 'EACCES', syscall: opts.syscall || 'mkdir', path: p, dest: opts.dest }, { platform: 'linux', context: opts.context }))[0]
  assert.strictEqual(owner('/usr/src/app/node_modules'), 'wrong-owner')
  assert.strictEqual(owner('/home/u/Library/Caches/Yarn/v1'), 'wrong-owner')
  assert.strictEqual(owner('/var/www/site'), 'wrong-owner')
  assert.strictEqual(owner('/.npm', { context: 'docker run' }), 'permission-denied')
  assert.strictEqual(owner('log/app.log', { syscall: 'open' }), 'permission-denied')
  // Linux's /etc is root's by its mode bits: permission-denied (no sudo)
  // first, the system place still among the three (session 10: 0 of 14
  // corpus threads on /usr and /etc were a protection of the system's)
  assert.strictEqual(owner('/etc/nginx/conf.d/x.conf', { syscall: 'open' }), 'permission-denied')
  assert.ok(ids(text({ code: 'EACCES', syscall: 'open', path: '/etc/nginx/conf.d/x.conf' }, { platform: 'linux' })).slice(0, 3).includes('protected-location'))
  assert.strictEqual(owner('/home/u/p/cache/a.js', { syscall: 'copyfile', dest: '/home/u/p/dist/a.js' }), 'permission-denied')
  assert.strictEqual(owner('/home/u/p/node_modules/.bin/esbuild', { syscall: 'spawn' }), 'permission-denied')
  // /usr/local/bin is npm's global prefix only with a package manager at work.
  assert.strictEqual(owner('/usr/local/bin/openwork', { syscall: 'unlink', context: 'AppImage auto-update failed' }), 'permission-denied')
  assert.strictEqual(owner('/usr/local/bin/tsc', { syscall: 'unlink', context: 'npm ERR! code EACCES' }), 'global-prefix-not-writable')
  // WSL: chmod on a drive mounted without metadata.
  assert.strictEqual(ids(text({ code: 'EPERM', syscall: 'copyfile', path: '/tmp/s', dest: './d' }, { platform: 'wsl' }))[0], 'wsl-windows-mount')
  // A log that says the directory is a mount point.
  assert.strictEqual(ids(text({ code: 'EBUSY' }, { platform: 'linux', context: '/repo/target is a mountpoint' }))[0], 'mount-point-busy')
})

test('the log\'s own words: ls -l listings, nvm-windows, Vagrant shares, global installs', () => {
  // A listing that shows the user's own entry without its write bit.
  const listing = "dr-xr-x--x 2 johannes johannes 4096 Nov 15 02:12 ./\n-r-xr-x--- 1 johannes johannes  301 Nov 15 02:12 x.d.ts*"
  const err = { code: 'EACCES', syscall: 'unlink', path: '/home/johannes/.cache/yarn/v1/npm-x/src/x.d.ts' }
  assert.strictEqual(ids(text(err, { platform: 'linux' }))[0], 'wrong-owner')
  assert.strictEqual(ids(text(err, { platform: 'linux', context: listing }))[0], 'permission-denied')
  // Another owner in the listing leaves the owner question open.
  assert.strictEqual(ids(text(err, { platform: 'linux', context: listing.replace(/johannes johannes/g, 'root root') }))[0], 'wrong-owner')
  // nvm-windows switches versions with a symlink.
  assert.strictEqual(ids(text({ code: 'EPERM' }, { platform: 'win32', context: '> nvm use 16.14.0\nexit status 1: Access is denied.' }))[0], 'symlink-privilege')
  // libuv's UNKNOWN from symlink() in a Vagrant share.
  assert.strictEqual(ids(text({ code: 'UNKNOWN', syscall: 'symlink', path: '../strip-ansi/cli.js' }, { platform: 'linux', context: '/vagrant$ npm install' }))[0], 'fs-no-symlinks')
  // /usr/local is not a system place; a package manager's folder in it is the prefix's.
  assert.strictEqual(ids(text({ code: 'EACCES', syscall: 'mkdir', path: '/usr/local/nvm' }, { platform: 'darwin' }))[0], 'permission-denied')
  assert.strictEqual(ids(text({ code: 'EACCES', syscall: 'mkdir', path: '/usr/local/pnpm-global' }, { platform: 'darwin', context: '$ pnpm install -g pnpm' }))[0], 'global-prefix-not-writable')
  assert.strictEqual(ids(text({ code: 'EPERM' }, { platform: 'win32', context: '> corepack enable\nInternal Error: EPERM ....' }))[0], 'global-prefix-not-writable')
})

test('measurements pasted in the log: df, df -i; calls written with their arguments', () => {
  const top = (ctx) => ids(text({ code: 'ENOSPC' }, { platform: 'linux', context: ctx }))[0]
  const head = 'Filesystem      Size  Used Avail Use% Mounted on\n'
  const ihead = 'Filesystem       Inodes    IUsed  IFree IUse% Mounted on\n'
  assert.strictEqual(top(ihead + '/dev/mapper/root 30736384 30484641 251743 100% /'), 'inodes-exhausted')
  assert.strictEqual(top(head + '/dev/sda1  20G  20G  0 100% /'), 'disk-full')
  // Room everywhere (a snap's image is always full and does not count).
  assert.strictEqual(top(head + '/dev/sda1  20G  2G  18G 10% /\n/dev/loop0  56M  56M  0 100% /snap/core18/1'), 'watcher-limit')
  const [e] = fsd.parseErrors('rsync: delete_file: rmdir(6.5/os/x86_64) failed: Device or resource busy (16)')
  assert.deepStrictEqual([e.code, e.syscall, e.path], ['EBUSY', 'rmdir', '6.5/os/x86_64'])
  const [r] = fsd.parseErrors('PHP Warning:  rename(/h/m/cache/z,/h/m/cache/z-5): Device or resource busy in /x.php')
  assert.deepStrictEqual([r.syscall, r.path, r.dest], ['rename', '/h/m/cache/z', '/h/m/cache/z-5'])
  // Java's ProcessBuilder names the program it could not start.
  const [j] = fsd.parseErrors('PluginException: Cannot run program "/opt/clion/Rider.Backend": error=13, Permission denied')
  assert.deepStrictEqual([j.code, j.syscall, j.path], ['EACCES', 'spawn', '/opt/clion/Rider.Backend'])
  assert.strictEqual(ids(text({ code: j.code, syscall: j.syscall, path: j.path }, { platform: 'linux' }))[0], 'permission-denied')
  // A repeat cut inside its third run.
  assert.strictEqual(ids(text({ code: 'ENAMETOOLONG', syscall: 'mkdir', path: 'cdk.out\\asset.42fc81\\cdk.out\\asset.42fc81\\cdk.out\\asset.42f' }, { platform: 'win32' }))[0], 'copy-into-itself')
  // Root's home and Homebrew's prefix.
  assert.strictEqual(ids(text({ code: 'EACCES', syscall: 'mkdir', path: '/root/.cache/ms-playwright' }, { platform: 'linux' }))[0], 'permission-denied')
  assert.strictEqual(ids(text({ code: 'EACCES', syscall: 'mkdir', path: '/usr/local/Cellar/kf5/5.39.0' }, { platform: 'darwin' }))[0], 'wrong-owner')
  assert.strictEqual(ids(text({ code: 'EACCES', path: '/usr/local/lib/perl5' }, { platform: 'darwin', context: 'Linking /usr/local/Cellar/git/2.6.3... Error: Permission denied - /usr/local/lib/perl5\n==> brew link' }))[0], 'wrong-owner')
})

test('review: paths keep their letters, Ruby paths start as paths, df tables end, cues are commands', () => {
  const one = (t) => {
    const [e] = fsd.parseErrors(t)
    return e && [e.code, e.syscall, e.path, e.dest]
  }
  assert.deepStrictEqual(one('Error: spawn /home/jos\u00e9/app/bin/tool ENOENT'), ['ENOENT', 'spawn', '/home/jos\u00e9/app/bin/tool', null])
  assert.deepStrictEqual(one('No space left on device - see /var/log/x.log for details'), ['ENOSPC', null, null, null])
  assert.deepStrictEqual(one('Permission denied @ rb_file_s_rename - (/a/b, /c/d) (Errno::EACCES)'), ['EACCES', 'rename', '/a/b', '/c/d'])
  // A df table ends at its last row: a later "100%" is not a full disk.
  const df = 'Filesystem      Size  Used Avail Use% Mounted on\n/dev/sda1  20G  8G  12G 40% /\n\ncompiling 100% done'
  assert.notStrictEqual(ids(text({ code: 'ENOSPC' }, { platform: 'linux', context: df }))[0], 'disk-full')
  // "docker" in a path or a package name is no container.
  const w = cause(text({ code: 'EACCES', syscall: 'mkdir', path: '/home/bob/docker-app/node_modules/x' }, { platform: 'linux', context: 'npm i dockerode' }), 'wrong-owner')
  assert.doesNotMatch(w.detail, /container/)
  // Full Disk Access cannot lift System Integrity Protection.
  const sip = cause(text({ code: 'EPERM', syscall: 'mkdir', path: '/System/Library/x' }, { platform: 'darwin', context: 'grant Full Disk Access' }), 'protected-location')
  assert.match(sip.fixes.map((f) => f.text).join('\n'), /System Integrity Protection/)
  // Only usual causes: the summary says so and names them.
  assert.match(text({ code: 'EPERM', syscall: 'stat' }, { platform: 'linux' }).summary, /nothing in the text points to one cause; the usual causes are permission-denied, wrong-owner or immutable-file/)
  // A long context: the engine reads its end, where the error is.
  const long = 'x'.repeat(100000) + '\nroot@2d68975f51d5:/app# npm i'
  assert.match(cause(text({ code: 'EACCES', syscall: 'mkdir', path: '/srv-data/app/node_modules' }, { platform: 'linux', context: long }), 'wrong-owner').detail, /container/)
})

test('explain reads the whole paste; a long log is read around each error', () => {
  const paste = [
    'root@2d68975f51d5:/# su - nodeuser',
    '$ npm install',
    'npm ERR! code EACCES',
    'npm ERR! syscall access',
    'npm ERR! path /opt/node_modules',
    "npm ERR! Error: EACCES: permission denied, access '/opt/node_modules'"
  ].join('\n')
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'fsdoctor.js'), 'explain', '--no-live', '-'], { input: paste, encoding: 'utf8' })
  assert.strictEqual(r.status, 1, r.stderr) // 1: errors explained
  assert.match(r.stdout.split('\n')[0], /container/)
  assert.match(r.stdout, /\[wrong-owner, 60%\]/)

  const lines = []
  for (let i = 1; i <= 20000; i++) lines.push(`line ${i} ` + 'x'.repeat(20))
  const log = lines.join('\n')
  const c = contextOf(log, 10000)
  assert.strictEqual(c.text.length, 64 * 1024)
  assert.ok(c.text.includes('line 10000 '))
  assert.ok(c.text.indexOf('line 10000 ') >= 32 * 1024, 'mostly what came before the error')
  // Errors near each other share a window (the memo measures them once).
  assert.strictEqual(contextOf(log, 10001).at, c.at)
  assert.strictEqual(c.at % (16 * 1024), 0)
  assert.ok(contextOf(log).text.endsWith(lines[lines.length - 1]), 'no line: the end of the log')
  assert.deepStrictEqual(contextOf('short', 3), { text: 'short', at: 0 })
  assert.strictEqual(contextOf('', 1), null)
})

test('the WebAssembly core scores the corpus as the addon does', { skip: !fsd.native && 'addon not built' }, () => {
  const bench = path.join(root, 'bench', 'accuracy.js')
  const run = (env) => {
    const r = spawnSync(process.execPath, [bench, '--json'], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 })
    assert.strictEqual(r.status, 0, r.stderr)
    const j = JSON.parse(r.stdout)
    return { overall: j.overall, misses: j.misses.map((m) => `${m.id} ${m.got.join(',')}`) }
  }
  assert.deepStrictEqual(run({ FSDOCTOR_NO_NATIVE: '1' }), run({}))
})

test('round 6 classes: tools\' wordings, Windows and macOS places, umount', () => {
  const paste = (t, platform) => ids(text(t, { platform, context: t }))
  // npm's global folder on Windows is one the installer may never make:
  // missing, not a dangling link, and the fix creates it
  const pre = text("Error: ENOENT, stat 'C:\\Users\\u\\AppData\\Roaming\\npm'", { platform: 'win32' })
  assert.deepStrictEqual(ids(pre).slice(0, 2), ['missing-path', 'broken-symlink'])
  assert.ok(pre.causes[0].fixes.some((f) => f.commands.some((c) => /New-Item -ItemType Directory/.test(c))))
  // stat of a path written relative to the working directory: run elsewhere
  assert.strictEqual(paste("Error: ENOENT, stat './path/to/file'", 'linux')[0], 'missing-path')
  assert.strictEqual(paste("Error: ENOENT, stat '/home/u/p/node_modules/.bin/x'", 'linux')[0], 'broken-symlink')
  // Windows says EISDIR for a symlink on a drive without reparse points
  assert.strictEqual(paste("npm error EISDIR: illegal operation on a directory, symlink 'E:\\w\\a' -> 'E:\\w\\node_modules\\a'", 'win32')[0], 'fs-no-symlinks')
  // umount refused: something uses the mount; the fix finds it
  const um = text('umount: /mnt/dir: device is busy', { platform: 'linux' })
  assert.strictEqual(um.causes[0].id, 'mount-point-busy')
  assert.ok(um.causes[0].fixes.some((f) => f.commands.includes('fuser -vm /mnt/dir')))
  assert.ok(!um.causes[0].fixes.some((f) => f.commands.some((c) => /umount/.test(c))))
  // old coreutils quote `like this': the path and the call are read
  const rm = fsd.parseErrors("rm: cannot remove `test.ogg': Operation not permitted")[0]
  assert.deepStrictEqual([rm.code, rm.syscall, rm.path], ['EPERM', 'unlink', 'test.ogg'])
  assert.strictEqual(paste("rm: cannot remove `test.ogg': Operation not permitted", 'linux')[0], 'immutable-file')
  // Ruby's "in `mkdir'" still names a call, not a path
  const rb = fsd.parseErrors("fileutils.rb:253:in `mkdir': Too many links @ dir_s_mkdir - /x/y (Errno::EMLINK)")[0]
  assert.deepStrictEqual([rb.syscall, rb.path], ['mkdir', '/x/y'])
  // Python names its call: os.link EPERM is a filesystem without hard links
  assert.strictEqual(paste('os.link(src, dst) - PermissionError: [Errno 1] Operation not permitted', 'linux')[0], 'fs-no-hardlinks')
  // npm's cache handing back an empty entry
  assert.strictEqual(paste('npm ERR! code ENODATA\nnpm ERR! Cache input stream was empty', 'linux')[0], 'corrupted-cache')
  // folders Windows keeps at a drive's root, any drive
  assert.strictEqual(paste("EPERM: operation not permitted, rename 'K:\\System Volume Information' -> 'K:\\x'", 'win32')[0], 'protected-location')
  // macOS privacy: a walk from the home directory, written relative to it
  assert.strictEqual(paste('[error] read_dir "./Library/SafariTechnologyPreview": Operation not permitted (os error 1)', 'darwin')[0], 'protected-location')
})

test('round 7 classes: Win32 error numbers, long command lines, calls named in pasted code', () => {
  const paste = (t, platform) => ids(text(t, { platform, context: t }))
  const one = (t) => { const e = fsd.parseErrors(t)[0]; return e && [e.code, e.syscall, e.platform] }
  // Python and other tools print the Win32 number alone
  assert.deepStrictEqual(one('OSError: [WinError 1314]'), ['EPERM', 'symlink', 'win32'])
  assert.deepStrictEqual(one('Cannot create symlink, error code(1314)'), ['EPERM', 'symlink', 'win32'])
  assert.deepStrictEqual(one('PermissionError: [WinError 32]'), ['EBUSY', null, 'win32'])
  assert.strictEqual(one('[WinError 99999]'), undefined)
  assert.strictEqual(paste('OSError: [WinError 1314]', 'win32')[0], 'symlink-privilege')
  // a command line too long for CreateProcess or cmd.exe
  assert.deepStrictEqual(one('Internal Builder: Cannot run program "gcc": Command line too long').slice(0, 2), ['E2BIG', 'spawn'])
  assert.strictEqual(paste('The command line is too long.', 'win32')[0], 'command-too-long')
  // the program is in the pasted code: Python's subprocess, a refused spawn
  const py = 'subprocess.run(["npm", "install"], cwd=p, check=True)\nFileNotFoundError: [WinError 2] The system cannot find the file specified'
  assert.strictEqual(paste(py, 'win32')[0], 'shim-without-shell')
  assert.strictEqual(paste(py.replace('"npm"', '"git"'), 'win32')[0], 'missing-path')
  assert.strictEqual(paste(py, 'linux')[0], 'missing-path')
  assert.strictEqual(paste("node -e \"require('child_process').spawn('swarm.cmd',[])\"\n# THROW: EINVAL spawn EINVAL", 'win32')[0], 'shim-without-shell')
  // chmod(1) and initdb name the call in words: EPERM there is not the owner
  assert.deepStrictEqual(one("chmod: changing permissions of '/x/y': Operation not permitted").slice(0, 2), ['EPERM', 'chmod'])
  assert.strictEqual(paste('initdb: could not change permissions of directory "/var/lib/pg/main": Operation not permitted', 'linux')[0], 'wrong-owner')
  // old Node's "call path UNKNOWN"; the word alone is no error
  assert.deepStrictEqual(one('Error: watch \\\\srv\\share\\dir UNKNOWN'), ['UNKNOWN', 'watch', 'win32'])
  assert.strictEqual(paste('Error: watch \\\\srv\\share\\dir UNKNOWN', 'win32')[0], 'network-fs')
  assert.strictEqual(fsd.parseErrors('the result was UNKNOWN today').length, 0)
  assert.strictEqual(fsd.parseErrors('Error: open /x/y UNKNOWNS').length, 0)
})

test('review of rounds 6-7: what the new readings must not catch', () => {
  const paste = (t, platform) => ids(text(t, { platform, context: t }))
  const one = (t) => { const e = fsd.parseErrors(t)[0]; return e && [e.code, e.syscall, e.path] }
  // Ruby's frames are code, not paths
  assert.strictEqual(one("app.rb:12:in `initialize': No such file or directory @ rb_sysopen - config.yml (Errno::ENOENT)")[2], null)
  assert.notStrictEqual(one("x.rb:3:in `block in <main>': Permission denied @ rb_sysopen - /srv/log/dev.log")[2], 'block in <main>')
  assert.strictEqual(one("x.rb:3:in `block in <main>': Permission denied @ rb_sysopen - /srv/log/dev.log")[2], '/srv/log/dev.log')
  // an exit status after "error code(" is no Win32 error; 1314 is
  assert.strictEqual(fsd.parseErrors('Build failed with error code(5)').length, 0)
  assert.strictEqual(fsd.parseErrors('Process finished with error code(2)').length, 0)
  // prose after "spawn" is no program path
  assert.deepStrictEqual(one('failed to spawn the worker in /srv/app because ENOENT').slice(1), [null, null])
  assert.deepStrictEqual(one('spawnSync C:\\Program Files\\nodejs\\npm.cmd EINVAL'), ['EINVAL', 'spawn', 'C:\\Program Files\\nodejs\\npm.cmd'])
  // a refused .cmd with no name in the text: no command with a made-up name
  const inval = text('Error: spawn EINVAL', { platform: 'win32' })
  assert.strictEqual(inval.causes[0].id, 'shim-without-shell')
  assert.deepStrictEqual(inval.causes[0].fixes.flatMap((f) => f.commands), [])
  // any device's "busy" is not umount's
  assert.strictEqual(fsd.parseErrors('Bluetooth device is busy').length, 0)
  // Windows' own root folders: on Windows (or /mnt/x under WSL), at the root
  assert.notStrictEqual(paste("EACCES: permission denied, open '/media/u/USB/System Volume Information/IndexerVolumeGuid'", 'linux')[0], 'protected-location')
  assert.notStrictEqual(paste("EPERM: operation not permitted, rename 'K:\\data\\System Volume Information' -> 'K:\\x'", 'win32')[0], 'protected-location')
  const svi = text("EPERM: operation not permitted, rename 'K:\\System Volume Information' -> 'K:\\x'", { platform: 'win32' })
  assert.match(svi.causes[0].fixes.map((f) => f.text).join('\n'), /Leave it out/)
  assert.ok(!svi.causes[0].fixes.some((f) => f.classes.includes('move')))
  // a folder named like a script is no file on the way
  assert.strictEqual(paste("Error: EEXIST: file already exists, mkdir '/home/u/code/three.js/build'", 'linux')[0], 'name-taken')
  // ENODATA is the cache's only with cacache's own words
  assert.notStrictEqual(paste('npm ERR! syscall read\nnpm ERR! errno -61\nnpm ERR! ENODATA: no data available, read', 'linux')[0], 'corrupted-cache')
})

test('round 8 classes: other languages, errno numbers, wrapped texts', () => {
  const paste = (t, platform) => ids(text(t, { platform, context: t }))
  const one = (t) => { const e = fsd.parseErrors(t)[0]; return e && [e.code, e.syscall, e.platform] }
  // Windows' texts in the user's language
  assert.deepStrictEqual(one('rename c:\\tmp\\a c:\\tmp\\b: Accès refusé.').slice(0, 2), ['EPERM', 'rename'])
  assert.deepStrictEqual(one('FileNotFoundError: [WinError 2] 系统找不到指定的文件。'), ['ENOENT', null, 'win32'])
  assert.strictEqual(one('java.nio.file.FileSystemException: C:\\x\\a.jar: Het proces heeft geen toegang tot het bestand omdat het door een ander proces wordt gebruikt.')[0], 'EBUSY')
  assert.deepStrictEqual(one('Dem Client fehlt ein erforderliches Recht'), ['EPERM', 'symlink', 'win32'])
  // errno 1-34 by number (the same on Linux, macOS and Windows' C runtime)
  assert.strictEqual(one("Error writing file '/tmp/MY1fnqpm' (Errcode: 28)")[0], 'ENOSPC')
  assert.strictEqual(one('error: failed (os error 13)')[0], 'EACCES')
  assert.strictEqual(fsd.parseErrors('error: failed (os error 99)').length, 0)
  // a terminal wrapped the system's text
  assert.deepStrictEqual(one('Error: symlink D:\\a D:\\b: A required privilege is not\nheld by the client.').slice(0, 2), ['EPERM', 'symlink'])
  assert.strictEqual(paste('Error: symlink D:\\a D:\\b: A required privilege is not\nheld by the client.', 'win32')[0], 'symlink-privilege')
  // tools' own words
  assert.strictEqual(paste('System.IO.IOException: The configured user limit (128) on the number of INotify instances has been reached.', 'linux')[0], 'watcher-limit')
  assert.strictEqual(paste('Destination Path Too Long\nThe file name(s) would be too long for the destination folder.', 'win32')[0], 'path-too-long')
  assert.strictEqual(paste('>md Foo\nA subdirectory or file Foo already exists.', 'win32')[0], 'name-taken')
  assert.strictEqual(paste("Unable to delete directory 'C:\\p\\build'\n  Failed to delete some children. This might happen because a process has files open or has its working directory set in the target directory.", 'win32')[0], 'file-locked')
  assert.strictEqual(one('[E] Error: rsync: link "filename" failed: Function not implemented (38)')[0], 'ENOSYS')
  // glibc's "Device or resource busy" alone: a mount, not an open file;
  // libuv's "resource busy or locked" says nothing of the platform
  assert.strictEqual(paste('Failed to update: [Errno 16] Device or resource busy', 'linux')[0], 'mount-point-busy')
  assert.strictEqual(paste('Error: EBUSY: resource busy or locked', 'linux')[0], 'file-locked')
  // Windows npm run from a WSL directory, seen from WSL
  const unc = "'\\\\wsl.localhost\\Ubuntu\\home\\g'\nCMD.EXE was started with the path above as the current directory.\nUNC paths are not supported. Defaulting to the Windows directory.\nError: EPERM: operation not permitted, mkdir 'C:\\Windows\\app'"
  assert.strictEqual(paste(unc, 'wsl')[0], 'wsl-mixed-node')
  // a snap's strict confinement, named from the traceback; its fix
  const snap = "  File \"/snap/cheat/42/bin/cheat\", line 80\nPermissionError: [Errno 13] Permission denied: '/home/c/src/cheat'"
  const sd = text(snap, { platform: 'linux', context: snap })
  assert.strictEqual(sd.causes[0].id, 'protected-location')
  assert.deepStrictEqual(sd.causes[0].fixes.flatMap((f) => f.commands), ['snap connections cheat'])
  assert.notStrictEqual(paste("PermissionError: [Errno 13] Permission denied: '/home/c/snap/x'", 'linux')[0], 'protected-location')
  // rsync names its call and paths in its own form
  assert.deepStrictEqual(fsd.parseErrors('rsync: link "/a/b" => c/d failed: Too many links (31)').map((e) => [e.code, e.syscall, e.path, e.dest]), [['EMLINK', 'link', '/a/b', 'c/d']])
  assert.strictEqual(paste('rsync: link "/a/b" => c/d failed: Too many links (31)', 'linux')[0], 'hard-link-limit')
  // CreateProcess' "filename too long" is the command line
  assert.strictEqual(paste("ERROR: 'The filename or extension is too long': process filename 'C:\\VC\\bin\\link.exe'", 'win32')[0], 'command-too-long')
  // quotes bound a path: an absolute one keeps its spaces (Program Files)
  const pf = "System.UnauthorizedAccessException: Access to the path 'C:\\Program Files\\App\\x.cfg' is denied."
  assert.strictEqual(fsd.parseErrors(pf)[0].path, 'C:\\Program Files\\App\\x.cfg')
  assert.strictEqual(paste(pf, 'win32')[0], 'protected-location')
  assert.strictEqual(fsd.parseErrors("he said '/ this is prose' and then Permission denied")[0].path, null)
  // root's chown on NFS with root_squash: the fix inspects, never exports no_root_squash
  const nfs = 'docker: Error response from daemon: chown /mnt/nfs: operation not permitted.'
  const nd = text(fsd.parseErrors(nfs)[0], { platform: 'linux', context: nfs })
  assert.strictEqual(nd.causes[0].id, 'network-fs')
  assert.deepStrictEqual(nd.causes[0].fixes.flatMap((f) => f.commands), ['ls -lnd -- /mnt/nfs', 'id'])
  const confs = 'chown: changing ownership of /etc/confs/x: Operation not permitted'
  assert.notStrictEqual(ids(text(fsd.parseErrors(confs)[0], { platform: 'linux', context: confs }))[0], 'network-fs')
})
