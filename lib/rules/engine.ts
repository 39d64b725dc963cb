import { BEST_PRACTICE_RULES } from './best-practice';
import { RULES } from './catalogue';
import { Finding, Rule, RuleContext, Severity } from './rule';
import { TopologyLookup } from '../model/lookup';
import { Topology } from '../model/topology';

export interface CheckOptions {
  /** The rules to run; every catalogue rule by default. */
  readonly rules?: readonly Rule[];
  /**
   * Report a literal pre-shared key or RADIUS secret as an error (`secret.literal`). Synth-time
   * validation sets it; `azvpn check` leaves it off, since Azure accepts such a configuration.
   * @default false
   */
  readonly literalSecretsAreErrors?: boolean;
  /**
   * `best-practice` adds the opt-in posture rules (warnings) and makes literal secrets errors.
   * @default - the correctness rules only
   */
  readonly profile?: 'best-practice';
}

export interface FindingSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Runs the rules over a topology and returns every finding, most severe first. */
export function checkTopology(topology: Topology, options: CheckOptions = {}): Finding[] {
  const lookup = new TopologyLookup(topology);
  const findings: Finding[] = [];
  const bestPractice = options.profile === 'best-practice';
  const rules = [...(options.rules ?? RULES), ...(bestPractice ? BEST_PRACTICE_RULES : [])];
  for (const rule of rules) {
    rule.check(new RuleContext(lookup, rule, findings, (options.literalSecretsAreErrors ?? false) || bestPractice));
  }
  return dedupe(findings).sort(compareFindings);
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === Severity.ERROR) errors++;
    else if (f.severity === Severity.WARNING) warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.resource.localeCompare(b.resource) ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\u0000${f.severity}\u0000${f.resource}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
