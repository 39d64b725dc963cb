/**
 * Shows how the library variant and the raw variant of the synth topology differ, resource by
 * resource, after normalizing logical ids away (normalize.ts). For keeping topology-raw.ts in step
 * with the library:
 *   npx ts-node --transpile-only --project tsconfig.dev.json bench/diff-variants.ts [spokes] [sites]
 * Prints nothing but the counts when they declare the same resources; exits 1 otherwise.
 */
import { App, TerraformStack } from 'cdktf';
import * as lib from '../lib';
import { normalizeResources, NormalizedResource } from './normalize';
import { buildLibraryTopology } from './topology-library';
import { buildRawTopology } from './topology-raw';

function synthesize(build: (stack: TerraformStack) => void): object {
  const app = new App({ outdir: '/nonexistent' });
  const stack = new TerraformStack(app, 'bench');
  build(stack);
  stack.runAllValidations();
  return stack.toTerraform();
}

function main(): void {
  const shape = { spokes: Number(process.argv[2] ?? 2), sites: Number(process.argv[3] ?? 1) };
  const library = normalizeResources(synthesize((stack) => buildLibraryTopology(lib, stack, shape)));
  const raw = normalizeResources(synthesize((stack) => buildRawTopology(stack, shape)));
  const key = (r: NormalizedResource) => `${r.type} ${r.body}`;
  const inRaw = new Set(raw.map(key));
  const inLibrary = new Set(library.map(key));
  let differences = 0;
  for (const r of library.filter((x) => !inRaw.has(key(x)))) {
    differences++;
    process.stdout.write(`library only: ${r.label}\n  ${r.body}\n`);
  }
  for (const r of raw.filter((x) => !inLibrary.has(key(x)))) {
    differences++;
    process.stdout.write(`raw only:     ${r.label}\n  ${r.body}\n`);
  }
  process.stdout.write(`${library.length} library resources, ${raw.length} raw resources, ${differences} differing\n`);
  process.exitCode = differences > 0 || library.length !== raw.length ? 1 : 0;
}

main();
