import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import {
  VirtualNetworkGateway,
  VirtualNetworkGatewayBgpSettings,
  VirtualNetworkGatewayBgpSettingsPeeringAddresses,
  VirtualNetworkGatewayIpConfiguration,
  VirtualNetworkGatewayVpnClientConfiguration,
} from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { ITerraformDependable, TerraformOutput, TerraformProvider, TerraformResourceLifecycle, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { GatewayNatRule, GatewayNatRuleOptions } from './gateway-nat-rule';
import { GatewayGeneration, GatewaySku, VpnType } from './gateway-sku';
import { addDiagnosticSetting, addManagementLock, GatewayDiagnosticsOptions, GatewayLogCategory, ManagementLockLevel, MonitoredResource, PublicIpLogCategory } from './gateway-monitoring';
import { P2SOptions, P2SRenderedConfig, VpnClientProtocol } from './point-to-site';
import { IVirtualNetwork, VirtualNetworkReference } from './virtual-network';
import { VpnValidation } from './vpn-validation';
import { rememberExistingResource } from './known-resources';
import { parsePrefix } from '../private/cidr';
import { INPUT_ERRORS, VpnConfigError } from '../private/construct-errors';
import { AZURE_DEFAULT_ASN } from '../azure/asn';
import { GATEWAY_SUBNET } from '../azure/defaults';
import { BGP_ENABLED_PROPERTY } from '../private/framework';

/**
 * A VPN gateway that connections, NAT rules and peerings can refer to: one created by
 * `VpnGateway`, or an existing one from `VpnGateway.fromAttributes()`.
 */
export interface IVpnGateway extends IConstruct {
  /** Azure resource ID of the gateway. */
  readonly gatewayId: string;
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** Resource group of the gateway; connections and NAT rules are created in it. */
  readonly resourceGroupName: string;
  /** Azure region of the gateway; connections are created in it. */
  readonly location: string;
  /** The gateway SKU. */
  readonly sku: GatewaySku;
  /** Route-based or policy-based. */
  readonly vpnType: VpnType;
  /** Whether both gateway instances carry tunnels. */
  readonly activeActive: boolean;
  /** Whether BGP is enabled on the gateway. */
  readonly bgpEnabled: boolean;
  /** The gateway's BGP ASN; Azure assigns 65515 unless another is set. */
  readonly bgpAsn: number;
  /**
   * IDs of the gateway's instance IP configurations, first instance first (one, or two when
   * active-active). A NAT rule selects an instance with one of them. The third, point-to-site
   * configuration of an active-active gateway is not an instance and is not listed.
   */
  readonly ipConfigurationIds: string[];
  /** The VNet the gateway is in. */
  readonly virtualNetwork: IVirtualNetwork;
  /**
   * Resources that must exist before the gateway can be used (an explicit `depends_on` target,
   * e.g. for a peering with `use_remote_gateways`). Empty for an existing gateway.
   */
  readonly dependables: ITerraformDependable[];
}

/**
 * The attributes of a VPN gateway that is not created in this stack.
 */
export interface VpnGatewayAttributes {
  /** Azure resource ID of the gateway. */
  readonly gatewayId: string;
  /** Name of the gateway. */
  readonly gatewayName: string;
  /** Resource group of the gateway. */
  readonly resourceGroupName: string;
  /** Azure region of the gateway. */
  readonly location: string;
  /** The gateway SKU. */
  readonly sku: GatewaySku;
  /** The VNet the gateway is in. */
  readonly virtualNetwork: IVirtualNetwork;
  /**
   * Route-based or policy-based.
   * @default VpnType.ROUTE_BASED
   */
  readonly vpnType?: VpnType;
  /**
   * Whether the gateway is active-active.
   * @default false
   */
  readonly activeActive?: boolean;
  /**
   * Whether BGP is enabled on the gateway.
   * @default false
   */
  readonly bgpEnabled?: boolean;
  /**
   * The gateway's BGP ASN.
   * @default 65515
   */
  readonly bgpAsn?: number;
  /**
   * Names of the gateway's instance IP configurations, first instance first.
   * @default - `default`, plus `activeActive` when active-active (the names the Azure portal uses)
   */
  readonly ipConfigurationNames?: string[];
}

/**
 * Properties of a `VpnGateway`.
 */
export interface VpnGatewayProps {
  /** Name of the gateway. Its public IPs and (when created) its VNet are named after it. */
  readonly name: string;
  /** Resource group for the gateway, its public IPs and (when created) its VNet. */
  readonly resourceGroupName: string;
  /** Azure region. */
  readonly location: string;
  /**
   * The gateway SKU.
   *
   * VpnGw2AZ is the SKU of Azure's own create-a-gateway tutorial: zone-redundant, NAT,
   * Generation2 (1.25 Gbps), 30 tunnels, 500 P2S clients. VpnGw1AZ is cheaper but has no NAT and
   * no Generation2; choose it explicitly when that is enough.
   * @default GatewaySku.VPN_GW2_AZ
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
   */
  readonly sku?: GatewaySku;
  /**
   * The gateway generation. Written explicitly, so azurerm's SKU/generation check always runs.
   *
   * azurerm replaces the gateway when `generation` changes, while Azure resizes a gateway within
   * its generation in place (VpnGw1AZ to VpnGw2AZ stays Generation1). So a defaulted generation
   * is only the creation-time choice: the gateway gets `lifecycle.ignore_changes = [generation]`,
   * and a later SKU change never replaces it (nor does Azure's own move to Generation2). Set
   * `generation` to manage it; changing an explicit generation replaces the gateway.
   * @default - the newest generation the SKU allows (Generation2 for VpnGw2AZ to VpnGw5AZ), at creation
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
   * @see https://learn.microsoft.com/azure/vpn-gateway/gateway-sku-upgrade
   */
  readonly generation?: GatewayGeneration;
  /**
   * Route-based or policy-based. Cannot be changed after creation.
   * @default VpnType.ROUTE_BASED
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
   */
  readonly vpnType?: VpnType;
  /**
   * Run both gateway instances with their own public IP, so that maintenance or a failed
   * instance does not drop the tunnels. The gateway then gets two IP configurations (three with
   * point-to-site). On-premises devices must build a tunnel to each public IP.
   *
   * Changing it later replaces the gateway (azurerm `ip_configuration` is ForceNew).
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-active-active-gateways
   */
  readonly activeActive?: boolean;
  /**
   * Enable BGP on the gateway.
   * @default - true when `bgpAsn` or a custom APIPA address is set, false otherwise
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview
   */
  readonly enableBgp?: boolean;
  /**
   * The gateway's BGP ASN. Set a private ASN (64512-65514, 65521-65534) that differs from every
   * peer's, including other Azure gateways it connects to over BGP.
   * @default - Azure assigns 65515
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp
   */
  readonly bgpAsn?: number;
  /**
   * Weight added to routes learned from this gateway's BGP peers (0-100).
   * @default - Azure's default (0)
   */
  readonly bgpPeerWeight?: number;
  /**
   * Custom Azure APIPA BGP addresses of the first instance, in 169.254.21.0-169.254.22.255.
   * Needed when an on-premises BGP peer uses an APIPA address.
   * @default - none: the instance peers from its GatewaySubnet address
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly bgpCustomApipaAddresses?: string[];
  /**
   * Custom Azure APIPA BGP addresses of the second instance of an active-active gateway; they
   * must differ from the first instance's.
   * @default - none
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly bgpSecondCustomApipaAddresses?: string[];
  /**
   * Address space of a new VNet for the gateway. Set this or `virtualNetwork`.
   * @default - no VNet is created; `virtualNetwork` is required
   */
  readonly addressSpace?: string[];
  /**
   * Name of the VNet created from `addressSpace`.
   * @default `<name>-vnet`
   */
  readonly virtualNetworkName?: string;
  /**
   * An existing VNet for the gateway. Set this or `addressSpace`. The GatewaySubnet is then
   * `gatewaySubnetId`, or a new one from `gatewaySubnetPrefix`.
   * @default - a VNet is created from `addressSpace`
   */
  readonly virtualNetwork?: IVirtualNetwork;
  /**
   * Prefix of the GatewaySubnet to create. /27 or larger (/29 is enough only for Basic).
   * @default - with `addressSpace`: the last /27 of its first IPv4 prefix (10.0.0.0/16 gives
   *   10.0.255.224/27); with `virtualNetwork`: required unless `gatewaySubnetId` is set
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
   */
  readonly gatewaySubnetPrefix?: string;
  /**
   * ID of an existing subnet named `GatewaySubnet` in `virtualNetwork`.
   * @default - a GatewaySubnet is created
   */
  readonly gatewaySubnetId?: string;
  /**
   * Availability zones of the gateway's public IPs.
   * @default - ["1", "2", "3"] (zone-redundant) for AZ SKUs, none for the others; set [] for an
   *   AZ SKU in a region without availability zones
   * @see https://learn.microsoft.com/azure/reliability/reliability-virtual-network-gateway
   */
  readonly publicIpZones?: string[];
  /**
   * Existing public IPs for the gateway's IP configurations, in their order: one, two when
   * active-active, three when active-active with point-to-site. The gateway adopts addresses
   * that on-premises devices and firewalls already point at; no public IP is created. They must
   * be Standard, Static, in the gateway's region, zone-redundant for AZ SKUs, and attached to
   * nothing else.
   *
   * Excludes `publicIpNames`, `publicIpPrefixId`, `publicIpDomainNameLabels` and `publicIpZones`.
   * @default - a public IP is created per IP configuration
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-active-active-gateways
   */
  readonly existingPublicIpIds?: string[];
  /**
   * Names of the public IPs to create, in IP configuration order; a missing entry gets the
   * default name.
   * @default `<name>-pip`, `<name>-aa-pip`, `<name>-p2s-pip`
   */
  readonly publicIpNames?: string[];
  /**
   * ID of a public IP prefix (`public_ip_prefix_id`) the created public IPs take their addresses
   * from, so that firewalls on-premises can allow one known range. The prefix must be Standard
   * and IPv4, in the gateway's region, with zones that match `publicIpZones`.
   * @default - addresses from Azure's pool
   * @see https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-address-prefix
   */
  readonly publicIpPrefixId?: string;
  /**
   * DNS labels of the created public IPs (`domain_name_label`), in IP configuration order; a
   * missing entry gets no label. Each label gives `<label>.<region>.cloudapp.azure.com`, which
   * must be unique in the region.
   * @default - no DNS label
   * @see https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses#dns-name-label
   */
  readonly publicIpDomainNameLabels?: string[];
  /**
   * Diagnostic settings for the gateway and the public IPs it creates, to a Log Analytics
   * workspace: the gateway's five log categories, the public IPs' DDoS categories and all
   * metrics unless told otherwise.
   * @default - no diagnostic settings
   * @see https://learn.microsoft.com/azure/vpn-gateway/monitor-vpn-gateway
   */
  readonly diagnostics?: GatewayDiagnosticsOptions;
  /**
   * A management lock (`azurerm_management_lock`) on the gateway and the public IPs it creates.
   * `CAN_NOT_DELETE` keeps them from being deleted, in the portal and by Terraform alike, while
   * Terraform can still update them. `READ_ONLY` also blocks every change to the gateway and its
   * NAT rules, so use it only on a gateway that is finished.
   * @default - no lock
   * @see https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources
   */
  readonly lock?: ManagementLockLevel;
  /**
   * Point-to-site configuration. It can also be added later with `enableP2S()`.
   * @default - no point-to-site
   */
  readonly p2s?: P2SOptions;
  /**
   * Give the gateway private IP addresses in the GatewaySubnet
   * (`private_ip_address_enabled`), for site-to-site VPN over ExpressRoute private peering; set
   * `localAzureIpAddressEnabled` on those connections.
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/site-to-site-vpn-private-peering
   */
  readonly privateIpAddressEnabled?: boolean;
  /**
   * Translate the routes learned and advertised over BGP connections that use NAT rules
   * (`bgp_route_translation_for_nat_enabled`). Turn it on when NAT and BGP meet (`nat.bgp`).
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
   */
  readonly bgpRouteTranslationForNatEnabled?: boolean;
  /**
   * Forced tunnelling: the ID of the local network gateway (a site this gateway connects to)
   * that receives Internet-bound traffic of subnets with a 0.0.0.0/0 route to the gateway
   * (`default_local_network_gateway_id`). Route-based gateways only (`gw.default-site`).
   * @default - no default site
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-forced-tunneling
   */
  readonly defaultLocalNetworkGatewayId?: string;
  /**
   * Set `lifecycle.prevent_destroy` on the gateway and its public IPs.
   *
   * Replacing a gateway takes 45 minutes or more, drops every tunnel and, with new public IPs,
   * forces every on-premises device to be reconfigured; several attributes (`ip_configuration`,
   * `generation`, `vpn_type`) force a replacement. Turn this on in production. It is off by
   * default: it makes every plan that would replace the gateway fail, deliberate ones too, and
   * `cdktf destroy` of test and example stacks; it does not protect a gateway whose construct is
   * removed from the app. The `synth.replace` warning and the `plan.*` check of `azvpn check`
   * (with `--allow-replace` for a deliberate replacement) guard the default.
   * @default false
   * @see https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle
   */
  readonly preventDestroy?: boolean;
  /**
   * Tags for every resource the construct creates.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * The azurerm provider (alias) of the gateway's subscription, for every resource this
   * construct creates. Sites and VNet-to-VNet connections of the gateway default to it.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

// Marks a VpnGateway for isVpnGateway(): `instanceof` fails across copies of this package in one
// program (two versions, or a second copy under another library). Same string in the cdktf and
// cdktn packages, like the `cdktf/…` markers cdktn kept.
const VPN_GATEWAY_SYMBOL = Symbol.for('cdktf-azure-vpn.VpnGateway');

/**
 * An Azure VPN gateway (`azurerm_virtual_network_gateway`, type `Vpn`) with what Azure requires
 * around it, derived rather than asked for:
 *
 * - a subnet named exactly `GatewaySubnet` (a /27 by default) in a new or existing VNet;
 * - one IP configuration per instance (two when active-active) plus one for point-to-site on
 *   an active-active gateway, named `default`, `activeActive` and `p2s`, each with
 *   `private_ip_address_allocation = "Dynamic"`;
 * - one Standard, Static public IP per IP configuration, zone-redundant for AZ SKUs and without
 *   zones for the others;
 * - an explicit `generation`, the SKU's newest unless told otherwise (then ignored on update, so
 *   a later SKU resize stays in place).
 *
 * @example new VpnGateway(this, 'Hub', { name: 'hub-vpngw', resourceGroupName: 'rg-hub', location: 'westeurope', addressSpace: ['10.0.0.0/16'], activeActive: true, bgpAsn: 65010 });
 */
export class VpnGateway extends Construct implements IVpnGateway {
  /** Name of the first instance's IP configuration (Azure's own name for it). */
  public static readonly IP_CONFIGURATION_DEFAULT = 'default';
  /** Name of the second instance's IP configuration on an active-active gateway. */
  public static readonly IP_CONFIGURATION_ACTIVE_ACTIVE = 'activeActive';
  /** Name of the point-to-site IP configuration of an active-active gateway. */
  public static readonly IP_CONFIGURATION_P2S = 'p2s';
  /** The ASN Azure gives a gateway unless another is set. */
  public static readonly AZURE_DEFAULT_ASN: number = AZURE_DEFAULT_ASN;

  /** Whether `x` is a VpnGateway created in a stack (not one from `fromAttributes`), from any copy of this package. */
  // jsii's convention for type checks that work across copies of a package (as `Construct.isConstruct`).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static isVpnGateway(x: any): x is VpnGateway {
    return x !== null && typeof x === 'object' && VPN_GATEWAY_SYMBOL in x;
  }

  /** A gateway that exists outside this stack, for connections, NAT rules and peerings. */
  public static fromAttributes(scope: Construct, id: string, attributes: VpnGatewayAttributes): IVpnGateway {
    return new ImportedVpnGateway(scope, id, attributes);
  }

  /** The `azurerm_virtual_network_gateway` (escape hatch). */
  public readonly gateway: VirtualNetworkGateway;
  /** The public IPs this construct created, in IP configuration order (none with `existingPublicIpIds`). */
  public readonly publicIps: PublicIp[] = [];
  /** The VNet the gateway is in. */
  public readonly virtualNetwork: IVirtualNetwork;
  /** The `azurerm_virtual_network`, when this construct created it. */
  public readonly virtualNetworkResource?: VirtualNetwork;
  /** The `GatewaySubnet` `azurerm_subnet`, when this construct created it. */
  public readonly gatewaySubnet?: Subnet;
  /** ID of the GatewaySubnet. */
  public readonly gatewaySubnetId: string;
  /** Azure resource ID of the gateway. */
  public readonly gatewayId: string;
  /** Name of the gateway. */
  public readonly gatewayName: string;
  /** Resource group of the gateway. */
  public readonly resourceGroupName: string;
  /** Azure region of the gateway. */
  public readonly location: string;
  /** The gateway SKU. */
  public readonly sku: GatewaySku;
  /** The gateway generation written to `generation`. */
  public readonly generation: GatewayGeneration;
  /** Route-based or policy-based. */
  public readonly vpnType: VpnType;
  /** Whether both gateway instances carry tunnels. */
  public readonly activeActive: boolean;
  /** Whether BGP is enabled on the gateway. */
  public readonly bgpEnabled: boolean;
  /** The gateway's BGP ASN (65515 unless `bgpAsn` is set). */
  public readonly bgpAsn: number;
  /** IDs of the instance IP configurations, first instance first. */
  public readonly ipConfigurationIds: string[];
  /** Custom APIPA BGP addresses of the first instance (empty when none are set). */
  public readonly bgpCustomApipaAddresses: string[];
  /** Custom APIPA BGP addresses of the second instance of an active-active gateway (empty when none are set). */
  public readonly bgpSecondCustomApipaAddresses: string[];
  /** The azurerm provider of the gateway's resources, when not the default one. */
  public readonly provider?: TerraformProvider;

  private readonly props: VpnGatewayProps;
  private readonly zones: string[];
  private p2sOptions?: P2SOptions;
  private outputsCreated = false;

  constructor(scope: Construct, id: string, props: VpnGatewayProps) {
    super(scope, id);
    Object.defineProperty(this, VPN_GATEWAY_SYMBOL, { value: true });
    VpnValidation.enable(this);
    this.props = props;
    this.gatewayName = props.name;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    this.sku = props.sku ?? GatewaySku.VPN_GW2_AZ;
    this.generation = props.generation ?? this.sku.newestGeneration;
    this.vpnType = props.vpnType ?? VpnType.ROUTE_BASED;
    this.activeActive = props.activeActive ?? false;
    const anyApipa = (props.bgpCustomApipaAddresses?.length ?? 0) + (props.bgpSecondCustomApipaAddresses?.length ?? 0) > 0;
    this.bgpEnabled = props.enableBgp ?? (props.bgpAsn !== undefined || anyApipa);
    this.bgpAsn = props.bgpAsn ?? VpnGateway.AZURE_DEFAULT_ASN;
    this.bgpCustomApipaAddresses = props.bgpCustomApipaAddresses ?? [];
    this.bgpSecondCustomApipaAddresses = props.bgpSecondCustomApipaAddresses ?? [];
    this.provider = props.provider;
    this.zones = props.publicIpZones ?? (this.sku.availabilityZones ? ['1', '2', '3'] : []);
    this.checkPublicIpProps(props);

    const network = this.resolveNetwork(props);
    this.virtualNetwork = network.virtualNetwork;
    this.virtualNetworkResource = network.virtualNetworkResource;
    this.gatewaySubnet = network.gatewaySubnet;
    this.gatewaySubnetId = network.gatewaySubnetId;

    this.gateway = new VirtualNetworkGateway(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      type: 'Vpn',
      vpnType: this.vpnType,
      sku: this.sku.name,
      generation: this.generation,
      activeActive: this.activeActive,
      [BGP_ENABLED_PROPERTY]: this.bgpEnabled,
      bgpSettings: this.renderBgpSettings(),
      privateIpAddressEnabled: props.privateIpAddressEnabled,
      bgpRouteTranslationForNatEnabled: props.bgpRouteTranslationForNatEnabled,
      defaultLocalNetworkGatewayId: props.defaultLocalNetworkGatewayId,
      ipConfiguration: this.renderIpConfigurations(),
      tags: props.tags,
      lifecycle: gatewayLifecycle(props),
      provider: props.provider,
    });
    this.gatewayId = this.gateway.id;
    this.monitor({ scope: this, id: 'Diagnostics', targetResourceId: this.gateway.id, resourceName: props.name, provider: props.provider }, (props.diagnostics?.gatewayLogCategories ?? GatewayLogCategory.all()).map((c) => c.name));
    this.ipConfigurationIds = this.instanceIpConfigurationNames().map((name) => `${this.gateway.id}/ipConfigurations/${name}`);

    if (props.p2s !== undefined) this.enableP2S(props.p2s);
  }

  /**
   * IDs of the gateway's public IPs, in IP configuration order: those created here, or
   * `existingPublicIpIds`.
   */
  public get publicIpIds(): string[] {
    const existing = this.props.existingPublicIpIds;
    if (existing !== undefined) return existing.slice(0, this.ipConfigurationCount());
    return this.publicIps.map((pip) => pip.id);
  }

  /** The gateway resource, for an explicit `depends_on`. */
  public get dependables(): ITerraformDependable[] {
    return [this.gateway];
  }

  /** Whether point-to-site is configured on the gateway. */
  public get p2sEnabled(): boolean {
    return this.p2sOptions !== undefined;
  }

  /**
   * Configures point-to-site on the gateway. On an active-active gateway this adds the third IP
   * configuration and public IP that Azure requires. A gateway has one point-to-site
   * configuration: call this once (or set `p2s` instead).
   *
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-about
   */
  public enableP2S(options: P2SOptions): void {
    if (this.p2sOptions !== undefined) {
      throw new VpnConfigError('p2s.config', 'point-to-site is already configured on this gateway; a gateway has one vpn_client_configuration, so pass every option to a single enableP2S() call', this);
    }
    if (options.authentications.length === 0) {
      throw new VpnConfigError(INPUT_ERRORS.MISSING, 'P2SOptions.authentications is empty; add P2SAuthentication.certificate(), .entraId() or .radius()', this);
    }
    const kinds = options.authentications.map((a) => a.authType);
    const repeated = kinds.find((k, i) => kinds.indexOf(k) !== i);
    if (repeated !== undefined) {
      throw new VpnConfigError('p2s.auth-protocol', `P2SOptions.authentications lists ${repeated} twice; a gateway has one configuration per method, so merge them into one entry`, this);
    }
    const existing = this.props.existingPublicIpIds;
    if (this.activeActive && existing !== undefined && existing.length < 3) {
      throw new VpnConfigError(
        'p2s.aa-third-ip',
        `point-to-site on an active-active gateway needs a third IP configuration and public IP, but existingPublicIpIds lists ${existing.length}; add the ID of a third Standard, Static public IP`,
        this,
      );
    }
    this.p2sOptions = options;
    if (this.activeActive) this.gateway.putIpConfiguration(this.renderIpConfigurations());
    this.gateway.putVpnClientConfiguration(this.renderP2S(options));
    const groups = options.userGroups ?? [];
    if (groups.length > 0) {
      const anyDefault = groups.some((g) => g.isDefault === true);
      this.gateway.putPolicyGroup(
        groups.map((group, index) => ({
          name: group.name,
          isDefault: group.isDefault ?? (!anyDefault && index === 0),
          priority: group.priority ?? index,
          policyMember: group.members.map((m) => ({ name: m.name, type: m.memberType, value: m.value })),
        })),
      );
    }
    if (options.customRoutes !== undefined && options.customRoutes.length > 0) this.gateway.putCustomRoute({ addressPrefixes: options.customRoutes });
  }

  /**
   * NAT rules for every instance of this gateway: one rule per IP configuration in
   * `ipConfigurationIds` (two on an active-active gateway), each bound to its instance, with the
   * same mappings. See `GatewayNatRule.perInstance()`.
   *
   * @param id the construct id that groups the rules, under this gateway
   * @param options what every instance's rule translates
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
   */
  public addNatRulePerInstance(id: string, options: GatewayNatRuleOptions): GatewayNatRule[] {
    return GatewayNatRule.perInstance(this, id, this, options);
  }

  /**
   * Adds Terraform outputs with what the other side of a tunnel needs: the gateway's public IP
   * addresses (`PublicIpAddresses`) and, when BGP is on, its BGP peering addresses per IP
   * configuration (`BgpPeeringAddresses`). Nothing is output unless this is called. With
   * `existingPublicIpIds` the addresses belong to resources outside this stack and are not output.
   */
  public outputPeerInfo(): void {
    if (this.outputsCreated) return;
    this.outputsCreated = true;
    if (this.props.existingPublicIpIds === undefined) {
      new TerraformOutput(this, 'PublicIpAddresses', {
        description: `Public IP addresses of VPN gateway ${this.gatewayName}, in IP configuration order`,
        value: this.publicIps.map((pip) => pip.ipAddress),
      });
    }
    if (this.bgpEnabled) {
      new TerraformOutput(this, 'BgpPeeringAddresses', {
        description: `BGP peering addresses of VPN gateway ${this.gatewayName} per IP configuration (default and APIPA addresses)`,
        value: this.gateway.bgpSettings.peeringAddresses,
      });
    }
  }

  private resolveNetwork(props: VpnGatewayProps): ResolvedNetwork {
    const hasAddressSpace = props.addressSpace !== undefined;
    if (hasAddressSpace === (props.virtualNetwork !== undefined)) {
      throw new VpnConfigError(
        INPUT_ERRORS.EXCLUSIVE,
        hasAddressSpace
          ? 'addressSpace and virtualNetwork are both set; set addressSpace to create a VNet with a GatewaySubnet, or virtualNetwork to use an existing one'
          : 'the gateway needs a VNet with a GatewaySubnet; set addressSpace to create one, or virtualNetwork to use an existing one',
        this,
      );
    }
    if (props.gatewaySubnetId !== undefined && props.gatewaySubnetPrefix !== undefined) {
      throw new VpnConfigError(INPUT_ERRORS.EXCLUSIVE, 'gatewaySubnetId and gatewaySubnetPrefix are both set; use gatewaySubnetId for an existing GatewaySubnet or gatewaySubnetPrefix to create one', this);
    }

    if (props.virtualNetwork !== undefined) {
      if (props.gatewaySubnetId !== undefined) {
        return { virtualNetwork: props.virtualNetwork, gatewaySubnetId: props.gatewaySubnetId };
      }
      if (props.gatewaySubnetPrefix === undefined) {
        throw new VpnConfigError(
          INPUT_ERRORS.MISSING,
          `virtualNetwork "${props.virtualNetwork.virtualNetworkName}" is an existing VNet, so its free ranges are unknown; set gatewaySubnetId to an existing GatewaySubnet or gatewaySubnetPrefix (a free /27) to create one`,
          this,
        );
      }
      const gatewaySubnet = this.createGatewaySubnet(props.virtualNetwork, props.gatewaySubnetPrefix);
      return { virtualNetwork: props.virtualNetwork, gatewaySubnet, gatewaySubnetId: gatewaySubnet.id };
    }

    if (props.gatewaySubnetId !== undefined) {
      throw new VpnConfigError(INPUT_ERRORS.EXCLUSIVE, 'gatewaySubnetId is set, but the VNet is created from addressSpace and has no subnets yet; drop gatewaySubnetId (the GatewaySubnet is created) or use virtualNetwork', this);
    }
    const addressSpace = props.addressSpace!;
    const gatewaySubnetPrefix = props.gatewaySubnetPrefix ?? this.deriveGatewaySubnetPrefix(addressSpace);
    const virtualNetworkResource = new VirtualNetwork(this, 'VirtualNetwork', {
      name: props.virtualNetworkName ?? `${props.name}-vnet`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      addressSpace,
      tags: props.tags,
      provider: props.provider,
    });
    const virtualNetwork = VirtualNetworkReference.fromVirtualNetwork(virtualNetworkResource);
    const gatewaySubnet = this.createGatewaySubnet(virtualNetwork, gatewaySubnetPrefix);
    return { virtualNetwork, virtualNetworkResource, gatewaySubnet, gatewaySubnetId: gatewaySubnet.id };
  }

  private createGatewaySubnet(virtualNetwork: IVirtualNetwork, prefix: string): Subnet {
    return new Subnet(this, 'GatewaySubnet', {
      // Azure only places a gateway in a subnet with exactly this name.
      name: GATEWAY_SUBNET,
      resourceGroupName: virtualNetwork.resourceGroupName,
      virtualNetworkName: virtualNetwork.virtualNetworkName,
      addressPrefixes: [prefix],
      provider: this.props.provider,
    });
  }

  private deriveGatewaySubnetPrefix(addressSpace: string[]): string {
    if (Token.isUnresolved(addressSpace) || addressSpace.some((p) => Token.isUnresolved(p))) {
      throw new VpnConfigError('gw.subnet.size', 'addressSpace is a token, so the GatewaySubnet prefix cannot be derived; set gatewaySubnetPrefix', this);
    }
    const first = addressSpace.map((text) => ({ text, prefix: parsePrefix(text) })).find((p) => p.prefix === undefined || p.prefix.version === 4);
    if (first === undefined) {
      throw new VpnConfigError('gw.subnet.size', `addressSpace ${JSON.stringify(addressSpace)} has no IPv4 prefix to take the GatewaySubnet from; set gatewaySubnetPrefix`, this);
    }
    if (first.prefix === undefined) {
      throw new VpnConfigError('gw.subnet.size', `addressSpace entry "${first.text}" is not an IPv4 prefix, so the GatewaySubnet cannot be derived from it; use e.g. "10.0.0.0/16"`, this);
    }
    if (first.prefix.length > 27) {
      throw new VpnConfigError('gw.subnet.size', `addressSpace entry "${first.text}" is smaller than the /27 a GatewaySubnet needs; use a larger address space or set gatewaySubnetPrefix`, this);
    }
    // The last /27 of the range: it stays free when workload subnets are allocated from the start.
    return `${ipv4ToString(first.prefix.end - 31n)}/27`;
  }

  private instanceIpConfigurationNames(): string[] {
    return this.activeActive ? [VpnGateway.IP_CONFIGURATION_DEFAULT, VpnGateway.IP_CONFIGURATION_ACTIVE_ACTIVE] : [VpnGateway.IP_CONFIGURATION_DEFAULT];
  }

  /** Active-standby: 1; active-active: 2; active-active with point-to-site: 3. */
  private ipConfigurationCount(): number {
    return this.instanceIpConfigurationNames().length + (this.activeActive && this.p2sOptions !== undefined ? 1 : 0);
  }

  private renderIpConfigurations(): VirtualNetworkGatewayIpConfiguration[] {
    const names = this.instanceIpConfigurationNames();
    if (this.activeActive && this.p2sOptions !== undefined) names.push(VpnGateway.IP_CONFIGURATION_P2S);
    return names.map((name, index) => ({
      name,
      subnetId: this.gatewaySubnetId,
      publicIpAddressId: this.props.existingPublicIpIds?.[index] ?? this.publicIpFor(index).id,
      privateIpAddressAllocation: 'Dynamic',
    }));
  }

  private publicIpFor(index: number): PublicIp {
    const existing = this.publicIps[index];
    if (existing !== undefined) return existing;
    const ids = ['PublicIp', 'ActiveActivePublicIp', 'P2SPublicIp'];
    const suffixes = ['pip', 'aa-pip', 'p2s-pip'];
    const name = this.props.publicIpNames?.[index] ?? `${this.props.name}-${suffixes[index]}`;
    const pip = new PublicIp(this, ids[index], {
      name,
      resourceGroupName: this.props.resourceGroupName,
      location: this.props.location,
      // VPN gateways accept only Standard public IPs, and Standard requires Static allocation.
      sku: 'Standard',
      allocationMethod: 'Static',
      zones: this.zones.length > 0 ? this.zones : undefined,
      publicIpPrefixId: this.props.publicIpPrefixId,
      domainNameLabel: this.props.publicIpDomainNameLabels?.[index],
      tags: this.props.tags,
      lifecycle: this.props.preventDestroy ? { preventDestroy: true } : undefined,
      provider: this.props.provider,
    });
    this.publicIps.push(pip);
    const categories = (this.props.diagnostics?.publicIpLogCategories ?? PublicIpLogCategory.all()).map((c) => c.name);
    this.monitor({ scope: this, id: `${ids[index]}Diagnostics`, targetResourceId: pip.id, resourceName: name, provider: this.props.provider }, categories, `${ids[index]}Lock`);
    return pip;
  }

  /** The diagnostic setting and the lock the props ask for, on one resource this construct created. */
  private monitor(resource: MonitoredResource, categories: string[], lockId = 'Lock'): void {
    if (this.props.diagnostics !== undefined) addDiagnosticSetting(resource, this.props.diagnostics, categories);
    if (this.props.lock !== undefined) addManagementLock({ ...resource, id: lockId }, this.props.lock);
  }

  /** Existing public IPs exclude the settings of created ones, and must cover every instance. */
  private checkPublicIpProps(props: VpnGatewayProps): void {
    const existing = props.existingPublicIpIds;
    if (existing === undefined) return;
    const conflicting = (['publicIpNames', 'publicIpPrefixId', 'publicIpDomainNameLabels', 'publicIpZones'] as const).filter((key) => props[key] !== undefined);
    if (conflicting.length > 0) {
      throw new VpnConfigError(
        INPUT_ERRORS.EXCLUSIVE,
        `existingPublicIpIds is set together with ${conflicting.join(', ')}, which only apply to public IPs the gateway creates; drop them (configure the existing public IPs where they are managed) or drop existingPublicIpIds`,
        this,
      );
    }
    const instances = this.activeActive ? 2 : 1;
    if (existing.length < instances) {
      throw new VpnConfigError(
        'gw.ipconfig.count',
        `existingPublicIpIds lists ${existing.length} public IP(s), but ${this.activeActive ? 'an active-active gateway has 2 IP configurations, each with its own public IP' : 'the gateway needs 1'}; add the missing ID`,
        this,
      );
    }
    // Point-to-site may still be added after construction: the final count is known at synth.
    this.node.addValidation({
      validate: () => {
        const needed = this.ipConfigurationCount();
        if (existing.length <= needed) return [];
        const shape = this.activeActive ? (this.p2sOptions !== undefined ? 'active-active with point-to-site' : 'active-active without point-to-site') : 'active-standby';
        return [`[gw.ipconfig.count] existingPublicIpIds lists ${existing.length} public IPs, but the ${shape} gateway has ${needed} IP configuration(s); remove the extra IDs (at ${this.node.path})`];
      },
    });
  }

  private renderBgpSettings(): VirtualNetworkGatewayBgpSettings | undefined {
    const p = this.props;
    const peeringAddresses: VirtualNetworkGatewayBgpSettingsPeeringAddresses[] = [];
    if (p.bgpCustomApipaAddresses !== undefined && p.bgpCustomApipaAddresses.length > 0) {
      peeringAddresses.push({ ipConfigurationName: VpnGateway.IP_CONFIGURATION_DEFAULT, apipaAddresses: p.bgpCustomApipaAddresses });
    }
    if (p.bgpSecondCustomApipaAddresses !== undefined && p.bgpSecondCustomApipaAddresses.length > 0) {
      peeringAddresses.push({ ipConfigurationName: VpnGateway.IP_CONFIGURATION_ACTIVE_ACTIVE, apipaAddresses: p.bgpSecondCustomApipaAddresses });
    }
    // azurerm wants at least one of asn, peer_weight and peering_addresses in the block.
    if (p.bgpAsn === undefined && p.bgpPeerWeight === undefined && peeringAddresses.length === 0) return undefined;
    return {
      asn: p.bgpAsn,
      peerWeight: p.bgpPeerWeight,
      peeringAddresses: peeringAddresses.length > 0 ? peeringAddresses : undefined,
    };
  }

  private renderP2S(options: P2SOptions): VirtualNetworkGatewayVpnClientConfiguration {
    const rendered: P2SRenderedConfig = { rootCertificates: [], revokedCertificates: [], radiusServers: [] };
    const scope = new Construct(this, 'P2S');
    for (const auth of options.authentications) auth._render(scope, rendered);
    const authTypes = options.authentications.map((a) => a.authType);
    return {
      addressSpace: options.clientAddressPool,
      vpnClientProtocols: options.protocols ?? this.defaultP2SProtocols(authTypes),
      vpnAuthTypes: authTypes,
      rootCertificate: rendered.rootCertificates.length > 0 ? rendered.rootCertificates : undefined,
      revokedCertificate: rendered.revokedCertificates.length > 0 ? rendered.revokedCertificates : undefined,
      radiusServer: rendered.radiusServers.length > 0 ? rendered.radiusServers : undefined,
      aadTenant: rendered.aadTenant,
      aadAudience: rendered.aadAudience,
      aadIssuer: rendered.aadIssuer,
      ipsecPolicy: options.ipsecPolicy?.renderP2SPolicy(),
      virtualNetworkGatewayClientConnection:
        options.userGroups !== undefined && options.userGroups.length > 0
          ? options.userGroups.map((group) => ({ name: group.name, policyGroupNames: [group.name], addressPrefixes: group.addressPool }))
          : undefined,
    };
  }

  /** Protocols every listed method works over, per Azure's protocol/authentication table. */
  private defaultP2SProtocols(authTypes: string[]): string[] {
    // Basic: IKEv2 with certificates since Nov 2025; SSTP can no longer be enabled (2026-03-31).
    if (!this.sku.advancedP2S) return [VpnClientProtocol.IKEV2];
    if (authTypes.length === 1 && authTypes[0] === 'AAD') return [VpnClientProtocol.OPENVPN];
    return [VpnClientProtocol.IKEV2, VpnClientProtocol.OPENVPN];
  }
}

