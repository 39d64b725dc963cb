import { TopologyReach } from '../../lib/reach';
import { ChecklistItem } from '../../lib/report/scenarios';
import { buildSummary, renderSummaryMarkdown } from '../../lib/report/summary';
import { RULES } from '../../lib/rules/catalogue';
import { checkTopology } from '../../lib/rules/engine';
import { Finding, Severity } from '../../lib/rules/rule';
import { enterprise } from '../reach/fixtures';

/**
 * The checklists of `azvpn summary` and the findings of `azvpn check` come from one engine: an
 * item that cites a rule fails exactly when the rule reports an error on what the item is about,
 * is a warning when the rule reports only warnings there, is unknown when the rule skips there,
 * and passes otherwise.
 */

type Mutation = (config: any) => void;

const V = (name: string) => `\${var.${name}}`;
const gw = (c: any) => c.resource.azurerm_virtual_network_gateway.hub;
const conn = (c: any, name: string) => c.resource.azurerm_virtual_network_gateway_connection[name];
const vnet = (c: any, name: string) => c.resource.azurerm_virtual_network[name];

/** Configurations that make the cited rules pass, fail and skip: the enterprise example, changed one way each. */
const CONFIGURATIONS: Record<string, Mutation> = {
  'the enterprise example': () => undefined,
  // peer.no-overlap, conn.no-overlap
  'a spoke overlapping the hub': (c) => (vnet(c, 'spoke_a').address_space = ['10.0.128.0/17']),
  'a spoke whose address space is a variable': (c) => (vnet(c, 'spoke_a').address_space = V('spoke_a_space')),
  'hub-us overlapping the hub': (c) => (vnet(c, 'hub_us').address_space = ['10.0.128.0/17']),
  'hub-us whose address space is a variable': (c) => (vnet(c, 'hub_us').address_space = V('hub_us_space')),
  // peer.use-remote-needs-gateway
  'a hub peering without allow_gateway_transit': (c) => (c.resource.azurerm_virtual_network_peering.hub_to_spoke_b.allow_gateway_transit = false),
  'a hub peering whose allow_gateway_transit is a variable': (c) => (c.resource.azurerm_virtual_network_peering.hub_to_spoke_b.allow_gateway_transit = V('transit')),
  // conn.v2v.pair
  'two different VNet-to-VNet keys': (c) => {
    conn(c, 'hub_to_hub_us').shared_key = 'FirstSecretValue1';
    conn(c, 'hub_us_to_hub').shared_key = 'SecondSecretValue2';
  },
  'VNet-to-VNet keys from two variables': (c) => {
    conn(c, 'hub_to_hub_us').shared_key = V('k1');
    conn(c, 'hub_us_to_hub').shared_key = V('k2');
  },
  // conn.v2v.same-policy
  'different VNet-to-VNet policies': (c) => (conn(c, 'hub_us_to_hub').ipsec_policy.ike_encryption = 'AES128'),
  'a VNet-to-VNet policy field from a variable': (c) => (conn(c, 'hub_us_to_hub').ipsec_policy.dh_group = V('dh')),
  // p2s.routebased
  'a P2S gateway whose vpn_type is a variable': (c) => (gw(c).vpn_type = V('vpn_type')),
  // p2s.pool.no-overlap
  'a P2S pool overlapping a spoke': (c) => (gw(c).vpn_client_configuration.address_space = ['10.2.128.0/24']),
  'a P2S pool from a variable': (c) => (gw(c).vpn_client_configuration.address_space = V('pool')),
  // p2s.auth-protocol / p2s.entra
  'Entra ID without aad_issuer': (c) => delete gw(c).vpn_client_configuration.aad_issuer,
  'vpn_auth_types from a variable': (c) => (gw(c).vpn_client_configuration.vpn_auth_types = V('auth')),
  // p2s.aa-third-ip, gw.aa.pip
  'an active-active P2S gateway with two ip configurations': (c) => gw(c).ip_configuration.pop(),
  'ip configurations from a variable': (c) => (gw(c).ip_configuration = V('ipc')),
  // conn.multi-device
  'two sites sharing a device address': (c) => (c.resource.azurerm_local_network_gateway.berlin.gateway_address = '203.0.113.10'),
  'a site whose BGP ASN is a variable': (c) => (c.resource.azurerm_local_network_gateway.london.bgp_settings.asn = V('asn')),
  // bgp.sku, gw.aa.sku, conn.tunnel-limit
  'a gateway SKU from a variable': (c) => (gw(c).sku = V('sku')),
  // bgp.asn.distinct
  'an on-premises ASN equal to the gateway ASN': (c) => (c.resource.azurerm_local_network_gateway.london.bgp_settings.asn = 65010),
  'a gateway ASN from a variable': (c) => (gw(c).bgp_settings.asn = V('gw_asn')),
  // lng.bgp.host-prefix
  'a BGP site listing more than its peer /32': (c) => c.resource.azurerm_local_network_gateway.paris.address_space.push('10.210.0.0/16'),
  'a BGP site whose address space is a variable': (c) => (c.resource.azurerm_local_network_gateway.paris.address_space = V('paris_space')),
  // bgp.flags
  'gateway bgp_enabled from a variable': (c) => (gw(c).bgp_enabled = V('bgp')),
  // peer.both-sides
  'a one-way peering': (c) => delete c.resource.azurerm_virtual_network_peering.spoke_c_to_hub,
  'a peering whose remote VNet is a variable': (c) => (c.resource.azurerm_virtual_network_peering.hub_to_spoke_c.remote_virtual_network_id = V('remote')),
  // p2s.routebased, conn.routebased
  'a policy-based P2S gateway': (c) => (gw(c).vpn_type = 'PolicyBased'),
  // p2s.transit
  'a static site whose bgp_enabled is a variable': (c) => (conn(c, 'hub_to_berlin').bgp_enabled = V('berlin_bgp')),
  // conn.multi-device
  'two devices of one site (one ASN) sharing an address': (c) => {
    const berlin = c.resource.azurerm_local_network_gateway.berlin;
    berlin.gateway_address = '203.0.113.10';
    berlin.bgp_settings = { asn: 65101, bgp_peering_address: '10.201.0.2' };
  },
  // bgp.sku, gw.aa.sku
  'a Basic gateway': (c) => (gw(c).sku = 'Basic'),
  // bgp.asn.default
  'a hub that keeps the default ASN': (c) => delete gw(c).bgp_settings.asn,
  // p2s.protocol-sku
  'a Basic gateway with SSTP clients only': (c) => {
    gw(c).sku = 'Basic';
    const p2s = gw(c).vpn_client_configuration;
    p2s.vpn_client_protocols = ['SSTP'];
    p2s.vpn_auth_types = ['Certificate'];
    for (const attribute of ['aad_tenant', 'aad_audience', 'aad_issuer']) delete p2s[attribute];
  },
  // conn.tunnel-limit
  'more site-to-site connections than the SKU allows': (c) => {
    for (let i = 0; i < 27; i++) {
      c.resource.azurerm_local_network_gateway[`extra_${i}`] = { name: `extra-${i}`, location: 'westeurope', resource_group_name: 'rg', gateway_address: `198.51.100.${i + 1}`, address_space: [`192.168.${100 + i}.0/24`] };
      c.resource.azurerm_virtual_network_gateway_connection[`hub_to_extra_${i}`] = {
        ...conn(c, 'hub_to_berlin'),
        name: `hub-to-extra-${i}`,
        local_network_gateway_id: `\${azurerm_local_network_gateway.extra_${i}.id}`,
      };
    }
  },
  'a BGP connection to a site without bgp_settings': (c) => delete c.resource.azurerm_local_network_gateway.paris.bgp_settings,
};

