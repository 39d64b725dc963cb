import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { azvpn } from '../cli/support';
import { BEST_PRACTICE_RULES } from '../../lib/rules/best-practice';
import { RULES } from '../../lib/rules/catalogue';
import { checkTopology } from '../../lib/rules/engine';
import { Severity } from '../../lib/rules/rule';
import { check, connection, gateway, list, minimalHub, rule } from '../support/model';

const bp = (t: ReturnType<typeof minimalHub>, id: string) => check(t, ...BEST_PRACTICE_RULES.filter((r) => r.id === id));

describe('name limits are hard ARM limits: errors in the default rules (gw.name, conn.name)', () => {
  test.each([['a'.repeat(81)], ['-starts-with-dash'], ['ends-with-dot.'], ['has space']])('GIVEN gateway name %p WHEN checked THEN gw.name is an error', (name) => {
    expect(check(minimalHub([gateway(undefined, { name })]), rule('gw.name')).map((f) => [f.rule, f.severity])).toEqual([['gw.name', Severity.ERROR]]);
  });

  test('GIVEN a valid gateway name WHEN checked THEN gw.name passes', () => {
    expect(check(minimalHub([gateway(undefined, { name: 'hub-vpngw_01' })]), rule('gw.name'))).toEqual([]);
  });

  test('GIVEN a connection name of 81 characters WHEN checked THEN conn.name is an error; 80 passes', () => {
    const c = (name: string) => connection('azurerm_virtual_network_gateway_connection.site', { name });
    expect(check(minimalHub([c('x'.repeat(81))]), rule('conn.name')).map((f) => f.severity)).toEqual([Severity.ERROR]);
    expect(check(minimalHub([c('x'.repeat(80))]), rule('conn.name'))).toEqual([]);
  });
});

