import { FORCE_NEW_ATTRIBUTES, ForceNewAttribute, hasForceNewAttributes } from '../azure/force-new';
import { isGatewaySubnetName } from '../azure/defaults';
import { stackAddress } from '../model/stacks';
import { AttributeChange, ConfigReplacement, Topology } from '../model/topology';
import { ignoredAttributes, stripInterpolation } from './lifecycle';
import { parseTemplate, parseTraversal, hasTemplateSyntax, mentionedAddresses } from './syntax';
import { firstObject, isObject, JsonObject, keysOf, objectsOf, own } from './values';

/**
 * What the next apply replaces because of how a configuration changed since the previous one of
 * the same stack: two Terraform JSON documents in, the replaced VPN resources out. Terraform
 * compares the configuration with the state; at synth there is no state, but the last synth's
 * `cdk.tf.json` is what was applied (or is about to be), so a ForceNew attribute that differs
 * between the two is a replacement Terraform will plan.
 *
 * Only the resources a VPN outage hangs on are compared: gateways, the public IPs and the
 * GatewaySubnet they use, connections and local network gateways. Like Terraform, it follows
 * `moved` blocks and honours `lifecycle.ignore_changes`; a resource that reappears under another
 * address with the same name and resource group and no `moved` block (a construct renamed in the
 * tree) is replaced too, and so is a resource whose ForceNew attribute takes the ID of a replaced
 * one. Anything it cannot read is skipped, never an exception.
 */
