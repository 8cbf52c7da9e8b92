'use strict'
// Session 12: classes read from the corpus's misses and round 37's. Texts
// are written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

const texts = (c) => c.fixes.map((f) => f.text).join('\n')
const cause = (d, id) => d.causes.find((c) => c.id === id)

test("SELinux's audit line: the label the policy refused, a container's volume gets :Z", () => {
  const box = first('type=AVC msg=audit(1.2:3): avc:  denied  { write } for  pid=9 comm="node" name="data" dev="sda2" ino=5 scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir permissive=0', 'linux')
  assert.equal(box.e.code, 'EACCES')
  assert.equal(box.e.path, 'data')
  assert.equal(box.d.causes[0].id, 'protected-location', ids(box.d))
  const p = box.d.causes[0]
  assert.ok(p.confidence < 0.9, String(p.confidence))
  assert.match(texts(p), /:Z/)
  assert.match(texts(p), /user_home_t/)
  // inspect only: no relabel, no setenforce
  assert.deepEqual(commands(box.d).filter((c) => /chcon|setenforce|restorecon|semanage/.test(c)), [])
  assert.ok(commands(box.d).includes("ls -Zd -- data"), commands(box.d).join('\n'))

  // a service's domain and a full path: no container advice
  const svc = first('avc: denied { create } for pid=7 comm="httpd" name="cache" scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:httpd_sys_content_t:s0 tclass=dir permissive=0', 'linux')
  assert.equal(svc.e.syscall, 'mkdir')
  const q = cause(svc.d, 'protected-location')
  assert.ok(q, ids(svc.d))
  assert.doesNotMatch(texts(q), /:Z/)
  assert.match(texts(q), /httpd_t/)

  // a granted line is no error; and without the contexts it is prose
  assert.equal(require('..').parseErrors('avc:  granted  { write } for pid=1 name="x" scontext=a:b:c_t:s0 tcontext=a:b:d_t:s0').length, 0)
  const prose = first("Error: EACCES: permission denied, open '/srv/x' (we thought avc: denied was why)", 'linux')
  assert.ok(!cause(prose.d, 'protected-location') || cause(prose.d, 'protected-location').confidence < 0.8, ids(prose.d))
})

test("a tool's own 'into itself' is copy-into-itself, but only where the destination is inside", () => {
  const fx = first("Error: Cannot copy '/w/app' to a subdirectory of itself, '/w/app/out/App.app/Contents/Resources/app'.", 'darwin')
  assert.equal(fx.e.syscall, 'copyfile')
  assert.equal(fx.d.causes[0].id, 'copy-into-itself', ids(fx.d))
  assert.match(texts(fx.d.causes[0]), /destination \/w\/app\/out/)
  assert.doesNotMatch(texts(fx.d.causes[0]), /repeats in the path/)
  const cp = first("cp: cannot copy a directory, 'src', into itself, 'src/backup'", 'linux')
  assert.equal(cp.d.causes[0].id, 'copy-into-itself', ids(cp.d))
  // WSL's rename across its own mounts: mv says the words, the destination is elsewhere
  const wsl = first("mv: cannot move 'composer.phar' to a subdirectory of itself, '/usr/bin/composer'", 'wsl')
  assert.ok(!cause(wsl.d, 'copy-into-itself'), ids(wsl.d))
})

