import { vpnSku } from '../azure/sku-capabilities';
import { Connection, Entity, NatMapping, NatRule } from '../model/topology';
import { certainlyDifferent, isKnown, Unknown } from '../model/unknown';
import { findOverlaps, isApipa, Owned, parseAddress, parsePrefix, Prefix } from '../private/cidr';
import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, show } from './support';
import { activeActiveOf, connectionBgpOf } from '../azure/defaults';
import { SOURCES } from '../azure/sources';
import { IPSEC } from '../azure/connection-types';

/**
 * NAT rules on VPN gateways (`nat.*` in RULES.md): `azurerm_virtual_network_gateway_nat_rule` and the
 * `ingress_nat_rule_ids` / `egress_nat_rule_ids` of connections.
 */

const MAX_RULES_PER_GATEWAY = 500;
/**
 * NAT-HOWTO limitations: "The maximum supported external mapping subnet size for Dynamic NAT is
 * /26." The largest allowed external pool is a /26 (64 addresses), so the prefix length must be
 * 26 or more; a /24 or /25 is a bigger subnet and is rejected.
 */
const DYNAMIC_MAX_EXTERNAL_LENGTH = 26;

/** NAT rules grouped by the gateway address they are declared on (known gateways only). */
function rulesByGateway(ctx: RuleContext): Map<string, NatRule[]> {
  const m = new Map<string, NatRule[]>();
  for (const rule of ctx.topology.natRules) {
    if (!isKnown(rule.gateway)) continue;
    const list = m.get(rule.gateway);
    if (list) list.push(rule);
    else m.set(rule.gateway, [rule]);
  }
  return m;
}

interface LinkedRule {
  readonly address: string;
  readonly direction: 'ingress' | 'egress';
}

/** The NAT rule addresses a connection links; reports the skip when a list is unknown. */
function linkedRules(connection: Connection): { rules: LinkedRule[]; unknown?: Unknown } {
  const rules: LinkedRule[] = [
    ...connection.ingressNatRules.items.map((address) => ({ address, direction: 'ingress' as const })),
    ...connection.egressNatRules.items.map((address) => ({ address, direction: 'egress' as const })),
  ];
  return { rules, unknown: connection.ingressNatRules.unknown ?? connection.egressNatRules.unknown };
}

function modeOf(rule: NatRule) {
  return rule.mode ?? 'EgressSnat';
}

function typeOf(rule: NatRule) {
  return rule.natType ?? 'Static';
}

function parseCidr(text: string): Prefix | undefined {
  // azurerm validates with IsCIDR, which needs the "/length" part.
  return text.includes('/') ? parsePrefix(text) : undefined;
}

function listNames(rules: NatRule[], max = 3): string {
  const shown = rules.slice(0, max).map((r) => r.address).join(', ');
  return rules.length > max ? `${shown} and ${rules.length - max} more` : shown;
}

// ---------------------------------------------------------------------------------------------

const sku: Rule = {
  id: 'nat.sku',
  severity: Severity.ERROR,
  summary: 'NAT rules need a VpnGw2–VpnGw5 or VpnGw2AZ–VpnGw5AZ gateway.',
  source: SOURCES.NAT,
  check(ctx) {
    for (const [address, rules] of rulesByGateway(ctx)) {
      const gateway = ctx.lookup.gateway(address);
      if (!gateway || gateway.external || gateway.sku === undefined) continue;
      const name = knownOrSkipped(ctx, gateway, 'sku', gateway.sku);
      if (name === undefined) continue;
      if (vpnSku(name)?.nat !== true) {
        ctx.error(gateway, `sku = ${show(name)} does not support NAT but ${rules.length} NAT rule(s) are declared on this gateway (${listNames(rules)}); use VpnGw2AZ or larger, or remove the NAT rules`);
      }
    }
  },
};

