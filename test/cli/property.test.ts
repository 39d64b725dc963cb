import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { Json, mergedExample } from './example';
import { azvpn, removeScratch, scratch, write } from './support';
import { fuzz } from '../support/fuzz';

/**
 * Whatever the file holds, azvpn keeps its contract: exit 0, 1 or 2; with 0/1 a JSON report whose
 * summary matches its findings and the exit code; with 2 exactly one line on stderr naming the
 * problem (never an internal error: the adapter and the rules must not crash on odd input) and
 * nothing on stdout.
 */

let dir: string;
beforeAll(() => {
  dir = scratch();
});
afterAll(() => removeScratch(dir));

const SEVERITIES = new Set(['error', 'warning', 'info']);
const EXAMPLE: Json = mergedExample();
const EXAMPLE_TEXT = JSON.stringify(EXAMPLE, null, 2);

function assertContract(text: string, format: Format, name = 'case.tf.json'): void {
  const file = write(dir, name, text);
  const result = azvpn('check', file, '--format', format);
  expect([0, 1, 2]).toContain(result.code);
  if (result.code === 2) {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^azvpn: [^\n]+\n$/);
    expect(result.stderr).not.toContain('internal error');
    return;
  }
  expect(result.stderr).toBe('');
  if (format === 'text') {
    expect(result.stdout).toMatch(/\d+ errors?, \d+ warnings?, \d+ infos?.* in 1 configuration .*\n$/);
    return;
  }
  if (format === 'sarif') {
    const log = JSON.parse(result.stdout) as { version: string; runs: Array<{ results: Array<{ level: string }> }> };
    expect(log.version).toBe('2.1.0');
    expect(result.code).toBe(log.runs[0].results.some((r) => r.level === 'error') ? 1 : 0);
    return;
  }
  if (format === 'junit') {
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites [^\n]*>\n[\s\S]*<\/testsuites>\n$/);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    return;
  }
  const report = JSON.parse(result.stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, number> };
  expect(Object.keys(report)).toEqual(['findings', 'summary']);
  for (const f of report.findings) {
    expect(Object.keys(f)).toEqual(['rule', 'severity', 'resource', 'path', 'message']);
    expect(SEVERITIES.has(f.severity as string)).toBe(true);
  }
  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  expect(report.summary).toEqual({ errors: count('error'), warnings: count('warning'), infos: count('info') });
  expect(result.code).toBe(report.summary.errors > 0 ? 1 : 0);
}

/** Every path to a value inside the example, so a mutation can hit any attribute of any resource. */
function pathsOf(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}
const EXAMPLE_PATHS = pathsOf(EXAMPLE).filter((p) => p.length > 0);

type Mutation = { at: number; replacement: Json; remove: boolean };

function applyMutation(document: Json, mutation: Mutation): void {
  const target = EXAMPLE_PATHS[mutation.at % EXAMPLE_PATHS.length];
  let parent = document;
  for (const key of target.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return;
    parent = parent[key];
  }
  if (typeof parent !== 'object' || parent === null) return;
  const last = target[target.length - 1];
  if (mutation.remove) {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete parent[last];
  } else {
    parent[last] = mutation.replacement;
  }
}

/** Values a rule might meet: plausible Terraform strings and numbers as well as arbitrary JSON. */
const terraformishValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('${cidrsubnet("10.0.0.0/16", 8, count.index)}', '${{ a = "x" }}', '${toset(["a"])}', '${each.key}', '${try(local.x, 1)}', '${[for s in ["a"] : upper(s)]}', '${1 / 0}', '${azurerm_public_ip.gateway_1[0].id}'),
  fc.constantFrom('${var.x}', '${azurerm_public_ip.gateway_1.id}', '${azurerm_subnet.nope.id}', '10.0.0.0/8', '10.1.0.0/33', '169.254.21.1', 'Basic', 'VpnGw1', 'PolicyBased', '', 'GatewaySubnet', '${each.value}'),
  fc.constantFrom(0, -1, 65515, 4294967295, 1e308, 27000, true, false, null, [], {}, [{}], [null], ['1'], { dynamic: {} }),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), replacement: terraformishValue, remove: fc.boolean() });

/** A mutation of any document: the nth value (depth first) is replaced or removed. */
const showMutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  replacement: fc.oneof(terraformishValue, fc.constantFrom<Json>(['delete', 'create'], ['update'], '2.0', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/x', { references: ['module.hub["weu"].gateway_id'] })),
  remove: fc.boolean(),
});

