// An active-active BGP gateway and one datacenter with two VPN devices (dual redundancy: four
// tunnels). The devices peer from APIPA addresses; each connection's custom_bgp_addresses are
// derived from the gateway's APIPA addresses of each instance.
//
//   npx ts-node --project tsconfig.dev.json examples/active-active-gateway.ts
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import { ActiveActiveGateway, GatewayGeneration, GatewaySku } from '../lib';

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'active-active-gateway');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const location = 'westeurope';
  const rg = new ResourceGroup(stack, 'Rg', { name: 'rg-vpn', location });

  const gateway = new ActiveActiveGateway(stack, 'Gateway', {
    name: 'aa-vpngw',
    resourceGroupName: rg.name,
    location,
    addressSpace: ['10.10.0.0/16'],
    sku: GatewaySku.VPN_GW3_AZ,
    generation: GatewayGeneration.GENERATION2,
    bgpAsn: 65010,
    // One APIPA address per device on each instance.
    bgpCustomApipaAddresses: ['169.254.21.1', '169.254.21.5'],
    bgpSecondCustomApipaAddresses: ['169.254.22.1', '169.254.22.5'],
    devices: {
      'dc-edge1': { gatewayAddress: '203.0.113.10', bgpAsn: 65050, bgpPeeringAddress: '169.254.21.2' },
    },
  });
  gateway.addDevice('dc-edge2', { gatewayAddress: '203.0.113.11', bgpAsn: 65051, bgpPeeringAddress: '169.254.21.6' });

  gateway.outputPeerInfo();
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
