import { UnusableInputError } from '../private/errors';
import { parseAzureResourceId } from './ids';
import {
  BgpPeeringAddress,
  Connection,
  Entity,
  GatewayIpConfiguration,
  IpsecPolicy,
  LocalNetworkGateway,
  OtherResource,
  Peering,
  PublicIp,
  Subnet,
  Topology,
  TrafficSelectorPolicy,
  VirtualNetwork,
  VirtualNetworkGateway,
  addEntity,
  emptyTopology,
} from '../model/topology';
import { knownList, MaybeList } from '../model/unknown';

/**
 * The state adapter: turns what `terraform show -json` prints after apply (a state, or the
 * `planned_values` of a plan) into the topology model. Every value there is known, including
 * what Azure computed (public IP addresses, default BGP addresses) and secrets in clear text
 * (the shared key): never print a value this adapter reads unless the user asked for it.
 *
 * Resources are linked by Azure resource ID (`virtual_network_gateway_id` equals the gateway's
 * `id`), never by position; entity addresses are the full Terraform addresses, child modules
 * included (`module.paris.azurerm_local_network_gateway.this`).
 */

interface StateResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
}

/** Whether a parsed JSON document is `terraform show -json` output rather than a configuration. */
export function isTerraformShowJson(content: unknown): boolean {
  return isObject(content) && typeof content.format_version === 'string' && (isObject(content.values) || isObject(content.planned_values));
}

export function topologyFromTerraformState(file: string, content: unknown): Topology {
  if (!isTerraformShowJson(content)) throw new UnusableInputError(file, 'not the output of terraform show -json (no format_version and values)');
  const document = content as Record<string, unknown>;
  const values = (isObject(document.values) ? document.values : document.planned_values) as Record<string, unknown>;
  const resources: StateResource[] = [];
  collectModule(values.root_module, resources);
  return new StateReader(resources).read();
}

function collectModule(module: unknown, into: StateResource[]): void {
  if (!isObject(module)) return;
  if (Array.isArray(module.resources)) {
    for (const r of module.resources) {
      if (isObject(r) && typeof r.address === 'string' && typeof r.type === 'string' && isObject(r.values)) {
        into.push({ address: r.address, mode: typeof r.mode === 'string' ? r.mode : 'managed', type: r.type, values: r.values });
      }
    }
  }
  if (Array.isArray(module.child_modules)) for (const child of module.child_modules) collectModule(child, into);
}

class StateReader {
  /** Lower-cased Azure resource ID → Terraform address. */
  private readonly byId = new Map<string, string>();

  constructor(private readonly resources: readonly StateResource[]) {
    for (const r of resources) {
      const id = r.values.id;
      if (r.mode === 'managed' && typeof id === 'string' && id.startsWith('/')) this.byId.set(normalizeId(id), r.address);
      for (const subnet of inlineSubnets(r)) this.byId.set(normalizeId(subnet.id), subnet.address);
    }
  }

  public read(): Topology {
    const t = emptyTopology();
    const entities: Entity[] = [];
    for (const r of this.resources) {
      if (r.mode !== 'managed') continue;
      entities.push(this.entity(r));
    }
    for (const r of this.resources) {
      if (r.mode !== 'managed') continue;
      for (const subnet of inlineSubnets(r)) {
        entities.push({
          kind: 'subnet',
          address: subnet.address,
          type: 'azurerm_subnet',
          name: subnet.values.text('name'),
          dependsOn: [],
          virtualNetwork: r.address,
          addressPrefixes: subnet.values.list('address_prefixes'),
          occupants: [],
        } satisfies Subnet);
      }
    }
    for (const e of entities) addEntity(t, e);
    // A VNet lists its subnets: the azurerm_subnet resources whose ID is below the VNet's.
    for (const s of t.subnets) {
      const vnet = t.virtualNetworks.find((v) => v.address === s.virtualNetwork);
      if (vnet) vnet.subnets.push(s.address);
    }
    return t;
  }

