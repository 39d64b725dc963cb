import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Password } from '@cdktf/provider-random/lib/password';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GatewaySku, VpnType } from '../../lib/constructs/gateway-sku';
import { DhGroup, IkeEncryption, IkeIntegrity, IpsecEncryption, IpsecIntegrity, IpsecPolicy, PfsGroup } from '../../lib/constructs/ipsec-policy';
import { SharedKey } from '../../lib/constructs/shared-key';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VNetToVNet } from '../../lib/constructs/vnet-to-vnet';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { VpnConfigError } from '../../lib/private/construct-errors';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';
import { BGP_ENABLED } from '../support/framework';

const westProps: VpnGatewayProps = { name: 'west-gw', resourceGroupName: 'rg-west', location: 'westeurope', addressSpace: ['10.0.0.0/16'], bgpAsn: 65010 };
const northProps: VpnGatewayProps = { name: 'north-gw', resourceGroupName: 'rg-north', location: 'northeurope', addressSpace: ['10.100.0.0/16'], bgpAsn: 65020 };

function twoHubs(stack: TerraformStack, north: Partial<VpnGatewayProps> = {}): [VpnGateway, VpnGateway] {
  return [new VpnGateway(stack, 'West', westProps), new VpnGateway(stack, 'North', { ...northProps, ...north })];
}

