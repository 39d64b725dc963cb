import { parseAzureResourceId } from './ids';
import { applyKnownResources, KnownResource } from './known-resources';
import { placeholder } from './placeholders';
import { BlockReader, ReaderServices } from './reader';
import { addressPrefixesOf, Base, connection, gateway, localGateway, Mutable, natRule, publicIp, routeOf, routeTable } from './resources';
import { plainTemplate } from './expression';
import { hasTemplateSyntax, mentionedAddresses, parseTemplate } from './syntax';
import { Declared, EvaluationInputs, instanceAddress, isObject, JsonObject, own, Resolver } from './values';
import { addEntity, Connection, emptyTopology, Entity, EntityKind, OtherResource, Peering, Route, Subnet, Topology, VirtualNetwork } from '../model/topology';
import { isKnown, Maybe, MaybeList, Unknown } from '../model/unknown';

/**
 * Builds the topology from the declared blocks: indexes by name, links between entities
 * (references, inline subnets, associations, routes), and placeholders for what the
 * configuration only points at.
 */

/** Resources that place nothing in a subnet although they have a `subnet_id`. */
const NOT_OCCUPANTS = /^azurerm_subnet_.*_association$/;

const ASSOCIATION_NSG = 'azurerm_subnet_network_security_group_association';
const ASSOCIATION_ROUTE_TABLE = 'azurerm_subnet_route_table_association';

/** Roots of a plain reference that do not name a resource block (the Resolver's, and the grammar's literals). */
const NOT_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'count', 'each', 'self', 'path', 'terraform', 'data', 'true', 'false', 'null']);

/** Data source types that stand for an entity of the model. */
const DATA_KINDS = new Map<string, EntityKind>([
  ['azurerm_virtual_network', 'virtualNetwork'],
  ['azurerm_subnet', 'subnet'],
  ['azurerm_public_ip', 'publicIp'],
  ['azurerm_virtual_network_gateway', 'gateway'],
  ['azurerm_local_network_gateway', 'localGateway'],
  ['azurerm_virtual_network_gateway_connection', 'connection'],
  ['azurerm_route_table', 'routeTable'],
  ['azurerm_network_security_group', 'networkSecurityGroup'],
]);

/** What each stack of a model of several stacks has of its own, by namespace (`stack hub: `). */
export interface StackScopes {
  readonly locals: ReadonlyMap<string, Declared>;
  readonly known: ReadonlyMap<string, readonly KnownResource[]>;
}

export class TopologyBuilder implements ReaderServices {
  public readonly resolver: Resolver;
  private readonly t = emptyTopology();
  private readonly inlineSubnets = new WeakMap<object, string>();
  private readonly referencedData = new Set<string>();
  /** VNets (declared and data sources) by lower-cased name and resource group. */
  private readonly vnetsByName = new Map<string, string>();
  private readonly routeTablesByName = new Map<string, string>();
  /** `azurerm_route` resources, attached to their table once every table exists. */
  private readonly routeResources: Array<{ table: Maybe<string> | undefined; route: Route }> = [];
  private readonly dataSubnets: string[] = [];
  private readonly materializing = new Set<string>();
  private readonly mentions = new Map<string, readonly string[]>();
  /** Text joined from literals and plain references, by the string written; null where the generic path reads it. */
  private readonly literalTexts = new Map<string, string | null>();

  constructor(
    private readonly declared: ReadonlyMap<string, Declared>,
    private readonly order: readonly Declared[],
    locals?: Declared,
    private readonly known: readonly KnownResource[] = [],
    private readonly inputs: EvaluationInputs = {},
    /** A model of several stacks: each stack's locals and known resources, by namespace. */
    private readonly stacks?: StackScopes,
  ) {
    this.resolver = new Resolver(declared, this.inlineSubnets, this.referencedData, locals, inputs, stacks?.locals);
  }

