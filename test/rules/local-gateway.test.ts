import { connectionRules } from '../../lib/rules/connection';
import { localGatewayLeftOut, localGatewayRules } from '../../lib/rules/local-gateway';
import { Finding, Severity } from '../../lib/rules/rule';
import { LocalGatewayBgpSettings, Topology } from '../../lib/model/topology';
import { Unknown } from '../../lib/model/unknown';
import {
  check,
  connection,
  gateway,
  gatewaySubnet,
  list,
  localGateway,
  minimalHub,
  publicIp,
  rule,
  topology,
  unknown,
  vnet,
} from '../support/model';

const SITE = 'azurerm_local_network_gateway.site';
const SITE2 = 'azurerm_local_network_gateway.site2';
const CONN2 = 'azurerm_virtual_network_gateway_connection.site2';

type SiteOverrides = Parameters<typeof localGateway>[1];

function run(id: string, t: Topology, severity?: Severity): Finding[] {
  return check(t, rule(id)).filter((f) => f.rule === id && (severity === undefined || f.severity === severity));
}

function severities(findings: Finding[]): Severity[] {
  return findings.map((f) => f.severity);
}

/** The minimal hub with its site replaced. */
function hubWithSite(o: SiteOverrides): Topology {
  return minimalHub([localGateway(SITE, o)]);
}

function bgp(peeringAddress: string | Unknown | undefined, asn: number | Unknown | undefined = 65020): LocalGatewayBgpSettings {
  return { asn, peeringAddress, peerWeight: undefined };
}

/** A local network gateway no connection uses. */
function lonely(o: SiteOverrides): Topology {
  return topology(localGateway('azurerm_local_network_gateway.lonely', o));
}

describe('every local network gateway rule', () => {
  test('GIVEN the minimal hub WHEN the local network gateway rules run THEN none reports anything', () => {
    expect(check(minimalHub(), ...localGatewayRules)).toEqual([]);
  });

  test('GIVEN the left-out list WHEN read THEN it names the replaced catalogue id with a reason', () => {
    expect(localGatewayLeftOut.map((l) => l.id)).toEqual(['lng.bgp.no-host-route']);
    expect(localGatewayRules.map((r) => r.id)).not.toContain('lng.bgp.no-host-route');
  });
});