export function replacementsBetween(previous: unknown, current: unknown): ConfigReplacement[] {
  if (!isObject(previous) || !isObject(current)) return [];
  const before = guardedResources(previous);
  const after = guardedResources(current);
  if (before.size === 0 || after.size === 0) return [];
  const moved = movedBlocks(current);
  const renamedTo = new Map<string, string>();
  for (const [from, to] of moved) if (before.has(from) && after.has(to)) renamedTo.set(from, to);

  const found = new Map<string, Found>();
  const counterpart = new Map<string, Resource>();
  const previousByIdentity = new Map<string, Resource>();
  for (const r of before.values()) {
    const now = renamedTo.get(r.address) ?? r.address;
    if (after.has(now)) counterpart.set(now, r);
    else {
      const identity = identityOf(r);
      if (identity !== undefined && !previousByIdentity.has(identity)) previousByIdentity.set(identity, r);
    }
  }
  // References to any moved resource (a VNet too) are written with its new address.
  const rewrite = referenceRewriter(moved);
  for (const r of after.values()) {
    const was = counterpart.get(r.address);
    if (was !== undefined) {
      const attributes = changedAttributes(was, r, rewrite);
      if (attributes.length > 0) found.set(r.address, { type: r.type, attributes, becauseOf: [] });
      continue;
    }
    const identity = identityOf(r);
    const renamed = identity === undefined ? undefined : previousByIdentity.get(identity);
    if (renamed !== undefined && !before.has(r.address)) {
      found.set(r.address, { type: r.type, attributes: [], previousAddress: renamed.address, becauseOf: [] });
    }
  }
  propagate(found, after, counterpart, rewrite);

  const gatewayUse = usedByGateways(after, before);
  const result: ConfigReplacement[] = [];
  for (const [address, f] of found) {
    const r = after.get(address)!;
    if (r.type === 'azurerm_public_ip' && !gatewayUse.publicIps.has(address)) continue;
    if (r.type === 'azurerm_subnet' && !isGatewaySubnet(r, gatewayUse.subnets)) continue;
    // A VNet is compared for what it passes on (its name to the GatewaySubnet), not reported.
    if (r.type === 'azurerm_virtual_network') continue;
    result.push({
      address,
      type: f.type,
      attributes: f.attributes,
      ...(f.previousAddress !== undefined ? { previousAddress: f.previousAddress } : {}),
      ...(f.becauseOf.length > 0 ? { becauseOf: f.becauseOf } : {}),
    });
  }
  return result.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/**
 * The files of one configuration as one document for {@link replacementsBetween}: their
 * `resource` and `moved` blocks side by side, as Terraform merges the files of a directory.
 */
export function mergedConfiguration(contents: readonly unknown[]): unknown {
  const objects = contents.filter(isObject);
  return {
    resource: objects.flatMap((c) => objectsOf(own(c, 'resource'))),
    moved: objects.flatMap((c) => objectsOf(own(c, 'moved'))),
  };
}

/** The topology with the replacements since `previous` (the last synth's configuration), for the `synth.replace` rule. */
export function withReplacementsSince(topology: Topology, previous: unknown, current: unknown): Topology {
  return { ...topology, replacements: replacementsBetween(previous, current) };
}

/**
 * The replacements of one stack of an app, since its previous configuration, addressed as a
 * model of several stacks addresses them (`stack spoke: azurerm_…`), so that the findings go back
 * to the stack they belong to.
 */
export function replacementsInStack(stack: string, previous: unknown, current: unknown): ConfigReplacement[] {
  return replacementsBetween(previous, current).map((r) => ({
    ...r,
    address: stackAddress(stack, r.address),
    ...(r.previousAddress !== undefined ? { previousAddress: stackAddress(stack, r.previousAddress) } : {}),
    ...(r.becauseOf !== undefined ? { becauseOf: r.becauseOf.map((a) => stackAddress(stack, a)) } : {}),
  }));
}

interface Resource {
  readonly address: string;
  readonly type: string;
  readonly body: JsonObject;
}

interface Found {
  readonly type: string;
  readonly attributes: AttributeChange[];
  readonly previousAddress?: string;
  readonly becauseOf: string[];
}

/** The resources of the compared types, by address; other types are never looked at. */
function guardedResources(doc: JsonObject): Map<string, Resource> {
  const found = new Map<string, Resource>();
  for (const types of objectsOf(own(doc, 'resource'))) {
    for (const type of keysOf(types)) {
      if (!hasForceNewAttributes(type)) continue;
      for (const names of objectsOf(types[type])) {
        for (const name of keysOf(names)) {
          const body = firstObject(names[name]);
          const address = `${type}.${name}`;
          if (body !== undefined && !found.has(address)) found.set(address, { address, type, body });
        }
      }
    }
  }
  return found;
}

/** `moved { from, to }` blocks (cdktf writes them for `moveTo`/`moveFromId`), from → to. */
function movedBlocks(doc: JsonObject): Map<string, string> {
  const moved = new Map<string, string>();
  for (const block of objectsOf(own(doc, 'moved'))) {
    const from = own(block, 'from');
    const to = own(block, 'to');
    if (typeof from === 'string' && typeof to === 'string') moved.set(stripInterpolation(from), stripInterpolation(to));
  }
  return moved;
}

/** Same type, same literal name and resource group (and VNet, for a subnet): the same Azure resource. */
function identityOf(r: Resource): string | undefined {
  const name = own(r.body, 'name');
  const group = own(r.body, 'resource_group_name');
  const network = own(r.body, 'virtual_network_name');
  if (typeof name !== 'string' || typeof group !== 'string') return undefined;
  if (r.type === 'azurerm_subnet' && typeof network !== 'string') return undefined;
  return JSON.stringify([r.type, name.toLowerCase(), group.toLowerCase(), typeof network === 'string' ? network : '']);
}

type Rewrite = (text: string) => string;

/** References in the previous configuration written with the addresses `moved` blocks gave them. */
function referenceRewriter(renamedTo: ReadonlyMap<string, string>): Rewrite {
  if (renamedTo.size === 0) return (text) => text;
  return (text) => {
    if (!hasTemplateSyntax(text)) return text;
    let out = text;
    for (const [from, to] of renamedTo) out = out.split(`${from}.`).join(`${to}.`);
    return out;
  };
}

function changedAttributes(before: Resource, after: Resource, rewrite: Rewrite): AttributeChange[] {
  const ignored = ignoredAttributes(after.body);
  if (ignored === 'all') return [];
  const changes: AttributeChange[] = [];
  for (const attribute of FORCE_NEW_ATTRIBUTES[after.type]) {
    if (ignored.has(attribute.name)) continue;
    changes.push(...compareAttribute(attribute, own(before.body, attribute.name), own(after.body, attribute.name), rewrite));
  }
  return changes;
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

function compareAttribute(attribute: ForceNewAttribute, rawBefore: unknown, rawAfter: unknown, rewrite: Rewrite): AttributeChange[] {
  const name = attribute.name;
  if (attribute.blockDefaults !== undefined) return compareBlocks(name, attribute.blockDefaults, rawBefore, rawAfter, rewrite);
  if (isUnset(rawAfter) && (attribute.computed === true || isUnset(rawBefore))) return [];
  if (isUnset(rawBefore) && attribute.inPlaceWhenFirstSet === true) return [];
  // An Optional + Computed attribute written for the first time keeps what Azure chose only when it is the same.
  const before = isUnset(rawBefore) ? attribute.default : normalize(rawBefore, rewrite, attribute.unordered === true);
  const after = isUnset(rawAfter) ? attribute.default : normalize(rawAfter, rewrite, attribute.unordered === true);
  const beforeText = before === undefined ? undefined : stableJson(before);
  const afterText = after === undefined ? undefined : stableJson(after);
  if (beforeText === afterText) return [];
  return [{ attribute: name, ...(isUnset(rawBefore) ? {} : { before: beforeText }), ...(isUnset(rawAfter) ? {} : { after: afterText }) }];
}

/** A ForceNew list of blocks: another count, or any nested attribute that differs, each named by its path. */
function compareBlocks(name: string, defaults: Readonly<Record<string, unknown>>, rawBefore: unknown, rawAfter: unknown, rewrite: Rewrite): AttributeChange[] {
  const before = objectsOf(rawBefore).map((b) => withDefaults(b, defaults, rewrite));
  const after = objectsOf(rawAfter).map((b) => withDefaults(b, defaults, rewrite));
  const changes: AttributeChange[] = [];
  const shared = Math.min(before.length, after.length);
  for (let i = 0; i < shared; i++) {
    for (const key of [...new Set([...Object.keys(before[i]), ...Object.keys(after[i])])].sort()) {
      const b = before[i][key] === undefined ? undefined : stableJson(before[i][key]);
      const a = after[i][key] === undefined ? undefined : stableJson(after[i][key]);
      if (a !== b) changes.push({ attribute: `${name}[${i}].${key}`, ...(b !== undefined ? { before: b } : {}), ...(a !== undefined ? { after: a } : {}) });
    }
  }
  for (let i = shared; i < after.length; i++) changes.push({ attribute: `${name}[${i}]`, after: blockLabel(after[i]) });
  for (let i = shared; i < before.length; i++) changes.push({ attribute: `${name}[${i}]`, before: blockLabel(before[i]) });
  return changes;
}

function blockLabel(block: Record<string, unknown>): string {
  const name = block.name;
  return typeof name === 'string' ? `{ name = ${JSON.stringify(name)} }` : '{ … }';
}

function withDefaults(block: JsonObject, defaults: Readonly<Record<string, unknown>>, rewrite: Rewrite): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const key of keysOf(block)) {
    const value = block[key];
    if (!isUnset(value)) out[key] = normalize(value, rewrite, false);
  }
  return out;
}

