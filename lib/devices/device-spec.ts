import {
  AZURE_CHILD_SA_KILOBYTES,
  AZURE_CHILD_SA_LIFETIME_SECONDS_POLICY_BASED,
  AZURE_CHILD_SA_LIFETIME_SECONDS_ROUTE_BASED,
  AZURE_DEFAULT_ESP_POLICY_BASED,
  AZURE_DEFAULT_ESP_ROUTE_BASED,
  AZURE_DEFAULT_IKE_POLICY_BASED,
  AZURE_DEFAULT_IKE_ROUTE_BASED,
  AZURE_DPD_TIMEOUT_SECONDS,
  AZURE_IKE_SA_LIFETIME_SECONDS,
  EspProposal,
  IkeProposal,
} from '../azure/device-proposals';
import { AZURE_DEFAULT_ASN } from '../azure/asn';
import { TopologyLookup } from '../model/lookup';
import { Connection, LocalNetworkGateway, Topology, VirtualNetworkGateway } from '../model/topology';
import { isKnown, Maybe, MaybeList } from '../model/unknown';

/**
 * The on-premises device's side of the VPN, as plain data: what every vendor renderer needs and
 * nothing vendor-specific. One spec describes one local network gateway (one device) and its
 * connection to one Azure gateway.
 */
export interface DeviceSpec {
  /** The local network gateway's Azure name (or its address when the name is unknown). */
  readonly siteName: string;
  readonly siteAddress: string;
  readonly gatewayName: string;
  readonly gatewayAddress: string;
  readonly connectionAddress: string;
  /** The device's own public address (`gateway_address`), or its FQDN. */
  readonly deviceAddress: SpecValue;
  /** The on-premises prefixes (`address_space`). */
  readonly siteAddressSpace: SpecValue[];
  /** 1 for policy-based gateways and `connection_protocol = IKEv1`, else 2. */
  readonly ikeVersion: 1 | 2;
  /** True when the connection has an `ipsec_policy`: exactly one proposal each way. */
  readonly customPolicy: boolean;
  readonly ikeProposals: readonly IkeProposal[];
  readonly espProposals: readonly EspProposal[];
  readonly ikeLifetimeSeconds: number;
  readonly childLifetimeSeconds: number;
  /** 0 means no volume limit. */
  readonly childLifetimeKilobytes: number;
  /** Azure's `dpd_timeout_seconds`. */
  readonly azureDpdTimeoutSeconds: number;
  /** The device's DPD interval: well inside Azure's timeout. */
  readonly dpdDelaySeconds: number;
  readonly preSharedKey: SpecValue;
  /** One per Azure gateway instance the device connects to, in ip_configuration order. */
  readonly tunnels: readonly TunnelSpec[];
  readonly bgp?: BgpSpec;
  /** Every value only known after apply, once each, in order of first use. */
  readonly placeholders: readonly Placeholder[];
}

export interface TunnelSpec {
  /** A short, stable name (`azure-0`, `azure-1`). */
  readonly name: string;
  readonly ipConfigurationName: string;
  /** The instance's public IP. */
  readonly azureAddress: SpecValue;
  /** Traffic selectors proposed by the device: its side. */
  readonly localTrafficSelectors: readonly SpecValue[];
  /** Traffic selectors proposed by the device: Azure's side. */
  readonly remoteTrafficSelectors: readonly SpecValue[];
  /** The instance's BGP address this tunnel carries the session to. */
  readonly bgpNeighbourAddress?: SpecValue;
}

export interface BgpSpec {
  readonly localAsn: number;
  /** The device's BGP address (the local network gateway's `bgp_peering_address`). */
  readonly localAddress: string;
  readonly azureAsn: number;
  /** True when the device peers from an APIPA address: Azure will not open the session. */
  readonly apipa: boolean;
  readonly neighbours: readonly BgpNeighbourSpec[];
  /** Prefixes the device announces. */
  readonly advertise: readonly string[];
  /** Prefixes Azure announces that the device should accept (the VNet and its gateway-transit spokes). */
  readonly azurePrefixes: readonly SpecValue[];
}

export interface BgpNeighbourSpec {
  readonly address: SpecValue;
  readonly tunnel: string;
}

