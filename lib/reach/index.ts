import { TopologyLookup } from '../model/lookup';
import { Topology } from '../model/topology';
import { ReachEngine } from './engine';
import { ReachabilityMatrix } from './matrix';
import { RoutingNetwork } from './network';
import { resolveEndpoint, Resolution } from './resolve';
import { ReachHop, ReachStatus } from './types';

export { ReachEngine } from './engine';
export { ReachabilityMatrix } from './matrix';
export { RoutingNetwork } from './network';
export { ReachQueryError, resolveEndpoint } from './resolve';
export * from './types';

/** The answer to "can FROM reach TO?", with the names as resolved. */
export interface ReachAnswer {
  /** The source as resolved: an endpoint label, with the address asked about when narrower. */
  readonly from: string;
  readonly to: string;
  readonly status: ReachStatus;
  readonly reason: string;
  readonly rule?: string;
  readonly hops: ReachHop[];
  readonly notes: string[];
}

/** Reachability over one topology: the routing closures, the engine, the matrix (built on first use). */
export class TopologyReach {
  public readonly network: RoutingNetwork;
  public readonly engine: ReachEngine;
  private built?: ReachabilityMatrix;

  constructor(public readonly topology: Topology, lookup?: TopologyLookup) {
    this.network = new RoutingNetwork(topology, lookup ?? new TopologyLookup(topology));
    this.engine = new ReachEngine(this.network);
  }

  public resolve(query: string): Resolution {
    return resolveEndpoint(this.network, query);
  }

  /** Throws {@link ReachQueryError} when a name matches nothing, or several things. */
  public reach(fromQuery: string, toQuery: string): ReachAnswer {
    const from = this.resolve(fromQuery);
    const to = this.resolve(toQuery);
    const fromName = nameOf(from, fromQuery);
    const toName = nameOf(to, toQuery);
    if (from.kind === 'nowhere') return { from: fromName, to: toName, status: from.status, reason: from.reason, hops: [], notes: [] };
    if (to.kind === 'nowhere') return { from: fromName, to: toName, status: to.status, reason: to.reason, hops: [], notes: [] };
    const v = this.engine.decide(from.endpoint, to.endpoint, { from: from.prefix, to: to.prefix });
    return { from: fromName, to: toName, status: v.status, reason: v.reason, rule: v.rule, hops: v.hops, notes: [...from.notes, ...to.notes, ...v.notes] };
  }

  public matrix(): ReachabilityMatrix {
    this.built ??= new ReachabilityMatrix(this.engine);
    return this.built;
  }
}

function nameOf(r: Resolution, query: string): string {
  if (r.kind === 'nowhere') return query.trim();
  return r.prefix ? `${r.endpoint.label} (${r.prefix.text})` : r.endpoint.label;
}
