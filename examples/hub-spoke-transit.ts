// A hub VNet with an active-standby BGP gateway, three spokes that use it through gateway
// transit, and two branches: one over BGP (it learns the spoke prefixes), one static.
//
//   npx ts-node --project tsconfig.dev.json examples/hub-spoke-transit.ts   # writes cdktf.out/
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import { GatewaySku, HubSpokeTransit } from '../lib';

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'hub-spoke-transit');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const location = 'westeurope';
  const hubRg = new ResourceGroup(stack, 'HubRg', { name: 'rg-hub', location });
  const spokeRg = new ResourceGroup(stack, 'SpokeRg', { name: 'rg-spokes', location });

  const hub = new HubSpokeTransit(stack, 'Hub', {
    gateway: {
      name: 'hub-vpngw',
      resourceGroupName: hubRg.name,
      location,
      addressSpace: ['10.0.0.0/16'],
      sku: GatewaySku.VPN_GW2_AZ,
      bgpAsn: 65010,
    },
    spokes: {
      app: { addressSpace: ['10.1.0.0/16'], resourceGroupName: spokeRg.name },
      data: { addressSpace: ['10.2.0.0/16'], resourceGroupName: spokeRg.name },
    },
    sites: {
      // BGP: the branch learns the hub and spoke prefixes; only the peer's /32 is in address_space.
      paris: { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '192.168.255.1' },
    },
  });

  // Spokes and sites can also be added after construction.
  hub.addSpoke('shared', { addressSpace: ['10.3.0.0/16'], resourceGroupName: spokeRg.name });
  // A static branch: its device must route the hub and spoke prefixes into the tunnel itself.
  hub.addSite('lyon', { gatewayAddress: '198.51.100.20', addressSpace: ['192.168.20.0/24'] });

  // Opt-in: the public IPs and BGP peering addresses the branch devices are configured with.
  hub.outputPeerInfo();
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
