import { TopologyLookup } from '../model/lookup';
import { Connection, Entity, LocalNetworkGateway, Peering, Topology, VirtualNetwork, VirtualNetworkGateway } from '../model/topology';
import { isKnown, isUnknown, knownList, Maybe, MaybeList, Unknown } from '../model/unknown';
import { parsePrefix } from '../private/cidr';
import { connectionBgpOf, gatewayBgpOf, gatewayTypeOf, vpnTypeOf } from '../azure/defaults';
import { both, Endpoint, undecided, no, Fact, YES } from './types';
import { IPSEC, VNET2VNET } from '../azure/connection-types';

/**
 * The routing structure of a topology, computed once: which VNets use which VPN gateway
 * (gateway-transit domains), which sites hang off which gateway and how (BGP or static,
 * traffic selectors), which gateways are joined by VNet-to-VNet links, and the BGP clouds
 * (gateways joined by BGP links, by union-find). Every reachability answer and the whole
 * matrix are read from these shared closures; nothing searches the graph per pair.
 */

export interface GatewayNode {
  readonly gateway: VirtualNetworkGateway;
  readonly label: string;
  /** The VNet the gateway sits in. */
  hub?: Endpoint;
  /** Why the hub is not known, when it isn't. */
  hubUnknown?: string;
  readonly bgp: Fact;
  readonly policyBased: boolean;
  readonly spokes: SpokeLink[];
  readonly tunnels: Tunnel[];
  readonly links: V2VLink[];
  p2s?: Endpoint;
  /** Static sites whose `address_space` holds a default route (forced tunnelling). */
  readonly forcedTunnelSites: Endpoint[];
  /** `default_local_network_gateway_id`, as a site label or the expression. */
  defaultSite?: string;
  /** Connections of this gateway that go nowhere we can name (unknown reference), for the summary. */
  readonly unresolved: string[];
}

/** A VNet peered with a gateway's VNet; `transit` says whether it uses that gateway. */
export interface SpokeLink {
  readonly vnet: Endpoint;
  readonly gateway: GatewayNode;
  readonly transit: Fact;
  /** The spoke → hub peering. */
  readonly toHub?: Peering;
  /** The hub → spoke peering. */
  readonly fromHub?: Peering;
}

/** Which traffic a connection carries, when it narrows it by traffic selectors. */
export interface Selectors {
  /** The setting that narrows, in Terraform terms. */
  readonly origin: string;
  readonly pairs: ReadonlyArray<{ readonly local: MaybeList<string>; readonly remote: MaybeList<string> }>;
}

/** A site-to-site connection from a gateway to a local network gateway. */
export interface Tunnel {
  readonly connection: Connection;
  readonly gateway: GatewayNode;
  readonly site: Endpoint;
  readonly localGateway: LocalNetworkGateway;
  /** Whether the tunnel carries traffic at all. */
  readonly up: Fact;
  /** BGP on the connection, the gateway and the local network gateway. */
  readonly bgp: Fact;
  /** Whether it carries traffic that enters or leaves Azure through another connection. */
  readonly transit: Fact;
  readonly selectors?: Selectors;
}

/** A VNet-to-VNet link: two connection resources, one per direction. */
export interface V2VLink {
  readonly a: GatewayNode;
  readonly b: GatewayNode;
  readonly forward: Connection;
  readonly reverse?: Connection;
  readonly up: Fact;
  readonly bgp: Fact;
}

export type Attachment =
  | { readonly kind: 'hub'; readonly gw: GatewayNode }
  | { readonly kind: 'spoke'; readonly gw: GatewayNode; readonly link: SpokeLink }
  | { readonly kind: 'tunnel'; readonly gw: GatewayNode; readonly tunnel: Tunnel }
  | { readonly kind: 'p2s'; readonly gw: GatewayNode };

/** Two VNets joined by peering, with the status of the pair. */
export interface PeeringPair {
  readonly a: Endpoint;
  readonly b: Endpoint;
  readonly ab?: Peering;
  readonly ba?: Peering;
  readonly status: Fact;
}

