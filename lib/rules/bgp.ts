import { sameValue, Unknown } from '../model/unknown';
import { Connection, Entity, LocalNetworkGateway, readable, VirtualNetworkGateway } from '../model/topology';
import { isApipa, isAzureApipaRange, parseAddress, parsePrefix } from '../private/cidr';
import { vpnSku } from '../azure/sku-capabilities';
import {
  AZURE_DEFAULT_ASN,
  isAsnInRange,
  isUnlistedPrivateAsn,
  MAX_ASN,
  MIN_ASN,
  reservedAsn,
  USABLE_PRIVATE_ASN_RANGES,
} from '../azure/asn';
import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, referenced, show } from './support';
import { activeActiveOf, connectionBgpOf, gatewayAsnOf, gatewayBgpOf, gatewayTypeOf, vpnTypeOf } from '../azure/defaults';
import { SOURCES } from '../azure/sources';
import { EXPRESS_ROUTE_GATEWAY, IPSEC, VNET2VNET } from '../azure/connection-types';

/** How the messages name the BGP switch on gateways and connections (renamed in azurerm 4.62). */
const BGP_FLAG = 'enable_bgp/bgp_enabled';
/** azurerm's name for an `ip_configuration` block without `name`. */
const DEFAULT_IP_CONFIGURATION_NAME = 'vnetGatewayConfig';
const AZURE_APIPA_RANGE = '169.254.21.0–169.254.22.255';
const USABLE_PRIVATE_ASNS = USABLE_PRIVATE_ASN_RANGES.map((r) => `${r.from}–${r.to}`).join(' or ');

// ---------------------------------------------------------------------------------------------
// Shared readers

/** The gateway when it is a declared VPN gateway; ExpressRoute gateways are not BGP-configurable here. */
function vpnGateway(ctx: RuleContext, g: VirtualNetworkGateway): VirtualNetworkGateway | undefined {
  if (!readable(g)) return undefined;
  const type = knownOrSkipped(ctx, g, 'type', gatewayTypeOf(g));
  return type === 'Vpn' ? g : undefined;
}

function gatewayOf(ctx: RuleContext, c: Connection): VirtualNetworkGateway | undefined {
  return referenced(ctx, c, 'virtual_network_gateway_id', c.gateway, (a) => ctx.lookup.gateway(a));
}

function peerGatewayOf(ctx: RuleContext, c: Connection): VirtualNetworkGateway | undefined {
  return referenced(ctx, c, 'peer_virtual_network_gateway_id', c.peerGateway, (a) => ctx.lookup.gateway(a));
}

function localGatewayOf(ctx: RuleContext, c: Connection): LocalNetworkGateway | undefined {
  return referenced(ctx, c, 'local_network_gateway_id', c.localGateway, (a) => ctx.lookup.localGateway(a));
}

/** The connection's type, when it is one of the VPN types this family looks at. */
function vpnConnectionType(ctx: RuleContext, c: Connection): typeof IPSEC | typeof VNET2VNET | undefined {
  if (c.external) return undefined;
  const type = c.connectionType;
  if (type === undefined) return undefined;
  const t = knownOrSkipped(ctx, c, 'type', type);
  return t === IPSEC || t === VNET2VNET ? t : undefined;
}

/** Whether the connection runs BGP; undefined (after an info skip) when that is unknown. */
function connectionRunsBgp(ctx: RuleContext, c: Connection): boolean | undefined {
  return knownOrSkipped(ctx, c, BGP_FLAG, connectionBgpOf(c));
}

/** The on-premises BGP peer address of an LNG when it is a known APIPA (169.254/16) address. */
function apipaPeerAddress(ctx: RuleContext, from: Entity, lng: LocalNetworkGateway): string | undefined {
  if (!lng.bgpSettings) return undefined;
  const address = knownOrSkipped(ctx, from, `${lng.address} bgp_settings.bgp_peering_address`, lng.bgpSettings.peeringAddress);
  if (address === undefined) return undefined;
  const p = parseAddress(address);
  return p && isApipa(p) ? address : undefined;
}

