import { Route, RouteTable, Subnet, VirtualNetworkGateway } from '../model/topology';
import { isKnown, isUnknown } from '../model/unknown';
import { findOverlaps, Owned, parsePrefix } from '../private/cidr';
import { describeIpConfiguration, ipConfigurationsOf, isExpressRoute, listAddresses, subnetsOf, VpnCandidate, vpnCandidates } from './gateway-support';
import { GATEWAY_SUBNET, gatewayTypeOf, isGatewaySubnetName, vpnTypeOf } from '../azure/defaults';
import { SOURCES } from '../azure/sources';
import { Level, Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, show } from './support';

/**
 * A subnet that holds a VPN gateway, or is named GatewaySubnet and holds no gateway the
 * configuration knows of. Subnets that hold only ExpressRoute gateways are not this family's
 * business; subnets referenced by a literal Azure ID carry none of their attributes.
 */
interface GatewaySubnetUse {
  readonly subnet: Subnet;
  readonly vpn: VpnCandidate[];
  readonly expressRoute: VirtualNetworkGateway[];
}

// Built once per check (the lookup is shared by every rule of one check), used by eight rules.
const usesByLookup = new WeakMap<object, GatewaySubnetUse[]>();

function gatewaySubnetUses(ctx: RuleContext): GatewaySubnetUse[] {
  const cached = usesByLookup.get(ctx.lookup);
  if (cached) return cached;
  const uses = collectGatewaySubnetUses(ctx);
  usesByLookup.set(ctx.lookup, uses);
  return uses;
}

function collectGatewaySubnetUses(ctx: RuleContext): GatewaySubnetUse[] {
  const candidates = new Map(vpnCandidates(ctx).map((c) => [c.gateway, c]));
  const byAddress = new Map<string, GatewaySubnetUse>();
  const useOf = (subnet: Subnet): GatewaySubnetUse => {
    let use = byAddress.get(subnet.address);
    if (!use) {
      use = { subnet, vpn: [], expressRoute: [] };
      byAddress.set(subnet.address, use);
    }
    return use;
  };
  for (const gateway of ctx.topology.gateways) {
    const candidate = candidates.get(gateway);
    if (!candidate && !isExpressRoute(gateway)) continue;
    for (const subnet of subnetsOf(ctx, gateway)) {
      if (candidate) useOf(subnet).vpn.push(candidate);
      else useOf(subnet).expressRoute.push(gateway);
    }
  }
  for (const subnet of ctx.topology.subnets) {
    if (isKnown(subnet.name) && isGatewaySubnetName(subnet.name)) useOf(subnet);
  }
  return [...byAddress.values()].filter((u) => !u.subnet.external && (u.vpn.length > 0 || u.expressRoute.length === 0));
}

/**
 * Reports a finding about a gateway subnet. When every gateway in it has an unknown `type`, the
 * subnet may be an ExpressRoute-only one: report the skips instead.
 */
function reportSubnet(ctx: RuleContext, use: GatewaySubnetUse, level: Level, message: string): void {
  if (use.vpn.length === 0 || use.vpn.some((c) => !c.undecided)) {
    ctx.report(level, use.subnet, message);
    return;
  }
  for (const c of use.vpn) ctx.report(level, use.subnet, message, c.undecided);
}

function subnetLabel(subnet: Subnet): string {
  return isKnown(subnet.name) ? `subnet ${show(subnet.name)} (${subnet.address})` : subnet.address;
}

function associatedRouteTable(ctx: RuleContext, use: GatewaySubnetUse): RouteTable | undefined {
  const address = knownOrSkipped(ctx, use.subnet, 'the route table associated with the GatewaySubnet', use.subnet.routeTable);
  const table = ctx.lookup.routeTable(address);
  return table && !table.external ? table : undefined;
}

function routeLabel(route: Route): string {
  return isKnown(route.name) ? `route ${show(route.name)}` : 'a route';
}

