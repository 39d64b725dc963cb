import { isApipa, parseAddress, parsePrefix } from '../private/cidr';
import {
  BgpPeeringAddress,
  Connection,
  Entity,
  GatewayBgpSettings,
  GatewayIpConfiguration,
  IpsecPolicy,
  LocalNetworkGateway,
  NatMapping,
  NatRule,
  P2SConfiguration,
  PublicIp,
  Route,
  RouteTable,
  TrafficSelectorPolicy,
  VirtualNetworkGateway,
} from '../model/topology';
import { isKnown, Maybe, MaybeList, Unknown } from '../model/unknown';
import { ignoredAttributes } from './lifecycle';
import { BlockReader } from './reader';
import { Resolver } from './values';

/**
 * The per-type readers: one Terraform resource body in, one model entity out. They keep no
 * cross-entity state; links between entities are the builder's business.
 */

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What every entity has, as the builder reads it from the block and its address. */
export type Base = Pick<Entity, 'address' | 'type' | 'name' | 'location' | 'resourceGroupName' | 'dependsOn'> & {
  path?: string;
  external?: boolean;
  unknownBlocks?: Record<string, Unknown>;
};

export function publicIp(r: BlockReader, base: Base): PublicIp {
  const ip: Mutable<PublicIp> = {
    ...base,
    kind: 'publicIp',
    sku: r.text('sku'),
    allocationMethod: r.text('allocation_method'),
    zones: r.list('zones') ?? { items: [] },
    ipVersion: r.text('ip_version'),
  };
  const tier = r.text('sku_tier');
  if (tier !== undefined) ip.skuTier = tier;
  // Computed by Azure: present in a state or plan (`terraform show -json`), never in a configuration.
  const address = r.text('ip_address');
  if (address !== undefined) ip.ipAddress = address;
  return ip;
}

export function gateway(r: BlockReader, base: Base): VirtualNetworkGateway {
  const configurations = r.blocks('ip_configuration');
  const ipConfigurations: Maybe<GatewayIpConfiguration[]> =
    configurations.unknown ??
    configurations.readers.map((c) => ({
      name: c.text('name'),
      subnet: c.ref('subnet_id'),
      publicIp: c.ref('public_ip_address_id'),
      privateIpAddressAllocation: c.text('private_ip_address_allocation'),
    }));
  const g: Mutable<VirtualNetworkGateway> = {
    ...base,
    kind: 'gateway',
    gatewayType: r.text('type'),
    vpnType: r.text('vpn_type'),
    sku: r.text('sku'),
    generation: r.text('generation'),
    activeActive: r.bool('active_active'),
    bgpEnabled: r.has('bgp_enabled') ? r.bool('bgp_enabled') : r.bool('enable_bgp'),
    privateIpAddressEnabled: r.bool('private_ip_address_enabled'),
    ipConfigurations,
  };
  const ignored = ignoredAttributes(r.body);
  if (ignored === 'all' || ignored.has('generation')) g.generationChangesIgnored = true;
  const bgp = r.block('bgp_settings');
  if (bgp !== undefined) g.bgpSettings = gatewayBgpSettings(bgp);
  const p2s = r.block('vpn_client_configuration');
  if (p2s !== undefined) g.p2s = p2sConfiguration(p2s);
  const defaultSite = r.ref('default_local_network_gateway_id');
  if (defaultSite !== undefined) g.defaultLocalNetworkGateway = defaultSite;
  const natTranslation = r.bool('bgp_route_translation_for_nat_enabled');
  if (natTranslation !== undefined) g.bgpRouteTranslationForNatEnabled = natTranslation;
  const groups = r.blocks('policy_group').readers;
  if (groups.length > 0) {
    g.policyGroups = groups.map((pg) => ({
      name: pg.text('name'),
      isDefault: pg.bool('is_default'),
      priority: pg.num('priority'),
      members: pg.blocks('policy_member').readers.map((m) => ({ name: m.text('name'), type: m.text('type'), value: m.text('value') })),
    }));
  }
  const customRoute = r.block('custom_route');
  if (customRoute !== undefined) {
    g.customRoutes = customRoute instanceof Unknown ? { items: [], unknown: customRoute } : (customRoute.list('address_prefixes') ?? { items: [] });
  }
  return g;
}

function gatewayBgpSettings(bgp: BlockReader | Unknown): GatewayBgpSettings {
  if (bgp instanceof Unknown) return { asn: bgp, peerWeight: bgp, peeringAddresses: [] };
  const peeringAddresses: BgpPeeringAddress[] = bgp.blocks('peering_addresses').readers.map((p) => {
    const address: Mutable<BgpPeeringAddress> = { ipConfigurationName: p.text('ip_configuration_name'), apipaAddresses: p.list('apipa_addresses') ?? { items: [] } };
    // Computed by Azure: present in a state or plan, never in a configuration.
    const defaults = p.list('default_addresses');
    if (defaults !== undefined) address.defaultAddresses = defaults;
    const tunnels = p.list('tunnel_ip_addresses');
    if (tunnels !== undefined) address.tunnelIpAddresses = tunnels;
    return address;
  });
  if (peeringAddresses.length === 0 && !bgp.has('peering_addresses')) {
    // azurerm 3.x `peering_address`: one BGP address; only an APIPA one is a custom address.
    const legacy = bgp.text('peering_address');
    if (legacy !== undefined) {
      const p = isKnown(legacy) ? parseAddress(legacy) : undefined;
      const apipa: MaybeList<string> =
        legacy instanceof Unknown ? { items: [], unknown: legacy } : { items: p && isApipa(p) ? [legacy] : [] };
      peeringAddresses.push({ ipConfigurationName: undefined, apipaAddresses: apipa });
    }
  }
  return { asn: bgp.num('asn'), peerWeight: bgp.num('peer_weight'), peeringAddresses };
}

