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
 * A criterion that puts a connecting point-to-site user in a user group (`policy_member`). Which
 * kinds work depends on the gateway's authentication methods.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-user-groups-about
 * @example P2SGroupMember.entraGroup('0cf484f2-238e-440b-8c73-7bf232b248dc')
 */
export class P2SGroupMember {
  /**
   * Users in a Microsoft Entra group, by the group's object ID (not its name). Needs Entra ID
   * authentication (OpenVPN).
   * @param objectId the Entra group's object ID
   * @param name the member's name in Azure; default `entra-<objectId>`
   */
  public static entraGroup(objectId: string, name?: string): P2SGroupMember {
    return new P2SGroupMember('AADGroupId', objectId, name ?? `entra-${objectId}`);
  }

  /**
   * Users whose client certificate's common name has this domain (`red` for `CN=user@red.com`).
   * Needs certificate authentication.
   * @param commonNameDomain the domain part of the certificate's common name
   * @param name the member's name in Azure; default `certificate-<domain>`
   */
  public static certificate(commonNameDomain: string, name?: string): P2SGroupMember {
    return new P2SGroupMember('CertificateGroupId', commonNameDomain, name ?? `certificate-${commonNameDomain}`);
  }

  /**
   * Users for whom the RADIUS server returns this vendor-specific attribute value (hexadecimal,
   * starting with `6ad1bd`). Needs RADIUS authentication.
   * @param vendorAttribute the hexadecimal vendor-specific attribute value
   * @param name the member's name in Azure; default `radius-<value>`
   */
  public static radius(vendorAttribute: string, name?: string): P2SGroupMember {
    return new P2SGroupMember('RadiusAzureGroupId', vendorAttribute, name ?? `radius-${vendorAttribute}`);
  }

  private constructor(
    /** The `policy_member` type: `AADGroupId`, `CertificateGroupId` or `RadiusAzureGroupId`. */
    public readonly memberType: string,
    /** The `policy_member` value. */
    public readonly value: string,
    /** The `policy_member` name. */
    public readonly name: string,
  ) {}
}

/**
 * A point-to-site user group with its own address pool: a `policy_group` on the gateway and a
 * `virtual_network_gateway_client_connection` that gives the group's users addresses from
 * `addressPool`.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-user-groups-about
 */
export interface P2SUserGroup {
  /** Name of the group (letters, `.`, `-`, `_`); also the name of its client connection. Cannot be changed later. */
  readonly name: string;
  /** Who belongs to the group; a user matching any member does. */
  readonly members: P2SGroupMember[];
  /**
   * Prefixes the group's users get addresses from. They must not overlap other groups' pools,
   * the client address pool, the VNet or the networks connected to it; /24 or larger.
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-user-groups-create
   */
  readonly addressPool: string[];
  /**
   * Whether users who match no group land in this one. One group is the default; it cannot be
   * changed after creation.
   * @default - true for the first group when no group sets it
   */
  readonly isDefault?: boolean;
  /**
   * Priority: a user matching several groups joins the one with the lowest number.
   * @default - the group's position in `userGroups` (0 for the first)
   */
  readonly priority?: number;
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
  /**
   * Extra prefixes advertised to point-to-site clients (the gateway's `custom_route`), e.g. a
   * network reached through a firewall or `0.0.0.0/1` + `128.0.0.0/1` for forced tunnelling
   * of clients. They count towards the routes a client accepts (`p2s.route-limits`).
   * @default - none: clients get the VNet, peered VNets and BGP-learned prefixes
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-p2s-advertise-custom-routes
   */
  readonly customRoutes?: string[];
  /**
   * User groups, each with its own address pool (`policy_group` +
   * `virtual_network_gateway_client_connection`), so that firewalls can tell groups of users
   * apart by address (`p2s.user-groups`).
   * @default - none: every client gets an address from `clientAddressPool`
   * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-user-groups-about
   */
  readonly userGroups?: P2SUserGroup[];
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
