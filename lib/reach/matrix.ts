import { ReachEngine } from './engine';
import { Endpoint, ReachStatus, Verdict } from './types';

const KIND_ORDER: Record<Endpoint['kind'], number> = { vnet: 0, site: 1, p2s: 2 };
// One collator for every comparison: localeCompare with options builds a new one per call.
const LABELS = new Intl.Collator('en', { numeric: true });

/**
 * Who reaches whom. Built from per-source candidate sets that come from the shared closures
 * (transit domains, BGP clouds), so each source costs what it can reach, not the number of
 * endpoints: a 500-spoke hub is ~500 × (sites + pools + 1) decisions, not 500².
 *
 * A row keeps the positions of what its source reaches, sorted, and the verdicts of the pairs
 * that stay unknown (their reasons are printed); the verdict of any other pair is decided again
 * when asked for. Holding every verdict made the matrix of a 5,000-spoke hub the largest thing
 * in memory.
 */
export class ReachabilityMatrix {
  public readonly endpoints: readonly Endpoint[];
  private readonly position = new Map<string, number>();
  /** Per source position: positions of the endpoints it reaches, ascending. */
  private readonly reachable: Int32Array[] = [];
  /** Per source position: the unknown pairs, in matrix order. */
  private readonly unknown: Array<Array<{ readonly endpoint: Endpoint; readonly verdict: Verdict }>> = [];

  constructor(private readonly engine: ReachEngine) {
    this.endpoints = engine.network.endpoints
      .slice()
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || LABELS.compare(a.label, b.label));
    this.endpoints.forEach((e, i) => this.position.set(e.id, i));
    for (const x of this.endpoints) {
      const reached: number[] = [];
      const unknown: Array<{ readonly endpoint: Endpoint; readonly verdict: Verdict }> = [];
      for (const y of engine.candidates(x)) {
        const v = engine.decide(x, y);
        if (v.status === 'reachable') reached.push(this.position.get(y.id)!);
        else if (v.status === 'unknown') unknown.push({ endpoint: y, verdict: v });
      }
      this.reachable.push(Int32Array.from(reached).sort());
      unknown.sort((a, b) => this.position.get(a.endpoint.id)! - this.position.get(b.endpoint.id)!);
      this.unknown.push(unknown);
    }
  }

  public status(from: Endpoint, to: Endpoint): ReachStatus {
    if (from.id === to.id) return 'reachable';
    const i = this.position.get(from.id);
    const j = this.position.get(to.id);
    if (i === undefined || j === undefined) return 'unreachable';
    if (binarySearch(this.reachable[i], j)) return 'reachable';
    return this.unknown[i].some((u) => u.endpoint.id === to.id) ? 'unknown' : 'unreachable';
  }

  /** The verdict for a pair that is reachable or unknown; undefined when unreachable. */
  public verdict(from: Endpoint, to: Endpoint): Verdict | undefined {
    const status = this.status(from, to);
    if (status === 'unreachable') return undefined;
    const i = this.position.get(from.id);
    return (i === undefined ? undefined : this.unknown[i].find((u) => u.endpoint.id === to.id)?.verdict) ?? this.engine.decide(from, to);
  }

  /** Endpoints reachable from `from` (itself excluded), in matrix order. */
  public reachableFrom(from: Endpoint): Endpoint[] {
    const i = this.position.get(from.id);
    if (i === undefined) return [];
    return Array.from(this.reachable[i], (j) => this.endpoints[j]);
  }

  /** Pairs from `from` that depend on values known only after apply. */
  public unknownFrom(from: Endpoint): Array<{ readonly endpoint: Endpoint; readonly verdict: Verdict }> {
    const i = this.position.get(from.id);
    return i === undefined ? [] : this.unknown[i];
  }

  /** Number of reachable or unknown cells: the work the matrix did. */
  public get size(): number {
    let n = 0;
    for (let i = 0; i < this.reachable.length; i++) n += this.reachable[i].length + this.unknown[i].length;
    return n;
  }
}

function binarySearch(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
