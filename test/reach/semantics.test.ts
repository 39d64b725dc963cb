import { TopologyReach } from '../../lib/reach';
import { Topology } from '../../lib/model/topology';
import { list, peering, routeTable } from '../support/model';
import { Net, unknownValue } from './fixtures';

const reach = (t: Topology, from: string, to: string) => new TopologyReach(t).reach(from, to);

/** A hub with a gateway, two spokes with gateway transit, and sites added by each test. */
function hubAndSpokes(o: { bgp?: boolean; p2s?: boolean } = {}): Net {
  return new Net()
    .vnet('hub', '10.0.0.0/16')
    .gateway('hub', { bgp: o.bgp ?? true, asn: 65010, p2s: o.p2s ? '172.16.0.0/24' : undefined })
    .spoke('spoke-a', '10.1.0.0/16', 'hub')
    .spoke('spoke-b', '10.2.0.0/16', 'hub');
}

describe('VNet peering is not transitive (peer.non-transitive)', () => {
  test('GIVEN two spokes peered only with the hub WHEN spoke-a asks for spoke-b THEN it is unreachable, citing peer.non-transitive', () => {
    const a = reach(hubAndSpokes().build(), 'spoke-a', 'spoke-b');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('peer.non-transitive');
    expect(a.reason).toContain('both peered with hub but not with each other');
  });

  test('GIVEN the same spokes also peered with each other WHEN spoke-a asks for spoke-b THEN the direct peering carries it', () => {
    const a = reach(hubAndSpokes().peer('spoke-a', 'spoke-b').build(), 'spoke-a', 'spoke-b');
    expect(a.status).toBe('reachable');
    expect(a.hops).toHaveLength(1);
    expect(a.hops[0].via).toBe('azurerm_virtual_network_peering.spoke_a_to_spoke_b');
  });

  test('GIVEN a spoke peered with the hub WHEN it asks for the hub THEN the peering carries it in one hop', () => {
    const a = reach(hubAndSpokes().build(), 'spoke-a', 'hub');
    expect(a.status).toBe('reachable');
    expect(a.reason).toBe('spoke-a → hub');
  });

  test('GIVEN only one direction of a peering WHEN the VNets ask for each other THEN unreachable, citing peer.both-sides', () => {
    const t = new Net().vnet('a', '10.1.0.0/16').vnet('b', '10.2.0.0/16').spoke('c', '10.3.0.0/16', 'a', { oneWay: true }).build();
    const a = reach(t, 'c', 'a');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('peer.both-sides');
  });
});

describe('gateway transit lets spokes use the hub gateway, both ways', () => {
  const withSite = (n: Net) => n.site('paris', ['192.168.1.0/24']).s2s('hub', 'paris');

  test('GIVEN a spoke with use_remote_gateways and a hub with allow_gateway_transit WHEN the spoke asks for a static site THEN reachable through the hub gateway', () => {
    const a = reach(withSite(hubAndSpokes()).build(), 'spoke-a', 'paris');
    expect(a.status).toBe('reachable');
    expect(a.reason).toBe('spoke-a → hub-gw → paris');
    expect(a.hops[0].reason).toContain('use_remote_gateways');
    expect(a.notes.join('\n')).toContain('peer.onprem-prefixes');
  });

  test('GIVEN gateway transit WHEN the site asks for the spoke THEN reachable the other way too', () => {
    const a = reach(withSite(hubAndSpokes()).build(), 'paris', 'spoke-a');
    expect(a.status).toBe('reachable');
    expect(a.reason).toBe('paris → hub-gw → spoke-a');
  });

  test('GIVEN a spoke peered without use_remote_gateways WHEN it asks for the site THEN unreachable, naming the missing flag', () => {
    const t = withSite(hubAndSpokes().spoke('spoke-c', '10.3.0.0/16', 'hub', { useRemote: false })).build();
    const a = reach(t, 'spoke-c', 'paris');
    expect(a.status).toBe('unreachable');
    expect(a.reason).toContain('use_remote_gateways is not set on azurerm_virtual_network_peering.spoke_c_to_hub');
    expect(reach(t, 'paris', 'spoke-c').status).toBe('unreachable');
  });

  test('GIVEN use_remote_gateways without allow_gateway_transit on the hub side WHEN asked THEN unreachable, citing peer.use-remote-needs-gateway', () => {
    const t = withSite(hubAndSpokes().spoke('spoke-c', '10.3.0.0/16', 'hub', { allowTransit: false })).build();
    const a = reach(t, 'spoke-c', 'paris');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('peer.use-remote-needs-gateway');
  });

  test('GIVEN allow_gateway_transit from a variable WHEN the spoke asks for the site THEN unknown, with the variable named', () => {
    const t = withSite(hubAndSpokes().spoke('spoke-c', '10.3.0.0/16', 'hub', { allowTransit: unknownValue('var.allow_transit is a variable', '${var.allow_transit}') })).build();
    const a = reach(t, 'spoke-c', 'paris');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('var.allow_transit');
  });
});

