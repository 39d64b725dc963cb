import { Finding, Severity } from '../../lib/rules/rule';
import { Topology } from '../../lib/model/topology';
import { check, rule } from '../support/model';

/** Test helpers for the gateway family. */

/** Runs one gateway rule and returns its findings. */
export function run(id: string, t: Topology): Finding[] {
  return check(t, rule(id));
}

export function bySeverity(findings: Finding[], severity: Severity): Finding[] {
  return findings.filter((f) => f.severity === severity);
}

/** The one finding of a severity; fails the test when there are none or several. */
export function only(findings: Finding[], severity: Severity): Finding {
  const matching = bySeverity(findings, severity);
  if (matching.length !== 1) throw new Error(`expected exactly one ${severity}, got ${JSON.stringify(findings, null, 2)}`);
  return matching[0];
}

export function expectSkipOnly(findings: Finding[]): void {
  expect(findings.length).toBeGreaterThan(0);
  for (const f of findings) {
    expect(f.severity).toBe(Severity.INFO);
    expect(f.message).toMatch(/^skipped: /);
  }
}
