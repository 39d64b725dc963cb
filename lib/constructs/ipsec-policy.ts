import { VirtualNetworkGatewayVpnClientConfigurationIpsecPolicy } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnectionIpsecPolicy } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { SA_DATASIZE_KILOBYTES, SA_LIFETIME_SECONDS } from '../azure/ipsec';
import { VpnConfigError } from '../private/construct-errors';

// The constants below are the accepted values of the IPSEC_ALGORITHMS table
// (lib/azure/ipsec.ts, after https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto); jsii needs each constant declared, so a test checks that the two
// agree. `of()` takes any other string so that a value Azure adds later can be used before this
// library knows it; the `ipsec.enums` rule then reports it at synth.

/**
 * IKE (phase 1) encryption algorithm (`ike_encryption`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export class IkeEncryption {
  /** AES-GCM 256: the fastest and strongest option. */
  public static readonly GCMAES256 = new IkeEncryption('GCMAES256');
  /** AES-GCM 128. */
  public static readonly GCMAES128 = new IkeEncryption('GCMAES128');
  /** AES-CBC 256. */
  public static readonly AES256 = new IkeEncryption('AES256');
  /** AES-CBC 192. */
  public static readonly AES192 = new IkeEncryption('AES192');
  /** AES-CBC 128. */
  public static readonly AES128 = new IkeEncryption('AES128');
  /** Triple DES. Weak and the slowest option; no longer documented for IKEv2 (rule `ipsec.weak`). */
  public static readonly DES3 = new IkeEncryption('DES3');
  /** DES. Broken; no longer documented for IKEv2 (rule `ipsec.weak`). */
  public static readonly DES = new IkeEncryption('DES');

  /** Any value, as Azure spells it. */
  public static of(value: string): IkeEncryption {
    return new IkeEncryption(value);
  }

  private constructor(public readonly value: string) {}
}

/**
 * IKE (phase 1) integrity / PRF algorithm (`ike_integrity`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export class IkeIntegrity {
  /** SHA-384. */
  public static readonly SHA384 = new IkeIntegrity('SHA384');
  /** SHA-256. */
  public static readonly SHA256 = new IkeIntegrity('SHA256');
  /** SHA-1. Weak (rule `ipsec.weak`). */
  public static readonly SHA1 = new IkeIntegrity('SHA1');
  /** MD5. Broken (rule `ipsec.weak`). */
  public static readonly MD5 = new IkeIntegrity('MD5');
  /** GCMAES256. Accepted by the API but no longer documented for IKE integrity; prefer SHA384. */
  public static readonly GCMAES256 = new IkeIntegrity('GCMAES256');
  /** GCMAES128. Accepted by the API but no longer documented for IKE integrity; prefer SHA256. */
  public static readonly GCMAES128 = new IkeIntegrity('GCMAES128');

  /** Any value, as Azure spells it. */
  public static of(value: string): IkeIntegrity {
    return new IkeIntegrity(value);
  }

  private constructor(public readonly value: string) {}
}

/**
 * Diffie-Hellman group of the IKE phase 1 exchange (`dh_group`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 */
export class DhGroup {
  /** DH group 20: 384-bit elliptic curve. */
  public static readonly ECP384 = new DhGroup('ECP384');
  /** DH group 19: 256-bit elliptic curve. */
  public static readonly ECP256 = new DhGroup('ECP256');
  /** DH group 24: 2048-bit MODP with 256-bit prime order subgroup. */
  public static readonly DH_GROUP24 = new DhGroup('DHGroup24');
  /** DH group 14: 2048-bit MODP. */
  public static readonly DH_GROUP14 = new DhGroup('DHGroup14');
  /** DH group 14 under its other Azure name. */
  public static readonly DH_GROUP2048 = new DhGroup('DHGroup2048');
  /** DH group 2: 1024-bit MODP. Weak (rule `ipsec.weak`). */
  public static readonly DH_GROUP2 = new DhGroup('DHGroup2');
  /** DH group 1: 768-bit MODP. Broken (rule `ipsec.weak`). */
  public static readonly DH_GROUP1 = new DhGroup('DHGroup1');
  /** No Diffie-Hellman group (rule `ipsec.weak`). */
  public static readonly NONE = new DhGroup('None');

