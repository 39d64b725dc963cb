'use strict';
// Snapshot locations of the two jest projects (jest.config.js). The tests whose output differs
// by framework (attribute names such as enable_bgp / bgp_enabled) keep the cdktn snapshots in
// __snapshots__/cdktn/; every other test checks the same snapshot file on both frameworks, which
// shows that its output is identical. Both projects map either location back to its test file, so
// neither takes the other's snapshots for obsolete ones (and `jest -u` deletes neither).

const path = require('path');

/** Test files whose snapshots hold framework-specific output. */
const PER_FRAMEWORK = new Set(['examples.test.ts']);

function forFramework(framework) {
  return {
    resolveSnapshotPath(testPath, extension) {
      const dir = path.join(path.dirname(testPath), '__snapshots__');
      const name = path.basename(testPath);
      const own = framework === 'cdktn' && PER_FRAMEWORK.has(name);
      return path.join(own ? path.join(dir, 'cdktn') : dir, name + extension);
    },
    resolveTestPath(snapshotPath, extension) {
      const dir = path.dirname(snapshotPath);
      const snapshots = path.basename(dir) === 'cdktn' ? path.dirname(dir) : dir;
      return path.join(path.dirname(snapshots), path.basename(snapshotPath, extension));
    },
    testPathForConsistencyCheck: path.join('test', 'examples.test.ts'),
  };
}

module.exports = { forFramework };
