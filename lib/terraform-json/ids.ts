import { EntityKind } from '../model/topology';

/**
 * Literal Azure resource IDs
 * (`/subscriptions/…/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet`).
 * Azure treats the fixed segments case-insensitively, and so does this parser.
 */
export interface AzureResourceId {
  /** The ID as written, without trailing slashes. */
  readonly id: string;
  readonly resourceGroup: string;
  /** The resource's own name (the last segment). */
  readonly name: string;
  readonly kind: EntityKind;
  /** The azurerm resource type for a modelled kind, else the ARM type (`Microsoft.Web/sites`). */
  readonly type: string;
  /** The ID of the parent resource, for child resources (a subnet's VNet). */
  readonly parent?: AzureResourceId;
}

interface KnownArmType {
  readonly kind: EntityKind;
  readonly type: string;
}

/** Lower-cased `namespace/type[/childType]` → what the model calls it. */
const ARM_TYPES = new Map<string, KnownArmType>([
  ['microsoft.network/virtualnetworks', { kind: 'virtualNetwork', type: 'azurerm_virtual_network' }],
  ['microsoft.network/virtualnetworks/subnets', { kind: 'subnet', type: 'azurerm_subnet' }],
  ['microsoft.network/virtualnetworks/virtualnetworkpeerings', { kind: 'peering', type: 'azurerm_virtual_network_peering' }],
  ['microsoft.network/publicipaddresses', { kind: 'publicIp', type: 'azurerm_public_ip' }],
  ['microsoft.network/virtualnetworkgateways', { kind: 'gateway', type: 'azurerm_virtual_network_gateway' }],
  ['microsoft.network/virtualnetworkgateways/natrules', { kind: 'natRule', type: 'azurerm_virtual_network_gateway_nat_rule' }],
  ['microsoft.network/localnetworkgateways', { kind: 'localGateway', type: 'azurerm_local_network_gateway' }],
  ['microsoft.network/connections', { kind: 'connection', type: 'azurerm_virtual_network_gateway_connection' }],
  ['microsoft.network/routetables', { kind: 'routeTable', type: 'azurerm_route_table' }],
  ['microsoft.network/networksecuritygroups', { kind: 'networkSecurityGroup', type: 'azurerm_network_security_group' }],
]);

/** Parses a literal Azure resource ID; undefined for anything else. */
export function parseAzureResourceId(text: string): AzureResourceId | undefined {
  if (text.length > 2000 || !/^\/subscriptions\//i.test(text)) return undefined;
  const segments = text.replace(/\/+$/, '').split('/').slice(1);
  // subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{childType}/{childName}]…
  if (segments.length < 8 || segments.length % 2 !== 0) return undefined;
  if (segments.some((s) => s.length === 0)) return undefined;
  if (segments[2].toLowerCase() !== 'resourcegroups' || segments[4].toLowerCase() !== 'providers') return undefined;
  const resourceGroup = segments[3];
  const namespace = segments[5];
  let parent: AzureResourceId | undefined;
  let current: AzureResourceId | undefined;
  const types: string[] = [];
  for (let i = 6; i < segments.length; i += 2) {
    types.push(segments[i]);
    const armType = `${namespace}/${types.join('/')}`;
    const known = ARM_TYPES.get(armType.toLowerCase());
    current = {
      id: '/' + segments.slice(0, i + 2).join('/'),
      resourceGroup,
      name: segments[i + 1],
      kind: known?.kind ?? 'other',
      type: known?.type ?? armType,
      ...(parent ? { parent } : {}),
    };
    parent = current;
  }
  return current;
}
