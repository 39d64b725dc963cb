import { generateHubSpokeConfig, shapeFor, spokePrefix } from '../../bench/generate-config';
import { checkJson, removeScratch, scratch, write } from './support';

function countResources(config: object): number {
  const resource = (config as { resource: Record<string, Record<string, unknown>> }).resource;
  return Object.values(resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

test.each([7, 30, 500, 2000])('GIVEN a request for %i resources WHEN generated THEN the configuration has about that many, deterministically', (n) => {
  const config = generateHubSpokeConfig(n);
  const count = countResources(config);
  expect(count).toBe(shapeFor(n).resources);
  expect(count).toBeLessThanOrEqual(n);
  expect(n - count).toBeLessThan(3);
  expect(JSON.stringify(generateHubSpokeConfig(n))).toBe(JSON.stringify(config));
});

test('GIVEN a generated configuration of 600 resources WHEN checked THEN it is a valid topology: no error, no warning', () => {
  const dir = scratch();
  try {
    const result = checkJson(write(dir, 'main.tf.json', generateHubSpokeConfig(600)));
    expect(result.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.code).toBe(0);
    expect(shapeFor(600).sites).toBeGreaterThan(0);
    expect(shapeFor(600).spokes).toBeGreaterThan(100);
  } finally {
    removeScratch(dir);
  }
});

test('GIVEN more spokes than /24s fit in 10.1.0.0–10.254.255.0 WHEN their prefixes are made THEN each spoke gets its own /26 and none repeats', () => {
  const spokes = 254 * 256 + 1;
  expect(spokePrefix(0, spokes - 1)).toBe('10.1.0.0/24');
  const prefixes = [0, 1, 2, 3, 4, 1023, spokes - 1].map((i) => spokePrefix(i, spokes));
  expect(prefixes).toEqual(['10.1.0.0/26', '10.1.0.64/26', '10.1.0.128/26', '10.1.0.192/26', '10.1.1.0/26', '10.1.255.192/26', '10.64.128.0/26']);
  expect(() => spokePrefix(254 * 256 * 4, 254 * 256 * 4 + 1)).toThrow(/too many spokes/);
});
