import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { Testing } from 'cdktf';
import { NatRuleMode } from '../../lib/constructs/gateway-nat-rule';
import { GatewaySku } from '../../lib/constructs/gateway-sku';
import { GatewayLogCategory, ManagementLockLevel, PublicIpLogCategory } from '../../lib/constructs/gateway-monitoring';
import { P2SAccess } from '../../lib/constructs/p2s-access';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { resourcesOfType, synthValidated, testStack } from '../support/stack';

const base: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const workspaceId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/ops';

function byName(resources: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.values<any>(resources).map((r) => [r.name, r]));
}

describe('diagnostic settings for the gateway and its public IPs', () => {
  test('GIVEN a workspace WHEN an active-active gateway with point-to-site is synthesized THEN the gateway and each of its three public IPs get a diagnostic setting', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, activeActive: true, diagnostics: { logAnalyticsWorkspaceId: workspaceId } });
    new P2SAccess(stack, 'Users', { gateway, clientAddressPool: ['172.16.0.0/24'], authentications: [P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' })] });
    const settings = byName(resourcesOfType(synthValidated(stack), 'azurerm_monitor_diagnostic_setting'));

    expect(Object.keys(settings).sort()).toEqual(['hub-gw-aa-pip-diagnostics', 'hub-gw-diagnostics', 'hub-gw-p2s-pip-diagnostics', 'hub-gw-pip-diagnostics']);
    const onGateway = settings['hub-gw-diagnostics'];
    expect(onGateway.target_resource_id).toMatch(/^\$\{azurerm_virtual_network_gateway\.Hub_[0-9A-F]+\.id\}$/);
    expect(onGateway.log_analytics_workspace_id).toBe(workspaceId);
    expect(onGateway.enabled_log.map((l: any) => l.category)).toEqual(['GatewayDiagnosticLog', 'TunnelDiagnosticLog', 'RouteDiagnosticLog', 'IKEDiagnosticLog', 'P2SDiagnosticLog']);
    expect(onGateway.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
    const onPip = settings['hub-gw-p2s-pip-diagnostics'];
    expect(onPip.target_resource_id).toMatch(/^\$\{azurerm_public_ip\.Hub_P2SPublicIp_[0-9A-F]+\.id\}$/);
    expect(onPip.enabled_log.map((l: any) => l.category)).toEqual(['DDoSProtectionNotifications', 'DDoSMitigationFlowLogs', 'DDoSMitigationReports']);
  });

  test('GIVEN chosen categories, dedicated tables and no metrics WHEN synthesized THEN only those are written', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', {
      ...base,
      diagnostics: {
        logAnalyticsWorkspaceId: workspaceId,
        gatewayLogCategories: [GatewayLogCategory.TUNNEL_DIAGNOSTIC_LOG, GatewayLogCategory.of('NewCategory')],
        publicIpLogCategories: [PublicIpLogCategory.DDOS_PROTECTION_NOTIFICATIONS],
        metrics: false,
        dedicatedTables: true,
        name: 'to-ops',
      },
    });
    const settings = Object.values<any>(resourcesOfType(synthValidated(stack), 'azurerm_monitor_diagnostic_setting'));
    expect(settings.map((s) => s.name)).toEqual(['to-ops', 'to-ops']);
    const categories = settings.map((s) => s.enabled_log.map((l: any) => l.category)).sort();
    expect(categories).toEqual([['DDoSProtectionNotifications'], ['TunnelDiagnosticLog', 'NewCategory']]);
    expect(settings.every((s) => s.enabled_metric === undefined && s.log_analytics_destination_type === 'Dedicated')).toBe(true);
  });

  test('GIVEN no diagnostics WHEN synthesized THEN no diagnostic setting is created', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', base);
    expect(resourcesOfType(synthValidated(stack), 'azurerm_monitor_diagnostic_setting')).toEqual({});
  });

  test('GIVEN no log category and metrics off WHEN the gateway is constructed THEN it fails with props.missing (Azure refuses an empty setting)', () => {
    expect(() => new VpnGateway(testStack(), 'Hub', { ...base, diagnostics: { logAnalyticsWorkspaceId: workspaceId, gatewayLogCategories: [], metrics: false } })).toThrow(/\[props\.missing\].*would send nothing/);
  });
});