export class RoutingNetwork {
  public readonly lookup: TopologyLookup;
  public readonly endpoints: Endpoint[] = [];
  public readonly gateways: GatewayNode[] = [];
  private readonly byId = new Map<string, Endpoint>();
  private readonly byAddress = new Map<string, Endpoint>();
  private readonly gatewayByAddress = new Map<string, GatewayNode>();
  private readonly attachments = new Map<string, Attachment[]>();
  private readonly peerings = new Map<string, PeeringPair>();
  private readonly peersOf = new Map<string, Endpoint[]>();
  private readonly uncertainty = new Map<string, string>();
  public readonly links: V2VLink[] = [];
  private readonly certain: UnionFind<GatewayNode>;
  private readonly possible: UnionFind<GatewayNode>;
  private readonly joined: UnionFind<GatewayNode>;
  private readonly linked: UnionFind<GatewayNode>;
  private readonly possibleWhy = new Map<GatewayNode, string>();
  private readonly joinedVia = new Map<GatewayNode, string>();
  private readonly members = new Map<GatewayNode, GatewayNode[]>();

  constructor(public readonly topology: Topology, lookup?: TopologyLookup) {
    this.lookup = lookup ?? new TopologyLookup(topology);
    this.addEndpoints();
    this.addGateways();
    this.addPeerings();
    this.addConnections();
    // A site on a gateway whose VNet we can't place may reach anything that gateway serves.
    for (const g of this.gateways) {
      if (g.hub) continue;
      // Declared gateways only: the model keeps gateways outside the configuration out of its lists.
      const why = `the VNet of gateway ${g.label} is not known: ${g.hubUnknown}`;
      for (const t of g.tunnels) this.markUncertain(t.site, `${t.site.label} connects to ${g.label}, and ${why}`);
      if (g.p2s) this.markUncertain(g.p2s, why);
    }
    this.certain = new UnionFind(this.gateways);
    this.possible = new UnionFind(this.gateways);
    this.joined = new UnionFind(this.gateways);
    this.linked = new UnionFind(this.gateways);
    this.buildClouds();
  }

  public endpoint(id: string): Endpoint | undefined {
    return this.byId.get(id);
  }

  /** The endpoint a Terraform address stands for (VNet, local network gateway), if any. */
  public endpointAt(address: string): Endpoint | undefined {
    return this.byAddress.get(address);
  }

  public gatewayNode(address: string): GatewayNode | undefined {
    return this.gatewayByAddress.get(address);
  }

  public attachmentsOf(e: Endpoint): readonly Attachment[] {
    return this.attachments.get(e.id) ?? [];
  }

  public peering(a: Endpoint, b: Endpoint): PeeringPair | undefined {
    return this.peerings.get(pairKey(a.id, b.id));
  }

  public peers(e: Endpoint): readonly Endpoint[] {
    return this.peersOf.get(e.id) ?? [];
  }

  /** Why some of an endpoint's links can't be placed (an unknown reference), if so. */
  public uncertain(e: Endpoint): string | undefined {
    return this.uncertainty.get(e.id);
  }

  public get uncertainEndpoints(): Endpoint[] {
    return [...this.uncertainty.keys()].map((id) => this.byId.get(id)!);
  }

  /**
   * Whether traffic can cross from one gateway to another over BGP VNet-to-VNet links:
   * yes within a BGP cloud, unknown when the cloud depends on an unknown BGP flag.
   */
  public bgpPath(g1: GatewayNode, g2: GatewayNode): Fact | undefined {
    if (this.certain.same(g1, g2)) return YES;
    if (this.possible.same(g1, g2)) return undecided(this.possibleWhy.get(this.possible.find(g1)) ?? 'a VNet-to-VNet connection has unknown settings');
    return undefined;
  }

  /** The site through which two gateways' BGP clouds might be joined by an on-premises device. */
  public joinedThroughSite(g1: GatewayNode, g2: GatewayNode): string | undefined {
    if (!this.joined.same(g1, g2)) return undefined;
    return this.joinedVia.get(this.joined.find(g1)) ?? 'an on-premises site';
  }

  /** Whether two gateways are connected by VNet-to-VNet links of any kind. */
  public anyLinkPath(g1: GatewayNode, g2: GatewayNode): boolean {
    return this.linked.same(g1, g2);
  }

