import { sortedByAddress, TopologyBuilder } from './builder';
import { Declared, isObject, JsonObject, own } from './values';
import { DeployedGateway, emptyTopology, PlannedChange, Topology, VirtualNetworkGateway } from '../model/topology';
import { Unknown } from '../model/unknown';
import { UnusableInputError } from '../private/errors';

/**
 * What `terraform show -json PLANFILE` (a plan) and `terraform show -json` (the state) print,
 * as input to the same topology builder as a configuration.
 *
 * Every resource instance (root module, child modules, `count`/`for_each` instances) becomes a
 * block declared under its full address (`module.hub.azurerm_virtual_network_gateway.gw["weu"]`)
 * whose body is its planned or current values, so the rules see what Terraform will create:
 * - a value known only after apply (`after_unknown`) is an {@link Unknown};
 * - a string equal to the Azure resource ID of another instance in the file is a reference to
 *   it (state, and plans of existing resources); an ID that matches none is an external resource;
 * - an attribute known only after apply that the plan's `configuration` section writes as a
 *   reference to another resource (`expressions.*.references`) is linked to the instance it
 *   names (plans of new resources, whose IDs are all unknown).
 *
 * The format is Terraform's JSON output format, `format_version` 1.x (Terraform 1.0 and later,
 * https://developer.hashicorp.com/terraform/internals/json-format). Secrets are in clear text in
 * this input: secret rules do not run on it (the value sits in the state whatever the
 * configuration says), and no value is ever part of a message.
 */

export const SUPPORTED_FORMAT_MAJOR = 1;

/** The members of which `terraform show -json` output has at least one: a plan's, or a state's `values`. */
const SHOW_CONTENT = ['planned_values', 'resource_changes', 'values'] as const;

/**
 * Whether a parsed JSON document is `terraform show -json` output: `format_version` plus
 * `planned_values`, `resource_changes` or `values` (a configuration has none of them).
 */
export function isTerraformShowJson(content: unknown): boolean {
  return isObject(content) && own(content, 'format_version') !== undefined && SHOW_CONTENT.some((key) => own(content, key) !== undefined);
}

/** Plans and states of more instances are refused: every instance is one entity. */
const MAX_INSTANCES = 1_000_000;
/** Deeper values (nested blocks in nested blocks…) are unknown instead of followed. */
const MAX_VALUE_DEPTH = 64;

interface Instance {
  readonly address: string;
  readonly type: string;
  readonly mode: string;
  /** `index` of a count (number) or for_each (string) instance. */
  readonly index?: string | number;
  /** The module instance (`module.hub["weu"]`), empty for the root module. */
  readonly moduleAddress: string;
  readonly values: JsonObject;
  /** The alias the block is declared under (`azurerm_subnet.azvpn_instance_3`). */
  readonly alias: string;
  /** `configuration` key: module call path without instance keys, and `type.name`. */
  readonly configKey: string;
  /** A state's `depends_on`: configuration addresses (`module.hub.azurerm_subnet.gateway`). */
  readonly dependsOn: readonly string[];
}

const EMPTY_STATE_KEYS = new Set(['format_version', 'terraform_version']);