  public build(): Topology {
    this.indexByName();
    this.indexKnownVnets();
    // Index loops over the blocks: a for-of allocates an iterator result per block until the optimizer takes over.
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      if (!order[i].isData) this.add(this.resource(order[i]));
    }
    for (const address of this.referencedData) this.ensureData(address);
    this.link();
    applyKnownResources(this.t.entities, this.known, (id) => this.addressOfId(id));
    for (const [namespace, known] of this.stacks?.known ?? []) applyKnownResources(this.t.entities, known, (id) => this.addressOfId(id, namespace));
    return this.t;
  }

  // ---- services for readers -------------------------------------------------------------

  public ensureData(address: string): void {
    // Data sources may mention each other: mark before building so a cycle cannot recurse.
    if (this.t.entities.has(address) || this.materializing.has(address)) return;
    const d = this.declared.get(address);
    if (!d?.isData) return;
    this.materializing.add(address);
    const entity = this.dataEntity(d);
    this.add(entity);
    if (entity.kind === 'subnet') this.dataSubnets.push(address);
  }

  /**
   * Existing VNets the user described by literal ID are found by name too, so that a peering
   * written with `virtual_network_name` (the spoke side of a transit peering) reaches them.
   */
  private indexKnownVnets(): void {
    const scoped: Array<[string | undefined, readonly KnownResource[]]> = [[undefined, this.known], ...(this.stacks?.known ?? [])];
    for (const [namespace, known] of scoped) this.indexKnownVnetsOf(known, namespace);
  }

  private indexKnownVnetsOf(known: readonly KnownResource[], namespace: string | undefined): void {
    for (const fact of known) {
      const vnets = fact.kind === 'virtualNetwork' ? [fact] : fact.virtualNetwork ? [fact.virtualNetwork] : [];
      for (const vnet of vnets) {
        const id = parseAzureResourceId(vnet.id);
        if (id?.kind !== 'virtualNetwork') continue;
        const key = nameKey(id.name, id.resourceGroup, namespace);
        const address = this.externalFromId(vnet.id);
        if (key !== undefined && address !== undefined && !this.vnetsByName.has(key)) this.vnetsByName.set(key, address);
      }
    }
  }

  /** The entity a resource ID stands for: a literal Azure ID, or exactly `${data.type.name.id}`. */
  private addressOfId(id: string, namespace = ''): string | undefined {
    const literal = this.externalFromId(id);
    if (literal !== undefined) return literal;
    const m = /^\$\{(data\.[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)\.id\}$/.exec(id);
    return m && this.t.entities.has(namespace + m[1]) ? namespace + m[1] : undefined;
  }

  public externalFromId(text: string): string | undefined {
    const id = parseAzureResourceId(text);
    if (!id) return undefined;
    const address = `external:${id.id.toLowerCase()}`;
    if (this.t.entities.has(address)) return address;
    const parent = id.parent ? this.externalFromId(id.parent.id) : undefined;
    const why = new Unknown(`${id.name} is referenced by its Azure resource ID and is not in this configuration`);
    const base: Base = {
      address,
      type: id.type,
      name: id.name,
      location: why,
      resourceGroupName: id.resourceGroup,
      dependsOn: [],
      external: true,
    };
    const entity = placeholder(id.kind, base, () => why, parent);
    this.add(entity);
    if (entity.kind === 'subnet' && parent !== undefined) {
      const vnet = this.t.entities.get(parent);
      if (vnet?.kind === 'virtualNetwork') vnet.subnets.push(address);
    }
    return address;
  }

  // ---- indexes ----------------------------------------------------------------------------

  /** VNets and route tables by (name, resource group), and inline subnets by block, once. */
  private indexByName(): void {
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const d = order[i];
      if (d.type === 'azurerm_virtual_network') {
        const r = this.reader(d, {});
        const key = nameKey(this.text(r, 'name'), this.text(r, 'resource_group_name'), d.namespace);
        if (key !== undefined && !this.vnetsByName.has(key)) this.vnetsByName.set(key, d.address);
        if (d.isData || !hasBlocks(d.body, 'subnet')) continue;
        r.blocks('subnet').readers.forEach((s, i) => {
          this.inlineSubnets.set(s.body, inlineSubnetAddress(d.address, s.text('name'), i));
        });
      } else if (d.type === 'azurerm_route_table' && !d.isData) {
        const r = this.reader(d, {});
        const key = nameKey(r.text('name'), r.text('resource_group_name'), d.namespace);
        if (key !== undefined && !this.routeTablesByName.has(key)) this.routeTablesByName.set(key, d.address);
      }
    }
  }

  /**
   * A resource named by `name` + `resource_group_name` (a peering's or subnet's
   * `virtual_network_name`): a direct reference to the resource's `name` resolves to it; a
   * literal (or the same unknown expression) is looked up by name and resource group.
   */
  private byName(r: BlockReader, attribute: string, type: string, index: Map<string, string>): Maybe<string> | undefined {
    const plain = this.plainTarget(own(r.body, attribute), r, 'name');
    if (plain !== undefined && plain.type === type && !plain.isData) return plain.address;
    const direct = this.resolver.directReference(r.raw(attribute), r.owner);
    if (direct && direct.target.type === type && direct.rest.length === 1 && 'name' in direct.rest[0] && direct.rest[0].name === 'name') {
      if (direct.target.isData) this.ensureData(direct.target.address);
      return direct.target.address;
    }
    const name = r.text(attribute);
    if (name === undefined) return undefined;
    const group = r.text('resource_group_name');
    const key = nameKey(name, group, r.owner.namespace);
    const hit = key === undefined ? undefined : index.get(key);
    if (hit !== undefined) {
      this.ensureData(hit);
      return hit;
    }
    if (name instanceof Unknown) return name;
    if (group instanceof Unknown) return group;
    return new Unknown(`${attribute} ${JSON.stringify(name)} (resource group ${JSON.stringify(group ?? '')}) names no ${type} in this configuration`);
  }

  // ---- entities ---------------------------------------------------------------------------

  /** Registers an entity; external ones only by address (see `addEntity`). */
  private add(entity: Entity): void {
    addEntity(this.t, entity);
  }

  /**
   * The resource block a plain reference in `r`'s own body names (`${azurerm_virtual_network.hub.id}`),
   * when the reference ends in `attribute` and the block is neither expanded into instances nor
   * written where an instance, iterator or stack changes what a name means: what the resolver
   * would follow, found without it. Undefined sends the value down the generic path.
   */
  private plainTarget(raw: unknown, r: BlockReader, attribute: string): Declared | undefined {
    if (typeof raw !== 'string' || !readsInPlace(r)) return undefined;
    const end = plainReferenceEnd(raw);
    if (end < 0 || raw.length !== end + attribute.length + 2 || !raw.startsWith(attribute, end + 1)) return undefined;
    const base = raw.slice(2, end);
    return this.plainBlock(base.slice(0, base.indexOf('.')), base);
  }

  /** The block `root.name` (`base`) names, unless the root is no resource type or the block is expanded into instances. */
  private plainBlock(root: string, base: string): Declared | undefined {
    if (NOT_RESOURCE_ROOTS.has(root) || this.inputs.instances?.has(base)) return undefined;
    return this.declared.get(base);
  }

  /**
   * `r.text`, with literal strings taken as they are, and text made of literals and plain
   * references to other blocks' literal attributes (cdktf's `${azurerm_virtual_network.x.name}-to-${azurerm_virtual_network.y.name}`)
   * joined without the resolver.
   */
  private text(r: BlockReader, attribute: string): Maybe<string> | undefined {
    const raw = own(r.body, attribute);
    if (typeof raw === 'string') {
      if (!hasTemplateSyntax(raw)) return raw;
      const joined = this.literalThroughReferences(raw, r);
      if (joined !== undefined) return joined;
    }
    return raw === undefined || raw === null ? undefined : r.text(attribute);
  }

  /**
   * The text a template of literal runs and plain references (`${type.name.attribute}`) stands
   * for, when each reference names a block that is neither expanded nor a data source and whose
   * attribute (other than `id`, which the resolver reads as a reference) is a literal string:
   * what the resolver would join. Undefined sends the value down the generic path.
   */
  private literalThroughReferences(raw: string, r: BlockReader): string | undefined {
    if (!readsInPlace(r)) return undefined;
    // Outside instances and stacks the text depends on the string alone, which configurations repeat.
    const cached = this.literalTexts.get(raw);
    if (cached !== undefined) return cached === null ? undefined : cached;
    const joined = this.joinLiteralReferences(raw);
    this.literalTexts.set(raw, joined ?? null);
    return joined;
  }

  private joinLiteralReferences(raw: string): string | undefined {
    const template = plainTemplate(raw);
    if (template?.type !== 'template') return undefined;
    let text = '';
    for (const part of template.parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      if (!('expression' in part)) return undefined;
      const e = part.expression;
      if (e.type !== 'traversal' || e.target.type !== 'variable' || e.steps.length !== 2) return undefined;
      const [name, attribute] = e.steps;
      if (!('attribute' in name) || !('attribute' in attribute) || attribute.attribute === 'id' || attribute.attribute === '//') return undefined;
      const target = this.plainBlock(e.target.name, `${e.target.name}.${name.attribute}`);
      const value = target === undefined || target.isData ? undefined : own(target.body, attribute.attribute);
      if (typeof value !== 'string' || hasTemplateSyntax(value)) return undefined;
      text += value;
    }
    return text;
  }

  /** `r.bool`, with literal booleans taken as they are. */
  private bool(r: BlockReader, attribute: string): Maybe<boolean> | undefined {
    const raw = own(r.body, attribute);
    if (typeof raw === 'boolean') return raw;
    return raw === undefined || raw === null ? undefined : r.bool(attribute);
  }

  /** `r.ref`, with a plain reference to a resource's `id` taken without the resolver. */
  private ref(r: BlockReader, attribute: string): Maybe<string> | undefined {
    const target = this.plainTarget(own(r.body, attribute), r, 'id');
    if (target === undefined) return r.ref(attribute);
    this.ensureData(target.address);
    return target.address;
  }

  /** `r.list`, with a list of literal strings copied as it is. */
  private list(r: BlockReader, attribute: string): MaybeList<string> | undefined {
    const raw = own(r.body, attribute);
    if (Array.isArray(raw) && raw.every(isLiteralText)) return { items: raw.slice() as string[] };
    return r.list(attribute);
  }

  private reader(d: Declared, unknownBlocks: Record<string, Unknown>): BlockReader {
    return new BlockReader(this, d, d.body, '', unknownBlocks);
  }

  private base(d: Declared, r: BlockReader, unknownBlocks: Record<string, Unknown>): Base {
    const base: Base = {
      address: d.address,
      type: d.type,
      name: r.text('name'),
      location: r.text('location'),
      resourceGroupName: r.text('resource_group_name'),
      dependsOn: this.dependencies(d),
      unknownBlocks,
    };
    const path = metadataPath(d.body);
    if (path !== undefined) base.path = path;
    return base;
  }

  private resource(d: Declared): Entity {
    // The most numerous kinds are built in one object, without a base to copy (see `typed`).
    // A peering reads no nested blocks, so it records no unknown ones.
    if (d.type === 'azurerm_virtual_network_peering') return this.peering(d, this.reader(d, NO_NESTED_BLOCKS));
    // Keys come from the configuration: no prototype, so a block named __proto__ is just a key.
    const unknownBlocks: Record<string, Unknown> = Object.create(null) as Record<string, Unknown>;
    const r = this.reader(d, unknownBlocks);
    if (d.type === 'azurerm_virtual_network') return this.virtualNetwork(d, r, unknownBlocks);
    const base = this.base(d, r, unknownBlocks);
    const entity = this.typed(d, r, base);
    if (Object.keys(unknownBlocks).length > 0) return entity;
    // A copy without the key rather than `delete`, which leaves every entity a slow dictionary-mode object.
    const { unknownBlocks: _none, ...known } = entity as Mutable<Entity>;
    return known as Entity;
  }

  private typed(d: Declared, r: BlockReader, base: Base): Entity {
    switch (d.type) {
      case 'azurerm_subnet': return this.subnet(r, base);
      case 'azurerm_public_ip': return publicIp(r, base);
      case 'azurerm_virtual_network_gateway': return gateway(r, base);
      case 'azurerm_local_network_gateway': return localGateway(r, base);
      case 'azurerm_virtual_network_gateway_connection': return this.withKeyGenerator(r, connection(r, base));
      case 'azurerm_virtual_network_gateway_nat_rule': return natRule(r, base, this.resolver);
      case 'azurerm_route_table': return routeTable(r, base);
      case 'azurerm_route': this.routeResource(r); return { ...base, kind: 'other' };
      case 'azurerm_network_security_group': return { ...base, kind: 'networkSecurityGroup' };
      case 'azurerm_route_server': return { ...base, kind: 'other', branchToBranchTrafficEnabled: r.bool('branch_to_branch_traffic_enabled') } as OtherResource;
      case 'azurerm_management_lock': return { ...base, kind: 'other', lockLevel: r.text('lock_level'), lockScope: r.ref('scope') } as OtherResource;
      default: return { ...base, kind: 'other' } as OtherResource;
    }
  }

  /** A key that is exactly `${random_password.x.result}` is checkable from the password's arguments. */
  private withKeyGenerator(r: BlockReader, c: Connection): Connection {
    const direct = this.resolver.directReference(r.raw('shared_key'), r.owner);
    const step = direct?.rest.length === 1 ? direct.rest[0] : undefined;
    if (!direct || direct.target.type !== 'random_password' || direct.target.isData || !step || !('name' in step) || step.name !== 'result') return c;
    const p = this.reader(direct.target, {});
    return { ...c, sharedKeyGenerator: { address: direct.target.address, length: p.num('length'), special: p.bool('special'), overrideSpecial: p.text('override_special') } };
  }

  /**
   * Built as one object literal with its properties in the order a copy of base + kind would
   * have (the same entity, with in-object properties), and its inline subnets.
   */
  private virtualNetwork(d: Declared, r: BlockReader, unknownBlocks: Record<string, Unknown>): VirtualNetwork {
    const name = this.text(r, 'name');
    const location = this.text(r, 'location');
    const resourceGroupName = this.text(r, 'resource_group_name');
    const dependsOn = this.dependencies(d);
    const path = metadataPath(d.body);
    const addressSpace = this.list(r, 'address_space') ?? { items: [] };
    const subnets: string[] = [];
    const vnet: VirtualNetwork = path === undefined
      ? { address: d.address, type: d.type, name, location, resourceGroupName, dependsOn, kind: 'virtualNetwork', addressSpace, subnets }
      : { address: d.address, type: d.type, name, location, resourceGroupName, dependsOn, path, kind: 'virtualNetwork', addressSpace, subnets };
    if (!hasBlocks(d.body, 'subnet')) return vnet;
    r.blocks('subnet').readers.forEach((s, i) => {
      const address = this.inlineSubnets.get(s.body) ?? inlineSubnetAddress(d.address, s.text('name'), i);
      if (this.t.entities.has(address)) return;
      const subnet: Mutable<Subnet> = {
        kind: 'subnet',
        address,
        type: d.type,
        name: s.text('name'),
        location,
        resourceGroupName,
        // Created with its VNet, in the same resource.
        dependsOn: [...dependsOn],
        virtualNetwork: d.address,
        addressPrefixes: addressPrefixesOf(s),
        occupants: [],
      };
      if (path !== undefined) subnet.path = path;
      const nsg = s.ref('security_group');
      if (nsg !== undefined) subnet.networkSecurityGroup = nsg;
      const delegation = s.blocks('delegation');
      if (delegation.readers.length > 0) subnet.delegated = true;
      else if (!delegation.unknown) subnet.delegated = false;
      this.add(subnet);
      subnets.push(address);
    });
    if (Object.keys(unknownBlocks).length === 0) return vnet;
    // Rare (subnets from a dynamic block or an expression): the key where base has it.
    return path === undefined
      ? { address: d.address, type: d.type, name, location, resourceGroupName, dependsOn, unknownBlocks, kind: 'virtualNetwork', addressSpace, subnets }
      : { address: d.address, type: d.type, name, location, resourceGroupName, dependsOn, unknownBlocks, path, kind: 'virtualNetwork', addressSpace, subnets };
  }

  private subnet(r: BlockReader, base: Base): Subnet {
    const subnet: Mutable<Subnet> = {
      ...base,
      kind: 'subnet',
      virtualNetwork: this.byName(r, 'virtual_network_name', 'azurerm_virtual_network', this.vnetsByName) ?? new Unknown('virtual_network_name is not set'),
      addressPrefixes: addressPrefixesOf(r),
      occupants: [],
    };
    // azurerm 5.x: the association can be written inline, also in write-only form.
    const nsg = r.has('network_security_group_id') ? r.ref('network_security_group_id') : r.ref('network_security_group_id_wo');
    if (nsg !== undefined) subnet.networkSecurityGroup = nsg;
    const routeTable = r.has('route_table_id') ? r.ref('route_table_id') : r.ref('route_table_id_wo');
    if (routeTable !== undefined) subnet.routeTable = routeTable;
    const delegation = r.blocks('delegation');
    if (delegation.readers.length > 0) subnet.delegated = true;
    else if (!delegation.unknown) subnet.delegated = false;
    return subnet;
  }

  /** One object literal, like `virtualNetwork`; a peering has no nested blocks, so no unknown ones. */
  private peering(d: Declared, r: BlockReader): Peering {
    const name = this.text(r, 'name');
    const location = this.text(r, 'location');
    const resourceGroupName = this.text(r, 'resource_group_name');
    const dependsOn = this.dependencies(d);
    const path = metadataPath(d.body);
    const virtualNetwork = this.byName(r, 'virtual_network_name', 'azurerm_virtual_network', this.vnetsByName);
    const remoteVirtualNetwork = this.ref(r, 'remote_virtual_network_id');
    const allowGatewayTransit = this.bool(r, 'allow_gateway_transit');
    const useRemoteGateways = this.bool(r, 'use_remote_gateways');
    const allowForwardedTraffic = this.bool(r, 'allow_forwarded_traffic');
    const allowVirtualNetworkAccess = this.bool(r, 'allow_virtual_network_access');
    return path === undefined
      ? { address: d.address, type: d.type, name, location, resourceGroupName, dependsOn, kind: 'peering', virtualNetwork, remoteVirtualNetwork, allowGatewayTransit, useRemoteGateways, allowForwardedTraffic, allowVirtualNetworkAccess }
      : { address: d.address, type: d.type, name, location, resourceGroupName, dependsOn, path, kind: 'peering', virtualNetwork, remoteVirtualNetwork, allowGatewayTransit, useRemoteGateways, allowForwardedTraffic, allowVirtualNetworkAccess };
  }

  private routeResource(r: BlockReader): void {
    this.routeResources.push({
      table: this.byName(r, 'route_table_name', 'azurerm_route_table', this.routeTablesByName),
      route: routeOf(r),
    });
  }

  private dataEntity(d: Declared): Entity {
    const r = this.reader(d, {});
    const why = (attribute: string) => new Unknown(`${d.address} is a data source, read at plan`, `\${${d.address}.${attribute}}`);
    const base: Base = {
      address: d.address,
      type: d.type,
      name: r.text('name'),
      location: why('location'),
      resourceGroupName: r.text('resource_group_name'),
      dependsOn: this.dependencies(d),
      external: true,
    };
    const kind = DATA_KINDS.get(d.type) ?? 'other';
    const vnet = kind === 'subnet' ? this.byName(r, 'virtual_network_name', 'azurerm_virtual_network', this.vnetsByName) : undefined;
    return placeholder(kind, base, why, vnet);
  }

  /** Explicit `depends_on` plus every declared block the body mentions, deduplicated. */
  private dependencies(d: Declared): string[] {
    const found = new FoundDependencies();
    const body = d.body;
    const explicit = own(body, 'depends_on');
    if (Array.isArray(explicit)) {
      for (const item of explicit) {
        if (typeof item !== 'string') continue;
        // `type.name` as it is, the commonest form, is what the pattern would capture.
        if (isPlainAddress(item)) {
          this.consider(d, item, found);
          continue;
        }
        const m = /^\s*(?:\$\{)?\s*((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)/.exec(item);
        if (m) this.consider(d, m[1], found);
      }
    }
    // The top level in written order, strings read in place; nested values depth-first.
    const keys = Object.keys(body);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === '//' || key === 'depends_on') continue;
      const value = body[key];
      if (typeof value === 'string') this.considerMentions(d, value, found);
      else if (typeof value === 'object' && value !== null) this.considerNested(d, value, found);
    }
    if (found.dataSources !== undefined) for (const address of found.dataSources) this.ensureData(address);
    return found.addresses;
  }

  /** The dependencies a nested value mentions; iterative, so that deeply nested input cannot exhaust the stack. */
  private considerNested(d: Declared, nested: object, found: FoundDependencies): void {
    const pending: unknown[] = [nested];
    while (pending.length > 0) {
      const value = pending.pop();
      if (typeof value === 'string') {
        this.considerMentions(d, value, found);
      } else if (Array.isArray(value)) {
        // Pushed in reverse so that dependencies come out in the order they are written.
        for (let i = value.length - 1; i >= 0; i--) pending.push(value[i]);
      } else if (isObject(value)) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          if (keys[i] !== '//') pending.push(value[keys[i]]);
        }
      }
    }
  }

  /** A declared block `written` names, as a dependency of `d`; a resource expanded by for_each or count: every instance. */
  private consider(d: Declared, written: string, found: FoundDependencies): void {
    const target = this.declared.get(d.namespace === undefined ? written : d.namespace + written);
    if (target !== undefined && target.address !== d.address) found.add(target.address, target.isData);
    const instances = this.inputs.instances;
    const expanded = instances === undefined || instances.size === 0 ? undefined : instances.get(written);
    if (expanded === undefined) return;
    for (const key of expanded.keys) {
      const instance = instanceAddress(written, key);
      const block = instance === d.address ? undefined : this.declared.get(instance);
      if (block !== undefined) found.add(instance, block.isData);
    }
  }

  /**
   * The addresses a string's interpolations and directives mention, as written. A plain
   * reference mentions its first two names (what `mentionedAddresses` finds there, read in place);
   * other templates are split once per distinct string, because a configuration repeats them.
   */
  private considerMentions(d: Declared, text: string, found: FoundDependencies): void {
    if (!hasTemplateSyntax(text)) return;
    const end = plainReferenceEnd(text);
    if (end >= 0) {
      this.consider(d, text.slice(2, text.startsWith('data.', 2) ? -1 : end), found);
      return;
    }
    let mentioned = this.mentions.get(text);
    if (mentioned === undefined) this.mentions.set(text, (mentioned = mentionsIn(text)));
    for (const written of mentioned) this.consider(d, written, found);
  }

  // ---- links between entities --------------------------------------------------------------

  private link(): void {
    const subnets = this.t.subnets;
    for (let i = 0; i < subnets.length; i++) {
      const subnet = subnets[i];
      if (subnet.type !== 'azurerm_subnet' || subnet.external) continue;
      const vnet = isKnown(subnet.virtualNetwork) ? this.t.entities.get(subnet.virtualNetwork) : undefined;
      if (vnet?.kind === 'virtualNetwork') vnet.subnets.push(subnet.address);
    }
    for (const address of this.dataSubnets) {
      const subnet = this.t.entities.get(address);
      if (subnet?.kind !== 'subnet') continue;
      const vnet = isKnown(subnet.virtualNetwork) ? this.t.entities.get(subnet.virtualNetwork) : undefined;
      if (vnet?.kind === 'virtualNetwork') vnet.subnets.push(subnet.address);
    }
    for (const { table, route } of this.routeResources) {
      const rt = isKnown(table) ? this.t.entities.get(table) : undefined;
      if (rt?.kind === 'routeTable') rt.routes.push(route);
    }
    const occupied = new Map<string, Set<string>>();
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const d = order[i];
      if (d.isData) continue;
      const entity = this.t.entities.get(d.address);
      if (d.type === ASSOCIATION_NSG || d.type === ASSOCIATION_ROUTE_TABLE) {
        this.associate(d);
      } else if (entity?.kind === 'other' && !NOT_OCCUPANTS.test(d.type)) {
        this.occupy(d, occupied);
      }
    }
  }

  private associate(d: Declared): void {
    const r = this.reader(d, {});
    const subnetAddress = r.ref('subnet_id');
    const subnet = isKnown(subnetAddress) ? this.t.entities.get(subnetAddress) : undefined;
    if (subnet?.kind !== 'subnet') return;
    const target = d.type === ASSOCIATION_NSG ? r.ref('network_security_group_id') : r.ref('route_table_id');
    if (target === undefined) return;
    const s = subnet as Mutable<Subnet>;
    if (d.type === ASSOCIATION_NSG) s.networkSecurityGroup = target;
    else s.routeTable = target;
  }

  /** Adds the resource to the occupants of every subnet a `subnet_id` (at any depth) names. */
  private occupy(d: Declared, occupied: Map<string, Set<string>>): void {
    const pending: unknown[] = [d.body];
    while (pending.length > 0) {
      const value = pending.pop();
      if (Array.isArray(value)) {
        for (const item of value) pending.push(item);
      } else if (isObject(value)) {
        for (const key of Object.keys(value)) {
          if (key === '//') continue;
          if (key === 'subnet_id') {
            const address = new BlockReader(this, d, value, '', {}).ref('subnet_id');
            const subnet = isKnown(address) ? this.t.entities.get(address) : undefined;
            if (subnet?.kind !== 'subnet') continue;
            let seen = occupied.get(subnet.address);
            if (!seen) occupied.set(subnet.address, (seen = new Set()));
            if (!seen.has(d.address)) {
              seen.add(d.address);
              subnet.occupants.push(d.address);
            }
          } else {
            pending.push(value[key]);
          }
        }
      }
    }
  }
}

