import { Entity } from '../../lib/model/topology';
import { natRules } from '../../lib/rules/nat';
import { p2sRules } from '../../lib/rules/p2s';
import { peeringRules } from '../../lib/rules/peering';
import { Severity } from '../../lib/rules/rule';
import {
  check,
  connection,
  gateway,
  gatewaySubnet,
  ids,
  list,
  minimalHub,
  natRule,
  peering,
  publicIp,
  routeTable,
  rule,
  subnet,
  unknown,
  vnet,
} from '../support/model';

const HUB = 'azurerm_virtual_network.hub';
const GW = 'azurerm_virtual_network_gateway.gw';

function run(id: string, t: ReturnType<typeof minimalHub>) {
  return check(t, rule(id));
}

/**
 * A spoke VNet `spoke<n>` (10.<n>.0.0/16) peered both ways with the hub; the spoke uses the
 * hub gateway and depends on it and on the hub side, as the constructs write it.
 */
function spoke(n: number, o: { space?: string; spokeSide?: Parameters<typeof peering>[1]; hubSide?: Parameters<typeof peering>[1] } = {}): Entity[] {
  const address = `azurerm_virtual_network.spoke${n}`;
  const hubSide = `azurerm_virtual_network_peering.hub_to_spoke${n}`;
  return [
    vnet(address, { addressSpace: list(o.space ?? `10.${n}.0.0/16`) }),
    peering(hubSide, { virtualNetwork: HUB, remoteVirtualNetwork: address, allowGatewayTransit: true, ...o.hubSide }),
    peering(`azurerm_virtual_network_peering.spoke${n}_to_hub`, {
      virtualNetwork: address,
      remoteVirtualNetwork: HUB,
      useRemoteGateways: true,
      dependsOn: [GW, hubSide],
      ...o.spokeSide,
    }),
  ];
}

function hubWithSpokes(...spokes: Entity[][]) {
  return minimalHub(spokes.flat());
}

describe('peering family', () => {
  test('GIVEN the minimal hub WHEN checked with the peering rules THEN nothing is reported', () => {
    expect(check(minimalHub(), ...peeringRules)).toEqual([]);
  });

  test('GIVEN a hub and two well-formed spokes WHEN checked with the peering rules THEN only the static-site advice is reported', () => {
    const f = check(hubWithSpokes(spoke(1), spoke(2)), ...peeringRules);
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['peer.onprem-prefixes', Severity.WARNING]]);
  });
});

describe('peer.no-overlap', () => {
  test('GIVEN a spoke overlapping the hub WHEN checked THEN both peerings get an error', () => {
    const f = run('peer.no-overlap', hubWithSpokes(spoke(1, { space: '10.0.128.0/17' })));
    expect(ids(f, Severity.ERROR)).toEqual(['peer.no-overlap', 'peer.no-overlap']);
    expect(new Set(f.map((x) => x.resource))).toEqual(new Set(['azurerm_virtual_network_peering.hub_to_spoke1', 'azurerm_virtual_network_peering.spoke1_to_hub']));
  });

  test('GIVEN two spokes of one hub that overlap each other WHEN checked THEN it is an error naming the already peered VNet', () => {
    const f = run('peer.no-overlap', hubWithSpokes(spoke(1), spoke(2, { space: '10.1.5.0/24' })));
    expect(ids(f, Severity.ERROR)).toEqual(['peer.no-overlap']);
    expect(f[0].message).toContain('azurerm_virtual_network.spoke1');
    expect(f[0].message).toContain('azurerm_virtual_network.spoke2');
    expect(rule('peer.no-overlap').azureError).toBe('VnetAddressSpaceOverlapsWithAlreadyPeeredVnet');
  });

  test('GIVEN disjoint spokes WHEN checked THEN it passes', () => {
    expect(run('peer.no-overlap', hubWithSpokes(spoke(1), spoke(2)))).toEqual([]);
  });

  test('GIVEN a spoke whose address space is unknown WHEN checked THEN it is an info skip', () => {
    const t = hubWithSpokes(spoke(1), [vnet('azurerm_virtual_network.spoke1', { addressSpace: { items: [], unknown: unknown() } })]);
    const f = run('peer.no-overlap', t);
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.severity === Severity.INFO)).toBe(true);
  });
});

