import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { PublicIp, Topology, VirtualNetworkGateway as Gateway } from '../../lib/model/topology';
import { Unknown } from '../../lib/model/unknown';

/**
 * Evaluation of what the configuration fixes (issue 11 item 3): locals, variables' defaults,
 * for_each and count, references into instances, dynamic blocks and the functions a network
 * configuration uses. Each has a case that stays unknown: nothing is guessed.
 */

const SUBNET_ID = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet';

function adapt(content: object): Topology {
  return topologyFromTerraformJson([{ file: 'main.tf.json', content }]);
}

/** The value of `expression` as the name of a public IP, with these locals and variables. */
function nameOf(expression: string, extra: { locals?: object; variable?: object } = {}): string | Unknown {
  const t = adapt({ ...extra, resource: { azurerm_public_ip: { p: { name: expression, allocation_method: 'Static' } } } });
  return (t.entities.get('azurerm_public_ip.p') as PublicIp).name as string | Unknown;
}

/** The value of `expression` as the zones (a list) of a public IP. */
function zonesOf(expression: string, extra: { locals?: object; variable?: object } = {}): { items: string[]; unknown?: Unknown } {
  const t = adapt({ ...extra, resource: { azurerm_public_ip: { p: { name: 'p', allocation_method: 'Static', zones: expression } } } });
  return (t.entities.get('azurerm_public_ip.p') as PublicIp).zones as { items: string[]; unknown?: Unknown };
}

function reasonOf(value: unknown): string {
  expect(value).toBeInstanceOf(Unknown);
  return (value as Unknown).reason;
}

describe('GIVEN locals and variables', () => {
  test('WHEN a local rests on literals and a variable default THEN it is evaluated', () => {
    expect(nameOf('${local.name}', { locals: { name: 'pip-${var.env}' }, variable: { env: { default: 'prod' } } })).toBe('pip-prod');
  });

  test('WHEN a local rests on a variable without a default THEN it stays unknown, naming the variable', () => {
    expect(reasonOf(nameOf('${local.name}', { locals: { name: 'pip-${var.env}' }, variable: { env: {} } }))).toBe('var.env is a variable (in a string template)');
  });
});

describe('GIVEN the functions a network configuration uses', () => {
  const known: Array<[string, string]> = [
    ['${cidrsubnet("10.0.0.0/16", 8, 2)}', '10.0.2.0/24'],
    ['${cidrsubnet("10.1.0.0/16", 11, 2047)}', '10.1.255.224/27'],
    ['${cidrsubnet("fd00:1::/48", 16, 1)}', 'fd00:1:0:1::/64'],
    ['${cidrhost("10.0.0.0/24", 5)}', '10.0.0.5'],
    ['${cidrhost("10.0.0.0/24", -2)}', '10.0.0.254'],
    ['${format("gw-%s-%03d", "weu", 7)}', 'gw-weu-007'],
    ['${format("%v|%q|%%|%t", 1.5, "a", true)}', '1.5|"a"|%|true'],
    ['${lower("VpnGw2AZ")}', 'vpngw2az'],
    ['${upper("basic")}', 'BASIC'],
    ['${length(tolist(["a", "b"]))}', '2'],
    ['${length(toset(["a", "b", "a"]))}', '2'],
    ['${merge({ a = "1" }, { a = "2", b = "3" }).a}', '2'],
    ['${length(concat(["a"], ["b", "c"]))}', '3'],
    ['${lookup({ weu = "westeurope" }, "weu", "none")}', 'westeurope'],
    ['${lookup({ weu = "westeurope" }, "neu", "none")}', 'none'],
    ['${element(["a", "b", "c"], 4)}', 'b'],
    ['${length("abc")}', '3'],
    ['${try(local.m.missing, "fallback")}', 'fallback'],
    ['${1 + 2 * 3 - 4 / 2}', '5'],
    ['${5 % 3 == 2 && !false ? "yes" : "no"}', 'yes'],
    ['${join("-", ["a"]) == "" || true}', 'true'],
    ['${[for k, v in { a = "x", b = "y" } : "${k}=${v}" if v != "y"][0]}', 'a=x'],
    ['${{ for s in ["a", "b"] : s => upper(s) }["b"]}', 'B'],
  ];
  test.each(known)('WHEN %s is evaluated THEN it is %s', (expression, expected) => {
    expect(nameOf(expression, { locals: { m: { present: 'x' } } })).toBe(expected);
  });

  const unknown: Array<[string, string]> = [
    ['${cidrsubnet(var.space, 8, 1)}', 'var.space is a variable'],
    ['${cidrsubnet("10.0.0.0/30", 8, 1)}', 'cidrsubnet(): a /30 prefix cannot be extended by 8 bits'],
    ['${cidrhost(var.space, 4)}', 'var.space is a variable'],
    ['${cidrhost("10.0.0.0/30", 9)}', 'cidrhost(): prefix 10.0.0.0/30 has no host 9'],
    ['${format("%s", var.x)}', 'var.x is a variable'],
    ['${format("%s %s", "a")}', 'format(): too few arguments for the format'],
    ['${lower(var.x)}', 'var.x is a variable'],
    ['${upper(data.azurerm_client_config.c.tenant_id)}', 'data.azurerm_client_config.c is not declared in this configuration'],
    ['${length(var.list)}', 'var.list is a variable'],
    ['${tolist(var.list)[0]}', 'var.list is a variable'],
    ['${toset(var.list)[0]}', 'var.list is a variable'],
    ['${merge(var.m, { a = "1" }).a}', 'var.m is a variable'],
    ['${concat(var.list, ["a"])[0]}', 'var.list is a variable'],
    ['${lookup(var.m, "a", "d")}', 'var.m is a variable'],
    ['${lookup({ a = "1" }, "b")}', 'lookup(): the key "b" is not in the map and there is no default'],
    ['${element(var.list, 0)}', 'var.list is a variable'],
    ['${try(var.x, "fallback")}', 'var.x is a variable'],
    ['${var.flag ? "a" : "b"}', 'var.flag is a variable'],
    ['${jsondecode("{}")}', 'jsondecode() is a function call'],
    ['${1 +}', 'not a valid Terraform expression'],
  ];
  test.each(unknown)('WHEN %s rests on something unknown or Terraform would reject it THEN it stays unknown: %s', (expression, reason) => {
    expect(reasonOf(nameOf(expression))).toContain(reason);
  });

  test('WHEN a function gives a list THEN a list attribute takes it, and an unknown list stays unknown', () => {
    expect(zonesOf('${concat(["1"], tolist(["2", "3"]))}')).toEqual({ items: ['1', '2', '3'] });
    expect(zonesOf('${toset(["3", "1", "3"])}')).toEqual({ items: ['1', '3'] });
    expect(reasonOf(zonesOf('${concat(["1"], var.more)}').unknown)).toBe('var.more is a variable');
  });
});

