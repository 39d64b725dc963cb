import { Entity, P2SConfiguration, VirtualNetworkGateway } from '../../lib/model/topology';
import { p2sRules } from '../../lib/rules/p2s';
import { Severity } from '../../lib/rules/rule';
import {
  check,
  connection,
  gateway,
  ids,
  list,
  localGateway,
  minimalHub,
  peering,
  publicIp,
  rule,
  unknown,
  vnet,
} from '../support/model';

/** Self-signed test root certificates (public parts only), Base-64 DER. */
const RSA_ROOT = 'MIIDBTCCAe2gAwIBAgIUEAl4TFunlObvgcpKQKY5xkzVE+YwDQYJKoZIhvcNAQELBQAwEjEQMA4GA1UEAwwHUDJTUm9vdDAeFw0yNjExMjIwMjQ5MTVaFw0zNjExMTkwMjQ5MTVaMBIxEDAOBgNVBAMMB1AyU1Jvb3QwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC8rsBElgQiNfitXabo6OrWAY6C+AXkxTL2EVY82NqnC/MAdn0Cd1tsinPlMz5koYByPlqcwuEvdHdLhFH0JVM4Cc/nSnAP1timuM5o74orSzNZggy5R/mrHS8M0UPaZJ3dmdU/jOqdyfqSV+5UpMyL9ocLQamfYXQn41+/BzsQjLCzH//5zbRJiMXfh7e02IDh+6d2Tm5efgztJ0VcAECvwlor3rmN9hWEmnXThEqsQWXSCkCuarWdmkOOISvPaYet51EItxDn7F+O+/2zPjSyz5qjDRMOvadtoEKbCM6IVo9MLvaLSPmmUUp1XdI2QoO4XkVlWE7wpqnAK2vg86RbAgMBAAGjUzBRMB0GA1UdDgQWBBSbRZ5D45nS6gCfjVEHPqGQ7bW7aTAfBgNVHSMEGDAWgBSbRZ5D45nS6gCfjVEHPqGQ7bW7aTAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQAapfZFIQXFGsjrVYHM6Zzp2SVy2NIUKeMeoQwW6s11RnqkWjxCkmrcWpHmqnTut4VBMFCHnxHf6N4Wm+a92koDvkerOOSlKbmG6YzjrRWO3mmcSmgh/Gv2WnBbxL4oFtp0K1w3qEElkZosaU47+CmbusBQmamiqvV4V2mvajblDv6YLqKO/kFoLXBYeF/R7b3jlHjXye2a+h6CRuIFdVDDM5waLYg9AqUf/8En4gv3t2DjjsZtcit/d8GWzFWKVmLEDFw3dBYiGY7SzXCTOZpn4OpDFllPKB/yeCNxBUziSlKL7Dnlhr5EoIeec8l1YyE95sU39SeGm6dtYvSvQ3Gk';
const EC_ROOT = 'MIIBfjCCASOgAwIBAgIULgwfv5s67OPlLuEl3RdjoX/HJpgwCgYIKoZIzj0EAwIwFDESMBAGA1UEAwwJUDJTUm9vdEVDMB4XDTI2MTEyMjAyNDkxNVoXDTM2MTExOTAyNDkxNVowFDESMBAGA1UEAwwJUDJTUm9vdEVDMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE13L4Zo++qga0yjhaFoQhbMol5YfOD3cpBsDgDT5oJ5AAp3/ceoUlinYVMQqUxVP0f6tCY061jLkz1zZdVUj5VaNTMFEwHQYDVR0OBBYEFDoQaE70eBSlL05GKkILl/G95v0hMB8GA1UdIwQYMBaAFDoQaE70eBSlL05GKkILl/G95v0hMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhANC/VJNuvYhnInNtJznN5o8WrGppiCIHn4A0ItonBp+CAiEAqiyI1iBrsrm0XVr4GwatMlx1QqpGCJ841wRazCg6spU=';

type P2SOverrides = { -readonly [K in keyof P2SConfiguration]?: P2SConfiguration[K] };

