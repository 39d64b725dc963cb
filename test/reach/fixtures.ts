/**
 * A small builder for routing topologies, on top of the model factories: VNets, gateways,
 * peerings, sites and connections by short names, so that each test states only what it is about.
 *
 *   const t = new Net().vnet('hub', '10.0.0.0/16').gateway('hub', { bgp: true })
 *     .spoke('spoke-a', '10.1.0.0/16', 'hub').site('paris', ['192.168.1.0/24']).s2s('hub', 'paris').build();
 */
import * as fs from 'fs';
import * as path from 'path';
import { topologyFromTerraformJson } from '../../lib/terraform-json';
import { Connection, Entity, IpsecPolicy, Topology, TrafficSelectorPolicy } from '../../lib/model/topology';
import { Maybe, MaybeList, Unknown } from '../../lib/model/unknown';
import { connection, gateway, list, localGateway, peering, publicIp, subnet, topology, vnet } from '../support/model';

export const id = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');
export const vnetAddr = (name: string): string => `azurerm_virtual_network.${id(name)}`;
export const gwAddr = (vnetName: string): string => `azurerm_virtual_network_gateway.${id(vnetName)}_gw`;
export const siteAddr = (name: string): string => `azurerm_local_network_gateway.${id(name)}`;

export interface GatewayOptions {
  bgp?: Maybe<boolean>;
  asn?: number;
  activeActive?: boolean;
  sku?: string;
  vpnType?: string;
  p2s?: string | MaybeList<string>;
  apipa?: string[];
  defaultSite?: string;
}

export interface SpokeOptions {
  /** use_remote_gateways on spoke → hub (default true). */
  useRemote?: Maybe<boolean>;
  /** allow_gateway_transit on hub → spoke (default true). */
  allowTransit?: Maybe<boolean>;
  /** Create only the spoke → hub direction. */
  oneWay?: boolean;
}

export interface SiteOptions {
  bgp?: { asn: number; peer: string };
  addressSpace?: MaybeList<string>;
}

export interface S2SOptions {
  bgp?: Maybe<boolean>;
  pbts?: Maybe<boolean>;
  selectors?: TrafficSelectorPolicy[];
  ipsec?: IpsecPolicy;
  name?: string;
}

export interface V2VOptions {
  bgp?: Maybe<boolean>;
  /** BGP on the reverse connection; defaults to `bgp`. */
  reverseBgp?: Maybe<boolean>;
  /** Create only the first connection. */
  oneSided?: boolean;
  sharedKey?: Maybe<string>;
  reverseSharedKey?: Maybe<string>;
  ipsec?: IpsecPolicy;
}

export class Net {
  private readonly entities = new Map<string, Entity>();

  public vnet(name: string, addressSpace: string | MaybeList<string>): this {
    const space = typeof addressSpace === 'string' ? list(addressSpace) : addressSpace;
    return this.put(vnet(vnetAddr(name), { name, addressSpace: space, subnets: [] }));
  }

  /** A GatewaySubnet, a public IP (two when active-active) and a VPN gateway in the VNet. */
  public gateway(vnetName: string, o: GatewayOptions = {}): this {
    const subnetAddr = `azurerm_subnet.${id(vnetName)}_gateway`;
    this.put(subnet(subnetAddr, { name: 'GatewaySubnet', virtualNetwork: vnetAddr(vnetName), addressPrefixes: list(gatewaySubnetPrefix(this.entities.get(vnetAddr(vnetName)))) }));
    const ipcs = [1, 2].slice(0, o.activeActive ? 2 : 1).map((i) => {
      const pip = `azurerm_public_ip.${id(vnetName)}_gw${i}`;
      this.put(publicIp(pip));
      return { name: i === 1 ? 'default' : 'activeActive', subnet: subnetAddr, publicIp: pip, privateIpAddressAllocation: 'Dynamic' };
    });
    const p2s = o.p2s === undefined ? undefined : {
      addressSpace: typeof o.p2s === 'string' ? list(o.p2s) : o.p2s,
      protocols: list('OpenVPN', 'IkeV2'),
      authTypes: list('Certificate'),
      rootCertificates: [{ name: 'root', publicCertData: 'MIIC' }],
      revokedCertificates: 0,
      aadTenant: undefined,
      aadAudience: undefined,
      aadIssuer: undefined,
      radiusServerAddress: undefined,
      radiusServerSecret: undefined,
      radiusServers: [],
    };
    return this.put(
      gateway(gwAddr(vnetName), {
        name: `${vnetName}-gw`,
        sku: o.sku ?? 'VpnGw2AZ',
        vpnType: o.vpnType ?? 'RouteBased',
        activeActive: o.activeActive ?? false,
        bgpEnabled: o.bgp ?? false,
        ipConfigurations: ipcs,
        bgpSettings: o.asn !== undefined || o.apipa ? { asn: o.asn, peerWeight: undefined, peeringAddresses: o.apipa ? [{ ipConfigurationName: 'default', apipaAddresses: list(...o.apipa) }] : [] } : undefined,
        p2s,
        defaultLocalNetworkGateway: o.defaultSite ? siteAddr(o.defaultSite) : undefined,
      }),
    );
  }

