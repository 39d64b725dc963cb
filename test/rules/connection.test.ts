import { bgpRules } from '../../lib/rules/bgp';
import { connectionRules } from '../../lib/rules/connection';
import { Finding, Severity } from '../../lib/rules/rule';
import { Connection, Entity, GatewayBgpSettings, RandomPasswordSpec, Topology, VirtualNetworkGateway } from '../../lib/model/topology';
import { Unknown } from '../../lib/model/unknown';
import {
  check,
  connection,
  gateway,
  gatewaySubnet,
  list,
  localGateway,
  minimalHub,
  natRule,
  publicIp,
  rule,
  topology,
  unknown,
  vnet,
} from '../support/model';

const HUB_GW = 'azurerm_virtual_network_gateway.gw';
const B_GW = 'azurerm_virtual_network_gateway.b';
const SITE = 'azurerm_local_network_gateway.site';
const SITE_CONN = 'azurerm_virtual_network_gateway_connection.site';
const AB = 'azurerm_virtual_network_gateway_connection.ab';
const BA = 'azurerm_virtual_network_gateway_connection.ba';

type ConnectionOverrides = Parameters<typeof connection>[1];
type GatewayOverrides = Parameters<typeof gateway>[1];

/** Findings of one rule, optionally of one severity. */
function run(id: string, t: Topology, severity?: Severity): Finding[] {
  return check(t, rule(id)).filter((f) => f.rule === id && (severity === undefined || f.severity === severity));
}

function psk(name: string): Unknown {
  return new Unknown(`random_password.${name}.result is computed at apply`, `\${random_password.${name}.result}`);
}

/** A second hub: VNet 10.1.0.0/16 with its own GatewaySubnet, public IP and gateway. */
function hubB(o: GatewayOverrides = {}): Entity[] {
  return [
    vnet('azurerm_virtual_network.b', { addressSpace: list('10.1.0.0/16'), subnets: ['azurerm_subnet.b_gateway'] }),
    gatewaySubnet('azurerm_subnet.b_gateway', { virtualNetwork: 'azurerm_virtual_network.b', addressPrefixes: list('10.1.255.0/27') }),
    publicIp('azurerm_public_ip.b1'),
    gateway(B_GW, {
      ipConfigurations: [{ name: 'default', subnet: 'azurerm_subnet.b_gateway', publicIp: 'azurerm_public_ip.b1', privateIpAddressAllocation: 'Dynamic' }],
      ...o,
    }),
  ];
}

function v2v(address: string, from: string, to: string, o: ConnectionOverrides = {}): Connection {
  return connection(address, { connectionType: 'Vnet2Vnet', gateway: from, peerGateway: to, localGateway: undefined, sharedKey: psk('v2v'), ...o });
}

/** The minimal hub plus hub B, joined by a VNet-to-VNet pair (gw → b, b → gw) sharing one random_password. */
function v2vHubs(o: { ab?: ConnectionOverrides; ba?: ConnectionOverrides | null; a?: GatewayOverrides; b?: GatewayOverrides; extra?: Entity[] } = {}): Topology {
  const entities: Entity[] = [...hubB(o.b), gateway(HUB_GW, o.a ?? {}), v2v(AB, HUB_GW, B_GW, o.ab)];
  if (o.ba !== null) entities.push(v2v(BA, B_GW, HUB_GW, o.ba ?? {}));
  return minimalHub([...entities, ...(o.extra ?? [])]);
}

function ipsecConnections(count: number, gw = HUB_GW): Connection[] {
  return Array.from({ length: count }, (_, i) => connection(`azurerm_virtual_network_gateway_connection.s${i}`, { gateway: gw }));
}

const BGP_SETTINGS: GatewayBgpSettings = {
  asn: 65010,
  peerWeight: undefined,
  peeringAddresses: [
    { ipConfigurationName: 'default', apipaAddresses: list('169.254.21.1', '169.254.21.5') },
    { ipConfigurationName: 'second', apipaAddresses: list('169.254.22.1') },
  ],
};

function bgpGateway(o: GatewayOverrides = {}): VirtualNetworkGateway {
  return gateway(HUB_GW, { bgpEnabled: true, bgpSettings: BGP_SETTINGS, ...o });
}