/** Statuses a rule's item cannot take in any configuration, and why; the test exempts only these. */
const NOT_EXERCISED: Record<string, { readonly status: string; readonly why: string }> = {
  'conn.multi-device': { status: 'unknown', why: 'the rule never skips (it compares known addresses only)' },
  'bgp.asn.distinct': { status: 'unknown', why: 'the item is listed only when both ASNs are known' },
  'peer.both-sides': { status: 'unknown', why: 'a peering whose remote VNet is unknown pairs with nothing, so no peering checklist lists it' },
  'bgp.asn.default': { status: 'unknown', why: 'the rule does not skip an unknown gateway ASN (it only warns about a default kept beside Azure BGP peers)' },
  'p2s.protocol-sku': { status: 'unknown', why: 'the item is listed only for a known Basic SKU, where the rule decides from the written protocols' },
};

interface Observed {
  readonly configuration: string;
  readonly scenario: string;
  readonly item: ChecklistItem;
  readonly findings: Finding[];
}

function observe(): Observed[] {
  const out: Observed[] = [];
  for (const [configuration, mutate] of Object.entries(CONFIGURATIONS)) {
    const topology = enterprise(mutate);
    const findings = checkTopology(topology);
    const summary = buildSummary(configuration, new TopologyReach(topology));
    for (const checklist of summary.scenarios) {
      for (const item of checklist.items) {
        if (item.rule !== undefined) out.push({ configuration, scenario: checklist.scenario, item, findings: findings.filter((f) => f.rule === item.rule) });
      }
    }
  }
  return out;
}

