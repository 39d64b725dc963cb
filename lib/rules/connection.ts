import { vpnSku } from '../azure/sku-capabilities';
import { Connection, Entity, LocalNetworkGateway, RandomPasswordSpec, VirtualNetworkGateway } from '../model/topology';
import { isUnknown, Maybe, MaybeList, Unknown } from '../model/unknown';
import { findOverlaps, isApipa, isPrivate, isPublicAddress, parseAddress } from '../private/cidr';
import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { externalUnknown, knownOrSkipped, listEntities, othersThan, show } from './support';
import { anyNat, connectedNetworks, natLinked, describeOthers, describePrefix, OverlapReports, reportUndecided, siteIsSuperset } from './connected-networks';
import { multiDevice, multiTunnelSameSite } from './connection-sites';
import { v2vPair, v2vRedundant, v2vSamePolicy } from './connection-v2v';
import { activeActiveOf, connectionBgpOf, isVpnGateway, vpnTypeOf } from '../azure/defaults';
import { SOURCES } from '../azure/sources';
import { CONNECTION_TYPES, EXPRESS_ROUTE, EXPRESS_ROUTE_GATEWAY, IPSEC, VNET2VNET } from '../azure/connection-types';

/**
 * Connection rules (`conn.*` in RULES.md): what a `azurerm_virtual_network_gateway_connection`
 * needs from its type, its gateways, its shared key, its reverse half and its neighbours on the
 * same gateway.
 */

/** The smallest route-based tunnel maximum in the SKU matrix (Basic, legacy Standard). */
const MIN_ROUTE_BASED_TUNNELS = 10;
const MAX_SHARED_KEY_LENGTH = 128;

// ---------------------------------------------------------------------------------------------
// conn.type.required-peer
// ---------------------------------------------------------------------------------------------

const typeRequiredPeer: Rule = {
  id: 'conn.type.required-peer',
  severity: Severity.ERROR,
  summary:
    'A connection names the peer its type needs (IPsec: local_network_gateway_id, Vnet2Vnet: peer_virtual_network_gateway_id, ExpressRoute: express_route_circuit_id), and its gateways are of the matching gateway type.',
  source: SOURCES.TF_CONN,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.connectionType === undefined) {
        ctx.error(c, `type is not set; azurerm requires one of ${CONNECTION_TYPES.map(show).join(', ')}`);
        continue;
      }
      const type = knownOrSkipped(ctx, c, 'type', c.connectionType);
      if (type === undefined) continue;
      if (!CONNECTION_TYPES.includes(type)) {
        ctx.error(c, `type ${show(type)} is not a connection type; use exactly one of ${CONNECTION_TYPES.map(show).join(', ')} (the value is case-sensitive)`);
        continue;
      }
      if (type === IPSEC) {
        requireReference(ctx, c, 'local_network_gateway_id', c.localGateway, 'localGateway', 'an azurerm_local_network_gateway');
      } else if (type === VNET2VNET) {
        requireReference(ctx, c, 'peer_virtual_network_gateway_id', c.peerGateway, 'gateway', 'an azurerm_virtual_network_gateway');
      } else if (c.expressRouteCircuit === undefined) {
        ctx.error(c, 'type = "ExpressRoute" needs express_route_circuit_id; set it to the ExpressRoute circuit this connection links');
      }
      checkGatewayType(ctx, c, 'virtual_network_gateway_id', c.gateway, type);
      if (type === VNET2VNET) checkGatewayType(ctx, c, 'peer_virtual_network_gateway_id', c.peerGateway, type);
    }
  },
};

function requireReference(
  ctx: RuleContext,
  c: Connection,
  attribute: string,
  reference: Maybe<string> | undefined,
  kind: Entity['kind'],
  description: string,
): void {
  if (reference === undefined) {
    ctx.error(c, `type = ${show(c.connectionType)} needs ${attribute}; set it to ${description}`);
    return;
  }
  const target = ctx.lookup.get(reference);
  if (target && !target.external && target.kind !== kind) {
    ctx.error(c, `${attribute} points at ${target.address} (${target.type}); it must be ${description}`);
  }
}

