import { Connection, Entity, IpsecPolicy, VpnGateway } from '../model/topology';
import { vpnSku } from '../model/sku-capabilities';
import { LeftOut, Rule, RuleContext, Severity } from './rule';
import { connectionTypeOf, known, referenced, show } from './support';
import { SOURCES } from './sources';

// ---------------------------------------------------------------------------------------------
// The IPsec/IKE policy enumerations (azure-vpn-rules.md §3), shared by connection `ipsec_policy`
// and P2S `vpn_client_configuration.ipsec_policy` (azurerm validates both with the same lists).

/** The six algorithm fields of an IPsec/IKE policy, as the model names them. */
export type IpsecAlgorithmField = 'dhGroup' | 'ikeEncryption' | 'ikeIntegrity' | 'ipsecEncryption' | 'ipsecIntegrity' | 'pfsGroup';

export interface IpsecAlgorithmSpec {
  readonly field: IpsecAlgorithmField;
  /** The Terraform attribute inside `ipsec_policy`. */
  readonly attribute: string;
  /** Values the API and azurerm accept (exact case). */
  readonly accepted: readonly string[];
  /** Values the current Azure docs list as supported; the others are accepted but undocumented. */
  readonly documented: readonly string[];
  /** Values Azure accepts but that should not be used, with the reason. */
  readonly weak: Readonly<Record<string, string>>;
}

const GCMAES_IKE = 'not documented for IKE integrity since 2024 (use SHA256 or SHA384 with a GCMAES ike_encryption)';

