import { VirtualNetworkGateway } from '../model/topology';
import { isKnown, Maybe, Unknown } from '../model/unknown';
import { contains, findOverlaps, isPrivate, Owned, parseAddress, parsePrefix, Prefix } from '../private/cidr';
import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, show } from './support';
import { activeActiveOf, connectionBgpOf, vpnTypeOf } from '../azure/defaults';
import { SOURCES } from '../azure/sources';
import { IPSEC, VNET2VNET } from '../azure/connection-types';
import { AuthType, configuredAuth, effectiveAuth, networksAround, normaliseAuth, p2sGateways, poolPrefixes, protocolsOf, radiusServersOf, showProtocols, skuOf, unknownBlock } from './p2s-support';
import { p2sGroupRules } from './p2s-groups';
import { MICROSOFT_REGISTERED_AUDIENCE, MANUAL_PUBLIC_AUDIENCE, MANUAL_SOVEREIGN_AUDIENCES } from '../azure/entra';

/**
 * Point-to-site rules (`p2s.*` in RULES.md): everything about `vpn_client_configuration`.
 * Every rule looks only at gateways that have a `vpn_client_configuration` block.
 */

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

const routeBased: Rule = {
  id: 'p2s.routebased',
  severity: Severity.ERROR,
  summary: 'Point-to-site needs a route-based gateway.',
  source: SOURCES.P2S,
  check(ctx) {
    for (const { gateway } of p2sGateways(ctx)) {
      const vpnType = knownOrSkipped(ctx, gateway, 'vpn_type', vpnTypeOf(gateway));
      if (vpnType !== undefined && vpnType.toLowerCase() === 'policybased') {
        ctx.error(gateway, `vpn_client_configuration is set on a gateway with vpn_type = ${show(vpnType)}; point-to-site requires vpn_type = "RouteBased" (a route-based gateway must be re-created)`);
      }
    }
  },
};

const aaThirdIp: Rule = {
  id: 'p2s.aa-third-ip',
  severity: Severity.ERROR,
  summary: 'An active-active gateway with point-to-site needs exactly three ip_configuration blocks (a third public IP).',
  source: SOURCES.P2S_CERT,
  azureError: 'ActiveActiveP2SGatewayMustHaveExactlyThreeIpConfigurations',
  check(ctx) {
    for (const gateway of ctx.topology.gateways) {
      if (gateway.external) continue;
      const dynamicP2s = unknownBlock(gateway, 'vpn_client_configuration');
      if (!gateway.p2s && !dynamicP2s) continue;
      const activeActive = knownOrSkipped(ctx, gateway, 'active_active', activeActiveOf(gateway));
      if (activeActive !== true) continue;
      const ipConfigurations = knownOrSkipped(ctx, gateway, 'ip_configuration', gateway.ipConfigurations);
      if (ipConfigurations === undefined) continue;
      if (ipConfigurations.length < 3 && !gateway.p2s && dynamicP2s) {
        ctx.skipped(gateway, 'whether vpn_client_configuration is present (it needs a third ip_configuration on an active-active gateway)', dynamicP2s);
      } else if (ipConfigurations.length < 3) {
        ctx.error(gateway, `active_active = true with vpn_client_configuration has ${ipConfigurations.length} ip_configuration block(s); Azure requires exactly 3 — add a third ip_configuration with its own Standard, Static public IP`);
      }
    }
  },
};

