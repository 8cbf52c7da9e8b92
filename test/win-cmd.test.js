'use strict'
// Long lane (scripts/test.js --long): the cmd commands of the fixes, parsed
// by a real cmd.exe under wine. Each command's program is replaced by a
// small Windows program that prints the arguments it was given (as the C
// runtime splits them), the commands are typed into an interactive cmd
// (stdin: %VAR% expands there as it does at a prompt), and every value the
// command names must come back as exactly one argument, unchanged.
// Needs wine64 and the mingw-w64 compiler (both used by the Windows lane).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { core } = require('../lib/engine')
const catalogue = require('../lib/causes.json')

const WINE = ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/bin/wine'].find((p) => fs.existsSync(p))
const CC = spawnSync('x86_64-w64-mingw32-gcc', ['--version']).status === 0
const WINEPREFIX = process.env.WINEPREFIX || path.join(os.homedir(), '.cache', 'fsdoctor-win', 'prefix')

const ARGV_C = `
#include <stdio.h>
#include <windows.h>
int wmain(int argc, wchar_t **argv) {
  static char buf[65536];
  int i;
  printf("%d", argc - 1); putchar(0);
  for (i = 1; i < argc; i++) {
    int n = WideCharToMultiByte(CP_UTF8, 0, argv[i], -1, buf, sizeof(buf), NULL, NULL);
    if (n > 0) fwrite(buf, 1, n - 1, stdout);
    putchar(0);
  }
  putchar(2);
  return 0;
}
`

// Not '|' nor '^': wine's cmd, unlike Windows', acts on them inside quotes
// when a line holds several; nor non-ASCII: it reads stdin in the OEM code
// page.
const ODD = ["it's", 'a b', '$(x)', '`x`', 'a;b', 'a&b', 'a,b', 'a=b', '(x)', 'a<b>c', '%PATH%', '!x!', 'a"b']

test('cmd under wine reads each value of a cmd fix back as one argument', {
  skip: (!WINE && 'wine64 not installed') || (!CC && 'x86_64-w64-mingw32-gcc not installed') ||
    (!fs.existsSync(path.join(WINEPREFIX, 'system.reg')) && `no wine prefix at ${WINEPREFIX} (scripts/test-win.sh makes it)`),
  timeout: 300000
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-wincmd-'))
  try {
    fs.writeFileSync(path.join(dir, 'argv.c'), ARGV_C)
    const cc = spawnSync('x86_64-w64-mingw32-gcc', ['-municode', '-O1', '-o', path.join(dir, 'argv.exe'), path.join(dir, 'argv.c')], { encoding: 'utf8' })
    assert.equal(cc.status, 0, cc.stderr)
    const exe = 'Z:' + path.join(dir, 'argv.exe').replace(/\//g, '\\')
    // Every cmd command of every cause, with the odd values as paths in a
    // project's node_modules (measured: removals pass the guard too).
    const lines = []
    const expect = []
    for (const o of ODD) {
      const v = `C:\\Users\\u\\proj\\node_modules\\${o}`
      const vals = { syscall: 'rmdir', path: v, component: v, flagged: v, looplink: v, brokenlink: v, nonempty: v, nodeModules: 'C:\\Users\\u\\proj\\node_modules', project: 'C:\\Users\\u\\proj', mount: 'D:\\', cache: 'C:\\Users\\u\\AppData\\Local\\npm-cache', pid: '42' }
      for (const { id } of catalogue) {
        for (const f of core().fixesSync({ ...vals, cause: id, platform: 'win32', measured: true, names: true })) {
          if (f.shell !== 'cmd') continue
          f.commands.forEach((cmd, i) => {
            // One program per line: the first word becomes argv.exe.
            if (/&&|\|/.test(cmd.replace(/"[^"]*"/g, ''))) return
            const names = f.names.commands[i].filter((k) => vals[k] !== undefined)
            if (names.length === 0) return
            lines.push(cmd.replace(/^\S+/, exe))
            expect.push({ cmd, values: names.map((k) => vals[k]) })
          })
        }
      }
    }
    if (process.env.FSD_WINCMD_DUMP) fs.writeFileSync(process.env.FSD_WINCMD_DUMP, lines.join("\n"))
    assert.ok(lines.length > 20, `${lines.length} cmd commands`)
    assert.ok(!expect.some((e) => /%|!|"/.test(e.values.join(''))), 'values cmd cannot take were left out')
    // Wine's cmd loses the lines after the first program it starts, so the
    // commands go on one line, joined by &, in batches under cmd's 8191.
    const chunks = []
    for (let i = 0; i < lines.length;) {
      // A line with parentheses outside quotes (icacls' (OI)(CI)) runs alone:
      // joined by &, cmd could read them as a block.
      const alone = (l) => /[()]/.test(l.replace(/"[^"]*"/g, ''))
      let line = lines[i++]
      while (i < lines.length && !alone(line) && !alone(lines[i]) && line.length + lines[i].length < 7000) line += ' & ' + lines[i++]
      const r = spawnSync(WINE, ['cmd'], {
        input: line + '\r\nexit\r\n',
        cwd: dir,
        env: { ...process.env, WINEPREFIX, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' },
        maxBuffer: 1 << 26,
        timeout: 120000
      })
      const out = r.stdout.toString('utf8')
      // The prompt comes once, before the first record of the line.
      const recs = out.split('\u0002').slice(0, -1)
      chunks.push(...recs.map((x, j) => j === 0 ? x : '>' + x.replace(/^[\s\S]*?(?=\d+\0)/, '')))
    }
    assert.equal(chunks.length, lines.length, 'every command ran')
    chunks.forEach((chunk, i) => {
      const m = />(\d+)\0/.exec(chunk)
      assert.ok(m, JSON.stringify(chunk))
      const args = chunk.slice(m.index + m[0].length).split('\0').slice(0, Number(m[1]))
      for (const v of expect[i].values) {
        // attrib's {path}\\* is the value and the wildcard, one argument.
        assert.ok(args.includes(v) || args.includes(v + '\\*'), `${expect[i].cmd}: ${JSON.stringify(v)} not one argument of ${JSON.stringify(args)}`)
      }
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
