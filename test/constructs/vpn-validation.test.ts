import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { checkTopology } from '../../lib/rules/engine';
import { topologyFromTerraformJson } from '../../lib/terraform-json';

function rawStack(context?: { [key: string]: unknown }): TerraformStack {
  const stack = new TerraformStack(Testing.app(context ? { context } : {}), 'raw');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** A raw active-standby VpnGw1AZ gateway; `pip` decides the public IP's SKU and zones. */
function rawGateway(stack: TerraformStack, pip: { sku?: string; zones?: string[]; allocationMethod?: string }, subnetName = 'GatewaySubnet') {
  const vnet = new VirtualNetwork(stack, 'hub', { name: 'hub', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'] });
  const subnet = new Subnet(stack, 'gwsubnet', { name: subnetName, resourceGroupName: 'rg', virtualNetworkName: vnet.name, addressPrefixes: ['10.0.255.0/27'] });
  const ip = new PublicIp(stack, 'pip', { name: 'gw-pip', resourceGroupName: 'rg', location: 'westeurope', allocationMethod: pip.allocationMethod ?? 'Static', sku: pip.sku, zones: pip.zones });
  return new VirtualNetworkGateway(stack, 'gw', {
    name: 'gw',
    resourceGroupName: 'rg',
    location: 'westeurope',
    type: 'Vpn',
    vpnType: 'RouteBased',
    sku: 'VpnGw1AZ',
    generation: 'Generation1',
    ipConfiguration: [{ name: 'default', subnetId: subnet.id, publicIpAddressId: ip.id, privateIpAddressAllocation: 'Dynamic' }],
  });
}

describe('VpnValidation', () => {
  test('GIVEN a raw gateway with a Basic public IP WHEN synthesized with validations THEN synth fails with gw.pip.standard at the public IP path', () => {
    const stack = rawStack();
    rawGateway(stack, { sku: 'Basic', allocationMethod: 'Static' });
    VpnValidation.enable(stack);
    expect(() => Testing.synth(stack, true)).toThrow(/\[raw\/pip\] \[gw\.pip\.standard\] .*Standard/);
  });

  test('GIVEN several violations WHEN synthesized THEN one failure lists every one with its construct path', () => {
    const stack = rawStack();
    rawGateway(stack, { sku: 'Basic', allocationMethod: 'Static' }, 'gateway');
    VpnValidation.enable(stack);
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[raw\/pip\] \[gw\.pip\.standard\]/);
    expect(message).toMatch(/\[raw\/gw\] \[gw\.subnet\.name\]/);
  });

  test('GIVEN a valid raw gateway WHEN synthesized with validations THEN synth succeeds and check() reports no error', () => {
    const stack = rawStack();
    rawGateway(stack, { sku: 'Standard', zones: ['1', '2', '3'] });
    VpnValidation.enable(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(VpnValidation.check(stack).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('GIVEN the public IP SKU is a variable WHEN synthesized with azvpn:showSkipped THEN the rule is skipped as an info annotation, not an error', () => {
    const stack = rawStack({ 'azvpn:showSkipped': true });
    const sku = new TerraformVariable(stack, 'pip_sku', { type: 'string' });
    rawGateway(stack, { sku: sku.stringValue, zones: ['1', '2', '3'] });
    VpnValidation.enable(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const pip = stack.node.findChild('pip');
    const infos = pip.node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => String(m.data));
    expect(infos).toEqual(expect.arrayContaining([expect.stringMatching(/^\[gw\.pip\.standard\] skipped: .*var\.pip_sku/)]));
  });

  test('GIVEN the public IP SKU is a variable whose default is Basic WHEN synthesized THEN the default is not taken for the value (the deployment may set it): a skip, no error; azvpn check of the same JSON, which Terraform plans with the default, fails with gw.pip.standard', () => {
    const stack = rawStack({ 'azvpn:showSkipped': true });
    const sku = new TerraformVariable(stack, 'pip_sku', { type: 'string', default: 'Basic' });
    rawGateway(stack, { sku: sku.stringValue, zones: ['1', '2', '3'] });
    VpnValidation.enable(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const infos = stack.node.findChild('pip').node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => String(m.data));
    expect(infos).toEqual(expect.arrayContaining([expect.stringMatching(/^\[gw\.pip\.standard\] skipped: .*var\.pip_sku/)]));

    const config = JSON.parse(Testing.synth(stack));
    const findings = checkTopology(topologyFromTerraformJson([{ file: 'cdk.tf.json', content: config }]));
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toContain('gw.pip.standard');
  });

  test('GIVEN skipped checks WHEN synthesized by default THEN no resource gets a skip annotation and the stack gets one line counting them and naming the switch (issue 10, finding 7)', () => {
    const stack = rawStack();
    const sku = new TerraformVariable(stack, 'pip_sku', { type: 'string' });
    rawGateway(stack, { sku: sku.stringValue, zones: ['1', '2', '3'] });
    VpnValidation.enable(stack);
    Testing.synth(stack, true);
    const infosOf = (node: { node: { metadata: Array<{ type: string; data: unknown }> } }) => node.node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => String(m.data));
    expect(stack.node.findAll().filter((c) => c !== stack).flatMap((c) => infosOf(c))).toEqual([]);
    const lines = infosOf(stack);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[azvpn\] [1-9][0-9]* checks? skipped .*azvpn:showSkipped.*AZVPN_SHOW_SKIPPED/);
  });

  test('GIVEN AZVPN_SHOW_SKIPPED=1 WHEN synthesized THEN the skips are listed', () => {
    const saved = process.env.AZVPN_SHOW_SKIPPED;
    process.env.AZVPN_SHOW_SKIPPED = '1';
    try {
      const stack = rawStack();
      const sku = new TerraformVariable(stack, 'pip_sku', { type: 'string' });
      rawGateway(stack, { sku: sku.stringValue, zones: ['1', '2', '3'] });
      VpnValidation.enable(stack);
      Testing.synth(stack, true);
      const infos = stack.node.findChild('pip').node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => String(m.data));
      expect(infos).toEqual(expect.arrayContaining([expect.stringMatching(/^\[gw\.pip\.standard\] skipped:/)]));
    } finally {
      if (saved === undefined) delete process.env.AZVPN_SHOW_SKIPPED;
      else process.env.AZVPN_SHOW_SKIPPED = saved;
    }
  });

  test('GIVEN a stack synthesized twice WHEN validations run twice THEN warnings are not duplicated', () => {
    const stack = rawStack();
    // a single zone on an AZ SKU is allowed but zonal: a warning
    rawGateway(stack, { sku: 'Standard', zones: ['1'] });
    VpnValidation.enable(stack);
    Testing.synth(stack, true);
    Testing.synth(stack, true);
    const pip = stack.node.findChild('pip');
    const warnings = pip.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings.filter((w) => w.startsWith('[gw.pip.zone-redundant]'))).toHaveLength(1);
  });

  test('GIVEN validations ran WHEN the stack is synthesized THEN the output equals an unvalidated synth of the same stack', () => {
    const stack = rawStack();
    rawGateway(stack, { sku: 'Standard', zones: ['1', '2', '3'] });
    VpnValidation.enable(stack);
    const validated = Testing.synth(stack, true);
    expect(validated).toEqual(Testing.synth(stack));
  });

  test('GIVEN a validated synth WHEN a resource is added and the stack synthesized again at once THEN the new resource is in the output', () => {
    const stack = rawStack();
    rawGateway(stack, { sku: 'Standard', zones: ['1', '2', '3'] });
    VpnValidation.enable(stack);
    Testing.synth(stack, true);
    new PublicIp(stack, 'later', { name: 'later', resourceGroupName: 'rg', location: 'westeurope', allocationMethod: 'Static' });
    expect(Testing.synth(stack)).toContain('"later"');
  });

  test('GIVEN validations ran without synth WHEN a resource is added and the stack resolved in the same tick THEN the resolution is fresh', () => {
    const stack = rawStack();
    rawGateway(stack, { sku: 'Standard', zones: ['1', '2', '3'] });
    VpnValidation.enable(stack);
    Testing.synth(stack, true);
    stack.runAllValidations();
    new PublicIp(stack, 'later', { name: 'later', resourceGroupName: 'rg', location: 'westeurope', allocationMethod: 'Static' });
    expect(JSON.stringify(stack.toTerraform())).toContain('"later"');
  });

  test('GIVEN validations are not enabled WHEN synthesized THEN raw resources are not checked', () => {
    const stack = rawStack();
    rawGateway(stack, { sku: 'Basic' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
