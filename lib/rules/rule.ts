import { TopologyLookup } from '../model/lookup';
import { Entity, Topology } from '../model/topology';
import { Unknown } from '../model/unknown';

/** How bad a finding is. */
export enum Severity {
  /** Azure rejects the configuration, or it deploys and never carries traffic. */
  ERROR = 'error',
  /** Azure accepts it, but it is risky, deprecated or recommended against. */
  WARNING = 'warning',
  /** A rule was skipped because a value is unknown before apply, or plain information. */
  INFO = 'info',
}

/** One violation (or skip) reported by a rule. This shape is the CLI's JSON contract. */
export interface Finding {
  /** Stable rule id from the catalogue (`gw.pip.standard`). */
  readonly rule: string;
  readonly severity: Severity;
  /** Terraform address of the resource the finding is about. */
  readonly resource: string;
  /** Construct path, when the configuration came from cdktf; otherwise null. */
  readonly path: string | null;
  /** What is wrong, the offending value, and how to fix it. Never contains a shared key. */
  readonly message: string;
}

/** What the catalogue says about a rule; `azvpn rules` prints this. */
export interface RuleInfo {
  /** Stable public id, as RULES.md lists it. */
  readonly id: string;
  /** The most severe level the rule reports. */
  readonly severity: Severity;
  /** One sentence: the invariant. */
  readonly summary: string;
  /** The Azure (or azurerm) documentation the rule comes from. */
  readonly source: string;
  /** The Azure error code the rule prevents, when there is one. */
  readonly azureError?: string;
}

export interface Rule extends RuleInfo {
  /** Reports every violation in the topology through the context. Pure: reads, never mutates. */
  check(context: RuleContext): void;
}

/** A catalogue id that is deliberately not implemented, and why. RULES.md lists these. */
export interface LeftOut {
  readonly id: string;
  readonly reason: string;
  /** The documentation behind the id, when the reachability report cites it. */
  readonly source?: string;
}

/** The levels a rule reports at, as the {@link Severity} values spell them. */
export type Level = 'error' | 'warning' | 'info';

/**
 * A value a finding depends on that is unknown before apply: when a finding is reported with
 * it, the finding becomes this skip instead (an ExpressRoute gateway behind a variable is never
 * blamed for a VPN rule).
 */
export interface Undecided {
  readonly entity: Entity;
  /** The value in the user's terms ("type", "sku"). */
  readonly what: string;
  readonly unknown: Unknown;
}

const SEVERITY_OF_LEVEL: Record<Level, Severity> = { error: Severity.ERROR, warning: Severity.WARNING, info: Severity.INFO };

/** What a rule sees: the topology, its indexes, and one way to report. */
export class RuleContext {
  private readonly sink: Finding[];

  constructor(
    public readonly lookup: TopologyLookup,
    private readonly rule: RuleInfo,
    sink: Finding[],
    /**
     * Whether a literal secret is an error rather than a warning: at synth, where the library
     * generates keys and a literal can only come from a mistake, and in the best-practice profile.
     */
    public readonly literalSecretsAreErrors: boolean = false,
  ) {
    this.sink = sink;
  }

  public get topology(): Topology {
    return this.lookup.topology;
  }

  /**
   * Reports a finding at `level`; when `undecided` is given, reports that skip instead. The
   * other reporting methods are shorthands for this one.
   */
  public report(level: Level, entity: Entity, message: string, undecided?: Undecided): void {
    if (undecided) this.skipped(undecided.entity, undecided.what, undecided.unknown);
    else this.add(entity, SEVERITY_OF_LEVEL[level], message);
  }

  public error(entity: Entity, message: string): void {
    this.add(entity, Severity.ERROR, message);
  }

  public warning(entity: Entity, message: string): void {
    this.add(entity, Severity.WARNING, message);
  }

  public info(entity: Entity, message: string): void {
    this.add(entity, Severity.INFO, message);
  }

  /**
   * Reports that the rule could not be decided for an entity because a value is unknown before
   * apply. `what` names the value in the user's terms ("sku", "the public IP's zones").
   */
  public skipped(entity: Entity, what: string, unknown: Unknown): void {
    this.add(entity, Severity.INFO, `skipped: ${what} is not known at synth time (${unknown.reason}); check it after apply`);
  }

  private add(entity: Entity, severity: Severity, message: string): void {
    this.sink.push({ rule: this.rule.id, severity, resource: entity.address, path: entity.path ?? null, message });
  }
}
