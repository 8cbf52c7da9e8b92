'use strict'
// The safety grid (issue 13): every cause x syscall x platform x path shape,
// through the core's fixes request (the values measured: the guard may let
// removals through) and through text-only diagnoses (nothing measured).
// For every command shown:
// - no placeholder or stand-in reaches it;
// - a destroy, move or re-own command names only values that an oracle
//   written here, apart from the guard, accepts: inside the project's
//   node_modules or npm's cache, and never a root, a system directory, a
//   home or profile directory, a mount point, the global prefix, or the
//   source of the call (or what holds it); nothing is killed without a
//   measured pid; an exclusion names only the project or the cache;
// - every bash command is parsed by the real bash, and each value it names
//   reads back, through bash, as the same single argument;
// - PowerShell and cmd quoting follow their documented rules (a reader of
//   each shell's literal syntax, written here, gives the value back).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { core } = require('../lib/engine')
const fsdoctor = require('..')
const catalogue = require('../lib/causes.json')

const PLATFORMS = ['linux', 'darwin', 'win32', 'wsl']
const SYSCALLS = ['rename', 'link', 'copyfile', 'open', 'mkdir', 'rmdir', 'unlink', 'symlink', 'watch', 'write']
const HOME = { posix: '/home/u', win32: 'C:\\Users\\u' }
const CACHE = { posix: '/home/u/.npm', win32: 'C:\\Users\\u\\AppData\\Local\\npm-cache' }
const PREFIX = { posix: '/usr/local', win32: 'C:\\Users\\u\\AppData\\Roaming\\npm' }
const MOUNT = { posix: '/mnt/data', win32: 'D:\\' }

// Characters each shell treats specially, and control characters.
const ODD = ["it's", 'a b', '$(touch x)', '`x`', 'a;b', 'a&b', 'a|b', 'a,b', 'a=b', '%PATH%', '!x!', '\u2018x\u2019',
  '\u201ax\u201b', '\u201cx\u201d', 'a"b', 'a\nb', 'a\rb', 'a\u001b[2Kb', 'a\u2028b', '-rf', '~', '*', 'a^b', '(x)', '<x>', 'a#b']

function shapes (win) {
  const P = win ? path.win32 : path.posix
  const home = win ? HOME.win32 : HOME.posix
  const proj = P.join(home, 'proj')
  const nm = P.join(proj, 'node_modules')
  const list = win
    ? ['C:\\', 'D:\\', 'C:\\Windows', 'C:\\Windows\\System32\\x', 'C:\\Program Files', 'C:\\Program Files\\app\\x.log',
        'C:\\Program Files (x86)\\x', 'C:\\ProgramData\\x', 'C:\\Users', home, P.join(home, 'x'), '\\\\srv\\share', '\\\\srv\\share\\p\\node_modules\\x',
        PREFIX.win32, P.join(PREFIX.win32, 'node_modules'), P.join(PREFIX.win32, 'node_modules', 'x'), CACHE.win32, P.join(CACHE.win32, '_cacache', 'tmp'),
        MOUNT.win32, proj, nm, P.join(nm, 'x'), P.join(nm, '.staging', 'x')]
    : ['/', '/etc', '/etc/t', '/usr', '/usr/share', '/usr/share/x', '/var', '/var/lib', '/root', '/home', home, P.join(home, 'x'),
        '/Users/u', '/tmp', '/mnt', '/mnt/c', '/mnt/c/Users/u', '/mnt/c/Users/u/p/node_modules/x', '/System/Library/x',
        PREFIX.posix, '/usr/local/lib/node_modules', '/usr/local/lib/node_modules/x', '/usr/lib/node_modules/x',
        CACHE.posix, P.join(CACHE.posix, '_cacache', 'tmp'), MOUNT.posix, P.join(MOUNT.posix, 'x'),
        proj, nm, P.join(nm, 'x'), P.join(nm, '.staging', 'x'), P.join(nm, '.bin', 'x')]
  for (const o of ODD) list.push(P.join(nm, o), P.join(proj, o))
  // Not normalized: ".." must not make a path look inside node_modules.
  list.push(nm + P.sep + '..' + P.sep + '..' + P.sep + 'x', nm + P.sep + '.' + P.sep + 'x')
  return list
}

