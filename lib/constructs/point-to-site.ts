import {
  VirtualNetworkGatewayVpnClientConfigurationRadiusServer,
  VirtualNetworkGatewayVpnClientConfigurationRevokedCertificate,
  VirtualNetworkGatewayVpnClientConfigurationRootCertificate,
} from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { Construct } from 'constructs';
import { IpsecPolicy } from './ipsec-policy';
import { bindSharedKey, SharedKey } from './shared-key';
import { MICROSOFT_REGISTERED_AUDIENCE } from '../azure/entra';

/**
 * A point-to-site tunnel protocol (`vpn_client_protocols`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-about
 */
export enum VpnClientProtocol {
  /** IKEv2 VPN: native clients on Windows, macOS, iOS, Linux (strongSwan). */
  IKEV2 = 'IkeV2',
  /** OpenVPN (TLS): required for Microsoft Entra ID authentication. */
  OPENVPN = 'OpenVPN',
  /**
   * SSTP (retired): Windows only, at most 128 clients.
   *
   * A gateway can no longer enable it (since 2026-03-31), and gateways that already have it stop
   * accepting SSTP connections on 2027-03-31 (rule `p2s.sstp-retired`).
   * @see https://learn.microsoft.com/azure/vpn-gateway/ikev2-openvpn-from-sstp
   */
  SSTP = 'SSTP',
}

/**
 * A trusted root certificate for point-to-site certificate authentication.
 */
export interface P2SRootCertificate {
  /** Name of the certificate in Azure. */
  readonly name: string;
  /**
   * The public certificate, Base64-encoded X.509 (DER) on one line, without the
   * `-----BEGIN CERTIFICATE-----` / `-----END CERTIFICATE-----` lines.
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-certificate-gateway
   */
  readonly publicCertData: string;
}

/**
 * A client certificate that may no longer connect.
 */
export interface P2SRevokedCertificate {
  /** Name of the entry in Azure. */
  readonly name: string;
  /** SHA-1 thumbprint of the client certificate. */
  readonly thumbprint: string;
}

/**
 * Options for `P2SAuthentication.certificate()`.
 */
export interface P2SCertificateOptions {
  /**
   * Root certificates whose client certificates may connect; Azure accepts up to 20.
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-certificate-gateway
   */
  readonly rootCertificates: P2SRootCertificate[];
  /**
   * Client certificates that may no longer connect.
   * @default - none
   */
  readonly revokedCertificates?: P2SRevokedCertificate[];
}

/**
 * Options for `P2SAuthentication.entraId()`.
 */
export interface P2SEntraIdOptions {
  /** Microsoft Entra tenant ID (a GUID). */
  readonly tenantId: string;
  /**
   * Application ID of the Azure VPN Client registration.
   * @default P2SAuthentication.MICROSOFT_REGISTERED_AUDIENCE
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-entra-gateway
   */
  readonly audience?: string;
  /**
   * The tenant URL (`aad_tenant`). Set it for sovereign clouds.
   * @default `https://login.microsoftonline.com/<tenantId>/`
   */
  readonly tenantUrl?: string;
  /**
   * The issuer URL (`aad_issuer`). Set it for sovereign clouds.
   * @default `https://sts.windows.net/<tenantId>/`
   */
  readonly issuerUrl?: string;
}

/**
 * A RADIUS server for point-to-site authentication.
 */
export interface P2SRadiusServer {
  /** IPv4 address of the server, reachable from the gateway over a site-to-site connection. */
  readonly address: string;
  /** The RADIUS shared secret (1 to 128 characters). */
  readonly secret: SharedKey;
  /**
   * Priority of the server, 1 to 30; a higher score is tried first.
   * @default 30
   */
  readonly score?: number;
}

/**
 * Options for `P2SAuthentication.radius()`.
 */
export interface P2SRadiusOptions {
  /**
   * The RADIUS servers. Not available on the Basic SKU.
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-how-to-radius-ps
   */
  readonly servers: P2SRadiusServer[];
}

/**
 * How point-to-site clients authenticate. A gateway may combine up to three methods, one of each
 * kind.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-about#authentication
 * @example P2SAuthentication.entraId({ tenantId: '00000000-0000-0000-0000-000000000000' })
 */
