import { Connection, Entity, IpsecPolicy, VirtualNetworkGateway } from '../model/topology';
import { vpnSku } from '../azure/sku-capabilities';
import {
  algorithmSpec,
  GCM_IPSEC_ALGORITHMS,
  IPSEC_ALGORITHMS,
  IpsecAlgorithmField,
  isAcceptedIpsecValue,
  SA_DATASIZE_KILOBYTES,
  SA_LIFETIME_SECONDS,
} from '../azure/ipsec';
import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { knownOrSkipped, referenced, show } from './support';
import { SOURCES } from '../azure/sources';
import { EXPRESS_ROUTE, IPSEC } from '../azure/connection-types';

// ---------------------------------------------------------------------------------------------
// Where policies are written

export interface PolicySite {
  /** The resource that carries the policy. */
  readonly entity: Entity;
  readonly policy: IpsecPolicy;
  /** The policy block as written in Terraform. */
  readonly block: 'ipsec_policy' | 'vpn_client_configuration.ipsec_policy';
  /** Set for connection policies. */
  readonly connection?: Connection;
  /** Set for P2S policies. */
  readonly gateway?: VirtualNetworkGateway;
}

export function policySites(ctx: RuleContext): PolicySite[] {
  const sites: PolicySite[] = [];
  for (const c of ctx.topology.connections) {
    if (!c.external && c.ipsecPolicy) sites.push({ entity: c, policy: c.ipsecPolicy, block: 'ipsec_policy', connection: c });
  }
  for (const g of ctx.topology.gateways) {
    const policy = g.p2s?.ipsecPolicy;
    if (!g.external && policy) sites.push({ entity: g, policy, block: 'vpn_client_configuration.ipsec_policy', gateway: g });
  }
  return sites;
}

/** A known algorithm value, or undefined after an info skip (or when it is not set). */
export function algorithm(ctx: RuleContext, site: PolicySite, field: IpsecAlgorithmField): string | undefined {
  const value = site.policy[field];
  if (value === undefined) return undefined;
  return knownOrSkipped(ctx, site.entity, `${site.block}.${algorithmSpec(field).attribute}`, value);
}

// ---------------------------------------------------------------------------------------------
// Rules

const skuRule: Rule = {
  id: 'ipsec.sku',
  severity: Severity.ERROR,
  summary: 'Custom IPsec/IKE policies work on every gateway SKU but Basic, and only on IPsec and Vnet2Vnet connections (not ExpressRoute).',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const site of policySites(ctx)) {
      let gateway: VirtualNetworkGateway | undefined = site.gateway;
      if (site.connection) {
        const c = site.connection;
        const type = c.connectionType;
        const t = type === undefined ? undefined : knownOrSkipped(ctx, c, 'type', type);
        if (t === EXPRESS_ROUTE) {
          ctx.error(c, 'ipsec_policy is set on an ExpressRoute connection; custom IPsec/IKE policies only apply to IPsec and Vnet2Vnet connections — remove ipsec_policy');
          continue;
        }
        gateway = referenced(ctx, c, 'virtual_network_gateway_id', c.gateway, (a) => ctx.lookup.gateway(a));
      }
      if (!gateway) continue;
      const sku = knownOrSkipped(ctx, site.entity, site.gateway ? 'sku' : `${gateway.address} sku`, gateway.sku);
      if (sku === undefined || vpnSku(sku)?.customIpsecPolicy !== false) continue;
      const where = site.gateway ? 'this gateway has' : `its gateway ${gateway.address} has`;
      ctx.error(site.entity, `${site.block} is set but ${where} sku = ${show(sku)}, which does not support custom IPsec/IKE policies; use VpnGw1AZ or larger, or remove ${site.block}`);
    }
  },
};

