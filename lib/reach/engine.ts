import { MaybeList } from '../model/unknown';
import { contains, overlaps, parsePrefix, Prefix } from '../private/cidr';
import { Attachment, GatewayNode, PeeringPair, RoutingNetwork, Tunnel, V2VLink } from './network';
import { both, Endpoint, ReachHop, undecided, no, ReachStatus, Fact, Verdict, YES } from './types';

/**
 * Decides whether traffic flows from one endpoint to another, following documented Azure
 * routing (the VPN Gateway FAQ on BGP and transit, https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq;
 * VNet peering, https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering;
 * "About Point-to-Site VPN routing", https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-point-to-site-routing):
 *
 * - peering is not transitive; a peered VNet uses the hub's gateway only with gateway transit;
 * - through one gateway, VNets (hub and transit spokes) reach every site, static or BGP, and the
 *   P2S pool; two sites, or a site and the P2S pool, reach each other only when the site
 *   connections run BGP and don't use policy-based traffic selectors;
 * - across gateways, traffic flows over BGP VNet-to-VNet links (BGP on both halves); a static
 *   link carries traffic between the two gateway VNets only;
 * - traffic selectors narrow what a tunnel carries.
 *
 * Each answer is read from the shared closures of {@link RoutingNetwork} (transit domains and
 * BGP clouds); no graph search runs per pair.
 */

/** A narrower question than the whole endpoint: an address or prefix inside it. */
export interface Narrowing {
  readonly from?: Prefix;
  readonly to?: Prefix;
}

interface Candidate {
  readonly fact: Fact;
  readonly hops: ReachHop[];
  readonly notes: string[];
  /** How far the path got before failing, so the most specific failure is reported. */
  readonly depth: number;
}

interface Side {
  readonly fact: Fact;
  readonly hops: ReachHop[];
  /** Whether the endpoint may exchange traffic with networks beyond its own gateway. */
  readonly beyond: Fact;
}

const RANK: Record<Fact['state'], number> = { yes: 0, unknown: 1, no: 2 };

export class ReachEngine {
  constructor(public readonly network: RoutingNetwork) {}

  public decide(x: Endpoint, y: Endpoint, narrowing: Narrowing = {}): Verdict {
    if (x.id === y.id) {
      return { status: 'reachable', reason: `${x.label} and ${y.label} are the same network`, hops: [], notes: this.forcedTunnelNotes(x) };
    }
    const candidates: Candidate[] = [];
    const pair = x.kind === 'vnet' && y.kind === 'vnet' ? this.network.peering(x, y) : undefined;
    if (pair) candidates.push(this.viaPeering(x, y, pair));
    for (const a of this.network.attachmentsOf(x)) {
      for (const b of this.network.attachmentsOf(y)) {
        const c = this.via(x, a, y, b, narrowing);
        if (c) candidates.push(c);
      }
    }
    let best = pick(candidates) ?? this.notConnected(x, y);
    if (best.fact.state === 'no') {
      const doubt = this.network.uncertain(x) ?? this.network.uncertain(y);
      if (doubt) best = { ...best, fact: undecided(doubt) };
    }
    // Notes about a path only matter when the path exists (or might).
    const notes = unique([...(best.fact.state === 'no' ? [] : best.notes), ...this.forcedTunnelNotes(x), ...this.forcedTunnelNotes(y)]);
    return toVerdict(x, best, notes);
  }

  /** Just the status; the matrix uses it for every candidate pair. */
  public status(x: Endpoint, y: Endpoint): ReachStatus {
    return this.decide(x, y).status;
  }