function p2sConfiguration(c: BlockReader | Unknown): P2SConfiguration {
  if (c instanceof Unknown) {
    return {
      addressSpace: { items: [], unknown: c },
      protocols: { items: [], unknown: c },
      authTypes: { items: [], unknown: c },
      rootCertificates: [],
      revokedCertificates: 0,
      aadTenant: c,
      aadAudience: c,
      aadIssuer: c,
      radiusServerAddress: c,
      radiusServerSecret: new Unknown(c.reason),
      radiusServers: [],
    };
  }
  const p2s: Mutable<P2SConfiguration> = {
    addressSpace: c.list('address_space') ?? { items: [] },
    protocols: c.list('vpn_client_protocols'),
    authTypes: c.list('vpn_auth_types'),
    rootCertificates: c.blocks('root_certificate').readers.map((rc) => ({ name: rc.text('name'), publicCertData: rc.text('public_cert_data') })),
    revokedCertificates: c.blocks('revoked_certificate').readers.length,
    aadTenant: c.text('aad_tenant'),
    aadAudience: c.text('aad_audience'),
    aadIssuer: c.text('aad_issuer'),
    radiusServerAddress: c.text('radius_server_address'),
    radiusServerSecret: c.secret('radius_server_secret'),
    radiusServers: c.blocks('radius_server').readers.map((s) => ({ address: s.text('address'), secret: s.secret('secret'), score: s.num('score') })),
  };
  const policy = c.block('ipsec_policy');
  if (policy !== undefined) p2s.ipsecPolicy = ipsecPolicy(policy);
  const clientConnections = c.blocks('virtual_network_gateway_client_connection').readers;
  if (clientConnections.length > 0) {
    p2s.clientConnections = clientConnections.map((cc) => ({
      name: cc.text('name'),
      policyGroupNames: cc.list('policy_group_names') ?? { items: [] },
      addressPrefixes: cc.list('address_prefixes') ?? { items: [] },
    }));
  }
  return p2s;
}

function ipsecPolicy(p: BlockReader | Unknown): IpsecPolicy {
  if (p instanceof Unknown) {
    return { dhGroup: p, ikeEncryption: p, ikeIntegrity: p, ipsecEncryption: p, ipsecIntegrity: p, pfsGroup: p, saLifetimeSeconds: p, saDataSizeKilobytes: p };
  }
  return {
    dhGroup: p.text('dh_group'),
    ikeEncryption: p.text('ike_encryption'),
    ikeIntegrity: p.text('ike_integrity'),
    ipsecEncryption: p.text('ipsec_encryption'),
    ipsecIntegrity: p.text('ipsec_integrity'),
    pfsGroup: p.text('pfs_group'),
    // Connection policies say `sa_lifetime`/`sa_datasize`; the P2S policy spells them out.
    saLifetimeSeconds: p.has('sa_lifetime') ? p.num('sa_lifetime') : p.num('sa_lifetime_in_seconds'),
    saDataSizeKilobytes: p.has('sa_datasize') ? p.num('sa_datasize') : p.num('sa_data_size_in_kilobytes'),
  };
}

export function localGateway(r: BlockReader, base: Base): LocalNetworkGateway {
  const lng: Mutable<LocalNetworkGateway> = {
    ...base,
    kind: 'localGateway',
    gatewayAddress: r.text('gateway_address'),
    gatewayFqdn: r.text('gateway_fqdn'),
    addressSpace: asSet(r.list('address_space') ?? { items: [] }),
  };
  const bgp = r.block('bgp_settings');
  if (bgp instanceof Unknown) lng.bgpSettings = { asn: bgp, peeringAddress: bgp, peerWeight: bgp };
  else if (bgp !== undefined) lng.bgpSettings = { asn: bgp.num('asn'), peeringAddress: bgp.text('bgp_peering_address'), peerWeight: bgp.num('peer_weight') };
  return lng;
}

/**
 * A list attribute that is a set in some provider versions (a local network gateway's
 * `address_space` in azurerm 5.x): Terraform may write it in any order, so the model holds each
 * entry once, in address order, and no rule or report sees the order it was written in.
 */
export function asSet(list: MaybeList<string>): MaybeList<string> {
  const items = [...new Set(list.items)].sort(compareAddressText);
  return list.unknown ? { items, unknown: list.unknown } : { items };
}

