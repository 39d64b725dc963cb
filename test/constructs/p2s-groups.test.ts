import { Testing } from 'cdktf';
import { P2SAccess } from '../../lib/constructs/p2s-access';
import { P2SAuthentication, P2SGroupMember, P2SUserGroup, VpnClientProtocol } from '../../lib/constructs/point-to-site';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';

const base: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const entra = P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' });
const ENGINEERING = '0cf484f2-238e-440b-8c73-7bf232b248dc';
const FINANCE = '2f2a8e1c-5d38-4b1c-9a3c-6b9d1e7f0a11';

function withGroups(userGroups: P2SUserGroup[], o: { customRoutes?: string[]; auth?: P2SAuthentication } = {}) {
  const stack = testStack();
  const gateway = new VpnGateway(stack, 'Hub', base);
  new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [o.auth ?? entra], userGroups, customRoutes: o.customRoutes });
  return stack;
}

function gatewayOf(synthesized: any): any {
  return Object.values<any>(resourcesOfType(synthesized, 'azurerm_virtual_network_gateway'))[0];
}

const engineering: P2SUserGroup = { name: 'engineering', members: [P2SGroupMember.entraGroup(ENGINEERING)], addressPool: ['172.17.0.0/24'] };
const finance: P2SUserGroup = { name: 'finance', members: [P2SGroupMember.entraGroup(FINANCE)], addressPool: ['172.18.0.0/24'] };

describe('P2S user groups: a policy_group and a client connection with its own pool per group', () => {
  test('GIVEN two Entra groups WHEN synthesized with validations THEN each is a policy_group and a virtual_network_gateway_client_connection, the first the default', () => {
    const gateway = gatewayOf(synthValidated(withGroups([engineering, finance])));
    expect(gateway.policy_group).toEqual([
      { name: 'engineering', is_default: true, priority: 0, policy_member: [{ name: `entra-${ENGINEERING}`, type: 'AADGroupId', value: ENGINEERING }] },
      { name: 'finance', is_default: false, priority: 1, policy_member: [{ name: `entra-${FINANCE}`, type: 'AADGroupId', value: FINANCE }] },
    ]);
    expect(gateway.vpn_client_configuration.virtual_network_gateway_client_connection).toEqual([
      { name: 'engineering', policy_group_names: ['engineering'], address_prefixes: ['172.17.0.0/24'] },
      { name: 'finance', policy_group_names: ['finance'], address_prefixes: ['172.18.0.0/24'] },
    ]);
  });

  test('GIVEN an explicit default and priorities WHEN synthesized THEN they are kept', () => {
    const gateway = gatewayOf(synthValidated(withGroups([{ ...engineering, priority: 5 }, { ...finance, isDefault: true, priority: 2 }])));
    expect(gateway.policy_group.map((g: any) => [g.name, g.is_default, g.priority])).toEqual([['engineering', false, 5], ['finance', true, 2]]);
  });

  test('GIVEN no user groups WHEN synthesized THEN no policy_group or client connection is written', () => {
    const gateway = gatewayOf(synthValidated(withGroups([])));
    expect(gateway.policy_group).toBeUndefined();
    expect(gateway.vpn_client_configuration.virtual_network_gateway_client_connection).toBeUndefined();
    expect(gateway.custom_route).toBeUndefined();
  });

  test('GIVEN a group pool that overlaps the VNet WHEN synthesized THEN it fails with p2s.user-groups', () => {
    expect(() => Testing.synth(withGroups([{ ...engineering, addressPool: ['10.0.8.0/24'] }]), true)).toThrow(/p2s\.user-groups.*overlaps the gateway's virtual network/);
  });

  test('GIVEN two groups with overlapping pools WHEN synthesized THEN it fails with p2s.user-groups', () => {
    expect(() => Testing.synth(withGroups([engineering, { ...finance, addressPool: ['172.17.0.0/23'] }]), true)).toThrow(/p2s\.user-groups/);
  });

  test('GIVEN every group marked not default WHEN synthesized THEN it fails with p2s.user-groups (one default group is required)', () => {
    expect(() => Testing.synth(withGroups([{ ...engineering, isDefault: false }, { ...finance, isDefault: false }]), true)).toThrow(/p2s\.user-groups.*is_default/);
  });

  test('GIVEN a certificate member on an Entra-only gateway and a /25 pool WHEN checked THEN p2s.user-groups warns twice, and synth passes', () => {
    const stack = withGroups([{ ...engineering, members: [P2SGroupMember.certificate('red')], addressPool: ['172.17.0.0/25'] }]);
    const findings = VpnValidation.check(stack).filter((f) => f.rule === 'p2s.user-groups');
    expect(findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(findings.map((f) => f.message).join('\n')).toMatch(/never matches[\s\S]*smaller than \/24|smaller than \/24[\s\S]*never matches/);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('P2S custom routes', () => {
  test('GIVEN custom routes WHEN synthesized with validations THEN the gateway carries custom_route.address_prefixes', () => {
    const gateway = gatewayOf(synthValidated(withGroups([], { customRoutes: ['10.50.0.0/16', '192.168.100.0/24'] })));
    expect(gateway.custom_route).toEqual({ address_prefixes: ['10.50.0.0/16', '192.168.100.0/24'] });
  });

  test('GIVEN a custom route that is not a prefix WHEN synthesized THEN it fails with p2s.custom-routes', () => {
    expect(() => Testing.synth(withGroups([], { customRoutes: ['10.50.0.0'] }), true)).toThrow(/p2s\.custom-routes/);
  });

  test('GIVEN 30 custom routes on IKEv2 WHEN checked THEN p2s.route-limits counts them', () => {
    const routes = Array.from({ length: 30 }, (_, i) => `10.${100 + i}.0.0/16`);
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', base);
    gateway.enableP2S({ clientAddressPool: ['172.16.0.0/24'], authentications: [P2SAuthentication.radius({ servers: [] })], protocols: [VpnClientProtocol.IKEV2], customRoutes: routes });
    const findings = VpnValidation.check(stack).filter((f) => f.rule === 'p2s.route-limits');
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0].message).toMatch(/get 31 routes/);
  });
});