  /**
   * Every endpoint that `x` might reach, read from the shared closures: its peers, what hangs
   * off its gateways, and what hangs off gateways in the same BGP cloud. Every other endpoint is
   * unreachable from `x` without asking. A superset: {@link decide} has the last word.
   */
  public candidates(x: Endpoint): Set<Endpoint> {
    const net = this.network;
    if (net.uncertain(x)) return new Set(net.endpoints.filter((e) => e !== x));
    const out = new Set<Endpoint>(net.uncertainEndpoints);
    for (const p of net.peers(x)) out.add(p);
    for (const a of net.attachmentsOf(x)) {
      const g = a.gw;
      const isVnet = a.kind === 'hub' || a.kind === 'spoke';
      addServed(out, g, !isVnet);
      for (const link of g.links) {
        if (link.up.state === 'no') continue;
        const other = link.a === g ? link.b : link.a;
        if (other.hub) out.add(other.hub);
      }
      for (const g2 of net.reachableGateways(g)) if (g2 !== g) addServed(out, g2, true);
    }
    out.delete(x);
    return out;
  }

  // ---------------------------------------------------------------------------------------

  private viaPeering(x: Endpoint, y: Endpoint, pair: PeeringPair): Candidate {
    const p = pair.a === x ? pair.ab : pair.ba;
    const q = pair.a === x ? pair.ba : pair.ab;
    const via = p?.address ?? q?.address ?? '';
    const reason = `VNet peering in both directions (${[p?.address, q?.address].filter(Boolean).join(', ')})`;
    return { fact: pair.status, hops: [{ from: x.label, to: y.label, via, reason }], notes: [], depth: 3 };
  }

  private via(x: Endpoint, a: Attachment, y: Endpoint, b: Attachment, n: Narrowing): Candidate | undefined {
    const from = this.side(x, a, n.from, 'out');
    const to = this.side(y, b, n.to, 'in');
    if (a.gw === b.gw) return this.sameGateway(x, a, y, b, from, to, n);
    const g1 = a.gw;
    const g2 = b.gw;
    const notes = a.kind === 'p2s' || b.kind === 'p2s' ? [windowsNote(a.kind === 'p2s' ? y : x)] : [];
    const cloud = this.network.bgpPath(g1, g2);
    if (cloud) {
      const hops = [...from.hops, ...this.chainHops(g1, g2), ...to.hops];
      return { fact: both(from.fact, this.beyond(from, x, g1), cloud, this.beyond(to, y, g2), to.fact), hops, notes, depth: 2 };
    }
    const direct = g1.links.find((l) => (l.a === g2 || l.b === g2) && l.up.state !== 'no');
    if (direct) {
      if (a.kind === 'hub' && b.kind === 'hub') {
        const hops = [...from.hops, linkHop(direct, g1), ...to.hops];
        const staticNote = `${linkName(direct)} is a VNet-to-VNet link without BGP: it carries traffic between ${x.label} and ${y.label} only (bgp.transit)`;
        return { fact: both(direct.up, from.fact, to.fact), hops, notes: [staticNote], depth: 2 };
      }
      const why = direct.bgp.state === 'no' ? direct.bgp.why : 'BGP is not on for both of its connections';
      if (a.kind === 'p2s' || b.kind === 'p2s') {
        return failed(no(`P2S clients reach networks behind a VNet-to-VNet connection only when it runs BGP: ${why}`, 'p2s.transit'), 2);
      }
      return failed(no(`${linkName(direct)} doesn't run BGP (${why}), so it carries traffic between ${hubLabel(g1)} and ${hubLabel(g2)} only`, 'bgp.transit'), 2);
    }
    const broken = g1.links.find((l) => (l.a === g2 || l.b === g2) && l.up.state === 'no');
    if (broken) return failed(broken.up, 2);
    const site = this.network.joinedThroughSite(g1, g2);
    if (site) {
      const doubt = undecided(`${g1.label} and ${g2.label} are joined only through on-premises site ${site}; whether its device forwards traffic between its BGP sessions is not in the configuration`);
      return { fact: both(from.fact, this.beyond(from, x, g1), this.beyond(to, y, g2), to.fact, doubt), hops: [...from.hops, ...to.hops], notes, depth: 1 };
    }
    if (this.network.anyLinkPath(g1, g2)) {
      return failed(no(`${g1.label} and ${g2.label} are connected only through VNet-to-VNet links without BGP; transit across gateways needs BGP on every intermediate connection`, 'bgp.transit'), 1);
    }
    return failed(no(`${x.label} uses gateway ${g1.label} and ${y.label} uses gateway ${g2.label}, and no VNet-to-VNet connection joins them`), 0);
  }