/** Prefixes by family, first address and length; text that is no prefix after them, by code point. */
function compareAddressText(a: string, b: string): number {
  const pa = parsePrefix(a);
  const pb = parsePrefix(b);
  if (pa && pb) return pa.version - pb.version || (pa.start < pb.start ? -1 : pa.start > pb.start ? 1 : 0) || pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
  if (pa || pb) return pa ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function connection(r: BlockReader, base: Base): Connection {
  const c: Mutable<Connection> = {
    ...base,
    kind: 'connection',
    connectionType: r.text('type'),
    gateway: r.ref('virtual_network_gateway_id'),
    localGateway: r.ref('local_network_gateway_id'),
    peerGateway: r.ref('peer_virtual_network_gateway_id'),
    sharedKey: r.secret('shared_key'),
    bgpEnabled: r.has('bgp_enabled') ? r.bool('bgp_enabled') : r.bool('enable_bgp'),
    usePolicyBasedTrafficSelectors: r.bool('use_policy_based_traffic_selectors'),
    connectionProtocol: r.text('connection_protocol'),
    connectionMode: r.text('connection_mode'),
    dpdTimeoutSeconds: r.num('dpd_timeout_seconds'),
    routingWeight: r.num('routing_weight'),
    localAzureIpAddressEnabled: r.bool('local_azure_ip_address_enabled'),
    trafficSelectorPolicies: r.blocks('traffic_selector_policy').readers.map(
      (p): TrafficSelectorPolicy => ({
        localAddressCidrs: p.list('local_address_cidrs') ?? { items: [] },
        remoteAddressCidrs: p.list('remote_address_cidrs') ?? { items: [] },
      }),
    ),
    ingressNatRules: r.refList('ingress_nat_rule_ids') ?? { items: [] },
    egressNatRules: r.refList('egress_nat_rule_ids') ?? { items: [] },
  };
  const circuit = r.ref('express_route_circuit_id');
  if (circuit !== undefined) c.expressRouteCircuit = circuit;
  const policy = r.block('ipsec_policy');
  if (policy !== undefined) c.ipsecPolicy = ipsecPolicy(policy);
  const custom = r.block('custom_bgp_addresses');
  if (custom instanceof Unknown) c.customBgpAddresses = { primary: custom, secondary: custom };
  else if (custom !== undefined) c.customBgpAddresses = { primary: custom.text('primary'), secondary: custom.text('secondary') };
  return c;
}

export function natRule(r: BlockReader, base: Base, resolver: Resolver): NatRule {
  const mappings = (name: string): NatMapping[] =>
    r.blocks(name).readers.map((m) => ({ addressSpace: m.text('address_space'), portRange: m.text('port_range') }));
  return {
    ...base,
    kind: 'natRule',
    gateway: r.ref('virtual_network_gateway_id'),
    mode: r.text('mode'),
    natType: r.text('type'),
    ipConfigurationId: ipConfigurationIdOf(r, resolver),
    internalMappings: mappings('internal_mapping'),
    externalMappings: mappings('external_mapping'),
  };
}

/**
 * `ip_configuration_id` as written: a literal ID, or the reference text
 * (`${azurerm_virtual_network_gateway.gw.ip_configuration[0].id}`) when it points into an ip
 * configuration of a gateway in the configuration: computed at apply, but it names one
 * configuration, so two rules can be told apart.
 */
function ipConfigurationIdOf(r: BlockReader, resolver: Resolver): Maybe<string> | undefined {
  const raw = r.raw('ip_configuration_id');
  const direct = resolver.directReference(raw, r.owner);
  const first = direct?.rest[0];
  if (typeof raw === 'string' && direct?.target.type === 'azurerm_virtual_network_gateway' && first !== undefined && 'name' in first && first.name === 'ip_configuration') {
    return raw.trim();
  }
  return r.text('ip_configuration_id');
}

export function routeTable(r: BlockReader, base: Base): RouteTable {
  const routes = r.blocks('route');
  const table: Mutable<RouteTable> = {
    ...base,
    kind: 'routeTable',
    routes: routes.readers.map(routeOf),
    bgpRoutePropagationEnabled: bgpRoutePropagationOf(r),
  };
  if (routes.unknown) table.routesUnknown = routes.unknown;
  return table;
}

function bgpRoutePropagationOf(r: BlockReader): Maybe<boolean> | undefined {
  if (r.has('bgp_route_propagation_enabled')) return r.bool('bgp_route_propagation_enabled');
  const disabled = r.bool('disable_bgp_route_propagation');
  return typeof disabled === 'boolean' ? !disabled : disabled;
}

export function routeOf(r: BlockReader): Route {
  return {
    name: r.text('name'),
    addressPrefix: r.text('address_prefix') ?? new Unknown('address_prefix is not set'),
    nextHopType: r.text('next_hop_type'),
  };
}

/** 4.x `address_prefixes`, or the 3.x single `address_prefix`. */
export function addressPrefixesOf(r: BlockReader): MaybeList<string> {
  const list = r.list('address_prefixes');
  if (list !== undefined) return list;
  const single = r.text('address_prefix');
  if (single === undefined) return { items: [] };
  return single instanceof Unknown ? { items: [], unknown: single } : { items: [single] };
}
