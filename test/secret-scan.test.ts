import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import * as activeActiveGateway from '../examples/active-active-gateway';
import * as enterprise from '../examples/enterprise';
import * as hubSpokeTransit from '../examples/hub-spoke-transit';
import * as multiSiteVpn from '../examples/multi-site-vpn';
import * as p2sAccess from '../examples/p2s-access';
import * as vnetToVnet from '../examples/vnet-to-vnet';
import { mergedExample } from './cli/example';
import { azvpn, removeScratch, scratch, write } from './cli/support';
import { PLANTED_RADIUS_SECRET, PLANTED_SECRET, PLANTED_SECRETS } from './support/planted-secrets';

// No secret a test plants may show up in what users read: synthesized examples, committed
// snapshots, or anything azvpn prints.

function expectNoPlantedSecret(where: string, text: string): void {
  for (const secret of PLANTED_SECRETS) expect([where, text.includes(secret)]).toEqual([where, false]);
}

describe('GIVEN every example app WHEN synthesized', () => {
  test.each([
    ['hub-spoke-transit', hubSpokeTransit],
    ['active-active-gateway', activeActiveGateway],
    ['multi-site-vpn', multiSiteVpn],
    ['p2s-access', p2sAccess],
    ['vnet-to-vnet', vnetToVnet],
    ['enterprise', enterprise],
  ])('THEN %s holds no planted secret', (name, example) => {
    expectNoPlantedSecret(name, Testing.synth(example.build(Testing.app())));
  });
});

describe('GIVEN every committed snapshot', () => {
  const snapshots: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.snap')) snapshots.push(full);
    }
  };
  walk(__dirname);

  test('THEN there are snapshots to scan, and none holds a planted secret', () => {
    expect(snapshots.length).toBeGreaterThan(0);
    for (const file of snapshots) expectNoPlantedSecret(path.relative(__dirname, file), fs.readFileSync(file, 'utf-8'));
  });
});

describe('GIVEN a configuration with a planted secret in every secret slot', () => {
  let dir: string;
  beforeAll(() => {
    dir = scratch();
    const config = mergedExample();
    config.resource.azurerm_virtual_network_gateway_connection.site_a.shared_key = PLANTED_SECRET;
    config.resource.azurerm_virtual_network_gateway_connection.site_b.shared_key = '${var.psk}';
    config.variable = { psk: { type: 'string', default: PLANTED_SECRET } };
    const gateway = config.resource.azurerm_virtual_network_gateway.hub;
    gateway.vpn_client_configuration = {
      address_space: ['172.16.0.0/24'],
      radius_server_address: '10.0.0.4',
      radius_server_secret: PLANTED_RADIUS_SECRET,
      radius_server: [{ address: '10.0.0.5', secret: PLANTED_RADIUS_SECRET, score: 10 }],
    };
    write(dir, 'main.tf.json', config);
  });
  afterAll(() => removeScratch(dir));

  test.each([
    [['check', '--verbose']],
    [['check', '--format', 'json', '--verbose']],
    [['summary']],
    [['summary', '--format', 'json']],
    [['graph']],
    [['graph', '--format', 'dot']],
    [['reach', '@', 'azurerm_virtual_network.spoke1', 'azurerm_local_network_gateway.site_a']],
    [['reach', '@', 'azurerm_virtual_network.spoke1', 'azurerm_local_network_gateway.site_a', '--format', 'json']],
  ])('WHEN azvpn %j runs THEN neither stdout nor stderr shows it', (args) => {
    const argv = args.includes('@') ? args.map((a) => (a === '@' ? dir : a)) : [args[0], dir, ...args.slice(1)];
    const result = azvpn(...argv);
    expect(result.stdout.length + result.stderr.length).toBeGreaterThan(0);
    expectNoPlantedSecret(`azvpn ${args.join(' ')} stdout`, result.stdout);
    expectNoPlantedSecret(`azvpn ${args.join(' ')} stderr`, result.stderr);
  });

  test('WHEN checked THEN every planted literal is reported under secret.literal', () => {
    const report = JSON.parse(azvpn('check', dir, '--format', 'json').stdout) as { findings: Array<{ rule: string; resource: string; message: string }> };
    const literal = report.findings.filter((f) => f.rule === 'secret.literal').map((f) => `${f.resource}: ${f.message.split(' ')[0]}`);
    expect(literal.sort()).toEqual([
      'azurerm_virtual_network_gateway.hub: vpn_client_configuration.radius_server.secret',
      'azurerm_virtual_network_gateway.hub: vpn_client_configuration.radius_server_secret',
      'azurerm_virtual_network_gateway_connection.site_a: shared_key',
      'azurerm_virtual_network_gateway_connection.site_b: shared_key',
    ]);
  });
});
