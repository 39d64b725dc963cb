import { EvaluationError, Evaluator, isObjectValue, newObject, Reference, Value } from './evaluate';
import { isSyntaxProblem, Node, parseTemplateText, TraversalStep } from './expression';
import { hasTemplateSyntax, parseTemplate, parseTraversal, Step, stepsText, Traversal } from './syntax';
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
  /** For one instance of a resource expanded by `for_each` or `count`: its `each` or `count`. */
  readonly instance?: InstanceKeys;
  /**
   * The iterator in scope, for one instance of a `dynamic` block expanded over a known
   * collection: `<name>.key` and `<name>.value` are this element's.
   */
  readonly iterator?: DynamicIterator;
  /**
   * In a model of several stacks: the prefix of the addresses the block's expressions name
   * (`stack hub: `), so that `azurerm_virtual_network.hub` means that stack's block. A
   * `terraform_remote_state` linked to another stack of the app has that stack's prefix.
   */
  readonly namespace?: string;
}

export interface InstanceKeys {
  readonly each?: { readonly key: string; readonly value: Value };
  readonly countIndex?: number;
}

/** The instances of a resource whose `for_each` or `count` is known, by instance address, in order. */
export interface InstanceSet {
  readonly kind: 'for_each' | 'count';
  readonly keys: ReadonlyArray<string | number>;
}

/** The address of one instance: `azurerm_x.y["k"]`, `azurerm_x.y[0]`. */
export function instanceAddress(base: string, key: string | number): string {
  return typeof key === 'number' ? `${base}[${key}]` : `${base}[${JSON.stringify(key)}]`;
}

/** What evaluation reads besides the blocks: variables' values and the expanded resources. */
export interface EvaluationInputs {
  /** Each variable's value (the -var, .tfvars and default precedence already applied); sensitive ones are absent. */
  readonly variables?: ReadonlyMap<string, unknown>;
  readonly sensitiveVariables?: ReadonlySet<string>;
  /** Resources expanded into instances, by their configuration address (`azurerm_x.y`). */
  readonly instances?: ReadonlyMap<string, InstanceSet>;
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

/** `objectsOf(value)[0]`, without the list: a block written once, as an object or in a list. */
export function firstObject(value: unknown): JsonObject | undefined {
  if (isObject(value)) return value;
  return Array.isArray(value) ? value.find(isObject) : undefined;
}

export function keysOf(object: JsonObject): string[] {
  return Object.keys(object).filter((k) => k !== '//');
}

const MAX_REFERENCE_DEPTH = 200;
const MAX_VALUE_DEPTH = 32;
const MAX_VALUE_ITEMS = 10_000;

/** Traversal roots that are not resource types. */
const NOT_BLOCKS = new Set(['var', 'local', 'module', 'count', 'each', 'self', 'path', 'terraform']);

export class Resolver {
  private readonly memo = new Map<string, Resolved | undefined>();
  /** Top-level resolutions of template strings that do not depend on where they are written. */
  private readonly texts = new Map<string, Resolved | undefined>();
  private readonly inProgress = new Set<string>();
  private readonly values = new WeakMap<object, Value>();
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
    private readonly inputs: EvaluationInputs = {},
    /** In a model of several stacks: each stack's locals, by namespace. */
    private readonly namespacedLocals?: ReadonlyMap<string, Declared>,
  ) {}

  /** Resolves a raw JSON value written in `owner`'s body. Undefined when absent or null. */
  public resolve(value: unknown, owner: Declared): Resolved | undefined {
    if (value === undefined || value === null) return undefined;
    // Plan input puts the Unknown of a value known only after apply straight into the body.
    if (value instanceof Unknown) return value;
    if (typeof value !== 'string') return { kind: 'json', value, owner };
    if (!hasTemplateSyntax(value)) return { kind: 'text', text: value };
    // Outside any reference being followed, and written where no instance, iterator or stack
    // changes its meaning, a string resolves the same every time: once per distinct string.
    if (this.depth !== 0 || owner.instance !== undefined || owner.iterator !== undefined || owner.namespace !== undefined) return this.template(value, owner);
    const cached = this.texts.get(value);
    if (cached !== undefined || this.texts.has(value)) return cached;
    const resolved = this.template(value, owner);
    // A list or map belongs to the block that wrote it.
    if (resolved === undefined || resolved instanceof Unknown || resolved.kind !== 'json') this.texts.set(value, resolved);
    return resolved;
  }