/** How a gateway's ASN reads in a message: its value, and whether it is the default. */
function describeGatewayAsn(g: VirtualNetworkGateway, asn: number): string {
  return g.bgpSettings?.asn === undefined ? `${asn} (bgp_settings.asn not set, default)` : `${asn}`;
}

interface AsnUse {
  readonly entity: VirtualNetworkGateway | LocalNetworkGateway;
  readonly asn: number;
  readonly isGateway: boolean;
}

/**
 * Every ASN written in the configuration: VPN gateways' `bgp_settings.asn` and local network
 * gateways' `bgp_settings.asn`. The implicit gateway default is not "written" and is always valid.
 */
function writtenAsns(ctx: RuleContext): AsnUse[] {
  const uses: AsnUse[] = [];
  for (const g of ctx.topology.gateways) {
    if (g.bgpSettings?.asn === undefined || !vpnGateway(ctx, g)) continue;
    const asn = knownOrSkipped(ctx, g, 'bgp_settings.asn', g.bgpSettings.asn);
    if (asn !== undefined) uses.push({ entity: g, asn, isGateway: true });
  }
  for (const l of ctx.topology.localGateways) {
    if (l.external || l.bgpSettings?.asn === undefined) continue;
    const asn = knownOrSkipped(ctx, l, 'bgp_settings.asn', l.bgpSettings.asn);
    if (asn !== undefined) uses.push({ entity: l, asn, isGateway: false });
  }
  return uses;
}

interface GatewayLink {
  readonly connection: Connection;
  readonly gateway: VirtualNetworkGateway;
  readonly peer: VirtualNetworkGateway;
}

/** Vnet2Vnet connections with BGP enabled, between two declared gateways. */
function bgpVnet2VnetLinks(ctx: RuleContext): GatewayLink[] {
  const links: GatewayLink[] = [];
  for (const c of ctx.topology.connections) {
    if (vpnConnectionType(ctx, c) !== VNET2VNET || connectionRunsBgp(ctx, c) !== true) continue;
    const gateway = gatewayOf(ctx, c);
    const peer = peerGatewayOf(ctx, c);
    if (gateway && peer) links.push({ connection: c, gateway, peer });
  }
  return links;
}

interface LocalLink {
  readonly connection: Connection;
  readonly gateway: VirtualNetworkGateway;
  readonly localGateway: LocalNetworkGateway;
}

/** IPsec connections with BGP enabled, from a declared gateway to a declared local network gateway. */
function bgpSiteLinks(ctx: RuleContext): LocalLink[] {
  const links: LocalLink[] = [];
  for (const c of ctx.topology.connections) {
    if (vpnConnectionType(ctx, c) !== IPSEC || connectionRunsBgp(ctx, c) !== true) continue;
    const gateway = gatewayOf(ctx, c);
    const localGateway = localGatewayOf(ctx, c);
    if (gateway && localGateway) links.push({ connection: c, gateway, localGateway });
  }
  return links;
}

/** Whether a VPN gateway shares its VNet with an ExpressRoute gateway. */
function coexistsWithExpressRoute(ctx: RuleContext, g: VirtualNetworkGateway): boolean {
  const vnet = ctx.lookup.gatewayVnet(g);
  if (!vnet) return false;
  return ctx.lookup.gatewaysInVnet(vnet.address).some((other) => other !== g && gatewayTypeOf(other) === EXPRESS_ROUTE_GATEWAY);
}

/**
 * How many blocks of `bgp_settings.peering_addresses` carry at least one custom APIPA address, or
 * 'unknown' when an unknown `apipa_addresses` list leaves the count open.
 */
function customApipaBlockCount(g: VirtualNetworkGateway): number | 'unknown' {
  let count = 0;
  // An existing gateway described by the user: its peering addresses were not given.
  let open = g.unknownBlocks?.['bgp_settings.peering_addresses'] !== undefined;
  for (const block of g.bgpSettings?.peeringAddresses ?? []) {
    if (block.apipaAddresses.items.length > 0) count++;
    else if (block.apipaAddresses.unknown) open = true;
  }
  return open ? 'unknown' : count;
}

// ---------------------------------------------------------------------------------------------
// Rules

