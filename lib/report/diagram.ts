import { isKnown } from '../model/unknown';
import { hostPrefix } from '../private/cidr';
import { activeActiveOf, gatewayAsnOf, gatewayBgpOf } from '../azure/defaults';
import { RoutingNetwork } from '../reach/network';
import { Endpoint } from '../reach/types';

/**
 * The drawing of a topology, independent of the output language: VNets, gateways, sites and
 * P2S pools as nodes; gateway placement, peerings (marking gateway transit) and tunnels
 * (marking BGP or static) as edges. Mermaid and DOT render the same graph.
 */

export type NodeKind = 'vnet' | 'gateway' | 'site' | 'p2s';
export type EdgeKind = 'placement' | 'peering' | 'transit-peering' | 'bgp-tunnel' | 'static-tunnel' | 'broken' | 'p2s';

export interface DiagramNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** First line: the name; further lines: address space, SKU, ASN. */
  readonly lines: string[];
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface Diagram {
  readonly nodes: DiagramNode[];
  readonly edges: DiagramEdge[];
}

export function buildDiagram(net: RoutingNetwork): Diagram {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const ids = new Map<string, string>();
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (!id) {
      id = `n${ids.size + 1}`;
      ids.set(key, id);
    }
    return id;
  };
  const prefixes = (e: Endpoint) => (e.prefixes.unknown ? [...e.prefixes.items, 'address space unknown'] : e.prefixes.items.length > 0 ? e.prefixes.items : [e.external ? 'outside this configuration' : 'no address space']);

  for (const e of net.endpoints) {
    if (e.kind === 'vnet') nodes.push({ id: idOf(e.id), kind: 'vnet', lines: [e.label, shortList(prefixes(e))] });
  }
  for (const g of net.gateways) {
    const gw = g.gateway;
    const sku = isKnown(gw.sku) ? gw.sku : 'SKU unknown';
    const aa = activeActiveOf(gw);
    const mode = isKnown(aa) ? (aa ? 'active-active' : 'active-standby') : 'mode unknown';
    const bgp = gatewayBgpOf(gw);
    const asn = gatewayAsnOf(gw);
    const bgpLine = bgp === true ? `BGP AS ${isKnown(asn) ? asn : 'unknown'}` : bgp === false ? 'no BGP' : 'BGP unknown';
    nodes.push({ id: idOf(`gw:${gw.address}`), kind: 'gateway', lines: [g.label, `${sku} ${mode}`, bgpLine] });
    if (g.hub) edges.push({ from: idOf(g.hub.id), to: idOf(`gw:${gw.address}`), kind: 'placement' });
  }
  for (const e of net.endpoints) {
    if (e.kind === 'site') {
      const l = net.lookup.localGateway(e.address);
      const b = l?.bgpSettings;
      if (b) {
        // The peer's own /32 is plumbing, not a network behind the site: leave it out.
        const peer = isKnown(b.peeringAddress) ? hostPrefix(b.peeringAddress) : undefined;
        const statics = e.prefixes.items.filter((p) => p !== peer);
        const lines = [e.label, `BGP AS ${isKnown(b.asn) ? b.asn : 'unknown'}${isKnown(b.peeringAddress) ? `, peer ${b.peeringAddress}` : ''}`];
        if (statics.length > 0) lines.push(`static ${shortList(statics)}`);
        nodes.push({ id: idOf(e.id), kind: 'site', lines });
      } else {
        nodes.push({ id: idOf(e.id), kind: 'site', lines: [e.label, shortList(prefixes(e))] });
      }
    }
    if (e.kind === 'p2s') nodes.push({ id: idOf(e.id), kind: 'p2s', lines: [`${e.label} clients`, shortList(prefixes(e))] });
  }
  const seen = new Set<string>();
  for (const a of net.endpoints) {
    if (a.kind !== 'vnet') continue;
    for (const b of net.peers(a)) {
      const pair = net.peering(a, b)!;
      const key = [pair.a.id, pair.b.id].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const transit = [...net.attachmentsOf(pair.a), ...net.attachmentsOf(pair.b)].find(
        (x) => x.kind === 'spoke' && (x.link.vnet === pair.a || x.link.vnet === pair.b) && x.link.transit.state !== 'no' && (x.gw.hub === pair.a || x.gw.hub === pair.b),
      );
      const oneWay = !pair.ab || !pair.ba;
      if (transit && transit.kind === 'spoke') {
        // Drawn from the spoke to the hub, whose gateway it uses.
        const unknown = transit.link.transit.state === 'unknown' ? ' (unknown)' : '';
        edges.push({ from: idOf(transit.link.vnet.id), to: idOf(transit.gw.hub!.id), kind: 'transit-peering', label: `peering, gateway transit${unknown}` });
      } else {
        edges.push({ from: idOf(pair.a.id), to: idOf(pair.b.id), kind: oneWay ? 'broken' : 'peering', label: oneWay ? 'peering, one direction only' : 'peering' });
      }
    }
  }
  for (const g of net.gateways) {
    const gid = idOf(`gw:${g.gateway.address}`);
    for (const t of g.tunnels) {
      const bgp = t.bgp.state === 'yes' ? 'BGP' : t.bgp.state === 'unknown' ? 'BGP unknown' : 'static';
      const pbts = t.selectors ? ', traffic selectors' : '';
      edges.push({ from: gid, to: idOf(t.site.id), kind: t.bgp.state === 'yes' ? 'bgp-tunnel' : 'static-tunnel', label: `S2S, ${bgp}${pbts}` });
    }
    if (g.p2s) edges.push({ from: idOf(g.p2s.id), to: gid, kind: 'p2s', label: 'P2S' });
  }
  for (const l of net.links) {
    const from = idOf(`gw:${l.a.gateway.address}`);
    const to = idOf(`gw:${l.b.gateway.address}`);
    if (l.up.state === 'no') edges.push({ from, to, kind: 'broken', label: 'VNet-to-VNet, one connection only' });
    else edges.push({ from, to, kind: l.bgp.state === 'yes' ? 'bgp-tunnel' : 'static-tunnel', label: `VNet-to-VNet, ${l.bgp.state === 'yes' ? 'BGP' : l.bgp.state === 'unknown' ? 'BGP unknown' : 'static'}` });
  }
  return { nodes, edges };
}

function shortList(items: string[]): string {
  return items.length > 3 ? `${items.slice(0, 3).join(', ')} +${items.length - 3}` : items.join(', ');
}