describe('GIVEN resources with for_each and count', () => {
  const gatewayOver = (forEach: unknown, extra: object = {}) =>
    adapt({
      ...extra,
      resource: {
        azurerm_public_ip: { pip: { for_each: forEach, name: 'pip-${each.key}', sku: '${each.value}', allocation_method: 'Static' } },
        azurerm_virtual_network_gateway: {
          gw: { for_each: forEach, name: 'gw-${each.key}', type: 'Vpn', sku: 'VpnGw1AZ', ip_configuration: { public_ip_address_id: '${azurerm_public_ip.pip[each.key].id}', subnet_id: SUBNET_ID } },
        },
      },
    });
  const addresses = (t: Topology) => [...t.entities.keys()].filter((a) => !a.startsWith('external:')).sort();

  test('WHEN for_each is a literal map THEN each instance has its address, each.key and each.value, and references reach the instance', () => {
    const t = gatewayOver({ weu: 'Standard', neu: 'Basic' });
    expect(addresses(t)).toEqual(['azurerm_public_ip.pip["neu"]', 'azurerm_public_ip.pip["weu"]', 'azurerm_virtual_network_gateway.gw["neu"]', 'azurerm_virtual_network_gateway.gw["weu"]']);
    expect(t.entities.get('azurerm_public_ip.pip["neu"]')).toMatchObject({ name: 'pip-neu', sku: 'Basic' });
    expect((t.entities.get('azurerm_virtual_network_gateway.gw["weu"]') as Gateway).ipConfigurations).toEqual([expect.objectContaining({ publicIp: 'azurerm_public_ip.pip["weu"]' })]);
  });

  test('WHEN for_each is a set from toset() of a local THEN each.key and each.value are the element', () => {
    const t = gatewayOver('${toset(local.skus)}', { locals: { skus: ['Standard', 'Basic', 'Standard'] } });
    expect(t.entities.get('azurerm_public_ip.pip["Basic"]')).toMatchObject({ name: 'pip-Basic', sku: 'Basic' });
    expect(addresses(t)).toHaveLength(4);
  });

  test('WHEN for_each is a variable without a default THEN the resource stays one entity with each.* unknown', () => {
    const t = gatewayOver('${var.sites}');
    expect(addresses(t)).toEqual(['azurerm_public_ip.pip', 'azurerm_virtual_network_gateway.gw']);
    expect(reasonOf((t.entities.get('azurerm_public_ip.pip') as PublicIp).sku)).toBe('each.value differs per instance of a resource with for_each');
  });

  test('WHEN count is a literal or a conditional over a variable default THEN the instances are [0]..[n-1] with count.index', () => {
    const counted = (count: unknown, variable: object = {}) =>
      adapt({ variable, resource: { azurerm_public_ip: { p: { count, name: 'pip-${count.index + 1}', allocation_method: 'Static', zones: ['${count.index}'] } } } });
    const t = counted(2);
    expect(addresses(t)).toEqual(['azurerm_public_ip.p[0]', 'azurerm_public_ip.p[1]']);
    expect(t.entities.get('azurerm_public_ip.p[1]')).toMatchObject({ name: 'pip-2', zones: { items: ['1'] } });
    expect(addresses(counted('${var.on ? 1 : 0}', { on: { default: false } }))).toEqual([]);
    expect(addresses(counted('${var.on ? 1 : 0}', { on: { default: true } }))).toEqual(['azurerm_public_ip.p[0]']);
  });

  test('WHEN count is not known THEN the resource stays one entity with count.index unknown', () => {
    const t = adapt({ resource: { azurerm_public_ip: { p: { count: '${length(data.azurerm_resources.r.resources)}', name: 'pip-${count.index}', allocation_method: 'Static' } } } });
    expect(addresses(t)).toEqual(['azurerm_public_ip.p']);
    expect(reasonOf((t.entities.get('azurerm_public_ip.p') as PublicIp).name)).toContain('count.index differs per instance of a resource with count');
  });

  test('WHEN references use an instance key, a splat or an unknown key THEN instances are reached, and the unknown key stays unknown', () => {
    const t = adapt({
      variable: { k: {} },
      resource: {
        azurerm_public_ip: { p: { count: 2, name: 'pip-${count.index}', allocation_method: 'Static', sku: 'Standard' } },
        azurerm_virtual_network_gateway: {
          gw: {
            name: 'gw', type: 'Vpn', sku: 'VpnGw1AZ', active_active: true,
            dynamic: { ip_configuration: { for_each: '${azurerm_public_ip.p[*].id}', content: { name: 'c${ip_configuration.key}', public_ip_address_id: '${ip_configuration.value}', subnet_id: SUBNET_ID } } },
          },
          other: { name: '${azurerm_public_ip.p[1].name}', type: 'Vpn', sku: '${azurerm_public_ip.p[var.k].sku}' },
        },
      },
    });
    const gw = t.entities.get('azurerm_virtual_network_gateway.gw') as Gateway;
    expect((gw.ipConfigurations as Array<{ publicIp: unknown }>).map((c) => c.publicIp)).toEqual(['azurerm_public_ip.p[0]', 'azurerm_public_ip.p[1]']);
    const other = t.entities.get('azurerm_virtual_network_gateway.other') as Gateway;
    expect(other.name).toBe('pip-1');
    expect(reasonOf(other.sku)).toBe('var.k is a variable');
  });
});