function applyAnywhere(document: Json, mutation: Mutation): void {
  const paths = pathsOf(document).filter((p) => p.length > 0);
  if (paths.length === 0) return;
  const target = paths[mutation.at % paths.length];
  let parent = document;
  for (const key of target.slice(0, -1)) parent = parent[key];
  const last = target[target.length - 1];
  if (mutation.remove) {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete parent[last];
  } else {
    parent[last] = mutation.replacement;
  }
}

type Format = 'json' | 'text' | 'sarif' | 'junit';
const formats = fc.constantFrom<Format>('json', 'json', 'text', 'sarif', 'junit');

describe('GIVEN arbitrary input files', () => {
  test('WHEN the file is random JSON THEN the exit-code and output contract holds', () => {
    fc.assert(fc.property(fc.jsonValue(), formats, (value, format) => assertContract(JSON.stringify(value), format)), fuzz(150));
  });

  test('WHEN the file is a random Terraform-shaped object THEN the contract holds', () => {
    const resourceTypes = fc.constantFrom(
      'azurerm_virtual_network_gateway',
      'azurerm_virtual_network_gateway_connection',
      'azurerm_local_network_gateway',
      'azurerm_public_ip',
      'azurerm_subnet',
      'azurerm_virtual_network',
      'azurerm_virtual_network_peering',
      'azurerm_virtual_network_gateway_nat_rule',
      'azurerm_route_table',
      'random_password',
    );
    const resources = fc.dictionary(resourceTypes, fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.dictionary(fc.string({ maxLength: 12 }), terraformishValue), terraformishValue)));
    fc.assert(fc.property(resources, formats, (resource, format) => assertContract(JSON.stringify({ resource }), format)), fuzz(150));
  });

  test('WHEN the hub-and-spoke example is mutated anywhere THEN the contract holds', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), formats, (mutations, format) => {
        const document = JSON.parse(EXAMPLE_TEXT) as Json;
        for (const m of mutations) applyMutation(document, m);
        assertContract(JSON.stringify(document), format);
      }),
      fuzz(250),
    );
  });

  test('WHEN a plan or state (terraform show -json) is mutated anywhere THEN the contract holds', () => {
    const seeds = ['plan-new.json', 'state.json', 'plan-replace-gateway.json'].map((f) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'show', f), 'utf8'));
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(showMutation, { minLength: 1, maxLength: 4 }), formats, (seed, mutations, format) => {
        const document = JSON.parse(seeds[seed]) as Json;
        for (const m of mutations) applyAnywhere(document, m);
        assertContract(JSON.stringify(document), format, 'plan.json');
      }),
      fuzz(150),
    );
  });

  test('WHEN a native HCL (.tf) file is corrupted THEN the contract holds', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'hcl', 'gateway', 'main.tf'), 'utf8');
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 20 }), insert: fc.constantFrom('', '{', '}', '"', '${', '=', '\n', '[', 'dynamic "x" {', '\u0000', 'é') });
    // Each run starts the HCL parser in a child process (about a second): few runs.
    fc.assert(
      fc.property(edit, formats, ({ at, cut, insert }, format) => {
        const i = at % (source.length + 1);
        assertContract(source.slice(0, i) + insert + source.slice(i + cut), format, 'case.tf');
      }),
      fuzz(12),
    );
  });

  test('WHEN a .tf file with for_each, locals and functions is corrupted THEN the contract holds', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'hcl', 'for-each', 'main.tf'), 'utf8');
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 20 }), insert: fc.constantFrom('', '{', '}', '"', '${', '=', '\n', '[', '?', '(', 'each.', 'count.index', 'local.regions', '[*]') });
    // Each run starts the HCL parser in a child process (about a second): few runs.
    fc.assert(
      fc.property(edit, formats, ({ at, cut, insert }, format) => {
        const i = at % (source.length + 1);
        assertContract(source.slice(0, i) + insert + source.slice(i + cut), format, 'case.tf');
      }),
      fuzz(12),
    );
  });

  test('WHEN the example text is corrupted THEN the contract holds', () => {
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 20 }), insert: fc.string({ maxLength: 3 }) });
    fc.assert(
      fc.property(edit, formats, ({ at, cut, insert }, format) => {
        const i = at % (EXAMPLE_TEXT.length + 1);
        assertContract(EXAMPLE_TEXT.slice(0, i) + insert + EXAMPLE_TEXT.slice(i + cut), format);
      }),
      fuzz(150),
    );
  });

  test('WHEN the file is random bytes THEN the contract holds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const file = write(dir, 'bytes.tf.json', Buffer.from(bytes));
        const result = azvpn('check', path.resolve(file), '--format', 'json');
        expect([0, 1, 2]).toContain(result.code);
        if (result.code === 2) expect(result.stderr).toMatch(/^azvpn: [^\n]+\n$/);
        else JSON.parse(result.stdout);
      }),
      fuzz(100),
    );
  });
});
