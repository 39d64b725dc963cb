import { Address4, Address6 } from 'ip-address';
import { Node, TraversalStep } from './expression';
import { Unknown } from '../model/unknown';

/**
 * Evaluation of Terraform expressions over what the configuration itself fixes: literals,
 * locals, variables with a value, `each`/`count` of expanded instances, the functions a network
 * configuration uses, operators, conditionals and `for` expressions. Whatever rests on something
 * only Terraform knows (a variable without a value, a data source, a computed attribute) is an
 * {@link Unknown} with the reason; nothing is guessed.
 *
 * Bounded: recursion depth, collection sizes and the work of one evaluation are limited, and
 * beyond a bound the value is unknown. Never throws.
 */

/** A value of Terraform's type system as far as known; `Reference` stands for a resource (its id). */
export type Value = string | number | boolean | null | Value[] | ValueObject | Unknown | Reference;
export interface ValueObject {
  [key: string]: Value;
}

export class Reference {
  constructor(
    /** The resource (instance) address: `azurerm_subnet.gw`, `azurerm_subnet.gw["a"]`. */
    public readonly address: string,
    public readonly expression: string,
  ) {}
}

/** What Terraform would reject at plan (a missing key, a bad argument); `try()` moves past it. */
export class EvaluationError extends Unknown {}

export const MAX_COLLECTION = 10_000;
const MAX_DEPTH = 64;
const MAX_WORK = 200_000;
const MAX_STRING = 1_000_000;

/** What the evaluator asks its host: the value a traversal from a root names. */
export interface EvaluationHost {
  /**
   * The value of `root` followed by a prefix of `steps` (`var.x`, `local.m`, `each.key`,
   * `azurerm_x.y["k"].name`), and the steps it did not consume.
   */
  traverse(root: string, steps: readonly TraversalStep[], index: (node: Node) => Value, written: string): { value: Value; rest: readonly TraversalStep[] };
}

export function isObjectValue(v: Value): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Reference);
}

export function newObject(): ValueObject {
  return Object.create(null) as ValueObject;
}

function hasKey(o: ValueObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The first Unknown inside a value (depth-bounded), if any. */
export function firstUnknown(v: Value, depth = 0): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (depth > MAX_DEPTH) return new Unknown('a value nested too deeply to evaluate');
  if (Array.isArray(v)) {
    for (const item of v) {
      const u = firstUnknown(item, depth + 1);
      if (u) return u;
    }
  } else if (isObjectValue(v)) {
    for (const key of Object.keys(v)) {
      const u = firstUnknown(v[key], depth + 1);
      if (u) return u;
    }
  }
  return undefined;
}

export class Evaluator {
  private work = 0;
  private depth = 0;
  private readonly scopes: Array<Map<string, Value>> = [];

  constructor(
    private readonly host: EvaluationHost,
    /** The whole expression as written, for the Unknowns' `expression`. */
    private readonly written: string,
  ) {}

  public evaluate(node: Node): Value {
    if (++this.work > MAX_WORK) return new Unknown('an expression too costly to evaluate', this.written);
    if (this.depth >= MAX_DEPTH) return new Unknown('an expression nested too deeply to evaluate', this.written);
    this.depth++;
    try {
      const value = this.node(node);
      // Past the work bound every part is suspect (a length over unknown elements would still look known).
      return this.work > MAX_WORK ? new Unknown('an expression too costly to evaluate', this.written) : value;
    } catch (error) {
      // A bug or an exhausted stack must not stop the check: the value is unknown.
      return new Unknown(`an expression azvpn could not evaluate (${error instanceof Error ? error.message : String(error)})`, this.written);
    } finally {
      this.depth--;
    }
  }

  private unknown(reason: string): Unknown {
    return new Unknown(reason, this.written);
  }

  private error(reason: string): EvaluationError {
    return new EvaluationError(reason, this.written);
  }