describe('static local network gateway prefixes versus BGP-learned routes', () => {
  test('GIVEN a static site WHEN asked for an address inside its address_space THEN reachable; outside it THEN unreachable', () => {
    const t = hubAndSpokes().site('paris', ['192.168.1.0/24']).s2s('hub', 'paris').build();
    expect(reach(t, 'spoke-a', '192.168.1.10').status).toBe('reachable');
    const outside = reach(t, 'spoke-a', '192.168.7.10');
    expect(outside.status).toBe('unreachable');
    expect(outside.reason).toContain('in no address space');
  });

  test('GIVEN a BGP site WHEN asked for the site THEN reachable, saying the routes are learned over BGP', () => {
    const t = hubAndSpokes().site('london', [], { bgp: { asn: 65050, peer: '10.50.0.1' } }).s2s('hub', 'london', { bgp: true }).build();
    const a = reach(t, 'spoke-a', 'london');
    expect(a.status).toBe('reachable');
    expect(a.hops.map((h) => h.reason).join('\n')).toContain('learned over BGP');
  });

  test('GIVEN a BGP site WHEN asked for an address in no known prefix THEN unknown: the site may advertise it', () => {
    const t = hubAndSpokes().site('london', [], { bgp: { asn: 65050, peer: '10.50.0.1' } }).s2s('hub', 'london', { bgp: true }).build();
    const a = reach(t, 'spoke-a', '192.168.7.10');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('london');
  });

  test('GIVEN a static site with an empty address_space WHEN asked THEN unreachable: the gateway has no route to it', () => {
    const t = hubAndSpokes().site('paris', []).s2s('hub', 'paris').build();
    const a = reach(t, 'hub', 'paris');
    expect(a.status).toBe('unreachable');
    expect(a.reason).toContain('empty address_space');
  });

  test('GIVEN a static site whose address_space is a variable WHEN asked THEN unknown, naming the variable', () => {
    const t = hubAndSpokes().site('paris', [], { addressSpace: { items: [], unknown: unknownValue('var.paris_prefixes is a variable') } }).s2s('hub', 'paris').build();
    const a = reach(t, 'hub', 'paris');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('var.paris_prefixes');
  });

  test('GIVEN BGP requested on the connection but no bgp_settings on the site WHEN two such sites ask for each other THEN unreachable, citing bgp.flags', () => {
    const t = hubAndSpokes()
      .site('paris', ['192.168.1.0/24'])
      .s2s('hub', 'paris', { bgp: true })
      .site('london', [], { bgp: { asn: 65050, peer: '10.50.0.1' } })
      .s2s('hub', 'london', { bgp: true })
      .build();
    const a = reach(t, 'paris', 'london');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('bgp.flags');
  });
});