function checkGatewayType(ctx: RuleContext, c: Connection, attribute: string, reference: Maybe<string> | undefined, connectionType: string): void {
  const g = ctx.lookup.gateway(reference);
  if (!g || g.external) return;
  const vpn = isVpnGateway(g);
  if (isUnknown(vpn)) {
    ctx.skipped(c, `the type of ${g.address}`, vpn);
    return;
  }
  const wanted = connectionType === EXPRESS_ROUTE ? EXPRESS_ROUTE_GATEWAY : 'Vpn';
  if ((wanted === 'Vpn') !== vpn) {
    ctx.error(c, `${attribute} points at ${g.address}, whose type is ${show(g.gatewayType)}; a ${show(connectionType)} connection needs a gateway with type = ${show(wanted)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// conn.routebased
// ---------------------------------------------------------------------------------------------

const routeBased: Rule = {
  id: 'conn.routebased',
  severity: Severity.ERROR,
  summary: 'VNet-to-VNet connections need route-based gateways on both ends, and a gateway with several site-to-site connections (multi-site) must be route-based.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.connectionType !== VNET2VNET) continue;
      for (const [role, ref] of [['virtual_network_gateway_id', c.gateway], ['peer_virtual_network_gateway_id', c.peerGateway]] as const) {
        const g = ctx.lookup.gateway(ref);
        if (!g) continue;
        if (g.external) {
          ctx.skipped(c, `vpn_type of ${g.address}`, externalUnknown(g));
          continue;
        }
        const vpnType = knownOrSkipped(ctx, c, `vpn_type of ${g.address}`, vpnTypeOf(g));
        if (vpnType === 'PolicyBased') {
          ctx.error(c, `${role} points at ${g.address} with vpn_type "PolicyBased"; VNet-to-VNet connections need vpn_type = "RouteBased" on both gateways (the vpn_type of an existing gateway cannot change: re-create it)`);
        }
      }
    }
    for (const g of ctx.topology.gateways) {
      if (g.external || isVpnGateway(g) !== true) continue;
      const siteToSite = ctx.lookup.connectionsOf(g.address).filter((c) => c.connectionType === IPSEC);
      if (siteToSite.length < 2) continue;
      const vpnType = knownOrSkipped(ctx, g, 'vpn_type', vpnTypeOf(g));
      if (vpnType === 'PolicyBased') {
        ctx.error(g, `vpn_type is "PolicyBased" but ${siteToSite.length} IPsec connections use this gateway (${listEntities(siteToSite)}); multi-site connections need vpn_type = "RouteBased" (re-create the gateway; use use_policy_based_traffic_selectors for policy-based devices)`);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// conn.tunnel-limit
// ---------------------------------------------------------------------------------------------

const tunnelLimit: Rule = {
  id: 'conn.tunnel-limit',
  severity: Severity.ERROR,
  summary: "The site-to-site and VNet-to-VNet connections of a gateway stay within its SKU's tunnel maximum (policy-based: 1).",
  source: SOURCES.SKUS,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external || isVpnGateway(g) !== true) continue;
      let tunnels = 0;
      let undecided = 0;
      let unknownType: Unknown | undefined;
      for (const c of ctx.lookup.connectionsOf(g.address)) {
        if (isUnknown(c.connectionType)) {
          undecided++;
          unknownType ??= c.connectionType;
        } else if (c.connectionType === IPSEC || c.connectionType === VNET2VNET) {
          tunnels++;
        }
      }
      if (tunnels + undecided === 0) continue;
      const limit = tunnelMaximum(g);
      if (isUnknown(limit)) {
        // Every route-based SKU allows at least 10 tunnels and every gateway at least 1.
        const floor = vpnTypeOf(g) === 'RouteBased' ? MIN_ROUTE_BASED_TUNNELS : 1;
        if (tunnels + undecided > floor) ctx.skipped(g, 'the tunnel maximum (sku or vpn_type)', limit);
        continue;
      }
      if (limit === undefined) continue;
      const what = `${tunnels} site-to-site/VNet-to-VNet connection${tunnels === 1 ? '' : 's'}`;
      if (tunnels > limit) {
        ctx.error(g, `${what} use this gateway, more than the ${limit} tunnel${limit === 1 ? '' : 's'} ${describeTunnelLimit(g)} allows; use a larger sku (VpnGw4AZ/VpnGw5AZ allow 100), spread the sites over gateways, or use Virtual WAN`);
      } else if (tunnels + undecided > limit && unknownType) {
        ctx.skipped(g, 'the type of some connections counted against the tunnel maximum', unknownType);
      } else if (activeActiveOf(g) === true && tunnels * 2 > limit) {
        ctx.warning(g, `${what} on an active-active gateway may count as ${tunnels * 2} tunnels, more than the ${limit} ${describeTunnelLimit(g)} allows; whether Azure counts both instances is unconfirmed, so leave headroom or use a larger sku`);
      }
    }
  },
};

/** The tunnel maximum, undefined for a SKU outside the VPN matrix (reported by the gateway rules). */
function tunnelMaximum(g: VirtualNetworkGateway): number | undefined | Unknown {
  const vpnType = vpnTypeOf(g);
  if (vpnType === 'PolicyBased') return 1;
  if (isUnknown(vpnType)) return vpnType;
  if (g.sku === undefined) return undefined;
  if (isUnknown(g.sku)) return g.sku;
  return vpnSku(g.sku)?.maxTunnels;
}

function describeTunnelLimit(g: VirtualNetworkGateway): string {
  return vpnTypeOf(g) === 'PolicyBased' ? 'a PolicyBased gateway' : `sku ${show(g.sku)}`;
}

// ---------------------------------------------------------------------------------------------
// conn.no-overlap
// ---------------------------------------------------------------------------------------------

const noOverlap: Rule = {
  id: 'conn.no-overlap',
  severity: Severity.ERROR,
  summary:
    "The gateway's VNet, the VNets of its VNet-to-VNet peers and the sites of its connections have no overlapping address space, unless NAT rules linked to the connection translate it.",
  source: SOURCES.FAQ,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external) continue;
      const { prefixes, undecided } = connectedNetworks(ctx.lookup, g);
      reportUndecided(ctx, undecided);
      const candidates = prefixes.filter((p) => {
        const nat = anyNat(p.data);
        if (isUnknown(nat)) {
          ctx.skipped(p.data.connection!, 'the NAT rules linked to the connection', nat);
          return false;
        }
        return !nat;
      });
      const overlaps = new OverlapReports();
      for (const { a, b } of findOverlaps(candidates)) {
        // Two sites overlapping is `lng.prefix-overlap`; a site wider than a VNet is `lng.superset`.
        if (a.data.side === 'site' && b.data.side === 'site') continue;
        if (siteIsSuperset(a, b) || siteIsSuperset(b, a)) continue;
        const [own, other] = b.data.connection ? [b, a] : [a, b];
        if (own.data.connection) overlaps.add(own.data.connection, own, other);
      }
      for (const r of overlaps.reports()) {
        ctx.error(
          r.on,
          `${describePrefix(r.own)} overlaps ${describeOthers(r)}; both are reached through ${g.address}, and Azure rejects a connection whose networks overlap. Renumber one side, or translate it with NAT rules linked to the connection (ingress_nat_rule_ids/egress_nat_rule_ids)`,
        );
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// conn.shared-key
// ---------------------------------------------------------------------------------------------

const sharedKey: Rule = {
  id: 'conn.shared-key',
  severity: Severity.ERROR,
  summary:
    'An IPsec or Vnet2Vnet shared_key is set and is 1–128 printable ASCII characters without spaces (a hyphen or tilde is discouraged); where it comes from is secret.literal.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.connectionType !== IPSEC && c.connectionType !== VNET2VNET) continue;
      const key = c.sharedKey;
      if (key === undefined) {
        ctx.warning(
          c,
          c.connectionType === VNET2VNET
            ? 'shared_key is not set; Azure generates a random key per connection, so the two halves of the VNet-to-VNet link will not match. Set it from a sensitive variable, a random_password or Key Vault'
            : 'shared_key is not set; Azure generates a random key that you must read back and enter on the on-premises device. Set it from a sensitive variable, a random_password or Key Vault',
        );
        continue;
      }
      if (isUnknown(key)) {
        if (c.sharedKeyGenerator) checkGeneratedKey(ctx, c, c.sharedKeyGenerator);
        else ctx.skipped(c, 'shared_key', key);
        continue;
      }
      // Never echo the key or any part of it. That it is written literally at all is secret.literal's.
      if (key.length === 0) {
        ctx.error(c, 'shared_key is empty; use 1–128 printable ASCII characters');
        continue;
      }
      if (key.length > MAX_SHARED_KEY_LENGTH) {
        ctx.error(c, `shared_key is ${key.length} characters long; use at most ${MAX_SHARED_KEY_LENGTH} printable ASCII characters`);
      }
      if (key.includes(' ')) {
        ctx.error(c, 'shared_key contains a space; use printable ASCII characters without spaces');
      }
      if (/[^\x20-\x7e]/.test(key)) {
        ctx.error(c, 'shared_key contains a character outside printable ASCII (a control character or non-ASCII letter); use printable ASCII characters only');
      }
      if (/[-~]/.test(key)) {
        ctx.warning(c, 'shared_key contains a hyphen (-) or tilde (~); the current VPN Gateway FAQ excludes these characters (the azurerm acceptance tests still use hyphens), so avoid them');
      }
    }
  },
};

/** The random provider's default `override_special` set. */
const RANDOM_DEFAULT_SPECIAL = '!@#$%&*()-_=+[]{}<>:?';

/**
 * A key generated by a `random_password` is unknown, but its length and character set are
 * configured: decide the rule from them instead of skipping it.
 */
function checkGeneratedKey(ctx: RuleContext, c: Connection, generator: RandomPasswordSpec): void {
  const length = knownOrSkipped(ctx, c, `length of ${generator.address}`, generator.length);
  if (length !== undefined && (length < 1 || length > MAX_SHARED_KEY_LENGTH)) {
    ctx.error(c, `shared_key comes from ${generator.address} with length = ${length}; use a length between 1 and ${MAX_SHARED_KEY_LENGTH}`);
  }
  const special = knownOrSkipped(ctx, c, `special of ${generator.address}`, generator.special ?? true);
  if (special !== true) return;
  const alphabet = knownOrSkipped(ctx, c, `override_special of ${generator.address}`, generator.overrideSpecial ?? RANDOM_DEFAULT_SPECIAL);
  if (alphabet === undefined) return;
  if (alphabet.includes(' ') || /[^\x20-\x7e]/.test(alphabet)) {
    ctx.error(c, `shared_key comes from ${generator.address}, whose override_special allows a space or a character outside printable ASCII; remove them from override_special, or set special = false`);
  }
  if (/[-~]/.test(alphabet)) {
    ctx.warning(
      c,
      `shared_key comes from ${generator.address}, which may draw a hyphen (-) or tilde (~)${generator.overrideSpecial === undefined ? ' (the random provider\'s default special characters include "-")' : ''}; the current VPN Gateway FAQ excludes them: set special = false, or an override_special without - and ~`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// conn.ikev1, conn.ikev1.rekey
// ---------------------------------------------------------------------------------------------

const ipv6DualStack: Rule = {
  id: 'conn.ipv6-dual-stack',
  severity: Severity.ERROR,
  summary: 'IPv6 inside site-to-site tunnels (IPv6 prefixes on the gateway\'s VNet or the local network gateway) needs a VpnGw1AZ–VpnGw5AZ gateway and IKEv2.',
  source: `${SOURCES.IPV6} (IPv6 dual-stack site-to-site: AZ SKUs only, IKEv2 only, IPv4 outer addresses)`,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.external || c.connectionType !== 'IPsec') continue;
      const g = ctx.lookup.gateway(c.gateway);
      const lng = ctx.lookup.localGateway(c.localGateway);
      if (!g || g.external) continue;
      const vnet = ctx.lookup.gatewayVnet(g);
      const ipv6 = [...(vnet?.addressSpace.items ?? []), ...(lng && !lng.external ? lng.addressSpace.items : [])].filter((t) => parseAddressOrPrefixVersion(t) === 6);
      if (ipv6.length === 0) continue;
      const protocol = c.connectionProtocol;
      if (protocol instanceof Unknown) ctx.skipped(c, 'connection_protocol', protocol);
      else if (protocol === 'IKEv1') {
        ctx.error(c, `connection_protocol = "IKEv1" on a connection that carries IPv6 (${show(ipv6.slice(0, 3))}); Azure's dual-stack site-to-site supports IKEv2 only — remove connection_protocol (IKEv2 is the default)`);
      }
      const sku = knownOrSkipped(ctx, c, `sku of ${g.address}`, g.sku);
      if (sku !== undefined && !/^VpnGw[1-5]AZ$/.test(sku)) {
        ctx.error(c, `the gateway ${g.address} has sku = ${show(sku)}, but this connection carries IPv6 (${show(ipv6.slice(0, 3))}); dual-stack site-to-site needs one of VpnGw1AZ–VpnGw5AZ`);
      }
    }
  },
};

