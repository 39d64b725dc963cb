/**
 * Checker scaling: the real program (`node bin/azvpn.js check FILE --format json`) on generated
 * configurations, each run in its own process. Wall time is taken around the process; its peak RSS
 * comes from inside it (usage-preload.js).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateHubSpokeConfig, shapeFor } from './generate-config';
import { AZVPN_BIN, median, msSince, pairedRatio, scalingExponent, Spread, spread } from './support';
import type { ChildUsage } from './usage-preload';

export interface CheckRun {
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly cpuMs: number;
  readonly exitCode: number;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly infos: number };
}

export interface CheckSize {
  readonly requested: number;
  readonly resources: number;
  readonly spokes: number;
  readonly sites: number;
  readonly megabytes: number;
  readonly runs: CheckRun[];
  readonly medianWallMs: number;
  readonly medianRssMiB: number;
  readonly medianCpuMs: number;
  readonly cpuMs: Spread;
  /** The floor: node start plus `JSON.parse` of the same file, in its own process, one per check run. */
  readonly floor: { readonly runs: FloorRun[]; readonly cpuMs: Spread };
  /** CPU time of the check / CPU time of the floor, pair by pair (the same repetition). */
  readonly floorRatio: Spread;
}

export interface FloorRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
}

export interface CheckerResult {
  readonly sizes: CheckSize[];
  /** The fixed cost of one run: node start, loading the program, a 7-resource configuration. */
  readonly startup: CheckSize;
  /** Fitted on the median wall times (time ∝ resources^k). */
  readonly exponent: number;
  /** Fitted on median wall time minus the median startup time: how the work itself grows. */
  readonly marginalExponent: number;
  /** CPU-time growth exponent between the two largest sizes (log ratio of median CPU over log ratio of resources). */
  readonly cpuExponentLargest?: { readonly from: number; readonly to: number; readonly exponent: number };
}

export function benchChecker(sizes: readonly number[], repetitions: number, log: (line: string) => void): CheckerResult {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-bench-check-'));
  const preload = path.join(__dirname, 'usage-preload.js');
  if (!fs.existsSync(preload)) throw new Error(`${preload} is missing; run the compiled harness (npm run bench)`);
  try {
    const all = [7, ...sizes];
    const files = all.map((n) => {
      const file = path.join(scratch, `hub-spoke-${n}.tf.json`);
      // Indented like a synthesized cdk.tf.json.
      fs.writeFileSync(file, JSON.stringify(generateHubSpokeConfig(n), null, 2));
      return file;
    });
    const runs: CheckRun[][] = all.map(() => []);
    const floors: FloorRun[][] = all.map(() => []);
    // Sizes interleaved within each repetition, so drift on the machine spreads over all of them;
    // each check paired with its floor, in ABBA order over the repetitions.
    for (let rep = 0; rep < repetitions; rep++) {
      for (let i = 0; i < all.length; i++) {
        const checkFirst = rep % 2 === 0;
        if (!checkFirst) floors[i].push(floorOnce(files[i], preload, scratch));
        const run = checkOnce(files[i], preload, scratch);
        runs[i].push(run);
        if (checkFirst) floors[i].push(floorOnce(files[i], preload, scratch));
        const floor = floors[i][floors[i].length - 1];
        if (i > 0) log(`  check ${shapeFor(all[i]).resources} resources, run ${rep + 1}/${repetitions}: CPU ${run.cpuMs.toFixed(0)} ms (floor ${floor.cpuMs.toFixed(0)} ms), wall ${run.wallMs.toFixed(0)} ms, ${run.peakRssMiB.toFixed(0)} MiB`);
      }
    }
    const described = all.map((n, i) => describe(n, files[i], runs[i], floors[i]));
    const [startup, ...measured] = described;
    const [before, last] = measured.slice(-2);
    return {
      sizes: measured,
      startup,
      exponent: scalingExponent(measured.map((s) => ({ x: s.resources, y: s.medianWallMs }))),
      marginalExponent: scalingExponent(measured.map((s) => ({ x: s.resources, y: s.medianWallMs - startup.medianWallMs }))),
      cpuExponentLargest:
        measured.length >= 2
          ? { from: before.resources, to: last.resources, exponent: Math.log(last.medianCpuMs / before.medianCpuMs) / Math.log(last.resources / before.resources) }
          : undefined,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function describe(requested: number, file: string, runs: CheckRun[], floors: FloorRun[]): CheckSize {
  const shape = shapeFor(requested);
  return {
    requested,
    resources: shape.resources,
    spokes: shape.spokes,
    sites: shape.sites,
    megabytes: fs.statSync(file).size / 1e6,
    runs,
    medianWallMs: median(runs.map((r) => r.wallMs)),
    medianRssMiB: median(runs.map((r) => r.peakRssMiB)),
    medianCpuMs: median(runs.map((r) => r.cpuMs)),
    cpuMs: spread(runs.map((r) => r.cpuMs)),
    floor: { runs: floors, cpuMs: spread(floors.map((f) => f.cpuMs)) },
    floorRatio: pairedRatio(runs.map((r) => r.cpuMs), floors.map((f) => f.cpuMs)),
  };
}

/** The floor of one check: a node process that reads and parses the same file and does nothing else. */
function floorOnce(file: string, preload: string, scratch: string): FloorRun {
  const usageFile = path.join(scratch, 'usage-floor.json');
  fs.rmSync(usageFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', preload, '-e', "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf-8'))", file], {
    env: { ...process.env, AZVPN_BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf-8',
  });
  const wallMs = msSince(start);
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`the JSON.parse floor of ${path.basename(file)} exited ${result.status ?? result.signal}: ${String(result.stderr).trim()}`);
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf-8')) as ChildUsage;
  return { wallMs, cpuMs: usage.userCpuMs + usage.systemCpuMs, peakRssMiB: usage.maxRssKiB / 1024 };
}

/** One `azvpn check` process; throws when the harness or the program broke (not on timing). */
function checkOnce(file: string, preload: string, scratch: string): CheckRun {
  const usageFile = path.join(scratch, 'usage.json');
  const outFile = path.join(scratch, 'out.json');
  fs.rmSync(usageFile, { force: true });
  const out = fs.openSync(outFile, 'w');
  let result;
  const start = process.hrtime.bigint();
  try {
    // stdout goes to a file, as with `azvpn check … > report.json`: no pipe back-pressure in the figures.
    result = spawnSync(process.execPath, ['-r', preload, AZVPN_BIN, 'check', file, '--format', 'json'], {
      env: { ...process.env, AZVPN_BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', out, 'pipe'],
      encoding: 'utf-8',
    });
  } finally {
    fs.closeSync(out);
  }
  const wallMs = msSince(start);
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`azvpn check ${path.basename(file)} exited ${result.status ?? result.signal}: ${String(result.stderr).trim()}`);
  }
  if (!fs.existsSync(usageFile)) throw new Error('the checked process wrote no resource usage; is usage-preload.js loaded?');
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf-8')) as ChildUsage;
  const report = JSON.parse(fs.readFileSync(outFile, 'utf-8')) as { summary?: CheckRun['summary'] };
  if (!report.summary || typeof report.summary.errors !== 'number') {
    throw new Error(`azvpn check ${path.basename(file)} printed JSON without a summary`);
  }
  return {
    wallMs,
    peakRssMiB: usage.maxRssKiB / 1024,
    cpuMs: usage.userCpuMs + usage.systemCpuMs,
    exitCode: result.status,
    summary: report.summary,
  };
}