  private node(node: Node): Value {
    switch (node.type) {
      case 'literal':
        return node.value;
      case 'template':
        return this.template(node.parts);
      case 'variable':
        return this.traversal(node.name, []);
      case 'traversal':
        if (node.target.type === 'variable') return this.traversal(node.target.name, node.steps);
        return this.steps(this.evaluate(node.target), node.steps);
      case 'tuple': {
        if (node.items.length > MAX_COLLECTION) return this.unknown(`a list of more than ${MAX_COLLECTION} elements`);
        return node.items.map((item) => this.evaluate(item));
      }
      case 'object': {
        const o = newObject();
        for (const item of node.items) {
          const key = this.evaluate(item.key);
          if (key instanceof Unknown) return key;
          const k = keyText(key);
          if (k === undefined) return this.error('an object key that is not a string');
          o[k] = this.evaluate(item.value);
        }
        return o;
      }
      case 'call':
        return this.call(node.name, node.args, node.expand);
      case 'unary':
        return this.unary(node.op, this.evaluate(node.operand));
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'conditional': {
        const condition = toBool(this.evaluate(node.condition));
        if (condition instanceof Unknown) return condition;
        if (condition === undefined) return this.error('a condition that is not true or false');
        return this.evaluate(condition ? node.then : node.otherwise);
      }
      case 'for':
        return this.forExpression(node);
      default:
        return this.unknown('an expression Terraform evaluates at plan');
    }
  }

