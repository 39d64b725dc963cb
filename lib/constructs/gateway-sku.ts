import { VpnConfigError } from '../private/construct-errors';
import { SkuCapabilities, vpnSku, VPN_SKUS } from '../azure/sku-capabilities';

/**
 * The hardware generation of a VPN gateway (azurerm `generation`). Each SKU allows one or both.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 */
export enum GatewayGeneration {
  /** Generation 1: Basic, VpnGw1(AZ), VpnGw2(AZ), VpnGw3(AZ) and the legacy SKUs. */
  GENERATION1 = 'Generation1',
  /** Generation 2: VpnGw2(AZ) to VpnGw5(AZ); higher throughput than Generation 1 at the same tier. */
  GENERATION2 = 'Generation2',
}

/**
 * How the gateway selects traffic for its tunnels (azurerm `vpn_type`). It cannot be changed
 * after creation.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#vpntype
 */
export enum VpnType {
  /**
   * Route-based: required for active-active, BGP, point-to-site, VNet-to-VNet and more than one
   * site-to-site tunnel. Use it for every new gateway.
   */
  ROUTE_BASED = 'RouteBased',
  /**
   * Policy-based: Basic SKU only, IKEv1, one tunnel. Prefer a route-based gateway with
   * `usePolicyBasedTrafficSelectors` on the connection.
   */
  POLICY_BASED = 'PolicyBased',
}

// One instance per known SKU, so `GatewaySku.of('VpnGw2AZ') === GatewaySku.VPN_GW2_AZ`.
const FROM_MATRIX = new Map<string, GatewaySku>();

/**
 * What a SKU can do, for `GatewaySku.of()` with a SKU name this library does not know yet.
 */
export interface GatewaySkuCapabilities {
  /** Zone-redundant (`…AZ`) SKU: its public IPs must have zones. */
  readonly availabilityZones: boolean;
  /** Generations the SKU can be created with, oldest first. */
  readonly generations: GatewayGeneration[];
  /** Maximum site-to-site and VNet-to-VNet tunnels. */
  readonly maxTunnels: number;
  /** Maximum concurrent point-to-site IKEv2 and OpenVPN clients; 0 when unsupported. */
  readonly maxP2SConnections: number;
  /** Maximum concurrent point-to-site SSTP clients. */
  readonly maxP2SSstpConnections: number;
  /** Whether the SKU supports BGP. */
  readonly bgp: boolean;
  /** Whether the SKU supports active-active. */
  readonly activeActive: boolean;
  /** Whether the SKU supports NAT rules. */
  readonly nat: boolean;
  /** Whether connections on the SKU accept a custom IPsec/IKE policy. */
  readonly customIpsecPolicy: boolean;
  /** Whether the SKU supports RADIUS and Microsoft Entra ID point-to-site authentication, IKEv2 and OpenVPN. */
  readonly advancedP2S: boolean;
  /**
   * Whether new gateways can be created with the SKU today.
   * @default true
   */
  readonly creatable?: boolean;
}

/**
 * A VPN gateway SKU and what it can do.
 *
 * The capabilities come from the same SKU matrix the synth-time rules read, so a construct never
 * derives anything the rules would then reject. Only the `…AZ` SKUs (and Basic) can be created
 * today; the other constants exist so that configurations of existing gateways can be expressed
 * and checked.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
 * @example GatewaySku.VPN_GW2_AZ.maxTunnels // 30
 */