const NONE: readonly string[] = [];

/**
 * Whether a reference written in `r` means the same as anywhere else: `r` reads its block's own
 * body, and no instance, iterator or stack changes what a name means there.
 */
function readsInPlace(r: BlockReader): boolean {
  const owner = r.owner;
  return r.body === owner.body && owner.instance === undefined && owner.iterator === undefined && owner.namespace === undefined;
}

/**
 * The dependencies of one block as they are found: each address once, in the order found, and
 * the data sources among them (the ones to materialize). A short list is searched; a long one
 * gets a set, so that a block mentioning thousands of others stays linear.
 */
class FoundDependencies {
  public readonly addresses: string[] = [];
  public dataSources?: string[];
  private seen?: Set<string>;

  public add(address: string, isData: boolean): void {
    if (this.seen !== undefined) {
      if (this.seen.has(address)) return;
      this.seen.add(address);
    } else if (this.addresses.includes(address)) {
      return;
    } else if (this.addresses.length >= SHORT_LIST) {
      this.seen = new Set(this.addresses).add(address);
    }
    this.addresses.push(address);
    if (isData) (this.dataSources ??= []).push(address);
  }
}

const SHORT_LIST = 16;

/** The unknown nested blocks of a reader that reads none (frozen: a reader that did would fail loudly). */
const NO_NESTED_BLOCKS: Record<string, Unknown> = Object.freeze(Object.create(null) as Record<string, Unknown>);

