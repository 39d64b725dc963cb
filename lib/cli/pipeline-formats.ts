import { ConfigurationResult, printable } from './format';
import { locationOf } from './hcl';
import { Finding, RuleInfo, Severity } from '../rules/rule';
import { sourceUrl } from '../rules/catalogue';

/**
 * `azvpn check` output for pipelines: SARIF 2.1.0 for code-scanning tools (GitHub code
 * scanning, Azure DevOps' SARIF viewer) and JUnit XML for test-result tabs (Azure Pipelines'
 * PublishTestResults). Both carry the same findings as the JSON format.
 */

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/cdktf-azure-vpn';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * One run of the `azvpn` driver: every catalogue rule in `tool.driver.rules` (with its help URI),
 * every finding a result with its rule, level, message and location. The location is the
 * configuration file (or directory) as a relative URI, and the Terraform address as a logical
 * location; for a `.tf` file, the file and the line where the resource's block starts (JSON
 * input has no line to point at).
 */
export function renderSarif(results: readonly ConfigurationResult[], rules: readonly RuleInfo[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.rule,
      ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
      level: SARIF_LEVEL[f.severity],
      message: { text: printable(f.message) },
      locations: [
        {
          physicalLocation: physicalLocation(r, f),
          logicalLocations: [{ fullyQualifiedName: printable(f.resource), kind: 'resource' }],
        },
      ],
      ...(f.path !== null ? { properties: { constructPath: printable(f.path) } } : {}),
    })),
  );
  const document = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'azvpn',
            version,
            informationUri: INFORMATION_URI,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              ...(sourceUrl(r.source) === undefined ? {} : { helpUri: sourceUrl(r.source) }),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              ...(r.azureError !== undefined ? { properties: { azureError: r.azureError } } : {}),
            })),
          },
        },
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A path as a relative URI reference: forward slashes, each segment percent-encoded. */
/** The `.tf` file and line of the finding's block when known; otherwise the configuration. */
function physicalLocation(r: ConfigurationResult, f: Finding): object {
  const location = r.locations === undefined ? undefined : locationOf(f.resource, r.locations);
  if (location === undefined) return { artifactLocation: { uri: uriOf(r.name) } };
  return { artifactLocation: { uri: uriOf(location.file) }, region: { startLine: location.line } };
}

function uriOf(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * JUnit XML: one test suite per configuration; each error is a failed test case, each warning a
 * passed one with the message in its output, each info a skipped one, and a configuration
 * without errors has one passing case, so that no suite is empty.
 */
export function renderJunit(results: readonly ConfigurationResult[]): string {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = results.flatMap((r) => r.findings);
  const failures = all.filter((f) => f.severity === Severity.ERROR).length;
  const tests = results.reduce((n, r) => n + casesOf(r).length, 0);
  lines.push(`<testsuites name="azvpn check" tests="${tests}" failures="${failures}" errors="0">`);
  for (const result of results) {
    const cases = casesOf(result);
    const suiteFailures = result.findings.filter((f) => f.severity === Severity.ERROR).length;
    const skipped = result.findings.filter((f) => f.severity === Severity.INFO).length;
    lines.push(`  <testsuite name="${attribute(result.name)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${skipped}">`);
    for (const c of cases) lines.push(...c.map((line) => `    ${line}`));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function casesOf(result: ConfigurationResult): string[][] {
  const cases = result.findings.map((f) => testCase(result.name, f));
  if (!result.findings.some((f) => f.severity === Severity.ERROR)) {
    cases.unshift([`<testcase classname="${attribute(result.name)}" name="no errors"/>`]);
  }
  return cases;
}

function testCase(configuration: string, f: Finding): string[] {
  const open = `<testcase classname="${attribute(configuration)}" name="${attribute(`${f.rule} ${f.resource}`)}">`;
  const path = f.path === null ? '' : ` (${f.path})`;
  switch (f.severity) {
    case Severity.ERROR:
      return [open, `  <failure type="${f.rule}" message="${attribute(f.message)}">${text(`${f.resource}${path}: ${f.message}`)}</failure>`, '</testcase>'];
    case Severity.WARNING:
      return [open, `  <system-out>${text(`warning ${f.rule} ${f.resource}${path}: ${f.message}`)}</system-out>`, '</testcase>'];
    default:
      return [open, `  <skipped message="${attribute(f.message)}"/>`, '</testcase>'];
  }
}

/** Text content: control characters as escapes (XML 1.0 cannot hold most of them), markup characters as entities. */
function text(value: string): string {
  return printable(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
