import { Testing } from 'cdktf';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { P2SAccess } from '../../lib/constructs/p2s-access';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { VpnTopology } from '../../lib/constructs/vpn-topology';
import { resourcesOfType, testStack } from '../support/stack';

// Two copies of this package (and of the framework) in one program: a second module registry
// loads them again, as npm does for two versions or a copy nested under another library.
type Library = typeof import('../../lib');
type Support = typeof import('../support/stack');

function secondCopy(): { library: Library; support: Support } {
  let copy: { library: Library; support: Support } | undefined;
  jest.isolateModules(() => {
    copy = { library: require('../../lib'), support: require('../support/stack') };
  });
  return copy!;
}

const gatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], sku: GatewaySku.VPN_GW2_AZ };

describe('type checks across copies of the package', () => {
  test('GIVEN a VpnGateway made by another copy WHEN checked THEN instanceof fails but VpnGateway.isVpnGateway recognizes it', () => {
    const other = secondCopy();
    const gateway = new other.library.VpnGateway(other.support.testStack(), 'Hub', { ...gatewayProps, sku: other.library.GatewaySku.VPN_GW2_AZ });
    expect(other.library.VpnGateway).not.toBe(VpnGateway);
    expect(gateway instanceof VpnGateway).toBe(false);
    expect(VpnGateway.isVpnGateway(gateway)).toBe(true);
  });

  test('GIVEN things that are not created gateways WHEN checked THEN VpnGateway.isVpnGateway is false', () => {
    const stack = testStack();
    const imported = VpnGateway.fromAttributes(stack, 'Imported', {
      gatewayId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
      gatewayName: 'gw',
      resourceGroupName: 'rg',
      location: 'westeurope',
      sku: GatewaySku.VPN_GW2_AZ,
      virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v', virtualNetworkName: 'v', resourceGroupName: 'rg' }),
    });
    expect([imported, stack, {}, null, undefined, 'VpnGateway'].map((x) => VpnGateway.isVpnGateway(x))).toEqual([false, false, false, false, false, false]);
    expect(VpnGateway.isVpnGateway(new VpnGateway(stack, 'Created', gatewayProps))).toBe(true);
  });

  test('GIVEN a gateway made by another copy WHEN P2SAccess of this copy configures it THEN it is accepted and the gateway carries the P2S configuration', () => {
    const other = secondCopy();
    const stack = other.support.testStack();
    const gateway = new other.library.VpnGateway(stack, 'Hub', { ...gatewayProps, sku: other.library.GatewaySku.VPN_GW2_AZ });
    const certificate = P2SAuthentication.certificate({ rootCertificates: [{ name: 'root', publicCertData: 'MIIC5zCCAc+gAwIBAgIQ' }] });
    new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] });
    const gateways = Object.values<any>(resourcesOfType(JSON.parse(Testing.synth(stack)), 'azurerm_virtual_network_gateway'));
    expect(gateways.map((g) => g.vpn_client_configuration?.address_space)).toEqual([['172.16.0.0/24']]);
  });

  test('GIVEN a VpnTopology made by another copy WHEN checked THEN VpnTopology.isVpnTopology recognizes it, and rejects other objects', () => {
    const other = secondCopy();
    const topology = other.library.VpnTopology.fromTerraformObject({ resource: {} });
    expect(topology instanceof VpnTopology).toBe(false);
    expect([topology, VpnTopology.fromTerraformObject({ resource: {} }), {}, null].map((x) => VpnTopology.isVpnTopology(x))).toEqual([true, true, false, false]);
  });
});