/** Builds the topology of a plan or state; {@link UnusableInputError} when the document is not one. */
export function topologyFromTerraformShow(file: string, content: unknown): Topology {
  if (!isObject(content)) throw new UnusableInputError(file, 'not terraform show -json output: the top level is not an object');
  checkFormatVersion(file, own(content, 'format_version'));
  // What `terraform show -json` prints for a workspace with no state yet: nothing to check, not an error.
  if (Object.keys(content).every((k) => EMPTY_STATE_KEYS.has(k))) return emptyTopology();
  if (!isTerraformShowJson(content)) {
    throw new UnusableInputError(file, `not terraform show -json output: format_version without ${SHOW_CONTENT.join(', ')}`);
  }
  const changes = collectChanges(own(content, 'resource_changes'));
  const isPlan = own(content, 'planned_values') !== undefined || changes.length > 0;
  const values = isPlan ? own(content, 'planned_values') : own(content, 'values');
  const instances: Instance[] = [];
  collectModule(file, isObject(values) ? own(values, 'root_module') : undefined, instances, 0);

  const afterUnknown = new Map<string, unknown>();
  const changeList = own(content, 'resource_changes');
  if (Array.isArray(changeList)) {
    for (const c of changeList) {
      if (!isObject(c) || typeof own(c, 'address') !== 'string' || !isObject(own(c, 'change'))) continue;
      afterUnknown.set(own(c, 'address') as string, own(own(c, 'change') as JsonObject, 'after_unknown'));
    }
  }
  const configuration = own(content, 'configuration');
  const expressions = new Map<string, JsonObject>();
  const outputs = new Map<string, JsonObject>();
  /** Configuration key → what the resource refers to or depends on, relative to its module. */
  const dependencies = new Map<string, string[]>();
  if (isObject(configuration)) collectExpressions(own(configuration, 'root_module'), [], expressions, outputs, dependencies, 0);

  const converter = new ValueConverter(instances, isPlan ? expressions : undefined, outputs);
  const declared = new Map<string, Declared>();
  const order: Declared[] = [];
  for (const instance of instances) {
    if (instance.mode !== 'managed') continue;
    const body = converter.body(instance, afterUnknown.get(instance.address), expressions.get(instance.configKey));
    // Terraform's own order: a state's depends_on, or what the plan's configuration refers to.
    const after = isPlan ? converter.dependencyAliases(instance, dependencies.get(instance.configKey) ?? [], false) : converter.dependencyAliases(instance, instance.dependsOn, true);
    if (after.length > 0) body.depends_on = after;
    const block: Declared = { address: instance.address, type: instance.type, name: instance.address, body, isData: false };
    declared.set(instance.alias, block);
    order.push(block);
  }
  const topology = withDeployedGateways(sortedByAddress(new TopologyBuilder(declared, order).build()), isPlan ? deployedInPlan(changeList) : deployedInState(instances));
  return isPlan ? { ...topology, changes } : topology;
}

const GATEWAY = 'azurerm_virtual_network_gateway';

/** A state describes what exists: every gateway in it is deployed as its values say. */
function deployedInState(instances: readonly Instance[]): Map<string, DeployedGateway> {
  const out = new Map<string, DeployedGateway>();
  for (const i of instances) if (i.mode === 'managed' && i.type === GATEWAY) out.set(i.address, deployedGateway(i.values));
  return out;
}

/**
 * A plan's gateways that exist before it and stay (a no-op or an in-place update), as its
 * `before` describes them; a created or replaced gateway is new.
 */
function deployedInPlan(changeList: unknown): Map<string, DeployedGateway> {
  const out = new Map<string, DeployedGateway>();
  if (!Array.isArray(changeList)) return out;
  for (const c of changeList) {
    if (!isObject(c) || own(c, 'type') !== GATEWAY || own(c, 'mode') === 'data' || typeof own(c, 'address') !== 'string') continue;
    const change = own(c, 'change');
    if (!isObject(change)) continue;
    const actions = own(change, 'actions');
    const before = own(change, 'before');
    const kept = Array.isArray(actions) && actions.length === 1 && (actions[0] === 'no-op' || actions[0] === 'update');
    if (kept && isObject(before)) out.set(own(c, 'address') as string, deployedGateway(before));
  }
  return out;
}

function deployedGateway(values: JsonObject): DeployedGateway {
  const p2s = own(values, 'vpn_client_configuration');
  const block = Array.isArray(p2s) ? p2s.find(isObject) : isObject(p2s) ? p2s : undefined;
  const protocols = block ? own(block, 'vpn_client_protocols') : undefined;
  const sku = own(values, 'sku');
  const generation = own(values, 'generation');
  return {
    vpnClientProtocols: Array.isArray(protocols) ? protocols.filter((x): x is string => typeof x === 'string') : [],
    ...(typeof sku === 'string' ? { sku } : {}),
    ...(typeof generation === 'string' ? { generation } : {}),
  };
}