const OBSERVED = observe();

describe('checklist items decided by the rule they cite', () => {
  test('GIVEN every configuration WHEN an item fails THEN azvpn check reports an error of that rule, WHEN it is a warning THEN only warnings, and WHEN it is unknown THEN a skip of it', () => {
    const disagreements: string[] = [];
    for (const o of OBSERVED) {
      const errors = o.findings.filter((f) => f.severity === Severity.ERROR);
      const warnings = o.findings.filter((f) => f.severity === Severity.WARNING);
      const skips = o.findings.filter((f) => f.message.startsWith('skipped: '));
      if (o.item.status === 'fail' && errors.length === 0) disagreements.push(`${o.configuration}: "${o.item.check}" fails ${o.item.rule}, which check does not report as an error`);
      if (o.item.status === 'warning' && (warnings.length === 0 || errors.length > 0)) disagreements.push(`${o.configuration}: "${o.item.check}" warns for ${o.item.rule}, which check reports ${errors.length > 0 ? 'as an error' : 'not at all'}`);
      if (o.item.status === 'unknown' && skips.length === 0) disagreements.push(`${o.configuration}: "${o.item.check}" is unknown for ${o.item.rule}, which check does not skip`);
    }
    expect(disagreements).toEqual([]);
  });

  test('GIVEN a rule that reports nothing in a configuration WHEN summarised THEN no item citing it fails or is unknown', () => {
    const silent = OBSERVED.filter((o) => o.findings.length === 0 && o.item.status !== 'pass' && o.item.status !== 'info');
    expect(silent.map((o) => `${o.configuration}: ${o.item.check} (${o.item.rule}) ${o.item.status}`)).toEqual([]);
  });

  test('GIVEN the configurations above WHEN summarised THEN every rule an item cites is seen passing, failing and unknown', () => {
    const implemented = new Set(RULES.map((r) => r.id));
    // The authentication item is decided by p2s.auth-protocol and the rules of each method.
    const family = (rule: string) => (['p2s.entra', 'p2s.radius', 'p2s.root-certs'].includes(rule) ? 'p2s.auth-protocol' : rule);
    const seen = new Map<string, Set<string>>();
    for (const o of OBSERVED) {
      if (!implemented.has(o.item.rule!)) continue;
      const rule = family(o.item.rule!);
      const set = seen.get(rule) ?? new Set<string>();
      // A warning is the rule failing at the severity it reports.
      set.add(o.item.status === 'info' ? 'pass' : o.item.status === 'warning' ? 'fail' : o.item.status);
      seen.set(rule, set);
    }
    const incomplete = [...seen.entries()]
      .filter(([rule, s]) => !['pass', 'fail', 'unknown'].every((status) => s.has(status) || NOT_EXERCISED[rule]?.status === status))
      .map(([rule, s]) => `${rule}: ${[...s].sort().join(', ')}`);
    expect(incomplete).toEqual([]);
  });
});

describe('a VNet-to-VNet pair whose halves differ only by DHGroup14/DHGroup2048 and an explicit default SA lifetime', () => {
  const equivalent: Mutation = (c) => {
    conn(c, 'hub_to_hub_us').ipsec_policy.dh_group = 'DHGroup14';
    conn(c, 'hub_to_hub_us').ipsec_policy.sa_lifetime = 27000;
    conn(c, 'hub_us_to_hub').ipsec_policy.dh_group = 'DHGroup2048';
    delete conn(c, 'hub_us_to_hub').ipsec_policy.sa_lifetime;
  };

  test('GIVEN the pair WHEN checked and summarised THEN check reports no conn.v2v.same-policy and the checklist item passes', () => {
    const topology = enterprise(equivalent);
    expect(checkTopology(topology).filter((f) => f.rule === 'conn.v2v.same-policy')).toEqual([]);
    const item = buildSummary('dh', new TopologyReach(topology))
      .scenarios.filter((s) => s.scenario.startsWith('Scenario 1, configuration 2'))
      .flatMap((s) => s.items)
      .find((i) => i.rule === 'conn.v2v.same-policy');
    expect(item).toMatchObject({ status: 'pass', rule: 'conn.v2v.same-policy' });
  });

  test('GIVEN the pair with a real difference as well WHEN checked and summarised THEN both report conn.v2v.same-policy', () => {
    const topology = enterprise((c) => {
      equivalent(c);
      conn(c, 'hub_us_to_hub').ipsec_policy.pfs_group = 'ECP384';
    });
    expect(checkTopology(topology).filter((f) => f.rule === 'conn.v2v.same-policy' && f.severity === Severity.ERROR)).toHaveLength(1);
    const item = buildSummary('dh', new TopologyReach(topology))
      .scenarios.flatMap((s) => s.items)
      .find((i) => i.rule === 'conn.v2v.same-policy');
    expect(item).toMatchObject({ status: 'fail' });
  });
});

