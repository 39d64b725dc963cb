import { bgpRules } from '../../lib/rules/bgp';
import { ipsecRules } from '../../lib/rules/ipsec';
import { Finding, Severity } from '../../lib/rules/rule';
import { Entity, GatewayBgpSettings, OtherResource, Topology } from '../../lib/model/topology';
import {
  check,
  connection,
  gateway,
  gatewaySubnet,
  list,
  localGateway,
  minimalHub,
  publicIp,
  subnet,
  topology,
  unknown,
  vnet,
} from '../support/model';
import { Unknown, unknownList } from '../../lib/model/unknown';

type GatewayOverrides = NonNullable<Parameters<typeof gateway>[1]>;
type SiteOverrides = NonNullable<Parameters<typeof localGateway>[1]>;
type ConnectionOverrides = NonNullable<Parameters<typeof connection>[1]>;

const GW = 'azurerm_virtual_network_gateway.gw';
const SITE = 'azurerm_local_network_gateway.site';
const CONN = 'azurerm_virtual_network_gateway_connection.site';
const BRANCH_GW = 'azurerm_virtual_network_gateway.branch';
const HUB_TO_BRANCH = 'azurerm_virtual_network_gateway_connection.hub_to_branch';
const BRANCH_TO_HUB = 'azurerm_virtual_network_gateway_connection.branch_to_hub';

function settings(o: Partial<GatewayBgpSettings> = {}): GatewayBgpSettings {
  return { asn: 65010, peerWeight: undefined, peeringAddresses: [], ...o };
}

/** The minimal hub with BGP on the gateway (ASN 65010), the site (ASN 65020, peer 10.200.0.1) and the connection. */
function bgpHub(o: { gw?: GatewayOverrides; site?: SiteOverrides; conn?: ConnectionOverrides; extra?: Parameters<typeof minimalHub>[0] } = {}): Topology {
  return minimalHub([
    gateway(GW, { bgpEnabled: true, bgpSettings: settings(), ...o.gw }),
    localGateway(SITE, {
      addressSpace: list('10.200.0.1/32'),
      bgpSettings: { asn: 65020, peeringAddress: '10.200.0.1', peerWeight: undefined },
      ...o.site,
    }),
    connection(CONN, { bgpEnabled: true, ...o.conn }),
    ...(o.extra ?? []),
  ]);
}

/** An active-active hub gateway: two ip configurations, two public IPs. */
function activeActive(o: GatewayOverrides = {}): GatewayOverrides {
  return {
    activeActive: true,
    ipConfigurations: [
      { name: 'default', subnet: 'azurerm_subnet.gateway', publicIp: 'azurerm_public_ip.gw1', privateIpAddressAllocation: 'Dynamic' },
      { name: 'activeActive', subnet: 'azurerm_subnet.gateway', publicIp: 'azurerm_public_ip.gw2', privateIpAddressAllocation: 'Dynamic' },
    ],
    ...o,
  };
}

/** The hub gateway plus a branch VNet with its own BGP gateway, joined by a VNet-to-VNet pair. */
function vnetToVnet(o: { hub?: GatewayOverrides; branch?: GatewayOverrides; there?: ConnectionOverrides; back?: ConnectionOverrides } = {}): Topology {
  return topology(
    vnet('azurerm_virtual_network.hub', { subnets: ['azurerm_subnet.gateway'] }),
    gatewaySubnet(),
    publicIp('azurerm_public_ip.gw1'),
    gateway(GW, { bgpEnabled: true, bgpSettings: settings({ asn: 65010 }), ...o.hub }),
    vnet('azurerm_virtual_network.branch', { addressSpace: list('10.1.0.0/16'), subnets: ['azurerm_subnet.branch_gateway'] }),
    gatewaySubnet('azurerm_subnet.branch_gateway', { virtualNetwork: 'azurerm_virtual_network.branch', addressPrefixes: list('10.1.255.0/27') }),
    publicIp('azurerm_public_ip.branch'),
    gateway(BRANCH_GW, {
      ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.branch_gateway', publicIp: 'azurerm_public_ip.branch', privateIpAddressAllocation: 'Dynamic' }],
      bgpEnabled: true,
      bgpSettings: settings({ asn: 65020 }),
      ...o.branch,
    }),
    connection(HUB_TO_BRANCH, { connectionType: 'Vnet2Vnet', localGateway: undefined, gateway: GW, peerGateway: BRANCH_GW, bgpEnabled: true, ...o.there }),
    connection(BRANCH_TO_HUB, { connectionType: 'Vnet2Vnet', localGateway: undefined, gateway: BRANCH_GW, peerGateway: GW, bgpEnabled: true, ...o.back }),
  );
}