/** A valid OpenVPN + certificate P2S configuration with a /24 private pool. */
function p2s(o: P2SOverrides = {}): P2SConfiguration {
  return {
    addressSpace: list('172.16.201.0/24'),
    protocols: list('OpenVPN'),
    authTypes: undefined,
    rootCertificates: [{ name: 'root', publicCertData: RSA_ROOT }],
    revokedCertificates: 0,
    aadTenant: undefined,
    aadAudience: undefined,
    aadIssuer: undefined,
    radiusServerAddress: undefined,
    radiusServerSecret: undefined,
    radiusServers: [],
    ...o,
  };
}

type GatewayOverrides = { -readonly [K in keyof VirtualNetworkGateway]?: VirtualNetworkGateway[K] };

/** The minimal hub whose gateway has the given P2S configuration (and other overrides). */
function hubWith(config: P2SConfiguration, o: GatewayOverrides = {}, extra: Entity[] = []) {
  return minimalHub([gateway(undefined, { p2s: config, ...o }), ...extra]);
}

function run(id: string, t: ReturnType<typeof minimalHub>) {
  return check(t, rule(id));
}

const AA_IPCONFIGS = [
  { name: 'default', subnet: 'azurerm_subnet.gateway', publicIp: 'azurerm_public_ip.gw1', privateIpAddressAllocation: 'Dynamic' },
  { name: 'activeActive', subnet: 'azurerm_subnet.gateway', publicIp: 'azurerm_public_ip.gw2', privateIpAddressAllocation: 'Dynamic' },
];
const AA_P2S_IPCONFIGS = [...AA_IPCONFIGS, { name: 'p2s', subnet: 'azurerm_subnet.gateway', publicIp: 'azurerm_public_ip.gw3', privateIpAddressAllocation: 'Dynamic' }];

describe('p2s family', () => {
  test('GIVEN the minimal hub with a valid OpenVPN certificate P2S WHEN checked with the P2S rules THEN the only finding is the static-site routing warning', () => {
    const findings = check(hubWith(p2s()), ...p2sRules);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['p2s.transit', Severity.WARNING]]);
  });

  test('GIVEN the minimal hub with a valid P2S and a BGP site WHEN checked with the P2S rules THEN nothing an error or warning', () => {
    const t = hubWith(p2s(), {}, [connection('azurerm_virtual_network_gateway_connection.site', { bgpEnabled: true })]);
    expect(check(t, ...p2sRules).filter((f) => f.severity !== Severity.INFO)).toEqual([]);
  });

  test('GIVEN the minimal hub without P2S WHEN checked with the P2S rules THEN nothing is reported', () => {
    expect(check(minimalHub(), ...p2sRules)).toEqual([]);
  });

  test('GIVEN every P2S rule WHEN listed THEN each has a catalogue id, a summary and an https source', () => {
    for (const r of p2sRules) {
      expect(r.id).toMatch(/^p2s\./);
      expect(r.summary.length).toBeGreaterThan(10);
      expect(r.source).toMatch(/^https:\/\//);
    }
  });
});

describe('p2s.routebased', () => {
  test('GIVEN P2S on a PolicyBased gateway WHEN checked THEN it is an error', () => {
    const f = run('p2s.routebased', hubWith(p2s(), { vpnType: 'PolicyBased', sku: 'Basic' }));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.routebased']);
    expect(f[0].message).toContain('"PolicyBased"');
  });

  test('GIVEN P2S on a gateway with vpn_type unset WHEN checked THEN the RouteBased default passes', () => {
    expect(run('p2s.routebased', hubWith(p2s(), { vpnType: undefined }))).toEqual([]);
  });

  test('GIVEN P2S with an unknown vpn_type WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.routebased', hubWith(p2s(), { vpnType: unknown() }));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['p2s.routebased', Severity.INFO]]);
    expect(f[0].message).toMatch(/^skipped: vpn_type/);
  });
});

