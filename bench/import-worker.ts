/**
 * One import measurement, in a fresh process (run.ts forks it):
 *   import-worker.js library            require('cdktf-azure-vpn'), i.e. the compiled lib/index.js
 *   import-worker.js floor <path>...    require only the given provider deep paths
 *   import-worker.js baseline           require nothing (node and this worker alone)
 * Reports the require time, the process's peak RSS and whether a provider package root was loaded.
 */
import { LIBRARY_MAIN, msSince, peakRssMiB, reportToParent } from './support';

export interface ImportMeasurement {
  readonly mode: string;
  readonly requireMs: number;
  readonly peakRssMiB: number;
  readonly modulesLoaded: number;
  /** require.cache keys of provider package roots (`@cdktf/provider-*\/lib/index.js`); must stay empty for azurerm. */
  readonly providerRootsLoaded: string[];
}

function main(): void {
  const [mode, ...deepPaths] = process.argv.slice(2);
  const before = new Set(Object.keys(require.cache));
  const start = process.hrtime.bigint();
  if (mode === 'library') require(LIBRARY_MAIN);
  else if (mode === 'floor') for (const p of deepPaths) require(p);
  else if (mode !== 'baseline') throw new Error(`unknown mode ${mode}`);
  const requireMs = msSince(start);
  const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
  const result: ImportMeasurement = {
    mode,
    requireMs,
    peakRssMiB: peakRssMiB(),
    modulesLoaded: loaded.length,
    providerRootsLoaded: loaded.filter((k) => /[\\/]@cdktf[\\/]provider-[^\\/]+[\\/]lib[\\/]index\.js$/.test(k)),
  };
  reportToParent(result);
}

main();
