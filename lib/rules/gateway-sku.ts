import { CREATABLE_VPN_SKUS, GENERATION1 as GEN1, GENERATION2 as GEN2, vpnSku } from '../azure/sku-capabilities';
import { VirtualNetworkGateway } from '../model/topology';
import { isUnknown } from '../model/unknown';
import { parsePrefix } from '../private/cidr';
import { attachedPublicIps, gatewaySkuOf, isExpressRoute, isExpressRouteSku, subnetsOf, vpnCandidates } from './gateway-support';
import { gatewayTypeOf, publicIpSkuOf, vpnTypeOf } from '../azure/defaults';
import { SOURCES } from '../azure/sources';
import { Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, show } from './support';

const POLICY_BASED = 'PolicyBased';

const policyBasedLimits: Rule = {
  id: 'gw.policybased.limits',
  severity: Severity.ERROR,
  summary: 'A policy-based gateway uses the Basic SKU, the only one azurerm accepts, and speaks IKEv1 only (an explicit IKEv2 is a warning: unconfirmed whether Azure rejects it); its one-tunnel limit is conn.routebased and conn.tunnel-limit.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      if (knownOrSkipped(ctx, g, 'vpn_type', vpnTypeOf(g)) !== POLICY_BASED) continue;
      const sku = gatewaySkuOf(ctx, g);
      if (sku && sku.capabilities?.maxTunnelsPolicyBased === undefined) {
        ctx.report('error', g, `vpn_type = "PolicyBased" with sku = ${show(sku.name)}: azurerm accepts only sku = "Basic" for policy-based gateways; use vpn_type = "RouteBased" with ${show(CREATABLE_VPN_SKUS[0])} and use_policy_based_traffic_selectors on the connection`, c.undecided);
      }
      // More than one S2S connection on a policy-based gateway is conn.routebased's (multi-site)
      // and conn.tunnel-limit's finding; only the protocol is left to this rule.
      for (const conn of ctx.lookup.connectionsOf(g.address)) {
        if (conn.connectionProtocol === 'IKEv2') {
          // The docs say "IKEv1 only"; whether Azure rejects an explicit IKEv2 or ignores it is unconfirmed.
          ctx.report('warning', conn, `connection_protocol = "IKEv2" on a connection of policy-based gateway ${g.address}; policy-based gateways speak IKEv1 only (whether Azure rejects or ignores the setting is unconfirmed): remove connection_protocol or use a route-based gateway`, c.undecided);
        } else if (isUnknown(conn.connectionProtocol)) {
          ctx.skipped(conn, 'connection_protocol', conn.connectionProtocol);
        }
      }
    }
  },
};

const policyBasedPortal: Rule = {
  id: 'gw.policybased.portal',
  severity: Severity.WARNING,
  summary: 'Policy-based gateways can no longer be created in the portal (Oct 2023) and are limited; prefer RouteBased with use_policy_based_traffic_selectors.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      if (knownOrSkipped(ctx, c.gateway, 'vpn_type', vpnTypeOf(c.gateway)) !== POLICY_BASED) continue;
      ctx.report('warning', c.gateway, 'vpn_type = "PolicyBased" is a legacy design (Basic only, one tunnel, no BGP/P2S, no portal creation since Oct 2023); prefer vpn_type = "RouteBased" and use_policy_based_traffic_selectors = true on the connection', c.undecided);
    }
  },
};

const skuLegacyCreate: Rule = {
  id: 'gw.sku.legacy-create',
  severity: Severity.ERROR,
  summary: 'A VPN gateway cannot use the legacy Standard or HighPerformance SKUs (blocked since Dec 2023, retired March–June 2026: the legacy-SKU article says 2026-03-31, the FAQ and What\'s new June 2026), nor an ExpressRoute-only or unrecognised SKU.',
  source: `${SOURCES.LEGACY}; ${SOURCES.WHATS_NEW}`,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const sku = gatewaySkuOf(ctx, c.gateway);
      if (!sku) continue;
      const caps = sku.capabilities;
      if (caps?.legacy) {
        ctx.report('error', c.gateway, `sku = ${show(sku.name)} is a legacy SKU that can no longer be created (retired March–June 2026; the documents disagree on the date); use sku = ${show(caps.replacement ?? CREATABLE_VPN_SKUS[0])}`, c.undecided);
      } else if (!caps) {
        const kind = isExpressRouteSku(sku.name) ? 'an ExpressRoute-only SKU' : 'not a VPN gateway SKU';
        ctx.report('error', c.gateway, `sku = ${show(sku.name)} is ${kind}; a gateway with type = "Vpn" needs one of ${CREATABLE_VPN_SKUS.map((s) => show(s)).join(', ')} (or "Basic")`, c.undecided);
      }
    }
  },
};

