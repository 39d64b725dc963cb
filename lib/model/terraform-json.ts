import { UnusableInputError } from '../private/errors';
import { isApipa, parseAddress } from '../private/cidr';
import { parseAzureResourceId } from './terraform-json-ids';
import { BlockReader, ReaderServices } from './terraform-json-reader';
import { collectVariables, DeclaredVariable, secretUses } from './terraform-json-secrets';
import { hasTemplateSyntax, mentionedAddresses, parseTemplate } from './terraform-json-syntax';
import { Declared, isObject, JsonObject, keysOf, own, Resolver } from './terraform-json-values';
import {
  BgpPeeringAddress,
  Connection,
  Entity,
  EntityKind,
  GatewayBgpSettings,
  GatewayIpConfiguration,
  IpsecPolicy,
  LocalNetworkGateway,
  NatMapping,
  NatRule,
  OtherResource,
  P2SConfiguration,
  Peering,
  PublicIp,
  Route,
  RouteTable,
  Subnet,
  Topology,
  TrafficSelectorPolicy,
  VirtualNetwork,
  VpnGateway,
} from './topology';
import { addEntity, emptyTopology } from './topology-builder';
import { isKnown, Maybe, MaybeList, Unknown } from './unknown';

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
export function topologyFromTerraformJson(files: readonly TerraformJsonFile[]): Topology {
  const declared = new Map<string, Declared>();
  const order: Declared[] = [];
  const variables = new Map<string, DeclaredVariable>();
  if (!Array.isArray(files)) throw new UnusableInputError('<input>', 'expected a list of files');
  files.forEach((f, i) => {
    const file = isObject(f) && typeof f.file === 'string' ? f.file : `<input ${i + 1}>`;
    const content = isObject(f) ? f.content : undefined;
    collectFile(file, content, declared, order, variables);
  });
  const topology = new TopologyBuilder(declared, order).build();
  return { ...sortedByAddress(topology), secrets: secretUses(order, variables) };
}

/**
 * The model's lists in Terraform address order, so that everything read from them (reports,
 * diagrams, checklists) is the same however the configuration is split into files and ordered.
 */
function sortedByAddress(t: Topology): Topology {
  const byAddress = (a: Entity, b: Entity) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  for (const list of [t.virtualNetworks, t.subnets, t.publicIps, t.gateways, t.localGateways, t.connections, t.natRules, t.peerings, t.routeTables, t.networkSecurityGroups] as Entity[][]) {
    list.sort(byAddress);
  }
  return t;
}

function collectFile(file: string, content: unknown, declared: Map<string, Declared>, order: Declared[], variables: Map<string, DeclaredVariable>): void {
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
  collectBlocks(file, 'resource', own(content, 'resource'), declared, order);
  collectBlocks(file, 'data', own(content, 'data'), declared, order);
  collectVariables(content, variables);
}

/**
 * `resource` and `data` are `{type: {name: body}}`; JSON syntax also allows an array of such
 * objects at each level. Duplicate addresses (which Terraform rejects) keep the first one.
 */
function collectBlocks(file: string, key: 'resource' | 'data', value: unknown, declared: Map<string, Declared>, order: Declared[]): void {
  if (value === undefined) return;
  const byType = isObject(value) ? [value] : Array.isArray(value) && value.every(isObject) ? (value as JsonObject[]) : undefined;
  if (!byType) {
    throw new UnusableInputError(file, `"${key}" is ${describe(value)}; Terraform expects an object of ${key === 'resource' ? 'resource' : 'data source'} types`);
  }
  const isData = key === 'data';
  for (const types of byType) {
    for (const type of keysOf(types)) {
      for (const names of objectsOf(types[type])) {
        for (const name of keysOf(names)) {
          const body = objectsOf(names[name])[0];
          if (!body) continue;
          const address = isData ? `data.${type}.${name}` : `${type}.${name}`;
          if (declared.has(address)) continue;
          const block: Declared = { address, type, name, body, isData };
          declared.set(address, block);
          order.push(block);
        }
      }
    }
  }
}

function objectsOf(value: unknown): JsonObject[] {
  if (isObject(value)) return [value];
  if (Array.isArray(value)) return value.filter(isObject);
  return [];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'empty';
  return `a ${typeof value}`;
}

/** Resources that place nothing in a subnet although they have a `subnet_id`. */
const NOT_OCCUPANTS = /^azurerm_subnet_.*_association$/;

