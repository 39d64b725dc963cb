import { IPSEC_ALGORITHMS } from '../../lib/azure/ipsec';
import { ipsecRules } from '../../lib/rules/ipsec';
import { Finding, Severity } from '../../lib/rules/rule';
import { IpsecPolicy, P2SConfiguration, Topology } from '../../lib/model/topology';
import { check, connection, gateway, list, minimalHub, unknown } from '../support/model';

const GW = 'azurerm_virtual_network_gateway.gw';
const CONN = 'azurerm_virtual_network_gateway_connection.site';

/** A strong, complete policy: every rule passes on it. */
function policy(o: Partial<IpsecPolicy> = {}): IpsecPolicy {
  return {
    dhGroup: 'DHGroup14',
    ikeEncryption: 'AES256',
    ikeIntegrity: 'SHA256',
    ipsecEncryption: 'GCMAES256',
    ipsecIntegrity: 'GCMAES256',
    pfsGroup: 'PFS2048',
    saLifetimeSeconds: 27000,
    saDataSizeKilobytes: 102400000,
    ...o,
  };
}

/** The minimal hub whose site connection carries the given policy (and other overrides). */
function withPolicy(p: IpsecPolicy, conn: NonNullable<Parameters<typeof connection>[1]> = {}, gw: NonNullable<Parameters<typeof gateway>[1]> = {}): Topology {
  return minimalHub([connection(CONN, { ipsecPolicy: p, ...conn }), gateway(GW, gw)]);
}

function p2s(p: IpsecPolicy): P2SConfiguration {
  return {
    addressSpace: list('172.16.200.0/24'),
    protocols: list('IkeV2'),
    authTypes: list('Certificate'),
    rootCertificates: [{ name: 'root', publicCertData: 'MIIC' }],
    revokedCertificates: 0,
    aadTenant: undefined,
    aadAudience: undefined,
    aadIssuer: undefined,
    radiusServerAddress: undefined,
    radiusServerSecret: undefined,
    radiusServers: [],
    ipsecPolicy: p,
  };
}

/** The minimal hub whose gateway has a P2S configuration with the given policy. */
function withP2SPolicy(p: IpsecPolicy, gw: NonNullable<Parameters<typeof gateway>[1]> = {}): Topology {
  return minimalHub([gateway(GW, { p2s: p2s(p), ...gw })]);
}

const ipsec = (t: Topology) => check(t, ...ipsecRules);
const of = (findings: Finding[], rule: string, severity?: Severity) =>
  findings.filter((f) => f.rule === rule && (severity === undefined || f.severity === severity));

describe('IPsec rules on valid configurations', () => {
  test('GIVEN the minimal hub without a custom policy WHEN checked THEN there is no finding', () => {
    expect(ipsec(minimalHub())).toEqual([]);
  });

  test('GIVEN a strong complete policy on a site connection WHEN checked THEN there is no finding', () => {
    expect(ipsec(withPolicy(policy()))).toEqual([]);
  });

  test('GIVEN a strong complete P2S policy WHEN checked THEN there is no finding', () => {
    expect(ipsec(withP2SPolicy(policy()))).toEqual([]);
  });

  test('GIVEN the enumeration tables WHEN read THEN every documented and every weak value is also an accepted value', () => {
    for (const spec of IPSEC_ALGORITHMS) {
      for (const v of [...spec.documented, ...Object.keys(spec.weak)]) expect(spec.accepted).toContain(v);
    }
  });
});

