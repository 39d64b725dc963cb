import { CREATABLE_VPN_SKUS } from '../azure/sku-capabilities';
import { PublicIp, VirtualNetworkGateway } from '../model/topology';
import { isKnown, isUnknown } from '../model/unknown';
import { hasAvailabilityZones, normalizeLocation } from '../azure/regions';
import { AttachedPublicIp, attachedPublicIps, describeIpConfiguration, gatewaySkuOf, ipConfigurationName, ipConfigurationsOf, listAddresses, VpnCandidate, vpnCandidates } from './gateway-support';
import { activeActiveOf, publicIpSkuOf, vpnTypeOf } from '../azure/defaults';
import { SOURCES } from '../azure/sources';
import { Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, show } from './support';

/** azurerm's `MaxItems` on `ip_configuration`. */
const MAX_IP_CONFIGURATIONS = 3;

function ofGateway(g: VirtualNetworkGateway, ipc: AttachedPublicIp): string {
  return `public IP of gateway ${g.address} (${describeIpConfiguration(ipc.ipConfiguration)})`;
}

/** Runs `each` for every declared public IP of every VPN gateway. */
function forEachGatewayPublicIp(ctx: RuleContext, each: (c: VpnCandidate, attached: AttachedPublicIp) => void): void {
  for (const c of vpnCandidates(ctx)) {
    for (const attached of attachedPublicIps(ctx, c.gateway)) each(c, attached);
  }
}

const pipStandard: Rule = {
  id: 'gw.pip.standard',
  severity: Severity.ERROR,
  summary: 'VPN gateways need Standard SKU public IPs (Basic ones are rejected and retired); for Basic-SKU gateways the docs conflict (FAQ: Basic IP only; CONSOL, Feb 2026: Standard required for new ones), and Standard is required here.',
  source: SOURCES.SKUS,
  azureError: 'PublicIpWithBasicSkuNotAllowedOnVPNGateways',
  check(ctx) {
    forEachGatewayPublicIp(ctx, (c, attached) => {
      const { publicIp } = attached;
      const sku = knownOrSkipped(ctx, publicIp, 'sku', publicIpSkuOf(publicIp));
      if (sku !== 'Basic') return;
      ctx.report('error', publicIp, `sku = "Basic" on the ${ofGateway(c.gateway, attached)}; VPN gateways need a Standard public IP (Basic IPs are rejected and retired): set sku = "Standard" and allocation_method = "Static"`, c.undecided);
    });
  },
};

const pipStatic: Rule = {
  id: 'gw.pip.static',
  severity: Severity.ERROR,
  summary: 'A Standard public IP must use allocation_method = "Static" (the azurerm 4.x default SKU is Standard).',
  source: SOURCES.FAQ,
  check(ctx) {
    forEachGatewayPublicIp(ctx, (c, attached) => {
      const { publicIp } = attached;
      const allocation = knownOrSkipped(ctx, publicIp, 'allocation_method', publicIp.allocationMethod);
      if (allocation !== 'Dynamic') return;
      const sku = knownOrSkipped(ctx, publicIp, 'sku', publicIpSkuOf(publicIp));
      if (sku !== 'Standard') return;
      const implied = publicIp.sku === undefined ? ' (sku is not set and defaults to "Standard")' : '';
      ctx.report('error', publicIp, `allocation_method = "Dynamic" on the Standard ${ofGateway(c.gateway, attached)}${implied}; Standard public IPs must be static: set allocation_method = "Static"`, c.undecided);
    });
  },
};

const pipZonesNonAz: Rule = {
  id: 'gw.pip.zones-non-az',
  severity: Severity.ERROR,
  summary: 'A gateway with a non-AZ SKU (now only Basic: the non-AZ VpnGw SKUs are retired) must not have zones on its public IPs.',
  source: `${SOURCES.I_ZONES}; ${SOURCES.I_ZONES_NON_AZ}`,
  azureError: 'RegionalVmssVpnGatewayPublicIpsMustNotHaveZonesConfigured',
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const sku = gatewaySkuOf(ctx, c.gateway);
      const caps = sku?.capabilities;
      // Non-AZ SKUs that cannot be created are already errors whose fix is an AZ SKU, which needs zones.
      if (!sku || !caps || caps.availabilityZones || !caps.creatable) continue;
      for (const attached of attachedPublicIps(ctx, c.gateway)) {
        const zones = attached.publicIp.zones.items;
        if (zones.length === 0) continue;
        ctx.report('error', attached.publicIp, `zones = ${show(zones)} on the ${ofGateway(c.gateway, attached)}, whose sku = ${show(sku.name)} is not zone-redundant; remove zones from the public IP or use sku = ${show(CREATABLE_VPN_SKUS[0])}`, c.undecided);
      }
    }
  },
};

