/// <reference types="node" />
/**
 * fsdoctor: tells why a filesystem call failed, with evidence measured on
 * this machine, and how to fix it on this platform.
 *
 * Every path argument accepts a string, a Buffer or a `file:` URL; relative
 * paths are resolved against `process.cwd()`. Wrong argument types throw a
 * `TypeError` with `code: 'ERR_INVALID_ARG_TYPE'`.
 */
import type * as nodefs from 'fs'

export type PathLike = string | Buffer | URL
export type Platform = 'linux' | 'darwin' | 'win32' | 'wsl'
export type HolderKind = 'editor' | 'antivirus' | 'indexer' | 'node' | 'shell' | 'other'

/** Whether the native addon loaded. When `false`, probes reject with `ERR_FSDOCTOR_NO_NATIVE`, and `diagnose` and `parseErrors` run the same C core built to WebAssembly, which measures nothing: every diagnosis is text-only. */
export const native: boolean
/** Why the addon did not load, or `null`. Its message says how to get it (`npm rebuild fsdoctor --build-from-source`, or `npx fsdoctor build`). */
export const loadError: Error | null
/** Which addon loaded, or `null`: a prebuild shipped in the package (`target` such as `linux-x64-glibc`, `linux-x64-musl`, `darwin-arm64`, `win32-x64`), one built from source here (`build/Release`), or the file `FSDOCTOR_ADDON` names. */
export const addon: { from: 'prebuild' | 'source' | 'FSDOCTOR_ADDON'; target: string | null; file: string } | null
export const version: string
export function platformInfo (): { platform: string; wsl: boolean | null }

/** The filesystem a path lives on (measured on its nearest existing ancestor). */
export interface FsInfo {
  path: string
  /** The existing ancestor that was measured. */
  probed: string
  /** `ext4`, `xfs`, `btrfs`, `tmpfs`, `overlay`, `nfs`, `cifs`, `9p`, `drvfs`, `vfat`, `exfat`, `ntfs`, `ntfs3`, `fuseblk`, `fuse`, ... */
  type: string
  /** FUSE subtype such as `ntfs-3g` or `fusefat`. */
  subtype: string | null
  source: string | null
  mountPoint: string | null
  options: string[]
  magic: number | null
  readOnly: boolean | null
  network: boolean | null
  wslWindowsMount: boolean | null
  symlinks: boolean | null
  hardlinks: boolean | null
  caseSensitive: boolean | null
  /** Most hard links one inode may have; `null` where a server decides (see `linkMaxReason`). */
  linkMax: number | null
  linkMaxReason: string | null
  /** Most subdirectories per directory where the filesystem has such a limit (ext2/ext3). */
  subdirMax: number | null
  blockSize: number | null
  totalBytes: number | null
  freeBytes: number | null
  availBytes: number | null
  totalInodes: number | null
  freeInodes: number | null
  nameMax: number | null
}

export interface PathComponent {
  path: string
  name: string
  type: 'file' | 'dir' | 'symlink' | 'socket' | 'fifo' | 'char' | 'block' | 'missing' | 'unknown'
  uid: number | null
  gid: number | null
  user: string | null
  group: string | null
  /** Permission bits, e.g. `0o755`. */
  mode: number
  /** `rwxr-xr-x` form of mode. */
  modeText: string
  nlink: number | null
  immutable: boolean | null
  appendOnly: boolean | null
  linkTarget: string | null
  /** errno code of a failed lstat, e.g. `EACCES`. */
  error: string | null
  /** Windows: the raw Win32 error (`GetLastError()`) the errno code was translated from, e.g. `5` for `EPERM`; null where nothing failed, and elsewhere (the errno is the raw code there). */
  win32Error: number | null
  /** Its name, e.g. `'ERROR_ACCESS_DENIED'` (`'WIN32_ERROR_<n>'` for one without a name). */
  win32ErrorName: string | null
  /** Windows attributes (null elsewhere). */
  readonlyAttribute?: boolean | null
  hidden?: boolean | null
  system?: boolean | null
  reparsePoint?: boolean | null
}

