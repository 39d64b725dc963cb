import { LEFT_OUT, RULES } from './catalogue';

/** A rule of the catalogue, as `azvpn rules` prints it. */
export interface RuleDescription {
  /** Stable rule id, e.g. `gw.pip.standard`. */
  readonly id: string;
  /** The most severe level the rule reports: `error`, `warning` or `info`. */
  readonly severity: string;
  /** The invariant, in one sentence. */
  readonly summary: string;
  /** The Azure or azurerm documentation the rule comes from. */
  readonly source: string;
  /** The Azure error code the rule prevents, when there is one. */
  readonly azureError?: string;
}

/** A catalogue id deliberately not checked, and why. */
export interface LeftOutRule {
  readonly id: string;
  readonly reason: string;
}

/** The rules this library checks at synth time and `azvpn check` applies to Terraform JSON. */
export class RuleCatalogue {
  /** Every implemented rule. */
  public static all(): RuleDescription[] {
    return RULES.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary, source: r.source, azureError: r.azureError }));
  }

  /** The rule with this id, or undefined. */
  public static find(id: string): RuleDescription | undefined {
    return RuleCatalogue.all().find((r) => r.id === id);
  }

  /** Catalogue ids that are not checked, with the reason. */
  public static leftOut(): LeftOutRule[] {
    return LEFT_OUT.map((l) => ({ id: l.id, reason: l.reason }));
  }

  private constructor() {}
}
