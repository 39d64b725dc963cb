import { sortedByAddress, TopologyBuilder } from './builder';
import { KnownResource } from './known-resources';
import { linkRemoteStates, stackOutputs, StackOutputs } from './remote-state';

export type { KnownGateway, KnownResource, KnownVirtualNetwork } from './known-resources';

import { collectVariables, DeclaredVariable, secretUses } from './secrets';
import { Evaluator, firstUnknown, Reference } from './evaluate';
import { isSyntaxProblem, parseExpression } from './expression';
import { expandInstances } from './instances';
import { Declared, EvaluationInputs, firstObject, isObject, JsonObject, keysOf, objectsOf, own } from './values';
import { stackPrefix } from '../model/stacks';
import { SecretUse, Topology } from '../model/topology';
import { Unknown } from '../model/unknown';
import { UnusableInputError } from '../private/errors';

import { mergedConfiguration, replacementsInStack } from './config-changes';
export { mergedConfiguration, replacementsBetween, withReplacementsSince } from './config-changes';
export { isTerraformShowJson, SUPPORTED_FORMAT_MAJOR, topologyFromTerraformShow } from './show';

/**
 * The Terraform JSON adapter: turns a Terraform JSON configuration (a cdktf `cdk.tf.json`, or
 * the `*.tf.json` files of one directory) into the topology model. It is the only way into the
 * model; the constructs feed it `stack.toTerraform()`.
 *
 * Values are resolved as far as the configuration itself allows (literals, and references to
 * attributes other resources configure); everything else becomes an {@link Unknown} with the
 * reason and the expression, so rules skip instead of guessing.
 */

export interface TerraformJsonFile {
  /** The file name, for messages. */
  readonly file: string;
  /** The result of `JSON.parse` on the file. */
  readonly content: unknown;
}

/** Top-level keys of Terraform's JSON configuration syntax. */
const TERRAFORM_TOP_LEVEL_KEYS = new Set([
  'resource',
  'data',
  'variable',
  'locals',
  'output',
  'module',
  'provider',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
  'ephemeral',
  '//',
]);

/**
 * Merges the files of one configuration and builds the model. Throws
 * {@link UnusableInputError} only when a file is not a Terraform JSON configuration at all;
 * anything malformed inside a resource body becomes unknown, never an exception.
 */
/** What a run gives the configuration besides its files. */
export interface TerraformJsonOptions {
  /**
   * Values of input variables, as set by `-var`, `-var-file` and `.tfvars` files (their
   * precedence already applied); they win over the variables' defaults. Undeclared names are ignored.
   */
  readonly variables?: ReadonlyMap<string, unknown>;
  /**
   * Whether a variable's `default` is its value when none is given. True for a configuration
   * Terraform will plan as it is; false at synth, where a cdktf variable is an input the
   * deployment may set (`TF_VAR_…`), so its default is not yet the value.
   * @default true
   */
  readonly variableDefaults?: boolean;
}

export function topologyFromTerraformJson(files: readonly TerraformJsonFile[], known: readonly KnownResource[] = [], options: TerraformJsonOptions = {}): Topology {
  const declared = new Map<string, Declared>();
  const order: Declared[] = [];
  const variables = new Map<string, DeclaredVariable>();
  // Locals of every file share one namespace; no prototype, so a local named __proto__ is just a name.
  const locals: Declared = { address: 'local', type: 'locals', name: 'local', body: Object.create(null) as JsonObject, isData: false };
  if (!Array.isArray(files)) throw new UnusableInputError('<input>', 'expected a list of files');
  files.forEach((f, i) => {
    const file = isObject(f) && typeof f.file === 'string' ? f.file : `<input ${i + 1}>`;
    const content = isObject(f) ? f.content : undefined;
    collectFile(file, content, declared, order, variables);
    collectLocals(content, locals.body);
  });
  const inputs = variableInputs(files, options.variables, options.variableDefaults ?? true);
  const expanded = expandInstances(declared, order, locals, inputs);
  const topology = new TopologyBuilder(expanded.declared, expanded.order, locals, known, { ...inputs, instances: expanded.instances }).build();
  return { ...sortedByAddress(topology), secrets: secretUses(order, variables) };
}

