import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import type { KnownResource } from '../model/known-resources';

/**
 * Facts that constructs for existing resources (`VpnGateway.fromAttributes`, a spoke from
 * `VirtualNetworkReference.fromAttributes`) were given, per stack, so that synth-time checks
 * judge those resources by what the user said instead of skipping. Kept unresolved: their IDs
 * are often tokens, resolved with the stack when the checks run.
 */
const KNOWN = new WeakMap<TerraformStack, KnownResource[]>();

/**
 * References that stand for a resource in the construct tree (`VirtualNetworkReference.fromVirtualNetwork`):
 * the configuration describes those, so a fact about them would tell the checks nothing.
 */
const IN_TREE = new WeakSet<object>();

/** Marks a reference as standing for a resource declared in the construct tree. */
export function markInTree(reference: object): void {
  IN_TREE.add(reference);
}

/** Whether a reference stands for a resource declared in the construct tree. */
export function isInTree(reference: object): boolean {
  return IN_TREE.has(reference);
}

/** Records what the user told about an existing resource, for the stack that holds `scope`. */
export function rememberExistingResource(scope: IConstruct, fact: KnownResource): void {
  const stack = TerraformStack.of(scope);
  let list = KNOWN.get(stack);
  if (!list) KNOWN.set(stack, (list = []));
  list.push(fact);
}

/** The stack's recorded facts, with tokens resolved to Terraform expressions. */
export function existingResourcesOf(stack: TerraformStack): KnownResource[] {
  const resolver = new DefaultTokenResolver(new StringConcat());
  return (KNOWN.get(stack) ?? []).map((fact) => Tokenization.resolve(fact, { scope: stack, resolver }) as KnownResource);
}
