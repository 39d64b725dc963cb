import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { GatewayTransitPeering } from './gateway-transit-peering';
import { IVirtualNetwork, VirtualNetworkReference } from './virtual-network';
import { IVpnGateway, VpnGateway, VpnGatewayProps } from './vpn-gateway';
import { VpnSite, VpnSiteOptions } from './vpn-site';
import { VpnValidation } from './vpn-validation';
import { INPUT_ERRORS, VpnConfigError } from '../private/construct-errors';

/**
 * A spoke of a `HubSpokeTransit`: a new VNet (from `addressSpace`) or an existing one.
 */
export interface TransitSpokeOptions {
  /**
   * Address space of a new spoke VNet. Set this or `virtualNetwork`. It must not overlap the hub
   * or any other spoke.
   * @default - no VNet is created; `virtualNetwork` is required
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering#requirements-and-constraints
   */
  readonly addressSpace?: string[];
  /**
   * An existing spoke VNet. Set this or `addressSpace`. It must have no gateway of its own and no
   * other peering that uses remote gateways.
   * @default - a VNet is created from `addressSpace`
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-peering-gateway-transit
   */
  readonly virtualNetwork?: IVirtualNetwork;
  /**
   * Name of the VNet created from `addressSpace`.
   * @default `<id>-vnet`, with the id given to `addSpoke()` (or the construct id)
   */
  readonly virtualNetworkName?: string;
  /**
   * Resource group of the VNet created from `addressSpace`.
   * @default - the hub gateway's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Azure region of the VNet created from `addressSpace`. Gateway transit works over global
   * peering too.
   * @default - the hub gateway's region
   */
  readonly location?: string;
  /**
   * Accept traffic forwarded by a network virtual appliance in the other VNet, on both peerings.
   * @default false
   */
  readonly allowForwardedTraffic?: boolean;
  /**
   * Tags for the VNet created from `addressSpace`.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * The azurerm provider (alias) of the spoke's subscription, for the spoke VNet and the
   * spoke-to-hub peering. The hub-to-spoke peering uses the hub gateway's provider.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * Properties of a `HubSpokeTransit`.
 */
export interface HubSpokeTransitProps {
  /**
   * The hub gateway to create, with its hub VNet (`addressSpace`) or in an existing one. Set
   * this or `existingGateway`.
   * @default - `existingGateway` is the hub
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-peering-gateway-transit
   */
  readonly gateway?: VpnGatewayProps;
  /**
   * A hub gateway created elsewhere (e.g. an `ActiveActiveGateway`, or
   * `VpnGateway.fromAttributes()`). Set this or `gateway`. Its VNet is the hub VNet.
   * @default - a gateway is created from `gateway`
   */
  readonly existingGateway?: IVpnGateway;
  /**
   * Spokes by id; more can be added with `addSpoke()`.
   * @default - none
   */
  readonly spokes?: { [id: string]: TransitSpokeOptions };
  /**
   * On-premises sites by id, connected to the hub gateway; they reach every spoke through it.
   * More can be added with `addSite()`.
   * @default - none
   */
  readonly sites?: { [id: string]: VpnSiteOptions };
}

/**
 * Properties of a `TransitSpoke`.
 */
export interface TransitSpokeProps extends TransitSpokeOptions {
  /** The hub gateway the spoke uses; the hub VNet is its VNet. */
  readonly hubGateway: IVpnGateway;
}

/**
 * A spoke VNet peered with a hub with gateway transit: the VNet (unless existing) and the
 * peering pair. `HubSpokeTransit.addSpoke()` creates these.
 *
 * @example new TransitSpoke(this, 'App', { hubGateway: hub, addressSpace: ['10.1.0.0/16'] });
 */
export class TransitSpoke extends Construct {
  /** The spoke VNet. */
  public readonly virtualNetwork: IVirtualNetwork;
  /** The `azurerm_virtual_network`, when the spoke was created from `addressSpace`. */
  public readonly virtualNetworkResource?: VirtualNetwork;
  /** The peering pair. */
  public readonly peering: GatewayTransitPeering;
  /** The hub-to-spoke `azurerm_virtual_network_peering` (`allow_gateway_transit`). */
  public readonly hubToSpoke: VirtualNetworkPeering;
  /** The spoke-to-hub `azurerm_virtual_network_peering` (`use_remote_gateways`). */
  public readonly spokeToHub: VirtualNetworkPeering;