const subnetName: Rule = {
  id: 'gw.subnet.name',
  severity: Severity.ERROR,
  summary: 'A VPN gateway must be placed in a subnet named exactly GatewaySubnet, and all its ip configurations in that one subnet.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const ipcs = ipConfigurationsOf(ctx, c.gateway);
      if (!ipcs) continue;
      for (const ipc of ipcs) {
        const address = knownOrSkipped(ctx, c.gateway, `${describeIpConfiguration(ipc)} subnet_id`, ipc.subnet);
        const subnet = ctx.lookup.subnet(address);
        if (!subnet) continue;
        const name = knownOrSkipped(ctx, c.gateway, `the name of ${subnet.address}`, subnet.name);
        if (name === undefined) continue;
        if (!isGatewaySubnetName(name)) {
          ctx.report('error', c.gateway, `${describeIpConfiguration(ipc)} subnet_id points at ${subnetLabel(subnet)}; a VPN gateway must sit in a subnet named exactly ${show(GATEWAY_SUBNET)}: rename the subnet or point subnet_id at the VNet's GatewaySubnet`, c.undecided);
        } else if (name !== GATEWAY_SUBNET) {
          ctx.report('warning', subnet, `subnet name ${show(name)} differs from ${show(GATEWAY_SUBNET)} only in case; azurerm accepts it but Azure documents the exact spelling: write name = ${show(GATEWAY_SUBNET)}`, c.undecided);
        }
      }
      const declared = subnetsOf(ctx, c.gateway).filter((s) => !s.external);
      if (declared.length > 1) {
        ctx.report('error', c.gateway, `ip_configuration blocks point at different subnets (${listAddresses(declared.map((s) => s.address))}); every ip_configuration of a gateway must use the same GatewaySubnet`, c.undecided);
      }
    }
  },
};

const subnetSize: Rule = {
  id: 'gw.subnet.size',
  severity: Severity.ERROR,
  summary: 'The GatewaySubnet must be /29 or larger for every SKU and /27 or larger for every SKU but Basic (a warning for Basic: migrations and ExpressRoute coexistence need /27).',
  source: SOURCES.SETTINGS,
  check(ctx) {
    for (const use of gatewaySubnetUses(ctx)) {
      const prefixes = use.subnet.addressPrefixes;
      if (prefixes.items.length === 0 && prefixes.unknown) {
        ctx.skipped(use.subnet, 'address_prefixes', prefixes.unknown);
        continue;
      }
      for (const text of prefixes.items) {
        const prefix = parsePrefix(text);
        if (!prefix) {
          reportSubnet(ctx, use, 'error', `address_prefixes value ${show(text)} of ${subnetLabel(use.subnet)} is not a valid CIDR prefix; write it like "10.0.255.0/27"`);
          continue;
        }
        if (prefix.version !== 4 || prefix.length <= 27) continue;
        if (prefix.length > 29) {
          reportSubnet(ctx, use, 'error', `address_prefixes ${show(text)} of ${subnetLabel(use.subnet)} is smaller than /29, the minimum for any gateway; use /27 or larger`);
          continue;
        }
        reportSmallerThan27(ctx, use, text);
      }
    }
  },
};

function reportSmallerThan27(ctx: RuleContext, use: GatewaySubnetUse, text: string): void {
  const what = `address_prefixes ${show(text)} of ${subnetLabel(use.subnet)} is smaller than /27`;
  if (use.vpn.length === 0) {
    ctx.warning(use.subnet, `${what}: only a Basic gateway fits, every other SKU needs /27 or larger; use /27 or larger`);
    return;
  }
  for (const c of use.vpn) {
    const sku = knownOrSkipped(ctx, c.gateway, 'sku', c.gateway.sku);
    if (sku === undefined) continue;
    if (sku === 'Basic') {
      ctx.report('warning', use.subnet, `${what}: a Basic gateway fits, but SKU migration and ExpressRoute coexistence need /27; use /27 or larger`, c.undecided);
    } else {
      ctx.report('error', use.subnet, `${what}: gateway ${c.gateway.address} with sku = ${show(sku)} needs /27 or larger (only Basic fits in /29–/28); use /27 or larger`, c.undecided);
    }
  }
}

const subnetNoNsg: Rule = {
  id: 'gw.subnet.no-nsg',
  severity: Severity.ERROR,
  summary: 'No network security group may be associated with the GatewaySubnet.',
  source: SOURCES.SETTINGS,
  azureError: 'NetworkSecurityGroupCannotBeAttachedToGatewaySubnet',
  check(ctx) {
    for (const use of gatewaySubnetUses(ctx)) {
      const nsg = knownOrSkipped(ctx, use.subnet, 'the network security group association', use.subnet.networkSecurityGroup);
      if (nsg === undefined) continue;
      reportSubnet(ctx, use, 'error', `${subnetLabel(use.subnet)} has network security group ${nsg} associated; Azure refuses NSGs on the GatewaySubnet: remove the association`);
    }
  },
};