/** The topology with the deployment facts on its gateways (the model's entities are replaced, not changed). */
function withDeployedGateways(t: Topology, deployed: Map<string, DeployedGateway>): Topology {
  if (deployed.size === 0) return t;
  const gateways = t.gateways.map((g) => {
    const facts = deployed.get(g.address);
    if (!facts) return g;
    const updated: VirtualNetworkGateway = { ...g, deployed: facts };
    t.entities.set(g.address, updated);
    return updated;
  });
  return { ...t, gateways };
}

function checkFormatVersion(file: string, version: unknown): void {
  const major = typeof version === 'string' ? /^(\d+)\.\d+$/.exec(version)?.[1] : undefined;
  if (major !== undefined && Number(major) === SUPPORTED_FORMAT_MAJOR) return;
  const shown = typeof version === 'string' ? JSON.stringify(version.length > 20 ? `${version.slice(0, 20)}…` : version) : 'missing or not a string';
  throw new UnusableInputError(
    file,
    `terraform show -json format_version ${shown} is not supported: azvpn reads format_version ${SUPPORTED_FORMAT_MAJOR}.x (Terraform 1.0 and later)`,
  );
}

function collectModule(file: string, module: unknown, into: Instance[], depth: number): void {
  if (!isObject(module) || depth > MAX_VALUE_DEPTH) return;
  const moduleAddress = typeof own(module, 'address') === 'string' ? (own(module, 'address') as string) : '';
  const resources = own(module, 'resources');
  if (Array.isArray(resources)) {
    for (const r of resources) {
      if (!isObject(r)) continue;
      const address = own(r, 'address');
      const type = own(r, 'type');
      const name = own(r, 'name');
      if (typeof address !== 'string' || typeof type !== 'string' || typeof name !== 'string') continue;
      if (into.length >= MAX_INSTANCES) throw new UnusableInputError(file, `more than ${MAX_INSTANCES} resource instances`);
      const index = own(r, 'index');
      const values = own(r, 'values');
      const mode = typeof own(r, 'mode') === 'string' ? (own(r, 'mode') as string) : 'managed';
      into.push({
        address,
        type,
        mode,
        ...(typeof index === 'string' || typeof index === 'number' ? { index } : {}),
        moduleAddress,
        values: isObject(values) ? values : {},
        alias: `${identifier(type)}.azvpn_instance_${into.length}`,
        dependsOn: Array.isArray(own(r, 'depends_on')) ? (own(r, 'depends_on') as unknown[]).filter((d): d is string => typeof d === 'string') : [],
        configKey: `${moduleCallPath(moduleAddress).join('.')}|${mode === 'data' ? 'data.' : ''}${type}.${name}`,
      });
    }
  }
  const children = own(module, 'child_modules');
  if (Array.isArray(children)) for (const child of children) collectModule(file, child, into, depth + 1);
}

/** `module.hub["weu"].module.site[0]` → `["hub", "site"]`. */
function moduleCallPath(moduleAddress: string): string[] {
  const names: string[] = [];
  const pattern = /module\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/g;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(moduleAddress)) !== null) names.push(m[1]);
  return names;
}

/** A resource type as the root of a traversal the template parser accepts. */
function identifier(type: string): string {
  const cleaned = type.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `r_${cleaned}`;
}

