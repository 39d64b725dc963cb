import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// API.md is generated (jsii, then jsii-docgen) and committed. This test generates it afresh from
// the sources in a scratch copy of the package, so jsii's .js/.d.ts/.jsii output never lands in
// the working tree, and fails when the committed file differs. Fix: `npm run build && npm run docgen`
// (then delete the generated lib/**/*.js, lib/**/*.d.ts and .jsii if you do not want them around).

const ROOT = path.join(__dirname, '..');
const PACKAGE_FILES = ['package.json', 'tsconfig.json', 'README.md'];

function copySources(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copySources(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) fs.copyFileSync(source, path.join(to, entry.name));
  }
}

/** The first line where two texts differ, for a readable failure. */
function firstDifference(committed: string, fresh: string): string | undefined {
  const a = committed.split('\n');
  const b = fresh.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: committed ${JSON.stringify(a[i] ?? '<end of file>')}, generated ${JSON.stringify(b[i] ?? '<end of file>')}`;
  }
  return undefined;
}

test('GIVEN the public API in lib/ WHEN jsii and jsii-docgen generate API.md afresh THEN the committed API.md is identical', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'api-md-'));
  try {
    for (const file of PACKAGE_FILES) fs.copyFileSync(path.join(ROOT, file), path.join(scratch, file));
    copySources(path.join(ROOT, 'lib'), path.join(scratch, 'lib'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
    const run = (bin: string, args: string[]) =>
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules', bin), ...args], { cwd: scratch, stdio: 'pipe', env: { ...process.env, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' } });
    run('jsii/bin/jsii', ['--silence-warnings=reserved-word']);
    run('jsii-docgen/bin/jsii-docgen', ['-o', 'API.md']);

    const committed = fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8');
    const fresh = fs.readFileSync(path.join(scratch, 'API.md'), 'utf8');
    const difference = firstDifference(committed, fresh);
    expect(difference === undefined ? 'API.md is current' : `API.md is stale (${difference}); run npm run build && npm run docgen`).toBe('API.md is current');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}, 120_000);
