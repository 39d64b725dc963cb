/**
 * Import cost: `require('cdktf-azure-vpn')` against the floor, which requires only the provider
 * deep paths the library itself imports (and, through them, cdktf and constructs). Each
 * measurement is a fresh process; the modes alternate within every repetition.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ImportMeasurement } from './import-worker';
import { LIBRARY_MAIN, median, providerDeepPaths, REPO_ROOT, runWorker } from './support';

export interface ImportVariant {
  readonly mode: string;
  readonly runs: ImportMeasurement[];
  readonly medianRequireMs: number;
  readonly medianRssMiB: number;
  readonly modulesLoaded: number;
}

export interface ImportResult {
  readonly deepPaths: string[];
  readonly baseline: ImportVariant;
  readonly library: ImportVariant;
  readonly floor: ImportVariant;
  /** library / floor require time. */
  readonly timeRatio: number;
  /** library / floor peak RSS above the baseline process. */
  readonly rssRatio: number;
  /** Provider package roots the library loaded (must be none for azurerm). */
  readonly providerRootsLoaded: string[];
  /** Where the library's import time goes: the floor, then each module lib/index.ts re-exports, in order (medians). */
  readonly layers: Array<{ readonly module: string; readonly ms: number; readonly modules: number }>;
}

/** The modules lib/index.ts re-exports, in its order, as absolute paths of their compiled files. */
function indexModules(): string[] {
  const index = fs.readFileSync(path.join(REPO_ROOT, 'lib', 'index.ts'), 'utf-8');
  const modules = [...index.matchAll(/^export\s+(?:\*|\{[^}]*\})\s+from\s+'(\.\/[^']+)'/gm)].map((m) => path.join(REPO_ROOT, 'lib', `${m[1]}.js`));
  return [...modules, LIBRARY_MAIN];
}

export async function benchImport(repetitions: number, log: (line: string) => void): Promise<ImportResult> {
  const worker = path.join(__dirname, 'import-worker.js');
  const deepPaths = providerDeepPaths();
  if (deepPaths.length === 0) throw new Error('found no @cdktf/provider-* deep imports in lib/; the scan is broken');
  const roots = deepPaths.filter((p) => /^@cdktf\/provider-[^/]+(\/lib(\/index)?)?$/.test(p));
  if (roots.length > 0) throw new Error(`lib/ imports a provider package root: ${roots.join(', ')}`);

  const runs: Record<'baseline' | 'library' | 'floor', ImportMeasurement[]> = { baseline: [], library: [], floor: [] };
  for (let rep = 0; rep < repetitions; rep++) {
    // Alternate which of the two goes first, so neither always gets the warmer file cache.
    const order: Array<'library' | 'floor'> = rep % 2 === 0 ? ['library', 'floor'] : ['floor', 'library'];
    runs.baseline.push(await runWorker<ImportMeasurement>(worker, ['baseline']));
    for (const mode of order) {
      const m = await runWorker<ImportMeasurement>(worker, mode === 'floor' ? ['floor', ...deepPaths] : ['library']);
      runs[mode].push(m);
      log(`  import ${mode}, run ${rep + 1}/${repetitions}: ${m.requireMs.toFixed(0)} ms, ${m.peakRssMiB.toFixed(0)} MiB, ${m.modulesLoaded} modules`);
    }
  }
  const modules = indexModules();
  const layerRuns: NonNullable<ImportMeasurement['layers']>[] = [];
  for (let rep = 0; rep < repetitions; rep++) {
    layerRuns.push((await runWorker<ImportMeasurement>(worker, ['layers', JSON.stringify(deepPaths), JSON.stringify(modules)])).layers!);
  }
  const layers = layerRuns[0].map((layer, i) => ({
    module: layer.module.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, layer.module).replace(/\.js$/, '') : layer.module,
    ms: median(layerRuns.map((run) => run[i].ms)),
    modules: layer.modules,
  }));
  const summarize = (mode: 'baseline' | 'library' | 'floor'): ImportVariant => ({
    mode,
    runs: runs[mode],
    medianRequireMs: median(runs[mode].map((r) => r.requireMs)),
    medianRssMiB: median(runs[mode].map((r) => r.peakRssMiB)),
    modulesLoaded: median(runs[mode].map((r) => r.modulesLoaded)),
  });
  const baseline = summarize('baseline');
  const library = summarize('library');
  const floor = summarize('floor');
  const providerRootsLoaded = [...new Set([...runs.library, ...runs.floor].flatMap((r) => r.providerRootsLoaded))];
  return {
    deepPaths,
    baseline,
    library,
    floor,
    timeRatio: library.medianRequireMs / floor.medianRequireMs,
    rssRatio: (library.medianRssMiB - baseline.medianRssMiB) / (floor.medianRssMiB - baseline.medianRssMiB),
    providerRootsLoaded,
    layers,
  };
}