describe('lng.endpoint', () => {
  test('GIVEN both gateway_address and gateway_fqdn WHEN checked THEN it is an error', () => {
    const f = run('lng.endpoint', hubWithSite({ gatewayFqdn: 'vpn.example.com' }), Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([SITE]);
  });

  test('GIVEN neither gateway_address nor gateway_fqdn WHEN the gateway is unconnected THEN it is still an error', () => {
    expect(severities(run('lng.endpoint', lonely({ gatewayAddress: undefined })))).toEqual([Severity.ERROR]);
  });

  test('GIVEN only gateway_fqdn WHEN checked THEN there is no finding', () => {
    expect(run('lng.endpoint', hubWithSite({ gatewayAddress: undefined, gatewayFqdn: 'vpn.example.com' }))).toEqual([]);
  });

  test('GIVEN an unknown gateway_address WHEN checked THEN it counts as set', () => {
    expect(run('lng.endpoint', hubWithSite({ gatewayAddress: unknown() }))).toEqual([]);
  });
});

describe('lng.prefixes-or-bgp', () => {
  test('GIVEN an empty address_space and no bgp_settings WHEN checked THEN it is an error', () => {
    expect(severities(run('lng.prefixes-or-bgp', hubWithSite({ addressSpace: list() })))).toEqual([Severity.ERROR]);
  });

  test('GIVEN an empty address_space WHEN bgp_settings are present THEN there is no finding', () => {
    expect(run('lng.prefixes-or-bgp', hubWithSite({ addressSpace: list(), bgpSettings: bgp('169.254.1.1') }))).toEqual([]);
  });

  test('GIVEN an address_space that is unknown WHEN there are no bgp_settings THEN the rule skips with info', () => {
    const f = run('lng.prefixes-or-bgp', hubWithSite({ addressSpace: { items: [], unknown: unknown() } }));
    expect(severities(f)).toEqual([Severity.INFO]);
  });

  test('GIVEN entries that are not CIDR prefixes WHEN checked THEN one error lists them', () => {
    const f = run('lng.prefixes-or-bgp', hubWithSite({ addressSpace: list('192.168.0.0/24', '192.168.300.0/24', '10.9.9.9', '') }), Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('"192.168.300.0/24"');
    expect(f[0].message).toContain('"10.9.9.9"');
  });

  test('GIVEN a prefix with host bits set WHEN checked THEN it is a warning', () => {
    expect(severities(run('lng.prefixes-or-bgp', hubWithSite({ addressSpace: list('192.168.0.5/24') })))).toEqual([Severity.WARNING]);
  });
});

describe('lng.bgp.host-prefix', () => {
  test('GIVEN a BGP site listing exactly its peer /32 WHEN checked THEN there is no finding', () => {
    expect(run('lng.bgp.host-prefix', hubWithSite({ addressSpace: list('192.168.1.1/32'), bgpSettings: bgp('192.168.1.1') }))).toEqual([]);
  });

  test('GIVEN a BGP site WHEN it also lists an on-premises prefix (static fallback) THEN it is a warning explaining the precedence over BGP, not an error', () => {
    const f = run('lng.bgp.host-prefix', hubWithSite({ addressSpace: list('192.168.1.1/32', '192.168.0.0/16'), bgpSettings: bgp('192.168.1.1') }));
    expect(severities(f)).toEqual([Severity.WARNING]);
    expect(f[0].message).toContain('"192.168.0.0/16"');
    expect(f[0].message).toContain('takes precedence over');
  });

  test('GIVEN a BGP site WHEN the peer /32 is missing THEN it is a warning', () => {
    const f = run('lng.bgp.host-prefix', hubWithSite({ addressSpace: list(), bgpSettings: bgp('192.168.1.1') }));
    expect(severities(f)).toEqual([Severity.WARNING]);
    expect(f[0].message).toContain('"192.168.1.1/32"');
  });

  test('GIVEN an APIPA BGP peer WHEN address_space is empty THEN there is no finding', () => {
    expect(run('lng.bgp.host-prefix', hubWithSite({ addressSpace: list(), bgpSettings: bgp('169.254.21.10') }))).toEqual([]);
  });

  test('GIVEN an APIPA BGP peer WHEN its /32 is listed THEN it is an error', () => {
    const f = run('lng.bgp.host-prefix', hubWithSite({ addressSpace: list('169.254.21.10/32'), bgpSettings: bgp('169.254.21.10') }), Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('APIPA')]);
  });

  test('GIVEN an unknown BGP peer address WHEN checked THEN the rule skips with info', () => {
    expect(severities(run('lng.bgp.host-prefix', hubWithSite({ addressSpace: list('192.168.0.0/16'), bgpSettings: bgp(unknown()) })))).toEqual([Severity.INFO]);
  });

  test('GIVEN a static site without bgp_settings WHEN checked THEN the rule does not apply', () => {
    expect(run('lng.bgp.host-prefix', minimalHub())).toEqual([]);
  });
});

describe('lng.bgp.peer-ip', () => {
  test('GIVEN a BGP peer address outside the VNet and distinct from the device WHEN checked THEN there is no finding', () => {
    expect(run('lng.bgp.peer-ip', hubWithSite({ addressSpace: list('192.168.1.1/32'), bgpSettings: bgp('192.168.1.1') }))).toEqual([]);
  });

  test('GIVEN a BGP peer address equal to gateway_address WHEN checked THEN it is an error', () => {
    const f = run('lng.bgp.peer-ip', hubWithSite({ bgpSettings: bgp('203.0.113.10') }), Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('gateway_address')]);
  });

  test('GIVEN a BGP peer address inside the VNet of the connected gateway WHEN checked THEN it is an error', () => {
    const f = run('lng.bgp.peer-ip', hubWithSite({ bgpSettings: bgp('10.0.5.5') }), Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('azurerm_virtual_network.hub')]);
  });

  test('GIVEN a BGP peer address inside a VNet WHEN the site is connected to no gateway THEN there is no finding', () => {
    expect(run('lng.bgp.peer-ip', lonely({ bgpSettings: bgp('10.0.5.5') }))).toEqual([]);
  });

  test('GIVEN a BGP peer address that is not an IP WHEN checked THEN it is an error', () => {
    expect(severities(run('lng.bgp.peer-ip', hubWithSite({ bgpSettings: bgp('router.example.com') })))).toEqual([Severity.ERROR]);
  });

  test('GIVEN an unknown BGP peer address WHEN checked THEN the rule skips with info', () => {
    expect(severities(run('lng.bgp.peer-ip', hubWithSite({ bgpSettings: bgp(unknown()) })))).toEqual([Severity.INFO]);
  });

  test('GIVEN a hub whose address_space is unknown WHEN the peer is not inside the known part THEN the rule skips with info', () => {
    const t = minimalHub([
      vnet('azurerm_virtual_network.hub', { subnets: ['azurerm_subnet.gateway'], addressSpace: { items: ['10.0.0.0/16'], unknown: unknown() } }),
      localGateway(SITE, { bgpSettings: bgp('172.16.0.1') }),
    ]);
    expect(severities(run('lng.bgp.peer-ip', t))).toEqual([Severity.INFO]);
  });
});