const bgpSkuRule: Rule = {
  id: 'bgp.sku',
  severity: Severity.ERROR,
  summary: 'BGP requires a route-based gateway on any SKU but Basic.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const candidate of ctx.topology.gateways) {
      const g = vpnGateway(ctx, candidate);
      if (!g || knownOrSkipped(ctx, g, BGP_FLAG, gatewayBgpOf(g)) !== true) continue;
      const vpnType = knownOrSkipped(ctx, g, 'vpn_type', vpnTypeOf(g));
      if (vpnType === 'PolicyBased') {
        ctx.error(g, `${BGP_FLAG} is true on a gateway with vpn_type = "PolicyBased"; BGP requires vpn_type = "RouteBased" (re-create the gateway as RouteBased, or disable BGP)`);
      }
      const sku = knownOrSkipped(ctx, g, 'sku', g.sku);
      if (sku !== undefined && vpnSku(sku)?.bgp === false) {
        ctx.error(g, `${BGP_FLAG} is true but sku = ${show(sku)} does not support BGP; use VpnGw1AZ or larger, or disable BGP`);
      }
    }
  },
};

const asnReservedRule: Rule = {
  id: 'bgp.asn.reserved',
  severity: Severity.ERROR,
  summary: 'Gateway and local network gateway ASNs must not be Azure- or IANA-reserved (the gateway may keep its default 65515).',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const use of writtenAsns(ctx)) {
      const reserved = reservedAsn(use.asn);
      if (!reserved) continue;
      if (use.isGateway && use.asn === AZURE_DEFAULT_ASN) continue;
      const fix = use.isGateway
        ? `use a private ASN (${USABLE_PRIVATE_ASNS}) or leave it unset for the default ${AZURE_DEFAULT_ASN}`
        : `use the on-premises device's own ASN, e.g. a private ASN in ${USABLE_PRIVATE_ASNS}`;
      const why = !use.isGateway && use.asn === AZURE_DEFAULT_ASN ? `${reserved.note} and cannot be used by an on-premises peer` : reserved.note;
      ctx.error(use.entity, `bgp_settings.asn = ${use.asn} is ${why}; ${fix}`);
    }
  },
};

const asn32BitRule: Rule = {
  id: 'bgp.asn.32bit',
  severity: Severity.ERROR,
  summary: `ASNs must be whole numbers from ${MIN_ASN} to ${MAX_ASN} (4-byte ASNs in decimal notation are supported).`,
  source: SOURCES.FAQ,
  azureError: 'The local network gateway cannot have an ASN of zero',
  check(ctx) {
    for (const use of writtenAsns(ctx)) {
      // 4294967295 is out of range too, but bgp.asn.reserved already names it more precisely.
      if (isAsnInRange(use.asn) || reservedAsn(use.asn)) continue;
      const what = Number.isInteger(use.asn) ? 'is outside' : 'is not a whole number in';
      ctx.error(use.entity, `bgp_settings.asn = ${use.asn} ${what} the ASN range ${MIN_ASN}–${MAX_ASN}; write the ASN in decimal notation (4-byte ASNs are supported)`);
    }
  },
};

const asnPrivateRangeRule: Rule = {
  id: 'bgp.asn.private-range',
  severity: Severity.WARNING,
  summary: `Private ASNs should come from the ranges Azure lists as usable (${USABLE_PRIVATE_ASNS}); 65516 is neither reserved nor listed (unconfirmed).`,
  source: SOURCES.FAQ,
  check(ctx) {
    for (const use of writtenAsns(ctx)) {
      if (!isUnlistedPrivateAsn(use.asn)) continue;
      ctx.warning(use.entity, `bgp_settings.asn = ${use.asn} is neither reserved nor listed as usable by Azure (unconfirmed whether it works); use a private ASN in ${USABLE_PRIVATE_ASNS}`);
    }
  },
};

