import { ReachQueryError, TopologyReach } from '../../lib/reach';
import { subnet, list } from '../support/model';
import { Net } from './fixtures';

function topology() {
  const n = new Net()
    .vnet('hub', '10.0.0.0/16')
    .gateway('hub', { bgp: true, asn: 65010, p2s: '172.16.0.0/24' })
    .spoke('spoke-a', '10.1.0.0/16', 'hub')
    .site('paris', ['192.168.1.0/24'])
    .s2s('hub', 'paris')
    .put(subnet('azurerm_subnet.app', { name: 'app', virtualNetwork: 'azurerm_virtual_network.spoke_a', addressPrefixes: list('10.1.4.0/24') }));
  const hub = n.get('azurerm_virtual_network.hub')!;
  n.put({ ...hub, path: 'stack/network/Hub/VirtualNetwork' });
  return new TopologyReach(n.build());
}

const label = (r: ReturnType<TopologyReach['resolve']>) => (r.kind === 'endpoint' ? `${r.endpoint.label}${r.prefix ? ` ${r.prefix.text}` : ''}` : `${r.status}: ${r.reason}`);

describe('endpoint names', () => {
  const t = topology();

  test.each([
    ['spoke-a', 'spoke-a'],
    ['azurerm_virtual_network.spoke_a', 'spoke-a'],
    ['spoke_a', 'spoke-a'],
    ['vnet:spoke-a', 'spoke-a'],
    ['paris', 'paris'],
    ['azurerm_local_network_gateway.paris', 'paris'],
    ['azurerm_virtual_network_gateway_connection.hub_to_paris', 'paris'],
    ['azurerm_virtual_network_gateway.hub_gw', 'hub'],
    ['stack/network/Hub/VirtualNetwork', 'hub'],
    ['Hub', 'hub'],
    ['p2s', 'p2s'],
    ['azurerm_subnet.app', 'spoke-a 10.1.4.0/24'],
    ['10.1.4.7', 'spoke-a 10.1.4.7'],
    ['192.168.1.0/25', 'paris 192.168.1.0/25'],
    ['172.16.0.9', 'p2s 172.16.0.9'],
  ])('GIVEN the name %s WHEN resolved THEN it is %s', (query, expected) => {
    expect(label(t.resolve(query))).toBe(expected);
  });

  test('GIVEN a name that matches nothing WHEN resolved THEN a ReachQueryError lists the known endpoints', () => {
    expect(() => t.resolve('madrid')).toThrow(ReachQueryError);
    expect(() => t.resolve('madrid')).toThrow(/known endpoints: hub, spoke-a, p2s, paris/);
  });

  test('GIVEN a prefix spanning two VNets WHEN resolved THEN it is refused, naming them', () => {
    expect(() => t.resolve('10.0.0.0/8')).toThrow(/spans several networks/);
  });

  test('GIVEN an address no network owns and no BGP site WHEN resolved THEN it is unreachable; WITH a BGP site THEN unknown', () => {
    expect(label(t.resolve('8.8.8.8'))).toMatch(/^unreachable: 8.8.8.8 is in no address space/);
    const withBgp = new TopologyReach(
      new Net().vnet('hub', '10.0.0.0/16').gateway('hub', { bgp: true }).site('dc', [], { bgp: { asn: 65050, peer: '10.50.0.1' } }).s2s('hub', 'dc', { bgp: true }).build(),
    );
    expect(label(withBgp.resolve('8.8.8.8'))).toMatch(/^unknown: .*BGP site\(s\) dc may advertise it/);
  });

  test('GIVEN two VNets with the same Azure name WHEN one is asked for by that name THEN the answer is ambiguous and both are named by address', () => {
    const n = new Net().vnet('a', '10.1.0.0/16').vnet('b', '10.2.0.0/16');
    n.put({ ...n.get('azurerm_virtual_network.b')!, name: 'a' });
    const r = new TopologyReach(n.build());
    expect(r.network.endpoints.map((e) => e.label)).toEqual(['azurerm_virtual_network.a', 'azurerm_virtual_network.b']);
    expect(() => r.resolve('a')).toThrow(/"a" is ambiguous/);
  });
});

describe('construct ids of the topology constructs', () => {
  test('GIVEN resources under Spoke-app and Site-paris constructs WHEN asked for app and paris THEN the keys name them', () => {
    const n = new Net().vnet('hub', '10.0.0.0/16').gateway('hub').spoke('vnet-app', '10.1.0.0/16', 'hub').site('lng-paris', ['192.168.1.0/24']).s2s('hub', 'lng-paris');
    n.put({ ...n.get('azurerm_virtual_network.vnet_app')!, path: 'enterprise/Hub/Spoke-app/VirtualNetwork' });
    n.put({ ...n.get('azurerm_local_network_gateway.lng_paris')!, path: 'enterprise/Hub/Site-paris/LocalNetworkGateway/Resource' });
    const r = new TopologyReach(n.build());
    expect(label(r.resolve('app'))).toBe('vnet-app');
    expect(label(r.resolve('Spoke-app'))).toBe('vnet-app');
    expect(r.reach('app', 'paris').status).toBe('reachable');
  });
});
