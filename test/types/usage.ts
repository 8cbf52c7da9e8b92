// Compiled by `tsc -p test/types` in npm test: index.d.ts must describe
// real usage without casts.
import * as fsdoctor from 'fsdoctor'
import { diagnose, type Diagnosis, type CauseId } from 'fsdoctor'

async function main (): Promise<void> {
  const info: fsdoctor.FsInfo = fsdoctor.fsInfoSync('/tmp')
  const max: number | null = info.linkMax
  const p = await fsdoctor.pathInfo(Buffer.from('/tmp'))
  const denied: string | undefined = p.denied?.op
  const h = fsdoctor.holdersSync(new URL('file:///tmp'))
  const kinds: fsdoctor.HolderKind[] = h.holders.map((x) => x.kind)
  const l = fsdoctor.limitsSync()
  const priv = fsdoctor.privilegesSync('/tmp')
  try {
    require('fs').renameSync('a', 'b')
  } catch (err) {
    const d: Diagnosis = await diagnose(err as NodeJS.ErrnoException & { code: string })
    const top: CauseId = d.causes[0].id
    console.log(fsdoctor.format(d, { color: false }), top)
  }
  const found: fsdoctor.ParsedError[] = fsdoctor.parseErrors("EPERM: operation not permitted, rename 'a' -> 'b'")
  const d2 = fsdoctor.diagnoseSync(found.length ? "EBUSY: resource busy or locked, unlink 'x'" : 'x', { live: false, platform: 'win32' })
  await fsdoctor.fs.promises.rename('a', 'b')
  fsdoctor.fs.renameSync('a', 'b')
  const rfs = fsdoctor.withRetry(require('fs') as typeof import('fs'), { retries: 3, signal: AbortSignal.timeout(1000) })
  await fsdoctor.retry(async (n) => n + 1, { maxTime: 1000, onRetry: ({ attempt, delay }) => console.log(attempt, delay) })
  await fsdoctor.writeFileAtomic('/tmp/x', 'data', { retries: 2 })
  console.log(max, denied, kinds, l.nofileSoft, priv.canSymlink, d2.transient, rfs, fsdoctor.native, fsdoctor.causes.length)
}
async function scanUsage (): Promise<void> {
  const ac = new AbortController()
  const r: fsdoctor.ScanResult = await fsdoctor.scan('/tmp', { signal: ac.signal, onProgress: (p) => console.log(p.entries), owner: true, linkThreshold: false })
  const broken: string[] = r.findings.filter((f) => f.kind === 'broken-symlink').map((f) => f.path)
  const n: number = fsdoctor.scanSync(Buffer.from('/tmp'), { maxResults: 10 }).counts['symlink-loop']
  console.log(broken, n, r.findings[0]?.nlink)
}
void main()
void scanUsage()