const pipZonesAz: Rule = {
  id: 'gw.pip.zones-az',
  severity: Severity.ERROR,
  summary: 'Every public IP of an AZ-SKU gateway must set zones, in regions that have availability zones (elsewhere AZ SKUs deploy regionally: info only).',
  source: SOURCES.I_ZONES_AZ,
  azureError: 'VmssVpnGatewayPublicIpsMustHaveZonesConfigured',
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const sku = gatewaySkuOf(ctx, c.gateway);
      if (!sku?.capabilities?.availabilityZones) continue;
      for (const attached of attachedPublicIps(ctx, c.gateway)) {
        const { publicIp } = attached;
        if (publicIp.zones.items.length > 0) continue;
        if (publicIp.zones.unknown) {
          ctx.skipped(publicIp, 'zones', publicIp.zones.unknown);
          continue;
        }
        const what = `zones is not set on the ${ofGateway(c.gateway, attached)}, whose sku = ${show(sku.name)} is zone-redundant`;
        const location = c.gateway.location;
        if (isUnknown(location)) {
          ctx.skipped(publicIp, `whether the gateway's location has availability zones (${what})`, location);
        } else if (location !== undefined && hasAvailabilityZones(location)) {
          ctx.report('error', publicIp, `${what}, and ${show(location)} has availability zones; set zones = ["1", "2", "3"] on the public IP`, c.undecided);
        } else {
          ctx.report('info', publicIp, `${what}; ${location === undefined ? 'the location is not set' : `${show(location)} is not known to have availability zones`}, so the gateway deploys regionally — if the region has zones, set zones = ["1", "2", "3"]`, c.undecided);
        }
      }
    }
  },
};

const pipZoneRedundant: Rule = {
  id: 'gw.pip.zone-redundant',
  severity: Severity.WARNING,
  summary: 'An AZ-SKU gateway is zone-redundant only when its public IPs are; a single-zone public IP makes it zonal.',
  source: SOURCES.REL,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const sku = gatewaySkuOf(ctx, c.gateway);
      if (!sku?.capabilities?.availabilityZones) continue;
      for (const attached of attachedPublicIps(ctx, c.gateway)) {
        const { zones } = attached.publicIp;
        if (zones.items.length !== 1 || zones.unknown) continue;
        ctx.report('warning', attached.publicIp, `zones = ${show(zones.items)} on the ${ofGateway(c.gateway, attached)} pins the gateway to one zone; for a zone-redundant gateway set zones = ["1", "2", "3"]`, c.undecided);
      }
    }
  },
};

const pipIpv4: Rule = {
  id: 'gw.pip.ipv4',
  severity: Severity.ERROR,
  summary: 'The public IPs of a VPN gateway are IPv4 (IPv6 is carried inside the tunnels, not on the gateway address).',
  source: SOURCES.SETTINGS,
  check(ctx) {
    forEachGatewayPublicIp(ctx, (c, attached) => {
      const version = knownOrSkipped(ctx, attached.publicIp, 'ip_version', attached.publicIp.ipVersion);
      if (version !== 'IPv6') return;
      ctx.report('error', attached.publicIp, `ip_version = "IPv6" on the ${ofGateway(c.gateway, attached)}; a VPN gateway's public IP must be IPv4: remove ip_version or set it to "IPv4"`, c.undecided);
    });
  },
};

const pipLocation: Rule = {
  id: 'gw.pip.location',
  severity: Severity.ERROR,
  summary: 'The public IPs of a gateway are in the same region as the gateway.',
  source: SOURCES.TF_DOCS,
  check(ctx) {
    forEachGatewayPublicIp(ctx, (c, attached) => {
      const { publicIp } = attached;
      if (c.gateway.location === undefined || publicIp.location === undefined) return;
      const gatewayLocation = knownOrSkipped(ctx, c.gateway, 'location', c.gateway.location);
      const ipLocation = knownOrSkipped(ctx, publicIp, 'location', publicIp.location);
      if (gatewayLocation === undefined || ipLocation === undefined) return;
      if (normalizeLocation(gatewayLocation) === normalizeLocation(ipLocation)) return;
      ctx.report('error', publicIp, `location = ${show(ipLocation)} on the ${ofGateway(c.gateway, attached)}, which is in ${show(gatewayLocation)}; create the public IP in the gateway's region`, c.undecided);
    });
  },
};

