import { TopologyLookup } from '../model/lookup';
import { Peering, VirtualNetwork, readable, VirtualNetworkGateway } from '../model/topology';
import { isKnown, Maybe, Unknown } from '../model/unknown';
import { isDataAddress } from '../model/stacks';
import { findOverlaps, overlaps, Owned, parsePrefix } from '../private/cidr';
import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, notInConfiguration, show } from './support';
import { connectionBgpOf } from '../azure/defaults';
import { SOURCES } from '../azure/sources';
import { IPSEC, VNET2VNET } from '../azure/connection-types';

/**
 * VNet peering and gateway transit (`peer.*` in RULES.md). Everything goes through indexes built
 * once per check, so a hub with hundreds of spokes stays linear.
 */

/** Peering indexes for one check, keyed by the lookup so that every rule shares them. */
interface PeeringIndex {
  /**
   * VNet → the VNets it is peered with, in either direction, each to the (first) peering from
   * this VNet to it, or null when only the other side has one. Nested maps rather than one map
   * of `local\0remote` keys: no key built per peering and per look-up.
   */
  readonly neighbours: Map<string, Map<string, Peering | null>>;
  /** Hub VNet → the peerings that use its gateways (`use_remote_gateways = true` towards it). */
  readonly usingRemoteGateways: Map<string, Peering[]>;
  /** Whether some gateway's VNet cannot be told (unknown ip_configuration or subnet). */
  readonly unplacedGateway: boolean;
}

const indexes = new WeakMap<TopologyLookup, PeeringIndex>();

/** The (first) peering from `local` to `remote`. */
function peeringFrom(index: PeeringIndex, local: string, remote: string): Peering | undefined {
  return index.neighbours.get(local)?.get(remote) ?? undefined;
}

function indexOf(lookup: TopologyLookup): PeeringIndex {
  const cached = indexes.get(lookup);
  if (cached) return cached;
  const neighbours = new Map<string, Map<string, Peering | null>>();
  const usingRemoteGateways = new Map<string, Peering[]>();
  const peerings = lookup.topology.peerings;
  for (let i = 0; i < peerings.length; i++) {
    const p = peerings[i];
    const local = p.virtualNetwork;
    const remote = p.remoteVirtualNetwork;
    if (!isKnown(local) || !isKnown(remote) || local === remote) continue;
    let fromLocal = neighbours.get(local);
    if (!fromLocal) neighbours.set(local, (fromLocal = new Map()));
    if (!fromLocal.get(remote)) fromLocal.set(remote, p);
    let fromRemote = neighbours.get(remote);
    if (!fromRemote) neighbours.set(remote, (fromRemote = new Map()));
    if (!fromRemote.has(local)) fromRemote.set(local, null);
    if (p.useRemoteGateways === true) {
      const list = usingRemoteGateways.get(remote);
      if (list) list.push(p);
      else usingRemoteGateways.set(remote, [p]);
    }
  }
  const unplacedGateway = lookup.topology.gateways.some((g) => placementUnknown(lookup, g));
  const index = { neighbours, usingRemoteGateways, unplacedGateway };
  indexes.set(lookup, index);
  return index;
}

/** Whether the VNet of a gateway cannot be told before apply, so it might be any VNet. */
function placementUnknown(lookup: TopologyLookup, g: VirtualNetworkGateway): boolean {
  if (g.external) return false;
  if (!isKnown(g.ipConfigurations)) return true;
  for (const ipc of g.ipConfigurations) {
    if (ipc.subnet !== undefined && !isKnown(ipc.subnet)) return true;
    const subnet = lookup.subnet(ipc.subnet);
    if (subnet && !subnet.external && !isKnown(subnet.virtualNetwork)) return true;
  }
  return false;
}

/** The VNet entity declared in this configuration, or a reason why it is not known. */
function declaredVnet(lookup: TopologyLookup, address: string): VirtualNetwork | Unknown {
  const vnet = lookup.virtualNetwork(address);
  if (!vnet || !readable(vnet)) return notInConfiguration(address);
  return vnet;
}

// ---------------------------------------------------------------------------------------------

/** Above this many prefix pairs between two peered VNets, their overlaps are found by a sweep instead of pair by pair. */
const PAIRWISE_LIMIT = 64;

