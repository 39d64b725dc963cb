/**
 * Synth overhead: the same topology built with the library and with raw provider classes, each
 * measurement in a fresh process, the two variants alternating (ABBA order) within every
 * repetition so drift on the machine hits both alike.
 */
import * as path from 'path';
import { median, pairedRatio, runWorker, Spread, spread } from './support';
import type { SynthBreakdown, SynthMeasurement, Variant, WhatIf } from './synth-worker';

export interface SynthVariantSummary {
  readonly runs: SynthMeasurement[];
  readonly constructMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly processMs: number;
  readonly cpuMs: Spread;
  readonly peakRssMiB: number;
  /** Peak RSS per 1,000 resources (median). */
  readonly rssPerThousand: number;
  readonly constructNodes: number;
  readonly maxDepth: number;
  readonly resources: number;
  readonly resourceCounts: Record<string, number>;
  readonly fingerprint: string;
  readonly breakdown?: SynthBreakdown;
}

export interface SynthSize {
  readonly spokes: number;
  readonly sites: number;
  readonly library: SynthVariantSummary;
  readonly raw: SynthVariantSummary;
  /** Ratios of the medians, library / raw. */
  readonly constructRatio: number;
  readonly synthRatio: number;
  readonly totalRatio: number;
  readonly processRatio: number;
  readonly rssRatio: number;
  /** CPU time of construct + synth, library / raw, pair by pair (ABBA pairs of the same repetition). */
  readonly cpuRatio: Spread;
  /** Wall time of construct + synth, library / raw, pair by pair. */
  readonly wallRatio: Spread;
  /** Peak RSS per 1,000 resources, library / raw, pair by pair. */
  readonly rssPairRatio: Spread;
  /** The tree-only arm: both variants with cdktf's skipValidation, so no checks run. */
  readonly treeOnly?: {
    readonly library: SynthVariantSummary;
    readonly raw: SynthVariantSummary;
    readonly cpuRatio: Spread;
    readonly wallRatio: Spread;
  };
  /** The library patched at run time to estimate a design change (synth-worker.ts --what-if), with its ratio to raw. */
  readonly whatIfs: Array<{ readonly whatIf: WhatIf; readonly summary: SynthVariantSummary; readonly totalRatio: number }>;
}

export const WORKER = path.join(__dirname, 'synth-worker.js');
export const CDKTN_PRELOAD = path.join(__dirname, 'cdktn-preload.js');

interface Arm {
  readonly label: string;
  readonly variant: Variant;
  readonly flags: readonly string[];
}

/**
 * Every arm `repetitions` times, each run in a fresh process on `framework` (cdktn through
 * cdktn-preload.js), forward on even repetitions and backward on odd ones (ABBA), so that no arm
 * always runs first. Fails when a worker ran on another framework than asked.
 */
async function runArms(arms: readonly Arm[], spokes: number, sites: number, repetitions: number, log: (line: string) => void, framework: 'cdktf' | 'cdktn'): Promise<Map<string, SynthMeasurement[]>> {
  const runs = new Map<string, SynthMeasurement[]>(arms.map((a) => [a.label, []]));
  const execArgv = framework === 'cdktn' ? ['--require', CDKTN_PRELOAD] : [];
  const width = Math.max(...arms.map((a) => a.label.length));
  for (let rep = 0; rep < repetitions; rep++) {
    const order = rep % 2 === 0 ? arms : [...arms].reverse();
    for (const arm of order) {
      const m = await runWorker<SynthMeasurement>(WORKER, [arm.variant, String(spokes), String(sites), ...arm.flags], execArgv);
      if (m.framework !== framework) throw new Error(`the ${framework} arm "${arm.label}" synthesized with ${m.framework}${framework === 'cdktn' ? ': cdktn-preload.js did not take effect' : ''}`);
      runs.get(arm.label)!.push(m);
      log(`  ${framework === 'cdktn' ? 'cdktn ' : ''}synth N=${spokes} ${arm.label.padEnd(width)} run ${rep + 1}/${repetitions}: CPU ${m.cpuMs.toFixed(0)} ms, construct ${m.constructMs.toFixed(0)} ms, synth ${m.synthMs.toFixed(0)} ms, ${m.peakRssMiB.toFixed(0)} MiB, ${m.resources} resources`);
    }
  }
  return runs;
}

