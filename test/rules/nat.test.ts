import { Entity } from '../../lib/model/topology';
import { natRules } from '../../lib/rules/nat';
import { Severity } from '../../lib/rules/rule';
import {
  check,
  connection,
  gateway,
  ids,
  list,
  localGateway,
  minimalHub,
  natRule,
  peering,
  rule,
  unknown,
  vnet,
} from '../support/model';

const RULE_A = 'azurerm_virtual_network_gateway_nat_rule.a';
const RULE_B = 'azurerm_virtual_network_gateway_nat_rule.b';
const SITE_CONNECTION = 'azurerm_virtual_network_gateway_connection.site';

/** The minimal hub on a NAT-capable SKU, plus the given entities. */
function natHub(extra: Entity[] = [], gatewayOverrides: Parameters<typeof gateway>[1] = {}) {
  return minimalHub([gateway(undefined, { sku: 'VpnGw2AZ', ...gatewayOverrides }), ...extra]);
}

/** A connection to the site linking the given rules, depending on them as a reference would. */
function linkedConnection(o: Parameters<typeof connection>[1] = {}) {
  const ingress = o.ingressNatRules ?? list();
  const egress = o.egressNatRules ?? list(RULE_A);
  return connection(SITE_CONNECTION, { egressNatRules: egress, ingressNatRules: ingress, dependsOn: [...ingress.items, ...egress.items], ...o });
}

function run(id: string, t: ReturnType<typeof minimalHub>) {
  return check(t, rule(id));
}

describe('nat family', () => {
  test('GIVEN the minimal hub WHEN checked with the NAT rules THEN nothing is reported', () => {
    expect(check(minimalHub(), ...natRules)).toEqual([]);
  });

  test('GIVEN a valid egress rule linked from the site connection WHEN checked with the NAT rules THEN nothing is reported', () => {
    const t = natHub([natRule(RULE_A), linkedConnection()]);
    expect(check(t, ...natRules)).toEqual([]);
  });
});