describe('management lock on the gateway and its public IPs', () => {
  test('GIVEN CAN_NOT_DELETE WHEN an active-active gateway is synthesized THEN the gateway and both public IPs are locked', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', { ...base, activeActive: true, lock: ManagementLockLevel.CAN_NOT_DELETE });
    const locks = byName(resourcesOfType(synthValidated(stack), 'azurerm_management_lock'));
    expect(Object.keys(locks).sort()).toEqual(['hub-gw-aa-pip-lock', 'hub-gw-lock', 'hub-gw-pip-lock']);
    expect(locks['hub-gw-lock']).toMatchObject({ lock_level: 'CanNotDelete', scope: expect.stringMatching(/^\$\{azurerm_virtual_network_gateway\.Hub_[0-9A-F]+\.id\}$/) });
    expect(locks['hub-gw-pip-lock'].scope).toMatch(/^\$\{azurerm_public_ip\.Hub_PublicIp_[0-9A-F]+\.id\}$/);
  });

  test('GIVEN READ_ONLY WHEN synthesized THEN lock_level is ReadOnly; no lock without the prop', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', { ...base, lock: ManagementLockLevel.READ_ONLY });
    new VpnGateway(stack, 'Other', { ...base, name: 'other-gw', addressSpace: ['10.1.0.0/16'] });
    const locks = Object.values<any>(resourcesOfType(JSON.parse(Testing.synth(stack)), 'azurerm_management_lock'));
    expect(locks.map((l) => `${l.name}=${l.lock_level}`).sort()).toEqual(['hub-gw-lock=ReadOnly', 'hub-gw-pip-lock=ReadOnly']);
  });

  test('GIVEN existing public IPs and a lock WHEN synthesized THEN only the gateway is locked (the IPs belong to someone else)', () => {
    const stack = testStack();
    const pip = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-edge/providers/Microsoft.Network/publicIPAddresses/edge-1';
    new VpnGateway(stack, 'Hub', { ...base, existingPublicIpIds: [pip], lock: ManagementLockLevel.CAN_NOT_DELETE });
    expect(Object.values<any>(resourcesOfType(synthValidated(stack), 'azurerm_management_lock')).map((l) => l.name)).toEqual(['hub-gw-lock']);
  });
});

describe('gw.lock.read-only: a ReadOnly lock is inherited by the gateway\'s NAT rules', () => {
  const nat = { name: 'out', mode: NatRuleMode.EGRESS_SNAT, internalMapping: '10.0.0.0/24', externalMapping: '100.64.0.0/24' };

  test('GIVEN a ReadOnly lock and NAT rules on the gateway WHEN synthesized THEN it fails with gw.lock.read-only', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, sku: GatewaySku.VPN_GW2_AZ, lock: ManagementLockLevel.READ_ONLY });
    gateway.addNatRulePerInstance('Out', nat);
    expect(() => Testing.synth(stack, true)).toThrow(/gw\.lock\.read-only.*ScopeLocked/);
  });

  test('GIVEN a CanNotDelete lock and NAT rules WHEN synthesized THEN it passes', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, sku: GatewaySku.VPN_GW2_AZ, lock: ManagementLockLevel.CAN_NOT_DELETE });
    gateway.addNatRulePerInstance('Out', nat);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'gw.lock.read-only')).toEqual([]);
  });

  test('GIVEN a ReadOnly lock without NAT rules WHEN checked THEN a warning that later changes fail', () => {
    const stack = testStack();
    new VpnGateway(stack, 'Hub', { ...base, lock: ManagementLockLevel.READ_ONLY });
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'gw.lock.read-only').map((f) => f.severity)).toEqual(['warning']);
  });

  test('GIVEN a ReadOnly lock that depends on the NAT rules WHEN checked THEN only a warning (the rules exist before the lock)', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', { ...base, sku: GatewaySku.VPN_GW2_AZ, lock: ManagementLockLevel.READ_ONLY });
    const rules = gateway.addNatRulePerInstance('Out', nat);
    const lock = gateway.node.findChild('Lock') as ManagementLock;
    lock.dependsOn = rules.map((r) => r.natRule.fqn);
    expect(VpnValidation.check(stack).filter((f) => f.rule === 'gw.lock.read-only').map((f) => f.severity)).toEqual(['warning']);
  });
});
