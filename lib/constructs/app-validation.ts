import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { existingResourcesOf } from './known-resources';
import { previousSynthOf } from './previous-synth';
import { keepForThisTick } from '../private/this-tick';
import { topologyFromStacks } from '../terraform-json';
import { findingsByStack } from '../report/stacks';
import { CheckOptions, checkTopology } from '../rules/engine';
import { Finding } from '../rules/rule';

/**
 * Synth-time validation of an app with several stacks (hub and spokes apart): one rule-engine
 * run over the whole app, with cross-stack references (cdktf's `terraform_remote_state` outputs)
 * resolved to the resources they point at, so that a spoke overlapping the hub stack fails synth.
 * Each stack then gets its own findings: addresses and messages name its own resources as
 * Terraform does (`azurerm_virtual_network.spoke`) and another stack's with the stack
 * (`stack hub: azurerm_virtual_network.hub`).
 *
 * cdktf validates the stacks one after another in one synchronous synth: the first stack to
 * validate runs the engine for all of them, and each later stack takes its share (once, in the
 * same tick, while its construct count is unchanged). An app with one stack never comes here.
 */

/** Resolves a stack's Terraform JSON (and may hand the result on to the synthesizer). */
export type StackResolver = (stack: TerraformStack) => unknown;

interface Pass {
  readonly findings: Map<TerraformStack, Finding[]>;
  /** Construct count of each stack when it was resolved: a later change makes its share stale. */
  readonly nodes: Map<TerraformStack, number>;
  readonly taken: Set<TerraformStack>;
}

const PASSES = new WeakMap<IConstruct, Pass>();

/**
 * The findings of `stack` from a run over every stack of its app; undefined when the app has
 * one stack (the caller checks it alone, as always). `fresh` ignores the current pass.
 */
export function appFindingsOf(stack: TerraformStack, resolveStack: StackResolver, options: CheckOptions, fresh = false): Finding[] | undefined {
  const root = stack.node.root;
  if (!fresh) {
    const pass = PASSES.get(root);
    if (pass && pass.findings.has(stack) && !pass.taken.has(stack) && pass.nodes.get(stack) === stack.node.findAll().length) {
      pass.taken.add(stack);
      return pass.findings.get(stack);
    }
  }
  const stacks = stacksOf(root);
  if (stacks.length < 2 || !stacks.includes(stack)) return undefined;
  const pass = runApp(stacks, resolveStack, options);
  pass.taken.add(stack);
  if (!fresh) {
    keepForThisTick(PASSES, root, pass);
  }
  return pass.findings.get(stack);
}

/** The app's stacks: cdktf apps hold their stacks as children (looking deeper would cost every synth a walk of the whole tree). */
function stacksOf(root: IConstruct): TerraformStack[] {
  return root.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

function runApp(stacks: readonly TerraformStack[], resolveStack: StackResolver, options: CheckOptions): Pass {
  const nodes = new Map<TerraformStack, number>();
  const configurations = stacks.map((stack) => {
    const name = stack.node.path;
    const content = resolveStack(stack);
    nodes.set(stack, stack.node.findAll().length);
    // synth.replace: each stack against what the last synth wrote for it, when it did.
    return { name, files: [{ file: name, content }], known: existingResourcesOf(stack), previous: previousSynthOf(stack) };
  });
  const byName = findingsByStack(checkTopology(topologyFromStacks(configurations), options), configurations.map((c) => c.name));
  const findings = new Map<TerraformStack, Finding[]>(stacks.map((s) => [s, byName.get(s.node.path) ?? []]));
  return { findings, nodes, taken: new Set() };
}