  private template(parts: readonly import('./expression').TemplatePart[]): Value {
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        text += part;
      } else if ('directive' in part) {
        return this.unknown('a template directive (%{ ... }) Terraform evaluates');
      } else {
        const value = this.evaluate(part.expression);
        if (value instanceof Unknown) return new (value instanceof EvaluationError ? EvaluationError : Unknown)(`${value.reason} (in a string template)`, this.written);
        if (value instanceof Reference) return this.unknown(`${value.address}.id is computed at apply (in a string template)`);
        const scalar = scalarString(value);
        if (scalar === undefined) return this.error('a list or object in a string template');
        text += scalar;
        if (text.length > MAX_STRING) return this.unknown('a string too long to evaluate');
      }
    }
    return text;
  }

  private traversal(root: string, steps: readonly TraversalStep[]): Value {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const scope = this.scopes[i];
      if (scope.has(root)) return this.steps(scope.get(root) as Value, steps);
    }
    const { value, rest } = this.host.traverse(root, steps, (n) => this.evaluate(n), this.written);
    return this.steps(value, rest, root + stepsSource(steps.slice(0, steps.length - rest.length)));
  }

  /** Attribute, index and splat steps applied to a value; `label` names the value in messages. */
  public steps(value: Value, steps: readonly TraversalStep[], label = 'the value'): Value {
    let current = value;
    for (let i = 0; i < steps.length; i++) {
      if (current instanceof Unknown) return current;
      const step = steps[i];
      const here = label + stepsSource(steps.slice(0, i + 1));
      if ('splat' in step) {
        const rest = steps.slice(i + 1);
        if (current === null) return [];
        const items = Array.isArray(current) ? current : [current];
        if (items.length > MAX_COLLECTION) return this.unknown(`a list of more than ${MAX_COLLECTION} elements`);
        return items.map((item) => this.steps(item, rest, `${here}`));
      }
      if (current instanceof Reference) {
        if ('attribute' in step && step.attribute === 'id') continue;
        return this.unknown(`${current.address}${'attribute' in step ? `.${step.attribute}` : step.source} is computed at apply`);
      }
      if ('attribute' in step) {
        if (!isObjectValue(current)) return this.error(`${here}: not an object`);
        if (!hasKey(current, step.attribute)) return this.error(`${here} is not in the value`);
        current = current[step.attribute];
      } else {
        const index = this.evaluate(step.index);
        if (index instanceof Unknown) return index;
        current = this.index(current, index, here);
      }
    }
    return current;
  }

  private index(collection: Value, index: Value, source: string): Value {
    if (Array.isArray(collection)) {
      const n = toNumber(index);
      if (typeof n !== 'number' || !Number.isInteger(n)) return this.error(`${source}: the index is not a whole number`);
      if (n < 0 || n >= collection.length) return this.error(`${source}: the index is out of range`);
      return collection[n];
    }
    if (isObjectValue(collection)) {
      const key = keyText(index);
      if (key === undefined || !hasKey(collection, key)) return this.error(`${source} is not in the value`);
      return collection[key];
    }
    return this.error(`${source}: not a list or map`);
  }

  private unary(op: '!' | '-', operand: Value): Value {
    if (operand instanceof Unknown) return operand;
    if (op === '!') {
      const b = toBool(operand);
      return typeof b === 'boolean' ? !b : this.error('! of a value that is not true or false');
    }
    const n = toNumber(operand);
    return n === undefined ? this.error('- of a value that is not a number') : -n;
  }

  private binary(op: string, leftNode: Node, rightNode: Node): Value {
    const left = this.evaluate(leftNode);
    // && and || are not short-circuit in Terraform, but an unknown on one side with a deciding
    // known value on the other still decides the result.
    const right = this.evaluate(rightNode);
    if (op === '&&' || op === '||') {
      const a = toBool(left);
      const b = toBool(right);
      if (a === undefined || b === undefined) return this.error(`${op} of a value that is not true or false`);
      if (op === '&&') {
        if (a === false || b === false) return false;
        return a instanceof Unknown ? a : b instanceof Unknown ? b : true;
      }
      if (a === true || b === true) return true;
      return a instanceof Unknown ? a : b instanceof Unknown ? b : false;
    }
    if (op === '==' || op === '!=') {
      const u = firstUnknown(left) ?? firstUnknown(right);
      if (u) return u;
      if (left instanceof Reference || right instanceof Reference) return this.unknown('a comparison of a resource id, computed at apply');
      const equal = valuesEqual(left, right);
      return op === '==' ? equal : !equal;
    }
    if (left instanceof Unknown) return left;
    if (right instanceof Unknown) return right;
    const a = toNumber(left);
    const b = toNumber(right);
    if (a === undefined || b === undefined) return this.error(`${op} of a value that is not a number`);
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? this.error('a division by zero') : a / b;
      case '%': return b === 0 ? this.error('a modulo by zero') : a % b;
      case '<': return a < b;
      case '<=': return a <= b;
      case '>': return a > b;
      case '>=': return a >= b;
      default: return this.unknown(`the operator ${op}`);
    }
  }

  private forExpression(node: import('./expression').ForNode): Value {
    const collection = this.evaluate(node.collection);
    if (collection instanceof Unknown) return collection;
    const entries = entriesOf(collection);
    if (entries === undefined) return this.error('a for expression over a value that is not a list, set or map');
    if (entries.length > MAX_COLLECTION) return this.unknown(`a for expression over more than ${MAX_COLLECTION} elements`);
    const list: Value[] = [];
    const object = newObject();
    const scope = new Map<string, Value>();
    this.scopes.push(scope);
    try {
      for (const [key, value] of entries) {
        if (node.keyName !== undefined) scope.set(node.keyName, key);
        scope.set(node.valueName, value);
        if (node.condition !== null) {
          const keep = toBool(this.evaluate(node.condition));
          if (keep instanceof Unknown) return keep;
          if (keep === undefined) return this.error('a for expression condition that is not true or false');
          if (!keep) continue;
        }
        if (!node.object) {
          list.push(this.evaluate(node.value));
          continue;
        }
        const k = this.evaluate(node.key as Node);
        if (k instanceof Unknown) return k;
        const text = keyText(k);
        if (text === undefined) return this.error('a for expression key that is not a string');
        const v = this.evaluate(node.value);
        if (node.grouping) {
          const group = hasKey(object, text) ? (object[text] as Value[]) : [];
          group.push(v);
          object[text] = group;
        } else {
          if (hasKey(object, text)) return this.error(`a for expression that makes the key ${JSON.stringify(text)} twice (add ... to group)`);
          object[text] = v;
        }
      }
    } finally {
      this.scopes.pop();
    }
    return node.object ? object : list;
  }

  // ---- functions ------------------------------------------------------------------------------

  private call(name: string, argNodes: readonly Node[], expand: boolean): Value {
    if (name === 'try') {
      let last: Value = this.error('try() found no argument without an error');
      for (const arg of argNodes) {
        last = this.evaluate(arg);
        if (last instanceof EvaluationError) continue;
        return last;
      }
      return last;
    }
    const fn = FUNCTIONS.get(name);
    if (fn === undefined) return this.unknown(`${name}() is a function call`);
    let args = argNodes.map((a) => this.evaluate(a));
    if (expand && args.length > 0) {
      const last = args[args.length - 1];
      if (last instanceof Unknown) return last;
      if (!Array.isArray(last)) return this.error(`${name}(...) expands a value that is not a list`);
      args = [...args.slice(0, -1), ...last];
    }
    const result = fn(args);
    if (typeof result === 'object' && result !== null && 'fail' in result && !(result instanceof Unknown) && !(result instanceof Reference) && !Array.isArray(result)) {
      return this.error(`${name}(): ${(result as { fail: string }).fail}`);
    }
    if (result instanceof Unknown && result.expression === undefined) return new (result instanceof EvaluationError ? EvaluationError : Unknown)(result.reason, this.written);
    return result as Value;
  }
}