const ipconfigPrivateAlloc: Rule = {
  id: 'gw.ipconfig.private-alloc',
  severity: Severity.ERROR,
  summary: 'ip_configuration.private_ip_address_allocation must be Dynamic; Static is not supported by the service.',
  source: SOURCES.TF_DOCS,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      for (const ipc of ipConfigurationsOf(ctx, c.gateway) ?? []) {
        const allocation = knownOrSkipped(ctx, c.gateway, `${describeIpConfiguration(ipc)} private_ip_address_allocation`, ipc.privateIpAddressAllocation);
        if (allocation !== 'Static') continue;
        ctx.report('error', c.gateway, `${describeIpConfiguration(ipc)} has private_ip_address_allocation = "Static"; gateways support only "Dynamic": remove the attribute or set it to "Dynamic"`, c.undecided);
      }
    }
  },
};

const ipconfigCount: Rule = {
  id: 'gw.ipconfig.count',
  severity: Severity.ERROR,
  summary: 'A VPN gateway has 1 ip_configuration (active-standby), exactly 2 (active-active) or 3 (active-active with P2S), each with its own name and its own public IP.',
  source: SOURCES.AA,
  azureError: 'ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations',
  check(ctx) {
    const usersOfPublicIp = publicIpUsers(ctx);
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      const ipcs = ipConfigurationsOf(ctx, g);
      if (!ipcs) continue;
      checkCount(ctx, c, ipcs.length);
      const names = new Set<string>();
      const publicIps = new Set<string>();
      for (const ipc of ipcs) {
        const name = ipConfigurationName(ipc);
        if (name !== undefined) {
          if (names.has(name)) {
            ctx.report('error', g, `two ip_configuration blocks are named ${show(name)}${ipc.name === undefined ? ' (the azurerm default when name is not set)' : ''}; give each ip_configuration a distinct name`, c.undecided);
          }
          names.add(name);
        }
        if (ipc.publicIp === undefined) {
          ctx.report('error', g, `${describeIpConfiguration(ipc)} has no public_ip_address_id; only ExpressRoute gateways get a public IP assigned: set public_ip_address_id`, c.undecided);
        } else if (isKnown(ipc.publicIp)) {
          if (publicIps.has(ipc.publicIp)) {
            ctx.report('error', g, `public IP ${ipc.publicIp} is used by more than one ip_configuration; each ip_configuration needs its own public IP`, c.undecided);
          }
          publicIps.add(ipc.publicIp);
        }
      }
      for (const address of publicIps) {
        const others = (usersOfPublicIp.get(address) ?? []).filter((o) => o !== g).map((o) => o.address);
        if (others.length > 0) {
          ctx.report('error', g, `public IP ${address} is also used by ${listAddresses(others)}; a public IP can be attached to one gateway only: create one per gateway`, c.undecided);
        }
      }
    }
  },
};

function checkCount(ctx: RuleContext, c: VpnCandidate, count: number): void {
  const g = c.gateway;
  if (count > MAX_IP_CONFIGURATIONS) {
    ctx.report('error', g, `${count} ip_configuration blocks; azurerm accepts at most ${MAX_IP_CONFIGURATIONS}`, c.undecided);
    return;
  }
  if (count === 0) return;
  const activeActive = knownOrSkipped(ctx, g, 'active_active', activeActiveOf(g));
  if (activeActive === undefined) return;
  const p2s = g.p2s !== undefined;
  if (activeActive) {
    // Two ip configurations on an active-active P2S gateway is p2s.aa-third-ip's finding.
    if (p2s && count === 1) {
      ctx.report('error', g, 'active_active = true with vpn_client_configuration needs exactly 3 ip_configuration blocks (ActiveActiveP2SGatewayMustHaveExactlyThreeIpConfigurations), found 1: add two ip_configuration blocks, each with its own public IP', c.undecided);
    } else if (!p2s && count !== 2) {
      ctx.report('error', g, `active_active = true needs exactly 2 ip_configuration blocks, found ${count}: ${count < 2 ? 'add a second ip_configuration with its own public IP' : 'remove the third (3 are only for active-active with vpn_client_configuration)'}`, c.undecided);
    }
  } else if (count > 1) {
    ctx.report('warning', g, `active_active is false but the gateway has ${count} ip_configuration blocks; an active-standby gateway uses 1 (whether Azure rejects more is unconfirmed): remove the extra blocks or set active_active = true`, c.undecided);
  }
}