/** An ExpressRoute gateway in the hub's GatewaySubnet. */
function expressRouteGateway() {
  return gateway('azurerm_virtual_network_gateway.er', {
    gatewayType: 'ExpressRoute',
    vpnType: undefined,
    sku: 'ErGw1AZ',
    ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.gateway', publicIp: undefined, privateIpAddressAllocation: 'Dynamic' }],
  });
}

/** An Azure Route Server in the hub's RouteServerSubnet. */
function routeServer(branchToBranch: boolean | Unknown): Entity[] {
  const rs = 'azurerm_route_server.rs';
  return [
    vnet('azurerm_virtual_network.hub', { subnets: ['azurerm_subnet.gateway', 'azurerm_subnet.rs'] }),
    subnet('azurerm_subnet.rs', { name: 'RouteServerSubnet', virtualNetwork: 'azurerm_virtual_network.hub', addressPrefixes: list('10.0.254.0/27'), occupants: [rs] }),
    { kind: 'other', type: 'azurerm_route_server', address: rs, name: 'rs', dependsOn: [], branchToBranchTrafficEnabled: branchToBranch } as OtherResource,
  ];
}

const of = (findings: Finding[], rule: string, severity?: Severity) =>
  findings.filter((f) => f.rule === rule && (severity === undefined || f.severity === severity));

const bgp = (t: Topology) => check(t, ...bgpRules);
const notInfo = (findings: Finding[]) => findings.filter((f) => f.severity !== Severity.INFO);