const ASSOCIATION_NSG = 'azurerm_subnet_network_security_group_association';
const ASSOCIATION_ROUTE_TABLE = 'azurerm_subnet_route_table_association';

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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Base = Pick<Entity, 'address' | 'type' | 'name' | 'location' | 'resourceGroupName' | 'dependsOn'> & {
  path?: string;
  external?: boolean;
  unknownBlocks?: Record<string, Unknown>;
};

class TopologyBuilder implements ReaderServices {
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

  constructor(private readonly declared: ReadonlyMap<string, Declared>, private readonly order: readonly Declared[]) {
    this.resolver = new Resolver(declared, this.inlineSubnets, this.referencedData);
  }

  public build(): Topology {
    this.indexByName();
    for (const d of this.order) {
      if (!d.isData) this.add(this.resource(d));
    }
    for (const address of this.referencedData) this.ensureData(address);
    this.link();
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
    for (const d of this.order) {
      if (d.type === 'azurerm_virtual_network') {
        const r = this.reader(d, {});
        const key = nameKey(r.text('name'), r.text('resource_group_name'));
        if (key !== undefined && !this.vnetsByName.has(key)) this.vnetsByName.set(key, d.address);
        if (d.isData) continue;
        r.blocks('subnet').readers.forEach((s, i) => {
          this.inlineSubnets.set(s.body, inlineSubnetAddress(d.address, s.text('name'), i));
        });
      } else if (d.type === 'azurerm_route_table' && !d.isData) {
        const r = this.reader(d, {});
        const key = nameKey(r.text('name'), r.text('resource_group_name'));
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
    const direct = this.resolver.directReference(r.raw(attribute));
    if (direct && direct.target.type === type && direct.rest.length === 1 && 'name' in direct.rest[0] && direct.rest[0].name === 'name') {
      if (direct.target.isData) this.ensureData(direct.target.address);
      return direct.target.address;
    }
    const name = r.text(attribute);
    if (name === undefined) return undefined;
    const group = r.text('resource_group_name');
    const key = nameKey(name, group);
    const hit = key === undefined ? undefined : index.get(key);
    if (hit !== undefined) {
      if (hit.startsWith('data.')) this.ensureData(hit);
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
    // Keys come from the configuration: no prototype, so a block named __proto__ is just a key.
    const unknownBlocks: Record<string, Unknown> = Object.create(null) as Record<string, Unknown>;
    const r = this.reader(d, unknownBlocks);
    const base = this.base(d, r, unknownBlocks);
    const entity = this.typed(d, r, base);
    if (Object.keys(unknownBlocks).length === 0) delete (entity as Mutable<Entity>).unknownBlocks;
    return entity;
  }

  private typed(d: Declared, r: BlockReader, base: Base): Entity {
    switch (d.type) {
      case 'azurerm_virtual_network': return this.virtualNetwork(d, r, base);
      case 'azurerm_subnet': return this.subnet(r, base);
      case 'azurerm_public_ip': return publicIp(r, base);
      case 'azurerm_virtual_network_gateway': return gateway(r, base);
      case 'azurerm_local_network_gateway': return localGateway(r, base);
      case 'azurerm_virtual_network_gateway_connection': return this.withKeyGenerator(r, connection(r, base));
      case 'azurerm_virtual_network_gateway_nat_rule': return natRule(r, base, this.resolver);
      case 'azurerm_virtual_network_peering': return this.peering(r, base);
      case 'azurerm_route_table': return routeTable(r, base);
      case 'azurerm_route': this.routeResource(r); return { ...base, kind: 'other' };
      case 'azurerm_network_security_group': return { ...base, kind: 'networkSecurityGroup' };
      default: return { ...base, kind: 'other' } as OtherResource;
    }
  }

  /** A key that is exactly `${random_password.x.result}` is checkable from the password's arguments. */
  private withKeyGenerator(r: BlockReader, c: Connection): Connection {
    const direct = this.resolver.directReference(r.raw('shared_key'));
    const step = direct?.rest.length === 1 ? direct.rest[0] : undefined;
    if (!direct || direct.target.type !== 'random_password' || direct.target.isData || !step || !('name' in step) || step.name !== 'result') return c;
    const p = this.reader(direct.target, {});
    return { ...c, sharedKeyGenerator: { address: direct.target.address, length: p.num('length'), special: p.bool('special'), overrideSpecial: p.text('override_special') } };
  }

  private virtualNetwork(d: Declared, r: BlockReader, base: Base): VirtualNetwork {
    const vnet: VirtualNetwork = { ...base, kind: 'virtualNetwork', addressSpace: r.list('address_space') ?? { items: [] }, subnets: [] };
    r.blocks('subnet').readers.forEach((s, i) => {
      const address = this.inlineSubnets.get(s.body) ?? inlineSubnetAddress(d.address, s.text('name'), i);
      if (this.t.entities.has(address)) return;
      const subnet: Mutable<Subnet> = {
        kind: 'subnet',
        address,
        type: d.type,
        name: s.text('name'),
        location: base.location,
        resourceGroupName: base.resourceGroupName,
        // Created with its VNet, in the same resource.
        dependsOn: [...base.dependsOn],
        virtualNetwork: d.address,
        addressPrefixes: addressPrefixesOf(s),
        occupants: [],
      };
      if (base.path !== undefined) subnet.path = base.path;
      const nsg = s.ref('security_group');
      if (nsg !== undefined) subnet.networkSecurityGroup = nsg;
      const delegation = s.blocks('delegation');
      if (delegation.readers.length > 0) subnet.delegated = true;
      else if (!delegation.unknown) subnet.delegated = false;
      this.add(subnet);
      vnet.subnets.push(address);
    });
    return vnet;
  }

  private subnet(r: BlockReader, base: Base): Subnet {
    const subnet: Mutable<Subnet> = {
      ...base,
      kind: 'subnet',
      virtualNetwork: this.byName(r, 'virtual_network_name', 'azurerm_virtual_network', this.vnetsByName) ?? new Unknown('virtual_network_name is not set'),
      addressPrefixes: addressPrefixesOf(r),
      occupants: [],
    };
    const delegation = r.blocks('delegation');
    if (delegation.readers.length > 0) subnet.delegated = true;
    else if (!delegation.unknown) subnet.delegated = false;
    return subnet;
  }

  private peering(r: BlockReader, base: Base): Peering {
    return {
      ...base,
      kind: 'peering',
      virtualNetwork: this.byName(r, 'virtual_network_name', 'azurerm_virtual_network', this.vnetsByName),
      remoteVirtualNetwork: r.ref('remote_virtual_network_id'),
      allowGatewayTransit: r.bool('allow_gateway_transit'),
      useRemoteGateways: r.bool('use_remote_gateways'),
      allowForwardedTraffic: r.bool('allow_forwarded_traffic'),
      allowVirtualNetworkAccess: r.bool('allow_virtual_network_access'),
    };
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
    const found = new Set<string>();
    const consider = (address: string) => {
      if (address !== d.address && this.declared.has(address)) found.add(address);
    };
    const explicit = own(d.body, 'depends_on');
    for (const item of Array.isArray(explicit) ? explicit : []) {
      if (typeof item !== 'string') continue;
      const m = /^\s*(?:\$\{)?\s*((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)/.exec(item);
      if (m) consider(m[1]);
    }
    // Iterative, so that deeply nested input cannot exhaust the stack.
    const pending: unknown[] = [d.body];
    while (pending.length > 0) {
      const value = pending.pop();
      if (typeof value === 'string') {
        if (!hasTemplateSyntax(value)) continue;
        for (const part of parseTemplate(value).parts) {
          if ('expression' in part) mentionedAddresses(part.expression, consider);
          else if ('directive' in part) mentionedAddresses(part.directive, consider);
        }
      } else if (Array.isArray(value)) {
        // Pushed in reverse so that dependencies come out in the order they are written.
        for (let i = value.length - 1; i >= 0; i--) pending.push(value[i]);
      } else if (isObject(value)) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          if (keys[i] === '//' || (value === d.body && keys[i] === 'depends_on')) continue;
          pending.push(value[keys[i]]);
        }
      }
    }
    for (const address of found) {
      if (address.startsWith('data.')) this.ensureData(address);
    }
    return [...found];
  }

  // ---- links between entities --------------------------------------------------------------

  private link(): void {
    for (const subnet of this.t.subnets) {
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
    for (const d of this.order) {
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

// ---- per-type readers (no cross-entity state) ------------------------------------------------

function publicIp(r: BlockReader, base: Base): PublicIp {
  const ip: Mutable<PublicIp> = {
    ...base,
    kind: 'publicIp',
    sku: r.text('sku'),
    allocationMethod: r.text('allocation_method'),
    zones: r.list('zones') ?? { items: [] },
    ipVersion: r.text('ip_version'),
  };
  const tier = r.text('sku_tier');
  if (tier !== undefined) ip.skuTier = tier;
  return ip;
}

function gateway(r: BlockReader, base: Base): VpnGateway {
  const configurations = r.blocks('ip_configuration');
  const ipConfigurations: Maybe<GatewayIpConfiguration[]> =
    configurations.unknown ??
    configurations.readers.map((c) => ({
      name: c.text('name'),
      subnet: c.ref('subnet_id'),
      publicIp: c.ref('public_ip_address_id'),
      privateIpAddressAllocation: c.text('private_ip_address_allocation'),
    }));
  const g: Mutable<VpnGateway> = {
    ...base,
    kind: 'gateway',
    gatewayType: r.text('type'),
    vpnType: r.text('vpn_type'),
    sku: r.text('sku'),
    generation: r.text('generation'),
    activeActive: r.bool('active_active'),
    bgpEnabled: r.has('bgp_enabled') ? r.bool('bgp_enabled') : r.bool('enable_bgp'),
    privateIpAddressEnabled: r.bool('private_ip_address_enabled'),
    ipConfigurations,
  };
  const bgp = r.block('bgp_settings');
  if (bgp !== undefined) g.bgpSettings = gatewayBgpSettings(bgp);
  const p2s = r.block('vpn_client_configuration');
  if (p2s !== undefined) g.p2s = p2sConfiguration(p2s);
  const defaultSite = r.ref('default_local_network_gateway_id');
  if (defaultSite !== undefined) g.defaultLocalNetworkGateway = defaultSite;
  const natTranslation = r.bool('bgp_route_translation_for_nat_enabled');
  if (natTranslation !== undefined) g.bgpRouteTranslationForNatEnabled = natTranslation;
  return g;
}

function gatewayBgpSettings(bgp: BlockReader | Unknown): GatewayBgpSettings {
  if (bgp instanceof Unknown) return { asn: bgp, peerWeight: bgp, peeringAddresses: [] };
  const peeringAddresses: BgpPeeringAddress[] = bgp.blocks('peering_addresses').readers.map((p) => ({
    ipConfigurationName: p.text('ip_configuration_name'),
    apipaAddresses: p.list('apipa_addresses') ?? { items: [] },
  }));
  if (peeringAddresses.length === 0 && !bgp.has('peering_addresses')) {
    // azurerm 3.x `peering_address`: one BGP address; only an APIPA one is a custom address.
    const legacy = bgp.text('peering_address');
    if (legacy !== undefined) {
      const p = isKnown(legacy) ? parseAddress(legacy) : undefined;
      const apipa: MaybeList<string> =
        legacy instanceof Unknown ? { items: [], unknown: legacy } : { items: p && isApipa(p) ? [legacy] : [] };
      peeringAddresses.push({ ipConfigurationName: undefined, apipaAddresses: apipa });
    }
  }
  return { asn: bgp.num('asn'), peerWeight: bgp.num('peer_weight'), peeringAddresses };
}

function p2sConfiguration(c: BlockReader | Unknown): P2SConfiguration {
  if (c instanceof Unknown) {
    return {
      addressSpace: { items: [], unknown: c },
      protocols: { items: [], unknown: c },
      authTypes: { items: [], unknown: c },
      rootCertificates: [],
      revokedCertificates: 0,
      aadTenant: c,
      aadAudience: c,
      aadIssuer: c,
      radiusServerAddress: c,
      radiusServerSecret: new Unknown(c.reason),
      radiusServers: [],
    };
  }
  const p2s: Mutable<P2SConfiguration> = {
    addressSpace: c.list('address_space') ?? { items: [] },
    protocols: c.list('vpn_client_protocols'),
    authTypes: c.list('vpn_auth_types'),
    rootCertificates: c.blocks('root_certificate').readers.map((rc) => ({ name: rc.text('name'), publicCertData: rc.text('public_cert_data') })),
    revokedCertificates: c.blocks('revoked_certificate').readers.length,
    aadTenant: c.text('aad_tenant'),
    aadAudience: c.text('aad_audience'),
    aadIssuer: c.text('aad_issuer'),
    radiusServerAddress: c.text('radius_server_address'),
    radiusServerSecret: c.secret('radius_server_secret'),
    radiusServers: c.blocks('radius_server').readers.map((s) => ({ address: s.text('address'), secret: s.secret('secret'), score: s.num('score') })),
  };
  const policy = c.block('ipsec_policy');
  if (policy !== undefined) p2s.ipsecPolicy = ipsecPolicy(policy);
  return p2s;
}

function ipsecPolicy(p: BlockReader | Unknown): IpsecPolicy {
  if (p instanceof Unknown) {
    return { dhGroup: p, ikeEncryption: p, ikeIntegrity: p, ipsecEncryption: p, ipsecIntegrity: p, pfsGroup: p, saLifetimeSeconds: p, saDataSizeKilobytes: p };
  }
  return {
    dhGroup: p.text('dh_group'),
    ikeEncryption: p.text('ike_encryption'),
    ikeIntegrity: p.text('ike_integrity'),
    ipsecEncryption: p.text('ipsec_encryption'),
    ipsecIntegrity: p.text('ipsec_integrity'),
    pfsGroup: p.text('pfs_group'),
    // Connection policies say `sa_lifetime`/`sa_datasize`; the P2S policy spells them out.
    saLifetimeSeconds: p.has('sa_lifetime') ? p.num('sa_lifetime') : p.num('sa_lifetime_in_seconds'),
    saDataSizeKilobytes: p.has('sa_datasize') ? p.num('sa_datasize') : p.num('sa_data_size_in_kilobytes'),
  };
}

function localGateway(r: BlockReader, base: Base): LocalNetworkGateway {
  const lng: Mutable<LocalNetworkGateway> = {
    ...base,
    kind: 'localGateway',
    gatewayAddress: r.text('gateway_address'),
    gatewayFqdn: r.text('gateway_fqdn'),
    addressSpace: r.list('address_space') ?? { items: [] },
  };
  const bgp = r.block('bgp_settings');
  if (bgp instanceof Unknown) lng.bgpSettings = { asn: bgp, peeringAddress: bgp, peerWeight: bgp };
  else if (bgp !== undefined) lng.bgpSettings = { asn: bgp.num('asn'), peeringAddress: bgp.text('bgp_peering_address'), peerWeight: bgp.num('peer_weight') };
  return lng;
}

function connection(r: BlockReader, base: Base): Connection {
  const c: Mutable<Connection> = {
    ...base,
    kind: 'connection',
    connectionType: r.text('type'),
    gateway: r.ref('virtual_network_gateway_id'),
    localGateway: r.ref('local_network_gateway_id'),
    peerGateway: r.ref('peer_virtual_network_gateway_id'),
    sharedKey: r.secret('shared_key'),
    bgpEnabled: r.has('bgp_enabled') ? r.bool('bgp_enabled') : r.bool('enable_bgp'),
    usePolicyBasedTrafficSelectors: r.bool('use_policy_based_traffic_selectors'),
    connectionProtocol: r.text('connection_protocol'),
    connectionMode: r.text('connection_mode'),
    dpdTimeoutSeconds: r.num('dpd_timeout_seconds'),
    routingWeight: r.num('routing_weight'),
    localAzureIpAddressEnabled: r.bool('local_azure_ip_address_enabled'),
    trafficSelectorPolicies: r.blocks('traffic_selector_policy').readers.map(
      (p): TrafficSelectorPolicy => ({
        localAddressCidrs: p.list('local_address_cidrs') ?? { items: [] },
        remoteAddressCidrs: p.list('remote_address_cidrs') ?? { items: [] },
      }),
    ),
    ingressNatRules: r.refList('ingress_nat_rule_ids') ?? { items: [] },
    egressNatRules: r.refList('egress_nat_rule_ids') ?? { items: [] },
  };
  const circuit = r.ref('express_route_circuit_id');
  if (circuit !== undefined) c.expressRouteCircuit = circuit;
  const policy = r.block('ipsec_policy');
  if (policy !== undefined) c.ipsecPolicy = ipsecPolicy(policy);
  const custom = r.block('custom_bgp_addresses');
  if (custom instanceof Unknown) c.customBgpAddresses = { primary: custom, secondary: custom };
  else if (custom !== undefined) c.customBgpAddresses = { primary: custom.text('primary'), secondary: custom.text('secondary') };
  return c;
}

function natRule(r: BlockReader, base: Base, resolver: Resolver): NatRule {
  const mappings = (name: string): NatMapping[] =>
    r.blocks(name).readers.map((m) => ({ addressSpace: m.text('address_space'), portRange: m.text('port_range') }));
  return {
    ...base,
    kind: 'natRule',
    gateway: r.ref('virtual_network_gateway_id'),
    mode: r.text('mode'),
    natType: r.text('type'),
    ipConfigurationId: ipConfigurationIdOf(r, resolver),
    internalMappings: mappings('internal_mapping'),
    externalMappings: mappings('external_mapping'),
  };
}

/**
 * `ip_configuration_id` as written: a literal ID, or the reference text
 * (`${azurerm_virtual_network_gateway.gw.ip_configuration[0].id}`) when it points into an ip
 * configuration of a gateway in the configuration: computed at apply, but it names one
 * configuration, so two rules can be told apart.
 */
function ipConfigurationIdOf(r: BlockReader, resolver: Resolver): Maybe<string> | undefined {
  const raw = r.raw('ip_configuration_id');
  const direct = resolver.directReference(raw);
  const first = direct?.rest[0];
  if (typeof raw === 'string' && direct?.target.type === 'azurerm_virtual_network_gateway' && first !== undefined && 'name' in first && first.name === 'ip_configuration') {
    return raw.trim();
  }
  return r.text('ip_configuration_id');
}

function routeTable(r: BlockReader, base: Base): RouteTable {
  const routes = r.blocks('route');
  const table: Mutable<RouteTable> = {
    ...base,
    kind: 'routeTable',
    routes: routes.readers.map(routeOf),
    bgpRoutePropagationEnabled: bgpRoutePropagationOf(r),
  };
  if (routes.unknown) table.routesUnknown = routes.unknown;
  return table;
}

function bgpRoutePropagationOf(r: BlockReader): Maybe<boolean> | undefined {
  if (r.has('bgp_route_propagation_enabled')) return r.bool('bgp_route_propagation_enabled');
  const disabled = r.bool('disable_bgp_route_propagation');
  return typeof disabled === 'boolean' ? !disabled : disabled;
}

function routeOf(r: BlockReader): Route {
  return {
    name: r.text('name'),
    addressPrefix: r.text('address_prefix') ?? new Unknown('address_prefix is not set'),
    nextHopType: r.text('next_hop_type'),
  };
}

/** 4.x `address_prefixes`, or the 3.x single `address_prefix`. */
function addressPrefixesOf(r: BlockReader): MaybeList<string> {
  const list = r.list('address_prefixes');
  if (list !== undefined) return list;
  const single = r.text('address_prefix');
  if (single === undefined) return { items: [] };
  return single instanceof Unknown ? { items: [], unknown: single } : { items: [single] };
}

/**
 * An entity whose attributes are not in the configuration (a data source, or a resource named
 * by literal ID): every value is unknown for the given reason.
 */
function placeholder(kind: EntityKind, base: Base, why: (attribute: string) => Unknown, parent: Maybe<string> | undefined): Entity {
  const unknownList = (attribute: string): MaybeList<string> => ({ items: [], unknown: why(attribute) });
  switch (kind) {
    case 'virtualNetwork':
      return { ...base, kind, addressSpace: unknownList('address_space'), subnets: [] };
    case 'subnet':
      return {
        ...base,
        kind,
        virtualNetwork: parent ?? why('virtual_network_name'),
        addressPrefixes: unknownList('address_prefixes'),
        networkSecurityGroup: why('network_security_group_id'),
        routeTable: why('route_table_id'),
        occupants: [],
      };
    case 'publicIp':
      return { ...base, kind, sku: why('sku'), allocationMethod: why('allocation_method'), zones: unknownList('zones'), ipVersion: why('ip_version'), skuTier: why('sku_tier') };
    case 'gateway':
      return {
        ...base,
        kind,
        gatewayType: why('type'),
        vpnType: why('vpn_type'),
        sku: why('sku'),
        generation: why('generation'),
        activeActive: why('active_active'),
        bgpEnabled: why('bgp_enabled'),
        privateIpAddressEnabled: why('private_ip_address_enabled'),
        ipConfigurations: why('ip_configuration'),
        bgpSettings: { asn: why('bgp_settings.asn'), peerWeight: why('bgp_settings.peer_weight'), peeringAddresses: [] },
        unknownBlocks: { 'bgp_settings.peering_addresses': why('bgp_settings'), vpn_client_configuration: why('vpn_client_configuration') },
      };
    case 'localGateway':
      return {
        ...base,
        kind,
        gatewayAddress: why('gateway_address'),
        gatewayFqdn: why('gateway_fqdn'),
        addressSpace: unknownList('address_space'),
        bgpSettings: { asn: why('bgp_settings.asn'), peeringAddress: why('bgp_settings.bgp_peering_address'), peerWeight: why('bgp_settings.peer_weight') },
      };
    case 'connection':
      return {
        ...base,
        kind,
        connectionType: why('type'),
        gateway: why('virtual_network_gateway_id'),
        localGateway: why('local_network_gateway_id'),
        peerGateway: why('peer_virtual_network_gateway_id'),
        expressRouteCircuit: why('express_route_circuit_id'),
        sharedKey: why('shared_key'),
        bgpEnabled: why('enable_bgp'),
        usePolicyBasedTrafficSelectors: why('use_policy_based_traffic_selectors'),
        connectionProtocol: why('connection_protocol'),
        connectionMode: why('connection_mode'),
        dpdTimeoutSeconds: why('dpd_timeout_seconds'),
        routingWeight: why('routing_weight'),
        localAzureIpAddressEnabled: why('local_azure_ip_address_enabled'),
        trafficSelectorPolicies: [],
        ingressNatRules: unknownList('ingress_nat_rule_ids'),
        egressNatRules: unknownList('egress_nat_rule_ids'),
        unknownBlocks: { ipsec_policy: why('ipsec_policy'), traffic_selector_policy: why('traffic_selector_policy') },
      };
    case 'natRule':
      return {
        ...base,
        kind,
        gateway: parent ?? why('virtual_network_gateway_id'),
        mode: why('mode'),
        natType: why('type'),
        ipConfigurationId: why('ip_configuration_id'),
        internalMappings: [],
        externalMappings: [],
        unknownBlocks: { internal_mapping: why('internal_mapping'), external_mapping: why('external_mapping') },
      };
    case 'peering':
      return {
        ...base,
        kind,
        virtualNetwork: parent ?? why('virtual_network_name'),
        remoteVirtualNetwork: why('remote_virtual_network_id'),
        allowGatewayTransit: why('allow_gateway_transit'),
        useRemoteGateways: why('use_remote_gateways'),
        allowForwardedTraffic: why('allow_forwarded_traffic'),
        allowVirtualNetworkAccess: why('allow_virtual_network_access'),
      };
    case 'routeTable':
      return { ...base, kind, routes: [], routesUnknown: why('route'), bgpRoutePropagationEnabled: why('bgp_route_propagation_enabled') };
    case 'networkSecurityGroup':
      return { ...base, kind };
    default:
      return { ...base, kind: 'other' };
  }
}

/** `azurerm_virtual_network.hub.subnet["GatewaySubnet"]`, or by position when the name is unknown. */
function inlineSubnetAddress(vnet: string, name: Maybe<string> | undefined, index: number): string {
  return typeof name === 'string' ? `${vnet}.subnet[${JSON.stringify(name)}]` : `${vnet}.subnet[${index}]`;
}

/** A lookup key for (name, resource group): Azure names are case-insensitive. */
function nameKey(name: Maybe<string> | undefined, group: Maybe<string> | undefined): string | undefined {
  const part = (v: Maybe<string> | undefined) =>
    typeof v === 'string' ? `=${v.toLowerCase()}` : v instanceof Unknown && v.expression !== undefined ? `?${v.expression}` : undefined;
  const n = part(name);
  const g = part(group);
  return n === undefined || g === undefined ? undefined : `${n}\u0000${g}`;
}

/** cdktf writes `"//": {"metadata": {"path": "stack/hub/Gateway", ...}}` into every resource. */
function metadataPath(body: JsonObject): string | undefined {
  const comment = own(body, '//');
  const metadata = isObject(comment) ? own(comment, 'metadata') : undefined;
  const path = isObject(metadata) ? own(metadata, 'path') : undefined;
  return typeof path === 'string' ? path : undefined;
}
