'use strict'
// A pasted text as the CLI's explain reads it, text only: the first error
// parseErrors finds and its diagnosis, on the platform given (else the one
// the text shows, else this machine's). Shared by the accuracy-class tests.
const assert = require('node:assert/strict')
const fsdoctor = require('../..')

function first (text, platform) {
  const e = fsdoctor.parseErrors(text)[0]
  assert.ok(e, `parsed: ${text}`)
  const o = { live: false, context: text }
  if (platform || e.platform) o.platform = platform || e.platform
  return { e, d: fsdoctor.diagnoseSync(e, o) }
}

// The cause ids in rank order, as one string for assertion messages.
const ids = (d) => d.causes.map((c) => c.id).join(',')
// Every command of the first three causes' fixes.
const commands = (d) => d.causes.slice(0, 3).flatMap((c) => c.fixes.flatMap((f) => f.commands))

module.exports = { first, ids, commands }
