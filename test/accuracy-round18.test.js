'use strict'
// Classes read from round 18's misses (z15: Windows game engines, CI,
// installers, antivirus; z16: Linux servers and clusters), and a red
// team's audit of every corpus text's commands. Texts are written for the
// test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')
const fsdoctor = require('..')

const { first, ids, commands } = require('./helpers/paste')

test("the MSVC linker's LNK1104: an output it cannot write is held, an input it cannot find is missing", () => {
  const out = first('LINK : fatal error LNK1104: cannot open file “D:\\src\\target\\release\\build\\x\\build_script_build.exe”')
  assert.equal(out.e.code, 'EBUSY')
  assert.equal(out.e.path, 'D:\\src\\target\\release\\build\\x\\build_script_build.exe')
  assert.equal(out.d.causes[0].id, 'file-locked', ids(out.d))
  const lib = first("LINK : fatal error LNK1104: cannot open file 'zlib.lib'")
  assert.equal(lib.e.code, 'ENOENT')
})

test('Windows words for a held file: an antivirus verdict, Godot, NSIS (also in Chinese)', () => {
  const v = first('go build: open C:\\Temp\\go-build1\\b001\\exe\\a.out.exe: Operation did not complete successfully because the file contains a virus or potentially unwanted software.')
  assert.equal(v.d.causes[0].id, 'file-locked', ids(v.d))
  assert.match(v.d.causes[0].detail, /antivirus/)
  assert.equal(first("Unable to write to file 'C:/Users/u/AppData/Roaming/Godot/x.tpz', file in use, locked or lacking permissions.").e.code, 'EBUSY')
  const nsis = first('Error opening file for writing: C:\\Program Files\\Tool\\tool.exe')
  assert.equal(nsis.e.path, 'C:\\Program Files\\Tool\\tool.exe')
  assert.equal(nsis.d.causes[0].id, 'file-locked', ids(nsis.d))
  assert.equal(first('不能打开要写入的文件').e.code, 'EBUSY')
  assert.equal(first('指定的路径或文件名太长，或者两者都太长。').e.code, 'ENAMETOOLONG')
})

test("Elasticsearch's AccessDeniedException[/path] names the path", () => {
  const { e } = first('- ElasticsearchIllegalStateException[Failed to created node environment]\n\tAccessDeniedException[/usr/share/elasticsearch/data/elasticsearch]')
  assert.equal(e.code, 'EACCES')
  assert.equal(e.path, '/usr/share/elasticsearch/data/elasticsearch')
})

test('a chown refused to root in a container is a share that maps root to nobody', () => {
  const { d } = first("kubectl logs db-0\nchown: changing ownership of '/var/lib/postgresql/data': Operation not permitted", 'linux')
  assert.equal(d.causes[0].id, 'network-fs', ids(d))
  assert.ok(d.causes[0].confidence < 0.9)
  for (const c of commands(d).filter((x) => /postgresql/.test(x))) assert.match(c, /^(ls|id|stat|findmnt|df|namei)\b/)
  // on a plain host the same chown is no share's
  const host = first("chown: changing ownership of '/srv/data': Operation not permitted", 'linux')
  assert.notEqual(host.d.causes[0].id, 'network-fs')
})

test("a compiler's missing header under deep Windows folders is MAX_PATH", () => {
  const deep = 'C:\\Users\\me\\Desktop\\Programming All\\stm32\\a_very_long_project_name_template\\portable\\packages\\arduino\\tools\\arm-none-eabi-gcc\\4.8.3\\include\\c++\\4.8.3'
  const { d } = first(`${deep}\\cstdlib:41:28: fatal error: bits/c++config.h: No such file or directory\n #include <bits/c++config.h>`, 'win32')
  assert.equal(d.causes[0].id, 'path-too-long', ids(d))
  const near = first("C:\\src\\app\\main.c(3): fatal error C1083: Cannot open include file: 'zlib.h': No such file or directory", 'win32')
  assert.equal(near.d.causes[0].id, 'missing-path', ids(near.d))
})

test('red team: no npm command for an error with no npm in sight', () => {
  for (const [t, plat] of [
    ["rsync: mkdir \"/backup/x\" failed: Permission denied (13)", 'linux'],
    ["fatal: could not create work tree dir 'repo': Permission denied", 'linux'],
    ["ln: failed to create symbolic link '/media/usb/x': Operation not permitted", 'linux'],
    ["OSError: [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/x'", 'linux']
  ]) {
    const { d } = first(t, plat)
    assert.ok(!commands(d).some((c) => /(^|&& )(npm|pnpm|yarn|npx) /.test(c)), `${t}: ${commands(d).join(' | ')}`)
  }
  const npm = first("npm ERR! Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/x'", 'linux')
  assert.ok(commands(npm.d).some((c) => /npm /.test(c)))
})

