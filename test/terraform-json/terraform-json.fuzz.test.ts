import { readFileSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { replacementsBetween, topologyFromStacks, topologyFromTerraformJson, topologyFromTerraformShow } from '../../lib/terraform-json';
import { Entity, Topology } from '../../lib/model/topology';
import { isKnown, Maybe } from '../../lib/model/unknown';
import { UnusableInputError } from '../../lib/private/errors';
import { fuzz } from '../support/fuzz';

/**
 * Property tests: whatever the input, the adapter returns a topology whose references resolve,
 * or throws UnusableInputError — never anything else.
 */

const FIXTURES = join(__dirname, '..', 'fixtures', 'tf-json');
const SEEDS: unknown[] = ['hub-4x.tf.json', 'hub-3x.tf.json', 'split/network.tf.json', 'split/vpn.tf.json'].map((f) =>
  JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')),
);

const SHOW_SEEDS: unknown[] = ['plan-new.json', 'state.json', 'plan-replace-gateway.json'].map((f) =>
  JSON.parse(readFileSync(join(FIXTURES, '..', 'show', f), 'utf8')),
);

/** The plan and state adapter, like {@link adaptOrReject}. */
function adaptShowOrReject(content: unknown): Topology | undefined {
  try {
    return topologyFromTerraformShow('fuzz.json', content);
  } catch (e) {
    if (e instanceof UnusableInputError) return undefined;
    throw e;
  }
}

/** Runs the adapter; returns the topology, or undefined when it rejected the input properly. */
function adaptOrReject(content: unknown): Topology | undefined {
  try {
    return topologyFromTerraformJson([{ file: 'fuzz.tf.json', content }]);
  } catch (e) {
    if (e instanceof UnusableInputError) return undefined;
    throw e;
  }
}

/** Every address the model hands to rules must resolve through `entities`. */
function expectReferencesResolve(t: Topology): void {
  const lists: Entity[][] = [
    t.virtualNetworks, t.subnets, t.publicIps, t.gateways, t.localGateways,
    t.connections, t.natRules, t.peerings, t.routeTables, t.networkSecurityGroups,
  ];
  const resolves = (address: Maybe<string> | undefined, from: string) => {
    if (isKnown(address) && !t.entities.has(address)) throw new Error(`${from} names ${address}, which is not an entity`);
  };
  for (const list of lists) {
    for (const e of list) {
      if (t.entities.get(e.address) !== e) throw new Error(`${e.address} is listed but not the entity under its address`);
    }
  }
  for (const e of t.entities.values()) {
    for (const d of e.dependsOn) resolves(d, `${e.address} dependsOn`);
    switch (e.kind) {
      case 'virtualNetwork': e.subnets.forEach((s) => resolves(s, e.address)); break;
      case 'subnet': resolves(e.virtualNetwork, e.address); e.occupants.forEach((o) => resolves(o, e.address)); break;
      case 'gateway':
        if (isKnown(e.ipConfigurations)) e.ipConfigurations.forEach((c) => { resolves(c.subnet, e.address); resolves(c.publicIp, e.address); });
        break;
      case 'connection':
        [e.gateway, e.localGateway, e.peerGateway, ...e.ingressNatRules.items, ...e.egressNatRules.items].forEach((a) => resolves(a, e.address));
        break;
      case 'natRule': resolves(e.gateway, e.address); break;
      case 'peering': resolves(e.virtualNetwork, e.address); resolves(e.remoteVirtualNetwork, e.address); break;
      default: break;
    }
  }
}

/** Strings that exercise the expression handling: references, escapes, broken syntax, IDs. */
const INJECTED = fc.constantFrom(
  '${var.x}',
  '${local.y}',
  '${module.m.out}',
  '${data.azurerm_subnet.gw.id}',
  '${data.azurerm_subnet.missing.name}',
  '${data.azurerm_virtual_network.hub.name}',
  '${data.azurerm_subnet.hub.id}',
  '${azurerm_subnet.hub_GatewaySubnet_E4BE05EE.id}',
  '${azurerm_subnet.gateway.name}',
  '${azurerm_virtual_network.hub.subnet[0].id}',
  '${azurerm_virtual_network.hub.subnet[9].id}',
  '${azurerm_virtual_network.hub_vnet_858991EC.name}',
  '${azurerm_public_ip.gw1.zones}',
  '${azurerm_public_ip.gw1[*].id}',
  '${azurerm_virtual_network_gateway.hub_Gateway_B0B8EE58.bgp_settings[0].peering_addresses[1].apipa_addresses}',
  '${azurerm_virtual_network_gateway.hub.ip_configuration[count.index].id}',
  '${azurerm_local_network_gateway.site}',
  '${azurerm_public_ip.gw1.__proto__}',
  '${azurerm_public_ip.gw1.constructor.name}',
  '${count.index}',
  '${each.value.subnet}',
  '${cidrsubnet(var.space, 8, 1)}',
  '${cidrsubnet("10.0.0.0/16", 8, count.index)}',
  '${cidrhost("10.0.0.0/24", -1)}',
  '${local.regions}',
  '${{ a = "Basic", b = "Standard" }}',
  '${toset(["a", "b", "a"])}',
  '${[for k, v in local.regions : v if k != "x"]}',
  '${{ for s in ["a"] : s => s... }}',
  '${try(local.nope.x, azurerm_public_ip.gw1["a"].id)}',
  '${format("%-5s|%05d|%v", each.key, count.index, [1])}',
  '${merge({ a = 1 }, var.m, null)}',
  '${lookup(local.regions, each.key, "x")}',
  '${element(concat([], ["a"]), 7)}',
  '${length(azurerm_public_ip.gw1[*].id) > 1 ? "a" : "b"}',
  '${1 / 0}',
  '${-"x" % !1}',
  '${azurerm_public_ip.gw1[0].name}',
  '${azurerm_public_ip.gw1[each.key].sku}',
  '${true}',
  '${42}',
  '${"text"}',
  '${',
  '${a.b[',
  '${}',
  '$${escaped}',
  '%{ if var.x }a%{ endif }',
  'prefix-${azurerm_resource_group.rg.name}-${var.z}',
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet',
  '/SUBSCRIPTIONS/s/RESOURCEGROUPS/rg/PROVIDERS/microsoft.network/publicIPAddresses/pip',
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw/natRules/n',
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks',
  '/subscriptions//resourceGroups/',
  'true',
  'false',
  '65010',
  '',
);

type Mutation =
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly op: 'inject'; readonly at: number; readonly text: string }
  | { readonly op: 'wrapInArray' | 'unwrapArray' | 'addDynamic' | 'referenceSelf'; readonly at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ op: fc.constant('inject' as const), at: fc.nat(), text: INJECTED }),
  fc.record({ op: fc.constantFrom('wrapInArray' as const, 'unwrapArray' as const, 'addDynamic' as const, 'referenceSelf' as const), at: fc.nat() }),
);