  private template(text: string, owner: Declared): Resolved | undefined {
    const node = parseTemplateText(text);
    if (isSyntaxProblem(node)) {
      return new Unknown(parseTemplate(text).unterminated ? 'an interpolation that never closes (missing "}")' : node.problem, text);
    }
    const parts = node.type === 'template' ? node.parts : [];
    // A string that is one interpolation is that expression's value, whatever its type.
    const single = parts.length === 1 && typeof parts[0] === 'object' && 'expression' in parts[0] ? parts[0].expression : undefined;
    if (parts.every((p) => typeof p === 'string')) return { kind: 'text', text: parts.join('') };
    return this.evaluated(single ?? node, text, owner);
  }

  /** Evaluates one parsed expression written in `owner`, as a resolved value. */
  private evaluated(node: Node, written: string, owner: Declared): Resolved | undefined {
    const evaluator = new Evaluator({ traverse: (root, steps, index) => this.traverse(root, steps, index, written, owner) }, written);
    return this.toResolved(evaluator.evaluate(node), owner);
  }

  /** A raw JSON value written in `owner`'s body, evaluated. */
  public value(raw: unknown, owner: Declared): Value {
    return this.toValue(this.resolve(raw, owner));
  }

  /** An evaluated value as a resolved one; strings inside lists and maps are escaped so that they stay literal. */
  private toResolved(value: Value, owner: Declared): Resolved | undefined {
    if (value === null) return undefined;
    if (value instanceof Unknown) return value;
    if (value instanceof Reference) return { kind: 'ref', address: value.address, expression: value.expression };
    if (typeof value === 'string') return { kind: 'text', text: value };
    return { kind: 'json', value: encode(value), owner };
  }

  /** A resolved value as an evaluated one, following strings in lists and maps (depth- and size-bounded). */
  private toValue(r: Resolved | undefined, depth = 0): Value {
    if (r === undefined) return null;
    if (r instanceof Unknown) return r;
    if (r.kind === 'text') return r.text;
    if (r.kind === 'ref') return new Reference(r.address, r.expression);
    // Memoized results (a local read many times) are converted once.
    const cached = this.values.get(r);
    if (cached !== undefined) return cached;
    const value = this.jsonValue(r.value, r.owner, depth);
    this.values.set(r, value);
    return value;
  }

  private jsonValue(raw: unknown, owner: Declared, depth: number): Value {
    if (raw === undefined || raw === null) return null;
    if (raw instanceof Unknown) return raw;
    if (typeof raw === 'string') return hasTemplateSyntax(raw) ? this.toValue(this.resolve(raw, owner), depth + 1) : raw;
    if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
    if (depth > MAX_VALUE_DEPTH) return new Unknown('a value nested too deeply to evaluate');
    if (Array.isArray(raw)) {
      if (raw.length > MAX_VALUE_ITEMS) return new Unknown(`a list of more than ${MAX_VALUE_ITEMS} elements`);
      return raw.map((item) => this.jsonValue(item, owner, depth + 1));
    }
    if (isObject(raw)) {
      const keys = keysOf(raw);
      if (keys.length > MAX_VALUE_ITEMS) return new Unknown(`a map of more than ${MAX_VALUE_ITEMS} elements`);
      const o = newObject();
      for (const k of keys) o[k] = this.jsonValue(raw[k], owner, depth + 1);
      return o;
    }
    return new Unknown('a value that is not JSON');
  }

  /** A variable's value as given (variable values are literal: no interpolation). */
  private literalValue(raw: unknown, depth = 0): Value {
    if (raw === undefined || raw === null) return null;
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
    if (depth > MAX_VALUE_DEPTH) return new Unknown('a value nested too deeply to evaluate');
    if (Array.isArray(raw)) return raw.length > MAX_VALUE_ITEMS ? new Unknown(`a list of more than ${MAX_VALUE_ITEMS} elements`) : raw.map((v) => this.literalValue(v, depth + 1));
    if (isObject(raw)) {
      const o = newObject();
      for (const k of Object.keys(raw)) o[k] = this.literalValue(raw[k], depth + 1);
      return o;
    }
    return new Unknown('a value that is not JSON');
  }

