/**
 * One synth measurement, in a fresh process (run.ts forks it):
 *   synth-worker.js <library|raw> <spokes> <sites> [--skip-validation] [--breakdown] [--profile FILE]
 *
 * Builds the topology into a new App, then `app.synth()` into a temporary outdir, as `cdktf synth`
 * does: aspects, every construct's validations (the library's rule engine runs there; the raw
 * variant has none), and the cdk.tf.json written to disk. Module loading happens before the clock
 * starts (import-bench.ts measures it). Peak RSS is the whole process's.
 *
 * --skip-validation builds the App with cdktf's `skipValidation`, so no construct's validations run
 * (the library's rule engine among them): the tree-only arm, the construct tree's own cost.
 * --breakdown times, inside synth, every `stack.toTerraform()` call and the library's adapter and
 * rule engine (by wrapping them), which costs a little itself: do not mix these runs with timing runs.
 * --profile writes a V8 CPU profile of construct + synth to FILE.
 * --no-creation-stack sets cdktn's CDKTN_DISABLE_CREATION_STACK=1 before the tree is built (run
 * the worker with `--require cdktn-preload.js` to synthesize on cdktn; cdktf has no such switch).
 * --what-if no-checks (library only) patches the loaded library at run time to estimate a design
 * change without making it: `VpnValidation.enable()` becomes a no-op (no rule engine, no aspect),
 * leaving the construct tree's own cost. It is not what the library ships. (The library already
 * hands its validation's resolved JSON to the synthesizer, so the stack resolves once.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { resourceFingerprint } from './normalize';
import { profile } from './profile-summary';
import { LIBRARY_MAIN, msSince, peakRssMiB, reportToParent } from './support';
import { TopologyShape } from './topology-params';

export type Variant = 'library' | 'raw';

export interface SynthBreakdown {
  readonly toTerraformCalls: number;
  readonly toTerraformMs: number;
  /** Each call's time, in call order: with the library, the first is its validation's, the last the synthesizer's. */
  readonly toTerraformCallMs: number[];
  readonly adapterCalls: number;
  readonly adapterMs: number;
  readonly engineCalls: number;
  readonly engineMs: number;
  /**
   * cdktf's stack-trace captures (one per token, lazy value and complex attribute it creates):
   * how many, and the frames and characters of the traces they keep. Both variants make the
   * same captures; a deeper call stack makes each one longer to format and to keep.
   */
  readonly stackCaptures: number;
  readonly framesPerCapture: number;
  readonly traceCharsPerCapture: number;
}

export interface SynthMeasurement {
  readonly variant: Variant;
  /** The framework the worker synthesized with: cdktf, or cdktn through cdktn-preload.js. */
  readonly framework: 'cdktf' | 'cdktn';
  readonly spokes: number;
  readonly sites: number;
  readonly constructMs: number;
  readonly synthMs: number;
  /** CPU time (user + system, this process) of construct + synth. */
  readonly cpuMs: number;
  /** Construct nodes in the tree (every node under the App, the App itself left out) and their maximum depth. */
  readonly constructNodes: number;
  readonly maxDepth: number;
  /** From process start to the end of synth: node start-up, module loading, construct, synth (what `cdktf synth` waits for, less its CLI). */
  readonly processMs: number;
  readonly peakRssMiB: number;
  /** Resources per Terraform type, read from the written cdk.tf.json. */
  readonly resourceCounts: Record<string, number>;
  readonly resources: number;
  /** Digest of the resources with logical ids replaced (normalize.ts): equal when both variants declare the same resources. */
  readonly fingerprint: string;
  readonly synthesizedBytes: number;
  readonly breakdown?: SynthBreakdown;
}

type Builder = (stack: TerraformStack, shape: TopologyShape) => void;

export type WhatIf = 'no-checks';

function loadBuilder(variant: Variant, whatIf: WhatIf | undefined): Builder {
  if (variant === 'raw') {
    if (whatIf !== undefined) throw new Error('--what-if applies to the library variant only');
    return (require('./topology-raw') as typeof import('./topology-raw')).buildRawTopology;
  }
  const lib = require(LIBRARY_MAIN) as import('./topology-library').LibraryModule;
  if (whatIf === 'no-checks') (lib.VpnValidation as unknown as { enable: () => void }).enable = () => undefined;
  const { buildLibraryTopology } = require('./topology-library') as typeof import('./topology-library');
  return (stack, shape) => buildLibraryTopology(lib, stack, shape);
}

/** Counts cdktf's stack-trace captures and the size of what each keeps. */
function tallyStackCaptures(): { calls: number; frames: number; chars: number } {
  const tally = { calls: 0, frames: 0, chars: 0 };
  // cdktf calls it through the module object, so a wrapper on the export sees every capture.
  const module = require(require.resolve('cdktf/lib/tokens/private/stack-trace.js')) as { captureStackTrace: (below?: unknown) => string[] };
  const original = module.captureStackTrace;
  module.captureStackTrace = function captureStackTrace(below?: unknown): string[] {
    const frames = original(below ?? captureStackTrace);
    tally.calls++;
    tally.frames += frames.length;
    for (const frame of frames) tally.chars += frame.length;
    return frames;
  };
  return tally;
}