interface Slot {
  readonly parent: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

/** Every (container, key) pair in a JSON value, found without recursion. */
function slots(root: unknown): Slot[] {
  const found: Slot[] = [];
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      value.forEach((item, i) => { found.push({ parent: value, key: i }); pending.push(item); });
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        found.push({ parent: value as Record<string, unknown>, key: k });
        pending.push(v);
      }
    }
  }
  return found;
}

function apply(root: unknown, m: Mutation): unknown {
  const all = slots(root);
  if (all.length === 0) return m.op === 'replace' ? m.value : root;
  const { parent, key } = all[m.at % all.length];
  const get = () => (parent as Record<string | number, unknown>)[key];
  const set = (v: unknown) => { (parent as Record<string | number, unknown>)[key] = v; };
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'replace': set(m.value); break;
    case 'inject': set(m.text); break;
    case 'wrapInArray': set([get()]); break;
    case 'unwrapArray': { const v = get(); if (Array.isArray(v)) set(v[0]); break; }
    case 'addDynamic': {
      const v = get();
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        (v as Record<string, unknown>).dynamic = { ip_configuration: { for_each: '${var.x}', content: {} }, route: [] };
      }
      break;
    }
    case 'referenceSelf': set('${azurerm_virtual_network_gateway.hub_Gateway_B0B8EE58.name}'); break;
  }
  return root;
}

