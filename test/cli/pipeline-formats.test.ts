import { join } from 'path';
import { Document, DOMParser } from '@xmldom/xmldom';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { azvpn, removeScratch, scratch, write } from './support';
import { RULES } from '../../lib/rules/catalogue';

/**
 * `--format sarif` is validated against the SARIF 2.1.0 JSON schema (vendored as test data) with
 * ajv; `--format junit` is parsed back with a real XML parser.
 */

const SCHEMA = require('../fixtures/sarif/sarif-schema-2.1.0.json') as object;
// The published schema's language pattern is not valid with the `u` flag; its other patterns are.
const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(SCHEMA);

const SHOW = join(__dirname, '..', 'fixtures', 'show');
const TF_JSON = join(__dirname, '..', 'fixtures', 'tf-json');

interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string }> } };
    results: Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ fullyQualifiedName: string }> }> }>;
  }>;
}

function sarif(...paths: string[]): { code: number; log: SarifLog; text: string } {
  const result = azvpn('check', ...paths, '--format', 'sarif');
  expect(result.stderr).toBe('');
  return { code: result.code, log: JSON.parse(result.stdout) as SarifLog, text: result.stdout };
}

function parseXml(text: string): Document {
  const problems: string[] = [];
  const document = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
  expect(problems).toEqual([]);
  return document;
}

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

describe('GIVEN azvpn check --format sarif', () => {
  test.each([
    ['a plan with errors in a module instance', join(SHOW, 'plan-new-basic-ip.json')],
    ['a plan that replaces the gateway', join(SHOW, 'plan-replace-gateway.json')],
    ['a configuration with warnings and infos', join(TF_JSON, 'hub-4x.tf.json')],
    ['a directory configuration', join(TF_JSON, 'split')],
  ])('WHEN it checks %s THEN the log validates against the SARIF 2.1.0 schema', (_what, path) => {
    const { log } = sarif(path);
    const valid = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('WHEN it reports THEN every rule is in tool.driver.rules with its help URI, and each result has ruleId, level, message and locations', () => {
    const { code, log } = sarif(join(SHOW, 'plan-new-basic-ip.json'));
    expect(code).toBe(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('azvpn');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(run.tool.driver.rules.find((r) => r.id === 'gw.pip.standard')?.helpUri).toMatch(/^https:\/\//);
    const error = run.results.find((r) => r.ruleId === 'gw.pip.standard')!;
    expect(error.level).toBe('error');
    expect(error.message.text).toContain('Standard');
    expect(error.locations[0].logicalLocations[0].fullyQualifiedName).toBe('module.hub["neu"].azurerm_public_ip.gw');
    expect(error.locations[0].physicalLocation.artifactLocation.uri).toMatch(/plan-new-basic-ip\.json$/);
    const levels = [...run.results, ...sarif(join(TF_JSON, 'hub-4x.tf.json')).log.runs[0].results].map((r) => r.level);
    expect(new Set(levels)).toEqual(new Set(['error', 'warning', 'note']));
  });

  test('WHEN a file name holds spaces and non-ASCII THEN its location is a valid URI reference', () => {
    const file = write(dir, 'my plan é.json', JSON.parse(JSON.stringify(require('../fixtures/show/plan-new-basic-ip.json'))));
    const { log } = sarif(file);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toContain('my%20plan%20%C3%A9.json');
  });

  test('WHEN a log breaks the schema THEN the validator rejects it (the check can fail)', () => {
    const { log } = sarif(join(SHOW, 'plan-new-basic-ip.json'));
    (log.runs[0].results[0] as { level: string }).level = 'info';
    expect(validateSarif(log)).toBe(false);
  });
});

describe('GIVEN azvpn check --format junit', () => {
  test('WHEN a plan has errors THEN the XML is well formed and errors are failures, infos skipped', () => {
    const result = azvpn('check', join(SHOW, 'plan-replace-gateway.json'), '--format', 'junit', '--verbose');
    expect(result.code).toBe(1);
    const xml = parseXml(result.stdout);
    const suites = xml.getElementsByTagName('testsuite');
    expect(suites.length).toBe(1);
    const failures = Array.from(xml.getElementsByTagName('failure'));
    expect(failures.map((f) => f.getAttribute('type')).sort()).toEqual(['plan.connection.replace', 'plan.connection.replace', 'plan.gateway.replace']);
    expect(xml.documentElement?.getAttribute('failures')).toBe('3');
    expect(suites[0].getAttribute('skipped')).toBe(String(xml.getElementsByTagName('skipped').length));
    expect(Number(suites[0].getAttribute('tests'))).toBe(xml.getElementsByTagName('testcase').length);
  });

  test('WHEN a configuration has no error THEN its suite has a passing case and no failure', () => {
    const xml = parseXml(azvpn('check', join(SHOW, 'plan-new.json'), '--format', 'junit').stdout);
    expect(xml.getElementsByTagName('failure').length).toBe(0);
    expect(Array.from(xml.getElementsByTagName('testcase')).map((c) => c.getAttribute('name'))).toContain('no errors');
  });

  test('WHEN names hold markup and control characters THEN the XML stays well formed and shows them as text', () => {
    const hostile = 'gw<&">\u001b[31m\u0000';
    const file = write(dir, 'hostile.tf.json', {
      resource: {
        azurerm_public_ip: { gw: { name: hostile, location: 'westeurope', resource_group_name: 'rg', sku: 'Basic', allocation_method: 'Static' } },
        azurerm_virtual_network_gateway: { gw: { name: hostile, location: 'westeurope', resource_group_name: 'rg', type: 'Vpn', sku: 'VpnGw1AZ', ip_configuration: [{ public_ip_address_id: '${azurerm_public_ip.gw.id}', subnet_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet' }] } },
      },
    });
    const result = azvpn('check', file, '--format', 'junit');
    expect(result.code).toBe(1);
    const xml = parseXml(result.stdout);
    expect(xml.getElementsByTagName('failure').length).toBeGreaterThan(0);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