/** Wraps `owner[name]` to count and time its calls. */
function timeCalls(owner: any, name: string): { calls: number; ms: number; each: number[] } {
  const tally = { calls: 0, ms: 0, each: [] as number[] };
  const original = owner[name] as (...args: unknown[]) => unknown;
  if (typeof original !== 'function') throw new Error(`cannot wrap ${name}: not a function`);
  owner[name] = function (this: unknown, ...args: unknown[]) {
    const start = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      const ms = msSince(start);
      tally.calls++;
      tally.ms += ms;
      tally.each.push(ms);
    }
  };
  return tally;
}

async function main(): Promise<void> {
  const [variantArg, spokesArg, sitesArg, ...flags] = process.argv.slice(2);
  if (variantArg !== 'library' && variantArg !== 'raw') throw new Error(`unknown variant ${variantArg}`);
  const variant: Variant = variantArg;
  const shape: TopologyShape = { spokes: Number(spokesArg), sites: Number(sitesArg) };
  if (!Number.isInteger(shape.spokes) || !Number.isInteger(shape.sites)) throw new Error('spokes and sites must be integers');
  const breakdown = flags.includes('--breakdown');
  const whatIfIndex = flags.indexOf('--what-if');
  const whatIf = whatIfIndex >= 0 ? (flags[whatIfIndex + 1] as WhatIf) : undefined;
  if (whatIf !== undefined && whatIf !== 'no-checks') throw new Error(`unknown --what-if ${String(whatIf)}`);
  const profileIndex = flags.indexOf('--profile');
  const profileFile = profileIndex >= 0 ? flags[profileIndex + 1] : undefined;
  const skipValidation = flags.includes('--skip-validation');
  // cdktn reads it at every capture, so setting it before the tree is built is enough.
  if (flags.includes('--no-creation-stack')) process.env.CDKTN_DISABLE_CREATION_STACK = '1';

  const build = loadBuilder(variant, whatIf);
  let tallies: Record<string, { calls: number; ms: number; each: number[] }> | undefined;
  const captures = breakdown ? tallyStackCaptures() : undefined;
  if (breakdown) {
    const libDir = path.dirname(LIBRARY_MAIN);
    tallies = { toTerraform: timeCalls(TerraformStack.prototype, 'toTerraform') };
    if (variant === 'library') {
      tallies.adapter = timeCalls(require(path.join(libDir, 'terraform-json', 'index.js')), 'topologyFromTerraformJson');
      tallies.engine = timeCalls(require(path.join(libDir, 'rules', 'engine.js')), 'checkTopology');
    }
  }

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `azvpn-bench-synth-${variant}-`));
  try {
    let tree = { constructNodes: 0, maxDepth: 0 };
    const measure = () => {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      const app = new App({ outdir, skipValidation });
      const stack = new TerraformStack(app, 'bench');
      build(stack, shape);
      const constructMs = msSince(start);
      const synthStart = process.hrtime.bigint();
      app.synth();
      const synthMs = msSince(synthStart);
      const cpu = process.cpuUsage(cpuStart);
      tree = treeShape(app);
      return { constructMs, synthMs, cpuMs: (cpu.user + cpu.system) / 1000, processMs: performance.now() };
    };
    let timings: { constructMs: number; synthMs: number; cpuMs: number; processMs: number };
    if (profileFile) {
      const profiled = await profile(measure);
      timings = profiled.result;
      fs.writeFileSync(profileFile, JSON.stringify(profiled.profile));
    } else {
      timings = measure();
    }
    const peak = peakRssMiB();

    const written = path.join(outdir, 'stacks', 'bench', 'cdk.tf.json');
    const text = fs.readFileSync(written, 'utf-8');
    const config = JSON.parse(text) as { resource?: Record<string, Record<string, unknown>> };
    const resourceCounts: Record<string, number> = {};
    for (const [type, byName] of Object.entries(config.resource ?? {})) resourceCounts[type] = Object.keys(byName).length;
    const result: SynthMeasurement = {
      variant,
      framework: require.resolve('cdktf').includes(`${path.sep}cdktn${path.sep}`) ? 'cdktn' : 'cdktf',
      ...shape,
      ...timings,
      ...tree,
      peakRssMiB: peak,
      resourceCounts,
      resources: Object.values(resourceCounts).reduce((a, b) => a + b, 0),
      fingerprint: resourceFingerprint(config),
      synthesizedBytes: text.length,
      breakdown: tallies && {
        toTerraformCalls: tallies.toTerraform.calls,
        toTerraformMs: tallies.toTerraform.ms,
        toTerraformCallMs: tallies.toTerraform.each,
        adapterCalls: tallies.adapter?.calls ?? 0,
        adapterMs: tallies.adapter?.ms ?? 0,
        engineCalls: tallies.engine?.calls ?? 0,
        engineMs: tallies.engine?.ms ?? 0,
        stackCaptures: captures?.calls ?? 0,
        framesPerCapture: captures && captures.calls > 0 ? captures.frames / captures.calls : 0,
        traceCharsPerCapture: captures && captures.calls > 0 ? captures.chars / captures.calls : 0,
      },
    };
    reportToParent(result);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every construct node below the App, and the deepest one's depth (a stack's children are at depth 2). */
function treeShape(app: App): { constructNodes: number; maxDepth: number } {
  let constructNodes = 0;
  let maxDepth = 0;
  const visit = (node: App['node'], depth: number) => {
    for (const child of node.children) {
      constructNodes++;
      maxDepth = Math.max(maxDepth, depth + 1);
      visit(child.node, depth + 1);
    }
  };
  visit(app.node, 0);
  return { constructNodes, maxDepth };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
