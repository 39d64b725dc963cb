import { generateHubSpokeConfig, shapeFor } from '../../bench/generate-config';
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