test("red team: a path read to the line's end stops where the sentence goes on; Docker's bind source; placeholders", () => {
  assert.equal(first("Can't write: C:\\Program Files (x86)\\Foo\\bar.dll. Retry?").e.path, 'C:\\Program Files (x86)\\Foo\\bar.dll')
  assert.equal(first('IOException: Sharing violation on path C:\\p\\x.asset when trying to copy').e.path, 'C:\\p\\x.asset')
  assert.equal(first('IOException: Sharing violation on path C:\\p\\a.tmp   at System.IO.FileStream..ctor').e.path, 'C:\\p\\a.tmp')
  assert.equal(first('invalid mount config for type "bind": bind source path does not exist: /home/me/my project/data.').e.path, '/home/me/my project/data')
  assert.equal(first('invalid mount config for type "bind": bind source path does not exist.').e.path, null)
  for (const p of ['C:\\Users\\[myPath]\\.next\\trace', 'C:\\Users\\XXXXX\\app\\x.txt', 'https://example.com/a.json']) {
    const { d } = first(`Error: EPERM: operation not permitted, open '${p}'`, 'win32')
    assert.ok(!commands(d).some((c) => c.includes('myPath') || c.includes('XXXXX') || c.includes('https:')), commands(d).join(' | '))
  }
  // Next.js route folders are names, not placeholders
  const next = first("Error: EPERM: operation not permitted, open 'C:\\proj\\pages\\[id].js'", 'win32')
  assert.ok(commands(next.d).some((c) => c.includes('C:\\proj\\pages')), commands(next.d).join(' | '))
})