describe('site-to-site transit through the gateway requires BGP on both connections (bgp.transit)', () => {
  test('GIVEN two static sites on one gateway WHEN one asks for the other THEN unreachable, citing bgp.transit', () => {
    const t = hubAndSpokes().site('paris', ['192.168.1.0/24']).site('berlin', ['192.168.2.0/24']).s2s('hub', 'paris').s2s('hub', 'berlin').build();
    const a = reach(t, 'paris', 'berlin');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('bgp.transit');
    expect(a.reason).toContain('needs BGP on both connections');
  });

  test('GIVEN the same two sites with BGP WHEN one asks for the other THEN reachable through the gateway', () => {
    const t = hubAndSpokes()
      .site('paris', [], { bgp: { asn: 65051, peer: '10.51.0.1' } })
      .site('berlin', [], { bgp: { asn: 65052, peer: '10.52.0.1' } })
      .s2s('hub', 'paris', { bgp: true })
      .s2s('hub', 'berlin', { bgp: true })
      .build();
    const a = reach(t, 'paris', 'berlin');
    expect(a.status).toBe('reachable');
    expect(a.reason).toBe('paris → hub-gw → berlin');
  });

  test('GIVEN one BGP site and one static site WHEN they ask for each other THEN unreachable, naming the static connection', () => {
    const t = hubAndSpokes()
      .site('paris', [], { bgp: { asn: 65051, peer: '10.51.0.1' } })
      .site('berlin', ['192.168.2.0/24'])
      .s2s('hub', 'paris', { bgp: true })
      .s2s('hub', 'berlin')
      .build();
    const a = reach(t, 'paris', 'berlin');
    expect(a.status).toBe('unreachable');
    expect(a.reason).toContain('hub_to_berlin is static');
  });

  test('GIVEN bgp_enabled from a variable on one connection WHEN the sites ask for each other THEN unknown', () => {
    const t = hubAndSpokes()
      .site('paris', [], { bgp: { asn: 65051, peer: '10.51.0.1' } })
      .site('berlin', [], { bgp: { asn: 65052, peer: '10.52.0.1' } })
      .s2s('hub', 'paris', { bgp: true })
      .s2s('hub', 'berlin', { bgp: unknownValue('var.berlin_bgp is a variable', '${var.berlin_bgp}') })
      .build();
    const a = reach(t, 'paris', 'berlin');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('var.berlin_bgp');
  });
});

describe('VNet-to-VNet, with and without BGP transit', () => {
  const twoRegions = (o: { bgp: boolean; oneSided?: boolean; reverseBgp?: boolean }) =>
    hubAndSpokes()
      .vnet('hub2', '10.100.0.0/16')
      .gateway('hub2', { bgp: true, asn: 65020 })
      .spoke('spoke-z', '10.101.0.0/16', 'hub2')
      .site('paris', [], { bgp: { asn: 65051, peer: '10.51.0.1' } })
      .s2s('hub', 'paris', { bgp: true })
      .v2v('hub', 'hub2', { bgp: o.bgp, oneSided: o.oneSided, reverseBgp: o.reverseBgp });

  test('GIVEN a static VNet-to-VNet link WHEN the two gateway VNets ask for each other THEN reachable over the link', () => {
    const a = reach(twoRegions({ bgp: false }).build(), 'hub', 'hub2');
    expect(a.status).toBe('reachable');
    expect(a.reason).toBe('hub → hub-gw → hub2-gw → hub2');
    expect(a.notes.join('\n')).toContain('only');
  });

  test('GIVEN a static VNet-to-VNet link WHEN a spoke or a site asks for the far VNet THEN unreachable: the link carries the two VNets only', () => {
    const t = twoRegions({ bgp: false }).build();
    const spoke = reach(t, 'spoke-a', 'hub2');
    expect(spoke.status).toBe('unreachable');
    expect(spoke.rule).toBe('bgp.transit');
    expect(reach(t, 'paris', 'hub2').status).toBe('unreachable');
    expect(reach(t, 'hub', 'spoke-z').status).toBe('unreachable');
  });

  test('GIVEN BGP on both connections WHEN a spoke, a BGP site and the far spoke ask THEN all transit', () => {
    const t = twoRegions({ bgp: true }).build();
    expect(reach(t, 'spoke-a', 'hub2').status).toBe('reachable');
    expect(reach(t, 'spoke-a', 'spoke-z').status).toBe('reachable');
    const site = reach(t, 'paris', 'spoke-z');
    expect(site.status).toBe('reachable');
    expect(site.reason).toBe('paris → hub-gw → hub2-gw → spoke-z');
    expect(site.hops[1].rule).toBe('bgp.transit');
  });

  test('GIVEN BGP on one half only WHEN a spoke asks for the far VNet THEN unreachable: both halves need BGP', () => {
    const a = reach(twoRegions({ bgp: true, reverseBgp: false }).build(), 'spoke-a', 'hub2');
    expect(a.status).toBe('unreachable');
    expect(a.reason).toContain('both connections of a VNet-to-VNet pair');
  });

  test('GIVEN only one of the two connection resources WHEN the hubs ask for each other THEN unreachable, citing conn.v2v.pair', () => {
    const a = reach(twoRegions({ bgp: true, oneSided: true }).build(), 'hub', 'hub2');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('conn.v2v.pair');
  });

  test('GIVEN three gateways chained by BGP links WHEN the ends ask THEN reachable; WITH a static middle link THEN unreachable', () => {
    const chain = (middleBgp: boolean) =>
      new Net()
        .vnet('a', '10.1.0.0/16').gateway('a', { bgp: true, asn: 65001 })
        .vnet('b', '10.2.0.0/16').gateway('b', { bgp: true, asn: 65002 })
        .vnet('c', '10.3.0.0/16').gateway('c', { bgp: true, asn: 65003 })
        .v2v('a', 'b', { bgp: true })
        .v2v('b', 'c', { bgp: middleBgp })
        .build();
    const ok = reach(chain(true), 'a', 'c');
    expect(ok.status).toBe('reachable');
    expect(ok.reason).toBe('a → a-gw → b-gw → c-gw → c');
    const broken = reach(chain(false), 'a', 'c');
    expect(broken.status).toBe('unreachable');
    expect(broken.rule).toBe('bgp.transit');
  });
});