describe('peer.use-remote-needs-gateway', () => {
  test('GIVEN a spoke using remote gateways of a VNet without a gateway WHEN checked THEN it is an error', () => {
    const t = hubWithSpokes(
      spoke(1),
      [vnet('azurerm_virtual_network.hub2', { addressSpace: list('10.50.0.0/16') })],
      [peering('azurerm_virtual_network_peering.spoke1_to_hub2', { virtualNetwork: 'azurerm_virtual_network.spoke1', remoteVirtualNetwork: 'azurerm_virtual_network.hub2', useRemoteGateways: true })],
    );
    const f = run('peer.use-remote-needs-gateway', t).filter((x) => x.resource.endsWith('spoke1_to_hub2'));
    expect(ids(f, Severity.ERROR)).toEqual(['peer.use-remote-needs-gateway']);
    expect(f[0].message).toContain('no VPN or ExpressRoute gateway');
  });

  test('GIVEN a hub side without allow_gateway_transit WHEN checked THEN it is an error', () => {
    const f = run('peer.use-remote-needs-gateway', hubWithSpokes(spoke(1, { hubSide: { allowGatewayTransit: false } })));
    expect(ids(f, Severity.ERROR)).toEqual(['peer.use-remote-needs-gateway']);
    expect(f[0].message).toContain('allow_gateway_transit');
  });

  test('GIVEN a spoke peering that does not depend on the hub gateway WHEN checked THEN it is an error with the depends_on fix', () => {
    const f = run('peer.use-remote-needs-gateway', hubWithSpokes(spoke(1, { spokeSide: { dependsOn: [] } })));
    expect(ids(f, Severity.ERROR)).toEqual(['peer.use-remote-needs-gateway']);
    expect(f[0].message).toContain(`depends_on = [${GW}, azurerm_virtual_network_peering.hub_to_spoke1]`);
    expect(rule('peer.use-remote-needs-gateway').azureError).toBe('RemoteVnetHasNoGateways');
  });

  test('GIVEN a spoke peering that depends on the gateway transitively but not on the hub side WHEN checked THEN it is a warning', () => {
    const t = hubWithSpokes(spoke(1, { spokeSide: { dependsOn: ['azurerm_virtual_network.spoke1'] } }), [
      vnet('azurerm_virtual_network.spoke1', { addressSpace: list('10.1.0.0/16'), dependsOn: [GW] }),
    ]);
    const f = run('peer.use-remote-needs-gateway', t);
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['peer.use-remote-needs-gateway', Severity.WARNING]]);
  });

  test('GIVEN a well-formed spoke WHEN checked THEN it passes', () => {
    expect(run('peer.use-remote-needs-gateway', hubWithSpokes(spoke(1)))).toEqual([]);
  });

  test('GIVEN a remote VNet that is not in the configuration WHEN checked THEN it is an info skip', () => {
    const t = minimalHub([
      vnet('azurerm_virtual_network.spoke1', { addressSpace: list('10.1.0.0/16') }),
      peering('azurerm_virtual_network_peering.spoke1_to_hub', { virtualNetwork: 'azurerm_virtual_network.spoke1', remoteVirtualNetwork: 'external.virtual_network.corp_hub', useRemoteGateways: true }),
    ]);
    expect(run('peer.use-remote-needs-gateway', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN a spoke peering whose own VNet is not declared (an existing VNet by name) WHEN checked THEN the reverse peering is an info skip, not an error', () => {
    const f = run('peer.use-remote-needs-gateway', hubWithSpokes(spoke(1, { spokeSide: { virtualNetwork: unknown('virtual_network_name "spoke1" names no VNet in this configuration', undefined) } })));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['peer.use-remote-needs-gateway', Severity.INFO]]);
  });

  test('GIVEN an unknown use_remote_gateways WHEN checked THEN it is an info skip', () => {
    const f = run('peer.use-remote-needs-gateway', hubWithSpokes(spoke(1, { spokeSide: { useRemoteGateways: unknown() } })));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('peer.use-remote-single', () => {
  test('GIVEN a VNet with two peerings that use remote gateways WHEN checked THEN both are errors', () => {
    const t = hubWithSpokes(spoke(1), [
      vnet('azurerm_virtual_network.hub2', { addressSpace: list('10.50.0.0/16') }),
      peering('azurerm_virtual_network_peering.spoke1_to_hub2', { virtualNetwork: 'azurerm_virtual_network.spoke1', remoteVirtualNetwork: 'azurerm_virtual_network.hub2', useRemoteGateways: true }),
    ]);
    expect(ids(run('peer.use-remote-single', t), Severity.ERROR)).toEqual(['peer.use-remote-single', 'peer.use-remote-single']);
  });

  test('GIVEN one peering per spoke that uses remote gateways WHEN checked THEN it passes', () => {
    expect(run('peer.use-remote-single', hubWithSpokes(spoke(1), spoke(2)))).toEqual([]);
  });
});

describe('peer.use-remote-no-local-gw', () => {
  test('GIVEN a spoke with its own gateway that uses remote gateways WHEN checked THEN it is an error', () => {
    const t = hubWithSpokes(spoke(1), [
      gatewaySubnet('azurerm_subnet.spoke1_gateway', { virtualNetwork: 'azurerm_virtual_network.spoke1', addressPrefixes: list('10.1.255.0/27') }),
      publicIp('azurerm_public_ip.spoke1_gw'),
      gateway('azurerm_virtual_network_gateway.spoke1', { ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.spoke1_gateway', publicIp: 'azurerm_public_ip.spoke1_gw', privateIpAddressAllocation: 'Dynamic' }] }),
    ]);
    const f = run('peer.use-remote-no-local-gw', t);
    expect(ids(f, Severity.ERROR)).toEqual(['peer.use-remote-no-local-gw']);
    expect(f[0].message).toContain('azurerm_virtual_network_gateway.spoke1');
  });

  test('GIVEN both allow_gateway_transit and use_remote_gateways on one peering WHEN checked THEN it is an error', () => {
    const f = run('peer.use-remote-no-local-gw', hubWithSpokes(spoke(1, { spokeSide: { allowGatewayTransit: true } })));
    expect(ids(f, Severity.ERROR)).toEqual(['peer.use-remote-no-local-gw']);
  });

  test('GIVEN a spoke without its own gateway WHEN checked THEN it passes', () => {
    expect(run('peer.use-remote-no-local-gw', hubWithSpokes(spoke(1)))).toEqual([]);
  });
});

describe('peer.both-sides', () => {
  test('GIVEN a hub-to-spoke peering without the spoke-to-hub peering WHEN checked THEN it is an error', () => {
    const t = minimalHub([vnet('azurerm_virtual_network.spoke1', { addressSpace: list('10.1.0.0/16') }), peering('azurerm_virtual_network_peering.hub_to_spoke1', { remoteVirtualNetwork: 'azurerm_virtual_network.spoke1' })]);
    const f = run('peer.both-sides', t);
    expect(ids(f, Severity.ERROR)).toEqual(['peer.both-sides']);
  });

  test('GIVEN a peering to a VNet outside the configuration WHEN checked THEN it is information', () => {
    const t = minimalHub([peering('azurerm_virtual_network_peering.hub_to_corp', { remoteVirtualNetwork: 'external.virtual_network.corp' })]);
    expect(run('peer.both-sides', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN peerings in both directions WHEN checked THEN it passes', () => {
    expect(run('peer.both-sides', hubWithSpokes(spoke(1)))).toEqual([]);
  });

  test('GIVEN a peering whose remote VNet is unknown WHEN checked THEN it is an info skip', () => {
    const t = minimalHub([peering('azurerm_virtual_network_peering.hub_to_x', { remoteVirtualNetwork: unknown() })]);
    expect(run('peer.both-sides', t).map((x) => [x.rule, x.severity])).toEqual([['peer.both-sides', Severity.INFO]]);
  });
});

describe('peer.onprem-prefixes', () => {
  test('GIVEN a static connection on a hub whose spokes use its gateway WHEN checked THEN it is a warning listing the spoke prefixes', () => {
    const f = run('peer.onprem-prefixes', hubWithSpokes(spoke(1)));
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['peer.onprem-prefixes', Severity.WARNING, 'azurerm_virtual_network_gateway_connection.site']]);
    expect(f[0].message).toContain('"10.1.0.0/16"');
  });

  test('GIVEN a BGP connection WHEN checked THEN it passes', () => {
    const t = hubWithSpokes(spoke(1), [connection('azurerm_virtual_network_gateway_connection.site', { bgpEnabled: true })]);
    expect(run('peer.onprem-prefixes', t)).toEqual([]);
  });

  test('GIVEN an unknown bgp_enabled WHEN checked THEN it is an info skip', () => {
    const t = hubWithSpokes(spoke(1), [connection('azurerm_virtual_network_gateway_connection.site', { bgpEnabled: unknown() })]);
    expect(run('peer.onprem-prefixes', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('peer.spoke-propagation', () => {
  function spokeWithTable(propagation: boolean | undefined) {
    return hubWithSpokes(spoke(1), [
      vnet('azurerm_virtual_network.spoke1', { addressSpace: list('10.1.0.0/16'), subnets: ['azurerm_subnet.spoke1_app'] }),
      subnet('azurerm_subnet.spoke1_app', { virtualNetwork: 'azurerm_virtual_network.spoke1', addressPrefixes: list('10.1.1.0/24'), routeTable: 'azurerm_route_table.spoke1' }),
      routeTable('azurerm_route_table.spoke1', { bgpRoutePropagationEnabled: propagation }),
    ]);
  }

  test('GIVEN a spoke subnet whose route table disables BGP propagation WHEN checked THEN it is a warning', () => {
    const f = run('peer.spoke-propagation', spokeWithTable(false));
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['peer.spoke-propagation', Severity.WARNING, 'azurerm_subnet.spoke1_app']]);
  });

  test('GIVEN propagation left at its default WHEN checked THEN it passes', () => {
    expect(run('peer.spoke-propagation', spokeWithTable(undefined))).toEqual([]);
  });
});

describe('peer.plus-v2v', () => {
  test('GIVEN two VNets both peered and VNet-to-VNet connected WHEN checked THEN it is a warning', () => {
    const t = hubWithSpokes(spoke(1, { spokeSide: { useRemoteGateways: false }, hubSide: { allowGatewayTransit: false } }), [
      gatewaySubnet('azurerm_subnet.spoke1_gateway', { virtualNetwork: 'azurerm_virtual_network.spoke1', addressPrefixes: list('10.1.255.0/27') }),
      publicIp('azurerm_public_ip.spoke1_gw'),
      gateway('azurerm_virtual_network_gateway.spoke1', { ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.spoke1_gateway', publicIp: 'azurerm_public_ip.spoke1_gw', privateIpAddressAllocation: 'Dynamic' }] }),
      connection('azurerm_virtual_network_gateway_connection.v2v', { connectionType: 'Vnet2Vnet', localGateway: undefined, peerGateway: 'azurerm_virtual_network_gateway.spoke1' }),
    ]);
    const f = run('peer.plus-v2v', t);
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['peer.plus-v2v', Severity.WARNING, 'azurerm_virtual_network_gateway_connection.v2v']]);
  });

  test('GIVEN a VNet-to-VNet connection between VNets that are not peered WHEN checked THEN it passes', () => {
    const t = minimalHub([
      vnet('azurerm_virtual_network.other', { addressSpace: list('10.9.0.0/16') }),
      gatewaySubnet('azurerm_subnet.other_gateway', { virtualNetwork: 'azurerm_virtual_network.other', addressPrefixes: list('10.9.255.0/27') }),
      publicIp('azurerm_public_ip.other_gw'),
      gateway('azurerm_virtual_network_gateway.other', { ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.other_gateway', publicIp: 'azurerm_public_ip.other_gw', privateIpAddressAllocation: 'Dynamic' }] }),
      connection('azurerm_virtual_network_gateway_connection.v2v', { connectionType: 'Vnet2Vnet', localGateway: undefined, peerGateway: 'azurerm_virtual_network_gateway.other' }),
    ]);
    expect(run('peer.plus-v2v', t)).toEqual([]);
  });
});

describe('scale', () => {
  test('GIVEN a P2S and NAT hub with 500 spokes WHEN checked with the P2S, NAT and peering rules THEN it finishes quickly with no error', () => {
    const spokes: Entity[][] = [];
    for (let n = 1; n <= 500; n++) spokes.push(spoke(n, { space: `10.${100 + Math.floor(n / 256)}.${n % 256}.0/24` }));
    const t = minimalHub([
      ...spokes.flat(),
      gateway(undefined, {
        sku: 'VpnGw2AZ',
        bgpEnabled: true,
        p2s: {
          addressSpace: list('172.16.201.0/24'),
          protocols: list('OpenVPN'),
          authTypes: list('AAD'),
          rootCertificates: [],
          revokedCertificates: 0,
          aadTenant: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/',
          aadAudience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
          aadIssuer: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/',
          radiusServerAddress: undefined,
          radiusServerSecret: undefined,
          radiusServers: [],
        },
      }),
      natRule('azurerm_virtual_network_gateway_nat_rule.egress', { internalMappings: [{ addressSpace: '10.0.0.0/16', portRange: undefined }], externalMappings: [{ addressSpace: '100.64.0.0/16', portRange: undefined }] }),
      connection('azurerm_virtual_network_gateway_connection.site', { bgpEnabled: true, egressNatRules: list('azurerm_virtual_network_gateway_nat_rule.egress'), dependsOn: ['azurerm_virtual_network_gateway_nat_rule.egress'] }),
    ]);
    const started = Date.now();
    const f = check(t, ...p2sRules, ...natRules, ...peeringRules);
    const elapsed = Date.now() - started;
    expect(f.filter((x) => x.severity === Severity.ERROR)).toEqual([]);
    expect(elapsed).toBeLessThan(1500);
  });
});
