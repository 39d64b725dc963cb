/**
 * The benchmark harness: `npm run bench` (full run) or `npm run bench:smoke` (tiny sizes, for CI).
 *
 *   node bench/results/js/bench/run.js [--smoke] [--only synth,cdktn,check,main,import,render] [--reps N]
 *                                      [--spokes 500,5000] [--sites 30] [--check-sizes 1000,10000,50000,200000]
 *                                      [--profile] [--what-if] [--no-tree-only] [--skip-main-job] [--out FILE]
 *
 * Runs the compiled JavaScript (the package's lib/*.js from `npm run build`, the harness from
 * `tsc -p bench/tsconfig.json`); started as bench/run.ts through ts-node, it compiles the harness
 * and re-runs itself compiled, so the figures never include TypeScript compilation.
 *
 * Every measurement runs in a fresh child process. The exit code is non-zero only when the harness
 * or the measured program breaks (a worker fails, the variants emit different resources, the
 * library loads the provider package root); missed targets are reported, not failed.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchChecker, CheckerResult } from './checker-bench';
import { benchImport, ImportResult } from './import-bench';
import { benchMainJob, MainJobResult } from './main-job-bench';
import { benchRender, HUB_SPOKES, RenderResult } from './render-bench';
import { summarizeProfileFile, ProfileSummary } from './profile-summary';
import { benchSynth, benchSynthCdktn, CdktnSynthSize, SynthSize, WORKER as SYNTH_WORKER } from './synth-bench';
import { formatMs, formatRatio, formatSpread, LIBRARY_MAIN, REPO_ROOT, RESULTS_DIR, runWorker, Spread, table, typeScriptSources } from './support';
import type { SynthMeasurement, WhatIf } from './synth-worker';

/** The issue's targets on the 2-core machines. */
export const TARGETS = {
  /** Issue 14: synth CPU, library / raw, at N = 500 and N = 5000 (checks on). */
  synthCpuRatio: 1.15,
  /** Issue 14: the construct tree alone (skipValidation on both sides). */
  treeOnlyCpuRatio: 1.05,
  /** Issue 14: peak RSS per 1,000 resources at synth, library / raw. */
  rssRatio: 1.1,
  /** Issue 14: `npx cdktf synth` of the enterprise example / a one-resource app as `cdktf init` sets it up. */
  mainJobRatio: 1.0,
  /** Issue 14: `azvpn check` CPU / node start + JSON.parse of the same file, at 50k. */
  checkFloorRatio: 3,
  /** Issue 14: CPU growth exponent 50k → 200k, and 200k under 8 s CPU. */
  checkGrowthExponent: 1.0,
  check200kCpuMs: 8000,
  synthRatioAt500: 1.15,
  check50kMs: 5000,
  checkExponent: 1.1,
  importRatio: 1.3,
  /** `azvpn summary` on a 5,000-spoke hub with 50 sites, CPU time. */
  summaryHubCpuMs: 1000,
  /** Renderers linear in the topology's size. */
  renderExponent: 1.1,
};