const skuNonAzCreate: Rule = {
  id: 'gw.sku.non-az-create',
  severity: Severity.ERROR,
  summary: 'New VPN gateways cannot use the non-AZ VpnGw1–VpnGw5 SKUs (creation blocked since Nov 2025, retired 2026-09-30, existing gateways migrated to the AZ SKUs automatically); use VpnGw1AZ–VpnGw5AZ, which deploy in every region.',
  source: `${SOURCES.CONSOL}; ${SOURCES.WHATS_NEW}`,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const sku = gatewaySkuOf(ctx, c.gateway);
      const caps = sku?.capabilities;
      if (!sku || !caps || caps.legacy || caps.creatable) continue;
      ctx.report('error', c.gateway, `sku = ${show(sku.name)} is a non-zone-redundant SKU that can no longer be created (since Nov 2025; retired 2026-09-30, existing gateways are migrated to the AZ SKUs automatically); use sku = ${show(caps.replacement ?? CREATABLE_VPN_SKUS[0])}, which also deploys in regions without availability zones`, c.undecided);
    }
  },
};

const skuGeneration: Rule = {
  id: 'gw.sku.generation',
  severity: Severity.ERROR,
  summary: 'The generation must be one the SKU exists in: VpnGw1/1AZ and Basic are Generation1 only, VpnGw4/5(AZ) Generation2 only.',
  source: SOURCES.SKUS,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      if (g.generation === undefined) continue;
      const generation = knownOrSkipped(ctx, g, 'generation', g.generation);
      if (generation !== GEN1 && generation !== GEN2) continue;
      const sku = gatewaySkuOf(ctx, g);
      const caps = sku?.capabilities;
      if (!sku || !caps || caps.generations.includes(generation)) continue;
      ctx.report('error', g, `generation = ${show(generation)} does not exist for sku = ${show(sku.name)}, which supports ${caps.generations.map((x) => show(x)).join(' and ')}; set generation = ${show(caps.generations[0])} or pick a SKU available in ${show(generation)}`, c.undecided);
    }
  },
};

/**
 * A resize in place is only within a series and a generation: the plan changes `sku` of a
 * gateway that stays (an update), so Terraform calls Azure to resize it, and Azure refuses a move
 * between Basic and the VpnGw SKUs, between the legacy SKUs and the VpnGw SKUs, or to a SKU that
 * does not exist in the gateway's deployed generation (which `generation`, ForceNew or ignored
 * by the constructs, keeps).
 */
const skuResize: Rule = {
  id: 'gw.sku.resize',
  severity: Severity.ERROR,
  summary: 'A plan that resizes a deployed gateway in place must stay within its series and generation: Basic ↔ VpnGw, legacy (Standard/HighPerformance/UltraPerformance) ↔ VpnGw and a SKU missing the deployed generation are refused at apply (read from a plan\'s `before`).',
  source: `${SOURCES.UPGRADE}; ${SOURCES.SKUS}`,
  azureError: 'CrossSeriesOrCrossGatewayGenenrationResizeNotSupported',
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      const from = g.deployed?.sku;
      if (from === undefined) continue;
      const to = gatewaySkuOf(ctx, g);
      if (!to || to.name === from) continue;
      const before = vpnSku(from);
      const after = to.capabilities;
      if (!before || !after) continue;
      const generation = g.deployed?.generation;
      let why: string | undefined;
      if ((from === 'Basic') !== (to.name === 'Basic')) why = 'Basic cannot be resized to or from any other SKU';
      else if (before.legacy !== after.legacy) why = 'the legacy SKUs (Standard, HighPerformance, UltraPerformance) cannot be resized to or from the VpnGw SKUs';
      else if (generation !== undefined && (generation === GEN1 || generation === GEN2) && !after.generations.includes(generation)) {
        why = `the gateway is deployed in ${show(generation)}, and ${show(to.name)} exists only in ${after.generations.map((x) => show(x)).join(' and ')}; a resize keeps the generation`;
      }
      if (why === undefined) continue;
      ctx.report(
        'error',
        g,
        `the plan resizes the deployed gateway from sku = ${show(from)} to ${show(to.name)} in place, which Azure refuses at apply: ${why}. Pick a SKU of the same series${generation ? ` available in ${show(generation)}` : ''}, or migrate the gateway (${SOURCES.UPGRADE}); deleting and recreating it means an outage and, with new public IPs, reconfiguring every on-premises device`,
        c.undecided,
      );
    }
  },
};

