// What the framework under test writes. The cdktn jest project rewrites `cdktf/…` imports to
// `cdktn/…`, so the core package's own name tells which framework these tests run on, without
// asking the library (test/framework/framework.test.ts checks that the library agrees).
const corePackage: { name: string; version: string } = require('cdktf/package.json');

/** `cdktf` or `cdktn`. */
export const FRAMEWORK_UNDER_TEST: string = corePackage.name;

/**
 * The BGP switch of gateways and connections: `enable_bgp` with @cdktf/provider-azurerm 14
 * (azurerm 4.55), `bgp_enabled` with @cdktn/provider-azurerm 16 (azurerm 4.73, where enable_bgp is deprecated).
 */
export const BGP_ENABLED = FRAMEWORK_UNDER_TEST === 'cdktn' ? 'bgp_enabled' : 'enable_bgp';

/** The spelling the framework under test must not write. */
export const OTHER_BGP_SPELLING = BGP_ENABLED === 'bgp_enabled' ? 'enable_bgp' : 'bgp_enabled';
