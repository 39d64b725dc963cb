import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { ActiveActiveGateway } from '../../lib/constructs/active-active-gateway';
import { HubSpokeTransit } from '../../lib/constructs/hub-spoke-transit';
import { DhGroup, IkeEncryption, IkeIntegrity, IpsecEncryption, IpsecIntegrity, IpsecPolicy, PfsGroup } from '../../lib/constructs/ipsec-policy';
import { LocalSite } from '../../lib/constructs/local-site';
import { MultiSiteVpn } from '../../lib/constructs/multi-site-vpn';
import { P2SAuthentication } from '../../lib/constructs/point-to-site';
import { SharedKey } from '../../lib/constructs/shared-key';
import { SiteToSiteConnection } from '../../lib/constructs/site-to-site-connection';
import { VNetToVNet } from '../../lib/constructs/vnet-to-vnet';
import { VpnGateway } from '../../lib/constructs/vpn-gateway';
import { VpnSite } from '../../lib/constructs/vpn-site';
import { VpnValidation } from '../../lib/constructs/vpn-validation';
import { testStack } from '../support/stack';

// A number token (a variable's value) is only known at plan: no construct range-checks it, prints
// its internal value, or fails synth on it; the rules that read it report an info skip.

const gw = { name: 'hub-gw', resourceGroupName: 'rg', location: 'westeurope', addressSpace: ['10.0.0.0/16'] };
const siteProps = { name: 'branch', resourceGroupName: 'rg', location: 'westeurope', gatewayAddress: '203.0.113.10', bgpPeeringAddress: '192.168.255.1' };

function numberToken(stack: TerraformStack, name: string): number {
  return new TerraformVariable(stack, name, { type: 'number' }).numberValue;
}

const CASES: Array<[string, (stack: TerraformStack, n: number) => void]> = [
  ['SharedKey.generate length', (s, n) => {
    const gateway = new VpnGateway(s, 'Hub', gw);
    new SiteToSiteConnection(s, 'Conn', { gateway, site: new LocalSite(s, 'Site', { ...siteProps, bgpPeeringAddress: undefined, addressSpace: ['192.168.0.0/24'] }), sharedKey: SharedKey.generate({ length: n }) });
  }],
  ['IpsecPolicy saLifetimeSeconds', (s, n) => {
    const gateway = new VpnGateway(s, 'Hub', gw);
    const ipsecPolicy = IpsecPolicy.custom({ ikeEncryption: IkeEncryption.AES256, ikeIntegrity: IkeIntegrity.SHA256, dhGroup: DhGroup.DH_GROUP14, ipsecEncryption: IpsecEncryption.AES256, ipsecIntegrity: IpsecIntegrity.SHA256, pfsGroup: PfsGroup.PFS2048, saLifetimeSeconds: n });
    new SiteToSiteConnection(s, 'Conn', { gateway, site: new LocalSite(s, 'Site', { ...siteProps, bgpPeeringAddress: undefined, addressSpace: ['192.168.0.0/24'] }), ipsecPolicy });
  }],
  ['IpsecPolicy saDataSizeKilobytes', (s, n) => {
    const gateway = new VpnGateway(s, 'Hub', gw);
    const ipsecPolicy = IpsecPolicy.custom({ ikeEncryption: IkeEncryption.AES256, ikeIntegrity: IkeIntegrity.SHA256, dhGroup: DhGroup.DH_GROUP14, ipsecEncryption: IpsecEncryption.AES256, ipsecIntegrity: IpsecIntegrity.SHA256, pfsGroup: PfsGroup.PFS2048, saDataSizeKilobytes: n });
    new SiteToSiteConnection(s, 'Conn', { gateway, site: new LocalSite(s, 'Site', { ...siteProps, bgpPeeringAddress: undefined, addressSpace: ['192.168.0.0/24'] }), ipsecPolicy });
  }],
  ['LocalSite bgpAsn', (s, n) => { new LocalSite(s, 'Site', { ...siteProps, bgpAsn: n }); }],
  ['LocalSite bgpPeerWeight', (s, n) => { new LocalSite(s, 'Site', { ...siteProps, bgpAsn: 65050, bgpPeerWeight: n }); }],
  ['VpnGateway bgpAsn', (s, n) => { new VpnGateway(s, 'Hub', { ...gw, bgpAsn: n }); }],
  ['VpnGateway bgpPeerWeight', (s, n) => { new VpnGateway(s, 'Hub', { ...gw, bgpAsn: 65010, bgpPeerWeight: n }); }],
  ['ActiveActiveGateway bgpAsn', (s, n) => { new ActiveActiveGateway(s, 'Hub', { ...gw, bgpAsn: n }); }],
  ['MultiSiteVpn bgpAsn', (s, n) => { new MultiSiteVpn(s, 'Hub', { ...gw, bgpAsn: n }); }],
  ['SiteToSiteConnection dpdTimeoutSeconds', (s, n) => {
    const gateway = new VpnGateway(s, 'Hub', gw);
    new SiteToSiteConnection(s, 'Conn', { gateway, site: new LocalSite(s, 'Site', { ...siteProps, bgpPeeringAddress: undefined, addressSpace: ['192.168.0.0/24'] }), dpdTimeoutSeconds: n });
  }],
  ['VpnSite bgpAsn and dpdTimeoutSeconds', (s, n) => {
    const gateway = new VpnGateway(s, 'Hub', { ...gw, bgpAsn: 65010 });
    new VpnSite(s, 'Site', { gateway, gatewayAddress: '203.0.113.10', bgpAsn: n, bgpPeeringAddress: '192.168.255.1', dpdTimeoutSeconds: n });
  }],
  ['VNetToVNet dpdTimeoutSeconds', (s, n) => {
    new VNetToVNet(s, 'Link', { left: new VpnGateway(s, 'West', gw), right: new VpnGateway(s, 'North', { ...gw, name: 'north-gw', addressSpace: ['10.1.0.0/16'] }), dpdTimeoutSeconds: n });
  }],
  ['P2S RADIUS server score', (s, n) => {
    new VpnGateway(s, 'Hub', gw).enableP2S({ clientAddressPool: ['172.16.0.0/24'], authentications: [P2SAuthentication.radius({ servers: [{ address: '10.0.0.4', secret: SharedKey.generate(), score: n }] })] });
  }],
  ['HubSpokeTransit gateway bgpAsn and site bgpAsn', (s, n) => {
    new HubSpokeTransit(s, 'Hub', { gateway: { ...gw, bgpAsn: n }, spokes: { app: { addressSpace: ['10.1.0.0/16'] } }, sites: { paris: { gatewayAddress: '203.0.113.10', bgpAsn: n, bgpPeeringAddress: '192.168.255.1' } } });
  }],
];

describe.each(CASES)('a number token in %s', (_label, build) => {
  test('GIVEN the token WHEN synthesized with validations THEN nothing throws, no error is reported, and the token\'s internal value is never printed', () => {
    const stack = testStack();
    const n = numberToken(stack, 'n');
    expect(Token.isUnresolved(n)).toBe(true);
    build(stack, n);
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toContain('${var.n}');
    const findings = VpnValidation.check(stack);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const internal = String(n);
    for (const f of findings) expect(f.message).not.toContain(internal);
  });
});
