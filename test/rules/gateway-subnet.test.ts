import { Severity } from '../../lib/rules/rule';
import { gateway, gatewaySubnet, list, minimalHub, nsg, publicIp, routeTable, subnet, unknown, vnet } from '../support/model';
import { rule } from '../support/model';
import { expectSkipOnly, only, run } from './gateway-helpers';

const GW = 'azurerm_virtual_network_gateway.gw';
const SUBNET = 'azurerm_subnet.gateway';

describe('gw.subnet.name', () => {
  test('GIVEN a gateway in a subnet named "gateway" WHEN checked THEN an error names the subnet', () => {
    const f = only(run('gw.subnet.name', minimalHub([gatewaySubnet(SUBNET, { name: 'gateway' })])), Severity.ERROR);
    expect(f.rule).toBe('gw.subnet.name');
    expect(f.resource).toBe(GW);
    expect(f.message).toContain('"gateway"');
    expect(f.message).toContain('"GatewaySubnet"');
  });

  test('GIVEN the subnet is named "gatewaysubnet" WHEN checked THEN only a warning about the spelling', () => {
    const f = only(run('gw.subnet.name', minimalHub([gatewaySubnet(SUBNET, { name: 'gatewaysubnet' })])), Severity.WARNING);
    expect(f.rule).toBe('gw.subnet.name');
  });

  test('GIVEN the minimal hub WHEN checked THEN nothing is reported', () => {
    expect(run('gw.subnet.name', minimalHub())).toEqual([]);
  });

  test('GIVEN the subnet name is unknown WHEN checked THEN the rule is skipped with info', () => {
    expectSkipOnly(run('gw.subnet.name', minimalHub([gatewaySubnet(SUBNET, { name: unknown() })])));
  });

  test('GIVEN an ExpressRoute gateway in a wrongly named subnet WHEN checked THEN nothing is reported', () => {
    const er = gateway(GW, { gatewayType: 'ExpressRoute', sku: 'ErGw1AZ' });
    expect(run('gw.subnet.name', minimalHub([er, gatewaySubnet(SUBNET, { name: 'other' })]))).toEqual([]);
  });

  test('GIVEN a gateway whose type is unknown in a wrongly named subnet WHEN checked THEN it is an info skip, not an error', () => {
    const g = gateway(GW, { gatewayType: unknown('var.type is a variable', '${var.type}') });
    const findings = run('gw.subnet.name', minimalHub([g, gatewaySubnet(SUBNET, { name: 'other' })]));
    expectSkipOnly(findings);
    expect(findings[0].message).toContain('type');
  });

  test('GIVEN two ip configurations in different subnets WHEN checked THEN an error', () => {
    const g = gateway(GW, {
      activeActive: true,
      ipConfigurations: [
        { name: 'a', subnet: SUBNET, publicIp: 'azurerm_public_ip.gw1', privateIpAddressAllocation: 'Dynamic' },
        { name: 'b', subnet: 'azurerm_subnet.gateway2', publicIp: 'azurerm_public_ip.gw2', privateIpAddressAllocation: 'Dynamic' },
      ],
    });
    const t = minimalHub([g, gatewaySubnet('azurerm_subnet.gateway2', { virtualNetwork: 'azurerm_virtual_network.other' }), publicIp('azurerm_public_ip.gw2')]);
    const f = only(run('gw.subnet.name', t), Severity.ERROR);
    expect(f.message).toContain('different subnets');
  });
});

