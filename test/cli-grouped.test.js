'use strict'
// Answers that lead with the one thing to do (issue 14): errors grouped by
// code, cause and place, the largest group's answer on the first line; a
// log without paths measured on the command's working directory; the
// newest failed npm run picked by --npm-log; a path that is gone said so;
// `run` on the user's terminal. The same with a real npm on a full disk is
// in cli-install.test.js (a long lane).
const test = require('node:test')
const assert = require('node:assert')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { cli, npmEnv, bin } = require('./helpers/cli')
const sys = require('./helpers/sys')

function tmp (t, prefix = 'fsd-group-') {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  return d
}

// A full filesystem where we may make one (a small tmpfs, as root), else
// an ordinary directory: the grouping is the same, the evidence differs.
function projectDir (t) {
  if (process.platform === 'linux' && sys.isRoot()) {
    const m = sys.mountTmpfs({ size: '1m' })
    t.after(m.cleanup)
    try {
      fs.writeFileSync(path.join(m.dir, 'fill'), Buffer.alloc(2 << 20))
    } catch (err) {
      if (err.code !== 'ENOSPC') throw err
    }
    fs.mkdirSync(path.join(m.dir, 'proj'))
    return { dir: path.join(m.dir, 'proj'), full: true }
  }
  return { dir: tmp(t), full: false }
}

// An npm 11 debug log of `npm install` on a full disk, as npm writes it:
// one TAR_ENTRY_ERROR per file of the package (paths inside the tarball
// only), then the final error with no path at all.
function enospcLog (cwd, n) {
  const lines = [
    '0 verbose cli /usr/bin/node /usr/bin/npm',
    '1 info using npm@11.19.1',
    '7 verbose title npm install ../bigpkg-1.0.0.tgz',
    '8 verbose argv "install" "--offline" "../bigpkg-1.0.0.tgz"'
  ]
  let seq = 19
  // One error as npm 11.19 logs it (from a real run, the stream's
  // internals left out): a warn line, then the error object.
  const block = (a, b, i) => [
    `${a} warn tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write`,
    `${b} silly tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write [Error: ENOSPC: no space left on device, write] {`,
    `${b} silly tar   errno: -28,`,
    `${b} silly tar   code: 'ENOSPC',`,
    `${b} silly tar   syscall: 'write',`,
    `${b} silly tar   entry: Fs {`,
    `${b} silly tar     writable: false,`,
    `${b} silly tar     readable: false,`,
    `${b} silly tar     extended: undefined,`,
    `${b} silly tar     globalExtended: undefined,`,
    `${b} silly tar     header: As {`,
    `${b} silly tar       cksumValid: true,`,
    `${b} silly tar       needPax: false,`,
    `${b} silly tar       nullBlock: false,`,
    `${b} silly tar       block: undefined,`,
    `${b} silly tar       path: 'package/files/f${i}.txt',`,
    `${b} silly tar       mode: 420,`,
    `${b} silly tar       uid: undefined,`,
    `${b} silly tar       gid: undefined,`,
    `${b} silly tar       size: 10809,`,
    `${b} silly tar       cksum: 5003,`,
    `${b} silly tar       linkpath: '',`,
    `${b} silly tar       uname: '',`,
    `${b} silly tar       gname: '',`,
    `${b} silly tar       devmaj: 0,`,
    `${b} silly tar       devmin: 0,`,
    `${b} silly tar       atime: undefined,`,
    `${b} silly tar       ctime: undefined,`,
    `${b} silly tar       mtime: 1985-10-26T08:15:00.000Z,`,
    `${b} silly tar       charset: undefined,`,
    `${b} silly tar       comment: undefined`,
    `${b} silly tar     },`,
    `${b} silly tar     startBlockSize: 11264,`,
    `${b} silly tar     blockRemain: 0,`,
    `${b} silly tar     remain: 0,`,
    `${b} silly tar     type: 'File',`,
    `${b} silly tar     meta: false,`,
    `${b} silly tar     ignore: false,`,
    `${b} silly tar     path: 'files/f${i}.txt',`,
    `${b} silly tar     mode: 438,`,
    `${b} silly tar     uid: undefined,`,
    `${b} silly tar     gid: undefined,`,
    `${b} silly tar     uname: '',`,
    `${b} silly tar     gname: '',`,
    `${b} silly tar     size: 10809,`,
    `${b} silly tar     mtime: 1985-10-26T08:15:00.000Z,`,
    `${b} silly tar     atime: undefined,`,
    `${b} silly tar     ctime: undefined,`,
    `${b} silly tar     linkpath: undefined,`,
    `${b} silly tar     dev: undefined,`,
    `${b} silly tar     ino: undefined,`,
    `${b} silly tar     nlink: undefined,`,
    `${b} silly tar     invalid: false,`,
    `${b} silly tar     absolute: '${cwd}/node_modules/bigpkg/files/f${i}.txt',`,
    `${b} silly tar     unsupported: false,`,
    `${b} silly tar   },`,
    `${b} silly tar   cwd: '${cwd}/node_modules/bigpkg',`,
    `${b} silly tar   tarCode: 'TAR_ENTRY_ERROR'`,
    `${b} silly tar }`
  ]
  for (let i = 0; i < n; i++) {
    lines.push(...block(seq, seq + 1, i))
    seq += 2
  }
  lines.push(`${seq} verbose stack Error: ENOSPC: no space left on device, write`)
  lines.push(`${seq + 1} error code ENOSPC`, `${seq + 2} error syscall write`, `${seq + 3} error errno -28`)
  lines.push(`${seq + 4} error nospc ENOSPC: no space left on device, write`)
  lines.push(`${seq + 5} verbose cwd ${cwd}`, `${seq + 6} verbose exit -28`, '')
  return lines.join('\n')
}