describe('BGP rules on valid configurations', () => {
  test('GIVEN the minimal hub WHEN checked with the BGP and IPsec rules THEN there is no finding at all', () => {
    expect(check(minimalHub(), ...bgpRules, ...ipsecRules)).toEqual([]);
  });

  test('GIVEN a BGP site with distinct private ASNs WHEN checked THEN there is no error or warning', () => {
    expect(notInfo(bgp(bgpHub()))).toEqual([]);
  });

  test('GIVEN a BGP VNet-to-VNet pair with explicit distinct ASNs WHEN checked THEN there is no error or warning', () => {
    expect(notInfo(bgp(vnetToVnet()))).toEqual([]);
  });

  test('GIVEN an active-active gateway with per-instance APIPA addresses and an APIPA site WHEN checked THEN only the initiation warning is reported', () => {
    const t = bgpHub({
      gw: activeActive({
        bgpSettings: settings({
          peeringAddresses: [
            { ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') },
            { ipConfigurationName: 'activeActive', apipaAddresses: list('169.254.22.1') },
          ],
        }),
      }),
      site: { addressSpace: list(), bgpSettings: { asn: 65020, peeringAddress: '169.254.21.5', peerWeight: undefined } },
      extra: [publicIp('azurerm_public_ip.gw2')],
    });
    expect(notInfo(bgp(t)).map((f) => f.rule)).toEqual(['bgp.apipa.initiation']);
  });
});

describe('bgp.sku', () => {
  test('GIVEN BGP enabled on a Basic gateway WHEN checked THEN bgp.sku is an error', () => {
    const f = of(bgp(bgpHub({ gw: { sku: 'Basic' } })), 'bgp.sku', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('"Basic"');
  });

  test('GIVEN BGP enabled on a PolicyBased gateway WHEN checked THEN bgp.sku is an error naming vpn_type', () => {
    const f = of(bgp(bgpHub({ gw: { vpnType: 'PolicyBased' } })), 'bgp.sku', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('RouteBased');
  });

  test('GIVEN BGP on a legacy Standard gateway WHEN checked THEN bgp.sku does not fire (legacy SKUs support BGP)', () => {
    expect(of(bgp(bgpHub({ gw: { sku: 'Standard' } })), 'bgp.sku')).toEqual([]);
  });

  test('GIVEN a Basic gateway without BGP WHEN checked THEN bgp.sku does not fire', () => {
    expect(of(bgp(minimalHub([gateway(GW, { sku: 'Basic' })])), 'bgp.sku')).toEqual([]);
  });

  test('GIVEN BGP on a gateway whose sku is unknown WHEN checked THEN bgp.sku is an info skip, not an error', () => {
    const f = of(bgp(bgpHub({ gw: { sku: unknown('var.sku is a variable', '${var.sku}') } })), 'bgp.sku');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
    expect(f[0].message).toMatch(/^skipped: sku/);
  });
});

describe('bgp.asn.reserved', () => {
  test.each([8074, 8075, 12076, 65517, 65520, 23456, 64500, 65535, 65551, 429496729, 4294967295])(
    'GIVEN a site with reserved ASN %d WHEN checked THEN bgp.asn.reserved is an error on the local network gateway',
    (asn) => {
      const f = of(bgp(bgpHub({ site: { bgpSettings: { asn, peeringAddress: '10.200.0.1', peerWeight: undefined } } })), 'bgp.asn.reserved', Severity.ERROR);
      expect(f).toHaveLength(1);
      expect(f[0].resource).toBe(SITE);
      expect(f[0].message).toContain(String(asn));
    },
  );

  test('GIVEN a site with ASN 65515 WHEN checked THEN bgp.asn.reserved is an error (65515 is only for the gateway)', () => {
    const f = of(bgp(bgpHub({ site: { bgpSettings: { asn: 65515, peeringAddress: '10.200.0.1', peerWeight: undefined } } })), 'bgp.asn.reserved', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([SITE]);
    expect(f[0].message).toContain('on-premises');
  });

  test('GIVEN a gateway with the Azure public ASN 12076 WHEN checked THEN bgp.asn.reserved is an error on the gateway', () => {
    const f = of(bgp(bgpHub({ gw: { bgpSettings: settings({ asn: 12076 }) } })), 'bgp.asn.reserved', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([GW]);
  });

  test('GIVEN a gateway that writes the default ASN 65515 explicitly WHEN checked THEN bgp.asn.reserved does not fire', () => {
    expect(of(bgp(bgpHub({ gw: { bgpSettings: settings({ asn: 65515 }) } })), 'bgp.asn.reserved')).toEqual([]);
  });

  test('GIVEN a site with a public ASN WHEN checked THEN no ASN rule fires (public ASNs are legitimate on-premises)', () => {
    const f = bgp(bgpHub({ site: { bgpSettings: { asn: 3320, peeringAddress: '10.200.0.1', peerWeight: undefined } } }));
    expect(f.filter((x) => x.rule.startsWith('bgp.asn'))).toEqual([]);
  });

  test('GIVEN a site whose ASN is unknown WHEN checked THEN bgp.asn.reserved is an info skip', () => {
    const f = of(bgp(bgpHub({ site: { bgpSettings: { asn: unknown(), peeringAddress: '10.200.0.1', peerWeight: undefined } } })), 'bgp.asn.reserved');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('bgp.asn.32bit', () => {
  test.each([0, -1, 4294967296, 65010.5])('GIVEN a site with ASN %d WHEN checked THEN bgp.asn.32bit is an error', (asn) => {
    const f = of(bgp(bgpHub({ site: { bgpSettings: { asn, peeringAddress: '10.200.0.1', peerWeight: undefined } } })), 'bgp.asn.32bit', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([SITE]);
  });

  test('GIVEN a gateway with ASN 0 WHEN checked THEN bgp.asn.32bit is an error on the gateway', () => {
    expect(of(bgp(bgpHub({ gw: { bgpSettings: settings({ asn: 0 }) } })), 'bgp.asn.32bit', Severity.ERROR).map((x) => x.resource)).toEqual([GW]);
  });

  test('GIVEN a site with ASN 4294967295 WHEN checked THEN only bgp.asn.reserved reports it', () => {
    const f = bgp(bgpHub({ site: { bgpSettings: { asn: 4294967295, peeringAddress: '10.200.0.1', peerWeight: undefined } } }));
    expect(of(f, 'bgp.asn.32bit')).toEqual([]);
    expect(of(f, 'bgp.asn.reserved', Severity.ERROR)).toHaveLength(1);
  });

  test('GIVEN a site with a 4-byte ASN WHEN checked THEN no ASN rule fires', () => {
    const f = bgp(bgpHub({ site: { bgpSettings: { asn: 4200000001, peeringAddress: '10.200.0.1', peerWeight: undefined } } }));
    expect(f.filter((x) => x.rule.startsWith('bgp.asn'))).toEqual([]);
  });
});

describe('bgp.asn.private-range', () => {
  test('GIVEN a site with ASN 65516 WHEN checked THEN bgp.asn.private-range is a warning saying it is unconfirmed', () => {
    const f = of(bgp(bgpHub({ site: { bgpSettings: { asn: 65516, peeringAddress: '10.200.0.1', peerWeight: undefined } } })), 'bgp.asn.private-range');
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
    expect(f[0].message).toContain('unconfirmed');
  });

  test('GIVEN a gateway with ASN 65516 WHEN checked THEN bgp.asn.private-range warns on the gateway', () => {
    expect(of(bgp(bgpHub({ gw: { bgpSettings: settings({ asn: 65516 }) } })), 'bgp.asn.private-range', Severity.WARNING).map((x) => x.resource)).toEqual([GW]);
  });

  test('GIVEN ASNs in the usable private ranges WHEN checked THEN bgp.asn.private-range does not fire', () => {
    expect(of(bgp(bgpHub({ site: { bgpSettings: { asn: 65534, peeringAddress: '10.200.0.1', peerWeight: undefined } } })), 'bgp.asn.private-range')).toEqual([]);
  });
});

describe('bgp.asn.default', () => {
  test('GIVEN a gateway that keeps the default ASN and peers over BGP with another Azure gateway WHEN checked THEN bgp.asn.default warns', () => {
    const f = of(bgp(vnetToVnet({ hub: { bgpSettings: undefined } })), 'bgp.asn.default');
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[GW, Severity.WARNING]]);
    expect(f[0].message).toContain(BRANCH_GW);
  });

  test('GIVEN a gateway that keeps the default ASN and only peers with an on-premises site WHEN checked THEN bgp.asn.default does not fire', () => {
    expect(of(bgp(bgpHub({ gw: { bgpSettings: undefined } })), 'bgp.asn.default')).toEqual([]);
  });

  test('GIVEN both gateways of a BGP VNet-to-VNet pair keep the default ASN WHEN checked THEN bgp.asn.distinct reports it and bgp.asn.default stays quiet', () => {
    const f = bgp(vnetToVnet({ hub: { bgpSettings: undefined }, branch: { bgpSettings: undefined } }));
    expect(of(f, 'bgp.asn.default')).toEqual([]);
    expect(of(f, 'bgp.asn.distinct', Severity.ERROR)).toHaveLength(1);
  });

  test('GIVEN a default-ASN gateway that coexists with ExpressRoute WHEN it peers over BGP with another gateway THEN bgp.asn.default does not fire', () => {
    const t = vnetToVnet({ hub: { bgpSettings: undefined } });
    const withEr = topology(...t.entities.values(), expressRouteGateway());
    expect(of(bgp(withEr), 'bgp.asn.default')).toEqual([]);
  });

  test('GIVEN a VNet-to-VNet connection whose BGP flag is unknown WHEN checked THEN bgp.asn.default skips with info', () => {
    const f = of(bgp(vnetToVnet({ hub: { bgpSettings: undefined }, there: { bgpEnabled: unknown() }, back: { bgpEnabled: unknown('var.y is a variable', '${var.y}') } })), 'bgp.asn.default');
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.severity === Severity.INFO)).toBe(true);
  });
});

describe('bgp.asn.distinct', () => {
  test('GIVEN a site with the same ASN as its gateway WHEN connected with BGP THEN bgp.asn.distinct is an error on the connection', () => {
    const f = of(bgp(bgpHub({ site: { bgpSettings: { asn: 65010, peeringAddress: '10.200.0.1', peerWeight: undefined } } })), 'bgp.asn.distinct', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([CONN]);
    expect(f[0].message).toContain('65010');
  });

  test('GIVEN a site with ASN 65515 and a gateway keeping the default WHEN connected with BGP THEN bgp.asn.distinct names the default', () => {
    const f = of(
      bgp(bgpHub({ gw: { bgpSettings: undefined }, site: { bgpSettings: { asn: 65515, peeringAddress: '10.200.0.1', peerWeight: undefined } } })),
      'bgp.asn.distinct',
      Severity.ERROR,
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('default');
  });

  test('GIVEN a site with the same ASN as its gateway WHEN the connection has BGP off THEN bgp.asn.distinct does not fire', () => {
    const t = bgpHub({ site: { bgpSettings: { asn: 65010, peeringAddress: '10.200.0.1', peerWeight: undefined } }, conn: { bgpEnabled: false } });
    expect(of(bgp(t), 'bgp.asn.distinct')).toEqual([]);
  });

  test('GIVEN two gateways with the same explicit ASN in a BGP VNet-to-VNet pair WHEN checked THEN bgp.asn.distinct reports the pair once', () => {
    const f = of(bgp(vnetToVnet({ branch: { bgpSettings: settings({ asn: 65010 }) } })), 'bgp.asn.distinct', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(BRANCH_GW);
  });

  test('GIVEN a gateway whose ASN is unknown WHEN connected with BGP to a site THEN bgp.asn.distinct is an info skip', () => {
    const f = of(bgp(bgpHub({ gw: { bgpSettings: settings({ asn: unknown() }) } })), 'bgp.asn.distinct');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('bgp.apipa.range', () => {
  test.each(['169.254.20.255', '169.254.23.0', '10.0.0.1', 'not-an-ip'])('GIVEN a custom APIPA address %s WHEN checked THEN bgp.apipa.range is an error', (address) => {
    const t = bgpHub({ gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list(address) }] }) } });
    const f = of(bgp(t), 'bgp.apipa.range', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(JSON.stringify(address));
  });

  test.each(['169.254.21.0', '169.254.22.255'])('GIVEN the custom APIPA address %s WHEN checked THEN bgp.apipa.range does not fire', (address) => {
    const t = bgpHub({ gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list(address) }] }) } });
    expect(of(bgp(t), 'bgp.apipa.range')).toEqual([]);
  });

  test('GIVEN custom APIPA addresses that are unknown WHEN checked THEN bgp.apipa.range is an info skip', () => {
    const t = bgpHub({ gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: unknownList(unknown()) }] }) } });
    expect(of(bgp(t), 'bgp.apipa.range').map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('bgp.apipa.required', () => {
  const apipaSite: SiteOverrides = { addressSpace: list(), bgpSettings: { asn: 65020, peeringAddress: '169.254.0.1', peerWeight: undefined } };

  test('GIVEN an APIPA site WHEN the gateway has no custom APIPA address THEN bgp.apipa.required is an error on the connection', () => {
    const f = of(bgp(bgpHub({ site: apipaSite })), 'bgp.apipa.required', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([CONN]);
    expect(f[0].message).toContain('169.254.21.0');
  });

  test('GIVEN an APIPA site WHEN an active-active gateway has custom APIPA on one instance only THEN bgp.apipa.required is an error', () => {
    const t = bgpHub({
      site: apipaSite,
      gw: activeActive({ bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) }),
      extra: [publicIp('azurerm_public_ip.gw2')],
    });
    const f = of(bgp(t), 'bgp.apipa.required', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('1 of its 2 instances');
  });

  test('GIVEN an APIPA site WHEN the gateway has a custom APIPA address THEN bgp.apipa.required does not fire', () => {
    const t = bgpHub({ site: apipaSite, gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) } });
    expect(of(bgp(t), 'bgp.apipa.required')).toEqual([]);
  });

  test('GIVEN a site with a regular BGP address WHEN the gateway has no custom APIPA address THEN bgp.apipa.required does not fire', () => {
    expect(of(bgp(bgpHub()), 'bgp.apipa.required')).toEqual([]);
  });

  test('GIVEN a site whose BGP peer address is unknown WHEN checked THEN bgp.apipa.required is an info skip', () => {
    const f = of(bgp(bgpHub({ site: { bgpSettings: { asn: 65020, peeringAddress: unknown(), peerWeight: undefined } } })), 'bgp.apipa.required');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('bgp.apipa.unique', () => {
  test("GIVEN a site whose APIPA peer address is one of the gateway's own WHEN checked THEN bgp.apipa.unique is an error naming both", () => {
    const t = bgpHub({
      gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) },
      site: { addressSpace: list(), bgpSettings: { asn: 65020, peeringAddress: '169.254.21.1', peerWeight: undefined } },
    });
    const f = of(bgp(t), 'bgp.apipa.unique', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(GW);
    expect(f[0].message).toContain(SITE);
  });

  test('GIVEN two APIPA sites on one gateway with the same peer address WHEN checked THEN bgp.apipa.unique is an error', () => {
    const t = bgpHub({
      gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) },
      site: { addressSpace: list(), bgpSettings: { asn: 65020, peeringAddress: '169.254.0.1', peerWeight: undefined } },
      extra: [
        localGateway('azurerm_local_network_gateway.site2', { gatewayAddress: '203.0.113.20', addressSpace: list(), bgpSettings: { asn: 65030, peeringAddress: '169.254.0.1', peerWeight: undefined } }),
        connection('azurerm_virtual_network_gateway_connection.site2', { localGateway: 'azurerm_local_network_gateway.site2', bgpEnabled: true }),
      ],
    });
    expect(of(bgp(t), 'bgp.apipa.unique', Severity.ERROR)).toHaveLength(1);
  });

  test('GIVEN an active-active gateway whose two instances share an APIPA address WHEN checked THEN bgp.apipa.unique is an error', () => {
    const t = bgpHub({
      gw: activeActive({
        bgpSettings: settings({
          peeringAddresses: [
            { ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') },
            { ipConfigurationName: 'activeActive', apipaAddresses: list('169.254.21.1') },
          ],
        }),
      }),
      extra: [publicIp('azurerm_public_ip.gw2')],
    });
    expect(of(bgp(t), 'bgp.apipa.unique', Severity.ERROR)).toHaveLength(1);
  });

  test('GIVEN two BGP-connected Azure gateways with the same APIPA address WHEN checked THEN bgp.apipa.unique reports it once', () => {
    const block = { ipConfigurationName: 'default', apipaAddresses: list('169.254.21.9') };
    const t = vnetToVnet({ hub: { bgpSettings: settings({ asn: 65010, peeringAddresses: [block] }) }, branch: { bgpSettings: settings({ asn: 65020, peeringAddresses: [block] }) } });
    expect(of(bgp(t), 'bgp.apipa.unique', Severity.ERROR)).toHaveLength(1);
  });

  test('GIVEN distinct APIPA addresses WHEN checked THEN bgp.apipa.unique does not fire', () => {
    const t = bgpHub({
      gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) },
      site: { addressSpace: list(), bgpSettings: { asn: 65020, peeringAddress: '169.254.21.2', peerWeight: undefined } },
    });
    expect(of(bgp(t), 'bgp.apipa.unique')).toEqual([]);
  });
});

describe('bgp.apipa.initiation', () => {
  test('GIVEN a BGP connection to an APIPA site WHEN checked THEN bgp.apipa.initiation warns once on the connection', () => {
    const t = bgpHub({
      gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) },
      site: { addressSpace: list(), bgpSettings: { asn: 65020, peeringAddress: '169.254.0.1', peerWeight: undefined } },
    });
    const f = of(bgp(t), 'bgp.apipa.initiation');
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[CONN, Severity.WARNING]]);
    expect(f[0].message).toContain('initiate');
  });

  test('GIVEN a BGP connection to a site with a regular peer address WHEN checked THEN bgp.apipa.initiation does not fire', () => {
    expect(of(bgp(bgpHub()), 'bgp.apipa.initiation')).toEqual([]);
  });
});

