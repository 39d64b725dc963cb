import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DhGroup, IkeEncryption, IkeIntegrity, IpsecEncryption, IpsecIntegrity, IpsecPolicy, PfsGroup } from '../../lib/constructs/ipsec-policy';
import { LocalSite, LocalSiteProps } from '../../lib/constructs/local-site';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { SharedKey } from '../../lib/constructs/shared-key';
import { SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VNetToVNet } from '../../lib/constructs/vnet-to-vnet';
import { VpnGateway, VpnGatewayProps } from '../../lib/constructs/vpn-gateway';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { PLANTED_SECRET } from '../support/planted-secrets';
import { testStack } from '../support/stack';

// Every way a literal secret can reach cdk.tf.json fails synth with secret.literal, except the one
// that says so in its name (SharedKey.unsafePlainText), which keeps a warning.

const IPSEC_FIELDS = { ikeEncryption: IkeEncryption.AES256, ikeIntegrity: IkeIntegrity.SHA256, dhGroup: DhGroup.DH_GROUP14, ipsecEncryption: IpsecEncryption.AES256, ipsecIntegrity: IpsecIntegrity.SHA256, pfsGroup: PfsGroup.PFS2048 };

const gatewayProps: VpnGatewayProps = { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const site: LocalSiteProps = { name: 'branch', resourceGroupName: 'rg-hub', location: 'westeurope', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/24'] };

/** A subclass a user may write: the API cannot stop it, synth must. */
class LiteralKey extends SharedKey {
  public constructor(private readonly value: string) {
    super();
  }

  public bind(_scope: Construct): string {
    return this.value;
  }
}

function hubWithSite(key?: SharedKey) {
  const stack = testStack();
  const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
  const branch = new LocalSite(stack, 'Branch', site);
  const connection = new SiteToSiteConnection(stack, 'ToBranch', { gateway, site: branch, sharedKey: key });
  return { stack, gateway, branch, connection };
}

function synthError(stack: ReturnType<typeof testStack>): string {
  try {
    Testing.synth(stack, true);
  } catch (error) {
    return String((error as Error).message);
  }
  throw new Error('synth passed, but a literal secret should have failed it');
}

describe('literal secrets at synth', () => {
  test('GIVEN a SharedKey subclass that binds a literal WHEN synthesized THEN synth fails with secret.literal at the connection, without the key', () => {
    const { stack } = hubWithSite(new LiteralKey(PLANTED_SECRET));
    const message = synthError(stack);
    expect(message).toMatch(/\[secret\.literal\] shared_key is written literally/);
    expect(message).toContain('test/ToBranch');
    expect(message).not.toContain(PLANTED_SECRET);
  });

  test('GIVEN a property override that writes a literal shared_key WHEN synthesized THEN synth fails with secret.literal', () => {
    const { stack, connection } = hubWithSite();
    const resource = connection.node.findAll().find((c) => c instanceof VirtualNetworkGatewayConnection) as VirtualNetworkGatewayConnection;
    resource.addOverride('shared_key', PLANTED_SECRET);
    expect(synthError(stack)).toMatch(/\[secret\.literal\]/);
  });

  test('GIVEN a raw connection with a literal key beside the constructs WHEN synthesized THEN synth fails with secret.literal', () => {
    const { stack, gateway, branch } = hubWithSite();
    new VirtualNetworkGatewayConnection(stack, 'raw', {
      name: 'raw', location: 'westeurope', resourceGroupName: 'rg-hub', type: 'IPsec',
      virtualNetworkGatewayId: gateway.gatewayId, localNetworkGatewayId: branch.localNetworkGatewayId, sharedKey: PLANTED_SECRET,
    });
    const message = synthError(stack);
    expect(message).toMatch(/\[secret\.literal\]/);
    expect(message).not.toContain(PLANTED_SECRET);
  });

  test('GIVEN a sensitive variable with a literal default WHEN used as the key THEN synth fails with secret.literal naming the variable', () => {
    const stack = testStack();
    const psk = new TerraformVariable(stack, 'psk', { type: 'string', sensitive: true, default: PLANTED_SECRET });
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    new SiteToSiteConnection(stack, 'ToBranch', { gateway, site: new LocalSite(stack, 'Branch', site), sharedKey: SharedKey.fromVariable(psk) });
    const message = synthError(stack);
    expect(message).toMatch(/\[secret\.literal\] shared_key comes from var\.psk, whose default is a literal/);
    expect(message).not.toContain(PLANTED_SECRET);
  });

  test('GIVEN a RADIUS server whose secret is a literal WHEN synthesized THEN synth fails with secret.literal on the gateway', () => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    gateway.enableP2S({
      clientAddressPool: ['172.16.0.0/24'],
      authentications: [P2SAuthentication.radius({ servers: [{ address: '10.0.0.4', secret: new LiteralKey(PLANTED_SECRET) }] })],
    });
    const message = synthError(stack);
    expect(message).toMatch(/\[secret\.literal\] vpn_client_configuration\.radius_server\.secret is written literally/);
    expect(message).not.toContain(PLANTED_SECRET);
  });

  test('GIVEN a VNet-to-VNet link with a literal key WHEN synthesized THEN synth fails with secret.literal on both halves', () => {
    const stack = testStack();
    const left = new VpnGateway(stack, 'West', gatewayProps);
    const right = new VpnGateway(stack, 'North', { ...gatewayProps, name: 'north-gw', addressSpace: ['10.1.0.0/16'] });
    new VNetToVNet(stack, 'Link', { left, right, sharedKey: new LiteralKey(PLANTED_SECRET) });
    const findings = VpnValidation.check(stack).filter((f) => f.rule === 'secret.literal');
    expect(findings.map((f) => f.severity)).toEqual(['error', 'error']);
  });

  test('GIVEN SharedKey.unsafePlainText WHEN synthesized THEN synth passes, the value is wrapped in sensitive() and a secret.literal warning stays', () => {
    const { stack, connection } = hubWithSite(SharedKey.unsafePlainText(PLANTED_SECRET));
    const synthesized = JSON.parse(Testing.synth(stack, true));
    const [rendered] = Object.values<any>(synthesized.resource.azurerm_virtual_network_gateway_connection);
    expect(rendered.shared_key).toBe(`\${sensitive("${PLANTED_SECRET}")}`);
    const resource = connection.node.findAll().find((c) => c instanceof VirtualNetworkGatewayConnection)!;
    const texts = resource.node.metadata.map((m) => `${m.type} ${String(m.data)}`);
    expect(texts.some((t) => t.startsWith('@cdktf/warn') && t.includes('[secret.literal]') && t.includes('marked sensitive'))).toBe(true);
    expect(texts.join('\n')).not.toContain(PLANTED_SECRET);
  });

  test.each([
    ['a plain string', PLANTED_SECRET],
    ['a number', 42],
    ['an object that only looks like a key', { bind: () => PLANTED_SECRET }],
  ])('GIVEN untyped JavaScript passing %s as sharedKey WHEN the connection is built THEN it throws the library\'s [conn.shared-key] error, never the value', (_label, value) => {
    const stack = testStack();
    const gateway = new VpnGateway(stack, 'Hub', gatewayProps);
    const build = () => new SiteToSiteConnection(stack, 'ToBranch', { gateway, site: new LocalSite(stack, 'Branch', site), sharedKey: value as any });
    expect(build).toThrow(/^\[conn\.shared-key\] sharedKey must be a SharedKey/);
    try {
      build();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(PLANTED_SECRET);
    }
  });

  test('GIVEN SharedKey.isSharedKey WHEN asked about keys and look-alikes THEN it tells them apart', () => {
    expect(SharedKey.isSharedKey(SharedKey.generate())).toBe(true);
    expect(SharedKey.isSharedKey(new LiteralKey('x'))).toBe(true);
    expect(SharedKey.isSharedKey({ bind: () => 'x' })).toBe(false);
    expect(SharedKey.isSharedKey('x')).toBe(false);
    expect(SharedKey.isSharedKey(Token.asString('x'))).toBe(false);
  });
});

describe('wrong runtime types from untyped JavaScript', () => {
  test('GIVEN IpsecPolicy.custom() with a field left out or passed as a string WHEN called THEN it throws [ipsec.complete] naming the field', () => {
    expect(() => IpsecPolicy.custom({ ikeEncryption: 'AES256' } as any)).toThrow(/^\[ipsec\.complete\] IpsecPolicy\.custom\(\) needs ikeEncryption, one of the IkeEncryption values.*got a string/);
    expect(() => IpsecPolicy.custom({ ...IPSEC_FIELDS, pfsGroup: undefined } as any)).toThrow(/^\[ipsec\.complete\] IpsecPolicy\.custom\(\) needs pfsGroup.*got nothing/);
  });
});
