'use strict'
// The one place the addon is loaded. A missing or broken binary is not an
// error here: lib/index.js falls back to text-only diagnoses.
let binding = null
let loadError = null
if (process.env.FSDOCTOR_NO_NATIVE !== '1') {
  try {
    // FSDOCTOR_ADDON points at another build of the addon (the sanitizer run).
    binding = process.env.FSDOCTOR_ADDON
      ? require(process.env.FSDOCTOR_ADDON)
      : require('node-gyp-build')(require('path').join(__dirname, '..', '..'))
  } catch (err) {
    loadError = err
  }
} else {
  loadError = new Error('native binding disabled by FSDOCTOR_NO_NATIVE=1')
}
module.exports = { binding, loadError }