/** Steps as written: `.a[0]["k"][*]`. */
function stepsSource(steps: readonly TraversalStep[]): string {
  return steps.map((s) => ('attribute' in s ? `.${s.attribute}` : 'splat' in s ? '[*]' : s.source.startsWith('[') ? s.source : `[${s.source}]`)).join('');
}

// ---- conversions ----------------------------------------------------------------------------------

function scalarString(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n);
}

function keyText(v: Value): string | undefined {
  return scalarString(v);
}

function toNumber(v: Value): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A boolean, the Unknown itself, or undefined when the value cannot be a boolean. */
function toBool(v: Value): boolean | Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (isObjectValue(a) && isObjectValue(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasKey(b, k) && valuesEqual(a[k], b[k]));
  }
  return false;
}

/** The elements of a collection: index and element of a list, key and value of a map (in key order). */
export function entriesOf(v: Value): Array<[Value, Value]> | undefined {
  if (Array.isArray(v)) return v.map((item, i) => [i, item]);
  if (isObjectValue(v)) return Object.keys(v).sort().map((k) => [k, v[k]]);
  return undefined;
}

// ---- the functions --------------------------------------------------------------------------------

type Failure = { readonly fail: string };
type Fn = (args: Value[]) => Value | Failure;

function fail(reason: string): Failure {
  return { fail: reason };
}

/** The arguments when all are fully known; otherwise the first Unknown among them. */
function known(args: Value[]): Unknown | undefined {
  for (const a of args) {
    const u = firstUnknown(a);
    if (u) return u;
    if (a instanceof Reference) return new Unknown(`${a.address}.id is computed at apply`);
  }
  return undefined;
}

function stringArg(v: Value): string | undefined {
  return scalarString(v);
}