describe('Terraform JSON adapter, property tests', () => {
  test('GIVEN any JSON value as a file WHEN adapted THEN it returns a topology or throws UnusableInputError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (content) => {
        const t = adaptOrReject(content);
        if (t) expectReferencesResolve(t);
      }),
      fuzz(300),
    );
  });

  test('GIVEN random JSON under "resource" and "data" WHEN adapted THEN it returns a topology or throws UnusableInputError', () => {
    const body = fc.dictionary(
      fc.constantFrom('name', 'subnet_id', 'ip_configuration', 'bgp_settings', 'virtual_network_name', 'resource_group_name', 'dynamic', 'depends_on', 'count', 'for_each', '//', 'address_space', 'shared_key'),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), INJECTED),
    );
    const types = fc.constantFrom(
      'azurerm_virtual_network', 'azurerm_subnet', 'azurerm_virtual_network_gateway', 'azurerm_virtual_network_gateway_connection',
      'azurerm_local_network_gateway', 'azurerm_public_ip', 'azurerm_virtual_network_peering', 'azurerm_route_table', 'azurerm_route',
      'azurerm_subnet_network_security_group_association', 'azurerm_network_interface', 'azurerm_virtual_network_gateway_nat_rule',
    );
    const blocks = fc.dictionary(types, fc.dictionary(fc.constantFrom('hub', 'gw', 'site', 'x'), fc.oneof(body, fc.jsonValue({ maxDepth: 2 }))));
    fc.assert(
      fc.property(blocks, blocks, (resource, data) => {
        const t = adaptOrReject({ resource, data });
        if (t) expectReferencesResolve(t);
      }),
      fuzz(200),
    );
  });

  test('GIVEN a valid configuration with random mutations WHEN adapted THEN it returns a topology or throws UnusableInputError', () => {
    fc.assert(
      fc.property(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 12 }), (seed, mutations) => {
        let content: unknown = structuredClone(SEEDS[seed]);
        for (const m of mutations) content = apply(content, m);
        const t = adaptOrReject(content);
        if (t) expectReferencesResolve(t);
      }),
      fuzz(400),
    );
  });

  test('GIVEN random locals that resources and other locals refer to WHEN adapted THEN it returns a topology or throws UnusableInputError', () => {
    const localValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), INJECTED, fc.constantFrom('${local.a}', '${local.b.c}', '${local.c[0]}', '${local.__proto__}', '${local.a}-${local.b}'));
    const locals = fc.oneof(fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor'), localValue), fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'c'), localValue)), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(fc.nat(SEEDS.length - 1), locals, fc.array(mutation, { maxLength: 6 }), (seed, l, mutations) => {
        let content: unknown = structuredClone(SEEDS[seed]);
        (content as Record<string, unknown>).locals = l;
        for (const m of mutations) content = apply(content, m.op === 'inject' ? { ...m, text: '${local.a}' } : m);
        const t = adaptOrReject(content);
        if (t) expectReferencesResolve(t);
      }),
      fuzz(300),
    );
  });

  test('GIVEN a valid configuration and a randomly mutated one (or any JSON) WHEN compared for replacements THEN it never throws, and every replacement names a resource of the newer one', () => {
    fc.assert(
      fc.property(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.jsonValue({ maxDepth: 4 }), (seed, mutations, mutateNewer, other) => {
        let mutated: unknown = structuredClone(SEEDS[seed]);
        for (const m of mutations) mutated = apply(mutated, m);
        const [previous, current] = mutateNewer ? [SEEDS[seed], mutated] : [mutated, SEEDS[seed]];
        for (const r of replacementsBetween(previous, current)) {
          const [type, ...name] = r.address.split('.');
          const resource = (current as { resource?: Record<string, Record<string, unknown>> }).resource;
          if (resource?.[type]?.[name.join('.')] === undefined && !Array.isArray(resource)) throw new Error(`${r.address} is not a resource of the newer configuration`);
        }
        replacementsBetween(other, current);
        replacementsBetween(current, other);
      }),
      fuzz(300),
    );
  });

  test('GIVEN a plan or state with random mutations WHEN adapted THEN it returns a topology or throws UnusableInputError', () => {
    fc.assert(
      fc.property(fc.nat(SHOW_SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 12 }), (seed, mutations) => {
        let content: unknown = structuredClone(SHOW_SEEDS[seed]);
        for (const m of mutations) content = apply(content, m);
        const t = adaptShowOrReject(content);
        if (t) expectReferencesResolve(t);
      }),
      fuzz(300),
    );
  });

  test('GIVEN any JSON value with a format_version WHEN adapted as a plan or state THEN it returns a topology or throws UnusableInputError', () => {
    const document = fc.record({
      format_version: fc.constantFrom('1.0', '1.2', '2.0', 1),
      values: fc.jsonValue({ maxDepth: 5 }),
      planned_values: fc.jsonValue({ maxDepth: 5 }),
      resource_changes: fc.jsonValue({ maxDepth: 4 }),
      configuration: fc.jsonValue({ maxDepth: 5 }),
    }, { requiredKeys: ['format_version'] });
    fc.assert(
      fc.property(document, (content) => {
        const t = adaptShowOrReject(content);
        if (t) expectReferencesResolve(t);
      }),
      fuzz(300),
    );
  });

  test('GIVEN the unmutated plan and state seeds WHEN adapted THEN their references resolve', () => {
    for (const seed of SHOW_SEEDS) {
      const t = adaptShowOrReject(structuredClone(seed));
      expect(t).toBeDefined();
      expect(() => expectReferencesResolve(t as Topology)).not.toThrow();
    }
  });

  test('GIVEN the unmutated seeds WHEN adapted THEN their references resolve (the invariant checker can pass)', () => {
    for (const seed of SEEDS) {
      const t = adaptOrReject(structuredClone(seed));
      expect(t).toBeDefined();
      expect(() => expectReferencesResolve(t as Topology)).not.toThrow();
    }
  });

  test('GIVEN a reference to an entity that is not there WHEN checked THEN the invariant checker fails (it can detect a broken model)', () => {
    const t = adaptOrReject(structuredClone(SEEDS[0])) as Topology;
    t.subnets[0].occupants.push('azurerm_nowhere.x');
    expect(() => expectReferencesResolve(t)).toThrow(/azurerm_nowhere\.x/);
  });

  test('GIVEN nesting 100,000 levels deep inside a body WHEN adapted THEN it does not exhaust the stack', () => {
    let deep: unknown = '${azurerm_public_ip.a.id}';
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { subnet_id: deep };
    const t = adaptOrReject({ resource: { azurerm_public_ip: { a: { name: 'a' } }, azurerm_network_interface: { n: { ip_configuration: deep } } } });
    expect(t?.entities.get('azurerm_network_interface.n')?.dependsOn).toEqual(['azurerm_public_ip.a']);
  });

  test('GIVEN data sources that mention each other WHEN adapted THEN both become entities and the adapter terminates', () => {
    const t = adaptOrReject({
      data: {
        azurerm_subnet: { a: { name: '${data.azurerm_virtual_network.b.name}', virtual_network_name: '${data.azurerm_virtual_network.b.name}', resource_group_name: 'rg' } },
        azurerm_virtual_network: { b: { name: 'b', resource_group_name: '${data.azurerm_subnet.a.resource_group_name}', depends_on: ['data.azurerm_subnet.a'] } },
      },
      resource: { azurerm_network_interface: { n: { ip_configuration: { subnet_id: '${data.azurerm_subnet.a.id}' } } } },
    }) as Topology;
    expectReferencesResolve(t);
    expect(t.entities.get('data.azurerm_subnet.a')?.dependsOn).toEqual(['data.azurerm_virtual_network.b']);
    expect(t.entities.get('data.azurerm_virtual_network.b')?.dependsOn).toEqual(['data.azurerm_subnet.a']);
  });

  test('GIVEN a chain of 5,000 name references WHEN adapted THEN it terminates without exhausting the stack', () => {
    const ips: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) ips[`p${i}`] = { name: i === 4999 ? 'end' : `\${azurerm_public_ip.p${i + 1}.name}` };
    const t = adaptOrReject({ resource: { azurerm_public_ip: ips } }) as Topology;
    expect(t.publicIps).toHaveLength(5000);
    expect(t.entities.get('azurerm_public_ip.p4990')?.name).toBe('end');
  });

  test('GIVEN two stacks linked by a remote state, with random mutations WHEN adapted as one app THEN it returns a topology or throws UnusableInputError', () => {
    const backend = { local: { path: '/app/terraform.hub.tfstate' } };
    const remote = (name: string) => `\${data.terraform_remote_state.hub.outputs.${name}}`;
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 8 }), fc.array(mutation, { maxLength: 8 }), (hubMutations, spokeMutations) => {
        let hub: unknown = {
          ...(structuredClone(SEEDS[0]) as Record<string, unknown>),
          terraform: { backend },
          output: { vnet: { value: '${azurerm_virtual_network.hub_vnet_858991EC.id}' }, name: { value: '${azurerm_virtual_network.hub_vnet_858991EC.name}' }, loop: { value: '${data.terraform_remote_state.spoke.outputs.loop}' } },
          data: { terraform_remote_state: { spoke: { backend: 'local', config: { path: '/app/terraform.spoke.tfstate' } } } },
        };
        let spoke: unknown = {
          terraform: { backend: { local: { path: '/app/terraform.spoke.tfstate' } } },
          output: { loop: { value: remote('loop') } },
          data: { terraform_remote_state: { hub: { backend: 'local', config: backend.local, workspace: '${terraform.workspace}' } } },
          resource: {
            azurerm_virtual_network: { spoke: { name: 'spoke', resource_group_name: 'rg', address_space: ['10.0.1.0/24'] } },
            azurerm_virtual_network_peering: {
              to: { name: 'to', resource_group_name: 'rg', virtual_network_name: remote('name'), remote_virtual_network_id: remote('vnet') },
              back: { name: 'back', resource_group_name: 'rg', virtual_network_name: remote('loop'), remote_virtual_network_id: remote('loop') },
            },
          },
        };
        for (const m of hubMutations) hub = apply(hub, m);
        for (const m of spokeMutations) spoke = apply(spoke, m);
        let t: Topology | undefined;
        try {
          t = topologyFromStacks([{ name: 'hub', files: [{ file: 'hub', content: hub }] }, { name: 'spoke', files: [{ file: 'spoke', content: spoke }] }]);
        } catch (e) {
          if (!(e instanceof UnusableInputError)) throw e;
        }
        if (t) expectReferencesResolve(t);
      }),
      fuzz(150),
    );
  });
});

