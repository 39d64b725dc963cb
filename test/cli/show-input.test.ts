import { join } from 'path';
import { azvpn, checkJson, expectUnusable, removeScratch, scratch, write } from './support';

const FIXTURES = join(__dirname, '..', 'fixtures', 'show');
const fixture = (name: string) => join(FIXTURES, name);

describe('GIVEN azvpn check on terraform show -json output', () => {
  test.each([['plan-new.json'], ['state.json'], ['plan-resize-in-place.json']])('WHEN %s is valid THEN it exits 0', (name) => {
    const result = azvpn('check', fixture(name));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test.each([['plan-new-basic-ip.json'], ['state-basic-ip.json']])('WHEN %s has a Basic IP inside a for_each module instance THEN it exits 1 naming the full address', (name) => {
    const { code, report } = checkJson(fixture(name));
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.resource])).toContainEqual(['gw.pip.standard', 'module.hub["neu"].azurerm_public_ip.gw']);
  });

  test('WHEN the format_version major is not 1 THEN it exits 2 with one line naming the supported versions', () => {
    expectUnusable(azvpn('check', fixture('state-format-2.json')), 'format_version "2.0" is not supported', '1.x');
  });

  test('WHEN a named .json file is neither show output nor a .tf.json configuration THEN it exits 2', () => {
    const dir = scratch();
    try {
      expectUnusable(azvpn('check', write(dir, 'other.json', { resource: {} })), 'no "format_version"');
    } finally {
      removeScratch(dir);
    }
  });

  test('WHEN a plan is checked THEN the text output shows the module instance address', () => {
    const result = azvpn('check', fixture('plan-new-basic-ip.json'));
    expect(result.stdout).toContain('module.hub["neu"].azurerm_public_ip.gw');
  });

  test('WHEN a plan replaces the gateway (and so its connections) THEN it exits 1 with plan.gateway.replace and plan.connection.replace', () => {
    const { code, report } = checkJson(fixture('plan-replace-gateway.json'));
    expect(code).toBe(1);
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.rule, f.resource])).toEqual([
      ['plan.connection.replace', 'azurerm_virtual_network_gateway_connection.site["berlin"]'],
      ['plan.connection.replace', 'azurerm_virtual_network_gateway_connection.site["paris"]'],
      ['plan.gateway.replace', 'module.hub["weu"].azurerm_virtual_network_gateway.this'],
    ]);
    expect(errors[2].message).toContain('because ip_configuration forces a new resource');
  });

  test('WHEN the plan resizes the gateway in place THEN no plan rule reports', () => {
    const { code, report } = checkJson(fixture('plan-resize-in-place.json'));
    expect(code).toBe(0);
    expect(report.findings.filter((f) => f.rule.startsWith('plan.'))).toEqual([]);
  });

  test('WHEN every replacement is acknowledged with --allow-replace THEN it exits 0 and the replacements are infos', () => {
    const result = azvpn(
      'check', fixture('plan-replace-gateway.json'), '--format', 'json',
      '--allow-replace', 'module.hub["weu"].azurerm_virtual_network_gateway.this',
      '--allow-replace=azurerm_virtual_network_gateway_connection.site["berlin"]',
      '--allow-replace', 'azurerm_virtual_network_gateway_connection.site["paris"]',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: Array<{ rule: string; severity: string; message: string }> };
    const plan = report.findings.filter((f) => f.rule.startsWith('plan.'));
    expect(plan.map((f) => f.severity)).toEqual(['info', 'info', 'info']);
    expect(plan[0].message).toMatch(/^acknowledged with --allow-replace/);
  });

  test('WHEN only some replacements are acknowledged THEN it still exits 1', () => {
    expect(azvpn('check', fixture('plan-replace-gateway.json'), '--allow-replace', 'module.hub["weu"].azurerm_virtual_network_gateway.this').code).toBe(1);
  });

  test('WHEN --allow-replace has no value THEN exit 2', () => {
    expectUnusable(azvpn('check', fixture('plan-new.json'), '--allow-replace'), '--allow-replace needs a value');
  });
});
