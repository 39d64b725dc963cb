import { locationOf, SourceLocation } from './hcl';
import { escapeControls } from '../private/text';
import { FindingSummary, summarize } from '../rules/engine';
import { Finding, LeftOut, RuleInfo, Severity } from '../rules/rule';

/** The findings of one configuration. */
export interface ConfigurationResult {
  /** The directory or file the configuration was read from. */
  readonly name: string;
  readonly findings: readonly Finding[];
  /** Where the blocks of `.tf` files start, by address; absent for JSON input (it has no lines to point at). */
  readonly locations?: ReadonlyMap<string, SourceLocation>;
}

export interface TextOptions {
  /** Show info findings (skips) instead of only counting them. */
  readonly verbose: boolean;
  /** ANSI colours; only when stdout is a terminal and NO_COLOR is unset. */
  readonly color: boolean;
}

/**
 * The JSON contract: `{"findings":[{"rule","severity","resource","path","message"}],
 * "summary":{"errors","warnings","infos"}}`, in exactly this key order. Findings of several
 * configurations share one list; `resource` stays the Terraform address as written and `path`
 * (the cdktf construct path) tells apart two stacks that use the same address.
 */
export function renderJson(results: readonly ConfigurationResult[]): string {
  const findings = results.flatMap((r) => r.findings);
  const summary = summarize(findings);
  const document = {
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, resource: f.resource, path: f.path ?? null, message: f.message })),
    summary: { errors: summary.errors, warnings: summary.warnings, infos: summary.infos },
  };
  return `${JSON.stringify(document)}\n`;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };
const SEVERITY_COLOUR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

/**
 * Findings grouped by resource (address, then construct path), one severity-tagged line per
 * finding, then a summary line. Plain text unless colour is asked for, so CI logs stay readable.
 */
export function renderText(results: readonly ConfigurationResult[], options: TextOptions): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  const shown = results.map((r) => ({
    name: r.name,
    locations: r.locations,
    findings: options.verbose ? r.findings : r.findings.filter((f) => f.severity !== Severity.INFO),
  }));
  let ruleWidth = 0;
  for (const r of shown) for (const f of r.findings) ruleWidth = Math.max(ruleWidth, f.rule.length);
  const several = results.length > 1;

  for (const result of shown) {
    if (result.findings.length === 0) continue;
    if (lines.length > 0) lines.push('');
    if (several) lines.push(paint('1', `${printable(result.name)}:`));
    let first = true;
    for (const findings of groupByResource(result.findings)) {
      if (!first) lines.push('');
      first = false;
      const { resource, path } = findings[0];
      const pathNote = path === null ? '' : `  (${printable(path)})`;
      const location = result.locations === undefined ? undefined : locationOf(resource, result.locations);
      const locationNote = location === undefined ? '' : `  ${printable(location.file)}:${location.line}`;
      lines.push(`${several ? '  ' : ''}${paint('1', printable(resource))}${pathNote}${locationNote}`);
      for (const f of findings) {
        const label = SEVERITY_LABEL[f.severity].padEnd(7);
        lines.push(`${several ? '    ' : '  '}${paint(SEVERITY_COLOUR[f.severity], label)}  ${f.rule.padEnd(ruleWidth)}  ${printable(f.message)}`);
      }
    }
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(results, options.verbose));
  return `${lines.join('\n')}\n`;
}

function summaryLine(results: readonly ConfigurationResult[], verbose: boolean): string {
  const summary: FindingSummary = summarize(results.flatMap((r) => r.findings));
  const parts = [count(summary.errors, 'error'), count(summary.warnings, 'warning'), count(summary.infos, 'info')];
  if (summary.infos > 0 && !verbose) parts[2] += ' (rules skipped on unknown values; --verbose to show)';
  const configurations = results.length === 1 ? `1 configuration (${printable(results[0].name)})` : `${results.length} configurations`;
  return `${parts.join(', ')} in ${configurations}`;
}

/**
 * Groups by resource address and construct path (two stacks may declare the same address),
 * keeping the order of first appearance, so the group with the most severe finding comes first.
 */
function groupByResource(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.resource}\u0000${f.path ?? ''}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [f]);
    else group.push(f);
  }
  return [...groups.values()];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `azvpn rules`: one block per rule, then the catalogue ids deliberately left out. */
export function renderRulesText(rules: readonly RuleInfo[], leftOut: readonly LeftOut[], color: boolean): string {
  const paint = painter(color);
  const idWidth = rules.reduce((width, r) => Math.max(width, r.id.length), 0);
  const indent = ' '.repeat(idWidth + 2 + 7 + 2);
  const lines: string[] = [];
  for (const rule of rules) {
    lines.push(`${paint('1', rule.id.padEnd(idWidth))}  ${paint(SEVERITY_COLOUR[rule.severity], SEVERITY_LABEL[rule.severity].padEnd(7))}  ${rule.summary}`);
    if (rule.azureError !== undefined) lines.push(`${indent}Azure error: ${rule.azureError}`);
    lines.push(`${indent}${rule.source}`);
  }
  lines.push('');
  lines.push(`${count(rules.length, 'rule')}.`);
  if (leftOut.length > 0) {
    lines.push('');
    lines.push(`Not checked (${leftOut.length}):`);
    for (const l of leftOut) lines.push(`  ${l.id}: ${l.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderRulesJson(rules: readonly RuleInfo[], leftOut: readonly LeftOut[]): string {
  const document = {
    rules: rules.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary, source: r.source, azureError: r.azureError ?? null })),
    leftOut: leftOut.map((l) => ({ id: l.id, reason: l.reason })),
  };
  return `${JSON.stringify(document)}\n`;
}

type Painter = (code: string, text: string) => string;

function painter(color: boolean): Painter {
  return color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

/**
 * Shows control characters (a newline, or an escape sequence that would rewrite the terminal)
 * that a hostile configuration could put into an address or a value as escapes (`\x1b`).
 */
export function printable(text: string): string {
  return escapeControls(text);
}