const subnetNoDefaultUdr: Rule = {
  id: 'gw.subnet.no-default-udr',
  severity: Severity.ERROR,
  summary: 'A route table associated with the GatewaySubnet must not hold a 0.0.0.0/0 route; gateways with such a route are blocked from being created.',
  source: SOURCES.SETTINGS,
  check(ctx) {
    for (const use of gatewaySubnetUses(ctx)) {
      const table = associatedRouteTable(ctx, use);
      if (!table) continue;
      let found = false;
      let unknownPrefix = table.routesUnknown;
      for (const route of table.routes) {
        if (isUnknown(route.addressPrefix)) {
          unknownPrefix ??= route.addressPrefix;
          continue;
        }
        const prefix = parsePrefix(route.addressPrefix);
        if (prefix?.version === 4 && prefix.length === 0) {
          found = true;
          reportSubnet(ctx, use, 'error', `route table ${table.address} on ${subnetLabel(use.subnet)} has ${routeLabel(route)} with address_prefix ${show(route.addressPrefix)}; a default route on the GatewaySubnet is not supported: remove the route or associate another route table`);
        }
      }
      if (!found && unknownPrefix) ctx.skipped(use.subnet, `the routes of ${table.address}`, unknownPrefix);
    }
  },
};

const subnetBgpPropagation: Rule = {
  id: 'gw.subnet.bgp-propagation',
  severity: Severity.ERROR,
  summary: 'A route table associated with the GatewaySubnet must keep BGP route propagation enabled, or the gateway does not function.',
  source: SOURCES.SETTINGS,
  check(ctx) {
    for (const use of gatewaySubnetUses(ctx)) {
      const table = associatedRouteTable(ctx, use);
      if (!table) continue;
      const enabled = knownOrSkipped(ctx, table, 'bgp_route_propagation_enabled', table.bgpRoutePropagationEnabled);
      if (enabled !== false) continue;
      reportSubnet(ctx, use, 'error', `route table ${table.address} on ${subnetLabel(use.subnet)} has bgp_route_propagation_enabled = false; the gateway does not work without it: set bgp_route_propagation_enabled = true (disable_bgp_route_propagation = false in azurerm 3.x)`);
    }
  },
};

const subnetUdrOverlap: Rule = {
  id: 'gw.subnet.udr-overlap',
  severity: Severity.WARNING,
  summary: 'Routes on the GatewaySubnet must not cover the GatewaySubnet range itself: they break the gateway control and data path, and BGP between coexisting ExpressRoute and VPN gateways.',
  source: SOURCES.SETTINGS,
  check(ctx) {
    for (const use of gatewaySubnetUses(ctx)) {
      const table = associatedRouteTable(ctx, use);
      if (!table) continue;
      const items: Array<Owned<Route | undefined>> = [];
      for (const text of use.subnet.addressPrefixes.items) {
        const prefix = parsePrefix(text);
        if (prefix) items.push({ prefix, owner: 'subnet', data: undefined });
      }
      let unknownPrefix = table.routesUnknown ?? use.subnet.addressPrefixes.unknown;
      table.routes.forEach((route, index) => {
        if (isUnknown(route.addressPrefix)) {
          unknownPrefix ??= route.addressPrefix;
          return;
        }
        const prefix = parsePrefix(route.addressPrefix);
        // A default route is gw.subnet.no-default-udr's finding.
        if (prefix && prefix.length > 0) items.push({ prefix, owner: `route ${index}`, data: route });
      });
      let found = false;
      for (const { a, b } of findOverlaps(items)) {
        const [subnetSide, routeSide] = a.owner === 'subnet' ? [a, b] : b.owner === 'subnet' ? [b, a] : [undefined, undefined];
        if (!subnetSide || !routeSide?.data) continue;
        found = true;
        reportSubnet(ctx, use, 'warning', `route table ${table.address} has ${routeLabel(routeSide.data)} with address_prefix ${show(routeSide.prefix.text)} that overlaps the GatewaySubnet range ${show(subnetSide.prefix.text)}; routes covering the GatewaySubnet can break the gateway (and BGP with a coexisting ExpressRoute gateway): narrow or remove the route`);
      }
      if (!found && unknownPrefix) ctx.skipped(use.subnet, `the routes of ${table.address}`, unknownPrefix);
    }
  },
};

const subnetDedicated: Rule = {
  id: 'gw.subnet.dedicated',
  severity: Severity.ERROR,
  summary: 'The GatewaySubnet holds gateways only: no VMs, network interfaces, private endpoints or other services, and no delegation.',
  source: SOURCES.SETTINGS,
  check(ctx) {
    for (const use of gatewaySubnetUses(ctx)) {
      if (use.subnet.occupants.length > 0) {
        reportSubnet(ctx, use, 'error', `${subnetLabel(use.subnet)} also holds ${listAddresses(use.subnet.occupants)}; deploy nothing but gateways into the GatewaySubnet: move them to another subnet`);
      }
      if (use.subnet.delegated === true) {
        reportSubnet(ctx, use, 'error', `${subnetLabel(use.subnet)} has a delegation; the GatewaySubnet must not be delegated to a service: remove the delegation block`);
      }
    }
  },
};

