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
  // name= is the entry's last name only: no path a command could run on
  assert.equal(box.e.path, null)
  assert.equal(box.d.causes[0].id, 'protected-location', ids(box.d))
  const p = box.d.causes[0]
  assert.ok(p.confidence < 0.9, String(p.confidence))
  assert.match(texts(p), /:Z/)
  assert.match(texts(p), /user_home_t/)
  // inspect only: no relabel, no setenforce
  assert.deepEqual(commands(box.d).filter((c) => /chcon|setenforce|restorecon|semanage/.test(c)), [])
  assert.ok(!commands(box.d).some((c) => / data$/.test(c)), commands(box.d).join('\n'))
  // a path the kernel gave in full is inspected
  const full = first('avc:  denied  { write } for pid=9 comm="node" path="/srv/app/data" dev="sda2" ino=5 scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir permissive=0', 'linux')
  assert.ok(commands(full.d).includes('ls -Zd -- /srv/app/data'), commands(full.d).join('\n'))
  // only the container's fix: restorecon would put back the label refused
  assert.doesNotMatch(texts(full.d.causes[0]), /restorecon/)
  // permissive mode only logged; a port is no file
  const perm = first('avc:  denied  { write } for pid=9 comm="node" name="data" scontext=system_u:system_r:container_t:s0 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir permissive=1', 'linux')
  assert.ok(!cause(perm.d, 'protected-location'), ids(perm.d))
  const port = first('type=AVC msg=audit(1:2): avc:  denied  { name_bind } for pid=9 comm="nginx" src=8081 scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:unreserved_port_t:s0 tclass=tcp_socket permissive=0', 'linux')
  assert.ok(!cause(port.d, 'protected-location'), ids(port.d))

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
  assert.equal(dyld.e.path, '@executable_path/../.Python')
  assert.equal(dyld.d.causes[0].id, 'missing-path', ids(dyld.d))
  assert.ok(dyld.d.causes[0].confidence < 0.9)
  const tried = first("dyld[8]: Library not loaded: '/usr/local/Cellar/python@3.10/3.10.6_1/Frameworks/Python.framework/Versions/3.10/Python'\n  Reason: tried: '/usr/local/Cellar/python@3.10/3.10.6_1/Frameworks/Python.framework/Versions/3.10/Python' (no such file), '/Library/Frameworks/Python.framework/Versions/3.10/Python' (no such file)", null)
  assert.equal(tried.e.platform, 'darwin')
  assert.equal(tried.e.path, '/usr/local/Cellar/python@3.10/3.10.6_1/Frameworks/Python.framework/Versions/3.10/Python')
  assert.equal(tried.d.causes[0].id, 'missing-path', ids(tried.d))
  // another architecture or a signature is no missing file, whatever else was tried
  const arch = first("dyld[5]: Library not loaded: @rpath/libfoo.dylib\n  Reason: tried: '/Users/u/app/lib/libfoo.dylib' (mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64')), '/usr/local/lib/libfoo.dylib' (no such file)", 'darwin')
  assert.ok(!cause(arch.d, 'missing-path'), ids(arch.d))
  // "(no such file)" alone is any tool's
  assert.equal(require('..').parseErrors("Warning: skipping '/etc/foo.conf' (no such file)").length, 0)

  const nsis = first('Extract: error writing to file\nLocal\\Temp\\nsw3A35.tmp\\app-32.7z', 'win32')
  assert.equal(nsis.e.code, 'ENOSPC')
  // Windows has neither inotify nor an inode table to run out of
  assert.deepEqual(ids(nsis.d).split(',').filter((x) => x === 'inodes-exhausted' || x === 'watcher-limit'), [])

  const yarn = first('error Incorrect integrity when fetching from the cache', null)
  assert.equal(yarn.d.causes[0].id, 'corrupted-cache', ids(yarn.d))
  // a whole cache wiped: destroy-class, held back from a text-only answer like npm's
  assert.match(texts(yarn.d.causes[0]), /yarn's cache/)
  assert.ok(!commands(yarn.d).some((c) => /npm|chown/.test(c)), commands(yarn.d).join('\n'))
  assert.doesNotMatch(texts(yarn.d.causes[0]), /npm/)
  const npmInt = first('npm ERR! code EINTEGRITY\nnpm ERR! sha512-abc integrity checksum failed when using sha512: wanted sha512-abc but got sha512-def. (1234 bytes)', 'linux')
  assert.equal(npmInt.d.causes[0].id, 'corrupted-cache', ids(npmInt.d))
  assert.ok(commands(npmInt.d).includes('npm cache verify'), commands(npmInt.d).join('\n'))
  assert.ok(!commands(npmInt.d).some((c) => /config set cache|chown/.test(c)), commands(npmInt.d).join('\n'))

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

test('a fresh review of session 12: rows and rules that fired on the wrong texts', () => {
  const parse = (t) => require('..').parseErrors(t)
  // 1. .NET's "The file '" is its already-exists; its other "The file ..." are not
  assert.equal(parse('System.IO.IOException: The file is being used by another process.')[0].code, 'EBUSY')
  assert.equal(parse('System.IO.PathTooLongException: IOException: The filename or extension is too long.')[0].code, 'ENAMETOOLONG')
  const vol = first('java.io.IOException: The filename, directory name, or volume label syntax is incorrect', 'win32')
  assert.equal(vol.d.causes[0].id, 'invalid-name', ids(vol.d))
  // 2. "into itself" of a merge or an import is no copy
  assert.equal(parse('fatal: cannot merge the branch into itself, aborting').length, 0)
  const imp = parse("Error: Circular import: cannot import '/src/a.js' into itself, '/src/a.js'")
  assert.ok(imp.length === 0 || imp[0].code !== 'EINVAL', JSON.stringify(imp))
  // 15. cp across WSL's mounts: the destination is not inside, whatever the words
  const wslcp = first("cp: cannot copy a directory, '/home/u/proj', into itself, '/mnt/c/Users/u/proj'", 'wsl')
  assert.ok(!cause(wslcp.d, 'copy-into-itself'), ids(wslcp.d))
  // Node's fs.cp, a trailing slash, a Windows path in another case
  const nodecp = first('SystemError [ERR_FS_CP_EINVAL]: Invalid src or dest: cp returned EINVAL (cannot copy /w/app to a subdirectory of self /w/app/out) /w/app/out', 'linux')
  assert.equal(nodecp.d.causes[0].id, 'copy-into-itself', ids(nodecp.d))
  assert.doesNotMatch(texts(nodecp.d.causes[0]), /the destination the destination/)
  const slash = first("mv: cannot move 'app/' to a subdirectory of itself, 'app/x'", 'linux')
  assert.equal(slash.d.causes[0].id, 'copy-into-itself', ids(slash.d))
  const wincase = first("Error: Cannot copy 'C:\\w\\App' to a subdirectory of itself, 'c:\\w\\app\\out'.", 'win32')
  assert.equal(wincase.d.causes[0].id, 'copy-into-itself', ids(wincase.d))
  // 5. a filesystem named: not the account's privilege
  const exfat = parse('WARNING: Cannot create symlinks on the target filesystem (exFAT) at E:\\out; copying instead')
  assert.ok(exfat.length === 0 || exfat[0].syscall !== 'symlink' || exfat[0].code !== 'EPERM', JSON.stringify(exfat))
  // 16. the launcher's path ends at its quote; another tool's command line is no path
  const l2 = first('Fatal error in launcher: Unable to create process using \'"C:\\Python27\\python.exe" "C:\\Python27\\Scripts\\pip.exe" install x\': The system cannot find the file specified.', 'win32')
  assert.equal(l2.e.path, 'C:\\Python27\\python.exe')
  // 19. Polish: the path's text as Windows writes it
  assert.equal(parse('System nie może odnaleźć określonej ścieżki.')[0].code, 'ENOENT')
  // 18. error 448's fix is the cloud folder's, not a share's copy
  const w448 = first("PermissionError: [WinError 448] The path cannot be traversed because it contains an untrusted mount point: 'C:\\\\Users\\\\u\\\\OneDrive\\\\proj\\\\.venv'", 'win32')
  assert.equal(w448.d.causes[0].id, 'network-fs', ids(w448.d))
  assert.doesNotMatch(texts(w448.d.causes[0]), /work on a copy on a local disk/i)
  assert.match(texts(w448.d.causes[0]), /OneDrive/)
})

test('a fresh review of session 12: places named too loosely', () => {
  // 12. a package's own data below /usr/share is no image's volume
  const game = first("Error: EACCES: permission denied, open '/usr/share/0ad/data/mods/public/config.cfg'", 'linux')
  assert.notEqual(game.d.causes[0].id, 'wrong-owner', ids(game.d))
  // 13. a classic snap (node) is not confined; a plain home file is reachable by a strict one
  const node = first("Error: EACCES: permission denied, open '/home/u/proj/dist/a.js'\n    at Object.openSync (node:fs:573:3)\n    at build (/snap/node/8998/lib/node_modules/vite/dist/dep.js:12:3)", 'linux')
  assert.notEqual(node.d.causes[0].id, 'protected-location', ids(node.d))
  // 11. a -v on a line that is not podman's; ssh's -v
  const dk = first("$ docker run -v $(pwd):/work x/y   # (podman users: add :Z)\nmkdir: cannot create directory '/work/a': Permission denied", 'linux')
  assert.notEqual(dk.d.causes[0].id, 'protected-location', ids(dk.d))
  const ssh = first("podman version 4.9\n$ ssh -v deploy@web:/srv/app\nError: EACCES: permission denied, mkdir '/srv/app/cache'", 'linux')
  const sp = cause(ssh.d, 'protected-location')
  assert.ok(!sp || sp.confidence < 0.6, ids(ssh.d))
  // the quoted host side and --mount are read; the label is the host folder's
  const q = first('$ podman run -v "/home/u/proj":/work img\nls: cannot open directory \'/work\': Permission denied', 'linux')
  assert.equal(q.d.causes[0].id, 'protected-location', ids(q.d))
  assert.ok(commands(q.d).includes('ls -Zd -- /home/u/proj'), commands(q.d).join('\n'))
  assert.ok(!commands(q.d).some((c) => /ls -Zd -- \/work/.test(c)), commands(q.d).join('\n'))
  const m = first("$ podman run --mount type=bind,src=/home/u/p,dst=/work img\nls: cannot open directory '/work': Permission denied", 'linux')
  assert.equal(m.d.causes[0].id, 'protected-location', ids(m.d))
  // 14. a NUL inside the text is no part of a path
  const nul = first("$ podman run -v /x:/w\u0000abcdefghijklmnopqrstuvwxyz0123456789:/q img\nls: cannot open directory '/w': Permission denied", 'linux')
  assert.ok(nul.d.causes.length > 0)
})

test("round 38's classes: git's retry prompt, GVfs, lost+found, NTFS mounted read-only, rsync's dangling link, Eleventy's names, Go's link errors, shelljs' code=, a listing of /", () => {
  const unlink = first("Unlink of file 'lib/xxx.jar' failed. Should I try again? (y/n)", 'win32')
  assert.equal(unlink.e.syscall, 'unlink')
  assert.equal(unlink.e.path, 'lib/xxx.jar')
  assert.equal(unlink.d.causes[0].id, 'file-locked', ids(unlink.d))
  // Windows' EBUSY is no mount point
  assert.ok(!cause(unlink.d, 'mount-point-busy'), ids(unlink.d))
  const dir = first("Deletion of directory 'foo' failed. Should I try again? (y/n) n", 'win32')
  assert.equal(dir.e.syscall, 'rmdir')
  const gvfs = first("error: chmod on /run/user/1000/gvfs/smb-share:server=pc.local,share=share/repo/.git/config.lock failed: Actie wordt niet ondersteund", 'linux')
  assert.equal(gvfs.e.code, 'EOPNOTSUPP')
  assert.equal(gvfs.d.causes[0].id, 'network-fs', ids(gvfs.d))
  const lf = first('INFO: Puller (folder "b", dir "lost+found"): chmod /media/local/backup/lost+found: operation not permitted', 'linux')
  assert.equal(lf.d.causes[0].id, 'wrong-owner', ids(lf.d))
  assert.ok(!cause(lf.d, 'fs-no-permissions'), ids(lf.d))
  const ntfs = first('[   43.457235] ntfs: (device sda1): load_system_files(): $LogFile is not clean.  Mounting read-only.  Mount in Windows.', 'linux')
  assert.equal(ntfs.d.causes[0].id, 'read-only-fs', ids(ntfs.d))
  const rs = first('symlink has no referent: "/home/u/build/vendor/x/git_hooks"', 'linux')
  assert.equal(rs.e.path, '/home/u/build/vendor/x/git_hooks')
  assert.equal(rs.d.causes[0].id, 'broken-symlink', ids(rs.d))
  const el = first('> _site/posts/update-:-blah! contains invalid WIN32 path characters.', 'win32')
  assert.equal(el.e.path, '_site/posts/update-:-blah!')
  assert.equal(el.d.causes[0].id, 'invalid-name', ids(el.d))
  const go = first('ERROR : a.epub.rclonelink: Failed to copy: symlink in books/Claudel, Le soulier.epub /media/u/reader/books/Claudel, Le soulier.epub: operation not permitted', 'linux')
  assert.equal(go.e.syscall, 'symlink')
  // Go's order, as Node's: the old name (the link's target) in path, the link made in dest
  assert.equal(go.e.path, 'in books/Claudel, Le soulier.epub')
  assert.equal(go.e.dest, '/media/u/reader/books/Claudel, Le soulier.epub')
  assert.equal(go.d.causes[0].id, 'fs-no-symlinks', ids(go.d))
  const sj = first('cp: copyFileSync: could not write to dest file (code=ENAMETOOLONG):/Users/u/public/sb/sb/sb/sb/sb/sb/sb/sb/x.js', 'darwin')
  assert.equal(sj.e.path, '/Users/u/public/sb/sb/sb/sb/sb/sb/sb/sb/x.js')
  assert.equal(sj.d.causes[0].id, 'copy-into-itself', ids(sj.d))
  const root = first("Unhandled rejection eacces: permission denied, scandir '/'", 'linux')
  assert.equal(root.d.causes[0].id, 'walk-outside-project', ids(root.d))
  // writing at / is no walk
  const mk = first("Error: EACCES: permission denied, mkdir '/'", 'linux')
  assert.notEqual(mk.d.causes[0].id, 'walk-outside-project', ids(mk.d))
})

test('a second review of session 12: rows need their tools\' whole forms, paths end where the words begin', () => {
  const parse = (t) => require('..').parseErrors(t)
  // 1. the last name before Eleventy's words, not "Error:" or "[11ty] >"
  assert.equal(parse('Error: C:\\Users\\u\\proj\\dist\\posts\\a:b contains invalid WIN32 path characters.')[0].path, 'C:\\Users\\u\\proj\\dist\\posts\\a:b')
  assert.equal(parse('[11ty] > _site/posts/a:b/index.html contains invalid WIN32 path characters.')[0].path, '_site/posts/a:b/index.html')
  // 2. Git's rows only with its prompt
  assert.equal(parse("ERROR: Deletion of directory '/var/lib/jenkins/ws/app/node_modules' failed: Directory not empty")[0].code, 'ENOTEMPTY')
  assert.equal(parse("getHtmlPage: WARNING: unlink of file '/tmp/page_123.html' failed...").length, 0)
  assert.equal(parse("Aborting deletion of directory '/opt/www/app/master', because it is the master branch.").length, 0)
  // 3. "because it is in use" of a network, a port or a database is no file's
  for (const t of ['Error response from daemon: cannot remove network mynet because it is in use by container abc',
    'ERROR: Port 8080 cannot be used because it is in use by another process',
    "Cannot drop the database 'app' because it is in use."]) {
    const e = parse(t)
    assert.ok(e.length === 0 || e[0].code !== 'EBUSY', t)
  }
  const ps = first("Cannot remove the item at 'C:\\Program Files\\M\\x' because it is in use.", 'win32')
  assert.equal(ps.e.path, 'C:\\Program Files\\M\\x')
  // 4. GVfs only for what a share lacks
  const full = first("Error: ENOSPC: no space left on device, write '/run/user/1000/gvfs/smb-share:server=nas,share=b/a.tar'", 'linux')
  assert.equal(full.d.causes[0].id, 'disk-full', ids(full.d))
  // 5, 6. Go's LinkError: old in path, new in dest; its shape only
  const lk = parse('Error: link /srv/cache/objects/ab/cdef /srv/build/out dir/cdef: too many links')[0]
  assert.deepEqual([lk.path, lk.dest], ['/srv/cache/objects/ab/cdef', '/srv/build/out dir/cdef'])
  assert.equal(parse('W: failed to symlink the config, see /var/log/app log: permission denied')[0].path, null)
  const rn = parse('rename /tmp/a b /data/c d: invalid cross-device link')[0]
  assert.deepEqual([rn.syscall, rn.path, rn.dest], ['rename', '/tmp/a b', '/data/c d'])
  // 7. lost+found is left as it is; a file named so is any file
  const lf = first('chmod /media/local/backup/lost+found: operation not permitted', 'linux')
  assert.match(texts(lf.d.causes[0]), /recovery folder/)
  assert.ok(!commands(lf.d).some((c) => /chown|chmod/.test(c)), commands(lf.d).join('\n'))
  const notlf = first("Error: EPERM: operation not permitted, chmod '/media/u/STICK/photos/lost+found.txt'", 'linux')
  assert.ok(cause(notlf.d, 'fs-no-permissions'), ids(notlf.d))
  // 8. PowerShell's path ends before its words
  assert.equal(parse('Copy-Item : An object at the specified path C:\\Program Files\\App\\x.dll does not exist.')[0].path, 'C:\\Program Files\\App\\x.dll')
  // 9. an NTFS volume Windows left unclean: no remount advice
  const ntfs = first('ntfs-3g: Falling back to read-only mount because the NTFS partition is in an unsafe state.', 'linux')
  assert.equal(ntfs.d.causes[0].id, 'read-only-fs', ids(ntfs.d))
  assert.match(texts(ntfs.d.causes[0]), /Fast Startup/)
  assert.doesNotMatch(texts(ntfs.d.causes[0]), /[Rr]emount it read-write/)
  // 10. Windows Installer's and Web Deploy's paths
  assert.equal(parse('Error 1310. Error writing to file: C:\\Program Files\\App\\x.dll. Verify that you have access to that directory.')[0].path, 'C:\\Program Files\\App\\x.dll')
  assert.equal(parse("Web Deploy cannot modify the file 'MyLib.dll' on the destination because it is locked by an external process.")[0].path, 'MyLib.dll')
})