  /** Any value, as Azure spells it. */
  public static of(value: string): DhGroup {
    return new DhGroup(value);
  }

  private constructor(public readonly value: string) {}
}

/**
 * IPsec (phase 2, ESP) encryption algorithm (`ipsec_encryption`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export class IpsecEncryption {
  /** AES-GCM 256; requires `IpsecIntegrity.GCMAES256`. */
  public static readonly GCMAES256 = new IpsecEncryption('GCMAES256');
  /** AES-GCM 192; requires `IpsecIntegrity.GCMAES192`. */
  public static readonly GCMAES192 = new IpsecEncryption('GCMAES192');
  /** AES-GCM 128; requires `IpsecIntegrity.GCMAES128`. */
  public static readonly GCMAES128 = new IpsecEncryption('GCMAES128');
  /** AES-CBC 256. */
  public static readonly AES256 = new IpsecEncryption('AES256');
  /** AES-CBC 192. */
  public static readonly AES192 = new IpsecEncryption('AES192');
  /** AES-CBC 128. */
  public static readonly AES128 = new IpsecEncryption('AES128');
  /** Triple DES. Weak (rule `ipsec.weak`). */
  public static readonly DES3 = new IpsecEncryption('DES3');
  /** DES. Broken (rule `ipsec.weak`). */
  public static readonly DES = new IpsecEncryption('DES');
  /** ESP NULL: no confidentiality. Only where encryption happens elsewhere (rule `ipsec.null`). */
  public static readonly NONE = new IpsecEncryption('None');

  /** Any value, as Azure spells it. */
  public static of(value: string): IpsecEncryption {
    return new IpsecEncryption(value);
  }

  private constructor(public readonly value: string) {}
}

/**
 * IPsec (phase 2, ESP) integrity algorithm (`ipsec_integrity`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export class IpsecIntegrity {
  /** AES-GCM 256; only with `IpsecEncryption.GCMAES256`. */
  public static readonly GCMAES256 = new IpsecIntegrity('GCMAES256');
  /** AES-GCM 192; only with `IpsecEncryption.GCMAES192`. */
  public static readonly GCMAES192 = new IpsecIntegrity('GCMAES192');
  /** AES-GCM 128; only with `IpsecEncryption.GCMAES128`. */
  public static readonly GCMAES128 = new IpsecIntegrity('GCMAES128');
  /** SHA-256. */
  public static readonly SHA256 = new IpsecIntegrity('SHA256');
  /** SHA-1. Weak (rule `ipsec.weak`). */
  public static readonly SHA1 = new IpsecIntegrity('SHA1');
  /** MD5. Broken (rule `ipsec.weak`). */
  public static readonly MD5 = new IpsecIntegrity('MD5');

  /** Any value, as Azure spells it. */
  public static of(value: string): IpsecIntegrity {
    return new IpsecIntegrity(value);
  }

  private constructor(public readonly value: string) {}
}

/**
 * Perfect forward secrecy group of the IPsec (phase 2) exchange (`pfs_group`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 */
export class PfsGroup {
  /** DH group 20: 384-bit elliptic curve. */
  public static readonly ECP384 = new PfsGroup('ECP384');
  /** DH group 19: 256-bit elliptic curve. */
  public static readonly ECP256 = new PfsGroup('ECP256');
  /** DH group 24. */
  public static readonly PFS24 = new PfsGroup('PFS24');
  /** DH group 14: 2048-bit MODP. */
  public static readonly PFS2048 = new PfsGroup('PFS2048');
  /** Accepted by the API, not documented by Azure; its meaning is unconfirmed. */
  public static readonly PFS14 = new PfsGroup('PFS14');
  /** Accepted by the API, not documented by Azure; its meaning is unconfirmed. */
  public static readonly PFSMM = new PfsGroup('PFSMM');
  /** DH group 2. Weak (rule `ipsec.weak`). */
  public static readonly PFS2 = new PfsGroup('PFS2');
  /** DH group 1. Broken (rule `ipsec.weak`). */
  public static readonly PFS1 = new PfsGroup('PFS1');
  /** No perfect forward secrecy (rule `ipsec.weak`). */
  public static readonly NONE = new PfsGroup('None');

