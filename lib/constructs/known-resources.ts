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