  /** Gateways whose traffic may reach this one's (same BGP cloud, possibly, or joined through a site). */
  public reachableGateways(g: GatewayNode): readonly GatewayNode[] {
    return this.members.get(this.joined.find(g)) ?? [g];
  }

  /**
   * The chain of BGP VNet-to-VNet links between two gateways of one cloud, for explanations.
   * A breadth-first search, but only ever for one pair that `bgpPath` already connected.
   */
  public linkChain(from: GatewayNode, to: GatewayNode): V2VLink[] {
    if (from === to) return [];
    const previous = new Map<GatewayNode, V2VLink>();
    const queue: GatewayNode[] = [from];
    const seen = new Set<GatewayNode>([from]);
    while (queue.length > 0) {
      const g = queue.shift()!;
      for (const link of g.links) {
        if (link.up.state === 'no' || link.bgp.state === 'no') continue;
        const next = link.a === g ? link.b : link.a;
        if (seen.has(next)) continue;
        seen.add(next);
        previous.set(next, link);
        if (next === to) {
          const chain: V2VLink[] = [];
          let cur: GatewayNode = to;
          while (cur !== from) {
            const l = previous.get(cur)!;
            chain.unshift(l);
            cur = l.a === cur ? l.b : l.a;
          }
          return chain;
        }
        queue.push(next);
      }
    }
    return [];
  }

  // ---------------------------------------------------------------------------------------

  private addEndpoints(): void {
    const vnets = uniqueEntities<VirtualNetwork>(this.topology.virtualNetworks, this.topology.entities, 'virtualNetwork');
    const sites = uniqueEntities<LocalNetworkGateway>(this.topology.localGateways, this.topology.entities, 'localGateway');
    const pending: Array<{ id: string; kind: Endpoint['kind']; entity: Entity; name: string | undefined; prefixes: MaybeList<string> }> = [];
    for (const v of vnets) pending.push({ id: `vnet:${v.address}`, kind: 'vnet', entity: v, name: knownName(v), prefixes: v.addressSpace ?? knownList([]) });
    for (const l of sites) pending.push({ id: `site:${l.address}`, kind: 'site', entity: l, name: knownName(l), prefixes: l.addressSpace ?? knownList([]) });
    const nameCount = new Map<string, number>();
    for (const p of pending) if (p.name !== undefined) nameCount.set(p.name, (nameCount.get(p.name) ?? 0) + 1);
    for (const p of pending) {
      const label = p.name !== undefined && nameCount.get(p.name) === 1 ? p.name : p.entity.address;
      this.add({ id: p.id, kind: p.kind, label, address: p.entity.address, path: p.entity.path, prefixes: p.prefixes, external: p.entity.external === true });
    }
  }

  private add(e: Endpoint): void {
    this.endpoints.push(e);
    this.byId.set(e.id, e);
    if (e.kind !== 'p2s') this.byAddress.set(e.address, e);
  }

  private addGateways(): void {
    const labels = new Map<string, number>();
    for (const g of this.topology.gateways) {
      const n = knownName(g);
      if (n !== undefined) labels.set(n, (labels.get(n) ?? 0) + 1);
    }
    for (const g of this.topology.gateways) {
      const type = gatewayTypeOf(g);
      // ExpressRoute gateways carry no VPN traffic; circuits are outside this model.
      if (isKnown(type) && type !== 'Vpn') continue;
      const n = knownName(g);
      const label = n !== undefined && labels.get(n) === 1 ? n : g.address;
      const vpnType = vpnTypeOf(g);
      const node: GatewayNode = {
        gateway: g,
        label,
        bgp: triBool(gatewayBgpOf(g), `bgp_enabled on gateway ${label}`, `gateway ${label} does not run BGP (bgp_enabled is not set)`, 'bgp.flags'),
        policyBased: isKnown(vpnType) && vpnType === 'PolicyBased',
        spokes: [],
        tunnels: [],
        links: [],
        forcedTunnelSites: [],
        unresolved: [],
      };
      const vnet = this.lookup.gatewayVnet(g);
      if (vnet) node.hub = this.byAddress.get(vnet.address);
      if (!node.hub) node.hubUnknown = this.whyNoHub(g);
      this.gateways.push(node);
      this.gatewayByAddress.set(g.address, node);
      if (node.hub) this.attach(node.hub, { kind: 'hub', gw: node });
      if (g.defaultLocalNetworkGateway !== undefined) {
        const d = g.defaultLocalNetworkGateway;
        node.defaultSite = isKnown(d) ? (this.byAddress.get(d)?.label ?? d) : (d.expression ?? d.reason);
      }
    }
    const withPool = this.gateways.filter((n) => n.gateway.p2s !== undefined);
    for (const node of withPool) {
      const label = withPool.length === 1 ? 'p2s' : `p2s:${node.label}`;
      const pool: Endpoint = { id: `p2s:${node.gateway.address}`, kind: 'p2s', label, address: node.gateway.address, path: node.gateway.path, prefixes: node.gateway.p2s!.addressSpace, external: false };
      this.add(pool);
      node.p2s = pool;
      this.attach(pool, { kind: 'p2s', gw: node });
    }
  }

