'use strict';
// The `cdktn` jest project's snapshot resolver; see snapshots.js.
module.exports = require('./snapshots').forFramework('cdktn');
