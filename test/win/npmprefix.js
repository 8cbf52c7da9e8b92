'use strict'
// npm's global folder on Windows (%APPDATA%\npm) missing, measured live:
// the answer creates it (a change that destroys nothing), as the pasted
// error's answer does.
const test = require('node:test')
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { fsdoctor, tmpdir } = require('./common')

test('ENOENT on a missing AppData\\Roaming\\npm: missing-path with the folder to create', (t) => {
  const d = tmpdir(t)
  const prefix = path.join(d, 'AppData', 'Roaming', 'npm')
  fs.mkdirSync(path.dirname(prefix), { recursive: true })
  let err = null
  try { fs.readdirSync(prefix) } catch (e) { err = e }
  assert.strictEqual(err && err.code, 'ENOENT')
  const p = fsdoctor.diagnoseSync(err)
  const c = p.causes[0]
  assert.strictEqual(c.id, 'missing-path', p.causes.map((x) => x.id).join())
  assert.strictEqual(c.evidence.missing.toLowerCase(), prefix.toLowerCase())
  const cmds = c.fixes.flatMap((f) => f.commands)
  t.diagnostic(cmds.join(' | '))
  assert.ok(cmds.some((x) => x.startsWith('New-Item -ItemType Directory -Force -Path ') && x.toLowerCase().includes(prefix.toLowerCase())), cmds.join('\n'))
  assert.ok(cmds.some((x) => /^mkdir /.test(x)), cmds.join('\n'))
  // nothing in the answer removes anything
  assert.ok(!cmds.some((x) => /Remove-Item|rmdir|\bdel\b/.test(x)), cmds.join('\n'))
})
