import { activeActiveOf } from '../azure/defaults';
import { VNET2VNET } from '../azure/connection-types';
import { DH_GROUP_ALIASES, SA_DATASIZE_KILOBYTES, SA_LIFETIME_SECONDS } from '../azure/ipsec';
import { SOURCES } from '../azure/sources';
import { Connection, IpsecPolicy } from '../model/topology';
import { isKnown, isUnknown, Maybe, sameValue, Unknown } from '../model/unknown';
import { Rule, RuleContext, Severity } from './rule';
import { externalUnknown, listEntities, show } from './support';

/**
 * The VNet-to-VNet pair rules (`conn.v2v.*` in RULES.md): both halves exist with one shared key and one
 * policy, and redundant tunnels between two gateways need active-active.
 */


interface V2VPair {
  readonly first: Connection;
  readonly second: Connection;
}

/**
 * Walks the Vnet2Vnet connections: calls `onPair` once per pair that has both halves, and
 * `onMissing` for a connection whose reverse half is not in the configuration.
 */
function forEachV2V(ctx: RuleContext, onPair: (pair: V2VPair) => void, onMissing?: (c: Connection) => void): void {
  const seen = new Set<Connection>();
  for (const c of ctx.topology.connections) {
    if (c.connectionType !== VNET2VNET || seen.has(c)) continue;
    const reverse = ctx.lookup.reverseConnection(c);
    if (!reverse) {
      onMissing?.(c);
      continue;
    }
    seen.add(c);
    seen.add(reverse);
    onPair(c.address <= reverse.address ? { first: c, second: reverse } : { first: reverse, second: c });
  }
}

/** Connections whose type or gateways are unknown: any of them might be a missing reverse half. */
function undecidedV2V(ctx: RuleContext): Connection[] {
  return ctx.topology.connections.filter(
    (c) => (c.connectionType === VNET2VNET || isUnknown(c.connectionType)) && (isUnknown(c.connectionType) || isUnknown(c.gateway) || isUnknown(c.peerGateway)),
  );
}

/** The unknown that keeps `candidate` from being ruled out as the reverse of `c`, if any. */
function mightBeReverse(candidate: Connection, c: Connection): Unknown | undefined {
  if (candidate === c) return undefined;
  if (isKnown(candidate.gateway) && candidate.gateway !== c.peerGateway) return undefined;
  if (isKnown(candidate.peerGateway) && candidate.peerGateway !== c.gateway) return undefined;
  if (candidate.peerGateway === undefined || candidate.gateway === undefined) return undefined;
  for (const v of [candidate.connectionType, candidate.gateway, candidate.peerGateway]) if (isUnknown(v)) return v;
  return undefined;
}

const RANDOM_PASSWORD = /^\$\{random_password\.([A-Za-z0-9_-]+(?:\[[^\]]*\])?)\.(?:result|bcrypt_hash)\}$/;

/**
 * Whether two shared keys are the same: true/false when that is certain, an Unknown otherwise.
 * Two different `random_password` resources are certainly different keys.
 */
function sameKey(a: Maybe<string>, b: Maybe<string>): boolean | Unknown {
  const same = sameValue(a, b);
  if (same !== undefined) return same;
  if (isUnknown(a) && isUnknown(b)) {
    const ra = a.expression?.match(RANDOM_PASSWORD);
    const rb = b.expression?.match(RANDOM_PASSWORD);
    if (ra && rb && ra[1] !== rb[1]) return false;
  }
  return isUnknown(a) ? a : (b as Unknown);
}

export const v2vPair: Rule = {
  id: 'conn.v2v.pair',
  severity: Severity.ERROR,
  summary: 'Every Vnet2Vnet connection has a reverse connection from the peer gateway back, and both carry the same shared_key.',
  source: SOURCES.V2V,
  check(ctx) {
    let undecided: Connection[] | undefined;
    forEachV2V(
      ctx,
      ({ first, second }) => {
        if (first.sharedKey === undefined || second.sharedKey === undefined) {
          for (const c of [first, second]) {
            if (c.sharedKey === undefined) {
              ctx.error(c, `shared_key is not set; Azure then generates a different key for each direction and the VNet-to-VNet tunnel never comes up. Set the same shared_key on ${first.address} and ${second.address}, e.g. from one random_password`);
            }
          }
          return;
        }
        const same = sameKey(first.sharedKey, second.sharedKey);
        if (same === false) {
          ctx.error(first, `shared_key differs from the one on the reverse connection ${second.address}; both halves of a VNet-to-VNet link need the same key, so take both from one variable or one random_password`);
        } else if (isUnknown(same)) {
          ctx.skipped(first, `whether shared_key matches the reverse connection ${second.address}`, same);
        }
      },
      (c) => {
        const peer = ctx.lookup.gateway(c.peerGateway);
        if (isUnknown(c.peerGateway) || isUnknown(c.gateway)) {
          ctx.skipped(c, 'the reverse connection (peer_virtual_network_gateway_id or virtual_network_gateway_id)', isUnknown(c.peerGateway) ? c.peerGateway : (c.gateway as Unknown));
          return;
        }
        if (!peer || peer.external) {
          ctx.skipped(c, 'the reverse connection', externalUnknown(peer, c.peerGateway));
          return;
        }
        undecided ??= undecidedV2V(ctx);
        for (const candidate of undecided) {
          const u = mightBeReverse(candidate, c);
          if (u) {
            ctx.skipped(c, `the reverse connection (${candidate.address} might be it)`, u);
            return;
          }
        }
        ctx.error(c, `no Vnet2Vnet connection leads back from ${peer.address} to ${String(c.gateway)}; a VNet-to-VNet link needs a connection in each direction, with peer_virtual_network_gateway_id = ${String(c.gateway)} and the same shared_key`);
      },
    );
  },
};