  private entity(r: StateResource): Entity {
    const v = new Values(r.values);
    const base = {
      address: r.address,
      type: r.type,
      name: v.text('name'),
      location: v.text('location'),
      resourceGroupName: v.text('resource_group_name'),
      dependsOn: [] as string[],
    };
    switch (r.type) {
      case 'azurerm_virtual_network':
        return { ...base, kind: 'virtualNetwork', addressSpace: v.list('address_space'), subnets: [] } satisfies VirtualNetwork;
      case 'azurerm_subnet':
        return {
          ...base,
          kind: 'subnet',
          virtualNetwork: this.parentAddress(v.text('id')) ?? `${v.text('resource_group_name') ?? ''}/${v.text('virtual_network_name') ?? ''}`,
          addressPrefixes: v.list('address_prefixes'),
          occupants: [],
        } satisfies Subnet;
      case 'azurerm_public_ip':
        return {
          ...base,
          kind: 'publicIp',
          sku: v.text('sku'),
          allocationMethod: v.text('allocation_method'),
          zones: v.list('zones'),
          ipVersion: v.text('ip_version'),
          skuTier: v.text('sku_tier'),
          ipAddress: v.text('ip_address'),
        } satisfies PublicIp;
      case 'azurerm_virtual_network_gateway':
        return this.gateway(base, v);
      case 'azurerm_local_network_gateway': {
        const bgp = v.block('bgp_settings');
        return {
          ...base,
          kind: 'localGateway',
          gatewayAddress: v.text('gateway_address'),
          gatewayFqdn: v.text('gateway_fqdn'),
          addressSpace: v.list('address_space'),
          ...(bgp ? { bgpSettings: { asn: bgp.num('asn'), peeringAddress: bgp.text('bgp_peering_address'), peerWeight: bgp.num('peer_weight') } } : {}),
        } satisfies LocalNetworkGateway;
      }
      case 'azurerm_virtual_network_gateway_connection':
        return this.connection(base, v);
      case 'azurerm_virtual_network_peering':
        return {
          ...base,
          kind: 'peering',
          virtualNetwork: this.parentAddress(v.text('id')),
          remoteVirtualNetwork: this.reference(v.text('remote_virtual_network_id')),
          allowGatewayTransit: v.bool('allow_gateway_transit'),
          useRemoteGateways: v.bool('use_remote_gateways'),
          allowForwardedTraffic: v.bool('allow_forwarded_traffic'),
          allowVirtualNetworkAccess: v.bool('allow_virtual_network_access'),
        } satisfies Peering;
      default:
        return { ...base, kind: 'other' } satisfies OtherResource;
    }
  }

  private gateway(base: Omit<VirtualNetworkGateway, 'kind' | 'gatewayType' | 'vpnType' | 'sku' | 'generation' | 'activeActive' | 'bgpEnabled' | 'privateIpAddressEnabled' | 'ipConfigurations'>, v: Values): VirtualNetworkGateway {
    const ipConfigurations: GatewayIpConfiguration[] = v.blocks('ip_configuration').map((ipc) => ({
      name: ipc.text('name'),
      subnet: this.reference(ipc.text('subnet_id')),
      publicIp: this.reference(ipc.text('public_ip_address_id')),
      privateIpAddressAllocation: ipc.text('private_ip_address_allocation'),
    }));
    const bgp = v.block('bgp_settings');
    const peeringAddresses: BgpPeeringAddress[] = (bgp?.blocks('peering_addresses') ?? []).map((p) => ({
      ipConfigurationName: p.text('ip_configuration_name'),
      apipaAddresses: p.list('apipa_addresses'),
      defaultAddresses: p.list('default_addresses'),
      tunnelIpAddresses: p.list('tunnel_ip_addresses'),
    }));
    return {
      ...base,
      kind: 'gateway',
      gatewayType: v.text('type'),
      vpnType: v.text('vpn_type'),
      sku: v.text('sku'),
      generation: v.text('generation'),
      activeActive: v.bool('active_active'),
      bgpEnabled: v.bool('bgp_enabled') ?? v.bool('enable_bgp'),
      privateIpAddressEnabled: v.bool('private_ip_address_enabled'),
      ipConfigurations,
      ...(bgp ? { bgpSettings: { asn: bgp.num('asn'), peerWeight: bgp.num('peer_weight'), peeringAddresses } } : {}),
      bgpRouteTranslationForNatEnabled: v.bool('bgp_route_translation_for_nat_enabled'),
    };
  }