export interface PathInfo {
  path: string
  absolute: string
  exists: boolean
  components: PathComponent[]
  /** The first component that denies this process, or `null`. */
  denied: { index: number; path: string; op: 'search' | 'read' | 'write'; bit: 'x' | 'r' | 'w'; reason: string } | null
  canRead: boolean | null
  canWrite: boolean | null
  canSearch: boolean | null
  /** What `canWrite` was measured on (the nearest existing directory for a missing path). */
  writeTarget: string | null
  isSymlink: boolean
  symlinkTarget: string | null
  immutable: boolean | null
  appendOnly: boolean | null
  ownerSid?: string | null
  ownerName?: string | null
  protectedLocation: boolean | null
  pathLength: number
  maxPath: number | null
  longPathsEnabled: boolean | null
}

export interface Privileges {
  uid: number | null
  euid: number | null
  gid: number | null
  egid: number | null
  groups: number[]
  root: boolean
  /** Effective Linux capabilities by name (`cap_dac_override`, ...). */
  capabilities: string[]
  probeDir: string | null
  /** Live probes in `probeDir`: a uniquely named entry is created and removed. */
  canSymlink: boolean | null
  canHardlink: boolean | null
  canWrite: boolean | null
  symlinkError: string | null
  hardlinkError: string | null
  writeError: string | null
  /** Windows: the raw Win32 errors behind `symlinkError`, `hardlinkError` and `writeError`, and their names (as `win32Error` of a path component); null where the probe did not fail with one, and elsewhere. */
  symlinkWin32Error: number | null
  symlinkWin32ErrorName: string | null
  hardlinkWin32Error: number | null
  hardlinkWin32ErrorName: string | null
  writeWin32Error: number | null
  writeWin32ErrorName: string | null
  elevated?: boolean | null
  adminMember?: boolean | null
  symlinkPrivilege?: boolean | null
  symlinkPrivilegeEnabled?: boolean | null
  developerMode?: boolean | null
}

export interface Holder {
  pid: number
  name: string | null
  cmdline: string | null
  how: 'fd' | 'cwd' | 'root' | 'mmap' | 'exe' | 'lock' | 'handle'
  target: string | null
  fd: number | null
  mode: 'r' | 'w' | 'rw' | null
  lock: string | null
  kind: HolderKind
  /**
   * The process's real user id (whose process it is, as `kill` sees it);
   * `null` where not measured (Windows). A fix that ends the process is
   * shown only for this user's own processes, or for any when running as
   * root.
   */
  uid: number | null
}

export interface Holders {
  path: string
  holders: Holder[]
  /**
   * Processes looked at. 0 on Linux when a write lease answered: the kernel
   * grants one only when no process has the (regular, local) file open, so
   * no scan was needed; `note` then says so.
   */
  scanned: number
  /** Processes that could not be read (other users' when not root). */
  uninspected: number
  /** How the answer was found: `'procfs'` on Linux (lease or scan); on Windows `'file-process-ids'`, `'restart-manager'` or both joined by `+`; `'none'` when nothing could answer. */
  method: string
  /** Why the answer may be partial, or how it was reached (the lease). */
  note: string | null
  /** The effective user id the scan ran as (what it could see); `null` on Windows. */
  euid: number | null
}

export interface LinkInfo {
  path: string
  exists: boolean
  error: string | null
  /** Windows: the raw Win32 error (`GetLastError()`) the errno code was translated from, e.g. `5` for `EPERM`; null where nothing failed, and elsewhere (the errno is the raw code there). */
  win32Error: number | null
  /** Its name, e.g. `'ERROR_ACCESS_DENIED'` (`'WIN32_ERROR_<n>'` for one without a name). */
  win32ErrorName: string | null
  nlink: number | null
  linkMax: number | null
  headroom: number | null
  subdirs: number | null
  isSymlink: boolean
  chain: string[]
  loop: boolean
  /** The hops that form the cycle. */
  cycle: string[] | null
  broken: boolean
  brokenAt: string | null
  resolved: string | null
}

