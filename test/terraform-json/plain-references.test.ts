import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { Peering, Topology } from '../../lib/model/topology';
import { Unknown } from '../../lib/model/unknown';

/**
 * Peerings as cdktf writes them: logical ids with `-`, names joined from the VNets' names, the
 * resource group read from the VNet. The adapter reads these without the resolver; each case
 * gives what the resolver gives, and anything it cannot read that way still goes through it.
 */

const HUB = 'Gateway_VirtualNetwork_442771C6';
const SPOKE = 'Hub_Spoke-app_VirtualNetwork_98F182A3';

function adapt(peeringBody: object, extra: object = {}): Topology {
  return topologyFromTerraformJson([
    {
      file: 'cdk.tf.json',
      content: {
        ...extra,
        resource: {
          azurerm_virtual_network: {
            [HUB]: { name: 'hub-vnet', resource_group_name: 'rg-hub', location: 'westeurope', address_space: ['10.0.0.0/16'] },
            [SPOKE]: { name: 'app-vnet', resource_group_name: 'rg-app', location: 'westeurope', address_space: ['10.1.0.0/24'] },
          },
          azurerm_virtual_network_peering: { 'Hub_Spoke-app_Peering_SpokeToHub_1BC4C446': peeringBody },
        },
      },
    },
  ]);
}

function peering(t: Topology): Peering {
  return t.entities.get('azurerm_virtual_network_peering.Hub_Spoke-app_Peering_SpokeToHub_1BC4C446') as Peering;
}

const CDKTF_PEERING = {
  name: `\${azurerm_virtual_network.${SPOKE}.name}-to-\${azurerm_virtual_network.${HUB}.name}`,
  resource_group_name: `\${azurerm_virtual_network.${SPOKE}.resource_group_name}`,
  virtual_network_name: `\${azurerm_virtual_network.${SPOKE}.name}`,
  remote_virtual_network_id: `\${azurerm_virtual_network.${HUB}.id}`,
  use_remote_gateways: true,
  depends_on: [`azurerm_virtual_network.${HUB}`],
};

describe('peerings written as cdktf writes them', () => {
  test('GIVEN a peering whose references name logical ids with "-" WHEN adapted THEN its name, group, VNets and dependencies are known', () => {
    const p = peering(adapt(CDKTF_PEERING));
    expect(p.name).toBe('app-vnet-to-hub-vnet');
    expect(p.resourceGroupName).toBe('rg-app');
    expect(p.virtualNetwork).toBe(`azurerm_virtual_network.${SPOKE}`);
    expect(p.remoteVirtualNetwork).toBe(`azurerm_virtual_network.${HUB}`);
    expect(p.dependsOn).toEqual([`azurerm_virtual_network.${HUB}`, `azurerm_virtual_network.${SPOKE}`]);
  });

  test('GIVEN a name joined from a variable WHEN adapted THEN it stays unknown, as the resolver leaves it', () => {
    const p = peering(adapt({ ...CDKTF_PEERING, name: `\${var.prefix}-to-\${azurerm_virtual_network.${HUB}.name}` }, { variable: { prefix: {} } }));
    expect(p.name).toBeInstanceOf(Unknown);
  });

  test('GIVEN a name joined from an attribute the configuration does not set WHEN adapted THEN it is unknown (computed at apply)', () => {
    const p = peering(adapt({ ...CDKTF_PEERING, name: `\${azurerm_virtual_network.${HUB}.guid}-peering` }));
    expect(p.name).toBeInstanceOf(Unknown);
    expect((p.name as Unknown).reason).toContain('computed at apply');
  });

  test('GIVEN a name that joins a referenced name which is itself a template WHEN adapted THEN the resolver follows it to the literal', () => {
    const t = topologyFromTerraformJson([
      {
        file: 'cdk.tf.json',
        content: {
          locals: { env: 'prod' },
          resource: {
            azurerm_virtual_network: {
              hub: { name: '${local.env}-hub', resource_group_name: 'rg', location: 'westeurope', address_space: ['10.0.0.0/16'] },
            },
            azurerm_virtual_network_peering: { p: { name: '${azurerm_virtual_network.hub.name}-out', resource_group_name: 'rg', virtual_network_name: 'hub', remote_virtual_network_id: '${azurerm_virtual_network.hub.id}' } },
          },
        },
      },
    ]);
    expect((t.entities.get('azurerm_virtual_network_peering.p') as Peering).name).toBe('prod-hub-out');
  });

  test('GIVEN a name that references an expanded resource WHEN adapted THEN the instance is followed, not the block', () => {
    const t = topologyFromTerraformJson([
      {
        file: 'cdk.tf.json',
        content: {
          resource: {
            azurerm_virtual_network: {
              hub: { count: 2, name: 'hub-${count.index}', resource_group_name: 'rg', location: 'westeurope', address_space: ['10.0.0.0/16'] },
            },
            azurerm_virtual_network_peering: { p: { name: '${azurerm_virtual_network.hub[1].name}-out', resource_group_name: 'rg', virtual_network_name: 'hub', remote_virtual_network_id: 'x' } },
          },
        },
      },
    ]);
    expect((t.entities.get('azurerm_virtual_network_peering.p') as Peering).name).toBe('hub-1-out');
  });
});
