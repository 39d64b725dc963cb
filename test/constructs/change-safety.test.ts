import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { GatewayGeneration, GatewaySku } from '../../lib/constructs/gateway-sku';
import { HubSpokeTransit, HubSpokeTransitProps } from '../../lib/constructs/hub-spoke-transit';
import { MultiSiteVpn, MultiSiteVpnProps } from '../../lib/constructs/multi-site-vpn';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { replacementsBetween } from '../../lib/terraform-json';
import { resourcesOfType, testStack } from '../support/stack';

/**
 * Change safety at synth: a change a user sees as in-place must not plan a replacement. Each
 * case synthesizes the stack before and after the change and compares the ForceNew attributes
 * of the gateway, its public IPs, connections and local network gateways, as Terraform would
 * (with `lifecycle.ignore_changes` and `moved` blocks), and checks that no existing resource
 * changed its address.
 */

const gatewayProps: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const certificate = P2SAuthentication.certificate({ rootCertificates: [{ name: 'root', publicCertData: 'MIIC5zCCAc+gAwIBAgIQ' }] });

function synthOf(build: (stack: TerraformStack) => void): any {
  const stack = testStack();
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

function addresses(config: any): string[] {
  return Object.entries<any>(config.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/** The replacements the change plans, and the existing addresses it drops. */
function change(before: (stack: TerraformStack) => void, after: (stack: TerraformStack) => void) {
  const previous = synthOf(before);
  const current = synthOf(after);
  const now = new Set(addresses(current));
  return {
    replaced: replacementsBetween(previous, current).map((r) => ({ address: r.address, attributes: r.attributes.map((a) => a.attribute), previousAddress: r.previousAddress })),
    lost: addresses(previous).filter((a) => !now.has(a)),
    current,
  };
}

describe('Changes a user sees as in-place plan no replacement', () => {
  const resizes: [GatewaySku, GatewaySku][] = [
    [GatewaySku.VPN_GW1_AZ, GatewaySku.VPN_GW2_AZ],
    [GatewaySku.VPN_GW1_AZ, GatewaySku.VPN_GW3_AZ],
    [GatewaySku.VPN_GW2_AZ, GatewaySku.VPN_GW3_AZ],
    [GatewaySku.VPN_GW3_AZ, GatewaySku.VPN_GW2_AZ],
    [GatewaySku.VPN_GW2_AZ, GatewaySku.VPN_GW4_AZ],
    [GatewaySku.VPN_GW4_AZ, GatewaySku.VPN_GW5_AZ],
  ];
  test.each(resizes)('GIVEN a gateway with the defaulted generation WHEN its SKU changes from %s to %s THEN nothing is replaced', (from, to) => {
    const result = change(
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, sku: from }),
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, sku: to }),
    );
    expect(result.replaced).toEqual([]);
    expect(result.lost).toEqual([]);
  });

  test('GIVEN VpnGw1AZ resized to VpnGw2AZ WHEN synthesized THEN the defaulted generation is the creation-time choice (ignore_changes), so Azure keeps Generation1 and resizes in place', () => {
    const { current } = change(
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, sku: GatewaySku.VPN_GW1_AZ }),
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, sku: GatewaySku.VPN_GW2_AZ }),
    );
    const gateway = Object.values<any>(resourcesOfType(current, 'azurerm_virtual_network_gateway'))[0];
    expect(gateway.lifecycle).toEqual({ ignore_changes: ['generation'] });
  });

  test('GIVEN an active-standby gateway WHEN point-to-site is added THEN nothing existing is replaced or renamed', () => {
    const result = change(
      (s) => new VpnGateway(s, 'Hub', gatewayProps),
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, p2s: { clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] } }),
    );
    expect(result.replaced).toEqual([]);
    expect(result.lost).toEqual([]);
    // Point-to-site on active-standby needs no new IP configuration.
    expect(Object.keys(resourcesOfType(result.current, 'azurerm_public_ip'))).toHaveLength(1);
  });

  test('GIVEN an active-standby gateway WHEN point-to-site is added with enableP2S() THEN nothing existing is replaced', () => {
    const result = change(
      (s) => new VpnGateway(s, 'Hub', gatewayProps),
      (s) => new VpnGateway(s, 'Hub', gatewayProps).enableP2S({ clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] }),
    );
    expect(result.replaced).toEqual([]);
    expect(result.lost).toEqual([]);
  });

  const sites: MultiSiteVpnProps = {
    ...gatewayProps,
    sites: { paris: { gatewayAddress: '203.0.113.10', addressSpace: ['192.168.10.0/24'] }, berlin: { gatewayAddress: '203.0.113.20', addressSpace: ['192.168.20.0/24'] } },
  };
  test('GIVEN a multi-site VPN WHEN a site is added (in props or with addSite) THEN no existing gateway, IP, connection or site is replaced or renamed', () => {
    const added = { gatewayAddress: '203.0.113.30', addressSpace: ['192.168.30.0/24'] };
    for (const after of [
      (s: TerraformStack) => new MultiSiteVpn(s, 'Vpn', { ...sites, sites: { ...sites.sites, aachen: added } }),
      (s: TerraformStack) => new MultiSiteVpn(s, 'Vpn', sites).addSite('madrid', added),
    ]) {
      const result = change((s) => new MultiSiteVpn(s, 'Vpn', sites), after);
      expect(result.replaced).toEqual([]);
      expect(result.lost).toEqual([]);
      expect(Object.keys(resourcesOfType(result.current, 'azurerm_virtual_network_gateway_connection'))).toHaveLength(3);
    }
  });

  const hub: HubSpokeTransitProps = {
    gateway: { ...gatewayProps, bgpAsn: 65010 },
    spokes: { app: { addressSpace: ['10.1.0.0/16'] } },
    sites: { paris: { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' } },
  };
  test('GIVEN a hub-and-spoke WHEN a spoke is added THEN nothing existing is replaced or renamed', () => {
    const result = change(
      (s) => new HubSpokeTransit(s, 'Hub', hub),
      (s) => new HubSpokeTransit(s, 'Hub', hub).addSpoke('data', { addressSpace: ['10.2.0.0/16'] }),
    );
    expect(result.replaced).toEqual([]);
    expect(result.lost).toEqual([]);
  });

  test('GIVEN a hub-and-spoke WHEN a site is added THEN nothing existing is replaced or renamed', () => {
    const result = change(
      (s) => new HubSpokeTransit(s, 'Hub', hub),
      (s) => new HubSpokeTransit(s, 'Hub', { ...hub, sites: { ...hub.sites, berlin: { gatewayAddress: '203.0.113.20', addressSpace: ['192.168.20.0/24'] } } }),
    );
    expect(result.replaced).toEqual([]);
    expect(result.lost).toEqual([]);
  });
});