describe('best-practice profile (off by default, warnings)', () => {
  test('GIVEN the minimal hub WHEN checked by default THEN no best-practice rule runs', () => {
    const ids = new Set(BEST_PRACTICE_RULES.map((r) => r.id));
    expect(checkTopology(minimalHub()).filter((f) => ids.has(f.rule))).toEqual([]);
    expect(RULES.some((r) => ids.has(r.id))).toBe(false);
  });

  test('GIVEN an active-standby VpnGw1AZ WHEN checked with the profile THEN gw.recommend.active-active warns; active-active passes', () => {
    expect(bp(minimalHub(), 'gw.recommend.active-active').map((f) => f.severity)).toEqual([Severity.WARNING]);
    expect(bp(minimalHub([gateway(undefined, { activeActive: true })]), 'gw.recommend.active-active')).toEqual([]);
  });

  test('GIVEN an IPsec connection without ipsec_policy WHEN checked with the profile THEN ipsec.require-custom warns; with a policy it passes', () => {
    expect(bp(minimalHub(), 'ipsec.require-custom').map((f) => f.severity)).toEqual([Severity.WARNING]);
    const policy = { dhGroup: 'DHGroup14', ikeEncryption: 'AES256', ikeIntegrity: 'SHA256', ipsecEncryption: 'AES256', ipsecIntegrity: 'SHA256', pfsGroup: 'PFS2048', saLifetimeSeconds: undefined, saDataSizeKilobytes: undefined };
    expect(bp(minimalHub([connection('azurerm_virtual_network_gateway_connection.site', { ipsecPolicy: policy })]), 'ipsec.require-custom')).toEqual([]);
  });

  const strong = { dhGroup: 'ECP384', ikeEncryption: 'GCMAES256', ikeIntegrity: 'SHA384', ipsecEncryption: 'GCMAES256', ipsecIntegrity: 'GCMAES256', pfsGroup: 'ECP384', saLifetimeSeconds: undefined, saDataSizeKilobytes: undefined };
  const p2sWithPolicy = (ipsecPolicy: typeof strong | Record<string, unknown>) =>
    gateway(undefined, { p2s: { addressSpace: list('172.16.0.0/24'), protocols: list('IkeV2'), authTypes: list('Certificate'), rootCertificates: [], revokedCertificates: 0, aadTenant: undefined, aadAudience: undefined, aadIssuer: undefined, radiusServerAddress: undefined, radiusServerSecret: undefined, radiusServers: [], ipsecPolicy: ipsecPolicy as typeof strong } });

  test('GIVEN a connection policy with SHA1 and DHGroup2 WHEN checked with the profile THEN ipsec.require-custom warns, naming each algorithm and its allowed replacements', () => {
    const weak = { ...strong, ikeIntegrity: 'SHA1', dhGroup: 'DHGroup2' };
    const f = bp(minimalHub([connection('azurerm_virtual_network_gateway_connection.site', { ipsecPolicy: weak })]), 'ipsec.require-custom');
    expect(f.map((x) => [x.resource, x.severity])).toEqual([['azurerm_virtual_network_gateway_connection.site', Severity.WARNING]]);
    expect(f[0].message).toContain('ike_integrity = "SHA1" (use SHA384, SHA256)');
    expect(f[0].message).toContain('dh_group = "DHGroup2" (use ECP384, ECP256, DHGroup24, DHGroup14, DHGroup2048)');
  });

  test('GIVEN a policy of allow-listed algorithms only (GCMAES256, SHA384, ECP384) WHEN checked with the profile THEN ipsec.require-custom passes', () => {
    expect(bp(minimalHub([connection('azurerm_virtual_network_gateway_connection.site', { ipsecPolicy: strong })]), 'ipsec.require-custom')).toEqual([]);
  });

  test.each([['pfsGroup', 'None'], ['pfsGroup', 'PFSMM'], ['ipsecEncryption', 'None']])('GIVEN a policy with %s = %p (accepted, not allow-listed) WHEN checked with the profile THEN ipsec.require-custom warns', (field, value) => {
    const policy = { ...strong, [field]: value, ...(field === 'ipsecEncryption' ? { ipsecIntegrity: 'SHA256' } : {}) };
    expect(bp(minimalHub([connection('azurerm_virtual_network_gateway_connection.site', { ipsecPolicy: policy })]), 'ipsec.require-custom').map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN a point-to-site custom policy with AES256 and PFS None WHEN checked with the profile THEN ipsec.require-custom warns on the gateway; an allow-listed P2S policy passes', () => {
    const f = bp(minimalHub([p2sWithPolicy({ ...strong, pfsGroup: 'None' })]), 'ipsec.require-custom').filter((x) => x.resource.startsWith('azurerm_virtual_network_gateway.'));
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
    expect(f[0].message).toContain('vpn_client_configuration.ipsec_policy');
    expect(f[0].message).toContain('pfs_group = "None"');
    expect(bp(minimalHub([p2sWithPolicy(strong)]), 'ipsec.require-custom').filter((x) => x.resource.startsWith('azurerm_virtual_network_gateway.'))).toEqual([]);
  });

  test('GIVEN a value Azure does not accept WHEN checked with the profile THEN the allow-list leaves it to ipsec.enums', () => {
    expect(bp(minimalHub([connection('azurerm_virtual_network_gateway_connection.site', { ipsecPolicy: { ...strong, dhGroup: 'DHGroup99' } })]), 'ipsec.require-custom')).toEqual([]);
  });

  test('GIVEN the allow-list WHEN the rule is read THEN its text cites Microsoft\'s cryptographic guidance and the Azure Policy', () => {
    const r = BEST_PRACTICE_RULES.find((x) => x.id === 'ipsec.require-custom')!;
    expect(r.source).toContain('vpn-gateway-about-compliance-crypto');
    expect(r.source).toContain('50b83b09');
    expect(r.summary).toContain('dh_group ECP384/ECP256/DHGroup24/DHGroup14/DHGroup2048');
  });

  test('GIVEN certificate P2S WHEN checked with the profile THEN p2s.entra-only warns; AAD only passes', () => {
    const p2s = (authTypes: string[]) => gateway(undefined, { p2s: { addressSpace: list('172.16.0.0/24'), protocols: list('OpenVPN'), authTypes: list(...authTypes), rootCertificates: [], revokedCertificates: 0, aadTenant: undefined, aadAudience: undefined, aadIssuer: undefined, radiusServerAddress: undefined, radiusServerSecret: undefined, radiusServers: [] } });
    expect(bp(minimalHub([p2s(['Certificate'])]), 'p2s.entra-only').map((f) => f.severity)).toEqual([Severity.WARNING]);
    expect(bp(minimalHub([p2s(['AAD'])]), 'p2s.entra-only')).toEqual([]);
  });

  test('GIVEN the profile WHEN checked through checkTopology THEN its warnings come with the default rules', () => {
    const f = checkTopology(minimalHub(), { profile: 'best-practice' });
    expect(f.map((x) => x.rule)).toEqual(expect.arrayContaining(['gw.recommend.active-active', 'ipsec.require-custom']));
  });
});

describe('azvpn check --profile best-practice', () => {

  function config(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-profile-'));
    const file = path.join(dir, 'main.tf.json');
    fs.writeFileSync(file, JSON.stringify({
      resource: {
        azurerm_virtual_network: { hub: { name: 'hub', resource_group_name: 'rg', location: 'westeurope', address_space: ['10.0.0.0/16'] } },
        azurerm_subnet: { gateway: { name: 'GatewaySubnet', resource_group_name: 'rg', virtual_network_name: '${azurerm_virtual_network.hub.name}', address_prefixes: ['10.0.255.0/27'] } },
        azurerm_public_ip: { gw: { name: 'gw-pip', resource_group_name: 'rg', location: 'westeurope', allocation_method: 'Static', sku: 'Standard', zones: ['1', '2', '3'] } },
        azurerm_virtual_network_gateway: { gw: { name: 'gw', resource_group_name: 'rg', location: 'westeurope', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw1AZ', generation: 'Generation1', ip_configuration: [{ name: 'default', subnet_id: '${azurerm_subnet.gateway.id}', public_ip_address_id: '${azurerm_public_ip.gw.id}', private_ip_address_allocation: 'Dynamic' }] } },
      },
    }));
    return file;
  }

  test.each<[string[]]>([[['--profile', 'best-practice']], [['--profile=best-practice']]])('GIVEN %p WHEN checked THEN the profile warnings are reported; without it they are not', (flag) => {
    const file = config();
    const withProfile = JSON.parse(azvpn('check', file, '--format', 'json', ...flag).stdout);
    expect(withProfile.findings.map((f: { rule: string }) => f.rule)).toContain('gw.recommend.active-active');
    const without = JSON.parse(azvpn('check', file, '--format', 'json').stdout);
    expect(without.findings.map((f: { rule: string }) => f.rule)).not.toContain('gw.recommend.active-active');
  });

  test('GIVEN --profile with another value WHEN checked THEN it is a usage error (exit 2)', () => {
    expect(azvpn('check', config(), '--profile', 'strict').code).toBe(2);
  });
});

describe('RULES.md mapping table to other tools', () => {
  // Imported here so that the test reads the same code the generator does.
  const { renderRulesMarkdown } = require('../../lib/cli/rules-markdown');
  const { PEER_MAPPING } = require('../../lib/rules/peer-mapping');

  test('GIVEN the mapping WHEN compared with the rules THEN every project id in it is a real rule, default or profile', () => {
    const ids = new Set([...RULES, ...BEST_PRACTICE_RULES].map((r) => r.id));
    for (const m of PEER_MAPPING as Array<{ rule: string }>) if (m.rule !== '') expect(ids).toContain(m.rule);
  });

  test('GIVEN RULES.md WHEN rendered THEN it lists the profile rules and a mapping row per project rule', () => {
    const md: string = renderRulesMarkdown();
    expect(md).toContain('## Best-practice profile (opt-in)');
    expect(md).toContain('| rule | PSRule | Azure Policy | tflint | note |');
    for (const r of BEST_PRACTICE_RULES) expect(md).toContain(`| \`${r.id}\` | warning |`);
    expect(md).toContain('| `gw.subnet.no-nsg` | Azure.VNET.UseNSGs');
  });
});
