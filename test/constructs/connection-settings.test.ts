import { Testing } from 'cdktf';
import { ConnectionMode, ConnectionProtocol } from '../../lib/constructs/site-to-site-connection';
import { MultiSiteVpn } from '../../lib/constructs/multi-site-vpn';
import { VNetToVNet } from '../../lib/constructs/vnet-to-vnet';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnSite } from '../../lib/constructs/vpn-site';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';

const westProps: VpnGatewayProps = { name: 'west-gw', resourceGroupName: 'rg-west', location: 'westeurope', addressSpace: ['10.0.0.0/16'], bgpAsn: 65010 };
const northProps: VpnGatewayProps = { name: 'north-gw', resourceGroupName: 'rg-north', location: 'northeurope', addressSpace: ['10.100.0.0/16'], bgpAsn: 65020 };

function connectionsByName(synthesized: any): Record<string, any> {
  const byName: Record<string, any> = {};
  for (const c of Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway_connection'))) byName[c.name] = c;
  return byName;
}

describe('VNetToVNet: connection mode per half, routing weight, ExpressRoute gateway bypass', () => {
  function link(options: { left?: ConnectionMode; right?: ConnectionMode; routingWeight?: number; bypass?: boolean; dpd?: number }) {
    const stack = testStack();
    const west = new VpnGateway(stack, 'West', westProps);
    const north = new VpnGateway(stack, 'North', northProps);
    new VNetToVNet(stack, 'Link', {
      left: west,
      right: north,
      leftConnectionMode: options.left,
      rightConnectionMode: options.right,
      routingWeight: options.routingWeight,
      expressRouteGatewayBypass: options.bypass,
      dpdTimeoutSeconds: options.dpd,
    });
    return stack;
  }

  test('GIVEN one half initiating and the other responding WHEN synthesized with validations THEN each half carries its own connection_mode', () => {
    const stack = link({ left: ConnectionMode.INITIATOR_ONLY, right: ConnectionMode.RESPONDER_ONLY, bypass: true });
    const connections = connectionsByName(synthValidated(stack));
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'conn.mode')).toEqual([]);
    expect(connections['west-gw-to-north-gw']).toMatchObject({ connection_mode: 'InitiatorOnly', express_route_gateway_bypass: true });
    expect(connections['north-gw-to-west-gw']).toMatchObject({ connection_mode: 'ResponderOnly', express_route_gateway_bypass: true });
  });

  test('GIVEN no settings WHEN synthesized THEN connection_mode, routing_weight and express_route_gateway_bypass are left to Azure', () => {
    const connections = Object.values<any>(connectionsByName(synthValidated(link({}))));
    for (const c of connections) {
      expect(c.connection_mode).toBeUndefined();
      expect(c.routing_weight).toBeUndefined();
      expect(c.express_route_gateway_bypass).toBeUndefined();
    }
  });

  test('GIVEN both halves ResponderOnly WHEN checked THEN conn.mode warns once that neither gateway starts IKE', () => {
    const findings = VpnValidation.check(link({ left: ConnectionMode.RESPONDER_ONLY, right: ConnectionMode.RESPONDER_ONLY })).filter((f) => f.rule === 'conn.mode');
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0].message).toMatch(/neither gateway starts IKE/);
  });

  test('GIVEN a routing weight WHEN synthesized THEN both halves carry it and conn.routing-weight warns on each', () => {
    const stack = link({ routingWeight: 20 });
    const connections = Object.values<any>(connectionsByName(synthValidated(stack)));
    expect(connections.map((c) => c.routing_weight)).toEqual([20, 20]);
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'conn.routing-weight').map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  test('GIVEN a DPD timeout outside 9-3600 WHEN synthesized with validations THEN it fails with conn.dpd', () => {
    expect(() => Testing.synth(link({ dpd: 5 }), true)).toThrow(/conn\.dpd/);
  });
});

describe('VpnSite and MultiSiteVpn pass the connection settings through', () => {
  test('GIVEN dpd, mode, weight and bypass on a MultiSiteVpn site and a VpnSite WHEN synthesized THEN each connection carries them', () => {
    const stack = testStack();
    const hub = new MultiSiteVpn(stack, 'Hub', {
      ...westProps,
      sites: { paris: { gatewayAddress: '203.0.113.10', addressSpace: ['192.168.10.0/24'], dpdTimeoutSeconds: 30, connectionMode: ConnectionMode.RESPONDER_ONLY, routingWeight: 5, expressRouteGatewayBypass: true } },
    });
    new VpnSite(stack, 'Lyon', { gateway: hub, gatewayAddress: '203.0.113.20', addressSpace: ['192.168.20.0/24'], dpdTimeoutSeconds: 40, connectionMode: ConnectionMode.INITIATOR_ONLY });
    const connections = connectionsByName(synthValidated(stack));
    expect(connections['west-gw-to-paris']).toMatchObject({ dpd_timeout_seconds: 30, connection_mode: 'ResponderOnly', routing_weight: 5, express_route_gateway_bypass: true });
    expect(connections['west-gw-to-Lyon']).toMatchObject({ dpd_timeout_seconds: 40, connection_mode: 'InitiatorOnly' });
  });

  test('GIVEN connectionMode on an IKEv1 site WHEN checked THEN conn.mode warns that it has no effect', () => {
    const stack = testStack();
    const hub = new MultiSiteVpn(stack, 'Hub', westProps);
    hub.addSite('paris', { gatewayAddress: '203.0.113.10', addressSpace: ['192.168.10.0/24'], connectionMode: ConnectionMode.INITIATOR_ONLY, connectionProtocol: ConnectionProtocol.IKEV1 });
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'conn.mode').map((f) => f.severity)).toEqual(['warning']);
  });
});