/** A value known only after apply. Renderers print it as a marked placeholder (or an expression). */
export interface Placeholder {
  /** Upper-case identifier, unique within a spec (`AZURE_INSTANCE_0_PUBLIC_IP`). */
  readonly name: string;
  /** What the value is and where to find it after apply. */
  readonly description: string;
  /** A Terraform expression that yields the value after apply, when there is one. */
  readonly terraformExpression?: string;
  /** Text that follows the value where it is used (`/32` for a host selector). */
  readonly suffix?: string;
}

export type SpecValue = string | Placeholder;

export function isPlaceholder(value: SpecValue | undefined): value is Placeholder {
  return typeof value === 'object' && value !== null;
}

/** The device configuration cannot be derived: one line, naming what to fix. */
export class DeviceSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceSpecError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface DeviceSpecOptions {
  /** Prefixes the device announces over BGP. Default: none (a static site announces nothing). */
  readonly advertise?: readonly string[];
}

/**
 * The spec for the device behind one local network gateway, named by its Azure name or its
 * Terraform address. Throws {@link DeviceSpecError} when the site does not exist, has no IPsec
 * connection, or its gateway is not in the topology.
 */
export function deviceSpecFromTopology(topology: Topology, site: string, options: DeviceSpecOptions = {}): DeviceSpec {
  const lookup = new TopologyLookup(topology);
  const localGateway = findSite(topology, site);
  const connections = lookup.connectionsToLocalGateway(localGateway.address).filter((c) => c.connectionType === undefined || c.connectionType === 'IPsec');
  if (connections.length === 0) throw new DeviceSpecError(`site ${site} (${localGateway.address}) has no IPsec connection in the file`);
  // One device, one Azure gateway: a site connected to several gateways gets one spec per gateway, and the first connection wins here.
  const connection = connections[0];
  const gateway = lookup.gateway(connection.gateway);
  if (!gateway || gateway.external) {
    // An external gateway's address is synthetic (`external:<lower-cased ID>`): name it as its Azure ID says.
    const named = gateway?.external && isKnown(gateway.name) ? `${show(gateway.name)} referenced by its Azure resource ID` : show(connection.gateway);
    throw new DeviceSpecError(`the gateway of site ${site} (${named}, from ${connection.address}) is not in the file`);
  }
  return new SpecBuilder(lookup, localGateway, connection, gateway, options).build();
}

/** The local network gateways a device configuration can be written for, by Azure name (or address). */
export function siteNames(topology: Topology): string[] {
  return topology.localGateways.map((l) => (isKnown(l.name) ? l.name : l.address));
}

function findSite(topology: Topology, site: string): LocalNetworkGateway {
  const byAddress = topology.localGateways.find((l) => l.address === site);
  if (byAddress) return byAddress;
  const byName = topology.localGateways.filter((l) => l.name === site);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) {
    throw new DeviceSpecError(`site name ${site} is used by ${byName.map((l) => l.address).join(', ')}; name one by its Terraform address`);
  }
  const known = siteNames(topology);
  throw new DeviceSpecError(`unknown site ${site}; the file has ${known.length === 0 ? 'no local network gateway' : known.join(', ')}`);
}

class SpecBuilder {
  private readonly placeholders: Placeholder[] = [];
  private readonly routeBased: boolean;

  constructor(
    private readonly lookup: TopologyLookup,
    private readonly site: LocalNetworkGateway,
    private readonly connection: Connection,
    private readonly gateway: VirtualNetworkGateway,
    private readonly options: DeviceSpecOptions,
  ) {
    this.routeBased = (isKnown(gateway.vpnType) ? gateway.vpnType : 'RouteBased') !== 'PolicyBased';
  }

