'use strict'
// A smaller JavaScript twin of src/errtext*.c, used when the native addon
// cannot load. It reads the same formats line by line (Node messages and
// inspected errors, npm/pnpm/yarn logs) and merges the evidence of one
// error into one entry. Not covered here (the C parser handles them): a
// path that a terminal wrapped onto the next line, and '...' + '...'
// strings split over lines.

const MAX_ERRS = 1000
const PATH_CAP = 4095
const MSG_CAP = 500
const GAP = 40
const GAP_CODELESS = 20
const GAP_PENDING = 10

// name: [linux, darwin, libuv Windows, libuv 0.10 positive numbering]
const ERRNOS = {
  EACCES: [13, 13, -4092, 3],
  EAGAIN: [11, 35, -4088, 4],
  EBADF: [9, 9, -4083, 9],
  EBUSY: [16, 16, -4082, 10],
  ECONNRESET: [104, 54, -4077, 13],
  EEXIST: [17, 17, -4075, 47],
  EFBIG: [27, 27, -4036, 0],
  EINVAL: [22, 22, -4071, 18],
  EIO: [5, 5, -4070, 55],
  EISDIR: [21, 21, -4068, 28],
  ELOOP: [40, 62, -4067, 51],
  EMFILE: [24, 24, -4066, 20],
  EMLINK: [31, 31, -4032, 0],
  ENAMETOOLONG: [36, 63, -4064, 49],
  ENFILE: [23, 23, -4061, 24],
  ENODEV: [19, 19, -4059, 57],
  ENOENT: [2, 2, -4058, 34],
  ENOMEM: [12, 12, -4057, 26],
  ENOSPC: [28, 28, -4055, 54],
  ENOSYS: [38, 78, -4054, 35],
  ENOTDIR: [20, 20, -4052, 27],
  ENOTEMPTY: [39, 66, -4051, 53],
  ENOTSUP: [95, 45, -4049, 33],
  ENXIO: [6, 6, -4033, 0],
  EPERM: [1, 1, -4048, 50],
  EPIPE: [32, 32, -4047, 36],
  EROFS: [30, 30, -4043, 56],
  ETIMEDOUT: [110, 60, -4039, 40],
  ETXTBSY: [26, 26, -4038, 0],
  EXDEV: [18, 18, -4037, 52],
  EDQUOT: [122, 69, 0, 0],
  ESTALE: [116, 70, 0, 0],
  EOF: [0, 0, -4095, 1],
  UNKNOWN: [0, 0, -4094, 0]
}

const isWin = (n) => (n <= -4023 && n >= -4095) || (n >= 4023 && n <= 4095)
const known = (c) => Object.prototype.hasOwnProperty.call(ERRNOS, c)

function errnoCode (n) {
  for (const [name, [lx, , win, old]] of Object.entries(ERRNOS)) {
    if (isWin(n) ? -Math.abs(n) === win : (n < 0 ? -n === lx : n === old)) return name
  }
  return null
}

function errnoFits (n, code) {
  const e = ERRNOS[code]
  const m = Math.abs(n)
  if (!e) return true
  if (isWin(n)) return -m === e[2]
  if (m === 0 || m > 200) return true
  return m === e[0] || m === e[1] || (n > 0 && m === e[3])
}

function errnoPlatform (n, code) {
  if (isWin(n)) return 'win32'
  const e = ERRNOS[code]
  if (n >= 0 || !e) return null
  if (-n === e[0] && -n !== e[1]) return 'linux'
  if (-n === e[1] && -n !== e[0]) return 'darwin'
  return null
}