/** Every address a template's interpolations and directives mention, as written. */
function mentionsIn(text: string): readonly string[] {
  const list: string[] = [];
  const add = (written: string) => list.push(written);
  for (const part of parseTemplate(text).parts) {
    if ('expression' in part) mentionedAddresses(part.expression, add);
    else if ('directive' in part) mentionedAddresses(part.directive, add);
  }
  return list.length === 0 ? NONE : list;
}

/**
 * For a string that is one reference `${a.b.c}` with plain identifiers (a letter or `_`, then
 * letters, digits, `_` and `-`, as HCL and the grammar read them; cdktf's logical ids have `-`):
 * the index of the dot before `c`; -1 for any other string. Most values of a generated
 * configuration are such references, read without the template parser and the evaluator.
 */
function plainReferenceEnd(text: string): number {
  const last = text.length - 1;
  if (last < 7 || text.charCodeAt(0) !== 0x24 || text.charCodeAt(1) !== 0x7b || text.charCodeAt(last) !== 0x7d) return -1;
  let dots = 0;
  let start = 2;
  for (let i = 2; i < last; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (i === start || ++dots > 2) return -1;
      start = i + 1;
    } else if (!(isIdentifierStart(c) || (i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d)))) {
      return -1;
    }
  }
  return dots === 2 && start < last ? start - 1 : -1;
}

