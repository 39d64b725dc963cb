/**
 * Synth overhead: the same topology built with the library and with raw provider classes, each
 * measurement in a fresh process, the two variants alternating (ABBA order) within every
 * repetition so drift on the machine hits both alike.
 */
import * as path from 'path';
import { median, runWorker } from './support';
import type { SynthBreakdown, SynthMeasurement, Variant } from './synth-worker';

export interface SynthVariantSummary {
  readonly runs: SynthMeasurement[];
  readonly constructMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly processMs: number;
  readonly peakRssMiB: number;
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
}

export const WORKER = path.join(__dirname, 'synth-worker.js');

export async function benchSynth(spokeCounts: readonly number[], sites: number, repetitions: number, log: (line: string) => void): Promise<SynthSize[]> {
  const results: SynthSize[] = [];
  for (const spokes of spokeCounts) {
    const runs: Record<Variant, SynthMeasurement[]> = { library: [], raw: [] };
    for (let rep = 0; rep < repetitions; rep++) {
      const order: Variant[] = rep % 2 === 0 ? ['library', 'raw'] : ['raw', 'library'];
      for (const variant of order) {
        const m = await runWorker<SynthMeasurement>(WORKER, [variant, String(spokes), String(sites)]);
        runs[variant].push(m);
        log(`  synth N=${spokes} ${variant.padEnd(7)} run ${rep + 1}/${repetitions}: construct ${m.constructMs.toFixed(0)} ms, synth ${m.synthMs.toFixed(0)} ms, ${m.peakRssMiB.toFixed(0)} MiB, ${m.resources} resources`);
      }
    }
    // One extra run per variant with the instrumented toTerraform/adapter/engine, kept apart from the timing runs.
    const breakdowns: Record<Variant, SynthBreakdown | undefined> = { library: undefined, raw: undefined };
    for (const variant of ['library', 'raw'] as const) {
      breakdowns[variant] = (await runWorker<SynthMeasurement>(WORKER, [variant, String(spokes), String(sites), '--breakdown'])).breakdown;
    }
    const library = summarize(runs.library, breakdowns.library);
    const raw = summarize(runs.raw, breakdowns.raw);
    assertSameResources(spokes, library, raw);
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
    peakRssMiB: median(runs.map((r) => r.peakRssMiB)),
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
