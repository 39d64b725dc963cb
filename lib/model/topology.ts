import { Maybe, MaybeList, Unknown } from './unknown';

/**
 * The plain topology model every rule reads. It holds no cdktf object: the construct tree and
 * Terraform JSON configurations are both turned into it (see `terraform-json.ts`).
 *
 * Conventions:
 * - `undefined` means "not set in the configuration" (the Azure/azurerm default applies);
 *   an {@link Unknown} means "set, but not knowable before apply".
 * - References between entities are Terraform addresses (`azurerm_subnet.gw`). An address
 *   always resolves through {@link Topology.entities}: a reference to an Azure resource that is
 *   not in the configuration (a literal Azure resource ID) becomes an entity with
 *   `external: true` and whatever the ID tells (its name, its VNet's name).
 * - Default values that azurerm applies are NOT filled in here; rules apply them, so a finding
 *   can say "vpn_type is not set and defaults to RouteBased".
 */

export type EntityKind =
  | 'virtualNetwork'
  | 'subnet'
  | 'publicIp'
  | 'gateway'
  | 'localGateway'
  | 'connection'
  | 'natRule'
  | 'peering'
  | 'routeTable'
  | 'networkSecurityGroup'
  | 'other';

export interface EntityBase {
  readonly kind: EntityKind;
  /** Terraform address (`azurerm_virtual_network_gateway.hub_gw`); a synthetic one for external entities. */
  readonly address: string;
  /** Construct path from cdktf metadata (`hub/Gateway/Resource`), when the configuration has one. */
  readonly path?: string;
  /** Terraform resource type (`azurerm_virtual_network_gateway`). */
  readonly type: string;
  readonly name: Maybe<string> | undefined;
  readonly location?: Maybe<string>;
  readonly resourceGroupName?: Maybe<string>;
  /** An Azure resource referenced by a literal ID, not declared in the configuration. */
  readonly external?: boolean;
  /**
   * Set on an external entity whose attributes the user gave (a construct's `fromAttributes`):
   * rules read them as known values, though the resource is still not this configuration's.
   */
  readonly described?: boolean;
  /**
   * Addresses this resource depends on directly: explicit `depends_on` plus every resource its
   * attributes reference. Terraform creates those first.
   */
  readonly dependsOn: string[];
  /**
   * Nested blocks whose content is not known before apply, by Terraform path
   * (`ip_configuration`, `vpn_client_configuration.root_certificate`): written as a `dynamic`
   * block or as an expression. The model's lists hold only the blocks written out, so a rule
   * that counts blocks (root certificates, peering addresses, traffic selectors) must skip when
   * its block is listed here. Undefined when every block is written out.
   */
  readonly unknownBlocks?: Readonly<Record<string, Unknown>>;
}

export interface VirtualNetwork extends EntityBase {
  readonly kind: 'virtualNetwork';
  readonly addressSpace: MaybeList<string>;
  /** Addresses of the subnets in this VNet (inline `subnet` blocks and `azurerm_subnet` resources). */
  readonly subnets: string[];
}

export interface Subnet extends EntityBase {
  readonly kind: 'subnet';
  /** Address of the VNet that holds the subnet. */
  readonly virtualNetwork: Maybe<string>;
  readonly addressPrefixes: MaybeList<string>;
  /** Address of the associated NSG (inline `security_group` or an association resource). */
  readonly networkSecurityGroup?: Maybe<string>;
  /** Address of the associated route table. */
  readonly routeTable?: Maybe<string>;
  /** Whether the subnet has a service delegation. */
  readonly delegated?: boolean;
  /**
   * Addresses of resources other than VPN/ExpressRoute gateways placed in this subnet
   * (network interfaces, private endpoints, …): anything with a `subnet_id` pointing here.
   */
  readonly occupants: string[];
}

export interface Route {
  readonly name: Maybe<string> | undefined;
  readonly addressPrefix: Maybe<string>;
  readonly nextHopType: Maybe<string> | undefined;
}

export interface RouteTable extends EntityBase {
  readonly kind: 'routeTable';
  readonly routes: Route[];
  /** Unknown when some routes come from dynamic blocks or other unknown sources. */
  readonly routesUnknown?: Unknown;
  /** `bgp_route_propagation_enabled` (azurerm 4.x; `!disable_bgp_route_propagation` in 3.x). */
  readonly bgpRoutePropagationEnabled: Maybe<boolean> | undefined;
}

