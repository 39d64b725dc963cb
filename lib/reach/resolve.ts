import { Entity } from '../model/topology';
import { isKnown } from '../model/unknown';
import { contains, overlaps, parsePrefix, Prefix } from '../private/cidr';
import { isDefaultRoute, RoutingNetwork } from './network';
import { Endpoint, ReachStatus } from './types';

/** The question names something that isn't in the topology, or names several things. */
export class ReachQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReachQueryError';
  }
}

export type Resolution =
  | {
      readonly kind: 'endpoint';
      readonly endpoint: Endpoint;
      /** The address or prefix asked about, when narrower than the endpoint. */
      readonly prefix?: Prefix;
      readonly notes: string[];
    }
  /** An address no network of the configuration owns: the answer follows without a path. */
  | { readonly kind: 'nowhere'; readonly status: Exclude<ReachStatus, 'reachable'>; readonly reason: string };

const KIND_ORDER: Record<Endpoint['kind'], number> = { vnet: 0, p2s: 1, site: 2 };
// One collator for every comparison: localeCompare with options builds a new one per call.
const LABELS = new Intl.Collator('en', { numeric: true });

/**
 * Turns what a user typed into an endpoint. Accepted, in this order: an endpoint id
 * (`vnet:<address>`), `p2s`, a Terraform address (VNet, subnet, local network gateway,
 * gateway → its VNet, connection → its site), a construct path, an endpoint label, an Azure
 * name, a Terraform resource name, a construct id, and finally an IP address or prefix
 * (longest match over the known address spaces).
 */
export function resolveEndpoint(net: RoutingNetwork, query: string): Resolution {
  const q = query.trim();
  if (q === '') throw new ReachQueryError('an endpoint name is empty');
  const direct = net.endpoint(q);
  if (direct) return found(direct);
  if (q.toLowerCase() === 'p2s') {
    const pools = net.endpoints.filter((e) => e.kind === 'p2s');
    if (pools.length === 1) return found(pools[0]);
    if (pools.length === 0) throw new ReachQueryError('the configuration has no point-to-site pool (no gateway with vpn_client_configuration)');
    throw new ReachQueryError(`"p2s" is ambiguous: ${pools.map((p) => p.label).join(', ')}`);
  }
  const byEntity = entityEndpoint(net, net.topology.entities.get(q));
  if (byEntity) return byEntity;

  const entities = [...net.topology.entities.values()];
  const tries: Array<() => Resolution[]> = [
    () => entities.filter((e) => e.path === q).map((e) => entityEndpoint(net, e)).filter(isResolution),
    () => net.endpoints.filter((e) => e.label === q || `${e.kind}:${e.label}` === q).map((e) => found(e)),
    () => net.endpoints.filter((e) => e.label.toLowerCase() === q.toLowerCase()).map((e) => found(e)),
    () => entities.filter((e) => isKnown(e.name) && e.name === q).map((e) => entityEndpoint(net, e)).filter(isResolution),
    () => entities.filter((e) => e.address.slice(e.address.indexOf('.') + 1) === q).map((e) => entityEndpoint(net, e)).filter(isResolution),
    () => byConstructId(net, entities, q),
    // Topology constructs name their children `Spoke-<key>` and `Site-<key>`: the key alone works too.
    () => byConstructId(net, entities, q, true),
  ];
  for (const attempt of tries) {
    const hits = dedupe(attempt());
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) {
      throw new ReachQueryError(`"${q}" is ambiguous: it names ${hits.map(describe).join(', ')}; use one of those names instead`);
    }
  }
  const prefix = parsePrefix(q);
  if (prefix) return byAddress(net, prefix);
  const known = net.endpoints
    .slice()
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || LABELS.compare(a.label, b.label))
    .map((e) => e.label);
  const shown = known.length > 12 ? `${known.slice(0, 12).join(', ')}, … (${known.length} in all)` : known.join(', ');
  throw new ReachQueryError(`no VNet, site, P2S pool or address matches "${q}"; known endpoints: ${shown || 'none'}`);
}

function found(endpoint: Endpoint, prefix?: Prefix, notes: string[] = []): Resolution {
  return { kind: 'endpoint', endpoint, prefix, notes };
}

function isResolution(r: Resolution | undefined): r is Resolution {
  return r !== undefined;
}

function describe(r: Resolution): string {
  return r.kind === 'endpoint' ? `${r.endpoint.kind} ${r.endpoint.label}${r.prefix ? ` (${r.prefix.text})` : ''}` : r.reason;
}

