// Two hubs in two regions and two subscriptions, joined by a VNet-to-VNet link with BGP. The
// second subscription's resources use a provider alias; VNetToVNet writes both connection
// resources from one key, one IPsec policy and one BGP setting.
//
//   npx ts-node --project tsconfig.dev.json examples/vnet-to-vnet.ts
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { VNetToVNet, VpnGateway } from '../lib';

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'vnet-to-vnet');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const northSubscription = new TerraformVariable(stack, 'north_subscription_id', {
    type: 'string',
    description: 'Subscription of the North Europe hub',
  });
  const north = new AzurermProvider(stack, 'azurerm-north', { alias: 'north', features: [{}], subscriptionId: northSubscription.stringValue });

  const westRg = new ResourceGroup(stack, 'WestRg', { name: 'rg-hub-west', location: 'westeurope' });
  const northRg = new ResourceGroup(stack, 'NorthRg', { name: 'rg-hub-north', location: 'northeurope', provider: north });

  const west = new VpnGateway(stack, 'West', {
    name: 'west-vpngw',
    resourceGroupName: westRg.name,
    location: 'westeurope',
    addressSpace: ['10.0.0.0/16'],
    bgpAsn: 65010,
  });
  const northHub = new VpnGateway(stack, 'North', {
    name: 'north-vpngw',
    resourceGroupName: northRg.name,
    location: 'northeurope',
    addressSpace: ['10.100.0.0/16'],
    bgpAsn: 65020,
    provider: north,
  });

  // Each connection is created with its own gateway's provider: west-to-north with the default,
  // north-to-west with the alias.
  const link = new VNetToVNet(stack, 'WestNorth', { left: west, right: northHub });
  link.outputPeerInfo();
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
