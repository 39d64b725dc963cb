import { join } from 'path';
import { azvpn, checkJson, expectUnusable, removeScratch, scratch, write } from './support';

/** Native HCL (`*.tf`): read through @cdktf/hcl2json, checked like its .tf.json equivalent. */

const HCL = join(__dirname, '..', 'fixtures', 'hcl');

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

describe('GIVEN a directory of .tf files', () => {
  test('WHEN it is checked THEN the findings equal those of the equivalent .tf.json', () => {
    const fromHcl = checkJson(join(HCL, 'gateway'));
    const fromJson = checkJson(join(HCL, 'gateway.tf.json'));
    expect(fromHcl.code).toBe(1);
    expect(fromHcl.report.findings.map((f) => [f.rule, f.severity, f.resource])).toContainEqual(['gw.pip.standard', 'error', 'azurerm_public_ip.gw']);
    expect(fromHcl.report).toEqual(fromJson.report);
  });

  test('WHEN a valid .tf file is named on its own THEN it exits 0', () => {
    const file = write(dir, 'main.tf', 'resource "azurerm_resource_group" "rg" {\n  name     = "rg"\n  location = "westeurope"\n}\n');
    const result = azvpn('check', file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('WHEN .tf and .tf.json files share a directory THEN they form one configuration', () => {
    write(dir, 'network.tf', 'resource "azurerm_public_ip" "gw" {\n  name = "pip"\n  sku = "Basic"\n  allocation_method = "Static"\n}\n');
    write(dir, 'vpn.tf.json', { resource: { azurerm_virtual_network_gateway: { gw: { name: 'gw', type: 'Vpn', sku: 'VpnGw1AZ', ip_configuration: [{ public_ip_address_id: '${azurerm_public_ip.gw.id}', subnet_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet' }] } } } });
    const { report } = checkJson(dir);
    expect(report.findings.map((f) => f.rule)).toContain('gw.pip.standard');
  });

  test('WHEN a .tf file has a syntax error THEN exit 2 with file:line and the parser message', () => {
    const file = write(dir, 'main.tf', 'resource "azurerm_public_ip" "gw" {\n  name = "pip"\n  sku =\n}\n');
    expectUnusable(azvpn('check', dir), `azvpn: ${file}:3: HCL syntax error at column`, 'Invalid expression');
  });

  test('WHEN a .tf file is empty or holds only comments THEN it adds nothing', () => {
    write(dir, 'versions.tf', '# nothing yet\n');
    write(dir, 'main.tf.json', { resource: { azurerm_resource_group: { rg: { name: 'rg', location: 'westeurope' } } } });
    expect(azvpn('check', dir).code).toBe(0);
  });

  test('WHEN an attribute is a literal local THEN the rule decides on its value, as in .tf.json', () => {
    write(dir, 'main.tf', [
      'locals {',
      '  ip_sku = "Basic"',
      '}',
      'resource "azurerm_public_ip" "gw" {',
      '  name = "pip"',
      '  sku = local.ip_sku',
      '  allocation_method = "Static"',
      '}',
      'resource "azurerm_virtual_network_gateway" "gw" {',
      '  name = "gw"',
      '  type = "Vpn"',
      '  sku  = "VpnGw1"',
      '  ip_configuration {',
      '    public_ip_address_id = azurerm_public_ip.gw.id',
      '    subnet_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet"',
      '  }',
      '}',
      '',
    ].join('\n'));
    const { report } = checkJson(dir);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.resource])).toContainEqual(['gw.pip.standard', 'azurerm_public_ip.gw']);
  });

  test('WHEN a dynamic block iterates over a literal list THEN its blocks are read, as in .tf.json', () => {
    write(dir, 'main.tf', [
      'resource "azurerm_public_ip" "gw" {',
      '  name = "pip"',
      '  sku = "Basic"',
      '  allocation_method = "Static"',
      '}',
      'resource "azurerm_virtual_network_gateway" "gw" {',
      '  name = "gw"',
      '  type = "Vpn"',
      '  sku  = "VpnGw1"',
      '  dynamic "ip_configuration" {',
      '    for_each = [azurerm_public_ip.gw.id]',
      '    content {',
      '      name = "cfg${ip_configuration.key}"',
      '      public_ip_address_id = ip_configuration.value',
      '      subnet_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet"',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'));
    const { report } = checkJson(dir);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.resource])).toContainEqual(['gw.pip.standard', 'azurerm_public_ip.gw']);
  });
});