  public build(): DeviceSpec {
    const policy = this.connection.ipsecPolicy;
    const custom = policy !== undefined;
    const ikeVersion: 1 | 2 = !this.routeBased || this.connection.connectionProtocol === 'IKEv1' ? 1 : 2;
    const dpd = isKnown(this.connection.dpdTimeoutSeconds) ? this.connection.dpdTimeoutSeconds : AZURE_DPD_TIMEOUT_SECONDS;
    const siteAddressSpace = this.list(this.site.addressSpace, 'SITE_ADDRESS_SPACE', `the address_space of ${this.site.address}`);
    const bgp = this.bgpEnabled();
    const azurePrefixes = this.azurePrefixes();
    const instances = this.instances(bgp);
    const selectorPolicy = this.trafficSelectorPolicy();
    const tunnels = instances.map((instance, i): TunnelSpec => {
      const neighbour = bgp ? instance.bgpAddress : undefined;
      const remote = selectorPolicy?.remote ?? azurePrefixes;
      return {
        name: `azure-${i}`,
        ipConfigurationName: instance.ipConfigurationName,
        azureAddress: instance.publicIp,
        // Selector-based tunnels must differ per tunnel (userspace ESP routes by selector): a BGP
        // site sends anything Azure routes to it, a static site only its own prefixes.
        localTrafficSelectors: selectorPolicy?.local ?? (bgp ? ['0.0.0.0/0'] : siteAddressSpace),
        remoteTrafficSelectors: neighbour === undefined ? remote : [...remote, hostRoute(neighbour)],
        ...(neighbour === undefined ? {} : { bgpNeighbourAddress: neighbour }),
      };
    });
    return {
      siteName: isKnown(this.site.name) ? this.site.name : this.site.address,
      siteAddress: this.site.address,
      gatewayName: isKnown(this.gateway.name) ? this.gateway.name : this.gateway.address,
      gatewayAddress: this.gateway.address,
      connectionAddress: this.connection.address,
      deviceAddress: this.deviceAddress(),
      siteAddressSpace,
      ikeVersion,
      customPolicy: custom,
      ikeProposals: custom ? [this.customIke()] : this.routeBased ? AZURE_DEFAULT_IKE_ROUTE_BASED : AZURE_DEFAULT_IKE_POLICY_BASED,
      espProposals: custom ? [this.customEsp()] : this.routeBased ? AZURE_DEFAULT_ESP_ROUTE_BASED : AZURE_DEFAULT_ESP_POLICY_BASED,
      ikeLifetimeSeconds: AZURE_IKE_SA_LIFETIME_SECONDS,
      childLifetimeSeconds: custom
        ? this.number(policy.saLifetimeSeconds, AZURE_CHILD_SA_LIFETIME_SECONDS_ROUTE_BASED, 'sa_lifetime')
        : this.routeBased ? AZURE_CHILD_SA_LIFETIME_SECONDS_ROUTE_BASED : AZURE_CHILD_SA_LIFETIME_SECONDS_POLICY_BASED,
      childLifetimeKilobytes: custom ? this.number(policy.saDataSizeKilobytes, AZURE_CHILD_SA_KILOBYTES, 'sa_datasize') : AZURE_CHILD_SA_KILOBYTES,
      azureDpdTimeoutSeconds: dpd,
      dpdDelaySeconds: Math.max(2, Math.min(10, Math.floor(dpd / 3))),
      preSharedKey: this.preSharedKey(),
      tunnels,
      ...(bgp ? { bgp: this.bgpSpec(tunnels, azurePrefixes) } : {}),
      placeholders: this.placeholders,
    };
  }

  private bgpEnabled(): boolean {
    const gatewayBgp = this.gateway.bgpEnabled;
    const connectionBgp = this.connection.bgpEnabled;
    if (!isKnown(connectionBgp) && connectionBgp !== undefined) throw new DeviceSpecError(`${this.connection.address}: bgp_enabled is only known after apply; give a state`);
    return connectionBgp === true && gatewayBgp !== false;
  }

  private bgpSpec(tunnels: TunnelSpec[], azurePrefixes: SpecValue[]): BgpSpec {
    const localBgp = this.site.bgpSettings;
    const localAsn = localBgp?.asn;
    const localAddress = localBgp?.peeringAddress;
    if (!isKnown(localAsn) || !isKnown(localAddress)) {
      throw new DeviceSpecError(`${this.site.address}: a BGP connection needs the site's bgp_settings asn and bgp_peering_address (add a bgp_settings block)`);
    }
    const azureAsn = this.gateway.bgpSettings?.asn;
    return {
      localAsn,
      localAddress,
      azureAsn: isKnown(azureAsn) ? azureAsn : AZURE_DEFAULT_ASN,
      apipa: localAddress.startsWith('169.254.'),
      neighbours: tunnels.filter((t) => t.bgpNeighbourAddress !== undefined).map((t) => ({ address: t.bgpNeighbourAddress!, tunnel: t.name })),
      advertise: [...(this.options.advertise ?? [])],
      azurePrefixes,
    };
  }

