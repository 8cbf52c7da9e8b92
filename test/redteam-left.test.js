'use strict'
// What the red team's audit left open last time: a paste diagnosed for the
// wrong platform, mount(8)'s "target is busy", and the kernel's
// " (deleted)" mark on a path.
const test = require('node:test')
const assert = require('node:assert/strict')
const fsdoctor = require('..')

const commands = (d) => d.causes.flatMap((c) => c.fixes.flatMap((f) => f.commands))

test('a POSIX path diagnosed as Windows (a wrong --platform) reaches no command, and the summary says so', () => {
  const text = "Error: EACCES: permission denied, open '/home/u/proj/node_modules/x/a.js'"
  const d = fsdoctor.diagnoseSync(text, { live: false, platform: 'win32' })
  for (const c of commands(d)) assert.doesNotMatch(c, /\/home\/u/, c)
  assert.match(d.summary, /its path is a POSIX path, not a Windows one: no command is given it; check the platform/)
  // the same paste on its own platform has no note; a Windows path on
  // Windows keeps its commands
  const l = fsdoctor.diagnoseSync(text, { live: false, platform: 'linux' })
  assert.doesNotMatch(l.summary, /check the platform/)
  const own = fsdoctor.diagnoseSync("npm ERR! code EPERM\nnpm ERR! Error: EPERM: operation not permitted, unlink 'C:\\p\\node_modules\\x\\a.js'", { live: false, platform: 'win32' })
  assert.ok(commands(own).some((c) => c.includes('C:\\p')), commands(own).join('\n'))
  assert.doesNotMatch(own.summary, /check the platform/)
  // a drive path diagnosed as Linux: no bash command takes it
  const w = fsdoctor.diagnoseSync("Error: EPERM: operation not permitted, unlink 'C:\\p\\a.js'", { live: false, platform: 'linux' })
  for (const c of commands(w)) assert.doesNotMatch(c, /C:/, c)
  assert.match(w.summary, /its path is a Windows path/)
  // Windows' own UNC paths stay Windows paths
  const u = fsdoctor.diagnoseSync("Error: EPERM: operation not permitted, unlink '\\\\srv\\share\\a.js'", { live: false, platform: 'win32' })
  assert.doesNotMatch(u.summary, /check the platform/)
})

test("mount(8)'s \"target is busy\" is mount's, umount.nfs4's is umount's; \" (deleted)\" is no part of a path", () => {
  const m = fsdoctor.parseErrors('mount: /mnt/data: target is busy.')[0]
  assert.deepEqual([m.code, m.syscall, m.path], ['EBUSY', 'mount', '/mnt/data'])
  const dm = fsdoctor.diagnoseSync(m, { live: false, platform: 'linux' })
  assert.equal(dm.causes[0].id, 'mount-point-busy')
  assert.match(dm.causes[0].detail, /^mount refused: the device is already mounted/)
  const u = fsdoctor.parseErrors('umount.nfs4: /srv/nfs: device is busy')[0]
  assert.deepEqual([u.syscall, u.path], ['umount', '/srv/nfs'])
  const del = fsdoctor.parseErrors('umount: /mnt/old (deleted): target is busy.')[0]
  assert.deepEqual([del.syscall, del.path], ['umount', '/mnt/old'])
  const dd = fsdoctor.diagnoseSync(del, { live: false, platform: 'linux' })
  for (const c of commands(dd)) assert.doesNotMatch(c, /deleted/, c)
  // a word that only starts like the tool is not it
  const x = fsdoctor.parseErrors('mountain: /x: target is busy')[0]
  assert.equal(x.syscall, 'umount')
})