const ikev1: Rule = {
  id: 'conn.ikev1',
  severity: Severity.ERROR,
  summary: 'connection_protocol = "IKEv1" is only for IPsec connections on route-based gateways of a non-Basic, non-legacy SKU (or policy-based gateways, which only speak IKEv1).',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.connectionProtocol !== 'IKEv1') continue;
      if (c.connectionType === VNET2VNET || c.connectionType === EXPRESS_ROUTE) {
        ctx.error(c, `connection_protocol = "IKEv1" is only valid for type = "IPsec", not ${show(c.connectionType)}; remove connection_protocol (IKEv2 is the default)`);
        continue;
      }
      const g = ctx.lookup.gateway(c.gateway);
      if (!g || g.external) continue;
      const vpnType = knownOrSkipped(ctx, c, `vpn_type of ${g.address}`, vpnTypeOf(g));
      if (vpnType !== 'RouteBased') continue;
      const sku = knownOrSkipped(ctx, c, `sku of ${g.address}`, g.sku);
      const caps = sku === undefined ? undefined : vpnSku(sku);
      if (caps && !caps.ikev1RouteBased) {
        ctx.error(c, `connection_protocol = "IKEv1" is not supported on sku ${show(sku)} of ${g.address}; use IKEv2 (the default) or a VpnGw1AZ–VpnGw5AZ gateway`);
      }
    }
  },
};