function pathPlatform (p) {
  if (typeof p !== 'string') return null
  if (/^\\\\[?.]\\/.test(p) || /^[A-Za-z]:([\\/]|$)/.test(p) || /^\\\\[^\\]/.test(p)) return 'win32'
  if (p[0] !== '/') return null
  if (/^\/mnt\/[a-z](\/|$)/.test(p)) return 'wsl'
  if (/^\/(Users|private|Volumes|Library|Applications|opt\/homebrew)\//.test(p)) return 'darwin'
  return 'linux'
}

function cleanPath (p) {
  p = p.replace(/\0/g, '\uFFFD')
  if (/^\\\\\?\\UNC\\/i.test(p)) p = '\\' + p.slice(7)
  else if (/^(\\\\[?.]\\|\\\?\?\\)/.test(p)) p = p.slice(4)
  return p.slice(0, PATH_CAP)
}

// A JS or JSON string body without its quotes.
function unescape (s) {
  return s.replace(/\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (m, e) => {
    const simple = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\uFFFD' }
    if (e[0] === 'u' || e[0] === 'x') {
      const cp = parseInt(e[0] === 'x' ? e.slice(1) : e.replace(/[u{}]/g, ''), 16)
      return cp === 0 || cp > 0x10ffff ? '\uFFFD' : String.fromCodePoint(cp)
    }
    return simple[e] ?? e
  }).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

const NODE_RE = /(?<![A-Za-z0-9_'"])(?<!['"]Error: )(E[A-Z0-9]{2,}|UNKNOWN)(?:: ([a-z][a-z0-9 /-]{0,99})(?:, ([a-z0-9_]{1,31}))?|, ([a-z0-9_]{1,31}))(?: '([^'\n]{0,4096})'(?: -> '([^'\n]{0,4096})')?)?/g
const FIELD_RE = /(?:^|[\s{,[(])"?(errno|code|syscall|path|dest|stack|message)"?\s*:\s*(-?\d{1,10}(?!\d)|'(?:[^'\\]|\\.){0,8192}'|"(?:[^"\\]|\\.){0,8192}"|$)/g

function nodeMessages (s, inQuotesOk) {
  const out = []
  NODE_RE.lastIndex = 0
  // A line with thousands of messages is not a log; its first ones will do.
  for (let m; out.length < 1000 && (m = NODE_RE.exec(s)) !== null;) {
    if (!known(m[1])) continue
    if (!inQuotesOk && (s[m.index - 1] === "'" || s[m.index - 1] === '"')) continue
    const syscall = m[3] || m[4] || null
    out.push({
      code: m[1],
      syscall,
      path: syscall && m[5] !== undefined ? cleanPath(m[5]) : null,
      dest: syscall && m[6] !== undefined ? cleanPath(m[6]) : null,
      rank: 2
    })
  }
  return out
}

function prefix (line) {
  let s = line.replace(/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\S*\s+/, '')
    .replace(/^\[\d[^\]]{2,38}\]\s+/, '')
  let m
  if ((m = /^npm ERR!\s?/.exec(s))) return ['npm-legacy', s.slice(m[0].length)]
  if ((m = /^npm [a-z]+(?: |$)/.exec(s))) return ['npm', s.slice(m[0].length)]
  if ((m = /^npm [A-Z]+(?: |$)/.exec(s))) return ['npm-legacy', s.slice(m[0].length)]
  if ((m = /^\d{1,12} (?:error|verbose|warn|info|silly|timing|http|notice) /.exec(s))) return ['npm-debug-log', s.slice(m[0].length)]
  if ((m = /^.{0,14}YN\d{4}:/.exec(s))) return ['yarn-berry', s.slice(m[0].length)]
  if (s.startsWith('Internal Error: ')) return ['yarn-berry', s]
  if (s.startsWith('ERR_PNPM_')) return ['pnpm', s]
  if (s.startsWith('error An unexpected error occurred: ')) return ['yarn', s]
  if ((m = /^([A-Z]{3,})  ([A-Z]{3,}):/.exec(s)) && m[1] === m[2] && known(m[1])) return ['pnpm', s]
  return [null, s]
}

function parseErrors (text) {
  if (ArrayBuffer.isView(text)) text = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8')
  // Results become UTF-8 elsewhere: no NULs, no lone surrogates.
  text = String(text).replace(/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  const results = []
  let cur = null
  let pend = null

  const differ = (a, b) => a != null && b != null && a !== b
  const compat = (a, b) => !(differ(a.code, b.code) || differ(a.syscall, b.syscall) ||
    differ(a.path, b.path) || differ(a.dest, b.dest) || differ(a.errno, b.errno) ||
    (a.errno != null && b.code && !errnoFits(a.errno, b.code)) ||
    (b.errno != null && a.code && !errnoFits(b.errno, a.code)))
  const better = (have, got) => have === 'node' ? got !== 'node' : have === 'node-inspect' ? !['node', 'node-inspect'].includes(got) : false
  const merge = (dst, src) => {
    if (!dst) return { ...src, last: src.line }
    for (const k of ['code', 'syscall', 'path', 'dest', 'errno']) if (dst[k] == null && src[k] != null) dst[k] = src[k]
    if (better(dst.source, src.source)) dst.source = src.source
    if (src.rank > dst.rank) { dst.rank = src.rank; dst.message = src.message }
    dst.line = Math.min(dst.line, src.line)
    dst.last = Math.max(dst.last, src.line)
    return dst
  }
  const close = () => {
    if (!cur) return
    const e = cur
    cur = null
    if (!e.code && e.errno != null) e.code = errnoCode(e.errno)
    if (!e.code || results.length >= MAX_ERRS) return
    results.push({
      code: e.code,
      errno: e.errno ?? null,
      syscall: e.syscall || null,
      path: e.path || null,
      dest: e.dest || null,
      message: e.message ? e.message.slice(0, MSG_CAP) : null,
      platform: pathPlatform(e.path || null) || pathPlatform(e.dest || null) ||
        (e.errno != null ? errnoPlatform(e.errno, e.code) : null),
      source: e.source,
      line: e.line
    })
  }
  const coded = (ev) => {
    if (cur && ev.line <= cur.last + GAP && compat(cur, ev)) merge(cur, ev)
    else { close(); cur = merge(null, ev) }
  }
  const flushPending = () => {
    const e = pend
    pend = null
    if (!e || e.errno == null || (!e.syscall && !e.path)) return
    const code = errnoCode(e.errno)
    if (code) coded({ ...e, code })
  }
  let foreign = 0 // line of a code that is no errno name (ERR_X, ELIFECYCLE)
  const feed = (ev) => {
    if (ev.code) {
      foreign = 0
      if (pend && ev.line <= pend.last + GAP_PENDING && compat(pend, ev)) { ev = merge({ ...ev, last: ev.line }, pend); pend = null } else flushPending()
      coded(ev)
    } else if (foreign && ev.line <= foreign + GAP_PENDING) {
      // a field of an error that is not a filesystem one
    } else if (cur && !pend && ev.line <= cur.last + GAP_CODELESS && compat(cur, ev)) {
      merge(cur, ev)
    } else if (pend && ev.line <= pend.last + GAP_PENDING && compat(pend, ev)) {
      merge(pend, ev)
    } else {
      flushPending()
      pend = merge(null, ev)
    }
  }

  const lines = text.split('\n')
  let want = null
  for (let i = 0; i < lines.length && results.length < MAX_ERRS; i++) {
    const line = lines[i].replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '').trim() // eslint-disable-line no-control-regex
    const lineno = i + 1
    let [src, content] = prefix(line)
    if (!content.trim()) { want = null; continue }
    const inspect = /^\s*[[{]/.test(content) || content.endsWith('{')
    if (content.endsWith('{') || /^\s*\}/.test(content)) foreign = 0
    const base = { line: lineno, message: line }
    const emitNode = (m, inValue) => feed({ ...base, ...m, source: src || (inValue || inspect ? 'node-inspect' : 'node') })
    let fields = {}
    const flushFields = () => {
      if (Object.keys(fields).length) feed({ ...base, ...fields, rank: 1, source: src || 'node-inspect' })
      fields = {}
    }
    const apply = (key, v) => {
      if (key === 'stack' || key === 'message') { nodeMessages(v, true).forEach((m) => emitNode(m, true)); return }
      if (key === 'errno') v = Number(v)
      else if (key === 'code' && !known(v)) { foreign = lineno; pend = null; fields = {}; return }
      else if (key === 'syscall' && !/^[a-z0-9_]{1,31}$/.test(v)) return
      else if (key === 'path' || key === 'dest') v = cleanPath(v)
      if (v === '' || Number.isNaN(v)) return
      if (fields[key] !== undefined && fields[key] !== v) flushFields()
      fields[key] = v
    }
    const value = (key, raw) => {
      if (/^['"]/.test(raw)) apply(key, unescape(raw.slice(1, -1)))
      else if (key === 'errno') apply(key, raw)
    }
    if (want) {
      const m = /^\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d{1,10})/.exec(content)
      if (m) value(want, m[1])
      want = null
    }
    if (!src) {
      const m = /^\s*([A-Z]{3,})  ([A-Z]{3,}):/.exec(content)
      if (m && m[1] === m[2] && known(m[1])) src = 'pnpm'
    }
    if (src === 'pnpm' && /^ERR_PNPM_([A-Z0-9]+)/.test(content)) apply('code', /^ERR_PNPM_([A-Z0-9]+)/.exec(content)[1])
    if (src && src.startsWith('npm')) {
      const m = /^(code|syscall|path|dest|errno) +(\S.*)$/.exec(content)
      if (m && (m[1] !== 'errno' || /^[-+]?\d{1,10}$/.test(m[2]))) apply(m[1], m[2].trim())
    }
    const occ = src === 'yarn' && /occurred: "((?:[^"\\]|\\.)*)"/.exec(content)
    if (occ) nodeMessages(unescape(occ[1]), true).forEach((m) => emitNode(m, false))
    else nodeMessages(content, false).forEach((m) => emitNode(m, false))
    FIELD_RE.lastIndex = 0
    for (let m; (m = FIELD_RE.exec(content)) !== null;) {
      if (m[2] === '') { want = m[1]; break }
      value(m[1], m[2])
    }
    flushFields()
  }
  flushPending()
  close()
  return results
}

module.exports = { parseErrors, pathPlatform }