test('red team: prose reads without stand-ins; uchg only from a listing of the file; EROFS stays read-only first; Developer Mode by registry is a weakening', () => {
  const x = first('Invalid cross-device link', 'linux')
  assert.match(x.d.causes[0].detail, /^The two paths are on different filesystems; a move or link cannot cross/)
  const g = first("npm ERR! Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/x'", 'linux')
  const gp = g.d.causes.find((c) => c.id === 'global-prefix-not-writable')
  assert.ok(gp.fixes.some((f) => /^npm's global prefix (\/\S+ )?is not yours/.test(f.text)), gp.fixes.map((f) => f.text).join('\n'))
  const u = first('rm: /home/me/proj/x: Operation not permitted\nreply: try chflags nouchg, though uchg does not exist on Linux', 'linux')
  assert.notEqual(u.d.causes[0].id, 'immutable-file', ids(u.d))
  const ro = first("OSError: [Errno 30] Read-only file system: 'data' -> '/mnt/ro/data'", 'linux')
  assert.equal(ro.d.causes[0].id, 'read-only-fs', ids(ro.d))
  const sp = first("Error: EPERM: operation not permitted, symlink 'C:\\\\a' -> 'C:\\\\b'", 'win32')
  const priv = sp.d.causes.find((c) => c.id === 'symlink-privilege')
  assert.ok(priv)
  const regs = priv.fixes.flatMap((f) => f.commands.map((c, i) => [c, f.classes[i]])).filter(([c]) => /reg add/.test(c))
  for (const [, cls] of regs) assert.equal(cls, 'weaken')
})

test("red team: a Gradle or Maven lock gets no hint about leftover node processes; npm's does", () => {
  const mvn = first('[ERROR] Failed to clean project: Failed to delete C:\\src\\core\\target\\core-1.0.jar -> [Help 1]')
  assert.ok(!commands(mvn.d).some((c) => /node/.test(c)), commands(mvn.d).join(' | '))
  const npm = first('npm ERR! code EBUSY\nnpm ERR! syscall rename\nnpm ERR! path C:\\p\\node_modules\\x')
  assert.ok(commands(npm.d).some((c) => /Get-Process node/.test(c)), commands(npm.d).join(' | '))
})

test("red team: old coreutils' `a' to `b' names the source and the destination", () => {
  const { e } = first("mv: cannot move `../general/.' to `/x/general/.': Device or resource busy", 'linux')
  assert.equal(e.path, '../general/.')
  assert.equal(e.dest, '/x/general/.')
  assert.equal(e.syscall, 'rename')
})

test('a df table in the log with a filesystem at 95-99% makes ENOSPC a full disk first', () => {
  const t = 'error An unexpected error occurred: "ENOSPC: no space left on device, write".\n$ df -h\nFilesystem      Size  Used Avail Use% Mounted on\n/dev/root        84G   80G  3.3G  97% /'
  const { d } = first(t, 'linux')
  assert.equal(d.causes[0].id, 'disk-full', ids(d))
  // plenty of room in the table: the disk is not first
  const roomy = first(t.replace('80G  3.3G  97%', '40G   44G  48%'), 'linux')
  assert.notEqual(roomy.d.causes[0].id, 'disk-full', ids(roomy.d))
})

test('round 19: spawn ENAMETOOLONG said on another line; EISDIR from link on Windows; a version manager\'s extensionless npm', () => {
  const t = 'Command failed with ENAMETOOLONG: claude -p --system-prompt "long" --verbose\nspawn ENAMETOOLONG'
  assert.equal(first(t, 'win32').d.causes[0].id, 'command-too-long')
  const l = first("Error: EISDIR: illegal operation on a directory, link 'X:\\a.tmp' -> 'X:\\b.tmp'", 'win32')
  assert.equal(l.d.causes[0].id, 'fs-no-hardlinks', ids(l.d))
  const fnm = first('Error: spawn c:\\Users\\u\\AppData\\Roaming\\fnm\\aliases\\default\\npm ENOENT', 'win32')
  assert.equal(fnm.d.causes[0].id, 'shim-without-shell', ids(fnm.d))
})

test("round 20: mobile and ML builds' own words", () => {
  const cm = first('  The object file directory\n    F:/p/android/app/.cxx/Debug/6q4r6t1j/x86_64/x/CMakeFiles/y.dir/./\n  has 177 characters.  The maximum full path to an object file is 250\n  characters (see CMAKE_OBJECT_PATH_MAX).')
  assert.equal(cm.e.code, 'ENAMETOOLONG')
  assert.equal(cm.d.causes[0].id, 'path-too-long', ids(cm.d))
  assert.equal(first('ninja: error: Stat(a/b/c.cpp.o): Filename longer than 260 characters').e.code, 'ENAMETOOLONG')
  const gd = first('Execution failed for task \':api:clean\'. > Unable to delete file: C:\\p\\api\\build\\libs\\api.jar')
  assert.equal(gd.e.code, 'EBUSY')
  assert.equal(gd.e.path, 'C:\\p\\api\\build\\libs\\api.jar')
  assert.equal(gd.d.causes[0].id, 'file-locked', ids(gd.d))
  const fl = first('stderr: Building with plugins requires symlink support.')
  assert.equal(fl.d.causes[0].id, 'symlink-privilege', ids(fl.d))
  const em = first('emulator: ERROR: Not enough space to create userdata partition. Available: 4189.42 MB at /android-home/Pixel2.avd, need 9830.40 MB.')
  assert.equal(em.d.causes[0].id, 'disk-full', ids(em.d))
  const dk = first('duckdb.IOException: IO Error: Could not set lock on file "/data/x.db": Conflicting lock is held in /usr/bin/duckdb (PID 46912) by user me.')
  assert.equal(dk.e.code, 'EBUSY')
  assert.equal(dk.e.path, '/data/x.db')
  assert.equal(dk.d.causes[0].id, 'file-locked', ids(dk.d))
})

test("round 20: Gradle's broken cache entry is a corrupted cache with Gradle's words and an inspect command for the platform", () => {
  for (const [t, plat, cmd] of [
    ['Could not read workspace metadata from C:\\Users\\bot\\.gradle\\caches\\8.11.1\\transforms\\1469\\metadata.bin', 'win32', /^Get-ChildItem -Force -LiteralPath C:\\Users\\bot\\.gradle\\caches\\8\.11\.1\\transforms\\1469$/],
    ['Could not read workspace metadata from /workspace/.gradle/caches/transforms-4/8c48/metadata.bin', 'linux', /^ls -la -- \/workspace\/\.gradle\/caches\/transforms-4\/8c48$/]
  ]) {
    const { d } = first(t, plat)
    assert.equal(d.causes[0].id, 'corrupted-cache', ids(d))
    const fx = d.causes[0].fixes
    assert.ok(fx.some((f) => /Gradle's cache/.test(f.text)))
    assert.ok(!fx.some((f) => /npm/.test(f.text)), fx.map((f) => f.text).join('\n'))
    const cmds = fx.flatMap((f) => f.commands)
    assert.equal(cmds.length, 1, cmds.join(' | '))
    assert.match(cmds[0], cmd)
  }
})

test("round 20: Ruby's call with no path after it; NFS's .nfsXXXX file held by a process", () => {
  const rb = first('Error when trying to install pods (Errno::ENOSYS - Function not implemented @ rb_file_s_symlink)', 'darwin')
  assert.equal(rb.e.syscall, 'symlink')
  assert.equal(rb.d.causes[0].id, 'fs-no-symlinks', ids(rb.d))
  const nfs = first("rm: cannot remove 'logs/run-1/.nfs009a0000224d270500000022': Device or resource busy", 'linux')
  assert.equal(nfs.d.causes[0].id, 'file-locked', ids(nfs.d))
  assert.match(nfs.d.causes[0].detail, /NFS/)
})