const poolNoOverlap: Rule = {
  id: 'p2s.pool.no-overlap',
  severity: Severity.ERROR,
  summary: 'The client address pool must be valid private prefixes that overlap neither each other, the gateway VNet, peered VNets, nor the networks behind the gateway\'s connections.',
  source: SOURCES.P2S_CERT,
  azureError: "The virtual network gateway's VPN client address pool overlaps with the virtual network's address space",
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      if (p2s.addressSpace.unknown) ctx.skipped(gateway, 'part of vpn_client_configuration.address_space', p2s.addressSpace.unknown);
      const items: Array<Owned<{ label: string; text: string; pool: boolean }>> = [];
      p2s.addressSpace.items.forEach((text, i) => {
        const prefix = parsePrefix(text);
        if (!prefix || !text.includes('/')) {
          ctx.error(gateway, `vpn_client_configuration.address_space entry ${show(text)} is not a CIDR prefix; use a private range such as "172.16.201.0/24"`);
          return;
        }
        if (!isPrivate(prefix)) {
          ctx.warning(gateway, `vpn_client_configuration.address_space entry ${show(text)} is not a private range; use an RFC 1918 range (10/8, 172.16/12, 192.168/16) that no connected network uses`);
        }
        // Each pool prefix is its own owner so that pool prefixes overlapping each other are found.
        items.push({ prefix, owner: `pool#${i}`, data: { label: 'another vpn_client_configuration.address_space entry', text, pool: true } });
      });
      if (items.length === 0) continue;
      const { networks } = networksAround(ctx.lookup, gateway);
      for (const network of networks) {
        if (network.addressSpace.unknown) ctx.skipped(gateway, `part of the address space of ${network.entity.address}`, network.addressSpace.unknown);
        for (const text of network.addressSpace.items) {
          const prefix = parsePrefix(text);
          // One shared owner: overlaps between two networks are other rules' business, not this one's.
          if (prefix) items.push({ prefix, owner: 'network', data: { label: network.label, text, pool: false } });
        }
      }
      for (const { a, b } of findOverlaps(items)) {
        const [pool, other] = a.data.pool ? [a, b] : [b, a];
        if (!pool.data.pool) continue;
        ctx.error(gateway, `vpn_client_configuration.address_space ${show(pool.data.text)} overlaps ${other.data.label} (${show(other.data.text)}); choose a client pool that no VNet, site or other pool uses`);
      }
    }
  },
};

const poolMinSize: Rule = {
  id: 'p2s.pool.min-size',
  severity: Severity.ERROR,
  summary: 'Each client address pool prefix must be /29 or larger (/28 or larger on an active-active gateway).',
  source: SOURCES.P2S_CERT,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      let activeActive: boolean | Unknown | undefined;
      for (const { text, prefix } of poolPrefixes(p2s)) {
        if (prefix.version !== 4) continue;
        if (prefix.length > 29) {
          ctx.error(gateway, `vpn_client_configuration.address_space ${show(text)} is smaller than the /29 minimum; use a /29 or larger pool (a /24 is typical)`);
          continue;
        }
        if (prefix.length <= 28) continue;
        activeActive ??= activeActiveOf(gateway);
        if (activeActive instanceof Unknown) {
          ctx.skipped(gateway, `whether ${show(text)} is large enough (active_active)`, activeActive);
        } else if (activeActive) {
          ctx.error(gateway, `vpn_client_configuration.address_space ${show(text)} is a /29 but an active-active gateway needs a /28 or larger pool; widen the prefix`);
        }
      }
    }
  },
};

const poolSplit: Rule = {
  id: 'p2s.pool.split',
  severity: Severity.WARNING,
  summary: 'With SSTP and another tunnel type enabled the client pool is split between them and SSTP stays capped at 128 clients.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const protocols = protocolsOf(p2s);
      if (!protocols || !protocols.names.has('sstp') || protocols.names.size < 2) continue;
      ctx.warning(gateway, `vpn_client_protocols = ${showProtocols(protocols)} splits the client address pool equally between the protocols and SSTP is capped at 128 clients; size vpn_client_configuration.address_space for that, or drop SSTP`);
    }
  },
};

