import {
  calledFunction,
  hasTemplateSyntax,
  literalExpression,
  parseTemplate,
  parseTraversal,
  Step,
  stepsText,
  TemplatePart,
  Traversal,
} from './syntax';
import { Unknown } from '../model/unknown';

/**
 * Resolution of Terraform JSON values: literals, references to other resources' attributes
 * (followed through the configuration, memoized, with a cycle guard) and everything that is
 * only known to Terraform (variables, locals, data sources, functions, computed attributes),
 * which becomes an {@link Unknown} with a reason in the user's terms.
 */

export type JsonObject = Record<string, unknown>;

/** A `resource` or `data` block of the configuration. */
export interface Declared {
  /** `azurerm_subnet.gw`, or `data.azurerm_subnet.gw`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: JsonObject;
  readonly isData: boolean;
  /**
   * The iterator in scope, for one instance of a `dynamic` block expanded over a known
   * collection: `<name>.key` and `<name>.value` are this element's.
   */
  readonly iterator?: DynamicIterator;
}

export interface DynamicIterator {
  readonly name: string;
  /** The element's key (its index, for a list) and value, a raw value written in `owner`. */
  readonly element: JsonObject;
  readonly owner: Declared;
  /** Unique per element, for memoized look-ups. */
  readonly address: string;
}

/**
 * A value after resolution:
 * - `text`: a final string (escapes removed, references substituted);
 * - `json`: any other JSON value; strings inside arrays and objects are still unresolved and
 *   belong to `owner` (they resolve in the context of the block that wrote them);
 * - `ref`: a reference to a whole resource, or to its `id`;
 * - an {@link Unknown}.
 */
export type Resolved =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'json'; readonly value: unknown; readonly owner: Declared }
  | { readonly kind: 'ref'; readonly address: string; readonly expression: string }
  | Unknown;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property; never reaches `Object.prototype` (`constructor`, `__proto__`, …). */
