/**
 * What the benchmark harness and its child processes share: paths, statistics, child-process
 * plumbing. No timing policy lives here; run.ts decides what to measure and how often.
 */
import { ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root, whether this file runs as bench/*.ts (ts-node, jest) or compiled under bench/results/js/bench/. */
export const REPO_ROOT = findRepoRoot(__dirname);

/** The package's main module, i.e. what `require('cdktf-azure-vpn')` loads. */
export const LIBRARY_MAIN = path.join(REPO_ROOT, 'lib', 'index.js');

/** The real command line program. */
export const AZVPN_BIN = path.join(REPO_ROOT, 'bin', 'azvpn.js');

/** Scratch and output space; gitignored. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf-8')) as { name?: string }).name === 'cdktf-azure-vpn') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the cdktf-azure-vpn package above ${start}`);
    dir = parent;
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Least-squares fit of log(y) = a + k·log(x); returns the exponent k (time ∝ size^k).
 * Needs at least two distinct sizes and positive values.
 */
export function scalingExponent(points: ReadonlyArray<{ x: number; y: number }>): number {
  const usable = points.filter((p) => p.x > 0 && p.y > 0);
  if (new Set(usable.map((p) => p.x)).size < 2) return NaN;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` value). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Peak resident set size of this process so far, in MiB (`maxRSS` is in KiB on Linux and macOS). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Runs a compiled worker module in a fresh node process and returns the one message it sends.
 * Each measurement gets its own process, so peak RSS belongs to one variant and one size only,
 * and no JIT warm-up or heap left by an earlier measurement flatters a later one.
 */
export function runWorker<T>(modulePath: string, args: readonly string[], execArgv: readonly string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(modulePath, [...args], {
      execArgv: [...execArgv],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      cwd: REPO_ROOT,
    });
    let message: T | undefined;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('message', (m) => (message = m as T));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && message !== undefined) resolve(message);
      else reject(new Error(`${path.basename(modulePath)} ${args.join(' ')} failed (exit ${code ?? signal}): ${stderr.trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}

/** Sends the worker's result to the parent (or prints it when run by hand) and lets the process end. */
export function reportToParent(result: object): void {
  if (process.send) process.send(result);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** Every `.ts` source under `dir` (not declarations), recursively. */
export function typeScriptSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...typeScriptSources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/**
 * The `@cdktf/provider-*` deep paths the library imports (e.g.
 * `@cdktf/provider-azurerm/lib/virtual-network-gateway`), found by scanning lib/ sources.
 * The deep-path floor of the import benchmark requires exactly these.
 */
export function providerDeepPaths(libDir = path.join(REPO_ROOT, 'lib')): string[] {
  const found = new Set<string>();
  const pattern = /(?:from\s+|require\(\s*|import\(\s*)['"](@cdktf\/provider-[a-z0-9-]+(?:\/[^'"]*)?)['"]/g;
  for (const file of typeScriptSources(libDir)) {
    const text = fs.readFileSync(file, 'utf-8');
    for (const match of text.matchAll(pattern)) found.add(match[1]);
  }
  return [...found].sort();
}

/** A provider import that loads a package root (`@cdktf/provider-azurerm`, `…/lib`, `…/lib/index`). */
export function isProviderRoot(specifier: string): boolean {
  return /^@cdktf\/provider-[a-z0-9-]+(\/lib(\/index(\.js)?)?)?\/?$/.test(specifier);
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

export function formatRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a';
}

/** A plain-text table, also valid Markdown: numeric columns right-aligned, text columns left-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === '' || /^[-\d.,]+(×| ×|%)?( \(.*\))?$|^n\/a$|^\d+ × = /.test(r[i])));
  const pad = (c: string, i: number) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]));
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => `${'-'.repeat(w + 1)}${numeric[i] ? ':' : '-'}`).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Median, minimum and maximum of a series, and how many values it has. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** Ratios a[i] / b[i] of runs taken as pairs (the same repetition, one after the other), summarized. */
export function pairedRatio(a: readonly number[], b: readonly number[]): Spread {
  const n = Math.min(a.length, b.length);
  return spread(Array.from({ length: n }, (_, i) => a[i] / b[i]));
}

export function formatSpread(s: Spread, format: (n: number) => string = formatRatio): string {
  return `${format(s.median)} (${format(s.min)}–${format(s.max)}, ${s.runs} runs)`;
}