const subnetIpv6: Rule = {
  id: 'gw.subnet.ipv6',
  severity: Severity.WARNING,
  summary: 'A dual-stack GatewaySubnet uses an IPv6 range of /64 or larger.',
  source: SOURCES.SETTINGS,
  check(ctx) {
    for (const use of gatewaySubnetUses(ctx)) {
      for (const text of use.subnet.addressPrefixes.items) {
        const prefix = parsePrefix(text);
        if (prefix?.version === 6 && prefix.length > 64) {
          reportSubnet(ctx, use, 'warning', `address_prefixes ${show(text)} of ${subnetLabel(use.subnet)} is an IPv6 range smaller than /64; a dual-stack GatewaySubnet needs /64 or larger`);
        }
      }
    }
  },
};

const onePerType: Rule = {
  id: 'gw.one-per-type',
  severity: Severity.ERROR,
  summary: 'A virtual network holds at most one gateway of type Vpn and one of type ExpressRoute.',
  source: SOURCES.SETTINGS,
  check(ctx) {
    for (const vnet of ctx.topology.virtualNetworks) {
      const gateways = ctx.lookup.gatewaysInVnet(vnet.address);
      if (gateways.length < 2) continue;
      const byType = new Map<string, VirtualNetworkGateway[]>();
      const unknownType: VirtualNetworkGateway[] = [];
      for (const g of gateways) {
        const kind = gatewayTypeOf(g);
        if (isUnknown(kind)) unknownType.push(g);
        else byType.set(kind, [...(byType.get(kind) ?? []), g]);
      }
      for (const [type, same] of byType) {
        if (same.length < 2) continue;
        for (const g of same) {
          const others = same.filter((o) => o !== g).map((o) => o.address);
          ctx.error(g, `virtual network ${vnet.address} also holds ${listAddresses(others)} of type = ${show(type)}; a virtual network can have only one gateway of each type: remove the extra gateway or move it to another virtual network`);
        }
      }
      for (const g of unknownType) {
        const kind = gatewayTypeOf(g);
        if (isUnknown(kind)) ctx.skipped(g, 'type', kind);
      }
    }
  },
};

const coexistRequirements: Rule = {
  id: 'coexist.requirements',
  severity: Severity.ERROR,
  summary: 'A VPN gateway that shares its virtual network with an ExpressRoute gateway must be route-based (and, per 2023–2024 docs, not dual-stack); Basic SKU, Basic public IPs and GatewaySubnet size are covered by gw.sku.basic-limits, gw.pip.standard and gw.subnet.size.',
  source: SOURCES.COEXIST,
  check(ctx) {
    for (const vnet of ctx.topology.virtualNetworks) {
      const gateways = ctx.lookup.gatewaysInVnet(vnet.address);
      if (gateways.length < 2) continue;
      const expressRoute = gateways.filter(isExpressRoute);
      const unknownType = gateways.filter((g) => isUnknown(gatewayTypeOf(g)));
      for (const g of gateways) {
        if (gatewayTypeOf(g) !== 'Vpn') continue;
        const others = unknownType.filter((o) => o !== g);
        if (expressRoute.length === 0 && others.length === 0) continue;
        const problems = coexistenceProblems(ctx, g);
        if (problems.length === 0) continue;
        if (expressRoute.length === 0) {
          for (const o of others) {
            const kind = gatewayTypeOf(o);
            if (isUnknown(kind)) ctx.skipped(o, 'type', kind);
          }
          continue;
        }
        for (const [level, message] of problems) {
          ctx.report(level, g, `virtual network ${vnet.address} also holds ExpressRoute gateway ${expressRoute[0].address}; ${message}`);
        }
      }
    }
  },
};

function coexistenceProblems(ctx: RuleContext, gateway: VirtualNetworkGateway): Array<[Level, string]> {
  const problems: Array<[Level, string]> = [];
  const vpnType = knownOrSkipped(ctx, gateway, 'vpn_type', vpnTypeOf(gateway));
  if (vpnType === 'PolicyBased') {
    problems.push(['error', 'coexistence needs vpn_type = "RouteBased" (use use_policy_based_traffic_selectors on connections to policy-based devices)']);
  }
  const dualStack = subnetsOf(ctx, gateway).some((s) => s.addressPrefixes.items.some((t) => parsePrefix(t)?.version === 6));
  if (dualStack) {
    problems.push(['warning', 'its GatewaySubnet is dual-stack, which ExpressRoute/VPN coexistence was documented not to support (2023–2024 docs; unconfirmed today): verify before relying on it']);
  }
  return problems;
}

export const gatewaySubnetRules: Rule[] = [
  subnetName,
  subnetSize,
  subnetNoNsg,
  subnetNoDefaultUdr,
  subnetBgpPropagation,
  subnetUdrOverlap,
  subnetDedicated,
  subnetIpv6,
  onePerType,
  coexistRequirements,
];