const asnDefaultRule: Rule = {
  id: 'bgp.asn.default',
  severity: Severity.WARNING,
  summary: 'A gateway that peers over BGP with another Azure gateway should set its ASN explicitly instead of keeping the default 65515.',
  source: SOURCES.FAQ,
  check(ctx) {
    const neighbours = new Map<VirtualNetworkGateway, Set<VirtualNetworkGateway>>();
    const link = (a: VirtualNetworkGateway, b: VirtualNetworkGateway) => {
      const set = neighbours.get(a) ?? new Set<VirtualNetworkGateway>();
      set.add(b);
      neighbours.set(a, set);
    };
    for (const { gateway, peer } of bgpVnet2VnetLinks(ctx)) {
      link(gateway, peer);
      link(peer, gateway);
    }
    for (const [g, peers] of neighbours) {
      if (g.bgpSettings?.asn !== undefined || knownOrSkipped(ctx, g, BGP_FLAG, gatewayBgpOf(g)) !== true) continue;
      // ExpressRoute coexistence needs 65515 (bgp.coexist-asn); keeping the default is right there.
      if (coexistsWithExpressRoute(ctx, g)) continue;
      // When a peer has 65515 as well, bgp.asn.distinct reports the collision as an error.
      const others = [...peers].filter((p) => {
        const asn = gatewayAsnOf(p);
        return typeof asn === 'number' && asn !== AZURE_DEFAULT_ASN;
      });
      if (others.length === 0) continue;
      const names = others.map((p) => p.address).sort().join(', ');
      ctx.warning(g, `bgp_settings.asn is not set and defaults to ${AZURE_DEFAULT_ASN} while this gateway peers over BGP with ${names}; set an explicit private ASN (${USABLE_PRIVATE_ASNS}) on every Azure gateway of a VNet-to-VNet BGP mesh so that the ASNs stay distinct`);
    }
  },
};

const asnDistinctRule: Rule = {
  id: 'bgp.asn.distinct',
  severity: Severity.ERROR,
  summary: 'BGP peers joined by a connection must have different ASNs: on-premises vs Azure gateway, and the two gateways of a VNet-to-VNet link.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const { connection, gateway, localGateway } of bgpSiteLinks(ctx)) {
      if (localGateway.bgpSettings?.asn === undefined) continue;
      const siteAsn = knownOrSkipped(ctx, connection, `${localGateway.address} bgp_settings.asn`, localGateway.bgpSettings.asn);
      const gatewayAsn = knownOrSkipped(ctx, connection, `${gateway.address} bgp_settings.asn`, gatewayAsnOf(gateway));
      if (siteAsn === undefined || gatewayAsn === undefined || siteAsn !== gatewayAsn) continue;
      ctx.error(connection, `the local network gateway ${localGateway.address} has bgp_settings.asn = ${siteAsn}, the same ASN as the gateway ${gateway.address} (${describeGatewayAsn(gateway, gatewayAsn)}); on-premises and Azure BGP peers need different ASNs — change one of them`);
    }
    const reported = new Set<string>();
    for (const { connection, gateway, peer } of bgpVnet2VnetLinks(ctx)) {
      const pair = [gateway.address, peer.address].sort().join('\u0000');
      if (reported.has(pair)) continue;
      const own = knownOrSkipped(ctx, connection, `${gateway.address} bgp_settings.asn`, gatewayAsnOf(gateway));
      const other = knownOrSkipped(ctx, connection, `${peer.address} bgp_settings.asn`, gatewayAsnOf(peer));
      if (own === undefined || other === undefined || own !== other) continue;
      reported.add(pair);
      ctx.error(connection, `the gateways ${gateway.address} (ASN ${describeGatewayAsn(gateway, own)}) and ${peer.address} (ASN ${describeGatewayAsn(peer, other)}) peer over BGP with the same ASN; Azure gateways joined by a BGP VNet-to-VNet connection need different ASNs — set bgp_settings.asn on each (e.g. 65010 and 65020)`);
    }
  },
};

const apipaRangeRule: Rule = {
  id: 'bgp.apipa.range',
  severity: Severity.ERROR,
  summary: `Custom APIPA BGP addresses of a gateway must lie in ${AZURE_APIPA_RANGE}.`,
  source: SOURCES.BGP_CFG,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external) continue;
      (g.bgpSettings?.peeringAddresses ?? []).forEach((block, i) => {
        const attribute = `bgp_settings.peering_addresses[${i}].apipa_addresses`;
        for (const address of block.apipaAddresses.items) {
          const p = parseAddress(address);
          if (p && isAzureApipaRange(p)) continue;
          ctx.error(g, `${attribute} contains ${show(address)}, which is not an IPv4 address in the Azure APIPA range ${AZURE_APIPA_RANGE}; pick custom APIPA addresses from that range`);
        }
        if (block.apipaAddresses.unknown) ctx.skipped(g, attribute, block.apipaAddresses.unknown);
      });
    }
  },
};

