'use strict';
// The jest transform of the `cdktn` project (jest.config.js): each source goes through the same
// rewrite as the cdktn package (scripts/cdktn-variant.ts), then through ts-jest. So the construct
// and example tests run on cdktn and @cdktn/provider-*, with lib/private/framework.ts flipped.

const path = require('path');

// The rewrite script is TypeScript; ts-node (transpile only) loads it, as `npm run pack:cdktn` does.
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', '..', 'tsconfig.dev.json') });
const { rewriteSource } = require('../../scripts/cdktn-variant');
const tsJest = require('ts-jest').default;

module.exports = {
  createTransformer(tsJestConfig) {
    const inner = tsJest.createTransformer(tsJestConfig);
    return {
      canInstrument: false,
      getCacheKey: (source, file, options) => inner.getCacheKey(rewriteSource(source), file, options),
      process: (source, file, options) => inner.process(rewriteSource(source), file, options),
    };
  },
};