  /**
   * The value a traversal from `root` names, and the steps left for the evaluator: variables,
   * locals, `each`/`count`, a dynamic block's iterator, resources, their instances and data sources.
   */
  private traverse(root: string, steps: readonly TraversalStep[], index: (node: Node) => Value, written: string, owner: Declared): { value: Value; rest: readonly TraversalStep[] } {
    const first = steps[0];
    const firstName = first !== undefined && 'attribute' in first ? first.attribute : undefined;
    const shown = root + steps.slice(0, steps.findIndex((s) => !('attribute' in s)) >>> 0).map((s) => `.${(s as { attribute: string }).attribute}`).join('');
    const done = (value: Value, consumed = 1) => ({ value, rest: steps.slice(consumed) });
    const iterator = owner.iterator;
    if (iterator !== undefined && root === iterator.name && (firstName === 'key' || firstName === 'value')) {
      return done(this.jsonValue(own(iterator.element, firstName), iterator.owner, 0));
    }
    switch (root) {
      case 'var': {
        if (firstName === undefined) return done(new Unknown(`var is not a value`, written), 0);
        if (this.inputs.sensitiveVariables?.has(firstName)) return done(new Unknown(`var.${firstName} is a sensitive variable; azvpn never reads its value`, written));
        const variables = this.inputs.variables;
        if (variables !== undefined && variables.has(firstName)) return done(this.literalValue(variables.get(firstName)));
        return done(new Unknown(`var.${firstName} is a variable`, written));
      }
      case 'local': {
        // A local is the expression it is declared with, resolved like any attribute (memoized, cycle-guarded, depth-bounded).
        const locals = owner.namespace === undefined ? this.locals : this.namespacedLocals?.get(owner.namespace);
        if (locals !== undefined && firstName !== undefined && own(locals.body, firstName) !== undefined) {
          return done(this.toValue(this.attribute(locals, [{ name: firstName }], written)));
        }
        return done(new Unknown(`local.${firstName ?? '?'} is a local value${locals === undefined ? '' : ' not declared in this configuration'}`, written));
      }
      case 'each':
        if (owner.instance?.each !== undefined && (firstName === 'key' || firstName === 'value')) return done(owner.instance.each[firstName]);
        return done(new Unknown(`${shown} differs per instance of a resource with for_each`, written));
      case 'count':
        if (owner.instance?.countIndex !== undefined && firstName === 'index') return done(owner.instance.countIndex);
        return done(new Unknown(`${shown} differs per instance of a resource with count`, written));
      case 'module':
        return done(new Unknown(`${shown} is a module output`, written));
      case 'self':
      case 'path':
      case 'terraform':
        return done(new Unknown(`${shown} is known only to Terraform`, written));
      default:
        break;
    }
    let base: string;
    let consumed: number;
    if (root === 'data') {
      const second = steps[1];
      if (firstName === undefined || second === undefined || !('attribute' in second)) return done(new Unknown('an expression Terraform evaluates at plan', written), 0);
      base = `data.${firstName}.${second.attribute}`;
      consumed = 2;
    } else {
      if (firstName === undefined) return done(new Unknown(`${root} is not a value Terraform knows`, written), 0);
      base = `${root}.${firstName}`;
      consumed = 1;
    }
    const instances = this.inputs.instances?.get(base);
    const next = steps[consumed];
    if (instances === undefined) {
      // In a model of several stacks a name means the block of the writer's own stack.
      const target = this.declared.get(owner.namespace === undefined ? base : owner.namespace + base);
      if (!target) return done(new Unknown(`${base} is not declared in this configuration`, written), steps.length);
      if (target.isData) this.referencedData.add(target.address);
      // One entity stands for every instance of a block whose instances are not known: the key selects the same entity.
      if (next !== undefined && 'splat' in next) return done(new Unknown(`${base}[*] is a list over every instance`, written), steps.length);
      if (next !== undefined && 'index' in next) consumed++;
      return this.instance(target, steps.slice(consumed), index, written);
    }
    const all = instances.keys.map((k) => this.declared.get(instanceAddress(base, k))).filter((d): d is Declared => d !== undefined);
    if (next !== undefined && 'index' in next) {
      const key = index(next.index);
      if (key instanceof Unknown) return done(key, steps.length);
      const keyText = typeof key === 'number' || typeof key === 'string' ? key : undefined;
      const address = keyText === undefined ? undefined : instanceAddress(base, instances.kind === 'count' ? Number(keyText) : String(keyText));
      const target = address === undefined ? undefined : this.declared.get(address);
      if (!target) return done(new EvaluationError(`${base} has no instance ${next.source}`, written), steps.length);
      return this.instance(target, steps.slice(consumed + 1), index, written);
    }
    if (next !== undefined && 'splat' in next) {
      const rest = steps.slice(consumed + 1);
      return done(all.map((target) => {
        const r = this.instance(target, rest, index, written);
        return r.rest.length === 0 ? r.value : new Unknown(`${base}[*] followed by another splat`, written);
      }), steps.length);
    }
    // The resource as a whole: a list (count) or map (for_each) of its instances.
    if (instances.kind === 'count') return done(all.map((t) => new Reference(t.address, written)), consumed);
    const map = newObject();
    instances.keys.forEach((k, i) => { if (all[i]) map[String(k)] = new Reference(all[i].address, written); });
    return done(map, consumed);
  }

