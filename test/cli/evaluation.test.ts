import { join } from 'path';
import { azvpn, checkJson, expectUnusable, removeScratch, scratch, write } from './support';

/** What Terraform evaluates from literals, evaluated: for_each, locals, functions and variables' values in `azvpn check`. */

const HCL = join(__dirname, '..', 'fixtures', 'hcl');

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

const triples = (r: ReturnType<typeof checkJson>) => r.report.findings.map((f) => [f.rule, f.severity, f.resource]);

describe('GIVEN hubs made by for_each over a literal map, in .tf and in .tf.json', () => {
  test('WHEN checked THEN both give the same findings, each naming the instance address', () => {
    const fromHcl = checkJson(join(HCL, 'for-each'));
    const fromJson = checkJson(join(HCL, 'for-each.tf.json'));
    expect(fromHcl.code).toBe(1);
    expect(triples(fromHcl)).toEqual(expect.arrayContaining([
      ['gw.pip.standard', 'error', 'azurerm_public_ip.gw["neu"]'],
      ['gw.pip.standard', 'error', 'azurerm_public_ip.gw["weu"]'],
    ]));
    expect(fromHcl.report).toEqual(fromJson.report);
  });
});

/** A gateway whose public IP's SKU is `var.ip_sku`: Basic is gw.pip.standard, Standard is fine. */
const GATEWAY_TF = [
  'variable "ip_sku" {',
  '  type = string',
  '}',
  'resource "azurerm_public_ip" "gw" {',
  '  name              = "pip"',
  '  allocation_method = "Static"',
  '  sku               = var.ip_sku',
  '}',
  'resource "azurerm_virtual_network_gateway" "gw" {',
  '  name = "gw"',
  '  type = "Vpn"',
  '  sku  = "VpnGw1AZ"',
  '  ip_configuration {',
  '    public_ip_address_id = azurerm_public_ip.gw.id',
  '    subnet_id            = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet"',
  '  }',
  '}',
  '',
].join('\n');

const severityOfPipRule = (r: ReturnType<typeof checkJson>) => r.report.findings.find((f) => f.rule === 'gw.pip.standard')?.severity;

