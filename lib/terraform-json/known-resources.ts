import { Mutable } from './resources';
import { Entity, GatewayIpConfiguration, VirtualNetwork, VirtualNetworkGateway } from '../model/topology';
import { KnownGateway, KnownResource, KnownVirtualNetwork } from '../model/known-resources';
import { knownList, Unknown } from '../model/unknown';

export type { KnownGateway, KnownResource, KnownVirtualNetwork } from '../model/known-resources';


/** How the builder turns an ID into the address of its (placeholder) entity. */
export interface AddressOfId {
  (id: string): string | undefined;
}

/**
 * Replaces the unknowns of the placeholders that the known resources stand for. Only placeholders
 * (external entities) change: a declared resource's own configuration always wins.
 */
export function applyKnownResources(entities: Map<string, Entity>, known: readonly KnownResource[], addressOf: AddressOfId): void {
  for (const fact of known) {
    if (fact.kind === 'virtualNetwork') applyVnet(entities, fact, addressOf);
    else applyGateway(entities, fact, addressOf);
  }
}

function applyVnet(entities: Map<string, Entity>, fact: KnownVirtualNetwork, addressOf: AddressOfId): string | undefined {
  const address = addressOf(fact.id);
  const entity = address === undefined ? undefined : entities.get(address);
  if (entity?.kind !== 'virtualNetwork' || !entity.external) return undefined;
  (entity as Mutable<VirtualNetwork>).described = true;
  // A token in the list (another resource's attribute) is not a known prefix: keep the placeholder's unknown.
  if (fact.addressSpace && fact.addressSpace.length > 0 && fact.addressSpace.every((p) => typeof p === 'string' && !p.includes('${'))) (entity as Mutable<VirtualNetwork>).addressSpace = knownList([...fact.addressSpace]);
  return entity.address;
}

function applyGateway(entities: Map<string, Entity>, fact: KnownGateway, addressOf: AddressOfId): void {
  const address = addressOf(fact.id);
  const entity = address === undefined ? undefined : entities.get(address);
  if (entity?.kind !== 'gateway' || !entity.external) return;
  const g = entity as Mutable<VirtualNetworkGateway>;
  g.described = true;
  g.gatewayType = 'Vpn';
  if (fact.sku !== undefined) g.sku = fact.sku;
  if (fact.vpnType !== undefined) g.vpnType = fact.vpnType;
  if (fact.activeActive !== undefined) g.activeActive = fact.activeActive;
  if (fact.bgpEnabled !== undefined) g.bgpEnabled = fact.bgpEnabled;
  if (fact.bgpAsn !== undefined && g.bgpSettings) g.bgpSettings = { ...g.bgpSettings, asn: fact.bgpAsn };
  if (!fact.virtualNetwork) return;
  applyVnet(entities, fact.virtualNetwork, addressOf);
  // The gateway sits in its VNet's GatewaySubnet: that is how rules find the gateway's VNet.
  const subnet = addressOf(`${fact.virtualNetwork.id}/subnets/GatewaySubnet`);
  if (subnet === undefined) return;
  const publicIp = new Unknown(`${g.address} is an existing gateway; its public IPs are not in this configuration`);
  const names = fact.ipConfigurationNames ?? ['default'];
  g.ipConfigurations = names.map((name): GatewayIpConfiguration => ({ name, subnet, publicIp, privateIpAddressAllocation: undefined }));
}
