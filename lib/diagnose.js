'use strict'
// diagnose / parseErrors / format: JS side of the engine (to be written).
const { binding } = require('./binding')

function parseErrors (text) {
  if (typeof text !== 'string' && !Buffer.isBuffer(text)) {
    throw require('./validate').typeError('text', 'of type string or an instance of Buffer', text)
  }
  return binding ? binding.parseErrorsSync(text) : require('./fallback-parse').parseErrors(text)
}

function diagnoseSync () { throw new Error('not yet') }
async function diagnose () { throw new Error('not yet') }
function format (d) { return JSON.stringify(d, null, 2) }
const causes = []

module.exports = { parseErrors, diagnose, diagnoseSync, format, causes }