const protocolSku: Rule = {
  id: 'p2s.protocol-sku',
  severity: Severity.ERROR,
  summary: 'A Basic gateway supports point-to-site over IKEv2 with certificate authentication (since Nov 2025; SSTP only on Basic gateways that already had it), never OpenVPN or Microsoft Entra ID.',
  source: `${SOURCES.SKUS}; ${SOURCES.SSTP_RETIRE} (note: Basic gateways support IKEv2 since November 2025)`,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const sku = skuOf(ctx, gateway);
      if (sku !== 'Basic') continue;
      const protocols = protocolsOf(p2s);
      if (protocols && protocols.names.has('openvpn')) {
        ctx.error(gateway, `sku = "Basic" supports point-to-site over IKEv2 (and SSTP only where it was already enabled), not OpenVPN, but vpn_client_protocols = ${showProtocols(protocols)}; use vpn_client_protocols = ["IkeV2"] or a VpnGw1AZ or larger SKU`);
      }
      if (configuredAuth(gateway, p2s).has('AAD')) {
        ctx.error(gateway, 'sku = "Basic" does not support Microsoft Entra ID (aad_tenant, aad_audience, aad_issuer) point-to-site authentication; use certificates or a VpnGw1AZ or larger SKU');
      }
    }
  },
};

const sstpRetired: Rule = {
  id: 'p2s.sstp-retired',
  severity: Severity.ERROR,
  summary: 'SSTP can no longer be enabled on a gateway (since 2026-03-31): an error for a new gateway or one that did not have SSTP; a warning for a deployed gateway that already has it, whose SSTP connections stop on 2027-03-31.',
  source: `${SOURCES.SSTP_RETIRE} (SSTP protocol retirement and connections migration: "enabling SSTP … no longer supported" from 2026-03-31; existing SSTP connections stop 2027-03-31)`,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const protocols = protocolsOf(p2s);
      if (!protocols || !protocols.names.has('sstp')) continue;
      // Keeping SSTP is allowed until 2027-03-31 only where the deployed gateway has it now (a
      // state, or a plan that keeps or updates the gateway); anything else enables SSTP.
      const kept = gateway.deployed?.vpnClientProtocols.some((p) => p.toLowerCase() === 'sstp') === true;
      if (kept) {
        ctx.warning(gateway, `vpn_client_protocols = ${showProtocols(protocols)} keeps SSTP on this deployed gateway, which Azure allows only until 2027-03-31, when SSTP connections stop; switch to ["IkeV2", "OpenVPN"] (or ["IkeV2"] on Basic) and move clients to the IKEv2/OpenVPN profile before then`);
        continue;
      }
      const why = gateway.deployed
        ? 'this deployed gateway does not have SSTP today, so this enables it'
        : 'nothing shows this gateway already exists with SSTP (check a plan, terraform show -json, to have an existing SSTP gateway reported as a warning)';
      ctx.error(gateway, `vpn_client_protocols = ${showProtocols(protocols)} enables SSTP, which Azure no longer allows since 2026-03-31 (${why}; gateways that already had SSTP keep it only until 2027-03-31); use ["IkeV2", "OpenVPN"] (or ["IkeV2"] on Basic) and move clients to the IKEv2/OpenVPN profile`);
    }
  },
};

const tunnelCombos: Rule = {
  id: 'p2s.tunnel-combos',
  severity: Severity.ERROR,
  summary: 'vpn_client_protocols must be one of OpenVPN, SSTP, IkeV2, IkeV2+OpenVPN or IkeV2+SSTP; OpenVPN and SSTP cannot be combined.',
  source: SOURCES.P2S,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const protocols = protocolsOf(p2s);
      if (!protocols) continue;
      if (protocols.names.has('openvpn') && protocols.names.has('sstp')) {
        ctx.error(gateway, `vpn_client_protocols = ${showProtocols(protocols)} combines OpenVPN and SSTP, which Azure does not offer; use one of ["OpenVPN"], ["SSTP"], ["IkeV2"], ["IkeV2", "OpenVPN"], ["IkeV2", "SSTP"]`);
      } else if (protocols.unknown) {
        ctx.skipped(gateway, 'vpn_client_protocols', protocols.unknown);
      }
    }
  },
};