/** `a.b` with identifiers as the dependency pattern reads them (letters, digits, `_`, `-`). */
function isPlainAddress(text: string): boolean {
  let dots = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (i === start || ++dots > 1) return false;
      start = i + 1;
    } else if (!(isIdentifierStart(c) || (i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d)))) {
      return false;
    }
  }
  return dots === 1 && start < text.length;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isLiteralText(value: unknown): value is string {
  return typeof value === 'string' && !hasTemplateSyntax(value);
}

/** Whether a body may have `name` blocks: written out, or from a `dynamic` block. */
function hasBlocks(body: JsonObject, name: string): boolean {
  const written = own(body, name);
  return (written !== undefined && written !== null) || own(body, 'dynamic') !== undefined;
}

/** `azurerm_virtual_network.hub.subnet["GatewaySubnet"]`, or by position when the name is unknown. */
function inlineSubnetAddress(vnet: string, name: Maybe<string> | undefined, index: number): string {
  return typeof name === 'string' ? `${vnet}.subnet[${JSON.stringify(name)}]` : `${vnet}.subnet[${index}]`;
}

/** A lookup key for (name, resource group): Azure names are case-insensitive. */
function nameKey(name: Maybe<string> | undefined, group: Maybe<string> | undefined, namespace?: string): string | undefined {
  const part = (v: Maybe<string> | undefined) =>
    typeof v === 'string' ? `=${v.toLowerCase()}` : v instanceof Unknown && v.expression !== undefined ? `?${v.expression}` : undefined;
  const n = part(name);
  const g = part(group);
  // Stacks of one app may deploy to different subscriptions: a name is looked up in its own stack only.
  return n === undefined || g === undefined ? undefined : `${namespace ?? ''}\u0000${n}\u0000${g}`;
}

/** cdktf writes `"//": {"metadata": {"path": "stack/hub/Gateway", ...}}` into every resource. */
function metadataPath(body: JsonObject): string | undefined {
  const comment = own(body, '//');
  const metadata = isObject(comment) ? own(comment, 'metadata') : undefined;
  const path = isObject(metadata) ? own(metadata, 'path') : undefined;
  return typeof path === 'string' ? path : undefined;
}

/**
 * The model's lists in Terraform address order, so that everything read from them (reports,
 * diagrams, checklists) is the same however the configuration is split into files and ordered.
 */
export function sortedByAddress(t: Topology): Topology {
  const byAddress = (a: Entity, b: Entity) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  for (const list of [t.virtualNetworks, t.subnets, t.publicIps, t.gateways, t.localGateways, t.connections, t.natRules, t.peerings, t.routeTables, t.networkSecurityGroups] as Entity[][]) {
    list.sort(byAddress);
  }
  // Code-point order, like the lists; a VNet's subnets are addresses.
  for (const vnet of t.virtualNetworks) vnet.subnets.sort();
  return t;
}
