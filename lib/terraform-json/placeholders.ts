import { Entity, EntityKind } from '../model/topology';
import { Maybe, MaybeList, Unknown } from '../model/unknown';
import { Base } from './resources';

/**
 * An entity whose attributes are not in the configuration (a data source, or a resource named
 * by literal ID): every value is unknown for the given reason.
 */
export function placeholder(kind: EntityKind, base: Base, why: (attribute: string) => Unknown, parent: Maybe<string> | undefined): Entity {
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