const scope: Rule = {
  id: 'nat.scope',
  severity: Severity.ERROR,
  summary: 'NAT rules apply only to IPsec site-to-site connections without policy-based traffic selectors, on the same gateway, in the matching direction.',
  source: SOURCES.NAT_HOWTO,
  check(ctx) {
    for (const connection of ctx.topology.connections) {
      const { rules, unknown } = linkedRules(connection);
      if (unknown) ctx.skipped(connection, 'ingress_nat_rule_ids / egress_nat_rule_ids', unknown);
      if (rules.length === 0) continue;
      const type = connection.connectionType === undefined ? undefined : knownOrSkipped(ctx, connection, 'type', connection.connectionType);
      if (type !== undefined && type !== IPSEC) {
        ctx.error(connection, `type = ${show(type)} cannot use NAT rules (NAT works only on IPsec site-to-site connections); remove ingress_nat_rule_ids and egress_nat_rule_ids`);
      }
      const pbts = connection.usePolicyBasedTrafficSelectors;
      if (pbts !== undefined && knownOrSkipped(ctx, connection, 'use_policy_based_traffic_selectors', pbts) === true) {
        ctx.error(connection, 'use_policy_based_traffic_selectors = true cannot be combined with NAT rules; turn it off or remove ingress_nat_rule_ids and egress_nat_rule_ids');
      }
      for (const linked of rules) {
        const rule = ctx.lookup.natRule(linked.address);
        if (!rule || rule.external) continue;
        if (isKnown(rule.gateway) && isKnown(connection.gateway) && rule.gateway !== connection.gateway) {
          ctx.error(connection, `${linked.direction}_nat_rule_ids links ${rule.address}, which belongs to ${rule.gateway}, not to this connection's gateway ${connection.gateway}; link NAT rules of the same gateway`);
        }
        const mode = knownOrSkipped(ctx, connection, `mode of ${rule.address}`, modeOf(rule));
        if (mode === undefined) continue;
        const expected = linked.direction === 'ingress' ? 'IngressSnat' : 'EgressSnat';
        if (mode.toLowerCase() !== expected.toLowerCase()) {
          ctx.error(connection, `${linked.direction}_nat_rule_ids links ${rule.address} whose mode = ${show(mode)}; ${linked.direction}_nat_rule_ids takes ${expected} rules only — move it to the other list or change its mode`);
        }
      }
    }
  },
};

const maxRules: Rule = {
  id: 'nat.max-rules',
  severity: Severity.ERROR,
  summary: 'A gateway has at most 500 NAT rules (ingress and egress combined); the older figure of 100 is superseded.',
  source: `${SOURCES.FAQ} (NAT section, ms.date 06/04/2026: 500, as ${SOURCES.NAT}; the older NAT FAQ include of 01/2024 said 100)`,
  check(ctx) {
    for (const [address, rules] of rulesByGateway(ctx)) {
      if (rules.length <= MAX_RULES_PER_GATEWAY) continue;
      const target: Entity = ctx.lookup.get(address) ?? rules[0];
      ctx.error(target, `${rules.length} NAT rules are declared on ${address}; a gateway allows at most ${MAX_RULES_PER_GATEWAY} — summarise prefixes or split the sites across gateways`);
    }
  },
};

const name: Rule = {
  id: 'nat.name',
  severity: Severity.ERROR,
  summary: 'A NAT rule name must not contain "/".',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const rule of ctx.topology.natRules) {
      if (rule.name === undefined) continue;
      const value = knownOrSkipped(ctx, rule, 'name', rule.name);
      if (value !== undefined && value.includes('/')) {
        ctx.error(rule, `name = ${show(value)} contains "/", which Azure does not allow in NAT rule names; use "-" instead`);
      }
    }
  },
};

