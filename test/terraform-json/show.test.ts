import { readFileSync } from 'fs';
import { join } from 'path';
import { isTerraformShowJson, topologyFromTerraformShow } from '../../lib/terraform-json';
import { Unknown } from '../../lib/model/unknown';
import { UnusableInputError } from '../../lib/private/errors';
import { checkTopology } from '../../lib/rules/engine';

const FIXTURES = join(__dirname, '..', 'fixtures', 'show');
const load = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const GATEWAY = 'module.hub["weu"].azurerm_virtual_network_gateway.this';

describe('GIVEN terraform show -json output', () => {
  test('WHEN it is a plan of new resources THEN every instance is an entity under its full address, linked through the configuration references', () => {
    const t = topologyFromTerraformShow('plan.json', load('plan-new.json'));
    expect(t.gateways.map((g) => g.address)).toEqual([
      'module.hub["neu"].azurerm_virtual_network_gateway.this',
      GATEWAY,
    ]);
    const gw = t.gateways.find((g) => g.address === GATEWAY)!;
    expect(gw.ipConfigurations).toEqual([
      expect.objectContaining({ subnet: 'module.hub["weu"].azurerm_subnet.gateway', publicIp: 'module.hub["weu"].azurerm_public_ip.gw' }),
    ]);
    // The connection's gateway comes through the module output gateway_id, its local gateway by each.key.
    const paris = t.connections.find((c) => c.address === 'azurerm_virtual_network_gateway_connection.site["paris"]')!;
    expect(paris.gateway).toBe(GATEWAY);
    expect(paris.localGateway).toBe('azurerm_local_network_gateway.site["paris"]');
    expect(paris.sharedKey).toBeInstanceOf(Unknown);
    // The subnet lists the gateway as occupant, and the VNet its one separately declared subnet.
    const vnet = t.virtualNetworks.find((v) => v.address === 'module.hub["weu"].azurerm_virtual_network.this')!;
    expect(vnet.subnets).toEqual(['module.hub["weu"].azurerm_subnet.gateway']);
  });

  test('WHEN a value is known only after apply and no reference names it THEN it is unknown', () => {
    const plan = load('plan-new.json') as { resource_changes: Array<{ address: string; change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> } }>; planned_values: unknown };
    const pip = (plan.planned_values as { root_module: { child_modules: Array<{ resources: Array<{ address: string; values: Record<string, unknown> }> }> } }).root_module.child_modules[0].resources.find((r) => r.address.endsWith('azurerm_public_ip.gw'))!;
    delete pip.values.sku;
    plan.resource_changes.find((c) => c.address === pip.address)!.change.after_unknown.sku = true;
    const t = topologyFromTerraformShow('plan.json', plan);
    const entity = t.publicIps.find((p) => p.address === pip.address)!;
    expect(entity.sku).toBeInstanceOf(Unknown);
    expect((entity.sku as Unknown).reason).toContain('known only after apply');
  });

  test('WHEN it is a state THEN resources are linked by Azure resource ID and computed subnets of the VNet are not counted twice', () => {
    const t = topologyFromTerraformShow('state.json', load('state.json'));
    const gw = t.gateways.find((g) => g.address === GATEWAY)!;
    expect(gw.ipConfigurations).toEqual([
      expect.objectContaining({ subnet: 'module.hub["weu"].azurerm_subnet.gateway', publicIp: 'module.hub["weu"].azurerm_public_ip.gw' }),
    ]);
    expect(t.connections.map((c) => c.gateway)).toEqual([GATEWAY, GATEWAY]);
    expect(t.subnets.map((s) => s.address)).toEqual(['module.hub["neu"].azurerm_subnet.gateway', 'module.hub["weu"].azurerm_subnet.gateway']);
    expect(t.secrets).toBeUndefined();
  });

  test('WHEN a state resource names an Azure ID that is not in the file THEN it is an external resource', () => {
    const state = load('state.json') as { values: { root_module: { resources: Array<{ type: string; values: Record<string, unknown> }> } } };
    const connection = state.values.root_module.resources.find((r) => r.type === 'azurerm_virtual_network_gateway_connection')!;
    connection.values.local_network_gateway_id = '/subscriptions/1/resourceGroups/other/providers/Microsoft.Network/localNetworkGateways/elsewhere';
    const t = topologyFromTerraformShow('state.json', state);
    const c = t.connections.find((x) => x.localGateway !== 'azurerm_local_network_gateway.site["paris"]' && x.localGateway !== 'azurerm_local_network_gateway.site["berlin"]')!;
    expect(t.entities.get(c.localGateway as string)?.external).toBe(true);
  });

  test('WHEN a state resource lists depends_on THEN the entity depends on every instance it names', () => {
    const state = load('state.json') as { values: { root_module: { resources: Array<{ address: string; depends_on?: string[] }> } } };
    const lng = state.values.root_module.resources.find((r) => r.address === 'azurerm_local_network_gateway.site["paris"]')!;
    lng.depends_on = ['module.hub.azurerm_virtual_network_gateway.this', 'azurerm_resource_group.rg'];
    const t = topologyFromTerraformShow('state.json', state);
    expect([...t.entities.get(lng.address)!.dependsOn].sort()).toEqual([
      'azurerm_resource_group.rg',
      'module.hub["neu"].azurerm_virtual_network_gateway.this',
      GATEWAY,
    ]);
  });

  test('WHEN the plan configuration refers to or depends on a resource THEN the instance depends on it within its module instance', () => {
    const t = topologyFromTerraformShow('plan.json', load('plan-new.json'));
    expect(t.entities.get(GATEWAY)!.dependsOn).toEqual(expect.arrayContaining(['module.hub["weu"].azurerm_subnet.gateway', 'module.hub["weu"].azurerm_public_ip.gw']));
    expect(t.entities.get(GATEWAY)!.dependsOn).not.toContain('module.hub["neu"].azurerm_subnet.gateway');
  });

  test('WHEN a literal value holds ${ THEN it stays text', () => {
    const state = load('state.json') as { values: { root_module: { resources: Array<{ type: string; values: Record<string, unknown> }> } } };
    state.values.root_module.resources.find((r) => r.type === 'azurerm_local_network_gateway')!.values.name = 'lng-${var.x}';
    const t = topologyFromTerraformShow('state.json', state);
    expect(t.localGateways.map((l) => l.name)).toContain('lng-${var.x}');
  });

  test.each([['plan-new.json'], ['state.json'], ['plan-resize-in-place.json']])('WHEN %s is valid THEN no rule reports an error', (name) => {
    const findings = checkTopology(topologyFromTerraformShow(name, load(name)));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test.each([['plan-new-basic-ip.json'], ['state-basic-ip.json']])('WHEN %s puts a Basic public IP on a gateway inside module.hub["neu"] THEN gw.pip.standard (and gw.pip.zones-az: it has no zones) name the full address', (name) => {
    const errors = checkTopology(topologyFromTerraformShow(name, load(name))).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.rule, f.resource])).toEqual([
      ['gw.pip.standard', 'module.hub["neu"].azurerm_public_ip.gw'],
      ['gw.pip.zones-az', 'module.hub["neu"].azurerm_public_ip.gw'],
    ]);
  });

  test.each([
    ['2.0', '"2.0"'],
    [2, 'missing or not a string'],
    ['one', '"one"'],
  ])('WHEN format_version is %p THEN the input is refused, naming the supported versions', (version, shown) => {
    expect(() => topologyFromTerraformShow('s.json', { format_version: version, values: {} })).toThrow(UnusableInputError);
    expect(() => topologyFromTerraformShow('s.json', { format_version: version, values: {} })).toThrow(`format_version ${shown} is not supported: azvpn reads format_version 1.x`);
  });

  test('WHEN a document has format_version and planned_values, resource_changes or values THEN it is show output; format_version alone or a configuration is not', () => {
    for (const key of ['planned_values', 'resource_changes', 'values']) expect(isTerraformShowJson({ format_version: '1.0', [key]: key === 'resource_changes' ? [] : {} })).toBe(true);
    expect(isTerraformShowJson({ format_version: '1.0' })).toBe(false);
    expect(isTerraformShowJson({ resource: {} })).toBe(false);
    expect(topologyFromTerraformShow('empty.json', { format_version: '1.0', values: {} }).gateways).toEqual([]);
    expect(() => topologyFromTerraformShow('odd.json', { format_version: '1.0', resources: [] })).toThrow(new UnusableInputError('odd.json', 'not terraform show -json output: format_version without planned_values, resource_changes, values'));
  });

  test('WHEN the document is what terraform show -json prints for a workspace without state ({"format_version":"1.0"}) THEN it is an empty model, not an error', () => {
    const empty = topologyFromTerraformShow('empty.json', { format_version: '1.0' });
    expect(empty.gateways).toEqual([]);
    expect(empty.entities.size).toBe(0);
    expect(topologyFromTerraformShow('empty.json', { format_version: '1.0', terraform_version: '1.9.8' }).entities.size).toBe(0);
  });
});