const apipaRequiredRule: Rule = {
  id: 'bgp.apipa.required',
  severity: Severity.ERROR,
  summary: 'A gateway peering over BGP with an APIPA on-premises address needs a custom APIPA BGP address (one per instance when active-active).',
  source: SOURCES.BGP_CFG,
  check(ctx) {
    for (const { connection, gateway, localGateway } of bgpSiteLinks(ctx)) {
      const peerAddress = apipaPeerAddress(ctx, connection, localGateway);
      if (peerAddress === undefined) continue;
      const activeActive = knownOrSkipped(ctx, connection, `${gateway.address} active_active`, activeActiveOf(gateway));
      if (activeActive === undefined) continue;
      const have = customApipaBlockCount(gateway);
      if (have === 'unknown') {
        ctx.info(connection, `skipped: the custom APIPA addresses of ${gateway.address} are not known at synth time; check after apply that each gateway instance has one`);
        continue;
      }
      const needed = activeActive ? 2 : 1;
      if (have >= needed) continue;
      const shortfall = activeActive
        ? `the active-active gateway ${gateway.address} has custom APIPA addresses for ${have} of its 2 instances; add a bgp_settings.peering_addresses block with apipa_addresses for each ip_configuration`
        : `the gateway ${gateway.address} has no custom APIPA BGP address; add bgp_settings.peering_addresses.apipa_addresses from ${AZURE_APIPA_RANGE}`;
      ctx.error(connection, `the local network gateway ${localGateway.address} peers from the APIPA address ${show(peerAddress)} but ${shortfall}, otherwise the BGP session cannot be established`);
    }
  },
};

interface ApipaHolder {
  /** One gateway instance block or one on-premises device. */
  readonly slot: string;
  readonly label: string;
}

const apipaUniqueRule: Rule = {
  id: 'bgp.apipa.unique',
  severity: Severity.ERROR,
  summary: "APIPA BGP addresses must be unique across a gateway's instances, its on-premises peers and the Azure gateways it is connected to.",
  source: SOURCES.BGP_CFG,
  check(ctx) {
    const reported = new Set<string>();
    const holdersOfGateway = (g: VirtualNetworkGateway, add: (address: string, holder: ApipaHolder) => void) => {
      (g.bgpSettings?.peeringAddresses ?? []).forEach((block, i) => {
        for (const address of block.apipaAddresses.items) {
          add(address, { slot: `${g.address}#${i}`, label: `${g.address} (bgp_settings.peering_addresses[${i}])` });
        }
      });
    };
    for (const g of ctx.topology.gateways) {
      if (g.external) continue;
      // Keyed by the parsed address, so that two spellings of one address still collide.
      const byAddress = new Map<bigint, { text: string; holders: ApipaHolder[] }>();
      const add = (address: string, holder: ApipaHolder) => {
        const p = parseAddress(address);
        if (!p || !isApipa(p)) return;
        const entry = byAddress.get(p.start) ?? { text: address, holders: [] };
        if (!entry.holders.some((h) => h.slot === holder.slot)) entry.holders.push(holder);
        byAddress.set(p.start, entry);
      };
      holdersOfGateway(g, add);
      for (const c of ctx.lookup.connectionsOf(g.address)) {
        // Unknown types and BGP flags are reported by the other BGP rules; here they only narrow the set.
        if (c.external || connectionBgpOf(c) !== true) continue;
        const type = c.connectionType;
        if (type === IPSEC) {
          const l = ctx.lookup.localGateway(c.localGateway);
          const address = l?.bgpSettings?.peeringAddress;
          if (l && !l.external && typeof address === 'string') add(address, { slot: l.address, label: `${l.address} (bgp_peering_address)` });
        } else if (type === VNET2VNET) {
          const peer = ctx.lookup.gateway(c.peerGateway);
          if (peer && !peer.external && peer !== g) holdersOfGateway(peer, add);
        }
      }
      for (const [key, { text, holders }] of byAddress) {
        if (holders.length < 2) continue;
        const labels = holders.map((h) => h.label).sort();
        const dedupe = `${key}\u0000${labels.join('\u0000')}`;
        if (reported.has(dedupe)) continue;
        reported.add(dedupe);
        ctx.error(g, `APIPA BGP address ${show(text)} is used by ${labels.join(' and ')}; APIPA addresses must be unique across the gateway's instances, its on-premises peers and connected Azure gateways — give each its own address`);
      }
    }
  },
};

