import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, Testing } from 'cdktf';
import { DeviceConfiguration, DeviceVendor } from '../../lib/constructs/device-configuration';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnSite } from '../../lib/constructs/vpn-site';
import * as library from '../../lib';
import { synthValidated, testStack } from '../support/stack';

const gatewayProps: VpnGatewayProps = {
  name: 'hub-gw',
  resourceGroupName: 'rg',
  location: 'westeurope',
  addressSpace: ['10.1.0.0/16'],
  activeActive: true,
  bgpAsn: 65515,
  bgpCustomApipaAddresses: ['169.254.21.1'],
  bgpSecondCustomApipaAddresses: ['169.254.22.1'],
};

function outputValue(synthesized: any, construct: DeviceConfiguration): { value: string; sensitive: boolean } {
  const outputs = synthesized.output as Record<string, { value: string; sensitive: boolean }>;
  const entry = Object.entries(outputs).find(([name]) => name === construct.output.friendlyUniqueId);
  expect(entry).toBeDefined();
  return entry![1];
}

describe('DeviceConfiguration', () => {
  test('GIVEN five sites with a device configuration each WHEN synthesized with validations THEN the stack is resolved a bounded number of times, not twice per device', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    const configs = [1, 2, 3, 4, 5].map((i) => {
      const site = new VpnSite(stack, `Site${i}`, { gateway, gatewayAddress: `198.51.100.${10 + i}`, bgpAsn: 65010 + i, bgpPeeringAddress: `169.254.21.${1 + i}` });
      return new DeviceConfiguration(stack, `Device${i}`, { site: site.localSite, vendor: DeviceVendor.STRONGSWAN });
    });
    const resolves = jest.spyOn(Object.getPrototypeOf(stack), 'toTerraform');
    try {
      const synthesized = synthValidated(stack);
      for (const config of configs) expect(outputValue(synthesized, config).value).toMatch(/remote_addrs = /);
      // Without one topology per synth this was 651: each output's render resolved the stack, which rendered the others.
      expect(resolves.mock.calls.length).toBeLessThanOrEqual(8);
    } finally {
      resolves.mockRestore();
    }
  });

  test('GIVEN an active-active BGP gateway and an APIPA site WHEN synthesized THEN a sensitive output holds a swanctl.conf built from Terraform expressions', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    const site = new VpnSite(stack, 'Paris', { gateway, gatewayAddress: '198.51.100.10', bgpAsn: 65010, bgpPeeringAddress: '169.254.21.2' });
    const config = new DeviceConfiguration(stack, 'ParisDevice', { site: site.localSite, vendor: DeviceVendor.STRONGSWAN });
    const synthesized = synthValidated(stack);
    const output = outputValue(synthesized, config);
    expect(output.sensitive).toBe(true);
    const pips = Object.keys(synthesized.resource.azurerm_public_ip);
    expect(pips).toHaveLength(2);
    const remotes = [...output.value.matchAll(/remote_addrs = (.*)/g)].map((m) => m[1]);
    expect(remotes).toHaveLength(2);
    for (const remote of remotes) expect(remote).toMatch(/^\$\{azurerm_public_ip\.[A-Za-z0-9_]+\.ip_address\}$/);
    expect(new Set(remotes).size).toBe(2);
    const connection = Object.keys(synthesized.resource.azurerm_virtual_network_gateway_connection)[0];
    expect(output.value).toContain(`secret = "\${azurerm_virtual_network_gateway_connection.${connection}.shared_key}"`);
    expect(output.value).toContain('remote_ts = 10.1.0.0/16,169.254.21.1/32');
    expect(output.value).toContain('remote_ts = 10.1.0.0/16,169.254.22.1/32');
    expect(output.value).not.toContain('{{REPLACE:');
  });

  test('GIVEN the FRR vendor and advertised prefixes WHEN synthesized THEN the output is an frr.conf with one neighbour per instance', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    const site = new VpnSite(stack, 'Paris', { gateway, gatewayAddress: '198.51.100.10', bgpAsn: 65010, bgpPeeringAddress: '169.254.21.2' });
    const config = new DeviceConfiguration(stack, 'ParisFrr', { site: site.localSite, vendor: DeviceVendor.FRR, advertisedPrefixes: ['10.100.0.0/24'], outputName: 'paris_frr' });
    const synthesized = synthValidated(stack);
    const output = synthesized.output.paris_frr as { value: string; sensitive: boolean };
    expect(output.sensitive).toBe(true);
    expect([...output.value.matchAll(/neighbor (\S+) remote-as 65515/g)].map((m) => m[1])).toEqual(['169.254.21.1', '169.254.22.1']);
    expect(output.value).toContain('  network 10.100.0.0/24');
    expect(config.output).toBeInstanceOf(TerraformOutput);
  });

  test('GIVEN a default-address BGP site WHEN synthesized THEN Azure\'s BGP address is a Terraform for-expression over peering_addresses by ip_configuration name', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...gatewayProps, activeActive: false, bgpCustomApipaAddresses: undefined, bgpSecondCustomApipaAddresses: undefined });
    const site = new VpnSite(stack, 'Nantes', { gateway, gatewayAddress: '198.51.100.30', bgpAsn: 65030, bgpPeeringAddress: '10.30.255.254' });
    const config = new DeviceConfiguration(stack, 'NantesFrr', { site: site.localSite, vendor: DeviceVendor.FRR });
    const output = outputValue(synthValidated(stack), config);
    expect(output.value).toMatch(/neighbor \$\{\[for p in azurerm_virtual_network_gateway\.\w+\.bgp_settings\[0\]\.peering_addresses : p\.default_addresses\[0\] if p\.ip_configuration_name == "default"\]\[0\]\} remote-as 65515/);
  });

  test('GIVEN FRR for a static site WHEN synthesized with validations THEN synth fails naming the problem', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...gatewayProps, activeActive: false, bgpCustomApipaAddresses: undefined, bgpSecondCustomApipaAddresses: undefined });
    const site = new VpnSite(stack, 'Lyon', { gateway, gatewayAddress: '198.51.100.20', addressSpace: ['10.20.0.0/24'] });
    new DeviceConfiguration(stack, 'LyonFrr', { site: site.localSite, vendor: DeviceVendor.FRR });
    expect(() => Testing.synth(stack, true)).toThrow(/\[device\.config\] site Lyon does not use BGP/);
  });

  test('GIVEN an unknown vendor name WHEN DeviceVendor.of is called THEN it throws; a known one round-trips', () => {
    expect(() => DeviceVendor.of('cisco-asa')).toThrow(/unknown device vendor "cisco-asa"/);
    expect(DeviceVendor.of('frr').name).toBe(DeviceVendor.FRR.name);
  });
});

describe('the README', () => {
  test('GIVEN the DeviceConfiguration example of the README WHEN run in a stack THEN it synthesizes two sensitive outputs with validations', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('### From cdktf: `DeviceConfiguration`')))?.[1];
    expect(code).toBeDefined();
    const ts: typeof import('typescript') = require('typescript');
    const js = ts.transpileModule(code!.replace(/\bthis\b/g, 'stack'), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
    const stack = testStack();
    const hub = new VpnGateway(stack, 'Hub', gatewayProps);
    new Function('stack', 'hub', ...Object.keys(library), js)(stack, hub, ...Object.values(library));
    const outputs = synthValidated(stack).output as Record<string, { sensitive: boolean; value: string }>;
    expect(Object.keys(outputs).sort()).toEqual(['paris_frr', 'paris_swanctl']);
    expect(outputs.paris_frr.value).toContain('network 10.100.0.0/24');
    expect(outputs.paris_swanctl.sensitive).toBe(true);
  });
});