export interface Limits {
  nofileSoft: number | null
  nofileHard: number | null
  openFds: number | null
  fileNr: number | null
  fileMax: number | null
  inotifyMaxWatches: number | null
  inotifyMaxInstances: number | null
  inotifyWatchesUsed: number | null
  inotifyInstancesUsed: number | null
  handleCount?: number | null
  crtMaxStdio?: number | null
}

export function fsInfo (path: PathLike): Promise<FsInfo>
export function fsInfoSync (path: PathLike): FsInfo
export function pathInfo (path: PathLike): Promise<PathInfo>
export function pathInfoSync (path: PathLike): PathInfo
/** With `dir`, also probes whether this user can create a file, symlink and hard link there. */
export function privileges (dir?: PathLike | null): Promise<Privileges>
export function privilegesSync (dir?: PathLike | null): Privileges
/** Processes that hold the file (or anything under the directory) open. */
export function holders (path: PathLike): Promise<Holders>
export function holdersSync (path: PathLike): Holders
export function linkInfo (path: PathLike): Promise<LinkInfo>
export function linkInfoSync (path: PathLike): LinkInfo
export function limits (): Promise<Limits>
export function limitsSync (): Limits

/** An fs error found in text. */
export interface ParsedError {
  code: string
  errno: number | null
  syscall: string | null
  path: string | null
  dest: string | null
  message: string | null
  platform: Platform | null
  source: 'node' | 'node-inspect' | 'npm' | 'npm-legacy' | 'npm-debug-log' | 'pnpm' | 'yarn' | 'yarn-berry' | 'text'
  line: number
}

export function parseErrors (text: string | Buffer): ParsedError[]

// <generated by scripts/gen-causes.js from src/causes/table.h; edit the table, then npm run gen>
export type CauseId =
  | 'file-locked' | 'symlink-privilege' | 'fs-no-symlinks' | 'fs-no-hardlinks'
  | 'fs-no-permissions' | 'readonly-attribute' | 'permission-denied' | 'wrong-owner'
  | 'immutable-file' | 'read-only-fs' | 'global-prefix-not-writable' | 'network-fs'
  | 'wsl-windows-mount' | 'wsl-mixed-node' | 'hard-link-limit' | 'subdirectory-limit'
  | 'symlink-loop' | 'broken-symlink' | 'too-many-open-files' | 'watcher-limit'
  | 'file-table-full' | 'disk-full' | 'inodes-exhausted' | 'quota-exceeded'
  | 'path-too-long' | 'invalid-name' | 'cross-device' | 'text-file-busy'
  | 'mount-point-busy' | 'dir-not-empty' | 'corrupted-cache' | 'protected-location'
  | 'walk-outside-project' | 'copy-into-itself' | 'install-leftover' | 'command-too-long'
  | 'missing-path' | 'wrong-file-type' | 'name-taken' | 'shim-without-shell'
  | 'unknown'
// </generated>

/**
 * What a command can do, declared with its template (never guessed from
 * its text): `inspect` changes nothing; `change` is reversible (chmod,
 * chattr -i, remount, a config value); `destroy` removes (rm, rimraf,
 * Remove-Item, rmdir, find -delete); `move`; `reown` (chown -R, takeown,
 * icacls /grant); `kill`; `weaken` (antivirus exclusions, elevated
 * shells). Only inspect and change are shown without a target measured on
 * this machine inside what the user expects to be rebuilt (README,
 * "Commands and the guard").
 */
export type CommandClass = 'inspect' | 'change' | 'destroy' | 'move' | 'reown' | 'kill' | 'weaken'