  /** The gateway's instances, matched to their public IP and BGP address by ip_configuration name. */
  private instances(bgp: boolean): Array<{ ipConfigurationName: string; publicIp: SpecValue; bgpAddress?: SpecValue }> {
    const ipConfigurations = this.gateway.ipConfigurations;
    if (!isKnown(ipConfigurations) || ipConfigurations.length === 0) {
      throw new DeviceSpecError(`${this.gateway.address}: its ip_configuration blocks are not known; give a state or write them out`);
    }
    const activeActive = this.gateway.activeActive === true;
    const used = activeActive ? ipConfigurations.slice(0, 2) : ipConfigurations.slice(0, 1);
    const peering = this.gateway.bgpSettings?.peeringAddresses ?? [];
    return used.map((ipc, i) => {
      const ipConfigurationName = isKnown(ipc.name) ? ipc.name : i === 0 ? 'vnetGatewayConfig' : `vnetGatewayConfig${i}`;
      const publicIpEntity = this.lookup.publicIp(ipc.publicIp);
      const publicIp: SpecValue = publicIpEntity && isKnown(publicIpEntity.ipAddress)
        ? publicIpEntity.ipAddress
        : this.placeholder(`AZURE_INSTANCE_${i}_PUBLIC_IP`, `the public IP of gateway instance ${ipConfigurationName} (${show(ipc.publicIp)}.ip_address)`,
          isKnown(ipc.publicIp) ? `${ipc.publicIp}.ip_address` : undefined);
      if (!bgp) return { ipConfigurationName, publicIp };
      const block = peering.find((p) => p.ipConfigurationName === ipConfigurationName) ?? (peering.length === 1 && !activeActive ? peering[0] : undefined);
      return { ipConfigurationName, publicIp, bgpAddress: this.azureBgpAddress(i, ipConfigurationName, block?.apipaAddresses, block?.defaultAddresses) };
    });
  }

  /**
   * Azure uses its APIPA address towards an APIPA peer and its default address otherwise. The
   * connection's custom_bgp_addresses pick one APIPA address per instance.
   */
  private azureBgpAddress(index: number, ipConfigurationName: string, apipa: MaybeList<string> | undefined, defaults: MaybeList<string> | undefined): SpecValue {
    const sitePeer = this.site.bgpSettings?.peeringAddress;
    const towardsApipa = isKnown(sitePeer) && sitePeer.startsWith('169.254.');
    if (towardsApipa) {
      const custom = this.connection.customBgpAddresses;
      const chosen = custom ? (index === 0 ? custom.primary : custom.secondary) : undefined;
      if (isKnown(chosen)) return chosen;
      if (apipa && apipa.items.length > 0 && isKnown(apipa.items[0])) return apipa.items[0];
      throw new DeviceSpecError(
        `${this.gateway.address}: the site peers from APIPA ${sitePeer} but ip_configuration ${ipConfigurationName} has no apipa_addresses in bgp_settings.peering_addresses`,
      );
    }
    if (defaults && defaults.unknown === undefined && defaults.items.length > 0) return defaults.items[0];
    return this.placeholder(`AZURE_INSTANCE_${index}_BGP_ADDRESS`, `the default BGP address of gateway instance ${ipConfigurationName} (bgp_settings.peering_addresses.default_addresses)`,
      `[for p in ${this.gateway.address}.bgp_settings[0].peering_addresses : p.default_addresses[0] if p.ip_configuration_name == "${ipConfigurationName}"][0]`);
  }

  /**
   * With policy-based traffic selectors, a connection's traffic_selector_policy is what Azure
   * proposes: its local_address_cidrs are Azure's side, its remote_address_cidrs the device's.
   */
  private trafficSelectorPolicy(): { local: SpecValue[]; remote: SpecValue[] } | undefined {
    const policies = this.connection.trafficSelectorPolicies;
    if (this.connection.usePolicyBasedTrafficSelectors !== true || policies.length === 0) return undefined;
    const local: SpecValue[] = [];
    const remote: SpecValue[] = [];
    for (const p of policies) {
      local.push(...this.list(p.remoteAddressCidrs, 'TRAFFIC_SELECTOR_REMOTE_CIDRS', `the remote_address_cidrs of ${this.connection.address}'s traffic_selector_policy`));
      remote.push(...this.list(p.localAddressCidrs, 'TRAFFIC_SELECTOR_LOCAL_CIDRS', `the local_address_cidrs of ${this.connection.address}'s traffic_selector_policy`));
    }
    return { local: [...new Set(local)], remote: [...new Set(remote)] };
  }