  private sameGateway(x: Endpoint, a: Attachment, y: Endpoint, b: Attachment, from: Side, to: Side, n: Narrowing): Candidate | undefined {
    const g = a.gw;
    const vnetA = a.kind === 'hub' || a.kind === 'spoke';
    const vnetB = b.kind === 'hub' || b.kind === 'spoke';
    const hops = [...from.hops, ...to.hops];
    if (vnetA && vnetB) {
      if (a.kind === 'spoke' && b.kind === 'spoke') {
        const hub = hubLabel(g);
        return failed(
          no(`${x.label} and ${y.label} are both peered with ${hub} but not with each other: VNet peering is not transitive and ${g.label} doesn't route between spokes; peer them directly, or route through an NVA or Azure Firewall in ${hub} with user-defined routes`, 'peer.non-transitive'),
          2,
        );
      }
      // Hub and spoke: the peering between them decides.
      return undefined;
    }
    if (a.kind === 'tunnel' && b.kind === 'tunnel') {
      const fact = both(from.fact, to.fact, this.siteTransit(a.tunnel, x, y, g), this.siteTransit(b.tunnel, x, y, g));
      return { fact, hops, notes: [], depth: 3 };
    }
    if (a.kind === 'p2s' || b.kind === 'p2s') {
      const other = a.kind === 'p2s' ? b : a;
      const otherEndpoint = a.kind === 'p2s' ? y : x;
      if (other.kind === 'tunnel') {
        const t = other.tunnel.transit;
        const gate = t.state === 'no' ? no(`P2S clients reach networks behind a site-to-site connection only when it runs BGP: ${t.why}`, 'p2s.transit') : t;
        const fact = both(from.fact, to.fact, gate);
        return { fact, hops, notes: fact.state === 'no' ? [] : [windowsNote(otherEndpoint)], depth: 3 };
      }
      const side = a.kind === 'p2s' ? to : from;
      const gate = side.fact.state === 'no' && other.kind === 'spoke' ? no(`P2S clients reach a peered VNet only through gateway transit: ${side.fact.why}`, 'p2s.transit') : side.fact;
      return { fact: both(a.kind === 'p2s' ? from.fact : to.fact, gate), hops, notes: [], depth: 3 };
    }
    // A VNet and a site on the same gateway.
    const tunnelAtt = (a.kind === 'tunnel' ? a : b) as Extract<Attachment, { kind: 'tunnel' }>;
    const vnetAtt = a.kind === 'tunnel' ? b : a;
    const vnet = a.kind === 'tunnel' ? y : x;
    const site = a.kind === 'tunnel' ? x : y;
    const azureNarrow = a.kind === 'tunnel' ? n.to : n.from;
    const siteNarrow = a.kind === 'tunnel' ? n.from : n.to;
    const t = tunnelAtt.tunnel;
    const notes: string[] = [];
    let selectorTri: Fact = YES;
    if (t.selectors) {
      const r = carries(t.selectors, azureNarrow ? [azureNarrow] : vnet.prefixes, siteNarrow ? [siteNarrow] : site.prefixes, vnet.label, site.label);
      selectorTri = r.fact;
      if (r.note) notes.push(r.note);
    }
    if (vnetAtt.kind === 'spoke' && t.bgp.state !== 'yes') {
      notes.push(`the on-premises device at ${site.label} must route ${vnet.label}'s prefixes into the tunnel: a static connection doesn't advertise them (peer.onprem-prefixes)`);
    }
    return { fact: both(from.fact, to.fact, selectorTri), hops, notes, depth: 3 };
  }