describe('gw.subnet.size', () => {
  test.each([
    ['VpnGw1AZ', '10.0.255.0/28', Severity.ERROR],
    ['VpnGw2AZ', '10.0.255.0/29', Severity.ERROR],
    ['Basic', '10.0.255.0/28', Severity.WARNING],
    ['Basic', '10.0.255.0/29', Severity.WARNING],
    ['Basic', '10.0.255.0/30', Severity.ERROR],
    ['VpnGw1AZ', '10.0.255.0/30', Severity.ERROR],
  ])('GIVEN sku %s and GatewaySubnet %s WHEN checked THEN %s', (sku, prefix, severity) => {
    const findings = run('gw.subnet.size', minimalHub([gateway(GW, { sku }), gatewaySubnet(SUBNET, { addressPrefixes: list(prefix) })]));
    const f = only(findings, severity);
    expect(f.rule).toBe('gw.subnet.size');
    expect(f.resource).toBe(SUBNET);
    expect(f.message).toContain(prefix);
  });

  test.each(['10.0.255.0/27', '10.0.255.0/26', '10.0.0.0/24'])('GIVEN a VpnGw1AZ and GatewaySubnet %s WHEN checked THEN nothing', (prefix) => {
    expect(run('gw.subnet.size', minimalHub([gatewaySubnet(SUBNET, { addressPrefixes: list(prefix) })]))).toEqual([]);
  });

  test('GIVEN a GatewaySubnet prefix that is not a CIDR WHEN checked THEN an error', () => {
    const f = only(run('gw.subnet.size', minimalHub([gatewaySubnet(SUBNET, { addressPrefixes: list('10.0.255.0/33') })])), Severity.ERROR);
    expect(f.message).toContain('not a valid CIDR');
  });

  test('GIVEN a /28 GatewaySubnet and an unknown sku WHEN checked THEN the rule is skipped with info', () => {
    const findings = run('gw.subnet.size', minimalHub([gateway(GW, { sku: unknown() }), gatewaySubnet(SUBNET, { addressPrefixes: list('10.0.255.0/28') })]));
    expectSkipOnly(findings);
  });

  test('GIVEN unknown address_prefixes WHEN checked THEN the rule is skipped with info', () => {
    const findings = run('gw.subnet.size', minimalHub([gatewaySubnet(SUBNET, { addressPrefixes: { items: [], unknown: unknown() } })]));
    expectSkipOnly(findings);
  });

  test('GIVEN a /28 subnet named GatewaySubnet with no gateway in the configuration WHEN checked THEN a warning', () => {
    const t = minimalHub([gateway(GW, { ipConfigurations: unknown() }), gatewaySubnet(SUBNET, { addressPrefixes: list('10.0.255.0/28') })]);
    const f = only(run('gw.subnet.size', t), Severity.WARNING);
    expect(f.message).toContain('/27');
  });
});

describe('gw.subnet.no-nsg', () => {
  test('GIVEN an NSG on the GatewaySubnet WHEN checked THEN an error with the Azure error code in the rule', () => {
    const findings = run('gw.subnet.no-nsg', minimalHub([gatewaySubnet(SUBNET, { networkSecurityGroup: 'azurerm_network_security_group.x' }), nsg('azurerm_network_security_group.x')]));
    const f = only(findings, Severity.ERROR);
    expect(f.resource).toBe(SUBNET);
    expect(f.message).toContain('azurerm_network_security_group.x');
    expect(rule('gw.subnet.no-nsg').azureError).toBe('NetworkSecurityGroupCannotBeAttachedToGatewaySubnet');
  });

  test('GIVEN an NSG on an ordinary subnet WHEN checked THEN nothing', () => {
    const t = minimalHub([subnet('azurerm_subnet.app', { networkSecurityGroup: 'azurerm_network_security_group.x' }), nsg('azurerm_network_security_group.x')]);
    expect(run('gw.subnet.no-nsg', t)).toEqual([]);
  });

  test('GIVEN an unknown NSG association WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.subnet.no-nsg', minimalHub([gatewaySubnet(SUBNET, { networkSecurityGroup: unknown() })])));
  });
});

