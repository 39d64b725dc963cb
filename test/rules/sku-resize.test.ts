import { checkTopology } from '../../lib/rules/engine';
import { Severity } from '../../lib/rules/rule';
import { topologyFromTerraformShow } from '../../lib/terraform-json';

// gw.sku.resize: a plan that changes the sku of a gateway it keeps asks Azure for a resize in
// place, which Azure refuses across series and generations
// (CrossSeriesOrCrossGatewayGenenrationResizeNotSupported; azurerm-provider.md, gateway-sku-upgrade).

const GW = 'azurerm_virtual_network_gateway.gw';

function gatewayValues(sku: string, generation: string) {
  return {
    id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
    name: 'gw', resource_group_name: 'rg', location: 'westeurope', type: 'Vpn', vpn_type: 'RouteBased', sku, generation, active_active: false,
    ip_configuration: [{ name: 'default', subnet_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet', private_ip_address_allocation: 'Dynamic' }],
  };
}

/** A plan with one gateway change: `before` and `after` as [sku, generation]. */
function plan(actions: string[], before: [string, string] | null, after: [string, string]) {
  const afterValues = gatewayValues(...after);
  return {
    format_version: '1.2',
    planned_values: { root_module: { resources: [{ address: GW, mode: 'managed', type: 'azurerm_virtual_network_gateway', name: 'gw', values: afterValues }] } },
    resource_changes: [{ address: GW, mode: 'managed', type: 'azurerm_virtual_network_gateway', name: 'gw', change: { actions, before: before && gatewayValues(...before), after: afterValues, after_unknown: {} } }],
  };
}

const resize = (content: unknown) => checkTopology(topologyFromTerraformShow('plan.json', content)).filter((f) => f.rule === 'gw.sku.resize');

describe('gw.sku.resize', () => {
  test('GIVEN a plan that resizes a Generation1 VpnGw1AZ in place to VpnGw4AZ (Generation2 only; the generation is kept, as the constructs ignore it) WHEN checked THEN gw.sku.resize is an error naming both SKUs and the generation', () => {
    const f = resize(plan(['update'], ['VpnGw1AZ', 'Generation1'], ['VpnGw4AZ', 'Generation1']));
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[GW, Severity.ERROR]]);
    expect(f[0].message).toMatch(/from sku = "VpnGw1AZ" to "VpnGw4AZ" in place.*deployed in "Generation1".*"VpnGw4AZ" exists only in "Generation2"/);
  });

  test('GIVEN a plan that resizes a Basic gateway to VpnGw1AZ in place WHEN checked THEN gw.sku.resize is an error', () => {
    expect(resize(plan(['update'], ['Basic', 'Generation1'], ['VpnGw1AZ', 'Generation1'])).map((x) => x.severity)).toEqual([Severity.ERROR]);
  });

  test('GIVEN a plan that resizes a legacy HighPerformance gateway to VpnGw2AZ in place WHEN checked THEN gw.sku.resize is an error', () => {
    expect(resize(plan(['update'], ['HighPerformance', 'Generation1'], ['VpnGw2AZ', 'Generation1']))[0].message).toMatch(/legacy SKUs/);
  });

  test.each([
    ['VpnGw1AZ', 'VpnGw2AZ', 'Generation1'],
    ['VpnGw2AZ', 'VpnGw3AZ', 'Generation2'],
    ['VpnGw4AZ', 'VpnGw5AZ', 'Generation2'],
    ['VpnGw3AZ', 'VpnGw2AZ', 'Generation1'],
  ])('GIVEN a plan that resizes %s to %s in %s in place WHEN checked THEN gw.sku.resize is silent', (from, to, generation) => {
    expect(resize(plan(['update'], [from, generation], [to, generation]))).toEqual([]);
  });

  test('GIVEN a plan that replaces the gateway (a new one) or creates it WHEN checked THEN gw.sku.resize is silent (there is no resize)', () => {
    expect(resize(plan(['delete', 'create'], ['VpnGw1AZ', 'Generation1'], ['VpnGw4AZ', 'Generation2']))).toEqual([]);
    expect(resize(plan(['create'], null, ['VpnGw4AZ', 'Generation2']))).toEqual([]);
  });

  test('GIVEN a state (nothing changes) WHEN checked THEN gw.sku.resize is silent', () => {
    const state = { format_version: '1.0', values: plan(['no-op'], null, ['VpnGw1AZ', 'Generation1']).planned_values };
    expect(resize(state)).toEqual([]);
  });
});
