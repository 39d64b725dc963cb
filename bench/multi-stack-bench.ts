/**
 * Synth of an app with one hub stack and N spoke stacks (the platform layout), each spoke a VNet
 * peered to the hub gateway through `GatewayTransitPeering` (a cross-stack reference), with
 * validations on, in a fresh process per run:
 *
 *   npx ts-node --transpile-only bench/multi-stack-bench.ts [spokes=50] [runs=5] [library dir=lib] [--single]
 *
 * `--single` puts the same resources in one stack (the single-stack path, for comparison).
 * Prints the median CPU time (user + system) and wall time of `app.synth()`; construction and
 * module loading are outside the clock. CPU time, not wall time, because the machine is shared.
 * The third argument points at another copy of the library's lib/ (an older commit) to compare.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Run { readonly cpuMs: number; readonly wallMs: number; readonly engineRuns: number }

function measure(spokes: number, library: string, single: boolean): Run {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App, TerraformStack } = require('cdktf') as typeof import('cdktf');
  const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider') as typeof import('@cdktf/provider-azurerm/lib/provider');
  const { VirtualNetwork } = require('@cdktf/provider-azurerm/lib/virtual-network') as typeof import('@cdktf/provider-azurerm/lib/virtual-network');
  const lib = require(path.resolve(library)) as typeof import('../lib');
  const engine = require(path.resolve(library, 'rules', 'engine')) as typeof import('../lib/rules/engine');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let engineRuns = 0;
  const original = engine.checkTopology;
  (engine as { checkTopology: typeof original }).checkTopology = (...args) => {
    engineRuns++;
    return original(...args);
  };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-multi-stack-'));
  try {
    const app = new App({ outdir });
    const hubStack = new TerraformStack(app, 'hub');
    new AzurermProvider(hubStack, 'azurerm', { features: [{}] });
    const hub = new lib.VpnGateway(hubStack, 'Hub', { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], virtualNetworkName: 'hub-vnet' });
    for (let i = 1; i <= spokes; i++) {
      const stack = single ? hubStack : new TerraformStack(app, `spoke${i}`);
      if (!single) new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const vnet = new VirtualNetwork(stack, `Vnet${i}`, { name: `spoke${i}`, resourceGroupName: 'rg-spokes', location: 'westeurope', addressSpace: [`10.${Math.floor(i / 250) + 1}.${i % 250}.0/24`] });
      new lib.GatewayTransitPeering(stack, `Spoke${i}`, { hubGateway: hub, spokeVirtualNetwork: lib.VirtualNetworkReference.fromVirtualNetwork(vnet) });
    }
    const cpu = process.cpuUsage();
    const wall = process.hrtime.bigint();
    app.synth();
    const used = process.cpuUsage(cpu);
    return { cpuMs: (used.user + used.system) / 1000, wallMs: Number(process.hrtime.bigint() - wall) / 1e6, engineRuns };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (process.argv[2] === '--worker') {
  process.stdout.write(JSON.stringify(measure(Number(process.argv[3]), process.argv[4], process.argv[5] === '--single')));
} else if (require.main === module) {
  const spokes = Number(process.argv[2] ?? 50);
  const runs = Number(process.argv[3] ?? 5);
  const library = process.argv[4] ?? path.join(__dirname, '..', 'lib');
  const single = process.argv.includes('--single');
  const results: Run[] = [];
  for (let r = 0; r < runs; r++) {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--worker', String(spokes), library, ...(single ? ['--single'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
    results.push(JSON.parse(out) as Run);
  }
  console.log(JSON.stringify({
    spokes,
    layout: single ? 'one stack' : `hub + ${spokes} spoke stacks`,
    runs,
    library,
    medianCpuMs: Math.round(median(results.map((r) => r.cpuMs))),
    medianWallMs: Math.round(median(results.map((r) => r.wallMs))),
    engineRuns: results[0].engineRuns,
    cpuMs: results.map((r) => Math.round(r.cpuMs)),
  }));
}