const ikev1Rekey: Rule = {
  id: 'conn.ikev1.rekey',
  severity: Severity.WARNING,
  summary: 'IKEv1 tunnels drop for a few seconds at every Main Mode rekey; prefer IKEv2.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.connectionProtocol === 'IKEv1') {
        ctx.warning(c, 'connection_protocol = "IKEv1": the tunnel disconnects for up to ~5 seconds at every Main Mode rekey; use IKEv2 where the device supports it (connection_protocol forces a new connection)');
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// conn.dpd, conn.routing-weight, conn.mode
// ---------------------------------------------------------------------------------------------

const dpd: Rule = {
  id: 'conn.dpd',
  severity: Severity.ERROR,
  summary: 'dpd_timeout_seconds lies between 9 and 3600 seconds (30–45 recommended).',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.dpdTimeoutSeconds === undefined) continue;
      const seconds = knownOrSkipped(ctx, c, 'dpd_timeout_seconds', c.dpdTimeoutSeconds);
      if (seconds === undefined) continue;
      if (!Number.isInteger(seconds) || seconds < 9 || seconds > 3600) {
        ctx.error(c, `dpd_timeout_seconds ${seconds} is outside 9–3600; use a whole number of seconds in that range (30–45 recommended, default 45)`);
      } else if (seconds < 30) {
        ctx.warning(c, `dpd_timeout_seconds ${seconds} is below the recommended 30–45 seconds; short timeouts tear tunnels down on brief packet loss`);
      }
    }
  },
};

