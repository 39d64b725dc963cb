import { GatewayIpConfiguration, P2SConfiguration } from '../../lib/model/topology';
import { Maybe } from '../../lib/model/unknown';
import { Severity } from '../../lib/rules/rule';
import { gateway, list, minimalHub, publicIp, unknown } from '../support/model';
import { rule } from '../support/model';
import { expectSkipOnly, only, run } from './gateway-helpers';

const GW = 'azurerm_virtual_network_gateway.gw';
const SUBNET = 'azurerm_subnet.gateway';
const PIP1 = 'azurerm_public_ip.gw1';
const PIP2 = 'azurerm_public_ip.gw2';
const PIP3 = 'azurerm_public_ip.gw3';

const ipc = (name: string | undefined, pip: Maybe<string> | undefined): GatewayIpConfiguration => ({ name, subnet: SUBNET, publicIp: pip, privateIpAddressAllocation: 'Dynamic' });
const p2s: P2SConfiguration = {
  addressSpace: list('172.16.0.0/24'),
  protocols: list('OpenVPN'),
  authTypes: undefined,
  rootCertificates: [],
  revokedCertificates: 0,
  aadTenant: undefined,
  aadAudience: undefined,
  aadIssuer: undefined,
  radiusServerAddress: undefined,
  radiusServerSecret: undefined,
  radiusServers: [],
};
/** An active-active VpnGw1AZ gateway with the given ip configurations and three declared zone-redundant IPs. */
const activeActive = (ipcs: GatewayIpConfiguration[], o: Parameters<typeof gateway>[1] = {}) =>
  minimalHub([gateway(GW, { activeActive: true, ipConfigurations: ipcs, ...o }), publicIp(PIP2), publicIp(PIP3)]);

describe('gw.pip.standard', () => {
  test('GIVEN a Basic public IP WHEN checked THEN an error on the public IP', () => {
    const f = only(run('gw.pip.standard', minimalHub([publicIp(PIP1, { sku: 'Basic', allocationMethod: 'Dynamic', zones: list() })])), Severity.ERROR);
    expect(f.resource).toBe(PIP1);
    expect(f.message).toContain('sku = "Basic"');
    expect(rule('gw.pip.standard').azureError).toBe('PublicIpWithBasicSkuNotAllowedOnVPNGateways');
  });

  test('GIVEN a Basic public IP on a Basic-SKU gateway WHEN checked THEN still an error (docs conflict noted in the summary)', () => {
    const t = minimalHub([gateway(GW, { sku: 'Basic' }), publicIp(PIP1, { sku: 'Basic', allocationMethod: 'Dynamic', zones: list() })]);
    only(run('gw.pip.standard', t), Severity.ERROR);
    expect(rule('gw.pip.standard').summary).toMatch(/conflict/);
  });

  test('GIVEN sku unset (Standard in azurerm 4.x) WHEN checked THEN nothing', () => {
    expect(run('gw.pip.standard', minimalHub([publicIp(PIP1, { sku: undefined })]))).toEqual([]);
  });

  test('GIVEN an unknown public IP sku WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.pip.standard', minimalHub([publicIp(PIP1, { sku: unknown() })])));
  });

  test('GIVEN the public IP reference is unknown WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.pip.standard', minimalHub([gateway(GW, { ipConfigurations: [ipc('default', unknown())] })])));
  });

  test('GIVEN a Basic public IP on an ExpressRoute gateway WHEN checked THEN nothing', () => {
    const t = minimalHub([gateway(GW, { gatewayType: 'ExpressRoute', sku: 'ErGw1AZ' }), publicIp(PIP1, { sku: 'Basic', allocationMethod: 'Dynamic' })]);
    expect(run('gw.pip.standard', t)).toEqual([]);
  });
});