const AUTH_FIELDS: Record<AuthType, string> = {
  Certificate: 'a root_certificate block',
  AAD: 'aad_tenant, aad_audience and aad_issuer',
  Radius: 'radius_server_address/radius_server_secret or a radius_server block',
};

const authProtocol: Rule = {
  id: 'p2s.auth-protocol',
  severity: Severity.ERROR,
  summary: 'The authentication types must fit the tunnel types (Entra ID needs OpenVPN; several types need OpenVPN), and vpn_auth_types must match the settings present.',
  source: SOURCES.P2S,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const configured = configuredAuth(gateway, p2s);
      const authTypesSet = p2s.authTypes !== undefined && (p2s.authTypes.items.length > 0 || p2s.authTypes.unknown !== undefined);
      if (!authTypesSet && configured.size >= 2) {
        ctx.error(gateway, `vpn_client_configuration has settings for ${show([...configured])} authentication but vpn_auth_types is not set; azurerm requires vpn_auth_types when several authentication types are used — set it to the ones you want`);
      }
      if (authTypesSet && p2s.authTypes) {
        for (const t of p2s.authTypes.items) {
          const a = normaliseAuth(t);
          if (a && !configured.has(a)) {
            ctx.error(gateway, `vpn_auth_types lists ${show(t)} but vpn_client_configuration has no ${AUTH_FIELDS[a]}; add those settings or remove ${show(t)}`);
          }
        }
      }
      const auth = effectiveAuth(ctx, gateway, p2s);
      if (!auth) continue;
      const protocols = protocolsOf(p2s);
      if (auth.has('AAD')) {
        if (!protocols) {
          ctx.warning(gateway, 'Microsoft Entra ID authentication works only over OpenVPN but vpn_client_protocols is not set, so Azure picks the tunnel types; set vpn_client_protocols = ["OpenVPN"] (or ["IkeV2", "OpenVPN"])');
          continue;
        }
        if (!protocols.names.has('openvpn')) {
          if (protocols.unknown) ctx.skipped(gateway, 'vpn_client_protocols', protocols.unknown);
          else ctx.error(gateway, `Microsoft Entra ID authentication works only over OpenVPN but vpn_client_protocols = ${showProtocols(protocols)}; add "OpenVPN" (e.g. vpn_client_protocols = ["OpenVPN"])`);
          continue;
        }
      }
      if (!protocols || protocols.unknown) continue;
      const names = protocols.names;
      if (names.has('openvpn') && names.has('sstp')) continue; // p2s.tunnel-combos reports it
      if (!names.has('openvpn')) {
        if (auth.size >= 2) {
          ctx.error(gateway, `vpn_client_protocols = ${showProtocols(protocols)} allows one authentication type (certificate or RADIUS) but ${show([...auth])} are enabled; several authentication types need OpenVPN`);
        }
        continue;
      }
      if (names.has('ikev2')) {
        // IKEv2 clients cannot use Entra ID: exactly one of certificate or RADIUS must serve them.
        const forIkev2 = [...auth].filter((a) => a !== 'AAD');
        if (forIkev2.length === 0) {
          ctx.error(gateway, `vpn_client_protocols = ${showProtocols(protocols)} with only Microsoft Entra ID authentication leaves IKEv2 clients without an authentication type; add certificate or RADIUS authentication, or use vpn_client_protocols = ["OpenVPN"]`);
        } else if (forIkev2.length > 1) {
          ctx.error(gateway, `vpn_client_protocols = ${showProtocols(protocols)} supports certificate or RADIUS authentication (optionally plus Entra ID), not both: ${show([...auth])} are enabled; remove one, or use vpn_client_protocols = ["OpenVPN"]`);
        }
      }
    }
  },
};

