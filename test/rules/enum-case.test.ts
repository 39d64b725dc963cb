import { enumCaseRules } from '../../lib/rules/enum-case';
import { Severity } from '../../lib/rules/rule';
import { check, connection, gateway, list, minimalHub, natRule, publicIp } from '../support/model';

const run = (t: ReturnType<typeof minimalHub>) => check(t, ...enumCaseRules);

describe('azurerm.enum-case (issue 10, finding 6)', () => {
  test('GIVEN the minimal hub (every enum in exact case) WHEN checked THEN nothing is reported', () => {
    expect(run(minimalHub())).toEqual([]);
  });

  test.each<[string, ReturnType<typeof minimalHub>, string, string]>([
    ['vpn_type "routebased"', minimalHub([gateway(undefined, { vpnType: 'routebased' })]), 'vpn_type', '"RouteBased"'],
    ['type "vpn"', minimalHub([gateway(undefined, { gatewayType: 'vpn' })]), 'type', '"Vpn"'],
    ['sku "vpngw1az"', minimalHub([gateway(undefined, { sku: 'vpngw1az' })]), 'sku', '"VpnGw1AZ"'],
    ['generation "generation1"', minimalHub([gateway(undefined, { generation: 'generation1' })]), 'generation', '"Generation1"'],
    ['connection type "ipsec"', minimalHub([connection('azurerm_virtual_network_gateway_connection.site', { connectionType: 'ipsec' })]), 'type', '"IPsec"'],
    ['connection_protocol "ikev2"', minimalHub([connection('azurerm_virtual_network_gateway_connection.site', { connectionProtocol: 'ikev2' })]), 'connection_protocol', '"IKEv2"'],
    ['connection_mode "initiatoronly"', minimalHub([connection('azurerm_virtual_network_gateway_connection.site', { connectionMode: 'initiatoronly' })]), 'connection_mode', '"InitiatorOnly"'],
    ['public IP sku "standard"', minimalHub([publicIp('azurerm_public_ip.gw1', { sku: 'standard' })]), 'sku', '"Standard"'],
    ['allocation_method "static"', minimalHub([publicIp('azurerm_public_ip.gw1', { allocationMethod: 'static' })]), 'allocation_method', '"Static"'],
    ['NAT mode "egresssnat"', minimalHub([natRule('azurerm_virtual_network_gateway_nat_rule.a', { mode: 'egresssnat' })]), 'mode', '"EgressSnat"'],
  ])('GIVEN %s WHEN checked THEN it is an error naming the attribute and the right spelling', (_what, t, attribute, right) => {
    const f = run(t);
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['azurerm.enum-case', Severity.ERROR]]);
    expect(f[0].message).toContain(attribute);
    expect(f[0].message).toContain(right);
  });

  test('GIVEN vpn_client_protocols ["ikev2"] WHEN checked THEN it is an error naming "IkeV2"', () => {
    const gw = gateway(undefined, { p2s: { addressSpace: list('172.16.0.0/24'), protocols: list('ikev2'), authTypes: list('Certificate'), rootCertificates: [], revokedCertificates: 0, aadTenant: undefined, aadAudience: undefined, aadIssuer: undefined, radiusServerAddress: undefined, radiusServerSecret: undefined, radiusServers: [] } });
    const f = run(minimalHub([gw]));
    expect(f.map((x) => x.rule)).toEqual(['azurerm.enum-case']);
    expect(f[0].message).toContain('"IkeV2"');
  });

  test('GIVEN a value that is no spelling of an accepted one WHEN checked THEN this rule leaves it to the rule that owns the attribute', () => {
    expect(run(minimalHub([gateway(undefined, { vpnType: 'Bogus' })]))).toEqual([]);
  });
});
