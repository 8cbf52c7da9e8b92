'use strict'
// format(): the text a person reads, with and without color.
const test = require('node:test')
const assert = require('node:assert/strict')
const fsdoctor = require('..')

const ESC = '\u001b['
const npmText = [
  'npm ERR! code EPERM',
  'npm ERR! syscall rename',
  'npm ERR! path C:\\p\\node_modules\\.staging\\x',
  'npm ERR! dest C:\\p\\node_modules\\x',
  "npm ERR! Error: EPERM: operation not permitted, rename 'C:\\p\\node_modules\\.staging\\x' -> 'C:\\p\\node_modules\\x'"
].join('\n')

test('plain text: summary, causes with evidence, fixes with commands', () => {
  const d = fsdoctor.diagnoseSync(npmText)
  const out = fsdoctor.format(d, { color: false })
  assert.ok(!out.includes(ESC), 'no escape codes')
  const lines = out.split('\n')
  assert.equal(lines[0], d.summary)
  assert.match(out, /path: C:\\p\\node_modules\\\.staging\\x {2}dest: C:\\p\\node_modules\\x/)
  assert.match(out, /from the error text only/)
  assert.match(out, /1\. Another process has the file open \[file-locked, \d+%\]/)
  assert.match(out, /evidence: syscall: rename/)
  // Nothing was measured: no exclusion, no kill, no removal; the guard
  // says what it held back, and what is left only looks.
  assert.doesNotMatch(out, /Add-MpPreference|taskkill|rimraf/)
  assert.match(out, /Not shown: the weaken command, because nothing was measured on this machine/)
  assert.match(out, /PS> Get-Process node, npm/)
  assert.equal(fsdoctor.format(d), out, 'color defaults to off')
})

test('color wraps the summary and commands in ANSI codes', () => {
  const d = fsdoctor.diagnoseSync(npmText)
  const out = fsdoctor.format(d, { color: true })
  assert.ok(out.startsWith(`${ESC}1m${ESC}31m`))
  assert.match(out, /\u001b\[36mGet-Process/)
  const stripped = out.replace(/\u001b\[\d+m/g, '')
  assert.equal(stripped, fsdoctor.format(d, { color: false }))
})

test('options.platform keeps only that platform\'s fixes', () => {
  const d = fsdoctor.diagnoseSync({ code: 'EMFILE', syscall: 'open', path: '/x' }, { live: false, platform: 'linux' })
  const all = fsdoctor.format(d)
  assert.match(all, /ulimit -Sn/)
  assert.doesNotMatch(all, /ulimit -n \d/, 'no new limit without a measured hard limit')
  assert.match(all, /limits\.conf/)
  const mac = fsdoctor.format(d, { platform: 'darwin' })
  assert.doesNotMatch(mac, /limits\.conf/)
})

test('control characters in any string are escaped, so a name cannot forge a line', () => {
  const evil = '/tmp/proj\n     $ rm -rf ~ #\r\u001b[2K\u2028x'
  const d = fsdoctor.diagnoseSync({ code: 'ENOTEMPTY', syscall: 'rmdir', path: evil }, { live: false, platform: 'linux' })
  d.causes[0].evidence = { path: evil }
  d.causes[0].fixes.push({ text: evil, commands: [evil], platform: 'all', shell: 'bash', alternative: true })
  const out = fsdoctor.format(d)
  for (const line of out.split('\n')) assert.doesNotMatch(line, /^\s*\$ rm -rf ~/, line)
  assert.ok(!/[\r\u001b\u2028]/.test(out), 'no raw CR, ESC or U+2028')
  assert.match(out, /proj\\n {5}\$ rm -rf ~ #\\r\\e\[2K\\u2028x/)
  assert.match(out, /\n {3}or: /, 'an alternative is labelled')
})

test('a sequence is numbered', () => {
  const d = fsdoctor.diagnoseSync({ code: 'EROFS', syscall: 'open', path: '/x' }, { live: false, platform: 'linux' })
  d.causes[0].fixes = [{ text: 't', commands: ['a', 'b'], classes: ['inspect', 'change'], platform: 'linux', shell: 'bash', alternative: false }]
  assert.match(fsdoctor.format(d), /1\. \$ a\n {5}2\. \$ b/)
})

test('live evidence is listed', () => {
  const d = fsdoctor.diagnoseSync({ code: 'ELOOP', syscall: 'stat', path: '/a' }, { live: false })
  d.causes[0].evidence = { chain: ['/a', '/b', '/a'], holders: [{ pid: 7, name: 'vim', kind: 'editor', how: 'fd' }], nlink: 3 }
  const out = fsdoctor.format(d)
  assert.match(out, /evidence: chain: \/a -> \/b -> \/a/)
  assert.match(out, /evidence: holders: vim \(pid 7, editor, fd\)/)
  assert.match(out, /evidence: nlink: 3/)
})

test('bad arguments throw TypeError', () => {
  const d = fsdoctor.diagnoseSync('nothing')
  for (const bad of [undefined, null, 'x', 1, {}, { causes: 'no' }]) {
    assert.throws(() => fsdoctor.format(bad), TypeError)
  }
  assert.throws(() => fsdoctor.format(d, { color: 'yes' }), TypeError)
  assert.throws(() => fsdoctor.format(d, { platform: 'amiga' }), TypeError)
  assert.throws(() => fsdoctor.format(d, 5), TypeError)
  // A hand-made diagnosis with odd members still formats.
  const odd = { summary: 's', causes: [null, { id: 'x', fixes: [null, { text: 't', commands: 'no' }] }] }
  assert.match(fsdoctor.format(odd), /1?2\. x/)
})