export class GatewaySku {
  /**
   * Basic: 10 route-based tunnels, no BGP, no active-active, no custom IPsec policy, SSTP-only
   * point-to-site. Microsoft says it "shouldn't be used for production".
   */
  public static readonly BASIC = GatewaySku.fromMatrix('Basic');
  /** Legacy Standard. Cannot be created since December 2023; being migrated to VpnGw1AZ. */
  public static readonly STANDARD = GatewaySku.fromMatrix('Standard');
  /** Legacy HighPerformance. Cannot be created since December 2023; being migrated to VpnGw2AZ. */
  public static readonly HIGH_PERFORMANCE = GatewaySku.fromMatrix('HighPerformance');
  /** Non-AZ VpnGw1. Cannot be created since November 2025; use `VPN_GW1_AZ`. */
  public static readonly VPN_GW1 = GatewaySku.fromMatrix('VpnGw1');
  /** Non-AZ VpnGw2. Cannot be created since November 2025; use `VPN_GW2_AZ`. */
  public static readonly VPN_GW2 = GatewaySku.fromMatrix('VpnGw2');
  /** Non-AZ VpnGw3. Cannot be created since November 2025; use `VPN_GW3_AZ`. */
  public static readonly VPN_GW3 = GatewaySku.fromMatrix('VpnGw3');
  /** Non-AZ VpnGw4. Cannot be created since November 2025; use `VPN_GW4_AZ`. */
  public static readonly VPN_GW4 = GatewaySku.fromMatrix('VpnGw4');
  /** Non-AZ VpnGw5. Cannot be created since November 2025; use `VPN_GW5_AZ`. */
  public static readonly VPN_GW5 = GatewaySku.fromMatrix('VpnGw5');
  /** VpnGw1AZ: 30 tunnels, 250 P2S clients, Generation1 only, no NAT. */
  public static readonly VPN_GW1_AZ = GatewaySku.fromMatrix('VpnGw1AZ');
  /** VpnGw2AZ: 30 tunnels, 500 P2S clients, NAT, Generation1 or Generation2. */
  public static readonly VPN_GW2_AZ = GatewaySku.fromMatrix('VpnGw2AZ');
  /** VpnGw3AZ: 30 tunnels, 1000 P2S clients, NAT, Generation1 or Generation2. */
  public static readonly VPN_GW3_AZ = GatewaySku.fromMatrix('VpnGw3AZ');
  /** VpnGw4AZ: 100 tunnels, 5000 P2S clients, NAT, Generation2 only. */
  public static readonly VPN_GW4_AZ = GatewaySku.fromMatrix('VpnGw4AZ');
  /** VpnGw5AZ: 100 tunnels, 10000 P2S clients, NAT, Generation2 only. */
  public static readonly VPN_GW5_AZ = GatewaySku.fromMatrix('VpnGw5AZ');

  /** Every SKU this library knows, in the order of the SKU table. */
  public static all(): GatewaySku[] {
    return VPN_SKUS.map((s) => GatewaySku.fromMatrix(s.name));
  }

  /**
   * A SKU by its Azure name (`VpnGw2AZ`).
   *
   * For a name in the SKU table the table's capabilities are used and `capabilities` must be
   * omitted. For a name the table does not have (a SKU newer than this library), pass its
   * capabilities; the rules then check against what you declare.
   */
  public static of(name: string, capabilities?: GatewaySkuCapabilities): GatewaySku {
    const known = vpnSku(name);
    if (known !== undefined) {
      if (capabilities !== undefined) {
        throw new VpnConfigError('gw.sku.generation', `GatewaySku.of("${name}") is a known SKU; omit capabilities or use GatewaySku.${constantName(name)}`);
      }
      return GatewaySku.fromMatrix(name);
    }
    if (capabilities === undefined) {
      throw new VpnConfigError(
        'gw.sku.generation',
        `sku "${name}" is not a VPN gateway SKU this library knows (${VPN_SKUS.map((s) => s.name).join(', ')}); pass its capabilities to GatewaySku.of() to use it anyway`,
      );
    }
    return new GatewaySku(name, {
      availabilityZones: capabilities.availabilityZones,
      generations: [...capabilities.generations],
      maxTunnels: capabilities.maxTunnels,
      maxP2SConnections: capabilities.maxP2SConnections,
      maxP2SSstpConnections: capabilities.maxP2SSstpConnections,
      bgp: capabilities.bgp,
      activeActive: capabilities.activeActive,
      nat: capabilities.nat,
      customIpsecPolicy: capabilities.customIpsecPolicy,
      advancedP2S: capabilities.advancedP2S,
      creatable: capabilities.creatable ?? true,
      legacy: false,
    });
  }

