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