const noOverlap: Rule = {
  id: 'peer.no-overlap',
  severity: Severity.ERROR,
  summary: 'Peered VNets must not overlap, and a VNet must not overlap any other VNet peered to the same hub.',
  source: SOURCES.PEER,
  azureError: 'VnetAddressSpaceOverlapsWithAlreadyPeeredVnet',
  check(ctx) {
    const index = indexOf(ctx.lookup);
    // Skips for address spaces that cannot be read, once per peering.
    const peerings = ctx.topology.peerings;
    for (let i = 0; i < peerings.length; i++) {
      const peering = peerings[i];
      skipUnreadableSpace(ctx, peering, 'the local', peering.virtualNetwork);
      skipUnreadableSpace(ctx, peering, 'the remote', peering.remoteVirtualNetwork);
    }
    // Each VNet's prefixes, one per range (the first written): the owner is the VNet, the data the text.
    const prefixesCache = new Map<string, Array<Owned<string>>>();
    const prefixesOf = (address: string): Array<Owned<string>> => {
      let list = prefixesCache.get(address);
      if (list) return list;
      list = [];
      const vnet = ctx.lookup.virtualNetwork(address);
      if (vnet && readable(vnet)) {
        const texts = vnet.addressSpace.items;
        const seen = texts.length > 1 ? new Set<string>() : undefined;
        for (const text of texts) {
          const prefix = parsePrefix(text);
          if (!prefix) continue;
          if (seen !== undefined) {
            const range = `${prefix.version}|${prefix.start}|${prefix.end}`;
            if (seen.has(range)) continue;
            seen.add(range);
          }
          list.push({ prefix, owner: address, data: text });
        }
      }
      prefixesCache.set(address, list);
      return list;
    };
    // forEach rather than for-of over the maps: no entry and iterator result allocated per VNet.
    index.neighbours.forEach((neighbours, vnet) => {
      // A peered pair, once, from the smaller address.
      const own = prefixesOf(vnet);
      if (own.length > 0) {
        neighbours.forEach((fromVnet, other) => {
          if (!(vnet < other)) return;
          const theirs = prefixesOf(other);
          if (theirs.length === 0) return;
          for (const { a, b } of overlapsBetween(own, theirs)) {
            for (const p of [fromVnet, peeringFrom(index, other, vnet)]) {
              if (p) ctx.error(p, `${vnet} (${show(a.data)}) and ${other} (${show(b.data)}) overlap; peered virtual networks need disjoint address spaces — renumber one of them`);
            }
          }
        });
      }
      if (neighbours.size < 2) return;
      // Two VNets peered to the same hub: the second peering to be created fails.
      const items: Array<Owned<string>> = [];
      neighbours.forEach((_peering, n) => {
        for (const o of prefixesOf(n)) items.push(o);
      });
      for (const { a, b } of findOverlaps(items, { uniquePerOwner: true })) {
        const [x, y] = a.owner <= b.owner ? [a, b] : [b, a];
        const peering = neighbours.get(y.owner) ?? peeringFrom(index, y.owner, vnet);
        if (peering) {
          ctx.error(peering, `${y.owner} (${show(y.data)}) overlaps ${x.owner} (${show(x.data)}), which is also peered to ${vnet}; Azure refuses to peer a VNet that overlaps an already peered VNet — renumber one of them`);
        }
      }
    });
  },
};

/** Reports a peering's VNet whose address space cannot be read (unknown, not declared, or partly unknown). */
function skipUnreadableSpace(ctx: RuleContext, peering: Peering, what: string, address: Maybe<string> | undefined): void {
  if (address === undefined) return;
  if (!isKnown(address)) {
    ctx.skipped(peering, `${what} virtual network`, address);
    return;
  }
  const vnet = declaredVnet(ctx.lookup, address);
  if (vnet instanceof Unknown) ctx.skipped(peering, `${what} virtual network's address_space`, vnet);
  else if (vnet.addressSpace.unknown) ctx.skipped(peering, `part of ${what} virtual network's address_space`, vnet.addressSpace.unknown);
}

