'use strict'
// The red team's Windows findings (read-only run over every corpus text):
// recursive read-only clearing of system folders and profile junctions,
// read-only commands that must fail for the target's type, git's
// core.longpaths off Windows, and Windows paths read as POSIX ones.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const fsdoctor = require('..')

const BIN = path.join(__dirname, '..', 'bin', 'fsdoctor.js')

function commands (d, id) {
  return d.causes.filter((c) => !id || c.id === id)
    .flatMap((c) => c.fixes.flatMap((f) => f.commands.map((cmd, i) => ({ cmd, cls: f.classes[i], shell: f.shell }))))
}

const text = (code, call, p) => `Error: ${code}: operation not permitted, ${call} '${p}'`

test('no change, wide or not, on a Windows root, system folder, profile or junction (text only)', () => {
  const places = [
    'C:\\Documents and Settings', 'D:\\System Volume Information', 'c:\\Config.Msi',
    'C:\\inetpub', 'D:\\MSOCache', 'C:\\$Recycle.Bin\\S-1-5-18', 'C:\\Recovery', 'D:\\', 'C:\\',
    'C:\\Users\\bob\\Application Data', 'C:\\Users\\bob\\AppData\\Local\\Application Data',
    'C:\\Users\\bob', 'C:\\Users', 'C:\\Windows\\Temp\\x.js', '\\\\?\\C:\\Windows',
    'System Volume Information', '\\Documents and Settings'
  ]
  for (const p of places) {
    for (const call of ['scandir', 'unlink', 'open', 'mkdir', 'lstat']) {
      const d = fsdoctor.diagnoseSync(text('EPERM', call, p), { platform: 'win32' })
      const bad = commands(d).filter((c) => c.cls === 'change' && /attrib -r|IsReadOnly|ReadOnly|chmod/.test(c.cmd))
      assert.deepEqual(bad, [], `${call} ${p}`)
    }
  }
})

test('a project folder still gets its read-only fixes', () => {
  const d = fsdoctor.diagnoseSync(text('EPERM', 'scandir', 'C:\\p\\dist'), { platform: 'win32' })
  const cmds = commands(d, 'readonly-attribute').map((c) => c.cmd)
  assert.ok(cmds.includes('attrib -r C:\\p\\dist\\* /s /d'), cmds.join('\n'))
})

test('read-only fixes fit the target: a directory, a file, or a form for both', () => {
  // scandir, rmdir, mkdir: a directory. No IsReadOnly (DirectoryInfo has none).
  for (const call of ['scandir', 'rmdir', 'mkdir', 'opendir']) {
    const d = fsdoctor.diagnoseSync(text('EPERM', call, 'C:\\p\\dist'), { platform: 'win32' })
    const cmds = commands(d, 'readonly-attribute').map((c) => c.cmd)
    assert.ok(cmds.length, call)
    assert.ok(!cmds.some((c) => c.includes('IsReadOnly')), `${call}: ${cmds.join('\n')}`)
    assert.ok(cmds.some((c) => /\/s \/d$/.test(c)), `${call}: ${cmds.join('\n')}`)
    // The PowerShell walk enters no reparse point (5.1's -Recurse follows junctions).
    const ps = cmds.filter((c) => c.includes('Get-ChildItem'))
    assert.ok(ps.length && ps.every((c) => !c.includes('-Recurse') && c.includes('ReparsePoint')), ps.join('\n'))
  }
  // open, unlink, copyfile of a file's name: per-file commands only.
  for (const call of ['open', 'unlink', 'copyfile']) {
    const d = fsdoctor.diagnoseSync(text('EPERM', call, 'C:\\foo\\node_modules\\firebase\\app-node.js'), { platform: 'win32' })
    const cmds = commands(d, 'readonly-attribute').map((c) => c.cmd)
    assert.ok(cmds.length, call)
    assert.ok(!cmds.some((c) => /\\\*|\/s \/d|Get-ChildItem/.test(c)), `${call}: ${cmds.join('\n')}`)
    assert.ok(cmds.includes('(Get-Item -LiteralPath C:\\foo\\node_modules\\firebase\\app-node.js -Force).IsReadOnly = $false'), cmds.join('\n'))
  }
  // A package folder right under node_modules may be named like a file
  // (highlight.js); nothing tells: the forms that work for both.
  for (const p of ['C:\\p\\node_modules\\highlight.js', 'C:\\p\\node_modules\\@s\\x.js', 'C:\\p\\node_modules\\foo']) {
    const d = fsdoctor.diagnoseSync(text('EPERM', 'unlink', p), { platform: 'win32' })
    const cmds = commands(d, 'readonly-attribute').map((c) => c.cmd)
    assert.ok(cmds.some((c) => c.startsWith('attrib -r ') && c.includes(p)), cmds.join('\n'))
    assert.ok(!cmds.some((c) => /IsReadOnly|\/s \/d|Get-ChildItem/.test(c)), `${p}: ${cmds.join('\n')}`)
    assert.ok(cmds.some((c) => c.includes('-band -bnot [IO.FileAttributes]::ReadOnly')), cmds.join('\n'))
  }
})