export async function benchSynth(
  spokeCounts: readonly number[],
  sites: number,
  repetitions: number,
  log: (line: string) => void,
  whatIfs: readonly WhatIf[] = [],
  treeOnly = true,
): Promise<SynthSize[]> {
  const results: SynthSize[] = [];
  for (const spokes of spokeCounts) {
    const arms: Arm[] = [
      { label: 'library', variant: 'library', flags: [] },
      { label: 'raw', variant: 'raw', flags: [] },
      ...(treeOnly
        ? [
            { label: 'library, tree only', variant: 'library' as const, flags: ['--skip-validation'] },
            { label: 'raw, tree only', variant: 'raw' as const, flags: ['--skip-validation'] },
          ]
        : []),
      ...whatIfs.map((w) => ({ label: `library, what-if ${w}`, variant: 'library' as const, flags: ['--what-if', w] })),
    ];
    const runs = await runArms(arms, spokes, sites, repetitions, log, 'cdktf');
    // One extra run per variant with the instrumented toTerraform/adapter/engine, kept apart from the timing runs.
    const breakdowns: Record<Variant, SynthBreakdown | undefined> = { library: undefined, raw: undefined };
    for (const variant of ['library', 'raw'] as const) {
      breakdowns[variant] = (await runWorker<SynthMeasurement>(WORKER, [variant, String(spokes), String(sites), '--breakdown'])).breakdown;
    }
    const library = summarize(runs.get('library')!, breakdowns.library);
    const raw = summarize(runs.get('raw')!, breakdowns.raw);
    assertSameResources(spokes, library, raw);
    const libraryRuns = runs.get('library')!;
    const rawRuns = runs.get('raw')!;
    const total = (r: SynthMeasurement) => r.constructMs + r.synthMs;
    let treeOnlySummary: SynthSize['treeOnly'];
    if (treeOnly) {
      const lib = runs.get('library, tree only')!;
      const rawTree = runs.get('raw, tree only')!;
      treeOnlySummary = {
        library: summarize(lib, undefined),
        raw: summarize(rawTree, undefined),
        cpuRatio: pairedRatio(lib.map((r) => r.cpuMs), rawTree.map((r) => r.cpuMs)),
        wallRatio: pairedRatio(lib.map(total), rawTree.map(total)),
      };
      assertSameResources(spokes, treeOnlySummary.library, treeOnlySummary.raw);
    }
    const whatIfSummaries = whatIfs.map((whatIf) => {
      const summary = summarize(runs.get(`library, what-if ${whatIf}`)!, undefined);
      assertSameResources(spokes, summary, raw);
      return { whatIf, summary, totalRatio: summary.totalMs / raw.totalMs };
    });
    results.push({
      spokes,
      sites,
      library,
      raw,
      constructRatio: library.constructMs / raw.constructMs,
      synthRatio: library.synthMs / raw.synthMs,
      totalRatio: library.totalMs / raw.totalMs,
      processRatio: library.processMs / raw.processMs,
      rssRatio: library.peakRssMiB / raw.peakRssMiB,
      cpuRatio: pairedRatio(libraryRuns.map((r) => r.cpuMs), rawRuns.map((r) => r.cpuMs)),
      wallRatio: pairedRatio(libraryRuns.map(total), rawRuns.map(total)),
      rssPairRatio: pairedRatio(libraryRuns.map((r) => r.peakRssMiB), rawRuns.map((r) => r.peakRssMiB)),
      treeOnly: treeOnlySummary,
      whatIfs: whatIfSummaries,
    });
  }
  return results;
}