  /** Any value, as Azure spells it. */
  public static of(value: string): PfsGroup {
    return new PfsGroup(value);
  }

  private constructor(public readonly value: string) {}
}

/**
 * The six algorithms and the SA limits of a custom IPsec/IKE policy. Azure requires all six
 * algorithms together; the on-premises device must offer exactly these.
 */
export interface IpsecPolicyOptions {
  /** IKE (phase 1) encryption. */
  readonly ikeEncryption: IkeEncryption;
  /** IKE (phase 1) integrity. */
  readonly ikeIntegrity: IkeIntegrity;
  /** IKE (phase 1) Diffie-Hellman group. */
  readonly dhGroup: DhGroup;
  /**
   * IPsec (phase 2) encryption. A GCMAES value must be paired with the same GCMAES integrity.
   * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
   */
  readonly ipsecEncryption: IpsecEncryption;
  /** IPsec (phase 2) integrity. */
  readonly ipsecIntegrity: IpsecIntegrity;
  /** IPsec (phase 2) perfect forward secrecy group. */
  readonly pfsGroup: PfsGroup;
  /**
   * Quick mode SA lifetime in seconds: at least 300 (and at most 172799 on a point-to-site policy).
   * @default 27000
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
   */
  readonly saLifetimeSeconds?: number;
  /**
   * Quick mode SA data size in kilobytes: at least 1024.
   * @default 102400000
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
   */
  readonly saDataSizeKilobytes?: number;
}

/**
 * The IPsec/IKE policy of a connection or of point-to-site clients.
 *
 * Either Azure's default proposals (`AZURE_DEFAULT`, no `ipsec_policy` block: they still offer
 * DH group 2 and 3DES) or one custom policy. Connections use `RECOMMENDED` unless told otherwise.
 * Use one policy object for both connections of a VNet-to-VNet pair: Azure requires the same
 * policy on both.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 * @example IpsecPolicy.custom({ ikeEncryption: IkeEncryption.AES256, ikeIntegrity: IkeIntegrity.SHA256, dhGroup: DhGroup.DH_GROUP14, ipsecEncryption: IpsecEncryption.AES256, ipsecIntegrity: IpsecIntegrity.SHA256, pfsGroup: PfsGroup.PFS2048 })
 */
export class IpsecPolicy {
  /** Azure's default quick mode SA lifetime, in seconds. */
  public static readonly DEFAULT_SA_LIFETIME_SECONDS: number = SA_LIFETIME_SECONDS.default;
  /** Azure's default quick mode SA data size, in kilobytes. */
  public static readonly DEFAULT_SA_DATA_SIZE_KILOBYTES: number = SA_DATASIZE_KILOBYTES.default;

  /**
   * Strong crypto that Azure documents and every current IKEv2 device supports:
   * IKE GCMAES256 / SHA384 / ECP384, IPsec GCMAES256 / GCMAES256 / PFS ECP384, SA lifetime 27000 s.
   */
  public static readonly RECOMMENDED = new IpsecPolicy({
    ikeEncryption: IkeEncryption.GCMAES256,
    ikeIntegrity: IkeIntegrity.SHA384,
    dhGroup: DhGroup.ECP384,
    ipsecEncryption: IpsecEncryption.GCMAES256,
    ipsecIntegrity: IpsecIntegrity.GCMAES256,
    pfsGroup: PfsGroup.ECP384,
  });

  /**
   * No custom policy: Azure's default proposal lists apply. Needed on the Basic SKU, which
   * accepts no custom policy; otherwise weaker than `RECOMMENDED`.
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-devices#ipsec
   */
  public static readonly AZURE_DEFAULT = new IpsecPolicy(undefined);

