import { VirtualNetworkGatewayNatRule } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-nat-rule';
import { Construct } from 'constructs';
import { IVpnGateway } from './vpn-gateway';
import { VpnValidation } from './vpn-validation';

/**
 * Which side's addresses a NAT rule translates (`mode`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export enum NatRuleMode {
  /** Translates on-premises source addresses as they enter Azure; link to a connection as an ingress rule. */
  INGRESS_SNAT = 'IngressSnat',
  /** Translates Azure VNet source addresses as they leave for on-premises; link as an egress rule. */
  EGRESS_SNAT = 'EgressSnat',
}

/**
 * How a NAT rule maps addresses (`type`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export enum NatRuleType {
  /** One-to-one: internal and external prefixes have the same length; traffic flows both ways. */
  STATIC = 'Static',
  /** Many-to-one with ports: external prefix at most /26; traffic must start on the internal side. */
  DYNAMIC = 'Dynamic',
}

/**
 * What a NAT rule translates, apart from the gateway and instance it belongs to: shared by
 * `GatewayNatRuleProps` and `GatewayNatRule.perInstance()`.
 */
export interface GatewayNatRuleOptions {
  /**
   * Name of the rule; it must not contain `/`.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
   */
  readonly name: string;
  /** Which side's addresses are translated. */
  readonly mode: NatRuleMode;
  /**
   * Static (1:1) or dynamic mapping (azurerm `type`).
   * @default NatRuleType.STATIC
   */
  readonly natType?: NatRuleType;
  /**
   * The prefix before translation (one prefix per rule: add a rule per VNet or site prefix).
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
   */
  readonly internalMapping: string;
  /**
   * The prefix after translation. For a static rule, the same length as `internalMapping`.
   * It must not overlap any other rule's external mapping or any network connected without NAT.
   * @see https://learn.microsoft.com/azure/vpn-gateway/nat-howto
   */
  readonly externalMapping: string;
  /**
   * Port range of the internal mapping (`"1000-2000"`).
   * @default - all ports
   */
  readonly internalPortRange?: string;
  /**
   * Port range of the external mapping.
   * @default - all ports
   */
  readonly externalPortRange?: string;
}

/**
 * Properties of a `GatewayNatRule`.
 */
export interface GatewayNatRuleProps extends GatewayNatRuleOptions {
  /** The gateway the rule belongs to. NAT needs VpnGw2AZ or larger. */
  readonly gateway: IVpnGateway;
  /**
   * The gateway instance the rule applies to, as one of `gateway.ipConfigurationIds`. On an
   * active-active gateway each instance translates separately: create one rule per instance.
   * @default - the rule is not bound to an instance
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
   */
  readonly ipConfigurationId?: string;
}

/**
 * A NAT rule on a VPN gateway (`azurerm_virtual_network_gateway_nat_rule`). Link it to a
 * `SiteToSiteConnection` with `ingressNatRules` or `egressNatRules`.
 *
 * @example new GatewayNatRule(this, 'BranchIn', { gateway: hub, name: 'branch-in', mode: NatRuleMode.INGRESS_SNAT, internalMapping: '10.0.0.0/24', externalMapping: '100.64.1.0/24' });
 */
export class GatewayNatRule extends Construct {
  /**
   * One rule per gateway instance, each bound to its instance through `ip_configuration_id`, as
   * the VPN Gateway FAQ prescribes: "In active-active gateways, create a separate NAT rule for
   * each gateway instance through the IP configuration ID field". The rules share the mappings
   * and are named `<name>-instance0`, `<name>-instance1` (construct ids `<id>/Instance0`, …);
   * link all of them to the connection.
   *
   * @param scope the parent of the rules' construct
   * @param id the construct id that groups the rules
   * @param gateway the gateway; one rule per entry of its `ipConfigurationIds`
   * @param options what every instance's rule translates
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
   * @example GatewayNatRule.perInstance(this, 'BranchIn', hub, { name: 'branch-in', mode: NatRuleMode.INGRESS_SNAT, internalMapping: '10.0.0.0/24', externalMapping: '100.64.1.0/24' });
   */
  public static perInstance(scope: Construct, id: string, gateway: IVpnGateway, options: GatewayNatRuleOptions): GatewayNatRule[] {
    const group = new Construct(scope, id);
    return gateway.ipConfigurationIds.map(
      (ipConfigurationId, index) => new GatewayNatRule(group, `Instance${index}`, { ...options, name: `${options.name}-instance${index}`, gateway, ipConfigurationId }),
    );
  }

  /** The `azurerm_virtual_network_gateway_nat_rule` (escape hatch). */
  public readonly natRule: VirtualNetworkGatewayNatRule;
  /** Azure resource ID of the rule. */
  public readonly natRuleId: string;
  /** Which side's addresses are translated. */
  public readonly mode: NatRuleMode;

  constructor(scope: Construct, id: string, props: GatewayNatRuleProps) {
    super(scope, id);
    VpnValidation.enable(this);
    this.mode = props.mode;
    this.natRule = new VirtualNetworkGatewayNatRule(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.gateway.resourceGroupName,
      virtualNetworkGatewayId: props.gateway.gatewayId,
      mode: props.mode,
      type: props.natType ?? NatRuleType.STATIC,
      internalMapping: [{ addressSpace: props.internalMapping, portRange: props.internalPortRange }],
      externalMapping: [{ addressSpace: props.externalMapping, portRange: props.externalPortRange }],
      ipConfigurationId: props.ipConfigurationId,
    });
    this.natRuleId = this.natRule.id;
  }
}