export interface NetworkSecurityGroup extends EntityBase {
  readonly kind: 'networkSecurityGroup';
}

export interface PublicIp extends EntityBase {
  readonly kind: 'publicIp';
  /** `Basic` or `Standard`; azurerm 4.x defaults to `Standard` when unset. */
  readonly sku: Maybe<string> | undefined;
  /** `Static` or `Dynamic` (required by azurerm). */
  readonly allocationMethod: Maybe<string> | undefined;
  /** Availability zones; an empty known list means "no zones" (regional). */
  readonly zones: MaybeList<string>;
  readonly ipVersion: Maybe<string> | undefined;
  readonly skuTier?: Maybe<string>;
  /** The address Azure allocated (`ip_address`): known only in a state, after apply. */
  readonly ipAddress?: Maybe<string>;
}

export interface GatewayIpConfiguration {
  readonly name: Maybe<string> | undefined;
  /** Address of the subnet entity. */
  readonly subnet: Maybe<string> | undefined;
  /** Address of the public IP entity. */
  readonly publicIp: Maybe<string> | undefined;
  readonly privateIpAddressAllocation: Maybe<string> | undefined;
}

export interface BgpPeeringAddress {
  readonly ipConfigurationName: Maybe<string> | undefined;
  readonly apipaAddresses: MaybeList<string>;
  /** `default_addresses`, computed by Azure: known only in a state, after apply. */
  readonly defaultAddresses?: MaybeList<string>;
  /** `tunnel_ip_addresses`, computed by Azure: known only in a state, after apply. */
  readonly tunnelIpAddresses?: MaybeList<string>;
}

export interface GatewayBgpSettings {
  readonly asn: Maybe<number> | undefined;
  readonly peerWeight: Maybe<number> | undefined;
  readonly peeringAddresses: BgpPeeringAddress[];
}

export interface IpsecPolicy {
  readonly dhGroup: Maybe<string> | undefined;
  readonly ikeEncryption: Maybe<string> | undefined;
  readonly ikeIntegrity: Maybe<string> | undefined;
  readonly ipsecEncryption: Maybe<string> | undefined;
  readonly ipsecIntegrity: Maybe<string> | undefined;
  readonly pfsGroup: Maybe<string> | undefined;
  /** Connection `sa_lifetime`, or P2S `sa_lifetime_in_seconds`. */
  readonly saLifetimeSeconds: Maybe<number> | undefined;
  /** Connection `sa_datasize`, or P2S `sa_data_size_in_kilobytes`. */
  readonly saDataSizeKilobytes: Maybe<number> | undefined;
}

export interface RootCertificate {
  readonly name: Maybe<string> | undefined;
  readonly publicCertData: Maybe<string> | undefined;
}

export interface RadiusServer {
  readonly address: Maybe<string> | undefined;
  readonly secret: Maybe<string> | undefined;
  readonly score: Maybe<number> | undefined;
}

/** A `virtual_network_gateway_client_connection`: the address pool of one or more user groups. */
export interface P2SClientConnection {
  readonly name: Maybe<string> | undefined;
  readonly policyGroupNames: MaybeList<string>;
  readonly addressPrefixes: MaybeList<string>;
}

/** A `policy_group` member: a criterion that puts a connecting user in the group. */
export interface PolicyMember {
  readonly name: Maybe<string> | undefined;
  /** `AADGroupId`, `CertificateGroupId` or `RadiusAzureGroupId`. */
  readonly type: Maybe<string> | undefined;
  readonly value: Maybe<string> | undefined;
}

/** A `policy_group` of the gateway: a P2S user group. */
export interface PolicyGroup {
  readonly name: Maybe<string> | undefined;
  readonly isDefault: Maybe<boolean> | undefined;
  readonly priority: Maybe<number> | undefined;
  readonly members: PolicyMember[];
}

export interface P2SConfiguration {
  readonly addressSpace: MaybeList<string>;
  /** `vpn_client_protocols`; undefined when unset (Azure picks defaults). */
  readonly protocols: MaybeList<string> | undefined;
  /** `vpn_auth_types`; undefined when unset. */
  readonly authTypes: MaybeList<string> | undefined;
  readonly rootCertificates: RootCertificate[];
  readonly revokedCertificates: number;
  readonly aadTenant: Maybe<string> | undefined;
  readonly aadAudience: Maybe<string> | undefined;
  readonly aadIssuer: Maybe<string> | undefined;
  /** `radius_server_address` (single-server form). */
  readonly radiusServerAddress: Maybe<string> | undefined;
  readonly radiusServerSecret: Maybe<string> | undefined;
  /** `radius_server` blocks (multi-server form). */
  readonly radiusServers: RadiusServer[];
  readonly ipsecPolicy?: IpsecPolicy;
  /** `virtual_network_gateway_client_connection` blocks (user groups' address pools); absent when none. */
  readonly clientConnections?: P2SClientConnection[];
}