test('git core.longpaths only for Windows', () => {
  for (const [p, platform] of [['/home/u/p/node_modules/a', 'linux'], ['/Users/u/p/a', 'darwin'], ['/mnt/c/p/a', 'wsl']]) {
    const d = fsdoctor.diagnoseSync(`Error: ENAMETOOLONG: name too long, open '${p}'`, { platform })
    assert.ok(!commands(d).some((c) => c.cmd.includes('core.longpaths')), platform)
  }
  const w = fsdoctor.diagnoseSync("Error: ENAMETOOLONG: name too long, open 'C:\\p\\a'", { platform: 'win32' })
  assert.ok(commands(w).some((c) => c.cmd.includes('core.longpaths')))
})

test('a relative path with only backslashes is a Windows path', () => {
  const [e] = fsdoctor.parseErrors("Error: EBUSY: resource busy or locked, rmdir 'tmp\\project'")
  assert.equal(e.platform, 'win32')
  const d = fsdoctor.diagnoseSync({ code: 'EBUSY', syscall: 'rmdir', path: 'tmp\\project' }, { live: false })
  assert.equal(d.platform, 'win32')
  assert.ok(!commands(d).some((c) => /findmnt|lsof|fuser/.test(c.cmd)), commands(d).map((c) => c.cmd).join('\n'))
  // A forward slash, or the text's own sign, keeps the other reading.
  assert.equal(fsdoctor.parseErrors("Error: EBUSY: resource busy or locked, rmdir 'tmp/project'")[0].platform, null)
})

test('a Windows path in a WSL or POSIX answer reaches no bash command', () => {
  for (const platform of ['wsl', 'linux']) {
    const d = fsdoctor.diagnoseSync("Error: ENOENT: no such file or directory, open 'C:\\Windows\\package-lock.json'", { platform })
    const cmds = commands(d).map((c) => c.cmd)
    assert.ok(!cmds.some((c) => /C:\\/.test(c)), `${platform}: ${cmds.join('\n')}`)
  }
})

test('explain --platform says where pasted errors happened', (t) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-rt-'))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  const f = path.join(d, 'log.txt')
  fs.writeFileSync(f, "Error: EBUSY: resource busy or locked, rmdir 'tmp/project'\n")
  for (const p of ['win32', 'darwin', 'wsl']) {
    const r = spawnSync(process.execPath, [BIN, 'explain', f, '--platform', p, '--json'], { encoding: 'utf8' })
    assert.equal(r.status, 1, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout).diagnoses.map((x) => x.platform), [p])
  }
  const bad = spawnSync(process.execPath, [BIN, 'explain', f, '--platform', 'dos'], { encoding: 'utf8' })
  assert.equal(bad.status, 2)
  assert.match(bad.stderr, /--platform must be one of win32, darwin, linux, wsl/)
  const help = spawnSync(process.execPath, [BIN, 'explain', '--help'], { encoding: 'utf8' })
  assert.match(help.stdout, /--platform <p>/)
})