  private connection(base: Omit<Connection, 'kind' | 'connectionType' | 'gateway' | 'localGateway' | 'peerGateway' | 'sharedKey' | 'bgpEnabled' | 'usePolicyBasedTrafficSelectors' | 'connectionProtocol' | 'connectionMode' | 'dpdTimeoutSeconds' | 'routingWeight' | 'localAzureIpAddressEnabled' | 'trafficSelectorPolicies' | 'ingressNatRules' | 'egressNatRules'>, v: Values): Connection {
    const policy = v.block('ipsec_policy');
    const ipsecPolicy: IpsecPolicy | undefined = policy && {
      dhGroup: policy.text('dh_group'),
      ikeEncryption: policy.text('ike_encryption'),
      ikeIntegrity: policy.text('ike_integrity'),
      ipsecEncryption: policy.text('ipsec_encryption'),
      ipsecIntegrity: policy.text('ipsec_integrity'),
      pfsGroup: policy.text('pfs_group'),
      saLifetimeSeconds: policy.num('sa_lifetime'),
      saDataSizeKilobytes: policy.num('sa_datasize'),
    };
    const custom = v.block('custom_bgp_addresses');
    const selectors: TrafficSelectorPolicy[] = v.blocks('traffic_selector_policy').map((s) => ({
      localAddressCidrs: s.list('local_address_cidrs'),
      remoteAddressCidrs: s.list('remote_address_cidrs'),
    }));
    return {
      ...base,
      kind: 'connection',
      connectionType: v.text('type'),
      gateway: this.reference(v.text('virtual_network_gateway_id')),
      localGateway: this.reference(v.text('local_network_gateway_id')),
      peerGateway: this.reference(v.text('peer_virtual_network_gateway_id')),
      expressRouteCircuit: v.text('express_route_circuit_id'),
      sharedKey: v.text('shared_key'),
      bgpEnabled: v.bool('bgp_enabled') ?? v.bool('enable_bgp'),
      usePolicyBasedTrafficSelectors: v.bool('use_policy_based_traffic_selectors'),
      ...(ipsecPolicy ? { ipsecPolicy } : {}),
      connectionProtocol: v.text('connection_protocol'),
      connectionMode: v.text('connection_mode'),
      dpdTimeoutSeconds: v.num('dpd_timeout_seconds'),
      routingWeight: v.num('routing_weight'),
      localAzureIpAddressEnabled: v.bool('local_azure_ip_address_enabled'),
      ...(custom ? { customBgpAddresses: { primary: custom.text('primary'), secondary: custom.text('secondary') } } : {}),
      trafficSelectorPolicies: selectors,
      ingressNatRules: knownList(v.list('ingress_nat_rule_ids').items.map((id) => this.reference(id) ?? id)),
      egressNatRules: knownList(v.list('egress_nat_rule_ids').items.map((id) => this.reference(id) ?? id)),
    };
  }

  /** The Terraform address of the resource with this Azure ID; the ID itself when it is not in the state. */
  private reference(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    return this.byId.get(normalizeId(id)) ?? id;
  }

  /** The address of a child resource's parent (a subnet's VNet), by Azure ID. */
  private parentAddress(id: string | undefined): string | undefined {
    const parent = id === undefined ? undefined : parseAzureResourceId(id)?.parent;
    return parent ? this.reference(parent.id) : undefined;
  }
}

/**
 * The inline `subnet` blocks of an azurerm_virtual_network, addressed as the configuration adapter
 * addresses them (`azurerm_virtual_network.hub.subnet["GatewaySubnet"]`).
 */
function inlineSubnets(r: StateResource): Array<{ id: string; address: string; values: Values }> {
  if (r.type !== 'azurerm_virtual_network') return [];
  return new Values(r.values)
    .blocks('subnet')
    .map((values) => ({ values, id: values.text('id'), name: values.text('name') }))
    .filter((s): s is { values: Values; id: string; name: string } => s.id !== undefined && s.name !== undefined)
    .map((s) => ({ id: s.id, values: s.values, address: `${r.address}.subnet[${JSON.stringify(s.name)}]` }));
}

/** Azure treats resource IDs case-insensitively (resource group names differ in case between APIs). */
function normalizeId(id: string): string {
  return id.replace(/\/+$/, '').toLowerCase();
}

/**
 * Attribute access on state values: nested blocks are lists, unset optional strings are null or
 * empty, and both mean "not set".
 */
class Values {
  constructor(private readonly values: Record<string, unknown>) {}

  public text(key: string): string | undefined {
    const value = this.values[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  public num(key: string): number | undefined {
    const value = this.values[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }

  public bool(key: string): boolean | undefined {
    const value = this.values[key];
    return typeof value === 'boolean' ? value : undefined;
  }

  public list(key: string): MaybeList<string> {
    const value = this.values[key];
    return knownList(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : []);
  }

  public blocks(key: string): Values[] {
    const value = this.values[key];
    return Array.isArray(value) ? value.filter(isObject).map((item) => new Values(item)) : [];
  }

  public block(key: string): Values | undefined {
    return this.blocks(key)[0];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
