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
});