describe('P2S client routes (About Point-to-Site VPN routing, p2s.transit)', () => {
  test('GIVEN a P2S pool on the hub gateway WHEN clients ask for the hub and a transit spoke THEN reachable', () => {
    const t = hubAndSpokes({ p2s: true }).build();
    expect(reach(t, 'p2s', 'hub').status).toBe('reachable');
    const spoke = reach(t, 'p2s', 'spoke-a');
    expect(spoke.status).toBe('reachable');
    expect(spoke.reason).toBe('p2s → hub-gw → spoke-a');
  });

  test('GIVEN a VNet peered with the hub without gateway transit WHEN clients ask for it THEN unreachable, citing p2s.transit', () => {
    const t = hubAndSpokes({ p2s: true }).spoke('spoke-c', '10.3.0.0/16', 'hub', { useRemote: false }).build();
    const a = reach(t, 'p2s', 'spoke-c');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('p2s.transit');
  });

  test('GIVEN a VNet peered only with a spoke (two peerings away) WHEN clients ask for it THEN unreachable: not transitive', () => {
    const t = hubAndSpokes({ p2s: true }).vnet('far', '10.9.0.0/16').peer('spoke-a', 'far').build();
    expect(reach(t, 'p2s', 'far').status).toBe('unreachable');
  });

  test('GIVEN a static site WHEN clients ask for it THEN unreachable; GIVEN a BGP site THEN reachable with the Windows note', () => {
    const t = hubAndSpokes({ p2s: true })
      .site('paris', ['192.168.1.0/24'])
      .s2s('hub', 'paris')
      .site('london', [], { bgp: { asn: 65050, peer: '10.50.0.1' } })
      .s2s('hub', 'london', { bgp: true })
      .build();
    const toStatic = reach(t, 'p2s', 'paris');
    expect(toStatic.status).toBe('unreachable');
    expect(toStatic.rule).toBe('p2s.transit');
    const toBgp = reach(t, 'p2s', 'london');
    expect(toBgp.status).toBe('reachable');
    expect(toBgp.notes.join('\n')).toContain('Windows P2S clients');
  });

  test('GIVEN a VNet-to-VNet link WHEN clients ask for the far VNet THEN reachable only with BGP', () => {
    const net = (bgp: boolean) => hubAndSpokes({ p2s: true }).vnet('hub2', '10.100.0.0/16').gateway('hub2', { bgp: true, asn: 65020 }).v2v('hub', 'hub2', { bgp }).build();
    expect(reach(net(true), 'p2s', 'hub2').status).toBe('reachable');
    const noBgp = reach(net(false), 'p2s', 'hub2');
    expect(noBgp.status).toBe('unreachable');
    expect(noBgp.rule).toBe('p2s.transit');
  });
});

