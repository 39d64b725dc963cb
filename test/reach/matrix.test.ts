import { TopologyReach } from '../../lib/reach';
import { Topology } from '../../lib/model/topology';
import { Net, unknownValue } from './fixtures';

/** Topologies that exercise every kind of path, for the matrix-versus-decide comparison. */
function samples(): Array<[string, Topology]> {
  const enterprise = new Net()
    .vnet('hub', '10.0.0.0/16')
    .gateway('hub', { bgp: true, asn: 65010, p2s: '172.16.0.0/24' })
    .spoke('spoke-a', '10.1.0.0/16', 'hub')
    .spoke('spoke-b', '10.2.0.0/16', 'hub')
    .spoke('spoke-c', '10.3.0.0/16', 'hub', { useRemote: false })
    .spoke('spoke-d', { items: [], unknown: unknownValue() }, 'hub')
    .site('paris', [], { bgp: { asn: 65051, peer: '10.51.0.1' } })
    .site('berlin', ['192.168.2.0/24'])
    .site('legacy', ['192.168.5.0/24'])
    .s2s('hub', 'paris', { bgp: true })
    .s2s('hub', 'berlin')
    .s2s('hub', 'legacy', { pbts: true })
    .vnet('hub2', '10.100.0.0/16')
    .gateway('hub2', { bgp: true, asn: 65020 })
    .spoke('spoke-z', '10.101.0.0/16', 'hub2')
    .v2v('hub', 'hub2', { bgp: true })
    .vnet('hub3', '10.200.0.0/16')
    .gateway('hub3', { bgp: true, asn: 65030 })
    .v2v('hub2', 'hub3', { bgp: false })
    .vnet('lonely', '10.250.0.0/16')
    .build();
  const onprem = new Net()
    .vnet('a', '10.1.0.0/16').gateway('a', { bgp: true, asn: 65001, p2s: '172.16.1.0/24' })
    .vnet('b', '10.2.0.0/16').gateway('b', { bgp: true, asn: 65002, p2s: '172.16.2.0/24' })
    .site('dc', [], { bgp: { asn: 65050, peer: '10.50.0.1' } })
    .s2s('a', 'dc', { bgp: true })
    .s2s('b', 'dc', { bgp: unknownValue('var.bgp is a variable', '${var.bgp}') })
    .build();
  return [['enterprise', enterprise], ['two gateways joined through a site', onprem]];
}

describe('the matrix comes from shared closures and agrees with every single answer', () => {
  test.each(samples())('GIVEN the %s topology WHEN the matrix is built THEN every cell equals the per-pair decision', (_name, t) => {
    const reach = new TopologyReach(t);
    const m = reach.matrix();
    let compared = 0;
    for (const x of m.endpoints) {
      for (const y of m.endpoints) {
        expect(`${x.label} → ${y.label}: ${m.status(x, y)}`).toBe(`${x.label} → ${y.label}: ${reach.engine.decide(x, y).status}`);
        compared++;
      }
    }
    expect(compared).toBe(m.endpoints.length ** 2);
  });

  test('GIVEN a 120-spoke hub with three sites WHEN the matrix is built THEN it decides far fewer pairs than n², and spokes still reach the sites but not each other', () => {
    const n = new Net().vnet('hub', '10.0.0.0/16').gateway('hub', { bgp: true, asn: 65010 });
    for (let i = 0; i < 120; i++) n.spoke(`spoke-${i}`, `10.${1 + Math.floor(i / 200)}.${i % 200}.0/24`, 'hub');
    for (const s of ['paris', 'london', 'madrid']) n.site(s, [], { bgp: { asn: 65100 + s.length, peer: `172.31.${s.length}.1` } }).s2s('hub', s, { bgp: true });
    const reach = new TopologyReach(n.build());
    const decide = jest.spyOn(reach.engine, 'decide');
    const m = reach.matrix();
    const endpoints = m.endpoints.length;
    expect(endpoints).toBe(124);
    // Each spoke is asked about the hub and the sites only; the hub and the sites about everyone.
    expect(decide.mock.calls.length).toBeLessThan(endpoints * 10);
    expect(decide.mock.calls.length).toBeLessThan((endpoints * endpoints) / 10);
    const spoke = m.endpoints.find((e) => e.label === 'spoke-7')!;
    expect(m.reachableFrom(spoke).map((e) => e.label)).toEqual(['hub', 'london', 'madrid', 'paris']);
    expect(m.status(spoke, m.endpoints.find((e) => e.label === 'spoke-8')!)).toBe('unreachable');
  });
});
