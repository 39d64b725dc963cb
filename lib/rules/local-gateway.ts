import { LocalNetworkGateway, readable, VirtualNetwork } from '../model/topology';
import { isKnown, isUnknown } from '../model/unknown';
import { contains, findOverlaps, isApipa, parseAddress, parsePrefix, Prefix } from '../private/cidr';
import { connectedNetworks, describeOthers, describePrefix, OverlapReports, siteIsSuperset } from './connected-networks';
import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, show } from './support';
import { SOURCES } from '../azure/sources';

/**
 * Local network gateway rules (`lng.*` in RULES.md). The single-resource rules run on every
 * local network gateway, connected or not; the overlap rules look at the gateways it is
 * connected to.
 */

function declared(ctx: RuleContext): LocalNetworkGateway[] {
  return ctx.topology.localGateways.filter((l) => !l.external);
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== '';
}

const endpoint: Rule = {
  id: 'lng.endpoint',
  severity: Severity.ERROR,
  summary: 'A local network gateway sets exactly one of gateway_address and gateway_fqdn.',
  source: SOURCES.TF_LNG,
  check(ctx) {
    for (const lng of declared(ctx)) {
      const address = isSet(lng.gatewayAddress);
      const fqdn = isSet(lng.gatewayFqdn);
      if (address && fqdn) {
        ctx.error(lng, 'both gateway_address and gateway_fqdn are set; azurerm accepts exactly one of them, so keep the public IP or the DNS name of the device');
      } else if (!address && !fqdn) {
        ctx.error(lng, "neither gateway_address nor gateway_fqdn is set; set exactly one: the device's public IPv4 address or its DNS name");
      }
    }
  },
};

const prefixesOrBgp: Rule = {
  id: 'lng.prefixes-or-bgp',
  severity: Severity.ERROR,
  summary: 'A local network gateway lists its on-premises prefixes as valid CIDRs, or has bgp_settings; it cannot have neither.',
  source: SOURCES.TF_LNG,
  check(ctx) {
    for (const lng of declared(ctx)) {
      const list = lng.addressSpace;
      if (!lng.bgpSettings && list.items.length === 0) {
        if (list.unknown) ctx.skipped(lng, 'address_space', list.unknown);
        else ctx.error(lng, 'address_space is empty and there are no bgp_settings; Azure refuses a local network gateway with neither. List every on-premises prefix in address_space, or add bgp_settings so the device advertises them');
      }
      const invalid: string[] = [];
      const unaligned: string[] = [];
      for (const text of list.items) {
        const prefix = parsePrefix(text);
        if (!prefix || !text.includes('/')) invalid.push(text);
        else if (!prefix.aligned) unaligned.push(text);
      }
      if (invalid.length > 0) {
        ctx.error(lng, `address_space ${show(invalid)} ${invalid.length === 1 ? 'is not a CIDR prefix' : 'are not CIDR prefixes'}; write each entry as network/length, e.g. "192.168.10.0/24"`);
      }
      if (unaligned.length > 0) {
        ctx.warning(lng, `address_space ${show(unaligned)} ${unaligned.length === 1 ? 'has' : 'have'} host bits set; write the network address (e.g. "192.168.10.0/24", not "192.168.10.5/24")`);
      }
    }
  },
};

