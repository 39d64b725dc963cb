import { ReachEngine } from './engine';
import { Endpoint, ReachStatus, Verdict } from './types';

const KIND_ORDER: Record<Endpoint['kind'], number> = { vnet: 0, site: 1, p2s: 2 };

/**
 * Who reaches whom. Built from per-source candidate sets that come from the shared closures
 * (transit domains, BGP clouds), so each source costs what it can reach, not the number of
 * endpoints: a 500-spoke hub is ~500 × (sites + pools + 1) decisions, not 500².
 * Only cells that are not "unreachable" are stored.
 */
export class ReachabilityMatrix {
  public readonly endpoints: readonly Endpoint[];
  private readonly cells = new Map<string, Map<string, Verdict>>();

  constructor(engine: ReachEngine) {
    this.endpoints = engine.network.endpoints
      .slice()
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.label.localeCompare(b.label, 'en', { numeric: true }));
    for (const x of this.endpoints) {
      const row = new Map<string, Verdict>();
      for (const y of engine.candidates(x)) {
        const v = engine.decide(x, y);
        if (v.status !== 'unreachable') row.set(y.id, v);
      }
      this.cells.set(x.id, row);
    }
  }

  public status(from: Endpoint, to: Endpoint): ReachStatus {
    if (from.id === to.id) return 'reachable';
    return this.cells.get(from.id)?.get(to.id)?.status ?? 'unreachable';
  }

  /** The verdict for a pair that is reachable or unknown; undefined when unreachable. */
  public verdict(from: Endpoint, to: Endpoint): Verdict | undefined {
    return this.cells.get(from.id)?.get(to.id);
  }

  /** Endpoints reachable from `from` (itself excluded), in matrix order. */
  public reachableFrom(from: Endpoint): Endpoint[] {
    return this.endpoints.filter((e) => e !== from && this.status(from, e) === 'reachable');
  }

  /** Pairs from `from` that depend on values known only after apply. */
  public unknownFrom(from: Endpoint): Array<{ readonly endpoint: Endpoint; readonly verdict: Verdict }> {
    const row = this.cells.get(from.id);
    if (!row) return [];
    return this.endpoints.flatMap((e) => {
      const v = row.get(e.id);
      return v && v.status === 'unknown' ? [{ endpoint: e, verdict: v }] : [];
    });
  }

  /** Number of stored (reachable or unknown) cells: the work the matrix did. */
  public get size(): number {
    let n = 0;
    for (const row of this.cells.values()) n += row.size;
    return n;
  }
}
