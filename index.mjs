// ESM entry: the CommonJS module's exports as named exports.
import fsdoctor from './lib/index.js'

export default fsdoctor
export const {
  native, loadError, addon, version, platformInfo,
  fsInfo, fsInfoSync, pathInfo, pathInfoSync, privileges, privilegesSync,
  holders, holdersSync, linkInfo, linkInfoSync, limits, limitsSync,
  parseErrors, diagnose, diagnoseSync, format, causes, scan, scanSync,
  fs, withRetry, retry, writeFileAtomic
} = fsdoctor