interface Options {
  readonly smoke: boolean;
  readonly sections: ReadonlySet<string>;
  readonly synthReps: number;
  readonly checkReps: number;
  readonly importReps: number;
  readonly spokes: number[];
  readonly sites: number;
  readonly checkSizes: number[];
  readonly renderReps: number;
  readonly renderSizes: number[];
  readonly hubSpokes: number;
  readonly profile: boolean;
  readonly whatIfs: WhatIf[];
  readonly treeOnly: boolean;
  readonly mainJobReps: number;
  readonly out: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const numbers = (text: string) =>
    text.split(',').map((t) => {
      const n = Number(t);
      if (!Number.isInteger(n) || n < 0) throw new Error(`not a count: ${t}`);
      return n;
    });
  const known = ['--smoke', '--only', '--reps', '--spokes', '--sites', '--check-sizes', '--render-sizes', '--profile', '--what-if', '--no-what-if', '--no-tree-only', '--skip-main-job', '--out'];
  for (const a of argv) if (a.startsWith('--') && !known.includes(a)) throw new Error(`unknown option ${a}; known: ${known.join(' ')}`);
  const smoke = argv.includes('--smoke');
  // The main job runs the cdktf CLI through npx (seconds a run): smoke mode and --skip-main-job leave it out.
  const sections = new Set((value('--only') ?? 'synth,cdktn,check,main,import,render').split(','));
  if (argv.includes('--skip-main-job')) sections.delete('main');
  const reps = value('--reps') !== undefined ? numbers(value('--reps')!)[0] : undefined;
  if (reps !== undefined && reps < 1) throw new Error('--reps must be at least 1');
  return {
    smoke,
    sections,
    synthReps: reps ?? (smoke ? 1 : 6),
    checkReps: reps ?? (smoke ? 1 : 5),
    importReps: reps ?? (smoke ? 2 : 9),
    spokes: value('--spokes') !== undefined ? numbers(value('--spokes')!) : smoke ? [3] : [500, 5000],
    sites: value('--sites') !== undefined ? numbers(value('--sites')!)[0] : smoke ? 2 : 30,
    checkSizes: value('--check-sizes') !== undefined ? numbers(value('--check-sizes')!) : smoke ? [100, 300, 1000] : [1000, 10000, 50000, 200000],
    renderReps: reps ?? (smoke ? 1 : 3),
    renderSizes: value('--render-sizes') !== undefined ? numbers(value('--render-sizes')!) : smoke ? [100, 300] : [1000, 16000, 100000],
    hubSpokes: smoke ? 20 : HUB_SPOKES,
    profile: argv.includes('--profile'),
    // The tree-only arm (skipValidation on both sides) replaced the no-checks what-if; --what-if still runs it.
    whatIfs: argv.includes('--what-if') && !argv.includes('--no-what-if') ? ['no-checks'] : [],
    treeOnly: !argv.includes('--no-tree-only'),
    mainJobReps: reps ?? (smoke ? 1 : 4),
    out: value('--out') ?? path.join(RESULTS_DIR, smoke ? 'smoke.json' : 'latest.json'),
  };
}