export interface Fix {
  /** What to do; when the guard held a command back it says why ("Not shown: ..."). */
  text: string
  /** A sequence: run in order. Each is a whole line for `shell`, values quoted for it. */
  commands: string[]
  /** The class of each command, parallel to `commands`. */
  classes: CommandClass[]
  platform: Platform | 'all'
  /** `bash`, `powershell` or `cmd` when the commands are for one shell; null only for commands that name no value. */
  shell?: 'bash' | 'powershell' | 'cmd' | null
  /** An alternative to the fix before it, not a further step. */
  alternative: boolean
}

export interface Cause {
  id: CauseId
  title: string
  /** 0..1; live evidence outranks priors. */
  confidence: number
  detail: string
  /**
   * What was measured for this cause. Where it names holders, each entry is
   * `{ pid, name, kind, how, target, fd?, lock?, uid }`, with `uid` as in
   * `Holder` (`null` where not measured). A guess from the text carries
   * `from: 'text'`; in a live answer, one whose condition a probe measured
   * absent now also carries `contradicted`: what was measured (a sentence).
   */
  evidence: Record<string, unknown>
  fixes: Fix[]
}

export interface Diagnosis {
  code: string
  syscall: string | null
  path: string | null
  dest: string | null
  errno: number | null
  platform: string
  /** Evidence was gathered on this machine; `false` for text-only. */
  live: boolean
  summary: string
  /** Would retrying plausibly succeed? */
  transient: boolean
  /**
   * Only on the diagnosis of an error `fsdoctor.fs` threw after stopping a
   * retry that plainly could not pass (an `rmdir` of a directory whose
   * entries stay the same): why `transient` is `false` for that call.
   */
  transientReason?: string
  /** Ranked, most likely first; never empty. */
  causes: Cause[]
  facts: Record<string, unknown>
}

export interface DiagnoseOptions {
  /** Gather evidence on this machine (default: true when the error is local). */
  live?: boolean
  /** Platform of a pasted error (default: inferred from its paths). */
  platform?: Platform
  /** Include the process scan for holders (default: true for EBUSY/EPERM/EACCES/ETXTBSY). */
  holders?: boolean
  /**
   * The text an error given as an object came from (a pasted log, the
   * command's output). Text-only rules read what else it says about the
   * place: a container, `sudo`, a file watcher, a `\\wsl$` working
   * directory. Never a second error. Pasted text as `input` is its own context.
   */
  context?: string | Buffer
}

export type DiagnoseInput =
  | string
  | Buffer
  | (Partial<NodeJS.ErrnoException> & { code: string; dest?: string })

/**
 * Why an fs call failed. `input` is the error object (or anything with
 * `code`, `syscall`, `path`, `dest`, `errno`), or text: then the first error
 * found by `parseErrors` is diagnosed (warnings are skipped when an error
 * follows), text-only (`live: false`) unless `options.live` is `true` and its
 * paths are local. Text with no error in it gives `code: 'UNKNOWN'` and the
 * single cause `unknown` saying so, rather than a throw, so a pasted log can
 * always be answered. Wrong argument types throw a `TypeError`.
 */
export function diagnose (input: DiagnoseInput, options?: DiagnoseOptions): Promise<Diagnosis>
export function diagnoseSync (input: DiagnoseInput, options?: DiagnoseOptions): Diagnosis
export function format (diagnosis: Diagnosis, options?: { color?: boolean; platform?: Platform }): string

/** What a tree scan reports. */
export type ScanKind =
  | 'broken-symlink' | 'symlink-loop' | 'outside-link' | 'link-count'
  | 'long-path' | 'unreadable' | 'too-deep' | 'foreign-owner'

