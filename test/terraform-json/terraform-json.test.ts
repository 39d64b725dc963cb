import { readFileSync } from 'fs';
import { join } from 'path';
import { TopologyLookup } from '../../lib/model/lookup';
import { topologyFromTerraformJson } from '../../lib/terraform-json';
import {
  Entity,
  Peering,
  PublicIp,
  RouteTable,
  Subnet,
  Topology,
  VirtualNetwork,
  VirtualNetworkGateway,
} from '../../lib/model/topology';
import { isUnknown, sameValue, Unknown } from '../../lib/model/unknown';
import { UnusableInputError } from '../../lib/private/errors';

const FIXTURES = join(__dirname, '..', 'fixtures', 'tf-json');

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

function adapt(content: unknown, file = 'main.tf.json'): Topology {
  return topologyFromTerraformJson([{ file, content }]);
}

/** A configuration holding just the given resources (`{type: {name: body}}`). */
function resources(resource: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}): Topology {
  return adapt({ resource, ...extra });
}

function entity<K extends Entity['kind']>(t: Topology, address: string, kind: K): Extract<Entity, { kind: K }> {
  const e = t.entities.get(address);
  if (!e) throw new Error(`no entity ${address}; have ${[...t.entities.keys()].join(', ')}`);
  expect(e.kind).toBe(kind);
  return e as Extract<Entity, { kind: K }>;
}

function unknownOf(value: unknown): Unknown {
  expect(isUnknown(value)).toBe(true);
  return value as Unknown;
}

const RG = { location: 'westeurope', resource_group_name: 'rg' };