const routingWeight: Rule = {
  id: 'conn.routing-weight',
  severity: Severity.WARNING,
  summary: 'routing_weight is meant for ExpressRoute connections; VPN connections prefer a path with BGP AS-path prepending.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.routingWeight === undefined) continue;
      if (c.connectionType !== IPSEC && c.connectionType !== VNET2VNET) continue;
      ctx.warning(c, `routing_weight is set on a ${show(c.connectionType)} connection; it is reserved for ExpressRoute. Remove it and prefer one VPN path with BGP AS-path prepending on the device`);
    }
  },
};

const mode: Rule = {
  id: 'conn.mode',
  severity: Severity.WARNING,
  summary: 'connection_mode only applies to IKEv2 connections on route-based gateways; the two halves of a VNet-to-VNet link must not both be ResponderOnly (neither gateway would start IKE).',
  source: SOURCES.SETTINGS,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.connectionMode === undefined || c.connectionMode === 'Default') continue;
      if (c.connectionMode === 'ResponderOnly' && c.connectionType === VNET2VNET) {
        const reverse = ctx.lookup.reverseConnection(c);
        // Reported once, on the pair's first half by address.
        if (reverse?.connectionMode === 'ResponderOnly' && c.address < reverse.address) {
          ctx.warning(c, `connection_mode = "ResponderOnly" on both halves of the VNet-to-VNet link (${c.address}, ${reverse.address}): neither gateway starts IKE, so the tunnel never comes up. Set one half to "Default" or "InitiatorOnly"`);
        }
      }
      const g = ctx.lookup.gateway(c.gateway);
      const policyBased = g !== undefined && !g.external && vpnTypeOf(g) === 'PolicyBased';
      const reason =
        c.connectionProtocol === 'IKEv1'
          ? 'with connection_protocol = "IKEv1"; it only governs IKEv2 initiation. Remove it or use IKEv2'
          : policyBased
            ? `on the PolicyBased gateway ${g!.address}; it only applies to route-based gateways. Remove it`
            : undefined;
      if (reason === undefined) continue;
      if (isUnknown(c.connectionMode)) {
        // An unknown mode might be "Default", which is harmless.
        ctx.skipped(c, 'connection_mode', c.connectionMode);
        continue;
      }
      ctx.warning(c, `connection_mode = ${show(c.connectionMode)} has no effect ${reason}`);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// conn.pbts, conn.traffic-selector-policy