function collectExpressions(
  module: unknown,
  path: string[],
  into: Map<string, JsonObject>,
  outputs: Map<string, JsonObject>,
  dependencies: Map<string, string[]>,
  depth: number,
): void {
  if (!isObject(module) || depth > MAX_VALUE_DEPTH) return;
  const declaredOutputs = own(module, 'outputs');
  if (isObject(declaredOutputs)) outputs.set(path.join('.'), declaredOutputs);
  const resources = own(module, 'resources');
  if (Array.isArray(resources)) {
    for (const r of resources) {
      if (!isObject(r) || typeof own(r, 'address') !== 'string') continue;
      const expressions = own(r, 'expressions');
      const key = `${path.join('.')}|${own(r, 'address') as string}`;
      if (isObject(expressions)) into.set(key, expressions);
      const references = referencesIn([expressions, own(r, 'count_expression'), own(r, 'for_each_expression')]);
      const dependsOn = own(r, 'depends_on');
      if (Array.isArray(dependsOn)) references.push(...dependsOn.filter((d): d is string => typeof d === 'string'));
      dependencies.set(key, references);
    }
  }
  const calls = own(module, 'module_calls');
  if (isObject(calls)) {
    for (const name of Object.keys(calls)) {
      const call = own(calls, name);
      if (isObject(call)) collectExpressions(own(call, 'module'), [...path, name], into, outputs, dependencies, depth + 1);
    }
  }
}

/** Every `references` string under the given expression trees, without recursion. */
function referencesIn(roots: unknown[]): string[] {
  const found: string[] = [];
  const pending = [...roots];
  let visited = 0;
  while (pending.length > 0 && visited++ < 100_000) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (isObject(value)) {
      const references = own(value, 'references');
      if (Array.isArray(references)) found.push(...references.filter((r): r is string => typeof r === 'string'));
      for (const key of Object.keys(value)) if (key !== 'references') pending.push(value[key]);
    }
  }
  return found;
}

function collectChanges(list: unknown): PlannedChange[] {
  if (!Array.isArray(list)) return [];
  const changes: PlannedChange[] = [];
  for (const c of list) {
    if (!isObject(c)) continue;
    const address = own(c, 'address');
    const type = own(c, 'type');
    const change = own(c, 'change');
    if (typeof address !== 'string' || typeof type !== 'string' || !isObject(change) || own(c, 'mode') === 'data') continue;
    const actions = own(change, 'actions');
    const replacePaths = own(change, 'replace_paths');
    const before = own(change, 'before');
    const after = own(change, 'after');
    const name = [before, after].map((v) => (isObject(v) ? own(v, 'name') : undefined)).find((n): n is string => typeof n === 'string');
    const subnets = isObject(before) ? own(before, 'subnet') : undefined;
    const reason = own(c, 'action_reason');
    changes.push({
      address,
      type,
      actions: Array.isArray(actions) ? actions.filter((a): a is string => typeof a === 'string') : [],
      replacePaths: Array.isArray(replacePaths) ? replacePaths.map(pathText).filter((p): p is string => p !== undefined) : [],
      ...(typeof reason === 'string' ? { actionReason: reason } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(Array.isArray(subnets)
        ? { subnetNamesBefore: subnets.map((s) => (isObject(s) ? own(s, 'name') : undefined)).filter((n): n is string => typeof n === 'string') }
        : {}),
    });
  }
  return changes;
}

/** A `replace_paths` entry (`["ip_configuration", 0, "subnet_id"]`) as Terraform writes it: `ip_configuration[0].subnet_id`. */
function pathText(steps: unknown): string | undefined {
  if (!Array.isArray(steps) || steps.length === 0) return undefined;
  let text = '';
  for (const step of steps) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (typeof step === 'string') text += text === '' ? step : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    else return undefined;
  }
  return text;
}

/** Lower-cased, without trailing slashes: Azure IDs are case-insensitive, and APIs differ in case. */
function normalizeId(id: string): string {
  return id.replace(/\/+$/, '').toLowerCase();
}

/**
 * Optional attributes the provider fills in when the configuration leaves them out: in a plan
 * they count only when the configuration writes them; in a state (no configuration) only when
 * they differ from what the provider fills in. Rules read them as the user's choice.
 */
