// The consumer test's app (scripts/consumer-test.sh copies it into a scratch `cdktf init` app
// outside the repository): the five topology constructs, imported from the installed package
// as a user imports them, synthesized by `node main.js` and checked by the installed azvpn.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  ActiveActiveGateway,
  GatewaySku,
  HubSpokeTransit,
  MultiSiteVpn,
  P2SAccess,
  P2SAuthentication,
  VNetToVNet,
  VpnClientProtocol,
} from 'cdktf-azure-vpn';

class ConnectivityStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const rg = new ResourceGroup(this, 'Rg', { name: 'rg-connectivity', location: 'westeurope' });

    const aa = new ActiveActiveGateway(this, 'Gw', {
      name: 'aa-vpngw',
      resourceGroupName: rg.name,
      location: 'westeurope',
      addressSpace: ['10.10.0.0/16'],
      sku: GatewaySku.VPN_GW2_AZ,
      bgpAsn: 65010,
      bgpCustomApipaAddresses: ['169.254.21.1'],
      bgpSecondCustomApipaAddresses: ['169.254.22.1'],
    });
    aa.addDevice('dc-edge1', { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '169.254.21.2' });

    const hub = new HubSpokeTransit(this, 'Hub', {
      existingGateway: aa,
      spokes: { app: { addressSpace: ['10.11.0.0/16'], resourceGroupName: rg.name } },
      sites: { paris: { gatewayAddress: '203.0.113.20', bgpAsn: 65060, bgpPeeringAddress: '192.168.255.1' } },
    });
    hub.addSpoke('data', { addressSpace: ['10.12.0.0/16'], resourceGroupName: rg.name });

    new P2SAccess(this, 'Users', {
      gateway: aa,
      clientAddressPool: ['172.16.0.0/24'],
      protocols: [VpnClientProtocol.OPENVPN],
      authentications: [P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' })],
    });

    const branches = new MultiSiteVpn(this, 'Branches', {
      name: 'branches-vpngw',
      resourceGroupName: rg.name,
      location: 'westeurope',
      addressSpace: ['10.20.0.0/16'],
      bgpAsn: 65020,
    });
    branches.addSite('berlin', { gatewayAddress: '203.0.113.30', addressSpace: ['192.168.20.0/24'] });

    new VNetToVNet(this, 'HubToBranches', { left: aa, right: branches });
  }
}

// `cdktf synth` passes the output directory in CDKTF_OUTDIR; so does the consumer test.
const app = new App();
new ConnectivityStack(app, 'connectivity');
app.synth();