  private whyNoHub(g: VirtualNetworkGateway): string {
    if (!isKnown(g.ipConfigurations)) return `the ip_configuration blocks of ${g.address} are not known (${g.ipConfigurations.reason})`;
    for (const ipc of g.ipConfigurations) {
      if (isUnknown(ipc.subnet)) return `the subnet of ${g.address} is not known (${ipc.subnet.reason})`;
      const s = this.lookup.subnet(ipc.subnet);
      if (s && isUnknown(s.virtualNetwork)) return `the VNet of subnet ${s.address} is not known (${s.virtualNetwork.reason})`;
    }
    return `the VNet of ${g.address} is not in this configuration`;
  }

  private addPeerings(): void {
    for (const p of this.topology.peerings) {
      if (!isKnown(p.virtualNetwork)) continue;
      const local = this.byAddress.get(p.virtualNetwork);
      if (!local) continue;
      if (!isKnown(p.remoteVirtualNetwork)) {
        if (isUnknown(p.remoteVirtualNetwork)) {
          this.markUncertain(local, `the remote VNet of peering ${p.address} is not known (${p.remoteVirtualNetwork.reason})`);
        }
        continue;
      }
      const remote = this.byAddress.get(p.remoteVirtualNetwork);
      if (!remote || remote === local) continue;
      const key = pairKey(local.id, remote.id);
      if (this.peerings.has(key)) continue;
      const reverse = this.lookup.reversePeering(p);
      const pair: PeeringPair = { a: local, b: remote, ab: p, ba: reverse, status: peeringStatus(local, remote, p, reverse) };
      this.peerings.set(key, pair);
      pushTo(this.peersOf, local.id, remote);
      pushTo(this.peersOf, remote.id, local);
      this.addSpokeLinks(pair);
    }
  }

  /** A peered VNet without a gateway of its own may use the other side's gateway (gateway transit). */
  private addSpokeLinks(pair: PeeringPair): void {
    const gwA = this.vpnGatewaysIn(pair.a);
    const gwB = this.vpnGatewaysIn(pair.b);
    const consider = (spoke: Endpoint, hubGateways: GatewayNode[], toHub: Peering | undefined, fromHub: Peering | undefined, spokeHasVpnGateway: boolean) => {
      if (spokeHasVpnGateway) return;
      if (hubGateways.length === 0) {
        // The hub's side is outside this configuration: its gateway, if any, is not ours to know.
        const hubSide = pair.a === spoke ? pair.b : pair.a;
        if (hubSide.external && toHub && toHub.useRemoteGateways !== undefined && toHub.useRemoteGateways !== false) {
          this.markUncertain(spoke, `${spoke.label} uses the gateway of ${hubSide.label}, which is not in this configuration`);
        }
        return;
      }
      for (const gw of hubGateways) {
        const link: SpokeLink = { vnet: spoke, gateway: gw, transit: this.transitStatus(spoke, gw, toHub, fromHub), toHub, fromHub };
        gw.spokes.push(link);
        this.attach(spoke, { kind: 'spoke', gw, link });
      }
    };
    consider(pair.a, gwB, pair.ab, pair.ba, gwA.length > 0);
    consider(pair.b, gwA, pair.ba, pair.ab, gwB.length > 0);
  }

