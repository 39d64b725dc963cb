import { TopologyLookup } from '../model/lookup';
import { Entity, P2SConfiguration, RadiusServer, VirtualNetwork, VirtualNetworkGateway } from '../model/topology';
import { MaybeList, Unknown } from '../model/unknown';
import { parsePrefix, Prefix } from '../private/cidr';
import { RuleContext } from './rule';
import { knownOrSkipped, show } from './support';

/** How the point-to-site rules (p2s.ts) read a `vpn_client_configuration` and what is around it. */

export type AuthType = 'Certificate' | 'AAD' | 'Radius';

export interface P2SGateway {
  readonly gateway: VirtualNetworkGateway;
  readonly p2s: P2SConfiguration;
}

/** The Unknown of a nested block written as a `dynamic` block or an expression, if it is one. */
export function unknownBlock(entity: Entity, path: string): Unknown | undefined {
  return entity.unknownBlocks?.[path];
}

export function p2sGateways(ctx: RuleContext): P2SGateway[] {
  const out: P2SGateway[] = [];
  for (const gateway of ctx.topology.gateways) {
    if (gateway.p2s && !gateway.external) out.push({ gateway, p2s: gateway.p2s });
  }
  return out;
}

/** `vpn_client_protocols` as lower-case names; undefined when unset (Azure picks the defaults). */
export interface ProtocolSet {
  readonly names: Set<string>;
  /** Set when some entries (or the whole list) are unknown. */
  readonly unknown?: Unknown;
}

export function protocolsOf(p2s: P2SConfiguration): ProtocolSet | undefined {
  if (p2s.protocols === undefined) return undefined;
  // An empty known list means azurerm leaves it to Azure (the attribute is Optional+Computed).
  if (p2s.protocols.items.length === 0 && p2s.protocols.unknown === undefined) return undefined;
  return { names: new Set(p2s.protocols.items.map((p) => p.toLowerCase())), unknown: p2s.protocols.unknown };
}

export function showProtocols(p: ProtocolSet): string {
  const pretty: Record<string, string> = { ikev2: 'IkeV2', openvpn: 'OpenVPN', sstp: 'SSTP' };
  return show([...p.names].map((n) => pretty[n] ?? n));
}

/**
 * The authentication methods whose settings are present in the block. A `root_certificate` or
 * `radius_server` written as a dynamic block counts as present: it usually yields blocks.
 */
export function configuredAuth(gateway: VirtualNetworkGateway, p2s: P2SConfiguration): Set<AuthType> {
  const out = new Set<AuthType>();
  if (p2s.rootCertificates.length > 0 || unknownBlock(gateway, 'vpn_client_configuration.root_certificate')) out.add('Certificate');
  if (p2s.aadTenant !== undefined || p2s.aadAudience !== undefined || p2s.aadIssuer !== undefined) out.add('AAD');
  if (
    p2s.radiusServerAddress !== undefined ||
    p2s.radiusServerSecret !== undefined ||
    p2s.radiusServers.length > 0 ||
    unknownBlock(gateway, 'vpn_client_configuration.radius_server')
  ) {
    out.add('Radius');
  }
  return out;
}

export function normaliseAuth(value: string): AuthType | undefined {
  switch (value.toLowerCase()) {
    case 'certificate': return 'Certificate';
    case 'aad': return 'AAD';
    case 'radius': return 'Radius';
    default: return undefined;
  }
}

/**
 * The authentication methods in effect: `vpn_auth_types` when set, else the configured ones.
 * Undefined (with the skip reported) when `vpn_auth_types` is unknown.
 */
export function effectiveAuth(ctx: RuleContext, gateway: VirtualNetworkGateway, p2s: P2SConfiguration): Set<AuthType> | undefined {
  if (p2s.authTypes === undefined || (p2s.authTypes.items.length === 0 && p2s.authTypes.unknown === undefined)) return configuredAuth(gateway, p2s);
  if (p2s.authTypes.unknown) {
    ctx.skipped(gateway, 'vpn_client_configuration.vpn_auth_types', p2s.authTypes.unknown);
    return undefined;
  }
  const out = new Set<AuthType>();
  for (const t of p2s.authTypes.items) {
    const a = normaliseAuth(t);
    if (a) out.add(a);
  }
  return out;
}

export function radiusServersOf(p2s: P2SConfiguration): Array<RadiusServer & { readonly attribute: string }> {
  const out: Array<RadiusServer & { readonly attribute: string }> = [];
  if (p2s.radiusServerAddress !== undefined || p2s.radiusServerSecret !== undefined) {
    out.push({ address: p2s.radiusServerAddress, secret: p2s.radiusServerSecret, score: undefined, attribute: 'radius_server_address' });
  }
  p2s.radiusServers.forEach((s, i) => out.push({ ...s, attribute: `radius_server[${i}]` }));
  return out;
}

export interface PoolPrefix {
  readonly text: string;
  readonly prefix: Prefix;
}

/** The pool prefixes that parse; invalid ones are reported by `p2s.pool.no-overlap`. */
export function poolPrefixes(p2s: P2SConfiguration): PoolPrefix[] {
  const out: PoolPrefix[] = [];
  for (const text of p2s.addressSpace.items) {
    const prefix = parsePrefix(text);
    if (prefix && text.includes('/')) out.push({ text, prefix });
  }
  return out;
}

export function skuOf(ctx: RuleContext, gateway: VirtualNetworkGateway): string | undefined {
  return gateway.sku === undefined ? undefined : knownOrSkipped(ctx, gateway, 'sku', gateway.sku);
}

/** A network whose prefixes P2S clients get routes to, or that a pool must not overlap. */
export interface Network {
  readonly label: string;
  readonly entity: Entity;
  readonly addressSpace: MaybeList<string>;
}

/**
 * The networks around a P2S gateway: its own VNet, the VNets peered to it, the local network
 * gateways of its IPsec connections, and the VNets behind its VNet-to-VNet connections.
 */
export function networksAround(lookup: TopologyLookup, gateway: VirtualNetworkGateway): { vnet?: VirtualNetwork; networks: Network[] } {
  const networks: Network[] = [];
  const seen = new Set<string>();
  const add = (entity: Entity | undefined, label: string, addressSpace: MaybeList<string> | undefined): void => {
    if (!entity || entity.external || !addressSpace || seen.has(entity.address)) return;
    seen.add(entity.address);
    networks.push({ label, entity, addressSpace });
  };
  const vnet = lookup.gatewayVnet(gateway);
  if (vnet) {
    add(vnet, `the gateway's virtual network ${vnet.address}`, vnet.addressSpace);
    for (const peering of lookup.peeringsFrom(vnet.address)) {
      const remote = lookup.virtualNetwork(peering.remoteVirtualNetwork);
      add(remote, `the peered virtual network ${remote?.address}`, remote?.addressSpace);
    }
  }
  for (const connection of lookup.connectionsOf(gateway.address)) {
    const lng = lookup.localGateway(connection.localGateway);
    if (lng) add(lng, `the local network gateway ${lng.address}`, lng.addressSpace);
    const peer = lookup.gateway(connection.peerGateway);
    const peerVnet = peer ? lookup.gatewayVnet(peer) : undefined;
    add(peerVnet, `the VNet-to-VNet peer network ${peerVnet?.address}`, peerVnet?.addressSpace);
  }
  return { vnet, networks };
}