describe('lng.bgp.asn', () => {
  test('GIVEN ASN 0 WHEN checked THEN it is an error', () => {
    const f = run('lng.bgp.asn', hubWithSite({ bgpSettings: bgp('192.168.1.1', 0) }), Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('ASN of zero')]);
  });

  test('GIVEN a private ASN WHEN checked THEN there is no finding', () => {
    expect(run('lng.bgp.asn', hubWithSite({ bgpSettings: bgp('192.168.1.1', 65020) }))).toEqual([]);
  });

  test('GIVEN an unknown ASN WHEN checked THEN the rule skips with info', () => {
    expect(severities(run('lng.bgp.asn', hubWithSite({ bgpSettings: bgp('192.168.1.1', unknown()) })))).toEqual([Severity.INFO]);
  });
});

describe('lng.prefix-overlap', () => {
  const twoSites = (second: SiteOverrides, conn: Parameters<typeof connection>[1] = {}) =>
    minimalHub([localGateway(SITE2, { gatewayAddress: '198.51.100.7', ...second }), connection(CONN2, { localGateway: SITE2, ...conn })]);

  test('GIVEN two sites on one gateway WHEN their prefixes overlap THEN it is an error on a site', () => {
    const f = run('lng.prefix-overlap', twoSites({ addressSpace: list('192.168.0.0/16') }), Severity.ERROR);
    expect(f).toHaveLength(1);
    expect([SITE, SITE2]).toContain(f[0].resource);
    expect(f[0].message).toContain('"192.168.0.0/16"');
    expect(f[0].message).toContain('"192.168.0.0/24"');
  });

  test('GIVEN two overlapping sites WHEN an ingress NAT rule maps one THEN there is no finding', () => {
    expect(run('lng.prefix-overlap', twoSites({ addressSpace: list('192.168.0.0/24') }, { ingressNatRules: list('azurerm_virtual_network_gateway_nat_rule.in') }))).toEqual([]);
  });

  test('GIVEN two overlapping sites WHEN only an egress NAT rule is linked THEN it is still an error', () => {
    const t = twoSites({ addressSpace: list('192.168.0.0/24') }, { egressNatRules: list('azurerm_virtual_network_gateway_nat_rule.out') });
    expect(severities(run('lng.prefix-overlap', t))).toEqual([Severity.ERROR]);
  });

  test('GIVEN two overlapping sites WHEN the ingress NAT list is unknown THEN the rule skips with info', () => {
    const t = twoSites({ addressSpace: list('192.168.0.0/24') }, { ingressNatRules: { items: [], unknown: unknown() } });
    expect(severities(run('lng.prefix-overlap', t))).toEqual([Severity.INFO]);
  });

  test('GIVEN two overlapping sites WHEN they connect to different gateways THEN there is no finding', () => {
    const t = minimalHub([
      vnet('azurerm_virtual_network.b', { addressSpace: list('10.1.0.0/16'), subnets: ['azurerm_subnet.b_gateway'] }),
      gatewaySubnet('azurerm_subnet.b_gateway', { virtualNetwork: 'azurerm_virtual_network.b', addressPrefixes: list('10.1.255.0/27') }),
      publicIp('azurerm_public_ip.b1'),
      gateway('azurerm_virtual_network_gateway.b', {
        ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.b_gateway', publicIp: 'azurerm_public_ip.b1', privateIpAddressAllocation: 'Dynamic' }],
      }),
      localGateway(SITE2, { gatewayAddress: '198.51.100.7', addressSpace: list('192.168.0.0/24') }),
      connection(CONN2, { localGateway: SITE2, gateway: 'azurerm_virtual_network_gateway.b' }),
    ]);
    expect(run('lng.prefix-overlap', t)).toEqual([]);
  });
});