describe('every connection rule', () => {
  test('GIVEN the minimal hub WHEN the connection rules run THEN none reports an error or warning', () => {
    const findings = check(minimalHub(), ...connectionRules);
    expect(findings.filter((f) => f.severity !== Severity.INFO)).toEqual([]);
  });

  test('GIVEN every connection rule WHEN listed THEN each has an https source and a one-sentence summary', () => {
    for (const r of connectionRules) {
      expect(r.id).toMatch(/^conn\./);
      expect(r.source).toMatch(/^https:\/\//);
      expect(r.summary.length).toBeGreaterThan(20);
    }
  });
});

describe('conn.type.required-peer', () => {
  test('GIVEN an IPsec connection without local_network_gateway_id WHEN checked THEN it is an error', () => {
    const t = minimalHub([connection(SITE_CONN, { localGateway: undefined })]);
    const f = run('conn.type.required-peer', t, Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].resource).toBe(SITE_CONN);
    expect(f[0].message).toContain('local_network_gateway_id');
  });

  test('GIVEN a Vnet2Vnet connection without peer_virtual_network_gateway_id WHEN checked THEN it is an error', () => {
    const t = minimalHub([connection(SITE_CONN, { connectionType: 'Vnet2Vnet', localGateway: undefined })]);
    expect(run('conn.type.required-peer', t, Severity.ERROR).map((f) => f.message)).toEqual([expect.stringContaining('peer_virtual_network_gateway_id')]);
  });

  test('GIVEN an ExpressRoute connection WHEN express_route_circuit_id is missing or set THEN only the missing one is an error', () => {
    const erGateway = gateway('azurerm_virtual_network_gateway.er', { gatewayType: 'ExpressRoute', vpnType: undefined, sku: 'ErGw1AZ' });
    const missing = connection('azurerm_virtual_network_gateway_connection.er1', { connectionType: 'ExpressRoute', gateway: erGateway.address, localGateway: undefined });
    const present = connection('azurerm_virtual_network_gateway_connection.er2', { connectionType: 'ExpressRoute', gateway: erGateway.address, localGateway: undefined, expressRouteCircuit: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/c' });
    const f = run('conn.type.required-peer', minimalHub([erGateway, missing, present]), Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([missing.address]);
    expect(f[0].message).toContain('express_route_circuit_id');
  });

  test('GIVEN an IPsec connection on an ExpressRoute gateway WHEN checked THEN the gateway type is an error', () => {
    const t = minimalHub([gateway(HUB_GW, { gatewayType: 'ExpressRoute' })]);
    expect(run('conn.type.required-peer', t, Severity.ERROR).map((f) => f.message)).toEqual([expect.stringContaining('type = "Vpn"')]);
  });

  test('GIVEN local_network_gateway_id pointing at a VNet WHEN checked THEN the wrong reference is an error', () => {
    const t = minimalHub([connection(SITE_CONN, { localGateway: 'azurerm_virtual_network.hub' })]);
    expect(run('conn.type.required-peer', t, Severity.ERROR).map((f) => f.message)).toEqual([expect.stringContaining('azurerm_virtual_network.hub')]);
  });

  test('GIVEN a wrongly cased or missing type WHEN checked THEN both are errors', () => {
    const t = minimalHub([connection(SITE_CONN, { connectionType: 'ipsec' }), connection('azurerm_virtual_network_gateway_connection.x', { connectionType: undefined })]);
    expect(run('conn.type.required-peer', t, Severity.ERROR)).toHaveLength(2);
  });

  test('GIVEN a type that is unknown at synth WHEN checked THEN the rule skips with info', () => {
    const t = minimalHub([connection(SITE_CONN, { connectionType: unknown(), localGateway: undefined })]);
    const f = run('conn.type.required-peer', t);
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
    expect(f[0].message).toMatch(/^skipped: type/);
  });
});

describe('conn.routebased', () => {
  test('GIVEN a VNet-to-VNet pair WHEN both gateways are route-based THEN there is no finding', () => {
    expect(run('conn.routebased', v2vHubs())).toEqual([]);
  });

  test('GIVEN a VNet-to-VNet pair WHEN the peer gateway is PolicyBased THEN both connections report an error', () => {
    const f = run('conn.routebased', v2vHubs({ b: { vpnType: 'PolicyBased', sku: 'Basic' } }), Severity.ERROR);
    expect(f.map((x) => x.resource).sort()).toEqual([AB, BA]);
    expect(f[0].message).toContain('PolicyBased');
  });

  test('GIVEN a PolicyBased gateway WHEN two IPsec connections use it THEN the gateway reports a multi-site error', () => {
    const t = minimalHub([gateway(HUB_GW, { vpnType: 'PolicyBased', sku: 'Basic' }), ...ipsecConnections(2)]);
    const f = run('conn.routebased', t, Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([HUB_GW]);
  });

  test('GIVEN a VNet-to-VNet pair WHEN the peer vpn_type is unknown THEN the rule skips with info', () => {
    const f = run('conn.routebased', v2vHubs({ b: { vpnType: unknown('var.vpn_type is a variable', '${var.vpn_type}') } }));
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.severity === Severity.INFO)).toBe(true);
  });
});

describe('conn.tunnel-limit', () => {
  // minimalHub() already holds one connection.
  test('GIVEN a VpnGw1AZ gateway WHEN 30 connections use it THEN there is no finding', () => {
    expect(run('conn.tunnel-limit', minimalHub(ipsecConnections(29)))).toEqual([]);
  });

  test('GIVEN a VpnGw1AZ gateway WHEN 31 connections use it THEN the gateway reports an error', () => {
    const f = run('conn.tunnel-limit', minimalHub(ipsecConnections(30)), Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([HUB_GW]);
    expect(f[0].message).toContain('31');
    expect(f[0].message).toContain('30');
  });

  test('GIVEN a PolicyBased Basic gateway WHEN two connections use it THEN the limit of one is an error', () => {
    const t = minimalHub([gateway(HUB_GW, { vpnType: 'PolicyBased', sku: 'Basic' }), ...ipsecConnections(1)]);
    expect(ids(run('conn.tunnel-limit', t, Severity.ERROR))).toEqual(['conn.tunnel-limit']);
  });

  test('GIVEN a gateway whose sku is unknown WHEN 12 connections use it THEN the rule skips with info', () => {
    const t = minimalHub([gateway(HUB_GW, { sku: unknown() }), ...ipsecConnections(11)]);
    expect(run('conn.tunnel-limit', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN a gateway whose sku is unknown WHEN only 3 connections use it THEN nothing needs deciding', () => {
    const t = minimalHub([gateway(HUB_GW, { sku: unknown() }), ...ipsecConnections(2)]);
    expect(run('conn.tunnel-limit', t)).toEqual([]);
  });

  test('GIVEN an active-active VpnGw1AZ WHEN 20 connections use it THEN a warning says both instances may count', () => {
    const t = minimalHub([gateway(HUB_GW, { activeActive: true }), ...ipsecConnections(19)]);
    expect(run('conn.tunnel-limit', t).map((x) => x.severity)).toEqual([Severity.WARNING]);
  });
});

describe('conn.no-overlap', () => {
  test('GIVEN a site whose prefix lies inside the hub VNet WHEN checked THEN the connection reports an error', () => {
    const t = minimalHub([localGateway(SITE, { addressSpace: list('10.0.1.0/24') })]);
    const f = run('conn.no-overlap', t, Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([SITE_CONN]);
    expect(f[0].message).toContain('"10.0.1.0/24"');
    expect(f[0].message).toContain('"10.0.0.0/16"');
  });

  test('GIVEN a peer VNet prefix overlapping two hub prefixes WHEN checked THEN one finding names the first and counts the other', () => {
    const t = v2vHubs({
      extra: [
        vnet('azurerm_virtual_network.hub', { subnets: ['azurerm_subnet.gateway'], addressSpace: list('10.0.0.0/16', '10.1.0.0/16') }),
        vnet('azurerm_virtual_network.b', { addressSpace: list('10.0.0.0/8'), subnets: ['azurerm_subnet.b_gateway'] }),
      ],
    });
    const onAb = run('conn.no-overlap', t, Severity.ERROR).filter((x) => x.resource === AB);
    expect(onAb).toHaveLength(1);
    expect(onAb[0].message).toContain('"10.0.0.0/8"');
    expect(onAb[0].message).toContain('and 1 more prefix');
  });

  test('GIVEN a site with two prefixes inside the hub VNet WHEN checked THEN each prefix gets its own finding', () => {
    const t = minimalHub([localGateway(SITE, { addressSpace: list('10.0.1.0/24', '10.0.2.0/24') })]);
    expect(run('conn.no-overlap', t, Severity.ERROR)).toHaveLength(2);
  });

  test('GIVEN the overlapping site WHEN the connection links NAT rules THEN there is no finding', () => {
    const t = minimalHub([
      localGateway(SITE, { addressSpace: list('10.0.1.0/24') }),
      natRule('azurerm_virtual_network_gateway_nat_rule.in', { mode: 'IngressSnat' }),
      connection(SITE_CONN, { ingressNatRules: list('azurerm_virtual_network_gateway_nat_rule.in') }),
    ]);
    expect(run('conn.no-overlap', t)).toEqual([]);
  });

  test('GIVEN the overlapping site WHEN the NAT rule list is unknown THEN the rule skips with info', () => {
    const t = minimalHub([
      localGateway(SITE, { addressSpace: list('10.0.1.0/24') }),
      connection(SITE_CONN, { ingressNatRules: { items: [], unknown: unknown('var.nat is a variable', '${var.nat}') } }),
    ]);
    const f = run('conn.no-overlap', t);
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN two VNets joined by VNet-to-VNet WHEN their address spaces overlap THEN the connection reports an error', () => {
    const t = v2vHubs({ extra: [vnet('azurerm_virtual_network.b', { addressSpace: list('10.0.128.0/17'), subnets: ['azurerm_subnet.b_gateway'] })] });
    const f = run('conn.no-overlap', t, Severity.ERROR);
    expect(f.map((x) => x.resource).sort()).toEqual([AB, BA]);
  });

  test('GIVEN a site prefix that is a superset of the VNet WHEN checked THEN conn.no-overlap leaves it to lng.superset', () => {
    const t = minimalHub([localGateway(SITE, { addressSpace: list('10.0.0.0/8') })]);
    expect(run('conn.no-overlap', t)).toEqual([]);
  });

  test('GIVEN a BGP site listing only its peer /32 WHEN checked THEN the peer address is not treated as a network', () => {
    const t = minimalHub([localGateway(SITE, { addressSpace: list('10.0.5.5/32'), bgpSettings: { asn: 65020, peeringAddress: '10.0.5.5', peerWeight: undefined } })]);
    expect(run('conn.no-overlap', t)).toEqual([]);
  });
});

describe('conn.v2v.pair', () => {
  test('GIVEN a VNet-to-VNet pair sharing one random_password WHEN checked THEN there is no finding', () => {
    expect(run('conn.v2v.pair', v2vHubs())).toEqual([]);
  });

  test('GIVEN a Vnet2Vnet connection WHEN no connection leads back THEN it is an error', () => {
    const f = run('conn.v2v.pair', v2vHubs({ ba: null }), Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([AB]);
    expect(f[0].message).toContain(B_GW);
  });

  test('GIVEN a VNet-to-VNet pair WHEN one half has no shared_key THEN that half reports an error', () => {
    const f = run('conn.v2v.pair', v2vHubs({ ba: { sharedKey: undefined } }), Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([BA]);
  });

  test('GIVEN a VNet-to-VNet pair WHEN the keys come from two different random_password resources THEN it is an error', () => {
    const f = run('conn.v2v.pair', v2vHubs({ ab: { sharedKey: psk('one') }, ba: { sharedKey: psk('two') } }), Severity.ERROR);
    expect(f).toHaveLength(1);
  });

  test('GIVEN a VNet-to-VNet pair WHEN the two literal keys differ THEN it is an error that shows neither key', () => {
    const f = run('conn.v2v.pair', v2vHubs({ ab: { sharedKey: 'AlphaKey123' }, ba: { sharedKey: 'BravoKey456' } }), Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).not.toContain('AlphaKey123');
    expect(f[0].message).not.toContain('BravoKey456');
  });

  test('GIVEN a VNet-to-VNet pair WHEN the keys come from two different variables THEN the rule skips with info', () => {
    const t = v2vHubs({ ab: { sharedKey: unknown('var.k1 is a variable', '${var.k1}') }, ba: { sharedKey: unknown('var.k2 is a variable', '${var.k2}') } });
    expect(run('conn.v2v.pair', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN a missing reverse WHEN another connection of the peer gateway has an unknown peer THEN the rule skips with info', () => {
    const t = v2vHubs({ ba: { peerGateway: unknown('var.peer is a variable', '${var.peer}') } });
    const f = run('conn.v2v.pair', t);
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.severity === Severity.INFO)).toBe(true);
  });

  test('GIVEN a missing reverse WHEN an unrelated connection has an unknown type THEN it is still an error', () => {
    const unrelated = connection('azurerm_virtual_network_gateway_connection.other', { connectionType: unknown(), gateway: HUB_GW });
    expect(ids(run('conn.v2v.pair', v2vHubs({ ba: null, extra: [unrelated] }), Severity.ERROR))).toEqual(['conn.v2v.pair']);
  });

  test('GIVEN a Vnet2Vnet connection to a gateway outside the configuration WHEN checked THEN the rule skips with info', () => {
    const external = { ...gateway('azurerm_virtual_network_gateway.ext'), external: true } as VirtualNetworkGateway;
    const t = minimalHub([external, v2v(AB, HUB_GW, external.address)]);
    expect(run('conn.v2v.pair', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('conn.v2v.same-policy', () => {
  const policy = {
    dhGroup: 'DHGroup14',
    ikeEncryption: 'AES256',
    ikeIntegrity: 'SHA256',
    ipsecEncryption: 'GCMAES256',
    ipsecIntegrity: 'GCMAES256',
    pfsGroup: 'PFS2048',
    saLifetimeSeconds: undefined,
    saDataSizeKilobytes: undefined,
  };

  test('GIVEN both halves WHEN they carry equal policies (DHGroup2048 alias, explicit default sa_lifetime) THEN there is no finding', () => {
    const t = v2vHubs({ ab: { ipsecPolicy: policy }, ba: { ipsecPolicy: { ...policy, dhGroup: 'DHGroup2048', saLifetimeSeconds: 27000 } } });
    expect(run('conn.v2v.same-policy', t)).toEqual([]);
  });

  test('GIVEN a pair WHEN only one half has an ipsec_policy THEN the other half reports an error', () => {
    const f = run('conn.v2v.same-policy', v2vHubs({ ab: { ipsecPolicy: policy } }), Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([BA]);
  });

  test('GIVEN a pair WHEN the policies differ in pfs_group THEN it is an error naming the field', () => {
    const f = run('conn.v2v.same-policy', v2vHubs({ ab: { ipsecPolicy: policy }, ba: { ipsecPolicy: { ...policy, pfsGroup: 'ECP384' } } }), Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('pfs_group');
  });

  test('GIVEN a pair WHEN use_policy_based_traffic_selectors differs THEN it is an error', () => {
    expect(ids(run('conn.v2v.same-policy', v2vHubs({ ab: { usePolicyBasedTrafficSelectors: true } }), Severity.ERROR))).toEqual(['conn.v2v.same-policy']);
  });

  test('GIVEN a pair WHEN one policy field is unknown THEN the rule skips with info', () => {
    const t = v2vHubs({ ab: { ipsecPolicy: policy }, ba: { ipsecPolicy: { ...policy, dhGroup: unknown() } } });
    expect(run('conn.v2v.same-policy', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('conn.shared-key', () => {
  const keyFindings = (key: string | undefined) => run('conn.shared-key', minimalHub([connection(SITE_CONN, { sharedKey: key })]));

  test.each([
    ['empty', ''],
    ['longer than 128 characters', 'k'.repeat(129)],
    ['holding a space', 'Secret Key1'],
    ['holding a non-ASCII letter', 'Schlüssel123'],
    ['holding a control character', 'Secret\tKey'],
  ])('GIVEN a literal key %s WHEN checked THEN it is an error that never shows the key', (_label, key) => {
    const f = keyFindings(key);
    expect(f.filter((x) => x.severity === Severity.ERROR)).not.toHaveLength(0);
    for (const x of f) {
      if (key.length > 0) expect(x.message).not.toContain(key);
    }
  });

  test('GIVEN a literal key with a hyphen WHEN checked THEN it is a warning, not an error', () => {
    const f = keyFindings('Secret-Key123');
    expect(f.filter((x) => x.severity === Severity.ERROR)).toEqual([]);
    expect(f.some((x) => x.severity === Severity.WARNING && x.message.includes('hyphen'))).toBe(true);
  });

  test('GIVEN a valid literal key WHEN checked THEN the key\'s form passes (that it is literal is secret.literal\'s)', () => {
    expect(keyFindings('ValidSecretKey123')).toEqual([]);
  });

  test('GIVEN an IPsec connection WHEN shared_key is not set THEN it is a warning', () => {
    const f = keyFindings(undefined);
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
    expect(f[0].message).toContain('not set');
  });

  test('GIVEN a key from an unknown source WHEN checked THEN the rule skips with info', () => {
    expect(run('conn.shared-key', minimalHub()).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  describe('a key generated by random_password', () => {
    const generated = (spec: Partial<RandomPasswordSpec>) =>
      run('conn.shared-key', minimalHub([connection(SITE_CONN, { sharedKeyGenerator: { address: 'random_password.psk', length: 64, special: false, overrideSpecial: undefined, ...spec } })]));

    test('GIVEN an alphanumeric password of 64 characters WHEN checked THEN the rule is decided and passes', () => {
      expect(generated({})).toEqual([]);
    });

    test('GIVEN the provider default special characters WHEN checked THEN it warns that a hyphen may be drawn', () => {
      const f = generated({ special: undefined });
      expect(f.map((x) => [x.rule, x.severity])).toEqual([['conn.shared-key', Severity.WARNING]]);
      expect(f[0].message).toContain('special = false');
    });

    test('GIVEN override_special with a space WHEN checked THEN it is an error', () => {
      expect(generated({ special: true, overrideSpecial: '!@ #' }).map((x) => [x.rule, x.severity])).toContainEqual(['conn.shared-key', Severity.ERROR]);
    });

    test('GIVEN a length above 128 WHEN checked THEN it is an error', () => {
      expect(generated({ length: 200 }).map((x) => [x.rule, x.severity])).toEqual([['conn.shared-key', Severity.ERROR]]);
    });

    test('GIVEN an unknown length WHEN checked THEN only the length is skipped as info', () => {
      expect(generated({ length: unknown() }).map((x) => x.severity)).toEqual([Severity.INFO]);
    });
  });
});

describe('conn.ikev1 and conn.ikev1.rekey', () => {
  test('GIVEN IKEv1 on a route-based Basic gateway WHEN checked THEN it is an error', () => {
    const t = minimalHub([gateway(HUB_GW, { sku: 'Basic' }), connection(SITE_CONN, { connectionProtocol: 'IKEv1' })]);
    expect(ids(run('conn.ikev1', t, Severity.ERROR))).toEqual(['conn.ikev1']);
  });

  test('GIVEN IKEv1 on a VpnGw1AZ gateway WHEN checked THEN conn.ikev1 is silent and conn.ikev1.rekey warns', () => {
    const t = minimalHub([connection(SITE_CONN, { connectionProtocol: 'IKEv1' })]);
    expect(run('conn.ikev1', t)).toEqual([]);
    expect(run('conn.ikev1.rekey', t).map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN IKEv1 on a Vnet2Vnet connection WHEN checked THEN it is an error', () => {
    expect(ids(run('conn.ikev1', v2vHubs({ ab: { connectionProtocol: 'IKEv1' } }), Severity.ERROR))).toEqual(['conn.ikev1']);
  });

  test('GIVEN IKEv1 WHEN the gateway sku is unknown THEN the rule skips with info', () => {
    const t = minimalHub([gateway(HUB_GW, { sku: unknown() }), connection(SITE_CONN, { connectionProtocol: 'IKEv1' })]);
    expect(run('conn.ikev1', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN the default protocol WHEN checked THEN conn.ikev1.rekey is silent', () => {
    expect(run('conn.ikev1.rekey', minimalHub())).toEqual([]);
  });
});

describe('conn.dpd', () => {
  const dpdFindings = (seconds: number | Unknown) => run('conn.dpd', minimalHub([connection(SITE_CONN, { dpdTimeoutSeconds: seconds })]));

  test.each([5, 3601, 12.5])('GIVEN dpd_timeout_seconds %p WHEN checked THEN it is an error', (seconds) => {
    expect(dpdFindings(seconds).map((x) => x.severity)).toEqual([Severity.ERROR]);
  });

  test('GIVEN dpd_timeout_seconds 20 WHEN checked THEN it is a warning', () => {
    expect(dpdFindings(20).map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN dpd_timeout_seconds 45 WHEN checked THEN there is no finding', () => {
    expect(dpdFindings(45)).toEqual([]);
  });

  test('GIVEN an unknown dpd_timeout_seconds WHEN checked THEN the rule skips with info', () => {
    expect(dpdFindings(unknown()).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('conn.routing-weight', () => {
  test('GIVEN routing_weight on an IPsec connection WHEN checked THEN it is a warning', () => {
    const f = run('conn.routing-weight', minimalHub([connection(SITE_CONN, { routingWeight: 10 })]));
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN routing_weight on an ExpressRoute connection WHEN checked THEN there is no finding', () => {
    const t = minimalHub([connection(SITE_CONN, { connectionType: 'ExpressRoute', routingWeight: 10, localGateway: undefined })]);
    expect(run('conn.routing-weight', t)).toEqual([]);
  });
});

describe('conn.mode', () => {
  test('GIVEN connection_mode with IKEv1 WHEN checked THEN it is a warning', () => {
    const f = run('conn.mode', minimalHub([connection(SITE_CONN, { connectionMode: 'InitiatorOnly', connectionProtocol: 'IKEv1' })]));
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN connection_mode on a PolicyBased gateway WHEN checked THEN it is a warning', () => {
    const t = minimalHub([gateway(HUB_GW, { vpnType: 'PolicyBased', sku: 'Basic' }), connection(SITE_CONN, { connectionMode: 'ResponderOnly' })]);
    expect(run('conn.mode', t).map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN an unknown connection_mode on a PolicyBased gateway WHEN checked THEN the rule skips with info', () => {
    const t = minimalHub([gateway(HUB_GW, { vpnType: 'PolicyBased', sku: 'Basic' }), connection(SITE_CONN, { connectionMode: unknown() })]);
    expect(run('conn.mode', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN connection_mode on a route-based IKEv2 connection WHEN checked THEN there is no finding', () => {
    expect(run('conn.mode', minimalHub([connection(SITE_CONN, { connectionMode: 'ResponderOnly' })]))).toEqual([]);
  });
});

describe('conn.pbts', () => {
  test('GIVEN policy-based traffic selectors WHEN the connection links NAT rules THEN it is an error', () => {
    const t = minimalHub([
      natRule('azurerm_virtual_network_gateway_nat_rule.out'),
      connection(SITE_CONN, { usePolicyBasedTrafficSelectors: true, egressNatRules: list('azurerm_virtual_network_gateway_nat_rule.out') }),
    ]);
    expect(ids(run('conn.pbts', t, Severity.ERROR))).toEqual(['conn.pbts']);
  });

  test('GIVEN policy-based traffic selectors WHEN the gateway is PolicyBased THEN it is a warning', () => {
    const t = minimalHub([gateway(HUB_GW, { vpnType: 'PolicyBased', sku: 'Basic' }), connection(SITE_CONN, { usePolicyBasedTrafficSelectors: true })]);
    expect(run('conn.pbts', t).map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN policy-based traffic selectors WHEN the gateway has other connections THEN a no-transit warning is reported', () => {
    const t = minimalHub([connection(SITE_CONN, { usePolicyBasedTrafficSelectors: true }), ...ipsecConnections(1)]);
    const f = run('conn.pbts', t);
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
    expect(f[0].message).toContain('transit');
  });

  test('GIVEN NAT rules linked WHEN use_policy_based_traffic_selectors is unknown THEN the rule skips with info', () => {
    const t = minimalHub([connection(SITE_CONN, { usePolicyBasedTrafficSelectors: unknown(), egressNatRules: list('azurerm_virtual_network_gateway_nat_rule.out') })]);
    expect(run('conn.pbts', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN policy-based traffic selectors on the only connection of a route-based gateway WHEN checked THEN there is no finding', () => {
    expect(run('conn.pbts', minimalHub([connection(SITE_CONN, { usePolicyBasedTrafficSelectors: true })]))).toEqual([]);
  });
});

describe('conn.traffic-selector-policy', () => {
  const selectors = [{ localAddressCidrs: list('10.0.0.0/16'), remoteAddressCidrs: list('192.168.0.0/24') }];

  test('GIVEN traffic_selector_policy WHEN use_policy_based_traffic_selectors is not set THEN it is a warning', () => {
    const f = run('conn.traffic-selector-policy', minimalHub([connection(SITE_CONN, { trafficSelectorPolicies: selectors })]));
    expect(f.map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN traffic_selector_policy WHEN policy-based selectors are on THEN there is no finding', () => {
    const t = minimalHub([connection(SITE_CONN, { trafficSelectorPolicies: selectors, usePolicyBasedTrafficSelectors: true })]);
    expect(run('conn.traffic-selector-policy', t)).toEqual([]);
  });

  test('GIVEN traffic_selector_policy WHEN the connection is ResponderOnly THEN it is a warning', () => {
    const t = minimalHub([connection(SITE_CONN, { trafficSelectorPolicies: selectors, usePolicyBasedTrafficSelectors: true, connectionMode: 'ResponderOnly' })]);
    expect(run('conn.traffic-selector-policy', t).map((x) => x.severity)).toEqual([Severity.WARNING]);
  });

  test('GIVEN traffic_selector_policy WHEN use_policy_based_traffic_selectors is unknown THEN the rule skips with info', () => {
    const t = minimalHub([connection(SITE_CONN, { trafficSelectorPolicies: selectors, usePolicyBasedTrafficSelectors: unknown() })]);
    expect(run('conn.traffic-selector-policy', t).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('conn.multi-tunnel-same-site', () => {
  const second = 'azurerm_virtual_network_gateway_connection.site2';

  test('GIVEN two connections to the same local network gateway WHEN neither has BGP THEN both report an error', () => {
    const f = run('conn.multi-tunnel-same-site', minimalHub([connection(second)]), Severity.ERROR);
    expect(f.map((x) => x.resource).sort()).toEqual([SITE_CONN, second]);
  });

  test('GIVEN two connections to the same site WHEN both have BGP THEN there is no finding', () => {
    const t = minimalHub([connection(SITE_CONN, { bgpEnabled: true }), connection(second, { bgpEnabled: true })]);
    expect(run('conn.multi-tunnel-same-site', t)).toEqual([]);
  });

  test('GIVEN two local network gateways with one gateway_address WHEN only one connection has BGP THEN the other reports an error', () => {
    const t = minimalHub([
      localGateway('azurerm_local_network_gateway.site2', { addressSpace: list('192.168.50.0/24') }),
      connection(SITE_CONN, { bgpEnabled: true }),
      connection(second, { localGateway: 'azurerm_local_network_gateway.site2' }),
    ]);
    const f = run('conn.multi-tunnel-same-site', t, Severity.ERROR);
    expect(f.map((x) => x.resource)).toEqual([second]);
    expect(f[0].message).toContain('gateway_address');
  });

  test('GIVEN two devices in front of overlapping prefixes WHEN neither has BGP THEN both report an error', () => {
    const t = minimalHub([
      localGateway('azurerm_local_network_gateway.site2', { gatewayAddress: '198.51.100.7', addressSpace: list('192.168.0.0/16') }),
      connection(second, { localGateway: 'azurerm_local_network_gateway.site2' }),
    ]);
    expect(run('conn.multi-tunnel-same-site', t, Severity.ERROR)).toHaveLength(2);
  });

  test('GIVEN two different sites WHEN neither has BGP THEN there is no finding', () => {
    const t = minimalHub([
      localGateway('azurerm_local_network_gateway.site2', { gatewayAddress: '198.51.100.7', addressSpace: list('172.16.0.0/24') }),
      connection(second, { localGateway: 'azurerm_local_network_gateway.site2' }),
    ]);
    expect(run('conn.multi-tunnel-same-site', t)).toEqual([]);
  });

  test('GIVEN six connections to one site WHEN none has BGP THEN each message names three others and counts the rest', () => {
    const extra = Array.from({ length: 5 }, (_, i) => connection(`azurerm_virtual_network_gateway_connection.x${i}`));
    const f = run('conn.multi-tunnel-same-site', minimalHub(extra), Severity.ERROR);
    expect(f).toHaveLength(6);
    for (const x of f) expect(x.message).toContain('and 2 more');
  });

  test('GIVEN two connections to one site WHEN bgp_enabled is unknown THEN the rule skips with info', () => {
    const t = minimalHub([connection(SITE_CONN, { bgpEnabled: unknown() }), connection(second, { bgpEnabled: unknown() })]);
    expect(run('conn.multi-tunnel-same-site', t).map((x) => x.severity)).toEqual([Severity.INFO, Severity.INFO]);
  });
});

describe('conn.multi-device', () => {
  const site2 = 'azurerm_local_network_gateway.site2';
  const bgpSite = (address: string, device: string, peer: string, asn = 65020) =>
    localGateway(address, { gatewayAddress: device, addressSpace: list(`${peer}/32`), bgpSettings: { asn, peeringAddress: peer, peerWeight: undefined } });
  const conn2 = connection('azurerm_virtual_network_gateway_connection.site2', { localGateway: site2, bgpEnabled: true });

  test('GIVEN two BGP devices of one site WHEN public and BGP addresses are unique THEN there is no finding', () => {
    const t = minimalHub([bgpGateway(), bgpSite(SITE, '203.0.113.10', '192.168.1.1'), bgpSite(site2, '203.0.113.11', '192.168.1.2'), connection(SITE_CONN, { bgpEnabled: true }), conn2]);
    expect(run('conn.multi-device', t)).toEqual([]);
  });

  test('GIVEN two devices with one ASN WHEN they share a bgp_peering_address THEN it is an error', () => {
    const t = minimalHub([bgpGateway(), bgpSite(SITE, '203.0.113.10', '192.168.1.1'), bgpSite(site2, '203.0.113.11', '192.168.1.1'), connection(SITE_CONN, { bgpEnabled: true }), conn2]);
    const f = run('conn.multi-device', t, Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('bgp_peering_address');
  });

  test('GIVEN two devices with one ASN WHEN they share a gateway_address THEN it is an error', () => {
    const t = minimalHub([bgpGateway(), bgpSite(SITE, '203.0.113.10', '192.168.1.1'), bgpSite(site2, '203.0.113.10', '192.168.1.2'), connection(SITE_CONN, { bgpEnabled: true }), conn2]);
    expect(run('conn.multi-device', t, Severity.ERROR).map((f) => f.message)).toEqual([expect.stringContaining('gateway_address')]);
  });

  test('GIVEN two static devices with overlapping prefixes WHEN checked THEN each reports that BGP is required', () => {
    const t = minimalHub([
      localGateway(site2, { gatewayAddress: '198.51.100.7', addressSpace: list('192.168.0.0/24') }),
      connection('azurerm_virtual_network_gateway_connection.site2', { localGateway: site2 }),
    ]);
    const f = run('conn.multi-device', t, Severity.ERROR);
    expect(f.map((x) => x.resource).sort()).toEqual([SITE, site2]);
  });
});

describe('conn.v2v.redundant', () => {
  const ab2 = 'azurerm_virtual_network_gateway_connection.ab2';

  test('GIVEN two connections from gw to b WHEN neither gateway is active-active THEN the second reports an error', () => {
    const f = run('conn.v2v.redundant', v2vHubs({ extra: [v2v(ab2, HUB_GW, B_GW)] }), Severity.ERROR);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('active_active');
  });

  test('GIVEN two connections from gw to b WHEN b is active-active THEN there is no finding', () => {
    expect(run('conn.v2v.redundant', v2vHubs({ b: { activeActive: true }, extra: [v2v(ab2, HUB_GW, B_GW)] }))).toEqual([]);
  });

  test('GIVEN one connection per direction WHEN neither gateway is active-active THEN there is no finding', () => {
    expect(run('conn.v2v.redundant', v2vHubs())).toEqual([]);
  });

  test('GIVEN two connections from gw to b WHEN active_active is unknown THEN the rule skips with info', () => {
    const f = run('conn.v2v.redundant', v2vHubs({ a: { activeActive: unknown() }, extra: [v2v(ab2, HUB_GW, B_GW)] }));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('conn.custom-bgp-addresses', () => {
  const withCustom = (custom: { primary: string | Unknown | undefined; secondary?: string | Unknown }, o: ConnectionOverrides = {}, g: GatewayOverrides = {}) =>
    minimalHub([bgpGateway(g), connection(SITE_CONN, { bgpEnabled: true, customBgpAddresses: { secondary: undefined, ...custom }, ...o })]);

  test('GIVEN a primary from the gateway APIPA list WHEN BGP is on THEN there is no finding', () => {
    expect(run('conn.custom-bgp-addresses', withCustom({ primary: '169.254.21.5' }))).toEqual([]);
  });

  test('GIVEN custom_bgp_addresses WHEN bgp_enabled is off THEN it is an error (azurerm would drop the block)', () => {
    const f = run('conn.custom-bgp-addresses', withCustom({ primary: '169.254.21.1' }, { bgpEnabled: false }), Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('bgp_enabled')]);
  });

  test('GIVEN custom_bgp_addresses on a Vnet2Vnet connection WHEN checked THEN it is an error', () => {
    const f = run('conn.custom-bgp-addresses', withCustom({ primary: '169.254.21.1' }, { connectionType: 'Vnet2Vnet' }), Severity.ERROR);
    expect(f).toHaveLength(1);
  });

  test('GIVEN a primary missing from the APIPA list WHEN checked THEN it is an error', () => {
    const f = run('conn.custom-bgp-addresses', withCustom({ primary: '169.254.21.9' }), Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('peering_addresses[0]')]);
  });

  test('GIVEN a secondary WHEN the gateway is active-standby THEN it is an error', () => {
    const f = run('conn.custom-bgp-addresses', withCustom({ primary: '169.254.21.1', secondary: '169.254.22.1' }), Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('active-active')]);
  });

  test('GIVEN a secondary from the second instance WHEN the gateway is active-active THEN there is no finding', () => {
    expect(run('conn.custom-bgp-addresses', withCustom({ primary: '169.254.21.1', secondary: '169.254.22.1' }, {}, { activeActive: true }))).toEqual([]);
  });

  test('GIVEN a gateway without apipa_addresses WHEN a primary is chosen THEN it is an error', () => {
    const f = run('conn.custom-bgp-addresses', withCustom({ primary: '169.254.21.1' }, {}, { bgpSettings: undefined }), Severity.ERROR);
    expect(f).toHaveLength(1);
  });

  test('GIVEN an unknown primary WHEN checked THEN the rule skips with info', () => {
    expect(run('conn.custom-bgp-addresses', withCustom({ primary: unknown() })).map((x) => x.severity)).toEqual([Severity.INFO]);
  });
});

describe('conn.public-endpoint', () => {
  test.each(['10.1.2.3', '192.168.0.1', '169.254.10.1', '127.0.0.1', 'vpn.example.com'])(
    'GIVEN gateway_address %p WHEN checked THEN it is an error',
    (address) => {
      const f = run('conn.public-endpoint', minimalHub([localGateway(SITE, { gatewayAddress: address })]), Severity.ERROR);
      expect(f.map((x) => x.resource)).toEqual([SITE]);
    },
  );

  test('GIVEN a public gateway_address WHEN checked THEN there is no finding', () => {
    expect(run('conn.public-endpoint', minimalHub())).toEqual([]);
  });

  test('GIVEN a local network gateway no connection uses WHEN its address is private THEN it is still an error', () => {
    const t = topology(localGateway('azurerm_local_network_gateway.lonely', { gatewayAddress: '172.16.0.1' }));
    expect(ids(run('conn.public-endpoint', t, Severity.ERROR))).toEqual(['conn.public-endpoint']);
  });

  test('GIVEN an unknown gateway_address WHEN checked THEN the rule skips with info', () => {
    const f = run('conn.public-endpoint', minimalHub([localGateway(SITE, { gatewayAddress: unknown() })]));
    expect(f.map((x) => x.severity)).toEqual([Severity.INFO]);
  });

  test('GIVEN S2S VPN over ExpressRoute private peering (private-IP gateway, local_azure_ip_address_enabled, private device address) WHEN checked THEN there is no finding', () => {
    const t = minimalHub([
      gateway(HUB_GW, { privateIpAddressEnabled: true }),
      localGateway(SITE, { gatewayAddress: '10.100.0.4' }),
      connection(SITE_CONN, { localAzureIpAddressEnabled: true }),
    ]);
    expect(run('conn.public-endpoint', t)).toEqual([]);
  });

  test('GIVEN local_azure_ip_address_enabled WHEN the gateway has no private IP address THEN the private device address is an error that names private_ip_address_enabled', () => {
    const t = minimalHub([localGateway(SITE, { gatewayAddress: '10.100.0.4' }), connection(SITE_CONN, { localAzureIpAddressEnabled: true })]);
    const f = run('conn.public-endpoint', t, Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('private_ip_address_enabled')]);
  });

  test('GIVEN a private-IP gateway WHEN the connection does not set local_azure_ip_address_enabled THEN the private device address is an error that names it', () => {
    const t = minimalHub([gateway(HUB_GW, { privateIpAddressEnabled: true }), localGateway(SITE, { gatewayAddress: '10.100.0.4' })]);
    const f = run('conn.public-endpoint', t, Severity.ERROR);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('local_azure_ip_address_enabled')]);
  });
});

function ids(findings: Finding[]): string[] {
  return findings.map((f) => f.rule);
}

describe('skip text for a declared data source (issue 10, finding 7)', () => {
  test('GIVEN a connection to a gateway read by a data source WHEN a rule needs its attributes THEN the skip says it is a data source, not that it is undeclared', () => {
    const dataGateway = { ...gateway('data.azurerm_virtual_network_gateway.hub'), external: true };
    const t = minimalHub([
      dataGateway,
      localGateway(SITE, { addressSpace: list('10.200.0.1/32'), bgpSettings: { asn: 65020, peeringAddress: '10.200.0.1', peerWeight: undefined } }),
      connection(SITE_CONN, { gateway: 'data.azurerm_virtual_network_gateway.hub', bgpEnabled: true }),
    ]);
    const skips = check(t, ...bgpRules).filter((f) => f.message.includes('data.azurerm_virtual_network_gateway.hub'));
    expect(skips.length).toBeGreaterThan(0);
    for (const f of skips) {
      expect(f.message).toContain('is a data source, read at plan');
      expect(f.message).not.toContain('not declared in this configuration');
    }
  });
});