function normalize(value: unknown, rewrite: Rewrite, unordered: boolean): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v, rewrite, false));
    return unordered ? items.map((v) => stableJson(v)).sort() : items;
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of keysOf(value)) if (!isUnset(value[key])) out[key] = normalize(value[key], rewrite, false);
    return out;
  }
  return value;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A resource whose ForceNew attribute takes the ID (or any attribute Azure computes) of a
 * replaced resource is replaced too: the new ID is only known after apply. So is one that takes
 * a configured attribute (a VNet's `name`) whose value changed. A worklist over the references,
 * so each resource is visited once per replaced resource it names.
 */
function propagate(found: Map<string, Found>, after: ReadonlyMap<string, Resource>, counterpart: ReadonlyMap<string, Resource>, rewrite: Rewrite): void {
  const dependents = new Map<string, string[]>();
  const changedValues: { address: string; cause: string }[] = [];
  for (const r of after.values()) {
    if (!counterpart.has(r.address)) continue;
    const ignored = ignoredAttributes(r.body);
    if (ignored === 'all') continue;
    for (const attribute of FORCE_NEW_ATTRIBUTES[r.type]) {
      if (ignored.has(attribute.name)) continue;
      forEachReference(own(r.body, attribute.name), (target, targetAttribute) => {
        const now = after.get(target);
        if (target === r.address || now === undefined) return;
        if (targetAttribute !== undefined && isConfigured(now, targetAttribute)) {
          // A value the configuration writes: known at plan time, so only a changed value counts.
          const was = counterpart.get(target);
          if (was !== undefined && !sameValue(own(was.body, targetAttribute), own(now.body, targetAttribute), rewrite)) changedValues.push({ address: r.address, cause: target });
          return;
        }
        const list = dependents.get(target);
        if (list) list.push(r.address);
        else dependents.set(target, [r.address]);
      });
    }
  }
  const queue = [...found.keys()];
  const mark = (address: string, cause: string): void => {
    const existing = found.get(address);
    if (existing) {
      if (!existing.becauseOf.includes(cause)) existing.becauseOf.push(cause);
      return;
    }
    found.set(address, { type: after.get(address)!.type, attributes: [], becauseOf: [cause] });
    queue.push(address);
  };
  for (const c of changedValues) mark(c.address, c.cause);
  for (let next = 0; next < queue.length; next++) {
    const replaced = queue[next];
    for (const dependent of dependents.get(replaced) ?? []) mark(dependent, replaced);
  }
}

function sameValue(before: unknown, after: unknown, rewrite: Rewrite): boolean {
  return stableJson(normalize(before, rewrite, false)) === stableJson(normalize(after, (t) => t, false));
}

function isConfigured(r: Resource, attribute: string): boolean {
  return attribute !== 'id' && own(r.body, attribute) !== undefined;
}

/** Every `type.name(.attribute)` a value's interpolations refer to. */
function forEachReference(value: unknown, found: (address: string, attribute: string | undefined) => void): void {
  if (typeof value === 'string') {
    if (!hasTemplateSyntax(value)) return;
    for (const part of parseTemplate(value).parts) {
      if (!('expression' in part)) continue;
      const traversal = parseTraversal(part.expression.trim());
      const first = traversal?.steps[0];
      if (traversal !== undefined && first !== undefined && 'name' in first) {
        const second = traversal.steps[1];
        found(`${traversal.root}.${first.name}`, second !== undefined && 'name' in second ? second.name : undefined);
      } else {
        // A function call or an operator over a resource: its result may be the new ID.
        mentionedAddresses(part.expression, (address) => found(address, undefined));
      }
    }
  } else if (Array.isArray(value)) {
    for (const v of value) forEachReference(v, found);
  } else if (isObject(value)) {
    for (const key of keysOf(value)) forEachReference(value[key], found);
  }
}

/** Public IPs and subnets named in a gateway's `ip_configuration`, now or before: the only ones whose replacement matters here. */
function usedByGateways(...docs: ReadonlyMap<string, Resource>[]): { publicIps: Set<string>; subnets: Set<string> } {
  const publicIps = new Set<string>();
  const subnets = new Set<string>();
  for (const doc of docs) {
    for (const r of doc.values()) {
      if (r.type !== 'azurerm_virtual_network_gateway') continue;
      for (const block of objectsOf(own(r.body, 'ip_configuration'))) {
        forEachReference(own(block, 'public_ip_address_id'), (address) => publicIps.add(address));
        forEachReference(own(block, 'subnet_id'), (address) => subnets.add(address));
      }
    }
  }
  return { publicIps, subnets };
}

function isGatewaySubnet(r: Resource, referencedByGateways: ReadonlySet<string>): boolean {
  const name = own(r.body, 'name');
  return typeof name === 'string' ? isGatewaySubnetName(name) : referencedByGateways.has(r.address);
}
