import { Entity, Topology } from './topology';

/** A topology with nothing in it, for assembling one entity at a time with `addEntity`. */
export function emptyTopology(): Topology {
  return {
    virtualNetworks: [],
    subnets: [],
    publicIps: [],
    gateways: [],
    localGateways: [],
    connections: [],
    natRules: [],
    peerings: [],
    routeTables: [],
    networkSecurityGroups: [],
    entities: new Map<string, Entity>(),
  };
}

/**
 * Adds an entity to `entities` and, when the configuration declares it, to the list of its kind.
 * External entities (literal Azure IDs, data sources) stay out of the lists and are reachable only
 * by address, so rules that check a configuration's own resources do not report on what it merely
 * points at.
 *
 * @returns false, and leaves the topology as it is, when the address is already taken
 */
export function addEntity(t: Topology, entity: Entity): boolean {
  if (t.entities.has(entity.address)) return false;
  t.entities.set(entity.address, entity);
  if (entity.external) return true;
  switch (entity.kind) {
    case 'virtualNetwork': t.virtualNetworks.push(entity); break;
    case 'subnet': t.subnets.push(entity); break;
    case 'publicIp': t.publicIps.push(entity); break;
    case 'gateway': t.gateways.push(entity); break;
    case 'localGateway': t.localGateways.push(entity); break;
    case 'connection': t.connections.push(entity); break;
    case 'natRule': t.natRules.push(entity); break;
    case 'peering': t.peerings.push(entity); break;
    case 'routeTable': t.routeTables.push(entity); break;
    case 'networkSecurityGroup': t.networkSecurityGroups.push(entity); break;
    default: break;
  }
  return true;
}
