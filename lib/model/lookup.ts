import {
  Connection,
  Entity,
  LocalNetworkGateway,
  NatRule,
  Peering,
  PublicIp,
  RouteTable,
  Subnet,
  Topology,
  VirtualNetwork,
  VirtualNetworkGateway,
} from './topology';
import { isKnown, Maybe } from './unknown';

/**
 * Reverse indexes over a {@link Topology}, built once per check, so that every rule stays
 * linear in the size of the configuration. Rules must use these instead of scanning a list
 * inside a loop over another list.
 */
export class TopologyLookup {
  private _connectionsByGateway?: Map<string, Connection[]>;
  private _connectionsByLocalGateway?: Map<string, Connection[]>;
  private _gatewaysByVnet?: Map<string, VirtualNetworkGateway[]>;
  private _peeringsByVnet?: Map<string, Peering[]>;
  private _natRulesByGateway?: Map<string, NatRule[]>;
  private _subnetsWithGateway?: Map<string, VirtualNetworkGateway[]>;
  private _dependencyClosure = new Map<string, Set<string>>();

  constructor(public readonly topology: Topology) {}

  public get(address: Maybe<string> | undefined): Entity | undefined {
    return isKnown(address) ? this.topology.entities.get(address) : undefined;
  }

  public subnet(address: Maybe<string> | undefined): Subnet | undefined {
    const e = this.get(address);
    return e?.kind === 'subnet' ? e : undefined;
  }

  public virtualNetwork(address: Maybe<string> | undefined): VirtualNetwork | undefined {
    const e = this.get(address);
    return e?.kind === 'virtualNetwork' ? e : undefined;
  }

  public publicIp(address: Maybe<string> | undefined): PublicIp | undefined {
    const e = this.get(address);
    return e?.kind === 'publicIp' ? e : undefined;
  }

  public gateway(address: Maybe<string> | undefined): VirtualNetworkGateway | undefined {
    const e = this.get(address);
    return e?.kind === 'gateway' ? e : undefined;
  }

  public localGateway(address: Maybe<string> | undefined): LocalNetworkGateway | undefined {
    const e = this.get(address);
    return e?.kind === 'localGateway' ? e : undefined;
  }

  public routeTable(address: Maybe<string> | undefined): RouteTable | undefined {
    const e = this.get(address);
    return e?.kind === 'routeTable' ? e : undefined;
  }

  public natRule(address: Maybe<string> | undefined): NatRule | undefined {
    const e = this.get(address);
    return e?.kind === 'natRule' ? e : undefined;
  }

  /** Connections whose `virtual_network_gateway_id` is the given gateway. */
  public connectionsOf(gatewayAddress: string): Connection[] {
    this._connectionsByGateway ??= groupBy(this.topology.connections, (c) => (isKnown(c.gateway) ? c.gateway : undefined));
    return this._connectionsByGateway.get(gatewayAddress) ?? [];
  }

  /** Connections whose `local_network_gateway_id` is the given local network gateway. */
  public connectionsToLocalGateway(localGatewayAddress: string): Connection[] {
    this._connectionsByLocalGateway ??= groupBy(this.topology.connections, (c) => (isKnown(c.localGateway) ? c.localGateway : undefined));
    return this._connectionsByLocalGateway.get(localGatewayAddress) ?? [];
  }

  /** The subnet of the gateway's first ip configuration whose subnet is known. */
  public gatewaySubnet(gateway: VirtualNetworkGateway): Subnet | undefined {
    if (!isKnown(gateway.ipConfigurations)) return undefined;
    for (const ipc of gateway.ipConfigurations) {
      const s = this.subnet(ipc.subnet);
      if (s) return s;
    }
    return undefined;
  }

  /** The VNet a gateway sits in, through its GatewaySubnet. */
  public gatewayVnet(gateway: VirtualNetworkGateway): VirtualNetwork | undefined {
    const s = this.gatewaySubnet(gateway);
    return s ? this.virtualNetwork(s.virtualNetwork) : undefined;
  }