const apipaInitiationRule: Rule = {
  id: 'bgp.apipa.initiation',
  severity: Severity.WARNING,
  summary: 'Azure does not initiate BGP sessions to APIPA peers: the on-premises device must initiate.',
  source: SOURCES.BGP_CFG,
  check(ctx) {
    for (const { connection, localGateway } of bgpSiteLinks(ctx)) {
      const peerAddress = apipaPeerAddress(ctx, connection, localGateway);
      if (peerAddress === undefined) continue;
      ctx.warning(connection, `the local network gateway ${localGateway.address} peers from the APIPA address ${show(peerAddress)}; Azure does not initiate BGP sessions to APIPA peers, so configure the on-premises device to initiate the BGP session`);
    }
  },
};

const apipaPerIpConfigRule: Rule = {
  id: 'bgp.apipa.per-ipconfig',
  severity: Severity.ERROR,
  summary: 'bgp_settings.peering_addresses has one or two blocks, each naming an existing ip_configuration (required with more than one); active-active with custom APIPA needs one block per instance.',
  source: SOURCES.TF_GW,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      const blocks = g.bgpSettings?.peeringAddresses ?? [];
      if (g.external || blocks.length === 0) continue;
      if (blocks.length > 2) {
        ctx.error(g, `bgp_settings has ${blocks.length} peering_addresses blocks; at most 2 are allowed, one per ip_configuration`);
      }
      const ipConfigurations = knownOrSkipped(ctx, g, 'ip_configuration', g.ipConfigurations);
      if (ipConfigurations === undefined) continue;
      const names = ipConfigurations.map((ipc) => ipc.name ?? DEFAULT_IP_CONFIGURATION_NAME);
      const knownNames = names.every((n): n is string => typeof n === 'string') ? names : undefined;
      const used = new Map<string, number>();
      blocks.forEach((block, i) => {
        const attribute = `bgp_settings.peering_addresses[${i}].ip_configuration_name`;
        if (block.ipConfigurationName === undefined) {
          if (ipConfigurations.length > 1) {
            ctx.error(g, `${attribute} is not set but the gateway has ${ipConfigurations.length} ip_configuration blocks; name the ip_configuration this block belongs to`);
          }
          return;
        }
        const name = knownOrSkipped(ctx, g, attribute, block.ipConfigurationName);
        if (name === undefined) return;
        if (knownNames && !knownNames.includes(name)) {
          ctx.error(g, `${attribute} = ${show(name)} names no ip_configuration of this gateway; use one of ${show(knownNames)}`);
          return;
        }
        const first = used.get(name);
        if (first !== undefined) {
          ctx.error(g, `${attribute} = ${show(name)} names the same ip_configuration as bgp_settings.peering_addresses[${first}]; use one block per ip_configuration`);
        } else {
          used.set(name, i);
        }
      });
      const activeActive = activeActiveOf(g);
      const usesCustomApipa = blocks.some((b) => b.apipaAddresses.items.length > 0);
      if (activeActive === true && usesCustomApipa && blocks.length < 2) {
        ctx.error(g, `the active-active gateway sets custom apipa_addresses in only one bgp_settings.peering_addresses block; add a block (with its own apipa_addresses) for the other instance's ip_configuration`);
      }
    }
  },
};