describe('ipsec.sku', () => {
  test('GIVEN a custom policy on a connection of a Basic gateway WHEN checked THEN ipsec.sku is an error on the connection', () => {
    const f = of(ipsec(withPolicy(policy(), {}, { sku: 'Basic' })), 'ipsec.sku', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([CONN]);
    expect(f[0].message).toContain('"Basic"');
  });

  test('GIVEN a custom policy on an ExpressRoute connection WHEN checked THEN ipsec.sku is an error', () => {
    const t = withPolicy(policy(), { connectionType: 'ExpressRoute', localGateway: undefined });
    const f = of(ipsec(t), 'ipsec.sku', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('ExpressRoute');
  });

  test('GIVEN a custom P2S policy on a Basic gateway WHEN checked THEN ipsec.sku is an error on the gateway', () => {
    const f = of(ipsec(withP2SPolicy(policy(), { sku: 'Basic' })), 'ipsec.sku', Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([GW]);
    expect(f[0].message).toContain('vpn_client_configuration.ipsec_policy');
  });

  test('GIVEN a custom policy on a legacy Standard gateway WHEN checked THEN ipsec.sku does not fire', () => {
    expect(of(ipsec(withPolicy(policy(), {}, { sku: 'Standard' })), 'ipsec.sku')).toEqual([]);
  });

  test('GIVEN a custom policy WHEN the gateway sku is unknown THEN ipsec.sku is an info skip', () => {
    const f = of(ipsec(withPolicy(policy(), {}, { sku: unknown() })), 'ipsec.sku');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('ipsec.complete', () => {
  test('GIVEN a policy without pfs_group and dh_group WHEN checked THEN ipsec.complete is an error naming both', () => {
    const f = of(ipsec(withPolicy(policy({ pfsGroup: undefined, dhGroup: undefined }))), 'ipsec.complete', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('dh_group, pfs_group');
  });

  test('GIVEN a P2S policy without ike_integrity WHEN checked THEN ipsec.complete is an error on the gateway', () => {
    expect(of(ipsec(withP2SPolicy(policy({ ikeIntegrity: undefined }))), 'ipsec.complete', Severity.ERROR).map((x) => x.resource)).toEqual([GW]);
  });

  test('GIVEN a policy whose algorithms are unknown but set WHEN checked THEN ipsec.complete does not fire', () => {
    expect(of(ipsec(withPolicy(policy({ pfsGroup: unknown() }))), 'ipsec.complete')).toEqual([]);
  });
});

describe('ipsec.enums', () => {
  test('GIVEN ike_encryption in the wrong case WHEN checked THEN ipsec.enums is an error that names the right spelling', () => {
    const f = of(ipsec(withPolicy(policy({ ikeEncryption: 'aes256' }))), 'ipsec.enums', Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('write "AES256"');
  });

  test.each<[keyof IpsecPolicy, string]>([
    ['ikeEncryption', 'AES512'],
    ['ikeEncryption', 'GCMAES192'],
    ['ikeIntegrity', 'SHA512'],
    ['dhGroup', 'DHGroup5'],
    ['ipsecEncryption', 'CHACHA20'],
    ['ipsecIntegrity', 'SHA384'],
    ['pfsGroup', 'PFS5'],
  ])('GIVEN %s = %s WHEN checked THEN ipsec.enums is an error', (field, value) => {
    expect(of(ipsec(withPolicy(policy({ [field]: value }))), 'ipsec.enums', Severity.ERROR)).toHaveLength(1);
  });

  test('GIVEN the API-only values PFS14 and PFSMM WHEN checked THEN ipsec.enums accepts them', () => {
    expect(of(ipsec(withPolicy(policy({ pfsGroup: 'PFSMM' }))), 'ipsec.enums')).toEqual([]);
    expect(of(ipsec(withPolicy(policy({ pfsGroup: 'PFS14' }))), 'ipsec.enums')).toEqual([]);
  });

  test('GIVEN an invalid P2S policy value WHEN checked THEN ipsec.enums names the P2S block', () => {
    const f = of(ipsec(withP2SPolicy(policy({ dhGroup: 'DHGroup5' }))), 'ipsec.enums', Severity.ERROR);
    expect(f[0].message).toContain('vpn_client_configuration.ipsec_policy.dh_group');
  });

  test('GIVEN an unknown algorithm value WHEN checked THEN ipsec.enums is an info skip', () => {
    const f = of(ipsec(withPolicy(policy({ ikeEncryption: unknown() }))), 'ipsec.enums');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('ipsec.gcm-pairing', () => {
  test.each([
    ['GCMAES256', 'SHA256'],
    ['AES256', 'GCMAES128'],
    ['GCMAES128', 'GCMAES256'],
  ])('GIVEN ipsec_encryption %s with ipsec_integrity %s WHEN checked THEN ipsec.gcm-pairing is an error', (encryption, integrity) => {
    const f = of(ipsec(withPolicy(policy({ ipsecEncryption: encryption, ipsecIntegrity: integrity }))), 'ipsec.gcm-pairing', Severity.ERROR);
    expect(f).toHaveLength(1);
  });

  test.each([
    ['GCMAES192', 'GCMAES192'],
    ['AES256', 'SHA256'],
  ])('GIVEN ipsec_encryption %s with ipsec_integrity %s WHEN checked THEN ipsec.gcm-pairing does not fire', (encryption, integrity) => {
    expect(of(ipsec(withPolicy(policy({ ipsecEncryption: encryption, ipsecIntegrity: integrity }))), 'ipsec.gcm-pairing')).toEqual([]);
  });

  test('GIVEN a GCM encryption with an unknown integrity WHEN checked THEN ipsec.gcm-pairing is an info skip', () => {
    const f = of(ipsec(withPolicy(policy({ ipsecIntegrity: unknown() }))), 'ipsec.gcm-pairing');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('ipsec.sa-lifetime', () => {
  test.each([299, 0, 300.5])('GIVEN sa_lifetime = %d WHEN checked THEN ipsec.sa-lifetime is an error', (seconds) => {
    expect(of(ipsec(withPolicy(policy({ saLifetimeSeconds: seconds }))), 'ipsec.sa-lifetime', Severity.ERROR)).toHaveLength(1);
  });

  test('GIVEN sa_lifetime above the documented P2S maximum WHEN checked THEN ipsec.sa-lifetime warns that the S2S maximum is unconfirmed', () => {
    const f = of(ipsec(withPolicy(policy({ saLifetimeSeconds: 172800 }))), 'ipsec.sa-lifetime');
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
    expect(f[0].message).toContain('unconfirmed');
  });

  test.each([1, 1023, 2147483648, -1])('GIVEN sa_datasize = %d WHEN checked THEN ipsec.sa-lifetime is an error', (kb) => {
    expect(of(ipsec(withPolicy(policy({ saDataSizeKilobytes: kb }))), 'ipsec.sa-lifetime', Severity.ERROR)).toHaveLength(1);
  });

  test.each([0, 1024, 2147483647])('GIVEN sa_datasize = %d WHEN checked THEN ipsec.sa-lifetime does not fire', (kb) => {
    expect(of(ipsec(withPolicy(policy({ saDataSizeKilobytes: kb, saLifetimeSeconds: 300 }))), 'ipsec.sa-lifetime')).toEqual([]);
  });

  test('GIVEN lifetimes that are not set WHEN checked THEN ipsec.sa-lifetime does not fire (defaults apply)', () => {
    expect(of(ipsec(withPolicy(policy({ saDataSizeKilobytes: undefined, saLifetimeSeconds: undefined }))), 'ipsec.sa-lifetime')).toEqual([]);
  });

  test('GIVEN an unknown sa_lifetime WHEN checked THEN ipsec.sa-lifetime is an info skip', () => {
    expect(of(ipsec(withPolicy(policy({ saLifetimeSeconds: unknown() }))), 'ipsec.sa-lifetime').map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN a P2S policy with a short lifetime WHEN checked THEN ipsec.sa-lifetime leaves it to the P2S rules', () => {
    expect(of(ipsec(withP2SPolicy(policy({ saLifetimeSeconds: 100 }))), 'ipsec.sa-lifetime')).toEqual([]);
  });
});

describe('ipsec.weak', () => {
  test('GIVEN DES3, SHA1, DHGroup2 and PFS2 WHEN checked THEN ipsec.weak warns once naming each', () => {
    const t = withPolicy(policy({ ikeEncryption: 'DES3', ikeIntegrity: 'SHA1', dhGroup: 'DHGroup2', pfsGroup: 'PFS2', ipsecEncryption: 'AES256', ipsecIntegrity: 'SHA256' }));
    const f = of(ipsec(t), 'ipsec.weak');
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
    for (const v of ['"DES3"', '"SHA1"', '"DHGroup2"', '"PFS2"']) expect(f[0].message).toContain(v);
  });

  test.each<[keyof IpsecPolicy, string]>([
    ['ipsecEncryption', 'DES'],
    ['ipsecIntegrity', 'MD5'],
    ['dhGroup', 'DHGroup1'],
    ['pfsGroup', 'PFS1'],
    ['ikeIntegrity', 'GCMAES256'],
  ])('GIVEN %s = %s WHEN checked THEN ipsec.weak warns', (field, value) => {
    const overrides: Partial<IpsecPolicy> = { [field]: value };
    // Keep GCM pairing valid so that only the weak value is in play.
    if (field === 'ipsecEncryption' || field === 'ipsecIntegrity') Object.assign(overrides, field === 'ipsecEncryption' ? { ipsecIntegrity: 'SHA256' } : { ipsecEncryption: 'AES256' });
    expect(of(ipsec(withPolicy(policy(overrides))), 'ipsec.weak', Severity.WARNING)).toHaveLength(1);
  });

  test('GIVEN pfs_group = None WHEN checked THEN ipsec.weak does not fire (None only disables PFS)', () => {
    expect(of(ipsec(withPolicy(policy({ pfsGroup: 'None' }))), 'ipsec.weak')).toEqual([]);
  });
});

describe('ipsec.null', () => {
  const nullPolicy = policy({ ipsecEncryption: 'None', ipsecIntegrity: 'SHA256' });

  test('GIVEN ipsec_encryption = None on a site-to-site connection WHEN checked THEN ipsec.null warns', () => {
    const f = of(ipsec(withPolicy(nullPolicy)), 'ipsec.null');
    expect(f.map((x) => [x.resource, x.severity])).toEqual([[CONN, Severity.WARNING]]);
  });

  test('GIVEN ipsec_encryption = None on a VNet-to-VNet connection WHEN checked THEN ipsec.null does not fire', () => {
    const t = withPolicy(nullPolicy, { connectionType: 'Vnet2Vnet', localGateway: undefined, peerGateway: 'azurerm_virtual_network_gateway.branch' });
    expect(of(ipsec(t), 'ipsec.null')).toEqual([]);
  });

  test('GIVEN ipsec_encryption = None in a P2S policy WHEN checked THEN ipsec.null warns on the gateway', () => {
    expect(of(ipsec(withP2SPolicy(nullPolicy)), 'ipsec.null', Severity.WARNING).map((x) => x.resource)).toEqual([GW]);
  });

  test('GIVEN ipsec_encryption = None WHEN the connection type is unknown THEN ipsec.null is an info skip', () => {
    const f = of(ipsec(withPolicy(nullPolicy, { connectionType: unknown() })), 'ipsec.null');
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});