test('round 37: parsing classes (PostgreSQL and RocksDB links, pip launcher, Python 2 reprs, Windows 448, dyld, NSIS, integrity)', () => {
  const pg = first('LOG: could not link file "pg_wal/xlogtemp.31" to "pg_wal/000000010000000000000001": Function not implemented', 'linux')
  assert.equal(pg.e.syscall, 'link')
  assert.equal(pg.d.causes[0].id, 'fs-no-hardlinks', ids(pg.d))
  const rdb = first('IO error: while link file to /data/ck/000109.sst: /data/000109.sst: Operation not supported', 'linux')
  assert.equal(rdb.e.syscall, 'link')
  // a bare "link" may be a symlink: both in the top three
  const bare = first("ERROR [047]: : unable to create link '/repo/backup/db/latest': Operation not supported", 'linux')
  assert.deepEqual(bare.d.causes.slice(0, 2).map((c) => c.id).sort(), ['fs-no-hardlinks', 'fs-no-symlinks'])

  const launcher = first('Fatal error in launcher: Unable to create process using \'"c:\\old venv\\scripts\\python.exe"  "C:\\venv\\Scripts\\jupyter.exe" lab\': Impossibile trovare il file specificato.', 'win32')
  assert.equal(launcher.e.code, 'ENOENT')
  assert.equal(launcher.e.syscall, 'spawn')
  assert.equal(launcher.e.path, 'c:\\old venv\\scripts\\python.exe')
  assert.equal(launcher.d.causes[0].id, 'missing-path', ids(launcher.d))

  const py2 = first("WindowsError: [Error 267] The directory name is invalid: u'c:\\\\conda-bld\\\\git_cache\\\\git@host:7999'", 'win32')
  assert.equal(py2.e.path, 'c:\\conda-bld\\git_cache\\git@host:7999')
  assert.equal(py2.d.causes[0].id, 'invalid-name', ids(py2.d))
  const mode = first("IOError: [Errno 22] invalid mode ('wb') or filename: 'c:\\\\t\\\\a.json_2017-11-04T09:27:45'", 'win32')
  assert.equal(mode.e.path, 'c:\\t\\a.json_2017-11-04T09:27:45')
  assert.equal(mode.d.causes[0].id, 'invalid-name', ids(mode.d))

  const w448 = first('error: Failed to create link directory\n  Caused by: The path cannot be traversed because it contains an untrusted mount point. (os error 448)', 'win32')
  assert.equal(w448.d.causes[0].id, 'network-fs', ids(w448.d))
  assert.ok(w448.d.causes[0].confidence < 0.9)

  const dyld = first('dyld: Library not loaded: @executable_path/../.Python\n  Referenced from: /Users/u/venv/bin/python\n  Reason: image not found', 'darwin')
  assert.equal(dyld.e.code, 'ENOENT')
  assert.equal(dyld.d.causes[0].id, 'missing-path', ids(dyld.d))
  // a library of another architecture is no missing file
  assert.equal(require('..').parseErrors("dyld[1]: Library not loaded: /x/a.dylib\n  Reason: tried: '/x/a.dylib' (mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64'))").length, 0)

  const nsis = first('Extract: error writing to file\nLocal\\Temp\\nsw3A35.tmp\\app-32.7z', 'win32')
  assert.equal(nsis.e.code, 'ENOSPC')
  // Windows has neither inotify nor an inode table to run out of
  assert.deepEqual(ids(nsis.d).split(',').filter((x) => x === 'inodes-exhausted' || x === 'watcher-limit'), [])

  const yarn = first('error Incorrect integrity when fetching from the cache', null)
  assert.equal(yarn.d.causes[0].id, 'corrupted-cache', ids(yarn.d))
  assert.ok(commands(yarn.d).includes('yarn cache clean'), commands(yarn.d).join('\n'))
  assert.ok(!commands(yarn.d).some((c) => /npm|chown/.test(c)), commands(yarn.d).join('\n'))

  const sym = first('Cannot create symlinks; skipping darwin platform', 'win32')
  assert.equal(sym.d.causes[0].id, 'symlink-privilege', ids(sym.d))
  const exists = first("System.IO.IOException: The file 'C:\\Users\\u\\AppData\\Local\\App\\packages\\App-0.1.8-delta.nupkg' already exists.", 'win32')
  assert.equal(exists.e.code, 'EEXIST')
  assert.equal(exists.e.path, 'C:\\Users\\u\\AppData\\Local\\App\\packages\\App-0.1.8-delta.nupkg')
})

test('round 37: places (an image\'s data volume, a snap in a stack frame, podman\'s unlabelled bind mount)', () => {
  const es = first('AccessDeniedException[/usr/share/elasticsearch/data/nodes];', 'linux')
  assert.equal(es.d.causes[0].id, 'wrong-owner', ids(es.d))
  assert.ok(commands(es.d).every((c) => !/chown|chmod/.test(c)), commands(es.d).join('\n'))
  // /usr/share's own files are no volume
  const share = first("Error: EACCES: permission denied, open '/usr/share/dict/words'", 'linux')
  assert.notEqual(share.d.causes[0].id, 'wrong-owner', ids(share.d))

  const snap = first("Error: EPERM: operation not permitted, chown '/home/u/snap/notes/x1/.config/Notes/config.json.123'\n    at Function.writeFileSync [as sync] (/snap/notes/x1/resources/app.asar/node_modules/write-file-atomic/index.js:196:27)", 'linux')
  assert.equal(snap.d.causes[0].id, 'protected-location', ids(snap.d))

  const pod = first("$ podman run -it -v $(pwd):/work docker.io/x/y bash\nroot@f24c:/# ls /work\nls: cannot open directory '/work': Permission denied", 'linux')
  assert.equal(pod.d.causes[0].id, 'protected-location', ids(pod.d))
  assert.match(texts(pod.d.causes[0]), /:Z/)
  assert.ok(!cause(pod.d, 'walk-outside-project'), ids(pod.d))
  // relabelled already: not SELinux's label
  const z = first("$ podman run -it -v $(pwd):/work:Z docker.io/x/y bash\nls: cannot open directory '/work': Permission denied", 'linux')
  const pz = cause(z.d, 'protected-location')
  assert.ok(!pz || pz.confidence < 0.6, ids(z.d))
  // docker's rootful bind mount keeps the owner guess first
  const dk = first("$ docker run -v $(pwd):/work x/y\nmkdir: cannot create directory '/work/a': Permission denied", 'linux')
  assert.notEqual(dk.d.causes[0].id, 'protected-location', ids(dk.d))
})

test("round 37: rpm's rename onto a container's bind-mounted file; podman's relabel refused is the owner's", () => {
  const rpm = first('error: unpacking of archive failed on file /etc/hosts: cpio: rename', 'linux')
  assert.equal(rpm.e.syscall, 'rename')
  assert.equal(rpm.e.path, '/etc/hosts')
  assert.equal(rpm.d.causes[0].id, 'mount-point-busy', ids(rpm.d))
  // another file's cpio rename says nothing of a mount
  const other = first('error: unpacking of archive failed on file /usr/bin/x: cpio: rename', 'linux')
  assert.ok(!cause(other.d, 'mount-point-busy'), ids(other.d))
  const rl = first('Error: relabel failed "/home/u/proj": operation not permitted', 'linux')
  assert.equal(rl.e.syscall, 'setxattr')
  assert.equal(rl.d.causes[0].id, 'wrong-owner', ids(rl.d))
})
