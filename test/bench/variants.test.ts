/**
 * The benchmark's synth comparison is only meaningful when the library variant and the raw
 * variant declare the same resources. No timings here.
 */
import { App, TerraformStack } from 'cdktf';
import * as lib from '../../lib';
import { normalizeResources } from '../../bench/normalize';
import { isProviderRoot, median, providerDeepPaths, scalingExponent } from '../../bench/support';
import { buildLibraryTopology } from '../../bench/topology-library';
import { buildRawTopology } from '../../bench/topology-raw';
import { TopologyShape } from '../../bench/topology-params';

function synthesize(build: (stack: TerraformStack) => void): any {
  const app = new App({ outdir: '/nonexistent', skipValidation: false });
  const stack = new TerraformStack(app, 'bench');
  build(stack);
  // The library's synth-time rules run in the validations; they throw on an error finding.
  stack.runAllValidations();
  return stack.toTerraform();
}

function countsByType(config: any): Record<string, number> {
  return Object.fromEntries(Object.entries(config.resource as Record<string, object>).map(([type, byId]) => [type, Object.keys(byId).length]));
}

describe.each<TopologyShape>([
  { spokes: 0, sites: 0 },
  { spokes: 3, sites: 2 },
  { spokes: 12, sites: 5 },
])('bench topology with $spokes spokes and $sites sites', (shape) => {
  const library = synthesize((stack) => buildLibraryTopology(lib, stack, shape));
  const raw = synthesize((stack) => buildRawTopology(stack, shape));

  test('GIVEN both variants WHEN synthesized with validations THEN they declare the same resource types in the same numbers', () => {
    expect(countsByType(raw)).toEqual(countsByType(library));
    expect(countsByType(library).azurerm_virtual_network).toBe(shape.spokes + 1);
    expect(countsByType(library).azurerm_virtual_network_peering ?? 0).toBe(2 * shape.spokes);
    expect(countsByType(library).azurerm_virtual_network_gateway_connection ?? 0).toBe(shape.sites);
  });

  test('GIVEN both variants WHEN their logical ids are normalized away THEN every resource has the same attributes', () => {
    expect(normalizeResources(raw)).toEqual(normalizeResources(library));
  });

  test('GIVEN both variants WHEN synthesized THEN they configure the same providers', () => {
    expect(Object.keys(raw.provider).sort()).toEqual(Object.keys(library.provider).sort());
    expect(raw.terraform.required_providers).toEqual(library.terraform.required_providers);
  });
});

test('GIVEN two configurations that differ in one attribute WHEN normalized THEN they differ', () => {
  const shape = { spokes: 2, sites: 1 };
  const raw = synthesize((stack) => buildRawTopology(stack, shape));
  const changed = JSON.parse(JSON.stringify(raw));
  const vnets = changed.resource.azurerm_virtual_network;
  vnets[Object.keys(vnets)[1]].address_space = ['10.99.0.0/24'];
  expect(normalizeResources(changed)).not.toEqual(normalizeResources(raw));
});

test('GIVEN the library sources WHEN scanned for provider imports THEN they are deep paths only, and include the gateway', () => {
  const paths = providerDeepPaths();
  expect(paths).toContain('@cdktf/provider-azurerm/lib/virtual-network-gateway');
  expect(paths.filter(isProviderRoot)).toEqual([]);
  expect(isProviderRoot('@cdktf/provider-azurerm')).toBe(true);
  expect(isProviderRoot('@cdktf/provider-azurerm/lib/index')).toBe(true);
  expect(isProviderRoot('@cdktf/provider-azurerm/lib/subnet')).toBe(false);
});

test('GIVEN measurements WHEN summarized THEN the median and the log-log exponent are the textbook ones', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(scalingExponent([1000, 10000, 50000].map((x) => ({ x, y: 0.002 * x })))).toBeCloseTo(1, 10);
  expect(scalingExponent([1000, 10000, 50000].map((x) => ({ x, y: 3e-6 * x * x })))).toBeCloseTo(2, 10);
});
