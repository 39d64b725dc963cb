import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnSite, VpnSiteOptions } from '../../lib/constructs/vpn-site';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { synthValidated, testStack } from '../support/stack';

const gatewayProps: VpnGatewayProps = { name: 'gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'], bgpAsn: 65010 };
const apipaDevice: VpnSiteOptions = { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '169.254.21.2' };

describe('VpnSite', () => {
  test('GIVEN a site WHEN created THEN it is a local network gateway in the gateway\'s resource group and region, named after its id, and one connection', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', gatewayProps);
    const site = new VpnSite(stack, 'Branch', { gateway, gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/24'] });
    synthValidated(stack);
    expect(site.siteName).toBe('Branch');
    expect(site.localNetworkGateway.nameInput).toBe('Branch');
    expect(site.localNetworkGateway.resourceGroupNameInput).toBe('rg');
    expect(site.localNetworkGateway.locationInput).toBe('westeurope');
    expect(site.connectionResource.localNetworkGatewayIdInput).toBe(site.localSite.localNetworkGatewayId);
    expect(site.connectionResource.provider).toBeUndefined();
  });

  test('GIVEN an active-standby gateway with one APIPA address WHEN an APIPA peer connects THEN only the primary custom BGP address is derived', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', { ...gatewayProps, bgpCustomApipaAddresses: ['169.254.21.1'] });
    const site = new VpnSite(stack, 'Dc', { ...apipaDevice, gateway });
    synthValidated(stack);
    expect(site.connectionResource.customBgpAddressesInput).toEqual({ primary: '169.254.21.1', secondary: undefined });
  });

  test('GIVEN several APIPA addresses and a peer in none of their /30s WHEN it connects THEN nothing is derived (the choice is not unique)', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', { ...gatewayProps, bgpCustomApipaAddresses: ['169.254.21.1', '169.254.21.5'] });
    const site = new VpnSite(stack, 'Dc', { ...apipaDevice, bgpPeeringAddress: '169.254.21.10', gateway });
    expect(site.connectionResource.customBgpAddressesInput).toBeUndefined();
  });

  test.each([
    ['a routable peer address', { bgpPeeringAddress: '192.168.255.1' }],
    ['BGP off on the connection', { enableBgp: false }],
  ])('GIVEN %s WHEN the site connects to a gateway with APIPA addresses THEN no custom BGP address is derived', (_label, extra) => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', { ...gatewayProps, bgpCustomApipaAddresses: ['169.254.21.1'] });
    const site = new VpnSite(stack, 'Dc', { ...apipaDevice, ...extra, gateway });
    expect(site.connectionResource.customBgpAddressesInput).toBeUndefined();
  });

  test('GIVEN an existing gateway WHEN an APIPA peer connects THEN nothing is derived (its APIPA addresses are not known) and the rules decide', () => {
    const stack = testStack();
    const gateway = VpnGateway.fromAttributes(stack, 'Gw', {
      gatewayId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
      gatewayName: 'gw',
      resourceGroupName: 'rg',
      location: 'westeurope',
      sku: GatewaySku.VPN_GW2_AZ,
      bgpEnabled: true,
      bgpAsn: 65010,
      virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: 'id', virtualNetworkName: 'hub', resourceGroupName: 'rg' }),
    });
    const site = new VpnSite(stack, 'Dc', { ...apipaDevice, gateway });
    expect(site.connectionResource.customBgpAddressesInput).toBeUndefined();
    expect(site.connection.bgpEnabled).toBe(true);
    expect(VpnValidation.check(stack).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('GIVEN a gateway in another subscription (provider alias) WHEN a site connects THEN the local network gateway and the connection use that provider unless told otherwise', () => {
    const stack = testStack();
    const other = new AzurermProvider(stack, 'other', { alias: 'other', features: [{}] });
    const third = new AzurermProvider(stack, 'third', { alias: 'third', features: [{}] });
    const gateway = new VpnGateway(stack, 'Gw', { ...gatewayProps, provider: other });
    const inherited = new VpnSite(stack, 'A', { gateway, gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/24'] });
    const explicit = new VpnSite(stack, 'B', { gateway, gatewayAddress: '203.0.113.20', addressSpace: ['192.168.1.0/24'], provider: third });
    expect([inherited.localNetworkGateway.provider, inherited.connectionResource.provider]).toEqual([other, other]);
    expect([explicit.localNetworkGateway.provider, explicit.connectionResource.provider]).toEqual([third, third]);
    const synthesized = synthValidated(stack);
    expect(Object.values<any>(synthesized.resource.azurerm_local_network_gateway).map((l) => l.provider).sort()).toEqual(['azurerm.other', 'azurerm.third']);
  });

  test('GIVEN no gateway WHEN a site is created THEN it throws at once', () => {
    const stack = testStack();
    expect(() => new VpnSite(stack, 'Dc', { ...apipaDevice } as any)).toThrow(/\[props\.missing\] VpnSiteProps\.gateway is missing/);
  });
});