export interface VirtualNetworkGateway extends EntityBase {
  readonly kind: 'gateway';
  /** `Vpn` or `ExpressRoute`. */
  readonly gatewayType: Maybe<string> | undefined;
  /** `RouteBased` (azurerm default) or `PolicyBased`. */
  readonly vpnType: Maybe<string> | undefined;
  readonly sku: Maybe<string> | undefined;
  /** `Generation1`, `Generation2` or `None`. */
  readonly generation: Maybe<string> | undefined;
  /**
   * `lifecycle.ignore_changes` names `generation` (or is `all`): Terraform never plans a change of
   * the generation, so Azure's own move to Generation2 replaces nothing. Absent otherwise.
   */
  readonly generationChangesIgnored?: true;
  readonly activeActive: Maybe<boolean> | undefined;
  /** `bgp_enabled` (azurerm ≥ 4.62) or `enable_bgp`. */
  readonly bgpEnabled: Maybe<boolean> | undefined;
  readonly privateIpAddressEnabled: Maybe<boolean> | undefined;
  /** Unknown when the blocks come from a `dynamic` block or an unknown expression. */
  readonly ipConfigurations: Maybe<GatewayIpConfiguration[]>;
  readonly bgpSettings?: GatewayBgpSettings;
  readonly p2s?: P2SConfiguration;
  /** Address of the `default_local_network_gateway_id` target (forced tunnelling). */
  readonly defaultLocalNetworkGateway?: Maybe<string>;
  readonly bgpRouteTranslationForNatEnabled?: Maybe<boolean>;
  /** `policy_group` blocks (P2S user groups); absent when none. */
  readonly policyGroups?: PolicyGroup[];
  /** `custom_route.address_prefixes`: extra prefixes advertised to P2S clients; absent when unset. */
  readonly customRoutes?: MaybeList<string>;
  /**
   * The gateway as it is deployed in Azure today, when that is known: read from a state, or from
   * a plan that keeps or updates the gateway in place (its `before`). Undefined when the gateway is
   * not known to exist: in a configuration or a synthesized stack a declared gateway is new, and a
   * plan that creates or replaces it makes a new one. An external gateway (a literal ID, a data
   * source, `fromAttributes`) exists by definition, but what it has deployed is not known.
   */
  readonly deployed?: DeployedGateway;
}

/** What a deployed gateway has now, as a state or a plan's `before` records it. */
export interface DeployedGateway {
  /** `vpn_client_configuration.vpn_client_protocols` as deployed; empty without point-to-site. */
  readonly vpnClientProtocols: readonly string[];
  /** `sku` as deployed, when recorded. */
  readonly sku?: string;
  /** `generation` as deployed, when recorded. */
  readonly generation?: string;
}

export interface LocalGatewayBgpSettings {
  readonly asn: Maybe<number> | undefined;
  readonly peeringAddress: Maybe<string> | undefined;
  readonly peerWeight: Maybe<number> | undefined;
}

export interface LocalNetworkGateway extends EntityBase {
  readonly kind: 'localGateway';
  readonly gatewayAddress: Maybe<string> | undefined;
  readonly gatewayFqdn: Maybe<string> | undefined;
  readonly addressSpace: MaybeList<string>;
  readonly bgpSettings?: LocalGatewayBgpSettings;
}

/** The arguments of a `random_password` that decide what its result can contain. */
export interface RandomPasswordSpec {
  /** Address of the `random_password` resource. */
  readonly address: string;
  readonly length: Maybe<number> | undefined;
  /** `special`; the random provider defaults to true. */
  readonly special: Maybe<boolean> | undefined;
  /** `override_special`: the special characters to draw from instead of the provider's default set. */
  readonly overrideSpecial: Maybe<string> | undefined;
}

export interface TrafficSelectorPolicy {
  readonly localAddressCidrs: MaybeList<string>;
  readonly remoteAddressCidrs: MaybeList<string>;
}