  private siteTransit(t: Tunnel, x: Endpoint, y: Endpoint, g: GatewayNode): Fact {
    const tr = t.transit;
    if (tr.state !== 'no') return tr;
    return no(`traffic between sites ${x.label} and ${y.label} through ${g.label} needs BGP on both connections, without policy-based traffic selectors: ${tr.why}`, tr.rule ?? 'bgp.transit');
  }

  /** An endpoint's way into its gateway (or, for `in`, out of it). */
  private side(e: Endpoint, a: Attachment, narrowed: Prefix | undefined, dir: 'in' | 'out'): Side {
    const g = a.gw;
    const hop = (via: string, reason: string, rule?: string): ReachHop[] =>
      dir === 'out' ? [{ from: e.label, to: g.label, via, reason, rule }] : [{ from: g.label, to: e.label, via, reason, rule }];
    switch (a.kind) {
      case 'hub':
        return { fact: prefixesRouted(e, narrowed), hops: hop(g.gateway.address, `${g.label} is the VPN gateway in ${e.label}`), beyond: YES };
      case 'spoke': {
        const l = a.link;
        const reason = `peering with gateway transit (use_remote_gateways on ${l.toHub?.address}, allow_gateway_transit on ${l.fromHub?.address}): ${e.label} uses ${hubLabel(g)}'s gateway`;
        return { fact: both(l.transit, prefixesRouted(e, narrowed)), hops: hop(l.toHub?.address ?? g.gateway.address, reason), beyond: YES };
      }
      case 'p2s':
        return { fact: prefixesRouted(e, narrowed), hops: hop(g.gateway.address, `point-to-site clients connect to ${g.label}`), beyond: YES };
      case 'tunnel': {
        const t = a.tunnel;
        const routes = siteRoutes(t);
        const kind = t.bgp.state === 'yes' ? 'BGP: routes learned over BGP (what the site advertises is known only after apply)' : `static: address_space ${showList(t.localGateway.addressSpace)}`;
        return {
          fact: both(t.up, routes),
          hops: hop(t.connection.address, `site-to-site connection, ${kind}`),
          beyond: t.transit,
        };
      }
    }
  }

  private beyond(side: Side, e: Endpoint, g: GatewayNode): Fact {
    const b = side.beyond;
    if (b.state !== 'no') return b;
    return no(`${b.why}; traffic between ${e.label} and networks beyond ${g.label} needs BGP on that connection`, b.rule ?? 'bgp.transit');
  }

  private chainHops(g1: GatewayNode, g2: GatewayNode): ReachHop[] {
    const hops: ReachHop[] = [];
    let cur = g1;
    for (const link of this.network.linkChain(g1, g2)) {
      hops.push(linkHop(link, cur));
      cur = link.a === cur ? link.b : link.a;
    }
    return hops;
  }

  private notConnected(x: Endpoint, y: Endpoint): Candidate {
    const lonely = [x, y].filter((e) => this.network.attachmentsOf(e).length === 0);
    if (lonely.length > 0) {
      const e = lonely[0];
      const what =
        e.kind === 'vnet'
          ? `${e.label} has no VPN gateway and no peering with a VNet that has one`
          : e.kind === 'site'
            ? `no connection in the configuration reaches site ${e.label}`
            : `P2S pool ${e.label} has no gateway`;
      const other = e === x ? y : x;
      return failed(no(`${what}, and it is not peered with ${other.label}`, e.kind === 'vnet' ? 'peer.non-transitive' : undefined), 0);
    }
    return failed(no(`${x.label} and ${y.label} are not connected`), 0);
  }

