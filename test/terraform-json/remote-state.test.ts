import { topologyFromStacks } from '../../lib/terraform-json';
import { Peering, Topology } from '../../lib/model/topology';
import { isUnknown, Unknown } from '../../lib/model/unknown';
import { checkTopology } from '../../lib/rules/engine';

/**
 * Two stacks as cdktf 0.21 writes a cross-stack reference: the hub stack declares an output with
 * the referenced expression and its local backend; the spoke stack reads it through a
 * `terraform_remote_state` whose backend and config are the hub's.
 */
const HUB_BACKEND = { local: { path: '/app/terraform.hub.tfstate' } };
const OUTPUT = 'cross-stack-output-azurerm_virtual_networkhubid';
const REMOTE = 'cross-stack-reference-input-hub';

function hubStack(options: { outputValue?: string; backend?: object; addressSpace?: unknown; locals?: object } = {}): object {
  return {
    terraform: { backend: options.backend ?? HUB_BACKEND },
    ...(options.locals ? { locals: options.locals } : {}),
    output: { [OUTPUT]: { sensitive: true, value: options.outputValue ?? '${azurerm_virtual_network.hub.id}' } },
    resource: {
      azurerm_virtual_network: {
        hub: { '//': { metadata: { path: 'hub/hub' } }, name: 'hub', resource_group_name: 'rg-hub', location: 'westeurope', address_space: options.addressSpace ?? ['10.0.0.0/16'] },
      },
    },
  };
}

function spokeStack(options: { remoteState?: object; addressSpace?: string[]; remoteId?: string } = {}): object {
  return {
    terraform: { backend: { local: { path: '/app/terraform.spoke.tfstate' } } },
    data: { terraform_remote_state: { [REMOTE]: options.remoteState ?? { backend: 'local', config: HUB_BACKEND.local, workspace: '${terraform.workspace}' } } },
    resource: {
      azurerm_virtual_network: {
        spoke: { '//': { metadata: { path: 'spoke/spoke' } }, name: 'spoke', resource_group_name: 'rg-spoke', location: 'westeurope', address_space: options.addressSpace ?? ['10.0.1.0/24'] },
      },
      azurerm_virtual_network_peering: {
        'to-hub': {
          '//': { metadata: { path: 'spoke/to-hub' } },
          name: 'to-hub',
          resource_group_name: 'rg-spoke',
          virtual_network_name: '${azurerm_virtual_network.spoke.name}',
          remote_virtual_network_id: options.remoteId ?? `\${data.terraform_remote_state.${REMOTE}.outputs.${OUTPUT}}`,
        },
      },
    },
  };
}

function app(...stacks: Array<[string, object]>): Topology {
  return topologyFromStacks(stacks.map(([name, content]) => ({ name, files: [{ file: `${name}/cdk.tf.json`, content }] })));
}

function peering(t: Topology): Peering {
  return t.peerings.find((p) => p.address === 'stack spoke: azurerm_virtual_network_peering.to-hub')!;
}

function overlapFindings(t: Topology) {
  return checkTopology(t).filter((f) => f.rule === 'peer.no-overlap');
}

