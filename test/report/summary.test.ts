import { Topology } from '../../lib/model/topology';
import { TopologyReach } from '../../lib/reach';
import { ChecklistItem } from '../../lib/report/scenarios';
import { buildSummary, renderSummaryMarkdown, TopologySummary } from '../../lib/report/summary';
import { enterprise, Net, unknownValue } from '../reach/fixtures';

function summarize(t: Topology): TopologySummary {
  return buildSummary('test', new TopologyReach(t));
}

function items(s: TopologySummary, scenario: RegExp, subject?: RegExp): ChecklistItem[] {
  return s.scenarios.filter((c) => scenario.test(c.scenario) && (!subject || subject.test(c.subject))).flatMap((c) => c.items);
}

function itemFor(s: TopologySummary, scenario: RegExp, check: RegExp): ChecklistItem {
  const found = items(s, scenario).filter((i) => check.test(i.check));
  if (found.length !== 1) throw new Error(`expected one item ${check} in ${scenario}, found ${found.length}: ${JSON.stringify(items(s, scenario).map((i) => i.check))}`);
  return found[0];
}

describe('gateways, tunnels and the address plan', () => {
  const s = summarize(enterprise());

  test('GIVEN the enterprise configuration WHEN summarised THEN each gateway shows SKU, mode, ASN and BGP peer addresses (APIPA from config, GatewaySubnet after apply)', () => {
    const hub = s.gateways.find((g) => g.name === 'hub-gw')!;
    expect(hub).toMatchObject({ vnet: 'hub', sku: 'VpnGw2AZ', vpnType: 'RouteBased', mode: 'active-active', bgp: 'enabled', asn: '65010' });
    expect(hub.bgpPeerAddresses).toEqual([
      { instance: 'primary', addresses: ['GatewaySubnet address (known after apply)', '169.254.21.1 (custom APIPA)'] },
      { instance: 'secondary', addresses: ['GatewaySubnet address (known after apply)', '169.254.22.1 (custom APIPA)'] },
    ]);
    expect(hub.p2s).toEqual({ pool: 'p2s', addressSpace: '172.16.201.0/24', protocols: '[OpenVPN]', authentication: '[Certificate, AAD]' });
    const us = s.gateways.find((g) => g.name === 'hub-us-gw')!;
    expect(us).toMatchObject({ mode: 'active-standby', asn: '65020' });
    expect(us.bgpPeerAddresses).toEqual([{ instance: 'primary', addresses: ['GatewaySubnet address (known after apply)'] }]);
  });

  test('GIVEN a gateway without bgp_settings WHEN summarised THEN its ASN is the Azure default, and without BGP it lists no peer address', () => {
    const g = summarize(new Net().vnet('hub', '10.0.0.0/16').gateway('hub', { bgp: false }).build()).gateways[0];
    expect(g.asn).toBe('65515 (Azure default)');
    expect(g.bgp).toBe('disabled');
    expect(g.bgpPeerAddresses).toEqual([]);
  });

  test('GIVEN the enterprise configuration WHEN summarised THEN tunnels show type, BGP or static, and the IPsec policy or the default', () => {
    const byTo = new Map(s.tunnels.map((t) => [t.to, t]));
    expect(byTo.get('berlin')).toMatchObject({ type: 'site-to-site', routing: 'static', ipsecPolicy: 'Azure default' });
    expect(byTo.get('london')).toMatchObject({ routing: 'BGP', ipsecPolicy: 'IKE AES256/SHA256/DHGroup14, IPsec GCMAES256/GCMAES256/PFS2048, SA 27000 s' });
    expect(byTo.get('hub-us-gw')).toMatchObject({ type: 'VNet-to-VNet', routing: 'BGP', connections: ['azurerm_virtual_network_gateway_connection.hub_to_hub_us', 'azurerm_virtual_network_gateway_connection.hub_us_to_hub'] });
  });

  test('GIVEN BGP asked on a connection whose site has no bgp_settings WHEN summarised THEN the tunnel is static and says why', () => {
    const t = summarize(new Net().vnet('hub', '10.0.0.0/16').gateway('hub', { bgp: true }).site('paris', ['192.168.1.0/24']).s2s('hub', 'paris', { bgp: true }).build()).tunnels[0];
    expect(t.routing).toBe('static');
    expect(t.routingNote).toContain('has no bgp_settings');
  });

  test('GIVEN the enterprise configuration WHEN summarised THEN the address plan lists VNets, subnets, sites and the P2S pool by owner', () => {
    const plan = new Map(s.addressPlan.map((a) => [a.owner, a]));
    expect(plan.get('spoke-a')).toMatchObject({ kind: 'VNet', prefixes: '10.1.0.0/16' });
    expect(plan.get('spoke-a / app')).toMatchObject({ kind: 'subnet', prefixes: '10.1.1.0/24' });
    expect(plan.get('berlin')).toMatchObject({ kind: 'site', prefixes: '192.168.30.0/24', note: 'static routes' });
    expect(plan.get('paris')?.note).toContain('learned over BGP');
    expect(plan.get('p2s')).toMatchObject({ kind: 'P2S pool', prefixes: '172.16.201.0/24' });
  });

  test('GIVEN an address space from a variable WHEN summarised THEN the plan says unknown with the reason', () => {
    const t = new Net().vnet('hub', { items: [], unknown: unknownValue('var.hub_space is a variable') }).build();
    expect(summarize(t).addressPlan[0].prefixes).toBe('unknown (var.hub_space is a variable)');
  });

  test('GIVEN the enterprise configuration WHEN summarised THEN the matrix rows list what each endpoint reaches', () => {
    const row = (from: string) => s.matrix.rows.find((r) => r.from === from)!;
    expect(row('spoke-a').reachable).toEqual(['hub', 'hub-us', 'berlin', 'london', 'paris', 'p2s']);
    expect(row('berlin').reachable).toEqual(['hub', 'spoke-a', 'spoke-b', 'spoke-c']);
    expect(row('p2s').reachable).not.toContain('berlin');
  });
});

