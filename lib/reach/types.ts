import { MaybeList } from '../model/unknown';

/**
 * The reachability engine's own vocabulary. Internal: the public (jsii) API in
 * `lib/constructs/vpn-topology.ts` copies these into plain structs.
 */

export type ReachStatus = 'reachable' | 'unreachable' | 'unknown';

/** What can be asked about: a VNet, an on-premises site (a local network gateway), a P2S client pool. */
export type EndpointKind = 'vnet' | 'site' | 'p2s';

export interface Endpoint {
  /** Stable key: `vnet:<address>`, `site:<address>`, `p2s:<gateway address>`. */
  readonly id: string;
  readonly kind: EndpointKind;
  /** Unique display name: the Azure name when it is known and unique, the Terraform address otherwise. */
  readonly label: string;
  /** Terraform address of the VNet, the local network gateway, or (P2S) the gateway. */
  readonly address: string;
  /** Construct path, when the configuration came from cdktf. */
  readonly path?: string;
  /** Address space (VNet), `address_space` (site), client address pool (P2S). */
  readonly prefixes: MaybeList<string>;
  /** Declared outside this configuration (referenced by a literal Azure resource ID). */
  readonly external: boolean;
}

/** One step of a path, and why it carries the traffic. */
export interface ReachHop {
  /** Label of the endpoint or gateway the step starts at. */
  readonly from: string;
  readonly to: string;
  /** Terraform address of the resource that makes the step work (peering, connection, gateway). */
  readonly via: string;
  readonly reason: string;
  /** Catalogue rule id (RULES.md) the reasoning comes from. */
  readonly rule?: string;
}

export interface Verdict {
  readonly status: ReachStatus;
  /** One line: the path in short, or the first reason it fails, or why it can't be decided. */
  readonly reason: string;
  /** Rule id the reason cites, when there is one. */
  readonly rule?: string;
  /** The path when reachable (or when it would be, for unknown); empty otherwise. */
  readonly hops: ReachHop[];
  /** Things worth knowing on the way: forced tunnelling, client routes, on-prem device settings. */
  readonly notes: string[];
}

/**
 * Three-valued facts: a fact that holds, one that does not (and why, citing a rule), and one
 * that depends on a value not known before apply (and which).
 */
export type Fact =
  | { readonly state: 'yes' }
  | { readonly state: 'no'; readonly why: string; readonly rule?: string }
  | { readonly state: 'unknown'; readonly why: string };

export const YES: Fact = { state: 'yes' };

export function no(why: string, rule?: string): Fact {
  return { state: 'no', why, rule };
}

export function undecided(why: string): Fact {
  return { state: 'unknown', why };
}

/** Both must hold: the first "no" wins, then the first "unknown". */
export function both(...facts: Fact[]): Fact {
  let firstUnknown: Fact | undefined;
  for (const f of facts) {
    if (f.state === 'no') return f;
    if (f.state === 'unknown' && !firstUnknown) firstUnknown = f;
  }
  return firstUnknown ?? YES;
}