test('explain: hundreds of ENOSPC of one full disk are one group, its answer first', (t) => {
  const { dir, full } = projectDir(t)
  const logDir = tmp(t)
  const log = path.join(logDir, 'npm-debug.log')
  fs.writeFileSync(log, enospcLog(dir, 400))
  const { env } = npmEnv(t)
  const r = cli(['explain', log], { env })
  assert.strictEqual(r.code, 1, r.stderr)
  const lines = r.stdout.trimEnd().split('\n')
  assert.match(lines[0], /^ENOSPC from write: .* \(401 errors like this\)$/, r.stdout.slice(0, 2000))
  if (full) assert.match(lines[0], /has 0 bytes free/)
  assert.ok(lines.length < 40, `${lines.length} lines`)
  assert.match(r.stdout, /400 paths: package\/files\/f0\.txt, package\/files\/f1\.txt, package\/files\/f2\.txt, and 397 more/)
  // No path in the log: measured where the command ran, and said so.
  assert.match(r.stdout, new RegExp(`measured on the command's working directory, ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
  assert.match(r.stdout, /measured on this machine/)
  assert.match(lines[lines.length - 1], /401 filesystem errors in 1 group/)
  const j = JSON.parse(cli(['explain', log, '--json'], { env }).stdout)
  assert.strictEqual(j.groups.length, 1)
  assert.strictEqual(j.groups[0].count, 401)
  assert.strictEqual(j.groups[0].cause, full ? 'disk-full' : j.diagnoses[0].causes[0].id)
  assert.strictEqual(j.diagnoses[j.groups[0].diagnosis].live, true)
  // A log from another machine (its working directory is not here):
  // nothing of this machine is measured for it, npm's cache included.
  fs.writeFileSync(log, enospcLog('/nonexistent-fsd-cwd/proj', 3))
  const other = JSON.parse(cli(['explain', log, '--json'], { env }).stdout)
  assert.strictEqual(other.groups.reduce((a, g) => a + g.count, 0), 4)
  assert.ok(other.diagnoses.every((d) => d.live === false))
})

test('explain: groups by code, cause and place; the largest first', (t) => {
  const dir = tmp(t)
  const a = path.join(dir, 'a')
  const b = path.join(dir, 'b')
  fs.mkdirSync(path.join(a, 'node_modules'), { recursive: true })
  fs.mkdirSync(path.join(b, 'node_modules'), { recursive: true })
  const lines = []
  // Three ENOENT in project a, two in project b, one EPERM from Windows.
  for (const n of ['x', 'y', 'z']) lines.push(`Error: ENOENT: no such file or directory, open '${a}/node_modules/${n}/package.json'`)
  for (const n of ['x', 'y']) lines.push(`Error: ENOENT: no such file or directory, open '${b}/node_modules/${n}/package.json'`)
  lines.push("Error: EPERM: operation not permitted, rename 'C:\\p\\node_modules\\.staging\\a-1' -> 'C:\\p\\node_modules\\a'")
  const r = cli(['explain', '--json'], { input: lines.join('\n') + '\n' })
  const j = JSON.parse(r.stdout)
  assert.deepStrictEqual(j.groups.map((g) => [g.code, g.count]), [['ENOENT', 3], ['ENOENT', 2], ['EPERM', 1]])
  assert.notStrictEqual(j.groups[0].place, j.groups[1].place)
  const h = cli(['explain'], { input: lines.join('\n') + '\n' })
  assert.match(h.stdout.split('\n')[0], /^ENOENT from open: .*\(3 errors like this\)$/)
  assert.match(h.stdout, /^2\. ENOENT from open: .*\(2 errors like this\)$/m)
  assert.match(h.stdout, /^3\. EPERM from rename: /m)
  assert.match(h.stdout, /6 filesystem errors in 3 groups/)
})

test('explain: a path that is gone is said to be gone; one that exists is live', (t) => {
  const dir = tmp(t)
  const gone = path.join(dir, 'node_modules', '.staging', 'lodash-1a2b', 'package.json')
  const there = path.join(dir, 'there.txt')
  fs.writeFileSync(there, '')
  const input = `Error: EPERM: operation not permitted, rename '${gone}' -> '${path.join(dir, 'node_modules', 'lodash', 'package.json')}'\n` +
    `Error: EACCES: permission denied, open '${there}'\n`
  const j = JSON.parse(cli(['explain', '--json'], { input }).stdout)
  const g = j.groups.find((x) => x.code === 'EPERM')
  assert.match(g.notes.join(' '), new RegExp(`${gone.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist here now \\(the nearest directory that does is ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`))
  assert.strictEqual(j.diagnoses.find((d) => d.code === 'EACCES').live, true)
  const h = cli(['explain'], { input })
  assert.match(h.stdout, /does not exist here now/)
  assert.match(h.stdout, /npm rolls back a failed install/)
  // ENOENT: missing then, missing now; the first missing part, measured.
  const miss = path.join(dir, 'no-such-dir', 'sub', 'x.json')
  const e = JSON.parse(cli(['explain', '--json'], { input: `Error: ENOENT: no such file or directory, open '${miss}'\n` }).stdout)
  assert.match(e.groups[0].notes[0], new RegExp(`does not exist here either: ${path.join(dir, 'no-such-dir').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is the first part of it that is missing`))
})

function writeLog (logs, stamp, lines, mtime) {
  const f = path.join(logs, `${stamp}-debug-0.log`)
  fs.writeFileSync(f, lines.join('\n') + '\n')
  fs.utimesSync(f, mtime, mtime)
  return f
}

test('explain --npm-log: the newest failed run, not npx fsdoctor nor a success', (t) => {
  const { env, home } = npmEnv(t)
  const logs = path.join(home, 'cache', '_logs')
  fs.mkdirSync(logs)
  const failed = writeLog(logs, '2026-01-02T10_00_00_000Z', [
    '0 verbose cli /usr/bin/node /usr/bin/npm',
    '7 verbose title npm install left-pad',
    '8 verbose argv "install" "left-pad"',
    "9 verbose stack Error: EACCES: permission denied, mkdir '/nonexistent-fsd/node_modules/left-pad'",
    '10 error code EACCES',
    '11 verbose cwd /nonexistent-fsd',
    '12 verbose exit 243'
  ], new Date('2026-01-02T10:00:01Z'))
  writeLog(logs, '2026-01-02T10_05_00_000Z', [
    '7 verbose title npm run build',
    '8 verbose argv "run" "build"',
    '20 verbose exit 0'
  ], new Date('2026-01-02T10:05:01Z'))
  // The npx that started fsdoctor: still running, no exit line yet.
  writeLog(logs, '2026-01-02T10_06_00_000Z', [
    '7 verbose title npm exec fsdoctor explain --npm-log',
    '8 verbose argv "exec" "--" "fsdoctor" "explain" "--npm-log"',
    '9 error a warning that looks like an error'
  ], new Date('2026-01-02T10:06:01Z'))
  const r = cli(['explain', '--npm-log'], { env })
  assert.strictEqual(r.code, 1, r.stderr)
  assert.match(r.stdout.split('\n')[0], /^EACCES from mkdir: /)
  assert.match(r.stdout, /in npm's log of `npm install left-pad` \(exit 243\) at 2026-01-02 10:00:00 UTC: .*2026-01-02T10_00_00_000Z-debug-0\.log\.$/m)
  const j = JSON.parse(cli(['explain', '--npm-log', '--json'], { env }).stdout)
  assert.strictEqual(j.input, failed)
  assert.deepStrictEqual(j.run, { title: 'npm install left-pad', cwd: '/nonexistent-fsd', exit: 243, time: '2026-01-02T10:00:00.000Z' })
  // Only successes and fsdoctor's own runs: said so.
  fs.unlinkSync(failed)
  const none = cli(['explain', '--npm-log'], { env })
  assert.strictEqual(none.code, 2)
  assert.match(none.stderr, /no log of a failed npm command in .*_logs \(2 newer logs of runs that succeeded or of npx fsdoctor passed over\)/)
})

const haveScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0

test('run keeps the terminal: the command sees a TTY; no fs error is one line', { skip: !haveScript && 'needs util-linux script' }, (t) => {
  const dir = tmp(t)
  // A command named npm (its errors come from npm's log, so fsdoctor
  // leaves its stdout and stderr on the terminal) and one that is not.
  const probe = 'process.stdout.write(`tty out=${process.stdout.isTTY === true} err=${process.stderr.isTTY === true} color=${process.env.FORCE_COLOR || "-"}\\n`); process.exit(3)'
  const npm = path.join(dir, 'npm')
  fs.writeFileSync(npm, `#!${process.execPath}\n${probe}\n`, { mode: 0o755 })
  const { env } = npmEnv(t)
  const sh = (s) => `'${String(s).replace(/'/g, "'\\''")}'`
  const inTty = (args) => {
    const r = spawnSync('script', ['-qec', [process.execPath, bin, ...args].map(sh).join(' '), '/dev/null'], { encoding: 'utf8', env, timeout: 60000 })
    return { code: r.status, screen: r.stdout.replace(/\r\n/g, '\n') }
  }
  const a = inTty(['run', '--', npm, 'install', 'x'])
  assert.strictEqual(a.code, 3, a.screen)
  assert.match(a.screen, /tty out=true err=true color=-/)
  assert.match(a.screen, /fsdoctor: `.*npm install x` failed \(exit 3\) and wrote no npm debug log of this run/)
  // npm run: the script's errors are not in npm's log; stderr is copied.
  const s = inTty(['run', '--', npm, 'run', 'build'])
  assert.strictEqual(s.code, 3, s.screen)
  assert.match(s.screen, /tty out=true err=false color=1/)
  assert.match(s.screen, /with no filesystem error in its output\./)
  // Another command: stdout stays the terminal, stderr is copied (to find
  // its errors) and the command is told to keep its colors.
  const b = inTty(['run', '--', process.execPath, '-e', probe])
  assert.strictEqual(b.code, 3, b.screen)
  assert.match(b.screen, /tty out=true err=false color=1/)
  assert.match(b.screen, /with no filesystem error in its output\./)
})

test('explain: many groups are capped; the gone paths of a group share one note', (t) => {
  const dir = tmp(t)
  const lines = []
  for (let i = 0; i < 60; i++) lines.push(`Error: EACCES: permission denied, open '${dir}/gone-${i}/x/y'`)
  const r = cli(['explain'], { input: lines.join('\n') + '\n' })
  assert.strictEqual(r.code, 1, r.stderr)
  const out = r.stdout.trimEnd().split('\n')
  assert.ok(out.length < 150, `${out.length} lines`)
  assert.match(r.stdout, /^25\. EACCES from open: /m)
  assert.doesNotMatch(r.stdout, /^26\. /m)
  assert.match(r.stdout, /… and 35 more groups \(35 errors\); --json lists every one\./)
  assert.strictEqual(JSON.parse(cli(['explain', '--json'], { input: lines.join('\n') + '\n' }).stdout).groups.length, 60)
  // Three paths of one project, none of them here: one note for the three.
  const nm = (n) => `${dir}/proj/node_modules/.staging/${n}-1a2b/package.json`
  const same = ['a', 'b', 'c'].map((n) => `Error: EPERM: operation not permitted, rename '${nm(n)}' -> '${dir}/proj/node_modules/${n}/package.json'`)
  const j = JSON.parse(cli(['explain', '--json'], { input: same.join('\n') + '\n' }).stdout)
  assert.strictEqual(j.groups.length, 1)
  assert.strictEqual(j.groups[0].notes.length, 1, JSON.stringify(j.groups[0].notes))
  assert.match(j.groups[0].notes[0], /^3 of these paths do not exist here now \(.* among them; the nearest directory that does is /)
})
