import { Testing } from 'cdktf';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { P2SAccess } from '../../lib/constructs/p2s-access';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';

const base: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const pipId = (name: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-edge/providers/Microsoft.Network/publicIPAddresses/${name}`;
const entra = P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' });

function gatewayOf(synthesized: any): any {
  return Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'))[0];
}

describe('bring-your-own public IPs: existingPublicIpIds', () => {
  test('GIVEN two existing public IPs WHEN an active-active gateway adopts them THEN its IP configurations use them and no public IP is created', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, activeActive: true, existingPublicIpIds: [pipId('edge-1'), pipId('edge-2')] });
    gateway.outputPeerInfo();
    const synthesized = synthValidated(stack);
    expect(gatewayOf(synthesized).ip_configuration.map((c: any) => c.public_ip_address_id)).toEqual([pipId('edge-1'), pipId('edge-2')]);
    expect(resourcesOfType(synthesized, 'azurerm_public_ip')).toEqual({});
    expect(gateway.publicIps).toEqual([]);
    expect(gateway.publicIpIds).toEqual([pipId('edge-1'), pipId('edge-2')]);
    expect(Object.keys(synthesized.output ?? {}).some((k) => k.includes('PublicIpAddresses'))).toBe(false);
  });

  test('GIVEN three existing public IPs WHEN point-to-site is added to the active-active gateway THEN the third one carries the p2s IP configuration', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, activeActive: true, existingPublicIpIds: [pipId('edge-1'), pipId('edge-2'), pipId('edge-3')] });
    new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [entra] });
    const configurations = gatewayOf(synthValidated(stack)).ip_configuration;
    expect(configurations.map((c: any) => [c.name, c.public_ip_address_id])).toEqual([['default', pipId('edge-1')], ['activeActive', pipId('edge-2')], ['p2s', pipId('edge-3')]]);
  });

  test('GIVEN one existing public IP WHEN the gateway is active-active THEN construction fails with gw.ipconfig.count', () => {
    expect(() => new VpnGateway(testStack(), 'Hub', { ...base, activeActive: true, existingPublicIpIds: [pipId('edge-1')] })).toThrow(/\[gw\.ipconfig\.count\].*2 IP configurations/);
  });

  test('GIVEN two existing public IPs on an active-active gateway WHEN point-to-site is added THEN it fails with p2s.aa-third-ip', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, activeActive: true, existingPublicIpIds: [pipId('edge-1'), pipId('edge-2')] });
    expect(() => new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [entra] })).toThrow(/\[p2s\.aa-third-ip\]/);
  });

  test('GIVEN two existing public IPs WHEN the gateway is active-standby THEN synth fails with gw.ipconfig.count', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', { ...base, existingPublicIpIds: [pipId('edge-1'), pipId('edge-2')] });
    expect(() => Testing.synth(stack, true)).toThrow(/gw\.ipconfig\.count.*active-standby gateway has 1/);
  });

  test('GIVEN existing public IPs WHEN names or a prefix for created ones are set as well THEN construction fails with props.exclusive', () => {
    expect(() => new VpnGateway(testStack(), 'Hub', { ...base, existingPublicIpIds: [pipId('edge-1')], publicIpPrefixId: pipId('prefix') })).toThrow(/\[props\.exclusive\].*publicIpPrefixId/);
  });

  test('GIVEN the same existing public IP on two gateways WHEN synthesized THEN it fails with gw.ipconfig.count (a public IP belongs to one gateway)', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', { ...base, existingPublicIpIds: [pipId('edge-1')] });
    new VpnGateway(stack, 'Hub2', { ...base, name: 'hub2-gw', addressSpace: ['10.1.0.0/16'], existingPublicIpIds: [pipId('edge-1')] });
    expect(() => Testing.synth(stack, true)).toThrow(/gw\.ipconfig\.count/);
  });
});

describe('created public IPs: names, a public IP prefix, DNS labels', () => {
  test('GIVEN names, a prefix and DNS labels WHEN an active-active gateway is synthesized THEN each public IP carries its own', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', {
      ...base,
      activeActive: true,
      publicIpNames: ['vpn-a', 'vpn-b'],
      publicIpPrefixId: pipId('vpn-prefix').replace('publicIPAddresses', 'publicIPPrefixes'),
      publicIpDomainNameLabels: ['contoso-vpn-a', 'contoso-vpn-b'],
    });
    const pips = Object.values<any>(resourcesOfType(synthValidated(stack), 'azurerm_public_ip'));
    expect(pips.map((p) => [p.name, p.domain_name_label, p.sku, p.allocation_method]).sort()).toEqual([
      ['vpn-a', 'contoso-vpn-a', 'Standard', 'Static'],
      ['vpn-b', 'contoso-vpn-b', 'Standard', 'Static'],
    ]);
    expect(pips.every((p) => p.public_ip_prefix_id.endsWith('/publicIPPrefixes/vpn-prefix'))).toBe(true);
  });

  test('GIVEN no names WHEN synthesized THEN the default names stay and no prefix or label is written', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', base);
    const pip = Object.values<any>(resourcesOfType(synthValidated(stack), 'azurerm_public_ip'))[0];
    expect(pip.name).toBe('hub-gw-pip');
    expect(pip.public_ip_prefix_id).toBeUndefined();
    expect(pip.domain_name_label).toBeUndefined();
  });

  test('GIVEN an AZ SKU in a zoned region WHEN publicIpZones is empty THEN synth fails with gw.pip.zones-az, prefix or not', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', { ...base, sku: GatewaySku.VPN_GW2_AZ, publicIpZones: [], publicIpPrefixId: pipId('p').replace('publicIPAddresses', 'publicIPPrefixes') });
    expect(() => Testing.synth(stack, true)).toThrow(/gw\.pip\.zones-az/);
  });

  test('GIVEN existing public IPs WHEN checked THEN the public IP rules report no finding on addresses they cannot read', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', { ...base, existingPublicIpIds: [pipId('edge-1')] });
    expect(VpnValidation.check(stack).filter((f) => f.rule.startsWith('gw.pip.') && f.severity !== 'info')).toEqual([]);
  });
});