function dedupe(rs: Resolution[]): Resolution[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const key = r.kind === 'endpoint' ? `${r.endpoint.id}|${r.prefix?.text ?? ''}` : r.reason;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a resource stands for as an endpoint: itself, its VNet, or its site. */
function entityEndpoint(net: RoutingNetwork, e: Entity | undefined): Resolution | undefined {
  if (!e) return undefined;
  switch (e.kind) {
    case 'virtualNetwork':
    case 'localGateway': {
      const ep = net.endpointAt(e.address);
      return ep ? found(ep) : undefined;
    }
    case 'subnet': {
      const vnet = isKnown(e.virtualNetwork) ? net.endpointAt(e.virtualNetwork) : undefined;
      if (!vnet) return undefined;
      const first = e.addressPrefixes.items.map((p) => parsePrefix(p)).find((p): p is Prefix => p !== undefined);
      return found(vnet, first);
    }
    case 'gateway': {
      const node = net.gatewayNode(e.address);
      return node?.hub ? found(node.hub) : undefined;
    }
    case 'connection': {
      const site = isKnown(e.localGateway) ? net.endpointAt(e.localGateway) : undefined;
      return site ? found(site) : undefined;
    }
    default:
      return undefined;
  }
}

/** A construct id (`paris`) names the single endpoint whose resources sit under it. */
function byConstructId(net: RoutingNetwork, entities: Entity[], id: string, keyed = false): Resolution[] {
  const out: Resolution[] = [];
  const matches = (segment: string) => (keyed ? /^[A-Za-z]+-(.+)$/.exec(segment)?.[1] === id : segment === id);
  for (const e of entities) {
    if (e.path === undefined) continue;
    if (!e.path.split('/').some(matches)) continue;
    if (e.kind !== 'virtualNetwork' && e.kind !== 'localGateway') continue;
    const r = entityEndpoint(net, e);
    if (r) out.push(r);
  }
  return out;
}

/** The network that owns an address: the longest known prefix that contains it. */
function byAddress(net: RoutingNetwork, q: Prefix): Resolution {
  let best: { endpoint: Endpoint; prefix: Prefix } | undefined;
  const straddled: string[] = [];
  const unknownSpaces: Endpoint[] = [];
  for (const e of net.endpoints) {
    if (e.prefixes.unknown) unknownSpaces.push(e);
    for (const text of e.prefixes.items) {
      const p = parsePrefix(text);
      if (!p) continue;
      if (contains(p, q)) {
        if (!best || p.length > best.prefix.length || (p.length === best.prefix.length && KIND_ORDER[e.kind] < KIND_ORDER[best.endpoint.kind])) {
          best = { endpoint: e, prefix: p };
        }
      } else if (overlaps(p, q)) {
        straddled.push(`${e.label} ${p.text}`);
      }
    }
  }
  if (best && straddled.length === 0) {
    const notes = isDefaultRoute(best.prefix.text)
      ? [`${q.text} is reached only through the default route of site ${best.endpoint.label} (forced tunnelling)`]
      : [];
    return found(best.endpoint, q, notes);
  }
  if (straddled.length > 0) {
    throw new ReachQueryError(`${q.text} spans several networks (${straddled.slice(0, 4).join(', ')}); name an address or a prefix inside one of them`);
  }
  if (unknownSpaces.length > 0) {
    const e = unknownSpaces[0];
    return { kind: 'nowhere', status: 'unknown', reason: `${q.text} is in no known address space, and the address space of ${e.label} is not known (${e.prefixes.unknown!.reason})` };
  }
  const forced = forcedTunnelling(net);
  if (forced !== undefined) {
    return { kind: 'nowhere', status: 'unknown', reason: `${q.text} is in no address space of the configuration; ${forced}: subnets with such a route send Internet-bound traffic on-premises, and user-defined routes are not modelled, so whether this traffic does is known only per subnet` };
  }
  const bgpSites = new Set<string>();
  for (const g of net.gateways) for (const t of g.tunnels) if (t.bgp.state !== 'no') bgpSites.add(t.site.label);
  if (bgpSites.size > 0) {
    return { kind: 'nowhere', status: 'unknown', reason: `${q.text} is in no address space of the configuration; BGP site(s) ${[...bgpSites].join(', ')} may advertise it (learned over BGP, known only after apply)` };
  }
  return { kind: 'nowhere', status: 'unreachable', reason: `${q.text} is in no address space of the configuration (VNets, local network gateways, P2S pools), so no VPN route leads to it` };
}

/**
 * What in the configuration can send Internet-bound traffic to a VPN gateway (forced tunnelling):
 * a gateway's default site, and route tables with a 0.0.0.0/0 (or ::/0) route to
 * VirtualNetworkGateway. Undefined when there is none.
 */
function forcedTunnelling(net: RoutingNetwork): string | undefined {
  const causes: string[] = [];
  for (const g of net.gateways) {
    if (g.defaultSite !== undefined) causes.push(`${g.label} has default_local_network_gateway_id ${g.defaultSite} (its default site for 0.0.0.0/0 routes to the gateway)`);
  }
  for (const table of net.topology.routeTables) {
    const route = table.routes.find((r) => isKnown(r.addressPrefix) && isDefaultRoute(r.addressPrefix) && isKnown(r.nextHopType) && r.nextHopType.toLowerCase() === 'virtualnetworkgateway');
    if (route) causes.push(`route table ${table.address} sends ${route.addressPrefix} to VirtualNetworkGateway`);
  }
  if (causes.length === 0) return undefined;
  const shown = causes.length > 3 ? `${causes.slice(0, 3).join('; ')} and ${causes.length - 3} more` : causes.join('; ');
  return `forced tunnelling may apply (${shown}; a 0.0.0.0/0 user-defined route to the gateway decides it)`;
}