function connectionsOf(synthesized: any): Record<string, any> {
  const byName: Record<string, any> = {};
  for (const c of Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_connection'))) byName[c.name] = c;
  return byName;
}

describe('VNetToVNet', () => {
  test('GIVEN two BGP hubs in two regions WHEN linked and synthesized with validations THEN both connections are rendered from one key, one policy and one BGP setting', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack);
    const link = new VNetToVNet(stack, 'Link', { left: west, right: north });
    const synthesized = synthValidated(stack);

    const counts = Object.fromEntries(Object.entries<any>(synthesized.resource).map(([type, r]) => [type, Object.keys(r).length]));
    expect(counts).toMatchObject({ azurerm_virtual_network_gateway: 2, azurerm_virtual_network_gateway_connection: 2, random_password: 1 });
    const { 'west-gw-to-north-gw': westToNorth, 'north-gw-to-west-gw': northToWest } = connectionsOf(synthesized);
    const westId = `\${azurerm_virtual_network_gateway.${Object.keys(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway')).find((k) => k.startsWith('West'))}.id}`;
    const northId = `\${azurerm_virtual_network_gateway.${Object.keys(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway')).find((k) => k.startsWith('North'))}.id}`;
    expect(westToNorth).toMatchObject({ type: 'Vnet2Vnet', resource_group_name: 'rg-west', location: 'westeurope', virtual_network_gateway_id: westId, peer_virtual_network_gateway_id: northId });
    expect(northToWest).toMatchObject({ type: 'Vnet2Vnet', resource_group_name: 'rg-north', location: 'northeurope', virtual_network_gateway_id: northId, peer_virtual_network_gateway_id: westId });
    expect(westToNorth.shared_key).toMatch(/^\$\{random_password\.Link_SharedKey_[0-9A-F]+\.result\}$/);
    expect(northToWest.shared_key).toBe(westToNorth.shared_key);
    expect(northToWest.ipsec_policy).toEqual(westToNorth.ipsec_policy);
    expect(westToNorth.ipsec_policy).toMatchObject({ ike_encryption: 'GCMAES256', dh_group: 'ECP384' });
    expect([westToNorth[BGP_ENABLED], northToWest[BGP_ENABLED]]).toEqual([true, true]);
    expect([westToNorth.connection_protocol, northToWest.connection_protocol]).toEqual(['IKEv2', 'IKEv2']);
    expect(westToNorth.provider).toBeUndefined();
    expect(link.bgpEnabled).toBe(true);
    expect(link.ipsecPolicy).toBe(IpsecPolicy.RECOMMENDED);
    expect(synthesized.output).toBeUndefined();
  });

  test('GIVEN the typical link WHEN synthesized THEN the construct paths of its resources are the pinned ones', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack);
    new VNetToVNet(stack, 'Link', { left: west, right: north });
    const config: any = stack.toTerraform();
    const paths: string[] = [];
    for (const r of Object.values<any>(config.resource)) for (const body of Object.values<any>(r)) paths.push(body['//'].metadata.path);
    expect(paths.filter((p) => p.startsWith('test/Link/')).sort()).toEqual(['test/Link/LeftToRight', 'test/Link/RightToLeft', 'test/Link/SharedKey']);
  });

  test('GIVEN the typical link WHEN checked THEN no rule reports an error or a warning', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack);
    new VNetToVNet(stack, 'Link', { left: west, right: north });
    expect(VpnValidation.check(stack).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('GIVEN raw connection resources with different IPsec policies on the two sides WHEN synthesized with validations THEN synth fails with conn.v2v.same-policy', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack);
    const key = new Password(stack, 'Key', { length: 64, special: false });
    const policy = { ikeEncryption: 'GCMAES256', ikeIntegrity: 'SHA384', ipsecEncryption: 'GCMAES256', ipsecIntegrity: 'GCMAES256', pfsGroup: 'ECP384', saLifetime: 27000, saDatasize: 102400000 };
    const common = { type: 'Vnet2Vnet', sharedKey: key.result, enableBgp: true };
    new VirtualNetworkGatewayConnection(stack, 'WestToNorth', {
      ...common,
      name: 'west-to-north',
      resourceGroupName: 'rg-west',
      location: 'westeurope',
      virtualNetworkGatewayId: west.gatewayId,
      peerVirtualNetworkGatewayId: north.gatewayId,
      ipsecPolicy: { ...policy, dhGroup: 'ECP384' },
    });
    new VirtualNetworkGatewayConnection(stack, 'NorthToWest', {
      ...common,
      name: 'north-to-west',
      resourceGroupName: 'rg-north',
      location: 'northeurope',
      virtualNetworkGatewayId: north.gatewayId,
      peerVirtualNetworkGatewayId: west.gatewayId,
      ipsecPolicy: { ...policy, dhGroup: 'DHGroup14' },
    });
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/(WestToNorth|NorthToWest)\] \[conn\.v2v\.same-policy\] ipsec_policy differs .*dh_group "(ECP384|DHGroup14)" vs "(DHGroup14|ECP384)"/);
  });

  test('GIVEN a custom policy and a shared key from a variable WHEN linked THEN both connections carry exactly that policy and that key', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack);
    const psk = new TerraformVariable(stack, 'psk', { type: 'string', sensitive: true });
    const policy = IpsecPolicy.custom({
      ikeEncryption: IkeEncryption.AES256,
      ikeIntegrity: IkeIntegrity.SHA256,
      dhGroup: DhGroup.DH_GROUP14,
      ipsecEncryption: IpsecEncryption.AES256,
      ipsecIntegrity: IpsecIntegrity.SHA256,
      pfsGroup: PfsGroup.PFS14,
    });
    new VNetToVNet(stack, 'Link', { left: west, right: north, ipsecPolicy: policy, sharedKey: SharedKey.fromVariable(psk) });
    const connections = Object.values(connectionsOf(synthValidated(stack)));
    expect(connections.map((c) => c.shared_key)).toEqual(['${var.psk}', '${var.psk}']);
    expect(connections.map((c) => c.ipsec_policy.dh_group)).toEqual(['DHGroup14', 'DHGroup14']);
    expect(resourcesOfType(synthValidated(stack), 'random_password')).toEqual({});
  });

  test('GIVEN enableBgp: false on BGP gateways WHEN linked THEN both connections have BGP off', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack);
    new VNetToVNet(stack, 'Link', { left: west, right: north, enableBgp: false });
    expect(Object.values(connectionsOf(synthValidated(stack))).map((c) => c[BGP_ENABLED])).toEqual([false, false]);
  });

  test('GIVEN a Basic gateway on one side WHEN linked THEN neither connection gets a custom IPsec policy', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack, { sku: GatewaySku.BASIC, bgpAsn: undefined, publicIpZones: [] });
    const link = new VNetToVNet(stack, 'Link', { left: west, right: north });
    expect(link.ipsecPolicy).toBe(IpsecPolicy.AZURE_DEFAULT);
    expect(link.bgpEnabled).toBe(false);
    expect(link.leftToRight.ipsecPolicyInput).toBeUndefined();
    expect(link.rightToLeft.ipsecPolicyInput).toBeUndefined();
  });

  test('GIVEN the second hub in another subscription (a provider alias on its gateway) WHEN linked THEN its connection uses that alias, the other the default provider', () => {
    const stack = testStack();
    const north = new AzurermProvider(stack, 'north', { alias: 'north', features: [{}], subscriptionId: '11111111-1111-1111-1111-111111111111' });
    const [west, northHub] = twoHubs(stack, { provider: north });
    new VNetToVNet(stack, 'Link', { left: west, right: northHub });
    const synthesized = synthValidated(stack);
    const { 'west-gw-to-north-gw': westToNorth, 'north-gw-to-west-gw': northToWest } = connectionsOf(synthesized);
    expect(westToNorth.provider).toBeUndefined();
    expect(northToWest.provider).toBe('azurerm.north');
    // Every resource of the north gateway is created in its subscription.
    for (const type of ['azurerm_virtual_network', 'azurerm_subnet', 'azurerm_public_ip', 'azurerm_virtual_network_gateway']) {
      for (const [name, body] of Object.entries<any>(resourcesOfType(synthesized, type))) {
        expect([name, body.provider]).toEqual([name, name.startsWith('North') ? 'azurerm.north' : undefined]);
      }
    }
  });

  test('GIVEN explicit providers per side WHEN linked THEN each connection uses its side\'s provider', () => {
    const stack = testStack();
    const a = new AzurermProvider(stack, 'a', { alias: 'a', features: [{}] });
    const b = new AzurermProvider(stack, 'b', { alias: 'b', features: [{}] });
    const [west, north] = twoHubs(stack);
    new VNetToVNet(stack, 'Link', { left: west, right: north, leftProvider: a, rightProvider: b });
    const { 'west-gw-to-north-gw': westToNorth, 'north-gw-to-west-gw': northToWest } = connectionsOf(synthValidated(stack));
    expect([westToNorth.provider, northToWest.provider]).toEqual(['azurerm.a', 'azurerm.b']);
  });

  test('GIVEN an existing gateway on one side WHEN linked THEN the link is rendered, and outputPeerInfo() outputs only the gateway created here', () => {
    const stack = testStack();
    const west = new VpnGateway(stack, 'West', westProps);
    const remote = VpnGateway.fromAttributes(stack, 'Remote', {
      gatewayId: '/subscriptions/s/resourceGroups/rg-remote/providers/Microsoft.Network/virtualNetworkGateways/remote-gw',
      gatewayName: 'remote-gw',
      resourceGroupName: 'rg-remote',
      location: 'northeurope',
      sku: GatewaySku.VPN_GW2_AZ,
      bgpEnabled: true,
      bgpAsn: 65030,
      virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: 'id', virtualNetworkName: 'remote-vnet', resourceGroupName: 'rg-remote' }),
    });
    const link = new VNetToVNet(stack, 'Link', { left: west, right: remote });
    link.outputPeerInfo();
    const synthesized = synthValidated(stack);
    expect(Object.keys(connectionsOf(synthesized)).sort()).toEqual(['remote-gw-to-west-gw', 'west-gw-to-remote-gw']);
    expect(Object.keys(synthesized.output).every((name) => name.startsWith('West_'))).toBe(true);
  });

  test('GIVEN a policy-based gateway on one side WHEN linked and synthesized with validations THEN synth fails with conn.routebased', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack, { sku: GatewaySku.BASIC, vpnType: VpnType.POLICY_BASED, bgpAsn: undefined, publicIpZones: [] });
    new VNetToVNet(stack, 'Link', { left: west, right: north });
    expect(() => Testing.synth(stack, true)).toThrow(/\[conn\.routebased\]/);
  });

  test('GIVEN both gateways with the same ASN WHEN linked with BGP and synthesized with validations THEN synth fails with bgp.asn.distinct', () => {
    const stack = testStack();
    const [west, north] = twoHubs(stack, { bgpAsn: 65010 });
    new VNetToVNet(stack, 'Link', { left: west, right: north });
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/Link\/(LeftToRight|RightToLeft)\] \[bgp\.asn\.distinct\]/);
  });

  describe('input it cannot build from', () => {
    test('GIVEN the same gateway on both sides WHEN linked THEN it throws at once', () => {
      const stack = testStack();
      const west = new VpnGateway(stack, 'West', westProps);
      expect(() => new VNetToVNet(stack, 'Link', { left: west, right: west })).toThrow(VpnConfigError);
      expect(() => new VNetToVNet(stack, 'Link2', { left: west, right: west })).toThrow(/\[conn\.v2v\.pair\] left and right are the same gateway "west-gw"/);
    });

    test('GIVEN a missing side WHEN linked THEN it throws at once', () => {
      const stack = testStack();
      const west = new VpnGateway(stack, 'West', westProps);
      expect(() => new VNetToVNet(stack, 'Link', { left: west } as any)).toThrow(/\[props\.missing\] VNetToVNetProps\.right is missing/);
    });
  });
});