/** Collects one file's blocks; in a model of several stacks, `namespace` (`stack hub: `) qualifies their addresses. */
/** One stack of a cdktf app (or one configuration among several that read each other's state). */
export interface StackConfiguration {
  /** The stack's name, unique in the app: what qualifies its addresses (`stack hub: azurerm_virtual_network.hub`). */
  readonly name: string;
  readonly files: readonly TerraformJsonFile[];
  /** Facts about existing resources the stack's constructs were given. */
  readonly known?: readonly KnownResource[];
  /**
   * The stack's previous configuration (its last synth, or `azvpn check --previous`), when there
   * is one: what would replace since then becomes the model's replacements (`synth.replace`).
   */
  readonly previous?: unknown;
}

/**
 * One model of several stacks, with cross-stack references (`terraform_remote_state` outputs)
 * resolved to the resources they point at: rules that compare resources (overlap, ASN, APIPA)
 * see the whole app. Every address is qualified by its stack (see `lib/model/stacks`); each
 * stack's references, locals and names resolve in that stack only.
 */
export function topologyFromStacks(stacks: readonly StackConfiguration[]): Topology {
  const declared = new Map<string, Declared>();
  const order: Declared[] = [];
  const locals = new Map<string, Declared>();
  const known = new Map<string, readonly KnownResource[]>();
  const outputs: StackOutputs[] = [];
  const secrets: SecretUse[] = [];
  for (const stack of stacks) {
    const namespace = stackPrefix(stack.name);
    const stackLocals: Declared = { address: `${namespace}local`, type: 'locals', name: 'local', body: Object.create(null) as JsonObject, isData: false, namespace };
    const variables = new Map<string, DeclaredVariable>();
    const first = order.length;
    stack.files.forEach((f, i) => {
      const file = isObject(f) && typeof f.file === 'string' ? f.file : `<input ${i + 1}>`;
      const content = isObject(f) ? f.content : undefined;
      collectFile(file, content, declared, order, variables, namespace);
      collectLocals(content, stackLocals.body);
    });
    locals.set(namespace, stackLocals);
    if (stack.known !== undefined && stack.known.length > 0) known.set(namespace, stack.known);
    outputs.push(stackOutputs(namespace, stack.files.map((f) => f.content)));
    secrets.push(...secretUses(order.slice(first), variables));
  }
  linkRemoteStates(outputs, declared, order);
  const topology = new TopologyBuilder(declared, order, undefined, [], {}, { locals, known }).build();
  const replacements = stacks.flatMap((stack) =>
    stack.previous === undefined ? [] : replacementsInStack(stack.name, stack.previous, mergedConfiguration(stack.files.map((f) => f.content))),
  );
  return { ...sortedByAddress(topology), secrets, ...(replacements.length > 0 ? { replacements } : {}) };
}

function collectFile(file: string, content: unknown, declared: Map<string, Declared>, order: Declared[], variables: Map<string, DeclaredVariable>, namespace?: string): void {
  if (!isObject(content)) {
    throw new UnusableInputError(file, `not a Terraform JSON configuration: the top level is ${describe(content)}, not an object`);
  }
  const keys = Object.keys(content);
  if (keys.length > 0 && !keys.some((k) => TERRAFORM_TOP_LEVEL_KEYS.has(k))) {
    const shown = keys.slice(0, 5).map((k) => JSON.stringify(k)).join(', ');
    throw new UnusableInputError(
      file,
      `not a Terraform JSON configuration: it has none of the top-level keys resource, data, variable, locals, output, module, provider, terraform (found ${shown}${keys.length > 5 ? ', …' : ''})`,
    );
  }
  collectBlocks(file, 'resource', own(content, 'resource'), declared, order, namespace);
  collectBlocks(file, 'data', own(content, 'data'), declared, order, namespace);
  collectVariables(content, variables);
}