function summarize(runs: SynthMeasurement[], breakdown: SynthBreakdown | undefined): SynthVariantSummary {
  const first = runs[0];
  for (const r of runs) {
    if (r.fingerprint !== first.fingerprint) {
      throw new Error(`the ${first.variant} variant emitted different resources in two runs: ${JSON.stringify(first.resourceCounts)} vs ${JSON.stringify(r.resourceCounts)}`);
    }
  }
  return {
    runs,
    constructMs: median(runs.map((r) => r.constructMs)),
    synthMs: median(runs.map((r) => r.synthMs)),
    totalMs: median(runs.map((r) => r.constructMs + r.synthMs)),
    processMs: median(runs.map((r) => r.processMs)),
    cpuMs: spread(runs.map((r) => r.cpuMs)),
    peakRssMiB: median(runs.map((r) => r.peakRssMiB)),
    rssPerThousand: median(runs.map((r) => r.peakRssMiB)) / (first.resources / 1000),
    constructNodes: first.constructNodes,
    maxDepth: first.maxDepth,
    resources: first.resources,
    resourceCounts: first.resourceCounts,
    fingerprint: first.fingerprint,
    breakdown,
  };
}

/** The comparison is only fair when both variants declare the same resources. */
function assertSameResources(spokes: number, library: SynthVariantSummary, raw: SynthVariantSummary): void {
  const types = [...new Set([...Object.keys(library.resourceCounts), ...Object.keys(raw.resourceCounts)])].sort();
  const differing = types.filter((t) => library.resourceCounts[t] !== raw.resourceCounts[t]);
  if (differing.length > 0) {
    throw new Error(
      `N=${spokes}: the variants emit different resources: ${differing.map((t) => `${t} library ${library.resourceCounts[t] ?? 0} / raw ${raw.resourceCounts[t] ?? 0}`).join('; ')}`,
    );
  }
  if (library.fingerprint !== raw.fingerprint) {
    throw new Error(
      `N=${spokes}: the variants emit the same resource types and counts but different attributes (fingerprints ${library.fingerprint} / ${raw.fingerprint}); npx jest test/bench shows the difference`,
    );
  }
}

/** The same comparison on cdktn, with its creation-stack capture on (its default) and off. */
export interface CdktnSynthSize {
  readonly spokes: number;
  readonly sites: number;
  readonly library: SynthVariantSummary;
  readonly raw: SynthVariantSummary;
  readonly libraryNoStack: SynthVariantSummary;
  readonly rawNoStack: SynthVariantSummary;
  /** library / raw, pair by pair, captures on. */
  readonly cpuRatio: Spread;
  /** library / raw, pair by pair, with CDKTN_DISABLE_CREATION_STACK=1 on both. */
  readonly cpuRatioNoStack: Spread;
  /** The library with the switch / without it, pair by pair: what the switch saves a user. */
  readonly switchCpuRatio: Spread;
  readonly switchRssRatio: Spread;
}

export async function benchSynthCdktn(spokeCounts: readonly number[], sites: number, repetitions: number, log: (line: string) => void): Promise<CdktnSynthSize[]> {
  const results: CdktnSynthSize[] = [];
  for (const spokes of spokeCounts) {
    const arms: Arm[] = [
      { label: 'library', variant: 'library', flags: [] },
      { label: 'raw', variant: 'raw', flags: [] },
      { label: 'library, no creation stack', variant: 'library', flags: ['--no-creation-stack'] },
      { label: 'raw, no creation stack', variant: 'raw', flags: ['--no-creation-stack'] },
    ];
    const runs = await runArms(arms, spokes, sites, repetitions, log, 'cdktn');
    const cpu = (label: string) => runs.get(label)!.map((r) => r.cpuMs);
    const rss = (label: string) => runs.get(label)!.map((r) => r.peakRssMiB);
    const library = summarize(runs.get('library')!, undefined);
    const raw = summarize(runs.get('raw')!, undefined);
    const libraryNoStack = summarize(runs.get('library, no creation stack')!, undefined);
    const rawNoStack = summarize(runs.get('raw, no creation stack')!, undefined);
    assertSameResources(spokes, library, raw);
    assertSameResources(spokes, libraryNoStack, rawNoStack);
    results.push({
      spokes,
      sites,
      library,
      raw,
      libraryNoStack,
      rawNoStack,
      cpuRatio: pairedRatio(cpu('library'), cpu('raw')),
      cpuRatioNoStack: pairedRatio(cpu('library, no creation stack'), cpu('raw, no creation stack')),
      switchCpuRatio: pairedRatio(cpu('library, no creation stack'), cpu('library')),
      switchRssRatio: pairedRatio(rss('library, no creation stack'), rss('library')),
    });
  }
  return results;
}
