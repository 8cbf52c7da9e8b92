'use strict'
// require('fsdoctor/fs'): the retrying fs.
module.exports = require('./retry').fs
