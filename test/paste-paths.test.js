'use strict'
// Paths as logs print them, through the public API: a UNC path in .NET's
// words, strace's call lines, a home directory written "~", and the
// note on a held-back command said once.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const fsdoctor = require('..')

const commands = (d) => d.causes.flatMap((c) => c.fixes.flatMap((f) => f.commands))

test('a raw UNC path in PowerShell\'s words keeps its backslashes', () => {
  const [e] = fsdoctor.parseErrors("cp : Access to the path '\\\\wsl$\\test\\etc\\wsl.conf' is denied.\n")
  assert.equal(e.path, '\\\\wsl$\\test\\etc\\wsl.conf')
  const d = fsdoctor.diagnoseSync(e, { live: false, platform: 'win32' })
  for (const c of commands(d)) assert.doesNotMatch(c, /\[char\]0x9|wsl`\$|estetc/, c)
})

test('strace: the call\'s own path arguments, unquoted', () => {
  const text = '1651406 rename("/tmp/install-ozy-1651396/ozy", "/home/matthew/.ozy/bin/ozy") = -1 EXDEV (Invalid cross-device link)\n'
  const [e] = fsdoctor.parseErrors(text)
  assert.deepEqual([e.code, e.syscall, e.path, e.dest], ['EXDEV', 'rename', '/tmp/install-ozy-1651396/ozy', '/home/matthew/.ozy/bin/ozy'])
  const d = fsdoctor.diagnoseSync(e, { live: false, platform: 'linux', context: text })
  assert.ok(commands(d).includes('df -P -- /tmp/install-ozy-1651396/ozy /home/matthew/.ozy/bin'), commands(d).join('\n'))
  const [o] = fsdoctor.parseErrors('openat(AT_FDCWD, "/x/\\303\\251", O_WRONLY|O_CREAT, 0666) = -1 EROFS (Read-only file system)\n')
  assert.deepEqual([o.syscall, o.path], ['open', '/x/\u00e9'])
  // a path strace cut reaches prose but no command
  const [cut] = fsdoctor.parseErrors('mkdir("/srv/a/very/long/na"..., 0777) = -1 EACCES (Permission denied)\n')
  assert.equal(cut.path, '/srv/a/very/long/na...')
  const dc = fsdoctor.diagnoseSync(cut, { live: false, platform: 'linux' })
  for (const c of commands(dc)) assert.doesNotMatch(c, /very\/long/, c)
})

test('a log\'s ~/x is given to bash as the home directory, unquoted ~', () => {
  const d = fsdoctor.diagnoseSync("Error EEXIST: file already exists, mkdir '~/.openwiki/skills/a b'", { live: false, platform: 'linux' })
  const cmds = commands(d)
  assert.ok(cmds.includes("ls -la -- ~/'.openwiki/skills/a b'"), cmds.join('\n'))
  for (const c of cmds) assert.doesNotMatch(c, /'~/, c)
})

test('live: a log\'s ~/x is measured in the home directory, an error of this process\'s ~ in cwd', (t) => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-home-'))
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-src-'))
  const saved = process.env.HOME
  t.after(() => {
    if (saved === undefined) delete process.env.HOME
    else process.env.HOME = saved
    fs.rmSync(home, { recursive: true, force: true })
    fs.rmSync(src, { recursive: true, force: true })
  })
  process.env.HOME = home
  fs.mkdirSync(path.join(home, '.atom'))
  fs.writeFileSync(path.join(src, 'f'), 'x')
  const err = { code: 'EXDEV', syscall: 'rename', path: path.join(src, 'f'), dest: '~/.atom/x' }
  // read with the log it came from (as `fsdoctor explain` does)
  const fromLog = fsdoctor.diagnoseSync(err, { live: true, holders: false, context: 'rename failed' })
  assert.equal(fromLog.live, true)
  assert.equal(fromLog.dest, path.join(home, '.atom', 'x'))
  for (const c of commands(fromLog)) assert.doesNotMatch(c, /~/, c)
  // Node takes '~' as it is: an error this process threw names cwd's
  const own = fsdoctor.diagnoseSync(err, { live: true, holders: false })
  assert.equal(own.dest, path.join(process.cwd(), '~', '.atom', 'x'))
})

test('a held-back command\'s note is said once per fix', () => {
  const d = fsdoctor.diagnoseSync({ code: 'EPERM', syscall: 'rename', path: 'D:\\p\\node_modules\\.staging\\a-1', dest: 'D:\\p\\node_modules\\a' }, { live: false, platform: 'win32' })
  let notes = 0
  for (const c of d.causes) {
    for (const f of c.fixes) {
      const m = f.text.match(/\(Not shown:[^)]*\)/g) || []
      notes += m.length
      assert.equal(new Set(m).size, m.length, f.text)
    }
  }
  assert.ok(notes > 0, 'some command was held back')
})

test('a quoted paste: "> ", "# " and "| " marks before each line are not the text', () => {
  const read = (t) => fsdoctor.parseErrors(t).map((e) => [e.code, e.syscall, e.path])
  // a path the terminal wrapped onto the next quoted line joins without the mark
  assert.deepEqual(read("> Error: EACCES: permission denied, open '/home/u/pro\n> ject/file.txt'"),
    [['EACCES', 'open', '/home/u/project/file.txt']])
  assert.deepEqual(read("> > npm ERR! code EPERM\n> > npm ERR! Error: EPERM: operation not permitted, unlink 'C:\\a\\b.js'"),
    [['EPERM', 'unlink', 'C:\\a\\b.js']])
  // Python's text ends its line with ':' and the path is on the next, commented line
  const [e] = fsdoctor.parseErrors("# Failed to install: [WinError 5] Access is denied:\n#    'C:\\w\\mods\\repo\\.git\\objects\\02\\ab12'")
  assert.deepEqual([e.code, e.path], ['EPERM', 'C:\\w\\mods\\repo\\.git\\objects\\02\\ab12'])
  const d = fsdoctor.diagnoseSync(e, { live: false, platform: 'win32' })
  assert.equal(d.causes[0].id, 'readonly-attribute')
  // a table's cell mark
  assert.deepEqual(read("| Error: ENOENT: no such file or directory, open '/a/b'"), [['ENOENT', 'open', '/a/b']])
})

test('a message that ends at its call takes the quoted path a tool wrapped onto the next line', () => {
  const read = (t) => fsdoctor.parseErrors(t).map((e) => [e.code, e.syscall, e.path || null])
  // Claude Code's tool output and marp-cli's log indent the wrapped path
  assert.deepEqual(read("  ⎿  Error: EACCES: permission denied, mkdir\n     '/tmp/claude/-home-dp-x'"),
    [['EACCES', 'mkdir', '/tmp/claude/-home-dp-x']])
  assert.deepEqual(read("[ ERROR ] Failed converting Markdown. (EACCES: permission denied, open\n          '/home/marp/app/slide-deck.html')"),
    [['EACCES', 'open', '/home/marp/app/slide-deck.html']])
  // a call with no path: the next line is a stack frame, not a path
  assert.deepEqual(read('Error: EBADF: bad file descriptor, close\n    at Object.closeSync (node:fs:541:3)'),
    [['EBADF', 'close', null]])
  // and a message that is the last line
  assert.deepEqual(read('Error: EBADF: bad file descriptor, fstat'), [['EBADF', 'fstat', null]])
})
