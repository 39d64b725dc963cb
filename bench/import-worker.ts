/**
 * One import measurement, in a fresh process (run.ts forks it):
 *   import-worker.js library            require('cdktf-azure-vpn'), i.e. the compiled lib/index.js
 *   import-worker.js floor <path>...    require only the given provider deep paths
 *   import-worker.js baseline           require nothing (node and this worker alone)
 *   import-worker.js layers <deep paths JSON> <library modules JSON>
 *                                       the floor first, then each library module in turn, timing each increment
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
  /** layers mode: what each library module adds on top of the floor and the modules before it. */
  readonly layers?: Array<{ readonly module: string; readonly ms: number; readonly modules: number }>;
}

function main(): void {
  const [mode, ...deepPaths] = process.argv.slice(2);
  const before = new Set(Object.keys(require.cache));
  const start = process.hrtime.bigint();
  let layers: ImportMeasurement['layers'];
  if (mode === 'library') require(LIBRARY_MAIN);
  else if (mode === 'floor') for (const p of deepPaths) require(p);
  else if (mode === 'layers') layers = requireInLayers(JSON.parse(deepPaths[0]) as string[], JSON.parse(deepPaths[1]) as string[]);
  else if (mode !== 'baseline') throw new Error(`unknown mode ${mode}`);
  const requireMs = msSince(start);
  const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
  const result: ImportMeasurement = {
    mode,
    requireMs,
    peakRssMiB: peakRssMiB(),
    modulesLoaded: loaded.length,
    providerRootsLoaded: loaded.filter((k) => /[\\/]@cdktf[\\/]provider-[^\\/]+[\\/]lib[\\/]index\.js$/.test(k)),
    layers,
  };
  reportToParent(result);
}

function requireInLayers(deepPaths: string[], libraryModules: string[]): NonNullable<ImportMeasurement['layers']> {
  const layers: NonNullable<ImportMeasurement['layers']> = [];
  const step = (module: string, load: () => void) => {
    const count = Object.keys(require.cache).length;
    const start = process.hrtime.bigint();
    load();
    layers.push({ module, ms: msSince(start), modules: Object.keys(require.cache).length - count });
  };
  step('the deep-path floor', () => deepPaths.forEach((p) => require(p)));
  for (const m of libraryModules) step(m, () => require(m));
  return layers;
}

main();
