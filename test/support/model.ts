/**
 * Factories for plain topology models, for unit tests of the pure rules. Each factory returns a
 * valid entity by default; a test overrides the one field it is about.
 *
 *   const t = topology(vnet('azurerm_virtual_network.hub'), gatewaySubnet(...), ...);
 *   expect(ruleIds(check(t, rule))).toContain('gw.pip.standard');
 */
import { RULES } from '../../lib/rules/catalogue';
import { checkTopology } from '../../lib/rules/engine';
import { Finding, Rule, Severity } from '../../lib/rules/rule';
import {
  Connection,
  Entity,
  LocalNetworkGateway,
  NatRule,
  NetworkSecurityGroup,
  Peering,
  PublicIp,
  RouteTable,
  Subnet,
  Topology,
  VirtualNetwork,
  VirtualNetworkGateway,
} from '../../lib/model/topology';
import { addEntity, emptyTopology } from '../../lib/model/topology';
import { knownList, MaybeList, Unknown } from '../../lib/model/unknown';

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

export function topology(...entities: Entity[]): Topology {
  const t = emptyTopology();
  for (const e of entities) {
    if (!addEntity(t, e)) throw new Error(`duplicate address ${e.address} in test topology`);
  }
  return t;
}

/** The catalogue rule with this id; fails the test when there is none. */
export function rule(id: string): Rule {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** Runs rules (all by default) and returns the findings. */
export function check(t: Topology, ...rules: Rule[]): Finding[] {
  return checkTopology(t, rules.length > 0 ? { rules } : {});
}

export function ids(findings: Finding[], severity?: Severity): string[] {
  return findings.filter((f) => severity === undefined || f.severity === severity).map((f) => f.rule);
}

export function errorsOf(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === Severity.ERROR);
}

export function list<T>(...items: T[]): MaybeList<T> {
  return knownList(items);
}

export function unknown(reason = 'var.x is a variable', expression = '${var.x}'): Unknown {
  return new Unknown(reason, expression);
}

const base = (kind: Entity['kind'], type: string, address: string) => ({
  kind,
  type,
  address,
  name: address.split('.').pop(),
  location: 'westeurope',
  resourceGroupName: 'rg',
  dependsOn: [] as string[],
});

export function vnet(address: string, o: Mutable<VirtualNetwork> = {}): VirtualNetwork {
  return { ...base('virtualNetwork', 'azurerm_virtual_network', address), addressSpace: list('10.0.0.0/16'), subnets: [], ...o } as VirtualNetwork;
}

export function subnet(address: string, o: Mutable<Subnet> = {}): Subnet {
  return { ...base('subnet', 'azurerm_subnet', address), virtualNetwork: 'azurerm_virtual_network.hub', addressPrefixes: list('10.0.1.0/24'), occupants: [], ...o } as Subnet;
}

/** A /27 subnet named GatewaySubnet in `azurerm_virtual_network.hub`. */
export function gatewaySubnet(address = 'azurerm_subnet.gateway', o: Mutable<Subnet> = {}): Subnet {
  return subnet(address, { name: 'GatewaySubnet', addressPrefixes: list('10.0.255.0/27'), ...o });
}

/** Standard, Static, zone-redundant. */
export function publicIp(address: string, o: Mutable<PublicIp> = {}): PublicIp {
  return { ...base('publicIp', 'azurerm_public_ip', address), sku: 'Standard', allocationMethod: 'Static', zones: list('1', '2', '3'), ipVersion: undefined, ...o } as PublicIp;
}

/** An active-standby VpnGw1AZ RouteBased gateway in `azurerm_subnet.gateway` with `azurerm_public_ip.gw1`. */
export function gateway(address = 'azurerm_virtual_network_gateway.gw', o: Mutable<VirtualNetworkGateway> = {}): VirtualNetworkGateway {
  return {
    ...base('gateway', 'azurerm_virtual_network_gateway', address),
    gatewayType: 'Vpn',
    vpnType: 'RouteBased',
    sku: 'VpnGw1AZ',
    generation: 'Generation1',
    activeActive: false,
    bgpEnabled: false,
    privateIpAddressEnabled: undefined,
    ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.gateway', publicIp: 'azurerm_public_ip.gw1', privateIpAddressAllocation: 'Dynamic' }],
    ...o,
  } as VirtualNetworkGateway;
}

