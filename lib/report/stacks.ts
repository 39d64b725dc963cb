import { addressInStack, stackPrefix } from '../model/stacks';
import { Finding } from '../rules/rule';

/**
 * The findings of a model of several stacks, handed back to the stacks they belong to: each
 * stack reads its own resources by their Terraform address (`azurerm_virtual_network.spoke`) and
 * another stack's by the stack and address (`stack hub: azurerm_virtual_network.hub`), in the
 * resource and in the message. A finding about no stack's resource (an Azure resource named only
 * by ID) goes to the first stack. Linear in the findings.
 */
export function findingsByStack(findings: readonly Finding[], stacks: readonly string[]): Map<string, Finding[]> {
  const byPrefix = new Map(stacks.map((s) => [stackPrefix(s), s]));
  const result = new Map<string, Finding[]>(stacks.map((s) => [s, []]));
  for (const f of findings) {
    const owner = ownerOf(f.resource, byPrefix) ?? stacks[0];
    if (owner === undefined) continue;
    result.get(owner)!.push(inStack(f, owner));
  }
  return result;
}

/** The stack a qualified address belongs to. */
function ownerOf(resource: string, byPrefix: ReadonlyMap<string, string>): string | undefined {
  if (!resource.startsWith('stack ')) return undefined;
  // A stack name may itself contain ': ', so every candidate prefix is tried, shortest first.
  for (let at = resource.indexOf(': '); at >= 0; at = resource.indexOf(': ', at + 1)) {
    const stack = byPrefix.get(resource.slice(0, at + 2));
    if (stack !== undefined) return stack;
  }
  return undefined;
}

function inStack(f: Finding, stack: string): Finding {
  return { ...f, resource: addressInStack(stack, f.resource), message: f.message.split(stackPrefix(stack)).join('') };
}
