import { ConfigReplacement, Topology } from '../../lib/model/topology';
import { Severity } from '../../lib/rules/rule';
import { check, gateway, publicIp, rule, topology } from '../support/model';

/** A topology with the replacements found since the previous configuration. */
function since(t: Topology, ...replacements: ConfigReplacement[]): Topology {
  return { ...t, replacements };
}

const GW = 'azurerm_virtual_network_gateway.gw';
const PIP = 'azurerm_public_ip.gw';

describe('synth.replace', () => {
  test('GIVEN a changed generation since the previous synth WHEN checked THEN a warning names the gateway, the attribute, both values and the outage', () => {
    const t = since(topology(gateway(GW, { path: 'hub/Hub/Resource' })), { address: GW, type: 'azurerm_virtual_network_gateway', attributes: [{ attribute: 'generation', before: '"Generation1"', after: '"Generation2"' }] });
    const findings = check(t, rule('synth.replace'));
    expect(findings).toEqual([expect.objectContaining({ rule: 'synth.replace', severity: Severity.WARNING, resource: GW, path: 'hub/Hub/Resource' })]);
    expect(findings[0].message).toContain('the next apply replaces this VPN gateway: generation "Generation1" → "Generation2", and generation forces a new resource in azurerm');
    expect(findings[0].message).toContain('30–60 minutes');
  });

  test('GIVEN a public IP replaced for its zones and a gateway that takes its new ID WHEN checked THEN both warn, the gateway naming the public IP', () => {
    const t = since(
      topology(gateway(GW), publicIp(PIP)),
      { address: PIP, type: 'azurerm_public_ip', attributes: [{ attribute: 'zones', before: '["1","2","3"]', after: '["1"]' }] },
      { address: GW, type: 'azurerm_virtual_network_gateway', attributes: [], becauseOf: [PIP] },
    );
    const findings = check(t, rule('synth.replace'));
    expect(findings.map((f) => f.resource).sort()).toEqual([PIP, GW].sort());
    expect(findings.find((f) => f.resource === PIP)!.message).toContain('every on-premises device');
    expect(findings.find((f) => f.resource === GW)!.message).toContain(`a ForceNew attribute takes the new ID or changed name of ${PIP}, which is replaced or renamed`);
  });

  test('GIVEN a gateway at a new address with the same name WHEN checked THEN the warning names the previous address and moveFromId', () => {
    const t = since(topology(gateway('azurerm_virtual_network_gateway.hub')), { address: 'azurerm_virtual_network_gateway.hub', type: 'azurerm_virtual_network_gateway', attributes: [], previousAddress: GW });
    const [finding] = check(t, rule('synth.replace'));
    expect(finding.message).toContain(`its address changed from ${GW} to azurerm_virtual_network_gateway.hub`);
    expect(finding.message).toContain(`moveFromId("${GW}")`);
  });

  test('GIVEN no previous configuration, or one with no replacement WHEN checked THEN nothing is reported', () => {
    expect(check(topology(gateway(GW)), rule('synth.replace'))).toEqual([]);
    expect(check(since(topology(gateway(GW))), rule('synth.replace'))).toEqual([]);
  });
});
