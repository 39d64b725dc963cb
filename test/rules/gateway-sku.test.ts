import { checkTopology } from '../../lib/rules/engine';
import { Severity } from '../../lib/rules/rule';
import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { connection, gateway, gatewaySubnet, list, minimalHub, publicIp, unknown } from '../support/model';
import { expectSkipOnly, only, run } from './gateway-helpers';

const GW = 'azurerm_virtual_network_gateway.gw';
const SUBNET = 'azurerm_subnet.gateway';
const PIP = 'azurerm_public_ip.gw1';
/** A Basic gateway with the regional Standard IP CONSOL requires. */
const basicHub = (o: Parameters<typeof gateway>[1] = {}) => minimalHub([gateway(GW, { sku: 'Basic', ...o }), publicIp(PIP, { zones: list() })]);

describe('gw.policybased.limits', () => {
  test('GIVEN vpn_type PolicyBased with sku VpnGw1AZ WHEN checked THEN an error says only Basic is accepted', () => {
    const f = only(run('gw.policybased.limits', minimalHub([gateway(GW, { vpnType: 'PolicyBased' })])), Severity.ERROR);
    expect(f.rule).toBe('gw.policybased.limits');
    expect(f.message).toContain('"Basic"');
    expect(f.message).toContain('"VpnGw1AZ"');
  });

  test('GIVEN a Basic policy-based gateway with one S2S connection WHEN checked THEN nothing', () => {
    expect(run('gw.policybased.limits', basicHub({ vpnType: 'PolicyBased' }))).toEqual([]);
  });

  test('GIVEN a Basic policy-based gateway with two S2S connections WHEN checked THEN nothing here (conn.routebased and conn.tunnel-limit report it)', () => {
    const t = minimalHub([gateway(GW, { vpnType: 'PolicyBased', sku: 'Basic' }), publicIp(PIP, { zones: list() }), connection('azurerm_virtual_network_gateway_connection.site2')]);
    expect(run('gw.policybased.limits', t)).toEqual([]);
  });

  test('GIVEN a policy-based gateway with a connection whose protocol is unknown WHEN checked THEN info skip', () => {
    const t = minimalHub([gateway(GW, { vpnType: 'PolicyBased', sku: 'Basic' }), connection('azurerm_virtual_network_gateway_connection.site', { connectionProtocol: unknown() })]);
    expectSkipOnly(run('gw.policybased.limits', t));
  });

  test('GIVEN connection_protocol IKEv2 on a policy-based gateway WHEN checked THEN a warning (unconfirmed) on the connection', () => {
    const t = minimalHub([gateway(GW, { vpnType: 'PolicyBased', sku: 'Basic' }), connection('azurerm_virtual_network_gateway_connection.site', { connectionProtocol: 'IKEv2' })]);
    const f = only(run('gw.policybased.limits', t), Severity.WARNING);
    expect(f.resource).toBe('azurerm_virtual_network_gateway_connection.site');
  });

  test('GIVEN an unknown vpn_type WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.policybased.limits', minimalHub([gateway(GW, { vpnType: unknown() })])));
  });
});

describe('gw.policybased.portal', () => {
  test('GIVEN a policy-based gateway WHEN checked THEN a warning suggests use_policy_based_traffic_selectors', () => {
    const f = only(run('gw.policybased.portal', basicHub({ vpnType: 'PolicyBased' })), Severity.WARNING);
    expect(f.message).toContain('use_policy_based_traffic_selectors');
  });

  test('GIVEN vpn_type unset (RouteBased) WHEN checked THEN nothing', () => {
    expect(run('gw.policybased.portal', minimalHub([gateway(GW, { vpnType: undefined })]))).toEqual([]);
  });
});

describe('gw.sku.legacy-create', () => {
  test.each([
    ['Standard', 'VpnGw1AZ'],
    ['HighPerformance', 'VpnGw2AZ'],
  ])('GIVEN sku %s WHEN checked THEN an error names %s', (sku, replacement) => {
    const f = only(run('gw.sku.legacy-create', minimalHub([gateway(GW, { sku })])), Severity.ERROR);
    expect(f.message).toContain(`"${replacement}"`);
  });

  test('GIVEN the ExpressRoute SKU UltraPerformance on a VPN gateway WHEN checked THEN an error', () => {
    const f = only(run('gw.sku.legacy-create', minimalHub([gateway(GW, { sku: 'UltraPerformance' })])), Severity.ERROR);
    expect(f.message).toContain('ExpressRoute');
  });

  test('GIVEN UltraPerformance on an ExpressRoute gateway WHEN checked THEN nothing', () => {
    expect(run('gw.sku.legacy-create', minimalHub([gateway(GW, { sku: 'UltraPerformance', gatewayType: 'ExpressRoute' })]))).toEqual([]);
  });

  test('GIVEN a misspelt sku WHEN checked THEN an error', () => {
    only(run('gw.sku.legacy-create', minimalHub([gateway(GW, { sku: 'VpnGw1az' })])), Severity.ERROR);
  });

  test('GIVEN an unknown sku WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.sku.legacy-create', minimalHub([gateway(GW, { sku: unknown() })])));
  });

  test('GIVEN VpnGw1AZ WHEN checked THEN nothing', () => {
    expect(run('gw.sku.legacy-create', minimalHub())).toEqual([]);
  });
});

describe('gw.sku.non-az-create', () => {
  test.each([1, 2, 3, 4, 5])('GIVEN sku VpnGw%i WHEN checked THEN an error names the AZ SKU', (n) => {
    const f = only(run('gw.sku.non-az-create', minimalHub([gateway(GW, { sku: `VpnGw${n}`, generation: undefined })])), Severity.ERROR);
    expect(f.message).toContain(`"VpnGw${n}AZ"`);
  });

  test.each(['VpnGw1AZ', 'VpnGw5AZ', 'Basic', 'Standard'])('GIVEN sku %s WHEN checked THEN nothing from this rule', (sku) => {
    expect(run('gw.sku.non-az-create', minimalHub([gateway(GW, { sku })]))).toEqual([]);
  });
});