/** Started through ts-node: compile the harness and run the compiled copy instead. */
function reexecCompiled(): never {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(REPO_ROOT, 'bench', 'tsconfig.json')], { stdio: 'inherit' });
  const compiled = path.join(RESULTS_DIR, 'js', 'bench', 'run.js');
  const result = spawnSync(process.execPath, [compiled, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

/** The figures must be for the sources as they are: every lib/**\/*.ts needs a newer .js beside it. */
function assertLibraryCompiled(): void {
  const stale = typeScriptSources(path.join(REPO_ROOT, 'lib')).filter((ts) => {
    const js = ts.replace(/\.ts$/, '.js');
    return !fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(ts).mtimeMs;
  });
  if (stale.length > 0) {
    throw new Error(
      `lib/ is not compiled, or changed since it was: ${stale.slice(0, 3).map((f) => path.relative(REPO_ROOT, f)).join(', ')}${stale.length > 3 ? ` and ${stale.length - 3} more` : ''}; run \`npm run build\` (npm run bench does)`,
    );
  }
}

function machine(): Record<string, string> {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf-8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  let dirty = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf-8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'lib', 'bin'], { cwd: REPO_ROOT, encoding: 'utf-8' }).trim();
    dirty = status ? ' (lib/ or bin/ has uncommitted changes)' : '';
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    cpus: String(os.availableParallelism?.() ?? os.cpus().length),
    cpuModel: model,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: `${commit}${dirty}`,
    date: new Date().toISOString(),
    loadAtStart: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

function pct(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(0)}%` : 'n/a';
}

function mark(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function synthTables(sizes: SynthSize[]): string {
  const rows: string[][] = [];
  for (const s of sizes) {
    for (const v of ['library', 'raw'] as const) {
      const x = s[v];
      rows.push([`N=${s.spokes}, S=${s.sites}`, v, String(x.resources), formatMs(x.constructMs), formatMs(x.synthMs), formatMs(x.totalMs), formatMs(x.processMs), x.peakRssMiB.toFixed(0)]);
    }
    rows.push([
      `N=${s.spokes}, S=${s.sites}`,
      'library/raw',
      s.library.resources === s.raw.resources ? 'equal' : 'DIFFER',
      formatRatio(s.constructRatio),
      formatRatio(s.synthRatio),
      formatRatio(s.totalRatio),
      formatRatio(s.processRatio),
      formatRatio(s.rssRatio),
    ]);
  }
  const main = table(['topology', 'variant', 'resources', 'construct ms', 'synth ms', 'construct + synth ms', 'process ms', 'peak RSS MiB'], rows);

  const countRows: string[][] = [];
  for (const s of sizes) {
    const types = [...new Set([...Object.keys(s.library.resourceCounts), ...Object.keys(s.raw.resourceCounts)])].sort();
    for (const t of types) countRows.push([`N=${s.spokes}`, t, String(s.library.resourceCounts[t] ?? 0), String(s.raw.resourceCounts[t] ?? 0)]);
    countRows.push([`N=${s.spokes}`, 'total', String(s.library.resources), String(s.raw.resources)]);
  }
  const counts = table(['topology', 'resource type', 'library', 'raw'], countRows);

  const breakdownRows: string[][] = [];
  for (const s of sizes) {
    for (const v of ['library', 'raw'] as const) {
      const b = s[v].breakdown;
      if (!b) continue;
      breakdownRows.push([
        `N=${s.spokes}`,
        v,
        `${b.toTerraformCalls} × = ${formatMs(b.toTerraformMs)}${b.toTerraformCalls > 1 ? ` (${b.toTerraformCallMs.map(formatMs).join(' + ')})` : ''}`,
        v === 'library' ? `${b.adapterCalls} × = ${formatMs(b.adapterMs)}` : '-',
        v === 'library' ? `${b.engineCalls} × = ${formatMs(b.engineMs)}` : '-',
        `${b.stackCaptures} (${(b.stackCaptures / s[v].resources).toFixed(2)} per resource)`,
        b.framesPerCapture.toFixed(1),
        Math.round(b.traceCharsPerCapture).toString(),
      ]);
    }
  }
  const breakdown = table(
    ['topology', 'variant', 'stack.toTerraform()', 'JSON adapter', 'rule engine', "cdktf's stack-trace captures", 'frames per capture', 'trace characters per capture'],
    breakdownRows,
  );
  const explained = sizes
    .filter((s) => s.library.breakdown !== undefined)
    .map((s) => {
      const b = s.library.breakdown!;
      const overhead = s.library.totalMs - s.raw.totalMs;
      const validationToTerraform = b.toTerraformCalls > 1 ? b.toTerraformCallMs[0] : 0;
      const checks = validationToTerraform + b.adapterMs + b.engineMs;
      return (
        `- N=${s.spokes}: the library takes ${formatMs(overhead)} ms more than raw (median construct + synth). ` +
        `The synth-time check accounts for about ${formatMs(checks)} ms of it: ` +
        (validationToTerraform > 0 ? `a second \`stack.toTerraform()\` ${formatMs(validationToTerraform)} ms (${pct(validationToTerraform, overhead)} of the overhead), ` : '') +
        `the JSON adapter ${formatMs(b.adapterMs)} ms (${pct(b.adapterMs, overhead)}), ` +
        `the rule engine ${formatMs(b.engineMs)} ms (${pct(b.engineMs, overhead)}); construct time differs by ${formatMs(s.library.constructMs - s.raw.constructMs)} ms.`
      );
    });
  const legend =
    'construct + synth is the wall time the ratio target applies to; process ms runs from process start to the end of synth ' +
    '(node start-up and module loading included, as a `cdktf synth` run waits for them).';
  const whatIfRows = sizes.flatMap((s) =>
    s.whatIfs.map((w) => [`N=${s.spokes}, S=${s.sites}`, w.whatIf, formatMs(w.summary.totalMs), formatMs(s.raw.totalMs), formatRatio(w.totalRatio), formatRatio(s.totalRatio)]),
  );
  const whatIf =
    whatIfRows.length === 0
      ? ''
      : '\n\nWhat-if estimates: the library patched at run time (bench/synth-worker.ts `--what-if`), measured in the same alternation as the rows above. ' +
        '`no-checks`: `VpnValidation.enable()` is a no-op, so only the construct tree costs extra. It is not what the library ships.\n\n' +
        table(['topology', 'what if', 'library construct + synth ms', 'raw ms', 'ratio', 'shipped ratio'], whatIfRows);
  return `${main}\n\n${legend}${whatIf}\n\nResources per type (from the written cdk.tf.json):\n\n${counts}\n\nInside synth (one instrumented run per variant, not part of the timings above; with the library the stack resolves once, in its validation, and the synthesizer reuses that JSON):\n\n${breakdown}${explained.length > 0 ? `\n\n${explained.join('\n')}` : ''}`;
}