describe('topologyFromStacks', () => {
  test('GIVEN a remote state reading the hub stack\'s backend WHEN adapted THEN the output leads to the hub stack\'s VNet and the overlap is an error on the spoke peering', () => {
    const t = app(['hub', hubStack()], ['spoke', spokeStack()]);
    expect(peering(t).remoteVirtualNetwork).toBe('stack hub: azurerm_virtual_network.hub');
    expect(peering(t).virtualNetwork).toBe('stack spoke: azurerm_virtual_network.spoke');
    const errors = overlapFindings(t).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.resource, f.path])).toEqual([['stack spoke: azurerm_virtual_network_peering.to-hub', 'spoke/to-hub']]);
  });

  test('GIVEN disjoint address spaces WHEN checked THEN peer.no-overlap reports nothing, not even a skip', () => {
    expect(overlapFindings(app(['hub', hubStack()], ['spoke', spokeStack({ addressSpace: ['10.1.0.0/16'] })]))).toEqual([]);
  });

  test('GIVEN the hub stack\'s output is a variable WHEN adapted THEN the remote id stays unknown with the variable as reason and the rule skips as info', () => {
    const t = app(['hub', hubStack({ outputValue: '${var.hub_vnet_id}' })], ['spoke', spokeStack()]);
    const remote = peering(t).remoteVirtualNetwork;
    expect(isUnknown(remote)).toBe(true);
    expect((remote as Unknown).reason).toMatch(/var\.hub_vnet_id is a variable/);
    expect(overlapFindings(t).map((f) => f.severity)).toEqual(['info']);
  });

  test('GIVEN the hub VNet\'s address space is a variable of the hub stack WHEN checked THEN the overlap check is skipped with that reason, resolved in the hub stack', () => {
    const t = app(['hub', hubStack({ addressSpace: '${var.hub_space}' })], ['spoke', spokeStack()]);
    const findings = overlapFindings(t);
    expect(findings.map((f) => f.severity)).toEqual(['info']);
    expect(findings[0].message).toMatch(/var\.hub_space/);
  });

  test('GIVEN an output the hub stack does not declare WHEN adapted THEN the reference is unknown, never guessed', () => {
    const t = app(['hub', hubStack()], ['spoke', spokeStack({ remoteId: `\${data.terraform_remote_state.${REMOTE}.outputs.nothing}` })]);
    expect(isUnknown(peering(t).remoteVirtualNetwork)).toBe(true);
    expect(overlapFindings(t).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test.each([
    ['a backend no stack of the app has', { backend: 'local', config: { path: '/elsewhere/terraform.tfstate' } }],
    ['another backend type', { backend: 'azurerm', config: HUB_BACKEND.local }],
    ['another workspace', { backend: 'local', config: HUB_BACKEND.local, workspace: 'prod' }],
    ['no backend', { config: HUB_BACKEND.local }],
  ])('GIVEN a remote state of %s WHEN adapted THEN it is an external data source whose outputs are unknown', (_what, remoteState) => {
    const t = app(['hub', hubStack()], ['spoke', spokeStack({ remoteState })]);
    const remote = peering(t).remoteVirtualNetwork;
    expect(isUnknown(remote)).toBe(true);
    expect((remote as Unknown).reason).toMatch(/data\.terraform_remote_state\.cross-stack-reference-input-hub is a data source, read at plan/);
    expect(overlapFindings(t).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('GIVEN two stacks with the same backend WHEN a remote state reads it THEN which one is read is not known and the reference stays unknown', () => {
    const t = app(['hub', hubStack()], ['hub2', hubStack({ addressSpace: ['10.0.1.0/24'] })], ['spoke', spokeStack({ addressSpace: ['10.9.0.0/16'] })]);
    expect(isUnknown(peering(t).remoteVirtualNetwork)).toBe(true);
  });

  test('GIVEN the same configuration in two stacks (dev and prod) WHEN adapted THEN the addresses stay apart and names resolve in their own stack only', () => {
    const stack = (space: string) => ({
      resource: {
        azurerm_virtual_network: {
          hub: { name: 'hub', resource_group_name: 'rg', location: 'westeurope', address_space: [space] },
          spoke: { name: 'spoke', resource_group_name: 'rg', location: 'westeurope', address_space: ['10.1.0.0/16'] },
        },
        azurerm_virtual_network_peering: {
          // Written by name, as for an existing VNet: in prod it must not reach dev's hub.
          'hub-to-spoke': { name: 'h2s', resource_group_name: 'rg', virtual_network_name: 'hub', remote_virtual_network_id: '${azurerm_virtual_network.spoke.id}' },
          'spoke-to-hub': { name: 's2h', resource_group_name: 'rg', virtual_network_name: 'spoke', remote_virtual_network_id: '${azurerm_virtual_network.hub.id}' },
        },
      },
    });
    const t = app(['dev', stack('10.0.0.0/16')], ['prod', stack('10.1.0.0/16')]);
    expect(t.virtualNetworks.map((v) => v.address)).toEqual([
      'stack dev: azurerm_virtual_network.hub',
      'stack dev: azurerm_virtual_network.spoke',
      'stack prod: azurerm_virtual_network.hub',
      'stack prod: azurerm_virtual_network.spoke',
    ]);
    const prodPeering = t.peerings.find((p) => p.address === 'stack prod: azurerm_virtual_network_peering.hub-to-spoke')!;
    expect(prodPeering.virtualNetwork).toBe('stack prod: azurerm_virtual_network.hub');
    // Only prod overlaps (its hub and spoke are both 10.1.0.0/16).
    const errors = overlapFindings(t).filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((f) => f.resource.startsWith('stack prod: '))).toBe(true);
  });

  test('GIVEN a local of the same name in two stacks WHEN adapted THEN each stack reads its own', () => {
    const stack = (space: string) => ({
      locals: { space },
      resource: { azurerm_virtual_network: { vnet: { name: 'vnet', resource_group_name: 'rg', location: 'westeurope', address_space: ['${local.space}'] } } },
    });
    const t = app(['a', stack('10.0.0.0/16')], ['b', stack('10.1.0.0/16')]);
    expect(t.virtualNetworks.map((v) => v.addressSpace.items)).toEqual([['10.0.0.0/16'], ['10.1.0.0/16']]);
  });

  test('GIVEN two stacks whose outputs read each other\'s remote state WHEN adapted THEN the cycle is unknown and adapting terminates', () => {
    const stack = (self: string, other: string) => ({
      terraform: { backend: { local: { path: `/app/${self}.tfstate` } } },
      data: { terraform_remote_state: { other: { backend: 'local', config: { path: `/app/${other}.tfstate` } } } },
      output: { id: { value: '${data.terraform_remote_state.other.outputs.id}' } },
      resource: {
        azurerm_virtual_network: { vnet: { name: self, resource_group_name: 'rg', address_space: ['10.0.0.0/16'] } },
        azurerm_virtual_network_peering: { p: { name: 'p', resource_group_name: 'rg', virtual_network_name: '${data.terraform_remote_state.other.outputs.id}', remote_virtual_network_id: '${data.terraform_remote_state.other.outputs.id}' } },
      },
    });
    const t = app(['a', stack('a', 'b')], ['b', stack('b', 'a')]);
    const p = t.peerings.find((x) => x.address === 'stack a: azurerm_virtual_network_peering.p')!;
    expect(isUnknown(p.remoteVirtualNetwork)).toBe(true);
    expect((p.remoteVirtualNetwork as Unknown).reason).toMatch(/refers back to itself/);
  });

  test('GIVEN the hub stack on an azurerm backend (as cdktf writes AzurermBackend and its remote state) WHEN adapted THEN the remote state is linked by that backend', () => {
    const config = { container_name: 'state', key: 'hub.tfstate', resource_group_name: 'tf', storage_account_name: 'tfstate' };
    // Key order differs between the two blocks: the configuration is compared, not its text.
    const reordered = { storage_account_name: 'tfstate', resource_group_name: 'tf', key: 'hub.tfstate', container_name: 'state' };
    const t = app(['hub', hubStack({ backend: { azurerm: config } })], ['spoke', spokeStack({ remoteState: { backend: 'azurerm', config: reordered, workspace: '${terraform.workspace}' } })]);
    expect(peering(t).remoteVirtualNetwork).toBe('stack hub: azurerm_virtual_network.hub');
    const other = app(['hub', hubStack({ backend: { azurerm: config } })], ['spoke', spokeStack({ remoteState: { backend: 'azurerm', config: { ...config, key: 'other.tfstate' } } })]);
    expect(isUnknown(peering(other).remoteVirtualNetwork)).toBe(true);
  });

  test('GIVEN the hub stack on HCP Terraform (a cloud block, as cdktf writes CloudBackend) WHEN the spoke reads it through the remote backend THEN the remote state is linked', () => {
    const cloud = { organization: 'org', workspaces: { name: 'hub' } };
    const hub = { ...hubStack(), terraform: { cloud } };
    const t = app(['hub', hub], ['spoke', spokeStack({ remoteState: { backend: 'remote', config: cloud } })]);
    expect(peering(t).remoteVirtualNetwork).toBe('stack hub: azurerm_virtual_network.hub');
    const otherWorkspace = app(['hub', hub], ['spoke', spokeStack({ remoteState: { backend: 'remote', config: { organization: 'org', workspaces: { name: 'other' } } } })]);
    expect(isUnknown(peering(otherWorkspace).remoteVirtualNetwork)).toBe(true);
  });
});