  /** Gateways (VPN and ExpressRoute) placed in a VNet. */
  public gatewaysInVnet(vnetAddress: string): VirtualNetworkGateway[] {
    if (!this._gatewaysByVnet) {
      this._gatewaysByVnet = groupBy(this.topology.gateways, (g) => this.gatewayVnet(g)?.address);
    }
    return this._gatewaysByVnet.get(vnetAddress) ?? [];
  }

  /** Gateways with an ip configuration in the given subnet. */
  public gatewaysInSubnet(subnetAddress: string): VirtualNetworkGateway[] {
    if (!this._subnetsWithGateway) {
      const m = new Map<string, VirtualNetworkGateway[]>();
      for (const g of this.topology.gateways) {
        if (!isKnown(g.ipConfigurations)) continue;
        const seen = new Set<string>();
        for (const ipc of g.ipConfigurations) {
          if (isKnown(ipc.subnet) && !seen.has(ipc.subnet)) {
            seen.add(ipc.subnet);
            push(m, ipc.subnet, g);
          }
        }
      }
      this._subnetsWithGateway = m;
    }
    return this._subnetsWithGateway.get(subnetAddress) ?? [];
  }

  /** Peerings whose local VNet is the given VNet. */
  public peeringsFrom(vnetAddress: string): Peering[] {
    this._peeringsByVnet ??= groupBy(this.topology.peerings, (p) => (isKnown(p.virtualNetwork) ? p.virtualNetwork : undefined));
    return this._peeringsByVnet.get(vnetAddress) ?? [];
  }

  /** The peering in the other direction, if the configuration has it. */
  public reversePeering(peering: Peering): Peering | undefined {
    if (!isKnown(peering.remoteVirtualNetwork) || !isKnown(peering.virtualNetwork)) return undefined;
    return this.peeringsFrom(peering.remoteVirtualNetwork).find((p) => p.remoteVirtualNetwork === peering.virtualNetwork);
  }

  /** NAT rules declared on a gateway. */
  public natRulesOf(gatewayAddress: string): NatRule[] {
    this._natRulesByGateway ??= groupBy(this.topology.natRules, (n) => (isKnown(n.gateway) ? n.gateway : undefined));
    return this._natRulesByGateway.get(gatewayAddress) ?? [];
  }

  /**
   * For a Vnet2Vnet connection, the connection in the other direction: from its peer gateway
   * back to its own gateway.
   */
  public reverseConnection(connection: Connection): Connection | undefined {
    if (!isKnown(connection.peerGateway) || !isKnown(connection.gateway)) return undefined;
    return this.connectionsOf(connection.peerGateway).find((c) => c.peerGateway === connection.gateway && c !== connection);
  }

  /** Whether Terraform creates `dependency` before `address` (directly or transitively). */
  public dependsOn(address: string, dependency: string): boolean {
    // Most answers are a direct dependency: no closure to build, keep or copy for them.
    if (this.topology.entities.get(address)?.dependsOn.includes(dependency)) return true;
    return this.dependencyClosure(address).has(dependency);
  }

  private dependencyClosure(address: string): Set<string> {
    const cached = this._dependencyClosure.get(address);
    if (cached) return cached;
    const closure = new Set<string>();
    // Mark before descending so that a (broken) cycle cannot recurse forever.
    this._dependencyClosure.set(address, closure);
    const stack = [...(this.topology.entities.get(address)?.dependsOn ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (closure.has(next)) continue;
      closure.add(next);
      const known = this._dependencyClosure.get(next);
      if (known && known !== closure) {
        for (const d of known) closure.add(d);
        continue;
      }
      for (const d of this.topology.entities.get(next)?.dependsOn ?? []) stack.push(d);
    }
    return closure;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) push(m, k, item);
  }
  return m;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
