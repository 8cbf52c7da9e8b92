'use strict'
// pathInfo against real permissions, flags and users.
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const f = require('../..')
const sys = require('../helpers/sys')

function tmp (t) {
  const d = sys.tmpdir()
  t.after(d.cleanup)
  return d.dir
}

test('components from the root, with owner names and modes', (t) => {
  const dir = tmp(t)
  const file = path.join(dir, 'f.txt')
  fs.writeFileSync(file, '')
  fs.chmodSync(file, 0o640)
  const r = f.pathInfoSync(file)
  assert.strictEqual(r.exists, true)
  assert.strictEqual(r.absolute, file)
  assert.deepStrictEqual(r.components.map((c) => c.path), ['/', ...dir.split('/').slice(1).map((_, i, a) => '/' + a.slice(0, i + 1).join('/')), file])
  const last = r.components.at(-1)
  assert.strictEqual(last.type, 'file')
  assert.strictEqual(last.mode, 0o640)
  assert.strictEqual(last.modeText, 'rw-r-----')
  assert.strictEqual(last.uid, process.getuid())
  assert.strictEqual(last.user, require('node:os').userInfo().username)
  assert.strictEqual(r.components[0].name, '/')
  assert.strictEqual(r.canRead, true)
  assert.strictEqual(r.canWrite, true)
  assert.strictEqual(r.denied, null)
  assert.strictEqual(r.pathLength, Buffer.byteLength(file))
})

test('a missing path: exists false, the missing components, writeTarget', (t) => {
  const dir = tmp(t)
  const r = f.pathInfoSync(path.join(dir, 'a', 'b'))
  assert.strictEqual(r.exists, false)
  assert.deepStrictEqual(r.components.slice(-2).map((c) => [c.type, c.error]), [['missing', 'ENOENT'], ['missing', 'ENOENT']])
  assert.strictEqual(r.writeTarget, dir)
  assert.strictEqual(r.canWrite, true)
})

test('chattr +i and +a are reported (and removed in cleanup)', (t) => {
  if (sys.skipUnless(t, 'sets inode flags', ['chattr'])) return
  const d = sys.tmpdir()
  const imm = path.join(d.dir, 'immutable')
  const app = path.join(d.dir, 'appendonly')
  t.after(() => {
    sys.run('chattr', ['-i', '-a', imm, app])
    d.cleanup()
  })
  fs.writeFileSync(imm, 'x')
  fs.writeFileSync(app, 'x')
  const r = sys.run('chattr', ['+i', imm], { stdio: 'pipe' })
  assert.strictEqual(typeof r, 'string')
  sys.run('chattr', ['+a', app])
  const ri = f.pathInfoSync(imm)
  assert.strictEqual(ri.immutable, true)
  assert.strictEqual(ri.appendOnly, false)
  assert.strictEqual(ri.components.at(-1).immutable, true)
  assert.strictEqual(ri.canWrite, false) // even root cannot write it
  assert.throws(() => fs.writeFileSync(imm, 'y'), { code: 'EPERM' })
  const ra = f.pathInfoSync(app)
  assert.strictEqual(ra.appendOnly, true)
  assert.strictEqual(ra.immutable, false)
})

test('a directory that denies search to an unprivileged user', (t) => {
  if (sys.skipUnlessRunAs(t, 'runs pathInfo as nobody')) return
  const dir = tmp(t)
  const locked = path.join(dir, 'locked')
  fs.mkdirSync(path.join(locked, 'inner'), { recursive: true })
  fs.writeFileSync(path.join(locked, 'inner', 'file'), '')
  fs.chmodSync(locked, 0o754) // others may read the names, not search
  const target = path.join(locked, 'inner', 'file')
  const r = sys.runNodeAs('nobody', 'f.pathInfoSync(args[0])', [target])
  assert.ok(r.denied, JSON.stringify(r))
  assert.strictEqual(r.denied.path, locked)
  assert.strictEqual(r.denied.op, 'search')
  assert.strictEqual(r.denied.bit, 'x')
  assert.match(r.denied.reason, /other bits lack x/)
  assert.strictEqual(r.canRead, false)
  assert.strictEqual(r.exists, false)
  assert.strictEqual(r.components.at(-2).error, 'EACCES')
  // root passes by CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH.
  const asRoot = f.pathInfoSync(target)
  assert.strictEqual(asRoot.denied, null)
  assert.strictEqual(asRoot.exists, true)
})

