import { PlannedChange, Topology } from '../../lib/model/topology';
import { acknowledgeReplacements } from '../../lib/rules/plan-changes';
import { Severity } from '../../lib/rules/rule';
import { check, gateway, ids, publicIp, rule, topology } from '../support/model';

/** A topology with the resource changes of a plan. */
function planned(t: Topology, ...changes: PlannedChange[]): Topology {
  return { ...t, changes };
}

function change(address: string, type: string, actions: string[], o: Partial<PlannedChange> = {}): PlannedChange {
  return { address, type, actions, replacePaths: [], ...o };
}

const GW = 'module.hub.azurerm_virtual_network_gateway.gw["weu"]';
const PIP = 'azurerm_public_ip.gw';

describe('GIVEN a plan', () => {
  test('WHEN it replaces a gateway THEN plan.gateway.replace names the resource, the forcing attributes, the outage and the on-premises impact', () => {
    const t = planned(topology(gateway(GW)), change(GW, 'azurerm_virtual_network_gateway', ['delete', 'create'], { replacePaths: ['generation', 'ip_configuration'] }));
    const findings = check(t, rule('plan.gateway.replace'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toEqual(expect.objectContaining({ rule: 'plan.gateway.replace', severity: Severity.ERROR, resource: GW }));
    expect(findings[0].message).toContain('replaces this VPN gateway because generation, ip_configuration force a new resource');
    expect(findings[0].message).toContain('30–60 minutes');
    expect(findings[0].message).toContain('every on-premises device must be reconfigured');
    expect(findings[0].message).toContain(`--allow-replace '${GW}'`);
  });

  test('WHEN it updates a gateway in place (a SKU resize) THEN no plan rule reports', () => {
    const t = planned(topology(gateway(GW)), change(GW, 'azurerm_virtual_network_gateway', ['update']));
    expect(check(t, rule('plan.gateway.replace'))).toEqual([]);
  });

  test('WHEN it destroys a gateway that is no longer in the planned resources THEN it is an error on its address', () => {
    const t = planned(topology(), change(GW, 'azurerm_virtual_network_gateway', ['delete'], { name: 'vgw' }));
    const findings = check(t, rule('plan.gateway.replace'));
    expect(findings.map((f) => [f.rule, f.resource])).toEqual([['plan.gateway.replace', GW]]);
    expect(findings[0].message).toContain('the plan destroys this VPN gateway');
  });

  test('WHEN it replaces a public IP a gateway uses THEN plan.public-ip.replace; a public IP no gateway uses is not reported', () => {
    const t = topology(publicIp(PIP), publicIp('azurerm_public_ip.vm'), gateway(GW, { ipConfigurations: [{ name: 'c', subnet: 'azurerm_subnet.gateway', publicIp: PIP, privateIpAddressAllocation: 'Dynamic' }] }));
    const findings = check(
      planned(t, change(PIP, 'azurerm_public_ip', ['create', 'delete'], { replacePaths: ['sku'] }), change('azurerm_public_ip.vm', 'azurerm_public_ip', ['delete', 'create'])),
      rule('plan.public-ip.replace'),
    );
    expect(findings.map((f) => [f.rule, f.resource])).toEqual([['plan.public-ip.replace', PIP]]);
    expect(findings[0].message).toContain('new public IP address');
  });

  test.each([
    ['plan.connection.replace', 'azurerm_virtual_network_gateway_connection', {}],
    ['plan.local-gateway.replace', 'azurerm_local_network_gateway', {}],
    ['plan.gateway-subnet.replace', 'azurerm_subnet', { name: 'GatewaySubnet' }],
    ['plan.gateway-subnet.replace', 'azurerm_virtual_network', { subnetNamesBefore: ['workload', 'GatewaySubnet'] }],
  ])('WHEN it replaces a %s resource (%s) THEN that rule reports an error, and an update does not', (id, type, o) => {
    const address = `${type}.x`;
    expect(ids(check(planned(topology(), change(address, type, ['delete', 'create'], o)), rule(id)), Severity.ERROR)).toEqual([id]);
    expect(check(planned(topology(), change(address, type, ['update'], o)), rule(id))).toEqual([]);
  });

  test('WHEN it replaces a subnet that is not the GatewaySubnet, or a VNet without one THEN plan.gateway-subnet.replace is silent', () => {
    const t = planned(topology(), change('azurerm_subnet.w', 'azurerm_subnet', ['delete', 'create'], { name: 'workload' }), change('azurerm_virtual_network.v', 'azurerm_virtual_network', ['delete', 'create'], { subnetNamesBefore: ['workload'] }));
    expect(check(t, rule('plan.gateway-subnet.replace'))).toEqual([]);
  });

  test('WHEN a replacement is acknowledged THEN its error becomes an info that still says what is replaced, and others stay errors', () => {
    const other = 'azurerm_virtual_network_gateway.other';
    const t = planned(topology(gateway(GW), gateway(other)), change(GW, 'azurerm_virtual_network_gateway', ['delete', 'create']), change(other, 'azurerm_virtual_network_gateway', ['delete', 'create']));
    const findings = acknowledgeReplacements(check(t, rule('plan.gateway.replace')), new Set([GW]));
    expect(findings.map((f) => [f.resource, f.severity])).toEqual(expect.arrayContaining([[GW, Severity.INFO], [other, Severity.ERROR]]));
    const acknowledged = findings.find((f) => f.resource === GW)!;
    expect(acknowledged.message).toMatch(/^acknowledged with --allow-replace: the plan replaces this VPN gateway/);
    expect(acknowledged.message).not.toContain('If this is deliberate');
  });

  test('WHEN there is no plan (a configuration or a state) THEN no plan rule reports', () => {
    expect(check(topology(gateway(GW)), rule('plan.gateway.replace'), rule('plan.connection.replace'))).toEqual([]);
  });
});