  private transitStatus(spoke: Endpoint, gw: GatewayNode, toHub: Peering | undefined, fromHub: Peering | undefined): Fact {
    const hub = gw.hub!;
    if (!toHub || !fromHub) {
      return no(`only one direction of the peering between ${spoke.label} and ${hub.label} exists; both must exist`, 'peer.both-sides');
    }
    if (this.lookup.gatewaysInVnet(spoke.address).length > 0) {
      return no(`${spoke.label} has a gateway of its own, so it can't use ${hub.label}'s gateway`, 'peer.use-remote-no-local-gw');
    }
    const use = toHub.useRemoteGateways ?? false;
    const allow = fromHub.allowGatewayTransit ?? false;
    if (isUnknown(use)) return undecided(`use_remote_gateways on ${toHub.address} is not known (${use.reason})`);
    if (!use) {
      return no(
        `${spoke.label} is peered with ${hub.label} without gateway transit: use_remote_gateways is not set on ${toHub.address}, so ${spoke.label} doesn't get ${gw.label}'s routes`,
        'peer.non-transitive',
      );
    }
    if (isUnknown(allow)) return undecided(`allow_gateway_transit on ${fromHub.address} is not known (${allow.reason})`);
    if (!allow) {
      return no(`use_remote_gateways is set on ${toHub.address} but allow_gateway_transit is not set on ${fromHub.address}; Azure refuses the peering`, 'peer.use-remote-needs-gateway');
    }
    return YES;
  }

  private vpnGatewaysIn(vnet: Endpoint): GatewayNode[] {
    return this.attachmentsOf(vnet).filter((a) => a.kind === 'hub').map((a) => a.gw);
  }

  private addConnections(): void {
    const seenPairs = new Set<string>();
    for (const c of this.topology.connections) {
      const type = c.connectionType;
      if (isKnown(type) && type !== IPSEC && type !== VNET2VNET) continue;
      const v2v = isKnown(type) ? type === VNET2VNET : isKnown(c.peerGateway) && !isKnown(c.localGateway);
      const gw = isKnown(c.gateway) ? this.gatewayByAddress.get(c.gateway) : undefined;
      if (!gw) {
        const site = !v2v && isKnown(c.localGateway) ? this.byAddress.get(c.localGateway) : undefined;
        if (site && isUnknown(c.gateway)) this.markUncertain(site, `the gateway of connection ${c.address} is not known (${c.gateway.reason})`);
        else if (site && isKnown(c.gateway) && this.topology.entities.get(c.gateway)?.external) {
          this.markUncertain(site, `connection ${c.address} attaches ${site.label} to gateway ${c.gateway}, which is outside this configuration`);
        }
        continue;
      }
      const typeUnknown = isUnknown(type) ? undecided(`the type of connection ${c.address} is not known (${type.reason})`) : YES;
      if (v2v) this.addLink(c, gw, typeUnknown, seenPairs);
      else this.addTunnel(c, gw, typeUnknown);
    }
  }