describe('policy-based traffic selectors narrow what a tunnel carries (conn.pbts)', () => {
  const pbtsHub = (o: { selectors?: boolean } = {}) =>
    hubAndSpokes()
      .site('legacy', ['192.168.5.0/24', '192.168.6.0/24'])
      .s2s('hub', 'legacy', {
        pbts: true,
        selectors: o.selectors ? [{ localAddressCidrs: list('10.0.1.0/24'), remoteAddressCidrs: list('192.168.5.0/24') }] : undefined,
      })
      .site('london', [], { bgp: { asn: 65050, peer: '10.50.0.1' } })
      .s2s('hub', 'london', { bgp: true });

  test('GIVEN a PBTS connection WHEN the hub asks for the site THEN reachable (hub prefixes × site prefixes)', () => {
    expect(reach(pbtsHub().build(), 'hub', 'legacy').status).toBe('reachable');
  });

  test('GIVEN a PBTS connection WHEN a transit spoke asks for the site THEN unreachable: its prefixes are outside the selectors', () => {
    const a = reach(pbtsHub().build(), 'spoke-a', 'legacy');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('conn.pbts');
    expect(a.reason).toContain('10.1.0.0/16');
  });

  test('GIVEN a PBTS connection WHEN a BGP site asks for the PBTS site THEN unreachable: PBTS connections never transit', () => {
    const a = reach(pbtsHub().build(), 'london', 'legacy');
    expect(a.status).toBe('unreachable');
    expect(a.rule).toBe('conn.pbts');
  });

  test('GIVEN traffic_selector_policy blocks WHEN an address inside the selectors is asked THEN reachable; outside THEN unreachable', () => {
    const t = pbtsHub({ selectors: true }).build();
    expect(reach(t, '10.0.1.4', '192.168.5.9').status).toBe('reachable');
    const outside = reach(t, '10.0.2.4', '192.168.5.9');
    expect(outside.status).toBe('unreachable');
    expect(outside.reason).toContain('outside the selectors');
    expect(reach(t, '10.0.1.4', '192.168.6.9').status).toBe('unreachable');
  });

  test('GIVEN traffic_selector_policy blocks WHEN the whole hub asks for the whole site THEN reachable with a note of what is carried', () => {
    const a = reach(pbtsHub({ selectors: true }).build(), 'hub', 'legacy');
    expect(a.status).toBe('reachable');
    expect(a.notes.join('\n')).toContain('narrows the tunnel to [10.0.1.0/24] ↔ [192.168.5.0/24]: only that part of hub ↔ legacy is carried');
  });
});

describe('a 0.0.0.0/0 from a site means forced tunnelling (bgp.default-route)', () => {
  const forced = (withDefault: boolean) =>
    hubAndSpokes()
      .site('dc', withDefault ? ['192.168.1.0/24', '0.0.0.0/0'] : ['192.168.1.0/24'])
      .s2s('hub', 'dc')
      .build();

  test('GIVEN a site listing 0.0.0.0/0 WHEN a spoke asks for an Internet address THEN it goes to the site, and explain says forced tunnelling', () => {
    const a = reach(forced(true), 'spoke-a', '8.8.8.8');
    expect(a.status).toBe('reachable');
    expect(a.to).toBe('dc (8.8.8.8)');
    expect(a.notes.join('\n')).toMatch(/forced tunnelling: site dc lists a default route/);
  });

  test('GIVEN the same site without 0.0.0.0/0 WHEN a spoke asks for an Internet address THEN no VPN route leads there, and no forced tunnelling note', () => {
    const a = reach(forced(false), 'spoke-a', '8.8.8.8');
    expect(a.status).toBe('unreachable');
    expect(a.notes.join('\n')).not.toContain('forced tunnelling');
  });
});

