import { spawnSync } from 'child_process';
import * as path from 'path';
import { azvpn, expectUnusable, removeScratch, scratch, write } from '../cli/support';
import { ENTERPRISE_DIR, enterpriseConfig } from './fixtures';

/** The enterprise fixture as a path relative to the repository root, so snapshots don't hold machine paths. */
const ENTERPRISE = path.relative(process.cwd(), ENTERPRISE_DIR);

describe('azvpn summary', () => {
  test('GIVEN the enterprise configuration WHEN summarised as Markdown THEN gateways, tunnels, address plan, matrix and checklists are printed (pinned)', () => {
    const r = azvpn('summary', ENTERPRISE);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const heading of ['## Gateways', '## Tunnels', '## Address plan', '## Reachability', '## Validation checklists']) expect(r.stdout).toContain(heading);
    expect(r.stdout).toMatchSnapshot();
  });

  test('GIVEN the enterprise configuration WHEN summarised as JSON THEN one configuration with the matrix rows and the checklists', () => {
    const r = azvpn('summary', ENTERPRISE, '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.configurations).toHaveLength(1);
    const [c] = doc.configurations;
    expect(Object.keys(c)).toEqual(['name', 'gateways', 'tunnels', 'addressPlan', 'matrix', 'scenarios']);
    expect(c.matrix.rows.find((row: { from: string }) => row.from === 'berlin').reachable).toEqual(['hub', 'spoke-a', 'spoke-b', 'spoke-c']);
  });

  test('GIVEN a directory with two cdktf stacks WHEN summarised THEN each stack is summarised on its own', () => {
    const dir = scratch();
    try {
      write(dir, 'cdktf.out/stacks/eu/cdk.tf.json', enterpriseConfig());
      write(dir, 'cdktf.out/stacks/us/cdk.tf.json', enterpriseConfig((c) => delete c.resource.azurerm_local_network_gateway.berlin));
      const r = azvpn('summary', path.join(dir, 'cdktf.out'), '--format=json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).configurations.map((c: { name: string }) => path.basename(path.dirname(c.name)))).toEqual(['eu', 'us']);
    } finally {
      removeScratch(dir);
    }
  });

  test.each([
    [['summary'], 'summary needs exactly one PATH'],
    [['summary', ENTERPRISE, '--format', 'html'], 'invalid --format "html" for azvpn summary'],
    [['summary', 'no/such/dir'], 'no/such/dir'],
  ])('GIVEN %j WHEN run THEN exit 2 with one line', (argv, fragment) => {
    expectUnusable(azvpn(...argv), fragment);
  });
});

describe('azvpn graph', () => {
  test('GIVEN the enterprise configuration WHEN drawn as Mermaid (the default) THEN the flowchart is pinned', () => {
    const r = azvpn('graph', ENTERPRISE);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(r.stdout).toMatchSnapshot();
  });

  test('GIVEN the enterprise configuration WHEN drawn as DOT THEN the graph is pinned', () => {
    const r = azvpn('graph', ENTERPRISE, '--format', 'dot');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });

  const hasDot = spawnSync('dot', ['-V']).status === 0;
  (hasDot ? test : test.skip)('GIVEN the DOT output of the enterprise configuration WHEN piped to dot -Tsvg THEN Graphviz draws it without a warning', () => {
    const svg = spawnSync('dot', ['-Tsvg'], { input: azvpn('graph', ENTERPRISE, '--format', 'dot').stdout, encoding: 'utf-8' });
    expect(svg.stderr).toBe('');
    expect(svg.status).toBe(0);
    expect(svg.stdout).toContain('<svg');
  });

  test('GIVEN a directory with two stacks WHEN drawn THEN exit 2: graph needs one configuration', () => {
    const dir = scratch();
    try {
      write(dir, 'a/cdk.tf.json', enterpriseConfig());
      write(dir, 'b/cdk.tf.json', enterpriseConfig());
      expectUnusable(azvpn('graph', dir), 'holds 2 configurations', 'azvpn graph needs one');
    } finally {
      removeScratch(dir);
    }
  });

  test('GIVEN --format svg WHEN drawn THEN exit 2 naming the allowed formats', () => {
    expectUnusable(azvpn('graph', ENTERPRISE, '--format', 'svg'), 'expected mermaid or dot');
  });
});

describe('azvpn reach', () => {
  test('GIVEN a reachable pair WHEN asked THEN the path with a reason per hop, and exit 0', () => {
    const r = azvpn('reach', ENTERPRISE, 'spoke-a', 'paris');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^spoke-a → paris: reachable\n {2}path: spoke-a → hub-gw → paris\n {2}1\. spoke-a → hub-gw: peering with gateway transit/);
    expect(r.stdout).toContain('routes learned over BGP');
  });

  test('GIVEN an unreachable pair WHEN asked THEN the reason with its rule id, and exit 1', () => {
    const r = azvpn('reach', ENTERPRISE, 'berlin', 'hub-us');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^berlin → hub-us: unreachable\n {2}why not: .*\(bgp\.transit\)\n$/);
  });

  test('GIVEN a pair that depends on a variable WHEN asked THEN exit 3 with what is unknown', () => {
    const dir = scratch();
    try {
      write(dir, 'main.tf.json', enterpriseConfig((c) => (c.resource.azurerm_virtual_network_gateway_connection.hub_to_paris.bgp_enabled = '${var.paris_bgp}')));
      const r = azvpn('reach', dir, 'london', 'paris');
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('why unknown: bgp_enabled on azurerm_virtual_network_gateway_connection.hub_to_paris is not known (var.paris_bgp is a variable)');
    } finally {
      removeScratch(dir);
    }
  });

  test('GIVEN --format json WHEN asked THEN status, reason, rule with its source, hops and notes', () => {
    const r = azvpn('reach', ENTERPRISE, 'p2s', 'berlin', '--format', 'json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ from: 'p2s', to: 'berlin', status: 'unreachable', rule: 'p2s.transit', source: 'https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-point-to-site-routing', hops: [] });
  });

  test('GIVEN an address WHEN asked THEN it is resolved to its network and shown', () => {
    const r = azvpn('reach', ENTERPRISE, '172.16.201.5', '10.2.3.4');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('p2s (172.16.201.5) → spoke-b (10.2.3.4): reachable');
  });

  test.each([
    [['reach', ENTERPRISE, 'spoke-a'], 'reach needs PATH FROM TO, got 2 argument(s)'],
    [['reach', ENTERPRISE, 'spoke-a', 'madrid'], 'no VNet, site, P2S pool or address matches "madrid"'],
    [['reach', ENTERPRISE, 'spoke-a', 'paris', '--verbose'], 'unknown option "--verbose" for azvpn reach'],
  ])('GIVEN %j WHEN run THEN exit 2 with one line', (argv, fragment) => {
    expectUnusable(azvpn(...argv), fragment);
  });

  test('GIVEN --help WHEN run THEN the usage with the exit codes, and exit 0', () => {
    const r = azvpn('reach', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 reachable, 1 unreachable, 3 unknown until apply');
  });
});