describe('GIVEN a dynamic block', () => {
  const gateway = (forEach: unknown, locals: object = {}) =>
    adapt({
      locals,
      resource: {
        azurerm_virtual_network_gateway: {
          gw: { name: 'gw', type: 'Vpn', sku: 'VpnGw1AZ', dynamic: { ip_configuration: { for_each: forEach, content: { name: '${ip_configuration.key}', subnet_id: SUBNET_ID } } } },
        },
      },
    }).entities.get('azurerm_virtual_network_gateway.gw') as Gateway;

  test('WHEN for_each is a function over a local THEN it is expanded', () => {
    expect((gateway('${toset(local.names)}', { names: ['b', 'a'] }).ipConfigurations as Array<{ name: unknown }>).map((c) => c.name)).toEqual(['0', '1']);
  });

  test('WHEN for_each rests on a variable THEN the blocks stay unknown', () => {
    expect(reasonOf(gateway('${toset(var.names)}').ipConfigurations)).toContain('var.names is a variable');
  });
});

describe('GIVEN expressions at the bounds', () => {
  test('WHEN nesting is deep, a local refers to itself or a list is huge THEN the value is unknown and nothing throws', () => {
    expect(nameOf(`\${${'('.repeat(2000)}"x"${')'.repeat(2000)}}`)).toBeInstanceOf(Unknown);
    expect(nameOf('${local.a}', { locals: { a: '${local.b}', b: '${upper(local.a)}' } })).toBeInstanceOf(Unknown);
    expect(nameOf('${length([for i in local.big : [for j in local.big : j]])}', { locals: { big: Array.from({ length: 5000 }, (_, i) => String(i)) } })).toBeInstanceOf(Unknown);
  });

  test('WHEN for_each has more instances than the bound THEN the resource stays one entity', () => {
    const forEach = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, 'Standard']));
    const t = adapt({ resource: { azurerm_public_ip: { p: { for_each: forEach, name: '${each.key}', allocation_method: 'Static' } } } });
    expect([...t.entities.keys()]).toEqual(['azurerm_public_ip.p']);
  });
});