/** The overlapping pairs between the prefixes of two VNets (a from the first), pair by pair while they are few. */
function overlapsBetween(first: Array<Owned<string>>, second: Array<Owned<string>>): ReadonlyArray<{ a: Owned<string>; b: Owned<string> }> {
  if (first.length * second.length > PAIRWISE_LIMIT) {
    return findOverlaps([...first, ...second], { uniquePerOwner: true }).map(({ a, b }) => (a.owner === first[0].owner ? { a, b } : { a: b, b: a }));
  }
  let out: Array<{ a: Owned<string>; b: Owned<string> }> | undefined;
  for (const a of first) {
    for (const b of second) if (overlaps(a.prefix, b.prefix)) (out ??= []).push({ a, b });
  }
  return out ?? NO_PAIRS;
}

const NO_PAIRS: ReadonlyArray<{ a: Owned<string>; b: Owned<string> }> = [];

const useRemoteNeedsGateway: Rule = {
  id: 'peer.use-remote-needs-gateway',
  severity: Severity.ERROR,
  summary: 'use_remote_gateways = true needs a gateway in the remote VNet, a reverse peering with allow_gateway_transit = true, and a dependency on both.',
  source: SOURCES.PEER,
  azureError: 'RemoteVnetHasNoGateways',
  check(ctx) {
    const index = indexOf(ctx.lookup);
    const peerings = ctx.topology.peerings;
    for (let i = 0; i < peerings.length; i++) {
      const peering = peerings[i];
      if (peering.useRemoteGateways === undefined) continue;
      const useRemote = knownOrSkipped(ctx, peering, 'use_remote_gateways', peering.useRemoteGateways);
      if (useRemote !== true || peering.remoteVirtualNetwork === undefined) continue;
      const remoteAddress = knownOrSkipped(ctx, peering, 'remote_virtual_network_id', peering.remoteVirtualNetwork);
      if (remoteAddress === undefined) continue;
      const remote = declaredVnet(ctx.lookup, remoteAddress);
      if (remote instanceof Unknown) {
        ctx.skipped(peering, 'whether the remote virtual network has a gateway', remote);
        continue;
      }
      const gateways = ctx.lookup.gatewaysInVnet(remote.address);
      if (gateways.length === 0) {
        if (index.unplacedGateway) {
          ctx.skipped(peering, 'whether the remote virtual network has a gateway', new Unknown('a gateway\'s ip_configuration subnet is not known'));
        } else {
          ctx.error(peering, `use_remote_gateways = true but the remote virtual network ${remote.address} has no VPN or ExpressRoute gateway in this configuration; add the gateway, or set use_remote_gateways = false`);
        }
        continue;
      }
      const reverse = isKnown(peering.virtualNetwork) ? peeringFrom(index, remote.address, peering.virtualNetwork) : undefined;
      if (!isKnown(peering.virtualNetwork)) {
        // The local VNet is not declared here (a name without a matching VNet), so the peering
        // back from the hub cannot be matched to it: never report a missing peering on a guess.
        ctx.skipped(peering, 'the peering back from the remote virtual network', peering.virtualNetwork ?? new Unknown('virtual_network_name is not set'));
      } else if (!reverse) {
        ctx.error(peering, `use_remote_gateways = true but there is no peering from ${remote.address} back to this VNet; add it with allow_gateway_transit = true`);
      } else {
        const allow = reverse.allowGatewayTransit ?? false;
        if (allow instanceof Unknown) ctx.skipped(peering, `allow_gateway_transit of ${reverse.address}`, allow);
        else if (!allow) {
          ctx.error(peering, `use_remote_gateways = true but the reverse peering ${reverse.address} has allow_gateway_transit = false; set allow_gateway_transit = true on ${reverse.address}`);
        }
      }
      if (!gateways.some((g) => ctx.lookup.dependsOn(peering.address, g.address))) {
        const deps = [gateways[0].address, ...(reverse ? [reverse.address] : [])].join(', ');
        ctx.error(peering, `use_remote_gateways = true but this peering does not depend on ${gateways[0].address}, so Terraform may create it before the gateway exists and Azure fails with RemoteVnetHasNoGateways; add depends_on = [${deps}]`);
      } else if (reverse && !ctx.lookup.dependsOn(peering.address, reverse.address)) {
        ctx.warning(peering, `use_remote_gateways = true but this peering does not depend on ${reverse.address}, which grants allow_gateway_transit; add depends_on = [${reverse.address}] so the hub side exists first`);
      }
    }
  },
};