describe('nat.sku', () => {
  test('GIVEN a NAT rule on a VpnGw1AZ gateway WHEN checked THEN it is an error on the gateway', () => {
    const f = run('nat.sku', natHub([natRule(RULE_A)], { sku: 'VpnGw1AZ' }));
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['nat.sku', Severity.ERROR, 'azurerm_virtual_network_gateway.gw']]);
    expect(f[0].message).toContain('"VpnGw1AZ"');
  });

  test('GIVEN a NAT rule on a VpnGw3AZ gateway WHEN checked THEN it passes', () => {
    expect(run('nat.sku', natHub([natRule(RULE_A)], { sku: 'VpnGw3AZ' }))).toEqual([]);
  });

  test('GIVEN a NAT rule on a gateway with an unknown sku WHEN checked THEN it is an info skip', () => {
    expect(run('nat.sku', natHub([natRule(RULE_A)], { sku: unknown() })).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('nat.scope', () => {
  test('GIVEN a Vnet2Vnet connection with a NAT rule WHEN checked THEN it is an error', () => {
    const t = natHub([natRule(RULE_A), linkedConnection({ connectionType: 'Vnet2Vnet', localGateway: undefined, peerGateway: 'azurerm_virtual_network_gateway.other' })]);
    expect(ids(run('nat.scope', t), Severity.ERROR)).toEqual(['nat.scope']);
  });

  test('GIVEN use_policy_based_traffic_selectors with a NAT rule WHEN checked THEN it is an error', () => {
    const t = natHub([natRule(RULE_A), linkedConnection({ usePolicyBasedTrafficSelectors: true })]);
    expect(ids(run('nat.scope', t), Severity.ERROR)).toEqual(['nat.scope']);
  });

  test('GIVEN a NAT rule of another gateway WHEN linked THEN it is an error', () => {
    const t = natHub([natRule(RULE_A, { gateway: 'azurerm_virtual_network_gateway.other' }), linkedConnection()]);
    const f = run('nat.scope', t);
    expect(ids(f, Severity.ERROR)).toEqual(['nat.scope']);
    expect(f[0].message).toContain('azurerm_virtual_network_gateway.other');
  });

  test('GIVEN an EgressSnat rule in ingress_nat_rule_ids WHEN checked THEN it is an error', () => {
    const t = natHub([natRule(RULE_A, { mode: 'EgressSnat' }), linkedConnection({ ingressNatRules: list(RULE_A), egressNatRules: list() })]);
    expect(ids(run('nat.scope', t), Severity.ERROR)).toEqual(['nat.scope']);
  });

  test('GIVEN an IPsec connection with an egress rule of its gateway WHEN checked THEN it passes', () => {
    expect(run('nat.scope', natHub([natRule(RULE_A), linkedConnection()]))).toEqual([]);
  });

  test('GIVEN a connection of unknown type with a NAT rule WHEN checked THEN it is an info skip', () => {
    const t = natHub([natRule(RULE_A), linkedConnection({ connectionType: unknown() })]);
    expect(run('nat.scope', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('nat.max-rules', () => {
  test('GIVEN 501 NAT rules on one gateway WHEN checked THEN it is an error', () => {
    const rules = Array.from({ length: 501 }, (_, i) => natRule(`azurerm_virtual_network_gateway_nat_rule.r${i}`));
    const f = run('nat.max-rules', natHub(rules));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['nat.max-rules', Severity.ERROR]]);
  });

  test('GIVEN 500 NAT rules on one gateway WHEN checked THEN it passes', () => {
    const rules = Array.from({ length: 500 }, (_, i) => natRule(`azurerm_virtual_network_gateway_nat_rule.r${i}`));
    expect(run('nat.max-rules', natHub(rules))).toEqual([]);
  });
});

describe('nat.name', () => {
  test('GIVEN a NAT rule name with a slash WHEN checked THEN it is an error', () => {
    expect(ids(run('nat.name', natHub([natRule(RULE_A, { name: 'site/egress' })])), Severity.ERROR)).toEqual(['nat.name']);
  });

  test('GIVEN a NAT rule name without a slash WHEN checked THEN it passes', () => {
    expect(run('nat.name', natHub([natRule(RULE_A, { name: 'site-egress' })]))).toEqual([]);
  });

  test('GIVEN an unknown NAT rule name WHEN checked THEN it is an info skip', () => {
    expect(run('nat.name', natHub([natRule(RULE_A, { name: unknown() })])).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('nat.one-prefix', () => {
  test('GIVEN two internal mappings WHEN checked THEN it is an error', () => {
    const r = natRule(RULE_A, { internalMappings: [{ addressSpace: '10.0.0.0/24', portRange: undefined }, { addressSpace: '10.0.1.0/24', portRange: undefined }] });
    expect(ids(run('nat.one-prefix', natHub([r])), Severity.ERROR)).toEqual(['nat.one-prefix']);
  });

  test('GIVEN a static rule mapping a /24 to a /25 WHEN checked THEN it is an error', () => {
    const r = natRule(RULE_A, { externalMappings: [{ addressSpace: '100.64.0.0/25', portRange: undefined }] });
    const f = run('nat.one-prefix', natHub([r]));
    expect(ids(f, Severity.ERROR)).toEqual(['nat.one-prefix']);
    expect(f[0].message).toContain('"100.64.0.0/25"');
  });

  test('GIVEN a mapping that is not a CIDR prefix WHEN checked THEN it is an error', () => {
    const r = natRule(RULE_A, { externalMappings: [{ addressSpace: '100.64.0.0', portRange: undefined }] });
    expect(ids(run('nat.one-prefix', natHub([r])), Severity.ERROR)).toEqual(['nat.one-prefix']);
  });

  test('GIVEN a dynamic rule mapping a /24 to a /26 WHEN checked THEN this rule passes', () => {
    const r = natRule(RULE_A, { natType: 'Dynamic', externalMappings: [{ addressSpace: '100.64.0.0/26', portRange: undefined }] });
    expect(run('nat.one-prefix', natHub([r]))).toEqual([]);
  });

  test('GIVEN an unknown external mapping WHEN checked THEN it is an info skip', () => {
    const r = natRule(RULE_A, { externalMappings: [{ addressSpace: unknown(), portRange: undefined }] });
    expect(run('nat.one-prefix', natHub([r])).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN internal mappings written as a dynamic block WHEN checked THEN it is an info skip', () => {
    const r = natRule(RULE_A, { internalMappings: [], unknownBlocks: { internal_mapping: unknown() } });
    expect(run('nat.one-prefix', natHub([r])).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('nat.dynamic', () => {
  test('GIVEN a dynamic rule with a /24 external pool WHEN checked THEN it is an error (largest is /26)', () => {
    const r = natRule(RULE_A, { natType: 'Dynamic', externalMappings: [{ addressSpace: '100.64.0.0/24', portRange: undefined }] });
    const f = run('nat.dynamic', natHub([r]));
    expect(ids(f, Severity.ERROR)).toEqual(['nat.dynamic']);
    expect(f[0].message).toContain('/26');
  });

  test('GIVEN a dynamic rule with a /27 external pool WHEN checked THEN it passes', () => {
    const r = natRule(RULE_A, { natType: 'Dynamic', externalMappings: [{ addressSpace: '100.64.0.0/27', portRange: undefined }] });
    expect(run('nat.dynamic', natHub([r]))).toEqual([]);
  });

  test('GIVEN a dynamic rule with a port mapping WHEN checked THEN it is an error', () => {
    const r = natRule(RULE_A, { natType: 'Dynamic', externalMappings: [{ addressSpace: '100.64.0.0/26', portRange: '443' }] });
    expect(ids(run('nat.dynamic', natHub([r])), Severity.ERROR)).toEqual(['nat.dynamic']);
  });

  test('GIVEN a dynamic rule and a static rule on one connection WHEN checked THEN it is a warning', () => {
    const dyn = natRule(RULE_A, { natType: 'Dynamic', externalMappings: [{ addressSpace: '100.64.0.0/26', portRange: undefined }] });
    const stat = natRule(RULE_B, { externalMappings: [{ addressSpace: '100.64.1.0/24', portRange: undefined }] });
    const f = run('nat.dynamic', natHub([dyn, stat, linkedConnection({ egressNatRules: list(RULE_A, RULE_B) })]));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['nat.dynamic', Severity.WARNING]]);
  });

  test('GIVEN a rule of unknown type WHEN checked THEN it is an info skip', () => {
    expect(run('nat.dynamic', natHub([natRule(RULE_A, { natType: unknown() })])).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('nat.external-unique', () => {
  test('GIVEN two rules with overlapping external mappings WHEN checked THEN it is an error', () => {
    const b = natRule(RULE_B, { internalMappings: [{ addressSpace: '10.0.1.0/24', portRange: undefined }], externalMappings: [{ addressSpace: '100.64.0.0/24', portRange: undefined }] });
    const f = run('nat.external-unique', natHub([natRule(RULE_A), b]));
    expect(ids(f, Severity.ERROR)).toEqual(['nat.external-unique']);
  });

  test('GIVEN per-instance rules of an active-active gateway sharing one external range WHEN checked THEN it passes', () => {
    const a = natRule(RULE_A, { ipConfigurationId: 'default' });
    const b = natRule(RULE_B, { ipConfigurationId: 'activeActive' });
    expect(run('nat.external-unique', natHub([a, b]))).toEqual([]);
  });

  test('GIVEN an external mapping inside the hub VNet WHEN checked THEN it is an error naming the VNet', () => {
    const r = natRule(RULE_A, { externalMappings: [{ addressSpace: '10.0.200.0/24', portRange: undefined }] });
    const f = run('nat.external-unique', natHub([r]));
    expect(ids(f, Severity.ERROR)).toEqual(['nat.external-unique']);
    expect(f[0].message).toContain('azurerm_virtual_network.hub');
  });

  test('GIVEN an external mapping overlapping a peered spoke WHEN checked THEN it is an error', () => {
    const t = natHub([
      natRule(RULE_A, { externalMappings: [{ addressSpace: '10.1.0.0/24', portRange: undefined }] }),
      vnet('azurerm_virtual_network.spoke', { addressSpace: list('10.1.0.0/16') }),
      peering('azurerm_virtual_network_peering.hub_to_spoke'),
    ]);
    expect(ids(run('nat.external-unique', t), Severity.ERROR)).toEqual(['nat.external-unique']);
  });

  test('GIVEN an external mapping overlapping a site connected without NAT WHEN checked THEN it is an error; with NAT on that connection THEN it passes', () => {
    const r = natRule(RULE_A, { mode: 'IngressSnat', internalMappings: [{ addressSpace: '192.168.0.0/24', portRange: undefined }], externalMappings: [{ addressSpace: '192.168.0.0/24', portRange: undefined }] });
    expect(ids(run('nat.external-unique', natHub([r])), Severity.ERROR)).toEqual(['nat.external-unique']);
    const withNat = linkedConnection({ ingressNatRules: list(RULE_A), egressNatRules: list() });
    expect(run('nat.external-unique', natHub([r, withNat]))).toEqual([]);
  });

  test('GIVEN one IngressSnat rule shared by connections to two different sites WHEN checked THEN it is an error', () => {
    const r = natRule(RULE_A, { mode: 'IngressSnat', internalMappings: [{ addressSpace: '192.168.0.0/24', portRange: undefined }], externalMappings: [{ addressSpace: '100.64.0.0/24', portRange: undefined }] });
    const t = natHub([
      r,
      linkedConnection({ ingressNatRules: list(RULE_A), egressNatRules: list() }),
      localGateway('azurerm_local_network_gateway.branch', { gatewayAddress: '203.0.113.20', addressSpace: list('192.168.9.0/24') }),
      connection('azurerm_virtual_network_gateway_connection.branch', { localGateway: 'azurerm_local_network_gateway.branch', ingressNatRules: list(RULE_A), dependsOn: [RULE_A] }),
    ]);
    const f = run('nat.external-unique', t);
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['nat.external-unique', Severity.ERROR, RULE_A]]);
  });

  test('GIVEN an unknown external mapping WHEN checked THEN it is an info skip', () => {
    const r = natRule(RULE_A, { externalMappings: [{ addressSpace: unknown(), portRange: undefined }] });
    expect(run('nat.external-unique', natHub([r])).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('nat.active-active', () => {
  test('GIVEN a rule without ip_configuration_id on an active-active gateway WHEN checked THEN it is a warning', () => {
    const f = run('nat.active-active', natHub([natRule(RULE_A)], { activeActive: true }));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['nat.active-active', Severity.WARNING]]);
  });

  test('GIVEN a rule with ip_configuration_id on an active-active gateway WHEN checked THEN it passes', () => {
    expect(run('nat.active-active', natHub([natRule(RULE_A, { ipConfigurationId: 'default' })], { activeActive: true }))).toEqual([]);
  });

  test('GIVEN an unknown active_active WHEN checked THEN it is an info skip', () => {
    expect(run('nat.active-active', natHub([natRule(RULE_A)], { activeActive: unknown() })).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('nat.bgp', () => {
  test('GIVEN a BGP connection with NAT and no route translation WHEN checked THEN the gateway gets a warning', () => {
    const f = run('nat.bgp', natHub([natRule(RULE_A), linkedConnection({ bgpEnabled: true })], { bgpEnabled: true }));
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['nat.bgp', Severity.WARNING, 'azurerm_virtual_network_gateway.gw']]);
  });

  test('GIVEN route translation enabled WHEN checked THEN it passes', () => {
    const t = natHub([natRule(RULE_A), linkedConnection({ bgpEnabled: true })], { bgpEnabled: true, bgpRouteTranslationForNatEnabled: true });
    expect(run('nat.bgp', t)).toEqual([]);
  });

  test('GIVEN NAT with an APIPA BGP peer WHEN checked THEN the connection gets a warning', () => {
    const t = natHub(
      [
        natRule(RULE_A),
        linkedConnection({ bgpEnabled: true }),
        localGateway('azurerm_local_network_gateway.site', { addressSpace: list(), bgpSettings: { asn: 65010, peeringAddress: '169.254.21.1', peerWeight: undefined } }),
      ],
      { bgpEnabled: true, bgpRouteTranslationForNatEnabled: true },
    );
    const f = run('nat.bgp', t);
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['nat.bgp', Severity.WARNING, SITE_CONNECTION]]);
  });

  test('GIVEN an unknown bgp_route_translation_for_nat_enabled WHEN checked THEN it is an info skip', () => {
    const t = natHub([natRule(RULE_A), linkedConnection({ bgpEnabled: true })], { bgpEnabled: true, bgpRouteTranslationForNatEnabled: unknown() });
    expect(run('nat.bgp', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('nat.ordering', () => {
  test('GIVEN a connection linking a rule without depending on it WHEN checked THEN it is a warning', () => {
    const f = run('nat.ordering', natHub([natRule(RULE_A), linkedConnection({ dependsOn: [] })]));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['nat.ordering', Severity.WARNING]]);
    expect(f[0].message).toContain(`depends_on = [${RULE_A}]`);
  });

  test('GIVEN a connection that depends on its rule WHEN checked THEN it passes', () => {
    expect(run('nat.ordering', natHub([natRule(RULE_A), linkedConnection()]))).toEqual([]);
  });
});
