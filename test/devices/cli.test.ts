import * as fs from 'fs';
import * as path from 'path';
import { EXIT_PLACEHOLDERS, EXIT_UNUSABLE, EXIT_WRITTEN } from '../../lib/cli/device-config';
import { azvpn, removeScratch, scratch } from '../cli/support';
import { FIXTURES } from './support';

const STATE = path.join(FIXTURES, 'aa-apipa.state.json');
const CONFIG = path.join(FIXTURES, 'aa-apipa.tf.json');
const KEY = 'fixture-only-key-paris-3f9a1c';

let dir: string;
beforeEach(() => {
  dir = scratch();
});
afterEach(() => removeScratch(dir));

describe('azvpn device-config', () => {
  test('GIVEN a state WHEN strongswan is asked for without --out THEN the complete file goes to stdout and the exit code is 0', () => {
    const result = azvpn('device-config', STATE, '--site', 'paris', '--vendor', 'strongswan');
    expect(result.code).toBe(EXIT_WRITTEN);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('remote_addrs = 20.50.0.11');
    expect(result.stdout).toContain(`secret = "${KEY}"`);
    expect(result.stdout).not.toContain('REPLACE');
  });

  test('GIVEN --out DIR WHEN the file is written THEN it is DIR/swanctl.conf with mode 0600, and the key appears on no stream', () => {
    const out = path.join(dir, 'device');
    const result = azvpn('device-config', STATE, '--site', 'paris', '--vendor', 'strongswan', '--out', out);
    expect(result.code).toBe(EXIT_WRITTEN);
    const file = path.join(out, 'swanctl.conf');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf-8')).toContain(KEY);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  test('GIVEN an existing world-readable file WHEN --out overwrites it THEN it ends up 0600', () => {
    fs.writeFileSync(path.join(dir, 'frr.conf'), 'old', { mode: 0o644 });
    const result = azvpn('device-config', STATE, '--site', 'paris', '--vendor', 'frr', '--out', dir, '--advertise', '10.100.0.0/24', '10.101.0.0/24');
    expect(result.code).toBe(EXIT_WRITTEN);
    expect(fs.statSync(path.join(dir, 'frr.conf')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'frr.conf'), 'utf-8')).toMatch(/network 10\.100\.0\.0\/24\n {2}network 10\.101\.0\.0\/24/);
  });

  test('GIVEN a configuration instead of a state WHEN strongswan is asked for THEN the file has marked placeholders, stderr lists them, and the exit code is 3', () => {
    const result = azvpn('device-config', CONFIG, '--site', 'paris', '--vendor', 'strongswan');
    expect(result.code).toBe(EXIT_PLACEHOLDERS);
    expect(result.stdout).toContain('remote_addrs = {{REPLACE:AZURE_INSTANCE_1_PUBLIC_IP}}');
    expect(result.stdout).toContain('secret = "{{REPLACE:PRE_SHARED_KEY}}"');
    expect(result.stderr.split('\n').filter((l) => l.startsWith('  {{REPLACE:'))).toEqual([
      '  {{REPLACE:AZURE_INSTANCE_0_PUBLIC_IP}}  the public IP of gateway instance vnetGatewayConfig0 (azurerm_public_ip.b_first.ip_address)',
      '  {{REPLACE:AZURE_INSTANCE_1_PUBLIC_IP}}  the public IP of gateway instance vnetGatewayConfig1 (azurerm_public_ip.a_second.ip_address)',
      '  {{REPLACE:PRE_SHARED_KEY}}  the shared_key of azurerm_virtual_network_gateway_connection.paris',
    ]);
  });

  test('GIVEN a configuration and --out WHEN written THEN the file is written 0600 and the exit code is still 3', () => {
    const result = azvpn('device-config', CONFIG, '--site', 'paris', '--vendor', 'strongswan', '--out', dir);
    expect(result.code).toBe(EXIT_PLACEHOLDERS);
    expect(fs.statSync(path.join(dir, 'swanctl.conf')).mode & 0o777).toBe(0o600);
  });

  test.each([
    ['an unknown site', [STATE, '--site', 'berlin', '--vendor', 'strongswan'], 'azvpn: unknown site berlin; the file has paris\n'],
    ['an unknown vendor', [STATE, '--site', 'paris', '--vendor', 'cisco-asa'], 'azvpn: unknown vendor "cisco-asa" (expected strongswan, frr, cisco-iosxe, juniper-srx, fortigate, paloalto-panos)\n'],
    ['a missing file', [path.join(FIXTURES, 'nope.json'), '--site', 'paris', '--vendor', 'frr'], `azvpn: ${path.join(FIXTURES, 'nope.json')}: no such file or directory\n`],
    ['no --site', [STATE, '--vendor', 'frr'], "azvpn: device-config needs --site NAME (the local network gateway's name or Terraform address)\n"],
    ['a bad --advertise', [STATE, '--site', 'paris', '--vendor', 'frr', '--advertise', '10.0.0.1/8'], 'azvpn: --advertise "10.0.0.1/8" is not an IPv4 prefix in CIDR notation (for example 10.100.0.0/24)\n'],
    ['--site given twice', [STATE, '--site', 'paris', '--site', 'lyon', '--vendor', 'frr'], 'azvpn: option --site is given 2 times; give it once (see azvpn device-config --help)\n'],
    ['a --format, which device-config does not take', [STATE, '--site', 'paris', '--vendor', 'frr', '--format', 'json'], 'azvpn: unknown option "--format" for azvpn device-config (see azvpn device-config --help)\n'],
    ['FRR for a static site', [path.join(FIXTURES, 'static-custom.state.json'), '--site', 'lyon', '--vendor', 'frr'], 'azvpn: site lyon does not use BGP on azurerm_virtual_network_gateway_connection.lyon; FRR has nothing to configure (use --vendor strongswan)\n'],
  ])('GIVEN %s WHEN device-config runs THEN it exits 2 with one line and writes nothing', (_what, args, stderr) => {
    const result = azvpn('device-config', ...args, '--out', dir);
    expect(result).toEqual({ code: EXIT_UNUSABLE, stdout: '', stderr });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('GIVEN a site whose gateway is not in the state WHEN device-config runs THEN it exits 2 with one line naming the gateway', () => {
    const state = JSON.parse(fs.readFileSync(STATE, 'utf-8')) as { values: { root_module: { resources: Array<{ type: string }> } } };
    state.values.root_module.resources = state.values.root_module.resources.filter((r) => r.type !== 'azurerm_virtual_network_gateway');
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, JSON.stringify(state));
    const result = azvpn('device-config', file, '--site', 'paris', '--vendor', 'strongswan');
    expect(result.code).toBe(EXIT_UNUSABLE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^azvpn: the gateway of site paris \(hub-gw referenced by its Azure resource ID, from module\.paris\.azurerm_virtual_network_gateway_connection\.this\) is not in the file\n$/);
  });

  test('GIVEN --help WHEN device-config runs THEN it prints the contract and exits 0', () => {
    const result = azvpn('device-config', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes: 0 written, 3 written with placeholders, 2 unusable input or command line.');
  });
});