// ---------------------------------------------------------------------------------------------

const pbts: Rule = {
  id: 'conn.pbts',
  severity: Severity.ERROR,
  summary:
    'use_policy_based_traffic_selectors is for IKEv2 connections on route-based gateways, cannot be combined with NAT rules, and the networks behind it do not transit to other connections.',
  source: SOURCES.PBTS,
  check(ctx) {
    const tunnelsByGateway = new Map<string, Connection[]>();
    for (const c of ctx.topology.connections) {
      if (isUnknown(c.usePolicyBasedTrafficSelectors)) {
        if (natLinked(c.ingressNatRules) === true || natLinked(c.egressNatRules) === true) {
          ctx.skipped(c, 'use_policy_based_traffic_selectors (NAT rules are linked)', c.usePolicyBasedTrafficSelectors);
        }
        continue;
      }
      if (c.usePolicyBasedTrafficSelectors !== true) continue;
      const nat = natLinked(c.ingressNatRules) === true || natLinked(c.egressNatRules) === true;
      if (nat) {
        ctx.error(c, 'use_policy_based_traffic_selectors = true cannot be combined with NAT rules (ingress_nat_rule_ids/egress_nat_rule_ids); remove the NAT rules or the policy-based traffic selectors');
      } else {
        const u = c.ingressNatRules.unknown ?? c.egressNatRules.unknown;
        if (u) ctx.skipped(c, 'the NAT rules linked to the connection', u);
      }
      if (c.connectionProtocol === 'IKEv1') {
        ctx.warning(c, 'use_policy_based_traffic_selectors = true with connection_protocol = "IKEv1": policy-based traffic selectors are documented for IKEv2 devices only; use IKEv2');
      }
      const g = ctx.lookup.gateway(c.gateway);
      if (!g || g.external) continue;
      if (vpnTypeOf(g) === 'PolicyBased') {
        ctx.warning(c, `use_policy_based_traffic_selectors = true is needless on the PolicyBased gateway ${g.address}, which always uses policy-based selectors; remove it`);
        continue;
      }
      let tunnels = tunnelsByGateway.get(g.address);
      if (!tunnels) {
        tunnels = ctx.lookup.connectionsOf(g.address).filter((o) => o.connectionType === IPSEC || o.connectionType === VNET2VNET);
        tunnelsByGateway.set(g.address, tunnels);
      }
      const others = othersThan(tunnels, c);
      if (others.length > 0) {
        ctx.warning(c, `use_policy_based_traffic_selectors = true: the networks behind this connection cannot transit through ${g.address} to its other connections (${listEntities(others, tunnels.length - (c.connectionType === IPSEC || c.connectionType === VNET2VNET ? 1 : 0))}); only this site and the VNet reach each other`);
      }
    }
  },
};