const onePrefix: Rule = {
  id: 'nat.one-prefix',
  severity: Severity.ERROR,
  summary: 'A NAT rule has exactly one internal and one external mapping, valid CIDR prefixes, and a static rule maps prefixes of the same length.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const rule of ctx.topology.natRules) {
      const counts: Array<[string, NatMapping[]]> = [
        ['internal_mapping', rule.internalMappings],
        ['external_mapping', rule.externalMappings],
      ];
      for (const [attribute, mappings] of counts) {
        const dynamicBlock = rule.unknownBlocks?.[attribute];
        if (dynamicBlock && mappings.length <= 1) {
          ctx.skipped(rule, `the number of ${attribute} blocks`, dynamicBlock);
        } else if (mappings.length !== 1) {
          ctx.error(rule, `the rule has ${mappings.length} ${attribute} blocks; a NAT rule maps exactly one prefix — use one ${attribute} per rule and one rule per prefix`);
        }
      }
      const prefixes: Partial<Record<'internal_mapping' | 'external_mapping', Prefix>> = {};
      for (const [attribute, mappings] of counts as Array<['internal_mapping' | 'external_mapping', NatMapping[]]>) {
        for (const mapping of mappings) {
          if (mapping.addressSpace === undefined) continue;
          const text = knownOrSkipped(ctx, rule, `${attribute}.address_space`, mapping.addressSpace);
          if (text === undefined) continue;
          const prefix = parseCidr(text);
          if (!prefix) ctx.error(rule, `${attribute}.address_space ${show(text)} is not a CIDR prefix; use a prefix such as "10.0.1.0/24"`);
          else prefixes[attribute] ??= prefix;
        }
      }
      const type = knownOrSkipped(ctx, rule, 'type', typeOf(rule));
      if (type === undefined || type.toLowerCase() !== 'static' || rule.internalMappings.length !== 1 || rule.externalMappings.length !== 1) continue;
      if (rule.unknownBlocks?.internal_mapping || rule.unknownBlocks?.external_mapping) continue;
      const internal = prefixes.internal_mapping;
      const external = prefixes.external_mapping;
      if (internal && external && (internal.version !== external.version || internal.length !== external.length)) {
        ctx.error(rule, `a Static rule maps 1:1, but internal_mapping ${show(internal.text)} and external_mapping ${show(external.text)} differ in size; use prefixes of the same length (or type = "Dynamic")`);
      }
    }
  },
};

const dynamic: Rule = {
  id: 'nat.dynamic',
  severity: Severity.ERROR,
  summary: 'A Dynamic NAT rule has an external mapping of /26 or smaller and no port mappings, and is the only NAT rule on its connection.',
  source: SOURCES.NAT_HOWTO,
  check(ctx) {
    const dynamicRules = new Set<string>();
    for (const rule of ctx.topology.natRules) {
      const type = knownOrSkipped(ctx, rule, 'type', typeOf(rule));
      if (type === undefined || type.toLowerCase() !== 'dynamic') continue;
      dynamicRules.add(rule.address);
      for (const mapping of rule.externalMappings) {
        if (!isKnown(mapping.addressSpace)) continue;
        const prefix = parseCidr(mapping.addressSpace);
        if (prefix?.version === 4 && prefix.length < DYNAMIC_MAX_EXTERNAL_LENGTH) {
          ctx.error(rule, `external_mapping.address_space ${show(mapping.addressSpace)} is larger than /${DYNAMIC_MAX_EXTERNAL_LENGTH}, the largest external pool a Dynamic NAT rule supports; use a /${DYNAMIC_MAX_EXTERNAL_LENGTH} or smaller prefix`);
        }
      }
      const withPort = [...rule.internalMappings, ...rule.externalMappings].filter((m) => m.portRange !== undefined);
      if (withPort.length > 0) {
        ctx.error(rule, 'port_range is set on a Dynamic NAT rule; port mappings work only with type = "Static" — remove port_range or make the rule Static');
      }
    }
    if (dynamicRules.size === 0) return;
    for (const connection of ctx.topology.connections) {
      const { rules } = linkedRules(connection);
      const distinct = new Set(rules.map((r) => r.address));
      const dynamicLinked = [...distinct].filter((a) => dynamicRules.has(a));
      if (dynamicLinked.length > 0 && distinct.size > 1) {
        ctx.warning(connection, `links ${distinct.size} NAT rules including the Dynamic rule ${dynamicLinked[0]}; a connection takes either several Static rules or a single Dynamic rule (documented limit) — split them`);
      }
    }
  },
};

interface ExternalOwner {
  readonly text: string;
  readonly rule?: NatRule;
  readonly label?: string;
}