describe('lng.superset', () => {
  test('GIVEN a site prefix wider than the hub VNet WHEN checked THEN it is a warning on the site', () => {
    const f = run('lng.superset', hubWithSite({ addressSpace: list('10.0.0.0/8') }));
    expect(severities(f)).toEqual([Severity.WARNING]);
    expect(f[0].resource).toBe(SITE);
  });

  test('GIVEN a site prefix equal to the hub VNet WHEN checked THEN it is no superset (conn.no-overlap reports it)', () => {
    expect(run('lng.superset', hubWithSite({ addressSpace: list('10.0.0.0/16') }))).toEqual([]);
  });

  test('GIVEN disjoint site prefixes WHEN checked THEN there is no finding', () => {
    expect(run('lng.superset', minimalHub())).toEqual([]);
  });
});

describe('a static 0.0.0.0/0 site next to an unrelated branch (issue 10, finding 9)', () => {
  const DC = 'azurerm_local_network_gateway.dc';
  const DC_CONN = 'azurerm_virtual_network_gateway_connection.dc';
  const withDefaultRouteSite = () => minimalHub([
    localGateway(DC, { gatewayAddress: '198.51.100.7', addressSpace: list('0.0.0.0/0') }),
    connection(DC_CONN, { localGateway: DC }),
  ]);

  test('GIVEN the two sites WHEN checked with the connection and local network gateway rules THEN there is no error, and one warning under lng.prefix-overlap explains forced tunnelling', () => {
    const f = check(withDefaultRouteSite(), ...connectionRules, ...localGatewayRules).filter((x) => x.severity !== Severity.INFO);
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['lng.prefix-overlap', Severity.WARNING, DC]]);
    expect(f[0].message).toContain('forced tunnelling');
    expect(f[0].message).toContain('default_local_network_gateway_id');
  });

  test('GIVEN two sites whose specific prefixes overlap WHEN checked THEN lng.prefix-overlap is still an error', () => {
    const t = minimalHub([
      localGateway(DC, { gatewayAddress: '198.51.100.7', addressSpace: list('192.168.0.0/16') }),
      connection(DC_CONN, { localGateway: DC }),
    ]);
    expect(check(t, ...localGatewayRules).filter((x) => x.rule === 'lng.prefix-overlap').map((x) => x.severity)).toContain(Severity.ERROR);
  });
});