const PROVIDER_FILLED: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  // azurerm 4.55: routing_weight is Optional+Computed; Azure returns 10 for a connection without one.
  azurerm_virtual_network_gateway_connection: { routing_weight: 10 },
};

/** Roots of a reference that are not resources of this module. */
const NOT_RESOURCES = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self', 'data']);
const MODULE_OUTPUT = /^module\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\])?\.([A-Za-z_][A-Za-z0-9_-]*)/;
/** Module calls followed through outputs before giving up. */
const MAX_MODULE_DEPTH = 16;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\])?(?:\.([A-Za-z_][A-Za-z0-9_-]*))?/;

/** Turns instance values into block bodies the topology builder reads. */
class ValueConverter {
  /** Normalized Azure ID → alias of the instance with that ID. */
  private readonly byId = new Map<string, string>();
  /** Module instance + `type.name` → its instances. */
  private readonly byConfig = new Map<string, Instance[]>();
  private readonly subnetIds = new Set<string>();
  /** `configuration` key → every instance of that configuration resource. */
  private readonly byConfigKey = new Map<string, Instance[]>();
  /** Normalized Azure ID of an inline subnet → the traversal to its block. */
  private readonly inlineSubnetById = new Map<string, string>();

  constructor(
    instances: readonly Instance[],
    private readonly expressions: Map<string, JsonObject> | undefined,
    /** Module call path (`hub`, `hub.site`) → its `outputs` in the configuration. */
    private readonly outputs: Map<string, JsonObject>,
  ) {
    for (const i of instances) {
      if (i.mode !== 'managed') continue;
      const id = own(i.values, 'id');
      if (typeof id === 'string' && id.startsWith('/')) {
        this.byId.set(normalizeId(id), i.alias);
        if (i.type === 'azurerm_subnet') this.subnetIds.add(normalizeId(id));
      }
      const all = this.byConfigKey.get(i.configKey);
      if (all) all.push(i);
      else this.byConfigKey.set(i.configKey, [i]);
      const key = `${i.moduleAddress}|${i.configKey.split('|')[1]}`;
      const list = this.byConfig.get(key);
      if (list) list.push(i);
      else this.byConfig.set(key, [i]);
    }
    for (const i of instances) if (i.mode === 'managed' && i.type === 'azurerm_virtual_network') this.indexInlineSubnets(i);
  }

  /**
   * A VNet's inline `subnet` blocks by Azure ID, as references into the block the body keeps
   * (`${azurerm_virtual_network.azvpn_instance_3.subnet[0].id}`): a gateway whose GatewaySubnet
   * is inline finds it by ID, as it finds an `azurerm_subnet`.
   */
  private indexInlineSubnets(vnet: Instance): void {
    const blocks = own(vnet.values, 'subnet');
    if (!Array.isArray(blocks) || !this.declaresInlineSubnets(this.expressions?.get(vnet.configKey))) return;
    let kept = 0;
    for (const block of blocks) {
      const id = isObject(block) ? own(block, 'id') : undefined;
      // The body drops the entries that are azurerm_subnet resources (see value()), so positions count the others.
      if (typeof id === 'string' && this.subnetIds.has(normalizeId(id))) continue;
      if (typeof id === 'string' && id.startsWith('/') && !this.byId.has(normalizeId(id))) this.inlineSubnetById.set(normalizeId(id), `${vnet.alias}.subnet[${kept}].id`);
      kept++;
    }
  }

