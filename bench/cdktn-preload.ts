/**
 * Preloaded (`node --require`) into a synth worker to run the same benchmark on cdktn, the
 * maintained fork of cdktf: `cdktf` and `@cdktf/provider-*` resolve to `cdktn` and
 * `@cdktn/provider-*`, which keep cdktf's module layout (scripts/cdktn-variant.ts rewrites the
 * library's imports the same way for the cdktn-azure-vpn package).
 */
import Module = require('module');

const resolveFilename = (Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string })._resolveFilename;

function onCdktn(request: string): string {
  if (request === 'cdktf' || request.startsWith('cdktf/')) return `cdktn${request.slice('cdktf'.length)}`;
  if (request.startsWith('@cdktf/provider-')) return `@cdktn/${request.slice('@cdktf/'.length)}`;
  return request;
}

(Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string })._resolveFilename = function (request: string, ...rest: unknown[]) {
  return resolveFilename.call(this, onCdktn(request), ...rest);
};
