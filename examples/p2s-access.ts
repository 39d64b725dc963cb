// Point-to-site access to an active-active gateway with certificate and Microsoft Entra ID
// authentication. The third IP configuration and public IP Azure requires for P2S on an
// active-active gateway are added by P2SAccess; IKEv2 clients use certificates, OpenVPN clients
// either method.
//
//   npx ts-node --project tsconfig.dev.json examples/p2s-access.ts
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import { P2SAccess, P2SAuthentication, VpnGateway } from '../lib';
import { EXAMPLE_P2S_ROOT_CERTIFICATE } from './p2s-root-certificate';

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'p2s-access');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const location = 'westeurope';
  const rg = new ResourceGroup(stack, 'Rg', { name: 'rg-remote-access', location });

  const gateway = new VpnGateway(stack, 'Gateway', {
    name: 'remote-access-vpngw',
    resourceGroupName: rg.name,
    location,
    addressSpace: ['10.30.0.0/16'],
    activeActive: true,
  });

  const access = new P2SAccess(stack, 'RemoteAccess', {
    gateway,
    clientAddressPool: ['172.16.0.0/24'],
    authentications: [
      P2SAuthentication.certificate({ rootCertificates: [{ name: 'P2SRoot', publicCertData: EXAMPLE_P2S_ROOT_CERTIFICATE }] }),
      P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' }),
    ],
  });
  access.outputPeerInfo();
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
