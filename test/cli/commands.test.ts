import * as fs from 'fs';
import * as path from 'path';
import { USAGE } from '../../lib/cli/main';
import { LEFT_OUT, RULES } from '../../lib/rules/catalogue';
import { azvpn } from './support';

const packageVersion = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')) as { version: string }).version;

describe('GIVEN a request for help', () => {
  test.each([[['--help']], [['-h']], [['help']], [['check', '--help']], [['rules', '-h']]])('WHEN run with %j THEN the usage is printed and the exit code is 0', (argv) => {
    const result = azvpn(...argv);
    expect(result).toEqual({ code: 0, stdout: USAGE, stderr: '' });
  });

  test('WHEN the usage is read THEN it documents the contract: commands, formats and exit codes', () => {
    for (const text of ['azvpn check PATH... [--format text|json|sarif|junit]', '--allow-replace ADDRESS', 'format_version 1.x', 'azvpn rules [--format text|json]', 'azvpn --version', 'cdk.tf.json', '0  no error', '1  at least one error', '2  unusable input']) {
      expect(USAGE).toContain(text);
    }
  });
});

test('GIVEN --version WHEN run THEN the package.json version is printed', () => {
  expect(azvpn('--version')).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
});

describe('GIVEN the rules command', () => {
  test('WHEN run with --format json THEN every catalogue rule is listed with id, severity, summary, source and Azure error', () => {
    const result = azvpn('rules', '--format', 'json');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const document = JSON.parse(result.stdout) as { rules: Array<Record<string, unknown>>; leftOut: Array<Record<string, unknown>> };
    expect(document.rules).toEqual(
      RULES.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary, source: r.source, azureError: r.azureError ?? null })),
    );
    expect(document.leftOut).toEqual(LEFT_OUT.map((l) => ({ id: l.id, reason: l.reason })));
    for (const rule of document.rules) expect(Object.keys(rule)).toEqual(['id', 'severity', 'summary', 'source', 'azureError']);
  });

  test('WHEN run as text THEN each rule shows its id, severity, summary, source and any Azure error code', () => {
    const result = azvpn('rules');
    expect(result.code).toBe(0);
    for (const rule of RULES) {
      expect(result.stdout).toMatch(new RegExp(`^${escape(rule.id)} +${rule.severity} +${escape(rule.summary)}$`, 'm'));
      expect(result.stdout).toContain(rule.source);
      if (rule.azureError !== undefined) expect(result.stdout).toContain(`Azure error: ${rule.azureError}`);
    }
    expect(result.stdout).toContain(`${RULES.length} rule${RULES.length === 1 ? '' : 's'}.`);
    for (const left of LEFT_OUT) expect(result.stdout).toContain(`  ${left.id}: `);
    expect(result.stdout).not.toContain('\u001b[');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('GIVEN a bug inside azvpn', () => {
  afterEach(() => jest.restoreAllMocks());

  test('WHEN the rule engine throws THEN exit 2 with one "internal error" line and no stack trace', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = require('../../lib/rules/engine') as typeof import('../../lib/rules/engine');
    jest.spyOn(engine, 'checkTopology').mockImplementation(() => {
      throw new TypeError('boom\n    at somewhere (engine.ts:1:1)');
    });
    const result = azvpn('check', path.join(__dirname, '..', '..', 'examples', 'terraform-json', 'hub-spoke'));
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'azvpn: internal error: TypeError: boom at somewhere (engine.ts:1:1) (please report this)\n' });
  });
});