const externalUnique: Rule = {
  id: 'nat.external-unique',
  severity: Severity.ERROR,
  summary: 'External mappings of a gateway\'s NAT rules overlap neither each other nor any network connected without NAT.',
  source: SOURCES.NAT,
  check(ctx) {
    for (const [address, rules] of rulesByGateway(ctx)) {
      const items: Array<Owned<ExternalOwner>> = [];
      for (const rule of rules) {
        for (const mapping of rule.externalMappings) {
          if (mapping.addressSpace === undefined) continue;
          const text = knownOrSkipped(ctx, rule, 'external_mapping.address_space', mapping.addressSpace);
          const prefix = text === undefined ? undefined : parseCidr(text);
          if (text !== undefined && prefix) items.push({ prefix, owner: rule.address, data: { text, rule } });
        }
      }
      if (items.length === 0) continue;
      const addNetwork = (entity: Entity | undefined, label: string, texts: string[]): void => {
        if (!entity || entity.external) return;
        for (const text of texts) {
          const prefix = parsePrefix(text);
          // One owner for every network: their overlaps with each other belong to other rules.
          if (prefix) items.push({ prefix, owner: 'network', data: { text, label } });
        }
      };
      const gateway = ctx.lookup.gateway(address);
      const vnet = gateway ? ctx.lookup.gatewayVnet(gateway) : undefined;
      if (vnet) {
        addNetwork(vnet, `the gateway's virtual network ${vnet.address}`, vnet.addressSpace.items);
        for (const peering of ctx.lookup.peeringsFrom(vnet.address)) {
          const remote = ctx.lookup.virtualNetwork(peering.remoteVirtualNetwork);
          if (remote) addNetwork(remote, `the peered virtual network ${remote.address}`, remote.addressSpace.items);
        }
      }
      for (const connection of ctx.lookup.connectionsOf(address)) {
        const { rules: linked, unknown } = linkedRules(connection);
        // A connection with NAT rules sees translated prefixes: its own site may overlap.
        if (linked.length > 0 || unknown) continue;
        const lng = ctx.lookup.localGateway(connection.localGateway);
        if (lng) addNetwork(lng, `the local network gateway ${lng.address} (connected without NAT)`, lng.addressSpace.items);
      }
      for (const { a, b } of findOverlaps(items)) {
        if (a.data.rule && b.data.rule) {
          // Per-instance rules of an active-active gateway may share one external range.
          const ipA = a.data.rule.ipConfigurationId;
          const ipB = b.data.rule.ipConfigurationId;
          if (certainlyDifferent(ipA, ipB)) continue;
          ctx.error(b.data.rule, `external_mapping ${show(b.data.text)} overlaps the external_mapping ${show(a.data.text)} of ${a.data.rule.address} on the same gateway; give each rule its own external range`);
          continue;
        }
        const [rule, network] = a.data.rule ? [a, b] : [b, a];
        if (!rule.data.rule) continue;
        ctx.error(rule.data.rule, `external_mapping ${show(rule.data.text)} overlaps ${network.data.label} (${show(network.data.text)}); the translated range must be unique across every network the gateway routes`);
      }
    }
    checkIngressReuse(ctx);
  },
};

/**
 * One IngressSnat rule may serve several connections only when they reach the same on-premises
 * network (redundant devices); two different networks would be translated into one range.
 */
function checkIngressReuse(ctx: RuleContext): void {
  const sitesByRule = new Map<string, Map<string, string>>();
  for (const connection of ctx.topology.connections) {
    const lng = ctx.lookup.localGateway(connection.localGateway);
    if (!lng || lng.external || lng.addressSpace.unknown) continue;
    const network = [...new Set(lng.addressSpace.items)].sort().join(',');
    for (const address of connection.ingressNatRules.items) {
      let sites = sitesByRule.get(address);
      if (!sites) sitesByRule.set(address, (sites = new Map()));
      sites.set(network, lng.address);
    }
  }
  for (const [address, sites] of sitesByRule) {
    const rule = ctx.lookup.natRule(address);
    if (!rule || rule.external || sites.size < 2) continue;
    const names = [...sites.values()].slice(0, 3).join(', ');
    ctx.error(rule, `this IngressSnat rule is linked from connections to ${sites.size} different on-premises networks (${names}); an ingress rule may be shared only by connections to the same network — create one rule per site`);
  }
}

