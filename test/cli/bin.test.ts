import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_DIR } from './support';

/**
 * Black-box: the real bin/azvpn.js in a child process. It runs the compiled lib/cli/main.js after
 * `npm ci` (prepare builds it) and falls back to the TypeScript sources in an unbuilt checkout.
 */
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'azvpn.js');

function spawnAzvpn(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '' }, timeout: 50000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

test('GIVEN the installed bin WHEN run with --version THEN it prints the package version and exits 0', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')) as { version: string };
  expect(spawnAzvpn('--version')).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
});

test('GIVEN the installed bin WHEN it checks the example as JSON THEN it exits 0 with a parseable report', () => {
  const child = spawnAzvpn('check', path.relative(ROOT, EXAMPLE_DIR), '--format', 'json');
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const report = JSON.parse(child.stdout) as { summary: { errors: number } };
  expect(report.summary.errors).toBe(0);
});

test('GIVEN the installed bin WHEN the input is unusable THEN it exits 2 with one stderr line and no stack trace', () => {
  const child = spawnAzvpn('check', 'examples/does-not-exist.tf.json');
  expect(child).toEqual({ status: 2, stdout: '', stderr: 'azvpn: examples/does-not-exist.tf.json: no such file or directory\n' });
});