describe('gw.sku.generation', () => {
  test.each([
    ['VpnGw1AZ', 'Generation2'],
    ['VpnGw4AZ', 'Generation1'],
    ['Basic', 'Generation2'],
  ])('GIVEN sku %s with generation %s WHEN checked THEN an error', (sku, generation) => {
    const f = only(run('gw.sku.generation', minimalHub([gateway(GW, { sku, generation })])), Severity.ERROR);
    expect(f.message).toContain(`"${generation}"`);
  });

  test.each([
    ['VpnGw1AZ', 'Generation1'],
    ['VpnGw2AZ', 'Generation2'],
    ['VpnGw4AZ', undefined],
  ])('GIVEN sku %s with generation %s WHEN checked THEN nothing', (sku, generation) => {
    expect(run('gw.sku.generation', minimalHub([gateway(GW, { sku, generation })]))).toEqual([]);
  });

  test('GIVEN an unknown generation WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.sku.generation', minimalHub([gateway(GW, { generation: unknown() })])));
  });
});

describe('gw.generation.drift', () => {
  test('GIVEN VpnGw2AZ with an explicit Generation1 WHEN checked THEN a warning suggests ignore_changes', () => {
    const f = only(run('gw.generation.drift', minimalHub([gateway(GW, { sku: 'VpnGw2AZ', generation: 'Generation1' })])), Severity.WARNING);
    expect(f.message).toContain('ignore_changes');
  });

  test.each([
    ['VpnGw1AZ', 'Generation1'],
    ['VpnGw2AZ', 'Generation2'],
    ['VpnGw2AZ', undefined],
  ])('GIVEN sku %s with generation %s WHEN checked THEN nothing', (sku, generation) => {
    expect(run('gw.generation.drift', minimalHub([gateway(GW, { sku, generation })]))).toEqual([]);
  });

  test('GIVEN VpnGw2AZ with an explicit Generation1 and ignore_changes on generation (the fix the warning offers) WHEN checked THEN nothing', () => {
    expect(run('gw.generation.drift', minimalHub([gateway(GW, { sku: 'VpnGw2AZ', generation: 'Generation1', generationChangesIgnored: true })]))).toEqual([]);
  });

  test.each([
    ['["generation"]', ['generation'], false],
    ['["${generation}"] (HCL written as JSON)', ['${generation}'], false],
    ['"all"', 'all', false],
    ['["tags"]', ['tags'], true],
  ])('GIVEN a configuration with Generation1 on VpnGw2AZ and ignore_changes = %s WHEN checked THEN a warning only without generation in it', (_what, ignore, warned) => {
    const config = {
      resource: {
        azurerm_virtual_network_gateway: {
          gw: {
            name: 'gw', resource_group_name: 'rg', location: 'westeurope', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw2AZ', generation: 'Generation1',
            ip_configuration: [{ name: 'default', subnet_id: '${azurerm_subnet.gw.id}', public_ip_address_id: '${azurerm_public_ip.gw.id}' }],
            lifecycle: { ignore_changes: ignore },
          },
        },
        azurerm_public_ip: { gw: { name: 'pip', resource_group_name: 'rg', location: 'westeurope', sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] } },
      },
    };
    const findings = checkTopology(topologyFromTerraformJson([{ file: 'main.tf.json', content: config }])).filter((f) => f.rule === 'gw.generation.drift');
    expect(findings.map((f) => f.severity)).toEqual(warned ? [Severity.WARNING] : []);
  });
});

describe('gw.sku.basic-limits', () => {
  test('GIVEN a Basic gateway WHEN checked THEN a production warning only', () => {
    const findings = run('gw.sku.basic-limits', basicHub());
    const f = only(findings, Severity.WARNING);
    expect(f.message).toContain('production');
    expect(findings).toHaveLength(1);
  });

  test('GIVEN a Basic gateway in a dual-stack GatewaySubnet WHEN checked THEN an IPv6 error', () => {
    const t = minimalHub([gateway(GW, { sku: 'Basic' }), publicIp(PIP, { zones: list() }), gatewaySubnet(SUBNET, { addressPrefixes: list('10.0.255.0/27', 'fd00::/64') })]);
    const f = only(run('gw.sku.basic-limits', t), Severity.ERROR);
    expect(f.message).toContain('IPv6');
  });

  test('GIVEN a Basic gateway beside an ExpressRoute gateway WHEN checked THEN a coexistence error', () => {
    const er = gateway('azurerm_virtual_network_gateway.er', {
      gatewayType: 'ExpressRoute',
      sku: 'ErGw1AZ',
      ipConfigurations: [{ name: 'er', subnet: SUBNET, publicIp: undefined, privateIpAddressAllocation: 'Dynamic' }],
    });
    const f = only(run('gw.sku.basic-limits', minimalHub([gateway(GW, { sku: 'Basic' }), er])), Severity.ERROR);
    expect(f.message).toContain('azurerm_virtual_network_gateway.er');
  });

  test('GIVEN a VpnGw1AZ gateway WHEN checked THEN nothing', () => {
    expect(run('gw.sku.basic-limits', minimalHub())).toEqual([]);
  });

  test('GIVEN a Basic gateway whose type is unknown WHEN checked THEN info skip only', () => {
    expectSkipOnly(run('gw.sku.basic-limits', basicHub({ gatewayType: unknown() })));
  });
});
