import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs azvpn in-process and captures what it writes. */
export function azvpn(...argv: string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

export interface JsonReport {
  findings: Array<{ rule: string; severity: string; resource: string; path: string | null; message: string }>;
  summary: { errors: number; warnings: number; infos: number };
}

/** Runs `azvpn check … --format json` and parses stdout; fails loudly on exit 2. */
export function checkJson(...paths: string[]): CliResult & { report: JsonReport } {
  const result = azvpn('check', ...paths, '--format', 'json');
  if (result.code === 2) throw new Error(`azvpn exited with 2: ${result.stderr}`);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}

/** A scratch directory under the OS temp dir, removed by {@link removeScratch}. */
export function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-test-'));
}

export function removeScratch(directory: string): void {
  fs.rmSync(directory, { recursive: true, force: true });
}

/** Writes a file (creating its directories) and returns its path. */
export function write(directory: string, relative: string, content: string | Buffer | object): string {
  const file = path.join(directory, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
  return file;
}

/** A small valid configuration with nothing VPN-related to report. */
export const RESOURCE_GROUP_ONLY = {
  resource: { azurerm_resource_group: { rg: { name: 'rg-test', location: 'westeurope' } } },
};

/** Asserts the exit-2 contract: one line on stderr naming the problem, nothing on stdout. */
export function expectUnusable(result: CliResult, ...fragments: string[]): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^azvpn: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  for (const fragment of fragments) expect(result.stderr).toContain(fragment);
}

export const EXAMPLE_DIR = path.join(__dirname, '..', '..', 'examples', 'terraform-json', 'hub-spoke');