describe('bgp.apipa.per-ipconfig', () => {
  const aaExtra = [publicIp('azurerm_public_ip.gw2')];

  test('GIVEN three peering_addresses blocks WHEN checked THEN bgp.apipa.per-ipconfig is an error', () => {
    const block = (name: string) => ({ ipConfigurationName: name, apipaAddresses: list<string>() });
    const t = bgpHub({ gw: activeActive({ bgpSettings: settings({ peeringAddresses: [block('default'), block('activeActive'), block('third')] }) }), extra: aaExtra });
    expect(of(bgp(t), 'bgp.apipa.per-ipconfig', Severity.ERROR).some((f) => f.message.includes('at most 2'))).toBe(true);
  });

  test('GIVEN two ip configurations and a block without ip_configuration_name WHEN checked THEN bgp.apipa.per-ipconfig is an error', () => {
    const t = bgpHub({
      gw: activeActive({
        bgpSettings: settings({
          peeringAddresses: [
            { ipConfigurationName: undefined, apipaAddresses: list('169.254.21.1') },
            { ipConfigurationName: 'activeActive', apipaAddresses: list('169.254.22.1') },
          ],
        }),
      }),
      extra: aaExtra,
    });
    const f = of(bgp(t), 'bgp.apipa.per-ipconfig', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('peering_addresses[0].ip_configuration_name is not set');
  });

  test('GIVEN a block naming no existing ip configuration WHEN checked THEN bgp.apipa.per-ipconfig is an error', () => {
    const t = bgpHub({ gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'gwconfig', apipaAddresses: list('169.254.21.1') }] }) } });
    const f = of(bgp(t), 'bgp.apipa.per-ipconfig', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('"gwconfig"');
  });

  test('GIVEN two blocks naming the same ip configuration WHEN checked THEN bgp.apipa.per-ipconfig is an error', () => {
    const t = bgpHub({
      gw: activeActive({
        bgpSettings: settings({
          peeringAddresses: [
            { ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') },
            { ipConfigurationName: 'default', apipaAddresses: list('169.254.22.1') },
          ],
        }),
      }),
      extra: aaExtra,
    });
    expect(of(bgp(t), 'bgp.apipa.per-ipconfig', Severity.ERROR).some((f) => f.message.includes('same ip_configuration'))).toBe(true);
  });

  test('GIVEN an active-active gateway with custom APIPA in a single block WHEN checked THEN bgp.apipa.per-ipconfig is an error', () => {
    const t = bgpHub({ gw: activeActive({ bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) }), extra: aaExtra });
    expect(of(bgp(t), 'bgp.apipa.per-ipconfig', Severity.ERROR).some((f) => f.message.includes('only one'))).toBe(true);
  });

  test('GIVEN an active-standby gateway with one unnamed block WHEN checked THEN bgp.apipa.per-ipconfig does not fire', () => {
    const t = bgpHub({ gw: { bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: undefined, apipaAddresses: list('169.254.21.1') }] }) } });
    expect(of(bgp(t), 'bgp.apipa.per-ipconfig')).toEqual([]);
  });

  test('GIVEN an unnamed ip configuration WHEN a block names the azurerm default vnetGatewayConfig THEN bgp.apipa.per-ipconfig does not fire', () => {
    const t = bgpHub({
      gw: {
        ipConfigurations: [{ name: undefined, subnet: 'azurerm_subnet.gateway', publicIp: 'azurerm_public_ip.gw1', privateIpAddressAllocation: 'Dynamic' }],
        bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'vnetGatewayConfig', apipaAddresses: list('169.254.21.1') }] }),
      },
    });
    expect(of(bgp(t), 'bgp.apipa.per-ipconfig')).toEqual([]);
  });

  test('GIVEN ip configurations that are unknown WHEN checked THEN bgp.apipa.per-ipconfig is an info skip', () => {
    const t = bgpHub({ gw: { ipConfigurations: unknown(), bgpSettings: settings({ peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) } });
    expect(of(bgp(t), 'bgp.apipa.per-ipconfig').map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('bgp.flags', () => {
  test('GIVEN a BGP connection WHEN its gateway has BGP disabled THEN bgp.flags is an error on the connection', () => {
    const f = of(bgp(bgpHub({ gw: { bgpEnabled: false } })), 'bgp.flags', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([CONN]);
    expect(f[0].message).toContain(GW);
  });

  test('GIVEN a BGP connection WHEN its local network gateway has no bgp_settings THEN bgp.flags is an error', () => {
    const f = of(bgp(bgpHub({ site: { bgpSettings: undefined } })), 'bgp.flags', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('no bgp_settings');
  });

  test('GIVEN a BGP VNet-to-VNet connection WHEN the peer gateway has BGP disabled THEN bgp.flags is an error', () => {
    const f = of(bgp(vnetToVnet({ branch: { bgpEnabled: false }, back: { bgpEnabled: false } })), 'bgp.flags', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([HUB_TO_BRANCH]);
  });

  test('GIVEN a BGP site WHEN the connection has BGP off THEN bgp.flags warns that only static prefixes are routed', () => {
    const f = of(bgp(bgpHub({ conn: { bgpEnabled: false } })), 'bgp.flags');
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
    expect(f[0].message).toContain('static');
  });

  test('GIVEN a BGP site with an empty address space WHEN the connection has BGP off THEN bgp.flags is an error (nothing is routed)', () => {
    expect(of(bgp(bgpHub({ conn: { bgpEnabled: false }, site: { addressSpace: list() } })), 'bgp.flags', Severity.ERROR)).toHaveLength(1);
  });

  test('GIVEN a connection whose BGP flag is unknown WHEN checked THEN bgp.flags is an info skip', () => {
    expect(of(bgp(bgpHub({ conn: { bgpEnabled: unknown() } })), 'bgp.flags').map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN a BGP connection to a gateway not declared in the configuration WHEN checked THEN bgp.flags skips with info instead of guessing', () => {
    const external = gateway('azurerm_virtual_network_gateway.external', { external: true, bgpEnabled: undefined, gatewayType: undefined, sku: undefined, ipConfigurations: [] });
    const f = of(bgp(bgpHub({ conn: { gateway: external.address }, extra: [external] })), 'bgp.flags');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
    expect(f[0].message).toContain('not declared');
  });
});

describe('bgp.transit', () => {
  test('GIVEN a VNet-to-VNet pair WHEN only one half has BGP THEN bgp.transit is an error on the half without BGP', () => {
    const f = of(bgp(vnetToVnet({ back: { bgpEnabled: false } })), 'bgp.transit', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([BRANCH_TO_HUB]);
    expect(f[0].message).toContain(HUB_TO_BRANCH);
  });

  test('GIVEN a VNet-to-VNet pair WHEN both halves have BGP off THEN bgp.transit does not fire', () => {
    expect(of(bgp(vnetToVnet({ there: { bgpEnabled: false }, back: { bgpEnabled: false } })), 'bgp.transit')).toEqual([]);
  });

  test('GIVEN a VNet-to-VNet pair WHEN one half has an unknown BGP flag THEN bgp.transit is an info skip', () => {
    const f = of(bgp(vnetToVnet({ back: { bgpEnabled: unknown() } })), 'bgp.transit');
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.severity === Severity.INFO)).toBe(true);
  });
});

describe('bgp.default-route', () => {
  test('GIVEN a BGP site whose address space holds 0.0.0.0/0 WHEN checked THEN bgp.default-route warns on the site', () => {
    const f = of(bgp(bgpHub({ site: { addressSpace: list('10.200.0.1/32', '0.0.0.0/0') } })), 'bgp.default-route');
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[SITE, Severity.WARNING]]);
    expect(f[0].message).toContain('forced tunnelling');
  });

  test('GIVEN a BGP site with only its peer /32 WHEN checked THEN bgp.default-route does not fire', () => {
    expect(of(bgp(bgpHub()), 'bgp.default-route')).toEqual([]);
  });
});

describe('bgp.coexist-asn', () => {
  test('GIVEN a VPN gateway with ASN 65010 next to an ExpressRoute gateway and no Route Server WHEN checked THEN bgp.coexist-asn is only a warning (65515 is needed only for transit)', () => {
    const f = of(bgp(bgpHub({ extra: [expressRouteGateway()] })), 'bgp.coexist-asn');
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[GW, Severity.WARNING]]);
    expect(f[0].message).toContain('65515');
  });

  test('GIVEN a VPN gateway with ASN 65010 next to an ExpressRoute gateway WHEN a Route Server with branch-to-branch traffic is in the VNet THEN bgp.coexist-asn is an error', () => {
    const f = of(bgp(bgpHub({ extra: [expressRouteGateway(), ...routeServer(true)] })), 'bgp.coexist-asn');
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[GW, Severity.ERROR]]);
    expect(f[0].message).toContain('65515');
  });

  test('GIVEN a Route Server without branch-to-branch traffic WHEN checked THEN bgp.coexist-asn stays a warning', () => {
    expect(of(bgp(bgpHub({ extra: [expressRouteGateway(), ...routeServer(false)] })), 'bgp.coexist-asn').map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN a Route Server whose branch-to-branch setting is unknown WHEN checked THEN bgp.coexist-asn is an info skip', () => {
    expect(of(bgp(bgpHub({ extra: [expressRouteGateway(), ...routeServer(unknown())] })), 'bgp.coexist-asn').map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN a VPN gateway keeping 65515 next to an ExpressRoute gateway WHEN checked THEN bgp.coexist-asn does not fire', () => {
    expect(of(bgp(bgpHub({ gw: { bgpSettings: undefined }, extra: [expressRouteGateway()] })), 'bgp.coexist-asn')).toEqual([]);
  });

  test('GIVEN a VPN gateway with ASN 65010 and no ExpressRoute gateway WHEN checked THEN bgp.coexist-asn does not fire', () => {
    expect(of(bgp(bgpHub()), 'bgp.coexist-asn')).toEqual([]);
  });

  test('GIVEN a VPN gateway with an unknown ASN next to an ExpressRoute gateway WHEN checked THEN bgp.coexist-asn is an info skip', () => {
    const f = of(bgp(bgpHub({ gw: { bgpSettings: settings({ asn: unknown() }) }, extra: [expressRouteGateway()] })), 'bgp.coexist-asn');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('BGP rules at scale', () => {
  test('GIVEN 100 gateways with 30 BGP sites each WHEN checked THEN the BGP rules finish in under 1.5 s', () => {
    const entities = [];
    for (let g = 0; g < 100; g++) {
      const gw = `azurerm_virtual_network_gateway.gw${g}`;
      entities.push(gateway(gw, { bgpEnabled: true, bgpSettings: settings({ asn: 65010, peeringAddresses: [{ ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1') }] }) }));
      for (let s = 0; s < 30; s++) {
        const site = `azurerm_local_network_gateway.s${g}_${s}`;
        entities.push(localGateway(site, { addressSpace: list(), bgpSettings: { asn: 65100 + s, peeringAddress: `169.254.${s}.1`, peerWeight: undefined } }));
        entities.push(connection(`azurerm_virtual_network_gateway_connection.c${g}_${s}`, { gateway: gw, localGateway: site, bgpEnabled: true }));
      }
    }
    const t = topology(...entities);
    const started = Date.now();
    const findings = bgp(t);
    expect(Date.now() - started).toBeLessThan(1500);
    // Each gateway's own 169.254.21.1 collides with its site 21 (peer 169.254.21.1): one error per gateway.
    expect(of(findings, 'bgp.apipa.unique', Severity.ERROR)).toHaveLength(100);
  });
});