const activeActive: Rule = {
  id: 'nat.active-active',
  severity: Severity.WARNING,
  summary: 'On an active-active gateway each NAT rule applies to one gateway instance chosen by ip_configuration_id.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const [address, rules] of rulesByGateway(ctx)) {
      const gateway = ctx.lookup.gateway(address);
      if (!gateway || gateway.external) continue;
      const aa = knownOrSkipped(ctx, gateway, 'active_active', activeActiveOf(gateway));
      if (aa !== true) continue;
      for (const rule of rules) {
        if (rule.ipConfigurationId === undefined) {
          ctx.warning(rule, 'ip_configuration_id is not set on a NAT rule of an active-active gateway; each rule applies to one gateway instance — create one rule per instance with ip_configuration_id set to each ip_configuration (named "default" and "activeActive" by default)');
        }
      }
    }
  },
};

const bgp: Rule = {
  id: 'nat.bgp',
  severity: Severity.WARNING,
  summary: 'NAT with BGP needs bgp_route_translation_for_nat_enabled on the gateway, and NAT with APIPA BGP addresses is documented inconsistently.',
  source: SOURCES.NAT,
  check(ctx) {
    const flagged = new Set<string>();
    for (const connection of ctx.topology.connections) {
      const { rules } = linkedRules(connection);
      if (rules.length === 0) continue;
      const bgpOn = connectionBgpOf(connection);
      if (bgpOn instanceof Unknown) ctx.skipped(connection, 'bgp_enabled', bgpOn);
      if (bgpOn !== true) continue;
      const gateway = ctx.lookup.gateway(connection.gateway);
      if (gateway && !gateway.external && !flagged.has(gateway.address)) {
        flagged.add(gateway.address);
        const translation = gateway.bgpRouteTranslationForNatEnabled ?? false;
        if (translation instanceof Unknown) ctx.skipped(gateway, 'bgp_route_translation_for_nat_enabled', translation);
        else if (!translation) {
          ctx.warning(gateway, `bgp_route_translation_for_nat_enabled is not true but BGP connection ${connection.address} uses NAT rules; set bgp_route_translation_for_nat_enabled = true so learned and advertised routes are translated`);
        }
      }
      if (usesApipa(ctx, connection)) {
        ctx.warning(connection, 'uses NAT rules and an APIPA (169.254.x.x) BGP address; the VPN FAQ says NAT is not supported with APIPA BGP while the NAT overview says APIPA peers need no rule (docs conflict) — prefer non-APIPA BGP addresses with NAT');
      }
    }
  },
};

function usesApipa(ctx: RuleContext, connection: Connection): boolean {
  const isApipaText = (v: unknown): boolean => {
    if (typeof v !== 'string') return false;
    const p = parseAddress(v);
    return p !== undefined && isApipa(p);
  };
  const lng = ctx.lookup.localGateway(connection.localGateway);
  if (lng?.bgpSettings && isApipaText(lng.bgpSettings.peeringAddress)) return true;
  const custom = connection.customBgpAddresses;
  return custom !== undefined && (isApipaText(custom.primary) || isApipaText(custom.secondary));
}

const ordering: Rule = {
  id: 'nat.ordering',
  severity: Severity.WARNING,
  summary: 'A connection that links NAT rules should depend on them, so Terraform creates the rules first.',
  source: SOURCES.NAT_HOWTO,
  check(ctx) {
    for (const connection of ctx.topology.connections) {
      for (const linked of linkedRules(connection).rules) {
        const rule = ctx.lookup.natRule(linked.address);
        if (!rule || rule.external) continue;
        if (!ctx.lookup.dependsOn(connection.address, rule.address)) {
          ctx.warning(connection, `${linked.direction}_nat_rule_ids links ${rule.address} without depending on it, so Terraform may create the connection first; reference the rule's id (or add depends_on = [${rule.address}]) and expect that linking may need a second apply`);
        }
      }
    }
  },
};

export const natRules: Rule[] = [sku, scope, maxRules, name, onePrefix, dynamic, externalUnique, activeActive, bgp, ordering];

export const natLeftOut: LeftOut[] = [];