/** Pieces of Terraform's expression syntax, put together at random. */
const EXPRESSION_TOKENS = fc.constantFrom(
  'local.regions', 'local.m', 'var.x', 'each.key', 'each.value', 'count.index', 'azurerm_public_ip.gw1', '[*]', '.id', '["a"]', '[0]', '[',
  ']', '{', '}', '(', ')', ',', ':', '?', '=>', '=', '...', '"a"', '"${', '"', '1', '-1', '1e9', 'true', 'null', '+', '-', '*', '/', '%', '==',
  '!=', '<', '&&', '||', '!', 'for', 'in', 'if', 'k', 'v', 'cidrsubnet(', 'cidrhost(', 'format(', 'lower(', 'upper(', 'tolist(', 'toset(',
  'merge(', 'concat(', 'lookup(', 'element(', 'length(', 'try(', 'nope(', '"10.0.0.0/8"', '"fd00::/8"', '"%s%d%v%q%05.2f%"', ' ', '\n', '#', '/*',
);

describe('Expression evaluation, property tests', () => {
  const locals = { regions: { a: 'Basic', b: 'Standard' }, m: { x: ['10.0.0.0/16', { y: '${local.regions}' }] }, self: '${local.self}' };
  const adaptExpression = (expression: string, attribute: string) =>
    adaptOrReject({
      locals,
      variable: { x: { default: [1, '2', { a: null }] } },
      resource: {
        azurerm_public_ip: { gw1: { for_each: '${local.regions}', name: '${each.key}', sku: '${each.value}' } },
        azurerm_virtual_network_gateway: { gw: { [attribute]: expression, name: expression, type: 'Vpn', sku: expression, dynamic: { ip_configuration: { for_each: expression, content: { public_ip_address_id: '${ip_configuration.value}' } } } } },
      },
    });

  test('GIVEN random token sequences as expressions, for_each and count WHEN adapted THEN it never throws, and references resolve', () => {
    fc.assert(
      fc.property(fc.array(EXPRESSION_TOKENS, { maxLength: 24 }), fc.constantFrom('for_each', 'count', 'sku'), (tokens, attribute) => {
        const t = adaptExpression('${' + tokens.join(' ') + '}', attribute);
        if (t) expectReferencesResolve(t);
      }),
      fuzz(400),
    );
  });

  test('GIVEN random text inside an interpolation WHEN adapted THEN it never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('for_each', 'count'), (text, attribute) => {
        const t = adaptExpression('${' + text + '}', attribute);
        if (t) expectReferencesResolve(t);
      }),
      fuzz(300),
    );
  });
});
