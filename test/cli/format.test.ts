import { ConfigurationResult, printable, renderJson, renderText } from '../../lib/cli/format';
import { Finding, Severity } from '../../lib/rules/rule';

function finding(rule: string, severity: Severity, resource: string, message: string, path: string | null = null): Finding {
  return { rule, severity, resource, path, message };
}

const gatewayResult: ConfigurationResult = {
  name: 'infra',
  findings: [
    finding('gw.pip.standard', Severity.ERROR, 'azurerm_public_ip.gw', 'sku "Basic" is not allowed; set sku = "Standard"'),
    finding('gw.pip.static', Severity.ERROR, 'azurerm_public_ip.gw', 'allocation_method "Dynamic" is not allowed; set "Static"'),
    finding('peer.use-remote-single', Severity.WARNING, 'azurerm_virtual_network_peering.s', 'two peerings use remote gateways'),
    finding('conn.shared-key', Severity.INFO, 'azurerm_virtual_network_gateway_connection.c', 'skipped: shared_key is not known at synth time'),
  ],
};

describe('GIVEN findings of one configuration', () => {
  test('WHEN rendered as JSON THEN the document has exactly the contract keys in order', () => {
    const document = JSON.parse(renderJson([gatewayResult])) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['findings', 'summary']);
    expect(document.summary).toEqual({ errors: 2, warnings: 1, infos: 1 });
    const findings = document.findings as Array<Record<string, unknown>>;
    expect(findings).toHaveLength(4);
    for (const f of findings) expect(Object.keys(f)).toEqual(['rule', 'severity', 'resource', 'path', 'message']);
    expect(findings[0]).toEqual({ rule: 'gw.pip.standard', severity: 'error', resource: 'azurerm_public_ip.gw', path: null, message: gatewayResult.findings[0].message });
    expect(Object.keys(document.summary as object)).toEqual(['errors', 'warnings', 'infos']);
  });

  test('WHEN rendered as text THEN findings are grouped under their resource with severity-tagged lines and a summary', () => {
    const text = renderText([gatewayResult], { verbose: false, color: false });
    expect(text).toBe(
      [
        'azurerm_public_ip.gw',
        '  error    gw.pip.standard         sku "Basic" is not allowed; set sku = "Standard"',
        '  error    gw.pip.static           allocation_method "Dynamic" is not allowed; set "Static"',
        '',
        'azurerm_virtual_network_peering.s',
        '  warning  peer.use-remote-single  two peerings use remote gateways',
        '',
        '2 errors, 1 warning, 1 info (rules skipped on unknown values; --verbose to show) in 1 configuration (infra)',
        '',
      ].join('\n'),
    );
  });

  test('WHEN rendered as text with verbose THEN infos are shown and the hint is gone', () => {
    const text = renderText([gatewayResult], { verbose: true, color: false });
    expect(text).toContain('azurerm_virtual_network_gateway_connection.c\n  info     conn.shared-key         skipped: shared_key is not known at synth time');
    expect(text).toContain('2 errors, 1 warning, 1 info in 1 configuration (infra)');
    expect(text).not.toContain('--verbose');
  });

  test('WHEN rendered without colour THEN there is no escape sequence, and with colour the severities are coloured', () => {
    expect(renderText([gatewayResult], { verbose: true, color: false })).not.toContain('\u001b[');
    const coloured = renderText([gatewayResult], { verbose: true, color: true });
    expect(coloured).toContain('\u001b[31merror  \u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m');
  });

  test('WHEN there is nothing to report THEN only the summary line is printed', () => {
    expect(renderText([{ name: 'clean', findings: [] }], { verbose: false, color: false })).toBe('0 errors, 0 warnings, 0 infos in 1 configuration (clean)\n');
  });
});

describe('GIVEN findings from cdktf stacks', () => {
  const hub: ConfigurationResult = {
    name: 'cdktf.out/stacks/hub/cdk.tf.json',
    findings: [finding('gw.subnet.size', Severity.ERROR, 'azurerm_subnet.gw', 'address_prefixes "10.0.0.0/29" is too small', 'hub/Network/GatewaySubnet')],
  };
  const spoke: ConfigurationResult = {
    name: 'cdktf.out/stacks/spoke/cdk.tf.json',
    findings: [finding('gw.subnet.size', Severity.ERROR, 'azurerm_subnet.gw', 'address_prefixes "10.9.0.0/28" is too small', 'spoke/Network/GatewaySubnet')],
  };

  test('WHEN rendered as text THEN each configuration has a heading and each resource shows its construct path', () => {
    const text = renderText([hub, spoke], { verbose: false, color: false });
    expect(text).toContain('cdktf.out/stacks/hub/cdk.tf.json:\n  azurerm_subnet.gw  (hub/Network/GatewaySubnet)\n    error    gw.subnet.size  address_prefixes "10.0.0.0/29" is too small');
    expect(text).toContain('cdktf.out/stacks/spoke/cdk.tf.json:\n  azurerm_subnet.gw  (spoke/Network/GatewaySubnet)\n');
    expect(text).toMatch(/2 errors, 0 warnings, 0 infos in 2 configurations\n$/);
  });

  test('WHEN rendered as JSON THEN both share one list and the construct path tells the same address apart', () => {
    const document = JSON.parse(renderJson([hub, spoke])) as { findings: Array<{ resource: string; path: string }>; summary: object };
    expect(document.findings.map((f) => [f.resource, f.path])).toEqual([
      ['azurerm_subnet.gw', 'hub/Network/GatewaySubnet'],
      ['azurerm_subnet.gw', 'spoke/Network/GatewaySubnet'],
    ]);
    expect(document.summary).toEqual({ errors: 2, warnings: 0, infos: 0 });
  });
});

test('GIVEN an address holding terminal escape sequences WHEN rendered as text THEN the control characters are neutralised', () => {
  const hostile: ConfigurationResult = { name: 'x', findings: [finding('gw.subnet.name', Severity.ERROR, 'azurerm_subnet.a\u001b[2J\nb', 'bad\rname')] };
  const text = renderText([hostile], { verbose: false, color: false });
  expect(text).not.toContain('\u001b');
  expect(text).toContain('azurerm_subnet.a\\x1b[2J\\nb');
  expect(printable('a\tb\u0007c')).toBe('a\\tb\\x07c');
});