  /** A peering in each direction between two VNets. */
  public peer(a: string, b: string, ab: { allowTransit?: Maybe<boolean>; useRemote?: Maybe<boolean> } = {}, ba: { allowTransit?: Maybe<boolean>; useRemote?: Maybe<boolean> } = {}): this {
    this.put(peering(`azurerm_virtual_network_peering.${id(a)}_to_${id(b)}`, { virtualNetwork: vnetAddr(a), remoteVirtualNetwork: vnetAddr(b), allowGatewayTransit: ab.allowTransit, useRemoteGateways: ab.useRemote }));
    return this.put(peering(`azurerm_virtual_network_peering.${id(b)}_to_${id(a)}`, { virtualNetwork: vnetAddr(b), remoteVirtualNetwork: vnetAddr(a), allowGatewayTransit: ba.allowTransit, useRemoteGateways: ba.useRemote }));
  }

  /** A spoke VNet peered with the hub, with gateway transit unless told otherwise. */
  public spoke(name: string, addressSpace: string | MaybeList<string>, hub: string, o: SpokeOptions = {}): this {
    this.vnet(name, addressSpace);
    this.put(peering(`azurerm_virtual_network_peering.${id(name)}_to_${id(hub)}`, { virtualNetwork: vnetAddr(name), remoteVirtualNetwork: vnetAddr(hub), useRemoteGateways: o.useRemote ?? true, allowForwardedTraffic: true }));
    if (!o.oneWay) {
      this.put(peering(`azurerm_virtual_network_peering.${id(hub)}_to_${id(name)}`, { virtualNetwork: vnetAddr(hub), remoteVirtualNetwork: vnetAddr(name), allowGatewayTransit: o.allowTransit ?? true }));
    }
    return this;
  }

  public site(name: string, prefixes: string[] = [], o: SiteOptions = {}): this {
    return this.put(
      localGateway(siteAddr(name), {
        name,
        addressSpace: o.addressSpace ?? list(...prefixes),
        bgpSettings: o.bgp ? { asn: o.bgp.asn, peeringAddress: o.bgp.peer, peerWeight: undefined } : undefined,
      }),
    );
  }

  public s2s(vnetName: string, siteName: string, o: S2SOptions = {}): this {
    return this.put(
      connection(`azurerm_virtual_network_gateway_connection.${o.name ?? `${id(vnetName)}_to_${id(siteName)}`}`, {
        name: `${vnetName}-to-${siteName}`,
        gateway: gwAddr(vnetName),
        localGateway: siteAddr(siteName),
        bgpEnabled: o.bgp ?? false,
        usePolicyBasedTrafficSelectors: o.pbts,
        trafficSelectorPolicies: o.selectors ?? [],
        ipsecPolicy: o.ipsec,
      }),
    );
  }

  public v2v(a: string, b: string, o: V2VOptions = {}): this {
    const key = o.sharedKey ?? new Unknown('random_password.v2v.result is computed at apply', '${random_password.v2v.result}');
    const make = (from: string, to: string, bgp: Maybe<boolean> | undefined, sharedKey: Maybe<string>): Connection =>
      connection(`azurerm_virtual_network_gateway_connection.${id(from)}_to_${id(to)}`, {
        name: `${from}-to-${to}`,
        connectionType: 'Vnet2Vnet',
        gateway: gwAddr(from),
        localGateway: undefined,
        peerGateway: gwAddr(to),
        bgpEnabled: bgp ?? false,
        sharedKey,
        ipsecPolicy: o.ipsec,
      });
    this.put(make(a, b, o.bgp, key));
    if (!o.oneSided) this.put(make(b, a, o.reverseBgp ?? o.bgp, o.reverseSharedKey ?? key));
    return this;
  }

  /** Replaces or adds any entity, for the one field a test is about. */
  public put(e: Entity): this {
    this.entities.set(e.address, e);
    return this;
  }

  public get(address: string): Entity | undefined {
    return this.entities.get(address);
  }

  public build(): Topology {
    const all = [...this.entities.values()];
    // Each VNet lists its subnets, as the adapter does.
    for (const e of all) {
      if (e.kind !== 'virtualNetwork') continue;
      const subnets = all.filter((s) => s.kind === 'subnet' && s.virtualNetwork === e.address).map((s) => s.address);
      this.entities.set(e.address, { ...e, subnets });
    }
    return topology(...this.entities.values());
  }
}

function gatewaySubnetPrefix(v: Entity | undefined): string {
  if (v?.kind === 'virtualNetwork' && v.addressSpace.items[0]) {
    const [base] = v.addressSpace.items[0].split('/');
    const octets = base.split('.');
    return `${octets[0]}.${octets[1]}.255.0/27`;
  }
  return '10.255.255.0/27';
}

export function unknownValue(reason = 'var.address_space is a variable', expression = '${var.address_space}'): Unknown {
  return new Unknown(reason, expression);
}

/** The hand-written enterprise configuration (test/reach/fixtures/enterprise), optionally changed first. */
export const ENTERPRISE_DIR = path.join(__dirname, 'fixtures', 'enterprise');

export function enterpriseConfig(mutate: (config: any) => void = () => undefined): any {
  const config = JSON.parse(fs.readFileSync(path.join(ENTERPRISE_DIR, 'main.tf.json'), 'utf-8'));
  mutate(config);
  return config;
}

export function enterprise(mutate: (config: any) => void = () => undefined): Topology {
  return topologyFromTerraformJson([{ file: 'main.tf.json', content: enterpriseConfig(mutate) }]);
}