const useRemoteSingle: Rule = {
  id: 'peer.use-remote-single',
  severity: Severity.ERROR,
  summary: 'Only one peering per VNet may set use_remote_gateways = true.',
  source: SOURCES.PEER,
  check(ctx) {
    const byVnet = new Map<string, Peering[]>();
    const peerings = ctx.topology.peerings;
    for (let i = 0; i < peerings.length; i++) {
      const p = peerings[i];
      if (p.useRemoteGateways !== true || !isKnown(p.virtualNetwork)) continue;
      const list = byVnet.get(p.virtualNetwork);
      if (list) list.push(p);
      else byVnet.set(p.virtualNetwork, [p]);
    }
    byVnet.forEach((same, vnet) => {
      if (same.length < 2) return;
      for (const p of same) {
        const others = same.filter((o) => o !== p).slice(0, 3).map((o) => o.address).join(', ');
        ctx.error(p, `${vnet} has ${same.length} peerings with use_remote_gateways = true (also ${others}); only one peering per VNet may use remote gateways — keep it on the hub peering only`);
      }
    });
  },
};

const useRemoteNoLocalGateway: Rule = {
  id: 'peer.use-remote-no-local-gw',
  severity: Severity.ERROR,
  summary: 'A VNet with its own gateway cannot use remote gateways, and one peering cannot both allow gateway transit and use remote gateways.',
  source: SOURCES.PEER,
  check(ctx) {
    const peerings = ctx.topology.peerings;
    for (let i = 0; i < peerings.length; i++) {
      const peering = peerings[i];
      if (peering.useRemoteGateways !== true) continue;
      if (peering.allowGatewayTransit === true) {
        ctx.error(peering, 'allow_gateway_transit and use_remote_gateways are both true; a peering either offers this VNet\'s gateway or uses the remote one — set one of them to false');
      }
      if (!isKnown(peering.virtualNetwork)) continue;
      const own = ctx.lookup.gatewaysInVnet(peering.virtualNetwork);
      if (own.length > 0) {
        ctx.error(peering, `use_remote_gateways = true but ${peering.virtualNetwork} has its own gateway ${own[0].address}; a VNet with a gateway cannot use remote gateways — set use_remote_gateways = false or remove the local gateway`);
      }
    }
  },
};

const bothSides: Rule = {
  id: 'peer.both-sides',
  severity: Severity.ERROR,
  summary: 'Every peering needs the peering in the other direction; until both exist the status stays Initiated and no traffic flows.',
  source: SOURCES.PEER,
  check(ctx) {
    const index = indexOf(ctx.lookup);
    const peerings = ctx.topology.peerings;
    for (let i = 0; i < peerings.length; i++) {
      const peering = peerings[i];
      if (peering.virtualNetwork === undefined || peering.remoteVirtualNetwork === undefined) continue;
      const local = knownOrSkipped(ctx, peering, 'virtual_network_name', peering.virtualNetwork);
      const remote = knownOrSkipped(ctx, peering, 'remote_virtual_network_id', peering.remoteVirtualNetwork);
      if (local === undefined || remote === undefined) continue;
      if (peeringFrom(index, remote, local)) continue;
      const remoteVnet = ctx.lookup.virtualNetwork(remote);
      if (!remoteVnet || remoteVnet.external) {
        ctx.info(peering, `the remote virtual network ${remote} ${isDataAddress(remote) ? 'is a data source, not managed by' : 'is not declared in'} this configuration; make sure the peering back to ${local} is created there, or the peering stays Initiated`);
      } else {
        ctx.error(peering, `there is no peering from ${remote} back to ${local}; add an azurerm_virtual_network_peering in that direction, or the peering stays Initiated and carries no traffic`);
      }
    }
  },
};