interface ResolvedNetwork {
  readonly virtualNetwork: IVirtualNetwork;
  readonly virtualNetworkResource?: VirtualNetwork;
  readonly gatewaySubnet?: Subnet;
  readonly gatewaySubnetId: string;
}

class ImportedVpnGateway extends Construct implements IVpnGateway {
  public readonly gatewayId: string;
  public readonly gatewayName: string;
  public readonly resourceGroupName: string;
  public readonly location: string;
  public readonly sku: GatewaySku;
  public readonly vpnType: VpnType;
  public readonly activeActive: boolean;
  public readonly bgpEnabled: boolean;
  public readonly bgpAsn: number;
  public readonly ipConfigurationIds: string[];
  public readonly virtualNetwork: IVirtualNetwork;
  public readonly dependables: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, attributes: VpnGatewayAttributes) {
    super(scope, id);
    this.gatewayId = attributes.gatewayId;
    this.gatewayName = attributes.gatewayName;
    this.resourceGroupName = attributes.resourceGroupName;
    this.location = attributes.location;
    this.sku = attributes.sku;
    this.vpnType = attributes.vpnType ?? VpnType.ROUTE_BASED;
    this.activeActive = attributes.activeActive ?? false;
    this.bgpEnabled = attributes.bgpEnabled ?? false;
    this.bgpAsn = attributes.bgpAsn ?? VpnGateway.AZURE_DEFAULT_ASN;
    this.virtualNetwork = attributes.virtualNetwork;
    const names =
      attributes.ipConfigurationNames ??
      (this.activeActive ? [VpnGateway.IP_CONFIGURATION_DEFAULT, VpnGateway.IP_CONFIGURATION_ACTIVE_ACTIVE] : [VpnGateway.IP_CONFIGURATION_DEFAULT]);
    this.ipConfigurationIds = names.map((name) => `${attributes.gatewayId}/ipConfigurations/${name}`);
    // Every attribute given here is a known fact for the checks, not an unknown to skip.
    rememberExistingResource(this, {
      kind: 'gateway',
      id: this.gatewayId,
      sku: this.sku.name,
      vpnType: this.vpnType,
      activeActive: this.activeActive,
      bgpEnabled: attributes.bgpEnabled ?? attributes.bgpAsn !== undefined,
      ...(attributes.bgpAsn !== undefined || attributes.bgpEnabled !== undefined ? { bgpAsn: this.bgpAsn } : {}),
      ipConfigurationNames: names,
      virtualNetwork: { kind: 'virtualNetwork', id: this.virtualNetwork.virtualNetworkId, addressSpace: this.virtualNetwork.addressSpace },
    });
  }
}

/**
 * A defaulted `generation` is what the gateway is created with, never a reason to replace it:
 * Azure resizes within a generation in place (VpnGw1AZ to VpnGw2AZ stays Generation1), while the
 * default follows the SKU (Generation2 for VpnGw2AZ), and azurerm's `generation` is ForceNew.
 * Azure's own move of gateways to Generation2 is not a replacement either. An explicit
 * `generation` is managed: changing it replaces the gateway, as asked.
 */
function gatewayLifecycle(props: VpnGatewayProps): TerraformResourceLifecycle | undefined {
  const ignoreGeneration = props.generation === undefined;
  if (!props.preventDestroy && !ignoreGeneration) return undefined;
  return {
    ...(props.preventDestroy ? { preventDestroy: true } : {}),
    ...(ignoreGeneration ? { ignoreChanges: ['generation'] } : {}),
  };
}

function ipv4ToString(value: bigint): string {
  const n = Number(value);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