  /** A custom policy. */
  public static custom(options: IpsecPolicyOptions): IpsecPolicy {
    // Untyped JavaScript may leave a field out or pass a plain string.
    const fields: Array<[keyof IpsecPolicyOptions, string]> = [
      ['ikeEncryption', 'IkeEncryption'],
      ['ikeIntegrity', 'IkeIntegrity'],
      ['dhGroup', 'DhGroup'],
      ['ipsecEncryption', 'IpsecEncryption'],
      ['ipsecIntegrity', 'IpsecIntegrity'],
      ['pfsGroup', 'PfsGroup'],
    ];
    for (const [field, type] of fields) {
      const value = (options as unknown as Record<string, unknown> | undefined)?.[field];
      if (value === null || typeof value !== 'object' || typeof (value as { value?: unknown }).value !== 'string') {
        const given = value === undefined || value === null ? 'nothing' : `a ${typeof value}`;
        throw new VpnConfigError('ipsec.complete', `IpsecPolicy.custom() needs ${field}, one of the ${type} values (see IpsecPolicy.RECOMMENDED for a complete policy); got ${given}`);
      }
    }
    return new IpsecPolicy(options);
  }

  /** True for `AZURE_DEFAULT`: no `ipsec_policy` block is written. */
  public readonly isAzureDefault: boolean;
  /** IKE encryption; undefined for `AZURE_DEFAULT`. */
  public readonly ikeEncryption?: IkeEncryption;
  /** IKE integrity; undefined for `AZURE_DEFAULT`. */
  public readonly ikeIntegrity?: IkeIntegrity;
  /** IKE Diffie-Hellman group; undefined for `AZURE_DEFAULT`. */
  public readonly dhGroup?: DhGroup;
  /** IPsec encryption; undefined for `AZURE_DEFAULT`. */
  public readonly ipsecEncryption?: IpsecEncryption;
  /** IPsec integrity; undefined for `AZURE_DEFAULT`. */
  public readonly ipsecIntegrity?: IpsecIntegrity;
  /** PFS group; undefined for `AZURE_DEFAULT`. */
  public readonly pfsGroup?: PfsGroup;
  /** Quick mode SA lifetime in seconds. */
  public readonly saLifetimeSeconds: number;
  /** Quick mode SA data size in kilobytes. */
  public readonly saDataSizeKilobytes: number;

  private constructor(options: IpsecPolicyOptions | undefined) {
    this.isAzureDefault = options === undefined;
    this.ikeEncryption = options?.ikeEncryption;
    this.ikeIntegrity = options?.ikeIntegrity;
    this.dhGroup = options?.dhGroup;
    this.ipsecEncryption = options?.ipsecEncryption;
    this.ipsecIntegrity = options?.ipsecIntegrity;
    this.pfsGroup = options?.pfsGroup;
    this.saLifetimeSeconds = options?.saLifetimeSeconds ?? IpsecPolicy.DEFAULT_SA_LIFETIME_SECONDS;
    this.saDataSizeKilobytes = options?.saDataSizeKilobytes ?? IpsecPolicy.DEFAULT_SA_DATA_SIZE_KILOBYTES;
  }

  /**
   * The `ipsec_policy` block of an `azurerm_virtual_network_gateway_connection`, or undefined for
   * `AZURE_DEFAULT`.
   */
  public renderConnectionPolicy(): VirtualNetworkGatewayConnectionIpsecPolicy | undefined {
    if (this.isAzureDefault) return undefined;
    return {
      ikeEncryption: this.ikeEncryption!.value,
      ikeIntegrity: this.ikeIntegrity!.value,
      dhGroup: this.dhGroup!.value,
      ipsecEncryption: this.ipsecEncryption!.value,
      ipsecIntegrity: this.ipsecIntegrity!.value,
      pfsGroup: this.pfsGroup!.value,
      saLifetime: this.saLifetimeSeconds,
      saDatasize: this.saDataSizeKilobytes,
    };
  }

  /**
   * The `vpn_client_configuration.ipsec_policy` block of a gateway's point-to-site
   * configuration, or undefined for `AZURE_DEFAULT`.
   */
  public renderP2SPolicy(): VirtualNetworkGatewayVpnClientConfigurationIpsecPolicy | undefined {
    if (this.isAzureDefault) return undefined;
    return {
      ikeEncryption: this.ikeEncryption!.value,
      ikeIntegrity: this.ikeIntegrity!.value,
      dhGroup: this.dhGroup!.value,
      ipsecEncryption: this.ipsecEncryption!.value,
      ipsecIntegrity: this.ipsecIntegrity!.value,
      pfsGroup: this.pfsGroup!.value,
      saLifetimeInSeconds: this.saLifetimeSeconds,
      saDataSizeInKilobytes: this.saDataSizeKilobytes,
    };
  }
}