const bgpHostPrefix: Rule = {
  id: 'lng.bgp.host-prefix',
  severity: Severity.ERROR,
  summary:
    "A local network gateway with bgp_settings lists the /32 of its BGP peer address in address_space (nothing for an APIPA peer; APIPA entries are an error); any other prefix is a warning: legal, but a static route that takes precedence over BGP.",
  source: `${SOURCES.BGP_CFG} ("The minimum prefix you need to declare for the local network gateway is the host address of your BGP Peer IP address": extra prefixes are legal); ${SOURCES.SEED_CV} (scenario 6: static routes take precedence over BGP)`,
  check(ctx) {
    for (const lng of declared(ctx)) {
      const bgp = lng.bgpSettings;
      if (!bgp || bgp.peeringAddress === undefined) continue;
      const peerText = knownOrSkipped(ctx, lng, 'bgp_settings.bgp_peering_address', bgp.peeringAddress);
      if (peerText === undefined) continue;
      const peer = parseAddress(peerText);
      if (!peer) continue; // lng.bgp.peer-ip reports it.
      const peerIsApipa = isApipa(peer);
      let hostListed = false;
      const apipa: string[] = [];
      const others: string[] = [];
      for (const text of lng.addressSpace.items) {
        const prefix = parsePrefix(text);
        if (!prefix) continue; // lng.prefixes-or-bgp reports it.
        if (!peerIsApipa && sameRange(prefix, peer)) hostListed = true;
        else if (isApipa(prefix)) apipa.push(text);
        else others.push(text);
      }
      if (apipa.length > 0) {
        ctx.error(lng, `address_space ${show(apipa)} holds link-local (APIPA) addresses; Azure refuses them in a local network gateway's address space. Remove them: an APIPA BGP peer needs no address_space entry`);
      }
      if (others.length > 0) {
        const wanted = peerIsApipa ? 'no address_space entry (the BGP peer is APIPA)' : `only ${show(`${peerText}/${peer.version === 4 ? 32 : 128}`)}`;
        ctx.warning(lng, `address_space ${show(others)} on a BGP local network gateway ${others.length === 1 ? 'is a static route that takes' : 'are static routes that take'} precedence over the routes the device advertises over BGP; Azure accepts this (a static fallback or a migration), but if it is not intended list ${wanted} and advertise the on-premises prefixes over BGP`);
      }
      if (!peerIsApipa && !hostListed) {
        if (lng.addressSpace.unknown) {
          ctx.skipped(lng, 'address_space', lng.addressSpace.unknown);
        } else {
          ctx.warning(lng, `address_space does not list ${show(`${peerText}/${peer.version === 4 ? 32 : 128}`)}, the host route to the BGP peer; current Azure adds it implicitly, but older gateways require it, so add it`);
        }
      }
    }
  },
};

function sameRange(a: Prefix, b: Prefix): boolean {
  return a.version === b.version && a.start === b.start && a.end === b.end;
}

const bgpPeerIp: Rule = {
  id: 'lng.bgp.peer-ip',
  severity: Severity.ERROR,
  summary: "The on-premises BGP peer address is a valid IP, differs from the device's public gateway_address, and lies outside the VNet of every gateway the local network gateway is connected to.",
  source: SOURCES.FAQ,
  check(ctx) {
    for (const lng of declared(ctx)) {
      const bgp = lng.bgpSettings;
      if (!bgp) continue;
      if (bgp.peeringAddress === undefined || bgp.peeringAddress === '') {
        ctx.error(lng, 'bgp_settings has no bgp_peering_address; set it to the BGP address of the on-premises device');
        continue;
      }
      const peerText = knownOrSkipped(ctx, lng, 'bgp_settings.bgp_peering_address', bgp.peeringAddress);
      if (peerText === undefined) continue;
      const peer = parseAddress(peerText);
      if (!peer) {
        ctx.error(lng, `bgp_settings.bgp_peering_address ${show(peerText)} is not an IP address; use the device's BGP address (e.g. a loopback or tunnel address)`);
        continue;
      }
      if (isKnown(lng.gatewayAddress)) {
        const device = parseAddress(lng.gatewayAddress);
        if (device && sameRange(device, peer)) {
          ctx.error(lng, `bgp_settings.bgp_peering_address ${show(peerText)} equals gateway_address; the BGP peer address must differ from the device's public IP (use a loopback or tunnel interface address)`);
        }
      }
      const vnets = new Map<string, VirtualNetwork>();
      for (const c of ctx.lookup.connectionsToLocalGateway(lng.address)) {
        const g = ctx.lookup.gateway(c.gateway);
        const vnet = g ? ctx.lookup.gatewayVnet(g) : undefined;
        if (vnet && readable(vnet)) vnets.set(vnet.address, vnet);
      }
      for (const vnet of vnets.values()) {
        const inside = vnet.addressSpace.items.find((text) => {
          const prefix = parsePrefix(text);
          return prefix !== undefined && contains(prefix, peer);
        });
        if (inside !== undefined) {
          ctx.error(lng, `bgp_settings.bgp_peering_address ${show(peerText)} lies inside address_space ${show(inside)} of ${vnet.address}, the VNet of a gateway this site connects to; use an on-premises address outside the VNet`);
        } else if (vnet.addressSpace.unknown) {
          ctx.skipped(lng, `address_space of ${vnet.address}`, vnet.addressSpace.unknown);
        }
      }
    }
  },
};