  private forcedTunnelNotes(e: Endpoint): string[] {
    if (e.kind !== 'vnet') return [];
    const notes: string[] = [];
    for (const a of this.network.attachmentsOf(e)) {
      if (a.kind !== 'hub' && a.kind !== 'spoke') continue;
      if (a.kind === 'spoke' && a.link.transit.state === 'no') continue;
      for (const s of a.gw.forcedTunnelSites) {
        notes.push(`forced tunnelling: site ${s.label} lists a default route (0.0.0.0/0) in its address_space, so Internet-bound traffic from ${e.label} goes through ${a.gw.label} to ${s.label} (bgp.default-route)`);
      }
      if (a.gw.defaultSite !== undefined) {
        notes.push(`forced tunnelling: ${a.gw.label} has default_local_network_gateway_id ${a.gw.defaultSite}; with a 0.0.0.0/0 route to the gateway, Internet-bound traffic from ${e.label} goes to that site`);
      }
    }
    return notes;
  }
}

function addServed(out: Set<Endpoint>, g: GatewayNode, spokesToo: boolean): void {
  if (g.hub) out.add(g.hub);
  if (g.p2s) out.add(g.p2s);
  for (const t of g.tunnels) out.add(t.site);
  if (spokesToo) for (const s of g.spokes) out.add(s.vnet);
}

/** Whether a gateway can route a VNet's or pool's prefixes: it routes by prefix, so they must be known. */
function prefixesRouted(e: Endpoint, narrowed: Prefix | undefined): Fact {
  if (narrowed) return YES;
  if (e.prefixes.unknown) {
    return undecided(`the address space of ${e.label} is not known (${e.prefixes.unknown.reason}); the gateway routes by prefix`);
  }
  if (e.prefixes.items.length === 0) {
    return e.external ? undecided(`${e.label} is outside this configuration and its address space is not known`) : no(`${e.label} has no address space`);
  }
  return YES;
}

/** Whether the gateway has routes to a site: BGP-learned, or the static `address_space`. */
function siteRoutes(t: Tunnel): Fact {
  if (t.bgp.state === 'yes') return YES;
  const space = t.localGateway.addressSpace;
  if (space.items.length > 0) return YES;
  if (space.unknown) return undecided(`address_space of local network gateway ${t.localGateway.address} is not known (${space.unknown.reason})`);
  if (t.bgp.state === 'unknown') return t.bgp;
  return no(`local network gateway ${t.localGateway.address} has an empty address_space and ${t.connection.address} is static, so the gateway has no route to ${t.site.label}`);
}

/**
 * Whether a tunnel's traffic selectors carry traffic between the Azure side and the site side:
 * some selector pair must hold an Azure prefix on its local side and a site prefix on its remote side.
 */
export function carries(
  sel: { readonly origin: string; readonly pairs: ReadonlyArray<{ readonly local: MaybeList<string>; readonly remote: MaybeList<string> }> },
  azure: MaybeList<string> | Prefix[],
  site: MaybeList<string> | Prefix[],
  azureLabel: string,
  siteLabel: string,
): { fact: Fact; note?: string } {
  const az = toPrefixes(azure);
  const st = toPrefixes(site);
  if (az.unknown) return { fact: undecided(`the address space of ${azureLabel} is not known (${az.unknown}); ${sel.origin} narrows what the tunnel carries`) };
  if (st.unknown) return { fact: undecided(`the address space of ${siteLabel} is not known (${st.unknown}); ${sel.origin} narrows what the tunnel carries`) };
  // An address asked about must sit inside a selector; a whole network is carried in part
  // when a selector overlaps it.
  const hits = (selector: Prefix[], ps: Prefix[], exact: boolean) => ps.filter((x) => selector.some((s) => (exact ? contains(s, x) : overlaps(s, x))));
  const whole = (selector: Prefix[], ps: Prefix[]) => ps.every((x) => selector.some((s) => contains(s, x)));
  let unknownPair: string | undefined;
  let carried = false;
  let complete = false;
  for (const p of sel.pairs) {
    const local = toPrefixes(p.local);
    const remote = toPrefixes(p.remote);
    if (hits(local.prefixes, az.prefixes, az.exact).length > 0 && hits(remote.prefixes, st.prefixes, st.exact).length > 0) {
      carried = true;
      if (whole(local.prefixes, az.prefixes) && whole(remote.prefixes, st.prefixes)) complete = true;
    } else if (local.unknown || remote.unknown) {
      unknownPair ??= local.unknown ?? remote.unknown;
    }
  }
  const selectorsText = sel.pairs.map((p) => `${showList(p.local)} ↔ ${showList(p.remote)}`).join('; ');
  if (!carried) {
    if (unknownPair) return { fact: undecided(`the traffic selectors of ${sel.origin} are not known (${unknownPair})`) };
    return {
      fact: no(`${sel.origin} narrows the tunnel to ${selectorsText}; ${azureLabel} ${showPrefixes(az.prefixes)} ↔ ${siteLabel} ${showPrefixes(st.prefixes)} is outside the selectors`, 'conn.pbts'),
    };
  }
  return {
    fact: YES,
    note: complete ? undefined : `${sel.origin} narrows the tunnel to ${selectorsText}: only that part of ${azureLabel} ↔ ${siteLabel} is carried (conn.pbts)`,
  };
}