const trafficSelectorPolicy: Rule = {
  id: 'conn.traffic-selector-policy',
  severity: Severity.WARNING,
  summary: 'traffic_selector_policy only takes effect with use_policy_based_traffic_selectors, and is only proposed when Azure initiates the tunnel.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.trafficSelectorPolicies.length === 0) continue;
      const enabled = knownOrSkipped(ctx, c, 'use_policy_based_traffic_selectors', c.usePolicyBasedTrafficSelectors ?? false);
      if (enabled === false) {
        ctx.warning(c, 'traffic_selector_policy is set but use_policy_based_traffic_selectors is not true, so the selectors are ignored; set use_policy_based_traffic_selectors = true or remove traffic_selector_policy');
      }
      if (c.connectionMode === 'ResponderOnly') {
        ctx.warning(c, 'traffic_selector_policy is set with connection_mode = "ResponderOnly"; Azure proposes custom selectors only when it initiates and accepts whatever the device proposes, so configure the same selectors on the device');
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// conn.custom-bgp-addresses
// ---------------------------------------------------------------------------------------------

const customBgpAddresses: Rule = {
  id: 'conn.custom-bgp-addresses',
  severity: Severity.ERROR,
  summary:
    "custom_bgp_addresses needs type IPsec and bgp_enabled, its primary is one of the gateway's first apipa_addresses, and its secondary (active-active gateways only) one of the second.",
  source: SOURCES.TF_CONN,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      const custom = c.customBgpAddresses;
      if (!custom) continue;
      const type = knownOrSkipped(ctx, c, 'type', c.connectionType);
      if (type !== undefined && type !== IPSEC) {
        ctx.error(c, `custom_bgp_addresses is set on a ${show(type)} connection; it only works with type = "IPsec". Remove the block`);
        continue;
      }
      const bgp = knownOrSkipped(ctx, c, 'bgp_enabled', connectionBgpOf(c));
      if (bgp === false) {
        ctx.error(c, 'custom_bgp_addresses is set but bgp_enabled is not true; azurerm silently drops the block on create. Set bgp_enabled = true or remove custom_bgp_addresses');
      }
      if (custom.primary === undefined) {
        ctx.error(c, 'custom_bgp_addresses has no primary; set primary to one of the APIPA addresses in the gateway\'s bgp_settings.peering_addresses[0].apipa_addresses');
      }
      const g = ctx.lookup.gateway(c.gateway);
      if (!g || g.external) continue;
      const peering = g.bgpSettings?.peeringAddresses ?? [];
      checkApipaChoice(ctx, c, g, 'primary', custom.primary, peering[0]?.apipaAddresses, 0);
      if (custom.secondary !== undefined) {
        const aa = knownOrSkipped(ctx, c, `active_active of ${g.address}`, activeActiveOf(g));
        if (aa === false) {
          ctx.error(c, `custom_bgp_addresses.secondary is set but ${g.address} is not active-active; an active-standby gateway takes primary alone. Remove secondary or set active_active = true`);
        } else if (aa === true) {
          checkApipaChoice(ctx, c, g, 'secondary', custom.secondary, peering[1]?.apipaAddresses, 1);
        }
      }
    }
  },
};

function checkApipaChoice(
  ctx: RuleContext,
  c: Connection,
  g: VirtualNetworkGateway,
  field: 'primary' | 'secondary',
  value: Maybe<string> | undefined,
  configured: MaybeList<string> | undefined,
  index: number,
): void {
  if (value === undefined) return;
  const address = knownOrSkipped(ctx, c, `custom_bgp_addresses.${field}`, value);
  if (address === undefined) return;
  const where = `bgp_settings.peering_addresses[${index}].apipa_addresses of ${g.address}`;
  if (!configured || (configured.items.length === 0 && !configured.unknown)) {
    ctx.error(c, `custom_bgp_addresses.${field} ${show(address)} needs a matching custom APIPA address, but ${where} is not set; add it there (169.254.21.0–169.254.22.255) or remove custom_bgp_addresses`);
    return;
  }
  if (configured.items.includes(address)) return;
  if (configured.unknown) {
    ctx.skipped(c, where, configured.unknown);
    return;
  }
  ctx.error(c, `custom_bgp_addresses.${field} ${show(address)} is not one of ${where} (${show(configured.items)}); pick one of those addresses`);
}

// ---------------------------------------------------------------------------------------------
// conn.public-endpoint
// ---------------------------------------------------------------------------------------------

const publicEndpoint: Rule = {
  id: 'conn.public-endpoint',
  severity: Severity.ERROR,
  summary: 'A local network gateway\'s gateway_address is the device\'s externally facing public IPv4 address, or a private address reached over ExpressRoute private peering (private_ip_address_enabled on the gateway, local_azure_ip_address_enabled on every connection).',
  source: `${SOURCES.FAQ}; ${SOURCES.VPN_OVER_ER} (site-to-site VPN over ExpressRoute private peering)`,
  check(ctx) {
    for (const lng of ctx.topology.localGateways) {
      if (lng.external || lng.gatewayAddress === undefined || lng.gatewayAddress === '') continue;
      const text = knownOrSkipped(ctx, lng, 'gateway_address', lng.gatewayAddress);
      if (text === undefined) continue;
      const address = parseAddress(text);
      if (!address) {
        ctx.error(lng, `gateway_address ${show(text)} is not an IP address; use the device's public IPv4 address, or gateway_fqdn for a DNS name`);
      } else if (!isPublicAddress(address)) {
        if (!isApipa(address) && isPrivate(address)) {
          if (overPrivatePeering(ctx, lng, text)) continue;
        }
        const kind = isApipa(address) ? 'a link-local (APIPA) address' : 'a private, loopback or reserved address';
        ctx.error(lng, `gateway_address ${show(text)} is ${kind}; Azure reaches the device over the Internet, so use its externally facing public IPv4 address (the public address of the NAT in front of it, if any), or, for site-to-site VPN over ExpressRoute private peering, set private_ip_address_enabled on the gateway and local_azure_ip_address_enabled on the connection`);
      } else if (address.version === 6) {
        ctx.warning(lng, `gateway_address ${show(text)} is an IPv6 address; site-to-site VPN is documented with an externally facing IPv4 address on the device`);
      }
    }
  },
};