  private static fromMatrix(name: string): GatewaySku {
    const cached = FROM_MATRIX.get(name);
    if (cached !== undefined) return cached;
    const s: SkuCapabilities | undefined = vpnSku(name);
    if (s === undefined) throw new Error(`SKU matrix has no ${name}`);
    const created = new GatewaySku(s.name, {
      availabilityZones: s.availabilityZones,
      generations: s.generations.map((g) => g as GatewayGeneration),
      maxTunnels: s.maxTunnels,
      maxP2SConnections: s.maxP2SIkev2OpenVpn,
      maxP2SSstpConnections: s.maxP2SSstp,
      bgp: s.bgp,
      activeActive: s.activeActive,
      nat: s.nat,
      customIpsecPolicy: s.customIpsecPolicy,
      advancedP2S: s.advancedP2S,
      creatable: s.creatable,
      legacy: s.legacy,
      replacement: s.replacement,
    });
    FROM_MATRIX.set(name, created);
    return created;
  }

  /** The Azure SKU name, as written to `sku`. */
  public readonly name: string;
  /** Zone-redundant (`…AZ`) SKU: its public IPs get zones 1, 2 and 3. */
  public readonly availabilityZones: boolean;
  /** Generations the SKU can be created with, oldest first. */
  public readonly generations: GatewayGeneration[];
  /** Maximum site-to-site and VNet-to-VNet tunnels. */
  public readonly maxTunnels: number;
  /** Maximum concurrent point-to-site IKEv2 and OpenVPN clients; 0 when unsupported. */
  public readonly maxP2SConnections: number;
  /** Maximum concurrent point-to-site SSTP clients. */
  public readonly maxP2SSstpConnections: number;
  /** Whether the SKU supports BGP. */
  public readonly bgp: boolean;
  /** Whether the SKU supports active-active. */
  public readonly activeActive: boolean;
  /** Whether the SKU supports NAT rules. */
  public readonly nat: boolean;
  /** Whether connections on the SKU accept a custom IPsec/IKE policy. */
  public readonly customIpsecPolicy: boolean;
  /** Whether the SKU supports RADIUS and Entra ID point-to-site authentication, IKEv2 and OpenVPN. */
  public readonly advancedP2S: boolean;
  /** Whether new gateways can be created with the SKU today. */
  public readonly creatable: boolean;
  /** Legacy SKU (Standard, HighPerformance). */
  public readonly legacy: boolean;
  /** The SKU Azure migrates this one to, when it can no longer be created. */
  public readonly replacement?: string;

  private constructor(name: string, c: SkuFacts) {
    this.name = name;
    this.availabilityZones = c.availabilityZones;
    this.generations = c.generations;
    this.maxTunnels = c.maxTunnels;
    this.maxP2SConnections = c.maxP2SConnections;
    this.maxP2SSstpConnections = c.maxP2SSstpConnections;
    this.bgp = c.bgp;
    this.activeActive = c.activeActive;
    this.nat = c.nat;
    this.customIpsecPolicy = c.customIpsecPolicy;
    this.advancedP2S = c.advancedP2S;
    this.creatable = c.creatable;
    this.legacy = c.legacy;
    this.replacement = c.replacement;
  }

  /** The newest generation the SKU allows: what a gateway uses unless told otherwise. */
  public get newestGeneration(): GatewayGeneration {
    return this.generations[this.generations.length - 1];
  }

  /** Whether the SKU can be created with `generation`. */
  public supportsGeneration(generation: GatewayGeneration): boolean {
    return this.generations.includes(generation);
  }

  public toString(): string {
    return this.name;
  }
}

interface SkuFacts {
  readonly availabilityZones: boolean;
  readonly generations: GatewayGeneration[];
  readonly maxTunnels: number;
  readonly maxP2SConnections: number;
  readonly maxP2SSstpConnections: number;
  readonly bgp: boolean;
  readonly activeActive: boolean;
  readonly nat: boolean;
  readonly customIpsecPolicy: boolean;
  readonly advancedP2S: boolean;
  readonly creatable: boolean;
  readonly legacy: boolean;
  readonly replacement?: string;
}

/** `VpnGw2AZ` → `VPN_GW2_AZ`, `HighPerformance` → `HIGH_PERFORMANCE`. */
function constantName(skuName: string): string {
  return skuName
    .replace(/AZ$/, '_AZ')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();
}