export function localGateway(address: string, o: Mutable<LocalNetworkGateway> = {}): LocalNetworkGateway {
  return { ...base('localGateway', 'azurerm_local_network_gateway', address), gatewayAddress: '203.0.113.10', gatewayFqdn: undefined, addressSpace: list('192.168.0.0/24'), ...o } as LocalNetworkGateway;
}

/** An IPsec connection from `azurerm_virtual_network_gateway.gw` to the given local gateway. */
export function connection(address: string, o: Mutable<Connection> = {}): Connection {
  return {
    ...base('connection', 'azurerm_virtual_network_gateway_connection', address),
    connectionType: 'IPsec',
    gateway: 'azurerm_virtual_network_gateway.gw',
    localGateway: 'azurerm_local_network_gateway.site',
    peerGateway: undefined,
    sharedKey: new Unknown('random_password.psk.result is computed at apply', '${random_password.psk.result}'),
    bgpEnabled: false,
    usePolicyBasedTrafficSelectors: undefined,
    connectionProtocol: undefined,
    connectionMode: undefined,
    dpdTimeoutSeconds: undefined,
    routingWeight: undefined,
    localAzureIpAddressEnabled: undefined,
    trafficSelectorPolicies: [],
    ingressNatRules: list(),
    egressNatRules: list(),
    ...o,
  } as Connection;
}

export function natRule(address: string, o: Mutable<NatRule> = {}): NatRule {
  return {
    ...base('natRule', 'azurerm_virtual_network_gateway_nat_rule', address),
    gateway: 'azurerm_virtual_network_gateway.gw',
    mode: 'EgressSnat',
    natType: 'Static',
    ipConfigurationId: undefined,
    internalMappings: [{ addressSpace: '10.0.0.0/24', portRange: undefined }],
    externalMappings: [{ addressSpace: '100.64.0.0/24', portRange: undefined }],
    ...o,
  } as NatRule;
}

export function peering(address: string, o: Mutable<Peering> = {}): Peering {
  return {
    ...base('peering', 'azurerm_virtual_network_peering', address),
    virtualNetwork: 'azurerm_virtual_network.hub',
    remoteVirtualNetwork: 'azurerm_virtual_network.spoke',
    allowGatewayTransit: undefined,
    useRemoteGateways: undefined,
    allowForwardedTraffic: undefined,
    allowVirtualNetworkAccess: undefined,
    ...o,
  } as Peering;
}

export function routeTable(address: string, o: Mutable<RouteTable> = {}): RouteTable {
  return { ...base('routeTable', 'azurerm_route_table', address), routes: [], bgpRoutePropagationEnabled: undefined, ...o } as RouteTable;
}

export function nsg(address: string): NetworkSecurityGroup {
  return { ...base('networkSecurityGroup', 'azurerm_network_security_group', address) } as NetworkSecurityGroup;
}

/**
 * A complete, valid minimal topology: hub VNet, GatewaySubnet, one Standard/Static/zonal public
 * IP, an active-standby VpnGw1AZ gateway, one static site and its connection. Rule tests start
 * from it and replace one entity.
 */
export function minimalHub(replace: Entity[] = []): Topology {
  const defaults: Entity[] = [
    vnet('azurerm_virtual_network.hub', { subnets: ['azurerm_subnet.gateway'] }),
    gatewaySubnet(),
    publicIp('azurerm_public_ip.gw1'),
    gateway(),
    localGateway('azurerm_local_network_gateway.site'),
    connection('azurerm_virtual_network_gateway_connection.site'),
  ];
  const byAddress = new Map(defaults.map((e) => [e.address, e]));
  for (const e of replace) byAddress.set(e.address, e);
  return topology(...byAddress.values());
}