/** met, or MISSED by how much. */
function verdict(ok: boolean, by: number, format: (n: number) => string = formatRatio): string {
  return ok ? 'met' : `MISSED by ${format(by)}`;
}

function synthCpuTable(sizes: SynthSize[]): string {
  const rows: string[][] = [];
  const cpu = (x: Spread) => `${formatMs(x.median)} (${formatMs(x.min)}–${formatMs(x.max)})`;
  for (const s of sizes) {
    const arms: Array<[string, import('./synth-bench').SynthVariantSummary]> = [
      ['library', s.library],
      ['raw', s.raw],
      ...(s.treeOnly
        ? ([
            ['library, tree only', s.treeOnly.library],
            ['raw, tree only', s.treeOnly.raw],
          ] as Array<[string, import('./synth-bench').SynthVariantSummary]>)
        : []),
    ];
    for (const [label, x] of arms) {
      rows.push([`N=${s.spokes}, S=${s.sites}`, label, String(x.resources), cpu(x.cpuMs), formatMs(x.totalMs), x.peakRssMiB.toFixed(0), x.rssPerThousand.toFixed(1), String(x.constructNodes), String(x.maxDepth)]);
    }
  }
  return table(['topology', 'arm', 'resources', 'CPU ms (min–max)', 'wall ms', 'peak RSS MiB', 'MiB per 1,000 resources', 'construct nodes', 'max depth'], rows);
}

function cdktnTable(sizes: CdktnSynthSize[]): string {
  const rows: string[][] = [];
  for (const s of sizes) {
    for (const [arm, summary] of [
      ['library', s.library],
      ['raw', s.raw],
      ['library, CDKTN_DISABLE_CREATION_STACK=1', s.libraryNoStack],
      ['raw, CDKTN_DISABLE_CREATION_STACK=1', s.rawNoStack],
    ] as const) {
      rows.push([`N=${s.spokes}, S=${s.sites}`, arm, formatSpread(summary.cpuMs, formatMs), summary.peakRssMiB.toFixed(0)]);
    }
  }
  const ratios = sizes.map(
    (s) =>
      `- N=${s.spokes}: library / raw ${formatSpread(s.cpuRatio)} with creation stacks, ${formatSpread(s.cpuRatioNoStack)} without; ` +
      `the switch takes the library's synth to ${formatSpread(s.switchCpuRatio)} of its CPU time and ${formatSpread(s.switchRssRatio)} of its peak RSS.`,
  );
  return `${table(['topology', 'arm', 'CPU ms (min–max)', 'peak RSS MiB'], rows)}\n\n${ratios.join('\n')}`;
}

function mainJobTable(r: MainJobResult): string {
  const ms = (x: Spread) => `${formatMs(x.median)} (${formatMs(x.min)}–${formatMs(x.max)})`;
  const rows = [
    [`this repository: \`${r.app}\``, ms(r.enterprise.cpuMs), ms(r.enterprise.wallMs)],
    [`one resource, as \`cdktf init\`: \`${r.helloApp}\``, ms(r.hello.cpuMs), ms(r.hello.wallMs)],
    ['ratio, pair by pair', formatSpread(r.cpuRatio), formatSpread(r.wallRatio)],
  ];
  return table(['app', 'CPU ms, whole process tree', 'wall ms'], rows);
}

