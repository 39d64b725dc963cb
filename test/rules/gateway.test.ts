import { Entity } from '../../lib/model/topology';
import { gatewayLeftOut, gatewayRules } from '../../lib/rules/gateway';
import { Severity } from '../../lib/rules/rule';
import {
  check,
  connection,
  gateway,
  gatewaySubnet,
  list,
  localGateway,
  minimalHub,
  nsg,
  publicIp,
  routeTable,
  topology,
  unknown,
  vnet,
} from '../support/model';

const GW = 'azurerm_virtual_network_gateway.gw';
const SUBNET = 'azurerm_subnet.gateway';

/** A gateway and subnet that break most rules of the family at once. */
function everythingWrong(o: Parameters<typeof gateway>[1]): Entity[] {
  return [
    gateway(GW, {
      sku: 'Standard',
      generation: 'Generation2',
      activeActive: true,
      vpnType: 'PolicyBased',
      ipConfigurations: [{ name: undefined, subnet: SUBNET, publicIp: 'azurerm_public_ip.gw1', privateIpAddressAllocation: 'Static' }],
      ...o,
    }),
    gatewaySubnet(SUBNET, { name: 'gw', addressPrefixes: list('10.0.255.0/30'), networkSecurityGroup: 'azurerm_network_security_group.x', routeTable: 'azurerm_route_table.x', occupants: ['azurerm_network_interface.vm'] }),
    nsg('azurerm_network_security_group.x'),
    routeTable('azurerm_route_table.x', { bgpRoutePropagationEnabled: false, routes: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance' }] }),
    publicIp('azurerm_public_ip.gw1', { sku: 'Basic', allocationMethod: 'Dynamic', zones: list('1'), ipVersion: 'IPv6', location: 'northeurope' }),
  ];
}

describe('the gateway family', () => {
  test('GIVEN the minimal hub WHEN every gateway rule runs THEN there is no error and no warning', () => {
    const findings = check(minimalHub(), ...gatewayRules);
    expect(findings.filter((f) => f.severity !== Severity.INFO)).toEqual([]);
  });

  test('GIVEN a gateway that breaks many rules WHEN checked THEN each broken rule reports an error', () => {
    const findings = check(minimalHub(everythingWrong({})), ...gatewayRules);
    const errors = new Set(findings.filter((f) => f.severity === Severity.ERROR).map((f) => f.rule));
    for (const id of ['gw.subnet.name', 'gw.subnet.size', 'gw.subnet.no-nsg', 'gw.subnet.no-default-udr', 'gw.subnet.bgp-propagation', 'gw.subnet.dedicated', 'gw.policybased.limits', 'gw.sku.legacy-create', 'gw.sku.generation', 'gw.pip.standard', 'gw.pip.ipv4', 'gw.pip.location', 'gw.ipconfig.private-alloc', 'gw.ipconfig.count', 'gw.aa.sku']) {
      expect(errors).toContain(id);
    }
  });

  test('GIVEN the same broken gateway with type ExpressRoute WHEN checked THEN no VPN rule reports on it', () => {
    const findings = check(minimalHub(everythingWrong({ gatewayType: 'ExpressRoute' })), ...gatewayRules);
    expect(findings).toEqual([]);
  });

  test('GIVEN the same broken gateway with an unknown type WHEN checked THEN every finding is an info skip about the type', () => {
    const findings = check(minimalHub(everythingWrong({ gatewayType: unknown('var.type is a variable', '${var.type}') })), ...gatewayRules);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.severity).toBe(Severity.INFO);
      expect(f.message).toContain('skipped: type');
    }
  });

  test('GIVEN the rules WHEN listed THEN ids are unique, sources are https and left-out ids are not implemented', () => {
    const ids = gatewayRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of gatewayRules) {
      expect(r.source).toMatch(/^https:\/\//);
      expect(r.summary.length).toBeGreaterThan(20);
    }
    for (const left of gatewayLeftOut) {
      expect(ids).not.toContain(left.id);
      expect(left.reason.length).toBeGreaterThan(20);
    }
  });

  test('GIVEN no finding message WHEN reported THEN it holds one line', () => {
    const findings = check(minimalHub(everythingWrong({})), ...gatewayRules);
    for (const f of findings) expect(f.message).not.toMatch(/\n/);
  });

  test('GIVEN 2,000 hubs (16,000 resources, one active-active gateway each) WHEN checked THEN no error is reported', () => {
    const entities: Entity[] = [];
    for (let i = 0; i < 2000; i++) {
      const v = `azurerm_virtual_network.hub${i}`;
      const s = `azurerm_subnet.gateway${i}`;
      const rt = `azurerm_route_table.rt${i}`;
      entities.push(
        vnet(v, { subnets: [s] }),
        gatewaySubnet(s, { virtualNetwork: v, routeTable: rt }),
        routeTable(rt, { routes: [{ name: 'spoke', addressPrefix: `10.${i % 250}.0.0/16`, nextHopType: 'VirtualAppliance' }] }),
        publicIp(`azurerm_public_ip.a${i}`),
        publicIp(`azurerm_public_ip.b${i}`),
        gateway(`azurerm_virtual_network_gateway.gw${i}`, { activeActive: true, ipConfigurations: [
          { name: 'a', subnet: s, publicIp: `azurerm_public_ip.a${i}`, privateIpAddressAllocation: 'Dynamic' },
          { name: 'b', subnet: s, publicIp: `azurerm_public_ip.b${i}`, privateIpAddressAllocation: 'Dynamic' },
        ] }),
        localGateway(`azurerm_local_network_gateway.site${i}`),
        connection(`azurerm_virtual_network_gateway_connection.site${i}`, { gateway: `azurerm_virtual_network_gateway.gw${i}`, localGateway: `azurerm_local_network_gateway.site${i}` }),
      );
    }
    const t = topology(...entities);
    // Timing is bench/'s; here the rules must simply run through a large valid topology without an error.
    const findings = check(t, ...gatewayRules);
    expect(findings.filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });
});
