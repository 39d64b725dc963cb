import * as fs from 'fs';
import * as path from 'path';
import { azvpn, JsonReport, removeScratch, scratch } from './support';

/** A valid gateway configuration, as a cdktf stack would write it. */
function gatewayConfig(o: { activeActive?: boolean; generation?: string } = {}): unknown {
  const ipConfiguration = (o.activeActive ? ['default', 'activeActive'] : ['default']).map((name, i) => ({
    name,
    subnet_id: '${azurerm_subnet.gw.id}',
    public_ip_address_id: `\${azurerm_public_ip.pip${i}.id}`,
    private_ip_address_allocation: 'Dynamic',
  }));
  const pip = (i: number) => ({ name: `gw-pip${i}`, resource_group_name: 'rg', location: 'westeurope', allocation_method: 'Static', sku: 'Standard', zones: ['1', '2', '3'] });
  return {
    resource: {
      azurerm_virtual_network: { hub: { name: 'hub', resource_group_name: 'rg', location: 'westeurope', address_space: ['10.0.0.0/16'] } },
      azurerm_subnet: { gw: { name: 'GatewaySubnet', resource_group_name: 'rg', virtual_network_name: '${azurerm_virtual_network.hub.name}', address_prefixes: ['10.0.255.224/27'] } },
      azurerm_public_ip: o.activeActive ? { pip0: pip(0), pip1: pip(1) } : { pip0: pip(0) },
      azurerm_virtual_network_gateway: {
        gw: { name: 'gw', resource_group_name: 'rg', location: 'westeurope', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw2AZ', generation: o.generation ?? 'Generation2', active_active: o.activeActive ?? false, ip_configuration: ipConfiguration },
      },
    },
  };
}

function writeStack(root: string, stack: string, content: unknown): void {
  fs.mkdirSync(path.join(root, 'stacks', stack), { recursive: true });
  fs.writeFileSync(path.join(root, 'stacks', stack, 'cdk.tf.json'), JSON.stringify(content));
}

describe('azvpn check --previous', () => {
  let dir: string;
  beforeEach(() => {
    dir = scratch();
  });
  afterEach(() => removeScratch(dir));

  test('GIVEN an earlier cdktf.out and the new one WHEN a stack toggled active-active THEN synth.replace warns on that stack\'s gateway only, and the exit code stays 0', () => {
    writeStack(path.join(dir, 'old'), 'hub', gatewayConfig());
    writeStack(path.join(dir, 'old'), 'other', gatewayConfig());
    writeStack(path.join(dir, 'new'), 'hub', gatewayConfig({ activeActive: true }));
    writeStack(path.join(dir, 'new'), 'other', gatewayConfig());
    const result = azvpn('check', path.join(dir, 'new'), '--previous', path.join(dir, 'old'), '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    const replaced = report.findings.filter((f) => f.rule === 'synth.replace');
    expect(replaced.map((f) => [f.severity, f.resource])).toEqual([['warning', 'azurerm_virtual_network_gateway.gw']]);
    expect(replaced[0].message).toContain('ip_configuration[1]');
  });

  test('GIVEN one file before and after WHEN only the SKU changed THEN nothing is reported by synth.replace', () => {
    const before = path.join(dir, 'before.tf.json');
    const after = path.join(dir, 'main.tf.json');
    fs.writeFileSync(before, JSON.stringify(gatewayConfig()));
    const changed: any = gatewayConfig();
    changed.resource.azurerm_virtual_network_gateway.gw.sku = 'VpnGw3AZ';
    fs.writeFileSync(after, JSON.stringify(changed));
    const result = azvpn('check', after, '--previous', before, '--format', 'json');
    expect((JSON.parse(result.stdout) as JsonReport).findings.filter((f) => f.rule === 'synth.replace')).toEqual([]);
  });

  test('GIVEN --previous without a usable path THEN exit 2 with one line', () => {
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(gatewayConfig()));
    const missing = azvpn('check', path.join(dir, 'main.tf.json'), '--previous', path.join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const twice = azvpn('check', path.join(dir, 'main.tf.json'), '--previous', dir, '--previous', dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--previous is given 2 times/);
  });
});
