import { EXPRESS_ROUTE_SKUS, VPN_SKUS } from '../azure/sku-capabilities';
import { SOURCES } from '../azure/sources';
import { Entity } from '../model/topology';
import { isKnown, Maybe, MaybeList } from '../model/unknown';
import { Rule, RuleContext, Severity } from './rule';
import { show } from './support';

/**
 * The enumerations azurerm validates with `StringInSlice(…, false)`: exact case, at plan
 * (azurerm 4.x provider source; the catalogue's azurerm-provider notes). The npm bindings carry no
 * enumerations, so the lists live here.
 */
const GATEWAY_TYPES = ['ExpressRoute', 'Vpn'];
const VPN_TYPES = ['RouteBased', 'PolicyBased'];
const GATEWAY_SKUS = [...new Set([...VPN_SKUS.map((s) => s.name), ...EXPRESS_ROUTE_SKUS])];
const GENERATIONS = ['Generation1', 'Generation2', 'None'];
const PRIVATE_IP_ALLOCATIONS = ['Static', 'Dynamic'];
const P2S_PROTOCOLS = ['IkeV2', 'OpenVPN', 'SSTP'];
const P2S_AUTH_TYPES = ['Certificate', 'AAD', 'Radius'];
const CONNECTION_TYPES = ['ExpressRoute', 'IPsec', 'Vnet2Vnet'];
const CONNECTION_PROTOCOLS = ['IKEv1', 'IKEv2'];
const CONNECTION_MODES = ['InitiatorOnly', 'ResponderOnly', 'Default'];
const PUBLIC_IP_SKUS = ['Basic', 'Standard'];
const ALLOCATION_METHODS = ['Static', 'Dynamic'];
const NAT_MODES = ['EgressSnat', 'IngressSnat'];
const NAT_TYPES = ['Static', 'Dynamic'];

/**
 * Reports a value that is an accepted one in another case. A value that is no spelling of an
 * accepted one is left to the rule that owns the attribute (it knows what the value means).
 */
function checkOne(ctx: RuleContext, entity: Entity, attribute: string, value: Maybe<string> | undefined, accepted: readonly string[]): void {
  if (!isKnown(value) || accepted.includes(value)) return;
  const right = accepted.find((a) => a.toLowerCase() === value.toLowerCase());
  if (right === undefined) return;
  ctx.error(entity, `${attribute} = ${show(value)} has the wrong case; azurerm compares enumerations case-sensitively and fails the plan — write ${show(right)}`);
}

function checkList(ctx: RuleContext, entity: Entity, attribute: string, values: MaybeList<string> | undefined, accepted: readonly string[]): void {
  for (const value of values?.items ?? []) checkOne(ctx, entity, attribute, value, accepted);
}

const enumCase: Rule = {
  id: 'azurerm.enum-case',
  severity: Severity.ERROR,
  summary: 'Every enumerated attribute the rules read is written in the exact case azurerm accepts (vpn_type "RouteBased", not "routebased").',
  source: `${SOURCES.TF_GW}; ${SOURCES.TF_CONN} (validation.StringInSlice(…, false): case-sensitive at plan)`,
  check(ctx) {
    const t = ctx.topology;
    for (const g of t.gateways) {
      checkOne(ctx, g, 'type', g.gatewayType, GATEWAY_TYPES);
      checkOne(ctx, g, 'vpn_type', g.vpnType, VPN_TYPES);
      checkOne(ctx, g, 'sku', g.sku, GATEWAY_SKUS);
      checkOne(ctx, g, 'generation', g.generation, GENERATIONS);
      if (isKnown(g.ipConfigurations)) {
        for (const ipc of g.ipConfigurations) checkOne(ctx, g, 'ip_configuration.private_ip_address_allocation', ipc.privateIpAddressAllocation, PRIVATE_IP_ALLOCATIONS);
      }
      if (g.p2s) {
        checkList(ctx, g, 'vpn_client_configuration.vpn_client_protocols', g.p2s.protocols, P2S_PROTOCOLS);
        checkList(ctx, g, 'vpn_client_configuration.vpn_auth_types', g.p2s.authTypes, P2S_AUTH_TYPES);
      }
    }
    for (const c of t.connections) {
      checkOne(ctx, c, 'type', c.connectionType, CONNECTION_TYPES);
      checkOne(ctx, c, 'connection_protocol', c.connectionProtocol, CONNECTION_PROTOCOLS);
      checkOne(ctx, c, 'connection_mode', c.connectionMode, CONNECTION_MODES);
    }
    for (const ip of t.publicIps) {
      checkOne(ctx, ip, 'sku', ip.sku, PUBLIC_IP_SKUS);
      checkOne(ctx, ip, 'allocation_method', ip.allocationMethod, ALLOCATION_METHODS);
    }
    for (const n of t.natRules) {
      checkOne(ctx, n, 'mode', n.mode, NAT_MODES);
      checkOne(ctx, n, 'type', n.natType, NAT_TYPES);
    }
  },
};

export const enumCaseRules: Rule[] = [enumCase];
