import { connectionBgpOf } from '../azure/defaults';
import { IPSEC } from '../azure/connection-types';
import { SOURCES } from '../azure/sources';
import { Entity, LocalNetworkGateway, VirtualNetworkGateway } from '../model/topology';
import { isKnown, Maybe } from '../model/unknown';
import { findOverlaps } from '../private/cidr';
import { anyNat, connectedNetworks } from './connected-networks';
import { Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, listEntities, othersThan, show } from './support';

/**
 * The rules about one on-premises site reached by several tunnels or devices (RULES.md:
 * `conn.multi-tunnel-same-site`, `conn.multi-device`).
 */


/** Union-find over indexes, for grouping the connections or sites of one gateway. */
class Groups {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  public find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  public union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  /** The groups with more than one member. */
  public shared(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      const list = byRoot.get(r);
      if (list) list.push(i);
      else byRoot.set(r, [i]);
    }
    return [...byRoot.values()].filter((g) => g.length > 1);
  }
}

/** Joins the members that share a key; keys are compared as strings. */
function unionByKey(groups: Groups, keys: Array<string | undefined>): void {
  const first = new Map<string, number>();
  keys.forEach((key, i) => {
    if (key === undefined) return;
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else groups.union(i, j);
  });
}

/** Joins the local network gateways whose static prefixes overlap (connections with NAT rules excluded). */
function unionByOverlap(ctx: RuleContext, g: VirtualNetworkGateway, groups: Groups, indexOfSite: Map<string, number>): void {
  // A default route (0.0.0.0/0, ::/0) is forced tunnelling, not a claim on another site's
  // prefixes: longest-prefix match still sends those to their own site (lng.prefix-overlap owns it).
  const sites = connectedNetworks(ctx.lookup, g).prefixes.filter((p) => p.data.side === 'site' && p.prefix.length > 0 && anyNat(p.data) === false && indexOfSite.has(p.owner));
  for (const { a, b } of findOverlaps(sites)) groups.union(indexOfSite.get(a.owner)!, indexOfSite.get(b.owner)!);
}

function siteEndpointKey(lng: LocalNetworkGateway | undefined): string | undefined {
  if (!lng || lng.external) return undefined;
  if (isKnown(lng.gatewayAddress) && lng.gatewayAddress !== '') return `ip:${lng.gatewayAddress}`;
  if (isKnown(lng.gatewayFqdn) && lng.gatewayFqdn !== '') return `fqdn:${lng.gatewayFqdn.toLowerCase()}`;
  return undefined;
}

export const multiTunnelSameSite: Rule = {
  id: 'conn.multi-tunnel-same-site',
  severity: Severity.ERROR,
  summary: 'Several connections from one gateway to the same on-premises site all need BGP.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external) continue;
      const conns = ctx.lookup.connectionsOf(g.address).filter((c) => c.connectionType === IPSEC && isKnown(c.localGateway));
      if (conns.length < 2) continue;
      const sites = conns.map((c) => ctx.lookup.localGateway(c.localGateway));
      const groups = new Groups(conns.length);
      const siteKeys = conns.map((c) => c.localGateway as string);
      unionByKey(groups, siteKeys);
      const endpointKeys = sites.map(siteEndpointKey);
      unionByKey(groups, endpointKeys);
      const indexOfSite = new Map<string, number>();
      siteKeys.forEach((key, i) => {
        if (!indexOfSite.has(key)) indexOfSite.set(key, i);
      });
      unionByOverlap(ctx, g, groups, indexOfSite);

      for (const members of groups.shared()) {
        const siteCount = countBy(members.map((i) => siteKeys[i]));
        const endpointCount = countBy(members.map((i) => endpointKeys[i]));
        for (const i of members) {
          const c = conns[i];
          const bgp = knownOrSkipped(ctx, c, 'bgp_enabled', connectionBgpOf(c));
          if (bgp !== false) continue;
          const reason =
            siteCount.get(siteKeys[i])! > 1
              ? `the same local network gateway ${siteKeys[i]}`
              : endpointKeys[i] !== undefined && endpointCount.get(endpointKeys[i])! > 1
                ? 'a local network gateway with the same gateway_address/gateway_fqdn'
                : 'a local network gateway with overlapping address_space';
          const others = othersThan(members, i).map((j) => conns[j]);
          ctx.error(c, `this connection and ${listEntities(others, members.length - 1)} on ${g.address} reach one on-premises site (${reason}); several tunnels to the same site need bgp_enabled = true on every one of them (and BGP on the gateway and the local network gateways)`);
        }
      }
    }
  },
};

export const multiDevice: Rule = {
  id: 'conn.multi-device',
  severity: Severity.ERROR,
  summary: 'Several on-premises devices for one site each have their own local network gateway with a unique gateway_address and a unique BGP peering address, and use BGP.',
  source: SOURCES.HA,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external) continue;
      const sites: LocalNetworkGateway[] = [];
      const indexOfSite = new Map<string, number>();
      for (const c of ctx.lookup.connectionsOf(g.address)) {
        if (c.connectionType !== IPSEC) continue;
        const lng = ctx.lookup.localGateway(c.localGateway);
        if (!lng || lng.external || indexOfSite.has(lng.address)) continue;
        indexOfSite.set(lng.address, sites.length);
        sites.push(lng);
      }
      if (sites.length < 2) continue;
      const groups = new Groups(sites.length);
      unionByKey(groups, sites.map((s) => (isKnown(s.bgpSettings?.asn) ? `asn:${s.bgpSettings!.asn}` : undefined)));
      unionByOverlap(ctx, g, groups, indexOfSite);

      for (const members of groups.shared()) {
        const group = members.map((i) => sites[i]);
        const names = (except: LocalNetworkGateway) => listEntities(othersThan(group, except), group.length - 1);
        reportDuplicates(group, (s) => s.gatewayAddress, (s, twin) =>
          ctx.error(s, `gateway_address ${show(s.gatewayAddress)} is also used by ${twin.address}, another device of the same site on ${g.address}; each on-premises device needs its own local network gateway with a unique public IP`),
        );
        reportDuplicates(group, (s) => s.bgpSettings?.peeringAddress, (s, twin) =>
          ctx.error(s, `bgp_settings.bgp_peering_address ${show(s.bgpSettings?.peeringAddress)} is also used by ${twin.address}, another device of the same site on ${g.address}; give each device a unique BGP peering address`),
        );
        for (const s of group) {
          if (!s.bgpSettings) {
            ctx.error(s, `this local network gateway and ${names(s)} describe devices of one site on ${g.address} (same ASN or overlapping address_space); several devices for one site need BGP: add bgp_settings, enable BGP on the connections and list no shared static prefixes`);
          }
        }
      }
    }
  },
};

function reportDuplicates<T extends Entity>(items: T[], value: (item: T) => Maybe<string> | undefined, report: (item: T, twin: T) => void): void {
  const first = new Map<string, T>();
  for (const item of items) {
    const v = value(item);
    if (!isKnown(v) || v === '') continue;
    const twin = first.get(v);
    if (twin) report(item, twin);
    else first.set(v, item);
  }
}

function countBy(keys: Array<string | undefined>): Map<string | undefined, number> {
  const counts = new Map<string | undefined, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}