test('read and write denials name the bit; protected locations', (t) => {
  if (sys.skipUnlessRunAs(t, 'runs pathInfo as nobody')) return
  const dir = tmp(t)
  const secret = path.join(dir, 'secret')
  fs.writeFileSync(secret, '')
  fs.chmodSync(secret, 0o600)
  const ro = path.join(dir, 'readonly')
  fs.writeFileSync(ro, '')
  fs.chmodSync(ro, 0o644)
  const r = sys.runNodeAs('nobody', '[args[0], args[1], args[2], args[3]].map((p) => f.pathInfoSync(p))',
    [secret, ro, path.join(dir, 'new-file'), '/usr/lib/fsdoctor-no-such-module'])
  assert.deepStrictEqual([r[0].denied.op, r[0].denied.bit, r[0].canRead], ['read', 'r', false])
  assert.deepStrictEqual([r[1].denied.op, r[1].denied.bit, r[1].canRead, r[1].canWrite], ['write', 'w', true, false])
  assert.deepStrictEqual([r[2].writeTarget, r[2].canWrite, r[2].denied.op, r[2].denied.path], [dir, false, 'write', dir])
  assert.strictEqual(r[3].protectedLocation, true)
  assert.strictEqual(r[3].writeTarget, '/usr/lib')
  assert.strictEqual(r[0].protectedLocation, false)
  // root may write /usr: not a protected location for root.
  assert.strictEqual(f.pathInfoSync('/usr/lib/fsdoctor-no-such-module').protectedLocation, false)
})

test('symlinks on the path: isSymlink, symlinkTarget, linkTarget', (t) => {
  const dir = tmp(t)
  fs.mkdirSync(path.join(dir, 'real'))
  fs.symlinkSync('real', path.join(dir, 'link'))
  fs.writeFileSync(path.join(dir, 'real', 'x'), '')
  fs.symlinkSync('x', path.join(dir, 'real', 'y'))
  const r = f.pathInfoSync(path.join(dir, 'link', 'y'))
  assert.strictEqual(r.isSymlink, true)
  assert.strictEqual(r.symlinkTarget, 'x')
  const link = r.components.at(-2)
  assert.deepStrictEqual([link.type, link.linkTarget], ['symlink', 'real'])
  assert.strictEqual(r.canRead, true)
})

test('paths with any bytes (Buffer) and odd characters', (t) => {
  const dir = tmp(t)
  const name = Buffer.concat([Buffer.from(dir + '/'), Buffer.from([0xff, 0xfe, 0x20, 0x0a, 0x41])])
  fs.writeFileSync(name, '')
  const r = f.pathInfoSync(name)
  assert.strictEqual(r.exists, true)
  assert.strictEqual(r.components.at(-1).type, 'file')
})

test('async pathInfo resolves like pathInfoSync', async () => {
  // A directory's link count is its subdirectory count: /tmp's changes
  // whenever anything else on the machine makes a directory there, so it
  // is compared apart from the rest.
  const steady = (r) => ({ ...r, components: r.components.map(({ nlink, ...c }) => (c.type === 'dir' ? c : { ...c, nlink })) })
  const a = await f.pathInfo(__filename)
  const b = f.pathInfoSync(__filename)
  assert.deepStrictEqual(steady(a), steady(b))
  for (const [i, c] of a.components.entries()) assert.strictEqual(typeof c.nlink, typeof b.components[i].nlink)
})
