// The public (jsii) API: constructs, their enum-like classes, and the rule catalogue.
// The model, the rule engine, the CLI and lib/private are internal.

// Building blocks
export * from './constructs/gateway-sku';
export * from './constructs/ipsec-policy';
export * from './constructs/shared-key';
export * from './constructs/virtual-network';
export * from './constructs/point-to-site';
export * from './constructs/gateway-monitoring';
export * from './constructs/vpn-gateway';
export * from './constructs/local-site';
export * from './constructs/gateway-nat-rule';
export * from './constructs/site-to-site-connection';
export * from './constructs/gateway-transit-peering';
export * from './constructs/vpn-site';

// Topologies
export * from './constructs/hub-spoke-transit';
export * from './constructs/active-active-gateway';
export * from './constructs/multi-site-vpn';
export * from './constructs/p2s-access';
export * from './constructs/vnet-to-vnet';

// The on-premises side: device configuration as a Terraform output
export * from './constructs/device-configuration';

// Synth-time validation and the rule catalogue
export * from './constructs/vpn-validation';
export * from './rules/rule-catalogue';

// Reachability, diagrams and the topology summary
export * from './constructs/vpn-topology';
