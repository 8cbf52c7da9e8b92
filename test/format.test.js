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
  assert.match(out, /PS> Add-MpPreference -ExclusionPath C:\\p/)
  assert.match(out, /> taskkill \/IM node\.exe \/F/)
  assert.equal(fsdoctor.format(d), out, 'color defaults to off')
})

test('color wraps the summary and commands in ANSI codes', () => {
  const d = fsdoctor.diagnoseSync(npmText)
  const out = fsdoctor.format(d, { color: true })
  assert.ok(out.startsWith(`${ESC}1m${ESC}31m`))
  assert.match(out, /\u001b\[36mAdd-MpPreference/)
  const stripped = out.replace(/\u001b\[\d+m/g, '')
  assert.equal(stripped, fsdoctor.format(d, { color: false }))
})

test('options.platform keeps only that platform\'s fixes', () => {
  const d = fsdoctor.diagnoseSync({ code: 'EMFILE', syscall: 'open', path: '/x' }, { live: false, platform: 'linux' })
  const all = fsdoctor.format(d)
  assert.match(all, /ulimit -n/)
  assert.match(all, /limits\.conf/)
  const mac = fsdoctor.format(d, { platform: 'darwin' })
  assert.doesNotMatch(mac, /limits\.conf/)
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