  /** An attribute path into one block (an instance): a reference for the block or its `id`, else its configured value. */
  private instance(target: Declared, steps: readonly TraversalStep[], index: (node: Node) => Value, written: string): { value: Value; rest: readonly TraversalStep[] } {
    if (steps.length === 0 || (steps.length === 1 && 'attribute' in steps[0] && steps[0].attribute === 'id')) {
      return { value: new Reference(target.address, written), rest: [] };
    }
    const path: Step[] = [];
    let i = 0;
    for (; i < steps.length; i++) {
      const step = steps[i];
      if ('splat' in step) break;
      if ('attribute' in step) {
        path.push({ name: step.attribute });
        continue;
      }
      const key = index(step.index);
      if (key instanceof Unknown) return { value: key, rest: [] };
      if (typeof key === 'number') path.push({ index: key });
      else if (typeof key === 'string') path.push({ key });
      else return { value: new EvaluationError(`the index ${step.source} is not a number or string`, written), rest: [] };
    }
    return { value: this.toValue(this.attribute(target, path, written)), rest: steps.slice(i) };
  }

  /**
   * The block a traversal starts from (`azurerm_subnet.gw`, `data.azurerm_subnet.gw`) and the
   * attribute steps after it. An instance key (`[0]`, `["a"]`, `[count.index]`) selects one
   * instance of the same entity, so it is dropped.
   */
  private reference(t: Traversal, owner?: Declared): { address: string; target?: Declared; rest: Step[]; splat: boolean } | undefined {
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
    const instances = this.inputs.instances?.get(address);
    if (instances !== undefined) {
      // An expanded block: a literal key names one instance; any other key is not followed.
      if (instance === undefined || !('index' in instance || 'key' in instance)) return { address, rest, splat };
      address = instanceAddress(address, 'index' in instance ? instance.index : instance.key);
      return { address, target: this.declared.get(address), rest: rest.slice(1), splat };
    }
    if (instance !== undefined && ('index' in instance || 'key' in instance || 'computedIndex' in instance)) rest = rest.slice(1);
    return { address, target: this.declared.get(owner?.namespace === undefined ? address : owner.namespace + address), rest, splat };
  }

  /**
   * When `raw` is exactly one reference to a declared block (`"${azurerm_virtual_network.hub.name}"`),
   * that block and the attribute path after it. A stack output read through a linked
   * `terraform_remote_state` (several stacks) is followed to what the output references.
   */
  public directReference(raw: unknown, owner?: Declared, depth = 0): { target: Declared; rest: Step[] } | undefined {
    if (typeof raw !== 'string' || !hasTemplateSyntax(raw)) return undefined;
    const template = parseTemplate(raw);
    const only = template.parts[0];
    if (template.unterminated || template.parts.length !== 1 || !('expression' in only)) return undefined;
    const t = parseTraversal(only.expression);
    if (!t || NOT_BLOCKS.has(t.root)) return undefined;
    const reference = this.reference(t, owner);
    if (!reference?.target || reference.splat) return undefined;
    const { target, rest } = reference;
    const [outputs, name] = rest;
    if (target.isData && target.type === 'terraform_remote_state' && target.namespace !== owner?.namespace && rest.length === 2 && depth < MAX_REFERENCE_DEPTH
      && outputs !== undefined && 'name' in outputs && outputs.name === 'outputs' && name !== undefined && 'name' in name) {
      const written = own(target.body, 'outputs');
      return isObject(written) ? this.directReference(own(written, name.name), target, depth + 1) : undefined;
    }
    return { target, rest };
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
        : target.type === 'locals'
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

/**
 * An evaluated list or map as raw Terraform JSON: strings escaped (`$${`) so they stay literal
 * when read again, a resource as a reference to its id, and an Unknown as itself.
 */
function encode(value: Value): unknown {
  if (typeof value === 'string') return value.replace(/([$%])\{/g, '$1$1{');
  if (value instanceof Reference) return `\${${value.address}.id}`;
  if (Array.isArray(value)) return value.map(encode);
  if (isObjectValue(value)) {
    const o: JsonObject = Object.create(null) as JsonObject;
    for (const k of Object.keys(value)) o[k] = encode(value[k]);
    return o;
  }
  return value;
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