const completeRule: Rule = {
  id: 'ipsec.complete',
  severity: Severity.ERROR,
  summary: 'An IPsec/IKE policy sets all six algorithms: dh_group, ike_encryption, ike_integrity, ipsec_encryption, ipsec_integrity and pfs_group.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const site of policySites(ctx)) {
      const missing = IPSEC_ALGORITHMS.filter((s) => site.policy[s.field] === undefined).map((s) => s.attribute);
      if (missing.length === 0) continue;
      const all = IPSEC_ALGORITHMS.map((s) => s.attribute).join(', ');
      ctx.error(site.entity, `${site.block} does not set ${missing.join(', ')}; a custom policy needs all of ${all} (no partial policies)`);
    }
  },
};

const enumsRule: Rule = {
  id: 'ipsec.enums',
  severity: Severity.ERROR,
  summary: 'Each IPsec/IKE algorithm is one of the values Azure accepts for its field, in exact case.',
  source: SOURCES.IPSEC,
  check(ctx) {
    for (const site of policySites(ctx)) {
      for (const s of IPSEC_ALGORITHMS) {
        const value = algorithm(ctx, site, s.field);
        if (value === undefined || s.accepted.includes(value)) continue;
        const caseMatch = s.accepted.find((a) => a.toLowerCase() === value.toLowerCase());
        const hint = caseMatch ? ` (values are case-sensitive: write ${show(caseMatch)})` : '';
        ctx.error(site.entity, `${site.block}.${s.attribute} = ${show(value)} is not accepted${hint}; use one of ${s.accepted.join(', ')}`);
      }
    }
  },
};

const gcmPairingRule: Rule = {
  id: 'ipsec.gcm-pairing',
  severity: Severity.ERROR,
  summary: 'A GCMAES ipsec_encryption needs the same GCMAES ipsec_integrity, and a GCMAES ipsec_integrity the same GCMAES ipsec_encryption.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const site of policySites(ctx)) {
      const encryption = algorithm(ctx, site, 'ipsecEncryption');
      const integrity = algorithm(ctx, site, 'ipsecIntegrity');
      // Values outside the enumerations are ipsec.enums' finding; pairing them would only repeat it.
      if (encryption === undefined || integrity === undefined) continue;
      if (!isAcceptedIpsecValue('ipsecEncryption', encryption) || !isAcceptedIpsecValue('ipsecIntegrity', integrity)) continue;
      const gcmEncryption = GCM_IPSEC_ALGORITHMS.includes(encryption);
      const gcmIntegrity = GCM_IPSEC_ALGORITHMS.includes(integrity);
      if ((!gcmEncryption && !gcmIntegrity) || encryption === integrity) continue;
      const message = gcmEncryption
        ? `${site.block}.ipsec_encryption = ${show(encryption)} requires ipsec_integrity = ${show(encryption)}, not ${show(integrity)}; GCM provides both, so the two must name the same GCMAES algorithm`
        : `${site.block}.ipsec_integrity = ${show(integrity)} requires ipsec_encryption = ${show(integrity)}, not ${show(encryption)}; GCM provides both, so the two must name the same GCMAES algorithm`;
      ctx.error(site.entity, message);
    }
  },
};

