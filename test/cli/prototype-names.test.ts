import { mergedExample } from './example';
import { checkJson, removeScratch, scratch, write } from './support';

/**
 * Resource names are the user's: a name that is also a JavaScript prototype key must work like
 * any other, through references, indexes and reports.
 */

let dir: string;
beforeAll(() => {
  dir = scratch();
});
afterAll(() => removeScratch(dir));

describe.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString'])('GIVEN the gateway\'s public IP named %s', (key) => {
  test('WHEN that IP is Basic THEN the error is reported on it, and the gateway still finds its IP through the reference', () => {
    const config = JSON.parse(JSON.stringify(mergedExample()).split('gateway_1').join(key));
    config.resource.azurerm_public_ip[key].sku = 'Basic';
    // Also as the Azure name and a dynamic block name, where indexes keyed by name are used.
    config.resource.azurerm_public_ip[key].name = key;
    write(dir, 'main.tf.json', config);
    const { report } = checkJson(dir);
    const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.resource}`);
    expect(errors).toContain(`gw.pip.standard azurerm_public_ip.${key}`);
    expect(report.findings.filter((f) => f.message.includes('not declared in this configuration'))).toEqual([]);
  });
});
