import { BROKEN_INVARIANTS, loadExample, writeExample } from './example';
import { azvpn, checkJson, EXAMPLE_DIR, removeScratch, scratch } from './support';

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

describe('GIVEN the hand-written hub-and-spoke example', () => {
  test('WHEN checked THEN exit 0 with no error and no warning', () => {
    const result = checkJson(EXAMPLE_DIR);
    expect(result.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  test('WHEN checked as text THEN the summary names the one configuration the four files form', () => {
    const result = azvpn('check', EXAMPLE_DIR);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^0 errors, 0 warnings, \\d+ infos?.* in 1 configuration \\(${EXAMPLE_DIR.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\n$`, 'm'));
  });

  test('WHEN its connections are read THEN every shared key comes from a random_password of the random provider, none is a literal', () => {
    const files = loadExample();
    const connections = Object.values(files['sites.tf.json'].resource.azurerm_virtual_network_gateway_connection) as Array<{ shared_key: string }>;
    expect(connections).toHaveLength(2);
    for (const c of connections) {
      const match = /^\$\{random_password\.([a-z_]+)\.result\}$/.exec(c.shared_key);
      expect(match).not.toBeNull();
      expect(files['sites.tf.json'].resource.random_password[match![1]]).toEqual({ length: 32, special: false });
    }
    expect(files['providers.tf.json'].terraform.required_providers.random.source).toBe('hashicorp/random');
  });
});


describe('GIVEN the example with one invariant broken', () => {
  test.each(BROKEN_INVARIANTS)('WHEN it has %s THEN azvpn check exits 1 and reports %s as an error', (_what, rule, resource, mutate) => {
    const result = checkJson(writeExample(dir, mutate));
    const errors = result.report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toContain(rule);
    if (resource !== '') expect(errors.filter((f) => f.rule === rule).map((f) => f.resource)).toContain(resource);
    expect(result.code).toBe(1);
    expect(result.report.summary.errors).toBe(errors.length);
  });

  test('WHEN the unchanged copy is checked THEN it is clean, so every failure above comes from its mutation', () => {
    expect(checkJson(writeExample(dir)).code).toBe(0);
  });
});
