'use strict'
// Session 12: classes read from the corpus's misses and round 37's. Texts
// are written for the test, not copied from the corpus.
const test = require('node:test')
const assert = require('node:assert/strict')

const { first, ids, commands } = require('./helpers/paste')

const texts = (c) => c.fixes.map((f) => f.text).join('\n')
const cause = (d, id) => d.causes.find((c) => c.id === id)

test("SELinux's audit line: the label the policy refused, a container's volume gets :Z", () => {
  const box = first('type=AVC msg=audit(1.2:3): avc:  denied  { write } for  pid=9 comm="node" name="data" dev="sda2" ino=5 scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir permissive=0', 'linux')
  assert.equal(box.e.code, 'EACCES')
  assert.equal(box.e.path, 'data')
  assert.equal(box.d.causes[0].id, 'protected-location', ids(box.d))
  const p = box.d.causes[0]
  assert.ok(p.confidence < 0.9, String(p.confidence))
  assert.match(texts(p), /:Z/)
  assert.match(texts(p), /user_home_t/)
  // inspect only: no relabel, no setenforce
  assert.deepEqual(commands(box.d).filter((c) => /chcon|setenforce|restorecon|semanage/.test(c)), [])
  assert.ok(commands(box.d).includes("ls -Zd -- data"), commands(box.d).join('\n'))

  // a service's domain and a full path: no container advice
  const svc = first('avc: denied { create } for pid=7 comm="httpd" name="cache" scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:httpd_sys_content_t:s0 tclass=dir permissive=0', 'linux')
  assert.equal(svc.e.syscall, 'mkdir')
  const q = cause(svc.d, 'protected-location')
  assert.ok(q, ids(svc.d))
  assert.doesNotMatch(texts(q), /:Z/)
  assert.match(texts(q), /httpd_t/)

  // a granted line is no error; and without the contexts it is prose
  assert.equal(require('..').parseErrors('avc:  granted  { write } for pid=1 name="x" scontext=a:b:c_t:s0 tcontext=a:b:d_t:s0').length, 0)
  const prose = first("Error: EACCES: permission denied, open '/srv/x' (we thought avc: denied was why)", 'linux')
  assert.ok(!cause(prose.d, 'protected-location') || cause(prose.d, 'protected-location').confidence < 0.8, ids(prose.d))
})