const saLifetimeRule: Rule = {
  id: 'ipsec.sa-lifetime',
  severity: Severity.ERROR,
  summary: `Connection ipsec_policy.sa_lifetime is at least ${SA_LIFETIME_SECONDS.min} s and sa_datasize is 0 or at least ${SA_DATASIZE_KILOBYTES.min} KB.`,
  source: SOURCES.FAQ,
  check(ctx) {
    // P2S lifetimes (sa_lifetime_in_seconds, sa_data_size_in_kilobytes) are p2s.custom-ipsec's.
    for (const site of policySites(ctx)) {
      if (!site.connection) continue;
      const c = site.connection;
      const lifetime = site.policy.saLifetimeSeconds === undefined ? undefined : knownOrSkipped(ctx, c, 'ipsec_policy.sa_lifetime', site.policy.saLifetimeSeconds);
      if (lifetime !== undefined) {
        if (!Number.isInteger(lifetime) || lifetime < SA_LIFETIME_SECONDS.min) {
          ctx.error(c, `ipsec_policy.sa_lifetime = ${lifetime} must be a whole number of seconds, at least ${SA_LIFETIME_SECONDS.min} (default ${SA_LIFETIME_SECONDS.default})`);
        } else if (lifetime > SA_LIFETIME_SECONDS.documentedMax) {
          ctx.warning(c, `ipsec_policy.sa_lifetime = ${lifetime} is above ${SA_LIFETIME_SECONDS.documentedMax} s, the documented maximum for P2S policies; the S2S maximum is not documented (unconfirmed), so stay at or below ${SA_LIFETIME_SECONDS.documentedMax}`);
        }
      }
      const size = site.policy.saDataSizeKilobytes === undefined ? undefined : knownOrSkipped(ctx, c, 'ipsec_policy.sa_datasize', site.policy.saDataSizeKilobytes);
      if (size !== undefined && size !== 0 && (!Number.isInteger(size) || size < SA_DATASIZE_KILOBYTES.min || size > SA_DATASIZE_KILOBYTES.max)) {
        ctx.error(c, `ipsec_policy.sa_datasize = ${size} must be 0 (no limit) or a whole number of KB from ${SA_DATASIZE_KILOBYTES.min} to ${SA_DATASIZE_KILOBYTES.max} (default ${SA_DATASIZE_KILOBYTES.default})`);
      }
    }
  },
};

const weakRule: Rule = {
  id: 'ipsec.weak',
  severity: Severity.WARNING,
  summary: 'Avoid DES, DES3, MD5, SHA1, DH groups 1 and 2 (and None), PFS1 and PFS2, and GCMAES as ike_integrity: Azure accepts them but they are weak or undocumented.',
  source: SOURCES.CRYPTO,
  check(ctx) {
    for (const site of policySites(ctx)) {
      const found: string[] = [];
      for (const s of IPSEC_ALGORITHMS) {
        const value = algorithm(ctx, site, s.field);
        const reason = value !== undefined && Object.hasOwn(s.weak, value) ? s.weak[value] : undefined;
        if (value !== undefined && reason !== undefined) found.push(`${s.attribute} = ${show(value)} (${reason})`);
      }
      if (found.length === 0) continue;
      ctx.warning(site.entity, `${site.block} uses weak or undocumented algorithms: ${found.join('; ')}; prefer GCMAES256 or AES256 with SHA256/SHA384 and DHGroup14, DHGroup24, ECP256 or ECP384 (PFS2048, PFS24, ECP256 or ECP384)`);
    }
  },
};

const nullRule: Rule = {
  id: 'ipsec.null',
  severity: Severity.WARNING,
  summary: 'ipsec_encryption = "None" (ESP NULL) gives no confidentiality: acceptable on VNet-to-VNet connections, not over the Internet (IPsec site-to-site, point-to-site).',
  source: SOURCES.DEVICES,
  check(ctx) {
    for (const site of policySites(ctx)) {
      if (algorithm(ctx, site, 'ipsecEncryption') !== 'None') continue;
      if (site.connection) {
        const type = site.connection.connectionType;
        if (type === undefined || knownOrSkipped(ctx, site.entity, 'type', type) !== IPSEC) continue;
      }
      const over = site.connection ? 'a site-to-site connection over the Internet' : 'point-to-site clients on the Internet';
      ctx.warning(site.entity, `${site.block}.ipsec_encryption = "None" sends traffic without encryption on ${over}; use GCMAES256 or AES256 (ESP NULL is only for VNet-to-VNet or links encrypted elsewhere)`);
    }
  },
};

export const ipsecRules: Rule[] = [skuRule, completeRule, enumsRule, gcmPairingRule, saLifetimeRule, weakRule, nullRule];

export const ipsecLeftOut: LeftOut[] = [
  { id: 'ipsec.one-policy', reason: 'azurerm allows a single ipsec_policy block per connection (MaxItems 1), so a second policy cannot be written.' },
  { id: 'ipsec.peer-match', reason: 'Whether the on-premises device offers the same algorithms is device configuration, not visible in Terraform.' },
  { id: 'ipsec.change-disruption', reason: 'The brief tunnel reset applies to a change of policy, not to a configuration; a plan diff would be needed to see it.' },
];