const flagsRule: Rule = {
  id: 'bgp.flags',
  severity: Severity.ERROR,
  summary: 'A BGP connection needs BGP on its gateway (both gateways for VNet-to-VNet) and bgp_settings on its local network gateway; an LNG with bgp_settings on a non-BGP connection routes only its static prefixes.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      const type = vpnConnectionType(ctx, c);
      if (type === undefined) continue;
      const bgp = connectionRunsBgp(ctx, c);
      if (bgp === undefined) continue;
      if (!bgp) {
        if (type !== IPSEC) continue;
        const l = localGatewayOf(ctx, c);
        if (!l?.bgpSettings) continue;
        if (l.addressSpace.items.length === 0 && !l.addressSpace.unknown) {
          ctx.error(c, `the local network gateway ${l.address} has bgp_settings and an empty address_space, but this connection has ${BGP_FLAG} = false, so no route to on-premises exists; set ${BGP_FLAG} = true on the connection`);
        } else {
          ctx.warning(c, `the local network gateway ${l.address} has bgp_settings but this connection has ${BGP_FLAG} = false, so only its static address_space prefixes are routed; set ${BGP_FLAG} = true on the connection, or remove bgp_settings`);
        }
        continue;
      }
      const g = gatewayOf(ctx, c);
      if (g) {
        const gatewayBgp = knownOrSkipped(ctx, c, `${g.address} ${BGP_FLAG}`, gatewayBgpOf(g));
        if (gatewayBgp === false) {
          ctx.error(c, `${BGP_FLAG} is true on this connection but its gateway ${g.address} has BGP disabled (${BGP_FLAG} not true); enable BGP on the gateway, or disable it on the connection`);
        }
      }
      if (type === IPSEC) {
        const l = localGatewayOf(ctx, c);
        if (l && !l.bgpSettings) {
          ctx.error(c, `${BGP_FLAG} is true on this connection but the local network gateway ${l.address} has no bgp_settings; add bgp_settings (asn, bgp_peering_address) to it, or disable BGP on the connection`);
        }
      } else {
        const peer = peerGatewayOf(ctx, c);
        const peerBgp = peer ? knownOrSkipped(ctx, c, `${peer.address} ${BGP_FLAG}`, gatewayBgpOf(peer)) : undefined;
        if (peer && peerBgp === false) {
          ctx.error(c, `${BGP_FLAG} is true on this VNet-to-VNet connection but the peer gateway ${peer.address} has BGP disabled; enable BGP on both gateways, or disable it on the connection`);
        }
      }
    }
  },
};

const transitRule: Rule = {
  id: 'bgp.transit',
  severity: Severity.ERROR,
  summary: 'Both connection resources of a VNet-to-VNet pair must agree on BGP (otherwise the session never comes up and transit silently breaks); whether transit is wanted beyond that cannot be decided from configuration alone.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (vpnConnectionType(ctx, c) !== VNET2VNET) continue;
      const reverse = ctx.lookup.reverseConnection(c);
      if (!reverse || reverse.external || sameValue(connectionBgpOf(c), connectionBgpOf(reverse)) === true) continue;
      const own = knownOrSkipped(ctx, c, BGP_FLAG, connectionBgpOf(c));
      const theirs = own === undefined ? undefined : knownOrSkipped(ctx, c, `${reverse.address} ${BGP_FLAG}`, connectionBgpOf(reverse));
      // Report on the half that has BGP off: that is the one to change in the usual case.
      if (own !== false || theirs !== true) continue;
      ctx.error(c, `${BGP_FLAG} is false on this VNet-to-VNet connection but true on the reverse connection ${reverse.address}; enable BGP on both connection resources, otherwise the BGP session never comes up and transit through this link breaks`);
    }
  },
};

const defaultRouteRule: Rule = {
  id: 'bgp.default-route',
  severity: Severity.WARNING,
  summary: 'A default route (0.0.0.0/0) towards a BGP site forces all VNet egress to on-premises (what on-premises advertises over BGP cannot be seen before apply).',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const l of ctx.topology.localGateways) {
      if (l.external || !l.bgpSettings) continue;
      for (const prefix of l.addressSpace.items) {
        if (parsePrefix(prefix)?.length !== 0) continue;
        ctx.warning(l, `address_space contains ${show(prefix)} on a local network gateway with bgp_settings: it sends all VNet egress to on-premises (forced tunnelling) and breaks inbound Internet access to VMs; remove it unless forced tunnelling is intended`);
      }
    }
  },
};