export interface Connection extends EntityBase {
  readonly kind: 'connection';
  /** `IPsec`, `Vnet2Vnet` or `ExpressRoute`. */
  readonly connectionType: Maybe<string> | undefined;
  /** Address of the gateway this connection belongs to (`virtual_network_gateway_id`). */
  readonly gateway: Maybe<string> | undefined;
  readonly localGateway: Maybe<string> | undefined;
  readonly peerGateway: Maybe<string> | undefined;
  /**
   * `express_route_circuit_id`, as written (a Terraform address or an Azure resource ID);
   * undefined when unset. Optional so that older adapters keep compiling.
   */
  readonly expressRouteCircuit?: Maybe<string>;
  /**
   * The pre-shared key: undefined when unset (Azure generates one), a string when it is a
   * literal, an Unknown (with its expression) when it comes from a variable, a random_password
   * or a Key Vault secret. Never print it.
   */
  readonly sharedKey: Maybe<string> | undefined;
  /**
   * When `shared_key` is the `result` of a `random_password` in the configuration: how that
   * password is generated, so the key's length and character set can be checked before apply.
   */
  readonly sharedKeyGenerator?: RandomPasswordSpec;
  readonly bgpEnabled: Maybe<boolean> | undefined;
  readonly usePolicyBasedTrafficSelectors: Maybe<boolean> | undefined;
  readonly ipsecPolicy?: IpsecPolicy;
  readonly connectionProtocol: Maybe<string> | undefined;
  readonly connectionMode: Maybe<string> | undefined;
  readonly dpdTimeoutSeconds: Maybe<number> | undefined;
  readonly routingWeight: Maybe<number> | undefined;
  readonly localAzureIpAddressEnabled: Maybe<boolean> | undefined;
  readonly customBgpAddresses?: { readonly primary: Maybe<string> | undefined; readonly secondary: Maybe<string> | undefined };
  readonly trafficSelectorPolicies: TrafficSelectorPolicy[];
  /** Addresses of the linked NAT rules. */
  readonly ingressNatRules: MaybeList<string>;
  readonly egressNatRules: MaybeList<string>;
}

export interface NatMapping {
  readonly addressSpace: Maybe<string> | undefined;
  readonly portRange: Maybe<string> | undefined;
}

export interface NatRule extends EntityBase {
  readonly kind: 'natRule';
  readonly gateway: Maybe<string> | undefined;
  /** `EgressSnat` (default) or `IngressSnat`. */
  readonly mode: Maybe<string> | undefined;
  /** `Static` (default) or `Dynamic`. */
  readonly natType: Maybe<string> | undefined;
  /** The gateway ip configuration the rule applies to (`ip_configuration_id`), as written. */
  readonly ipConfigurationId: Maybe<string> | undefined;
  readonly internalMappings: NatMapping[];
  readonly externalMappings: NatMapping[];
}

export interface Peering extends EntityBase {
  readonly kind: 'peering';
  /** Address of the local VNet (`virtual_network_name` + resource group). */
  readonly virtualNetwork: Maybe<string> | undefined;
  /** Address of the remote VNet (`remote_virtual_network_id`). */
  readonly remoteVirtualNetwork: Maybe<string> | undefined;
  readonly allowGatewayTransit: Maybe<boolean> | undefined;
  readonly useRemoteGateways: Maybe<boolean> | undefined;
  readonly allowForwardedTraffic: Maybe<boolean> | undefined;
  readonly allowVirtualNetworkAccess: Maybe<boolean> | undefined;
}

export interface OtherResource extends EntityBase {
  readonly kind: 'other';
  /**
   * `branch_to_branch_traffic_enabled` of an `azurerm_route_server`: Route Server exchanges
   * routes between the ExpressRoute and VPN gateways of its VNet (transit). Undefined for other types.
   */
  readonly branchToBranchTrafficEnabled?: Maybe<boolean>;
  /** `lock_level` of an `azurerm_management_lock` (`CanNotDelete` or `ReadOnly`). Undefined for other types. */
  readonly lockLevel?: Maybe<string>;
  /** Address of the resource an `azurerm_management_lock` locks (`scope`). Undefined for other types. */
  readonly lockScope?: Maybe<string>;
}

export type Entity =
  | VirtualNetwork
  | Subnet
  | PublicIp
  | VirtualNetworkGateway
  | LocalNetworkGateway
  | Connection
  | NatRule
  | Peering
  | RouteTable
  | NetworkSecurityGroup
  | OtherResource;