  private addTunnel(c: Connection, gw: GatewayNode, typeKnown: Fact): void {
    const lng = this.lookup.localGateway(c.localGateway);
    const site = lng ? this.byAddress.get(lng.address) : undefined;
    if (!lng || !site) {
      gw.unresolved.push(`${c.address}: ${isUnknown(c.localGateway) ? `local_network_gateway_id is not known (${c.localGateway.reason})` : 'its local network gateway is not in this configuration'}`);
      return;
    }
    const connBgp = connectionBgpOf(c);
    let bgp: Fact;
    if (isUnknown(connBgp)) bgp = undecided(`bgp_enabled on ${c.address} is not known (${connBgp.reason})`);
    else if (!connBgp) bgp = no(`connection ${c.address} is static (bgp_enabled is not set)`, 'bgp.transit');
    else if (!lng.bgpSettings) bgp = no(`bgp_enabled is set on ${c.address} but local network gateway ${lng.address} has no bgp_settings`, 'bgp.flags');
    else bgp = gw.bgp;
    const pbts = c.usePolicyBasedTrafficSelectors ?? false;
    let notPbts: Fact = YES;
    if (isUnknown(pbts)) notPbts = undecided(`use_policy_based_traffic_selectors on ${c.address} is not known (${pbts.reason})`);
    else if (pbts) notPbts = no(`connection ${c.address} uses policy-based traffic selectors, and such connections never transit`, 'conn.pbts');
    else if (gw.policyBased) notPbts = no(`gateway ${gw.label} is PolicyBased, and policy-based tunnels never transit`, 'conn.pbts');
    const tunnel: Tunnel = {
      connection: c,
      gateway: gw,
      site,
      localGateway: lng,
      up: typeKnown,
      bgp,
      // A policy-based tunnel never transits, whatever its BGP setting: say that first.
      transit: both(notPbts, bgp),
      selectors: this.selectorsOf(c, gw, lng, pbts),
    };
    gw.tunnels.push(tunnel);
    this.attach(site, { kind: 'tunnel', gw, tunnel });
    // Any prefix in a local network gateway's address_space is a static route, with or without BGP.
    if (lng.addressSpace.items.some(isDefaultRoute)) gw.forcedTunnelSites.push(site);
  }

  private selectorsOf(c: Connection, gw: GatewayNode, lng: LocalNetworkGateway, pbts: Maybe<boolean>): Selectors | undefined {
    if (c.trafficSelectorPolicies.length > 0) {
      return { origin: `traffic_selector_policy on ${c.address}`, pairs: c.trafficSelectorPolicies.map((p) => ({ local: p.localAddressCidrs, remote: p.remoteAddressCidrs })) };
    }
    const hubPrefixes = gw.hub?.prefixes ?? { items: [], unknown: new Unknown(gw.hubUnknown ?? `the VNet of ${gw.label} is not known`) };
    if (isKnown(pbts) && pbts) {
      return { origin: `use_policy_based_traffic_selectors on ${c.address}`, pairs: [{ local: hubPrefixes, remote: lng.addressSpace }] };
    }
    if (gw.policyBased) {
      return { origin: `vpn_type = "PolicyBased" on ${gw.label}`, pairs: [{ local: hubPrefixes, remote: lng.addressSpace }] };
    }
    return undefined;
  }

  private addLink(c: Connection, gw: GatewayNode, typeKnown: Fact, seenPairs: Set<string>): void {
    const peer = isKnown(c.peerGateway) ? this.gatewayByAddress.get(c.peerGateway) : undefined;
    if (!peer || peer === gw) {
      gw.unresolved.push(`${c.address}: ${isUnknown(c.peerGateway) ? `peer_virtual_network_gateway_id is not known (${c.peerGateway.reason})` : 'its peer gateway is not in this configuration'}`);
      if (gw.hub && isUnknown(c.peerGateway)) this.markUncertain(gw.hub, `the peer gateway of connection ${c.address} is not known (${c.peerGateway.reason})`);
      return;
    }
    const reverse = this.lookup.reverseConnection(c);
    const key = reverse ? pairKey(c.address, reverse.address) : c.address;
    if (seenPairs.has(key)) return;
    seenPairs.add(key);
    const up = reverse
      ? typeKnown
      : no(`only ${c.address} exists: a VNet-to-VNet link needs a connection resource in each direction (from ${peer.label} back to ${gw.label})`, 'conn.v2v.pair');
    const halfBgp = (conn: Connection, g: GatewayNode): Fact => {
      const b = connectionBgpOf(conn);
      if (isUnknown(b)) return undecided(`bgp_enabled on ${conn.address} is not known (${b.reason})`);
      if (!b) return no(`${conn.address} does not run BGP (bgp_enabled is not set); BGP must be on for both connections of a VNet-to-VNet pair`, 'bgp.transit');
      return g.bgp;
    };
    const bgp = reverse ? both(halfBgp(c, gw), halfBgp(reverse, peer)) : halfBgp(c, gw);
    const link: V2VLink = { a: gw, b: peer, forward: c, reverse, up, bgp };
    this.links.push(link);
    gw.links.push(link);
    peer.links.push(link);
  }