/**
 * Site-to-site VPN over ExpressRoute private peering: a device at a private address is reached
 * when every connection to it sets local_azure_ip_address_enabled and its gateway has
 * private_ip_address_enabled. Returns true when that holds (or is undecided and reported as a
 * skip); reports the missing half as an error and returns true when one half is set.
 */
function overPrivatePeering(ctx: RuleContext, lng: LocalNetworkGateway, text: string): boolean {
  const connections = ctx.lookup.connectionsToLocalGateway(lng.address);
  if (connections.length === 0) return false;
  let handled = true;
  for (const connection of connections) {
    const gateway = ctx.lookup.gateway(connection.gateway);
    const local = connection.localAzureIpAddressEnabled;
    const privateIp = gateway?.privateIpAddressEnabled;
    if (local instanceof Unknown) { ctx.skipped(connection, 'local_azure_ip_address_enabled', local); continue; }
    if (privateIp instanceof Unknown && gateway) { ctx.skipped(gateway, 'private_ip_address_enabled', privateIp); continue; }
    if (local === true && privateIp === true) continue;
    if (local === true && gateway && !gateway.external) {
      ctx.error(connection, `local_azure_ip_address_enabled is set for the device at the private address ${show(text)}, but the gateway ${gateway.address} does not set private_ip_address_enabled; enable it, or the gateway has no private address to reach the device over ExpressRoute private peering`);
    } else if (privateIp === true) {
      ctx.error(connection, `the device's gateway_address ${show(text)} is private and the gateway has a private IP address, but this connection does not set local_azure_ip_address_enabled; set it to true so the tunnel runs over ExpressRoute private peering`);
    } else if (local === true) {
      continue; // An external gateway: its private_ip_address_enabled is not in this configuration.
    } else {
      handled = false;
    }
  }
  return handled;
}

function parseAddressOrPrefixVersion(text: string): 4 | 6 | undefined {
  return parseAddress(text.split('/')[0])?.version;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

export const connectionRules: Rule[] = [
  typeRequiredPeer,
  routeBased,
  tunnelLimit,
  noOverlap,
  v2vPair,
  v2vSamePolicy,
  sharedKey,
  ikev1,
  ikev1Rekey,
  ipv6DualStack,
  dpd,
  routingWeight,
  mode,
  pbts,
  trafficSelectorPolicy,
  multiTunnelSameSite,
  multiDevice,
  v2vRedundant,
  customBgpAddresses,
  publicEndpoint,
];

export const connectionLeftOut: LeftOut[] = [
  {
    id: 'conn.v2v.same-cloud',
    reason: 'The configuration model carries no provider environment (public, China, US Government), so which cloud each gateway lives in cannot be decided.',
  },
  {
    id: 'conn.p2s-s2s-same-ip',
    reason: 'The public IPs that point-to-site clients connect from are not part of any configuration.',
  },
  {
    id: 'conn.nat-t',
    reason: 'Advice about the on-premises device behind NAT (it must initiate); nothing in the configuration decides it.',
  },
  {
    id: 'conn.fragmentation',
    reason: 'Advice about MSS clamping and MTU on the on-premises device; nothing in the configuration decides it.',
  },
  {
    id: 'conn.s2s-cert-auth',
    reason: 'Azure supports site-to-site certificate authentication (GA; certificates in Key Vault, a user-assigned identity on the gateway), but azurerm has no attribute for it up to 5.2 (hashicorp/terraform-provider-azurerm#33449), so only an azapi_resource body could express it, and the model reads no azapi bodies.',
    source: 'https://github.com/hashicorp/terraform-provider-azurerm/issues/33449',
  },
];
