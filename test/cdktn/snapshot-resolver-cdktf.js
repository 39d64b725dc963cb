'use strict';
// The `cdktf` jest project's snapshot resolver; see snapshots.js.
module.exports = require('./snapshots').forFramework('cdktf');