describe('gw.pip.static', () => {
  test('GIVEN a Dynamic public IP with sku unset WHEN checked THEN an error explains the Standard default', () => {
    const f = only(run('gw.pip.static', minimalHub([publicIp(PIP1, { sku: undefined, allocationMethod: 'Dynamic' })])), Severity.ERROR);
    expect(f.message).toContain('defaults to "Standard"');
  });

  test('GIVEN a Basic Dynamic public IP WHEN checked THEN nothing from this rule (gw.pip.standard reports it)', () => {
    expect(run('gw.pip.static', minimalHub([publicIp(PIP1, { sku: 'Basic', allocationMethod: 'Dynamic' })]))).toEqual([]);
  });

  test('GIVEN an unknown allocation_method WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.pip.static', minimalHub([publicIp(PIP1, { allocationMethod: unknown() })])));
  });
});

describe('zones', () => {
  test('GIVEN a Basic gateway with a zonal public IP WHEN checked THEN gw.pip.zones-non-az errors', () => {
    const f = only(run('gw.pip.zones-non-az', minimalHub([gateway(GW, { sku: 'Basic' })])), Severity.ERROR);
    expect(f.resource).toBe(PIP1);
  });

  test('GIVEN a Basic gateway with a regional public IP WHEN checked THEN nothing', () => {
    expect(run('gw.pip.zones-non-az', minimalHub([gateway(GW, { sku: 'Basic' }), publicIp(PIP1, { zones: list() })]))).toEqual([]);
  });

  test('GIVEN an AZ SKU without zones in westeurope WHEN checked THEN gw.pip.zones-az errors', () => {
    const f = only(run('gw.pip.zones-az', minimalHub([publicIp(PIP1, { zones: list() })])), Severity.ERROR);
    expect(f.message).toContain('"westeurope"');
    expect(rule('gw.pip.zones-az').azureError).toBe('VmssVpnGatewayPublicIpsMustHaveZonesConfigured');
  });

  test('GIVEN an AZ SKU without zones in "West Europe" (display name) WHEN checked THEN gw.pip.zones-az errors', () => {
    only(run('gw.pip.zones-az', minimalHub([gateway(GW, { location: 'West Europe' }), publicIp(PIP1, { zones: list() })])), Severity.ERROR);
  });

  test('GIVEN an AZ SKU without zones in a region without zones WHEN checked THEN info only', () => {
    const f = only(run('gw.pip.zones-az', minimalHub([gateway(GW, { location: 'northcentralus' }), publicIp(PIP1, { zones: list() })])), Severity.INFO);
    expect(f.message).toContain('regionally');
  });

  test('GIVEN an AZ SKU without zones and an unknown location WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.pip.zones-az', minimalHub([gateway(GW, { location: unknown() }), publicIp(PIP1, { zones: list() })])));
  });

  test('GIVEN unknown zones WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.pip.zones-az', minimalHub([publicIp(PIP1, { zones: { items: [], unknown: unknown() } })])));
  });

  test('GIVEN an AZ SKU with a single-zone public IP WHEN checked THEN gw.pip.zone-redundant warns', () => {
    const f = only(run('gw.pip.zone-redundant', minimalHub([publicIp(PIP1, { zones: list('2') })])), Severity.WARNING);
    expect(f.message).toContain('["2"]');
  });

  test('GIVEN zone-redundant public IPs WHEN checked THEN no zone rule reports', () => {
    for (const id of ['gw.pip.zones-non-az', 'gw.pip.zones-az', 'gw.pip.zone-redundant']) expect(run(id, minimalHub())).toEqual([]);
  });
});