  constructor(scope: Construct, id: string, options: TransitSpokeProps) {
    super(scope, id);
    VpnValidation.enable(this);
    const hubGateway = options.hubGateway;
    if (hubGateway === undefined) {
      throw new VpnConfigError(INPUT_ERRORS.MISSING, 'TransitSpokeProps.hubGateway is missing; a spoke uses the gateway of its hub, so pass the hub gateway', this);
    }
    if ((options.addressSpace === undefined) === (options.virtualNetwork === undefined)) {
      throw new VpnConfigError(
        INPUT_ERRORS.EXCLUSIVE,
        options.addressSpace === undefined
          ? 'the spoke has neither addressSpace nor virtualNetwork; set addressSpace to create the spoke VNet, or virtualNetwork to peer an existing one'
          : 'the spoke sets both addressSpace and virtualNetwork; set addressSpace to create the spoke VNet, or virtualNetwork to peer an existing one',
        this,
      );
    }
    if (options.virtualNetwork !== undefined) {
      this.virtualNetwork = options.virtualNetwork;
    } else {
      this.virtualNetworkResource = new VirtualNetwork(this, 'VirtualNetwork', {
        name: options.virtualNetworkName ?? `${id}-vnet`,
        resourceGroupName: options.resourceGroupName ?? hubGateway.resourceGroupName,
        location: options.location ?? hubGateway.location,
        addressSpace: options.addressSpace!,
        tags: options.tags,
        provider: options.provider,
      });
      this.virtualNetwork = VirtualNetworkReference.fromVirtualNetwork(this.virtualNetworkResource);
    }
    this.peering = new GatewayTransitPeering(this, 'Peering', {
      hubGateway,
      spokeVirtualNetwork: this.virtualNetwork,
      allowForwardedTraffic: options.allowForwardedTraffic,
    });
    this.hubToSpoke = this.peering.hubToSpoke;
    this.spokeToHub = this.peering.spokeToHub;
    // Each peering lives in its own VNet's subscription.
    if (VpnGateway.isVpnGateway(hubGateway) && hubGateway.provider !== undefined) this.hubToSpoke.provider = hubGateway.provider;
    if (options.provider !== undefined) this.spokeToHub.provider = options.provider;
  }
}

/**
 * A hub VNet with a VPN gateway, spoke VNets that use the gateway through peering with gateway
 * transit, and on-premises sites that reach every spoke through the hub.
 *
 * Each spoke gets both peerings: `allow_gateway_transit` from the hub, `use_remote_gateways` from
 * the spoke, created after the hub gateway and the hub-side peering. With BGP on the gateway and
 * a site, the site learns the spoke prefixes over BGP (transit); a static site must route them
 * into its tunnel itself.
 *
 * Adding a spoke or a site costs the same whatever the number of spokes: overlaps and the other
 * whole-topology invariants are left to the synth-time rules, which check them in one pass.
 *
 * @example new HubSpokeTransit(this, 'Net', { gateway: { name: 'hub-gw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'] }, spokes: { app: { addressSpace: ['10.1.0.0/16'] } } });
 */
export class HubSpokeTransit extends Construct {
  /** The hub gateway (created, or the `existingGateway`). */
  public readonly gateway: IVpnGateway;
  /** The hub `VpnGateway`, when this construct created it (escape hatch to its resources). */
  public readonly vpnGateway?: VpnGateway;
  /** The hub VNet: the gateway's VNet. */
  public readonly hubVirtualNetwork: IVirtualNetwork;

  private readonly spokeList: TransitSpoke[] = [];
  private readonly siteList: VpnSite[] = [];

  constructor(scope: Construct, id: string, props: HubSpokeTransitProps) {
    super(scope, id);
    VpnValidation.enable(this);
    if ((props.gateway === undefined) === (props.existingGateway === undefined)) {
      throw new VpnConfigError(
        INPUT_ERRORS.EXCLUSIVE,
        props.gateway === undefined
          ? 'HubSpokeTransit needs a hub gateway; set gateway (props of the gateway to create) or existingGateway'
          : 'gateway and existingGateway are both set; set gateway to create the hub gateway, or existingGateway to use one created elsewhere',
        this,
      );
    }
    if (props.gateway !== undefined) {
      this.vpnGateway = new VpnGateway(this, 'Gateway', props.gateway);
      this.gateway = this.vpnGateway;
    } else {
      this.gateway = props.existingGateway!;
    }
    this.hubVirtualNetwork = this.gateway.virtualNetwork;

    for (const [spokeId, options] of Object.entries(props.spokes ?? {})) this.addSpoke(spokeId, options);
    for (const [siteId, options] of Object.entries(props.sites ?? {})) this.addSite(siteId, options);
  }

  /** The spokes, in the order they were added. */
  public get spokes(): TransitSpoke[] {
    return [...this.spokeList];
  }

  /** The sites, in the order they were added. */
  public get sites(): VpnSite[] {
    return [...this.siteList];
  }

  /**
   * Adds a spoke: its VNet (unless existing) and the peering pair with gateway transit. Its
   * resources are under the construct id `Spoke-<id>`.
   */
  public addSpoke(id: string, options: TransitSpokeOptions): TransitSpoke {
    const spoke = new TransitSpoke(this, `Spoke-${id}`, {
      ...options,
      virtualNetworkName: options.virtualNetworkName ?? `${id}-vnet`,
      hubGateway: this.gateway,
    });
    this.spokeList.push(spoke);
    return spoke;
  }

  /**
   * Adds an on-premises site connected to the hub gateway (a local network gateway and a
   * connection, under the construct id `Site-<id>`).
   */
  public addSite(id: string, options: VpnSiteOptions): VpnSite {
    const site = new VpnSite(this, `Site-${id}`, { ...options, name: options.name ?? id, gateway: this.gateway });
    this.siteList.push(site);
    return site;
  }

  /**
   * Adds Terraform outputs with what on-premises needs: the hub gateway's public IPs and BGP
   * peering addresses (the gateway's `outputPeerInfo()`). Only for a hub gateway created in this
   * stack; a gateway from `VpnGateway.fromAttributes()` has nothing to output here.
   */
  public outputPeerInfo(): void {
    if (VpnGateway.isVpnGateway(this.gateway)) this.gateway.outputPeerInfo();
  }
}