const entra: Rule = {
  id: 'p2s.entra',
  severity: Severity.ERROR,
  summary: 'aad_tenant, aad_audience and aad_issuer are set together; the audience should be the Microsoft-registered Azure VPN Client app.',
  source: SOURCES.P2S,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const fields: Array<[string, Maybe<string> | undefined]> = [
        ['aad_tenant', p2s.aadTenant],
        ['aad_audience', p2s.aadAudience],
        ['aad_issuer', p2s.aadIssuer],
      ];
      const set = fields.filter(([, v]) => v !== undefined).map(([n]) => n);
      if (set.length > 0 && set.length < 3) {
        const missing = fields.filter(([, v]) => v === undefined).map(([n]) => n);
        ctx.error(gateway, `vpn_client_configuration sets ${set.join(', ')} but not ${missing.join(', ')}; Entra ID authentication needs all three (aad_tenant, aad_audience, aad_issuer) or none`);
      }
      if (p2s.aadAudience === undefined) continue;
      const audience = knownOrSkipped(ctx, gateway, 'aad_audience', p2s.aadAudience);
      if (audience === undefined) continue;
      const normalised = audience.trim().toLowerCase();
      if (normalised === MICROSOFT_REGISTERED_AUDIENCE || MANUAL_SOVEREIGN_AUDIENCES.has(normalised)) continue;
      if (normalised === MANUAL_PUBLIC_AUDIENCE) {
        ctx.warning(gateway, `aad_audience = ${show(audience)} is the manually registered Azure VPN Client app, which retires March 31, 2028; switch to the Microsoft-registered audience ${show(MICROSOFT_REGISTERED_AUDIENCE)} and redistribute the client profile`);
      } else {
        // A custom audience app is supported; only the manually registered client app retires.
        ctx.info(gateway, `aad_audience = ${show(audience)} is a custom audience; make sure it is associated with the Microsoft-registered Azure VPN Client (${MICROSOFT_REGISTERED_AUDIENCE}), not the manually registered one that retires March 31, 2028`);
      }
    }
  },
};

const radius: Rule = {
  id: 'p2s.radius',
  severity: Severity.ERROR,
  summary: 'RADIUS is not available on Basic; each server needs an IPv4 address, a 1–128 character secret and a score of 1–30, and must be reachable from the gateway.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const servers = radiusServersOf(p2s);
      if (servers.length === 0) continue;
      if (skuOf(ctx, gateway) === 'Basic') {
        ctx.error(gateway, 'sku = "Basic" does not support RADIUS point-to-site authentication; remove the RADIUS settings or use a VpnGw1AZ or larger SKU');
      }
      if ((p2s.radiusServerAddress === undefined) !== (p2s.radiusServerSecret === undefined)) {
        const [set, missing] = p2s.radiusServerAddress === undefined ? ['radius_server_secret', 'radius_server_address'] : ['radius_server_address', 'radius_server_secret'];
        ctx.error(gateway, `vpn_client_configuration sets ${set} without ${missing}; azurerm requires both together`);
      }
      const addresses: Prefix[] = [];
      for (const server of servers) {
        if (server.address !== undefined) {
          const address = knownOrSkipped(ctx, gateway, `${server.attribute} address`, server.address);
          if (address !== undefined) {
            const parsed = parseAddress(address);
            if (parsed?.version !== 4) ctx.error(gateway, `${server.attribute} address ${show(address)} is not an IPv4 address; RADIUS servers are given by IPv4 address`);
            else addresses.push(parsed);
          }
        }
        if (server.secret !== undefined && isKnown(server.secret)) {
          const length = Buffer.byteLength(server.secret, 'utf8');
          if (length < 1 || length > 128) {
            ctx.error(gateway, `${server.attribute} secret is ${length} characters long; it must be 1 to 128 characters (value not shown)`);
          }
        }
        if (server.score !== undefined) {
          const score = knownOrSkipped(ctx, gateway, `${server.attribute} score`, server.score);
          if (score !== undefined && (!Number.isInteger(score) || score < 1 || score > 30)) {
            ctx.error(gateway, `${server.attribute} score = ${score} is out of range; use an integer from 1 to 30`);
          }
        }
      }
      warnUnreachableRadius(ctx, gateway, addresses);
    }
  },
};