const bgpAsn: Rule = {
  id: 'lng.bgp.asn',
  severity: Severity.ERROR,
  summary: 'A local network gateway with bgp_settings has a non-zero asn.',
  source: SOURCES.I_ASN0,
  check(ctx) {
    for (const lng of declared(ctx)) {
      const bgp = lng.bgpSettings;
      if (!bgp) continue;
      if (bgp.asn === undefined) {
        ctx.error(lng, "bgp_settings has no asn; set it to the on-premises device's ASN");
        continue;
      }
      const asn = knownOrSkipped(ctx, lng, 'bgp_settings.asn', bgp.asn);
      if (asn === 0) {
        ctx.error(lng, 'bgp_settings.asn is 0; Azure refuses a local network gateway with an ASN of zero. Use the device\'s ASN (a private one: 64512–65514 or 65521–65534)');
      }
    }
  },
};

const prefixOverlap: Rule = {
  id: 'lng.prefix-overlap',
  severity: Severity.ERROR,
  summary: 'The static prefixes of different local network gateways connected to one gateway do not overlap, unless an ingress NAT rule translates them; a static 0.0.0.0/0 (::/0) is forced tunnelling, not an overlap: a warning, once.',
  source: `${SOURCES.FAQ}; ${SOURCES.FORCED_TUNNEL} (forced tunnelling through a default site)`,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external) continue;
      const sites = connectedNetworks(ctx.lookup, g).prefixes.filter((p) => {
        if (p.data.side !== 'site') return false;
        if (isUnknown(p.data.ingressNat)) {
          ctx.skipped(p.data.connection!, 'the ingress NAT rules linked to the connection', p.data.ingressNat);
          return false;
        }
        return !p.data.ingressNat;
      });
      const defaultRoutes = new Map<string, string>();
      for (const p of sites) {
        if (p.prefix.length === 0 && p.data.network.kind === 'localGateway' && !p.data.network.bgpSettings) defaultRoutes.set(p.data.network.address, p.prefix.version === 6 ? '::/0' : '0.0.0.0/0');
      }
      for (const [address, text] of defaultRoutes) {
        const lng = ctx.lookup.localGateway(address);
        if (!lng) continue;
        ctx.warning(lng, `address_space holds ${show(text)}: every destination without a more specific route, Internet-bound traffic included, goes to this site (forced tunnelling). Other sites keep their traffic (their prefixes are more specific), so this is no overlap; if forced tunnelling is intended, Microsoft documents it as the gateway's default site (default_local_network_gateway_id) — otherwise remove ${show(text)}`);
      }
      const overlaps = new OverlapReports();
      for (const { a, b } of findOverlaps(sites.filter((p) => p.prefix.length > 0))) overlaps.add(b.data.network, b, a);
      for (const r of overlaps.reports()) {
        ctx.error(
          r.on,
          `${describePrefix(r.own)} overlaps ${describeOthers(r)}; both sites connect to ${g.address}, so their routes collide. Renumber one site or translate it with an ingress NAT rule; for several devices at one site, list no static prefixes and let each device advertise them over BGP`,
        );
      }
    }
  },
};

const superset: Rule = {
  id: 'lng.superset',
  severity: Severity.WARNING,
  summary: "A local network gateway's static prefix should not be a superset of the VNet ranges it connects to.",
  source: SOURCES.FAQ,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external) continue;
      // A default route is forced tunnelling, reported once by lng.prefix-overlap.
      const candidates = connectedNetworks(ctx.lookup, g).prefixes.filter(
        (p) => p.data.side === 'vnet' || (p.prefix.length > 0 && p.data.ingressNat === false && p.data.egressNat === false),
      );
      const supersets = new OverlapReports();
      for (const { a, b } of findOverlaps(candidates)) {
        const [site, vnet] = siteIsSuperset(a, b) ? [a, b] : siteIsSuperset(b, a) ? [b, a] : [undefined, undefined];
        if (site && vnet) supersets.add(site.data.network, site, vnet);
      }
      for (const r of supersets.reports()) {
        ctx.warning(
          r.on,
          `${describePrefix(r.own)} is a superset of ${describeOthers(r)}, reached through ${g.address}; Azure documents supersets for BGP advertisements but not for static prefixes (behaviour unconfirmed), so list only the on-premises ranges`,
        );
      }
    }
  },
};

export const localGatewayRules: Rule[] = [endpoint, prefixesOrBgp, bgpHostPrefix, bgpPeerIp, bgpAsn, prefixOverlap, superset];

export const localGatewayLeftOut: LeftOut[] = [
  {
    id: 'lng.bgp.no-host-route',
    reason: 'Replaced by lng.bgp.host-prefix (project decision): the /32 of the BGP peer is listed, not forbidden.',
  },
];