  /** The gateway VNet's prefixes plus those of VNets peered to it that use its gateway. */
  private azurePrefixes(): SpecValue[] {
    const vnet = this.lookup.gatewayVnet(this.gateway);
    if (!vnet) return [this.placeholder('AZURE_VNET_PREFIXES', `the address space of the VNet of ${this.gateway.address}`)];
    const prefixes = this.list(vnet.addressSpace, 'AZURE_VNET_PREFIXES', `the address_space of ${vnet.address}`);
    for (const peering of this.lookup.topology.peerings) {
      if (peering.remoteVirtualNetwork !== vnet.address || peering.useRemoteGateways !== true) continue;
      const spoke = this.lookup.virtualNetwork(peering.virtualNetwork);
      if (spoke) prefixes.push(...this.list(spoke.addressSpace, `SPOKE_PREFIXES_${this.placeholders.length}`, `the address_space of ${spoke.address}`));
    }
    return [...new Map(prefixes.map((p) => [typeof p === 'string' ? p : p.name, p])).values()];
  }

  private deviceAddress(): SpecValue {
    if (isKnown(this.site.gatewayAddress)) return this.site.gatewayAddress;
    if (isKnown(this.site.gatewayFqdn)) return this.site.gatewayFqdn;
    return this.placeholder('DEVICE_PUBLIC_IP', `the device's public address (gateway_address of ${this.site.address})`, `${this.site.address}.gateway_address`);
  }

  private preSharedKey(): SpecValue {
    const key = this.connection.sharedKey;
    if (isKnown(key)) return key;
    if (key === undefined) {
      return this.placeholder('PRE_SHARED_KEY', `the key Azure generated for ${this.connection.address} (az network vpn-connection shared-key show)`);
    }
    return this.placeholder('PRE_SHARED_KEY', `the shared_key of ${this.connection.address}`, `${this.connection.address}.shared_key`);
  }

  private customIke(): IkeProposal {
    const p = this.connection.ipsecPolicy!;
    const proposal = { encryption: this.text(p.ikeEncryption, 'ike_encryption'), integrity: this.text(p.ikeIntegrity, 'ike_integrity'), dhGroup: this.text(p.dhGroup, 'dh_group') };
    if (proposal.integrity.startsWith('GCM')) {
      throw new DeviceSpecError(`${this.connection.address}: ipsec_policy ike_integrity ${proposal.integrity} is no longer documented for IKE; use SHA256 or SHA384 (ipsec.weak)`);
    }
    if (proposal.dhGroup === 'None') throw new DeviceSpecError(`${this.connection.address}: ipsec_policy dh_group None cannot build an IKEv2 SA; choose a DH group`);
    return proposal;
  }

  private customEsp(): EspProposal {
    const p = this.connection.ipsecPolicy!;
    const proposal = { encryption: this.text(p.ipsecEncryption, 'ipsec_encryption'), integrity: this.text(p.ipsecIntegrity, 'ipsec_integrity'), pfsGroup: this.text(p.pfsGroup, 'pfs_group') };
    if (proposal.pfsGroup === 'PFSMM') throw new DeviceSpecError(`${this.connection.address}: ipsec_policy pfs_group PFSMM is undocumented; choose a documented PFS group`);
    return proposal;
  }

  private text(value: Maybe<string> | undefined, field: string): string {
    if (isKnown(value)) return value;
    throw new DeviceSpecError(`${this.connection.address}: ipsec_policy ${field} is ${value === undefined ? 'missing' : 'only known after apply'}; a device needs all six algorithms`);
  }

  private number(value: Maybe<number> | undefined, fallback: number, field: string): number {
    if (value === undefined) return fallback;
    if (isKnown(value)) return value;
    throw new DeviceSpecError(`${this.connection.address}: ipsec_policy ${field} is only known after apply; give a state`);
  }

  private list(list: MaybeList<string>, name: string, description: string): SpecValue[] {
    if (list.unknown === undefined) return [...list.items];
    return [...list.items, this.placeholder(name, description)];
  }

  private placeholder(name: string, description: string, terraformExpression?: string): Placeholder {
    const existing = this.placeholders.find((p) => p.name === name);
    if (existing) return existing;
    const created = terraformExpression === undefined ? { name, description } : { name, description, terraformExpression };
    this.placeholders.push(created);
    return created;
  }
}

function hostRoute(address: SpecValue): SpecValue {
  return typeof address === 'string' ? `${address}/32` : { ...address, suffix: '/32' };
}

function show(value: Maybe<string> | undefined): string {
  return isKnown(value) ? value : value === undefined ? '(not set)' : `(${value.reason})`;
}