const coexistAsnRule: Rule = {
  id: 'bgp.coexist-asn',
  severity: Severity.ERROR,
  summary: `A VPN gateway that shares its VNet with an ExpressRoute gateway keeps ASN ${AZURE_DEFAULT_ASN} when ExpressRoute–VPN transit is configured (an Azure Route Server with branch-to-branch traffic in the VNet): an error then, a warning otherwise.`,
  source: `${SOURCES.COEXIST} (65515 is required only "if you want to use transit routing between ExpressRoute and VPN", through Azure Route Server)`,
  check(ctx) {
    for (const candidate of ctx.topology.gateways) {
      if (candidate.bgpSettings?.asn === undefined) continue;
      const g = vpnGateway(ctx, candidate);
      if (!g || !coexistsWithExpressRoute(ctx, g)) continue;
      const asn = knownOrSkipped(ctx, g, 'bgp_settings.asn', gatewayAsnOf(g));
      if (asn === undefined || asn === AZURE_DEFAULT_ASN) continue;
      const transit = routeServerTransit(ctx, g);
      if (transit instanceof Unknown) {
        ctx.skipped(g, 'the Route Server\'s branch_to_branch_traffic_enabled', transit);
      } else if (transit) {
        ctx.error(g, `bgp_settings.asn = ${asn} on a VPN gateway that shares its VNet with an ExpressRoute gateway and an Azure Route Server with branch-to-branch traffic; ExpressRoute–VPN transit requires ASN ${AZURE_DEFAULT_ASN} — set it back to ${AZURE_DEFAULT_ASN} (changing back later needs a gateway reset)`);
      } else {
        ctx.warning(g, `bgp_settings.asn = ${asn} on a VPN gateway that shares its VNet with an ExpressRoute gateway; this works without transit, but ExpressRoute–VPN transit through Azure Route Server would require ASN ${AZURE_DEFAULT_ASN}, and changing the ASN later needs a gateway reset`);
      }
    }
  },
};

/**
 * Whether an Azure Route Server in the gateway's VNet has branch-to-branch traffic on (ExpressRoute–VPN
 * transit); an Unknown when that setting is unknown for some Route Server and known for none.
 */
function routeServerTransit(ctx: RuleContext, g: VirtualNetworkGateway): boolean | Unknown {
  const vnet = ctx.lookup.gatewayVnet(g);
  if (!vnet) return false;
  let unknown: Unknown | undefined;
  for (const subnetAddress of vnet.subnets) {
    for (const occupant of ctx.lookup.subnet(subnetAddress)?.occupants ?? []) {
      const entity = ctx.lookup.get(occupant);
      if (entity?.kind !== 'other' || entity.type !== 'azurerm_route_server') continue;
      const enabled = entity.branchToBranchTrafficEnabled;
      if (enabled === true) return true;
      if (enabled instanceof Unknown) unknown = enabled;
    }
  }
  return unknown ?? false;
}

export const bgpRules: Rule[] = [
  bgpSkuRule,
  asnReservedRule,
  asnPrivateRangeRule,
  asnDefaultRule,
  asnDistinctRule,
  asn32BitRule,
  apipaRangeRule,
  apipaRequiredRule,
  apipaUniqueRule,
  apipaInitiationRule,
  apipaPerIpConfigRule,
  defaultRouteRule,
  transitRule,
  flagsRule,
  coexistAsnRule,
];

export const bgpLeftOut: LeftOut[] = [
  { id: 'bgp.peer-route', reason: 'The on-premises device needs a host route to the Azure BGP peer IP: device configuration, not visible in Terraform.' },
  { id: 'bgp.prefix-limit', reason: 'The 4000-prefix limit applies to what on-premises advertises over BGP, which the configuration does not show.' },
  { id: 'bgp.exact-vnet-prefix', reason: 'Whether on-premises advertises the exact VNet or peered-VNet prefixes is decided by the device, not by the configuration.' },
  { id: 'bgp.timers', reason: 'Keepalive and hold timers are fixed by Azure and not configurable; there is nothing to check.' },
  { id: 'bgp.as-path', reason: 'AS-path prepending is configured on the on-premises device; information only, nothing in the configuration to check.' },
];
