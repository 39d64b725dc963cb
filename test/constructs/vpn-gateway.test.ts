import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { TerraformVariable, Testing } from 'cdktf';
import { GatewayGeneration, GatewaySku, VpnType } from '../../lib/constructs/gateway-sku';
import { IkeEncryption, IkeIntegrity, DhGroup, IpsecEncryption, IpsecIntegrity, IpsecPolicy, PfsGroup } from '../../lib/constructs/ipsec-policy';
import { P2SAuthentication, VpnClientProtocol } from '../../lib/constructs/point-to-site';
import { SharedKey } from '../../lib/constructs/shared-key';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnConfigError } from '../../lib/private/construct-errors';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';
import { BGP_ENABLED } from '../support/framework';

const base: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const certificate = P2SAuthentication.certificate({ rootCertificates: [{ name: 'root', publicCertData: 'MIIC5zCCAc+gAwIBAgIQ' }] });

function gatewayOf(synthesized: any): any {
  const gateways = Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'));
  expect(gateways).toHaveLength(1);
  return gateways[0];
}

function publicIpsOf(synthesized: any): any[] {
  return Object.values<any>(resourcesOfType(synthesized, 'azurerm_public_ip'));
}

describe('VpnGateway', () => {
  describe('defaults', () => {
    test('GIVEN only the required props WHEN synthesized with validations THEN a route-based VpnGw2AZ Generation2 active-standby gateway is rendered', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', base);
      const synthesized = Testing.synth(stack, true);
      expect(synthesized).toHaveResourceWithProperties(VirtualNetworkGateway, {
        name: 'hub-gw',
        type: 'Vpn',
        vpn_type: 'RouteBased',
        sku: 'VpnGw2AZ',
        generation: 'Generation2',
        active_active: false,
        [BGP_ENABLED]: false,
      });
      expect(gatewayOf(JSON.parse(synthesized)).bgp_settings).toBeUndefined();
    });

    test('GIVEN a VpnGw1AZ gateway WHEN no generation is set THEN the only generation it allows is written', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, sku: GatewaySku.VPN_GW1_AZ });
      expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, { sku: 'VpnGw1AZ', generation: 'Generation1' });
    });

    test('GIVEN an explicit generation and vpn type WHEN synthesized THEN they are written as given', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, sku: GatewaySku.VPN_GW3_AZ, generation: GatewayGeneration.GENERATION1, vpnType: VpnType.ROUTE_BASED });
      expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, { sku: 'VpnGw3AZ', generation: 'Generation1', vpn_type: 'RouteBased' });
    });

    test('GIVEN a gateway WHEN nothing asks for outputs THEN the stack has no output', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, bgpAsn: 65010 });
      expect(JSON.parse(Testing.synth(stack)).output).toBeUndefined();
    });
  });

  describe('ip configurations and public IPs', () => {
    test.each([
      ['active-standby', false, false, ['default']],
      ['active-standby with P2S', false, true, ['default']],
      ['active-active', true, false, ['default', 'activeActive']],
      ['active-active with P2S', true, true, ['default', 'activeActive', 'p2s']],
    ])('GIVEN an %s gateway WHEN synthesized THEN it has the expected Dynamic ip_configurations, each with its own public IP', (_label, activeActive, p2s, names) => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, activeActive, p2s: p2s ? { clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] } : undefined });
      const synthesized = synthValidated(stack);
      const configurations = gatewayOf(synthesized).ip_configuration;
      expect(configurations.map((c: any) => c.name)).toEqual(names);
      expect(configurations.every((c: any) => c.private_ip_address_allocation === 'Dynamic')).toBe(true);
      const pips = publicIpsOf(synthesized);
      expect(pips).toHaveLength((names as string[]).length);
      const referenced = new Set(configurations.map((c: any) => c.public_ip_address_id));
      expect(referenced.size).toBe((names as string[]).length);
    });

    test('GIVEN an active-active gateway WHEN P2S is enabled after construction THEN the third ip configuration and public IP are added', () => {
      const stack = testStack();
      const gateway = new VpnGateway(stack, 'Hub', { ...base, activeActive: true });
      expect(gateway.p2sEnabled).toBe(false);
      gateway.enableP2S({ clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] });
      expect(gateway.p2sEnabled).toBe(true);
      const synthesized = synthValidated(stack);
      expect(gatewayOf(synthesized).ip_configuration.map((c: any) => c.name)).toEqual(['default', 'activeActive', 'p2s']);
      expect(gateway.publicIps).toHaveLength(3);
      expect(publicIpsOf(synthesized).map((p) => p.name).sort()).toEqual(['hub-gw-aa-pip', 'hub-gw-p2s-pip', 'hub-gw-pip']);
      expect(gateway.ipConfigurationIds).toHaveLength(2);
    });

    test.each([
      ['VPN_GW1_AZ', GatewaySku.VPN_GW1_AZ, ['1', '2', '3']],
      ['VPN_GW5_AZ', GatewaySku.VPN_GW5_AZ, ['1', '2', '3']],
      ['VPN_GW2 (non-AZ)', GatewaySku.VPN_GW2, undefined],
      ['BASIC', GatewaySku.BASIC, undefined],
    ])('GIVEN a %s gateway WHEN synthesized THEN its public IPs are Standard and Static, with zones 1-3 only for AZ SKUs', (_label, sku, zones) => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, sku, activeActive: sku.activeActive });
      for (const pip of publicIpsOf(JSON.parse(Testing.synth(stack)))) {
        expect(pip.sku).toBe('Standard');
        expect(pip.allocation_method).toBe('Static');
        expect(pip.zones).toEqual(zones);
      }
    });

    test('GIVEN an AZ SKU in a region without zones WHEN publicIpZones is [] THEN the public IPs have no zones', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, publicIpZones: [] });
      expect(publicIpsOf(JSON.parse(Testing.synth(stack)))[0].zones).toBeUndefined();
    });

    test('GIVEN P2S enabled twice WHEN the second call runs THEN it throws p2s.config', () => {
      const gateway = new VpnGateway(testStack(), 'Hub', base);
      gateway.enableP2S({ clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] });
      expect(() => gateway.enableP2S({ clientAddressPool: ['172.17.0.0/24'], authentications: [certificate] })).toThrow(/^\[p2s\.config\] point-to-site is already configured/);
    });
  });

  describe('VNet and GatewaySubnet', () => {
    test.each([
      [['10.0.0.0/16'], '10.0.255.224/27'],
      [['192.168.10.0/24'], '192.168.10.224/27'],
      [['10.20.0.0/27'], '10.20.0.0/27'],
      [['fd00::/48', '10.1.0.0/22'], '10.1.3.224/27'],
    ])('GIVEN addressSpace %j WHEN no gatewaySubnetPrefix is set THEN the GatewaySubnet is %s', (addressSpace, expected) => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, addressSpace });
      const synthesized = Testing.synth(stack);
      expect(synthesized).toHaveResourceWithProperties(Subnet, { name: 'GatewaySubnet', address_prefixes: [expected] });
      expect(synthesized).toHaveResourceWithProperties(VirtualNetwork, { name: 'hub-gw-vnet', address_space: addressSpace });
    });

    test('GIVEN an explicit gatewaySubnetPrefix WHEN synthesized THEN the subnet uses it and the gateway sits in it', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, gatewaySubnetPrefix: '10.0.0.0/26', virtualNetworkName: 'hub-vnet' });
      const synthesized = JSON.parse(Testing.synth(stack));
      const subnets = resourcesOfType(synthesized, 'azurerm_subnet');
      const [subnetName] = Object.keys(subnets);
      expect(subnets[subnetName]).toMatchObject({ name: 'GatewaySubnet', address_prefixes: ['10.0.0.0/26'] });
      expect(gatewayOf(synthesized).ip_configuration[0].subnet_id).toBe(`\${azurerm_subnet.${subnetName}.id}`);
      expect(Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network'))[0].name).toBe('hub-vnet');
    });

    test('GIVEN an existing VNet and GatewaySubnet id WHEN synthesized THEN no VNet or subnet is created and the gateway uses the id', () => {
      const stack = testStack();
      const subnetId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet';
      const gateway = new VpnGateway(stack, 'Hub', {
        name: 'hub-gw',
        resourceGroupName: 'rg',
        location: 'westeurope',
        virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub', virtualNetworkName: 'hub', resourceGroupName: 'rg' }),
        gatewaySubnetId: subnetId,
      });
      const synthesized = JSON.parse(Testing.synth(stack));
      expect(resourcesOfType(synthesized, 'azurerm_virtual_network')).toEqual({});
      expect(resourcesOfType(synthesized, 'azurerm_subnet')).toEqual({});
      expect(gatewayOf(synthesized).ip_configuration[0].subnet_id).toBe(subnetId);
      expect(gateway.gatewaySubnet).toBeUndefined();
      expect(gateway.virtualNetworkResource).toBeUndefined();
    });

    test('GIVEN an existing VNet and a gatewaySubnetPrefix WHEN synthesized THEN a GatewaySubnet is created in that VNet', () => {
      const stack = testStack();
      const vnet = new VirtualNetwork(stack, 'Existing', { name: 'hub', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.9.0.0/16'] });
      new VpnGateway(stack, 'Hub', { ...base, addressSpace: undefined, virtualNetwork: VirtualNetworkReference.fromVirtualNetwork(vnet), gatewaySubnetPrefix: '10.9.1.0/27' });
      expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Subnet, {
        name: 'GatewaySubnet',
        virtual_network_name: '${azurerm_virtual_network.Existing.name}',
        address_prefixes: ['10.9.1.0/27'],
      });
    });

    test.each([
      ['neither addressSpace nor virtualNetwork', { addressSpace: undefined }, /^\[props\.exclusive\] the gateway needs a VNet with a GatewaySubnet/],
      [
        'both addressSpace and virtualNetwork',
        { virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: 'id', virtualNetworkName: 'hub', resourceGroupName: 'rg' }) },
        /^\[props\.exclusive\] addressSpace and virtualNetwork are both set/,
      ],
      [
        'an existing VNet without subnet id or prefix',
        { addressSpace: undefined, virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: 'id', virtualNetworkName: 'hub', resourceGroupName: 'rg' }) },
        /^\[props\.missing\] virtualNetwork "hub" is an existing VNet/,
      ],
      ['a gatewaySubnetId with a new VNet', { gatewaySubnetId: '/x/subnets/GatewaySubnet' }, /^\[props\.exclusive\] gatewaySubnetId is set, but the VNet is created/],
      ['an address space smaller than /27', { addressSpace: ['10.0.0.0/28'] }, /^\[gw\.subnet\.size\] addressSpace entry "10\.0\.0\.0\/28" is smaller than the \/27/],
      ['an unparseable address space', { addressSpace: ['10.0.0/16'] }, /^\[gw\.subnet\.size\] addressSpace entry "10\.0\.0\/16" is not an IPv4 prefix/],
      ['an IPv6-only address space', { addressSpace: ['fd00::/48'] }, /^\[gw\.subnet\.size\] addressSpace \["fd00::\/48"\] has no IPv4 prefix/],
    ])('GIVEN %s WHEN constructing THEN it throws with the rule id', (_label, override, message) => {
      expect(() => new VpnGateway(testStack(), 'Hub', { ...base, ...override } as VpnGatewayProps)).toThrow(VpnConfigError);
      expect(() => new VpnGateway(testStack(), 'Hub', { ...base, ...override } as VpnGatewayProps)).toThrow(message);
    });

    test('GIVEN an address space from a variable WHEN no gatewaySubnetPrefix is set THEN it throws gw.subnet.size asking for the prefix', () => {
      const stack = testStack();
      const space = new TerraformVariable(stack, 'space', { type: 'list(string)' });
      expect(() => new VpnGateway(stack, 'Hub', { ...base, addressSpace: space.listValue })).toThrow(/^\[gw\.subnet\.size\] addressSpace is a token.*set gatewaySubnetPrefix \(at test\/Hub\)$/);
    });
  });

  describe('BGP', () => {
    test('GIVEN a bgpAsn WHEN enableBgp is not set THEN BGP is on and the ASN is written', () => {
      const stack = testStack();
      const gateway = new VpnGateway(stack, 'Hub', { ...base, bgpAsn: 65010 });
      expect(gateway.bgpEnabled).toBe(true);
      expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, { [BGP_ENABLED]: true, bgp_settings: { asn: 65010 } });
    });

    test('GIVEN an active-active gateway with APIPA addresses per instance WHEN synthesized THEN each peering address names its ip configuration', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', {
        ...base,
        activeActive: true,
        bgpAsn: 65010,
        bgpCustomApipaAddresses: ['169.254.21.1'],
        bgpSecondCustomApipaAddresses: ['169.254.22.1'],
      });
      expect(gatewayOf(synthValidated(stack)).bgp_settings).toEqual({
        asn: 65010,
        peering_addresses: [
          { ip_configuration_name: 'default', apipa_addresses: ['169.254.21.1'] },
          { ip_configuration_name: 'activeActive', apipa_addresses: ['169.254.22.1'] },
        ],
      });
    });

    test('GIVEN APIPA addresses without an ASN WHEN synthesized THEN BGP is on and the ASN stays Azure\'s default', () => {
      const stack = testStack();
      const gateway = new VpnGateway(stack, 'Hub', { ...base, bgpCustomApipaAddresses: ['169.254.21.1'] });
      expect(gateway.bgpEnabled).toBe(true);
      expect(gateway.bgpAsn).toBe(65515);
      expect(gatewayOf(JSON.parse(Testing.synth(stack))).bgp_settings.asn).toBeUndefined();
    });

    test('GIVEN enableBgp false with an ASN WHEN synthesized THEN BGP stays off', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, bgpAsn: 65010, enableBgp: false });
      expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, { [BGP_ENABLED]: false });
    });
  });

  describe('point-to-site', () => {
    test.each([
      ['Entra ID only', GatewaySku.VPN_GW2_AZ, [P2SAuthentication.entraId({ tenantId: 'tid' })], ['OpenVPN'], ['AAD']],
      ['certificate only', GatewaySku.VPN_GW2_AZ, [certificate], ['IkeV2', 'OpenVPN'], ['Certificate']],
      ['Entra ID and certificate', GatewaySku.VPN_GW2_AZ, [P2SAuthentication.entraId({ tenantId: 'tid' }), certificate], ['IkeV2', 'OpenVPN'], ['AAD', 'Certificate']],
      ['certificate on Basic', GatewaySku.BASIC, [certificate], ['IkeV2'], ['Certificate']],
    ])('GIVEN %s WHEN no protocols are set THEN the protocols are derived', (_label, sku, authentications, protocols, authTypes) => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, sku, p2s: { clientAddressPool: ['172.16.0.0/24'], authentications } });
      const config = gatewayOf(JSON.parse(Testing.synth(stack))).vpn_client_configuration;
      expect(config.vpn_client_protocols).toEqual(protocols);
      expect(config.vpn_auth_types).toEqual(authTypes);
    });

    test('GIVEN Entra ID authentication WHEN synthesized THEN tenant, issuer and the Microsoft-registered audience are written', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, p2s: { clientAddressPool: ['172.16.0.0/24'], authentications: [P2SAuthentication.entraId({ tenantId: 'tid' })] } });
      expect(gatewayOf(JSON.parse(Testing.synth(stack))).vpn_client_configuration).toMatchObject({
        address_space: ['172.16.0.0/24'],
        aad_tenant: 'https://login.microsoftonline.com/tid/',
        aad_issuer: 'https://sts.windows.net/tid/',
        aad_audience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
      });
    });

    test('GIVEN certificates, RADIUS, protocols and a policy WHEN synthesized THEN every block is written and the RADIUS secret is generated', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', {
        ...base,
        p2s: {
          clientAddressPool: ['172.16.0.0/24'],
          protocols: [VpnClientProtocol.IKEV2],
          authentications: [
            P2SAuthentication.certificate({ rootCertificates: [{ name: 'root', publicCertData: 'MIIC' }], revokedCertificates: [{ name: 'lost', thumbprint: 'AB12' }] }),
            P2SAuthentication.radius({ servers: [{ address: '10.50.0.4', secret: SharedKey.generate() }] }),
          ],
          ipsecPolicy: IpsecPolicy.custom({
            ikeEncryption: IkeEncryption.AES256,
            ikeIntegrity: IkeIntegrity.SHA256,
            dhGroup: DhGroup.DH_GROUP14,
            ipsecEncryption: IpsecEncryption.AES256,
            ipsecIntegrity: IpsecIntegrity.SHA256,
            pfsGroup: PfsGroup.PFS2048,
          }),
        },
      });
      const config = gatewayOf(JSON.parse(Testing.synth(stack))).vpn_client_configuration;
      expect(config.vpn_client_protocols).toEqual(['IkeV2']);
      expect(config.root_certificate).toEqual([{ name: 'root', public_cert_data: 'MIIC' }]);
      expect(config.revoked_certificate).toEqual([{ name: 'lost', thumbprint: 'AB12' }]);
      expect(config.radius_server).toEqual([{ address: '10.50.0.4', score: 30, secret: expect.stringMatching(/^\$\{random_password\.[^}]+\.result\}$/) }]);
      expect(config.ipsec_policy).toMatchObject({ ike_encryption: 'AES256', sa_lifetime_in_seconds: 27000 });
    });

    test.each([
      ['no authentication', [], /^\[props\.missing\] P2SOptions\.authentications is empty/],
      ['the same method twice', [certificate, certificate], /^\[p2s\.auth-protocol\] P2SOptions\.authentications lists Certificate twice/],
    ])('GIVEN %s WHEN enabling P2S THEN it throws p2s.auth-protocol', (_label, authentications, message) => {
      const gateway = new VpnGateway(testStack(), 'Hub', base);
      expect(() => gateway.enableP2S({ clientAddressPool: ['172.16.0.0/24'], authentications })).toThrow(message);
    });
  });

  describe('lifecycle and outputs', () => {
    test('GIVEN preventDestroy WHEN synthesized THEN the gateway and its public IPs are protected', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, activeActive: true, preventDestroy: true });
      const synthesized = JSON.parse(Testing.synth(stack));
      expect(gatewayOf(synthesized).lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['generation'] });
      expect(publicIpsOf(synthesized).map((p) => p.lifecycle)).toEqual([{ prevent_destroy: true }, { prevent_destroy: true }]);
    });

    test('GIVEN the default WHEN synthesized THEN nothing is protected from destroy, and only the defaulted generation is left alone on update', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', base);
      const synthesized = JSON.parse(Testing.synth(stack));
      expect(gatewayOf(synthesized).lifecycle).toEqual({ ignore_changes: ['generation'] });
      expect(publicIpsOf(synthesized)[0].lifecycle).toBeUndefined();
    });

    test('GIVEN an explicit generation WHEN synthesized THEN it is managed: no lifecycle at all', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', { ...base, generation: GatewayGeneration.GENERATION2 });
      const synthesized = JSON.parse(Testing.synth(stack));
      expect(gatewayOf(synthesized).lifecycle).toBeUndefined();
    });

    test('GIVEN a BGP gateway WHEN outputPeerInfo is called twice THEN the public IPs and BGP peering addresses are output once', () => {
      const stack = testStack();
      const gateway = new VpnGateway(stack, 'Hub', { ...base, activeActive: true, bgpAsn: 65010 });
      gateway.outputPeerInfo();
      gateway.outputPeerInfo();
      const outputs = JSON.parse(Testing.synth(stack)).output;
      expect(Object.keys(outputs)).toHaveLength(2);
      const [ips, bgp] = [Object.entries<any>(outputs).find(([k]) => k.startsWith('Hub_PublicIpAddresses'))![1], Object.entries<any>(outputs).find(([k]) => k.startsWith('Hub_BgpPeeringAddresses'))![1]];
      expect(ips.value).toEqual([expect.stringMatching(/^\$\{azurerm_public_ip\.Hub_PublicIp_[0-9A-F]+\.ip_address\}$/), expect.stringMatching(/ActiveActivePublicIp/)]);
      expect(bgp.value).toMatch(/^\$\{azurerm_virtual_network_gateway\.Hub_[0-9A-F]+\.bgp_settings\[0\]\.peering_addresses\}$/);
    });

    test('GIVEN a gateway without BGP WHEN outputPeerInfo is called THEN only the public IPs are output', () => {
      const stack = testStack();
      new VpnGateway(stack, 'Hub', base).outputPeerInfo();
      expect(Object.keys(JSON.parse(Testing.synth(stack)).output)).toEqual([expect.stringMatching(/^Hub_PublicIpAddresses/)]);
    });
  });

  describe('fromAttributes', () => {
    test('GIVEN an existing gateway WHEN imported THEN its ip configuration ids and defaults are derived from the attributes', () => {
      const stack = testStack();
      const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw';
      const gateway = VpnGateway.fromAttributes(stack, 'Existing', {
        gatewayId: id,
        gatewayName: 'gw',
        resourceGroupName: 'rg',
        location: 'westeurope',
        sku: GatewaySku.VPN_GW2_AZ,
        activeActive: true,
        virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: 'vnet-id', virtualNetworkName: 'hub', resourceGroupName: 'rg' }),
      });
      expect(gateway.ipConfigurationIds).toEqual([`${id}/ipConfigurations/default`, `${id}/ipConfigurations/activeActive`]);
      expect(gateway.bgpAsn).toBe(65515);
      expect(gateway.bgpEnabled).toBe(false);
      expect(gateway.vpnType).toBe(VpnType.ROUTE_BASED);
      expect(gateway.dependables).toEqual([]);
      expect(resourcesOfType(JSON.parse(Testing.synth(stack)), 'azurerm_virtual_network_gateway')).toEqual({});
    });
  });

  test('GIVEN an active-active VpnGateway WHEN its public IPs are inspected THEN they are the L1 PublicIp escape hatches', () => {
    const gateway = new VpnGateway(testStack(), 'Hub', { ...base, activeActive: true });
    expect(gateway.publicIps.every((p) => p instanceof PublicIp)).toBe(true);
    expect(gateway.gateway).toBeInstanceOf(VirtualNetworkGateway);
  });
});