// ---- the oracle: what no destroy, move or re-own may name -------------------
function oracle (win) {
  const P = win ? path.win32 : path.posix
  const norm = (p) => {
    let s = win ? p.replace(/\//g, '\\').toLowerCase() : p
    while (s.length > 1 && (s.endsWith('/') || s.endsWith('\\')) && !/^[a-z]:\\$/i.test(s)) s = s.slice(0, -1)
    return s
  }
  const under = (p, dir) => {
    const a = norm(p)
    const b = norm(dir)
    const rel = P.relative(b, a)
    return a === b || (rel !== '' && !rel.startsWith('..') && !P.isAbsolute(rel))
  }
  const system = win
    ? ['c:\\windows', 'c:\\program files', 'c:\\program files (x86)', 'c:\\programdata']
    : ['/etc', '/usr', '/bin', '/sbin', '/lib', '/boot', '/dev', '/proc', '/sys', '/run', '/System', '/Library']
  const never = win
    ? ['c:\\users', HOME.win32, PREFIX.win32, MOUNT.win32]
    : ['/var', '/var/lib', '/root', '/home', '/tmp', '/mnt', '/mnt/c', '/mnt/c/Users', '/mnt/c/Users/u', '/Users', '/Users/u', '/usr/local', HOME.posix, PREFIX.posix, MOUNT.posix]
  // how.wide: a recursive or system-wide change (chmod -R, attrib /s,
  // umount): only the never-list applies, not the project's bounds.
  return function why (v, vals, how = {}) {
    if (!P.isAbsolute(v)) return 'not absolute'
    if (P.parse(v).root === v || norm(P.parse(v).root) === norm(v)) return 'a root'
    if (/^\\\\[^\\]+\\[^\\]+\\?$/.test(v)) return 'a share root'
    for (const s of system) if (under(v, s)) return `in ${s}`
    for (const n of never) if (!(how.mount && n === MOUNT.posix) && under(n, v)) return `${n} or what holds it`
    const prefix = win ? PREFIX.win32 : PREFIX.posix
    if (under(v, prefix)) return 'in the global prefix'
    if (/node_modules/i.test(v) && /(lib[\\/]node_modules|appdata[\\/]roaming[\\/]npm)/i.test(v)) return 'a global node_modules'
    if (how.mount) return norm(v) === norm(vals.mount) ? null : 'not the measured mount point'
    if (how.wide) return null
    // What holds the source goes with it, unless the source is itself
    // something to rebuild (in node_modules or npm's cache).
    const src = vals.source
    const srcRebuilt = src && (/[\\/]node_modules[\\/]/.test(src) || under(src, win ? CACHE.win32 : CACHE.posix))
    if (src && under(src, v) && !srcRebuilt) return 'the source or what holds it'
    if (src && norm(src) === norm(v)) return 'the source'
    const cache = win ? CACHE.win32 : CACHE.posix
    // The node_modules of the project the call was in (what comes before
    // the first node_modules of its path or dest), or of the project named.
    const nms = [P.join(vals.project, 'node_modules')]
    for (const p of [vals.path, vals.dest]) {
      const m = p && /^(.*?)[\\/]node_modules(?=[\\/]|$)/.exec(win ? p.replace(/\//g, '\\') : p)
      if (m) nms.push(P.join(m[1] || P.sep, 'node_modules'))
    }
    if (!under(v, cache) && !nms.some((nm) => under(v, nm))) return 'outside the project node_modules and the cache'
    return null
  }
}

// ---- PowerShell and cmd literal readers (their documented rules) ------------
// about_Quoting_Rules: in '…' every quote character (' ‘ ’ ‚ ‛) is doubled to
// stand for itself; in "…" ` escapes the next character, $ starts an
// expansion, and “ ” „ end the string like ".
const PS_SQ = "'\u2018\u2019\u201a\u201b"
const PS_DQ = '"\u201c\u201d\u201e'
function readPowerShell (q) {
  if (/^[A-Za-z0-9_./\\:][A-Za-z0-9_./\\:-]*$/.test(q)) return q
  const chars = [...q]
  if (PS_SQ.includes(chars[0])) {
    let out = ''
    for (let i = 1; i < chars.length; i++) {
      const c = chars[i]
      if (PS_SQ.includes(c)) {
        if (i === chars.length - 1) return out
        if (chars[i + 1] !== c) throw new Error(`unescaped quote in ${q}`)
        out += c
        i++
      } else out += c
    }
    throw new Error(`unterminated ${q}`)
  }
  if (PS_DQ.includes(chars[0])) {
    let out = ''
    for (let i = 1; i < chars.length; i++) {
      const c = chars[i]
      if (c === '`') { out += chars[++i]; continue }
      if (c === '$') {
        const m = /^\$\(\[char\]0x([0-9a-f]+)\)/.exec(chars.slice(i).join(''))
        if (!m) throw new Error(`expansion in ${q}`)
        out += String.fromCharCode(parseInt(m[1], 16))
        i += m[0].length - 1
        continue
      }
      if (PS_DQ.includes(c)) {
        if (i !== chars.length - 1) throw new Error(`early end in ${q}`)
        return out
      }
      if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(c)) throw new Error(`raw control in ${JSON.stringify(q)}`)
      out += c
    }
    throw new Error(`unterminated ${q}`)
  }
  throw new Error(`bare special ${q}`)
}

// cmd.exe: inside "…" only % (and ! with delayed expansion) and " itself
// are special; outside, & | < > ( ) ^ , ; = space and / (a switch) are.
function readCmd (q) {
  if (q === null) return null
  if (/^[A-Za-z0-9_.\\:-]+$/.test(q) && !q.startsWith('-')) return q
  assert.ok(q.startsWith('"') && q.endsWith('"') && q.length >= 2, `cmd quoting of ${q}`)
  const inner = q.slice(1, -1)
  assert.ok(!/["%!\u0000-\u001f\u007f]/.test(inner), `cmd: special inside quotes: ${q}`)
  // A program's argv parser reads 2n backslashes before the closing quote
  // as n.
  return inner.replace(/(\\+)$/, (m) => '\\'.repeat(m.length / 2))
}

// ---- bash, for real ---------------------------------------------------------
const haveBash = spawnSync('bash', ['-c', 'true']).status === 0

// Each quoted word through bash: printed as the list of arguments it makes.
function bashArgs (words) {
  const script = 'f(){ printf "%s\\0" "$#" "$@"; }\n' + words.map((w) => `f ${w}`).join('\n') + '\n'
  const r = spawnSync('bash', ['--norc', '--noprofile'], { input: script, maxBuffer: 1 << 26 })
  assert.equal(r.status, 0, r.stderr.toString())
  // A count, then that many arguments, each ended by NUL.
  const parts = r.stdout.toString('utf8').split('\0')
  const out = []
  for (let i = 0; out.length < words.length && i < parts.length;) {
    const n = Number(parts[i])
    out.push(parts.slice(i + 1, i + 1 + n))
    i += 1 + n
  }
  return out
}

// Every command through bash -n (syntax), in batches.
function bashSyntax (cmds) {
  const bad = []
  const check = (list) => {
    const body = list.map((c, i) => `__f${i}() {\n${c}\n}`).join('\n')
    const r = spawnSync('bash', ['-n'], { input: body, encoding: 'utf8' })
    if (r.status === 0) return
    if (list.length === 1) bad.push(`${list[0]}: ${r.stderr}`)
    else {
      check(list.slice(0, list.length >> 1))
      check(list.slice(list.length >> 1))
    }
  }
  for (let i = 0; i < cmds.length; i += 500) check(cmds.slice(i, i + 500))
  return bad
}

function quote (value, shell, platform) {
  return core().quoteSync({ value, shell, platform })
}

// ---- the grid -----------------------------------------------------------------
const PATHISH = ['path', 'dest', 'component', 'flagged', 'looplink', 'brokenlink', 'nonempty', 'nodeModules', 'mount', 'dir', 'target']

function run () {
  const shown = []
  for (const platform of PLATFORMS) {
    const win = platform === 'win32'
    const P = win ? path.win32 : path.posix
    const nm = P.join(win ? HOME.win32 : HOME.posix, 'proj', 'node_modules')
    const base = {
      project: P.join(win ? HOME.win32 : HOME.posix, 'proj'),
      cache: win ? CACHE.win32 : CACHE.posix,
      cachetmp: P.join(win ? CACHE.win32 : CACHE.posix, '_cacache', 'tmp'),
      prefix: win ? PREFIX.win32 : PREFIX.posix,
      mount: win ? MOUNT.win32 : MOUNT.posix,
      home: win ? HOME.win32 : HOME.posix,
      pid: '4242',
      newlimit: '65536',
      wantlimit: '65536',
      sysctlkey: 'fs.inotify.max_user_watches',
      bit: 'w',
      owner: 'root'
    }
    for (const shape of shapes(win)) {
      for (const syscall of SYSCALLS) {
        const two = ['rename', 'link', 'copyfile', 'symlink'].includes(syscall)
        // The shape as the path (a source, for two-path calls) and as the
        // destination.
        const cases = two ? [{ path: shape, dest: P.join(nm, 'dest') }, { path: P.join(nm, 'src'), dest: shape }] : [{ path: shape }]
        for (const c of cases) {
          const vals = { ...base, ...c, syscall }
          for (const k of ['component', 'flagged', 'looplink', 'brokenlink', 'nonempty', 'nodeModules']) vals[k] = shape
          for (const { id } of catalogue) {
            const fixes = core().fixesSync({ ...vals, cause: id, platform, measured: true, names: true })
            for (const f of fixes) shown.push({ id, platform, vals: { ...vals, source: two ? c.path : null }, fix: f, measured: true })
          }
        }
      }
    }
  }
  return shown
}

test('safety grid: no shown command breaks the guard, and every value reads back in its shell', { timeout: 600000 }, () => {
  const shown = run()
  const problems = []
  const bashWords = new Map()
  const bashCmds = new Set()
  let commands = 0
  const why = { true: oracle(true), false: oracle(false) }
  for (const { id, platform, vals, fix } of shown) {
    const win = platform === 'win32'
    assert.equal(fix.commands.length, fix.classes.length)
    fix.commands.forEach((cmd, i) => {
      commands++
      const cls = fix.classes[i]
      const names = fix.names.commands[i]
      const where = `${id} ${platform} ${vals.syscall} ${JSON.stringify(vals.path)} -> ${JSON.stringify(vals.dest)}: ${JSON.stringify(cmd)}`
      if (/\{[A-Za-z]+\}|<[a-z ]+>/.test(cmd) && !/<x>/.test(cmd)) problems.push(`placeholder: ${where}`)
      if (cls === 'kill') problems.push(`kill without a measured pid: ${where}`)
      // A reinstall prunes {project}/node_modules: judged as a removal of it.
      const reinstall = /^npm install --prefix /.test(cmd)
      if (reinstall && cls !== 'destroy') problems.push(`a reinstall not declared a destroy: ${where}`)
      // Recursive and system-wide changes obey the never-list (REVIEW13 4).
      const wide = cls === 'change' && /chmod -R|\/s \/d|-Recurse|chown -R/.test(cmd)
      const mount = cls === 'change' && /\bumount\b|remount|mount -uw|diskutil unmount/.test(cmd)
      if (wide || mount) {
        for (const k of names) {
          if (!PATHISH.includes(k)) continue
          const bad = why[win](vals[k], vals, { wide, mount })
          if (bad) problems.push(`wide change of ${k}=${JSON.stringify(vals[k])} (${bad}): ${where}`)
        }
      }
      // PowerShell 5.1's Remove-Item -Recurse follows junctions (REVIEW13 2b).
      if (win && /Remove-Item\b.*-Recurse/.test(cmd)) problems.push(`recursive Remove-Item: ${where}`)
      if (['destroy', 'move', 'reown', 'weaken'].includes(cls)) {
        for (const k of names) {
          if (!PATHISH.includes(k) && !['project', 'cache', 'cachetmp'].includes(k)) continue
          const v = reinstall && k === 'project' ? (win ? path.win32 : path.posix).join(vals[k], 'node_modules') : vals[k]
          const bad = why[win](v, vals)
          if (bad) problems.push(`${cls} of ${k}=${JSON.stringify(v)} (${bad}): ${where}`)
        }
        if (cls === 'weaken' && !names.every((k) => k === 'project' || k === 'cache')) problems.push(`weaken: ${where}`)
      }
      if (fix.shell === 'bash' || (!fix.shell && !win)) {
        bashCmds.add(cmd)
        for (const k of names) if (vals[k] !== undefined) bashWords.set(quote(vals[k], 'bash', platform), vals[k])
      }
      if (fix.shell === 'powershell') {
        for (const k of names) {
          if (vals[k] === undefined) continue
          const q = quote(vals[k], 'powershell', platform)
          if (!cmd.includes(q)) problems.push(`powershell: ${JSON.stringify(q)} not in ${where}`)
          try {
            if (readPowerShell(q) !== vals[k]) problems.push(`powershell reads ${JSON.stringify(q)} back as another value: ${where}`)
          } catch (e) { problems.push(`powershell: ${e.message}: ${where}`) }
        }
      }
      if (fix.shell === 'cmd') {
        if (/(^|&&\s*)cd\s+(?!\/d)/.test(cmd)) problems.push(`cmd cd without /d: ${where}`)
        for (const k of names) {
          if (vals[k] === undefined) continue
          const q = quote(vals[k], 'cmd', platform)
          if (q === null) problems.push(`cmd command shown with a value cmd cannot take: ${where}`)
          else if (readCmd(q) !== vals[k].replace(/\\+$/, (m) => m)) problems.push(`cmd reads ${q} back as another value: ${where}`)
        }
      }
    })
  }
  assert.ok(commands > 10000, `${commands} commands`)
  assert.ok(shown.some(({ fix }) => fix.classes.includes('destroy')), 'some removal passes (inside node_modules)')
  if (haveBash) {
    const words = [...bashWords.keys()]
    const back = bashArgs(words)
    words.forEach((w, i) => {
      const v = bashWords.get(w)
      if (back[i].length !== 1 || back[i][0] !== v) problems.push(`bash reads ${w} as ${JSON.stringify(back[i])}, not ${JSON.stringify(v)}`)
    })
    problems.push(...bashSyntax([...bashCmds]))
  }
  assert.deepStrictEqual(problems.slice(0, 20), [], `${problems.length} problems in ${commands} commands`)
})

test('text-only diagnoses show no removal, move, re-own, kill or exclusion, and stay below 0.9', () => {
  const codes = ['EPERM', 'EACCES', 'EBUSY', 'ENOTEMPTY', 'EXDEV', 'ENOSPC', 'EROFS', 'EMLINK', 'ELOOP', 'ENOENT', 'EMFILE', 'ENFILE', 'ETXTBSY', 'ENAMETOOLONG', 'EEXIST']
  let n = 0
  for (const platform of PLATFORMS) {
    const win = platform === 'win32'
    for (const shape of shapes(win)) {
      for (const syscall of SYSCALLS) {
        for (const code of codes) {
          const d = fsdoctor.diagnoseSync({ code, syscall, path: shape, dest: syscall === 'rename' ? shape + '.new' : undefined }, { live: false, platform })
          for (const c of d.causes) {
            assert.ok(c.confidence < 0.9, `${c.id} ${c.confidence} from text alone`)
            for (const f of c.fixes) {
              n++
              for (const cls of f.classes) assert.ok(cls === 'inspect' || cls === 'change', `${code} ${syscall} ${shape}: ${cls} ${f.commands}`)
              for (const cmd of f.commands) assert.doesNotMatch(cmd, /\{[A-Za-z]+\}|<(?:path|dir|mount point|drive|pid|process|user|n|max|limit|link|target|type|node|project|prefix)>/)
            }
          }
        }
      }
    }
  }
  assert.ok(n > 1000)
})

test('quote: each shell\'s reader gives every odd value back (or cmd refuses it)', () => {
  // A leading ~ is the home directory, given so that it expands (below).
  for (const o of ODD.concat(['', 'plain', 'C:\\a b\\', '\\\\srv\\s', 'x\u00e9y']).filter((v) => v !== '~')) {
    const ps = quote(o, 'powershell', 'win32')
    assert.equal(readPowerShell(ps), o, `powershell ${JSON.stringify(ps)}`)
    const cmd = quote(o, 'cmd', 'win32')
    if (/[%!"\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029]/.test(o)) assert.equal(cmd, null, `cmd takes ${JSON.stringify(o)}`)
    else assert.equal(readCmd(cmd), o, `cmd ${cmd}`)
    const any = quote(o, undefined, 'win32')
    if (any !== null) {
      assert.equal(readCmd(any), o)
      assert.equal(readPowerShell(any.startsWith('"') ? any : any), o)
    }
  }
  if (haveBash) {
    const vals = ODD.concat(['', 'plain', 'x\u00e9y', '\u0001\u007f', "'\\''"]).filter((v) => v !== '~')
    const back = bashArgs(vals.map((v) => quote(v, 'bash', 'linux')))
    vals.forEach((v, i) => assert.deepStrictEqual(back[i], [v]))
  }
})

test('quote: a log\'s ~/x reaches each shell as the home directory, never a literal ~', () => {
  const odd = ODD.filter((o) => o !== '~' && !o.includes('\n') && !o.includes('\r'))
  for (const o of odd) {
    // PowerShell: "$HOME\..." in double quotes, the rest read literally
    const ps = quote('~\\' + o, 'powershell', 'win32')
    assert.ok(ps.startsWith('"$HOME\\'), ps)
    assert.equal(readPowerShell('"' + ps.slice(6)), '\\' + o, ps)
    // cmd: "%USERPROFILE%\..." when it can take the rest, else nothing
    const cmd = quote('~\\' + o, 'cmd', 'win32')
    if (/[%!"\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029]/.test(o)) assert.equal(cmd, null, `cmd takes ~\\${o}`)
    else assert.equal(cmd, `"%USERPROFILE%\\${readCmd(quote(o, 'cmd', 'win32'))}"`, cmd)
    assert.equal(quote('~\\' + o, undefined, 'win32'), null)
  }
  if (haveBash) {
    const vals = ['~', '~/', ...odd.map((o) => '~/' + o), '~/a\nb']
    const words = vals.map((v) => quote(v, 'bash', 'linux'))
    const script = 'f(){ printf "%s\\0" "$#" "$@"; }\n' + words.map((w) => `f ${w}`).join('\n') + '\n'
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-home-'))
    try {
      const r = spawnSync('bash', ['--norc', '--noprofile'], { input: script, env: { ...process.env, HOME: home } })
      assert.equal(r.status, 0, r.stderr.toString())
      const parts = r.stdout.toString('utf8').split('\0')
      for (let i = 0, k = 0; i < vals.length; i++) {
        assert.equal(parts[k], '1', `${words[i]} is one word`)
        assert.equal(parts[k + 1], home + vals[i].slice(1), words[i])
        k += 2
      }
    } finally {
      fs.rmSync(home, { recursive: true, force: true })
    }
  }
})

test('the issue\'s cases do not come back', () => {
  // Measured-style requests: the guard decides with the values alone.
  const cmds = (req) => core().fixesSync({ measured: true, home: '/home/u', ...req }).flatMap((f) => f.commands)
  // ENOTEMPTY rename: never the source.
  const rn = cmds({ cause: 'dir-not-empty', platform: 'linux', syscall: 'rename', path: '/home/u/p/old', dest: '/home/u/p/new', nonempty: '/home/u/p/old' })
  assert.ok(!rn.some((c) => /rimraf|rm -rf/.test(c)), rn.join('\n'))
  // wrong-owner on / or /etc: no chown.
  for (const component of ['/', '/etc', '/usr/share', '/root', '/home/u']) {
    const w = cmds({ cause: 'wrong-owner', platform: 'linux', component, owner: 'root', path: component + '/x' })
    assert.ok(!w.some((c) => /chown/.test(c)), w.join('\n'))
  }
  // EXDEV link: never mv.
  const x = cmds({ cause: 'cross-device', platform: 'linux', syscall: 'link', path: '/store/f', dest: '/p/node_modules/f' })
  assert.ok(!x.some((c) => /\bmv\b/.test(c)), x.join('\n'))
  // Program Files: no Move-Item.
  const pf = cmds({ cause: 'protected-location', platform: 'win32', path: 'C:\\Program Files\\app.log', project: 'C:\\Program Files', dir: 'C:\\Program Files' })
  assert.ok(!pf.some((c) => /Move-Item/.test(c)), pf.join('\n'))
  // The global node_modules on Windows: no rimraf.
  const g = cmds({ cause: 'file-locked', platform: 'win32', syscall: 'rename', path: 'C:\\Users\\u\\AppData\\Roaming\\npm\\node_modules\\x', project: 'C:\\Users\\u\\AppData\\Roaming\\npm', nodeModules: 'C:\\Users\\u\\AppData\\Roaming\\npm\\node_modules', prefix: 'C:\\Users\\u\\AppData\\Roaming\\npm' })
  assert.ok(!g.some((c) => /rimraf/.test(c)), g.join('\n'))
  // Mount point: never emptied.
  const m = cmds({ cause: 'mount-point-busy', platform: 'linux', syscall: 'rename', path: '/mnt/data', mount: '/mnt/data' })
  assert.ok(!m.some((c) => /-delete/.test(c)), m.join('\n'))
  assert.ok(m.includes('sudo umount -- /mnt/data'))
  // npm config set cache when the cache is already npm's default, or set
  // by the environment.
  for (const npmCacheFrom of ['default', 'env']) {
    const r = cmds({ cause: 'read-only-fs', platform: 'linux', npmCacheFrom, mount: '/m' })
    assert.ok(!r.some((c) => /config set cache/.test(c)), r.join('\n'))
  }
  assert.ok(cmds({ cause: 'read-only-fs', platform: 'linux', npmCacheFrom: 'user', mount: '/m' }).some((c) => /config set cache/.test(c)))
  // Placeholders never reach a command: no `<mount point>`.
  const df = core().fixesSync({ cause: 'disk-full', platform: 'linux' }).flatMap((f) => f.commands)
  assert.ok(!df.some((c) => /</.test(c)), df.join('\n'))
  // Alternatives are labelled.
  const alt = core().fixesSync({ cause: 'mount-point-busy', platform: 'linux', mount: '/m', measured: true })
  assert.ok(alt.some((f) => f.alternative && /^Or/.test(f.text)))
})

test('bash runs a shown removal with the path as one argument (commands replaced by printers)', { skip: !haveBash && 'no bash' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-grid-'))
  try {
    const odd = path.join(dir, 'p', 'node_modules', 'a b;$(touch pwned)`x`\'\n"')
    const fixes = core().fixesSync({ cause: 'dir-not-empty', platform: 'linux', measured: true, path: odd, nonempty: odd, syscall: 'rmdir' })
    const cmd = fixes.flatMap((f) => f.commands).find((c) => c.startsWith('rm -rf'))
    assert.ok(cmd, JSON.stringify(fixes))
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `rm(){ printf '%s\\0' "$@"; }; cd ${JSON.stringify(dir)} && ${cmd}`], { encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    assert.deepStrictEqual(r.stdout.split('\0').slice(0, -1), ['-rf', '--', odd])
    assert.ok(!fs.existsSync(path.join(dir, 'pwned')))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

// Requests with path measurement and holders (REVIEW13 2a, 3): live
// diagnoses of a project whose node_modules holds an npm-link symlink to the
// user's own source, and processes holding a file open or only sitting in a
// directory with their working directory.
function destructive (d) {
  const out = []
  for (const c of d.causes) for (const f of c.fixes) f.commands.forEach((cmd, i) => { if (['destroy', 'move', 'reown'].includes(f.classes[i])) out.push(cmd) })
  return out
}

test('live grid: no removal reaches through a symlink under node_modules', { skip: process.platform === 'win32' && 'symlinks need privileges' }, (t) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-grid-live-'))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  const src = path.join(d, 'work', 'mylib')
  const nm = path.join(d, 'proj', 'node_modules')
  for (const base of [src, path.join(nm, 'dep')]) {
    fs.mkdirSync(path.join(base, 'dist', 'old'), { recursive: true })
    fs.mkdirSync(path.join(base, 'dist', 'new'), { recursive: true })
    fs.writeFileSync(path.join(base, 'dist', 'new', 'precious.js'), 'x')
  }
  fs.symlinkSync(src, path.join(nm, 'mylib'))
  const link = path.join(nm, 'mylib')
  const codes = ['ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES', 'EBUSY', 'ENOENT', 'ELOOP']
  const calls = ['rename', 'rmdir', 'unlink', 'open', 'copyfile', 'link']
  const problems = []
  let passed = 0
  for (const pkg of ['mylib', 'dep']) {
    const dist = path.join(nm, pkg, 'dist')
    for (const code of codes) {
      for (const syscall of calls) {
        const two = ['rename', 'copyfile', 'link'].includes(syscall)
        const e = { code, syscall, path: path.join(dist, 'old'), dest: two ? path.join(dist, 'new') : undefined }
        const cmds = destructive(fsdoctor.diagnoseSync(e, { live: true, holders: false }))
        for (const cmd of cmds) {
          if (cmd.includes(link + path.sep)) problems.push(`${code} ${syscall} ${pkg}: ${cmd}`)
          if (cmd.includes(src)) problems.push(`${code} ${syscall} ${pkg} names the link's target: ${cmd}`)
          if (pkg === 'dep') passed++
        }
      }
    }
  }
  assert.deepStrictEqual(problems, [])
  assert.ok(passed > 0, 'a removal inside a real package still passes')
  assert.ok(fs.existsSync(path.join(src, 'dist', 'new', 'precious.js')))
})

test('live grid: a kill names only a process holding a file open, never pid 1, this process or a cwd-only one', { skip: process.platform !== 'linux' && 'linux holder scan' }, async (t) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fsd-grid-hold-'))
  t.after(() => fs.rmSync(d, { recursive: true, force: true }))
  const dir = path.join(d, 'proj', 'node_modules', 'dep')
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'held.js'), 'x')
  const { spawn } = require('node:child_process')
  // each child says when it is in place (a loaded machine, or ASan, can
  // take seconds to start node): no fixed wait
  const ready = (child) => new Promise((resolve, reject) => {
    child.stdout.once('data', resolve)
    child.once('exit', (c) => reject(new Error(`child exited ${c}`)))
  })
  const opener = spawn(process.execPath, ['-e', `require('fs').openSync(${JSON.stringify(path.join(dir, 'held.js'))}, 'r'); process.stdout.write('open'); setInterval(() => {}, 1000)`], { stdio: ['ignore', 'pipe', 'ignore'] })
  const sitter = spawn(process.execPath, ['-e', "process.stdout.write('in'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'ignore'], cwd: path.join(dir, 'sub') })
  t.after(() => { opener.kill(); sitter.kill() })
  await Promise.all([ready(opener), ready(sitter)])
  const killed = new Set()
  for (const code of ['EBUSY', 'ENOTEMPTY', 'EPERM']) {
    for (const syscall of ['rmdir', 'rename', 'unlink']) {
      const e = { code, syscall, path: dir, dest: syscall === 'rename' ? dir + '.new' : undefined }
      const diag = fsdoctor.diagnoseSync(e, { live: true })
      for (const c of diag.causes) {
        for (const f of c.fixes) {
          f.commands.forEach((cmd, i) => {
            if (f.classes[i] !== 'kill') return
            const pid = Number(/(\d+)\s*$/.exec(cmd)[1])
            killed.add(pid)
          })
        }
      }
    }
  }
  assert.ok(!killed.has(1) && !killed.has(process.pid) && !killed.has(sitter.pid), [...killed].join(','))
  assert.ok(killed.has(opener.pid), `the process holding held.js open can be named (${[...killed].join(',')})`)
})