  private buildClouds(): void {
    for (const link of this.links) {
      if (link.up.state === 'no') continue;
      this.linked.union(link.a, link.b);
      if (link.bgp.state === 'no') continue;
      const root = this.possible.find(link.a);
      const rootB = this.possible.find(link.b);
      const why = [link.up, link.bgp].find((t) => t.state === 'unknown');
      const inherited = this.possibleWhy.get(root) ?? this.possibleWhy.get(rootB) ?? (why && why.state === 'unknown' ? why.why : undefined);
      this.possible.union(link.a, link.b);
      this.joined.union(link.a, link.b);
      if (inherited) this.possibleWhy.set(this.possible.find(link.a), inherited);
      if (link.up.state === 'yes' && link.bgp.state === 'yes') this.certain.union(link.a, link.b);
    }
    // A site with BGP tunnels to two gateways that Azure doesn't join: only the on-premises
    // device can forward between them, and the configuration doesn't describe it.
    const bySite = new Map<string, GatewayNode[]>();
    for (const g of this.gateways) {
      for (const t of g.tunnels) if (t.transit.state !== 'no') pushTo(bySite, t.site.id, g);
    }
    for (const [siteId, gws] of bySite) {
      for (let i = 1; i < gws.length; i++) {
        if (this.possible.same(gws[0], gws[i]) || this.joined.same(gws[0], gws[i])) continue;
        const label = this.byId.get(siteId)!.label;
        const kept = this.joinedVia.get(this.joined.find(gws[0])) ?? this.joinedVia.get(this.joined.find(gws[i]));
        this.joined.union(gws[0], gws[i]);
        this.joinedVia.set(this.joined.find(gws[0]), kept ?? label);
      }
    }
    for (const g of this.gateways) pushTo(this.members, this.joined.find(g), g);
  }

  private attach(e: Endpoint, a: Attachment): void {
    pushTo(this.attachments, e.id, a);
  }

  private markUncertain(e: Endpoint, why: string): void {
    if (!this.uncertainty.has(e.id)) this.uncertainty.set(e.id, why);
  }
}

function peeringStatus(local: Endpoint, remote: Endpoint, p: Peering, reverse: Peering | undefined): Fact {
  if (!reverse) {
    return no(`only ${p.address} exists: a peering carries traffic once both directions exist (from ${remote.label} back to ${local.label})`, 'peer.both-sides');
  }
  for (const q of [p, reverse]) {
    const access = q.allowVirtualNetworkAccess ?? true;
    if (isUnknown(access)) return undecided(`allow_virtual_network_access on ${q.address} is not known (${access.reason})`);
    if (!access) return no(`allow_virtual_network_access is false on ${q.address}`, 'peer.both-sides');
  }
  return YES;
}

function triBool(value: Maybe<boolean>, what: string, whyNot: string, rule: string): Fact {
  if (isUnknown(value)) return undecided(`${what} is not known (${value.reason})`);
  return value ? YES : no(whyNot, rule);
}

export function isDefaultRoute(prefix: string): boolean {
  const p = parsePrefix(prefix);
  return p !== undefined && p.length === 0;
}

function knownName(e: Entity): string | undefined {
  return isKnown(e.name) && e.name !== '' ? e.name : undefined;
}

function uniqueEntities<T extends Entity>(list: readonly T[], all: Map<string, Entity>, kind: Entity['kind']): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const e of list) {
    if (seen.has(e.address)) continue;
    seen.add(e.address);
    out.push(e);
  }
  for (const e of all.values()) {
    if (e.kind !== kind || seen.has(e.address)) continue;
    seen.add(e.address);
    out.push(e as T);
  }
  return out;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

class UnionFind<T> {
  private readonly parent = new Map<T, T>();

  constructor(items: readonly T[]) {
    for (const i of items) this.parent.set(i, i);
  }

  public find(x: T): T {
    let root = x;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  public union(a: T, b: T): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }

  public same(a: T, b: T): boolean {
    return this.find(a) === this.find(b);
  }
}
