/**
 * The VPN gateway SKU matrix (https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus), as plain data. The rules read it, and the
 * public `GatewaySku` enum-like class is built from it, so the two can never disagree.
 */
export interface SkuCapabilities {
  readonly name: string;
  /** Legacy SKUs (Standard, HighPerformance) cannot be created since Dec 2023. */
  readonly legacy: boolean;
  /** Zone-redundant (`…AZ`) SKU. */
  readonly availabilityZones: boolean;
  /** Allowed `generation` values. */
  readonly generations: readonly string[];
  /** Max S2S + VNet-to-VNet tunnels (route-based). */
  readonly maxTunnels: number;
  /** Max concurrent P2S IKEv2/OpenVPN clients; 0 when unsupported. */
  readonly maxP2SIkev2OpenVpn: number;
  /** Max concurrent P2S SSTP clients. */
  readonly maxP2SSstp: number;
  readonly bgp: boolean;
  readonly activeActive: boolean;
  readonly customIpsecPolicy: boolean;
  readonly ikev1RouteBased: boolean;
  readonly nat: boolean;
  /** RADIUS and Entra ID P2S authentication, IKEv2/OpenVPN P2S, IPv6. */
  readonly advancedP2S: boolean;
  /** New gateways can be created with this SKU today. */
  readonly creatable: boolean;
  /** Max "VMs in the virtual network" (incl. peered spokes) per generation. */
  readonly supportedVms: Readonly<Record<string, number>>;
  /**
   * The SKU to use instead when this one can no longer be created: the AZ SKU Azure migrates it
   * to (Standard → VpnGw1AZ, HighPerformance → VpnGw2AZ, VpnGwN → VpnGwNAZ). Unset for creatable SKUs.
   */
  readonly replacement?: string;
  /** Max S2S tunnels with `vpn_type = "PolicyBased"`; unset when the SKU cannot be policy-based. */
  readonly maxTunnelsPolicyBased?: number;
}

/** The gateway `generation` values Azure knows (besides `None`, for ExpressRoute). */
export const GENERATION1 = 'Generation1';
export const GENERATION2 = 'Generation2';
const GEN1 = GENERATION1;
const GEN2 = GENERATION2;

function sku(name: string, c: Omit<SkuCapabilities, 'name'>): SkuCapabilities {
  return { name, ...c };
}

const modern = {
  legacy: false,
  maxP2SSstp: 128,
  bgp: true,
  activeActive: true,
  customIpsecPolicy: true,
  ikev1RouteBased: true,
  advancedP2S: true,
};

export const VPN_SKUS: readonly SkuCapabilities[] = [
  sku('Basic', { legacy: false, availabilityZones: false, generations: [GEN1], maxTunnels: 10, maxP2SIkev2OpenVpn: 0, maxP2SSstp: 128, bgp: false, activeActive: false, customIpsecPolicy: false, ikev1RouteBased: false, nat: false, advancedP2S: false, creatable: true, supportedVms: { [GEN1]: 200 }, maxTunnelsPolicyBased: 1 }),
  sku('Standard', { legacy: true, availabilityZones: false, generations: [GEN1], maxTunnels: 10, maxP2SIkev2OpenVpn: 0, maxP2SSstp: 128, bgp: true, activeActive: false, customIpsecPolicy: true, ikev1RouteBased: false, nat: false, advancedP2S: false, creatable: false, supportedVms: {}, replacement: 'VpnGw1AZ' }),
  sku('HighPerformance', { legacy: true, availabilityZones: false, generations: [GEN1], maxTunnels: 30, maxP2SIkev2OpenVpn: 0, maxP2SSstp: 128, bgp: true, activeActive: true, customIpsecPolicy: true, ikev1RouteBased: false, nat: false, advancedP2S: false, creatable: false, supportedVms: {}, replacement: 'VpnGw2AZ' }),
  sku('VpnGw1', { ...modern, availabilityZones: false, generations: [GEN1], maxTunnels: 30, maxP2SIkev2OpenVpn: 250, nat: false, creatable: false, supportedVms: { [GEN1]: 450 }, replacement: 'VpnGw1AZ' }),
  sku('VpnGw2', { ...modern, availabilityZones: false, generations: [GEN1, GEN2], maxTunnels: 30, maxP2SIkev2OpenVpn: 500, nat: true, creatable: false, supportedVms: { [GEN1]: 1300, [GEN2]: 685 }, replacement: 'VpnGw2AZ' }),
  sku('VpnGw3', { ...modern, availabilityZones: false, generations: [GEN1, GEN2], maxTunnels: 30, maxP2SIkev2OpenVpn: 1000, nat: true, creatable: false, supportedVms: { [GEN1]: 4000, [GEN2]: 2240 }, replacement: 'VpnGw3AZ' }),
  sku('VpnGw4', { ...modern, availabilityZones: false, generations: [GEN2], maxTunnels: 100, maxP2SIkev2OpenVpn: 5000, nat: true, creatable: false, supportedVms: { [GEN2]: 5300 }, replacement: 'VpnGw4AZ' }),
  sku('VpnGw5', { ...modern, availabilityZones: false, generations: [GEN2], maxTunnels: 100, maxP2SIkev2OpenVpn: 10000, nat: true, creatable: false, supportedVms: { [GEN2]: 6700 }, replacement: 'VpnGw5AZ' }),
  sku('VpnGw1AZ', { ...modern, availabilityZones: true, generations: [GEN1], maxTunnels: 30, maxP2SIkev2OpenVpn: 250, nat: false, creatable: true, supportedVms: { [GEN1]: 1000 } }),
  sku('VpnGw2AZ', { ...modern, availabilityZones: true, generations: [GEN1, GEN2], maxTunnels: 30, maxP2SIkev2OpenVpn: 500, nat: true, creatable: true, supportedVms: { [GEN1]: 2000, [GEN2]: 2000 } }),
  sku('VpnGw3AZ', { ...modern, availabilityZones: true, generations: [GEN1, GEN2], maxTunnels: 30, maxP2SIkev2OpenVpn: 1000, nat: true, creatable: true, supportedVms: { [GEN1]: 5000, [GEN2]: 3300 } }),
  sku('VpnGw4AZ', { ...modern, availabilityZones: true, generations: [GEN2], maxTunnels: 100, maxP2SIkev2OpenVpn: 5000, nat: true, creatable: true, supportedVms: { [GEN2]: 4400 } }),
  sku('VpnGw5AZ', { ...modern, availabilityZones: true, generations: [GEN2], maxTunnels: 100, maxP2SIkev2OpenVpn: 10000, nat: true, creatable: true, supportedVms: { [GEN2]: 9000 } }),
];

/** SKUs that only exist for ExpressRoute gateways. */
export const EXPRESS_ROUTE_SKUS: readonly string[] = ['UltraPerformance', 'ErGw1AZ', 'ErGw2AZ', 'ErGw3AZ', 'ErGwScale'];

const BY_NAME = new Map(VPN_SKUS.map((s) => [s.name, s]));

/** Capabilities of a VPN SKU, or undefined for an unknown or ExpressRoute-only name. */
export function vpnSku(name: string): SkuCapabilities | undefined {
  return BY_NAME.get(name);
}

/** The AZ SKUs recommended today, in order, for "use X instead" messages. */
export const CREATABLE_VPN_SKUS: readonly string[] = VPN_SKUS.filter((s) => s.creatable && s.name !== 'Basic').map((s) => s.name);