describe('GIVEN a variable that decides a rule', () => {
  test('WHEN it has no value THEN the rule is skipped as an info naming the variable', () => {
    write(dir, 'main.tf', GATEWAY_TF);
    const r = checkJson(dir);
    expect(severityOfPipRule(r)).toBe('info');
    expect(r.report.findings.find((f) => f.rule === 'gw.pip.standard')?.message).toContain('var.ip_sku is a variable');
  });

  test('WHEN its default is Basic THEN the rule reports its error', () => {
    write(dir, 'main.tf', GATEWAY_TF.replace('  type = string\n', '  type = string\n  default = "Basic"\n'));
    expect(severityOfPipRule(checkJson(dir))).toBe('error');
  });

  test('WHEN terraform.tfvars sets it THEN that value is used, and *.auto.tfvars.json wins over it', () => {
    write(dir, 'main.tf', GATEWAY_TF);
    write(dir, 'terraform.tfvars', 'ip_sku = "Basic"\n');
    expect(severityOfPipRule(checkJson(dir))).toBe('error');
    write(dir, 'z.auto.tfvars.json', { ip_sku: 'Standard' });
    expect(severityOfPipRule(checkJson(dir))).toBeUndefined();
  });

  test('WHEN -var-file and -var set it THEN they win over the directory\'s files, the later option winning', () => {
    write(dir, 'main.tf', GATEWAY_TF);
    write(dir, 'terraform.tfvars.json', { ip_sku: 'Standard' });
    const basic = write(dir, 'basic.tfvars', 'ip_sku = "Basic"\n');
    const run = (...options: string[]) => azvpn('check', dir, '--format', 'json', ...options);
    expect(run('-var-file', basic).code).toBe(1);
    expect(run('-var-file', basic, '-var', 'ip_sku=Standard').code).toBe(0);
    expect(run('-var=ip_sku=Standard', `-var-file=${basic}`).code).toBe(1);
  });

  test('WHEN the variable is sensitive THEN its value is never read', () => {
    write(dir, 'main.tf', GATEWAY_TF.replace('  type = string\n', '  type = string\n  sensitive = true\n  default = "Basic"\n'));
    const r = checkJson(dir);
    expect(severityOfPipRule(r)).toBe('info');
    expect(r.stdout).not.toContain('"Basic"');
  });

  test('WHEN -var is malformed or -var-file is missing THEN exit 2 with one line', () => {
    write(dir, 'main.tf', GATEWAY_TF);
    expectUnusable(azvpn('check', dir, '-var', 'novalue'), 'invalid -var "novalue" (expected -var NAME=VALUE)');
    expectUnusable(azvpn('check', dir, '-var-file', join(dir, 'missing.tfvars')), 'missing.tfvars');
    expectUnusable(azvpn('check', dir, '-var'), 'option -var needs a value');
  });

  test('WHEN a -var value is a map in HCL THEN for_each over it expands the resource', () => {
    write(dir, 'main.tf', [
      'variable "sites" {}',
      'resource "azurerm_public_ip" "gw" {',
      '  for_each          = var.sites',
      '  name              = each.key',
      '  allocation_method = "Static"',
      '  sku               = each.value',
      '}',
      'resource "azurerm_virtual_network_gateway" "gw" {',
      '  for_each = var.sites',
      '  name = "gw-${each.key}"',
      '  type = "Vpn"',
      '  sku  = "VpnGw1AZ"',
      '  ip_configuration {',
      '    public_ip_address_id = azurerm_public_ip.gw[each.key].id',
      '    subnet_id            = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet"',
      '  }',
      '}',
      '',
    ].join('\n'));
    const r = azvpn('check', dir, '--format', 'json', '-var', 'sites={ a = "Standard", b = "Basic" }');
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; severity: string; resource: string }> }).findings;
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.resource])).toEqual([['gw.pip.standard', 'azurerm_public_ip.gw["b"]']]);
  });
});

describe('GIVEN an error hidden behind a local', () => {
  test('WHEN sku = local.gateway_sku is a Basic-era SKU THEN the rule reports its error, not an info skip', () => {
    write(dir, 'main.tf', GATEWAY_TF.replace('variable "ip_sku" {\n  type = string\n}\n', 'locals {\n  ip_sku = lower("BASIC") == "basic" ? "Basic" : "Standard"\n}\n').replace('var.ip_sku', 'local.ip_sku'));
    expect(severityOfPipRule(checkJson(dir))).toBe('error');
  });
});

describe('GIVEN findings on resources of a .tf file', () => {
  const forEach = join(HCL, 'for-each');
  const pipLine = 32;

  test('WHEN printed as text THEN each resource names its file:line, instances their block\'s line', () => {
    const r = azvpn('check', forEach);
    expect(r.stdout).toContain(`azurerm_public_ip.gw["neu"]  ${join(forEach, 'main.tf')}:${pipLine}`);
    expect(r.stdout).toContain(`azurerm_public_ip.gw["weu"]  ${join(forEach, 'main.tf')}:${pipLine}`);
  });

  test('WHEN printed as SARIF THEN the physical location is the file with region.startLine', () => {
    const sarif = JSON.parse(azvpn('check', forEach, '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }> };
    const location = sarif.runs[0].results[0].locations[0].physicalLocation;
    expect(location.artifactLocation.uri.endsWith('/for-each/main.tf')).toBe(true);
    expect(location.region).toEqual({ startLine: pipLine });
  });

  test('WHEN the same configuration is JSON THEN there is no line, and the location is the file', () => {
    const sarif = JSON.parse(azvpn('check', join(HCL, 'for-each.tf.json'), '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region?: unknown } }> }> }> };
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toBeUndefined();
  });
});
