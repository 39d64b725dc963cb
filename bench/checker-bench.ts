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
import { AZVPN_BIN, median, msSince, scalingExponent } from './support';
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
}

export interface CheckerResult {
  readonly sizes: CheckSize[];
  /** The fixed cost of one run: node start, loading the program, a 7-resource configuration. */
  readonly startup: CheckSize;
  /** Fitted on the median wall times (time ∝ resources^k). */
  readonly exponent: number;
  /** Fitted on median wall time minus the median startup time: how the work itself grows. */
  readonly marginalExponent: number;
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
    // Sizes interleaved within each repetition, so drift on the machine spreads over all of them.
    for (let rep = 0; rep < repetitions; rep++) {
      for (let i = 0; i < all.length; i++) {
        const run = checkOnce(files[i], preload, scratch);
        runs[i].push(run);
        if (i > 0) log(`  check ${shapeFor(all[i]).resources} resources, run ${rep + 1}/${repetitions}: ${run.wallMs.toFixed(0)} ms, ${run.peakRssMiB.toFixed(0)} MiB`);
      }
    }
    const described = all.map((n, i) => describe(n, files[i], runs[i]));
    const [startup, ...measured] = described;
    return {
      sizes: measured,
      startup,
      exponent: scalingExponent(measured.map((s) => ({ x: s.resources, y: s.medianWallMs }))),
      marginalExponent: scalingExponent(measured.map((s) => ({ x: s.resources, y: s.medianWallMs - startup.medianWallMs }))),
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function describe(requested: number, file: string, runs: CheckRun[]): CheckSize {
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
  };
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