export const IPSEC_ALGORITHMS: readonly IpsecAlgorithmSpec[] = [
  {
    field: 'ikeEncryption',
    attribute: 'ike_encryption',
    accepted: ['AES128', 'AES192', 'AES256', 'DES', 'DES3', 'GCMAES128', 'GCMAES256'],
    documented: ['GCMAES256', 'GCMAES128', 'AES256', 'AES192', 'AES128'],
    weak: { DES: 'DES is broken', DES3: '3DES is legacy and the slowest option' },
  },
  {
    field: 'ikeIntegrity',
    attribute: 'ike_integrity',
    accepted: ['MD5', 'SHA1', 'SHA256', 'SHA384', 'GCMAES128', 'GCMAES256'],
    documented: ['SHA384', 'SHA256', 'SHA1', 'MD5'],
    weak: { MD5: 'MD5 is broken', SHA1: 'SHA1 is legacy', GCMAES128: GCMAES_IKE, GCMAES256: GCMAES_IKE },
  },
  {
    field: 'dhGroup',
    attribute: 'dh_group',
    accepted: ['None', 'DHGroup1', 'DHGroup2', 'DHGroup14', 'DHGroup2048', 'ECP256', 'ECP384', 'DHGroup24'],
    documented: ['None', 'DHGroup1', 'DHGroup2', 'DHGroup14', 'DHGroup2048', 'ECP256', 'ECP384', 'DHGroup24'],
    weak: { DHGroup1: 'DH group 1 is 768-bit MODP', DHGroup2: 'DH group 2 is 1024-bit MODP', None: 'no Diffie-Hellman group' },
  },
  {
    field: 'ipsecEncryption',
    attribute: 'ipsec_encryption',
    accepted: ['None', 'DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    documented: ['None', 'DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    // `None` (ESP NULL) is ipsec.null's concern: acceptable on VNet-to-VNet, not over the Internet.
    weak: { DES: 'DES is broken', DES3: '3DES is legacy and the slowest option' },
  },
  {
    field: 'ipsecIntegrity',
    attribute: 'ipsec_integrity',
    accepted: ['MD5', 'SHA1', 'SHA256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    documented: ['MD5', 'SHA1', 'SHA256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
    weak: { MD5: 'MD5 is broken', SHA1: 'SHA1 is legacy' },
  },
  {
    field: 'pfsGroup',
    attribute: 'pfs_group',
    accepted: ['None', 'PFS1', 'PFS2', 'PFS2048', 'ECP256', 'ECP384', 'PFS24', 'PFS14', 'PFSMM'],
    documented: ['PFS24', 'ECP384', 'ECP256', 'PFS2048', 'PFS2', 'PFS1', 'None'],
    weak: { PFS1: 'PFS group 1 is 768-bit MODP', PFS2: 'PFS group 2 is 1024-bit MODP' },
  },
];

/** The GCM algorithms of `ipsec_encryption` that must be paired with the same `ipsec_integrity`. */
export const GCM_IPSEC_ALGORITHMS: readonly string[] = ['GCMAES128', 'GCMAES192', 'GCMAES256'];

/** Connection `sa_lifetime` (quick mode, seconds): azurerm's minimum, and the P2S maximum (S2S maximum undocumented). */
export const SA_LIFETIME_SECONDS = { min: 300, documentedMax: 172799, default: 27000 } as const;

/** Connection `sa_datasize` (quick mode, KB): 0 (no limit) or 1024 up to the int32 maximum. */
export const SA_DATASIZE_KILOBYTES = { min: 1024, max: 2147483647, default: 102400000 } as const;

const SPEC_BY_FIELD = new Map(IPSEC_ALGORITHMS.map((s) => [s.field, s]));

function spec(field: IpsecAlgorithmField): IpsecAlgorithmSpec {
  return SPEC_BY_FIELD.get(field)!;
}

/** Whether a value is accepted for an algorithm field (exact case, as azurerm and the API compare). */
export function isAcceptedIpsecValue(field: IpsecAlgorithmField, value: string): boolean {
  return spec(field).accepted.includes(value);
}

// ---------------------------------------------------------------------------------------------
// Where policies are written

interface PolicySite {
  /** The resource that carries the policy. */
  readonly entity: Entity;
  readonly policy: IpsecPolicy;
  /** The policy block as written in Terraform. */
  readonly block: 'ipsec_policy' | 'vpn_client_configuration.ipsec_policy';
  /** Set for connection policies. */
  readonly connection?: Connection;
  /** Set for P2S policies. */
  readonly gateway?: VpnGateway;
}

function policySites(ctx: RuleContext): PolicySite[] {
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
function algorithm(ctx: RuleContext, site: PolicySite, field: IpsecAlgorithmField): string | undefined {
  const value = site.policy[field];
  if (value === undefined) return undefined;
  return known(ctx, site.entity, `${site.block}.${spec(field).attribute}`, value);
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
      let gateway: VpnGateway | undefined = site.gateway;
      if (site.connection) {
        const c = site.connection;
        const type = connectionTypeOf(c);
        const t = type === undefined ? undefined : known(ctx, c, 'type', type);
        if (t === 'ExpressRoute') {
          ctx.error(c, 'ipsec_policy is set on an ExpressRoute connection; custom IPsec/IKE policies only apply to IPsec and Vnet2Vnet connections — remove ipsec_policy');
          continue;
        }
        gateway = referenced(ctx, c, 'virtual_network_gateway_id', c.gateway, (a) => ctx.lookup.gateway(a));
      }
      if (!gateway) continue;
      const sku = known(ctx, site.entity, site.gateway ? 'sku' : `${gateway.address} sku`, gateway.sku);
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
      const lifetime = site.policy.saLifetimeSeconds === undefined ? undefined : known(ctx, c, 'ipsec_policy.sa_lifetime', site.policy.saLifetimeSeconds);
      if (lifetime !== undefined) {
        if (!Number.isInteger(lifetime) || lifetime < SA_LIFETIME_SECONDS.min) {
          ctx.error(c, `ipsec_policy.sa_lifetime = ${lifetime} must be a whole number of seconds, at least ${SA_LIFETIME_SECONDS.min} (default ${SA_LIFETIME_SECONDS.default})`);
        } else if (lifetime > SA_LIFETIME_SECONDS.documentedMax) {
          ctx.warning(c, `ipsec_policy.sa_lifetime = ${lifetime} is above ${SA_LIFETIME_SECONDS.documentedMax} s, the documented maximum for P2S policies; the S2S maximum is not documented (unconfirmed), so stay at or below ${SA_LIFETIME_SECONDS.documentedMax}`);
        }
      }
      const size = site.policy.saDataSizeKilobytes === undefined ? undefined : known(ctx, c, 'ipsec_policy.sa_datasize', site.policy.saDataSizeKilobytes);
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
        const type = connectionTypeOf(site.connection);
        if (type === undefined || known(ctx, site.entity, 'type', type) !== 'IPsec') continue;
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
