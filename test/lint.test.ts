import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * The layering of lib/ is a lint rule (eslint.config.mjs): these tests lint a file that exists
 * only on stdin, placed in a layer, and check that an upward or sideways import fails the lint
 * while an allowed one passes. `npm run lint` (in CI) lints the real lib/.
 */

const ROOT = path.join(__dirname, '..');

interface LintMessage {
  readonly ruleId: string | null;
  readonly severity: number;
  readonly message: string;
}

interface Probe {
  readonly file: string;
  readonly importPath: string;
}

// ESLint's Node API (an ES module) runs in one child process for every probe: the files exist only
// as text, placed by filePath in a layer, and ESLint applies the configuration of that path.
const LINT_PROBES = `
const { ESLint } = require('eslint');
const probes = JSON.parse(require('fs').readFileSync(0, 'utf-8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const p of probes) {
    const [result] = await eslint.lintText(\`import * as imported from '\${p.importPath}';\\n\\nexport const probe = imported;\\n\`, { filePath: p.file });
    out.push(result.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, message: m.message })));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e && e.stack)); process.exit(2); });
`;

function lintProbes(probes: readonly Probe[]): LintMessage[][] {
  const result = spawnSync(process.execPath, ['-e', LINT_PROBES], { cwd: ROOT, input: JSON.stringify(probes), encoding: 'utf-8' });
  if (result.status !== 0) throw new Error(`linting the probes failed (exit ${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as LintMessage[][];
}

const FORBIDDEN: Array<[string, string, string]> = [
  ['lib/model/probe.ts', '../rules/rule', 'upward: the model imports a rule'],
  ['lib/azure/probe.ts', '../model/topology', 'upward: Azure facts import the model'],
  ['lib/rules/probe.ts', '../reach', 'sideways: a rule imports the reachability engine'],
  ['lib/reach/probe.ts', '../rules/engine', 'sideways: reach imports the rules'],
  ['lib/rules/probe.ts', '../terraform-json', 'sideways: a rule imports the adapter'],
  ['lib/report/probe.ts', '../constructs/vpn-gateway', 'upward: a report imports a construct'],
  ['lib/constructs/probe.ts', '../rules/bgp', 'a construct imports a rule family directly'],
  ['lib/constructs/probe.ts', '../terraform-json', 'a construct other than the synth bridge reads Terraform JSON'],
  ['lib/cli/probe.ts', '../constructs/vpn-gateway', 'the CLI imports a construct'],
];

const ALLOWED: Array<[string, string]> = [
  ['lib/rules/probe.ts', '../model/topology'],
  ['lib/rules/probe.ts', '../azure/defaults'],
  ['lib/report/probe.ts', '../rules/engine'],
  ['lib/report/probe.ts', '../reach'],
  ['lib/constructs/probe.ts', '../rules/engine'],
  ['lib/constructs/vpn-validation.ts', '../terraform-json'],
  ['lib/cli/probe.ts', '../terraform-json'],
];

const RESULTS = lintProbes([...FORBIDDEN, ...ALLOWED].map(([file, importPath]) => ({ file, importPath })));

function layerErrors(index: number): LintMessage[] {
  // A probe ESLint could not parse would pass vacuously: fail the test on it instead.
  const fatal = RESULTS[index].filter((m) => m.ruleId === null);
  if (fatal.length > 0) throw new Error(`probe ${index} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return RESULTS[index].filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2);
}

describe('the layering lint', () => {
  test.each(FORBIDDEN.map(([file, importPath, what], i) => [file, importPath, what, i] as const))(
    'GIVEN %s importing %s WHEN linted THEN no-restricted-imports fails it (%s)',
    (_file, _importPath, _what, i) => {
      const errors = layerErrors(i);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/must not import|never a rule family|only the synth bridge/);
    },
  );

  test.each(ALLOWED.map(([file, importPath], i) => [file, importPath, FORBIDDEN.length + i] as const))('GIVEN %s importing %s WHEN linted THEN the layering allows it', (_file, _importPath, i) => {
    expect(layerErrors(i)).toEqual([]);
  });
});
