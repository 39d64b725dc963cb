/**
 * The synth-overhead topology built with this library, as its users would: an
 * `ActiveActiveGateway` (BGP, zone-redundant), `P2SAccess` on it, and a `HubSpokeTransit` around
 * it with the spokes and the sites. The library module is passed in, so the
 * benchmark can hand over the compiled package (`require('cdktf-azure-vpn')`) and the jest test
 * the TypeScript sources.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import {
  GATEWAY_ASN,
  GATEWAY_NAME,
  HUB_ADDRESS_SPACE,
  LOCATION,
  P2S_POOL,
  P2S_ROOT_CERTIFICATE,
  RESOURCE_GROUP,
  siteSpecs,
  spokeSpecs,
  TopologyShape,
} from './topology-params';

export type LibraryModule = typeof import('../lib');

export function buildLibraryTopology(lib: LibraryModule, stack: TerraformStack, shape: TopologyShape): void {
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const gateway = new lib.ActiveActiveGateway(stack, 'Gateway', {
    name: GATEWAY_NAME,
    resourceGroupName: RESOURCE_GROUP,
    location: LOCATION,
    sku: lib.GatewaySku.VPN_GW5_AZ,
    bgpAsn: GATEWAY_ASN,
    addressSpace: [HUB_ADDRESS_SPACE],
  });
  new lib.P2SAccess(stack, 'P2S', {
    gateway,
    clientAddressPool: [P2S_POOL],
    authentications: [lib.P2SAuthentication.certificate({ rootCertificates: [P2S_ROOT_CERTIFICATE] })],
  });
  const spokes: { [id: string]: import('../lib').TransitSpokeOptions } = {};
  for (const spec of spokeSpecs(shape.spokes)) spokes[spec.name] = { addressSpace: [spec.addressSpace] };
  const sites: { [id: string]: import('../lib').VpnSiteOptions } = {};
  for (const spec of siteSpecs(shape.sites)) {
    sites[spec.name] = { gatewayAddress: spec.gatewayAddress, bgpAsn: spec.bgpAsn, bgpPeeringAddress: spec.bgpPeeringAddress };
  }
  new lib.HubSpokeTransit(stack, 'Hub', { existingGateway: gateway, spokes, sites });
}