export interface ScanFinding {
  kind: ScanKind
  path: string
  /** Length of `path` in UTF-16 code units (what Windows' MAX_PATH counts). */
  length: number
  /** readlink() of a symlink; on Windows the symlink or junction target (null where it has none to read, as for wine's Unix links). */
  target: string | null
  /** Where an outside link really goes; the ancestor a looping link points at. */
  resolved: string | null
  /** errno code: why a link does not resolve (`ENOENT`, `ELOOP`, `EACCES`) or a directory could not be read. */
  error: string | null
  /** Windows: the raw Win32 error (`GetLastError()`) the errno code was translated from, e.g. `5` for `EPERM`; null where nothing failed, and elsewhere (the errno is the raw code there). */
  win32Error: number | null
  /** Its name, e.g. `'ERROR_ACCESS_DENIED'` (`'WIN32_ERROR_<n>'` for one without a name). */
  win32ErrorName: string | null
  /** A symlink-loop through a directory above the link (not an ELOOP). */
  ancestor: boolean
  /** link-count: the inode's link count and the filesystem's maximum. */
  nlink: number | null
  linkMax: number | null
  /** foreign-owner: the uid that owns the entry (never on Windows). */
  uid: number | null
}

export interface ScanResult {
  path: string
  realPath: string | null
  entries: number
  dirs: number
  files: number
  symlinks: number
  others: number
  /** Per kind, including findings past `maxResults`. */
  counts: Record<ScanKind, number>
  /** Sorted by path (bytewise), then kind; at most `maxResults`: past it, the first `maxResults` of that order (Linux/macOS; on Windows the first met), and `truncated` is set. */
  findings: ScanFinding[]
  truncated: boolean
  cancelled: boolean
  linkMax: number | null
  /** The threshold in effect (0: link counts not checked). */
  linkThreshold: number
  /** The uid entries were compared with, or null (always null on Windows, which has no uids). */
  owner: number | null
  elapsedMs: number
}

export interface ScanProgress { entries: number; dirs: number; findings: number; path: string }

export interface ScanOptions {
  /** Descend into symlinked directories (default false; cycles are never entered). */
  followSymlinks?: boolean
  /** Report links that resolve outside the scanned directory (default true). */
  outside?: boolean
  /** Report files with at least this many links; true: 90% of the filesystem's maximum. Off by default (it costs a stat of every file; on Windows an open of every file). */
  linkThreshold?: number | boolean
  /** Report paths longer than this many UTF-16 units (default 260); 0 or false: off. */
  longPath?: number | false
  /** Findings kept (default 10000): the first in path order; counting goes on. */
  maxResults?: number
  /** Directories deeper than this are reported as too-deep (default 1024). */
  maxDepth?: number
  /** Report entries owned by another user: true compares with the owner of dir, a number with that uid. Ignored on Windows (no uids; `owner` is null in the result). */
  owner?: boolean | number
  /** Threads reading directories at once (default: one per CPU, at most 4; 1 to 64). Findings come sorted by path either way. */
  threads?: number
  /** Stops the walk; the promise rejects with an AbortError whose `partial` is the result so far. */
  signal?: AbortSignal
  onProgress?: (progress: ScanProgress) => void
  /** Least ms between progress reports (default 100). */
  progressInterval?: number
}

/** Walks dir natively (depth-first, symlinks not followed) for what breaks installs. */
export function scan (dir: PathLike, options?: ScanOptions): Promise<ScanResult>
/** The same walk on this thread; `signal` and `onProgress` are ignored. */
export function scanSync (dir: PathLike, options?: Omit<ScanOptions, 'signal' | 'onProgress'>): ScanResult

export interface CauseInfo { id: CauseId; title: string; transient: boolean }
/** The cause catalogue. */
export const causes: readonly CauseInfo[]