/**
 * Where a secret (a pre-shared key, a RADIUS secret) comes from, when that is something a rule
 * must judge: a literal in the file, a literal marked `sensitive("…")`, or a variable.
 */
export type SecretOrigin =
  | { readonly kind: 'literal' }
  | { readonly kind: 'marked-literal' }
  | {
    readonly kind: 'variable';
    readonly name: string;
    /** Whether the configuration declares the variable at all. */
    readonly declared: boolean;
    readonly sensitive: boolean;
    readonly hasDefault: boolean;
  };

/** One secret attribute of a resource and where its value comes from; never the value itself. */
export interface SecretUse {
  /** Address of the resource that holds the secret. */
  readonly address: string;
  /** Terraform path of the attribute (`shared_key`, `vpn_client_configuration.radius_server.secret`). */
  readonly attribute: string;
  readonly origin: SecretOrigin;
}

/**
 * One resource change of a Terraform plan (`resource_changes[]`), for the change-safety rules.
 * Only plans have them; configurations and states describe no change.
 */
export interface PlannedChange {
  /** The full address (`module.hub.azurerm_virtual_network_gateway.gw["weu"]`). */
  readonly address: string;
  readonly type: string;
  /** `change.actions`: `["create"]`, `["update"]`, `["delete","create"]`, `["create","delete"]`, `["delete"]`, `["no-op"]`, `["read"]`. */
  readonly actions: readonly string[];
  /** The attribute paths that force the replacement (`change.replace_paths`), as Terraform paths (`ip_configuration[0].subnet_id`). */
  readonly replacePaths: readonly string[];
  /** `action_reason`, when Terraform gives one (`replace_because_cannot_update`, `replace_by_request`). */
  readonly actionReason?: string;
  /** The resource's `name` before the change, when known. */
  readonly name?: string;
  /** Names of the inline subnets before the change (a VNet replaced with its GatewaySubnet). */
  readonly subnetNamesBefore?: readonly string[];
}

/** One ForceNew attribute that differs between the previous configuration and this one. */
export interface AttributeChange {
  /** The attribute, as a Terraform path (`generation`, `ip_configuration[1]`, `ip_configuration[0].name`). */
  readonly attribute: string;
  /** The previous value, as JSON text; undefined when it was not written. */
  readonly before?: string;
  /** The value now, as JSON text; undefined when it is not written. */
  readonly after?: string;
}

/**
 * A resource that the next apply replaces because of what changed since the previous
 * configuration of the same stack (the last synth's `cdk.tf.json`): a changed ForceNew attribute,
 * a changed address, or a reference to another resource that is replaced.
 */
export interface ConfigReplacement {
  /** The address in this configuration. */
  readonly address: string;
  readonly type: string;
  /** The ForceNew attributes that changed. */
  readonly attributes: readonly AttributeChange[];
  /** The address the same Azure resource (same name and resource group) had before, when it moved without a `moved` block. */
  readonly previousAddress?: string;
  /** Replaced or renamed resources whose new ID or changed name a ForceNew attribute of this one takes. */
  readonly becauseOf?: readonly string[];
}

/** The whole configuration, as plain data. */
export interface Topology {
  readonly virtualNetworks: VirtualNetwork[];
  readonly subnets: Subnet[];
  readonly publicIps: PublicIp[];
  readonly gateways: VirtualNetworkGateway[];
  readonly localGateways: LocalNetworkGateway[];
  readonly connections: Connection[];
  readonly natRules: NatRule[];
  readonly peerings: Peering[];
  readonly routeTables: RouteTable[];
  readonly networkSecurityGroups: NetworkSecurityGroup[];
  /**
   * Every entity by address, external ones included. The lists above hold the resources the
   * configuration declares; external entities (literal Azure IDs, data sources) are reachable
   * only through this map, by the references that name them.
   */
  readonly entities: Map<string, Entity>;
  /** Secrets written literally or taken from variables (absent in topologies built by hand). */
  readonly secrets?: SecretUse[];
  /** The resource changes of a Terraform plan; absent for configurations and states. */
  readonly changes?: PlannedChange[];
  /** Replacements since a previous configuration of the same stack, when one was compared. */
  readonly replacements?: ConfigReplacement[];
}

/** Whether a rule can read the entity's attributes: declared here, or described by the user. */
export function readable(entity: Entity): boolean {
  return !entity.external || entity.described === true;
}

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