describe('Changes that do replace are found', () => {
  test('GIVEN an active-standby gateway WHEN it becomes active-active THEN the gateway is replaced for its second ip_configuration', () => {
    const result = change(
      (s) => new VpnGateway(s, 'Hub', gatewayProps),
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, activeActive: true }),
    );
    expect(result.replaced).toEqual([{ address: expect.stringMatching(/^azurerm_virtual_network_gateway\./), attributes: ['ip_configuration[1]'], previousAddress: undefined }]);
  });

  test('GIVEN an active-active gateway WHEN point-to-site is added THEN the third IP configuration replaces the gateway', () => {
    const result = change(
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, activeActive: true }),
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, activeActive: true, p2s: { clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] } }),
    );
    expect(result.replaced.map((r) => r.attributes)).toEqual([['ip_configuration[2]']]);
  });

  test('GIVEN an explicit generation WHEN it changes THEN the gateway is replaced for generation', () => {
    const result = change(
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, generation: GatewayGeneration.GENERATION1 }),
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, generation: GatewayGeneration.GENERATION2 }),
    );
    expect(result.replaced.map((r) => r.attributes)).toEqual([['generation']]);
  });

  test('GIVEN a gateway with its own VNet WHEN its name changes THEN the gateway, its renamed public IP and, through the renamed VNet, the GatewaySubnet are replaced', () => {
    const result = change(
      (s) => new VpnGateway(s, 'Hub', gatewayProps),
      (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, name: 'hub-gw2' }),
    );
    expect(result.replaced.map((r) => [r.address.split('.')[0], r.attributes])).toEqual([
      ['azurerm_public_ip', ['name']],
      // virtual_network_name takes the VNet's name, `<name>-vnet`, which changed.
      ['azurerm_subnet', []],
      ['azurerm_virtual_network_gateway', ['name']],
    ]);
  });

  test('GIVEN a gateway WHEN its construct id changes THEN every resource under it is at a new address, and the gateway is reported with its previous address', () => {
    const result = change(
      (s) => new VpnGateway(s, 'Hub', gatewayProps),
      (s) => new VpnGateway(s, 'Hub2', gatewayProps),
    );
    const gateway = result.replaced.find((r) => r.address.startsWith('azurerm_virtual_network_gateway.'));
    expect(gateway?.previousAddress).toMatch(/^azurerm_virtual_network_gateway\.Hub_/);
  });
});