/**
 * The gateway reaches a RADIUS server inside its VNet or a peered VNet directly; anywhere else
 * only through a site-to-site tunnel (not over ExpressRoute). Warn when there is no such tunnel.
 */
function warnUnreachableRadius(ctx: RuleContext, gateway: VirtualNetworkGateway, addresses: Prefix[]): void {
  if (addresses.length === 0) return;
  for (const connection of ctx.lookup.connectionsOf(gateway.address)) {
    const type = connection.connectionType;
    // An unknown type might be IPsec: do not warn.
    if (!isKnown(type) || type === IPSEC || type === VNET2VNET) return;
  }
  const inAzure: Prefix[] = [];
  const vnet = ctx.lookup.gatewayVnet(gateway);
  if (vnet) {
    const vnets = [vnet, ...ctx.lookup.peeringsFrom(vnet.address).map((p) => ctx.lookup.virtualNetwork(p.remoteVirtualNetwork))];
    for (const v of vnets) {
      if (!v) continue;
      if (v.addressSpace.unknown) return; // the server may be in the unknown part
      for (const text of v.addressSpace.items) {
        const p = parsePrefix(text);
        if (p) inAzure.push(p);
      }
    }
  }
  for (const address of addresses) {
    if (inAzure.some((p) => contains(p, address))) continue;
    ctx.warning(gateway, `RADIUS server ${show(address.text.split('/')[0])} is outside the gateway's VNet and peered VNets, and the gateway has no site-to-site connection; an on-premises RADIUS server must be reachable over a S2S VPN connection (not ExpressRoute)`);
  }
}

const CERT_LIMIT = 20;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const OID_RSA_ENCRYPTION = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]);
const OID_EC_PUBLIC_KEY = Buffer.from([0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);

const rootCerts: Rule = {
  id: 'p2s.root-certs',
  severity: Severity.ERROR,
  summary: 'At most 20 root certificates, each given as single-line Base-64 DER data of an RSA certificate.',
  source: SOURCES.P2S_CERT,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const dynamicCerts = unknownBlock(gateway, 'vpn_client_configuration.root_certificate');
      if (dynamicCerts && p2s.rootCertificates.length <= CERT_LIMIT) {
        ctx.skipped(gateway, `the number of root_certificate blocks (at most ${CERT_LIMIT})`, dynamicCerts);
      } else if (p2s.rootCertificates.length > CERT_LIMIT) {
        ctx.error(gateway, `vpn_client_configuration has ${p2s.rootCertificates.length} root_certificate blocks; Azure allows at most ${CERT_LIMIT} trusted root certificates — remove some`);
      }
      const protocols = protocolsOf(p2s);
      // Unset protocols may include IKEv2 (Azure's default); ECC is unsupported for IKEv2 P2S.
      const ikev2Possible = !protocols || protocols.names.has('ikev2') || protocols.unknown !== undefined;
      for (const cert of p2s.rootCertificates) {
        const name = isKnown(cert.name) ? show(cert.name) : 'a root_certificate';
        if (cert.publicCertData === undefined) continue;
        const data = knownOrSkipped(ctx, gateway, `public_cert_data of root_certificate ${name}`, cert.publicCertData);
        if (data === undefined) continue;
        const problem = certDataProblem(data);
        if (problem) {
          ctx.error(gateway, `root_certificate ${name} public_cert_data ${problem}; give the Base-64 (.cer) data on one line without the -----BEGIN/END CERTIFICATE----- lines`);
          continue;
        }
        const der = Buffer.from(data, 'base64');
        if (der.includes(OID_EC_PUBLIC_KEY) && !der.includes(OID_RSA_ENCRYPTION)) {
          const text = `root_certificate ${name} has an elliptic-curve (ECDSA) key; Azure P2S supports RSA root certificates only (ECC is not supported for IKEv2) — issue an RSA root certificate`;
          if (ikev2Possible) ctx.error(gateway, text);
          else ctx.warning(gateway, text);
        }
      }
    }
  },
};

