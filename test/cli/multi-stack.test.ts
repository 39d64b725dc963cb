import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { azvpn, checkJson, removeScratch, scratch } from './support';
import { hubAndSpokeStacks } from '../support/stack';

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

/** Synthesizes the platform layout (hub gateway in one stack, a spoke and its transit peering in another) into `dir`, without synth-time validation. */
function synthHubAndSpoke(spokeAddressSpace: string[]): string {
  const outdir = path.join(dir, 'cdktf.out');
  const app = new App({ outdir, skipValidation: true });
  hubAndSpokeStacks(app, spokeAddressSpace);
  app.synth();
  return outdir;
}

describe('azvpn check of a cdktf.out with several stacks', () => {
  test('GIVEN a spoke stack overlapping the hub stack WHEN checked THEN exit 1 with peer.no-overlap on the spoke stack\'s peerings, naming the hub stack\'s VNet', () => {
    const outdir = synthHubAndSpoke(['10.0.128.0/24']);
    const { code, report } = checkJson(outdir);
    expect(code).toBe(1);
    const overlaps = report.findings.filter((f) => f.rule === 'peer.no-overlap');
    expect(overlaps.map((f) => f.path).sort()).toEqual(['spoke/Spoke/HubToSpoke', 'spoke/Spoke/SpokeToHub']);
    for (const f of overlaps) {
      expect(f.severity).toBe('error');
      expect(f.resource).toMatch(/^azurerm_virtual_network_peering\.Spoke_(HubToSpoke|SpokeToHub)_[0-9A-F]+$/);
      expect(f.message).toMatch(/stack hub: azurerm_virtual_network\.Hub_VirtualNetwork_[0-9A-F]+ \("10\.0\.0\.0\/16"\) and azurerm_virtual_network\.SpokeVnet \("10\.0\.128\.0\/24"\) overlap/);
    }
  });

  test('GIVEN the same app WHEN checked as text THEN the spoke stack\'s file heads its findings and the hub stack is named in the message', () => {
    const outdir = synthHubAndSpoke(['10.0.128.0/24']);
    const { code, stdout } = azvpn('check', outdir);
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(outdir, 'stacks', 'spoke', 'cdk.tf.json')}:`);
    expect(stdout).toMatch(/error\s+peer\.no-overlap\s+stack hub: azurerm_virtual_network\.Hub_VirtualNetwork_/);
  });

  test('GIVEN a spoke stack disjoint from the hub stack WHEN checked THEN exit 0 and the cross-stack peering is checked, not skipped', () => {
    const outdir = synthHubAndSpoke(['10.1.0.0/16']);
    const { code, report } = checkJson(outdir, '--verbose');
    expect(code).toBe(0);
    expect(report.summary.errors).toBe(0);
    // Alone, each stack would skip the overlap check on the other stack's VNet.
    expect(report.findings.filter((f) => f.rule === 'peer.no-overlap')).toEqual([]);
  });

  test('GIVEN one stack of the app named alone WHEN checked THEN it is checked on its own and the cross-stack VNet is a skip, not an error', () => {
    const outdir = synthHubAndSpoke(['10.0.128.0/24']);
    const { code, report } = checkJson(path.join(outdir, 'stacks', 'spoke'), '--verbose');
    expect(code).toBe(0);
    expect(report.findings.filter((f) => f.rule === 'peer.no-overlap').map((f) => f.severity)).toEqual(expect.arrayContaining(['info']));
  });

  test('GIVEN a manifest that is not JSON WHEN the stacks are checked THEN each stack is checked alone (no cross-stack error)', () => {
    const outdir = synthHubAndSpoke(['10.0.128.0/24']);
    fs.writeFileSync(path.join(outdir, 'manifest.json'), '{not json');
    const { code, report } = checkJson(outdir);
    expect(code).toBe(0);
    expect(report.findings.filter((f) => f.rule === 'peer.no-overlap' && f.severity === 'error')).toEqual([]);
  });

  test('GIVEN both stacks\' files named explicitly WHEN checked THEN they are still one app (the manifest links them) and the overlap is an error', () => {
    const outdir = synthHubAndSpoke(['10.0.128.0/24']);
    const { code, report } = checkJson(path.join(outdir, 'stacks', 'hub', 'cdk.tf.json'), path.join(outdir, 'stacks', 'spoke', 'cdk.tf.json'));
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.rule === 'peer.no-overlap' && f.severity === 'error').map((f) => f.path).sort()).toEqual(['spoke/Spoke/HubToSpoke', 'spoke/Spoke/SpokeToHub']);
  });
});