function intArg(v: Value): number | undefined {
  const n = toNumber(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

function toSet(list: Value[]): Value[] | Failure {
  const seen = new Map<string, Value>();
  for (const item of list) {
    const s = scalarString(item);
    if (s === undefined) return fail('a set of values that are not strings or numbers');
    seen.set(s, typeof item === 'number' ? item : s);
  }
  return [...seen.keys()].sort().map((k) => seen.get(k) as Value);
}

const FUNCTIONS = new Map<string, Fn>([
  ['lower', (args) => known(args) ?? (args.length === 1 && stringArg(args[0]) !== undefined ? (stringArg(args[0]) as string).toLowerCase() : fail('expects one string'))],
  ['upper', (args) => known(args) ?? (args.length === 1 && stringArg(args[0]) !== undefined ? (stringArg(args[0]) as string).toUpperCase() : fail('expects one string'))],
  ['length', (args) => {
    if (args.length !== 1) return fail('expects one argument');
    const v = args[0];
    if (v instanceof Unknown) return v;
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObjectValue(v)) return Object.keys(v).length;
    return fail('expects a string, list, set or map');
  }],
  ['tolist', (args) => {
    if (args.length !== 1) return fail('expects one argument');
    const v = args[0];
    if (v instanceof Unknown) return v;
    return Array.isArray(v) ? v : fail('expects a list or set');
  }],
  ['toset', (args) => {
    if (args.length !== 1) return fail('expects one argument');
    const v = args[0];
    const u = known([v]);
    if (u) return u;
    return Array.isArray(v) ? toSet(v) : fail('expects a list or set');
  }],
  ['concat', (args) => {
    const out: Value[] = [];
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (!Array.isArray(a)) return fail('expects lists');
      if (out.length + a.length > MAX_COLLECTION) return new Unknown(`a list of more than ${MAX_COLLECTION} elements`);
      out.push(...a);
    }
    return out;
  }],
  ['merge', (args) => {
    const out = newObject();
    for (const a of args) {
      if (a === null) continue;
      if (a instanceof Unknown) return a;
      if (!isObjectValue(a)) return fail('expects maps or objects');
      for (const k of Object.keys(a)) out[k] = a[k];
    }
    return out;
  }],
  ['lookup', (args) => {
    if (args.length < 2 || args.length > 3) return fail('expects a map, a key and an optional default');
    const [map, key] = args;
    if (map instanceof Unknown) return map;
    if (key instanceof Unknown) return key;
    const k = keyText(key);
    if (!isObjectValue(map) || k === undefined) return fail('expects a map and a string key');
    if (hasKey(map, k)) return map[k];
    return args.length === 3 ? args[2] : fail(`the key ${JSON.stringify(k)} is not in the map and there is no default`);
  }],
  ['element', (args) => {
    if (args.length !== 2) return fail('expects a list and an index');
    const [list, index] = args;
    if (list instanceof Unknown) return list;
    if (index instanceof Unknown) return index;
    const i = intArg(index);
    if (!Array.isArray(list) || i === undefined) return fail('expects a list and a whole number');
    if (list.length === 0) return fail('the list is empty');
    if (i < 0) return fail('the index is negative');
    return list[i % list.length];
  }],
  ['format', (args) => known(args) ?? format(args)],
  ['cidrsubnet', (args) => known(args) ?? cidrsubnet(args)],
  ['cidrhost', (args) => known(args) ?? cidrhost(args)],
]);

/** The names of the functions evaluated; any other call is unknown. */
export const EVALUATED_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys(), 'try'];

