import { TerraformStack, Testing } from 'cdktf';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { P2SAccess } from '../../lib/constructs/p2s-access';
import { P2SAuthentication, VpnClientProtocol } from '../../lib/constructs/point-to-site';
import { SharedKey } from '../../lib/constructs/shared-key';
import { VirtualNetworkReference } from '../../lib/constructs/virtual-network';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { VpnConfigError } from '../../lib/private/construct-errors';
import { EXAMPLE_P2S_ROOT_CERTIFICATE } from '../../examples/p2s-root-certificate';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';

const gatewayProps: VpnGatewayProps = { name: 'gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.30.0.0/16'] };
const TENANT = '00000000-0000-0000-0000-000000000000';
const certificate = P2SAuthentication.certificate({ rootCertificates: [{ name: 'P2SRoot', publicCertData: EXAMPLE_P2S_ROOT_CERTIFICATE }] });
const entraId = P2SAuthentication.entraId({ tenantId: TENANT });

function typicalAccess(stack: TerraformStack): P2SAccess {
  const gateway = new VpnGateway(stack, 'Gw', { ...gatewayProps, activeActive: true });
  return new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [certificate, entraId] });
}

function gatewayOf(synthesized: any): any {
  return Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'))[0];
}

describe('P2SAccess', () => {
  test('GIVEN certificate and Entra ID access to an active-active gateway WHEN synthesized with validations THEN the gateway carries the P2S configuration and a third IP configuration with its own public IP', () => {
    const stack = testStack();
    const access = typicalAccess(stack);
    const synthesized = synthValidated(stack);

    const counts = Object.fromEntries(Object.entries<any>(synthesized.resource).map(([type, r]) => [type, Object.keys(r).length]));
    expect(counts).toEqual({ azurerm_virtual_network: 1, azurerm_subnet: 1, azurerm_public_ip: 3, azurerm_virtual_network_gateway: 1 });
    const gateway = gatewayOf(synthesized);
    expect(gateway.ip_configuration.map((c: any) => c.name)).toEqual(['default', 'activeActive', 'p2s']);
    expect(gateway.vpn_client_configuration).toMatchObject({
      address_space: ['172.16.0.0/24'],
      vpn_auth_types: ['Certificate', 'AAD'],
      vpn_client_protocols: ['IkeV2', 'OpenVPN'],
      root_certificate: [{ name: 'P2SRoot', public_cert_data: EXAMPLE_P2S_ROOT_CERTIFICATE }],
      aad_tenant: `https://login.microsoftonline.com/${TENANT}/`,
      aad_issuer: `https://sts.windows.net/${TENANT}/`,
      aad_audience: P2SAuthentication.MICROSOFT_REGISTERED_AUDIENCE,
    });
    expect(access.p2sPublicIp).toBe(access.gateway.publicIps[2]);
    expect(access.gatewayResource).toBe(access.gateway.gateway);
    expect(access.clientAddressPool).toEqual(['172.16.0.0/24']);
    expect(synthesized.output).toBeUndefined();
  });

  test('GIVEN the typical access WHEN synthesized THEN the construct paths of its resources are the pinned ones', () => {
    const stack = testStack();
    typicalAccess(stack);
    const config: any = stack.toTerraform();
    const paths: string[] = [];
    for (const r of Object.values<any>(config.resource)) for (const body of Object.values<any>(r)) paths.push(body['//'].metadata.path);
    expect(paths.sort()).toEqual(['test/Gw/ActiveActivePublicIp', 'test/Gw/GatewaySubnet', 'test/Gw/P2SPublicIp', 'test/Gw/PublicIp', 'test/Gw/Resource', 'test/Gw/VirtualNetwork']);
  });

  test('GIVEN the typical access WHEN checked THEN no rule reports an error or a warning', () => {
    const stack = testStack();
    typicalAccess(stack);
    expect(VpnValidation.check(stack).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('GIVEN P2S on an active-active gateway whose third IP configuration is removed through the escape hatch WHEN synthesized with validations THEN synth fails with p2s.aa-third-ip', () => {
    const stack = testStack();
    const access = typicalAccess(stack);
    const [first, second] = access.gateway.publicIps;
    access.gatewayResource.putIpConfiguration([
      { name: 'default', subnetId: access.gateway.gatewaySubnetId, publicIpAddressId: first.id, privateIpAddressAllocation: 'Dynamic' },
      { name: 'activeActive', subnetId: access.gateway.gatewaySubnetId, publicIpAddressId: second.id, privateIpAddressAllocation: 'Dynamic' },
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/Gw\/Resource\] \[p2s\.aa-third-ip\] active_active = true with vpn_client_configuration has 2 ip_configuration block\(s\)/);
  });

  test('GIVEN an active-standby gateway WHEN P2S access is added THEN it keeps one IP configuration and no P2S public IP', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', gatewayProps);
    const access = new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] });
    expect(gatewayOf(synthValidated(stack)).ip_configuration).toHaveLength(1);
    expect(access.p2sPublicIp).toBeUndefined();
  });

  test('GIVEN Entra ID alone WHEN no protocols are given THEN OpenVPN alone is derived; explicit protocols are kept', () => {
    const stack = testStack();
    const entraOnly = new VpnGateway(stack, 'A', gatewayProps);
    new P2SAccess(stack, 'AUsers', { gateway: entraOnly, clientAddressPool: ['172.16.0.0/24'], authentications: [entraId] });
    const explicit = new VpnGateway(stack, 'B', { ...gatewayProps, name: 'gw-b', addressSpace: ['10.31.0.0/16'] });
    new P2SAccess(stack, 'BUsers', { gateway: explicit, clientAddressPool: ['172.17.0.0/24'], authentications: [certificate, entraId], protocols: [VpnClientProtocol.OPENVPN] });
    synthValidated(stack);
    expect(entraOnly.gateway.vpnClientConfigurationInput).toMatchObject({ vpnClientProtocols: ['OpenVPN'] });
    expect(explicit.gateway.vpnClientConfigurationInput).toMatchObject({ vpnClientProtocols: ['OpenVPN'] });
  });

  test('GIVEN RADIUS authentication WHEN synthesized THEN the server secret is a generated random_password, never a literal', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', gatewayProps);
    new P2SAccess(stack, 'Users', {
      gateway,
      clientAddressPool: ['172.16.0.0/24'],
      authentications: [P2SAuthentication.radius({ servers: [{ address: '10.30.1.4', secret: SharedKey.generate() }] })],
    });
    const server = gatewayOf(synthValidated(stack)).vpn_client_configuration.radius_server[0];
    expect(server.secret).toMatch(/^\$\{random_password\.[A-Za-z0-9_-]+\.result\}$/);
  });

  test('GIVEN an entra-only pool that overlaps the VNet WHEN synthesized with validations THEN synth fails with p2s.pool.no-overlap', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', gatewayProps);
    new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['10.30.200.0/24'], authentications: [entraId] });
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/Gw\/Resource\] \[p2s\.pool\.no-overlap\]/);
  });

  test('GIVEN outputPeerInfo() WHEN synthesized THEN the three public IPs of the gateway are output', () => {
    const stack = testStack();
    typicalAccess(stack).outputPeerInfo();
    const outputs = synthValidated(stack).output;
    const publicIps = Object.entries<any>(outputs).find(([name]) => name.startsWith('Gw_PublicIpAddresses_'))![1];
    expect(publicIps.value).toHaveLength(3);
  });

  describe('input it cannot build from', () => {
    test('GIVEN a gateway that is not created in this stack WHEN P2S access is added THEN it throws at once', () => {
      const stack = testStack();
      const existing = VpnGateway.fromAttributes(stack, 'Existing', {
        gatewayId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
        gatewayName: 'existing-gw',
        resourceGroupName: 'rg',
        location: 'westeurope',
        sku: GatewaySku.VPN_GW2_AZ,
        virtualNetwork: VirtualNetworkReference.fromAttributes({ virtualNetworkId: 'id', virtualNetworkName: 'hub', resourceGroupName: 'rg' }),
      });
      const props = { gateway: existing, clientAddressPool: ['172.16.0.0/24'], authentications: [certificate] };
      expect(() => new P2SAccess(stack, 'Users', props)).toThrow(VpnConfigError);
      expect(() => new P2SAccess(stack, 'Users2', props)).toThrow(/\[p2s\.config\] gateway "existing-gw" is not created in this stack/);
    });

    test('GIVEN a second P2SAccess on the same gateway WHEN added THEN it throws at once (a gateway has one P2S configuration)', () => {
      const stack = testStack();
      const access = typicalAccess(stack);
      expect(() => new P2SAccess(stack, 'More', { gateway: access.gateway, clientAddressPool: ['172.18.0.0/24'], authentications: [certificate] })).toThrow(/\[p2s\.config\] point-to-site is already configured/);
    });
  });

  test('GIVEN point-to-site with SSTP on a gateway created in the stack WHEN synthesized with validations THEN p2s.sstp-retired fails synth (a new gateway cannot enable SSTP)', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', gatewayProps);
    new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [certificate], protocols: [VpnClientProtocol.IKEV2, VpnClientProtocol.SSTP] });
    expect(() => Testing.synth(stack, true)).toThrow(/\[test\/Gw\/Resource\] \[p2s\.sstp-retired\] vpn_client_protocols = \["IkeV2", "SSTP"\] enables SSTP/);
  });

  test('GIVEN point-to-site with IKEv2 only WHEN synthesized with validations THEN p2s.sstp-retired does not fire', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Gw', gatewayProps);
    new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [certificate], protocols: [VpnClientProtocol.IKEV2] });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
