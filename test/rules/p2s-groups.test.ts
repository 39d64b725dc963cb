import { P2SClientConnection, P2SConfiguration, PolicyGroup, VirtualNetworkGateway } from '../../lib/model/topology';
import { Severity } from '../../lib/rules/rule';
import { check, gateway, list, minimalHub, rule, unknown } from '../support/model';

type GatewayOverrides = { -readonly [K in keyof VirtualNetworkGateway]?: VirtualNetworkGateway[K] };

/** An Entra ID P2S configuration with the given client connections. */
function p2s(clientConnections?: P2SClientConnection[]): P2SConfiguration {
  return {
    addressSpace: list('172.16.0.0/24'),
    protocols: list('OpenVPN'),
    authTypes: undefined,
    rootCertificates: [],
    revokedCertificates: 0,
    aadTenant: 'https://login.microsoftonline.com/t/',
    aadAudience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
    aadIssuer: 'https://sts.windows.net/t/',
    radiusServerAddress: undefined,
    radiusServerSecret: undefined,
    radiusServers: [],
    ...(clientConnections ? { clientConnections } : {}),
  };
}

function group(name: string, o: Partial<PolicyGroup> = {}): PolicyGroup {
  return { name, isDefault: false, priority: 0, members: [{ name: `${name}-m`, type: 'AADGroupId', value: '00000000-0000-0000-0000-000000000001' }], ...o };
}

function pool(name: string, ...prefixes: string[]): P2SClientConnection {
  return { name, policyGroupNames: list(name), addressPrefixes: list(...prefixes) };
}

function run(id: string, o: GatewayOverrides) {
  return check(minimalHub([gateway(undefined, o)]), rule(id)).filter((f) => f.rule === id);
}

const valid: GatewayOverrides = {
  policyGroups: [group('eng', { isDefault: true }), group('fin')],
  p2s: p2s([pool('eng', '172.17.0.0/24'), pool('fin', '172.18.0.0/24')]),
};

describe('p2s.user-groups', () => {
  test('GIVEN two groups, one default, with distinct /24 pools WHEN checked THEN no finding', () => {
    expect(run('p2s.user-groups', valid)).toEqual([]);
  });

  test('GIVEN no default group WHEN checked THEN an error names is_default', () => {
    const findings = run('p2s.user-groups', { ...valid, policyGroups: [group('eng'), group('fin')] });
    expect(findings.map((f) => f.severity)).toEqual([Severity.ERROR]);
    expect(findings[0].message).toMatch(/is_default = true/);
  });

  test('GIVEN two default groups WHEN checked THEN a warning (one default group is described, rejection unconfirmed)', () => {
    expect(run('p2s.user-groups', { ...valid, policyGroups: [group('eng', { isDefault: true }), group('fin', { isDefault: true })] }).map((f) => f.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN two groups with one name WHEN checked THEN an error', () => {
    const findings = run('p2s.user-groups', { ...valid, policyGroups: [group('eng', { isDefault: true }), group('eng')] });
    expect(findings.some((f) => f.severity === Severity.ERROR && /named "eng"/.test(f.message))).toBe(true);
  });

  test('GIVEN a client connection that names an undeclared group WHEN checked THEN an error', () => {
    const findings = run('p2s.user-groups', { ...valid, p2s: p2s([pool('eng', '172.17.0.0/24'), { ...pool('fin', '172.18.0.0/24'), policyGroupNames: list('sales') }]) });
    expect(findings.map((f) => [f.severity, /"sales", which the gateway does not declare/.test(f.message)])).toEqual([[Severity.ERROR, true]]);
  });

  test('GIVEN 91 group assignments WHEN checked THEN an error at the 90-group limit; 90 pass', () => {
    const names = Array.from({ length: 91 }, (_, i) => `g${i}`);
    const groups = names.map((n, i) => group(n, { isDefault: i === 0 }));
    const connections = names.map((n, i) => pool(n, `10.${100 + Math.floor(i / 100)}.${i % 100}.0/24`));
    expect(run('p2s.user-groups', { policyGroups: groups, p2s: p2s(connections) }).filter((f) => /at most 90/.test(f.message)).map((f) => f.severity)).toEqual([Severity.ERROR]);
    expect(run('p2s.user-groups', { policyGroups: groups.slice(0, 90), p2s: p2s(connections.slice(0, 90)) })).toEqual([]);
  });

  test('GIVEN one group of 200 members assigned to two connections WHEN checked THEN 400 members exceed 390', () => {
    const big = group('eng', { isDefault: true, members: Array.from({ length: 200 }, (_, i) => ({ name: `m${i}`, type: 'AADGroupId', value: `v${i}` })) });
    const findings = run('p2s.user-groups', { policyGroups: [big], p2s: p2s([pool('eng', '172.17.0.0/24'), { ...pool('eng2', '172.18.0.0/24'), policyGroupNames: list('eng') }]) });
    expect(findings.filter((f) => /400 members/.test(f.message)).map((f) => f.severity)).toEqual([Severity.ERROR]);
  });

  test('GIVEN a group pool overlapping the client pool WHEN checked THEN a warning; overlapping the VNet THEN an error', () => {
    expect(run('p2s.user-groups', { ...valid, p2s: p2s([pool('eng', '172.16.0.0/25'), pool('fin', '172.18.0.0/24')]) }).map((f) => f.severity).sort()).toEqual([Severity.WARNING, Severity.WARNING]);
    expect(run('p2s.user-groups', { ...valid, p2s: p2s([pool('eng', '10.0.1.0/24'), pool('fin', '172.18.0.0/24')]) }).map((f) => f.severity)).toEqual([Severity.ERROR]);
  });

  test('GIVEN policy groups from a dynamic block WHEN checked THEN the rule is skipped with an info', () => {
    const findings = run('p2s.user-groups', { ...valid, unknownBlocks: { policy_group: unknown('dynamic "policy_group" over var.groups') } });
    expect(findings.map((f) => f.severity)).toEqual([Severity.INFO]);
    expect(findings[0].message).toMatch(/^skipped/);
  });

  test('GIVEN policy groups but no point-to-site WHEN checked THEN a warning', () => {
    const findings = run('p2s.user-groups', { policyGroups: [group('eng', { isDefault: true })] });
    expect(findings.map((f) => f.severity)).toEqual([Severity.WARNING]);
  });
});

describe('p2s.custom-routes', () => {
  test('GIVEN CIDR custom routes with point-to-site WHEN checked THEN no finding', () => {
    expect(run('p2s.custom-routes', { ...valid, customRoutes: list('10.50.0.0/16') })).toEqual([]);
  });

  test('GIVEN a bare address WHEN checked THEN an error; host bits set THEN a warning', () => {
    expect(run('p2s.custom-routes', { ...valid, customRoutes: list('10.50.0.0') }).map((f) => f.severity)).toEqual([Severity.ERROR]);
    expect(run('p2s.custom-routes', { ...valid, customRoutes: list('10.50.0.1/16') }).map((f) => f.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN custom routes without point-to-site WHEN checked THEN a warning that they reach nobody', () => {
    expect(run('p2s.custom-routes', { customRoutes: list('10.50.0.0/16') }).map((f) => f.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN custom routes from a variable WHEN checked THEN a skip', () => {
    expect(run('p2s.custom-routes', { ...valid, customRoutes: { items: [], unknown: unknown() } }).map((f) => f.severity)).toEqual([Severity.INFO]);
  });
});