export function own(object: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** The keys of a JSON object, without `//` comments. */
/** The objects a JSON value holds: itself, or the objects of an array (Terraform JSON allows either for blocks). */
export function objectsOf(value: unknown): JsonObject[] {
  if (isObject(value)) return [value];
  if (Array.isArray(value)) return value.filter(isObject);
  return [];
}

export function keysOf(object: JsonObject): string[] {
  return Object.keys(object).filter((k) => k !== '//');
}

const MAX_REFERENCE_DEPTH = 200;

/** Traversal roots that are not resource types. */
const NOT_BLOCKS = new Set(['var', 'local', 'module', 'count', 'each', 'self', 'path', 'terraform']);

export class Resolver {
  private readonly memo = new Map<string, Resolved | undefined>();
  private readonly inProgress = new Set<string>();
  private depth = 0;

  /**
   * @param declared every resource and data block by address
   * @param inlineSubnets inline `subnet` blocks of VNets, to the address of their subnet entity
   * @param referencedData records each data block whose value or id the configuration reads
   */
  constructor(
    private readonly declared: ReadonlyMap<string, Declared>,
    private readonly inlineSubnets: WeakMap<object, string>,
    private readonly referencedData: Set<string>,
    /** Every `locals` entry of the configuration, as the body of one block addressed `local`. */
    private readonly locals?: Declared,
  ) {}

  /** Resolves a raw JSON value written in `owner`'s body. Undefined when absent or null. */
  public resolve(value: unknown, owner: Declared): Resolved | undefined {
    if (value === undefined || value === null) return undefined;
    // Plan input puts the Unknown of a value known only after apply straight into the body.
    if (value instanceof Unknown) return value;
    if (typeof value !== 'string') return { kind: 'json', value, owner };
    if (!hasTemplateSyntax(value)) return { kind: 'text', text: value };
    return this.template(value, owner);
  }

  private template(text: string, owner: Declared): Resolved | undefined {
    const template = parseTemplate(text);
    if (template.unterminated) return new Unknown('an interpolation that never closes (missing "}")', text);
    const parts = template.parts;
    if (parts.length === 1 && 'expression' in parts[0]) return this.expression(parts[0].expression, owner);
    if (parts.every((p) => 'literal' in p)) return { kind: 'text', text: parts.map((p) => (p as { literal: string }).literal).join('') };
    return this.mixedTemplate(parts, text, owner);
  }

  /** Text around interpolations: known only when every interpolation is a known scalar. */
  private mixedTemplate(parts: TemplatePart[], written: string, owner: Declared): Resolved {
    let text = '';
    for (const part of parts) {
      if ('literal' in part) {
        text += part.literal;
        continue;
      }
      if ('directive' in part) return new Unknown('a template directive (%{ ... }) Terraform evaluates', written);
      const value = this.expression(part.expression, owner);
      const scalar = value === undefined ? '' : scalarText(value);
      if (scalar === undefined) {
        const reason = value instanceof Unknown ? value.reason : `${part.expression} is not a single value`;
        return new Unknown(`${reason} (in a string template)`, written);
      }
      text += scalar;
    }
    return { kind: 'text', text };
  }

  /** One `${...}` expression. */
  public expression(expression: string, owner: Declared): Resolved | undefined {
    const literal = literalExpression(expression);
    if (literal) return this.resolve(literal.value, owner);
    const written = '${' + expression + '}';
    const traversal = parseTraversal(expression);
    if (!traversal) {
      const fn = calledFunction(expression);
      if (fn !== undefined) return new Unknown(`${fn}() is a function call`, written);
      return new Unknown('an expression Terraform evaluates at plan', written);
    }
    return this.traversal(traversal, expression, written, owner);
  }

  private traversal(t: Traversal, expression: string, written: string, owner: Declared): Resolved | undefined {
    const first = t.steps[0];
    const firstName = first !== undefined && 'name' in first ? first.name : undefined;
    const iterator = owner.iterator;
    if (iterator !== undefined && t.root === iterator.name && (firstName === 'key' || firstName === 'value')) {
      const scope: Declared = { address: iterator.address, type: 'dynamic', name: iterator.name, body: iterator.element, isData: false };
      return this.attribute(scope, t.steps, written);
    }
    switch (t.root) {
      case 'var':
        return new Unknown(`var.${firstName ?? '?'} is a variable`, written);
      case 'local':
        // A local is the expression it is declared with, resolved like any attribute (memoized, cycle-guarded, depth-bounded).
        if (this.locals !== undefined && firstName !== undefined && own(this.locals.body, firstName) !== undefined) {
          return this.attribute(this.locals, t.steps, written);
        }
        return new Unknown(`local.${firstName ?? '?'} is a local value${this.locals === undefined ? '' : ' not declared in this configuration'}`, written);
      case 'module':
        return new Unknown(`${expression} is a module output`, written);
      case 'count':
        return new Unknown(`${expression} differs per instance of a resource with count`, written);
      case 'each':
        return new Unknown(`${expression} differs per instance of a resource with for_each`, written);
      case 'self':
      case 'path':
      case 'terraform':
        return new Unknown(`${expression} is known only to Terraform`, written);
      default:
        break;
    }
    const reference = this.reference(t);
    if (reference === undefined) return new Unknown('an expression Terraform evaluates at plan', written);
    const { address, target, rest, splat } = reference;
    if (!target) return new Unknown(`${address} is not declared in this configuration`, written);
    // The block's own address: plan input declares blocks under a short alias of their full address.
    if (target.isData) this.referencedData.add(target.address);
    if (splat) return new Unknown(`${expression} is a list over every instance`, written);
    if (rest.length === 0) return { kind: 'ref', address: target.address, expression: written };
    if (rest.length === 1 && 'name' in rest[0] && rest[0].name === 'id') return { kind: 'ref', address: target.address, expression: written };
    return this.attribute(target, rest, written);
  }

  /**
   * The block a traversal starts from (`azurerm_subnet.gw`, `data.azurerm_subnet.gw`) and the
   * attribute steps after it. An instance key (`[0]`, `["a"]`, `[count.index]`) selects one
   * instance of the same entity, so it is dropped.
   */
  private reference(t: Traversal): { address: string; target?: Declared; rest: Step[]; splat: boolean } | undefined {
    const first = t.steps[0];
    if (first === undefined || !('name' in first)) return undefined;
    let address: string;
    let rest: Step[];
    if (t.root === 'data') {
      const second = t.steps[1];
      if (second === undefined || !('name' in second)) return undefined;
      address = `data.${first.name}.${second.name}`;
      rest = t.steps.slice(2);
    } else {
      address = `${t.root}.${first.name}`;
      rest = t.steps.slice(1);
    }
    const instance = rest[0];
    const splat = instance !== undefined && 'splat' in instance;
    if (instance !== undefined && ('index' in instance || 'key' in instance || 'computedIndex' in instance)) rest = rest.slice(1);
    return { address, target: this.declared.get(address), rest, splat };
  }

  /**
   * When `raw` is exactly one reference to a declared block (`"${azurerm_virtual_network.hub.name}"`),
   * that block and the attribute path after it.
   */
  public directReference(raw: unknown): { target: Declared; rest: Step[] } | undefined {
    if (typeof raw !== 'string' || !hasTemplateSyntax(raw)) return undefined;
    const template = parseTemplate(raw);
    const only = template.parts[0];
    if (template.unterminated || template.parts.length !== 1 || !('expression' in only)) return undefined;
    const t = parseTraversal(only.expression);
    if (!t || NOT_BLOCKS.has(t.root)) return undefined;
    const reference = this.reference(t);
    if (!reference?.target || reference.splat) return undefined;
    return { target: reference.target, rest: reference.rest };
  }

  /** A configured attribute of a declared block, followed into nested blocks; memoized. */
  private attribute(target: Declared, steps: Step[], written: string): Resolved | undefined {
    const key = target.address + stepsText(steps);
    const cached = this.memo.get(key);
    if (cached !== undefined || this.memo.has(key)) return cached;
    if (this.inProgress.has(key)) return new Unknown(`${key} refers back to itself`, written);
    if (this.depth >= MAX_REFERENCE_DEPTH) return new Unknown('a chain of references too long to follow', written);
    this.inProgress.add(key);
    this.depth++;
    try {
      const result = this.navigate(target, steps, key, written);
      this.memo.set(key, result);
      return result;
    } finally {
      this.depth--;
      this.inProgress.delete(key);
    }
  }

  private navigate(target: Declared, steps: Step[], path: string, written: string): Resolved | undefined {
    const computed = () =>
      target.isData
        ? new Unknown(`${target.address} is a data source, read at plan`, written)
        : target === this.locals
          ? new Unknown(`${path} is not in the local value`, written)
          : new Unknown(`${path} is computed at apply`, written);
    let current: Resolved | undefined = { kind: 'json', value: target.body, owner: target };
    for (const step of steps) {
      if (current === undefined) return computed();
      if (current instanceof Unknown) return current;
      if (current.kind !== 'json') return computed();
      const value: unknown = current.value;
      if ('name' in step) {
        if (!isObject(value)) return computed();
        if (step.name === 'id') {
          const inline = this.inlineSubnets.get(value);
          if (inline !== undefined) return { kind: 'ref', address: inline, expression: written };
        }
        if (step.name === '//') return computed();
        const next = own(value, step.name);
        if (next === undefined) {
          if (dynamicBlock(value, step.name) !== undefined) return new Unknown(`${step.name} is built by a dynamic block`, written);
          return computed();
        }
        current = this.resolve(next, current.owner);
      } else if ('index' in step) {
        if (Array.isArray(value)) {
          if (step.index >= value.length) return computed();
          current = this.resolve(value[step.index], current.owner);
        } else if (isObject(value) && step.index === 0) {
          // cdktf writes a block with at most one item as an object; `[0]` is that object.
          continue;
        } else {
          return computed();
        }
      } else if ('key' in step) {
        if (!isObject(value)) return computed();
        const next = own(value, step.key);
        if (next === undefined) return computed();
        current = this.resolve(next, current.owner);
      } else if ('splat' in step) {
        return new Unknown(`${path} is a list Terraform builds`, written);
      } else {
        return new Unknown(`the index ${step.computedIndex} differs per instance`, written);
      }
    }
    return current;
  }
}

/** The string a scalar result stands for, in a template; undefined when not a known scalar. */
function scalarText(value: Resolved): string | undefined {
  if (value instanceof Unknown) return undefined;
  if (value.kind === 'text') return value.text;
  if (value.kind === 'json' && (typeof value.value === 'number' || typeof value.value === 'boolean')) return String(value.value);
  return undefined;
}

/** The `dynamic "<name>"` block of a body, if it has one. */
export function dynamicBlock(body: JsonObject, name: string): unknown {
  const dynamic = own(body, 'dynamic');
  if (isObject(dynamic)) return own(dynamic, name);
  if (Array.isArray(dynamic)) {
    for (const item of dynamic) {
      if (isObject(item) && own(item, name) !== undefined) return own(item, name);
    }
  }
  return undefined;
}