export interface RetryPolicy {
  /** Attempts after the first (default per code and platform, see docs/retry-defaults.md). */
  retries?: number
  /** Delay before the first retry, ms (default 5). */
  minDelay?: number
  /** Cap on one sleep, ms (default 50; 100 for Windows locks and EMFILE). */
  maxDelay?: number
  /** Budget for the whole call including the first attempt, ms (default per code). */
  maxTime?: number
  /** Growth of the delay cap per retry (default 2). */
  factor?: number
  /** Default `'full'`: uniform in [0, cap]. `'decorrelated'`: uniform in [minDelay, 3 × previous]. */
  jitter?: 'full' | 'decorrelated' | 'none'
  /** No further attempt once aborted; the call fails with its last error (`aborted: true`). */
  signal?: AbortSignal
  onRetry?: (info: { error: NodeJS.ErrnoException; attempt: number; delay: number }) => void
  /** `true`/`false` decides; `undefined` leaves it to the defaults table. */
  shouldRetry?: (error: NodeJS.ErrnoException, attempt: number) => boolean | undefined
  /** Cap on descriptors opened through this wrapper at once (further opens queue); default unlimited. */
  maxOpen?: number
}

/** An error after the last attempt: the original error object plus these fields. */
export interface RetryError extends NodeJS.ErrnoException {
  attempts: number
  /** ms from the first attempt to the failure. */
  elapsed: number
  /** Every code seen, in order. */
  codes: string[]
  /** Not enumerable; computed on first read when the retrying did not need it. */
  diagnosis?: Diagnosis
  /** The policy's signal stopped the retries. */
  aborted?: true
  /** A retried rename stopped because someone else changed the destination meanwhile. */
  destChanged?: true
}

/** Options of an atomic write: write options, retry policy, and: */
export interface AtomicWriteOptions extends RetryPolicy {
  encoding?: BufferEncoding | null
  /** Mode of a new file, or of the replaced file when given (default: keep the existing file's bits, else 0o666 & ~umask). */
  mode?: number
  /** fsync the file and the directory (default true). */
  fsync?: boolean
  /** When running as root, give the new file the old file's owner and group (default true). */
  chown?: boolean
  atomic?: boolean
}

type AtomicData = string | NodeJS.ArrayBufferView

export type RetryingFs = typeof nodefs & {
  writeFileAtomic (path: PathLike, data: AtomicData, options?: AtomicWriteOptions | BufferEncoding): Promise<void>
  writeFileAtomicSync (path: PathLike, data: AtomicData, options?: AtomicWriteOptions | BufferEncoding): void
  writeFile (path: PathLike, data: AtomicData, options: AtomicWriteOptions & { atomic: true }, callback: (err: NodeJS.ErrnoException | null) => void): void
  writeFileSync (path: PathLike, data: AtomicData, options: AtomicWriteOptions & { atomic: true }): void
  promises: typeof nodefs.promises & {
    writeFile (path: PathLike, data: AtomicData, options: AtomicWriteOptions & { atomic: true }): Promise<void>
  }
}

/** `fs` with every call retried under the default policy. */
export const fs: RetryingFs
/** A mirror of `fsLike` (an fs module, `fs.promises`, or an fs-like object) whose calls retry; `fsLike` is not modified. */
export function withRetry<T extends object> (fsLike: T, policy?: RetryPolicy): T & Partial<Pick<RetryingFs, 'writeFileAtomic' | 'writeFileAtomicSync'>>
/** Retries `fn` (called with the attempt number, from 1) under the policy; `syscall` names the operation for the defaults table. */
export function retry<T> (fn: (attempt: number) => T | Promise<T>, policy?: RetryPolicy & { syscall?: string }): Promise<T>
/** Temp file in the same directory, write, fsync, rename with retries, fsync the directory. A target that exists and is not a regular file (a device, a FIFO, a socket, a directory, or a symlink to one) is never replaced: the call rejects with `ERR_FSDOCTOR_NOT_REGULAR_FILE` and writes nothing. */
export function writeFileAtomic (path: PathLike, data: AtomicData, options?: AtomicWriteOptions | BufferEncoding): Promise<void>