/** Every gateway (of any type) that references each public IP. */
function publicIpUsers(ctx: RuleContext): Map<string, VirtualNetworkGateway[]> {
  const users = new Map<string, VirtualNetworkGateway[]>();
  for (const g of ctx.topology.gateways) {
    if (!isKnown(g.ipConfigurations)) continue;
    for (const ipc of g.ipConfigurations) {
      if (!isKnown(ipc.publicIp)) continue;
      const list = users.get(ipc.publicIp);
      if (!list) users.set(ipc.publicIp, [g]);
      else if (!list.includes(g)) list.push(g);
    }
  }
  return users;
}

const aaSku: Rule = {
  id: 'gw.aa.sku',
  severity: Severity.ERROR,
  summary: 'Active-active needs a route-based gateway on a SKU other than Basic and legacy Standard.',
  source: SOURCES.AA,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      if (knownOrSkipped(ctx, g, 'active_active', activeActiveOf(g)) !== true) continue;
      const vpnType = knownOrSkipped(ctx, g, 'vpn_type', vpnTypeOf(g));
      if (vpnType === 'PolicyBased') {
        ctx.report('error', g, 'active_active = true on a gateway with vpn_type = "PolicyBased"; active-active needs vpn_type = "RouteBased"', c.undecided);
        continue;
      }
      const sku = gatewaySkuOf(ctx, g);
      if (!sku?.capabilities || sku.capabilities.activeActive) continue;
      ctx.report('error', g, `active_active = true is not available on sku = ${show(sku.name)}; use sku = ${show(CREATABLE_VPN_SKUS[0])} or higher, or set active_active = false`, c.undecided);
    }
  },
};

const aaPip: Rule = {
  id: 'gw.aa.pip',
  severity: Severity.ERROR,
  summary: 'All public IPs of an active-active gateway are identical in SKU, allocation method and zones.',
  source: SOURCES.AA,
  azureError: 'ActiveActiveGatewayPublicIPAddressesDiffersInSkuOrZones',
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      if (knownOrSkipped(ctx, g, 'active_active', activeActiveOf(g)) !== true) continue;
      const attached = attachedPublicIps(ctx, g);
      if (attached.length < 2) continue;
      const shapes: string[] = [];
      for (const { publicIp } of attached) {
        const shape = shapeOf(ctx, publicIp);
        if (shape === undefined) break;
        shapes.push(shape);
      }
      if (shapes.length < attached.length || new Set(shapes).size < 2) continue;
      const listed = attached.map(({ publicIp }, i) => `${publicIp.address}: ${shapes[i]}`).join('; ');
      ctx.report('error', g, `the public IPs of an active-active gateway must match in sku, allocation_method and zones, but they differ (${listed}); give them the same settings`, c.undecided);
    }
  },
};

/** `sku "Standard", allocation_method "Static", zones ["1", "2", "3"]`, or undefined (skip reported). */
function shapeOf(ctx: RuleContext, publicIp: PublicIp): string | undefined {
  const sku = knownOrSkipped(ctx, publicIp, 'sku', publicIpSkuOf(publicIp));
  const allocation = knownOrSkipped(ctx, publicIp, 'allocation_method', publicIp.allocationMethod);
  if (sku === undefined || allocation === undefined) return undefined;
  if (publicIp.zones.unknown) {
    ctx.skipped(publicIp, 'zones', publicIp.zones.unknown);
    return undefined;
  }
  const zones = [...publicIp.zones.items].sort();
  return `sku ${show(sku)}, allocation_method ${show(allocation)}, zones ${show(zones)}`;
}

export const gatewayIpRules: Rule[] = [
  pipStandard,
  pipStatic,
  pipZonesNonAz,
  pipZonesAz,
  pipZoneRedundant,
  pipIpv4,
  pipLocation,
  ipconfigPrivateAlloc,
  ipconfigCount,
  aaSku,
  aaPip,
];