  /**
   * The aliases of the instances `written` names: configuration addresses, relative to the
   * instance's module (a plan's configuration) or from the root (a state's depends_on).
   */
  public dependencyAliases(instance: Instance, written: readonly string[], fromRoot: boolean): string[] {
    const found = new Set<string>();
    const modulePath = moduleCallPath(instance.moduleAddress).join('.');
    for (const reference of written) {
      let configKey: string | undefined;
      if (fromRoot) {
        const m = /^((?:module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?\.)*)((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)/.exec(reference);
        if (m) configKey = `${moduleCallPath(m[1]).join('.')}|${m[2]}`;
      } else {
        const m = REFERENCE.exec(reference);
        if (m && !NOT_RESOURCES.has(m[1])) configKey = `${modulePath}|${m[1]}.${m[2]}`;
      }
      for (const target of configKey === undefined ? [] : (this.byConfigKey.get(configKey) ?? [])) {
        // Within a module instance, only the same instance's resources; from the root, every instance.
        if (target !== instance && target.mode === 'managed' && (fromRoot || target.moduleAddress === instance.moduleAddress)) found.add(target.alias);
      }
    }
    return [...found];
  }

  public body(instance: Instance, unknown: unknown, expressions: JsonObject | undefined): JsonObject {
    const body: JsonObject = Object.create(null) as JsonObject;
    for (const key of unionKeys(instance.values, unknown)) {
      if (key === 'id') continue;
      if (key === 'subnet' && instance.type === 'azurerm_virtual_network' && !this.declaresInlineSubnets(expressions)) continue;
      if (this.filledByProvider(instance, key, expressions)) continue;
      const value = this.value(instance, own(instance.values, key), isObject(unknown) ? own(unknown, key) : undefined, expressions ? own(expressions, key) : undefined, key, 0);
      if (value !== null && value !== undefined) body[key] = value;
    }
    return body;
  }

  private filledByProvider(instance: Instance, key: string, expressions: JsonObject | undefined): boolean {
    const filled = own(PROVIDER_FILLED, instance.type);
    if (!isObject(filled) || own(filled, key) === undefined) return false;
    if (this.expressions !== undefined) return expressions === undefined || own(expressions, key) === undefined;
    return own(instance.values, key) === filled[key];
  }

  /**
   * A VNet's `subnet` attribute is computed in azurerm 4.x: it lists the subnets that separate
   * `azurerm_subnet` resources create too. Only inline blocks the configuration writes count;
   * in a state (no configuration), the entries whose ID is an `azurerm_subnet` are dropped.
   */
  private declaresInlineSubnets(expressions: JsonObject | undefined): boolean {
    if (this.expressions === undefined) return true;
    return expressions !== undefined && own(expressions, 'subnet') !== undefined;
  }

  private value(instance: Instance, value: unknown, unknown: unknown, expression: unknown, path: string, depth: number): unknown {
    if (unknown === true) return this.afterApply(instance, expression, path);
    if (depth > MAX_VALUE_DEPTH) return new Unknown(`${instance.address}.${path} is nested too deeply to read`);
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'string') {
      const target = value.startsWith('/') ? this.byId.get(normalizeId(value)) : undefined;
      if (target !== undefined) return `\${${target}.id}`;
      const inline = value.startsWith('/') ? this.inlineSubnetById.get(normalizeId(value)) : undefined;
      if (inline !== undefined && path !== 'subnet' && !path.startsWith('subnet[')) return `\${${inline}}`;
      // Values are final: a `${` in them is text, escaped as Terraform JSON escapes it.
      return value.replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
    }
    if (Array.isArray(value) || (Array.isArray(unknown) && value === undefined)) {
      const items = Array.isArray(value) ? value : [];
      const unknowns = Array.isArray(unknown) ? unknown : [];
      const blockExpressions = Array.isArray(expression) ? expression : [];
      const out: unknown[] = [];
      for (let i = 0; i < Math.max(items.length, unknowns.length); i++) {
        const item = items[i];
        if (instance.type === 'azurerm_virtual_network' && path === 'subnet' && isObject(item) && typeof own(item, 'id') === 'string' && this.subnetIds.has(normalizeId(own(item, 'id') as string))) continue;
        const itemExpression = blockExpressions[i] ?? (blockExpressions.length === 1 ? blockExpressions[0] : undefined);
        const converted = this.value(instance, item, unknowns[i], itemExpression, `${path}[${i}]`, depth + 1);
        if (converted !== null && converted !== undefined) out.push(converted);
      }
      return out;
    }
    if (isObject(value)) {
      const out: JsonObject = Object.create(null) as JsonObject;
      for (const key of unionKeys(value, unknown)) {
        const converted = this.value(instance, own(value, key), isObject(unknown) ? own(unknown, key) : undefined, isObject(expression) ? own(expression, key) : undefined, `${path}.${key}`, depth + 1);
        if (converted !== null && converted !== undefined) out[key] = converted;
      }
      return out;
    }
    return value;
  }

