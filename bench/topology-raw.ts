/**
 * The synth-overhead topology written by hand with the raw `@cdktf/provider-azurerm` (and
 * `@cdktf/provider-random`) classes: the floor the library is measured against. It declares the
 * same resources, with the same attribute values, as the library variant (topology-library.ts);
 * test/bench/variants.test.ts holds the two to that. No rule engine runs on it.
 */
import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import {
  GATEWAY_ASN,
  GATEWAY_NAME,
  GATEWAY_SKU,
  HUB_ADDRESS_SPACE,
  LOCATION,
  P2S_POOL,
  P2S_ROOT_CERTIFICATE,
  RESOURCE_GROUP,
  siteSpecs,
  spokeSpecs,
  TopologyShape,
} from './topology-params';

export function buildRawTopology(stack: TerraformStack, shape: TopologyShape): void {
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  // The generated pre-shared keys need the random provider.
  if (shape.sites > 0) new RandomProvider(stack, 'random');
  const common = { resourceGroupName: RESOURCE_GROUP, location: LOCATION };

  // Each attribute getter makes a new token; a careful hand-writer reads each one once.
  const hub = new VirtualNetwork(stack, 'hub_vnet', { ...common, name: `${GATEWAY_NAME}-vnet`, addressSpace: [HUB_ADDRESS_SPACE] });
  const hubName = hub.name;
  const hubId = hub.id;
  const hubResourceGroup = hub.resourceGroupName;
  const gatewaySubnetId = new Subnet(stack, 'gateway_subnet', {
    name: 'GatewaySubnet',
    resourceGroupName: hubResourceGroup,
    virtualNetworkName: hubName,
    addressPrefixes: ['10.0.255.224/27'],
  }).id;
  const publicIps = ['pip', 'aa-pip', 'p2s-pip'].map(
    (suffix) =>
      new PublicIp(stack, `gateway_${suffix.replace(/-/g, '_')}`, {
        ...common,
        name: `${GATEWAY_NAME}-${suffix}`,
        sku: 'Standard',
        allocationMethod: 'Static',
        zones: ['1', '2', '3'],
      }),
  );
  const gateway = new VirtualNetworkGateway(stack, 'hub_gateway', {
    ...common,
    name: GATEWAY_NAME,
    type: 'Vpn',
    vpnType: 'RouteBased',
    sku: GATEWAY_SKU,
    generation: 'Generation2',
    // As VpnGateway writes a defaulted generation: the creation-time choice, not a reason to replace.
    lifecycle: { ignoreChanges: ['generation'] },
    activeActive: true,
    enableBgp: true,
    bgpSettings: { asn: GATEWAY_ASN },
    ipConfiguration: ['default', 'activeActive', 'p2s'].map((name, i) => ({
      name,
      subnetId: gatewaySubnetId,
      publicIpAddressId: publicIps[i].id,
      privateIpAddressAllocation: 'Dynamic',
    })),
    vpnClientConfiguration: {
      addressSpace: [P2S_POOL],
      vpnClientProtocols: ['IkeV2', 'OpenVPN'],
      vpnAuthTypes: ['Certificate'],
      rootCertificate: [{ name: P2S_ROOT_CERTIFICATE.name, publicCertData: P2S_ROOT_CERTIFICATE.publicCertData }],
    },
  });
  const gatewayId = gateway.id;

  for (const spec of spokeSpecs(shape.spokes)) {
    const spoke = new VirtualNetwork(stack, `${spec.name}_vnet`, { ...common, name: `${spec.name}-vnet`, addressSpace: [spec.addressSpace] });
    const spokeName = spoke.name;
    const hubToSpoke = new VirtualNetworkPeering(stack, `hub_to_${spec.name}`, {
      name: `${hubName}-to-${spokeName}`,
      resourceGroupName: hubResourceGroup,
      virtualNetworkName: hubName,
      remoteVirtualNetworkId: spoke.id,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: true,
      useRemoteGateways: false,
      dependsOn: [gateway],
    });
    new VirtualNetworkPeering(stack, `${spec.name}_to_hub`, {
      name: `${spokeName}-to-${hubName}`,
      resourceGroupName: spoke.resourceGroupName,
      virtualNetworkName: spokeName,
      remoteVirtualNetworkId: hubId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: false,
      useRemoteGateways: true,
      dependsOn: [gateway, hubToSpoke],
    });
  }

  for (const spec of siteSpecs(shape.sites)) {
    const site = new LocalNetworkGateway(stack, `${spec.name}_lng`, {
      ...common,
      name: spec.name,
      gatewayAddress: spec.gatewayAddress,
      addressSpace: [`${spec.bgpPeeringAddress}/32`],
      bgpSettings: { asn: spec.bgpAsn, bgpPeeringAddress: spec.bgpPeeringAddress },
    });
    const key = new Password(stack, `${spec.name}_key`, { length: 64, special: false, upper: true, lower: true, numeric: true });
    new VirtualNetworkGatewayConnection(stack, `${spec.name}_connection`, {
      ...common,
      name: `${GATEWAY_NAME}-to-${spec.name}`,
      type: 'IPsec',
      virtualNetworkGatewayId: gatewayId,
      localNetworkGatewayId: site.id,
      sharedKey: key.result,
      enableBgp: true,
      connectionProtocol: 'IKEv2',
      ipsecPolicy: {
        ikeEncryption: 'GCMAES256',
        ikeIntegrity: 'SHA384',
        dhGroup: 'ECP384',
        ipsecEncryption: 'GCMAES256',
        ipsecIntegrity: 'GCMAES256',
        pfsGroup: 'ECP384',
        saLifetime: 27000,
        saDatasize: 102400000,
      },
    });
  }
}
