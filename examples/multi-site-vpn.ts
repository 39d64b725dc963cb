// One route-based gateway and several static branches, each with its own local network gateway
// and connection. The SKU's tunnel maximum and "several tunnels to one site need BGP" are checked
// at synth.
//
//   npx ts-node --project tsconfig.dev.json examples/multi-site-vpn.ts
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import { GatewaySku, MultiSiteVpn } from '../lib';

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'multi-site-vpn');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const location = 'westeurope';
  const rg = new ResourceGroup(stack, 'Rg', { name: 'rg-branches', location });

  const vpn = new MultiSiteVpn(stack, 'Branches', {
    name: 'branches-vpngw',
    resourceGroupName: rg.name,
    location,
    addressSpace: ['10.20.0.0/16'],
    sku: GatewaySku.VPN_GW1_AZ,
    sites: {
      paris: { gatewayAddress: '203.0.113.10', addressSpace: ['192.168.10.0/24'] },
      berlin: { gatewayAddress: '203.0.113.20', addressSpace: ['192.168.20.0/24'] },
    },
  });
  // A branch that is reached by name rather than by a fixed public IP.
  vpn.addSite('madrid', { gatewayFqdn: 'vpn.madrid.example.com', addressSpace: ['192.168.30.0/24'] });

  vpn.outputPeerInfo();
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