  /** A value known only after apply: the instance the configuration refers to, else unknown. */
  private afterApply(instance: Instance, expression: unknown, path: string): unknown {
    const unknown = new Unknown(`${instance.address}.${path} is known only after apply`);
    const references = isObject(expression) ? own(expression, 'references') : undefined;
    if (!Array.isArray(references)) return unknown;
    const written = references.filter((r): r is string => typeof r === 'string');
    const target = this.follow(instance.moduleAddress, instance.index, written, 0);
    return target ?? unknown;
  }

  /**
   * The reference an expression makes to a resource instance of the module instance
   * `moduleAddress`, through module outputs (`module.hub["weu"].gateway_id`); undefined when
   * it names none for certain.
   */
  private follow(moduleAddress: string, index: string | number | undefined, written: readonly string[], depth: number): string | undefined {
    if (depth > MAX_MODULE_DEPTH) return undefined;
    for (const reference of written) {
      const output = MODULE_OUTPUT.exec(reference);
      if (output) {
        const [, call, key, position, name] = output;
        const instanceKey = key !== undefined ? `[${JSON.stringify(unquoted(key))}]` : position !== undefined ? `[${position}]` : '';
        const child = `${moduleAddress === '' ? '' : `${moduleAddress}.`}module.${call}${instanceKey}`;
        const outputs = this.outputs.get([...moduleCallPath(moduleAddress), call].join('.'));
        const expression = outputs ? own(outputs, name) : undefined;
        const refs = isObject(expression) && isObject(own(expression, 'expression')) ? own(own(expression, 'expression') as JsonObject, 'references') : undefined;
        if (!Array.isArray(refs)) return undefined;
        return this.follow(child, undefined, refs.filter((r): r is string => typeof r === 'string'), depth + 1);
      }
      const m = REFERENCE.exec(reference);
      if (!m || NOT_RESOURCES.has(m[1])) continue;
      const [, type, name, key, position, attribute] = m;
      const candidates = this.byConfig.get(`${moduleAddress}|${type}.${name}`);
      if (!candidates) return undefined;
      let target: Instance | undefined;
      if (key !== undefined) target = candidates.find((c) => c.index === unquoted(key));
      else if (position !== undefined) target = candidates.find((c) => c.index === Number(position));
      else if (candidates.length === 1 && candidates[0].index === undefined) target = candidates[0];
      // `azurerm_public_ip.gw[each.key]`: Terraform lists the reference without its key, and each.key.
      else if (typeof index === 'string' && written.includes('each.key')) target = candidates.find((c) => c.index === index);
      else if (typeof index === 'number' && written.includes('count.index')) target = candidates.find((c) => c.index === index);
      if (target === undefined) return undefined;
      // Without an attribute (`random_password.psk[each.key].result` is listed as `random_password.psk`), only the resource is known.
      return attribute === undefined ? `\${${target.alias}}` : `\${${target.alias}.${attribute}}`;
    }
    return undefined;
  }
}

function unionKeys(values: unknown, unknown: unknown): string[] {
  const keys = new Set(isObject(values) ? Object.keys(values) : []);
  if (isObject(unknown)) for (const k of Object.keys(unknown)) keys.add(k);
  return [...keys];
}

/** The text of a quoted instance key as an address writes it (`"a\"b"`); undefined when malformed. */
function unquoted(inner: string): string | undefined {
  try {
    const value: unknown = JSON.parse(`"${inner}"`);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