function checkerTable(r: CheckerResult): string {
  const rows = [r.startup, ...r.sizes].map((s) => [
    s === r.startup ? `${s.resources} (fixed cost)` : String(s.resources),
    `${s.spokes} / ${s.sites}`,
    s.megabytes.toFixed(1),
    formatMs(s.medianWallMs),
    `${formatMs(s.cpuMs.median)} (${formatMs(s.cpuMs.min)}–${formatMs(s.cpuMs.max)})`,
    formatMs(s.floor.cpuMs.median),
    formatSpread(s.floorRatio),
    s.medianRssMiB.toFixed(0),
    `${s.runs[0].summary.errors}/${s.runs[0].summary.warnings}/${s.runs[0].summary.infos}`,
  ]);
  const growth = r.cpuExponentLargest ? ` CPU-time growth exponent ${r.cpuExponentLargest.from} → ${r.cpuExponentLargest.to}: ${r.cpuExponentLargest.exponent.toFixed(3)}.` : '';
  return `${table(['resources', 'spokes / sites', 'MB', 'wall ms', 'CPU ms (min–max)', 'floor CPU ms', 'CPU / floor', 'peak RSS MiB', 'errors/warnings/infos'], rows)}\n\nThe floor is a node process that only reads and \`JSON.parse\`s the same file.${growth}\n\nScaling exponent (log-log least squares over ${r.sizes.map((s) => s.resources).join(', ')} resources): wall time ${r.exponent.toFixed(3)}; wall time minus the fixed cost ${r.marginalExponent.toFixed(3)}.`;
}

function importTable(r: ImportResult): string {
  const rows = [r.baseline, r.library, r.floor].map((v) => [
    v.mode === 'library' ? "require('cdktf-azure-vpn')" : v.mode === 'floor' ? `deep-path floor (${r.deepPaths.length} provider modules)` : 'empty process (baseline)',
    formatMs(v.medianRequireMs),
    v.medianRssMiB.toFixed(0),
    String(v.modulesLoaded),
  ]);
  rows.push(['library / floor', formatRatio(r.timeRatio), `${formatRatio(r.rssRatio)} (above baseline)`, '']);
  const layers = table(
    ['module (in lib/index.ts order)', 'adds ms', 'adds modules'],
    r.layers.filter((l) => l.ms >= 0.5 || l.modules > 1).map((l) => [l.module, formatMs(l.ms), String(l.modules)]),
  );
  return `${table(['what is required', 'require ms', 'peak RSS MiB', 'modules loaded'], rows)}\n\nWhere the library's import time goes (the floor first, then each module lib/index.ts re-exports, each adding what the earlier ones did not load; modules adding under 0.5 ms and one file left out):\n\n${layers}\n\nProvider package roots loaded: ${r.providerRootsLoaded.length === 0 ? 'none' : r.providerRootsLoaded.join(', ')}.\nDeep paths of the floor: ${r.deepPaths.join(', ')}.`;
}

function profileText(title: string, summary: ProfileSummary): string {
  const fns = table(
    ['function', 'where', 'self ms', 'share'],
    summary.topFunctions.map((f) => [f.name, f.where, formatMs(f.selfMs), `${(f.share * 100).toFixed(1)}%`]),
  );
  const areas = table(
    ['code area', 'self ms', 'share'],
    summary.byArea.slice(0, 12).map((a) => [a.area, formatMs(a.selfMs), `${(a.share * 100).toFixed(1)}%`]),
  );
  return `${title} (${formatMs(summary.totalMs)} ms sampled)\n\n${areas}\n\n${fns}`;
}