describe('gw.pip.ipv4 and gw.pip.location', () => {
  test('GIVEN an IPv6 public IP WHEN checked THEN an error', () => {
    only(run('gw.pip.ipv4', minimalHub([publicIp(PIP1, { ipVersion: 'IPv6' })])), Severity.ERROR);
  });

  test('GIVEN an IPv4 public IP WHEN checked THEN nothing', () => {
    expect(run('gw.pip.ipv4', minimalHub([publicIp(PIP1, { ipVersion: 'IPv4' })]))).toEqual([]);
  });

  test('GIVEN a public IP in another region WHEN checked THEN an error', () => {
    const f = only(run('gw.pip.location', minimalHub([publicIp(PIP1, { location: 'northeurope' })])), Severity.ERROR);
    expect(f.message).toContain('"northeurope"');
  });

  test('GIVEN the same region written two ways WHEN checked THEN nothing', () => {
    expect(run('gw.pip.location', minimalHub([publicIp(PIP1, { location: 'West Europe' })]))).toEqual([]);
  });

  test('GIVEN an unknown public IP location WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.pip.location', minimalHub([publicIp(PIP1, { location: unknown() })])));
  });
});

describe('gw.ipconfig.private-alloc', () => {
  test('GIVEN private_ip_address_allocation Static WHEN checked THEN an error', () => {
    const g = gateway(GW, { ipConfigurations: [{ ...ipc('default', PIP1), privateIpAddressAllocation: 'Static' }] });
    only(run('gw.ipconfig.private-alloc', minimalHub([g])), Severity.ERROR);
  });

  test('GIVEN Dynamic or unset WHEN checked THEN nothing', () => {
    const g = gateway(GW, { ipConfigurations: [{ ...ipc('default', PIP1), privateIpAddressAllocation: undefined }] });
    expect(run('gw.ipconfig.private-alloc', minimalHub([g]))).toEqual([]);
    expect(run('gw.ipconfig.private-alloc', minimalHub())).toEqual([]);
  });
});

describe('gw.ipconfig.count', () => {
  test('GIVEN active-active with one ip configuration WHEN checked THEN an error asks for exactly 2', () => {
    const f = only(run('gw.ipconfig.count', activeActive([ipc('a', PIP1)])), Severity.ERROR);
    expect(f.message).toContain('exactly 2');
    expect(rule('gw.ipconfig.count').azureError).toBe('ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations');
  });

  test('GIVEN active-active with two ip configurations WHEN checked THEN nothing', () => {
    expect(run('gw.ipconfig.count', activeActive([ipc('a', PIP1), ipc('b', PIP2)]))).toEqual([]);
  });

  test('GIVEN active-active without P2S and three ip configurations WHEN checked THEN an error', () => {
    only(run('gw.ipconfig.count', activeActive([ipc('a', PIP1), ipc('b', PIP2), ipc('c', PIP3)])), Severity.ERROR);
  });

  test('GIVEN active-active with P2S and three ip configurations WHEN checked THEN nothing', () => {
    expect(run('gw.ipconfig.count', activeActive([ipc('a', PIP1), ipc('b', PIP2), ipc('c', PIP3)], { p2s }))).toEqual([]);
  });

  test('GIVEN active-active with P2S and two ip configurations WHEN checked THEN nothing here (p2s.aa-third-ip reports it)', () => {
    expect(run('gw.ipconfig.count', activeActive([ipc('a', PIP1), ipc('b', PIP2)], { p2s }))).toEqual([]);
  });

  test('GIVEN active-active with P2S and one ip configuration WHEN checked THEN an error asks for 3', () => {
    const f = only(run('gw.ipconfig.count', activeActive([ipc('a', PIP1)], { p2s })), Severity.ERROR);
    expect(f.message).toContain('exactly 3');
  });

  test('GIVEN active-standby with two ip configurations WHEN checked THEN a warning (unconfirmed), not an error', () => {
    const f = only(run('gw.ipconfig.count', activeActive([ipc('a', PIP1), ipc('b', PIP2)], { activeActive: false })), Severity.WARNING);
    expect(f.message).toContain('unconfirmed');
  });

  test('GIVEN two ip configurations without names WHEN checked THEN an error about the default name', () => {
    const findings = run('gw.ipconfig.count', activeActive([ipc(undefined, PIP1), ipc(undefined, PIP2)]));
    const f = only(findings, Severity.ERROR);
    expect(f.message).toContain('"vnetGatewayConfig"');
  });

  test('GIVEN two ip configurations on one public IP WHEN checked THEN an error', () => {
    const f = only(run('gw.ipconfig.count', activeActive([ipc('a', PIP1), ipc('b', PIP1)])), Severity.ERROR);
    expect(f.message).toContain(PIP1);
  });

  test('GIVEN an ip configuration without public IP WHEN checked THEN an error', () => {
    const f = only(run('gw.ipconfig.count', minimalHub([gateway(GW, { ipConfigurations: [ipc('default', undefined)] })])), Severity.ERROR);
    expect(f.message).toContain('public_ip_address_id');
  });

  test('GIVEN two gateways sharing one public IP WHEN checked THEN both get an error', () => {
    const other = gateway('azurerm_virtual_network_gateway.other', { ipConfigurations: [ipc('default', PIP1)] });
    const findings = run('gw.ipconfig.count', minimalHub([other]));
    expect(findings.map((f) => `${f.severity} ${f.resource}`).sort()).toEqual([`error ${GW}`, 'error azurerm_virtual_network_gateway.other']);
  });

  test('GIVEN unknown active_active with two ip configurations WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.ipconfig.count', activeActive([ipc('a', PIP1), ipc('b', PIP2)], { activeActive: unknown() })));
  });

  test('GIVEN unknown ip configurations WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.ipconfig.count', minimalHub([gateway(GW, { ipConfigurations: unknown() })])));
  });
});