describe('p2s.aa-third-ip', () => {
  const extra = [publicIp('azurerm_public_ip.gw2'), publicIp('azurerm_public_ip.gw3')];

  test('GIVEN P2S on an active-active gateway with two ip_configurations WHEN checked THEN it is an error naming the Azure error', () => {
    const f = run('p2s.aa-third-ip', hubWith(p2s(), { activeActive: true, ipConfigurations: AA_IPCONFIGS }, extra));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.aa-third-ip']);
    expect(rule('p2s.aa-third-ip').azureError).toBe('ActiveActiveP2SGatewayMustHaveExactlyThreeIpConfigurations');
  });

  test('GIVEN P2S on an active-active gateway with three ip_configurations WHEN checked THEN it passes', () => {
    expect(run('p2s.aa-third-ip', hubWith(p2s(), { activeActive: true, ipConfigurations: AA_P2S_IPCONFIGS }, extra))).toEqual([]);
  });

  test('GIVEN an active-active gateway with two ip_configurations and no P2S WHEN checked THEN this rule says nothing', () => {
    expect(run('p2s.aa-third-ip', minimalHub([gateway(undefined, { activeActive: true, ipConfigurations: AA_IPCONFIGS }), ...extra]))).toEqual([]);
  });

  test('GIVEN P2S with an unknown active_active WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.aa-third-ip', hubWith(p2s(), { activeActive: unknown(), ipConfigurations: AA_IPCONFIGS }, extra));
    expect(ids(f, Severity.INFO)).toEqual(['p2s.aa-third-ip']);
    expect(ids(f, Severity.ERROR)).toEqual([]);
  });

  test('GIVEN an active-active gateway whose vpn_client_configuration is a dynamic block WHEN checked THEN it is an info skip', () => {
    const gw = gateway(undefined, { activeActive: true, ipConfigurations: AA_IPCONFIGS, unknownBlocks: { vpn_client_configuration: unknown() } });
    const f = run('p2s.aa-third-ip', minimalHub([gw, ...extra]));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.pool.no-overlap', () => {
  test('GIVEN a pool inside the gateway VNet WHEN checked THEN it is an error', () => {
    const f = run('p2s.pool.no-overlap', hubWith(p2s({ addressSpace: list('10.0.200.0/24') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.pool.no-overlap']);
    expect(f[0].message).toContain('azurerm_virtual_network.hub');
  });

  test('GIVEN a pool overlapping a peered spoke WHEN checked THEN it is an error naming the spoke', () => {
    const t = hubWith(p2s({ addressSpace: list('10.1.0.0/24') }), {}, [
      vnet('azurerm_virtual_network.spoke', { addressSpace: list('10.1.0.0/16') }),
      peering('azurerm_virtual_network_peering.hub_to_spoke'),
    ]);
    const f = run('p2s.pool.no-overlap', t);
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.pool.no-overlap']);
    expect(f[0].message).toContain('azurerm_virtual_network.spoke');
  });

  test('GIVEN a pool overlapping the site of a connection WHEN checked THEN it is an error naming the local network gateway', () => {
    const f = run('p2s.pool.no-overlap', hubWith(p2s({ addressSpace: list('192.168.0.0/25') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.pool.no-overlap']);
    expect(f[0].message).toContain('azurerm_local_network_gateway.site');
  });

  test('GIVEN two pool prefixes that overlap each other WHEN checked THEN it is an error', () => {
    const f = run('p2s.pool.no-overlap', hubWith(p2s({ addressSpace: list('172.16.0.0/16', '172.16.5.0/24') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.pool.no-overlap']);
  });

  test('GIVEN a public pool prefix WHEN checked THEN it is a warning to use private ranges', () => {
    const f = run('p2s.pool.no-overlap', hubWith(p2s({ addressSpace: list('8.8.8.0/24') })));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['p2s.pool.no-overlap', Severity.WARNING]]);
  });

  test('GIVEN an unparseable pool prefix WHEN checked THEN it is an error', () => {
    const f = run('p2s.pool.no-overlap', hubWith(p2s({ addressSpace: list('172.16.201.0') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.pool.no-overlap']);
  });

  test('GIVEN an unknown pool WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.pool.no-overlap', hubWith(p2s({ addressSpace: { items: [], unknown: unknown() } })));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.pool.min-size', () => {
  test('GIVEN a /30 pool WHEN checked THEN it is an error', () => {
    const f = run('p2s.pool.min-size', hubWith(p2s({ addressSpace: list('172.16.201.0/30') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.pool.min-size']);
  });

  test('GIVEN a /29 pool on an active-standby gateway WHEN checked THEN it passes', () => {
    expect(run('p2s.pool.min-size', hubWith(p2s({ addressSpace: list('172.16.201.0/29') })))).toEqual([]);
  });

  test('GIVEN a /29 pool on an active-active gateway WHEN checked THEN it is an error asking for /28', () => {
    const f = run('p2s.pool.min-size', hubWith(p2s({ addressSpace: list('172.16.201.0/29') }), { activeActive: true, ipConfigurations: AA_P2S_IPCONFIGS }));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.pool.min-size']);
    expect(f[0].message).toContain('/28');
  });

  test('GIVEN a /29 pool and an unknown active_active WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.pool.min-size', hubWith(p2s({ addressSpace: list('172.16.201.0/29') }), { activeActive: unknown() }));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.pool.split', () => {
  test('GIVEN IkeV2 and SSTP WHEN checked THEN it is a warning', () => {
    const f = run('p2s.pool.split', hubWith(p2s({ protocols: list('IkeV2', 'SSTP') })));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['p2s.pool.split', Severity.WARNING]]);
  });

  test('GIVEN SSTP alone WHEN checked THEN it passes', () => {
    expect(run('p2s.pool.split', hubWith(p2s({ protocols: list('SSTP') })))).toEqual([]);
  });
});

describe('p2s.protocol-sku', () => {
  const basic = { sku: 'Basic' };

  test('GIVEN a Basic gateway with OpenVPN WHEN checked THEN it is an error (Basic has IKEv2 since Nov 2025, never OpenVPN)', () => {
    const f = run('p2s.protocol-sku', hubWith(p2s({ protocols: list('OpenVPN') }), basic));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.protocol-sku']);
  });

  test('GIVEN a Basic gateway with IkeV2 WHEN checked THEN it passes', () => {
    expect(run('p2s.protocol-sku', hubWith(p2s({ protocols: list('IkeV2') }), basic))).toEqual([]);
  });

  test('GIVEN a Basic gateway with Entra ID settings WHEN checked THEN it is an error', () => {
    const config = p2s({ protocols: list('SSTP'), aadTenant: 't', aadAudience: 'a', aadIssuer: 'i' });
    expect(ids(run('p2s.protocol-sku', hubWith(config, basic)), Severity.ERROR)).toEqual(['p2s.protocol-sku']);
  });

  test('GIVEN a Basic gateway with SSTP and certificates WHEN checked THEN it passes', () => {
    expect(run('p2s.protocol-sku', hubWith(p2s({ protocols: list('SSTP') }), basic))).toEqual([]);
  });

  test('GIVEN an unknown sku WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.protocol-sku', hubWith(p2s({ protocols: list('IkeV2') }), { sku: unknown() }));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.tunnel-combos', () => {
  test('GIVEN OpenVPN with SSTP WHEN checked THEN it is an error', () => {
    const f = run('p2s.tunnel-combos', hubWith(p2s({ protocols: list('OpenVPN', 'SSTP') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.tunnel-combos']);
  });

  test('GIVEN all three tunnel types WHEN checked THEN it is an error', () => {
    expect(ids(run('p2s.tunnel-combos', hubWith(p2s({ protocols: list('IkeV2', 'OpenVPN', 'SSTP') }))), Severity.ERROR)).toEqual(['p2s.tunnel-combos']);
  });

  test.each([['OpenVPN'], ['SSTP'], ['IkeV2'], ['IkeV2', 'OpenVPN'], ['IkeV2', 'SSTP']])('GIVEN the valid set %p WHEN checked THEN it passes', (...protocols: string[]) => {
    expect(run('p2s.tunnel-combos', hubWith(p2s({ protocols: list(...protocols) })))).toEqual([]);
  });

  test('GIVEN an unknown protocol list WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.tunnel-combos', hubWith(p2s({ protocols: { items: [], unknown: unknown() } })));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.auth-protocol', () => {
  const aad = { aadTenant: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/', aadAudience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8', aadIssuer: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/' };

  test('GIVEN Entra ID with IkeV2 only WHEN checked THEN it is an error asking for OpenVPN', () => {
    const f = run('p2s.auth-protocol', hubWith(p2s({ ...aad, rootCertificates: [], protocols: list('IkeV2') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.auth-protocol']);
    expect(f[0].message).toContain('OpenVPN');
  });

  test('GIVEN Entra ID with OpenVPN WHEN checked THEN it passes', () => {
    expect(run('p2s.auth-protocol', hubWith(p2s({ ...aad, rootCertificates: [], protocols: list('OpenVPN') })))).toEqual([]);
  });

  test('GIVEN Entra ID with vpn_client_protocols unset WHEN checked THEN it is a warning', () => {
    const f = run('p2s.auth-protocol', hubWith(p2s({ ...aad, rootCertificates: [], protocols: undefined })));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['p2s.auth-protocol', Severity.WARNING]]);
  });

  test('GIVEN certificates and Entra ID without vpn_auth_types WHEN checked THEN it is an error', () => {
    const f = run('p2s.auth-protocol', hubWith(p2s({ ...aad })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.auth-protocol']);
    expect(f[0].message).toContain('vpn_auth_types');
  });

  test('GIVEN certificates and Entra ID with vpn_auth_types and OpenVPN WHEN checked THEN it passes', () => {
    expect(run('p2s.auth-protocol', hubWith(p2s({ ...aad, authTypes: list('Certificate', 'AAD') })))).toEqual([]);
  });

  test('GIVEN vpn_auth_types = ["Radius"] without a RADIUS server WHEN checked THEN it is an error', () => {
    const f = run('p2s.auth-protocol', hubWith(p2s({ authTypes: list('Radius') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.auth-protocol']);
  });

  test('GIVEN certificates and RADIUS over IkeV2 WHEN checked THEN it is an error (several types need OpenVPN)', () => {
    const config = p2s({ protocols: list('IkeV2'), authTypes: list('Certificate', 'Radius'), radiusServerAddress: '10.0.1.4', radiusServerSecret: 's' });
    expect(ids(run('p2s.auth-protocol', hubWith(config)), Severity.ERROR)).toEqual(['p2s.auth-protocol']);
  });

  test('GIVEN IkeV2+OpenVPN with only Entra ID WHEN checked THEN it is an error (IKEv2 clients have no authentication)', () => {
    const config = p2s({ ...aad, rootCertificates: [], protocols: list('IkeV2', 'OpenVPN') });
    expect(ids(run('p2s.auth-protocol', hubWith(config)), Severity.ERROR)).toEqual(['p2s.auth-protocol']);
  });

  test('GIVEN IkeV2+OpenVPN with Entra ID and certificates WHEN checked THEN it passes', () => {
    const config = p2s({ ...aad, protocols: list('IkeV2', 'OpenVPN'), authTypes: list('AAD', 'Certificate') });
    expect(run('p2s.auth-protocol', hubWith(config))).toEqual([]);
  });

  test('GIVEN an unknown vpn_auth_types WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.auth-protocol', hubWith(p2s({ authTypes: { items: [], unknown: unknown() } })));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.entra', () => {
  test('GIVEN aad_tenant without aad_audience and aad_issuer WHEN checked THEN it is an error', () => {
    const f = run('p2s.entra', hubWith(p2s({ aadTenant: 'https://login.microsoftonline.com/x/' })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.entra']);
    expect(f[0].message).toContain('aad_audience, aad_issuer');
  });

  test('GIVEN the manually registered Azure Public audience WHEN checked THEN it is a retirement warning', () => {
    const f = run('p2s.entra', hubWith(p2s({ aadTenant: 't', aadAudience: '41b23e61-6c1e-4545-b367-cd054e0ed4b4', aadIssuer: 'i' })));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['p2s.entra', Severity.WARNING]]);
    expect(f[0].message).toContain('March 31, 2028');
  });

  test('GIVEN the Microsoft-registered audience WHEN checked THEN it passes', () => {
    expect(run('p2s.entra', hubWith(p2s({ aadTenant: 't', aadAudience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8', aadIssuer: 'i' })))).toEqual([]);
  });

  test('GIVEN a custom audience app ID WHEN checked THEN it is information, not a warning', () => {
    const f = run('p2s.entra', hubWith(p2s({ aadTenant: 't', aadAudience: '11111111-2222-3333-4444-555555555555', aadIssuer: 'i' })));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['p2s.entra', Severity.INFO]]);
  });

  test('GIVEN an unknown audience WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.entra', hubWith(p2s({ aadTenant: 't', aadAudience: unknown(), aadIssuer: 'i' })));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.radius', () => {
  const SECRET = 'do-not-print-this-secret';

  test('GIVEN RADIUS on a Basic gateway WHEN checked THEN it is an error', () => {
    const f = run('p2s.radius', hubWith(p2s({ radiusServerAddress: '10.0.1.4', radiusServerSecret: SECRET }), { sku: 'Basic' }));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.radius']);
  });

  test('GIVEN a RADIUS server with a bad address, a 129-character secret and score 31 WHEN checked THEN each is an error and the secret is never printed', () => {
    const longSecret = 'x'.repeat(129);
    const f = run('p2s.radius', hubWith(p2s({ radiusServers: [{ address: 'radius.example.com', secret: longSecret, score: 31 }] })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.radius', 'p2s.radius', 'p2s.radius']);
    for (const x of f) expect(x.message).not.toContain(longSecret);
  });

  test('GIVEN radius_server_address without radius_server_secret WHEN checked THEN it is an error', () => {
    expect(ids(run('p2s.radius', hubWith(p2s({ radiusServerAddress: '10.0.1.4' }))), Severity.ERROR)).toEqual(['p2s.radius']);
  });

  test('GIVEN an on-premises RADIUS server and no site-to-site connection WHEN checked THEN it is a warning', () => {
    const t = hubWith(p2s({ radiusServerAddress: '192.168.50.4', radiusServerSecret: SECRET }));
    t.connections.length = 0;
    t.entities.delete('azurerm_virtual_network_gateway_connection.site');
    const f = run('p2s.radius', t);
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['p2s.radius', Severity.WARNING]]);
    expect(f[0].message).not.toContain(SECRET);
  });

  test('GIVEN a RADIUS server inside the hub VNet WHEN checked THEN it passes', () => {
    expect(run('p2s.radius', hubWith(p2s({ radiusServerAddress: '10.0.1.4', radiusServerSecret: SECRET })))).toEqual([]);
  });

  test('GIVEN an on-premises RADIUS server with a site-to-site connection WHEN checked THEN it passes', () => {
    expect(run('p2s.radius', hubWith(p2s({ radiusServerAddress: '192.168.0.4', radiusServerSecret: SECRET })))).toEqual([]);
  });

  test('GIVEN an unknown RADIUS score WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.radius', hubWith(p2s({ radiusServers: [{ address: '10.0.1.4', secret: unknown(), score: unknown() }] })));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.root-certs', () => {
  test('GIVEN 21 root certificates WHEN checked THEN it is an error', () => {
    const certs = Array.from({ length: 21 }, (_, i) => ({ name: `root${i}`, publicCertData: RSA_ROOT }));
    expect(ids(run('p2s.root-certs', hubWith(p2s({ rootCertificates: certs }))), Severity.ERROR)).toEqual(['p2s.root-certs']);
  });

  test('GIVEN PEM data with BEGIN/END lines WHEN checked THEN it is an error', () => {
    const pem = `-----BEGIN CERTIFICATE-----\n${RSA_ROOT}\n-----END CERTIFICATE-----`;
    const f = run('p2s.root-certs', hubWith(p2s({ rootCertificates: [{ name: 'root', publicCertData: pem }] })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.root-certs']);
    expect(f[0].message).toContain('BEGIN');
  });

  test('GIVEN data that is not Base-64 WHEN checked THEN it is an error', () => {
    const f = run('p2s.root-certs', hubWith(p2s({ rootCertificates: [{ name: 'root', publicCertData: 'not a certificate!' }] })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.root-certs']);
  });

  test('GIVEN an ECDSA root certificate with IkeV2 WHEN checked THEN it is an error', () => {
    const f = run('p2s.root-certs', hubWith(p2s({ protocols: list('IkeV2'), rootCertificates: [{ name: 'ec', publicCertData: EC_ROOT }] })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.root-certs']);
    expect(f[0].message).toContain('RSA');
  });

  test('GIVEN a single-line RSA root certificate WHEN checked THEN it passes', () => {
    expect(run('p2s.root-certs', hubWith(p2s()))).toEqual([]);
  });

  test('GIVEN certificate data read from a file at apply WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.root-certs', hubWith(p2s({ rootCertificates: [{ name: 'root', publicCertData: unknown('filebase64("root.cer") is a function call') }] })));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.ipv6', () => {
  test('GIVEN an IPv6 pool with SSTP WHEN checked THEN it is an error', () => {
    const f = run('p2s.ipv6', hubWith(p2s({ addressSpace: list('172.16.201.0/24', 'fd00:1::/64'), protocols: list('IkeV2', 'SSTP') })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.ipv6']);
  });

  test('GIVEN an IPv6 pool on a Basic gateway WHEN checked THEN it is an error', () => {
    const f = run('p2s.ipv6', hubWith(p2s({ addressSpace: list('fd00:1::/64'), protocols: list('SSTP') }), { sku: 'Basic' }));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.ipv6', 'p2s.ipv6']);
  });

  test('GIVEN an IPv6 pool with IkeV2 and OpenVPN WHEN checked THEN it passes', () => {
    expect(run('p2s.ipv6', hubWith(p2s({ addressSpace: list('172.16.201.0/24', 'fd00:1::/64'), protocols: list('IkeV2', 'OpenVPN') })))).toEqual([]);
  });
});

describe('p2s.custom-ipsec', () => {
  const policy = { dhGroup: 'DHGroup14', ikeEncryption: 'AES256', ikeIntegrity: 'SHA256', ipsecEncryption: 'AES256', ipsecIntegrity: 'SHA256', pfsGroup: 'PFS14' };

  test('GIVEN sa_lifetime_in_seconds 172800 and sa_data_size_in_kilobytes 1000 WHEN checked THEN both are errors', () => {
    const f = run('p2s.custom-ipsec', hubWith(p2s({ ipsecPolicy: { ...policy, saLifetimeSeconds: 172800, saDataSizeKilobytes: 1000 } })));
    expect(ids(f, Severity.ERROR)).toEqual(['p2s.custom-ipsec', 'p2s.custom-ipsec']);
  });

  test('GIVEN values inside the ranges WHEN checked THEN it passes', () => {
    expect(run('p2s.custom-ipsec', hubWith(p2s({ ipsecPolicy: { ...policy, saLifetimeSeconds: 28800, saDataSizeKilobytes: 102400000 } })))).toEqual([]);
  });

  test('GIVEN an unknown sa_lifetime_in_seconds WHEN checked THEN it is an info skip', () => {
    const f = run('p2s.custom-ipsec', hubWith(p2s({ ipsecPolicy: { ...policy, saLifetimeSeconds: unknown(), saDataSizeKilobytes: undefined } })));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s.route-limits', () => {
  function hubWithSpokes(count: number, protocols: string[]) {
    const extra: Entity[] = [];
    for (let i = 1; i <= count; i++) {
      extra.push(vnet(`azurerm_virtual_network.spoke${i}`, { addressSpace: list(`10.${i}.0.0/16`) }));
      extra.push(peering(`azurerm_virtual_network_peering.hub_to_spoke${i}`, { remoteVirtualNetwork: `azurerm_virtual_network.spoke${i}` }));
    }
    return hubWith(p2s({ protocols: list(...protocols) }), {}, extra);
  }

  test('GIVEN IkeV2 clients and 30 routes WHEN checked THEN it is a warning', () => {
    const f = run('p2s.route-limits', hubWithSpokes(28, ['IkeV2']));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['p2s.route-limits', Severity.WARNING]]);
    expect(f[0].message).toContain('30 routes');
  });

  test('GIVEN OpenVPN clients and 30 routes WHEN checked THEN it passes', () => {
    expect(run('p2s.route-limits', hubWithSpokes(28, ['OpenVPN']))).toEqual([]);
  });
});

describe('p2s.transit', () => {
  test('GIVEN a hub that allows gateway transit and a spoke that does not use it WHEN checked THEN the spoke peering gets a warning', () => {
    const t = hubWith(p2s(), {}, [
      vnet('azurerm_virtual_network.spoke', { addressSpace: list('10.1.0.0/16') }),
      peering('azurerm_virtual_network_peering.hub_to_spoke', { allowGatewayTransit: true }),
      peering('azurerm_virtual_network_peering.spoke_to_hub', { virtualNetwork: 'azurerm_virtual_network.spoke', remoteVirtualNetwork: 'azurerm_virtual_network.hub', useRemoteGateways: false }),
      connection('azurerm_virtual_network_gateway_connection.site', { bgpEnabled: true }),
    ]);
    const f = run('p2s.transit', t);
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['p2s.transit', Severity.WARNING, 'azurerm_virtual_network_peering.spoke_to_hub']]);
  });

  test('GIVEN a static site-to-site connection on a P2S gateway WHEN checked THEN it is a warning that clients get no route to the site', () => {
    const f = run('p2s.transit', hubWith(p2s()));
    expect(f.map((x) => [x.rule, x.severity, x.resource])).toEqual([['p2s.transit', Severity.WARNING, 'azurerm_virtual_network_gateway_connection.site']]);
  });

  test('GIVEN transit configured on both sides and a BGP connection WHEN checked THEN it passes', () => {
    const t = hubWith(p2s(), {}, [
      vnet('azurerm_virtual_network.spoke', { addressSpace: list('10.1.0.0/16') }),
      peering('azurerm_virtual_network_peering.hub_to_spoke', { allowGatewayTransit: true }),
      peering('azurerm_virtual_network_peering.spoke_to_hub', { virtualNetwork: 'azurerm_virtual_network.spoke', remoteVirtualNetwork: 'azurerm_virtual_network.hub', useRemoteGateways: true }),
      connection('azurerm_virtual_network_gateway_connection.site', { bgpEnabled: true }),
    ]);
    expect(run('p2s.transit', t)).toEqual([]);
  });

  test('GIVEN an unknown use_remote_gateways on the spoke WHEN checked THEN it is an info skip', () => {
    const t = hubWith(p2s(), {}, [
      vnet('azurerm_virtual_network.spoke', { addressSpace: list('10.1.0.0/16') }),
      peering('azurerm_virtual_network_peering.hub_to_spoke', { allowGatewayTransit: true }),
      peering('azurerm_virtual_network_peering.spoke_to_hub', { virtualNetwork: 'azurerm_virtual_network.spoke', remoteVirtualNetwork: 'azurerm_virtual_network.hub', useRemoteGateways: unknown() }),
      connection('azurerm_virtual_network_gateway_connection.site', { bgpEnabled: true }),
    ]);
    expect(run('p2s.transit', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('p2s rules and the site', () => {
  test('GIVEN a P2S gateway and a second site WHEN the pool overlaps only the second site THEN the error names that site', () => {
    const t = hubWith(p2s({ addressSpace: list('192.168.77.0/24') }), {}, [
      localGateway('azurerm_local_network_gateway.branch', { addressSpace: list('192.168.77.0/24') }),
      connection('azurerm_virtual_network_gateway_connection.branch', { localGateway: 'azurerm_local_network_gateway.branch' }),
    ]);
    const f = run('p2s.pool.no-overlap', t);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('azurerm_local_network_gateway.branch');
  });
});
