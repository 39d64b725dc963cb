// The enterprise topology, built from the five topology constructs:
//
// - West Europe hub: an active-active BGP gateway (VpnGw2AZ, Generation2) with three spokes
//   that use it through gateway transit, and three branches over BGP that reach every spoke;
// - point-to-site access to the hub for remote users, with certificates and Microsoft Entra ID
//   over OpenVPN (the third IP configuration is derived);
// - a North Europe hub with its own gateway (another ASN) and a branch of its own, linked to the
//   West Europe hub by VNet-to-VNet with BGP.
//
// `cdktf.json` points here:  npm ci && npx cdktf synth && npx azvpn check cdktf.out
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import {
  ActiveActiveGateway,
  GatewayGeneration,
  GatewaySku,
  HubSpokeTransit,
  MultiSiteVpn,
  P2SAccess,
  P2SAuthentication,
  VNetToVNet,
  VpnClientProtocol,
} from '../lib';
import { EXAMPLE_P2S_ROOT_CERTIFICATE } from './p2s-root-certificate';

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'enterprise');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });

  // West Europe: the main hub.
  const west = 'westeurope';
  const hubRg = new ResourceGroup(stack, 'HubRg', { name: 'rg-connectivity-weu', location: west });
  const spokeRg = new ResourceGroup(stack, 'SpokeRg', { name: 'rg-workloads-weu', location: west });

  const hubGateway = new ActiveActiveGateway(stack, 'HubGateway', {
    name: 'vpngw-hub-weu',
    resourceGroupName: hubRg.name,
    location: west,
    virtualNetworkName: 'vnet-hub-weu',
    addressSpace: ['10.0.0.0/16'],
    sku: GatewaySku.VPN_GW2_AZ,
    generation: GatewayGeneration.GENERATION2,
    bgpAsn: 65010,
    preventDestroy: true,
  });

  const hub = new HubSpokeTransit(stack, 'Hub', {
    existingGateway: hubGateway,
    spokes: {
      app: { addressSpace: ['10.1.0.0/16'], virtualNetworkName: 'vnet-app-weu', resourceGroupName: spokeRg.name },
      data: { addressSpace: ['10.2.0.0/16'], virtualNetworkName: 'vnet-data-weu', resourceGroupName: spokeRg.name },
      shared: { addressSpace: ['10.3.0.0/16'], virtualNetworkName: 'vnet-shared-weu', resourceGroupName: spokeRg.name },
    },
    sites: {
      paris: { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' },
      berlin: { gatewayAddress: '203.0.113.20', bgpAsn: 65060, bgpPeeringAddress: '192.168.255.2' },
      madrid: { gatewayAddress: '203.0.113.30', bgpAsn: 65070, bgpPeeringAddress: '192.168.255.3' },
    },
  });

  new P2SAccess(stack, 'RemoteAccess', {
    gateway: hubGateway,
    clientAddressPool: ['172.16.0.0/22'],
    protocols: [VpnClientProtocol.OPENVPN],
    authentications: [
      P2SAuthentication.certificate({ rootCertificates: [{ name: 'P2SRoot', publicCertData: EXAMPLE_P2S_ROOT_CERTIFICATE }] }),
      P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' }),
    ],
  });

  // North Europe: the second region's hub, with its own gateway and ASN.
  const north = 'northeurope';
  const drRg = new ResourceGroup(stack, 'DrRg', { name: 'rg-connectivity-neu', location: north });
  const drHub = new MultiSiteVpn(stack, 'DrHub', {
    name: 'vpngw-hub-neu',
    resourceGroupName: drRg.name,
    location: north,
    virtualNetworkName: 'vnet-hub-neu',
    addressSpace: ['10.100.0.0/16'],
    sku: GatewaySku.VPN_GW2_AZ,
    bgpAsn: 65020,
    preventDestroy: true,
    sites: {
      dublin: { gatewayAddress: '203.0.113.40', bgpAsn: 65080, bgpPeeringAddress: '192.168.255.4' },
    },
  });

  new VNetToVNet(stack, 'HubToDr', { left: hubGateway, right: drHub });

  // Opt-in outputs: what the branch devices are configured with.
  hub.outputPeerInfo();
  drHub.outputPeerInfo();
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
