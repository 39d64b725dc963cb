/**
 * Renderer scaling: `azvpn summary` and `azvpn graph` (the real program, each run in its own
 * process) on N unconnected VNets, and `azvpn summary` on a hub with 5,000 transit spokes and 50
 * BGP sites. CPU time and peak RSS come from inside the process (usage-preload.js).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateHubSpokeConfig, shapeFor } from './generate-config';
import { AZVPN_BIN, median, scalingExponent } from './support';
import type { ChildUsage } from './usage-preload';

export interface RenderCase {
  readonly command: 'summary' | 'graph';
  readonly topology: string;
  readonly size: number;
  readonly medianCpuMs: number;
  readonly medianRssMiB: number;
  readonly outputMiB: number;
}

export interface RenderResult {
  readonly cases: RenderCase[];
  /** Fitted on the VNet series' median CPU time, per command. */
  readonly exponents: Record<string, number>;
}

/** The hub the issue names: 5,000 spokes and 50 sites. */
export const HUB_SPOKES = 5000;

/** N VNets with distinct /24s and nothing between them. */
export function unconnectedVnets(n: number): object {
  const vnets: Record<string, object> = {};
  for (let i = 0; i < n; i++) {
    vnets[`v${i}`] = { name: `vnet-${i}`, location: 'westeurope', resource_group_name: 'rg', address_space: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`] };
  }
  return { resource: { azurerm_virtual_network: vnets } };
}

export function benchRender(vnetSizes: readonly number[], hubSpokes: number, repetitions: number, log: (line: string) => void): RenderResult {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-bench-render-'));
  const preload = path.join(__dirname, 'usage-preload.js');
  if (!fs.existsSync(preload)) throw new Error(`${preload} is missing; run the compiled harness (npm run bench)`);
  try {
    const inputs: Array<{ topology: string; size: number; dir: string; commands: Array<'summary' | 'graph'> }> = [];
    for (const n of vnetSizes) inputs.push({ topology: 'unconnected VNets', size: n, dir: write(scratch, `vnets-${n}`, unconnectedVnets(n)), commands: ['summary', 'graph'] });
    // 7 fixed resources, 50 sites of 2, and 3 per spoke.
    if (hubSpokes > 0) {
      const resources = 7 + 100 + 3 * hubSpokes;
      inputs.push({ topology: `hub, spokes + ${shapeFor(resources).sites} BGP sites`, size: hubSpokes, dir: write(scratch, `hub-${hubSpokes}`, generateHubSpokeConfig(resources)), commands: ['summary', 'graph'] });
    }
    const cases: RenderCase[] = [];
    for (const input of inputs) {
      for (const command of input.commands) {
        const runs: ChildUsage[] = [];
        let outputBytes = 0;
        for (let rep = 0; rep < repetitions; rep++) {
          const { usage, bytes } = renderOnce(command, input.dir, preload, scratch);
          runs.push(usage);
          outputBytes = bytes;
          log(`  ${command} on ${input.size} (${input.topology}), run ${rep + 1}/${repetitions}: ${(usage.userCpuMs + usage.systemCpuMs).toFixed(0)} ms CPU, ${(usage.maxRssKiB / 1024).toFixed(0)} MiB`);
        }
        cases.push({
          command,
          topology: input.topology,
          size: input.size,
          medianCpuMs: median(runs.map((u) => u.userCpuMs + u.systemCpuMs)),
          medianRssMiB: median(runs.map((u) => u.maxRssKiB / 1024)),
          outputMiB: outputBytes / 2 ** 20,
        });
      }
    }
    const exponents: Record<string, number> = {};
    for (const command of ['summary', 'graph']) {
      const series = cases.filter((c) => c.command === command && c.topology === 'unconnected VNets');
      if (series.length >= 2) exponents[command] = scalingExponent(series.map((c) => ({ x: c.size, y: c.medianCpuMs })));
    }
    return { cases, exponents };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function write(scratch: string, name: string, config: object): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  return dir;
}

function renderOnce(command: string, dir: string, preload: string, scratch: string): { usage: ChildUsage; bytes: number } {
  const usageFile = path.join(scratch, 'usage.json');
  const outFile = path.join(scratch, 'out.txt');
  fs.rmSync(usageFile, { force: true });
  const out = fs.openSync(outFile, 'w');
  let result;
  try {
    result = spawnSync(process.execPath, ['-r', preload, AZVPN_BIN, command, dir], {
      env: { ...process.env, AZVPN_BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', out, 'pipe'],
      encoding: 'utf-8',
    });
  } finally {
    fs.closeSync(out);
  }
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`azvpn ${command} ${path.basename(dir)} exited ${result.status ?? result.signal}: ${String(result.stderr).trim()}`);
  if (!fs.existsSync(usageFile)) throw new Error('the rendering process wrote no resource usage; is usage-preload.js loaded?');
  return { usage: JSON.parse(fs.readFileSync(usageFile, 'utf-8')) as ChildUsage, bytes: fs.statSync(outFile).size };
}