/**
 * `resource` and `data` are `{type: {name: body}}`; JSON syntax also allows an array of such
 * objects at each level. Duplicate addresses (which Terraform rejects) keep the first one.
 */
function collectBlocks(file: string, key: 'resource' | 'data', value: unknown, declared: Map<string, Declared>, order: Declared[], namespace?: string): void {
  if (value === undefined) return;
  const byType = isObject(value) ? [value] : Array.isArray(value) && value.every(isObject) ? (value as JsonObject[]) : undefined;
  if (!byType) {
    throw new UnusableInputError(file, `"${key}" is ${describe(value)}; Terraform expects an object of ${key === 'resource' ? 'resource' : 'data source'} types`);
  }
  const isData = key === 'data';
  for (const types of byType) {
    for (const type of keysOf(types)) {
      for (const names of objectsOf(types[type])) {
        // An index loop: a for-of allocates an iterator result per block until the optimizer takes over.
        const blockNames = keysOf(names);
        for (let i = 0; i < blockNames.length; i++) {
          const name = blockNames[i];
          const body = firstObject(names[name]);
          if (!body) continue;
          const local = isData ? `data.${type}.${name}` : `${type}.${name}`;
          const address = namespace === undefined ? local : namespace + local;
          if (declared.has(address)) continue;
          const block: Declared = namespace === undefined ? { address, type, name, body, isData } : { address, type, name, body, isData, namespace };
          declared.set(address, block);
          order.push(block);
        }
      }
    }
  }
}

/**
 * `locals` is an object of name → expression, or (HCL parsed to JSON, JSON syntax) an array of
 * such objects. A name declared twice (which Terraform rejects) keeps the first value.
 */
function collectLocals(content: unknown, into: JsonObject): void {
  if (!isObject(content)) return;
  for (const block of objectsOf(own(content, 'locals'))) {
    for (const name of keysOf(block)) {
      if (!Object.prototype.hasOwnProperty.call(into, name)) into[name] = block[name];
    }
  }
}


/**
 * Each declared variable's value: the one given (`-var`, `.tfvars`), else its default; a
 * variable with neither stays unknown. Sensitive variables are never read.
 */
function variableInputs(files: readonly TerraformJsonFile[], given: ReadonlyMap<string, unknown> | undefined, useDefaults: boolean): EvaluationInputs {
  const values = new Map<string, unknown>();
  const sensitive = new Set<string>();
  const seen = new Set<string>();
  for (const f of files) {
    const content = isObject(f) ? f.content : undefined;
    if (!isObject(content)) continue;
    for (const block of objectsOf(own(content, 'variable'))) {
      for (const name of keysOf(block)) {
        if (seen.has(name)) continue;
        seen.add(name);
        const body = firstObject(block[name]) ?? {};
        const value = given?.has(name) ? given.get(name) : useDefaults ? own(body, 'default') : undefined;
        if (value === undefined || value === null) continue;
        const isSensitive = own(body, 'sensitive');
        if (isSensitive === true || isSensitive === 'true') sensitive.add(name);
        else values.set(name, value);
      }
    }
  }
  return { variables: values, sensitiveVariables: sensitive };
}

/**
 * The value of `-var NAME=VALUE`, as Terraform reads it: a list or map written in HCL
 * (`["a", "b"]`, `{ weu = "westeurope" }`) is that value; anything else is the text itself.
 */
export function variableValueFromText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return text;
  const node = parseExpression(trimmed);
  if (isSyntaxProblem(node)) return text;
  const value = new Evaluator({ traverse: (root) => ({ value: new Unknown(`${root} in a -var value`), rest: [] }) }, trimmed).evaluate(node);
  return firstUnknown(value) === undefined && !(value instanceof Reference) ? value : text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'empty';
  return `a ${typeof value}`;
}