describe('route table rules on the GatewaySubnet', () => {
  const RT = 'azurerm_route_table.gw';
  const withTable = (o: Parameters<typeof routeTable>[1]) => minimalHub([gatewaySubnet(SUBNET, { routeTable: RT }), routeTable(RT, o)]);

  test('GIVEN a 0.0.0.0/0 route WHEN checked THEN gw.subnet.no-default-udr errors and udr-overlap stays silent', () => {
    const t = withTable({ routes: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance' }] });
    const f = only(run('gw.subnet.no-default-udr', t), Severity.ERROR);
    expect(f.message).toContain('"default"');
    expect(run('gw.subnet.udr-overlap', t)).toEqual([]);
  });

  test('GIVEN only a spoke route WHEN checked THEN no route rule reports', () => {
    const t = withTable({ routes: [{ name: 'spoke', addressPrefix: '10.1.0.0/16', nextHopType: 'VirtualAppliance' }] });
    expect(run('gw.subnet.no-default-udr', t)).toEqual([]);
    expect(run('gw.subnet.udr-overlap', t)).toEqual([]);
    expect(run('gw.subnet.bgp-propagation', t)).toEqual([]);
  });

  test('GIVEN a route with an unknown prefix WHEN checked THEN no-default-udr is skipped with info', () => {
    const t = withTable({ routes: [{ name: 'x', addressPrefix: unknown(), nextHopType: 'VirtualAppliance' }] });
    expectSkipOnly(run('gw.subnet.no-default-udr', t));
  });

  test('GIVEN bgp_route_propagation_enabled = false WHEN checked THEN an error', () => {
    const f = only(run('gw.subnet.bgp-propagation', withTable({ bgpRoutePropagationEnabled: false })), Severity.ERROR);
    expect(f.message).toContain('bgp_route_propagation_enabled');
  });

  test('GIVEN unknown bgp_route_propagation_enabled WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.subnet.bgp-propagation', withTable({ bgpRoutePropagationEnabled: unknown() })));
  });

  test('GIVEN a route for the hub VNet range that covers the GatewaySubnet WHEN checked THEN a udr-overlap warning', () => {
    const t = withTable({ routes: [{ name: 'hub', addressPrefix: '10.0.0.0/16', nextHopType: 'VirtualAppliance' }] });
    const f = only(run('gw.subnet.udr-overlap', t), Severity.WARNING);
    expect(f.message).toContain('10.0.0.0/16');
    expect(f.message).toContain('10.0.255.0/27');
  });

  test('GIVEN an unknown route table association WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.subnet.bgp-propagation', minimalHub([gatewaySubnet(SUBNET, { routeTable: unknown() })])));
  });
});

describe('gw.subnet.dedicated', () => {
  test('GIVEN a NIC in the GatewaySubnet WHEN checked THEN an error names it', () => {
    const f = only(run('gw.subnet.dedicated', minimalHub([gatewaySubnet(SUBNET, { occupants: ['azurerm_network_interface.vm'] })])), Severity.ERROR);
    expect(f.message).toContain('azurerm_network_interface.vm');
  });

  test('GIVEN a delegated GatewaySubnet WHEN checked THEN an error', () => {
    const f = only(run('gw.subnet.dedicated', minimalHub([gatewaySubnet(SUBNET, { delegated: true })])), Severity.ERROR);
    expect(f.message).toContain('delegation');
  });

  test('GIVEN the minimal hub WHEN checked THEN nothing', () => {
    expect(run('gw.subnet.dedicated', minimalHub())).toEqual([]);
  });
});

describe('gw.subnet.ipv6', () => {
  test('GIVEN a /80 IPv6 range on the GatewaySubnet WHEN checked THEN a warning', () => {
    const f = only(run('gw.subnet.ipv6', minimalHub([gatewaySubnet(SUBNET, { addressPrefixes: list('10.0.255.0/27', 'fd00:1::/80') })])), Severity.WARNING);
    expect(f.message).toContain('fd00:1::/80');
  });

  test('GIVEN a /64 IPv6 range WHEN checked THEN nothing', () => {
    expect(run('gw.subnet.ipv6', minimalHub([gatewaySubnet(SUBNET, { addressPrefixes: list('10.0.255.0/27', 'fd00:1::/64') })]))).toEqual([]);
  });
});

