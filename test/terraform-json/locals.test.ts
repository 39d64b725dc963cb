import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { Unknown } from '../../lib/model/unknown';
import { checkTopology } from '../../lib/rules/engine';

/** Locals are evaluated where they rest on literals (and references); anything else stays unknown. */

function gatewayWithIpSku(sku: string, locals: unknown): ReturnType<typeof topologyFromTerraformJson> {
  return topologyFromTerraformJson([
    {
      file: 'main.tf.json',
      content: {
        locals,
        resource: {
          azurerm_public_ip: { gw: { name: 'pip', location: 'westeurope', resource_group_name: 'rg', allocation_method: 'Static', sku } },
          azurerm_virtual_network_gateway: {
            gw: {
              name: 'gw', location: 'westeurope', resource_group_name: 'rg', type: 'Vpn', sku: 'VpnGw1',
              ip_configuration: [{ public_ip_address_id: '${azurerm_public_ip.gw.id}', subnet_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet' }],
            },
          },
        },
      },
    },
  ]);
}

const errorRules = (t: ReturnType<typeof topologyFromTerraformJson>) => checkTopology(t).filter((f) => f.severity === 'error').map((f) => f.rule);

describe('GIVEN a configuration with locals', () => {
  test('WHEN an attribute is a literal local THEN its value is known and the rule decides', () => {
    const t = gatewayWithIpSku('${local.ip_sku}', { ip_sku: 'Basic' });
    expect(t.publicIps[0].sku).toBe('Basic');
    expect(errorRules(t)).toContain('gw.pip.standard');
  });

  test('WHEN a local is a map and the attribute reads into it, through another local THEN the value is known', () => {
    const t = gatewayWithIpSku('${local.hubs.weu.ip_sku}', { region: 'weu', hubs: { weu: { ip_sku: '${local.basic}' } }, basic: 'Basic' });
    expect(t.publicIps[0].sku).toBe('Basic');
  });

  test('WHEN locals come from several blocks (HCL parsed to JSON writes an array) THEN all are read', () => {
    const t = gatewayWithIpSku('${local.a}-${local.b}', [{ a: 'Stan' }, { b: 'dard' }]);
    expect(t.publicIps[0].sku).toBe('Stan-dard');
  });

  test('WHEN a local rests on a variable or a function THEN it stays unknown with the reason', () => {
    const byVariable = gatewayWithIpSku('${local.ip_sku}', { ip_sku: '${var.sku}' });
    expect(byVariable.publicIps[0].sku).toEqual(new Unknown('var.sku is a variable', '${var.sku}'));
    const byFunction = gatewayWithIpSku('${local.ip_sku}', { ip_sku: '${upper(var.sku)}' });
    expect((byFunction.publicIps[0].sku as Unknown).reason).toBe('var.sku is a variable');
    expect(errorRules(byFunction)).not.toContain('gw.pip.standard');
  });

  test('WHEN a local is not declared, or a key is not in it THEN it is unknown', () => {
    expect((gatewayWithIpSku('${local.missing}', { other: 'x' }).publicIps[0].sku as Unknown).reason).toBe('local.missing is a local value not declared in this configuration');
    expect((gatewayWithIpSku('${local.m.nope}', { m: { yes: 'Basic' } }).publicIps[0].sku as Unknown).reason).toBe('local.m.nope is not in the value');
  });

  test('WHEN locals refer to each other in a cycle THEN evaluation stops with an unknown', () => {
    const t = gatewayWithIpSku('${local.a}', { a: '${local.b}', b: '${local.a}' });
    expect((t.publicIps[0].sku as Unknown).reason).toContain('refers back to itself');
  });

  test('WHEN a chain of locals is deeper than the bound THEN it is unknown, never a stack overflow', () => {
    const locals: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) locals[`l${i}`] = `\${local.l${i + 1}}`;
    locals.l5000 = 'Basic';
    const t = gatewayWithIpSku('${local.l0}', locals);
    expect(t.publicIps[0].sku).toBeInstanceOf(Unknown);
  });
});