function certDataProblem(data: string): string | undefined {
  if (data.includes('-----BEGIN') || data.includes('-----END')) return 'contains a PEM -----BEGIN/-----END line';
  if (/[\r\n]/.test(data)) return 'contains line breaks';
  if (data.length === 0) return 'is empty';
  if (!BASE64.test(data) || data.length % 4 !== 0) return 'is not Base-64 data';
  // DER certificates start with a SEQUENCE tag.
  if (Buffer.from(data, 'base64')[0] !== 0x30) return 'does not decode to a DER X.509 certificate';
  return undefined;
}

const ipv6: Rule = {
  id: 'p2s.ipv6',
  severity: Severity.ERROR,
  summary: 'An IPv6 client pool works only with IKEv2 and OpenVPN (not SSTP) and not on the Basic SKU.',
  source: SOURCES.P2S,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const v6 = poolPrefixes(p2s).filter((p) => p.prefix.version === 6);
      if (v6.length === 0) continue;
      const pools = show(v6.map((p) => p.text));
      const protocols = protocolsOf(p2s);
      if (protocols?.names.has('sstp')) {
        ctx.error(gateway, `vpn_client_configuration.address_space has IPv6 prefixes ${pools} but vpn_client_protocols includes SSTP, which has no IPv6; use IkeV2 and/or OpenVPN, or remove the IPv6 pool`);
      }
      if (skuOf(ctx, gateway) === 'Basic') {
        ctx.error(gateway, `vpn_client_configuration.address_space has IPv6 prefixes ${pools} but sku = "Basic" has no IPv6 support; use a VpnGw1AZ or larger SKU`);
      }
    }
  },
};

const customIpsec: Rule = {
  id: 'p2s.custom-ipsec',
  severity: Severity.ERROR,
  summary: 'A point-to-site ipsec_policy needs sa_lifetime_in_seconds 300–172799 and sa_data_size_in_kilobytes 1024–2147483647.',
  source: SOURCES.TF_GW,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const policy = p2s.ipsecPolicy;
      if (!policy) continue;
      const checks: Array<[string, Maybe<number> | undefined, number, number]> = [
        ['sa_lifetime_in_seconds', policy.saLifetimeSeconds, 300, 172799],
        ['sa_data_size_in_kilobytes', policy.saDataSizeKilobytes, 1024, 2147483647],
      ];
      for (const [attribute, raw, min, max] of checks) {
        if (raw === undefined) continue;
        const value = knownOrSkipped(ctx, gateway, `vpn_client_configuration.ipsec_policy.${attribute}`, raw);
        if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
          ctx.error(gateway, `vpn_client_configuration.ipsec_policy.${attribute} = ${value} is out of range; use an integer from ${min} to ${max}`);
        }
      }
    }
  },
};

const IKEV2_WINDOWS_ROUTES = 25;
const OPENVPN_ROUTES = 1000;

