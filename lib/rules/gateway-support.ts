import { EXPRESS_ROUTE_SKUS, SkuCapabilities, vpnSku } from '../azure/sku-capabilities';
import { GatewayIpConfiguration, PublicIp, Subnet, VirtualNetworkGateway } from '../model/topology';
import { isKnown, isUnknown } from '../model/unknown';
import { RuleContext, Undecided } from './rule';
import { knownOrSkipped, referenced, show } from './support';
import { DEFAULT_IP_CONFIGURATION_NAME, gatewayTypeOf } from '../azure/defaults';
import { EXPRESS_ROUTE_GATEWAY } from '../azure/connection-types';

/** Helpers shared by the gateway rule family (gateway-*.ts). */

/**
 * A gateway the VPN rules look at: `type = "Vpn"` (or unset), or a `type` that is unknown before
 * apply. For the latter every finding becomes a skip, so an ExpressRoute gateway behind a
 * variable is never blamed for a VPN rule.
 */
export interface VpnCandidate {
  readonly gateway: VirtualNetworkGateway;
  /** Set when `type` is unknown: every finding about the gateway becomes this skip. */
  readonly undecided?: Undecided;
}

export function vpnCandidates(ctx: RuleContext): VpnCandidate[] {
  const out: VpnCandidate[] = [];
  for (const gateway of ctx.topology.gateways) {
    const type = gatewayTypeOf(gateway);
    if (isUnknown(type)) out.push({ gateway, undecided: { entity: gateway, what: 'type', unknown: type } });
    else if (type === 'Vpn') out.push({ gateway });
  }
  return out;
}

export function isExpressRoute(gateway: VirtualNetworkGateway): boolean {
  return gatewayTypeOf(gateway) === EXPRESS_ROUTE_GATEWAY;
}

/** The known `ip_configuration` blocks, or undefined (skip reported) when they are unknown. */
export function ipConfigurationsOf(ctx: RuleContext, gateway: VirtualNetworkGateway): GatewayIpConfiguration[] | undefined {
  return knownOrSkipped(ctx, gateway, 'ip_configuration', gateway.ipConfigurations);
}

/** `ip_configuration.name` as Azure sees it (azurerm default applied), or undefined when unknown. */
export function ipConfigurationName(ipc: GatewayIpConfiguration): string | undefined {
  if (ipc.name === undefined) return DEFAULT_IP_CONFIGURATION_NAME;
  return isKnown(ipc.name) ? ipc.name : undefined;
}

/** `ip_configuration "name"` for messages. */
export function describeIpConfiguration(ipc: GatewayIpConfiguration): string {
  const name = ipConfigurationName(ipc);
  return name === undefined ? 'ip_configuration' : `ip_configuration ${show(name)}`;
}

export interface AttachedPublicIp {
  readonly ipConfiguration: GatewayIpConfiguration;
  readonly publicIp: PublicIp;
}

/**
 * The public IPs declared in the configuration that the gateway's ip configurations reference.
 * Unknown references, and public IPs referenced by a literal Azure ID (whose attributes are not
 * in the configuration), are reported as skips.
 */
export function attachedPublicIps(ctx: RuleContext, gateway: VirtualNetworkGateway): AttachedPublicIp[] {
  const ipcs = ipConfigurationsOf(ctx, gateway);
  if (!ipcs) return [];
  const out: AttachedPublicIp[] = [];
  for (const ipc of ipcs) {
    const publicIp = referenced(ctx, gateway, `${describeIpConfiguration(ipc)} public_ip_address_id`, ipc.publicIp, (a) => ctx.lookup.publicIp(a));
    if (publicIp) out.push({ ipConfiguration: ipc, publicIp });
  }
  return out;
}

export interface GatewaySku {
  readonly name: string;
  /** Undefined for an ExpressRoute-only or unrecognised name. */
  readonly capabilities?: SkuCapabilities;
}

/** The gateway's `sku`; undefined when unset (azurerm requires it) or unknown (skip reported). */
export function gatewaySkuOf(ctx: RuleContext, gateway: VirtualNetworkGateway): GatewaySku | undefined {
  const name = knownOrSkipped(ctx, gateway, 'sku', gateway.sku);
  if (name === undefined) return undefined;
  return { name, capabilities: vpnSku(name) };
}

export function isExpressRouteSku(name: string): boolean {
  return EXPRESS_ROUTE_SKUS.includes(name);
}

/** The distinct subnets the gateway's ip configurations point at (known references only). */
export function subnetsOf(ctx: RuleContext, gateway: VirtualNetworkGateway): Subnet[] {
  if (!isKnown(gateway.ipConfigurations)) return [];
  const out: Subnet[] = [];
  for (const ipc of gateway.ipConfigurations) {
    const s = ctx.lookup.subnet(ipc.subnet);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** Lists a few addresses for a message: `a, b, c and 4 more`. */
export function listAddresses(addresses: readonly string[], max = 3): string {
  const shown = addresses.slice(0, max).join(', ');
  return addresses.length > max ? `${shown} and ${addresses.length - max} more` : shown;
}