const POLICY_FIELDS: ReadonlyArray<[keyof IpsecPolicy, string, Maybe<string | number> | undefined]> = [
  ['dhGroup', 'dh_group', undefined],
  ['ikeEncryption', 'ike_encryption', undefined],
  ['ikeIntegrity', 'ike_integrity', undefined],
  ['ipsecEncryption', 'ipsec_encryption', undefined],
  ['ipsecIntegrity', 'ipsec_integrity', undefined],
  ['pfsGroup', 'pfs_group', undefined],
  // Unset SA limits take Azure's defaults, so an explicit default equals an unset value.
  ['saLifetimeSeconds', 'sa_lifetime', SA_LIFETIME_SECONDS.default],
  ['saDataSizeKilobytes', 'sa_datasize', SA_DATASIZE_KILOBYTES.default],
];

/** `DHGroup2048` is documented as an alias of `DHGroup14`. */
function policyValue(policy: IpsecPolicy, field: keyof IpsecPolicy, fallback: Maybe<string | number> | undefined): Maybe<string | number> | undefined {
  const value = policy[field] ?? fallback;
  return typeof value === 'string' ? (DH_GROUP_ALIASES[value] ?? value) : value;
}

export const v2vSamePolicy: Rule = {
  id: 'conn.v2v.same-policy',
  severity: Severity.ERROR,
  summary: 'Both connections of a VNet-to-VNet pair carry an identical ipsec_policy (or none) and the same use_policy_based_traffic_selectors.',
  source: SOURCES.IPSEC,
  check(ctx) {
    forEachV2V(ctx, ({ first, second }) => {
      const a = first.ipsecPolicy;
      const b = second.ipsecPolicy;
      if ((a === undefined) !== (b === undefined)) {
        const [withPolicy, without] = a ? [first, second] : [second, first];
        ctx.error(without, `has no ipsec_policy but its reverse connection ${withPolicy.address} has one; the tunnel only comes up when both halves carry the identical ipsec_policy block (or neither does)`);
      } else if (a && b) {
        const differing: string[] = [];
        for (const [field, attribute, fallback] of POLICY_FIELDS) {
          const va = policyValue(a, field, fallback);
          const vb = policyValue(b, field, fallback);
          const same = sameValue(va, vb);
          if (same === false) differing.push(`${attribute} ${show(va)} vs ${show(vb)}`);
          else if (same === undefined) ctx.skipped(first, `ipsec_policy.${attribute} of this connection or of ${second.address}`, (isUnknown(va) ? va : vb) as Unknown);
        }
        if (differing.length > 0) {
          ctx.error(first, `ipsec_policy differs from the reverse connection ${second.address} (${differing.join(', ')}); both halves of a VNet-to-VNet link need the identical policy or the tunnel won't establish`);
        }
      }
      const pa = first.usePolicyBasedTrafficSelectors ?? false;
      const pb = second.usePolicyBasedTrafficSelectors ?? false;
      const samePbts = sameValue(pa, pb);
      if (samePbts === false) {
        ctx.error(first, `use_policy_based_traffic_selectors is ${show(pa)} here but ${show(pb)} on the reverse connection ${second.address}; set the same value on both halves`);
      } else if (samePbts === undefined) {
        ctx.skipped(first, `use_policy_based_traffic_selectors of this connection or of ${second.address}`, (isUnknown(pa) ? pa : pb) as Unknown);
      }
    });
  },
};


export const v2vRedundant: Rule = {
  id: 'conn.v2v.redundant',
  severity: Severity.ERROR,
  summary: 'More than one VNet-to-VNet connection in the same direction between two gateways needs at least one of them active-active.',
  source: SOURCES.FAQ,
  check(ctx) {
    for (const g of ctx.topology.gateways) {
      if (g.external) continue;
      const byPeer = new Map<string, Connection[]>();
      for (const c of ctx.lookup.connectionsOf(g.address)) {
        if (c.connectionType !== VNET2VNET || !isKnown(c.peerGateway)) continue;
        const list = byPeer.get(c.peerGateway);
        if (list) list.push(c);
        else byPeer.set(c.peerGateway, [c]);
      }
      for (const [peerAddress, conns] of byPeer) {
        if (conns.length < 2) continue;
        const ownAa = activeActiveOf(g);
        const peer = ctx.lookup.gateway(peerAddress);
        const peerAa: Maybe<boolean> = !peer || peer.external ? externalUnknown(peer, peerAddress) : activeActiveOf(peer);
        if (ownAa === true || peerAa === true) continue;
        const undecided = isUnknown(ownAa) ? ownAa : isUnknown(peerAa) ? peerAa : undefined;
        for (const c of conns.slice(1)) {
          if (undecided) {
            ctx.skipped(c, `active_active of ${g.address} or ${peerAddress}`, undecided);
          } else {
            ctx.error(c, `this is one of ${conns.length} Vnet2Vnet connections from ${g.address} to ${peerAddress} (${listEntities(conns)}); redundant tunnels between two VNets need active_active = true on at least one of the two gateways, otherwise keep one connection per direction`);
          }
        }
      }
    }
  },
};