const routeLimits: Rule = {
  id: 'p2s.route-limits',
  severity: Severity.WARNING,
  summary: 'Clients get a route per prefix: Windows IKEv2 handles 25 (255 from Windows 10 2004), OpenVPN 1000.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const { gateway, p2s } of p2sGateways(ctx)) {
      const protocols = protocolsOf(p2s);
      if (!protocols) continue;
      const ikev2 = protocols.names.has('ikev2');
      const openvpn = protocols.names.has('openvpn');
      if (!ikev2 && !openvpn) continue;
      const prefixes = new Set<string>();
      let partial = false;
      for (const network of networksAround(ctx.lookup, gateway).networks) {
        if (network.addressSpace.unknown) partial = true;
        for (const text of network.addressSpace.items) prefixes.add(text);
      }
      // Custom routes are advertised to clients on top of the networks around the gateway.
      if (gateway.customRoutes?.unknown) partial = true;
      for (const text of gateway.customRoutes?.items ?? []) prefixes.add(text);
      const count = `${partial ? 'at least ' : ''}${prefixes.size}`;
      if (ikev2 && prefixes.size > IKEV2_WINDOWS_ROUTES) {
        ctx.warning(gateway, `point-to-site clients get ${count} routes (gateway VNet, peered VNets, connected sites, custom routes), more than the ${IKEV2_WINDOWS_ROUTES} traffic selectors Windows IKEv2 clients accept (255 from Windows 10 2004); summarise prefixes or use OpenVPN`);
      }
      if (openvpn && prefixes.size > OPENVPN_ROUTES) {
        ctx.warning(gateway, `point-to-site clients get ${count} routes (gateway VNet, peered VNets, connected sites, custom routes), more than the ${OPENVPN_ROUTES} routes OpenVPN clients accept; summarise prefixes`);
      }
    }
  },
};

const transit: Rule = {
  id: 'p2s.transit',
  severity: Severity.WARNING,
  summary: 'P2S clients reach a peered VNet only when it uses the hub gateway, and networks behind S2S or VNet-to-VNet connections only over BGP.',
  source: SOURCES.P2S_ROUTING,
  check(ctx) {
    for (const { gateway } of p2sGateways(ctx)) {
      const vnet = ctx.lookup.gatewayVnet(gateway);
      if (vnet) {
        for (const peering of ctx.lookup.peeringsFrom(vnet.address)) {
          if (peering.allowGatewayTransit !== true) continue;
          const reverse = ctx.lookup.reversePeering(peering);
          if (!reverse) continue; // peer.both-sides reports the missing side
          const useRemote = reverse.useRemoteGateways ?? false;
          if (useRemote instanceof Unknown) {
            ctx.skipped(reverse, 'use_remote_gateways', useRemote);
          } else if (!useRemote) {
            ctx.warning(reverse, `the hub peering allows gateway transit but this peering has use_remote_gateways = false, so point-to-site clients of ${gateway.address} get no route to this VNet; set use_remote_gateways = true if they should reach it`);
          }
        }
      }
      for (const connection of ctx.lookup.connectionsOf(gateway.address)) {
        const type = connection.connectionType;
        if (!isKnown(type) || (type !== IPSEC && type !== VNET2VNET)) continue;
        const bgp = connectionBgpOf(connection);
        if (bgp instanceof Unknown) {
          ctx.skipped(connection, 'bgp_enabled', bgp);
        } else if (!bgp) {
          ctx.warning(connection, `point-to-site clients of ${gateway.address} get no routes to the network behind this connection because it does not use BGP; set bgp_enabled = true (on the gateway, the connection and the remote side) if they should reach it`);
        }
      }
    }
  },
};

export const p2sRules: Rule[] = [
  sstpRetired,
  routeBased,
  poolNoOverlap,
  poolMinSize,
  poolSplit,
  rootCerts,
  protocolSku,
  tunnelCombos,
  authProtocol,
  entra,
  radius,
  aaThirdIp,
  routeLimits,
  transit,
  ipv6,
  customIpsec,
  ...p2sGroupRules,
];

export const p2sLeftOut: LeftOut[] = [
  { id: 'p2s.client-limits', reason: 'depends on the number of concurrent clients, which is not in the configuration' },
  { id: 'p2s.clients-talk', reason: 'advice that fits every point-to-site configuration (clients on one gateway can reach each other)' },
  { id: 'p2s.cert-rotation', reason: 'advice that fits every point-to-site configuration (Azure rotates the gateway certificate; profiles must be redistributed)' },
];
