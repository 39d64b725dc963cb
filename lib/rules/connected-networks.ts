import { IPSEC, VNET2VNET } from '../azure/connection-types';
import { TopologyLookup } from '../model/lookup';
import { Connection, Entity, LocalNetworkGateway, VirtualNetwork, VirtualNetworkGateway } from '../model/topology';
import { isKnown, isUnknown, MaybeList, Unknown } from '../model/unknown';
import { Owned, parseAddress, parsePrefix, Prefix } from '../private/cidr';
import { RuleContext } from './rule';
import { show } from './support';

/**
 * The networks behind a gateway: its own VNet, the VNets of its VNet-to-VNet peers and the
 * sites of its connections, computed once per topology. The connection and local network
 * gateway rules both read it, and report overlaps between its prefixes with the helpers here.
 */

/** One network reachable through a gateway: its own VNet, a VNet-to-VNet peer's VNet, or a site. */
export interface ConnectedNetwork {
  /** `vnet` for the gateway's VNet or a VNet-to-VNet peer's VNet; `site` for a local network gateway. */
  readonly side: 'vnet' | 'site';
  /** The VNet or local network gateway the prefix belongs to. */
  readonly network: VirtualNetwork | LocalNetworkGateway;
  /** The connection that reaches it; none for the gateway's own VNet. */
  readonly connection?: Connection;
  /** Whether the connection links ingress / egress NAT rules (Unknown when the list is). */
  readonly ingressNat: boolean | Unknown;
  readonly egressNat: boolean | Unknown;
}

export interface UndecidedInput {
  readonly entity: Entity;
  readonly what: string;
  readonly unknown: Unknown;
}

export interface GatewayNetworks {
  readonly prefixes: Array<Owned<ConnectedNetwork>>;
  /** Inputs that were left out because they are unknown; each rule reports them as skips. */
  readonly undecided: UndecidedInput[];
}

const networksCache = new WeakMap<TopologyLookup, Map<string, GatewayNetworks>>();

/**
 * Every known prefix reachable through a gateway, owned by its VNet or local network gateway.
 * A BGP local network gateway's host route to its own peer address is left out: it names a BGP
 * peer, not a network (`lng.bgp.peer-ip` and `lng.bgp.host-prefix` check it).
 */
export function connectedNetworks(lookup: TopologyLookup, g: VirtualNetworkGateway): GatewayNetworks {
  let perLookup = networksCache.get(lookup);
  if (!perLookup) {
    perLookup = new Map();
    networksCache.set(lookup, perLookup);
  }
  const cached = perLookup.get(g.address);
  if (cached) return cached;

  const prefixes: Array<Owned<ConnectedNetwork>> = [];
  const undecided: UndecidedInput[] = [];
  const added = new Set<string>();
  const add = (network: VirtualNetwork | LocalNetworkGateway, side: ConnectedNetwork['side'], connection: Connection | undefined, reportOn: Entity) => {
    if (added.has(network.address) || network.external) return;
    added.add(network.address);
    const list = network.addressSpace;
    if (list.unknown) undecided.push({ entity: reportOn, what: `address_space of ${network.address}`, unknown: list.unknown });
    const peer = network.kind === 'localGateway' ? bgpPeerHostRange(network) : undefined;
    const data: ConnectedNetwork = {
      side,
      network,
      connection,
      ingressNat: connection ? natLinked(connection.ingressNatRules) : false,
      egressNat: connection ? natLinked(connection.egressNatRules) : false,
    };
    for (const text of list.items) {
      const prefix = parsePrefix(text);
      if (!prefix) continue;
      if (peer && prefix.start === peer.start && prefix.end === peer.end && prefix.version === peer.version) continue;
      prefixes.push({ prefix, owner: network.address, data });
    }
  };

  const ownVnet = lookup.gatewayVnet(g);
  if (ownVnet) add(ownVnet, 'vnet', undefined, g);
  for (const c of lookup.connectionsOf(g.address)) {
    if (isUnknown(c.connectionType)) {
      undecided.push({ entity: c, what: 'type', unknown: c.connectionType });
    } else if (c.connectionType === IPSEC) {
      const site = lookup.localGateway(c.localGateway);
      if (site) add(site, 'site', c, c);
    } else if (c.connectionType === VNET2VNET) {
      const peer = lookup.gateway(c.peerGateway);
      const peerVnet = peer ? lookup.gatewayVnet(peer) : undefined;
      if (peerVnet) add(peerVnet, 'vnet', c, c);
    }
  }
  const result = { prefixes, undecided };
  perLookup.set(g.address, result);
  return result;
}

export function natLinked(list: MaybeList<string>): boolean | Unknown {
  if (list.items.length > 0) return true;
  return list.unknown ?? false;
}

function bgpPeerHostRange(lng: LocalNetworkGateway): Prefix | undefined {
  const address = lng.bgpSettings?.peeringAddress;
  return isKnown(address) ? parseAddress(address) : undefined;
}

export function reportUndecided(ctx: RuleContext, undecided: UndecidedInput[]): void {
  for (const u of undecided) ctx.skipped(u.entity, u.what, u.unknown);
}

export function anyNat(n: ConnectedNetwork): boolean | Unknown {
  if (n.ingressNat === true || n.egressNat === true) return true;
  if (isUnknown(n.ingressNat)) return n.ingressNat;
  if (isUnknown(n.egressNat)) return n.egressNat;
  return false;
}

/** Whether `site` is a site prefix strictly wider than the VNet prefix `vnet`. */
export function siteIsSuperset(site: Owned<ConnectedNetwork>, vnet: Owned<ConnectedNetwork>): boolean {
  return site.data.side === 'site' && vnet.data.side === 'vnet' && site.prefix.length < vnet.prefix.length;
}

export function describePrefix(p: Owned<ConnectedNetwork>): string {
  return `address_space ${show(p.prefix.text)} of ${p.data.network.address}`;
}

export interface OverlapReport {
  /** The resource the finding is reported on. */
  readonly on: Entity;
  /** Its prefix. */
  readonly own: Owned<ConnectedNetwork>;
  /** The first prefix it overlaps, and how many more it overlaps. */
  readonly other: Owned<ConnectedNetwork>;
  readonly more: number;
}

/**
 * Collects overlap pairs per reported resource and prefix, so that a prefix overlapping many
 * others gives one finding naming the first and counting the rest, instead of one per pair.
 */
export class OverlapReports {
  private readonly byKey = new Map<string, { on: Entity; own: Owned<ConnectedNetwork>; other: Owned<ConnectedNetwork>; more: number }>();

  public add(on: Entity, own: Owned<ConnectedNetwork>, other: Owned<ConnectedNetwork>): void {
    const key = `${on.address}\u0000${own.owner}\u0000${own.prefix.text}`;
    const hit = this.byKey.get(key);
    if (hit) hit.more++;
    else this.byKey.set(key, { on, own, other, more: 0 });
  }

  public reports(): OverlapReport[] {
    return [...this.byKey.values()];
  }
}

export function describeOthers(r: OverlapReport): string {
  return r.more === 0 ? describePrefix(r.other) : `${describePrefix(r.other)} and ${r.more} more prefix${r.more === 1 ? '' : 'es'}`;
}