const onPremPrefixes: Rule = {
  id: 'peer.onprem-prefixes',
  severity: Severity.WARNING,
  summary: 'With static (non-BGP) site-to-site connections on a hub, the on-premises device must route the prefixes of the spokes that use the hub gateway.',
  source: SOURCES.PEER,
  check(ctx) {
    const index = indexOf(ctx.lookup);
    for (const [hub, spokePeerings] of index.usingRemoteGateways) {
      const gateways = ctx.lookup.gatewaysInVnet(hub);
      if (gateways.length === 0) continue;
      const prefixes: string[] = [];
      const seen = new Set<string>();
      for (const p of spokePeerings) {
        const spoke = ctx.lookup.virtualNetwork(p.virtualNetwork);
        if (!spoke || seen.has(spoke.address)) continue;
        seen.add(spoke.address);
        prefixes.push(...spoke.addressSpace.items);
      }
      if (prefixes.length === 0) continue;
      const shown = prefixes.length > 5 ? `${show(prefixes.slice(0, 5))} and ${prefixes.length - 5} more` : show(prefixes);
      for (const gateway of gateways) {
        for (const connection of ctx.lookup.connectionsOf(gateway.address)) {
          if (connection.connectionType !== IPSEC) continue;
          const bgp = connectionBgpOf(connection);
          if (bgp instanceof Unknown) {
            ctx.skipped(connection, 'bgp_enabled', bgp);
          } else if (!bgp) {
            ctx.warning(connection, `this static (non-BGP) connection is on the hub gateway used by ${seen.size} spoke VNet(s); the on-premises device must also route the spoke prefixes ${shown} into this tunnel (or use BGP, which advertises them)`);
          }
        }
      }
    }
  },
};

const spokePropagation: Rule = {
  id: 'peer.spoke-propagation',
  severity: Severity.WARNING,
  summary: 'A spoke subnet whose route table disables BGP route propagation does not receive the hub gateway\'s routes.',
  source: SOURCES.TRANSIT,
  check(ctx) {
    const index = indexOf(ctx.lookup);
    const spokes = new Set<string>();
    for (const peerings of index.usingRemoteGateways.values()) {
      for (const p of peerings) if (isKnown(p.virtualNetwork)) spokes.add(p.virtualNetwork);
    }
    spokes.forEach((address) => {
      const vnet = ctx.lookup.virtualNetwork(address);
      if (!vnet) return;
      for (const subnetAddress of vnet.subnets) {
        const subnet = ctx.lookup.subnet(subnetAddress);
        const table = subnet ? ctx.lookup.routeTable(subnet.routeTable) : undefined;
        if (!subnet || !table || table.bgpRoutePropagationEnabled !== false) continue;
        ctx.warning(subnet, `route table ${table.address} has bgp_route_propagation_enabled = false, so this subnet of a spoke that uses the hub gateway gets no routes to on-premises or P2S clients; enable propagation, or add user-defined routes on purpose (e.g. through a firewall)`);
      }
    });
  },
};

const plusV2v: Rule = {
  id: 'peer.plus-v2v',
  severity: Severity.WARNING,
  summary: 'When two VNets are both peered and VPN-connected, traffic uses the peering, not the VNet-to-VNet tunnel.',
  source: SOURCES.PEER,
  check(ctx) {
    const index = indexOf(ctx.lookup);
    for (const connection of ctx.topology.connections) {
      if (connection.connectionType !== VNET2VNET) continue;
      const own = ctx.lookup.gateway(connection.gateway);
      const peer = ctx.lookup.gateway(connection.peerGateway);
      const a = own ? ctx.lookup.gatewayVnet(own) : undefined;
      const b = peer ? ctx.lookup.gatewayVnet(peer) : undefined;
      if (!a || !b || a === b) continue;
      if (peeringFrom(index, a.address, b.address) || peeringFrom(index, b.address, a.address)) {
        ctx.warning(connection, `${a.address} and ${b.address} are also peered, so traffic between them uses the peering and this VNet-to-VNet connection carries none of it; remove one of the two`);
      }
    }
  },
};

export const peeringRules: Rule[] = [
  noOverlap,
  useRemoteNeedsGateway,
  useRemoteSingle,
  useRemoteNoLocalGateway,
  bothSides,
  onPremPrefixes,
  spokePropagation,
  plusV2v,
];

export const peeringLeftOut: LeftOut[] = [
  { id: 'peer.global-transit', reason: 'Azure supports gateway transit over global peering; cross-cloud peering cannot be expressed in one azurerm configuration' },
  { id: 'peer.non-transitive', reason: 'spoke-to-spoke reachability needs the routing (NVA, UDRs, Route Server) picture; left to the reachability report', source: SOURCES.PEER },
  { id: 'peer.classic', reason: 'azurerm 4.x has no classic (ASM) resources, and classic VPN gateways are retired' },
];