function toPrefixes(list: MaybeList<string> | Prefix[]): { prefixes: Prefix[]; unknown?: string; exact: boolean } {
  if (Array.isArray(list)) return { prefixes: list, exact: true };
  const prefixes = list.items.map((s) => parsePrefix(s)).filter((p): p is Prefix => p !== undefined);
  return { prefixes, unknown: list.unknown?.reason, exact: false };
}

function showPrefixes(ps: Prefix[]): string {
  return `[${ps.map((p) => p.text).join(', ')}]`;
}

export function showList(list: MaybeList<string>): string {
  const items = list.items.join(', ');
  if (list.unknown) return items ? `[${items}, …unknown]` : `unknown (${list.unknown.reason})`;
  return `[${items}]`;
}

function linkName(l: V2VLink): string {
  return l.reverse ? `${l.forward.address} / ${l.reverse.address}` : l.forward.address;
}

function linkHop(l: V2VLink, from: GatewayNode): ReachHop {
  const to = l.a === from ? l.b : l.a;
  const bgp = l.bgp.state === 'yes' ? 'BGP on both connections' : 'static (no BGP)';
  return { from: from.label, to: to.label, via: l.forward.address, reason: `VNet-to-VNet connections ${linkName(l)}, ${bgp}`, rule: l.bgp.state === 'yes' ? 'bgp.transit' : undefined };
}

function hubLabel(g: GatewayNode): string {
  return g.hub?.label ?? g.label;
}

function windowsNote(target: Endpoint): string {
  return `Windows P2S clients may need the route to ${target.label} added by hand, and every client must download the VPN profile again after topology changes (p2s.transit)`;
}

function failed(fact: Fact, depth: number): Candidate {
  return { fact, hops: [], notes: [], depth };
}

function pick(cs: Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of cs) {
    if (!best) {
      best = c;
      continue;
    }
    const r = RANK[c.fact.state] - RANK[best.fact.state];
    if (r < 0) best = c;
    else if (r === 0) {
      if (c.fact.state === 'no' ? c.depth > best.depth : c.hops.length < best.hops.length) best = c;
    }
  }
  return best;
}

function toVerdict(x: Endpoint, c: Candidate, notes: string[]): Verdict {
  const t = c.fact;
  if (t.state === 'yes') {
    const labels = [x.label, ...c.hops.map((h) => h.to)];
    return { status: 'reachable', reason: collapse(labels).join(' → '), hops: c.hops, notes };
  }
  if (t.state === 'unknown') return { status: 'unknown', reason: t.why, hops: c.hops, notes };
  const reason = t.rule && !t.why.includes(`(${t.rule})`) ? `${t.why} (${t.rule})` : t.why;
  return { status: 'unreachable', reason, rule: t.rule, hops: [], notes };
}

function collapse(labels: string[]): string[] {
  return labels.filter((l, i) => i === 0 || l !== labels[i - 1]);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