describe('bgp.coexist-asn in the checklist', () => {
  const withExpressRoute: Mutation = (c) => {
    c.resource.azurerm_virtual_network_gateway.hub_er = {
      name: 'hub-er',
      location: 'westeurope',
      resource_group_name: 'rg',
      type: 'ExpressRoute',
      sku: 'ErGw1AZ',
      ip_configuration: [{ name: 'er', private_ip_address_allocation: 'Dynamic', subnet_id: '${azurerm_subnet.hub_gateway.id}' }],
    };
  };
  const coexistItem = (topology: ReturnType<typeof enterprise>) =>
    buildSummary('coexist', new TopologyReach(topology))
      .scenarios.filter((s) => s.scenario.startsWith('Scenario 4, configuration 2'))
      .flatMap((s) => s.items)
      .find((i) => i.rule === 'bgp.coexist-asn' && i.check.startsWith('The VPN gateway keeps ASN'));

  test('GIVEN a custom-ASN VPN gateway beside an ExpressRoute gateway without Route Server transit WHEN checked and summarised THEN check warns and the item is a warning, not a failure', () => {
    const topology = enterprise(withExpressRoute);
    const findings = checkTopology(topology).filter((f) => f.rule === 'bgp.coexist-asn');
    expect(findings.map((f) => f.severity)).toEqual([Severity.WARNING]);
    expect(coexistItem(topology)).toMatchObject({ status: 'warning', rule: 'bgp.coexist-asn' });
  });

  test('GIVEN the same gateway keeping ASN 65515 WHEN summarised THEN the item passes', () => {
    const topology = enterprise((c) => {
      withExpressRoute(c);
      delete gw(c).bgp_settings.asn;
    });
    expect(coexistItem(topology)).toMatchObject({ status: 'pass', rule: 'bgp.coexist-asn' });
  });

  test('GIVEN the warning WHEN rendered as Markdown THEN the item is marked as a warning, not FAIL', () => {
    const topology = enterprise(withExpressRoute);
    const reach = new TopologyReach(topology);
    const md = renderSummaryMarkdown(buildSummary('coexist', reach), reach);
    const line = md.split('\n').find((l) => l.startsWith('| The VPN gateway keeps ASN 65515'));
    expect(line).toContain('| **warning** |');
  });
});

describe('p2s.protocol-sku in the checklist (Basic supports IKEv2 since November 2025)', () => {
  const basic = (protocols: string[]): Mutation => (c) => {
    gw(c).sku = 'Basic';
    const p2s = gw(c).vpn_client_configuration;
    p2s.vpn_client_protocols = protocols;
    p2s.vpn_auth_types = ['Certificate'];
    for (const attribute of ['aad_tenant', 'aad_audience', 'aad_issuer']) delete p2s[attribute];
  };
  const protocolItem = (mutate: Mutation) =>
    buildSummary('basic', new TopologyReach(enterprise(mutate)))
      .scenarios.flatMap((s) => s.items)
      .find((i) => i.rule === 'p2s.protocol-sku');

  test('GIVEN a Basic gateway with IKEv2 point-to-site WHEN summarised THEN the item passes and says what runs on Basic', () => {
    expect(protocolItem(basic(['IkeV2']))).toMatchObject({ status: 'pass', detail: 'IkeV2 on Basic' });
  });

  test('GIVEN a Basic gateway with OpenVPN WHEN summarised THEN the item fails with the rule\'s finding', () => {
    const i = protocolItem(basic(['OpenVPN']));
    expect(i).toMatchObject({ status: 'fail', rule: 'p2s.protocol-sku' });
    expect(i!.detail).toContain('IkeV2');
  });
});
