import { entriesOf, firstUnknown, isObjectValue, Value } from './evaluate';
import { Declared, EvaluationInputs, instanceAddress, InstanceSet, own, Resolver } from './values';
import { Unknown } from '../model/unknown';

/**
 * Resources with a `for_each` or `count` that the configuration fixes (literals, locals,
 * variables with a value) become their instances, as Terraform plans them: `azurerm_x.y["k"]`
 * with `each.key`/`each.value`, `azurerm_x.y[0]` with `count.index`. A resource whose collection
 * is not known stays one block that stands for all its instances (its `each`/`count` unknown).
 */

/** More instances than this are not expanded (the resource stays one block): no VPN configuration has that many. */
export const MAX_INSTANCES = 1000;

export interface Expanded {
  readonly declared: Map<string, Declared>;
  readonly order: Declared[];
  readonly instances: Map<string, InstanceSet>;
}

export function expandInstances(declared: Map<string, Declared>, order: Declared[], locals: Declared, inputs: EvaluationInputs): Expanded {
  // Most configurations expand nothing: then the blocks are the instances, without copying them.
  if (!order.some((d) => !d.isData && (hasMetaArgument(d, 'count') || hasMetaArgument(d, 'for_each')))) {
    return { declared, order, instances: new Map() };
  }
  const resolver = new Resolver(declared, new WeakMap(), new Set(), locals, inputs);
  const instances = new Map<string, InstanceSet>();
  const expandedOrder: Declared[] = [];
  const expandedDeclared = new Map<string, Declared>(declared);
  for (const d of order) {
    const expansion = d.isData ? undefined : instancesOf(d, resolver);
    if (expansion === undefined) {
      expandedOrder.push(d);
      continue;
    }
    expandedDeclared.delete(d.address);
    instances.set(d.address, { kind: expansion.kind, keys: expansion.instances.map((i) => i.key) });
    for (const { key, instance } of expansion.instances) {
      const block: Declared = { ...d, address: instanceAddress(d.address, key), instance };
      expandedDeclared.set(block.address, block);
      expandedOrder.push(block);
    }
  }
  return { declared: expandedDeclared, order: expandedOrder, instances };
}

function hasMetaArgument(d: Declared, name: string): boolean {
  const value = own(d.body, name);
  return value !== undefined && value !== null;
}

interface Expansion {
  readonly kind: 'for_each' | 'count';
  readonly instances: Array<{ key: string | number; instance: Declared['instance'] }>;
}

/** The instances of one resource, or undefined when it has neither meta-argument or its collection is not known. */
function instancesOf(d: Declared, resolver: Resolver): Expansion | undefined {
  const count = own(d.body, 'count');
  if (count !== undefined && count !== null) {
    const n = resolver.value(count, d);
    const number = typeof n === 'number' ? n : typeof n === 'string' && /^\d+$/.test(n) ? Number(n) : undefined;
    if (number === undefined || !Number.isInteger(number) || number < 0 || number > MAX_INSTANCES) return undefined;
    return { kind: 'count', instances: Array.from({ length: number }, (_, i) => ({ key: i, instance: { countIndex: i } })) };
  }
  const forEach = own(d.body, 'for_each');
  if (forEach === undefined || forEach === null) return undefined;
  const collection = resolver.value(forEach, d);
  if (collection instanceof Unknown) return undefined;
  const byKey = new Map<string, Value>();
  if (isObjectValue(collection)) {
    for (const [key, value] of entriesOf(collection) ?? []) byKey.set(key as string, value);
  } else if (Array.isArray(collection)) {
    // A set of strings: each key and value is the element.
    for (const item of collection) {
      if (firstUnknown(item) !== undefined) return undefined;
      if (typeof item !== 'string' && typeof item !== 'number') return undefined;
      byKey.set(String(item), String(item));
    }
  } else {
    return undefined;
  }
  if (byKey.size > MAX_INSTANCES) return undefined;
  const keys = [...byKey.keys()].sort();
  return { kind: 'for_each', instances: keys.map((key) => ({ key, instance: { each: { key, value: byKey.get(key) as Value } } })) };
}