async function profileSynth(spokes: number, sites: number): Promise<string> {
  const dir = path.join(RESULTS_DIR, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const parts: string[] = [];
  for (const variant of ['library', 'raw'] as const) {
    const file = path.join(dir, `synth-${variant}-N${spokes}.cpuprofile`);
    const m = await runWorker<SynthMeasurement>(SYNTH_WORKER, [variant, String(spokes), String(sites), '--profile', file]);
    parts.push(profileText(`CPU profile, ${variant}, N=${spokes}, construct + synth ${formatMs(m.constructMs + m.synthMs)} ms; ${path.relative(REPO_ROOT, file)}`, summarizeProfileFile(file)));
  }
  return parts.join('\n\n');
}

function renderTable(r: RenderResult): string {
  const rows = r.cases.map((c) => [c.command, c.topology, String(c.size), formatMs(c.medianCpuMs), c.medianRssMiB.toFixed(0), c.outputMiB.toFixed(2)]);
  const exponents = Object.entries(r.exponents).map(([command, k]) => `${command} ${k.toFixed(3)}`).join(', ');
  return `${table(['command', 'topology', 'size', 'CPU ms', 'peak RSS MiB', 'output MiB'], rows)}\n\nScaling exponent of CPU time over the VNet series (1.0 is linear): ${exponents || 'n/a'}.`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(LIBRARY_MAIN)) throw new Error(`${path.relative(REPO_ROOT, LIBRARY_MAIN)} is missing; run \`npm run build\` (npm run bench does)`);
  assertLibraryCompiled();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const info = machine();
  const results: Record<string, unknown> = { machine: info, options: { ...options, sections: [...options.sections] } };
  const report: string[] = [
    `# cdktf-azure-vpn benchmarks${options.smoke ? ' (smoke mode: tiny sizes, figures meaningless)' : ''}`,
    '',
    `Machine: ${info.cpus} CPUs (${info.cpuModel}), ${info.memory} RAM, node ${info.node}, ${info.platform}. Commit ${info.commit}, ${info.date}.`,
  ];
  const loadLine = () => `Load average (1, 5, 15 min) at the start: ${info.loadAtStart}; at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`;
  const verdicts: string[] = [];
  const headline: string[][] = [];

  if (options.sections.has('synth')) {
    log(`synth overhead: N = ${options.spokes.join(', ')} spokes, S = ${options.sites} sites, ${options.synthReps} runs per variant`);
    const sizes = await benchSynth(options.spokes, options.sites, options.synthReps, log, options.whatIfs, options.treeOnly);
    results.synth = sizes;
    report.push('', `## 1. Synth overhead (median of ${options.synthReps} runs per variant, each in a fresh process)`, '', synthCpuTable(sizes), '', synthTables(sizes));
    for (const s of sizes) {
      headline.push([`synth CPU, library / raw, N=${s.spokes}, S=${s.sites}`, formatSpread(s.cpuRatio), `≤ ${TARGETS.synthCpuRatio}×`, verdict(s.cpuRatio.median <= TARGETS.synthCpuRatio, s.cpuRatio.median - TARGETS.synthCpuRatio)]);
      headline.push([`synth wall, library / raw, N=${s.spokes}`, formatSpread(s.wallRatio), '(CPU is the target)', '']);
      if (s.treeOnly) headline.push([`construct tree alone (skipValidation both), N=${s.spokes}`, formatSpread(s.treeOnly.cpuRatio), `≤ ${TARGETS.treeOnlyCpuRatio}×`, verdict(s.treeOnly.cpuRatio.median <= TARGETS.treeOnlyCpuRatio, s.treeOnly.cpuRatio.median - TARGETS.treeOnlyCpuRatio)]);
      headline.push([
        `peak RSS per 1,000 resources, library / raw, N=${s.spokes}`,
        `${formatSpread(s.rssPairRatio)}; ${s.library.rssPerThousand.toFixed(1)} / ${s.raw.rssPerThousand.toFixed(1)} MiB`,
        `≤ ${TARGETS.rssRatio}×`,
        verdict(s.rssPairRatio.median <= TARGETS.rssRatio, s.rssPairRatio.median - TARGETS.rssRatio),
      ]);
    }
    const at500 = sizes.find((s) => s.spokes === 500);
    const missed = at500 !== undefined && at500.totalRatio > TARGETS.synthRatioAt500;
    if (at500) verdicts.push(`synth wall-time ratio at N=500: ${formatRatio(at500.totalRatio)} (target ≤ ${TARGETS.synthRatioAt500}): ${mark(!missed)}${missed ? `, by ${formatMs(at500.library.totalMs - TARGETS.synthRatioAt500 * at500.raw.totalMs)} ms` : ''}`);
    // A missed target comes with the profile that says where the time goes.
    if (options.profile || (missed && !options.smoke)) {
      const largest = Math.max(...options.spokes);
      const text = await profileSynth(largest, options.sites);
      report.push('', '### CPU profiles of construct + synth', '', text);
    }
  }

  if (options.sections.has('cdktn')) {
    // The smallest size only: four arms per repetition, on the fork users move to.
    const spokes = [Math.min(...options.spokes)];
    log(`synth on cdktn: N = ${spokes.join(', ')} spokes, creation stacks on and off, ${options.synthReps} runs per arm`);
    const sizes = await benchSynthCdktn(spokes, options.sites, options.synthReps, log);
    results.cdktn = sizes;
    report.push('', `## 1b. Synth on cdktn, with and without its creation stacks (median of ${options.synthReps} runs per arm)`, '', cdktnTable(sizes));
    for (const s of sizes) {
      headline.push([`cdktn: synth CPU with CDKTN_DISABLE_CREATION_STACK=1 / without, library, N=${s.spokes}`, formatSpread(s.switchCpuRatio), '(advice to users)', '']);
    }
  }

  if (options.sections.has('check')) {
    log(`checker scaling: ${options.checkSizes.join(', ')} resources, ${options.checkReps} runs each`);
    const checker = benchChecker(options.checkSizes, options.checkReps, log);
    results.check = checker;
    report.push('', `## 2. Checker scaling: \`azvpn check FILE --format json\` (median of ${options.checkReps} processes)`, '', checkerTable(checker));
    for (const size of checker.sizes) {
      const target = size.requested === 50000;
      headline.push([
        `azvpn check CPU / node + JSON.parse floor, ${size.resources} resources`,
        `${formatSpread(size.floorRatio)}; ${formatMs(size.cpuMs.median)} / ${formatMs(size.floor.cpuMs.median)} ms`,
        target ? `≤ ${TARGETS.checkFloorRatio}×` : '',
        target ? verdict(size.floorRatio.median <= TARGETS.checkFloorRatio, size.floorRatio.median - TARGETS.checkFloorRatio) : '',
      ]);
    }
    const growth = checker.cpuExponentLargest;
    if (growth) {
      const largestSize = checker.sizes[checker.sizes.length - 1];
      const bound = largestSize.requested === 200000;
      headline.push([
        `azvpn check CPU growth exponent ${growth.from} → ${growth.to}`,
        growth.exponent.toFixed(2),
        bound ? `≤ ${TARGETS.checkGrowthExponent.toFixed(1)}` : '',
        bound ? verdict(growth.exponent <= TARGETS.checkGrowthExponent, growth.exponent - TARGETS.checkGrowthExponent, (n) => n.toFixed(2)) : '',
      ]);
      headline.push([
        `azvpn check CPU at ${largestSize.resources} resources`,
        `${formatMs(largestSize.cpuMs.median)} ms (${formatMs(largestSize.cpuMs.min)}–${formatMs(largestSize.cpuMs.max)}, ${largestSize.cpuMs.runs} runs)`,
        bound ? `< ${TARGETS.check200kCpuMs} ms` : '',
        bound ? verdict(largestSize.cpuMs.median < TARGETS.check200kCpuMs, largestSize.cpuMs.median - TARGETS.check200kCpuMs, (n) => `${formatMs(n)} ms`) : '',
      ]);
    }
    const largest = checker.sizes.find((s) => s.requested === 50000);
    if (largest) verdicts.push(`azvpn check on ${largest.resources} resources: ${formatMs(largest.medianWallMs)} ms (target < ${TARGETS.check50kMs}): ${mark(largest.medianWallMs < TARGETS.check50kMs)}`);
    if (checker.sizes.length >= 2 && !options.smoke) verdicts.push(`checker scaling exponent: ${checker.exponent.toFixed(3)} (target ≤ ${TARGETS.checkExponent}): ${mark(checker.exponent <= TARGETS.checkExponent)}`);
  }

  if (options.sections.has('main')) {
    log(`main job: npx cdktf synth of the enterprise example vs a one-resource app as cdktf init sets it up, ${options.mainJobReps} runs each`);
    const main = benchMainJob(options.mainJobReps, log);
    results.main = main;
    report.push('', `## Main job: \`npx cdktf synth\` (${options.mainJobReps} runs each, ABBA, after one warm-up)`, '', mainJobTable(main));
    headline.push([
      '`npx cdktf synth`, enterprise example / one-resource app as `cdktf init` sets it up, CPU',
      `${formatSpread(main.cpuRatio)}; ${formatMs(main.enterprise.cpuMs.median)} / ${formatMs(main.hello.cpuMs.median)} ms`,
      `≤ ${TARGETS.mainJobRatio.toFixed(1)}×`,
      verdict(main.cpuRatio.median <= TARGETS.mainJobRatio, main.cpuRatio.median - TARGETS.mainJobRatio),
    ]);
    headline.push(['`npx cdktf synth`, the same, wall', formatSpread(main.wallRatio), '(CPU is the target)', '']);
  }

  if (options.sections.has('import')) {
    log(`import cost: ${options.importReps} runs each`);
    const imports = await benchImport(options.importReps, log);
    results.import = imports;
    report.push('', `## 3. Import cost (median of ${options.importReps} fresh processes)`, '', importTable(imports));
    verdicts.push(`import time ratio library/floor: ${formatRatio(imports.timeRatio)} (target ≤ ${TARGETS.importRatio}): ${mark(imports.timeRatio <= TARGETS.importRatio)}`);
    const azurermRoot = imports.providerRootsLoaded.filter((k) => k.includes('provider-azurerm'));
    if (azurermRoot.length > 0) {
      throw new Error(`the @cdktf/provider-azurerm package root was loaded: ${azurermRoot.join(', ')}`);
    }
  }

  if (options.sections.has('render')) {
    log(`renderers: summary and graph on ${options.renderSizes.join(', ')} VNets and a ${options.hubSpokes}-spoke hub, ${options.renderReps} runs each`);
    const render = benchRender(options.renderSizes, options.hubSpokes, options.renderReps, log);
    results.render = render;
    report.push('', `## 4. Renderers: \`azvpn summary\` and \`azvpn graph\` (median of ${options.renderReps} processes)`, '', renderTable(render));
    const hub = render.cases.find((c) => c.command === 'summary' && c.topology.startsWith('hub') && c.size === HUB_SPOKES);
    if (hub) verdicts.push(`azvpn summary on a ${HUB_SPOKES}-spoke hub with 50 sites: ${formatMs(hub.medianCpuMs)} ms CPU (target < ${TARGETS.summaryHubCpuMs}): ${mark(hub.medianCpuMs < TARGETS.summaryHubCpuMs)}`);
    if (!options.smoke) {
      for (const [command, k] of Object.entries(render.exponents)) verdicts.push(`${command} scaling exponent over VNets: ${k.toFixed(3)} (target ≤ ${TARGETS.renderExponent}): ${mark(k <= TARGETS.renderExponent)}`);
    }
  }

  if (headline.length > 0) {
    report.splice(
      4,
      0,
      '',
      `## Issue 14 targets (CPU time, paired ratios: median (min–max, runs); load average at the start ${info.loadAtStart})`,
      '',
      table(['what', 'measured', 'target', 'status'], headline),
      '',
    );
  }
  if (verdicts.length > 0) report.push('', '## Targets', '', ...verdicts.map((v) => `- ${v}`));
  report.splice(3, 0, loadLine());
  if (options.smoke) report.push('', 'Smoke mode checks that the harness works; its figures say nothing about performance.');
  const text = `${report.join('\n')}\n`;
  process.stdout.write(`\n${text}`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, JSON.stringify(results, null, 2));
  fs.writeFileSync(options.out.replace(/\.json$/, '.md'), text);
  log(`\nwrote ${path.relative(REPO_ROOT, options.out)} and ${path.relative(REPO_ROOT, options.out.replace(/\.json$/, '.md'))}`);
}

if (__filename.endsWith('.ts')) {
  reexecCompiled();
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