export abstract class P2SAuthentication {
  /** The audience Microsoft registered for the Azure VPN Client (public cloud). */
  public static readonly MICROSOFT_REGISTERED_AUDIENCE: string = MICROSOFT_REGISTERED_AUDIENCE;

  /** Azure certificate authentication: clients present a certificate issued by a trusted root. */
  public static certificate(options: P2SCertificateOptions): P2SAuthentication {
    return new CertificateAuthentication(options);
  }

  /** Microsoft Entra ID authentication. Needs OpenVPN and the Azure VPN Client. */
  public static entraId(options: P2SEntraIdOptions): P2SAuthentication {
    return new EntraIdAuthentication(options);
  }

  /** RADIUS authentication against your servers. */
  public static radius(options: P2SRadiusOptions): P2SAuthentication {
    return new RadiusAuthentication(options);
  }

  /** The `vpn_auth_types` value: `Certificate`, `AAD` or `Radius`. */
  public abstract readonly authType: string;

  protected constructor() {}

  /** @internal */
  public abstract _render(scope: Construct, config: P2SRenderedConfig): void;
}

/**
 * The point-to-site configuration of a gateway (`vpn_client_configuration`).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-about
 */
export interface P2SOptions {
  /**
   * Private prefixes client addresses are taken from. They must not overlap the VNet, the
   * networks clients connect from, peered VNets or local sites. At least /29 for an
   * active-standby gateway and /28 for an active-active one.
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-certificate-gateway#addresspool
   */
  readonly clientAddressPool: string[];
  /** How clients authenticate; one entry per method. */
  readonly authentications: P2SAuthentication[];
  /**
   * Tunnel protocols.
   * @default - SSTP on the Basic SKU; OpenVPN when the only method is Entra ID; otherwise IKEv2 and OpenVPN
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-about#protocol
   */
  readonly protocols?: VpnClientProtocol[];
  /**
   * Custom IPsec/IKE policy for IKEv2 clients.
   * @default IpsecPolicy.AZURE_DEFAULT
   */
  readonly ipsecPolicy?: IpsecPolicy;
}

/** What the authentication methods write into `vpn_client_configuration`. @internal */
export interface P2SRenderedConfig {
  rootCertificates: VirtualNetworkGatewayVpnClientConfigurationRootCertificate[];
  revokedCertificates: VirtualNetworkGatewayVpnClientConfigurationRevokedCertificate[];
  radiusServers: VirtualNetworkGatewayVpnClientConfigurationRadiusServer[];
  aadTenant?: string;
  aadAudience?: string;
  aadIssuer?: string;
}

class CertificateAuthentication extends P2SAuthentication {
  public readonly authType = 'Certificate';

  constructor(private readonly options: P2SCertificateOptions) {
    super();
  }

  public _render(_scope: Construct, config: P2SRenderedConfig): void {
    config.rootCertificates.push(...this.options.rootCertificates.map((c) => ({ name: c.name, publicCertData: c.publicCertData })));
    config.revokedCertificates.push(...(this.options.revokedCertificates ?? []).map((c) => ({ name: c.name, thumbprint: c.thumbprint })));
  }
}

class EntraIdAuthentication extends P2SAuthentication {
  public readonly authType = 'AAD';

  constructor(private readonly options: P2SEntraIdOptions) {
    super();
  }

  public _render(_scope: Construct, config: P2SRenderedConfig): void {
    config.aadTenant = this.options.tenantUrl ?? `https://login.microsoftonline.com/${this.options.tenantId}/`;
    config.aadIssuer = this.options.issuerUrl ?? `https://sts.windows.net/${this.options.tenantId}/`;
    config.aadAudience = this.options.audience ?? P2SAuthentication.MICROSOFT_REGISTERED_AUDIENCE;
  }
}

class RadiusAuthentication extends P2SAuthentication {
  public readonly authType = 'Radius';

  constructor(private readonly options: P2SRadiusOptions) {
    super();
  }

  public _render(scope: Construct, config: P2SRenderedConfig): void {
    this.options.servers.forEach((server, index) => {
      // Each secret gets its own scope so that generated secrets do not collide.
      const secretScope = new Construct(scope, `RadiusServer${index + 1}`);
      config.radiusServers.push({ address: server.address, secret: bindSharedKey(server.secret, secretScope, `servers[${index}].secret`), score: server.score ?? 30 });
    });
  }
}