describe('synth.replace at synth, against what the last synth wrote', () => {
  function appIn(outdir: string, build: (stack: TerraformStack) => void): App {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'hub');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    build(stack);
    return app;
  }

  function warningsOf(outdir: string): { path: string; message: string }[] {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    return (manifest.stacks.hub.annotations as any[]).filter((a) => String(a.level).endsWith('warn')).map((a) => ({ path: a.constructPath, message: a.message }));
  }

  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-synth-replace-'));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('GIVEN a previous synth of an active-standby gateway WHEN the app is synthesized with active-active THEN the gateway construct warns with synth.replace and names ip_configuration', () => {
    appIn(outdir, (s) => new VpnGateway(s, 'Hub', gatewayProps)).synth();
    expect(warningsOf(outdir).filter((w) => w.message.includes('synth.replace'))).toEqual([]);

    appIn(outdir, (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, activeActive: true })).synth();
    const warnings = warningsOf(outdir).filter((w) => w.message.includes('[synth.replace]'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe('hub/Hub/Resource');
    expect(warnings[0].message).toMatch(/replaces this VPN gateway: ip_configuration\[1\] \{ name = "activeActive" \} is added, and ip_configuration forces a new resource/);
  });

  test('GIVEN an app of two stacks synthesized before WHEN the hub stack turns active-active THEN the hub gateway warns with synth.replace by its own address, and the other stack has no such warning', () => {
    const twoStacks = (activeActive: boolean): App => {
      const app = appIn(outdir, (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, activeActive }));
      const spoke = new TerraformStack(app, 'spoke');
      new AzurermProvider(spoke, 'azurerm', { features: [{}] });
      new VpnGateway(spoke, 'Other', { ...gatewayProps, name: 'other-gw', virtualNetworkName: 'other-vnet', addressSpace: ['10.50.0.0/16'] });
      return app;
    };
    twoStacks(false).synth();
    twoStacks(true).synth();
    const warnings = warningsOf(outdir).filter((w) => w.message.includes('[synth.replace]'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe('hub/Hub/Resource');
    expect(warnings[0].message).not.toMatch(/stack hub: /);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect((manifest.stacks.spoke.annotations as any[]).filter((a) => a.message.includes('synth.replace'))).toEqual([]);
  });

  test('GIVEN a previous synth WHEN only the SKU changes within the generation THEN synth.replace stays silent', () => {
    appIn(outdir, (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, sku: GatewaySku.VPN_GW1_AZ })).synth();
    appIn(outdir, (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, sku: GatewaySku.VPN_GW2_AZ })).synth();
    expect(warningsOf(outdir).filter((w) => w.message.includes('synth.replace'))).toEqual([]);
  });

  test('GIVEN a corrupt previous synth output WHEN synthesized THEN there is no comparison and one info says so', () => {
    fs.mkdirSync(path.join(outdir, 'stacks', 'hub'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', 'hub', 'cdk.tf.json'), '{ not json');
    appIn(outdir, (s) => new VpnGateway(s, 'Hub', { ...gatewayProps, activeActive: true })).synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const notes = (manifest.stacks.hub.annotations as any[]).filter((a) => a.message.includes('synth.replace'));
    expect(notes.map((a) => String(a.level).replace(/^.*\//, ''))).toEqual(['info']);
    expect(notes[0].message).toMatch(/is not valid JSON; replacements since the last synth were not checked/);
  });

  test('GIVEN a renamed gateway construct WHEN moved blocks say so THEN synth.replace stays silent', () => {
    appIn(outdir, (s) => new VpnGateway(s, 'Hub', gatewayProps)).synth();
    const previous = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'hub', 'cdk.tf.json'), 'utf8'));
    const oldAddress = (type: string) => `${type}.${Object.keys(previous.resource[type])[0]}`;
    appIn(outdir, (s) => {
      const gw = new VpnGateway(s, 'Renamed', gatewayProps);
      gw.gateway.moveFromId(oldAddress('azurerm_virtual_network_gateway'));
      gw.publicIps[0].moveFromId(oldAddress('azurerm_public_ip'));
      gw.gatewaySubnet!.moveFromId(oldAddress('azurerm_subnet'));
      gw.virtualNetworkResource!.moveFromId(oldAddress('azurerm_virtual_network'));
    }).synth();
    expect(warningsOf(outdir).filter((w) => w.message.includes('synth.replace'))).toEqual([]);
  });

  test('GIVEN a renamed gateway construct WHEN no moved block says so THEN the gateway warns with its previous address', () => {
    appIn(outdir, (s) => new VpnGateway(s, 'Hub', gatewayProps)).synth();
    appIn(outdir, (s) => new VpnGateway(s, 'Renamed', gatewayProps)).synth();
    const gateway = warningsOf(outdir).filter((w) => w.path === 'hub/Renamed/Resource' && w.message.includes('[synth.replace]'));
    expect(gateway).toHaveLength(1);
    expect(gateway[0].message).toMatch(/its address changed from azurerm_virtual_network_gateway\.Hub_\w+ to azurerm_virtual_network_gateway\.Renamed_\w+ .*moveFromId/);
  });
});
