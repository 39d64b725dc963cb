/**
 * Measures one `azvpn check` run on a generated configuration (10,000 resources by default):
 *   npx ts-node --project tsconfig.dev.json bench/check-once.ts [resources]
 * Prints the wall time of the whole in-process run (read, parse, adapt, check, format).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateHubSpokeConfig, shapeFor } from './generate-config';
import { run } from '../lib/cli/main';

function main(): void {
  const requested = Number(process.argv[2] ?? 10000);
  const shape = shapeFor(requested);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'azvpn-bench-'));
  const file = path.join(directory, 'main.tf.json');
  try {
    fs.writeFileSync(file, JSON.stringify(generateHubSpokeConfig(requested), null, 2));
    const bytes = fs.statSync(file).size;
    let stdout = '';
    let stderr = '';
    const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s) };
    const runs: number[] = [];
    let code = -1;
    for (let i = 0; i < 3; i++) {
      stdout = '';
      stderr = '';
      const start = process.hrtime.bigint();
      code = run(['check', file, '--format', 'json'], io);
      runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const summary = code === 2 ? stderr.trim() : JSON.stringify((JSON.parse(stdout) as { summary: unknown }).summary);
    process.stdout.write(
      `${shape.resources} resources (${shape.spokes} spokes, ${shape.sites} sites), ${(bytes / 1e6).toFixed(1)} MB\n` +
        `exit ${code}, summary ${summary}\n` +
        `run(): first ${runs[0].toFixed(0)} ms, then ${runs.slice(1).map((t) => t.toFixed(0)).join(' ms, ')} ms\n`,
    );
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main();