describe('forced tunnelling through a default site or a 0.0.0.0/0 user-defined route (issue 10, finding 8)', () => {
  test('GIVEN a gateway whose default site is dc WHEN a spoke asks for an Internet address THEN unknown, because user-defined routes decide it and are not modelled', () => {
    const t = new Net()
      .vnet('hub', '10.0.0.0/16')
      .gateway('hub', { bgp: false, defaultSite: 'dc' })
      .spoke('spoke-a', '10.1.0.0/16', 'hub')
      .site('dc', ['192.168.1.0/24'])
      .s2s('hub', 'dc')
      .build();
    const a = reach(t, 'spoke-a', '8.8.8.8');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('default_local_network_gateway_id');
    expect(a.reason).toContain('0.0.0.0/0');
  });

  test('GIVEN a route table sending 0.0.0.0/0 to VirtualNetworkGateway WHEN a spoke asks for an Internet address THEN unknown, naming the route table', () => {
    const t = new Net()
      .vnet('hub', '10.0.0.0/16')
      .gateway('hub', { bgp: false })
      .spoke('spoke-a', '10.1.0.0/16', 'hub')
      .site('dc', ['192.168.1.0/24'])
      .s2s('hub', 'dc')
      .put(routeTable('azurerm_route_table.force', { routes: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualNetworkGateway' }] }))
      .build();
    const a = reach(t, 'spoke-a', '8.8.8.8');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('azurerm_route_table.force');
  });
});

describe('unknown values give "unknown", never a guess', () => {
  test('GIVEN a spoke whose address space is a variable WHEN it asks for a site THEN unknown, naming the variable', () => {
    const t = new Net()
      .vnet('hub', '10.0.0.0/16')
      .gateway('hub')
      .spoke('spoke-a', { items: [], unknown: unknownValue('var.spoke_space is a variable') }, 'hub')
      .site('paris', ['192.168.1.0/24'])
      .s2s('hub', 'paris')
      .build();
    const a = reach(t, 'spoke-a', 'paris');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('var.spoke_space');
    // Peering doesn't route by prefix: the spoke still reaches its hub.
    expect(reach(t, 'spoke-a', 'hub').status).toBe('reachable');
  });

  test('GIVEN a peering whose remote VNet is a variable WHEN that VNet asks for the hub THEN unknown, not unreachable', () => {
    const known = hubAndSpokes().vnet('lost', '10.9.0.0/16');
    expect(reach(known.build(), 'lost', 'hub').status).toBe('unreachable');
    const n = hubAndSpokes()
      .vnet('lost', '10.9.0.0/16')
      .put(peering('azurerm_virtual_network_peering.lost_to_x', { virtualNetwork: 'azurerm_virtual_network.lost', remoteVirtualNetwork: unknownValue('var.remote_id is a variable', '${var.remote_id}'), useRemoteGateways: true }));
    const a = reach(n.build(), 'lost', 'hub');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('var.remote_id');
  });

  test('GIVEN two gateways with BGP tunnels to the same site WHEN their VNets ask for each other THEN unknown: only the on-premises device could forward', () => {
    const t = new Net()
      .vnet('a', '10.1.0.0/16').gateway('a', { bgp: true, asn: 65001 })
      .vnet('b', '10.2.0.0/16').gateway('b', { bgp: true, asn: 65002 })
      .site('dc', [], { bgp: { asn: 65050, peer: '10.50.0.1' } })
      .s2s('a', 'dc', { bgp: true })
      .s2s('b', 'dc', { bgp: true })
      .build();
    const a = reach(t, 'a', 'b');
    expect(a.status).toBe('unknown');
    expect(a.reason).toContain('on-premises site dc');
  });
});

describe('references outside the configuration', () => {
  test('GIVEN a site connected only to a gateway referenced by a literal Azure ID WHEN asked THEN unknown, naming the outside gateway; a site with no connection at all is unreachable', () => {
    const n = hubAndSpokes().site('paris', ['192.168.1.0/24']).s2s('hub', 'paris').site('lost', ['192.168.9.0/24']);
    const base = reach(n.build(), 'spoke-a', 'lost');
    expect(base.status).toBe('unreachable');
    expect(base.reason).toContain('no connection in the configuration reaches site lost');
    n.put({ kind: 'gateway', type: 'azurerm_virtual_network_gateway', address: 'external.gw', name: 'other-gw', external: true, dependsOn: [], gatewayType: undefined, vpnType: undefined, sku: undefined, generation: undefined, activeActive: undefined, bgpEnabled: undefined, privateIpAddressEnabled: undefined, ipConfigurations: [] } as never);
    n.s2s('hub', 'lost', { name: 'other_to_lost' });
    n.put({ ...(n.get('azurerm_virtual_network_gateway_connection.other_to_lost') as object), gateway: 'external.gw' } as never);
    const a = reach(n.build(), 'spoke-a', 'lost');
    expect(a.status).toBe('unknown');
    // As the adapter builds it: an external gateway is only in `entities`, reached through the connection.
    expect(a.reason).toContain('connection azurerm_virtual_network_gateway_connection.other_to_lost attaches lost to gateway external.gw, which is outside this configuration');
  });
});