describe('Terraform JSON adapter', () => {
  describe('a complete azurerm 4.x hub written by cdktf', () => {
    const t = adapt(fixture('hub-4x.tf.json'), 'cdk.tf.json');
    const gw = () => entity(t, 'azurerm_virtual_network_gateway.hub_Gateway_B0B8EE58', 'gateway');

    test('GIVEN subnet_id = "${azurerm_subnet.x.id}" WHEN adapted THEN the ip configuration points at the subnet entity, whose name is known', () => {
      const configurations = gw().ipConfigurations as VirtualNetworkGateway['ipConfigurations'] & object[];
      expect(Array.isArray(configurations)).toBe(true);
      const lookup = new TopologyLookup(t);
      const subnet = lookup.gatewaySubnet(gw());
      expect(subnet?.address).toBe('azurerm_subnet.hub_GatewaySubnet_E4BE05EE');
      expect(subnet?.name).toBe('GatewaySubnet');
      expect(subnet?.addressPrefixes).toEqual({ items: ['10.0.255.0/27'] });
      expect(lookup.gatewayVnet(gw())?.address).toBe('azurerm_virtual_network.hub_vnet_858991EC');
    });

    test('GIVEN attributes referencing another resource\'s name WHEN adapted THEN the configured value is followed', () => {
      const vnet = entity(t, 'azurerm_virtual_network.hub_vnet_858991EC', 'virtualNetwork');
      expect(vnet.resourceGroupName).toBe('rg-hub');
      expect(vnet.location).toBe('westeurope');
      expect(vnet.subnets).toEqual(['azurerm_subnet.hub_GatewaySubnet_E4BE05EE', 'azurerm_subnet.workload']);
    });

    test('GIVEN a subnet with a literal virtual_network_name WHEN adapted THEN it is matched to the declared VNet by name and resource group', () => {
      const workload = entity(t, 'azurerm_subnet.workload', 'subnet');
      expect(workload.virtualNetwork).toBe('azurerm_virtual_network.hub_vnet_858991EC');
      expect(workload.delegated).toBe(true);
      expect(entity(t, 'azurerm_subnet.hub_GatewaySubnet_E4BE05EE', 'subnet').delegated).toBe(false);
    });

    test('GIVEN the 4.x gateway spellings WHEN adapted THEN every gateway field is read, with string booleans and numbers accepted', () => {
      const g = gw();
      expect(g).toMatchObject({
        name: 'vgw-hub',
        gatewayType: 'Vpn',
        vpnType: 'RouteBased',
        sku: 'VpnGw2AZ',
        generation: 'Generation2',
        activeActive: true,
        bgpEnabled: true,
        privateIpAddressEnabled: false,
        bgpRouteTranslationForNatEnabled: true,
        defaultLocalNetworkGateway: 'azurerm_local_network_gateway.site',
        path: 'hub/Gateway/Resource',
      });
      expect(g.ipConfigurations).toEqual([
        { name: 'default', subnet: 'azurerm_subnet.hub_GatewaySubnet_E4BE05EE', publicIp: 'azurerm_public_ip.gw1', privateIpAddressAllocation: 'Dynamic' },
        { name: 'activeActive', subnet: 'azurerm_subnet.hub_GatewaySubnet_E4BE05EE', publicIp: 'azurerm_public_ip.gw2', privateIpAddressAllocation: undefined },
      ]);
      expect(g.bgpSettings).toEqual({
        asn: 65010,
        peerWeight: 10,
        peeringAddresses: [
          { ipConfigurationName: 'default', apipaAddresses: { items: ['169.254.21.1'] } },
          { ipConfigurationName: 'activeActive', apipaAddresses: { items: ['169.254.22.1'] } },
        ],
      });
      expect(g.unknownBlocks).toBeUndefined();
    });

    test('GIVEN a vpn_client_configuration WHEN adapted THEN the P2S settings, certificates, RADIUS servers and the P2S ipsec_policy are read', () => {
      expect(gw().p2s).toEqual({
        addressSpace: { items: ['172.16.0.0/24'] },
        protocols: { items: ['OpenVPN', 'IkeV2'] },
        authTypes: { items: ['Certificate', 'Radius'] },
        rootCertificates: [{ name: 'root', publicCertData: 'MIIC5zCCAc+gAwIBAgI' }],
        revokedCertificates: 2,
        aadTenant: undefined,
        aadAudience: undefined,
        aadIssuer: undefined,
        radiusServerAddress: undefined,
        radiusServerSecret: undefined,
        radiusServers: [{ address: '10.0.3.4', secret: 'radius-secret-1', score: 20 }],
        ipsecPolicy: {
          dhGroup: 'DHGroup14',
          ikeEncryption: 'AES256',
          ikeIntegrity: 'SHA256',
          ipsecEncryption: 'GCMAES256',
          ipsecIntegrity: 'GCMAES256',
          pfsGroup: 'PFS14',
          saLifetimeSeconds: 27000,
          saDataSizeKilobytes: 102400000,
        },
      });
    });

    test('GIVEN a connection with a random_password key, NAT rules and policies WHEN adapted THEN every connection field is read', () => {
      const c = entity(t, 'azurerm_virtual_network_gateway_connection.site', 'connection');
      expect(c).toMatchObject({
        connectionType: 'IPsec',
        gateway: 'azurerm_virtual_network_gateway.hub_Gateway_B0B8EE58',
        localGateway: 'azurerm_local_network_gateway.site',
        peerGateway: undefined,
        bgpEnabled: true,
        usePolicyBasedTrafficSelectors: false,
        connectionProtocol: 'IKEv2',
        connectionMode: 'Default',
        dpdTimeoutSeconds: 45,
        routingWeight: 10,
        localAzureIpAddressEnabled: false,
        customBgpAddresses: { primary: '169.254.21.1', secondary: '169.254.22.1' },
        ingressNatRules: { items: ['azurerm_virtual_network_gateway_nat_rule.ingress'] },
        egressNatRules: { items: ['azurerm_virtual_network_gateway_nat_rule.egress'] },
        trafficSelectorPolicies: [{ localAddressCidrs: { items: ['10.0.0.0/16'] }, remoteAddressCidrs: { items: ['192.168.0.0/24'] } }],
      });
      expect(c.ipsecPolicy).toMatchObject({ saLifetimeSeconds: 27000, saDataSizeKilobytes: 0, pfsGroup: 'PFS2048' });
      const key = unknownOf(c.sharedKey);
      expect(key.expression).toBe('${random_password.psk.result}');
      expect(key.reason).toBe('random_password.psk.result is computed at apply');
    });

    test('GIVEN NAT rules with block objects and arrays WHEN adapted THEN mappings, mode and ip_configuration_id are read', () => {
      const ingress = entity(t, 'azurerm_virtual_network_gateway_nat_rule.ingress', 'natRule');
      expect(ingress).toMatchObject({
        gateway: 'azurerm_virtual_network_gateway.hub_Gateway_B0B8EE58',
        mode: 'IngressSnat',
        natType: 'Static',
        ipConfigurationId: '${azurerm_virtual_network_gateway.hub_Gateway_B0B8EE58.ip_configuration[0].id}',
        internalMappings: [{ addressSpace: '192.168.0.0/24', portRange: undefined }],
        externalMappings: [{ addressSpace: '100.64.0.0/24', portRange: '1000-2000' }],
      });
      const egress = entity(t, 'azurerm_virtual_network_gateway_nat_rule.egress', 'natRule');
      expect(egress).toMatchObject({ mode: undefined, natType: undefined, ipConfigurationId: undefined });
      expect(egress.internalMappings).toEqual([{ addressSpace: '10.0.0.0/24', portRange: undefined }]);
    });

    test('GIVEN public IPs and a local network gateway WHEN adapted THEN their fields are read and unset zones are a known empty list', () => {
      expect(entity(t, 'azurerm_public_ip.gw1', 'publicIp')).toMatchObject({ sku: 'Standard', allocationMethod: 'Static', zones: { items: ['1', '2', '3'] } });
      const gw2 = entity(t, 'azurerm_public_ip.gw2', 'publicIp');
      expect(gw2.zones).toEqual({ items: [] });
      expect(gw2).toMatchObject({ skuTier: 'Regional', ipVersion: 'IPv4' });
      expect(entity(t, 'azurerm_local_network_gateway.site', 'localGateway')).toMatchObject({
        gatewayAddress: '203.0.113.10',
        gatewayFqdn: undefined,
        addressSpace: { items: ['192.168.0.1/32'] },
        bgpSettings: { asn: 65050, peeringAddress: '192.168.0.1', peerWeight: 0 },
      });
    });

    test('GIVEN association resources and an azurerm_route WHEN adapted THEN subnets get their NSG and route table, and the table gets the route', () => {
      expect(entity(t, 'azurerm_subnet.workload', 'subnet').networkSecurityGroup).toBe('azurerm_network_security_group.workload');
      expect(entity(t, 'azurerm_subnet.hub_GatewaySubnet_E4BE05EE', 'subnet').routeTable).toBe('azurerm_route_table.gateway');
      const rt = entity(t, 'azurerm_route_table.gateway', 'routeTable');
      expect(rt.bgpRoutePropagationEnabled).toBe(true);
      expect(rt.routes).toEqual([
        { name: 'to-fw', addressPrefix: '10.1.0.0/16', nextHopType: 'VirtualAppliance' },
        { name: 'to-internet', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' },
      ]);
      expect(rt.routesUnknown).toBeUndefined();
      expect(entity(t, 'azurerm_route.extra', 'other')).toBeDefined();
    });

    test('GIVEN a NIC and a private endpoint with subnet_id WHEN adapted THEN they are the subnet\'s occupants, and gateways and associations are not', () => {
      expect(entity(t, 'azurerm_subnet.workload', 'subnet').occupants).toEqual(['azurerm_network_interface.vm', 'azurerm_private_endpoint.kv']);
      expect(entity(t, 'azurerm_subnet.hub_GatewaySubnet_E4BE05EE', 'subnet').occupants).toEqual([]);
    });

    test('GIVEN explicit depends_on and references WHEN adapted THEN dependsOn lists both, once each, and no attribute paths', () => {
      expect(gw().dependsOn.sort()).toEqual(
        ['azurerm_local_network_gateway.site', 'azurerm_public_ip.gw1', 'azurerm_public_ip.gw2', 'azurerm_route_table.gateway', 'azurerm_subnet.hub_GatewaySubnet_E4BE05EE'].sort(),
      );
      const c = entity(t, 'azurerm_virtual_network_gateway_connection.site', 'connection');
      expect(c.dependsOn).toContain('random_password.psk');
      const lookup = new TopologyLookup(t);
      expect(lookup.dependsOn(c.address, 'azurerm_subnet.hub_GatewaySubnet_E4BE05EE')).toBe(true);
      expect(lookup.dependsOn('azurerm_subnet.workload', c.address)).toBe(false);
    });

    test('GIVEN cdktf metadata WHEN adapted THEN path is the full path as written, and absent without metadata', () => {
      expect(entity(t, 'azurerm_virtual_network.hub_vnet_858991EC', 'virtualNetwork').path).toBe('hub/Network/Resource');
      expect(entity(t, 'azurerm_subnet.workload', 'subnet').path).toBeUndefined();
    });

    test('GIVEN every resource WHEN adapted THEN all of them are entities and the lists hold each kind', () => {
      expect(t.entities.has('azurerm_resource_group.rg')).toBe(true);
      expect(t.entities.has('random_password.psk')).toBe(true);
      expect(t.gateways).toHaveLength(1);
      expect(t.publicIps).toHaveLength(2);
      expect(t.subnets).toHaveLength(2);
      expect(t.natRules).toHaveLength(2);
      expect(t.connections).toHaveLength(1);
      expect(t.routeTables).toHaveLength(1);
      expect(t.networkSecurityGroups).toHaveLength(1);
      for (const list of [t.virtualNetworks, t.subnets, t.gateways, t.connections]) {
        for (const e of list as Entity[]) expect(t.entities.get(e.address)).toBe(e);
      }
    });
  });

  describe('point-to-site variants', () => {
    test('GIVEN an AAD and single-RADIUS-server P2S with a secret from a variable WHEN adapted THEN the fields are read and the secret stays unknown', () => {
      const t = resources({
        azurerm_virtual_network_gateway: {
          gw: {
            name: 'gw',
            ...RG,
            type: 'Vpn',
            sku: 'VpnGw1',
            ip_configuration: [],
            vpn_client_configuration: [
              {
                address_space: ['172.16.0.0/24'],
                aad_tenant: 'https://login.microsoftonline.com/tenant/',
                aad_audience: '41b23e61-6c1e-4545-b367-cd054e0ed4b4',
                aad_issuer: 'https://sts.windows.net/tenant/',
                radius_server_address: '10.0.3.4',
                radius_server_secret: '${var.radius_secret}',
              },
            ],
          },
        },
      });
      const p2s = entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway').p2s;
      expect(p2s).toMatchObject({
        aadTenant: 'https://login.microsoftonline.com/tenant/',
        aadAudience: '41b23e61-6c1e-4545-b367-cd054e0ed4b4',
        aadIssuer: 'https://sts.windows.net/tenant/',
        radiusServerAddress: '10.0.3.4',
        protocols: undefined,
        authTypes: undefined,
        rootCertificates: [],
        revokedCertificates: 0,
        radiusServers: [],
      });
      expect(p2s?.ipsecPolicy).toBeUndefined();
      expect(unknownOf(p2s?.radiusServerSecret)).toMatchObject({ reason: 'var.radius_secret is a variable', expression: '${var.radius_secret}' });
    });
  });

  describe('azurerm 3.x spellings', () => {
    const t = adapt(fixture('hub-3x.tf.json'));

    test('GIVEN inline subnet blocks WHEN adapted THEN each becomes a subnet entity addressed by name, with its NSG and 3.x address_prefix', () => {
      const hub = entity(t, 'azurerm_virtual_network.hub', 'virtualNetwork');
      const gatewaySubnet = 'azurerm_virtual_network.hub.subnet["GatewaySubnet"]';
      expect(hub.subnets).toEqual([gatewaySubnet, 'azurerm_virtual_network.hub.subnet["workload"]']);
      const s = entity(t, gatewaySubnet, 'subnet');
      expect(s).toMatchObject({
        name: 'GatewaySubnet',
        virtualNetwork: 'azurerm_virtual_network.hub',
        addressPrefixes: { items: ['10.10.255.0/27'] },
        networkSecurityGroup: 'azurerm_network_security_group.gw',
      });
      expect(entity(t, 'azurerm_virtual_network.hub.subnet["workload"]', 'subnet').addressPrefixes).toEqual({ items: ['10.10.1.0/24'] });
    });

    test('GIVEN subnet_id = "${vnet.subnet[0].id}" WHEN adapted THEN it resolves to the inline subnet', () => {
      const g = entity(t, 'azurerm_virtual_network_gateway.hub', 'gateway');
      expect(g.ipConfigurations).toEqual([
        { name: 'vnetGatewayConfig', subnet: 'azurerm_virtual_network.hub.subnet["GatewaySubnet"]', publicIp: 'azurerm_public_ip.gw', privateIpAddressAllocation: undefined },
      ]);
    });

    test('GIVEN enable_bgp and the legacy bgp peering_address WHEN adapted THEN bgpEnabled is read and the APIPA address becomes a peering address', () => {
      const g = entity(t, 'azurerm_virtual_network_gateway.hub', 'gateway');
      expect(g.bgpEnabled).toBe(true);
      expect(g.bgpSettings).toEqual({
        asn: 65515,
        peerWeight: undefined,
        peeringAddresses: [{ ipConfigurationName: undefined, apipaAddresses: { items: ['169.254.21.9'] } }],
      });
      const c = entity(t, 'azurerm_virtual_network_gateway_connection.to_remote', 'connection');
      expect(c.bgpEnabled).toBe(false);
    });

    test('GIVEN disable_bgp_route_propagation = true WHEN adapted THEN bgpRoutePropagationEnabled is false', () => {
      expect(entity(t, 'azurerm_route_table.legacy', 'routeTable').bgpRoutePropagationEnabled).toBe(false);
    });

    test('GIVEN bgp_enabled (azurerm >= 4.62, what cdktn-azure-vpn writes) WHEN adapted THEN bgpEnabled is read on the gateway and the connection, and wins over a conflicting enable_bgp', () => {
      const t2 = resources({
        azurerm_virtual_network_gateway: {
          only_new: { name: 'a', ...RG, type: 'Vpn', sku: 'VpnGw1', ip_configuration: [], bgp_enabled: true },
          both: { name: 'b', ...RG, type: 'Vpn', sku: 'VpnGw1', ip_configuration: [], bgp_enabled: false, enable_bgp: true },
        },
        azurerm_virtual_network_gateway_connection: {
          only_new: { name: 'c', ...RG, type: 'IPsec', virtual_network_gateway_id: '${azurerm_virtual_network_gateway.only_new.id}', bgp_enabled: true },
          both: { name: 'd', ...RG, type: 'IPsec', virtual_network_gateway_id: '${azurerm_virtual_network_gateway.both.id}', bgp_enabled: true, enable_bgp: false },
        },
      });
      expect([
        entity(t2, 'azurerm_virtual_network_gateway.only_new', 'gateway').bgpEnabled,
        entity(t2, 'azurerm_virtual_network_gateway.both', 'gateway').bgpEnabled,
        entity(t2, 'azurerm_virtual_network_gateway_connection.only_new', 'connection').bgpEnabled,
        entity(t2, 'azurerm_virtual_network_gateway_connection.both', 'connection').bgpEnabled,
      ]).toEqual([true, false, true, true]);
    });

    test('GIVEN enable_bgp and bgp_enabled both absent WHEN adapted THEN bgpEnabled is undefined (the azurerm default applies)', () => {
      const t2 = resources({ azurerm_virtual_network_gateway: { g: { name: 'g', ...RG, type: 'Vpn', sku: 'VpnGw1', ip_configuration: [] } } });
      expect(entity(t2, 'azurerm_virtual_network_gateway.g', 'gateway').bgpEnabled).toBeUndefined();
    });

    test('GIVEN peerings by literal name and by name reference WHEN adapted THEN both resolve to the VNet entity', () => {
      const spokeToHub = entity(t, 'azurerm_virtual_network_peering.spoke_to_hub', 'peering');
      expect(spokeToHub).toMatchObject({
        virtualNetwork: 'azurerm_virtual_network.spoke',
        remoteVirtualNetwork: 'azurerm_virtual_network.hub',
        useRemoteGateways: true,
        allowForwardedTraffic: true,
        allowGatewayTransit: undefined,
      });
      const hubToSpoke = entity(t, 'azurerm_virtual_network_peering.hub_to_spoke', 'peering');
      expect(hubToSpoke.virtualNetwork).toBe('azurerm_virtual_network.hub');
      expect(new TopologyLookup(t).reversePeering(spokeToHub)).toBe(hubToSpoke);
    });

    test('GIVEN depends_on written as "${azurerm_x.y}" WHEN adapted THEN it is the address', () => {
      expect(entity(t, 'azurerm_virtual_network_peering.hub_to_spoke', 'peering').dependsOn).toEqual(
        expect.arrayContaining(['azurerm_virtual_network_gateway.hub', 'azurerm_virtual_network.hub', 'azurerm_virtual_network.spoke']),
      );
    });

    test('GIVEN a literal peer gateway ID WHEN adapted THEN it is an external gateway entity named from the ID', () => {
      const c = entity(t, 'azurerm_virtual_network_gateway_connection.to_remote', 'connection');
      const address = 'external:/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-remote/providers/microsoft.network/virtualnetworkgateways/vgw-remote';
      expect(c.peerGateway).toBe(address);
      const remote = entity(t, address, 'gateway');
      expect(remote).toMatchObject({ external: true, name: 'vgw-remote', resourceGroupName: 'rg-remote', type: 'azurerm_virtual_network_gateway' });
      expect(isUnknown(remote.sku)).toBe(true);
      expect(isUnknown(remote.bgpSettings?.asn)).toBe(true);
      // Only reachable by address: rules about the configuration's own gateways do not report on it.
      expect(t.gateways).not.toContain(remote);
      expect(t.gateways).toHaveLength(1);
      expect(unknownOf(c.sharedKey)).toMatchObject({ reason: 'var.psk is a variable', expression: '${var.psk}' });
    });
  });

  describe('literal Azure resource IDs', () => {
    const subnetId = '/subscriptions/1111/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet';

    test('GIVEN a gateway whose subnet_id is a literal subnet ID WHEN adapted THEN the subnet and its VNet are external entities named from the ID', () => {
      const t = resources({
        azurerm_virtual_network_gateway: {
          gw: { name: 'gw', ...RG, type: 'Vpn', sku: 'VpnGw1', ip_configuration: [{ subnet_id: subnetId, public_ip_address_id: '/subscriptions/1111/resourceGroups/rg-net/providers/Microsoft.Network/publicIPAddresses/pip1' }] },
        },
      });
      const g = entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway');
      const lookup = new TopologyLookup(t);
      const subnet = lookup.gatewaySubnet(g) as Subnet;
      expect(subnet.address).toBe(`external:${subnetId.toLowerCase()}`);
      expect(subnet).toMatchObject({ external: true, name: 'GatewaySubnet', resourceGroupName: 'rg-net', type: 'azurerm_subnet' });
      expect(isUnknown(subnet.addressPrefixes.unknown)).toBe(true);
      const vnet = lookup.gatewayVnet(g) as VirtualNetwork;
      expect(vnet).toMatchObject({ external: true, name: 'hub', subnets: [subnet.address] });
      const pip = lookup.publicIp((g.ipConfigurations as Array<{ publicIp: string }>)[0].publicIp) as PublicIp;
      expect(pip).toMatchObject({ external: true, name: 'pip1' });
      expect(isUnknown(pip.sku)).toBe(true);
    });

    test('GIVEN the same ID with different letter case in two places WHEN adapted THEN both name one external entity', () => {
      const t = resources({
        azurerm_network_interface: {
          a: { ip_configuration: [{ subnet_id: subnetId }] },
          b: { ip_configuration: [{ subnet_id: subnetId.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/') }] },
        },
      });
      const subnets = [...t.entities.values()].filter((e): e is Subnet => e.kind === 'subnet');
      expect(subnets).toHaveLength(1);
      expect(subnets[0].occupants).toEqual(['azurerm_network_interface.a', 'azurerm_network_interface.b']);
      expect(t.subnets).toEqual([]);
    });

    test('GIVEN a literal that is not a resource ID in an *_id attribute WHEN adapted THEN the reference is unknown and says why', () => {
      const t = resources({ azurerm_virtual_network_gateway_connection: { c: { type: 'IPsec', virtual_network_gateway_id: 'my-gateway' } } });
      expect(unknownOf(entity(t, 'azurerm_virtual_network_gateway_connection.c', 'connection').gateway).reason).toContain('is neither a reference nor an Azure resource ID');
    });

    test('GIVEN a literal local network gateway and VNet ID WHEN adapted THEN they are external entities of those kinds', () => {
      const t = resources({
        azurerm_virtual_network_gateway_connection: {
          c: { type: 'IPsec', virtual_network_gateway_id: '${azurerm_virtual_network_gateway.missing.id}', local_network_gateway_id: '/subscriptions/1/resourceGroups/r/providers/Microsoft.Network/localNetworkGateways/site-a' },
        },
        azurerm_virtual_network_peering: {
          p: { name: 'p', resource_group_name: 'r', virtual_network_name: 'nowhere', remote_virtual_network_id: '/subscriptions/1/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/remote' },
        },
      });
      const c = entity(t, 'azurerm_virtual_network_gateway_connection.c', 'connection');
      expect(entity(t, c.localGateway as string, 'localGateway')).toMatchObject({ name: 'site-a', external: true });
      expect(unknownOf(c.gateway).reason).toBe('azurerm_virtual_network_gateway.missing is not declared in this configuration');
      const p = entity(t, 'azurerm_virtual_network_peering.p', 'peering');
      expect(entity(t, p.remoteVirtualNetwork as string, 'virtualNetwork').name).toBe('remote');
      expect(unknownOf(p.virtualNetwork).reason).toContain('names no azurerm_virtual_network in this configuration');
    });
  });

  describe('ExpressRoute connections', () => {
    test('GIVEN express_route_circuit_id as a reference and as a literal ID WHEN adapted THEN expressRouteCircuit names the circuit entity; unset stays undefined', () => {
      const t = resources({
        azurerm_express_route_circuit: { c: { name: 'erc', ...RG } },
        azurerm_virtual_network_gateway_connection: {
          byRef: { type: 'ExpressRoute', express_route_circuit_id: '${azurerm_express_route_circuit.c.id}' },
          byId: { type: 'ExpressRoute', express_route_circuit_id: '/subscriptions/1/resourceGroups/r/providers/Microsoft.Network/expressRouteCircuits/erc2' },
          none: { type: 'ExpressRoute' },
        },
      });
      const conn = (name: string) => entity(t, `azurerm_virtual_network_gateway_connection.${name}`, 'connection');
      expect(conn('byRef').expressRouteCircuit).toBe('azurerm_express_route_circuit.c');
      const external = entity(t, conn('byId').expressRouteCircuit as string, 'other');
      expect(external).toMatchObject({ external: true, name: 'erc2', type: 'Microsoft.Network/expressRouteCircuits' });
      expect(conn('none').expressRouteCircuit).toBeUndefined();
    });
  });

  describe('data sources', () => {
    test('GIVEN subnet_id = "${data.azurerm_subnet.gw.id}" WHEN adapted THEN the subnet is an external entity named by the data block\'s name argument', () => {
      const t = adapt({
        data: {
          azurerm_subnet: { gw: { name: 'GatewaySubnet', virtual_network_name: 'hub', resource_group_name: 'rg-net' } },
          azurerm_virtual_network: { hub: { name: 'hub', resource_group_name: 'rg-net' } },
          azurerm_virtual_network_gateway: { unused: { name: 'x', resource_group_name: 'y' } },
        },
        resource: {
          azurerm_virtual_network_gateway: { gw: { name: 'gw', ...RG, type: 'Vpn', sku: 'VpnGw1', ip_configuration: [{ subnet_id: '${data.azurerm_subnet.gw.id}' }] } },
        },
      });
      const subnet = entity(t, 'data.azurerm_subnet.gw', 'subnet');
      expect(subnet).toMatchObject({ external: true, name: 'GatewaySubnet', resourceGroupName: 'rg-net', virtualNetwork: 'data.azurerm_virtual_network.hub' });
      const prefixes = unknownOf(subnet.addressPrefixes.unknown);
      expect(prefixes.reason).toBe('data.azurerm_subnet.gw is a data source, read at plan');
      expect(prefixes.expression).toBe('${data.azurerm_subnet.gw.address_prefixes}');
      expect(entity(t, 'data.azurerm_virtual_network.hub', 'virtualNetwork').subnets).toEqual(['data.azurerm_subnet.gw']);
      expect(new TopologyLookup(t).gatewaySubnet(entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway'))).toBe(subnet);
      expect(t.entities.has('data.azurerm_virtual_network_gateway.unused')).toBe(false);
      expect(entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway').dependsOn).toEqual(['data.azurerm_subnet.gw']);
    });

    test('GIVEN a shared_key from a Key Vault secret data source WHEN adapted THEN it is unknown with that expression', () => {
      const t = adapt({
        data: { azurerm_key_vault_secret: { psk: { name: 'psk', key_vault_id: '/subscriptions/1/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv' } } },
        resource: { azurerm_virtual_network_gateway_connection: { c: { type: 'IPsec', shared_key: '${data.azurerm_key_vault_secret.psk.value}' } } },
      });
      const key = unknownOf(entity(t, 'azurerm_virtual_network_gateway_connection.c', 'connection').sharedKey);
      expect(key).toMatchObject({ reason: 'data.azurerm_key_vault_secret.psk is a data source, read at plan', expression: '${data.azurerm_key_vault_secret.psk.value}' });
    });

    test('GIVEN a shared_key from a random_password WHEN adapted THEN the key is unknown and the password\'s arguments are kept', () => {
      const t = resources({
        random_password: { psk: { length: 64, special: 'false' } },
        azurerm_virtual_network_gateway_connection: {
          c: { type: 'IPsec', shared_key: '${random_password.psk.result}' },
          d: { type: 'IPsec', shared_key: '${random_password.psk.id}' },
        },
      });
      const c = entity(t, 'azurerm_virtual_network_gateway_connection.c', 'connection');
      expect(isUnknown(c.sharedKey)).toBe(true);
      expect(c.sharedKeyGenerator).toEqual({ address: 'random_password.psk', length: 64, special: false, overrideSpecial: undefined });
      expect(entity(t, 'azurerm_virtual_network_gateway_connection.d', 'connection').sharedKeyGenerator).toBeUndefined();
    });

    test('GIVEN a subnet whose virtual_network_name reads a data VNet\'s name WHEN adapted THEN the subnet belongs to the data VNet', () => {
      const t = adapt({
        data: { azurerm_virtual_network: { existing: { name: 'vnet-shared', resource_group_name: 'rg-shared' } } },
        resource: { azurerm_subnet: { gw: { name: 'GatewaySubnet', resource_group_name: 'rg-shared', virtual_network_name: '${data.azurerm_virtual_network.existing.name}', address_prefixes: ['10.9.255.0/27'] } } },
      });
      expect(entity(t, 'azurerm_subnet.gw', 'subnet').virtualNetwork).toBe('data.azurerm_virtual_network.existing');
      const vnet = entity(t, 'data.azurerm_virtual_network.existing', 'virtualNetwork');
      expect(vnet).toMatchObject({ name: 'vnet-shared', external: true, subnets: ['azurerm_subnet.gw'] });
      expect(isUnknown(vnet.addressSpace.unknown)).toBe(true);
    });
  });

  describe('values Terraform knows only at plan or apply', () => {
    const t = adapt({
      variable: { psk: { type: 'string' } },
      locals: { sku: 'VpnGw2' },
      resource: {
        azurerm_public_ip: {
          pip: { name: 'pip', ...RG, allocation_method: 'Static', sku: '${local.sku_name}', zones: '${var.zones}' },
          computed_name: { name: '${azurerm_public_ip.pip.ip_address}', ...RG, allocation_method: 'Static' },
        },
        azurerm_virtual_network_gateway: {
          gw: {
            name: 'gw-${var.env}',
            location: '${module.network.location}',
            resource_group_name: '${keys({ a = "RG" })[0]}',
            type: 'Vpn',
            sku: '${var.sku}',
            active_active: '${var.env == "prod" ? true : false}',
            generation: '$${literally}',
            vpn_type: 'Route%{ if true }Based%{ endif }',
            ip_configuration: [],
          },
        },
        azurerm_local_network_gateway: {
          site: { name: 'site', ...RG, gateway_address: '${azurerm_public_ip.pip.ip_address}', address_space: ['10.1.0.0/16', '${var.extra_prefix}'] },
        },
        azurerm_virtual_network_gateway_connection: {
          a: { type: 'Vnet2Vnet', shared_key: '${var.psk}' },
          b: { type: 'Vnet2Vnet', shared_key: '${var.psk}' },
          c: { type: 'IPsec', shared_key: 'abc-${var.psk}' },
          d: { type: 'IPsec', shared_key: 'LiteralKey123' },
          e: { type: 'IPsec' },
        },
      },
    });
    const gw = () => entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway');

    test('GIVEN a variable, a local, a module output and a function azvpn does not evaluate WHEN adapted THEN each is unknown with a reason in the user\'s terms and the expression', () => {
      expect(unknownOf(gw().sku)).toMatchObject({ reason: 'var.sku is a variable', expression: '${var.sku}' });
      expect(unknownOf(entity(t, 'azurerm_public_ip.pip', 'publicIp').sku)).toMatchObject({ reason: 'local.sku_name is a local value not declared in this configuration', expression: '${local.sku_name}' });
      expect(unknownOf(gw().location)).toMatchObject({ reason: 'module.network.location is a module output' });
      expect(unknownOf(gw().resourceGroupName)).toMatchObject({ reason: 'keys() is a function call', expression: '${keys({ a = "RG" })[0]}' });
      expect(unknownOf(gw().activeActive)).toMatchObject({ reason: 'var.env is a variable', expression: '${var.env == "prod" ? true : false}' });
    });

    test('GIVEN a template mixing text and a variable WHEN adapted THEN it is unknown, naming the variable and keeping the whole string as expression', () => {
      expect(unknownOf(gw().name)).toMatchObject({ reason: 'var.env is a variable (in a string template)', expression: 'gw-${var.env}' });
    });

    test('GIVEN an escaped $${ and a template directive WHEN adapted THEN the escape is a literal and the directive is unknown', () => {
      expect(gw().generation).toBe('${literally}');
      expect(unknownOf(gw().vpnType).reason).toContain('template directive');
    });

    test('GIVEN a computed attribute that is not configured WHEN adapted THEN it is unknown with the interpolation as expression', () => {
      expect(unknownOf(entity(t, 'azurerm_local_network_gateway.site', 'localGateway').gatewayAddress)).toMatchObject({
        reason: 'azurerm_public_ip.pip.ip_address is computed at apply',
        expression: '${azurerm_public_ip.pip.ip_address}',
      });
    });

    test('GIVEN a list that is a variable, and a list with one variable item WHEN adapted THEN the first is wholly unknown and the second keeps its known item', () => {
      const zones = entity(t, 'azurerm_public_ip.pip', 'publicIp').zones;
      expect(zones.items).toEqual([]);
      expect(unknownOf(zones.unknown).expression).toBe('${var.zones}');
      const space = entity(t, 'azurerm_local_network_gateway.site', 'localGateway').addressSpace;
      expect(space.items).toEqual(['10.1.0.0/16']);
      expect(unknownOf(space.unknown).reason).toBe('var.extra_prefix is a variable');
    });

    test('GIVEN shared keys as variable, template, literal and absent WHEN adapted THEN they are unknown (same expression = same value), unknown without the partial secret, literal, undefined', () => {
      const key = (name: string) => entity(t, `azurerm_virtual_network_gateway_connection.${name}`, 'connection').sharedKey;
      expect(sameValue(key('a'), key('b'))).toBe(true);
      const templated = unknownOf(key('c'));
      expect(templated.expression).toBeUndefined();
      expect(templated.reason).not.toContain('abc');
      expect(key('d')).toBe('LiteralKey123');
      expect(key('e')).toBeUndefined();
    });

    test('GIVEN a template whose parts all resolve WHEN adapted THEN it is a known string', () => {
      const t2 = resources({
        azurerm_resource_group: { rg: { name: 'rg-prod', location: 'westeurope' } },
        azurerm_public_ip: { pip: { name: 'pip-${azurerm_resource_group.rg.name}-${1}', location: '${azurerm_resource_group.rg.location}', resource_group_name: 'x', allocation_method: 'Static' } },
      });
      expect(entity(t2, 'azurerm_public_ip.pip', 'publicIp')).toMatchObject({ name: 'pip-rg-prod-1', location: 'westeurope' });
    });

    test('GIVEN references that form a cycle WHEN adapted THEN the values are unknown and the adapter terminates', () => {
      const t2 = resources({
        azurerm_public_ip: {
          a: { name: '${azurerm_public_ip.b.name}', ...RG, allocation_method: 'Static' },
          b: { name: '${azurerm_public_ip.a.name}', ...RG, allocation_method: 'Static' },
          self: { name: '${azurerm_public_ip.self.name}', ...RG, allocation_method: 'Static' },
        },
      });
      expect(unknownOf(entity(t2, 'azurerm_public_ip.a', 'publicIp').name).reason).toContain('refers back to itself');
      expect(unknownOf(entity(t2, 'azurerm_public_ip.self', 'publicIp').name).reason).toContain('refers back to itself');
    });

    test('GIVEN a chain of name references WHEN adapted THEN the value at its end is found', () => {
      const t2 = resources({
        azurerm_public_ip: {
          a: { name: '${azurerm_public_ip.b.name}', ...RG, allocation_method: 'Static' },
          b: { name: '${azurerm_public_ip.c.name}', ...RG, allocation_method: 'Static' },
          c: { name: 'pip-c', ...RG, allocation_method: 'Static' },
        },
      });
      expect(entity(t2, 'azurerm_public_ip.a', 'publicIp').name).toBe('pip-c');
    });
  });

  describe('count, for_each and dynamic blocks', () => {
    const t = resources({
      azurerm_public_ip: {
        pip: { count: 2, name: 'pip-${count.index}', ...RG, allocation_method: 'Static', sku: 'Standard' },
      },
      azurerm_subnet: {
        many: { for_each: '${var.subnets}', name: '${each.key}', resource_group_name: 'rg', virtual_network_name: 'hub', address_prefixes: ['${each.value}'] },
      },
      azurerm_virtual_network_gateway: {
        gw: {
          name: 'gw',
          ...RG,
          type: 'Vpn',
          sku: 'VpnGw1',
          dynamic: { ip_configuration: { for_each: '${var.configs}', content: { subnet_id: '${ip_configuration.value.subnet}' } } },
          vpn_client_configuration: {
            address_space: ['172.16.0.0/24'],
            dynamic: { root_certificate: { for_each: '${var.roots}', content: { name: '${root_certificate.key}' } } },
          },
          bgp_settings: '${var.bgp}',
        },
        indexed: { name: 'gw2', ...RG, type: 'Vpn', sku: 'VpnGw1', ip_configuration: [{ public_ip_address_id: '${azurerm_public_ip.pip[0].id}', subnet_id: '${azurerm_subnet.many["a"].id}' }] },
      },
      azurerm_route_table: {
        rt: { name: 'rt', ...RG, route: [{ name: 'r1', address_prefix: '10.0.0.0/8', next_hop_type: 'None' }], dynamic: [{ route: { for_each: '${var.routes}', content: {} } }] },
      },
    });

    test('GIVEN a resource with a literal count WHEN adapted THEN it becomes its instances, each with its count.index', () => {
      expect(entity(t, 'azurerm_public_ip.pip[0]', 'publicIp')).toMatchObject({ name: 'pip-0', sku: 'Standard' });
      expect(entity(t, 'azurerm_public_ip.pip[1]', 'publicIp')).toMatchObject({ name: 'pip-1', sku: 'Standard' });
      expect(t.entities.has('azurerm_public_ip.pip')).toBe(false);
    });

    test('GIVEN a resource with for_each WHEN values use each.key/each.value THEN they are unknown', () => {
      const s = entity(t, 'azurerm_subnet.many', 'subnet');
      expect(unknownOf(s.name).reason).toBe('each.key differs per instance of a resource with for_each');
      expect(unknownOf(s.addressPrefixes.unknown).reason).toBe('each.value differs per instance of a resource with for_each');
    });

    test('GIVEN references to one instance of a counted resource and of one whose for_each is unknown WHEN adapted THEN they name the instance, and the one entity', () => {
      const g = entity(t, 'azurerm_virtual_network_gateway.indexed', 'gateway');
      expect(g.ipConfigurations).toEqual([{ name: undefined, subnet: 'azurerm_subnet.many', publicIp: 'azurerm_public_ip.pip[0]', privateIpAddressAllocation: undefined }]);
    });

    test('GIVEN a dynamic "ip_configuration" block WHEN adapted THEN ipConfigurations is unknown and the block is listed as unknown', () => {
      const g = entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway');
      expect(unknownOf(g.ipConfigurations).reason).toMatch(/^ip_configuration is built by a dynamic block over a collection Terraform evaluates /);
      expect(Object.keys(g.unknownBlocks ?? {}).sort()).toEqual(['bgp_settings', 'ip_configuration', 'vpn_client_configuration.root_certificate']);
    });

    test('GIVEN a dynamic block inside a nested block and a block given by a variable WHEN adapted THEN the written parts are kept and the rest is unknown', () => {
      const g = entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway');
      expect(g.p2s?.addressSpace).toEqual({ items: ['172.16.0.0/24'] });
      expect(g.p2s?.rootCertificates).toEqual([]);
      expect(unknownOf(g.bgpSettings?.asn).expression).toBe('${var.bgp}');
    });

    test('GIVEN a route table with written routes and a dynamic route block WHEN adapted THEN routes keep the written one and routesUnknown is set', () => {
      const rt = entity(t, 'azurerm_route_table.rt', 'routeTable') as RouteTable;
      expect(rt.routes).toEqual([{ name: 'r1', addressPrefix: '10.0.0.0/8', nextHopType: 'None' }]);
      expect(unknownOf(rt.routesUnknown).reason).toMatch(/^route is built by a dynamic block /);
    });
  });

  describe('malformed bodies are tolerated', () => {
    test('GIVEN wrongly typed attributes WHEN adapted THEN they become unknown with a reason, never an exception', () => {
      const t = resources({
        azurerm_virtual_network_gateway: {
          gw: { name: ['a'], sku: 42, active_active: 'maybe', ip_configuration: 'nope', bgp_settings: { asn: 'sixty-five' } },
        },
        azurerm_public_ip: { pip: { zones: 'one', allocation_method: { x: 1 } } },
        azurerm_local_network_gateway: { site: { address_space: [null, '10.0.0.0/8', 7] } },
      });
      const g = entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway');
      expect(unknownOf(g.name).reason).toBe('name holds a list or block where a single value is expected');
      expect(g.sku).toBe('42');
      expect(unknownOf(g.activeActive).reason).toBe('active_active = "maybe" is not true or false');
      expect(unknownOf(g.ipConfigurations).reason).toBe('ip_configuration is not a block');
      expect(unknownOf(g.bgpSettings?.asn).reason).toBe('bgp_settings.asn = "sixty-five" is not a number');
      const pip = entity(t, 'azurerm_public_ip.pip', 'publicIp');
      expect(unknownOf(pip.zones.unknown).reason).toBe('zones is not a list');
      expect(isUnknown(pip.allocationMethod)).toBe(true);
      expect(entity(t, 'azurerm_local_network_gateway.site', 'localGateway').addressSpace).toEqual({ items: ['10.0.0.0/8', '7'] });
    });

    test('GIVEN a body that is not an object, and references to attributes that walk off the configuration WHEN adapted THEN it is skipped or unknown', () => {
      const t = resources({
        azurerm_public_ip: { broken: 'nope', ok: { name: '${azurerm_public_ip.broken.name}', sku: '${azurerm_public_ip.ok.name.x}', zones: ['${azurerm_public_ip.ok.constructor}'] } },
      });
      expect(t.entities.has('azurerm_public_ip.broken')).toBe(false);
      const ok = entity(t, 'azurerm_public_ip.ok', 'publicIp');
      expect(unknownOf(ok.name).reason).toBe('azurerm_public_ip.broken is not declared in this configuration');
      expect(isUnknown(ok.sku)).toBe(true);
      expect(unknownOf(ok.zones.unknown).reason).toBe('azurerm_public_ip.ok.constructor is computed at apply');
    });

    test('GIVEN an unterminated interpolation WHEN adapted THEN the value is unknown', () => {
      const t = resources({ azurerm_public_ip: { p: { sku: '${var.x' } } });
      expect(unknownOf(entity(t, 'azurerm_public_ip.p', 'publicIp').sku).reason).toContain('never closes');
    });
  });

  describe('files and unusable input', () => {
    test('GIVEN a configuration split across two files WHEN adapted together THEN references across files resolve', () => {
      const t = topologyFromTerraformJson([
        { file: 'network.tf.json', content: fixture('split/network.tf.json') },
        { file: 'vpn.tf.json', content: fixture('split/vpn.tf.json') },
      ]);
      const g = entity(t, 'azurerm_virtual_network_gateway.gw', 'gateway');
      const lookup = new TopologyLookup(t);
      expect(lookup.gatewaySubnet(g)?.name).toBe('GatewaySubnet');
      expect(lookup.gatewayVnet(g)?.address).toBe('azurerm_virtual_network.hub');
      expect(entity(t, 'azurerm_public_ip.gw', 'publicIp').allocationMethod).toBe('Static');
    });

    test('GIVEN an empty object or only non-resource Terraform keys WHEN adapted THEN the topology is empty', () => {
      for (const content of [{}, { variable: { x: {} } }, { '//': { metadata: {} } }, { resource: {} }, { resource: [] }]) {
        const t = adapt(content);
        expect(t.entities.size).toBe(0);
      }
    });

    test.each([
      ['an array', [1, 2]],
      ['a string', 'resource'],
      ['null', null],
      ['a number', 3],
    ])('GIVEN a top level that is %s WHEN adapted THEN UnusableInputError names the file', (_what, content) => {
      expect(() => adapt(content, 'weird.tf.json')).toThrow(UnusableInputError);
      try {
        adapt(content, 'weird.tf.json');
      } catch (e) {
        expect((e as UnusableInputError).file).toBe('weird.tf.json');
        expect((e as Error).message).toMatch(/^weird\.tf\.json: not a Terraform JSON configuration/);
      }
    });

    test('GIVEN a JSON file with none of the Terraform top-level keys WHEN adapted THEN UnusableInputError says so', () => {
      expect(() => adapt(fixture('not-terraform.json'), 'package.json')).toThrow(/package\.json: .*none of the top-level keys.*"name"/);
    });

    test.each([
      ['a string', 'x'],
      ['an array of strings', ['x']],
      ['null', null],
    ])('GIVEN "resource" or "data" that is %s WHEN adapted THEN UnusableInputError', (_what, value) => {
      expect(() => adapt({ resource: value })).toThrow(UnusableInputError);
      expect(() => adapt({ data: value })).toThrow(UnusableInputError);
    });

    test('GIVEN one good file and one unusable file WHEN adapted THEN the error names the unusable file', () => {
      expect(() =>
        topologyFromTerraformJson([
          { file: 'good.tf.json', content: { resource: {} } },
          { file: 'bad.tf.json', content: [] },
        ]),
      ).toThrow(/^bad\.tf\.json: /);
    });

    test('GIVEN the same address in two files WHEN adapted THEN the first declaration is kept', () => {
      const t = topologyFromTerraformJson([
        { file: 'a.tf.json', content: { resource: { azurerm_public_ip: { p: { name: 'first' } } } } },
        { file: 'b.tf.json', content: { resource: { azurerm_public_ip: { p: { name: 'second' } } } } },
      ]);
      expect(t.entities.get('azurerm_public_ip.p')?.name).toBe('first');
    });
  });

  // How long this takes is bench/'s to measure (a timed unit test fails on a loaded machine).
  describe('scale', () => {
    test('GIVEN 10,000 resources with references between them WHEN adapted THEN every entity and link is there', () => {
      const resource: Record<string, Record<string, unknown>> = {
        azurerm_virtual_network: {},
        azurerm_subnet: {},
        azurerm_network_interface: {},
        azurerm_virtual_network_peering: {},
      };
      const n = 2500;
      for (let i = 0; i < n; i++) {
        resource.azurerm_virtual_network[`v${i}`] = { name: `vnet-${i}`, ...RG, address_space: [`10.${i % 256}.0.0/16`] };
        resource.azurerm_subnet[`s${i}`] = { name: `snet-${i}`, resource_group_name: 'rg', virtual_network_name: `vnet-${i}`, address_prefixes: [`10.${i % 256}.1.0/24`] };
        resource.azurerm_network_interface[`n${i}`] = { name: `nic-${i}`, ...RG, ip_configuration: [{ name: 'ip', subnet_id: `\${azurerm_subnet.s${i}.id}` }] };
        resource.azurerm_virtual_network_peering[`p${i}`] = {
          name: `p-${i}`,
          resource_group_name: 'rg',
          virtual_network_name: `\${azurerm_virtual_network.v${i}.name}`,
          remote_virtual_network_id: `\${azurerm_virtual_network.v${(i + 1) % n}.id}`,
        };
      }
      const content = { resource };
      const t = adapt(content);
      expect(t.entities.size).toBe(4 * n);
      expect((t.entities.get('azurerm_subnet.s7') as Subnet).occupants).toEqual(['azurerm_network_interface.n7']);
      expect((t.entities.get('azurerm_virtual_network_peering.p7') as Peering).virtualNetwork).toBe('azurerm_virtual_network.v7');
    });
  });
});