/** Terraform's format(): the verbs %s %d %v %q %f %t %% with flags and width, as Go's fmt prints them. */
function format(args: Value[]): Value | Failure {
  const spec = stringArg(args[0] ?? null);
  if (spec === undefined) return fail('expects a format string');
  let out = '';
  let next = 1;
  const verb = /%([-+ 0#]*)(\d{0,3})(?:\.(\d{1,3}))?([sdvqftx%])/y;
  for (let i = 0; i < spec.length;) {
    if (spec[i] !== '%') {
      out += spec[i++];
      continue;
    }
    verb.lastIndex = i;
    const m = verb.exec(spec);
    if (!m) return fail(`an unsupported format verb at ${JSON.stringify(spec.slice(i, i + 4))}`);
    i = verb.lastIndex;
    const [, flags, width, precision, v] = m;
    if (v === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) return fail('too few arguments for the format');
    const arg = args[next++];
    let text: string;
    if (v === 'd') {
      const n = toNumber(arg);
      if (n === undefined || !Number.isInteger(n)) return fail('%d of a value that is not a whole number');
      text = flags.includes('+') && n >= 0 ? `+${n}` : String(n);
    } else if (v === 'f') {
      const n = toNumber(arg);
      if (n === undefined) return fail('%f of a value that is not a number');
      text = n.toFixed(precision === undefined ? 6 : Number(precision));
    } else if (v === 'x') {
      const n = intArg(arg);
      if (n === undefined) return fail('%x of a value that is not a whole number');
      text = n.toString(16);
    } else if (v === 't') {
      if (typeof arg !== 'boolean') return fail('%t of a value that is not a boolean');
      text = String(arg);
    } else {
      const s = v === 'v' && !(typeof arg === 'string' || typeof arg === 'number' || typeof arg === 'boolean') ? JSON.stringify(arg) : scalarString(arg);
      if (s === undefined) return fail(`%${v} of a list or object`);
      text = v === 'q' ? JSON.stringify(s) : precision !== undefined ? s.slice(0, Number(precision)) : s;
    }
    const w = width === '' ? 0 : Number(width);
    if (text.length < w) {
      const pad = w - text.length;
      if (flags.includes('-')) text += ' '.repeat(pad);
      else if (flags.includes('0') && 'dfx'.includes(v)) text = text.startsWith('-') || text.startsWith('+') ? text[0] + '0'.repeat(pad) + text.slice(1) : '0'.repeat(pad) + text;
      else text = ' '.repeat(pad) + text;
    }
    out += text;
    if (out.length > MAX_STRING) return new Unknown('a string too long to evaluate');
  }
  return out;
}

interface Network {
  readonly version: 4 | 6;
  readonly start: bigint;
  readonly length: number;
}

function network(prefix: Value): Network | Failure {
  const text = stringArg(prefix);
  if (text === undefined || !/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(text)) return fail(`${JSON.stringify(text ?? '')} is not an address prefix in CIDR notation`);
  try {
    if (text.includes(':')) {
      if (!Address6.isValid(text)) return fail(`${JSON.stringify(text)} is not a valid IPv6 prefix`);
      const a = new Address6(text);
      return { version: 6, start: a.startAddress().bigInt(), length: a.subnetMask };
    }
    if (!Address4.isValid(text)) return fail(`${JSON.stringify(text)} is not a valid IPv4 prefix`);
    const a = new Address4(text);
    return { version: 4, start: a.startAddress().bigInt(), length: a.subnetMask };
  } catch {
    return fail(`${JSON.stringify(text)} is not a valid address prefix`);
  }
}

function addressText(version: 4 | 6, value: bigint): string {
  return version === 4 ? Address4.fromBigInt(value).correctForm() : Address6.fromBigInt(value).correctForm();
}

/** cidrsubnet(prefix, newbits, netnum): the netnum-th subnet newbits longer than prefix. */
function cidrsubnet(args: Value[]): Value | Failure {
  if (args.length !== 3) return fail('expects a prefix, newbits and netnum');
  const net = network(args[0]);
  if ('fail' in net) return net;
  const newbits = intArg(args[1]);
  const netnum = intArg(args[2]);
  if (newbits === undefined || netnum === undefined || newbits < 0 || netnum < 0) return fail('newbits and netnum must be whole numbers, not negative');
  const bits = net.version === 4 ? 32 : 128;
  const length = net.length + newbits;
  if (length > bits) return fail(`a /${net.length} prefix cannot be extended by ${newbits} bits`);
  if (BigInt(netnum) >= 1n << BigInt(newbits)) return fail(`netnum ${netnum} does not fit in ${newbits} bits`);
  const start = net.start + (BigInt(netnum) << BigInt(bits - length));
  return `${addressText(net.version, start)}/${length}`;
}

/** cidrhost(prefix, hostnum): the hostnum-th address of prefix; negative counts from the end. */
function cidrhost(args: Value[]): Value | Failure {
  if (args.length !== 2) return fail('expects a prefix and hostnum');
  const net = network(args[0]);
  if ('fail' in net) return net;
  const hostnum = intArg(args[1]);
  if (hostnum === undefined) return fail('hostnum must be a whole number');
  const bits = net.version === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - net.length);
  const offset = hostnum < 0 ? size + BigInt(hostnum) : BigInt(hostnum);
  if (offset < 0n || offset >= size) return fail(`prefix ${stringArg(args[0])} has no host ${hostnum}`);
  return addressText(net.version, net.start + offset);
}
