import * as fs from 'fs';
import * as path from 'path';
import { Annotations, App, TerraformStack } from 'cdktf';

/**
 * What the last synth wrote for a stack (`<outdir>/stacks/<stack>/cdk.tf.json`), for the
 * `synth.replace` comparison. Read at most once per stack and process: cdktf validates before it
 * overwrites the file (and again after, when the file already holds the new configuration).
 *
 * A missing file (first synth, a fresh output directory in a pipeline) means nothing to compare;
 * an unreadable or corrupt one too, with one info on the stack that says so.
 */
export function previousSynthOf(stack: TerraformStack): unknown {
  const cached = READ.get(stack);
  if (cached !== undefined) return cached.content;
  const entry = { content: readPrevious(stack) };
  READ.set(stack, entry);
  return entry.content;
}

const READ = new WeakMap<TerraformStack, { readonly content: unknown }>();

/** cdktf's layout of the output directory (`Manifest.stacksFolder`, `Manifest.stackFileName`). */
const STACKS_FOLDER = 'stacks';
const STACK_FILE = 'cdk.tf.json';

function readPrevious(stack: TerraformStack): unknown {
  const file = previousFileOf(stack);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    // Absent is the normal case (first synth); anything else is worth one line.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') note(stack, file, `cannot be read (${(e as Error).message})`);
    return undefined;
  }
  try {
    const content: unknown = JSON.parse(text);
    if (typeof content === 'object' && content !== null && !Array.isArray(content)) return content;
    note(stack, file, 'is not a Terraform JSON configuration');
  } catch {
    note(stack, file, 'is not valid JSON');
  }
  return undefined;
}

function previousFileOf(stack: TerraformStack): string | undefined {
  const root = stack.node.root;
  if (!App.isApp(root)) return undefined;
  const outdir = root.outdir;
  if (typeof outdir !== 'string' || outdir === '') return undefined;
  return path.join(outdir, STACKS_FOLDER, stack.node.id, STACK_FILE);
}

function note(stack: TerraformStack, file: string, problem: string): void {
  Annotations.of(stack).addInfo(`[synth.replace] the previous synth output ${file} ${problem}; replacements since the last synth were not checked`);
}