describe('gw.one-per-type', () => {
  const second = gateway('azurerm_virtual_network_gateway.gw2', { ipConfigurations: [{ name: 'default', subnet: SUBNET, publicIp: 'azurerm_public_ip.gw2', privateIpAddressAllocation: 'Dynamic' }] });

  test('GIVEN two VPN gateways in one VNet WHEN checked THEN each gets an error', () => {
    const findings = run('gw.one-per-type', minimalHub([second, publicIp('azurerm_public_ip.gw2')]));
    expect(findings.map((f) => [f.severity, f.resource]).sort()).toEqual([
      [Severity.ERROR, GW],
      [Severity.ERROR, 'azurerm_virtual_network_gateway.gw2'],
    ]);
  });

  test('GIVEN one VPN and one ExpressRoute gateway WHEN checked THEN nothing', () => {
    const er = gateway('azurerm_virtual_network_gateway.gw2', { ...second, gatewayType: 'ExpressRoute', sku: 'ErGw1AZ' });
    expect(run('gw.one-per-type', minimalHub([er]))).toEqual([]);
  });

  test('GIVEN a VPN gateway and one of unknown type WHEN checked THEN info skip only', () => {
    const other = gateway('azurerm_virtual_network_gateway.gw2', { ...second, gatewayType: unknown() });
    expectSkipOnly(run('gw.one-per-type', minimalHub([other])));
  });

  test('GIVEN gateways in two VNets WHEN checked THEN nothing', () => {
    const t = minimalHub([
      vnet('azurerm_virtual_network.spoke'),
      gatewaySubnet('azurerm_subnet.gateway2', { virtualNetwork: 'azurerm_virtual_network.spoke' }),
      gateway('azurerm_virtual_network_gateway.gw2', { ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.gateway2', publicIp: 'azurerm_public_ip.gw2', privateIpAddressAllocation: 'Dynamic' }] }),
      publicIp('azurerm_public_ip.gw2'),
    ]);
    expect(run('gw.one-per-type', t)).toEqual([]);
  });
});

describe('coexist.requirements', () => {
  const er = gateway('azurerm_virtual_network_gateway.er', {
    gatewayType: 'ExpressRoute',
    sku: 'ErGw1AZ',
    vpnType: undefined,
    ipConfigurations: [{ name: 'er', subnet: SUBNET, publicIp: undefined, privateIpAddressAllocation: 'Dynamic' }],
  });

  test('GIVEN a policy-based VPN gateway beside an ExpressRoute gateway WHEN checked THEN an error', () => {
    const f = only(run('coexist.requirements', minimalHub([er, gateway(GW, { vpnType: 'PolicyBased', sku: 'Basic' })])), Severity.ERROR);
    expect(f.resource).toBe(GW);
    expect(f.message).toContain('azurerm_virtual_network_gateway.er');
  });

  test('GIVEN a route-based VPN gateway beside an ExpressRoute gateway WHEN checked THEN nothing', () => {
    expect(run('coexist.requirements', minimalHub([er]))).toEqual([]);
  });

  test('GIVEN a dual-stack GatewaySubnet shared with ExpressRoute WHEN checked THEN a warning', () => {
    const f = only(run('coexist.requirements', minimalHub([er, gatewaySubnet(SUBNET, { addressPrefixes: list('10.0.255.0/27', 'fd00::/64') })])), Severity.WARNING);
    expect(f.message).toContain('dual-stack');
  });

  test('GIVEN an unknown vpn_type beside an ExpressRoute gateway WHEN checked THEN info skip', () => {
    expectSkipOnly(run('coexist.requirements', minimalHub([er, gateway(GW, { vpnType: unknown() })])));
  });
});
