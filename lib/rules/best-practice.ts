import { SOURCES } from '../azure/sources';
import { activeActiveOf, isVpnGateway, vpnTypeOf } from '../azure/defaults';
import { Entity } from '../model/topology';
import { isKnown, isUnknown } from '../model/unknown';
import { Rule, RuleContext, Severity } from './rule';
import { show } from './support';
import { algorithm, policySites } from './ipsec';
import { IPSEC_ALGORITHMS, IPSEC_ALLOW_LIST_SOURCE } from '../azure/ipsec';

/**
 * ARM's naming rule for gateways and connections: 1–80 characters of letters, digits, `_`, `.`
 * and `-`, starting with a letter or digit and ending with a letter, digit or `_`.
 */
const ARM_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

function checkName(ctx: RuleContext, entity: Entity, what: string): void {
  const name = entity.name;
  if (!isKnown(name) || ARM_NAME.test(name)) return;
  ctx.error(entity, `name ${show(name.length > 90 ? `${name.slice(0, 80)}…` : name)} (${name.length} characters) breaks ARM's rule for a ${what} name: 1–80 characters of letters, digits, "_", "." and "-", starting with a letter or digit and ending with a letter, digit or "_"`);
}

const PSRULE_NAMES = 'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.VNG.Name/';

/** Hard ARM limits: part of the default rules. */
export const gatewayName: Rule = {
  id: 'gw.name',
  severity: Severity.ERROR,
  summary: 'A virtual network gateway name is 1–80 characters of letters, digits, _ . -, starts with a letter or digit and ends with a letter, digit or _.',
  source: `${PSRULE_NAMES} (PSRule Azure.VNG.Name, from the ARM naming rules)`,
  check(ctx) {
    for (const g of ctx.topology.gateways) if (!g.external) checkName(ctx, g, 'virtual network gateway');
  },
};

export const connectionName: Rule = {
  id: 'conn.name',
  severity: Severity.ERROR,
  summary: 'A connection name is 1–80 characters of letters, digits, _ . -, starts with a letter or digit and ends with a letter, digit or _.',
  source: 'https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.VNG.ConnectionName/ (PSRule Azure.VNG.ConnectionName, from the ARM naming rules)',
  check(ctx) {
    for (const c of ctx.topology.connections) if (!c.external) checkName(ctx, c, 'connection');
  },
};

const recommendActiveActive: Rule = {
  id: 'gw.recommend.active-active',
  severity: Severity.WARNING,
  summary: 'Best practice: a route-based, non-Basic VPN gateway is active-active.',
  source: `${SOURCES.AA} (PSRule Azure.VNG.VPNActiveActive)`,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external || isVpnGateway(g) !== true || vpnTypeOf(g) !== 'RouteBased' || g.sku === 'Basic' || !isKnown(g.sku)) continue;
      const aa = activeActiveOf(g);
      if (isUnknown(aa)) ctx.skipped(g, 'active_active', aa);
      else if (!aa) ctx.warning(g, 'active_active is not set (best-practice profile): an active-standby gateway drops its tunnels for about a minute on planned maintenance and longer on failures; set active_active = true with a second IP configuration and public IP');
    }
  },
};

const requireCustomIpsec: Rule = {
  id: 'ipsec.require-custom',
  severity: Severity.WARNING,
  summary:
    'Best practice: every IPsec and Vnet2Vnet connection has a custom ipsec_policy instead of Azure\'s default proposals, and every custom policy (connection or point-to-site) uses only allow-listed algorithms: ' +
    IPSEC_ALGORITHMS.map((s) => `${s.attribute} ${s.allowed.join('/')}`).join('; ') +
    '.',
  source: `${SOURCES.IPSEC} (Azure Policy 50b83b09-03da-41c1-b656-c293c914862b); allow-list from ${IPSEC_ALLOW_LIST_SOURCE}`,
  check(ctx) {
    for (const c of ctx.topology.connections) {
      if (c.external || (c.connectionType !== 'IPsec' && c.connectionType !== 'Vnet2Vnet')) continue;
      if (c.ipsecPolicy || c.unknownBlocks?.ipsec_policy) continue;
      ctx.warning(c, 'no ipsec_policy (best-practice profile): the connection negotiates from Azure\'s default proposal list, which includes weaker algorithms; pin a custom policy (e.g. GCMAES256 or AES256 with SHA256/SHA384, DHGroup14 or ECP384, PFS2048 or ECP384)');
    }
    for (const site of policySites(ctx)) {
      const outside: string[] = [];
      for (const spec of IPSEC_ALGORITHMS) {
        const value = algorithm(ctx, site, spec.field);
        // Values Azure does not accept at all are ipsec.enums' error.
        if (value === undefined || !spec.accepted.includes(value) || spec.allowed.includes(value)) continue;
        outside.push(`${spec.attribute} = ${show(value)} (use ${spec.allowed.join(', ')})`);
      }
      if (outside.length === 0) continue;
      ctx.warning(site.entity, `${site.block} uses algorithms outside the best-practice allow-list: ${outside.join('; ')}`);
    }
  },
};

const entraOnly: Rule = {
  id: 'p2s.entra-only',
  severity: Severity.WARNING,
  summary: 'Best practice: point-to-site users authenticate with Microsoft Entra ID only.',
  source: `${SOURCES.P2S} (Azure Policy 21a6bc25-125e-4d13-b82d-2e19b7208ab7)`,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      const types = g.p2s?.authTypes;
      if (g.external || !g.p2s) continue;
      if (types?.unknown) { ctx.skipped(g, 'vpn_client_configuration.vpn_auth_types', types.unknown); continue; }
      const items = types?.items ?? [];
      if (items.length > 0 && items.every((t) => t === 'AAD')) continue;
      ctx.warning(g, `vpn_auth_types = ${show(items.length > 0 ? items : ['(unset)'])} (best-practice profile): use ["AAD"] only, so point-to-site access follows Entra ID accounts and Conditional Access`);
    }
  },
};

const maintenance: Rule = {
  id: 'gw.maintenance',
  severity: Severity.WARNING,
  summary: 'Best practice: a non-Basic VPN gateway has a maintenance configuration assigned (azurerm_maintenance_assignment_virtual_network_gateway).',
  source: `${SOURCES.WHATS_NEW} (customer-controlled gateway maintenance; PSRule Azure.VNG.MaintenanceConfig)`,
  check(ctx) {
    const assigned = new Set<string>();
    for (const e of ctx.topology.entities.values()) {
      if (e.type === 'azurerm_maintenance_assignment_virtual_network_gateway') for (const d of e.dependsOn) assigned.add(d);
    }
    for (const g of ctx.topology.gateways) {
      if (g.external || isVpnGateway(g) !== true || g.sku === 'Basic' || assigned.has(g.address)) continue;
      ctx.warning(g, 'no maintenance configuration is assigned (best-practice profile): add an azurerm_maintenance_assignment_virtual_network_gateway with a window of at least 5 hours so gateway updates happen when you choose');
    }
  },
};

/** The opt-in best-practice profile (`azvpn check --profile best-practice`, context `azvpn:profile`). */
export const BEST_PRACTICE_RULES: readonly Rule[] = [recommendActiveActive, maintenance, requireCustomIpsec, entraOnly];

/** The name rules, which the default catalogue runs. */
export const nameRules: Rule[] = [gatewayName, connectionName];