describe('gw.aa.sku', () => {
  test.each(['Basic', 'Standard'])('GIVEN active-active on sku %s WHEN checked THEN an error', (sku) => {
    const f = only(run('gw.aa.sku', activeActive([ipc('a', PIP1), ipc('b', PIP2)], { sku })), Severity.ERROR);
    expect(f.message).toContain(`"${sku}"`);
  });

  test('GIVEN active-active on a policy-based gateway WHEN checked THEN an error', () => {
    const f = only(run('gw.aa.sku', activeActive([ipc('a', PIP1), ipc('b', PIP2)], { vpnType: 'PolicyBased', sku: 'Basic' })), Severity.ERROR);
    expect(f.message).toContain('RouteBased');
  });

  test.each(['VpnGw1AZ', 'HighPerformance'])('GIVEN active-active on sku %s WHEN checked THEN nothing', (sku) => {
    expect(run('gw.aa.sku', activeActive([ipc('a', PIP1), ipc('b', PIP2)], { sku }))).toEqual([]);
  });

  test('GIVEN active-active and an unknown sku WHEN checked THEN info skip', () => {
    expectSkipOnly(run('gw.aa.sku', activeActive([ipc('a', PIP1), ipc('b', PIP2)], { sku: unknown() })));
  });
});

describe('gw.aa.pip', () => {
  test('GIVEN active-active IPs with different zones WHEN checked THEN an error lists both', () => {
    const t = minimalHub([gateway(GW, { activeActive: true, ipConfigurations: [ipc('a', PIP1), ipc('b', PIP2)] }), publicIp(PIP2, { zones: list('1') })]);
    const f = only(run('gw.aa.pip', t), Severity.ERROR);
    expect(f.message).toContain(PIP1);
    expect(f.message).toContain(PIP2);
  });

  test('GIVEN the same zones in another order WHEN checked THEN nothing', () => {
    const t = minimalHub([gateway(GW, { activeActive: true, ipConfigurations: [ipc('a', PIP1), ipc('b', PIP2)] }), publicIp(PIP2, { zones: list('3', '1', '2') })]);
    expect(run('gw.aa.pip', t)).toEqual([]);
  });

  test('GIVEN an unknown zones list on the second IP WHEN checked THEN info skip', () => {
    const t = minimalHub([gateway(GW, { activeActive: true, ipConfigurations: [ipc('a', PIP1), ipc('b', PIP2)] }), publicIp(PIP2, { zones: { items: [], unknown: unknown() } })]);
    expectSkipOnly(run('gw.aa.pip', t));
  });
});