describe('the seed article checklists, for the scenarios the topology contains', () => {
  test('GIVEN the enterprise configuration WHEN summarised THEN it has the peering, VNet-to-VNet, P2S, multi-site, transit, BGP and active-active checklists, and no policy-based one', () => {
    const scenarios = new Set(summarize(enterprise()).scenarios.map((c) => c.scenario.split(':')[0]));
    expect([...scenarios]).toEqual([
      'Scenario 1, configuration 1',
      'Scenario 1, configuration 2',
      'Scenario 2',
      'Scenario 3',
      'Scenario 4, configuration 1',
      'Scenario 4, configuration 3',
      'Scenario 4, configuration 4',
      'Scenario 4, configuration 5',
      'Scenario 5',
      'Scenario 6',
    ]);
  });

  test('GIVEN a hub with one static site and nothing else WHEN summarised THEN no scenario of the article applies', () => {
    const s = summarize(new Net().vnet('hub', '10.0.0.0/16').gateway('hub').site('paris', ['192.168.1.0/24']).s2s('hub', 'paris').build());
    expect(s.scenarios).toEqual([]);
  });

  test('GIVEN both VNet-to-VNet connections read one random_password WHEN checked THEN the keys match; WITH two different literal keys THEN fail, never showing them', () => {
    expect(itemFor(summarize(enterprise()), /configuration 2/, /pre-shared keys match/).status).toBe('pass');
    const mismatched = summarize(
      enterprise((c) => {
        const conns = c.resource.azurerm_virtual_network_gateway_connection;
        conns.hub_to_hub_us.shared_key = 'FirstSecretValue1';
        conns.hub_us_to_hub.shared_key = 'SecondSecretValue2';
      }),
    );
    const keyItem = itemFor(mismatched, /configuration 2/, /pre-shared keys match/);
    expect(keyItem.status).toBe('fail');
    const everything = JSON.stringify(mismatched) + renderSummaryMarkdown(mismatched, new TopologyReach(enterprise()));
    expect(everything).not.toContain('FirstSecretValue1');
    expect(everything).not.toContain('SecondSecretValue2');
  });

  test('GIVEN keys from two different variables WHEN checked THEN unknown, naming both expressions', () => {
    const s = summarize(new Net().vnet('a', '10.1.0.0/16').gateway('a', { bgp: true, asn: 65001 }).vnet('b', '10.2.0.0/16').gateway('b', { bgp: true, asn: 65002 }).v2v('a', 'b', { sharedKey: unknownValue('var.k1 is a variable', '${var.k1}'), reverseSharedKey: unknownValue('var.k2 is a variable', '${var.k2}') }).build());
    const k = itemFor(s, /configuration 2/, /pre-shared keys match/);
    expect(k.status).toBe('unknown');
    expect(k.detail).toContain('${var.k1}');
    expect(k.detail).toContain('${var.k2}');
  });

  test('GIVEN only one VNet-to-VNet connection WHEN checked THEN the reverse connection fails conn.v2v.pair', () => {
    const s = summarize(new Net().vnet('a', '10.1.0.0/16').gateway('a').vnet('b', '10.2.0.0/16').gateway('b').v2v('a', 'b', { oneSided: true }).build());
    const i = itemFor(s, /configuration 2/, /connection back to/);
    expect(i).toMatchObject({ status: 'fail', rule: 'conn.v2v.pair' });
  });

  test('GIVEN different IPsec policies on the two halves WHEN checked THEN conn.v2v.same-policy fails', () => {
    const s = summarize(
      enterprise((c) => {
        c.resource.azurerm_virtual_network_gateway_connection.hub_us_to_hub.ipsec_policy.ike_encryption = 'AES128';
      }),
    );
    expect(itemFor(s, /configuration 2/, /same IPsec/)).toMatchObject({ status: 'fail', rule: 'conn.v2v.same-policy' });
    expect(itemFor(summarize(enterprise()), /configuration 2/, /same IPsec/).status).toBe('pass');
  });

  test('GIVEN overlapping connected VNets WHEN checked THEN the overlap item fails, naming the prefixes', () => {
    const s = summarize(enterprise((c) => (c.resource.azurerm_virtual_network.hub_us.address_space = ['10.0.128.0/17'])));
    const i = itemFor(s, /configuration 2/, /overlapping address spaces/);
    expect(i.status).toBe('fail');
    expect(i.detail).toContain('10.0.128.0/17');
  });

  test('GIVEN the enterprise P2S WHEN checked THEN clients reach the BGP sites but not the static one (scenario 4, configuration 1)', () => {
    const s = summarize(enterprise());
    expect(itemFor(s, /configuration 1: transit routing/, /reach paris/).status).toBe('pass');
    expect(itemFor(s, /configuration 1: transit routing/, /reach berlin/)).toMatchObject({ status: 'warning', rule: 'p2s.transit' });
    expect(itemFor(s, /Scenario 2/, /authentication/).status).toBe('pass');
    expect(itemFor(s, /Scenario 2/, /third IP/).status).toBe('pass');
  });

  test('GIVEN a P2S pool overlapping a spoke WHEN checked THEN the pool item fails', () => {
    const s = summarize(enterprise((c) => (c.resource.azurerm_virtual_network_gateway.hub.vpn_client_configuration.address_space = ['10.2.128.0/24'])));
    expect(itemFor(s, /Scenario 2/, /client address pool/)).toMatchObject({ status: 'fail', rule: 'p2s.pool.no-overlap' });
  });

  test('GIVEN Entra ID listed without aad_issuer WHEN checked THEN authentication fails, naming what is missing', () => {
    const s = summarize(enterprise((c) => delete c.resource.azurerm_virtual_network_gateway.hub.vpn_client_configuration.aad_issuer));
    const i = itemFor(s, /Scenario 2/, /authentication/);
    expect(i.status).toBe('fail');
    expect(i.detail).toContain('Microsoft Entra ID');
  });

  test('GIVEN a spoke that sets use_remote_gateways but a hub peering without allow_gateway_transit WHEN checked THEN scenario 4, configuration 3 fails that flag', () => {
    const s = summarize(enterprise((c) => (c.resource.azurerm_virtual_network_peering.hub_to_spoke_b.allow_gateway_transit = false)));
    const list = items(s, /configuration 3/, /spoke-b/);
    expect(list.map((i) => i.status)).toEqual(['fail', 'pass']);
    expect(items(s, /configuration 3/, /spoke-a/).map((i) => i.status)).toEqual(['pass', 'pass']);
  });

  test('GIVEN a static site beside BGP ones WHEN checked THEN scenario 4, configuration 5 fails the static connection', () => {
    const list = items(summarize(enterprise()), /configuration 5/);
    expect(list.filter((i) => i.status === 'fail').map((i) => i.check)).toEqual([expect.stringContaining('hub_to_berlin')]);
  });

  test('GIVEN a BGP site whose address_space holds more than its peer /32 WHEN checked THEN scenario 6 warns with lng.bgp.host-prefix, at the rule severity', () => {
    const s = summarize(enterprise((c) => c.resource.azurerm_local_network_gateway.paris.address_space.push('10.210.0.0/16')));
    const i = itemFor(s, /Scenario 6/, /paris lists only/);
    expect(i).toMatchObject({ status: 'warning', rule: 'lng.bgp.host-prefix' });
    expect(i.detail).toContain('10.210.0.0/16');
  });

  test('GIVEN an on-premises ASN equal to the gateway ASN WHEN checked THEN scenario 5 fails bgp.asn.distinct', () => {
    const s = summarize(enterprise((c) => (c.resource.azurerm_local_network_gateway.london.bgp_settings.asn = 65010)));
    expect(itemFor(s, /Scenario 5/, /london's ASN differs/)).toMatchObject({ status: 'fail', rule: 'bgp.asn.distinct' });
  });

  test('GIVEN a policy-based gateway WHEN summarised THEN scenario 7 says the type cannot change in place', () => {
    const s = summarize(new Net().vnet('hub', '10.0.0.0/16').gateway('hub', { vpnType: 'PolicyBased', sku: 'VpnGw1AZ' }).build());
    expect(itemFor(s, /Scenario 7/, /gateway type/)).toMatchObject({ status: 'info', rule: 'gw.vpntype.immutable' });
  });

  test('GIVEN more than a dozen spokes that all pass WHEN rendered THEN they are folded into one line', () => {
    const n = new Net().vnet('hub', '10.0.0.0/16').gateway('hub');
    for (let i = 0; i < 15; i++) n.spoke(`s${i}`, `10.${i + 1}.0.0/16`, 'hub');
    const reach = new TopologyReach(n.build());
    const text = renderSummaryMarkdown(buildSummary('many', reach), reach);
    expect(text).toContain('All 15 pass every check: s0 ↔ hub, s1 ↔ hub');
    expect(text).not.toContain('**s3 ↔ hub**');
  });
});