const generationDrift: Rule = {
  id: 'gw.generation.drift',
  severity: Severity.WARNING,
  summary: 'Azure moves gateways on Standard public IPs to Generation2; an explicit Generation1 on a SKU that has Generation2 then plans as a replacement, because generation forces a new gateway (unless lifecycle.ignore_changes names generation).',
  source: SOURCES.CONSOL,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      // Only an explicit Generation1 can drift; SKUs that exist only in Generation1 (VpnGw1AZ, Basic)
      // leave nothing to choose, and SKUs that cannot be created are already errors.
      if (g.generation === undefined) continue;
      // With ignore_changes on generation, Azure's move never shows in a plan: nothing to replace.
      if (g.generationChangesIgnored) continue;
      if (knownOrSkipped(ctx, g, 'generation', g.generation) !== GEN1) continue;
      const caps = gatewaySkuOf(ctx, g)?.capabilities;
      if (!caps?.creatable || !caps.generations.includes(GEN2)) continue;
      const basicIp = attachedPublicIps(ctx, g).some(({ publicIp }) => publicIpSkuOf(publicIp) === 'Basic');
      if (basicIp) continue;
      ctx.report('warning', g, `generation = "Generation1" with sku = ${show(caps.name)}: Azure moves gateways on Standard public IPs to Generation2, and a change of generation replaces the gateway in Terraform; set generation = "Generation2" or add lifecycle { ignore_changes = [generation] }`, c.undecided);
    }
  },
};

const skuBasicLimits: Rule = {
  id: 'gw.sku.basic-limits',
  severity: Severity.ERROR,
  summary: 'The Basic SKU should not be used for production, has no IPv6 and cannot coexist with an ExpressRoute gateway (BGP, active-active, custom IPsec, NAT and P2S limits have their own rules).',
  source: SOURCES.SKUS,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      if (gatewaySkuOf(ctx, g)?.name !== 'Basic') continue;
      ctx.report('warning', g, `sku = "Basic" should not be used for production (lower SLA, no BGP, active-active, OpenVPN or Entra ID P2S (IKEv2 with certificates only), custom IPsec policy or NAT, 10 tunnels); use sku = ${show(CREATABLE_VPN_SKUS[0])}`, c.undecided);
      const ipv6 = subnetsOf(ctx, g).flatMap((s) => s.addressPrefixes.items.filter((t) => parsePrefix(t)?.version === 6).map((t) => `${show(t)} (${s.address})`));
      if (ipv6.length > 0) {
        ctx.report('error', g, `sku = "Basic" does not support IPv6, but the GatewaySubnet has address_prefixes ${ipv6.join(', ')}; remove the IPv6 range or use sku = ${show(CREATABLE_VPN_SKUS[0])}`, c.undecided);
      }
      reportExpressRouteBeside(ctx, g, (er) => ctx.report('error', g, `sku = "Basic" cannot coexist with ExpressRoute gateway ${er.address} in the same virtual network; use sku = ${show(CREATABLE_VPN_SKUS[0])}`, c.undecided));
    }
  },
};

/** Calls `found` with the ExpressRoute gateway in the gateway's VNet; reports skips for gateways of unknown type. */
function reportExpressRouteBeside(ctx: RuleContext, gateway: VirtualNetworkGateway, found: (er: VirtualNetworkGateway) => void): void {
  const vnet = ctx.lookup.gatewayVnet(gateway);
  if (!vnet) return;
  const others = ctx.lookup.gatewaysInVnet(vnet.address).filter((o) => o !== gateway);
  const er = others.find(isExpressRoute);
  if (er) {
    found(er);
    return;
  }
  for (const o of others) {
    const kind = gatewayTypeOf(o);
    if (isUnknown(kind)) ctx.skipped(o, 'type', kind);
  }
}

const defaultSite: Rule = {
  id: 'gw.default-site',
  severity: Severity.ERROR,
  summary: 'A default site (default_local_network_gateway_id, forced tunnelling) needs a route-based gateway, and should be a site the gateway connects to.',
  source: `${SOURCES.FORCED_TUNNEL} (forced tunnelling with a default site: route-based VPN gateways)`,
  check(ctx) {
    for (const c of vpnCandidates(ctx)) {
      const g = c.gateway;
      const site = g.defaultLocalNetworkGateway;
      if (site === undefined) continue;
      const vpnType = vpnTypeOf(g);
      if (isUnknown(vpnType)) ctx.skipped(g, 'vpn_type', vpnType);
      else if (vpnType !== 'RouteBased') {
        ctx.report('error', g, `default_local_network_gateway_id is set on a gateway with vpn_type = ${show(vpnType)}; forced tunnelling through a default site needs vpn_type = "RouteBased" — remove the default site or use a route-based gateway`, c.undecided);
        continue;
      }
      if (isUnknown(site)) continue;
      const connected = ctx.lookup.connectionsOf(g.address).some((conn) => conn.localGateway === site);
      if (!connected && !ctx.lookup.get(site)?.external) {
        ctx.report('warning', g, `default_local_network_gateway_id names ${site}, but no connection of this gateway reaches that site; forced-tunnelled traffic has nowhere to go — connect the site or remove the default site`, c.undecided);
      }
    }
  },
};

export const gatewaySkuRules: Rule[] = [
  defaultSite,
  policyBasedLimits,
  policyBasedPortal,
  skuLegacyCreate,
  skuNonAzCreate,
  skuGeneration,
  skuResize,
  generationDrift,
  skuBasicLimits,
];
